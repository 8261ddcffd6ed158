"""Every sentence the bot says to users, in Bahasa Indonesia, in one place.

Texts are Telegram HTML. Placeholders are filled with `str.format` by bot/render.py and
bot/telegram.py, always with values that were escaped first.
"""

from __future__ import annotations

BOT_NAME = "Tanya ASN"

DISCLAIMER = (
    "ℹ️ Jawaban ini disusun otomatis dari kutipan peraturan dan bukan nasihat hukum resmi. "
    "Untuk kasus konkret, konsultasikan dengan BKPSDM/biro kepegawaian instansi Anda atau Bawaslu."
)

EXAMPLE_QUESTIONS = (
    "boleh gak PNS like postingan caleg di IG?",
    "Apakah ASN boleh menjadi anggota partai politik?",
    "Apa sanksi PNS yang ikut kampanye?",
)

START = (
    "Halo, {name}! 👋\n\n"
    "Saya <b>Tanya ASN</b>, asisten yang menjawab pertanyaan tentang <b>netralitas dan disiplin ASN</b> "
    "dengan mengutip pasal peraturan apa adanya, lengkap dengan sumbernya.\n\n"
    "<b>Peraturan yang saya ketahui</b>\n{documents}\n\n"
    "<b>Contoh pertanyaan</b>\n{examples}\n\n"
    "Ketik pertanyaan Anda dengan bahasa sehari-hari. Bantuan: /help\n\n"
    "<i>{disclaimer}</i>"
)

HELP = (
    "<b>Cara bertanya</b>\n"
    "Tulis pertanyaan Anda seperti biasa, misalnya <i>“bolehkah PNS hadir di acara kampanye?”</i>. "
    "Saya menjawab dengan kutipan pasal yang relevan. Di bawah jawaban ada tombol:\n"
    "• <b>Teks lengkap</b> – seluruh pasal beserta Penjelasannya\n"
    "• <b>Sumber</b> – dokumen, statusnya, dan tautan resmi\n"
    "• <b>👍 / 👎</b> – beri tahu kami apakah jawaban membantu\n"
    "• <b>Buat draf jawaban</b> – draf balasan resmi untuk helpdesk\n\n"
    "<b>Perintah</b>\n"
    "/pasal &lt;rujukan&gt; – tampilkan satu pasal, mis. <code>/pasal PP 94/2021 5</code>\n"
    "/draf &lt;pertanyaan&gt; – draf jawaban resmi dengan dasar hukum\n"
    "/sumber – daftar peraturan dan artikel yang diindeks\n"
    "/help – bantuan ini\n\n"
    "Di grup, sebut saya (@{username}) atau balas pesan saya."
)

HELP_ADMIN = (
    "\n\n<b>Perintah admin</b>\n"
    "Kirim PDF dengan keterangan <code>PP 94 2021 Disiplin Pegawai Negeri Sipil</code> untuk menambah dokumen.\n"
    "/reindex – perbarui indeks di latar belakang (<code>/reindex penuh</code>: embed ulang semua)\n"
    "/status – versi indeks, dokumen, model, uptime\n"
    "/stats – statistik pertanyaan dan umpan balik 7 hari\n"
    "/cabut &lt;id&gt; &lt;oleh&gt; – tandai peraturan sudah dicabut"
)

# setMyCommands (shown in the Telegram menu).
COMMANDS = (
    ("start", "Mulai dan kenali Tanya ASN"),
    ("help", "Cara bertanya dan daftar perintah"),
    ("pasal", "Tampilkan pasal, mis. /pasal PP 94/2021 5"),
    ("draf", "Draf jawaban resmi untuk helpdesk"),
    ("sumber", "Daftar peraturan yang diindeks"),
)

