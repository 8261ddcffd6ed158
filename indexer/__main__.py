"""Command line for admins: python -m indexer build|status|show|add|remove|cabut|rollback|fetch|model.

Every command takes --corpus DIR (default: CORPUS_DIR). Exit code is non-zero on failure.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from indexer.catalog import Catalog, CatalogError, load_catalog, make_id
from indexer.config import IndexSettings
from indexer.types import Document

if TYPE_CHECKING:  # imported lazily at run time, as below
    from indexer.consolidate import Consolidation
    from indexer.legal import LegalTree


class _PathOverrides(TypedDict, total=False):
    """The settings --corpus and --index override (the rest come from the environment)."""

    corpus_dir: str
    index_dir: str


def _settings(args: argparse.Namespace) -> IndexSettings:
    overrides: _PathOverrides = {}
    if getattr(args, "corpus", None):
        overrides["corpus_dir"] = str(Path(args.corpus).resolve())
    if getattr(args, "index", None):
        overrides["index_dir"] = str(Path(args.index).resolve())
    return IndexSettings(**overrides)


def cmd_build(args: argparse.Namespace) -> int:
    from indexer.build import build_index

    report = build_index(_settings(args), full=args.full, progress=not args.quiet)
    print(report.summary())
    for d in report.docs:
        if d.state not in ("tetap",) or args.verbose:
            print(f"  {d.doc_id:<52} {d.state:<12} {d.n_pasal:>4} pasal {d.n_chunks:>5} potongan")
    return 1 if report.failed and args.strict else 0


def cmd_status(args: argparse.Namespace) -> int:
    from indexer.store import open_store

    settings = _settings(args)
    store = open_store(settings)
    active = store.active()
    counts = active.consolidation().counts if active else {}

    def per_pasal(doc_id: str) -> dict:
        c = counts.get(doc_id)
        return {"berlaku": c.berlaku, "diubah": c.diubah, "dihapus": c.dihapus, "dicabut": c.dicabut,
                "disisipkan": c.disisipkan, "menyisipkan": c.menyisipkan,
                "instruksi_tidak_diterapkan": c.not_applied} if c else {}

    # JSON-shaped rows: printed as JSON with --json, as a table otherwise.
    documents: list[dict[str, Any]] = [
        {"id": d.id, "label": d.short_name, "kind": d.kind, "status": d.status,
         "dicabut_oleh": d.dicabut_oleh,
         "pasal": active.manifest.pasal_counts.get(d.id, 0),
         "per_pasal": per_pasal(d.id)} for d in active.documents()
    ] if active else []
    data = {
        "active": active.generation if active else None,
        "created_at": active.created_at if active else None,
        "previous": store.pointer().get("previous") or None,
        "generations": store.generations(),
        "model": active.manifest.model if active else settings.embedding_model,
        "chunks": active.manifest.n_chunks if active else 0,
        "documents": documents,
        "backend": f"http://{settings.chroma_host}:{settings.chroma_port}" if settings.uses_server
        else str(settings.index_path),
    }
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0 if active else 1
    if not active:
        print(f"Belum ada indeks aktif di {data['backend']}. Jalankan: python -m indexer build")
        return 1
    print(f"Indeks aktif : {data['active']} (dibuat {data['created_at']})")
    print(f"Penyimpanan  : {data['backend']}")
    print(f"Model        : {data['model']}")
    print(f"Potongan     : {data['chunks']}")
    for d in documents:
        if d["kind"] == "article":
            print(f"  {d['id']:<52} artikel")
        else:
            repealed = f"  (dicabut oleh {d['dicabut_oleh']})" if d["dicabut_oleh"] else ""
            print(f"  {d['id']:<52} {d['status']:<8} {d['pasal']:>4} pasal{repealed}")
            c = d["per_pasal"]
            if c:
                print(f"      pasal berlaku {c['berlaku']}, diubah {c['diubah']}, dihapus {c['dihapus']}, "
                      f"dicabut {c['dicabut']}; disisipkan ke dalamnya {c['disisipkan']}, "
                      f"disisipkan olehnya ke UU/PP lain {c['menyisipkan']}; "
                      f"instruksi tidak diterapkan {len(c['instruksi_tidak_diterapkan'])}")
                for line in c["instruksi_tidak_diterapkan"]:
                    print(f"        ! {line}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from indexer.build import parse_document
    from indexer.clean import clean_pages
    from indexer.legal import format_tree, parse_regulation
    from indexer.load import load_pages

    settings = _settings(args)
    catalog = load_catalog(settings.corpus_path)
    doc = catalog.get(args.id)
    if doc is None:
        print(f"Dokumen '{args.id}' tidak ada di katalog {settings.corpus_path}.", file=sys.stderr)
        return 2
    path = catalog.file_path(doc)
    if path is None or not path.exists():
        print(f"Berkas {doc.file} tidak ada. Jalankan: python -m indexer fetch --only {doc.id}", file=sys.stderr)
        return 2
    if doc.kind == "regulation":
        tree = parse_regulation(clean_pages(load_pages(path)), doc.id, amends=(doc.mengubah or (None,))[0])
        if args.pasal is None:
            print(format_tree(tree))
            return 0
        return _show_pasal(settings, catalog, doc.id, args.pasal, tree, as_json=args.json)
    for chunk in parse_document(doc, path):
        print(f"--- {chunk.label} [{chunk.seq}]\n{chunk.text}\n")
    return 0


def _corpus_consolidation(catalog: Catalog) -> tuple[Consolidation, list[tuple[Document, LegalTree]]]:
    from indexer.build import parse_regulations
    from indexer.consolidate import consolidate

    pairs = [(d, catalog.file_path(d)) for d in catalog.documents]
    trees = parse_regulations(pairs)
    parsed = [(d, trees[d.id]) for d in catalog.documents if d.id in trees]
    return consolidate(parsed), parsed


def _show_pasal(settings: IndexSettings, catalog, doc_id: str, pasal: str, tree, as_json: bool) -> int:
    """The consolidated pasal: status, wording in force and its source, history, saving clause, …"""
    from indexer.legal import format_tree
    from indexer.references import pasal_number

    consolidation, parsed = _corpus_consolidation(catalog)
    pasal = pasal_number(pasal)
    record = consolidation.get(doc_id, pasal)
    if record is None:
        if as_json:
            print(json.dumps({"doc_id": doc_id, "pasal": pasal, "error": "tidak ditemukan"}))
        else:
            print(format_tree(tree, pasal=pasal))
        return 1
    trees = dict((d.id, t) for d, t in parsed)
    current = record.current
    in_force = (consolidation.get(current.doc_id, current.pasal)
                if current is not None and current.pasal is not None else None)
    current_text = in_force.text if in_force is not None else None  # composed when only an ayat was restated
    if current_text is None and record.current is not None:
        holder = trees.get(record.current.doc_id)
        nodes = [n for n in holder.all_pasal() if n.number == record.current.pasal] if holder else []
        current_text = holder.text(nodes[0]) if holder and nodes else None
    data = record.to_dict()
    data["current_text"] = current_text
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    names = {d.id: d.short_name for d in catalog.documents}

    def name(ref) -> str:
        if ref is None:
            return "-"
        where = f"{names.get(ref['doc_id'], ref['doc_id'])} Pasal {ref['pasal']}" if ref.get("pasal") else \
            names.get(ref["doc_id"], ref["doc_id"])
        for key in ("ayat", "huruf", "angka"):
            if ref.get(key):
                where += f" {key} ({ref[key]})" if key == "ayat" else f" {key} {ref[key]}"
        return where

    print(f"{names.get(doc_id, doc_id)} Pasal {pasal}: {record.status}"
          + (f" (bagian dari {names.get(record.base_doc, record.base_doc)})" if record.base_doc != doc_id else ""))
    print(f"Teks berlaku : {name(data['current'])}")
    history = " → ".join(f"{names.get(h.doc_id, h.doc_id)} {h.change}"
                         + (f" {', '.join(h.parts)}" if h.parts else "") + (" (disimpulkan)" if h.inferred else "")
                         for h in record.history)
    print(f"Riwayat      : {history}")
    if record.kept_in_force_by:
        print(f"Tetap berlaku: berdasarkan {name(data['kept_in_force_by'])}: {record.kept_in_force_by.text}")
    if record.not_yet_in_force_until:
        print(f"Belum berlaku: {name(data['not_yet_in_force_until'])}: {record.not_yet_in_force_until.text}")
    if record.penjelasan_changed_by:
        print(f"Penjelasan   : diubah oleh {names.get(record.penjelasan_changed_by, record.penjelasan_changed_by)}")
    for s in data["successors"]:
        print(f"Pengganti    : {name(s)} ({s['how']})")
    print(f"Merujuk      : {', '.join(name(r) for r in data['references']) or '-'}")
    print(f"Dirujuk oleh : {', '.join(name(r) for r in data['referenced_by']) or '-'}")
    print()
    if current_text:
        print(f"--- Teks yang berlaku ({name(data['current'])})")
        print(current_text)
        print()
    print(f"--- Hasil parsing {doc_id}")
    print(format_tree(tree, pasal=pasal))
    return 0


def cmd_successors(args: argparse.Namespace) -> int:
    """Recompute the successor suggestions (kept: links an admin confirmed)."""
    from indexer.consolidate import SUCCESSORS_FILE, regenerate_successors

    settings = _settings(args)
    catalog = load_catalog(settings.corpus_path)
    _, parsed = _corpus_consolidation(catalog)
    data = regenerate_successors(parsed, SUCCESSORS_FILE)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if args.write:
        SUCCESSORS_FILE.parent.mkdir(parents=True, exist_ok=True)
        SUCCESSORS_FILE.write_text(text, encoding="utf-8")
        print(f"{len(data['links'])} tautan pengganti ditulis ke {SUCCESSORS_FILE}.")
    else:
        print(text)
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from indexer.build import add_document

    settings = _settings(args)
    file_path = Path(args.file)
    if not file_path.is_file():
        print(f"Berkas {file_path} tidak ditemukan.", file=sys.stderr)
        return 2
    doc = Document(id=args.id or make_id(args.jenis, args.nomor, args.tahun), kind="regulation",
                   jenis=args.jenis.upper(), nomor=str(args.nomor), tahun=int(args.tahun), judul=args.judul,
                   status=args.status, dicabut_oleh=args.dicabut_oleh, source_url=args.source_url)
    report = add_document(settings, file_path, doc, progress=not args.quiet)
    print(f"{report.doc.short_name} disimpan sebagai {report.stored_as}: {report.n_pasal} pasal dikenali, "
          f"{report.n_chunks} potongan.")
    if report.example_pasal:
        print(f"Periksa dengan: python -m indexer show {report.doc.id} --pasal {report.example_pasal}")
    print(report.build.summary())
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from indexer.build import remove_document

    print(remove_document(_settings(args), args.id).summary())
    return 0


def cmd_cabut(args: argparse.Namespace) -> int:
    from indexer.build import mark_repealed

    print(mark_repealed(_settings(args), args.id, args.oleh).summary())
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    from indexer.store import open_store, writer_lock

    settings = _settings(args)
    with writer_lock(settings):
        print(f"Indeks aktif dikembalikan ke {open_store(settings).rollback()}.")
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    from indexer.fetch import fetch_corpus, format_report

    report = fetch_corpus(_settings(args).corpus_path, only=args.only or None, force=args.force,
                          progress=not args.quiet)
    print(format_report(report))
    return 0 if report.ok else 1


def cmd_files(args: argparse.Namespace) -> int:
    """Which catalogued files are present; exit 1 when none is (nothing to index yet)."""
    settings = _settings(args)
    catalog = load_catalog(settings.corpus_path)
    present = 0
    for doc in catalog.documents:
        path = catalog.file_path(doc)
        ok = bool(path and path.exists())
        present += ok
        print(f"  {'✓' if ok else '✗'} {doc.id:<45} {doc.file or '-'}")
    print(f"{present} dari {len(catalog.documents)} berkas ada di {settings.corpus_path}.")
    return 0 if present else 1


def cmd_model(args: argparse.Namespace) -> int:
    from indexer.embed import ensure_default_model

    path = ensure_default_model(_settings(args))
    print(f"Model embedding siap: {path or _settings(args).model_path}")
    return 0


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corpus", help="folder korpus (berisi catalog.json); bawaan: CORPUS_DIR")
    common.add_argument("--index", help="folder indeks Chroma; bawaan: INDEX_DIR")
    common.add_argument("-q", "--quiet", action="store_true", help="tanpa bilah kemajuan")
    p = argparse.ArgumentParser(prog="python -m indexer", description="Indeks peraturan Tanya ASN.")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", parents=[common], help="bangun indeks (inkremental)")
    b.add_argument("--full", action="store_true", help="embed ulang semua dokumen")
    b.add_argument("--strict", action="store_true", help="keluar dengan kode 1 bila ada dokumen gagal")
    b.add_argument("-v", "--verbose", action="store_true")
    b.set_defaults(func=cmd_build)

    s = sub.add_parser("status", parents=[common], help="indeks aktif, dokumen, jumlah potongan")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_status)

    sh = sub.add_parser("show", parents=[common], help="tampilkan struktur hasil parsing satu dokumen")
    sh.add_argument("id")
    sh.add_argument("--pasal", help="hanya pasal ini, mis. 5 atau 5A (dengan status konsolidasinya)")
    sh.add_argument("--json", action="store_true", help="pasal terkonsolidasi sebagai satu objek JSON")
    sh.set_defaults(func=cmd_show)

    su = sub.add_parser("successors", parents=[common],
                        help="hitung ulang saran pasal pengganti untuk peraturan yang dicabut")
    su.add_argument("--write", action="store_true", help="tulis ke indexer/data/successors.json")
    su.set_defaults(func=cmd_successors)

    a = sub.add_parser("add", parents=[common], help="tambahkan berkas peraturan ke korpus dan indeks")
    a.add_argument("file")
    a.add_argument("--jenis", required=True, help="UU, PP, SKB, SE, …")
    a.add_argument("--nomor", required=True)
    a.add_argument("--tahun", required=True, type=int)
    a.add_argument("--judul", required=True)
    a.add_argument("--id", help="id katalog; bawaan jenis-nomor-tahun")
    a.add_argument("--status", choices=["berlaku", "dicabut"], default="berlaku")
    a.add_argument("--dicabut-oleh", dest="dicabut_oleh")
    a.add_argument("--source-url", dest="source_url")
    a.set_defaults(func=cmd_add)

    r = sub.add_parser("remove", parents=[common], help="hapus dokumen dari katalog dan indeks")
    r.add_argument("id")
    r.set_defaults(func=cmd_remove)

    c = sub.add_parser("cabut", parents=[common], help="tandai peraturan sudah dicabut")
    c.add_argument("id")
    c.add_argument("oleh", nargs="?", help="id peraturan pencabut")
    c.set_defaults(func=cmd_cabut)

    rb = sub.add_parser("rollback", parents=[common], help="kembali ke generasi indeks sebelumnya")
    rb.set_defaults(func=cmd_rollback)

    f = sub.add_parser("fetch", parents=[common], help="unduh berkas resmi yang belum ada")
    f.add_argument("--only", nargs="*", help="hanya id ini")
    f.add_argument("--force", action="store_true", help="unduh ulang walau berkas sudah ada")
    f.set_defaults(func=cmd_fetch)

    fl = sub.add_parser("files", parents=[common], help="berkas katalog mana yang sudah ada")
    fl.set_defaults(func=cmd_files)

    m = sub.add_parser("model", parents=[common], help="buat folder model embedding bawaan (offline)")
    m.set_defaults(func=cmd_model)
    return p


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "chromadb", "sentence_transformers", "transformers"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except CatalogError as exc:
        print(f"Katalog bermasalah: {exc}", file=sys.stderr)
        return 2
    except (KeyError, FileNotFoundError) as exc:
        print(str(exc).strip("'\""), file=sys.stderr)
        return 2
    except Exception as exc:
        from indexer.embed import ModelMissing
        from indexer.load import DocumentError
        from indexer.store import StoreError

        if isinstance(exc, ModelMissing):
            print(str(exc), file=sys.stderr)
            return 78  # EX_CONFIG: a setup problem; retrying will not help
        if isinstance(exc, DocumentError | StoreError):
            print(str(exc), file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
