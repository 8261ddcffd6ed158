"""What every ASN can do: ask, read the full pasal and the sources, vote, and (helpdesk) draft a reply.

One small async handler per job; blocking retrieval runs in worker threads (handler_kit.run_blocking).
"""

from __future__ import annotations

import asyncio
import time

from telegram import InlineKeyboardMarkup, Update

from bot import messages as M
from bot import messages as N
from bot import render
from bot.answer import Answer
from bot.bot_data import BotData, Context, Prompt, Served
from bot.flood import typing_if_slow
from bot.handler_kit import (
    addressed_text,
    clean_question,
    journal,
    message_of,
    query_message,
    query_of,
    rate_limited_reply,
    run_blocking,
    send_html,
    user_of,
)

# ------------------------------------------------------------------------------ commands


async def start(update: Update, context: Context) -> None:
    """/start: who the bot is, the regulations it knows with their status, examples, disclaimer."""
    docs = await asyncio.to_thread(context.bot_data.assistant.documents)
    name = update.effective_user.first_name if update.effective_user else ""
    await send_html(message_of(update), render.render_start(name, docs))


async def help_command(update: Update, context: Context) -> None:
    """/help: how to ask and the commands (admins also see theirs)."""
    is_admin = bool(update.effective_user and update.effective_user.id in context.bot_data.admin_ids)
    await send_html(message_of(update), render.render_help(context.bot.username or "", is_admin))


async def sumber(update: Update, context: Context) -> None:
    """/sumber: every indexed document with its status and official link."""
    docs = await asyncio.to_thread(context.bot_data.assistant.documents)
    await send_html(message_of(update), render.render_sources(docs))


async def pasal(update: Update, context: Context) -> None:
    """/pasal PP 94/2021 5: the whole pasal with its Penjelasan."""
    bd, msg = context.bot_data, message_of(update)
    reference = clean_question(" ".join(context.args or []))
    if not reference:
        await send_html(msg, M.PASAL_USAGE)
        return
    chunks = await run_blocking(context, bd.assistant.pasal, reference[: bd.settings.max_question_chars])
    if not chunks:
        await send_html(msg, M.PASAL_NOT_FOUND.format(reference=render.esc(reference)))
        return
    docs = await asyncio.to_thread(bd.assistant.documents)
    await send_html(msg, render.render_pasal(chunks, docs, bd.assistant.history_line))


async def draf(update: Update, context: Context) -> None:
    """/draf <pertanyaan>: the formal helpdesk reply with Dasar hukum, ready to copy."""
    question_text = clean_question(" ".join(context.args or []))
    msg = message_of(update)
    if not question_text:
        await send_html(msg, M.DRAF_USAGE)
        return
    limit = context.bot_data.settings.max_question_chars
    if len(question_text) > limit:
        await send_html(msg, M.TOO_LONG.format(length=len(question_text), limit=limit))
        return
    if refusal := rate_limited_reply(context, user_of(update).id):
        await send_html(msg, refusal)
        return
    async with typing_if_slow(context.bot, msg.chat_id):
        text = await run_blocking(context, context.bot_data.assistant.draft, question_text)
    await send_html(msg, render.render_draft(text))


# ------------------------------------------------------------------------------ questions


async def question(update: Update, context: Context) -> None:
    """A plain-text question: the cited answer with its buttons, in one message ("typing…" if slow)."""
    raw = addressed_text(update, context)
    if raw is None:
        return
    bd, msg, user = context.bot_data, message_of(update), user_of(update)
    text = clean_question(raw)
    if not text:
        await send_html(msg, M.EMPTY_QUESTION)
        return
    if len(text) > bd.settings.max_question_chars:
        await send_html(msg, M.TOO_LONG.format(length=len(text), limit=bd.settings.max_question_chars))
        return
    key, norm = (msg.chat_id, user.id), text.casefold()
    if bd.asking.get(key) == norm:
        return  # sent twice while waiting (a double tap, an impatient resend): the first one is answered
    bd.asking[key] = norm
    try:
        await _answer_question(update, context, text)
    finally:
        if bd.asking.get(key) == norm:
            del bd.asking[key]


