// Telegram Bot API emulator for Tanya ASN's end-to-end tests and load benchmark:
// telegram-test-api 4.2.1 (pinned in package-lock.json) with the patches python-telegram-bot 22 needs.
// Started by tests/conftest.py and bench/load.py; install with `npm ci --prefix tests/emulator`.
//
//   node tests/emulator/emulator.js   (env TG_PORT, default 9000; TG_HOST, default 127.0.0.1)
//
// Prints "READY http://host:port" on stdout once listening. Stops on SIGTERM/SIGINT.
//
// Unpatched telegram-test-api breaks PTB in these ways (all observed, see README):
//   * getMe has no `is_bot`                 -> PTB: TypeError in User()  (Application.initialize fails)
//   * sendMessage returns `date` in ms      -> PTB: ValueError "year 58864 is out of range"
//   * editMessageText/ReplyMarkup -> null   -> PTB: AttributeError 'NoneType' object has no attribute 'copy'
//   * callback_query lacks chat_instance    -> PTB: TypeError in CallbackQuery()  (update dropped)
//   * getUpdates ignores offset/timeout     -> no long polling (PTB busy-loops), no ack semantics
//   * sendChatAction, setMyCommands, sendDocument, sendPhoto, getFile, file download, getChat, ...
//     are not implemented (HTTP 500, PTB raises NetworkError "Internal Server Error (500)")
// The routes below fix/implement those. Everything else falls through to the package.
const path = require('path');
const TelegramServer = require('telegram-test-api');
const express = require(require.resolve('express', { paths: [path.dirname(require.resolve('telegram-test-api'))] }));
const multer = require('multer');

const PORT = Number(process.env.TG_PORT || 9000);
const HOST = process.env.TG_HOST || '127.0.0.1';
const BOT_USER = { id: 666, is_bot: true, first_name: 'Test First name', username: 'TestNameBot',
  can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };

const server = new TelegramServer({ port: PORT, host: HOST, storeTimeout: 3600 });
server.setMaxListeners(0);

// ---------- patch model-level behaviour ----------
const origFormatUpdate = TelegramServer.formatUpdate;
TelegramServer.formatUpdate = (update) => {
  const out = origFormatUpdate(update);
  if (out.callback_query) {
    const cq = update.callbackQuery;
    out.callback_query.chat_instance = String(cq.chat_instance || (cq.message && cq.message.chat && cq.message.chat.id) || cq.from.id);
  }
  if (out.message) delete out.message.botToken;
  return out;
};

const origAddBotMessage = server.addBotMessage.bind(server);
server.addBotMessage = (raw, token) => {
  const msg = origAddBotMessage(raw, token);
  msg.date = Math.floor(msg.date / 1000); // Bot API uses unix seconds
  msg.from = BOT_USER;
  delete msg.chat_id; delete msg.parse_mode; delete msg.botToken;
  return msg;
};
const toApiMessage = (stored) => {
  const m = { ...stored.message };
  delete m.chat_id; delete m.parse_mode;
  if (m.reply_markup && !('inline_keyboard' in m.reply_markup)) delete m.reply_markup;
  return { ...m, message_id: stored.messageId, date: Math.floor(stored.time / 1000), from: BOT_USER,
    chat: { id: Number(stored.message.chat_id), first_name: 'Bot', type: 'private' } };
};

// ---------- in-memory files ----------
const files = new Map(); // file_id -> {buf, file_path, file_name, mime_type}
let fileSeq = 1;
const addFile = (buf, fileName, mimeType, kind = 'documents') => {
  const n = fileSeq++;
  const fileId = `FILE_${n}`;
  const ext = path.extname(fileName || '') || '';
  files.set(fileId, { buf, file_path: `${kind}/file_${n}${ext}`, file_name: fileName, mime_type: mimeType });
  return { file_id: fileId, file_unique_id: `U${n}`, file_name: fileName, mime_type: mimeType, file_size: buf.length };
};

