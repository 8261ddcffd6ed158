"""Helpers shared by the bad-input, security and Telegram-fault tests (end to end, emulator).

- `answer_to`: ask and wait for the answer message (the one with buttons).
- `inject_fault` / `faults`: the emulator's fault hook (POST/GET /faults in tests/emulator/emulator.js).
- `assert_telegram_html`: what Telegram's HTML parser accepts (the emulator does not check it).
- `Snapshot`: the catalogue, the corpus files, the active index generation and the journal, to show
  that something an attacker or a bad file did changed nothing.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.tguser import BotReply, TgUser

NORMAL_QUESTION = "boleh gak PNS like postingan caleg di IG?"
NORMAL_CITATION = "PP 94/2021 Pasal 5"


async def answer_to(user: TgUser, text: str, timeout: float = 30.0) -> BotReply:
    """Send a question and return the answer message (the one with the buttons)."""
    await user.send_text(text)
    replies = await user.replies(1, timeout)
    while not replies[-1].buttons:
        replies += await user.replies(1, timeout)
    return replies[-1]


async def still_answers(user: TgUser) -> None:
    """The bot answers a normal question with its citation (after whatever happened before)."""
    reply = await answer_to(user, NORMAL_QUESTION)
    assert NORMAL_CITATION in reply.text, reply.text
    assert_telegram_html(reply.text)


# ------------------------------------------------------------------------------ emulator faults


async def inject_fault(http: httpx.AsyncClient, api: str, token: str, method: str, status: int, count: int = 1,
                       retry_after: int | None = None, description: str | None = None) -> None:
    """The next `count` calls of Bot API `method` fail (429 with retry_after, 4xx/5xx, 0 = connection closed)."""
    body = {"token": token, "method": method, "status": status, "count": count}
    if retry_after is not None:
        body["retryAfter"] = retry_after
    if description is not None:
        body["description"] = description
    r = await http.post(f"{api}/faults", json=body)
    r.raise_for_status()


async def faults(http: httpx.AsyncClient, api: str, token: str) -> list[dict]:
    """This bot's injected faults: {method, status, left, hits: [ms timestamps]}."""
    r = await http.get(f"{api}/faults")
    r.raise_for_status()
    return [f for f in r.json()["result"] if f["token"] == token]


# ------------------------------------------------------------------------------ Telegram HTML

_ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
                 "blockquote", "tg-spoiler", "span", "tg-emoji"}
_TOKEN_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-z-]+=\"[^\"<>]*\")*)\s*>"
                       r"|&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


def assert_telegram_html(text: str) -> None:
    """Fail where Telegram would answer "Bad Request: can't parse entities": an unknown tag, an
    unbalanced tag, or a bare `<` / `&`."""
    stack: list[str] = []
    pos = 0
    for m in _TOKEN_RE.finditer(text):
        between = text[pos:m.start()]
        assert "<" not in between and "&" not in between and ">" not in between, \
            f"unescaped character in {between!r} (…{text[max(0, pos - 40):m.start() + 40]!r}…)"
        pos = m.end()
        if m.group(2) is None:
            continue  # an entity
        closing, name = m.group(1), m.group(2).lower()
        assert name in _ALLOWED_TAGS, f"tag <{name}> is not Telegram HTML"
        if closing:
            assert stack and stack[-1] == name, f"</{name}> closes {stack[-1:] or 'nothing'}"
            stack.pop()
        else:
            stack.append(name)
    tail = text[pos:]
    assert "<" not in tail and "&" not in tail and ">" not in tail, f"unescaped character in {tail!r}"
    assert not stack, f"unclosed tags {stack}"


# ------------------------------------------------------------------------------ nothing changed


@dataclass(frozen=True)
class Snapshot:
    catalog: str  # sha256 of catalog.json
    corpus_files: frozenset[str]
    generation: str | None
    admin_actions: tuple
    questions: int

    @classmethod
    def take(cls, settings) -> Snapshot:
        from indexer.store import open_store

        corpus = Path(settings.corpus_path)
        files = frozenset(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file())
        active = open_store(settings).active()
        with sqlite3.connect(settings.db_file) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            admin = tuple(db.execute("SELECT action, detail FROM admin_actions ORDER BY id"))
            questions = db.execute("SELECT COUNT(*) FROM questions").fetchone()[0]
        return cls(catalog=hashlib.sha256((corpus / "catalog.json").read_bytes()).hexdigest(),
                   corpus_files=files, generation=active.generation if active else None,
                   admin_actions=admin, questions=questions)


# ------------------------------------------------------------------------------ admin uploads


async def final_reply(admin: TgUser, timeout: float = 60.0) -> BotReply:
    """The admin's last message once the "⏳ …" status has been edited into a verdict."""
    replies = await admin.replies(1, timeout)
    while replies[-1].text.startswith("⏳"):
        replies += await admin.replies(1, timeout)
    assert await admin.no_more_replies()
    return replies[-1]


async def choose_status(admin: TgUser, prompt: BotReply, relation: str = "Baru", target: str | None = None,
                        timeout: float = 120.0) -> BotReply:
    """Answer the "baru / mencabut / mengubah" question under an upload; returns the final verdict."""
    assert "baru" in prompt.text and "mencabut" in prompt.text, prompt.text
    await admin.press(prompt, prompt.button(relation))
    if target is not None:
        picker = await admin.reply(timeout)
        assert picker.edited and picker.message_id == prompt.message_id
        await admin.press(picker, picker.button(target))
    return await final_reply(admin, timeout)


async def upload(admin: TgUser, content: bytes, file_name: str, caption: str, relation: str = "Baru",
                 target: str | None = None, timeout: float = 120.0) -> BotReply:
    """An admin sends a PDF with its description and answers the status question; the final verdict."""
    await admin.send_document(content, file_name, caption=caption)
    prompt = await admin.reply(timeout)
    return await choose_status(admin, prompt, relation, target, timeout)
