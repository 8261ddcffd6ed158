"""Cleaning deletes what is not law and never rewrites a legal word."""

from __future__ import annotations

import re

from indexer.clean import clean_pages, clean_text
from indexer.load import Page, load_pages
from tests.corpus_path import requires_corpus, shared_corpus


def words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


def test_page_header_and_footer_removed():
    page = "PRESIDEN\nREPUBLIK INDONESIA\n- 4 -\nPasal 6\nKetentuan lebih lanjut diatur.\nSK No 108402 A"
    assert clean_text(page) == "Pasal 6\nKetentuan lebih lanjut diatur."


def test_ocr_header_variants_removed_inline():
    text = "4. peserta kampanye; 5. membuat PFTESIDEN REPUBLIK INDONESIA 5. membuat keputusan"
    assert clean_text(text) == "4. peserta kampanye; 5. membuat keputusan"
    assert "INOONESIA" not in clean_text("dan PR ES IOEN REPUBLIK INOONESIA f. melaksanakan tugas")


def test_enacting_formula_and_signature_kept():
    text = "DENGAN RAHMAT TUHAN YANG MAHA ESA PRESIDEN REPUBLIK INDONESIA, Menimbang"
    assert clean_text(text) == text
    assert "PRESIDEN REPUBLIK INDONESIA" in clean_text("DAN PRESIDEN REPUBLIK INDONESIA\nMEMUTUSKAN:")


def test_stamp_garbage_removed():
    text = "a. menghadiri dan mengucapkan sumpah/janji PNS; : ,1< l.lo 106 ^-<.1 / b. menghadiri b. menghadiri dan"
    assert clean_text(text) == "a. menghadiri dan mengucapkan sumpah/janji PNS; b. menghadiri dan"


def test_catchwords_dropped():
    assert clean_text("Pancasila. Pasal 3… Pasal 3 Pembinaan jiwa") == "Pancasila. Pasal 3 Pembinaan jiwa"
    assert clean_text("Unit Kerja. (2) Hukuman . (21 Hukuman Disiplin") == "Unit Kerja. (21 Hukuman Disiplin"


def test_hyphenated_line_breaks_joined():
    assert clean_text("peme-\nrintahan daerah") == "pemerintahan daerah"
    assert clean_text("Undang-\nUndang") == "Undang-Undang"
    assert clean_text("sebaik-\nbaiknya") == "sebaik-baiknya"


def test_ocr_misspellings_inside_words_stay():
    text = "calon anggota Dewan Perwakilan Ralryat, menyalahgunakanwewenang; 25o/o (dua puluh lima persen)"
    assert clean_text(text) == text


def test_clean_pages_keeps_numbers():
    pages = clean_pages([Page(3, "PRESIDEN\nREPUBLIK INDONESIA\n- 3 -\nPasal 7")])
    assert pages == [Page(3, "Pasal 7")]


@requires_corpus
def test_cleaning_only_deletes_words():
    """Every word of the cleaned text appears, in order, in the source (modulo joined hyphens)."""
    root = shared_corpus()
    for name in ("regulations/pp-94-2021.md", "regulations/uu-5-2014.md", "pdf/uu-20-2023.pdf"):
        pages = load_pages(root / name)
        raw = " ".join(p.text for p in pages)
        cleaned = " ".join(p.text for p in clean_pages(pages))
        source = iter(words(raw.replace("-\n", "-").replace("^", "")))
        for word in words(cleaned.replace("^", "")):
            assert any(word == w or word in w for w in source), (name, word)