# Buttons.
BTN_FULL = "📖 Teks lengkap"
BTN_SOURCES = "📚 Sumber"
BTN_UP = "👍"
BTN_DOWN = "👎"
BTN_DRAFT = "📝 Buat draf jawaban"
BTN_FEEDBACK_DONE = "✅ Terima kasih atas masukannya"
BTN_REINDEX = "🔄 Bangun ulang indeks"
BTN_CANCEL = "Batalkan"

# Answers.
ANSWER_HEADER = "<b>Jawaban</b>"
ANSWER_BASIS = "<b>Dasar hukum</b>"
ANSWER_READING = "<b>Bacaan</b>"
ANSWER_SEE_ALSO = "<b>Lihat juga</b>:"
ANSWER_SEE_ALSO_TEXT = "Lihat juga:"
CITED_ITEMS = "<b>Pasal yang dirujuk</b>"
ANSWER_REPEALED = "⚠️ {note}"
NOT_FOUND_HINT = (
    "Coba tulis ulang dengan kata kunci lain (mis. <i>kampanye</i>, <i>media sosial</i>, "
    "<i>partai politik</i>, <i>sanksi</i>) atau lihat /sumber."
)
STATUS_IN_FORCE = "✅ berlaku"
STATUS_REPEALED = "⛔ dicabut"
STATUS_REPEALED_BY = "⛔ dicabut oleh {by}"
ARTICLES_HEADER = "<b>Artikel pendukung</b>"
REGULATIONS_HEADER = "<b>Peraturan</b>"
SOURCES_HEADER = "<b>Sumber yang diindeks</b>"
SOURCES_OF_ANSWER = "<b>Sumber jawaban ini</b>"
OFFICIAL_LINK = "tautan resmi"
PENJELASAN = "<b>Penjelasan</b>"
PENJELASAN_INLINE = "Penjelasan:"
THINKING_FAILED = "Maaf, terjadi kendala saat mencari jawaban. Silakan coba lagi sebentar lagi."

# Bad or unusual input.
EMPTY_QUESTION = "Pesan Anda kosong. Silakan ketik pertanyaan tentang netralitas atau disiplin ASN. 🙂"
TOO_LONG = (
    "Pertanyaan Anda terlalu panjang ({length} karakter, maksimal {limit}). "
    "Mohon ringkas menjadi satu atau dua kalimat inti."
)
NON_TEXT = (
    "Terima kasih! Saat ini saya hanya bisa membaca pertanyaan berupa teks. "
    "Silakan ketik pertanyaan Anda, mis. <i>{example}</i>"
)
RATE_LIMITED = (
    "Mohon maaf, Anda mengirim terlalu banyak pertanyaan dalam waktu singkat "
    "(maksimal {limit} per menit). Silakan coba lagi dalam {wait} detik."
)
BUSY = "Server sedang sibuk melayani banyak pertanyaan. Silakan coba lagi sebentar lagi."
EXPIRED = "Jawaban ini sudah kedaluwarsa. Silakan ajukan pertanyaannya sekali lagi."
NOT_YOURS = "Tombol ini untuk penanya aslinya."
UNKNOWN_BUTTON = "Tombol ini tidak dikenal."
ERROR_USER = "Maaf, terjadi kesalahan di sistem kami. Tim sudah diberi tahu; silakan coba lagi."

# Feedback.
FEEDBACK_UP = "Terima kasih! 🙏"
FEEDBACK_DOWN = "Terima kasih, masukan Anda dicatat."
FEEDBACK_ASK_REASON = (
    "Apa yang kurang tepat dari jawaban tadi? Balas pesan ini dengan satu kalimat (boleh dilewati)."
)
FEEDBACK_REASON_THANKS = "Terima kasih, alasan Anda sudah kami catat dan akan ditinjau. 🙏"

