"""The typed objects every part of Tanya ASN passes around.

A `Document` is one entry of a corpus catalogue (a regulation or an article). A `Chunk` is the
citable unit: a piece of one document's text, verbatim, with enough metadata to print a citation
("PP 94/2021 Pasal 5 huruf n") and to tell whether the rule is still in force. They are defined
once here and used everywhere. Chunks carry their item structure (`item_spans`) and their
consolidation status (`status`, `current_doc`/`current_pasal`, …), so nobody re-parses labels or
texts to find either.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import numpy as np

# OCR spells the heading "KETENTUAN PERALIHAN", "KETENTUAN PERAIIHAN", "Ketentuan Peralihan"
_TRANSITIONAL_BAB_RE = re.compile(r"KETENTUAN\s+PERA[LI1l]{1,2}HAN", re.IGNORECASE)
# "… yang telah dijatuhkan sebelum berlakunya Peraturan Pemerintah ini", "… yang sedang menjalani …": a clause
# for what existed when the act took effect (not "sebelum berlakunya Peraturan Pemerintah mengenai Gaji", a
# rule for the meantime that applies now)
_THIS_ACT = r"(?:Peraturan\s+Pemerintah(?:\s+Pengganti\s+Undang-Undang)?|Undang-Undang|PP|UU)\s+ini"
_PAST_CASES_RE = re.compile(rf"\bsebelum\s+(?:berlakunya\s+)?{_THIS_ACT}|"
                            rf"\bsampai\s+dengan\s+(?:berlakunya\s+)?{_THIS_ACT}|"
                            r"\bsedang\s+(?:menjalani|menjalankan|dijalani)\b|\bsudah\s+ada\s+pada\s+saat\b",
                            re.IGNORECASE)

Kind = Literal["regulation", "article"]
Status = Literal["berlaku", "dicabut"]  # a whole document
# A pasal: berlaku = this is the wording in force; diubah = a later act replaced this wording;
# dihapus = a later act deleted the pasal; dicabut = its whole regulation was repealed.
PasalStatus = Literal["berlaku", "diubah", "dihapus", "dicabut"]
ItemKind = Literal["ayat", "huruf", "angka"]
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


@dataclass(frozen=True)
class Item:
    """One ayat, huruf or angka inside a chunk's `text`: `text[start:end]` is the item with its marker.

    `ayat`/`huruf`/`angka` give the full address ("ayat 2 huruf a angka 1"), so an answer can cite
    "Pasal 5 huruf n angka 2" without re-parsing the text.
    """

    kind: ItemKind
    label: str
    start: int
    end: int
    ayat: str | None = None
    huruf: str | None = None
    angka: str | None = None

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]

    def to_list(self) -> list:
        return [self.kind, self.label, self.start, self.end, self.ayat, self.huruf, self.angka]

    @classmethod
    def from_list(cls, row: list) -> Item:
        return cls(*row)


@dataclass
class Chunk:
    """A citable piece of one document, its text verbatim from the cleaned source.

    `pasal`/`ayat` are the numbers as the law writes them ("5", "5A", "71"; "2"), without
    "Pasal"/"(...)". For a pasal inside an amending act ("Ketentuan Pasal 71 diubah …") `pasal` is
    the number in the amended law and `amends` names that law's id. `huruf` is set when the chunk
    is a single huruf of a long list. `context` is the pasal's opening words when the chunk is one
    ayat of a long pasal; it is shown and embedded, but `text` alone is what gets quoted.

    Per-pasal consolidation (indexer/consolidate.py) stamps `status` (berlaku | diubah | dihapus |
    dicabut), `base_doc`/`base_pasal` (the law and number the pasal belongs to: an amending act's
    "Pasal 71" chunk has uu-1-2015 / 71), `current_doc`/`current_pasal` (where the wording in force
    lives; None when deleted or repealed), `changed_by` (the last act that changed it), saving
    clauses, successors and cross-references (lists of {doc_id, pasal, ayat, huruf, angka}).
    `citable` is False for an amending act's own "Pasal I/II" wrappers.
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
    status: PasalStatus = "berlaku"
    dicabut_oleh: str | None = None
    kind: Kind = "regulation"
    base_doc: str | None = None
    base_pasal: str | None = None
    current_doc: str | None = None
    current_pasal: str | None = None
    changed_by: str | None = None
    citable: bool = True
    kept_in_force_by: dict[str, Any] | None = None
    not_yet_in_force_until: dict[str, Any] | None = None
    successors: list[dict[str, Any]] = field(default_factory=list)
    references: list[dict[str, Any]] = field(default_factory=list)
    referenced_by: list[dict[str, Any]] = field(default_factory=list)
    item_spans: tuple[Item, ...] = ()
    # One embedding per item of `item_spans` (same order), so an answer can pick the ayat or huruf
    # that answers by meaning and not only by shared words; None for chunks without items.
    item_vectors: np.ndarray | None = field(default=None, compare=False, repr=False)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """Stable id: same document, place and text → same id (used as the Chroma id)."""
        where = f"{self.doc_id}|{self.part}|{self.pasal}|{self.ayat}|{self.huruf}|{self.seq}"
        digest = hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:10]
        return f"{where}|{digest}"

    @property
    def in_force(self) -> bool:
        """True when this text is the wording in force (not replaced, deleted or repealed)."""
        return self.status == "berlaku"

    @property
    def transitional(self) -> bool:
        """In the BAB "Ketentuan Peralihan": a rule for the cases and offices that existed when the act took
        effect (pending objections, a pension age already fixed, CPNS appointed before), not the rule for
        what happens now."""
        return bool(self.bab and _TRANSITIONAL_BAB_RE.search(self.bab))

    @property
    def for_past_cases(self) -> bool:
        """A transitional clause for cases from before the act ("keberatan yang diajukan … sebelum berlakunya
        Peraturan Pemerintah ini"): it answers a question about such a case, not what the rule is now. A
        transitional clause for the meantime (PP 94/2021 Pasal 42 ayat (2)) or for every CPNS (Pasal 43) is not."""
        return self.transitional and bool(_PAST_CASES_RE.search(self.text))

    @property
    def items(self) -> list[Item]:
        """The ayat / huruf / angka of `text` in order (nested items follow their parent)."""
        return list(self.item_spans)

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

    def item_texts(self) -> list[str]:
        """What the model sees of each item: the pasal's opening, the openings of the items it sits in
        (huruf n for its angka 6), then the item itself with its sub-items, clipped."""
        spans = list(self.item_spans)
        out = []
        for it in spans:
            parents = [p for p in spans if p.start <= it.start and it.end <= p.end
                       and p.end - p.start > it.end - it.start]
            head = [_clip(self.context or "", ITEM_CONTEXT_CHARS)]
            for p in parents:
                first_child = min((c.start for c in spans if c.start > p.start and c.end <= p.end), default=p.end)
                head.append(_clip(self.text[p.start:first_child].strip(), ITEM_CONTEXT_CHARS))
            # what an answer quotes of the item: its own words, and its sub-items only when it opens a
            # short list ("… terdiri atas:"); a long list's items are quoted (and embedded) one by one
            first_child = min((c.start for c in spans if c.start > it.start and c.end <= it.end), default=it.end)
            own = self.text[it.start:first_child].strip()
            whole = it.text_in(self.text).strip()
            shown = whole if own.endswith(":") and len(whole) <= ITEM_LIST_CHARS else own
            out.append(" ".join(h for h in head if h) + "\n" + _clip(shown, ITEM_LIST_CHARS))
        return out

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
            "items": json.dumps([i.to_list() for i in self.item_spans]) if self.item_spans else None,
            "item_vectors": encode_vectors(self.item_vectors) if self.item_vectors is not None else None,
        }
        meta.update(consolidation_metadata(self))
        return {k: v for k, v in meta.items() if v is not None}

    @classmethod
    def from_metadata(cls, text: str, meta: dict[str, Any]) -> Chunk:
        known = {f for f in cls.__dataclass_fields__} - {"text", "extra", "item_spans", "item_vectors", *_JSON_FIELDS}
        values = {k: v for k, v in meta.items() if k in known}
        for key in _JSON_FIELDS:
            if meta.get(key):
                values[key] = json.loads(meta[key])
        if meta.get("items"):
            values["item_spans"] = tuple(Item.from_list(row) for row in json.loads(meta["items"]))
            if meta.get("item_vectors"):
                values["item_vectors"] = decode_vectors(meta["item_vectors"], len(values["item_spans"]))
        return cls(text=text, **values)


