"""The archivist's services: classification schemes, the JRA, classifying records, retention
events, holds and the lists of records due."""

from __future__ import annotations

from dataclasses import dataclass, field

from indexes.backend import SearchIndex
from indexes.search import Hit, SearchRequest
from repository.core import clock
from repository.core.content import parse_date, touch
from repository.core.db import reading
from repository.core.errors import InvalidInput, LontarError
from repository.core.security import Caller, can_view, owning_unit
from repository.core.service import Context, Service
from repository.records.records import set_class, visible_record
from repository.records.services import RecordServices
from repository.records.units import get_unit
from repository.workbench import retention, scheme, vital

DUE_LISTS = ("transfer", "destroy", "handover", "held", "waiting_for_event")
# What the classification queue holds: a fonds is a unit's whole archive and takes no code.
QUEUE_LEVELS = ("item", "file", "series")
QUEUE_SIZE = 50


@dataclass
class Queue:
    """The records waiting for a code: how many, and the first `QUEUE_SIZE` of them."""

    total: int = 0
    hits: list[Hit] = field(default_factory=list)


class WorkbenchServices(Service):
    def __init__(self, context: Context, store: SearchIndex, records: RecordServices) -> None:
        super().__init__(context)
        self.store = store
        self.records = records

    # -- schemes and the JRA ----------------------------------------------------------------
    def load_scheme(self, caller: Caller, text: str, version: str) -> dict:
        """A scheme from CSV (code, name[, parent]) as a new current version."""
        self.require(caller, "edit_records")
        rows = scheme.parse_rows(text)
        loaded = self.commit(
            caller,
            lambda root: scheme.load(self._pemda(root), rows, version).version,
            note=f"scheme {version}",
            audit=lambda loaded: [("scheme_loaded", f"scheme:{loaded}", {"codes": len(rows)})],
        )
        return {"version": loaded, "codes": len(rows)}

    def scheme_versions(self) -> list[dict]:
        with reading(self.db) as root:
            return scheme.versions(self._pemda(root))

    def scheme_codes(self) -> dict[str, str]:
        """code -> name of the current scheme, for choosing a code."""
        with reading(self.db) as root:
            found = scheme.current(self._pemda(root))
            return {code: name for code, (name, _) in found.codes.items()} if found else {}

    def load_jra(self, caller: Caller, text: str) -> int:
        self.require(caller, "edit_records")
        rules = retention.parse_jra(text)
        return self.commit(
            caller,
            lambda root: retention.load_jra(self._pemda(root), rules),
            note="jra",
            audit=lambda count: [("jra_loaded", "jra", {"rules": count})],
        )

    def export_jra(self) -> str:
        with reading(self.db) as root:
            return retention.export_jra(self._pemda(root))

    # -- one record ---------------------------------------------------------------------------
    def classify(self, caller: Caller, record_id: str, code: str) -> dict:
        """Files a record under a code of the current scheme; the JRA's class for it is
        applied when stricter than the record's."""
        code = code.strip()

        def change(root) -> dict:
            pemda = self._pemda(root)
            record = visible_record(pemda, caller, record_id)
            self.require(caller, "edit_records", record)
            known = scheme.resolve(pemda, code)
            if known is None or not known["current"]:
                raise InvalidInput("unknown_code", code=code)
            old = record.classification
            record.classification, record.scheme_version = code, known["version"]
            raised = retention.raised_class(record, retention.rule_for(pemda, code))
            if raised:
                set_class(pemda, record, raised, self.keyring)
            record.add_history(caller.name, "classified", f"{old or '-'} → {code}")
            touch(pemda, record)
            return retention.schedule(pemda, record).as_dict()

        return self.commit(
            caller,
            change,
            note=f"classify {record_id}",
            audit=lambda _: [("classified", record_id, {"code": code})],
        )

    def classify_many(self, caller: Caller, record_ids: list[str], code: str) -> dict:
        """The queue's bulk action: each record on its own, so one refusal stops nothing."""
        done, failed = [], []
        for record_id in record_ids:
            try:
                self.classify(caller, record_id, code)
            except LontarError as exc:
                failed.append(
                    {
                        "id": record_id,
                        "reason": exc.key,
                        "params": exc.params,
                        "message": exc.message(),
                    }
                )
            else:
                done.append(record_id)
        return {"classified": done, "failed": failed}

    def classification_queue(self, caller: Caller, unit: str | None = None) -> Queue:
        """Items, berkas and series without a code that the caller may see, newest first
        (items before berkas before series). A record classified a moment ago is left out
        at once, though the index still lists it until the worker catches up: the page that
        classified it must show the next one, not the same one again."""
        queue = Queue()
        for level in QUEUE_LEVELS:
            found = self.records.search(
                caller,
                SearchRequest(
                    unit=unit, level=level, unclassified=True, sort="added_desc",
                    page_size=QUEUE_SIZE, facets=False,
                ),
            )  # fmt: skip
            queue.total += found.total
            queue.hits += found.hits[: QUEUE_SIZE - len(queue.hits)]
        done = self._classified_since(queue.hits)
        queue.hits = [hit for hit in queue.hits if hit.id not in done]
        queue.total = max(0, queue.total - len(done))
        return queue

    def _classified_since(self, hits: list[Hit]) -> set[str]:
        """Ids among `hits` that have a code (or are gone) in the database already."""
        with reading(self.db) as root:
            records = self._pemda(root).records
            return {h.id for h in hits if getattr(records.get(h.id), "classification", "x") != ""}

    def suggest_codes(self, caller: Caller, record_id: str, top: int = 3) -> list[dict]:
        """Ranked codes for a record, each with its reason in parts a person reads: the
        similar classified records behind it (`because`, `records`: how many carry the code)
        and the record's key words they share (`words`)."""
        hidden = self.records.hidden(caller)
        found = self.store.suggest(caller, record_id, top=top, hidden=hidden)
        with reading(self.db) as root:
            pemda = self._pemda(root)
            return [
                {
                    "code": s.code,
                    "name": (scheme.resolve(pemda, s.code) or {}).get("name", ""),
                    "score": s.score,
                    "because": s.neighbours,
                    "records": s.records,
                    "words": s.words,
                }
                for s in found
            ]

    def retention_event(self, caller: Caller, record_id: str, name: str, day) -> dict:
        """Records that an event a JRA rule waits for ("dicabut", "audit selesai") happened."""
        day = parse_date(day) or clock.today()

        def change(root) -> dict:
            pemda = self._pemda(root)
            record = visible_record(pemda, caller, record_id)
            self.require(caller, "edit_records", record)
            retention.record_event(record, name, day)
            record.add_history(caller.name, "event", f"{name.strip().lower()} {day}")
            return retention.schedule(pemda, record).as_dict()

        return self.commit(
            caller,
            change,
            note=f"event {record_id}",
            audit=lambda _: [("retention_event", record_id, {"event": name, "date": str(day)})],
        )

    def hold(self, caller: Caller, record_id: str, reason: str) -> str:
        """A legal hold: the record is never destroyed while it stands."""

        def change(root) -> str:
            record = visible_record(self._pemda(root), caller, record_id)
            self.require(caller, "edit_records", record)
            key = retention.hold(record, reason, caller.name, clock.today())
            record.add_history(caller.name, "hold", reason.strip())
            return key

        return self.commit(
            caller,
            change,
            note=f"hold {record_id}",
            audit=lambda key: [("hold", record_id, {"reason": reason, "key": key})],
        )

    def release_hold(self, caller: Caller, record_id: str, key: str) -> None:
        def change(root) -> None:
            record = visible_record(self._pemda(root), caller, record_id)
            self.require(caller, "edit_records", record)
            retention.release(record, key)
            record.add_history(caller.name, "hold_released", key)

        self.commit(
            caller,
            change,
            note=f"release {record_id}",
            audit=lambda _: [("hold_released", record_id, {"key": key})],
        )

    def retention_of(self, caller: Caller, record_id: str) -> dict:
        with reading(self.db) as root:
            pemda = self._pemda(root)
            record = visible_record(pemda, caller, record_id)
            found = retention.schedule(pemda, record).as_dict()
            rule = retention.rule_for(pemda, record.classification)
            found["note"] = rule.note if rule else ""
            found["code_name"] = (scheme.resolve(pemda, record.classification) or {}).get("name")
            found["events"] = {k: v.isoformat() for k, v in (record.events or {}).items()}
            found["holds"] = [
                {"key": k, "reason": r, "by": a, "since": d.isoformat()}
                for k, (r, a, d) in (record.holds or {}).items()
            ]
            found["matters"] = [
                {"kind": kind, "ref": ref, "since": day.isoformat()}
                for kind, ref, _, day in (record.matters or {}).values()
            ]
            return found

    # -- vital records -----------------------------------------------------------------------
    def mark_vital(
        self, caller: Caller, record_id: str, method: str, copy_location: str, verified=None
    ) -> dict:
        verified = parse_date(verified)

        def change(root) -> dict:
            pemda = self._pemda(root)
            record = visible_record(pemda, caller, record_id)
            self.require(caller, "edit_records", record)
            vital.mark(pemda, record, method, copy_location, verified, caller.name)
            record.add_history(caller.name, "vital", f"{method} · {copy_location}")
            return vital.row(record)

        return self.commit(
            caller,
            change,
            note=f"vital {record_id}",
            audit=lambda _: [("vital", record_id, {"method": method, "copy": copy_location})],
        )

    def unmark_vital(self, caller: Caller, record_id: str) -> None:
        def change(root) -> None:
            pemda = self._pemda(root)
            record = visible_record(pemda, caller, record_id)
            self.require(caller, "edit_records", record)
            vital.unmark(pemda, record)
            record.add_history(caller.name, "vital_removed")

        self.commit(
            caller,
            change,
            note=f"not vital {record_id}",
            audit=lambda _: [("vital_removed", record_id, {})],
        )

    def vital_register(self, caller: Caller) -> list[dict]:
        """The vital records the caller may see, with what each one's protection lacks."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            records = (pemda.records.get(rid) for rid in pemda.vital or {})
            return [vital.row(r) for r in records if r is not None and can_view(caller, r)]

    # -- the lists ---------------------------------------------------------------------------
    def retention_due(self, caller: Caller, unit: str | None = None, on=None) -> dict:
        """Records due on `on` (today), per list, among those the caller may see and, with
        `unit`, held by that unit or a unit below it."""
        on = parse_date(on) or clock.today()
        lists: dict[str, list] = {name: [] for name in DUE_LISTS}
        with reading(self.db) as root:
            pemda = self._pemda(root)
            if unit:
                get_unit(pemda, unit)
            for record in pemda.records.values():
                if not record.classification or not _in_unit(record, unit):
                    continue
                if not can_view(caller, record):
                    continue
                found = retention.schedule(pemda, record)
                name = retention.bucket(
                    found, on, record.transferred_on is not None, record.handed_over_on is not None
                )
                if name:
                    lists[name].append(
                        {
                            **found.as_dict(),
                            "title": record.title,
                            "refcode": record.reference_code,
                            "unit": record.unit_code,
                        }
                    )
        return {"on": on.isoformat(), "unit": unit, **lists}


def _in_unit(record, unit: str | None) -> bool:
    if not unit:
        return True
    owner = owning_unit(record)
    return owner is not None and unit.upper() in owner.unit_path
