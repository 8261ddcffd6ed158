"""The bot token never appears in a log line or an error report (tracebacks included)."""

from __future__ import annotations

import hashlib
import logging
import traceback
from typing import Any


def webhook_secret(token: str) -> str:
    """The webhook path and secret header derived from the token (never the token itself)."""
    return hashlib.sha256(f"tanya-asn:{token}".encode()).hexdigest()[:32] if token else ""


class _Redactor:
    """Replaces the bot token (and its webhook hash) in every log record, traceback included."""

    def __init__(self, secrets: list[str]) -> None:
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
        _redactor = _Redactor([token, webhook_secret(token)])
        logging.setLogRecordFactory(_redactor)
    else:
        _redactor.secrets = sorted({*_redactor.secrets, token, webhook_secret(token)} - {""})
