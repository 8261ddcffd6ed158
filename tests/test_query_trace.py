"""A question embedded through the traced model (indexer/query_trace.py) gets exactly the vector the
ordinary path gives, whatever its length, so answers do not change; a model the trace cannot follow
or reproduce keeps the ordinary path."""

from __future__ import annotations

import numpy as np
import pytest

from indexer.query_trace import trace_query_encoder


def test_the_loaded_model_answers_questions_through_the_trace(embedder):
    assert embedder.query_fast is not None


@pytest.mark.parametrize("words", [1, 2, 7, 19, 64, 255, 700])
def test_a_question_of_any_length_gets_the_same_vector_through_the_trace(embedder, words):
    question = " ".join(("PNS boleh like postingan caleg di IG? " * 100).split()[:words])
    traced = embedder.query_fast(question)
    ordinary = embedder.embed_queries([question])[0]
    assert traced.dtype == ordinary.dtype and np.array_equal(traced, ordinary)
    assert embedder.embed_query(question) == ordinary.tolist()


def test_a_trace_that_does_not_reproduce_the_ordinary_vector_is_not_used(embedder):
    def slightly_different(texts: list[str]) -> np.ndarray:
        return embedder.embed_queries(texts) + np.float32(1e-7)

    assert trace_query_encoder(embedder.model, embedder.query_prompt, slightly_different) is None


def test_a_model_the_trace_cannot_follow_keeps_the_ordinary_path():
    class NotATransformer:
        def __iter__(self):
            return iter([object()])

    assert trace_query_encoder(NotATransformer(), "query", lambda texts: np.zeros((1, 2))) is None
