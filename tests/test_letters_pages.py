"""The letters' pages through AppTest, on a real repository (FileStorage, the Pemda's own CA,
real signatures): Naskah Keluar's queues per person (author, verifiers, signer, an outsider
who gets "not found" for a letter's URL), a paraf through the page moving the letter on, the
signing dialog refusing a wrong passphrase with the letter still ready, Konsep Naskah saving
a draft, Tata Naskah for administrators only, and Verifikasi Naskah showing a signed letter's
data, and only its hash for a rahasia one."""

from __future__ import annotations

import re

import pytest
from starlette.requests import Request
from streamlit.testing.v1 import AppTest

from repository.app import Lontar
from repository.core.config import Home
from repository.core.security import ADMIN
from tests.conftest import PASSWORDS
from tests.test_pages import links, open_page, shown, text_of
from ui import registry, web
from ui.frame import close_services

LETTERS, DRAFT = registry.LETTERS.script, registry.LETTER_DRAFT.script
VERIFY, ADMIN_PAGE = registry.LETTER_VERIFY.script, registry.LETTER_ADMIN.script
PASSPHRASE = "frasa-sandi-kadis-uji"
PEOPLE = {  # account: (role, unit, full name)
    "konseptor": ("Staf", "DINKES", "Sari Konseptor"),
    "kabid": ("Pejabat", "DINKES", "Bayu Kepala Bidang"),
    "sekdis": ("Pejabat", "DINKES", "Dewi Sekretaris"),
    "kadis": ("Pejabat", "DINKES", "Dr. Hadi Kepala Dinas"),
    "orang.luar": ("Staf", "DINKES.P2P", "Tono Luar"),
    "agendaris": ("Pencatat", "DINKES", "Ani Agendaris"),
}
POSITIONS = (  # code, name, holder, parent, rank
    ("KADIS", "Kepala Dinas Kesehatan", "kadis", "", 1),
    ("SEKDIS", "Sekretaris Dinas Kesehatan", "sekdis", "KADIS", 2),
    ("KABID", "Kepala Bidang Pelayanan", "kabid", "KADIS", 2),
)


def fields(**changes) -> dict:
    return {
        "unit": "DINKES",
        "type": "surat_dinas",
        "sifat": "biasa",
        "urgency": "biasa",
        "classification": "000.1",
        "hal": "Undangan rapat koordinasi imunisasi",
        "body": "Dengan hormat,\n\nKami mengundang Saudara pada rapat koordinasi.",
        "recipients": ["unit:DPK"],
        "copies": [],
        "signer": "KADIS",
        "verifiers": ["KABID", "SEKDIS"],
        **changes,
    }


def as_(lontar: Lontar, name: str):
    return lontar.access.caller(name)


def ready(lontar: Lontar, **changes) -> str:
    """A letter drafted, submitted and initialled by both verifiers: ready to sign."""
    letter_id = lontar.letters.draft(as_(lontar, "konseptor"), fields(**changes))
    lontar.letters.submit(as_(lontar, "konseptor"), letter_id)
    for verifier in ("kabid", "sekdis"):
        lontar.letters.approve(as_(lontar, verifier), letter_id, 1)
    return letter_id


@pytest.fixture
def office(service, monkeypatch):
    """Dinas Kesehatan with a head, a secretary and a head of division, a drafter, someone
    from another unit, the Pemda's CA with the head enrolled; letters in three states."""
    for name, (role, unit, full_name) in PEOPLE.items():
        password = f"{name}-uji-sandi"
        service.access.add_account(
            ADMIN, name, password, {role}, unit=unit, full_name=full_name,
            clearance="T" if name == "orang.luar" else "R",
        )  # fmt: skip
        PASSWORDS[name] = password
    for code, name, holder, parent, rank in POSITIONS:
        service.letters.save_position(
            ADMIN, code, unit="DINKES", name=name, parent=parent, holder=holder, rank=rank
        )
    service.letters.signing_init(ADMIN)
    service.letters.enrol(ADMIN, "kadis", PASSPHRASE)
    service.access.add_account(ADMIN, "kepala", "kepala-uji", {"Administrator"}, clearance="SR")
    PASSWORDS["kepala"] = "kepala-uji"
    found = {
        "draft": service.letters.draft(as_(service, "konseptor"), fields(hal="Konsep awal")),
        "verifying": service.letters.draft(
            as_(service, "konseptor"), fields(hal="Permohonan data vaksinasi")
        ),
        "ready": ready(service, hal="Undangan rapat koordinasi imunisasi"),
    }
    service.letters.submit(as_(service, "konseptor"), found["verifying"])
    service.close()
    monkeypatch.setenv("LONTAR_HOME", str(service.home.path))
    close_services()
    yield found
    close_services()


