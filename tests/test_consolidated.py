"""Consolidated law: every pasal knows whether its wording is the one in force (issue 9).

Most tests run on the parsed documents (fast, no index): the Pilkada chain UU 1/2015 ← UU 8/2015 ←
UU 10/2016, PP 53/2010 → PP 94/2021 and UU 5/2014 → UU 20/2023 from ../shared/corpus; every
expectation below was checked by hand against the markdown/PDF text. Instruction forms the corpus
lacks are tested on three invented laws in tests/fixtures/konsolidasi (marked: BUKAN teks hukum).
One slow test builds a real index to check the records and chunk fields survive the store.
"""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path

import pytest

from indexer.catalog import load_catalog
from indexer.chunks import chunks_from_tree
from indexer.consolidate import Consolidation, consolidate
from indexer.legal import parse_regulation
from indexer.references import Ref, find_references
from indexer.types import Chunk
from tests.corpus_path import requires_corpus, shared_corpus

FIXTURES = Path(__file__).parent / "fixtures" / "konsolidasi"


# ------------------------------------------------------------------------------------------------
# helpers


@cache
def corpus() -> tuple[Consolidation, dict]:
    from indexer.build import parse_regulations

    catalog = load_catalog(shared_corpus())
    trees = parse_regulations([(d, catalog.file_path(d)) for d in catalog.documents])
    parsed = [(d, trees[d.id]) for d in catalog.documents if d.id in trees]
    return consolidate(parsed), {d.id: (d, t) for d, t in parsed}


def record(doc_id: str, pasal: str):
    rec = corpus()[0].get(doc_id, pasal)
    assert rec is not None, f"{doc_id} Pasal {pasal} tidak ada dalam konsolidasi"
    return rec


def current(doc_id: str, pasal: str) -> tuple[str, str] | None:
    rec = record(doc_id, pasal)
    return (rec.current.doc_id, rec.current.pasal) if rec.current else None


def changes(doc_id: str, pasal: str) -> list[tuple[str, str]]:
    return [(h.doc_id, h.change) for h in record(doc_id, pasal).history]


def chunks_of(doc_id: str, pasal: str) -> list[Chunk]:
    consolidation, parsed = corpus()
    doc, tree = parsed[doc_id]
    return [consolidation.stamp(c) for c in chunks_from_tree(doc, tree) if c.pasal == pasal
            and c.part == "batang_tubuh"]


def fixture_law() -> tuple[Consolidation, dict]:
    catalog = load_catalog(FIXTURES)
    parsed = [(d, parse_regulation((FIXTURES / d.file).read_text(encoding="utf-8"), d.id,
                                   amends=(d.mengubah or (None,))[0])) for d in catalog.documents]
    return consolidate(parsed, successors_file=None), {d.id: (d, t) for d, t in parsed}


# ------------------------------------------------------------------------------------------------
# Pilkada: UU 1/2015 ← UU 8/2015 ← UU 10/2016

