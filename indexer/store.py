"""Chroma, embedded or server, holding blue/green generations of the index.

Each build writes a new collection (a *generation*) and, only when it is complete, switches the
active pointer, kept in a small meta collection. The previous generation stays for rollback; older
ones are deleted. Readers (the bot) poll the pointer and pick up a new generation without restart.
Chroma's embedded client is not safe with two writers (chroma-core/chroma#3792, #1209), so writers
take an exclusive file lock. The same code runs against `chroma run` through HttpClient.
"""

from __future__ import annotations

import base64
import fcntl
import json
import logging
import os
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from indexer.config import IndexSettings
from indexer.types import Chunk, Document

log = logging.getLogger(__name__)

META_SUFFIX = "_meta"
_PAGE = 2000  # rows per get() page when reading a whole collection


REBUILD_HINT = "Bangun ulang dengan: make index (atau python -m indexer build)."


class StoreError(RuntimeError):
    """The index cannot be used; the message tells the operator the one command that fixes it."""


class IndexUnavailable(StoreError):
    pass


class WriterBusy(StoreError):
    pass


def connect(settings: IndexSettings):
    """One code path: HttpClient when CHROMA_HOST is set, else PersistentClient on disk."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.uses_server:
        try:
            return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port,
                                       settings=chroma_settings)
        except Exception as exc:
            raise server_unreachable(settings, exc) from exc
    path = settings.index_path / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except Exception as exc:  # "file is not a database", "database disk image is malformed", …
        _forget_embedded(path)
        raise IndexUnavailable(
            f"Indeks di {path} rusak atau tidak dapat dibuka ({type(exc).__name__}: {exc}). "
            f"{REBUILD_HINT}"
        ) from exc


def server_unreachable(settings: IndexSettings, exc: Exception) -> IndexUnavailable:
    return IndexUnavailable(
        f"Server Chroma http://{settings.chroma_host}:{settings.chroma_port} tidak dapat dihubungi "
        f"({type(exc).__name__}: {exc}). Jalankan server: chroma run --path <folder> --host "
        f"{settings.chroma_host} --port {settings.chroma_port}, atau periksa CHROMA_HOST/CHROMA_PORT.")


def _forget_embedded(path: Path) -> None:
    """Drop chromadb's per-process cache entry for `path`, so the next connect opens the files anew."""
    try:
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient._identifier_to_system.pop(str(path), None)
        SharedSystemClient._identifier_to_refcount.pop(str(path), None)
    except Exception:  # private API of chromadb: best effort only
        log.debug("chromadb system cache not cleared", exc_info=True)


def set_damaged_aside(settings: IndexSettings) -> Path | None:
    """Move an embedded index that cannot be opened to `chroma.rusak-<time>` (kept, not deleted)."""
    path = settings.index_path / "chroma"
    if settings.uses_server or not path.exists():
        return None
    aside = path.with_name(f"chroma.rusak-{datetime.now(UTC).strftime('%Y%m%dt%H%M%S')}")
    path.rename(aside)
    _forget_embedded(path)
    log.warning("Indeks rusak dipindahkan ke %s; membangun ulang dari korpus", aside)
    return aside


@dataclass
class Manifest:
    """What a generation was built from: per-document content hashes and the catalogue snapshot."""

    generation: str
    created_at: str
    model: str
    hashes: dict[str, str] = field(default_factory=dict)
    documents: list[dict[str, Any]] = field(default_factory=list)
    n_chunks: int = 0
    pasal_counts: dict[str, int] = field(default_factory=dict)
    consolidation: str = ""  # hash of what the per-pasal consolidation was derived with

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str) -> Manifest:
        return cls(**json.loads(raw))


