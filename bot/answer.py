"""Answers users see: a short lead, 1–3 numbered verbatim citations, Dasar hukum, a disclaimer.

Pure functions over retrieved chunks (no I/O), so they are easy to test and the Telegram layer,
the CLI and the evaluation all show exactly the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.types import Chunk


@dataclass
class Citation:
    """One numbered citation: the chunk, and the verbatim part of its text we quote."""

    n: int
    chunk: Chunk
    quote: str  # always a verbatim substring of chunk.text
    score: float
    repealed_note: str | None = None  # "sudah dicabut oleh UU 20/2023" when not in force


@dataclass
class Answer:
    question: str
    found: bool
    lead: str
    citations: list[Citation] = field(default_factory=list)
    text: str = ""  # the whole answer as plain text (CLI, logs); Telegram renders its own HTML
    latency_ms: float = 0.0
    via_llm: bool = False
