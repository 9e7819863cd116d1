"""Penyusutan: destruction with its authority rules, blocks, irreversible removal and
tombstones; hand-over as a validated BagIt bag; the documents of both."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import signal
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from io import BytesIO
from pathlib import Path

import bagit
import pytest
from pypdf import PdfReader

from indexes.search import SearchRequest
from repository.core import clock
from repository.core.content import pemda_of
from repository.core.db import write
from repository.core.errors import AccessDenied, InvalidInput, LontarError, RecordNotFound
from repository.core.security import ADMIN, ANONYMOUS
from repository.disposal import bags
from repository.disposal.destruction import required_authority
from repository.workbench import retention
from tests.conftest import add, item, lontar_cli, make_pdf
from tests.test_sealing import found_on_disk

TODAY = "2030-01-01"
TODAY_DATE = dt.date(2030, 1, 1)
UNIQUE = "zorvanqelt"  # a word no other record holds, and that no stemmer changes


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def filed(service, title: str, code: str, start: str, text: str, **options) -> tuple[str, bytes]:
    """A record with a real PDF, classified; returns its id and the file's bytes."""
    pdf = make_pdf(title, text)
    record = add(service, f"{title}.pdf", pdf, title=title, date=start, **options)
    service.workbench.classify(ADMIN, record, code)
    return record, pdf


@pytest.mark.parametrize(
    ("years", "authority"),
    [
        ([5], "kepala_daerah"),
        ([9, 9], "kepala_daerah"),
        ([10], "kepala_anri"),  # 10 years or more: the head of ANRI
        ([3, 12], "kepala_anri"),  # one decree: the longest retention decides
        ([], "kepala_daerah"),
    ],
)
def test_the_approving_authority_follows_the_longest_retention(years, authority):
    assert required_authority(years) == authority


def test_the_service_asks_for_the_right_authority(archive):
    short = item(archive, "Register 2010", "000.5", "2010-01-01")  # 2 + 3 years
    long = item(archive, "SPJ 2010", "900.1", "2010-01-01")  # 2 + 8 years
    made = archive.disposal.propose_destruction(ADMIN, "DINKES", [short], on=TODAY)
    assert made["authority"] == "kepala_daerah"
    archive.disposal.appraise_destruction(ADMIN, made["id"], [("Rina", "Arsiparis Ahli Muda")])
    with pytest.raises(InvalidInput) as wrong:
        archive.disposal.approve_destruction(ADMIN, made["id"], "kepala_anri", "188/1", TODAY, "X")
    assert wrong.value.key == "wrong_authority"
    with pytest.raises(InvalidInput):
        archive.disposal.approve_destruction(
            ADMIN, made["id"], "kepala_daerah", " ", TODAY, "Wali Kota"
        )
    approved = archive.disposal.approve_destruction(
        ADMIN, made["id"], "kepala_daerah", "188.45/12/2030", "2030-01-02", "Wali Kota Contoh"
    )
    assert approved["state"] == "approved" and approved["decree_number"] == "188.45/12/2030"
    other = archive.disposal.propose_destruction(ADMIN, "DINKES", [long], on=TODAY)
    assert other["authority"] == "kepala_anri"


def test_the_panel_keeps_a_record_for_more_years(archive):
    from repository.disposal.destruction import parse_keep

    record = item(archive, "Register 2010", "000.5", "2010-01-01")  # due since 2015
    assert parse_keep([f"{record}; Masih dirujuk; 5", "x; alasan"]) == (
        {record: "Masih dirujuk", "x": "alasan"},
        {record: 5},
    )
    made = archive.disposal.propose_destruction(ADMIN, "DINKES", on=TODAY)
    with pytest.raises(InvalidInput):
        archive.disposal.appraise_destruction(ADMIN, made["id"], [("Rina", "Ketua")], {record: "a"},
                                     {record: 0})  # fmt: skip
    archive.disposal.appraise_destruction(ADMIN, made["id"], [("Rina", "Ketua")],
                                 {record: "Masih dirujuk"}, {record: 5})  # fmt: skip
    until = archive.workbench.retention_of(ADMIN, record)["inactive_until"]
    assert until == retention.add_years(clock.today(), 5).isoformat()
    assert record not in {
        r["id"] for r in archive.workbench.retention_due(ADMIN, on=TODAY)["destroy"]
    }


