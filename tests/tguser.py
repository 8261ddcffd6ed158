"""A simulated Telegram user talking to the Bot API emulator (tests/emulator/emulator.js).

The emulator has a "client" HTTP API next to the Bot API the bot uses. Every route is a POST with
a JSON body:

  /sendMessage   {botToken, from, chat, date, text[, entities][, document|sticker|photo|voice]}
  /sendCallback  {botToken, from, message, data, chat_instance}       -> a callback_query update
  /waitUpdates   {token, chatId, timeout}   -> unread bot messages for that chat (long-polls; edits
                                               are delivered again with `edited: true`)
  /uploadFile    {fileName, mimeType, contentBase64}  -> a Document object to attach to a message
  /getChatActions, /getCallbackAnswers, /getMyCommands {token[, chatId]}

A bot message record holds the bot's request parameters (raw HTML text, parsed reply_markup).
"""

from __future__ import annotations

import base64
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

BOT_ID = 666  # the emulator's getMe id
EMULATOR_DIR = Path(__file__).resolve().parent / "emulator"


class EmulatorMissing(RuntimeError):
    """node or the emulator's npm packages are not installed."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_emulator() -> tuple[subprocess.Popen, str]:
    """Run `node tests/emulator/emulator.js` on a free loopback port; returns (process, API root).

    Port 0 cannot be passed through (the package turns it into 9000), hence the free-port probe.
    """
    if shutil.which("node") is None:
        raise EmulatorMissing("node tidak terpasang: tes e2e Telegram butuh Node 20")
    if not (EMULATOR_DIR / "node_modules" / "telegram-test-api").exists():
        raise EmulatorMissing("emulator belum dipasang: jalankan `npm ci --prefix tests/emulator` "
                              "(make test melakukannya)")
    port = _free_port()
    env = {**os.environ, "TG_PORT": str(port), "TG_HOST": "127.0.0.1"}
    proc = subprocess.Popen(["node", str(EMULATOR_DIR / "emulator.js")], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = proc.stdout.readline()  # "READY http://127.0.0.1:<port>"
    if not line.startswith("READY"):
        proc.kill()
        raise RuntimeError(f"emulator failed to start: {line}{proc.stdout.read()}")
    return proc, f"http://127.0.0.1:{port}"


def stop_emulator(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()


@dataclass
class BotReply:
    """One message the bot sent (or edited) in the user's chat."""

    message_id: int
    text: str | None
    parse_mode: str | None
    reply_markup: dict | None
    document: dict | None
    caption: str | None
    edited: bool
    raw: dict = field(repr=False)

    @property
    def buttons(self) -> list[tuple[str, str | None]]:
        """(label, callback_data) of every inline button, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [(b["text"], b.get("callback_data")) for row in rows for b in row]

    def button(self, label_part: str) -> str:
        """The callback data of the button whose label contains `label_part`."""
        for text, data in self.buttons:
            if label_part in text and data:
                return data
        raise AssertionError(f"no button {label_part!r} in {self.buttons}")

    @property
    def reply_to(self) -> int | None:
        """The message id this one replies to (threaded under it), if any."""
        m = self.raw["message"]
        params = m.get("reply_parameters")
        if isinstance(params, str):
            import json

            params = json.loads(params)
        value = (params or {}).get("message_id") or m.get("reply_to_message_id")
        return int(value) if value is not None else None

    @property
    def forces_reply(self) -> bool:
        return bool((self.reply_markup or {}).get("force_reply"))

    @classmethod
    def from_stored(cls, rec: dict) -> BotReply:
        m = rec["message"]
        return cls(
            message_id=rec["messageId"],
            text=m.get("text"),
            parse_mode=m.get("parse_mode"),
            reply_markup=m.get("reply_markup"),
            document=m.get("document"),
            caption=m.get("caption"),
            edited=bool(rec.get("edited")),
            raw=rec,
        )


class TgUser:
    """One person in one chat (private by default; pass `group_id` for a group chat)."""

    def __init__(self, http: httpx.AsyncClient, api_root: str, token: str, user_id: int = 1,
                 first_name: str = "Sari", username: str | None = None, group_id: int | None = None):
        self.http, self.api, self.token = http, api_root, token
        username = username or f"user{user_id}"
        self.user = {"id": user_id, "is_bot": False, "first_name": first_name, "username": username,
                     "language_code": "id"}
        if group_id is None:
            self.chat: dict[str, Any] = {"id": user_id, "type": "private", "first_name": first_name,
                                         "username": username}
        else:
            self.chat = {"id": group_id, "type": "group", "title": "Grup Helpdesk"}

    @property
    def id(self) -> int:
        return self.user["id"]

    async def _post(self, route: str, body: dict) -> Any:
        r = await self.http.post(f"{self.api}{route}", json=body)
        r.raise_for_status()
        return r.json()["result"]

    def _base(self) -> dict:
        return {"botToken": self.token, "from": self.user, "chat": self.chat, "date": int(time.time())}

    @staticmethod
    def _reply_ref(reply: BotReply) -> dict:
        return {"message_id": reply.message_id, "date": int(time.time()), "text": reply.text or "",
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "Tanya ASN"}}

    async def send_text(self, text: str, reply_to: BotReply | None = None) -> None:
        body = {**self._base(), "text": text}
        if reply_to is not None:
            body["reply_to_message"] = {**self._reply_ref(reply_to), "chat": self.chat}
        await self._post("/sendMessage", body)

    async def send_command(self, command: str) -> None:
        cmd_len = len(command.split(" ", 1)[0])
        entities = [{"type": "bot_command", "offset": 0, "length": cmd_len}]
        await self._post("/sendMessage", {**self._base(), "text": command, "entities": entities})

    async def send_document(self, content: bytes, file_name: str, mime_type: str = "application/pdf",
                            caption: str | None = None) -> dict:
        doc = await self._post("/uploadFile", {"fileName": file_name, "mimeType": mime_type,
                                               "contentBase64": base64.b64encode(content).decode()})
        body = {**self._base(), "document": doc}
        if caption:
            body["caption"] = caption
        await self._post("/sendMessage", body)
        return doc

    async def send_sticker(self) -> None:
        sticker = {"file_id": "STICKER_1", "file_unique_id": "S1", "type": "regular", "width": 512,
                   "height": 512, "is_animated": False, "is_video": False, "emoji": "👍"}
        await self._post("/sendMessage", {**self._base(), "sticker": sticker})

    async def send_photo(self) -> None:
        photo = [{"file_id": "PHOTO_1", "file_unique_id": "P1", "width": 90, "height": 90}]
        await self._post("/sendMessage", {**self._base(), "photo": photo})

    async def send_voice(self) -> None:
        voice = {"file_id": "VOICE_1", "file_unique_id": "V1", "duration": 3, "mime_type": "audio/ogg"}
        await self._post("/sendMessage", {**self._base(), "voice": voice})

    async def press(self, reply: BotReply, callback_data: str) -> None:
        """Press an inline button on a message the bot sent (any data: callback data can be forged)."""
        message = {**self._reply_ref(reply), "chat": self.chat}
        await self._post("/sendCallback", {"botToken": self.token, "from": self.user, "message": message,
                                           "data": callback_data, "chat_instance": str(self.chat["id"])})

    async def replies(self, n: int = 1, timeout: float = 20.0) -> list[BotReply]:
        """Wait until at least n bot messages (new or edited) arrived in this chat."""
        got: list[BotReply] = []
        deadline = time.monotonic() + timeout
        while len(got) < n:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"expected {n} replies, got {len(got)}: {got}")
            recs = await self._post("/waitUpdates", {"token": self.token, "chatId": self.chat["id"],
                                                     "timeout": min(left, 5)})
            got.extend(BotReply.from_stored(r) for r in sorted(recs, key=lambda r: r["updateId"]))
        return got

    async def reply(self, timeout: float = 20.0) -> BotReply:
        """Exactly the next bot message."""
        [first, *rest] = await self.replies(1, timeout)
        assert not rest, f"expected one reply, got {[first, *rest]}"
        return first

    async def no_more_replies(self, wait: float = 0.5) -> bool:
        recs = await self._post("/waitUpdates", {"token": self.token, "chatId": self.chat["id"], "timeout": wait})
        return not recs

    async def chat_actions(self) -> list[str]:
        acts = await self._post("/getChatActions", {"token": self.token, "chatId": self.chat["id"]})
        return [a["action"] for a in acts]

    async def callback_answers(self) -> list[dict]:
        return await self._post("/getCallbackAnswers", {"token": self.token})

    async def bot_commands(self) -> list[dict]:
        return await self._post("/getMyCommands", {"token": self.token})
