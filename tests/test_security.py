"""Security, end to end: no one but an admin changes anything, the token never leaks, and one user
cannot starve the others.

The real bot (bot/telegram.py) long-polls the Bot API emulator. Here every bot gets a token shaped
like a real one (`1234567890:AA…`, 35 characters after the colon), so every redactor must
recognise it. Uploaded files under generated names (and `../../etc/passwd.pdf`) are in
tests/test_bad_input.py.
"""

from __future__ import annotations

import asyncio
import logging
import random
import secrets
import threading
import time

import pytest

from bot import messages as M
from bot import messages as N
from bot.ratelimit import RetrievalGate
from tests.conftest import E2E_ADMIN_ID
from tests.corpus_path import shared_corpus
from tests.helpers_e2e import (
    NORMAL_QUESTION,
    Snapshot,
    answer_to,
    assert_telegram_html,
    faults,
    inject_fault,
    still_answers,
)
from tests.tguser import TgUser

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shared_corpus() is None, reason="../shared/corpus (korpus uji bersama) tidak ada"),
]

PP37_CAPTION = "PP 37 2004 Larangan PNS Menjadi Anggota Partai Politik"


@pytest.fixture
def e2e_token() -> str:
    """A token shaped like a real one (overrides tests/conftest.py's short test tokens)."""
    return f"{random.randint(10**9, 2 * 10**9)}:AA{secrets.token_urlsafe(33)[:33]}"


def pp37() -> bytes:
    return (shared_corpus() / "pdf" / "pp-37-2004.pdf").read_bytes()


# ------------------------------------------------------------------------------ admin allowlist


def command(text: str):
    async def act(intruder: TgUser, start) -> None:
        await intruder.send_command(text)
        assert (await intruder.reply()).text == M.ADMIN_ONLY
    return act


def callback(data: str):
    async def act(intruder: TgUser, start) -> None:
        await intruder.press(start, data)  # forged: admin buttons never appear in a non-admin's chat
        deadline = time.monotonic() + 10
        while not (answers := await intruder.callback_answers()):
            assert time.monotonic() < deadline, "the forged button press was never answered"
            await asyncio.sleep(0.1)
        assert [a.get("text") for a in answers] == [M.ADMIN_ONLY]
    return act


def upload(caption: str | None):
    async def act(intruder: TgUser, start) -> None:
        await intruder.send_document(pp37(), "pp-37-2004.pdf", caption=caption)
        assert (await intruder.reply()).text == N.UPLOAD_NOT_ADMIN  # kindly, not "khusus admin"
    return act


FORGED = {
    "/reindex": command("/reindex"),
    "/reindex penuh": command("/reindex penuh"),
    "/status": command("/status"),
    "/stats": command("/stats"),
    "/cabut": command("/cabut pp-42-2004 pp-94-2021"),
    "callback adm:reindex": callback("adm:reindex"),
    "callback adm:cancel": callback("adm:cancel"),
    "callback adm:unknown": callback("adm:hapus-semua"),
    "upload with caption": upload(PP37_CAPTION),
    "upload without caption": upload(None),
}


@pytest.mark.parametrize("act", FORGED.values(), ids=FORGED.keys())
async def test_a_non_admin_is_refused_and_nothing_changes(act, user: TgUser, running_bot, bot_settings, e2e_journal):
    await user.send_command("/start")
    start = await user.reply()
    before = Snapshot.take(bot_settings)

    await act(user, start)
    assert await user.no_more_replies(1.0)

    after = Snapshot.take(bot_settings)
    assert after == before
    assert after.admin_actions == ()
    state = running_bot.bot_data
    assert state.reindex_task is None and not state.busy()
    assert "pp-37-2004" not in {d.id for d in state.assistant.documents()}
    assert {d.id: d.status for d in state.assistant.documents()}["pp-42-2004"] == "berlaku"
    await still_answers(user)


async def test_a_non_admin_cannot_answer_an_admins_upload_prompt_in_a_group(tg, running_bot, bot_settings,
                                                                            e2e_journal):
    group = -100424242
    admin = tg(E2E_ADMIN_ID, "Admin", group_id=group)
    intruder = tg(5150, "Budi", group_id=group)
    before = Snapshot.take(bot_settings)
    await admin.send_document(pp37(), "pp-37-2004.pdf")  # no caption: the bot asks the admin for it
    prompt = await admin.reply()
    assert "jenis nomor tahun judul" in prompt.text

    await intruder.send_text(PP37_CAPTION, reply_to=prompt)  # Budi answers the admin's prompt
    await asyncio.sleep(2.0)
    seen = [r.text for r in await intruder.replies(1, timeout=30)]
    assert not any("Memeriksa" in t or "pasal dikenali" in t for t in seen), seen
    after = Snapshot.take(bot_settings)  # Budi's text was taken as a question to the bot, nothing more
    assert (after.catalog, after.corpus_files, after.generation, after.admin_actions) == \
        (before.catalog, before.corpus_files, before.generation, before.admin_actions)
    assert running_bot.bot_data.reindex_task is None
    prompts = running_bot.bot_data.prompts
    assert [p.user_id for p in prompts.values() if p.kind == "upload"] == [E2E_ADMIN_ID]  # still the admin's


# ------------------------------------------------------------------------------ the token


