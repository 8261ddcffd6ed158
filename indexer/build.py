"""Incremental, blue/green index builds.

A build hashes every document (file bytes + what shapes its chunks), embeds only new or changed
ones, copies the vectors of unchanged ones from the active generation, writes all of it into a new
generation and switches the pointer only at the very end. Killed halfway, it leaves the previous
generation serving; the next build cleans up. A document that cannot be read is reported and
skipped; the others are still indexed.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from indexer.catalog import Catalog, load_catalog, make_id, save_catalog
from indexer.config import IndexSettings
from indexer.store import (
    IndexUnavailable,
    Manifest,
    Store,
    copy_document_rows,
    open_store,
    set_damaged_aside,
    writer_lock,
)
from indexer.types import Chunk, Document

if TYPE_CHECKING:  # imported lazily at run time: the parser is only needed when a build parses
    from indexer.legal import LegalTree

log = logging.getLogger(__name__)

# Bump when parsing or chunking changes: every document is then re-embedded.
# 5, 6: item vectors; 7: an ayat after a page stamp; 8: headings read from a footer; 9: a heading after OCR
# debris ends the pasal
PARSER_VERSION = "9"
ADD_BATCH = 128  # chunks per embed+add step (also the progress granularity)

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class DocReport:
    doc_id: str
    state: str  # baru | berubah | tetap | gagal | tanpa_berkas
    n_chunks: int = 0
    n_pasal: int = 0
    error: str | None = None


@dataclass
class BuildReport:
    generation: str | None
    switched: bool
    docs: list[DocReport] = field(default_factory=list)
    n_chunks: int = 0
    embedded: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[DocReport]:
        return [d for d in self.docs if d.state in ("gagal", "tanpa_berkas")]

    def summary(self) -> str:
        """One paragraph an admin can read on Telegram or in a terminal."""
        if not self.switched:
            head = "Indeks sudah mutakhir; tidak ada perubahan."
        else:
            head = (f"Indeks {self.generation} aktif: {len(self.docs) - len(self.failed)} dokumen, "
                    f"{self.n_chunks} potongan ({self.embedded} di-embed ulang) dalam {self.seconds:.1f} s.")
        lines = [head]
        lines += [f"- {d.doc_id}: {d.error}" for d in self.failed]
        lines += [f"- Peringatan: {w}" for w in self.warnings]
        return "\n".join(lines)


def document_hash(path: Path, doc: Document, settings: IndexSettings) -> str:
    """Changes when the file, the parser, the model or what labels/embeddings show changes."""
    h = hashlib.sha256()
    h.update(path.read_bytes())
    shape = (PARSER_VERSION, settings.embedding_model, settings.embedding_max_tokens,
             settings.embedding_int8, doc.kind, doc.jenis, doc.nomor, doc.tahun, doc.judul)
    h.update(repr(shape).encode())
    return h.hexdigest()


def parse_document(doc: Document, path: Path, tree: LegalTree | None = None) -> list[Chunk]:
    """File → citable chunks (raises indexer.load.DocumentError with a message for the admin).

    `tree` is the document's parse when the caller already has it (the build parses every
    regulation once for the consolidation)."""
    from indexer.chunks import chunk_document, chunks_from_tree
    from indexer.load import load_pages

    if tree is not None:
        return chunks_from_tree(doc, tree)
    return chunk_document(doc, load_pages(path))


def parse_tree(doc: Document, path: Path) -> LegalTree:
    """File → the legal structure (indexer.legal.LegalTree) of a regulation."""
    from indexer.clean import clean_pages
    from indexer.legal import parse_regulation
    from indexer.load import load_pages

    return parse_regulation(clean_pages(load_pages(path)), doc.id, amends=(doc.mengubah or (None,))[0])


def parse_regulations(docs: list[tuple[Document, Path | None]], cache_dir: Path | None = None,
                      digests: dict[str, str] | None = None) -> dict[str, LegalTree]:
    """Every readable regulation's tree by id (unreadable ones are reported by the build itself).

    With `cache_dir` and the documents' content hashes, parses are kept between builds (one pickle
    per document and hash), so adding one act re-parses only that act."""
    trees: dict[str, LegalTree] = {}
    keep: set[str] = set()
    for doc, path in docs:
        if doc.kind != "regulation" or path is None or not path.exists():
            continue
        cached = None
        if cache_dir is not None and digests and digests.get(doc.id):
            cached = cache_dir / f"{doc.id}-{digests[doc.id][:16]}.pickle"
            keep.add(cached.name)
            if cached.exists():
                try:
                    trees[doc.id] = pickle.loads(cached.read_bytes())
                    continue
                except Exception:  # a damaged cache file is only a cache: parse again
                    log.debug("parse cache %s unreadable", cached, exc_info=True)
        try:
            trees[doc.id] = parse_tree(doc, path)
        except Exception:  # the chunking step reports it with the file's name
            continue
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(".part")
            tmp.write_bytes(pickle.dumps(trees[doc.id], protocol=pickle.HIGHEST_PROTOCOL))
            tmp.replace(cached)
    if cache_dir is not None and cache_dir.exists() and digests:
        for stale in cache_dir.glob("*.pickle"):
            if stale.name not in keep:
                stale.unlink(missing_ok=True)
    return trees


def consolidation_hash() -> str:
    """Changes when the derivation or the admin's successor file changes (restamp, no re-embedding)."""
    from indexer.consolidate import SUCCESSORS_FILE, VERSION

    h = hashlib.sha256(VERSION.encode())
    if SUCCESSORS_FILE.exists():
        h.update(SUCCESSORS_FILE.read_bytes())
    return h.hexdigest()[:16]


