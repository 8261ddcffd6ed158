"""The one object the Telegram bot, the CLI and the benchmarks talk to.

It loads the embedding model and opens the store once; handlers receive it (PTB `bot_data`).
The retriever (chunk list, vectors, BM25) is built once per index generation and swapped when
the indexer switches a new generation in, so the bot never needs a restart after a rebuild.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from pathlib import Path
from typing import Any

from bot import messages
from bot.adapter import QueryAdapter, load_adapter
from bot.answer import Answer, compose, draft_reply, not_found_answer, render, smalltalk_answer
from bot.config import BotSettings
from bot.display import Lexicon
from bot.kinds import Kind, is_smalltalk
from bot.manifest import not_indexed_note, related_unindexed, with_related
from bot.query import load_vocabulary, parse_query
from bot.regional import standardize
from bot.retrieve import Retrieval, Retriever, Threshold, tokenize
from indexer.types import Chunk, Document

log = logging.getLogger(__name__)

EMPTY_QUESTION_TEXT = "Pertanyaan kosong. Silakan tulis pertanyaan tentang netralitas atau disiplin ASN."
UNAVAILABLE_TEXT = ("Maaf, Tanya ASN sedang dalam pemeliharaan: data peraturan belum dapat dibaca. "
                    "Silakan coba lagi beberapa saat lagi.")
_REFRESH_EVERY_S = 2.0
# the first pasal's best BM25 match, as a share of the best chunk's: below this the question's own words
# found nothing there and the embedding alone chose it ("istri saya nyaleg, saya harus gimana?": 0.0)
WEAK_LEXICAL = 0.2


def adapter_for(model_name: str) -> QueryAdapter:
    """The fitted query adapter when it was fitted for this embedding model, else the identity."""
    adapter = load_adapter()
    if adapter.matrix is not None and adapter.model and Path(adapter.model).name != Path(model_name).name:
        log.warning("Adaptor kueri dibuat untuk %s, bukan %s: tidak dipakai.", adapter.model, model_name)
        return QueryAdapter(None)
    return adapter


class Assistant:
    """Answers questions from the active index. Contract used by bot/telegram.py and bot/__main__.py."""

    def __init__(self, settings: BotSettings | None = None, *, embedder: Any = None, store: Any = None,
                 build_if_missing: bool = True, llm: Any = None) -> None:
        from indexer.build import ensure_index
        from indexer.embed import load_embedder
        from indexer.store import StoreError, open_store

        self.settings = settings or BotSettings()
        # What the operator must fix while no index can be served (logged once, shown by the CLI).
        self.index_error: str | None = None
        if build_if_missing and store is None:
            try:
                ensure_index(self.settings)
            except StoreError as exc:  # damaged index, Chroma server down: answer "maintenance", retry
                self._index_failed(exc)
        self.embedder = embedder or load_embedder(self.settings)
        if self.settings.torch_threads > 0:  # after loading: the loader sets torch to all cores
            # One short question gains nothing from more threads, and idle BLAS threads spin: with
            # two OpenBLAS threads a question cost 51 ms of CPU for 26 ms of wall time, with one
            # 26 ms — twice the answers per core when many users ask at once.
            import torch
            from threadpoolctl import threadpool_limits

            torch.set_num_threads(self.settings.torch_threads)
            threadpool_limits(limits=self.settings.torch_threads, user_api="blas")
        self.store = store or open_store(self.settings)
        self.threshold = Threshold(value=self.settings.answer_threshold) if self.settings.answer_threshold \
            else Threshold()
        self._lock = threading.Lock()
        self._token: str | None = None
        self._checked = 0.0
        self.generation: str | None = None
        self.retriever: Retriever | None = None
        self._documents: list[Document] = []
        self._consolidation: Any = None  # indexer.consolidate.Consolidation of the active generation
        self.llm = llm
        if self.llm is None and self.settings.llm_enabled:
            from bot.llm import LLMWriter

            self.llm = LLMWriter(self.settings)
        self.refresh(force=True)

    # ------------------------------------------------------------------ index generations

    def refresh(self, force: bool = False) -> bool:
        """Pick up a newly switched-in index generation; True when it changed."""
        now = time.monotonic()
        if not force and now - self._checked < _REFRESH_EVERY_S:
            return False
        self._checked = now
        try:
            token = self.store.pointer_token()
        except Exception as exc:  # a store hiccup must not take answering down
            self._index_failed(exc)
            return False
        if token == self._token and self.retriever is not None:
            self.index_error = None  # the store answers again
            return False
        with self._lock:
            try:
                index = self.store.active()
                if index is None:
                    from indexer.store import REBUILD_HINT

                    self.retriever, self.generation, self._documents = None, None, []
                    self._consolidation = None
                    self._token = token
                    self._index_failed(f"Belum ada indeks aktif. {REBUILD_HINT}")
                    return True
                if index.generation == self.generation and self.retriever is not None:
                    self._token = token
                    self.index_error = None
                    return False
                chunks, vectors = index.chunks_with_vectors()
                consolidation = index.consolidation()
            except Exception as exc:  # the previous generation (if any) keeps serving
                self._index_failed(exc)
                return False
            documents = index.documents()
            self.retriever = Retriever(
                chunks, vectors, self.embedder.embed_query, documents, self.threshold,
                dense_search=index.query, adapter=adapter_for(self.embedder.name),
            )
            self._documents = documents
            self._consolidation = consolidation
            self.generation = index.generation
            self._token = token
            self.index_error = None
            log.info("Indeks %s dimuat: %d potongan, %d dokumen", index.generation, len(chunks), len(documents))
            return True

    def _index_failed(self, exc: Exception | str) -> None:
        from indexer.store import REBUILD_HINT, StoreError

        message = str(exc) if isinstance(exc, StoreError | str) else \
            f"Indeks tidak dapat dibaca ({type(exc).__name__}: {exc}). {REBUILD_HINT}"
        if message != self.index_error:  # once per problem, not on every question
            log.error("%s", message)
        self.index_error = message

    # ------------------------------------------------------------------ answering

    def understood(self, question: str) -> str:
        """The question with regional words in standard Indonesian ("12 dino kerjo" → "12 hari kerja"): what
        retrieval and the answer read. The user's own text stays on the answer."""
        retriever = self.retriever
        if retriever is None:
            return standardize(question)
        vocabulary = load_vocabulary()
        return standardize(question, lambda w: w.lower() in vocabulary or retriever.knows(w))

    def retrieve(self, question: str, top_k: int = 5) -> Retrieval:
        self.refresh()
        retriever = self.retriever
        if retriever is None:
            return Retrieval(parse_query(question), [], False, "empty")
        return retriever.search(self.understood(question), top_k=top_k)

    def ask(self, question: str, top_k: int = 5) -> Answer:
        """Retrieve and compose the extractive (or LLM-lead) answer. Never raises on bad input."""
        started = time.perf_counter()
        question = (question or "").strip()
        if question and is_smalltalk(question):  # "halo", "makasih": a friendly word, no search
            answer = smalltalk_answer(question)
            answer.latency_ms = (time.perf_counter() - started) * 1000
            return answer
        if not question:
            answer = Answer(question="", found=False, lead=EMPTY_QUESTION_TEXT, text=EMPTY_QUESTION_TEXT,
                            reason="empty")
            answer.latency_ms = (time.perf_counter() - started) * 1000
            return answer
        question = question[: self.settings.max_question_chars]
        self.refresh()
        if self.retriever is None and self.index_error:
            answer = Answer(question=question, found=False, lead=UNAVAILABLE_TEXT, text=UNAVAILABLE_TEXT,
                            reason="unavailable")
            answer.latency_ms = (time.perf_counter() - started) * 1000
            return answer
        try:
            understood = self.understood(question)
            retrieval = self.retrieve(understood, top_k=top_k)
            docs = {d.id: d for d in self._documents}
            idf = self.retriever.idf if self.retriever else {}
            corpus = self.retriever.chunks if self.retriever else None
            lexicon = self._lexicon()
            answer = compose(understood, retrieval, idf, docs, top_k=top_k, lexicon=lexicon, corpus=corpus)
            answer.question = question
            if retrieval.reason == "unknown_document":
                note = not_indexed_note(retrieval.query.unknown_documents, set(docs))
                if note:  # named properly, with where to read it, before the referral
                    answer.lead = note
                    answer.text = note + "\n\n" + answer.text.split("\n\n", 1)[-1]
            if answer.found and self.llm is not None:
                lead = self.llm.write_lead(question, answer.citations, answer.kind)
                if lead:
                    more = answer.more
                    answer = render(question, retrieval, answer.citations, docs, lead=lead,
                                    kind=Kind(answer.kind), more=more)
                    answer.more = more
            if answer.found and retrieval.reason != "unknown_document":
                related = related_unindexed(set(tokenize(understood)), set(tokenize(retrieval.query.expanded)),
                                            set(docs), idf)
                if related:  # the rule written for this case exists but is not held: say so with the lead
                    weak = not retrieval.hits or retrieval.hits[0].lexical < WEAK_LEXICAL
                    lead = with_related(answer.lead, related, weak)
                    answer.text = answer.text.replace(answer.lead, lead, 1)
                    answer.lead = lead
        except Exception:
            log.exception("Gagal menjawab pertanyaan")
            answer = not_found_answer(question, Retrieval(parse_query(question), [], False, "error"))
        answer.latency_ms = (time.perf_counter() - started) * 1000
        return answer

    def _lexicon(self) -> Lexicon | None:
        """The corpus's word counts for readable quotes (bot/display.py), once per index generation."""
        retriever = self.retriever
        if retriever is None:
            return None
        cached = getattr(self, "_lexicon_cache", None)
        if cached is None or cached[0] is not retriever:
            cached = (retriever, Lexicon.from_texts(c.text for c in retriever.chunks))
            self._lexicon_cache = cached
        return cached[1]

    def draft(self, question: str) -> str:
        """Formal helpdesk reply ("Menanggapi pertanyaan Saudara/i …") with a Dasar hukum list."""
        return draft_reply(self.ask(question, top_k=3))

    def pasal_chunks(self, doc_id: str, pasal: str) -> list[Chunk]:
        """All chunks of one known pasal (body then Penjelasan), e.g. for the Teks lengkap button.

        When that wording is no longer in force, the wording in force comes first (its chunks have
        status "berlaku"), then the requested one (status "diubah"/"dihapus"/"dicabut")."""
        self.refresh()
        if self.retriever is None:
            return []
        return self._current_first(doc_id, pasal, self.retriever.group(doc_id, pasal))

    def _current_first(self, doc_id: str, pasal: str, chunks: list[Chunk]) -> list[Chunk]:
        record = self.consolidated(doc_id, pasal)
        current = record.current if record is not None else None
        if current is None or (current.doc_id, current.pasal) == (doc_id, pasal) or self.retriever is None:
            return chunks
        return self.retriever.group(current.doc_id, current.pasal) + chunks

    def consolidated(self, doc_id: str, pasal: str):
        """The consolidated record of a pasal (indexer.consolidate.PasalRecord) or None.

        Fields: status (berlaku|diubah|dihapus|dicabut), current (Ref doc_id/pasal of the wording in
        force, None when deleted/repealed), history, changed_by, kept_in_force_by,
        not_yet_in_force_until, successors, references, referenced_by. Works in the base law's
        numbering (uu-1-2015, "71") and in the amending act's (uu-10-2016, "71")."""
        self.refresh()
        if self._consolidation is None:
            return None
        return self._consolidation.get(doc_id, (pasal or "").upper())

    def history_line(self, doc_id: str, pasal: str) -> str:
        """One line for under a pasal's title: "diubah terakhir oleh UU 10/2016", "dihapus oleh UU
        8/2015", "dicabut oleh PP 94/2021; tetap berlaku berdasarkan PP 94/2021 Pasal 42 ayat (2)";
        "" for a pasal never changed."""
        record = self.consolidated(doc_id, pasal)
        if record is None:
            return ""
        names = {d.id: d.short_name for d in self._documents}
        name = names.get
        parts: list[str] = []
        if record.status == "dicabut":
            doc = next((d for d in self._documents if d.id == doc_id), None)
            by = doc.dicabut_oleh if doc else None
            parts.append(messages.PASAL_HISTORY_REPEALED_BY.format(act=name(by, by)) if by
                         else messages.PASAL_HISTORY_REPEALED.format(doc=name(doc_id, doc_id)))
        elif record.changed_by:
            last = record.history[-1]
            template = {"dihapus": messages.PASAL_HISTORY_DELETED, "disisipkan": messages.PASAL_HISTORY_INSERTED}.get(
                last.change, messages.PASAL_HISTORY_CHANGED)
            parts.append(template.format(act=name(last.doc_id, last.doc_id)))
            if record.status == "diubah" and record.current is not None:
                current = f"{name(record.current.doc_id, record.current.doc_id)} Pasal {record.current.pasal}"
                parts.append(messages.PASAL_HISTORY_REPLACED.format(current=current))
        # a pasal in force "kept" by a transitional clause (PP 94/2021 by UU 20/2023 Pasal 75) needs no note
        kept = record.kept_in_force_by if record.status != "berlaku" else None
        for saving, template in ((kept, messages.PASAL_HISTORY_KEPT),
                                 (record.not_yet_in_force_until, messages.PASAL_HISTORY_NOT_YET)):
            if saving is not None:
                clause = f"{name(saving.doc_id, saving.doc_id)} Pasal {saving.pasal}" + (
                    f" ayat ({saving.ayat})" if saving.ayat else "")
                parts.append(template.format(clause=clause))
        return "; ".join(parts)

    def pasal(self, reference: str) -> list[Chunk]:
        """All chunks of the pasal a user names ("PP 94/2021 5", "UU ASN pasal 9"), body then Penjelasan;
        [] when no such pasal is indexed."""
        self.refresh()
        if self.retriever is None or not (reference or "").strip():
            return []
        text = reference.strip()
        if not re.search(r"\bpasal\b", text, re.IGNORECASE):
            # "/pasal PP 94/2021 5": the last number after the document is the pasal
            m = re.match(r"^(.*\S)\s+(\d{1,3}[A-Za-z]?)\s*$", text)
            if m:
                text = f"{m.group(1)} pasal {m.group(2)}"
        q = parse_query(text, self._documents)
        for ref in q.references:
            ids = list(reversed(ref.doc_ids)) if len(ref.doc_ids) > 1 else list(ref.doc_ids)
            for doc_id in ids:
                chunks = self._current_first(doc_id, ref.pasal.upper(), self.retriever.group(doc_id, ref.pasal))
                if chunks:
                    return chunks
        return []

    def documents(self) -> list[Document]:
        """The indexed documents with their status, for /start, /sumber and the Sumber button."""
        self.refresh()
        return list(self._documents)
