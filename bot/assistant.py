"""The one object the Telegram bot, the CLI and the benchmarks talk to.

It loads the embedding model and opens the store once; handlers receive it (PTB `bot_data`).
"""

from __future__ import annotations

from indexer.types import Chunk, Document

from bot.answer import Answer


class Assistant:
    """Answers questions from the active index. Contract used by bot/telegram.py and bot/__main__.py."""

    def ask(self, question: str, top_k: int = 5) -> Answer:
        """Retrieve and compose the extractive (or LLM-lead) answer. Never raises on bad input."""
        raise NotImplementedError

    def draft(self, question: str) -> str:
        """Formal helpdesk reply ("Menanggapi pertanyaan Saudara/i …") with a Dasar hukum list."""
        raise NotImplementedError

    def pasal(self, reference: str) -> list[Chunk]:
        """All chunks of the pasal a user names ("PP 94/2021 5", "UU ASN pasal 9"), body then Penjelasan;
        [] when no such pasal is indexed."""
        raise NotImplementedError

    def documents(self) -> list[Document]:
        """The indexed documents with their status, for /start, /sumber and the Sumber button."""
        raise NotImplementedError

    def refresh(self) -> bool:
        """Pick up a newly switched-in index generation; True when it changed."""
        raise NotImplementedError
