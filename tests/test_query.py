"""Specification of question parsing: chat words → the law's words, named pasal, aliases."""

from __future__ import annotations

import pytest

from bot.query import asker_is_personnel_office, expand, formal_forms, parse_query
from indexer.types import Document

CATALOGUE = [
    Document(id="uu-20-2023", kind="regulation", judul="Aparatur Sipil Negara", jenis="UU", nomor="20", tahun=2023),
    Document(id="uu-5-2014", kind="regulation", judul="Aparatur Sipil Negara", jenis="UU", nomor="5", tahun=2014,
             status="dicabut", dicabut_oleh="uu-20-2023"),
    Document(id="pp-94-2021", kind="regulation", judul="Disiplin PNS", jenis="PP", nomor="94", tahun=2021),
    Document(id="pp-53-2010", kind="regulation", judul="Disiplin PNS", jenis="PP", nomor="53", tahun=2010,
             status="dicabut", dicabut_oleh="pp-94-2021"),
    Document(id="pp-42-2004", kind="regulation", judul="Kode Etik", jenis="PP", nomor="42", tahun=2004),
    Document(id="pp-37-2004", kind="regulation", judul="Larangan Parpol", jenis="PP", nomor="37", tahun=2004),
    Document(id="uu-1-2015", kind="regulation", judul="Pilkada", jenis="UU", nomor="1", tahun=2015),
    Document(id="uu-8-2015", kind="regulation", judul="Perubahan", jenis="UU", nomor="8", tahun=2015),
    Document(id="uu-10-2016", kind="regulation", judul="Perubahan Kedua", jenis="UU", nomor="10", tahun=2016),
    Document(id="uu-7-2017", kind="regulation", judul="Pemilihan Umum", jenis="UU", nomor="7", tahun=2017),
]


def ref(question: str):
    q = parse_query(question, CATALOGUE)
    assert q.references, f"no reference parsed from {question!r}"
    r = q.references[0]
    return r.doc_ids, r.pasal, r.ayat, r.huruf, r.angka


class TestVocabulary:
    def test_chat_words_gain_the_law_words(self):
        terms = " ".join(expand("boleh gak PNS like postingan caleg di IG?"))
        assert "calon anggota legislatif" in terms
        assert "media sosial" in terms
        assert "memberikan dukungan" in terms

    @pytest.mark.parametrize("chat, law", [
        ("nggak", "tidak"), ("capres", "calon Presiden"), ("paslon", "pasangan calon"),
        ("pilkada", "pemilihan kepala daerah"), ("medsos", "media sosial"), ("TikTok", "media sosial"),
        ("WA", "media sosial"), ("tukin", "tunjangan kinerja"), ("nyaleg", "mencalonkan diri"),
        ("PPPK", "Perjanjian Kerja"), ("foto bareng", "keberpihakan"), ("pose jari", "keberpihakan"),
    ])
    def test_each_mapping(self, chat, law):
        assert any(law.lower() in t.lower() for t in expand(f"apakah {chat} itu"))

    @pytest.mark.parametrize("chat, law", [
        ("hukdis", "hukuman disiplin"), ("senator", "Dewan Perwakilan Daerah"),
    ])
    def test_chat_abbreviations(self, chat, law):
        assert any(law.lower() in t.lower() for t in expand(f"apakah {chat} itu"))

    @pytest.mark.parametrize("word", ["cuti", "dilantik"])
    def test_words_the_law_itself_uses_are_not_steered_elsewhere(self, word):
        # "cuti" is not always "cuti di luar tanggungan negara"; "dilantik" is not "ditetapkan"
        assert expand(f"apakah {word} itu") == []

    def test_words_inside_quotes_are_not_expanded(self):
        assert expand('dia menulis "pilih paslon 01" di grup') == []

    def test_the_question_itself_is_kept_verbatim(self):
        q = parse_query("PNS boleh gak ikut 'kampanye akbar' capres?", CATALOGUE)
        assert q.expanded.startswith("PNS boleh gak ikut 'kampanye akbar' capres?")
        assert "kampanye akbar" in q.quoted

    def test_words_are_matched_whole(self):
        # "wa" inside "bawaslu" or "gaji" inside nothing: no accidental matches
        assert not any("WhatsApp" in t for t in expand("lapor ke bawaslu"))


# Words the (imaginary) corpus uses: formal readings are kept only when the corpus knows them.
CORPUS_WORDS = {"ditangguhkan", "menghukum", "mengulangi", "mengatur", "mencabut", "ingin", "mungkin", "izin"}


