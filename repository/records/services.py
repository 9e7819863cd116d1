"""The records services: units, finding (search, export, related, browse, the home page's
summary) and reading or editing one record. Every read is confined to what the caller may
see; the index answers searches, the database answers everything about one record."""

from __future__ import annotations

import dataclasses
import threading

from indexes.backend import SearchIndex
from indexes.expansion import Thesaurus
from indexes.search import (
    Hit,
    SearchRequest,
    SearchResult,
    permission_filter,
)
from repository.core import exports, formatting, sealing
from repository.core.content import check_security, pemda_of
from repository.core.db import reading
from repository.core.errors import InvalidInput, RecordNotFound
from repository.core.i18n import flag_label, translate
from repository.core.security import Caller, can_view
from repository.core.service import Context, Service
from repository.records import browse, choices, history
from repository.records import thesaurus as dictionary
from repository.records.records import EDITABLE, describe, update_record, visible_record
from repository.records.sharing import hidden_subtrees
from repository.records.units import add_unit, unit_rows, walk

PEOPLE_COLUMNS = (
    "title",
    "refcode",
    "date",
    "date_iso",
    "unit",
    "level",
    "security",
    "classification",
    "flags",
    "id",
)
ATTENTION_FLAGS = ("ocr_waiting", "ocr_failed", "corrupt", "encrypted", "extract_timeout")
RELATED_KEPT = 512  # answers of `related` kept per process (a few KB each)


class ThesaurusServices(Service):
    """The search dictionary of the Pemda (records/thesaurus.py): the national lists always,
    the administrator's local pairs added, national pairs switched off where they mislead.
    Changes are for administrators (`manage`, like the Administrasi page) and audited."""

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.cache = dictionary.Cache()

    def entries(self, caller: Caller) -> list[dict]:
        """Every pair with `source` (national/local) and `active`; national first."""
        self.require(caller)
        with reading(self.db) as root:
            return dictionary.rows(self._pemda(root))

    def add(self, caller: Caller, term: str, equivalent: str, kind: str) -> dict:
        """A local pair, or a national one switched back on."""
        self.require(caller)
        return self.commit(
            caller,
            lambda root: dictionary.add(self._pemda(root), term, equivalent, kind, caller.name),
            note=f"thesaurus add {term}",
            audit=lambda row: [("thesaurus_added", "thesaurus", _entry_detail(row))],
        )

    def remove(self, caller: Caller, term: str, equivalent: str) -> dict:
        """A local pair removed, or a national one switched off for this Pemda."""
        self.require(caller)
        return self.commit(
            caller,
            lambda root: dictionary.remove(self._pemda(root), term, equivalent, caller.name),
            note=f"thesaurus remove {term}",
            audit=lambda row: [("thesaurus_removed", "thesaurus", _entry_detail(row))],
        )

    def import_csv(self, caller: Caller, data: bytes) -> int:
        """Adds every row of a CSV (`term,equivalent[,kind][,state]`, see
        `thesaurus.read_csv`) in one transaction; the whole file or nothing. Returns the
        number of rows."""
        self.require(caller)
        found = dictionary.read_csv(data)

        def load(root) -> int:
            pemda = self._pemda(root)
            for term, equivalent, kind, on in found:
                if on:
                    dictionary.add(pemda, term, equivalent, kind, caller.name)
                elif dictionary.is_national(term, equivalent):
                    dictionary.remove(pemda, term, equivalent, caller.name)
            return len(found)

        return self.commit(
            caller,
            load,
            note="thesaurus import",
            audit=lambda count: [("thesaurus_imported", "thesaurus", {"rows": count})],
        )

    def export_csv(self, caller: Caller) -> bytes:
        """The whole dictionary as CSV, readable back by `import_csv`."""
        return dictionary.write_csv(self.entries(caller))

    def current(self, pemda) -> Thesaurus:
        """What searches apply, built once per dictionary revision (any caller: reading the
        dictionary's effect through a search reveals nothing)."""
        return self.cache.get(pemda)


def _entry_detail(row: dict) -> dict:
    return {"term": row["term"], "equivalent": row["equivalent"], "source": row["source"]}


