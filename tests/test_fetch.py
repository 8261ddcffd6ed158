"""`python -m indexer fetch`: official texts land in the corpus only when they really are the texts.

A small HTTP server on 127.0.0.1 plays the government site: a real (tiny) PDF, a 404, an HTML
error page served as `application/pdf`, a BPK-style detail page linking to its PDF, a truncated
PDF. A closed loopback port plays "no internet".
"""

from __future__ import annotations

import argparse
import io
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pypdf import PdfWriter

from indexer.catalog import load_catalog
from indexer.fetch import FetchReport, fetch_corpus, fetch_main, format_report, pdf_links

REPO = Path(__file__).resolve().parents[1]
SHARED_CORPUS = REPO.parent / "shared" / "corpus"


def tiny_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


PDF = tiny_pdf()
ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/Download/1/PP%20Nomor%2094.pdf": (200, "application/pdf", PDF),
    "/missing.pdf": (404, "text/html", b"<html><body>Tidak ditemukan</body></html>"),
    "/fake.pdf": (200, "application/pdf", b"<!DOCTYPE html><html><body>Maintenance</body></html>"),
    "/Details/1/pp-no-94-tahun-2021": (
        200, "text/html; charset=utf-8",
        b'<html><a href="/Download/1/PP%20Nomor%2094.pdf">Unduh</a></html>',
    ),
    "/truncated.pdf": (200, "application/pdf", PDF[: len(PDF) // 2]),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, ctype, body = ROUTES.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/pp.pdf"  # nothing listens there any more


def make_corpus(tmp_path: Path, **urls: str) -> Path:
    """A corpus whose documents point at the given addresses (id → source_url)."""
    docs = [
        {"id": doc_id.replace("_", "-"), "kind": "regulation", "jenis": "PP", "nomor": "1", "tahun": 2021,
         "judul": f"Dokumen uji {doc_id}", "status": "berlaku", "dicabut_oleh": None, "mencabut": [],
         "file": f"files/{doc_id.replace('_', '-')}.pdf", "source_url": url}
        for doc_id, url in urls.items()
    ]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "catalog.json").write_text(json.dumps({"documents": docs}), encoding="utf-8")
    return corpus


def result(report: FetchReport, doc_id: str):
    return next(r for r in report.results if r.doc_id == doc_id)


def leftovers(corpus: Path) -> list[Path]:
    return [p for p in corpus.rglob("*") if p.name.endswith(".part")]


def test_a_real_pdf_is_downloaded_into_its_catalogue_place(tmp_path, site):
    corpus = make_corpus(tmp_path, pp_94=f"{site}/Download/1/PP%20Nomor%2094.pdf")
    report = fetch_corpus(corpus, progress=False)
    assert report.ok
    assert (corpus / "files" / "pp-94.pdf").read_bytes() == PDF
    assert result(report, "pp-94").outcome == "diunduh"
    assert not leftovers(corpus)


def test_an_official_detail_page_is_followed_to_its_pdf(tmp_path, site):
    corpus = make_corpus(tmp_path, pp_94=f"{site}/Details/1/pp-no-94-tahun-2021")
    report = fetch_corpus(corpus, progress=False)
    assert report.ok, format_report(report)
    assert (corpus / "files" / "pp-94.pdf").read_bytes() == PDF
    assert result(report, "pp-94").url.endswith("/Download/1/PP%20Nomor%2094.pdf")


def test_an_existing_file_is_left_alone_unless_forced(tmp_path, site):
    corpus = make_corpus(tmp_path, pp_94=f"{site}/Download/1/PP%20Nomor%2094.pdf")
    (corpus / "files").mkdir()
    (corpus / "files" / "pp-94.pdf").write_bytes(b"%PDF-1.4 copied by hand\n%%EOF")
    assert result(fetch_corpus(corpus, progress=False), "pp-94").outcome == "dilewati"
    assert (corpus / "files" / "pp-94.pdf").read_bytes().startswith(b"%PDF-1.4 copied")
    assert result(fetch_corpus(corpus, progress=False, force=True), "pp-94").outcome == "diunduh"
    assert (corpus / "files" / "pp-94.pdf").read_bytes() == PDF


def test_a_404_fails_clearly_and_leaves_nothing(tmp_path, site):
    corpus = make_corpus(tmp_path, pp_94=f"{site}/missing.pdf")
    report = fetch_corpus(corpus, progress=False)
    r = result(report, "pp-94")
    assert not report.ok and r.outcome == "gagal"
    assert "HTTP 404" in r.message
    assert "Salin berkasnya secara manual ke" in r.message and "pp-94.pdf" in r.message
    assert not (corpus / "files" / "pp-94.pdf").exists()
    assert not leftovers(corpus)


def test_an_html_page_pretending_to_be_a_pdf_is_refused(tmp_path, site):
    corpus = make_corpus(tmp_path, pp_94=f"{site}/fake.pdf")
    r = result(fetch_corpus(corpus, progress=False), "pp-94")
    assert r.outcome == "gagal"
    assert "bukan PDF" in r.message
    assert not (corpus / "files" / "pp-94.pdf").exists()


def test_a_truncated_pdf_is_refused(tmp_path, site):
    corpus = make_corpus(tmp_path, pp_94=f"{site}/truncated.pdf")
    r = result(fetch_corpus(corpus, progress=False), "pp-94")
    assert r.outcome == "gagal" and "terpotong" in r.message
    assert not (corpus / "files" / "pp-94.pdf").exists()


def test_no_network_says_so_in_indonesian_and_where_to_copy_the_file(tmp_path, closed_port_url):
    corpus = make_corpus(tmp_path, pp_94=closed_port_url)
    report = fetch_corpus(corpus, progress=False, timeout=5)
    r = result(report, "pp-94")
    assert r.outcome == "gagal"
    assert "Tidak dapat mengunduh" in r.message
    assert "(tidak ada koneksi internet?)" in r.message
    assert f"Salin berkasnya secara manual ke {corpus.resolve() / 'files' / 'pp-94.pdf'}" in r.message
    assert "pp-94" in format_report(report)


def test_one_dead_link_does_not_stop_the_others(tmp_path, site, closed_port_url):
    corpus = make_corpus(tmp_path, dead=closed_port_url, pp_94=f"{site}/Download/1/PP%20Nomor%2094.pdf")
    report = fetch_corpus(corpus, progress=False, timeout=5)
    assert [r.doc_id for r in report.failed] == ["dead"]
    assert [r.doc_id for r in report.downloaded] == ["pp-94"]


def test_only_limits_the_download_and_unknown_ids_are_reported(tmp_path, site):
    corpus = make_corpus(tmp_path, pp_94=f"{site}/Download/1/PP%20Nomor%2094.pdf", other=f"{site}/missing.pdf")
    report = fetch_corpus(corpus, only=["pp-94", "tidak-ada"], progress=False)
    assert {r.doc_id: r.outcome for r in report.results} == {"tidak-ada": "gagal", "pp-94": "diunduh"}
    assert "tidak ada di" in result(report, "tidak-ada").message


def test_a_file_path_outside_the_corpus_is_refused(tmp_path, site):
    corpus = make_corpus(tmp_path, pp_94=f"{site}/Download/1/PP%20Nomor%2094.pdf")
    data = json.loads((corpus / "catalog.json").read_text())
    data["documents"][0]["file"] = "../../escaped.pdf"
    (corpus / "catalog.json").write_text(json.dumps(data))
    r = result(fetch_corpus(corpus, progress=False), "pp-94")
    assert r.outcome == "gagal" and "keluar dari folder korpus" in r.message
    assert not (tmp_path.parent / "escaped.pdf").exists()


def test_the_cli_exits_non_zero_on_failure_and_zero_on_success(tmp_path, site, capsys):
    bad = make_corpus(tmp_path, pp_94=f"{site}/missing.pdf")
    assert fetch_main(argparse.Namespace(corpus=str(bad), ids=[], force=False, timeout=5, quiet=True)) == 1
    assert "gagal" in capsys.readouterr().out
    (tmp_path / "g").mkdir()
    good = make_corpus(tmp_path / "g", pp_94=f"{site}/Download/1/PP%20Nomor%2094.pdf")
    assert fetch_main(argparse.Namespace(corpus=str(good), ids=[], force=False, timeout=5, quiet=True)) == 0
    missing = tmp_path / "kosong"
    missing.mkdir()
    assert fetch_main(argparse.Namespace(corpus=str(missing), ids=[], force=False, timeout=5, quiet=True)) == 2


def test_pdf_links_finds_bpk_downloads_and_escaped_jdih_attachments():
    page = ('<a href="/Details/2/x">detail</a><a href="/Download/326904/UU%20Nomor%2020.pdf">Unduh</a>'
            '<div wire:snapshot="{&quot;dokumen_lampiran&quot;:'
            '&quot;https:\\/\\/data-jdih.example\\/d\\/a.pdf&quot;}">')
    assert pdf_links(page, "https://peraturan.bpk.go.id/Details/1/y") == [
        "https://peraturan.bpk.go.id/Download/326904/UU%20Nomor%2020.pdf",
        "https://data-jdih.example/d/a.pdf",
    ]


# --- the project's own catalogue -------------------------------------------------------------

OFFICIAL_HOSTS = ("peraturan.bpk.go.id", "peraturan.go.id", "jdih.menpan.go.id", "bkn.go.id", "jdih.")


def test_the_project_catalogue_loads_and_commits_no_texts():
    catalog = load_catalog(REPO / "corpus")
    ids = {d.id for d in catalog.documents}
    assert {"skb-2-2022", "se-18-2023", "pp-17-2020"} <= ids
    raw = {e["id"]: e for e in json.loads((REPO / "corpus" / "catalog.json").read_text())["documents"]}
    for doc in catalog.documents:
        assert doc.kind == "regulation"
        assert doc.file and doc.file.startswith("files/"), doc.id
        assert doc.source_url and doc.source_url.startswith("https://"), doc.id
        assert any(h in doc.source_url for h in OFFICIAL_HOSTS), doc.source_url
        if "/Search" in doc.source_url or "hasil-pencarian" in doc.source_url:
            assert raw[doc.id].get("source_note"), f"{doc.id}: a search-page address needs a source_note"
        for other in (*doc.mencabut, *doc.mengubah, *([doc.dicabut_oleh] if doc.dicabut_oleh else [])):
            assert other in ids, f"{doc.id} refers to unknown {other}"
    # the repeal chain is consistent in both directions
    for doc in catalog.documents:
        for repealed in doc.mencabut:
            assert catalog.get(repealed).dicabut_oleh == doc.id
        if doc.dicabut_oleh:
            assert doc.status == "dicabut" and doc.id in catalog.get(doc.dicabut_oleh).mencabut


@pytest.mark.corpus
def test_the_project_catalogue_covers_every_shared_regulation_with_the_same_status():
    if not (SHARED_CORPUS / "catalog.json").exists():
        pytest.skip(f"shared corpus not found at {SHARED_CORPUS} (it sits next to the repository)")
    shared = load_catalog(SHARED_CORPUS)
    ours = load_catalog(REPO / "corpus").by_id()
    for doc in shared.documents:
        if doc.kind != "regulation":
            continue
        assert doc.id in ours, f"{doc.id} missing from corpus/catalog.json"
        mine = ours[doc.id]
        assert (mine.status, mine.dicabut_oleh) == (doc.status, doc.dicabut_oleh), doc.id
        assert (mine.jenis, mine.nomor, mine.tahun) == (doc.jenis, doc.nomor, doc.tahun), doc.id
