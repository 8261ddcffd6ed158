"""Specification of the CLI's JSON contract (README "JSON contract"): how the product is evaluated.

`python -m bot ask --questions FILE.jsonl --json` prints one JSON line per question, in input order:
{"id", "question", "answer", "found", "citations": [{"doc_id","pasal","ayat","part","label","status",
"text","score"}], "latency_ms"}, citations in rank order, every `text` verbatim from the indexed chunk.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.corpus_path import requires_corpus

ROOT = Path(__file__).resolve().parents[1]
RECORD_KEYS = {"id", "question", "answer", "found", "citations", "latency_ms"}
CITATION_KEYS = {"doc_id", "pasal", "ayat", "part", "label", "status", "text", "display", "score"}

pytestmark = [requires_corpus, pytest.mark.corpus, pytest.mark.slow]


def run_bot(settings, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CORPUS_DIR": str(settings.corpus_dir), "INDEX_DIR": str(settings.index_dir),
           "LLM_BASE_URL": "", "LLM_MODEL": "", "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def indexed_texts(shared_index):
    from indexer.store import open_store

    chunks = open_store(shared_index).active().chunks()
    texts: dict[tuple, list[str]] = {}
    for c in chunks:
        texts.setdefault((c.doc_id, c.pasal, c.part), []).append(c.text)
    return texts


@pytest.fixture(scope="module")
def batch(shared_index, tmp_path_factory):
    questions = [
        {"id": "q-lookup", "question": "PP disiplin pasal 14"},
        {"id": "q-chat", "question": "boleh gak PNS like postingan caleg di IG?"},
        {"id": "q-none", "question": "Di lampiran SKB 2/2022, ASN yang komen postingan paslon kena apa?"},
        {"id": 7, "question": "UU ASN pasal 9 ayat 2"},
    ]
    path = tmp_path_factory.mktemp("cli") / "questions.jsonl"
    path.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in questions) + "\n", encoding="utf-8")
    proc = run_bot(shared_index, "ask", "--questions", str(path), "--json")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return questions, [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def test_one_json_line_per_question_in_input_order(batch):
    questions, records = batch
    assert [r["id"] for r in records] == [q["id"] for q in questions]
    assert [r["question"] for r in records] == [q["question"] for q in questions]


def test_every_record_and_citation_has_exactly_the_contract_fields(batch):
    for r in batch[1]:
        assert set(r) == RECORD_KEYS
        assert isinstance(r["found"], bool) and isinstance(r["latency_ms"], (int, float))
        for c in r["citations"]:
            assert set(c) == CITATION_KEYS
            assert c["status"] in ("berlaku", "diubah", "dihapus", "dicabut")  # per pasal (issue 9)


def test_citations_are_ranked_and_verbatim(batch, indexed_texts):
    records = {r["id"]: r for r in batch[1]}
    assert (records["q-lookup"]["citations"][0]["doc_id"], records["q-lookup"]["citations"][0]["pasal"]) == \
        ("pp-94-2021", "14")
    assert records[7]["citations"][0]["label"].startswith("UU 20/2023 Pasal 9")
    for r in batch[1]:
        for c in r["citations"]:
            assert any(c["text"] in t for t in indexed_texts[(c["doc_id"], c["pasal"], c["part"])])


def test_unanswerable_question_is_declined_without_citations(batch):
    record = {r["id"]: r for r in batch[1]}["q-none"]
    assert record["found"] is False and record["citations"] == []
    assert "Bawaslu" in record["answer"]


def test_single_question_with_top_k_and_draft(shared_index):
    proc = run_bot(shared_index, "ask", "boleh gak PNS ikut kampanye pakai seragam dinas?", "--json", "--top-k", "2")
    assert proc.returncode == 0, proc.stderr[-2000:]
    record = json.loads(proc.stdout)
    assert record["id"] is None and record["found"] is True and 1 <= len(record["citations"]) <= 2
    draft = run_bot(shared_index, "ask", "Apakah PNS boleh menjadi anggota partai politik?", "--draft")
    assert draft.returncode == 0, draft.stderr[-2000:]
    assert draft.stdout.startswith("Menanggapi pertanyaan Saudara/i")
    assert "Demikian kami sampaikan" in draft.stdout
