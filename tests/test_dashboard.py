"""The Dasbor's figures and the self-assessment on real parts: letters signed with the Pemda's
CA, manual numbers, PPID requests filed and decided through the PPID service, records and
vital records through the workbench; received letters and dispositions written as the
receiving side stores them (model.py), each with the moment that decides its month."""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pytest

from repository.core import clock
from repository.core.content import pemda_of
from repository.core.db import write
from repository.core.errors import AccessDenied, InvalidInput
from repository.core.i18n import translate
from repository.core.security import ADMIN
from repository.letters import assessment, metrics
from repository.letters.model import Disposition, Incoming, registry_of
from repository.ppid.workdays import Calendar
from tests.conftest import JRA, SCHEME_V1, item
from tests.test_letters import (  # noqa: F401  (fixtures)
    PASSWORD,
    office,
    ready_letter,
    sign,
    signing,
    stored,
    who,
)
from tests.test_ppid import file as file_request

WIB = dt.timezone(dt.timedelta(hours=7))
ANALYST = ("analis", {"Arsiparis"})


def at(text: str) -> dt.datetime:
    """A WIB moment as stored (UTC)."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=WIB).astimezone(dt.UTC)


def store(service, work) -> None:
    def change(root):
        work(registry_of(pemda_of(root)))

    write(service.db, change, note="test data")


def incoming(registry, id, unit, received, registered, kind="to"):
    found = Incoming(id, unit, "external", dt.date.fromisoformat(received))
    found.kind = kind
    if registered:
        found.state, found.registered_at = "registered", at(registered)
    registry.table("incoming")[id] = found
    return found


def disposition(registry, id, incoming_id, given, closed=None, cancelled=None):
    found = Disposition(id, incoming_id, "KADIS", "kadis", "KABID", ("untuk_diketahui",))
    found.at = at(given)
    found.closed_at = at(closed) if closed else None
    found.cancelled_at = at(cancelled) if cancelled else None
    registry.table("dispositions")[id] = found


def month(report: dict, name: str) -> dict:
    return next(row for row in report["months"] if row["month"] == name)


# -- outgoing letters and the adoption figure -----------------------------------------------------
def test_outgoing_counts_signed_letters_and_manual_numbers_with_sub_units(signing):  # noqa: F811
    service = signing
    sign(service, ready_letter(service, verifiers=[]))
    unsigned = ready_letter(service, verifiers=[])  # ready, never signed: not a letter out
    assert unsigned
    pencatat = who(service, "pencatat")
    manual = {"type": "surat_dinas", "hal": "Surat kertas", "classification": "400.7"}
    service.letters.reserve_number(pencatat, {**manual, "unit": "DINKES"})
    service.letters.reserve_number(ADMIN, {**manual, "unit": "DINKES.P2P"})
    service.letters.reserve_number(ADMIN, {**manual, "unit": "DPK"})
    this = metrics.month_of(clock.today())

    dinkes = month(service.letters.letter_report(ADMIN, "DINKES", this), this)
    assert (dinkes["outgoing"], dinkes["electronic"], dinkes["manual"]) == (3, 1, 2)
    assert dinkes["adoption"] == round(1 / 3, 4)
    p2p = service.letters.letter_report(ADMIN, "DINKES.P2P", this)["months"][0]
    assert (p2p["outgoing"], p2p["electronic"], p2p["adoption"]) == (1, 0, 0.0)
    pemda = service.letters.letter_report(ADMIN, None, this)
    assert (pemda["months"][0]["outgoing"], pemda["months"][0]["adoption"]) == (4, 0.25)
    assert pemda["unit"] == "" and pemda["ppid_scope"] == "pemda"
    # without a month: the twelve months up to this one, the letters in the last
    year = service.letters.letter_report(ADMIN, "DINKES")
    assert len(year["months"]) == 12 and year["months"][-1]["month"] == this
    assert sum(r["outgoing"] for r in year["months"][:-1]) == 0
    assert (year["total"]["outgoing"], year["total"]["adoption"]) == (3, round(1 / 3, 4))


def test_a_month_is_the_pemdas_local_month():
    # 31 January 23:30 WIB is 16:30 UTC: January; 1 February 00:30 WIB is still 31 January UTC
    assert metrics.month_of(at("2026-01-31T23:30")) == "2026-01"
    assert metrics.month_of(at("2026-02-01T00:30")) == "2026-02"
    assert metrics.months_until("2026-02", 3) == ["2025-12", "2026-01", "2026-02"]


# -- incoming letters and dispositions ------------------------------------------------------------
def test_incoming_registered_within_one_working_day(office):  # noqa: F811
    service = office

    def letters(registry):
        incoming(registry, "fri", "DINKES", "2026-03-06", "2026-03-09T09:00")  # Fri → Mon: on time
        incoming(registry, "mon", "DINKES", "2026-03-09", "2026-03-11T08:00")  # two days: late
        # Tue 17 March: Nyepi, Lebaran and cuti bersama close the office until Wed 25 March
        incoming(registry, "lebaran", "DINKES.P2P", "2026-03-17", "2026-03-25T15:00")
        incoming(registry, "late", "DINKES", "2026-03-17", "2026-03-26T07:00")
        incoming(registry, "copy", "DINKES", "2026-03-02", "2026-03-02T10:00", kind="cc")
        incoming(registry, "waiting", "DINKES", "2026-03-02", None)  # not registered yet
        incoming(registry, "other", "DPK", "2026-03-02", "2026-03-02T10:00")
        incoming(registry, "april", "DINKES", "2026-03-31", "2026-04-01T00:30")  # local April

    store(service, letters)
    march = service.letters.letter_report(ADMIN, "DINKES", "2026-03")["months"][0]
    assert (march["incoming"], march["copies"], march["registered_on_time"]) == (4, 1, 2)
    assert march["registered_on_time_share"] == 0.5
    april = service.letters.letter_report(ADMIN, "DINKES", "2026-04")["months"][0]
    assert (april["incoming"], april["registered_on_time"]) == (1, 1)
    assert service.letters.letter_report(ADMIN, "DPK", "2026-03")["months"][0]["incoming"] == 1
    whole = service.letters.letter_report(ADMIN, None, "2026-03")["months"][0]
    assert whole["incoming"] == 5


def test_next_working_day_follows_the_calendar():
    cal = Calendar()
    assert metrics.on_time(cal, dt.date(2026, 3, 17), at("2026-03-25T23:59"))
    assert not metrics.on_time(cal, dt.date(2026, 3, 17), at("2026-03-26T00:00"))
    # the agency's own day off moves the limit too
    closed = Calendar({dt.date(2026, 3, 10): "Hari jadi kota"})
    assert metrics.on_time(closed, dt.date(2026, 3, 9), at("2026-03-11T10:00"))
    assert not metrics.on_time(cal, dt.date(2026, 3, 9), at("2026-03-11T10:00"))


def test_disposition_lead_time_median_p90_and_share_closed(office):  # noqa: F811
    service = office

    def chain(registry):
        incoming(registry, "in1", "DINKES", "2026-03-02", "2026-03-02T09:00")
        incoming(registry, "in2", "DPK", "2026-03-02", "2026-03-02T09:00")
        for days in range(1, 11):  # closed after 1 … 10 days
            given = f"2026-03-{days + 1:02d}T08:00"
            closed = (at(given) + dt.timedelta(days=days)).astimezone(WIB)
            disposition(registry, f"d{days}", "in1", given, closed.replace(tzinfo=None).isoformat())
        disposition(registry, "open1", "in1", "2026-03-20T08:00")
        disposition(registry, "open2", "in1", "2026-03-20T08:00")
        disposition(registry, "gone", "in1", "2026-03-20T08:00", cancelled="2026-03-20T09:00")
        disposition(registry, "elsewhere", "in2", "2026-03-20T08:00", "2026-03-30T08:00")
        disposition(registry, "feb", "in1", "2026-02-28T08:00", "2026-03-01T08:00")

    store(service, chain)
    march = service.letters.letter_report(ADMIN, "DINKES", "2026-03")["months"][0]
    assert (march["dispositions"], march["dispositions_closed"]) == (12, 10)
    assert march["dispositions_closed_share"] == round(10 / 12, 4)
    assert march["lead_median_days"] == 5.5
    assert march["lead_p90_days"] == 9.0  # nearest rank: the 9th of 10, not 9.1
    whole = service.letters.letter_report(ADMIN, None, "2026-03")["months"][0]
    assert (whole["dispositions"], whole["lead_p90_days"]) == (13, 10.0)


def test_nearest_rank_percentile():
    assert metrics.nearest_rank([], 90) is None
    assert metrics.nearest_rank([4.0], 90) == 4.0
    assert metrics.nearest_rank([5, 1, 3, 2, 4], 90) == 5
    assert metrics.nearest_rank(list(range(1, 21)), 90) == 18


# -- PPID requests ------------------------------------------------------------------------------
class Clock:
    def __init__(self, moment: str) -> None:
        self.moment = dt.datetime.fromisoformat(moment).replace(tzinfo=WIB)

    def __call__(self) -> dt.datetime:
        return self.moment


def test_ppid_requests_answered_by_their_due_day(service):
    service.access.add_account(ADMIN, "ppid.utama", "ppid-utama-1", {"PPID"})
    service.access.add_account(ADMIN, "ppid.dinkes", "ppid-dinkes-1", {"PPID"}, unit="DINKES")
    service.access.add_account(ADMIN, "ppid.dpk", "ppid-dpk-1", {"PPID"}, unit="DPK")
    utama, dinkes = service.access.caller("ppid.utama"), service.access.caller("ppid.dinkes")
    now = Clock("2026-03-02T09:00")
    clock.set_source(now)
    try:
        numbers = [file_request(service, address=f"203.0.113.{n}")["number"] for n in (1, 2, 3)]
        for number, unit in zip(numbers, ("DINKES", "DINKES", "DPK"), strict=True):
            service.ppid.assign_request(utama, number, unit, f"ppid.{unit.lower()}")
        now.moment = now.moment.replace(day=10)
        service.ppid.decide_request(dinkes, numbers[0], kind="not_held", holder="BPKAD Kota Uji")
        now.moment = now.moment.replace(day=13)
        file_request(service, address="203.0.113.9")  # due in April: not this month's
        now.moment = now.moment.replace(day=20)  # past the 16 March due day of the three
        dinkes_march = service.letters.letter_report(ADMIN, "DINKES", "2026-03")
        whole = service.letters.letter_report(ADMIN, None, "2026-03")["months"][0]
    finally:
        clock.set_source(None)
    row = dinkes_march["months"][0]
    assert (row["ppid_due"], row["ppid_on_time"], row["ppid_on_time_share"]) == (2, 1, 0.5)
    assert dinkes_march["ppid_scope"] == "unit"
    assert (whole["ppid_due"], whole["ppid_on_time"]) == (3, 1)


# -- the records' standing figures ---------------------------------------------------------------
def test_filing_overdue_transfers_and_vital_records(service):
    service.workbench.load_scheme(ADMIN, SCHEME_V1, "78/2012")
    service.workbench.load_jra(ADMIN, JRA)
    create = service.ingest.create_container
    old = create(ADMIN, "DINKES", "file", "Berkas 2019", date_start="2019-01-02")
    new = create(ADMIN, "DINKES.P2P", "file", "Berkas baru", date_start=clock.today().isoformat())
    moved = create(ADMIN, "DINKES", "file", "Berkas pindah", date_start="2018-01-02")
    for berkas in (old, new, moved):
        service.workbench.classify(ADMIN, berkas, "000.5")  # active two years
    filed = item(service, "Nota", "900.1", "2019-02-01", into=old)
    item(service, "Laporan", "900.1", "2019-02-01", unit="DINKES.P2P", into=new)
    service.ingest.create_container(ADMIN, "DINKES", "item", "Tanpa kode", into=old)
    item(service, "Lepas", "900.1", "2019-02-01")  # classified, in no berkas
    item(service, "Di DPK", "900.1", "2019-02-01", unit="DPK")

    def transferred(root):
        pemda_of(root).records[moved].transferred_on = dt.date(2021, 1, 5)

    write(service.db, transferred, note="test: transferred")
    service.workbench.mark_vital(ADMIN, filed, "Duplikasi", "Gudang DPK", dt.date(2026, 1, 2))
    service.workbench.mark_vital(ADMIN, old, "Duplikasi", "", None)  # no copy location yet

    standing = service.letters.letter_report(ADMIN, "DINKES")["standing"]
    assert (standing["items"], standing["items_filed"]) == (4, 2)
    assert standing["items_filed_share"] == 0.5
    assert standing["berkas_past_active"] == 1  # the 2019 berkas; the moved one is gone
    assert (standing["vital"], standing["vital_verified"], standing["vital_verified_share"]) == (
        2,
        1,
        0.5,
    )
    assert standing["as_of"] == clock.today().isoformat()
    dpk = service.letters.letter_report(ADMIN, "DPK")["standing"]
    assert (dpk["items"], dpk["items_filed"], dpk["items_filed_share"], dpk["vital"]) == (
        1,
        0,
        0.0,
        0,
    )


# -- who sees what --------------------------------------------------------------------------------
def test_only_dashboard_holders_see_a_units_figures(office):  # noqa: F811
    service = office
    service.access.add_account(ADMIN, ANALYST[0], PASSWORD, ANALYST[1])
    kadis, staf, analyst = who(service, "kadis"), who(service, "staf"), who(service, ANALYST[0])
    assert service.letters.letter_report(kadis, "dinkes")["unit"] == "DINKES"
    assert service.letters.letter_report(kadis, "DINKES.P2P")["name"] == "Bidang P2P"
    for refused in (
        lambda: service.letters.letter_report(kadis, "DPK"),
        lambda: service.letters.letter_report(kadis, None),
        lambda: service.letters.letter_report(staf, "DINKES"),
        lambda: service.letters.report_export(kadis, "DPK", None, "xlsx"),
    ):
        with pytest.raises(AccessDenied):
            refused()
    assert [s["code"] for s in service.letters.dashboard_scopes(kadis)] == ["DINKES", "DINKES.P2P"]
    assert [s["code"] for s in service.letters.dashboard_scopes(analyst)] == [
        "",
        "DINKES",
        "DINKES.P2P",
        "DPK",
    ]
    assert service.letters.dashboard_scopes(staf) == []
    assert service.letters.letter_report(analyst, None)["name"] == "Pemerintah Kota Uji"


def test_a_bad_month_is_refused(office):  # noqa: F811
    for bad in ("2026-13", "2026-3", "26-03", "maret", "2026-03-01"):
        with pytest.raises(InvalidInput) as raised:
            office.letters.letter_report(ADMIN, "DINKES", bad)
        assert raised.value.key == "dashboard_bad_month"


# -- exports ------------------------------------------------------------------------------------
def test_every_table_exports_to_excel_with_headers_in_words(office):  # noqa: F811
    service = office
    store(service, lambda r: incoming(r, "x", "DINKES", "2026-03-06", "2026-03-09T09:00"))
    data = service.letters.report_export(ADMIN, "DINKES", "2026-03", "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    headers = rows[0]
    assert headers[0] == "Bulan" and translate("dashboard_col_adoption") in headers
    assert [r[0] for r in rows[1:]] == ["2026-03", "total"]
    incoming_column = headers.index(translate("dashboard_col_incoming"))
    assert rows[1][incoming_column] == 1 and rows[2][incoming_column] == 1
    standing = json.loads(service.letters.report_export(ADMIN, "DINKES", None, "json", "standing"))
    assert standing[0][translate("dashboard_col_items")] == 0
    with pytest.raises(InvalidInput):
        service.letters.report_export(ADMIN, "DINKES", None, "pdf")
    with pytest.raises(InvalidInput):
        service.letters.report_export(ADMIN, "DINKES", None, "xlsx", "secrets")
    trail = (service.home.path / "audit" / "audit.jsonl").read_text().splitlines()
    exported = [json.loads(line) for line in trail if "dashboard_exported" in line]
    assert [e["target"] for e in exported] == ["unit:DINKES", "unit:DINKES"]


# -- the self-assessment ------------------------------------------------------------------------
SCORES = {
    "penciptaan": 92,
    "penggunaan": 88.5,
    "pemeliharaan": 75,
    "penyusutan": 60,
    "sumber_daya": 70,
}


@pytest.mark.parametrize(
    ("mean", "band"),
    [(100, "AA"), (90.01, "AA"), (90, "A"), (80.5, "A"), (80, "BB"), (70.01, "BB"), (70, "B"),
     (60, "CC"), (50.5, "CC"), (50, "C"), (30.01, "C"), (30, "D"), (0, "D")],
)  # fmt: skip
def test_anri_bands(mean, band):
    assert assessment.band(mean) == band


def test_the_archive_office_enters_an_assessment_the_opd_reads(office):  # noqa: F811
    service = office
    service.access.add_account(ADMIN, ANALYST[0], PASSWORD, ANALYST[1])
    analyst, kadis, kadpk = who(service, ANALYST[0]), who(service, "kadis"), who(service, "kadpk")
    saved = service.letters.save_assessment(analyst, "dinkes", 2026, SCORES, "Bukti di map 3")
    assert (saved["mean"], saved["band"]) == (77.1, "BB")
    service.letters.save_assessment(analyst, "DPK", 2026, {**SCORES, "penyusutan": 100})
    service.letters.save_assessment(analyst, "DINKES", 2025, {e: 20 for e in SCORES})
    assert [(r["unit"], r["band"]) for r in service.letters.assessments(kadis, 2026)] == [
        ("DINKES", "BB")
    ]
    assert [(r["year"], r["mean"]) for r in service.letters.assessments(kadis)] == [
        (2025, 20.0),
        (2026, 77.1),
    ]
    assert [r["unit"] for r in service.letters.assessments(kadpk, 2026)] == ["DPK"]
    assert [r["unit"] for r in service.letters.assessments(analyst, 2026)] == ["DINKES", "DPK"]
    row = service.letters.assessments(kadis, 2026)[0]
    assert row["note"] == "Bukti di map 3" and row["by"] == ANALYST[0]
    # saved again: replaced, not added
    service.letters.save_assessment(analyst, "DINKES", 2026, {e: 95 for e in SCORES})
    assert [r["band"] for r in service.letters.assessments(kadis, 2026)] == ["AA"]
    trail = (service.home.path / "audit" / "audit.jsonl").read_text()
    saved_lines = [json.loads(x) for x in trail.splitlines() if "assessment_saved" in x]
    assert len(saved_lines) == 4 and saved_lines[0]["target"] == "unit:DINKES"


def test_an_assessment_is_checked_and_only_the_archive_office_enters_it(office):  # noqa: F811
    service = office
    with pytest.raises(AccessDenied):  # the OPD's own head does not score the OPD
        service.letters.save_assessment(who(service, "kadis"), "DINKES", 2026, SCORES)
    refusals = [
        ({**SCORES, "penciptaan": 101}, "assessment_bad_score"),
        ({**SCORES, "penciptaan": -1}, "assessment_bad_score"),
        ({**SCORES, "penciptaan": "nan"}, "assessment_bad_score"),
        ({**SCORES, "penciptaan": "banyak"}, "assessment_bad_score"),
        ({k: v for k, v in SCORES.items() if k != "sumber_daya"}, "assessment_score_missing"),
        ({**SCORES, "kreativitas": 50}, "assessment_unknown_element"),
    ]
    for scores, key in refusals:
        with pytest.raises(InvalidInput) as raised:
            service.letters.save_assessment(ADMIN, "DINKES", 2026, scores)
        assert raised.value.key == key, scores
    with pytest.raises(InvalidInput) as sub_unit:
        service.letters.save_assessment(ADMIN, "DINKES.P2P", 2026, SCORES)
    assert sub_unit.value.key == "assessment_not_opd"
    with pytest.raises(InvalidInput):
        service.letters.save_assessment(ADMIN, "DINKES", 1999, SCORES)
    assert service.letters.assessments(ADMIN) == []


def test_dashboard_actions_have_labels_in_both_languages():
    for action in ("dashboard_exported", "assessment_saved"):
        for lang in ("id", "en"):
            label = translate(f"audit_action_{action}", lang)
            assert label != f"audit_action_{action}" and "_" not in label


# -- through the receiving side's own services -------------------------------------------------
def test_a_sent_letter_registered_disposed_and_closed_is_counted(signing):  # noqa: F811
    """Sent from DINKES to every OPD: registered at once in each (on time), disposed by the
    head of DINKES to two positions, one closed: the figures say so."""
    service = signing
    letter_id = ready_letter(service, verifiers=[], copies=[])
    sign(service, letter_id)
    service.letters.send(who(service, "staf"), letter_id)
    found = stored(service, lambda r: {i.unit: i.id for i in r.incoming.values()})
    assert set(found) == {"DINKES", "DPK"}
    kadis = who(service, "kadis")
    given = service.letters.dispose(
        kadis, found["DINKES"], ["KABID", "SEKDIS"], ["untuk_ditindaklanjuti"]
    )
    service.letters.close_disposition(who(service, "kabid"), given[0], "Sudah dikoordinasikan")
    this = metrics.month_of(clock.today())

    dinkes = service.letters.letter_report(ADMIN, "DINKES", this)["months"][0]
    assert (dinkes["outgoing"], dinkes["electronic"], dinkes["adoption"]) == (1, 1, 1.0)
    assert (dinkes["incoming"], dinkes["registered_on_time_share"]) == (1, 1.0)
    assert (dinkes["dispositions"], dinkes["dispositions_closed"]) == (2, 1)
    assert dinkes["dispositions_closed_share"] == 0.5
    assert dinkes["lead_median_days"] == dinkes["lead_p90_days"] == 0.0
    dpk = service.letters.letter_report(ADMIN, "DPK", this)["months"][0]
    assert (dpk["outgoing"], dpk["incoming"], dpk["dispositions"]) == (0, 1, 0)
    whole = service.letters.letter_report(ADMIN, None, this)["months"][0]
    assert (whole["incoming"], whole["registered_on_time"]) == (2, 2)


def test_assessments_export_only_to_those_who_may_read_them(office):  # noqa: F811
    service = office
    service.letters.save_assessment(ADMIN, "DPK", 2026, SCORES)
    with pytest.raises(AccessDenied):
        service.letters.report_export(who(service, "kadis"), "DPK", "2026-01", "csv", "assessments")
    data = service.letters.report_export(
        who(service, "kadpk"), "DPK", "2026-01", "json", "assessments"
    )
    rows = json.loads(data)
    assert [(r["OPD"], r["Rata-rata"], r["Kategori (penilaian mandiri)"]) for r in rows] == [
        ("Dinas Perpustakaan dan Kearsipan", 77.1, "BB")
    ]
