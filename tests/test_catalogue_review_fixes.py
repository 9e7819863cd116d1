"""What the review of the public catalogue found, each kept from coming back: a public record
takes its description only from public records above it; nothing inside a T node is public,
whatever was published inside it; withdrawing a node withdraws what was published below it;
archivists never reach through publication what they may not see; a fonds' "no downloads"
holds below it and the service refuses the file; reference codes sort and resolve as people
read them; odd OAI-PMH tokens and a broken lontar.toml still get a protocol answer; a note
only the fonds shows does not requeue the fonds."""

from __future__ import annotations

import pytest
from oai_repo.resumption import ResumptionToken

from indexes import writer
from indexes.documents import natural
from repository.app import ANONYMOUS, Lontar, SearchRequest
from repository.catalogue.model import DESCRIPTION_FIELDS
from repository.core.content import pemda_of
from repository.core.db import reading
from repository.core.errors import AccessDenied, InvalidInput, RecordNotFound
from repository.core.security import ADMIN
from tests.conftest import add, make_pdf
from tests.test_catalogue_oai import HOST, NS, ask, error_of

SECRET = {
    "creator": "Satuan Tugas Rahasia X",
    "access_conditions": "Hanya untuk penyidik",
    "reproduction_conditions": "Dilarang disalin",
    "language": "jav",
}


def drain(service: Lontar) -> None:
    writer.drain(service.db, service.store)


def opens(service: Lontar, record_id: str) -> bool:
    try:
        service.catalogue.node(ANONYMOUS, record_id)
    except RecordNotFound:
        return False
    return True


def queued(service: Lontar) -> int:
    with reading(service.db) as root:
        return len(pemda_of(root).index_queue)


# -- descriptions come from public records only ------------------------------------------------
def test_a_published_series_takes_nothing_from_its_unpublished_fonds_draft(service):
    """The fonds is of class B but not published; its description is a draft. The series
    published inside it shows the OPD as creator, no conditions, Indonesian: in its view,
    its Dublin Core, OAI-PMH and the search's language facet."""
    new = service.ingest.create_container
    fonds = new(ADMIN, "DPK", "fonds", "Arsip satgas")
    series = new(ADMIN, "DPK", "series", "Seri terbuka", into=fonds)
    item = new(ADMIN, "DPK", "item", "Laporan terbuka", into=series)
    service.catalogue.describe(ADMIN, fonds, {**SECRET, "downloads": False})
    service.catalogue.publish(ADMIN, series)
    drain(service)
    names = ("creator", "access_conditions", "reproduction_conditions", "languages", "downloads")
    for record_id in (series, item):
        node = service.catalogue.node(ANONYMOUS, record_id)
        assert [node[name] for name in names] == [
            "Dinas Perpustakaan dan Kearsipan", "", "", ["ind"], True
        ]  # fmt: skip
        assert fonds not in {crumb["id"] for crumb in node["breadcrumbs"]}
    assert SECRET["creator"] not in service.catalogue.export_dc(ANONYMOUS, series).decode()
    got = ask(service, verb="GetRecord", metadataPrefix="oai_dc", identifier=HOST + item)
    assert got.findtext(".//dc:creator", namespaces=NS) == "Dinas Perpustakaan dan Kearsipan"
    assert service.catalogue.search(ANONYMOUS, SearchRequest()).facets["language"] == {"ind": 2}
    # once the fonds is published, its description is the public one of everything inside
    service.catalogue.publish(ADMIN, fonds)
    drain(service)
    node = service.catalogue.node(ANONYMOUS, item)
    assert (node["creator"], node["languages"], node["downloads"]) == (
        SECRET["creator"], ["jav"], False
    )  # fmt: skip
    assert service.catalogue.search(ANONYMOUS, SearchRequest()).facets["language"] == {"jav": 3}


def test_the_public_description_carries_no_editor_and_no_edit_time(service):
    fonds = service.ingest.create_container(ADMIN, "DPK", "fonds", "Arsip kota")
    service.catalogue.publish(ADMIN, fonds, {"extent": "1 fonds", "creator": "Walikota"})
    drain(service)
    described = service.catalogue.node(ANONYMOUS, fonds)["description"]
    assert set(described) == {*DESCRIPTION_FIELDS, "downloads"}
    assert described["extent"] == "1 fonds"
    assert service.catalogue.description(ADMIN, fonds)["updated_by"] == "admin"  # staff only


