"""The fixed set-aside third of the training questions: the honest numbers come from it.

    python -m bench.split [--eval-dir ../shared/eval] [--write bench/split.json]

Stratified by file and style: within each (file, style) group the ids are ordered by a hash of the
id (not by content, not by how the product does on them), and every third one goes aside. The
result is committed (`bench/split.json`); nothing that is fitted or hand-tuned may read the
questions whose ids are under "aside". Re-running the command reproduces the same file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = REPO.parent / "shared" / "eval"
SPLIT_FILE = REPO / "bench" / "split.json"
TRAIN_FILES = ("train-a.jsonl", "train-b.jsonl", "train-c.jsonl")


def _order(qid: str) -> str:
    return hashlib.sha256(f"tanya-asn-split-v1:{qid}".encode()).hexdigest()


def make_split(eval_dir: Path) -> dict[str, list[str]]:
    aside: list[str] = []
    fit: list[str] = []
    for name in TRAIN_FILES:
        rows = [json.loads(line) for line in (eval_dir / name).read_text(encoding="utf-8").splitlines()
                if line.strip()]
        by_style: dict[str, list[str]] = {}
        for row in rows:
            by_style.setdefault(row["style"], []).append(row["id"])
        for style in sorted(by_style):
            ids = sorted(by_style[style], key=_order)
            for i, qid in enumerate(ids):
                (aside if i % 3 == 1 else fit).append(qid)
    return {"aside": sorted(aside), "fit": sorted(fit)}


def load_split(path: Path = SPLIT_FILE) -> dict[str, set[str]]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {"aside": set(raw["aside"]), "fit": set(raw["fit"])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    ap.add_argument("--write", type=Path, default=SPLIT_FILE)
    args = ap.parse_args()
    split = make_split(args.eval_dir)
    args.write.write_text(json.dumps(split, indent=1) + "\n", encoding="utf-8")
    print(f"{len(split['aside'])} aside, {len(split['fit'])} to fit on → {args.write}")


if __name__ == "__main__":
    main()
