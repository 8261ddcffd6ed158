"""The legal-structure parser: cleaned regulation text → a tree with stable ids.

Indonesian regulations have a fixed shape (UU 12/2011, Lampiran II): a preamble (Menimbang,
Mengingat), MEMUTUSKAN, the body (BAB → Bagian → Paragraf → Pasal → ayat "(1)" → huruf "a." →
angka "1."), the closing provisions, then the PENJELASAN (Umum, and Pasal demi Pasal). OCR'd dumps
garble headings ("Pasal 2l", "Pasal 1 1", "(41"), repeat them at page breaks, run them inline
into paragraphs, and are full of cross-references ("sebagaimana dimaksud dalam Pasal 5") that look
like headings. The parser therefore trusts the *numbering sequence* most: a heading is the next
expected number (or an inserted "5A", or a short jump when a heading is missing), placed like a
heading (not after "dalam", not followed by "ayat"/lowercase words). Headings OCR garbled further
("pasal 23", "PasaJT2", "Pasal 45 khusus …") are taken only where the sequence expects exactly that
number and the following headings confirm it; a cross-reference never is.

Ids follow Pasal.id style: `pp-94-2021/pasal-5/huruf-n/angka-1`, `pp-94-2021/penjelasan/pasal-5`.
Amending acts ("Ketentuan Pasal 71 diubah …") put the amended pasal under the act's own roman
Pasal I (`uu-10-2016/pasal-I/pasal-71`) and mark it with `amends` (the amended law's id).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from indexer.load import Page
from indexer.types import Item

# ---------------------------------------------------------------------------------------------
# Tree


@dataclass
class Node:
    """One structural element. `start`/`end` are offsets in `LegalTree.source`."""

    kind: str  # menimbang mengingat pasal ayat huruf angka penjelasan_umum penjelasan diktum lampiran penutup
    id: str
    number: str | None = None
    start: int = 0
    end: int = 0
    head_end: int = 0  # where the heading ("Pasal 5", "KESATU :") ends and the text begins
    children: list[Node] = field(default_factory=list)
    bab: str | None = None
    bagian: str | None = None
    paragraf: str | None = None
    amends: str | None = None
    links: str | None = None  # penjelasan entry → id of the body pasal it explains
    page: int | None = None
    title: str | None = None


@dataclass
class LegalTree:
    """A parsed regulation. `pasal` is the main body in order; `penjelasan` the Pasal demi Pasal."""

    doc_id: str
    source: str
    pasal: list[Node] = field(default_factory=list)
    penjelasan: list[Node] = field(default_factory=list)
    preamble: list[Node] = field(default_factory=list)  # menimbang, mengingat
    penjelasan_umum: Node | None = None
    other: list[Node] = field(default_factory=list)  # diktum, lampiran, penutup, extra bodies
    warnings: list[str] = field(default_factory=list)

    def text(self, node: Node, heading: bool = False) -> str:
        """Verbatim text of a node: whitespace collapsed, one line per structural item."""
        start = node.start if heading else node.head_end
        cuts = sorted({d.start for d in _descendants(node) if start < d.start < node.end})
        pieces, prev = [], start
        for cut in [*cuts, node.end]:
            piece = _norm(self.source[prev:cut])
            if piece:
                pieces.append(piece)
            prev = cut
        return "\n".join(pieces)

    def spans(self, node: Node, heading: bool = False) -> tuple[str, list[Item]]:
        """`text(node, heading)` and the ayat/huruf/angka it holds, as offsets into that text.

        The parser's own item boundaries, so the answer code never re-parses a chunk ("one grammar").
        """
        start = node.start if heading else node.head_end
        items = [d for d in _descendants(node) if d.kind in _ITEM_KINDS and start <= d.start < node.end]
        if heading and node.kind in _ITEM_KINDS:
            items.insert(0, node)
        cuts = sorted({d.start for d in items if start < d.start < node.end})
        pieces: list[str] = []
        starts: list[tuple[int, int]] = []  # (source offset, text offset) of each non-empty piece
        prev, pos = start, 0
        for cut in [*cuts, node.end]:
            piece = _norm(self.source[prev:cut])
            if piece:
                starts.append((prev, pos))
                pieces.append(piece)
                pos += len(piece) + 1
            prev = cut
        text = "\n".join(pieces)
        out: list[Item] = []
        for item in items:
            begin = next((t for src, t in starts if src >= item.start), None)
            if begin is None:
                continue
            after = next((t for src, t in starts if src >= item.end), None)
            end = len(text) if after is None else max(begin, after - 1)
            address = _address(item.id)
            out.append(Item(item.kind, item.number or "", begin, end, address.get("ayat"),
                            address.get("huruf"), address.get("angka")))
        return text, out

    def intro(self, node: Node) -> str:
        """The words before the first child (ayat/huruf/angka), e.g. "PNS dilarang:"."""
        end = node.children[0].start if node.children else node.end
        return _norm(self.source[node.head_end : end])

    def find(self, pasal: str, part: str = "batang_tubuh") -> list[Node]:
        nodes = self.pasal if part == "batang_tubuh" else self.penjelasan
        return [n for n in nodes if n.number == pasal]

    def all_pasal(self) -> list[Node]:
        """Main-body pasal including the amended pasal nested in an amending act's Pasal I."""
        out: list[Node] = []
        for node in self.pasal:
            if node.children and node.children[0].kind == "pasal":
                out.extend(node.children)
            else:
                out.append(node)
        return out


_ITEM_KINDS = ("ayat", "huruf", "angka")


def _address(node_id: str) -> dict[str, str]:
    """"pp-94-2021/pasal-5/huruf-n/angka-2" → {"huruf": "n", "angka": "2"}."""
    out: dict[str, str] = {}
    for part in node_id.split("/"):
        kind, _, label = part.partition("-")
        if kind in _ITEM_KINDS:
            out[kind] = label
    return out


def _descendants(node: Node):
    for child in node.children:
        yield child
        yield from _descendants(child)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------------------------------------
# Numbers as OCR writes them

_OCR_DIGITS = str.maketrans({"I": "1", "l": "1", "L": "1", "O": "0", "o": "0", "i": "1", "|": "1"})
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


def _ocr_int(raw: str) -> int | None:
    digits = raw.replace(" ", "").translate(_OCR_DIGITS)
    return int(digits) if digits.isdigit() else None


def _key(num: int, suffix: str = "") -> tuple[int, str]:
    return (num, suffix)


# ---------------------------------------------------------------------------------------------
# Pasal headings

