"""Understand a question before searching: chat words → the law's words, and named pasal.

Users write "boleh gak PNS like postingan caleg?" while the law says "memberikan dukungan kepada
calon anggota Dewan Perwakilan Rakyat". The vocabulary map (`bot/data/vocabulary.json`) adds the
law's words to the query; the user's own words stay, and nothing inside quotes is expanded.
Direct references ("pasal 5 PP 94/2021", "UU ASN pasal 9 ayat 2") are parsed so retrieval can put
that pasal first, through the aliases in `bot/data/aliases.json` (UU ASN → the UU in force).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bot.numbers import NUMBER_WORDS, words_to_int
from indexer.types import Document

DATA_DIR = Path(__file__).resolve().parent / "data"

_QUOTE_RE = re.compile(r"\"([^\"]+)\"|“([^”]+)”|'([^']{3,})'|‘([^’]+)’")
_JENIS_WORDS = (
    r"undang[- ]undang|uu|perppu|peraturan pemerintah|pp|peraturan presiden|perpres|"
    r"surat keputusan bersama|skb|surat edaran|se|permenpanrb|permenpan|perbawaslu|perbkn"
)
# "PP 94/2021", "UU No. 20 Tahun 2023", "Undang-Undang Nomor 5 Tahun 2014", "PP 53 thn 2010", "SKB 2/2022"
_DOC_RE = re.compile(
    rf"\b(?P<jenis>{_JENIS_WORDS})\s*(?:republik indonesia\s*)?(?:no\.?|nomor|nmr\.?|nr\.?)?\s*"
    r"(?P<nomor>\d{1,4})(?:\s*(?:/|tahun|thn\.?|th\.?|tah\.)\s*(?P<tahun>(?:19|20)\d{2}))?\b",
    re.IGNORECASE,
)
_PASAL_RE = re.compile(
    r"\bpasal\s*(?P<pasal>\d{1,3}[a-z]?)\b"
    r"(?:\s*(?:ayat|ay\.)\s*\(?(?P<ayat>\d{1,2})\)?)?"
    r"(?:\s*huruf\s*\(?(?P<huruf>[a-z])\)?\b)?"
    r"(?:\s*angka\s*\(?(?P<angka>\d{1,2})\)?)?",
    re.IGNORECASE,
)
# How people abbreviate the parts of a reference: "Psl 12", "ps. 5", "ay. 2", "hrf b", "angk 3".
_ABBREVIATIONS = (
    (re.compile(r"\b(?:psl|psl\.|ps\.?|pas\.)\s*(?=\d|ke\b)", re.IGNORECASE), "pasal "),
    (re.compile(r"\b(?:ay\.|ayt\.?|ay(?=\s*\(?\d))\s*", re.IGNORECASE), "ayat "),
    (re.compile(r"\b(?:hrf\.?|hur\.|hr\.)\s*(?=[a-z]\b|\([a-z]\))", re.IGNORECASE), "huruf "),
    (re.compile(r"\b(?:angk\.?|ang\.)\s*(?=\d)", re.IGNORECASE), "angka "),
)
# "pasal ke-12", "pasal ke 12": the number itself.
_ORDINAL_RE = re.compile(r"\b(pasal|ayat|angka)\s+ke\s*-?\s*(?=\d)", re.IGNORECASE)
_SPELLED_RE = re.compile(rf"\b(pasal|ayat|angka)\s+(?:ke\s*-?\s*)?({NUMBER_WORDS.pattern})", re.IGNORECASE)
_YEAR_RE = re.compile(r"^\s*(?:tahun|thn\.?|th\.?)?\s*((?:19|20)\d{2})\b", re.IGNORECASE)
# Status words only ("masih berlaku?", "sudah dicabut?", "penggantinya apa?"): "dulu … sekarang" alone
# compares what the old and new rule say, and is answered from their content, not a repeal clause.
_OLD_RULE_RE = re.compile(
    r"\b(masih berlaku|masih dipakai|masih dipake|masih digunakan|masih dipakai|sudah dicabut|dicabut|"
    r"diganti|pengganti(?:nya)?|yang baru|tidak berlaku lagi)\b",
    re.IGNORECASE,
)

# "aturan dulu", "yang lama": the old rule. "dulu" alone is mostly "first" ("mundur dulu").
_ASKS_OLD_RE = re.compile(
    r"\b(dahulu|yang lama|aturan lama|ketentuan lama|sebelum diubah|(?:aturan|ketentuan|peraturan)(?:nya)? "
    r"(?:yang )?dulu|dulu(?:nya)? (?:aturan|ketentuan|bunyi)\w*|dulunya)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    """A pasal the user names. `doc_ids` are candidates, preferred first (an alias may cover a
    law and its amendments); empty when the user gave a pasal but no document."""

    doc_ids: tuple[str, ...]
    pasal: str
    ayat: str | None = None
    huruf: str | None = None
    angka: str | None = None
    named: str = ""


@dataclass
class Query:
    """The parsed question: what to search with, and what the user pointed at explicitly."""

    original: str
    normalized: str
    expanded: str
    expansions: list[str] = field(default_factory=list)
    quoted: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)  # ids of documents named (known or not)
    unknown_documents: list[str] = field(default_factory=list)  # named but not in the catalogue
    unknown_names: list[str] = field(default_factory=list)  # how the user wrote those
    wants_old: bool = False  # asks about a repealed rule or what replaced it
    asks_status: bool = False  # asks whether a named repealed rule still applies / what replaced it
    intents: list[str] = field(default_factory=list)  # names of bot/data/intents.json entries matched


@dataclass(frozen=True)
class _Alias:
    names: tuple[str, ...]
    default: str
    by_year: dict[str, str]
    family: tuple[str, ...]


@lru_cache(maxsize=4)
def load_vocabulary(path: str | None = None) -> dict[str, str]:
    raw = json.loads(Path(path or DATA_DIR / "vocabulary.json").read_text(encoding="utf-8"))
    return {k.lower(): v for k, v in raw["terms"].items()}


@dataclass(frozen=True)
class Intent:
    """What a question asks (who imposes, repeat offence …): the law's phrasing and the pasal it marks."""

    name: str
    when: re.Pattern[str]
    adds: str
    marks: re.Pattern[str]


