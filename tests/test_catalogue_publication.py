"""Publication for archivists: publishing, describing and withdrawing through the service, the
command line (`lontar publish`, `unpublish`, `describe`, `published`) and the Publikasi
Katalog page; who may and may not; what the history and the audit trail keep; and the demo's
catalogue."""

from __future__ import annotations

import json

import pytest

from repository.app import ANONYMOUS, Lontar, SearchRequest
from repository.core import clock
from repository.core.errors import InvalidInput, RecordNotFound
from repository.core.security import ADMIN
from repository.demo.catalogue import build_catalogue
from tests.conftest import PASSWORDS, add, lontar_cli, make_pdf
from tests.test_admin_pages import in_english
from tests.test_pages import button, links, open_page, text_of
from ui import registry
from ui.frame import close_services, shared

PAGE = registry.PUBLISH.script
DESCRIPTION = {
    "extent": "1 seri, 1 berkas, 1 item",
    "creator": "Kantor Walikota Uji",
    "admin_history": "Kantor walikota sampai penataan perangkat daerah 1999.",
    "scope_content": "Keputusan walikota tentang pasar.",
    "access_conditions": "Terbuka untuk umum.",
    "reproduction_conditions": "Boleh disalin untuk penelitian.",
    "language": "ind nld",
    "downloads": False,
}
ACCOUNTS = {  # name: (roles, unit); passwords from tests.conftest.PASSWORDS
    "arsiparis": ({"Arsiparis"}, "DPK"),
    "staf.dpk": ({"Staf"}, "DPK"),
    "pencatat": ({"Pencatat"}, "DPK"),
    "kepala": ({"Arsiparis"}, "DINKES"),  # an archivist of another unit
}


def tree(service: Lontar) -> dict:
    """DPK: a fonds, a series, a berkas with one PDF item, and a T berkas; the accounts."""
    new = service.ingest.create_container
    ids = {"fonds": new(ADMIN, "DPK", "fonds", "Arsip Walikota", date_start="1950-01-01")}
    ids["series"] = new(ADMIN, "DPK", "series", "Surat keputusan", into=ids["fonds"])
    ids["berkas"] = new(ADMIN, "DPK", "file", "Keputusan pasar 1972", into=ids["series"])
    ids["item"] = add(
        service, "a.pdf", make_pdf("Keputusan pasar", "Pasar rakyat ditata."), unit="DPK",
        into=ids["berkas"], title="Keputusan pasar",
    )  # fmt: skip
    ids["berkas_T"] = new(ADMIN, "DPK", "file", "Berkas terbatas", into=ids["series"],
                          security="T")  # fmt: skip
    for name, (roles, unit) in ACCOUNTS.items():
        service.access.add_account(ADMIN, name, PASSWORDS[name], roles, unit=unit, clearance="R")
    return ids


@pytest.fixture
def archive_tree(service) -> dict:
    return tree(service)


def who(service: Lontar, name: str):
    return service.access.caller(name, "uji")


def history_texts(service: Lontar, record_id: str) -> list[str]:
    return [line["text"] for line in service.records.show(ADMIN, record_id)["history_lines"]]


def audited(service: Lontar, record_id: str) -> list[tuple[str, str, dict]]:
    entries = service.access.audit_entries(ADMIN, target=record_id)
    return [(e["action"], e["actor"], e.get("detail") or {}) for e in entries]


# -- the service -----------------------------------------------------------------------------------
def test_an_archivist_publishes_a_fonds_with_its_description(service, archive_tree):
    ids, archivist = archive_tree, who(service, "arsiparis")
    done = service.catalogue.publish(archivist, ids["fonds"], DESCRIPTION)
    assert done == {"id": ids["fonds"], "records": 5}  # the fonds and the four records below
    stored = service.catalogue.description(archivist, ids["fonds"])
    assert {k: stored[k] for k in DESCRIPTION} == DESCRIPTION
    assert stored["published"] and not stored["public"]  # the index has not got it yet
    assert stored["updated_by"] == "arsiparis"
    service.index.catch_up(ocr=False)
    assert service.catalogue.description(archivist, ids["fonds"])["public"]
    (row,) = service.catalogue.published(archivist)
    assert (row["id"], row["by"], row["unit"], row["public"]) == (
        ids["fonds"], "arsiparis", "DPK", True
    )  # fmt: skip
    assert row["since"][:10] == clock.today().isoformat()
    item = service.catalogue.node(ANONYMOUS, ids["item"])
    assert item["creator"] == "Kantor Walikota Uji" and item["downloads"] is False
    assert item["access_conditions"] == "Terbuka untuk umum."
    assert item["languages"] == ["ind", "nld"]
    assert service.catalogue.search(ANONYMOUS, SearchRequest(query="pasar")).total == 2
    assert "Dipublikasikan ke katalog publik." in history_texts(service, ids["fonds"])
    assert ("published", "arsiparis", {"records": 5}) in audited(service, ids["fonds"])