# -- nothing inside a T node is public ---------------------------------------------------------
@pytest.fixture
def inspection(service) -> dict:
    """A published fonds; in it a series holding a berkas published on its own, with a PDF."""
    new = service.ingest.create_container
    ids = {"fonds": new(ADMIN, "DPK", "fonds", "Arsip kota")}
    ids["series"] = new(ADMIN, "DPK", "series", "Seri pengawasan", into=ids["fonds"])
    ids["berkas"] = new(ADMIN, "DPK", "file", "Berkas temuan", into=ids["series"])
    ids["item"] = add(
        service, "a.pdf", make_pdf("Temuan pengawasan", "Temuan pengawasan keuangan."),
        unit="DPK", into=ids["berkas"], title="Temuan pengawasan",
    )  # fmt: skip
    service.catalogue.publish(ADMIN, ids["fonds"])
    service.catalogue.publish(ADMIN, ids["berkas"], {"scope_content": "Temuan"})
    drain(service)
    return ids


def test_a_series_raised_to_t_takes_what_was_published_inside_it_out(service, inspection):
    ids = inspection
    assert opens(service, ids["item"])
    service.records.update_record(ADMIN, ids["series"], {"security": "T"})
    inside = {ids[k] for k in ("series", "berkas", "item")}
    hits = service.catalogue.search(ANONYMOUS, SearchRequest(query="temuan")).hits
    assert not any(opens(service, rid) for rid in inside) and not hits  # at once
    service.index.catch_up(ocr=False)
    hits = service.catalogue.search(ANONYMOUS, SearchRequest(query="temuan")).hits
    assert not any(opens(service, rid) for rid in inside) and not hits
    got = ask(service, verb="GetRecord", metadataPrefix="oai_dc", identifier=HOST + ids["item"])
    assert got.find(".//o:header", NS).get("status") == "deleted"
    rows = {row["id"]: (row["public"], row["within"]) for row in service.catalogue.published(ADMIN)}
    assert rows == {ids["fonds"]: (True, None), ids["berkas"]: (False, ids["fonds"])}


def test_nothing_inside_a_t_series_can_be_published(service):
    new = service.ingest.create_container
    fonds = new(ADMIN, "DPK", "fonds", "Arsip kota")
    series = new(ADMIN, "DPK", "series", "Seri terbatas", into=fonds, security="T")
    berkas = new(ADMIN, "DPK", "file", "Berkas di seri terbatas", into=series)
    service.catalogue.publish(ADMIN, fonds)
    with pytest.raises(InvalidInput) as refused:
        service.catalogue.publish(ADMIN, berkas)
    assert refused.value.key == "catalogue_publish_class_above"
    assert "ID-T/DPK/F1/S1 Seri terbatas (klasifikasi T)" in refused.value.message("id")
    assert [row["id"] for row in service.catalogue.published(ADMIN)] == [fonds]


# -- withdrawing withdraws what was published below ---------------------------------------------
def test_withdrawing_a_fonds_withdraws_the_series_published_inside_it(service):
    new = service.ingest.create_container
    fonds = new(ADMIN, "DPK", "fonds", "Arsip kota")
    series = new(ADMIN, "DPK", "series", "Seri kota", into=fonds)
    item = add(
        service, "a.pdf", make_pdf("Surat walikota", "Surat walikota tentang pasar."),
        unit="DPK", into=series, title="Surat walikota",
    )  # fmt: skip
    other = new(ADMIN, "DPK", "fonds", "Arsip lain")
    service.catalogue.publish(ADMIN, series, {"scope_content": "Surat-surat walikota"})
    service.catalogue.publish(ADMIN, fonds, {"creator": "Walikota"})
    service.catalogue.publish(ADMIN, other)
    drain(service)
    done = service.catalogue.unpublish(ADMIN, fonds)
    assert done == {"id": fonds, "records": 3, "also": [series]}
    assert not any(opens(service, rid) for rid in (fonds, series, item))  # at once
    service.index.catch_up(ocr=False)
    assert not any(opens(service, rid) for rid in (fonds, series, item))
    assert service.catalogue.search(ANONYMOUS, SearchRequest(query="walikota")).total == 0
    assert [row["id"] for row in service.catalogue.published(ADMIN)] == [other]
    assert service.catalogue.description(ADMIN, series)["scope_content"] == "Surat-surat walikota"
    shown = service.records.show(ADMIN, series)["history_lines"]
    assert shown[0]["text"] == "Ditarik dari katalog publik."
    trail = service.access.audit_entries(ADMIN, target=series)
    assert ("unpublished", {"with": fonds}) in [(e["action"], e.get("detail")) for e in trail]


