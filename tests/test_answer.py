"""Specification of the answer: verbatim quotes trimmed to the item, a lead that says no more than
the rule, repealed rules labelled, Dasar hukum, disclaimer, and an honest "not found"."""

from __future__ import annotations

import pytest

from bot.answer import compose, draft_reply, trim_quote
from bot.retrieve import tokenize
from indexer.types import Document
from tests.helpers_answer import CHUNKS, DOCS, PASAL_5, make_retriever

DOCS_BY_ID = {d.id: d for d in DOCS}


@pytest.fixture(scope="module")
def retriever():
    return make_retriever()


def ask(retriever, question):
    return compose(question, retriever.search(question), retriever.idf, DOCS_BY_ID)


class TestQuotes:
    def test_named_item_is_quoted_verbatim_with_its_openings(self):
        quote, lead_in, suffix = trim_quote(CHUNKS[0], set(), huruf="n", angka="7")
        assert quote == "7. memberikan surat dukungan disertai fotokopi Kartu Tanda Penduduk."
        assert quote in PASAL_5
        assert lead_in[0] == "PNS dilarang:"
        assert lead_in[1].startswith("n. memberikan dukungan")
        assert suffix == "huruf n angka 7"

    def test_a_named_item_that_opens_a_long_list_is_quoted_with_its_list_in_a_lookup(self):
        from dataclasses import replace

        items = "".join(f"{i}. sebagai peserta kampanye dengan cara yang ke-{i} " + "dan seterusnya " * 12 + ";\n"
                        for i in range(1, 8))
        text = "PNS dilarang:\nn. memberikan dukungan kepada calon dengan cara:\n" + items
        chunk = replace(CHUNKS[0], text=text, item_spans=())
        short, _, _ = trim_quote(chunk, set(), huruf="n")
        whole, _, suffix = trim_quote(chunk, set(), huruf="n", list_limit=2000)
        assert len(text) > 900 and "7. sebagai" not in short  # an answer quotes the opening, not 1 000 chars
        assert suffix == "huruf n" and whole.startswith("n. memberikan") and "7. sebagai" in whole and whole in text

    def test_a_penjelasan_that_only_says_cukup_jelas_amid_page_debris_is_left_out(self):
        from bot.answer import _says_nothing

        assert _says_nothing("Ayat (1) Cukup jelas : ,t/ NIO l0r)l().1 A Ayat (21")
        assert not _says_nothing("Ayat (2) Cukup jelas. Ayat (3) Yang dimaksud dengan atribut PNS adalah seragam dinas")

    def test_best_matching_item_is_chosen_without_a_reference(self):
        quote, _, suffix = trim_quote(CHUNKS[0], set(tokenize("kampanye menggunakan fasilitas negara")))
        assert quote == "4. sebagai peserta kampanye dengan menggunakan fasilitas negara;"
        assert suffix == "huruf n angka 4"

    def test_an_article_asked_for_a_figure_is_quoted_where_it_states_one(self):
        from dataclasses import replace

        from bot.answerable import figure_pattern

        text = ("Provinsi Banten memiliki skor 22,98 pada Pemilu 2024. Indeks kerawanan netralitas ASN di "
                "Banten menunjukkan skor kerawanan netralitas ASN yang tinggi di indeks itu.")
        article = replace(CHUNKS[0], kind="article", text=text)
        question = "Banten dapat skor berapa di indeks kerawanan netralitas ASN?"
        stems = set(tokenize(question))
        plain, _, _ = trim_quote(article, stems)
        with_figure, _, _ = trim_quote(article, stems, figure=figure_pattern(question))
        assert "22,98" in with_figure and with_figure in text
        assert "22,98" not in plain  # without the figure cue, the wordiest sentence wins

    def test_an_article_sentence_broken_over_pdf_lines_is_quoted_whole(self):
        from dataclasses import replace

        from bot.answerable import figure_pattern

        # a PDF's text layer breaks lines mid-sentence; a blank line still ends a paragraph
        text = ("KASUS\n\nKomisi Aparatur Sipil Negara (KASN) mencatat\nadanya 266 laporan soal\n"
                "netralitas ASN sampai 28 Mei 2024.\n\nLATAR BELAKANG")
        article = replace(CHUNKS[0], kind="article", text=text)
        question = "berapa laporan netralitas ASN yang dicatat KASN sampai Mei 2024?"
        quote, _, _ = trim_quote(article, set(tokenize(question)), figure=figure_pattern(question))
        assert quote.startswith("Komisi Aparatur Sipil Negara") and "266 laporan" in quote
        assert "28 Mei 2024." in quote
        assert quote in text  # still verbatim: the line breaks are the source's own

    def test_every_citation_quote_is_a_substring_of_its_chunk(self, retriever):
        for q in ["PNS boleh ikut kampanye pakai seragam dinas?", "apa hukuman disiplin sedang?",
                  "UU ASN pasal 9 ayat 2", "PP 53/2010 masih berlaku?"]:
            answer = ask(retriever, q)
            assert answer.citations
            for c in [*answer.citations, *answer.more]:
                assert c.quote and c.quote in c.chunk.text


