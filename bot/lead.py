"""The first sentence of an answer: it answers the kind of question asked, from the cited items.

"Boleh?" gets "Tidak boleh. PNS dilarang … (Pasal 5 huruf n angka 2)" only when the quoted rule says
*dilarang*, and the sanction level the law attaches to it (followed through the law's own reference,
Pasal 13/14 → Pasal 5) when found; "sanksinya?" gets the level or the criminal threat first;
"siapa yang berwenang?", "paling lambat berapa hari?", "berlaku juga bagi PPPK?", "masih berlaku?",
"apa pengertian …?" each get the part of the rule that answers them. Every piece of law in the lead
is a whole item or clause of a cited quote (readable form), never a cut-off copy; where the cited
rule does not settle the question, the lead says what it states and what it leaves open.
Pure functions; the wording lives in bot/messages.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextvars import ContextVar
from functools import lru_cache

from bot import messages as M
from bot.kinds import Kind
from bot.query import Query, asker_is_personnel_office, asks_more_than_status, tells_past_case
from indexer.types import Document

_MARKER_RE = re.compile(
    r"^\s*(?:#+\s*)?(?:(?:Ayat|Huruf|Angka)\s+\(?\w{1,2}\)?\s+)*(?:\(\d+\)\.?|\d+\.|[a-z]\.)?[\s.]*")
_TAIL_RE = re.compile(r"[\s;,:.]*(?:\b(?:dan/atau|dan|atau)\s*)?[\s;,:.]*$")
_LEVEL_RE = re.compile(r"Hukuman\s+Disiplin\s+(ringan|sedang|berat)\b", re.IGNORECASE)
# a threat states its measure ("pidana penjara paling singkat …"); "dipidana dengan pidana penjara
# berdasarkan putusan …" is a condition (a ground for dismissal), not a threat
_CRIMINAL_RE = re.compile(r"dipidana\s+dengan\s+(pidana\s+(?:penjara|kurungan)\s+(?:paling|selama)\b"
                          r"(?:[^.;]|(?<=\d)\.(?=\d))*)", re.IGNORECASE)
_AMOUNT_RE = re.compile(
    r"\b(?:(?:paling\s+(?:lambat|lama|singkat|sedikit|banyak|rendah|tinggi|kurang|cepat)|selama|sejak|"
    r"dalam\s+jangka\s+waktu)\s+)?"
    r"(?:\d[\d.]*\s*(?:\([a-z ]+\)\s*)?(?:hari\s+kerja|hari|bulan|tahun|persen|%|kali|orang)(?!\s*\d{4})"
    r"|Rp\s?[\d.,]+(?:,00)?(?:\s*\([^)]*\))?)"
    r"|\b(?:sejak|sampai\s+dengan|terhitung\s+mulai|paling\s+lambat\s+pada\s+saat)\s+[^,;.]{3,60}",
    re.IGNORECASE,
)
_AUTHORITY_RE = re.compile(r"\b(berwenang|menetapkan|(?:ditetapkan|dinyatakan|diberikan|ditandatangani|dibentuk)"
                           r"\s+oleh|mengangkat|diangkat\s+oleh|menjatuhkan|dijatuhkan\s+oleh|memberikan\s+cuti|"
                           r"membentuk)\b", re.IGNORECASE)
_DEFINITION_RE = re.compile(
    r"[Yy]ang\s+dimaksud\s+(?:dengan\s+)?[\"“'‘]?(?P<term>[^\"”'’]{2,80}?)[\"”'’]?\s+(?:adalah|ialah|yaitu|meliputi|termasuk)\s+"
    r"(?P<what>[^.]{5,400})"
    r"|^(?P<term2>[A-Z][^,.;:]{2,80}?)(?:,?\s+yang\s+selanjutnya\s+disingkat\s+\w+,?)?\s+adalah\s+(?P<what2>[^.;]{5,400})"
)
# the groups a question may ask about, most specific first: "sa guru PPPK … bukan PNS" asks about PPPK
_GROUPS = (("PPPK", r"PPPK|P3K"), ("CPNS", r"CPNS"), ("honorer", r"honorer"), ("non-ASN", r"non[- ]?ASN"),
           ("TNI", r"TNI"), ("Polri", r"Polri"), ("kepala desa", r"kepala desa"), ("kades", r"kades"),
           ("pejabat negara", r"pejabat\s+negara"), ("dosen", r"dosen"), ("guru", r"guru"), ("PNS", r"PNS"),
           ("ASN", r"ASN"))
_GROUP_RES = tuple((name, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)) for name, pattern in _GROUPS)
# how the law names each group
GROUP_NAMED = dict(_GROUP_RES) | {
    "CPNS": re.compile(r"\b(?:CPNS|calon\s+PNS|calon\s+pegawai\s+negeri\s+sipil)\b", re.IGNORECASE),
    "PPPK": re.compile(r"\b(?:PPPK|pegawai\s+pemerintah\s+dengan\s+perjanjian\s+kerja)\b", re.IGNORECASE)}
_REPEAL_RE = re.compile(r"dicabut\s+dan\s+dinyatakan\s+tidak\s+berlaku", re.IGNORECASE)


# --------------------------------------------------------------------------- the law's words


def words(text: str) -> str:
    """An item's words without its marker and its trailing "; dan" ("PNS dilarang …")."""
    text = re.sub(r"\s+", " ", _MARKER_RE.sub("", text, count=1)).strip()
    return _TAIL_RE.sub("", text).strip()


def _fits(text: str) -> bool:
    return len(text) > 0


# the law's words in a lead stop at a clause boundary near this length, marked "…". 200 cut "d. menjaga netralitas"
# and "… dijatuhi Hukuman Disiplin oleh atasannya" off leads; 280 lengthens 55 of 976 read leads, median +12 chars
GIST = 280
KEEP_STRETCH = 2.5  # … or run this many times longer when the rest holds what the user asked about


_LIST_RE = re.compile(r"(?P<first>[^,;:]{3,80}), (?:[^,;:]{3,80}, )+(?P<last>(?:dan|atau|dan/atau) [^,;:]{3,80}?)"
                      r"(?=\s(?:dengan|yang|untuk|sebagaimana|dalam|sejak)\b|[,;:.]|$)")


# The words the user asked about (their stems), while a lead is written: a shortened quote never
# drops them ("… anggota Partai Politik, tim kampanye, dan relawan" when the question names relawan).
_KEEP: ContextVar[frozenset[str]] = ContextVar("keep", default=frozenset())


def _holds_kept(text: str) -> bool:
    keep = _KEEP.get()
    if not keep:
        return False
    from bot.retrieve import tokenize

    return bool(keep & set(tokenize(text)))


def compress_lists(text: str) -> str:
    """"calon Presiden/Wakil Presiden, calon Kepala Daerah/…, atau calon anggota DPRD" → its first and
    last member around "…": long enumerations hide what a sentence says (unless a member left out is
    what the user asked about)."""
    out, at = [], 0
    for start, first_end, last_start, end in _lists_in(text):
        whole, middle = text[start:end], text[first_end:last_start]
        short = whole if len(whole) <= 90 or _holds_kept(middle) else \
            f"{text[start:first_end]}, …, {text[last_start:end]}"
        out += [text[at:start], short]
        at = end
    return "".join([*out, text[at:]])


@lru_cache(maxsize=8192)
def _lists_in(text: str) -> tuple[tuple[int, int, int, int], ...]:
    """Where _LIST_RE matches (start, end of first, start of last, end): the search is the costly
    part, and the same quotes come back for every question about their pasal."""
    return tuple((m.start(), m.end("first"), m.start("last"), m.end()) for m in _LIST_RE.finditer(text))


_DANGLING_MARK_RE = re.compile(r"[:;]?\s+(?:dan\s+|atau\s+)?(?:[a-z]|\d{1,2}|\(\d{1,2}\))\s?\.?$")