def test_steps_come_in_order_and_need_their_roles(archive):
    record = item(archive, "Register 2010", "000.5", "2010-01-01")
    archive.access.add_account(ADMIN, "arsip", "arsip-dinkes-1", {"Arsiparis"}, unit="DINKES")
    archive.access.add_account(ADMIN, "kadpk", "kepala-dpk-1", {"Pejabat"}, unit="DPK")
    clerk = archive.access.caller("arsip")
    made = archive.disposal.propose_destruction(clerk, "DINKES", on=TODAY)
    assert [r["id"] for r in made["records"]] == [record]
    with pytest.raises(InvalidInput) as early:
        archive.disposal.execute_destruction(ADMIN, made["id"])
    assert early.value.key == "destruction_state"
    with pytest.raises(InvalidInput):
        archive.disposal.approve_destruction(ADMIN, made["id"], "kepala_daerah", "1", TODAY, "W")
    with pytest.raises(InvalidInput):
        archive.disposal.appraise_destruction(clerk, made["id"], [])  # a panel is needed
    archive.disposal.appraise_destruction(clerk, made["id"], [("Rina", "Ketua")])
    with pytest.raises(AccessDenied):  # an Arsiparis records no approval
        archive.disposal.approve_destruction(clerk, made["id"], "kepala_daerah", "1", TODAY, "W")
    with pytest.raises(AccessDenied):  # nor a Pejabat of another unit
        archive.disposal.approve_destruction(
            archive.access.caller("kadpk"), made["id"], "kepala_daerah", "1", TODAY, "W"
        )
    with pytest.raises(InvalidInput) as twice:
        archive.disposal.propose_destruction(ADMIN, "DINKES", [record], on=TODAY)
    assert twice.value.key == "destruction_already"


def test_holds_matters_and_objections_block_destruction(archive):
    held = item(archive, "Register A", "000.5", "2010-01-01")
    disputed = item(archive, "Register B", "000.5", "2010-01-01")
    objected = item(archive, "Register C", "000.5", "2010-01-01")
    kept = item(archive, "Register D", "000.5", "2010-01-01")
    late = item(archive, "Register E", "000.5", "2010-01-01")
    archive.workbench.hold(ADMIN, held, "Sengketa di PTUN")
    due = archive.workbench.retention_due(ADMIN, "DINKES", TODAY)
    assert held in {r["id"] for r in due["held"]} and held not in {r["id"] for r in due["destroy"]}
    with pytest.raises(InvalidInput) as refused:  # a held record cannot be listed
        archive.disposal.propose_destruction(ADMIN, "DINKES", [held], on=TODAY)
    assert refused.value.key == "destruction_not_due"
    write(archive.db, lambda root: retention.open_matter(
        pemda_of(root).records[disputed], "ppid_request", "PPID-2030-0001", "", TODAY_DATE
    ))  # fmt: skip
    made = archive.disposal.propose_destruction(ADMIN, "DINKES", on=TODAY)
    assert {r["id"] for r in made["records"]} == {objected, kept, late}
    archive.disposal.object_to_destruction(
        ADMIN, made["id"], objected, "Masih dipakai untuk audit BPK"
    )
    with pytest.raises(InvalidInput) as blocked:
        archive.disposal.appraise_destruction(ADMIN, made["id"], [("Rina", "Ketua")])
    assert blocked.value.key == "destruction_blocked" and objected in blocked.value.params["ids"]
    archive.disposal.dismiss_objection(ADMIN, made["id"], objected)
    archive.disposal.appraise_destruction(
        ADMIN, made["id"], [("Rina", "Ketua"), ("Budi", "Anggota")], {kept: "Nilai guna sejarah"}
    )
    archive.disposal.approve_destruction(
        ADMIN, made["id"], "kepala_daerah", "188/7", TODAY, "Wali Kota"
    )
    archive.workbench.hold(ADMIN, late, "Penyidikan kejaksaan")  # after the approval: still blocks
    done = archive.disposal.execute_destruction(ADMIN, made["id"])
    status = {r["id"]: (r["status"], r["reason"]) for r in done["records"]}
    assert status[objected] == ("destroyed", "")
    assert status[kept] == ("retained", "Nilai guna sejarah")
    assert status[late][0] == "skipped" and "Penyidikan kejaksaan" in status[late][1]
    lists = archive.workbench.retention_due(
        ADMIN, "DINKES", TODAY
    )  # kept for good: now for hand-over
    assert kept in {r["id"] for r in lists["handover"]}
    assert kept not in {r["id"] for r in lists["destroy"]}
    for survivor in (held, disputed, kept, late):
        assert archive.records.show(ADMIN, survivor)["id"] == survivor
    with pytest.raises(RecordNotFound):
        archive.records.show(ADMIN, objected)


