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

from indexes.backend import SearchIndex
from indexes.documents import natural
from indexes.search import SearchRequest, SearchResult
from repository.catalogue import (
    citation,
    messages,  # noqa: F401  (registers the catalogue)
    model,
    publication,
    views,
)
from repository.catalogue.exchange import Exchange
from repository.catalogue.harvest import Harvest
from repository.catalogue.reading_room import ReadingRoom
from repository.core.config import public_url
from repository.core.content import Pemda, Record, touch
from repository.core.db import reading
from repository.core.errors import AccessDenied, InvalidInput, RecordNotFound
from repository.core.sealing import original_bytes
from repository.core.security import CATALOGUE_PRINCIPAL, Caller, can_view
from repository.core.service import Context, Service
from repository.ingest import preview
from repository.records.records import clean_text, visible_record
from repository.records.services import RecordServices
from repository.records.sharing import enqueue_subtree

LANGUAGE_CODE = re.compile(r"^[a-z]{3}$")
TREE_PAGE = 50
# what the records below take from a description: a change queues the whole subtree
INHERITED = {"creator", "access_conditions", "reproduction_conditions", "language", "downloads"}


def public_caller(caller: Caller) -> Caller:
    """Whoever browses the catalogue (a researcher, or staff) sees only what is published:
    their name and address stay for the audit trail, their grants do not."""
    return dataclasses.replace(
        caller, grants=(), clearance="B", only=frozenset({CATALOGUE_PRINCIPAL})
    )


class CatalogueServices(Exchange, Harvest, ReadingRoom, Service):
    def __init__(self, context: Context, store: SearchIndex, records: RecordServices) -> None:
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
        """Withdraws the node and every node below it that was published on its own (`also`:
        their ids); the record views stop showing them at once, search once reindexed."""

        def work(root) -> dict:
            pemda = self._pemda(root)
            record = self._publishable(pemda, caller, record_id)
            count, below = publication.unpublish(pemda, record, caller.name)
            return {"id": record.id, "records": count, "also": below}

        def audit(done: dict) -> list:
            with_it = [("unpublished", rid, {"with": done["id"]}) for rid in done["also"]]
            return [("unpublished", record_id, {"records": done["records"]}), *with_it]

        return self.commit(caller, work, note=f"unpublish {record_id}", audit=audit)

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
        """The nodes published explicitly in the units where the caller may publish and that
        they may see. `within`: the id of the nearest node above that is published too (then
        withdrawing this one alone leaves it public through that one), else None."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            rows = []
            for record in publication.published_roots(pemda):
                if not caller.may("publish", record) or not can_view(caller, record):
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
                        "within": publication.published_above(record),
                    }
                )
            return sorted(rows, key=lambda row: natural(row["refcode"]))

    def _publishable(self, pemda: Pemda, caller: Caller, record_id: str) -> Record:
        """A node the caller may publish: one they may not see (a class above their clearance,
        a confined thread) is not found, exactly as on the staff pages."""
        record = visible_record(pemda, caller, record_id)
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
            record.language = cleaned["language"]
        if "downloads" in fields:
            cleaned["downloads"] = bool(fields["downloads"])
        before = model.description_of(pemda, record.id)
        old = before.as_dict() if before is not None else {}
        described = model.set_description(pemda, record.id, cleaned, actor)
        changed = {name for name, value in cleaned.items() if old.get(name) != value}
        if changed & INHERITED:
            # what is below inherits these: the index and the OAI ledger see each record
            # again, so harvesters get a new datestamp
            enqueue_subtree(pemda, record)
        elif changed:
            touch(pemda, record)  # only the node shows the rest (extent, history, scope)
        return described

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

    def citations(self, caller: Caller, ref: str, lang: str) -> dict[str, str]:
        """The record cited in both styles (citation.STYLES), in the reader's language; not
        audited: the record view that shows it already was."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            node = views.node_dict(self._public(pemda, ref), self.base_url)
            return citation.citations(node, pemda.name, lang)

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
        counts = self._direct_children(asker, record_id)
        rows = [_row(hit, counts.get(hit.id.lower(), 0)) for hit in result.hits]
        return {"rows": rows, "total": result.total, "page": result.page, "pages": result.pages}

    def _top(self, asker: Caller) -> dict:
        with reading(self.db) as root:
            pemda = self._pemda(root)
            top = [
                r
                for r in publication.published_roots(pemda)
                if publication.is_public(r) and not views.is_public_parent(r)
            ]  # a node reached from a public parent is drawn below it, not at the top
            listed = [
                {"id": r.id, "title": r.title, "level": r.level, "refcode": r.reference_code,
                 "date": r.date_start.isoformat() if r.date_start else None}
                for r in top
            ]  # fmt: skip
        for row in listed:
            row["children"] = self._direct_children(asker, row["id"]).get(row["id"].lower(), 0)
        listed.sort(key=lambda row: natural(row["refcode"]))
        return {"rows": listed, "total": len(listed), "page": 1, "pages": 1}

    def _direct_children(self, asker: Caller, record_id: str) -> dict[str, int]:
        """How many public children each public container at or below `record_id` holds
        (the index's parent facet over the subtree): the number beside each tree entry."""
        counted = SearchRequest(
            within=(record_id,), page_size=1, count_children=True, fallback=False, expand=False
        )
        return self.records.search(asker, counted).facets.get("parent", {})

    def file(self, caller: Caller, record_id: str, position: int = 0) -> dict:
        """A public record's original file, for download: AccessDenied where its description
        (or one above it) forbids downloads; the viewer shows pages with `page_image`."""
        with reading(self.db) as root:
            record = self._public(self._pemda(root), record_id)
            if not views.node_dict(record)["downloads"]:
                raise AccessDenied("catalogue_no_downloads")
        name, media_type, data = self.records.original(public_caller(caller), record_id, position)
        return {"filename": name, "media_type": media_type, "data": data, "downloads": True}

    def page_image(self, caller: Caller, record_id: str, position: int, page: int) -> bytes:
        """One page of a public record's file as an image for the viewer: drawn by poppler in
        a child process with a time limit and kept in the previews cache (ingest/preview.py),
        as the Arsip page draws it; LontarError with a reason fit to show if it cannot be."""
        with reading(self.db) as root:
            record = self._public(self._pemda(root), record_id)
            attachment = record.attachments.get(position)
            if attachment is None or attachment.sealed:
                raise RecordNotFound(id=f"{record_id}/{position}")
            data = original_bytes(attachment, self.keyring)
            media_type, key = attachment.media_type, attachment.sha256
        return preview.page_image(data, media_type, key, page, self.home.work_dir / "previews")

    def _public(self, pemda: Pemda, ref: str) -> Record:
        """By id or by a reference code the record has or had while public, typed in any
        case (ids are lower case, codes upper case)."""
        ref = (ref or "").strip()
        record = pemda.records.get(ref) or pemda.records.get(ref.lower())
        if record is None:
            catalogue = model.catalogue_of(pemda)
            codes = (catalogue.refcodes or {}) if catalogue is not None else {}
            found = codes.get(ref) or codes.get(ref.upper())
            record = pemda.records.get(found) if found else None
        if record is None or not publication.is_public(record):
            raise RecordNotFound(id=ref)
        return record


def _row(hit, children: int) -> dict:
    return {
        "id": hit.id,
        "title": hit.title,
        "level": hit.level,
        "refcode": hit.refcode,
        "date": hit.date,
        "children": children,
    }
