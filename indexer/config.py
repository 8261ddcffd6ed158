"""Settings shared by the indexer and the bot, read from the environment and `.env`.

Paths are relative to the repository root unless absolute, so `make run` works from anywhere.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL_DIR = "models/multilingual-e5-small"


def resolve(path: str | Path) -> Path:
    """A setting's path, anchored at the repository root when relative."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else REPO_ROOT / p


class IndexSettings(BaseSettings):
    """Where the corpus and the index live, and which embedding model reads them."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    corpus_dir: str = "corpus"
    index_dir: str = "data/index"
    chroma_host: str = ""
    chroma_port: int = 8000
    embedding_model: str = DEFAULT_MODEL_DIR
    # Longer passages are cut by the model anyway; 256 tokens keeps a build under two minutes.
    embedding_max_tokens: int = 256
    # int8 dynamic quantisation of the model's linear layers: ~1.6x faster builds, but the int8 scale
    # is computed over the whole batch, so a passage's vector depends on the passages batched with it
    # (max 0.02 per component, cosine ~0.97 to fp32): off by default (docs/benchmarks.md, "fp32").
    embedding_int8: bool = False
    # One question at a time through a TorchScript trace of the model: the same vector (checked at
    # load, else encode is used), ~half the CPU per question (indexer/query_trace.py).
    embedding_trace_queries: bool = True
    # Length-sorted batches of 16 were fastest on 2 cores (8: 30.8, 16: 34.6, 32: 28.9, 64: 23.5 passages/s).
    embedding_batch_size: int = 16
    collection_prefix: str = "tanya_asn"

    @cached_property
    def corpus_path(self) -> Path:
        return resolve(self.corpus_dir)

    @cached_property
    def index_path(self) -> Path:
        return resolve(self.index_dir)

    @property
    def model_path(self) -> str:
        """A local folder when it exists (relative to the repo), else the name as given (hub id)."""
        local = resolve(self.embedding_model)
        return str(local) if local.exists() or self.embedding_model == DEFAULT_MODEL_DIR else self.embedding_model

    @property
    def uses_server(self) -> bool:
        return bool(self.chroma_host.strip())
