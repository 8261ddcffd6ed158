"""Leave-one-writer-out of the whole retrieval: the honest number for a change to the ranking.

    .venv/bin/python -m bench.lowo --corpus ../shared/corpus [--fit-rerank | --answers]

For each writer of the training questions (train-a/b/c and the retired fresh sets, bench/fit.py), the
query adapter is refitted without that writer's questions and the full pipeline (BM25 + adapted dense,
fusion, rerank, decisions) ranks that writer's questions. `bench.fit` measures the adapter alone; this
measures what a user would see at rank 1 and 5 from a writer the adapter never learnt from. Results go in
docs/benchmarks.md by hand (with the command). The honest sets (bench/eval.py HONEST) are never read.

With --fit-rerank every weight of the rerank's adapted cosine in RERANK_GRID is tried on every held-out
writer; the weight is chosen on the other writers' results for each writer in turn (the nested figure
printed is what a new writer would see), then on all of them, and written to bot/data/rerank.json.
With --answers the ranks are those of the answer's citations as the user sees them (what the answer layer
quotes first, after its own choices), for a change to the answer's order rather than the retriever's.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from bench.eval import DEFAULT_CORPUS, is_hit
from bench.fit import FRESH_WRITERS, WRITERS, fit_matrix, gold_mask, training_questions
from bench.split import DEFAULT_EVAL

RERANK_GRID = (0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def first_gold(retriever, question: dict) -> int | None:
    """Rank (0-based) of the first gold pasal in the top 10, None when absent or declined."""
    r = retriever.search(question["question"], top_k=10)
    keys = [(h.key[0], h.key[1] or None) for h in r.hits] if r.found else []
    return next((i for i, k in enumerate(keys) if is_hit(k, question["gold"])), None)


def first_gold_answered(assistant, question: dict) -> int | None:
    """Rank (0-based) of the first gold pasal among the answer's citations, in the order the user sees them."""
    a = assistant.ask(question["question"], top_k=10)
    keys = [(c.chunk.doc_id, c.chunk.pasal or None) for c in [*a.citations, *a.more]] if a.found else []
    return next((i for i, k in enumerate(keys) if is_hit(k, question["gold"])), None)


def _hits(ranks: list[int | None], k: int) -> int:
    return sum(1 for r in ranks if r is not None and r < k)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.lowo", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    ap.add_argument("--index", default="data/eval-index")
    ap.add_argument("--steps", type=int, default=150)
    ap.add_argument("--reg", type=float, default=0.01)  # LOWO 533 q: 0.03 → 0.754, 0.01 → 0.764, 0.003 → 0.767
    ap.add_argument("--fit-rerank", action="store_true", help="fit the rerank weight and write bot/data/rerank.json")
    ap.add_argument("--writers", default="",
                    help="comma-separated writers to hold out in turn (default: all); the others still train")
    ap.add_argument("--answers", action="store_true",
                    help="score the answer's citations in the order the user sees them, not the retriever's ranking")
    args = ap.parse_args(argv)
    if not args.corpus.exists() or not args.eval_dir.exists():
        print(f"Korpus atau set evaluasi tidak ditemukan ({args.corpus}, {args.eval_dir}).", file=sys.stderr)
        return 2

    from bot.adapter import QueryAdapter
    from bot.assistant import Assistant
    from bot.config import BotSettings
    from bot.retrieve import RERANK_DEPTH, RERANK_FILE
    from indexer.build import build_index

    settings = BotSettings(corpus_dir=str(args.corpus.resolve()), index_dir=args.index, llm_base_url="",
                           llm_model="")
    build_index(settings, progress=True)  # incremental: a no-op unless the corpus or the parser changed
    assistant = Assistant(settings)
    retriever = assistant.retriever
    if retriever is None or retriever.embeddings is None:
        print("Indeks kosong atau tanpa vektor.", file=sys.stderr)
        return 2
    embed = retriever.embed_query
    questions = training_questions(args.eval_dir)
    queries = np.stack([np.asarray(embed(q["question"]), dtype=np.float32) for q in questions])
    mask = gold_mask(retriever, questions)
    weights = RERANK_GRID if args.fit_rerank else (retriever.rerank_weight,)
    ranks: dict[str, dict[float, list[int | None]]] = {}
    print(f"Bobot rerank: {', '.join(str(w) for w in weights)}")
    print("| writer (held out) | questions | recall@1 | recall@5 |\n|---|---|---|---|")
    for writer in [w for w in (*WRITERS, *FRESH_WRITERS) if not args.writers or w in args.writers.split(",")]:
        train = np.array([i for i, q in enumerate(questions) if q["file"] != writer])
        held = [q for q in questions if q["file"] == writer]
        retriever.adapter = QueryAdapter(fit_matrix(queries[train], retriever.embeddings, mask[train],
                                                    args.steps, args.reg))
        ranks[writer] = {}
        for weight in weights:
            retriever.rerank_weight = weight
            ranks[writer][weight] = [first_gold_answered(assistant, q) if args.answers else first_gold(retriever, q)
                                     for q in held]
        shown = ranks[writer][weights[-1] if not args.fit_rerank else max(
            weights, key=lambda w, r=ranks[writer]: _hits(r[w], 1))]
        label = writer if not args.fit_rerank else f"{writer} (best weight on it alone)"
        print(f"| {label} | {len(held)} | {_hits(shown, 1) / len(held):.3f} | {_hits(shown, 5) / len(held):.3f} |",
              flush=True)
    total = sum(len(r[weights[0]]) for r in ranks.values())
    if not args.fit_rerank:
        all_ranks = [x for r in ranks.values() for x in r[weights[0]]]
        print(f"| **all** | {total} | **{_hits(all_ranks, 1) / total:.3f}** | **{_hits(all_ranks, 5) / total:.3f}** |")
        return 0

    def pooled(writers: list[str], weight: float) -> list[int | None]:
        return [x for w in writers for x in ranks[w][weight]]

    nested: list[int | None] = []
    for writer in ranks:
        others = [w for w in ranks if w != writer]
        chosen = max(weights, key=lambda w: (_hits(pooled(others, w), 1), -w))
        nested += ranks[writer][chosen]
        print(f"  {writer}: bobot {chosen} (dipilih pada penulis lain)")
    print("Per bobot (semua penulis, recall@1 / recall@5): " + "; ".join(
        f"{w}: {_hits(pooled(list(ranks), w), 1) / total:.3f} / {_hits(pooled(list(ranks), w), 5) / total:.3f}"
        for w in weights))
    print(f"Bersarang (bobot dipilih tanpa penulis yang diuji): {_hits(nested, 1) / total:.3f} / "
          f"{_hits(nested, 5) / total:.3f}")
    best = max(weights, key=lambda w: (_hits(pooled(list(ranks), w), 1), -w))
    RERANK_FILE.write_text(json.dumps({
        "adapted_weight": best, "depth": RERANK_DEPTH, "questions": total,
        "recall_at_1_by_weight": {str(w): round(_hits(pooled(list(ranks), w), 1) / total, 3) for w in weights},
        "nested_recall_at_1": round(_hits(nested, 1) / total, 3),
        "command": "python -m bench.lowo --corpus ../shared/corpus --fit-rerank",
    }, indent=1) + "\n", encoding="utf-8")
    print(f"Bobot rerank ditulis: {RERANK_FILE} ({best})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
