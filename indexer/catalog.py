"""The corpus catalogue (`catalog.json`): which documents exist, where their files are, and
whether each is still in force. Document ids (`pp-94-2021`) are the stable identifiers everywhere.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from indexer.types import Document

CATALOG_NAME = "catalog.json"
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,80}$")


class CatalogError(Exception):
    """The catalogue is missing or wrong; the message says what to fix."""


@dataclass
class Catalog:
    root: Path
    documents: list[Document]
    description: str = ""
    extra: dict = field(default_factory=dict)

    def get(self, doc_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == doc_id), None)

    def by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    def file_path(self, doc: Document) -> Path | None:
        return (self.root / doc.file) if doc.file else None

    def upsert(self, doc: Document) -> None:
        """Replace the entry with the same id in place, or append a new one."""
        for i, existing in enumerate(self.documents):
            if existing.id == doc.id:
                self.documents[i] = doc
                return
        self.documents.append(doc)

    def remove(self, doc_id: str) -> Document | None:
        doc = self.get(doc_id)
        self.documents = [d for d in self.documents if d.id != doc_id]
        return doc


def make_id(jenis: str, nomor: str, tahun: int | str) -> str:
    """The catalogue id of a regulation: `pp-94-2021`."""
    slug = re.sub(r"[^a-z0-9]+", "-", f"{jenis}-{nomor}-{tahun}".lower()).strip("-")
    return slug


def load_catalog(corpus_dir: Path) -> Catalog:
    path = Path(corpus_dir) / CATALOG_NAME
    if not path.exists():
        raise CatalogError(
            f"Katalog tidak ditemukan: {path}. Buat {CATALOG_NAME} (lihat corpus/README.md) "
            "atau arahkan --corpus / CORPUS_DIR ke folder korpus yang benar."
        )
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise CatalogError(f"{path} bukan JSON yang sah (baris {exc.lineno}): {exc.msg}") from exc
    entries = raw.get("documents") if isinstance(raw, dict) else raw
    if not isinstance(entries, list):
        raise CatalogError(f"{path}: kunci 'documents' harus berupa daftar.")
    docs: list[Document] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("judul"):
            raise CatalogError(f"{path}: entri ke-{i + 1} wajib punya 'id' dan 'judul'.")
        if not _ID_RE.match(entry["id"]):
            raise CatalogError(f"{path}: id '{entry['id']}' hanya boleh huruf kecil, angka dan '-'.")
        if entry["id"] in seen:
            raise CatalogError(f"{path}: id '{entry['id']}' muncul dua kali.")
        if entry.get("status", "berlaku") not in ("berlaku", "dicabut"):
            raise CatalogError(f"{path}: status '{entry['status']}' harus 'berlaku' atau 'dicabut'.")
        seen.add(entry["id"])
        docs.append(Document.from_dict(entry))
    extra = {k: v for k, v in raw.items() if k not in ("documents", "description")} if isinstance(raw, dict) else {}
    desc = raw.get("description", "") if isinstance(raw, dict) else ""
    return Catalog(root=Path(corpus_dir), documents=docs, description=desc, extra=extra)


def save_catalog(catalog: Catalog) -> None:
    """Write atomically: a crash mid-write never leaves a half catalogue behind."""
    data = {"description": catalog.description, **catalog.extra,
            "documents": [d.to_dict() for d in catalog.documents]}
    catalog.root.mkdir(parents=True, exist_ok=True)
    target = catalog.root / CATALOG_NAME
    fd, tmp = tempfile.mkstemp(dir=catalog.root, prefix=".catalog-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    os.replace(tmp, target)
