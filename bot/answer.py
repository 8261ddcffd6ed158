"""Answers users see: a lead that answers the kind of question (bot/lead.py), the item that answers
(and the one that completes it, e.g. its sanction level), Dasar hukum, the disclaimer once.

Pure functions over retrieved chunks (no I/O), so they are easy to test and the Telegram layer,
the CLI and the evaluation all show exactly the same thing. Every quote is cut from the chunk's
own text (a contiguous slice), so it can always be found again in the source; what the reader sees
is its readable form (bot/display.py). The lead never says more than the quoted rule does
("Tidak boleh" only when a quoted rule says *dilarang*). Item structure is read in one place,
`chunk_items`.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np

from bot import messages as M
from bot.display import Lexicon, display, quote_display
from bot.kinds import Kind, question_kind
from bot.query import (
    about_outsider,
    asker_is_personnel_office,
    asks_candidate_sanction,
    asks_criminal,
    expand,
    question_asks,
    question_parts,
)
from bot.retrieve import Hit, Retrieval, tokenize
from indexer.types import JENIS_LABEL, Chunk, Document, Item

BASIS_HEADER = M.ANSWER_BASIS_HEADER
DISCLAIMER_TEXT = M.ANSWER_DISCLAIMER_TEXT
NOT_FOUND_LEAD = M.ANSWER_NOT_FOUND_LEAD
NOT_FOUND_SUGGEST = M.ANSWER_NOT_FOUND_SUGGEST

MAX_CITATIONS = 5  # ranked citations an answer carries (JSON, Sumber button); one or two are quoted
MAX_QUOTE_CHARS = 900  # a lookup of a long pasal is cut at an item boundary below this
MAX_LEAD_IN_CHARS = 600  # an opening longer than this is not an opening
SECOND_CITATION_MIN = 0.5  # a further citation must score at least this share of the first
CLOSE_SECOND = 0.85  # a second pasal this close to the first is quoted too: retrieval cannot tell them apart

# Plain-text answer wording lives with the bot's other user messages (bot/messages.py).



@dataclass
class Citation:
    """One numbered citation: the chunk, and the verbatim part of its text we quote."""

    n: int
    chunk: Chunk
    quote: str  # always a verbatim substring of chunk.text
    score: float
    repealed_note: str | None = None  # "sudah dicabut oleh UU 20/2023" when not in force
    label: str = ""  # the chunk label narrowed to the quoted ayat/huruf/angka
    lead_in: list[str] = field(default_factory=list)  # verbatim openings above the quote ("PNS dilarang:")
    penjelasan: Chunk | None = None  # the pasal's Penjelasan, when it says more than "Cukup jelas"
    penjelasan_quote: str = ""
    display: str = ""  # the quote as the reader sees it (bot/display.py); `quote` stays verbatim
    lead_in_display: list[str] = field(default_factory=list)
    penjelasan_display: str = ""
    topic_common: frozenset[str] = frozenset()  # words all items of its pasal share (its topic)
    # A short pasal of several ayat, readable, when the quote is one of them: the answer shows it whole
    # (the ayat around the answering one say how long, who, what else — what helpdesk questions ask).
    whole_display: str = ""
    # It answers another ask of a question of several ("… dan siapa yang menyampaikan?"): the lead gives
    # it a sentence of its own.
    other_ask: bool = False
    # … found by searching for that ask alone (not a sibling ayat of the first): a close second pasal stays
    searched_ask: bool = False
    # A prohibited way with no sanction level of its own: which levels the other ways of its list carry
    levels_note: str = ""
    # One of the chunks of a pasal asked for whole ("Pasal 13 isinya apa?"): all of them are quoted in full,
    # the lead and Dasar hukum name the pasal
    whole_lookup: bool = False
    unread_item: str | None = None  # "huruf f": the item the user named, not read apart in the indexed text
    # Named by the quoted pasal or naming it (listed under "Lihat juga" of a lookup, whatever its act)
    cross_reference: bool = False
    # What the sanction level quoted means ("Jenis Hukuman Disiplin berat … terdiri atas: …"), or the clause
    # that delays that list: the lead names the kinds, so "bisa dipecat?" is answered
    level_kinds: bool = False
    meanwhile: Citation | None = None  # the rule applying until this one, delayed, takes effect
    overrides: Citation | None = None  # the regulation's rule kept only where not contrary to this law's
    # The rule for the group the user belongs to that ends their status ("calon PNS diberhentikan apabila: c. …"),
    # asked "CPNS bisa dipecat?": the lead says it after the answer to the conduct
    group_rule: bool = False

    @property
    def display_label(self) -> str:
        return self.label or self.chunk.label

    @property
    def shown_quote(self) -> str:
        return self.display or self.quote

    @property
    def status_text(self) -> str:
        if self.repealed_note:
            return self.repealed_note
        if self.chunk.kind == "article":
            return M.ANSWER_STATUS_ARTICLE
        return M.ANSWER_STATUS_TRANSITIONAL if self.chunk.transitional else M.ANSWER_STATUS_IN_FORCE


@dataclass
class Answer:
    question: str
    found: bool
    lead: str
    citations: list[Citation] = field(default_factory=list)  # quoted in the answer, the answering one first
    text: str = ""  # the whole answer as plain text (CLI, logs); Telegram renders its own HTML
    latency_ms: float = 0.0
    via_llm: bool = False
    reason: str = "ok"  # ok | below_threshold | … | smalltalk | empty | error
    confidence: float = 0.0
    basis: list[str] = field(default_factory=list)  # Dasar hukum lines (regulations only)
    disclaimer: str = DISCLAIMER_TEXT
    # Further ranked passages, not quoted in the answer text (labels under "Lihat juga", full text
    # behind the Teks lengkap button); the JSON lists them after `citations`.
    more: list[Citation] = field(default_factory=list)
    kind: str = Kind.OTHER.value  # what the question asks for (bot/kinds.py)
    reading: list[str] = field(default_factory=list)  # "Bacaan": articles cited

    @property
    def smalltalk(self) -> bool:
        return self.reason == "smalltalk"

    def to_json(self, id: str | None = None) -> dict:
        """The stable CLI/evaluation contract (see README); `display` is the readable form of `text`."""
        return {
            "id": id,
            "question": self.question,
            "answer": self.text,
            "found": self.found,
            "citations": [
                {
                    "doc_id": c.chunk.doc_id,
                    "pasal": c.chunk.pasal,
                    "ayat": c.chunk.ayat,
                    "part": c.chunk.part,
                    "label": c.display_label,
                    "status": c.chunk.status,
                    "text": c.quote,
                    "display": c.shown_quote,
                    "score": round(float(c.score), 4),
                }
                for c in [*self.citations, *self.more]
            ],
            "latency_ms": round(self.latency_ms, 1),
        }


# --------------------------------------------------------------------------- quote trimming

# Item markers of Indonesian legislation: "(2)" ayat, "a." huruf, "1." angka, at a line start or
# (for ayat, which OCR often glues to the previous sentence) after a sentence end.
# The Penjelasan writes its entries inline: "Huruf n Angka 1 Cukup jelas. Angka 2 Yang dimaksud …".
_AFTER_ITEM = r"(?:(?<=\n)|^|(?<=[;:]\s)|(?<=;\sdan\s)|(?<=;\satau\s)|(?<=dan/atau\s))"
_ITEM_RE = re.compile(
    _AFTER_ITEM + r"\s*(?P<huruf>[a-z])\.\s"
    r"|" + _AFTER_ITEM + r"\s*(?P<angka>\d{1,2})\.\s"
    r"|(?:(?<=\n)|^|(?<=[.;:]\s))\s*\((?P<ayat>\d{1,2})\)\.?\s"
    # OCR reads "(2)" as "(21" or "(2l": a digit, then 1/l, a space and a capital letter
    r"|(?:(?<=\n)|^|(?<=[.;:]\s))\s*\((?P<ocr_ayat>\d)[1l]\s(?=[A-Z])"
    r"|(?:(?<=\n)|^|(?<=[\s.]))Ayat\s+\((?P<pj_ayat>\d{1,2})\)"
    r"|(?:(?<=\n)|^|(?<=[\s.]))Huruf\s+(?P<pj_huruf>[a-z])\b"
    r"|(?:(?<=\n)|^|(?<=[\s.]))Angka\s+(?P<pj_angka>\d{1,2})\b",
)
_LEVEL = {"ayat": 0, "huruf": 1, "angka": 2}


@dataclass
class _Item:
    start: int
    end: int
    kind: str  # intro | ayat | huruf | angka
    mark: str
    parents: list[int] = field(default_factory=list)


def chunk_items(chunk: Chunk) -> list[_Item]:
    """The chunk's intro and ayat/huruf/angka items (offsets into `chunk.text`), each knowing its parents.

    The one place answers read item structure. The indexer's spans (`chunk.items`) are used when
    present. A pasal body the indexer parsed (it carries its consolidation, `base_doc`) and found no
    items in has none worth naming: OCR scattered its markers ("(1) (2t (3) PNS yang …"), and a label
    read from them would name the wrong ayat. Penjelasan, and chunks built without the indexer, are
    parsed here.
    """
    cached = _chunk_items(chunk.text, chunk.item_spans, chunk.base_doc is not None and chunk.part != "penjelasan")
    return [replace(it, parents=list(it.parents)) for it in cached]  # callers get their own copies


@lru_cache(maxsize=16384)
def _chunk_items(text: str, spans: tuple[Item, ...], parsed_body: bool) -> tuple[_Item, ...]:
    """Items depend only on the text and the indexer's spans: computed once per chunk, not per
    question (parsing OCR'd text with its page-stamp masks was a third of an answer's CPU)."""
    if spans:
        return tuple(_from_index(list(spans), text))
    if parsed_body:
        return (_Item(0, len(text), "intro", ""),) if text.strip() else ()
    return tuple(_items(text))


def _from_index(stored: list[Item], text: str) -> list[_Item]:
    """The indexer's item spans in this module's shape: each item runs to the next item's start
    (a parent's own words, then its children as items of their own), the intro before the first."""
    spans = sorted(stored, key=lambda i: (i.start, -i.end))
    items: list[_Item] = []
    first = spans[0].start if spans else len(text)
    if text[:first].strip():
        items.append(_Item(0, first, "intro", ""))
    for j, i in enumerate(spans):
        end = spans[j + 1].start if j + 1 < len(spans) else len(text)
        items.append(_Item(i.start, max(end, i.start), i.kind, i.label))
    _link_parents(items)
    return items


def _masked(text: str) -> str:
    """The text with OCR page stamps blanked (same length), each ending in a line break: a huruf
    right after a stamp ("… huruf l; ll( irlq … fl i. memberikan") starts an item."""
    from bot.display import _stamp_edits

    out = text
    for start, end, _, _ in _stamp_edits(text, Lexicon()):
        if end - start >= 2:
            out = out[:start] + " " * (end - start - 1) + "\n" + out[end:]
    return out


def _items(text: str) -> list[_Item]:
    """Split a text into its intro and ayat/huruf/angka items, each knowing its parents."""
    masked = _masked(text)
    marks = [(m.start(), k.removeprefix("pj_").removeprefix("ocr_"), m.group(k)) for m in _ITEM_RE.finditer(masked)
             for k in ("huruf", "angka", "ayat", "pj_huruf", "pj_angka", "pj_ayat", "ocr_ayat") if m.group(k)]
    marks = [(start + len(masked[start:]) - len(masked[start:].lstrip()), kind, mark) for start, kind, mark in marks]
    items: list[_Item] = []
    first = marks[0][0] if marks else len(text)
    if text[:first].strip():
        items.append(_Item(0, first, "intro", ""))
    for j, (start, kind, mark) in enumerate(marks):
        end = marks[j + 1][0] if j + 1 < len(marks) else len(text)
        items.append(_Item(start, end, kind, mark))
    _link_parents(items)
    return items


def _link_parents(items: list[_Item]) -> None:
    """Parents: the nearest preceding item of a higher level (ayat > huruf > angka), and the intro."""
    stack: list[int] = []
    for idx, item in enumerate(items):
        if item.kind == "intro":
            stack = [idx]
            continue
        while stack and items[stack[-1]].kind != "intro" and _LEVEL[items[stack[-1]].kind] >= _LEVEL[item.kind]:
            stack.pop()
        item.parents = list(stack)
        stack.append(idx)


def _loose_item(text: str, kind: str, mark: str) -> tuple[int, int] | None:
    """Find "i. …" even where OCR noise hides the line break before it (not "huruf i." references)."""
    def pattern(m: str) -> str:
        if kind == "ayat":
            return rf"\({re.escape(m)}(?:\)|[1l](?=\s[A-Z]))\s"
        return rf"(?<![\w.])(?<!huruf )(?<!angka ){re.escape(m)}\.\s"
    start = re.search(pattern(mark), text, re.IGNORECASE)
    if start is None:
        return None
    nxt = chr(ord(mark) + 1) if kind == "huruf" and len(mark) == 1 else str(int(mark) + 1) if mark.isdigit() else None
    end = re.search(pattern(nxt), text[start.end():], re.IGNORECASE) if nxt else None
    stop = start.end() + end.start() if end else min(len(text), start.start() + MAX_QUOTE_CHARS)
    return start.start(), stop


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _first_line(text: str, start: int, end: int) -> str:
    """The opening of an item up to its colon or line end ("n. memberikan dukungan … dengan cara:")."""
    s, e = _strip(text, start, end)
    piece = text[s:e]
    cut = piece.find(":")
    nl = piece.find("\n")
    stops = [x for x in (cut + 1 if cut >= 0 else -1, nl) if x > 0]
    piece = piece[: min(stops)] if stops else piece
    if len(piece) > MAX_LEAD_IN_CHARS:
        piece = piece[:MAX_LEAD_IN_CHARS].rsplit(" ", 1)[0]
    return piece.strip()


def _item_score(stems: set[str], idf: dict[str, float], text: str) -> float:
    toks = set(tokenize(text))
    return sum(idf.get(t, 1.0) for t in toks & stems) / (1.0 + 0.002 * len(text))


ARTICLE_QUOTE = 380  # an article is quoted by its best sentences, not a whole 1 200-character window


def _line_break(text: str, m: re.Match[str]) -> str:
    """A run of line breaks as it reads: kept when it is a paragraph break or ends a table row, else
    spaces of the same length."""
    run = m.group()
    row = text[m.start() - 1:m.start()] == "|" or text[m.end():m.end() + 1] == "|"
    return run if run.count("\n") > 1 or row else " " * len(run)


def _article_window(text: str, stems: set[str], idf: dict[str, float], figure: re.Pattern[str] | None = None) -> str:
    """The article's sentences that share most with the question, contiguous and verbatim. When the
    question asks for a figure (`figure`), a sentence (or table line) that states one and shares the
    question's words comes first."""
    # a sentence runs over the single line breaks of a PDF's text layer; a blank line or a table row ends it
    # (the breaks become spaces in a copy of the same length, so the quote is still sliced from the text)
    flowing = re.sub(r"\n[ \t]*(?:\n[ \t]*)*", lambda m: _line_break(text, m), text)
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+(?:[.!?]+|$)", flowing) if m.group().strip()]
    if not spans:
        return text.strip()

    def score(i: int) -> tuple[bool, float, int]:
        piece = text[spans[i][0]:spans[i][1]]
        shared = _item_score(stems, idf, piece)
        return (figure is not None and shared > 0 and bool(figure.search(piece)), shared, -i)

    best = max(range(len(spans)), key=score)
    start, end = spans[best]
    for nxt in spans[best + 1:]:
        if nxt[1] - start > ARTICLE_QUOTE:
            break
        end = nxt[1]
    s, e = _strip(text, start, end)
    return text[s:e]


def _article_chunk_with_figure(hit: Hit, chunk: Chunk, stems: set[str], idf: dict[str, float],
                               figure: re.Pattern[str]) -> Chunk:
    """The chunk of an article whose best passage states a figure and shares most with the question
    (the best-matching chunk when none does)."""
    def score(c: Chunk) -> float:
        window = _article_window(c.text, stems, idf, figure)
        return _item_score(stems, idf, window) if figure.search(window) else -1.0

    best = max(hit.chunks, key=score, default=chunk)
    return best if score(best) > 0 else chunk


def trim_quote(
    chunk: Chunk,
    question_stems: set[str],
    idf: dict[str, float] | None = None,
    ayat: str | None = None,
    huruf: str | None = None,
    angka: str | None = None,
    whole: bool = False,
    figure: re.Pattern[str] | None = None,
    list_limit: int = 0,
) -> tuple[str, list[str], str]:
    """(quote, lead-ins, label suffix): the item of the chunk that answers, verbatim.

    A named ayat/huruf/angka wins; otherwise the item sharing most (idf-weighted) stems with the
    question. `whole` keeps the full text (cut at an item boundary when very long).
    """
    text = chunk.text
    idf = idf or {}
    if chunk.kind == "article" and not whole:
        return _article_window(text, question_stems, idf, figure), [], ""
    items = chunk_items(chunk)
    if whole or len(items) <= 1:
        limit = max(MAX_QUOTE_CHARS, list_limit)
        if len(text) <= limit or len(items) <= 1:
            s, e = _strip(text, 0, len(text) if len(text) <= limit * 2 else limit * 2)
            return text[s:e], [], ""
        cut = max((it.start for it in items if 0 < it.start <= limit), default=limit)
        s, e = _strip(text, 0, cut)
        return text[s:e], [], _shown_range(items, cut)

    chosen: _Item | None = None
    wanted = [(k, v) for k, v in (("ayat", ayat), ("huruf", huruf), ("angka", angka)) if v]
    if wanted:
        for it in items:
            if it.kind == wanted[-1][0] and it.mark.lower() == wanted[-1][1].lower():
                path = {items[p].kind: items[p].mark.lower() for p in it.parents}
                if all(path.get(k, v.lower()) == v.lower() for k, v in wanted[:-1]):
                    chosen = it
                    break
    if chosen is None and wanted:
        loose = _loose_item(text, *wanted[-1])
        if loose is not None:
            s, e = _strip(text, *loose)
            intro = [_first_line(text, it.start, it.end) for it in items[:1] if it.kind == "intro"]
            suffix = " ".join(f"ayat ({v})" if k == "ayat" else f"{k} {v}" for k, v in wanted)
            return text[s:e], [x for x in intro if x], suffix
    if chosen is None:
        # A word found in every item ("asas" in a list of asas) tells nothing about which item is
        # meant: weight question words by how rare they are among this chunk's items too.
        candidates = [(i, it) for i, it in enumerate(items) if it.kind != "intro"]
        item_stems = [set(tokenize(text[it.start:it.end])) for _, it in candidates]
        n_items = len(candidates)
        local = {t: math.log(1 + n_items / sum(t in st for st in item_stems))
                 for t in question_stems if any(t in st for st in item_stems)}
        weights = {t: idf.get(t, 1.0) * w for t, w in local.items()}
        scored = [(_item_score(set(local), weights, text[it.start:it.end]), -i, it) for i, it in candidates]
        best = max(scored, key=lambda x: (x[0], x[1]), default=None)
        if best is not None and best[0] > 0:
            # an opening that only introduces a list ("… dengan cara:") answers nothing by itself when
            # its list is too long to quote whole: the sub-item that shares most with the question
            # does (its opening stays as the lead-in)
            opener = items.index(best[2])
            kids = [x for x in scored if opener in x[2].parents]
            span = max((x[2].end for x in kids), default=best[2].end) - best[2].start
            if kids and text[best[2].start:best[2].end].rstrip().endswith(":") and span > MAX_QUOTE_CHARS:
                child = max(kids, key=lambda x: (x[0], x[1]))
                if child[0] > 0:
                    best = child
        if best is None or best[0] <= 0:
            s, e = _strip(text, 0, min(len(text), MAX_QUOTE_CHARS))
            if e < len(text):
                cut = max((it.start for it in items if 0 < it.start <= MAX_QUOTE_CHARS), default=e)
                s, e = _strip(text, 0, cut)
            return text[s:e], [], ""
        chosen = best[2]

    # An item that opens a list ("… terdiri atas:") is quoted with its sub-items when short (when named
    # in a lookup, up to `list_limit`: "Pasal 5 huruf n isinya apa?" wants angka 1–7 too).
    end = chosen.end
    children = [it for it in items if items.index(chosen) in it.parents]
    if children and text[chosen.start:chosen.end].rstrip().endswith(":"):
        end = max(it.end for it in children)
        if end - chosen.start > max(MAX_QUOTE_CHARS, list_limit):
            end = chosen.end
    s, e = _strip(text, chosen.start, end)
    quote = text[s:e]
    if len(quote) > max(MAX_QUOTE_CHARS, list_limit):
        quote = quote[:max(MAX_QUOTE_CHARS, list_limit)].rsplit(" ", 1)[0]
    lead_in = [_first_line(text, items[p].start, items[p].end) for p in chosen.parents]
    suffix = " ".join(
        f"ayat ({items[p].mark})" if items[p].kind == "ayat" else f"{items[p].kind} {items[p].mark}"
        for p in [*chosen.parents, items.index(chosen)] if items[p].kind != "intro"
    )
    return quote, [x for x in lead_in if x], suffix


def _shown_range(items: list[_Item], cut: int) -> str:
    """"huruf a–c": the top-level items of a chunk cut before its end, so that the label names what is
    shown (a label "huruf a–f" over a quote that stops at c names items the user cannot see)."""
    top = [it for it in items if it.kind != "intro" and all(items[p].kind == "intro" for p in it.parents)]
    shown = [it for it in top if it.start < cut]
    if not shown or len({it.kind for it in shown}) != 1:
        return ""
    def mark(it: _Item) -> str:
        return f"({it.mark})" if it.kind == "ayat" else it.mark
    first, last = shown[0], shown[-1]
    return f"{first.kind} {mark(first)}" + (f"–{mark(last)}" if last is not first else "")


def narrowed_label(chunk: Chunk, suffix: str) -> str:
    """"PP 94/2021 Pasal 5" + "huruf n angka 5" → "PP 94/2021 Pasal 5 huruf n angka 5" (no repeats)."""
    if not suffix:
        return chunk.label
    label = chunk.label
    parts = re.findall(r"(ayat \(\d+\)(?:–\(\d+\))?|huruf [a-z](?:–[a-z])?|angka \d+(?:–\d+)?)", suffix)
    for part in parts:
        kind = part.split()[0]
        if re.search(rf"{re.escape(part)}(?![\w–-])", label):
            continue
        # the chunk's own range ("huruf a–m") gives way to the item quoted ("huruf n")
        label = re.sub(rf"\s{kind}\s\(?[\w]+\)?(?:[–-]\(?\w+\)?)?", "", label)
    tail = " ".join(p for p in parts if not re.search(rf"{re.escape(p)}(?![\w–-])", label))
    return f"{label} {tail}".strip() if tail else label


# --------------------------------------------------------------------------- composing


def short_name(doc_id: str, documents: dict[str, Document], chunk: Chunk | None = None) -> str:
    doc = documents.get(doc_id)
    if doc is not None:
        return doc.short_name
    if chunk is not None and chunk.jenis:
        jenis = JENIS_LABEL.get(chunk.jenis.upper().replace(" ", ""), chunk.jenis)
        return f"{jenis} {chunk.nomor}/{chunk.tahun}"
    return doc_id


def repealed_note(chunk: Chunk, documents: dict[str, Document], ayat: str | None = None) -> str | None:
    """What a citation's status line says when its text is not simply the rule in force: replaced
    ("sudah diubah oleh UU 10/2016; yang berlaku: UU 10/2016 Pasal 71"), deleted, repealed — with a
    saving clause that keeps it in force, or a clause that delays it. None for a plain rule in force."""
    def clause(saving: dict) -> str:
        where = f"{short_name(str(saving.get('doc_id')), documents)} Pasal {saving.get('pasal')}"
        return where + (f" ayat ({saving['ayat']})" if saving.get("ayat") else "")

    def applies(saving: dict | None) -> bool:
        """A clause about one ayat says nothing of the pasal's other ayat."""
        target = saving.get("target_ayat") if saving else None
        return bool(saving) and not (target and ayat and str(target) != str(ayat))

    def about(saving: dict) -> str:
        target = saving.get("target_ayat")
        return f"ayat ({target}) " if target and not ayat else ""

    parts: list[str] = []
    if chunk.status == "diubah":
        if chunk.changed_by:
            parts.append("sudah " + M.PASAL_HISTORY_CHANGED.format(act=short_name(chunk.changed_by, documents)))
        if chunk.current_doc and chunk.current_pasal:
            current = f"{short_name(chunk.current_doc, documents)} Pasal {chunk.current_pasal}"
            parts.append(M.PASAL_HISTORY_REPLACED.format(current=current))
    elif chunk.status == "dihapus":
        parts.append(M.PASAL_HISTORY_DELETED.format(act=short_name(chunk.changed_by, documents))
                     if chunk.changed_by else "sudah dihapus")
    elif not chunk.in_force:
        parts.append(f"sudah dicabut oleh {short_name(chunk.dicabut_oleh, documents)}" if chunk.dicabut_oleh
                     else "sudah dicabut")
    kept, not_yet = chunk.kept_in_force_by, chunk.not_yet_in_force_until
    # a saving clause matters for a rule that was replaced or repealed; a rule in force needs no defence
    # (UU 20/2023 Pasal 75 keeping PP 94/2021 in force is not news on every PP 94/2021 citation)
    if kept and applies(kept) and not chunk.in_force:
        parts.append(about(kept) + M.PASAL_HISTORY_KEPT.format(clause=clause(kept)))
    if not_yet and applies(not_yet):
        parts.append(about(not_yet) + M.PASAL_HISTORY_NOT_YET.format(clause=clause(not_yet)))
    return "; ".join(parts) or None


def _says_nothing(quote: str) -> bool:
    """"Cukup jelas." (or OCR's "Angka 7 Cukup") explains nothing worth showing."""
    rest = re.sub(r"^\W*((Ayat|Huruf|Angka|Pasal)\s+\(?\w{1,3}\)?\W*)*", "", quote.strip(), flags=re.IGNORECASE)
    rest = rest.strip(" .;:")
    if not rest or (rest.lower().startswith("cukup") and len(rest) < 30):
        return True
    # "Cukup jelas : ,t/ NIO l0r)l().1 A Ayat (21": page-stamp debris and the next entry's heading after it
    after = re.sub(r"^cukup\s+jelas\b", "", rest, flags=re.IGNORECASE)
    words = [w for w in re.findall(r"\b[a-z]{4,}\b", after) if w not in ("ayat", "huruf", "angka", "pasal")]
    return after != rest and len(words) < 3


# "… kelancaran tugas. Ayat (21 Cukup jelas." — the next entries, run into this one where OCR hid their heading
_NEXT_EMPTY_ENTRY_RE = re.compile(r"(?:\s+(?:Ayat|Huruf|Angka)\s*\(?\w{1,3}\)?\s*Cukup\s+jelas\W*)+$", re.IGNORECASE)


def _penjelasan_quote(hit: Hit, chunk: Chunk, stems: set[str], idf: dict[str, float],
                     suffix: str = "") -> tuple[Chunk | None, str]:
    """The Penjelasan entry of the quoted item, unless it only says "Cukup jelas"."""
    if "–" in suffix:  # a run of items ("huruf a–c"): no one entry explains it
        return None, ""
    path = dict(re.findall(r"(ayat|huruf|angka) \(?(\w+)\)?", suffix))
    if chunk.ayat and "ayat" not in path:
        path = {"ayat": chunk.ayat, **path}
    if chunk.huruf and "huruf" not in path:
        path = {"huruf": chunk.huruf, **path}
    if path:
        # The entry for exactly the quoted ayat/huruf/angka, or nothing: another item's
        # explanation next to this quote would mislead.
        for p in hit.penjelasan:
            quote, _, got = trim_quote(p, stems, idf, ayat=path.get("ayat"), huruf=path.get("huruf"),
                                       angka=path.get("angka"))
            last = list(path.items())[-1]
            if got and got.endswith(f"{last[0]} ({last[1]})" if last[0] == "ayat" else f"{last[0]} {last[1]}"):
                quote = _NEXT_EMPTY_ENTRY_RE.sub("", quote)
                return (None, "") if _says_nothing(quote) else (p, quote)
        return None, ""
    best: tuple[float, Chunk, str] | None = None
    for p in hit.penjelasan:
        if len(p.text.strip()) < 25 and "cukup jelas" in p.text.lower():
            continue
        quote, _, _ = trim_quote(p, stems, idf)
        if _says_nothing(quote):
            continue
        score = _item_score(stems, idf, quote)
        if score > 0 and (best is None or score > best[0]):
            best = (score, p, quote)
    return (best[1], best[2]) if best else (None, "")


def _opening(chunk: Chunk) -> str:
    """The pasal's opening words when the chunk starts mid-list ("Hukuman Disiplin sedang …
    dijatuhkan bagi PNS yang melanggar ketentuan larangan:"), else ""."""
    context = re.sub(r"^Pasal\s+\w+:\s*", "", chunk.context or "").strip()
    if not context or context.startswith("Pasal ") or chunk.text.lstrip().startswith(context[:40]):
        return ""
    if re.match(r"\(\w{1,2}\)", context) and re.match(r"\s*\(\w{1,2}\)", chunk.text):
        # the chunk is an ayat of its own ("(2) Gubernur … dilarang …"): ayat (1) is its neighbour, not its
        # opening; shown above it, "(1) Pejabat negara, … atau …" reads as part of the ayat labelled
        return ""
    return context


_REFERENCE_RE = re.compile(r"\s*sebagaimana\s+dimaksud\s+(?:dalam|pada)\s+(?:Pasal\s+\w+\s*)?"
                           r"(?:(?:ayat\s*\(\w+\)|huruf\s+\w|angka\s+\d+)[\s,]*(?:dan\s+)?)*", re.IGNORECASE)


def shorten_lead_in(text: str, focus: set[str] | frozenset[str] = frozenset()) -> str:
    """A lead-in without its cross-references ("Hukuman Disiplin sedang … dijatuhkan bagi PNS yang
    melanggar ketentuan larangan:") and, when long, without the middle of its enumeration
    ("n. memberikan dukungan kepada calon Presiden/Wakil Presiden, … dengan cara:"). The member the
    question is about stays (`focus`: its stems): a question on a bupati candidate reads "…, calon Kepala
    Daerah/Wakil Kepala Daerah, …", not a rule that seems to be about the President alone."""
    text = re.sub(r"\s+", " ", _REFERENCE_RE.sub(" … ", text)).strip()
    text = re.sub(r"(?:\s*…)+", " …", text).replace(" … :", " …:")
    if len(text) > 120 and "," in text:
        members = text.split(", ")
        head = text.split(",", 1)[0]
        tail = " ".join(text.split()[-2:])
        common = set(tokenize(head)) & set.intersection(*(set(tokenize(m)) for m in members[1:])) \
            if len(members) > 1 else set()
        def about(m: str) -> int:
            return len((set(tokenize(m)) - common) & focus)
        # the head's own member ("… kepada calon Presiden/Wakil Presiden") is as long as the next one
        own = " ".join(head.split()[-len(members[1].split()):]) if len(members) > 1 else head
        kept = max(members[1:], key=about, default=None) if len(members) > 2 else None
        # two of its own words at least: "kartu anggota" or "anggota keluarga" alone is no candidate named
        kept = kept if kept is not None and about(kept) >= 2 and about(kept) > about(own) else None
        if kept is not None and kept == members[-1] and len(head) + len(kept) < len(text) - 20:
            text = f"{head}, …, {kept}"
        elif kept is not None and len(head) + len(kept) + len(tail) < len(text) - 20:
            text = f"{head}, …, {kept}, … {tail}"
        elif len(head) + len(tail) < len(text) - 20:
            text = f"{head}, … {tail}"
    return re.sub(r"(?:\s*…)+", " …", text)


def _quoted_ayat(chunk: Chunk, suffix: str, quote: str) -> str | None:
    """The ayat the quote is from: named in the label, the chunk's own, or the quote's marker."""
    m = re.search(r"ayat \((\w+)\)", suffix)
    if m:
        return m.group(1)
    if chunk.ayat:
        return chunk.ayat
    m = re.match(r"\s*\((\d+[a-z]?)\)", quote)
    return m.group(1) if m else None


WHOLE_PASAL = 900  # a pasal of several ayat up to this many characters is shown whole


def pasal_only(label: str) -> str:
    """"PP 94/2021 Pasal 31 ayat (2)" → "PP 94/2021 Pasal 31": the label of a pasal shown whole."""
    return re.sub(r"\s+(?:ayat \(\w+\)|huruf [a-z]|angka \d+).*$", "", label)


def _whole_pasal(chunk: Chunk, quote: str) -> bool:
    """Is `quote` one ayat of a short pasal that the chunk holds whole?"""
    return (chunk.kind == "regulation" and chunk.part == "batang_tubuh" and chunk.ayat is None
            and chunk.huruf is None and len(chunk.text) <= WHOLE_PASAL and quote.strip() != chunk.text.strip()
            and sum(it.kind == "ayat" for it in chunk.item_spans) >= 2)


def make_citation(n: int, chunk: Chunk, quote: str, lead_in: list[str], suffix: str, score: float,
                  documents: dict[str, Document], lexicon: Lexicon | None,
                  penjelasan: Chunk | None = None, penjelasan_quote: str = "") -> Citation:
    opening = _opening(chunk)
    if opening and lead_in[:1] != [opening]:
        lead_in = [opening, *lead_in]
    return Citation(
        whole_display=display(chunk.text, lexicon).text.strip() if _whole_pasal(chunk, quote) else "",
        n=n, chunk=chunk, quote=quote, score=score,
        repealed_note=repealed_note(chunk, documents, _quoted_ayat(chunk, suffix, quote)),
        label=narrowed_label(chunk, suffix), lead_in=lead_in, penjelasan=penjelasan,
        penjelasan_quote=penjelasan_quote, display=quote_display(quote, chunk.text, lexicon).text,
        lead_in_display=[shorten_lead_in(display(x, lexicon).text) for x in lead_in],
        penjelasan_display=display(penjelasan_quote, lexicon).text if penjelasan_quote else "",
    )


def build_citations(retrieval: Retrieval, idf: dict[str, float] | None = None,
                    documents: dict[str, Document] | None = None,
                    max_citations: int = MAX_CITATIONS, lexicon: Lexicon | None = None,
                    kind: Kind | None = None) -> list[Citation]:
    """The numbered citations for the top hits (direct references quote what was named); with the
    question's `kind`, the ayat of each pasal that states what a typed question asks."""
    documents = documents or {}
    idf = idf or {}
    stems = set(tokenize(retrieval.query.expanded))
    from bot.answerable import figure_pattern

    figure = figure_pattern(retrieval.query.original)
    # the item is chosen by the user's own words (a vocabulary expansion "ikut kampanye" → "peserta
    # kampanye" matches every "sebagai peserta kampanye dengan …"), without what the user says was not done
    not_done = negated_stems(retrieval.query.original)
    asked = tokenize(retrieval.query.original)
    out: list[Citation] = []
    for hit in retrieval.hits:
        if len(out) >= max_citations:
            break
        ref = hit.reference
        chunk = hit.best
        if hit.direct and ref is not None and chunk.part != "penjelasan":
            named_item = ref.huruf or ref.angka or (ref.ayat and chunk.ayat != ref.ayat)
            quote, lead_in, suffix = trim_quote(
                chunk, stems, idf, ayat=ref.ayat if chunk.ayat != ref.ayat else None,
                huruf=ref.huruf, angka=ref.angka, whole=not named_item, list_limit=LOOKUP_LIST)
        else:
            if chunk.kind == "article" and figure is not None:
                # a figure asked of an article: the passage of the article that states one, from any of its chunks
                chunk = _article_chunk_with_figure(hit, chunk, stems, idf, figure)
            by_meaning = item_by_meaning(hit, stems, idf, retrieval.vector, not_done=not_done, asked=asked)
            if by_meaning is not None:
                chunk, path = by_meaning
                quote, lead_in, suffix = trim_quote(chunk, stems, idf, ayat=path.get("ayat"),
                                                    huruf=path.get("huruf"), angka=path.get("angka"))
            else:
                quote, lead_in, suffix = trim_quote(chunk, stems, idf, figure=figure)
            if kind is not None:
                chunk, quote, lead_in, suffix = _answering_item(kind, retrieval.query.original, hit, chunk,
                                                                (quote, lead_in, suffix), stems, idf, lexicon)
        if not quote or _says_nothing(quote):
            continue
        pj_chunk, pj_quote = (None, "")
        if chunk.part != "penjelasan":
            pj_chunk, pj_quote = _penjelasan_quote(hit, chunk, stems, idf, suffix)
        cited = make_citation(len(out) + 1, chunk, quote, lead_in, suffix, hit.score, documents, lexicon,
                              pj_chunk, pj_quote)
        cited.topic_common = pasal_common_stems(hit)
        out.append(cited)
    return out


ITEM_MEANING_WEIGHT = 0.7  # a 0.05 cosine gap weighs this much of the best item's shared-word score
ITEM_MEANING_SCALE = 0.05


ITEM_EXPANSION_WEIGHT = 0.75  # law words the vocabulary adds count this much of the user's own
ITEM_NAMED_BONUS = 1.5
# An item too short to share words with anyone's question ("1. ikut kampanye;") is matched by the words of its
# own Penjelasan too ("PNS sebagai peserta kampanye hadir untuk mendengar, menyimak visi, misi …"). Measured on
# 527 read questions whose answer points name the item: 378 → 381 (weight 0.5: 379); for every item, not only
# short ones: 378 → 378 with as many lost as won.
ITEM_PENJELASAN_WEIGHT = 1.0
SHORT_ITEM_WORDS = 4
_NOT_DONE_RE = re.compile(r"\b(?:tanpa|tnp|(?:ga|gak|nggak|ngga|enggak|tidak|tdk|gk|ndak|ora)\s+(?:pake|pakai|pakek|"
                          r"memakai|menggunakan|make|bawa|membawa|ada))\s+(\w+)(?:\s+(\w+))?", re.IGNORECASE)


def negated_stems(question: str) -> set[str]:
    """What the user says was not there: "tanpa atribut", "ga pake kaos partai" → {atribut}, {kaos, parta}.
    An item naming it ("… dengan menggunakan atribut partai") describes another act. Only the first ask's: in
    "… pake baju Korpri, kena hukdis apa? Trus kalo datang sonde pake atribut, salah ko?" the second is another
    case, and the first is the one the first citation answers."""
    out: set[str] = set()
    for m in _NOT_DONE_RE.finditer(question_parts(question)[0]):
        out.update(tokenize(" ".join(g for g in m.groups() if g)))
    return out


def item_by_meaning(hit: Hit, stems: set[str], idf: dict[str, float], vector: np.ndarray | None,
                    not_done: frozenset[str] | set[str] = frozenset(), asked: Sequence[str] | None = None
                    ) -> tuple[Chunk, dict[str, str]] | None:
    """The item of a pasal (over all its chunks) that answers: shared rare words and the item's
    embedding next to the question's, together. Words alone pick "jam kerja" for a question about an
    Instagram repost; meaning alone drifts to a neighbouring ayat. Measured on 184 questions whose gold
    pasal was in the top five (docs/benchmarks.md, "Item choice"): the item holding the gold evidence
    0.66 → 0.74. None when the index has no item vectors or the pasal has one item."""
    from bot.lead import words as item_words

    own = set(asked) if asked is not None else None  # the user's own words, in order in `asked`
    own_phrase = f" {' '.join(asked)} " if asked is not None else ""

    if vector is None or hit.best.part == "penjelasan" or hit.best.kind == "article":
        return None
    candidates: list[tuple[Chunk, dict[str, str], float, float]] = []
    explanations: list[str] = []  # a short item's own Penjelasan entry, per candidate ("" for most)
    listed: set[str] = set()  # every word the pasal's items say
    for chunk in hit.body:
        if not chunk.item_spans:
            continue
        if chunk.item_vectors is None or len(chunk.item_vectors) != len(chunk.item_spans):
            return None
        row_of: dict[tuple[int, str, str], int] = {(it.start, it.kind, it.label): i
                                                  for i, it in enumerate(chunk.item_spans)}
        items = chunk_items(chunk)
        for it in items:
            row = row_of.get((it.start, it.kind, it.mark))
            if it.kind == "intro" or row is None:
                continue
            path = {items[p].kind: items[p].mark for p in it.parents if items[p].kind != "intro"}
            path[it.kind] = it.mark
            quote = trim_quote(chunk, stems, idf, ayat=path.get("ayat"), huruf=path.get("huruf"),
                               angka=path.get("angka"))[0]
            if quote:
                item_vector = chunk.item_vectors[row]
                sim = float(item_vector @ vector) / max(float(np.linalg.norm(item_vector)), 1e-6)
                if own is None:
                    words = _item_score(stems, idf, quote)
                else:
                    words = _item_score(own - not_done, idf, quote) + \
                        ITEM_EXPANSION_WEIGHT * _item_score(stems - own - not_done, idf, quote)
                if not_done & set(tokenize(quote)):
                    words -= _item_score(set(not_done), idf, quote)  # it names what the user did not do
                explained = ""
                if own is not None and hit.penjelasan and len(tokenize(item_words(quote))) <= SHORT_ITEM_WORDS:
                    suffix = " ".join(f"{k} ({v})" if k == "ayat" else f"{k} {v}" for k, v in path.items())
                    explained = _penjelasan_quote(hit, chunk, stems, idf, suffix)[1]
                if own is not None and 1 <= len(whole := tokenize(item_words(quote))) <= 4 \
                        and f" {' '.join(whole)} " in own_phrase:
                    # a short item the question says in full ("ikut kampanye", "asas netralitas" → "f. netralitas")
                    words *= ITEM_NAMED_BONUS
                candidates.append((chunk, path, words, sim))
                explanations.append(explained)
                listed.update(tokenize(quote))
    if len(candidates) < 2:
        return None
    if own is not None and any(explanations):
        # only what the Penjelasan adds to the list ("hadir", "visi", "misi"), not words a sibling item
        # says ("tanpa … atribut partai" explains angka 1 but names angka 2's act)
        candidates = [(c[0], c[1], c[2] + ITEM_PENJELASAN_WEIGHT * _item_score(own - not_done - listed, idf, x), c[3])
                      if x else c for c, x in zip(candidates, explanations, strict=True)]
    top_words = max(c[2] for c in candidates)
    top_words = top_words if top_words > 0 else 1.0
    top_sim = max(c[3] for c in candidates)
    best = max(candidates, key=lambda c: c[2] / top_words + ITEM_MEANING_WEIGHT * (c[3] - top_sim) / ITEM_MEANING_SCALE)
    return best[0], best[1]


def _answering_item(kind: Kind, question: str, hit: Hit, chunk: Chunk, picked: tuple[str, list[str], str],
                    stems: set[str], idf: dict[str, float], lexicon: Lexicon | None
                    ) -> tuple[Chunk, str, list[str], str]:
    """Within one pasal, the ayat that answers a typed question ("paling lambat berapa hari kerja SK
    disampaikan?" → the ayat with "disampaikan … paling lambat 14 hari kerja", not the one about the
    absent PNS): the best-matching ayat stays unless it states no value about the question's
    subject and another ayat of the same pasal does."""
    from bot.lead import TYPED_KINDS, evidence, forbidden, states_asked_value

    if kind not in (*TYPED_KINDS, Kind.SANCTION, Kind.PERMISSION, Kind.OBLIGATION):
        return chunk, *picked

    def answers(c: Citation, alternative: bool = False) -> bool:
        if kind in TYPED_KINDS:
            return states_asked_value(kind, c, question, common)
        if kind is Kind.SANCTION:  # a sanction word for "sanksinya?"; a prohibition leads to its sanction
            return evidence(kind, c) > 0 or (not alternative and forbidden(c) is not None)
        # "boleh?": the matching item stands unless it is silent and another item prohibits outright
        return evidence(kind, c) == 2 if alternative else True

    def as_citation(ch: Chunk, q: str, li: list[str], sx: str) -> Citation:
        return Citation(n=0, chunk=ch, quote=q, score=hit.score, lead_in=li, display=display(q, lexicon).text,
                        topic_common=pasal_common_stems(hit))

    common = pasal_common_stems(hit)
    if answers(as_citation(chunk, *picked)):
        return chunk, *picked
    best: tuple[float, Chunk, tuple[str, list[str], str]] | None = None
    for other in hit.body:
        for path in _item_paths(other):
            got = trim_quote(other, stems, idf, ayat=path.get("ayat"), huruf=path.get("huruf"),
                             angka=path.get("angka"))
            if got[0] and got[0] != picked[0] and answers(as_citation(other, *got), alternative=True):
                score = _item_score(stems, idf, got[0])
                if best is None or score > best[0]:
                    best = (score, other, got)
    return (best[1], *best[2]) if best else (chunk, *picked)


def _item_paths(chunk: Chunk) -> list[dict[str, str]]:
    """{"ayat": "3"}, {"ayat": "3", "huruf": "a"} … for every ayat/huruf/angka of a chunk."""
    items = chunk_items(chunk)
    out = []
    for it in items:
        if it.kind == "intro":
            continue
        path = {items[p].kind: items[p].mark for p in it.parents if items[p].kind != "intro"}
        path[it.kind] = it.mark
        out.append(path)
    return out


def pasal_common_stems(hit: Hit) -> frozenset[str]:
    """Words every ayat/huruf of a pasal shares ("pemberhentian sementara" throughout Pasal 281):
    the pasal's topic, which says nothing about which of its items answers."""
    return _common_stems(tuple((c.text, c.item_spans, c.base_doc is not None and c.part != "penjelasan")
                               for c in hit.body))


@lru_cache(maxsize=4096)
def _common_stems(body: tuple[tuple[str, tuple[Item, ...], bool], ...]) -> frozenset[str]:
    texts: list[str] = []
    for text, spans, parsed_body in body:
        items = [it for it in _chunk_items(text, spans, parsed_body) if it.kind != "intro"]
        texts += [text[it.start:it.end] for it in items] or re.split(r"(?<=\.)\s+(?=[A-Z])", text)
    if len(texts) < 2:
        return frozenset()
    sets = [set(tokenize(t)) for t in texts]
    return frozenset(set.intersection(*sets))


# --------------------------------------------------------------------------- following references


def _item_path(c: Citation) -> dict[str, str]:
    """{"ayat": "2", "huruf": "n", "angka": "3"} of the quoted item, from its label."""
    tail = c.display_label.split(f"Pasal {c.chunk.pasal}", 1)[-1] if c.chunk.pasal else ""
    return {k: v for k, v in re.findall(r"(ayat|huruf|angka) \(?(\w+)\)?", tail)}


_LEVEL_RE = re.compile(r"Hukuman\s+Disiplin\s+(ringan|sedang|berat)\b", re.IGNORECASE)


def sanction_level(c: Citation) -> str | None:
    """"sedang" when the item sits under "Hukuman Disiplin sedang … dijatuhkan bagi …"."""
    for text in [*c.lead_in, c.chunk.context or ""]:
        m = _LEVEL_RE.search(text)
        if m and re.search(r"dijatuhkan", text, re.IGNORECASE):
            return m.group(1).lower()
    return None


def find_sanction(c: Citation, chunks: Sequence[Chunk], documents: dict[str, Document],
                  lexicon: Lexicon | None) -> Citation | None:
    """The item that sets the sanction level for the prohibition quoted in `c`: the law's own
    reference back to it ("… sebagaimana dimaksud dalam Pasal 5 huruf n angka 2" under "Hukuman
    Disiplin sedang … dijatuhkan bagi PNS yang melanggar ketentuan larangan:")."""
    path = _item_path(c)
    if not c.chunk.pasal or "huruf" not in path:
        return None
    pasal, huruf, angka = c.chunk.pasal, path["huruf"], path.get("angka")
    # the pasal that refer back to this one (the indexer's cross-references), when it recorded them
    referring = {(r.get("doc_id"), r.get("pasal")) for r in c.chunk.referenced_by}
    ref = re.compile(rf"Pasal\s+{re.escape(pasal)}\s+huruf\s+{re.escape(huruf)}\b(?P<tail>[^;:.]{{0,80}})")
    for chunk in chunks:
        if chunk.doc_id != c.chunk.doc_id or chunk.part == "penjelasan" or chunk.pasal == pasal:
            continue
        if referring and (chunk.doc_id, chunk.pasal) not in referring:
            continue
        if not _LEVEL_RE.search(chunk.context or chunk.text[:300]):
            continue
        for item in chunk_items(chunk):
            if item.kind == "intro":
                continue
            text = chunk.text[item.start:item.end]
            # the item's own words, before any sub-items: "i. … Pasal 5 huruf n angka 3, angka 4 … dengan cara:"
            m = ref.search(text)
            if m is None:
                continue
            tail = m.group("tail")
            if angka and re.search(r"\bangka\b", tail) and not re.search(rf"\bangka\s+{angka}\b", tail):
                continue
            if not angka and re.search(r"\bangka\b", tail):
                continue
            items = chunk_items(chunk)
            children = [it for it in items if items.index(item) in it.parents and it.kind == "angka"]
            sub = None
            if children and item.kind == "huruf":
                wanted = set(tokenize(c.quote))
                sub = max(children, key=lambda it: len(wanted & set(tokenize(chunk.text[it.start:it.end]))))
            quote, lead_in, suffix = trim_quote(chunk, set(), huruf=item.mark if item.kind == "huruf" else None,
                                                ayat=item.mark if item.kind == "ayat" else None,
                                                angka=sub.mark if sub is not None else None)
            if item.kind == "huruf" and f"huruf {item.mark}" not in narrowed_label(chunk, suffix):
                continue
            cited = make_citation(0, chunk, quote, lead_in, suffix, 0.0, documents, lexicon)
            if sanction_level(cited):
                return cited
    return None


def _states_authority(c: Citation) -> bool:
    from bot.lead import evidence

    return evidence(Kind.AUTHORITY, c) >= 2


def find_level_kinds(level: Citation, chunks: Sequence[Chunk], documents: dict[str, Document],
                     lexicon: Lexicon | None) -> list[Citation]:
    """The ayat that lists the kinds of the level a sanction item sets, through the law's own reference
    ("Hukuman Disiplin berat sebagaimana dimaksud dalam Pasal 8 ayat (1) huruf c …" → Pasal 8 ayat (4)
    "Jenis Hukuman Disiplin berat … terdiri atas: a. … c. pemberhentian …"): "bisa dipecat?", "turun pangkat
    atau cuma ditegur?" are answered by it, not by the level's name. When a clause delays that ayat (PP 94/2021
    Pasal 42 for sedang), the clause's rule for the meantime comes with it. [] when the law names no list."""
    wanted = sanction_level(level)
    if wanted is None:
        return []
    named = {(str(r.get("doc_id")), str(r.get("pasal"))) for r in level.chunk.references
             if str(r.get("pasal")) != level.chunk.pasal}
    opening = re.compile(rf"^\W*\(?\d*\W*\s*Jenis\s+Hukuman\s+Disiplin\s+{wanted}\b", re.IGNORECASE)
    for chunk in chunks:
        if (chunk.doc_id, chunk.pasal) not in named or chunk.part == "penjelasan" or not chunk.in_force:
            continue
        for item in chunk_items(chunk):
            if item.kind != "ayat" or not opening.search(chunk.text[item.start:item.end]):
                continue
            quote, lead_in, suffix = trim_quote(chunk, set(), ayat=item.mark)
            if not quote.rstrip().endswith(".") or "huruf" in suffix:
                continue  # the whole list, or nothing: a kind cut off would mislead
            kinds = make_citation(0, chunk, quote, lead_in, suffix, 0.0, documents, lexicon)
            kinds.level_kinds = True
            out = [kinds]
            delay = chunk.not_yet_in_force_until
            if delay and str(delay.get("target_ayat") or item.mark) == item.mark:
                out += _meanwhile(delay, chunks, documents, lexicon)
            return out
    return []


# The instance a question is about, as authority clauses name it ("Instansi Daerah Kabupaten/Kota"): a
# kabupaten's PNS is not punished by the PPK of a province. No instance named: kabupaten/kota, where most
# civil servants (teachers, puskesmas, kecamatan staff) serve.
_INSTANCES = (
    ("Provinsi", re.compile(r"(?<!calon )(?<!paslon )\b(?:provinsi|prov|pemprov|gubernur|sekda\s+prov\w*)\b",
                            re.IGNORECASE)),
    # the offices of a ministry in the regions are central instances too: a KUA or a state madrasah is Kemenag's,
    # a lapas or rutan Kemenkumham's ("staf PNS di KUA kami" is not punished by the bupati's PPK)
    ("Pusat", re.compile(r"\b(?:kementerian|kemen[a-z]+|instansi\s+pusat|instansi\s+vertikal|lembaga\s+pemerintah|"
                         r"kanwil|kankemenag|kua|kantor\s+urusan\s+agama|lapas|rutan|imigrasi)\b|"
                         r"\b(?-i:MIN|MTsN|MAN|MTs\s?N|KUA)\b", re.IGNORECASE)),
    ("Kabupaten/Kota", re.compile(r"(?<!calon )(?<!paslon )\b(?:kabupaten|kab|kota|pemkab|pemkot|bupati|wali\s?kota)\b",
                                  re.IGNORECASE)),
)
_SANCTION_KINDS_REF_RE = re.compile(r"\bPasal\s+(\d+)\s+ayat\s*\(")


def _instance_fit(opening: str, named: str) -> float:
    """1 when an authority opening names the government asked about ("Kabupaten" also in OCR'd
    "KabupatenlKota"), -1 when it names only others, 0 when it names none."""
    def says(name: str) -> bool:
        return name.split("/")[0] in opening

    return 1.0 if says(named) else -1.0 if any(says(name) for name, _ in _INSTANCES) else 0.0


def authority_for_level(level: Citation, question: str, chunks: Sequence[Chunk], documents: dict[str, Document],
                        lexicon: Lexicon | None, idf: dict[str, float]) -> Citation | None:
    """Who imposes the sanction a conduct carries, by the law's own chain: the level's item (Pasal 14 huruf i,
    "Hukuman Disiplin berat") → the ayat listing its kinds (Pasal 8 ayat (4)) → the items of the authority
    part ("Pejabat yang Berwenang Menghukum") that name that ayat, for the instance the question is about
    (kabupaten/kota, provinsi, pusat) and the position it names ("Pejabat Administrator ke bawah"). "Sopo sing
    mutus hukdise camat?" is not answered by the prohibition retrieval found first."""
    kinds = find_level_kinds(level, chunks, documents, lexicon)
    m = re.search(r"ayat \((\d+)\)", kinds[0].display_label) if kinds else None
    if m is None:
        return None
    pasal, mark = kinds[0].chunk.pasal, m.group(1)
    named = _instance(question) or "Kabupaten/Kota"
    position = asked_position(question)
    asked = set(tokenize(question))
    best: tuple[tuple[float, float, bool], Citation] | None = None
    for chunk in chunks:
        if chunk.doc_id != level.chunk.doc_id or chunk.part == "penjelasan" or not chunk.in_force \
                or not re.search(r"wenang", chunk.bagian or "", re.IGNORECASE):
            continue
        items = chunk_items(chunk)
        for item in items:
            text = chunk.text[item.start:item.end]
            at = next((r for r in _SANCTION_KINDS_REF_RE.finditer(text) if r.group(1) == pasal), None)
            if item.kind == "intro" or at is None or mark not in re.findall(r"ayat\s*\((\d)", text[at.start():]):
                continue
            if any(items.index(item) in it.parents for it in items):  # an opening of a list: its items answer
                continue
            path = {items[p].kind: items[p].mark for p in item.parents if items[p].kind != "intro"}
            path[item.kind] = item.mark
            quote, lead_in, suffix = trim_quote(chunk, set(), ayat=path.get("ayat"), huruf=path.get("huruf"))
            if not quote:
                continue
            opening = " ".join([chunk.text[items[p].start:items[p].end][:200] for p in item.parents] + [text[:200]])
            if not re.search(r"menetapkan\s+penjatuhan|berwenang", opening, re.IGNORECASE):
                continue
            # "di lingkungan Pusat, Provinsi, dan Kabupaten/Kota" names them all
            fits = _instance_fit(opening, named)
            held = sum(idf.get(t, 1.0) for t in asked & set(tokenize(text[: at.start()])))
            placed = any(name == position and item_re.search(text) for name, item_re, _ in _POSITIONS)
            score = (fits, placed, held, "ke bawah" in text)
            if best is None or score > best[0]:
                best = (score, make_citation(0, chunk, quote, lead_in, suffix, level.score, documents, lexicon))
    return best[1] if best is not None and best[0][0] >= 0 else None


# The positions PP 94/2021 Pasal 18–25 sort the officials to be punished by, as the items open ("c. Pejabat
# Administrator ke bawah di lingkungannya …"), and the words users name them by.
_POSITIONS = (
    # "… Madya yang merupakan Pejabat Pembina Kepegawaian" is another position: a Sekda is JPT Madya but no PPK
    ("madya", re.compile(r"^\W*\w?\.?\s*(?:Pejabat|Jabatan)\s+Pimpinan\s+Tinggi\s+Madya"
                         r"(?!\s+yang\s+merupakan\s+Pejabat\s+Pembina)", re.IGNORECASE),
     re.compile(r"\b(?:sekda\s+prov\w*|sekretaris\s+daerah\s+prov\w*|jpt\s+madya|pimpinan\s+tinggi\s+madya|"
                r"eselon\s+(?:i|1)(?![iv\d])|dirjen|sekjen|deputi)\b", re.IGNORECASE)),
    ("pratama", re.compile(r"^\W*\w?\.?\s*(?:Pejabat|Jabatan)\s+Pimpinan\s+Tinggi\s+Pratama", re.IGNORECASE),
     re.compile(r"\b(?:kadis|kepala\s+dinas|kepala\s+badan|kaban|sekda(?!\s+prov)|sekretaris\s+daerah(?!\s+prov)|"
                r"jpt\s+pratama|pimpinan\s+tinggi\s+pratama|eselon\s+(?:ii|2)(?![i\d])|kepala\s+biro|karo)\b",
                re.IGNORECASE)),
    ("utama", re.compile(r"^\W*\w?\.?\s*(?:Pejabat|Jabatan)\s+Fungsional\s+jenjang\s+Ahli\s+Utama", re.IGNORECASE),
     re.compile(r"\bahli\s+utama\b", re.IGNORECASE)),
    ("administrator", re.compile(r"^\W*\w?\.?\s*(?:Pejabat\s+Administrator|PNS\s+di\s+lingkungannya)", re.IGNORECASE),
     re.compile(r"\b(?:kabid|kepala\s+bidang|kabag|kepala\s+bagian|camat|sekcam|sekretaris\s+dinas|sekdis|"
                r"eselon\s+(?:iii|iv|3|4)|administrator|pengawas|kasubbag|kasubag|kepala\s+seksi|kasi|kasie|lurah|"
                r"staf|staff|pelaksana)\b", re.IGNORECASE)),
    ("fungsional", re.compile(r"^\W*\w?\.?\s*Pejabat\s+Fungsional\s+(?:selain|di\s+lingkungannya)", re.IGNORECASE),
     re.compile(r"\b(?:guru|dosen|dokter|perawat|bidan|penyuluh|auditor|pranata|analis|fungsional|ahli\s+muda|"
                r"ahli\s+pertama|ahli\s+madya|jf|widyaiswara|pustakawan|terampil|mahir|penyelia)\b", re.IGNORECASE)),
)


_PUNISHES_RE = re.compile(r"[^.?!,]{0,40}?\b(?:menjatuhkan|menghukum|ngehukum|ngasih|memberi|kasih|jatuhin)\w*",
                          re.IGNORECASE)


def asked_position(question: str) -> str | None:
    """The position of the official the question is about ("kabid", "guru"): the one named first, the story's
    subject ("Seorang Kepala Bagian … apakah pejabat pimpinan tinggi pratama atasannya dapat …")."""
    found = [(m.start(), name) for name, _, asked in _POSITIONS for m in asked.finditer(question)
             if not _PUNISHES_RE.match(question, m.end())]  # "Sekda ingin menjatuhkan …" is the one who punishes
    if any(name == "utama" for _, name in found):
        return "utama"  # "widyaiswara ahli utama": the jenjang decides, not the jabatan fungsional
    return min(found)[1] if found else None


def position_item(c: Citation, question: str, documents: dict[str, Document],
                  lexicon: Lexicon | None) -> Citation | None:
    """An authority ayat that lists the officials it punishes by position ("… menetapkan penjatuhan Hukuman
    Disiplin bagi: a. Pejabat Pimpinan Tinggi Pratama …; c. Pejabat Administrator ke bawah …") and a question
    about one of them ("kabid kami …"): that item alone, under the ayat's opening, not the whole list; `c` itself
    when several of its items fit ("PNS … 1 (satu) tingkat di bawahnya", "… 2 (dua) tingkat"); None when none
    does or the ayat is another government's (provinsi for a kabupaten)."""
    position = asked_position(question)
    path = _item_path(c)
    if position is None or "huruf" in path or not path.get("ayat"):
        return None
    opening = " ".join([*c.lead_in, c.quote])[:250]
    named = _instance(question) or "Kabupaten/Kota"
    if _instance_fit(opening, named) < 0:
        return None
    found = []
    for p in _item_paths(c.chunk):
        if p.get("ayat") != path["ayat"] or set(p) != {"ayat", "huruf"}:
            continue
        quote, lead_in, suffix = trim_quote(c.chunk, set(), ayat=p["ayat"], huruf=p["huruf"])
        if quote and any(name == position and item.search(quote) for name, item, _ in _POSITIONS):
            found.append((quote, lead_in, suffix))
    if len(found) != 1:
        return c if found else None
    return make_citation(c.n, c.chunk, *found[0], c.score, documents, lexicon)


# The level a question asks about, by its name or its kind, as PP 94/2021 Pasal 8 numbers them: ayat (2) ringan,
# ayat (3) sedang, ayat (4) huruf a–c the three kinds of berat ("4" = berat, any kind)
_ASKED_LEVELS = (
    ("2", re.compile(r"\b(?:ringan|teguran|ditegur)\b", re.IGNORECASE)),
    ("3", re.compile(r"\b(?:sedang|pemotongan\s+tunjangan|tukin\w*\s+dipotong|potong\s+tukin)\b", re.IGNORECASE)),
    ("4", re.compile(r"\bberat\b", re.IGNORECASE)),
    ("4a", re.compile(r"\b(?:penurunan|turun)\s+jabatan\b", re.IGNORECASE)),
    ("4b", re.compile(r"\b(?:pembebasan|dibebaskan)\s+dari\s+jabatan\w*", re.IGNORECASE)),
    ("4c", re.compile(r"\b(?:pemberhentian\w*|diberhentikan|dipecat|pecat|ptdh)\b(?!\s+sementara)", re.IGNORECASE)),
)
_KINDS_AYAT_RE = re.compile(r"ayat\s*[\({]\s*(\w)[\w)}]?\W*((?:huruf\s+\w\s*(?:,|dan)?\s*)*)", re.IGNORECASE)


def asked_levels(question: str) -> set[str]:
    return {mark for mark, pattern in _ASKED_LEVELS if pattern.search(question)}


def _kinds_ayat(text: str) -> set[str]:
    """The levels an authority item covers, from the Pasal 8 ayat it names ("… Pasal 8 ayat (3) dan ayat (4)"
    → 3, 4a, 4b, 4c; "ayat (4) huruf a dan huruf b" → 4a, 4b; OCR "(41", "(a)" = 4)."""
    tail = text.split("Pasal 8", 1)[-1] if "Pasal 8" in text else ""
    out: set[str] = set()
    for mark, letters in _KINDS_AYAT_RE.findall(tail):
        mark = {"a": "4", "l": "1"}.get(mark, mark)
        if mark != "4":
            out.add(mark)
        else:
            out |= {f"4{x}" for x in re.findall(r"huruf\s+(\w)", letters)} or {"4a", "4b", "4c"}
    return out


def _covers(covered: set[str], levels: set[str]) -> bool:
    return all(bool(covered & {"4a", "4b", "4c"}) if level == "4" else level in covered for level in levels)


def _instance(question: str) -> str | None:
    """The government the question is about, named first ("Sekda Kabupaten … calon gubernur" → kabupaten)."""
    found = [(m.start(), name) for name, pattern in _INSTANCES if (m := pattern.search(question))]
    return min(found)[1] if found else None


def levels_in_order(question: str) -> list[set[str]]:
    """The levels a question asks about, each on its own, in the order it names them ("… hukuman sedang — kepala
    dinas berwenang? … jika hasil pemeriksaan mengarah ke hukuman berat?" → [{3}, {4}])."""
    found = sorted((m.start(), mark) for mark, pattern in _ASKED_LEVELS for m in [pattern.search(question)] if m)
    out: list[set[str]] = []
    for _, mark in found:
        if not any(mark[0] == other[0] for level in out for other in level):
            out.append({mark})
    return out


def authorities_for_position(first: Citation, question: str, chunks: Sequence[Chunk], documents: dict[str, Document],
                             lexicon: Lexicon | None) -> list[Citation]:
    """The authority item for each level the question asks about, in its order: no one item names both the
    official for sedang and the one for berat (PP 94/2021 Pasal 21 huruf c, Pasal 18 ayat (3) huruf d)."""
    levels = levels_in_order(question)
    if len(levels) < 2:
        found = authority_for_position(first, question, chunks, documents, lexicon)
        return [found] if found is not None else []
    out: list[Citation] = []
    for level in levels:
        found = authority_for_position(first, question, chunks, documents, lexicon, levels=level)
        if found is not None and all((found.chunk.id, found.label) != (c.chunk.id, c.label) for c in out):
            out.append(found)
    return out


def authority_for_position(first: Citation, question: str, chunks: Sequence[Chunk], documents: dict[str, Document],
                           lexicon: Lexicon | None, levels: set[str] | None = None) -> Citation | None:
    """The item of the authority part that names the position of the official asked about ("kadis", "guru
    ahli pertama"), for the instance named (kabupaten/kota by default) and the level asked (all it names):
    "Kepala Dinas di Kabupaten, hukuman berat siapa?" is Pasal 18 ayat (3) huruf a, not ayat (1) (madya), and
    "guru, hukuman ringan atau sedang?" is Pasal 21 huruf c, not Pasal 18 (berat only). None without a position."""
    position = asked_position(question)
    if position is None:
        return None
    named = _instance(question) or "Kabupaten/Kota"
    levels = asked_levels(question) if levels is None else levels
    item_re = next(item for name, item, _ in _POSITIONS if name == position)
    best: tuple[tuple[float, int], Citation] | None = None
    for chunk in chunks:
        if chunk.doc_id != first.chunk.doc_id or chunk.part == "penjelasan" or not chunk.in_force \
                or not re.search(r"wenang", chunk.bagian or "", re.IGNORECASE):
            continue
        items = chunk_items(chunk)
        for item in items:
            text = chunk.text[item.start:item.end]
            if item.kind != "huruf" or not item_re.search(text):
                continue
            opening = " ".join(chunk.text[items[p].start:items[p].end][:200] for p in item.parents)
            if not re.search(r"menetapkan\s+penjatuhan|berwenang\s+menjatuhkan", opening, re.IGNORECASE):
                continue
            fits = _instance_fit(opening, named)
            # the level may close the list ("… c. Jabatan lain …, untuk jenis Hukuman Disiplin berat … huruf c")
            covered = _kinds_ayat(text) or set().union(*(_kinds_ayat(chunk.text[it.start:it.end]) for it in items
                                                        if it.kind == "huruf" and it.parents == item.parents))
            if fits < 0 or not covered or not _covers(covered, levels):
                continue
            path = {items[p].kind: items[p].mark for p in item.parents if items[p].kind != "intro"}
            path[item.kind] = item.mark
            quote, lead_in, suffix = trim_quote(chunk, set(), ayat=path.get("ayat"), huruf=path.get("huruf"))
            if not quote:
                continue
            # the instance named first; without a level asked, the PPK's items (they hold the heaviest) first
            score = (fits, "4a" in covered, -int(re.sub(r"\D", "", chunk.pasal or "0") or 0))
            if best is None or score > best[0]:
                best = (score, make_citation(first.n, chunk, quote, lead_in, suffix, first.score, documents, lexicon))
    return best[1] if best is not None else None


def punisher_item(question: str, first: Citation, chunks: Sequence[Chunk], documents: dict[str, Document],
                  lexicon: Lexicon | None) -> Citation | None:
    """"… apakah Sekretaris Daerah dapat menjatuhkannya sendiri?": the authority pasal of that official (Pasal 21,
    "Pejabat Pimpinan Tinggi Pratama … berwenang menjatuhkan Hukuman Disiplin bagi: …"), whole, so the reader
    sees the levels it may impose and those it may not. None when no official is named as the one who punishes."""
    punisher = next((name for name, _, asked in _POSITIONS for m in asked.finditer(question)
                     if _PUNISHES_RE.match(question, m.end())), None)
    if punisher is None:
        return None
    opening_re = next(item for name, item, _ in _POSITIONS if name == punisher)
    for chunk in chunks:
        if chunk.doc_id != first.chunk.doc_id or chunk.part == "penjelasan" or not chunk.in_force \
                or not re.search(r"wenang", chunk.bagian or "", re.IGNORECASE) or chunk.id == first.chunk.id:
            continue
        for path in [p for p in _item_paths(chunk) if set(p) == {"ayat"}] or [{}]:
            quote, lead_in, suffix = trim_quote(chunk, set(), ayat=path.get("ayat"), whole=not path)
            if quote and opening_re.match(re.sub(r"^\(\w+\)\s*", "", quote)) \
                    and re.search(r"berwenang\s+menjatuhkan", quote[:200], re.IGNORECASE):
                return make_citation(0, chunk, quote, lead_in, suffix, first.score, documents, lexicon)
    return None


def _level_of_conduct(ranked: Sequence[Citation], chunks: Sequence[Chunk], documents: dict[str, Document],
                      lexicon: Lexicon | None) -> Citation | None:
    """The sanction-level item for the conduct the first citations describe: a level item itself, or the one the
    law attaches to a prohibition quoted (Pasal 5 huruf n angka 5 → Pasal 14 huruf i angka 3)."""
    from bot.lead import forbidden

    for c in ranked[:2]:
        if sanction_level(c):
            return c
        if forbidden(c) is not None and (found := find_sanction(c, chunks, documents, lexicon)) is not None:
            return found
    return None


def _meanwhile(delay: dict, chunks: Sequence[Chunk], documents: dict[str, Document],
               lexicon: Lexicon | None) -> list[Citation]:
    """The ayat after a delaying clause that says what applies until then ("Sebelum berlakunya … berlaku
    ketentuan … Pasal 7 ayat (3) PP 53/2010"); [] when the delaying pasal says nothing of the meantime."""
    for chunk in chunks:
        if (chunk.doc_id, chunk.pasal) != (delay.get("doc_id"), delay.get("pasal")) or chunk.part == "penjelasan":
            continue
        for item in chunk_items(chunk):
            text = chunk.text[item.start:item.end]
            if item.kind == "ayat" and item.mark != str(delay.get("ayat")) and re.search(r"\bSebelum\b", text):
                quote, lead_in, suffix = trim_quote(chunk, set(), ayat=item.mark)
                if quote:
                    cited = make_citation(0, chunk, quote, lead_in, suffix, 0.0, documents, lexicon)
                    cited.level_kinds = True
                    return [cited]
    return []


def levels_elsewhere(c: Citation, chunks: Sequence[Chunk], documents: dict[str, Document],
                     lexicon: Lexicon | None) -> str:
    """For a prohibited way the law gives no sanction level of its own while the other ways in the same
    list have one (PP 94/2021 Pasal 5 huruf n angka 1 "ikut kampanye": Pasal 13 and 14 name angka 2 to 7
    only): the sentence that says so and which levels the other ways carry, never a level borrowed from
    one of them. "" when the item has a level, or no sibling has one."""
    from bot.lead import gist, level_of, words

    path = _item_path(c)
    if "angka" not in path or "huruf" not in path or find_sanction(c, chunks, documents, lexicon) is not None:
        return ""
    siblings = [p for p in _item_paths(c.chunk) if p.get("huruf") == path["huruf"] and "angka" in p
                and p["angka"] != path["angka"] and p.get("ayat") == path.get("ayat")]
    by_level: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for p in siblings:
        got = trim_quote(c.chunk, set(), ayat=p.get("ayat"), huruf=p["huruf"], angka=p["angka"])
        if not got[0]:
            continue
        sibling = make_citation(0, c.chunk, *got, 0.0, documents, lexicon)
        sanction = find_sanction(sibling, chunks, documents, lexicon)
        level = level_of(sanction) if sanction is not None else None
        if sanction is not None and level:
            where = re.sub(r"\s+angka\s+\w+$", "", sanction.display_label)  # "PP 94/2021 Pasal 14 huruf i"
            by_level.setdefault((level, where), []).append((p["angka"], gist(words(sibling.shown_quote), 90)))
    if not by_level:
        return ""
    parts = []
    for (level, where), ways in by_level.items():
        shown = ways[0][1] if len(ways) == 1 else M.LEVELS_ELSEWHERE_ANGKA.format(
            numbers=", ".join(a for a, _ in ways[:-1]) + f" dan {ways[-1][0]}")
        parts.append(M.LEVELS_ELSEWHERE_ONE.format(level=level, way=shown, label=where))
    return M.LEVELS_ELSEWHERE.format(label=c.display_label, levels="; ".join(parts))


_CRIMINAL_THREAT_RE = re.compile(r"\bdipidana\s+dengan\s+pidana\s+(?:penjara|kurungan)\s+(?:paling|selama)\b",
                                 re.IGNORECASE)


# "Calon Gubernur, … Calon Walikota yang dengan sengaja melibatkan … dipidana" (UU 8/2015 Pasal 189) punishes the
# candidate: it answers "paslonnya kena sanksi apa?", never "aku iso kena hukuman opo?" from the staff he involved
_CANDIDATE_PUNISHED_RE = re.compile(r"^\s*(?:\(\w{1,2}\)\s*)?Calon\b", re.IGNORECASE)


def find_criminal(c: Citation, chunks: Sequence[Chunk], documents: dict[str, Document],
                  lexicon: Lexicon | None, question: str | None = None) -> Citation | None:
    """The criminal provision for the prohibition quoted in `c`, found through the law's own reference
    back to it ("Pejabat yang melanggar ketentuan Pasal 71 ayat (2) … dipidana …"), never a
    neighbour's threat. Read per ayat: a provision naming the quoted ayat or huruf beats one naming
    the whole pasal; one naming only other items does not apply; among equals, the one whose words
    (who, what) are closest to the prohibition's."""
    from indexer.references import find_references

    if c.chunk.kind == "article" or not c.chunk.pasal or not c.chunk.referenced_by:
        return None
    base = (c.chunk.base_doc or c.chunk.doc_id, c.chunk.base_pasal or c.chunk.pasal)
    path = {"ayat": c.chunk.ayat, **_item_path(c)}
    referring = {(r.get("doc_id"), r.get("pasal")) for r in c.chunk.referenced_by}
    wanted = set(tokenize(c.quote))
    best: tuple[tuple[int, int], Chunk, _Item | None] | None = None
    for chunk in chunks:
        key = (chunk.base_doc or chunk.doc_id, chunk.base_pasal or chunk.pasal)
        # the referring provision is recorded under the act that wrote it (UU 8/2015 Pasal 189), its key under
        # the law it amends (UU 1/2015 Pasal 189)
        if (key not in referring and (chunk.doc_id, chunk.pasal) not in referring) or chunk.part == "penjelasan" \
                or not chunk.in_force or not chunk.citable:
            continue
        units: list[_Item | None] = [it for it in chunk_items(chunk) if it.kind == "ayat"] or [None]
        for unit in units:
            text = chunk.text if unit is None else chunk.text[unit.start:unit.end]
            threat = _CRIMINAL_THREAT_RE.search(re.sub(r"\s+", " ", text))
            if threat is None:
                continue
            specific = -1
            for found in find_references(text, key[0], key[1]):
                t = found.target
                if (t.doc_id, t.pasal) != base:
                    continue
                named = {k: v for k, v in (("ayat", t.ayat), ("huruf", t.huruf), ("angka", t.angka)) if v}
                if all(path.get(k) in (None, v) for k, v in named.items()):
                    specific = max(specific, len(named))
            if specific < 0:
                continue
            if question is not None and _CANDIDATE_PUNISHED_RE.match(text) \
                    and not asks_candidate_sanction(question):
                continue  # the candidate's own threat, and the question is not about the candidate
            who = set(tokenize(re.split(r"dipidana", text, maxsplit=1)[0]))
            rank = (specific, len(who & wanted))
            if best is None or rank > best[0]:
                best = (rank, chunk, unit)
    if best is None:
        return None
    _, chunk, unit = best
    quote, lead_in, suffix = trim_quote(chunk, set(), ayat=unit.mark if unit is not None else None, whole=unit is None)
    if not quote:
        return None
    return make_citation(0, chunk, quote, lead_in, suffix, 0.0, documents, lexicon)


def _clip(text: str, limit: int = 200) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _item_labels(citations: Sequence[Citation]) -> dict[str, list[str]]:
    """Per document: "Pasal 5 huruf n angka 2", "Pasal 13 huruf g" (no repeats, in order)."""
    out: dict[str, list[str]] = {}
    for c in citations:
        m = re.search(r"\b(?:Penjelasan\s+)?Pasal\s+\w+.*$",
                      pasal_only(c.display_label) if c.whole_lookup else c.display_label)
        item = re.sub(r"\s*\(perubahan atas [^)]*\)", "", m.group(0)) if m else ""
        entries = out.setdefault(c.chunk.doc_id, [])
        if item and item not in entries:
            entries.append(item)
    return out


def basis_lines(citations: Sequence[Citation], documents: dict[str, Document],
                with_title: bool = False) -> tuple[list[str], list[str]]:
    """(Dasar hukum, Bacaan): regulations with their pasal/ayat/huruf and status; articles apart."""
    regs: list[str] = []
    reading: list[str] = []
    for d, entries in _item_labels(citations).items():
        c = next(x for x in citations if x.chunk.doc_id == d)
        if c.chunk.kind == "article":
            reading.append(c.chunk.judul)
            continue
        name = short_name(d, documents, c.chunk)
        if with_title:
            judul = documents[d].judul if d in documents else c.chunk.judul
            name = f"{name} tentang {judul}"
        regs.append(f"{name} {', '.join(entries)} ({c.status_text})")
    return regs, reading


PRIMARY_QUOTE = 320  # longer quotes end at a clause near this, marked "…"; the whole pasal is one tap away
SECONDARY_QUOTE = 160  # a follow-up citation (the sanction level …) is quoted up to a clause near this
LOOKUP_LIST = 2000  # a named item that opens a list is quoted with its whole list up to this
LOOKUP_QUOTE = LOOKUP_LIST  # "Pasal 5 isinya apa?": the text asked for, whole (up to an item boundary)


def shown_quote(c: Citation, limit: int = PRIMARY_QUOTE) -> str:
    """The readable quote for a phone: whole when short, else up to a clause boundary, marked."""
    from bot.lead import gist

    return gist(c.shown_quote, limit) if len(c.shown_quote) > limit + 60 else c.shown_quote.strip()


def shown_in_whole(c: Citation, first: Citation) -> bool:
    """`c` is an ayat of the pasal `first` already shows whole: its text is on screen, it is not
    quoted again (it stays in Dasar hukum)."""
    return bool(first.whole_display) and c is not first and c.chunk.kind != "article" \
        and (c.chunk.doc_id, c.chunk.pasal) == (first.chunk.doc_id, first.chunk.pasal)


def citation_block(c: Citation, with_penjelasan: bool = True, primary: bool = True,
                   limit: int = PRIMARY_QUOTE) -> str:
    """[n] label · status, its opening words, the readable quote (secondary ones: clause-bounded)."""
    if not primary:
        from bot.lead import gist

        opening = re.sub(r"(?:\s*…)+", " …", " … ".join(c.lead_in_display))
        quote = gist(c.shown_quote, SECONDARY_QUOTE)
        return f"[{c.n}] {c.display_label} · {c.status_text}\n\u201c{opening + ' … ' if opening else ''}{quote}\u201d"
    if c.whole_display:  # a short pasal: all its ayat, under the pasal's own label
        return f"[{c.n}] {pasal_only(c.display_label)} · {c.status_text}\n\u201c{c.whole_display}\u201d"
    lines = [f"[{c.n}] {c.display_label} · {c.status_text}"]
    if c.lead_in_display:
        lines.append(" … ".join(_clip(x, MAX_LEAD_IN_CHARS) for x in c.lead_in_display) + " …")
    lines.append(f"\u201c{shown_quote(c, limit)}\u201d")
    if with_penjelasan and c.penjelasan_display and not _says_nothing(c.penjelasan_display):
        lines.append(f"{M.ANSWER_PENJELASAN}: \u201c{_clip(c.penjelasan_display, 300)}\u201d")
    return "\n".join(lines)


_ELECTION_ASK_RE = re.compile(r"\b(kpu|pkpu|tahapan|jadwal|pemungutan suara|hari (?:h|coblos\w*)|coblosan|tps|"
                              r"logistik|surat suara|dana kampanye|daftar pemilih|dpt)\b", re.IGNORECASE)
_REGIONAL_ASK_RE = re.compile(r"\b(perwali|perwal|perbup|pergub|perda|peraturan (?:wali\s*kota|walikota|bupati|"
                              r"gubernur|daerah)|tpp|pemprov|pemkab|pemkot)\b", re.IGNORECASE)


def referral(question: str) -> str:
    """Whom to ask when the sources do not answer: the KPU for the election's own schedule and rules,
    the regional government for its own regulations, else the personnel office and Bawaslu."""
    if asker_is_personnel_office(question):
        return M.ANSWER_NOT_FOUND_SUGGEST_PERSONNEL
    if _REGIONAL_ASK_RE.search(question):
        return M.ANSWER_NOT_FOUND_SUGGEST_REGIONAL
    if _ELECTION_ASK_RE.search(question):
        return M.ANSWER_NOT_FOUND_SUGGEST_ELECTION
    if about_outsider(question):
        return M.ANSWER_NOT_FOUND_SUGGEST_OUTSIDER
    return NOT_FOUND_SUGGEST


def not_found_answer(question: str, retrieval: Retrieval) -> Answer:
    """Decline: what is not in the sources and whom to ask (the referral once, no disclaimer: nothing
    is quoted)."""
    q = retrieval.query
    if retrieval.reason == "unknown_document" and q.unknown_names:
        from bot.query import UNNUMBERED_KIND_CODES

        kinds_only = all(u in UNNUMBERED_KIND_CODES for u in q.unknown_documents)
        lead = (M.ANSWER_NOT_FOUND_UNHELD_KIND if kinds_only else M.ANSWER_NOT_FOUND_UNKNOWN_DOC).format(
            names=", ".join(q.unknown_names))
    elif retrieval.reason in ("missing_pasal", "unreadable_pasal") and q.references:
        r = q.references[0]
        lead = (M.ANSWER_NOT_FOUND_MISSING_PASAL if retrieval.reason == "missing_pasal"
                else M.ANSWER_NOT_FOUND_UNREADABLE_PASAL).format(reference=f"Pasal {r.pasal} {r.named}".strip())
    elif retrieval.reason == "case_outcome":
        lead = M.ANSWER_NOT_FOUND_CASE_OUTCOME
    elif retrieval.reason == "detail_missing":
        from bot.answerable import asked_quantity

        what = M.ANSWER_NOT_FOUND_DETAIL_WHAT.get(asked_quantity(q.original) or "", "angka")
        lead = M.ANSWER_NOT_FOUND_DETAIL.format(what=what)
        nearest = next((h.best for h in retrieval.hits if h.best.kind != "article"), None)
        if nearest is not None:
            lead += M.ANSWER_NOT_FOUND_DETAIL_NEAREST.format(label=nearest.label, what=what)
    elif retrieval.reason == "below_threshold":
        lead = M.ANSWER_NOT_FOUND_BELOW_THRESHOLD
    elif retrieval.reason == "empty" and not q.original.strip():
        lead = M.ANSWER_NOT_FOUND_EMPTY
    else:
        lead = NOT_FOUND_LEAD
    text = "\n\n".join([lead, referral(question)])
    return Answer(question=question, found=False, lead=lead, citations=[], text=text,
                  reason=retrieval.reason, confidence=retrieval.confidence, disclaimer="",
                  kind=question_kind(question).value)


def smalltalk_answer(question: str) -> Answer:
    """Greetings and thanks: a short friendly reply; nothing was looked up, nothing to rate."""
    thanks = re.search(r"makasi|kasih|thank|thx|\btq\b|trims|suwun|nuhun", question, re.IGNORECASE)
    text = M.SMALLTALK_THANKS if thanks else M.SMALLTALK_HELLO
    return Answer(question=question, found=False, lead=text, text=text, reason="smalltalk",
                  kind=Kind.SMALLTALK.value, disclaimer="")


def in_force_first(ranked: list[Citation], wants_old: bool) -> list[Citation]:
    """A repealed rule never leads while a rule in force is among the citations (unless asked)."""
    if wants_old or not ranked or ranked[0].chunk.in_force:
        return ranked
    current = next((c for c in ranked if c.chunk.in_force and c.chunk.kind != "article"), None)
    return ranked if current is None else [current, *[c for c in ranked if c is not current]]


def asker_first(ranked: list[Citation], question: str, documents: dict[str, Document]) -> list[Citation]:
    """A PPPK asking: a rule of a regulation that binds PNS only does not lead while a cited rule in force
    binds every Pegawai ASN (UU 20/2023). A village official, soldier or police officer asking: no civil-service
    rule leads while a cited rule of another law (Pilkada, Pemilu) is in force."""
    from bot.lead import asked_group, binds_pns_only
    from bot.retrieve import binds_civil_servants_only

    if ranked and about_outsider(question) and binds_civil_servants_only(documents.get(ranked[0].chunk.doc_id)):
        # "sy sekdes (bukan PNS), diajak jadi jurkam": PNS discipline is not theirs; the election law's rule is
        other = next((c for c in ranked[1:] if c.chunk.in_force and c.chunk.kind != "article"
                      and not binds_civil_servants_only(documents.get(c.chunk.doc_id))), None)
        return ranked if other is None else [other, *[c for c in ranked if c is not other]]
    if not ranked or asked_group(question) != "PPPK" or not binds_pns_only(documents.get(ranked[0].chunk.doc_id)):
        return ranked
    wider = next((c for c in ranked[1:] if c.chunk.in_force and c.chunk.kind != "article"
                  and not binds_pns_only(documents.get(c.chunk.doc_id))), None)
    return ranked if wider is None else [wider, *[c for c in ranked if c is not wider]]


_CIVIL_SERVANTS = frozenset({"pns", "asn"})

# Words of an election, a campaign or a candidate: without one the question is not about netralitas, and the
# campaign items of PP 94/2021 (Pasal 5 huruf n, its levels in Pasal 12–14) do not answer it
_ELECTION_RE = re.compile(
    r"kampanye|pemilu|pilkada|pileg|pilpres|pilgub|pilbup|caleg|nyaleg|paslon|calon|cagub|cabup|cawalkot|capres|"
    r"cawapres|partai|parpol|timses|tim\s+sukses|pemenangan|dukung|politik|netral|pasangan|kandidat|jurkam|relawan|"
    r"coblos|pilih|milih|tps|kpu|bawaslu|panwas|nyalon|pencalonan|dprd?|dpd|bupati|gubernur|wali\s?kota|presiden|"
    r"medsos|posting|baliho|spanduk|kaos|atribut|deklarasi|konvoi|mengerahkan|petahana|incumbent",
    re.IGNORECASE)
_CAMPAIGN_ITEM_RE = re.compile(r"kampanye|pasangan\s+calon|calon\s+Presiden|peserta\s+pemilu", re.IGNORECASE)


_DPRD_ASKED_RE = re.compile(r"\b(?:dprd\w*|dewan\s+perwakilan\s+rakyat\s+daerah)\b", re.IGNORECASE)
_DPRD_LAW_RE = re.compile(r"Dewan\s+Perwakilan\s+\S+\s+Daerah|\bDPRD\b", re.IGNORECASE)
_OFFICES_LAW_RE = re.compile(r"Presiden|Dewan\s+Perwakilan|Gubernur|Bupati|Wali\s?kota", re.IGNORECASE)


def office_first(ranked: list[Citation], question: str) -> list[Citation]:
    """A candidate for the DPRD: a first citation listing the offices whose candidates must resign "sejak
    ditetapkan sebagai calon" (UU 20/2023 Pasal 59 ayat (3): Presiden, DPR, DPD, kepala daerah — no DPRD) gives
    way to the next of the top three that does not leave the DPRD out (party membership, PP 11/2017 Pasal 255)."""
    def leaves_out(c: Citation) -> bool:
        return len(_OFFICES_LAW_RE.findall(c.quote)) >= 3 and not _DPRD_LAW_RE.search(c.quote)

    if not ranked or not _DPRD_ASKED_RE.search(question) or not leaves_out(ranked[0]):
        return ranked
    other = next((c for c in ranked[1:3] if c.chunk.in_force and c.chunk.kind != "article" and not leaves_out(c)
                  and re.search(r"mengundurkan\s+diri|pengunduran\s+diri", c.quote, re.IGNORECASE)), None)
    return ranked if other is None else [other, *[c for c in ranked if c is not other]]


def off_campaign(ranked: list[Citation], question: str) -> list[Citation]:
    """"Nikah lagi tanpa izin, hukdisnya apa?" names no election: a campaign item ranked first (Pasal 5 huruf n
    angka 6, the widest) gives way to the cited rules that are not about campaigns; campaign items come last."""
    if not ranked or _ELECTION_RE.search(question) or not _CAMPAIGN_ITEM_RE.search(ranked[0].quote):
        return ranked
    others = [c for c in ranked if not _CAMPAIGN_ITEM_RE.search(c.quote)]
    return [*others, *[c for c in ranked if _CAMPAIGN_ITEM_RE.search(c.quote)]] if others else ranked


def person_first(ranked: list[Citation], question: str) -> list[Citation]:
    """The user asks about a kepala desa, a camat, a penjabat: a first citation that speaks of other office
    holders only (the regent's 6-month ban) gives way to the next cited rule that names the user's person."""
    asked = _roles(question) - _CIVIL_SERVANTS  # a civil servant is who nearly every rule speaks of
    if not asked or not ranked or ranked[0].chunk.kind == "article":
        return ranked
    first = _roles(" ".join([*ranked[0].lead_in, ranked[0].quote])) - _CIVIL_SERVANTS
    if not first or first & asked:
        return ranked
    named = next((c for c in ranked[1:3] if c.chunk.in_force and c.chunk.kind != "article"
                  and _roles(" ".join([*c.lead_in, c.quote])) & asked), None)
    return ranked if named is None else [named, *[c for c in ranked if c is not named]]


def _renumber(citations: list[Citation], start: int = 1) -> list[Citation]:
    for n, c in enumerate(citations, start):
        c.n = n
    return citations


def compose(question: str, retrieval: Retrieval, idf: dict[str, float] | None = None,
            documents: dict[str, Document] | None = None, lead: str | None = None, top_k: int = 5,
            lexicon: Lexicon | None = None, corpus: Sequence[Chunk] | None = None) -> Answer:
    """The extractive answer (or, with `lead`, an already validated LLM lead over the same citations).

    `corpus` (all indexed chunks) lets the answer follow the law's references (a prohibition → the
    pasal that sets its sanction level); without it only the retrieved passages are searched.
    """
    from bot.lead import criminal, forbidden

    documents = documents or {}
    kind = question_kind(question)
    if kind is Kind.SMALLTALK:
        return smalltalk_answer(question)
    if not retrieval.found or not retrieval.hits:
        return not_found_answer(question, retrieval)
    ranked = build_citations(retrieval, idf, documents, max_citations=max(top_k, 1), lexicon=lexicon, kind=kind)
    if not ranked:
        return not_found_answer(question, retrieval)
    # retrieval's order stands (its rerank is fitted on writers it did not see); moving up a pasal that "states
    # it outright" lost 17 first places on 594 read questions and won none (docs/benchmarks.md, session 7)
    ranked = asker_first(in_force_first(ranked, retrieval.query.wants_old), question, documents)
    if kind is Kind.COVERAGE:
        # "berlaku juga bagi CPNS?": the cited pasal that names the group answers it, wherever it ranked
        from bot.lead import covers_group

        named = next((c for c in ranked if covers_group(c, retrieval.query)), None)
        if named is not None:
            ranked = [named, *[c for c in ranked if c is not named]]
    if kind in (Kind.SANCTION, Kind.LIST):
        ranked[0] = _widen_to_list(ranked[0], documents, lexicon)
    chunks = corpus if corpus is not None else [c for h in retrieval.hits for c in h.chunks]
    ranked = higher_law_first(ranked, question, kind, retrieval, chunks, documents, lexicon, idf or {})
    ranked = counted_first(ranked, question, kind)
    # the row for the days the user states, not the row retrieval found — wherever it is quoted ("sopo sing ngukum
    # … bolos 8 dino?" quotes the authority first and the absence row second)
    if (row := row_for_count(ranked[0], question, chunks, documents, lexicon)) is not None:
        ranked = [row, *ranked[1:]]
    elif not _day_span(ranked[0].quote):  # a first row for the count answers it; no second row for the same days
        ranked = [row if (row := row_for_count(c, question, chunks, documents, lexicon)) is not None else c
                  for c in ranked]
    sanction = None
    if kind is Kind.AUTHORITY and not _states_authority(ranked[0]) \
            and (level := _level_of_conduct(ranked, chunks, documents, lexicon)) is not None \
            and (level := row_for_count(level, question, chunks, documents, lexicon) or level) is not None \
            and (who := authority_for_level(level, question, chunks, documents, lexicon, idf or {})) is not None:
        ranked = [who, *[c for c in ranked if c.chunk.id != level.chunk.id or c.label != level.label]]
        sanction = level
    if kind is Kind.AUTHORITY and sanction is None and re.search(r"menetapkan\s+penjatuhan|berwenang\s+menjatuhkan",
                                            " ".join([*ranked[0].lead_in, ranked[0].quote]), re.IGNORECASE):
        # "siapa yang menghukum kabid kami?": the item of the authority list for that position (and the
        # instance and level asked), not the whole list nor the ayat of another instance
        item = position_item(ranked[0], question, documents, lexicon)
        found = [item] if item is not None else []
        if item is None or (item is not ranked[0] and not _covers(_kinds_ayat(item.quote), asked_levels(question))):
            found = authorities_for_position(ranked[0], question, chunks, documents, lexicon) or found
        if found and found[0] is not ranked[0]:
            # "… hukuman sedang? … jika berat?": the official for each level asked, in the question's order
            ranked = [*found, *[c for c in ranked[1:] if all(c.chunk.id != f.chunk.id or c.label != f.label
                                                             for f in found)]]
    if kind is Kind.AUTHORITY and sanction is None and (covered := _kinds_ayat(" ".join([*ranked[0].lead_in,
                                                                                         ranked[0].quote]))):
        # the official quoted first imposes other levels than the conduct quoted carries ("… Pasal 8 ayat (3) dan
        # ayat (4)" for an absence row under "Hukuman Disiplin ringan"): the official for that level instead
        level = next((c for c in ranked[1:3] if sanction_level(c)), None)
        mark = {"ringan": "2", "sedang": "3", "berat": "4"}.get(sanction_level(level) or "") if level else None
        if mark and not _covers(covered, {mark}) \
                and (who := authority_for_level(level, question, chunks, documents, lexicon, idf or {})) is not None:
            ranked = [who, *[c for c in ranked if c is not level and c.chunk.id != who.chunk.id]]
            sanction = level
    if kind in (Kind.SANCTION, Kind.PERMISSION) and \
            (actor := _actor_item(ranked[0], retrieval, documents, lexicon, named_anywhere=kind is Kind.PERMISSION)):
        ranked = [actor, *ranked]
    if kind is not Kind.LOOKUP and not retrieval.hits[0].direct:
        ranked = office_first(off_campaign(person_first(ranked, question), question), question)
    discipline = None
    if kind is Kind.SANCTION:
        before = ranked
        ranked, sanction = _prohibition_for_sanction(ranked, retrieval, idf or {}, chunks, documents, lexicon)
        if sanction is not None and criminal(sanction) and _NAMES_DISCIPLINE_RE.search(question) \
                and not about_outsider(question):
            # "kena disiplin aja atau bisa pidana juga?": both — the penalty clause, and the PNS level for the act
            rest = [c for c in before if not criminal(c) and c.chunk.id != ranked[0].chunk.id]
            if rest and (pair := _prohibition_for_sanction(rest, retrieval, idf or {}, chunks, documents,
                                                           lexicon))[1] is not None and sanction_level(pair[1]):
                discipline = pair[1]
    if sanction is None and kind is not Kind.LOOKUP and forbidden(ranked[0]) is not None:
        sanction = find_sanction(ranked[0], chunks, documents, lexicon) \
            or find_criminal(ranked[0], chunks, documents, lexicon, question)
    if sanction is None and kind in (Kind.PERMISSION, Kind.SANCTION) and forbidden(ranked[0]) is not None:
        ranked[0].levels_note = levels_elsewhere(ranked[0], chunks, documents, lexicon)
    shown = select_shown(ranked, sanction, kind)
    if discipline is not None:
        shown.append(discipline)
    elif kind is Kind.SANCTION and sanction is not None:
        shown += find_level_kinds(sanction, chunks, documents, lexicon)
    if kind is Kind.AUTHORITY and (who := punisher_item(question, shown[0], chunks, documents, lexicon)) is not None \
            and all((who.chunk.id, who.label) != (c.chunk.id, c.label) for c in shown):
        who.other_ask = True  # the other official the user names as the one who would punish
        shown = [*shown, who]
    if kind is Kind.LOOKUP and (unread := _item_not_read(shown[0], retrieval)):
        # "psl 93 huruf f" where OCR lost the marker of huruf f: say so, and quote the pasal as it was read
        # (UU 7/2017 Pasal 93) — never another huruf under the name of the pasal as if it were the one asked
        shown[0].unread_item = unread
        shown = [shown[0], *rest_of_pasal(shown[0], retrieval, documents, lexicon, item_asked=True)]
    elif kind is Kind.LOOKUP and (rest := rest_of_pasal(shown[0], retrieval, documents, lexicon)):
        shown = [shown[0], *rest]
    elif sanction is None:
        # a two-part question: the sibling ayat that answers the other part is quoted second (a close
        # second pasal, if any, moves to "Lihat juga")
        other_asks = _other_ask_items(question, shown[0], retrieval, idf or {}, documents, lexicon,
                                      others=[c for c in ranked[1:4] if all(c is not s for s in shown)],
                                      close=shown[1:])
        if other_asks:
            shown = [*(shown if all(c.searched_ask for c in other_asks) else shown[:1]), *other_asks]
    else:
        # a sanction question of several asks ("… kena hukuman apa, dan siapa yang menjatuhkan?"): the
        # prohibition and its level answer one; the others get their own citation after them
        first = next(c for c in shown if c is not sanction) if len(shown) > 1 else shown[0]
        shown += [c for c in _other_ask_items(question, first, retrieval, idf or {}, documents, lexicon,
                                              close=[c for c in shown if c is not first]) if c.searched_ask]
    if (rule := group_dismissal(question, shown, chunks, documents, lexicon, idf or {})) is not None:
        at = next((i for i, c in enumerate(shown) if c.level_kinds), len(shown))  # before what the level means
        shown.insert(at, rule)
    if retrieval.query.wants_old:
        # asked about the old rule: its text is shown too, labelled as replaced, after the rule in force
        old = next((c for c in ranked if not c.chunk.in_force and c.chunk.kind != "article"
                    and all(c is not s for s in shown)), None)
        if old is not None:
            shown.append(old)
    shown = with_meanwhile(shown, chunks, documents, lexicon)
    if shown[0].overrides is not None and all(c is not shown[0].overrides for c in shown):
        shown.insert(1, shown[0].overrides)  # the rule the user named, with what it is worth now
    more = [c for c in ranked if all(c is not s for s in shown)
            and not any(c.chunk.id == s.chunk.id and c.display_label == s.display_label for s in shown)]
    if shown[0].whole_lookup or (kind is Kind.LOOKUP and retrieval.hits[0].direct):
        # "Pasal 13 isinya apa?": next to it, the pasal it names and those that name it (Pasal 8, Pasal 5;
        # Pasal 29), not the pasal whose words happen to resemble the reference typed
        more = cross_references(shown, chunks, documents, lexicon) or []
    more = more[: max(MAX_CITATIONS - len(shown), 0)]
    _renumber(shown)
    _renumber(more, len(shown) + 1)
    focus = set(tokenize(retrieval.query.expanded))
    for c in [*shown, *more, *([sanction] if sanction is not None else [])]:
        c.lead_in_display = [shorten_lead_in(display(x, lexicon).text, focus) for x in c.lead_in]
    kept = kept_in_force(retrieval.query.documents, chunks, documents) if kind is Kind.STATUS else []
    answer = render(question, retrieval, shown, documents, lead, kind=kind, sanction=sanction, more=more, kept=kept)
    answer.more = more
    return answer


_NOT_CONTRARY_RE = re.compile(r"sepanjang\s+tidak\s+bertentangan", re.IGNORECASE)
# "masih dipakai?", "setelah berlakunya …", "UU ASN yang baru": today's rule asked against an older one ("sekarang"
# alone is mostly the story's time: "SK-nya sampai sekarang belum diterima")
_ASKS_NOW_RE = re.compile(r"\b(?:masih\s+(?:dipakai|dipake|berlaku|digunakan|sah|diberlakukan|\d+\s+tahun)|"
                          r"setelah\s+(?:berlakunya|terbitnya|adanya|lahirnya)|yang\s+baru|terbaru)\b", re.IGNORECASE)
# an ayat of the law rules the quoted rule's matter and answers the question: its cosine with the question, with the
# quoted rule, and both together (set on r137, x138, y142; the first and only change on 1 456 read answers but them)
ASKED_MIN = 0.1
SAME_MATTER_MIN = 0.15
HIGHER_LAW_MIN = 0.4


def _cosine(a: Sequence[str], b: Sequence[str], idf: dict[str, float]) -> float:
    def weigh(tokens: Sequence[str]) -> dict[str, float]:
        counts: dict[str, int] = {}
        for t in tokens:
            counts[t] = counts.get(t, 0) + 1
        w = {t: (1 + math.log(n)) * idf.get(t, 1.0) for t, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in w.values())) or 1.0
        return {t: v / norm for t, v in w.items()}

    wa, wb = weigh(a), weigh(b)
    return sum(v * wb.get(t, 0.0) for t, v in wa.items())


