"""Telegram's flood limit, spent on answers: retrying sends, and "typing" only when it helps.

Telegram allows a bot about 30 messages per second. Under load, an answer must not wait behind chat
actions: "typing…" is sent only when an answer is not ready after `TYPING_DELAY_S`, it does not
take a place in the rate limiter's budget, and it is never retried (a lost "typing" costs nothing).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram import Bot
from telegram.constants import ChatAction
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)

TYPING_DELAY_S = 0.7  # most answers arrive before this; a user waiting longer sees "typing…"
UNLIMITED_ENDPOINTS = frozenset({"sendChatAction", "send_chat_action", "sendchataction"})


class RetryingRateLimiter(AIORateLimiter):
    """PTB's AIORateLimiter (~30 messages/s, waits out 429 RetryAfter) that also retries network errors.

    A 5xx from Telegram, a dropped connection or a timeout raises NetworkError, which PTB does
    not retry: the reply to a question would be lost. Here it is retried with exponential
    backoff (0.5, 1, 2, 4 s). BadRequest (also a NetworkError in PTB) is our mistake and is
    never retried. A timed-out send may in rare cases reach the user twice; that is preferred
    to an answer that never arrives. Chat actions bypass the limiter and are tried once.
    """

    def __init__(self, *args: Any, network_retries: int = 4, backoff_s: float = 0.5, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.network_retries = network_retries
        self.backoff_s = backoff_s

    async def process_request(self, callback: Any, args: Any, kwargs: dict[str, Any], endpoint: str,
                              data: dict[str, Any], rate_limit_args: int | None) -> Any:
        if endpoint in UNLIMITED_ENDPOINTS:
            return await callback(*args, **kwargs)
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


@asynccontextmanager
async def typing_if_slow(bot: Bot, chat_id: int, delay_s: float | None = None) -> AsyncIterator[None]:
    """Show "typing…" in `chat_id` only if the block takes longer than `delay_s` (TYPING_DELAY_S); best effort."""

    async def later() -> None:
        await asyncio.sleep(TYPING_DELAY_S if delay_s is None else delay_s)
        try:
            await bot.send_chat_action(chat_id, ChatAction.TYPING)
        except TelegramError as exc:
            log.debug("typing action dropped: %s", exc)

    task = asyncio.create_task(later())
    try:
        yield
    finally:
        task.cancel()