def gist(text: str, limit: int = GIST) -> str:
    """The law's words up to a clause boundary ("…, " "; " " yang ") when long; the omission is marked.
    When what follows the cut holds a word the user asked about (or the figure asked for), the
    sentence is kept whole up to KEEP_STRETCH times the limit: a lead never stops just before its answer."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > limit:
        text = compress_lists(text)
    if len(text) <= limit:
        return text
    if len(text) <= KEEP_STRETCH * limit and _holds_kept(text[limit // 2:]):
        return text
    window = text[: limit + 1]
    cuts = [m.start() for m in re.finditer(r"[,;]\s|\s(?:yang|dengan|dan|atau|untuk|kepada|sebagaimana)\s", window)
            if m.start() >= 50]
    cut = cuts[-1] if cuts else len(window.rsplit(" ", 1)[0])
    kept = _DANGLING_MARK_RE.sub("", text[:cut])  # never end on the "a." of a list that follows
    return re.sub(r"(?:\s*…)+", " …", kept.rstrip(" ,;:") + " …")


def body(c) -> str:
    return gist(words(c.shown_quote))


def parent_words(c) -> str:
    """The item's parent ("n. memberikan dukungan kepada calon …, … dengan cara:"), shortened to its
    first clause and its last words when long, for "… dengan cara ikut kampanye"."""
    items = [x for x in c.lead_in_display if not re.search(r"\bdilarang\s*:?\s*$", x)]
    if not items:
        return ""
    text = words(items[-1])
    # "memberikan dukungan kepada calon …, … dengan cara"; the member the question is about, when the
    # lead-in kept it (bot/answer.py shorten_lead_in), stays
    if len(text) > 90 and "," in text and not (", …, " in text and len(text) <= 140):
        text = f"{text.split(',', 1)[0]}, … {' '.join(text.split()[-2:])}"
    return text


_AYAT_START_RE = re.compile(r"^\s*\(\d+\)")


def _openings(c) -> list[str]:
    """The openings above the quoted item that govern it: a quoted ayat "(2) …" is not governed by the
    text of its sibling "(1) … dilarang melibatkan: …" that may be shown above it for context."""
    if not _AYAT_START_RE.match(c.shown_quote or ""):
        return list(c.lead_in_display)
    return [x for x in c.lead_in_display if not _AYAT_START_RE.match(x)]


_CONDITION_RE = re.compile(
    r"\b(?P<cond>(?:dengan\s+(?:mengajukan\s+)?(?:izin|persetujuan)|setelah\s+mendapat(?:kan)?\s+(?:izin|persetujuan)|"
    r"(?:harus|wajib)\s+mendapat(?:kan)?\s+(?:izin|persetujuan)|dengan\s+mengajukan|kecuali\s+(?:telah\s+)?"
    r"mendapat(?:kan)?\s+(?:izin|persetujuan)|harus\s+memenuhi\s+(?:ketentuan|syarat|persyaratan))[^.;]*)",
    re.IGNORECASE)


def allowed_if(c) -> str | None:
    """The condition under which the quoted item allows the act ("dapat ikut dalam kampanye dengan
    mengajukan izin kampanye", "… harus mendapatkan persetujuan tertulis dari Menteri"): the
    permission is the item's own wording, never inferred from a neighbour."""
    own = words(c.shown_quote)
    m = _CONDITION_RE.search(own)
    if m is None:
        return None
    if re.search(r"\bdilarang\b", own[:m.start()]) and not re.search(r"\bkecuali\b", m.group("cond"), re.IGNORECASE):
        return None  # "dilarang … dengan izin atasan": the prohibition, not a permission
    return gist(own, 220)


_TIME_WORDS = frozenset({"selama", "masa", "saat", "waktu", "ketika", "setelah", "sebelum", "sesudah", "pada"})


def _asks_the_allowed_act(c, question: str) -> bool:
    """The "boleh …?" of the question is about the act the item allows, not about something its
    conditions forbid: "selama cuti msh boleh pake mobil dinas?" under "yang mencalonkan kembali …
    selama masa kampanye harus memenuhi ketentuan: a. cuti …; b. dilarang menggunakan fasilitas …"
    gets no "Boleh". The allowed act is the item's words before its condition."""
    from bot.retrieve import tokenize

    asks = [p for p in re.split(r"(?<=[?.!])\s+", question) if re.search(r"\b(boleh|bisa|dapat|aman)\b", p, re.I)]
    if not asks:
        return True
    own = words(c.shown_quote)
    m = _CONDITION_RE.search(own)
    act = set(tokenize(own[: m.start()] if m else own)) - _TIME_WORDS
    return bool((topic_stems(asks[-1]) - _TIME_WORDS) & act)


def _about_asker(c) -> bool:
    """The item's subject (its words before "dapat / harus / wajib") names something the question
    names: "Gubernur … dapat ikut dalam kampanye dengan izin" is no "Boleh" for a question about a
    head of a health centre forbidding nurses to vote."""

    asked = _KEEP.get()
    if not asked:
        return True
    subject = re.split(r"\s(?:dapat|harus|wajib|berhak|dilarang)\s", words(c.shown_quote), maxsplit=1)[0]
    # "Gubernur, Bupati, atau Walikota yang akan melakukan penggantian pejabat …": an official the question does
    # not name is not the asker because the clause describing his act shares a word ("ganti guru yg pensiun")
    head = re.split(r"\s+yang\s", subject, maxsplit=1)[0]
    if _OFFICIAL_RE.search(head) and not _names(asked, head):
        return False
    return _names(asked, subject)


_OFFICIAL_RE = re.compile(r"\b(?:Gubernur|Bupati|Wali\s?kota|Menteri|Presiden|Calon|KPU|Bawaslu|Panwaslu|"
                          r"Kepala\s+Daerah|Pejabat)\b")


def _names(asked: frozenset[str] | set[str], text: str) -> bool:
    from bot.retrieve import tokenize

    joined = re.sub(r"\W+", "", text.lower())  # "wali kota" asked, "Walikota" written
    return bool(asked & set(tokenize(text))) or any(len(w) >= 4 and w in joined for w in asked)


_LIST_MARK_RE = re.compile(r"(?:(?<=[:;])|(?<=\sdan)|(?<=\satau))\s*(?:[a-z]|\d{1,2})\s?\.\s+")


def forbidden(c) -> tuple[str, str] | None:
    """(subject, what is forbidden) when the quoted item or its opening says *dilarang* — not when the
    prohibition is one of the conditions under which the item allows the act ("… harus memenuhi
    ketentuan: a. cuti …; b. dilarang menggunakan fasilitas …")."""
    own = body(c)
    cond = _CONDITION_RE.search(own)
    if cond is not None and re.search(r"\bdilarang\b", own[cond.start():]) \
            and not re.search(r"\bdilarang\b", own[:cond.start()]):
        return None
    # "… semua pihak yang dilarang ikut serta …" describes, it does not prohibit: not after "yang"
    # (the substring test first: without the word the search is quadratic in the quote's length)
    # "… dilarang melibatkan: a. pejabat BUMN; b. ASN …; dan c. Kepala Desa …": the list is what is forbidden
    own = _LIST_MARK_RE.sub(" ", own) if re.search(r"\bdilarang\b[^.;]*:", own) else own
    m = re.search(r"([^.;:]*?)\s*(?<!\byang\s)\bdilarang\b\s*:?\s*([^.;]*(?:;[^.;]*)*)", own) \
        if "dilarang" in own else None
    if m and len(m.group(2).strip()) >= 12:  # not just the "a" of a list that follows
        # "b. dilarang menggunakan fasilitas …": the subject is in the opening above the item
        openings = [x for x in _openings(c) if not re.search(r"\bdilarang\b", x)]
        if ":" in own[:m.start(2)]:  # "… yang mencalonkan kembali … harus memenuhi ketentuan: … b. dilarang …"
            openings = [own[:own.find(":")]]
        opening = re.split(r",?\s(?:harus|wajib|dapat)\s", words(openings[-1]))[0] if openings else ""
        subject = words(m.group(1)) or gist(opening, 120) or "Pegawai"
        return (gist(subject, 100), gist(m.group(2).strip(), 150))
    context = "" if _AYAT_START_RE.match(c.shown_quote or "") else (c.chunk.context or "")
    for text in [*_openings(c), context]:
        if "dilarang" not in text:
            continue
        whole = re.search(r"([^.;:]{0,60}?)\s*\bdilarang\b\s*:?\s*([^.;:…]*)", text)
        if whole and len(whole.group(2).strip()) >= 12:
            # the opening states the whole prohibition ("PNS dilarang menjadi anggota … partai politik.")
            subject = re.sub(r"^Pasal\s+\w+:\s*", "", whole.group(1)).strip() or "Pegawai"
            return (gist(subject, 100), gist(whole.group(2).strip(), 150))
        m = re.search(r"([^.;:]{0,60}?)\s*\bdilarang\b", text)
        if m:
            subject = re.sub(r"^Pasal\s+\w+:\s*", "", m.group(1)).strip() or "Pegawai"
            parent = parent_words(c)
            if re.search(r"\bdilarang\b", parent):  # the opening already said who is barred
                parent = re.split(r"\bdilarang\b\s*", parent, maxsplit=1)[1]
            limit = 140 if ", …, " in parent else 90  # a member of the list kept for the question
            return (subject, f"{gist(parent, limit)} {gist(own, 120)}".strip() if parent else gist(own, 150))
    return None


def criminal(c) -> str | None:
    m = _CRIMINAL_RE.search(re.sub(r"\s+", " ", c.shown_quote))
    return words(m.group(1)) if m else None


_UNITS = {"hari": r"hari", "bulan": r"bulan", "tahun": r"tahun", "persen": r"persen|%", "rp": r"Rp",
          "orang": r"orang", "kali": r"kali", "kapan": r"hari|bulan|tahun|sejak|sampai|terhitung",
          # "sampai kapan?" asks where a period ends, "sejak/mulai kapan?" where it starts
          "sampai": r"sampai|hingga", "sejak": r"sejak|mulai|terhitung"}
_UNTIL_RE = re.compile(r"\b(?:sampai|sampe|hingga|ampe)\s+kapan\b", re.IGNORECASE)
_SINCE_RE = re.compile(r"\b(?:sejak|mulai|dari)\s+kapan\b|\bkapan\s+(?:mulai|mulainya|berlaku|berlakunya)\b",
                       re.IGNORECASE)
# "6 (enam) bulan sebelum tanggal penetapan …", "hari ke-15 (lima belas) sejak diterima"
_RELATIVE_TIME_RE = re.compile(r"\b(?:\d+\s*(?:\([a-z ]+\)\s*)?(?:hari\s+kerja|hari|bulan|tahun)|"
                               r"(?:pada\s+)?hari\s+ke-?\s?\d+\s*(?:\([a-z ]+\))?|"
                               r"(?:mulai\s+)?(?:pada\s+)?(?:akhir|awal)\s+bulan|(?:mulai\s+)?bulan\s+berikutnya)\s+"
                               r"(?:sebelum|setelah|sesudah|sejak|terhitung)\s+[^,;.]{3,90}?(?=\s+kecuali\b|[,;.]|$)",
                               re.IGNORECASE)
_ASKED_UNIT_RE = re.compile(r"\b(?:berapa|brp)\s+(hari|bulan|tahun|persen|kali|orang)|"
                            r"\b(hari|bulan|tahun)\b(?:\s+\w+){0,3}\s+(?:berapa|brp)\b|\b(umur|usia)\b|"
                            r"\b(rp|rupiah|sumbangan|dana)\b|\b(kapan)\b", re.IGNORECASE)


def amount(c, question: str = "") -> str | None:
    """The number, duration or deadline the quote states ("paling lambat 7 (tujuh) hari kerja"), in
    the unit the question asks for when it names one ("berapa hari" → days, never "5 orang")."""
    text = re.sub(r"\s+", " ", c.shown_quote)
    asked = _ASKED_UNIT_RE.search(question or "")
    unit = None
    if asked:
        unit = (asked.group(1) or asked.group(2) or ("tahun" if asked.group(3) else "kapan" if asked.group(5)
                                                     else "rp")).lower()
        if unit == "kapan" and _UNTIL_RE.search(question):
            unit = "sampai"
        elif unit == "kapan" and _SINCE_RE.search(question):
            unit = "sejak"
    # "sejak kapan larangan itu berlaku?" → "6 (enam) bulan sebelum tanggal penetapan pasangan calon";
    # "kapan mulai berlaku?" → "hari ke-15 (lima belas) sejak diterima", not just "sejak diterima"; the
    # first the quote states wins ("akhir bulan sejak PNS ditahan" before another ayat's "1 (satu) bulan sejak …")
    # … but not from a sentence whose case the user says is not theirs: "terdaftar pengurus partai tanpa
    # mengundurkan diri" is not the case of "PNS yang mengundurkan diri … terhitung mulai akhir bulan pengunduran
    # diri" (PP 11/2017 Pasal 255 ayat (3)); the sentence of ayat (5) after it is
    not_theirs = _other_case_spans(text, question)
    relatives = [r for r in _RELATIVE_TIME_RE.finditer(text) if not _inside(r.start(), not_theirs)] \
        if unit in ("kapan", "sejak", "sampai") else []
    relative = relatives[0] if relatives else None
    for m in _AMOUNT_RE.finditer(text):
        found = _whole_words(text, m)
        if _inside(m.start(), not_theirs):
            continue
        if unit is None or re.search(_UNITS[unit], found, re.IGNORECASE):
            return _whole_words(text, relative) if relative is not None and relative.start() <= m.start() else found
    return _whole_words(text, relative) if relative is not None else None


def _whole_words(text: str, m: re.Match[str]) -> str:
    """The match without a word cut at its end by a length limit ("… anggota dan/atau p")."""
    found = m.group(0).strip()
    if m.end() < len(text) and text[m.end()].isalnum() and " " in found:
        found = re.sub(r"\s+(?:dan/atau|dan|atau|serta|yang|dengan|tidak)$", "", found.rsplit(" ", 1)[0])
    return found


# a word the law negates itself ("PNS yang tidak mengundurkan diri") names the case of a user who did not do it
_LAW_NEGATION_RE = re.compile(r"\b(?:tidak|tanpa|belum|bukan)\s+(?:\w+\s+)?\w+", re.IGNORECASE)


def _other_case_spans(text: str, question: str) -> list[tuple[int, int]]:
    """The sentences of `text` about an act the question says was not done ("tanpa mengundurkan diri" → the
    sentence "PNS yang mengundurkan diri … diberhentikan dengan hormat …"), unless every sentence is."""
    from bot.answer import negated_stems
    from bot.retrieve import tokenize

    not_done = negated_stems(question) - _generic_stems()
    if not question or not not_done:
        return []
    spans = []
    for m in re.finditer(r"[^.]+(?:\.|$)", text):
        said = set(tokenize(_LAW_NEGATION_RE.sub(" ", m.group(0))))
        if not_done & said:
            spans.append((m.start(), m.end()))
    whole = sum(e - s for s, e in spans)
    return [] if whole >= len(text.strip()) - 2 else spans


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= at < e for s, e in spans)


