"""Administration, audit, sharing and first-start pages through AppTest; metadata that holds
HTML or Markdown shows as typed."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re

from streamlit.testing.v1 import AppTest

from indexes.search import SearchRequest
from repository.core.security import ADMIN
from tests.conftest import PROJECT, add, make_pdf
from tests.test_pages import (
    BROWSE,
    RECORD,
    SEARCH,
    _service,
    button,
    headings_of,
    html_tables,
    links,
    open_page,
    read_html,
    shown,
    static_table,
    table_with,
    text_of,
)
from ui import registry
from ui.frame import close_services


def repository():
    """The repository opened here, after the pages' process-wide service lets go of it."""
    close_services()
    return _service()


ADMIN_PAGE, AUDIT_PAGE = registry.ADMIN.script, registry.AUDIT.script


def in_english(app):
    """The same page after the user switched the language to English."""
    app.query_params["lang"] = "en"  # as the sidebar's English link asks
    app.run()
    assert not app.exception
    return app


def test_only_administrators_see_and_open_the_administration_page(site):
    boss = open_page(user="kepala")
    assert "Administrasi" in links(boss, where=boss.sidebar)
    clerk = open_page(user="pencatat")
    assert "Administrasi" not in links(clerk, where=clerk.sidebar)
    refused = open_page(ADMIN_PAGE, user="arsiparis")
    assert refused.warning and not refused.get("tabs") and not refused.dataframe


def test_administrator_adds_a_user_who_can_then_log_in(site):
    app = open_page(ADMIN_PAGE, user="kepala")
    assert "pencatat" in set(table_with(app, "Nama pengguna").iloc[:, 0])
    app.text_input(key="new_name").input("Siti.Rahma")
    app.text_input(key="new_full_name").input("Siti Rahma")
    app.text_input(key="new_password").input("siti-rahasia-1")
    app.multiselect(key="new_roles").set_value(["Pejabat"])
    app.selectbox(key="new_unit").set_value("DINKES")
    app.selectbox(key="new_clearance").set_value("T")
    button(app, "Tambah pengguna").click().run()
    assert not app.exception and "siti.rahma" in app.success[0].value
    row = table_with(app, "Nama pengguna").set_index("Nama pengguna").loc["siti.rahma"]
    assert row["Izin akses keamanan"] == "Terbatas" and row["Nama lengkap"] == "Siti Rahma"
    assert "Dinas Kesehatan (DINKES): Pejabat" in row["Peran per unit"]  # names, not codes
    english = in_english(open_page(ADMIN_PAGE, user="kepala"))
    row = table_with(english, "User name").set_index("User name").loc["siti.rahma"]
    assert "Dinas Kesehatan (DINKES): Head of unit" in row["Roles per unit"]
    assert row["Clearance"] == "Restricted"
    with repository() as service:
        assert service.access.login("siti.rahma", "siti-rahasia-1").clearance == "T"


def test_bad_account_input_is_a_message_and_nothing_is_added(site):
    app = open_page(ADMIN_PAGE, user="kepala")
    app.text_input(key="new_name").input("budi")
    app.text_input(key="new_password").input("pendek")
    app.multiselect(key="new_roles").set_value(["Staf"])
    button(app, "Tambah pengguna").click().run()
    assert app.error and "8" in app.error[0].value
    assert "budi" not in set(table_with(app, "Nama pengguna")["Nama pengguna"])


def test_grant_clearance_and_disable_take_effect_at_once(site):
    app = open_page(ADMIN_PAGE, user="kepala")
    app.selectbox(key="grant_name").set_value("staf.dpk")
    app.selectbox(key="grant_unit").set_value("DINKES")
    app.multiselect(key="grant_roles").set_value(["Staf"])
    button(app, "Atur peran di unit").click().run()
    app.selectbox(key="account_name").set_value("staf.dpk")
    app.selectbox(key="account_clearance").set_value("T")
    app.button(key="account_save").click().run()
    assert not app.exception and not app.error
    restricted = open_page(SEARCH, user="staf.dpk", q="vaksin")
    assert headings_of(restricted)[0].startswith("1 ")  # DINKES's class T memo
    app.selectbox(key="account_name").set_value("staf.dpk")
    app.radio(key="account_state").set_value("disable")
    app.button(key="account_save").click().run()
    with repository() as service:
        assert service.access.caller("staf.dpk").anonymous