def repository() -> Lontar:
    """The repository opened here, after the pages' service lets go of it."""
    close_services()
    return Lontar(Home.resolve())


def tab_labels(app: AppTest) -> list[str]:
    return [tab.label for tab in app.tabs]


TABS = {"mine": "Konsep saya", "to_verify": "Perlu diparaf", "to_sign": "Perlu ditandatangani",
        "signed": "Ditandatangani, belum dikirim", "sent": "Terkirim"}  # fmt: skip


def queue(app: AppTest, name: str) -> list[str]:
    """The Hal column of one queue's table (its tab says how many)."""
    tab = next(tab for tab in app.tabs if tab.label.startswith(TABS[name] + " ("))
    return list(tab.dataframe[0].value["Hal"]) if tab.dataframe else []


def test_the_queues_show_each_person_their_letters(office):
    author = open_page(LETTERS, user="konseptor")
    assert not author.exception and not author.error
    labels = tab_labels(author)
    assert labels[0] == "Konsep saya (1)" and "Perlu diparaf (0)" in labels
    assert queue(author, "mine") == ["Konsep awal"]
    first = open_page(LETTERS, user="kabid")
    assert queue(first, "to_verify") == ["Permohonan data vaksinasi"]
    second = open_page(LETTERS, user="sekdis")
    assert queue(second, "to_verify") == []  # not yet: the first verifier has not initialled
    signer = open_page(LETTERS, user="kadis")
    assert queue(signer, "to_sign") == ["Undangan rapat koordinasi imunisasi"]
    outsider = open_page(LETTERS, user="orang.luar")
    assert all("(0)" in label for label in tab_labels(outsider))


def test_an_outsider_opening_a_letter_by_url_gets_not_found(office):
    outsider = open_page(LETTERS, user="orang.luar", id=office["ready"])
    assert [e.value for e in outsider.error] == ["Naskah tidak ditemukan."] or any(
        "tidak ditemukan" in e.value for e in outsider.error
    )
    assert "Undangan rapat" not in text_of(outsider)
    nobody = open_page(LETTERS, id="tidakada")
    assert nobody.warning and not nobody.error  # the public: the page itself is refused


def test_a_paraf_through_the_page_moves_the_letter_on(office):
    first = open_page(LETTERS, user="kabid", id=office["verifying"])
    assert not first.error, [e.value for e in first.error]
    button = next(b for b in first.button if b.key == "letter_approve")
    button.click().run()
    assert not first.exception and first.success, [e.value for e in first.error]
    with repository() as lontar:
        view = lontar.letters.letter(as_(lontar, "konseptor"), office["verifying"])
    assert view["state"] == "verification" and view["step"] == 1
    chain = view["verifiers"]
    assert chain[0]["approval"]["account"] == "kabid" and chain[1]["approval"] is None
    second = open_page(LETTERS, user="sekdis")
    assert queue(second, "to_verify") == ["Permohonan data vaksinasi"]


def test_a_wrong_passphrase_in_the_dialog_says_so_and_the_letter_stays_ready(office):
    signer = open_page(LETTERS, user="kadis", id=office["ready"])
    next(b for b in signer.button if b.key == "letter_sign").click().run()
    assert not signer.exception
    secret = signer.text_input(key="letter_passphrase")
    assert secret.proto.type == secret.proto.PASSWORD
    secret.input("bukan-frasa-ini")
    next(b for b in signer.button if b.key == "letter_sign_go").click().run()
    assert not signer.exception
    assert signer.error, "a wrong passphrase must be reported"
    assert signer.text_input(key="letter_passphrase").value == ""  # cleared after use
    assert "bukan-frasa-ini" not in repr(signer.session_state)
    with repository() as lontar:
        view = lontar.letters.letter(as_(lontar, "konseptor"), office["ready"])
    assert view["state"] == "ready" and not view["number"]


