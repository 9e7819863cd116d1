"""The hierarchy as people walk it: Pemda → units → fonds, series, berkas → items.

Node keys are strings so they fit in a URL: "" for the Pemda, `unit:CODE` for a unit, a record
id for a record. Contents and counts come from the index, confined to what the caller may see,
so a large folder is paged by the search engine instead of being loaded object by object.
"""

from __future__ import annotations

from indexes.search import SearchRequest, SearchResult
from repository.core.content import Pemda, Record, Unit
from repository.core.security import Caller
from repository.records.records import visible_record
from repository.records.units import get_unit

PAGE_SIZE = 50


def node_of(pemda: Pemda, caller: Caller, key: str) -> Pemda | Unit | Record:
    if not key:
        return pemda
    if key.lower().startswith("unit:"):
        return get_unit(pemda, key[5:])
    return visible_record(pemda, caller, key)


def key_of(node: Pemda | Unit | Record) -> str:
    if isinstance(node, Record):
        return node.id
    if isinstance(node, Unit):
        return f"unit:{node.code}"
    return ""


def label_of(node: Pemda | Unit | Record) -> str:
    if isinstance(node, Record):
        return f"{node.code} {node.title}".strip()
    return f"{node.code} — {node.name}"


def breadcrumbs(node: Pemda | Unit | Record) -> list[dict]:
    chain, current = [], node
    while current is not None:
        chain.append({"key": key_of(current), "label": label_of(current)})
        current = current.parent
    return chain[::-1]


def subunits(node: Pemda | Unit | Record) -> list[Unit]:
    if isinstance(node, Pemda):
        return list(node.top_units.values())
    if isinstance(node, Unit):
        return list(node.subunits.values())
    return []


def unit_total(unit: Unit, per_unit: dict[str, int]) -> int:
    """Visible records in a unit and all its sub-units, from the per-unit facet counts."""
    return per_unit.get(unit.code, 0) + sum(unit_total(u, per_unit) for u in unit.subunits.values())


def unit_of(node: Pemda | Unit | Record) -> str | None:
    if isinstance(node, Record):
        return node.unit_code
    return node.code if isinstance(node, Unit) else None


def unit_row(unit: Unit, per_unit: dict[str, int]) -> dict:
    return {"key": key_of(unit), "label": label_of(unit), "records": unit_total(unit, per_unit)}


def contents_request(key: str, page: int) -> SearchRequest:
    return SearchRequest(
        parent=key, sort="refcode", page=max(1, page), page_size=PAGE_SIZE, facets=False
    )


def content_rows(result: SearchResult, children: dict[str, int]) -> list[dict]:
    return [
        {
            "id": hit.id,
            "refcode": hit.refcode,
            "level": hit.level,
            "title": hit.title,
            "date": hit.date,
            "security": hit.security,
            "children": children.get(hit.id, 0),
            "flags": hit.flags,
        }
        for hit in result.hits
    ]