def test_administrator_adds_a_unit_and_blocks_inheritance(site):
    app = open_page(ADMIN_PAGE, user="kepala")
    app.text_input(key="unit_code").input("dinkes.yankes")
    app.text_input(key="unit_name").input("Bidang Pelayanan Kesehatan")
    app.selectbox(key="unit_parent").set_value("DINKES")
    button(app, "Tambah unit").click().run()
    assert "DINKES.YANKES" in app.success[0].value
    app.selectbox(key="block_unit").set_value("DINKES.YANKES")
    app.checkbox(key="block_on").check()
    app.button(key="block_save").click().run()
    tree = table_with(app, "Pewarisan diblokir")
    blocked = dict(zip(tree["Kode unit"], tree["Pewarisan diblokir"], strict=True))
    assert "Bidang Pelayanan Kesehatan" in set(tree["Nama"].str.strip())
    assert blocked["DINKES.YANKES"] and not blocked["DINKES"]


def test_auditor_filters_exports_and_verifies_the_trail(site):
    open_page(RECORD, user="arsiparis", id=site["public"])  # a view to find
    app = open_page(AUDIT_PAGE, user="auditor")
    app.text_input(key="audit_actor").input("arsiparis")
    app.multiselect(key="audit_action").set_value(["viewed"])
    button(app, "Saring").click().run()
    table = table_with(app, "Sasaran")
    assert set(table["Oleh"]) == {"arsiparis"}
    with repository() as service:
        title = service.records.show(ADMIN, site["public"])["title"]
    assert f"{title} · {site['public']}" in set(table["Sasaran"])  # the title, then the id
    assert set(table["Tindakan"]) == {"Arsip dibuka"}  # the action in words, not `viewed`
    assert not any(re.search(r"\d{4}-\d{2}-\d{2}T", w) for w in table["Waktu"])
    exported = app.get("download_button")[0]
    assert exported.proto.label == "Ekspor CSV"
    with repository() as service:
        data = service.access.audit_export(
            service.access.caller("auditor"), actor="arsiparis", action="viewed"
        )
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        assert {r["target"] for r in rows} == {s.split(" · ")[-1] for s in table["Sasaran"]}
        assert any(e["action"] == "exported" for e in service.access.audit.entries())
    button(app, "Periksa rantai hash").click().run()
    assert "utuh" in app.success[0].value


def test_the_audit_page_reports_tampering(site):
    with repository() as service:
        path = service.access.audit.path
    lines = path.read_text().splitlines()
    entry = json.loads(lines[1])
    entry["actor"] = "orang-lain"
    lines[1] = json.dumps(entry)
    path.write_text("\n".join(lines) + "\n")
    app = open_page(AUDIT_PAGE, user="auditor")
    button(app, "Periksa rantai hash").click().run()
    assert app.error and "diubah" in app.error[0].value


def test_staff_cannot_open_the_audit_page(site):
    app = open_page(AUDIT_PAGE, user="pencatat")
    assert app.warning and not app.dataframe


def test_archivist_shares_a_record_with_another_unit(site):
    with repository() as service:
        notes = add(
            service, "notulen.txt", b"Notulen rapat penyusutan arsip", unit="DPK", security="T"
        )
    assert headings_of(open_page(SEARCH, user="pencatat", q="notulen"))[0].startswith("0 ")
    app = open_page(RECORD, user="arsiparis", id=notes)
    app.toggle(key="share_open").set_value(True).run()
    app.selectbox(key="share_target").set_value("DINKES")
    button(app, "Bagikan").click().run()
    assert not app.exception and app.success
    assert "Unit: Dinas Kesehatan" in set(static_table(app, "Unit atau pengguna").iloc[:, 0])
    with repository() as service:
        service.index.catch_up()
    assert headings_of(open_page(SEARCH, user="pencatat", q="notulen"))[0].startswith("1 ")
    app = open_page(RECORD, user="arsiparis", id=notes)
    app.toggle(key="share_open").set_value(True).run()
    app.selectbox(key="unshare_target").select_index(0)  # the one share: DINKES
    button(app, "Cabut berbagi").click().run()
    assert headings_of(open_page(SEARCH, user="pencatat", q="notulen"))[0].startswith("0 ")


