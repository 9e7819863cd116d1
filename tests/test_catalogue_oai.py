"""The OAI-PMH 2.0 data provider (catalogue/oai.py over catalogue/ledger.py): every verb's
answer and every error validate against the official schemas; withdrawn and reclassified
records become deleted headers for good; nothing the views would not show is ever served
with metadata, not even while the index lags; resumption tokens; from/until; sets."""

from __future__ import annotations

import base64
import datetime as dt
from functools import cache
from urllib.parse import urlencode

import pytest
from lxml import etree

from indexes import writer
from repository.catalogue import ledger, oai
from repository.catalogue.model import catalogue_of
from repository.core import clock
from repository.core.content import pemda_of
from repository.core.db import reading, write
from repository.core.security import ADMIN
from repository.records.sharing import enqueue_subtree
from tests.conftest import add, make_pdf
from tests.xsd import SCHEMAS, validate

NS = {
    "o": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ead": "urn:isbn:1-931666-22-9",
    "id": "http://www.openarchives.org/OAI/2.0/oai-identifier",
}
HOST = "oai:localhost:"

# The official oai-identifier.xsd (http://www.openarchives.org/OAI/2.0/oai-identifier.xsd,
# Simeon Warner, 2007-06-07; copy in folio-org/mod-oai-pmh ramls/schemas), unmodified but for
# the imports added at its top: OAI-PMH.xsd demands a declaration for whatever a description
# or a metadata element holds ("strict" wildcards), so the responses are checked against the
# protocol's schema together with those of every format and description we serve.
COMBINED_XSD = """<schema targetNamespace="http://www.openarchives.org/OAI/2.0/oai-identifier"
  xmlns:oai-identifier="http://www.openarchives.org/OAI/2.0/oai-identifier"
  xmlns="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified"
  attributeFormDefault="unqualified">
  <import namespace="http://www.openarchives.org/OAI/2.0/" schemaLocation="{oai}"/>
  <import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/" schemaLocation="{dc}"/>
  <import namespace="urn:isbn:1-931666-22-9" schemaLocation="{ead}"/>
  <element name="oai-identifier" type="oai-identifier:oai-identifierType"/>
  <complexType name="oai-identifierType">
    <sequence>
      <element name="scheme" minOccurs="1" maxOccurs="1" type="string" fixed="oai"/>
      <element name="repositoryIdentifier" minOccurs="1" maxOccurs="1"
        type="oai-identifier:repositoryIdentifierType"/>
      <element name="delimiter" minOccurs="1" maxOccurs="1" type="string" fixed=":"/>
      <element name="sampleIdentifier" minOccurs="1" maxOccurs="1"
        type="oai-identifier:sampleIdentifierType"/>
    </sequence>
  </complexType>
  <simpleType name="repositoryIdentifierType">
    <restriction base="string">
      <pattern value="[a-zA-Z][a-zA-Z0-9\\-]*(\\.[a-zA-Z][a-zA-Z0-9\\-]*)+"/>
    </restriction>
  </simpleType>
  <simpleType name="sampleIdentifierType">
    <restriction base="string">
      <pattern value="{sample}"/>
    </restriction>
  </simpleType>
</schema>"""


SAMPLE = (
    r"oai:[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+:"
    r"[a-zA-Z0-9\-_\.!~\*'\(\);/\?:@&amp;=\+$,%]+"
)


@cache
def response_schema() -> etree.XMLSchema:
    text = COMBINED_XSD.format(
        oai=(SCHEMAS / "OAI-PMH.xsd").as_uri(),
        dc=(SCHEMAS / "oai_dc.xsd").as_uri(),
        ead=(SCHEMAS / "ead.xsd").as_uri(),
        sample=SAMPLE,
    )
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.fromstring(text.encode(), parser))


