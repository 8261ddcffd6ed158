"""What a reader sees of a quote: the verbatim text with conservative OCR repairs, and the proof.

Quotes stay verbatim (`Citation.quote`, JSON `text`): that is what makes them checkable. But
"Dewan Perwakilan Ralryat", "(21 Pegawai", "menyalahgunakanwewenang" or a page stamp
"ll( irlq ll')(r.rr1() fl" in a chat answer look broken. `display()` repairs only what is clearly
OCR damage:

- item markers: "(21 Jenis" → "(2) Jenis" at an item start; "f . ikut" → "1. ikut" before "2.";
- glyph confusions the law never writes: "25o/o" → "25%", "danlatau" → "dan/atau", "2OlO" → "2010";
- page stamps: runs of debris tokens (indexer.clean's notion of junk) are dropped;
- words: a token the corpus (nearly) never uses becomes the spelling the corpus itself uses often,
  when one OCR confusion ("lr"→"k", "rr"→"n", "l"→"I" …) turns one into the other; a word glued to
  the next ("menyalahgunakanwewenang") is split, and a word split in two ("Si pil") joined, only
  when the corpus uses the result often and the damaged form (nearly) never.

Every repair is an explicit `Piece(source, shown, why)`: joining the sources gives back the
verbatim text character for character, so each displayed span maps to its verbatim span.
Pure: the corpus's word counts come in as a `Lexicon`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from indexer.clean import _is_junk

# A word the corpus uses at least this often is a real word; at most RARE times, probably damage.
COMMON = 5
RARE = 1
# How many results a lexicon remembers of each kind: whole quotes (a few KB each: ~20 MB at most),
# and per word or token (respellings, debris kinds: small).
MEMO_SIZE = {"display": 4096}
MEMO_SIZE_WORDS = 65536
T = TypeVar("T")
MIN_WORD = 4  # shorter tokens ("l", "i", "fl") are too ambiguous to respell
RATIO = 8  # the repaired spelling must be this many times more frequent than the damaged one

# One OCR confusion each: what the scan shows → what was printed. Glyph splits ("lr" for "k") and
# l/I/1 look-alikes make no real words, so a damaged form may recur (OCR repeats its mistakes:
# "Ralryat" 9 times, "lndonesia" 15); confusions between real letters ("t"/"l": "tulus"/"lulus")
# can, so those apply only to long words the corpus (nearly) never writes.
CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("lr", "k"), ("lc", "k"), ("rr", "n"), ("rn", "m"), ("Ll", "u"), ("ll", "u"), ("li", "h"), ("cl", "d"),
    ("ii", "u"), ("l", "I"), ("I", "l"), ("1", "l"), ("1", "i"), ("0", "o"), ("O", "o"),
)
LETTER_CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("l", "i"), ("i", "l"), ("d", "rj"), ("c", "e"), ("e", "c"), ("n", "u"), ("u", "n"), ("t", "l"),
)
_WELL_FORMED_RE = re.compile(r"^(?:[A-Z]?[a-z]+|[A-Z]+)$")
MAX_DAMAGED = 20  # a glyph confusion may recur this often
MIN_LETTER_WORD = 6
_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*")
# Prefixes Indonesian writes joined to the next word: never split after them.
_JOINED_PREFIXES = ("non", "antar", "pasca", "pra", "anti", "multi", "semi", "sub", "super", "per", "tata",
                    "inter", "intra", "ekstra", "swa", "purna", "maha", "tuna", "dwi", "tri", "catur")


@dataclass(frozen=True)
class Piece:
    """A stretch of the verbatim `source` and what is `shown` for it; `why` names the repair."""

    source: str
    shown: str
    why: str = ""  # "" = shown as is


@dataclass(frozen=True)
class Display:
    pieces: tuple[Piece, ...]

    @property
    def text(self) -> str:
        return "".join(p.shown for p in self.pieces)

    @property
    def source(self) -> str:
        return "".join(p.source for p in self.pieces)

    @property
    def repairs(self) -> list[Piece]:
        return [p for p in self.pieces if p.why]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The verbatim span behind display characters [start, end): inside an unchanged piece
        character for character, a repaired piece as a whole."""
        s, e = None, None
        shown_at = source_at = 0
        for p in self.pieces:
            shown_end, source_end = shown_at + len(p.shown), source_at + len(p.source)
            if p.shown:
                if s is None and start < shown_end:
                    s = source_at + (start - shown_at if not p.why else 0)
                if e is None and shown_at < end <= shown_end:
                    e = source_at + (end - shown_at if not p.why else len(p.source))
            shown_at, source_at = shown_end, source_end
        return (source_at if s is None else s, source_at if e is None else e)


