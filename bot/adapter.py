"""A linear map applied to the question's embedding before it is compared with the passages.

People ask "boleh gak like postingan caleg?" while the law says "memberikan dukungan kepada calon";
a small e5 model places the two far apart. A 384 × 384 matrix fitted on question → gold-pasal pairs
(`python -m bench.fit`, never on the set-aside questions) moves questions towards the passages that
answer them. Passage embeddings are untouched, so no re-indexing is needed when it is refitted.
Measured on questions it was not fitted on (5-fold cross-validation, docs/benchmarks.md), it lifts
dense recall@5 and, fused with pasal-level BM25, recall@1.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.query import DATA_DIR

log = logging.getLogger(__name__)

ADAPTER_FILE = DATA_DIR / "query_adapter.npy"
ADAPTER_INFO = DATA_DIR / "query_adapter.json"


@dataclass(frozen=True)
class QueryAdapter:
    """W (d × d): adapted = normalise(query @ W). The identity when none is fitted."""

    matrix: np.ndarray | None
    model: str = ""

    def apply(self, vector: np.ndarray) -> np.ndarray:
        v = np.asarray(vector, dtype=np.float32)
        if self.matrix is not None and self.matrix.shape[0] == v.shape[-1]:
            v = v @ self.matrix
        return v / max(float(np.linalg.norm(v)), 1e-12)


@lru_cache(maxsize=2)
def load_adapter(path: str | None = None) -> QueryAdapter:
    """The committed adapter, or the identity (with a log line saying why) when it is missing."""
    file = Path(path) if path else ADAPTER_FILE
    if not file.exists():
        log.warning("Adaptor kueri %s tidak ada: pencarian semantik memakai embedding apa adanya "
                    "(buat dengan `python -m bench.fit`).", file)
        return QueryAdapter(None)
    info_file = file.with_suffix(".json")
    info = json.loads(info_file.read_text(encoding="utf-8")) if info_file.exists() else {}
    return QueryAdapter(np.load(file).astype(np.float32), str(info.get("model", "")))
