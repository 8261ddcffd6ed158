"""Telegram HTML for everything the bot shows: answers, pasal, sources, keyboards.

Every piece of user or document text goes through `esc()`; `split_html()` cuts long texts under
Telegram's 4096-character limit on paragraph boundaries and never inside a tag or an entity
(tags left open at a cut are closed and reopened in the next part). Pure functions, no I/O.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence

from telegram import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup

from bot import messages as M
from bot.answer import LOOKUP_QUOTE, Answer, referral, see_also
from indexer.types import Chunk, Document

MAX_MESSAGE = 4096  # Telegram counts UTF-16 code units
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>")
_SPACE_RE = re.compile(r"[ \t]+")


def esc(text: object) -> str:
    """Escape text for Telegram HTML (`<`, `>`, `&`, quotes)."""
    return html.escape(str(text), quote=True)


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (emoji outside the BMP count twice)."""
    return len(text.encode("utf-16-le")) // 2


# ---------------------------------------------------------------------------------------------
# Splitting


def _unsafe_positions(text: str) -> set[int]:
    """Positions where a cut would land inside a tag or an HTML entity."""
    unsafe: set[int] = set()
    for m in re.finditer(r"<[^>]*>|&[#a-zA-Z0-9]+;", text):
        unsafe.update(range(m.start() + 1, m.end()))
    return unsafe


def _open_tags(fragment: str) -> list[tuple[str, str]]:
    """Tags opened and not closed in `fragment`: [(name, full opening tag)], outermost first."""
    stack: list[tuple[str, str]] = []
    for m in _TAG_RE.finditer(fragment):
        closing, name = m.group(1), m.group(2).lower()
        if not closing:
            stack.append((name, m.group(0)))
        else:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i:]
                    break
    return stack


def _prefix_fitting(text: str, budget: int) -> int:
    """The largest code-point index whose prefix is at most `budget` UTF-16 units."""
    units = 0
    for i, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > budget:
            return i
    return len(text)


