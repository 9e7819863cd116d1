"""The search service on a real Whoosh index fed through the real queue."""

from __future__ import annotations

import datetime as dt

import pytest

from indexes.search import SearchRequest
from repository.core.errors import QuerySyntaxError
from repository.core.security import ADMIN, ANONYMOUS
from tests.conftest import add


@pytest.fixture
def corpus(service):
    ids = {
        "arsip": add(
            service,
            "a.txt",
            b"Pedoman pengarsipan surat dinas di kelurahan.",
            date="2021-03-04",
            classification="000.5.3.1",
            title="Pedoman kearsipan",
        ),
        "rapat": add(
            service,
            "b.txt",
            b"Undangan rapat koordinasi penanggulangan banjir.",
            date="2023-07-01",
            classification="300.2",
            unit="DINKES.P2P",
        ),
        "anggaran": add(
            service,
            "c.txt",
            b"Laporan anggaran belanja pegawai tahun 2024.",
            date="2024-01-15",
            classification="900.1",
            unit="DPK",
        ),
        "rahasia": add(
            service,
            "d.txt",
            b"Hasil audit rahasia tentang pengarsipan keuangan.",
            date="2024-02-01",
            classification="700.1",
            security="R",
        ),
        "terbatas": add(
            service,
            "e.txt",
            b"Data kepegawaian terbatas untuk rapat pimpinan.",
            date="2022-05-05",
            classification="800.1",
            security="T",
        ),
    }
    return ids


def ids(service, caller=ADMIN, **request) -> list[str]:
    return [hit.id for hit in service.records.search(caller, SearchRequest(**request)).hits]


def test_stemming_finds_pengarsipan_by_arsip(service, corpus):
    assert set(ids(service, query="arsip")) == {corpus["arsip"], corpus["rahasia"]}
    assert ids(service, query="diarsipkan", unit="DINKES.P2P") == []
    assert corpus["arsip"] in ids(service, query="mengarsipkan")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"rapat koordinasi"', {"rapat"}),
        ('"koordinasi rapat"', set()),
        ("rapat AND banjir", {"rapat"}),
        ("rapat OR anggaran", {"rapat", "anggaran", "terbatas"}),
        ("rapat NOT banjir", {"terbatas"}),
        ("anggar*", {"anggaran"}),
        ("judul:pedoman", {"arsip"}),
        ("kode:300.2", {"rapat"}),
        ("opd:dpk", {"anggaran"}),
        ("tanggal:[20240101 to 20241231]", {"anggaran", "rahasia"}),
    ],
)
def test_query_syntax(service, corpus, query, expected):
    assert set(ids(service, query=query)) == {corpus[name] for name in expected}


def test_filters(service, corpus):
    assert set(ids(service, unit="DINKES")) == {
        corpus[n] for n in ("arsip", "rapat", "rahasia", "terbatas")
    }, "a unit filter includes its sub-units"
    assert ids(service, classification="000.5") == [corpus["arsip"]]
    assert ids(service, classification="000.5.3.1") == [corpus["arsip"]]
    assert ids(service, date_from=dt.date(2024, 1, 16)) == [corpus["rahasia"]]
    assert set(ids(service, security=("R", "T"))) == {corpus["rahasia"], corpus["terbatas"]}
    assert ids(service, query="rapat", level="fonds") == []


def test_facets_count_the_whole_result_not_the_page(service, corpus):
    result = service.records.search(ADMIN, SearchRequest(page_size=1))
    assert result.total == 5 and len(result.hits) == 1 and result.pages == 5
    assert result.facets["security"] == {"B": 3, "R": 1, "T": 1}
    assert result.facets["unit"] == {"DINKES": 3, "DINKES.P2P": 1, "DPK": 1}
    assert result.facets["class_top"] == {"000": 1, "300": 1, "700": 1, "800": 1, "900": 1}
    assert result.facets["year"]["2024"] == 2


def test_paging_and_date_sort(service, corpus):
    newest = ids(service, sort="date_desc", page_size=2, page=1)
    assert newest == [corpus["rahasia"], corpus["anggaran"]]
    assert ids(service, sort="date_asc", page_size=2, page=1) == [
        corpus["arsip"],
        corpus["terbatas"],
    ]
    assert ids(service, sort="date_desc", page_size=2, page=3) == [corpus["arsip"]]