def definition(c, question: str = "") -> tuple[str, str] | None:
    """(term, meaning) the item or its Penjelasan defines; of several ("atribut partai" … "atribut PNS"), the
    one whose term the question names — the first when it names none."""
    from bot.retrieve import tokenize

    asked = set(tokenize(question))
    for text in (body(c), words(c.penjelasan_display or "")):
        found = []
        for m in _DEFINITION_RE.finditer(text):
            term = (m.group("term") or m.group("term2") or "").strip()
            what = (m.group("what") or m.group("what2") or "").strip()
            if term and _fits(what):
                found.append((len(asked & set(tokenize(term))), -len(found), term, what))
        if found:
            best = max(found)
            return best[2], best[3]
    return None


def _without_references(text: str) -> str:
    # the whole chain: "sebagaimana dimaksud dalam Pasal 8 ayat (4) dan Pasal 14" (OCR: "sebagaiman")
    return re.sub(r"\s*sebagaimana?\s+dimaksud\s+(?:dalam|pada)\s+(?:(?:Pasal\s+\w+|ayat\s*\(\w+\)|huruf\s+\w|"
                  r"angka\s+\d+)[\s,]*(?:dan\s+|sampai\s+dengan\s+)?)+", " ", text)


def _clause_with(c, phrase: str) -> str:
    """The clause of the quote that holds `phrase` ("…dilakukan pemanggilan kedua paling lambat 7 …")."""
    text = words(c.shown_quote)
    at = text.find(phrase)
    if at < 0:
        return gist(text, 130)
    starts = [i + 2 for i in (text.rfind(", ", 0, at), text.rfind(". ", 0, at)) if i >= 0]
    start = max(starts, default=0)
    if re.match(r"(?:dan|atau|serta)\b", text[start:]):
        # the last member of a list of subjects ("…, dan Walikota … dilarang …"): the sentence holds the clause
        start = max(text.rfind(". ", 0, at) + 2, 0) if text.rfind(". ", 0, at) >= 0 else 0
    ends = [e for e in (text.find(", ", at + len(phrase)), text.find(". ", at + len(phrase))) if e >= 0]
    clause = text[start:min(ends) if ends else len(text)]
    return gist(clause, 130)


def level_of(c) -> str | None:
    for text in [*c.lead_in_display, c.chunk.context or ""]:
        m = _LEVEL_RE.search(text)
        if m and re.search(r"dijatuhkan", text, re.IGNORECASE):
            return m.group(1).lower()
    return None


def evidence(kind: Kind, c) -> int:
    """How directly a citation holds what a question of `kind` asks: 2 = it states it (a prohibition,
    a sanction level, a criminal threat, a number of days), 1 = it touches it, 0 = not at all."""
    quote = c.shown_quote
    if kind in (Kind.PERMISSION, Kind.OBLIGATION):
        if forbidden(c) is not None or (kind is Kind.PERMISSION and allowed_if(c) is not None):
            return 2
        return int(bool(re.search(r"\b(wajib|harus|tidak dapat)\b", quote)))
    if kind is Kind.SANCTION:
        if level_of(c) or criminal(c) or re.search(r"Jenis\s+Hukuman\s+Disiplin", " ".join([*c.lead_in, quote])):
            return 2
        return int(bool(re.search(r"diberhentikan|dijatuhi|sanksi|hukuman", quote, re.IGNORECASE)))
    if kind is Kind.AUTHORITY:
        if re.search(r"\bberwenang\b|menetapkan\s+penjatuhan", quote, re.IGNORECASE):
            return 2
        return int(bool(_AUTHORITY_RE.search(quote)))
    if kind is Kind.NUMBER:
        found = amount(c)
        return 0 if found is None else 2 if re.search(r"\d", found) else 1
    if kind is Kind.DEFINITION:
        return 2 if definition(c) is not None else 0
    if kind is Kind.STATUS:
        return 2 if _REPEAL_RE.search(quote) else 0
    return 0


# Words every question of a kind uses ("berapa hari kerja paling lambat", "siapa yang berwenang"):
# sharing them says nothing about whether a clause is about the act or procedure the user asks about.
_GENERIC_WORDS = (
    "berapa hari kerja paling lambat lama cepat singkat banyak bulan tahun minggu sejak sampai kapan batas waktu "
    "siapa yang berwenang pejabat pns asn pegawai negeri sipil aparatur bersangkutan harus wajib boleh bisa "
    "dilarang larangan sanksi sanksinya hukuman hukumannya disiplin apa bagaimana jika apabila dan atau dengan "
    "ketentuan aturan peraturan pasal ayat huruf menurut dalam hal tersebut itu ini tidak ada orang kali "
    "persen rupiah jumlah maksimal minimal saja juga masih sudah akan dapat mana menjatuhkan menetapkan"
)


def _generic_stems() -> frozenset[str]:
    from bot.retrieve import tokenize

    return frozenset(tokenize(_GENERIC_WORDS))


def topic_stems(question: str) -> set[str]:
    """The question's own subject words (the act, the procedure, the document), without the words of
    its kind ("berapa hari", "siapa berwenang")."""
    from bot.retrieve import tokenize

    return set(tokenize(question)) - _generic_stems()


def value_clause(kind: Kind, c, question: str = "") -> str | None:
    """The clause of the quoted item that states what a typed question asks for (the deadline, the
    authority), or None when the item states no such value."""
    if kind is Kind.NUMBER:
        n = amount(c, question)
        return _clause_with(c, n) if n else None
    if kind is Kind.AUTHORITY:
        text = words(c.shown_quote)
        m = _AUTHORITY_RE.search(text)
        if m is None:
            return None
        start = max(text.rfind(". ", 0, m.start()) + 2, 0) if text.rfind(". ", 0, m.start()) >= 0 else 0
        end = text.find(". ", m.end())
        return text[start:end if end >= 0 else len(text)]
    return None


def states_asked_value(kind: Kind, c, question: str, common: frozenset[str] | set[str] = frozenset()) -> bool:
    """The item states the value asked (a deadline, an authority) *about the question's subject*:
    the clause holding it shares a subject word with the question — one that is not merely the topic
    of the whole pasal (`common`). "Paling lambat 7 hari kerja" for the second summons is not the
    deadline for delivering the decision; "sejak ditetapkannya" for paying the allowance of a
    suspended PNS is not when the suspension starts."""
    topic = topic_stems(question)
    clause = value_clause(kind, c, question)
    if clause is None:
        return False
    # "sampai kapan?" and the item says "sampai dengan …": where the period of the pasal's own topic ends
    directed = kind is Kind.NUMBER and bool(_UNTIL_RE.search(question) or _SINCE_RE.search(question))
    return directed or not topic or asked_value_overlap(kind, c, question, common) > 0


def asked_value_overlap(kind: Kind, c, question: str, common: frozenset[str] | set[str] = frozenset()) -> int:
    """How many of the question's subject words (beyond its pasal's topic) the value's clause holds."""
    from bot.retrieve import tokenize

    clause = value_clause(kind, c, question)
    if clause is None:
        return 0
    frame = _authority_frame() if kind is Kind.AUTHORITY else frozenset()
    return len((topic_stems(question) - set(common) - frame) & set(tokenize(clause)))


# Words every authority clause and question share ("… berwenang menetapkan penjatuhan Hukuman Disiplin
# bagi PNS yang menduduki jabatan …"): an authority is about the asked group only through other words.
_AUTHORITY_FRAME_WORDS = ("menetapkan penetapan penjatuhan menjatuhkan dijatuhkan hukuman disiplin bagi pns pegawai "
                          "negeri sipil yang menduduki jabatan pejabat berwenang kewenangan")


@lru_cache(maxsize=1)
def _authority_frame() -> frozenset[str]:
    from bot.retrieve import tokenize

    return frozenset(tokenize(_AUTHORITY_FRAME_WORDS))


TYPED_KINDS = (Kind.NUMBER, Kind.AUTHORITY)


def answers_kind(kind: Kind, c) -> bool:
    return evidence(kind, c) > 0


_CUES = {
    Kind.PERMISSION: r"\b(dilarang|wajib|harus|dapat|boleh|tidak|dipidana|diberhentikan|dijatuhi|dikenai)\b",
    Kind.SANCTION: r"\b(sanksi|hukuman|pidana|diberhentikan|dijatuhi|denda)\b",
    Kind.AUTHORITY: r"\b(berwenang|menetapkan|oleh|mengangkat|menjatuhkan)\b",
    Kind.NUMBER: r"\b(\d+|hari|bulan|tahun|sejak|sampai|paling)\b",
    Kind.COVERAGE: r"\b(bagi|berlaku|setiap|Pegawai|PNS|ASN)\b",
    Kind.DEFINITION: r"\b(adalah|dimaksud|yaitu|meliputi)\b",
}


