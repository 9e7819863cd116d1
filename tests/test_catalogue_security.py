"""The public catalogue never shows what is not public: its search (hits, totals, every facet),
its tree (rows and counts at every level), the record view, files and permanent URLs, for the
public and for a logged-in member of staff alike, compared with the rule itself
(`security.catalogue_public`, read from the database).

Also when access changes while the index lags: reclassifying to T hides at once (the view by
its strict check, the search by the restriction on the subtree), withdrawing hides at once, and
a property test runs random trees through random publish, withdraw and reclassify sequences.
Exports and OAI-PMH have their own tests (tests/test_catalogue_exchange.py, test_catalogue_oai*.py).
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repository.app import ANONYMOUS, Lontar, SearchRequest
from repository.core.config import Home
from repository.core.content import pemda_of
from repository.core.db import reading
from repository.core.errors import InvalidInput, RecordNotFound
from repository.core.security import ADMIN, catalogue_public
from tests.conftest import add, make_pdf

WORD = "gerabah"  # in the title of every record of the fixture, public or not
FACETS_ONE_VALUE = ("unit", "level", "security", "language", "digital")  # one value per record


def catch_up(service: Lontar) -> None:
    """The worker's round: the index drained, restrictions it passed dropped."""
    service.index.catch_up(ocr=False)


def oracle(service: Lontar) -> set[str]:
    """Every record the rule makes public, read from the database."""
    with reading(service.db) as root:
        return {rid for rid, r in pemda_of(root).records.items() if catalogue_public(r)}


def every_record(service: Lontar) -> dict[str, dict]:
    with reading(service.db) as root:
        return {
            rid: {"refcode": r.reference_code, "files": len(r.attachments), "level": r.level}
            for rid, r in pemda_of(root).records.items()
        }


def searched(service: Lontar, caller, query: str = "") -> tuple[set[str], object]:
    found = service.catalogue.search(caller, SearchRequest(query=query, page_size=500))
    return {h.id for h in found.hits}, found


def walked(service: Lontar, caller) -> dict[str, int]:
    """id -> the count its row shows, for every row of the tree from the top down."""
    rows, todo = {}, [""]
    while todo:
        node, page, pages = todo.pop(), 1, 1
        while page <= pages:
            found = service.catalogue.children(caller, node, page)
            for row in found["rows"]:
                assert row["id"] not in rows, "a record shown twice in the tree"
                rows[row["id"]] = row["children"]
                todo.append(row["id"])
            page, pages = page + 1, found["pages"]
    return rows


def opens(service: Lontar, caller, record_id: str) -> bool:
    try:
        service.catalogue.node(caller, record_id)
    except RecordNotFound:
        return False
    return True


def assert_only_public(service: Lontar, caller, public: set[str], *, settled: bool) -> None:
    """Every view shows a subset of `public`; once the index has settled, exactly it."""
    everything, found = searched(service, caller)
    assert everything <= public
    assert found.total == len(everything)
    for name in FACETS_ONE_VALUE:
        assert sum(found.facets.get(name, {}).values()) == found.total, name
    assert set(found.facets.get("security", {})) <= {"B"}
    tree = walked(service, caller)
    assert set(tree) <= public
    records = every_record(service)
    for rid, facts in records.items():
        shown = opens(service, caller, rid)
        assert not shown or rid in public, rid
        assert (service.catalogue.resolve(rid) == rid) == shown
        if facts["files"] and not shown:
            with pytest.raises(RecordNotFound):
                service.catalogue.file(caller, rid, 0)
        if not shown and rid not in tree:
            with pytest.raises(RecordNotFound):
                service.catalogue.children(caller, rid)
    if settled:
        assert everything == public
        assert set(tree) == public
        assert all(opens(service, caller, rid) for rid in public)
        with_files = [rid for rid in public if records[rid]["files"]]
        assert all(service.catalogue.file(caller, rid, 0)["data"] for rid in with_files)