def checked(xml: bytes) -> etree._Element:
    """The response parsed, after it validated against OAI-PMH.xsd (with the formats' schemas
    for what it carries) and each oai_dc and EAD record against its own schema alone."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    root = etree.fromstring(xml, parser)
    schema = response_schema()
    if not schema.validate(root):
        errors = "\n".join(f"line {e.line}: {e.message}" for e in list(schema.error_log)[:10])
        raise AssertionError(f"not valid against OAI-PMH.xsd:\n{errors}\n{xml[:2000]!r}")
    for found in root.iterfind(".//oai_dc:dc", NS):
        validate(found, "oai_dc")
    for found in root.iterfind(".//ead:ead", NS):
        validate(etree.ElementTree(found), "ead")
    return root


def ask(service, **params) -> etree._Element:
    return checked(service.catalogue.oai(params))


def error_of(root: etree._Element) -> str | None:
    found = root.find("o:error", NS)
    return found.get("code") if found is not None else None


def identifiers(root: etree._Element, deleted: bool | None = None) -> list[str]:
    """The record ids in a list's headers (all, only deleted ones, or only the others)."""
    found = []
    for header in root.iterfind(".//o:header", NS):
        if deleted is None or (header.get("status") == "deleted") == deleted:
            found.append(header.findtext("o:identifier", namespaces=NS).removeprefix(HOST))
    return found


def harvest(service, verb: str = "ListRecords", **params) -> tuple[list[etree._Element], int]:
    """Every page of a list, through its tokens; (the pages, the requests made)."""
    pages, asked = [ask(service, verb=verb, **params)], 1
    while True:
        token = pages[-1].find(f"o:{verb}/o:resumptionToken", NS)
        if token is None or not token.text:
            return pages, asked
        pages.append(ask(service, verb=verb, resumptionToken=token.text))
        asked += 1


def listed(service, verb: str = "ListRecords", **params) -> tuple[set[str], set[str]]:
    """(ids served with metadata or as a live header, ids served as deleted)."""
    pages, _ = harvest(service, verb, **params)
    if error_of(pages[0]) == "noRecordsMatch":
        return set(), set()
    assert error_of(pages[0]) is None, etree.tostring(pages[0])
    live = {i for page in pages for i in identifiers(page, deleted=False)}
    gone = {i for page in pages for i in identifiers(page, deleted=True)}
    return live, gone


def with_metadata(root: etree._Element) -> set[str]:
    return {
        record.findtext("o:header/o:identifier", namespaces=NS).removeprefix(HOST)
        for record in root.iterfind(".//o:record", NS)
        if record.find("o:metadata", NS) is not None
    }


@pytest.fixture
def catalogue(service):
    """DPK: a published fonds with two series (one item T, one berkas of items), DINKES: an
    unpublished fonds, DINKES.P2P: a published fonds (its OPD is DINKES)."""
    ingest = service.ingest
    fonds = ingest.create_container(
        ADMIN, "DPK", "fonds", "Arsip Walikota", date_start="1950-01-01"
    )
    first = ingest.create_container(ADMIN, "DPK", "series", "Surat keputusan", into=fonds)
    second = ingest.create_container(ADMIN, "DPK", "series", "Laporan", into=fonds)
    berkas = ingest.create_container(ADMIN, "DPK", "file", "Laporan 1960", into=second)
    ids = {
        "fonds": fonds,
        "first": first,
        "second": second,
        "berkas": berkas,
        "pasar": add(
            service, "pasar.pdf", make_pdf("Keputusan pasar", "Pasar rakyat & <kota>."),
            unit="DPK", into=first, title="Keputusan pasar",
        ),
        "terbatas": add(
            service, "t.txt", b"Memo terbatas", unit="DPK", into=first, title="Memo T",
            security="T",
        ),
        "report": add(
            service, "l.txt", b"Laporan tahunan", unit="DPK", into=berkas, title="Laporan 😀"
        ),
        "closed": ingest.create_container(ADMIN, "DINKES", "fonds", "Arsip Dinkes tertutup"),
        "p2p": ingest.create_container(ADMIN, "DINKES.P2P", "fonds", "Arsip P2P"),
    }  # fmt: skip
    ids["hidden"] = add(
        service, "h.txt", b"Tidak dipublikasikan", unit="DINKES", into=ids["closed"], title="H"
    )
    service.catalogue.publish(ADMIN, fonds, {"creator": "Walikota", "language": "ind"})
    service.catalogue.publish(ADMIN, ids["p2p"])
    writer.drain(service.db, service.store)
    return ids


def public_ids(ids: dict) -> set[str]:
    return {ids[k] for k in ("fonds", "first", "second", "berkas", "pasar", "report", "p2p")}