@dataclass
class ActiveIndex:
    """A read-only view of one generation: vectors in Chroma plus its manifest."""

    collection: Any
    manifest: Manifest

    consolidated_raw: str | None = None
    _consolidated: Any = None

    @property
    def generation(self) -> str:
        return self.manifest.generation

    def consolidation(self):
        """The per-pasal records stored with this generation (indexer.consolidate.Consolidation);
        an empty one for a generation built before consolidation existed."""
        from indexer.consolidate import Consolidation

        if self._consolidated is None:
            raw = self.consolidated_raw
            try:
                self._consolidated = Consolidation.from_json(unpack_text(raw)) if raw else Consolidation()
            except Exception as exc:  # an unreadable record set must not take answering down
                log.warning("Konsolidasi pasal generasi %s tidak terbaca (%s); %s", self.generation, exc,
                            REBUILD_HINT)
                self._consolidated = Consolidation()
        return self._consolidated

    @property
    def created_at(self) -> str:
        return self.manifest.created_at

    def documents(self) -> list[Document]:
        return [Document.from_dict(d) for d in self.manifest.documents]

    def chunks(self, where: dict | None = None) -> list[Chunk]:
        """Every chunk of this generation (or those matching `where`), in document order."""
        return self.chunks_with_vectors(where, include_vectors=False)[0]

    def chunks_with_vectors(self, where: dict | None = None, *,
                            include_vectors: bool = True) -> tuple[list[Chunk], np.ndarray | None]:
        """Chunks in document order and, when asked, their stored vectors in the same order.

        The bot reads a generation once and searches it in memory; vectors are None when the
        backend returned none."""
        chunks: list[Chunk] = []
        vectors: list[Any] = []
        for _, docs, metas, embeddings in _pages(self.collection, where, include_embeddings=include_vectors):
            chunks.extend(Chunk.from_metadata(text, meta) for text, meta in zip(docs, metas, strict=True))
            vectors.extend(embeddings if embeddings is not None else [None] * len(docs))
        order = sorted(range(len(chunks)), key=lambda i: (chunks[i].doc_id, chunks[i].seq))
        chunks = [chunks[i] for i in order]
        if include_vectors and vectors and all(v is not None for v in vectors):
            return chunks, np.asarray([vectors[i] for i in order], dtype=np.float32)
        return chunks, None

    def query(self, embedding: list[float], n: int, where: dict | None = None) -> list[tuple[Chunk, float]]:
        """Nearest chunks by cosine similarity (1 − distance), best first."""
        n = max(1, min(n, self.collection.count()))
        res = self.collection.query(query_embeddings=[embedding], n_results=n, where=where,
                                    include=["documents", "metadatas", "distances"])
        return [(Chunk.from_metadata(text, meta), 1.0 - float(dist)) for text, meta, dist
                in zip(res["documents"][0], res["metadatas"][0], res["distances"][0], strict=True)]


def _pages(collection, where: dict | None, include_embeddings: bool) -> Iterator[tuple[list, list, list, Any]]:
    include = ["documents", "metadatas"] + (["embeddings"] if include_embeddings else [])
    offset = 0
    while True:
        res = collection.get(where=where, include=include, limit=_PAGE, offset=offset)
        if not res["ids"]:
            return
        embeddings = res.get("embeddings") if include_embeddings else None
        yield res["ids"], res["documents"], res["metadatas"], embeddings
        if len(res["ids"]) < _PAGE:
            return
        offset += _PAGE