def _pasal_count(chunks: list[Chunk]) -> int:
    return len({(c.amends, c.pasal) for c in chunks if c.pasal and c.part == "batang_tubuh"})


def _tqdm_progress() -> Progress:
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def update(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            unit = "potongan" if stage == "Embedding" else "dokumen"
            bar = bars[stage] = tqdm(total=total, desc=stage, unit=unit, leave=True)
        bar.total = total
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


def build_index(settings: IndexSettings, *, corpus_dir: Path | None = None, full: bool = False,
                progress: bool | Progress = False, embedder=None, store: Store | None = None) -> BuildReport:
    """Build the next generation from the corpus and switch to it. One writer at a time."""
    started = time.perf_counter()
    report_progress: Progress | None = (_tqdm_progress() if progress is True else progress or None)
    catalog = load_catalog(corpus_dir or settings.corpus_path)
    with writer_lock(settings):
        store = store or _open_for_build(settings)
        store.prune()  # leftovers of a build that was killed
        try:
            active = store.active()
        except IndexUnavailable as exc:  # the pointer names a generation that is gone: build afresh
            log.warning("%s", exc)
            active = None
        old_hashes = active.manifest.hashes if active else {}
        old_docs = {d["id"]: d for d in active.manifest.documents} if active else {}

        docs: list[tuple[Document, Path | None, str | None]] = []
        report = BuildReport(generation=None, switched=False)
        for doc in catalog.documents:
            path = catalog.file_path(doc)
            if path is None or not path.exists():
                report.docs.append(DocReport(doc.id, "tanpa_berkas",
                                             error=f"berkas {doc.file} tidak ada (jalankan: python -m indexer fetch)"))
                docs.append((doc, None, None))
                continue
            docs.append((doc, path, document_hash(path, doc, settings)))

        wanted = {doc.id: h for doc, _, h in docs if h}
        cons_hash = consolidation_hash()
        unchanged = (active is not None and not full and wanted == old_hashes
                     and active.manifest.consolidation == cons_hash
                     and all(old_docs.get(d.id) == d.to_dict() for d, _, h in docs if h))
        if unchanged and active is not None:  # (unchanged implies active; this narrows the type)
            report.generation = active.generation
            report.n_chunks = active.manifest.n_chunks
            report.docs = [DocReport(d.id, "tetap") for d, _, h in docs if h] + report.docs
            report.seconds = time.perf_counter() - started
            return report

        from indexer.consolidate import consolidate

        # Per-pasal status depends on every other regulation (an amending act, a repeal), so it is
        # derived again from all parses (a few seconds) and stamped on copied rows too.
        trees = parse_regulations([(doc, path) for doc, path, digest in docs if digest],
                                  cache_dir=None if settings.uses_server else settings.index_path / "parses",
                                  digests=wanted)
        consolidation = consolidate([(doc, trees[doc.id]) for doc, _, _ in docs if doc.id in trees])
        manifest = Manifest(generation=Store.new_generation_name(settings.collection_prefix),
                            created_at=Store.now(), model=settings.embedding_model, consolidation=cons_hash)
        collection = store.new_generation(manifest)
        to_embed: list[tuple[Document, list[Chunk]]] = []
        for i, (doc, path, digest) in enumerate(docs):
            if report_progress:
                report_progress("Membaca dokumen", i, len(docs))
            if digest is None or path is None:  # no file (path None → digest None)
                continue
            if not full and active and old_hashes.get(doc.id) == digest:
                n = copy_document_rows(active.collection, collection, doc, restamp=consolidation.stamp_metadata)
                manifest.hashes[doc.id] = digest
                manifest.documents.append(doc.to_dict())
                manifest.pasal_counts[doc.id] = active.manifest.pasal_counts.get(doc.id, 0)
                report.docs.append(DocReport(doc.id, "tetap", n_chunks=n,
                                             n_pasal=manifest.pasal_counts[doc.id]))
                continue
            try:
                chunks = [consolidation.stamp(c) for c in parse_document(doc, path, trees.get(doc.id))]
            except Exception as exc:  # one bad file must not stop the others
                log.warning("Dokumen %s dilewati: %s", doc.id, exc)
                report.docs.append(DocReport(doc.id, "gagal", error=str(exc)))
                continue
            if not chunks:
                report.docs.append(DocReport(doc.id, "gagal", error="tidak ada teks yang dapat dipotong"))
                continue
            state = "berubah" if doc.id in old_hashes else "baru"
            report.docs.append(DocReport(doc.id, state, n_chunks=len(chunks), n_pasal=_pasal_count(chunks)))
            manifest.hashes[doc.id] = digest
            manifest.documents.append(doc.to_dict())
            manifest.pasal_counts[doc.id] = _pasal_count(chunks)
            to_embed.append((doc, chunks))
        if report_progress:
            report_progress("Membaca dokumen", len(docs), len(docs))

        pending = [c for _, chunks in to_embed for c in chunks]
        if pending:
            if embedder is None:
                from indexer.embed import load_embedder

                embedder = load_embedder(settings)
            _embed_and_add(collection, pending, embedder, settings, report_progress)
        report.embedded = len(pending)
        manifest.n_chunks = collection.count()
        store.finish_generation(collection, manifest, consolidation.to_json())
        store.switch(manifest.generation, active.generation if active else None)
        store.prune()
        report.generation = manifest.generation
        report.switched = True
        report.n_chunks = manifest.n_chunks
        report.warnings = repeal_warnings(catalog, [d for d, _ in to_embed], trees)
        report.seconds = time.perf_counter() - started
        log.info("Build selesai: %s", report.summary().splitlines()[0])
        return report


def _open_for_build(settings: IndexSettings) -> Store:
    """The store to write to; an embedded index that cannot be opened is set aside and started anew."""
    store = open_store(settings)
    try:
        store.pointer()
    except IndexUnavailable:
        if set_damaged_aside(settings) is None:
            raise
        store = open_store(settings)
    return store


def _embed_and_add(collection, chunks: list[Chunk], embedder, settings: IndexSettings,
                   report_progress: Progress | None) -> None:
    seen: set[str] = set()
    unique = []
    for chunk in chunks:  # identical text at the same place (OCR duplicates) would clash on id
        if chunk.id not in seen:
            seen.add(chunk.id)
            unique.append(chunk)
    total = len(unique)
    for start in range(0, total, ADD_BATCH):
        batch = unique[start:start + ADD_BATCH]
        vectors = embedder.embed_passages([c.embedding_text() for c in batch],
                                          batch_size=settings.embedding_batch_size)
        embed_items(batch, embedder, settings.embedding_batch_size)
        collection.add(ids=[c.id for c in batch], documents=[c.text for c in batch],
                       metadatas=[c.to_metadata() for c in batch], embeddings=vectors.tolist())
        if report_progress:
            report_progress("Embedding", min(start + ADD_BATCH, total), total)


def embed_items(chunks: list[Chunk], embedder, batch_size: int) -> None:
    """Give every chunk with items one vector per item (`Chunk.item_vectors`): the answer
    picks the ayat or huruf that answers by meaning as well as by shared words."""
    owners = [c for c in chunks if c.item_spans]
    texts = [t for c in owners for t in c.item_texts()]
    if not texts:
        return
    vectors = embedder.embed_passages(texts, batch_size=batch_size)
    at = 0
    for c in owners:
        n = len(c.item_spans)
        c.item_vectors = np.asarray(vectors[at:at + n], dtype=np.float32)
        at += n


def repeal_warnings(catalog: Catalog, docs: list[Document], trees: dict | None = None) -> list[str]:
    """Where a regulation's closing provisions repeal something the catalogue still calls in force."""
    from indexer.clean import clean_pages
    from indexer.legal import find_repeals, parse_regulation
    from indexer.load import load_pages

    warnings = []
    ids = catalog.by_id()
    for doc in docs:
        path = catalog.file_path(doc)
        if doc.kind != "regulation" or path is None:
            continue
        tree = (trees or {}).get(doc.id)
        try:
            tree = tree or parse_regulation(clean_pages(load_pages(path)), doc.id)
        except Exception:  # already reported by the build itself
            continue
        for repeal in find_repeals(tree):
            target = ids.get(repeal.doc_id)
            if target is not None and (target.status != "dicabut" or target.dicabut_oleh != doc.id):
                warnings.append(f"{doc.short_name} mencabut {target.short_name}, tetapi katalog mencatat "
                                f"status '{target.status}' (dicabut_oleh={target.dicabut_oleh}).")
    return warnings


def ensure_index(settings: IndexSettings, progress: bool | Progress = False) -> BuildReport | None:
    """Build when there is no active index yet (first `make run`, first `python -m bot ask`)."""
    if open_store(settings).active() is not None:
        return None
    return build_index(settings, progress=progress)


# --------------------------------------------------------------------------- admin operations


@dataclass
class AddReport:
    doc: Document
    stored_as: Path
    n_pasal: int
    n_chunks: int
    build: BuildReport
    example_pasal: str | None = None


def add_document(settings: IndexSettings, file_path: Path, doc: Document, *,
                 corpus_dir: Path | None = None, progress: bool | Progress = False, embedder=None) -> AddReport:
    """Check a new file parses, store it under a generated safe name, catalogue it, index it."""
    corpus = Path(corpus_dir or settings.corpus_path)
    suffix = file_path.suffix.lower() if file_path.suffix.lower() in (".pdf", ".md", ".txt") else ".txt"
    doc_id = doc.id or make_id(doc.jenis or "doc", doc.nomor or "0", doc.tahun or 0)
    rel = Path("files") / f"{doc_id}{suffix}"
    doc = replace(doc, id=doc_id, file=rel.as_posix())
    chunks = parse_document(doc, file_path)  # fails before anything is stored
    if not chunks:
        from indexer.load import EmptyDocument

        raise EmptyDocument("Tidak ada teks pasal yang dapat dibaca dari berkas ini.")
    target = corpus / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".part")
    shutil.copyfile(file_path, tmp)
    tmp.replace(target)
    catalog = load_catalog(corpus)
    catalog.upsert(doc)
    save_catalog(catalog)
    build = build_index(settings, corpus_dir=corpus, progress=progress, embedder=embedder)
    pasal = [c.pasal for c in chunks if c.pasal and c.part == "batang_tubuh"]
    return AddReport(doc=doc, stored_as=target, n_pasal=_pasal_count(chunks), n_chunks=len(chunks),
                     build=build, example_pasal=pasal[0] if pasal else None)


