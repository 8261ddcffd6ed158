"""Download the official texts the catalogue names (`python -m indexer fetch`).

The repository commits only `corpus/catalog.json`, never the regulation texts: each entry carries
its official address (`source_url`, optionally a direct `download_url`) and the place the file
belongs (`file`, under the git-ignored `corpus/files/`). This module fills those places.

Why it is careful: a government site that is down, a 404, or an HTML error page served as
`application/pdf` must never leave a half or fake "PDF" in the corpus, because the indexer would
then index garbage or fail later with a confusing message. So every download goes to a temporary
file, is checked (PDF magic bytes and end marker), and only then renamed into place. Where there is
no network, the operator gets one clear Indonesian sentence telling them where to copy the file.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin, urlparse

import httpx

from indexer.catalog import CATALOG_NAME, CatalogError, load_catalog

Outcome = Literal["diunduh", "dilewati", "gagal", "tanpa_sumber"]

USER_AGENT = "TanyaASN/0.1 (pengunduh korpus; +https://github.com/)"
MAX_BYTES = 80 * 1024 * 1024  # the largest UU PDFs are ~10 MB; anything far bigger is not a regulation
_CHUNK = 64 * 1024
# Links on an official detail page that lead to the file: BPK's `/Download/<id>/<name>.pdf`, JDIH
# attachments ending in .pdf. Livewire pages (JDIH PANRB) escape slashes as `\/` inside JSON.
_LINK_RE = re.compile(r"""(?:href|src)\s*=\s*["']([^"'#]+)["']|(https?://[^\s"'<>]+)""", re.IGNORECASE)


class FetchError(Exception):
    """One document could not be downloaded; the message is for the operator, in Indonesian."""


@dataclass
class FetchResult:
    doc_id: str
    outcome: Outcome
    target: Path | None
    message: str = ""
    url: str | None = None
    size: int = 0


@dataclass
class FetchReport:
    corpus_dir: Path
    results: list[FetchResult] = field(default_factory=list)

    def _with(self, outcome: Outcome) -> list[FetchResult]:
        return [r for r in self.results if r.outcome == outcome]

    @property
    def downloaded(self) -> list[FetchResult]:
        return self._with("diunduh")

    @property
    def skipped(self) -> list[FetchResult]:
        return self._with("dilewati")

    @property
    def failed(self) -> list[FetchResult]:
        return self._with("gagal")

    @property
    def ok(self) -> bool:
        return not self.failed


def fetch_corpus(
    corpus_dir: Path,
    *,
    only: list[str] | None = None,
    timeout: float = 30,
    progress: bool = True,
    force: bool = False,
    client: httpx.Client | None = None,
) -> FetchReport:
    """Download every catalogued document whose file is missing (or all of them with `force`).

    Never raises for one bad document: each gets a `FetchResult`, so one dead link does not stop
    the others. A missing or invalid catalogue raises `CatalogError` (nothing can be done then).
    """
    corpus_dir = Path(corpus_dir)
    catalog = load_catalog(corpus_dir)
    raw = _raw_entries(corpus_dir)  # fields Document does not model: download_url, source_note
    report = FetchReport(corpus_dir=corpus_dir)
    wanted = list(catalog.documents)
    if only:
        known = {d.id for d in catalog.documents}
        for doc_id in only:
            if doc_id not in known:
                report.results.append(FetchResult(doc_id, "gagal", None,
                                                   f"Id '{doc_id}' tidak ada di {corpus_dir / CATALOG_NAME}."))
        wanted = [d for d in wanted if d.id in set(only)]

    own_client = client is None
    http = client or httpx.Client(timeout=timeout, follow_redirects=True,
                                  headers={"User-Agent": USER_AGENT})
    try:
        for i, doc in enumerate(wanted, 1):
            extra = raw.get(doc.id, {})
            result = _fetch_one(corpus_dir, doc.id, doc.file, doc.source_url,
                                extra.get("download_url"), extra.get("source_note"), http, force)
            report.results.append(result)
            if progress:
                mark = {"diunduh": "✓", "dilewati": "·", "gagal": "✗", "tanpa_sumber": "-"}[result.outcome]
                short = result.message.split(" Salin berkasnya")[0]  # the full advice is in the summary
                print(f"[{i}/{len(wanted)}] {mark} {doc.id}: {short}", file=sys.stderr, flush=True)
    finally:
        if own_client:
            http.close()
    return report


def _raw_entries(corpus_dir: Path) -> dict[str, dict]:
    data = json.loads((corpus_dir / CATALOG_NAME).read_text(encoding="utf-8"))
    entries = data.get("documents", []) if isinstance(data, dict) else data
    return {e["id"]: e for e in entries if isinstance(e, dict) and "id" in e}


def _fetch_one(corpus_dir: Path, doc_id: str, file: str | None, source_url: str | None,
               download_url: str | None, source_note: str | None,
               http: httpx.Client, force: bool) -> FetchResult:
    if not file:
        return FetchResult(doc_id, "gagal", None, "Entri katalog tidak punya 'file' (tempat menyimpan).")
    target = _safe_target(corpus_dir, file)
    if target is None:
        return FetchResult(doc_id, "gagal", None,
                           f"'file' = {file!r} keluar dari folder korpus; perbaiki katalognya.")
    if target.exists() and target.stat().st_size > 0 and not force:
        return FetchResult(doc_id, "dilewati", target, f"sudah ada ({_rel(target, corpus_dir)})")
    urls = [u for u in (download_url, source_url) if u]
    if not urls:
        return FetchResult(doc_id, "tanpa_sumber", target,
                           f"Tidak ada source_url. Salin berkasnya secara manual ke {target}.")

    errors: list[str] = []
    for url in urls:
        try:
            size, used = _download(http, url, target)
            return FetchResult(doc_id, "diunduh", target,
                               f"diunduh {_human(size)} → {_rel(target, corpus_dir)}", used, size)
        except FetchError as exc:
            errors.append(str(exc))
    hint = f" Catatan sumber: {source_note}" if source_note else ""
    message = (f"{' '.join(dict.fromkeys(errors))} Salin berkasnya secara manual ke {target} "
               f"(sumber resmi: {source_url or download_url}).{hint}")
    return FetchResult(doc_id, "gagal", target, message, urls[-1])


def _download(http: httpx.Client, url: str, target: Path, *, hops: int = 1) -> tuple[int, str]:
    """Fetch `url` into `target` atomically; follow one hop from an HTML detail page to its PDF."""
    want_pdf = target.suffix.lower() == ".pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    tmp = Path(tmp_name)
    try:
        try:
            with os.fdopen(fd, "wb") as out, http.stream("GET", url) as resp:
                if resp.status_code != 200:
                    raise FetchError(f"Server {_host(url)} menjawab HTTP {resp.status_code} untuk {url}.")
                ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
                size = 0
                for chunk in resp.iter_bytes(_CHUNK):
                    size += len(chunk)
                    if size > MAX_BYTES:
                        raise FetchError(f"Berkas dari {url} lebih dari {_human(MAX_BYTES)}; dibatalkan.")
                    out.write(chunk)
                final_url = str(resp.url)
        except httpx.TimeoutException as exc:
            raise FetchError(f"Tidak dapat mengunduh {url} [waktu habis: {type(exc).__name__}] "
                             "(server lambat atau tidak ada koneksi internet?).") from exc
        except httpx.TransportError as exc:
            raise FetchError(f"Tidak dapat mengunduh {url} [{exc}] (tidak ada koneksi internet?).") from exc

        body_head, body_tail = _head_tail(tmp)
        if want_pdf:
            if _looks_like_pdf(body_head):
                if b"%%EOF" not in body_tail:
                    raise FetchError(f"PDF dari {url} terpotong (tidak ada penanda akhir %%EOF).")
                os.replace(tmp, target)
                return size, final_url
            if _looks_like_html(body_head, ctype):
                if hops > 0:
                    links = pdf_links(tmp.read_text(encoding="utf-8", errors="replace"), final_url)
                    errors = []
                    for link in links[:3]:
                        try:
                            return _download(http, link, target, hops=hops - 1)
                        except FetchError as exc:
                            errors.append(str(exc))
                    if errors:
                        raise FetchError(" ".join(errors))
                raise FetchError(f"{url} memberi halaman HTML, bukan PDF"
                                 f"{' (dikirim sebagai ' + ctype + ')' if ctype == 'application/pdf' else ''}"
                                 ", dan tidak ada tautan PDF yang bisa diikuti.")
            raise FetchError(f"{url} tidak mengirim PDF (tipe: {ctype or 'tidak diketahui'}).")
        if _looks_like_html(body_head, ctype):
            raise FetchError(f"{url} memberi halaman HTML, bukan berkas {target.suffix}.")
        os.replace(tmp, target)
        return size, final_url
    finally:
        tmp.unlink(missing_ok=True)


def pdf_links(page: str, base_url: str) -> list[str]:
    """PDF addresses on an official detail page, best first (BPK `/Download/…`, then `….pdf`)."""
    text = html.unescape(page).replace("\\/", "/")
    found: list[str] = []
    for m in _LINK_RE.finditer(text):
        raw = (m.group(1) or m.group(2) or "").strip()
        if not raw or raw.lower().startswith(("javascript:", "mailto:")):
            continue
        url = urljoin(base_url, raw)
        path = urlparse(url).path.lower()
        if (path.endswith(".pdf") or "/download/" in path) and url not in found:
            found.append(url)
    return sorted(found, key=lambda u: 0 if "/download/" in urlparse(u).path.lower() else 1)


def _head_tail(path: Path) -> tuple[bytes, bytes]:
    with path.open("rb") as fh:
        head = fh.read(1024)
        fh.seek(max(0, path.stat().st_size - 2048))
        tail = fh.read()
    return head, tail


def _looks_like_pdf(head: bytes) -> bool:
    # The PDF header may follow a little junk, but must be within the first 1024 bytes.
    return b"%PDF-" in head


def _looks_like_html(head: bytes, ctype: str) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return ctype in ("text/html", "application/xhtml+xml") or start.startswith((b"<!doctype", b"<html", b"<"))


def _safe_target(corpus_dir: Path, file: str) -> Path | None:
    root = corpus_dir.resolve()
    target = (root / file).resolve()
    return target if target.is_relative_to(root) and target != root else None


def _rel(path: Path, corpus_dir: Path) -> str:
    try:
        return str(path.relative_to(corpus_dir.resolve()))
    except ValueError:
        return str(path)


def _host(url: str) -> str:
    return urlparse(url).netloc or url


def _human(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(n, 1) / 1024:.0f} KB"


def format_report(report: FetchReport) -> str:
    """What the operator reads after `python -m indexer fetch`."""
    lines = [f"Korpus {report.corpus_dir}: {len(report.downloaded)} diunduh, "
             f"{len(report.skipped)} sudah ada, {len(report.failed)} gagal."]
    for r in report.results:
        if r.outcome in ("gagal", "tanpa_sumber"):
            lines.append(f"  ✗ {r.doc_id}: {r.message}")
        elif r.outcome == "diunduh":
            lines.append(f"  ✓ {r.doc_id}: {r.message}")
    if report.failed:
        lines.append("Setelah berkas disalin, jalankan `python -m indexer build` untuk mengindeksnya.")
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `fetch` subcommand's options, for indexer/__main__.py to reuse."""
    parser.add_argument("ids", nargs="*", help="hanya id ini (default: semua dokumen di katalog)")
    parser.add_argument("--corpus", default=None, help="folder korpus (default: CORPUS_DIR atau corpus/)")
    parser.add_argument("--force", action="store_true", help="unduh ulang walaupun berkas sudah ada")
    parser.add_argument("--timeout", type=float, default=30, help="batas waktu per permintaan, detik")
    parser.add_argument("--quiet", action="store_true", help="tanpa baris kemajuan")


def fetch_main(args: argparse.Namespace) -> int:
    """Run `fetch` from parsed arguments; 0 when every requested document is in place."""
    corpus = getattr(args, "corpus", None)
    if corpus is None:
        from indexer.config import IndexSettings

        corpus_dir = IndexSettings().corpus_path
    else:
        corpus_dir = Path(corpus)
    try:
        report = fetch_corpus(corpus_dir, only=list(getattr(args, "ids", None) or []) or None,
                              timeout=getattr(args, "timeout", 30), progress=not getattr(args, "quiet", False),
                              force=getattr(args, "force", False))
    except CatalogError as exc:
        print(f"Gagal: {exc}", file=sys.stderr)
        return 2
    print(format_report(report))
    return 0 if report.ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m indexer.fetch",
                                     description="Unduh naskah resmi yang disebut katalog korpus.")
    add_arguments(parser)
    return fetch_main(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