@requires_corpus
@pytest.mark.corpus
class TestPilkadaChain:
    def test_pasal_7_changed_twice_is_in_force_in_uu_10_2016(self):
        # UU 8/2015 angka 6 and UU 10/2016 angka 1: "Ketentuan Pasal 7 diubah …"
        assert record("uu-1-2015", "7").status == "diubah"
        assert current("uu-1-2015", "7") == ("uu-10-2016", "7")
        assert changes("uu-1-2015", "7") == [("uu-1-2015", "asli"), ("uu-8-2015", "diubah"),
                                              ("uu-10-2016", "diubah")]
        assert record("uu-8-2015", "7").status == "diubah"  # the middle wording is not in force either
        assert record("uu-10-2016", "7").status == "berlaku"

    def test_pasal_8_two_ayat_changed_once(self):
        # UU 8/2015 angka 7: "Ketentuan ayat (2) dan ayat (3) Pasal 8 diubah"; UU 10/2016 leaves it
        rec = record("uu-1-2015", "8")
        assert (rec.status, current("uu-1-2015", "8")) == ("diubah", ("uu-8-2015", "8"))
        assert rec.history[-1].parts == ["ayat (2)", "ayat (3)"]
        assert record("uu-8-2015", "8").status == "berlaku"

    def test_pasal_70_and_71_take_the_uu_10_2016_wording(self):
        assert current("uu-1-2015", "70") == ("uu-10-2016", "70")
        assert record("uu-8-2015", "70").status == "diubah"
        assert (record("uu-1-2015", "71").status, current("uu-1-2015", "71")) == ("diubah", ("uu-10-2016", "71"))
        # UU 8/2015 angka 49 changed only the Penjelasan of Pasal 71 ("Ketentuan Pasal 71 tetap")
        assert record("uu-1-2015", "71").penjelasan_changed_by == "uu-8-2015"
        assert ("uu-8-2015", "diubah") not in changes("uu-1-2015", "71")

    def test_the_amending_acts_numbering_finds_the_same_pasal(self):
        rec = record("uu-10-2016", "71")
        assert (rec.status, rec.base_doc, current("uu-10-2016", "71")) == ("berlaku", "uu-1-2015",
                                                                             ("uu-10-2016", "71"))
        assert rec.changed_by == "uu-10-2016"

    def test_pasal_73_changed_only_by_uu_10_2016(self):
        assert changes("uu-1-2015", "73") == [("uu-1-2015", "asli"), ("uu-10-2016", "diubah")]

    def test_deleted_pasal_169_has_no_wording_in_force(self):
        # UU 8/2015 angka 97: "Ketentuan Pasal 169 dihapus."
        assert (record("uu-1-2015", "169").status, current("uu-1-2015", "169")) == ("dihapus", None)
        assert changes("uu-1-2015", "169")[-1] == ("uu-8-2015", "dihapus")

    def test_pasal_changed_then_deleted(self):
        # UU 8/2015 angka 112 changed Pasal 196, UU 10/2016 angka 63 deleted it
        assert changes("uu-1-2015", "196") == [("uu-1-2015", "asli"), ("uu-8-2015", "diubah"),
                                                ("uu-10-2016", "dihapus")]
        assert record("uu-8-2015", "196").status == "dihapus"

    def test_inserted_pasal_187a_exists_in_the_consolidated_base_law(self):
        # UU 10/2016 angka 59: "… disisipkan 4 (empat) pasal, yakni Pasal 187A sampai dengan Pasal 187D"
        for pasal in ("187A", "187B", "187C", "187D"):
            assert record("uu-1-2015", pasal).status == "berlaku"
            assert current("uu-1-2015", pasal) == ("uu-10-2016", pasal)
            assert changes("uu-1-2015", pasal) == [("uu-10-2016", "disisipkan")]

    def test_pasal_inserted_by_uu_8_2015_then_changed_by_uu_10_2016(self):
        # UU 8/2015 angka 88 inserts Pasal 160A; UU 10/2016 angka 43 changes it
        assert changes("uu-1-2015", "160A") == [("uu-8-2015", "disisipkan"), ("uu-10-2016", "diubah")]
        assert record("uu-8-2015", "160A").status == "diubah"
        assert current("uu-8-2015", "160A") == ("uu-10-2016", "160A")

    def test_inserted_ayat_and_huruf(self):
        # UU 10/2016 angka 4: ayat (1a) into Pasal 16; angka 3: huruf b1 into Pasal 10
        assert record("uu-1-2015", "16").history[-1].parts == ["ayat (1a)"]
        assert current("uu-1-2015", "16") == ("uu-10-2016", "16")
        assert record("uu-1-2015", "10").history[-1].parts == ["huruf b1"]
        huruf = [i.label for i in chunks_of("uu-10-2016", "10")[0].items if i.kind == "huruf"]
        assert huruf == ["a", "b", "b1", "c", "d"]

    def test_added_ayat(self):
        # UU 8/2015 angka 16: "Ketentuan Pasal 27 ditambahkan 2 (dua) ayat, yakni ayat (3) dan ayat (4)"
        assert current("uu-1-2015", "27") == ("uu-8-2015", "27")
        assert record("uu-1-2015", "27").history[-1].parts == ["ayat (3)", "ayat (4)"]

    def test_unchanged_pasal_is_cited_from_the_base_law(self):
        assert (record("uu-1-2015", "187").status, current("uu-1-2015", "187")) == ("berlaku", ("uu-1-2015", "187"))
        assert changes("uu-1-2015", "187") == [("uu-1-2015", "asli")]

    def test_pasal_changed_only_by_uu_8_2015_is_cited_from_it(self):
        # UU 8/2015 angka 47: "Ketentuan huruf b Pasal 69 diubah"; UU 10/2016 leaves Pasal 69
        assert current("uu-1-2015", "69") == ("uu-8-2015", "69")

    def test_restated_pasal_whose_instruction_ocr_lost_is_applied_and_reported(self):
        # uu-8-2015.md: angka 90 is missing, the new Pasal 162 follows angka 89 (Pasal 161)
        rec = record("uu-1-2015", "162")
        assert [(h.doc_id, h.inferred) for h in rec.history[1:]] == [("uu-8-2015", True), ("uu-10-2016", False)]
        assert any("Pasal 162" in line for line in corpus()[0].counts["uu-8-2015"].not_applied)

    def test_ayat_deleted_keeps_the_pasal(self):
        # UU 10/2016 angka 49: "Ketentuan ayat (2) dihapus sehingga Pasal 166 berbunyi …"
        assert (record("uu-1-2015", "166").status, current("uu-1-2015", "166")) == ("diubah", ("uu-10-2016", "166"))

    def test_chunks_carry_the_per_pasal_status(self):
        old = chunks_of("uu-1-2015", "71")
        assert old and all(c.status == "diubah" and not c.in_force for c in old)
        assert {(c.current_doc, c.current_pasal, c.changed_by) for c in old} == {("uu-10-2016", "71", "uu-10-2016")}
        new = chunks_of("uu-10-2016", "71")
        assert new and all(c.in_force and (c.base_doc, c.base_pasal) == ("uu-1-2015", "71") for c in new)
        assert all(c.status == "dihapus" and c.current_doc is None for c in chunks_of("uu-1-2015", "169"))

    def test_amending_acts_penjelasan_of_a_deleted_pasal_is_not_in_force(self):
        # uu-8-2015.md Penjelasan: "Pasal 169 Dihapus."
        consolidation, parsed = corpus()
        doc, tree = parsed["uu-8-2015"]
        notes = [consolidation.stamp(c) for c in chunks_from_tree(doc, tree)
                 if c.part == "penjelasan" and c.pasal == "169"]
        assert notes and all(c.status == "dihapus" for c in notes)

    def test_amending_act_wrappers_are_not_citable(self):
        consolidation, parsed = corpus()
        doc, tree = parsed["uu-10-2016"]
        wrappers = [consolidation.stamp(c) for c in chunks_from_tree(doc, tree) if c.pasal in ("I", "II")]
        assert wrappers and not any(c.citable for c in wrappers)

    def test_sanction_refers_to_the_prohibition_and_back(self):
        # UU 1/2015 Pasal 188: "… melanggar ketentuan sebagaimana dimaksud dalam Pasal 71, dipidana …"
        assert Ref("uu-1-2015", "71") in record("uu-1-2015", "188").references
        sources = {(r.doc_id, r.pasal) for r in record("uu-10-2016", "71").referenced_by}
        assert {("uu-1-2015", "188"), ("uu-1-2015", "190")} <= sources