def corpus_knows(word):
    return word in CORPUS_WORDS


class TestColloquialMorphology:
    def test_jakarta_in_suffix_is_read_as_kan(self):
        assert formal_forms("pemberhentiannya bisa ditangguhin", corpus_knows) == ["ditangguhkan"]

    def test_jakarta_in_suffix_is_read_as_i_when_the_law_says_so(self):
        assert formal_forms("trus ngulangin lagi", corpus_knows) == ["mengulangi"]

    @pytest.mark.parametrize("chat, law", [("ngehukum", "menghukum"), ("ngatur", "mengatur"),
                                           ("nyabut", "mencabut")])
    def test_ng_nge_ny_prefixes_are_read_as_men(self, chat, law):
        assert formal_forms(f"siapa yang {chat}", corpus_knows) == [law]

    def test_words_the_corpus_uses_are_not_rewritten(self):
        # ingin, mungkin, izin end in -in but are ordinary words
        assert formal_forms("mungkin saya ingin minta izin", corpus_knows) == []

    def test_words_the_vocabulary_maps_keep_the_vocabulary_reading(self):
        assert formal_forms("ngumpulin KTP", lambda w: w == "mengumpulkan") == []

    def test_formal_forms_join_the_search_text(self):
        q = parse_query("kenapa bisa ditangguhin?", CATALOGUE, known=corpus_knows)
        assert "ditangguhkan" in q.expansions and "ditangguhkan" in q.expanded


class TestChatFunctionWords:
    def test_chat_spellings_of_function_words_are_not_search_words(self):
        from bot.retrieve import tokenize

        # "aja" (saja) would otherwise stem like "ajakan" and match PP 94/2021 Pasal 5 huruf n angka 6
        assert tokenize("cuma duduk aja, sy jg msh bingung yg mana") == tokenize("cuma duduk bingung")
        assert "aja" in tokenize("ajakan, himbauan, seruan")


class TestIntents:
    @pytest.mark.parametrize("question, intent", [
        ("Yg berwenang ngehukum dia siapa, gubernur apa presiden?", "siapa yang menghukum"),
        ("Pejabat mana yang berwenang menjatuhkan hukuman tersebut?", "siapa yang menghukum"),
        ("atasan tau anak buahnya ikut kampanye tp diem aja, ga ngasih hukuman", "atasan tidak menghukum"),
        ("udah pernah kena hukdis, trus ngulangin lagi pas pilkada", "pelanggaran berulang"),
        ("apa saja jenis hukuman disiplin ringan?", "jenis hukuman"),
    ])
    def test_what_the_question_asks_is_recognised(self, question, intent):
        assert intent in parse_query(question, CATALOGUE).intents

    def test_the_law_phrasing_of_the_intent_joins_the_search(self):
        q = parse_query("siapa yang berwenang menghukum PNS yang ikut kampanye?", CATALOGUE)
        assert any("menetapkan penjatuhan Hukuman Disiplin" in e for e in q.expansions)

    def test_topic_questions_have_no_intent(self):
        assert parse_query("boleh gak PNS ikut kampanye caleg?", CATALOGUE).intents == []


class TestDirectReferences:
    def test_pasal_then_document(self):
        assert ref("pasal 5 PP 94/2021") == (("pp-94-2021",), "5", None, None, None)

    def test_alias_uu_asn_means_the_law_in_force(self):
        assert ref("UU ASN pasal 9 ayat 2") == (("uu-20-2023",), "9", "2", None, None)

    def test_alias_uu_asn_with_2014_means_the_old_law(self):
        doc_ids, pasal, *_ = ref("UU ASN tahun 2014 pasal 87")
        assert doc_ids == ("uu-5-2014",) and pasal == "87"
        assert parse_query("UU ASN tahun 2014 pasal 87", CATALOGUE).wants_old

    def test_pp_disiplin_and_pp_kode_etik(self):
        assert ref("PP disiplin pasal 14")[:2] == (("pp-94-2021",), "14")
        assert ref("pasal 15 PP kode etik")[:2] == (("pp-42-2004",), "15")

    def test_huruf_and_full_title(self):
        assert ref("bunyi pasal 2 huruf f UU 20 tahun 2023") == (("uu-20-2023",), "2", None, "f", None)
        assert ref("Bunyi Pasal 9 ayat (2) UU 20 Tahun 2023 tentang ASN apa?")[:3] == (("uu-20-2023",), "9", "2")
        assert ref("Undang-Undang Nomor 5 Tahun 2014 Pasal 87")[:2] == (("uu-5-2014",), "87")

    def test_huruf_and_angka(self):
        assert ref("pasal 5 huruf n angka 4 PP 94/2021") == (("pp-94-2021",), "5", None, "n", "4")

    def test_number_without_year_resolves_through_the_catalogue(self):
        assert ref("PP 37 pasal 9")[:2] == (("pp-37-2004",), "9")

    def test_uu_pilkada_covers_its_amendments(self):
        doc_ids, pasal, *_ = ref("UU Pilkada pasal 71")
        assert doc_ids == ("uu-1-2015", "uu-8-2015", "uu-10-2016") and pasal == "71"

    def test_inserted_pasal_keeps_its_letter(self):
        assert ref("pasal 5A PP 94/2021")[1] == "5A"

    def test_pasal_without_document_has_no_candidates(self):
        assert ref("apa isi pasal 5 huruf n?")[0] == ()

    def test_no_reference_in_ordinary_questions(self):
        assert parse_query("boleh gak PNS ikut kampanye?", CATALOGUE).references == []


