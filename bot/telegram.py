"""The Telegram bot: python-telegram-bot 22, one small async handler per job.

ASN ask in plain text (private chats; in groups when mentioned or replied to) and get the cited
answer with buttons (Teks lengkap, Sumber, 👍/👎, Buat draf jawaban). Helpdesk staff use /draf.
Admins (ADMIN_IDS) upload PDFs, /reindex, /status, /stats and /cabut; every admin handler and
admin callback checks the allowlist, because callback data can be forged.

The blocking `Assistant.ask` runs in a worker thread behind a global cap, so one slow question
never blocks other users; a per-user limit answers politely instead of queueing forever.
`main(settings)` wires the handlers and runs polling (or a webhook when WEBHOOK_URL is set).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import hashlib
import itertools
import logging
import os
import re
import tempfile
import time
import traceback
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from telegram import BotCommand, Message, Update
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot import messages as M
from bot import render
from bot.answer import Answer
from bot.config import BotSettings
from bot.ratelimit import RetrievalGate, UserRateLimiter
from indexer.catalog import make_id
from indexer.types import JENIS_LABEL, Document

log = logging.getLogger(__name__)

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]
_INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
_SPACES_RE = re.compile(r"\s+")
MAX_REMEMBERED = 5000  # answers kept in memory for their buttons
ANSWER_CACHE_SIZE = 2000  # identical questions (election-day FAQs) are answered from memory …
ANSWER_CACHE_TTL_S = 600.0  # … for ten minutes, and only from the same index generation
PROGRESS_EVERY_S = 1.0


# ------------------------------------------------------------------------------ state


@dataclass
class Served:
    """An answer we sent, kept so its buttons can show the pasal, sources or a draft."""

    user_id: int
    answer: Answer


@dataclass
class Prompt:
    """A ForceReply question the bot asked (a 👎 reason, an upload's description)."""

    kind: str  # "reason" | "upload"
    user_id: int
    data: dict[str, Any]


@dataclass
class BotState:
    """Everything the handlers share; stored in `application.bot_data["state"]`."""

    settings: BotSettings
    assistant: Any
    journal: Any | None
    limiter: UserRateLimiter
    gate: RetrievalGate
    admin_ids: frozenset[int]
    served: OrderedDict[int, Served] = field(default_factory=OrderedDict)
    prompts: OrderedDict[tuple[int, int], Prompt] = field(default_factory=OrderedDict)
    started_at: float = field(default_factory=time.time)
    index_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    reindex_task: asyncio.Task | None = None
    local_ids: itertools.count = field(default_factory=lambda: itertools.count(-1, -1))
    answers: OrderedDict[tuple[str, Any], tuple[float, Answer]] = field(default_factory=OrderedDict)
    inflight: dict[tuple[str, Any], asyncio.Future] = field(default_factory=dict)

    def remember(self, qid: int, served: Served) -> None:
        self.served[qid] = served
        while len(self.served) > MAX_REMEMBERED:
            self.served.popitem(last=False)

    def ask_later(self, message: Message, prompt: Prompt) -> None:
        self.prompts[(message.chat_id, message.message_id)] = prompt
        while len(self.prompts) > MAX_REMEMBERED:
            self.prompts.popitem(last=False)


def _state(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    return context.application.bot_data["state"]


class _RepliesToPrompt(filters.MessageFilter):
    """Messages that answer one of the bot's ForceReply prompts."""

    def __init__(self, prompts: OrderedDict[tuple[int, int], Prompt]):
        super().__init__(name="replies_to_prompt")
        self.prompts = prompts

    def filter(self, message: Message) -> bool:
        r = message.reply_to_message
        return bool(r and (message.chat_id, r.message_id) in self.prompts)


class RetryingRateLimiter(AIORateLimiter):
    """PTB's AIORateLimiter (waits out 429 RetryAfter) that also retries network errors.

    A 5xx from Telegram, a dropped connection or a timeout raises NetworkError, which PTB does
    not retry: the reply to a question would be lost. Here it is retried with exponential
    backoff (0.5, 1, 2, 4 s). BadRequest (also a NetworkError in PTB) is our mistake and is
    never retried. A timed-out send may in rare cases reach the user twice; that is preferred
    to an answer that never arrives.
    """

    def __init__(self, *args: Any, network_retries: int = 4, backoff_s: float = 0.5, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.network_retries = network_retries
        self.backoff_s = backoff_s

    async def process_request(self, callback: Any, args: Any, kwargs: dict[str, Any], endpoint: str,
                              data: dict[str, Any], rate_limit_args: int | None) -> Any:
        delay = self.backoff_s
        for attempt in range(self.network_retries + 1):
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except BadRequest:
                raise
            except NetworkError as exc:
                if attempt == self.network_retries:
                    raise
                log.warning("Telegram %s gagal (%s); mencoba lagi dalam %.1f s (%d/%d)",
                            endpoint, exc, delay, attempt + 1, self.network_retries)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 8.0)
        raise AssertionError("unreachable")


# ------------------------------------------------------------------------------ helpers


def clean_question(text: str) -> str:
    """Drop zero-width and direction characters, collapse whitespace."""
    return _SPACES_RE.sub(" ", _INVISIBLE_RE.sub("", text)).strip()


async def send_html(message: Message, html: str, reply_markup: Any = None) -> Message:
    """Reply with Telegram HTML split under 4096 characters; the keyboard goes on the last part."""
    parts = render.split_html(html) or [M.ERROR_USER]
    last: Message = message
    for i, part in enumerate(parts):
        markup = reply_markup if i == len(parts) - 1 else None
        last = await message.get_bot().send_message(message.chat_id, part, parse_mode=ParseMode.HTML,
                                                    reply_markup=markup,
                                                    disable_web_page_preview=True)
    return last


def _addressed_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The question text, or None when a group message is not meant for the bot."""
    msg = update.effective_message
    text = msg.text or ""
    if msg.chat.type == ChatType.PRIVATE:
        return text
    username = context.bot.username or ""
    mention = f"@{username}"
    replied = msg.reply_to_message and msg.reply_to_message.from_user \
        and msg.reply_to_message.from_user.id == context.bot.id
    if username and mention.lower() in text.lower():
        return re.sub(re.escape(mention), " ", text, flags=re.IGNORECASE)
    return text if replied else None


async def _run(context: ContextTypes.DEFAULT_TYPE, fn: Callable[..., Any], *args: Any) -> Any:
    """Run a blocking retrieval call in a worker thread, under the global concurrency cap."""
    async with _state(context).gate.slot():
        return await asyncio.to_thread(fn, *args)


async def _journal(context: ContextTypes.DEFAULT_TYPE, method: str, *args: Any) -> Any:
    """Call the journal (SQLite) off the event loop; a logging failure never loses an answer."""
    journal = _state(context).journal
    if journal is None:
        return None
    try:
        return await asyncio.to_thread(getattr(journal, method), *args)
    except Exception:
        log.exception("journal.%s failed", method)
        return None


def _rate_limited_reply(context: ContextTypes.DEFAULT_TYPE, user_id: int) -> str | None:
    st = _state(context)
    wait = st.limiter.check(user_id)
    return M.RATE_LIMITED.format(limit=st.limiter.per_minute, wait=int(wait)) if wait else None


def admin_only(handler: Handler) -> Handler:
    """Let only ADMIN_IDS through; everyone else gets "Perintah ini khusus admin." and nothing happens."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user = update.effective_user
        if user is None or user.id not in _state(context).admin_ids:
            log.warning("non-admin %s refused: %s", user.id if user else None, handler.__name__)
            if update.callback_query:
                await update.callback_query.answer(M.ADMIN_ONLY, show_alert=True)
            elif update.effective_message:
                await update.effective_message.reply_text(M.ADMIN_ONLY)
            return
        await handler(update, context)

    return guarded


def parse_caption(caption: str) -> tuple[str, str, int, str] | None:
    """"PP 37 2004 Larangan PNS …" / "UU No. 20 Tahun 2023 tentang ASN" → (jenis, nomor, tahun, judul)."""
    words = clean_question(caption).split(" ")
    for n in (2, 1):
        key = "".join(words[:n]).upper().replace(".", "")
        if key in JENIS_LABEL and len(words) > n:
            rest = " ".join(words[n:])
            m = re.match(r"(?:no(?:mor)?\.?\s*)?(\d{1,4}[a-z]?)\s*(?:/|\s)\s*(?:tahun\s+|thn\.?\s*)?"
                         r"((?:19|20)\d{2})\b\s*(?:tentang\s+)?(.*)$", rest, re.IGNORECASE)
            if m and m.group(3).strip():
                return key, m.group(1), int(m.group(2)), m.group(3).strip()
    return None


def _short_name(jenis: str, nomor: str, tahun: int) -> str:
    return Document(id="x", kind="regulation", judul="", jenis=jenis, nomor=nomor, tahun=tahun).short_name


# ------------------------------------------------------------------------------ ASN commands


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: who the bot is, the regulations it knows with their status, examples, disclaimer."""
    docs = await asyncio.to_thread(_state(context).assistant.documents)
    name = update.effective_user.first_name if update.effective_user else ""
    await send_html(update.effective_message, render.render_start(name, docs))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: how to ask and the commands (admins also see theirs)."""
    is_admin = bool(update.effective_user and update.effective_user.id in _state(context).admin_ids)
    await send_html(update.effective_message, render.render_help(context.bot.username or "", is_admin))


async def sumber(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/sumber: every indexed document with its status and official link."""
    docs = await asyncio.to_thread(_state(context).assistant.documents)
    await send_html(update.effective_message, render.render_sources(docs))


async def pasal(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/pasal PP 94/2021 5: the whole pasal with its Penjelasan."""
    reference = clean_question(" ".join(context.args or []))
    if not reference:
        await send_html(update.effective_message, M.PASAL_USAGE)
        return
    st = _state(context)
    chunks = await _run(context, st.assistant.pasal, reference[: st.settings.max_question_chars])
    if not chunks:
        await send_html(update.effective_message, M.PASAL_NOT_FOUND.format(reference=render.esc(reference)))
        return
    docs = await asyncio.to_thread(st.assistant.documents)
    await send_html(update.effective_message, render.render_pasal(chunks, docs, st.assistant.history_line))


async def draf(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/draf <pertanyaan>: the formal helpdesk reply with Dasar hukum, ready to copy."""
    question = clean_question(" ".join(context.args or []))
    msg = update.effective_message
    if not question:
        await send_html(msg, M.DRAF_USAGE)
        return
    limit = _state(context).settings.max_question_chars
    if len(question) > limit:
        await send_html(msg, M.TOO_LONG.format(length=len(question), limit=limit))
        return
    if refusal := _rate_limited_reply(context, update.effective_user.id):
        await send_html(msg, refusal)
        return
    await context.bot.send_chat_action(msg.chat_id, ChatAction.TYPING)
    text = await _run(context, _state(context).assistant.draft, question)
    await send_html(msg, render.render_draft(text))


async def question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A plain-text question: "typing…", then the cited answer with its buttons."""
    raw = _addressed_text(update, context)
    if raw is None:
        return
    st, msg, user = _state(context), update.effective_message, update.effective_user
    text = clean_question(raw)
    if not text:
        await send_html(msg, M.EMPTY_QUESTION)
        return
    if len(text) > st.settings.max_question_chars:
        await send_html(msg, M.TOO_LONG.format(length=len(text), limit=st.settings.max_question_chars))
        return
    if refusal := _rate_limited_reply(context, user.id):
        await send_html(msg, refusal)
        return
    await context.bot.send_chat_action(msg.chat_id, ChatAction.TYPING)
    try:
        answer = await _answer(context, text)
    except TimeoutError:
        await send_html(msg, M.BUSY)
        return
    qid = await _journal(context, "log_question", user.id, msg.chat_id, text, answer)
    qid = qid if isinstance(qid, int) else next(st.local_ids)
    st.remember(qid, Served(user.id, answer))
    await send_html(msg, render.render_answer(answer), render.answer_markup(qid, answer))


async def _answer(context: ContextTypes.DEFAULT_TYPE, text: str) -> Answer:
    """Assistant.ask in a worker thread, or the same question's answer from the last ten minutes
    (same index generation: a rebuild, upload or /cabut makes every cached answer stale). Identical
    questions arriving together share one retrieval."""
    st = _state(context)
    await asyncio.to_thread(st.assistant.refresh)  # cheap: checks the index pointer every few seconds
    key = (text, getattr(st.assistant, "generation", None))
    hit = st.answers.get(key)
    if hit and time.monotonic() - hit[0] < ANSWER_CACHE_TTL_S:
        st.answers.move_to_end(key)
        return dataclasses.replace(hit[1], latency_ms=0.0)
    if key in st.inflight:
        return dataclasses.replace(await asyncio.shield(st.inflight[key]), latency_ms=0.0)
    future: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
    st.inflight[key] = future
    started = time.monotonic()
    try:
        answer: Answer = await _run(context, st.assistant.ask, text)
    except BaseException as exc:
        future.set_exception(exc)
        future.exception()  # retrieved: no "never retrieved" warning when nobody else waited
        raise
    finally:
        del st.inflight[key]
    future.set_result(answer)
    if key[1] is not None and key[1] == getattr(st.assistant, "generation", None):
        st.answers[key] = (started, answer)
        while len(st.answers) > ANSWER_CACHE_SIZE:
            st.answers.popitem(last=False)
    return answer


async def non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice notes …: a short friendly reply asking for text."""
    await send_html(update.effective_message, M.NON_TEXT.format(example=render.esc(M.EXAMPLE_QUESTIONS[0])))


async def prompt_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A reply to one of our prompts: the reason after 👎, or an upload's description."""
    st, msg, user = _state(context), update.effective_message, update.effective_user
    key = (msg.chat_id, msg.reply_to_message.message_id)
    prompt = st.prompts.get(key)
    if prompt is None or prompt.user_id != user.id:
        await question(update, context)
        return
    del st.prompts[key]
    if prompt.kind == "reason":
        reason = clean_question(msg.text or "")[:300] or None
        if reason:
            await _journal(context, "set_feedback_reason", prompt.data["qid"], user.id, reason)
        await send_html(msg, M.FEEDBACK_REASON_THANKS)
    elif prompt.kind == "upload":
        await ingest_upload(update, context, prompt.data, msg.text or "")


# ------------------------------------------------------------------------------ answer buttons


def _served(context: ContextTypes.DEFAULT_TYPE, data: str) -> tuple[int, Served | None]:
    try:
        qid = int(data.split(":")[1])
    except (IndexError, ValueError):
        return 0, None
    return qid, _state(context).served.get(qid)


async def _served_or_expired(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Served | None:
    """The answer a button belongs to; None (and a "kedaluwarsa" alert) when it is no longer known."""
    _, served = _served(context, update.callback_query.data)
    if served is None:
        await update.callback_query.answer(M.EXPIRED, show_alert=True)
    return served


async def full_text_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Teks lengkap: every cited pasal in full, with its Penjelasan."""
    query = update.callback_query
    if (served := await _served_or_expired(update, context)) is None:
        return
    await query.answer()
    st = _state(context)
    docs = await asyncio.to_thread(st.assistant.documents)
    shown: set[tuple[str, str | None]] = set()
    for c in served.answer.citations:
        key = (c.chunk.doc_id, c.chunk.pasal)
        if key in shown:
            continue
        shown.add(key)
        chunks = [c.chunk]
        if c.chunk.pasal:
            chunks = await _run(context, st.assistant.pasal_chunks, c.chunk.doc_id, c.chunk.pasal) or chunks
        await send_html(query.message, render.render_pasal(chunks, docs, st.assistant.history_line))


async def sources_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Sumber: the cited documents, their status and official links."""
    query = update.callback_query
    if (served := await _served_or_expired(update, context)) is None:
        return
    await query.answer()
    docs = await asyncio.to_thread(_state(context).assistant.documents)
    await send_html(query.message, render.render_answer_sources(served.answer, docs))


async def draft_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Buat draf jawaban: the formal helpdesk reply for the question under this answer."""
    query = update.callback_query
    if (served := await _served_or_expired(update, context)) is None:
        return
    if refusal := _rate_limited_reply(context, update.effective_user.id):  # a draft is a retrieval too
        await query.answer(refusal, show_alert=True)
        return
    await query.answer()
    await context.bot.send_chat_action(query.message.chat_id, ChatAction.TYPING)
    text = await _run(context, _state(context).assistant.draft, served.answer.question)
    await send_html(query.message, render.render_draft(text))


async def feedback_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """👍 / 👎: store it; after 👎 ask for a one-line reason (optional)."""
    query, user = update.callback_query, update.effective_user
    qid, served = _served(context, query.data)
    value = query.data.rsplit(":", 1)[-1]
    if value not in ("1", "-1"):
        await query.answer(M.UNKNOWN_BUTTON)
        return
    if served is None:
        await query.answer(M.EXPIRED, show_alert=True)
        return
    if served.user_id != user.id:
        await query.answer(M.NOT_YOURS)
        return
    await _journal(context, "log_feedback", qid, user.id, int(value), None)
    await query.answer(M.FEEDBACK_UP if value == "1" else M.FEEDBACK_DOWN)
    await query.edit_message_reply_markup(render.answer_keyboard(qid, served.answer.found, feedback_given=True))
    if value == "-1":
        ask = await context.bot.send_message(query.message.chat_id, M.FEEDBACK_ASK_REASON,
                                             reply_markup=render.reason_prompt())
        _state(context).ask_later(ask, Prompt("reason", user.id, {"qid": qid}))


async def noop_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The "thank you" button after feedback: nothing to do."""
    await update.callback_query.answer(M.FEEDBACK_UP)


async def unknown_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any other callback data (stale or forged)."""
    await update.callback_query.answer(M.UNKNOWN_BUTTON)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not know: point to /help."""
    await help_command(update, context)


# ------------------------------------------------------------------------------ admin


@admin_only
async def upload_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admin sends a PDF: with a caption it is indexed at once; without, the bot asks for one."""
    st, msg = _state(context), update.effective_message
    doc = msg.document
    limit_mb = st.settings.max_upload_mb
    if not (doc.mime_type == "application/pdf" or (doc.file_name or "").lower().endswith(".pdf")):
        await send_html(msg, M.UPLOAD_NOT_PDF)
        return
    if doc.file_size and doc.file_size > limit_mb * 1024 * 1024:
        await send_html(msg, M.UPLOAD_TOO_LARGE.format(size_mb=doc.file_size / 2**20, limit_mb=limit_mb))
        return
    data = {"file_id": doc.file_id}
    if not msg.caption:
        ask = await msg.reply_text(M.UPLOAD_ASK_CAPTION, parse_mode=ParseMode.HTML,
                                   reply_markup=render.upload_cancel_keyboard())
        st.ask_later(ask, Prompt("upload", update.effective_user.id, data))
        return
    await ingest_upload(update, context, data, msg.caption)


async def ingest_upload(update: Update, context: ContextTypes.DEFAULT_TYPE, data: dict, caption: str) -> None:
    """Check the PDF, store it under a generated name, catalogue and index it, report the pasal."""
    from indexer.build import add_document
    from indexer.load import DocumentError, check_pdf_bytes

    st, msg, user = _state(context), update.effective_message, update.effective_user
    if user.id not in st.admin_ids:  # prompts are per user, but check again: uploads change the corpus
        await msg.reply_text(M.ADMIN_ONLY)
        return
    parsed = parse_caption(caption)
    if parsed is None:
        jenis = ", ".join(sorted(JENIS_LABEL.values()))
        ask = await msg.reply_text(M.UPLOAD_BAD_CAPTION.format(jenis=render.esc(jenis)),
                                   parse_mode=ParseMode.HTML, reply_markup=render.reason_prompt())
        st.ask_later(ask, Prompt("upload", user.id, data))
        return
    jenis, nomor, tahun, judul = parsed
    name = _short_name(jenis, nomor, tahun)
    if _busy(st):
        await send_html(msg, M.REINDEX_RUNNING)
        return
    status = await msg.reply_text(M.UPLOAD_CHECKING.format(name=render.esc(name)), parse_mode=ParseMode.HTML)
    async with st.index_lock:
        try:
            tg_file = await context.bot.get_file(data["file_id"])
            content = bytes(await tg_file.download_as_bytearray())
            await asyncio.to_thread(check_pdf_bytes, content, st.settings.max_upload_mb * 1024 * 1024)
            doc = Document(id=make_id(jenis, nomor, tahun), kind="regulation", judul=judul,
                           jenis=jenis, nomor=nomor, tahun=tahun, status="berlaku", sumber="unggahan admin")
            report = await asyncio.to_thread(_add_from_bytes, add_document, st.settings, content, doc)
            await asyncio.to_thread(st.assistant.refresh)
        except DocumentError as exc:
            await status.edit_text(M.UPLOAD_REJECTED.format(reason=render.esc(str(exc))), parse_mode=ParseMode.HTML)
            await _journal(context, "log_admin", user.id, "upload_rejected", f"{name}: {exc}")
            return
        except Exception as exc:
            log.exception("upload of %s failed", name)
            reason = render.esc(redact(str(exc))[:300])  # httpx/PTB errors may quote the bot URL
            await status.edit_text(M.UPLOAD_FAILED.format(name=render.esc(name), reason=reason),
                                   parse_mode=ParseMode.HTML)
            return
    await _journal(context, "log_admin", user.id, "upload", f"{report.doc.id}: {report.n_pasal} pasal")
    await status.edit_text(M.UPLOAD_DONE.format(name=render.esc(name), judul=render.esc(judul),
                                                n_pasal=report.n_pasal, example=report.example_pasal or "1"),
                           parse_mode=ParseMode.HTML)


def _add_from_bytes(add_document: Callable[..., Any], settings: BotSettings, content: bytes, doc: Document) -> Any:
    """Write the upload to a private temp file (never a user-chosen name) and add it to the corpus."""
    with tempfile.TemporaryDirectory(prefix="tanya-asn-upload-") as tmp:
        path = Path(tmp) / "upload.pdf"
        path.write_bytes(content)
        return add_document(settings, path, doc)


def _busy(st: BotState) -> bool:
    return st.index_lock.locked() or bool(st.reindex_task and not st.reindex_task.done())


async def _start_rebuild(update: Update, context: ContextTypes.DEFAULT_TYPE, full: bool) -> None:
    st, chat_id = _state(context), update.effective_chat.id
    if _busy(st):
        await context.bot.send_message(chat_id, M.REINDEX_RUNNING)
        return
    status = await context.bot.send_message(chat_id, M.REINDEX_STARTED)
    await _journal(context, "log_admin", update.effective_user.id, "reindex", "penuh" if full else "inkremental")
    st.reindex_task = context.application.create_task(_rebuild(context, status, full), update=update)


@admin_only
async def reindex(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reindex [penuh]: rebuild in the background (blue/green); progress by editing one message;
    the old index keeps answering until the new one is switched in."""
    await _start_rebuild(update, context, full="penuh" in (context.args or []))


async def _rebuild(context: ContextTypes.DEFAULT_TYPE, status: Message, full: bool) -> None:
    """The background part of /reindex: build in a thread, edit `status` at most once a second."""
    from indexer.build import build_index

    st = _state(context)
    loop = asyncio.get_running_loop()
    latest: dict[str, str] = {}

    def progress(stage: str, done: int, total: int) -> None:
        loop.call_soon_threadsafe(latest.__setitem__, "text", f"{stage}: {done}/{total}")

    started = time.perf_counter()
    async with st.index_lock:
        job = asyncio.ensure_future(asyncio.to_thread(build_index, st.settings, full=full, progress=progress))
        shown = ""
        while not job.done():
            await asyncio.wait({job}, timeout=PROGRESS_EVERY_S)
            text = latest.get("text", "")
            if text and text != shown and not job.done():
                shown = text
                await _edit_quietly(status, M.REINDEX_PROGRESS.format(progress=render.esc(text)))
        try:
            report = job.result()
            await asyncio.to_thread(st.assistant.refresh)
        except Exception as exc:
            log.exception("reindex failed")
            await _edit_quietly(status, M.REINDEX_FAILED.format(reason=render.esc(redact(str(exc))[:300])))
            return
    await _edit_quietly(status, M.REINDEX_DONE.format(seconds=time.perf_counter() - started,
                                                      summary=render.esc(report.summary())))


async def _edit_quietly(message: Message, html: str) -> None:
    try:
        await message.edit_text(render.split_html(html)[0], parse_mode=ParseMode.HTML)
    except TelegramError as exc:  # e.g. "message is not modified"; progress is best effort
        log.info("progress edit skipped: %s", exc)


@admin_only
async def status_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/status: index generation and time, documents, chunks, model, uptime."""
    from indexer.store import open_store

    st = _state(context)
    active = await asyncio.to_thread(lambda: open_store(st.settings).active())
    manifest = active.manifest if active else None
    docs = [Document.from_dict(d) for d in manifest.documents] if manifest else []
    up = int(time.time() - st.started_at)
    text = M.STATUS.format(
        version=render.esc(f"{manifest.generation} ({manifest.created_at})" if manifest else "belum ada"),
        documents=len(docs), in_force=sum(d.in_force for d in docs),
        chunks=manifest.n_chunks if manifest else 0,
        model=render.esc(manifest.model if manifest else st.settings.embedding_model),
        since=datetime.fromtimestamp(st.started_at, UTC).strftime("%Y-%m-%d %H:%M UTC"),
        uptime=f"{up // 86400}h {up % 86400 // 3600}j {up % 3600 // 60}m {up % 60}d",
        reindex="sedang berjalan" if _busy(st) else "tidak berjalan",
    )
    await send_html(update.effective_message, text, render.status_keyboard())


@admin_only
async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stats: questions per day, 👍/👎, the most frequent unanswered questions (7 days)."""
    days = 7
    stats = await _journal(context, "stats", days)
    await send_html(update.effective_message, render.render_stats(stats or {}, days))


@admin_only
async def cabut(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/cabut <id> <oleh>: mark a regulation repealed (metadata only, no re-embedding)."""
    from indexer.build import mark_repealed

    st, msg = _state(context), update.effective_message
    args = context.args or []
    if not 1 <= len(args) <= 2:
        await send_html(msg, M.CABUT_USAGE)
        return
    doc_id, by = args[0].lower(), (args[1].lower() if len(args) == 2 else None)
    if _busy(st):
        await send_html(msg, M.REINDEX_RUNNING)
        return
    async with st.index_lock:
        try:
            await asyncio.to_thread(mark_repealed, st.settings, doc_id, by)
            await asyncio.to_thread(st.assistant.refresh)
        except KeyError as exc:
            await send_html(msg, M.CABUT_FAILED.format(reason=render.esc(exc.args[0] if exc.args else doc_id)))
            return
    docs = {d.id: d for d in await asyncio.to_thread(st.assistant.documents)}
    name = docs[doc_id].short_name if doc_id in docs else doc_id
    by_name = docs[by].short_name if by in docs else (by or "–")
    await _journal(context, "log_admin", update.effective_user.id, "cabut", f"{doc_id} oleh {by}")
    await send_html(msg, M.CABUT_DONE.format(name=render.esc(name), by=render.esc(by_name)))


@admin_only
async def admin_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admin buttons (adm:reindex under /status, adm:cancel under an upload prompt)."""
    query, st = update.callback_query, _state(context)
    action = query.data.split(":", 1)[1]
    if action == "reindex":
        await query.answer()
        await _start_rebuild(update, context, full=False)
    elif action == "cancel":
        for key in [k for k, p in st.prompts.items() if p.kind == "upload" and p.user_id == update.effective_user.id]:
            del st.prompts[key]
        await query.answer(M.UPLOAD_CANCELLED)
        await query.edit_message_text(M.UPLOAD_CANCELLED)
    else:
        await query.answer(M.UNKNOWN_BUTTON)


# ------------------------------------------------------------------------------ errors, logging


class _Redactor:
    """Replaces the bot token (and its webhook hash) in every log record, traceback included."""

    def __init__(self, secrets: list[str]):
        self.secrets = [s for s in secrets if s]
        self.previous = logging.getLogRecordFactory()

    def redact(self, text: str) -> str:
        for s in self.secrets:
            text = text.replace(s, "<TOKEN>")
        return text

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record = self.previous(*args, **kwargs)
        try:
            record.msg = self.redact(record.getMessage())
            record.args = ()
            if record.exc_info and record.exc_info[1] is not None:
                record.exc_text = self.redact("".join(traceback.format_exception(*record.exc_info)).rstrip())
            if record.stack_info:
                record.stack_info = self.redact(record.stack_info)
        except Exception:  # never let logging break the bot
            pass
        return record


_redactor: _Redactor | None = None


def redact(text: str) -> str:
    return _redactor.redact(text) if _redactor else text


def setup_logging(token: str, level: int = logging.INFO) -> None:
    """Configure logging once; the token never appears in a log line or an error report."""
    global _redactor
    if not logging.getLogger().handlers:
        logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=level)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines contain the request URL
    if _redactor is None:
        _redactor = _Redactor([token, _webhook_secret(token)])
        logging.setLogRecordFactory(_redactor)
    else:
        _redactor.secrets = sorted({*_redactor.secrets, token, _webhook_secret(token)} - {""})


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure (token redacted), tell the admins, apologise to the user."""
    err = context.error
    log.error("update failed: %s", type(err).__name__, exc_info=err)
    if not isinstance(update, Update):
        return  # network errors while polling: PTB retries by itself
    st = _state(context)
    summary = redact(f"{type(err).__name__}: {err}")[:300]
    for admin in sorted(st.admin_ids)[:3]:
        try:
            await context.bot.send_message(admin, M.OPERATOR_ERROR.format(error=render.esc(summary)),
                                           parse_mode=ParseMode.HTML)
        except TelegramError:
            log.warning("could not notify admin about the error")
    chat = update.effective_chat
    if chat is not None and chat.id not in st.admin_ids:
        with contextlib.suppress(TelegramError):
            await context.bot.send_message(chat.id, M.ERROR_USER)


# ------------------------------------------------------------------------------ wiring


async def post_init(application: Application) -> None:
    """Register the command menu (setMyCommands)."""
    await application.bot.set_my_commands([BotCommand(c, d) for c, d in M.COMMANDS])


def _webhook_secret(token: str) -> str:
    return hashlib.sha256(f"tanya-asn:{token}".encode()).hexdigest()[:32] if token else ""


def _api_urls(settings: BotSettings) -> tuple[str | None, str | None]:
    """TELEGRAM_BASE_URL may be the server root or PTB's ".../bot" form; same for files."""
    base = settings.telegram_base_url.strip().rstrip("/")
    files = settings.telegram_base_file_url.strip().rstrip("/")
    if not base:
        return None, (files or None)
    root = base[: -len("/bot")] if base.endswith("/bot") else base
    base_url = f"{root}/bot"
    if not files:
        files = f"{root}/file/bot"
    elif not files.endswith("/bot"):
        files = f"{files}/bot" if files.endswith("/file") else f"{files}/file/bot"
    return base_url, files


def build_application(settings: BotSettings, assistant: Any, journal: Any | None = None, *,
                      rate_limiter: AIORateLimiter | None = None, max_concurrent_retrievals: int | None = None,
                      concurrent_updates: int = 16) -> Application:
    """The Application with every handler wired; `assistant` answers, `journal` logs (optional)."""
    # httpcore scans its whole pool on every request: a pool sized to the work in flight (not PTB's
    # 256) cuts the bot's CPU per answer under load (measured with bench/load.py).
    builder = (ApplicationBuilder().token(settings.telegram_bot_token)
               .rate_limiter(rate_limiter or RetryingRateLimiter(max_retries=3))
               .concurrent_updates(concurrent_updates)
               .connection_pool_size(concurrent_updates + 8)
               .post_init(post_init))
    base_url, file_url = _api_urls(settings)
    if base_url:
        builder = builder.base_url(base_url)
    if file_url:
        builder = builder.base_file_url(file_url)
    app = builder.build()
    state = BotState(
        settings=settings, assistant=assistant, journal=journal,
        limiter=UserRateLimiter(settings.rate_limit_per_minute),
        gate=RetrievalGate(max_concurrent_retrievals or max(2, os.cpu_count() or 2)),
        admin_ids=frozenset(settings.admin_id_set),
    )
    app.bot_data["state"] = state
    new_msg = filters.UpdateType.MESSAGE

    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("help", help_command))
    app.add_handler(CommandHandler("sumber", sumber))
    app.add_handler(CommandHandler("pasal", pasal))
    app.add_handler(CommandHandler("draf", draf))
    app.add_handler(CommandHandler("reindex", reindex))
    app.add_handler(CommandHandler("status", status_command))
    app.add_handler(CommandHandler("stats", stats_command))
    app.add_handler(CommandHandler("cabut", cabut))
    app.add_handler(MessageHandler(new_msg & filters.TEXT & ~filters.COMMAND & _RepliesToPrompt(state.prompts),
                                   prompt_reply))
    app.add_handler(MessageHandler(new_msg & filters.TEXT & ~filters.COMMAND, question))
    app.add_handler(MessageHandler(new_msg & filters.Document.ALL, upload_document))
    media = (filters.Sticker.ALL | filters.PHOTO | filters.VOICE | filters.AUDIO | filters.VIDEO
             | filters.VIDEO_NOTE | filters.ANIMATION | filters.LOCATION | filters.CONTACT)
    app.add_handler(MessageHandler(new_msg & filters.ChatType.PRIVATE & media, non_text))
    app.add_handler(MessageHandler(new_msg & filters.ChatType.PRIVATE & filters.COMMAND, unknown_command))
    app.add_handler(CallbackQueryHandler(full_text_button, pattern=r"^full:"))
    app.add_handler(CallbackQueryHandler(sources_button, pattern=r"^src:"))
    app.add_handler(CallbackQueryHandler(feedback_button, pattern=r"^fb:"))
    app.add_handler(CallbackQueryHandler(draft_button, pattern=r"^draft:"))
    app.add_handler(CallbackQueryHandler(noop_button, pattern=r"^noop:"))
    app.add_handler(CallbackQueryHandler(admin_button, pattern=r"^adm:"))
    app.add_handler(CallbackQueryHandler(unknown_button))
    app.add_error_handler(on_error)
    return app


def load_assistant(settings: BotSettings) -> Any:
    """The real Assistant over the active index (loads the embedding model once)."""
    from bot.assistant import Assistant

    factory = getattr(Assistant, "from_settings", None)
    assistant = factory(settings) if factory else Assistant(settings)
    assistant.ask("netralitas ASN")  # warm-up: the first inference is slow; no user should pay for it
    return assistant


def open_journal(settings: BotSettings) -> Any | None:
    """The SQLite journal (questions, feedback, admin actions), or None if it is unavailable."""
    try:
        from bot.log import Journal
    except ImportError:
        log.warning("bot.log is not available; questions and feedback are not recorded")
        return None
    return Journal.from_settings(settings)


def main(settings: BotSettings) -> None:
    """`python -m bot`: wire the handlers and run (polling, or a webhook when WEBHOOK_URL is set)."""
    setup_logging(settings.telegram_bot_token)
    if not settings.telegram_bot_token:
        raise SystemExit("TELEGRAM_BOT_TOKEN belum diisi. Buat bot lewat @BotFather lalu isi di .env.")
    app = build_application(settings, load_assistant(settings), open_journal(settings))
    if settings.webhook_url:
        secret = _webhook_secret(settings.telegram_bot_token)
        app.run_webhook(listen=settings.webhook_listen, port=settings.webhook_port, url_path=secret,
                        webhook_url=f"{settings.webhook_url.rstrip('/')}/{secret}", secret_token=secret,
                        allowed_updates=Update.ALL_TYPES)
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)