async def _answer_question(update: Update, context: Context, text: str) -> None:
    bd, msg, user = context.bot_data, message_of(update), user_of(update)
    if refusal := rate_limited_reply(context, user.id):
        await send_html(msg, refusal)
        return
    async with typing_if_slow(context.bot, msg.chat_id):
        try:
            answer = await answer_for(context, text)
        except TimeoutError:
            await send_html(msg, M.BUSY)
            return
        qid = await journal(context, "log_question", user.id, msg.chat_id, text, answer)
    qid = qid if isinstance(qid, int) else next(bd.local_ids)
    bd.remember(qid, Served(user.id, answer))
    # a greeting or thanks gets a friendly word: nothing to rate, no buttons
    markup = None if answer.reason == "smalltalk" else answer_keyboard(bd, user.id, qid, answer.found)
    await send_html(msg, render.render_answer(answer), markup)


async def answer_for(context: Context, text: str) -> Answer:
    """Assistant.ask in a worker thread, or the same question's recent answer (bot.answer_cache)."""
    bd = context.bot_data
    await asyncio.to_thread(bd.assistant.refresh)  # cheap: checks the index pointer every few seconds

    async def compute() -> Answer:
        return await run_blocking(context, bd.assistant.ask, text)

    return await bd.answers.get((text, bd.assistant.generation), compute, lambda: bd.assistant.generation)


def answer_keyboard(bd: BotData, user_id: int, qid: int, found: bool,
                    feedback_given: bool = False) -> InlineKeyboardMarkup:
    """The answer's buttons; "Buat draf jawaban" only for helpdesk staff (HELPDESK_IDS, admins)."""
    keyboard = render.answer_keyboard(qid, found, feedback_given=feedback_given)
    if user_id in bd.helpdesk_ids:
        return keyboard
    rows = [row for row in keyboard.inline_keyboard
            if not any(str(b.callback_data or "").startswith("draft:") for b in row)]
    return InlineKeyboardMarkup(rows)


async def non_text(update: Update, context: Context) -> None:
    """Stickers, photos, voice notes …: a short friendly reply asking for text."""
    await send_html(message_of(update), M.NON_TEXT.format(example=render.esc(M.EXAMPLE_QUESTIONS[0])))


async def unknown_command(update: Update, context: Context) -> None:
    """A command the bot does not know: point to /help."""
    await help_command(update, context)


# ------------------------------------------------------------------------------ answer buttons


def _qid(data: str) -> int | None:
    try:
        return int(data.split(":")[1])
    except (IndexError, ValueError):
        return None


async def served_answer(context: Context, data: str) -> tuple[int, Served | None]:
    """The answer a button belongs to: from memory, else rebuilt from the journal (after a restart or
    on another bot process) while it is younger than BUTTON_TTL_HOURS; None when expired or unknown."""
    bd = context.bot_data
    qid = _qid(data)
    if qid is None:
        return 0, None
    ttl_s = bd.settings.button_ttl_hours * 3600
    if (served := bd.served.get(qid)) is not None:
        return qid, (served if time.time() - served.asked_at <= ttl_s else None)
    asked = await journal(context, "asked", qid)
    if asked is None or asked.age_s > ttl_s:
        return qid, None
    answer = await answer_for(context, asked.question)  # same question, same index: the same answer
    served = Served(None, answer, user_hash=asked.user_hash, asked_at=time.time() - asked.age_s)
    bd.remember(qid, served)
    return qid, served


async def _served_or_expired(update: Update, context: Context) -> tuple[int, Served | None]:
    """The answer a button belongs to; None (and a "kedaluwarsa" alert) when it is no longer known."""
    query = query_of(update)
    qid, served = await served_answer(context, query.data or "")
    if served is None:
        await query.answer(M.EXPIRED, show_alert=True)
    return qid, served


async def full_text_button(update: Update, context: Context) -> None:
    """Teks lengkap: every cited pasal in full with its Penjelasan, as one reply to the answer
    (pasal that do not fit in one message are named as /pasal commands instead)."""
    query = query_of(update)
    _, served = await _served_or_expired(update, context)
    if served is None:
        return
    await query.answer()
    bd = context.bot_data
    docs = await asyncio.to_thread(bd.assistant.documents)
    names = {d.id: d.short_name for d in docs}
    shown: set[tuple[str, str | None]] = set()
    parts: list[str] = []
    rest: list[str] = []
    for c in served.answer.citations:
        key = (c.chunk.doc_id, c.chunk.pasal)
        if key in shown:
            continue
        shown.add(key)
        chunks = [c.chunk]
        if c.chunk.pasal:
            chunks = await run_blocking(context, bd.assistant.pasal_chunks, c.chunk.doc_id, c.chunk.pasal) or chunks
        command = f"<code>/pasal {render.esc(names.get(c.chunk.doc_id, c.chunk.doc_id))} " \
                  f"{render.esc(c.chunk.pasal or '')}</code>"
        body = [ch for ch in chunks if ch.part != "penjelasan"]
        # The whole pasal if it fits; else its body (the Penjelasan is one /pasal away); else only named.
        for candidate in (chunks, body):
            html = render.render_pasal(candidate, docs, bd.assistant.history_line)
            if candidate and _fits([*parts, html]):
                parts.append(html)
                if candidate is body and len(body) < len(chunks):
                    rest.append(command)
                break
        else:
            if c.chunk.pasal:
                rest.append(command)
            if not parts:  # one pasal longer than a message: sent whole, split at safe points
                parts.append(render.render_pasal(chunks, docs, bd.assistant.history_line))
    text = "\n\n".join(parts) + (N.FULL_TEXT_MORE.format(commands=", ".join(rest)) if rest else "")
    await send_html(query_message(update), text, reply=True)


