"""Remove what is not law from OCR'd regulation text, and nothing else.

Deletes page headers ("PRESIDEN / REPUBLIK INDONESIA / - 4 -" and OCR variants), footers
("SK No 108402 A"), OCR'd stamp garbage (": ,1< l.lo 106 ^-<.1 /"), page catchwords that repeat
the next words ("b. menghadiri b. menghadiri"), and joins words hyphenated across a line break.
Words are never rewritten: a quote taken from the cleaned text is a quote from the source
(OCR misspellings like "Ralryat" stay). Newlines are kept; runs of spaces become one space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from indexer.load import Page

_SP = r"[ \t]*"
# "PRESIDEN REPUBLIK INDONESIA" as a page header, including OCR splits ("PR ES IOEN", "PFTESIDEN").
_PRESIDEN = r"P[ ]?[RF][A-Z]?[ ]?[A-Z]?[ ]?E[ ]?S[ ]?[I1]?[ ]?[DO0][ ]?E?[ ]?N"
_HEADER_RE = re.compile(
    rf"(?<![A-Za-z])[,.]?{_PRESIDEN}\s+\.?REPUB[A-Z|]{{1,4}}\s+IN[A-Z]{{4,7}}\b"
    rf"(?P<tail>(?:\s*[.,]?\s*[-_]{_SP}\d{{1,3}}{_SP}[-_])?)"
)
_PAGE_NO_RE = re.compile(r"(?<!\S)[-_][ \t]?[0-9tLlIO]{0,2}[0-9][0-9tLlIO]{0,2}[ \t]?[-_](?!\S)")
_FOOTER_RE = re.compile(r"\bSK\s+No\.?\s*\d{5,7}\s*A\b")
_DOTS_RE = re.compile(r"[ \t]*(?:…|\.\.\.)+")

# Tokens that never occur in legal prose: stamp and OCR debris.
_JUNK_CHARS = set("<>^{}|\\[]_!\"'`~*")
_MARKER_RE = re.compile(r"^(?:\(\d{1,2}[a-z]?[)l1]?|\d{1,3}[.)]|[a-z]\.|\d{1,3}[A-Z]?)[,.;:]?$")
_WORD_RE = re.compile(r"^[A-Za-z][a-z]+[,.;:]?$|^[A-Z]{2,}[,.;:]?$|^\(?[a-z]+\)?[,.;:]?$")


def _is_junk(tok: str) -> bool:
    if _MARKER_RE.match(tok) or _WORD_RE.match(tok):
        return False
    if any(ch in _JUNK_CHARS for ch in tok):
        return True
    core = tok.rstrip(",.;:")
    if "(" in core[1:] or ")" in core[:-1] or (core.count("(") + core.count(")") > 1 and "()" in core):
        return True
    if re.search(r"[a-zA-Z]\.[a-zA-Z]", core) and len(core) <= 6:  # "l.lo", "i.f."
        return True
    # "l0r", "fltrr<", but not "25o/o" or "2Ol4"
    return bool(re.search(r"[a-z][A-Z]|\d[a-z]+\d|[a-z]\d[a-z]", core)) and not re.search(r"\d{2}", core)


def _is_filler(tok: str) -> bool:
    """Short debris that may sit inside a stamp run ("A", "f", "/", "106", "fl")."""
    if _MARKER_RE.match(tok) and not re.fullmatch(r"\d{1,3}", tok):
        return False
    return len(tok) <= 4 and not re.fullmatch(r"[A-Za-z][a-z]{1,3}[,.;:]?|[A-Z]{2,4}[,.;:]?", tok)


def _drop_junk_runs(text: str) -> str:
    """Delete runs of ≥3 debris tokens holding ≥2 clearly junk ones (OCR'd page stamps)."""
    toks = list(re.finditer(r"\S+", text))
    kill: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if not _is_junk(toks[i].group()) and not (
            i + 1 < len(toks) and _is_filler(toks[i].group()) and _is_junk(toks[i + 1].group())
        ):
            i += 1
            continue
        j = i
        junk = 0
        while j < len(toks) and (_is_junk(toks[j].group()) or _is_filler(toks[j].group())):
            junk += _is_junk(toks[j].group())
            j += 1
        if j - i >= 3 and junk >= 2:
            kill.append((toks[i].start(), toks[j - 1].end()))
        i = max(j, i + 1)
    for start, end in reversed(kill):
        text = text[:start] + " " + text[end:]
    return text


# A marker ("b.", "(2)", "5.", "Pasal 3") and one or two words, repeated right away: a page catchword.
_MARK = r"(?:\(\d{1,2}[)l1]?|\d{1,2}[.)]|[a-z]\.|Pasal\s+\d{1,3}[A-Z]?|Huruf\s+[a-z]|Ayat\s+\(\d{1,2}\))"
_CATCH_RE = re.compile(
    rf"(?<!\S)(?P<m1>{_MARK})(?P<w>(?:\s+[^\s()]+){{0,2}}?)\s*(?:…|\.\.\.|\s\.)?\s+(?P<m2>{_MARK})(?P=w)(?=\s|$)"
)


def _norm_mark(mark: str) -> str:
    mark = re.sub(r"\s+", " ", mark)
    m = re.fullmatch(r"\((\d{1,2})[)l1]?", mark)
    if m:
        digits = m.group(1)
        return "(" + (digits[:-1] if mark.endswith(("1", "l")) and len(digits) > 1 and ")" not in mark
                      else digits) + ")"
    return mark


def _drop_catchwords(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        a, b = m.group("m1"), m.group("m2")
        same = _norm_mark(a) == _norm_mark(b) or _norm_mark(a + "1") == _norm_mark(b)
        if not same and not (a.startswith("(") and b.startswith("(") and _norm_mark(b).startswith(a[:2])):
            return m.group(0)
        return b + m.group("w")

    return _CATCH_RE.sub(repl, text)


def _join_hyphens(text: str) -> str:
    """`peme-\\nrintah` → `pemerintah`; `Undang-\\nUndang`, `sebaik-\\nbaiknya` keep their hyphen."""

    def repl(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        stem = right[:3].lower()
        keep = right[0].isupper() or (len(stem) == 3 and stem in left.lower())
        return f"{left}-{right}" if keep else f"{left}{right}"

    return re.sub(r"(\w+)-[ \t]*\n[ \t]*(\w+)", repl, text)


def clean_text(text: str) -> str:
    """Clean one page (or a whole markdown file)."""
    text = text.replace("\r\n", "\n").replace("\u00a0", " ")

    def header(m: re.Match[str]) -> str:
        before = text[max(0, m.start() - 12) : m.start()]
        after = text[m.end() : m.end() + 2]
        proper = m.group(0).lstrip(",.").startswith("PRESIDEN REPUBLIK INDONESIA")
        if proper and not m.group("tail") and (
            after.startswith(",") or re.search(r"(DAN|ESA|OLEH)\s*$", before)
        ):
            return m.group(0)  # the signature block or the enacting formula, not a header
        return " "

    text = _HEADER_RE.sub(header, text)
    text = _FOOTER_RE.sub(" ", text)
    text = _PAGE_NO_RE.sub("", text)
    text = _join_hyphens(text)
    text = _drop_junk_runs(text)
    text = re.sub(r"(?<!\S)\^(?=[a-z])", "", text)  # stray OCR caret glued to a word: "^jabatan"
    text = re.sub(r"[ \t]+", " ", text)
    text = _drop_catchwords(text)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def clean_pages(pages: Iterable[Page]) -> list[Page]:
    return [Page(p.number, clean_text(p.text)) for p in pages]
