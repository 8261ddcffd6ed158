"""The index as admins see it: blue/green builds, incremental updates, one writer, safe kills.

Uses a tiny invented corpus (tests/fixtures/mini_corpus, marked CONTOH — BUKAN TEKS HUKUM), the
real embedding model and real embedded Chroma.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from indexer.build import build_index, mark_repealed, remove_document
from indexer.config import IndexSettings
from indexer.store import WriterBusy, open_store, writer_lock

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "fixtures" / "mini_corpus"


@pytest.fixture
def mini(tmp_path: Path) -> IndexSettings:
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    return IndexSettings(corpus_dir=str(corpus), index_dir=str(tmp_path / "index"))


def labels(settings: IndexSettings) -> set[str]:
    return {c.label for c in open_store(settings).active().chunks()}


def test_build_indexes_every_document_and_switches_to_it(mini, embedder):
    report = build_index(mini, embedder=embedder)

    assert report.switched and not report.failed
    active = open_store(mini).active()
    assert active.generation == report.generation
    assert {d.id for d in active.documents()} == {"pp-1-2099", "pp-9-2090", "artikel-contoh"}
    assert "PP 1/2099 Pasal 2" in {lbl.split(" huruf")[0] for lbl in labels(mini)}
    chunk = next(c for c in active.chunks() if c.doc_id == "pp-9-2090" and c.pasal == "1")
    assert chunk.status == "dicabut" and chunk.dicabut_oleh == "pp-1-2099"
    assert "memasang spanduk kampanye di kantor" in chunk.text


def test_every_item_of_a_pasal_gets_its_own_vector_read_back_from_the_index(mini, embedder):
    import numpy as np

    build_index(mini, embedder=embedder)
    chunk = next(c for c in open_store(mini).active().chunks() if c.doc_id == "pp-1-2099" and c.pasal == "2")

    assert [it.label for it in chunk.item_spans] == ["a", "b", "c"]
    assert chunk.item_vectors is not None and chunk.item_vectors.shape == (3, embedder.dimension)
    # each vector is its own item's: a question in chat words lands nearest the huruf it is about
    question = np.asarray(embedder.embed_query("bolehkah posting ajakan nyoblos di Instagram?"))
    assert int(np.argmax(chunk.item_vectors @ question)) == 2  # c. mengunggah ajakan memilih di media sosial


def test_a_list_opener_is_embedded_with_its_own_words_and_its_list_only_when_short():
    from indexer.types import Chunk, Item

    text = "(1) PNS wajib:\na. setia;\nb. netral.\n(2) Ketentuan lebih lanjut diatur dengan Peraturan Menteri."
    a, b = text.index("a."), text.index("b.")
    spans = (Item("ayat", "1", 0, text.index("(2)") - 1, ayat="1"), Item("huruf", "a", a, b - 1, ayat="1", huruf="a"),
             Item("huruf", "b", b, text.index("(2)") - 1, ayat="1", huruf="b"),
             Item("ayat", "2", text.index("(2)"), len(text), ayat="2"))
    texts = Chunk("pp-1-2099", text, "PP 1/2099 Pasal 9", pasal="9", context="Pasal 9", item_spans=spans).item_texts()

    assert texts[0].endswith("(1) PNS wajib:\na. setia;\nb. netral.")  # a short list is quoted whole
    assert texts[1] == "Pasal 9 (1) PNS wajib:\na. setia;"  # a huruf carries the opening of its ayat
    assert texts[3].endswith("(2) Ketentuan lebih lanjut diatur dengan Peraturan Menteri.")


def test_rebuild_without_changes_is_a_no_op(mini, embedder):
    first = build_index(mini, embedder=embedder)
    second = build_index(mini, embedder=embedder)

    assert not second.switched
    assert second.generation == first.generation
    assert "tidak ada perubahan" in second.summary()


def test_only_the_changed_document_is_embedded_again(mini, embedder):
    build_index(mini, embedder=embedder)
    old = Path(mini.corpus_dir) / "pp-9-2090.md"
    old.write_text(old.read_text() + "Pasal 3\nPegawai dilarang berfoto dengan pose jari contoh.\n")

    report = build_index(mini, embedder=embedder)

    states = {d.doc_id: d.state for d in report.docs}
    assert states == {"pp-1-2099": "tetap", "pp-9-2090": "berubah", "artikel-contoh": "tetap"}
    changed = [c for c in open_store(mini).active().chunks() if c.doc_id == "pp-9-2090"]
    assert report.embedded == len(changed)
    assert any("pose jari" in c.text for c in changed)


def test_removed_document_disappears_from_the_index(mini, embedder):
    build_index(mini, embedder=embedder)

    remove_document(mini, "artikel-contoh")

    assert {c.doc_id for c in open_store(mini).active().chunks()} == {"pp-1-2099", "pp-9-2090"}


def test_marking_a_regulation_repealed_changes_its_status_without_re_embedding(mini, embedder):
    build_index(mini, embedder=embedder)

    report = mark_repealed(mini, "pp-1-2099", None)

    assert report.switched and report.embedded == 0
    statuses = {c.status for c in open_store(mini).active().chunks() if c.doc_id == "pp-1-2099"}
    assert statuses == {"dicabut"}


def test_unreadable_file_is_reported_and_the_others_are_still_indexed(mini, embedder):
    corpus = Path(mini.corpus_dir)
    (corpus / "rusak.pdf").write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    catalog = json.loads((corpus / "catalog.json").read_text())
    catalog["documents"].append({"id": "pp-2-2099", "kind": "regulation", "jenis": "PP", "nomor": "2",
                                 "tahun": 2099, "judul": "Berkas rusak", "file": "rusak.pdf"})
    (corpus / "catalog.json").write_text(json.dumps(catalog))

    report = build_index(mini, embedder=embedder)

    assert [d.doc_id for d in report.failed] == ["pp-2-2099"]
    assert report.failed[0].error  # a message for the admin, not a traceback
    assert {c.doc_id for c in open_store(mini).active().chunks()} == {"pp-1-2099", "pp-9-2090", "artikel-contoh"}


def test_a_running_reader_picks_up_the_new_generation_without_restart(mini, embedder):
    build_index(mini, embedder=embedder)
    reader = open_store(mini)
    before_token, before = reader.pointer_token(), reader.active().generation

    build_index(mini, embedder=embedder, full=True)

    assert reader.pointer_token() != before_token
    assert reader.active().generation != before


def test_previous_generation_is_kept_for_rollback(mini, embedder):
    first = build_index(mini, embedder=embedder).generation
    build_index(mini, embedder=embedder, full=True)
    store = open_store(mini)

    assert store.rollback() == first
    assert store.active().generation == first


def test_only_one_writer_at_a_time(mini, embedder):
    with writer_lock(mini), pytest.raises(WriterBusy, match="sedang berjalan"):
        build_index(mini, embedder=embedder)


def test_a_build_killed_halfway_leaves_the_previous_index_serving(mini, embedder):
    good = build_index(mini, embedder=embedder).generation
    # A real SIGKILL in the middle of embedding a full rebuild, in a separate process.
    script = textwrap.dedent(f"""
        import os, signal
        from indexer.build import build_index
        from indexer.config import IndexSettings
        def die(stage, done, total):
            if stage == "Embedding":
                os.kill(os.getpid(), signal.SIGKILL)
        build_index(IndexSettings(corpus_dir={mini.corpus_dir!r}, index_dir={mini.index_dir!r}),
                    full=True, progress=die)
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == -9, proc.stderr.decode()[-2000:]

    store = open_store(mini)
    assert store.active().generation == good
    assert len(store.generations()) >= 2  # the half-built one is still lying there …
    assert store.active().query(embedder.embed_query("spanduk kampanye di kantor"), 1)

    report = build_index(mini, embedder=embedder, full=True)  # … and the next build cleans it up
    assert report.switched
    assert good in store.generations() and len(store.generations()) == 2


