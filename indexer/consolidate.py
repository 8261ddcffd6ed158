"""Consolidated law: for every pasal, whether its wording is the one in force, and why.

Derived at build time from the parsed documents (no hand-made tables), so it is redone whenever a
document is added, changed or repealed:

- amendments: an amending act's Pasal I lists numbered instructions ("Ketentuan Pasal 7 diubah …",
  "Ketentuan ayat (3) Pasal 8 diubah …", "Ketentuan Pasal 169 dihapus.", "Di antara Pasal 187 dan
  Pasal 188 disisipkan 4 (empat) pasal, yakni Pasal 187A sampai dengan Pasal 187D …", "disisipkan 1
  (satu) ayat, yakni ayat (1a)", "… huruf b1"). Acts amending the same law are applied in order
  (tahun, nomor): UU 1/2015 ← UU 8/2015 ← UU 10/2016. A restated pasal whose instruction was lost
  to OCR is still applied (and reported); an instruction whose new text is missing is reported.
- saving clauses: "… berlaku ketentuan sebagaimana diatur dalam Pasal 7 ayat (3) Peraturan Pemerintah
  Nomor 53 Tahun 2010" → that pasal is `kept_in_force_by` the clause; "… Pasal 8 ayat (3) dalam
  Peraturan Pemerintah ini, berlaku setelah …" → `not_yet_in_force_until`.
- successors of the pasal of a repealed regulation: from the data file indexer/data/successors.json
  (suggestions matched by content, which an admin confirms or corrects; regenerate with
  `python -m indexer successors --write`).
- cross-references both ways (indexer/references.py), resolved to the wording in force.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from indexer.legal import LegalTree, Node, _norm
from indexer.references import Ref, expand_range, find_references, find_regulations, pasal_number
from indexer.types import Chunk, Document, PasalStatus

SUCCESSORS_FILE = Path(__file__).resolve().parent / "data" / "successors.json"
VERSION = "2"  # bump when the derivation changes (the build then restamps every chunk)

Change = Literal["asli", "diubah", "dihapus", "disisipkan"]
_ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}


@dataclass
class HistoryEntry:
    """One step in the life of a pasal: which act wrote (or deleted) it, and what the act said."""

    doc_id: str
    change: Change
    parts: list[str] = field(default_factory=list)  # "ayat 3", "huruf b1" when only those changed
    instruction: str = ""
    inferred: bool = False  # the instruction was unreadable; the change follows from the restated text


@dataclass
class Saving:
    """A clause that keeps an old pasal in force, or delays a new one."""

    doc_id: str
    pasal: str
    ayat: str | None
    text: str
    target_ayat: str | None = None  # the part of the affected pasal the clause is about


@dataclass
class Successor:
    doc_id: str
    pasal: str
    how: str  # "disebut" (stated in the text) | "kemiripan isi (saran)" | "dikonfirmasi admin"
    score: float | None = None


@dataclass
class PasalRecord:
    """The consolidated view of one pasal in one document's numbering (`show ID --pasal N`)."""

    doc_id: str
    pasal: str
    base_doc: str  # the law whose numbering this is (uu-1-2015 for uu-10-2016's "Pasal 71")
    status: PasalStatus
    current: Ref | None  # where the wording in force lives (None when deleted or repealed)
    history: list[HistoryEntry] = field(default_factory=list)
    kept_in_force_by: Saving | None = None
    not_yet_in_force_until: Saving | None = None
    successors: list[Successor] = field(default_factory=list)
    references: list[Ref] = field(default_factory=list)
    referenced_by: list[Ref] = field(default_factory=list)
    penjelasan_changed_by: str | None = None
    text: str | None = None  # the consolidated wording when it was composed from parts

    @property
    def changed_by(self) -> str | None:
        """The last act that changed or deleted this pasal ("diubah terakhir oleh UU 10/2016")."""
        steps = [h for h in self.history if h.change != "asli"]
        return steps[-1].doc_id if steps else None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["current"] = self.current.to_dict() if self.current else None
        data["changed_by"] = self.changed_by
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PasalRecord:
        values = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        values["current"] = Ref(**data["current"]) if data.get("current") else None
        values["history"] = [HistoryEntry(**h) for h in data.get("history", [])]
        for key in ("kept_in_force_by", "not_yet_in_force_until"):
            values[key] = Saving(**data[key]) if data.get(key) else None
        values["successors"] = [Successor(**s) for s in data.get("successors", [])]
        values["references"] = [Ref(**r) for r in data.get("references", [])]
        values["referenced_by"] = [Ref(**r) for r in data.get("referenced_by", [])]
        return cls(**values)


