"""The Telegram bot (python-telegram-bot 22): wiring only — which handler answers which update.

ASN ask in plain text (private chats; in groups when mentioned or replied to) and get the cited
answer with buttons (bot/user_handlers.py). Admins (ADMIN_IDS) upload PDFs, /reindex, /status,
/stats and /cabut (bot/admin_handlers.py, through bot/admin.py). What handlers share is the typed
`BotData` (bot/bot_data.py). `main(settings)` builds the Application and runs polling, or a webhook
when WEBHOOK_URL is set.
"""

from __future__ import annotations

import contextlib
import logging
import os
from typing import Any

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot import admin_handlers as admin
from bot import messages as M
from bot import render
from bot import user_handlers as users
from bot.admin import IndexAdmin
from bot.bot_data import CONTEXT_TYPES, BotApp, Context
from bot.config import BotSettings
from bot.flood import RetryingRateLimiter
from bot.handler_kit import clean_question, parse_caption
from bot.ratelimit import RetrievalGate
from bot.redact import redact, setup_logging, webhook_secret
from bot.seams import AssistantLike, JournalLike, QueryEmbedder

log = logging.getLogger(__name__)

__all__ = ["build_application", "clean_question", "main", "parse_caption", "post_init", "setup_logging"]


async def on_error(update: object, context: Context) -> None:
    """Log the failure (token redacted), tell the admins, apologise to the user."""
    err = context.error
    log.error("update failed: %s", type(err).__name__, exc_info=err)
    if not isinstance(update, Update):
        return  # network errors while polling: PTB retries by itself
    bd = context.bot_data
    summary = redact(f"{type(err).__name__}: {err}")[:300]
    for admin_id in sorted(bd.admin_ids)[:3]:
        try:
            await context.bot.send_message(admin_id, M.OPERATOR_ERROR.format(error=render.esc(summary)),
                                           parse_mode=ParseMode.HTML)
        except TelegramError:
            log.warning("could not notify admin about the error")
    chat = update.effective_chat
    if chat is not None and chat.id not in bd.admin_ids:
        with contextlib.suppress(TelegramError):
            await context.bot.send_message(chat.id, M.ERROR_USER)


