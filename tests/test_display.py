"""Readable quotes (bot/display.py): OCR damage repaired for the reader, every character traceable.

The mapping test parses the whole shared corpus with the indexer's own functions (no embedding)
and checks every chunk: the display's pieces put back together give the verbatim text exactly,
unchanged pieces are shown as they are, and every repair is one of the named, conservative kinds.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from bot.display import Lexicon, display
from tests.corpus_path import requires_corpus, shared_corpus

REPAIRS = {"penanda ayat", "penanda angka", "penanda huruf", "tanda persen", "dan/atau", "angka tahun",
           "cap halaman", "ejaan korpus", "kata tergabung", "kata terpisah", "tanda hubung", "kepala halaman",
           "penanda tanpa isi", "kata berulang", "angka belasan", "kata terpotong"}


@lru_cache(maxsize=1)
def corpus_chunks():
    from indexer.build import parse_document
    from indexer.catalog import load_catalog

    catalog = load_catalog(shared_corpus())
    chunks = []
    for doc in catalog.documents:
        path = catalog.file_path(doc)
        if path is not None and path.exists():
            chunks.extend(parse_document(doc, path))
    return chunks


@lru_cache(maxsize=1)
def corpus_lexicon() -> Lexicon:
    return Lexicon.from_texts(c.text for c in corpus_chunks())


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


@requires_corpus
def test_every_chunk_of_the_corpus_displays_as_repairs_of_its_verbatim_text():
    lexicon = corpus_lexicon()
    chunks = corpus_chunks()
    assert len(chunks) > 1000
    repaired = 0
    for chunk in chunks:
        shown = display(chunk.text, lexicon)
        assert shown.source == chunk.text, chunk.label  # the pieces are the verbatim text, in order
        for piece in shown.pieces:
            if not piece.why:
                assert piece.shown == piece.source
                continue
            repaired += 1
            assert piece.why in REPAIRS, piece
            if piece.why in ("kata tergabung", "kata terpisah", "tanda hubung"):
                assert _letters(piece.shown) == _letters(piece.source), piece  # only spaces move
            if piece.why == "kata berulang":  # only a second copy of the words just before it is dropped
                at = chunk.text.find(piece.source)
                assert piece.shown == "" and piece.source.strip() and at >= 0
            if piece.why == "penanda tanpa isi":  # only item markers are dropped, never words
                assert not re.search(r"[A-Za-z]{2,}", piece.source), piece
            if piece.why == "ejaan korpus":
                assert lexicon.freq(piece.shown) >= 5 > 0 < len(piece.source), piece
            if piece.why == "cap halaman":
                assert piece.shown == "" and not re.search(r"\b(dilarang|wajib|Pasal)\b", piece.source), piece
        # no display is much shorter than its source: stamps are small
        assert len(shown.text) >= 0.9 * len(chunk.text) - 40, chunk.label
    assert repaired > 100


@requires_corpus
def test_display_spans_map_back_to_the_verbatim_spans():
    lexicon = corpus_lexicon()
    for chunk in corpus_chunks()[:400]:
        shown = display(chunk.text, lexicon)
        at = 0
        for piece in shown.pieces:
            s, e = shown.source_span(at, at + len(piece.shown))
            if piece.shown:
                assert chunk.text[s:e] == piece.source, (chunk.label, piece)
            at += len(piece.shown)


@requires_corpus
def test_the_known_ocr_damage_of_pp_94_2021_reads_cleanly():
    lexicon = corpus_lexicon()
    texts = {c.label: c.text for c in corpus_chunks() if c.doc_id == "pp-94-2021"}
    n = display(texts["PP 94/2021 Pasal 5 huruf n"], lexicon).text
    assert "Dewan Perwakilan Rakyat," in n and "Ralryat" not in n
    assert "\n1. ikut kampanye;" in n
    pasal_8 = display(texts["PP 94/2021 Pasal 8"], lexicon).text
    assert "(4) Jenis Hukuman Disiplin berat" in pasal_8 and "25%" in pasal_8 and "penurunan jabatan" in pasal_8
    # the page stamp after huruf h is gone; huruf i (inline after it in the OCR) is its own chunk
    huruf_h = display(texts["PP 94/2021 Pasal 14 huruf g–h"], lexicon).text
    assert "irlq" not in huruf_h and huruf_h.endswith("Pasal 5 huruf l;")
    assert display(texts["PP 94/2021 Pasal 14 huruf i"], lexicon).text.startswith("i. memberikan dukungan")
    assert "menyalahgunakan wewenang;" in display(texts["PP 94/2021 Pasal 5 huruf a–m"], lexicon).text
    # the line before a page break OCR'd again after the page header is shown once
    uu_20 = {c.label: c.text for c in corpus_chunks() if c.doc_id == "uu-20-2023"}
    pasal_24 = display(next(t for label, t in uu_20.items() if label.startswith("UU 20/2023 Pasal 24")), lexicon).text
    assert "b. menaati ketentuan peraturan" in pasal_24 and "menaati b. menaati" not in pasal_24
    # a stamp cut off by the end of a pasal, one of its pieces common enough in the OCR to pass for a word
    assert display(texts["PP 94/2021 Pasal 37"], lexicon).text.endswith("dikirim kepada yang bersangkutan.")


def test_without_a_lexicon_only_marker_and_glyph_repairs_are_made():
    text = "(21 Pegawai ASN dilarang menjadi anggota partai politik sejak 2OlO, danlatau dipotong 25o/o."
    shown = display(text)
    assert shown.text == "(2) Pegawai ASN dilarang menjadi anggota partai politik sejak 2010, dan/atau dipotong 25%."
    assert shown.source == text


def test_a_percent_sign_read_as_letters_is_repaired_only_before_a_spelled_out_persen():
    assert display("sebesar 75olo (tujuh puluh lima persen) dari").text == "sebesar 75% (tujuh puluh lima persen) dari"
    assert display("dipotong 25oh (dua puluh lima persen)").text == "dipotong 25% (dua puluh lima persen)"
    assert display("selama 10 oh bukan persen").text == "selama 10 oh bukan persen"


def test_a_teen_whose_1_was_read_as_a_letter_is_repaired_only_where_the_spelled_number_proves_it():
    assert display("paling lambat t4 (empat belas) hari kerja").text == "paling lambat 14 (empat belas) hari kerja"
    assert display("paling lambat l2 (dua belas) hari").text == "paling lambat 12 (dua belas) hari"
    assert display("huruf t4 (empat puluh) hari").text == "huruf t4 (empat puluh) hari"  # not a teen: unproved
    assert display("Pasal t4 ayat (1)").text == "Pasal t4 ayat (1)"


def test_a_reference_s_ayat_glued_to_the_next_word_and_a_broken_huruf_are_repaired():
    # PP 94/2021 Pasal 21 "Pasal 8 ayat (21dan ayat (3)"; PP 11/2017 Pasal 280 "Pasal 276 h: uruf c"
    assert display("dalam Pasal 8 ayat (21dan ayat (3).").text == "dalam Pasal 8 ayat (2) dan ayat (3)."
    assert display("dalam Pasal 276 h: uruf c berlaku").text == "dalam Pasal 276 huruf c berlaku"


def test_real_words_are_never_respelled():
    lexicon = Lexicon.from_texts(["lulus " * 30 + "Oleh " * 3 + "oleh " * 50 + "tulus"])
    assert display("tulus Oleh", lexicon).text == "tulus Oleh"


@pytest.mark.parametrize("text", ["huruf i. memberikan", "(2) PNS", "a. teguran lisan;\nb. teguran tertulis"])
def test_clean_text_is_shown_unchanged(text):
    assert display(text, Lexicon.from_texts([text])).text == text


def test_a_quote_shown_again_is_not_worked_out_again_and_the_memory_stays_bounded(monkeypatch):
    """Per lexicon (one per index generation) each text's display is worked out once: the same pasal
    is quoted to many users. The memory is bounded: a flood of odd texts cannot grow it for ever."""
    import bot.display as display_module

    lexicon = Lexicon.from_texts(["Pegawai Negeri Sipil dilarang " * 10])
    worked = []
    real = display_module._display
    monkeypatch.setattr(display_module, "_display", lambda text, lex: worked.append(text) or real(text, lex))
    first = display("Pegawai Negeri Sipil dilarang Ralryat", lexicon)
    again = display("Pegawai Negeri Sipil dilarang Ralryat", lexicon)
    assert again == first and worked == ["Pegawai Negeri Sipil dilarang Ralryat"]
    display("Pegawai Negeri Sipil dilarang Ralryat", Lexicon.from_texts(["lain"]))  # another generation
    assert len(worked) == 2

    monkeypatch.setitem(display_module.MEMO_SIZE, "display", 3)
    for n in range(10):
        display(f"teks ke-{n}", lexicon)
    assert len(lexicon._memo["display"]) <= 3


def test_the_first_angka_read_as_a_letter_is_repaired_in_a_quote_of_it_alone_when_its_pasal_proves_it():
    from bot.display import quote_display

    source = "n. memberikan dukungan dengan cara:\nf . ikut kampanye;\n2. menjadi peserta kampanye;"
    quote = "f . ikut kampanye;"
    assert display(quote).text == "f. ikut kampanye;"  # alone, "f ." may be a huruf f
    shown = quote_display(quote, source)
    assert shown.text == "1. ikut kampanye;"
    assert shown.source == quote  # still maps back to the verbatim text
    huruf_f = quote_display("f . menghalangi tugas;", "e. x;\nf . menghalangi tugas;\ng. y")
    assert huruf_f.text == "f. menghalangi tugas;"  # a real huruf f, followed by g, stays f
