"""`python -m bot admin …`: the admin operations Telegram uses (bot/admin.py), from a terminal.
Invented mini corpus, real model, real embedded Chroma, a real subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "fixtures" / "mini_corpus"
pytestmark = pytest.mark.slow

NEW_REGULATION = """CONTOH — BUKAN TEKS HUKUM
PERATURAN PEMERINTAH CONTOH NOMOR 3 TAHUN 2099 TENTANG PERUBAHAN CONTOH DISIPLIN
Pasal 1
Pegawai dilarang menjadi juru bicara tim pemenangan calon dalam pemilihan contoh.
Pasal 2
Peraturan Pemerintah ini mulai berlaku pada tanggal diundangkan.
"""


def _bot(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", "--corpus", str(tmp_path / "corpus"),
                           "--index", str(tmp_path / "index"), "admin", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_an_admin_adds_an_amending_regulation_then_repeals_one_from_the_terminal(tmp_path: Path):
    shutil.copytree(MINI, tmp_path / "corpus")
    new = tmp_path / "pp-3-2099.md"
    new.write_text(NEW_REGULATION, encoding="utf-8")

    added = _bot(tmp_path, "add", str(new), "--caption", "PP 3 2099 Perubahan Contoh Disiplin",
                 "--mengubah", "pp-1-2099")
    assert added.returncode == 0, added.stderr
    assert "PP 3/2099 ditambahkan: 2 pasal" in added.stdout
    repealed = _bot(tmp_path, "cabut", "pp-1-2099", "pp-3-2099")
    assert repealed.returncode == 0, repealed.stderr
    unknown = _bot(tmp_path, "cabut", "pp-77-2099")
    assert unknown.returncode == 1 and "tidak ada di katalog" in unknown.stderr

    docs = {d["id"]: d for d in json.loads((tmp_path / "corpus" / "catalog.json").read_text())["documents"]}
    assert docs["pp-3-2099"]["mengubah"] == ["pp-1-2099"]
    assert docs["pp-1-2099"]["status"] == "dicabut" and docs["pp-1-2099"]["dicabut_oleh"] == "pp-3-2099"
    ids = _bot(tmp_path, "ids").stdout
    assert "pp-3-2099" in ids and "PP 3/2099" in ids