class TestLead:
    def test_says_tidak_boleh_only_when_the_quoted_rule_says_dilarang(self, retriever):
        answer = ask(retriever, "PNS boleh gak ikut kampanye pakai seragam dinas?")
        assert answer.lead.startswith("Tidak boleh.")
        assert "dilarang" in answer.lead
        assert "PP 94/2021 Pasal 5 huruf n angka 2" in answer.lead

    def test_no_verdict_when_the_rule_is_not_a_prohibition(self, retriever):
        answer = ask(retriever, "apa hukuman disiplin sedang?")
        assert not answer.lead.startswith("Tidak boleh")

    def test_penjelasan_of_the_quoted_item_travels_with_it(self, retriever):
        answer = ask(retriever, "PNS boleh gak ikut kampanye pakai seragam dinas?")
        first = answer.citations[0]
        assert first.penjelasan is not None and "seragam dinas" in first.penjelasan_quote
        assert "Penjelasan:" in answer.text

    def test_status_question_is_answered_from_the_repeal_clause(self, retriever):
        answer = ask(retriever, "PP 53/2010 masih berlaku ga?")
        assert answer.lead.startswith(("Tidak. PP 53/2010 sudah dicabut oleh PP 94/2021",
                                       "Sebagian besar tidak. PP 53/2010 sudah dicabut oleh PP 94/2021"))


    def test_a_status_in_a_premise_gets_no_yes_or_no(self, retriever):
        # "Kalau PP 53/2010 sudah dicabut, apakah …?" asks about something else: a "Ya." would answer it backwards
        answer = ask(retriever, "Kalau PP 53/2010 sudah dicabut, apakah aturan pelaksananya ikut tidak berlaku?")
        assert not answer.lead.startswith(("Ya.", "Tidak.", "Sebagian besar")), answer.lead


class TestLayout:
    def test_the_answering_item_then_basis_with_items_and_status_and_the_disclaimer_once(self, retriever):
        answer = ask(retriever, "PNS boleh gak ikut kampanye pakai seragam dinas?")
        assert 1 <= len(answer.citations) <= 2 and len(answer.citations) + len(answer.more) <= 5
        assert answer.text.index(answer.lead) == 0
        assert "[1] PP 94/2021 Pasal 5 huruf n angka 2 · berlaku" in answer.text
        assert "Dasar hukum: PP 94/2021 Pasal 5 huruf n angka 2 (berlaku)" in answer.text
        assert answer.text.rstrip().endswith("BKPSDM/kepegawaian instansi Anda atau Bawaslu.")
        assert answer.text.lower().count("bukan nasihat hukum resmi") == 1 and answer.text.count("BKPSDM") == 1

    def test_articles_are_reading_not_legal_basis(self, retriever):
        answer = ask(retriever, "menurut artikel, apa arti netralitas ASN dalam pelayanan publik?")
        assert answer.citations[0].chunk.kind == "article"
        assert answer.basis == [] and answer.reading == ["Netralitas ASN dalam Pelayanan Publik"]
        assert "Bacaan: Netralitas ASN dalam Pelayanan Publik" in answer.text

    def test_repealed_rule_is_labelled_with_its_successor(self, retriever):
        answer = ask(retriever, "Menurut PP 53 tahun 2010, PNS yang ikut kampanye dihukum apa?")
        old = next(c for c in answer.citations if c.chunk.doc_id == "pp-53-2010")
        assert old.repealed_note == "sudah dicabut oleh PP 94/2021"
        assert "sudah dicabut oleh PP 94/2021" in answer.text

    def test_json_contract(self, retriever):
        record = ask(retriever, "UU ASN pasal 9 ayat 2").to_json(id="q1")
        assert set(record) == {"id", "question", "answer", "found", "citations", "latency_ms"}
        c = record["citations"][0]
        assert set(c) == {"doc_id", "pasal", "ayat", "part", "label", "status", "text", "display", "score"}
        assert (c["doc_id"], c["pasal"], c["ayat"], c["status"]) == ("uu-20-2023", "9", "2", "berlaku")