def test_the_dialog_signs_and_the_verification_page_shows_the_letter(office):
    signer = open_page(LETTERS, user="kadis", id=office["ready"])
    next(b for b in signer.button if b.key == "letter_sign").click().run()
    signer.text_input(key="letter_passphrase").input(PASSPHRASE)
    next(b for b in signer.button if b.key == "letter_sign_go").click().run()
    assert not signer.exception and not signer.error, [e.value for e in signer.error]
    assert any("ditandatangani dengan nomor" in s.value for s in signer.success)
    with repository() as lontar:
        view = lontar.letters.letter(as_(lontar, "konseptor"), office["ready"])
    assert view["state"] == "signed" and view["number"]
    public = open_page(VERIFY, id=view["signed"]["verify_id"])
    assert not public.exception and not public.error, [e.value for e in public.error]
    facts = static_facts(public)
    assert facts["Nomor"] == view["number"]
    assert facts["Hal"] == "Undangan rapat koordinasi imunisasi"
    assert facts["Penandatangan"] == "Dr. Hadi Kepala Dinas"
    assert facts["SHA-256"] == view["signed"]["sha256"]
    assert re.fullmatch(r"\d{1,2} \w+ 20\d\d", facts["Tanggal"])
    assert any("bukan tanda tangan elektronik tersertifikasi" in w.value for w in public.warning)
    with repository() as lontar:
        signed = lontar.letters.signed_pdf(as_(lontar, "konseptor"), office["ready"])
    close_services()
    public = open_page(VERIFY)  # anyone compares a copy
    public.get("file_uploader")[0].set_value([("salinan.pdf", signed, "application/pdf")]).run()
    assert [m.value for m in public.success] == [
        "Salinan ini sama persis (bit demi bit) dengan naskah yang ditandatangani."
    ]
    assert static_facts(public)["Nomor"] == view["number"]
    altered = bytearray(signed)
    altered[200] ^= 1  # one bit inside the first page's content stream
    altered = bytes(altered)
    public.get("file_uploader")[0].set_value([("ubah.pdf", altered, "application/pdf")]).run()
    assert public.warning and "tidak sama" in public.warning[0].value
    check = static_facts(public)["Pemeriksaan tanda tangan"]
    assert check != "Tanda tangan sah, dokumen utuh, sertifikat dipercaya.", check
    clerk = open_page(LETTERS, user="agendaris")  # the unit's registry clerk
    register = next(d.value for d in clerk.dataframe if "Penandatangan" in d.value.columns)
    assert list(register["Nomor"]) == [view["number"]]
    assert list(register["Penandatangan"]) == ["Dr. Hadi Kepala Dinas"]
    labels = [b.proto.label for b in clerk.get("download_button")]
    assert "Unduh Excel" in labels


def test_a_rahasia_letter_shows_only_its_hash_and_a_wrong_id_nothing(office):
    with repository() as lontar:
        letter_id = ready(lontar, sifat="rahasia", hal="Hasil audit rahasia")
        signed = lontar.letters.sign(as_(lontar, "kadis"), letter_id, PASSPHRASE, 1)
        view = lontar.letters.letter(as_(lontar, "konseptor"), letter_id)
    close_services()
    public = open_page(VERIFY, id=view["signed"]["verify_id"])
    assert not public.error
    assert "Hasil audit" not in text_of(public) and signed["number"] not in text_of(public)
    assert static_facts(public) == {"SHA-256": view["signed"]["sha256"]}
    wrong = open_page(VERIFY, id="AAAAAAAAAAAAAAAAAAAAAA")
    assert [e.value for e in wrong.error] and "tidak ditemukan" in wrong.error[0].value
    assert not [t for t in wrong.table]
    assert wrong.get("file_uploader")  # the upload box is always there


def static_facts(app: AppTest) -> dict[str, str]:
    table = app.table[0].value
    return {label: shown(value) for label, value in zip(table.index, table[" "], strict=True)}


def test_konsep_naskah_saves_a_draft_by_names(office):
    app = open_page(DRAFT, user="konseptor")
    assert not app.exception and not app.error
    app.selectbox(key="lf_type").set_value("nota_dinas")
    app.text_input(key="lf_classification").input("000.1")
    app.text_input(key="lf_hal").input("Laporan bulanan imunisasi")
    app.text_area(key="lf_body").input("Dengan hormat,\n\nBersama ini kami sampaikan laporan.")
    recipients = app.multiselect(key="lf_recipients")
    head = "Jabatan: Kepala Dinas Kesehatan — Dr. Hadi Kepala Dinas (Dinas Kesehatan)"
    assert head in recipients.options  # names, not codes
    recipients.set_value(["position:KADIS"])
    app.selectbox(key="lf_signer").set_value("KADIS")
    app.multiselect(key="lf_verifiers").set_value(["SEKDIS"]).run()
    next(b for b in app.button if b.key == "lf_preview").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert app.get("image"), "the preview draws the PDF's pages"
    next(b for b in app.button if b.key == "lf_save").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    with repository() as lontar:
        mine = lontar.letters.queues(as_(lontar, "konseptor"))["drafts"]
    assert "Laporan bulanan imunisasi" in [row["hal"] for row in mine]