// ---------- extra / overriding routes ----------
const r = express.Router();
// request counters per route, GET /stats (handy to see what the bot actually called)
const stats = {};
r.use((req, _res, next) => {
  const key = req.path.replace(/^\/bot[^/]+\//, '/bot<token>/').replace(/^\/file\/bot[^/]+\/.*/, '/file/bot<token>/...');
  stats[key] = (stats[key] || 0) + 1; next();
});
r.get('/stats', (_req, res) => res.json(stats));

// ---------- fault injection (tests/test_telegram_faults.py) ----------
// POST /faults {token, method, status, count[, retryAfter][, description]}: the next `count` Bot API
// calls of `method` with that bot token fail - status 429 answers {parameters: {retry_after}} like
// Telegram's flood control, any other 4xx/5xx answers {ok: false, error_code, description}, and
// status 0 closes the connection without a response. GET /faults lists every fault and its hits.
const faults = []; // {token, method, status, left, retryAfter, description, hits: [ms]}
r.post('/faults', (req, res) => {
  const { token, method, status, count, retryAfter, description } = req.body;
  const f = { token, method, status: Number(status), left: Number(count || 1), retryAfter: Number(retryAfter || 1),
    description, hits: [] };
  faults.push(f);
  ok(res, f);
});
r.get('/faults', (_req, res) => ok(res, faults));
r.use((req, res, next) => {
  const m = req.path.match(/^\/bot([^/]+)\/([^/]+)$/);
  const f = m && faults.find((x) => x.left > 0 && x.token === m[1] && x.method === m[2]);
  if (!f) return next();
  f.left -= 1; f.hits.push(Date.now());
  if (f.status === 0) return req.socket.destroy();
  const body = { ok: false, error_code: f.status,
    description: f.description || (f.status === 429 ? `Too Many Requests: retry after ${f.retryAfter}` : 'Internal Server Error') };
  if (f.status === 429) body.parameters = { retry_after: f.retryAfter };
  return res.status(f.status).json(body);
});
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 50 * 1024 * 1024 } });
const ok = (res, result) => res.json({ ok: true, result });
const bad = (res, description, code = 400) => res.status(code).json({ ok: false, error_code: code, description });
const chatActions = []; // {token, chat_id, action, time}
const myCommands = {}; // token -> commands

// PTB sends object parameters form-encoded as JSON strings; the package only parses reply_markup
// and entities, so a Message echoed back with e.g. link_preview_options as a string breaks PTB.
const JSON_FIELDS = ['link_preview_options', 'reply_parameters', 'caption_entities', 'entities', 'reply_markup'];
const parseJsonFields = (p) => {
  JSON_FIELDS.forEach((k) => {
    if (typeof p[k] === 'string') { try { p[k] = JSON.parse(p[k]); } catch (_e) { /* leave as is */ } }
  });
  return p;
};

r.all('/bot:token/getMe', (req, res) => ok(res, BOT_USER));

// sendMessage with the two checks real Telegram does that tests most often need (the package does none).
// Length is counted on the raw text (tags included), in UTF-16 units - Telegram counts after entity parsing.
r.all('/bot:token/sendMessage', (req, res) => {
  const p = parseJsonFields({ ...req.query, ...req.body });
  if (!p.text || !String(p.text).trim()) return bad(res, 'Bad Request: message text is empty');
  if (String(p.text).length > 4096) return bad(res, 'Bad Request: message is too long');
  return ok(res, server.addBotMessage(p, req.params.token));
});

// Real offset + long-poll semantics for the bot's getUpdates.
r.all('/bot:token/getUpdates', (req, res) => {
  const token = req.params.token;
  const p = { ...req.query, ...req.body };
  const offset = Number(p.offset || 0);
  const timeout = Math.min(Number(p.timeout || 0), 50);
  const limit = Number(p.limit || 100);
  if (offset > 0) {
    server.storage.userMessages = server.storage.userMessages.filter((u) => !(u.botToken === token && u.updateId < offset));
  }
  const pending = () => server.storage.userMessages
    .filter((u) => u.botToken === token && u.updateId >= offset)
    .sort((a, b) => a.updateId - b.updateId).slice(0, limit);
  const reply = () => ok(res, pending().map((u) => TelegramServer.formatUpdate(u)));
  if (pending().length || timeout <= 0) return reply();
  let done = false;
  const events = ['AddedUserMessage', 'AddedUserCommand', 'AddedUserCallbackQuery'];
  const finish = () => {
    if (done) return; done = true;
    clearTimeout(timer); events.forEach((e) => server.off(e, onEvt));
    if (!res.writableEnded && !res.destroyed) reply();
  };
  const onEvt = () => setImmediate(finish);
  const timer = setTimeout(finish, timeout * 1000);
  events.forEach((e) => server.on(e, onEvt));
  res.on('close', () => { if (!done) { done = true; clearTimeout(timer); events.forEach((e) => server.off(e, onEvt)); } });
});

const editRoute = (method) => r.all(`/bot:token/${method}`, (req, res) => {
  const p = parseJsonFields({ ...req.query, ...req.body });
  if (p.inline_message_id) return ok(res, true);
  TelegramServer.normalizeMessage(p);
  const stored = server.storage.botMessages.find((u) => String(u.messageId) === String(p.message_id)
    && String(u.message.chat_id) === String(p.chat_id) && u.botToken === req.params.token);
  if (!stored) return bad(res, 'Bad Request: message to edit not found');
  if (method === 'editMessageText') {
    stored.message = { ...stored.message, ...p };
    if (!('reply_markup' in p)) delete stored.message.reply_markup; // Telegram drops the keyboard if not re-sent
  } else {
    stored.message = { ...stored.message, reply_markup: p.reply_markup };
  }
  stored.isRead = false; stored.edited = true; // re-deliver to the simulated user's /getUpdates
  server.emit('AddedBotMessage');
  return ok(res, { ...toApiMessage(stored), edit_date: Math.floor(Date.now() / 1000) });
});
editRoute('editMessageText');
editRoute('editMessageReplyMarkup');

