"""Telegram HTML rendering, splitting, keyboards and the bot's small pure helpers (no network)."""

from __future__ import annotations

import logging
import re

import pytest

from bot import messages as M
from bot import render
from bot.answer import Answer, Citation
from bot.ratelimit import UserRateLimiter
from bot.telegram import _api_urls, clean_question, parse_caption, setup_logging
from indexer.types import Chunk, Document

TAG = re.compile(r"<(/?)([a-z]+)[^>]*>")


def balanced(html: str) -> bool:
    stack: list[str] = []
    for m in TAG.finditer(html):
        if m.group(1):
            if not stack or stack.pop() != m.group(2):
                return False
        else:
            stack.append(m.group(2))
    return not stack


def chunk(text: str = "PNS dilarang memberikan dukungan kepada calon <Presiden> & wakil.", **kw) -> Chunk:
    values = dict(doc_id="pp-94-2021", label="PP 94/2021 Pasal 5 huruf n", pasal="5", jenis="PP", nomor="94",
                  tahun=2021, judul="Disiplin Pegawai Negeri Sipil")
    return Chunk(text=text, **{**values, **kw})


def answer(question: str = "boleh <b>kampanye</b>?", citations: int = 1) -> Answer:
    c = chunk()
    return Answer(question=question, found=True, lead="Tidak boleh <menurut> PP 94/2021.",
                  citations=[Citation(n=i + 1, chunk=c, quote=c.text, score=0.9) for i in range(citations)])


# ------------------------------------------------------------------------------ escaping


def test_user_and_document_text_is_escaped():
    html = render.render_answer(answer())
    assert "&lt;Presiden&gt; &amp; wakil" in html
    assert "Tidak boleh &lt;menurut&gt;" in html
    assert balanced(html)


def test_repealed_citation_carries_a_warning():
    a = answer()
    a.citations[0].repealed_note = "sudah dicabut oleh UU 20/2023"
    assert "⚠️ sudah dicabut oleh UU 20/2023" in render.render_answer(a)


def test_not_found_answer_has_a_hint_and_no_quotes():
    html = render.render_answer(Answer(question="harga cabai?", found=False, lead="Maaf, tidak ditemukan."))
    assert M.NOT_FOUND_HINT in html and "<blockquote>" not in html


def test_official_links_are_escaped_and_only_http():
    docs = [Document(id="pp-94-2021", kind="regulation", judul="Disiplin", jenis="PP", nomor="94", tahun=2021,
                     source_url='https://peraturan.go.id/x?a=1&b="2"'),
            Document(id="uu-5-2014", kind="regulation", judul="ASN", jenis="UU", nomor="5", tahun=2014,
                     status="dicabut", dicabut_oleh="uu-20-2023", source_url="javascript:alert(1)"),
            Document(id="uu-20-2023", kind="regulation", judul="ASN", jenis="UU", nomor="20", tahun=2023)]
    html = render.render_sources(docs)
    assert 'href="https://peraturan.go.id/x?a=1&amp;b=&quot;2&quot;"' in html
    assert "javascript:" not in html
    assert "UU 5/2014</b> – ASN (⛔ dicabut oleh UU 20/2023)" in html


# ------------------------------------------------------------------------------ splitting


def test_short_text_is_one_part():
    assert render.split_html("<b>halo</b>") == ["<b>halo</b>"]


def test_split_prefers_paragraph_boundaries():
    paragraphs = [f"<b>Paragraf {i}</b>\n" + "kata " * 150 for i in range(12)]
    parts = render.split_html("\n\n".join(paragraphs))
    assert len(parts) > 1
    assert all(render.utf16_len(p) <= 4096 for p in parts)
    assert all(p.startswith("<b>Paragraf") for p in parts)  # every part starts at a paragraph
    assert all(balanced(p) for p in parts)


def test_split_inside_a_long_tag_closes_and_reopens_it():
    text = "<blockquote>" + ("ayat panjang sekali. " * 600) + "</blockquote>"
    parts = render.split_html(text, limit=4096)
    assert len(parts) >= 3
    for p in parts:
        assert render.utf16_len(p) <= 4096
        assert p.startswith("<blockquote>") and p.endswith("</blockquote>")


def test_split_never_cuts_an_entity_or_a_tag():
    text = ("&amp;&lt;&gt;" * 800) + '<a href="https://example.org/very/long">tautan</a>' * 50
    for p in render.split_html(text, limit=500):
        assert render.utf16_len(p) <= 500
        assert not re.search(r"&[a-z]*$", p) and not re.match(r"^[a-z]*;", p)
        assert balanced(p)


