"""The typed objects every part of Tanya ASN passes around.

A `Document` is one entry of a corpus catalogue (a regulation or an article). A `Chunk` is the
citable unit: a piece of one document's text, verbatim, with enough metadata to print a citation
("PP 94/2021 Pasal 5 huruf n") and to tell whether the rule is still in force. They are defined
once here and used everywhere; nobody parses labels back out of strings.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["regulation", "article"]
Status = Literal["berlaku", "dicabut"]
Part = Literal["batang_tubuh", "penjelasan", "artikel"]

# Short names users and officials write in front of a number ("PP 94/2021", "SE MenPANRB 18/2023").
JENIS_LABEL = {
    "UU": "UU",
    "PERPPU": "Perppu",
    "PP": "PP",
    "PERPRES": "Perpres",
    "PERMEN": "Permen",
    "PERMENPANRB": "Permen PANRB",
    "PERBAWASLU": "Perbawaslu",
    "PERBKN": "Peraturan BKN",
    "SKB": "SKB",
    "SE": "SE",
    "KEPPRES": "Keppres",
}


@dataclass(frozen=True)
class Document:
    """One catalogue entry: what the document is and whether it still binds anyone."""

    id: str
    kind: Kind
    judul: str
    file: str | None = None
    jenis: str | None = None
    nomor: str | None = None
    tahun: int | None = None
    status: Status = "berlaku"
    dicabut_oleh: str | None = None
    mencabut: tuple[str, ...] = ()
    mengubah: tuple[str, ...] = ()
    catatan: str | None = None
    source_url: str | None = None
    download_url: str | None = None  # a direct link to the file, when the official page is HTML
    source_note: str | None = None  # how the source address was found, or where to look by hand
    sumber: str | None = None  # articles: author / journal

    @property
    def short_name(self) -> str:
        """"PP 94/2021" for regulations, the title for articles."""
        if self.kind == "article" or not self.jenis:
            return self.judul
        jenis = JENIS_LABEL.get(self.jenis.upper().replace(" ", ""), self.jenis)
        return f"{jenis} {self.nomor}/{self.tahun}" if self.tahun else f"{jenis} {self.nomor}"

    @property
    def in_force(self) -> bool:
        return self.status == "berlaku"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        for key in ("mencabut", "mengubah"):
            values[key] = tuple(values.get(key) or ())
        if values.get("nomor") is not None:
            values["nomor"] = str(values["nomor"])
        if values.get("tahun") is not None:
            values["tahun"] = int(values["tahun"])
        values.setdefault("kind", "regulation")
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["mencabut"] = list(self.mencabut)
        data["mengubah"] = list(self.mengubah)
        return {k: v for k, v in data.items() if v not in (None, [], ()) or k in ("dicabut_oleh",)}


@dataclass
class Chunk:
    """A citable piece of one document, its text verbatim from the cleaned source.

    `pasal`/`ayat` are the numbers as the law writes them ("5", "5A", "71"; "2"), without
    "Pasal"/"(...)". For a pasal inside an amending act ("Ketentuan Pasal 71 diubah …") `pasal` is
    the number in the amended law and `amends` names that law's id. `huruf` is set when the chunk
    is a single huruf of a long list. `context` is the pasal's opening words when the chunk is one
    ayat of a long pasal; it is shown and embedded, but `text` alone is what gets quoted.
    """

    doc_id: str
    text: str
    label: str
    part: Part = "batang_tubuh"
    pasal: str | None = None
    ayat: str | None = None
    huruf: str | None = None
    bab: str | None = None
    bagian: str | None = None
    context: str | None = None
    amends: str | None = None
    page: int | None = None
    seq: int = 0
    # Copied from the Document so a chunk read back from Chroma stands on its own.
    jenis: str | None = None
    nomor: str | None = None
    tahun: int | None = None
    judul: str = ""
    status: Status = "berlaku"
    dicabut_oleh: str | None = None
    kind: Kind = "regulation"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """Stable id: same document, place and text → same id (used as the Chroma id)."""
        where = f"{self.doc_id}|{self.part}|{self.pasal}|{self.ayat}|{self.huruf}|{self.seq}"
        digest = hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:10]
        return f"{where}|{digest}"

    @property
    def in_force(self) -> bool:
        return self.status == "berlaku"

    def embedding_text(self) -> str:
        """What the model sees: where the text sits in the law (compact), then the text itself.

        The header is kept short on purpose: repeated on every chunk, a 40-token title costs a
        third of the embedding time of the whole corpus and adds little once the label is there.
        """
        head = [self.label]
        topic = _topic(self.judul)
        if topic and self.kind == "regulation":
            head.append(topic)
        head += [_clip(part, 80) for part in (self.bab, self.bagian) if part]
        if self.context:
            head.append(self.context)
        return " | ".join(head) + "\n" + self.text

    def to_metadata(self) -> dict[str, str | int | float | bool]:
        """Flat metadata for Chroma (no None values, which Chroma rejects)."""
        meta: dict[str, Any] = {
            "doc_id": self.doc_id,
            "label": self.label,
            "part": self.part,
            "pasal": self.pasal,
            "ayat": self.ayat,
            "huruf": self.huruf,
            "bab": self.bab,
            "bagian": self.bagian,
            "context": self.context,
            "amends": self.amends,
            "page": self.page,
            "seq": self.seq,
            "jenis": self.jenis,
            "nomor": self.nomor,
            "tahun": self.tahun,
            "judul": self.judul,
            "status": self.status,
            "dicabut_oleh": self.dicabut_oleh,
            "kind": self.kind,
        }
        return {k: v for k, v in meta.items() if v is not None}

    @classmethod
    def from_metadata(cls, text: str, meta: dict[str, Any]) -> Chunk:
        known = {f for f in cls.__dataclass_fields__} - {"text", "extra"}
        return cls(text=text, **{k: v for k, v in meta.items() if k in known})


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0]


def _topic(judul: str) -> str:
    """The subject of a title: "… Nomor 1 Tahun 2014 tentang Pemilihan Gubernur …" → "Pemilihan Gubernur …"."""
    tail = judul.rsplit(" tentang ", 1)[-1] if " tentang " in judul else judul
    return _clip(tail, 80)


def with_document(chunk: Chunk, doc: Document) -> Chunk:
    """Stamp a chunk with its document's metadata (status can change without re-parsing)."""
    chunk.doc_id = doc.id
    chunk.jenis = doc.jenis
    chunk.nomor = doc.nomor
    chunk.tahun = doc.tahun
    chunk.judul = doc.judul
    chunk.status = doc.status
    chunk.dicabut_oleh = doc.dicabut_oleh
    chunk.kind = doc.kind
    return chunk
