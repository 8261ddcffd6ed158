"""What admins (ADMIN_IDS) do in Telegram: upload a PDF with its status, /reindex, /status, /stats,
/cabut. Every change goes through `bot.admin.IndexAdmin`, the seam the command line uses too.

Uploading, as an admin follows it: send the PDF (a caption "PP 94 2021 Disiplin PNS" may come with
it, or be typed afterwards — as a reply or not); the bot asks with buttons whether it is new,
repeals a listed regulation or amends one; then it checks, stores, catalogues and indexes it and
suggests a /pasal command it has tried. Changes sent while a rebuild runs wait for it (one notice).
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime
from typing import Any

from telegram import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import filters

from bot import messages as M
from bot import messages as N
from bot import render
from bot.admin import Relation, UploadPlan
from bot.bot_data import BotData, Context, Prompt
from bot.handler_kit import (
    admin_only,
    clean_question,
    journal,
    message_of,
    parse_caption,
    query_message,
    query_of,
    run_blocking,
    send_html,
    user_of,
)
from bot.redact import redact
from bot.user_handlers import question, reason_reply
from indexer.types import JENIS_LABEL, Document

log = logging.getLogger(__name__)

PROGRESS_EVERY_S = 1.0
UPLOAD_WAIT_S = 15 * 60  # an upload waits this long for its description or status


# ------------------------------------------------------------------------------ prompts


class RepliesToPrompt(filters.MessageFilter):
    """Messages that answer one of the bot's ForceReply prompts."""

    def __init__(self, bd: BotData) -> None:
        super().__init__(name="replies_to_prompt")
        self.bd = bd

    def filter(self, message: Message) -> bool:
        r = message.reply_to_message
        return bool(r and (message.chat_id, r.message_id) in self.bd.prompts)


class AwaitedCaption(filters.MessageFilter):
    """A text from an admin whose PDF is waiting for its description in this chat (typed without reply)."""

    def __init__(self, bd: BotData) -> None:
        super().__init__(name="awaited_caption")
        self.bd = bd

    def filter(self, message: Message) -> bool:
        return _pending_upload(self.bd, message) is not None


def _pending_upload(bd: BotData, message: Message) -> tuple[int, int] | None:
    """The newest upload prompt of this admin in this chat that still waits for its description."""
    user = message.from_user
    if user is None or user.id not in bd.admin_ids:
        return None
    now = time.monotonic()
    for key, p in reversed(bd.prompts.items()):
        mine = key[0] == message.chat_id and p.kind == "upload" and p.user_id == user.id
        if mine and now - p.asked_at < UPLOAD_WAIT_S:
            return key
    return None


async def prompt_reply(update: Update, context: Context) -> None:
    """A reply to one of our prompts: the reason after 👎, or an upload's description."""
    bd, msg, user = context.bot_data, message_of(update), user_of(update)
    assert msg.reply_to_message is not None
    key = (msg.chat_id, msg.reply_to_message.message_id)
    prompt = bd.prompts.get(key)
    if prompt is None or prompt.user_id != user.id or prompt.kind not in ("reason", "upload"):
        await question(update, context)  # e.g. a reply to the status question: it wants a button
        return
    del bd.prompts[key]
    if prompt.kind == "reason":
        await reason_reply(update, context, prompt)
    elif prompt.kind == "upload":
        await _caption_received(update, context, prompt.data, msg.text or "")


async def awaited_caption(update: Update, context: Context) -> None:
    """An admin's plain message while a PDF waits for its description: if it reads as one ("PP 37 2004
    …"), it is the description; else it is a question, answered, with a reminder that the PDF waits."""
    bd, msg = context.bot_data, message_of(update)
    key = _pending_upload(bd, msg)
    if key is None or parse_caption(msg.text or "") is None:
        await question(update, context)
        if key is not None:
            await send_html(msg, N.UPLOAD_STILL_WAITING)
        return
    prompt = bd.prompts.pop(key)
    await _caption_received(update, context, prompt.data, msg.text or "")