_PASAL_RE = re.compile(
    r"(?<![A-Za-z])(?:Pasal|Pasa[lJI1i\]t]|Pasa-l|Pasd|Pas al|Pa sal|PASAL)[ \t]*\n?[ \t]*"
    r"(?P<num>[0-9IlOoL]{1,3}(?: [0-9lO](?![0-9A-Za-z(]))?)(?P<suf>[A-Z](?![A-Za-z]))?(?![0-9])"
)
_XREF_PREV = {
    "dalam", "dan", "atau", "pada", "dengan", "ketentuan", "antara", "yakni", "sampai", "dimaksud",
    "menurut", "penjelasan", "terhadap", "berdasarkan", "melanggar", "tetap", "serta", "dari", "oleh",
    "sebagaimana", "di", "ke", "menjadi", "termasuk", "mengenai", "melaksanakan", "dan/atau", "bahwa",
}
_XREF_NEXT = re.compile(
    r"(?:ayat|huruf|angka|dan\b|atau\b|sampai|diubah|tetap|disisipkan|sehingga|yang\b|Undang|UUD|"
    r"[,;)\]]|[a-z])"
)


@dataclass
class _Cand:
    start: int
    end: int
    values: list[tuple[int, str]]
    strong: bool  # alone on its line or followed by a newline
    loose: bool = False  # spelled or placed too oddly to trust without the sequence (see _loose_candidates)


def _pasal_candidates(text: str, lo: int, hi: int, roman: bool = False, loose: bool = False) -> list[_Cand]:
    """Every "Pasal N" between lo and hi that is placed like a heading (not a cross-reference).

    With `loose`, also the garbled ones (`_loose_candidates`) that only the sequence may accept."""
    out = _firm_candidates(text, lo, hi, roman)
    if loose and not roman:
        # "Pasal 2OT" is firm "20T" and loose 207: both readings stay, `_sequence` takes at most one.
        firm = {(c.start, v) for c in out for v in c.values}
        out = sorted(out + [c for c in _loose_candidates(text, lo, hi) if (c.start, c.values[0]) not in firm],
                     key=lambda c: (c.start, c.loose))
    return out


def _firm_candidates(text: str, lo: int, hi: int, roman: bool) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _PASAL_RE.finditer(text, lo, hi):
        before = text[max(lo, m.start() - 40) : m.start()]
        line_before = before.rsplit("\n", 1)[-1].strip()
        words = line_before.split()
        prev = words[-1].lower().strip(",.:;") if words else ""
        after = text[m.end() : m.end() + 30]
        after_line = after.split("\n", 1)[0].strip()
        if prev in _XREF_PREV or (line_before.endswith(",") and words):
            continue
        if after_line and _XREF_NEXT.match(after_line) and not after_line.startswith(("…", "...")):
            continue
        raw = m.group("num")
        suffix = m.group("suf") or ""
        values: list[tuple[int, str]] = []
        if roman:
            if raw in _ROMAN and not suffix:
                values.append((_ROMAN[raw], "roman"))
            else:
                continue
        else:
            if raw in ("II", "III", "IV"):
                continue
            whole = _ocr_int(raw)
            first = _ocr_int(raw.split(" ")[0])
            if whole is not None:
                values.append(_key(whole, suffix))
            if " " in raw and first is not None:
                values.append(_key(first, suffix))
        if not values:
            continue
        strong = (
            not line_before
            or not after_line
            or line_before.endswith((".", ";", ":"))
            or re.match(r"[({][1lI][)}]", after_line) is not None
        )
        # A heading swallowing the following "1" of "Pasal 1 1. ..." is not a heading + list.
        out.append(_Cand(m.start(), m.end(), values, strong))
    return out


# OCR letters read as digits in a loose heading only ("PasaJT2" = 72, "Pasal 2OZ" = 202, "Pasal S" = 5).
_LOOSE_DIGITS = str.maketrans({"T": "7", "Z": "2", "S": "5"})
_LOOSE_PASAL_RE = re.compile(
    r"(?<![A-Za-z])(?:[Pp]a ?s ?a(?:[lJI1i\]t]|\.l|-l)|[Pp]asd|PASAL)[ \t]*\n?[ \t]*"
    r"(?P<num>[0-9IlOoLTZS](?:[ ]?[0-9IlOoLTZS]){0,2})(?![0-9A-Za-z])"
)
_LOOSE_REF_NEXT = re.compile(
    r"(?i:ayat|huruf|angka|dan\b|atau\b|sampai|diubah|tetap|disisipkan|sehingga|yang\b|undang-|uud\b)|[;)\]]"
)
_OPENS_AYAT = re.compile(r"[\s,.;:'\"^-]*(?P<open>[({][1lI][)}])")


def _loose_candidates(text: str, lo: int, hi: int) -> list[_Cand]:
    """Headings OCR garbled past `_PASAL_RE` or its cross-reference filters.

    "pasal 23 Tim seleksi" (lower-cased), "Pasal 45 khusus rapat" (the next word lower-cased),
    "PasaJT2", "Pasal 2 I 1", "Pasa.l 350", "Pasal 102 , .. (1) Dalam" (page noise), "… oleh Pasal 134
    (1) Sebelum" (a column break put a sentence's end before the heading). `_sequence` accepts one only
    where the numbering expects exactly that number and the next headings confirm it. A reference
    stays excluded: after "dalam"/"dimaksud"/… (unless that word ends a sentence or "(1)" follows),
    before "ayat"/"huruf"/"dan"/…, or inside a list "Pasal 5, Pasal 6".
    """
    out: list[_Cand] = []
    for m in _LOOSE_PASAL_RE.finditer(text, lo, hi):
        raw = m.group("num")
        if raw in ("II", "III", "IV"):
            continue
        digits = raw.replace(" ", "").translate(_OCR_DIGITS).translate(_LOOSE_DIGITS)
        if not digits.isdigit() or digits.startswith("0"):
            continue
        line_before = text[max(lo, m.start() - 40) : m.start()].rsplit("\n", 1)[-1].strip()
        words = line_before.split()
        raw_prev = words[-1] if words else ""
        after_line = text[m.end() : m.end() + 30].split("\n", 1)[0].strip()
        ayat_one = _OPENS_AYAT.match(text, m.end(), hi)
        opens = ayat_one is not None
        if _LOOSE_REF_NEXT.match(after_line):
            continue
        if raw_prev.lower().strip(",:;") in _XREF_PREV and not opens:
            continue  # "dalam pasal 22", but "dimaksud. Pasal 55" and "Tetap Pasal 208 (1)" are headings
        if line_before.endswith(",") and not (opens or after_line[:1].isupper()):
            continue
        if after_line.startswith(",") and not opens:
            continue
        strong = not line_before or line_before.endswith((".", ";", ":")) or opens
        # The text starts at "(1)", after any page noise ("Pasal 102 , .. (1) Dalam …").
        end = ayat_one.start("open") if ayat_one else m.end()
        out.append(_Cand(m.start(), end, [(int(digits), "")], strong, loose=True))
    return out