def higher_law_first(ranked: list[Citation], question: str, kind: Kind, retrieval: Retrieval,
                     chunks: Sequence[Chunk], documents: dict[str, Document], lexicon: Lexicon | None,
                     idf: dict[str, float]) -> list[Citation]:
    """"PP 11/2017 Pasal 256 menyebut 2 tahun … masih dipakai setelah UU 20/2023?": a regulation kept in force
    only "sepanjang tidak bertentangan" with a newer law (UU 20/2023 Pasal 75) does not answer what applies now
    where that law rules the same matter itself (Pasal 60 ayat (2): 5 tahun). Asked about today's rule, the
    law's ayat closest to the question and the quoted rule leads and the regulation follows; otherwise nothing
    moves."""
    first = ranked[0] if ranked else None
    kept = first.chunk.kept_in_force_by if first is not None and first.chunk.kind != "article" else None
    if not kept or kept.get("doc_id") == first.chunk.doc_id or not _NOT_CONTRARY_RE.search(str(kept.get("text"))):
        return ranked
    law = str(kept.get("doc_id"))
    # today's rule asked of this regulation or of the law over it ("PP 11/2017 Pasal 256 … masih dipakai setelah
    # UU 20/2023?"), not of a third act ("PP 53/2010 dulu … masih berlaku?" is answered by its own successor)
    named = retrieval.query.documents
    if any((old := getattr(documents.get(d), "dicabut_oleh", None)) and old != law for d in named):
        return ranked
    if not (kind is Kind.STATUS or _ASKS_NOW_RE.search(question) or law in named) or not (
            {law, first.chunk.doc_id} & set(named)
            or any(getattr(documents.get(d), "dicabut_oleh", None) == law for d in named)):
        return ranked
    asked, rule = tokenize(question), tokenize(first.quote)
    best: tuple[float, Chunk, dict[str, str]] | None = None
    for chunk in chunks:
        if chunk.doc_id != law or chunk.part == "penjelasan" or not chunk.in_force or not chunk.citable \
                or chunk.pasal in (None, kept.get("pasal")):
            continue
        items = chunk_items(chunk)
        units = [it for it in items if it.kind == "ayat"] or [None]
        for it in units:
            text = chunk.text[it.start:it.end] if it is not None else chunk.text
            words = tokenize(text)
            # the matter the question asks about, within what the quoted rule rules (not the list of offices
            # the rule names, nor another matter the question mentions in passing)
            on_ask, on_rule = _cosine(asked, words, idf), _cosine(rule, words, idf)
            score = on_ask + on_rule
            if on_ask >= ASKED_MIN and on_rule >= SAME_MATTER_MIN and score >= HIGHER_LAW_MIN \
                    and (best is None or score > best[0]):
                best = (score, chunk, {"ayat": it.mark} if it is not None else {})
    if best is None:
        return ranked
    _, chunk, path = best
    quote, lead_in, suffix = trim_quote(chunk, set(), ayat=path.get("ayat"), whole=not path)
    if not quote:
        return ranked
    ruling = make_citation(0, chunk, quote, lead_in, suffix, first.score, documents, lexicon)
    first.repealed_note = first.repealed_note or M.KEPT_IF_NOT_CONTRARY.format(
        law=short_name(law, documents), pasal=kept.get("pasal"))
    ruling.overrides = first
    return [ruling, first, *[c for c in ranked[1:] if (c.chunk.doc_id, c.chunk.pasal) != (law, chunk.pasal)]]


