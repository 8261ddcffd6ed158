"""Micro-batching of query embeddings (bot/batching.py): questions asked together share one pass,
each gets its own vector back, errors reach every waiter, and a lone question is not held up."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from bot.batching import MicroBatcher


class CountingEmbedder:
    """Embeds text as [len(text), first char code]; records the batches it was given."""

    dimension = 2

    def __init__(self, fail: bool = False) -> None:
        self.batches: list[list[str]] = []
        self.fail = fail
        self.lock = threading.Lock()

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        with self.lock:
            self.batches.append(list(texts))
        time.sleep(0.02)  # a forward pass takes time; others arrive meanwhile
        if self.fail:
            raise RuntimeError("model crashed")
        return np.array([[len(t), ord(t[0])] for t in texts], dtype=float)


def test_questions_asked_together_share_one_forward_pass_and_each_gets_its_own_vector():
    inner = CountingEmbedder()
    batcher = MicroBatcher(inner, window_s=0.05, max_batch=16)
    questions = [f"{chr(97 + i)} pertanyaan {'x' * i}" for i in range(8)]
    with ThreadPoolExecutor(8) as pool:
        vectors = list(pool.map(batcher.embed_query, questions))
    assert vectors == [[float(len(q)), float(ord(q[0]))] for q in questions]
    assert len(inner.batches) < len(questions)  # fewer passes than questions
    assert sorted(q for b in inner.batches for q in b) == sorted(questions)  # each embedded exactly once


def test_a_full_batch_goes_at_once_and_a_lone_question_waits_only_the_window():
    inner = CountingEmbedder()
    batcher = MicroBatcher(inner, window_s=0.5, max_batch=4)
    with ThreadPoolExecutor(4) as pool:
        t0 = time.perf_counter()
        list(pool.map(batcher.embed_query, ["a", "b", "c", "d"]))
        assert time.perf_counter() - t0 < 0.4  # full: no waiting for the window
    lone = MicroBatcher(CountingEmbedder(), window_s=0.005)
    t0 = time.perf_counter()
    assert lone.embed_query("sendiri") == [7.0, float(ord("s"))]
    assert time.perf_counter() - t0 < 0.2


def test_a_failing_model_fails_every_question_of_the_batch_and_the_next_batch_works():
    inner = CountingEmbedder(fail=True)
    batcher = MicroBatcher(inner, window_s=0.05)
    with ThreadPoolExecutor(3) as pool:
        futures = [pool.submit(batcher.embed_query, q) for q in ("a", "b", "c")]
        for f in futures:
            with pytest.raises(RuntimeError, match="model crashed"):
                f.result()
    inner.fail = False
    assert batcher.embed_query("lagi") == [4.0, float(ord("l"))]


def test_other_attributes_are_the_wrapped_embedders():
    assert MicroBatcher(CountingEmbedder()).dimension == 2
