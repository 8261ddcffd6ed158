"""The buttons under an answer after the bot restarts: their context is in the SQLite journal.

The buttons carry only the answer's id; the journal keeps the question and who asked (hashed), so
"Teks lengkap", "Sumber" and 👍/👎 work on a new process, until BUTTON_TTL_HOURS have passed.
"""

from __future__ import annotations

import asyncio

import pytest

from bot import messages as M
from tests.conftest import start_bot, stop_bot
from tests.corpus_path import shared_corpus
from tests.tguser import TgUser

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shared_corpus() is None, reason="../shared/corpus (korpus uji bersama) tidak ada"),
]

QUESTION = "boleh gak PNS like postingan caleg di IG?"


async def _asked_before_a_restart(bot_settings, e2e_assistant, http, emulator, e2e_token):
    """Sari asks; the bot process ends (journal closed); returns Sari and the answer she still sees."""
    from bot.log import Journal

    sari = TgUser(http, emulator, e2e_token, user_id=4242, first_name="Sari")
    journal = Journal.from_settings(bot_settings)
    app = await start_bot(bot_settings, e2e_assistant, journal)
    try:
        await sari.send_text(QUESTION)
        answer = await sari.reply(timeout=30)
        assert answer.buttons
    finally:
        await stop_bot(app)
        journal.close()
    return sari, answer


async def test_answer_buttons_keep_working_after_a_restart(bot_settings, e2e_assistant, http, emulator, e2e_token):
    from bot.log import Journal

    sari, answer = await _asked_before_a_restart(bot_settings, e2e_assistant, http, emulator, e2e_token)
    journal = Journal.from_settings(bot_settings)  # a new process: nothing in memory
    app = await start_bot(bot_settings, e2e_assistant, journal)
    try:
        await sari.press(answer, answer.button("Teks lengkap"))
        full = await sari.reply(timeout=30)
        assert full.text.startswith("<b>PP 94/2021 Pasal 5</b>") and full.reply_to == answer.message_id
        await sari.press(answer, answer.button("Sumber"))
        assert "Sumber jawaban ini" in (await sari.reply(timeout=30)).text

        budi = TgUser(http, emulator, e2e_token, user_id=5151, first_name="Budi")
        await budi.press(answer, answer.button("👍"))  # forged: not Budi's answer, also after a restart
        await asyncio.sleep(0.5)
        assert (await budi.callback_answers())[-1].get("text") == M.NOT_YOURS

        await sari.press(answer, answer.button("👍"))
        edited = await sari.reply(timeout=30)
        assert edited.edited and M.BTN_FEEDBACK_DONE in [label for label, _ in edited.buttons]
        assert journal.stats(days=1).thumbs_up == 1
    finally:
        await stop_bot(app)
        journal.close()


async def test_answer_buttons_expire_after_the_stated_time(bot_settings, e2e_assistant, http, emulator, e2e_token):
    from bot.log import Journal

    sari, answer = await _asked_before_a_restart(bot_settings, e2e_assistant, http, emulator, e2e_token)
    await asyncio.sleep(1.5)
    short = bot_settings.model_copy(update={"button_ttl_hours": 1 / 3600})  # one second
    journal = Journal.from_settings(short)
    app = await start_bot(short, e2e_assistant, journal)
    try:
        await sari.press(answer, answer.button("Sumber"))
        await asyncio.sleep(1.0)
        assert [a.get("text") for a in await sari.callback_answers()] == [M.EXPIRED]
        assert await sari.no_more_replies()
    finally:
        await stop_bot(app)
        journal.close()