class TestNotFound:
    def test_decline_says_so_and_suggests_whom_to_ask(self, retriever):
        answer = ask(retriever, "Di lampiran SKB 2/2022, ASN yang like postingan paslon kena apa?")
        assert not answer.found and answer.citations == []
        assert "SKB 2/2022" in answer.text
        assert answer.text.count("BKPSDM") == 1 and "Bawaslu" in answer.text  # the referral once

    def test_missing_pasal_is_named_not_invented(self, retriever):
        answer = ask(retriever, "Pasal 280 UU 20/2023 isinya apa?")
        assert not answer.found and "Pasal 280" in answer.text and "tidak ada" in answer.text


class TestSmallTalk:
    @pytest.mark.parametrize("text", ["halo min", "makasih ya 🙏", "Selamat pagi"])
    def test_greetings_and_thanks_get_a_friendly_word_not_a_decline(self, retriever, text):
        answer = ask(retriever, text)
        assert answer.reason == "smalltalk" and answer.smalltalk and not answer.citations
        assert "tidak menemukan" not in answer.text and len(answer.text) < 200


class TestDraft:
    def test_formal_helpdesk_reply_with_basis(self, retriever):
        draft = draft_reply(ask(retriever, "Apakah PNS boleh ikut kampanye memakai seragam dinas?"))
        assert draft.startswith("Menanggapi pertanyaan Saudara/i mengenai boleh tidaknya PNS memberikan dukungan")
        assert "- PP 94/2021 tentang Disiplin Pegawai Negeri Sipil Pasal 5 huruf n angka 2 (berlaku)" in draft
        assert "seragam dinas?" not in draft  # the user's own wording is restated, not pasted
        assert "Berdasarkan" in draft and "Dasar hukum:" in draft
        assert draft.rstrip().startswith("Menanggapi") and "Demikian kami sampaikan" in draft

    def test_draft_when_nothing_is_found(self, retriever):
        draft = draft_reply(ask(retriever, "Di lampiran SKB 2/2022 sanksinya apa?"))
        assert "belum ditemukan" in draft and "Demikian kami sampaikan" in draft


@pytest.mark.parametrize("text", ["Huruf n", "Cukup jelas. Ayat", "Ayat (2) Cukup jelas.", "Angka 7 Cukup"])
def test_empty_penjelasan_entries_are_never_shown(text):
    from bot.answer import _says_nothing

    assert _says_nothing(text)
    assert not _says_nothing('Huruf n Yang dimaksud dengan "atribut PNS" adalah seragam dinas.')