@pytest.fixture
def every_log_line(caplog):
    """Capture every record at DEBUG, httpx's request lines (which carry the bot URL) included."""
    loggers = [logging.getLogger(n) for n in ("httpx", "httpcore", "telegram", "bot")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
    with caplog.at_level(logging.DEBUG):
        yield caplog
    for lg, level in zip(loggers, levels, strict=True):
        lg.setLevel(level)


async def test_the_token_is_redacted_from_every_log_line_and_error_report(
        user, admin, running_bot, bot_settings, e2e_journal, http, emulator, e2e_token, every_log_line):
    token = e2e_token
    assert running_bot.bot.token == token
    leak = f"Bad Gateway: upstream {emulator}/bot{token}/{{method}} did not answer"  # a proxy's error page

    # 1. a normal question: httpx logs "HTTP Request: POST …/bot<token>/sendMessage"
    await still_answers(user)

    # 2. Telegram keeps failing the answer with an error that quotes the URL: the question fails
    #    (1 try + 4 retries), the user gets the apology and the admin a report
    await inject_fault(http, emulator, token, "sendMessage", 502, count=5,
                       description=leak.format(method="sendMessage"))
    await user.send_text("apa sanksi PNS yang ikut kampanye?")
    assert (await user.reply(timeout=30)).text == M.ERROR_USER
    report = await admin.reply(timeout=10)
    assert "NetworkError" in report.text and "&lt;TOKEN&gt;" in report.text
    assert_telegram_html(report.text)

    # 3. an admin upload whose download fails the same way
    await inject_fault(http, emulator, token, "getFile", 502, count=5, description=leak.format(method="getFile"))
    await admin.send_document(pp37(), "pp-37-2004.pdf", caption=PP37_CAPTION)
    replies = await admin.replies(1, timeout=30)
    while replies[-1].text.startswith("⏳"):
        replies += await admin.replies(1, timeout=30)
    failed = replies[-1]
    assert failed.text.startswith("❌ Gagal mengunduh") and "Bad Gateway" in failed.text
    assert_telegram_html(failed.text)
    assert all(f["left"] == 0 for f in await faults(http, emulator, token))

    for r in [report, *replies]:
        assert token not in r.text and token.split(":")[1] not in r.text
    log_text = every_log_line.text
    assert "/bot<TOKEN>/" in log_text  # the URLs were logged, redacted
    assert token not in log_text and token.split(":")[1] not in log_text
    for record in every_log_line.records:
        assert token.split(":")[1] not in record.getMessage()
    journal_bytes = b"".join(p.read_bytes() for p in bot_settings.db_file.parent.glob(bot_settings.db_file.name + "*"))
    assert token.split(":")[1].encode() not in journal_bytes
    await still_answers(user)


# ------------------------------------------------------------------------------ fair use


class CountingAssistant:
    """The real Assistant, 0.5 s slower per retrieval, counting retrievals in flight."""

    def __init__(self, real, delay: float = 0.5):
        self.real, self.delay = real, delay
        self.lock = threading.Lock()
        self.in_flight = self.peak = self.calls = 0

    def __getattr__(self, name):
        return getattr(self.real, name)

    def _slow(self, fn, *args):
        with self.lock:
            self.in_flight += 1
            self.calls += 1
            self.peak = max(self.peak, self.in_flight)
        try:
            time.sleep(self.delay)
            return fn(*args)
        finally:
            with self.lock:
                self.in_flight -= 1

    def ask(self, question, top_k=5):
        return self._slow(self.real.ask, question, top_k)

    def draft(self, question):
        return self._slow(self.real.draft, question)


FLOOD = 30
LIMIT = 5


@pytest.mark.bot_settings(rate_limit_per_minute=LIMIT, helpdesk_ids="8101")
@pytest.mark.parametrize("flood_by", ["questions", "draft-button"])
async def test_one_user_flooding_does_not_starve_another(flood_by, tg, running_bot):
    state = running_bot.bot_data
    state.gate = RetrievalGate(2)  # the global cap, fixed so the test means the same on any machine
    real = state.assistant
    counting = state.assistant = CountingAssistant(real)
    flooder, other = tg(8101, "Banjir"), tg(8102, "Sabar")
    try:
        if flood_by == "questions":
            for i in range(FLOOD):
                await flooder.send_text(f"apa sanksi PNS ikut kampanye nomor {i}?")
        else:
            first = await answer_to(flooder, NORMAL_QUESTION)  # uses one of the LIMIT
            for _ in range(FLOOD):
                await flooder.press(first, first.button("Buat draf"))
        t0 = time.monotonic()
        reply = await answer_to(other, "Apakah ASN boleh menjadi anggota partai politik?")
        waited = time.monotonic() - t0
        assert "Dasar hukum" in reply.text
        # Unlimited, 30 retrievals of >= 0.5 s two at a time would keep the other user waiting >= 7.5 s.
        assert waited < 6.0, f"the other user waited {waited:.1f} s"
        assert counting.peak == 2  # the cap was reached and never exceeded

        if flood_by == "questions":
            got = await flooder.replies(FLOOD, timeout=60)
            refused = [r for r in got if "terlalu banyak pertanyaan" in r.text]
            assert len(refused) == FLOOD - LIMIT and f"{LIMIT} per menit" in refused[0].text
        else:
            deadline = time.monotonic() + 60
            while len(answers := await flooder.callback_answers()) < FLOOD:
                assert time.monotonic() < deadline, answers
                await asyncio.sleep(0.2)
            refused = [a for a in answers if "terlalu banyak pertanyaan" in (a.get("text") or "")]
            assert len(refused) == FLOOD - (LIMIT - 1)
        assert counting.calls <= LIMIT + 1  # the flooder's allowed retrievals + the other user's
    finally:
        state.assistant = real
