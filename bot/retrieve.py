"""Find the pasal that answer a question: BM25 per pasal + adapted dense (e5), fused, one hit per pasal.

Ranking is deliberately plain, because plain generalised: on questions it was not tuned on, a
reciprocal rank fusion of two rankings at the level users cite beat a hand-written layer of
vocabulary, intents and multipliers (docs/benchmarks.md, "Retrieval ablation"):
- BM25 over one document per pasal (its label, headings, every ayat and its Penjelasan), on the
  question as the user wrote it;
- the question's e5 embedding moved by a fitted linear adapter (bot/adapter.py) against every chunk,
  a pasal scoring by its best chunk.
The versions of one pasal (UU 1/2015, its amendment UU 8/2015, UU 10/2016) are one hit, shown in the
latest wording. A pasal the user names directly comes first, and so does the clause repealing a rule
the user asks about. Whether anything relevant was found is decided from the best hit's dense
similarity against a threshold calibrated on the dev set, with a stricter bar outside the scope.

The BM25 stemmer is Snowball's Indonesian (PyStemmer, BSD-3): PySastrawi was not used because its
bundled dictionary is CC-BY-NC-SA, which a government deployment could not rely on.
"""

from __future__ import annotations

import json
import logging
import math
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

from bot.adapter import QueryAdapter
from bot.answerable import asked_places, asked_quantity, states_quantity
from bot.kinds import Kind, question_kind
from bot.query import (
    DATA_DIR,
    Query,
    Reference,
    about_outsider,
    about_pppk,
    asks_candidate_sanction,
    asks_criminal,
    asks_more_than_status,
    parse_query,
    question_asks,
    tells_past_case,
)
from indexer.types import Chunk, Document

logging.getLogger("bm25s").setLevel(logging.WARNING)
log = logging.getLogger(__name__)

RRF_K = 20  # measured: 5–20 fuse best; 60 flattens the lead of a ranking's first hits
LEXICAL_TRUST_POWER = 1.0  # BM25 weight in the fusion: (share of the question the corpus knows) ** this
CANDIDATES = 60  # pasal taken from each ranking before fusion
# A pasal's BM25 rank counts fully once it holds this share of the question (idf-weighted) × … = 1, i.e.
# half of it; less in proportion. Leave-one-writer-out over eight writers (369 questions, adapter refitted
# without the held-out writer): recall@1 0.653 → 0.683, recall@5 0.889 → 0.902 (docs/benchmarks.md, session 5).
LEXICAL_COVERAGE_FULL = 2.0
RERANK_DEPTH = 15  # pasal (all versions) re-ordered by fused score + adapted cosine (bot/data/rerank.json)
RERANK_FILE = DATA_DIR / "rerank.json"
_REPEAL_TEXT_RE = re.compile(r"dicabut|tidak\s+berlaku", re.IGNORECASE)
# a status question asking more ("… masih berlaku? sekarang jadi apa?") is answered by the rule on the matter:
# not a clause for cases from before the act, not the definitions, nor the repeal — the first such pasal this deep leads
RULE_DEPTH = 4
_GENERAL_BAB_RE = re.compile(r"ketentuan\s+umum", re.IGNORECASE)
_STATUS_WORDS = "peraturan pemerintah undang-undang ketentuan berlaku berlakunya masih dicabut sekarang pasal " \
                "ayat huruf nomor tahun pp uu"
SUCCESSORS_SHOWN = 1  # successor pasal placed before a hit on a repealed pasal
# A successor matched by content alone is a suggestion; below this similarity it is too often
# wrong (PP 53/2010 Pasal 43 → PP 94/2021 Pasal 19 at 0.27) to be put in front of a user.
SUGGESTION_MIN_SCORE = 0.5
DETAIL_HITS = 3
READABLE_WORDS = 3  # a Penjelasan with fewer words (of four letters or more) is OCR debris, not text
# "bisa kena pidana?": the penalty clauses (a law's "Ketentuan Pidana") that refer to one of this many first pasal
CRIMINAL_DEPTH = 8
_CRIMINAL_TEXT_RE = re.compile(r"\bdipidana\s+dengan\s+pidana\b", re.IGNORECASE)
# rarest question stems; a sentence stating the figure shares one (4 → 12 measured on all training questions:
# false refusals 4 → 1, unanswerable declines unchanged 19/26)
ABOUT_WORDS = 12
# the words that ask for a figure say nothing of what it is about
_FIGURE_WORDS = "berapa brp lama batas waktu hari kerja bulan tahun paling lambat kapan jumlah persen mulai sejak"
NAME_IDF = 7.0  # a capitalised question word this rare in the corpus is a name the figure must be about
NAMED_DOC_FACTOR = 1.6  # the user named the document ("menurut PP 53/2010 …")
NAMED_ARTICLE_FACTOR = 3.0  # … or an article by its title ("di poster netralitas ASN …"): that article answers
# What the law's structure says a hit is worth, unless the question asks for it: a repealed rule
# yields to the one in force; an article explains, a rule answers; Menimbang, Mengingat and the
# Penjelasan Umum are context, not a rule anyone can be cited on.
REPEALED_FACTOR = 0.55
ARTICLE_FACTOR = 0.6
PREAMBLE_FACTOR = 0.5
# A regulation for civil servants only (its title names "Pegawai Negeri Sipil" or "Aparatur Sipil Negara")
# when the question is about a village head, village staff, TNI or Polri and names no civil servant.
OUTSIDER_FACTOR = 0.5
_CIVIL_SERVICE_TITLE_RE = re.compile(r"pegawai negeri sipil|aparatur sipil negara", re.IGNORECASE)
# A regulation for PNS only (its title names "Pegawai Negeri Sipil": PP 94/2021, PP 11/2017, PP 42/2004) when
# the question is about PPPK: their rules are in the ASN law (UU 20/2023), even when the user names PP 94
# to ask whether it binds them. Not fitted: leave-one-writer-out recall@1 0.796 → 0.805 at 0.5 and at 0.3;
# 0.3 also keeps PP 94's "berat" from leading a PPPK's question when the dense match is strong (a D for graders).
PPPK_FACTOR = 0.3
_PNS_TITLE_RE = re.compile(r"pegawai negeri sipil", re.IGNORECASE)
_PNS_NAMED_RE = re.compile(r"\bpegawai\s+negeri\s+sipil\b|\bPNS\b", re.IGNORECASE)
_PPPK_NAMED_RE = re.compile(r"\bPPPK\b|\bpegawai\s+pemerintah\s+dengan\s+perjanjian\s+kerja\b|\bASN\b|"
                            r"\baparatur\s+sipil\s+negara\b", re.IGNORECASE)