# ------------------------------------------------------------------------------------------------
# PP 53/2010 → PP 94/2021, UU 5/2014 → UU 20/2023


@requires_corpus
@pytest.mark.corpus
class TestRepealAndSaving:
    def test_pp_53_2010_pasal_7_is_repealed_but_kept_in_force_for_hukuman_disiplin_sedang(self):
        rec = record("pp-53-2010", "7")
        assert (rec.status, rec.current) == ("dicabut", None)
        kept = rec.kept_in_force_by
        assert (kept.doc_id, kept.pasal, kept.ayat, kept.target_ayat) == ("pp-94-2021", "42", "2", "3")
        assert "Gaji dan Tunjangan" in kept.text

    def test_pp_94_2021_pasal_8_hukuman_sedang_is_not_yet_in_force(self):
        rec = record("pp-94-2021", "8")
        assert rec.status == "berlaku"
        delay = rec.not_yet_in_force_until
        assert (delay.doc_id, delay.pasal, delay.ayat, delay.target_ayat) == ("pp-94-2021", "42", "1", "3")

    def test_the_delayed_penalties_are_delayed_where_another_pasal_restates_them(self):
        # Pasal 10 ayat (2) restates Pasal 8 ayat (3)'s "pemotongan tunjangan kinerja sebesar 25% …" for each count of
        # absent days: waiting for the same PP on pay; ayat (1) and the levels of Pasal 13 state no such kind
        delay = record("pp-94-2021", "10").not_yet_in_force_until
        assert (delay.pasal, delay.ayat, delay.target_ayat) == ("42", "1", "2")
        for pasal in ("9", "11", "13", "14"):
            assert record("pp-94-2021", pasal).not_yet_in_force_until is None, pasal

    def test_implementing_regulations_of_the_repealed_uu_5_2014_are_kept_by_uu_20_2023_pasal_75(self):
        # UU 20/2023 Pasal 75: "… peraturan pelaksanaan dari Undang-Undang Nomor 5 Tahun 2Ol4 … masih tetap berlaku"
        for doc_id in ("pp-94-2021", "pp-11-2017"):  # both name UU 5/2014 in their preamble
            kept = record(doc_id, "1").kept_in_force_by
            assert (kept.doc_id, kept.pasal) == ("uu-20-2023", "75")
        assert record("pp-37-2004", "1").kept_in_force_by is None  # made under UU 43/1999

    def test_the_saving_clause_refers_to_another_regulation(self):
        assert Ref("pp-53-2010", "7", "3") in record("pp-94-2021", "42").references
        assert Ref("pp-94-2021", "42", "2") in record("pp-53-2010", "7").referenced_by

    def test_repealed_pasal_points_to_its_successor(self):
        rec = record("pp-53-2010", "4")  # larangan PNS → PP 94/2021 Pasal 5
        assert rec.status == "dicabut"
        assert ("pp-94-2021", "5") in {(s.doc_id, s.pasal) for s in rec.successors}
        assert all(s.how in ("kemiripan isi (saran)", "dikonfirmasi admin") for s in rec.successors)
        assert ("pp-94-2021", "4") in {(s.doc_id, s.pasal) for s in record("pp-53-2010", "3").successors}

    def test_uu_5_2014_pasal_87_is_succeeded_by_uu_20_2023_pasal_52(self):
        rec = record("uu-5-2014", "87")
        assert (rec.status, rec.current) == ("dicabut", None)
        assert ("uu-20-2023", "52") in {(s.doc_id, s.pasal) for s in rec.successors}
        assert record("uu-20-2023", "52").status == "berlaku"
        assert all(c.status == "dicabut" and c.successors for c in chunks_of("uu-5-2014", "87"))

    def test_prohibition_is_referenced_by_its_sanctions_down_to_the_item(self):
        by = record("pp-94-2021", "5").referenced_by
        assert {"13", "14"} <= {r.pasal for r in by if r.doc_id == "pp-94-2021"}
        # Pasal 13 huruf g: "… sebagaimana dimaksud dalam Pasal 5 huruf n angka 2."
        assert Ref("pp-94-2021", "5", None, "n", "2") in record("pp-94-2021", "13").references
        assert Ref("pp-94-2021", "13", None, "g", None) in by
        # Pasal 14 huruf i: "… Pasal 5 huruf n angka 3, angka 4, angka 5, angka 6, dan angka 7"
        refs14 = record("pp-94-2021", "14").references
        assert {r.angka for r in refs14 if (r.pasal, r.huruf) == ("5", "n")} == {"3", "4", "5", "6", "7"}

    def test_pp_94_2021_pasal_14_huruf_i_after_ocr_noise_is_its_own_item(self):
        items = [i for c in chunks_of("pp-94-2021", "14") for i in c.items if i.kind == "huruf"]
        assert [i.label for i in items] == list("abcdefghi")
        chunk = next(c for c in chunks_of("pp-94-2021", "14") if any(i.label == "i" for i in c.items))
        i = next(i for i in chunk.items if i.label == "i")
        assert i.text_in(chunk.text).startswith("i. memberikan dukungan")

    def test_pp_11_2017_pasal_254_is_not_labelled_ayat_1(self):
        for pasal in ("254", "255"):
            assert all(c.ayat is None and "ayat (1)" not in c.label for c in chunks_of("pp-11-2017", pasal))