def test_split_counts_emoji_as_two_units():
    text = "👍" * 3000  # 6000 UTF-16 units, no spaces
    parts = render.split_html(text)
    assert len(parts) == 2 and all(render.utf16_len(p) <= 4096 for p in parts)
    assert "".join(parts) == text


# ------------------------------------------------------------------------------ keyboards, captions


def test_answer_keyboard_labels_and_callback_data():
    kb = render.answer_keyboard(123456789, found=True).to_dict()["inline_keyboard"]
    flat = [(b["text"], b["callback_data"]) for row in kb for b in row]
    assert flat == [(M.BTN_FULL, "full:123456789"), (M.BTN_SOURCES, "src:123456789"), (M.BTN_UP, "fb:123456789:1"),
                    (M.BTN_DOWN, "fb:123456789:-1"), (M.BTN_DRAFT, "draft:123456789")]
    assert all(len(d.encode()) <= 64 for _, d in flat)
    kb = render.answer_keyboard(7, found=False).to_dict()["inline_keyboard"]
    assert [b["text"] for row in kb for b in row] == [M.BTN_UP, M.BTN_DOWN]


@pytest.mark.parametrize(("caption", "expected"), [
    ("PP 37 2004 Larangan PNS Menjadi Anggota Partai Politik",
     ("PP", "37", 2004, "Larangan PNS Menjadi Anggota Partai Politik")),
    ("UU No. 20 Tahun 2023 tentang Aparatur Sipil Negara", ("UU", "20", 2023, "Aparatur Sipil Negara")),
    ("pp 94/2021 Disiplin Pegawai Negeri Sipil", ("PP", "94", 2021, "Disiplin Pegawai Negeri Sipil")),
    ("Permen PANRB 6 2022 Kode Etik", ("PERMENPANRB", "6", 2022, "Kode Etik")),
    ("PP 37 2004", None),
    ("../../etc/passwd", None),
    ("tolong indeks ini", None),
])
def test_upload_captions(caption, expected):
    assert parse_caption(caption) == expected


def test_questions_lose_invisible_characters():
    assert clean_question("  \u200bboleh\u202e  kampanye?\ufeff ") == "boleh kampanye?"
    assert clean_question("\u200b \u200f\n") == ""


def test_api_urls_accept_a_root_or_ptb_form():
    class S:
        telegram_base_url = "http://127.0.0.1:9000"
        telegram_base_file_url = ""

    assert _api_urls(S()) == ("http://127.0.0.1:9000/bot", "http://127.0.0.1:9000/file/bot")
    S.telegram_base_url = "http://127.0.0.1:9000/bot"
    assert _api_urls(S()) == ("http://127.0.0.1:9000/bot", "http://127.0.0.1:9000/file/bot")
    S.telegram_base_url = ""
    assert _api_urls(S()) == (None, None)


def test_user_rate_limit_window():
    limiter = UserRateLimiter(per_minute=2)
    assert limiter.check(1, now=0) == 0 and limiter.check(1, now=1) == 0
    assert limiter.check(1, now=2) == 58
    assert limiter.check(2, now=2) == 0  # other users are not affected
    assert limiter.check(1, now=60.5) == 0


def test_token_never_reaches_the_logs(caplog):
    token = "123456:SECRET-token_value"
    setup_logging(token)
    log = logging.getLogger("bot.telegram.test")
    with caplog.at_level(logging.INFO):
        log.info("calling https://api.telegram.org/bot%s/getMe", token)
        try:
            raise RuntimeError(f"boom bot{token}/x")
        except RuntimeError:
            log.exception("failed")
    assert token not in caplog.text
    assert "<TOKEN>" in caplog.text


# ------------------------------------------------------------------------------ answers for a phone


def test_answer_shows_readable_quote_basis_with_items_and_no_empty_penjelasan():
    c = chunk(text="(21 PNS dilarang mendukung calon anggota Dewan Perwakilan Ralryat.", label="PP 94/2021 Pasal 5")
    cited = Citation(n=1, chunk=c, quote=c.text, score=0.9, label="PP 94/2021 Pasal 5 ayat (2)",
                     display="(2) PNS dilarang mendukung calon anggota Dewan Perwakilan Rakyat.",
                     penjelasan_quote="", lead_in_display=[])
    a = Answer(question="boleh?", found=True, lead="Tidak boleh.", citations=[cited],
               basis=["PP 94/2021 Pasal 5 ayat (2) (berlaku)"])
    html = render.render_answer(a)
    assert "Dewan Perwakilan Rakyat" in html and "Ralryat" not in html
    assert "• PP 94/2021 Pasal 5 ayat (2) (berlaku)" in html
    assert M.PENJELASAN_INLINE not in html
    assert balanced(html)