def test_ubah_opens_the_draft_in_the_form_and_saves_its_next_version(office):
    author = open_page(LETTERS, user="konseptor", id=office["draft"])
    next(b for b in author.button if b.key == "letter_edit").click().run()
    assert not author.exception and not author.error, [e.value for e in author.error]
    assert author.text_input(key="lf_hal").value == "Konsep awal"  # the draft's fields, loaded
    assert author.selectbox(key="lf_signer").value == "KADIS"
    assert author.multiselect(key="lf_verifiers").value == ["KABID", "SEKDIS"]
    assert author.multiselect(key="lf_recipients").value == ["unit:DPK"]
    author = open_page(DRAFT, user="konseptor", id=office["draft"])  # AppTest forgets a
    author.text_input(key="lf_hal").input("Konsep kedua")  # page switched to by the script
    next(b for b in author.button if b.key == "lf_save").click().run()
    assert not author.exception and not author.error, [e.value for e in author.error]
    with repository() as lontar:
        view = lontar.letters.letter(as_(lontar, "konseptor"), office["draft"])
    assert view["version"] == 2 and view["hal"] == "Konsep kedua"


def test_a_verifier_sees_what_changed_since_the_version_they_read(office):
    first = open_page(LETTERS, user="kabid", id=office["verifying"])  # reads version 1
    changed = next(e for e in first.expander if e.label.startswith("Perubahan"))
    assert [c.value for c in changed.caption] == [
        "Tidak ada perubahan sejak versi yang terakhir Anda baca."
    ]
    with repository() as lontar:
        lontar.letters.send_back(as_(lontar, "kabid"), office["verifying"], "Perjelas hal", 1)
        edited = fields(hal="Permohonan data vaksinasi campak", recipients=["unit:DPK"])
        lontar.letters.edit(as_(lontar, "konseptor"), office["verifying"], edited)
    close_services()
    again = open_page(LETTERS, user="kabid", id=office["verifying"])
    changed = next(e for e in again.expander if e.label.startswith("Perubahan"))
    shown_words = " ".join(m.value for m in changed.markdown)
    assert ":green-background[campak]" in shown_words  # the word added, marked
    assert "Dari versi 1 ke versi 2" in changed.caption[0].value


def test_only_administrators_open_tata_naskah_and_everyone_verifikasi(office):
    refused = open_page(ADMIN_PAGE, user="kadis")
    assert refused.warning and not refused.tabs
    admin = open_page(ADMIN_PAGE, user="kepala")
    assert not admin.exception and not admin.error, [e.value for e in admin.error]
    assert [tab.label for tab in admin.tabs] == [
        "Jenis naskah", "Jabatan", "Kelompok tujuan", "Kop surat", "Tanda tangan elektronik",
    ]  # fmt: skip
    positions = next(d.value for d in admin.dataframe if "Pemangku" in d.value.columns)
    assert "Dr. Hadi Kepala Dinas" in list(positions["Pemangku"])  # holders by name
    public = open_page(VERIFY)
    assert not public.exception and public.get("file_uploader") and not public.table
    shown_links = links(public, where=public.sidebar)
    assert "Verifikasi Naskah" in shown_links and not [w for w in shown_links if "Tata" in w]


def test_a_broken_template_is_refused_with_its_line_and_a_good_one_is_previewed(office):
    admin = open_page(ADMIN_PAGE, user="kepala")
    admin.selectbox(key="lt_code").set_value("surat_dinas").run()
    source = admin.text_area(key="lt_template_surat_dinas")
    assert "<html" in source.value.lower()  # the built-in template to start from
    good = source.value
    source.input(good.replace("</body>", "{% for x in %}</body>"))
    next(b for b in admin.button if b.key == "lt_template_go_surat_dinas").click().run()
    assert not admin.exception
    assert admin.error and "templat" in admin.error[0].value.lower(), [e.value for e in admin.error]
    with repository() as lontar:
        assert lontar.letters.type_template(ADMIN, "surat_dinas") == good  # nothing kept
    close_services()
    admin.text_area(key="lt_template_surat_dinas").input(
        good.replace("</body>", "<p>Uji</p></body>")
    )
    next(b for b in admin.button if b.key == "lt_template_go_surat_dinas").click().run()
    assert not admin.exception and not admin.error, [e.value for e in admin.error]
    assert [s.value for s in admin.success] == ["Templat sah dan tersimpan."]
    assert admin.get("image"), "the sample letter is drawn from the saved template"