def test_sharing_is_offered_only_where_the_caller_may_share(site):
    app = open_page(RECORD, user="pencatat", id=site["restricted"])
    assert "Berbagi" not in [w.label for w in app.toggle]


def test_html_and_markdown_in_metadata_show_as_typed(site):
    title = "<script>alert('x')</script> [klik](javascript:alert(1)) **tebal** :red[merah]"
    name = "<img src=x onerror=alert(1)>.pdf"
    with repository() as service:
        record = add(
            service, name, make_pdf("Nota", "Isi nota skrip."), unit="DPK", title=title,
            description="<b>tebal</b>",
        )  # fmt: skip
    for app in (
        open_page(RECORD, id=record),
        open_page(SEARCH, q="skrip"),
        open_page(BROWSE, node="unit:dpk"),
    ):
        assert not app.exception
        markdown = [e.proto for kind in ("markdown", "title", "caption") for e in app.get(kind)]
        assert not any(getattr(p, "allow_html", False) and "<script" in p.body for p in markdown)
        labels = [e.proto.label for e in app.main.get("page_link")]
        written = [p.body for p in markdown] + labels
        # lists of links and results are HTML blocks (ui.render): the title is their text,
        # escaped, never markup of its own
        bodies = [e.proto.body for e in app.main.get("html")]
        read = read_html(bodies)  # the record's own title heads its block (<h1>)
        linked = [words for words, _ in read.links] + read.titles
        assert any(w.endswith(title) for w in linked) or any(
            shown(w) == title or shown(w).endswith(title) for w in written
        ), (written, linked)
        assert not any("<script>" in w or "](javascript" in w or "**tebal**" in w for w in written)
        assert not any(
            "<script>alert" in b or "<img src=x" in b or "href='javascript" in b for b in bodies
        )
    # the files' lines are an HTML block: the name escaped, shown as typed (no tag of its own)
    files = [e.proto.body for e in open_page(RECORD, id=record).get("html")]
    assert any(html.escape(name, quote=False) in body for body in files), files


def test_first_start_asks_for_the_administrator_with_the_setup_token(tmp_path, monkeypatch):
    from repository.app import Lontar
    from repository.core.config import Home

    home = Home.resolve(tmp_path / "fresh")
    home.ensure()
    with Lontar(home) as service:
        service.init("ID-N", "Pemerintah Kabupaten Baru")
        token = service.access.setup_token()
    assert token and (home.path / "setup-token").stat().st_mode & 0o077 == 0
    monkeypatch.setenv("LONTAR_HOME", str(home.path))
    close_services()
    try:
        app = AppTest.from_file(str(PROJECT / "streamlit_app.py"), default_timeout=60)
        app.run()
        assert app.title[0].value == "Penyiapan pertama"
        assert not app.get("page_link") or "Unggah" not in links(app, where=app.sidebar)
        fill_setup(app, "salah", "admin", "sandi-admin-1")
        assert app.error and "Token penyiapan salah" in app.error[0].value
        fill_setup(app, token, "admin", "sandi-admin-1")
        assert not app.exception and "admin" in text_of(app)
        assert "Administrasi" in links(app, where=app.sidebar)
    finally:
        close_services()
    assert not (home.path / "setup-token").exists()
    with Lontar(home) as service:
        caller = service.access.login("admin", "sandi-admin-1")
        assert "Administrator" in caller.roles and caller.clearance == "SR"
        assert service.records.search(caller, SearchRequest()).total == 0


def fill_setup(app: AppTest, token: str, name: str, password: str) -> None:
    app.text_input(key="setup_token").input(token)
    app.text_input(key="setup_name").input(name)
    app.text_input(key="setup_password").input(password)
    app.text_input(key="setup_again").input(password)
    button(app, "Buat administrator").click().run()


def test_a_signed_in_user_changes_their_password(site):
    app = open_page(user="pencatat")
    assert not [w for w in app.text_input if w.key == "password_old"]  # behind its switch
    app.toggle(key="password_open").set_value(True).run()
    app.text_input(key="password_old").input("salah-sekali")
    app.text_input(key="password_new").input("pencatat-baru-1")
    app.text_input(key="password_again").input("pencatat-baru-1")
    button(app, "Ganti kata sandi").click().run()
    assert app.error and not app.success
    app.text_input(key="password_old").input("pencatat-uji")
    app.text_input(key="password_new").input("pencatat-baru-1")
    app.text_input(key="password_again").input("pencatat-baru-1")
    button(app, "Ganti kata sandi").click().run()
    assert "Kata sandi telah diganti." in [s.value for s in app.success]
    with repository() as service:
        assert service.access.login("pencatat", "pencatat-baru-1").name == "pencatat"