@dataclass
class DocCounts:
    """Per document, for `indexer status`."""

    berlaku: int = 0
    diubah: int = 0
    dihapus: int = 0
    dicabut: int = 0
    disisipkan: int = 0  # pasal later acts inserted into this law (also counted by their status)
    menyisipkan: int = 0  # pasal this act inserted into another law
    not_applied: list[str] = field(default_factory=list)


@dataclass
class Consolidation:
    """All records of one index generation, keyed by (doc_id, pasal) in both numberings."""

    records: dict[tuple[str, str], PasalRecord] = field(default_factory=dict)
    counts: dict[str, DocCounts] = field(default_factory=dict)
    amending_docs: dict[str, str] = field(default_factory=dict)  # act → the law its Pasal I amends

    def get(self, doc_id: str, pasal: str) -> PasalRecord | None:
        return self.records.get((doc_id, pasal))

    def to_json(self) -> str:
        return json.dumps({"records": [r.to_dict() for r in self.records.values()],
                           "counts": {k: asdict(v) for k, v in self.counts.items()},
                           "amending_docs": self.amending_docs},
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: str) -> Consolidation:
        data = json.loads(raw)
        out = cls()
        for row in data.get("records", []):
            record = PasalRecord.from_dict(row)
            out.records[(record.doc_id, record.pasal)] = record
        out.counts = {k: DocCounts(**v) for k, v in data.get("counts", {}).items()}
        amending = data.get("amending_docs") or {}
        out.amending_docs = dict(amending) if isinstance(amending, dict) else {d: "" for d in amending}
        return out

    def stamp(self, chunk: Chunk) -> Chunk:
        """Copy the record of the chunk's pasal onto the chunk (status, where the wording in force is …)."""
        if chunk.kind != "regulation":
            return chunk
        # a row copied from the previous generation starts again from the document's status
        chunk.base_doc = chunk.base_pasal = chunk.current_doc = chunk.current_pasal = chunk.changed_by = None
        chunk.kept_in_force_by = chunk.not_yet_in_force_until = None
        chunk.successors, chunk.references, chunk.referenced_by, chunk.citable = [], [], [], True
        if chunk.pasal is None:
            return chunk
        if chunk.pasal in _ROMAN and chunk.amends is None and chunk.doc_id in self.amending_docs:
            chunk.citable = False  # an amending act's own "Pasal II: mulai berlaku" wrapper
            return chunk
        record = self.get(chunk.doc_id, chunk.pasal)
        base = chunk.amends or self.amending_docs.get(chunk.doc_id)
        if record is None and base:
            # an amending act's Penjelasan of a pasal it deleted ("Pasal 169 Dihapus.") or whose body
            # it left alone: it follows the pasal in the base law
            record = self.get(base, chunk.pasal)
        if record is None:
            return chunk
        chunk.status = record.status
        if chunk.part == "penjelasan" and record.penjelasan_changed_by == chunk.doc_id and record.current:
            chunk.status = "berlaku"  # "Ketentuan Pasal 20 tetap, dengan perubahan penjelasan …"
        chunk.base_doc, chunk.base_pasal = record.base_doc, record.pasal
        chunk.current_doc = record.current.doc_id if record.current else None
        chunk.current_pasal = record.current.pasal if record.current else None
        chunk.changed_by = record.changed_by
        # a clause about one ayat ("Pasal 7 ayat (3)") concerns the chunk of that ayat, or the whole pasal
        chunk.kept_in_force_by = _saving_dict(_for_ayat(record.kept_in_force_by, chunk.ayat))
        chunk.not_yet_in_force_until = _saving_dict(_for_ayat(record.not_yet_in_force_until, chunk.ayat))
        chunk.successors = [asdict(s) for s in record.successors]
        chunk.references = [r.to_dict() for r in record.references]
        chunk.referenced_by = [r.to_dict() for r in record.referenced_by]
        return chunk

    def stamp_metadata(self, meta: dict[str, Any], text: str) -> dict[str, Any]:
        """The same for a chunk read back from Chroma (vectors copied, not re-embedded)."""
        from indexer.types import CONSOLIDATION_KEYS, consolidation_metadata

        chunk = Chunk.from_metadata(text, meta)
        self.stamp(chunk)
        for key in CONSOLIDATION_KEYS:
            meta.pop(key, None)
        meta.update({k: v for k, v in consolidation_metadata(chunk).items() if v is not None})
        return meta



