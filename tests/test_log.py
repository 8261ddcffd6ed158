"""The journal (bot/log.py): nothing is lost, nobody's Telegram id is stored, stats add up."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.answer import Answer, Citation
from bot.log import Journal, JournalError, Stats, chat_type_of
from indexer.types import Chunk

USER = 987654321
OTHER = 123456789
TOKEN = "7123456789:AAHk3x_Zq9-abcdefghijklmnopqrstuvwxy"


def answer(found: bool = True, *labels: str, latency: float = 120.0, via_llm: bool = False) -> Answer:
    labels = labels or (("PP 94/2021 Pasal 5 huruf n",) if found else ())
    cites = [Citation(n=i + 1, chunk=Chunk(doc_id="pp-94-2021", text="…", label=label), quote="…", score=0.9)
             for i, label in enumerate(labels)]
    return Answer(question="q", found=found, lead="", citations=cites, latency_ms=latency, via_llm=via_llm)


class Clock:
    """A settable clock, so per-day statistics can be tested without waiting for midnight."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.sqlite3"  # parent does not exist yet


def test_questions_and_feedback_survive_a_restart(db):
    with Journal(db) as journal:
        qid = journal.log_question(USER, USER, "Bolehkah PNS ikut kampanye?", answer(True))
        journal.log_feedback(qid, USER, -1)
        journal.set_feedback_reason(qid, USER, "kurang jelas")
        journal.log_admin(OTHER, "reindex", "dimulai")

    with Journal(db) as reopened:  # a new process: same file, same salt file
        stats = reopened.stats()
        assert (stats.questions, stats.thumbs_down, stats.users) == (1, 1, 1)
        conn = sqlite3.connect(db)
        row = conn.execute(
            "SELECT question, found, citations, latency_ms, via_llm, chat_type FROM questions").fetchone()
        assert row == ("Bolehkah PNS ikut kampanye?", 1, '["PP 94/2021 Pasal 5 huruf n"]', 120.0, 0, "private")
        fb = conn.execute("SELECT question_id, value, reason, user_hash FROM feedback").fetchone()
        assert fb[:3] == (qid, -1, "kurang jelas")
        assert fb[3] == reopened.hash_user(USER)  # the same user hashes the same after restart
        assert conn.execute("SELECT action, detail FROM admin_actions").fetchall() == [("reindex", "dimulai")]
        conn.close()


def test_the_database_is_in_wal_mode(db):
    Journal(db).close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_user_ids_are_stored_only_as_salted_hashes(db):
    with Journal(db) as journal:
        qid = journal.log_question(USER, -1001234567890, "pertanyaan", answer(True))
        journal.log_feedback(qid, USER, 1)
        journal.log_admin(USER, "cabut", "pp-53-2010 oleh pp-94-2021")
        h = journal.hash_user(USER)
    assert len(h) == 64 and str(USER) not in h
    raw = b"".join(p.read_bytes() for p in db.parent.iterdir() if p.name.startswith(db.name) and "salt" not in p.name)
    assert str(USER).encode() not in raw
    # a different salt gives different hashes: the hash alone does not reveal the id
    assert Journal(db.with_name("other.sqlite3"), salt="another-salt").hash_user(USER) != h
    assert (db.parent / (db.name + ".salt")).stat().st_mode & 0o077 == 0  # salt file readable by owner only


def test_a_salt_from_settings_is_used_instead_of_the_file(db):
    class Settings:
        db_path = str(db)
        user_hash_salt = "rahasia"

    with Journal.from_settings(Settings()) as a, Journal(db.with_name("b.sqlite3"), salt="rahasia") as b:
        assert a.hash_user(USER) == b.hash_user(USER)
    assert not (db.parent / (db.name + ".salt")).exists()


def test_a_telegram_token_never_reaches_the_database(db):
    with Journal(db) as journal:
        qid = journal.log_question(USER, USER, f"token saya {TOKEN} tolong", answer(False))
        journal.log_feedback(qid, USER, -1, reason=f"lihat {TOKEN}")
        journal.log_admin(USER, "status", f"error: https://api.telegram.org/bot{TOKEN}/getMe")
    raw = b"".join(p.read_bytes() for p in db.parent.iterdir() if p.name.startswith(db.name))
    assert TOKEN.split(":")[1].encode() not in raw