def test_a_follow_up_citation_is_one_short_quote():
    first, second = answer(citations=2).citations
    second.display = "g. " + "memberikan dukungan kepada calon, " * 20
    a = Answer(question="boleh?", found=True, lead="Tidak boleh.", citations=[first, second])
    html = render.render_answer(a)
    follow = html.split("[2]", 1)[1]
    assert "…" in follow and len(follow) < 400


def test_a_follow_up_that_restates_the_first_quote_shows_only_its_opening_and_reference():
    first, second = answer(citations=2).citations
    first.display = "6. mengadakan kegiatan yang mengarah kepada keberpihakan terhadap pasangan calon"
    second.display = ("i. mengadakan kegiatan yang mengarah kepada keberpihakan terhadap pasangan calon "
                      "sebagaimana dimaksud dalam Pasal 5 huruf n angka 6.")
    second.lead_in_display = ["Hukuman Disiplin berat dijatuhkan bagi PNS yang melanggar ketentuan larangan:"]
    html = render.render_answer(Answer(question="boleh?", found=True, lead="Tidak boleh.", citations=[first, second]))
    follow = html.split("[2]", 1)[1].split("</blockquote>", 1)[0]
    assert "Hukuman Disiplin berat" in follow and "sebagaimana dimaksud dalam Pasal 5 huruf n angka 6" in follow
    assert "keberpihakan" not in follow  # not the prohibition's words a second time


def test_small_talk_gets_its_text_and_no_buttons():
    a = Answer(question="makasih", found=False, lead="Sama-sama!", text="Sama-sama!", reason="smalltalk")
    assert render.render_answer(a) == "Sama-sama!"
    assert render.answer_markup(1, a) is None
    assert render.answer_markup(1, answer()) is not None


def test_a_decline_names_whom_to_ask_once():
    html = render.render_answer(Answer(question="tukin?", found=False, lead="Maaf, tidak ditemukan."))
    assert html.count("BKPSDM") == 1 and M.NOT_FOUND_HINT in html


def test_a_pasal_with_two_versions_shows_each_with_its_history():
    from bot.render import render_pasal
    from indexer.types import Chunk

    new = Chunk(doc_id="uu-10-2016", text="(2) Gubernur dilarang melakukan penggantian pejabat.", label="x",
                pasal="71", jenis="UU", nomor="10", tahun=2016, judul="Perubahan Kedua")
    old = Chunk(doc_id="uu-1-2015", text="(2) Petahana dilarang melakukan penggantian pejabat.", label="y",
                pasal="71", jenis="UU", nomor="1", tahun=2015, judul="Pilkada", status="diubah")
    lines = {("uu-10-2016", "71"): "", ("uu-1-2015", "71"): "diubah terakhir oleh UU 10/2016"}
    html = render_pasal([new, old], history=lambda d, p: lines[(d, p)])
    assert html.index("UU 10/2016 Pasal 71") < html.index("Gubernur dilarang") < html.index("UU 1/2015 Pasal 71")
    assert "<i>diubah terakhir oleh UU 10/2016</i>" in html
    assert "(dicabut" not in html  # an amended pasal of a law in force is not a repealed document


def test_the_next_ranked_pasal_of_the_quoted_regulation_are_named_under_lihat_juga():
    a = answer()
    same = Citation(n=2, chunk=chunk(label="PP 94/2021 Pasal 14 huruf i", pasal="14"), quote="i. …", score=0.5)
    other = Citation(n=3, chunk=chunk(doc_id="uu-8-2015", label="UU 8/2015 Pasal 76", pasal="76", jenis="UU",
                                      nomor="8", tahun=2015), quote="(3) …", score=0.5)
    a.more = [same, other]
    html = render.render_answer(a)
    see = html.split("Lihat juga", 1)[1].split("Dasar hukum", 1)[0]
    assert "PP 94/2021 Pasal 14 huruf i" in see and "UU 8/2015" not in see  # another act: a word match, left out
    a.more = [other]
    assert "Lihat juga" not in render.render_answer(a)


def test_each_lihat_juga_entry_shows_the_opening_of_its_text():
    a = answer()
    repeat = Citation(n=2, chunk=chunk(label="PP 94/2021 Pasal 35", pasal="35"), score=0.5,
                      quote="(2) PNS yang pernah dijatuhi Hukuman Disiplin, kemudian melakukan Pelanggaran Disiplin "
                            "yang sifatnya sama, kepadanya dijatuhi jenis Hukuman Disiplin yang lebih berat.",
                      label="PP 94/2021 Pasal 35 ayat (2)")
    a.more = [repeat]
    see = render.render_answer(a).split("Lihat juga", 1)[1].split("Dasar hukum", 1)[0]
    assert "• PP 94/2021 Pasal 35 ayat (2): PNS yang pernah dijatuhi Hukuman Disiplin" in see