def _fits(parts: list[str]) -> bool:
    return render.utf16_len("\n\n".join(parts)) <= render.MAX_MESSAGE - 400  # room for the /pasal line


async def sources_button(update: Update, context: Context) -> None:
    """Sumber: the cited documents, their status and official links."""
    query = query_of(update)
    _, served = await _served_or_expired(update, context)
    if served is None:
        return
    await query.answer()
    docs = await asyncio.to_thread(context.bot_data.assistant.documents)
    await send_html(query_message(update), render.render_answer_sources(served.answer, docs), reply=True)


async def draft_button(update: Update, context: Context) -> None:
    """Buat draf jawaban (helpdesk staff only): the formal reply for the question under this answer."""
    query, user = query_of(update), user_of(update)
    if user.id not in context.bot_data.helpdesk_ids:
        await query.answer(N.DRAF_HELPDESK_ONLY, show_alert=True)
        return
    _, served = await _served_or_expired(update, context)
    if served is None:
        return
    if refusal := rate_limited_reply(context, user.id):  # a draft is a retrieval too
        await query.answer(refusal, show_alert=True)
        return
    await query.answer()
    message = query_message(update)
    async with typing_if_slow(context.bot, message.chat_id):
        text = await run_blocking(context, context.bot_data.assistant.draft, served.answer.question)
    await send_html(message, render.render_draft(text), reply=True)


def _asked_by(context: Context, served: Served, user_id: int) -> bool:
    if served.user_id is not None:
        return served.user_id == user_id
    j = context.bot_data.journal
    return bool(j is not None and served.user_hash and j.hash_user(user_id) == served.user_hash)


async def feedback_button(update: Update, context: Context) -> None:
    """👍 / 👎: store it; after 👎 ask for a one-line reason (optional)."""
    query, user = query_of(update), user_of(update)
    value = (query.data or "").rsplit(":", 1)[-1]
    if value not in ("1", "-1"):
        await query.answer(M.UNKNOWN_BUTTON)
        return
    qid, served = await _served_or_expired(update, context)
    if served is None:
        return
    if not _asked_by(context, served, user.id):
        await query.answer(M.NOT_YOURS)
        return
    await journal(context, "log_feedback", qid, user.id, int(value), None)
    await query.answer(M.FEEDBACK_UP if value == "1" else M.FEEDBACK_DOWN)
    await query.edit_message_reply_markup(
        answer_keyboard(context.bot_data, user.id, qid, served.answer.found, feedback_given=True))
    if value == "-1":
        ask = await context.bot.send_message(query_message(update).chat_id, M.FEEDBACK_ASK_REASON,
                                             reply_markup=render.reason_prompt())
        context.bot_data.ask_later(ask, Prompt("reason", user.id, {"qid": qid}))


async def reason_reply(update: Update, context: Context, prompt: Prompt) -> None:
    """The one-line reason after 👎."""
    msg, user = message_of(update), user_of(update)
    reason = clean_question(msg.text or "")[:300] or None
    if reason:
        await journal(context, "set_feedback_reason", prompt.data["qid"], user.id, reason)
    await send_html(msg, M.FEEDBACK_REASON_THANKS)


async def noop_button(update: Update, context: Context) -> None:
    """The "thank you" button after feedback: nothing to do."""
    await query_of(update).answer(M.FEEDBACK_UP)


async def unknown_button(update: Update, context: Context) -> None:
    """Any other callback data (stale or forged)."""
    if update.callback_query is not None:
        await update.callback_query.answer(M.UNKNOWN_BUTTON)
