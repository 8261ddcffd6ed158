"""Specification of retrieval: hybrid ranking per pasal, named pasal first, in force first, threshold.

Fast tests run on a small synthetic index (tests/helpers_answer.py); the `corpus` tests run the
real model and Chroma over ../shared/corpus.
"""

from __future__ import annotations

import pytest

from bot.retrieve import Threshold
from tests.corpus_path import requires_corpus
from tests.helpers_answer import CHUNKS, DOCS, bag_embedding, make_retriever


@pytest.fixture(scope="module")
def retriever():
    return make_retriever()


def keys(retrieval):
    return [h.key for h in retrieval.hits]


class TestRanking:
    def test_a_pasal_is_one_hit_with_its_penjelasan(self, retriever):
        hit = next(h for h in retriever.search("PNS ikut kampanye pakai atribut").hits if h.key == ("pp-94-2021", "5"))
        assert [c.part for c in hit.chunks] == ["batang_tubuh", "penjelasan"]
        assert len(set(keys(retriever.search("PNS ikut kampanye pakai atribut")))) == \
            len(keys(retriever.search("PNS ikut kampanye pakai atribut")))

    def test_ayat_chunks_of_one_pasal_are_merged(self, retriever):
        assert keys(retriever.search("Pegawai ASN bebas dari pengaruh partai politik")).count(("uu-20-2023", "9")) == 1

    def test_rule_in_force_ranks_before_its_repealed_predecessor(self, retriever):
        ranked = keys(retriever.search("PNS boleh ikut kampanye pakai seragam dinas?", top_k=10))
        assert ranked.index(("pp-94-2021", "5")) < ranked.index(("pp-53-2010", "4"))

    def test_the_old_rule_comes_first_when_the_user_asks_about_it(self, retriever):
        assert keys(retriever.search("Menurut PP 53 tahun 2010, PNS yang ikut kampanye dihukum apa?"))[0] == \
            ("pp-53-2010", "4")

    def test_asking_whether_a_repealed_rule_applies_finds_the_repeal_clause(self, retriever):
        r = retriever.search("PP 53/2010 masih berlaku ga?")
        assert keys(r)[0] == ("pp-94-2021", "45")

    def test_a_rule_ranks_before_an_article_unless_articles_are_asked_for(self, retriever):
        ranked = keys(retriever.search("PNS boleh ikut kampanye?", top_k=10))
        assert ranked.index(("pp-94-2021", "5")) < ranked.index(("artikel-netralitas", ""))


class TestFusion:
    def test_chat_words_the_law_never_writes_weaken_the_lexical_ranking(self, retriever):
        slang = retriever.known_share("boleh gak PNS like postingan caleg di IG?")
        formal = retriever.known_share("PNS dilarang memberikan dukungan kepada calon")
        assert 0 < slang < 0.5 < formal <= 1.0


class TestRerank:
    """The fused order is re-read with how near each pasal's best chunk is in the adapted space: RRF keeps
    only the dense ranking's order, not by how much one pasal is nearer than the next."""

    @staticmethod
    def rerank(retriever, weight, near):
        import numpy as np

        from bot.adapter import QueryAdapter
        from bot.retrieve import Hit

        retriever.rerank_weight = weight
        retriever.adapter = QueryAdapter(np.eye(retriever.embeddings.shape[1], dtype=np.float32))
        adapted = np.zeros(len(retriever.chunks), dtype=np.float32)
        hits = []
        for (key, score), cosine in zip([(("pp-94-2021", "5"), 0.050), (("pp-94-2021", "8"), 0.048),
                                          (("uu-20-2023", "9"), 0.030)], near, strict=True):
            for i in retriever.groups[key]:
                adapted[i] = cosine
            hits.append(Hit(key=key, chunks=[], best=retriever.chunks[retriever.groups[key][0]], score=score))
        return [h.key for h in retriever._rerank(hits, adapted)]

    def test_a_pasal_much_nearer_in_meaning_passes_a_slightly_better_fused_one(self):
        r = make_retriever()
        assert self.rerank(r, 8.0, (0.10, 0.20, 0.10))[:2] == [("pp-94-2021", "8"), ("pp-94-2021", "5")]

    def test_a_small_difference_in_meaning_does_not_overturn_a_clear_fused_lead(self):
        r = make_retriever()
        assert self.rerank(r, 8.0, (0.10, 0.10, 0.12))[-1] == ("uu-20-2023", "9")

    def test_without_a_weight_the_fused_order_stands(self):
        r = make_retriever()
        assert self.rerank(r, 0.0, (0.10, 0.90, 0.90)) == [("pp-94-2021", "5"), ("pp-94-2021", "8"),
                                                          ("uu-20-2023", "9")]

    def test_the_weight_is_fitted_data_and_a_missing_file_means_fused_order_only(self, tmp_path):
        import json

        from bot.retrieve import RERANK_FILE, load_rerank_weight

        fitted = json.loads(RERANK_FILE.read_text(encoding="utf-8"))
        assert fitted["adapted_weight"] > 0 and "bench.lowo" in fitted["command"]
        assert load_rerank_weight(tmp_path / "missing.json") == 0.0