def test_record_view_shows_its_retention_dates_and_holds(site):
    from tests.conftest import JRA, SCHEME_V1

    with repository() as service:
        service.workbench.load_scheme(ADMIN, SCHEME_V1, "78/2012")
        service.workbench.load_jra(ADMIN, JRA)
        service.records.update_record(ADMIN, site["public"], {"date_start": "2019-12-31"})
        service.workbench.classify(ADMIN, site["public"], "000.5")
        service.workbench.hold(ADMIN, site["public"], "Sengketa <b>PTUN</b>")
    app = open_page(RECORD, id=site["public"])
    tables = [t for t in html_tables(app) if "Isi" in t.columns]  # ui.render.table
    table = tables[-1].set_index("Kolom")["Isi"]
    assert table["Aktif sampai"] == "31 Desember 2021"
    assert table["Inaktif sampai"] == "31 Desember 2024"
    assert table["Nasib akhir"] == "Musnah"
    assert shown(table["Kode klasifikasi"]) == "000.5 Kearsipan"  # st.table reads Markdown
    assert "PTUN" in shown(app.warning[0].value) and "\\<b\\>" in app.warning[0].value


def test_classification_queue_suggests_and_classifies_many(site):
    from tests.conftest import JRA, SCHEME_V1

    with repository() as service:
        service.workbench.load_scheme(ADMIN, SCHEME_V1, "78/2012")
        service.workbench.load_jra(ADMIN, JRA)
        letters = [
            h.id for h in service.records.search(ADMIN, SearchRequest(query="surat masuk")).hits
        ]
        for letter in letters[:5]:
            service.workbench.classify(ADMIN, letter, "000.5")
        service.index.catch_up()
    refused = open_page(registry.CLASSIFY.script, user="pencatat")
    assert refused.warning and not refused.dataframe
    app = open_page(registry.CLASSIFY.script, user="arsiparis")
    app.selectbox(key="queue_unit").set_value("DPK").run()
    waiting = int(app.metric[0].value)
    offered = set(app.selectbox(key="queue_unit").options)  # the units where it may act
    assert offered == {"Semua", "Dinas Perpustakaan dan Kearsipan"}
    chosen = app.multiselect(key="queue_chosen")
    assert len(chosen.value) == 1  # the first record waiting is chosen at once
    picked = list(chosen.options)[:2]
    chosen.set_value(picked).run()
    shown_text = shown(text_of(app))
    assert "1. **000.5** Kearsipan" in shown_text and "skor" not in shown_text
    assert re.search(r"\d+ kata sama dengan \d+ arsip berkode 000\.5", shown_text)
    assert "misalnya: Surat masuk" in shown_text
    app.selectbox(key="queue_code").set_value("000.5")
    button(app, "Klasifikasikan").click().run()
    assert not app.exception and "2 arsip diklasifikasi" in app.success[0].value
    # The same page, before the index catches up: the count drops, the next one is chosen.
    assert int(app.metric[0].value) == waiting - 2
    following = app.multiselect(key="queue_chosen").value
    assert len(following) == 1 and not set(following) & set(picked)