def test_describing_then_withdrawing_keeps_the_description(service, archive_tree):
    ids, archivist = archive_tree, who(service, "arsiparis")
    service.catalogue.publish(archivist, ids["series"])
    service.catalogue.describe(archivist, ids["series"], {"creator": "Bagian Umum", "extent": "x"})
    assert ("described", "arsiparis", {"fields": ["creator", "extent"]}) in audited(
        service, ids["series"]
    )
    service.index.catch_up(ocr=False)
    assert service.catalogue.node(ANONYMOUS, ids["item"])["creator"] == "Bagian Umum"
    done = service.catalogue.unpublish(archivist, ids["series"])
    assert done == {"id": ids["series"], "records": 4, "also": []}
    with pytest.raises(RecordNotFound):  # at once, before the index caught up
        service.catalogue.node(ANONYMOUS, ids["series"])
    assert service.catalogue.search(ANONYMOUS, SearchRequest(query="pasar")).total == 0
    assert service.catalogue.published(archivist) == []
    kept = service.catalogue.description(archivist, ids["series"])
    assert (kept["creator"], kept["published"], kept["public"]) == ("Bagian Umum", False, False)
    assert history_texts(service, ids["series"])[0] == "Ditarik dari katalog publik."
    assert ("unpublished", "arsiparis", {"records": 4}) in audited(service, ids["series"])
    with pytest.raises(InvalidInput) as refused:
        service.catalogue.unpublish(archivist, ids["series"])
    assert refused.value.key == "catalogue_not_published"


@pytest.mark.parametrize("name", ["staf.dpk", "pencatat", "kepala", None])
def test_only_an_archivist_of_the_unit_may_publish(service, archive_tree, name):
    """A Staf, a Pencatat, an Arsiparis of another unit and the public: the node does not
    exist for them, for publishing, describing, reading its description or withdrawing."""
    ids = archive_tree
    caller = who(service, name) if name else ANONYMOUS
    for attempt in (
        lambda: service.catalogue.publish(caller, ids["fonds"], DESCRIPTION),
        lambda: service.catalogue.describe(caller, ids["fonds"], {"extent": "x"}),
        lambda: service.catalogue.description(caller, ids["fonds"]),
    ):
        with pytest.raises(RecordNotFound):
            attempt()
    service.catalogue.publish(ADMIN, ids["fonds"])
    with pytest.raises(RecordNotFound):
        service.catalogue.unpublish(caller, ids["fonds"])
    assert service.catalogue.published(caller) == []
    assert [r["id"] for r in service.catalogue.published(ADMIN)] == [ids["fonds"]]


def test_an_item_and_a_t_berkas_are_refused_with_why(service, archive_tree):
    ids, archivist = archive_tree, who(service, "arsiparis")
    with pytest.raises(InvalidInput) as refused:
        service.catalogue.publish(archivist, ids["item"])
    assert refused.value.key == "catalogue_publish_level"
    assert "berkas" in refused.value.message("id")
    with pytest.raises(InvalidInput) as refused:
        service.catalogue.publish(archivist, ids["berkas_T"])
    assert refused.value.key == "catalogue_publish_class"
    assert refused.value.message("en").endswith("(this one is T).")
    assert service.catalogue.published(ADMIN) == []
    with pytest.raises(InvalidInput) as refused:
        service.catalogue.describe(archivist, ids["fonds"], {"language": "indonesia"})
    assert refused.value.key == "catalogue_bad_language"


def test_the_language_of_a_description_reaches_the_catalogues_facet(service, archive_tree):
    ids = archive_tree
    service.catalogue.publish(ADMIN, ids["fonds"], {"language": "jav ind"})
    service.index.catch_up(ocr=False)
    found = service.catalogue.search(ANONYMOUS, SearchRequest())
    assert found.facets["language"] == {"jav": 4}  # the T berkas is not public
    service.catalogue.describe(ADMIN, ids["fonds"], {"language": "ind"})
    service.index.catch_up(ocr=False)
    assert service.catalogue.search(ANONYMOUS, SearchRequest()).facets["language"] == {"ind": 4}


