"""The catalogue's records as plain data: what its pages, exports and the OAI provider show of
a public record, and nothing else (no class, flags, location, history or staff notes).

A node is shown only if `publication.is_public` holds for it; its breadcrumbs stop at the
first ancestor that is not public (the parent of a published series is not described)."""

from __future__ import annotations

from collections.abc import Iterator

from indexes.documents import natural
from repository.catalogue.model import Description, description_of
from repository.catalogue.publication import is_public
from repository.core.content import Pemda, Record, Unit

PERMANENT_PREFIX = "/katalog/"


def permanent_path(record_id: str) -> str:
    """The path a citation carries: by id, which a move never changes."""
    return f"{PERMANENT_PREFIX}{record_id}"


def creator_of(record: Record) -> str:
    """The creator as ISAD(G) 3.2.1 names it: the nearest description's, else the OPD."""
    return _creator(record, descriptions_up(record))


def _creator(record: Record, descriptions: list[Description]) -> str:
    creator = _nearest(descriptions, "creator")
    if creator:
        return creator
    unit = record.parent
    while unit is not None and not isinstance(unit, Unit):
        unit = unit.parent
    top = unit
    while top is not None and isinstance(top.parent, Unit):
        top = top.parent
    return top.name if top is not None else ""


def public_chain(record: Record) -> list[Record]:
    """The record and the public records above it, nearest first: what its description may
    take from. A record above that is not public (an unpublished fonds above a published
    series, drafts included) lends it nothing."""
    return [record, *reversed(public_ancestors(record))]


def descriptions_up(record: Record, chain: list[Record] | None = None) -> list[Description]:
    """The descriptions of the record and the public records above it, nearest first."""
    pemda = _pemda_of(record)
    found = [description_of(pemda, node.id) for node in chain or public_chain(record)]
    return [description for description in found if description is not None]


def nearest_description(record: Record) -> Description | None:
    return next(iter(descriptions_up(record)), None)


def inherited(record: Record, field: str) -> str:
    """A field of the nearest description that fills it: a series described only by its
    scope still takes the creator and the access conditions of its fonds."""
    return _nearest(descriptions_up(record), field)


def _nearest(descriptions: list[Description], field: str) -> str:
    return next((v for d in descriptions if (v := getattr(d, field))), "")


def _pemda_of(record: Record) -> Pemda:
    return record.ancestors()[0]


def public_ancestors(record: Record) -> list[Record]:
    """The public records above, top first, up to the first that is not public."""
    chain = []
    node = record.parent
    while isinstance(node, Record) and is_public(node):
        chain.append(node)
        node = node.parent
    return chain[::-1]


def files_of(record: Record) -> list[dict]:
    return [
        {
            "position": position,
            "filename": attachment.filename,
            "media_type": attachment.media_type,
            "size": attachment.size,
            "pages": attachment.pages,
        }
        for position, attachment in record.attachments.items()
        if not attachment.sealed
    ]


def node_dict(record: Record, base_url: str = "") -> dict:
    """One public record as every catalogue view, export and the OAI provider reads it. What
    it inherits (creator, conditions, languages, downloads) comes from public records only."""
    own = description_of(_pemda_of(record), record.id)
    ancestors = public_ancestors(record)
    chain = [record, *reversed(ancestors)]
    descriptions = descriptions_up(record, chain)
    languages = next((n.language.split() for n in chain if n.language), ["ind"])
    return {
        "id": record.id,
        "refcode": record.reference_code,
        "title": record.title,
        "level": record.level,
        "date_start": record.date_start.isoformat() if record.date_start else None,
        "date_end": record.date_end.isoformat() if record.date_end else None,
        "unit": record.unit_code,
        "creator": _creator(record, descriptions),
        "classification": record.classification,
        "scope": record.description,
        "languages": languages,
        "digital": bool(len(record.attachments)),
        "files": files_of(record),
        "url": f"{base_url.rstrip('/')}{permanent_path(record.id)}",
        "description": own.public_dict() if own is not None else None,
        "access_conditions": _nearest(descriptions, "access_conditions"),
        "reproduction_conditions": _nearest(descriptions, "reproduction_conditions"),
        # the most restrictive wins: a series described later cannot lift its fonds' "no"
        "downloads": all(d.downloads for d in descriptions),
        "published_root": bool(record.published),
        "parent": ancestors[-1].id if ancestors else None,  # the nearest: its parent
        "breadcrumbs": [
            {"id": node.id, "refcode": node.reference_code, "title": node.title}
            for node in ancestors
        ],
        "modified": record.modified.isoformat(timespec="seconds"),
    }


def is_public_parent(record: Record) -> bool:
    parent = record.parent
    return isinstance(parent, Record) and is_public(parent)


def public_children(record: Record) -> Iterator[Record]:
    """In reference-code order of their numbers, as the tree and the finding aid list them."""
    children = record.children or {}
    for child in sorted(children.values(), key=_order_key):
        if is_public(child):
            yield child


def _order_key(record: Record) -> tuple:
    """The natural order of codes (B2 before B10), as the index sorts reference codes."""
    code = record.code or ""
    return (natural(code), code)


def tree_dict(record: Record, base_url: str = "", depth: int | None = None) -> dict:
    """The public subtree as nested node dicts (`children`): EAD and the finding aid."""
    node = node_dict(record, base_url)
    if depth == 0:
        node["children"] = []
        return node
    below = None if depth is None else depth - 1
    node["children"] = [tree_dict(child, base_url, below) for child in public_children(record)]
    return node