@lru_cache(maxsize=4)
def load_intents(path: str | None = None) -> tuple[Intent, ...]:
    raw = json.loads(Path(path or DATA_DIR / "intents.json").read_text(encoding="utf-8"))
    return tuple(
        Intent(i["name"], re.compile(i["when"], re.IGNORECASE), i["adds"], re.compile(i["marks"], re.IGNORECASE))
        for i in raw["intents"]
    )


_WORD_RE = re.compile(r"[a-z]+")


def _men(base: str) -> str:
    """The formal meN- form of a base word: hukum → menghukum, lapor → melapor, sebar → menyebar."""
    first = base[:1]
    if first in "aiueogh" or (first == "k" and base[1:2] not in "aiueo"):
        return "meng" + base
    if first == "k":
        return "meng" + base[1:]
    if first in "bfpv":
        return "mem" + (base[1:] if first == "p" else base)
    if first in "dcjz":
        return "men" + base
    if first == "t":
        return "men" + base[1:]
    if first == "s":
        return "meny" + base[1:]
    return "me" + base


def colloquial_candidates(word: str) -> list[str]:
    """Formal readings of a Jakarta-style word, most likely first: the -in suffix is -kan or -i
    (ditangguhin → ditangguhkan), ng-/nge-/ny- prefixes are meN- (ngehukum → menghukum,
    ngulangin → mengulangkan, nyebarin → menyebarkan). Unchecked: the caller keeps only words the
    corpus knows."""
    w = word.lower()
    cores = [w]
    if len(w) > 5 and w.endswith("in"):
        cores = [w[:-2] + "kan", w[:-2] + "i"]
    out: list[str] = []
    for c in cores:
        if c.startswith("nge") and len(c) > 5 and c[3] not in "aiueo":
            out.append(_men(c[3:]))
        elif c.startswith("ng") and len(c) > 4 and c[2] in "aiueo":
            out.append("meng" + c[2:])
        elif c.startswith("ny") and len(c) > 4 and c[2] in "aiueo":
            out += ["meny" + c[2:], "menc" + c[2:]]
        elif c != w:
            out.append(c)
    return [c for c in out if c != w]