# -- the command line ------------------------------------------------------------------------------
@pytest.fixture
def cli_home(home):
    with Lontar(home) as lontar:
        lontar.init("ID-T", "Pemerintah Kota Uji")
        lontar.records.add_unit(ADMIN, "DINKES", "Dinas Kesehatan")
        lontar.records.add_unit(ADMIN, "DPK", "Dinas Perpustakaan dan Kearsipan")
        ids = tree(lontar)
    return home, ids


TOML = """extent = "1 seri"
creator = "Kantor Walikota Uji"
scope_content = \"\"\"Keputusan walikota
tentang pasar.\"\"\"
language = ["ind", "nld"]
downloads = false
"""


def test_cli_publish_with_a_toml_description_describe_and_unpublish(cli_home, tmp_path):
    home, ids = cli_home
    described = tmp_path / "isad.toml"
    described.write_text(TOML)
    done = lontar_cli("publish", ids["fonds"], "--description-file", str(described), home=home)
    first, second = done.stdout.splitlines()
    assert first == (
        "Dipublikasikan: ID-T/DPK/F1 Arsip Walikota (5 arsip termasuk isinya diperiksa; yang "
        "Biasa tampil di katalog)."
    )
    assert second.startswith("Tampil di katalog: http") and second.endswith(
        f"/katalog/{ids['fonds']}"
    )
    shown = json.loads(lontar_cli("describe", ids["fonds"], "--json", home=home).stdout)
    assert shown["creator"] == "Kantor Walikota Uji" and shown["language"] == "ind nld"
    assert shown["scope_content"] == "Keputusan walikota\ntentang pasar." and not shown["downloads"]
    again = lontar_cli("publish", ids["fonds"], "--lang", "en", home=home).stdout
    assert again.splitlines()[0] == "ID-T/DPK/F1 Arsip Walikota was already published."
    listed = lontar_cli("published", home=home).stdout.splitlines()
    assert listed[0] == f"ID-T/DPK/F1  Arsip Walikota  [{ids['fonds']}]"
    assert listed[1].endswith("· admin · Tampil di katalog")
    gone = json.loads(lontar_cli("unpublish", ids["fonds"], "--json", home=home).stdout)
    assert gone == {"id": ids["fonds"], "records": 5, "also": [], "public": False}
    assert lontar_cli("published", home=home).stdout == "Belum ada yang dipublikasikan.\n"
    plain = lontar_cli("describe", ids["fonds"], home=home).stdout.splitlines()
    assert plain[0] == "ID-T/DPK/F1 Arsip Walikota"
    assert "  Nama pencipta (3.2.1): Kantor Walikota Uji" in plain  # the form's labels


def test_cli_publish_json_and_describe_from_a_json_file(cli_home, tmp_path):
    home, ids = cli_home
    described = tmp_path / "isad.json"
    described.write_text(json.dumps({"extent": "1 berkas", "access_conditions": "Terbuka."}))
    found = json.loads(
        lontar_cli(
            "publish", ids["berkas"], "--description-file", str(described), "--json", home=home
        ).stdout
    )
    assert (found["id"], found["records"], found["public"]) == (ids["berkas"], 2, True)
    assert found["description"]["extent"] == "1 berkas"
    described.write_text(json.dumps({"extent": "2 berkas"}))
    said = lontar_cli("describe", ids["berkas"], "--description-file", str(described), home=home)
    assert said.stdout == "Deskripsi ID-T/DPK/F1/S1/B1 Keputusan pasar 1972 disimpan.\n"
    with Lontar(home) as lontar:
        node = lontar.catalogue.node(ANONYMOUS, ids["item"])
        assert node["access_conditions"] == "Terbuka."
        assert lontar.catalogue.description(ADMIN, ids["berkas"])["extent"] == "2 berkas"


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("typo.json", '{"kreator": "x", "extent": "y"}',
         "Kolom tidak dikenal di {path}: kreator. Kolom yang diterima: extent, creator, "
         "admin_history, scope_content, access_conditions, reproduction_conditions, language, "
         "downloads."),
        ("broken.toml", 'extent = "unclosed', "bukan JSON atau TOML yang sah"),
        ("list.json", '["extent"]', "harus berisi satu objek (JSON) atau tabel (TOML)"),
        ("flag.json", '{"downloads": "ya"}', "Kolom downloads di {path} harus true atau false."),
        ("text.toml", "extent = 3", "Kolom extent di {path} harus berupa teks."),
        ("lang.json", '{"language": [1]}', "harus berupa teks atau daftar kode bahasa"),
    ],
)  # fmt: skip
def test_cli_refuses_a_description_file_it_cannot_take(cli_home, tmp_path, name, content, says):
    home, ids = cli_home
    path = tmp_path / name
    path.write_text(content)
    done = lontar_cli("publish", ids["fonds"], "--description-file", str(path), home=home,
                      check=False)  # fmt: skip
    assert done.returncode == 1 and done.stdout == ""
    assert says.format(path=path) in done.stderr
    listed = json.loads(lontar_cli("published", "--json", home=home).stdout)
    assert listed == []  # nothing was published


