"""Query-time expansion (abbreviations, spelling variants), partial matches and "did you
mean", on a real Whoosh index; every answer confined to what the caller may see."""

from __future__ import annotations

import os

import pytest

from indexes.expansion import (
    ABBREVIATIONS,
    SPELLING_VARIANTS,
    Thesaurus,
    default_pairs,
    expand,
)
from indexes.fallback import corrected_text, damerau_levenshtein, unmatched_words
from indexes.search import SearchRequest, parse_query, search
from indexes.store import IndexStore, open_writer
from repository.core.keys import Keyring
from repository.core.security import ADMIN, ADMIN_ROLE, ANONYMOUS, ANONYMOUS_ROLE

ADMIN_ONLY = f"role:{ADMIN_ROLE}".lower()
PUBLIC = f"{ADMIN_ONLY} role:{ANONYMOUS_ROLE}".lower()

THESAURUS = Thesaurus.from_pairs(
    [
        ("SK", "surat keputusan"),
        ("SE", "surat edaran"),
        ("Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
        ("ijin", "izin"),
        ("propinsi", "provinsi"),
    ]
)

DOCS = {
    "sk": ("Surat Keputusan Bupati tentang tim", "Surat keputusan penetapan tim", PUBLIC),
    "se": ("SE Sekda tentang jam kerja", "Edaran jam kerja ASN", PUBLIC),
    "izin": ("Perizinan usaha mikro", "Pemberian izin usaha di provinsi", PUBLIC),
    "capil": ("Dinas Kependudukan dan Pencatatan Sipil", "Laporan pelayanan KTP", PUBLIC),
    "banjir": ("Laporan banjir kecamatan utara", "Penanggulangan banjir dan longsor", PUBLIC),
    "hidden": ("Rahasia pengadaan kapal selam", "Pengadaan kapal selam patroli", ADMIN_ONLY),
}


def write(store: IndexStore, docs: dict) -> None:
    store.ensure()
    writer = open_writer(store.ix())
    for doc_id, (title, text, allowed) in docs.items():
        writer.add_document(
            id=doc_id, title=title, text=text, allowed=allowed, security="B", revision=1
        )
    writer.commit()


@pytest.fixture
def store(tmp_path):
    store = IndexStore(tmp_path / "index")
    write(store, DOCS)
    yield store
    store.close()


def ids(result) -> set[str]:
    return {hit.id for hit in result.hits}


def run(store, query: str, caller=ADMIN, thesaurus=THESAURUS, **options):
    return search(store, caller, SearchRequest(query=query, **options), thesaurus=thesaurus)


# -- expansion of the query text -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "text", "added"),
    [
        ("SK bupati", "(SK OR (surat keputusan)) bupati", ["surat keputusan"]),
        ("surat edaran", "((surat edaran) OR SE)", ["SE"]),
        ("perijinan usaha", "(perijinan OR izin) usaha", ["izin"]),
        ('"SK bupati" rapat', '"SK bupati" rapat', []),
        ("judul:SK", "judul:SK", []),
        ("rapat", "rapat", []),
    ],
)
def test_expand_rewrites_plain_words_only(query, text, added):
    expanded = expand(query, THESAURUS)
    assert (expanded.text, expanded.added) == (text, added)


def test_expansion_is_bidirectional_and_without_a_thesaurus_nothing_changes():
    assert THESAURUS.lookup(("izin",)) == ["ijin"]
    assert THESAURUS.lookup(("ijin",)) == ["izin"]
    assert expand("SK bupati", None).text == "SK bupati"
    assert expand("SK bupati", Thesaurus()).text == "SK bupati"


def test_dictionary_forms_with_query_syntax_are_read_as_words():
    odd = Thesaurus.from_pairs([("XY", 'judul:"a" AND b*')])
    assert expand("XY", odd).text == "(XY OR (judul a and b))"


def test_the_shipped_lists_load_both_ways():
    if not (ABBREVIATIONS.exists() and SPELLING_VARIANTS.exists()):
        pytest.skip("data/abbreviations.csv and data/spelling_variants.csv not written yet")
    thesaurus = Thesaurus.from_pairs(default_pairs())
    assert "surat keputusan" in [f.lower() for f in thesaurus.lookup(("sk",))]
    assert "SK" in thesaurus.lookup(("surat", "keputusan"))
    assert "izin" in thesaurus.lookup(("ijin",))


# -- expansion in searches -----------------------------------------------------------------------
def test_an_abbreviation_finds_its_long_form_and_the_reverse(store):
    result = run(store, "SK")
    assert ids(result) == {"sk"}
    assert result.also_searched == ["surat keputusan"]
    assert ids(run(store, "surat edaran")) == {"se"}
    assert ids(run(store, "surat edaran", thesaurus=None)) == set()


def test_a_spelling_variant_finds_the_standard_form_and_inflections(store):
    assert ids(run(store, "ijin usaha")) == {"izin"}
    assert ids(run(store, "perijinan")) == {"izin"}
    assert ids(run(store, "propinsi")) == {"izin"}
    assert ids(run(store, "ijin usaha", thesaurus=None)) == set()
    assert ids(run(store, "ijin usaha", expand=False)) == set()


