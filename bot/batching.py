"""Micro-batching of query embeddings: questions that arrive together share one forward pass.

Under load many questions are embedded at the same moment, each in its own worker thread. One
forward pass over 8 short questions costs far less than 8 passes over one (the per-call overhead
of tokenizer and model dominates for a 20-token query). The first caller waits `window_s` (a few
ms) for company, then embeds everyone who joined in one batch; the others wait for its result.

It wraps any embedder and keeps the seam the retriever uses, `embed_query(text) -> vector`, so
retrieval code does not change; every other attribute is the wrapped embedder's.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np


class BatchEmbedder(Protocol):
    def embed_queries(self, texts: list[str]) -> np.ndarray: ...


@dataclass
class _Batch:
    texts: list[str] = field(default_factory=list)
    done: threading.Event = field(default_factory=threading.Event)
    vectors: np.ndarray | None = None
    error: BaseException | None = None


class MicroBatcher:
    """`embed_query` that batches concurrent calls (at most `max_batch`, waiting at most `window_s`)."""

    def __init__(self, embedder: BatchEmbedder, window_s: float = 0.003, max_batch: int = 16) -> None:
        self.inner = embedder
        self.window_s = window_s
        self.max_batch = max_batch
        self._lock = threading.Lock()
        self._open: _Batch | None = None
        self._full = threading.Condition(self._lock)
        self.batches = 0  # forward passes made (for tests and benchmarks)
        self.queries = 0

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            batch, leader = self._open, False
            if batch is None:
                batch, leader = _Batch(), True
                self._open = batch
            index = len(batch.texts)
            batch.texts.append(text)
            if len(batch.texts) >= self.max_batch:
                self._open = None
                self._full.notify_all()
            if leader:
                self._full.wait_for(lambda: self._open is not batch, timeout=self.window_s)
                if self._open is batch:
                    self._open = None
        if leader:
            try:
                batch.vectors = self.inner.embed_queries(batch.texts)
            except BaseException as exc:  # every waiter gets the same error
                batch.error = exc
            finally:
                with self._lock:
                    self.batches += 1
                    self.queries += len(batch.texts)
                batch.done.set()
        else:
            batch.done.wait()
        if batch.error is not None:
            raise batch.error
        assert batch.vectors is not None
        return batch.vectors[index].tolist()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)
