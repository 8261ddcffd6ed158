"""A tiny synthetic index for fast, model-free tests of retrieval and answers.

The texts are shaped like the real regulations (Pasal with huruf/angka, a Penjelasan, a
repealed predecessor) but shortened; a bag-of-words "embedding" stands in for the model so
ranking can be reasoned about in the tests.
"""

from __future__ import annotations

import hashlib

import numpy as np

from bot.retrieve import Retriever, tokenize
from indexer.types import Chunk, Document

DOCS = [
    Document(id="pp-94-2021", kind="regulation", judul="Disiplin Pegawai Negeri Sipil", jenis="PP", nomor="94",
             tahun=2021, mencabut=("pp-53-2010",)),
    Document(id="pp-53-2010", kind="regulation", judul="Disiplin Pegawai Negeri Sipil", jenis="PP", nomor="53",
             tahun=2010, status="dicabut", dicabut_oleh="pp-94-2021"),
    Document(id="uu-20-2023", kind="regulation", judul="Aparatur Sipil Negara", jenis="UU", nomor="20", tahun=2023),
    Document(id="artikel-netralitas", kind="article", judul="Netralitas ASN dalam Pelayanan Publik"),
]
_BY_ID = {d.id: d for d in DOCS}

PASAL_5 = (
    "PNS dilarang:\n"
    "a. menyalahgunakan wewenang;\n"
    "m. melakukan tindakan yang dapat mengakibatkan kerugian bagi yang dilayani; dan\n"
    "n. memberikan dukungan kepada calon Presiden/Wakil Presiden, calon anggota Dewan Perwakilan Rakyat "
    "dengan cara:\n"
    "1. ikut kampanye;\n"
    "2. menjadi peserta kampanye dengan menggunakan atribut partai atau atribut PNS;\n"
    "4. sebagai peserta kampanye dengan menggunakan fasilitas negara;\n"
    "7. memberikan surat dukungan disertai fotokopi Kartu Tanda Penduduk."
)
PENJELASAN_5 = (
    "Huruf a Cukup jelas. Huruf n Angka 1 Cukup jelas. Angka 2 Yang dimaksud dengan \"menggunakan atribut PNS\" "
    "adalah menggunakan seragam Korpri, seragam dinas, kendaraan dinas, dan lain-lain. Angka 4 Cukup jelas."
)
PASAL_8 = (
    "(1) Tingkat Hukuman Disiplin terdiri atas:\na. Hukuman Disiplin ringan;\nb. Hukuman Disiplin sedang; atau\n"
    "c. Hukuman Disiplin berat.\n(3) Jenis Hukuman Disiplin sedang sebagaimana dimaksud pada ayat (1) huruf b "
    "terdiri atas:\na. pemotongan tunjangan kinerja sebesar 25% (dua puluh lima persen) selama 6 (enam) bulan;"
)
PASAL_45 = (
    "Pada saat Peraturan Pemerintah ini mulai berlaku, Peraturan Pemerintah Nomor 53 Tahun 2OlO tentang "
    "Disiplin Pegawai Negeri Sipil dicabut dan dinyatakan tidak berlaku."
)
OLD_PASAL_4 = (
    "Setiap PNS dilarang:\n12. memberikan dukungan kepada calon Presiden/Wakil Presiden dengan cara:\n"
    "a. ikut serta sebagai pelaksana kampanye;\nb. menjadi peserta kampanye dengan menggunakan atribut partai "
    "atau atribut PNS;"
)
UU_9 = (
    "(1) Pegawai ASN melaksanakan kebijakan yang ditetapkan oleh pimpinan Instansi Pemerintah.\n"
    "(2) Pegawai ASN harus bebas dari pengaruh dan intervensi semua golongan dan partai politik."
)
ARTICLE = (
    "Netralitas ASN dalam pelayanan publik berarti pegawai melayani semua warga tanpa memandang pilihan "
    "politik, dan tekanan politik sering membuat pegawai ragu ikut kampanye."
)


def _chunk(doc_id: str, text: str, label: str, pasal: str | None, part: str = "batang_tubuh",
           ayat: str | None = None, seq: int = 0) -> Chunk:
    d = _BY_ID[doc_id]
    return Chunk(doc_id=doc_id, text=text, label=label, pasal=pasal, part=part, ayat=ayat, seq=seq,
                 jenis=d.jenis, nomor=d.nomor, tahun=d.tahun, judul=d.judul, status=d.status,
                 dicabut_oleh=d.dicabut_oleh, kind=d.kind)


CHUNKS = [
    _chunk("pp-94-2021", PASAL_5, "PP 94/2021 Pasal 5", "5", seq=1),
    _chunk("pp-94-2021", PASAL_8, "PP 94/2021 Pasal 8", "8", seq=2),
    _chunk("pp-94-2021", PASAL_45, "PP 94/2021 Pasal 45", "45", seq=3),
    _chunk("pp-94-2021", PENJELASAN_5, "PP 94/2021 Penjelasan Pasal 5", "5", part="penjelasan", seq=4),
    _chunk("pp-53-2010", OLD_PASAL_4, "PP 53/2010 Pasal 4", "4", seq=1),
    _chunk("uu-20-2023", UU_9[:90], "UU 20/2023 Pasal 9 ayat (1)", "9", ayat="1", seq=1),
    _chunk("uu-20-2023", UU_9[91:], "UU 20/2023 Pasal 9 ayat (2)", "9", ayat="2", seq=2),
    Chunk(doc_id="artikel-netralitas", text=ARTICLE, label="Netralitas ASN dalam Pelayanan Publik", part="artikel",
          judul="Netralitas ASN dalam Pelayanan Publik", kind="article", seq=1),
]

DIM = 256


def bag_embedding(text: str) -> np.ndarray:
    """Hashed bag of stems, normalised: similar wording → similar vectors (enough for tests)."""
    v = np.zeros(DIM, dtype=np.float32)
    for t in tokenize(text):
        v[int(hashlib.md5(t.encode()).hexdigest(), 16) % DIM] += 1.0
    n = np.linalg.norm(v)
    return v / n if n else v


def make_retriever(threshold=None) -> Retriever:
    from bot.retrieve import Threshold

    vectors = np.stack([bag_embedding(c.embedding_text()) for c in CHUNKS])
    return Retriever(CHUNKS, vectors, lambda text: bag_embedding(text).tolist(), DOCS,
                     threshold or Threshold(value=0.0, out_of_scope=0.0))