def test_status_json_is_machine_readable(mini, embedder):
    build_index(mini, embedder=embedder)
    proc = subprocess.run([sys.executable, "-m", "indexer", "status", "--json", "--corpus", mini.corpus_dir,
                           "--index", mini.index_dir], cwd=ROOT, capture_output=True, text=True, timeout=120)

    assert proc.returncode == 0, proc.stderr
    status = json.loads(proc.stdout)
    assert status["chunks"] > 5
    assert {d["id"]: d["status"] for d in status["documents"]}["pp-9-2090"] == "dicabut"


def test_status_without_an_index_says_how_to_build_one(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "indexer", "status", "--corpus", str(MINI),
                           "--index", str(tmp_path / "none")], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)

    assert proc.returncode == 1
    assert "python -m indexer build" in proc.stdout


def test_a_repeal_the_catalogue_does_not_know_is_reported(mini, embedder):
    catalog_path = Path(mini.corpus_dir) / "catalog.json"
    catalog = json.loads(catalog_path.read_text())
    for entry in catalog["documents"]:
        if entry["id"] == "pp-9-2090":
            entry.update(status="berlaku", dicabut_oleh=None)
    catalog_path.write_text(json.dumps(catalog))

    report = build_index(mini, embedder=embedder)

    assert any("PP 1/2099 mencabut PP 9/2090" in w for w in report.warnings), report.warnings


