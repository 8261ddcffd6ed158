"""The journal: questions, answers (citation labels), feedback and admin actions in SQLite.

Why SQLite in WAL mode: one file next to the index, survives restarts, readers never block the
writer, and a helpdesk admin can open it with any SQLite tool. Why the care around "busy": the
bot writes from many threads (`asyncio.to_thread`) and an admin may hold the file open; a 👎 that
is dropped because the database was locked for a moment is exactly the feedback we most need. So
every write waits (`busy_timeout`) and then retries with backoff for a generous deadline.

Button context: the buttons under an answer carry only its question id; `asked(id)` gives back the
question and who asked (hashed), so "Teks lengkap", "Sumber" and 👍/👎 work after a restart and on
any bot process that shares this file.

Privacy: Telegram user ids are never stored. Each is replaced by an HMAC-SHA256 with a secret salt
(a setting, or a random salt file created next to the database), stable across restarts so
"distinct users" and "one vote per user" still work. Anything that looks like a Telegram bot token
is redacted from stored text.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from bot.answer import Answer
from bot.seams import AskedQuestion

log = logging.getLogger(__name__)

DEFAULT_DB_PATH = "data/tanya_asn.sqlite3"
SCHEMA_VERSION = 1
# Indonesian civil servants count days in WIB (UTC+7, no daylight saving); "questions per day"
# must not split a working day at 07:00.
WIB = timezone(timedelta(hours=7), "WIB")
# "123456789:AA…" — also inside URLs such as ".../bot123456789:AA…/getMe", hence no \b at the start.
_TOKEN_RE = re.compile(r"(?<!\d)\d{6,12}:[A-Za-z0-9_-]{30,}")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS questions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    ts            TEXT    NOT NULL,          -- UTC, ISO 8601
    day           TEXT    NOT NULL,          -- WIB calendar day, for per-day stats
    user_hash     TEXT    NOT NULL,
    chat_type     TEXT    NOT NULL,          -- private | group | supergroup | channel | other
    question      TEXT    NOT NULL,
    question_norm TEXT    NOT NULL,          -- lowercased, single-spaced: groups repeats
    found         INTEGER NOT NULL,
    citations     TEXT    NOT NULL,          -- JSON list of citation labels
    latency_ms    REAL,
    via_llm       INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS questions_day ON questions(day);
CREATE TABLE IF NOT EXISTS feedback (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    question_id INTEGER NOT NULL,
    user_hash   TEXT    NOT NULL,
    value       INTEGER NOT NULL CHECK (value IN (-1, 1)),
    reason      TEXT,
    ts          TEXT    NOT NULL,
    day         TEXT    NOT NULL,
    UNIQUE (question_id, user_hash)
);
CREATE TABLE IF NOT EXISTS admin_actions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    ts         TEXT NOT NULL,
    admin_hash TEXT NOT NULL,
    action     TEXT NOT NULL,
    detail     TEXT
);
"""


class JournalError(Exception):
    """The journal could not be written even after retrying; the message says why."""


@dataclass
class Stats:
    """What `/stats` shows an admin."""

    days: int
    per_day: list[tuple[str, int]]  # (YYYY-MM-DD in WIB, questions), oldest first, zeros included
    questions: int
    answered: int
    unanswered: int
    users: int
    thumbs_up: int
    thumbs_down: int
    top_unanswered: list[tuple[str, int]] = field(default_factory=list)  # (question, times asked)

    def format(self) -> str:
        lines = [f"Statistik {self.days} hari terakhir:",
                 f"Pertanyaan: {self.questions} dari {self.users} pengguna "
                 f"({self.answered} terjawab, {self.unanswered} tidak terjawab).",
                 f"Umpan balik: 👍 {self.thumbs_up} · 👎 {self.thumbs_down}.",
                 "Per hari:"]
        lines += [f"  {day}: {n}" for day, n in self.per_day]
        if self.top_unanswered:
            lines.append("Paling sering tidak terjawab:")
            lines += [f"  {n}× {q}" for q, n in self.top_unanswered]
        return "\n".join(lines)


def redact(text: str | None) -> str | None:
    """Remove anything shaped like a Telegram bot token before it is stored."""
    return _TOKEN_RE.sub("[token disembunyikan]", text) if text else text


def normalize_question(text: str) -> str:
    return " ".join(text.lower().split()).strip(" ?!.")


def citation_labels(answer: Answer) -> list[str]:
    """The labels as shown to the user: narrowed to the quoted ayat/huruf when the citation says so."""
    return [getattr(c, "label", "") or c.chunk.label for c in answer.citations]