# /pasal, /draf, /sumber.
PASAL_USAGE = "Tulis rujukan pasalnya, mis. <code>/pasal PP 94/2021 5</code> atau <code>/pasal UU 20/2023 9</code>."
PASAL_NOT_FOUND = "Pasal <b>{reference}</b> tidak ditemukan di indeks. Periksa nomornya atau lihat /sumber."
DRAF_USAGE = "Tulis pertanyaannya setelah perintah, mis. <code>/draf Bolehkah PNS menjadi pengurus partai?</code>"
DRAFT_HEADER = "<b>Draf jawaban</b> (silakan salin dan sesuaikan):"

# Admin.
ADMIN_ONLY = "Perintah ini khusus admin."
UPLOAD_ASK_CAPTION = (
    "PDF diterima. Kirim keterangannya dalam satu baris: <b>jenis nomor tahun judul</b>, mis. "
    "<code>PP 94 2021 Disiplin Pegawai Negeri Sipil</code>. Balas pesan ini."
)
UPLOAD_BAD_CAPTION = (
    "Keterangan tidak bisa dibaca. Tulis <b>jenis nomor tahun judul</b>, mis. "
    "<code>PP 94 2021 Disiplin Pegawai Negeri Sipil</code> (jenis: {jenis})."
)
UPLOAD_NOT_PDF = "Berkas ini bukan PDF. Kirim peraturan dalam format PDF."
UPLOAD_TOO_LARGE = "Berkas terlalu besar ({size_mb:.1f} MB, maksimal {limit_mb} MB)."
UPLOAD_REJECTED = "Berkas ditolak: {reason}"
UPLOAD_CHECKING = "⏳ Memeriksa dan mengindeks <b>{name}</b>…"
UPLOAD_FAILED = "❌ Gagal mengindeks <b>{name}</b>: {reason}"
UPLOAD_CANCELLED = "Unggahan dibatalkan."
REINDEX_STARTED = "⏳ Membangun ulang indeks… Bot tetap menjawab dari indeks lama sampai selesai."
REINDEX_PROGRESS = "⏳ Membangun ulang indeks… {progress}"
REINDEX_DONE = "✅ Indeks selesai dibangun ulang dalam {seconds:.0f} detik. {summary}"
REINDEX_FAILED = "❌ Pembangunan ulang indeks gagal: {reason}\nIndeks lama tetap dipakai."
REINDEX_RUNNING = "Pembangunan ulang indeks sedang berjalan; tunggu sampai selesai."
STATUS = (
    "<b>Status Tanya ASN</b>\n"
    "Indeks: {version}\n"
    "Dokumen: {documents} ({in_force} berlaku)\n"
    "Potongan teks: {chunks}\n"
    "Model embedding: <code>{model}</code>\n"
    "Aktif sejak: {since} (uptime {uptime})\n"
    "Pembangunan ulang: {reindex}"
)
STATS = (
    "<b>Statistik {days} hari terakhir</b>\n"
    "Pertanyaan: {questions} (tidak terjawab: {unanswered})\n"
    "Umpan balik: 👍 {up} · 👎 {down}\n"
    "{per_day}\n"
    "<b>Pertanyaan tak terjawab terbanyak</b>\n{top_unanswered}"
)
STATS_NONE = "–"
CABUT_USAGE = "Cara pakai: <code>/cabut &lt;id&gt; &lt;oleh&gt;</code>, mis. <code>/cabut pp-53-2010 pp-94-2021</code>."
CABUT_DONE = "✅ {name} ditandai <b>dicabut</b> oleh {by}. Jawaban berikutnya akan memberi peringatan."
CABUT_FAILED = "❌ Gagal menandai dicabut: {reason}"
OPERATOR_ERROR = "⚠️ Tanya ASN: kesalahan saat memproses update: <code>{error}</code>"