_ASKS_ARTICLE = re.compile(
    r"\b(artikel|jurnal|penelitian|studi|kajian|tulisan|esai|essay|poster|infografis|data|survei|"
    r"laporan|statistik|skor|indeks|peringkat|persen|berapa (banyak|jumlah|kasus|laporan))\b", re.IGNORECASE)

# "Perubahan apa yang dibuat PP 17/2020 terhadap PP 11/2017?": what an act we do not hold changed cannot be
# told from the act it changed, even though that one is indexed.
_CHANGE_RE = re.compile(
    r"\b(perubahan|mengubah|diubah|merubah|dirubah|revisi|merevisi|direvisi|mencabut|menggantikan)\b", re.IGNORECASE)

# "Kasus ASN … di Pilkada Kota X itu akhirnya dijatuhi sanksi apa?": the outcome of one named case. The
# regulations say what may follow; no indexed text reports what did. "pejabat mana yang pada akhirnya menjatuhkan"
# is "ultimately", not a case's end.
_OUTCOME_RE = re.compile(
    r"\b((?<!pada )akhirnya|putusannya|nasibnya|divonis|kelanjutannya|ujungnya|hasil\s+akhir\w*)\b", re.IGNORECASE)
_CASE_RE = re.compile(r"\b(?i:kasus|perkara)\b|"
                      r"(?<=\s)(?:Kota|Kabupaten|Kab\.|Kecamatan|Desa|Kelurahan|Provinsi)\s+[A-Z]")


def asks_case_outcome(question: str) -> bool:
    """Does the question ask how one particular case ended (a case or a named place, and "akhirnya")?"""
    return bool(_OUTCOME_RE.search(question) and _CASE_RE.search(question))


# The question itself points at a reading (not merely at a figure, which a regional rule may hold too).
_NAMES_ARTICLE = re.compile(
    r"\b(artikel|jurnal|penelitian|studi|kajian|tulisan|esai|essay|poster|infografis|survei)\b", re.IGNORECASE)

# Function words of questions and legal boilerplate; chat particles too ("sih", "dong").
STOPWORDS = frozenset((
    "yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "pada", "dalam", "atau", "adalah",
    "sebagai", "oleh", "akan", "juga", "karena", "jika", "maka", "agar", "bagi", "serta", "tersebut",
    "sebagaimana", "dimaksud", "hal", "para", "pun", "telah", "sudah", "saja", "lagi", "masih", "apa",
    "apakah", "bagaimana", "gimana", "berapa", "siapa", "kapan", "mana", "mengapa", "kenapa", "kah", "ya",
    "sih", "dong", "deh", "kok", "kan", "loh", "lho", "nih", "tuh", "min", "kak", "bro", "gan", "pak",
    "bu", "bang", "mas", "mbak", "aku", "saya", "kami", "kita", "kamu", "anda", "dia", "mereka", "nya",
    "mohon", "tolong", "bisa", "dapat", "ada", "apabila", "kalau", "kalo", "buat", "sama", "nah", "terus",
    "tapi", "tetapi", "namun", "jadi", "mau", "ingin", "pengen", "isinya", "bunyinya", "bunyi", "jelaskan",
    "dijelaskan", "penjelasannya", "tentang", "menurut", "sesuai", "ketentuan",
    # the same function words as chat spells them ("aja" would stem like "ajakan", "sy" like nothing at all)
    "aja", "aj", "sy", "jg", "msh", "yg", "dgn", "dg", "utk", "krn", "karna", "tp", "trs", "udh", "udah", "dah",
    "klo", "kl", "gmn", "brp", "sm", "ama", "dr", "lg", "bgmn", "tsb", "gw", "gue", "km", "emang", "emg",
))
_TOKEN_RE = re.compile(r"[a-z0-9]+")
# "pegawai non-ASN" is one word: the class the law sets against ASN must not match a question about ASN
# (UU 20/2023 Pasal 65 names "non-ASN" four times and answered "sanksi ASN ikut kampanye apa?")
_NON_RE = re.compile(r"\bnon\s?-\s?([a-z]+)")
# "ASN" alone, as users say it, for the civil servant whose discipline the PNS regulations set out: read
# "ASN/PNS" (PP 94/2021 speaks of PNS; "sanksi ASN ikut kampanye" is asked about a PNS). Not when the
# question sets ASN classes apart (PPPK, CPNS, non-ASN, honorer) or names the act ("UU ASN").
_BARE_ASN_RE = re.compile(r"(?<![-/\w])(?<!UU )(?<!non )ASN\b(?![-/])", re.I)
_ASN_CLASSES_RE = re.compile(r"\b(?:PPPK|P3K|CPNS|non[- ]?ASN|honorer|PPNPN)\b", re.I)
_OCR_DIGIT = {"0": "Oo", "1": "lI"}  # years as OCR writes them: "2Ol4"


_LOCAL = threading.local()


def _holds_item(chunk: Chunk, ref: Reference) -> bool:
    """Does this chunk hold the ayat / huruf / angka the user named (the chunk a lookup quotes from)?"""
    if ref.ayat:
        return chunk.ayat == ref.ayat
    if ref.huruf and (chunk.huruf or "").lower() == ref.huruf:
        return True
    mark = ref.angka or ref.huruf
    return bool(mark) and re.search(rf"(?m)^\s*{re.escape(mark)}\s?\.\s", chunk.text) is not None


def search_text(question: str) -> str:
    """The question as the ranking reads it: bare "ASN" also as "PNS" (see _BARE_ASN_RE)."""
    if _ASN_CLASSES_RE.search(question):
        return question
    return _BARE_ASN_RE.sub("ASN/PNS", question)


def _stemmer() -> Stemmer.Stemmer:
    """One stemmer per thread: PyStemmer keeps a word cache inside the object and does not promise
    thread safety, while questions are answered on several worker threads at once."""
    stemmer = getattr(_LOCAL, "stemmer", None)
    if stemmer is None:
        stemmer = _LOCAL.stemmer = Stemmer.Stemmer("indonesian")
    return stemmer