# ------------------------------------------------------------------------------------------------
# instruction forms the corpus lacks (invented laws)


def test_fixture_chain_of_two_amendments_and_an_inserted_ayat():
    law, _ = fixture_law()
    rec = law.get("uu-1-2098", "2")
    assert [(h.doc_id, h.change, h.parts) for h in rec.history] == [
        ("uu-1-2098", "asli", []), ("uu-2-2099", "diubah", ["ayat (1a)"]), ("uu-3-2100", "diubah", [])]
    assert (rec.current.doc_id, rec.status) == ("uu-3-2100", "diubah")
    assert law.get("uu-2-2099", "2").status == "diubah"


def test_fixture_inserted_huruf_b1_is_an_item():
    law, parsed = fixture_law()
    assert law.get("uu-1-2098", "3").history[-1].parts == ["huruf b1"]
    doc, tree = parsed["uu-2-2099"]
    chunk = next(c for c in chunks_from_tree(doc, tree) if c.pasal == "3")
    b1 = next(i for i in chunk.items if i.label == "b1")
    assert b1.text_in(chunk.text) == "b1. memakai atribut partai politik; dan"


def test_fixture_one_ayat_replaced_without_restating_the_pasal():
    law, parsed = fixture_law()
    rec = law.get("uu-1-2098", "4")
    assert (rec.current.doc_id, rec.current.pasal) == ("uu-3-2100", "4")
    composed = law.get("uu-3-2100", "4").text
    assert composed.splitlines() == [
        "(1) Pegawai yang melanggar larangan sebagaimana dimaksud dalam Pasal 3 huruf b dijatuhi sanksi.",
        "(2) Sanksi sebagaimana dimaksud pada ayat (1) berupa pemotongan tunjangan kinerja.",
        "(3) Sanksi sebagaimana dimaksud pada ayat (2) dijatuhkan oleh atasan."]
    doc, tree = parsed["uu-3-2100"]
    chunk = next(c for c in chunks_from_tree(doc, tree) if c.pasal == "4")
    assert chunk.text.startswith("(2) Sanksi") and [i.label for i in chunk.items] == ["2"]


