"""The Dasbor page through AppTest on a real repository: the scopes a person may choose, the
figures in their language, the charts and the downloadable tables, and the archive office's
self-assessment form with the band said to be the self-assessment's."""

from __future__ import annotations

import json

import pytest

from repository.core import clock
from repository.core.security import ADMIN
from tests.test_admin_pages import in_english
from tests.test_pages import button, login, open_page, table_with, text_of
from ui import registry
from ui.frame import close_services

PAGE = registry.DASHBOARD.script
PEOPLE = {
    "pimpinan": ({"Pejabat"}, "DINKES", "pimpinan-sandi-1"),
    "arsip": ({"Arsiparis"}, "", "arsip-sandi-1"),
    "staf": ({"Staf"}, "DINKES", "staf-sandi-1"),
}
SCORES = {"penciptaan": 92, "penggunaan": 88.5, "pemeliharaan": 75, "penyusutan": 60}


@pytest.fixture
def dashboard_site(service, monkeypatch):
    """DINKES with three manual numbers this month (one in its bidang), DPK with one."""
    for name, (roles, unit, password) in PEOPLE.items():
        service.access.add_account(ADMIN, name, password, roles, unit=unit)
    fields = {"type": "surat_dinas", "hal": "Surat kertas", "classification": "400.7"}
    for unit in ("DINKES", "DINKES", "DINKES.P2P", "DPK"):
        service.letters.reserve_number(ADMIN, {**fields, "unit": unit})
    service.close()
    monkeypatch.setenv("LONTAR_HOME", str(service.home.path))
    close_services()
    yield service
    close_services()


def as_user(name: str):
    app = open_page()
    login(app, name, PEOPLE[name][2])
    app.switch_page(PAGE)
    app.run()
    assert not app.exception, app.exception[0].message if app.exception else ""
    return app


def metric(app, label: str) -> str:
    return next(m.value for m in app.metric if m.label == label)


def test_a_pejabat_sees_the_figures_of_their_opd_only(dashboard_site):
    app = as_user("pimpinan")
    scope = app.selectbox(key="dash_scope")
    assert list(scope.options) == ["Dinas Kesehatan", "\u2003Bidang P2P"]
    assert metric(app, "Naskah keluar") == "3"
    assert metric(app, "Adopsi naskah elektronik") == "0 %"
    assert metric(app, "Porsi dicatat ≤ 1 hari kerja") == "—"
    this = clock.today()
    months = table_with(app, "Nomor manual")
    assert list(months["Bulan"])[-2:] == [
        f"{['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'][this.month - 1]} {this.year}",  # noqa: E501
        "Jumlah",
    ]
    assert list(months["Nomor manual"])[-1] == "3"
    charts = [json.loads(c.proto.spec) for c in app.get("vega_lite_chart")]
    assert [c["mark"]["type"] for c in charts] == ["bar", "line", "line"]
    assert {c["encoding"]["x"]["title"] for c in charts} == {"Bulan"}
    assert "Permohonan PPID: yang ditugaskan ke unit ini" in text_of(app)
    downloads = [b for b in app.get("download_button")]
    assert len(downloads) == 4  # CSV and Excel of the month table and of the records table
    scope.select_index(1).run()
    assert metric(app, "Naskah keluar") == "1"
    # no form: the OPD's head does not score the OPD
    assert "Simpan penilaian" not in [b.label for b in app.button]
    assert not [n for n in app.number_input if n.key == "dash_penciptaan"]
    assert any("bukan nilai resmi" in i.value for i in app.info)


def test_the_archive_office_enters_the_self_assessment(dashboard_site):
    app = as_user("arsip")
    options = list(app.selectbox(key="dash_scope").options)
    assert options[0] == "Seluruh Pemda (Pemerintah Kota Uji)" and len(options) == 4
    assert metric(app, "Naskah keluar") == "4"
    for element, value in SCORES.items():
        app.number_input(key=f"dash_{element}").set_value(value)
    app.number_input(key="dash_sumber_daya").set_value(70)
    app.text_area(key="dash_note").input("Bukti di map 3")
    button(app, "Simpan penilaian").click().run()
    assert not app.exception
    assert [s.value for s in app.success] == [
        "Penilaian Dinas Kesehatan "
        + str(clock.today().year)
        + " disimpan: rata-rata 77,1, kategori BB."
    ]
    assert "Dinas Kesehatan: rata-rata 77,1, kategori penilaian mandiri BB" in text_of(app)
    table = table_with(app, "Penggunaan")
    assert list(table["Penggunaan"]) == ["88,5"] and list(table["Catatan"]) == ["Bukti di map 3"]
    assert any("bukan nilai resmi" in i.value for i in app.info)


def test_a_score_out_of_range_is_refused_in_words(dashboard_site):
    app = as_user("arsip")
    for element in (*SCORES, "sumber_daya"):
        app.number_input(key=f"dash_{element}").set_value(50)
    app.number_input(key="dash_penciptaan").set_value(None)
    button(app, "Simpan penilaian").click().run()
    assert [e.value for e in app.error] == ["Nilai unsur penciptaan wajib diisi."]
    assert not app.success


def test_in_english_and_refused_to_staff(dashboard_site):
    app = in_english(as_user("pimpinan"))
    assert metric(app, "Letters out") == "3"
    assert any("not an official" in i.value for i in app.info)
    staff = as_user("staf")
    assert [w.value for w in staff.warning] and not staff.get("metric")