def tokenize(text: str) -> list[str]:
    """Lower-case word stems without stopwords: what BM25 and the quote trimmer compare."""
    return list(_tokenize(text))


@lru_cache(maxsize=65536)
def _tokenize(text: str) -> tuple[str, ...]:
    # The same item texts are tokenized again for every question that quotes their pasal.
    words = [w for w in _TOKEN_RE.findall(_NON_RE.sub(r"non\1", text.lower())) if w not in STOPWORDS and len(w) > 1]
    return tuple(_stemmer().stemWords(words))


def binds_civil_servants_only(doc: Document | None) -> bool:
    """A regulation whose title says it binds civil servants (PNS, ASN) only: not a village head's or a soldier's."""
    return doc is not None and doc.kind == "regulation" and bool(_CIVIL_SERVICE_TITLE_RE.search(doc.judul))


def pasal_key(chunk: Chunk) -> tuple[str, str]:
    """The unit users cite: (doc, pasal) for regulations, the whole document for articles."""
    if chunk.kind == "article" or chunk.part == "artikel":
        return (chunk.doc_id, "")
    if chunk.pasal:
        return (chunk.doc_id, chunk.pasal.upper())
    return (chunk.doc_id, f"_{chunk.part}")


def trusted_successor(link: dict) -> bool:
    """Stated in the law, confirmed by an admin, or a content match strong enough to show."""
    if link.get("how") != "kemiripan isi (saran)":
        return True
    return float(link.get("score") or 0.0) >= SUGGESTION_MIN_SCORE


def pasal_versions(chunks: Sequence[Chunk], groups: dict[tuple[str, str], list[int]],
                   documents: dict[str, Document]) -> tuple[dict[tuple[str, str], tuple[str, str]],
                                                             dict[tuple[str, str], tuple[str, str]]]:
    """Which pasal are versions of one another, and which version holds the wording in force.

    The consolidation (indexer/consolidate.py) stamps each chunk with the law and number its pasal
    belongs to (`base_doc`/`base_pasal`: uu-10-2016's "Pasal 71" is uu-1-2015 / 71) and where the
    wording in force lives (`current_doc`/`current_pasal`). An index built before consolidation
    existed falls back to `amends` and the latest act (an amending act after its base law)."""
    version_of: dict[tuple[str, str], tuple[str, str]] = {}
    members: dict[tuple[str, str], list[tuple[str, str]]] = {}
    current: dict[tuple[str, str], tuple[str, str]] = {}
    for key, idxs in groups.items():
        c = chunks[idxs[0]]
        if c.base_doc and c.base_pasal:
            version = (c.base_doc, c.base_pasal.upper())
        elif c.amends and c.pasal:
            version = (c.amends, key[1])
        else:
            version = key
        version_of[key] = version
        members.setdefault(version, []).append(key)
        if c.current_doc and c.current_pasal:
            current.setdefault(version, (c.current_doc, c.current_pasal.upper()))

    def newness(key: tuple[str, str], base: str) -> tuple[int, bool, int]:
        doc = documents.get(key[0])
        year = (doc.tahun or 0) if doc else 0
        nomor = int(doc.nomor) if doc and doc.nomor and str(doc.nomor).isdigit() else 0
        return (year, key[0] != base, nomor)

    latest: dict[tuple[str, str], tuple[str, str]] = {}
    for version, keys in members.items():
        if version in current and current[version] in groups:
            latest[version] = current[version]
        elif len(keys) > 1:
            base = version[0]
            latest[version] = max(keys, key=lambda k: newness(k, base))
    return version_of, latest


@dataclass
class Hit:
    """One citable unit (a pasal with its Penjelasan, or an article) and why it was ranked here."""

    key: tuple[str, str]
    chunks: list[Chunk]  # body chunks in order, then Penjelasan
    best: Chunk  # the chunk that matched best (or the one the user named)
    score: float = 0.0
    dense: float = 0.0  # best cosine similarity of its chunks to the question
    lexical: float = 0.0  # best BM25 score of its chunks, divided by the question's best
    direct: bool = False  # the user named this pasal
    reference: Reference | None = None

    @property
    def doc_id(self) -> str:
        return self.key[0]

    @property
    def pasal(self) -> str | None:
        return self.best.pasal

    @property
    def in_force(self) -> bool:
        return self.best.in_force

    @property
    def body(self) -> list[Chunk]:
        return [c for c in self.chunks if c.part != "penjelasan"]

    @property
    def penjelasan(self) -> list[Chunk]:
        return [c for c in self.chunks if c.part == "penjelasan"]


@dataclass
class Retrieval:
    query: Query
    hits: list[Hit]
    found: bool
    # ok | below_threshold | unknown_document | missing_pasal | unreadable_pasal | detail_missing | case_outcome | empty
    reason: str
    confidence: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    # The question's adapted embedding (unit length): answers compare it with item vectors to pick
    # the ayat or huruf that answers. None when the index has no vectors.
    vector: np.ndarray | None = field(default=None, repr=False, compare=False)
    # Embeds one ask of a question of several (bot/query.py question_asks) on its own, adapted: the answer
    # finds the ayat that answers an ask by meaning when they share few words. Called only then (each
    # embedding costs ~15 ms); None when the index has no vectors.
    embed_ask: Callable[[str], np.ndarray] | None = field(default=None, repr=False, compare=False)

    # Searches the whole index for one ask of a question of several: an ask that neither the first pasal
    # nor the question's other hits answer ("… trus kades kami nak nyalon, kapan wajib mundur?") is looked
    # for on its own words. Called only then (~60 ms each); None for a retrieval that was not a search.
    search_ask: Callable[[str], Retrieval] | None = field(default=None, repr=False, compare=False)

    def ask_vector(self, ask: str) -> np.ndarray | None:
        return self.embed_ask(ask) if self.embed_ask is not None else None


