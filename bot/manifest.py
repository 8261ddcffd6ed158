"""Regulations the project knows of whose text is not (yet) indexed: say so, and where to read them.

The project's own catalogue (`corpus/catalog.json`) lists the official regulations on ASN neutrality
with their title and source address, also those whose file we could not fetch (SKB 2/2022, SE MenPANRB
18/2023). A question about one of them is declined — nothing can be quoted — but the decline names
the document properly and points to the official text instead of "unknown document".
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path

from bot import messages as M
from indexer.types import Document

log = logging.getLogger(__name__)

MANIFEST = Path(__file__).resolve().parents[1] / "corpus" / "catalog.json"


@lru_cache(maxsize=2)
def known_regulations(path: str | None = None) -> dict[str, Document]:
    file = Path(path) if path else MANIFEST
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("Daftar peraturan proyek %s tidak terbaca: %s", file, exc)
        return {}
    rows = raw.get("documents", []) if isinstance(raw, dict) else raw
    return {d.id: d for d in (Document.from_dict(r) for r in rows)}


def not_indexed_note(doc_ids: list[str], indexed: set[str]) -> str:
    """"SKB 2/2022 tentang … ada dalam daftar peraturan resmi, tetapi naskahnya belum dimuat …" for
    each named document the manifest knows and the index lacks; "" when there is none."""
    known = known_regulations()
    lines = []
    for doc_id in doc_ids:
        doc = known.get(doc_id)
        if doc is None or doc_id in indexed:
            continue
        where = doc.source_url or doc.source_note or ""
        lines.append(M.ANSWER_NOT_INDEXED.format(name=doc.short_name, title=doc.judul,
                                                 where=M.ANSWER_NOT_INDEXED_WHERE.format(url=where) if where else ""))
    return "\n".join(lines)


RARE_TITLE_IDF = 6.0  # a title word the indexed texts almost never use ("suami", "istri"): it names the topic
DOMAIN_WORDS = "pegawai aparatur sipil negara netralitas pns asn"  # every title and question here shares these


def related_unindexed(own: set[str], expanded: set[str], indexed: set[str], idf: dict[str, float]) -> list[Document]:
    """Catalogued regulations whose text is not indexed and whose title the question is about: the
    user says a word of the title the indexed law hardly uses, and two more of its words (beyond the
    domain's own) are in the question ("istri saya nyaleg" → SE MenPANRB 18/2023, Netralitas Pegawai ASN
    yang Suami atau Istrinya Mencalonkan Diri …). The answer then says the rule exists and is not held."""
    from bot.retrieve import tokenize

    domain = set(tokenize(DOMAIN_WORDS))
    out = []
    for doc in known_regulations().values():
        if doc.id in indexed or doc.kind != "regulation":
            continue
        title = set(tokenize(doc.judul)) - domain
        rare = {t for t in title if idf.get(t, 0.0) >= RARE_TITLE_IDF}
        if own & rare and len(expanded & (title - rare)) >= 2:
            out.append(doc)
    return out


def related_note(docs: list[Document]) -> str:
    """" Catatan: ada juga SE 18/2023 tentang …, yang naskahnya belum dimuat di Tanya ASN …"."""
    return "".join(M.ANSWER_RELATED_NOT_INDEXED.format(
        name=doc.short_name, title=doc.judul,
        where=M.ANSWER_NOT_INDEXED_WHERE.format(url=doc.source_url) if doc.source_url else "") for doc in docs)


_QUOTING_LEADS = tuple(t.split("{", 1)[0] for t in (M.LEAD_GENERAL, M.LEAD_GENERAL_LONG))


def with_related(lead: str, docs: list[Document], weak: bool = True) -> str:
    """The lead with the note on catalogued rules written for the case and not indexed: after a lead that
    answers ("Tidak boleh. …") or quotes a pasal the question's words found (`weak` False), before one that
    only quotes what the embedding came nearest to ("istri saya nyaleg, saya harus gimana?" shares no word
    with any pasal: SE MenPANRB 18/2023 comes first, not whichever PP 94/2021 ayat was nearest)."""
    if not weak or not lead.startswith(_QUOTING_LEADS):
        return lead + related_note(docs)
    first = " ".join(M.ANSWER_RELATED_NOT_INDEXED_FIRST.format(
        name=doc.short_name, title=doc.judul,
        where=M.ANSWER_NOT_INDEXED_WHERE.format(url=doc.source_url) if doc.source_url else "") for doc in docs)
    return first + M.ANSWER_RELATED_GENERAL + lead