def _sequence(cands: list[_Cand], lookahead: int = 6, max_jump: int = 10) -> list[tuple[_Cand, tuple[int, str]]]:
    """Pick the headings: the numbering sequence is the best witness (see module docstring).

    Firm candidates are taken as before (the next number, an inserted "5A", a strong heading after a
    short jump). Where that fails, `_witnessed` lets the following headings vouch for a loose one or
    for a weak one after a missed heading."""
    firm = [c for c in cands if not c.loose]
    firm_at = {id(c): k for k, c in enumerate(firm)}
    chosen: list[tuple[_Cand, tuple[int, str]]] = []
    last: tuple[int, str] = (0, "")
    for i, cand in enumerate(cands):
        if chosen and chosen[-1][0].start == cand.start:
            continue  # the other reading of a heading already taken
        pick = None
        if not cand.loose:
            pick = _firm_pick(firm, firm_at[id(cand)], last, lookahead, max_jump)
        if pick is None:
            pick = _witnessed(cands, i, last, lookahead)
        if pick is not None:
            chosen.append((cand, pick))
            last = pick
    return chosen


def _firm_pick(cands: list[_Cand], i: int, last: tuple[int, str], lookahead: int,
               max_jump: int) -> tuple[int, str] | None:
    cand = cands[i]
    pick = None
    for val in cand.values:
        num, suf = val
        if num == last[0] + 1 and not suf:
            pick = val
        elif num == last[0] and suf and suf > last[1]:
            pick = val  # inserted article, "Pasal 5A" after "Pasal 5"
        elif num == last[0] + 1 and suf == "A":
            pick = val
        if pick:
            return pick
    if cand.strong:
        for val in cand.values:
            num, suf = val
            if last[0] + 1 < num <= last[0] + max_jump and not suf:
                upcoming = [v for c in cands[i + 1 : i + 1 + lookahead] for v in c.values]
                continues = not upcoming or any(v[0] == num + 1 for v in upcoming[:3])
                if continues and not any(last[0] < v[0] < num for v in upcoming):
                    return val
    return None


def _witnessed(cands: list[_Cand], i: int, last: tuple[int, str], lookahead: int,
               max_skip: int = 3) -> tuple[int, str] | None:
    """A heading the firm rules refused, accepted because the numbering vouches for it.

    A loose candidate must be exactly the expected number; a firm (even weak, mid-line) one may also
    come after up to two missed headings ("(1) (2) (3) Pasal 7 Wilayah …" when Pasal 5 and 6 were
    lost), if no lower expected number follows. Either way the next candidates must continue the run
    (N+1 or N+2) before anything repeats N firmly; otherwise it is a cross-reference."""
    cand = cands[i]
    following = cands[i + 1 : i + 1 + lookahead]
    for num, suf in cand.values:
        if suf or not last[0] < num <= last[0] + (1 if cand.loose else max_skip):
            continue
        if any(last[0] < v[0] < num for c in following for v in c.values):
            continue
        if _run_continues(following, num):
            return (num, "")
    return None


def _run_continues(following: list[_Cand], num: int) -> bool:
    for c in following:
        if any(num < v[0] <= num + 2 or (v[0] == num and v[1]) for v in c.values):
            return True
        if not c.loose and any(v == (num, "") for v in c.values):
            return False  # the real heading N is still to come
    return False


def _label(val: tuple[int, str]) -> str:
    return f"{val[0]}{val[1]}"


# ---------------------------------------------------------------------------------------------
# Ayat, huruf, angka

_AYAT_RE = re.compile(r"(?<![\w(])[({][ ]?(?P<num>[0-9lI]{1,2})(?P<suf>[a-z])?[ ]?(?P<close>[)}\]tlI1])?")
_HURUF_RE = re.compile(r"(?<![\w.])(?P<m>[a-z][1-9]?)[ ]?\.(?=\s)")
_ANGKA_RE = re.compile(r"(?<![\w.(])(?P<m>\d{1,2})(?P<t>[.)]|l(?=\s))(?=\s)|(?<![\w.])(?P<one>[fIl]) ?\.(?=\s)")
_ITEM_PREV_OK = re.compile(r"(?:[;:.,]|\bdan|\batau|\bdan/atau|\bserta)\s*$|^\s*$")
_REF_WORDS = ("ayat", "huruf", "angka", "Pasal", "Ayat", "Huruf", "Angka", "pasal", "Nomor", "nomor")


def _prev_ok(text: str, pos: int, lo: int) -> bool:
    before = text[max(lo, pos - 25) : pos]
    if "\n" in before and not before.rsplit("\n", 1)[-1].strip():
        return True
    stripped = before.rstrip()
    if stripped.endswith(_REF_WORDS) or re.search(r"(ayat|huruf|angka|Pasal)\s+\S+\s*(dan|,)\s*$", stripped):
        return False
    return bool(_ITEM_PREV_OK.search(before)) or pos == lo


