"""What kind of answer a question asks for: "boleh?", "sanksinya apa?", "siapa yang berwenang?" …

The lead sentence answers that kind (bot/answer.py) and retrieval may use it to rank. The
patterns are data (`bot/data/kinds.json`) so a newcomer can read and extend them without touching
code; `question_kind` is a pure function of the text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "kinds.json"


class Kind(StrEnum):
    """The answer a question asks for; `OTHER` when no rule matched (answered as a general query)."""

    SMALLTALK = "smalltalk"  # greetings, thanks: a friendly reply, no search
    LOOKUP = "lookup"  # "Pasal 9 ayat (2) UU 20/2023 bunyinya apa?"
    LIST = "list"  # "sebutkan jenis hukuman disiplin ringan"
    STATUS = "status"  # "PP 53/2010 masih berlaku?"
    DEFINITION = "definition"  # "apa pengertian asas netralitas?"
    COVERAGE = "coverage"  # "berlaku juga bagi PPPK?"
    NUMBER = "number"  # deadlines, durations, amounts: "paling lambat berapa hari?"
    AUTHORITY = "authority"  # "siapa yang berwenang menjatuhkan?"
    PROCEDURE = "procedure"  # "bagaimana tata cara …", "disampaikan kepada siapa?"
    SANCTION = "sanction"  # "sanksinya apa?", "pelanggaran berat ga?"
    OBLIGATION = "obligation"  # "wajib mundur?"
    PERMISSION = "permission"  # "boleh gak …?", "termasuk pelanggaran?"
    OTHER = "other"


@dataclass(frozen=True)
class _Rule:
    kind: Kind
    any: re.Pattern[str]
    also: re.Pattern[str] | None


@dataclass(frozen=True)
class _Patterns:
    smalltalk: re.Pattern[str]
    rules: tuple[_Rule, ...]


@lru_cache(maxsize=2)
def _patterns(path: str | None = None) -> _Patterns:
    raw = json.loads(Path(path or DATA_FILE).read_text(encoding="utf-8"))
    words = [*raw["smalltalk"]["phrases"], *raw["smalltalk"]["filler"]]
    alternatives = "|".join(f"(?:{w})" for w in sorted(words, key=len, reverse=True))
    smalltalk = re.compile(rf"^(?:(?:{alternatives})\b\W*)+$", re.IGNORECASE)
    rules = tuple(
        _Rule(Kind(r["kind"]), re.compile(r["any"], re.IGNORECASE),
              re.compile(r["also"], re.IGNORECASE) if r.get("also") else None)
        for r in raw["rules"]
    )
    return _Patterns(smalltalk, rules)


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").strip())


def is_smalltalk(text: str) -> bool:
    """Only greetings, thanks or small talk ("halo min", "makasih ya 🙏"), nothing to look up."""
    text = re.sub(r"[^\w\s'.,!?-]", " ", _normalise(text))  # emoji and symbols say nothing
    text = _normalise(text)
    return bool(text) and len(text) <= 80 and bool(_patterns().smalltalk.match(text))


# "… resign saja biar tidak dihukum, bisa?": a penalty the user wants to avoid is the motive, not the
# question; the sanction words of such a clause do not make it a sanction question
_AVOIDED_PENALTY_RE = re.compile(
    r"\b(?:supaya|agar|biar|ben|spy|utk|untuk|demi)\s+(?:\w+\s+){0,2}?(?:tidak|tdk|ga|gak|nggak|ngga|enggak|ndak|"
    r"ora|jangan)\s+(?:\w+\s+)?(?:dihukum|dihukdis|disanksi|kena\s+(?:sanksi|hukuman|hukdis)|dipecat)\b"
    r"|\b(?:menghindari|hindari|ngehindarin)\s+(?:sanksi|hukuman|hukdis)\b",
    re.IGNORECASE)


# A message that is nothing but a reference ("pasal 5 pp 94/2021", "Psl 12 PP94/2021", "UU 20/2023 pasal 9
# ayat 2") asks for that text: a lookup, like "… bunyinya apa?"
_REFERENCE_ONLY_RE = re.compile(
    r"^(?:\W*(?:(?:pasal|psl|ps)\.?\s*\d+[a-z]?|ayat\s*\(?\d+\)?|huruf\s+[a-z]\b|angka\s+\d+|"
    r"(?:uu|pp|perpres|permen\w*|perban|perka\w*|se|skb|peraturan pemerintah|undang-undang)"
    r"(?:\s*(?:no\.?|nomor))?\s*\d+(?:\s*(?:/|tahun|thn|th\.?)\s*\d{4})?|tentang|ttg|dari|di|dalam|tolong|"
    r"min|kak|pak|bu)\b\W*)+$", re.IGNORECASE)


def is_reference_only(text: str) -> bool:
    """The message names a pasal and nothing else to ask."""
    text = _normalise(text)
    return bool(re.search(r"\b(?:pasal|psl|ps)\.?\s*\d", text, re.IGNORECASE)) and bool(_REFERENCE_ONLY_RE.match(text))


def question_kind(text: str) -> Kind:
    """The kind of answer `text` asks for (first matching rule of bot/data/kinds.json)."""
    text = _normalise(text)
    if not text:
        return Kind.OTHER
    if is_smalltalk(text):
        return Kind.SMALLTALK
    if is_reference_only(text):
        return Kind.LOOKUP
    text = _AVOIDED_PENALTY_RE.sub(" ", text)
    for rule in _patterns().rules:
        if rule.any.search(text) and (rule.also is None or rule.also.search(text)):
            return rule.kind
    return Kind.OTHER