def test_destruction_removes_files_text_and_index_entries_and_keeps_a_tombstone(archive):
    record, pdf = filed(
        archive, "Laporan lama", "000.5", "2010-01-01", f"Laporan {UNIQUE} gudang lama."
    )
    berkas = archive.ingest.create_container(
        ADMIN, "DINKES", "file", "Berkas 2010", date_start="2010-01-01"
    )
    archive.workbench.classify(ADMIN, berkas, "000.5")
    inside = add(archive, "isi.txt", f"Lampiran {UNIQUE} berkas".encode(), into=berkas)
    archive.index.catch_up()
    assert archive.records.search(ADMIN, SearchRequest(query=UNIQUE)).total == 2
    assert archive.records.original(ADMIN, record, 0)[2] == pdf
    archive.ingest.page_image(ADMIN, record, 0, 1)  # a cached preview, to be purged too
    before = archive.records.units(ADMIN)
    made = archive.disposal.propose_destruction(ADMIN, "DINKES", [record, berkas], on=TODAY)
    archive.disposal.appraise_destruction(ADMIN, made["id"], [("Rina", "Ketua")])
    archive.disposal.approve_destruction(
        ADMIN, made["id"], "kepala_daerah", "188/9", TODAY, "Wali Kota"
    )
    done = archive.disposal.execute_destruction(ADMIN, made["id"])
    assert {r["status"] for r in done["records"]} == {"destroyed"}

    home = archive.home
    content = max(re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL), key=len)
    assert not found_on_disk(home, content[:64])  # the file's bytes: blobs, packs, previews
    assert not found_on_disk(home, UNIQUE.encode())  # its text: database and index
    assert not found_on_disk(home, b"Lampiran")
    assert archive.records.search(ADMIN, SearchRequest(query=UNIQUE)).total == 0
    for gone in (record, berkas, inside):  # the berkas goes with what it holds
        with pytest.raises(RecordNotFound):
            archive.records.show(ADMIN, gone)
    stone = archive.disposal.tombstone(ADMIN, record)
    assert stone["title"] == "Laporan lama" and stone["decree_number"] == "188/9"
    assert stone["files"][0]["sha256"] == hashlib.sha256(pdf).hexdigest()
    assert archive.disposal.tombstone(ADMIN, inside)["destruction"] == made["id"]
    with pytest.raises(RecordNotFound):  # the public sees no tombstone
        archive.disposal.tombstone(ANONYMOUS, record)
    counts = {u["code"]: u["records"] for u in archive.records.units(ADMIN)}
    assert counts["DINKES"] == {u["code"]: u["records"] for u in before}["DINKES"] - 3
    report = pdf_text(archive.disposal.destruction_report(ADMIN, made["id"], "berita_acara"))
    for part in ("BERITA ACARA PEMUSNAHAN ARSIP", made["id"], "188/9", "Wali Kota",
                 "Laporan lama", "Berkas 2010", "Rina", "Kepala Daerah"):  # fmt: skip
        assert part in report, part
    daum = pdf_text(archive.disposal.destruction_report(ADMIN, made["id"]))
    assert "DAFTAR ARSIP USUL MUSNAH" in daum and "dimusnahkan" in daum
    assert archive.index.check().clean