# -- a fixed tree with everything that must not leak -----------------------------------------------
@pytest.fixture
def leaky(service):
    """A published fonds in DPK holding B, T, R and SR items, a T berkas with a B item, an R
    series; the received letters' series of DINKES published with a confined thread in it;
    an unpublished fonds and a loose record with the same word; a Staf of DPK cleared for SR."""
    ids = {}
    new = service.ingest.create_container
    ids["fonds"] = new(ADMIN, "DPK", "fonds", f"Arsip {WORD} kota", date_start="1950-01-01")
    ids["series"] = new(ADMIN, "DPK", "series", f"Seri {WORD}", into=ids["fonds"])
    ids["berkas"] = new(ADMIN, "DPK", "file", f"Berkas {WORD}", into=ids["series"])
    for cls in ("B", "T", "R", "SR"):
        ids[f"item_{cls}"] = add(
            service, f"{cls}.pdf", make_pdf(f"Surat {WORD} {cls}", f"Isi {WORD} kelas {cls}."),
            unit="DPK", into=ids["berkas"], title=f"Surat {WORD} {cls}", security=cls,
        )  # fmt: skip
    ids["berkas_T"] = new(ADMIN, "DPK", "file", f"Berkas {WORD} T", into=ids["series"],
                          security="T")  # fmt: skip
    ids["item_B_under_T"] = add(
        service, "bt.txt", f"Catatan {WORD} biasa di berkas terbatas".encode(), unit="DPK",
        into=ids["berkas_T"], title=f"Catatan {WORD} di berkas T",
    )  # fmt: skip
    ids["series_R"] = new(ADMIN, "DPK", "series", f"Seri {WORD} R", into=ids["fonds"],
                          security="R")  # fmt: skip
    ids["item_B_under_R"] = new(ADMIN, "DPK", "item", f"Item {WORD} di seri R",
                                into=ids["series_R"])  # fmt: skip
    ids["unpublished"] = new(ADMIN, "DPK", "fonds", f"Arsip {WORD} belum terbit")
    ids["unpublished_item"] = add(
        service, "u.txt", f"Laporan {WORD} yang belum terbit".encode(), unit="DPK",
        into=ids["unpublished"], title=f"Laporan {WORD} belum terbit",
    )  # fmt: skip
    ids["loose"] = add(service, "l.txt", f"Nota {WORD} lepas".encode(), title=f"Nota {WORD}")
    service.letters.save_position(ADMIN, "DINKES.KADIS", unit="DINKES", name="Kepala", rank=1)
    letter = service.letters.register_external(
        ADMIN, "DINKES",
        {"sender": "RSUD Kota Uji", "their_number": "445/1/RSUD", "their_date": "2026-01-05",
         "hal": f"Permohonan {WORD}", "sifat": "biasa", "addressed": "DINKES.KADIS"},
        [("surat.pdf", make_pdf(f"Permohonan {WORD}", f"Isi permohonan {WORD}."))],
    )  # fmt: skip
    ids["thread"] = letter["thread"]
    ids["thread_item"] = letter["report"]["accepted"][0]["id"]
    with reading(service.db) as root:
        ids["incoming_series"] = pemda_of(root).records[ids["thread"]].parent.id
    ids["incoming_berkas"] = new(ADMIN, "DINKES", "file", f"Berkas {WORD} umum",
                                 into=ids["incoming_series"])  # fmt: skip
    service.catalogue.publish(ADMIN, ids["fonds"])
    service.catalogue.publish(ADMIN, ids["incoming_series"])
    service.access.add_account(ADMIN, "staf", "staf-sandi-uji", {"Staf"}, unit="DPK",
                               clearance="SR")  # fmt: skip
    catch_up(service)
    return ids


PUBLIC = ("fonds", "series", "berkas", "item_B", "incoming_series", "incoming_berkas")


def callers(service: Lontar) -> list:
    return [ANONYMOUS, service.access.caller("staf", "uji")]


def test_the_rule_makes_public_exactly_the_b_records_below_b_records_only(leaky, service):
    assert oracle(service) == {leaky[name] for name in PUBLIC}


@pytest.mark.parametrize("who", ["anonymous", "staf"])
def test_no_view_shows_a_record_that_is_not_public(leaky, service, who):
    caller = dict(zip(["anonymous", "staf"], callers(service), strict=True))[who]
    public = oracle(service)
    assert_only_public(service, caller, public, settled=True)
    hits, found = searched(service, caller, WORD)
    worded = public - {leaky["incoming_series"]}  # "Naskah Masuk 2026" has not the word
    assert hits == worded and found.total == len(worded)
    assert found.facets["security"] == {"B": len(worded)}
    assert found.facets["unit"] == {"DPK": 4, "DINKES": 1}
    assert found.facets["digital"] == {"1": 1, "0": 4}
    for name in ("item_T", "item_R", "item_SR", "item_B_under_T", "thread_item", "loose"):
        with pytest.raises(RecordNotFound):
            service.catalogue.file(caller, leaky[name], 0)
        with pytest.raises(RecordNotFound):
            service.catalogue.node(caller, leaky[name])
    assert service.catalogue.file(caller, leaky["item_B"], 0)["data"].startswith(b"%PDF")
    # sealed words of R/SR records are not found by the words themselves either
    assert searched(service, caller, "kelas")[0] == {leaky["item_B"]}