def with_meanwhile(shown: list[Citation], chunks: Sequence[Chunk], documents: dict[str, Document],
                   lexicon: Lexicon | None) -> list[Citation]:
    """A first citation whose rule a clause delays ("pemotongan tunjangan kinerja … bagi PNS yang tidak Masuk
    Kerja …" waits for the PP on pay, PP 94/2021 Pasal 42 ayat (1)) comes with the rule that applies meanwhile
    (Pasal 42 ayat (2): PP 53/2010 Pasal 7 ayat (3)), quoted second: a rule not yet in force is never the whole
    answer. A list of kinds carries its own (find_level_kinds)."""
    from bot.lead import _not_yet_in_force

    first = shown[0] if shown else None
    if first is None or first.level_kinds or not _not_yet_in_force(first) or any(c.level_kinds for c in shown):
        return shown
    found = _meanwhile(first.chunk.not_yet_in_force_until or {}, chunks, documents, lexicon)
    if not found:
        return shown
    found[0].level_kinds = False  # quoted as a rule of its own, whatever the lead says of levels
    first.meanwhile = found[0]
    rest = [c for c in shown[1:] if (c.chunk.id, c.label) != (found[0].chunk.id, found[0].label)]
    return [first, found[0], *rest]


def cross_references(shown: Sequence[Citation], chunks: Sequence[Chunk], documents: dict[str, Document],
                     lexicon: Lexicon | None, limit: int = 3) -> list[Citation]:
    """The pasal the quoted text refers to, then those referring to it (indexer/references.py), each in its
    wording in force, quoted at the ayat named; never the quoted pasal itself."""
    own = {(c.chunk.doc_id, c.chunk.pasal) for c in shown} | {(c.chunk.base_doc, c.chunk.base_pasal) for c in shown}
    named = {c.chunk.base_pasal or c.chunk.pasal for c in shown}
    naming = re.compile(r"\bPasal\s+(?:" + "|".join(re.escape(p) for p in named if p) + r")\b") if any(named) else None
    refs = [(r, False) for c in shown for r in c.chunk.references] + \
        [(r, True) for c in shown for r in c.chunk.referenced_by]
    out: list[Citation] = []
    seen: set[tuple[str, str]] = set()
    for ref, back in refs:
        key = (ref.get("doc_id") or "", ref.get("pasal") or "")
        if not all(key) or key in own or key in seen:
            continue
        seen.add(key)
        body = [c for c in chunks if c.part != "penjelasan" and c.citable and c.in_force
                and ((c.doc_id, c.pasal) == key or (c.base_doc, c.base_pasal) == key)]
        ayat = ref.get("ayat")
        # a provision naming the quoted pasal is quoted where it names it ("… melanggar ketentuan Pasal 71 …")
        if back:  # only where its text names the pasal (a reference the parser misplaced is not shown)
            chunk = next((c for c in body if naming is not None and naming.search(c.text)), None)
        else:
            chunk = next((c for c in body if ayat and c.ayat == ayat), None) or next(iter(body), None)
        if chunk is None:
            continue
        quote, lead_in, suffix = trim_quote(chunk, set(), ayat=ayat if ayat and chunk.ayat != ayat else None,
                                            whole=not ayat or chunk.ayat == ayat)
        if quote and not _says_nothing(quote):
            c = make_citation(0, chunk, quote, lead_in, suffix, 0.0, documents, lexicon)
            c.cross_reference = True
            out.append(c)
        if len(out) >= limit:
            break
    return out