@dataclass
class Threshold:
    """When is the best hit an answer? Its dense similarity to the question must clear `value`
    for a question within the product's scope (bot/data/scope.json) and `out_of_scope` otherwise.

    Calibrated with `python -m bench.eval --calibrate` on dev, holdout and the fit part of the
    training questions plus bench/calibration.jsonl (out-of-scope questions written by the project).
    In scope, answerable chat-language questions score as low as 0.797 ("p3k ikut kampanye kena sanksi
    gak", over the 1 072 read questions of session 12), while in-scope questions the sources do not
    answer score 0.85–0.92: similarity
    cannot tell them apart, so the in-scope bar sits below every answerable question and the other
    checks (named documents and pasal, a figure the passages do not state) do the declining.
    Out-of-scope questions (salary, recruitment, allowances) reach 0.89 against passages of
    PP 11/2017 that look alike but do not answer them.
    """

    value: float = 0.79
    out_of_scope: float = 0.93


@lru_cache(maxsize=2)
def _scope_pattern(path: str | None = None) -> re.Pattern[str]:
    raw = json.loads(Path(path or DATA_DIR / "scope.json").read_text(encoding="utf-8"))
    terms = sorted((t.lower() for t in raw["terms"]), key=len, reverse=True)
    # a term may carry an Indonesian verb or noun prefix: "dipidana", "terpidana", "berkampanye", "dicalonkan"
    return re.compile(r"(?<![\w])(?:di|ter|ber|mem|men|meng|me|per|pe|ke|se)?(" + "|".join(re.escape(t) for t in terms)
                      + r")", re.IGNORECASE)


def in_scope(query: Query) -> bool:
    """Does the question (with its vocabulary expansions) touch neutrality or discipline at all?"""
    return bool(_scope_pattern().search(query.expanded))


@lru_cache(maxsize=2)
def _not_in_law_pattern(path: str | None = None) -> re.Pattern[str] | None:
    raw = json.loads(Path(path or DATA_DIR / "scope.json").read_text(encoding="utf-8"))
    pats = raw.get("not_in_law") or []
    return re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE) if pats else None


def asks_not_in_law(query: Query) -> bool:
    """Does the question ask for a practical detail no regulation holds (an app, a WA number, a name)?
    Dense similarity alone would answer it from the law's passages on reporting."""
    pattern = _not_in_law_pattern()
    return bool(pattern and pattern.search(query.original))