@dataclass
class Lexicon:
    """How often the corpus writes each word (case kept: "Indonesia" is not "indonesia").

    A repair depends only on the text and these counts, so the lexicon (one per index generation)
    remembers what it worked out: each quote's display, each token's debris kind, each word's
    respelling. The same pasal is quoted again and again; the counts never change after building."""

    counts: Counter[str] = field(default_factory=Counter)
    _memo: dict[str, dict[str, object]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def remembered(self, kind: str, key: str, work: Callable[[str, Lexicon], T]) -> T:
        """`work(key, self)` once per (kind, key); bounded, so odd texts cannot grow it without end."""
        memo = self._memo.setdefault(kind, {})
        try:
            return memo[key]  # type: ignore[return-value]
        except KeyError:
            pass
        value = work(key, self)
        if len(memo) >= MEMO_SIZE.get(kind, MEMO_SIZE_WORDS):
            memo.clear()  # rare (start over rather than keep an LRU: simpler, and safe across threads)
        memo[key] = value
        return value

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Lexicon:
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(_TOKEN_RE.findall(text))
        return cls(counts)

    def freq(self, word: str) -> int:
        return self.counts.get(word, 0)

    def common(self, word: str) -> bool:
        return self.freq(word) >= COMMON


# ------------------------------------------------------------------------------------- repairs

_Edit = tuple[int, int, str, str]  # start, end, shown, why

_AYAT_OCR_RE = re.compile(r"(?:(?<=\n)|^|(?<=[.;:]\s))\((\d)[1lI]\s(?=[A-Z])")
_AYAT_SPACE_RE = re.compile(r"(?:(?<=\n)|^)\((\d{1,2})\s?\)\s?\.?(?=\s)")
_FIRST_ANGKA_RE = re.compile(r"(?:(?<=\n)|^)[fIl!|]\s?\.\s(?=[a-z][^\n]*\n2\.\s)")
_MARK_SPACE_RE = re.compile(r"(?:(?<=\n)|^)([a-z]|\d{1,2})\s\.(?=\s)")
# "25o/o", and "75olo" / "25oh" where the spelled-out figure that follows says "persen"
_PERCENT_RE = re.compile(r"(?<=\d)\s?(?:o/o|(?:o[lI1]o|oh)(?=\s*\([a-z ]*persen\)))")
_DANATAU_RE = re.compile(r"\bdan\s?[l1I]\s?atau\b")
_YEAR_RE = re.compile(r"\b(?=[0-9OlI]{4}\b)(?=[^\s]*\d)(?=[^\s]*[OlI])(?:19|2[0O])[0-9OlI]{2}\b")
# "t4 (empat belas) hari": the spelled-out number proves the digits; OCR read the 1 of a teen as t, l or I.
_TEEN_RE = re.compile(r"(?<!\w)[tlI](?=\d\s\((?:[a-z]+\s)?belas\))")
_HYPHEN_SPACE_RE = re.compile(r"\b([A-Za-z]{2,})-\s+([A-Za-z]{2,})\b")


# Two or more item markers in a row with no words between them ("(1) (2t (3) PNS …", "11. 12, 13. 14."):
# OCR of a page whose numbers were read apart from their text. They mark nothing; the label names the item.
_MARKER_TOKEN = r"(?:\((?:\d{1,2}|[sS])[)1lIt]|\d{1,2}[.,]|[tT]\d[.,])"
_MARKER_RUN_RE = re.compile(rf"(?:(?<=\s)|^){_MARKER_TOKEN}(?:\s+{_MARKER_TOKEN})+\s+")
# The page header "PRESIDEN REPUBLIK INDONESIA" OCR'd inside a pasal ("PRES ID E N REPUELIK INDONESIA",
# "PRESIDEN REPUEUK INDONESIA").
_PAGE_HEADER_RE = re.compile(r"\bP\s?R\s?E\s?S\s?I\s?D\s?E\s?N\s+R\s?E\s?P\s?[UV]\s?[BE]\s?[LUI1]\s?[IU1L]?\s?K\s+"
                             r"I\s?N\s?D\s?O\s?N\s?E\s?S\s?I\s?A\b\s*")
# The same words twice in a row ("PNS dilarang PNS dilarang", "Dalam kampanye, pasangan calon dilarang
# Dalam kampanye, …"): a lead-in OCR'd twice. The second copy is not shown.
_REPEAT_RE = re.compile(r"(?<!\w)((?:[\w/-]+[,;]?\s+){0,7}[\w/-]+)\s+\1(?!\w)")
# … also with the page header between the two copies ("b. menaati PRESIDEN REPUEUK INDONESIA b. menaati
# ketentuan …": the line before the page break OCR'd again after it).
_REPEAT_ACROSS_HEADER_RE = re.compile(r"(?<!\w)((?:[\w/.-]+\s+){0,7}[\w/-]+)\s+" + _PAGE_HEADER_RE.pattern
                                      + r"\1(?!\w)")
# "ayat (21" in a reference: the closing parenthesis read as 1/l.
_REF_AYAT_RE = re.compile(r"(?<=ayat\s)\((\d)[1lI](?=[\s,.;]|(?:dan|atau|huruf)\b)")
# "Pasal 276 h: uruf c": the word "huruf" broken by an OCR'd stroke
_HURUF_BROKEN_RE = re.compile(r"(?<=\d\s)h[:;,.]\s?uruf(?=\s[a-z]\b)")


def _debris_edits(text: str) -> list[_Edit]:
    edits: list[_Edit] = []
    for m in _MARKER_RUN_RE.finditer(text):
        edits.append((m.start(), m.end(), "", "penanda tanpa isi"))
    for m in _PAGE_HEADER_RE.finditer(text):
        edits.append((m.start(), m.end(), "", "kepala halaman"))
    for pattern in (_REPEAT_RE, _REPEAT_ACROSS_HEADER_RE):
        for m in pattern.finditer(text):
            if len(m.group(1)) >= 8 and not m.group(1).isdigit():
                edits.append((m.start() + len(m.group(1)), m.end(), "", "kata berulang"))
    for m in _REF_AYAT_RE.finditer(text):
        glued = text[m.end():m.end() + 1].isalpha()  # "ayat (21dan ayat (3)"
        edits.append((m.start(), m.end(), f"({m.group(1)})" + (" " if glued else ""), "penanda ayat"))
    for m in _HURUF_BROKEN_RE.finditer(text):
        edits.append((m.start(), m.end(), "huruf", "kata terpotong"))
    return edits


def _marker_edits(text: str) -> list[_Edit]:
    edits: list[_Edit] = _debris_edits(text)
    for m in _AYAT_OCR_RE.finditer(text):
        edits.append((m.start(), m.end(), f"({m.group(1)}) ", "penanda ayat"))
    for m in _FIRST_ANGKA_RE.finditer(text):
        edits.append((m.start(), m.end(), "1. ", "penanda angka"))
    firsts = {e[0] for e in edits}
    for m in _MARK_SPACE_RE.finditer(text):
        if m.start() not in firsts:
            edits.append((m.start(), m.end(), f"{m.group(1)}.", "penanda huruf"))
    for m in _PERCENT_RE.finditer(text):
        edits.append((m.start(), m.end(), "%", "tanda persen"))
    for m in _DANATAU_RE.finditer(text):
        edits.append((m.start(), m.end(), "dan/atau", "dan/atau"))
    for m in _YEAR_RE.finditer(text):
        edits.append((m.start(), m.end(), m.group(0).translate(str.maketrans("OlI", "011")), "angka tahun"))
    for m in _TEEN_RE.finditer(text):
        edits.append((m.start(), m.start() + 1, "1", "angka belasan"))
    return edits


_STRONG_JUNK_RE = re.compile(r"[()<>^{}|\\\[\]+]|(?<=\w)['\"](?=\w)|^[a-z]\.[a-z]")


def _debris_kind(tok: str, lexicon: Lexicon) -> int:
    """2 = clear junk, 1 = maybe (an unknown short token), 0 = text."""
    if re.match(r"\(?\d{1,2}\)|\(\d[1lI]?$|[a-z]\.$|\d{1,2}\.$", tok):
        return 0  # an item marker, also as OCR writes it ("(41")
    core = tok.strip("\"'`,.;:")
    if any(lexicon.common(w) for w in re.findall(r"[A-Za-z]{3,}", core)):
        return 0  # holds a real word ("I(abupaten/Kota", "sebagai*ana"): damaged text, not a stamp
    if _STRONG_JUNK_RE.search(core) and _is_junk(tok):
        return 2
    if len(core) <= 3 and not lexicon.common(core) and not lexicon.common(core.lower()):
        return 1  # "fl", "A": debris next to a stamp
    if len(core) <= 5 and lexicon.freq(core) <= RARE and lexicon.freq(core.lower()) <= RARE:
        return 1
    return 0


def _stamp_edits(text: str, lexicon: Lexicon) -> list[_Edit]:
    """Runs of debris tokens holding at least two clear junk ones (an OCR'd page stamp)."""
    toks = list(re.finditer(r"\S+", text))
    edits: list[_Edit] = []

    def debris(tok: str) -> int:
        return lexicon.remembered("debris", tok, _debris_kind)

    i = 0
    while i < len(toks):
        if debris(toks[i].group()) != 2:
            i += 1
            continue
        j, start = i, i
        while start > 0 and debris(toks[start - 1].group()) == 1:
            start -= 1
        junk = 0
        while j < len(toks) and (kind := debris(toks[j].group())):
            junk += kind == 2
            j += 1
        # a stamp cut off by the end of the chunk ("… dikirim kepada yang bersangkutan. {ll( Nlo"): after a
        # sentence's end, short tokens up to the end go with it even when a stamp piece recurs often
        # enough to look like a word ("Nlo")
        if j < len(toks) and start > 0 and toks[start - 1].group()[-1] in ".;:" \
                and all(len(t.group()) <= 4 for t in toks[j:]):
            j = len(toks)
        at_end = j == len(toks)
        if (junk >= 2 and j - start >= 3) or (at_end and junk >= 1 and j - start >= 2):
            lo, hi = toks[start].start(), toks[j - 1].end()
            # take the space before the run too, so no double space is shown
            if lo > 0 and text[lo - 1] == " ":
                lo -= 1
            edits.append((lo, hi, "", "cap halaman"))
        i = max(j, i + 1)
    return edits


def _respell(word: str, lexicon: Lexicon) -> str | None:
    """The corpus's own common spelling one OCR confusion away from a (nearly) unused `word`."""
    seen = lexicon.freq(word)
    if 3 <= len(word) < MIN_WORD and re.fullmatch(r"[a-z][a-zA-Z]*[A-Z][a-zA-Z]*", word):
        # an abbreviation with one letter misread ("pNS", "DpR" are not; "ryB" for "PyB"): its capitalised
        # form, or P for r, when the corpus writes that often
        for cand in (word.upper(), word[0].upper() + word[1:], "P" + word[1:]):
            if lexicon.freq(cand) >= COMMON and lexicon.freq(cand) >= RATIO * max(seen, 1):
                return cand
        return None
    if len(word) < MIN_WORD or seen > MAX_DAMAGED:
        return None
    confusions = list(CONFUSIONS)
    if len(word) >= MIN_LETTER_WORD and seen <= RARE:
        confusions += LETTER_CONFUSIONS
    best: tuple[int, str] | None = None
    if word[0] in "Oou'" and len(word) > MIN_WORD and lexicon.freq(word[1:]) >= COMMON and seen <= 3:
        best = (lexicon.freq(word[1:]), word[1:])  # an opening quote read as a letter: "Oasas", "uDemi"
    for wrong, right in confusions:
        start = word.find(wrong)
        while start >= 0:
            cand = word[:start] + right + word[start + len(wrong):]
            # a capital at the start is the law's own ("Oleh", "Organisasi"), not damage
            f = lexicon.freq(cand) if _WELL_FORMED_RE.match(cand) and not (start == 0 and wrong == "O") else 0
            if f >= COMMON and f >= RATIO * max(seen, 1) and (best is None or f > best[0]):
                best = (f, cand)
            start = word.find(wrong, start + 1)
    return best[1] if best else None


def _split(word: str, lexicon: Lexicon) -> str | None:
    """"menyalahgunakanwewenang" → "menyalahgunakan wewenang" when both halves are common words."""
    if len(word) < 8 or lexicon.freq(word) > RARE or not word.isalpha():
        return None
    if word.lower().startswith(_JOINED_PREFIXES):
        return None  # "nonfisik", "antardaerah", "pascasarjana" are written as one word
    best: tuple[int, str] | None = None
    for k in range(4, len(word) - 2):
        a, b = word[:k], word[k:]
        score = min(lexicon.freq(a), lexicon.freq(b))
        if score >= COMMON and (best is None or score > best[0]):
            best = (score, f"{a} {b}")
    return best[1] if best else None


def _word_edits(text: str, lexicon: Lexicon, taken: list[tuple[int, int]]) -> list[_Edit]:
    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    edits: list[_Edit] = []
    words = list(re.finditer(r"[A-Za-z]+", text))
    skip = set()
    for n, m in enumerate(words):
        if n in skip or not free(m.start(), m.end()):
            continue
        w = m.group()
        nxt = words[n + 1] if n + 1 < len(words) else None
        # a word split in two by a stray space: "Si pil", "Pemerin tah"
        if nxt is not None and text[m.end():nxt.start()] == " " and free(nxt.start(), nxt.end()):
            joined = w + nxt.group()
            if (lexicon.common(joined) and nxt.group().lower() not in ("pun", "nya", "lah", "kah")
                    and not lexicon.common(w) and not lexicon.common(nxt.group())):
                edits.append((m.start(), nxt.end(), joined, "kata terpisah"))
                skip.add(n + 1)
                continue
        fixed = lexicon.remembered("respell", w, _respell)
        if fixed is not None:
            edits.append((m.start(), m.end(), fixed, "ejaan korpus"))
            continue
        split = lexicon.remembered("split", w, _split)
        if split is not None:
            edits.append((m.start(), m.end(), split, "kata tergabung"))
    for m in _HYPHEN_SPACE_RE.finditer(text):
        a, b = m.group(1).lower(), m.group(2).lower()
        repeated = any(a.endswith(b[:k]) for k in range(3, min(len(a), len(b)) + 1)) or a == b
        if repeated and free(m.start(), m.end()):  # "perundang- undangan", "masing- masing"
            edits.append((m.start(), m.end(), f"{m.group(1)}-{m.group(2)}", "tanda hubung"))
    return edits


def _pieces(text: str, edits: list[_Edit]) -> tuple[Piece, ...]:
    pieces: list[Piece] = []
    at = 0
    for start, end, shown, why in sorted(edits):
        if start < at:  # overlapping edits: the first wins
            continue
        if start > at:
            pieces.append(Piece(text[at:start], text[at:start]))
        if text[start:end] != shown:
            pieces.append(Piece(text[start:end], shown, why))
        elif end > start:
            pieces.append(Piece(text[start:end], shown))
        at = end
    if at < len(text):
        pieces.append(Piece(text[at:], text[at:]))
    return tuple(pieces)


def display(text: str, lexicon: Lexicon | None = None) -> Display:
    """The readable form of a verbatim text, piece by piece (see the module docstring)."""
    lexicon = lexicon or Lexicon()
    return lexicon.remembered("display", text, _display)


def _display(text: str, lexicon: Lexicon) -> Display:
    edits = _marker_edits(text) + _stamp_edits(text, lexicon)
    taken = [(s, e) for s, e, _, _ in edits]
    edits += _word_edits(text, lexicon, taken)
    return Display(_pieces(text, edits))


def quote_display(quote: str, source: str, lexicon: Lexicon | None = None) -> Display:
    """A quote's readable form, with the marker repair that only its whole source proves: "f . ikut
    kampanye;" is angka 1 ("1. ikut kampanye;") because "2." follows it in the pasal, not in the quote."""
    own = display(quote, lexicon)
    at = source.find(quote)
    if at < 0:
        return own
    pos = 0
    for p in display(source, lexicon).pieces:
        if pos == at and p.why == "penanda angka" and quote.startswith(p.source):
            return Display((p, *display(quote[len(p.source):], lexicon).pieces))
        pos += len(p.source)
        if pos > at:
            break
    return own


def display_text(text: str, lexicon: Lexicon | None = None) -> str:
    return display(text, lexicon).text