LOOKUP_PARTS = 4  # a pasal asked for whole is quoted over at most this many chunks (the rest: /pasal)


def _item_not_read(first: Citation, retrieval: Retrieval) -> str | None:
    """"huruf f" when the user named that huruf of a pasal found directly and the citation is not it (no item of
    the pasal as indexed carries that mark); None otherwise."""
    hit = retrieval.hits[0]
    ref = hit.reference
    if not hit.direct or ref is None or not ref.huruf or first.chunk.kind == "article" \
            or re.search(rf"\bhuruf {re.escape(ref.huruf)}\b", first.display_label):
        return None
    if any(c.huruf == ref.huruf or any(item.huruf == ref.huruf for item in c.items) for c in hit.body):
        return None
    return f"huruf {ref.huruf}"


def rest_of_pasal(first: Citation, retrieval: Retrieval, documents: dict[str, Document],
                  lexicon: Lexicon | None, item_asked: bool = False) -> list[Citation]:
    """The pasal's other chunks when the user asked for a whole pasal the index holds in several
    ("psl 13 pp 94/2021 isinya apa aja": huruf a–f and huruf g): each quoted whole, in order, so the
    answer shows the pasal asked for rather than its first part under the pasal's name."""
    hit = retrieval.hits[0]
    ref = hit.reference
    if not hit.direct or ref is None or (not item_asked and (ref.ayat or ref.huruf or ref.angka)) \
            or first.chunk.id != hit.best.id \
            or first.chunk.part == "penjelasan" or first.chunk.kind == "article":
        return []
    same = [c for c in hit.body if c.doc_id == first.chunk.doc_id and c.in_force == first.chunk.in_force
            and c.base_doc == first.chunk.base_doc]
    if len(same) < 2:
        return []
    first.whole_lookup = True
    rest: list[Citation] = []
    for chunk in same[:LOOKUP_PARTS]:
        if chunk.id == first.chunk.id:
            continue
        quote, lead_in, suffix = trim_quote(chunk, set(), whole=True, list_limit=LOOKUP_LIST)
        if quote and not _says_nothing(quote):
            c = make_citation(0, chunk, quote, lead_in, suffix, hit.score, documents, lexicon)
            c.whole_lookup = True
            rest.append(c)
    return rest


