"""EAD 2002 and Dublin Core of the public catalogue: every file valid against the official
schemas (tests/schemas/, tests/xsd.py), holding exactly the public records (compared with the
rule itself, `security.catalogue_public`, read from the database), never a T, R, SR, confined
or unpublished one, with hostile text intact; the same from `lontar export-ead` and
`lontar export-dc`. And the validator itself: it refuses what the schemas refuse, so a test
that passes is one that validated."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from repository.app import ANONYMOUS, Lontar
from repository.catalogue import dc, ead, views
from repository.catalogue.exchange import institution, public_tree
from repository.core.content import ROOT_KEY, pemda_of
from repository.core.db import reading, write
from repository.core.errors import RecordNotFound
from repository.core.security import ADMIN, catalogue_public
from repository.records.records import get_record
from repository.records.sharing import enqueue_subtree
from tests.conftest import add, lontar_cli, make_pdf, make_scan
from tests.xsd import SCHEMAS, validate

E = "{urn:isbn:1-931666-22-9}"
DCNS = "{http://purl.org/dc/elements/1.1/}"
XLINK = "{http://www.w3.org/1999/xlink}"
ODD = "Keputusan & <pasar> \"rakyat\" 'lama' ]]> 😀 — Rp 1.000 < 2.000 & ±"
LONG = "\n\n".join(
    f"Paragraf {n}: riwayat kantor walikota & dinas <arsip>." * 40 for n in range(60)
)
HIDDEN = {  # key -> a title that must never leave the building
    "item_T": "Nota terbatas kenari",
    "item_R": "Memo rahasia kenari",
    "item_SR": "Rencana sangat rahasia kenari",
    "berkas_T": "Berkas terbatas kenari",
    "item_under_T": "Catatan biasa di berkas terbatas",
    "series_R": "Seri rahasia kenari",
    "item_under_R": "Item biasa di seri rahasia",
    "thread": "Utas naskah masuk kenari",
    "item_in_thread": "Surat biasa di utas",
    "unpublished": "Arsip belum terbit kenari",
    "unpublished_item": "Laporan belum terbit kenari",
}
DESCRIPTION = {
    "creator": "Sekretariat Walikota & <Bagian Umum>",
    "admin_history": LONG,
    "scope_content": "Surat keputusan walikota 1950–1999 😀.\n\nTermasuk peta pasar.",
    "extent": "12 boks arsip & 3 peta",
    "access_conditions": "Terbuka untuk umum <tanpa syarat>.",
    "reproduction_conditions": "Salinan dengan izin & biaya.",
    "language": "ind eng",
}


def build(lontar: Lontar) -> dict[str, str]:
    """A published fonds in DPK: a described series, a berkas with a PDF, a scan, an odd title
    and T, R and SR items; a T berkas and an R series each with a B record inside; a confined
    thread (a received letter's) with a B letter in it; and an unpublished fonds."""
    new, ids = lontar.ingest.create_container, {}
    ids["fonds"] = new(ADMIN, "DPK", "fonds", "Arsip Walikota & <Kota> 😀",
                       date_start="1950-01-01", date_end="1999-12-31")  # fmt: skip
    ids["series"] = new(ADMIN, "DPK", "series", "Surat keputusan", into=ids["fonds"],
                        description="Keputusan tentang pasar.")  # fmt: skip
    ids["berkas"] = new(ADMIN, "DPK", "file", "Berkas pasar rakyat", into=ids["series"],
                        date_start="1970-01-01", date_end="1971-06-30")  # fmt: skip
    opts = {"unit": "DPK", "into": ids["berkas"]}
    ids["item_pdf"] = add(lontar, "a.pdf", make_pdf("Keputusan pasar", "Pasar rakyat."),
                          title="Keputusan pasar rakyat", **opts)  # fmt: skip
    ids["item_scan"] = add(lontar, "b.png", make_scan("Peta pasar"), title="Peta pasar", **opts)
    ids["item_odd"] = add(lontar, "c.txt", b"Teks biasa.", title=ODD, **opts)
    for key, cls in (("item_T", "T"), ("item_R", "R"), ("item_SR", "SR")):
        ids[key] = add(lontar, f"{cls}.pdf", make_pdf(HIDDEN[key], "Isi."), title=HIDDEN[key],
                       security=cls, **opts)  # fmt: skip
    ids["berkas_T"] = new(ADMIN, "DPK", "file", HIDDEN["berkas_T"], into=ids["series"],
                          security="T")  # fmt: skip
    ids["item_under_T"] = add(lontar, "t.txt", b"Catatan.", unit="DPK", into=ids["berkas_T"],
                              title=HIDDEN["item_under_T"])  # fmt: skip
    ids["series_R"] = new(ADMIN, "DPK", "series", HIDDEN["series_R"], into=ids["fonds"],
                          security="R")  # fmt: skip
    ids["item_under_R"] = new(ADMIN, "DPK", "item", HIDDEN["item_under_R"], into=ids["series_R"])
    ids["thread"] = new(ADMIN, "DPK", "file", HIDDEN["thread"], into=ids["series"])
    ids["item_in_thread"] = add(lontar, "u.txt", b"Undangan.", unit="DPK", into=ids["thread"],
                                title=HIDDEN["item_in_thread"])  # fmt: skip
    ids["unpublished"] = new(ADMIN, "DPK", "fonds", HIDDEN["unpublished"])
    ids["unpublished_item"] = add(lontar, "n.txt", b"Laporan.", unit="DPK",
                                  into=ids["unpublished"],
                                  title=HIDDEN["unpublished_item"])  # fmt: skip

    def confine(root) -> None:  # as a received letter's thread is (letters/threads.py)
        record = get_record(root[ROOT_KEY], ids["thread"])
        record.confined = ("user:sekretaris",)
        enqueue_subtree(root[ROOT_KEY], record)

    write(lontar.db, confine)
    lontar.catalogue.publish(ADMIN, ids["fonds"], DESCRIPTION)
    lontar.catalogue.describe(ADMIN, ids["series"], {"scope_content": "Seri keputusan."})
    lontar.index.catch_up(ocr=False)
    return ids


@pytest.fixture
def published(service):
    return service, build(service)


def public_below(lontar: Lontar, top: str) -> set[str]:
    """The rule, read from the database: the public records at and below `top`."""
    with reading(lontar.db) as root:
        records = pemda_of(root).records
        return {
            rid
            for rid, record in records.items()
            if catalogue_public(record, strict=True)
            and (rid == top or top in {getattr(a, "id", None) for a in record.ancestors()})
        }


def parsed(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(huge_tree=True))


# -- EAD ----------------------------------------------------------------------------------------
def test_ead_of_a_fonds_is_valid_and_holds_exactly_its_public_records(published):
    service, ids = published
    data = service.catalogue.export_ead(ANONYMOUS, ids["fonds"])
    validate(data, "ead")
    root = parsed(data)
    public = public_below(service, ids["fonds"])
    assert {ids[k] for k in ("fonds", "series", "berkas", "item_pdf", "item_scan")} <= public
    components = {c.get("id")[len("lontar-") :] for c in root.iter(f"{E}c")}
    assert components | {ids["fonds"]} == public
    for key, title in HIDDEN.items():
        assert title.encode() not in data, key
        assert ids[key].encode() not in data, key
    # nesting follows the tree, in reference order
    with reading(service.db) as db_root:
        records = pemda_of(db_root).records
        for c in root.iter(f"{E}c"):
            record = records[c.get("id")[len("lontar-") :]]
            above = c.getparent()
            above_id = above.get("id") if above.tag == f"{E}c" else "lontar-" + ids["fonds"]
            assert above_id == f"lontar-{record.parent.id}"
            assert c.get("level") == record.level
            assert c.findtext(f"{E}did/{E}unitid") == record.reference_code
    items = [
        c.findtext(f"{E}did/{E}unittitle") for c in root.iter(f"{E}c") if c.get("level") == "item"
    ]
    assert items == ["Keputusan pasar rakyat", "Peta pasar", ODD]


def test_ead_carries_the_isad_g_description_and_the_digital_objects(published):
    service, ids = published
    root = parsed(service.catalogue.export_ead(ANONYMOUS, ids["fonds"]))
    header, archdesc = root.find(f"{E}eadheader"), root.find(f"{E}archdesc")
    url = f"{service.catalogue.base_url}/katalog/{ids['fonds']}"
    assert header.find(f"{E}eadid").get("url") == url
    assert header.find(f"{E}eadid").get("mainagencycode") == "ID-T"
    filedesc = header.find(f"{E}filedesc")
    assert filedesc.findtext(f"{E}titlestmt/{E}titleproper") == "Arsip Walikota & <Kota> 😀"
    assert filedesc.findtext(f"{E}publicationstmt/{E}publisher") == "Pemerintah Kota Uji"
    assert archdesc.get("level") == "fonds"
    did = archdesc.find(f"{E}did")
    assert did.find(f"{E}unitdate").get("normal") == "1950-01-01/1999-12-31"
    assert did.findtext(f"{E}physdesc/{E}extent") == DESCRIPTION["extent"]
    assert did.findtext(f"{E}origination/{E}corpname") == DESCRIPTION["creator"]
    assert [x.get("langcode") for x in did.iter(f"{E}language")] == ["ind", "eng"]
    assert did.findtext(f"{E}repository/{E}corpname") == "Pemerintah Kota Uji"
    history = [p.text for p in archdesc.findall(f"{E}bioghist/{E}p")]
    assert history == [p.strip() for p in LONG.split("\n\n")]  # every paragraph, all of it
    assert archdesc.findtext(f"{E}accessrestrict/{E}p") == DESCRIPTION["access_conditions"]
    assert archdesc.findtext(f"{E}userestrict/{E}p") == DESCRIPTION["reproduction_conditions"]
    series = archdesc.find(f"{E}dsc/{E}c")
    assert series.findtext(f"{E}scopecontent/{E}p") == "Seri keputusan."
    daos = {c.get("id")[7:]: c.find(f"{E}did/{E}dao") for c in root.iter(f"{E}c")}
    base = service.catalogue.base_url
    assert daos[ids["item_pdf"]].get(f"{XLINK}href") == f"{base}/katalog/{ids['item_pdf']}"
    assert daos[ids["item_pdf"]].get(f"{XLINK}role") == "application/pdf"
    assert daos[ids["item_scan"]].get(f"{XLINK}role") == "image/png"
    assert daos[ids["berkas"]] is None  # a berkas has no file of its own
    for element in root.iter():  # nothing empty: EAD refuses some, none says anything
        assert (element.text or "").strip() or len(element) or element.tag == f"{E}dao"


def test_ead_of_a_series_by_reference_code_is_that_subtree(published):
    service, ids = published
    with reading(service.db) as root:
        refcode = pemda_of(root).records[ids["series"]].reference_code
    data = service.catalogue.export_ead(ANONYMOUS, refcode)
    validate(data, "ead")
    tree = parsed(data)
    assert tree.find(f"{E}archdesc").get("level") == "series"
    assert {c.get("id")[7:] for c in tree.iter(f"{E}c")} | {ids["series"]} == public_below(
        service, ids["series"]
    )
    assert b"Arsip Walikota" not in data  # the fonds above is not described here


def test_what_is_not_public_is_not_found_and_access_changes_apply_at_once(published):
    service, ids = published
    for key in HIDDEN:
        for export in (service.catalogue.export_ead, service.catalogue.export_dc):
            with pytest.raises(RecordNotFound):
                export(ANONYMOUS, ids[key])
    with pytest.raises(RecordNotFound):
        service.catalogue.export_ead(ADMIN, "tidak-ada")
    service.records.update_record(ADMIN, ids["berkas"], {"security": "T"})  # no index wait
    data = service.catalogue.export_ead(ANONYMOUS, ids["fonds"])
    validate(data, "ead")
    assert b"Berkas pasar rakyat" not in data and b"Keputusan pasar rakyat" not in data
    with pytest.raises(RecordNotFound):
        service.catalogue.export_dc(ANONYMOUS, ids["item_pdf"])
    service.catalogue.unpublish(ADMIN, ids["fonds"])
    for key in ("fonds", "series"):
        with pytest.raises(RecordNotFound):
            service.catalogue.export_ead(ANONYMOUS, ids[key])


def test_the_lazy_tree_is_the_public_projection(published):
    """What the EAD export walks (`exchange.public_tree`) is `views.tree_dict`, read lazily."""
    service, ids = published

    def materialised(tree: dict) -> dict:
        return {**tree, "children": [materialised(c) for c in tree["children"]]}

    with reading(service.db) as root:
        pemda = pemda_of(root)
        fonds = pemda.records[ids["fonds"]]
        lazy = materialised(public_tree(fonds, "https://arsip.example"))
        assert lazy == views.tree_dict(fonds, "https://arsip.example")
        assert institution(pemda, "https://arsip.example") == {
            "name": "Pemerintah Kota Uji", "code": "ID-T", "url": "https://arsip.example",
        }  # fmt: skip
    assert len(lazy["children"]) == 1  # the series; the R series is not public


def test_exports_are_audited_with_their_format(published):
    service, ids = published
    service.catalogue.export_ead(ANONYMOUS, ids["fonds"])
    service.catalogue.export_dc(ANONYMOUS, ids["item_pdf"])
    found = [
        (e["target"], e["detail"]["format"])
        for e in service.context.audit.entries()
        if e["action"] == "exported"
    ]
    assert found == [(ids["fonds"], "ead"), (ids["item_pdf"], "dc")]


# -- Dublin Core --------------------------------------------------------------------------------
def test_dublin_core_of_every_public_record_is_valid(published):
    service, ids = published
    for rid in public_below(service, ids["fonds"]):
        data = service.catalogue.export_dc(ANONYMOUS, rid)
        validate(data, "oai_dc")
        for title in HIDDEN.values():
            assert title.encode() not in data


def test_dublin_core_maps_the_description(published):
    service, ids = published
    base = service.catalogue.base_url
    root = parsed(service.catalogue.export_dc(ANONYMOUS, ids["fonds"]))
    values = {}
    for element in root:
        values.setdefault(element.tag.replace(DCNS, ""), []).append(element.text)
    assert values["title"] == ["Arsip Walikota & <Kota> 😀"]
    assert values["creator"] == [DESCRIPTION["creator"]]
    assert values["description"] == [DESCRIPTION["scope_content"]]
    assert values["publisher"] == ["Pemerintah Kota Uji"]
    assert values["date"] == ["1950-01-01/1999-12-31"]
    assert values["type"] == ["Collection", "fonds"]
    assert values["format"] == [DESCRIPTION["extent"]]
    assert values["identifier"][1] == f"{base}/katalog/{ids['fonds']}"
    assert values["language"] == ["ind", "eng"]
    assert values["rights"] == [
        DESCRIPTION["access_conditions"],
        DESCRIPTION["reproduction_conditions"],
    ]
    assert "relation" not in values  # nothing public above a published fonds
    item = parsed(service.catalogue.export_dc(ANONYMOUS, ids["item_scan"]))
    assert [e.text for e in item.iter(f"{DCNS}type")] == ["Text", "item"]
    assert [e.text for e in item.iter(f"{DCNS}format")] == ["image/png"]
    assert [e.text for e in item.iter(f"{DCNS}relation")] == [f"{base}/katalog/{ids['berkas']}"]
    with reading(service.db) as root:  # the creator as the catalogue shows it (views.py)
        shown = views.node_dict(pemda_of(root).records[ids["item_scan"]])["creator"]
    assert [e.text for e in item.iter(f"{DCNS}creator")] == [shown]


# -- the builders on their own: hostile text, sizes, dates, languages ----------------------------
def node(rid: str, level: str = "item", **fields) -> dict:
    found = {
        "id": rid, "refcode": f"ID-T/DPK/F1/{rid}", "title": f"Judul {rid}", "level": level,
        "date_start": None, "date_end": None, "unit": "DPK", "creator": "", "classification": "",
        "scope": "", "languages": ["ind"], "digital": False, "files": [],
        "url": f"https://arsip.example/katalog/{rid}", "description": None,
        "access_conditions": "", "reproduction_conditions": "", "downloads": True,
        "published_root": False, "parent": None, "breadcrumbs": [], "modified": "",
    }  # fmt: skip
    found.update(fields)
    return found


INSTITUTION = {"name": "Pemerintah Kota Uji", "code": "ID-T", "url": "https://arsip.example"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(min_size=1), text=st.text(), code=st.text(max_size=20))
def test_any_text_gives_valid_files(title, text, code):
    tree = node("f1", "fonds", title=title, scope=text, creator=text, classification=code,
                description={"admin_history": text, "extent": text, "access_conditions": text},
                children=[node("i1", title=text or "x", scope=title)])  # fmt: skip
    data = ead.fonds_ead(tree, {**INSTITUTION, "name": text, "code": code})
    validate(data, "ead")
    assert parsed(data).findtext(f"{E}archdesc/{E}did/{E}unittitle") == dc.xml_text(title)
    validate(ead.record_ead(tree, INSTITUTION), "ead")
    document = dc.dc_document(tree, text)
    validate(document, "oai_dc")
    assert parsed(document).findtext(f"{DCNS}title") == (dc.xml_text(title) or None)


def test_control_characters_and_lone_surrogates_are_dropped_not_fatal():
    tree = node("f1", "fonds", title="Judul\x00\x07 bel\ud800\ufffe", scope="a\x1bb")
    data = ead.fonds_ead(tree, INSTITUTION)
    validate(data, "ead")
    assert parsed(data).findtext(f"{E}archdesc/{E}did/{E}unittitle") == "Judul bel"
    validate(dc.record_dc(tree), "oai_dc")


def test_a_large_fonds_streams_from_generators():
    """100 berkas of 100 items each, read lazily: the writer takes children as they come."""
    made = []

    def items(b: int):
        for i in range(100):
            made.append(i)
            yield node(f"b{b}i{i}", files=[{"media_type": "application/pdf", "filename": "a.pdf"}],
                       digital=True, date_start="2001-02-03")  # fmt: skip

    berkas = (node(f"b{b}", "file", children=items(b)) for b in range(100))
    tree = node("f1", "fonds", children=[node("s1", "series", children=berkas)])
    data = ead.fonds_ead(tree, INSTITUTION)
    validate(data, "ead")
    assert len(made) == 10_000
    assert data.count(b'<c level="item"') == 10_000
    assert data.count(b"<dao ") == 10_000


def test_dates_outside_the_schemas_range_keep_their_text_without_normal():
    far = node("f1", "fonds", date_start="1945-08-17", date_end="3000-01-01")
    data = ead.fonds_ead(far, INSTITUTION)
    validate(data, "ead")
    unitdate = parsed(data).find(f"{E}archdesc/{E}did/{E}unitdate")
    assert unitdate.text == "1945-08-17/3000-01-01" and unitdate.get("normal") is None
    same = node("f2", "fonds", date_start="1945-08-17", date_end="1945-08-17")
    assert b'normal="1945-08-17"' in ead.fonds_ead(same, INSTITUTION)


def test_only_known_language_codes_become_langcodes():
    tree = node("f1", "fonds", languages=["ind", "jav", "qqq"])
    data = ead.fonds_ead(tree, INSTITUTION)
    validate(data, "ead")
    languages = parsed(data).findall(f"{E}archdesc/{E}did/{E}langmaterial/{E}language")
    assert [(x.get("langcode"), x.text) for x in languages] == [
        ("ind", "Indonesia"),
        ("jav", "Jawa"),
        (None, "qqq"),
    ]
    bad = data.replace(b"<language>qqq", b'<language langcode="qqq">qqq')
    with pytest.raises(AssertionError, match="langcode"):
        validate(bad, "ead")


def test_an_agency_code_that_is_not_an_isil_is_left_out():
    data = ead.fonds_ead(node("f1", "fonds"), {**INSTITUTION, "code": "PEMKOT UJI"})
    validate(data, "ead")
    assert b"mainagencycode" not in data and b"repositorycode" not in data


def test_record_ead_has_no_components():
    tree = node("b1", "file", children=[node("i1")], digital=False)
    root = ead.record_ead(tree, INSTITUTION)
    validate(root, "ead")
    assert root.find(f"{E}archdesc").get("level") == "file"
    assert root.find(f"{E}archdesc/{E}dsc") is None


# -- the validator refuses what the schemas refuse ------------------------------------------------
VALID_EAD = ead.fonds_ead(node("f1", "fonds", date_start="1950-01-01"), INSTITUTION)
VALID_DC = dc.dc_document(node("i1", scope="Isi"))


@pytest.mark.parametrize(
    "broken",
    [
        lambda d: d.replace(b'<archdesc level="fonds">', b"<archdesc>"),  # level is required
        lambda d: d.replace(b'normal="1950-01-01"', b'normal="1950-13-45"'),  # not a date
        lambda d: re.sub(rb"<eadid[^>]*>.*?</eadid>", b"", d),  # eadid is required
        lambda d: d.replace(b"<unittitle", b"<judul").replace(b"</unittitle>", b"</judul>"),
        lambda d: d.replace(b'countrycode="ID"', b'countrycode="XX"', 1),
    ],
)
def test_the_ead_schema_refuses_broken_files(broken):
    validate(VALID_EAD, "ead")
    data = broken(VALID_EAD)
    assert data != VALID_EAD
    with pytest.raises(AssertionError, match=r"not valid against ead\.xsd"):
        validate(data, "ead")


def test_the_oai_dc_schema_refuses_an_unknown_element_and_oai_checks_metadata():
    validate(VALID_DC, "oai_dc")
    with pytest.raises(AssertionError, match=r"oai_dc\.xsd"):
        validate(VALID_DC.replace(b"dc:description", b"dc:abstract"), "oai_dc")
    body = etree.tostring(dc.record_dc(node("i1"))).decode()
    envelope = (
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
        "<responseDate>2026-01-01T00:00:00Z</responseDate>"
        '<request verb="GetRecord">https://arsip.example/oai</request><GetRecord><record>'
        "<header><identifier>oai:arsip.example:i1</identifier><datestamp>2026-01-01</datestamp>"
        "</header><metadata>{}</metadata></record></GetRecord></OAI-PMH>"
    )
    validate(envelope.format(body).encode(), "OAI-PMH")
    with pytest.raises(AssertionError, match="bogus"):
        validate(envelope.format(body.replace("dc:title", "dc:bogus")).encode(), "OAI-PMH")
    with pytest.raises(AssertionError):
        validate(envelope.format(body).replace("GetRecord", "GetRecords").encode(), "OAI-PMH")


def test_the_schemas_are_read_from_the_local_files_only():
    imports = set()
    for xsd in SCHEMAS.glob("*.xsd"):
        steps = etree.parse(str(xsd)).iterfind(".//{http://www.w3.org/2001/XMLSchema}*")
        imports |= {(xsd.name, s.get("schemaLocation")) for s in steps if s.get("schemaLocation")}
    assert imports == {
        ("ead.xsd", "xlink.xsd"),
        ("oai_dc.xsd", "simpledc20021212.xsd"),
        ("simpledc20021212.xsd", "xml.xsd"),
    }
    assert "200804 Release" in (SCHEMAS / "ead.xsd").read_text()  # the LoC file, not EAD3


# -- the command line ---------------------------------------------------------------------------
def test_the_commands_write_valid_files(home, tmp_path):
    with Lontar(home) as lontar:
        lontar.init("ID-T", "Pemerintah Kota Uji")
        lontar.records.add_unit(ADMIN, "DPK", "Dinas Perpustakaan dan Kearsipan")
        ids = build(lontar)
    out = tmp_path / "fonds.xml"
    done = lontar_cli("export-ead", ids["fonds"], "--out", str(out), home=home)
    assert str(out) in done.stdout and "EAD 2002" in done.stdout
    validate(out.read_bytes(), "ead")
    assert HIDDEN["item_T"].encode() not in out.read_bytes()
    printed = lontar_cli("export-dc", ids["item_pdf"], home=home).stdout
    validate(printed.encode(), "oai_dc")
    b_xml = str(tmp_path / "b.xml")
    done = lontar_cli("export-dc", ids["berkas"], "--out", b_xml, "--json", home=home)
    summary = json.loads(done.stdout)
    assert summary == {"id": ids["berkas"], "bytes": Path(b_xml).stat().st_size, "out": b_xml}
    validate((tmp_path / "b.xml").read_bytes(), "oai_dc")
    refused = lontar_cli("export-ead", ids["item_SR"], "--out", str(tmp_path / "x.xml"),
                         home=home, check=False)  # fmt: skip
    assert refused.returncode == 1 and "tidak ditemukan" in refused.stderr
    assert not (tmp_path / "x.xml").exists()