def test_every_level_of_the_tree_counts_only_public_children(leaky, service):
    tree = walked(service, ANONYMOUS)
    assert set(tree) == oracle(service)
    series = service.catalogue.children(ANONYMOUS, leaky["fonds"])
    assert [r["id"] for r in series["rows"]] == [leaky["series"]] and series["total"] == 1
    assert series["rows"][0]["children"] == 1  # the public berkas, not the T berkas
    berkas = service.catalogue.children(ANONYMOUS, leaky["series"])
    assert [(r["id"], r["children"]) for r in berkas["rows"]] == [(leaky["berkas"], 1)]
    items = service.catalogue.children(ANONYMOUS, leaky["berkas"])
    assert [(r["id"], r["children"]) for r in items["rows"]] == [(leaky["item_B"], 0)]
    incoming = service.catalogue.children(ANONYMOUS, leaky["incoming_series"])
    assert [r["id"] for r in incoming["rows"]] == [leaky["incoming_berkas"]]


def test_a_node_names_only_public_ancestors_and_parents(leaky, service):
    public = oracle(service)
    for rid in public:
        node = service.catalogue.node(ANONYMOUS, rid)
        assert {b["id"] for b in node["breadcrumbs"]} <= public
        assert node["parent"] is None or node["parent"] in public
    assert service.catalogue.node(ANONYMOUS, leaky["incoming_series"])["parent"] is None
    item = service.catalogue.node(ANONYMOUS, leaky["item_B"])
    assert [b["id"] for b in item["breadcrumbs"]] == [
        leaky["fonds"], leaky["series"], leaky["berkas"]
    ]  # fmt: skip


def test_reference_codes_resolve_only_while_public(leaky, service):
    records = every_record(service)
    for rid, facts in records.items():
        expected = rid if rid in oracle(service) else None
        assert service.catalogue.resolve(facts["refcode"]) == expected, facts["refcode"]


def test_a_top_row_counts_its_public_children_as_every_other_row_does(leaky, service):
    """Not itself and everything below (a fonds of 100k items would say 100k, where each row
    under it says how many rows opening it shows)."""
    top = {row["id"]: row["children"] for row in service.catalogue.children(ANONYMOUS)["rows"]}
    assert top == {leaky["fonds"]: 1, leaky["incoming_series"]: 1}


# -- changes while the index lags ------------------------------------------------------------------
def test_reclassifying_to_t_hides_at_once_and_after_the_index_caught_up(leaky, service):
    staf = service.access.caller("staf", "uji")
    service.records.update_record(ADMIN, leaky["item_B"], {"security": "T"})
    with pytest.raises(RecordNotFound):
        service.catalogue.node(ANONYMOUS, leaky["item_B"])
    for caller in (ANONYMOUS, staf):
        assert leaky["item_B"] not in searched(service, caller, WORD)[0]  # the index still has B
    assert_only_public(service, ANONYMOUS, oracle(service), settled=False)
    catch_up(service)
    assert leaky["item_B"] not in searched(service, ANONYMOUS, WORD)[0]
    assert_only_public(service, staf, oracle(service), settled=True)


def test_reclassifying_a_berkas_hides_everything_below_it_at_once(leaky, service):
    service.records.update_record(ADMIN, leaky["berkas"], {"security": "R"})
    gone = {leaky["berkas"], leaky["item_B"]}
    assert not gone & searched(service, ANONYMOUS, WORD)[0]
    assert not gone & set(walked(service, ANONYMOUS))
    assert service.catalogue.children(ANONYMOUS, leaky["series"])["rows"] == []
    catch_up(service)
    assert_only_public(service, ANONYMOUS, oracle(service), settled=True)
    assert not gone & oracle(service)