_WHO_ASK_RE = re.compile(r"\W*(?:dan\s+|lalu\s+|terus\s+|trus\s+)?(?:siapa|sapa|sopo|saha|siapo)\b", re.IGNORECASE)
OTHER_ASKS_MAX = 3  # asks of one question answered from the other ayat of the pasal quoted first


def _other_ask_items(question: str, first: Citation, retrieval: Retrieval, idf: dict[str, float],
                     documents: dict[str, Document], lexicon: Lexicon | None,
                     others: Sequence[Citation] = (), close: Sequence[Citation] = ()) -> list[Citation]:
    """A question of several asks ("paling lambat kapan …, siapa yang menyampaikan, dan bagaimana jika
    PNS tidak hadir?") whose other asks the quoted ayat does not answer, and other ayat of the same pasal
    do: those ayat, one per ask, in the order asked. Each must hold at least two of its ask's own words,
    one of them a word the first quote lacks; the lead gives each its sentence. An ask no ayat of that
    pasal answers may be answered by another ranked citation (`others`, in force, not an article) that
    holds at least half of the ask's words ("… dan apa sanksi bagi paslonnya?" → the criminal provision)."""
    from bot.lead import topic_stems

    parts = question_asks(question)
    if len(parts) < 2 or first.chunk.kind == "article" or not first.chunk.pasal:
        return []
    hit = next((h for h in retrieval.hits if (h.best.doc_id, h.best.pasal) == (first.chunk.doc_id, first.chunk.pasal)),
               None)
    if hit is None:
        return []
    taken = {_item_path(first).get("ayat") or first.chunk.ayat}
    quoted = set(tokenize(" ".join([*first.lead_in, first.quote])))
    stems_of = {p: topic_stems(p) for p in parts}
    # an ask of one word of its own ("…, cuti jenis apa, siapa yang memberikan, …") is about the subject of
    # the ask before it: "memberikan" what? the cuti
    for before, p in itertools.pairwise(parts):
        if _WHO_ASK_RE.match(p) and len(own := topic_stems(p)) == 1:
            stems_of[p] = own | topic_stems(before)
    parts = [p for p in parts if len(stems_of[p]) >= 2]
    asks = [stems_of[p] for p in parts]
    if len(asks) < 2:
        return []
    # the ask the first quote covers best is the one it answers; the others are left open
    answered = max(asks, key=lambda a: len(a & quoted) / len(a))
    out: list[Citation] = []
    for part, asked in zip(parts, asks, strict=True):
        if asked is answered or len(out) >= OTHER_ASKS_MAX:
            continue
        new = asked - quoted - set(first.topic_common)  # what the first quote does not speak of
        best: tuple[float, Chunk, str, tuple[str, list[str], str]] | None = None
        for other in hit.body if new else ():
            for path in _item_paths(other):
                if path.get("ayat") in (None, *taken) or set(path) != {"ayat"}:
                    continue
                got = trim_quote(other, asked, idf, ayat=path["ayat"])
                if not got[0] or got[0] in first.quote or first.quote in got[0]:
                    continue
                held = asked & set(tokenize(got[0]))
                if len(held) < 2 or not held & new:
                    continue
                score = _item_score(new, idf, got[0])
                if best is None or score > best[0]:
                    best = (score, other, path["ayat"], got)
        if best is None:
            other_pasal = _other_pasal_for(asked, new, idf, others, [first, *close, *out]) if new else None
            if other_pasal is not None:
                other_pasal.other_ask = True
                out.append(other_pasal)
                continue
            searched = _searched_for_ask(part, asked, retrieval, [first, *close, *out], idf, documents, lexicon) \
                if new else None
            if searched is not None:
                searched.other_ask = searched.searched_ask = True
                out.append(searched)
                continue
            if (vector := retrieval.ask_vector(part)) is not None:
                best = _ayat_by_meaning(hit, vector, taken, first, asked, idf)
        if best is None:
            continue
        taken.add(best[2])
        quote, lead_in, suffix = best[3]
        cited = make_citation(0, best[1], quote, lead_in, suffix, first.score, documents, lexicon)
        cited.topic_common = first.topic_common
        cited.other_ask = True
        out.append(cited)
    return out