def _for_ayat(saving: Saving | None, ayat: str | None) -> Saving | None:
    if saving is None or ayat is None or saving.target_ayat is None or saving.target_ayat == ayat:
        return saving
    return None


def _saving_dict(saving: Saving | None) -> dict[str, Any] | None:
    return asdict(saving) if saving else None


# ---------------------------------------------------------------------------------------------
# Amendment instructions


InstructionKind = Literal["diubah", "dihapus", "disisipkan", "penjelasan", "lain"]


@dataclass
class Instruction:
    """One numbered item of an amending act's Pasal I."""

    number: str
    start: int
    end: int
    text: str
    kind: InstructionKind
    pasal: list[str]
    parts: list[str] = field(default_factory=list)


_ITEM_RE = re.compile(
    r"(?:^|\n)[ \t]*(?P<n>[0-9IlO]{1,3})[ \t]?\.[ \t]+(?=(?:Ketentuan|Di[ \t]*antara|Pasal|BAB|Bab|Judul|"
    r"Penjelasan|Lampiran|Bagian|Paragraf)\b)"
    # OCR joined the item onto the previous line: "… ayat (2). 5. Ketentuan Pasal 9 diubah …"
    r"|(?<=[.;:]) (?P<n2>[0-9]{1,3})[ \t]?\.[ \t]+(?=(?:Ketentuan\s+(?:Pasal|ayat|huruf)|Di\s*antara\s+"
    r"(?:Pasal|ayat|huruf))\b)"
)
_PASAL_NO = r"[0-9IlOo]{1,3}[A-Z]?"


def _instruction(number: str, start: int, end: int, body: str) -> Instruction:
    head = _norm(re.split(r"berbunyi\s+sebagai\s+berikut|yang\s+berbunyi|sehingga", body, maxsplit=1)[0])
    head = head.split(". ", 1)[0] if not re.search(r"berbunyi|sehingga", body[:600]) else head
    low = head.lower()
    pasal: list[str] = []
    parts: list[str] = []
    if re.match(r"ketentuan\s+pasal\s+\S+\s+tetap", low) or (
        "penjelasan" in low and not re.search(r"\bdiubah\b|dihapus|disisipkan|ditambah", low.split("penjelasan")[0])
    ):
        kind: InstructionKind = "penjelasan"
        m = re.search(r"Pasal\s+(" + _PASAL_NO + ")", head)
        pasal = [pasal_number(m.group(1))] if m else []
        return Instruction(number, start, end, head, kind, pasal)
    if re.match(r"(?:bab|judul|bagian|paragraf|lampiran)\b", low):
        return Instruction(number, start, end, head, "lain", [])
    yakni = re.search(r"yakni\s+(.*)$", head)
    inserts_pasal = re.search(r"disisipkan\s+\S+\s*\(\S+\)\s*pasal\b|disisipkan\s+\d+\s+pasal\b", low)
    if inserts_pasal and yakni:
        names = re.findall(r"Pasal\s+(" + _PASAL_NO + ")", yakni.group(1))
        values = [pasal_number(n) for n in names]
        if len(values) == 2 and re.search(r"sampai\s+dengan", yakni.group(1)):
            values = expand_range("pasal", values[0], values[1])
        return Instruction(number, start, end, head, "disisipkan", values)
    # The pasal the instruction is about: the first "Pasal N" ("Ketentuan ayat (3) Pasal 8 diubah",
    # "Di antara ayat (1) dan ayat (2) Pasal 16 disisipkan …").
    names = [pasal_number(n) for n in re.findall(r"Pasal\s+(" + _PASAL_NO + ")", head)]
    if not names:  # "Ketentuan ayat (2) dihapus sehingga Pasal 166 berbunyi …"
        after = re.search(r"sehingga\s+Pasal\s+(" + _PASAL_NO + ")", _norm(body[:600]))
        names = [pasal_number(after.group(1))] if after else []
    pasal = names[:1] if names else []
    # "Di antara ayat (1) dan ayat (2) … disisipkan …, yakni ayat (1a)": the neighbours did not change
    changed = re.sub(r"(?i)di\s*antara\s+(?:ayat|huruf|angka)\s*\S+\s+dan\s+(?:ayat|huruf|angka)\s*\S+", " ", head)
    for m in re.finditer(r"(ayat\s*\(\s?\w+\s?\)|huruf\s+[a-z][0-9]?\b|angka\s+\d+)", changed):
        part = re.sub(r"\s+", " ", m.group(1).replace("( ", "(").replace(" )", ")"))
        if part not in parts:
            parts.append(part)
    if re.search(r"\bdihapus\b", low) and not parts and not re.search(r"\bdiubah\b", low):
        kind = "dihapus"
    elif pasal:
        kind = "diubah"  # diubah, ditambahkan/disisipkan ayat or huruf, ayat dihapus: a new wording
    else:
        kind = "lain"
    return Instruction(number, start, end, head, kind, pasal, parts)