def test_fixture_deleted_inserted_range_and_ocr_numbers():
    law, _ = fixture_law()
    assert law.get("uu-1-2098", "6").status == "dihapus"
    assert law.get("uu-1-2098", "5").history[-1].doc_id == "uu-3-2100"  # deleted by the second act
    assert [law.get("uu-1-2098", p).history[0].change for p in ("6A", "6B", "6C")] == ["disisipkan"] * 3
    assert law.get("uu-1-2098", "6B").current.doc_id == "uu-3-2100"
    # "l. Ketentuan Pasal l diubah …": OCR "l" read as 1
    assert law.get("uu-1-2098", "1").current.doc_id == "uu-2-2099"


def test_fixture_instruction_without_new_text_is_reported_not_applied():
    law, _ = fixture_law()
    assert law.get("uu-1-2098", "7").status == "berlaku"
    assert law.counts["uu-3-2100"].not_applied == ["4. Ketentuan Pasal 7 diubah: teks pengganti tidak ditemukan"]


def test_references_grammar():
    def refs(text: str) -> list[tuple]:
        return [(f.target.doc_id, f.target.pasal, f.target.ayat, f.target.huruf, f.target.angka)
                for f in find_references(text, "pp-1-2099", "9", "2")]

    assert refs("sebagaimana dimaksud dalam Pasal 5 huruf c dan huruf d;") == [
        ("pp-1-2099", "5", None, "c", None), ("pp-1-2099", "5", None, "d", None)]
    assert refs("sebagaimana dimaksud pada huruf a") == [("pp-1-2099", "9", "2", "a", None)]
    assert refs("Pasal 187A sampai dengan Pasal 187C") == [
        ("pp-1-2099", p, None, None, None) for p in ("187A", "187B", "187C")]
    assert refs("Pasal 7 ayat (31 Peraturan Pemerintah Nomor 53 Tahun 2010") == [("pp-53-2010", "7", "3", None, None)]
    assert refs("Ketentuan ayat (3) Pasal 8 diubah") == [("pp-1-2099", "8", "3", None, None)]
    assert refs("dimaksud dalam Pasal 2O3 ayat (5) huruf b") == [("pp-1-2099", "203", "5", "b", None)]


