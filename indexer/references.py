"""Cross-references inside a pasal: "sebagaimana dimaksud dalam Pasal 5 huruf n angka 2" → edges.

Handles lists ("huruf c dan huruf d", "angka 3, angka 4, dan angka 7"), ranges ("Pasal 187A sampai
dengan Pasal 187D", "ayat (1) sampai dengan ayat (2b)"), references inside the same pasal
("pada ayat (1)", "pada huruf a"), the amending-act order "ayat (3) Pasal 8", and other regulations
by number and year ("Pasal 7 ayat (3) Peraturan Pemerintah Nomor 53 Tahun 2010"). OCR digits are
read like the parser reads them ("Pasal 2O3", "ayat (31").
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

_OCR = str.maketrans({"I": "1", "l": "1", "O": "0", "o": "0", "i": "1", "|": "1"})

_TOKEN_RE = re.compile(
    r"(?P<kw>\b(?:Pasal|Pasa1|pasal|ayat|Ayat|huruf|angka))\s*"
    r"(?:(?P<paren>\(\s?(?P<pn>[0-9lIO]{1,2})(?P<ps>[a-z])?\s?(?P<pc>[)}\]])?)|"
    r"(?P<val>[0-9IlOo]{1,3}[A-Z]?(?![A-Za-z0-9])|[a-z][0-9]?(?![A-Za-z0-9])))"
)
_JOIN_RE = re.compile(r"^(?:\s*,\s*|\s+(?:dan/atau|dan|atau|serta)\s+|\s*,\s*(?:dan/atau|dan|atau|serta)\s+|\s+)$")
_RANGE_RE = re.compile(r"^\s+sampai\s+dengan\s+$")
_REG_RE = re.compile(
    r"^\s*,?\s*(?:dalam\s+|pada\s+)?(?P<j>Undang-Undang|Peraturan\s+Pemerintah\s+Pengganti\s+Undang-Undang|"
    r"Peraturan\s+Pemerintah|Peraturan\s+Presiden)\s+(?:(?P<self>ini)\b|Nomor\s+(?P<n>[0-9IlOo]{1,4})\s+"
    r"Tahun\s+(?P<t>[0-9IlOo]{4}))"
)
_JENIS = {"Undang-Undang": "uu", "Peraturan Pemerintah Pengganti Undang-Undang": "perppu",
          "Peraturan Pemerintah": "pp", "Peraturan Presiden": "perpres"}
_LEVELS = {"pasal": 0, "ayat": 1, "huruf": 2, "angka": 3}


@dataclass(frozen=True)
class Ref:
    """A reference target (or source): a pasal and optionally the item inside it."""

    doc_id: str
    pasal: str | None
    ayat: str | None = None
    huruf: str | None = None
    angka: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def pasal_number(raw: str) -> str:
    """OCR'd pasal number → "20", "187A" ("2O" → "20", "l87A" → "187A")."""
    raw = raw.strip()
    m = re.fullmatch(r"([0-9IlOoi|]+?)([A-H])?", raw)
    if not m:
        return raw
    digits = m.group(1).translate(_OCR)
    return (str(int(digits)) if digits.isdigit() else m.group(1)) + (m.group(2) or "")


def _value(m: re.Match) -> tuple[str, str] | None:
    kw = m.group("kw").lower().replace("pasa1", "pasal")
    if m.group("paren"):
        if kw != "ayat":
            return None
        raw = m.group("pn")
        if not m.group("pc") and len(raw) == 2 and raw[-1] in "1l" and not m.group("ps"):
            raw = raw[0]  # "(31" is "(3)"
        digits = raw.translate(_OCR)
        return (kw, str(int(digits)) + (m.group("ps") or "")) if digits.isdigit() else None
    val = m.group("val")
    if kw == "pasal":
        return kw, pasal_number(val)
    if kw == "huruf":
        return (kw, val) if val[0].islower() else None
    if kw == "angka":
        digits = val.translate(_OCR)
        return (kw, str(int(digits))) if digits.isdigit() else None
    return None


