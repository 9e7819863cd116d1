"""A harvester's view of `/oai`: oaipmh-scythe harvests over HTTP, through every resumption
token, exactly the published records (nearly 300, so several pages), by set and by date;
POST answers as GET does; and `lontar serve` answers on the app's own port."""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import threading
import urllib.parse
import urllib.request

import pytest
import uvicorn
from lxml import etree
from oaipmh_scythe import Scythe
from oaipmh_scythe.iterator import OAIResponseIterator
from starlette.applications import Starlette
from starlette.routing import Route

from indexes import writer
from repository.app import Lontar
from repository.core import clock
from repository.core.config import Home
from repository.core.security import ADMIN
from repository.ingest.pipeline import ImportOptions, Incoming
from tests.conftest import free_port, healthy, start_serve, wait_until
from tests.test_catalogue_oai import NS, checked, error_of, identifiers
from ui import web
from ui.frame import close_services, shared

FIRST = dt.datetime(2029, 3, 1, 10, 0, tzinfo=dt.UTC)  # the DPK fonds is published
SECOND = dt.datetime(2029, 4, 1, 10, 0, tzinfo=dt.UTC)  # the DINKES fonds


def _items(service: Lontar, unit: str, into: str, count: int, title: str) -> list[str]:
    return [
        service.ingest.create_container(ADMIN, unit, "item", f"{title} {n:03d}", into=into)
        for n in range(count)
    ]


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    """Nearly 300 public records in two OPDs, published a month apart; T items and an
    unpublished fonds beside them. Yields (home, {name: set of ids})."""
    home = Home.resolve(tmp_path_factory.mktemp("harvest") / "home")
    home.ensure()
    with Lontar(home) as service:
        service.init("ID-T", "Pemerintah Kota Uji")
        for code, name, parent in (
            ("DINKES", "Dinas Kesehatan", None),
            ("DINKES.P2P", "Bidang P2P", "DINKES"),
            ("DPK", "Dinas Perpustakaan dan Kearsipan", None),
        ):
            service.records.add_unit(ADMIN, code, name, parent)
        ingest = service.ingest
        fonds = ingest.create_container(ADMIN, "DPK", "fonds", "Arsip Walikota")
        decisions = ingest.create_container(ADMIN, "DPK", "series", "Keputusan", into=fonds)
        reports = ingest.create_container(ADMIN, "DPK", "series", "Laporan", into=fonds)
        berkas = ingest.create_container(ADMIN, "DPK", "file", "Laporan 1970", into=reports)
        dpk = {fonds, decisions, reports, berkas}
        dpk |= set(_items(service, "DPK", decisions, 140, "Keputusan"))
        dpk |= set(_items(service, "DPK", berkas, 110, "Laporan"))
        files = [
            Incoming(f"surat{n}.txt", f"Surat nomor {n} perihal pasar".encode()) for n in range(8)
        ]
        report = ingest.import_files(ADMIN, files, ImportOptions(unit="DPK", into=decisions))
        dpk |= {outcome.id for outcome in report.accepted}
        hidden = set(_items(service, "DPK", decisions, 5, "Terbatas"))
        for record_id in hidden:
            service.records.update_record(ADMIN, record_id, {"security": "T"})
        p2p = ingest.create_container(ADMIN, "DINKES.P2P", "fonds", "Arsip P2P")
        dinkes = {p2p, *_items(service, "DINKES.P2P", p2p, 20, "Wabah")}
        closed = ingest.create_container(ADMIN, "DINKES", "fonds", "Arsip tertutup")
        hidden |= {closed, *_items(service, "DINKES", closed, 10, "Tertutup")}
        writer.drain(service.db, service.store)
        with clock.frozen(FIRST):
            service.catalogue.publish(ADMIN, fonds, {"creator": "Walikota"})
            writer.drain(service.db, service.store)
        with clock.frozen(SECOND):
            service.catalogue.publish(ADMIN, p2p)
            writer.drain(service.db, service.store)
        items = {i for i in dpk | dinkes if i not in {fonds, decisions, reports, berkas, p2p}}
    made = {"dpk": dpk, "dinkes": dinkes, "hidden": hidden, "items": items, "fonds": {fonds, p2p}}
    yield home, made
    close_services()


@pytest.fixture(scope="module")
def endpoint(repository):
    """ui/web.py's `oai` route on a real HTTP server (uvicorn, a thread of this process)."""
    port = free_port()
    app = Starlette(routes=[Route("/oai", web.oai, methods=["GET", "POST"])])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_until(lambda: server.started, 30, "the HTTP server")
    yield f"http://127.0.0.1:{port}/oai"
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def oai_url(repository, endpoint, monkeypatch):
    monkeypatch.setenv("LONTAR_HOME", str(repository[0].path))  # the process's `shared()`
    shared()
    return endpoint


def _harvest(url: str, verb: str, **params) -> tuple[set[str], int]:
    """(ids with metadata or live headers, pages), every page checked against the schemas."""
    ids, pages = set(), 0
    with Scythe(url, iterator=OAIResponseIterator) as scythe:
        method = scythe.list_records if verb == "ListRecords" else scythe.list_identifiers
        for response in method(**params):
            root = checked(response.http_response.content)
            assert error_of(root) is None
            assert not identifiers(root, deleted=True)
            ids |= set(identifiers(root))
            pages += 1
    return ids, pages