# how much nearer an ask another ayat must be than the quoted one (cosine); measured on the read sets: 0 named
# 31 more ayat in leads, half of them outside the writers' answer points; 0.02 named 8, 6 inside
# How much nearer (cosine, adapted query space) an ask must be to another ayat than to the quoted one. On the
# read sets' answer points: 0.02 names 8 more ayat in leads, 6 of them answer points; 0 names 31, half outside;
# raw e5 vectors at 0 name 40, again half outside.
ASK_MEANING_MARGIN = 0.02


def _ayat_by_meaning(hit: Hit, vector: np.ndarray, taken: set[str | None], first: Citation, asked: set[str],
                     idf: dict[str, float]) -> tuple[float, Chunk, str, tuple[str, list[str], str]] | None:
    """The other ayat of the first pasal whose meaning is nearest one ask, when it is nearer that ask
    than the ayat already quoted ("… dan sampe kapan bebas tugasnya?" → "berlaku sampai dengan
    ditetapkannya keputusan Hukuman Disiplin", which shares no word with it): else the quoted ayat
    already answers the ask as well as this pasal can."""
    scored: list[tuple[float, Chunk, str]] = []
    for chunk in hit.body:
        if chunk.item_vectors is None or len(chunk.item_vectors) != len(chunk.item_spans):
            continue
        for row, item in enumerate(chunk.item_spans):
            if item.kind != "ayat" or not item.ayat:
                continue
            vec = chunk.item_vectors[row]
            scored.append((float(vec @ vector) / max(float(np.linalg.norm(vec)), 1e-6), chunk, item.ayat))
    quoted = max((sim for sim, chunk, ayat in scored if ayat in taken and chunk.id == first.chunk.id), default=None)
    for sim, chunk, ayat in sorted(scored, key=lambda x: -x[0]):
        if quoted is None or sim <= quoted + ASK_MEANING_MARGIN:
            return None
        if ayat in taken:
            continue
        got = trim_quote(chunk, asked, idf, ayat=ayat)
        if got[0] and got[0] not in first.quote and first.quote not in got[0]:
            return sim, chunk, ayat, got
    return None