def instructions(tree: LegalTree) -> list[Instruction]:
    """The numbered items of an amending act's Pasal I, with their place in the source."""
    top = next((n for n in tree.pasal if n.number == "I"), None)
    if top is None:
        return []
    stop = next((n.start for n in tree.pasal if n.number == "II"), top.end)
    marks = list(_ITEM_RE.finditer(tree.source, top.head_end, stop))
    out = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else stop
        body = tree.source[m.end() : end]
        out.append(_instruction(str(pasal_number(m.group("n") or m.group("n2"))), m.start(), end, body))
    return out


# ---------------------------------------------------------------------------------------------
# Building the records


@dataclass
class _Wording:
    holder: Ref  # (doc, pasal) whose text is this wording
    node: Node | None
    tree: LegalTree


def _amended_nodes(tree: LegalTree) -> list[Node]:
    top = next((n for n in tree.pasal if n.number == "I"), None)
    return [c for c in top.children if c.kind == "pasal"] if top else []


def _order_key(doc: Document) -> tuple[int, int]:
    nomor = int(doc.nomor) if doc.nomor and str(doc.nomor).isdigit() else 0
    return (doc.tahun or 0, nomor)


def consolidate(parsed: Iterable[tuple[Document, LegalTree]], successors_file: Path | None = SUCCESSORS_FILE
                ) -> Consolidation:
    """Every pasal of every regulation → its record (see the module docstring)."""
    parsed = [(d, t) for d, t in parsed if d.kind == "regulation"]
    docs = {d.id: d for d, _ in parsed}
    out = Consolidation()
    amending: dict[str, list[tuple[Document, LegalTree]]] = defaultdict(list)
    for doc, tree in parsed:
        out.counts[doc.id] = DocCounts()
        base = next((n.amends for n in _amended_nodes(tree) if n.amends), None)
        if base:
            amending[base].append((doc, tree))
            out.amending_docs[doc.id] = base

    wordings: dict[tuple[str, str], _Wording] = {}
    for doc, tree in parsed:
        if doc.id in out.amending_docs:
            continue
        for node in tree.all_pasal():
            if node.number:
                out.records[(doc.id, node.number)] = PasalRecord(
                    doc.id, node.number, doc.id, "berlaku", Ref(doc.id, node.number),
                    history=[HistoryEntry(doc.id, "asli")])
                wordings[(doc.id, node.number)] = _Wording(Ref(doc.id, node.number), node, tree)

    for base, acts in amending.items():
        for doc, tree in sorted(acts, key=lambda pair: _order_key(pair[0])):
            _apply_act(out, wordings, base, doc, tree)

    for record in out.records.values():
        owner = docs.get(record.doc_id)
        if owner is not None and owner.status == "dicabut":
            record.status, record.current = "dicabut", None
    _savings(out, parsed, docs)
    _delay_restated(out, parsed)
    _successors(out, docs, successors_file)
    _references(out, wordings, docs)
    for record in out.records.values():
        counts = out.counts.setdefault(record.doc_id, DocCounts())
        if record.history and record.history[0].change == "disisipkan":
            if record.base_doc == record.doc_id:
                counts.disisipkan += 1
            elif record.history[0].doc_id == record.doc_id:
                counts.menyisipkan += 1
        setattr(counts, record.status, getattr(counts, record.status) + 1)
    return out