# Plain-text answers (bot/answer.py: CLI, JSON `answer`, logs, helpdesk drafts). Telegram adds its own HTML.
ANSWER_DISCLAIMER_TEXT = (
    "Jawaban otomatis, bukan nasihat hukum resmi; kasus konkret: tanyakan BKPSDM/kepegawaian instansi Anda "
    "atau Bawaslu."
)
ANSWER_DISCLAIMER_TEXT_PERSONNEL = (
    "Jawaban otomatis, bukan nasihat hukum resmi; penafsiran resmi: Kantor Regional BKN atau Bawaslu."
)
# a question about a kepala desa, perangkat desa, TNI or Polri: not a matter for a personnel office
ANSWER_DISCLAIMER_TEXT_OUTSIDER = (
    "Jawaban otomatis, bukan nasihat hukum resmi; kasus konkret: tanyakan atau laporkan ke Bawaslu/Panwaslu "
    "setempat."
)
ANSWER_NOT_FOUND_LEAD = (
    "Maaf, saya tidak menemukan ketentuan dalam peraturan yang saya ketahui yang menjawab "
    "pertanyaan ini secara langsung."
)
ANSWER_NOT_FOUND_UNKNOWN_DOC = (
    "Dokumen {names} belum ada dalam daftar peraturan yang saya ketahui, jadi saya tidak bisa mengutipnya."
)
# "menurut Perwali …", "lampiran Peraturan BKN": a kind of regulation of which nothing is indexed.
ANSWER_NOT_FOUND_UNHELD_KIND = (
    "Tanya ASN belum memuat {names} apa pun, jadi isinya tidak bisa saya kutip atau pastikan. Naskah "
    "resminya dapat dicari di JDIH instansi yang menerbitkannya."
)
# A regulation the project's catalogue lists but whose text is not indexed (bot/manifest.py).
ANSWER_NOT_INDEXED = (
    "{name} tentang {title} ada dalam daftar peraturan resmi, tetapi naskahnya belum dimuat di Tanya ASN.{where}"
)
ANSWER_NOT_INDEXED_WHERE = " Naskah resmi: {url}"
# The question is about the topic of a catalogued regulation whose text is not indexed (bot/manifest.py).
ANSWER_RELATED_NOT_INDEXED = (
    " Catatan: ada juga {name} tentang {title}, yang naskahnya belum dimuat di Tanya ASN; bila pertanyaan Anda "
    "menyangkut hal itu, periksa juga naskah resminya.{where}"
)
# … before a lead that only quotes (no verdict): the rule written for the case comes first, the general one after
ANSWER_RELATED_NOT_INDEXED_FIRST = (
    "{name} tentang {title} mengatur hal ini secara khusus, tetapi naskahnya belum dimuat di Tanya ASN; periksa "
    "naskah resminya.{where}"
)
ANSWER_RELATED_GENERAL = " Ketentuan umum yang dimuat: "
ANSWER_NOT_FOUND_UNREADABLE_PASAL = (
    "Teks {reference} dalam salinan yang dimuat tidak terbaca (rusak saat pemindaian), jadi saya tidak bisa "
    "mengutip atau menyimpulkan isinya; periksa naskah resminya."
)
ANSWER_NOT_FOUND_MISSING_PASAL = (
    "{reference} tidak ada dalam teks peraturan yang saya ketahui, jadi saya tidak bisa mengutipnya."
)
# One decline per reason retrieval gives (bot/retrieve.py `_decide`): what is and is not in the sources.
ANSWER_NOT_FOUND_BELOW_THRESHOLD = (
    "Maaf, saya tidak menemukan ketentuan yang cukup dekat dengan pertanyaan ini dalam peraturan yang saya "
    "ketahui, jadi saya tidak menjawabnya agar tidak menyesatkan."
)
ANSWER_NOT_FOUND_DETAIL = (
    "Saya tidak menemukan {what} yang Anda tanyakan dalam teks peraturan yang dimuat, jadi saya tidak akan "
    "menebaknya."
)
ANSWER_NOT_FOUND_DETAIL_NEAREST = (" Ketentuan terdekat yang saya temukan: {label}; {what} tidak ditemukan dalam teks "
                                   "yang dimuat.")