def _best_cut(text: str, budget: int) -> int:
    """Where to cut `text` so the head fits `budget`: a blank line, else a newline, else a space."""
    end = _prefix_fitting(text, budget)
    unsafe = _unsafe_positions(text)
    floor = end // 3  # don't make absurdly short parts just to find a nicer boundary
    for sep in ("\n\n", "\n", " "):
        pos = text.rfind(sep, 0, end)
        while pos > floor and pos in unsafe:
            pos = text.rfind(sep, 0, pos)
        if pos > floor:
            return pos
    cut = end
    while cut > 1 and cut in unsafe:
        cut -= 1
    return cut


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split Telegram HTML into parts of at most `limit` UTF-16 units, tags balanced in each part."""
    parts: list[str] = []
    rest = text.strip()
    while utf16_len(rest) > limit:
        reopen_budget = 200  # room for closing tags at the end of this part
        cut = _best_cut(rest, limit - reopen_budget)
        head, rest = rest[:cut], rest[cut:]
        tags = _open_tags(head)
        head = head.rstrip() + "".join(f"</{name}>" for name, _ in reversed(tags))
        rest = "".join(tag for _, tag in tags) + rest.lstrip()
        if _TAG_RE.sub("", head).strip():
            parts.append(head)
    if _TAG_RE.sub("", rest).strip():
        parts.append(rest)
    return parts


# ---------------------------------------------------------------------------------------------
# Documents and status


def chunk_document(chunk: Chunk) -> Document:
    """The Document a chunk belongs to, rebuilt from the metadata the chunk carries."""
    # a document is repealed or not; a pasal may also be amended or deleted (its chunk's status)
    return Document(id=chunk.doc_id, kind=chunk.kind, judul=chunk.judul, jenis=chunk.jenis,
                    nomor=chunk.nomor, tahun=chunk.tahun,
                    status="dicabut" if chunk.status == "dicabut" else "berlaku",
                    dicabut_oleh=chunk.dicabut_oleh)


def _name_of(doc_id: str | None, docs: Sequence[Document] = ()) -> str:
    for d in docs:
        if d.id == doc_id:
            return d.short_name
    return doc_id or ""


def status_label(doc: Document, docs: Sequence[Document] = ()) -> str:
    if doc.in_force:
        return M.STATUS_IN_FORCE
    if doc.dicabut_oleh:
        return M.STATUS_REPEALED_BY.format(by=esc(_name_of(doc.dicabut_oleh, docs)))
    return M.STATUS_REPEALED


def _doc_line(doc: Document, docs: Sequence[Document] = (), link: bool = False) -> str:
    if doc.kind == "article":
        line = f"• {esc(doc.judul)}"
    else:
        line = f"• <b>{esc(doc.short_name)}</b> – {esc(doc.judul)} ({status_label(doc, docs)})"
    if link and doc.source_url and doc.source_url.startswith(("http://", "https://")):
        line += f' – <a href="{esc(doc.source_url)}">{M.OFFICIAL_LINK}</a>'
    return line


def render_document_list(docs: Sequence[Document], *, articles: bool = True, link: bool = False) -> str:
    regs = [d for d in docs if d.kind != "article"]
    regs.sort(key=lambda d: (not d.in_force, -(d.tahun or 0), d.short_name))
    lines = [_doc_line(d, docs, link) for d in regs]
    arts = [d for d in docs if d.kind == "article"]
    if articles and arts:
        lines += ["", M.ARTICLES_HEADER, *(_doc_line(d, docs, link) for d in arts)]
    return "\n".join(lines)


def render_start(first_name: str, docs: Sequence[Document]) -> str:
    examples = "\n".join(f"• <i>{esc(q)}</i>" for q in M.EXAMPLE_QUESTIONS)
    return M.START.format(name=esc(first_name or "Sahabat ASN"),
                          documents=render_document_list(docs, articles=False) or M.STATS_NONE,
                          examples=examples, disclaimer=M.DISCLAIMER)


def render_help(bot_username: str, is_admin: bool) -> str:
    return M.HELP.format(username=esc(bot_username)) + (M.HELP_ADMIN if is_admin else "")


def render_sources(docs: Sequence[Document]) -> str:
    """/sumber: every indexed document with its status and official link."""
    return f"{M.SOURCES_HEADER}\n{M.REGULATIONS_HEADER}\n" + render_document_list(docs, link=True)


def render_answer_sources(answer: Answer, docs: Sequence[Document]) -> str:
    """The Sumber button: the documents this answer cites."""
    by_id = {d.id: d for d in docs}
    seen: list[Document] = []
    cited = [*answer.citations, *(getattr(answer, "more", None) or [])]
    for c in cited:
        doc = by_id.get(c.chunk.doc_id) or chunk_document(c.chunk)
        if doc not in seen:
            seen.append(doc)
    lines = [_doc_line(d, docs, link=True) for d in seen]
    labels = [getattr(c, "display_label", "") or c.chunk.label for c in cited]
    return M.SOURCES_OF_ANSWER + "\n" + "\n".join(lines) + "\n\n" + M.CITED_ITEMS + "\n" + \
        "\n".join(f"[{i}] {esc(label)}" for i, label in enumerate(labels, 1))


# ---------------------------------------------------------------------------------------------
# Answers, pasal, drafts


def _quote(text: str) -> str:
    return esc(_SPACE_RE.sub(" ", text.strip()))


_REFERENCE_TAIL_RE = re.compile(r"\bsebagaimana\s+dimaksud\s+(?:dalam|pada)\s+Pasal\b[^;:]*")


def _repeats(quote: str, first: str) -> bool:
    """Most of a follow-up quote's words are already in the first quote (a sanction item restates
    the prohibition it punishes)."""
    words = set(re.findall(r"\w{3,}", quote.lower()))
    return bool(words) and len(words & set(re.findall(r"\w{3,}", first.lower()))) >= 0.6 * len(words)


def _citation_html(c, primary: bool, first_quote: str = "", limit: int | None = None) -> list[str]:
    """[n] label (status), then the readable quote; a follow-up citation (the sanction level …)
    is one short quote ending at a clause, its full text behind the Teks lengkap button. A follow-up
    that restates the first quote shows only its own opening and the reference back to it."""
    label = getattr(c, "display_label", "") or c.chunk.label
    whole = getattr(c, "whole_display", "") if primary else ""
    if whole:  # a short pasal is shown whole, under the pasal's own label
        from bot.answer import pasal_only

        label = pasal_only(label)
    status = getattr(c, "status_text", "") or ("berlaku" if c.chunk.in_force else "dicabut")
    lines = [f"<b>[{c.n}] {esc(label)}</b> · {esc(status)}"]
    if c.repealed_note:
        lines.append(f"<i>{M.ANSWER_REPEALED.format(note=esc(c.repealed_note))}</i>")
    lead_in = [t for t in (getattr(c, "lead_in_display", None) or getattr(c, "lead_in", None) or []) if t.strip()]
    quote = getattr(c, "shown_quote", "") or c.quote
    if not primary:
        from bot.lead import gist

        opening = re.sub(r"(?:\s*…)+", " …", " … ".join(lead_in))
        tail = _REFERENCE_TAIL_RE.search(quote)
        if opening and first_quote and _repeats(quote, first_quote):
            shown = opening + " … " + (tail.group(0).strip() if tail else gist(quote, 70))
        else:
            shown = (opening + " … " if opening else "") + gist(quote, 160)
        lines.append("<blockquote>" + _quote(shown.strip()) + "</blockquote>")
        return lines
    from bot.answer import PRIMARY_QUOTE, shown_quote

    if whole:
        lead_in, quote = [], whole
    else:
        quote = shown_quote(c, limit or PRIMARY_QUOTE) if hasattr(c, "shown_quote") else quote
    lines.append("<blockquote>" + "\n".join([*(_quote(t) for t in lead_in), _quote(quote)]) + "</blockquote>")
    pj = (getattr(c, "penjelasan_display", "") or getattr(c, "penjelasan_quote", "") or "").strip()
    if pj:
        lines.append(f"<i>{M.PENJELASAN_INLINE}</i> {_quote(pj[:400])}")
    return lines


def render_answer(answer: Answer) -> str:
    """The cited answer for a phone: lead, the item that answers (and its follow-up), the other
    citations by label only (their text behind the buttons), Dasar hukum, the disclaimer once."""
    if getattr(answer, "reason", "") == "smalltalk":
        return esc(answer.lead.strip())
    out = [M.ANSWER_HEADER, esc(answer.lead.strip())]
    if not answer.found or not answer.citations:
        out += ["", esc(referral(answer.question)), "", M.NOT_FOUND_HINT]
        return "\n".join(out)
    first = answer.citations[0]
    first_quote = getattr(first, "shown_quote", "") or first.quote
    from bot.answer import shown_in_whole

    for i, c in enumerate(answer.citations):
        if i > 0 and shown_in_whole(c, first):
            continue  # its text is in the whole pasal above
        # a lookup ("Pasal 5 isinya apa?") shows the text asked for, not a clause of it
        part = i == 0 or getattr(c, "whole_lookup", False)  # the chunks of a pasal asked for whole: all in full
        limit = LOOKUP_QUOTE if part and getattr(answer, "kind", "") == "lookup" else None
        out += ["", *_citation_html(c, primary=part, first_quote=first_quote, limit=limit)]
    basis = [b for b in getattr(answer, "basis", None) or [] if b.strip()]
    if not basis:
        seen: list[str] = []
        for c in answer.citations:
            doc = chunk_document(c.chunk)
            if doc.kind != "article" and doc.short_name not in seen:
                seen.append(doc.short_name)
        basis = seen
    if entries := see_also(getattr(answer, "more", None) or [], answer.citations):
        out += ["", M.ANSWER_SEE_ALSO, *(f"• {esc(e)}" for e in entries)]  # whole text behind "Teks lengkap"
    out += ["", M.ANSWER_BASIS, *(f"• {esc(b.strip().lstrip('-•').strip())}" for b in basis)]
    reading = [r for r in getattr(answer, "reading", None) or [] if r.strip()]
    if reading:
        out += [M.ANSWER_READING, *(f"• {esc(r)}" for r in reading)]
    disclaimer = getattr(answer, "disclaimer", "") or M.DISCLAIMER
    out += ["", f"<i>{esc(disclaimer)}</i>"]
    return "\n".join(out)


def answer_markup(qid: int, answer: Answer, feedback_given: bool = False) -> InlineKeyboardMarkup | None:
    """The buttons under an answer; none under a reply to a greeting or thanks (nothing to rate)."""
    if getattr(answer, "reason", "") == "smalltalk":
        return None
    return answer_keyboard(qid, answer.found, feedback_given)


def render_pasal(chunks: Sequence[Chunk], docs: Sequence[Document] = (),
                 history: Callable[[str, str], str] | None = None) -> str:
    """A whole pasal: body (ayat by ayat), then its Penjelasan. Several versions (the wording in
    force first, then an older one) each get their own title and one-line history
    ("diubah terakhir oleh UU 10/2016") from `history(doc_id, pasal)`."""
    if not chunks:
        return ""
    groups: dict[tuple[str, str | None], list[Chunk]] = {}
    for c in chunks:
        groups.setdefault((c.doc_id, c.pasal), []).append(c)
    by_id = {d.id: d for d in docs}
    out: list[str] = []
    for (doc_id, pasal), group in groups.items():
        first = group[0]
        doc = by_id.get(doc_id, chunk_document(first))
        title = f"{doc.short_name} Pasal {pasal}" if pasal else first.label
        status = status_label(doc, docs)
        line = history(doc_id, pasal) if history and pasal else ""
        if out:
            out.append("")
        out.append(f"<b>{esc(title)}</b> – {esc(doc.judul)} ({status})")
        if line:
            out.append(f"<i>{esc(line)}</i>")
        body = [c for c in group if c.part != "penjelasan"]
        expl = [c for c in group if c.part == "penjelasan"]
        seen: set[str] = set()
        for c in body:
            if c.text not in seen:
                seen.add(c.text)
                out.append(esc(c.text.strip()))
        if expl:
            out += ["", M.PENJELASAN]
            out += [esc(c.text.strip()) for c in expl]
    return "\n\n".join(out)


def render_draft(draft: str) -> str:
    return f"{M.DRAFT_HEADER}\n\n<pre>{esc(draft.strip())}</pre>"


def render_stats(stats: object, days: int) -> str:
    """/stats from the journal's Stats object (read by attribute, tolerant of missing fields)."""
    def get(name: str, default: object = 0) -> object:
        return getattr(stats, name, default) if not isinstance(stats, dict) else stats.get(name, default)

    def rows(name: str) -> Iterable[object]:
        value = get(name, [])
        return value if value and isinstance(value, Iterable) else []

    per_day_rows = rows("per_day")
    per_day = []
    for row in per_day_rows:
        day, count = (row if isinstance(row, tuple | list) else (getattr(row, "day", "?"), getattr(row, "count", 0)))
        per_day.append(f"{esc(day)}: {esc(count)}")
    top = rows("top_unanswered")
    top_lines = []
    for row in top:
        text, count = row if isinstance(row, tuple | list) else (str(row), 1)
        top_lines.append(f"• {esc(str(text)[:120])} ({esc(count)}×)")
    return M.STATS.format(days=days, questions=get("questions"), unanswered=get("unanswered"),
                          up=get("thumbs_up"), down=get("thumbs_down"),
                          per_day="\n".join(per_day) or M.STATS_NONE,
                          top_unanswered="\n".join(top_lines) or M.STATS_NONE)