class Retriever:
    """Hybrid search over one index generation; built once per generation, then queried."""

    def __init__(
        self,
        chunks: Sequence[Chunk],
        embeddings: np.ndarray | None,
        embed_query: Callable[[str], Sequence[float]],
        documents: Sequence[Document] = (),
        threshold: Threshold | None = None,
        # Called with a plain list (what Chroma's query wants), e.g. ActiveIndex.query.
        dense_search: Callable[[list[float], int], list[tuple[Chunk, float]]] | None = None,
        adapter: QueryAdapter | None = None,
    ) -> None:
        self.chunks = list(chunks)
        self.documents = {d.id: d for d in documents}
        self.embed_query = embed_query
        self.threshold = threshold or Threshold()
        self.adapter = adapter or QueryAdapter(None)
        self.rerank_weight = load_rerank_weight()
        # The chunk scores of the search in progress, per thread: the bot answers several questions
        # at once in worker threads, and one search must never read another's scores.
        self._searching = threading.local()
        self._dense_search = dense_search
        self.embeddings = None
        if embeddings is not None and len(embeddings) == len(self.chunks):
            emb = np.asarray(embeddings, dtype=np.float32)
            norms = np.linalg.norm(emb, axis=1, keepdims=True)
            self.embeddings = emb / np.maximum(norms, 1e-12)
        self._index_of = {c.id: i for i, c in enumerate(self.chunks)}
        self.groups: dict[tuple[str, str], list[int]] = {}
        for i, c in enumerate(self.chunks):
            self.groups.setdefault(pasal_key(c), []).append(i)
        for idxs in self.groups.values():
            idxs.sort(key=lambda i: (self.chunks[i].part == "penjelasan", self.chunks[i].seq))
        self._group_of = [pasal_key(c) for c in self.chunks]
        corpus_tokens = [tokenize(self._search_text(c)) for c in self.chunks]
        self.bm25 = bm25s.BM25()
        self.bm25.index(corpus_tokens or [["kosong"]], show_progress=False)
        n = max(len(corpus_tokens), 1)
        df: dict[str, int] = {}
        for toks in corpus_tokens:
            for t in set(toks):
                df[t] = df.get(t, 0) + 1
        self.idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self._default_idf = math.log(1 + (n + 0.5) / 0.5)
        self._chunk_stems = [set(t) for t in corpus_tokens]
        self._group_keys = list(self.groups)
        # an amending act's own "Pasal I / Pasal II" wrappers are not rules anyone cites
        # … and readable: a pasal whose only text is OCR debris is never a hit
        self._citable = {k: any(self.chunks[i].citable for i in idxs) and self._readable(k)
                         for k, idxs in self.groups.items()}
        pasal_tokens = [[t for i in self.groups[k] for t in corpus_tokens[i]] for k in self._group_keys]
        self.pasal_bm25 = bm25s.BM25()
        self.pasal_bm25.index(pasal_tokens or [["kosong"]], show_progress=False)
        self.version_of, self.latest = pasal_versions(self.chunks, self.groups, self.documents)

    @property
    def _chunk_score(self) -> dict[int, float]:
        return getattr(self._searching, "chunk_score", {})

    @_chunk_score.setter
    def _chunk_score(self, scores: dict[int, float]) -> None:
        self._searching.chunk_score = scores

    def knows(self, word: str) -> bool:
        """Does the corpus use this word (as a stem)?"""
        return _stemmer().stemWord(word.lower()) in self.idf

    @staticmethod
    def _search_text(c: Chunk) -> str:
        parts = [c.label, c.context or "", c.text]
        if c.kind == "article":
            parts.insert(0, c.judul)
        return "\n".join(p for p in parts if p)

    # ------------------------------------------------------------------ the two rankings

    def dense_scores(self, text: str, adapted: bool = False) -> np.ndarray:
        vec = np.asarray(self.embed_query(text), dtype=np.float32)
        return self._dense_from_vector(self.adapter.apply(vec) if adapted else vec)

    def _dense_from_vector(self, vec: np.ndarray) -> np.ndarray:
        if self.embeddings is not None:
            return self.embeddings @ (vec / max(float(np.linalg.norm(vec)), 1e-12))
        scores = np.full(len(self.chunks), -1.0, dtype=np.float32)
        if self._dense_search is not None:
            for chunk, sim in self._dense_search(list(map(float, vec)), CANDIDATES):
                i = self._index_of.get(chunk.id)
                if i is not None:
                    scores[i] = sim
        return scores

    def lexical_scores(self, text: str) -> np.ndarray:
        toks = tokenize(text)
        if not toks or not self.chunks:
            return np.zeros(len(self.chunks), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(toks), dtype=np.float32)

    def pasal_lexical_scores(self, text: str) -> np.ndarray:
        """BM25 over one document per pasal (all its chunks): a pasal answers with all its ayat."""
        toks = tokenize(text)
        if not toks or not self._group_keys:
            return np.zeros(len(self._group_keys), dtype=np.float32)
        return np.asarray(self.pasal_bm25.get_scores(toks), dtype=np.float32)

    def coverage(self, question_stems: list[str], chunk_idxs: Sequence[int]) -> float:
        """Idf-weighted share of the question's stems found in these chunks."""
        stems = set(question_stems)
        if not stems:
            return 0.0
        present: set[str] = set()
        for i in chunk_idxs:
            present |= self._chunk_stems[i] & stems
        total = sum(self.idf.get(s, self._default_idf) for s in stems)
        return sum(self.idf.get(s, self._default_idf) for s in present) / total

    # ------------------------------------------------------------------ search

    def search(self, question: str, top_k: int = 5, query: Query | None = None) -> Retrieval:
        q = query or parse_query(question, self.documents.values(), known=self.knows)
        if not self.chunks:
            return Retrieval(q, [], False, "empty")
        text = search_text(q.original)
        vector = np.asarray(self.embed_query(text), dtype=np.float32)
        dense = self._dense_from_vector(vector)
        adapted = self._dense_from_vector(self.adapter.apply(vector)) if self.adapter.matrix is not None \
            else dense
        lexical = self.lexical_scores(text)
        groups = self._fuse(self.pasal_lexical_scores(text), adapted, dense, lexical,
                            lexical_weight=self.known_share(text) ** LEXICAL_TRUST_POWER, stems=tokenize(text))
        named = set(q.documents)
        asks_article = bool(_ASKS_ARTICLE.search(q.original))
        named_articles = self.named_articles(q.original) if asks_article else set()
        outsider = about_outsider(q.original)
        pppk = about_pppk(q.original)
        for key, g in groups.items():
            if outsider and key[0] not in named and self._civil_service_only(key[0]):
                g.score *= OUTSIDER_FACTOR
            if pppk and self._pns_only(key[0]):
                g.score *= PPPK_FACTOR
            if key[0] in named:
                g.score *= NAMED_DOC_FACTOR
            if not g.in_force and not g.best.kept_in_force_by and not q.wants_old and key[0] not in named:
                g.score *= REPEALED_FACTOR
            if key[0] in named_articles:
                g.score *= NAMED_ARTICLE_FACTOR
            if g.best.kind == "article" and not asks_article:
                g.score *= ARTICLE_FACTOR
            elif key[1].startswith("_"):
                g.score *= PREAMBLE_FACTOR
        ranked = self._one_per_pasal(self._rerank(sorted(groups.values(), key=lambda g: -g.score), adapted))
        if asks_criminal(q.original):
            ranked = self._criminal_first(q.original, ranked, adapted)

        direct = self._direct_hits(q) + self._repeal_hits(q)
        direct_keys = {h.key for h in direct}
        direct_versions = {self.version_of.get(h.key, h.key) for h in direct}
        hits = direct + [h for h in ranked if h.key not in direct_keys
                         and self.version_of.get(h.key, h.key) not in direct_versions]
        hits = hits[: max(top_k, 1) * 2]
        if question_kind(q.original) is Kind.STATUS and asks_more_than_status(q.original):
            hits = self._rule_in_force_first(hits, q.original)

        found, reason, confidence = self._decide(q, hits, direct)
        return Retrieval(q, hits[:top_k], found, reason, confidence, vector=self.adapter.apply(vector),
                         embed_ask=self._embed_adapted, search_ask=lambda ask: self.search(ask, top_k=3))

    def _civil_service_only(self, doc_id: str) -> bool:
        return binds_civil_servants_only(self.documents.get(doc_id))

    def _pns_only(self, doc_id: str) -> bool:
        doc = self.documents.get(doc_id)
        return doc is not None and doc.kind == "regulation" and bool(_PNS_TITLE_RE.search(doc.judul))

    def _embed_adapted(self, text: str) -> np.ndarray:
        return self.adapter.apply(np.asarray(self.embed_query(text), dtype=np.float32))

    def _rule_in_force_first(self, hits: list[Hit], question: str) -> list[Hit]:
        """"Template SK kami masih merujuk Pasal 43 PP 53/2010 — masih benar, bagaimana sekarang?": a status
        question that asks more than the status is answered by the rule in force on the matter; the old
        text or the clause that repealed it comes second. Leave-one-writer-out on 451 training questions:
        9 status questions gained the right first pasal, 3 lost it (recall@1 +0.013)."""
        past_case = tells_past_case(question)
        asked = {w for w in tokenize(question) if not w.isdigit()} - set(tokenize(_STATUS_WORDS))

        def settles(h: Hit) -> bool:
            # a clause for cases from before the act took effect settles only such a case; and a rule on
            # the matter shares a word with the question beyond the acts' names and the status asked
            return h.best.in_force and h.best.kind != "article" and (past_case or not h.best.for_past_cases) \
                and bool(asked & {w for c in h.chunks if c.part != "penjelasan" for w in tokenize(c.text)}) \
                and not _GENERAL_BAB_RE.search(h.best.bab or "") and not any(
                    _REPEAL_TEXT_RE.search(c.text) for c in h.chunks if c.part != "penjelasan")
        if not hits or settles(hits[0]):
            return hits
        at = next((i for i, h in enumerate(hits[:RULE_DEPTH]) if settles(h)), None)
        return hits if at is None else [hits[at], *hits[:at], *hits[at + 1:]]

    def _rerank(self, ranked: list[Hit], adapted: np.ndarray) -> list[Hit]:
        """The first `RERANK_DEPTH` pasal again, by their fused score (as a share of the best) plus the
        adapted cosine of their best chunk × `rerank_weight`. RRF keeps only the dense ranking's order;
        how much nearer one pasal is than the next is evidence too. The weight is fitted on the training
        questions with leave-one-writer-out adapters (bench/lowo.py --fit-rerank, bot/data/rerank.json)."""
        if not self.rerank_weight or self.adapter.matrix is None or not ranked:
            return ranked
        head, tail = ranked[:RERANK_DEPTH], ranked[RERANK_DEPTH:]
        top = max(h.score for h in head) or 1.0
        near = {h.key: max(float(adapted[i]) for i in self.groups[h.key]) for h in head}
        return sorted(head, key=lambda h: -(h.score / top + self.rerank_weight * near[h.key])) + tail

    def _one_per_pasal(self, ranked: list[Hit]) -> list[Hit]:
        """The versions of one pasal (base law and its amending acts) count once, in the wording in
        force, at the rank of the best-ranked version. A pasal of a repealed regulation is preceded
        by the pasal of its successor that now rules the same matter."""
        out: list[Hit] = []
        seen: set[tuple[str, str]] = set()
        for hit in ranked:
            version = self.version_of.get(hit.key, hit.key)
            if version in seen:
                continue
            for succ in self._successors(hit):
                succ_version = self.version_of.get(succ, succ)
                if succ_version not in seen:
                    seen.add(succ_version)
                    out.append(self._successor_hit(succ, hit))
            seen.add(version)
            latest = self.latest.get(version, hit.key)
            if latest != hit.key:
                idxs = self.groups[latest]
                best = max(self._body(idxs), key=lambda i: self._chunk_score.get(i, 0.0))
                hit = Hit(key=latest, chunks=[self.chunks[i] for i in idxs], best=self.chunks[best],
                          score=hit.score, dense=hit.dense, lexical=hit.lexical)
            out.append(hit)
        return out

    def _penal(self, key: tuple[str, str]) -> bool:
        """A penalty clause in force: "… dipidana dengan pidana penjara …" in a law (only laws set penalties)."""
        return any(c.part != "penjelasan" and c.in_force and c.jenis in ("UU", "PERPPU") and
                   _CRIMINAL_TEXT_RE.search(c.text) for c in (self.chunks[i] for i in self.groups.get(key, ())))

    def _candidate_penalty(self, key: tuple[str, str]) -> bool:
        """"Calon Gubernur, Calon Bupati, dan Calon Walikota yang dengan sengaja …": the clause punishes candidates."""
        body = [self.chunks[i] for i in self.groups[key] if self.chunks[i].part != "penjelasan"]
        subject = re.split(r"\byang\b", body[0].text, maxsplit=1)[0] if body else ""
        return bool(re.search(r"\bCalon\b", subject))

    def _criminal_first(self, question: str, ranked: list[Hit], adapted: np.ndarray) -> list[Hit]:
        """"Camat bagi sembako pakai kaos paslon — kena pidana juga selain hukdis?": the conduct's prohibition
        ranks (UU 10/2016 Pasal 71) but its penalty sits in another pasal that names it (UU 1/2015 Pasal 188,
        the indexer's back-references). The penalty clause referring to the best-ranked prohibition leads —
        a candidate's clause (UU 8/2015 Pasal 189) only when the ask names a candidate; between clauses naming
        the same prohibition (Pasal 188, 190 for Pasal 71), the nearer by meaning."""
        candidate = asks_candidate_sanction(question)
        found: list[tuple[bool, int, float, tuple[str, str]]] = []
        for rank, hit in enumerate(ranked[:CRIMINAL_DEPTH]):
            refs = [(hit.key, None)] + [((str(r.get("doc_id")), str(r.get("pasal"))), r.get("ayat"))
                                        for c in hit.body for r in c.referenced_by]
            for key, ayat in refs:
                key = self.latest.get(self.version_of.get(key, key), key)
                if key in self.groups and self._penal(key):
                    # how near: the ayat that names the prohibition (UU 1/2015 Pasal 187 ayat (6) is on campaign funds)
                    idxs = [i for i in self.groups[key] if not ayat or self.chunks[i].ayat == str(ayat)] \
                        or self.groups[key]
                    other = self._candidate_penalty(key) != candidate
                    found.append((other, rank, -max(float(adapted[i]) for i in idxs), key))
        if not found or self._penal(ranked[0].key):  # the ranking found a penalty clause itself
            return ranked
        key = min(found)[3]
        if ranked[0].key == key:
            return ranked
        hit = next((h for h in ranked if h.key == key), None)
        if hit is None:
            idxs = self.groups[key]
            hit = self._hit(key, max(self._body(idxs), key=lambda i: float(adapted[i])))
            hit.score = ranked[0].score
        return [hit, *[h for h in ranked if h.key != key]]

    def named_articles(self, text: str) -> set[str]:
        """Articles the question names by their title ("di poster netralitas ASN …", "artikel … Bawaslu
        Lampung Tengah"): two or more of its words that no other article's title uses."""
        titles = {d.id: set(tokenize(d.judul)) for d in self.documents.values() if d.kind == "article"}
        asked = set(tokenize(text))
        named = set()
        for doc_id, stems in titles.items():
            own = stems - set().union(*(t for other, t in titles.items() if other != doc_id))
            if len(own & asked) >= 2:
                named.add(doc_id)
        return named

    def known_share(self, text: str) -> float:
        """How much of the question (idf-weighted) is in words the corpus uses. "boleh gak PNS like
        postingan caleg di IG?" is mostly chat the law never writes: its BM25 matches are accidents
        of "PNS" and "boleh", and its ranking should count for less than the embedding's."""
        toks = tokenize(text)
        if not toks:
            return 0.0
        total = sum(self.idf.get(t, self._default_idf) for t in toks)
        return sum(self.idf[t] for t in toks if t in self.idf) / total

    def _fuse(self, pasal_lexical: np.ndarray, adapted: np.ndarray, dense: np.ndarray,
              lexical: np.ndarray, lexical_weight: float = 1.0, stems: Sequence[str] = ()
              ) -> dict[tuple[str, str], Hit]:
        """RRF of two pasal-level rankings: BM25 over whole pasal, adapted dense by best chunk. A pasal's
        BM25 rank counts in proportion to how much of the question it holds (idf-weighted, full at half):
        BM25 ranks a pasal first on one rare word ("provinsi", "istri") as readily as on the question's
        subject, and RRF sees only the rank."""
        best_dense: dict[tuple[str, str], int] = {}
        for i in np.argsort(-adapted)[: CANDIDATES * 4]:
            best_dense.setdefault(self._group_of[i], int(i))
        hits: dict[tuple[str, str], Hit] = {}
        rankings: list[list[tuple[str, str]]] = [
            [k for k in (self._group_keys[j] for j in np.argsort(-pasal_lexical)[:CANDIDATES]
                         if pasal_lexical[j] > 0) if self._citable[k]],
            [k for k in best_dense if self._citable[k]][:CANDIDATES],
        ]
        top_lex = float(lexical.max()) if len(lexical) else 0.0
        # within a pasal, the chunk to quote: best dense + lexical match (normalised)
        chunk_score: dict[int, float] = {}
        self._chunk_score = chunk_score
        for ranking_no, (weight, ranking) in enumerate(zip((lexical_weight, 1.0), rankings, strict=True)):
            for rank, key in enumerate(ranking):
                hit = hits.get(key)
                if hit is None:
                    idxs = self.groups[key]
                    for i in idxs:
                        chunk_score[i] = float(adapted[i]) + (float(lexical[i]) / top_lex if top_lex > 0 else 0.0)
                    best = max(self._body(idxs), key=chunk_score.__getitem__)
                    hit = hits[key] = self._hit(key, best)
                    hit.dense = max(float(dense[i]) for i in idxs)
                    hit.lexical = max(float(lexical[i]) for i in idxs) / top_lex if top_lex > 0 else 0.0
                held = min(1.0, LEXICAL_COVERAGE_FULL * self.coverage(list(stems), self.groups[key])) \
                    if ranking_no == 0 and stems else 1.0
                hit.score += weight * held / (RRF_K + rank + 1)
        return hits

    def _successors(self, hit: Hit) -> list[tuple[str, str]]:
        """Where the matter of a repealed pasal is ruled now (consolidation's successor links)."""
        if hit.best.status != "dicabut":
            return []
        out = []
        for s in [s for s in hit.best.successors if trusted_successor(s)][:SUCCESSORS_SHOWN]:
            key = (str(s.get("doc_id")), str(s.get("pasal", "")).upper())
            if key in self.groups:
                out.append(self.latest.get(self.version_of.get(key, key), key))
        return out

    def _successor_hit(self, key: tuple[str, str], old: Hit) -> Hit:
        idxs = self.groups[key]
        best = max(self._body(idxs), key=lambda i: self._chunk_score.get(i, 0.0))
        return Hit(key=key, chunks=[self.chunks[i] for i in idxs], best=self.chunks[best],
                   score=old.score, dense=old.dense, lexical=old.lexical)

    def _about(self, question: str) -> Callable[[str], bool]:
        """Does a sentence share one of the question's rarest words (its subject, not its chatter)?"""
        # words the corpus never uses (chat, names) cannot be what a passage is about
        stems = sorted((t for t in set(tokenize(question)) if t in self.idf), key=lambda t: -self.idf[t])
        rare = set(stems[:ABOUT_WORDS])
        # … and the words of the ask that wants the figure ("…, berapa lama batas penetapan keputusan
        # pemberhentiannya, …"): in a long ticket they are not among the rarest, yet they say what it is about
        rare |= {t for ask in question_asks(question) if asked_quantity(ask)
                 for t in tokenize(ask) if t in self.idf and t not in set(tokenize(_FIGURE_WORDS))}
        # a name the question gives ("Jawa Tengah dapat nilai berapa?") that the corpus barely knows:
        # a figure about something else (another province) is no answer
        names: set[str] = set()
        # … named where the figure is asked: the asker's office ("BKD Prov. Kalimantan Timur: …, berapa lama …")
        # is the story, not what the figure is about
        asking = [ask for ask in question_asks(question) if asked_quantity(ask)] or [question]
        for run in re.findall(r"(?<=\s)[A-Z][a-z]{3,}(?:\s+[A-Z][a-z]{3,})*", " " + " ".join(asking)):
            words = {t for t in tokenize(run) if t in self.idf}
            if any(self.idf[t] >= NAME_IDF for t in words):
                names |= words  # "Jawa Tengah": both words, not "Jawa Barat"
        # a place the figure is asked about that the corpus never names ("berapa jumlah ASN di Provinsi
        # Papua Pegunungan yang dilaporkan …?"): no passage can state that figure
        # (one unknown word is enough: "Papua Pegunungan" is not "Papua")
        unnamed = any(t not in self.idf for place in asked_places(question) for t in tokenize(place))
        # a PPPK's figure is not the one a sentence states for PNS ("PNS yang melanggar … pemotongan tunjangan
        # kinerja sebesar 25 persen"): another group's figure is no answer
        pppk = about_pppk(question)

        def about(sentence: str) -> bool:
            if pppk and _PNS_NAMED_RE.search(sentence) and not _PPPK_NAMED_RE.search(sentence):
                return False
            return not unnamed and bool(rare & (toks := set(tokenize(sentence)))) and names <= toks
        return about

    def _body(self, idxs: list[int]) -> list[int]:
        """The pasal's own text is what a citation quotes; its Penjelasan travels with it."""
        return [i for i in idxs if self.chunks[i].part != "penjelasan"] or idxs

    def _hit(self, key: tuple[str, str], best: int) -> Hit:
        return Hit(key=key, chunks=[self.chunks[i] for i in self.groups[key]], best=self.chunks[best])

    def group(self, doc_id: str, pasal: str) -> list[Chunk]:
        """All chunks of one pasal, body then Penjelasan ([] when not indexed)."""
        return [self.chunks[i] for i in self.groups.get((doc_id, pasal.upper()), [])]

    def _repeal_hits(self, q: Query) -> list[Hit]:
        """"Is UU 5/2014 still in force?": the successor's clause that repeals it, ranked first."""
        out: list[Hit] = []
        if not q.asks_status:
            return out
        for doc_id in q.documents:
            doc = self.documents.get(doc_id)
            if doc is None or doc.in_force or not doc.dicabut_oleh or not doc.nomor or not doc.tahun:
                continue
            year = "".join(f"[{ch}{_OCR_DIGIT.get(ch, '')}]" for ch in str(doc.tahun))
            cites = re.compile(rf"Nomor\s+{re.escape(str(doc.nomor))}\s+Tahun\s+{year}", re.IGNORECASE)
            for key, idxs in self.groups.items():
                if key[0] != doc.dicabut_oleh or key[1].startswith("_"):
                    continue
                body = [i for i in idxs if self.chunks[i].part != "penjelasan"]
                match = next((i for i in body if "dicabut" in self.chunks[i].text.lower()
                              and cites.search(self.chunks[i].text)), None)
                if match is not None:
                    out.append(Hit(key=key, chunks=[self.chunks[i] for i in idxs], best=self.chunks[match],
                                   score=1.0, dense=1.0, lexical=1.0, direct=True))
        return out

    def _direct_hits(self, q: Query) -> list[Hit]:
        """Pasal the user named, in the order named. A law named with its amendments ("UU Pilkada
        pasal 71") gives the wording in force; a version named on its own ("UU 1/2015 pasal 71")
        comes first, followed by the wording in force when a later act replaced it, or by its
        successor when its regulation was repealed."""
        out: list[Hit] = []
        seen: set[tuple[str, str]] = set()
        for ref in q.references:
            named = [(d, ref.pasal.upper()) for d in ref.doc_ids if (d, ref.pasal.upper()) in self.groups
                     and self._readable((d, ref.pasal.upper()))]
            if not named:
                continue
            if len(named) > 1:  # a family of versions: the latest is the one meant
                named = [max(named, key=lambda k: self.latest.get(self.version_of[k]) == k)]
            latest = self.latest.get(self.version_of[named[0]], named[0])
            first = self.chunks[self.groups[named[0]][0]]
            successors = [] if first.status != "dicabut" else [
                (str(x.get("doc_id")), str(x.get("pasal", "")).upper())
                for x in [x for x in first.successors if trusted_successor(x)][:SUCCESSORS_SHOWN]]
            for key in dict.fromkeys([*named, latest, *(k for k in successors if k in self.groups)]):
                if key in seen:
                    continue
                seen.add(key)
                idxs = self.groups[key]
                body = [i for i in idxs if self.chunks[i].part != "penjelasan"] or idxs
                # a successor in another regulation numbers its items its own way: "PP 53/2010 Pasal 4
                # angka 15" is no item of PP 94/2021 Pasal 5; its item is chosen by meaning
                own = ref if key in named or key == latest else None
                best = next((i for i in body if own and _holds_item(self.chunks[i], own)), body[0])
                out.append(Hit(key=key, chunks=[self.chunks[i] for i in idxs], best=self.chunks[best],
                               score=1.0, dense=1.0, lexical=1.0, direct=True, reference=own))
        return out

    def _with_referenced(self, hits: Sequence[Hit]) -> list[Chunk]:
        """The hits' chunks and those of the pasal their text names, in force: "Hukuman Disiplin sedang
        sebagaimana dimaksud dalam Pasal 8 ayat (1) huruf b dijatuhkan bagi …" states no percentage, the Pasal 8
        it names does ("pemotongan tunjangan kinerja sebesar 25%")."""
        out = [c for h in hits for c in h.chunks]
        for key in dict.fromkeys((str(r.get("doc_id")), str(r.get("pasal")).upper())
                                 for h in hits for c in h.body for r in c.references):
            out += [self.chunks[i] for i in self.groups.get(key, ()) if self.chunks[i].in_force]
        return out

    def _readable(self, key: tuple[str, str]) -> bool:
        """The pasal's text survived OCR: its body, or a Penjelasan of words. PP 94/2021 Pasal 39 is only
        "Pasal 39 lll,.- irlo | ^()rr-lO I A" in the Penjelasan: asked for, it is missing, never quoted as junk."""
        chunks = [self.chunks[i] for i in self.groups[key]]
        if any(c.part != "penjelasan" for c in chunks):
            return True
        text = re.sub(r"cukup\s+jelas", " ", " ".join(c.text for c in chunks), flags=re.IGNORECASE)
        words = [w for w in re.findall(r"[A-Za-z]{4,}", text) if w.lower() not in ("pasal", "ayat", "huruf", "angka")]
        return len(words) >= READABLE_WORDS

    def _decide(self, q: Query, hits: list[Hit], direct: list[Hit]) -> tuple[bool, str, float]:
        if direct:
            return True, "ok", 1.0
        if any((d, r.pasal.upper()) in self.groups for r in q.references for d in r.doc_ids):
            return False, "unreadable_pasal", 0.0  # its heading is there, its text was lost to OCR
        if any(r.doc_ids and all(d in self.documents for d in r.doc_ids) for r in q.references):
            return False, "missing_pasal", 0.0  # the named pasal is not in the index: never invent it
        if q.unknown_documents and (not any(d in self.documents for d in q.documents)
                                    or _CHANGE_RE.search(q.original)) \
                and not (hits and hits[0].best.kind == "article" and _NAMES_ARTICLE.search(q.original)):
            # a regulation we do not hold is never answered from another; an article that
            # discusses it may be what the question is about ("dalam artikel …, UU 30/2014 …")
            return False, "unknown_document", 0.0
        if not hits:
            return False, "empty", 0.0
        confidence = hits[0].dense
        bar = self.threshold.value if in_scope(q) and not asks_not_in_law(q) else self.threshold.out_of_scope
        if confidence < bar:
            return False, "below_threshold", confidence
        if asks_case_outcome(q.original):
            return False, "case_outcome", confidence  # the law says what may follow, not what did
        unit = asked_quantity(q.original)
        pppk = about_pppk(q.original)  # a PPPK's figure is not in a regulation for PNS only (PP 94/2021)
        if unit and not states_quantity(unit, (c.text for c in self._with_referenced(hits[:DETAIL_HITS])
                                               if not (pppk and self._pns_only(c.doc_id))),
                                        self._about(q.original)):
            return False, "detail_missing", confidence  # the topic is there, the figure asked for is not
        return True, "ok", confidence


def load_rerank_weight(path: Path = RERANK_FILE) -> float:
    """The fitted weight of the adapted cosine in the rerank (0: fused order only, when the file is missing)."""
    try:
        return float(json.loads(path.read_text(encoding="utf-8"))["adapted_weight"])
    except (OSError, ValueError, KeyError, TypeError):
        log.warning("Bobot rerank tidak terbaca (%s): urutan fusi saja.", path)
        return 0.0