def formal_forms(text: str, known: Callable[[str], bool]) -> list[str]:
    """The formal word for each colloquial one in `text` the corpus does not know but whose formal
    reading it does ("ditangguhin" → "ditangguhkan"). Words the corpus uses are left alone, so
    ordinary words ending in -in (ingin, mungkin, izin) are never rewritten, nor words the vocabulary
    already maps."""
    vocab = load_vocabulary()
    out: list[str] = []
    for w in dict.fromkeys(_WORD_RE.findall(text.lower())):
        if len(w) < 5 or known(w) or w in vocab:  # the vocabulary's curated reading comes first
            continue
        c = next((c for c in colloquial_candidates(w) if known(c)), None)
        if c and c not in out:
            out.append(c)
    return out


@lru_cache(maxsize=4)
def _load_aliases(path: str | None = None) -> tuple[list[_Alias], dict[str, str]]:
    raw = json.loads(Path(path or DATA_DIR / "aliases.json").read_text(encoding="utf-8"))
    aliases = [
        _Alias(
            names=tuple(n.lower() for n in a["names"]),
            default=a["default"],
            by_year=dict(a.get("by_year", {})),
            family=tuple(a.get("family", ())),
        )
        for a in raw["aliases"]
    ]
    return aliases, {k.lower(): v for k, v in raw["jenis"].items()}


@lru_cache(maxsize=4)
def _vocab_pattern(path: str | None = None) -> re.Pattern[str]:
    keys = sorted(load_vocabulary(path), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w-])", re.IGNORECASE)


def normalize(text: str) -> str:
    """Lower case, straight quotes, single spaces: the form matching works on."""
    text = text.replace("\u00a0", " ").replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTE_RE.finditer(text)]


def expand(text: str, vocabulary_path: str | None = None) -> list[str]:
    """The law's words for the chat words in `text` (outside quotes), in order, without repeats."""
    vocab = load_vocabulary(vocabulary_path)
    spans = quoted_spans(text)
    seen: set[str] = set()
    out: list[str] = []
    for m in _vocab_pattern(vocabulary_path).finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        value = vocab[m.group(1).lower()]
        if value.lower() not in seen and value.lower() != m.group(1).lower():
            seen.add(value.lower())
            out.append(value)
    return out


def spell_reference(text: str) -> str:
    """The reference parts of a question in the one spelling the parser reads: "Psl 12" → "pasal 12",
    "pasal dua belas" → "pasal 12", "ayat dua huruf b" → "ayat 2 huruf b", "pasal ke-5" → "pasal 5".
    Everything else is left as written."""
    for pattern, word in _ABBREVIATIONS:
        text = pattern.sub(word, text)
    text = _ORDINAL_RE.sub(lambda m: m.group(1) + " ", text)

    def number(m: re.Match[str]) -> str:
        value = words_to_int(m.group(2))
        return f"{m.group(1)} {value}" if value is not None else m.group(0)

    return _SPELLED_RE.sub(number, text)


def _doc_id(
    jenis: str, nomor: str, tahun: str | None, docs: dict[str, Document], jenis_map: dict[str, str]
) -> str:
    key = re.sub(r"\s+", " ", jenis.lower().replace("undang undang", "undang-undang"))
    code = jenis_map.get(key, jenis.upper())
    if tahun:
        return f"{code.lower()}-{int(nomor)}-{tahun}"
    # "PP 94" without a year: the catalogue entry of that kind and number (in force first).
    matches = [
        d for d in docs.values()
        if (d.jenis or "").upper() == code and str(d.nomor) == str(int(nomor))
    ]
    matches.sort(key=lambda d: (not d.in_force, -(d.tahun or 0)))
    return matches[0].id if matches else f"{code.lower()}-{int(nomor)}"