def _apply_act(out: Consolidation, wordings: dict[tuple[str, str], _Wording], base: str, doc: Document,
               tree: LegalTree) -> None:
    """Apply one amending act's instructions to the base law's records."""
    steps = instructions(tree)
    nodes = _amended_nodes(tree)
    counts = out.counts.setdefault(doc.id, DocCounts())
    used: set[str] = set()

    def holder_record(number: str, node: Node | None) -> None:
        wordings[(doc.id, number)] = _Wording(Ref(doc.id, number), node, tree)
        out.records[(doc.id, number)] = PasalRecord(doc.id, number, base, "berlaku", Ref(doc.id, number))

    def apply(number: str, change: Change, node: Node | None, step: Instruction | None, inferred: bool) -> None:
        record = out.records.get((base, number))
        if record is None:
            if change != "disisipkan" and not inferred:
                counts.not_applied.append(f"{step.number if step else '?'}. Pasal {number}: tidak ada di "
                                          f"{base}; dianggap disisipkan")
            record = PasalRecord(base, number, base, "berlaku", None)
            out.records[(base, number)] = record
            change = "disisipkan" if change != "dihapus" else change
        entry = HistoryEntry(doc.id, change, list(step.parts) if step else [], step.text[:200] if step else "",
                             inferred)
        record.history.append(entry)
        if change == "dihapus":
            record.current = None
        else:
            composed = None
            if node is not None and node.start == node.head_end and record.current is not None:
                # only the changed ayat/huruf were restated: the wording in force is the old one with them replaced
                composed = _compose(wordings.get((record.current.doc_id, record.current.pasal or "")), node, tree)
            holder_record(number, node)
            record.current = Ref(doc.id, number)
            if composed is not None:
                out.records[(doc.id, number)].text = composed
        for (_, p), other in out.records.items():  # every older wording of this pasal follows the base
            if other.base_doc == base and p == number:
                other.history = record.history
                other.current = record.current
        used.add(number)

    node_by_step: dict[int, list[Node]] = defaultdict(list)
    orphans: list[Node] = []
    for node in nodes:
        owner = next((i for i, s in enumerate(steps) if s.start <= node.start < s.end), None)
        if owner is None or node.number not in steps[owner].pasal:
            orphans.append(node)
        else:
            node_by_step[owner].append(node)
    for i, step in enumerate(steps):
        if step.kind == "penjelasan":
            for number in step.pasal:
                record = out.records.get((base, number))
                if record:
                    record.penjelasan_changed_by = doc.id
            continue
        if step.kind == "lain":
            continue
        if step.kind == "dihapus":
            for number in step.pasal:
                apply(number, "dihapus", None, step, False)
            continue
        found = {n.number: n for n in node_by_step.get(i, [])}
        for number in step.pasal:
            replacement = found.get(number)
            if replacement is None:
                counts.not_applied.append(f"{step.number}. {step.text[:120]}: teks pengganti tidak ditemukan")
                continue
            apply(number, step.kind if step.kind == "disisipkan" else "diubah", replacement, step, False)
    for node in orphans:
        if node.number is None or node.number in used:
            continue
        change: Change = "diubah" if (base, node.number) in out.records else "disisipkan"
        counts.not_applied.append(f"Pasal {node.number}: teks pengganti ada tetapi instruksinya tidak terbaca; "
                                  f"dianggap {change}")
        apply(node.number, change, node, None, True)
    for record in out.records.values():
        if record.base_doc == base:
            record.status = _status(record)


def _status(record: PasalRecord) -> PasalStatus:
    if record.current is None:
        return "dihapus" if any(h.change == "dihapus" for h in record.history) else "dicabut"
    if not any(h.doc_id == record.doc_id for h in record.history):
        return "berlaku"  # the base law's number of a pasal a later act inserted: it is in force
    return "berlaku" if (record.current.doc_id, record.current.pasal) == (record.doc_id, record.pasal) \
        else "diubah"


def _compose(old: _Wording | None, new: Node, tree: LegalTree) -> str | None:
    """The pasal with only the restated ayat/huruf replaced or inserted ("Ketentuan ayat (2) Pasal 4
    diubah sehingga berbunyi sebagai berikut: (2) …")."""
    if old is None or old.node is None or not new.children:
        return None
    items = {(c.kind, c.number): old.tree.text(c, heading=True) for c in old.node.children}
    for child in new.children:
        items[(child.kind, child.number)] = tree.text(child, heading=True)
    intro = old.tree.intro(old.node)
    lines = [text for _, text in sorted(items.items(), key=lambda kv: _label_sort(kv[0][1] or ""))]
    return "\n".join(([intro] if intro else []) + lines)


def _label_sort(label: str) -> tuple[int, str, str]:
    m = re.fullmatch(r"(\d+)([a-z]?)", label)
    if m:
        return (int(m.group(1)), m.group(2), "")
    return (0, label[:1], label[1:])


# ---------------------------------------------------------------------------------------------
# Saving and delaying clauses