def test_snippets_highlight_the_matched_words_and_escape_html(service, corpus):
    hostile = add(service, "x.txt", b"Surat <script>alert(1)</script> pengarsipan")
    hit = next(
        h
        for h in service.records.search(ADMIN, SearchRequest(query="arsip")).hits
        if h.id == hostile
    )
    assert "<mark" in hit.snippet and "<script>" not in hit.snippet
    assert "&lt;script&gt;" in hit.snippet


def test_anonymous_sees_only_class_b_everywhere(service, corpus):
    public = service.records.search(ANONYMOUS, SearchRequest(query="pengarsipan OR rapat"))
    assert {h.id for h in public.hits} == {corpus["arsip"], corpus["rapat"]}
    assert public.total == 2
    assert set(public.facets["security"]) == {"B"}
    assert "rahasia" not in " ".join(h.snippet for h in public.hits)
    units = {row["code"]: row["records"] for row in service.records.units(ANONYMOUS)}
    assert units == {"DINKES": 1, "DINKES.P2P": 1, "DPK": 1}


def test_a_caller_who_may_see_nothing_gets_nothing(service, corpus):
    """Whoosh reads an empty filter set as 'no filter'; the service must not."""
    only_secret = service.records.search(ANONYMOUS, SearchRequest(security=("SR",)))
    assert only_secret.total == 0 and only_secret.hits == [] and only_secret.facets == {}
    assert (
        service.records.search(ANONYMOUS, SearchRequest(security=("R",), query="audit")).total == 0
    )


def test_hidden_records_are_not_found_by_id_either(service, corpus):
    from repository.core.errors import RecordNotFound

    with pytest.raises(RecordNotFound) as hidden:
        service.records.show(ANONYMOUS, corpus["rahasia"])
    with pytest.raises(RecordNotFound) as missing:
        service.records.show(ANONYMOUS, "nosuchid")
    assert hidden.value.message("en").replace(corpus["rahasia"], "X") == missing.value.message(
        "en"
    ).replace("nosuchid", "X")
    with pytest.raises(RecordNotFound):
        service.records.original(ANONYMOUS, corpus["rahasia"])


def test_unreadable_queries_get_a_clear_message(service, corpus):
    with pytest.raises(QuerySyntaxError) as bad:
        service.records.search(ADMIN, SearchRequest(query="tanggal:[kemarin to besok]"))
    assert "Kueri" in bad.value.message("id")


def test_an_updated_record_is_found_only_in_its_new_version(service, corpus):
    """Regression: Whoosh's searcher.refresh() kept deleted versions visible."""
    from repository.core.content import pemda_of, touch
    from repository.core.db import write

    assert service.records.search(ANONYMOUS, SearchRequest(query="rapat banjir")).total == 1

    def make_secret(root) -> None:
        pemda = pemda_of(root)
        pemda.records[corpus["rapat"]].security = "SR"
        touch(pemda, pemda.records[corpus["rapat"]])

    write(service.db, make_secret)
    service.index.catch_up()
    assert service.records.search(ANONYMOUS, SearchRequest(query="rapat banjir")).total == 0
    assert service.records.search(ADMIN, SearchRequest(query="rapat banjir")).total == 1


def test_operators_outside_the_syntax_are_plain_words(service):
    """Whoosh's ANDNOT/ANDMAYBE/REQUIRE crashed a search with hits; they are not Lontar's."""
    add(service, "rapat.txt", b"Rapat koordinasi banjir dan rapat anggaran")
    service.index.catch_up()
    for query in ("rapat ANDNOT banjir", "rapat ANDMAYBE banjir", "rapat REQUIRE banjir"):
        service.records.search(ADMIN, SearchRequest(query=query))
    assert service.records.search(ADMIN, SearchRequest(query="rapat NOT banjir")).total == 0
    assert service.records.search(ADMIN, SearchRequest(query="rapat AND banjir")).total == 1
