"""The Daftar Informasi Publik (DIP) and the Daftar Informasi yang Dikecualikan (DIK).

A DIP entry describes information the body holds and publishes, in its category (berkala,
serta merta, setiap saat), with the DIP columns; it links records, and its retention comes from
the JRA rule of the first linked record. A DIK entry is the result of a consequence test: the
information, the Pasal 17 ground and legal basis, the harm of disclosure weighed against the
public interest, and how long the exemption lasts (it expires then and must be tested again).
"""

from __future__ import annotations

import datetime as dt

from repository.core import clock
from repository.core.content import Pemda, new_id
from repository.core.errors import InvalidInput
from repository.core.security import Caller, can_view
from repository.ppid.model import CATEGORIES, EXEMPTIONS, DIKEntry, DIPEntry, Office
from repository.workbench import retention

EXEMPTION_YEARS_MAX = 100


def save_dip(office: Office, fields: dict, entry_id: str | None = None) -> DIPEntry:
    summary = (fields.get("summary") or "").strip()
    if not summary or fields.get("category") not in CATEGORIES or not fields.get("unit"):
        raise InvalidInput("dip_incomplete", choices=", ".join(CATEGORIES))
    fields = {**fields, "summary": summary}
    if entry_id:
        entry = office.dip.get(entry_id)
        if entry is None:
            raise InvalidInput("no_such_entry", id=entry_id)
        entry.update(fields)
        return entry
    entry = DIPEntry(f"DIP-{new_id()}", fields)
    office.dip[entry.id] = entry
    return entry


def save_dik(office: Office, fields: dict) -> DIKEntry:
    """A consequence test's result; every element of the test is required."""
    needed = ("information", "legal_basis", "harm", "public_interest")
    if any(not str(fields.get(k) or "").strip() for k in needed):
        raise InvalidInput("test_incomplete")
    if fields.get("ground") not in EXEMPTIONS:
        raise InvalidInput("ground_required")
    years = fields.get("years")
    if not isinstance(years, int) or not 1 <= years <= EXEMPTION_YEARS_MAX:
        raise InvalidInput("bad_exemption_years", most=EXEMPTION_YEARS_MAX)
    entry = DIKEntry(
        f"DIK-{new_id()}", {**fields, "decided_on": fields.get("decided_on") or clock.today()}
    )
    office.dik[entry.id] = entry
    return entry


def retention_of(pemda: Pemda, record_ids: tuple[str, ...]) -> str:
    """The DIP's retention column: the JRA rule of the first linked record that has one."""
    for rid in record_ids:
        record = pemda.records.get(rid)
        rule = record and retention.rule_for(pemda, record.classification)
        if rule:
            return (
                f"{rule.code}: aktif {rule.active_years} th, inaktif {rule.inactive_years} th, "
                f"{rule.disposition}"
            )
    return ""


def dip_row(pemda: Pemda, entry: DIPEntry, caller: Caller, number: int) -> dict:
    """A DIP row; the linked records listed are only those the caller may see."""
    unit = pemda.units.get(entry.unit)
    records = [pemda.records.get(rid) for rid in entry.record_ids]
    return {
        "no": number,
        "id": entry.id,
        "summary": entry.summary,
        "category": entry.category,
        "unit": entry.unit,
        "unit_name": unit.name if unit else entry.unit,
        "responsible": entry.responsible,
        "made": entry.made,
        "formats": entry.formats,
        "retention": retention_of(pemda, entry.record_ids),
        "records": [
            {"id": r.id, "title": r.title} for r in records if r is not None and can_view(caller, r)
        ],
    }


def dik_row(entry: DIKEntry, today: dt.date, with_records: bool) -> dict:
    row = {
        "id": entry.id,
        "information": entry.information,
        "ground": entry.ground,
        "ground_text": EXEMPTIONS[entry.ground],
        "legal_basis": entry.legal_basis,
        "harm": entry.harm,
        "public_interest": entry.public_interest,
        "years": entry.years,
        "decided_on": entry.decided_on.isoformat(),
        "expires": entry.expires.isoformat(),
        "expired": entry.expires <= today,
        "decree": entry.decree,
        "unit": entry.unit,
    }
    if with_records:
        row["record_ids"] = list(entry.record_ids)
    return row
