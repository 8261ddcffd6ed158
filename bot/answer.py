"""Answers users see: a short lead, 1–3 numbered verbatim citations, Dasar hukum, a disclaimer.

Pure functions over retrieved chunks (no I/O), so they are easy to test and the Telegram layer,
the CLI and the evaluation all show exactly the same thing. Every quote is cut from the chunk's
own text (a contiguous slice), so it can always be found again in the source; the lead never
says more than the quoted rule does ("Tidak boleh" only when a quoted rule says *dilarang*).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from bot.messages import (
    ANSWER_BASIS_HEADER as BASIS_HEADER,
)
from bot.messages import (
    ANSWER_DISCLAIMER_TEXT as DISCLAIMER_TEXT,
)
from bot.messages import (
    ANSWER_DRAFT_CLOSING as DRAFT_CLOSING,
)
from bot.messages import (
    ANSWER_DRAFT_NOT_FOUND as DRAFT_NOT_FOUND,
)
from bot.messages import (
    ANSWER_DRAFT_OPENING as DRAFT_OPENING,
)
from bot.messages import (
    ANSWER_NOT_FOUND_LEAD as NOT_FOUND_LEAD,
)
from bot.messages import (
    ANSWER_NOT_FOUND_MISSING_PASAL as NOT_FOUND_MISSING_PASAL,
)
from bot.messages import (
    ANSWER_NOT_FOUND_SUGGEST as NOT_FOUND_SUGGEST,
)
from bot.messages import (
    ANSWER_NOT_FOUND_UNKNOWN_DOC as NOT_FOUND_UNKNOWN_DOC,
)
from bot.query import Query
from bot.retrieve import Hit, Retrieval, tokenize
from indexer.types import JENIS_LABEL, Chunk, Document

MAX_CITATIONS = 3
MAX_QUOTE_CHARS = 900  # a lookup of a long pasal is cut at an item boundary below this
MAX_LEAD_IN_CHARS = 220
SECOND_CITATION_MIN = 0.5  # a further citation must score at least this share of the first

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

    @property
    def display_label(self) -> str:
        return self.label or self.chunk.label


@dataclass
class Answer:
    question: str
    found: bool
    lead: str
    citations: list[Citation] = field(default_factory=list)
    text: str = ""  # the whole answer as plain text (CLI, logs); Telegram renders its own HTML
    latency_ms: float = 0.0
    via_llm: bool = False
    reason: str = "ok"
    confidence: float = 0.0
    basis: list[str] = field(default_factory=list)  # Dasar hukum lines
    disclaimer: str = DISCLAIMER_TEXT
    # Further ranked passages, not shown in the answer text; the JSON lists them after `citations`.
    more: list[Citation] = field(default_factory=list)

    def to_json(self, id: str | None = None) -> dict:
        """The stable CLI/evaluation contract (see README)."""
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


def _items(text: str) -> list[_Item]:
    """Split a chunk into its intro and ayat/huruf/angka items, each knowing its parents."""
    marks = [(m.start(), k.removeprefix("pj_").removeprefix("ocr_"), m.group(k)) for m in _ITEM_RE.finditer(text)
             for k in ("huruf", "angka", "ayat", "pj_huruf", "pj_angka", "pj_ayat", "ocr_ayat") if m.group(k)]
    items: list[_Item] = []
    first = marks[0][0] if marks else len(text)
    if text[:first].strip():
        items.append(_Item(0, first, "intro", ""))
    for j, (start, kind, mark) in enumerate(marks):
        end = marks[j + 1][0] if j + 1 < len(marks) else len(text)
        items.append(_Item(start, end, kind, mark))
    # parents: the nearest preceding item of a higher level (ayat > huruf > angka), and the intro
    stack: list[int] = []
    for idx, item in enumerate(items):
        if item.kind == "intro":
            stack = [idx]
            continue
        while stack and items[stack[-1]].kind != "intro" and _LEVEL[items[stack[-1]].kind] >= _LEVEL[item.kind]:
            stack.pop()
        item.parents = list(stack)
        stack.append(idx)
    return items


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


def trim_quote(
    chunk: Chunk,
    question_stems: set[str],
    idf: dict[str, float] | None = None,
    ayat: str | None = None,
    huruf: str | None = None,
    angka: str | None = None,
    whole: bool = False,
) -> tuple[str, list[str], str]:
    """(quote, lead-ins, label suffix): the item of the chunk that answers, verbatim.

    A named ayat/huruf/angka wins; otherwise the item sharing most (idf-weighted) stems with the
    question. `whole` keeps the full text (cut at an item boundary when very long).
    """
    text = chunk.text
    idf = idf or {}
    items = _items(text)
    if whole or len(items) <= 1:
        if len(text) <= MAX_QUOTE_CHARS or len(items) <= 1:
            s, e = _strip(text, 0, len(text) if len(text) <= MAX_QUOTE_CHARS * 2 else MAX_QUOTE_CHARS * 2)
            return text[s:e], [], ""
        cut = max((it.start for it in items if 0 < it.start <= MAX_QUOTE_CHARS), default=MAX_QUOTE_CHARS)
        s, e = _strip(text, 0, cut)
        return text[s:e], [], ""

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
        if best is None or best[0] <= 0:
            s, e = _strip(text, 0, min(len(text), MAX_QUOTE_CHARS))
            if e < len(text):
                cut = max((it.start for it in items if 0 < it.start <= MAX_QUOTE_CHARS), default=e)
                s, e = _strip(text, 0, cut)
            return text[s:e], [], ""
        chosen = best[2]

    # An item that opens a list ("… terdiri atas:") is quoted with its sub-items when short.
    end = chosen.end
    children = [it for it in items if items.index(chosen) in it.parents]
    if children and text[chosen.start:chosen.end].rstrip().endswith(":"):
        end = max(it.end for it in children)
        if end - chosen.start > MAX_QUOTE_CHARS:
            end = chosen.end
    s, e = _strip(text, chosen.start, end)
    quote = text[s:e]
    if len(quote) > MAX_QUOTE_CHARS:
        quote = quote[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0]
    lead_in = [_first_line(text, items[p].start, items[p].end) for p in chosen.parents]
    suffix = " ".join(
        f"ayat ({items[p].mark})" if items[p].kind == "ayat" else f"{items[p].kind} {items[p].mark}"
        for p in [*chosen.parents, items.index(chosen)] if items[p].kind != "intro"
    )
    return quote, [x for x in lead_in if x], suffix


def narrowed_label(chunk: Chunk, suffix: str) -> str:
    """"PP 94/2021 Pasal 5" + "huruf n angka 5" → "PP 94/2021 Pasal 5 huruf n angka 5" (no repeats)."""
    if not suffix:
        return chunk.label
    label = chunk.label
    parts = re.findall(r"(ayat \(\d+\)|huruf [a-z]|angka \d+)", suffix)
    for part in parts:
        kind = part.split()[0]
        if part in label:
            continue
        # the chunk's own range ("huruf a–m") gives way to the item quoted ("huruf n")
        label = re.sub(rf"\s{kind}\s\(?[\w]+\)?(?:[–-]\(?\w+\)?)?", "", label)
    tail = " ".join(p for p in parts if p not in label)
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


def repealed_note(chunk: Chunk, documents: dict[str, Document]) -> str | None:
    if chunk.in_force:
        return None
    if chunk.dicabut_oleh:
        return f"sudah dicabut oleh {short_name(chunk.dicabut_oleh, documents)}"
    return "sudah dicabut"


def _says_nothing(quote: str) -> bool:
    """"Cukup jelas." (or OCR's "Angka 7 Cukup") explains nothing worth showing."""
    rest = re.sub(r"^\W*((Ayat|Huruf|Angka|Pasal)\s+\(?\w{1,3}\)?\W*)*", "", quote.strip(), flags=re.IGNORECASE)
    return rest.lower().startswith("cukup") and len(rest) < 30


def _penjelasan_quote(hit: Hit, chunk: Chunk, stems: set[str], idf: dict[str, float],
                     suffix: str = "") -> tuple[Chunk | None, str]:
    """The Penjelasan entry of the quoted item, unless it only says "Cukup jelas"."""
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


def build_citations(retrieval: Retrieval, idf: dict[str, float] | None = None,
                    documents: dict[str, Document] | None = None,
                    max_citations: int = MAX_CITATIONS) -> list[Citation]:
    """The numbered citations for the top hits (direct references quote what was named)."""
    documents = documents or {}
    idf = idf or {}
    stems = set(tokenize(retrieval.query.expanded))
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
                huruf=ref.huruf, angka=ref.angka, whole=not named_item)
        else:
            quote, lead_in, suffix = trim_quote(chunk, stems, idf)
        if not quote:
            continue
        pj_chunk, pj_quote = (None, "")
        if chunk.part != "penjelasan":
            pj_chunk, pj_quote = _penjelasan_quote(hit, chunk, stems, idf, suffix)
        out.append(Citation(
            n=len(out) + 1, chunk=chunk, quote=quote, score=hit.score,
            repealed_note=repealed_note(chunk, documents), label=narrowed_label(chunk, suffix),
            lead_in=lead_in, penjelasan=pj_chunk, penjelasan_quote=pj_quote,
        ))
    return out