ANSWER_NOT_FOUND_DETAIL_WHAT = {"waktu": "batas atau jangka waktu", "persen": "persentase", "uang": "jumlah uang",
                                "rupiah": "jumlah rupiah", "tanggal": "tanggal pastinya", "angka": "angka atau jumlah"}
ANSWER_NOT_FOUND_CASE_OUTCOME = (
    "Yang saya muat adalah teks peraturan dan beberapa artikel, bukan hasil penanganan kasus tertentu, jadi "
    "saya tidak bisa memastikan sanksi apa yang akhirnya dijatuhkan. Hasil resmi kasus dapat ditanyakan ke "
    "Bawaslu setempat, BKN, atau instansi tempat ASN itu bekerja."
)
ANSWER_NOT_FOUND_EMPTY = "Pertanyaannya kosong atau tidak dapat saya baca. Silakan tulis pertanyaan Anda."
ANSWER_NOT_FOUND_SUGGEST = (
    "Silakan tanyakan langsung ke BKPSDM/bagian kepegawaian instansi Anda; untuk pengawasan "
    "netralitas dalam pemilu/pilkada, ke Bawaslu setempat."
)
# Whom to ask depends on what was asked: the election body for its own schedule and rules, the
# regional government for its own regulations, the personnel office for everything else.
ANSWER_NOT_FOUND_SUGGEST_OUTSIDER = (
    "Silakan tanyakan atau laporkan ke Bawaslu/Panwaslu setempat, yang mengawasi netralitas kepala desa, "
    "perangkat desa, TNI dan Polri dalam pemilu/pilkada."
)
ANSWER_NOT_FOUND_SUGGEST_ELECTION = (
    "Untuk jadwal, tahapan dan aturan teknis pemilu/pilkada, tanyakan ke KPU setempat (atau lihat keputusan "
    "dan peraturan KPU di jdih.kpu.go.id); untuk pengawasan netralitas, ke Bawaslu setempat."
)
ANSWER_NOT_FOUND_SUGGEST_PERSONNEL = (
    "Untuk penafsiran resmi, konsultasikan ke Kantor Regional BKN (atau BKN pusat); untuk pengawasan "
    "netralitas dalam pemilu/pilkada, ke Bawaslu setempat."
)
ANSWER_NOT_FOUND_SUGGEST_REGIONAL = (
    "Untuk peraturan kepala daerah (Perwali, Perbup, Pergub) dan TPP daerah, tanyakan ke BKPSDM atau Bagian "
    "Hukum pemerintah daerah Anda; naskahnya biasanya ada di JDIH daerah."
)
ANSWER_BASIS_HEADER = "Dasar hukum:"
ANSWER_READING_HEADER = "Bacaan:"
ANSWER_PENJELASAN = "Penjelasan"
ANSWER_STATUS_IN_FORCE = "berlaku"
# in the BAB "Ketentuan Peralihan": in force, but it governs how a change applies, not the conduct asked about
ANSWER_STATUS_TRANSITIONAL = "berlaku, ketentuan peralihan"
ANSWER_STATUS_ARTICLE = "artikel"
ANSWER_DRAFT_OPENING = (
    "Menanggapi pertanyaan Saudara/i mengenai {topic}, dengan hormat kami sampaikan hal-hal sebagai berikut."
)
ANSWER_DRAFT_BASIS_INTRO = "Berdasarkan ketentuan peraturan perundang-undangan yang berlaku:"
ANSWER_DRAFT_STATES = "{n}. {label}{note} menyatakan: \u201c{quote}\u201d"
DRAFT_CONCLUSION_FORBIDDEN_LEVEL = (
    "Dengan demikian, perbuatan tersebut dilarang bagi {subject}, dan pelanggarannya diancam hukuman disiplin "
    "tingkat {level}."
)
DRAFT_CONCLUSION_FORBIDDEN = "Dengan demikian, perbuatan tersebut dilarang bagi {subject}."
DRAFT_CONCLUSION_LEVEL = "Dengan demikian, pelanggaran tersebut diancam hukuman disiplin tingkat {level}."
DRAFT_CONCLUSION_GENERAL = "Dengan demikian, hal tersebut berlaku sebagaimana ketentuan yang kami kutip di atas."
ANSWER_DRAFT_NOT_FOUND = (
    "Berdasarkan penelusuran kami atas peraturan perundang-undangan yang tersedia, belum ditemukan "
    "ketentuan yang secara langsung mengatur hal tersebut. Kami menyarankan Saudara/i untuk "
    "berkonsultasi dengan BKPSDM/bagian kepegawaian instansi masing-masing atau Bawaslu setempat."
)
ANSWER_DRAFT_CLOSING = "Demikian kami sampaikan. Atas perhatian Saudara/i, kami ucapkan terima kasih."

