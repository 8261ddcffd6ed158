"""Command line: `python -m bot [run]` starts the Telegram bot; `ask` and `chat` answer in the terminal.

    python -m bot ask "boleh gak PNS like postingan caleg?" [--json] [--top-k 5] [--draft]
    python -m bot ask --questions FILE.jsonl --json     # one JSON line per {"id","question"} line
    python -m bot chat
    python -m bot admin add FILE.pdf --caption "PP 37 2004 Larangan PNS …" [--mencabut ID | --mengubah ID]
    python -m bot admin cabut ID [OLEH] | rebuild [--full] | rollback | ids

`admin` goes through bot.admin.IndexAdmin, the same operations (and the same lock) the Telegram
admin commands use.

The JSON shape is a stable contract (README "JSON contract"): id, question, answer, found,
citations [{doc_id, pasal, ayat, part, label, status, text, score}] in rank order, latency_ms.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from bot.config import BotSettings


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bot", description="Tanya ASN: asisten netralitas dan disiplin ASN.")
    p.add_argument("--corpus", help="folder korpus (menimpa CORPUS_DIR)")
    p.add_argument("--index", help="folder indeks Chroma (menimpa INDEX_DIR)")
    p.add_argument("-v", "--verbose", action="store_true", help="tampilkan log")
    sub = p.add_subparsers(dest="command")
    sub.add_parser("run", help="jalankan bot Telegram (bawaan)")
    ask = sub.add_parser("ask", help="jawab satu pertanyaan, atau satu berkas JSONL pertanyaan")
    ask.add_argument("question", nargs="?", help="pertanyaan dalam Bahasa Indonesia")
    ask.add_argument("--questions", type=Path, help='berkas JSONL berisi {"id","question"} per baris')
    ask.add_argument("--json", action="store_true", help="keluaran JSON (satu baris per pertanyaan)")
    ask.add_argument("--top-k", type=int, default=5, help="jumlah kutipan maksimum dalam JSON (bawaan 5)")
    ask.add_argument("--draft", action="store_true", help="tulis draf balasan resmi helpdesk")
    sub.add_parser("chat", help="tanya-jawab interaktif di terminal")
    adm = sub.add_parser("admin", help="ubah korpus dan indeks (sama dengan perintah admin di Telegram)")
    ops = adm.add_subparsers(dest="op", required=True)
    add = ops.add_parser("add", help="tambahkan peraturan dari berkas PDF/MD/TXT")
    add.add_argument("file", type=Path)
    add.add_argument("--caption", required=True, help='"jenis nomor tahun judul", mis. "PP 94 2021 Disiplin PNS"')
    relation = add.add_mutually_exclusive_group()
    relation.add_argument("--mencabut", metavar="ID", help="peraturan yang dicabut oleh berkas ini")
    relation.add_argument("--mengubah", metavar="ID", help="peraturan yang diubah oleh berkas ini")
    cabut = ops.add_parser("cabut", help="tandai peraturan dicabut (tanpa embedding ulang)")
    cabut.add_argument("doc_id")
    cabut.add_argument("by", nargs="?")
    rebuild = ops.add_parser("rebuild", help="bangun ulang indeks (inkremental; --full untuk semua)")
    rebuild.add_argument("--full", action="store_true")
    ops.add_parser("rollback", help="kembali ke generasi indeks sebelumnya")
    ops.add_parser("ids", help="daftar id peraturan (untuk cabut, --mencabut, --mengubah)")
    return p


def _settings(args: argparse.Namespace) -> BotSettings:
    overrides = {}
    if args.corpus:
        overrides["corpus_dir"] = args.corpus
    if args.index:
        overrides["index_dir"] = args.index
    return BotSettings(**overrides)


# EX_CONFIG: the operator must fix the setup; a supervisor should not restart (RestartPreventExitStatus=78).
EXIT_CONFIG = 78


def _assistant(settings: BotSettings):
    from bot.assistant import Assistant
    from indexer.store import IndexUnavailable

    assistant = Assistant(settings)
    if assistant.retriever is None and assistant.index_error:
        raise IndexUnavailable(assistant.index_error)  # at a terminal: say which command fixes it
    return assistant


def _json_record(assistant, qid, question: str, top_k: int, draft: bool) -> dict:
    answer = assistant.ask(question, top_k=top_k)
    record = answer.to_json(id=qid)
    record["citations"] = record["citations"][:top_k]
    if draft:
        from bot.answer import draft_reply

        record["draft"] = draft_reply(answer)
    return record


def cmd_ask(args: argparse.Namespace, settings: BotSettings) -> int:
    if not args.question and not args.questions:
        print("Tulis pertanyaannya, mis. python -m bot ask \"bolehkah PNS ikut kampanye?\"", file=sys.stderr)
        return 2
    assistant = _assistant(settings)
    if args.questions:
        try:
            lines = args.questions.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            print(f"Tidak bisa membaca {args.questions}: {exc}", file=sys.stderr)
            return 2
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                qid, question = item.get("id"), str(item.get("question") or "")
            except (json.JSONDecodeError, AttributeError):
                print(f"Baris {n} bukan JSON yang sah; dilewati.", file=sys.stderr)
                continue
            record = _json_record(assistant, qid, question, args.top_k, args.draft)
            if args.json:
                print(json.dumps(record, ensure_ascii=False), flush=True)
            else:
                print(f"[{qid}] {question}\n{record['answer']}\n", flush=True)
        return 0
    if args.json:
        print(json.dumps(_json_record(assistant, None, args.question, args.top_k, args.draft), ensure_ascii=False))
    elif args.draft:
        print(assistant.draft(args.question))
    else:
        print(assistant.ask(args.question, top_k=args.top_k).text)
    return 0


def cmd_chat(settings: BotSettings) -> int:
    assistant = _assistant(settings)
    print("Tanya ASN — ketik pertanyaan, /draf <pertanyaan> untuk draf resmi, /keluar untuk berhenti.")
    while True:
        try:
            line = input("\n❓ ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not line:
            continue
        if line.lower() in ("/keluar", "/exit", "/quit", "keluar"):
            return 0
        if line.lower().startswith("/draf "):
            print(assistant.draft(line[6:]))
            continue
        answer = assistant.ask(line)
        print(f"\n{answer.text}\n({answer.latency_ms:.0f} ms)")


def cmd_admin(args: argparse.Namespace, settings: BotSettings) -> int:
    from bot.admin import IndexAdmin, UploadPlan
    from bot.handler_kit import parse_caption
    from indexer.load import DocumentError

    admin = IndexAdmin(settings)
    try:
        if args.op == "ids":
            for d in admin.regulations():
                print(f"{d.id:<40} {d.short_name:<20} {d.status}")
        elif args.op == "add":
            parsed = parse_caption(args.caption)
            if parsed is None:
                print("Keterangan tidak terbaca; tulis \"jenis nomor tahun judul\", mis. \"PP 94 2021 Disiplin PNS\".",
                      file=sys.stderr)
                return 2
            target = args.mencabut or args.mengubah
            plan = UploadPlan(*parsed, relation="mencabut" if args.mencabut else "mengubah" if args.mengubah
                              else "baru", target=target)
            report = admin.add(args.file, plan)
            print(f"{plan.short_name} ditambahkan: {report.n_pasal} pasal; {report.build.summary()}")
        elif args.op == "cabut":
            admin.cabut(args.doc_id, args.by)
            print(f"{args.doc_id} ditandai dicabut" + (f" oleh {args.by}." if args.by else "."))
        elif args.op == "rebuild":
            print(admin.rebuild(full=args.full, progress=None).summary())
        elif args.op == "rollback":
            print(f"Indeks aktif dikembalikan ke {admin.rollback()}.")
    except (KeyError, DocumentError) as exc:
        print(exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc), file=sys.stderr)
        return 1
    return 0


def cmd_run(settings: BotSettings) -> int:
    from bot import telegram  # imported lazily: ask/chat need no Telegram library setup

    telegram.main(settings)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    settings = _settings(args)
    from indexer.embed import ModelMissing
    from indexer.store import StoreError

    try:
        if args.command == "ask":
            return cmd_ask(args, settings)
        if args.command == "chat":
            return cmd_chat(settings)
        if args.command == "admin":
            return cmd_admin(args, settings)
        return cmd_run(settings)
    except ModelMissing as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_CONFIG
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