def test_the_qr_route_sends_the_browser_to_the_verification_page():
    def answer(opaque: str):
        scope = {"type": "http", "method": "GET", "path": f"/v/{opaque}", "headers": [],
                 "query_string": b"", "path_params": {"opaque_id": opaque}}  # fmt: skip
        return web.verification(Request(scope))

    found = answer("Zk3_x-9QaB")
    assert found.status_code == 303
    assert found.headers["location"] == "/Verifikasi_Naskah?id=Zk3_x-9QaB"
    assert answer("a%22%3E<script>").headers["location"] == "/Verifikasi_Naskah"


def test_a_clerk_takes_a_number_by_hand_and_the_register_lists_it(office):
    clerk = open_page(LETTERS, user="agendaris")
    assert any(tab.label == "Agenda keluar" for tab in clerk.tabs)
    clerk.selectbox(key="lr_type").set_value("surat_dinas")
    clerk.text_input(key="lr_classification").input("000.1")
    clerk.text_input(key="lr_hal").input("Surat di atas kertas")
    next(b for b in clerk.button if b.key == "lr_reserve_go").click().run()
    assert not clerk.exception and not clerk.error, [e.value for e in clerk.error]
    taken = re.fullmatch(r"Nomor diambil: (.+)\.", clerk.success[0].value).group(1)
    register = next(d.value for d in clerk.dataframe if "Penandatangan" in d.value.columns)
    assert list(register["Nomor"]) == [taken] and list(register["Status"]) == ["Nomor manual"]
    author = open_page(LETTERS, user="konseptor")  # not a registry clerk: no register tab
    assert not any(tab.label == "Agenda keluar" for tab in author.tabs)


def test_a_recipient_opens_the_sent_letter_and_sees_no_drafting(office):
    """The recipient unit's registry clerk sees the letter as sent (no chain, changes,
    history, return note; since issue 20 a member of the unit as such no longer sees it, only
    through its disposition); the signer's page draws the signed file without a download in
    the audit."""
    with repository() as lontar:
        lontar.access.add_account(
            ADMIN, "pustakawan", "pustakawan-uji", {"Pencatat"}, unit="DPK",
            full_name="Rina Pustaka", clearance="R",
        )  # fmt: skip
        letter_id = office["verifying"]
        lontar.letters.send_back(as_(lontar, "kabid"), letter_id, "Catatan internal kabid", 1)
        lontar.letters.edit(as_(lontar, "konseptor"), letter_id, {"body": "Versi kedua."})
        lontar.letters.submit(as_(lontar, "konseptor"), letter_id)
        for verifier in ("kabid", "sekdis"):
            lontar.letters.approve(as_(lontar, verifier), letter_id, 2)
        signed = lontar.letters.sign(as_(lontar, "kadis"), letter_id, PASSPHRASE, 2)
        lontar.letters.send(as_(lontar, "kadis"), letter_id)
    PASSWORDS["pustakawan"] = "pustakawan-uji"
    close_services()
    reader = open_page(LETTERS, user="pustakawan", id=letter_id)
    assert not reader.exception and not reader.error, [e.value for e in reader.error]
    assert static_facts(reader)["Nomor"] == signed["number"]
    assert "Catatan internal kabid" not in text_of(reader)
    assert not [e for e in reader.expander if e.label.startswith(("Perubahan", "Riwayat"))]
    assert any("penerima atau tembusan" in c.value for c in reader.caption)
    assert reader.get("image")  # the signed letter's pages
    signer = open_page(LETTERS, user="kadis", id=letter_id)
    assert not signer.exception and signer.get("image")
    assert [e for e in signer.expander if e.label.startswith("Riwayat")]  # the chain's history
    audit = (Home.resolve().path / "audit" / "audit.jsonl").read_text()
    assert '"letter_downloaded"' not in audit  # drawn twice, downloaded never