def remove_document(settings: IndexSettings, doc_id: str, *, corpus_dir: Path | None = None,
                    progress: bool | Progress = False, embedder=None) -> BuildReport:
    corpus = Path(corpus_dir or settings.corpus_path)
    catalog = load_catalog(corpus)
    if catalog.remove(doc_id) is None:
        raise KeyError(f"Dokumen '{doc_id}' tidak ada di katalog.")
    save_catalog(catalog)
    return build_index(settings, corpus_dir=corpus, progress=progress, embedder=embedder)


def mark_repealed(settings: IndexSettings, doc_id: str, repealed_by: str | None, *,
                  corpus_dir: Path | None = None, embedder=None) -> BuildReport:
    """Set status dicabut (no re-embedding: unchanged vectors are copied with new metadata)."""
    corpus = Path(corpus_dir or settings.corpus_path)
    catalog = load_catalog(corpus)
    doc = catalog.get(doc_id)
    if doc is None:
        raise KeyError(f"Dokumen '{doc_id}' tidak ada di katalog.")
    if repealed_by and catalog.get(repealed_by) is None:
        raise KeyError(f"Dokumen pengganti '{repealed_by}' tidak ada di katalog.")
    catalog.upsert(replace(doc, status="dicabut", dicabut_oleh=repealed_by))
    if repealed_by:
        successor = catalog.get(repealed_by)
        if successor and doc_id not in successor.mencabut:
            catalog.upsert(replace(successor, mencabut=(*successor.mencabut, doc_id)))
    save_catalog(catalog)
    return build_index(settings, corpus_dir=corpus, embedder=embedder)
