"""Small tools every handler uses: cleaning a question, replying in Telegram HTML, running blocking
work off the event loop, writing the journal without ever losing an answer, the admin guard."""

from __future__ import annotations

import asyncio
import functools
import logging
import re
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from telegram import CallbackQuery, Message, ReplyParameters, Update, User
from telegram.constants import ChatType, ParseMode

from bot import messages as M
from bot import render
from bot.bot_data import Context
from indexer.types import JENIS_LABEL

log = logging.getLogger(__name__)

Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]
T = TypeVar("T")
_INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")
_SPACES_RE = re.compile(r"\s+")


# ------------------------------------------------------------------------------ the parts of an update
# PTB types these as optional (an update may be a poll, a channel post …); each handler is registered
# for updates that have them, so a missing one is a wiring mistake, not a user's.


def message_of(update: Update) -> Message:
    assert update.effective_message is not None, "handler wired for updates without a message"
    return update.effective_message


def user_of(update: Update) -> User:
    assert update.effective_user is not None, "handler wired for updates without a user"
    return update.effective_user


def query_of(update: Update) -> CallbackQuery:
    assert update.callback_query is not None and update.callback_query.data is not None
    return update.callback_query


def query_message(update: Update) -> Message:
    """The message a pressed button sits under (inline buttons of our own messages: always accessible)."""
    message = query_of(update).message
    assert isinstance(message, Message), "button under an inaccessible message"
    return message


# ------------------------------------------------------------------------------ text in, HTML out


def clean_question(text: str) -> str:
    """Drop zero-width and direction characters, collapse whitespace."""
    return _SPACES_RE.sub(" ", _INVISIBLE_RE.sub("", text)).strip()


async def send_html(message: Message, html: str, reply_markup: Any = None, *, reply: bool = False) -> Message:
    """Send Telegram HTML to `message`'s chat: one message unless it is longer than 4 096 characters
    (then split with balanced tags, the keyboard on the last part). `reply=True` threads it under `message`."""
    parts = render.split_html(html) or [M.ERROR_USER]
    last: Message = message
    for i, part in enumerate(parts):
        markup = reply_markup if i == len(parts) - 1 else None
        thread = ReplyParameters(message.message_id, allow_sending_without_reply=True) if reply and i == 0 else None
        last = await message.get_bot().send_message(
            message.chat_id, part, parse_mode=ParseMode.HTML, reply_markup=markup,
            disable_web_page_preview=True, reply_parameters=thread)
    return last


def addressed_text(update: Update, context: Context) -> str | None:
    """The question text, or None when a group message is not meant for the bot."""
    msg = message_of(update)
    text = msg.text or ""
    if msg.chat.type == ChatType.PRIVATE:
        return text
    username = context.bot.username or ""
    mention = f"@{username}"
    to = msg.reply_to_message
    replied = bool(to and to.from_user and to.from_user.id == context.bot.id)
    if username and mention.lower() in text.lower():
        return re.sub(re.escape(mention), " ", text, flags=re.IGNORECASE)
    return text if replied else None


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


# ------------------------------------------------------------------------------ blocking work


async def run_blocking(context: Context, fn: Callable[..., T], *args: Any) -> T:
    """Run a blocking retrieval call in a worker thread, under the global concurrency cap."""
    async with context.bot_data.gate.slot():
        return await asyncio.to_thread(fn, *args)


async def journal(context: Context, method: str, *args: Any) -> Any:
    """Call the journal (SQLite) off the event loop; a logging failure never loses an answer."""
    j = context.bot_data.journal
    if j is None:
        return None
    try:
        return await asyncio.to_thread(getattr(j, method), *args)
    except Exception:
        log.exception("journal.%s failed", method)
        return None


def rate_limited_reply(context: Context, user_id: int) -> str | None:
    """The polite refusal when this user asked too often, else None (and the question is counted)."""
    limiter = context.bot_data.limiter
    wait = limiter.check(user_id)
    return M.RATE_LIMITED.format(limit=limiter.per_minute, wait=int(wait)) if wait else None


def admin_only(handler: Handler) -> Handler:
    """Let only ADMIN_IDS through; everyone else gets "Perintah ini khusus admin." and nothing happens.
    Every admin handler and admin callback is wrapped: callback data can be forged."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: Context) -> None:
        user = update.effective_user
        if user is None or user.id not in context.bot_data.admin_ids:
            log.warning("non-admin %s refused: %s", user.id if user else None, handler.__name__)
            if update.callback_query:
                await update.callback_query.answer(M.ADMIN_ONLY, show_alert=True)
            elif update.effective_message:
                await update.effective_message.reply_text(M.ADMIN_ONLY)
            return
        await handler(update, context)

    return guarded
