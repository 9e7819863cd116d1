"""Classification schemes in versions, the JRA, retention dates and the lists of records due."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from indexes.search import SearchRequest
from repository.core.content import pemda_of
from repository.core.db import reading
from repository.core.errors import InvalidInput
from repository.core.security import ADMIN, ANONYMOUS
from repository.workbench import scheme
from repository.workbench.retention import add_years, parse_jra
from tests.conftest import JRA, SCHEME_V1, item, lontar_cli

SCHEME_V2 = """code,name
000,Umum
000.5,Kearsipan dan Persuratan
100,Pemerintahan
100.3,Hukum
700,Pengawasan
700.1,Pengawasan Internal
900,Keuangan
900.1,Keuangan Daerah
"""


# -- date arithmetic ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        ("2024-02-29", 1, "2025-02-28"),  # leap day into a common year
        ("2024-02-29", 4, "2028-02-29"),  # and into the next leap year
        ("2023-12-31", 1, "2024-12-31"),  # year end
        ("2024-01-01", 0, "2024-01-01"),
        ("2020-06-15", 10, "2030-06-15"),
    ],
)
def test_years_are_calendar_years(start, years, expected):
    assert add_years(dt.date.fromisoformat(start), years) == dt.date.fromisoformat(expected)


def test_dates_start_at_the_end_of_the_records_date_range(archive):
    record = item(archive, "Register surat 2023", "000.5", "2023-01-02", "2023-12-31")
    found = archive.workbench.retention_of(ADMIN, record)
    assert (found["start"], found["active_until"], found["inactive_until"]) == (
        "2023-12-31",
        "2025-12-31",
        "2028-12-31",
    )
    assert found["disposition"] == "Musnah" and found["rule"] == "000.5"


def test_the_nearest_rule_up_the_code_tree_applies(archive):
    archive.workbench.load_scheme(
        ADMIN, SCHEME_V1.replace("000.5.6,", "000.5.3,Register,000.5\n000.5.6,"), "b"
    )
    deeper = item(archive, "Usul musnah", "000.5.6", "2020-03-01")
    inherited = item(archive, "Register", "000.5.3", "2020-03-01")
    assert archive.workbench.retention_of(ADMIN, deeper)["rule"] == "000.5.6"
    assert archive.workbench.retention_of(ADMIN, inherited)["rule"] == "000.5"
    assert archive.workbench.retention_of(ADMIN, inherited)["code_name"] == "Register"


def test_an_event_trigger_waits_for_its_event(archive):
    perda = item(archive, "Perda retribusi", "100.3", "2015-04-01")
    waiting = archive.workbench.retention_of(ADMIN, perda)
    assert waiting["waiting_for_event"] and waiting["active_until"] is None
    due = archive.workbench.retention_due(ADMIN, on="2040-01-01")
    assert [r["id"] for r in due["waiting_for_event"]] == [perda]
    archive.workbench.retention_event(ADMIN, perda, "Dicabut", "2024-02-29")
    found = archive.workbench.retention_of(ADMIN, perda)
    assert (found["start"], found["active_until"], found["inactive_until"]) == (
        "2024-02-29",
        "2026-02-28",
        "2031-02-28",
    )
    assert found["events"] == {"dicabut": "2024-02-29"}


def test_lists_follow_the_calendar(archive):
    finance = item(archive, "SPJ 2015", "900.1", "2015-06-30")
    register = item(archive, "Register 2019", "000.5", "2019-12-31")
    law = item(archive, "Perbup", "100.3", "2010-01-01")
    archive.workbench.retention_event(ADMIN, law, "dicabut", "2012-01-01")
    lists = archive.workbench.retention_due(ADMIN, on="2022-01-01")
    assert ids(lists["transfer"]) == {finance, register}  # active ended (2017, 2021)
    assert ids(lists["handover"]) == {law}  # permanent, inactive ended in 2019
    assert not lists["destroy"]
    lists = archive.workbench.retention_due(ADMIN, on="2024-12-31")
    assert ids(lists["destroy"]) == {register}  # 2019-12-31 + 2 + 3 years, on the day
    assert ids(lists["transfer"]) == {finance}
    assert ids(archive.workbench.retention_due(ADMIN, on="2025-06-30")["destroy"]) == {
        register,
        finance,
    }


def test_a_hold_keeps_a_record_off_the_destruction_list(archive):
    record = item(archive, "Register 2010", "000.5", "2010-01-01")
    key = archive.workbench.hold(ADMIN, record, "Sengketa di PTUN")
    lists = archive.workbench.retention_due(ADMIN, on="2030-01-01")
    assert not lists["destroy"] and ids(lists["held"]) == {record}
    with pytest.raises(InvalidInput):
        archive.workbench.hold(ADMIN, record, "  ")
    archive.workbench.release_hold(ADMIN, record, key)
    assert ids(archive.workbench.retention_due(ADMIN, on="2030-01-01")["destroy"]) == {record}


def test_lists_are_confined_to_a_unit_and_to_what_the_caller_sees(archive):
    dinkes = item(archive, "Register Dinkes", "000.5", "2010-01-01")
    sub = item(archive, "Register P2P", "000.5", "2010-01-01", unit="DINKES.P2P")
    dpk = item(archive, "Register DPK", "000.5", "2010-01-01", unit="DPK", security="T")
    everything = archive.workbench.retention_due(ADMIN, on="2030-01-01")["destroy"]
    assert ids(everything) == {dinkes, sub, dpk}
    assert ids(archive.workbench.retention_due(ADMIN, "DINKES", "2030-01-01")["destroy"]) == {
        dinkes,
        sub,
    }
    assert ids(archive.workbench.retention_due(ANONYMOUS, on="2030-01-01")["destroy"]) == {
        dinkes,
        sub,
    }


def test_classifying_applies_the_jra_class_but_never_lowers_one(archive):
    audit = item(archive, "LHP Inspektorat", "700.1", "2024-01-01")
    assert archive.records.show(ADMIN, audit)["security"] == "T"
    secret = item(archive, "LHP khusus", "700.1", "2024-01-01", security="R")
    assert archive.records.show(ADMIN, secret)["security"] == "R"


def resolved(archive, code: str) -> dict | None:
    with reading(archive.db) as root:
        return scheme.resolve(pemda_of(root), code)


def test_old_codes_stay_resolvable_and_searchable_after_a_new_scheme(archive):
    old = item(archive, "Usul musnah 2019", "000.5.6", "2019-01-01")
    archive.workbench.load_scheme(ADMIN, SCHEME_V2, "83/2022")
    assert resolved(archive, "000.5.6") == {
        "code": "000.5.6",
        "name": "Penyusutan",
        "parent": "000.5",
        "version": "78/2012",
        "current": False,
    }
    assert resolved(archive, "000.5")["name"] == "Kearsipan dan Persuratan"
    assert archive.records.show(ADMIN, old)["classification"] == "000.5.6"
    archive.index.catch_up()
    found = archive.records.search(ADMIN, SearchRequest(classification="000.5.6"))
    assert [h.id for h in found.hits] == [old]
    with pytest.raises(InvalidInput) as refused:
        archive.workbench.classify(ADMIN, old, "000.5.6")
    assert refused.value.key == "unknown_code"
    assert [v["current"] for v in archive.workbench.scheme_versions()] == [False, True]


def test_bad_csv_is_refused_with_the_line(archive):
    with pytest.raises(InvalidInput) as bad:
        archive.workbench.load_jra(ADMIN, JRA.replace("Permanen", "Simpan"))
    assert bad.value.key == "bad_disposition" and bad.value.params["line"] == 4
    with pytest.raises(InvalidInput):
        archive.workbench.load_scheme(ADMIN, "kode,nama\n1,a\n", "x")
    with pytest.raises(InvalidInput):
        archive.workbench.load_scheme(ADMIN, "code,name,parent\n001,a,999\n", "y")
    with pytest.raises(InvalidInput):
        archive.workbench.load_scheme(ADMIN, SCHEME_V2, "78/2012")  # the version exists


def test_jra_csv_round_trips(archive):
    exported = archive.workbench.export_jra()
    again = [rule.as_row() for rule in parse_jra(exported)]
    assert again == [rule.as_row() for rule in parse_jra(JRA)]


def test_cli_retention_due_lists_records_with_their_dates(archive, tmp_path):
    record = item(archive, "Register 2010", "000.5", "2010-01-01")
    archive.close()
    home = archive.home
    done = lontar_cli("retention", "due", "--on", "2030-01-01", "--json", home=home)
    due = json.loads(done.stdout)
    assert set(due) >= {"transfer", "destroy", "handover", "waiting_for_event"}
    assert due["destroy"][0]["id"] == record
    assert due["destroy"][0]["inactive_until"] == "2015-01-01"
    jra = tmp_path / "jra.csv"
    jra.write_text(JRA.replace("000.5,2,3", "000.5,20,30"))
    lontar_cli("jra", "import", str(jra), home=home)
    later = json.loads(
        lontar_cli("retention", "due", "--on", "2030-01-01", "--json", home=home).stdout
    )
    assert not later["destroy"]
    lontar_cli("event", record, "dicabut", "--date", "2020-01-01", home=home)
    hold = lontar_cli("hold", record, "--reason", "Audit BPK", home=home).stdout.strip()
    lontar_cli("hold", record, "--release", hold, home=home)
    refused = lontar_cli("classify", record, "999", home=home, check=False)
    assert refused.returncode == 1 and "999" in refused.stderr


def ids(rows: list[dict]) -> set[str]:
    return {row["id"] for row in rows}


# -- the classification queue ------------------------------------------------------------------
def text_record(service, title: str, text: str, code: str = "", **options) -> str:
    from tests.conftest import add

    record = add(service, f"{title}.txt", text.encode(), title=title, **options)
    if code:
        service.workbench.classify(ADMIN, record, code)
    return record


@pytest.fixture
def queue(archive):
    made = {
        "budget": text_record(archive, "DPA 2023", "Anggaran belanja keuangan daerah DPA", "900.1"),
        "budget2": text_record(archive, "RKA 2024", "Rencana anggaran belanja keuangan", "900.1"),
        "audit": text_record(archive, "LHP", "Laporan hasil pemeriksaan inspektorat", "700.1"),
        "secret": text_record(
            archive,
            "Nota",
            "Anggaran belanja rahasia keuangan daerah",
            "000.5",
            unit="DPK",
            security="T",
        ),
        "open": text_record(archive, "Usulan", "Usulan anggaran belanja keuangan daerah 2025"),
        "other": text_record(archive, "Surat", "Undangan rapat pemeriksaan inspektorat"),
    }
    archive.index.catch_up()
    return archive, made


def test_suggestions_rank_codes_by_similar_classified_records(queue):
    service, made = queue
    found = service.workbench.suggest_codes(ADMIN, made["open"])
    assert found[0]["code"] == "900.1" and found[0]["name"] == "Keuangan Daerah"
    assert {n["id"] for n in found[0]["because"]} == {made["budget"], made["budget2"]}
    assert service.workbench.suggest_codes(ADMIN, made["other"])[0]["code"] == "700.1"


def test_suggestions_never_lean_on_records_the_caller_may_not_see(queue):
    service, made = queue
    service.access.add_account(
        ADMIN, "arsip.dinkes", "arsip-dinkes-1", {"Arsiparis"}, unit="DINKES"
    )
    clerk = service.access.caller("arsip.dinkes")
    every = {
        n["id"] for s in service.workbench.suggest_codes(clerk, made["open"]) for n in s["because"]
    }
    assert made["secret"] not in every
    assert "000.5" not in {s["code"] for s in service.workbench.suggest_codes(clerk, made["open"])}
    assert made["secret"] in {
        n["id"]
        for s in service.workbench.suggest_codes(ADMIN, made["open"], top=5)
        for n in s["because"]
    }


def test_the_queue_holds_unclassified_records_and_bulk_classify_reports_each(queue):
    service, made = queue
    waiting = service.workbench.classification_queue(ADMIN, "DINKES")
    assert {h.id for h in waiting.hits} == {made["open"], made["other"]}
    done = service.workbench.classify_many(
        ADMIN, [made["open"], "tidakada", made["other"]], "900.1"
    )
    assert done["classified"] == [made["open"], made["other"]]
    assert [f["id"] for f in done["failed"]] == ["tidakada"]
    service.index.catch_up()
    assert service.workbench.classification_queue(ADMIN, "DINKES").total == 0


# -- vital records -------------------------------------------------------------------------------
def test_vital_register_shows_what_protection_lacks(archive):
    deed = item(archive, "Sertifikat tanah", "900.1", "2001-01-01")
    plan = item(archive, "RPJMD", "000.5", "2021-01-01", unit="DPK", security="T")
    archive.workbench.mark_vital(ADMIN, deed, "duplikasi", "Gudang arsip kecamatan", "2026-11-01")
    archive.workbench.mark_vital(ADMIN, plan, "Pemencaran", "")
    rows = {r["id"]: r for r in archive.workbench.vital_register(ADMIN)}
    assert rows[deed]["complete"] and rows[deed]["method"] == "Duplikasi"
    assert rows[plan]["missing"] == ["copy_location", "verified"]
    assert [r["id"] for r in archive.workbench.vital_register(ANONYMOUS)] == [
        deed
    ]  # T stays hidden
    with pytest.raises(InvalidInput):
        archive.workbench.mark_vital(ADMIN, deed, "dibakar", "x")
    archive.workbench.unmark_vital(ADMIN, plan)
    assert [r["id"] for r in archive.workbench.vital_register(ADMIN)] == [deed]


def test_cli_vital_mark_and_list(archive):
    deed = item(archive, "Sertifikat", "900.1", "2001-01-01")
    archive.close()
    lontar_cli("vital", "mark", deed, "--method", "Duplikasi", "--copy-location", "Server DR",
               home=archive.home)  # fmt: skip
    listed = json.loads(lontar_cli("vital", "list", home=archive.home).stdout)
    assert [(r["id"], r["missing"]) for r in listed] == [(deed, ["verified"])]


# -- transfers (pemindahan) ------------------------------------------------------------------------
def test_a_transfer_needs_both_heads_and_then_changes_custody(archive):
    from io import BytesIO

    from pypdf import PdfReader

    old = item(archive, "Register 2023", "000.5", "2023-06-01")  # active until 2025-06-01
    recent = item(archive, "Register 2026", "000.5", "2026-01-01")
    archive.access.add_account(ADMIN, "kadis", "kadis-dinkes-1", {"Pejabat"}, unit="DINKES",
                        full_name="dr. Siti Aminah")  # fmt: skip
    archive.access.add_account(ADMIN, "kadpk", "kepala-dpk-1", {"Pejabat"}, unit="DPK")
    with pytest.raises(InvalidInput) as early:
        archive.disposal.propose_transfer(ADMIN, "DINKES", "DPK", [recent], on="2026-11-23")
    assert early.value.key == "transfer_not_due"
    made = archive.disposal.propose_transfer(ADMIN, "DINKES", "DPK", on="2026-11-23")
    assert [r["id"] for r in made["records"]] == [old] and made["state"] == "proposed"
    with pytest.raises(InvalidInput):
        archive.disposal.propose_transfer(
            ADMIN, "DINKES", "DPK", [old], on="2026-11-23"
        )  # already listed
    from repository.core.errors import AccessDenied

    with pytest.raises(AccessDenied):  # the DPK head cannot sign for DINKES
        archive.disposal.sign_transfer(archive.access.caller("kadpk"), made["id"], "sender")
    signing = archive.disposal.sign_transfer(archive.access.caller("kadis"), made["id"], "sender")
    assert signing["state"] == "signing"
    assert archive.workbench.retention_due(ADMIN, "DINKES", "2026-11-23")[
        "transfer"
    ]  # not yet moved
    done = archive.disposal.sign_transfer(archive.access.caller("kadpk"), made["id"], "receiver")
    assert done["state"] == "done" and done["done_on"]
    assert not archive.workbench.retention_due(ADMIN, "DINKES", "2026-11-23")["transfer"]
    text = "\n".join(
        p.extract_text()
        for p in PdfReader(BytesIO(archive.disposal.transfer_report(ADMIN, made["id"]))).pages
    )
    for part in ("BERITA ACARA PEMINDAHAN ARSIP", made["id"], "Dinas Kesehatan", "dr. Siti Aminah",
                 "Register 2023", "DAFTAR ARSIP YANG DIPINDAHKAN", "Kepala DPK"):  # fmt: skip
        assert part in text, part
    history = archive.records.show(ADMIN, old)["history"]
    assert any(h[2] == "transferred" for h in history)


def test_cli_transfer_from_proposal_to_report(archive, tmp_path):
    old = item(archive, "Register 2023", "000.5", "2023-06-01")
    archive.access.add_account(ADMIN, "kadis", "kadis-dinkes-1", {"Pejabat"}, unit="DINKES")
    archive.close()
    home = archive.home
    made = json.loads(
        lontar_cli(
            "transfer",
            "propose",
            "--from",
            "DINKES",
            "--to",
            "DPK",
            "--on",
            "2026-11-23",
            home=home,
        ).stdout
    )
    assert [r["id"] for r in made["records"]] == [old]
    refused = lontar_cli("transfer", "sign", made["id"], "--side", "receiver", "--as", "kadis",
                         home=home, check=False)  # fmt: skip
    assert refused.returncode == 1
    lontar_cli("transfer", "sign", made["id"], "--side", "sender", "--as", "kadis", home=home)
    done = lontar_cli("transfer", "sign", made["id"], "--side", "receiver", home=home)
    assert json.loads(done.stdout)["state"] == "done"
    out = tmp_path / "ba.pdf"
    lontar_cli("transfer", "report", made["id"], "--out", str(out), home=home)
    assert out.read_bytes().startswith(b"%PDF")


def test_a_suggestion_says_why_in_words_and_counts_not_a_score(queue):
    service, made = queue
    best = service.workbench.suggest_codes(ADMIN, made["open"])[0]
    assert best["code"] == "900.1" and best["records"] == 2  # DPA 2023 and RKA 2024
    # the key words the record shares with those two (stems, as the index holds them)
    assert best["words"] and {"anggar", "belanja", "keuang"} & set(best["words"])
    assert len(best["words"]) == len(set(best["words"]))


def test_the_queue_drops_a_record_classified_before_the_index_caught_up(queue):
    service, made = queue
    before = service.workbench.classification_queue(ADMIN, "DINKES")
    service.workbench.classify(ADMIN, made["open"], "900.1")  # the worker has not run yet
    after = service.workbench.classification_queue(ADMIN, "DINKES")
    assert after.total == before.total - 1
    assert made["open"] not in {h.id for h in after.hits}
