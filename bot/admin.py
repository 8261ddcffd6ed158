"""Admin operations on the corpus and its index, behind one object the CLI and Telegram both use.

Add a regulation (new, repealing one, or amending one), rebuild, mark repealed (/cabut), roll back,
and list what can be named. Each runs under one lock, so operations from several admins wait
their turn instead of being dropped, and each tells the Assistant to pick up the new index
generation afterwards (`on_change`). Blocking: Telegram calls it in a worker thread.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from bot.config import BotSettings
from indexer.catalog import load_catalog, make_id
from indexer.types import Document

Relation = Literal["baru", "mencabut", "mengubah"]  # a new regulation; repeals one; amends one
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class UploadPlan:
    """What an admin said about a file: which regulation it is and how it relates to a listed one."""

    jenis: str
    nomor: str
    tahun: int
    judul: str
    relation: Relation = "baru"
    target: str | None = None  # the listed regulation it repeals or amends

    @property
    def doc_id(self) -> str:
        return make_id(self.jenis, self.nomor, self.tahun)

    def document(self) -> Document:
        return Document(id=self.doc_id, kind="regulation", judul=self.judul, jenis=self.jenis, nomor=self.nomor,
                        tahun=self.tahun, status="berlaku", sumber="unggahan admin",
                        mencabut=(self.target,) if self.relation == "mencabut" and self.target else (),
                        mengubah=(self.target,) if self.relation == "mengubah" and self.target else ())

    @property
    def short_name(self) -> str:
        return self.document().short_name


class IndexAdmin:
    """The corpus and index of one deployment, changed one operation at a time."""

    def __init__(self, settings: BotSettings, on_change: Callable[[], Any] | None = None,
                 embedder: Any = None) -> None:
        self.settings = settings
        self.on_change = on_change or (lambda: None)
        self.embedder = embedder  # the bot's loaded model: no second copy (and ~40 s) per upload
        self._lock = threading.Lock()

    @property
    def busy(self) -> bool:
        return self._lock.locked()

    @contextmanager
    def _one_at_a_time(self) -> Iterator[None]:
        with self._lock:
            try:
                yield
            finally:
                self.on_change()

    # ------------------------------------------------------------------ reading

    def regulations(self) -> list[Document]:
        """The catalogue's regulations (what an upload may repeal or amend, what /cabut may name)."""
        catalog = load_catalog(self.settings.corpus_path)
        docs = [d for d in catalog.by_id().values() if d.kind == "regulation"]
        return sorted(docs, key=lambda d: (not d.in_force, -(d.tahun or 0), d.id))

    def active_manifest(self) -> Any:
        from indexer.store import open_store

        active = open_store(self.settings).active()
        return active.manifest if active else None

    # ------------------------------------------------------------------ changing

    def add(self, path: Path, plan: UploadPlan, progress: Progress | None = None) -> Any:
        """Parse, store, catalogue and index one file; then record the repeal it makes, if any."""
        from indexer.build import add_document, mark_repealed

        if plan.target and load_catalog(self.settings.corpus_path).get(plan.target) is None:
            raise KeyError(f"Dokumen '{plan.target}' tidak ada di katalog.")
        with self._one_at_a_time():
            report = add_document(self.settings, path, plan.document(), progress=progress or False,
                                  embedder=self.embedder)
            if plan.relation == "mencabut" and plan.target:
                mark_repealed(self.settings, plan.target, report.doc.id, embedder=self.embedder)
            return report

    def add_pdf_bytes(self, content: bytes, plan: UploadPlan) -> Any:
        """An uploaded PDF: vetted, then written to a private temp file (never a user-chosen name)."""
        from indexer.load import check_pdf_bytes

        check_pdf_bytes(content, self.settings.max_upload_mb * 1024 * 1024)
        with tempfile.TemporaryDirectory(prefix="tanya-asn-upload-") as tmp:
            path = Path(tmp) / "upload.pdf"
            path.write_bytes(content)
            return self.add(path, plan)

    def rebuild(self, full: bool = False, progress: Progress | None = None) -> Any:
        from indexer.build import build_index

        with self._one_at_a_time():
            return build_index(self.settings, full=full, progress=progress or False, embedder=self.embedder)

    def cabut(self, doc_id: str, by: str | None) -> None:
        """Mark `doc_id` repealed (by `by`): metadata only, no re-embedding. KeyError for unknown ids."""
        from indexer.build import mark_repealed

        with self._one_at_a_time():
            mark_repealed(self.settings, doc_id, by, embedder=self.embedder)

    def rollback(self) -> str:
        """Switch back to the previous index generation; returns its name."""
        from indexer.store import open_store

        with self._one_at_a_time():
            return open_store(self.settings).rollback()
