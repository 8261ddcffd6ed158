"""Find the pasal that answer a question: dense (e5) + BM25, fused per pasal, in force first.

Both searches run over the same chunks of the active index generation. Scores are fused with
reciprocal rank fusion at the level users cite — one pasal (its ayat chunks and its Penjelasan
together), one article — so a long pasal split into several chunks is one hit, not five. A pasal
the user names directly comes first; a repealed rule yields to the one in force unless the user
asks about the old rule. Whether anything relevant was found at all is decided from the best
hit's dense similarity and lexical overlap against a threshold calibrated on the dev set.

The BM25 stemmer is Snowball's Indonesian (PyStemmer, BSD-3): PySastrawi was not used because its
bundled dictionary is CC-BY-NC-SA, which a government deployment could not rely on.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

from bot.query import DATA_DIR, Query, Reference, load_intents, parse_query
from indexer.types import Chunk, Document

logging.getLogger("bm25s").setLevel(logging.WARNING)

RRF_K = 20
CANDIDATES = 60  # chunks taken from each ranking before fusion
REPEALED_FACTOR = 0.55  # a repealed rule keeps this share of its score unless the user asks for it
NAMED_DOC_FACTOR = 1.6  # the user named the document ("menurut PP 53/2010 …")
# Articles explain and report; a rule answers. They rank below regulations unless asked for.
ARTICLE_FACTOR = 0.6
# Menimbang, Mengingat, Penjelasan Umum: context, not a rule anyone can be cited on.
PREAMBLE_FACTOR = 0.5
# "pengertian asas netralitas": the law's own definition of the term ranks up.
DEFINITION_FACTOR = 1.5
_ASKS_DEFINITION = re.compile(r"\b(pengertian|definisi|arti|artinya|maksud|dimaksud|apa itu|apa yang disebut)\b",
                              re.IGNORECASE)
# A question about PNS/ASN is answered by a rule that addresses PNS/ASN.
SUBJECT_FACTOR = 1.2
_ASN_WORDS = re.compile(r"\b(pns|asn|pegawai|pppk|aparatur sipil negara|pegawai negeri sipil)\b", re.IGNORECASE)
_ASKS_ARTICLE = re.compile(
    r"\b(artikel|jurnal|penelitian|studi|kajian|tulisan|esai|essay|poster|infografis|data|survei|"
    r"laporan|statistik|skor|indeks|peringkat|persen|berapa (banyak|jumlah|kasus|laporan))\b", re.IGNORECASE)
# The question asks who imposes, about a supervisor who does not punish, a repeat offence …
# (bot/data/intents.json): the pasal written in the law's phrasing for that ranks above topic matches.
INTENT_FACTOR = 1.6
DENSE_WEIGHT = 0.5
LEXICAL_WEIGHT = 1.0

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
))
_TOKEN_RE = re.compile(r"[a-z0-9]+")
_OCR_DIGIT = {"0": "Oo", "1": "lI"}  # years as OCR writes them: "2Ol4"


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("indonesian")


def tokenize(text: str) -> list[str]:
    """Lower-case word stems without stopwords: what BM25 and the quote trimmer compare."""
    words = [w for w in _TOKEN_RE.findall(text.lower()) if w not in STOPWORDS and len(w) > 1]
    return _stemmer().stemWords(words)


def pasal_key(chunk: Chunk) -> tuple[str, str]:
    """The unit users cite: (doc, pasal) for regulations, the whole document for articles."""
    if chunk.kind == "article" or chunk.part == "artikel":
        return (chunk.doc_id, "")
    if chunk.pasal:
        return (chunk.doc_id, chunk.pasal.upper())
    return (chunk.doc_id, f"_{chunk.part}")


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
    reason: str  # ok | below_threshold | unknown_document | missing_pasal | empty
    confidence: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class Threshold:
    """When is the best hit an answer? Its dense similarity to the question must clear `value`
    for a question within the product's scope (bot/data/scope.json) and `out_of_scope` otherwise.

    Calibrated with `python -m bench.eval --calibrate` on the dev set plus bench/calibration.jsonl
    (out-of-scope questions written by the project): in scope, answerable questions score ≥ 0.86
    and the bar sits below them; out-of-scope questions (salary, recruitment, allowances) reach
    0.89 against passages of PP 11/2017 that look alike but do not answer them.
    """

    value: float = 0.84
    out_of_scope: float = 0.93


@lru_cache(maxsize=2)
def _scope_pattern(path: str | None = None) -> re.Pattern[str]:
    raw = json.loads(Path(path or DATA_DIR / "scope.json").read_text(encoding="utf-8"))
    terms = sorted((t.lower() for t in raw["terms"]), key=len, reverse=True)
    return re.compile(r"(?<![\w])(" + "|".join(re.escape(t) for t in terms) + r")", re.IGNORECASE)


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
        dense_search: Callable[[Sequence[float], int], list[tuple[Chunk, float]]] | None = None,
    ) -> None:
        self.chunks = list(chunks)
        self.documents = {d.id: d for d in documents}
        self.embed_query = embed_query
        self.threshold = threshold or Threshold()
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
        self._asn_cache: dict[tuple[str, str], bool] = {}

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

    def dense_scores(self, text: str) -> np.ndarray:
        vec = np.asarray(self.embed_query(text), dtype=np.float32)
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
        dense = self.dense_scores(q.expanded)
        lexical = self.lexical_scores(q.expanded)
        groups = self._fuse(dense, lexical)

        named = set(q.documents)
        asks_article = bool(_ASKS_ARTICLE.search(q.original))
        about_asn = bool(_ASN_WORDS.search(q.original))
        defined = self._definition_pattern(q) if _ASKS_DEFINITION.search(q.original) else None
        marks = [i.marks for i in load_intents() if i.name in q.intents]
        for key, g in groups.items():
            for mark in marks:
                if any(mark.search(c.text) for c in g.chunks):
                    g.score *= INTENT_FACTOR
            if about_asn and self._addresses_asn(key):
                g.score *= SUBJECT_FACTOR
            if defined is not None and any(defined.search(c.text) for c in g.chunks):
                g.score *= DEFINITION_FACTOR
            if key[0] in named:
                g.score *= NAMED_DOC_FACTOR
            if not g.in_force and not q.wants_old and key[0] not in named:
                g.score *= REPEALED_FACTOR
            if g.best.kind == "article" and not asks_article:
                g.score *= ARTICLE_FACTOR
            elif key[1].startswith("_"):
                g.score *= PREAMBLE_FACTOR
        ranked = sorted(groups.values(), key=lambda g: -g.score)

        direct = self._direct_hits(q) + self._repeal_hits(q)
        direct_keys = {h.key for h in direct}
        hits = direct + [h for h in ranked if h.key not in direct_keys]
        hits = hits[: max(top_k, 1) * 2]

        found, reason, confidence = self._decide(q, hits, direct)
        return Retrieval(q, hits[:top_k], found, reason, confidence)

    def _fuse(self, dense: np.ndarray, lexical: np.ndarray) -> dict[tuple[str, str], Hit]:
        """RRF over pasal-level rankings (a pasal scores by its best chunk in each ranking)."""
        best_dense: dict[tuple[str, str], tuple[float, int]] = {}
        best_lex: dict[tuple[str, str], tuple[float, int]] = {}
        top_lex = float(lexical.max()) if len(lexical) else 0.0
        for i in np.argsort(-dense)[: CANDIDATES * 3]:
            key = self._group_of[i]
            if key not in best_dense:
                best_dense[key] = (float(dense[i]), int(i))
        for i in np.argsort(-lexical)[: CANDIDATES * 3]:
            if lexical[i] <= 0:
                break
            key = self._group_of[i]
            if key not in best_lex:
                best_lex[key] = (float(lexical[i]), int(i))
        hits: dict[tuple[str, str], Hit] = {}
        for weight, ranking in ((DENSE_WEIGHT, best_dense), (LEXICAL_WEIGHT, best_lex)):
            for rank, (key, (_, i)) in enumerate(list(ranking.items())[:CANDIDATES]):
                hit = hits.get(key)
                if hit is None:
                    hit = hits[key] = self._hit(key, i)
                hit.score += weight / (RRF_K + rank + 1)
        for key, hit in hits.items():
            idxs = self.groups[key]
            hit.dense = max(float(dense[i]) for i in idxs)
            hit.lexical = max(float(lexical[i]) for i in idxs) / top_lex if top_lex > 0 else 0.0
            # the best chunk: highest combined normalised score within the pasal
            hit.best = self.chunks[max(idxs, key=lambda i: float(dense[i]) + (
                float(lexical[i]) / top_lex if top_lex > 0 else 0.0))]
        return hits

    def _hit(self, key: tuple[str, str], best: int) -> Hit:
        return Hit(key=key, chunks=[self.chunks[i] for i in self.groups[key]], best=self.chunks[best])

    def group(self, doc_id: str, pasal: str) -> list[Chunk]:
        """All chunks of one pasal, body then Penjelasan ([] when not indexed)."""
        return [self.chunks[i] for i in self.groups.get((doc_id, pasal.upper()), [])]

    def _addresses_asn(self, key: tuple[str, str]) -> bool:
        cached = self._asn_cache.get(key)
        if cached is None:
            cached = self._asn_cache[key] = any(
                _ASN_WORDS.search(self.chunks[i].text) or _ASN_WORDS.search(self.chunks[i].context or "")
                for i in self.groups[key] if self.chunks[i].part != "penjelasan")
        return cached

    def _definition_pattern(self, q: Query) -> re.Pattern[str] | None:
        """"dimaksud dengan … <term>" / "<term> adalah" for the question's rarer content words."""
        words = [w for w in _TOKEN_RE.findall(q.original.lower()) if w not in STOPWORDS and len(w) > 3
                 and w not in {"pengertian", "definisi", "arti", "artinya", "maksud", "dimaksud"}]
        words = sorted(words, key=lambda w: -self.idf.get(_stemmer().stemWord(w), self._default_idf))[:3]
        if not words:
            return None
        alt = "|".join(re.escape(w) for w in words)
        # the term right after "dimaksud dengan" (Penjelasan: 'Yang dimaksud dengan "asas netralitas"'),
        # not a word somewhere down a Pasal 1 list of definitions
        return re.compile(rf"dimaksud dengan\W{{1,3}}[^.:;]{{0,20}}\b({alt})", re.IGNORECASE)

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
        """Pasal the user named, in the order named; for a law with amendments the latest text first."""
        out: list[Hit] = []
        seen: set[tuple[str, str]] = set()
        for ref in q.references:
            if not ref.doc_ids:
                continue
            for doc_id in reversed(ref.doc_ids) if len(ref.doc_ids) > 1 else ref.doc_ids:
                key = (doc_id, ref.pasal.upper())
                if key in seen or key not in self.groups:
                    continue
                seen.add(key)
                idxs = self.groups[key]
                best = next(
                    (i for i in idxs if ref.ayat and self.chunks[i].ayat == ref.ayat
                     and self.chunks[i].part != "penjelasan"),
                    next((i for i in idxs if ref.huruf and (self.chunks[i].huruf or "").lower() == ref.huruf
                          and self.chunks[i].part != "penjelasan"), idxs[0]),
                )
                out.append(Hit(key=key, chunks=[self.chunks[i] for i in idxs], best=self.chunks[best],
                               score=1.0, dense=1.0, lexical=1.0, direct=True, reference=ref))
        return out

    def _decide(self, q: Query, hits: list[Hit], direct: list[Hit]) -> tuple[bool, str, float]:
        if direct:
            return True, "ok", 1.0
        if any(r.doc_ids and all(d in self.documents for d in r.doc_ids) for r in q.references):
            return False, "missing_pasal", 0.0  # the named pasal is not in the index: never invent it
        if q.unknown_documents and not any(d in self.documents for d in q.documents):
            return False, "unknown_document", 0.0
        if not hits:
            return False, "empty", 0.0
        confidence = hits[0].dense
        bar = self.threshold.value if in_scope(q) and not asks_not_in_law(q) else self.threshold.out_of_scope
        if confidence < bar:
            return False, "below_threshold", confidence
        return True, "ok", confidence