class TestNamedDocuments:
    def test_unknown_document_is_reported(self):
        q = parse_query("Di lampiran SKB 2/2022, ASN yang like postingan paslon kena apa?", CATALOGUE)
        assert q.unknown_documents == ["skb-2-2022"]
        assert q.unknown_names == ["SKB 2/2022"]

    def test_asking_whether_a_repealed_law_still_applies_brings_its_successor(self):
        q = parse_query("UU ASN tahun 2014 masih berlaku ga sih?", CATALOGUE)
        assert q.documents == ["uu-5-2014", "uu-20-2023"]
        assert q.wants_old
        assert any("dicabut dan dinyatakan tidak berlaku" in e for e in q.expansions)

    def test_comparing_old_and_new_content_is_not_a_status_question(self):
        # "dulu … sekarang" asks what each rule says; the repeal clause would not answer it
        q = parse_query("Dulu di UU 5/2014 PNS yang nyalon wajib mundur kapan? Di UU yang sekarang berubah ga?",
                        CATALOGUE)
        assert q.wants_old and not q.asks_status

    def test_status_words_still_ask_for_the_repeal(self):
        assert parse_query("PP 53/2010 masih dipakai ga?", CATALOGUE).asks_status
        assert parse_query("Setelah UU 5/2014 dicabut, KASN masih ada?", CATALOGUE).asks_status

    def test_current_law_is_not_old(self):
        assert not parse_query("Menurut PP 94/2021, apa sanksi ikut kampanye?", CATALOGUE).wants_old


def test_a_bare_year_is_not_a_document_number():
    q = parse_query("UU 2023 tentang ASN mengatur netralitas?", CATALOGUE)
    assert q.unknown_documents == []


@pytest.mark.parametrize("question, names", [
    ("Katanya di kota kami ada Perwali yang potong TPP ASN yang tidak netral, pasal berapa itu?",
     ["Peraturan Wali Kota"]),
    ("Mohon contoh format surat panggilan sesuai lampiran Peraturan BKN.", ["Peraturan BKN"]),
    ("berapa persen TPP dipotong menurut peraturan gubernur yang berlaku?", ["Peraturan Gubernur"]),
    ("Berapa batas nilai makan minum peserta kampanye menurut PKPU?", ["Peraturan KPU"]),
])
def test_a_kind_of_regulation_the_index_holds_none_of_is_unknown(question, names):
    q = parse_query(question, CATALOGUE)
    assert q.unknown_names == names


@pytest.mark.parametrize("question", [
    "boleh ga PNS bagi-bagi permen ke warga pas kampanye?",  # a sweet, not a Peraturan Menteri
    "Apa sanksi PNS yang ikut kampanye menurut PP 94/2021?",
])
def test_ordinary_questions_name_no_unknown_kind(question):
    assert parse_query(question, CATALOGUE).unknown_documents == []