class TestStatusQuestions:
    """"Template SK kami masih merujuk PP 53/2010 Pasal 4 — masih benar, bagaimana sekarang?" is answered by the
    rule in force; the old text, or the clause that repealed it, comes second."""

    @staticmethod
    def hits(retriever, *keys):
        from bot.retrieve import Hit

        return [Hit(key=k, chunks=retriever.group(*k), best=retriever.group(*k)[0]) for k in keys]

    NOW = "Template SK kami untuk PNS yang ikut kampanye masih merujuk PP 53/2010 — masih benar? bagaimana sekarang?"
    PAST = "Hukuman disiplin saya karena ikut kampanye dijatuhkan pada tahun 2020 dan masih saya jalani — masih " \
           "berlaku? bagaimana sekarang?"

    @staticmethod
    def placed(hit, bab):
        """The same hit, its pasal standing under another BAB."""
        from dataclasses import replace

        return replace(hit, best=replace(hit.best, bab=bab))

    def order(self, retriever, hits, question=NOW):
        return [h.key for h in retriever._rule_in_force_first(hits, question)]

    def test_the_rule_in_force_passes_the_old_text_or_the_repeal_clause(self, retriever):
        for first in (("pp-53-2010", "4"), ("pp-94-2021", "45")):
            assert self.order(retriever, self.hits(retriever, first, ("pp-94-2021", "5"))) == \
                [("pp-94-2021", "5"), first]

    def test_a_rule_a_few_places_down_passes_both_the_old_text_and_the_repeal_clause(self, retriever):
        keys = [("pp-53-2010", "4"), ("pp-94-2021", "45"), ("pp-94-2021", "5")]
        assert self.order(retriever, self.hits(retriever, *keys)) == [keys[2], keys[0], keys[1]]

    def test_a_transitional_clause_settles_a_past_case_but_not_what_holds_now(self, retriever):
        old, peralihan, rule = self.hits(retriever, ("pp-53-2010", "4"), ("pp-94-2021", "8"), ("pp-94-2021", "5"))
        hits = [old, self.placed(peralihan, "BAB VII KETENTUAN PERALIHAN"), rule]
        assert self.order(retriever, hits)[0] == ("pp-94-2021", "5")
        assert self.order(retriever, hits, self.PAST)[0] == ("pp-94-2021", "8")

    def test_definitions_do_not_settle_what_the_rule_is(self, retriever):
        old, definitions, rule = self.hits(retriever, ("pp-53-2010", "4"), ("pp-94-2021", "8"), ("pp-94-2021", "5"))
        hits = [old, self.placed(definitions, "BAB I KETENTUAN UMUM"), rule]
        assert self.order(retriever, hits)[0] == ("pp-94-2021", "5")

    def test_a_rule_sharing_no_word_with_the_question_does_not_settle_it(self, retriever):
        # beyond the acts' names and the status asked, the question and the rule on its matter share a word
        keys = [("pp-53-2010", "4"), ("pp-94-2021", "5")]
        assert self.order(retriever, self.hits(retriever, *keys), "PP 53/2010 masih dipakai? kalau tidak, "
                                                                  "cuti besar sekarang diatur di mana?") == keys

    def test_nothing_in_force_nearby_leaves_the_order_as_found(self, retriever):
        keys = [("pp-53-2010", "4"), ("pp-94-2021", "45")]
        assert self.order(retriever, self.hits(retriever, *keys)) == keys

    def test_a_question_only_about_the_status_still_finds_the_repeal_clause_first(self, retriever):
        assert keys(retriever.search("PP 53/2010 masih berlaku ga?"))[0] == ("pp-94-2021", "45")


