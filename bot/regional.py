"""Read regional and chat words as standard Indonesian before a question is understood.

ASN write from every province: "aku gak mlebu 12 dino kerjo … hukdise opo?" (Javanese), "sonde boleh ko?"
(Kupang), "biso diberhentike dak?" (Palembang). The law says "hari kerja", "tidak", "diberhentikan", and
everything that reads a question — its kind, the days it states, the words retrieval matches — reads the law's
words. The table is data (`bot/data/regional.json`); a standard question is returned unchanged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "regional.json"
MIN_STEM = 4  # "ane" is not "an" + regional -e; "sanksine" is "sanksi" + -ne


@lru_cache(maxsize=2)
def _table(path: str | None = None) -> tuple[dict[str, str], tuple[tuple[str, str], ...], re.Pattern[str]]:
    raw = json.loads(Path(path or DATA_FILE).read_text(encoding="utf-8"))
    words = {k.lower(): v for group in raw["words"].values() for k, v in group.items()}
    suffixes = tuple((s["ending"], s["becomes"]) for s in raw["suffixes"])
    keys = sorted(words, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w'-])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w-])", re.IGNORECASE)
    return words, suffixes, pattern


_WORD_RE = re.compile(r"(?<![\w'-])([a-zA-Z]{5,})(?![\w'-])")


def standardize(text: str, known: Callable[[str], bool] | None = None) -> str:
    """`text` with regional words in their standard form. With `known` (does the corpus or the chat vocabulary
    use this word?), a word the corpus does not know loses a regional ending when what is left is known
    ("sanksine" → "sanksi", "diberhentike" → "diberhentikan")."""
    words, suffixes, pattern = _table()
    out = pattern.sub(lambda m: words[m.group(1).lower()], text)
    if known is None:
        return out

    def strip(m: re.Match[str]) -> str:
        w = m.group(1)
        if known(w):
            return w
        for ending, becomes in suffixes:
            stem = w[: -len(ending)]
            if w.lower().endswith(ending) and len(stem) >= MIN_STEM and known(stem + becomes):
                return stem + becomes
        return w

    return _WORD_RE.sub(strip, out)
