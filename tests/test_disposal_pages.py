"""The Penyusutan page through AppTest: a destruction from DAUM to execution, a transfer signed
by both heads, a hand-over's bag; the record view of a destroyed record; loading a scheme and
the JRA on the Klasifikasi page."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from repository.core import clock
from repository.core.errors import AccessDenied
from repository.core.security import ADMIN
from tests.conftest import JRA, PASSWORDS, SCHEME_V1
from tests.test_admin_pages import repository
from tests.test_pages import RECORD, open_page, shown, table_with
from ui import registry

PAGE = registry.DISPOSAL.script


def pdf_text(data: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


ON = dt.date(2030, 1, 1)


def classified(site, code: str = "000.5", date: str = "2010-01-01") -> None:
    """The public DPK record made due (a 2010 register: destroy from 2015)."""
    with repository() as service:
        service.workbench.load_scheme(ADMIN, SCHEME_V1, "78/2012")
        service.workbench.load_jra(ADMIN, JRA)
        service.records.update_record(ADMIN, site["public"], {"date_start": date})
        service.workbench.classify(ADMIN, site["public"], code)


def click(app, key: str):
    return next(b for b in app.button if b.proto.id.endswith(key) or b.key == key).click().run()


def test_a_destruction_runs_from_daum_to_tombstone_on_the_page(site):
    classified(site)
    app = open_page(PAGE, user="arsiparis")
    app.selectbox(key="destroy_unit").set_value("DPK")
    app.date_input(key="destroy_on").set_value(ON)
    click(app, "destroy_propose_go")
    assert not app.exception and "MUSNAH-" in app.success[0].value
    records = table_with(app, "Retensi (tahun)")
    with repository() as service:
        title = service.records.show(ADMIN, site["public"])["title"]
    assert list(records["Judul"]) == [title]
    assert records["Status"].tolist() == ["diusulkan musnah"]  # not `listed`
    assert any("Kepala Daerah" in c.value for c in app.caption)
    app.text_area(key="panel_members").input("Rina Wulandari; Arsiparis Ahli Muda")
    click(app, "appraise_go")
    assert not app.exception and app.success
    app.text_input(key="decree_number").input("188.45/3/2030")
    app.text_input(key="decree_approver").input("Wali Kota Contoh")
    click(app, "approve_go")
    refused = app.error[0].value  # an Arsiparis may not, and is told why
    assert "persetujuan" in refused and "Pejabat" in refused and "DPK" in refused
    app = open_page(PAGE, user="kepala")  # the approval is recorded by an official
    app.text_input(key="decree_number").input("188.45/3/2030")
    app.text_input(key="decree_approver").input("Wali Kota Contoh")
    click(app, "approve_go")
    assert not app.exception and app.success
    assert app.button(key="destroy_now").disabled
    app.checkbox(key="destroy_sure").check().run()
    app.button(key="destroy_now").click().run()
    assert not app.exception and "1 arsip dimusnahkan" in app.success[0].value
    assert table_with(app, "Retensi (tahun)")["Status"].tolist() == ["dimusnahkan"]
    assert {b.proto.label for b in app.get("download_button")} >= {"Berita acara (PDF)"}
    stone = open_page(RECORD, user="arsiparis", id=site["public"])
    assert stone.error[0].value == "Arsip ini telah dimusnahkan"
    assert any("188.45/3/2030" in shown(m.value) for m in stone.markdown)
    public = open_page(RECORD, id=site["public"])  # no tombstone for the public
    assert public.error and "dimusnahkan" not in public.error[0].value


def test_a_refused_step_says_why_and_keeps_the_list(site):
    classified(site)
    with repository() as service:
        made = service.disposal.propose_destruction(ADMIN, "DPK", on=ON)
        service.disposal.appraise_destruction(ADMIN, made["id"], [("Rina", "Ketua")])
        service.index.catch_up()
    app = open_page(PAGE, user="kepala")
    app.text_input(key="decree_number").input("")  # no decree number
    app.text_input(key="decree_approver").input("Wali Kota")
    click(app, "approve_go")
    assert app.error and "Nomor keputusan" in app.error[0].value
    assert table_with(app, "Retensi (tahun)")["Status"].tolist() == ["diusulkan musnah"]


def test_a_transfer_is_signed_by_both_heads_on_the_page(site):
    classified(site, date="2027-01-01")  # active until 2029: due for transfer in 2030
    with repository() as service:
        service.access.add_account(
            ADMIN, "kadpk", "kepala-dpk-uji", {"Pejabat", "Arsiparis"}, unit="DPK"
        )
        service.access.add_account(ADMIN, "kadis", "kadis-uji", {"Pejabat"}, unit="DINKES")
    PASSWORDS.update({"kadpk": "kepala-dpk-uji", "kadis": "kadis-uji"})
    app = open_page(PAGE, user="kadpk")
    app.selectbox(key="transfer_from").set_value("DPK")
    app.selectbox(key="transfer_to").set_value("DINKES")
    app.date_input(key="transfer_on").set_value(ON)
    click(app, "transfer_propose_go")
    assert not app.exception and "PINDAH-" in app.success[0].value
    app.radio(key="transfer_side").set_value("sender")
    next(b for b in app.button if b.key == "transfer_sign").click().run()
    assert not app.exception and app.success
    head = open_page(PAGE, user="kadis")  # a Pejabat without Arsiparis signs as receiver
    assert not head.warning and not head.exception
    assert not [s for s in head.selectbox if s.key == "transfer_from"]  # draws up nothing
    head.radio(key="transfer_side").set_value("receiver")
    next(b for b in head.button if b.key == "transfer_sign").click().run()
    assert not head.exception and head.success
    with repository() as service:
        found = service.disposal.transfers(ADMIN)[0]
        assert found["state"] == "done" and set(found["signoffs"]) == {"sender", "receiver"}
        staff = service.access.add_account(ADMIN, "stafdpk", "staf-dpk-uji", {"Staf"}, unit="DPK")
        assert service.disposal.transfers(service.access.caller(staff)) == []


def test_the_page_is_for_archivists_only(site):
    assert open_page(PAGE, user="pencatat").warning
    assert open_page(PAGE).warning


def test_scheme_and_jra_are_loaded_from_csv_on_the_classification_page(site):
    app = open_page(registry.CLASSIFY.script, user="kepala")
    app.get("file_uploader")[0].set_value([("skema.csv", SCHEME_V1.encode(), "text/csv")])
    app.text_input(key="scheme_version").input("78/2012")
    click(app, "scheme_go")
    assert not app.exception and "9 kode" in app.success[0].value
    app.get("file_uploader")[1].set_value([("jra.csv", JRA.encode(), "text/csv")])
    click(app, "jra_go")
    assert not app.exception and "5 baris" in app.success[0].value
    bad = JRA.replace("Permanen", "Simpan")
    app.get("file_uploader")[1].set_value([("jra.csv", bad.encode(), "text/csv")])
    click(app, "jra_go")
    assert app.error and "baris 4" in app.error[0].value.lower()
    with repository() as service:
        assert "100.3" in service.workbench.export_jra()


def test_unit_choices_are_the_units_where_the_user_may_act_and_a_refusal_says_why(site):
    with repository() as service:
        service.access.add_account(ADMIN, "arsip.dinkes", "arsip-dinkes-uji", {"Arsiparis"},
                                   unit="DINKES")  # fmt: skip
        units = {u["code"]: u["name"] for u in service.records.units(ADMIN)}
    PASSWORDS["arsip.dinkes"] = "arsip-dinkes-uji"
    app = open_page(PAGE, user="arsip.dinkes")
    offered = app.selectbox(key="destroy_unit").options  # DINKES and the units below it
    assert offered == [units["DINKES"], units["DINKES.P2P"]]  # by name, not code
    assert units["DPK"] not in app.selectbox(key="transfer_from").options
    assert units["DPK"] in app.selectbox(key="transfer_to").options  # any receiver
    with repository() as service, pytest.raises(AccessDenied) as refused:
        service.disposal.propose_destruction(service.access.caller("arsip.dinkes"), "DPK", on=ON)
    said = refused.value.message("id")
    assert "DPK" in said and "Arsiparis" in said


def test_dates_on_the_page_and_in_the_documents_read_as_words(site):
    classified(site)
    with repository() as service:
        made = service.disposal.propose_destruction(ADMIN, "DPK", on=ON)
        daum = service.disposal.destruction_report(ADMIN, made["id"])
    app = open_page(PAGE, user="arsiparis")
    lists = table_with(app, "Disusun")
    today = clock.today()
    assert not any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(v)) for v in lists["Disusun"])
    assert str(today.year) in lists["Disusun"].iloc[0]
    text = pdf_text(daum)
    assert "1 Jan 2010" in text and "2010-01-01" not in text
    assert "Tahap: diusulkan" in text


def test_the_panel_keeps_a_record_chosen_by_its_title(site):
    classified(site)
    with repository() as service:
        made = service.disposal.propose_destruction(ADMIN, "DPK", on=ON)
        title = service.records.show(ADMIN, site["public"])["title"]
    app = open_page(PAGE, user="arsiparis")
    kept = app.multiselect(key="panel_keep")
    assert [o.split(" · ")[0] for o in kept.options] == [title]  # titles, not IDs to type
    kept.set_value([site["public"]])
    app.text_area(key="panel_members").input("Rina Wulandari; Ketua")
    app.text_input(key="panel_keep_reason").input("Masih dirujuk")
    click(app, "appraise_go")
    assert not app.exception and app.success
    assert table_with(app, "Retensi (tahun)")["Status"].tolist() == ["dipertahankan"]
    with repository() as service:
        assert service.disposal.destruction(ADMIN, made["id"])["state"] == "appraised"
