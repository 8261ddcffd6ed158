"""What a change to the answer layer changes, answer by answer, on every read question.

    .venv/bin/python -m bench.answers_diff --corpus ../shared/corpus --out before.jsonl   # on the old code
    .venv/bin/python -m bench.answers_diff --corpus ../shared/corpus --out after.jsonl    # on the new code
    .venv/bin/python -m bench.answers_diff --compare before.jsonl after.jsonl

Recall only sees which pasal comes first; a change to item choice, hedges or leads moves what the user reads
without moving recall. The dump keeps, per read question (dev, train-*, holdout and the retired fresh sets —
never bench/eval.py HONEST), the lead, the labels quoted and whether it was answered; --compare prints every
question whose answer changed, old and new, and the count. Session 9 measured each answer change this way.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.eval import DEFAULT_CORPUS, HONEST, REPO, is_hit, question_sets
from bench.split import DEFAULT_EVAL


def read_questions(eval_dir: Path) -> list[dict]:
    """Every question whose failures may be read: all sets but the honest ones."""
    sets = question_sets(eval_dir, REPO / "bench" / "holdout.jsonl")
    return [q for name, rows in sets.items() if name not in HONEST for q in rows]


def dump(corpus: Path, eval_dir: Path, index: str, out: Path) -> int:
    from bot.assistant import Assistant
    from bot.config import BotSettings

    settings = BotSettings(corpus_dir=str(corpus.resolve()), index_dir=index, llm_base_url="", llm_model="")
    assistant = Assistant(settings)
    assistant.refresh()
    questions = read_questions(eval_dir)
    first = five = refused = declined = 0
    with out.open("w", encoding="utf-8") as f:
        for q in questions:
            answer = assistant.ask(q["question"])
            keys = [(c.chunk.doc_id, c.chunk.pasal or None) for c in [*answer.citations, *answer.more]]
            at = next((i for i, k in enumerate(keys) if is_hit(k, q["gold"])), None) if answer.found else None
            first += at == 0
            five += at is not None and at < 5
            refused += bool(q["gold"]) and not answer.found
            declined += not q["gold"] and not answer.found
            f.write(json.dumps({"id": q["id"], "found": answer.found, "lead": answer.lead,
                                "labels": [c.display_label for c in answer.citations]}, ensure_ascii=False) + "\n")
    answerable = sum(bool(q["gold"]) for q in questions)
    print(f"{len(questions)} jawaban ditulis ke {out}")
    # the answer's own order (lead citation first, then "Lihat juga"), not the retriever's
    print(f"pasal pertama benar {first}/{answerable}, emas di 5 pertama {five}/{answerable}, "
          f"penolakan keliru {refused}, tak terjawab ditolak {declined}/{len(questions) - answerable}")
    return 0


def compare(before: Path, after: Path, width: int = 300) -> int:
    def load(path: Path) -> dict[str, dict]:
        return {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r}

    old, new = load(before), load(after)
    changed = [qid for qid in old if qid in new and old[qid] != new[qid]]
    for qid in changed:
        print(f"== {qid}")
        print(f"  SEBELUM {old[qid]['lead'][:width]} {old[qid]['labels'][:3]}")
        print(f"  SESUDAH {new[qid]['lead'][:width]} {new[qid]['labels'][:3]}")
    print(f"{len(changed)} dari {len(old)} jawaban berubah")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.answers_diff", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    ap.add_argument("--index", default="data/eval-index")
    ap.add_argument("--out", type=Path, help="write this code's answers here")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = ap.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if not args.out:
        ap.error("--out FILE or --compare BEFORE AFTER")
    if not args.corpus.exists() or not args.eval_dir.exists():
        print(f"Korpus atau set evaluasi tidak ditemukan ({args.corpus}, {args.eval_dir}).", file=sys.stderr)
        return 2
    return dump(args.corpus, args.eval_dir, args.index, args.out)


if __name__ == "__main__":
    sys.exit(main())