# Per-pasal status of the consolidated law (indexer/consolidate.py), one line under a pasal's title.
PASAL_HISTORY_CHANGED = "diubah terakhir oleh {act}"
PASAL_HISTORY_INSERTED = "disisipkan oleh {act}"
PASAL_HISTORY_DELETED = "dihapus oleh {act}"
PASAL_HISTORY_REPEALED = "dicabut bersama {doc}"
PASAL_HISTORY_REPEALED_BY = "dicabut oleh {act}"
PASAL_HISTORY_REPLACED = "teks ini sudah diganti; yang berlaku: {current}"
PASAL_HISTORY_KEPT = "tetap berlaku berdasarkan {clause}"
PASAL_HISTORY_NOT_YET = "belum berlaku; lihat {clause}"

# Small talk (greetings, thanks): a friendly reply, no search, no feedback buttons.
SMALLTALK_THANKS = "Sama-sama! 🙏 Silakan bertanya lagi kapan saja tentang netralitas atau disiplin ASN."
SMALLTALK_HELLO = (
    "Halo! 👋 Saya Tanya ASN. Silakan tanyakan aturan netralitas atau disiplin ASN, "
    "mis. \u201cboleh gak PNS like postingan caleg di IG?\u201d"
)

# Lead sentences by question kind (bot/lead.py). {label} is a citation label, {what} the law's words.
LEAD_NOT_ALLOWED = "Tidak boleh"  # before the sanction when "boleh?" was asked first
LEAD_FORBIDDEN = "Tidak boleh. {subject} dilarang {what} ({label})."
LEAD_FORBIDDEN_EXCEPT = "Tidak boleh, kecuali {exception}. {subject} dilarang {what} ({label})."
LEAD_FORBIDDEN_SANCTION = " Pelanggarannya diancam hukuman disiplin {level} ({label})."
LEAD_OTHER_ELECTION = (
    "{label} melarang PNS mendukung calon Presiden/Wakil Presiden, Kepala Daerah/Wakil Kepala Daerah, DPR, DPD "
    "dan DPRD; {election} tidak disebut di situ, jadi aturan yang dimuat tidak menjawab langsung. Tanyakan ke "
    "BKPSDM atau Inspektorat instansi Anda, dan tetap jaga netralitas dalam pelayanan."
)
LEAD_FORBIDDEN_CRIMINAL = " Pelanggarannya diancam {what} ({label})."
LEAD_OBLIGED = "Ya, ada kewajibannya: {what} ({label})."  # to "wajibkah …?"
# to "boleh …?" / "cukup … saja?" answered by a duty: a "Ya" would read as "yes, allowed"
LEAD_DUTY = "Yang diwajibkan: {what} ({label})."
LEAD_RIGHT = "Ya. {what} ({label})."
LEAD_PENALISED = "Tidak boleh: {what} ({label})."  # the law attaches a penalty to the act asked about
LEAD_PUNISHED = "Ya, bisa: {what} ({label})."  # "… kena juga ga?" about an act the law punishes
LEAD_NOT_POSSIBLE = "Tidak bisa: {what} ({label})."
LEAD_ALLOWED_IF = "Boleh, dengan syarat: {what} ({label})."
LEAD_SANCTION_LEVEL = "Hukuman disiplin {level} ({label})"
LEAD_SANCTION_LEVELS = ("Tergantung bentuk perbuatannya: hukuman disiplin {level} bila {what} ({label}); "
                        "hukuman disiplin {level2} bila {what2} ({label2}).")
