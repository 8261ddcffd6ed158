"""How often the question kind the lead is written for is the kind the writer asked, per unseen writer.

    .venv/bin/python -m bench.kinds_lowo [--c 30]

The lead answers `bot.kinds.question_kind` (regex rules in bot/data/kinds.json). Each question of the
training writers (bench/fit.py: train-a/b/c, dev, holdout, the retired fresh sets) carries its writer's
`kind`; this compares it, leave-one-writer-out, with (1) the regex rules and (2) a logistic regression on
the question's e5 embedding plus the regex kind as a feature, fitted on every other writer. Session 19:
regex 0.51, embedding + regex 0.70 (C 30) over the labelled questions of the 34 training writers — the largest
measured gap left in the answer layer (a lead written for the wrong kind is most of the C grades). Not
wired into the product yet. The honest sets (bench/eval.py HONEST) are never read.
"""

from __future__ import annotations

import argparse
from collections import Counter

import numpy as np
from sklearn.linear_model import LogisticRegression

from bench.fit import training_questions
from bench.split import DEFAULT_EVAL
from bot.kinds import question_kind
from indexer.config import IndexSettings
from indexer.embed import load_embedder

# the writers' kinds as the product's Kind values (a deadline and a figure are both NUMBER)
WRITER_KIND = {
    "permission": "permission", "sanction": "sanction", "helpdesk-sanction": "sanction", "consequence": "sanction",
    "criminal": "sanction", "authority": "authority", "helpdesk-authority": "authority",
    "procedure": "procedure", "helpdesk-procedure": "procedure", "helpdesk-obligation": "obligation",
    "deadline": "number", "number": "number", "figure": "number", "scope": "coverage", "helpdesk-scope": "coverage",
    "status": "status", "definition": "definition", "helpdesk-definition": "definition", "list": "list",
    "lookup": "lookup",
}
# a procedure question answered as a duty, a duty answered as a permission: the lead still fits
ALSO_FITS = {"procedure": {"obligation"}, "obligation": {"permission"}}


def fits(predicted: str, wanted: str) -> bool:
    return predicted == wanted or predicted in ALSO_FITS.get(wanted, set())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--c", type=float, default=30.0, help="inverse regularisation of the logistic regression")
    args = ap.parse_args()

    rows = [q for q in training_questions(DEFAULT_EVAL) if WRITER_KIND.get(q.get("kind") or "")]
    wanted = np.array([WRITER_KIND[q["kind"]] for q in rows])
    writers = np.array([q["file"] for q in rows])
    regex = [question_kind(q["question"]).value for q in rows]
    names = sorted(set(regex) | set(wanted))
    onehot = np.array([[float(k == r) for k in names] for r in regex])
    vectors = load_embedder(IndexSettings()).embed_queries([q["question"] for q in rows])
    features = np.hstack([vectors, onehot])

    right: Counter[str] = Counter()
    for writer in sorted(set(writers)):
        out = writers == writer
        model = LogisticRegression(C=args.c, max_iter=3000).fit(features[~out], wanted[~out])
        right["learned"] += sum(fits(p, w) for p, w in zip(model.predict(features[out]), wanted[out], strict=True))
    right["regex"] = sum(fits(p, w) for p, w in zip(regex, wanted, strict=True))
    n = len(rows)
    print(f"{n} pertanyaan berlabel, {len(set(writers))} penulis (leave-one-writer-out)")
    print(f"  aturan regex (bot/data/kinds.json): {right['regex'] / n:.3f}")
    print(f"  embedding + regex, regresi logistik C={args.c:g}: {right['learned'] / n:.3f}")


if __name__ == "__main__":
    main()