class TestPerPasalStatus:
    """A citation's status line says what the consolidated law says of that pasal."""

    def _chunk(self, **kw):
        from indexer.types import Chunk

        return Chunk(doc_id=kw.pop("doc_id", "uu-1-2015"), text=kw.pop("text", "…"), label="UU 1/2015 Pasal 71",
                     pasal="71", **kw)

    def test_replaced_wording_names_the_act_and_the_wording_in_force(self):
        from bot.answer import repealed_note
        from indexer.types import Document

        docs = {"uu-10-2016": Document(id="uu-10-2016", kind="regulation", judul="Perubahan Kedua", jenis="UU",
                                       nomor="10", tahun=2016)}
        note = repealed_note(self._chunk(status="diubah", changed_by="uu-10-2016", current_doc="uu-10-2016",
                                         current_pasal="71"), docs)
        assert note == ("sudah diubah terakhir oleh UU 10/2016; teks ini sudah diganti; "
                        "yang berlaku: UU 10/2016 Pasal 71")

    def test_deleted_pasal(self):
        from bot.answer import repealed_note

        assert repealed_note(self._chunk(status="dihapus", changed_by="uu-8-2015"), {}) == "dihapus oleh uu-8-2015"

    def test_a_saving_clause_is_said_beside_the_repeal(self):
        from bot.answer import repealed_note

        chunk = self._chunk(doc_id="pp-53-2010", status="dicabut", dicabut_oleh="pp-94-2021",
                            kept_in_force_by={"doc_id": "pp-94-2021", "pasal": "42", "ayat": "2"})
        assert repealed_note(chunk, {}) == \
            "sudah dicabut oleh pp-94-2021; tetap berlaku berdasarkan pp-94-2021 Pasal 42 ayat (2)"

    def test_a_rule_in_force_has_no_note(self):
        from bot.answer import repealed_note

        assert repealed_note(self._chunk(status="berlaku"), {}) is None

    def test_a_clause_about_one_ayat_is_not_said_of_another(self):
        from bot.answer import repealed_note

        pasal_8 = self._chunk(doc_id="pp-94-2021", status="berlaku",
                              not_yet_in_force_until={"doc_id": "pp-94-2021", "pasal": "42", "ayat": "1",
                                                      "target_ayat": "3"})
        assert repealed_note(pasal_8, {}, ayat="2") is None  # light sanctions: in force
        assert repealed_note(pasal_8, {}, ayat="3") == "belum berlaku; lihat pp-94-2021 Pasal 42 ayat (1)"
        assert repealed_note(pasal_8, {}) == "ayat (3) belum berlaku; lihat pp-94-2021 Pasal 42 ayat (1)"

    def test_a_rule_in_force_kept_by_a_transitional_clause_needs_no_note(self):
        from bot.answer import repealed_note

        chunk = self._chunk(doc_id="pp-94-2021", status="berlaku",
                            kept_in_force_by={"doc_id": "uu-20-2023", "pasal": "75", "ayat": None})
        assert repealed_note(chunk, {}) is None

    @pytest.mark.parametrize("bab", ["BAB VII KETENTUAN PERALIHAN", "BAB VII KETENTUAN PERAIIHAN",
                                     "Ketentuan Peralihan"])
    def test_a_transitional_clause_is_marked_as_such_even_under_an_ocr_damaged_heading(self, bab):
        from bot.answer import Citation

        chunk = self._chunk(doc_id="pp-94-2021", status="berlaku", bab=bab)
        assert chunk.transitional
        assert Citation(n=1, chunk=chunk, quote="…", score=1.0).status_text == "berlaku, ketentuan peralihan"

    @pytest.mark.parametrize(("text", "past"), [
        ("(1) Hukuman Disiplin yang telah dijatuhkan sebelum berlakunya Peraturan Pemerintah ini dan sedang dijalani "
         "oleh PNS yang bersangkutan dinyatakan tetap berlaku.", True),
        ("PNS yang sedang menjalankan cuti berdasarkan Peraturan Pemerintah Nomor 24 Tahun 1976 …", True),
        ("(2) Sebelum berlakunya Peraturan Pemerintah mengenai Gaji dan Tunjangan sebagaimana dimaksud pada ayat (1), "
         "penjatuhan Hukuman Disiplin sedang berlaku ketentuan sebagaimana diatur dalam Pasal 7 ayat (3) …", False),
        ("Ketentuan Peraturan Pemerintah ini mutatis mutandis berlaku untuk calon PNS.", False),
    ])
    def test_a_transitional_clause_for_cases_from_before_the_act_is_told_from_one_for_the_meantime(self, text, past):
        # the first settles a case begun under the old rule; the second is the rule that applies today
        chunk = self._chunk(doc_id="pp-94-2021", status="berlaku", bab="BAB V KETENTUAN PERALIHAN", text=text)
        assert chunk.for_past_cases is past
        assert not self._chunk(doc_id="pp-94-2021", status="berlaku", bab="BAB II LARANGAN", text=text).for_past_cases

    def test_an_ordinary_rule_in_force_reads_berlaku(self):
        from bot.answer import Citation

        chunk = self._chunk(doc_id="pp-94-2021", status="berlaku", bab="BAB II KEWAJIBAN DAN LARANGAN")
        assert not chunk.transitional
        assert Citation(n=1, chunk=chunk, quote="…", score=1.0).status_text == "berlaku"