# -- every verb ------------------------------------------------------------------------------
def test_every_verb_answers_a_valid_document_with_exactly_the_public_records(service, catalogue):
    identify = ask(service, verb="Identify")
    assert identify.findtext("o:Identify/o:deletedRecord", namespaces=NS) == "persistent"
    assert identify.findtext("o:Identify/o:baseURL", namespaces=NS) == "http://localhost:8501/oai"
    assert identify.findtext("o:Identify/o:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert "Pemerintah Kota Uji" in identify.findtext("o:Identify/o:repositoryName", namespaces=NS)
    assert identify.find("o:request", NS).get("verb") == "Identify"

    formats = ask(service, verb="ListMetadataFormats")
    prefixes = formats.findall(".//o:metadataPrefix", NS)
    assert [p.text for p in prefixes] == ["oai_dc", "oai_ead"]
    one = ask(service, verb="ListMetadataFormats", identifier=HOST + catalogue["pasar"])
    assert len(one.findall(".//o:metadataFormat", NS)) == 2

    sets = ask(service, verb="ListSets")
    names = {
        s.findtext("o:setSpec", namespaces=NS): s.findtext("o:setName", namespaces=NS)
        for s in sets.iterfind(".//o:set", NS)
    }
    assert names == {
        "level:fonds": "Tingkat Fonds", "level:series": "Tingkat Seri",
        "level:file": "Tingkat Berkas", "level:item": "Tingkat Item",
        "opd:DPK": "Dinas Perpustakaan dan Kearsipan", "opd:DINKES": "Dinas Kesehatan",
    }  # fmt: skip

    for prefix in ("oai_dc", "oai_ead"):
        records = ask(service, verb="ListRecords", metadataPrefix=prefix)
        assert with_metadata(records) == public_ids(catalogue)
        headers = ask(service, verb="ListIdentifiers", metadataPrefix=prefix)
        assert set(identifiers(headers)) == public_ids(catalogue)
        single = ask(
            service, verb="GetRecord", metadataPrefix=prefix, identifier=HOST + catalogue["pasar"]
        )
        assert with_metadata(single) == {catalogue["pasar"]}

    dc = ask(
        service, verb="GetRecord", metadataPrefix="oai_dc", identifier=HOST + catalogue["report"]
    )
    assert dc.findtext(".//dc:title", namespaces=NS) == "Laporan 😀"
    header = dc.find(".//o:header", NS)
    assert [s.text for s in header.iterfind("o:setSpec", NS)] == ["opd:DPK", "level:item"]
    p2p = ask(
        service, verb="GetRecord", metadataPrefix="oai_dc", identifier=HOST + catalogue["p2p"]
    )
    assert "opd:DINKES" in [s.text for s in p2p.iterfind(".//o:setSpec", NS)]


def test_sets_select_by_opd_and_level(service, catalogue):
    live, _ = listed(service, metadataPrefix="oai_dc", set="opd:DINKES")
    assert live == {catalogue["p2p"]}
    live, _ = listed(service, "ListIdentifiers", metadataPrefix="oai_dc", set="level:series")
    assert live == {catalogue["first"], catalogue["second"]}
    live, _ = listed(service, metadataPrefix="oai_dc", set="level:item", **{"from": "2000-01-01"})
    assert live == {catalogue["pasar"], catalogue["report"]}


# -- the protocol's errors -------------------------------------------------------------------
def _token(**fields) -> str:
    return base64.b64encode(urlencode(fields).encode()).decode()


ERRORS = [
    ({}, "badVerb"),
    ({"verb": "Harvest"}, "badVerb"),
    ({"verb": ["Identify", "Identify"]}, "badVerb"),
    ({"verb": "Identify", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_ead"]}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-1-1"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-02-30"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "2024-01-01T10:00Z"},
     "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01",
      "until": "2024-12-31T00:00:00Z"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-02-01",
      "until": "2024-01-01"}, "badArgument"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc\x01"}, "badArgument"),
    ({"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "GetRecord", "identifier": HOST + "x"}, "badArgument"),
    ({"verb": "ListRecords", "resumptionToken": "!!!not a token"}, "badResumptionToken"),
    ({"verb": "ListRecords", "resumptionToken": _token(c=5000, metadataPrefix="oai_dc")},
     "badResumptionToken"),
    ({"verb": "ListRecords", "resumptionToken": _token(c=-300, metadataPrefix="oai_dc")},
     "badResumptionToken"),
    # oai-repo's own code raises NameError on this one (a state hash, a small list)
    ({"verb": "ListIdentifiers", "resumptionToken": _token(
        c=-100, s=0, h="0123456789abcdef", metadataPrefix="oai_dc")}, "badResumptionToken"),
    ({"verb": "ListRecords", "resumptionToken": _token(c=0, s=99999, metadataPrefix="oai_dc")},
     "badResumptionToken"),
    ({"verb": "ListRecords", "resumptionToken": _token(c=0)}, "badResumptionToken"),
    ({"verb": "ListSets", "resumptionToken": _token(c=0)}, "badResumptionToken"),
    ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    ({"verb": "ListIdentifiers", "metadataPrefix": ""}, "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "metadataPrefix": "mods", "identifier": "{pasar}"},
     "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:localhost:nothing"},
     "idDoesNotExist"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "{terbatas}"},
     "idDoesNotExist"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "{hidden}"},
     "idDoesNotExist"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:elsewhere.id:{p2p}"},
     "idDoesNotExist"),
    ({"verb": "ListMetadataFormats", "identifier": "{terbatas}"}, "idDoesNotExist"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "opd:NOWHERE"}, "noRecordsMatch"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2999-01-01"}, "noRecordsMatch"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": "1999-12-31"},
     "noRecordsMatch"),
]  # fmt: skip