class TestLookupSpellings:
    """People type references the way they speak or abbreviate; each names the same pasal."""

    @pytest.mark.parametrize("question, expected", [
        ("Psl 12 PP94/2021 bunyinya apa", (("pp-94-2021",), "12", None, None, None)),
        ("pasal dua belas PP 94/2021", (("pp-94-2021",), "12", None, None, None)),
        ("PP disiplin pasal 5 ayat dua huruf b", (("pp-94-2021",), "5", "2", "b", None)),
        ("psl. 5 hrf n PP 94 th 2021", (("pp-94-2021",), "5", None, "n", None)),
        ("ps. 42 ay. 2 PP 94/2021", (("pp-94-2021",), "42", "2", None, None)),
        ("pasal ke-7 UU 20/2023", (("uu-20-2023",), "7", None, None, None)),
        ("UU ASN yang baru pasal sembilan", (("uu-20-2023",), "9", None, None, None)),
        ("pasal tujuh puluh satu UU Pilkada", (("uu-1-2015", "uu-8-2015", "uu-10-2016"), "71", None, None, None)),
        ("PP 94/2021 pasal 5 huruf n angka empat", (("pp-94-2021",), "5", None, "n", "4")),
    ])
    def test_abbreviated_spelled_and_glued_references(self, question, expected):
        assert ref(question) == expected

    def test_number_words_elsewhere_are_not_references(self):
        assert parse_query("ada lima pasal yang mengatur kampanye?", CATALOGUE).references == []


class TestNumberWords:
    @pytest.mark.parametrize("words, value", [
        ("lima", 5), ("sepuluh", 10), ("sebelas", 11), ("dua belas", 12), ("tujuh puluh satu", 71),
        ("seratus delapan puluh tujuh", 187), ("dua ratus lima puluh empat", 254),
    ])
    def test_values(self, words, value):
        from bot.numbers import words_to_int

        assert words_to_int(words) == value

    @pytest.mark.parametrize("words", ["dua tiga", "belas", "puluh lima", "sebelas dua"])
    def test_malformed_runs_are_not_numbers(self, words):
        from bot.numbers import words_to_int

        assert words_to_int(words) is None


class TestOldRule:
    @pytest.mark.parametrize("question", ["aturan dulu gimana bunyinya?", "yang lama gimana?",
                                          "dulunya ketentuan ini bilang apa?"])
    def test_asking_about_the_old_wording(self, question):
        assert parse_query(question, CATALOGUE).wants_old

    def test_dulu_meaning_first_is_not_the_old_rule(self):
        assert not parse_query("PNS mau nyaleg, harus mundur dulu?", CATALOGUE).wants_old


@pytest.mark.parametrize("question, personnel", [
    ("bro sy staf BKPSDM. SK hukdis PNS yg ikut kampanye kapan paling lambat diserahin?", True),
    ("Saya dari BKD Kab. Bone, mau tanya soal pemanggilan kedua", True),
    ("kami bagian kepegawaian dinas pendidikan: siapa yang berwenang menghukum?", True),
    ("saya PNS, apakah BKPSDM berwenang memeriksa saya?", False),
    ("Saya PNS yang diperiksa oleh BKPSDM, boleh didampingi?", False),
    ("tanya ke BKPSDM aja ya?", False),
])
def test_an_asker_from_the_personnel_office_is_recognised(question, personnel):
    # they are not told to "ask your BKPSDM": the lead's hedge and the referral name BKN instead
    assert asker_is_personnel_office(question) is personnel


def test_the_referral_for_the_personnel_office_names_the_next_office_up():
    from bot.answer import referral

    assert "BKN" in referral("sy staf BKPSDM, batas waktu banding berapa hari?")
    assert "BKPSDM" not in referral("sy staf BKPSDM, batas waktu banding berapa hari?")
    assert "BKPSDM" in referral("PNS boleh ikut kampanye?")


@pytest.mark.parametrize("question, searched", [
    ("sanksi ASN ikut kampanye apa?", "sanksi ASN/PNS ikut kampanye apa?"),
    ("asn boleh like postingan caleg?", "ASN/PNS boleh like postingan caleg?"),
    # the act's name, the ASN classes set apart and "non-ASN" stay as written
    ("UU ASN yang baru pasal 9", "UU ASN yang baru pasal 9"),
    ("PPPK itu termasuk ASN gak?", "PPPK itu termasuk ASN gak?"),
    ("gaji pegawai non-ASN gimana?", "gaji pegawai non-ASN gimana?"),
])
def test_a_bare_asn_is_also_searched_as_pns(question, searched):
    from bot.retrieve import search_text

    assert search_text(question) == searched


@pytest.mark.parametrize("question, outsider", [
    ("sy kades, diajak jadi jurkam paslon bupati. boleh?", True),
    ("Babinsa (TNI) ikut rapat tim pemenangan cabup, ada larangannya?", True),
    ("kades di desa sy bikin SK bantuan buat pendukung petahana. kades kan bukan ASN, ada aturannya?", True),
    # a civil servant is in the story too: the rules for PNS may be the answer
    ("sy sekdes tapi status sy PNS pemkab, kades ngajak kampanye", False),
    ("Sy PNS, suami sy nyalon kepala desa. boleh jadi timsesnya?", False),
    ("calon kepala desa boleh pasang baliho di kantor?", False),  # a candidate is not the actor
])
def test_a_question_about_village_heads_or_soldiers_and_no_civil_servant_is_recognised(question, outsider):
    from bot.query import about_outsider

    assert about_outsider(question) is outsider


