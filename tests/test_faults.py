"""Faults an operator meets, and what the product does about them.

A damaged or missing index, a missing embedding model, an LLM endpoint that is down or hangs.
Each ends in a clear message naming the one thing to do, never a crash loop; users keep getting
extractive answers where that is possible, a maintenance notice where it is not.
An indexer killed mid-build is covered by tests/test_build.py::
test_a_build_killed_halfway_leaves_the_previous_index_serving.
Uses the invented mini corpus (tests/fixtures/mini_corpus), the real model and real embedded Chroma.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.assistant import UNAVAILABLE_TEXT, Assistant
from bot.config import BotSettings
from indexer.build import build_index
from indexer.config import IndexSettings
from indexer.store import _forget_embedded, open_store

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "fixtures" / "mini_corpus"
QUESTION = "bolehkah pegawai memasang spanduk kampanye di kantor?"
pytestmark = pytest.mark.slow  # the real model, index builds and subprocesses (`chroma run`, `python -m …`)
REBUILD = ("make index", "python -m indexer build")


@pytest.fixture(autouse=True)
def _no_refresh_delay(monkeypatch):
    """Readers poll the index pointer at most every 2 s; tests need not wait for it."""
    monkeypatch.setattr("bot.assistant._REFRESH_EVERY_S", 0.0)


def mini_settings(base: Path, **extra) -> BotSettings:
    corpus = base / "corpus"
    if not corpus.exists():
        shutil.copytree(MINI, corpus)
    return BotSettings(corpus_dir=str(corpus), index_dir=str(base / "index"), **extra)


@pytest.fixture(scope="module")
def built_mini(tmp_path_factory, embedder) -> BotSettings:
    """A mini index built once, read-only for the LLM tests."""
    settings = mini_settings(tmp_path_factory.mktemp("faults-mini"))
    assert build_index(settings, embedder=embedder).switched
    return settings


def cites_pasal_2(answer) -> bool:
    return answer.found and any(c.chunk.doc_id == "pp-1-2099" and c.chunk.pasal == "2" for c in answer.citations)


def run(args: list[str], env: dict[str, str], timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **env})


# --------------------------------------------------------------------------- damaged / missing index

def _overwrite_database(chroma: Path, settings: IndexSettings) -> None:
    (chroma / "chroma.sqlite3").write_bytes(b"bukan basis data " * 512)


def _truncate_database(chroma: Path, settings: IndexSettings) -> None:
    db = chroma / "chroma.sqlite3"
    db.write_bytes(db.read_bytes()[:8192])


def _delete_index_folder(chroma: Path, settings: IndexSettings) -> None:
    shutil.rmtree(chroma.parent)


def _delete_active_generation(chroma: Path, settings: IndexSettings) -> None:
    store = open_store(settings)
    store.client.delete_collection(store.pointer()["active"])


DAMAGE: dict[str, Callable[[Path, IndexSettings], None]] = {
    "database-overwritten": _overwrite_database,
    "database-truncated": _truncate_database,
    "index-folder-deleted": _delete_index_folder,
    "active-generation-deleted": _delete_active_generation,
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_or_missing_index_gives_a_maintenance_notice_then_the_named_rebuild_fixes_it(
        damage, tmp_path, embedder, caplog):
    settings = mini_settings(tmp_path)
    build_index(settings, embedder=embedder)
    chroma = settings.index_path / "chroma"
    DAMAGE[damage](chroma, settings)
    _forget_embedded(chroma)  # as a freshly started bot process would see it

    # The bot starts (no exception, so no crash loop) and tells users it is under maintenance …
    with caplog.at_level(logging.ERROR, logger="bot.assistant"):
        assistant = Assistant(settings, embedder=embedder, build_if_missing=False)
        answers = [assistant.ask(QUESTION) for _ in range(3)]
    assert all(a.reason == "unavailable" and not a.found and a.text == UNAVAILABLE_TEXT for a in answers)
    # … and tells the operator, once, the command that rebuilds the index.
    assert all(cmd in assistant.index_error for cmd in REBUILD), assistant.index_error
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "make index" in errors[0], errors

    report = build_index(settings, embedder=embedder)  # what `make index` runs

    assert report.switched and not report.failed
    answer = assistant.ask(QUESTION)  # the running bot picks the rebuilt index up, no restart
    assert cites_pasal_2(answer), answer.text
    assert assistant.index_error is None
    if damage.startswith("database"):  # the unreadable files are set aside, not deleted
        assert len(list(settings.index_path.glob("chroma.rusak-*"))) == 1


def test_bot_ask_on_a_damaged_index_prints_the_rebuild_command_without_a_traceback(tmp_path, embedder):
    settings = mini_settings(tmp_path)
    build_index(settings, embedder=embedder)
    _overwrite_database(settings.index_path / "chroma", settings)

    proc = run(["-m", "bot", "--corpus", settings.corpus_dir, "--index", settings.index_dir, "ask", QUESTION], {})

    assert proc.returncode == 1, proc.stderr[-3000:]
    assert "rusak" in proc.stderr and "make index" in proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.stdout == ""


# --------------------------------------------------------------------------- embedding model missing

@pytest.mark.parametrize("where", ["absolute", "relative-to-repo"])
@pytest.mark.parametrize("command", [
    ["-m", "indexer", "build", "-q"],
    ["-m", "bot", "ask", QUESTION],
    ["-m", "bot", "run"],
], ids=["indexer-build", "bot-ask", "bot-run"])
def test_a_missing_embedding_model_is_reported_at_start(command, where, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    model = str(tmp_path / "tidak-ada") if where == "absolute" else f"models/tidak-ada-{os.getpid()}"
    env = {"EMBEDDING_MODEL": model, "CORPUS_DIR": str(corpus), "INDEX_DIR": str(tmp_path / "index"),
           "TELEGRAM_BOT_TOKEN": "123:uji", "TELEGRAM_BASE_URL": "http://127.0.0.1:9/bot",
           "HF_HUB_OFFLINE": "0"}  # were the name taken for a hub id, the download try would show

    started = time.monotonic()
    proc = run(command, env, timeout=120)

    assert proc.returncode == 78, proc.stderr[-3000:]  # EX_CONFIG: a supervisor should not restart
    assert "Model embedding tidak ditemukan" in proc.stderr and "EMBEDDING_MODEL" in proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert time.monotonic() - started < 60  # no download attempt from the model hub


# --------------------------------------------------------------------------- LLM down or slow

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def hanging_llm() -> Iterator[tuple[str, list[float]]]:
    """An OpenAI-compatible endpoint that answers only after 8 s; yields (base url, request times)."""
    hits: list[float] = []
    stop = threading.Event()

    class Slow(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            hits.append(time.monotonic())
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            stop.wait(8)  # bounded; released at teardown
            body = json.dumps({"id": "x", "object": "chat.completion", "created": 0, "model": "lambat",
                               "choices": [{"index": 0, "finish_reason": "stop",
                                            "message": {"role": "assistant", "content": "Terlambat [1]."}}]})
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body.encode())
            except OSError:
                pass  # the client gave up long ago

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", hits
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


def _llm_assistant(built: BotSettings, embedder, base_url: str) -> Assistant:
    settings = BotSettings(corpus_dir=built.corpus_dir, index_dir=built.index_dir, llm_base_url=base_url,
                           llm_model="uji", llm_timeout_s=1.0)
    return Assistant(settings, embedder=embedder, build_if_missing=False)


def _baseline(built: BotSettings, embedder):
    plain = Assistant(built, embedder=embedder, build_if_missing=False)
    plain.ask(QUESTION)  # warm-up
    answer = plain.ask(QUESTION)
    assert cites_pasal_2(answer) and not answer.via_llm
    return answer


def test_llm_endpoint_down_gives_the_extractive_answer_at_normal_speed(built_mini, embedder):
    baseline = _baseline(built_mini, embedder)
    assistant = _llm_assistant(built_mini, embedder, f"http://127.0.0.1:{_free_port()}/v1")  # nothing listens
    assert assistant.llm is not None
    assistant.ask(QUESTION)  # the first question also imports the LLM client (~1.5 s, once per process)

    answer = assistant.ask(QUESTION)

    assert not answer.via_llm and answer.text == baseline.text
    assert answer.latency_ms < baseline.latency_ms + 1500, (answer.latency_ms, baseline.latency_ms)


def test_a_hanging_llm_endpoint_costs_at_most_llm_timeout_then_the_extractive_answer(
        built_mini, embedder, hanging_llm):
    url, hits = hanging_llm
    baseline = _baseline(built_mini, embedder)
    assistant = _llm_assistant(built_mini, embedder, url)
    assistant.llm.model  # noqa: B018 - import the LLM client now, not inside the timed answer

    answer = assistant.ask(QUESTION)

    assert hits, "the LLM endpoint was never asked"
    assert not answer.via_llm and answer.text == baseline.text
    # LLM_TIMEOUT_S=1: the answer waits for the endpoint at most that long (plus normal latency)
    assert answer.latency_ms < baseline.latency_ms + 1000 + 1500, (answer.latency_ms, baseline.latency_ms)