def test_chat_type_is_derived_from_telegram_ids():
    assert chat_type_of(5, 5) == "private"
    assert chat_type_of(5, -42) == "group"
    assert chat_type_of(5, -1001234567890) == "supergroup"


def test_a_later_vote_replaces_the_earlier_one_and_bad_values_are_refused(db):
    with Journal(db) as journal:
        qid = journal.log_question(USER, USER, "q", answer(True))
        journal.log_feedback(qid, USER, 1)
        journal.log_feedback(qid, USER, -1)
        journal.log_feedback(qid, OTHER, 1)
        stats = journal.stats()
        assert (stats.thumbs_up, stats.thumbs_down) == (1, 1)
        with pytest.raises(ValueError):
            journal.log_feedback(qid, USER, 5)


def test_concurrent_writers_and_a_held_write_lock_lose_no_feedback(db, caplog):
    """8 threads write while another connection holds the write lock for longer than busy_timeout."""
    caplog.set_level(logging.WARNING, logger="bot.log")
    journal = Journal(db, busy_timeout=0.1, retry_for=20)
    qids = [journal.log_question(u, u, f"pertanyaan {u}", answer(u % 2 == 0)) for u in range(40)]

    blocker = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")  # e.g. an admin's SQLite browser, or a second bot process
    released = threading.Event()

    def release_later() -> None:
        time.sleep(1.0)
        blocker.execute("COMMIT")
        released.set()

    errors: list[BaseException] = []

    def writer(t: int) -> None:
        try:
            for i, qid in enumerate(qids):
                journal.log_feedback(qid, 10_000 + t, 1 if (i + t) % 3 else -1)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(t,)) for t in range(8)]
    threading.Thread(target=release_later).start()
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=60)
    assert released.is_set() and not errors
    assert "Jurnal sibuk" in caplog.text  # the lock outlasted busy_timeout: the retry path did the work
    journal.close()
    blocker.close()

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0] == 8 * 40
    with Journal(db) as again:
        s = again.stats()
        assert s.thumbs_up + s.thumbs_down == 320


def test_when_the_lock_is_never_released_the_error_is_clear(db):
    journal = Journal(db, busy_timeout=0.05, retry_for=0.3)
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(JournalError, match="Gagal menulis jurnal"):
            journal.log_admin(USER, "reindex")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
        journal.close()


def test_stats_count_per_wib_day_feedback_and_frequent_unanswered_questions(db):
    # 2024-02-10 23:30 UTC is already 2024-02-11 in WIB
    clock = Clock(datetime(2024, 2, 10, 23, 30, tzinfo=UTC))
    with Journal(db, clock=clock) as journal:
        q1 = journal.log_question(1, 1, "Bolehkah PNS ikut kampanye?", answer(True))
        journal.log_question(2, 2, "Apa itu SKB netralitas?", answer(False))
        journal.log_question(3, 3, "apa itu  SKB netralitas", answer(False))
        journal.log_feedback(q1, 1, 1)
        clock.now += timedelta(days=2)  # 2024-02-13 WIB
        journal.log_question(1, 1, "Apa itu SKB netralitas?", answer(False))
        journal.log_question(4, 4, "Cuti di luar tanggungan negara?", answer(False))
        q6 = journal.log_question(5, 5, "PNS jadi tim sukses?", answer(True))
        journal.log_feedback(q6, 5, -1)
        clock.now += timedelta(days=10)
        journal.log_question(6, 6, "di luar jendela", answer(False))
        clock.now -= timedelta(days=10)

        stats = journal.stats(days=3)

    assert isinstance(stats, Stats)
    assert stats.per_day == [("2024-02-11", 3), ("2024-02-12", 0), ("2024-02-13", 3)]
    assert (stats.questions, stats.answered, stats.unanswered, stats.users) == (6, 2, 4, 5)
    assert (stats.thumbs_up, stats.thumbs_down) == (1, 1)
    assert stats.top_unanswered[0][1] == 3  # the SKB question, however it was typed
    assert "skb netralitas" in stats.top_unanswered[0][0].lower()
    text = stats.format()
    assert "👍 1" in text and "👎 1" in text and "3× " in text


def test_a_closed_journal_refuses_writes_clearly(db):
    journal = Journal(db)
    journal.close()
    with pytest.raises(JournalError, match="ditutup"):
        journal.log_admin(USER, "status")
