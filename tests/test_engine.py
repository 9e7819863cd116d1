"""The array engine (indexes/engine.py) against plain Whoosh searching the same index.

Random corpora of real records (the project's own units, records, attachments, shares, class
changes, turned into fields by indexes/documents.py and written by the store's writer, in
several commits so there are segments and deleted documents), random callers and random
queries in the syntax of docs/search.md. The search service answers through the engine; plain
Whoosh answers `searcher.search(query, filter=..., limit=None)` with the same parsed query and
the same permission and request filters, its own facet counting (`groupedby`) and its own
sorting. Hit sets, totals and facet counts must be equal; the order must agree wherever the
scores (or sort keys) differ. Whoosh scores with a weighting model that is the relevance
docs/search.md documents (BM25, k1 1.2, b 0.75, title 2x), since its own BM25F is not.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import whoosh
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh import scoring
from whoosh.fields import ID, Schema
from whoosh.query import (
    And,
    AndMaybe,
    AndNot,
    BinaryQuery,
    Every,
    Not,
    Or,
    Query,
    Require,
    Term,
)
from whoosh.sorting import FieldFacet, TranslateFacet

from indexes import engine as engine_module
from indexes import writer as index_writer
from indexes.documents import record_fields
from indexes.engine import (
    PRIVATE_MEMBERS,
    TERM_CACHE_BYTES,
    TERM_CACHE_MAX_BYTES,
    WHOOSH_VERSION,
    TermCache,
    WhooshMismatch,
    check_whoosh_members,
    check_whoosh_version,
)
from indexes.postings import write_missing
from indexes.schema import FACET_COLUMNS
from indexes.sealed import blind_query
from indexes.search import (
    SORT_FIELDS,
    SearchRequest,
    parse_query,
    permission_filter,
    request_filter,
    search,
)
from indexes.store import IndexStore, open_writer
from repository.core.content import Pemda, Record
from repository.core.errors import QuerySyntaxError
from repository.core.keys import Keyring
from repository.core.sealing import new_attachment, text_body
from repository.core.security import ADMIN, ANONYMOUS, Caller, grants_from
from repository.records.records import create_record, update_record
from repository.records.sharing import set_blocking, share
from repository.records.units import add_unit
from tests.conftest import add

# Inflected forms share stems (arsip, pengarsipan, kearsipan), stop words are dropped.
WORDS = (
    "arsip",
    "pengarsipan",
    "kearsipan",
    "rapat",
    "koordinasi",
    "banjir",
    "anggaran",
    "surat",
    "dinas",
    "laporan",
    "vaksin",
    "pedoman",
    "keuangan",
    "yang",
    "dan",
)
UNITS = ("DINKES", "DINKES.P2P", "DPK")
CLASSES = ("B", "T", "R", "SR")
CODES = ("", "000.5", "000.5.3.1", "300.2", "900.1", "700.1")
FLAGS = ("no_text", "ocr_done", "encrypted")
FACETS = ("unit", "level", "security", "class_top", "year", "language", "digital", "parent")
K1, B, BOOSTS = 1.2, 0.75, {"title": 2.0, "text": 1.0}
PAGE_ALL = 10_000
MAX_PAGES = 8
UNSCORED = 1e-9  # what plain Whoosh gives a term of a field the engine does not score


# -- corpora --------------------------------------------------------------------------------------
words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
texts = st.lists(st.sampled_from(WORDS), max_size=10).map(" ".join)
# Few days, the ones records have and ranges start or end on: an off-by-one shows.
DAYS = [
    dt.date.fromisoformat(day)
    for day in ("2019-12-31", "2021-01-01", "2022-03-01", "2022-08-17", "2023-12-31", "2024-06-15")
]
days = st.none() | st.sampled_from(DAYS)
files = st.fixed_dictionaries(  # berkas: containers items may be filed into
    {"unit": st.sampled_from(UNITS), "title": words, "security": st.sampled_from(CLASSES)}
)
items = st.fixed_dictionaries(
    {
        "unit": st.sampled_from(UNITS),
        "into": st.none() | st.integers(0, 1),
        "title": words,
        "description": texts,
        "attachment": st.none() | texts,
        "flags": st.lists(st.sampled_from(FLAGS), max_size=2, unique=True),
        "security": st.sampled_from(CLASSES),
        "date": days,
        "classification": st.sampled_from(CODES),
        "share": st.none() | st.sampled_from(UNITS),
        "copies": st.sampled_from((0, 1, 2)),  # equal records score equal: ties
    }
)
changes = st.tuples(  # applied in a later commit: an update is a delete plus an add in Whoosh
    st.integers(0, 15),
    st.sampled_from(("title", "security", "delete")),
    words,
    st.sampled_from(CLASSES),
)
corpora = st.fixed_dictionaries(
    {
        "files": st.lists(files, max_size=2),
        "items": st.lists(items, min_size=1, max_size=16),
        "block": st.booleans(),
        "split": st.integers(0, 16),
        "changes": st.lists(changes, max_size=4),
        "merge": st.booleans(),
        "mapped": st.sampled_from((None, 0, 1)),  # segments with mapped lists: none, one, all
    }
)


@dataclass
class Built:
    store: IndexStore
    pemda: Pemda
    files: list[Record]
    items: list[Record]


def drain(pemda: Pemda, store: IndexStore, keyring: Keyring, merge: bool) -> None:
    """What `indexes.writer.apply_queue` does, without the database transaction around it."""
    ids = list(dict.fromkeys(pemda.index_queue.values()))
    pemda.index_queue.clear()
    writer = open_writer(store.ix())
    for rid in ids:
        record = pemda.records.get(rid)
        if record is None:
            writer.delete_by_term("id", rid)
        else:
            writer.update_document(**record_fields(record, keyring))
    writer.commit(merge=merge)


def add_item(pemda: Pemda, files: list[Record], spec: dict, keyring: Keyring) -> Record:
    into = spec["into"]
    container = files[into] if into is not None and into < len(files) else None
    record = create_record(
        pemda,
        container or pemda.units[spec["unit"]],
        level="item",
        title=spec["title"],
        actor="admin",
        date_start=spec["date"],
        description=spec["description"],
        classification=spec["classification"],
        security=spec["security"],
    )
    if spec["attachment"] is not None:
        data = f"{record.id} {spec['attachment']}".encode()
        attachment = new_attachment(
            f"{record.id}.txt", data, "text/plain", f"{record.id:0>64}", record.security, keyring
        )
        if spec["attachment"]:
            attachment.text = text_body(attachment, [spec["attachment"]], keyring)
        for flag in spec["flags"]:
            attachment.set_flag(flag)
        record.attachments[0] = attachment
    if spec["share"]:
        share(pemda, record, spec["share"], None, "admin")
    return record


def build(corpus: dict, path: Path) -> Built:
    keyring = Keyring(path / "master.key", os.urandom(32))
    store = IndexStore(path / "index", keyring)
    store.ensure()
    pemda = Pemda("ID-T", "Pemerintah Kota Uji")
    add_unit(pemda, "DINKES", "Dinas Kesehatan")
    add_unit(pemda, "DINKES.P2P", "Bidang P2P", "DINKES")
    add_unit(pemda, "DPK", "Dinas Perpustakaan dan Kearsipan")
    if corpus["block"]:
        set_blocking(pemda, "DINKES.P2P", True)
    files = [
        create_record(
            pemda,
            pemda.units[spec["unit"]],
            level="file",
            title=spec["title"],
            actor="admin",
            security=spec["security"],
        )
        for spec in corpus["files"]
    ]
    items = []
    for n, spec in enumerate(corpus["items"]):
        if n == corpus["split"]:
            drain(pemda, store, keyring, merge=False)
        items += [add_item(pemda, files, spec, keyring) for _ in range(1 + spec["copies"])]
    drain(pemda, store, keyring, merge=False)
    for index, kind, title, security in corpus["changes"]:
        record = items[index % len(items)]
        if record.id not in pemda.records:
            continue
        if kind == "delete":  # as a destruction leaves it: the record gone, its entry queued
            del pemda.records[record.id]
            del record.parent.children[record.id]
            pemda.index_queue["~" + record.id] = record.id
        else:
            value = title if kind == "title" else security
            update_record(pemda, record, {kind: value}, "admin", keyring)
    drain(pemda, store, keyring, merge=corpus["merge"])
    if corpus.get("mapped") is not None:  # indexes/postings.py; the others read Whoosh's blocks
        write_missing(store.ix(), store.path, limit=corpus["mapped"] or None)
    return Built(store, pemda, files, items)


# -- callers and requests -------------------------------------------------------------------------
staff = st.builds(
    lambda name, unit, role, clearance: Caller(
        name, grants_from([], {unit: frozenset({role})}), clearance=clearance, unit=unit
    ),
    st.sampled_from(("pencatat", "staf")),
    st.sampled_from(UNITS),
    st.sampled_from(("Pencatat", "Staf", "Arsiparis")),
    st.sampled_from(CLASSES),
)
auditors = st.builds(
    lambda clearance: Caller("auditor", grants_from(["Auditor"], {}), clearance=clearance),
    st.sampled_from(CLASSES),
)
callers = st.one_of(st.just(ADMIN), st.just(ANONYMOUS), staff, auditors)


def field_word(word: str) -> st.SearchStrategy[str]:
    return st.sampled_from(("judul", "isi", "title", "text")).map(lambda name: f"{name}:{word}")


word = st.sampled_from(WORDS)
ranges = (  # how docs/search.md writes a date or a range, of one or two days
    "tanggal:{a:%Y}",
    "tanggal:{a:%Y%m}",
    "tanggal:{a:%Y%m%d}",
    "tanggal:[{a:%Y%m%d} to {b:%Y%m%d}]",
    "tanggal:[{a:%Y} to {b:%Y}]",
    "tanggal:[{a:%Y%m%d} to]",
    "tanggal:[to {b:%Y%m%d}]",
    "tanggal:>{a:%Y%m%d}",
    "tanggal:<{b:%Y%m%d}",
)
date_atoms = st.builds(
    lambda form, pair: form.format(a=min(pair), b=max(pair)),
    st.sampled_from(ranges),
    st.tuples(st.sampled_from(DAYS), st.sampled_from(DAYS)),
)
atoms = st.one_of(
    word,
    word.flatmap(field_word),
    st.lists(word, min_size=2, max_size=3).map(lambda ws: '"' + " ".join(ws) + '"'),
    st.lists(word, min_size=2, max_size=2).map(lambda ws: 'judul:"' + " ".join(ws) + '"'),
    word.map(lambda w: w[:4] + "*"),
    st.sampled_from(
        (
            "opd:dinkes",
            "unit:DINKES.P2P",
            "opd:dpk",
            "tingkat:item",
            "tingkat:file",
            "keamanan:B",
            "keamanan:T",
            "keamanan:R",
            "kode:300.2",
            "klasifikasi:000.5",
            "tanda:no_text",
            "tidakada",
        )
    ),
    date_atoms,
)


def combine(sub: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    pairs = st.tuples(sub, sub)
    return st.one_of(
        pairs.map(lambda p: f"({p[0]} AND {p[1]})"),
        pairs.map(lambda p: f"({p[0]} OR {p[1]})"),
        pairs.map(lambda p: f"({p[0]} NOT {p[1]})"),
        st.tuples(sub, st.sampled_from(("ANDNOT", "ANDMAYBE", "REQUIRE")), sub).map(
            lambda p: f"({p[0]} {p[1]} {p[2]})"
        ),
        pairs.map(lambda p: f"{p[0]} {p[1]}"),
        sub.map(lambda q: f"NOT {q}"),
    )


expressions = st.recursive(atoms, combine, max_leaves=4)
queries = st.one_of(expressions, date_atoms, st.tuples(expressions, date_atoms).map(" ".join))
FILTERS = {  # a request takes at most two: more would leave nothing to compare
    "unit": st.sampled_from(UNITS),
    "level": st.sampled_from(("item", "file")),
    "classification": st.sampled_from(("000", "000.5", "300.2")),
    "date_from": days,
    "date_to": days,
    "security": st.lists(st.sampled_from(CLASSES), min_size=1, max_size=2, unique=True).map(tuple),
    "flags": st.lists(st.sampled_from(FLAGS), min_size=1, max_size=1).map(tuple),
    "parent": st.sampled_from(("unit:DPK", "unit:DINKES", 0, 1)),
    "unclassified": st.booleans(),
}
filters = st.lists(st.sampled_from(sorted(FILTERS)), max_size=2, unique=True).flatmap(
    lambda names: st.fixed_dictionaries({name: FILTERS[name] for name in names})
)
requests = st.builds(
    lambda fixed, chosen: {**fixed, **chosen},
    st.fixed_dictionaries(
        {
            "query": st.one_of(queries, queries, queries, st.just("")),
            "sort": st.sampled_from(
                ("relevance",) * 3 + ("date_desc", "date_asc", "added_desc", "refcode")
            ),
            "count_children": st.booleans(),
            "page_size": st.integers(1, 4),
        }
    ),
    filters,
)
hiddens = st.lists(st.sampled_from(("unit:DINKES.P2P", "unit:DPK", 0, 1)), max_size=2)
searches = st.tuples(callers, requests, hiddens)


def subtree(key: str | int, built: Built) -> str:
    """A subtree key or a berkas by number (the first item when there is no such berkas)."""
    if isinstance(key, str):
        return key
    return (built.files[key] if key < len(built.files) else built.items[0]).id


# -- plain Whoosh ---------------------------------------------------------------------------------
def field_length(reader, docnum: int, fieldname: str) -> float:
    length = reader.doc_field_length(docnum, fieldname)
    return 0.0 if length is None or math.isnan(length) else float(length)


class DocumentedBM25(scoring.WeightingModel):
    """The relevance docs/search.md documents, as a Whoosh weighting model: BM25 (k1 1.2,
    b 0.75) with idf log(1 + (N - df + 0.5) / (df + 0.5)) over the live documents, title
    terms 2x, terms of other fields not scored. Whoosh's own idf and its field boost (already
    in the stored title weights) are not what the engine documents, so its BM25F would
    disagree by design, not by mistake."""

    def scorer(self, searcher, fieldname, text, qf=1):
        return DocumentedScorer(searcher, fieldname, text)


class DocumentedScorer(scoring.BaseScorer):
    def __init__(self, searcher, fieldname: str, text) -> None:
        self.reader, self.fieldname = searcher.reader(), fieldname
        self.boost = BOOSTS.get(fieldname, 0.0)
        if not self.boost:
            return
        top = searcher.get_parent().reader()
        live = list(top.all_doc_ids())
        df = sum(1 for _ in top.postings(fieldname, text).all_ids())  # deleted ones left out
        self.idf = math.log(1 + (len(live) - df + 0.5) / (df + 0.5))
        lengths = [field_length(top, d, fieldname) for d in live]
        self.average = max(sum(lengths) / len(lengths), 1e-6) if lengths else 1.0

    def supports_block_quality(self) -> bool:
        return False

    def max_quality(self) -> float:  # tf / (tf + norm) < 1
        return self.boost * self.idf * (K1 + 1) if self.boost else UNSCORED

    def score(self, matcher) -> float:
        if not self.boost:  # not 0: Whoosh's preloaded unions drop documents scored 0
            return UNSCORED
        tf, length = matcher.weight(), field_length(self.reader, matcher.id(), self.fieldname)
        norm = K1 * (1 - B + B * length / self.average)
        return self.boost * self.idf * tf * (K1 + 1) / (tf + norm)


def scored_terms(q: Query, root: bool = True) -> list[tuple[str, str]] | None:
    """The scored (field, text) terms of a query (AndNot rewritten) whose Whoosh score is
    their sum plus the same constant for every hit, as the engine's is; None for any other
    query (a phrase, prefix or range scores otherwise in Whoosh, and so does a Not in an Or)."""
    if isinstance(q, Term):
        return [(q.fieldname, q.text)] if q.fieldname in BOOSTS else []
    if isinstance(q, Not):
        return [] if root else None
    if isinstance(q, And | Or):
        found: list = []
        for sub in q.subqueries:
            terms = scored_terms(sub, root and isinstance(q, And))
            if terms is None:
                return None
            found += terms
        return found
    return None


def parts(q: Query):
    yield q
    for child in q.children():
        yield from parts(child)


def without_andnot(q: Query) -> Query:
    """`q` with every AndNot(a, b) written And([a, Not(b)]). Whoosh 2.7.5's AndNotMatcher
    keeps the first document of `a` even when `b` has it too (`_find_first` skips only an
    equal first id), so plain Whoosh would show a record of a hidden subtree."""
    if isinstance(q, AndNot):
        return And([without_andnot(q.a), Not(without_andnot(q.b))])
    if isinstance(q, Not):
        return Not(without_andnot(q.query))
    if isinstance(q, And | Or):
        copy = q.copy()
        copy.subqueries = [without_andnot(sub) for sub in q.subqueries]
        return copy
    if isinstance(q, AndMaybe | Require):
        return type(q)(without_andnot(q.a), without_andnot(q.b))
    return q


def whoosh_answer(built: Built, caller: Caller, request: SearchRequest, hidden: tuple):
    """(hits in order with their scores and sort keys, total, facet counts) from plain Whoosh."""
    store = built.store
    query = without_andnot(blind_query(parse_query(store, request.query), store.keyring))
    allowed: Query = permission_filter(caller, hidden)
    extra = request_filter(request)
    if extra is not None:
        allowed = And([allowed, extra])
    allowed = without_andnot(allowed)
    groups = {name: FieldFacet(name) for name in FACETS}
    groups["flags"] = FieldFacet("flags", allow_overlap=True)
    sort = request.sort
    if sort == "relevance" and isinstance(query, Every):
        sort = "date_desc"
    by, reverse = SORT_FIELDS.get(sort, (None, False))
    with store.ix().searcher(weighting=DocumentedBM25()) as searcher:
        docs = set(searcher.docs_for_query(allowed))
        if not docs:  # Whoosh reads an empty filter set as no filter at all
            return [], 0, {}
        # the engine sorts a missing date lowest (undated records last, newest first), Whoosh
        # by the column's placeholder, the highest number: the same order, once translated
        missing = lowest(searcher, by)
        sortedby = by and TranslateFacet(missing, FieldFacet(by))
        results = searcher.search(
            query, filter=docs, limit=None, groupedby=groups, sortedby=sortedby, reverse=reverse
        )
        hits = [
            (searcher.stored_fields(d)["id"], hit.score, missing(sort_key(searcher, by, d)))
            for hit in results
            for d in [hit.docnum]
        ]
        facets = {
            name: dict(sorted((_text(k), len(v)) for k, v in results.groups(name).items() if k))
            for name in groups
        }
        return hits, len(results), facets


def lowest(searcher, fieldname: str | None):
    """A sort key translation: a missing value (the column's placeholder) before all others."""
    if fieldname is None:
        return lambda key: key
    placeholder = searcher.schema[fieldname].column_type.default_value()
    return lambda key: -1 if key == placeholder else key


def sort_key(searcher, fieldname: str | None, docnum: int):
    """A document's raw value in a sort column (read from its segment's own column)."""
    if fieldname is None:
        return None
    for reader, offset in searcher.reader().leaf_readers():
        if offset <= docnum < offset + reader.doc_count_all():
            return reader.column_reader(fieldname, translate=False)[docnum - offset]
    raise AssertionError(docnum)


def _text(value) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


# -- the property ---------------------------------------------------------------------------------
def assert_same_answer(built: Built, caller: Caller, spec: dict, hidden_keys: list) -> None:
    spec = dict(spec)
    if "parent" in spec:
        spec["parent"] = subtree(spec["parent"], built)
    page_size = spec.pop("page_size")
    request = SearchRequest(**spec, page_size=PAGE_ALL)
    hidden = tuple(subtree(key, built) for key in hidden_keys)
    what = f"{caller.name} {request} hidden={hidden}"
    try:
        query = blind_query(parse_query(built.store, request.query), built.store.keyring)
    except QuerySyntaxError:  # Whoosh's parser fails on some odd input (`NOT NOT x`)
        with pytest.raises(QuerySyntaxError):
            search(built.store, caller, request, hidden)
        return

    expected, total, facets = whoosh_answer(built, caller, request, hidden)
    if any(isinstance(part, BinaryQuery) for part in parts(query)):
        # ANDNOT, ANDMAYBE, REQUIRE: the service's snippets call query.simplify(), which
        # Whoosh 2.7.5 cannot do for these (BinaryQuery takes no `boost`); the engine's
        # matching set is checked alone
        allowed = permission_filter(caller, hidden)
        extra = request_filter(request)
        with built.store.searcher() as searcher:
            engine = built.store.engine(searcher)
            matched = engine.mask(query) & built.store.mask(engine, allowed)
            if extra is not None:
                matched &= built.store.mask(engine, extra)
            found = {searcher.stored_fields(int(d))["id"] for d in np.flatnonzero(matched)}
        assert found == {i for i, _, _ in expected}, what
        return

    answer = search(built.store, caller, request, hidden)
    found = [hit.id for hit in answer.hits]
    assert answer.total == total == len(found), (what, answer.total, total, len(found))
    assert sorted(found) == sorted(i for i, _, _ in expected), what
    if total:
        if not request.count_children:
            facets.pop("parent")
        assert answer.facets == facets, what

    by_id = {i: (score, key) for i, score, key in expected}
    if request.sort == "relevance" and not isinstance(query, Every):
        terms = scored_terms(without_andnot(query))
        if terms is not None and len(set(terms)) == len(terms):
            # the same scores, but for a constant Whoosh gives every hit (a Not beside them)
            scores = [by_id[i][0] for i in found]
            offsets = [score - hit.score for hit, score in zip(answer.hits, scores, strict=True)]
            tolerance = 2e-4 + 1e-5 * max(scores, default=0.0)
            assert max(offsets, default=0) - min(offsets, default=0) <= tolerance, (what, offsets)
            for higher, lower in itertools.pairwise(scores):
                assert higher >= lower - tolerance, (what, scores)
    else:  # the same sequence of sort keys, ties in any order
        keys = [by_id[i][1] for i in found]
        assert keys == [key for _, _, key in expected], (what, keys)

    for page in range(1, min(-(-total // page_size), MAX_PAGES) + 1):  # the same order, cut
        paging = SearchRequest(**spec, page=page, page_size=page_size)
        first = (page - 1) * page_size
        paged = [hit.id for hit in search(built.store, caller, paging, hidden).hits]
        assert paged == found[first : first + page_size], (what, page, page_size)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(corpus=corpora, asked=st.lists(searches, min_size=4, max_size=12))
def test_engine_answers_as_plain_whoosh(corpus, asked):
    with tempfile.TemporaryDirectory() as tmp:
        built = build(corpus, Path(tmp))
        try:
            for caller, spec, hidden in asked:
                assert_same_answer(built, caller, spec, hidden)
        finally:
            built.store.close()


ITEM = {
    "unit": "DINKES",
    "into": None,
    "title": "laporan",
    "description": "",
    "attachment": None,
    "flags": [],
    "security": "B",
    "date": None,
    "classification": "",
    "share": None,
    "copies": 0,
}


def test_pages_cut_one_order_through_tied_scores(tmp_path):
    """Regression: the engine kept any of the documents tied at a page's last place, so a
    record showed on two pages and its twin on neither."""
    twins = [dict(ITEM, copies=1), dict(ITEM, unit="DPK", title="rapat", copies=1)]
    corpus = dict(files=[], items=twins, block=False, split=0, changes=[], merge=False)
    built = build(corpus, tmp_path)
    try:
        for page_size in (1, 2, 3):
            spec = {"query": "rapat OR opd:dinkes", "sort": "relevance", "page_size": page_size}
            assert_same_answer(built, ADMIN, {**spec, "count_children": False}, [])
    finally:
        built.store.close()


def test_andnot_inside_andmaybe_and_require(tmp_path):
    """Regression: the engine handed ANDMAYBE and REQUIRE to Whoosh, whose AndNotMatcher keeps
    the first document of `a` when `b` has it too, and a smaller one before it."""
    items = [dict(ITEM, unit="DPK", title="rapat"), dict(ITEM, title="rapat"), dict(ITEM)]
    corpus = dict(files=[], items=items, block=False, split=0, changes=[], merge=False)
    built = build(corpus, tmp_path)
    try:
        for operator, other in (("ANDMAYBE", "laporan"), ("REQUIRE", "tingkat:item")):
            query = f"(opd:dinkes ANDNOT judul:rapat) {operator} {other}"
            spec = {"query": query, "sort": "relevance", "page_size": 5}
            assert_same_answer(built, ADMIN, {**spec, "count_children": False}, [])
    finally:
        built.store.close()


@pytest.mark.parametrize("mapped", [None, 1, 0])
def test_long_posting_lists_are_read_block_by_block(tmp_path, mapped):
    """Whoosh writes postings in blocks of 128: the engine reads them all, over segments,
    from the blocks or from mapped lists (indexes/postings.py) or from both."""
    many = [
        dict(ITEM, title="rapat arsip", date=DAYS[1], copies=139),
        dict(ITEM, unit="DPK", title="rapat", description="arsip arsip", copies=139),
        dict(ITEM, unit="DINKES.P2P", title="laporan rapat", security="T", copies=69),
    ]
    changes = [(n, "delete", "", "B") for n in range(0, 280, 7)] + [(5, "title", "vaksin", "B")]
    corpus = dict(
        files=[], items=many, block=False, split=1, changes=changes, merge=False, mapped=mapped
    )
    built = build(corpus, tmp_path)
    try:
        for query in ("rapat", "arsip", "rapat NOT laporan", '"rapat arsip"', "tanggal:2021"):
            for caller in (ADMIN, ANONYMOUS):
                spec = {"query": query, "sort": "relevance", "page_size": 50}
                assert_same_answer(built, caller, {**spec, "count_children": True}, [])
    finally:
        built.store.close()


# -- the term cache -------------------------------------------------------------------------------
def _entry(n: int) -> tuple[np.ndarray, np.ndarray]:
    return np.zeros(n, np.int32), np.zeros(n, np.float32)  # 8 bytes a document


def test_the_term_cache_grows_with_the_index_and_stops_at_its_ceiling():
    cache = TermCache()
    cache.fit(10_000)
    assert cache.budget == TERM_CACHE_BYTES
    cache.fit(1_000_000)
    assert TERM_CACHE_BYTES < cache.budget < TERM_CACHE_MAX_BYTES
    cache.fit(10_000_000)
    assert cache.budget == TERM_CACHE_MAX_BYTES


def test_a_shrinking_budget_evicts_the_least_recently_used_terms():
    cache = TermCache(None)
    cache.fit(1_000_000)
    for word in ("arsip", "rapat", "banjir"):
        cache.get(("seg", "text", word), lambda: _entry(4_000_000))  # 32 MB each
    cache.get(("seg", "text", "arsip"), lambda: pytest.fail("arsip was cached"))
    cache.fit(10_000)  # 96 MB: the three fit; a fourth pushes out rapat, the least recent
    cache.get(("seg", "text", "sekolah"), lambda: _entry(4_000_000))
    assert cache.used <= cache.budget
    loaded = []
    cache.get(("seg", "text", "rapat"), lambda: loaded.append(1) or _entry(1))
    cache.get(("seg", "text", "arsip"), lambda: pytest.fail("arsip was used last"))
    assert loaded == [1]


def test_a_fixed_term_cache_does_not_follow_the_index(tmp_path):
    store = IndexStore(tmp_path / "index", term_cache_mb=40)
    store._terms.fit(5_000_000)
    assert store._terms.budget == 40 << 20


# -- the guard ------------------------------------------------------------------------------------
def test_the_installed_whoosh_is_the_one_the_engine_reads():
    assert whoosh.versionstring() == WHOOSH_VERSION
    check_whoosh_version(whoosh.versionstring())
    check_whoosh_members()
    assert all(hasattr(cls, name) for cls, names in PRIVATE_MEMBERS.items() for name in names)


def test_another_whoosh_version_is_refused_by_name():
    with pytest.raises(WhooshMismatch) as refused:
        check_whoosh_version("2.7.4")
    assert "2.7.4" in str(refused.value) and WHOOSH_VERSION in str(refused.value)
    assert "2.7.4" in refused.value.message("id")


def test_a_missing_whoosh_member_is_refused_by_name():
    class Matcher:
        def _read_ids(self): ...

    with pytest.raises(WhooshMismatch) as refused:
        check_whoosh_members({Matcher: ("_read_ids", "_lastblock")})
    assert "Matcher._lastblock" in str(refused.value)
    assert "_read_ids" not in str(refused.value)


# -- read-ahead ------------------------------------------------------------------------------------
def test_warm_reads_lengths_and_facet_columns_a_first_search_would(service):
    """The app reads these in a thread as it opens (ui/frame.py), off the first visitor's way:
    7 s at a million records. Afterwards a search reads none of them again."""
    add(service, "a.txt", b"laporan rapat anggaran banjir")
    add(service, "b.txt", b"laporan banjir kecamatan", unit="DPK")
    store = service.store
    store.close()
    assert not store._segments
    store.warm()  # two documents: below the size worth reading ahead
    assert not store._segments
    store.warm(min_docs=0)
    assert store._segments
    for data in store._segments.values():
        assert set(data.lengths) == {"title", "text"}
        assert {f"c:{name}" for name in FACET_COLUMNS} <= set(data.columns)
    before = {key: dict(data.columns) for key, data in store._segments.items()}
    assert service.records.search(ADMIN, SearchRequest(query="banjir")).total == 2
    for key, data in store._segments.items():
        assert all(data.columns[name] is column for name, column in before[key].items())


def test_warm_reads_the_postings_of_the_most_frequent_words_within_its_budget(service):
    """A process just started met each word's postings for the first time in some visitor's
    page (5-30 ms each at 10,000 records): the words in most documents are read ahead."""
    add(service, "a.txt", b"laporan rapat anggaran banjir")
    add(service, "b.txt", b"laporan banjir kecamatan", unit="DPK")
    add(service, "c.txt", b"laporan kegiatan", unit="DPK")
    store = service.store
    store.close()
    store.warm(terms=0)
    with store.searcher() as searcher:
        cache = store.engine(searcher)._terms
        assert not [key for key in cache._items if key[1] == "text"]
        store.warm(terms=3 * 8 + 2 * 8)  # "laporan" (3 documents) and "banjir" (2)
        kept = {key[1:] for key in cache._items}
        assert {("text", "lapor"), ("text", "banjir")} <= kept  # stems, as searches ask
        assert ("text", "kecamatan") not in kept  # in one document: past the budget
        hits = service.records.search(ADMIN, SearchRequest(query="laporan"))
        assert hits.total == 3  # the arrays read ahead are the ones a search reads


def test_the_read_ahead_walks_a_lexicon_without_holding_it(service, monkeypatch):
    """A segment offers the read-ahead only its most frequent words (a real archive's text
    lexicon runs to millions of words, held whole it took gigabytes)."""
    add(service, "a.txt", b"laporan rapat anggaran banjir")
    add(service, "b.txt", b"laporan banjir kecamatan", unit="DPK")
    monkeypatch.setattr(engine_module, "READ_AHEAD_TERMS", 1)
    store = service.store
    store.close()
    store.warm(terms=2**20)
    with store.searcher() as searcher:
        engine = store.engine(searcher)
        kept = {key[2] for key in engine._terms._items if key[1] == "text"}
    assert 1 <= len(kept) <= len(engine.leaves)  # one word a segment, of six


# -- merging ---------------------------------------------------------------------------------------
def _segment_ids(ix) -> list[str]:
    return sorted(s.segment_id() for s in ix._segments())


def test_commits_merge_small_segments_and_leave_big_ones(tmp_path, monkeypatch):
    """Whoosh's MERGE_SMALL merged a rebuild's big segments into an upload's commit once a few
    of them existed (8 minutes at a million records); `merge_small_only` leaves them."""
    monkeypatch.setattr(index_writer, "SMALL_SEGMENT", 5)
    ix = whoosh_index.create_in(str(tmp_path), Schema(id=ID(stored=True, unique=True)))

    def commit(ids: list[str], **options) -> None:
        writer = ix.writer()
        for rid in ids:
            writer.add_document(id=rid)
        writer.commit(**options)

    for batch in range(8):  # big segments, as a rebuild leaves them
        commit([f"big-{batch}-{n}" for n in range(6)], merge=False)
    big = _segment_ids(ix)
    commit(["upload-1"], merge=False)
    commit(["upload-2"], mergetype=index_writer.merge_small_only)
    assert set(big) <= set(_segment_ids(ix))
    for n in range(6):  # small segments are still merged among themselves
        commit([f"small-{n}"], mergetype=index_writer.merge_small_only)
    after = _segment_ids(ix)
    assert set(big) <= set(after) and len(after) < len(big) + 6
    with ix.searcher() as searcher:
        assert searcher.doc_count() == 8 * 6 + 2 + 6