def test_chunk_fields_survive_chroma_metadata():
    law, parsed = fixture_law()
    doc, tree = parsed["uu-1-2098"]
    chunk = law.stamp(next(c for c in chunks_from_tree(doc, tree) if c.pasal == "4"))
    meta = chunk.to_metadata()
    assert all(isinstance(v, str | int | float | bool) for v in meta.values())
    back = Chunk.from_metadata(chunk.text, meta)
    assert (back.status, back.current_doc, back.current_pasal, back.base_doc, back.base_pasal) == (
        "diubah", "uu-3-2100", "4", "uu-1-2098", "4")
    assert back.items == chunk.items and [i.label for i in back.items] == ["1", "2", "3"]
    assert back.references == chunk.references and {"doc_id": "uu-1-2098", "pasal": "3", "ayat": None,
                                                    "huruf": "b", "angka": None} in back.references


def test_show_prints_the_consolidated_pasal_as_json(capsys):
    from indexer.__main__ import main

    assert main(["show", "uu-1-2098", "--pasal", "4", "--json", "--corpus", str(FIXTURES)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "diubah"
    assert data["current"] == {"doc_id": "uu-3-2100", "pasal": "4", "ayat": None, "huruf": None, "angka": None}
    assert [(h["doc_id"], h["change"]) for h in data["history"]] == [("uu-1-2098", "asli"), ("uu-3-2100", "diubah")]
    for key in ("kept_in_force_by", "successors", "references", "referenced_by"):
        assert key in data
    assert data["current_text"].startswith("(1) Pegawai yang melanggar")


# ------------------------------------------------------------------------------------------------
# the store round trip (one real build)


@pytest.mark.slow
def test_records_and_chunk_status_are_read_back_from_the_index_and_follow_a_new_amending_act(
        tmp_path, embedder):
    from indexer.build import build_index
    from indexer.config import IndexSettings
    from indexer.store import open_store

    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES, corpus)
    catalog = json.loads((corpus / "catalog.json").read_text(encoding="utf-8"))
    second = catalog["documents"].pop()  # UU 3/2100 comes later
    (corpus / "catalog.json").write_text(json.dumps(catalog), encoding="utf-8")
    settings = IndexSettings(corpus_dir=str(corpus), index_dir=str(tmp_path / "index"))
    build_index(settings, embedder=embedder)

    def pasal_4() -> tuple[str, str | None]:
        active = open_store(settings).active()
        chunk = next(c for c in active.chunks({"doc_id": "uu-1-2098"}) if c.pasal == "4")
        return chunk.status, chunk.current_doc

    assert pasal_4() == ("berlaku", "uu-1-2098")
    catalog["documents"].append(second)
    (corpus / "catalog.json").write_text(json.dumps(catalog), encoding="utf-8")
    report = build_index(settings, embedder=embedder)
    active = open_store(settings).active()
    new_chunks = len(active.chunks({"doc_id": "uu-3-2100"}))
    assert report.embedded == new_chunks  # the base law and the first act were copied, not re-embedded
    assert pasal_4() == ("diubah", "uu-3-2100")
    record = active.consolidation().get("uu-1-2098", "4")
    assert (record.status, record.current.doc_id) == ("diubah", "uu-3-2100")
    assert active.consolidation().counts["uu-3-2100"].not_applied

    # the bot: /pasal and "Teks lengkap" give the wording in force first, with its one-line history
    from bot.assistant import Assistant
    from bot.config import BotSettings

    bot = Assistant(BotSettings(corpus_dir=str(corpus), index_dir=settings.index_dir), embedder=embedder)
    looked_up = bot.pasal("UU 1/2098 pasal 4")
    assert [(c.doc_id, c.status) for c in looked_up][:2] == [("uu-3-2100", "berlaku"), ("uu-1-2098", "diubah")]
    assert bot.pasal_chunks("uu-1-2098", "4")[0].doc_id == "uu-3-2100"
    assert bot.pasal("UU 1/2098 pasal 6A")[0].doc_id == "uu-2-2099"  # inserted: only in the amending act
    assert bot.history_line("uu-1-2098", "4") == (
        "diubah terakhir oleh UU 3/2100; teks ini sudah diganti; yang berlaku: UU 3/2100 Pasal 4")
    assert bot.history_line("uu-1-2098", "6") == "dihapus oleh UU 2/2099"
    assert bot.consolidated("uu-3-2100", "4").text.startswith("(1) Pegawai yang melanggar")