@pytest.mark.parametrize(("params", "code"), ERRORS)
def test_each_error_has_its_code_in_a_valid_document(service, catalogue, params, code):
    asked = {
        name: value.format(**catalogue) if isinstance(value, str) else value
        for name, value in params.items()
    }
    if asked.get("identifier", "").startswith(tuple(catalogue.values())):
        asked["identifier"] = HOST + asked["identifier"]  # an id of this repository
    root = checked(service.catalogue.oai(asked))
    assert error_of(root) == code
    assert not root.find("o:request", NS).attrib  # an error's request element: the URL only
    assert not with_metadata(root)


def test_noSetHierarchy_and_noMetadataFormats_never_arise(service, catalogue):
    """Sets are always served (the four levels at least) and every record, deleted or not,
    has both formats: the two codes the protocol keeps for other repositories."""
    assert len(ask(service, verb="ListSets").findall(".//o:set", NS)) >= 4
    service.catalogue.unpublish(ADMIN, catalogue["p2p"])
    writer.drain(service.db, service.store)
    gone = ask(service, verb="ListMetadataFormats", identifier=HOST + catalogue["p2p"])
    assert len(gone.findall(".//o:metadataFormat", NS)) == 2


# -- deletions -------------------------------------------------------------------------------
def test_withdrawn_and_reclassified_records_are_deleted_headers_for_good(service, catalogue):
    before = ask(
        service, verb="GetRecord", metadataPrefix="oai_dc", identifier=HOST + catalogue["pasar"]
    )
    stamp_before = before.findtext(".//o:datestamp", namespaces=NS)
    later = dt.datetime.fromisoformat(stamp_before.replace("Z", "+00:00")) + dt.timedelta(hours=1)
    with clock.frozen(later):
        service.catalogue.unpublish(ADMIN, catalogue["fonds"])
        service.records.update_record(ADMIN, catalogue["p2p"], {"security": "T"})
        writer.drain(service.db, service.store)
    live, gone = listed(service, metadataPrefix="oai_dc")
    assert live == set()
    assert gone == public_ids(catalogue)
    live, gone = listed(service, "ListIdentifiers", metadataPrefix="oai_ead")
    assert (live, gone) == (set(), public_ids(catalogue))
    after = ask(
        service, verb="GetRecord", metadataPrefix="oai_dc", identifier=HOST + catalogue["pasar"]
    )
    header = after.find(".//o:header", NS)
    assert header.get("status") == "deleted" and after.find(".//o:metadata", NS) is None
    assert header.findtext("o:datestamp", namespaces=NS) == later.strftime(ledger.DATESTAMP)
    # an incremental harvest from the withdrawal on sees exactly the deletions
    since = {"from": later.strftime(ledger.DATESTAMP)}
    assert listed(service, metadataPrefix="oai_dc", **since) == (set(), public_ids(catalogue))
    # republishing brings them back with a newer datestamp; the T fonds stays deleted
    with clock.frozen(later + dt.timedelta(hours=1)):
        service.catalogue.publish(ADMIN, catalogue["fonds"])
        writer.drain(service.db, service.store)
    live, gone = listed(service, metadataPrefix="oai_dc")
    assert live == public_ids(catalogue) - {catalogue["p2p"]} and gone == {catalogue["p2p"]}