def test_cli_destruction_from_proposal_to_report(archive, tmp_path):
    record, _ = filed(archive, "Register 2010", "000.5", "2010-01-01", f"Isi {UNIQUE}")
    archive.close()
    home = archive.home
    made = json.loads(lontar_cli("destroy", "propose", "--unit", "DINKES", "--on", TODAY,
                                 home=home).stdout)  # fmt: skip
    assert [r["id"] for r in made["records"]] == [record]
    lontar_cli("destroy", "appraise", made["id"], "--panel", "Rina; Ketua", "--panel",
               "Budi; Anggota", home=home)  # fmt: skip
    approve = ("destroy", "approve", made["id"], "--decree", "188/1", "--approver")
    refused = lontar_cli(*approve, "X", "--authority", "kepala_anri", home=home, check=False)
    assert refused.returncode == 1 and "Kepala ANRI" in refused.stderr
    lontar_cli("destroy", "approve", made["id"], "--authority", "kepala_daerah", "--decree",
               "188/1", "--date", TODAY, "--approver", "Wali Kota", home=home)  # fmt: skip
    done = json.loads(lontar_cli("destroy", "execute", made["id"], home=home).stdout)
    assert done["records"][0]["status"] == "destroyed"
    out = tmp_path / "ba.pdf"
    lontar_cli("destroy", "report", made["id"], "--out", str(out), home=home)
    assert "188/1" in pdf_text(out.read_bytes())
    shown = lontar_cli("show", record, home=home, check=False)
    assert shown.returncode == 1
    assert not found_on_disk(home, UNIQUE.encode())


# -- hand-over -----------------------------------------------------------------------------------
@pytest.fixture
def permanent(archive):
    """Two permanent records due for hand-over, one of them sealed (class R)."""
    archive.access.add_account(ADMIN, "kadis", "kadis-dinkes-1", {"Pejabat"}, unit="DINKES",
                        full_name="dr. Siti Aminah")  # fmt: skip
    archive.access.add_account(ADMIN, "kadpk", "kepala-dpk-1", {"Pejabat"}, unit="DPK")
    made = {}
    for title, security in (("Perda retribusi 2001", "B"), ("Perjanjian kerja sama", "R")):
        record, pdf = filed(archive, title, "100.3", "2001-01-01", f"Isi {title}",
                            security=security)  # fmt: skip
        archive.workbench.retention_event(
            ADMIN, record, "dicabut", "2005-01-01"
        )  # 2 + 5 years: 2012
        made[record] = pdf
    return archive, made


def test_a_handover_is_a_valid_bag_with_metadata_and_checksums(permanent, tmp_path):
    service, made = permanent
    handover = service.disposal.propose_transfer(ADMIN, "DINKES", "DPK", on=TODAY, kind="handover")
    assert {r["id"] for r in handover["records"]} == set(made)
    service.disposal.sign_transfer(service.access.caller("kadis"), handover["id"], "sender")
    done = service.disposal.sign_transfer(
        service.access.caller("kadpk"), handover["id"], "receiver"
    )
    assert done["state"] == "done"
    assert not service.workbench.retention_due(ADMIN, "DINKES", TODAY)["handover"]
    packed = service.disposal.handover_bag(ADMIN, handover["id"], tmp_path)
    assert packed.suffix == ".zip"
    bag_dir = tmp_path / handover["id"]
    bag = bagit.Bag(str(bag_dir))
    assert bag.is_valid() and set(bag.algorithms) == {"sha256", "sha512"}
    assert bag.info["External-Identifier"] == handover["id"]
    for record, pdf in made.items():
        folder = bag_dir / "data" / "records" / record
        files = list((folder / "files").iterdir())
        assert [f.read_bytes() for f in files] == [pdf]  # sealed files go in opened
        dc = ET.parse(folder / "dc.xml").getroot()
        assert dc.find(f"{{{bags.DC}}}title").text in {"Perda retribusi 2001",
                                                       "Perjanjian kerja sama"}  # fmt: skip
    ead = ET.parse(bag_dir / "data" / "ead.xml").getroot()
    units = ead.findall(f".//{{{bags.EAD}}}c")
    assert len(units) == 2 and ead.find(f".//{{{bags.EAD}}}eadid").text == handover["id"]
    statement = pdf_text((bag_dir / "data" / "pernyataan-keaslian.pdf").read_bytes())
    assert "autentik, terpercaya, utuh, dan dapat digunakan" in statement
    assert "dr. Siti Aminah" in statement
    report = pdf_text((bag_dir / "data" / "berita-acara-penyerahan.pdf").read_bytes())
    assert "BERITA ACARA PENYERAHAN ARSIP STATIS" in report and "Perda retribusi 2001" in report
    with zipfile.ZipFile(packed) as archive_zip:
        assert f"{handover['id']}/bagit.txt" in archive_zip.namelist()
    shown = service.records.show(ADMIN, next(iter(made)))
    assert any(h[2] == "handed_over" for h in shown["history"])