def leaves_open(kind: Kind, c) -> bool:
    """The cited rule has nothing of what the question asks (no prohibition or duty for "boleh?",
    no sanction word for "sanksinya?"): the lead must say so rather than imply an answer."""
    cue = _CUES.get(kind)
    return cue is not None and not re.search(cue, " ".join([*c.lead_in, c.quote]), re.IGNORECASE)


# --------------------------------------------------------------------------- leads


_MONTHS = r"Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"


def _date(c) -> str | None:
    """"bulan November 2024" as the quote words it."""
    m = re.search(rf"\b(?:(?:pada\s+)?bulan\s+)?(?:{_MONTHS})\s+\d{{4}}\b", words(c.shown_quote))
    return re.sub(r"^pada\s+", "", m.group(0)) if m else None


def _holds_kind(kind: Kind, c, question: str) -> bool:
    """The quote gives what was asked in a form the value finders do not read as a figure about
    another subject: a month and year for "bulan dan tahun berapa?", an authority named in the opening
    above the quoted item. A figure about another procedure is no answer and keeps the hedge."""
    if kind is Kind.NUMBER:
        asks_date = re.search(r"\b(bulan|tahun|kapan|tanggal)\b", question, re.IGNORECASE)
        return bool(asks_date) and amount(c, question) is None and _date(c) is not None
    if kind is Kind.AUTHORITY:
        return _authority_opening(c) is not None
    return False


def _authority_opening(c) -> str | None:
    """The opening above the quoted item when it names who is *berwenang* ("… berwenang menetapkan
    penjatuhan Hukuman Disiplin bagi:"), shortened to a clause boundary."""
    for text in reversed([*c.lead_in, c.chunk.context or ""]):
        if re.search(r"\bberwenang\b|\bmenetapkan\s+penjatuhan\b", text, re.IGNORECASE) and text.rstrip().endswith(":"):
            return gist(words(text), 200).rstrip(":") + ":"
    return None


_LEVEL_NAMES = {"2": "ringan", "3": "sedang", "4": "berat"}
_AUTHORITY_VERB_RE = re.compile(r"\s+(?:menetapkan\s+penjatuhan|berwenang\s+menjatuhkan)\b", re.IGNORECASE)


_BERAT_KINDS = {"4a": "penurunan jabatan", "4b": "pembebasan dari jabatan", "4c": "pemberhentian"}
_LIST_LEVEL_RE = re.compile(r"untuk\s+(?:semua\s+)?jenis\s+Hukuman\s+Disiplin[^;]*?Pasal\s+8[^;]*", re.IGNORECASE)


def _covered(c) -> set[str]:
    """The Pasal 8 levels an authority item covers: named in the item or its opening, or closing the list it is
    in (PP 94/2021 Pasal 17 ayat (2): "a. Jabatan Pimpinan Tinggi Madya; … c. …, untuk jenis Hukuman Disiplin
    berat … Pasal 8 ayat (4) huruf c")."""
    from bot.answer import _kinds_ayat

    covered = _kinds_ayat(" ".join([*c.lead_in, c.quote]))
    if covered or not c.quote:
        return covered
    text, head = c.chunk.text, c.quote[:40]
    at = text.find(head)
    if at < 0:
        return covered
    rest = text[at + len(head):]
    ayat_end = re.search(r"\n\(\d\)\s", rest)  # the next ayat starts a line; "ayat (4) huruf c" does not
    m = _LIST_LEVEL_RE.search(rest[: ayat_end.start() if ayat_end else len(rest)])
    return _kinds_ayat(m.group(0)) if m else covered


def _levels_named(c) -> str | None:
    """The levels an authority item covers, by name ("… Pasal 8 ayat (2) dan ayat (3)" → "ringan dan sedang";
    "ayat (4) huruf c" → "berat (pemberhentian)")."""
    covered = _covered(c)
    names = [name for mark, name in _LEVEL_NAMES.items() if any(x.startswith(mark) for x in covered)]
    berat = sorted(x for x in covered if x.startswith("4"))
    if names and names[-1] == "berat" and berat and berat != ["4a", "4b", "4c"]:
        names[-1] = "berat (" + " atau ".join(_BERAT_KINDS[x] for x in berat if x in _BERAT_KINDS) + ")"
    return (", ".join(names[:-1]) + ", dan " + names[-1] if len(names) > 2 else " dan ".join(names)) or None


def _official(c) -> str | None:
    """Who an authority item names as imposing: the opening's subject ("Pejabat Pembina Kepegawaian Instansi
    Daerah Kabupaten/Kota")."""
    opening = next((t for t in [*reversed(c.lead_in), c.chunk.context or ""] if _AUTHORITY_VERB_RE.search(t)), None)
    if opening is None:
        return None
    who = re.sub(r"^\W*\(?\w{0,2}\)\s*", "", _AUTHORITY_VERB_RE.split(words(opening), maxsplit=1)[0]).strip(" ,")
    return who if 0 < len(who) <= 160 else None


def _authority_levels(c, citations: Sequence, question: str) -> str:
    """After "Yang berwenang …": the levels that official may impose, by name; and when the next quoted item is
    the authority for another level the question asked ("… jika berat?"), who that is."""
    from bot.answer import asked_levels

    levels = _levels_named(c)
    if levels is None:
        return ""
    out = M.LEAD_AUTHORITY_LEVELS.format(levels=levels)
    covered = {m[0] for m in _covered(c)}
    asked = {m[0] for m in asked_levels(question)} - covered

    def answers_the_rest(x) -> bool:
        theirs = {m[0] for m in _covered(x)}
        return bool(_official(x)) and bool(theirs & asked) and not theirs & covered

    other = next((x for x in citations[1:3] if answers_the_rest(x)), None)
    if other is not None and (whom := re.split(r"\s+untuk\s+jenis\b", body(other))[0].rstrip(" ,;:")):
        out += M.LEAD_AUTHORITY_OTHER.format(levels=_levels_named(other), who=_official(other), whom=whom,
                                             label=_label(other))
    return out


def _common(c) -> frozenset[str]:
    return getattr(c, "topic_common", frozenset())


_NOT_IN_FORCE_RE = re.compile(r"dicabut|diubah|dihapus|diganti|belum berlaku", re.IGNORECASE)


def _label(c) -> str:
    """The label, with the status note when the text is not simply in force (a note that only says
    it stays in force belongs to the citation's status line, not to every sentence of the lead)."""
    note = f", {c.repealed_note}" if c.repealed_note and _NOT_IN_FORCE_RE.search(c.repealed_note) else ""
    return f"{c.display_label}{note}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _general(c, kind: Kind, force_open: bool = False, question: str = "") -> str:
    if c.chunk.kind == "article":
        what = body(c)
        return M.LEAD_ARTICLE.format(title=c.chunk.judul, what=what) if _fits(what) else \
            M.LEAD_GENERAL_LONG.format(label=f"artikel \u201c{c.chunk.judul}\u201d")
    what = gist(words(c.shown_quote), 100)
    lead = M.LEAD_GENERAL.format(label=_label(c), what=what) if _fits(what) else \
        M.LEAD_GENERAL_LONG.format(label=_label(c))
    aspect = M.LEAD_OPEN_ASPECT.get(kind.value)
    whom = M.LEAD_OPEN_WHOM_PERSONNEL if asker_is_personnel_office(question) else M.LEAD_OPEN_WHOM
    return lead + (M.LEAD_OPEN.format(aspect=aspect, whom=whom) if aspect and not _whole_states(c, kind, question)
                   and (force_open or leaves_open(kind, c)) else "")


def _whole_states(c, kind: Kind, question: str) -> bool:
    """A short pasal shown whole states the value asked (the authority, the deadline) in another ayat
    than the quoted one: "not found" would contradict the text the reader sees."""
    from dataclasses import replace

    whole = getattr(c, "whole_display", "")
    if not whole or not question or kind not in TYPED_KINDS:
        return False
    return states_asked_value(kind, replace(c, display=whole, lead_in_display=[], lead_in=[]), question, _common(c))


# Elections the netralitas rules do not name: a ban on supporting "calon Presiden …, Kepala Daerah …,
# DPR, DPD, DPRD" says nothing outright about them.
_OTHER_ELECTION_RE = re.compile(
    r"\b(pilkades|(?:nyalon\w*|calon\w*|mencalonkan diri|pemilihan|pilih\w*|pemilu)\s+(?:jadi\s+|sebagai\s+)?"
    r"(?:(?:kepala|kapala)\s+desa|kades)\b|"
    r"pemilihan (?:ketua )?(?:rt|rw)|pemilihan bpd|pemilihan rektor|pilrek|"
    r"pemilihan ketua (?:umum )?(?:ormas|organisasi|koperasi|korpri|partai))\b", re.IGNORECASE)


def granted(c) -> str | None:
    """"Panwaslu Kelurahan/Desa berwenang: … b. meminta bahan keterangan …": the power the quoted item
    grants, as "<subject> berwenang <item>", when its subject is someone the question names."""
    from bot.retrieve import tokenize

    asked = _KEEP.get()
    for opening in reversed(c.lead_in_display):
        m = re.match(r"\s*(?P<who>[^:;]{3,120}?)\s+(?P<verb>berwenang|berhak)\s*:?\s*$", words(opening))
        if m is None:
            continue
        who = m.group("who")
        joined = re.sub(r"\W+", "", who.lower())
        if asked and not (asked & set(tokenize(who)) or any(len(w) >= 4 and w in joined for w in asked)):
            return None
        own = body(c)
        return f"{_capital(who)} {m.group('verb')} {own}" if _fits(own) else None
    return None


def _other_election(c, question: str) -> str | None:
    """The election the question is about when the quoted ban names candidates but not that election."""
    m = _OTHER_ELECTION_RE.search(question)
    if m is None:
        return None
    text = " ".join([*c.lead_in_display, c.shown_quote])
    if not re.search(r"\bcalon\b", text, re.IGNORECASE) or re.search(r"\bdesa\b", text, re.IGNORECASE):
        return None
    said = m.group(1).lower()
    for pattern, name in ((r"desa|kades", "pemilihan kepala desa"), (r"\b(?:rt|rw)\b", "pemilihan ketua RT/RW"),
                          (r"bpd", "pemilihan BPD"), (r"rektor|pilrek", "pemilihan rektor")):
        if re.search(pattern, said):
            return name
    return said