def _find_documents(text: str, docs: dict[str, Document]) -> list[tuple[int, int, tuple[str, ...], str]]:
    """(start, end, candidate ids, as written) for every document the text names."""
    aliases, jenis_map = _load_aliases()
    found: list[tuple[int, int, tuple[str, ...], str]] = []
    low = text.lower()
    taken: list[tuple[int, int]] = []
    for alias in aliases:
        for name in sorted(alias.names, key=len, reverse=True):
            for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", low):
                if any(a <= m.start() < b for a, b in taken):
                    continue
                end = m.end()
                ids: tuple[str, ...] = alias.family or (alias.default,)
                ym = _YEAR_RE.match(low[end:end + 12])
                if ym and ym.group(1) in alias.by_year:
                    ids = (alias.by_year[ym.group(1)],)
                    end += ym.end()
                found.append((m.start(), end, ids, text[m.start():end]))
                taken.append((m.start(), end))
    for m in _DOC_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        jenis = m.group("jenis").lower()
        # "se" and "pp" alone are common; demand a number (the regex does) and, for "se", a year.
        if jenis == "se" and not m.group("tahun"):
            continue
        if not m.group("tahun") and re.fullmatch(r"(19|20)\d\d", m.group("nomor")):
            continue  # "UU 2023 tentang ASN": a year, not a number
        doc_id = _doc_id(jenis, m.group("nomor"), m.group("tahun"), docs, jenis_map)
        ids = (doc_id,)
        for alias in aliases:  # a numbered law that heads a family (UU 1/2015) brings its amendments
            if alias.family and doc_id == alias.family[0]:
                ids = alias.family
        found.append((m.start(), m.end(), ids, m.group(0)))
        taken.append(m.span())
    found.sort()
    return found


# Kinds of regulation named without a number ("menurut Perwali", "lampiran Peraturan BKN", "peraturan
# gubernur yang berlaku"): when the index holds no document of that kind, the question asks for a text
# we do not have, and it is declined as such rather than answered from a law about something else.
_UNNUMBERED_KINDS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), code, label) for pattern, code, label in (
        (r"perwali|perwal|perwalkot|peraturan\s+wali\s*kota", "PERWALI", "Peraturan Wali Kota"),
        (r"pergub|peraturan\s+gubernur", "PERGUB", "Peraturan Gubernur"),
        (r"perbup|peraturan\s+bupati", "PERBUP", "Peraturan Bupati"),
        (r"perda|peraturan\s+daerah", "PERDA", "Peraturan Daerah"),
        (r"perdes|peraturan\s+desa", "PERDES", "Peraturan Desa"),
        (r"perka\s*bkn|per\s*bkn|peraturan\s+(?:kepala\s+)?bkn|peraturan\s+badan\s+kepegawaian\s+negara",
         "PERBKN", "Peraturan BKN"),
        (r"pkpu|peraturan\s+kpu|peraturan\s+komisi\s+pemilihan\s+umum", "PKPU", "Peraturan KPU"),
        (r"perbawaslu|peraturan\s+bawaslu|peraturan\s+badan\s+pengawas\s+pemilihan\s+umum", "PERBAWASLU",
         "Peraturan Bawaslu"),
        # not bare "permen" (a sweet: "bagi-bagi permen pas kampanye")
        (r"permen(?:pan\s*-?\s*rb|\w{3,})|peraturan\s+menteri", "PERMEN", "Peraturan Menteri"),
        (r"perpres|peraturan\s+presiden", "PERPRES", "Peraturan Presiden"),
    )
)


UNNUMBERED_KIND_CODES = frozenset(code.lower() for _, code, _ in _UNNUMBERED_KINDS)