def test_a_destroyed_record_stays_a_deleted_header(archive):
    berkas = archive.ingest.create_container(
        ADMIN, "DINKES", "file", "Berkas 2010", date_start="2010-01-01"
    )
    archive.workbench.classify(ADMIN, berkas, "000.5")
    inside = add(archive, "isi.txt", b"Lampiran berkas lama", into=berkas)
    archive.catalogue.publish(ADMIN, berkas)
    writer.drain(archive.db, archive.store)
    assert listed(archive, metadataPrefix="oai_dc") == ({berkas, inside}, set())
    made = archive.disposal.propose_destruction(ADMIN, "DINKES", [berkas], on=clock.today())
    archive.disposal.appraise_destruction(ADMIN, made["id"], [("Rina", "Ketua")])
    archive.disposal.approve_destruction(
        ADMIN, made["id"], "kepala_daerah", "188/9", clock.today(), "Wali Kota"
    )
    done = archive.disposal.execute_destruction(ADMIN, made["id"])
    assert {r["status"] for r in done["records"]} == {"destroyed"}
    writer.drain(archive.db, archive.store)
    assert listed(archive, metadataPrefix="oai_dc") == (set(), {berkas, inside})
    gone = ask(archive, verb="GetRecord", metadataPrefix="oai_ead", identifier=HOST + inside)
    assert gone.find(".//o:header", NS).get("status") == "deleted"


def test_what_the_index_has_not_caught_up_with_is_served_deleted_never_with_metadata(
    service, catalogue
):
    """The ledger follows the index; the live check does not wait for it."""
    service.catalogue.unpublish(ADMIN, catalogue["p2p"])  # none of these is reindexed yet
    service.records.update_record(ADMIN, catalogue["second"], {"security": "T"})
    service.records.update_record(ADMIN, catalogue["pasar"], {"security": "R"})
    with reading(service.db) as root:
        entry = ledger.entry_of(catalogue_of(pemda_of(root)), catalogue["pasar"])
        assert not entry.deleted  # the ledger still says public
    hidden = {catalogue[k] for k in ("p2p", "second", "berkas", "report", "pasar")}
    for prefix in ("oai_dc", "oai_ead"):
        live, gone = listed(service, metadataPrefix=prefix)
        assert gone == hidden and live == public_ids(catalogue) - hidden
        for record_id in hidden:
            root = ask(
                service, verb="GetRecord", metadataPrefix=prefix, identifier=HOST + record_id
            )
            assert not with_metadata(root)
            assert root.find(".//o:header", NS).get("status") == "deleted"
    writer.drain(service.db, service.store)
    assert listed(service, metadataPrefix="oai_dc") == (public_ids(catalogue) - hidden, hidden)


def test_a_publication_enters_the_ledger_when_the_whole_subtree_is_indexed(service):
    """The index takes a big fonds a batch at a time; the views show it when the last batch
    is in; so does OAI, with the datestamp of that moment (never earlier: a harvester that
    saw nothing at an earlier datestamp misses nothing)."""
    fonds = service.ingest.create_container(ADMIN, "DPK", "fonds", "Arsip besar")
    items = [
        service.ingest.create_container(ADMIN, "DPK", "item", f"Item {n}", into=fonds)
        for n in range(6)
    ]
    writer.drain(service.db, service.store)
    service.catalogue.publish(ADMIN, fonds)
    start = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    step = 0
    while True:
        step += 1
        with clock.frozen(start + dt.timedelta(minutes=step)):
            if not writer.apply_queue(service.db, service.store, batch=2):
                break
        live, _ = listed(service, "ListIdentifiers", metadataPrefix="oai_dc")
        if live:
            break
        assert error_of(ask(service, verb="GetRecord", metadataPrefix="oai_dc",
                            identifier=HOST + items[0])) == "idDoesNotExist"  # fmt: skip
    assert step > 2  # it took several batches
    assert live == {fonds, *items}
    pages, _ = harvest(service, "ListIdentifiers", metadataPrefix="oai_dc")
    stamps = {d.text for d in pages[0].iterfind(".//o:datestamp", NS)}
    assert stamps == {(start + dt.timedelta(minutes=step)).strftime(ledger.DATESTAMP)}


