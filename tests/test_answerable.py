"""Specification: a question asking for a figure is answered only by a passage stating one."""

from __future__ import annotations

import pytest

from bot.answerable import asked_quantity, states_quantity


@pytest.mark.parametrize("question, unit", [
    ("Berapa hari kerja batas waktu Majelis Kode Etik harus memutus?", "waktu"),
    ("keberatan atas hukdis batas waktunya berapa hari sejak SK diterima?", "waktu"),
    ("cuti kampanye paling lama berapa hari?", "waktu"),
    ("tukin dipotong berapa persen?", "persen"),
    ("dendanya berapa kalau ASN ikut kampanye?", "uang"),
    ("Pemungutan suara Pilkada 2024 itu tanggal berapa persisnya?", "tanggal"),
    ("Jawa Tengah dapat nilai berapa di indeks kerawanan netralitas?", "angka"),
    ("Dari 266 laporan itu, berapa di antaranya yang sudah diputus?", "angka"),
    # chat writes "brp"; "berapa jumlah …" asks a count
    ("laporan ke Panwascam batas waktunya brp hari sejak diketahui?", "waktu"),
    ("Berapa jumlah ASN di Kabupaten Lombok Timur yang direkomendasikan Bawaslu?", "angka"),
    # pay asked as an amount
    ("honor saksi TPS itu brp sih?", "uang"),
    ("Tukin sy brp rupiah sebulan?", "rupiah"),
    ("apakah gajinya tetap dibayar dan berapa besar uang pemberhentian sementara?", "uang"),
    ("Berapa gaji pokok PNS golongan III/a sekarang?", "uang"),
    ("selama diberhentikan sementara gaji sy gmn?", None),
    ("Gaji pokok PNS golongan III/b masa kerja 10 tahun sekarang berapa ya?", "uang"),
    ("Di Kabupaten Lampung Tengah, berapa ASN yang dijatuhi sanksi karena tidak netral?", "angka"),
    # … and each region its own way
    ("masa kampanye mulai tanggal pira?", "tanggal"),
    ("potongan tunjangan sabaraha persen?", "persen"),
    ("berapo lamo batas waktunyo? barapo hari?", "waktu"),
    ("PNS boleh ikut kampanye?", None),
    ("berapa banyak pasal yang mengatur netralitas?", None),
])
def test_what_figure_a_question_asks_for(question, unit):
    assert asked_quantity(question) == unit


def test_a_deadline_is_stated_in_words_and_digits_as_the_law_writes_it():
    assert states_quantity("waktu", ["paling lama 14 (empat belas) hari kerja sejak keputusan diterima"])
    assert states_quantity("waktu", ["dalam jangka waktu paling lama tujuh hari"])
    assert not states_quantity("waktu", ["Majelis Kode Etik memeriksa dan memutus pelanggaran kode etik."])


def test_a_date_is_a_day_of_a_month_not_the_month_alone():
    assert states_quantity("tanggal", ["pemungutan suara dilaksanakan pada tanggal 27 November 2024"])
    assert not states_quantity("tanggal", ["Pemungutan suara serentak nasional dilaksanakan pada bulan November 2024."])


def test_percentages_and_money():
    assert states_quantity("persen", ["pemotongan tunjangan kinerja sebesar 25% (dua puluh lima persen)"])
    assert states_quantity("uang", ["denda paling sedikit Rp6.000.000,00"])
    assert not states_quantity("uang", ["dipidana dengan pidana penjara"])
    # an allowance set as a share of pay states how much money
    assert states_quantity("uang", ["diberikan uang pemberhentian sementara sebesar 50% (lima puluh persen) dari "
                                    "penghasilan jabatan terakhir"])
    assert not states_quantity("uang", ["paling sedikit 50% (lima puluh persen) dari jumlah pemilih"])


def test_a_figure_missing_from_the_best_pasal_is_declined():
    from bot.retrieve import Threshold
    from tests.helpers_answer import make_retriever

    r = make_retriever(Threshold(value=0.0, out_of_scope=0.0))
    answer = r.search("PNS ikut kampanye kena potong tukin berapa rupiah?")
    assert not answer.found and answer.reason == "detail_missing"
    assert r.search("PNS ikut kampanye, hukumannya apa?").found