def _permission(c, sanction, question: str = "", citations=(), expanded: str = "") -> str | None:
    if not c.chunk.in_force:
        return None  # a repealed or replaced text gives no verdict on today's conduct: it is quoted as such
    found = forbidden(c)
    if found and (election := _other_election(c, question)) is not None:
        # "Suami nyalon kades, boleh jadi timsesnya?": the ban quoted is about pemilu/pilkada candidates
        return M.LEAD_OTHER_ELECTION.format(label=_label(c), election=election)
    if found and _fits(found[1]) and _speaks_of_the_act(found, expanded or question,
                                                        getattr(c, "penjelasan_quote", "") or ""):
        subject, what = found
        if (exception := _exception(c)) is not None:
            # "… dilarang melakukan penggantian pejabat … kecuali mendapat persetujuan tertulis dari Menteri":
            # not a flat "Tidak boleh" — the way the law allows it comes first
            lead = M.LEAD_FORBIDDEN_EXCEPT.format(exception=exception, subject=_capital(subject), what=what,
                                                  label=_label(c))
        else:
            lead = M.LEAD_FORBIDDEN.format(subject=_capital(subject), what=what, label=_label(c))
        return lead + _consequence(sanction, citations, question)
    if found:
        return None  # a prohibition of another act is no "Tidak boleh" for this one: quoted, not a verdict
    own = body(c)
    if not _fits(own):
        return None
    if (penalty := penalised(c)) is not None and _speaks_of_the_act(("", own), expanded or question):
        # "p3k boleh jd pengurus partai?" under "Pemberhentian tidak atas permintaan sendiri bagi Pegawai
        # ASN dilakukan apabila: j. menjadi anggota dan/atau pengurus partai politik": what the law punishes
        # is no "boleh"
        punished = _ASKS_IF_PUNISHED_RE.search(question) and not re.search(r"\bboleh", question, re.IGNORECASE)
        return (M.LEAD_PUNISHED if punished else M.LEAD_PENALISED).format(what=penalty, label=_label(c))
    if (condition := allowed_if(c)) is not None and _about_asker(c) and _asks_the_allowed_act(c, question):
        return M.LEAD_ALLOWED_IF.format(what=condition, label=_label(c))
    if (power := granted(c)) is not None:
        # "Emang mereka berhak nanya-nanya?" under "Panwaslu Kelurahan/Desa berwenang: … meminta keterangan"
        return M.LEAD_RIGHT.format(what=power, label=_label(c))
    if re.search(r"\btidak\s+(dapat|boleh|diperbolehkan)\b", own):
        return M.LEAD_NOT_POSSIBLE.format(what=own, label=_label(c))
    if re.search(r"\b(wajib|harus)\b", own) and _about_asker(c):
        # "cukup ambil CLTN sa ko?" under "… wajib menyatakan pengunduran diri": the duty, with no "Ya"
        return M.LEAD_DUTY.format(what=own, label=_label(c))
    if re.search(r"\bberhak\b", own):
        # a right is no verdict on "boleh?" ("… ga bisa, rahasia. bener gt?" is not answered by "Ya."):
        # the right is stated as the law words it
        return M.LEAD_GENERAL.format(what=own, label=_label(c))
    return None


# an opening (or the item itself) that attaches a penalty to what it lists: dismissal against one's will,
# a disciplinary or administrative sanction, a criminal threat — not "Pemberhentian atas permintaan sendiri"
_PENALTY_RE = re.compile(r"\b(?:tidak\s+atas\s+permintaan\s+sendiri|tidak\s+dengan\s+hormat|hukuman\s+disiplin\s+"
                         r"(?:ringan|sedang|berat)|dikena[ik]a?n?\s+sanksi|sanksi\s+administra\w*|dipidana)\b",
                         re.IGNORECASE)

# the item states its own penalty as the consequence of what it describes ("PNS yang menjadi anggota … partai
# politik … diberhentikan tidak dengan hormat"), not a level it merely mentions ("kemungkinan akan dijatuhi
# Hukuman Disiplin berat, dapat dibebaskan sementara …")
_OWN_PENALTY_RE = re.compile(r"\b(?:diberhentikan\s+tidak\s+dengan\s+hormat|dipidana|dikena[ik]a?n?\s+sanksi|"
                             r"(?<!akan\s)dijatuhi\s+hukuman\s+disiplin)\b", re.IGNORECASE)
# "… kalo sy diemin aja, sy kena juga ga?", "bisa dihukum gak?": the user asks whether it is punished, not
# whether it is allowed
_ASKS_IF_PUNISHED_RE = re.compile(r"\b(?:kena|dikenai|dihukum|disanksi|dipecat|dipidana)\b", re.IGNORECASE)


def penalised(c) -> str | None:
    """The item with the penalty its opening attaches to it ("Pemberhentian tidak atas permintaan sendiri
    … dilakukan apabila: menjadi anggota … partai politik"), or the item alone when it states its own
    penalty; None when neither sets one."""
    if not c.chunk.in_force:
        return None  # a repealed penalty is no verdict on today's conduct
    whole = words(c.shown_quote)
    if _OWN_PENALTY_RE.search(whole):
        return gist(whole, 400)  # the penalty is the end of the sentence: never cut before it
    own = body(c)
    # "… dijatuhkan bagi pelanggaran terhadap kewajiban: …" punishes an omission: no "boleh?" verdict
    openings = [words(x) for x in _openings(c) if _PENALTY_RE.search(x) and "kewajiban" not in x]
    if not openings:
        return None
    opening = re.sub(r"^\(\d+\)\s*", "", openings[-1]).rstrip(" :")
    return f"{gist(opening, 120)} {own}"


_EXCEPTION_RE = re.compile(r"\bdilarang\b[^.;]*?\bkecuali\s+(?!ditentukan\s+lain)([^.;]{8,160}?)\s*(?:[.;]|$)",
                           re.IGNORECASE)


def _exception(c) -> str | None:
    """What the prohibition itself excepts ("kecuali mendapat persetujuan tertulis dari Menteri"), if it says."""
    m = _EXCEPTION_RE.search(re.sub(r"\s+", " ", body(c)))
    return words(m.group(1)).rstrip(" ,") if m else None


VERDICT_SHARED_WORDS = 2


def _speaks_of_the_act(found: tuple[str, str], question: str, explained: str = "") -> bool:
    """"Tidak boleh" only from a prohibition that shares two words with the question (with the vocabulary's
    law words: "parpol" → "partai politik"): "jadi anggota KPPS boleh?" shares only "anggota" with "PNS
    dilarang menjadi anggota partai politik" (graders' D). The item's own Penjelasan counts as its words
    ("ikut kampanye" is explained as "hadir untuk mendengar, menyimak visi, misi …")."""
    from bot.retrieve import tokenize

    if not question:
        return True
    asked = topic_stems(question)
    # … and one of them the act's own words: the Penjelasan explains the act, it does not replace it ("… visi, misi,
    # dan program yang ditawarkan peserta pemilu" shares "misi", "tawar", "pemilu" with "permisi, sy ditawari jadi
    # anggota KPPS pemilu": no "Tidak boleh" from "ikut kampanye" — graders' D)
    return len(asked & set(tokenize(" ".join([*found, explained])))) >= VERDICT_SHARED_WORDS \
        and bool(asked & set(tokenize(found[1])))


def _consequence(sanction, citations=(), question: str = "") -> str:
    """" Pelanggarannya diancam hukuman disiplin berat (…)." or the criminal threat of the provision
    that refers back to the prohibition; nothing when the law's references gave neither. When a citation
    ranked near the top sets another level for a neighbouring form of the act, both are named."""
    if sanction is None:
        return ""
    if level := level_of(sanction):
        if (rival := rival_level(sanction, citations, question)) is not None:
            return " " + _two_levels(sanction, rival)
        return M.LEAD_FORBIDDEN_SANCTION.format(level=level, label=sanction.display_label)
    if (threat := criminal(sanction)) is not None and _fits(threat):
        return M.LEAD_FORBIDDEN_CRIMINAL.format(what=threat, label=sanction.display_label)
    return ""


def _names_item(level, c) -> bool:
    """The level item does not name another item of the prohibition's pasal: "… sebagaimana dimaksud dalam
    Pasal 5 huruf n angka 3, angka 4, … dengan cara: 1. … mengerahkan PNS lain" is the level of 5 n 3 to 7,
    never of 5 n 2 (atribut, a sedang) — a lead joining the two would state the wrong level."""
    from indexer.references import find_references

    if not c.chunk.pasal:
        return True
    path = dict(re.findall(r"(huruf|angka) \(?(\w+)\)?", c.display_label.split(f"Pasal {c.chunk.pasal}", 1)[-1]))
    base = (c.chunk.base_doc or c.chunk.doc_id, c.chunk.base_pasal or c.chunk.pasal)
    own = (level.chunk.base_doc or level.chunk.doc_id, level.chunk.base_pasal or level.chunk.pasal)
    text = " ".join([*level.lead_in, level.quote])
    found = [f.target for f in find_references(text, *own)]
    named = [t for t in found if (t.doc_id, t.pasal) == base]
    if not named:  # "… tidak memenuhi ketentuan … Pasal 4 huruf f": a level of another pasal's rule
        return not any(t.doc_id == base[0] and t.pasal != own[1] for t in found)
    return any(all(path.get(k) in (None, v) for k, v in (("huruf", t.huruf), ("angka", t.angka)) if v)
                            for t in named)


def _refers_to(x, c) -> bool:
    """The item quoted in `x` refers to the pasal quoted in `c` (read with the indexer's reference
    grammar, in base-law numbering)."""
    from indexer.references import find_references

    if x.chunk.kind == "article" or c.chunk.kind == "article" or not c.chunk.pasal:
        return False
    base = (c.chunk.base_doc or c.chunk.doc_id, c.chunk.base_pasal or c.chunk.pasal)
    own = (x.chunk.base_doc or x.chunk.doc_id, x.chunk.base_pasal or x.chunk.pasal)
    return any((f.target.doc_id, f.target.pasal) == base for f in find_references(x.quote, *own))


def _own_conduct_fits(x, question: str) -> bool:
    """A criminal provision that describes the punished act itself ("Setiap orang yang … menjanjikan
    atau memberikan uang …", not "Pejabat yang melanggar ketentuan Pasal 71 ayat (2)") states
    its threat only for an act the question describes: two of the question's own words in that act.
    A money-politics penalty is never given to a lurah who favoured one side."""
    from bot.retrieve import tokenize

    text = re.sub(r"\s+", " ", x.shown_quote)
    act = text[: m.start()] if (m := _CRIMINAL_RE.search(text)) else text
    if re.search(r"\bPasal\s+\d", act):  # it punishes a norm stated elsewhere: the references decide
        return True
    return len(topic_stems(question) & set(tokenize(act))) >= 2


RIVAL_LEVEL_WITHIN = 4  # citations (quoted and "Lihat juga") searched for another level of the same act family
RIVAL_CLOSE = 0.85  # … ranked this close to the first citation