def test_a_record_hidden_for_a_while_comes_back_with_a_new_datestamp(service, catalogue):
    """Withdrawn and published again before the index caught up: served as deleted in
    between (the views hid it), so its return must carry a datestamp after that."""
    before = _stamps(service)
    service.catalogue.unpublish(ADMIN, catalogue["fonds"])
    service.catalogue.publish(ADMIN, catalogue["fonds"])
    assert catalogue["report"] in listed(service, metadataPrefix="oai_dc")[1]  # deleted now
    later = dt.datetime(2032, 1, 1, tzinfo=dt.UTC)
    with clock.frozen(later):
        writer.drain(service.db, service.store, batch=2)
    live, gone = listed(service, metadataPrefix="oai_dc")
    assert live == public_ids(catalogue) and not gone
    after = _stamps(service)
    assert before[catalogue["report"]] < after[catalogue["report"]] == "2032-01-01T00:00:00Z"
    assert after[catalogue["p2p"]] == before[catalogue["p2p"]]  # another fonds: untouched


def test_a_class_raised_and_lowered_again_gives_a_new_datestamp(service, catalogue):
    before = _stamps(service)
    service.records.update_record(ADMIN, catalogue["second"], {"security": "T"})
    assert catalogue["report"] in listed(service, metadataPrefix="oai_dc")[1]  # hidden at once
    service.records.update_record(ADMIN, catalogue["second"], {"security": "B"})
    assert catalogue["report"] in listed(service, metadataPrefix="oai_dc")[1]  # until indexed
    with clock.frozen(dt.datetime(2032, 2, 2, tzinfo=dt.UTC)):
        writer.drain(service.db, service.store)  # one batch: the ledger never saw it hidden
    after = _stamps(service)
    for name in ("second", "berkas", "report"):
        assert after[catalogue[name]] == "2032-02-02T00:00:00Z", name
    assert after[catalogue["pasar"]] == before[catalogue["pasar"]]


def test_many_waiting_records_enter_in_rounds_the_writer_comes_back_for(service, monkeypatch):
    monkeypatch.setattr(ledger, "PENDING_BATCH", 3)
    fonds = service.ingest.create_container(ADMIN, "DPK", "fonds", "Arsip besar")
    items = {
        service.ingest.create_container(ADMIN, "DPK", "item", f"Item {n}", into=fonds)
        for n in range(8)
    }
    writer.drain(service.db, service.store)
    service.catalogue.publish(ADMIN, fonds)
    writer.drain(service.db, service.store, batch=2)
    assert listed(service, "ListIdentifiers", metadataPrefix="oai_dc") == ({fonds, *items}, set())
    with reading(service.db) as root:
        catalogue = catalogue_of(pemda_of(root))
        assert not getattr(catalogue, "pending", None) and not pemda_of(root).index_queue
        assert ledger.size(catalogue.order) == 9


# -- datestamps, the ledger ------------------------------------------------------------------
def _stamps(service) -> dict[str, str]:
    pages, _ = harvest(service, "ListIdentifiers", metadataPrefix="oai_dc")
    return {
        h.findtext("o:identifier", namespaces=NS).removeprefix(HOST): h.findtext(
            "o:datestamp", namespaces=NS
        )
        for page in pages
        for h in page.iterfind(".//o:header", NS)
    }


def _generation(service) -> int:
    with reading(service.db) as root:
        return catalogue_of(pemda_of(root)).generation


def test_a_datestamp_changes_with_what_the_catalogue_shows_and_only_then(service, catalogue):
    before, generation = _stamps(service), _generation(service)
    later = dt.datetime(2031, 5, 6, 7, 8, 9, tzinfo=dt.UTC)
    with clock.frozen(later):
        service.access.share(ADMIN, catalogue["fonds"], "DINKES")  # the subtree is reindexed
        writer.drain(service.db, service.store)
    assert _stamps(service) == before and _generation(service) == generation
    with clock.frozen(later):
        service.records.update_record(ADMIN, catalogue["report"], {"title": "Laporan baru"})
        writer.drain(service.db, service.store)
    after = _stamps(service)
    assert after[catalogue["report"]] == "2031-05-06T07:08:09Z"
    assert {k: v for k, v in after.items() if k != catalogue["report"]} == {
        k: v for k, v in before.items() if k != catalogue["report"]
    }
    assert _generation(service) == generation + 1
    assert listed(service, metadataPrefix="oai_dc", **{"from": "2031-05-06T07:08:09Z"}) == (
        {catalogue["report"]}, set(),
    )  # fmt: skip
    assert listed(service, metadataPrefix="oai_dc", until="2031-05-06T07:08:08Z")[0] == (
        public_ids(catalogue) - {catalogue["report"]}
    )
    # until as a day takes the whole day; from as a day its first second
    assert catalogue["report"] in listed(service, metadataPrefix="oai_dc", until="2031-05-06")[0]
    assert listed(
        service, metadataPrefix="oai_dc", **{"from": "2031-05-06", "until": "2031-05-06"}
    )[0] == {catalogue["report"]}
    identify = ask(service, verb="Identify")
    earliest = identify.findtext(".//o:earliestDatestamp", namespaces=NS)
    assert earliest == min(after.values())


