"""Pages → citable chunks: clean, parse the legal structure, cut along it.

A chunk is one pasal. A long pasal becomes one chunk per ayat, or, without ayat, one chunk per
group of huruf (a huruf with its own angka list, like PP 94/2021 Pasal 5 huruf n, stays whole),
with the pasal's opening words in `context`. Penjelasan entries become chunks of their own
(`part="penjelasan"`, same `pasal`). Articles are cut into paragraph windows. Menimbang and
Mengingat are left out: they cite other laws and only distract retrieval.
"""

from __future__ import annotations

import re
from typing import TypedDict

from indexer.clean import clean_pages
from indexer.legal import LegalTree, Node, parse_regulation
from indexer.load import Page
from indexer.types import Chunk, Document, Item, with_document

MAX_CHARS = 1200
WINDOW_MIN = 800
CONTEXT_CHARS = 200


def chunk_document(doc: Document, pages: list[Page]) -> list[Chunk]:
    """All chunks of one document, in document order (`seq`)."""
    cleaned = clean_pages(pages)
    if doc.kind == "article":
        chunks = _article_chunks(doc, cleaned)
    else:
        amends = doc.mengubah[0] if doc.mengubah else None
        return chunks_from_tree(doc, parse_regulation(cleaned, doc.id, amends=amends))
    return _numbered(doc, chunks)


def chunks_from_tree(doc: Document, tree: LegalTree) -> list[Chunk]:
    """The chunks of a regulation already parsed."""
    return _numbered(doc, regulation_chunks(doc, tree))


def _numbered(doc: Document, chunks: list[Chunk]) -> list[Chunk]:
    for seq, chunk in enumerate(chunks):
        chunk.seq = seq
        with_document(chunk, doc)
    return chunks


def _short(text: str, limit: int = CONTEXT_CHARS) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _pasal_label(doc: Document, node: Node, suffix: str = "") -> str:
    label = f"{doc.short_name} Pasal {node.number}{suffix}"
    if node.amends:
        label += f" (perubahan atas {_amended_name(node.amends)})"
    return label


def _amended_name(doc_id: str) -> str:
    m = re.fullmatch(r"([a-z]+)-(\w+)-(\d{4})", doc_id)
    return f"{m.group(1).upper()} {m.group(2)}/{m.group(3)}" if m else doc_id


def regulation_chunks(doc: Document, tree: LegalTree) -> list[Chunk]:
    chunks: list[Chunk] = []
    for node in tree.all_pasal():
        chunks.extend(_pasal_chunks(doc, tree, node))
    for node in [n for n in tree.pasal if n.kind == "diktum"]:
        chunks.append(_chunk(doc, tree, node, f"{doc.short_name} Diktum {node.number}", pasal=None))
    for node in tree.other:
        if node.kind == "lampiran":
            parts = node.children or [node]
            for part in parts:
                text = tree.text(part, heading=True)
                for window in _windows(text):
                    chunks.append(Chunk(doc.id, window, f"{doc.short_name} Lampiran", page=part.page,
                                        extra={"node": part.id}))
        elif node.kind == "lain":
            text = tree.text(node)
            if text:
                chunks.append(Chunk(doc.id, text, f"{doc.short_name} Pasal {node.number} (naskah penetapan)",
                                    pasal=None, page=node.page, extra={"node": node.id}))
    if tree.penjelasan_umum is not None:
        for window in _windows(tree.text(tree.penjelasan_umum)):
            chunks.append(Chunk(doc.id, window, f"{doc.short_name} Penjelasan Umum", part="penjelasan",
                                page=tree.penjelasan_umum.page))
    for entry in tree.penjelasan:
        text = tree.text(entry)
        if not text or re.fullmatch(r"Cukup\s+[jJ]elas\.?", text):
            continue  # "Cukup jelas." explains nothing and would only crowd retrieval
        label = f"{doc.short_name} Penjelasan Pasal {entry.number}"
        if entry.amends:
            label += f" (perubahan atas {_amended_name(entry.amends)})"
        for window in _windows(text, MAX_CHARS * 2):
            chunks.append(Chunk(doc.id, window, label, part="penjelasan", pasal=entry.number,
                                amends=entry.amends, page=entry.page,
                                extra={"node": entry.id, "links": entry.links}))
    return chunks


def _chunk(doc: Document, tree: LegalTree, node: Node, label: str, pasal: str | None, **kw) -> Chunk:
    return Chunk(doc.id, tree.text(node), label, pasal=pasal, page=node.page, extra={"node": node.id}, **kw)


class _PasalFields(TypedDict):
    """The Chunk fields every chunk cut from one pasal shares."""

    pasal: str | None
    bab: str | None
    bagian: str | None
    amends: str | None