def expand_range(level: str, first: str, last: str) -> list[str]:
    """The values of a range, endpoints included ("a".."d", "1".."4", "187A".."187D")."""
    if level == "huruf" and len(first) == 1 and len(last) == 1 and first < last:
        return [chr(c) for c in range(ord(first), ord(last) + 1)]
    a = re.fullmatch(r"(\d+)([A-Za-z]?)", first)
    b = re.fullmatch(r"(\d+)([A-Za-z]?)", last)
    if a and b:
        if a.group(1) == b.group(1) and a.group(2) and b.group(2) and a.group(2) < b.group(2):
            return [a.group(1) + chr(c) for c in range(ord(a.group(2)), ord(b.group(2)) + 1)]
        if not a.group(2) and not b.group(2) and int(a.group(1)) < int(b.group(1)) <= int(a.group(1)) + 60:
            return [str(n) for n in range(int(a.group(1)), int(b.group(1)) + 1)]
    return [first, last]


def regulation_id(jenis: str, nomor: str, tahun: str) -> str | None:
    n, t = nomor.translate(_OCR), tahun.translate(_OCR)
    if not (n.isdigit() and t.isdigit()):
        return None
    jenis_id = _JENIS[re.sub(r"\s+", " ", jenis)]
    return f"{jenis_id}-{int(n)}-{int(t)}"


@dataclass
class Found:
    """One reference found in a text: where it is (offset) and what it points to."""

    start: int
    target: Ref


def find_references(text: str, doc_id: str, pasal: str | None, ayat: str | None = None) -> list[Found]:
    """All references in `text` (the body of `pasal`, in a law whose numbering is `doc_id`)."""
    out: list[Found] = []
    tokens = [(m, v) for m in _TOKEN_RE.finditer(text) if (v := _value(m)) is not None]
    i = 0
    while i < len(tokens):
        group: list[tuple[int, dict[str, str]]] = []
        current: dict[str, str] = {}
        last_level = -1
        pending_range = False
        j = i
        while j < len(tokens):
            m, (level, value) = tokens[j]
            lv = _LEVELS[level]
            if j > i:
                gap = text[tokens[j - 1][0].end() : m.start()]
                if _RANGE_RE.match(gap):
                    pending_range = True
                elif not _JOIN_RE.match(gap):
                    break
            if lv > last_level and j > i and not pending_range:
                current = {**current, level: value}  # refines: Pasal 5 → huruf n → angka 2
                group[-1] = (group[-1][0], current)
            elif lv < last_level and j > i and "pasal" not in current and level == "pasal":
                # "ayat (3) Pasal 8": the pasal owns the items before it
                for k, (pos, ref) in enumerate(group):
                    if "pasal" not in ref:
                        group[k] = (pos, {**ref, "pasal": value})
                current = {**current, "pasal": value}
            else:
                keep = {k: v for k, v in current.items() if _LEVELS[k] < lv}
                if pending_range and current.get(level):
                    for extra in expand_range(level, current[level], value)[1:-1]:
                        group.append((m.start(), {**keep, level: extra}))
                current = {**keep, level: value}
                group.append((m.start(), current))
                pending_range = False
            last_level = lv
            j += 1
        end = tokens[j - 1][0].end()
        target_doc = doc_id
        reg = _REG_RE.match(text[end : end + 140])
        if reg and not reg.group("self"):
            target_doc = regulation_id(reg.group("j"), reg.group("n"), reg.group("t")) or doc_id
        for pos, ref in group:
            if "pasal" not in ref:
                if target_doc != doc_id or pasal is None:
                    continue  # "ayat (2)" of another law without its pasal: unknowable
                ref = {"pasal": pasal, **({"ayat": ayat} if ayat and "ayat" not in ref else {}), **ref}
            out.append(Found(pos, Ref(target_doc, ref["pasal"], ref.get("ayat"), ref.get("huruf"),
                                      ref.get("angka"))))
        i = j
    return out


def find_regulations(text: str) -> list[tuple[int, str]]:
    """Regulations named by number and year anywhere in a text: [(offset, doc id)]."""
    out = []
    for m in re.finditer(_REG_RE.pattern.replace("^\\s*,?\\s*", ""), text):
        if m.group("n"):
            rid = regulation_id(m.group("j"), m.group("n"), m.group("t"))
            if rid:
                out.append((m.start(), rid))
    return out