def test_a_new_description_gives_what_shows_it_a_new_datestamp(service, catalogue):
    before = _stamps(service)
    with clock.frozen(dt.datetime(2033, 1, 1, tzinfo=dt.UTC)):
        service.catalogue.describe(ADMIN, catalogue["fonds"], {"creator": "Sekretariat Daerah"})
        writer.drain(service.db, service.store)
    root = ask(
        service, verb="GetRecord", metadataPrefix="oai_dc", identifier=HOST + catalogue["pasar"]
    )
    assert root.findtext(".//dc:creator", namespaces=NS) == "Sekretariat Daerah"
    after = _stamps(service)
    assert after[catalogue["pasar"]] == "2033-01-01T00:00:00Z"  # its DC names the creator
    assert after[catalogue["p2p"]] == before[catalogue["p2p"]]


def test_the_ledger_keeps_every_reference_code_a_record_had_while_public(service, catalogue):
    with reading(service.db) as root:
        pemda = pemda_of(root)
        codes = dict(catalogue_of(pemda).refcodes.items())
        expected = {pemda.records[i].reference_code: i for i in public_ids(catalogue)}
    assert codes == expected
    assert service.catalogue.resolve("ID-T/DPK/F1/S1") == catalogue["first"]


def test_nothing_is_kept_before_the_first_publication(service):
    add(service, "a.txt", b"Surat biasa", unit="DPK", title="Surat")
    writer.drain(service.db, service.store)
    with reading(service.db) as root:
        assert catalogue_of(pemda_of(root)) is None
    assert error_of(ask(service, verb="ListRecords", metadataPrefix="oai_dc")) == "noRecordsMatch"
    identify = ask(service, verb="Identify")
    assert identify.findtext(".//o:earliestDatestamp", namespaces=NS) == oai.EARLIEST


def test_a_confined_record_is_deleted_as_soon_as_it_is_confined(service, catalogue):
    def confine(root) -> None:
        pemda = pemda_of(root)
        pemda.records[catalogue["berkas"]].confined = ("user:kepala",)
        enqueue_subtree(pemda, pemda.records[catalogue["berkas"]])

    write(service.db, confine)
    gone = {catalogue["berkas"], catalogue["report"]}
    assert listed(service, metadataPrefix="oai_dc")[1] == gone  # before the index
    writer.drain(service.db, service.store)
    assert listed(service, metadataPrefix="oai_dc")[1] == gone
    with reading(service.db) as root:
        assert ledger.entry_of(catalogue_of(pemda_of(root)), catalogue["report"]).deleted


# -- resumption ------------------------------------------------------------------------------
def test_a_token_by_position_survives_new_publications(service, catalogue, monkeypatch):
    monkeypatch.setattr(oai.LedgerData, "limit", 2)
    first = ask(service, verb="ListRecords", metadataPrefix="oai_dc")
    token = first.find(".//o:resumptionToken", NS)
    assert (token.get("cursor"), token.get("completeListSize")) == ("0", "7")
    newcomer = service.ingest.create_container(
        ADMIN, "DPK", "item", "Baru", into=catalogue["first"]
    )
    writer.drain(service.db, service.store)
    seen = with_metadata(first)
    while token is not None and token.text:
        page = ask(service, verb="ListRecords", resumptionToken=token.text)
        assert error_of(page) is None
        seen |= with_metadata(page)
        token = page.find(".//o:resumptionToken", NS)
    assert token.get("completeListSize") == "8" and not token.text  # the last, empty token
    assert seen == public_ids(catalogue) | {newcomer}


