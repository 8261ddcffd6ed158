"""Shared fixtures. Index fixtures are here; end-to-end (Telegram emulator) fixtures follow below.

The real embedding model and real Chroma are used throughout. The index of ../shared/corpus is
built once per test session (about two minutes on 2 cores) and shared read-only; tests that
change an index copy it first.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from indexer.config import IndexSettings  # noqa: E402
from tests.corpus_path import shared_corpus  # noqa: E402

# Fixtures that load the embedding model, build an index or start a service. A test that uses one
# (directly or through another fixture) is marked `slow` here, so `make test-fast` (-m "not e2e and
# not slow") stays a < 60 s unit run without every test file having to remember the marker. Tests that
# load the model or start a process in their own body carry `pytestmark = pytest.mark.slow` themselves.
HEAVY_FIXTURES = frozenset({"embedder", "shared_index", "copied_index", "e2e_index", "e2e_assistant", "emulator",
                            "chroma_server"})


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HEAVY_FIXTURES & set(getattr(item, "fixturenames", ())) and not item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def embedder():
    """The real embedding model, loaded once."""
    from indexer.embed import load_embedder

    return load_embedder(IndexSettings())


@pytest.fixture(scope="session")
def shared_index(tmp_path_factory, embedder) -> IndexSettings:
    """Settings pointing at an index of ../shared/corpus, built once for the whole session."""
    corpus = shared_corpus()
    if corpus is None:
        pytest.skip("../shared/corpus tidak ada: tes ini butuh korpus uji bersama")
    from indexer.build import build_index

    index_dir = tmp_path_factory.mktemp("shared-index")
    settings = IndexSettings(corpus_dir=str(corpus), index_dir=str(index_dir))
    report = build_index(settings, embedder=embedder)
    assert report.switched and not report.failed, report.summary()
    return settings


@pytest.fixture
def copied_index(shared_index: IndexSettings, tmp_path: Path) -> IndexSettings:
    """A private copy of the shared index (and a writable copy of its corpus) for tests that change it."""
    corpus = tmp_path / "corpus"
    shutil.copytree(shared_index.corpus_path, corpus)
    for path in corpus.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    index_dir = tmp_path / "index"
    shutil.copytree(shared_index.index_path, index_dir, ignore=shutil.ignore_patterns(".writer.lock"))
    return IndexSettings(corpus_dir=str(corpus), index_dir=str(index_dir))


# ------------------------------------------------------------------------------------------------
# End-to-end fixtures (issue 5): the real PTB Application long-polls the Telegram Bot API emulator
# (tests/emulator/emulator.js, telegram-test-api 4.2.1 patched for PTB 22) on 127.0.0.1, and
# simulated users (tests/tguser.py) talk to it. Answers come from the real Assistant over a copy of
# the shared index with PP 37/2004 removed, so the admin upload test can add it back.

import asyncio  # noqa: E402
import itertools  # noqa: E402
import os  # noqa: E402

E2E_ADMIN_ID = 9001
_e2e_tokens = itertools.count(1)


def pytest_configure(config):
    config.addinivalue_line("markers", "private_index: the e2e test gets its own copy of the index (it changes it)")
    config.addinivalue_line("markers", "bot_settings(**kw): BotSettings overrides for the e2e bot")


@pytest.fixture(scope="session")
def emulator():
    """`node tests/emulator/emulator.js` on a free loopback port (skipped if node/npm ci are missing)."""
    from tests.tguser import EmulatorMissing, start_emulator, stop_emulator

    try:
        proc, api = start_emulator()
    except EmulatorMissing as exc:
        pytest.skip(str(exc))
    yield api
    stop_emulator(proc)


def _copy_index(src: IndexSettings, dest: Path) -> tuple[Path, Path]:
    corpus, index_dir = dest / "corpus", dest / "index"
    shutil.copytree(src.corpus_path, corpus)
    for path in corpus.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.copytree(src.index_path, index_dir, ignore=shutil.ignore_patterns(".writer.lock"))
    return corpus, index_dir


@pytest.fixture(scope="session")
def e2e_index(request, tmp_path_factory) -> IndexSettings:
    """The shared index without PP 37/2004 (removed incrementally: no re-embedding).

    TANYA_E2E_INDEX=<dir with corpus/ and index/> reuses an index built earlier (for quick
    iteration on the bot only); by default the session's shared_index is used.
    """
    from indexer.build import remove_document

    if prebuilt := os.environ.get("TANYA_E2E_INDEX"):
        source = IndexSettings(corpus_dir=str(Path(prebuilt) / "corpus"), index_dir=str(Path(prebuilt) / "index"))
    else:
        source = request.getfixturevalue("shared_index")
    corpus, index_dir = _copy_index(source, tmp_path_factory.mktemp("e2e-index"))
    settings = IndexSettings(corpus_dir=str(corpus), index_dir=str(index_dir))
    if '"pp-37-2004"' in (corpus / "catalog.json").read_text(encoding="utf-8"):
        remove_document(settings, "pp-37-2004")
    return settings


def _assistant(index: IndexSettings, embedder):
    from bot.assistant import Assistant
    from bot.config import BotSettings

    return Assistant(BotSettings(corpus_dir=index.corpus_dir, index_dir=index.index_dir), embedder=embedder)


@pytest.fixture(scope="session")
def e2e_assistant(e2e_index, embedder):
    """The real Assistant over e2e_index, shared by the tests that don't change the index."""
    return _assistant(e2e_index, embedder)