def test_a_changed_file_fails_the_bag_check(permanent, tmp_path):
    service, _ = permanent
    handover = service.disposal.propose_transfer(ADMIN, "DINKES", "DPK", on=TODAY, kind="handover")
    service.disposal.handover_bag(ADMIN, handover["id"], tmp_path)
    bag_dir = tmp_path / handover["id"]
    victim = next((bag_dir / "data" / "records").glob("*/files/*"))
    victim.write_bytes(victim.read_bytes() + b"\n")
    with pytest.raises(LontarError) as bad:
        bags.check_bag(bag_dir)
    assert bad.value.key == "bag_invalid"
    with pytest.raises(LontarError):  # a folder that is no bag at all
        bags.check_bag(tmp_path / "none")


def test_cli_handover_from_proposal_to_bag(permanent, tmp_path):
    service, _ = permanent
    service.close()
    home = service.home
    handover = json.loads(lontar_cli("handover", "propose", "--from", "DINKES", "--to", "DPK",
                                     "--on", TODAY, home=home).stdout)  # fmt: skip
    lontar_cli("handover", "sign", handover["id"], "--side", "sender", "--as", "kadis", home=home)
    out = tmp_path / "bag"
    done = lontar_cli("handover", "bag", handover["id"], "--out", str(out), home=home)
    zipped = Path(done.stdout.strip())
    assert zipped.exists() and bagit.Bag(str(out / handover["id"])).is_valid()
    statement = tmp_path / "pernyataan.pdf"
    lontar_cli("handover", "report", handover["id"], "--statement", "--out", str(statement),
               home=home)  # fmt: skip
    assert "autentik" in pdf_text(statement.read_bytes())


# -- a destruction's purge survives a crash and runs through a live server ------------------------
def approved_destruction(service, record: str) -> str:
    made = service.disposal.propose_destruction(ADMIN, "DINKES", [record], on=TODAY)
    service.disposal.appraise_destruction(ADMIN, made["id"], [("Rina", "Ketua")])
    service.disposal.approve_destruction(
        ADMIN, made["id"], "kepala_daerah", "188/2", TODAY, "Wali Kota"
    )
    return made["id"]


def test_a_purge_cut_short_is_finished_after_restart(archive):
    """The process dies right after the destruction committed: the files are no longer in
    the repository but still in old revisions. The next start of the worker purges them."""
    from repository.app import Lontar
    from repository.run.worker import Worker

    record, pdf = filed(archive, "Register 2010", "000.5", "2010-01-01", f"Isi {UNIQUE}")
    archive.index.catch_up()
    destruction_id = approved_destruction(archive, record)
    archive.disposal.commit_destruction(ADMIN, destruction_id)  # ... and here the process dies
    home = archive.home
    assert found_on_disk(home, UNIQUE.encode())  # still in the old revisions and the index
    archive.close()
    with Lontar(home) as restarted:
        worker = Worker(restarted)
        while worker.step():
            pass
        assert not found_on_disk(home, UNIQUE.encode())
        content = max(re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL), key=len)
        assert not found_on_disk(home, content[:64])
        assert restarted.disposal.tombstone(ADMIN, record)["destruction"] == destruction_id
        checked = restarted.index.check()
        assert checked.clean
        assert checked.retracted == []  # its `imported` entry stands: it was destroyed, not lost