def _unheld_kinds(text: str, docs: dict[str, Document], taken: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """(code, label) of each kind of regulation the text names (outside `taken` spans) that the index
    holds no document of."""
    held = {(d.jenis or "").upper() for d in docs.values()}
    out: list[tuple[str, str]] = []
    for pattern, code, label in _UNNUMBERED_KINDS:
        m = pattern.search(text)
        if m and code not in held and not any(a <= m.start() < b for a, b in taken) \
                and (code.lower(), label) not in out:
            out.append((code.lower(), label))
    return out


_SECOND_ASK_RE = re.compile(r"(?:,\s*|\s)(?:dan|serta|lalu|terus|trus)\s+(?=(?:kapan|berapa|brp|siapa|apa|apakah|"
                            r"bagaimana|gimana|mana|ke\s*mana)\b)|,\s+(?=(?:siapa|kapan|berapa|brp|apakah|bagaimana|"
                            r"gimana)\b)|\?\s+(?=\S)|"
                            # a ticket's numbered asks: "… berlaku; (2) apakah …; (3) siapa …"
                            r"[;.?]\s*(?=\((?:[2-9]|[b-f])\)\s)", re.IGNORECASE)


def question_parts(question: str) -> list[str]:
    """"Berapa hari … dan kapan panggilan kedua …?" → its two asks; one ask → [question]."""
    parts = [p.strip() for p in _SECOND_ASK_RE.split(question) if p and p.strip()]
    return parts if len(parts) > 1 else [question]


def question_asks(question: str) -> list[str]:
    """The asks of a question of several, each without the story told before it ("Saya kepala seksi.
    Kalau saya tidak hadir, apakah …" → "Kalau saya tidak hadir, apakah …"); one ask → [question]."""
    parts = question_parts(question)
    if len(parts) < 2:
        return parts
    return [re.split(r"(?<=[.!])\s+", p)[-1] for p in parts]


# "sy staf BKPSDM", "kami dari bagian kepegawaian": the asker is the office the answers would send them to
_PERSONNEL_ASKER_RE = re.compile(
    r"\b(?:sa?ya|sy|aku|ak|kami|kmi|gw|gue|ulun|beta)\s+(?:\w+\s+){0,2}?(?:di|dari|dr|bagian|bag\.?|staf|staff|pegawai|"
    r"petugas|analis|kepala|kabid|kasubbag)?\s*(?:bkpsdm\w*|bkd|bkpp|bkpsdmd|biro\s+kepegawaian|bagian\s+kepegawaian|"
    r"subbag\s+kepegawaian|kepegawaian)\b", re.IGNORECASE)


def asker_is_personnel_office(question: str) -> bool:
    """The asker works in the personnel office (BKPSDM, BKD, biro kepegawaian): "ask your BKPSDM" is circular."""
    return bool(_PERSONNEL_ASKER_RE.search(question))


# Who the question is about when nobody in it is a civil servant: a village head, village staff, a soldier or
# a police officer. PP 94/2021, PP 11/2017 and the ASN law bind PNS/ASN only; their conduct is ruled by the
# Pilkada and Pemilu laws (UU 10/2016 Pasal 70–71, UU 1/2015 Pasal 188 …).
_OUTSIDER_RE = re.compile(
    r"(?<!calon )(?<!paslon )(?<!nyalon )\b(?:kepala desa|kades|kepala kampung|kepala kampong|wali nagari|"
    r"kepala nagari|geuchik|keuchik|kepala lembang|perbekel|pambakal|kuwu|perangkat desa|aparat desa|aparat kampung|"
    r"perangkat kampung|kaur|kadus|kepala dusun|sekdes|sekretaris desa|"
    r"tni|polri|polisi|tentara|babinsa|bhabinkamtibmas|prajurit)\b", re.IGNORECASE)
_CIVIL_SERVANT_RE = re.compile(
    r"(?<!bukan )(?<!non )(?<!non-)\b(?:pns|asn|pppk|p3k|cpns|pegawai negeri|aparatur sipil|guru|dosen|camat|lurah|"
    r"sekda|honorer)\b", re.IGNORECASE)


def about_outsider(question: str) -> bool:
    """The question is about a kepala desa, perangkat desa, TNI or Polri and names no civil servant: the
    rules written for PNS/ASN are not theirs ("sy kades, diajak jadi jurkam paslon, boleh?")."""
    return bool(_OUTSIDER_RE.search(question)) and not _CIVIL_SERVANT_RE.search(question)


_PPPK_RE = re.compile(r"\b(?:pppk|p3k|pegawai pemerintah dengan perjanjian kerja)\b", re.IGNORECASE)


def about_pppk(question: str) -> bool:
    """The question names PPPK ("sa guru P3K, aturan netral berlaku ka?"): the PNS regulations are not theirs."""
    return bool(_PPPK_RE.search(question))


# "bisa kena pidana gak?", "berapo lamo penjaro samo dendonyo?": the question asks for a criminal penalty, which
# only a law's "Ketentuan Pidana" sets. Not "tersangka tindak pidana pemilu" or "PNS yang dipidana penjara 2 tahun"
# (a conviction's consequence for the post, a civil-service rule).
_CRIMINAL_RE = re.compile(
    r"(?<!tindak )(?<!terpidana )\b(?:di)?pidana(?:nya)?\b(?!\s+(?:pemilu|pemilihan|penjara\s+\d|penjara\s+paling))"
    r"|\b(?:dipenjara|dipenjaro|dibui|penjara(?:nya)?|penjaro)\b(?!\s+\d)|\bmasuk\s+(?:penjara|penjaro|bui)\b"
    r"|\bden(?:da|do)(?:nya|nyo)?\b", re.IGNORECASE)
_CONVICTED_RE = re.compile(
    r"\b(?:tersangka|terdakwa|divonis|vonis|putusan\s+pengadilan|inkracht|berkekuatan\s+hukum\s+tetap|ditahan|"
    r"dijatuhi)\b|\b(?:yang|yg|sudah|telah|pernah)\s+(?:di)?pidana", re.IGNORECASE)


def asks_criminal(question: str) -> bool:
    """"itu cuma pelanggaran disiplin ato bisa pidana? brapa ancamannya?": a criminal penalty is asked for."""
    return bool(_CRIMINAL_RE.search(question)) and not _CONVICTED_RE.search(question)


# "cabupnya kena juga?": chat names the candidate by office too (cabup, cawabup, cagub, cawalkot, cakada)
_CANDIDATE_WORDS = r"(?:paslon\w*|pasangan\s+calon|calon\w*|kandidat\w*|cabup\w*|cawabup\w*|cagub\w*|cawagub\w*|" \
                   r"cawalkot\w*|cawawalkot\w*|cakada\w*)"
_ASKS_CANDIDATE_SANCTION_RE = re.compile(
    rf"\b{_CANDIDATE_WORDS}\b[^.?!]{{0,80}}\b(?:sanksi\w*|pidana\w*|dipidana|"
    r"dihukum|hukuman\w*|kena|ancaman\w*)\b|\b(?:sanksi\w*|pidana\w*|dipidana|hukuman\w*|ancaman\w*)\b[^.?!]{0,60}"
    rf"\b{_CANDIDATE_WORDS}\b", re.IGNORECASE)


# "… keputusan yang menguntungkan salah satu pasangan calon … dapat dipidana?": the candidate favoured is not the
# one whose penalty is asked
_FAVOURED_RE = re.compile(
    rf"\b(?:menguntungkan|merugikan|mendukung|dukung|memihak|berpihak|keberpihakan|milih|memilih|coblos|nyoblos)"
    rf"\s+(?:\w+\s+){{0,3}}?{_CANDIDATE_WORDS}", re.IGNORECASE)


def asks_candidate_sanction(question: str) -> bool:
    """"yg kena pidana itu paslonnya ato gurunya?": the candidate's own penalty is asked for — a clause punishing
    candidates (UU 8/2015 Pasal 189) answers it, not the official's (UU 1/2015 Pasal 188)."""
    return bool(_ASKS_CANDIDATE_SANCTION_RE.search(_FAVOURED_RE.sub(" ", question)))


_STATUS_WORDS_RE = re.compile(
    r"\b(?:(?:pp|uu|undang-undang|peraturan pemerintah)\s*(?:no\.?|nomor)?\s*\d+\s*(?:/|tahun|thn)?\s*(?:\d{4})?|"
    r"masih|berlaku|dipakai|dipake|digunakan|dicabut|sudah|sekarang|yang|ga|gak|nggak|tidak|sih|apa|apakah|"
    r"itu|ini|nomor|berapa|pengganti\w*|aturan|asn|tahun|dan)\b", re.IGNORECASE)


# "… dijatuhi pada tahun 2020 dan masih menjalaninya", "belum diperiksa sebelum PP 94/2021 terbit": a case that
# began under the old rule
_PAST_CASE_RE = re.compile(r"\bsebelum\b|\bbelum\s+(?:pernah\s+)?(?:di)?(?:periksa|putus|proses)|\b(?:men|di)jalani|"
                           r"\bsedang\s+(?:dalam\s+)?(?:di)?(?:periksa|proses|pemeriksaan|berjalan)|"
                           r"\b(?:pada|tahun|thn|th|pilkada|pemilu|sejak|desember|juli|pertengahan)\s+20[0-2]\d\b",
                           re.IGNORECASE)


_DOC_NAME_RE = re.compile(r"\b(?:pp|uu|perpres|perppu|permen\w*|se|skb|peraturan\s+pemerintah|undang-undang)\s*"
                          r"(?:no\.?|nomor)?\s*\d+[a-z]?\s*(?:tahun|thn|th|/)\s*\d{4}", re.IGNORECASE)


def tells_past_case(question: str) -> bool:
    """The question tells of a case that began before the act took effect: what a transitional clause is for
    ("PP 53 Tahun 2010" names an act, not a time)."""
    return bool(_PAST_CASE_RE.search(_DOC_NAME_RE.sub(" ", question)))


def asks_more_than_status(question: str) -> bool:
    """"PP 53/2010 masih berlaku?" asks only the status; "… dihukum apa? masih dipakai?" asks more."""
    rest = _STATUS_WORDS_RE.sub(" ", question)
    return len([w for w in re.findall(r"[A-Za-z]{4,}", rest)]) >= 3


def parse_query(
    question: str, documents: Iterable[Document] = (), known: Callable[[str], bool] | None = None
) -> Query:
    """Parse a question: expansions, quotes, named documents and pasal references. `known` says
    whether the corpus uses a word; with it, colloquial word forms gain their formal reading."""
    docs = {d.id: d for d in documents}
    text = spell_reference(re.sub(r"\s+", " ", question.replace("\u00a0", " ")).strip())
    quoted = [next(g for g in m.groups() if g) for m in _QUOTE_RE.finditer(text)]
    expansions = expand(text)
    if known is not None:
        unquoted = _QUOTE_RE.sub(" ", text)
        expansions += [f for f in formal_forms(unquoted, known) if f not in expansions]
    intents = [i for i in load_intents() if i.when.search(text)]
    expansions += [i.adds for i in intents if i.adds not in expansions]
    named = _find_documents(text, docs)

    doc_ids: list[str] = []
    for _, _, ids, _ in named:
        for i in ids:
            if i not in doc_ids:
                doc_ids.append(i)
    unknown: list[str] = []
    unknown_names: list[str] = []
    if docs:
        for _, _, ids, written in named:
            if not any(i in docs for i in ids) and ids[0] not in unknown:
                unknown.append(ids[0])
                unknown_names.append(written.strip())
        for code, label in _unheld_kinds(text, docs, [(a, b) for a, b, _, _ in named]):
            unknown.append(code)
            unknown_names.append(label)

    references: list[Reference] = []
    for m in _PASAL_RE.finditer(text):
        if named:
            # The nearest document mention (before or after) owns the pasal.
            def distance(item: tuple[int, int, tuple[str, ...], str], m: re.Match[str] = m) -> int:
                start, end = item[0], item[1]
                return m.start() - end if end <= m.start() else start - m.end() if start >= m.end() else 0
            owner = min(named, key=lambda item: (abs(distance(item)), item[0]))
            ids, written = owner[2], owner[3]
        else:
            ids, written = (), ""
        references.append(Reference(
            doc_ids=tuple(ids),
            pasal=m.group("pasal").upper() if m.group("pasal")[-1].isalpha() else m.group("pasal"),
            ayat=m.group("ayat"),
            huruf=(m.group("huruf") or None) and m.group("huruf").lower(),
            angka=m.group("angka"),
            named=written.strip(),
        ))

    named_repealed = any(docs.get(i) is not None and not docs[i].in_force for i in doc_ids)
    wants_old = named_repealed or bool(_ASKS_OLD_RE.search(text))
    asks_status = named_repealed and bool(_OLD_RULE_RE.search(text))
    if asks_status:
        # "UU ASN 2014 masih berlaku?": the answer is the successor's repeal clause.
        for i in list(doc_ids):
            succ = docs[i].dicabut_oleh if i in docs else None
            if succ and succ not in doc_ids:
                doc_ids.append(succ)
                d = docs[i]
                expansions.append(f"dicabut dan dinyatakan tidak berlaku Nomor {d.nomor} Tahun {d.tahun}")

    expanded = text if not expansions else text + " " + " ".join(expansions)
    return Query(
        original=question,
        normalized=normalize(text),
        expanded=expanded,
        expansions=expansions,
        quoted=quoted,
        references=references,
        documents=doc_ids,
        unknown_documents=unknown,
        unknown_names=unknown_names,
        wants_old=wants_old,
        asks_status=asks_status,
        intents=[i.name for i in intents],
    )