def test_lowering_a_class_opens_only_once_the_index_has_it(leaky, service):
    service.records.update_record(ADMIN, leaky["item_T"], {"security": "B"})
    assert leaky["item_T"] in oracle(service)
    assert not opens(service, ANONYMOUS, leaky["item_T"])  # the view waits for the search
    assert leaky["item_T"] not in searched(service, ANONYMOUS, WORD)[0]
    catch_up(service)
    assert opens(service, ANONYMOUS, leaky["item_T"])
    assert leaky["item_T"] in searched(service, ANONYMOUS, WORD)[0]


def test_withdrawing_hides_the_whole_subtree_at_once(leaky, service):
    below = {leaky[n] for n in ("fonds", "series", "berkas", "item_B")}
    service.catalogue.unpublish(ADMIN, leaky["fonds"])
    for rid in below:
        assert not opens(service, ANONYMOUS, rid)
    assert not below & searched(service, ANONYMOUS, WORD)[0]
    assert not below & set(walked(service, ANONYMOUS))
    assert_only_public(service, ANONYMOUS, oracle(service), settled=False)
    catch_up(service)
    assert_only_public(service, ANONYMOUS, oracle(service), settled=True)
    assert not below & oracle(service)


def test_a_new_publication_waits_for_the_index_in_every_view(leaky, service):
    service.catalogue.publish(ADMIN, leaky["unpublished"])
    assert leaky["unpublished_item"] in oracle(service)
    assert not opens(service, ANONYMOUS, leaky["unpublished"])
    assert leaky["unpublished_item"] not in searched(service, ANONYMOUS, WORD)[0]
    catch_up(service)
    assert opens(service, ANONYMOUS, leaky["unpublished_item"])
    assert_only_public(service, ANONYMOUS, oracle(service), settled=True)


def test_a_t_node_and_a_confined_thread_cannot_be_published(leaky, service):
    with pytest.raises(InvalidInput) as refused:
        service.catalogue.publish(ADMIN, leaky["berkas_T"])
    assert refused.value.key == "catalogue_publish_class"
    with pytest.raises(InvalidInput) as refused:
        service.catalogue.publish(ADMIN, leaky["thread"])
    assert refused.value.key == "catalogue_publish_class"
    assert oracle(service) == {leaky[name] for name in PUBLIC}


# -- random trees, random changes -------------------------------------------------------------
CLASSES = st.sampled_from(["B", "B", "B", "T", "R", "SR"])
ITEM = st.tuples(CLASSES, st.booleans())  # (class, has a file)
BERKAS = st.tuples(CLASSES, st.lists(ITEM, max_size=2))
SERIES = st.tuples(CLASSES, st.lists(BERKAS, max_size=2))
TREE = st.tuples(CLASSES, st.lists(SERIES, min_size=1, max_size=2))
NODE = st.integers(0, 15)  # taken modulo the number of nodes
STEP = st.one_of(
    st.tuples(st.just("publish"), NODE),
    st.tuples(st.just("unpublish"), NODE),
    st.tuples(st.just("reclassify"), NODE, CLASSES),
    st.tuples(st.just("catch_up")),
)


def grow(service: Lontar, tree: tuple) -> list[str]:
    """The tree in DPK; returns its nodes, the fonds first (what steps point at)."""
    numbers = itertools.count()
    new = service.ingest.create_container
    fonds_class, series_list = tree
    nodes = [new(ADMIN, "DPK", "fonds", "Fonds acak", security=fonds_class)]
    for series_class, berkas_list in series_list:
        series = new(ADMIN, "DPK", "series", "Seri acak", into=nodes[0], security=series_class)
        nodes.append(series)
        for berkas_class, items in berkas_list:
            berkas = new(ADMIN, "DPK", "file", "Berkas acak", into=series, security=berkas_class)
            nodes.append(berkas)
            for item_class, has_file in items:
                n = next(numbers)
                if has_file:
                    data = f"Isi arsip acak nomor {n}".encode()
                    nodes.append(add(service, f"{n}.txt", data, unit="DPK", into=berkas,
                                     title="Item acak", security=item_class))  # fmt: skip
                else:
                    nodes.append(new(ADMIN, "DPK", "item", "Item acak", into=berkas,
                                     security=item_class))  # fmt: skip
    return nodes