# ------------------------------------------------------------------------------ upload


async def upload_document(update: Update, context: Context) -> None:
    """A file sent to the bot. Admins: checked, then described and given a status. Others: told kindly."""
    bd, msg, user = context.bot_data, message_of(update), user_of(update)
    if user.id not in bd.admin_ids:
        await send_html(msg, N.UPLOAD_NOT_ADMIN)
        return
    doc = msg.document
    assert doc is not None
    limit_mb = bd.settings.max_upload_mb
    if not (doc.mime_type == "application/pdf" or (doc.file_name or "").lower().endswith(".pdf")):
        await send_html(msg, M.UPLOAD_NOT_PDF)
        return
    if doc.file_size and doc.file_size > limit_mb * 1024 * 1024:
        await send_html(msg, M.UPLOAD_TOO_LARGE.format(size_mb=doc.file_size / 2**20, limit_mb=limit_mb))
        return
    content = await _download_vetted(context, msg, doc.file_id, doc.file_name or "")
    if content is None:
        return
    _forget_uploads(bd, user.id)  # one waiting PDF per admin: its bytes are held in memory
    data: dict[str, Any] = {"content": content}
    if not msg.caption:
        await _ask_caption(msg, bd, user.id, data, M.UPLOAD_ASK_CAPTION)
        return
    await _caption_received(update, context, data, msg.caption)


def _forget_uploads(bd: BotData, user_id: int) -> None:
    for key in [k for k, p in bd.prompts.items() if p.kind.startswith("upload") and p.user_id == user_id]:
        del bd.prompts[key]


async def _download_vetted(context: Context, msg: Message, file_id: str, file_name: str) -> bytes | None:
    """The PDF's bytes if they are a usable PDF; else the admin is told why (before any question)."""
    from indexer.load import DocumentError, check_pdf_bytes

    bd = context.bot_data
    try:
        tg_file = await context.bot.get_file(file_id)
        content = bytes(await tg_file.download_as_bytearray())
        await asyncio.to_thread(check_pdf_bytes, content, bd.settings.max_upload_mb * 1024 * 1024)
    except DocumentError as exc:
        await send_html(msg, M.UPLOAD_REJECTED.format(reason=render.esc(str(exc))))
        await journal(context, "log_admin", user_of_message(msg), "upload_rejected", f"{file_name}: {exc}")
        return None
    except TelegramError as exc:  # after the rate limiter's retries
        log.warning("download of an upload failed: %s", exc)
        reason = render.esc(redact(str(exc))[:300])  # httpx/PTB errors may quote the bot URL
        await send_html(msg, N.UPLOAD_DOWNLOAD_FAILED.format(reason=reason))
        return None
    return content


def user_of_message(msg: Message) -> int:
    return msg.from_user.id if msg.from_user else 0


async def _ask_caption(msg: Message, bd: BotData, user_id: int, data: dict[str, Any], text: str) -> None:
    ask = await msg.reply_text(text, parse_mode=ParseMode.HTML, reply_markup=ForceReply(
        selective=True, input_field_placeholder=N.UPLOAD_CAPTION_PLACEHOLDER))
    bd.ask_later(ask, Prompt("upload", user_id, data))


async def _caption_received(update: Update, context: Context, data: dict[str, Any], caption: str) -> None:
    """The description arrived: if readable, ask how the regulation relates to the listed ones."""
    bd, msg, user = context.bot_data, message_of(update), user_of(update)
    if user.id not in bd.admin_ids:  # prompts are per user, but check again: uploads change the corpus
        await msg.reply_text(M.ADMIN_ONLY)
        return
    parsed = parse_caption(caption)
    if parsed is None:
        jenis = ", ".join(sorted(JENIS_LABEL.values()))
        await _ask_caption(msg, bd, user.id, data, M.UPLOAD_BAD_CAPTION.format(jenis=render.esc(jenis)))
        return
    plan = UploadPlan(*parsed)
    ask = await msg.reply_text(
        N.UPLOAD_ASK_RELATION.format(name=render.esc(plan.short_name), judul=render.esc(plan.judul)),
        parse_mode=ParseMode.HTML, reply_markup=_relation_keyboard())
    bd.ask_later(ask, Prompt("upload_status", user.id, {**data, "plan": plan}))