def test_cli_refuses_staff_items_and_missing_files(cli_home, tmp_path):
    home, ids = cli_home
    done = lontar_cli("publish", ids["fonds"], "--as", "staf.dpk", home=home, check=False)
    assert done.returncode == 1 and ids["fonds"] in done.stderr
    done = lontar_cli("publish", ids["item"], "--lang", "en", home=home, check=False)
    assert done.stderr == "lontar: Only a fonds, series or file can be published (not item).\n"
    done = lontar_cli("unpublish", ids["fonds"], home=home, check=False)
    assert done.stderr == "lontar: Arsip ini tidak dipublikasikan di katalog.\n"
    missing = tmp_path / "none.toml"
    done = lontar_cli("describe", ids["fonds"], "--description-file", str(missing), home=home,
                      check=False)  # fmt: skip
    assert done.returncode == 1 and f"Berkas deskripsi {missing} tidak bisa dibaca" in done.stderr


def test_cli_publish_without_waiting_says_the_index_has_not_got_it(cli_home):
    home, ids = cli_home
    done = lontar_cli("publish", ids["series"], "--no-wait", home=home).stdout.splitlines()
    assert done[1] == (
        "Belum tampil di katalog: menunggu indeks (beberapa detik bila `lontar serve` berjalan)."
    )
    (row,) = json.loads(lontar_cli("published", "--json", home=home).stdout)
    assert (row["id"], row["public"]) == (ids["series"], False)


# -- the page --------------------------------------------------------------------------------------
@pytest.fixture
def page_site(service, monkeypatch):
    ids = tree(service)
    service.close()
    monkeypatch.setenv("LONTAR_HOME", str(service.home.path))
    close_services()
    yield ids
    close_services()


def field(app, kind: str, name: str, record_id: str):
    return getattr(app, kind)(key=f"pub_{name}_{record_id}")


def test_the_archivist_publishes_a_fonds_with_a_description_and_withdraws_it(page_site):
    ids = page_site
    app = open_page(PAGE, user="arsiparis")
    assert "Hanya arsip berklasifikasi **Biasa** yang dipublikasikan" in app.info[0].value
    assert "Belum ada fonds, seri atau berkas yang dipublikasikan" in text_of(app)
    picker = app.selectbox(key="pub_pick_fonds")
    assert list(picker.options) == ["Arsip Walikota · ID-T/DPK/F1"]
    assert "1 ditawarkan: arsip Biasa pada tingkat ini" in text_of(app)
    picker.select_index(0).run()
    assert app.query_params["id"] == ids["fonds"]
    assert "Belum dipublikasikan: menyimpan akan mempublikasikannya" in text_of(app)
    field(app, "text_input", "creator", ids["fonds"]).input("Kantor Walikota Uji")
    field(app, "text_area", "scope_content", ids["fonds"]).input("Keputusan tentang pasar.")
    field(app, "multiselect", "language", ids["fonds"]).select("jav")
    field(app, "checkbox", "downloads", ids["fonds"]).uncheck()
    button(app, "Simpan dan publikasikan").click().run()
    assert not app.exception and not app.error
    assert [s.value for s in app.success] == [
        "Arsip Walikota dipublikasikan. Arsip Biasa di bawahnya tampil di katalog dalam "
        "beberapa detik."
    ]
    assert "Arsip Walikota" in links(app)
    assert app.warning[0].value.startswith("Tidak tampil: menunggu indeks")
    lontar = shared()
    stored = lontar.catalogue.description(ADMIN, ids["fonds"])
    assert (stored["creator"], stored["language"], stored["downloads"]) == (
        "Kantor Walikota Uji", "ind jav", False
    )  # fmt: skip
    lontar.index.catch_up(ocr=False)
    app.run()
    assert "Tampil di katalog" in [s.value for s in app.success]
    assert "Sudah dipublikasikan: menyimpan hanya mengubah deskripsinya." in text_of(app)
    button(app, "Tarik dari katalog").click().run()
    assert any("Tarik **Arsip Walikota** dari katalog?" in w.value for w in app.warning)
    button(app, "Batal").click().run()
    assert not any("Tarik **" in w.value for w in app.warning)
    button(app, "Tarik dari katalog").click().run()
    button(app, "Ya, tarik dari katalog").click().run()
    assert [s.value for s in app.success] == ["Arsip Walikota ditarik dari katalog."]
    assert "Belum ada fonds, seri atau berkas yang dipublikasikan" in text_of(app)
    assert lontar.catalogue.published(ADMIN) == []