class Store:
    """Generations of the index in one Chroma database, and the pointer to the active one."""

    def __init__(self, settings: IndexSettings, client=None):
        self.settings = settings
        self._client = client
        self.prefix = settings.collection_prefix
        self._cached: ActiveIndex | None = None

    @property
    def client(self):
        """Connected on first use, and again after a failure (a server that was down, a rebuilt folder)."""
        if self._client is None:
            self._client = connect(self.settings)
        return self._client

    # -- pointer ---------------------------------------------------------------------------
    def _meta(self):
        return self.client.get_or_create_collection(self.prefix + META_SUFFIX)

    def pointer(self) -> dict[str, Any]:
        try:
            meta = self._meta().metadata or {}
        except StoreError:
            raise
        except Exception as exc:
            if self.settings.uses_server:  # the server went away after we connected
                raise server_unreachable(self.settings, exc) from exc
            raise
        return {k: v for k, v in meta.items() if not k.startswith("hnsw:")}

    def pointer_token(self) -> str:
        """Changes whenever a generation is switched in; cheap enough to poll per question."""
        p = self.pointer()
        return f"{p.get('active', '')}@{p.get('switched_at', '')}"

    def active(self) -> ActiveIndex | None:
        """The active generation, or None when nothing was built yet. Cached until the pointer moves."""
        p = self.pointer()
        name = p.get("active")
        if not name:
            return None
        if self._cached and self._cached.generation == name:
            return self._cached
        try:
            collection = self.client.get_collection(name)
        except Exception as exc:  # chroma raises several types for "not found"
            raise IndexUnavailable(
                f"Indeks aktif '{name}' tidak ditemukan atau rusak ({exc}). {REBUILD_HINT}"
            ) from exc
        meta = collection.metadata or {}
        manifest = Manifest.from_json(meta.get("manifest", "{}"))
        self._cached = ActiveIndex(collection=collection, manifest=manifest,
                                   consolidated_raw=meta.get("consolidated"))
        return self._cached

    def switch(self, generation: str, previous: str | None) -> None:
        now = datetime.now(UTC).isoformat(timespec="milliseconds")
        meta = {"active": generation, "switched_at": now, "previous": previous or ""}
        self._meta().modify(metadata=meta)
        log.info("Indeks aktif sekarang %s (sebelumnya %s)", generation, previous or "-")

    def rollback(self) -> str:
        p = self.pointer()
        prev = p.get("previous")
        if not prev or prev not in self.generations():
            raise IndexUnavailable("Tidak ada generasi sebelumnya untuk rollback.")
        self.switch(prev, p.get("active"))
        return prev

    # -- generations -----------------------------------------------------------------------
    def generations(self) -> list[str]:
        names = [c if isinstance(c, str) else c.name for c in self.client.list_collections()]
        return sorted(n for n in names if n.startswith(self.prefix + "_g"))

    def new_generation(self, manifest: Manifest):
        """An empty collection for a build in progress (cosine space set at creation)."""
        return self.client.create_collection(
            manifest.generation, metadata={"hnsw:space": "cosine", "complete": False})

    def finish_generation(self, collection, manifest: Manifest, consolidated: str | None = None) -> None:
        """Mark a generation complete; `consolidated` (JSON of the per-pasal records) is stored with it."""
        metadata: dict[str, Any] = {"manifest": manifest.to_json(), "complete": True}
        if consolidated is not None:
            metadata["consolidated"] = pack_text(consolidated)
        collection.modify(metadata=metadata)

    def prune(self, keep: int = 2) -> list[str]:
        """Drop generations that are neither active nor previous (including crashed builds)."""
        p = self.pointer()
        protect = {p.get("active"), p.get("previous")}
        dropped = []
        for name in self.generations():
            if name not in protect:
                self.client.delete_collection(name)
                dropped.append(name)
        return dropped

    @staticmethod
    def new_generation_name(prefix: str) -> str:
        stamp = datetime.now(UTC).strftime("%Y%m%dt%H%M%S")
        return f"{prefix}_g{stamp}_{os.urandom(2).hex()}"

    @staticmethod
    def now() -> str:
        return datetime.now(UTC).isoformat(timespec="seconds")


def open_store(settings: IndexSettings) -> Store:
    return Store(settings)


@contextmanager
def writer_lock(settings: IndexSettings) -> Iterator[None]:
    """One writer at a time (embedded Chroma is not multi-writer safe). Fails fast, never waits."""
    settings.index_path.mkdir(parents=True, exist_ok=True)
    path = settings.index_path / ".writer.lock"
    with open(path, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise WriterBusy(
                "Pembangunan indeks lain sedang berjalan; tunggu sampai selesai lalu coba lagi."
            ) from exc
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}\n")
        fh.flush()
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def pack_text(text: str) -> str:
    """Compressed text for a Chroma metadata value (the consolidation is ~0.8 MB of JSON)."""
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 6)).decode("ascii")


def unpack_text(raw: str) -> str:
    return zlib.decompress(base64.b64decode(raw)).decode("utf-8")


Restamp = Callable[[dict[str, Any], str], dict[str, Any]]


def copy_document_rows(source, target, doc: Document, restamp: Restamp | None = None) -> int:
    """Carry an unchanged document's vectors into a new generation, restamping its metadata
    (document fields, then the per-pasal consolidation via `restamp(meta, text)`)."""
    n = 0
    for ids, docs, metas, embeddings in _pages(source, {"doc_id": doc.id}, include_embeddings=True):
        for meta, text in zip(metas, docs, strict=True):
            meta.update({k: v for k, v in _doc_meta(doc).items() if v is not None})
            if doc.dicabut_oleh is None:
                meta.pop("dicabut_oleh", None)
            if restamp is not None:
                restamp(meta, text)
        target.add(ids=ids, documents=docs, metadatas=metas, embeddings=embeddings)
        n += len(ids)
    return n


def _doc_meta(doc: Document) -> dict[str, Any]:
    return {"status": doc.status, "dicabut_oleh": doc.dicabut_oleh, "judul": doc.judul,
            "jenis": doc.jenis, "nomor": doc.nomor, "tahun": doc.tahun, "kind": doc.kind}