def _searched_for_ask(part: str, asked: set[str], retrieval: Retrieval, shown: Sequence[Citation],
                      idf: dict[str, float], documents: dict[str, Document], lexicon: Lexicon | None
                      ) -> Citation | None:
    """One ask that neither the first pasal nor the question's other hits answer, searched for on its own:
    the first citation of that search, when it holds a word of the ask the shown quotes lack."""
    from bot.lead import forbidden, topic_stems

    if retrieval.search_ask is None or not _is_asked(part, retrieval.query.original) \
            or question_kind(part) is Kind.STATUS:
        return None  # a clause that sets the scene ("Dengan dicabutnya UU 5/2014, …"), or "masih berlaku?"
    said = set().union(*(tokenize(" ".join([*s.lead_in, s.quote])) for s in shown))
    if 2 * len(asked & said) >= len(asked):
        return None  # "… apakah anggota TNI/Polri juga terkena?" and the quote shown names them: answered
    searched = retrieval.search_ask(part)
    if not searched.hits:
        return None
    kind = question_kind(part)
    cited = build_citations(searched, idf, documents, max_citations=1, lexicon=lexicon, kind=kind)
    if not cited or (kind is Kind.PERMISSION and forbidden(cited[0]) is None):
        return None  # "… boleh pake mobil dinas?" is answered by a prohibition, not by the rules of the leave
    c = cited[0]
    if (c.chunk.doc_id, c.chunk.pasal) not in {h.key for h in retrieval.hits}:
        # a pasal the whole question did not find is most often the ask's words out of context ("gaji … kapan?"
        # → the waiting allowance): on the read questions 2 of 25 such were an answer point, 4 of 7 inside
        return None
    if c.chunk.kind == "article" or not c.chunk.in_force or c.repealed_note \
            or any((c.chunk.doc_id, c.chunk.pasal) == (s.chunk.doc_id, s.chunk.pasal) for s in shown):
        return None
    # the ask as the search read it: "mundur" is also "pengunduran diri", "cabut" also "ditarik"
    words = asked | topic_stems(searched.query.expanded)
    held = words & set(tokenize(" ".join([*c.lead_in, c.quote])))
    if len(held & asked) < 2 or not held - said:
        return None  # two of the user's own words, one the quotes shown lack: not a pasal that shares "berlaku"
    return c


def _is_asked(part: str, question: str) -> bool:
    """A part of the message is a question: a question mark closes it or a question word opens it."""
    at = question.find(part)
    closed = part.rstrip().endswith("?") or (at >= 0 and question[at + len(part):].lstrip().startswith("?"))
    return closed or bool(_QUESTION_WORD_RE.match(part))


_QUESTION_WORD_RE = re.compile(r"\W*(?:apa|apakah|siapa|kapan|berapa|brp|bagaimana|gimana|gmn|mana|bisakah|bolehkah|"
                               r"dapatkah|haruskah|mengapa|kenapa)\b", re.IGNORECASE)


def _other_pasal_for(asked: set[str], new: set[str], idf: dict[str, float], others: Sequence[Citation],
                     shown: Sequence[Citation]) -> Citation | None:
    """The ranked citation of another pasal that answers one ask: in force, not an article, not shown
    yet, holding at least two and at least half of the ask's words, one of them new to the first quote."""
    best: tuple[float, Citation] | None = None
    for c in others:
        if c.chunk.kind == "article" or not c.chunk.in_force or c.repealed_note \
                or any((c.chunk.doc_id, c.chunk.pasal) == (s.chunk.doc_id, s.chunk.pasal) for s in shown):
            continue
        held = asked & set(tokenize(" ".join([*c.lead_in, c.quote])))
        if len(held) < 2 or 2 * len(held) < len(asked) or not held & new:
            continue
        score = _item_score(new, idf, c.quote)
        if best is None or score > best[0]:
            best = (score, c)
    return best[1] if best is not None else None


_DAYS_ASKED_RE = re.compile(r"\b(\d{1,3})\s*(?:\([^)]*\)\s*)?(?:hari|hr)\b", re.IGNORECASE)
_DAY_RANGE_RE = re.compile(r"\b(\d{1,3})\s*(?:\([^)]*\)\s*)?(?:sampai\s+dengan|s\.\s?d\.?)\s*(\d{1,3})\s*"
                           r"(?:\([^)]*\)\s*)?hari", re.IGNORECASE)
_DAYS_OR_MORE_RE = re.compile(r"\b(\d{1,3})\s*(?:\([^)]*\)\s*)?hari\s+\w+\s+atau\s+lebih", re.IGNORECASE)
_DAYS_EXACT_RE = re.compile(r"\bselama\s+(\d{1,3})\s*(?:\([^)]*\)\s*)?hari\b", re.IGNORECASE)
ROW_SHARED_WORDS = 0.6  # share of the quoted row's words another row must hold to be the same rule's row


def asked_days(question: str) -> set[int]:
    """The counts of days the question states. (Only those of the sentence that asks, when there are several,
    was tried: "bolos total 12 hari … kalau bolos 10 hari berturut2 bisa dipecat ya?" asks about both.)"""
    return {int(n) for n in _DAYS_ASKED_RE.findall(question)}


def _day_span(text: str) -> tuple[int, int] | None:
    """The days a row of a graded rule covers: "4 (empat) sampai dengan 6 (enam) hari kerja" → (4, 6);
    "28 (dua puluh delapan) hari kerja atau lebih" → (28, ∞)."""
    if m := _DAY_RANGE_RE.search(text):
        return int(m.group(1)), int(m.group(2))
    if m := _DAYS_OR_MORE_RE.search(text):
        return int(m.group(1)), 10**6
    if m := _DAYS_EXACT_RE.search(text):  # "selama 3 (tiga) hari kerja" (OCR: "hari keda")
        return int(m.group(1)), int(m.group(1))
    return None


def _conduct(row: str) -> str:
    """A row's conduct, without the penalty it sets: "pembebasan dari jabatannya … bagi PNS yang tidak Masuk Kerja …"
    → "PNS yang tidak Masuk Kerja …" (rows of one rule differ in the penalty, not in the conduct)."""
    return re.split(r"\bbagi\b", row, maxsplit=1)[-1]


def counts_other_days(quote: str, question: str) -> bool:
    """The quote is a row for a count of days, and the one count the question states is outside it."""
    asked = asked_days(question)
    span = _day_span(quote)
    return len(asked) == 1 and span is not None and not span[0] <= next(iter(asked)) <= span[1]


COUNT_CONDUCT_WORDS = 3  # question words a day row's conduct must hold to lead ("masuk", "kerja", "hari")


def counted_first(ranked: list[Citation], question: str, kind: Kind | None = None) -> list[Citation]:
    """"tidak masuk kerja 10 hari kerja berturut-turut … gara-gara bantu kampanye, bisa dipecat?": a question
    stating a count of days asks about the conduct counted in days, not about the cause it mentions. A ranked row
    of a rule graded by days whose conduct the question states leads (row_for_count then picks the row for the
    count); nothing moves when the first citation is such a row already, none is ranked, or the first citation
    is no conduct at all (a rule on how penalties add up, asked about with the days as a fact) — unless the
    question asks the sanction and the first citation is about days too: "tidak masuk kerja 14 hari …, hukumannya
    apa?" is answered by the row, not by Pasal 15 on how the days are counted."""
    from bot.lead import forbidden, level_of

    if len(asked_days(question)) != 1 or not ranked or _day_span(ranked[0].quote) is not None \
            or not ((kind is Kind.SANCTION and re.search(r"\bhari\b", ranked[0].quote))
                    or forbidden(ranked[0]) or level_of(ranked[0])):
        # a rule on how to punish stays ("dua hukuman?")
        return ranked
    asked = set(tokenize(question))
    for c in ranked[1:]:
        if c.chunk.kind == "article" or not c.chunk.in_force or _day_span(c.quote) is None:
            continue
        if len(asked & set(tokenize(_conduct(c.quote)))) >= COUNT_CONDUCT_WORDS:
            return [c, *[r for r in ranked if r is not c]]
    return ranked


def row_for_count(first: Citation, question: str, chunks: Sequence[Chunk], documents: dict[str, Document],
                  lexicon: Lexicon | None) -> Citation | None:
    """A question that states a count of days ("tidak masuk kerja … 14 hari kerja") answered by a row of a
    graded rule for another count ("… selama 4 (empat) sampai dengan 6 (enam) hari kerja": teguran tertulis):
    the row of the same rule, in the same regulation, whose span holds the count (Pasal 10 ayat (2) huruf f
    angka 2, hukuman sedang). A quoted row that holds the count but not the conduct stated ("10 hari kerja
    berturut-turut" answered by "kumulatif selama 7 sampai dengan 10") gives way to the row that states it too
    ("terus menerus selama 10": dismissal). None when the quoted row already fits or no row does."""
    days_asked = asked_days(question)
    if first.chunk.kind == "article" or len(days_asked) != 1 or _day_span(first.quote) is None:
        return None
    inside = not counts_other_days(first.quote, question)
    days = next(iter(days_asked))
    stated = set(tokenize(" ".join([question, *expand(question)])))
    conduct = _conduct(first.quote)
    fits_first = len(set(tokenize(conduct)) & stated)
    own = set(tokenize(_DAYS_EXACT_RE.sub(" ", _DAY_RANGE_RE.sub(" ", _DAYS_OR_MORE_RE.sub(" ", conduct)))))
    best: tuple[tuple[int, float], Chunk, dict[str, str]] | None = None
    for chunk in chunks:
        if chunk.doc_id != first.chunk.doc_id or chunk.part == "penjelasan" or not chunk.in_force:
            continue
        if "hari" not in chunk.text:
            continue
        items = chunk_items(chunk)
        for it in items:
            if it.kind == "intro":
                continue
            text = chunk.text[it.start:it.end]
            row = _day_span(text)
            if row is None or not row[0] <= days <= row[1]:
                continue
            conduct = set(tokenize(_conduct(text)))
            shared = len(own & conduct) / max(len(own), 1)
            if shared < ROW_SHARED_WORDS or (inside and len(conduct & stated) <= fits_first):
                continue
            # between rows holding the count ("kumulatif selama 7 sampai dengan 10" and "terus menerus selama
            # 10"), the one whose conduct the question states, then the one closest to the quoted row
            score = (len(conduct & stated), shared)
            if best is not None and score <= best[0]:
                continue
            path = {items[p].kind: items[p].mark for p in it.parents if items[p].kind != "intro"}
            path[it.kind] = it.mark
            best = (score, chunk, path)
    if best is None:
        return None
    _, chunk, path = best
    quote, lead_in, suffix = trim_quote(chunk, set(), ayat=path.get("ayat"), huruf=path.get("huruf"),
                                        angka=path.get("angka"))
    if not quote or _day_span(quote) is None:
        return None
    return make_citation(0, chunk, quote, lead_in, suffix, first.score, documents, lexicon)


def _widen_to_list(c: Citation, documents: dict[str, Document], lexicon: Lexicon | None) -> Citation:
    """"Jenis Hukuman Disiplin sedang … terdiri atas: a. …" asked as a list or a sanction: the whole
    short list rather than its first item."""
    if not c.lead_in or not c.lead_in[-1].rstrip().endswith(":"):
        return c
    path = _item_path(c)
    kinds = [k for k in ("ayat", "huruf", "angka") if k in path]
    if len(kinds) < 2:
        return c
    parent = {k: path[k] for k in kinds[:-1]}
    quote, lead_in, suffix = trim_quote(c.chunk, set(), ayat=parent.get("ayat"), huruf=parent.get("huruf"))
    if not quote or len(quote) > 600 or c.quote not in quote:
        return c
    return make_citation(c.n, c.chunk, quote, lead_in, suffix, c.score, documents, lexicon,
                         c.penjelasan, c.penjelasan_quote)


_DISMISSAL_ASK_RE = re.compile(
    r"\b(?:di)?pecat\w*|\b(?:di)?berhentikan\b|\bdikeluarkan\b|\bdicoret\b|\b(?:di)?gugur\w*|\bbatal\w*|"
    r"\bdiputus\w*|\bPHK\b|\bstatus\w*\s+(?:cpns|pppk)\w*\s+(?:hilang|dicabut|dibatalkan)", re.IGNORECASE)
_DISMISSED_RE = re.compile(r"\bdiberhentikan\b|\bpemutusan\s+hubungan\b", re.IGNORECASE)


def group_dismissal(question: str, shown: Sequence[Citation], chunks: Sequence[Chunk],
                    documents: dict[str, Document], lexicon: Lexicon | None, idf: dict[str, float]) -> Citation | None:
    """"masih CPNS … ikut kampanye pake kaos partai, bisa dipecat?": a group with its own dismissal grounds (CPNS,
    PP 11/2017 Pasal 37) is told the ground that fits what the answer found — a discipline level quoted leads to
    "c. terbukti melakukan pelanggaran disiplin tingkat sedang atau berat", a party to "f. … partai politik"."""
    from bot.lead import GROUP_NAMED, asked_group

    group = asked_group(question)
    named = GROUP_NAMED.get(group or "")
    if group not in ("CPNS", "PPPK") or named is None or not _DISMISSAL_ASK_RE.search(question):
        return None
    # the ground that fits: the question's words, and twice the words of the rules the answer quotes with their
    # regulation's title ("Disiplin Pegawai Negeri Sipil" → "c. … pelanggaran disiplin …"), never the words every
    # ground shares with the group's name ("diangkat menjadi PNS")
    own = set(tokenize("PNS CPNS calon pegawai negeri sipil PPPK"))
    asked = set(tokenize(question)) - own
    law = set(tokenize(" ".join(" ".join([*c.lead_in, c.quote, getattr(documents.get(c.chunk.doc_id), "judul", "")])
                                for c in shown))) - own
    best: tuple[float, Chunk, tuple[str, list[str], str]] | None = None
    for chunk in chunks:
        if chunk.part == "penjelasan" or not chunk.in_force or not chunk.citable or chunk.kind == "article" \
                or not named.search(chunk.text) or not _DISMISSED_RE.search(chunk.text):
            continue
        for path in _item_paths(chunk):
            if "huruf" not in path or "angka" in path:
                continue
            got = trim_quote(chunk, set(), ayat=path.get("ayat"), huruf=path["huruf"])
            opening = " ".join(got[1])
            if not got[0] or not named.search(opening) or not _DISMISSED_RE.search(opening):
                continue  # a ground listed under "calon PNS diberhentikan apabila:", not any list of the pasal
            score = _overlap(asked, got[0], idf) + 2 * _overlap(law, got[0], idf)
            if score > 0 and (best is None or score > best[0]):
                best = (score, chunk, got)
    if best is None or any((c.chunk.doc_id, c.chunk.pasal) == (best[1].doc_id, best[1].pasal) for c in shown):
        return None
    cited = make_citation(0, best[1], *best[2], 0.0, documents, lexicon)
    cited.group_rule = True
    return cited


def _overlap(stems: set[str], text: str, idf: dict[str, float]) -> float:
    return sum(idf.get(t, 1.0) for t in stems & set(tokenize(text)))