class RecordServices(Service):
    def __init__(
        self, context: Context, store: SearchIndex, thesaurus: ThesaurusServices | None = None
    ) -> None:
        super().__init__(context)
        self.store = store
        self.thesaurus = thesaurus or ThesaurusServices(context)
        self._related: dict[tuple, list[Hit]] = {}
        self._related_lock = threading.Lock()

    # -- units --------------------------------------------------------------------------
    def add_unit(self, caller: Caller, code: str, name: str, parent: str | None = None) -> dict:
        self.require(caller)
        return self.commit(
            caller,
            lambda root: _unit_row(add_unit(pemda_of(root), code, name, parent)),
            note=f"unit add {code}",
            audit=lambda row: [("unit_added", f"unit:{row['code']}", {"parent": parent or ""})],
        )

    def unit_codes(self) -> list[str]:
        """The units' codes for a choice list: no search, no counts."""
        with reading(self.db) as root:
            return [row["code"] for row in unit_rows(self._pemda(root))]

    def unit_choices(self, caller: Caller, permission: str | None = None) -> list[dict]:
        """Units for a drop-down, by name: with a permission, only the units where the caller
        holds it (a clerk of DINKES uploads to DINKES and its sub-units, not elsewhere).
        Each is {code, name, label}; the label is what a person reads ("Dinas Kesehatan")."""
        with reading(self.db) as root:
            return [
                choices.unit_choice(unit)
                for unit, _ in walk(self._pemda(root))
                if permission is None or caller.may(permission, unit)
            ]

    def unit_names(self) -> dict[str, str]:
        """code -> name of every unit, to show names where the index holds codes."""
        with reading(self.db) as root:
            return {row["code"]: row["name"] or row["code"] for row in unit_rows(self._pemda(root))}

    def units(self, caller: Caller) -> list[dict]:
        """Units with the number of records each holds *that the caller may see* (one
        faceted search: use `unit_codes` where no count is shown)."""
        with reading(self.db) as root:
            rows = unit_rows(self._pemda(root))
        visible = self.search(caller, SearchRequest(page_size=1)).facets.get("unit", {})
        for row in rows:
            row["records"] = visible.get(row["code"], 0)
        return rows

    def pemda_info(self) -> dict:
        with reading(self.db) as root:
            pemda = self._pemda(root)
            # every page asks: the first start shows the administrator form instead
            return {"code": pemda.code, "name": pemda.name, "first_start": not pemda.accounts}

    # -- one record ---------------------------------------------------------------------
    def show(self, caller: Caller, record_id: str, lang: str | None = None) -> dict:
        with reading(self.db) as root:
            pemda = self._pemda(root)
            record = visible_record(pemda, caller, record_id)
            described = describe(record, lang, self.keyring)
            described["unit_name"] = choices.unit_name(pemda, record.unit_code)
            described["history_lines"] = history.lines(pemda, record, lang)
        self.record_event(caller, "viewed", record_id)
        return described

    def titles(self, caller: Caller, record_ids) -> dict[str, str]:
        """id -> title of the records among `record_ids` the caller may see (the others are
        left out, as if they did not exist): to name records where an id is at hand."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            found = {}
            for record_id in dict.fromkeys(filter(None, record_ids)):
                record = pemda.records.get(record_id)
                if record is not None and can_view(caller, record):
                    found[record_id] = record.title or record.reference_code
            return found

    def share_targets(self, caller: Caller, record_id: str) -> dict[str, list[dict]]:
        """Sharing by name, for the record view: `offer`, whom the caller may share this
        record with (the units whose staff do not see it already through their roles, the
        active accounts other than the caller, none already shared with), and `shared`, whom
        it is shared with (with `until`). Each is {value, label, kind}; `value` is what
        `access.share` and `access.unshare` take. Raises AccessDenied when the caller may
        not share it (or may not see it: then it does not exist for them)."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            record = visible_record(pemda, caller, record_id)
            self.require(caller, "share", record)
            return {
                "offer": choices.share_targets(pemda, record, caller),
                "shared": choices.shared(pemda, record),
            }

    def original(self, caller: Caller, record_id: str, position: int = 0) -> tuple[str, str, bytes]:
        """(file name, media type, bytes) of an attachment exactly as uploaded."""
        with reading(self.db) as root:
            record = visible_record(self._pemda(root), caller, record_id)
            attachment = record.attachments.get(position)
            if attachment is None:
                raise RecordNotFound(id=f"{record_id}/{position}")
            data = sealing.original_bytes(attachment, self.keyring)
            found = attachment.filename, attachment.media_type, data
        self.record_event(caller, "downloaded", record_id, file=found[0])
        return found

    def record_text(self, caller: Caller, record_id: str) -> list[dict]:
        """Extracted and OCR text per attachment, as the index sees it."""
        with reading(self.db) as root:
            record = visible_record(self._pemda(root), caller, record_id)
            return [
                {
                    "position": position,
                    "filename": a.filename,
                    "text": "\n\f\n".join(sealing.pages_of(a, a.text, self.keyring)),
                    "ocr_text": "\n\f\n".join(sealing.pages_of(a, a.ocr_text, self.keyring)),
                }
                for position, a in record.attachments.items()
            ]

    def update_record(self, caller: Caller, record_id: str, changes: dict) -> dict:
        """Edits descriptive metadata; each change is kept in the record's history."""
        self.require(caller, "edit_records")
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise InvalidInput("bad_field", fields=", ".join(sorted(unknown)))

        def edit(root) -> tuple[dict, list[str]]:
            pemda = self._pemda(root)
            record = visible_record(pemda, caller, record_id)
            self.require(caller, "edit_records", record)
            if not caller.sees_class(check_security(changes.get("security", "B"))):
                raise InvalidInput("above_clearance", clearance=caller.clearance)
            changed = update_record(pemda, record, changes, caller.name, self.keyring)
            return describe(record, keyring=self.keyring), changed

        described, _ = self.commit(
            caller,
            edit,
            note=f"edit {record_id}",
            audit=lambda done: [("edited", record_id, {"fields": done[1]})],
        )
        return described

    # -- finding ------------------------------------------------------------------------
    def search(self, caller: Caller, request: SearchRequest) -> SearchResult:
        """The audit keeps the words the user typed, not their expansions."""
        hidden, thesaurus = self._search_context(caller)
        result = self.store.search(caller, request, hidden, self._opened, thesaurus)
        if request.query.strip():
            self.record_event(
                caller, "searched", "", **self.query_detail(request.query), total=result.total
            )
        return result

    def export(
        self, caller: Caller, request: SearchRequest, fmt: str = "csv", lang: str | None = None
    ) -> bytes:
        """Every hit of the search (not one page) as a file; the export is audited.

        Without `lang` the file is for programs (the CLI, JSON): `exports.COLUMNS` with codes
        and ISO dates. With `lang` it is for people opening it in a spreadsheet: translated
        headers, unit names, levels and classes in words, the date in words, and the ISO date
        kept in a column of its own so the sheet can still be sorted by it."""
        if fmt not in exports.FORMATS:
            raise InvalidInput("bad_format", value=fmt, choices=", ".join(exports.FORMATS))
        rows, page = [], 1
        hidden, thesaurus = self._search_context(caller)
        while True:
            asked = dataclasses.replace(
                request, page=page, page_size=500, facets=False, fallback=False
            )
            result = self.store.search(caller, asked, hidden, thesaurus=thesaurus)
            rows.extend(exports.row_of(hit) for hit in result.hits)
            if page >= result.pages:
                break
            page += 1
        self.record_event(
            caller,
            "exported",
            "search",
            **self.query_detail(request.query),
            rows=len(rows),
            format=fmt,
        )
        if lang is None:
            return exports.encode(rows, fmt)
        return self._people_export(rows, fmt, lang)

    def _people_export(self, rows: list[dict], fmt: str, lang: str) -> bytes:
        names = self.unit_names()
        header = {name: translate(f"export_col_{name}", lang) for name in PEOPLE_COLUMNS}
        people = [
            {
                header["title"]: row["title"],
                header["refcode"]: row["refcode"],
                header["date"]: formatting.date_text(row["date"], lang) or "-",
                header["date_iso"]: formatting.machine(row["date"]),
                header["unit"]: names.get(row["unit"], row["unit"]),
                header["level"]: translate(f"level_{row['level']}", lang),
                header["security"]: translate(f"security_{row['security']}", lang),
                header["classification"]: row["classification"],
                header["flags"]: ", ".join(flag_label(f, lang) for f in row["flags"].split()),
                header["id"]: row["id"],
            }
            for row in rows
        ]
        return exports.encode(people, fmt, list(header.values()))

    def related(self, caller: Caller, record_id: str, limit: int = 5) -> list[Hit]:
        """More like this, kept per process for the index as it is now and the caller's
        permission filter (principals, clearance, the subtrees a pending access change
        hides): the answer a fresh search would give, without its two passes over the index
        (about half of the record page's server time) when the record is opened again or its
        page reruns (another preview page). Any index change is a new generation, so a record
        reindexed after a share, a block or an edit is searched afresh."""
        hidden = self.hidden(caller)
        key = (record_id, limit, self.store.generation(), repr(permission_filter(caller, hidden)))
        with self._related_lock:
            kept = self._related.get(key)
        if kept is None:
            kept = self.store.related(caller, record_id, limit=limit, hidden=hidden)
            with self._related_lock:
                if len(self._related) >= RELATED_KEPT:
                    self._related.clear()
                self._related[key] = kept
        return list(kept)

    def hidden(self, caller: Caller) -> tuple[str, ...]:
        """Subtrees whose access changed and are not yet reindexed: the stricter rule holds."""
        with reading(self.db) as root:
            return tuple(hidden_subtrees(self._pemda(root), caller))

    def _search_context(self, caller: Caller) -> tuple[tuple[str, ...], Thesaurus]:
        """The hidden subtrees and the dictionary, read in one transaction."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            return tuple(hidden_subtrees(pemda, caller)), self.thesaurus.current(pemda)

    def _opened(self, record_id: str) -> str:
        """Sealed text for a snippet; the search has already confined hits to the caller."""
        if not self.keyring.available:
            return ""
        with reading(self.db) as root:
            record = self._pemda(root).records.get(record_id)
            return sealing.sealed_text(record, self.keyring) if record is not None else ""

    def summary(self, caller: Caller, recent: int = 10) -> dict:
        """What the home page shows: visible counts, recent additions, records needing care."""
        everything = self.search(caller, SearchRequest(sort="added_desc", page_size=recent))
        flagged = self.search(
            caller,
            SearchRequest(flags=ATTENTION_FLAGS, sort="added_desc", page_size=recent, facets=False),
        )
        return {
            "total": everything.total,
            "facets": everything.facets,
            "recent": everything.hits,
            "flagged_total": flagged.total,
            "flagged": flagged.hits,
        }

    def browse(self, caller: Caller, key: str = "", page: int = 1) -> dict:
        """One level of the tree: breadcrumbs, sub-units and a page of the node's contents,
        each with the number of visible records it holds. The rows show no snippet, so the
        searches open no sealed text for one (a folder of R records is not decrypted to be
        listed)."""
        hidden, thesaurus = self._search_context(caller)
        with reading(self.db) as root:
            node = browse.node_of(self._pemda(root), caller, key)
            crumbs, units, unit = (
                browse.breadcrumbs(node),
                browse.subunits(node),
                browse.unit_of(node),
            )
            asked = SearchRequest(unit=unit, page_size=1, count_children=unit is not None)
            counts = self.store.search(caller, asked, hidden, None, thesaurus).facets
            unit_rows = [browse.unit_row(u, counts.get("unit", {})) for u in units]
        contents = SearchResult(total=0, page=1, page_size=browse.PAGE_SIZE)
        if unit is not None:
            asked = browse.contents_request(browse.key_of(node), page)
            contents = self.store.search(caller, asked, hidden, None, thesaurus)
        return {
            "key": browse.key_of(node),
            "breadcrumbs": crumbs,
            "units": unit_rows,
            "contents": browse.content_rows(contents, counts.get("parent", {})),
            "total": contents.total,
            "page": contents.page,
            "pages": contents.pages,
        }

    def containers(self, caller: Caller, unit: str) -> list[Hit]:
        """The berkas (files) of a unit a new record can be filed into."""
        request = SearchRequest(unit=unit, level="file", sort="refcode", page_size=500)
        return self.search(caller, dataclasses.replace(request, facets=False)).hits


def _unit_row(unit) -> dict:
    return {"code": unit.code, "name": unit.name, "parent": getattr(unit.parent, "code", None)}
