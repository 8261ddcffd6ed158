"""Leave-one-writer-out of the whole retrieval: the honest number for a change to the ranking.

    .venv/bin/python -m bench.lowo --corpus ../shared/corpus

For each writer of the training questions (train-a/b/c and the retired fresh sets, bench/fit.py), the
query adapter is refitted without that writer's questions and the full pipeline (BM25 + adapted dense,
fusion, decisions) ranks that writer's questions. `bench.fit` measures the adapter alone; this measures
what a user would see at rank 1 and 5 from a writer the adapter never learnt from. Results go in
docs/benchmarks.md by hand (with the command). The honest sets (bench/eval.py HONEST) are never read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from bench.eval import DEFAULT_CORPUS, is_hit
from bench.fit import FRESH_WRITERS, WRITERS, fit_matrix, gold_mask, training_questions
from bench.split import DEFAULT_EVAL


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.lowo", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    ap.add_argument("--index", default="data/eval-index")
    ap.add_argument("--steps", type=int, default=150)
    ap.add_argument("--reg", type=float, default=0.03)
    args = ap.parse_args(argv)
    if not args.corpus.exists() or not args.eval_dir.exists():
        print(f"Korpus atau set evaluasi tidak ditemukan ({args.corpus}, {args.eval_dir}).", file=sys.stderr)
        return 2

    from bot.adapter import QueryAdapter
    from bot.assistant import Assistant
    from bot.config import BotSettings
    from indexer.build import build_index

    settings = BotSettings(corpus_dir=str(args.corpus.resolve()), index_dir=args.index, llm_base_url="",
                           llm_model="")
    build_index(settings, progress=True)  # incremental: a no-op unless the corpus or the parser changed
    retriever = Assistant(settings).retriever
    if retriever is None or retriever.embeddings is None:
        print("Indeks kosong atau tanpa vektor.", file=sys.stderr)
        return 2
    embed = retriever.embed_query
    questions = training_questions(args.eval_dir)
    queries = np.stack([np.asarray(embed(q["question"]), dtype=np.float32) for q in questions])
    mask = gold_mask(retriever, questions)
    hits1 = hits5 = total = 0
    print("| writer (held out) | questions | recall@1 | recall@5 |\n|---|---|---|---|")
    for writer in (*WRITERS, *FRESH_WRITERS):
        train = np.array([i for i, q in enumerate(questions) if q["file"] != writer])
        held = [q for q in questions if q["file"] == writer]
        retriever.adapter = QueryAdapter(fit_matrix(queries[train], retriever.embeddings, mask[train],
                                                    args.steps, args.reg))
        r1 = r5 = 0
        for q in held:
            r = retriever.search(q["question"], top_k=10)
            keys = [(h.key[0], h.key[1] or None) for h in r.hits] if r.found else []
            first = next((i for i, k in enumerate(keys) if is_hit(k, q["gold"])), None)
            r1 += first is not None and first < 1
            r5 += first is not None and first < 5
        print(f"| {writer} | {len(held)} | {r1 / len(held):.3f} | {r5 / len(held):.3f} |", flush=True)
        hits1, hits5, total = hits1 + r1, hits5 + r5, total + len(held)
    print(f"| **all** | {total} | **{hits1 / total:.3f}** | **{hits5 / total:.3f}** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
