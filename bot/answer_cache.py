"""Answers to identical questions, shared: from memory for a while, and one retrieval for a burst.

On election day many ASN ask the same FAQ within minutes. An answer is kept for `ttl_s` seconds,
keyed by the question and the index generation it came from (a rebuild, upload or /cabut makes a
new generation, so every cached answer of the old one is simply never hit again). Identical
questions that arrive while the first is still being answered wait for that one retrieval.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from bot.answer import Answer

CacheKey = tuple[str, str | None]  # (cleaned question, index generation)


class AnswerCache:
    """LRU of answers with a time limit, plus in-flight sharing."""

    def __init__(self, size: int = 2000, ttl_s: float = 600.0) -> None:
        self.size = size
        self.ttl_s = ttl_s
        self._answers: OrderedDict[CacheKey, tuple[float, Answer]] = OrderedDict()
        self._inflight: dict[CacheKey, asyncio.Future[Answer]] = {}

    def __len__(self) -> int:
        return len(self._answers)

    async def get(self, key: CacheKey, compute: Callable[[], Awaitable[Answer]],
                  current_generation: Callable[[], str | None]) -> Answer:
        """The cached answer (latency 0), the one being computed, or `compute()`'s, then cached."""
        hit = self._answers.get(key)
        if hit and time.monotonic() - hit[0] < self.ttl_s:
            self._answers.move_to_end(key)
            return dataclasses.replace(hit[1], latency_ms=0.0)
        if key in self._inflight:
            return dataclasses.replace(await asyncio.shield(self._inflight[key]), latency_ms=0.0)
        future: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        started = time.monotonic()
        try:
            answer = await compute()
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning when nobody else waited
            raise
        finally:
            del self._inflight[key]
        future.set_result(answer)
        # Cached only if the index did not change while answering (else it may mix generations).
        if key[1] is not None and key[1] == current_generation():
            self._answers[key] = (started, answer)
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return answer