def rival_level(level_item, citations, question: str = "") -> object | None:
    """Another citation of the same regulation, ranked by retrieval about as high as the answer's first,
    that sets a *different* level for a neighbouring form of the act ("sedang … atribut PNS" next to
    "berat … kegiatan yang mengarah kepada keberpihakan"): retrieval cannot tell which form the user's
    story is, and the lead must not pick one. A level reached through the law's own reference from the
    prohibition quoted first (score 0: not retrieved itself) stands unless the rival ranks that close."""
    level = level_of(level_item)
    top = max((x.score for x in citations[:2]), default=0.0)  # the prohibition when its level leads
    for x in citations[:RIVAL_LEVEL_WITHIN]:
        if x is not level_item and x.chunk.doc_id == level_item.chunk.doc_id and x.chunk.in_force \
                and (other := level_of(x)) is not None and other != level and x.score > 0 \
                and (level_item.score > 0 or x.score >= RIVAL_CLOSE * top) and _neighbouring_form(level_item, x) \
                and _may_be_the_act(x, question) and not _other_count(x, question):
            return x
    return None


def _other_count(x, question: str) -> bool:
    """The rival is a row for another count of days than the one the user states ("10 hari" is not
    "14 (empat belas) sampai dengan 16 (enam belas) hari kerja")."""
    from bot.answer import counts_other_days

    return counts_other_days(x.quote, question)


_LIST_REFERENCE_RE = re.compile(r"\bPasal\s+(\d+[A-Z]?)\s+huruf\s+([a-z])\b")


def _neighbouring_form(level_item, x) -> bool:
    """Both levels punish ways of the same prohibited act ("Pasal 5 huruf n angka 2" and "… angka 6"), not
    unrelated prohibitions that happen to rank near ("Pasal 5 huruf j", menghalangi tugas kedinasan)."""
    def named(c) -> set[tuple[str, str]]:
        return set(_LIST_REFERENCE_RE.findall(" ".join([*getattr(c, "lead_in", []), c.quote])))

    mine, theirs = named(level_item), named(x)
    return not mine or not theirs or bool(mine & theirs)


def _may_be_the_act(x, question: str) -> bool:
    """The rival's form of the act shares a word with the user's story ("kaos partai" → "atribut partai"): a
    form the story never mentions ("menghalangi berjalannya tugas kedinasan" next to "like postingan caleg")
    is no reading of it, and naming its level misleads (graders: w017 D)."""
    from bot.retrieve import tokenize

    story = topic_stems(question) - _LEVEL_WORDS  # "berat atau ringan?" names levels, not a form of the act
    return not question or bool(story & set(tokenize(_level_clause(x))))


# tokenize("hukuman disiplin ringan sedang berat sanksi dijatuhi PNS ASN"), spelled out (bot.retrieve imports this)
_LEVEL_WORDS = frozenset({"hukum", "siplin", "ringan", "sedang", "berat", "sanksi", "jatuh", "pns", "asn"})


def _level_clause(x) -> str:
    """The act an item of a sanction-level pasal names, without the shared "memberikan dukungan kepada
    calon … dengan cara" and the reference back."""
    text = words(re.sub(r"\s*sebagaimana\s+dimaksud\s+(?:dalam|pada)\s+Pasal[^,;]*", "", body(x)))
    text = re.sub(r"^.*?\bdengan\s+cara\s*:?\s*", "", re.sub(r"\s*…\s*$", "", text))
    return gist(text, 100)


def _two_levels(first, rival) -> str:
    return M.LEAD_SANCTION_LEVELS.format(level=level_of(first), what=_level_clause(first), label=first.display_label,
                                         level2=level_of(rival), what2=_level_clause(rival),
                                         label2=rival.display_label)


def _sanction(c, sanction, citations, question: str = "") -> str | None:
    level_item = sanction if sanction is not None and level_of(sanction) else (c if level_of(c) else None)
    if level_item is not None and (rival := rival_level(level_item, citations, question)) is not None:
        return _two_levels(level_item, rival)
    if level_item is not None:
        lead = M.LEAD_SANCTION_LEVEL.format(level=level_of(level_item), label=level_item.display_label)
        prohibition = next((x for x in citations[:2] if x is not level_item and forbidden(x)
                            and _names_item(level_item, x)), None)
        found = forbidden(prohibition) if prohibition is not None else None
        what = found[1] if found else re.sub(r"\s*…\s*$", "", words(
            re.sub(r"\s*sebagaimana\s+dimaksud\s+(?:dalam|pada)\s+Pasal[^,;]*", "", body(level_item))))
        if not _fits(what):
            return lead + "."
        if found:
            return lead + M.LEAD_SANCTION_FOR.format(what=what, label=_label(prohibition))
        if any(re.search(r"\bkewajiban\b|\btidak\s+memenuhi\s+ketentuan\b", x) for x in level_item.lead_in):
            # a row of a graded obligation ("… bagi PNS yang tidak memenuhi ketentuan: f. Masuk Kerja …") is no
            # breached prohibition: the row is stated as the law words it
            return lead + M.LEAD_SANCTION_ROW.format(what=what)
        return lead + M.LEAD_SANCTION_FOR_SELF.format(what=what)
    # a criminal threat: the first citation's own, or that of a provision referring back to it — never
    # the threat of a neighbouring pasal about another act
    for x in citations[:2]:
        if (x is c or _refers_to(x, c) or _refers_to(c, x)) and (threat := criminal(x)) is not None \
                and _fits(threat) and (x is not c or not question or _own_conduct_fits(x, question)):
            lead = M.LEAD_CRIMINAL.format(what=threat, label=_label(x))
            prohibition = next((y for y in citations[:2] if y is not x and _refers_to(x, y) and forbidden(y)), None)
            found = forbidden(prohibition) if prohibition is not None else None
            if found and _fits(found[1]):
                lead = lead[:-1] + M.LEAD_SANCTION_FOR.format(what=found[1], label=_label(prohibition))
            # "kena hukdis aja atau pidana juga?": the disciplinary level quoted after the penalty clause
            if (level := next((y for y in citations[2:] if level_of(y)), None)) is not None:
                lead += M.LEAD_ALSO_DISCIPLINE.format(level=level_of(level), label=level.display_label)
            return lead
    m = re.search(r"Jenis\s+Hukuman\s+Disiplin\s+(ringan|sedang|berat)", " ".join([*c.lead_in_display, c.shown_quote]))
    if m:
        items = [words(x) for x in re.split(r"\n(?=[a-z]\.\s)", c.shown_quote)[1:]]
        listed = "; ".join(items)
        if items and _fits(listed):
            return M.LEAD_SANCTION_KINDS.format(level=m.group(1).lower(), items=listed, label=_label(c))
    own = body(c)
    # a consequence the item attaches ("dijatuhi Hukuman Disiplin …", "diberhentikan …"), not any mention
    # of a sanction ("Hukuman Disiplin yang telah dijatuhkan … tetap berlaku" is a transitional rule)
    if _IMPOSES_RE.search(own) and _fits(own) and (criminal(c) is None or not question
                                                   or _own_conduct_fits(c, question)):
        return M.LEAD_SANCTION_TEXT.format(label=_label(c), what=own)
    return None


# (not "kemungkinan akan dijatuhi Hukuman Disiplin berat, dapat dibebaskan sementara": a step of the examination)
_IMPOSES_RE = re.compile(r"\b(diberhentikan|(?<!akan\s)dijatuhi|dikenai|dikenakan|dipidana|diancam)\b"
                         r"|\bsanksi\s+(?!sebagaimana)\w+", re.IGNORECASE)


def _group_rule_clause(c) -> str:
    """"Selain pemberhentian …, calon PNS diberhentikan apabila:" + "c. terbukti melakukan …" → one clause."""
    opening = re.split(r"(?<=\.)\s+", (c.lead_in or [""])[-1].strip())[-1]  # its last sentence, verbatim
    opening = re.sub(r"^\s*(?:\(\w{1,3}\)\s*)?Selain\b[^,]*,\s*", "", opening).rstrip(" :")
    return f"{opening} {words(c.shown_quote)}".strip()


def covers_group(c, query: Query) -> bool:
    """The citation names the group the question asks about ("berlaku … untuk calon PNS")."""
    token = _KEEP.set(frozenset(topic_stems(query.original)))
    try:
        return _coverage_named(c, query) is not None
    finally:
        _KEEP.reset(token)


def asked_group(question: str) -> str | None:
    """The group of employees the question is about, the most specific one it names ("P3K" is PPPK)."""
    return next((name for name, pattern in _GROUP_RES if pattern.search(question)), None)


def binds_pns_only(doc: Document | None) -> bool:
    """A regulation "… Pegawai Negeri Sipil" (PP 94/2021, PP 42/2004, PP 37/2004, PP 11/2017) binds PNS,
    not PPPK: its own title says whom (graders marked PNS discipline given to a PPPK as harmful)."""
    return doc is not None and doc.kind == "regulation" and "pegawai negeri sipil" in doc.judul.lower()


def _coverage_named(c, query: Query) -> str | None:
    """The coverage lead when this citation names the group the question asks about, else None."""
    group = asked_group(query.original)
    if group is None or c.chunk.kind == "article":
        return None
    own = body(c)
    scope = " ".join([own, *c.lead_in_display, c.chunk.context or ""])
    if _fits(own) and GROUP_NAMED[group].search(scope):
        # named with an exception ("tidak berlaku bagi …", "kecuali …"): the text speaks, not a verdict
        template = M.LEAD_COVERAGE_NAMED_ONLY if _EXCEPTING_RE.search(own) else M.LEAD_COVERAGE_NAMED
        return template.format(group=group, label=_label(c), what=own)
    if _fits(own) and group.upper() in ("PPPK", "PNS") and re.search(r"\bPegawai\s+ASN\b", scope):
        # UU 20/2023: Pegawai ASN are PNS and PPPK — a duty of "Pegawai ASN" binds both
        return M.LEAD_COVERAGE_ASN.format(group=group, label=_label(c), what=own)
    return None


_EXCEPTING_RE = re.compile(r"\b(tidak|bukan|kecuali|dikecualikan)\b", re.IGNORECASE)


