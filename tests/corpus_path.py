"""Where the shared test corpus lives: `../shared/corpus` next to the repository."""

from __future__ import annotations

from pathlib import Path

import pytest


def shared_corpus() -> Path | None:
    path = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    return path if (path / "catalog.json").exists() else None


requires_corpus = pytest.mark.skipif(
    shared_corpus() is None,
    reason="../shared/corpus (korpus uji bersama) tidak ada di sebelah repo; tes struktur dilewati",
)
