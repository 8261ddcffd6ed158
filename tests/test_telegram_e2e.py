"""What Telegram users see, end to end.

The real PTB Application (bot/telegram.py) long-polls the Bot API emulator; answers come from the
real Assistant over an index of ../shared/corpus (without PP 37/2004, which an admin uploads).
Each test has its own bot token, so its chats start empty.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import re
import sqlite3
import time

import pytest

from bot import messages as M
from bot import messages as N
from tests.conftest import E2E_ADMIN_ID
from tests.corpus_path import shared_corpus
from tests.helpers_e2e import assert_telegram_html, choose_status
from tests.tguser import BotReply, TgUser

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shared_corpus() is None, reason="../shared/corpus (korpus uji bersama) tidak ada"),
]

LIKE_QUESTION = "boleh gak PNS like postingan caleg di IG?"
LONG_PASAL = "PP 94/2021 5"  # with its Penjelasan, longer than one Telegram message


async def answer_to(user: TgUser, text: str):
    """Send a question and return the answer message (the one with the buttons)."""
    await user.send_text(text)
    replies = await user.replies(1)
    while not replies[-1].buttons:
        replies += await user.replies(1)
    return replies[-1]


async def all_replies(user: TgUser, quiet: float = 1.0) -> list:
    """Every bot message until the chat stays quiet for `quiet` seconds."""
    got = await user.replies(1)
    while True:
        more = await user._post("/waitUpdates", {"token": user.token, "chatId": user.chat["id"], "timeout": quiet})
        if not more:
            return got
        got += [BotReply.from_stored(r) for r in sorted(more, key=lambda r: r["updateId"])]


# ------------------------------------------------------------------------------ ASN


async def test_start_introduces_the_bot_its_regulations_examples_and_disclaimer(user):
    await user.send_command("/start")
    start = await user.reply()
    assert start.parse_mode == "HTML"
    assert "Halo, Sari!" in start.text and "Tanya ASN" in start.text
    assert "PP 94/2021" in start.text and "Disiplin Pegawai Negeri Sipil" in start.text
    assert "UU 20/2023" in start.text
    assert "UU 5/2014" in start.text and "dicabut oleh UU 20/2023" in start.text
    assert "PP 37/2004" not in start.text  # not indexed yet (an admin uploads it below)
    for example in M.EXAMPLE_QUESTIONS:
        assert example in start.text.replace("&#x27;", "'")
    assert "bukan nasihat hukum" in start.text
    commands = [c["command"] for c in await user.bot_commands()]
    assert commands == ["start", "help", "pasal", "draf", "sumber"]


async def test_help_explains_how_to_ask_and_admins_see_their_commands(user, admin):
    await user.send_command("/help")
    help_text = (await user.reply()).text
    assert "Cara bertanya" in help_text and "/pasal" in help_text and "/draf" in help_text
    assert "/reindex" not in help_text
    await admin.send_command("/help")
    assert "/reindex" in (await admin.reply()).text


async def test_a_question_gets_one_cited_answer_with_buttons_and_no_typing_when_quick(user, monkeypatch):
    monkeypatch.setattr("bot.flood.TYPING_DELAY_S", 30.0)  # "quick" on any machine
    reply = await answer_to(user, LIKE_QUESTION)
    assert await user.chat_actions() == []  # a chat action would only spend the 30/s budget
    assert reply.parse_mode == "HTML"
    assert "PP 94/2021 Pasal 5" in reply.text
    assert "<blockquote>" in reply.text and "Dasar hukum" in reply.text
    assert "bukan nasihat hukum" in reply.text
    labels = [label for label, _ in reply.buttons]
    assert labels == [M.BTN_FULL, M.BTN_SOURCES, M.BTN_UP, M.BTN_DOWN]  # no draft button: not helpdesk
    assert all(len((data or "").encode()) <= 64 for _, data in reply.buttons)
    assert await user.no_more_replies()


async def test_a_slow_answer_shows_typing_once(user, running_bot):
    bd = running_bot.bot_data
    real = bd.assistant

    class Slow:
        def __getattr__(self, name):
            return getattr(real, name)

        def ask(self, question, top_k=5):
            time.sleep(1.5)
            return real.ask(question, top_k)

    bd.assistant = Slow()
    try:
        reply = await answer_to(user, LIKE_QUESTION)
    finally:
        bd.assistant = real
    assert "PP 94/2021 Pasal 5" in reply.text
    assert await user.chat_actions() == ["typing"]


async def test_the_same_question_twice_in_a_row_is_answered_once(user):
    await user.send_text(LIKE_QUESTION)
    await user.send_text(LIKE_QUESTION)
    reply = await user.reply()
    assert "PP 94/2021 Pasal 5" in reply.text
    assert await user.no_more_replies()
    other = await answer_to(user, "Apakah ASN boleh menjadi anggota partai politik?")  # a new one is answered
    assert "Dasar hukum" in other.text


async def test_teks_lengkap_is_one_reply_to_the_answer_with_the_cited_pasal(user):
    reply = await answer_to(user, LIKE_QUESTION)
    await user.press(reply, reply.button("Teks lengkap"))
    full = await user.reply()
    assert full.reply_to == reply.message_id
    assert len(full.text) <= 4096
    assert full.text.startswith("<b>PP 94/2021 Pasal 5</b>")
    # What did not fit is one /pasal away, never a loose extra message or a stranded heading.
    assert "Penjelasan" in full.text or "/pasal PP 94/2021 5" in full.text
    assert not full.text.rstrip().endswith("Penjelasan</b>")
    assert_telegram_html(full.text)
    assert await user.no_more_replies()


async def test_sumber_lists_the_cited_documents_with_status(user):
    reply = await answer_to(user, LIKE_QUESTION)
    await user.press(reply, reply.button("Sumber"))
    sources = await user.reply()
    assert "Sumber jawaban ini" in sources.text
    assert "PP 94/2021" in sources.text and "berlaku" in sources.text


async def test_thumbs_up_is_stored_and_the_buttons_say_thanks(user, e2e_journal):
    reply = await answer_to(user, LIKE_QUESTION)
    await user.press(reply, reply.button("👍"))
    edited = await user.reply()
    assert edited.edited and edited.message_id == reply.message_id
    assert M.BTN_FEEDBACK_DONE in [label for label, _ in edited.buttons]
    assert M.BTN_FULL in [label for label, _ in edited.buttons]  # the other buttons stay
    assert M.FEEDBACK_UP in [a.get("text") for a in await user.callback_answers()]
    stats = e2e_journal.stats(days=1)
    assert (stats.questions, stats.thumbs_up, stats.thumbs_down) == (1, 1, 0)


async def test_thumbs_down_asks_for_a_one_line_reason_and_stores_it(user, e2e_journal, bot_settings):
    reply = await answer_to(user, LIKE_QUESTION)
    await user.press(reply, reply.button("👎"))
    edited, prompt = await user.replies(2)
    assert edited.edited and prompt.text == M.FEEDBACK_ASK_REASON and prompt.forces_reply
    await user.send_text("pasalnya kurang spesifik untuk Instagram", reply_to=prompt)
    assert (await user.reply()).text == M.FEEDBACK_REASON_THANKS
    assert e2e_journal.stats(days=1).thumbs_down == 1
    with sqlite3.connect(bot_settings.db_file) as db:
        assert db.execute("SELECT value, reason FROM feedback").fetchall() == [
            (-1, "pasalnya kurang spesifik untuk Instagram")]


async def test_someone_else_cannot_vote_on_my_answer(user, tg, e2e_journal):
    reply = await answer_to(user, LIKE_QUESTION)
    intruder = tg(5151, "Budi")
    await intruder.press(reply, reply.button("👍"))  # forged: Budi never saw this message
    await asyncio.sleep(0.5)
    assert e2e_journal.stats(days=1).thumbs_up == 0


@pytest.mark.bot_settings(helpdesk_ids="4242")
async def test_draf_button_for_helpdesk_and_command_give_a_formal_reply_with_dasar_hukum(user, tg):
    reply = await answer_to(user, LIKE_QUESTION)
    await user.press(reply, reply.button("Buat draf"))
    draft = (await user.reply()).text
    assert draft.startswith("<b>Draf jawaban</b>") and "<pre>" in draft
    assert "Menanggapi pertanyaan" in draft and "Dasar hukum" in draft and "PP 94/2021" in draft

    asn = tg(5252, "Tono")  # not helpdesk: no button, and a forged press is refused
    plain = await answer_to(asn, LIKE_QUESTION)
    assert M.BTN_DRAFT not in [label for label, _ in plain.buttons]
    await asn.press(plain, f"draft:{plain.button('Sumber').split(':')[1]}")
    await asyncio.sleep(0.5)
    assert (await asn.callback_answers())[-1].get("text") == N.DRAF_HELPDESK_ONLY
    assert await asn.no_more_replies()

    await user.send_command("/draf Apakah PNS boleh menjadi anggota partai politik?")
    draft = (await user.reply()).text
    assert "Menanggapi pertanyaan" in draft and "Dasar hukum" in draft
    await user.send_command("/draf")
    assert "Tulis pertanyaannya" in (await user.reply()).text


async def test_pasal_command_shows_the_pasal(user):
    await user.send_command("/pasal PP 94/2021 5")
    text = "\n".join(p.text for p in await all_replies(user))
    assert text.startswith("<b>PP 94/2021 Pasal 5</b> – Disiplin Pegawai Negeri Sipil (✅ berlaku)")
    assert "PNS dilarang" in text and "Penjelasan" in text
    await user.send_command("/pasal PP 94/2021 999")
    assert "tidak ditemukan" in (await user.reply()).text
    await user.send_command("/pasal")
    assert "/pasal PP 94/2021 5" in (await user.reply()).text


async def test_sumber_lists_every_indexed_document_with_status(user):
    await user.send_command("/sumber")
    text = (await user.reply()).text
    for name in ("UU 20/2023", "UU 5/2014", "PP 94/2021", "PP 53/2010", "PP 42/2004"):
        assert name in text
    assert "dicabut oleh PP 94/2021" in text  # PP 53/2010
    assert "Artikel pendukung" in text


async def test_a_long_pasal_is_split_under_4096_characters_without_breaking_tags(user):
    await user.send_command(f"/pasal {LONG_PASAL}")
    parts = [p.text for p in await all_replies(user)]
    assert len(parts) >= 2
    assert all(len(t) <= 4096 for t in parts)
    for t in parts:
        for tag in ("b", "i", "blockquote"):
            assert t.count(f"<{tag}>") == t.count(f"</{tag}>"), t[-200:]
    assert parts[0].startswith(f"<b>{LONG_PASAL.rsplit(' ', 1)[0]} Pasal")


async def test_stickers_photos_voice_get_a_friendly_text_request(user):
    for send in (user.send_sticker, user.send_photo, user.send_voice):
        await send()
        reply = await user.reply()
        assert "hanya bisa membaca pertanyaan berupa teks" in reply.text


async def test_empty_and_very_long_messages(user, bot_settings):
    await user.send_text("   \u200b\u200f  ")
    assert (await user.reply()).text == M.EMPTY_QUESTION
    await user.send_text("netralitas " * 500)
    reply = (await user.reply()).text
    assert "terlalu panjang" in reply and str(bot_settings.max_question_chars) in reply


async def test_html_in_questions_is_escaped(user):
    reply = await answer_to(user, "<b>boleh</b> & </a> PNS kampanye?")
    assert "<b>boleh</b>" not in reply.text.split("Dasar hukum")[0].replace("<b>Jawaban</b>", "")


@pytest.mark.bot_settings(rate_limit_per_minute=3)
async def test_rate_limit_answers_politely(user):
    for i in range(3):
        await answer_to(user, f"apa sanksi PNS ikut kampanye {i}?")
    await user.send_text("satu lagi ya?")
    reply = await user.reply()
    assert "terlalu banyak pertanyaan" in reply.text and "3 per menit" in reply.text


async def test_a_slow_question_does_not_block_other_users(tg, running_bot):
    state = running_bot.bot_data
    real_ask = state.assistant.ask
    slow_user = tg(111, "Lambat")

    class SlowAssistant:
        def __getattr__(self, name):
            return getattr(real, name)

        def ask(self, question, top_k=5):
            if "pelan" in question:
                time.sleep(3)
            return real_ask(question, top_k)

    real = state.assistant
    state.assistant = SlowAssistant()
    try:
        await slow_user.send_text("pertanyaan pelan tentang kampanye")
        fast = tg(222, "Cepat")
        t0 = time.perf_counter()
        await answer_to(fast, LIKE_QUESTION)
        assert time.perf_counter() - t0 < 2.5
        await slow_user.replies(1, timeout=10)
    finally:
        state.assistant = real


async def test_group_messages_are_answered_only_when_addressed(tg):
    member = tg(333, "Rina", group_id=-100777)
    await member.send_text("selamat pagi semua")
    assert await member.no_more_replies(1.0)
    await member.send_text(f"@TestNameBot {LIKE_QUESTION}")
    reply = (await member.replies(1))[-1]
    assert "PP 94/2021 Pasal 5" in reply.text


# ------------------------------------------------------------------------------ admin


ADMIN_COMMANDS = ["/reindex", "/status", "/stats", "/cabut pp-42-2004 pp-94-2021"]


async def test_non_admin_is_refused_every_admin_command_and_nothing_happens(user, running_bot, e2e_journal):
    for command in ADMIN_COMMANDS:
        await user.send_command(command)
        assert (await user.reply()).text == M.ADMIN_ONLY
    await user.send_document(pp37(), "pp-37-2004.pdf", caption=PP37_CAPTION)
    assert (await user.reply()).text == N.UPLOAD_NOT_ADMIN  # told kindly, not "Perintah ini khusus admin"
    assert await user.no_more_replies()
    state = running_bot.bot_data
    assert state.reindex_task is None
    docs = {d.id: d for d in state.assistant.documents()}
    assert "pp-37-2004" not in docs and docs["pp-42-2004"].status == "berlaku"


async def test_forged_admin_callbacks_are_refused(user, running_bot):
    await user.send_command("/start")
    start = await user.reply()
    for data in ("adm:reindex", "adm:cancel", "adm:whatever", "up:baru", "up:t:pp-94-2021"):
        await user.press(start, data)
    await asyncio.sleep(0.5)
    answers = [a.get("text") for a in await user.callback_answers()]
    assert answers == [M.ADMIN_ONLY] * 5
    assert await user.no_more_replies()
    assert running_bot.bot_data.reindex_task is None


def pp37() -> bytes:
    return (shared_corpus() / "pdf" / "pp-37-2004.pdf").read_bytes()


PP37_CAPTION = "PP 37 2004 Larangan PNS Menjadi Anggota Partai Politik"


@pytest.mark.private_index
async def test_admin_uploads_a_new_pdf_that_becomes_answerable_and_the_suggested_pasal_command_works(admin, tg):
    asn = tg(4343, "Dewi")
    question = "Apakah PNS boleh menjadi anggota partai politik menurut PP 37/2004?"
    before = await answer_to(asn, question)
    # not in this corpus yet, but the project's catalogue knows it: named, with where to read it
    assert "PP 37/2004" in before.text and "belum dimuat" in before.text

    await admin.send_document(pp37(), "../../etc/passwd.pdf", caption=PP37_CAPTION)
    prompt = await admin.reply()
    assert "<b>PP 37/2004</b>" in prompt.text
    assert [label for label, _ in prompt.buttons] == [N.BTN_NEW, N.BTN_REPEALS, N.BTN_AMENDS, M.BTN_CANCEL]
    done = await choose_status(admin, prompt, "Baru")
    assert done.message_id == prompt.message_id  # one message, edited from question to verdict
    assert done.text.startswith("✅ <b>PP 37/2004</b> – Larangan PNS Menjadi Anggota Partai Politik")
    assert "pasal dikenali" in done.text
    suggested = re.search(r"<code>(/pasal [^<]+)</code>", done.text)
    assert suggested, done.text
    await asn.send_command(html.unescape(suggested.group(1)))  # exactly what the admin was told to try
    shown = await asn.reply()
    assert "PP 37/2004 Pasal" in shown.text and "tidak ditemukan" not in shown.text
    after = await answer_to(asn, question)  # asked again, now that the regulation is there
    assert "PP 37/2004" in after.text and "belum ada dalam daftar" not in after.text


@pytest.mark.private_index
@pytest.mark.parametrize("relation,button,field", [("mencabut", N.BTN_REPEALS, "mencabut"),
                                                   ("mengubah", N.BTN_AMENDS, "mengubah")])
async def test_upload_that_repeals_or_amends_a_listed_regulation_is_recorded_in_the_catalogue(
        relation, button, field, admin, user, bot_settings):
    await admin.send_document(pp37(), "pp-37-2004.pdf", caption=PP37_CAPTION)
    prompt = await admin.reply()
    done = await choose_status(admin, prompt, button, target="PP 42/2004")
    assert done.text.startswith("✅ <b>PP 37/2004</b>"), done.text
    assert "PP 42/2004" in done.text
    catalog = json.loads((bot_settings.corpus_path / "catalog.json").read_text(encoding="utf-8"))
    entries = {d["id"]: d for d in catalog["documents"]}
    assert entries["pp-37-2004"][field] == ["pp-42-2004"]
    await user.send_command("/sumber")
    sources = await user.reply()
    if relation == "mencabut":
        assert entries["pp-42-2004"]["status"] == "dicabut"
        assert "PP 42/2004</b> – Pembinaan Jiwa Korps dan Kode Etik Pegawai Negeri Sipil (⛔ dicabut oleh PP 37/2004)" \
            in sources.text
    else:
        assert entries["pp-42-2004"]["status"] == "berlaku"
        assert "PP 42/2004</b> – Pembinaan Jiwa Korps dan Kode Etik Pegawai Negeri Sipil (✅ berlaku)" in sources.text


@pytest.mark.private_index
async def test_admin_upload_without_caption_asks_for_the_description_with_a_fitting_placeholder(admin, bot_settings):
    await admin.send_document(pp37(), "scan.pdf")
    ask_caption = await admin.reply()
    assert "jenis nomor tahun judul" in ask_caption.text and ask_caption.forces_reply
    placeholder = ask_caption.reply_markup.get("input_field_placeholder", "")
    assert "Alasan" not in placeholder and placeholder == N.UPLOAD_CAPTION_PLACEHOLDER
    await admin.send_text(PP37_CAPTION, reply_to=ask_caption)
    done = await choose_status(admin, await admin.reply())
    assert "pasal dikenali" in done.text
    assert (bot_settings.corpus_path / "files" / "pp-37-2004.pdf").exists()


@pytest.mark.private_index
async def test_a_description_typed_without_swipe_reply_is_taken_for_the_waiting_pdf(admin, running_bot):
    await admin.send_document(pp37(), "scan.pdf")
    await admin.reply()  # "Kirim keterangannya …"
    await admin.send_text("Apakah ASN boleh menjadi anggota partai politik?")  # a question meanwhile: answered
    answered, reminder = await admin.replies(2, timeout=30)
    assert "Dasar hukum" in answered.text and reminder.text == N.UPLOAD_STILL_WAITING  # and the PDF still waits
    await admin.send_text(PP37_CAPTION)  # typed as a plain message, not as a reply
    prompt = await admin.reply()
    assert "<b>PP 37/2004</b>" in prompt.text and N.BTN_NEW in [label for label, _ in prompt.buttons]
    done = await choose_status(admin, prompt)
    assert done.text.startswith("✅ <b>PP 37/2004</b>")
    assert not [p for p in running_bot.bot_data.prompts.values() if p.kind.startswith("upload")]  # nothing pending


async def test_a_new_pdf_replaces_the_one_still_waiting_for_its_status(admin, running_bot):
    await admin.send_document(pp37(), "pertama.pdf", caption=PP37_CAPTION)
    first = await admin.reply()
    await admin.send_document(pp37(), "kedua.pdf", caption=PP37_CAPTION)
    second = await admin.reply()
    await admin.press(first, first.button("Baru"))
    await asyncio.sleep(0.5)
    assert (await admin.callback_answers())[-1].get("text") == N.UPLOAD_PROMPT_EXPIRED
    assert await admin.no_more_replies()
    waiting = [p for p in running_bot.bot_data.prompts.values() if p.kind.startswith("upload")]
    assert len(waiting) == 1  # only the second PDF's bytes are held
    await admin.press(second, "adm:cancel")
    assert (await admin.reply()).text == M.UPLOAD_CANCELLED


async def test_admin_upload_rejects_files_that_are_not_pdfs(admin):
    await admin.send_document(b"\x89PNG\r\n\x1a\n fake", "foto.pdf", caption="PP 1 2020 Coba")
    rejected = await admin.reply()
    assert rejected.text.startswith("Berkas ditolak: Bukan PDF")  # before any question about it
    await admin.send_document(b"hello", "catatan.txt", mime_type="text/plain", caption="PP 1 2020 Coba")
    assert (await admin.reply()).text == M.UPLOAD_NOT_PDF


@pytest.mark.private_index
async def test_reindex_runs_in_background_and_the_bot_keeps_answering(admin, user):
    await admin.send_command("/reindex")
    started = await admin.reply()
    assert started.text == M.REINDEX_STARTED
    reply = await answer_to(user, LIKE_QUESTION)  # answered while the rebuild runs
    assert "PP 94/2021 Pasal 5" in reply.text
    deadline = time.monotonic() + 90
    last = started
    while not last.text.startswith("✅"):
        assert time.monotonic() < deadline, last.text
        [last] = (await admin.replies(1, timeout=90))[-1:]
        assert last.message_id == started.message_id and last.edited  # one message, edited
    assert "Indeks selesai dibangun ulang" in last.text


async def _slow_rebuilds(running_bot, seconds: float):
    """Make every index change take `seconds` longer, so a test can act while a rebuild runs."""
    admin_ops = running_bot.bot_data.admin
    real = admin_ops.rebuild

    def slow(full=False, progress=None):
        time.sleep(seconds)
        return real(full, progress)

    admin_ops.rebuild = slow
    return lambda: setattr(admin_ops, "rebuild", real)


@pytest.mark.private_index
async def test_an_upload_and_a_cabut_sent_during_a_rebuild_wait_for_it_with_one_notice(admin, running_bot):
    restore = await _slow_rebuilds(running_bot, 6.0)
    try:
        await admin.send_command("/reindex")
        started = await admin.reply()
        await admin.send_document(pp37(), "pp-37-2004.pdf", caption=PP37_CAPTION)
        prompt = (await admin.replies(1, timeout=30))[-1]
        while "mencabut" not in (prompt.text or ""):
            prompt = (await admin.replies(1, timeout=30))[-1]
        await admin.press(prompt, prompt.button("Baru"))
        await admin.send_command("/cabut pp-42-2004 pp-94-2021")
        seen: list = []
        deadline = time.monotonic() + 180
        while not (any(r.text.startswith("✅ <b>PP 37/2004</b>") for r in seen)
                   and any("ditandai <b>dicabut</b>" in r.text for r in seen)
                   and any(r.message_id == started.message_id and r.text.startswith("✅") for r in seen)):
            assert time.monotonic() < deadline, [r.text[:60] for r in seen]
            seen += await admin.replies(1, timeout=180)
    finally:
        restore()
    texts = [r.text for r in seen]
    assert not any(M.REINDEX_RUNNING in t for t in texts)  # nothing dropped
    assert sum(t == N.QUEUED for t in texts) == 2  # one notice each for the upload and the /cabut


async def test_cabut_without_arguments_or_with_an_unknown_id_shows_the_ids(admin):
    await admin.send_command("/cabut")
    usage = (await admin.reply()).text
    assert "<code>pp-94-2021</code> – PP 94/2021" in usage and "<code>uu-20-2023</code>" in usage
    await admin.send_command("/cabut tidak-ada-id")
    unknown = (await admin.reply()).text
    assert "tidak ada di katalog" in unknown and "<code>pp-94-2021</code>" in unknown


async def test_status_shows_index_documents_model_uptime(admin):
    await admin.send_command("/status")
    status = await admin.reply()
    assert "Status Tanya ASN" in status.text
    for field in ("Indeks:", "Dokumen:", "Potongan teks:", "Model embedding:", "uptime"):
        assert field in status.text
    assert status.button("Bangun ulang indeks") == "adm:reindex"


async def test_stats_shows_questions_feedback_and_unanswered(admin, user):
    reply = await answer_to(user, LIKE_QUESTION)
    await user.press(reply, reply.button("👍"))
    await user.reply()
    await answer_to(user, "berapa harga cabai di pasar hari ini?")
    await admin.send_command("/stats")
    stats = (await admin.reply()).text
    assert "Pertanyaan: 2" in stats and "👍 1" in stats
    assert "harga cabai" in stats


@pytest.mark.private_index
async def test_cabut_marks_a_regulation_repealed(admin, user):
    await admin.send_command("/cabut pp-42-2004 pp-94-2021")
    done = await admin.reply(timeout=60)
    assert done.text.startswith("✅ PP 42/2004 ditandai <b>dicabut</b> oleh PP 94/2021")
    await user.send_command("/sumber")
    assert "PP 42/2004</b> – Pembinaan Jiwa Korps dan Kode Etik Pegawai Negeri Sipil (⛔ dicabut oleh PP 94/2021)" \
        in (await user.reply()).text


async def test_errors_are_reported_to_the_operator_without_the_token(user, admin, running_bot, caplog):
    state = running_bot.bot_data
    real = state.assistant
    token = running_bot.bot.token

    class Broken:
        def __getattr__(self, name):
            return getattr(real, name)

        def ask(self, question, top_k=5):
            raise RuntimeError(f"gagal memanggil https://api.telegram.org/bot{token}/x")

    state.assistant = Broken()
    try:
        with caplog.at_level(logging.ERROR):
            await user.send_text("apa sanksi kampanye?")
            assert (await user.reply()).text == M.ERROR_USER
            report = await admin.reply()
    finally:
        state.assistant = real
    assert "RuntimeError" in report.text and token not in report.text
    assert token not in caplog.text and "<TOKEN>" in caplog.text
    assert E2E_ADMIN_ID in state.admin_ids