LEAD_SANCTION_FOR = ", untuk pelanggaran larangan {what} ({label})."
LEAD_SANCTION_FOR_SELF = ", untuk pelanggaran larangan {what}."
LEAD_SANCTION_ROW = ": {what}."  # a row of a graded obligation (absence by days), in the law's words
LEAD_LEVEL_KINDS = "Jenis hukuman disiplin {level}: {items} ({label})."
LEAD_KEPT_IF_NOT_CONTRARY = "{old} {note}; bila keduanya berbeda, yang dipakai ketentuan {law}."
KEPT_IF_NOT_CONTRARY = "berlaku sepanjang tidak bertentangan dengan {law} (Pasal {pasal})"
LEAD_NOT_YET_MEANWHILE = "Ketentuan ini belum berlaku ({clause}): {meanwhile} ({label})."
LEAD_LEVEL_KINDS_NOT_YET = "Jenis hukuman disiplin {level} dalam {label} belum berlaku: {meanwhile} ({label2})."
LEAD_SANCTION_KINDS = "Hukuman disiplin {level} terdiri atas: {items} ({label})."
LEAD_CRIMINAL = "Ancaman pidananya: {what} ({label})."
LEAD_GROUP_RULE = " Selain itu, {what} ({label})."
LEAD_ALSO_DISCIPLINE = " Selain itu, bagi PNS perbuatan itu diancam hukuman disiplin {level} ({label})."
LEAD_SANCTION_TEXT = "Sanksinya menurut {label}: {what}."
LEAD_AUTHORITY = "Yang berwenang menurut {label}: {what}."
LEAD_AUTHORITY_LEVELS = " Artinya: hukuman disiplin {levels}."
LEAD_AUTHORITY_OTHER = " Untuk hukuman disiplin {levels}: {who}, bagi {whom} ({label})."
LEAD_NUMBER = "{amount} ({label}): {what}."
LEAD_OLD_FIGURE = " Sebelumnya {amount} ({label})."  # a repealed figure, after the one in force
# "berlaku bagi CPNS?" and "bener CPNS bebas?" alike: the verdict names the group, never a bare "Ya"
LEAD_COVERAGE_NAMED = "Berlaku juga bagi {group}: {group} disebut tegas dalam {label}: {what}."
LEAD_COVERAGE_NAMED_ONLY = "{group} disebut tegas dalam {label}: {what}."
LEAD_COVERAGE_ASN = "Berlaku juga bagi {group}: {label} mengatur Pegawai ASN, yaitu PNS dan PPPK: {what}."
LEAD_COVERAGE_OPEN = "{label} mengatur {subject}; {group} tidak disebut tegas di situ: {what}."
# a PPPK asking, and the rule quoted first is of a regulation whose title binds PNS only
LEAD_PNS_ONLY = " Catatan: {doc} ({title}) mengatur PNS; PPPK tidak disebut di dalamnya."
LEAD_REPEALED = "{old} sudah dicabut oleh {new} dan tidak berlaku lagi."
LEAD_REPEALED_EXCEPT = "{old} sudah dicabut oleh {new}, kecuali {items}."
KEPT_IN_FORCE_ITEM = "{item}, yang tetap berlaku berdasarkan {by}"
LEAD_REPEALED_NOW = " Aturan yang berlaku sekarang: {label}: {what}."
# the nearest rule of the new act is its transitional clause: it settles how the change applies (cases
# pending, sanctions already imposed, rules kept until another act comes); never "the rule now"
LEAD_REPEALED_TRANSITION = " Ketentuan peralihan {new} mengatur: {label}: {what}."
LEAD_IN_FORCE = "{doc} masih berlaku."
STATUS_STILL_IN_FORCE = "Ya, {doc} masih berlaku. "  # the act asked about is in force; a repeal named is the premise
# The plain answer first when the user asks yes or no ("masih berlaku?", "sudah dicabut?")
STATUS_ANSWER = {("still", "repealed"): "Tidak. ", ("still", "partly"): "Sebagian besar tidak. ",
                 ("still", "in_force"): "Ya. ", ("repealed", "repealed"): "Ya. ",
                 ("repealed", "partly"): "Ya, sebagian besar. ", ("repealed", "in_force"): "Belum. "}
