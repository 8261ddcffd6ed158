"""Indonesian number words as people type them in a lookup: "pasal dua belas" → 12.

Only what pasal, ayat and angka numbers need (1–999): satuan, belas, puluh, ratus, se- forms.
"""

from __future__ import annotations

import re

_UNITS = {
    "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9,
}
_WORD = r"(?:nol|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|seratus|belas|puluh|ratus)"
# A run of number words ("seratus delapan puluh tujuh"), as one match.
NUMBER_WORDS = re.compile(rf"\b{_WORD}(?:\s+{_WORD})*\b", re.IGNORECASE)


def words_to_int(text: str) -> int | None:
    """The value of a run of Indonesian number words, or None when it is not a well-formed number."""
    total = 0
    current: int | None = None
    for w in text.lower().split():
        if w in _UNITS:
            if current is not None:
                return None  # "dua tiga": two numbers, not one
            current = _UNITS[w]
        elif w in ("sepuluh", "sebelas"):
            if current is not None:
                return None
            current = 10 if w == "sepuluh" else 11
        elif w == "seratus":
            if current is not None or total:
                return None
            total += 100
        elif w == "belas":
            if current is None or current > 9:
                return None
            current += 10
        elif w == "puluh":
            if current is None or current > 9:
                return None
            total += current * 10
            current = None
        elif w == "ratus":
            if current is None or current > 9 or total:
                return None
            total += current * 100
            current = None
        else:
            return None
    value = total + (current or 0)
    return value if value > 0 or text.strip().lower() == "nol" else None