def test_destruction_through_a_running_server_purges_via_zeo(archive):
    """With `lontar serve` up the worker is the index writer: it packs through ZEO."""
    from tests.conftest import free_port, healthy, start_serve, wait_until

    record, pdf = filed(archive, "Register 2010", "000.5", "2010-01-01", f"Isi {UNIQUE}")
    archive.index.catch_up()
    destruction_id = approved_destruction(archive, record)
    archive.close()
    home, port = archive.home, free_port()
    serve = start_serve(home, port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: healthy(port), 90, "the app")
        done = json.loads(lontar_cli("destroy", "execute", destruction_id, home=home).stdout)
        assert done["state"] == "done"
        found = json.loads(lontar_cli("search", UNIQUE, "--json", home=home).stdout)
        assert found["total"] == 0
        assert not found_on_disk(home, UNIQUE.encode())
        content = max(re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL), key=len)
        assert not found_on_disk(home, content[:64])
    finally:
        serve.send_signal(signal.SIGINT)
        serve.wait(60)


def test_only_someone_who_sees_every_record_builds_the_bag(permanent, tmp_path):
    service, _ = permanent
    handover = service.disposal.propose_transfer(ADMIN, "DINKES", "DPK", on=TODAY, kind="handover")
    service.access.add_account(ADMIN, "arsip.b", "arsip-dinkes-b", {"Arsiparis"}, unit="DINKES")
    with pytest.raises(RecordNotFound):  # the class R record is above the clearance
        service.disposal.handover_bag(service.access.caller("arsip.b"), handover["id"], tmp_path)
    assert not (tmp_path / handover["id"]).exists()


def test_a_refusal_names_the_unit_and_the_roles_it_needs(archive):
    record = item(archive, "Register 2010", "000.5", "2010-01-01")
    archive.access.add_account(ADMIN, "arsip.dpk", "arsip-dpk-uji-1", {"Arsiparis"}, unit="DPK")
    archive.access.add_account(ADMIN, "kadpk", "kepala-dpk-1", {"Pejabat"}, unit="DPK")
    clerk = archive.access.caller("arsip.dpk")
    with pytest.raises(AccessDenied) as drawing:
        archive.disposal.propose_destruction(clerk, "DINKES", on=TODAY)
    said = drawing.value.message("id")
    assert "Dinas Kesehatan (DINKES)" in said and "Arsiparis" in said
    assert "DINKES" in drawing.value.message("en") and "role" in drawing.value.message("en")
    made = archive.disposal.propose_destruction(ADMIN, "DINKES", [record], on=TODAY)
    archive.disposal.appraise_destruction(ADMIN, made["id"], [("Rina", "Ketua")])
    with pytest.raises(AccessDenied) as approving:
        archive.disposal.approve_destruction(
            archive.access.caller("kadpk"), made["id"], "kepala_daerah", "1", TODAY, "W"
        )
    assert "Pejabat" in approving.value.message("id") and "DINKES" in approving.value.message()
    recent = item(archive, "Register 2027", "000.5", "2027-01-01")  # due for transfer
    moved = archive.disposal.propose_transfer(ADMIN, "DINKES", "DPK", [recent], on=TODAY)
    with pytest.raises(AccessDenied) as signing:
        archive.disposal.sign_transfer(clerk, moved["id"], "sender")
    assert "pengirim" in signing.value.message("id") and "DINKES" in signing.value.message("id")


def test_the_documents_write_dates_in_words(archive):
    record = item(archive, "Register 2010", "000.5", "2010-03-04")
    made = archive.disposal.propose_destruction(ADMIN, "DINKES", [record], on=TODAY)
    archive.disposal.appraise_destruction(ADMIN, made["id"], [("Rina", "Ketua")])
    archive.disposal.approve_destruction(
        ADMIN, made["id"], "kepala_daerah", "188.45/12/2030", "2030-01-02", "Wali Kota Contoh"
    )
    text = " ".join(pdf_text(archive.disposal.destruction_report(ADMIN, made["id"])).split())
    assert "4 Mar 2010" in text and "2 Januari 2030" in text and "Tahap: disetujui" in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # no ISO date for people
