"""The catalogue's service (`lontar.catalogue`): publication and descriptions for archivists;
search, the tree, the record view and files for everyone, always as the public catalogue sees
them (`PUBLIC_CATALOGUE`: only what is published), whoever is logged in. Composed with the
parts in their own modules: exchange.py (EAD, Dublin Core), harvest.py (OAI-PMH) and
reading_room.py (selection lists, finding aids).

A record that is not public is `record_not_found` for every catalogue method, exactly as one
that does not exist.
"""

from __future__ import annotations

import dataclasses
import re

from indexes.search import SearchRequest, SearchResult
from indexes.store import IndexStore
from repository.catalogue import (
    messages,  # noqa: F401  (registers the catalogue)
    model,
    publication,
    views,
)
from repository.catalogue.exchange import Exchange
from repository.catalogue.harvest import Harvest
from repository.catalogue.reading_room import ReadingRoom
from repository.core.config import public_url
from repository.core.content import Pemda, Record
from repository.core.db import reading
from repository.core.errors import InvalidInput, RecordNotFound
from repository.core.security import CATALOGUE_PRINCIPAL, Caller
from repository.core.service import Context, Service
from repository.records.records import clean_text, get_record
from repository.records.services import RecordServices
from repository.records.sharing import enqueue_subtree

LANGUAGE_CODE = re.compile(r"^[a-z]{3}$")
TREE_PAGE = 50


def public_caller(caller: Caller) -> Caller:
    """Whoever browses the catalogue (a researcher, or staff) sees only what is published:
    their name and address stay for the audit trail, their grants do not."""
    return dataclasses.replace(
        caller, grants=(), clearance="B", only=frozenset({CATALOGUE_PRINCIPAL})
    )