_ASKS_PERMISSION = re.compile(
    r"\b(boleh|bolehkah|dibolehkan|diperbolehkan|dilarang|bisa|dapat|ga(k)?|nggak|apakah|emang|salah|"
    r"melanggar|pelanggaran|netral|kena)\b", re.IGNORECASE)


_ASKS_DUTY = re.compile(r"\b(wajib|kewajiban|harus|perlu|mesti|mundur|resign|berhenti)\b", re.IGNORECASE)


def _clip(text: str, limit: int = 200) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _strip_marker(text: str) -> str:
    """The item's words without its "(2)", "(21", "a.", "1.", "Huruf f" or markdown "###" opening."""
    text = re.sub(r"^\s*#+\s*", "", text)
    text = re.sub(r"^\s*((Ayat|Huruf|Angka)\s+\(?\w{1,2}\)?\s+)+", "", text)
    text = re.sub(r"^\s*(\(\d+\)|\(\d[1l](?=\s)|[a-z]\.|\d+\.)\s*", "", text)
    return re.sub(r"^[\s.,;:]+", "", text).strip()


def lead_sentence(query: Query, citations: list[Citation]) -> str:
    """One line that answers only as far as the first quoted rule does."""
    first = citations[0]
    where = first.display_label
    if query.asks_status and re.search(r"dicabut dan dinyatakan tidak berlaku", first.quote, re.IGNORECASE):
        return f"Sudah tidak berlaku. Menurut {where}: {_clip(_strip_marker(first.quote), 220)}"
    note = f" ({first.repealed_note})" if first.repealed_note else ""
    intro = " ".join([*first.lead_in, first.quote])
    body = _strip_marker(first.quote)
    context = " ".join([first.chunk.context or "", *first.lead_in]).lower()
    asks = bool(_ASKS_PERMISSION.search(query.original))
    if asks and re.search(r"\bdilarang\b", body.lower()):
        return f"Tidak boleh. Menurut {where}{note}: {_clip(body, 220)}"
    if asks and re.search(r"\bdilarang\b", intro.lower() + " " + context):
        subject = re.search(r"\b(PNS|Pegawai ASN|ASN|Pegawai Negeri Sipil|pejabat[^,:]{0,60}?)\s+dilarang",
                            intro + " " + (first.chunk.context or ""))
        if subject:
            return f"Tidak boleh. Menurut {where}{note}, {subject.group(1)} dilarang {_clip(body, 180)}"
        return f"Tidak boleh. Menurut {where}{note}, yang dilarang termasuk: {_clip(body, 180)}"
    if re.search(r"\bwajib\b", intro.lower() + " " + context) and _ASKS_DUTY.search(query.original):
        return f"Ada kewajibannya. Menurut {where}{note}: {_clip(body, 200)}"
    if first.chunk.kind == "article":
        return f"Menurut artikel \u201c{first.chunk.judul}\u201d: {_clip(body, 200)}"
    return f"Ketentuan yang paling relevan adalah {where}{note}: {_clip(body, 200)}"


