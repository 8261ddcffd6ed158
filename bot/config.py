"""Settings of the bot (Telegram, optional LLM, answer threshold, limits), read from `.env`.

Extends the indexer's settings so one `.env` configures the whole product and the bot always
reads the same corpus, index and embedding model the indexer wrote.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from indexer.config import IndexSettings, resolve


class BotSettings(IndexSettings):
    """Everything the Telegram bot, the CLI and the answer pipeline need."""

    telegram_bot_token: str = ""
    # Comma separated Telegram user ids allowed to use admin commands ("123,456").
    admin_ids: str = ""
    # Empty = the official Bot API; set to an emulator or a local Bot API server for tests.
    telegram_base_url: str = ""
    telegram_base_file_url: str = ""
    # Empty = long polling; set to a public https URL to receive updates by webhook.
    webhook_url: str = ""
    # Where this process listens in webhook mode (one port per process behind the proxy).
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443

    # Optional LLM (any OpenAI-compatible endpoint). Both empty = extractive answers only.
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = ""
    llm_timeout_s: float = 20.0

    # Below this retrieval confidence the assistant says it found nothing (calibrated on dev).
    answer_threshold: float = 0.0
    max_question_chars: int = 1000
    db_path: str = "data/tanya_asn.sqlite3"
    rate_limit_per_minute: int = 20
    max_upload_mb: int = 20
    # Threads torch and BLAS may use per question (0 = their defaults). One short query gains
    # nothing from two threads, and on a busy 2-core machine two threads spin: 1 → ~30 ms, 2 → ~300 ms.
    torch_threads: int = 1

    @property
    def admin_id_set(self) -> set[int]:
        """Admin ids as integers; malformed entries are ignored rather than crashing startup."""
        ids: set[int] = set()
        for part in self.admin_ids.replace(";", ",").split(","):
            part = part.strip()
            if part.lstrip("-").isdigit():
                ids.add(int(part))
        return ids

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url.strip() and self.llm_model.strip())

    @cached_property
    def db_file(self) -> Path:
        return resolve(self.db_path)
