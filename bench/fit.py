"""Fit the query adapter (bot/adapter.py) on training questions, never on the honest set.

    .venv/bin/python -m bench.fit --corpus ../shared/corpus [--steps 100] [--reg 0.01] [--no-cv]

Training pairs: each answerable question of ../shared/eval/dev.jsonl, ../shared/eval/train-*.jsonl
and bench/holdout.jsonl → every chunk of its gold pasal. The set-aside third of train-* (bench/split.json
"aside") was kept out until it had been evaluated and graded (end of session 2); since its failures
were read then, it is training data now, and so are bench/fresh.jsonl, fresh2.jsonl and fresh3.jsonl
(each an honest set once, graded and read in session 3), fresh4.jsonl and fresh5.jsonl (session 4's,
joined at the session 5 refit), fresh6.jsonl and fresh7.jsonl (session 5's, joined at the session 6 refit),
fresh8.jsonl and fresh9.jsonl (session 6's, joined at the session 7 refit), fresh10.jsonl and
fresh11.jsonl (session 7's, joined at the session 8 refit), fresh12.jsonl and fresh13.jsonl (session 8's,
graded in session 9; a refit with them was measured and not shipped, docs/benchmarks.md), and fresh12–fresh29 joined
at the session 18 refit (32 writers, 1 414 questions; leave-one-writer-out over fresh12–fresh29 0.787 → 0.831
recall@1, python -m bench.lowo --writers …). The next retired sets join
FRESH_WRITERS at the following refit (check with python -m bench.lowo). Loss:
for each question, log-sum-exp of its cosine similarities (temperature 0.02) to all chunks minus the
same over its gold chunks, plus reg · ‖W − I‖²; Adam (lr 1e-3), full batch. Short fitting with a
pull to the identity generalises; long fitting memorises the training questions
(../shared/notes/retrieval-experiments.md). The command first reports leave-one-writer-out recall
(fit on every other writer's questions, test on train-a, train-b, train-c, bench/fresh, fresh2 and
fresh3 in turn: the way a hidden set by a new writer meets the adapter), then fits on all of them and writes
bot/data/query_adapter.npy
(+ .json with what it was fitted on). Steps and pull were chosen by that cross-validation
(docs/benchmarks.md, "Retrieval ablation").
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from bench.eval import DEFAULT_CORPUS, is_hit
from bench.split import DEFAULT_EVAL

REPO = Path(__file__).resolve().parents[1]


WRITERS = ("train-a", "train-b", "train-c")
# bench/<name>.jsonl, retired honest sets
FRESH_WRITERS = ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9", "fresh10",
                 "fresh11", "fresh12", "fresh13", "fresh14", "fresh15", "fresh16", "fresh17", "fresh18", "fresh19",
                 "fresh20", "fresh21", "fresh22", "fresh23", "fresh24", "fresh25", "fresh26", "fresh27", "fresh28",
                 "fresh29", "fresh30", "fresh31")


def training_questions(eval_dir: Path) -> list[dict]:
    """dev + train-* + holdout + the retired fresh sets, each tagged with its file (= its writer): every
    question the adapter may learn from (the next retired sets join at the next refit)."""
    rows: list[dict] = []
    files = [eval_dir / f"{name}.jsonl" for name in ("dev", *WRITERS)] + [REPO / "bench" / "holdout.jsonl"] + \
        [REPO / "bench" / f"{name}.jsonl" for name in FRESH_WRITERS]
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append({**json.loads(line), "file": path.stem})
    return [r for r in rows if r["gold"]]


def gold_mask(retriever, questions: list[dict]) -> np.ndarray:
    """(questions × chunks): which chunks belong to a gold pasal of the question (any version)."""
    from bot.retrieve import pasal_key

    keys = [pasal_key(c) for c in retriever.chunks]
    mask = np.zeros((len(questions), len(keys)), dtype=bool)
    for qi, q in enumerate(questions):
        for ci, key in enumerate(keys):
            if is_hit((key[0], key[1] or None), q["gold"]):
                mask[qi, ci] = True
    return mask


def fit_matrix(queries: np.ndarray, passages: np.ndarray, mask: np.ndarray, steps: int, reg: float,
               temperature: float = 0.02, lr: float = 1e-3) -> np.ndarray:
    import torch

    keep = mask.any(axis=1)
    x = torch.tensor(queries[keep])
    m = torch.tensor(mask[keep])
    e = torch.tensor(passages)
    d = x.shape[1]
    eye = torch.eye(d)
    w = eye.clone().requires_grad_(True)
    opt = torch.optim.Adam([w], lr=lr)
    for _ in range(steps):
        z = x @ w
        z = z / z.norm(dim=1, keepdim=True)
        s = z @ e.T / temperature
        loss = (torch.logsumexp(s, 1) - torch.logsumexp(s.masked_fill(~m, -1e9), 1)).mean()
        loss = loss + reg * ((w - eye) ** 2).sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
    return w.detach().numpy().astype(np.float32)


def recall(retriever, questions: list[dict]) -> tuple[float, float]:
    r1 = r5 = 0
    for q in questions:
        hits = retriever.search(q["question"], top_k=5).hits
        first = next((i for i, h in enumerate(hits) if is_hit((h.key[0], h.key[1] or None), q["gold"])), None)
        r1 += first == 0
        r5 += first is not None
    n = max(len(questions), 1)
    return r1 / n, r5 / n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.fit", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    ap.add_argument("--index", default="data/eval-index")
    ap.add_argument("--steps", type=int, default=150)
    ap.add_argument("--reg", type=float, default=0.01)  # LOWO 533 q: 0.03 → 0.754, 0.01 → 0.764, 0.003 → 0.767
    ap.add_argument("--no-cv", action="store_true", help="skip the leave-one-writer-out cross-validation")
    args = ap.parse_args(argv)
    if not args.corpus.exists() or not args.eval_dir.exists():
        print(f"Korpus atau set evaluasi tidak ditemukan ({args.corpus}, {args.eval_dir}).", file=sys.stderr)
        return 2

    from bot.adapter import ADAPTER_FILE, ADAPTER_INFO, QueryAdapter
    from bot.assistant import Assistant
    from bot.config import BotSettings
    from indexer.build import build_index

    settings = BotSettings(corpus_dir=str(args.corpus.resolve()), index_dir=args.index, llm_base_url="",
                           llm_model="")
    build_index(settings, progress=True)  # incremental: a no-op unless the corpus or the parser changed
    assistant = Assistant(settings)
    retriever = assistant.retriever
    if retriever is None or retriever.embeddings is None:
        print("Indeks kosong atau tanpa vektor.", file=sys.stderr)
        return 2
    questions = training_questions(args.eval_dir)
    queries = assistant.embedder.embed_queries([q["question"] for q in questions]).astype(np.float32)
    mask = gold_mask(retriever, questions)
    started = time.perf_counter()
    if not args.no_cv:
        plain = adapted = np.zeros(2)
        n_test = 0
        for writer in (*WRITERS, *FRESH_WRITERS):
            train = np.array([i for i, q in enumerate(questions) if q["file"] != writer])
            held = [q for q in questions if q["file"] == writer]
            w = fit_matrix(queries[train], retriever.embeddings, mask[train], args.steps, args.reg)
            retriever.adapter = QueryAdapter(None)
            r_plain = np.array(recall(retriever, held))
            retriever.adapter = QueryAdapter(w)
            r_adapted = np.array(recall(retriever, held))
            plain, adapted, n_test = plain + r_plain * len(held), adapted + r_adapted * len(held), n_test + len(held)
            print(f"  {writer} ({len(held)}): tanpa adaptor {r_plain[0]:.3f} / {r_plain[1]:.3f}, "
                  f"dengan adaptor {r_adapted[0]:.3f} / {r_adapted[1]:.3f}")
        print(f"Validasi silang per penulis pada {n_test} pertanyaan (recall@1 / recall@5):")
        print(f"  tanpa adaptor: {plain[0] / n_test:.3f} / {plain[1] / n_test:.3f}")
        print(f"  dengan adaptor: {adapted[0] / n_test:.3f} / {adapted[1] / n_test:.3f}")
    w = fit_matrix(queries, retriever.embeddings, mask, args.steps, args.reg)
    np.save(ADAPTER_FILE, w)
    ADAPTER_INFO.write_text(json.dumps({
        "model": Path(assistant.embedder.name).name,
        "questions": len(questions),
        "sources": "dev.jsonl, train-*.jsonl (all), bench/holdout.jsonl, "
                   + ", ".join(f"bench/{name}.jsonl" for name in FRESH_WRITERS),
        "int8": settings.embedding_int8,
        "steps": args.steps, "reg": args.reg, "temperature": 0.02, "lr": 1e-3,
        "chunks": len(retriever.chunks),
        "command": "python -m bench.fit --corpus ../shared/corpus",
    }, indent=1) + "\n", encoding="utf-8")
    print(f"Adaptor ditulis: {ADAPTER_FILE} ({len(questions)} pertanyaan, "
          f"{time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
