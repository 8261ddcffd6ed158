"""Indexing benchmark: full build, no-op rebuild, one changed document, query embedding.

    .venv/bin/python -m bench.indexing --corpus ../shared/corpus [--int8]

Works on a private copy of the corpus and a temporary index; prints a Markdown table (paste it
into docs/benchmarks.md). Targets (issue 3): full ≤ 120 s, no-op ≤ 3 s, one changed ≤ 15 s,
query embedding ≤ 20 ms, on a 2-core machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from indexer.build import build_index, parse_document
from indexer.catalog import load_catalog
from indexer.config import IndexSettings
from indexer.embed import load_embedder


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--int8", action="store_true", help="int8 dynamic quantisation (faster, batch-dependent)")
    ap.add_argument("--changed", default="pp-94-2021", help="document touched for the one-changed case")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(args.corpus, corpus)
        for p in corpus.rglob("*"):
            p.chmod(0o755 if p.is_dir() else 0o644)
        settings = IndexSettings(corpus_dir=str(corpus), index_dir=str(Path(tmp) / "index"),
                                 embedding_int8=args.int8)
        t = time.perf_counter()
        embedder = load_embedder(settings)
        load_s = time.perf_counter() - t

        catalog = load_catalog(corpus)
        t = time.perf_counter()
        chunks = [c for d in catalog.documents for c in parse_document(d, catalog.file_path(d))]
        parse_s = time.perf_counter() - t
        tokenizer = embedder.model.tokenizer if hasattr(embedder.model, "tokenizer") else embedder.model[0].tokenizer
        tokens = sum(min(len(tokenizer(c.embedding_text())["input_ids"]), settings.embedding_max_tokens)
                     for c in chunks)

        t = time.perf_counter()
        full = build_index(settings, embedder=embedder)
        full_s = time.perf_counter() - t

        t = time.perf_counter()
        noop = build_index(settings, embedder=embedder)
        noop_s = time.perf_counter() - t
        assert not noop.switched

        doc = catalog.get(args.changed)
        path = catalog.file_path(doc)
        if path.suffix == ".pdf":  # append a harmless byte: the hash changes, the text does not
            path.write_bytes(path.read_bytes() + b"\n")
        else:
            path.write_text(path.read_text() + "\n")
        t = time.perf_counter()
        one = build_index(settings, embedder=embedder)
        one_s = time.perf_counter() - t

        questions = ["boleh gak PNS like postingan caleg di IG?", "sanksi ASN ikut kampanye apa?",
                     "istri saya nyaleg, saya harus gimana?", "apa hukuman disiplin sedang?"]
        import torch

        torch.set_num_threads(1)  # what the bot uses for queries (TORCH_THREADS=1)
        embedder.embed_query("pemanasan")
        times = []
        for _ in range(10):
            for q in questions:
                t = time.perf_counter()
                embedder.embed_query(q)
                times.append((time.perf_counter() - t) * 1000)

    mode = "int8 dynamic" if args.int8 else "fp32"
    print(f"| measure ({mode}, max {settings.embedding_max_tokens} tokens) | result |")
    print("|---|---|")
    print(f"| model load | {load_s:.1f} s |")
    print(f"| parse all documents | {parse_s:.2f} s, {len(chunks)} chunks, {tokens} tokens |")
    print(f"| full build | {full_s:.1f} s ({full.embedded} chunks embedded, {tokens / full_s:.0f} tokens/s) |")
    print(f"| no-op rebuild | {noop_s:.2f} s |")
    print(f"| one changed document ({args.changed}) | {one_s:.1f} s ({one.embedded} chunks embedded) |")
    print(f"| query embedding | p50 {statistics.median(times):.1f} ms, "
          f"max {max(times):.1f} ms over {len(times)} |")


if __name__ == "__main__":
    main()
