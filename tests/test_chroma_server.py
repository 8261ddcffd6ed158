"""Scale-out: the whole flow against Chroma's own server (`chroma run`), as several hosts would use it.

The tests start a real `chroma run` on 127.0.0.1 (a free port, a temporary --path) and point the
indexer and the bot at it with CHROMA_HOST/CHROMA_PORT (IndexSettings.chroma_host/chroma_port):
build, answer, an admin adding a regulation, a blue/green switch seen by a second reader without
restart, rollback, and the server going away under a running bot. Invented mini corpus, real model.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from bot.assistant import UNAVAILABLE_TEXT, Assistant
from bot.config import BotSettings
from indexer.build import add_document, build_index
from indexer.store import Store, open_store, writer_lock
from indexer.types import Document

MINI = Path(__file__).parent / "fixtures" / "mini_corpus"
QUESTION = "bolehkah pegawai memasang spanduk kampanye di kantor?"
NEW_QUESTION = "bolehkah pegawai menjadi juru bicara tim pemenangan calon?"
pytestmark = pytest.mark.slow  # the real model, index builds and subprocesses (`chroma run`, `python -m …`)
NEW_REGULATION = """CONTOH — BUKAN TEKS HUKUM
PERATURAN PEMERINTAH CONTOH NOMOR 3 TAHUN 2099 TENTANG CONTOH TIM PEMENANGAN
BAB I LARANGAN
Pasal 1
Pegawai dilarang menjadi juru bicara tim pemenangan calon dalam pemilihan contoh.
Pasal 2
Peraturan Pemerintah ini mulai berlaku pada tanggal diundangkan.
"""


@dataclass
class ChromaServer:
    host: str
    port: int
    path: Path
    process: subprocess.Popen

    def alive(self) -> bool:
        try:
            return httpx.get(f"http://{self.host}:{self.port}/api/v2/heartbeat", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chroma_cli() -> str:
    exe = Path(sys.executable).with_name("chroma")
    if not exe.exists():
        pytest.skip("the `chroma` command (chromadb package) is not installed in this environment")
    return str(exe)


def start_chroma(path: Path, port: int | None = None, wait_s: float = 60) -> ChromaServer:
    """`chroma run --host 127.0.0.1 --port <free> --path <path>`, once its heartbeat answers."""
    port = port or _free_port()
    log = open(path.with_suffix(".log"), "ab")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen([chroma_cli(), "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(path)],
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    log.close()
    server = ChromaServer("127.0.0.1", port, path, proc)
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"chroma run exited ({proc.returncode}): {path.with_suffix('.log').read_text()[-2000:]}")
        if server.alive():
            return server
        time.sleep(0.2)
    stop_chroma(server)
    raise RuntimeError(f"chroma run did not answer its heartbeat within {wait_s:.0f} s")


def stop_chroma(server: ChromaServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(10)


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory) -> Iterator[ChromaServer]:
    server = start_chroma(tmp_path_factory.mktemp("chroma-server") / "db")
    yield server
    stop_chroma(server)


@pytest.fixture(autouse=True)
def _no_refresh_delay(monkeypatch):
    """Readers poll the index pointer at most every 2 s; tests need not wait for it."""
    monkeypatch.setattr("bot.assistant._REFRESH_EVERY_S", 0.0)


def server_settings(server: ChromaServer, base: Path) -> BotSettings:
    """A corpus copy, a local folder for the writer lock only, and a collection prefix of its own."""
    corpus = base / "corpus"
    if not corpus.exists():
        shutil.copytree(MINI, corpus)
    return BotSettings(chroma_host=server.host, chroma_port=server.port, corpus_dir=str(corpus),
                       index_dir=str(base / "lock"), collection_prefix=f"uji_{uuid.uuid4().hex[:8]}")


@pytest.fixture
def on_server(chroma_server, tmp_path) -> BotSettings:
    return server_settings(chroma_server, tmp_path)


def cites(answer, doc_id: str, pasal: str) -> bool:
    return answer.found and any(c.chunk.doc_id == doc_id and c.chunk.pasal == pasal for c in answer.citations)


def test_build_on_the_server_then_a_bot_answers_from_it(on_server, embedder):
    report = build_index(on_server, embedder=embedder)

    assert report.switched and not report.failed
    # the vectors live in the server; locally there is only the writer lock
    assert [p.name for p in on_server.index_path.iterdir()] == [".writer.lock"]
    assert report.generation in open_store(on_server).generations()
    # the per-pasal consolidation is stored with the generation and stamped on the chunks (issue 9)
    active = open_store(on_server).active()
    assert active.consolidation().get("pp-9-2090", "1").status == "dicabut"
    assert {c.status for c in active.chunks({"doc_id": "pp-9-2090"}) if c.pasal} == {"dicabut"}
    answer = Assistant(on_server, embedder=embedder).ask(QUESTION)
    assert cites(answer, "pp-1-2099", "2"), answer.text
    assert "memasang spanduk kampanye di kantor" in answer.text


def test_a_regulation_an_admin_adds_becomes_answerable_on_every_bot(on_server, embedder, tmp_path):
    build_index(on_server, embedder=embedder)
    bots = [Assistant(on_server, embedder=embedder) for _ in range(2)]  # two bot processes' worth
    assert not any(cites(bot.ask(NEW_QUESTION), "pp-3-2099", "1") for bot in bots)
    upload = tmp_path / "unggahan.md"
    upload.write_text(NEW_REGULATION, encoding="utf-8")

    added = add_document(on_server, upload, Document(id="", kind="regulation", jenis="PP", nomor="3", tahun=2099,
                                                     judul="Contoh Tim Pemenangan"))

    assert added.doc.id == "pp-3-2099" and added.build.switched
    assert added.build.embedded == added.n_chunks  # only the new file was embedded; the rest copied
    for bot in bots:
        answer = bot.ask(NEW_QUESTION)
        assert cites(answer, "pp-3-2099", "1"), answer.text
        assert "juru bicara tim pemenangan" in answer.text


def test_blue_green_switch_and_rollback_are_seen_by_a_running_reader(on_server, embedder):
    first = build_index(on_server, embedder=embedder).generation
    reader = Store(on_server)  # another host's connection, open across the switch
    bot = Assistant(on_server, embedder=embedder)
    assert reader.active().generation == bot.generation == first
    token = reader.pointer_token()

    second = build_index(on_server, embedder=embedder, full=True).generation

    assert second != first and reader.pointer_token() != token
    assert reader.active().generation == second
    assert cites(bot.ask(QUESTION), "pp-1-2099", "2") and bot.generation == second
    assert set(reader.generations()) == {first, second}  # the previous one is kept for rollback

    with writer_lock(on_server):
        assert open_store(on_server).rollback() == first

    assert reader.active().generation == first
    assert cites(bot.ask(QUESTION), "pp-1-2099", "2") and bot.generation == first


def test_bots_survive_the_chroma_server_going_away_and_coming_back(tmp_path, embedder):
    server = start_chroma(tmp_path / "own-db")
    try:
        settings = server_settings(server, tmp_path)
        build_index(settings, embedder=embedder)
        running = Assistant(settings, embedder=embedder)

        stop_chroma(server)
        assert not server.alive()
        # A bot that is already running keeps answering from the generation it holds in memory …
        assert cites(running.ask(QUESTION), "pp-1-2099", "2")
        assert "chroma run" in running.index_error
        # … one that starts now does not crash: users get a maintenance notice, the operator the fix.
        starting = Assistant(settings, embedder=embedder)
        assert starting.ask(QUESTION).text == UNAVAILABLE_TEXT
        assert "chroma run" in starting.index_error and f"--port {server.port}" in starting.index_error

        server = start_chroma(server.path, port=server.port)  # same data, same address

        assert cites(starting.ask(QUESTION), "pp-1-2099", "2")  # reconnected, no restart
        assert cites(running.ask(QUESTION), "pp-1-2099", "2") and running.index_error is None
    finally:
        stop_chroma(server)


# ------------------------------------------------------------------------------ webhook mode, two bots


class RoundRobinProxy:
    """The reverse proxy in front of several webhook bot processes: turns about, skips one that is down."""

    def __init__(self, ports: list[int]) -> None:
        self.ports = ports
        self.turn = 0
        self.served: list[int] = []  # the backend port of each delivered update, in order
        self.port = _free_port()

    async def start(self) -> None:
        import aiohttp
        from aiohttp import web

        self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        app = web.Application()
        app.router.add_post("/{path:.*}", self.forward)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        await self.session.close()
        await self.runner.cleanup()

    async def forward(self, request):
        import aiohttp
        from aiohttp import web

        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() in ("content-type",
                                                                            "x-telegram-bot-api-secret-token")}
        for _ in range(len(self.ports)):
            port = self.ports[self.turn % len(self.ports)]
            self.turn += 1
            try:
                async with self.session.post(f"http://127.0.0.1:{port}{request.path_qs}", data=body,
                                             headers=headers) as r:
                    self.served.append(port)
                    return web.Response(status=r.status, body=await r.read())
            except aiohttp.ClientConnectionError:
                continue  # that process is down: the next one
        return web.Response(status=502)  # Telegram (the emulator) retries


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def start_webhook_bot(env: dict[str, str], port: int, log: Path, wait_s: float = 240) -> subprocess.Popen:
    """`python -m bot run` in webhook mode on `port`, once it accepts connections."""
    with open(log, "ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=Path(__file__).resolve().parents[1],
                                env={**env, "WEBHOOK_PORT": str(port)}, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + wait_s
    while not _listening(port):
        assert proc.poll() is None, f"the bot exited ({proc.returncode}): {log.read_text()[-3000:]}"
        assert time.monotonic() < deadline, f"the bot did not listen within {wait_s} s: {log.read_text()[-3000:]}"
        time.sleep(0.3)
    return proc


def stop_process(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


@pytest.mark.e2e
async def test_two_webhook_bots_share_one_chroma_server_and_one_journal_and_a_restart_loses_nothing(
        on_server, embedder, emulator, http, tmp_path):
    import asyncio
    import os

    from tests.helpers_e2e import answer_to
    from tests.tguser import TgUser

    build_index(on_server, embedder=embedder)
    token = f"{880000 + os.getpid() % 1000}:WEBHOOK"
    admin_id = 9001
    ports = [_free_port(), _free_port()]
    proxy = RoundRobinProxy(ports)
    await proxy.start()
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": token, "TELEGRAM_BASE_URL": emulator, "ADMIN_IDS": str(admin_id),
           "WEBHOOK_URL": f"http://127.0.0.1:{proxy.port}", "WEBHOOK_LISTEN": "127.0.0.1",
           "CHROMA_HOST": on_server.chroma_host, "CHROMA_PORT": str(on_server.chroma_port),
           "CORPUS_DIR": on_server.corpus_dir, "INDEX_DIR": on_server.index_dir,
           "COLLECTION_PREFIX": on_server.collection_prefix, "DB_PATH": str(tmp_path / "journal.sqlite3"),
           "RATE_LIMIT_PER_MINUTE": "60"}
    logs = [tmp_path / f"bot{i}.log" for i in range(2)]
    bots = [await asyncio.to_thread(start_webhook_bot, env, port, log) for port, log in zip(ports, logs, strict=True)]
    sari = TgUser(http, emulator, token, user_id=4242, first_name="Sari")
    admin = TgUser(http, emulator, token, user_id=admin_id, first_name="Admin")
    questions = iter([f"{QUESTION} (ke-{i})" for i in range(100)])
    try:
        # 1. Both processes answer (the proxy takes turns).
        for _ in range(4):
            reply = await answer_to(sari, next(questions))
            assert "PP 1/2099 Pasal 2" in reply.text, reply.text
        assert set(proxy.served) == set(ports)

        # 2. An admin's change, made through one process, is seen by both.
        await admin.send_command("/cabut pp-1-2099")
        assert (await admin.reply(timeout=120)).text.startswith("✅ PP 1/2099 ditandai <b>dicabut</b>")
        await asyncio.sleep(2.5)  # each process checks the index pointer every 2 s
        for _ in range(2):
            await sari.send_command("/sumber")
            assert "PP 1/2099</b> – Contoh Disiplin Pegawai (⛔ dicabut" in (await sari.reply(timeout=30)).text
        assert set(proxy.served[-2:]) == set(ports)

        # 3. One process restarts: every question is answered once, and buttons work on the other process.
        before = await answer_to(sari, next(questions))
        stop_process(bots[0])
        for _ in range(3):
            assert "Dasar hukum" in (await answer_to(sari, next(questions))).text
        await sari.press(before, before.button("Sumber"))
        assert "Sumber jawaban ini" in (await sari.reply(timeout=30)).text
        bots[0] = await asyncio.to_thread(start_webhook_bot, env, ports[0], logs[0])
        served_before = len(proxy.served)
        for _ in range(4):
            assert "Dasar hukum" in (await answer_to(sari, next(questions))).text
        assert set(proxy.served[served_before:]) == set(ports)  # the restarted one answers again
        assert await sari.no_more_replies(1.0)  # nothing twice
    finally:
        for bot in bots:
            stop_process(bot)
        await proxy.stop()