def test_editing_a_published_description_from_its_row(page_site):
    ids = page_site
    lontar = shared()
    lontar.catalogue.publish(ADMIN, ids["series"], {"extent": "1 berkas"})
    app = open_page(PAGE, user="arsiparis")
    button(app, "Ubah deskripsi").click().run()
    assert app.query_params["id"] == ids["series"]
    extent = field(app, "text_input", "extent", ids["series"])
    assert extent.value == "1 berkas"
    extent.input("2 berkas")
    button(app, "Simpan deskripsi").click().run()
    assert [s.value for s in app.success] == ["Deskripsi Surat keputusan disimpan."]
    assert lontar.catalogue.description(ADMIN, ids["series"])["extent"] == "2 berkas"


def test_a_deep_link_opens_a_nodes_form_and_an_item_says_why_not(page_site):
    ids = page_site
    app = open_page(PAGE, user="arsiparis", id=ids["berkas"])
    assert field(app, "text_input", "extent", ids["berkas"]).value == ""
    assert list(field(app, "multiselect", "language", ids["berkas"]).value) == ["ind"]
    item = open_page(PAGE, user="arsiparis", id=ids["item"])
    assert [e.value for e in item.error] == [
        "Hanya fonds, seri atau berkas yang dapat dipublikasikan (bukan item)."
    ]
    bad = open_page(PAGE, user="arsiparis", id=ids["fonds"])
    field(bad, "multiselect", "language", ids["fonds"]).set_value([])
    button(bad, "Simpan dan publikasikan").click().run()
    assert bad.error and "Kode bahasa tidak dikenal" in bad.error[0].value
    assert shared().catalogue.published(ADMIN) == []


def test_the_page_is_refused_to_staff_and_speaks_english(page_site):
    staff = open_page(PAGE, user="staf.dpk")
    assert [w.value for w in staff.warning] == [
        "Peran Anda tidak mengizinkan halaman ini. Masuk dengan akun yang berhak."
    ]
    assert not staff.main.selectbox and not staff.info
    assert "Publikasi Katalog" not in links(staff, where=staff.sidebar)
    app = in_english(open_page(PAGE, user="arsiparis"))
    assert "Only records of class **Biasa** (B) are published" in app.info[0].value
    assert app.subheader[1].value == "Publish, or edit a description"


# -- the demo --------------------------------------------------------------------------------------
def test_the_demo_publishes_two_described_fonds_with_hidden_records_inside(service):
    made = build_catalogue(service)
    service.index.catch_up(ocr=False)
    assert len(made["fonds"]) == 2 and len(made["withheld"]) == 4
    public = service.catalogue.search(ANONYMOUS, SearchRequest(page_size=100))
    assert public.total == made["records"] - len(made["withheld"])
    assert not {h.id for h in public.hits} & set(made["withheld"])
    for fonds in made["fonds"]:
        node = service.catalogue.node(ANONYMOUS, fonds)
        assert node["description"]["creator"] and node["description"]["admin_history"]
    everything = service.records.search(ADMIN, SearchRequest(page_size=100))
    assert everything.facets["security"] == {"B": 16, "T": 2, "R": 1}
    found = service.catalogue.search(ANONYMOUS, SearchRequest(query="pasar"))
    assert found.total >= 3 and all(h.security == "B" for h in found.hits)
