"""Telegram load benchmark (issues 5, 12): N simulated users × M questions at once through the emulator.

    .venv/bin/python -m bench.load --corpus ../shared/corpus [--users 50] [--questions 4]
                                   [--no-flood-limit] [--repeat] [--query-batch-ms MS]
                                   [--index DIR] [--write docs/benchmarks.md]

The real bot (bot/telegram.py: handlers, per-user limit, retrieval cap, journal) long-polls the
Bot API emulator (tests/emulator, `npm ci --prefix tests/emulator`) on 127.0.0.1 and answers from
the real Assistant. Every user sends a question, waits for the answer, sends the next one. A reply
counts as correct when it is exactly the answer the Assistant gives that question alone; latency is
end to end (user sends → answer message received). The index is the one `make run` uses for that
corpus (built if missing), or --index.

The bot runs in its own process, as `python -m bot` does (same handlers, same rate limiter, polling);
the simulated users run in this one. By default the bot keeps Telegram's flood limit (~30 messages/s
per bot, PTB's AIORateLimiter) as users get it, and every question is different (no answer cache
hits). `--no-flood-limit` switches the limiter off to measure the machine's raw capacity; `--repeat`
draws the questions from a pool of 20 (the answer cache helps, as on election day).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

SECTIONS = {True: "## Telegram load, flood limit on (issue 12)",
            False: "## Telegram load, flood limit off: raw capacity (issue 12)"}
TARGET_P95_S = {True: 2.0, False: 1.5}
TOKEN = "999999:LOAD"
DEFAULT_CONCURRENCY = 16
QUESTIONS = [
    "boleh gak PNS like postingan caleg di IG?",
    "Apakah ASN boleh menjadi anggota partai politik?",
    "Apa sanksi PNS yang ikut kampanye?",
    "bolehkah PNS hadir di acara kampanye pakai seragam dinas?",
    "PNS foto bareng calon bupati terus diupload, kena sanksi?",
    "apakah ASN boleh jadi tim sukses pasangan calon?",
    "hukuman disiplin berat bagi PNS itu apa saja?",
    "asas netralitas ASN itu apa?",
    "PNS mencalonkan diri jadi kepala daerah harus mundur?",
    "bolehkah kepala desa ikut kampanye?",
    "apa yang dimaksud kode etik PNS?",
    "apakah PNS boleh memberikan dukungan ke calon DPD dengan fotokopi KTP?",
    "ASN share status dukungan capres di facebook, boleh?",
    "siapa yang menjatuhkan hukuman disiplin PNS?",
    "larangan ASN dalam pemilu menurut UU 20/2023",
    "apa sanksi bagi PNS yang menjadi anggota partai politik?",
    "PNS ikut deklarasi dukungan calon, apa hukumnya?",
    "boleh gak ASN pasang baliho caleg di rumahnya?",
    "apakah pejabat negara dilarang membuat keputusan yang menguntungkan peserta pemilu?",
    "bagaimana PNS yang cuti untuk kampanye?",
]


def _settings(args: argparse.Namespace, **extra):
    from bot.config import BotSettings

    index_kw = {"index_dir": str(Path(args.index).resolve())} if args.index else {}
    return BotSettings(corpus_dir=str(Path(args.corpus).resolve()), **index_kw, telegram_bot_token=TOKEN,
                       admin_ids="", rate_limit_per_minute=60, **extra)


def serve(args: argparse.Namespace) -> None:
    """The bot process: what `python -m bot` runs, pointed at the emulator (prints POLLING when up)."""
    from telegram.ext import AIORateLimiter

    from bot.telegram import build_application, load_assistant, open_journal, post_init, setup_logging

    settings = _settings(args, telegram_base_url=args.serve, db_path=args.db, query_batch_ms=args.query_batch_ms)
    setup_logging(settings.telegram_bot_token, level=logging.WARNING)
    assistant = load_assistant(settings)  # as bot.telegram.main does (warm-up included)
    limiter = None if args.flood_limit else AIORateLimiter(overall_max_rate=0, group_max_rate=0)
    app = build_application(settings, assistant, open_journal(settings), rate_limiter=limiter,
                            concurrent_updates=args.concurrency)

    async def announce(application) -> None:
        await post_init(application)
        print("POLLING", flush=True)

    app.post_init = announce
    app.run_polling(poll_interval=0.0, timeout=10)


def question_for(args: argparse.Namespace, i: int, k: int) -> str:
    """User i's k-th question: made unique (no cache helps), or (--repeat) from the pool of 20."""
    q = QUESTIONS[(i * args.questions + k) % len(QUESTIONS)]
    return q if args.repeat else f"{q} (pertanyaan {i}.{k})"


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * len(values)) - 1))]