def test_the_figure_must_be_stated_about_what_was_asked():
    about_summons = lambda s: "panggil" in s.lower()  # noqa: E731
    texts = ["Keputusan disampaikan paling lama 14 (empat belas) hari kerja; pemanggilan dilakukan secara tertulis."]
    assert not states_quantity("waktu", texts, about_summons)
    assert states_quantity("waktu", texts, lambda s: "keputusan" in s.lower())


def test_a_figure_broken_over_lines_is_still_one_sentence():
    assert states_quantity("persen", ["keberpihakan ASN di media sosial, yakni sejumlah 40\npersen."],
                           lambda s: "media" in s)


def test_a_known_regulation_whose_text_is_not_indexed_is_named_with_its_official_source():
    from bot.manifest import not_indexed_note

    note = not_indexed_note(["skb-2-2022", "uu-99-2099"], indexed={"pp-94-2021"})
    assert note.startswith("SKB 2/2022 tentang Pedoman Pembinaan dan Pengawasan Netralitas")
    assert "belum dimuat" in note and "Naskah resmi: https://" in note
    assert "uu-99-2099" not in note  # unknown to the project too: nothing is made up
    assert not_indexed_note(["skb-2-2022"], indexed={"skb-2-2022"}) == ""


@pytest.mark.parametrize("question, body", [
    ("Pemungutan suara Pilkada 2024 itu tanggal berapa persisnya?", "KPU setempat"),
    ("Berapa persen TPP dipotong menurut Perbup kami?", "Bagian Hukum pemerintah daerah"),
    ("Besaran tukin kelas jabatan 8 di Kemenag berapa?", "BKPSDM"),
    # a village head is not a civil servant: his personnel office is not the place to ask
    ("Sy kades, honor tim kampanye yg ngajak sy brp?", "Bawaslu/Panwaslu setempat"),
])
def test_a_decline_sends_the_user_to_the_body_that_decides_the_matter(question, body):
    from bot.answer import not_found_answer
    from bot.query import parse_query
    from bot.retrieve import Retrieval

    answer = not_found_answer(question, Retrieval(parse_query(question), [], False, "below_threshold"))
    assert body in answer.text
    assert answer.text.count("tanyakan") == 1  # one referral, not a list of every office


@pytest.mark.parametrize("question, outcome", [
    ("Kasus ASN yang hadir di deklarasi paslon di Kota Pekalongan itu akhirnya dijatuhi sanksi apa?", True),
    ("Berapa ASN di Kabupaten Lampung Tengah yang akhirnya dihukum karena tidak netral?", True),
    ("PNS ikut kampanye akhirnya dihukum apa?", False),  # a rule asked in general, not one case
    ("Hasil pemeriksaan kasus ini menunjukkan tiga pelanggaran; hukuman apa yang dijatuhkan?", False),
])
def test_how_one_named_case_ended_is_recognised(question, outcome):
    from bot.retrieve import asks_case_outcome

    assert asks_case_outcome(question) is outcome


@pytest.mark.parametrize("question, places", [
    ("Berapa jumlah ASN di Provinsi Papua Pegunungan yang dilaporkan ke Bawaslu?", ["Papua Pegunungan"]),
    ("Berapa rupiah tunjangan kemahalan PNS di Kabupaten Puncak per bulan?", ["Puncak"]),
    # the story is told in one sentence, the figure asked in another: the place is not what it is about
    ("Sy kades di Kab. Bone. Kalau kampanye, brp ancaman pidananya?", []),
    ("Sy PNS di Kabupaten Garut, ikut kampanye kena hukuman apa?", []),  # no figure asked at all
])
def test_the_place_a_figure_is_asked_about_is_found(question, places):
    from bot.answerable import asked_places

    assert asked_places(question) == places


def test_a_date_asked_with_the_word_hari_is_still_a_date():
    from bot.answerable import asked_quantity

    assert asked_quantity("Tanggal berapa persisnya hari pemungutan suara Pemilu 2024?") == "tanggal"
    assert asked_quantity("Berapa hari batas waktu keberatan?") == "waktu"


def test_a_period_whose_digits_ocr_damaged_is_still_stated_by_its_words_in_brackets():
    # "t4 (empat belas) hari kerja", "I (satu) tahun": the law writes every number twice
    assert states_quantity("waktu", ["ditetapkan paling lama t4 (empat belas) hari kerja setelah usul diterima"])
    assert states_quantity("waktu", ["diberikan paling lama I (satu) tahun"])
    assert not states_quantity("waktu", ["diberhentikan sejak ditetapkan sebagai calon"])