_PASAL_5_N = ("n. memberikan dukungan kepada calon Presiden/Wakil Presiden, calon Kepala Daerah/Wakil Kepala Daerah, "
              "calon anggota Dewan Perwakilan Rakyat, calon anggota Dewan Perwakilan Daerah, atau calon anggota Dewan "
              "Perwakilan Rakyat Daerah dengan cara:")


@pytest.mark.parametrize("asked, kept", [
    ("calon kepala daerah bupati", "calon Kepala Daerah/Wakil Kepala Daerah"),
    ("dukungan calon Dewan Perwakilan Daerah DPD", "calon anggota Dewan Perwakilan Daerah"),
    ("caleg Dewan Perwakilan Rakyat Daerah DPRD", "atau calon anggota Dewan Perwakilan Rakyat Daerah"),
])
def test_a_shortened_list_keeps_the_member_the_question_is_about(asked, kept):
    # a question on a bupati candidate must not read a rule that seems to be about the President alone
    from bot.answer import shorten_lead_in

    short = shorten_lead_in(_PASAL_5_N, set(tokenize(asked)))
    assert short.startswith("n. memberikan dukungan kepada calon Presiden/Wakil Presiden, …, ")
    assert kept in short and short.endswith("dengan cara:") and len(short) < len(_PASAL_5_N)


def test_a_shortened_list_about_its_first_member_keeps_only_the_first():
    from bot.answer import shorten_lead_in

    assert shorten_lead_in(_PASAL_5_N, set(tokenize("kampanye capres calon Presiden"))) == \
        "n. memberikan dukungan kepada calon Presiden/Wakil Presiden, … dengan cara:"


class TestRuleWrittenForTheCaseNotIndexed:
    """"istri saya nyaleg, saya harus gimana?": SE MenPANRB 18/2023 is written for it and is not indexed."""

    SE = Document(id="se-menpanrb-18-2023", kind="regulation", jenis="SE", nomor="18", tahun=2023,
                  judul="Netralitas Pegawai ASN yang Suami atau Istrinya Mencalonkan Diri",
                  source_url="https://jdih.menpan.go.id")

    def test_after_a_lead_that_answers(self):
        from bot.manifest import with_related

        lead = with_related("Tidak boleh. PNS dilarang … (PP 94/2021 Pasal 5 huruf n angka 6).", [self.SE])
        assert lead.startswith("Tidak boleh.")
        assert "SE 18/2023" in lead and "belum dimuat" in lead

    def test_before_a_lead_that_only_quotes_a_general_rule(self):
        from bot.manifest import with_related

        lead = with_related("Menurut PP 94/2021 Pasal 5 huruf n: memberikan dukungan ….", [self.SE])
        assert lead.startswith("SE 18/2023 tentang Netralitas Pegawai ASN yang Suami atau Istrinya")
        assert "https://jdih.menpan.go.id" in lead
        assert lead.endswith("Ketentuan umum yang dimuat: Menurut PP 94/2021 Pasal 5 huruf n: memberikan dukungan ….")

    def test_after_a_quoted_pasal_the_question_s_own_words_found(self):
        from bot.manifest import with_related

        lead = with_related("Menurut UU 7/2017 Pasal 117 ayat (1): Syarat …", [self.SE], weak=False)
        assert lead.startswith("Menurut UU 7/2017 Pasal 117 ayat (1)") and "SE 18/2023" in lead