def _relation_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([
        [InlineKeyboardButton(N.BTN_NEW, callback_data="up:baru")],
        [InlineKeyboardButton(N.BTN_REPEALS, callback_data="up:mencabut"),
         InlineKeyboardButton(N.BTN_AMENDS, callback_data="up:mengubah")],
        [InlineKeyboardButton(M.BTN_CANCEL, callback_data="adm:cancel")],
    ])


def _target_keyboard(docs: list[Document]) -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(d.short_name, callback_data=f"up:t:{d.id}"[:64]) for d in docs]
    rows = [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    return InlineKeyboardMarkup([*rows, [InlineKeyboardButton(M.BTN_CANCEL, callback_data="adm:cancel")]])


@admin_only
async def upload_button(update: Update, context: Context) -> None:
    """The status buttons under an upload: up:baru, up:mencabut / up:mengubah (then up:t:<id>)."""
    bd, query, message, user = context.bot_data, query_of(update), query_message(update), user_of(update)
    key = (message.chat_id, message.message_id)
    prompt = bd.prompts.get(key)
    if prompt is None or prompt.kind != "upload_status" or prompt.user_id != user.id \
            or time.monotonic() - prompt.asked_at > UPLOAD_WAIT_S:
        await query.answer(N.UPLOAD_PROMPT_EXPIRED, show_alert=True)
        return
    plan: UploadPlan = prompt.data["plan"]
    choice = (query.data or "").split(":", 2)[1:]
    if choice[0] == "mencabut" or choice[0] == "mengubah":
        docs = [d for d in await asyncio.to_thread(bd.admin.regulations) if d.id != plan.doc_id]
        relation: Relation = "mencabut" if choice[0] == "mencabut" else "mengubah"
        prompt.data["plan"] = UploadPlan(plan.jenis, plan.nomor, plan.tahun, plan.judul, relation)
        await query.answer()
        await query.edit_message_text(
            N.UPLOAD_ASK_TARGET.format(verb=N.VERB[choice[0]], name=render.esc(plan.short_name)),
            parse_mode=ParseMode.HTML, reply_markup=_target_keyboard(docs))
        return
    if choice[0] == "t" and len(choice) == 2 and plan.relation in ("mencabut", "mengubah"):
        plan = UploadPlan(plan.jenis, plan.nomor, plan.tahun, plan.judul, plan.relation, choice[1])
    elif choice[0] != "baru":
        await query.answer(M.UNKNOWN_BUTTON)
        return
    del bd.prompts[key]
    await query.answer()
    await _ingest(context, message, user.id, prompt.data["content"], plan)


async def _ingest(context: Context, status: Message, user_id: int, content: bytes, plan: UploadPlan) -> None:
    """Store, catalogue and index the vetted PDF; report in the `status` message (edited)."""
    from indexer.load import DocumentError

    bd = context.bot_data
    name = plan.short_name
    if bd.busy():
        await _edit_quietly(status, N.QUEUED)
    else:
        await _edit_quietly(status, M.UPLOAD_CHECKING.format(name=render.esc(name)))
    try:
        report = await asyncio.to_thread(bd.admin.add_pdf_bytes, content, plan)
    except DocumentError as exc:
        await _edit_quietly(status, M.UPLOAD_REJECTED.format(reason=render.esc(str(exc))))
        await journal(context, "log_admin", user_id, "upload_rejected", f"{name}: {exc}")
        return
    except Exception as exc:
        log.exception("upload of %s failed", name)
        reason = render.esc(redact(str(exc))[:300])  # httpx/PTB errors may quote the bot URL
        await _edit_quietly(status, M.UPLOAD_FAILED.format(name=render.esc(name), reason=reason))
        return
    docs = {d.id: d for d in await asyncio.to_thread(bd.assistant.documents)}
    target = docs[plan.target].short_name if plan.target in docs else (plan.target or "")
    relation = N.UPLOAD_RELATION_NOTE[plan.relation].format(target=render.esc(target))
    text = N.UPLOAD_DONE.format(name=render.esc(name), judul=render.esc(plan.judul), relation=relation,
                                n_pasal=report.n_pasal)
    if reference := await _working_pasal_reference(context, plan, report.example_pasal):
        text += N.UPLOAD_TRY.format(reference=render.esc(reference))
    await journal(context, "log_admin", user_id, "upload",
                  f"{report.doc.id}: {report.n_pasal} pasal; {plan.relation} {plan.target or ''}".strip())
    await _edit_quietly(status, text)


async def _working_pasal_reference(context: Context, plan: UploadPlan, pasal: str | None) -> str | None:
    """A /pasal spelling for the new regulation that the bot has just tried and found (or None)."""
    if not pasal:
        return None
    label = JENIS_LABEL.get(plan.jenis, plan.jenis)
    for reference in (f"{plan.short_name} {pasal}", f"{label} {plan.nomor} tahun {plan.tahun} pasal {pasal}"):
        if await run_blocking(context, context.bot_data.assistant.pasal, reference):
            return reference
    return None


# ------------------------------------------------------------------------------ index


@admin_only
async def reindex(update: Update, context: Context) -> None:
    """/reindex [penuh]: rebuild in the background (blue/green); progress by editing one message;
    the old index keeps answering until the new one is switched in."""
    await _start_rebuild(update, context, full="penuh" in (context.args or []))


async def _start_rebuild(update: Update, context: Context, full: bool) -> None:
    bd, chat = context.bot_data, update.effective_chat
    assert chat is not None
    if bd.reindex_task and not bd.reindex_task.done():
        await context.bot.send_message(chat.id, M.REINDEX_RUNNING)  # a second rebuild would change nothing
        return
    status = await context.bot.send_message(chat.id, N.QUEUED if bd.busy() else M.REINDEX_STARTED)
    await journal(context, "log_admin", user_of(update).id, "reindex", "penuh" if full else "inkremental")
    bd.reindex_task = context.application.create_task(_rebuild(context, status, full), update=update)


async def _rebuild(context: Context, status: Message, full: bool) -> None:
    """The background part of /reindex: build in a thread, edit `status` at most once a second."""
    bd = context.bot_data
    loop = asyncio.get_running_loop()
    latest: dict[str, str] = {}

    def progress(stage: str, done: int, total: int) -> None:
        loop.call_soon_threadsafe(latest.__setitem__, "text", f"{stage}: {done}/{total}")

    started = time.perf_counter()
    job = asyncio.ensure_future(asyncio.to_thread(bd.admin.rebuild, full, progress))
    shown = ""
    while not job.done():
        await asyncio.wait({job}, timeout=PROGRESS_EVERY_S)
        text = latest.get("text", "")
        if text and text != shown and not job.done():
            shown = text
            await _edit_quietly(status, M.REINDEX_PROGRESS.format(progress=render.esc(text)))
    try:
        report = job.result()
    except Exception as exc:
        log.exception("reindex failed")
        await _edit_quietly(status, M.REINDEX_FAILED.format(reason=render.esc(redact(str(exc))[:300])))
        return
    await _edit_quietly(status, M.REINDEX_DONE.format(seconds=time.perf_counter() - started,
                                                      summary=render.esc(report.summary())))


async def _edit_quietly(message: Message, html: str) -> None:
    try:
        await message.edit_text(render.split_html(html)[0], parse_mode=ParseMode.HTML)
    except TelegramError as exc:  # e.g. "message is not modified"; progress is best effort
        log.info("progress edit skipped: %s", exc)


@admin_only
async def status_command(update: Update, context: Context) -> None:
    """/status: index generation and time, documents, chunks, model, uptime."""
    bd = context.bot_data
    manifest = await asyncio.to_thread(bd.admin.active_manifest)
    docs = [Document.from_dict(d) for d in manifest.documents] if manifest else []
    up = int(time.time() - bd.started_at)
    text = M.STATUS.format(
        version=render.esc(f"{manifest.generation} ({manifest.created_at})" if manifest else "belum ada"),
        documents=len(docs), in_force=sum(d.in_force for d in docs),
        chunks=manifest.n_chunks if manifest else 0,
        model=render.esc(manifest.model if manifest else bd.settings.embedding_model),
        since=datetime.fromtimestamp(bd.started_at, UTC).strftime("%Y-%m-%d %H:%M UTC"),
        uptime=f"{up // 86400}h {up % 86400 // 3600}j {up % 3600 // 60}m {up % 60}d",
        reindex="sedang berjalan" if bd.busy() else "tidak berjalan",
    )
    await send_html(message_of(update), text, render.status_keyboard())


@admin_only
async def stats_command(update: Update, context: Context) -> None:
    """/stats: questions per day, 👍/👎, the most frequent unanswered questions (7 days)."""
    days = 7
    stats = await journal(context, "stats", days)
    await send_html(message_of(update), render.render_stats(stats or {}, days))


def _id_list(docs: list[Document]) -> str:
    return "\n".join(f"<code>{render.esc(d.id)}</code> – {render.esc(d.short_name)}"
                     f"{'' if d.in_force else ' (dicabut)'}" for d in docs)


@admin_only
async def cabut(update: Update, context: Context) -> None:
    """/cabut <id> [oleh]: mark a regulation repealed (metadata only, no re-embedding)."""
    bd, msg = context.bot_data, message_of(update)
    args = [clean_question(a).lower() for a in context.args or []]
    regulations = await asyncio.to_thread(bd.admin.regulations)
    known = {d.id: d for d in regulations}
    if not 1 <= len(args) <= 2:
        await send_html(msg, M.CABUT_USAGE + "\n\n" + N.CABUT_IDS.format(ids=_id_list(regulations)))
        return
    doc_id, by = args[0], (args[1] if len(args) == 2 else None)
    for wanted in filter(None, (doc_id, by)):
        if wanted not in known:
            await send_html(msg, N.CABUT_UNKNOWN.format(doc_id=render.esc(wanted), ids=_id_list(regulations)))
            return
    if bd.busy():
        await send_html(msg, N.QUEUED)
    try:
        await asyncio.to_thread(bd.admin.cabut, doc_id, by)
    except KeyError as exc:
        await send_html(msg, M.CABUT_FAILED.format(reason=render.esc(exc.args[0] if exc.args else doc_id)))
        return
    by_name = known[by].short_name if by else "–"
    await journal(context, "log_admin", user_of(update).id, "cabut", f"{doc_id} oleh {by}")
    await send_html(msg, M.CABUT_DONE.format(name=render.esc(known[doc_id].short_name), by=render.esc(by_name)))


@admin_only
async def admin_button(update: Update, context: Context) -> None:
    """Admin buttons (adm:reindex under /status, adm:cancel under an upload prompt)."""
    bd, query, user = context.bot_data, query_of(update), user_of(update)
    action = (query.data or "").split(":", 1)[1]
    if action == "reindex":
        await query.answer()
        await _start_rebuild(update, context, full=False)
    elif action == "cancel":
        _forget_uploads(bd, user.id)
        await query.answer(M.UPLOAD_CANCELLED)
        await query.edit_message_text(M.UPLOAD_CANCELLED)
    else:
        await query.answer(M.UNKNOWN_BUTTON)