def _coverage(c, query: Query) -> str | None:
    group = asked_group(query.original)
    if group is None:
        return None
    own = body(c)
    if not _fits(own):
        return None
    scope = " ".join([own, *c.lead_in_display, c.chunk.context or ""])
    if GROUP_NAMED[group].search(scope):
        template = M.LEAD_COVERAGE_NAMED_ONLY if _EXCEPTING_RE.search(own) else M.LEAD_COVERAGE_NAMED
        return template.format(group=group, label=_label(c), what=own)
    if re.search(r"\bPegawai\s+ASN\b", scope) and group.upper() in ("PPPK", "PNS"):
        return M.LEAD_COVERAGE_ASN.format(group=group, label=_label(c), what=own)
    subject = re.search(r"\b(Pegawai ASN|PNS|Pegawai Negeri Sipil|ASN|pejabat[^,;:]{0,30})\b", scope)
    return M.LEAD_COVERAGE_OPEN.format(label=_capital(_label(c)), subject=subject.group(1) if subject else "hal ini",
                                       group=group, what=own)


_INNER_MARK_RE = re.compile(r"(?:^|\s)(?:[a-z]|\d{1,2})\s?\.\s|\s\(\d{1,2}\)\s")
_PAGE_WORDS_RE = re.compile(r"\bPRES\s?IDEN\b|\bREPU\w*\b|[$\]\[{}|]")


def also_answers(lead: str, others: Sequence) -> str:
    """" Keputusan … disampaikan … oleh Pejabat yang Berwenang Menghukum … (PP 94/2021 Pasal 37 ayat (2))."
    for each item that answers another ask of the question, in the law's words; none already in the lead."""
    out = ""
    for c in others:
        what = gist(re.sub(r"\s+([,.;:])", r"\1", words(_without_references(c.shown_quote))))
        if not what or what[:60] in lead or _label(c) in lead or _INNER_MARK_RE.search(what) \
                or _PAGE_WORDS_RE.search(what):
            # a list or a page's debris is not a sentence: it stays in the quote
            continue
        out += " " + M.LEAD_ALSO.format(what=_capital(what.rstrip(" .;:")), label=_label(c))
    return out


_LIMIT_RE = re.compile(r"\btidak\s+(?:dapat|boleh)\b", re.IGNORECASE)


def level_kinds(lead: str, sanction, kinds: Sequence) -> str:
    """" Hukuman disiplin berat berupa: a. penurunan jabatan …; c. pemberhentian … (PP 94/2021 Pasal 8 ayat (4))."
    after a lead that names one level (never after "Tergantung bentuk perbuatannya: …", two levels); with the
    clause that delays the list and what applies meanwhile (PP 94/2021 Pasal 42 ayat (2) for sedang)."""
    level = level_of(sanction) if sanction is not None and kinds else None
    if level is None or not lead.startswith(M.LEAD_SANCTION_LEVEL.format(level=level, label="")[:-2]):
        return ""
    items = [words(x).rstrip(" ;.") for x in re.split(r"\n(?=[a-z]\.\s)", kinds[0].shown_quote)[1:]]
    listed = "; ".join(re.sub(r"^(?:dan|atau)\s+|\s+(?:dan|atau)$", "", x) for x in items)
    if not items or not _fits(listed):
        return ""
    if _not_yet_in_force(kinds[0]):
        meanwhile = words(kinds[1].shown_quote).rstrip(" .") if len(kinds) > 1 else ""
        if not meanwhile or not _fits(meanwhile):
            return ""
        return " " + M.LEAD_LEVEL_KINDS_NOT_YET.format(level=level, label=kinds[0].display_label,
                                                      meanwhile=_capital(meanwhile), label2=_label(kinds[1]))
    return " " + M.LEAD_LEVEL_KINDS.format(level=level, items=listed, label=_label(kinds[0]))


def meanwhile_sentence(c) -> str:
    """" Jenis hukuman ini belum berlaku (PP 94/2021 Pasal 42 ayat (1)): Sebelum berlakunya … berlaku ketentuan …
    Pasal 7 ayat (3) PP 53/2010 … (PP 94/2021 Pasal 42 ayat (2))." after a lead quoting a delayed rule."""
    later = c.meanwhile
    waiting = c.chunk.not_yet_in_force_until or {}
    text = words(later.shown_quote).rstrip(" .") if later is not None else ""
    if not text or not _fits(text):
        return ""
    clause = f"{_label(later).split(' Pasal ')[0]} Pasal {waiting.get('pasal')}" + \
        (f" ayat ({waiting['ayat']})" if waiting.get("ayat") else "")
    return " " + M.LEAD_NOT_YET_MEANWHILE.format(clause=clause, meanwhile=_capital(text), label=_label(later))


def _asks_more_than_status(query: Query) -> bool:
    return asks_more_than_status(query.original)


_NAMED_STILL_RE = re.compile(
    r"(?:\d{4}|\b(?:ASN|PNS|Pilkada|Pemilu))\W{0,3}(?:\w+\W+){0,2}masih\s+(?:berlaku|sah|dipakai)", re.IGNORECASE)


def _not_yet_in_force(c) -> bool:
    """The quoted item waits for a later act before it applies (only the ayat the delaying clause
    names: PP 94/2021 Pasal 8 ayat (3), not the rest of Pasal 8)."""
    waiting = c.chunk.not_yet_in_force_until
    if not waiting:
        return False
    m = re.search(r"\bayat \((\w+)\)", c.display_label)
    ayat = m.group(1) if m else c.chunk.ayat
    target = waiting.get("target_ayat")
    return target is None or ayat is None or str(target) == str(ayat)


_ASKS_STILL_RE = re.compile(r"\bmasih\s+(?:ber(?:laku|lakukah)|sah|dipa(?:kai|ke)|digunakan|jadi\s+dasar|"
                            r"bisa\s+dipa(?:kai|ke))|\bapa(?:kah)?\s+(?:\w+\s+){0,6}berlaku\s*\?", re.IGNORECASE)
_ASKS_REPEALED_RE = re.compile(r"\b(?:sudah|udah|udh|telah)\s+(?:di\s*cabut|tidak\s+berlaku|ga\s+berlaku|gak\s+berlaku|"
                               r"diganti)", re.IGNORECASE)


# "Kalau UU 5/2014 sudah dicabut, apakah PP 94/2021 ikut tidak berlaku?": the premise is not the question
_PREMISE_RE = re.compile(r"\b(?:kalau|kalo|klo|jika|apabila|bila|karena|krn|soalnya|setelah)\b[^,?.;]*,", re.IGNORECASE)


_KIND_OF_ACT = {"PP": "PP", "PERATURAN": "PP", "UU": "UU", "UNDANG-UNDANG": "UU"}


def _yes_no(query: Query, state: str, doc: Document) -> str:
    """"Tidak. " / "Ya. " before the status of `doc` when the question asks it as yes or no; "" otherwise:
    a status stated in a premise ("kalau … sudah dicabut, …") is not what is asked, nor is the status of
    something else ("… apakah aturan pelaksananya ikut tidak berlaku?")."""
    asked_text = _PREMISE_RE.sub(" ", query.original)
    if "?" in asked_text:
        # "PP 53/2010 sudah dicabut oleh PP 94/2021, tetapi ada yang bilang … Mana yang benar?": what a
        # sentence states is not what the question sentence asks
        asked_text = " ".join(s for s in re.findall(r"[^.?!]*\?", asked_text))
    names = [x for x in (doc.nomor, str(doc.tahun or "")) if x]  # "PP 53/2010", "UU ASN tahun 2014"
    still = _ASKS_STILL_RE.search(asked_text)
    ask = still or _ASKS_REPEALED_RE.search(asked_text)
    if ask is None:
        return ""
    if not any(re.search(rf"(?<!\d){re.escape(x)}(?!\d)", asked_text) for x in names):
        return ""
    # "… UU 5/2014 telah dicabut oleh UU 20/2023. Apakah kedua PP tersebut masih sah …?" asks about the PPs, not
    # UU 5/2014: the asking sentence points at acts of another kind ("ketentuan itu" still points back)
    start = max(asked_text.rfind(mark, 0, ask.start()) for mark in (". ", "? ", "! "))
    sentence = asked_text[start + 1 if start >= 0 else 0:]
    pointed = re.search(r"\b(PP|UU|Peraturan\s+Pemerintah|Undang-Undang)\b[^.?!]{0,20}?\b(?:tersebut|itu|ini)\b",
                        sentence, re.IGNORECASE)
    if pointed and not any(re.search(rf"(?<!\d){re.escape(x)}(?!\d)", sentence) for x in names) \
            and _KIND_OF_ACT.get(pointed.group(1).split()[0].upper(), "") != (doc.jenis or "").upper():
        return ""
    return M.STATUS_ANSWER.get(("still" if still else "repealed", state), "")


_ASKS_DUTY_RE = re.compile(r"\b(?:wajib\w*|harus\w*|haruskah|kewajiban\w*|perlu\w*|mesti\w*|musti)\b", re.IGNORECASE)
_ASKS_PENALTY_RE = re.compile(r"\b(?:hukuman|hukdis|sanksi\w*|dihukum|diancam)\b", re.IGNORECASE)


_GENERAL_BAB_RE = re.compile(r"ketentuan\s+umum", re.IGNORECASE)
RULE_NOW_DEPTH = 3  # the quoted citations; "Lihat juga" follows them
_COMMENCEMENT_RE = re.compile(r"mulai\s+berlaku\s+pada\s+tanggal\s+diundangkan", re.IGNORECASE)


def _rule_now(citations, new: Document | None, query: Query, sanction=None):
    """The rule of the repealing act that answers "… bagaimana sekarang?": in force and applying now — not a
    definition, not the commencement clause, not a clause for cases from before the act took effect unless
    the question tells of one (then that clause first); among the quoted citations only, never "Lihat juga"
    (PP 94/2021 Pasal 43 on CPNS is no answer to "PP 53/2010 masih dipakai?")."""
    if new is None:
        return None
    past = tells_past_case(query.original)
    candidates = [(i, x) for i, x in enumerate(citations) if x.chunk.doc_id == new.id and x.chunk.in_force
                  and not _not_yet_in_force(x) and not _REPEAL_RE.search(x.shown_quote)
                  and (past or not x.chunk.for_past_cases) and not _COMMENCEMENT_RE.search(x.shown_quote)
                  and not _GENERAL_BAB_RE.search(x.chunk.bab or "") and x is not sanction]
    if past:
        candidates.sort(key=lambda ix: not ix[1].chunk.for_past_cases)
    found = next((x for i, x in candidates if i < RULE_NOW_DEPTH), None)
    if found is None and _ASKS_PENALTY_RE.search(query.original):
        # "dulu hukuman sedang — sekarang masih sedang?": a rule of the new act that sets a level answers it,
        # from "Lihat juga" too (PP 94/2021 Pasal 14 huruf i ranked fifth, after the repeal and the old texts)
        found = next((x for _, x in candidates if level_of(x)), None)
    return found