def chat_type_of(user_id: int, chat_id: int) -> str:
    """Telegram's convention: a private chat's id is the user's id; groups are negative."""
    if chat_id == user_id:
        return "private"
    if chat_id < 0:
        return "supergroup" if str(chat_id).startswith("-100") else "group"
    return "other"


class Journal:
    """Thread-safe journal over one SQLite file (one connection per thread)."""

    def __init__(
        self,
        path: str | Path = DEFAULT_DB_PATH,
        *,
        salt: str | bytes | None = None,
        busy_timeout: float = 5.0,
        retry_for: float = 30.0,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._salt = _salt_bytes(salt) if salt else _salt_from_file(self.path)
        self._busy_ms = int(busy_timeout * 1000)
        self._retry_for = retry_for
        self._clock = clock or (lambda: datetime.now(UTC))
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._conns_lock = threading.Lock()
        self._closed = False
        self._write(_create_schema, script=True)
        self._write(lambda c: c.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)",
                                        (str(SCHEMA_VERSION),)))

    @classmethod
    def from_settings(cls, settings: Any) -> Journal:
        """Open the journal a settings object describes (`db_path`, optional `user_hash_salt`)."""
        from indexer.config import resolve

        salt: Any = getattr(settings, "user_hash_salt", None)
        if salt is not None and hasattr(salt, "get_secret_value"):
            salt = salt.get_secret_value()
        return cls(resolve(getattr(settings, "db_path", None) or DEFAULT_DB_PATH), salt=salt or None)

    # --- hashing -------------------------------------------------------------------------------

    def hash_user(self, user_id: int | str) -> str:
        return hmac.new(self._salt, str(user_id).encode(), hashlib.sha256).hexdigest()

    # --- writes --------------------------------------------------------------------------------

    def log_question(self, user_id: int, chat_id: int, question: str, answer: Answer,
                     *, chat_type: str | None = None) -> int:
        """Store one answered (or unanswered) question; returns its id for the feedback buttons."""
        now = self._now()
        question = redact(question) or ""
        row = (now.isoformat(), _day(now), self.hash_user(user_id), chat_type or chat_type_of(user_id, chat_id),
               question, normalize_question(question), int(bool(answer.found)),
               json.dumps(citation_labels(answer), ensure_ascii=False),
               float(answer.latency_ms), int(bool(answer.via_llm)))
        return self._write(lambda c: c.execute(
            "INSERT INTO questions (ts, day, user_hash, chat_type, question, question_norm, found, citations,"
            " latency_ms, via_llm) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row).lastrowid)

    def log_feedback(self, question_id: int, user_id: int, value: int, reason: str | None = None) -> None:
        """👍 (+1) or 👎 (-1); a user's later vote on the same answer replaces the earlier one."""
        if value not in (1, -1):
            raise ValueError(f"value harus +1 atau -1, bukan {value!r}")
        now = self._now()
        row = (int(question_id), self.hash_user(user_id), value, redact(reason), now.isoformat(), _day(now))
        self._write(lambda c: c.execute(
            "INSERT INTO feedback (question_id, user_hash, value, reason, ts, day) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (question_id, user_hash) DO UPDATE SET value = excluded.value,"
            " reason = COALESCE(excluded.reason, feedback.reason), ts = excluded.ts, day = excluded.day", row))

    def set_feedback_reason(self, question_id: int, user_id: int, reason: str) -> None:
        """The one-line reason after a 👎; kept even if the vote itself never arrived."""
        now = self._now()
        row = (int(question_id), self.hash_user(user_id), redact(reason), now.isoformat(), _day(now))
        self._write(lambda c: c.execute(
            "INSERT INTO feedback (question_id, user_hash, value, reason, ts, day) VALUES (?, ?, -1, ?, ?, ?)"
            " ON CONFLICT (question_id, user_hash) DO UPDATE SET reason = excluded.reason", row))

    def log_admin(self, user_id: int, action: str, detail: str | None = None) -> None:
        row = (self._now().isoformat(), self.hash_user(user_id), action, redact(detail))
        self._write(lambda c: c.execute(
            "INSERT INTO admin_actions (ts, admin_hash, action, detail) VALUES (?, ?, ?, ?)", row))

    # --- reads ---------------------------------------------------------------------------------

    def stats(self, days: int = 7, *, top: int = 5) -> Stats:
        """Numbers for the last `days` WIB days, today included."""
        today = self._now().astimezone(WIB).date()
        first = today - timedelta(days=days - 1)
        c = self._conn()
        window = (first.isoformat(), today.isoformat())
        in_window = "day BETWEEN ? AND ?"
        counts = dict(c.execute(f"SELECT day, COUNT(*) FROM questions WHERE {in_window} GROUP BY day", window))
        total, answered, users = c.execute(
            "SELECT COUNT(*), COALESCE(SUM(found), 0), COUNT(DISTINCT user_hash) FROM questions"
            f" WHERE {in_window}", window).fetchone()
        up, down = c.execute(
            "SELECT COALESCE(SUM(value = 1), 0), COALESCE(SUM(value = -1), 0) FROM feedback"
            f" WHERE {in_window}", window).fetchone()
        top_rows = c.execute(
            f"SELECT MAX(question), COUNT(*) AS n FROM questions WHERE {in_window} AND found = 0"
            " GROUP BY question_norm ORDER BY n DESC, MAX(id) DESC LIMIT ?", (*window, top)).fetchall()
        per_day = [((first + timedelta(days=i)).isoformat(), 0) for i in range(days)]
        per_day = [(d, counts.get(d, 0)) for d, _ in per_day]
        return Stats(days=days, per_day=per_day, questions=total, answered=answered,
                     unanswered=total - answered, users=users, thumbs_up=up, thumbs_down=down,
                     top_unanswered=[(q, n) for q, n in top_rows])

    def asked(self, question_id: int) -> AskedQuestion | None:
        """One recorded question: the context of the buttons under its answer (they carry only its id),
        so they keep working after a restart and on every bot process sharing this journal."""
        row = self._conn().execute("SELECT id, user_hash, question, found, ts FROM questions WHERE id = ?",
                                   (int(question_id),)).fetchone()
        if row is None:
            return None
        age = (self._now() - datetime.fromisoformat(row[4])).total_seconds()
        return AskedQuestion(id=row[0], user_hash=row[1], question=row[2], found=bool(row[3]), age_s=age)

    def close(self) -> None:
        with self._conns_lock:
            self._closed = True
            for conn in self._conns:
                conn.close()
            self._conns.clear()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plumbing ------------------------------------------------------------------------------

    def _now(self) -> datetime:
        now = self._clock()
        return now if now.tzinfo else now.replace(tzinfo=UTC)

    def _conn(self) -> sqlite3.Connection:
        if self._closed:
            raise JournalError("Jurnal sudah ditutup.")
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=self._busy_ms / 1000, isolation_level=None,
                                   check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {self._busy_ms}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")  # durable across app crashes, fast
            with self._conns_lock:
                if self._closed:
                    conn.close()
                    raise JournalError("Jurnal sudah ditutup.")
                self._conns.append(conn)
            self._local.conn = conn
        return conn

    def _write(self, op: Callable[[sqlite3.Connection], Any], *, script: bool = False) -> Any:
        """Run `op` in its own write transaction, retrying while the database is busy."""
        deadline = time.monotonic() + self._retry_for
        delay = 0.05
        attempt = 0
        while True:
            attempt += 1
            conn = self._conn()
            try:
                if script:
                    return op(conn)  # executescript manages its own transaction
                conn.execute("BEGIN IMMEDIATE")
                try:
                    result = op(conn)
                    conn.execute("COMMIT")
                    return result
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() >= deadline:
                    raise JournalError(f"Gagal menulis jurnal {self.path} setelah {attempt} percobaan: {exc}") from exc
                log.warning("Jurnal sibuk (%s), mencoba lagi (percobaan %d)", exc, attempt)
                time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
                delay = min(delay * 2, 1.0)


def _create_schema(conn: sqlite3.Connection) -> None:
    conn.executescript(_SCHEMA)


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _day(moment: datetime) -> str:
    return moment.astimezone(WIB).date().isoformat()


def _salt_bytes(salt: str | bytes) -> bytes:
    return salt if isinstance(salt, bytes) else salt.encode()


def _salt_from_file(db_path: Path) -> bytes:
    """A random salt kept next to the database, created once (0600) so hashes survive restarts."""
    salt_path = db_path.with_name(db_path.name + ".salt")
    try:
        fd = os.open(salt_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):  # another process may be writing it right now
            value = salt_path.read_bytes().strip()
            if value:
                return value
            time.sleep(0.01)
        raise JournalError(f"Berkas salt {salt_path} kosong; hapus agar dibuat ulang.") from None
    value = secrets.token_hex(32).encode()
    with os.fdopen(fd, "wb") as fh:
        fh.write(value)
    return value