class TestVersions:
    """UU 1/2015, UU 8/2015 and UU 10/2016 each hold a Pasal 71: one pasal, shown in its latest wording."""

    @pytest.fixture(scope="class")
    def r(self):
        from bot.retrieve import Retriever
        from indexer.types import Chunk, Document

        pilkada = [Document(id=f"uu-{n}-{y}", kind="regulation", judul="Pemilihan Gubernur, Bupati, dan Walikota",
                            jenis="UU", nomor=str(n), tahun=y) for n, y in ((1, 2015), (8, 2015), (10, 2016))]

        def pasal71(doc_id: str, text: str, seq: int) -> Chunk:
            n, y = doc_id.split("-")[1:]
            return Chunk(doc_id=doc_id, text=text, label=f"UU {n}/{y} Pasal 71", pasal="71", seq=seq,
                         jenis="UU", nomor=n, tahun=int(y), amends=None if doc_id == "uu-1-2015" else "uu-1-2015")

        extra = [
            pasal71("uu-1-2015", "Petahana dilarang melakukan penggantian pejabat 6 bulan sebelum masa "
                    "jabatannya berakhir.", 20),
            pasal71("uu-8-2015", "Petahana dilarang melakukan penggantian pejabat 6 bulan sebelum masa "
                    "jabatannya berakhir dan kampanye.", 21),
            pasal71("uu-10-2016", "Gubernur, Bupati, Walikota dilarang melakukan penggantian pejabat 6 bulan "
                    "sebelum tanggal penetapan pasangan calon.", 22),
        ]
        chunks = CHUNKS + extra
        import numpy as np
        vectors = np.stack([bag_embedding(c.embedding_text()) for c in chunks])
        return Retriever(chunks, vectors, lambda text: bag_embedding(text).tolist(), DOCS + pilkada,
                         Threshold(value=0.0, out_of_scope=0.0))

    def test_the_versions_of_one_pasal_are_one_hit_in_the_latest_wording(self, r):
        ranked = keys(r.search("petahana dilarang melakukan penggantian pejabat 6 bulan sebelum masa jabatan"))
        versions = [k for k in ranked if k[1] == "71"]
        assert versions == [("uu-10-2016", "71")]

    def test_a_named_amended_pasal_is_not_repeated_below_itself(self, r):
        ranked = keys(r.search("UU Pilkada pasal 71 tentang penggantian pejabat"))
        assert ranked[0] == ("uu-10-2016", "71")
        assert [k for k in ranked if k[1] == "71"] == [("uu-10-2016", "71")]


class TestDirectReferences:
    def test_named_pasal_is_first_and_marked_direct(self, retriever):
        r = retriever.search("UU ASN pasal 9 ayat 2")
        assert r.hits[0].key == ("uu-20-2023", "9") and r.hits[0].direct
        assert r.hits[0].best.ayat == "2"

    def test_named_pasal_missing_from_the_index_is_not_invented(self, retriever):
        r = retriever.search("Pasal 280 UU 20/2023 isinya apa?")
        assert not r.found and r.reason == "missing_pasal"

    def test_named_document_missing_from_the_index_is_declined(self, retriever):
        r = retriever.search("Di lampiran SKB 2/2022, ASN yang like postingan paslon kena sanksi apa?")
        assert not r.found and r.reason == "unknown_document"


