"""Files → pages of text. PDF page by page (pypdf), markdown/text as one page or split on form feeds.

Every failure is a `DocumentError` whose message says, in Bahasa Indonesia, what happened and what
the admin should do, so the build can report it, skip the document and index the others.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pypdf import PdfReader

# A page with fewer letters than this is treated as having no text layer (a scan or a blank page).
MIN_LETTERS_PER_PAGE = 40
TEXT_SUFFIXES = {".md", ".markdown", ".txt"}


@dataclass(frozen=True)
class Page:
    """One page of a source file; `number` is 1-based, as printed in citations."""

    number: int
    text: str


class DocumentError(Exception):
    """A document cannot be read; the message is meant for the admin, in Indonesian."""


class CorruptPdf(DocumentError):
    pass


class EncryptedPdf(DocumentError):
    pass


class EmptyDocument(DocumentError):
    pass


class NoTextLayer(DocumentError):
    pass


class UnsupportedFormat(DocumentError):
    pass


class FileTooLarge(DocumentError):
    pass


class NotAPdf(DocumentError):
    pass


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _reader(data: bytes, name: str) -> PdfReader:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise CorruptPdf(
            f"PDF rusak: {name} tidak dapat dibaca ({exc}). Unduh ulang berkas aslinya lalu unggah lagi."
        ) from exc
    if encrypted:
        # Some PDFs are "encrypted" with an empty user password and still readable.
        try:
            ok = reader.decrypt("") != PasswordType.NOT_DECRYPTED
        except Exception:  # pypdf raises several types here, incl. missing crypto backends
            ok = False
        if not ok:
            raise EncryptedPdf(
                f"PDF terenkripsi: {name} dilindungi kata sandi. Buka kuncinya dulu lalu unggah ulang."
            )
    return reader


def _pdf_pages(data: bytes, name: str) -> list[Page]:
    reader = _reader(data, name)
    try:
        raw = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf can fail deep inside a broken content stream
        raise CorruptPdf(
            f"PDF rusak: teks {name} tidak dapat diambil ({exc}). Unduh ulang berkas aslinya lalu unggah lagi."
        ) from exc
    if not raw:
        raise EmptyDocument(f"PDF kosong: {name} tidak memiliki halaman. Periksa berkasnya lalu unggah ulang.")
    if _letters("".join(raw)) < MIN_LETTERS_PER_PAGE * max(1, len(raw)) // 4:
        raise NoTextLayer(
            f"PDF tanpa lapisan teks: {name} tampaknya hasil pindai ({len(raw)} halaman, hampir tanpa teks). "
            "Jalankan OCR (mis. ocrmypdf) atau cari versi teks dari peraturan.go.id / JDIH, lalu unggah ulang."
        )
    return [Page(i + 1, text) for i, text in enumerate(raw)]


def load_pages(path: str | Path) -> list[Page]:
    """Read a file into pages; raise a `DocumentError` subclass when it cannot be used."""
    path = Path(path)
    name = path.name
    suffix = path.suffix.lower()
    if not path.exists():
        raise EmptyDocument(f"Berkas tidak ditemukan: {path}. Periksa kolom 'file' di katalog.")
    if suffix == ".pdf":
        return _pdf_pages(path.read_bytes(), name)
    if suffix in TEXT_SUFFIXES:
        text = path.read_text(encoding="utf-8", errors="replace")
        if not text.strip():
            raise EmptyDocument(f"Berkas kosong: {name} tidak berisi teks. Periksa berkasnya lalu unggah ulang.")
        parts = text.split("\f")
        return [Page(i + 1, part) for i, part in enumerate(parts)]
    raise UnsupportedFormat(
        f"Format tidak didukung: {name}. Gunakan PDF, .md atau .txt (ubah dokumen Word ke PDF dulu)."
    )


def check_pdf_bytes(data: bytes, max_bytes: int) -> None:
    """Vet an uploaded PDF before storing it: size, magic bytes, encryption, text layer."""
    if len(data) > max_bytes:
        raise FileTooLarge(
            f"Berkas terlalu besar: {len(data) / 1e6:.1f} MB, batasnya {max_bytes / 1e6:.1f} MB. "
            "Kecilkan ukurannya atau pisahkan lampirannya lalu unggah ulang."
        )
    if not data:
        raise EmptyDocument("Berkas kosong: tidak ada isi yang diterima. Unggah ulang berkasnya.")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise NotAPdf("Bukan PDF: berkas ini tidak diawali penanda %PDF. Kirim berkas PDF asli peraturannya.")
    _pdf_pages(data, "berkas unggahan")