def test_a_client_harvests_exactly_the_published_records_through_every_token(repository, oai_url):
    _, made = repository
    public = made["dpk"] | made["dinkes"]
    assert len(public) > 250
    found, pages = _harvest(oai_url, "ListRecords", metadata_prefix="oai_dc")
    assert found == public and pages == 3
    found, pages = _harvest(oai_url, "ListIdentifiers", metadata_prefix="oai_ead")
    assert found == public and pages == 3
    with Scythe(oai_url) as scythe:
        records = list(scythe.list_records(metadata_prefix="oai_dc", set_="opd:DINKES"))
        titles = {r.metadata["title"][0] for r in records}
        assert {r.header.identifier.rsplit(":", 1)[1] for r in records} == made["dinkes"]
        assert "Wabah 007" in titles and not any("Tertutup" in t for t in titles)
        assert all(r.header.setSpecs[0] == "opd:DINKES" for r in records)


def test_selective_harvests_by_set_and_by_date(repository, oai_url):
    _, made = repository
    assert (
        _harvest(oai_url, "ListRecords", metadata_prefix="oai_dc", set_="opd:DPK")[0]
        == (made["dpk"])
    )
    items, pages = _harvest(oai_url, "ListIdentifiers", metadata_prefix="oai_dc", set_="level:item")
    assert items == made["items"] and pages == 3
    later = _harvest(oai_url, "ListRecords", metadata_prefix="oai_dc", from_="2029-03-15")
    assert later[0] == made["dinkes"]
    earlier = _harvest(oai_url, "ListIdentifiers", metadata_prefix="oai_dc", until="2029-03-01")
    assert earlier == (made["dpk"], 3)
    both = _harvest(
        oai_url, "ListRecords", metadata_prefix="oai_ead", set_="opd:DPK",
        from_="2029-03-01T10:00:00Z", until="2029-04-01T10:00:00Z",
    )  # fmt: skip
    assert both == (made["dpk"], 3)
    fonds = _harvest(oai_url, "ListRecords", metadata_prefix="oai_dc", set_="level:fonds")
    assert fonds == (made["fonds"], 1)


def _post(url: str, fields: list[tuple[str, str]]) -> tuple[int, str, bytes]:
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(url, data=data, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status, answer.headers["content-type"], answer.read()


def _get(url: str, query: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(f"{url}?{query}", timeout=30) as answer:
        return answer.status, answer.headers["content-type"], answer.read()


def _without_response_date(xml: bytes) -> bytes:
    root = checked(xml)
    root.remove(root.find("o:responseDate", NS))
    return etree.tostring(root)


def test_post_answers_as_get_does_and_repeated_arguments_are_refused(repository, oai_url):
    query = [("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("set", "opd:DINKES")]
    status, kind, by_post = _post(oai_url, query)
    assert status == 200 and kind == "text/xml; charset=utf-8"
    _, _, by_get = _get(oai_url, urllib.parse.urlencode(query))
    assert _without_response_date(by_post) == _without_response_date(by_get)
    assert set(identifiers(checked(by_post))) == repository[1]["dinkes"]
    _, _, twice = _get(oai_url, "verb=Identify&verb=Identify")
    assert error_of(checked(twice)) == "badVerb"
    _, _, repeated = _post(oai_url, [*query, ("set", "opd:DPK")])
    assert error_of(checked(repeated)) == "badArgument"
    _, _, blank = _get(oai_url, "verb=")
    assert error_of(checked(blank)) == "badVerb"


@pytest.mark.slow
def test_lontar_serve_answers_oai_on_the_apps_own_port(tmp_path):
    home = Home.resolve(tmp_path / "home")
    home.ensure()
    with Lontar(home) as service:
        service.init("ID-T", "Pemerintah Kota Uji")
        service.records.add_unit(ADMIN, "DPK", "Dinas Perpustakaan dan Kearsipan")
        fonds = service.ingest.create_container(ADMIN, "DPK", "fonds", "Arsip Walikota")
        items = _items(service, "DPK", fonds, 3, "Keputusan")
        service.catalogue.publish(ADMIN, fonds)  # the worker indexes it, the ledger follows
    port = free_port()
    serve = start_serve(home, port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/oai"
    try:
        wait_until(lambda: healthy(port), 120, "the app")

        def harvested() -> set[str]:
            root = checked(_get(url, "verb=ListIdentifiers&metadataPrefix=oai_dc")[2])
            return set(identifiers(root))

        wait_until(lambda: harvested() == {fonds, *items}, 120, "the worker to index")
        status, kind, body = _post(url, [("verb", "Identify")])
        assert status == 200 and kind == "text/xml; charset=utf-8"
        assert b"<deletedRecord>persistent</deletedRecord>" in body
        found, pages = _harvest(url, "ListRecords", metadata_prefix="oai_ead")
        assert found == {fonds, *items} and pages == 1
    finally:
        serve.send_signal(signal.SIGINT)
        serve.wait(timeout=60)