class TestThreshold:
    def test_weak_best_hit_is_declined(self):
        strict = make_retriever(Threshold(value=0.99, out_of_scope=0.99))
        r = strict.search("PNS boleh ikut kampanye?")
        assert not r.found and r.reason == "below_threshold"

    def test_out_of_scope_questions_need_a_higher_bar(self):
        r = make_retriever(Threshold(value=0.0, out_of_scope=0.99))
        assert r.search("PNS boleh ikut kampanye?").found  # in scope: kampanye
        assert not r.search("Berapa gaji pokok PNS golongan III tahun ini?").found

    @pytest.mark.parametrize("question", ["Kades yang kumpulin warga buat milih paslon bisa dipidana?",
                                          "Kalau PNS berkampanye di medsos gimana?"])
    def test_a_scope_word_with_an_indonesian_prefix_is_still_in_scope(self, question):
        from bot.query import parse_query
        from bot.retrieve import in_scope

        assert in_scope(parse_query(question))

    def test_a_salary_question_stays_out_of_scope(self):
        from bot.query import parse_query
        from bot.retrieve import in_scope

        assert not in_scope(parse_query("Berapa gaji pokok PNS golongan III tahun ini?"))

    def test_practical_details_no_law_holds_need_the_higher_bar(self):
        # in scope (netral, kampanye), but an app or a WA number is in no regulation
        r = make_retriever(Threshold(value=0.0, out_of_scope=0.99))
        assert not r.search("Mau lapor ASN ga netral ke Bawaslu, lewat aplikasi apa atau nomor WA berapa?").found
        assert r.search("Mau lapor ASN ga netral yang ikut kampanye, boleh?").found


# ------------------------------------------------------------------ the real corpus, model and Chroma


@pytest.fixture(scope="module")
def assistant(shared_index, embedder):
    from bot.assistant import Assistant
    from bot.config import BotSettings

    settings = BotSettings(corpus_dir=shared_index.corpus_dir, index_dir=shared_index.index_dir)
    return Assistant(settings, embedder=embedder)


def top(assistant, question, k=5):
    return [(h.doc_id, h.pasal) for h in assistant.retrieve(question, top_k=k).hits]


