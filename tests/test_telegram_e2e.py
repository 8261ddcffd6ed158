"""What Telegram users see, end to end.

The real PTB Application (bot/telegram.py) long-polls the Bot API emulator; answers come from the
real Assistant over an index of ../shared/corpus (without PP 37/2004, which an admin uploads).
Each test has its own bot token, so its chats start empty.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time

import pytest

from bot import messages as M
from tests.conftest import E2E_ADMIN_ID
from tests.corpus_path import shared_corpus
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


async def test_question_gets_typing_then_a_cited_answer_with_buttons(user):
    reply = await answer_to(user, LIKE_QUESTION)
    assert await user.chat_actions() == ["typing"]
    assert reply.parse_mode == "HTML"
    assert "PP 94/2021 Pasal 5" in reply.text
    assert "<blockquote>" in reply.text and "Dasar hukum" in reply.text
    assert "bukan nasihat hukum" in reply.text
    labels = [label for label, _ in reply.buttons]
    assert labels == [M.BTN_FULL, M.BTN_SOURCES, M.BTN_UP, M.BTN_DOWN, M.BTN_DRAFT]
    assert all(len((data or "").encode()) <= 64 for _, data in reply.buttons)
    assert await user.no_more_replies()


async def test_teks_lengkap_shows_the_whole_pasal_with_penjelasan(user):
    reply = await answer_to(user, LIKE_QUESTION)
    await user.press(reply, reply.button("Teks lengkap"))
    full = await user.replies(1)
    text = "\n".join(r.text for r in full)
    assert "PP 94/2021 Pasal 5" in text
    assert "Penjelasan" in text
    assert all(len(r.text) <= 4096 for r in full)


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


async def test_draf_button_and_command_give_a_formal_reply_with_dasar_hukum(user):
    reply = await answer_to(user, LIKE_QUESTION)
    await user.press(reply, reply.button("Buat draf"))
    draft = (await user.reply()).text
    assert draft.startswith("<b>Draf jawaban</b>") and "<pre>" in draft
    assert "Menanggapi pertanyaan" in draft and "Dasar hukum" in draft and "PP 94/2021" in draft

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
    state = running_bot.bot_data["state"]
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
    pdf = (shared_corpus() / "pdf" / "pp-37-2004.pdf").read_bytes()
    await user.send_document(pdf, "pp-37-2004.pdf", caption="PP 37 2004 Larangan PNS Menjadi Anggota Partai Politik")
    assert (await user.reply()).text == M.ADMIN_ONLY
    assert await user.no_more_replies()
    state = running_bot.bot_data["state"]
    assert state.reindex_task is None
    docs = {d.id: d for d in state.assistant.documents()}
    assert "pp-37-2004" not in docs and docs["pp-42-2004"].status == "berlaku"


async def test_forged_admin_callbacks_are_refused(user, running_bot):
    await user.send_command("/start")
    start = await user.reply()
    for data in ("adm:reindex", "adm:cancel", "adm:whatever"):
        await user.press(start, data)
    await asyncio.sleep(0.5)
    answers = [a.get("text") for a in await user.callback_answers()]
    assert answers == [M.ADMIN_ONLY] * 3
    assert await user.no_more_replies()
    assert running_bot.bot_data["state"].reindex_task is None


@pytest.mark.private_index
async def test_admin_uploads_a_pdf_that_becomes_answerable(admin, tg):
    asn = tg(4343, "Dewi")
    question = "Apakah PNS boleh menjadi anggota partai politik menurut PP 37/2004?"
    before = await answer_to(asn, question)
    assert "PP 37/2004 belum ada dalam daftar peraturan" in before.text

    pdf = (shared_corpus() / "pdf" / "pp-37-2004.pdf").read_bytes()
    await admin.send_document(pdf, "../../etc/passwd.pdf",
                              caption="PP 37 2004 Larangan PNS Menjadi Anggota Partai Politik")
    checking, done = await admin.replies(2, timeout=90)
    assert "Memeriksa dan mengindeks <b>PP 37/2004</b>" in checking.text
    assert done.edited and done.message_id == checking.message_id
    assert done.text.startswith("✅ <b>PP 37/2004</b> – Larangan PNS Menjadi Anggota Partai Politik")
    assert "pasal dikenali" in done.text and "/pasal PP 37/2004" in done.text

    await asn.send_command("/pasal PP 37/2004 2")
    assert "PP 37/2004 Pasal 2" in (await asn.reply()).text
    after = await answer_to(asn, question)
    assert "PP 37/2004" in after.text


@pytest.mark.private_index
async def test_admin_upload_without_caption_asks_for_the_description(admin, bot_settings):
    pdf = (shared_corpus() / "pdf" / "pp-37-2004.pdf").read_bytes()
    await admin.send_document(pdf, "scan.pdf")
    ask_caption = await admin.reply()
    assert "jenis nomor tahun judul" in ask_caption.text and ask_caption.button("Batalkan")
    await admin.send_text("PP 37 2004 Larangan PNS Menjadi Anggota Partai Politik", reply_to=ask_caption)
    _, done = await admin.replies(2, timeout=90)
    assert "pasal dikenali" in done.text
    assert (bot_settings.corpus_path / "files" / "pp-37-2004.pdf").exists()


async def test_admin_upload_rejects_files_that_are_not_pdfs(admin):
    await admin.send_document(b"\x89PNG\r\n\x1a\n fake", "foto.pdf", caption="PP 1 2020 Coba")
    _, rejected = await admin.replies(2)
    assert rejected.text.startswith("Berkas ditolak: Bukan PDF")
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
    await admin.send_command("/cabut tidak-ada-id")
    assert "tidak ada di katalog" in (await admin.reply()).text


async def test_errors_are_reported_to_the_operator_without_the_token(user, admin, running_bot, caplog):
    state = running_bot.bot_data["state"]
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