r.all('/bot:token/answerCallbackQuery', (req, res) => {
  const p = { ...req.query, ...req.body };
  server.storage.callbackAnswers = server.storage.callbackAnswers || [];
  server.storage.callbackAnswers.push({ token: req.params.token, ...p, time: Date.now() });
  ok(res, true);
});
r.all('/bot:token/deleteMessage', (req, res) => {
  const p = { ...req.query, ...req.body };
  server.deleteMessage(Number(p.chat_id), Number(p.message_id));
  ok(res, true); // PTB only needs `true`
});
r.all('/bot:token/sendChatAction', (req, res) => {
  const p = { ...req.query, ...req.body };
  chatActions.push({ token: req.params.token, chat_id: String(p.chat_id), action: p.action, time: Date.now() });
  ok(res, true);
});
r.all('/bot:token/setMyCommands', (req, res) => {
  const p = { ...req.query, ...req.body };
  myCommands[req.params.token] = typeof p.commands === 'string' ? JSON.parse(p.commands) : p.commands;
  ok(res, true);
});
r.all('/bot:token/getMyCommands', (req, res) => ok(res, myCommands[req.params.token] || []));
r.all('/bot:token/deleteMyCommands', (req, res) => { delete myCommands[req.params.token]; ok(res, true); });
r.all('/bot:token/getChat', (req, res) => {
  const p = { ...req.query, ...req.body };
  ok(res, { id: Number(p.chat_id), type: 'private', first_name: 'TestName', accent_color_id: 0, max_reaction_count: 11 });
});
r.all(['/bot:token/close', '/bot:token/logOut'], (req, res) => ok(res, true));

// sendDocument / sendPhoto / ...: multipart upload or existing file_id
const MEDIA = { sendDocument: 'document', sendPhoto: 'photo', sendAudio: 'audio', sendVideo: 'video',
  sendVoice: 'voice', sendAnimation: 'animation', sendSticker: 'sticker' };
Object.entries(MEDIA).forEach(([method, field]) => {
  r.post(`/bot:token/${method}`, upload.any(), (req, res) => {
    const p = { ...req.query, ...req.body };
    let obj;
    const up = (req.files || []).find((f) => f.fieldname === field)
      || (req.files || []).find((f) => typeof p[field] === 'string' && p[field] === `attach://${f.fieldname}`);
    if (up) obj = addFile(up.buffer, up.originalname, up.mimetype, `${field}s`);
    else if (typeof p[field] === 'string' && files.has(p[field])) {
      const f = files.get(p[field]);
      obj = { file_id: p[field], file_unique_id: p[field].replace('FILE_', 'U'), file_name: f.file_name, mime_type: f.mime_type, file_size: f.buf.length };
    } else return bad(res, `Bad Request: there is no ${field} in the request or file_id is unknown`);
    if (field === 'photo') obj = [{ file_id: obj.file_id, file_unique_id: obj.file_unique_id, width: 1, height: 1, file_size: obj.file_size }];
    const body = { chat_id: p.chat_id, caption: p.caption, parse_mode: p.parse_mode, reply_markup: p.reply_markup, [field]: obj };
    Object.keys(body).forEach((k) => body[k] === undefined && delete body[k]);
    ok(res, server.addBotMessage(body, req.params.token));
  });
});

r.all('/bot:token/getFile', (req, res) => {
  const p = { ...req.query, ...req.body };
  const f = files.get(p.file_id);
  if (!f) return bad(res, 'Bad Request: invalid file_id');
  ok(res, { file_id: p.file_id, file_unique_id: p.file_id.replace('FILE_', 'U'), file_size: f.buf.length, file_path: f.file_path });
});
r.get('/file/bot:token/*', (req, res) => {
  const fp = req.params[0];
  const f = [...files.values()].find((x) => x.file_path === fp);
  if (!f) return res.status(404).json({ ok: false, error_code: 404, description: 'Not Found' });
  res.type(f.mime_type || 'application/octet-stream').send(f.buf);
});