async def post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Register the command menu (setMyCommands)."""
    await application.bot.set_my_commands([BotCommand(c, d) for c, d in M.COMMANDS])


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


def build_application(settings: BotSettings, assistant: AssistantLike, journal: JournalLike | None = None, *,
                      rate_limiter: AIORateLimiter | None = None, max_concurrent_retrievals: int | None = None,
                      concurrent_updates: int = 16, index_admin: IndexAdmin | None = None) -> BotApp:
    """The Application with every handler wired; `assistant` answers, `journal` records (optional)."""
    # httpcore scans its whole pool on every request: a pool sized to the work in flight (not PTB's
    # 256) cuts the bot's CPU per answer under load (measured with bench/load.py).
    builder = (ApplicationBuilder().token(settings.telegram_bot_token)
               .context_types(CONTEXT_TYPES)
               .rate_limiter(rate_limiter or RetryingRateLimiter(max_retries=3))
               .concurrent_updates(concurrent_updates)
               .connection_pool_size(concurrent_updates + 8)
               .post_init(post_init))
    base_url, file_url = _api_urls(settings)
    if base_url:
        builder = builder.base_url(base_url)
    if file_url:
        builder = builder.base_file_url(file_url)
    app: BotApp = builder.build()  # type: ignore[assignment]
    bd = app.bot_data
    embedder = getattr(assistant, "embedder", None)
    bd.setup(settings, assistant, journal,
             index_admin or IndexAdmin(settings, on_change=lambda: assistant.refresh(force=True), embedder=embedder),
             RetrievalGate(max_concurrent_retrievals or max(2, os.cpu_count() or 2)))

    new_msg = filters.UpdateType.MESSAGE
    text = new_msg & filters.TEXT & ~filters.COMMAND
    app.add_handler(CommandHandler("start", users.start))
    app.add_handler(CommandHandler("help", users.help_command))
    app.add_handler(CommandHandler("sumber", users.sumber))
    app.add_handler(CommandHandler("pasal", users.pasal))
    app.add_handler(CommandHandler("draf", users.draf))
    app.add_handler(CommandHandler("reindex", admin.reindex))
    app.add_handler(CommandHandler("status", admin.status_command))
    app.add_handler(CommandHandler("stats", admin.stats_command))
    app.add_handler(CommandHandler("cabut", admin.cabut))
    app.add_handler(MessageHandler(text & admin.RepliesToPrompt(bd), admin.prompt_reply))
    app.add_handler(MessageHandler(text & admin.AwaitedCaption(bd), admin.awaited_caption))
    app.add_handler(MessageHandler(text, users.question))
    app.add_handler(MessageHandler(new_msg & filters.Document.ALL, admin.upload_document))
    media = (filters.Sticker.ALL | filters.PHOTO | filters.VOICE | filters.AUDIO | filters.VIDEO
             | filters.VIDEO_NOTE | filters.ANIMATION | filters.LOCATION | filters.CONTACT)
    app.add_handler(MessageHandler(new_msg & filters.ChatType.PRIVATE & media, users.non_text))
    app.add_handler(MessageHandler(new_msg & filters.ChatType.PRIVATE & filters.COMMAND, users.unknown_command))
    app.add_handler(CallbackQueryHandler(users.full_text_button, pattern=r"^full:"))
    app.add_handler(CallbackQueryHandler(users.sources_button, pattern=r"^src:"))
    app.add_handler(CallbackQueryHandler(users.feedback_button, pattern=r"^fb:"))
    app.add_handler(CallbackQueryHandler(users.draft_button, pattern=r"^draft:"))
    app.add_handler(CallbackQueryHandler(users.noop_button, pattern=r"^noop:"))
    app.add_handler(CallbackQueryHandler(admin.admin_button, pattern=r"^adm:"))
    app.add_handler(CallbackQueryHandler(admin.upload_button, pattern=r"^up:"))
    app.add_handler(CallbackQueryHandler(users.unknown_button))
    app.add_error_handler(on_error)
    return app


def load_assistant(settings: BotSettings) -> AssistantLike:
    """The real Assistant over the active index (loads the embedding model once), warmed up."""
    from bot.assistant import Assistant
    from indexer.embed import load_embedder

    model = load_embedder(settings)
    embedder: QueryEmbedder = model
    if settings.query_batch_ms > 0:  # off by default: see QUERY_BATCH_MS in .env.example
        from bot.batching import MicroBatcher

        embedder = MicroBatcher(model, window_s=settings.query_batch_ms / 1000)
    assistant = Assistant(settings, embedder=embedder)
    assistant.ask("netralitas ASN")  # warm-up: the first inference is slow; no user should pay for it
    return assistant


def open_journal(settings: BotSettings) -> JournalLike:
    """The SQLite journal (questions, button context, feedback, admin actions)."""
    from bot.log import Journal

    return Journal.from_settings(settings)


def main(settings: BotSettings) -> None:
    """`python -m bot`: wire the handlers and run (polling, or a webhook when WEBHOOK_URL is set)."""
    setup_logging(settings.telegram_bot_token)
    if not settings.telegram_bot_token:
        raise SystemExit("TELEGRAM_BOT_TOKEN belum diisi. Buat bot lewat @BotFather lalu isi di .env.")
    app = build_application(settings, load_assistant(settings), open_journal(settings))
    if settings.webhook_url:
        secret = webhook_secret(settings.telegram_bot_token)
        app.run_webhook(listen=settings.webhook_listen, port=settings.webhook_port, url_path=secret,
                        webhook_url=f"{settings.webhook_url.rstrip('/')}/{secret}", secret_token=secret,
                        allowed_updates=Update.ALL_TYPES)
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)
