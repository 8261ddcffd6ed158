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