def test_admin_adds_a_regulation_from_the_command_line_and_can_check_its_structure(mini, embedder, tmp_path):
    build_index(mini, embedder=embedder)
    new = tmp_path / "Peraturan baru (scan) .md"  # an awkward name: stored under a generated one
    new.write_text("CONTOH — BUKAN TEKS HUKUM\nPasal 1\nPegawai wajib netral dalam pemilihan contoh.\n"
                   "Pasal 2\n(1) Pegawai dilarang menjadi juru kampanye contoh.\n(2) Larangan berlaku sejak "
                   "penetapan calon.\n")
    cli = [sys.executable, "-m", "indexer"]
    where = ["--corpus", mini.corpus_dir, "--index", mini.index_dir, "-q"]

    added = subprocess.run([*cli, "add", str(new), "--jenis", "PP", "--nomor", "3", "--tahun", "2099",
                            "--judul", "Contoh Netralitas", *where],
                           cwd=ROOT, capture_output=True, text=True, timeout=300)

    assert added.returncode == 0, added.stderr
    assert "2 pasal dikenali" in added.stdout
    assert "python -m indexer show pp-3-2099 --pasal 1" in added.stdout
    assert (Path(mini.corpus_dir) / "files" / "pp-3-2099.md").exists()
    assert "pp-3-2099" in {c.doc_id for c in open_store(mini).active().chunks()}

    shown = subprocess.run([*cli, "show", "pp-3-2099", "--pasal", "2", *where],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert "(2)" in shown.stdout and "juru kampanye contoh" in shown.stdout


def test_adding_a_corrupt_pdf_stores_nothing_and_says_why(mini, embedder, tmp_path):
    build_index(mini, embedder=embedder)
    bad = tmp_path / "rusak.pdf"
    bad.write_bytes(b"%PDF-1.4\n garbage without objects")
    before = (Path(mini.corpus_dir) / "catalog.json").read_text()

    proc = subprocess.run([sys.executable, "-m", "indexer", "add", str(bad), "--jenis", "PP", "--nomor", "4",
                           "--tahun", "2099", "--judul", "Rusak", "--corpus", mini.corpus_dir, "--index",
                           mini.index_dir], cwd=ROOT, capture_output=True, text=True, timeout=120)

    assert proc.returncode != 0
    assert "PDF" in proc.stderr and "Traceback" not in proc.stderr
    assert (Path(mini.corpus_dir) / "catalog.json").read_text() == before
    assert not (Path(mini.corpus_dir) / "files").exists()