# ---------------------------------------------------------------------------------------------
# Keyboards


def answer_keyboard(qid: int, found: bool, feedback_given: bool = False) -> InlineKeyboardMarkup:
    """Buttons under an answer. Callback data: `<action>:<question id>[:<value>]` (< 64 bytes)."""
    rows: list[list[InlineKeyboardButton]] = []
    if found:
        rows.append([InlineKeyboardButton(M.BTN_FULL, callback_data=f"full:{qid}"),
                     InlineKeyboardButton(M.BTN_SOURCES, callback_data=f"src:{qid}")])
    if feedback_given:
        rows.append([InlineKeyboardButton(M.BTN_FEEDBACK_DONE, callback_data=f"noop:{qid}")])
    else:
        rows.append([InlineKeyboardButton(M.BTN_UP, callback_data=f"fb:{qid}:1"),
                     InlineKeyboardButton(M.BTN_DOWN, callback_data=f"fb:{qid}:-1")])
    if found:
        rows.append([InlineKeyboardButton(M.BTN_DRAFT, callback_data=f"draft:{qid}")])
    return InlineKeyboardMarkup(rows)


def reason_prompt() -> ForceReply:
    return ForceReply(selective=True, input_field_placeholder="Alasan singkat…")


def status_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(M.BTN_REINDEX, callback_data="adm:reindex")]])


def upload_cancel_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(M.BTN_CANCEL, callback_data="adm:cancel")]])