# -- archivists see through publication only what they may see -----------------------------------
def test_an_archivist_never_reaches_a_confined_thread(service):
    service.letters.save_position(ADMIN, "DINKES.KADIS", unit="DINKES", name="Kepala", rank=1)
    letter = service.letters.register_external(
        ADMIN, "DINKES",
        {"sender": "RSUD Kota Uji", "their_number": "445/1/RSUD", "their_date": "2026-01-05",
         "hal": "Pengaduan pasien atas nama Budi", "sifat": "biasa",
         "addressed": "DINKES.KADIS"},
        [("surat.pdf", make_pdf("Pengaduan", "Isi pengaduan."))],
    )  # fmt: skip
    thread = letter["thread"]
    service.access.add_account(
        ADMIN, "arsip.dinkes", "arsip-dinkes-uji", {"Arsiparis"}, unit="DINKES"
    )
    archivist = service.access.caller("arsip.dinkes", "uji")
    for attempt in (
        lambda: service.catalogue.description(archivist, thread),
        lambda: service.catalogue.describe(archivist, thread, {"extent": "1 berkas"}),
        lambda: service.catalogue.publish(archivist, thread),
    ):
        with pytest.raises(RecordNotFound):
            attempt()


def test_the_list_of_publications_leaves_out_what_the_archivist_may_not_see(service):
    fonds = service.ingest.create_container(ADMIN, "DPK", "fonds", "Operasi penertiban 1998")
    service.catalogue.publish(ADMIN, fonds)
    drain(service)
    service.records.update_record(ADMIN, fonds, {"security": "SR"})
    service.access.add_account(ADMIN, "arsip.b", "arsip-b-sandi-uji", {"Arsiparis"}, unit="DPK")
    archivist = service.access.caller("arsip.b", "uji")
    assert service.catalogue.published(archivist) == []
    assert [row["title"] for row in service.catalogue.published(ADMIN)] == [
        "Operasi penertiban 1998"
    ]


# -- downloads ---------------------------------------------------------------------------------
def test_a_fonds_that_forbids_downloads_forbids_them_below_and_the_file_is_refused(service):
    new = service.ingest.create_container
    fonds = new(ADMIN, "DPK", "fonds", "Arsip foto")
    series = new(ADMIN, "DPK", "series", "Seri foto", into=fonds)
    item = add(
        service, "a.pdf", make_pdf("Foto", "Foto kota."), unit="DPK", into=series, title="Foto"
    )
    service.catalogue.publish(ADMIN, fonds, {"downloads": False})
    service.catalogue.describe(
        ADMIN, series, {"scope_content": "Foto-foto kota", "downloads": True}
    )
    drain(service)
    assert service.catalogue.node(ANONYMOUS, item)["downloads"] is False
    with pytest.raises(AccessDenied) as refused:
        service.catalogue.file(ANONYMOUS, item, 0)
    assert refused.value.key == "catalogue_no_downloads"
    assert service.catalogue.page_image(ANONYMOUS, item, 0, 1)  # the scan is still shown
    service.catalogue.describe(ADMIN, fonds, {"downloads": True})
    drain(service)
    assert service.catalogue.file(ANONYMOUS, item, 0)["data"].startswith(b"%PDF")


# -- reference codes ----------------------------------------------------------------------------
@pytest.fixture
def twelve(service) -> dict:
    new = service.ingest.create_container
    fonds = new(ADMIN, "DPK", "fonds", "Arsip kota")
    series = new(ADMIN, "DPK", "series", "Seri", into=fonds)
    berkas = [new(ADMIN, "DPK", "file", f"Berkas nomor {n}", into=series) for n in range(1, 13)]
    service.catalogue.publish(ADMIN, fonds)
    drain(service)
    return {"fonds": fonds, "series": series, "berkas": berkas}