async def run(args: argparse.Namespace) -> dict:
    import httpx

    from bot import render
    from bot.assistant import Assistant
    from tests.tguser import TgUser, start_emulator, stop_emulator

    load_before = os.getloadavg()
    tmp = Path(tempfile.mkdtemp(prefix="tanya-load-"))
    settings = _settings(args)
    t0 = time.perf_counter()
    assistant = Assistant(settings)  # builds the index if missing
    print(f"assistant ready in {time.perf_counter() - t0:.1f} s", flush=True)
    # What each question must get: the answer the Assistant gives it alone (also warms up).
    expected: dict[str, str] = {}
    solo_ms: list[float] = []
    for q in {question_for(args, i, k) for i in range(args.users) for k in range(args.questions)}:
        t = time.perf_counter()
        expected[q] = render.render_answer(assistant.ask(q))
        solo_ms.append((time.perf_counter() - t) * 1000)
    del assistant

    proc, api = start_emulator()
    cmd = [sys.executable, "-m", "bench.load", "--serve", api, "--db", str(tmp / "journal.sqlite3"),
           "--corpus", args.corpus, "--concurrency", str(args.concurrency),
           "--query-batch-ms", str(args.query_batch_ms)]
    cmd += ["--index", args.index] if args.index else []
    cmd += [] if args.flood_limit else ["--no-flood-limit"]
    bot = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, text=True)
    line = bot.stdout.readline()
    if not line.startswith("POLLING"):
        stop_emulator(proc)
        raise SystemExit(f"bot process did not start: {line!r}")
    cpu0 = {"bot": _cpu(bot.pid), "emulator": _cpu(proc.pid), "users": sum(os.times()[:2])}
    latencies: list[float] = []
    by_round: dict[int, list[float]] = {}
    wrong: list[str] = []
    lost = 0
    try:
        # One HTTP client per simulated user: each user is their own phone.
        clients = [httpx.AsyncClient(timeout=60) for _ in range(args.users)]
        try:
            users = [TgUser(clients[i], api, settings.telegram_bot_token, user_id=20_000 + i, first_name=f"U{i}")
                     for i in range(args.users)]

            async def conversation(i: int, user: TgUser) -> None:
                nonlocal lost
                for k in range(args.questions):
                    q = question_for(args, i, k)
                    started = time.perf_counter()
                    await user.send_text(q)
                    try:
                        replies = await user.replies(1, timeout=args.timeout)
                        while not replies[-1].buttons:  # a split answer: the last part has the buttons
                            replies += await user.replies(1, timeout=args.timeout)
                    except TimeoutError:
                        lost += 1
                        continue
                    latencies.append(time.perf_counter() - started)
                    by_round.setdefault(k, []).append(latencies[-1])
                    got = "\n".join(r.text or "" for r in replies)
                    if _norm(got) != _norm(expected[q]):
                        wrong.append(q)

            wall0 = time.perf_counter()
            await asyncio.gather(*(conversation(i, u) for i, u in enumerate(users)))
            wall = time.perf_counter() - wall0
        finally:
            await asyncio.gather(*(c.aclose() for c in clients))
        cpu = {"bot": _cpu(bot.pid), "emulator": _cpu(proc.pid), "users": sum(os.times()[:2])}
        cpu = {k: v - cpu0[k] for k, v in cpu.items()}
    finally:
        bot.terminate()
        bot.wait(30)
        stop_emulator(proc)
    total = args.users * args.questions
    return {
        "flood_limit": args.flood_limit, "query_batch_ms": args.query_batch_ms,
        "load_before": load_before, "distinct": len(expected), "users": args.users, "questions": args.questions,
        "total": total,
        "answered": len(latencies),
        "lost": lost, "wrong": len(wrong), "wall_s": wall, "throughput": len(latencies) / wall,
        "p50_s": statistics.median(latencies) if latencies else float("nan"),
        "p95_s": _pct(latencies, 0.95) if latencies else float("nan"),
        "max_s": max(latencies) if latencies else float("nan"),
        "solo_ms_median": statistics.median(solo_ms), "cpus": os.cpu_count(),
        "cpu_s": {k: round(v, 1) for k, v in cpu.items()},
        "p95_by_round": [round(_pct(v, 0.95), 2) for _, v in sorted(by_round.items())],
    }


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _norm(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


def passed(r: dict) -> bool:
    return r["lost"] == 0 and r["wrong"] == 0 and r["p95_s"] <= TARGET_P95_S[r["flood_limit"]]


def report(r: dict, command: str) -> str:
    ok, target = passed(r), TARGET_P95_S[r["flood_limit"]]
    flood = ("Telegram's flood limit is ON, as users get it (PTB's AIORateLimiter, ~30 messages/s; \"typing\" "
             "only for answers not ready after 0.7 s, outside that budget)" if r["flood_limit"] else
             "Telegram's flood limit is OFF (--no-flood-limit): the machine's raw capacity")
    return "\n".join([
        SECTIONS[r["flood_limit"]],
        "",
        f"Command: `{command}`",
        "",
        f"{r['users']} simulated users × {r['questions']} questions at once ({r['total']} questions, "
        f"{r['distinct']} distinct) through the Bot API emulator on 127.0.0.1; the real bot "
        "in its own process (handlers, per-user limit, retrieval cap, answer cache, SQLite journal) answering "
        "from the real Assistant; "
        f"{r['cpus']} CPU cores shared with the emulator and the simulated users.",
        "",
        "| answered | lost | wrong | wall | throughput | p50 | p95 | max | one question alone (median) |",
        "|---|---|---|---|---|---|---|---|---|",
        f"| {r['answered']}/{r['total']} | {r['lost']} | {r['wrong']} | {r['wall_s']:.1f} s | "
        f"{r['throughput']:.1f} answers/s | {r['p50_s']:.2f} s | {r['p95_s']:.2f} s | {r['max_s']:.2f} s | "
        f"{r['solo_ms_median']:.0f} ms |",
        "",
        f"CPU seconds used during the run: {r['cpu_s']}. "
        f"p95 by round (each user's 1st, 2nd, … question): {r['p95_by_round']} s. "
        f"Target: 0 lost replies, p95 ≤ {target} s — {'met' if ok else 'NOT met'}. Latency is end to end: the "
        "user sends, the bot retrieves, logs and sends the answer, the user receives it. "
        f"{flood}. Query micro-batching: {r['query_batch_ms'] or 'off'}"
        f"{' ms' if r['query_batch_ms'] else ''}. Load average (1, 5, 15 min) when the run started: "
        f"{', '.join(f'{x:.2f}' for x in r['load_before'])} — other work on the machine slows every number.",
        "",
    ])


def write_section(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    title = section.split("\n", 1)[0]
    start = text.find(title)
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        nxt = text.find("\n## ", start + len(title))
        text = text[:start] + section + ("\n" + text[nxt + 1:] if nxt != -1 else "")
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    p.add_argument("--index", default=None, help="index folder (default: the settings' INDEX_DIR)")
    p.add_argument("--users", type=int, default=50)
    p.add_argument("--questions", type=int, default=4)
    p.add_argument("--timeout", type=float, default=60.0, help="seconds before a reply counts as lost")
    p.add_argument("--write", default=None, help="update this run's '## Telegram load …' section of this file")
    p.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY,
                   help="updates the bot handles at once (bot.telegram default)")
    p.add_argument("--repeat", action="store_true",
                   help="questions from a pool of 20 (answer cache hits); default: every question different")
    p.add_argument("--no-flood-limit", dest="flood_limit", action="store_false",
                   help="switch Telegram's ~30 messages/s limiter off (raw capacity); default: on")
    p.add_argument("--query-batch-ms", type=float, default=0.0,
                   help="micro-batch query embeddings within this window (QUERY_BATCH_MS; default off)")
    p.add_argument("--serve", default=None, help=argparse.SUPPRESS)  # internal: run the bot process
    p.add_argument("--db", default=None, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.serve:
        serve(args)
        return
    result = asyncio.run(run(args))
    command = ".venv/bin/python -m bench.load " + " ".join(sys.argv[1:])
    text = report(result, command)
    print(text)
    if args.write:
        write_section(Path(args.write), text)
    sys.exit(0 if passed(result) else 1)


if __name__ == "__main__":
    main()
