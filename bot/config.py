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
    # Comma separated Telegram user ids of helpdesk staff: they get the "Buat draf jawaban" button
    # (admins too). Everyone can still use /draf.
    helpdesk_ids: str = ""
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
    # Questions embedded within this many ms of each other share one forward pass (0 = off).
    # Off by default: with EMBEDDING_INT8 the int8 activation scale is computed over the whole batch,
    # so a question's vector (and in rare near-ties its answer) would depend on who else asked.
    query_batch_ms: float = 0.0
    # The buttons under an answer keep working this long (after restarts too: the journal keeps them).
    button_ttl_hours: float = 168.0

    @property
    def admin_id_set(self) -> set[int]:
        """Admin ids as integers; malformed entries are ignored rather than crashing startup."""
        return _ids(self.admin_ids)

    @property
    def helpdesk_id_set(self) -> set[int]:
        return _ids(self.helpdesk_ids)

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url.strip() and self.llm_model.strip())

    @cached_property
    def db_file(self) -> Path:
        return resolve(self.db_path)


def _ids(text: str) -> set[int]:
    ids: set[int] = set()
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if part.lstrip("-").isdigit():
            ids.add(int(part))
    return ids