class CatalogueServices(Exchange, Harvest, ReadingRoom, Service):
    def __init__(self, context: Context, store: IndexStore, records: RecordServices) -> None:
        super().__init__(context)
        self.store = store
        self.records = records

    @property
    def base_url(self) -> str:
        return public_url(self.home)

    # -- publication (archivists) ----------------------------------------------------------
    def publish(self, caller: Caller, record_id: str, description: dict | None = None) -> dict:
        """Publishes a fonds, series or berkas (and what is public below it), with its
        description if given; the index makes it findable within seconds."""

        def work(root) -> dict:
            pemda = self._pemda(root)
            record = self._publishable(pemda, caller, record_id)
            if description:
                self._describe(pemda, record, description, caller.name)
            count = publication.publish(pemda, record, caller.name)
            return {"id": record.id, "records": count}

        return self.commit(
            caller,
            work,
            note=f"publish {record_id}",
            audit=lambda done: [("published", record_id, {"records": done["records"]})],
        )

    def unpublish(self, caller: Caller, record_id: str) -> dict:
        def work(root) -> dict:
            pemda = self._pemda(root)
            record = self._publishable(pemda, caller, record_id)
            return {"id": record.id, "records": publication.unpublish(pemda, record, caller.name)}

        return self.commit(
            caller,
            work,
            note=f"unpublish {record_id}",
            audit=lambda done: [("unpublished", record_id, {"records": done["records"]})],
        )

    def describe(self, caller: Caller, record_id: str, fields: dict) -> dict:
        """Sets the ISAD(G) description of a fonds, series or berkas (published or not yet)."""

        def work(root) -> dict:
            pemda = self._pemda(root)
            record = self._publishable(pemda, caller, record_id)
            return self._describe(pemda, record, fields, caller.name).as_dict()

        return self.commit(
            caller,
            work,
            note=f"describe {record_id}",
            audit=lambda done: [("described", record_id, {"fields": sorted(fields)})],
        )

    def description(self, caller: Caller, record_id: str) -> dict:
        """The description as the archivist's form shows it (empty fields if none yet)."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            record = self._publishable(pemda, caller, record_id)
            found = model.description_of(pemda, record.id) or model.Description()
            return {
                **found.as_dict(),
                "id": record.id,
                "title": record.title,
                "refcode": record.reference_code,
                "level": record.level,
                "published": bool(record.published),
                "public": publication.is_public(record),
            }

    def published(self, caller: Caller) -> list[dict]:
        """The nodes published explicitly in the units where the caller may publish."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            rows = []
            for record in publication.published_roots(pemda):
                if not caller.may("publish", record):
                    continue
                actor, since, _ = record.published
                rows.append(
                    {
                        "id": record.id,
                        "refcode": record.reference_code,
                        "title": record.title,
                        "level": record.level,
                        "unit": record.unit_code,
                        "by": actor,
                        "since": since,
                        "public": publication.is_public(record),
                    }
                )
            return sorted(rows, key=lambda row: row["refcode"])

    def _publishable(self, pemda: Pemda, caller: Caller, record_id: str) -> Record:
        record = get_record(pemda, record_id)
        if not caller.may("publish", record) or not caller.sees_class(record.security):
            raise RecordNotFound(id=record_id)
        if record.level not in publication.PUBLISHABLE:
            raise InvalidInput("catalogue_publish_level", level=record.level)
        return record

    def _describe(self, pemda: Pemda, record: Record, fields: dict, actor: str):
        cleaned = {}
        for name in model.DESCRIPTION_FIELDS:
            if name in fields:
                one_line = name in ("extent", "creator", "language")
                cleaned[name] = clean_text(fields[name] or "", one_line=one_line)
        if "language" in cleaned:
            codes = cleaned["language"].lower().split()
            if not codes or any(not LANGUAGE_CODE.match(code) for code in codes):
                raise InvalidInput("catalogue_bad_language", value=cleaned["language"])
            cleaned["language"] = " ".join(codes)
            if record.language != cleaned["language"]:
                record.language = cleaned["language"]
                enqueue_subtree(pemda, record)  # the language facet of everything below
        if "downloads" in fields:
            cleaned["downloads"] = bool(fields["downloads"])
        return model.set_description(pemda, record.id, cleaned, actor)

    # -- reading (everyone) -------------------------------------------------------------------
    def search(self, caller: Caller, request: SearchRequest) -> SearchResult:
        """Full text with facets over what is published, whoever asks."""
        return self.records.search(public_caller(caller), request)

    def node(self, caller: Caller, ref: str) -> dict:
        """One public record by id or reference code (a former one too: permanent URLs)."""
        with reading(self.db) as root:
            record = self._public(self._pemda(root), ref)
            found = views.node_dict(record, self.base_url)
        self.record_event(public_caller(caller), "catalogue_viewed", found["id"])
        return found

    def resolve(self, ref: str) -> str | None:
        """The id a permanent URL names, or None: an id, or a reference code the record has
        or had while it was public (the ledger keeps them: ledger.py)."""
        with reading(self.db) as root:
            try:
                return self._public(self._pemda(root), ref).id
            except RecordNotFound:
                return None

    def children(self, caller: Caller, record_id: str = "", page: int = 1) -> dict:
        """One level of the tree: the published nodes at the top, else the public children of
        a public record, a page at a time, each with how many public records it holds."""
        asker = public_caller(caller)
        if not record_id:
            return self._top(asker)
        with reading(self.db) as root:
            self._public(self._pemda(root), record_id)
        request = SearchRequest(
            parent=record_id, sort="refcode", page=page, page_size=TREE_PAGE,
            facets=False, fallback=False, expand=False,
        )  # fmt: skip
        result = self.records.search(asker, request)
        counted = SearchRequest(
            within=(record_id,), page_size=1, count_children=True, fallback=False, expand=False
        )
        counts = self.records.search(asker, counted).facets.get("parent", {})
        rows = [_row(hit, counts.get(hit.id.lower(), 0)) for hit in result.hits]
        return {"rows": rows, "total": result.total, "page": result.page, "pages": result.pages}

    def _top(self, asker: Caller) -> dict:
        with reading(self.db) as root:
            pemda = self._pemda(root)
            roots = [r for r in publication.published_roots(pemda) if publication.is_public(r)]
            top = [r for r in roots if not any(a in roots for a in r.ancestors())]
            listed = [
                {"id": r.id, "title": r.title, "level": r.level, "refcode": r.reference_code,
                 "date": r.date_start.isoformat() if r.date_start else None}
                for r in top
            ]  # fmt: skip
        request = SearchRequest(page_size=1, count_children=False, fallback=False, expand=False)
        for row in listed:
            asked = dataclasses.replace(request, within=(row["id"],), facets=False)
            row["children"] = _count(self.records, asker, asked)
        listed.sort(key=lambda row: row["refcode"])
        return {"rows": listed, "total": len(listed), "page": 1, "pages": 1}

    def file(self, caller: Caller, record_id: str, position: int = 0) -> dict:
        """A public record's file for the viewer, and whether it may be downloaded."""
        with reading(self.db) as root:
            record = self._public(self._pemda(root), record_id)
            downloads = views.node_dict(record)["downloads"]
        name, media_type, data = self.records.original(public_caller(caller), record_id, position)
        return {"filename": name, "media_type": media_type, "data": data, "downloads": downloads}

    def _public(self, pemda: Pemda, ref: str) -> Record:
        ref = (ref or "").strip()
        record = pemda.records.get(ref)
        if record is None:
            catalogue = model.catalogue_of(pemda)
            found = (catalogue.refcodes or {}).get(ref) if catalogue is not None else None
            record = pemda.records.get(found) if found else None
        if record is None or not publication.is_public(record):
            raise RecordNotFound(id=ref)
        return record


def _count(records: RecordServices, asker: Caller, request: SearchRequest) -> int:
    return records.search(asker, request).total


def _row(hit, children: int) -> dict:
    return {
        "id": hit.id,
        "title": hit.title,
        "level": hit.level,
        "refcode": hit.refcode,
        "date": hit.date,
        "children": children,
    }