def step(service: Lontar, nodes: list[str], action: tuple) -> None:
    """One change as an archivist makes it; what the services refuse is refused, not an error
    (publishing an item or a T node, withdrawing what is not published)."""
    kind, *args = action
    try:
        if kind == "publish":
            service.catalogue.publish(ADMIN, nodes[args[0] % len(nodes)])
        elif kind == "unpublish":
            service.catalogue.unpublish(ADMIN, nodes[args[0] % len(nodes)])
        elif kind == "reclassify":
            service.records.update_record(ADMIN, nodes[args[0] % len(nodes)], {"security": args[1]})
        else:
            catch_up(service)
    except InvalidInput as refused:
        assert refused.key in (
            "catalogue_publish_level", "catalogue_publish_class", "catalogue_publish_class_above",
            "catalogue_not_published",
        )  # fmt: skip


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(tree=TREE, steps=st.lists(STEP, min_size=1, max_size=10))
def test_random_publications_never_show_more_than_the_rule(tmp_path_factory, tree, steps):
    home = Home.resolve(tmp_path_factory.mktemp("catalogue"))
    with Lontar(home) as service:
        service.init("ID-T", "Pemerintah Kota Uji")
        service.records.add_unit(ADMIN, "DPK", "Dinas Perpustakaan dan Kearsipan")
        nodes = grow(service, tree)
        if tree[0] == "B":
            service.catalogue.publish(ADMIN, nodes[0])
        for action in steps:
            step(service, nodes, action)
            assert_only_public(service, ANONYMOUS, oracle(service), settled=False)
        catch_up(service)
        assert_only_public(service, ANONYMOUS, oracle(service), settled=True)


def test_a_berkas_published_below_an_unpublished_series_is_a_top_node(leaky, service):
    """Published on its own in a fonds that is not published: the tree cannot reach it from
    above, so it is one of the tree's top nodes, and names no ancestor."""
    series = service.ingest.create_container(
        ADMIN, "DPK", "series", f"Seri {WORD} belum terbit", into=leaky["unpublished"]
    )
    berkas = service.ingest.create_container(
        ADMIN, "DPK", "file", f"Berkas {WORD} terbuka", into=series
    )
    service.catalogue.publish(ADMIN, berkas)
    catch_up(service)
    assert berkas in oracle(service) and series not in oracle(service)
    top = [row["id"] for row in service.catalogue.children(ANONYMOUS)["rows"]]
    assert berkas in top
    node = service.catalogue.node(ANONYMOUS, berkas)
    assert (node["parent"], node["breadcrumbs"]) == (None, [])
    assert_only_public(service, ANONYMOUS, oracle(service), settled=True)


def test_nothing_below_a_hidden_series_can_be_published(leaky, service):
    """Every record above a public one is of class B: a berkas in the R series is refused,
    and the message names the series that keeps it out."""
    berkas = service.ingest.create_container(
        ADMIN, "DPK", "file", f"Berkas {WORD} terbuka", into=leaky["series_R"]
    )
    with pytest.raises(InvalidInput) as refused:
        service.catalogue.publish(ADMIN, berkas)
    assert refused.value.key == "catalogue_publish_class_above"
    assert f"Seri {WORD} R (class R)" in refused.value.message("en")
    catch_up(service)
    assert berkas not in oracle(service)
    assert oracle(service) == {leaky[name] for name in PUBLIC}


def test_raising_a_series_hides_what_was_published_inside_it(leaky, service):
    """A berkas published on its own leaves the catalogue with its series raised to T, at
    once and after the index caught up, and comes back when the series is lowered again."""
    service.catalogue.publish(ADMIN, leaky["berkas"])
    catch_up(service)
    inside = {leaky["berkas"], leaky["item_B"]}
    service.records.update_record(ADMIN, leaky["series"], {"security": "T"})
    assert not any(opens(service, ANONYMOUS, rid) for rid in inside)
    assert not inside & searched(service, ANONYMOUS, WORD)[0]
    assert_only_public(service, ANONYMOUS, oracle(service), settled=False)
    catch_up(service)
    assert not inside & oracle(service)
    assert_only_public(service, ANONYMOUS, oracle(service), settled=True)
    service.records.update_record(ADMIN, leaky["series"], {"security": "B"})
    catch_up(service)
    assert inside <= oracle(service)
    assert all(opens(service, ANONYMOUS, rid) for rid in inside)
