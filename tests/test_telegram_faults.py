"""When Telegram itself misbehaves: flood control (429 RetryAfter), 5xx and dropped connections.

The Bot API emulator fails chosen calls (its POST /faults hook); the real bot must wait out
`retry_after`, retry network errors with backoff, and still deliver every reply exactly once and
process every update. Only when Telegram keeps failing longer than the retries does a reply get
lost, and then the user is told (apology) and the operator gets a report.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from bot import messages as M
from tests.corpus_path import shared_corpus
from tests.helpers_e2e import NORMAL_CITATION, NORMAL_QUESTION, answer_to, faults, inject_fault, still_answers

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shared_corpus() is None, reason="../shared/corpus (korpus uji bersama) tidak ada"),
]


async def test_flood_control_429_is_waited_out_and_the_answer_arrives_once(user, http, emulator, e2e_token):
    await inject_fault(http, emulator, e2e_token, "sendMessage", 429, count=2, retry_after=1)
    t0 = time.monotonic()
    reply = await answer_to(user, NORMAL_QUESTION)
    assert NORMAL_CITATION in reply.text
    assert time.monotonic() - t0 >= 2.0  # waited retry_after (1 s) twice
    assert await user.no_more_replies(1.0)  # once, not three times
    [fault] = await faults(http, emulator, e2e_token)
    assert fault["left"] == 0 and len(fault["hits"]) == 2
    assert fault["hits"][1] - fault["hits"][0] >= 1000  # the second try came after retry_after


@pytest.mark.parametrize(("method", "status"), [
    ("sendMessage", 502),
    ("sendMessage", 500),
    ("sendMessage", 0),  # connection closed without a response
], ids=["answer-502", "answer-500", "answer-connection-closed"])
async def test_network_errors_are_retried_with_backoff_and_the_answer_arrives_once(
        user, http, emulator, e2e_token, method, status):
    await inject_fault(http, emulator, e2e_token, method, status, count=3)
    reply = await answer_to(user, NORMAL_QUESTION)
    assert NORMAL_CITATION in reply.text
    assert await user.no_more_replies(1.0)
    [fault] = await faults(http, emulator, e2e_token)
    assert fault["left"] == 0
    gaps = [b - a for a, b in zip(fault["hits"], fault["hits"][1:], strict=False)]
    assert len(gaps) == 2 and gaps[1] > gaps[0] >= 400  # backoff, growing; not a hot loop


async def test_a_failing_typing_action_is_tried_once_and_costs_the_answer_nothing(
        user, running_bot, http, emulator, e2e_token, monkeypatch):
    monkeypatch.setattr("bot.flood.TYPING_DELAY_S", 0.0)  # every answer "slow": typing is always sent
    await inject_fault(http, emulator, e2e_token, "sendChatAction", 503, count=3)
    t0 = time.monotonic()
    reply = await answer_to(user, NORMAL_QUESTION)
    assert NORMAL_CITATION in reply.text
    assert time.monotonic() - t0 < 5.0  # no backoff waited for the typing action
    assert await user.no_more_replies(1.0)
    [fault] = await faults(http, emulator, e2e_token)
    assert len(fault["hits"]) == 1 and fault["left"] == 2  # tried once, never retried


async def test_a_button_press_survives_a_failing_edit_and_the_vote_is_stored_once(user, http, emulator, e2e_token,
                                                                                  e2e_journal):
    reply = await answer_to(user, NORMAL_QUESTION)
    await inject_fault(http, emulator, e2e_token, "editMessageReplyMarkup", 502, count=2)
    await inject_fault(http, emulator, e2e_token, "answerCallbackQuery", 0, count=1)
    await user.press(reply, reply.button("👍"))
    edited = await user.reply(timeout=20)
    assert edited.edited and M.BTN_FEEDBACK_DONE in [label for label, _ in edited.buttons]
    assert M.FEEDBACK_UP in [a.get("text") for a in await user.callback_answers()]
    assert all(f["left"] == 0 for f in await faults(http, emulator, e2e_token))
    assert e2e_journal.stats(days=1).thumbs_up == 1


async def test_no_update_is_dropped_while_getupdates_fails(tg, http, emulator, e2e_token):
    users = [tg(7001 + i, f"Pengguna{i}") for i in range(3)]
    await inject_fault(http, emulator, e2e_token, "getUpdates", 502, count=2)
    await inject_fault(http, emulator, e2e_token, "getUpdates", 0, count=1)
    await inject_fault(http, emulator, e2e_token, "getUpdates", 429, count=1, retry_after=1)
    questions = [NORMAL_QUESTION, "Apakah ASN boleh menjadi anggota partai politik?",
                 "Apa sanksi PNS yang ikut kampanye?"]
    for u, q in zip(users, questions, strict=True):
        await u.send_text(q)
        await asyncio.sleep(0.3)
    for u in users:
        answer = (await u.replies(1, timeout=40))[-1]
        while not answer.buttons:
            answer = (await u.replies(1, timeout=40))[-1]
        assert "Dasar hukum" in answer.text
        assert await u.no_more_replies(0.5)
    assert all(f["left"] == 0 for f in await faults(http, emulator, e2e_token))


async def test_when_telegram_fails_longer_than_the_retries_the_user_gets_an_apology_and_the_operator_a_report(
        user, admin, http, emulator, e2e_token):
    await inject_fault(http, emulator, e2e_token, "sendMessage", 502, count=5)  # 1 try + 4 retries
    await user.send_text(NORMAL_QUESTION)
    apology = await user.reply(timeout=30)
    assert apology.text == M.ERROR_USER
    report = await admin.reply(timeout=10)
    assert "NetworkError" in report.text
    [fault] = await faults(http, emulator, e2e_token)
    assert fault["left"] == 0 and len(fault["hits"]) == 5
    await still_answers(user)