def test_a_long_agency_name_finds_its_acronym_and_the_acronym_the_name(store):
    assert "capil" in ids(run(store, "disdukcapil"))
    assert run(store, "disdukcapil").also_searched == ["Dinas Kependudukan dan Pencatatan Sipil"]


def test_expansion_stays_inside_what_the_caller_may_see(store):
    leaky = Thesaurus.from_pairs([("KS", "kapal selam")])
    assert ids(run(store, "KS", caller=ADMIN, thesaurus=leaky)) == {"hidden"}
    assert ids(run(store, "KS", caller=ANONYMOUS, thesaurus=leaky)) == set()


def test_the_size_limit_applies_to_what_the_user_typed(store):
    many = Thesaurus.from_pairs([(f"A{i}", " ".join(["kata"] * 6)) for i in range(70)])
    query = " ".join(f"A{i}" for i in range(60))
    assert run(store, query, thesaurus=many).total == 0  # not refused though it grew


# -- partial matches -----------------------------------------------------------------------------
def test_all_words_but_one_come_back_apart_as_partial_matches(store):
    result = run(store, "laporan banjir stadion")
    assert result.total == 0 and not result.hits
    assert {hit.id for hit in result.partial} == {"banjir"}
    assert result.partial_total == 1


def test_two_words_get_no_partial_matches(store):
    result = run(store, "banjir stadion")
    assert result.total == 0 and result.partial == []


def test_a_full_answer_is_not_repeated_among_partial_matches(store):
    result = run(store, "laporan banjir kecamatan")
    assert ids(result) == {"banjir"}
    assert "banjir" not in {hit.id for hit in result.partial}


def test_partial_matches_are_filtered_by_permissions(store):
    admin = run(store, "pengadaan kapal stadion", caller=ADMIN)
    public = run(store, "pengadaan kapal stadion", caller=ANONYMOUS)
    assert {hit.id for hit in admin.partial} == {"hidden"}
    assert public.partial == [] and public.partial_total == 0


def test_a_not_word_still_excludes_partial_matches(store):
    result = run(store, "laporan banjir stadion NOT longsor")
    assert result.partial == []


# -- did you mean --------------------------------------------------------------------------------
def test_a_misspelt_word_gets_a_suggestion_from_the_vocabulary(store):
    result = run(store, "laporan banjri")
    assert result.total == 0
    assert result.did_you_mean == "laporan banjir"
    assert ids(run(store, result.did_you_mean)) == {"banjir"}


def test_a_suggestion_never_comes_from_a_record_the_caller_may_not_see(store):
    assert run(store, "kapal selan", caller=ADMIN).did_you_mean == "kapal selam"
    assert run(store, "kapal selan", caller=ANONYMOUS).did_you_mean is None


def test_words_that_match_nothing_near_return_nothing_at_all(store):
    result = run(store, "xylofon zebra quasar")
    assert (result.total, result.hits, result.partial, result.did_you_mean) == (0, [], [], None)


def test_a_found_query_gets_no_suggestion(store):
    assert run(store, "banjir").did_you_mean is None


def test_sealed_words_count_as_matched_but_are_never_suggested(tmp_path):
    from indexes.sealed import blind_terms

    keyring = Keyring(tmp_path / "master.key", os.urandom(32))
    store = IndexStore(tmp_path / "sealed-index", keyring)
    try:
        blind = blind_terms("anggaran operasi intelijen", keyring)
        write(store, {"sealed": ("Berkas R", blind, ADMIN_ONLY), **DOCS})
        assert ids(run(store, "intelijen")) == {"sealed"}
        result = run(store, "intelijan")
        assert result.did_you_mean is None  # the sealed word is no vocabulary word
        with store.searcher() as searcher:
            assert b"intelijen" not in set(searcher.reader().lexicon("text"))
    finally:
        store.close()


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("banjir", "banjri", 1), ("izin", "ijin", 1), ("rapat", "rapat", 0), ("kas", "kapal", 3)],
)
def test_damerau_levenshtein(a, b, distance):
    assert damerau_levenshtein(a, b) == distance


def test_only_plain_words_are_checked_and_replaced():
    assert unmatched_words('judul:rapat "surat edaran" banjri AND anggar*') == ["banjri"]
    from indexes.fallback import Correction

    fix = Correction("banjri", "banjir", 1, 3)
    assert corrected_text("banjri banjri2 banjri", [fix]) == "banjir banjri2 banjri"


def test_a_stop_word_in_a_query_no_longer_empties_it(store):
    assert ids(run(store, "banjir dan longsor", thesaurus=None)) == {"banjir"}
    assert ids(run(store, "banjir longsor", thesaurus=None)) == {"banjir"}
    assert run(store, "dan", thesaurus=None).total == 0


def test_the_expanded_query_parses_like_any_other(store):
    parsed = parse_query(store, expand("SK bupati", THESAURUS).text, checked=True)
    assert "keputusan" in repr(parsed) or "putus" in repr(parsed)