def basis_lines(citations: list[Citation], documents: dict[str, Document]) -> list[str]:
    """"PP 94/2021 tentang Disiplin Pegawai Negeri Sipil, Pasal 5, Pasal 14" per document."""
    order: list[str] = []
    pasals: dict[str, list[str]] = {}
    for c in citations:
        d = c.chunk.doc_id
        if d not in pasals:
            order.append(d)
            pasals[d] = []
        if c.chunk.pasal and f"Pasal {c.chunk.pasal}" not in pasals[d]:
            pasals[d].append(f"Pasal {c.chunk.pasal}")
    lines = []
    for d in order:
        c = next(x for x in citations if x.chunk.doc_id == d)
        if c.chunk.kind == "article":
            lines.append(f"Artikel: {c.chunk.judul}")
            continue
        name = short_name(d, documents, c.chunk)
        judul = documents[d].judul if d in documents else c.chunk.judul
        status = f" ({c.repealed_note})" if c.repealed_note else ""
        lines.append(f"{name} tentang {judul}" + (", " + ", ".join(pasals[d]) if pasals[d] else "") + status)
    return lines


def citation_block(c: Citation) -> str:
    status = c.repealed_note or ("berlaku" if c.chunk.kind != "article" else "artikel")
    lines = [f"{c.n}. {c.display_label} — {status}"]
    if c.lead_in:
        lines.append("   " + " … ".join(_clip(x, MAX_LEAD_IN_CHARS) for x in c.lead_in) + " …")
    lines.append(f"   \u201c{c.quote}\u201d")
    if c.penjelasan is not None and c.penjelasan_quote:
        lines.append(f"   Penjelasan: \u201c{_clip(c.penjelasan_quote, 400)}\u201d")
    return "\n".join(lines)