def _pasal_chunks(doc: Document, tree: LegalTree, node: Node) -> list[Chunk]:
    common: _PasalFields = {"pasal": node.number, "bab": node.bab, "bagian": node.bagian, "amends": node.amends}
    text, items = tree.spans(node)
    if not text:
        return []
    if len(text) <= MAX_CHARS or not node.children:
        return [Chunk(doc.id, text, _pasal_label(doc, node), page=node.page, extra={"node": node.id},
                      item_spans=tuple(items), **common)]
    intro = tree.intro(node)
    context = f"Pasal {node.number}: {_short(intro)}" if intro else f"Pasal {node.number}"
    out: list[Chunk] = []
    if node.children[0].kind == "ayat":
        for ayat in node.children:
            label = _pasal_label(doc, node, f" ayat ({ayat.number})")
            first, ayat_items = tree.spans(ayat, heading=True)
            out.append(Chunk(doc.id, first, label, ayat=ayat.number, context=_short(text.split("\n", 1)[0]),
                             page=ayat.page, extra={"node": ayat.id}, item_spans=tuple(ayat_items), **common))
        return out
    # A list of huruf (or angka) without ayat: group consecutive items into windows.
    groups: list[list[Node]] = []
    size = 0
    for item in node.children:
        item_len = len(tree.text(item, heading=True))
        alone = bool(item.children) or item_len > MAX_CHARS // 3
        if not groups or alone or size + item_len > MAX_CHARS or (
            len(groups[-1]) == 1 and groups[-1][0].children
        ):
            groups.append([item])
            size = item_len
        else:
            groups[-1].append(item)
            size += item_len
    kind = node.children[0].kind
    for g_i, group in enumerate(groups):
        pieces = [tree.spans(item, heading=True) for item in group]
        if g_i == 0 and intro:
            pieces.insert(0, (intro, []))
        group_text, group_items = _join_spans(pieces)
        if len(group) == 1:
            suffix, huruf = f" {kind} {group[0].number}", group[0].number if kind == "huruf" else None
        else:
            suffix, huruf = f" {kind} {group[0].number}–{group[-1].number}", None
        out.append(Chunk(doc.id, group_text, _pasal_label(doc, node, suffix), huruf=huruf,
                         context=context, page=group[0].page, extra={"node": group[0].id},
                         item_spans=tuple(group_items), **common))
    return out


def _join_spans(pieces: list[tuple[str, list[Item]]]) -> tuple[str, list[Item]]:
    """Join texts with newlines, shifting each piece's item offsets to the joined text."""
    texts: list[str] = []
    items: list[Item] = []
    pos = 0
    for text, spans in pieces:
        items += [Item(i.kind, i.label, i.start + pos, i.end + pos, i.ayat, i.huruf, i.angka) for i in spans]
        texts.append(text)
        pos += len(text) + 1
    return "\n".join(texts), items


def _windows(text: str, limit: int = MAX_CHARS) -> list[str]:
    """Split on paragraph (line) boundaries into pieces of roughly WINDOW_MIN..limit characters."""
    paras = [p.strip() for p in re.split(r"\n+", text) if p.strip()]
    out: list[str] = []
    current: list[str] = []
    size = 0
    for para in paras:
        if current and size + len(para) > limit and size >= min(WINDOW_MIN, limit // 2):
            out.append("\n".join(current))
            current, size = [], 0
        if len(para) > limit * 2:
            # One enormous paragraph (OCR lost the line breaks): cut at sentence ends.
            sentences = re.split(r"(?<=[.;])\s+", para)
            for sentence in sentences:
                if current and size + len(sentence) > limit:
                    out.append(" ".join(current))
                    current, size = [], 0
                current.append(sentence)
                size += len(sentence) + 1
            continue
        current.append(para)
        size += len(para) + 1
    if current:
        out.append("\n".join(current))
    return out


_HEADING_RE = re.compile(r"^(#{1,6}\s+.+|[A-Z][A-Z0-9 ,:;/()-]{3,80})$")


def _article_chunks(doc: Document, pages: list[Page]) -> list[Chunk]:
    """Articles: windows of paragraphs, restarting at each heading; labelled with the title."""
    chunks: list[Chunk] = []
    section: list[str] = []
    section_page = pages[0].number if pages else None
    heading: str | None = None

    def flush() -> None:
        text = "\n".join(section).strip()
        for window in _windows(text):
            chunks.append(Chunk(doc.id, window, doc.short_name, part="artikel", page=section_page,
                                context=heading))

    for page in pages:
        for line in page.text.split("\n"):
            stripped = line.strip()
            if stripped and _HEADING_RE.match(stripped) and len(stripped) < 90:
                if section:
                    flush()
                section, section_page = [], page.number
                heading = stripped.lstrip("# ").strip()
                section.append(stripped)
            elif stripped:
                section.append(stripped)
    if section:
        flush()
    return chunks
