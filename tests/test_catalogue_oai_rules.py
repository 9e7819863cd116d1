"""The rule OAI-PMH must never break, over random trees and random histories: no record of
class T, R or SR (itself or any record above it), no confined record and no
unpublished record is ever served with metadata, by any verb, at any moment: while the index
lags (publications, withdrawals, reclassifications and confinements not yet reindexed) as
much as after it caught up. Once it has, a harvest serves exactly what the oracle calls
public, and everything it ever served and no longer may is a deleted header.

The oracle reads the records themselves (classes, `published`, `confined`), not
`catalogue_public`: it is the rule written down a second time."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import random

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from indexes import writer
from repository.app import Lontar
from repository.catalogue import ledger, publication
from repository.core import clock
from repository.core.config import Home
from repository.core.content import Record, pemda_of
from repository.core.db import reading, write
from repository.core.errors import InvalidInput
from repository.core.security import ADMIN
from repository.records.sharing import enqueue_subtree
from tests.test_catalogue_oai import HOST, NS, checked, error_of, identifiers, with_metadata

CLASSES = ("B", "B", "B", "B", "T", "R", "SR")
DEEPER = {"fonds": ("series", "file", "item"), "series": ("file", "item"), "file": ("item",)}
COUNTER = itertools.count(1)
INDEX = st.sampled_from(("none", "little", "all", "all"))


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    home = Home.resolve(tmp_path_factory.mktemp("oai-rules") / "home")
    home.ensure()
    lontar = Lontar(home)
    lontar.init("ID-T", "Pemerintah Kota Uji")
    yield lontar
    lontar.close()


def oracle(record: Record) -> bool:
    """Public: not confined anywhere above; the record and every record above it of class B;
    the record or one above it published."""
    chain = [record, *reversed([n for n in record.ancestors() if isinstance(n, Record)])]
    if any(node.confined for node in chain):
        return False
    if any(node.security != "B" for node in chain):
        return False
    return any(node.published for node in chain)


class History(RuleBasedStateMachine):
    """One random tree in a unit of its own (its set `opd:<unit>`) per run."""

    service: Lontar

    @initialize(
        shape=st.lists(
            st.tuples(st.integers(0, 30), st.integers(0, 2), st.sampled_from(CLASSES)),
            min_size=2,
            max_size=9,
        ),
        top_class=st.sampled_from(CLASSES),
    )
    def build(self, shape, top_class):
        # Hypothesis seeds the global `random` alike for every example, and Whoosh names new
        # index segments from it (see test_disposition_rules.py): seeded once, from the OS.
        random.seed()
        number = next(COUNTER)
        self.unit = f"U{number}"
        # a clock that moves a minute with each step, so that datestamps tell steps apart
        self.moment = dt.datetime(2030, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=number)
        clock.set_source(lambda: self.moment)
        ingest = self.service.ingest
        self.service.records.add_unit(ADMIN, self.unit, f"Dinas Uji {self.unit}")
        top = ingest.create_container(ADMIN, self.unit, "fonds", "Fonds", security=top_class)
        self.nodes, self.level, self.parent = [top], {top: "fonds"}, {top: None}
        for pick, depth, security in shape:
            containers = [n for n in self.nodes if self.level[n] != "item"]
            parent = containers[pick % len(containers)]
            levels = DEEPER[self.level[parent]]
            level = levels[depth % len(levels)]
            made = ingest.create_container(
                ADMIN, self.unit, level, f"{level} {len(self.nodes)}", into=parent,
                security=security,
            )  # fmt: skip
            self.nodes.append(made)
            self.level[made], self.parent[made] = level, parent
        self.seen: set[str] = set()  # ever served with metadata in this run
        self.published: set[str] = set()
        self.seen_live: dict[str, str] = {}  # id -> the last moment it was served live
        self.seen_deleted: dict[str, str] = {}  # id -> the last moment it was served deleted
        self.loose: set[str] = set()  # below a confinement changed (see a_harvester_...)
        writer.drain(self.service.db, self.service.store)
        self.publish(0, "all")  # the fonds, when it may be

    def teardown(self) -> None:
        clock.set_source(None)

    def tick(self) -> None:
        self.moment += dt.timedelta(minutes=1)

    def below(self, record_id: str) -> set[str]:
        found = {record_id}
        for node in self.nodes:
            chain, up = [], node
            while up is not None:
                chain.append(up)
                up = self.parent[up]
            if record_id in chain:
                found.add(node)
        return found

    def node(self, pick: int, containers: bool = False) -> str:
        nodes = [n for n in self.nodes if not containers or self.level[n] != "item"]
        return nodes[pick % len(nodes)]

    def index(self, how: str) -> None:
        """Nothing (the views run ahead of the index), one small batch, or everything."""
        self.tick()
        if how == "little":
            writer.apply_queue(self.service.db, self.service.store, batch=3)
        elif how == "all":
            writer.drain(self.service.db, self.service.store)

    @rule(pick=st.integers(0, 30), then=INDEX)
    def publish(self, pick, then):
        record_id = self.node(pick, containers=True)
        with contextlib.suppress(InvalidInput):  # not class B, confined, or published
            self.service.catalogue.publish(ADMIN, record_id)
            self.published.add(record_id)
        self.index(then)

    @rule(pick=st.integers(0, 30), then=INDEX)
    def unpublish(self, pick, then):
        if self.published:
            record_id = sorted(self.published)[pick % len(self.published)]
            self.service.catalogue.unpublish(ADMIN, record_id)
            self.published -= self.below(record_id)  # withdrawn with it
        self.index(then)

    @rule(pick=st.integers(0, 30), security=st.sampled_from(("B", "T", "R", "SR")), then=INDEX)
    def reclassify(self, pick, security, then):
        self.service.records.update_record(ADMIN, self.node(pick), {"security": security})
        self.index(then)

    @rule(pick=st.integers(0, 30), confined=st.booleans(), then=INDEX)
    def confine(self, pick, confined, then):
        """As a received letter's thread is (re)confined (letters/threads.py)."""
        record_id = self.node(pick)

        def change(root) -> None:
            pemda = pemda_of(root)
            pemda.records[record_id].confined = ("user:kepala",) if confined else ()
            enqueue_subtree(pemda, pemda.records[record_id])

        write(self.service.db, change)
        self.loose |= self.below(record_id)
        self.index(then)

    # -- the rule ----------------------------------------------------------------------------
    def served(self, **params) -> tuple[set[str], set[str]]:
        """(ids with metadata, ids as deleted headers) of every page of a list."""
        root = checked(self.service.catalogue.oai(params))
        live, gone = set(), set()
        while error_of(root) is None:
            live |= (
                with_metadata(root)
                if params["verb"] == "ListRecords"
                else set(identifiers(root, deleted=False))
            )
            gone |= set(identifiers(root, deleted=True))
            token = root.find(f"o:{params['verb']}/o:resumptionToken", NS)
            if token is None or not token.text:
                break
            root = checked(
                self.service.catalogue.oai({"verb": params["verb"], "resumptionToken": token.text})
            )
        assert error_of(root) in (None, "noRecordsMatch")
        return live, gone

    @invariant()
    def nothing_but_the_public_is_served(self):
        if not hasattr(self, "unit"):
            return
        harvests = [
            self.served(verb="ListRecords", metadataPrefix="oai_dc", set=f"opd:{self.unit}"),
            self.served(verb="ListRecords", metadataPrefix="oai_ead", set="level:item"),
            self.served(verb="ListIdentifiers", metadataPrefix="oai_dc", set=f"opd:{self.unit}"),
        ]
        live, gone = harvests[0]
        single = set()
        for record_id in self.nodes:
            for prefix in ("oai_dc", "oai_ead"):
                root = checked(
                    self.service.catalogue.oai(
                        {"verb": "GetRecord", "metadataPrefix": prefix,
                         "identifier": HOST + record_id}
                    )
                )  # fmt: skip
                single |= with_metadata(root)
        with reading(self.service.db) as root:
            pemda = pemda_of(root)
            mine = {r for r in self.nodes if r in pemda.records}
            for served, _ in harvests:
                for record_id in served & mine:
                    assert oracle(pemda.records[record_id]), record_id
                    assert publication.is_public(pemda.records[record_id])
            for record_id in single:
                assert oracle(pemda.records[record_id]), record_id
            public = {r for r in mine if oracle(pemda.records[r])}
            settled = not pemda.index_queue
        assert live == harvests[2][0] and gone == harvests[2][1]
        assert live & gone == set()
        self.seen |= live
        if settled:  # the index caught up: exactly the public records, the rest deleted
            assert live == public == single
            assert self.seen - public <= gone

    @invariant()
    def a_harvester_misses_no_change(self):
        """What an incremental harvester relies on: a record it saw deleted at a moment comes
        back with a datestamp from that moment on; one it saw live, once the index has caught
        up and withdrawn it, is deleted with such a datestamp. (Not below a confinement that
        changed: confining and unconfining between two index batches leaves no mark, so the
        record keeps its datestamp: docs/oai-pmh.md.)"""
        if not hasattr(self, "unit"):
            return
        now = self.moment.strftime(ledger.DATESTAMP)
        root = checked(
            self.service.catalogue.oai(
                {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": f"opd:{self.unit}"}
            )
        )
        with reading(self.service.db) as found:
            settled = not pemda_of(found).index_queue
        for header in root.iterfind(".//o:header", NS):
            record_id = header.findtext("o:identifier", namespaces=NS).removeprefix(HOST)
            stamp = header.findtext("o:datestamp", namespaces=NS)
            if header.get("status") == "deleted":
                if settled and record_id not in self.loose:
                    assert stamp >= self.seen_live.get(record_id, ""), record_id
                self.seen_deleted[record_id] = now
            else:
                if record_id not in self.loose:
                    assert stamp >= self.seen_deleted.get(record_id, ""), record_id
                self.seen_live[record_id] = now


def test_no_withheld_record_is_ever_served_with_metadata(shared):
    History.service = shared
    run = History.TestCase
    run.settings = settings(
        max_examples=40,
        stateful_step_count=10,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    run().runTest()