def not_found_answer(question: str, retrieval: Retrieval) -> Answer:
    q = retrieval.query
    parts = []
    if retrieval.reason == "unknown_document" and q.unknown_names:
        parts.append(NOT_FOUND_UNKNOWN_DOC.format(names=", ".join(q.unknown_names)))
    elif retrieval.reason == "missing_pasal" and q.references:
        r = q.references[0]
        parts.append(NOT_FOUND_MISSING_PASAL.format(reference=f"Pasal {r.pasal} {r.named}".strip()))
    else:
        parts.append(NOT_FOUND_LEAD)
    lead = " ".join(parts)
    text = "\n\n".join([lead, NOT_FOUND_SUGGEST, DISCLAIMER_TEXT])
    return Answer(question=question, found=False, lead=lead, citations=[], text=text,
                  reason=retrieval.reason, confidence=retrieval.confidence)


def compose(question: str, retrieval: Retrieval, idf: dict[str, float] | None = None,
            documents: dict[str, Document] | None = None, lead: str | None = None, top_k: int = 5) -> Answer:
    """The extractive answer (or, with `lead`, an already validated LLM lead over the same citations)."""
    documents = documents or {}
    if not retrieval.found or not retrieval.hits:
        return not_found_answer(question, retrieval)
    ranked = build_citations(retrieval, idf, documents, max_citations=max(top_k, 1))
    if not ranked:
        return not_found_answer(question, retrieval)
    shown = select_shown(ranked)
    answer = render(question, retrieval, shown, documents, lead)
    answer.more = ranked[len(shown):]
    return answer


def select_shown(ranked: list[Citation]) -> list[Citation]:
    """1–3 citations for the answer text: the best, and others close enough to it in score."""
    top = ranked[0].score
    shown = [ranked[0]]
    for c in ranked[1:MAX_CITATIONS]:
        if top > 0 and c.score < SECOND_CITATION_MIN * top:
            break
        shown.append(c)
    return shown


def render(question: str, retrieval: Retrieval, citations: list[Citation],
           documents: dict[str, Document], lead: str | None = None) -> Answer:
    lead_text = lead or lead_sentence(retrieval.query, citations)
    basis = basis_lines(citations, documents)
    text = "\n\n".join([
        lead_text,
        "\n".join(citation_block(c) for c in citations),
        BASIS_HEADER + "\n" + "\n".join(f"- {b}" for b in basis),
        DISCLAIMER_TEXT,
    ])
    return Answer(question=question, found=True, lead=lead_text, citations=citations, text=text,
                  via_llm=lead is not None, reason=retrieval.reason, confidence=retrieval.confidence,
                  basis=basis)


def draft_reply(answer: Answer) -> str:
    """A formal helpdesk reply built from the same citations as the answer."""
    q = _clip(answer.question, 300)
    parts = [DRAFT_OPENING.format(question=q)]
    if not answer.found:
        parts.append(DRAFT_NOT_FOUND)
        parts.append(DRAFT_CLOSING)
        return "\n\n".join(parts)
    body = ["Berdasarkan ketentuan peraturan perundang-undangan yang berlaku:"]
    for c in answer.citations:
        who = f"{c.display_label}" + (f" ({c.repealed_note})" if c.repealed_note else "")
        prefix = " … ".join(c.lead_in) + " … " if c.lead_in else ""
        body.append(f"{c.n}. {who} menyatakan: \u201c{prefix}{c.quote}\u201d")
    parts.append("\n".join(body))
    if answer.lead:
        parts.append("Dengan demikian, " + answer.lead[0].lower() + answer.lead[1:])
    parts.append(BASIS_HEADER + "\n" + "\n".join(f"- {b}" for b in answer.basis))
    parts.append(DRAFT_CLOSING)
    return "\n\n".join(parts)