def test_the_tree_and_a_browse_list_codes_in_natural_order(service, twelve):
    expected = [f"B{n}" for n in range(1, 13)]
    rows = service.catalogue.children(ANONYMOUS, twelve["series"])["rows"]
    assert [row["refcode"].rsplit("/", 1)[1] for row in rows] == expected
    assert [row["id"] for row in rows] == twelve["berkas"]
    found = service.catalogue.search(ANONYMOUS, SearchRequest(level="file", sort="refcode"))
    assert [hit.refcode.rsplit("/", 1)[1] for hit in found.hits] == expected
    ead = service.catalogue.export_ead(ANONYMOUS, twelve["series"]).decode()
    assert [ead.index(f"Berkas nomor {n}<") for n in range(1, 13)] == sorted(
        ead.index(f"Berkas nomor {n}<") for n in range(1, 13)
    )


def test_top_nodes_are_in_natural_order_too(service):
    new = service.ingest.create_container
    fonds = [new(ADMIN, "DPK", "fonds", f"Arsip {n}") for n in range(1, 12)]
    for record_id in reversed(fonds):
        service.catalogue.publish(ADMIN, record_id)
    drain(service)
    assert [row["id"] for row in service.catalogue.children(ANONYMOUS)["rows"]] == fonds


def test_natural_codes_pad_numbers_and_ignore_case():
    assert natural("ID-T/DPK/F1/S2/B10/3") == (
        "id-t/dpk/f0000000001/s0000000002/b0000000010/0000000003"
    )
    assert sorted(["B10", "b2", "B1"], key=natural) == ["B1", "b2", "B10"]


def test_a_reference_code_resolves_in_any_case_and_an_id_too(service, twelve):
    first = service.catalogue.children(ANONYMOUS, twelve["series"])["rows"][0]
    for typed in (first["refcode"], first["refcode"].lower(), f" {first['id'].upper()} "):
        assert service.catalogue.resolve(typed) == first["id"]
    assert service.catalogue.node(ANONYMOUS, first["refcode"].lower())["id"] == first["id"]
    assert service.catalogue.resolve(first["refcode"].lower() + "9") is None


# -- OAI-PMH ------------------------------------------------------------------------------------
@pytest.mark.parametrize("cursor", [10**6, 2**31, 10**30])
def test_a_forged_cursor_is_a_bad_token_not_an_error(service, twelve, cursor):
    token = ResumptionToken()
    token.cursor, token.complete_list_size = cursor, cursor * 10
    token.args = {"metadataPrefix": "oai_dc"}
    for verb in ("ListRecords", "ListIdentifiers"):
        answer = ask(service, verb=verb, resumptionToken=token.xml(100).text)
        assert error_of(answer) == "badResumptionToken"


def test_a_broken_lontar_toml_leaves_the_oai_provider_answering(service, twelve, monkeypatch):
    monkeypatch.setenv("LONTAR_PUBLIC_URL", "https://arsip.kota-uji.go.id")
    for broken in ('[oai\nadmin_email = "x@y.id"\n', "oai = 5\n", b"\xff\xfe[oai]"):
        if isinstance(broken, bytes):
            service.home.config_file.write_bytes(broken)
        else:
            service.home.config_file.write_text(broken)
        root = ask(service, verb="Identify")
        assert root.findtext(".//o:adminEmail", namespaces=NS) == "admin@arsip.kota-uji.go.id"


# -- what a description change queues ---------------------------------------------------------
def test_a_note_only_the_fonds_shows_queues_the_fonds_alone(service):
    new = service.ingest.create_container
    fonds = new(ADMIN, "DPK", "fonds", "Arsip besar")
    series = new(ADMIN, "DPK", "series", "Seri", into=fonds)
    for n in range(20):
        new(ADMIN, "DPK", "item", f"Item {n}", into=series)
    service.catalogue.publish(ADMIN, fonds, {"admin_history": "Sejarah"})
    drain(service)
    service.catalogue.describe(ADMIN, fonds, {"admin_history": "Sejarah singkat"})
    assert queued(service) == 1
    drain(service)
    assert service.catalogue.node(ANONYMOUS, fonds)["description"]["admin_history"] == (
        "Sejarah singkat"
    )
    service.catalogue.describe(ADMIN, fonds, {"admin_history": "Sejarah singkat"})
    assert queued(service) == 0  # nothing changed
    service.catalogue.describe(ADMIN, fonds, {"creator": "Walikota"})
    assert queued(service) == 22  # what is below shows the creator