ITEM_CONTEXT_CHARS = 200
ITEM_LIST_CHARS = 900  # as bot/answer.py MAX_QUOTE_CHARS: a list opener is quoted with its list up to this


def encode_vectors(vectors: np.ndarray) -> str:
    """Item vectors as Chroma metadata (a string): float16, base64 — 1 KB per item at 384 dimensions."""
    return base64.b64encode(np.asarray(vectors, dtype="<f2").tobytes()).decode("ascii")


def decode_vectors(text: str, rows: int) -> np.ndarray | None:
    """The inverse of `encode_vectors`, None when the stored shape does not fit `rows` items."""
    flat = np.frombuffer(base64.b64decode(text), dtype="<f2").astype(np.float32)
    if rows <= 0 or flat.size % rows:
        return None
    return flat.reshape(rows, -1)


# Consolidation fields that are lists/objects: stored in Chroma as JSON strings.
_JSON_FIELDS = ("kept_in_force_by", "not_yet_in_force_until", "successors", "references", "referenced_by")
CONSOLIDATION_KEYS = ("status", "base_doc", "base_pasal", "current_doc", "current_pasal", "changed_by",
                      "citable", *_JSON_FIELDS)


def consolidation_metadata(chunk: Chunk) -> dict[str, Any]:
    """The per-pasal fields of a chunk as flat Chroma metadata (None = leave the key out)."""
    meta: dict[str, Any] = {
        "status": chunk.status,
        "base_doc": chunk.base_doc,
        "base_pasal": chunk.base_pasal,
        "current_doc": chunk.current_doc,
        "current_pasal": chunk.current_pasal,
        "changed_by": chunk.changed_by,
        "citable": chunk.citable,
    }
    for key in _JSON_FIELDS:
        value = getattr(chunk, key)
        meta[key] = json.dumps(value, ensure_ascii=False, separators=(",", ":")) if value else None
    return meta


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
