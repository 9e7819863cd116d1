"""Kotak Masuk and Beranda's counts through AppTest, on a real repository (FileStorage, the
Pemda's CA, letters waiting for a paraf and a signature, an incoming letter registered
through the receiving service): each person sees their own queues, in words and numbers,
with links to the page that opens each item."""

from __future__ import annotations

from repository.core.security import ADMIN
from tests.conftest import PASSWORDS, make_pdf
from tests.test_letters_pages import as_, office, repository  # noqa: F401  (fixtures)
from tests.test_pages import open_page, text_of
from ui import registry

INBOX = registry.INBOX.script


def metrics(app) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def table(app, title: str):
    """The table of the queue whose expander label starts with `title`."""
    found = next(e for e in app.expander if e.label.startswith(title + " ("))
    return found.dataframe[0].value


def test_each_person_sees_their_own_queues_with_links(office):  # noqa: F811
    kabid = open_page(INBOX, user="kabid")
    assert not kabid.error
    assert metrics(kabid)["Perlu diparaf"] == "1" and metrics(kabid)["Perlu ditandatangani"] == "0"
    rows = table(kabid, "Perlu diparaf")
    assert list(rows["Hal"]) == ["Permohonan data vaksinasi"]
    assert list(rows["Jenis"]) == ["Naskah keluar"]
    assert rows["Buka"][0] == f"{registry.LETTERS.url}?id={office['verifying']}"
    kadis = open_page(INBOX, user="kadis")
    assert list(table(kadis, "Perlu ditandatangani")["Hal"]) == [
        "Undangan rapat koordinasi imunisasi"
    ]
    outsider = open_page(INBOX, user="orang.luar")
    assert "Tidak ada yang menunggu Anda." in [str(s.value) for s in outsider.success]


def test_an_incoming_letter_is_listed_for_its_addressee_and_counted_on_beranda(office):  # noqa: F811
    lontar = repository()
    made = lontar.letters.register_external(
        as_(lontar, "agendaris"),
        "DINKES",
        {"sender": "Puskesmas Uji", "their_number": "12/PKM", "hal": "Laporan KLB campak"},
        [("laporan.pdf", make_pdf("Laporan KLB campak", "Isi."))],
    )
    lontar.close()
    kadis = open_page(INBOX, user="kadis")
    rows = table(kadis, "Naskah masuk belum dibaca")
    assert list(rows["Hal"]) == ["Laporan KLB campak"] and list(rows["Dari"]) == ["Puskesmas Uji"]
    assert rows["Buka"][0] == f"{registry.INCOMING.url}?id={made['id']}"
    home = open_page(user="kadis")
    assert "Pekerjaan naskah dinas" in text_of(home)
    counted = metrics(home)
    assert counted["Perlu ditandatangani"] == "1" and counted["Naskah masuk belum dibaca"] == "1"
    assert "Kotak Masuk" in text_of(home)  # the link to the page


def test_beranda_says_when_nothing_waits_and_shows_the_public_no_queues(office):  # noqa: F811
    lontar = repository()
    lontar.access.add_account(ADMIN, "tamu", "tamu-uji-sandi", {"Staf"}, unit="DINKES")
    lontar.close()
    PASSWORDS["tamu"] = "tamu-uji-sandi"
    home = open_page(user="tamu")
    assert "Pekerjaan naskah dinas" in text_of(home) and "Tidak ada yang menunggu Anda." in text_of(
        home
    )
    public = open_page()
    assert "Pekerjaan naskah dinas" not in text_of(public)


def test_a_person_sets_their_own_notification_address(office):  # noqa: F811
    kabid = open_page(INBOX, user="kabid")
    field = next(w for w in kabid.text_input if w.label == "Alamat surel")
    field.input("bukan-alamat")
    kabid.button(key="FormSubmitter:inbox_email-Simpan alamat").click().run()
    assert "Alamat surel 'bukan-alamat' tidak sah." in [str(e.value) for e in kabid.error]
    field = next(w for w in kabid.text_input if w.label == "Alamat surel")
    field.input("kabid@dinkes.kotauji.go.id")
    kabid.button(key="FormSubmitter:inbox_email-Simpan alamat").click().run()
    assert "Alamat surel disimpan." in [str(s.value) for s in kabid.success]
    lontar = repository()
    try:
        assert lontar.letters.email(as_(lontar, "kabid")) == "kabid@dinkes.kotauji.go.id"
    finally:
        lontar.close()