_ROLE_RE = re.compile(
    r"(?<!calon )(?<!paslon )(?<!nyalon )(?<!mencalonkan diri sebagai )(?<!maju )"
    r"\b(kepala desa|kades|kepala kampung|kepala kampong|wali nagari|kepala nagari|geuchik|"
    r"keuchik|kepala lembang|perbekel|pambakal|kuwu|lurah|perangkat desa|aparat desa|aparat kampung|perangkat kampung|"
    r"sekdes|sekretaris desa|kaur|kadus|kepala dusun|"
    r"camat|bupati|wali ?kota|gubernur|petahana|"
    r"penjabat|pejabat negara|pejabat daerah|pejabat aparatur sipil negara|aparatur sipil negara|pns|asn|tni|polri|"
    r"anggota partai politik|tim kampanye|relawan|pelaksana kampanye)\b", re.IGNORECASE)
# "Kepala Desa atau sebutan lain" (UU 10/2016 Pasal 70, 71): the village head by his regional titles
_ROLE_SAME = {"kades": "kepala desa", "kepala kampung": "kepala desa", "kepala kampong": "kepala desa",
              "wali nagari": "kepala desa", "kepala nagari": "kepala desa", "geuchik": "kepala desa",
              "keuchik": "kepala desa", "kepala lembang": "kepala desa", "perbekel": "kepala desa",
              "pambakal": "kepala desa", "kuwu": "kepala desa", "aparat desa": "perangkat desa",
              "aparat kampung": "perangkat desa", "perangkat kampung": "perangkat desa",
              "sekdes": "perangkat desa", "sekretaris desa": "perangkat desa", "kaur": "perangkat desa",
              "kadus": "perangkat desa", "kepala dusun": "perangkat desa",
              "walikota": "wali kota", "aparatur sipil negara": "asn", "pejabat aparatur sipil negara": "asn"}


def _roles(text: str) -> set[str]:
    """Who a text speaks of ("kepala desa", "bupati" …); a candidate ("calon bupati") is not an actor."""
    return {_ROLE_SAME.get(m.group(1).lower(), m.group(1).lower()) for m in _ROLE_RE.finditer(text)}


def _actor_item(first: Citation, retrieval: Retrieval, documents: dict[str, Document],
                lexicon: Lexicon | None, named_anywhere: bool = False) -> Citation | None:
    """"Kepala desa … apa ancaman pidananya?" and the first citation is an ayat about someone else
    (the incumbent's sanction, Pasal 71 ayat (5)): the ayat of the same pasal that prohibits what the
    actor the user names did (Pasal 71 ayat (1) names the Kepala Desa), or None. `named_anywhere`: for
    "boleh?" the prohibition may name the actor as its object too ("Sa kepala kampung … boleh kasih izin?":
    not Pasal 70 ayat (2), where governors and regents may campaign with leave, but ayat (1): "pasangan calon
    dilarang melibatkan: … c. Kepala Desa atau sebutan lain")."""
    from bot.lead import forbidden

    actors = _roles(retrieval.query.original)
    subject = re.split(r"\b(?:dilarang|dapat|wajib|harus|dikenai|melanggar|dipidana)\b", first.quote, maxsplit=1)[0]
    if not actors or _roles(subject) & actors or first.chunk.kind == "article" or not first.chunk.pasal:
        return None
    hit = next((h for h in retrieval.hits if (h.best.doc_id, h.best.pasal) == (first.chunk.doc_id, first.chunk.pasal)),
               None)
    for other in hit.body if hit is not None else []:
        paths = [p for p in _item_paths(other) if set(p) == {"ayat"}]
        for path in paths or ([{"ayat": other.ayat}] if other.ayat else []):
            got = trim_quote(other, set(), ayat=path["ayat"] if paths else None, whole=not paths)
            if not got[0] or got[0] == first.quote:
                continue
            cited = make_citation(0, other, *got, first.score, documents, lexicon)
            found = forbidden(cited)
            if found is not None and _roles(got[0] if named_anywhere else found[0]) & actors:
                return cited
    return None


_STATES_SANCTION_RE = re.compile(r"\b(sanksi|dikenai|dikenakan|diberhentikan|dijatuhi|pembatalan|dipidana)\b",
                                 re.IGNORECASE)


_NAMES_DISCIPLINE_RE = re.compile(r"\b(?:hukdis|disiplin|hukuman\s+disiplin)\b", re.IGNORECASE)


def _prohibition_for_sanction(ranked: list[Citation], retrieval: Retrieval, idf: dict[str, float],
                              chunks: Sequence[Chunk], documents: dict[str, Document],
                              lexicon: Lexicon | None) -> tuple[list[Citation], Citation | None]:
    """"Sanksinya apa?": the prohibition among the top citations that matches the question's act
    best, with the sanction item that refers back to it. A sanction item that ranks first but names
    another act ("… dengan menggunakan atribut partai") gives way to the act the user described."""
    from bot.lead import criminal, forbidden, level_of, topic_stems

    if criminal(ranked[0]) and asks_criminal(retrieval.query.original):
        # "kena disiplin aja atau bisa pidana juga?": the penalty clause answers, with the prohibition it names
        # ("… melanggar ketentuan sebagaimana dimaksud dalam Pasal 71" → UU 10/2016 Pasal 71), not a PP 94 item
        # ("… Pasal 71 ayat (2) atau Pasal 162 ayat (3)": the one retrieval also ranked, in the item it found)
        named = [c for c in cross_references(ranked[:1], chunks, documents, lexicon) if forbidden(c) is not None]
        refs = {(str(r.get("doc_id")), str(r.get("pasal"))) for r in ranked[0].chunk.references}
        ranked_too = next((r for r in ranked[1:4] if {(r.chunk.doc_id, r.chunk.pasal),
                                                      (r.chunk.base_doc, r.chunk.base_pasal)} & refs), None)
        first = ranked_too or next(iter(named), None)
        return ([first, *[c for c in ranked[1:] if c is not first]], ranked[0]) if first is not None else (ranked, None)
    # the question as the ranking read it: "kades" is also "Kepala Desa", "nyaleg" also "calon anggota"
    stems = set(tokenize(retrieval.query.expanded))
    top = ranked[0].score
    best: tuple[float, int, Citation] | None = None
    linked: dict[int, Citation] = {}  # a rule (not worded "dilarang") that a criminal provision names
    for i, c in enumerate(ranked[:3]):
        if top > 0 and c.score < SECOND_CITATION_MIN * top:
            continue
        if forbidden(c) is None and not level_of(c) and not criminal(c) and c.chunk.referenced_by \
                and not _STATES_SANCTION_RE.search(c.quote) \
                and (threat := find_criminal(c, chunks, documents, lexicon, retrieval.query.original)) is not None:
            linked[i] = threat  # "Bupati yang akan melakukan penggantian pejabat … harus …" → Pasal 190
        if forbidden(c) is not None or i in linked:
            score = _overlap(stems, c.quote, idf)
        elif level_of(c):
            score = _overlap(stems, re.sub(r"sebagaimana dimaksud.*$", "", c.quote, flags=re.S), idf)
        elif criminal(c):
            # a criminal provision is about the act it describes before "dipidana"
            score = _overlap(stems, re.split(r"\bdipidana\b", c.quote, maxsplit=1)[0], idf)
        else:
            continue
        score *= c.score / top if top > 0 else 1.0  # the words shared, weighed by how well the pasal ranked
        if best is None or score > best[0]:
            best = (score, i, c)
    if best is None or (forbidden(best[2]) is None and best[1] not in linked):
        return ranked, None
    if best[1] > 0 and len(topic_stems(retrieval.query.original) & set(tokenize(best[2].quote))) < 2:
        # a prohibition ranked below the first leads only when it names what the user describes (two
        # of the question's own subject words), never a level for an act nobody asked about
        return ranked, None
    if best[1] > 0 and forbidden(ranked[0]) is None and not level_of(ranked[0]) and not criminal(ranked[0]) \
            and re.search(r"hukuman|sanksi|dijatuhi|diberhentikan|pidana", ranked[0].quote, re.IGNORECASE):
        # the first-ranked pasal speaks of the sanction in its own terms (a repeat offence, a
        # dismissal): it answers; a prohibition ranked lower does not push it down
        return ranked, None
    sanction = linked.get(best[1]) or find_sanction(best[2], chunks, documents, lexicon) \
        or find_criminal(best[2], chunks, documents, lexicon, retrieval.query.original)
    if sanction is None:
        return ranked, None
    return [best[2], *[c for c in ranked if c is not best[2]]], sanction


def select_shown(ranked: list[Citation], sanction: Citation | None = None,
                 kind: Kind = Kind.OTHER) -> list[Citation]:
    """What the chat answer quotes: the answering item, and the one that completes it — the
    sanction level of a prohibition (for sanction questions the level first) — or, when retrieval
    ranks a second pasal about as high as the first, that pasal too (the user sees both rather
    than a guess). The other ranked citations are named under "Lihat juga"."""
    first = ranked[0]
    if sanction is not None:
        return [sanction, first] if kind is Kind.SANCTION else [first, sanction]
    second = next((c for c in ranked[1:2] if _close_second(first, c)), None)
    return [first, second] if second is not None else [first]


def _close_second(first: Citation, c: Citation) -> bool:
    """Another pasal in force, scored within CLOSE_SECOND of the first (not a lookup's echo)."""
    same = (c.chunk.doc_id, c.chunk.pasal) == (first.chunk.doc_id, first.chunk.pasal)
    # a named pasal (score 1.0) is shown alone, unless it is repealed and this is the rule in force now
    named = first.score >= 1.0 and first.chunk.in_force
    return (not same and first.score > 0 and not named and c.score >= CLOSE_SECOND * first.score
            and "article" not in (c.chunk.kind, first.chunk.kind) and (c.chunk.in_force or not first.chunk.in_force))


def kept_in_force(doc_ids: Sequence[str], chunks: Sequence[Chunk], documents: dict[str, Document]) -> list[str]:
    """"PP 53/2010 Pasal 7 ayat (3), yang tetap berlaku berdasarkan PP 94/2021 Pasal 42": the provisions
    of these repealed regulations that a saving clause keeps in force (from the consolidated law)."""
    out: list[str] = []
    for chunk in chunks:
        doc = documents.get(chunk.doc_id)
        keeper = chunk.kept_in_force_by
        if chunk.doc_id not in doc_ids or doc is None or doc.in_force or not keeper or chunk.part == "penjelasan":
            continue
        ayat = keeper.get("target_ayat")
        item = f"{short_name(chunk.doc_id, documents)} Pasal {chunk.pasal}" + (f" ayat ({ayat})" if ayat else "")
        by = f"{short_name(str(keeper.get('doc_id')), documents)} Pasal {keeper.get('pasal')}"
        line = M.KEPT_IN_FORCE_ITEM.format(item=item, by=by)
        if line not in out:
            out.append(line)
    return out


SEE_ALSO_MAX = 3


SEE_ALSO_GIST = 100  # each "Lihat juga" entry shows the opening of its text, up to a clause near this


def see_also(more: Sequence[Citation], cited: Sequence[Citation] = ()) -> list[str]:
    """["PP 94/2021 Pasal 35 ayat (2): PNS yang pernah dijatuhi Hukuman Disiplin, kemudian …", …]: the next
    ranked pasal of the regulation(s) the answer quotes, each with the opening of its text — the
    neighbours a helpdesk officer checks, often the one about the other part of the question ([] when
    none). Passages of other acts ranked there are mostly word matches, and are left to the Teks
    lengkap button."""
    from bot.lead import gist, words

    docs = {c.chunk.doc_id for c in cited if c.chunk.kind != "article"}
    entries = []
    for c in [c for c in more if c.chunk.doc_id in docs or c.cross_reference][:SEE_ALSO_MAX]:
        label = c.chunk.judul if c.chunk.kind == "article" else re.sub(
            r"\s*\(perubahan atas [^)]*\)", "", c.display_label)
        if c.chunk.kind != "article" and not c.chunk.in_force:
            label += f" ({c.status_text})"
        text = gist(words(c.shown_quote), SEE_ALSO_GIST)
        entries.append(f"{label}: {text}" if text else label)
    return entries


def _asks_permission_first(question: str) -> bool:
    """The first of several asks is "boleh?" ("boleh gak …? kalau ketahuan sanksinya apa?")."""
    asks = question_asks(question)
    return len(asks) > 1 and question_kind(asks[0]) is Kind.PERMISSION


def render(question: str, retrieval: Retrieval, citations: list[Citation],
           documents: dict[str, Document], lead: str | None = None, kind: Kind | None = None,
           sanction: Citation | None = None, more: Sequence[Citation] = (), kept: Sequence[str] = ()) -> Answer:
    """The plain-text answer: lead, the quoted items, "Lihat juga", Dasar hukum, disclaimer once."""
    from bot.lead import lead_for

    kind = kind or question_kind(question)
    kinds = [c for c in citations if c.level_kinds]
    citations = [c for c in citations if not c.level_kinds]
    lead_text = lead or lead_for(kind, retrieval.query, [*citations, *more], documents, sanction=sanction, kept=kept)
    if lead is None and kind is Kind.SANCTION and citations and _asks_permission_first(question) \
            and lead_for(Kind.PERMISSION, retrieval.query, [*citations, *more], documents,
                         sanction=sanction).startswith(M.LEAD_NOT_ALLOWED):
        # "boleh ji kah? kalau ketahuan, sanksinya apa?": the first ask is answered first, then the sanction
        lead_text = f"{M.LEAD_NOT_ALLOWED}. {lead_text}"
    if lead is None:
        from bot.lead import also_answers, level_kinds

        lead_text += also_answers(lead_text, [c for c in citations if c.other_ask])
        said = level_kinds(lead_text, sanction, kinds)
        lead_text += said
        kinds = kinds if said else []
        if citations and citations[0].levels_note:
            lead_text += " " + citations[0].levels_note
        if citations and (old := citations[0].overrides) is not None:
            lead_text += " " + M.LEAD_KEPT_IF_NOT_CONTRARY.format(
                old=old.display_label, note=old.repealed_note,
                law=short_name(citations[0].chunk.doc_id, documents))
        if citations and citations[0].meanwhile is not None:
            from bot.lead import meanwhile_sentence

            lead_text += meanwhile_sentence(citations[0])
    citations = [*citations, *kinds]
    basis, reading = basis_lines(citations, documents)
    # a sibling ayat of the first pasal (the other part of a two-part question) is quoted as fully as the first
    first = (citations[0].chunk.doc_id, citations[0].chunk.pasal) if citations else None
    blocks = [lead_text, "\n\n".join(
        citation_block(c, with_penjelasan=len(citations) == 1,
                       primary=i == 0 or (c.chunk.doc_id, c.chunk.pasal) == first,
                       limit=LOOKUP_QUOTE if kind is Kind.LOOKUP and (i == 0 or c.whole_lookup) else PRIMARY_QUOTE)
        for i, c in enumerate(citations) if i == 0 or not shown_in_whole(c, citations[0]))]
    footer = []
    if entries := see_also(more, citations):  # ranked next: named with their opening words
        footer.append("\n".join([M.ANSWER_SEE_ALSO_TEXT, *(f"- {e}" for e in entries)]))
    if basis:
        footer.append(BASIS_HEADER + " " + "; ".join(basis))
    if reading:
        footer.append(M.ANSWER_READING_HEADER + " " + "; ".join(reading))
    disclaimer = M.ANSWER_DISCLAIMER_TEXT_PERSONNEL if asker_is_personnel_office(question) \
        else M.ANSWER_DISCLAIMER_TEXT_OUTSIDER if about_outsider(question) else DISCLAIMER_TEXT
    footer.append(disclaimer)
    blocks.append("\n".join(footer))
    return Answer(question=question, found=True, lead=lead_text, citations=citations, text="\n\n".join(blocks),
                  via_llm=lead is not None, reason=retrieval.reason, confidence=retrieval.confidence,
                  basis=basis, kind=kind.value, reading=reading, disclaimer=disclaimer)


def _formal_topic(answer: Answer) -> str:
    """The question restated in the law's words ("boleh tidaknya PNS memberikan dukungan … dengan
    cara ikut kampanye"), never the user's chat wording."""
    from bot.lead import body, forbidden

    kind = answer.kind if answer.kind in M.DRAFT_TOPIC else "other"
    first = answer.citations[0]
    values = {"label": first.display_label, "subject": "Pegawai ASN", "what": "hal tersebut", "group": "pegawai"}
    found = forbidden(first)
    if found and len(found[1]) <= 200:
        values.update(subject=found[0], what=found[1])
    elif kind == "obligation" and len(body(first)) <= 200:
        values["what"] = body(first)
    elif kind in ("permission", "obligation"):
        kind = "other"
    group = re.search(r"\b(PPPK|CPNS|PNS|ASN)\b", answer.question, re.IGNORECASE)
    if group:
        values["group"] = group.group(1).upper()
    return M.DRAFT_TOPIC[kind].format(**values)


def _draft_conclusion(answer: Answer) -> str:
    """"Dengan demikian, …": the verdict in whole formal sentences (the quotes above carry the text)."""
    from bot.lead import forbidden, level_of

    found = next((f for c in answer.citations if (f := forbidden(c))), None)
    level = next((lv for c in answer.citations if (lv := level_of(c))), None)
    if found and level:
        return M.DRAFT_CONCLUSION_FORBIDDEN_LEVEL.format(subject=found[0], level=level)
    if found:
        return M.DRAFT_CONCLUSION_FORBIDDEN.format(subject=found[0])
    if level:
        return M.DRAFT_CONCLUSION_LEVEL.format(level=level)
    return M.DRAFT_CONCLUSION_GENERAL


def draft_reply(answer: Answer) -> str:
    """A formal helpdesk reply built from the same citations as the answer."""
    if not answer.found or not answer.citations:
        return "\n\n".join([M.ANSWER_DRAFT_OPENING.format(topic=M.DRAFT_TOPIC["other"]),
                            M.ANSWER_DRAFT_NOT_FOUND, M.ANSWER_DRAFT_CLOSING])
    parts = [M.ANSWER_DRAFT_OPENING.format(topic=_formal_topic(answer))]
    body = [M.ANSWER_DRAFT_BASIS_INTRO]
    for c in answer.citations:
        note = f" ({c.repealed_note})" if c.repealed_note else ""
        prefix = " … ".join(c.lead_in_display) + " … " if c.lead_in_display else ""
        quote = re.sub(r"\s+", " ", prefix + c.shown_quote).strip()
        body.append(M.ANSWER_DRAFT_STATES.format(n=c.n, label=c.display_label, note=note, quote=quote))
    parts.append("\n".join(body))
    parts.append(_draft_conclusion(answer))
    basis, reading = basis_lines(answer.citations, {}, with_title=True)
    parts.append(BASIS_HEADER + "\n" + "\n".join(f"- {b}" for b in basis))
    if reading:
        parts.append(M.ANSWER_READING_HEADER + "\n" + "\n".join(f"- {b}" for b in reading))
    parts.append(M.ANSWER_DRAFT_CLOSING)
    return "\n\n".join(parts)