LEAD_DEFINITION = "{term} adalah {what} ({label})."
LEAD_LIST = "Menurut {label}, rinciannya (lihat kutipan): {what}"
LEAD_LOOKUP = "Bunyi {label} ({status}):"
LEAD_LOOKUP_UNREAD = ("{Item} {pasal} tidak terbaca sebagai butir tersendiri dalam naskah yang dimuat (hasil pindai); "
                      "berikut {pasal} ({status}) sebagaimana terbaca — cari {item} di dalamnya atau periksa naskah "
                      "resmi:")
LEAD_GENERAL = "Menurut {label}: {what}."
# A prohibited way with no sanction level of its own (PP 94/2021 Pasal 5 huruf n angka 1) and the levels of the others
LEVELS_ELSEWHERE = ("Tingkat hukuman disiplin untuk cara ini ({label}) tidak ditetapkan tersendiri; yang ditetapkan: "
                    "{levels}.")
LEVELS_ELSEWHERE_ONE = "{level} bila {way} ({label})"
LEVELS_ELSEWHERE_ANGKA = "dengan cara angka {numbers}"
LEAD_ALSO = "{what} ({label})."  # another ask of the question, answered by another ayat of the same pasal
LEAD_GENERAL_LONG = "Hal ini diatur dalam {label} (kutipan di bawah)."
# Said only of a figure (a deadline, a count): a rule either states one or it does not. Graders found the same
# hedge about permission, authority or coverage false 8 times in 9 — the cited text or its neighbours held it.
LEAD_OPEN = " {aspect} tidak disebut dalam ketentuan yang dikutip; tanyakan ke {whom}."
LEAD_OPEN_WHOM = "BKPSDM/kepegawaian instansi Anda"
# the asker is the personnel office itself (BKPSDM, BKD, biro kepegawaian): the next step up is BKN
LEAD_OPEN_WHOM_PERSONNEL = "Kantor Regional BKN"
LEAD_OPEN_ASPECT = {"number": "Angka atau batas waktunya"}
LEAD_ARTICLE = "Menurut artikel \u201c{title}\u201d: {what}."
DRAFT_TOPIC = {
    "permission": "boleh tidaknya {subject} {what}",
    "obligation": "kewajiban terkait {what}",
    "sanction": "sanksi atas pelanggaran tersebut",
    "authority": "pejabat yang berwenang dalam hal tersebut",
    "number": "batas waktu atau jumlah yang diatur",
    "procedure": "tata cara yang berlaku",
    "coverage": "berlakunya ketentuan tersebut bagi {group}",
    "status": "status berlakunya peraturan tersebut",
    "definition": "pengertian istilah tersebut",
    "list": "rincian ketentuan tersebut",
    "lookup": "bunyi {label}",
    "other": "ketentuan yang mengatur hal tersebut",
}

# Upload status, admin queueing, helpdesk drafts, Teks lengkap (issue 12).
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