_KEEP_RE = re.compile(r"(?:tetap\s+berlaku|masih\s+berlaku|berlaku\s+ketentuan|dinyatakan\s+berlaku)", re.I)
_DELAY_RE = re.compile(r"berlaku\s+setelah\s+(?P<until>[^.;]+)", re.I)


def _sentences(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for piece in re.split(r"(?<=[.;])\s+(?=[A-Z(])", text):
        out.append((pos, piece))
        pos += len(piece) + 1
    return out


_IMPLEMENTING_RE = re.compile(r"peraturan\s+pelaksanaan\s+dari\s+(?P<law>Undang-Undang\s+Nomor\s+\S+\s+Tahun\s+\S+)",
                              re.I)


def _keep_implementing(out: Consolidation, parsed: list[tuple[Document, LegalTree]], doc: Document,
                       clause: Saving, sentence: str) -> None:
    """"… semua peraturan … pelaksanaan dari Undang-Undang Nomor 5 Tahun 2014 … dinyatakan masih tetap
    berlaku …" (UU 20/2023 Pasal 75): every regulation that names that law in its preamble is kept."""
    m = _IMPLEMENTING_RE.search(sentence)
    laws = {rid for _, rid in find_regulations(m.group("law"))} if m else set()
    if not laws:
        return
    for other, tree in parsed:
        if other.id == doc.id or other.status != "berlaku":
            continue
        # Menimbang and Mengingat (OCR moves the "Mengingat" keyword, pp-94-2021.pdf)
        basis = " ".join(_norm(tree.source[n.start : n.end]) for n in tree.preamble)
        if not laws & {rid for _, rid in find_regulations(basis)}:
            continue
        for (d, _), record in out.records.items():
            if d == other.id and record.kept_in_force_by is None:
                record.kept_in_force_by = clause


def _savings(out: Consolidation, parsed: list[tuple[Document, LegalTree]], docs: dict[str, Document]) -> None:
    for doc, tree in parsed:
        if doc.status != "berlaku":
            continue
        for node in tree.all_pasal():
            if not node.number or node.amends:
                continue
            units = [c for c in node.children if c.kind == "ayat"] or [node]
            for unit in units:
                text = _norm(tree.source[unit.head_end : unit.end])
                ayat = unit.number if unit.kind == "ayat" else None
                for _, sentence in _sentences(text):
                    keep = _KEEP_RE.search(sentence)
                    delay = _DELAY_RE.search(sentence)
                    if not (keep or delay):
                        continue
                    if keep and _IMPLEMENTING_RE.search(sentence):
                        _keep_implementing(out, parsed, doc, Saving(doc.id, node.number, ayat, sentence), sentence)
                        continue
                    for found in find_references(sentence, doc.id, node.number, ayat):
                        target = found.target
                        clause = Saving(doc.id, node.number, ayat, sentence, target.ayat)
                        record = out.get(target.doc_id, target.pasal or "")
                        if record is None:
                            continue
                        if keep and target.doc_id != doc.id and record.status == "dicabut":
                            record.kept_in_force_by = record.kept_in_force_by or clause
                        elif delay and target.doc_id == doc.id and (target.pasal, target.ayat) != (node.number, ayat):
                            record.not_yet_in_force_until = record.not_yet_in_force_until or clause


_ITEM_HEAD_WORDS = 4  # "pemotongan tunjangan kinerja sebesar": the opening of a delayed kind, as rows restate it


def _item_heads(tree: LegalTree, node: Node) -> list[str]:
    """The opening words of each item a delayed ayat lists ("a. pemotongan tunjangan kinerja sebesar 25% …")."""
    heads = []
    for child in node.children:
        if child.kind in ("huruf", "angka"):
            words = re.findall(r"\w+%?", _norm(tree.source[child.head_end : child.end]).lower())
            if len(words) >= _ITEM_HEAD_WORDS:
                heads.append(" ".join(words[:_ITEM_HEAD_WORDS]))
    return heads


def _delay_restated(out: Consolidation, parsed: list[tuple[Document, LegalTree]]) -> None:
    """A clause delaying a list of penalties ("jenis Hukuman Disiplin sedang sebagaimana dimaksud dalam Pasal 8
    ayat (3) … berlaku setelah …", PP 94/2021 Pasal 42) delays them where other pasal of the same act restate
    them too: Pasal 10 ayat (2) "pemotongan tunjangan kinerja sebesar 25% … bagi PNS yang tidak Masuk Kerja …"
    is no penalty in force either, and must not be shown as one."""
    trees = {doc.id: tree for doc, tree in parsed}
    delayed = [r for r in out.records.values() if r.not_yet_in_force_until and r.not_yet_in_force_until.target_ayat]
    for record in delayed:
        clause = record.not_yet_in_force_until
        tree = trees.get(record.doc_id)
        if tree is None or clause is None:
            continue
        node = next((n for n in tree.all_pasal() if n.number == record.pasal and not n.amends), None)
        target = next((c for c in (node.children if node else []) if c.kind == "ayat"
                       and c.number == clause.target_ayat), None)
        heads = _item_heads(tree, target) if target is not None else []
        if not heads:
            continue
        for other in tree.all_pasal():
            if other.amends or not other.number or other.number in (record.pasal, clause.pasal):
                continue
            holder = out.get(record.doc_id, other.number)
            if holder is None or holder.not_yet_in_force_until is not None:
                continue
            for unit in [c for c in other.children if c.kind == "ayat"] or [other]:
                text = " ".join(re.findall(r"\w+%?", _norm(tree.source[unit.head_end : unit.end]).lower()))
                if any(h in text for h in heads):
                    holder.not_yet_in_force_until = Saving(clause.doc_id, clause.pasal, clause.ayat, clause.text,
                                                           unit.number if unit.kind == "ayat" else None)
                    break


# ---------------------------------------------------------------------------------------------
# Successors


def _successors(out: Consolidation, docs: dict[str, Document], successors_file: Path | None) -> None:
    if successors_file is None or not successors_file.exists():
        return
    data = json.loads(successors_file.read_text(encoding="utf-8"))
    for row in data.get("links", []):
        record = out.get(row["from"]["doc_id"], row["from"]["pasal"])
        if record is None:
            continue
        how = "dikonfirmasi admin" if row.get("confirmed") else row.get("how", "kemiripan isi (saran)")
        for target in row.get("to", []):
            record.successors.append(Successor(target["doc_id"], target["pasal"], how, row.get("score")))


_WORD_RE = re.compile(r"[a-z]{3,}")
_STOP = frozenset(re.findall(r"\w+", """yang dan atau dengan untuk dalam pada dari oleh sebagaimana
dimaksud ayat huruf angka pasal ini tersebut adalah sebagai tidak dapat atas bagi serta kepada secara
lebih lanjut diatur ketentuan paling"""))


def _vector(text: str) -> Counter:
    return Counter(w for w in _WORD_RE.findall(text.lower()) if w not in _STOP)


def suggest_successors(old: tuple[Document, LegalTree], new: tuple[Document, LegalTree],
                       min_score: float = 0.2) -> list[dict[str, Any]]:
    """For each pasal of a repealed regulation, the pasal of its successor closest in content (TF-IDF
    cosine). Suggestions only: `python -m indexer successors --write` puts them in the data file,
    where an admin sets `confirmed` or corrects `to`."""
    (old_doc, old_tree), (new_doc, new_tree) = old, new
    old_vecs = {n.number: _vector(old_tree.text(n)) for n in old_tree.all_pasal() if n.number}
    new_vecs = {n.number: _vector(new_tree.text(n)) for n in new_tree.all_pasal() if n.number}
    df: Counter = Counter()
    for vec in [*old_vecs.values(), *new_vecs.values()]:
        df.update(vec.keys())
    n_docs = len(old_vecs) + len(new_vecs)

    def weigh(vec: Counter) -> dict[str, float]:
        w = {t: (1 + math.log(c)) * math.log(1 + n_docs / df[t]) for t, c in vec.items()}
        norm = math.sqrt(sum(v * v for v in w.values())) or 1.0
        return {t: v / norm for t, v in w.items()}

    new_w = {k: weigh(v) for k, v in new_vecs.items()}
    links = []
    for number, vec in old_vecs.items():
        w = weigh(vec)
        scored = sorted(((sum(w[t] * nw.get(t, 0.0) for t in w), k) for k, nw in new_w.items()), reverse=True)
        if not scored or scored[0][0] < min_score:
            continue
        best = scored[0][0]
        targets = [k for s, k in scored[:3] if s >= max(min_score, best - 0.05)]
        links.append({"from": {"doc_id": old_doc.id, "pasal": number},
                      "to": [{"doc_id": new_doc.id, "pasal": k} for k in targets],
                      "how": "kemiripan isi (saran)", "score": round(best, 3), "confirmed": False})
    return links


def regenerate_successors(parsed: list[tuple[Document, LegalTree]], path: Path = SUCCESSORS_FILE) -> dict:
    """Recompute the suggestions, keeping every link an admin confirmed or edited (`confirmed: true`)."""
    by_id = {d.id: (d, t) for d, t in parsed}
    kept = []
    if path.exists():
        kept = [row for row in json.loads(path.read_text(encoding="utf-8")).get("links", []) if row.get("confirmed")]
    done = {(r["from"]["doc_id"], r["from"]["pasal"]) for r in kept}
    links = list(kept)
    for doc, tree in parsed:
        if doc.status == "dicabut" and doc.dicabut_oleh in by_id:
            for row in suggest_successors((doc, tree), by_id[doc.dicabut_oleh]):
                if (row["from"]["doc_id"], row["from"]["pasal"]) not in done:
                    links.append(row)
    links.sort(key=lambda r: (r["from"]["doc_id"], _pasal_sort(r["from"]["pasal"])))
    return {"about": "Penerus pasal peraturan yang dicabut. how='kemiripan isi (saran)' dihitung otomatis "
                     "(python -m indexer successors --write); admin mengoreksi 'to' dan mengisi "
                     "confirmed=true agar tidak ditimpa saat dihitung ulang.",
            "links": links}


def _pasal_sort(number: str) -> tuple[int, str]:
    m = re.match(r"(\d+)(\D*)", number)
    return (int(m.group(1)), m.group(2)) if m else (0, number)


# ---------------------------------------------------------------------------------------------
# Cross-references


def _item_at(node: Node, pos: int) -> dict[str, str]:
    """The ayat/huruf/angka of `node` that contains source offset `pos`."""
    out: dict[str, str] = {}
    current = node
    while True:
        child = next((c for c in current.children if c.start <= pos < c.end), None)
        if child is None:
            return out
        out[child.kind] = child.number or ""
        current = child


def _references(out: Consolidation, wordings: dict[tuple[str, str], _Wording], docs: dict[str, Document]) -> None:
    incoming: dict[tuple[str, str], list[Ref]] = defaultdict(list)
    for (doc_id, number), wording in wordings.items():
        record = out.get(doc_id, number)
        if record is None or wording.node is None:
            continue
        node, tree = wording.node, wording.tree
        seen: set[Ref] = set()
        for child in [node]:
            source_text = tree.source[child.head_end : child.end]
            for found in find_references(source_text, record.base_doc, number):
                ayat_here = _item_at(node, child.head_end + found.start)
                target = found.target
                if "ayat" in ayat_here and target.doc_id == record.base_doc and target.pasal == number \
                        and target.ayat is None and target.huruf is not None:
                    target = Ref(target.doc_id, target.pasal, ayat_here["ayat"], target.huruf, target.angka)
                if (target.doc_id, target.pasal) == (record.base_doc, number):
                    target = Ref(doc_id, number, target.ayat, target.huruf, target.angka)  # same pasal
                if target.doc_id not in docs or target in seen or target.pasal is None:
                    continue
                if (target.doc_id, target.pasal) == (doc_id, number) and target.ayat is None \
                        and target.huruf is None:
                    continue
                seen.add(target)
                record.references.append(target)
                if record.status in ("berlaku", "dicabut"):
                    source = Ref(doc_id, number, ayat_here.get("ayat"), ayat_here.get("huruf"),
                                 ayat_here.get("angka"))
                    incoming[(target.doc_id, target.pasal)].append(source)
            for _, reg in find_regulations(source_text):
                if reg in docs and reg != doc_id and reg != record.base_doc:
                    ref = Ref(reg, None)
                    if ref not in seen:
                        seen.add(ref)
                        record.references.append(ref)
    for (doc_id, number), sources in incoming.items():
        targets = [out.get(doc_id, number)]
        base = targets[0]
        if base is not None and base.current is not None \
                and (base.current.doc_id, base.current.pasal) != (doc_id, number):
            targets.append(out.get(base.current.doc_id, base.current.pasal or ""))
        for record in targets:
            if record is None:
                continue
            own = {(h.doc_id, record.pasal) for h in record.history} | {(record.doc_id, record.pasal)}
            for source in sources:
                if source not in record.referenced_by and (source.doc_id, source.pasal) not in own:
                    record.referenced_by.append(source)


def records_for_law(consolidation: Consolidation, doc_id: str) -> list[PasalRecord]:
    """Every record in one document's numbering, in pasal order."""
    rows = [r for (d, _), r in consolidation.records.items() if d == doc_id]
    return sorted(rows, key=lambda r: _pasal_sort(r.pasal))
