"""The seams between the Telegram layer and the rest, as Protocols (what a fake must provide).

The Telegram handlers only need these methods; tests and benchmarks can pass any object that has
them, and mypy checks the real `Assistant` and `Journal` against them where they are wired.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from bot.answer import Answer
from indexer.types import Chunk, Document


class AssistantLike(Protocol):
    """What answers: `bot.assistant.Assistant`."""

    generation: str | None  # the index generation answers come from (changes after a rebuild)

    def ask(self, question: str, top_k: int = 5) -> Answer: ...

    def draft(self, question: str) -> str: ...

    def pasal(self, reference: str) -> list[Chunk]: ...

    def pasal_chunks(self, doc_id: str, pasal: str) -> list[Chunk]: ...

    def documents(self) -> list[Document]: ...

    def history_line(self, doc_id: str, pasal: str) -> str: ...

    def refresh(self, force: bool = False) -> bool: ...


@dataclass(frozen=True)
class AskedQuestion:
    """A question the journal recorded: enough to serve the buttons under its answer after a restart."""

    id: int
    user_hash: str
    question: str
    found: bool
    age_s: float  # seconds since it was asked


class JournalLike(Protocol):
    """What records: `bot.log.Journal` (SQLite)."""

    def log_question(self, user_id: int, chat_id: int, question: str, answer: Answer,
                     *, chat_type: str | None = None) -> int: ...

    def log_feedback(self, question_id: int, user_id: int, value: int, reason: str | None = None) -> None: ...

    def set_feedback_reason(self, question_id: int, user_id: int, reason: str) -> None: ...

    def log_admin(self, user_id: int, action: str, detail: str | None = None) -> None: ...

    def stats(self, days: int = 7, *, top: int = 5) -> Any: ...

    def asked(self, question_id: int) -> AskedQuestion | None: ...

    def hash_user(self, user_id: int | str) -> str: ...


class QueryEmbedder(Protocol):
    """What turns a question into a vector: `indexer.embed.Embedder` or `bot.batching.MicroBatcher`."""

    def embed_query(self, text: str) -> list[float]: ...
