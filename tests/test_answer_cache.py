"""The answer cache (bot/answer_cache.py): identical questions share one retrieval and a recent answer;
a new index generation is never served an old answer."""

from __future__ import annotations

import asyncio

from bot.answer import Answer
from bot.answer_cache import AnswerCache


def _answer(text: str) -> Answer:
    return Answer(question=text, found=True, lead=text, latency_ms=123.0)


async def test_identical_questions_arriving_together_share_one_retrieval():
    cache, calls = AnswerCache(), []

    async def compute() -> Answer:
        calls.append(1)
        await asyncio.sleep(0.05)
        return _answer("q")

    answers = await asyncio.gather(*(cache.get(("q", "g1"), compute, lambda: "g1") for _ in range(5)))
    assert len(calls) == 1 and {a.lead for a in answers} == {"q"}
    again = await cache.get(("q", "g1"), compute, lambda: "g1")
    assert len(calls) == 1 and again.latency_ms == 0.0  # from memory


async def test_an_answer_is_not_cached_when_the_index_changed_while_answering_nor_after_its_ttl():
    cache, calls = AnswerCache(ttl_s=0.05), []

    async def compute() -> Answer:
        calls.append(1)
        return _answer("q")

    await cache.get(("q", "g1"), compute, lambda: "g2")  # the index switched meanwhile
    assert len(cache) == 0
    await cache.get(("q", "g2"), compute, lambda: "g2")
    await asyncio.sleep(0.06)
    await cache.get(("q", "g2"), compute, lambda: "g2")
    assert len(calls) == 3
