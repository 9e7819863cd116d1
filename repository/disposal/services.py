"""Penyusutan services: transfer (pemindahan), destruction (pemusnahan) and hand-over
(penyerahan). The rules live in transfers.py, destruction.py and bags.py, the documents in
documents.py.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from indexes.backend import SearchIndex
from repository.core import clock, sealing
from repository.core.content import Pemda, parse_date
from repository.core.db import pack_storage, reading, write
from repository.core.errors import AccessDenied, InvalidInput, LontarError, RecordNotFound
from repository.core.security import Caller, can_view
from repository.core.service import Context, Entry, Service
from repository.disposal import bags, destruction, transfers
from repository.disposal import documents as reports
from repository.disposal.transfers import Handover, Transfer
from repository.records.records import visible_record
from repository.records.units import get_unit
from repository.workbench import retention, scheme
from repository.workbench.services import WorkbenchServices

KINDS = {"transfer": Transfer, "handover": Handover}
PURGE_PENDING = "purge_pending"  # settings key: digests of destroyed files still to purge
# settings key: finished purges, counted; each node empties its caches when it changes
# (repository/run/sweep.py)
PURGE_GENERATION = "purge_generation"
DUE_LIST = {"transfer": "transfer", "handover": "handover"}
# A step refused in a unit says which roles it needs there.
DENIED = {"edit_records": "disposal_denied_step", "approve": "disposal_denied_approve"}


class DisposalServices(Service):
    def __init__(self, context: Context, store: SearchIndex, workbench: WorkbenchServices) -> None:
        super().__init__(context)
        self.store = store
        self.workbench = workbench

    # -- transfers and hand-overs: a list, two sign-offs, custody ---------------------------
    def propose_transfer(
        self, caller: Caller, source: str, target: str, record_ids=None, on=None, kind="transfer"
    ) -> dict:
        """A transfer (or with kind="handover", a hand-over to the LKD's unit `target`) of
        `record_ids`, default every record of `source` due on `on`; each must be due, visible
        to the caller and in no other open list of the kind."""
        cls = KINDS[kind]
        self._require_in(caller, source)
        wanted = self._due_ids(caller, source, on, DUE_LIST[kind], record_ids, "transfer_not_due")

        def create(root) -> dict:
            pemda = self._pemda(root)
            unit, receiver = get_unit(pemda, source), get_unit(pemda, target)
            self.require(caller, "edit_records", unit)
            records = [pemda.records[rid] for rid in wanted]
            made = transfers.propose(pemda, unit.code, receiver.code, records, cls)
            return transfers.as_dict(pemda, made)

        return self.commit(
            caller,
            create,
            note=f"{kind} {source}",
            audit=lambda made: [(f"{kind}_proposed", made["id"], {"records": len(wanted)})],
        )

    def _require_in(self, caller: Caller, code: str) -> None:
        """Drawing up a list needs `edit_records` in its unit; a refusal names the unit and
        the roles that would do, checked before the lists are computed."""
        with reading(self.db) as root:
            unit = get_unit(self._pemda(root), code)
            if not caller.may("edit_records", unit):
                raise AccessDenied("disposal_denied_unit", unit=f"{unit.name} ({unit.code})")

    def _due_ids(self, caller: Caller, unit: str, on, listed: str, record_ids, refusal: str):
        """`record_ids`, each on the unit's list `listed` on day `on` (default: all of it)."""
        due = {r["id"] for r in self.workbench.retention_due(caller, unit, on)[listed]}
        wanted = list(record_ids) if record_ids else sorted(due)
        not_due = [rid for rid in wanted if rid not in due]
        if not_due:
            raise InvalidInput(refusal, ids=", ".join(not_due[:5]))
        return wanted

    def sign_transfer(self, caller: Caller, transfer_id: str, side: str) -> dict:
        """The head of the sending (`sender`) or receiving (`receiver`) unit signs off; the
        second signature carries the transfer or hand-over out."""

        def change(root) -> dict:
            pemda = self._pemda(root)
            transfer = _custody(pemda, transfer_id)
            unit = get_unit(pemda, transfer.source if side == "sender" else transfer.target)
            if side in transfers.SIDES and not caller.may("approve", unit):
                raise AccessDenied(f"disposal_denied_{side}", unit=f"{unit.name} ({unit.code})")
            account = (pemda.accounts or {}).get(caller.name)
            transfers.sign(pemda, transfer, side, (caller.name, getattr(account, "full_name", "")))
            return transfers.as_dict(pemda, transfer)

        return self.commit(
            caller,
            change,
            note=f"sign {transfer_id}",
            audit=lambda found: [
                ("transfer_signed", transfer_id, {"side": side, "state": found["state"]})
            ],
        )

    def transfer(self, caller: Caller, transfer_id: str) -> dict:
        with reading(self.db) as root:
            pemda = self._pemda(root)
            found = _custody(pemda, transfer_id)
            if not _concerns(caller, pemda, found.source, found.target):
                raise AccessDenied()
            return transfers.as_dict(pemda, found)

    def transfers(self, caller: Caller, kind: str = "transfer") -> list[dict]:
        """Every transfer (or hand-over) the caller has a part in: drawn up from a unit where
        they may edit records, or to be signed by them as head of either unit."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            return [
                transfers.as_dict(pemda, t)
                for t in (getattr(pemda, KINDS[kind].container) or {}).values()
                if _concerns(caller, pemda, t.source, t.target)
            ]

    def transfer_report(self, caller: Caller, transfer_id: str, document: str = "") -> bytes:
        """As PDF: the berita acara and the list; for a hand-over, `document="statement"`
        gives the statement of authenticity."""
        found = self.transfer(caller, transfer_id)
        names, pemda_name = self._unit_names()
        self.record_event(caller, "exported", transfer_id, format="pdf", document=document)
        if found["id"].startswith(Handover.prefix):
            make = reports.authenticity_pdf if document == "statement" else reports.handover_pdf
            return make(pemda_name, names, found)
        return reports.transfer_pdf(pemda_name, names, found)

    def _unit_names(self) -> tuple[dict[str, str], str]:
        with reading(self.db) as root:
            pemda = self._pemda(root)
            return {code: unit.name for code, unit in pemda.units.items()}, pemda.name

    # -- hand-over: the bag -------------------------------------------------------------------
    def handover_bag(self, caller: Caller, handover_id: str, out_dir: Path) -> Path:
        """The hand-over as a validated BagIt bag in `out_dir/<id>` and a zip of it beside;
        returns the zip. Sealed files go in opened: the archive receives readable records."""
        found = self.transfer(caller, handover_id)
        if not found["id"].startswith(Handover.prefix):
            raise InvalidInput("not_a_handover", id=handover_id)
        ids = [r["id"] for r in found["records"]]
        items = self._bag_records(caller, ids)
        names, pemda_name = self._unit_names()
        documents = {
            "berita-acara-penyerahan.pdf": reports.handover_pdf(pemda_name, names, found),
            "pernyataan-keaslian.pdf": reports.authenticity_pdf(pemda_name, names, found),
        }
        target = Path(out_dir) / handover_id
        if target.exists():
            shutil.rmtree(target)
        bag = bags.write_bag(target, found, items, documents, pemda_name)
        packed = bags.zip_bag(bag)
        self.record_event(caller, "exported", handover_id, format="bagit", records=len(ids))
        return packed

    def handover_bag_bytes(self, caller: Caller, handover_id: str) -> bytes:
        with tempfile.TemporaryDirectory(prefix="lontar-bag-") as work:
            return self.handover_bag(caller, handover_id, Path(work)).read_bytes()

    def _bag_records(self, caller: Caller, ids: list[str]):
        """One record at a time, each in its own read, so its files leave memory after; every
        record must be visible to the caller before anything is written."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            for rid in ids:
                visible_record(pemda, caller, rid)

        def each():
            for rid in ids:
                with reading(self.db) as root:
                    pemda = self._pemda(root)
                    yield self._bag_record(pemda, visible_record(pemda, caller, rid))

        return each()

    def _bag_record(self, pemda: Pemda, record) -> bags.BagRecord:
        unit = pemda.units.get(record.unit_code)
        schedule = retention.schedule(pemda, record)
        meta = {
            "id": record.id,
            "refcode": record.reference_code,
            "title": record.title,
            "date_start": record.date_start.isoformat() if record.date_start else None,
            "date_end": record.date_end.isoformat() if record.date_end else None,
            "code": record.classification,
            "code_name": (scheme.resolve(pemda, record.classification) or {}).get("name", ""),
            "unit": record.unit_code,
            "unit_name": unit.name if unit else "",
            "level": record.level,
            "security": record.security,
            "description": record.description,
            "disposition": schedule.disposition,
        }
        files = [
            bags.BagFile(
                a.filename,
                sealing.original_bytes(a, self.keyring),
                sealing.digest(a, self.keyring),
            )
            for a in record.attachments.values()
        ]
        return bags.BagRecord(meta, files)

    # -- destruction ----------------------------------------------------------------------------
    def propose_destruction(self, caller: Caller, unit: str, record_ids=None, on=None) -> dict:
        """The DAUM: `record_ids` (default: every record of `unit` on the destroy list on
        `on`), each due, visible and unblocked. The authority needed follows at once."""
        self._require_in(caller, unit)
        wanted = self._due_ids(caller, unit, on, "destroy", record_ids, "destruction_not_due")

        def create(root) -> dict:
            pemda = self._pemda(root)
            owner = get_unit(pemda, unit)
            self.require(caller, "edit_records", owner)
            records = [pemda.records[rid] for rid in wanted]
            made = destruction.propose(pemda, owner.code, records, caller.name)
            return destruction.as_dict(pemda, made)

        return self.commit(
            caller,
            create,
            note=f"daum {unit}",
            audit=lambda made: [("destruction_proposed", made["id"], {"records": len(wanted)})],
        )

    def object_to_destruction(
        self, caller: Caller, destruction_id: str, record_id: str, reason: str
    ) -> None:
        """Anyone on the staff who may see a listed record may object; the panel must then
        keep it or dismiss the objection before it can be destroyed."""
        if caller.anonymous or not reason.strip():
            raise InvalidInput("objection_reason_required")

        def change(root) -> None:
            pemda = self._pemda(root)
            found = _destruction(pemda, destruction_id)
            if found.state != "proposed" or record_id not in found.record_ids:
                raise InvalidInput("destruction_state", id=found.id, state=found.state)
            record = visible_record(pemda, caller, record_id)
            note = f"{caller.name}: {reason.strip()}"
            retention.open_matter(record, "objection", found.id, note, clock.today())
            record.add_history(caller.name, "objection", f"{found.id}: {reason.strip()}")

        self.commit(
            caller,
            change,
            note=f"objection {record_id}",
            audit=lambda _: [
                ("objection", record_id, {"destruction": destruction_id, "reason": reason})
            ],
        )

    def dismiss_objection(self, caller: Caller, destruction_id: str, record_id: str) -> None:
        def change(root) -> None:
            pemda = self._pemda(root)
            found = _destruction(pemda, destruction_id)
            self.require(caller, "edit_records", get_unit(pemda, found.unit))
            record = visible_record(pemda, caller, record_id)
            if not retention.close_matter(record, "objection", found.id):
                raise InvalidInput("no_objection", id=record_id)
            record.add_history(caller.name, "objection_dismissed", found.id)

        self.commit(
            caller,
            change,
            note=f"dismiss {record_id}",
            audit=lambda _: [("objection_dismissed", record_id, {"destruction": destruction_id})],
        )

    def appraise_destruction(
        self,
        caller: Caller,
        destruction_id: str,
        panel: list[tuple[str, str]],
        keep=None,
        keep_years=None,
    ) -> dict:
        """The appraisal panel's decision: its members (name, position) and the records it
        keeps, each with a reason, for good or (`keep_years`) for more years; the rest go
        forward for approval."""
        keep, years = dict(keep or {}), dict(keep_years or {})
        return self._destruction_step(
            caller,
            destruction_id,
            "edit_records",
            lambda pemda, d: destruction.appraise(pemda, d, panel, keep, years),
            lambda _: [("destruction_appraised", destruction_id, {"kept": len(keep)})],
        )

    def approve_destruction(
        self, caller: Caller, destruction_id: str, authority: str, decree: str, day, approver: str
    ) -> dict:
        """Records the approval of the authority the retention requires (kepala_daerah under
        10 years, kepala_anri at 10 or more) with its decree number and date."""
        day = parse_date(day) or clock.today()
        return self._destruction_step(
            caller,
            destruction_id,
            "approve",
            lambda pemda, d: destruction.approve(d, authority, decree, day, approver),
            lambda _: [("destruction_approved", destruction_id, {"decree": decree})],
        )

    def execute_destruction(self, caller: Caller, destruction_id: str) -> dict:
        """Destroys what the decree allows and nothing blocks: the records leave the
        repository with their files, text and history; tombstones keep their description.
        Then every earlier revision is packed away, cached previews of the files are removed
        and the index segments holding them are rewritten, so nothing of the files is left in
        the data directory. Returns the destruction with each record's outcome."""
        found = self.commit_destruction(caller, destruction_id)
        self.purge()
        return found

    def commit_destruction(self, caller: Caller, destruction_id: str) -> dict:
        """The destruction's transaction alone, with its `destroyed` entry in the same
        commit. It also records what must be purged (`PURGE_PENDING`), so a process that dies
        before `purge` leaves the purge to the worker or to the next `purge`, never undone;
        the purge (index, pack, previews) only carries out what that entry already says."""
        digests = self._digests_before(destruction_id)
        removed: set[str] = set()

        def carry_out(pemda, found) -> None:
            removed.clear()  # the step may run again after a conflict
            removed.update(r.id for r in destruction.execute(pemda, found, caller.name))
            tokens = {found.id} | {d for rid in removed for d in digests.get(rid, ())}
            pending = set(pemda.settings.get(PURGE_PENDING, ()))
            pemda.settings[PURGE_PENDING] = tuple(sorted(pending | tokens))

        def entries(found: dict) -> list[Entry]:
            detail = {"records": len(removed), "decree": found["decree_number"]}
            return [("destroyed", destruction_id, detail)]

        return self._destruction_step(caller, destruction_id, "edit_records", carry_out, entries)

    def purge(self, timeout: float = 3600.0) -> None:
        """Finishes pending purges here when no worker runs, else waits for the worker."""
        deadline = time.monotonic() + timeout
        with self.store.writer_lock(self.home) as holding:
            if holding:
                self.finish_purge()
                return
        while self._purge_pending():
            if time.monotonic() > deadline:
                raise LontarError("timeout_waiting_index", seconds=int(timeout))
            time.sleep(0.2)

    def _purge_pending(self) -> bool:
        with reading(self.db) as root:
            return PURGE_PENDING in self._pemda(root).settings

    def finish_purge(self) -> bool:
        """For the index writer only: applies the queued deletions (their segments are
        rewritten, or their rows vacuumed: `reclaim`), packs every earlier revision away and
        removes cached previews of the destroyed files in this home. Its commit counts the
        purge (`PURGE_GENERATION`): the other nodes' copies (their blob caches and previews)
        go when their supervisors see the count change. True when there was something to purge."""
        with reading(self.db) as root:
            settings = self._pemda(root).settings
            if PURGE_PENDING not in settings:
                return False
            tokens = tuple(settings[PURGE_PENDING])
        self.store.drain(self.db)
        self.store.reclaim()
        pack_storage(self.db, self.home)
        previews = self.home.work_dir / "previews"
        for digest in (t for t in tokens if len(t) == 64):  # the others: destruction ids
            for cached in (previews / digest[:2]).glob(f"{digest}*"):
                cached.unlink(missing_ok=True)

        def done(root) -> None:
            settings = self._pemda(root).settings
            left = set(settings.get(PURGE_PENDING, ())) - set(tokens)
            if left:
                settings[PURGE_PENDING] = tuple(sorted(left))
            else:
                settings.pop(PURGE_PENDING, None)
            _count_purge(settings)

        write(self.db, done, note="purge done")
        return True

    def _digests_before(self, destruction_id: str) -> dict[str, tuple[str, ...]]:
        """File digests of the listed records and all below them, read before they go."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            found = _destruction(pemda, destruction_id)
            digests = {}
            for rid in found.to_destroy:
                record = pemda.records.get(rid)
                for node in destruction.subtree(record) if record is not None else []:
                    digests[node.id] = tuple(a.sha256 for a in node.attachments.values())
            return digests

    def _destruction_step(
        self,
        caller: Caller,
        destruction_id: str,
        permission: str,
        step: Callable[[Pemda, destruction.Destruction], object],
        audit: Callable[[dict], list[Entry]],
    ) -> dict:
        """One step on a destruction list, committed with its audit entries `audit(found)`."""

        def change(root) -> dict:
            pemda = self._pemda(root)
            found = _destruction(pemda, destruction_id)
            unit = get_unit(pemda, found.unit)
            if not caller.may(permission, unit):
                raise AccessDenied(DENIED[permission], unit=f"{unit.name} ({unit.code})")
            _require_visible(pemda, caller, found)
            step(pemda, found)
            return destruction.as_dict(pemda, found)

        return self.commit(caller, change, note=f"destruction {destruction_id}", audit=audit)

    def destruction(self, caller: Caller, destruction_id: str) -> dict:
        with reading(self.db) as root:
            pemda = self._pemda(root)
            found = _destruction(pemda, destruction_id)
            if not _concerns(caller, pemda, found.unit):
                raise AccessDenied()
            return destruction.as_dict(pemda, found)

    def destructions(self, caller: Caller) -> list[dict]:
        with reading(self.db) as root:
            pemda = self._pemda(root)
            return [
                destruction.as_dict(pemda, d)
                for d in (pemda.destructions or {}).values()
                if _concerns(caller, pemda, d.unit)
            ]

    def destruction_report(self, caller: Caller, destruction_id: str, document="daum") -> bytes:
        """`daum`: the proposal list with the panel's decision; `berita_acara`: the report
        of the destruction and the list of what was destroyed."""
        found = self.destruction(caller, destruction_id)
        names, pemda_name = self._unit_names()
        self.record_event(caller, "exported", destruction_id, format="pdf", document=document)
        make = reports.destruction_pdf if document == "berita_acara" else reports.daum_pdf
        return make(pemda_name, names, found)

    def tombstone(self, caller: Caller, record_id: str) -> dict:
        """What is left of a destroyed record, for those who could have seen it and may
        edit or audit records in its unit."""
        with reading(self.db) as root:
            pemda = self._pemda(root)
            found = (pemda.tombstones or {}).get(record_id)
            unit = found and pemda.units.get(found.unit_code)
            allowed = unit is not None and (
                caller.may("edit_records", unit) or caller.may("audit", unit)
            )
            if not allowed or not caller.sees_class(found.security):
                raise RecordNotFound(id=record_id)
            return found.as_dict()

    def destroyed(self, caller: Caller, record_id: str) -> dict | None:
        """The tombstone when `record_id` was destroyed and the caller may see it, else None."""
        try:
            return self.tombstone(caller, record_id)
        except RecordNotFound:
            return None


def _count_purge(settings) -> None:
    """One more finished purge, in the purge's own commit: the number every node compares
    with the one it last swept for (repository/run/sweep.py). A number rather than the
    digests, so that a node that was down during several purges still sees that it must
    sweep, and the settings do not grow with every destruction."""
    settings[PURGE_GENERATION] = int(settings.get(PURGE_GENERATION, 0)) + 1


def _custody(pemda: Pemda, transfer_id: str) -> Transfer:
    for kind in KINDS.values():
        found = (getattr(pemda, kind.container) or {}).get(transfer_id)
        if found is not None:
            return found
    raise InvalidInput("no_such_transfer", id=transfer_id)


def _destruction(pemda: Pemda, destruction_id: str) -> destruction.Destruction:
    found = (pemda.destructions or {}).get(destruction_id)
    if found is None:
        raise InvalidInput("no_such_destruction", id=destruction_id)
    return found


def _require_visible(pemda: Pemda, caller: Caller, found) -> None:
    """A step on a list acts on every record in it: the caller must be able to see them."""
    for rid in found.to_destroy:
        record = pemda.records.get(rid)
        if record is not None and not can_view(caller, record):
            raise AccessDenied()


def _concerns(caller: Caller, pemda, *units: str) -> bool:
    """Whether a list is the caller's business: an archivist of the unit it comes from, or
    the head (Pejabat) of a unit that signs or approves it."""
    found = [get_unit(pemda, code) for code in units]
    return caller.may("edit_records", found[0]) or any(caller.may("approve", u) for u in found)