// ---------- extra client-side (simulated user) routes ----------
// POST /uploadFile {token, fileName, mimeType, contentBase64} -> Document-like object to put in a user message
r.post('/uploadFile', express.json({ limit: '80mb' }), (req, res) => {
  const { fileName, mimeType, contentBase64 } = req.body;
  ok(res, addFile(Buffer.from(contentBase64, 'base64'), fileName, mimeType));
});
// POST /waitUpdates {token, chatId, timeout} -> like /getUpdates but long-polls up to `timeout` seconds
r.post('/waitUpdates', (req, res) => {
  const { token, chatId } = req.body;
  const timeout = Math.min(Number(req.body.timeout || 0), 60);
  const take = () => {
    const msgs = server.storage.botMessages.filter((u) => u.botToken === token
      && String(u.message.chat_id) === String(chatId) && !u.isRead);
    msgs.forEach((u) => { u.isRead = true; });
    return msgs;
  };
  const first = take();
  if (first.length || timeout <= 0) return ok(res, first);
  let done = false;
  const onEvt = () => {
    setImmediate(() => {
      if (done) return;
      const msgs = take();
      if (msgs.length) { done = true; clearTimeout(timer); server.off('AddedBotMessage', onEvt); ok(res, msgs); }
    });
  };
  const timer = setTimeout(() => { if (!done) { done = true; server.off('AddedBotMessage', onEvt); ok(res, []); } }, timeout * 1000);
  server.on('AddedBotMessage', onEvt);
  res.on('close', () => { if (!done) { done = true; clearTimeout(timer); server.off('AddedBotMessage', onEvt); } });
});
// POST /getChatActions {token, chatId}
r.post('/getChatActions', (req, res) => ok(res, chatActions.filter((a) => a.token === req.body.token
  && (req.body.chatId === undefined || a.chat_id === String(req.body.chatId)))));
// POST /getCallbackAnswers {token}
r.post('/getCallbackAnswers', (req, res) => ok(res, (server.storage.callbackAnswers || []).filter((a) => a.token === req.body.token)));
// POST /getMyCommands {token}
r.post('/getMyCommands', (req, res) => ok(res, myCommands[req.body.token] || []));

// ---------- webhook delivery (tests/test_webhook.py) ----------
// The package POSTs updates to the webhook URL, but without Telegram's secret header (PTB's webhook
// server answers 403 without it), inside the user's request, and loses the update when the POST fails.
// Here, as Telegram does: the X-Telegram-Bot-Api-Secret-Token header, delivery in the background, and
// retries (every 250 ms for 30 s), so an update survives a bot process restarting behind a proxy.
const axios = require(require.resolve('axios', { paths: [path.dirname(require.resolve('telegram-test-api'))] }));
r.all('/bot:token/setWebhook', (req, res) => {
  const p = { ...req.query, ...req.body };
  if (!p.url) return bad(res, 'Bad Request: bad webhook: an URL must be provided');
  server.webhooks[req.params.token] = { url: p.url, secret_token: p.secret_token || '' };
  ok(res, true);
});
r.all('/bot:token/deleteWebhook', (req, res) => { delete server.webhooks[req.params.token]; ok(res, true); });
r.all('/bot:token/getWebhookInfo', (req, res) => {
  const hook = server.webhooks[req.params.token];
  ok(res, { url: hook ? hook.url : '', has_custom_certificate: false, pending_update_count: 0 });
});
const deliver = async (hook, body, attempt = 0) => {
  try {
    const headers = hook.secret_token ? { 'X-Telegram-Bot-Api-Secret-Token': hook.secret_token } : {};
    const resp = await axios({ url: hook.url, method: 'POST', data: body, headers, timeout: 10000,
      validateStatus: () => true });
    if (resp.status >= 300) throw new Error(`HTTP ${resp.status}`);
  } catch (e) {
    if (attempt >= 120) { console.error(`webhook delivery dropped after ${attempt} tries: ${e.message}`); return; }
    setTimeout(() => deliver(hook, body, attempt + 1), 250);
  }
};
const origAddUserUpdate = server.addUserUpdate.bind(server);
server.addUserUpdate = async (update) => {
  const hook = server.webhooks[update.botToken];
  if (!hook) return origAddUserUpdate(update);
  const body = TelegramServer.formatUpdate(update);
  server.updateId++;
  deliver(hook, body);
};

// Splice our router in front of the package's routes (its catch-all `/bot:token/:method` would win otherwise).
const stack = server.webServer._router.stack;
server.webServer.use(r);
const ours = stack.pop();
const firstRoute = stack.findIndex((l) => l.route);
stack.splice(firstRoute, 0, ours);

(async () => {
  await server.start();
  process.stdout.write(`READY ${server.config.apiURL}\n`);
})().catch((e) => { console.error(e); process.exit(1); });

const stop = () => {
  setTimeout(() => process.exit(0), 300).unref(); // long-poll requests would otherwise delay shutdown
  server.stop().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
