"""Telegram sentences added for issue 12 (upload status, admin queueing, helpdesk drafts, Teks lengkap).

They belong in bot/messages.py; they are kept here only because that file was being rewritten by
another engineer at the same time. Merge them into bot/messages.py and delete this module.
"""

from __future__ import annotations

UPLOAD_ASK_RELATION = (
    "📄 <b>{name}</b> – {judul}\n"
    "Apakah peraturan ini <b>baru</b>, <b>mencabut</b> peraturan yang sudah ada, atau <b>mengubah</b> "
    "peraturan yang sudah ada?"
)
BTN_NEW = "🆕 Baru"
BTN_REPEALS = "⛔ Mencabut…"
BTN_AMENDS = "✏️ Mengubah…"
UPLOAD_ASK_TARGET = "Pilih peraturan yang <b>{verb}</b> oleh {name}:"
VERB = {"mencabut": "dicabut", "mengubah": "diubah"}
UPLOAD_RELATION_NOTE = {"baru": "", "mencabut": "\nMencabut {target}: {target} kini berstatus <b>dicabut</b>.",
                        "mengubah": "\nMengubah {target} (dicatat di katalog)."}
UPLOAD_DONE = (
    "✅ <b>{name}</b> – {judul} ditambahkan ke korpus dan indeks.{relation}\n"
    "{n_pasal} pasal dikenali."
)
UPLOAD_TRY = " Coba: <code>/pasal {reference}</code>"
UPLOAD_DOWNLOAD_FAILED = "❌ Gagal mengunduh berkas dari Telegram: {reason}\nKirim ulang PDF-nya."
UPLOAD_CAPTION_PLACEHOLDER = "PP 94 2021 Disiplin Pegawai Negeri Sipil"
UPLOAD_STILL_WAITING = (
    "📄 PDF Anda masih menunggu keterangannya (<b>jenis nomor tahun judul</b>, mis. "
    "<code>PP 94 2021 Disiplin Pegawai Negeri Sipil</code>), atau tekan Batalkan."
)
UPLOAD_PROMPT_EXPIRED = "Unggahan ini sudah tidak menunggu lagi. Kirim PDF-nya sekali lagi."
QUEUED = "⏳ Pembangunan ulang indeks sedang berjalan; permintaan ini dijalankan sesudahnya."
UPLOAD_NOT_ADMIN = (
    "Terima kasih. Hanya admin yang dapat menambahkan peraturan ke Tanya ASN. "
    "Untuk bertanya, tulis pertanyaan Anda sebagai pesan teks."
)
CABUT_IDS = "Id peraturan yang dapat dipakai:\n{ids}"
CABUT_UNKNOWN = "Dokumen <code>{doc_id}</code> tidak ada di katalog.\n" + CABUT_IDS
FULL_TEXT_MORE = "\n\nPasal lain yang dikutip (terlalu panjang untuk satu pesan): {commands}"
DRAF_HELPDESK_ONLY = "Draf jawaban resmi tersedia untuk petugas helpdesk lewat /draf."
