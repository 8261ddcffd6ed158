"""What every handler shares, typed: PTB's `bot_data` as one object (`context.bot_data`).

PTB creates `BotData()` when the Application is built (ContextTypes(bot_data=BotData)); the wiring
(bot/telegram.py) then calls `setup(...)`. Handlers are typed with `Context`, so
`context.bot_data.assistant` is an `AssistantLike`, not `Any`.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from telegram import Message
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.admin import IndexAdmin
from bot.answer import Answer
from bot.answer_cache import AnswerCache
from bot.config import BotSettings
from bot.ratelimit import RetrievalGate, UserRateLimiter
from bot.seams import AssistantLike, JournalLike

MAX_REMEMBERED = 5000  # answers and prompts kept in memory (the journal keeps answers for longer)


@dataclass
class Served:
    """An answer we sent, kept so its buttons can show the pasal, sources or a draft."""

    user_id: int | None  # None when restored from the journal (which stores only a hash)
    answer: Answer
    user_hash: str | None = None
    asked_at: float = field(default_factory=time.time)  # when the question was asked (wall clock)


@dataclass
class Prompt:
    """A question the bot asked and waits for: a 👎 reason, an upload's description or its status."""

    kind: str  # "reason" | "upload" | "upload_status" | "upload_target"
    user_id: int
    data: dict[str, Any]
    asked_at: float = field(default_factory=time.monotonic)


class BotData:
    """Everything the handlers share (one per Application)."""

    settings: BotSettings
    assistant: AssistantLike
    journal: JournalLike | None
    admin: IndexAdmin
    limiter: UserRateLimiter
    gate: RetrievalGate
    admin_ids: frozenset[int]
    helpdesk_ids: frozenset[int]

    def __init__(self) -> None:
        self.served: OrderedDict[int, Served] = OrderedDict()
        self.prompts: OrderedDict[tuple[int, int], Prompt] = OrderedDict()
        self.answers = AnswerCache()
        self.asking: dict[tuple[int, int], str] = {}  # (chat, user) → the question being answered now
        self.started_at = time.time()
        self.reindex_task: asyncio.Task[None] | None = None
        self.local_ids = itertools.count(-1, -1)  # answer ids when no journal is configured

    def setup(self, settings: BotSettings, assistant: AssistantLike, journal: JournalLike | None,
              admin: IndexAdmin, gate: RetrievalGate) -> None:
        self.settings, self.assistant, self.journal, self.admin, self.gate = settings, assistant, journal, admin, gate
        self.limiter = UserRateLimiter(settings.rate_limit_per_minute)
        self.admin_ids = frozenset(settings.admin_id_set)
        self.helpdesk_ids = frozenset(settings.helpdesk_id_set) | self.admin_ids

    def remember(self, qid: int, served: Served) -> None:
        self.served[qid] = served
        while len(self.served) > MAX_REMEMBERED:
            self.served.popitem(last=False)

    def ask_later(self, message: Message, prompt: Prompt) -> None:
        self.prompts[(message.chat_id, message.message_id)] = prompt
        while len(self.prompts) > MAX_REMEMBERED:
            self.prompts.popitem(last=False)

    def busy(self) -> bool:
        """An index change (rebuild, upload, /cabut) is running."""
        return self.admin.busy or bool(self.reindex_task and not self.reindex_task.done())


Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]
BotApp = Application[ExtBot[None], Context, dict[Any, Any], dict[Any, Any], BotData, Any]
CONTEXT_TYPES = ContextTypes(bot_data=BotData)
