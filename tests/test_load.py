"""Loading files into pages, and refusing unusable PDFs with messages an admin can act on."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter

from indexer.load import (
    CorruptPdf,
    DocumentError,
    EmptyDocument,
    EncryptedPdf,
    FileTooLarge,
    NotAPdf,
    NoTextLayer,
    Page,
    UnsupportedFormat,
    check_pdf_bytes,
    load_pages,
)
from tests.corpus_path import requires_corpus, shared_corpus

CORRUPT = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%garbage without xref or trailer"


def blank_pdf(pages: int = 2) -> bytes:
    """A PDF with pages but no text at all: what a scan without OCR looks like to pypdf."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="rahasia", owner_password="pemilik", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_markdown_is_one_page(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Pasal 1\nIsi.", encoding="utf-8")
    assert load_pages(path) == [Page(1, "Pasal 1\nIsi.")]


def test_text_split_on_form_feeds(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("satu\fdua", encoding="utf-8")
    assert load_pages(path) == [Page(1, "satu"), Page(2, "dua")]


def test_empty_and_unsupported(tmp_path):
    (tmp_path / "kosong.md").write_text("  \n", encoding="utf-8")
    with pytest.raises(EmptyDocument, match="kosong"):
        load_pages(tmp_path / "kosong.md")
    (tmp_path / "a.docx").write_bytes(b"PK")
    with pytest.raises(UnsupportedFormat, match=r"PDF, \.md atau \.txt"):
        load_pages(tmp_path / "a.docx")


def test_corrupt_pdf(tmp_path):
    path = tmp_path / "rusak.pdf"
    path.write_bytes(CORRUPT)
    with pytest.raises(CorruptPdf, match="PDF rusak") as err:
        load_pages(path)
    assert "unggah" in str(err.value)


def test_encrypted_pdf(tmp_path):
    path = tmp_path / "kunci.pdf"
    path.write_bytes(encrypted_pdf())
    with pytest.raises(EncryptedPdf, match=r"(?i)buka kuncinya dulu"):
        load_pages(path)


def test_pdf_without_text_layer(tmp_path):
    path = tmp_path / "pindaian.pdf"
    path.write_bytes(blank_pdf())
    with pytest.raises(NoTextLayer, match="OCR"):
        load_pages(path)


def test_errors_share_one_base_class():
    for cls in (CorruptPdf, EncryptedPdf, EmptyDocument, NoTextLayer, UnsupportedFormat, FileTooLarge, NotAPdf):
        assert issubclass(cls, DocumentError)


def test_check_pdf_bytes():
    with pytest.raises(FileTooLarge, match="terlalu besar"):
        check_pdf_bytes(b"%PDF" + b"0" * 100, max_bytes=10)
    with pytest.raises(NotAPdf, match="%PDF"):
        check_pdf_bytes(b"PK\x03\x04 docx", max_bytes=1000)
    with pytest.raises(EncryptedPdf):
        check_pdf_bytes(encrypted_pdf(), max_bytes=10**6)
    with pytest.raises(NoTextLayer):
        check_pdf_bytes(blank_pdf(), max_bytes=10**6)
    with pytest.raises(CorruptPdf):
        check_pdf_bytes(CORRUPT, max_bytes=10**6)


@requires_corpus
def test_real_pdf_page_by_page():
    pages = load_pages(shared_corpus() / "pdf" / "pp-94-2021.pdf")
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))
    assert "PNS dilarang" in " ".join(p.text for p in pages)
    check_pdf_bytes((shared_corpus() / "pdf" / "pp-94-2021.pdf").read_bytes(), max_bytes=10**7)