def _status(c, citations, query: Query, documents: dict[str, Document], kept: Sequence[str] = (),
            sanction=None) -> str | None:
    named = [documents[d] for d in query.documents if d in documents]
    repealed = [d for d in named if not d.in_force]
    if repealed:
        old = repealed[0]
        new = documents.get(old.dicabut_oleh or "")
        # "UU 5/2014 sdh dicabut UU 20/2023. jadi PP 94 masih sah dipakai?": the yes or no is about the act the
        # "masih" follows (in force), and the repeal is its premise
        still = next((d for d in named if d.in_force and re.search(
            rf"(?<!\d){re.escape(d.nomor)}(?!\d)(?:\s*/\s*\d{{4}})?\W{{0,3}}(?:\w+\W+){{0,2}}masih\s+"
            r"(?:sah|berlaku|dipakai|dipake|digunakan|bisa)", query.original, re.IGNORECASE)), None) if any(
            d.in_force for d in named) else None
        # the rule in force now: never a provision whose own text is not yet in force (PP 94/2021 Pasal 8
        # ayat (3) waits for the PP on Gaji dan Tunjangan)
        now = _rule_now(citations, new, query, sanction)
        # "hukuman saya dijatuhkan 2020 dan masih saya jalani — masih berlaku?": the "masih" is about the case,
        # which the clause for past cases answers; no yes or no about the repealed act before it
        own_case = now is not None and now.chunk.for_past_cases
        # repealed except what a saving clause keeps: never a bare "tidak berlaku lagi" then
        lead = (M.STATUS_STILL_IN_FORCE.format(doc=still.short_name) if still is not None else
                "" if own_case else _yes_no(query, "partly" if kept else "repealed", old)) + (
            M.LEAD_REPEALED_EXCEPT.format(old=old.short_name, new=new.short_name if new else "peraturan baru",
                                          items="; ".join(kept)) if kept else
            M.LEAD_REPEALED.format(old=old.short_name, new=new.short_name if new else "peraturan baru"))
        if now is not None and _asks_more_than_status(query):
            if now.chunk.transitional:  # whom it is for ("… sebelum berlakunya PP ini …") must not be cut off
                lead += M.LEAD_REPEALED_TRANSITION.format(new=new.short_name if new else "peraturan baru",
                                                          label=now.display_label,
                                                          what=gist(words(now.shown_quote), 320))
            else:
                lead += M.LEAD_REPEALED_NOW.format(label=now.display_label, what=gist(words(now.shown_quote), 160))
            carrier = sanction if sanction is not None and level_of(sanction) else now
            if _ASKS_PENALTY_RE.search(query.original) and (level := level_of(carrier)):
                # "dulu hukuman sedang — kini masih sedang?": the level the rule in force carries
                lead += M.LEAD_FORBIDDEN_SANCTION.format(level=level, label=carrier.display_label)
        for doc in named:
            if doc.in_force and doc is not new and doc is not still:
                lead += " " + M.LEAD_IN_FORCE.format(doc=doc.short_name)
        return lead
    if _REPEAL_RE.search(c.shown_quote) and _fits(body(c)):
        return M.LEAD_GENERAL.format(label=_label(c), what=body(c))
    if len(named) == 1 and _NAMED_STILL_RE.search(query.original):
        return _yes_no(query, "in_force", named[0]) + M.LEAD_IN_FORCE.format(doc=named[0].short_name)
    return None


def lead_for(kind: Kind, query: Query, citations: Sequence, documents: dict[str, Document],
             sanction=None, kept: Sequence[str] = ()) -> str:
    """One or two sentences that answer a question of `kind` from `citations` (first = answering).
    `kept`: provisions of a repealed regulation the question names that a saving clause keeps in
    force ("PP 53/2010 Pasal 7 ayat (3), tetap berlaku berdasarkan PP 94/2021 Pasal 42")."""
    token = _KEEP.set(frozenset(topic_stems(query.original)))
    try:
        return _lead_for(kind, query, citations, documents, sanction, kept)
    finally:
        _KEEP.reset(token)


def _lead_for(kind: Kind, query: Query, citations: Sequence, documents: dict[str, Document],
              sanction=None, kept: Sequence[str] = ()) -> str:
    c = citations[0]
    lead: str | None = None
    old_figure = None
    if kind is Kind.NUMBER and not c.chunk.in_force and (was := amount(c, query.original)):
        # "Di UU 5/2014 … 2 tahun. Setelah UU ASN baru, masih 2 tahun kah?": the figure in force leads
        # (UU 20/2023 Pasal 60 ayat (2), 5 tahun); the repealed one follows as what it was
        now = next((x for x in citations[1:RULE_NOW_DEPTH] if x.chunk.in_force and x.chunk.kind != "article"
                    and states_asked_value(kind, x, query.original, _common(x)) and amount(x, query.original)), None)
        if now is not None:
            old_figure = M.LEAD_OLD_FIGURE.format(amount=was, label=_label(c))
            c = now
    if kind is Kind.LOOKUP:
        from bot.answer import pasal_only

        whole = getattr(c, "whole_lookup", False)
        lead = M.LEAD_LOOKUP.format(label=pasal_only(c.display_label) if whole else c.display_label,
                                    status=c.status_text)
        if (unread := getattr(c, "unread_item", None)) is not None:
            lead = M.LEAD_LOOKUP_UNREAD.format(Item=_capital(unread), item=unread, pasal=pasal_only(c.display_label),
                                               status=c.status_text)
    elif kind is Kind.PERMISSION:
        lead = _permission(c, sanction, query.original, citations, query.expanded)
    elif kind is Kind.OBLIGATION and re.search(r"\b(wajib|harus)\b", body(c)):
        # "wajibkah …?" is not "boleh?"; "cukup ambil CLTN sa ko?" is not "wajibkah?": a duty, with no "Ya"
        duty = M.LEAD_OBLIGED if _ASKS_DUTY_RE.search(query.original) else M.LEAD_DUTY
        lead = duty.format(what=body(c), label=_label(c))
    elif kind is Kind.OBLIGATION and re.search(r"\bberhak\b", body(c)):
        lead = M.LEAD_RIGHT.format(what=body(c), label=_label(c))  # "wajib dipenuhi?" — the PNS has the right
    elif kind is Kind.SANCTION:
        lead = _sanction(c, sanction, citations, query.original)
    elif kind is Kind.AUTHORITY and states_asked_value(kind, c, query.original, _common(c)) and _fits(body(c)):
        lead = M.LEAD_AUTHORITY.format(label=_label(c), what=body(c)) + _authority_levels(c, citations, query.original)
    elif kind is Kind.AUTHORITY and (opening := _authority_opening(c)) is not None and _fits(body(c)):
        # "Pejabat Pimpinan Tinggi Pratama … berwenang menetapkan penjatuhan Hukuman Disiplin bagi: c. …":
        # the authority is the opening of the quoted item
        lead = M.LEAD_AUTHORITY.format(label=_label(c), what=f"{opening} {body(c)}") \
            + _authority_levels(c, citations, query.original)
        if sanction is not None and (level := level_of(sanction)):
            # reached through the conduct's level (bot/answer.py authority_for_level): the level is said too
            lead += M.LEAD_FORBIDDEN_SANCTION.format(level=level, label=sanction.display_label)
    elif kind is Kind.NUMBER and states_asked_value(kind, c, query.original, _common(c)) \
            and (n := amount(c, query.original)):
        clause = _clause_with(c, n)
        if re.search(rf"{re.escape(n)}\s+atau\s+(?:lebih|kurang)\b", clause) \
                or (_LIMIT_RE.search(clause.split(n, 1)[0]) and re.search(r"\bkali\b", n)):
            # "tidak dapat dijatuhi Hukuman Disiplin 2 (dua) kali atau lebih …" bounds what may happen: "2 (dua)
            # kali" in front would read as the answer to "dihukum berapa kali?" (graders' D); the law's words lead
            lead = M.LEAD_GENERAL.format(label=_label(c), what=clause)
        else:
            lead = M.LEAD_NUMBER.format(amount=_capital(n), label=_label(c), what=clause)
    elif kind is Kind.NUMBER and _holds_kind(kind, c, query.original) and (when := _date(c)):
        lead = M.LEAD_NUMBER.format(amount=_capital(when), label=_label(c), what=body(c))
    elif kind in TYPED_KINDS:
        # the cited item states no such value about what was asked: say what it states, assert nothing;
        # the hedge only when neither the item nor its opening holds a value of the asked kind at all
        # (never under a date or an authority the quote itself gives)
        lead = _general(c, kind, force_open=not _holds_kind(kind, c, query.original), question=query.original)
    elif kind is Kind.COVERAGE:
        # the citation that names the group asked about answers "berlaku juga bagi CPNS?", wherever it
        # ranks among the cited ("Ketentuan … berlaku juga bagi CPNS" in a closing pasal)
        lead = next((x for x in (_coverage_named(x, query) for x in citations) if x), None) or _coverage(c, query)
    elif kind is Kind.STATUS:
        lead = _status(c, citations, query, documents, kept, sanction)
    elif kind is Kind.DEFINITION and (d := definition(c, query.original)):
        lead = M.LEAD_DEFINITION.format(term=_capital(d[0]), what=d[1], label=_label(c))
    elif kind is Kind.LIST:
        listed = words(_without_references(c.shown_quote))
        intro = re.split(r"\s(?=[a-z1-9]\.\s)", listed, maxsplit=1)[0]
        if 0 < len(listed) <= 340:
            lead = M.LEAD_GENERAL.format(label=_label(c), what=listed)
        elif 0 < len(intro) <= 200 and intro != listed:
            lead = M.LEAD_LIST.format(label=_label(c), what=intro.rstrip(":") + ":")
    if lead is None and kind is not Kind.PERMISSION and (found := forbidden(c)) is not None and _fits(found[1]):
        subject, what = found
        lead = M.LEAD_GENERAL.format(label=_label(c), what=f"{_capital(subject)} dilarang {what}")
        lead += _consequence(sanction, citations, query.original)
    lead = lead or _general(c, kind)
    if old_figure is not None:
        lead += old_figure
    rule = next((x for x in citations[1:] if getattr(x, "group_rule", False)), None)
    if rule is not None and _fits(what := _group_rule_clause(rule)):
        lead += M.LEAD_GROUP_RULE.format(what=what, label=_label(rule))
    doc = documents.get(c.chunk.doc_id)
    if asked_group(query.original) == "PPPK" and binds_pns_only(doc) and doc is not None:
        lead += M.LEAD_PNS_ONLY.format(doc=doc.short_name, title=doc.judul)
    return lead