def test_a_date_range_token_is_refused_once_the_ledger_changed(service, catalogue, monkeypatch):
    monkeypatch.setattr(oai.LedgerData, "limit", 2)
    first = ask(service, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": "2000-01-01"})
    token = first.find(".//o:resumptionToken", NS).text
    again = ask(service, verb="ListIdentifiers", resumptionToken=token)
    assert error_of(again) is None  # nothing changed: fine
    service.records.update_record(ADMIN, catalogue["pasar"], {"title": "Keputusan pasar baru"})
    writer.drain(service.db, service.store)
    refused = ask(service, verb="ListIdentifiers", resumptionToken=token)
    assert error_of(refused) == "badResumptionToken"


def test_pages_hold_a_hundred_and_the_tokens_count_them(service, catalogue, monkeypatch):
    assert oai.LedgerData.limit == 100
    monkeypatch.setattr(oai.LedgerData, "limit", 3)
    pages, asked = harvest(service, metadataPrefix="oai_ead", set="opd:DPK")
    assert asked == 2
    tokens = [page.find(".//o:resumptionToken", NS) for page in pages]
    assert [(t.get("cursor"), t.get("completeListSize")) for t in tokens] == [
        ("0", "6"),
        ("3", "6"),
    ]
    assert sum(len(page.findall(".//o:record", NS)) for page in pages) == 6


# -- Identify --------------------------------------------------------------------------------
def test_identify_describes_the_identifiers_under_a_domain_name(service, catalogue, monkeypatch):
    monkeypatch.setenv("LONTAR_PUBLIC_URL", "https://arsip.kota-uji.go.id/lontar")
    root = ask(service, verb="Identify")
    assert root.findtext(".//o:baseURL", namespaces=NS) == "https://arsip.kota-uji.go.id/lontar/oai"
    assert root.findtext(".//o:adminEmail", namespaces=NS) == "admin@arsip.kota-uji.go.id"
    assert root.findtext(".//id:repositoryIdentifier", namespaces=NS) == "arsip.kota-uji.go.id"
    sample = root.findtext(".//id:sampleIdentifier", namespaces=NS)
    assert sample.startswith("oai:arsip.kota-uji.go.id:")
    record = ask(service, verb="GetRecord", metadataPrefix="oai_dc", identifier=sample)
    assert len(with_metadata(record)) == 1
    service.home.config_file.write_text('[oai]\nadmin_email = "arsip@kota-uji.go.id"\n')
    root = ask(service, verb="Identify")
    assert root.findtext(".//o:adminEmail", namespaces=NS) == "arsip@kota-uji.go.id"


def test_identify_holds_with_a_host_that_is_no_domain_name(service, catalogue, monkeypatch):
    """A container's host name, an address, a misconfigured e-mail: still a valid answer."""
    service.home.config_file.write_text('[oai]\nadmin_email = "bukan alamat"\n')
    for url in ("http://arsip_kota:8501", "http://127.0.0.1:8501", "http://[::1]:8501"):
        monkeypatch.setenv("LONTAR_PUBLIC_URL", url)
        root = ask(service, verb="Identify")
        assert root.findtext(".//o:baseURL", namespaces=NS) == f"{url}/oai"
        assert root.findtext(".//o:adminEmail", namespaces=NS) == "admin@localhost.localdomain"
        assert root.find(".//o:description", NS) is None  # no oai-identifier without a domain
        host = url.split("//")[1].rsplit(":", 1)[0].strip("[]")
        record = ask(service, verb="GetRecord", metadataPrefix="oai_dc",
                     identifier=f"oai:{host}:{catalogue['pasar']}")  # fmt: skip
        assert with_metadata(record) == {f"oai:{host}:{catalogue['pasar']}"}


def test_a_schema_check_that_cannot_pass_a_broken_response(service, catalogue):
    """The validation the tests rely on refuses what a harvester would refuse."""
    good = service.catalogue.oai({"verb": "GetRecord", "metadataPrefix": "oai_dc",
                                  "identifier": HOST + catalogue["pasar"]})  # fmt: skip
    checked(good)
    broken = good.replace(b"<header>", b'<header status="hidden">')
    with pytest.raises(AssertionError):
        checked(broken)
    no_title = good.replace(b"dc:title", b"dc:titel")
    with pytest.raises(AssertionError):
        checked(no_title)