def _ayat_marks(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Ayat markers in a pasal body, following (1), (2), (2a), … including "(21" = (2)."""
    out: list[tuple[int, int, str]] = []
    expected = 1
    last_suf = ""
    for m in _AYAT_RE.finditer(text, lo, hi):
        raw, close, suf = m.group("num"), m.group("close"), m.group("suf") or ""
        options = []
        val = _ocr_int(raw)
        if val is not None:
            options.append(val)
        if not close or close in "lI1t":
            short = _ocr_int(raw[:-1]) if len(raw) == 2 else None
            if short is not None:
                options.append(short)
        if close and close in "lI1" and val is not None and len(raw) == 1:
            options.append(val)
        if not out and m.start() - lo > 3:
            return []  # ayat start the pasal; a later "(1)" is something else
        following = text[m.end() : m.end() + 3].lstrip()
        # "… Pasal 8 ayat (4). : .11 Na lft6l'i I A (3) Pejabat …": the next ayat after a page stamp
        if not (_prev_ok(text, m.start(), lo) or (out and following[:1].isupper()
                                                  and _after_ocr_garbage(text, m.start(), lo))):
            continue
        if following[:1].islower() and not out:
            continue
        pick = None
        for opt in options:
            if opt == expected and not suf:
                pick = (opt, "")
            elif out and opt == expected - 1 and suf and suf > last_suf:
                pick = (opt, suf)
            if pick:
                break
        if pick is None:
            continue
        out.append((m.start(), m.end(), f"{pick[0]}{pick[1]}"))
        if pick[1]:
            last_suf = pick[1]
        else:
            expected, last_suf = pick[0] + 1, ""
    return out


def _list_marks(text: str, lo: int, hi: int) -> tuple[str, list[tuple[int, int, str]]]:
    """The top-level list of a span: huruf a., b., … or angka 1., 2., … after an intro ending ":"."""
    first_h = next((m for m in _HURUF_RE.finditer(text, lo, hi) if m.group("m") == "a"
                    and _intro_ok(text, lo, m.start())), None)
    first_a = next((m for m in _ANGKA_RE.finditer(text, lo, hi)
                    if (m.group("m") == "1" or m.group("one")) and _intro_ok(text, lo, m.start())), None)
    if first_h and (not first_a or first_h.start() < first_a.start()):
        kind, regex, first = "huruf", _HURUF_RE, first_h
    elif first_a:
        kind, regex, first = "angka", _ANGKA_RE, first_a
    else:
        return "", []
    style = first.group("t") if kind == "angka" and first.group("m") else "."
    marks = [(first.start(), first.end(), "a" if kind == "huruf" else "1")]
    expected = 1
    for m in regex.finditer(text, first.end(), hi):
        if kind == "huruf":
            label = m.group("m")
            want = chr(ord("a") + expected)
            if len(label) == 2:
                # an inserted huruf ("b1." after "b.", "b2." after "b1."), UU 10/2016 Pasal 10
                prev = marks[-1][2]
                if label[0] == prev[0] and int(label[1]) == (int(prev[1]) + 1 if len(prev) == 2 else 1) \
                        and _prev_ok(text, m.start(), lo):
                    marks.append((m.start(), m.end(), label))
                continue
        else:
            if not m.group("m"):
                continue
            if (m.group("t") == ".") != (style == "."):
                continue
            label = m.group("m")
            want = str(expected + 1)
        if label != want:
            continue
        if not (_prev_ok(text, m.start(), lo) or (kind == "huruf" and _after_ocr_garbage(text, m.start(), lo))
                or (kind == "huruf" and _marker_after_garbled_ref(text, m))):
            continue
        marks.append((m.start(), m.end(), label))
        expected += 1
    if len(marks) < 2 and kind == "angka" and style != ".":
        return "", []
    return kind, marks


_GARBAGE_GAP = 40


def _after_ocr_garbage(text: str, pos: int, lo: int) -> bool:
    """"… huruf l; ll( irlq ll')(r.rr1() fl i. memberikan …": an item after OCR noise that follows a ";".

    The gap since the last ";" or ":" must be short, hold no real word (5+ letters) and some
    non-letter noise; otherwise the marker is a cross-reference inside a sentence.
    """
    before = text[max(lo, pos - _GARBAGE_GAP) : pos]
    cut = max(before.rfind(";"), before.rfind(":"))
    if cut < 0:
        return False
    gap = before[cut + 1 :].strip()
    if not gap or re.search(r"\b[A-Za-z]{5,}\b", gap) or re.search(r"\b(?:ayat|huruf|angka|Pasal)\b", gap):
        return False
    return bool(re.search(r"[^\w\s]", gap))


def _marker_after_garbled_ref(text: str, m: re.Match) -> bool:
    """"… dalam Pasal 5 huruf b. menjadi perantara …": OCR dropped "a;" and the next item's marker
    reads like the end of the reference. A reference does not end in "." followed by a lowercase
    word, an item marker does."""
    after = text[m.end() : m.end() + 20]
    return bool(re.match(r"\s+[a-z]{3,}", after)) and text[max(0, m.start() - 8) : m.start()].rstrip().endswith(
        "huruf")


def _intro_ok(text: str, lo: int, pos: int) -> bool:
    """A list starts right at the beginning of the span or after a colon."""
    before = text[lo:pos].rstrip()
    return not before or before.endswith(":") or before.endswith(": dan")


def _items(text: str, lo: int, hi: int, base_id: str, depth: int = 0) -> list[Node]:
    kind, marks = _list_marks(text, lo, hi)
    if not marks or depth > 3:
        return []
    nodes: list[Node] = []
    for i, (start, end, label) in enumerate(marks):
        stop = marks[i + 1][0] if i + 1 < len(marks) else hi
        node = Node(kind, f"{base_id}/{kind}-{label}", label, start, stop, end)
        node.children = _items(text, end, stop, node.id, depth + 1)
        nodes.append(node)
    return nodes


def _fill_pasal(text: str, node: Node) -> None:
    """Split a pasal's text into ayat, huruf and angka."""
    lo, hi = node.head_end, node.end
    ayat = _ayat_marks(text, lo, hi)
    if len(ayat) == 1:
        # A pasal has no ayat (1) alone: the other markers were lost or garbled by OCR
        # (pp-11-2017 Pasal 254 "(1) (2) (2) Pernyataan (2j (s) (41"). Labelling the whole text
        # "ayat (1)" would cite ayat (2)–(5) under the wrong number, so keep the pasal whole.
        ayat = []
    if ayat:
        for i, (start, end, label) in enumerate(ayat):
            stop = ayat[i + 1][0] if i + 1 < len(ayat) else hi
            child = Node("ayat", f"{node.id}/ayat-{label}", label, start, stop, end)
            child.children = _items(text, end, stop, child.id)
            node.children.append(child)
    else:
        node.children = _items(text, lo, hi, node.id)


# ---------------------------------------------------------------------------------------------
# Headings between pasal (BAB, Bagian, Paragraf) and the end of the body

_DIVISION_RE = re.compile(r"(?P<kw>\bBAB\s+[IVXLC]+\b|\bBagian\s+Ke[a-z]+\b|\bParagraf\s*\d+\b)")
# A word of running text right before "Bagian Kedua" ("… diatur dalam Bagian Kedua") makes it a reference
_RUNNING_WORD_RE = re.compile(r"[A-Za-z]{2,},?")
# A sentence after the heading ("Paragraf 2 … . Pegawai ASN wajib …") makes it body text, not a heading;
# punctuation inside a page stamp after it ("I; l< l.,lo I 0") does not
_SENTENCE_AFTER_RE = re.compile(r"[.;:]\s+(?:\S{1,3}\s+)*[a-z]{3,}\s+[a-z]{3,}|[a-z]{3,}\s+[a-z]{3,}[.;:]")
# A pasal heading or an ayat of running text after it: the body goes on (a footer "Pasal28..." read as the
# heading, then "Bagian Kedua …", then the real "Pasal 28 (1) Penerapan …"; "BAB IV HAK MEMILIH (1) Warga …")
_BODY_AFTER_RE = re.compile(r"\bPasal\s*\d|\(\d+\)\s+[A-Z][a-z]+(?:\s+\S+){5}")
_BODY_END_RE = re.compile(
    r"Agar\s+setiap\s+orang\s+mengetahuinya|TAMBAHAN\s+LEMBARAN\s+NEGARA|Ditetapkan\s+di\s+Jakarta|"
    r"Disahkan\s+di\s+Jakarta|LAMPIRAN\s+(?:UNDANG|PERATURAN|KEPUTUSAN)"
)


def _split_divisions(text: str, lo: int, hi: int) -> tuple[int, list[str]]:
    """Find trailing BAB/Bagian/Paragraf headings in [lo, hi); return where they start and them. OCR
    often leaves an empty ayat marker ("(2t"), a page stamp or a stray dot around them; a heading
    still ends the pasal unless running text precedes it or a sentence follows it."""
    for m in _DIVISION_RE.finditer(text, lo, hi):
        before = text[lo : m.start("kw")]
        words = before.split()
        if words and _RUNNING_WORD_RE.fullmatch(words[-1]) and "\n" not in before[before.rfind(words[-1]):]:
            continue
        tail = _norm(text[m.start("kw") : hi])
        if _SENTENCE_AFTER_RE.search(tail) or _BODY_AFTER_RE.search(tail):
            continue
        parts = re.split(r"(?=\bBAB\s+[IVXLC]+\b|\bBagian\s+Ke[a-z]+\b|\bParagraf\s*\d+\b)", tail)
        return m.start("kw"), [p.strip() for p in parts if p.strip()]
    return hi, []


# ---------------------------------------------------------------------------------------------
# Document segments

_MEMUTUSKAN_RE = re.compile(r"M\s?E\s?M\s?U\s?T\s?U\s?S\s?K\s?A\s?N\b\s*:?")
_PENJELASAN_RE = re.compile(r"\bPENJELASAN\b(?=\s+ATAS\b|\s*\n\s*ATAS\b)")
_PDP_RE = re.compile(r"\bI\s?I\s?\.\s*PASAL\s*DEMI\s*PASAL\b")
_UMUM_RE = re.compile(r"\bI\s?\.\s*UMUM\b")
_AMENDING_RE = re.compile(r"\bPasal\s+I\s*\n?\s*(?:Beberapa\s+ketentuan|Ketentuan)")
_DIKTUM_RE = re.compile(
    r"(?<![A-Za-z])(?P<kw>KESATU|KEDUA|KETIGA|KEEMPAT|KELIMA|KEENAM|KETUJUH|KEDELAPAN|KESEMBILAN|KESEPULUH)"
    r"\s*:"
)
_LAMPIRAN_RE = re.compile(r"(?<![A-Za-z])LAMPIRAN\b")


def _pages_to_text(pages: Sequence[Page] | str) -> tuple[str, list[int], list[int]]:
    if isinstance(pages, str):
        return pages, [0], [1]
    starts, numbers, parts, pos = [], [], [], 0
    for page in pages:
        starts.append(pos)
        numbers.append(page.number)
        parts.append(page.text)
        pos += len(page.text) + 1
    return "\n".join(parts), starts, numbers


def parse_regulation(
    pages: Sequence[Page] | str, doc_id: str, amends: str | None = None
) -> LegalTree:
    """Parse cleaned pages (or one cleaned string) of a regulation into a `LegalTree`."""
    text, starts, numbers = _pages_to_text(pages)
    tree = LegalTree(doc_id, text)

    bodies = [m.end() for m in _MEMUTUSKAN_RE.finditer(text)] or [0]
    penj_starts = [m.start() for m in _PENJELASAN_RE.finditer(text)]
    if not penj_starts:
        penj_starts = [m.start() for m in re.finditer(r"(?m)^\s*PENJELASAN\s*$", text)]
    events = sorted([(b, "body") for b in bodies] + [(p, "penj") for p in penj_starts])

    _preamble(tree, text, 0, bodies[0])

    segments: list[tuple[str, int, int]] = []
    for i, (pos, kind) in enumerate(events):
        stop = events[i + 1][0] if i + 1 < len(events) else len(text)
        segments.append((kind, pos, stop))

    parsed_bodies: list[tuple[list[Node], list[Node], Node | None]] = []
    current: list[Node] | None = None
    for kind, lo, hi in segments:
        if kind == "body":
            is_skb = bool(_DIKTUM_RE.search(text, lo, hi)) and not _pasal_candidates(text, lo, min(hi, lo + 5000))
            if is_skb:
                current = _parse_skb(tree, text, lo, hi)
            elif _AMENDING_RE.search(text, lo, hi):
                current = _parse_amending(tree, text, lo, hi, amends)
            else:
                current = _parse_body(tree, text, lo, hi, doc_id)
            parsed_bodies.append((current, [], None))
        elif parsed_bodies:
            umum, entries = _parse_penjelasan(tree, text, lo, hi, amending=bool(_AMENDING_RE.search(text)))
            body, _, _ = parsed_bodies[-1]
            parsed_bodies[-1] = (body, entries, umum)

    if not parsed_bodies:
        tree.warnings.append("Tidak ada batang tubuh yang dikenali.")
        return tree
    main = max(range(len(parsed_bodies)), key=lambda i: len(parsed_bodies[i][0]))
    for i, (body, entries, umum) in enumerate(parsed_bodies):
        if i == main:
            tree.pasal, tree.penjelasan, tree.penjelasan_umum = body, entries, umum
        else:
            # Another act in the same file (uu-1-2015: the enacting UU around the Perppu it attaches).
            prefix = f"{doc_id}/naskah-{i + 1}"
            for node in [*body, *entries] + ([umum] if umum else []):
                _reprefix(node, doc_id, prefix)
                node.kind = "lain" if node.kind == "pasal" else node.kind
                tree.other.append(node)
    _link_penjelasan(tree)
    for node in [*tree.preamble, *tree.pasal, *tree.penjelasan, *tree.other] + (
        [tree.penjelasan_umum] if tree.penjelasan_umum else []
    ):
        _set_pages(node, starts, numbers)
    _check_sequence(tree)
    return tree


def _reprefix(node: Node, old: str, new: str) -> None:
    node.id = new + node.id[len(old) :] if node.id.startswith(old) else node.id
    for child in node.children:
        _reprefix(child, old, new)


def _set_pages(node: Node, starts: list[int], numbers: list[int]) -> None:
    node.page = numbers[max(0, bisect.bisect_right(starts, node.start) - 1)]
    for child in node.children:
        _set_pages(child, starts, numbers)


def _preamble(tree: LegalTree, text: str, lo: int, hi: int) -> None:
    men = re.search(r"\bMenimbang\b", text[lo:hi])
    ing = re.search(r"\bMengingat\b", text[lo:hi])
    if men:
        end = lo + ing.start() if ing and ing.start() > men.start() else hi
        tree.preamble.append(Node("menimbang", f"{tree.doc_id}/menimbang", None, lo + men.start(), end,
                                  lo + men.end()))
    if ing:
        tree.preamble.append(Node("mengingat", f"{tree.doc_id}/mengingat", None, lo + ing.start(), hi,
                                  lo + ing.end()))


def _body_end(text: str, lo: int, hi: int) -> int:
    m = _BODY_END_RE.search(text, lo, hi)
    return m.start() if m else hi


def _parse_body(tree: LegalTree, text: str, lo: int, hi: int, base: str) -> list[Node]:
    end = _body_end(text, lo, hi)
    chosen = _sequence(_pasal_candidates(text, lo, end, loose=True))
    nodes: list[Node] = []
    bab = bagian = paragraf = None
    div_start, divs = _split_divisions(text, lo, chosen[0][0].start) if chosen else (lo, [])
    for i, (cand, val) in enumerate(chosen):
        for d in divs:
            if d.startswith("BAB"):
                bab, bagian, paragraf = d, None, None
            elif d.startswith("Bagian"):
                bagian, paragraf = d, None
            else:
                paragraf = d
        stop = chosen[i + 1][0].start if i + 1 < len(chosen) else end
        div_start, divs = _split_divisions(text, cand.end, stop)
        label = _label(val)
        node = Node("pasal", f"{base}/pasal-{label}", label, cand.start, div_start, cand.end,
                    bab=bab, bagian=bagian, paragraf=paragraf)
        node.end = _strip_duplicate_heading(text, node)
        _fill_pasal(text, node)
        nodes.append(node)
    if end < hi and nodes:
        tree.other.append(Node("penutup", f"{tree.doc_id}/penutup", None, end, hi, end))
    return nodes


# What a page break leaves between a "Pasal 59..." footer (read as the heading) and the real heading: the
# footer's dots and the next page's header ("PRESIDEN REPUEUK INDONESIA", "-26-").
_PAGE_BREAK_DEBRIS = (r"\s*(?:\.{2,}|…)?\s*(?:P\s?R\s?E\s?S\s?I\s?D\s?E\s?N\s+R\s?E\s?P\s?\w{2,6}\s+"
                      r"I\s?N\s?D\s?O\s?N\s?E\s?S\s?I\s?A\s*)?(?:-\s*\d+\s*-\s*)?")


def _strip_duplicate_heading(text: str, node: Node) -> int:
    """A page-break duplicate "Pasal 10 Pasal 10" (or "Pasal59... PRESIDEN REPUEUK INDONESIA Pasal 59")
    leaves the second heading at the text start: the body starts after it, so its ayat are found."""
    m = re.match(_PAGE_BREAK_DEBRIS + r"Pasal\s*" + re.escape(node.number or "") + r"\b",
                 text[node.head_end : node.end])
    if m:
        node.head_end += m.end()
    return node.end


def _parse_amending(tree: LegalTree, text: str, lo: int, hi: int, amends: str | None) -> list[Node]:
    """Pasal I, II of an amending act; inside Pasal I the amended pasal in the amended numbering."""
    end = _body_end(text, lo, hi)
    tops = [c for c in _pasal_candidates(text, lo, end, roman=True) if c.strong]
    chosen, expected = [], 1
    for cand in tops:
        if cand.values[0][0] == expected:
            chosen.append(cand)
            expected += 1
    amended = amends or _amended_id(text[lo:end])
    nodes: list[Node] = []
    for i, cand in enumerate(chosen):
        stop = chosen[i + 1].start if i + 1 < len(chosen) else end
        roman = next(k for k, v in _ROMAN.items() if v == cand.values[0][0])
        top = Node("pasal", f"{tree.doc_id}/pasal-{roman}", roman, cand.start, stop, cand.end)
        inner = _amended_headings(text, cand.end, stop)
        for j, (c, val) in enumerate(inner):
            istop = inner[j + 1][0].start if j + 1 < len(inner) else stop
            istop = _next_amend_item(text, c.end, istop)
            label = _label(val)
            node = Node("pasal", f"{top.id}/pasal-{label}", label, c.start, istop, c.end, amends=amended)
            _fill_pasal(text, node)
            top.children.append(node)
        for node in _restated_parts(text, cand.end, stop, top.id, amended):
            if not any(c.start <= node.start < c.end for c in top.children):
                top.children.append(node)
        top.children.sort(key=lambda n: n.start)
        if not top.children:
            _fill_pasal(text, top)
        nodes.append(top)
    return nodes


_PARTS_ONLY_RE = re.compile(
    r"(?:^|\n)[ \t]*\d{1,3}[ \t]?\.[ \t]+(?:Ketentuan|Di\s+antara)\b[^\n]*?\b(?:ayat|huruf)\b[^\n]*?"
    r"Pasal\s+(?P<num>[0-9IlO]{1,3}[A-Z]?)\b[^\n]*?berbunyi\s+sebagai\s+berikut\s*:?[ \t]*\n(?=\s*(?:\(|[a-z]\d?\.))"
)


def _restated_parts(text: str, lo: int, hi: int, top_id: str, amended: str | None) -> list[Node]:
    """"Ketentuan ayat (2) Pasal 4 diubah sehingga berbunyi sebagai berikut: (2) …": only the ayat
    is restated, without a "Pasal 4" heading. It becomes a node of that pasal holding just the ayat."""
    out = []
    for m in _PARTS_ONLY_RE.finditer(text, lo, hi):
        stop = _next_amend_item(text, m.end(), hi)
        label = str(_ocr_int(re.sub(r"[A-Z]$", "", m.group("num"))) or m.group("num")) + (
            m.group("num")[-1] if m.group("num")[-1] in "ABCDEFGH" else "")
        node = Node("pasal", f"{top_id}/pasal-{label}", label, m.end(), stop, m.end(), amends=amended)
        marks = list(re.finditer(r"(?m)^[ \t]*\((?P<n>\d{1,2}[a-z]?)\)", text[m.end() : stop]))
        for i, mark in enumerate(marks):
            a_start = m.end() + mark.start()
            a_stop = m.end() + marks[i + 1].start() if i + 1 < len(marks) else stop
            ayat = Node("ayat", f"{node.id}/ayat-{mark.group('n')}", mark.group("n"), a_start, a_stop,
                        m.end() + mark.end())
            ayat.children = _items(text, ayat.head_end, a_stop, ayat.id)
            node.children.append(ayat)
        if not marks:
            node.children = _items(text, m.end(), stop, node.id)
        out.append(node)
    return out


_AMEND_ITEM_RE = re.compile(
    r"(?:^|\s)\d{1,3}\s?\.\s+(?=Ketentuan|Di\s+antara|Penjelasan|Pasal\s+\w+\s+dihapus|BAB|Judul|Lampiran)"
)


def _next_amend_item(text: str, lo: int, hi: int) -> int:
    m = _AMEND_ITEM_RE.search(text, lo, hi)
    return m.start() if m else hi


def _amended_headings(text: str, lo: int, hi: int) -> list[tuple[_Cand, tuple[int, str]]]:
    """Amended pasal headings: placed like headings, after "berbunyi sebagai berikut", ascending."""
    out: list[tuple[_Cand, tuple[int, str]]] = []
    last = (0, "")
    for cand in _pasal_candidates(text, lo, hi):
        before = _norm(text[max(lo, cand.start - 400) : cand.start])
        val = cand.values[0]
        intro = re.search(r"(sebagai\s+berikut|berbunyi)\s*:?\s*$", before)
        follows_amended = bool(out) and val > last
        if (intro or (follows_amended and cand.strong)) and val > last:
            out.append((cand, val))
            last = val
    return out


def _amended_id(text: str) -> str | None:
    m = re.search(r"(Undang-Undang|Peraturan\s+Pemerintah)\s+Nomor\s+(\w+)\s+Tahun\s+(\w{4})", text)
    if not m:
        return None
    jenis = "uu" if m.group(1).startswith("Undang") else "pp"
    return f"{jenis}-{_ocr_int(m.group(2))}-{_ocr_int(m.group(3))}"


def _parse_penjelasan(
    tree: LegalTree, text: str, lo: int, hi: int, amending: bool
) -> tuple[Node | None, list[Node]]:
    pdp = _PDP_RE.search(text, lo, hi)
    if pdp:
        pdp_start, pdp_end = pdp.start(), pdp.end()
    else:
        # No "II. PASAL DEMI PASAL" line (pp-11-2017): the entries start at the first "Pasal 1".
        first = next((c for c in _pasal_candidates(text, lo, hi, roman=amending)
                      if c.strong and c.values[0][0] == 1), None)
        if first is None:
            return None, []
        pdp_start = pdp_end = first.start
    umum_m = _UMUM_RE.search(text, lo, pdp_start) or re.compile(r"\bUMUM\b").search(text, lo, pdp_start)
    base = f"{tree.doc_id}/penjelasan"
    umum = None
    if umum_m:
        umum = Node("penjelasan_umum", f"{base}/umum", None, umum_m.start(), pdp_start, umum_m.end())
    end = _body_end(text, pdp_end, hi)
    entries: list[Node] = []
    if amending:
        tops = [c for c in _pasal_candidates(text, pdp_end, end, roman=True) if c.strong]
        expected, parts = 1, []
        for c in tops:
            if c.values[0][0] == expected:
                parts.append(c)
                expected += 1
        for i, top in enumerate(parts):
            stop = parts[i + 1].start if i + 1 < len(parts) else end
            roman = next(k for k, v in _ROMAN.items() if v == top.values[0][0])
            inner: list[tuple[_Cand, tuple[int, str]]] = []
            last = (0, "")
            for c in _pasal_candidates(text, top.end, stop):
                if c.values[0] > last:
                    inner.append((c, c.values[0]))
                    last = c.values[0]
            for j, (c, val) in enumerate(inner):
                istop = inner[j + 1][0].start if j + 1 < len(inner) else stop
                istop = _trailing_angka(text, c.end, istop)
                label = _label(val)
                entries.append(Node("penjelasan", f"{base}/pasal-{roman}/pasal-{label}", label, c.start,
                                    istop, c.end))
        return umum, entries
    chosen = _sequence(_pasal_candidates(text, pdp_end, end, loose=True))
    for i, (cand, val) in enumerate(chosen):
        stop = chosen[i + 1][0].start if i + 1 < len(chosen) else end
        label = _label(val)
        node = Node("penjelasan", f"{base}/pasal-{label}", label, cand.start, stop, cand.end)
        _strip_duplicate_heading(text, node)
        entries.append(node)
    return umum, entries


def _trailing_angka(text: str, lo: int, hi: int) -> int:
    """In an amending act's Penjelasan, "Angka 27" before the next "Pasal 71" is not part of the text."""
    m = re.search(r"\s*\bAngka\s+\d{1,3}\s*$", text[lo:hi])
    return lo + m.start() if m else hi


def _link_penjelasan(tree: LegalTree) -> None:
    body: dict[str | None, Node] = {}
    for node in tree.all_pasal():
        body.setdefault(node.number, node)
    not_restated = _deleted_or_kept(tree)
    for entry in tree.penjelasan:
        target = body.get(entry.number)
        if target is not None:
            entry.links = target.id
            entry.amends = target.amends
        elif entry.number not in not_restated:
            tree.warnings.append(f"Penjelasan Pasal {entry.number} tidak punya pasal di batang tubuh.")


_DELETED_OR_KEPT_RE = re.compile(r"\bKetentuan\s+Pasal\s+(?P<num>\d{1,3}[A-Z]?)\s+(?:dihapus|tetap)\b")


def _deleted_or_kept(tree: LegalTree) -> set[str]:
    """Pasal an amending act deletes ("Ketentuan Pasal 4 dihapus.") or keeps while changing only its
    Penjelasan ("Ketentuan Pasal 71 tetap, dengan perubahan penjelasan …"). Its Penjelasan entry
    ("Dihapus.", the new explanation) rightly has no restated pasal in the body to link to."""
    out: set[str] = set()
    for top in tree.pasal:
        if top.number in _ROMAN:
            out.update(m.group("num") for m in _DELETED_OR_KEPT_RE.finditer(tree.source, top.start, top.end))
    return out


def _check_sequence(tree: LegalTree) -> None:
    nums = [n.number for n in tree.pasal if n.number and n.number.isdigit()]
    prev = 0
    for raw in nums:
        num = int(raw)
        if num != prev + 1:
            tree.warnings.append(f"Urutan pasal melompat dari {prev} ke {num} (judul pasal hilang?).")
        prev = num


# ---------------------------------------------------------------------------------------------
# Joint decrees (SKB): DIKTUM KESATU, KEDUA, … and LAMPIRAN


def _parse_skb(tree: LegalTree, text: str, lo: int, hi: int) -> list[Node]:
    lamp = _LAMPIRAN_RE.search(text, lo, hi)
    end = lamp.start() if lamp else hi
    closing = re.search(r"Ditetapkan\s+di\b", text[lo:end])
    body_end = lo + closing.start() if closing else end
    marks = list(_DIKTUM_RE.finditer(text, lo, body_end))
    nodes: list[Node] = []
    for i, m in enumerate(marks):
        stop = marks[i + 1].start() if i + 1 < len(marks) else body_end
        label = m.group("kw")
        node = Node("diktum", f"{tree.doc_id}/diktum-{label.lower()}", label, m.start(), stop, m.end())
        node.children = _items(text, m.end(), stop, node.id)
        nodes.append(node)
    if lamp:
        lampiran = Node("lampiran", f"{tree.doc_id}/lampiran", None, lamp.start(), hi, lamp.end())
        # Lampiran sections: roman-numbered headings "I. ...", "II. ..." at line starts.
        secs = list(re.finditer(r"(?m)^(?P<n>[IVX]{1,4})\.\s+\S", text[lamp.start() : hi]))
        for j, s in enumerate(secs):
            s_start = lamp.start() + s.start()
            s_stop = lamp.start() + secs[j + 1].start() if j + 1 < len(secs) else hi
            lampiran.children.append(Node("bagian_lampiran", f"{lampiran.id}/bagian-{s.group('n')}",
                                          s.group("n"), s_start, s_stop, s_start))
        tree.other.append(lampiran)
    return nodes


# ---------------------------------------------------------------------------------------------
# Repeal clauses and printing


@dataclass(frozen=True)
class Repeal:
    """One regulation the closing provisions declare "dicabut dan dinyatakan tidak berlaku"."""

    jenis: str
    nomor: str
    tahun: int
    text: str

    @property
    def doc_id(self) -> str:
        return f"{self.jenis.lower()}-{self.nomor}-{self.tahun}"


_REG_REF_RE = re.compile(
    r"(?P<j>Undang-Undang|Peraturan\s+Pemerintah\s+Pengganti\s+Undang-Undang|Peraturan\s+Pemerintah|"
    r"Peraturan\s+Presiden|Keputusan\s+Presiden)\s+Nomor\s+(?P<n>[0-9IlOo]{1,4})\s+Tahun\s+(?P<t>[0-9IlOo]{4})"
)
_JENIS = {"Undang-Undang": "UU", "Peraturan Pemerintah Pengganti Undang-Undang": "PERPPU",
          "Peraturan Pemerintah": "PP", "Peraturan Presiden": "PERPRES", "Keputusan Presiden": "KEPPRES"}


def find_repeals(tree: LegalTree) -> list[Repeal]:
    """Regulations the main body repeals (closing provisions), to compare with the catalogue."""
    out: list[Repeal] = []
    seen: set[tuple[str, str, int]] = set()
    for node in tree.pasal[-8:]:
        body = _norm(tree.source[node.head_end : node.end])
        prev = 0
        for m in re.finditer(r"dicabut\s+dan\s+dinyatakan\s+tidak\s+berlaku", body):
            clause = body[prev : m.end()]
            prev = m.end()
            depth_free = re.sub(r"\([^()]*\)", lambda x: " " * len(x.group(0)), clause)
            for ref in _REG_REF_RE.finditer(depth_free):
                start = ref.start()
                before = depth_free[max(0, start - 60) : start]
                if re.search(r"(diubah|dengan|atas|pelaksanaan|dalam)\s*$", before):
                    continue
                jenis = _JENIS[re.sub(r"\s+", " ", ref.group("j"))]
                nomor, tahun = str(_ocr_int(ref.group("n"))), _ocr_int(ref.group("t")) or 0
                if (jenis, nomor, tahun) in seen:
                    continue
                seen.add((jenis, nomor, tahun))
                out.append(Repeal(jenis, nomor, tahun, clause[start:].strip()))
    return out


def format_tree(tree: LegalTree, pasal: str | None = None) -> str:
    """The parsed structure as an indented outline, for `python -m indexer show ID [--pasal N]`."""
    lines: list[str] = []

    def preview(node: Node, width: int = 90) -> str:
        intro = tree.intro(node)
        return intro[:width] + ("…" if len(intro) > width else "")

    def walk(node: Node, depth: int) -> None:
        name = {"ayat": f"({node.number})", "huruf": f"{node.number}.", "angka": f"{node.number}."}.get(
            node.kind, f"{node.kind.capitalize()} {node.number or ''}".strip()
        )
        extra = f" [mengubah {node.amends}]" if node.amends and node.kind == "pasal" else ""
        link = f" → {node.links}" if node.links else ""
        page = f" (hlm. {node.page})" if node.page else ""
        lines.append(f"{'  ' * depth}{name}{extra}{link}{page}  {preview(node)}")
        for child in node.children:
            walk(child, depth + 1)

    if pasal is not None:
        hits = [n for n in tree.all_pasal() if n.number == pasal] + [
            n for n in tree.penjelasan if n.number == pasal
        ]
        if not hits:
            return f"Pasal {pasal} tidak ditemukan di {tree.doc_id}."
        for node in hits:
            walk(node, 0)
            lines.append(tree.text(node))
            lines.append("")
        return "\n".join(lines).rstrip()

    lines.append(f"{tree.doc_id}: {len(tree.all_pasal())} pasal, {len(tree.penjelasan)} penjelasan pasal")
    for node in tree.preamble:
        lines.append(f"{node.kind.capitalize()}  {preview(node)}")
    bab = bagian = None
    for node in tree.pasal:
        if node.bab and node.bab != bab:
            bab = node.bab
            lines.append(bab)
        if node.bagian and node.bagian != bagian:
            bagian = node.bagian
            lines.append(f"  {bagian}")
        walk(node, 2 if node.bagian else 1)
    if tree.penjelasan_umum:
        lines.append(f"Penjelasan Umum  {preview(tree.penjelasan_umum)}")
    if tree.penjelasan:
        lines.append("Penjelasan Pasal demi Pasal")
        for node in tree.penjelasan:
            walk(node, 1)
    for node in tree.other:
        walk(node, 0)
    for warning in tree.warnings:
        lines.append(f"! {warning}")
    return "\n".join(lines)