@pytest.fixture
def e2e_token() -> str:
    """A distinct bot token per test: separate queues in the emulator."""
    return f"{700000 + next(_e2e_tokens)}:E2E{os.getpid()}"


@pytest.fixture
def bot_settings(request, e2e_index, emulator, e2e_token, tmp_path, embedder):
    """BotSettings for one e2e bot (a private index copy for tests marked `private_index`)."""
    from bot.config import BotSettings

    index = e2e_index
    if request.node.get_closest_marker("private_index"):
        corpus, index_dir = _copy_index(e2e_index, tmp_path / "private")
        index = IndexSettings(corpus_dir=str(corpus), index_dir=str(index_dir))
    overrides = {}
    if marker := request.node.get_closest_marker("bot_settings"):
        overrides = marker.kwargs
    values = dict(corpus_dir=index.corpus_dir, index_dir=index.index_dir, telegram_bot_token=e2e_token,
                  telegram_base_url=emulator, admin_ids=str(E2E_ADMIN_ID), db_path=str(tmp_path / "journal.sqlite3"),
                  rate_limit_per_minute=10, max_question_chars=1000, max_upload_mb=5)
    return BotSettings(**{**values, **overrides})


@pytest.fixture
def e2e_journal(bot_settings):
    from bot.log import Journal

    journal = Journal.from_settings(bot_settings)
    yield journal
    journal.close()


async def start_bot(settings, assistant, journal):
    """The real Application (bot/telegram.py), long-polling the emulator in the running event loop."""
    from bot.telegram import build_application, setup_logging

    setup_logging(settings.telegram_bot_token)
    app = build_application(settings, assistant, journal)
    await app.initialize()
    await app.post_init(app)  # run_polling() would call it; initialize() does not
    await app.start()
    await app.updater.start_polling(poll_interval=0.0, timeout=10)
    return app


async def stop_bot(app) -> None:
    task = app.bot_data.reindex_task
    if task and not task.done():
        await asyncio.wait_for(task, 120)
    await app.updater.stop()
    await app.stop()
    await app.shutdown()


@pytest.fixture
async def running_bot(request, bot_settings, e2e_assistant, e2e_journal, embedder):
    """The real Application (bot/telegram.py), long-polling the emulator in the test's event loop."""
    assistant = e2e_assistant
    if request.node.get_closest_marker("private_index"):
        assistant = _assistant(bot_settings, embedder)
    app = await start_bot(bot_settings, assistant, e2e_journal)
    try:
        yield app
    finally:
        await stop_bot(app)


@pytest.fixture
async def http():
    import httpx

    async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=200)) as client:
        yield client


@pytest.fixture
def tg(http, emulator, e2e_token, running_bot):
    """Make simulated users: tg(user_id=…, first_name=…, group_id=…)."""
    from tests.tguser import TgUser

    def make(user_id: int = 4242, first_name: str = "Sari", **kw) -> TgUser:
        return TgUser(http, emulator, e2e_token, user_id=user_id, first_name=first_name, **kw)

    return make


@pytest.fixture
def user(tg):
    """An ASN asking questions in a private chat."""
    return tg(4242, "Sari")


@pytest.fixture
def admin(tg):
    """An admin (listed in ADMIN_IDS)."""
    return tg(E2E_ADMIN_ID, "Admin")