def test_retention_page_and_home_counts_show_what_is_due(site):
    from tests.conftest import JRA, SCHEME_V1

    with repository() as service:
        service.workbench.load_scheme(ADMIN, SCHEME_V1, "78/2012")
        service.workbench.load_jra(ADMIN, JRA)
        service.records.update_record(ADMIN, site["public"], {"date_start": "2010-01-01"})
        service.workbench.classify(ADMIN, site["public"], "000.5")
        service.records.update_record(ADMIN, site["letter"], {"date_start": "2023-01-01"})
        service.workbench.classify(ADMIN, site["letter"], "000.5")
    app = open_page(registry.RETENTION.script, user="arsiparis")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Usul musnah / dinilai"] == "1" and metrics["Usul pindah"] == "1"
    tables = [d.value for d in app.dataframe if "Inaktif sampai" in d.value.columns]
    assert [list(t["ID arsip"]) for t in tables] == [[site["letter"]], [site["public"]]]
    for table in tables:  # headers in words, title first, dates in words
        assert table.columns[0] == "Judul"
        assert not {"id", "title", "code", "start", "inactive_until"} & set(table.columns)
        assert table["Nasib akhir"].iloc[0] == "Musnah"
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", table["Aktif sampai"].iloc[0])
    english = in_english(open_page(registry.RETENTION.script, user="arsiparis"))
    columns = {c for d in english.dataframe for c in d.value.columns}
    assert {"Title", "Active until", "Final disposition"} <= columns
    assert {b.proto.label for b in app.get("download_button")} == {"Unduh CSV", "Unduh Excel"}
    home = open_page(user="arsiparis")
    assert {m.label: m.value for m in home.metric}["Usul musnah / dinilai"] == "1"
    public = open_page()
    assert "Usul pindah" not in [m.label for m in public.metric]
    assert open_page(registry.RETENTION.script, user="pencatat").warning


def pick_record(app, key: str, record_id: str) -> None:
    """Chooses a record the way a person does: words of its title, then the hit."""
    with repository() as service:
        title = service.records.show(ADMIN, record_id)["title"]
    app.text_input(key=f"{key}_q").input(title).run()
    app.multiselect(key=key).select(record_id).run()


def test_vital_records_page_and_home_warning(site):
    app = open_page(registry.VITAL.script, user="arsiparis")
    button(app, "Simpan").click().run()
    assert app.error and "Pilih dulu arsipnya" in app.error[0].value  # nothing typed: no ID
    pick_record(app, "vital_records", site["public"])
    app.selectbox(key="vital_method_choice").set_value("Duplikasi")
    app.text_input(key="vital_copy").input("Gudang arsip <kecamatan>")
    button(app, "Simpan").click().run()
    assert not app.exception and app.success
    table = table_with(app, "Lokasi salinan")
    assert list(table["Kurang"]) == ["Salinan diperiksa"]
    assert {b.proto.label for b in app.get("download_button")} == {"Unduh CSV", "Unduh Excel"}
    home = open_page(user="arsiparis")
    assert any("1 arsip vital belum lengkap" in w.value for w in home.warning)
    pick_record(app, "vital_records", site["public"])
    app.selectbox(key="vital_method_choice").set_value("Duplikasi")
    app.text_input(key="vital_copy").input("Gudang arsip kecamatan")
    app.date_input(key="vital_date").set_value(dt.date(2026, 11, 1))
    button(app, "Simpan").click().run()
    assert table_with(app, "Lokasi salinan")["Kurang"].tolist() == ["-"]


def test_the_audit_page_speaks_in_words_and_charts_actions_per_day(site):
    from tests.conftest import JRA, SCHEME_V1

    with repository() as service:
        service.workbench.load_scheme(ADMIN, SCHEME_V1, "78/2012")
        service.workbench.load_jra(ADMIN, JRA)
        service.workbench.classify(ADMIN, site["public"], "000.5")
        service.access.audit.append("admin", "future_action", "", "cli", note="baru")
    app = open_page(AUDIT_PAGE, user="auditor")
    table = table_with(app, "Rincian")
    assert not any("{" in str(d) for d in table["Rincian"])  # sentences, not dicts
    assert "kode 000.5" in set(table["Rincian"])
    assert {"Diklasifikasi", "Skema klasifikasi dimuat"} <= set(table["Tindakan"])
    assert "future_action" in set(table["Tindakan"])  # unknown: its raw name, not hidden
    assert not any(re.search(r"\d{4}-\d{2}-\d{2}T", w) for w in table["Waktu"])
    picker = app.multiselect(key="audit_action")
    assert "Diklasifikasi" in picker.options and "classified" not in picker.options
    assert "future_action" in picker.options  # seen in the trail, offered as it is
    charts = app.get("vega_lite_chart")
    assert charts, "no chart"
    picker.set_value(["classified"])
    button(app, "Saring").click().run()
    assert set(table_with(app, "Rincian")["Tindakan"]) == {"Diklasifikasi"}
    spec = json.loads(charts[0].proto.spec)
    assert spec["encoding"]["color"]["field"] == "action"  # one bar per day, split by action