@requires_corpus
@pytest.mark.corpus
@pytest.mark.slow
class TestOnTheSharedCorpus:
    def test_colloquial_question_finds_the_prohibition(self, assistant):
        assert ("pp-94-2021", "5") in top(assistant, "boleh gak PNS like postingan caleg di IG?", 3)

    def test_asn_in_a_discipline_question_is_the_pns_of_pp_94(self, assistant):
        # "ASN" is not drawn to UU 20/2023 Pasal 65, the sanction for hiring *non*-ASN staff
        assert top(assistant, "sanksi ASN ikut kampanye apa?", 1)[0][0] == "pp-94-2021"

    def test_a_village_head_is_answered_from_the_pilkada_law_not_pns_discipline(self, assistant):
        # PP 94/2021 binds PNS; a kepala desa's campaigning is ruled by UU 10/2016 Pasal 70–71
        q = ("Aku kepala desa. Cabup minta aku ikut bagi-bagi kalender dia keliling kampung & kasih kata "
             "sambutan di acaranya. Boleh gak kades begitu? Kalo ketahuan kena apa?")
        assert top(assistant, q, 1)[0][0] not in {"pp-94-2021", "pp-53-2010", "pp-42-2004", "uu-20-2023"}

    def test_a_figure_about_a_place_the_sources_never_name_is_declined(self, assistant):
        q = "Berapa jumlah ASN di Provinsi Papua Pegunungan yang dilaporkan ke Bawaslu karena tidak netral?"
        retrieval = assistant.retrieve(q)
        assert not retrieval.found and retrieval.reason == "detail_missing"

    def test_a_figure_asked_in_one_part_of_a_long_ticket_is_looked_for_in_that_part_s_words(self, assistant):
        # the ask "berapa lama batas penetapan keputusan pemberhentiannya" shares no rare word with the ticket's
        # story (draf, fungsional, KPU …) yet PP 11/2017 Pasal 268/269 state it: 14 (empat belas) hari kerja
        q = ("Dengan hormat, kami menyusun draf balasan untuk seorang PNS fungsional ahli muda yang ditetapkan KPU "
             "sebagai calon wakil bupati. Kepada siapa surat pernyataan pengunduran diri diajukan, berapa lama batas "
             "penetapan keputusan pemberhentiannya, serta terhitung mulai kapan pemberhentian tersebut berlaku?")
        retrieval = assistant.retrieve(q)
        assert retrieval.found, retrieval.reason

    def test_direct_references_through_aliases(self, assistant):
        assert top(assistant, "PP disiplin pasal 14")[0] == ("pp-94-2021", "14")
        assert top(assistant, "UU ASN pasal 9 ayat 2")[0] == ("uu-20-2023", "9")
        assert top(assistant, "bunyi pasal 2 huruf f UU 20 tahun 2023")[0] == ("uu-20-2023", "2")

    def test_in_force_discipline_rule_before_the_repealed_one(self, assistant):
        ranked = top(assistant, "Apa hukuman bagi PNS yang menjadi peserta kampanye memakai atribut partai?", 10)
        docs = [d for d, _ in ranked]
        assert docs[0] == "pp-94-2021"
        if "pp-53-2010" in docs:
            assert docs.index("pp-94-2021") < docs.index("pp-53-2010")

    def test_who_imposes_a_campaigning_official(self, assistant):
        q = "Sekda provinsi ikut rapat tim pemenangan paslon gubernur. Yg berwenang ngehukum dia siapa?"
        assert top(assistant, q, 1)[0] in {("pp-94-2021", "17"), ("pp-94-2021", "18")}

    def test_status_question_about_the_old_asn_law(self, assistant):
        assert top(assistant, "UU ASN tahun 2014 masih berlaku ga sih?")[0] == ("uu-20-2023", "76")

    def test_out_of_scope_question_is_declined(self, assistant):
        assert not assistant.retrieve("Berapa gaji pokok PNS golongan III/a tahun 2024?").found

    def test_pasal_command_returns_body_then_penjelasan(self, assistant):
        chunks = assistant.pasal("PP 94/2021 5")
        assert chunks and {c.doc_id for c in chunks} == {"pp-94-2021"} and {c.pasal for c in chunks} == {"5"}
        parts = [c.part for c in chunks]
        assert parts == sorted(parts, key=lambda p: p == "penjelasan") and "penjelasan" in parts
        assert {c.doc_id for c in assistant.pasal("UU ASN pasal 9")} == {"uu-20-2023"}
        assert assistant.pasal("PP 94/2021 999") == []

    def test_documents_lists_the_catalogue_with_status(self, assistant):
        docs = {d.id: d for d in assistant.documents()}
        assert docs["pp-53-2010"].status == "dicabut" and docs["pp-94-2021"].in_force


def test_questions_searched_at_once_in_worker_threads_never_see_each_others_scores():
    """The bot answers several questions at once in worker threads: a search that pauses between
    scoring its chunks and choosing which one to quote must still choose from its own scores."""
    import threading

    r = make_retriever()
    alone = keys(r.search("PNS ikut kampanye pakai atribut"))
    first_paused, other_done = threading.Event(), threading.Event()
    seen: list[tuple[dict, dict]] = []
    choose = r._one_per_pasal

    def pausing(ranked):
        if threading.current_thread().name == "first":
            before = dict(r._chunk_score)
            first_paused.set()
            assert other_done.wait(10)
            seen.append((before, dict(r._chunk_score)))
        return choose(ranked)

    r._one_per_pasal = pausing
    results = {}
    first = threading.Thread(target=lambda: results.update(first=r.search("PNS ikut kampanye pakai atribut")),
                             name="first")
    first.start()
    assert first_paused.wait(10)
    r.search("Apa sanksi PNS yang menjadi anggota partai politik?")  # another user, meanwhile
    other_done.set()
    first.join(10)
    (before, after), = seen
    assert before and after == before
    assert keys(results["first"]) == alone


def test_ultimately_is_not_a_case_outcome():
    from bot.retrieve import asks_case_outcome

    assert not asks_case_outcome("Bawaslu Kabupaten Hulu Sungai Tengah bertanya: pejabat mana yang pada akhirnya "
                                 "menjatuhkan hukuman disiplin kepada ASN?")
    assert asks_case_outcome("Kasus ASN di Pilkada Kota Pekalongan itu akhirnya dijatuhi hukuman apa?")