@pytest.mark.parametrize("question, pppk", [
    ("sa guru P3K, aturan netral berlaku ka?", True),
    ("PPPK boleh jadi pengurus partai?", True),
    ("Pegawai Pemerintah dengan Perjanjian Kerja wajib netral?", True),
    ("PNS boleh ikut kampanye?", False),
])
def test_a_question_naming_pppk_is_recognised(question, pppk):
    from bot.query import about_pppk

    assert about_pppk(question) is pppk


@pytest.mark.parametrize("question, asked", [
    ("camat bagi sembako pakai kaos paslon, kena hukdis aja atau bisa pidana juga?", True),
    ("kalau ketahuan bisa masuk penjara gak?", True),
    ("berapo lamo penjaro samo dendonyo?", True),
    ("Apakah pasangan calon dapat dipidana apabila melibatkan ASN?", True),
    # a conviction's consequence for the post, or the election-crime desk: not a penalty asked for
    ("PNS yang dipidana penjara 2 tahun karena korupsi, diberhentikan atau tidak?", False),
    ("PNS ditahan sebagai tersangka tindak pidana pemilihan, gajinya bagaimana?", False),
    ("Sentra Gakkumdu yang menangani tindak pidana pemilu terdiri dari siapa saja?", False),
    ("PNS like postingan caleg di IG, boleh?", False),
])
def test_a_question_asking_for_a_criminal_penalty_is_recognised(question, asked):
    from bot.query import asks_criminal

    assert asks_criminal(question) is asked


@pytest.mark.parametrize("question, candidate", [
    ("paslon ngajak guru PNS jadi jurkam. yg kena pidana itu paslonnya ato gurunya?", True),
    ("kades disuruh bagi kalender cabup. bisa masuk penjara? terus cabupnya kena juga?", True),
    # the candidate favoured by an official's decision is not the one whose penalty is asked
    ("pejabat ASN yang membuat keputusan yang menguntungkan salah satu pasangan calon dapat dipidana?", False),
    ("lurah bikin surat edaran suruh warga datang kampanye. itu bisa pidana?", False),
])
def test_a_candidates_own_penalty_is_told_apart_from_an_officials(question, candidate):
    from bot.query import asks_candidate_sanction

    assert asks_candidate_sanction(question) is candidate


def test_regional_words_are_read_as_standard_indonesian():
    from bot.regional import standardize

    assert standardize("aku gak mlebu 12 dino kerjo, sanksine opo?") == "aku gak masuk 12 hari kerja, sanksine apa?"
    assert standardize("beta sonde tau, bisa kena ko?") == "saya tidak tau, bisa kena ko?"
    # a standard question is returned as written ("oleh", "kita" are Indonesian words too)
    plain = "Apakah PNS yang diberi tugas oleh atasan boleh hadir? Kita perlu tahu sanksinya."
    assert standardize(plain) == plain


def test_a_regional_ending_is_dropped_only_when_what_is_left_is_a_known_word():
    from bot.regional import standardize

    known = {"sanksi", "hukdis", "diberhentikan", "kampanye"}.__contains__
    assert standardize("sanksine opo, biso diberhentike?", known) == "sanksi apa, bisa diberhentikan?"
    assert standardize("hukdise abot", known) == "hukdis berat"
    assert standardize("kampanye gimane", known) == "kampanye gimane"  # "giman" is no word: left as written


def test_ps_without_a_dot_is_pasal():
    from bot.query import spell_reference

    assert spell_reference("PP 11 thn 2017 ps 315 bunyinya apa?") == "PP 11 thn 2017 pasal 315 bunyinya apa?"


def test_a_ticket_s_numbered_asks_are_read_one_by_one():
    from bot.query import question_asks

    asks = question_asks("Mohon penjelasan: (1) sejak kapan pemberhentian sementara berlaku; (2) apakah gajinya "
                         "tetap dibayar; (3) siapa yang menetapkan keputusannya.")
    assert [a.split(")")[0][-1] for a in asks] == ["1", "2", "3"], asks
    # a pasal's own numbering is no list of asks
    assert len(question_asks("Apa isi Pasal 5 ayat (2) huruf b PP 94/2021?")) == 1
