"""The Indonesian analysis on real Whoosh indexes: hyphenated words, the corrected stemmer,
the blind index, and the rebuild an older analysis version asks for."""

from __future__ import annotations

import os
import shutil

import pytest
from whoosh import index as whoosh_index
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import TEXT

from bench.stemmers import agreement, family_stems, starter_families
from indexes.analysis import (
    ANALYSIS,
    ANALYSIS_VERSION,
    ROOTS,
    STOP_WORDS,
    TOKEN_PATTERN,
    analysis_version,
    corrected_stem,
    indonesian_analyzer,
    load_roots,
    snowball,
    stem,
)
from indexes.schema import build_schema
from indexes.search import SearchRequest, search
from indexes.store import IndexStore, open_writer
from repository.core.keys import Keyring
from repository.core.security import ADMIN, ADMIN_ROLE

ALLOWED = f"role:{ADMIN_ROLE}".lower()


def tokens(text: str, mode: str = "index") -> list[tuple[str, int]]:
    return [(t.text, t.pos) for t in indonesian_analyzer()(text, positions=True, mode=mode)]


def write(store: IndexStore, docs: dict[str, str], security: str = "B") -> None:
    store.ensure()
    writer = open_writer(store.ix())
    for doc_id, text in docs.items():
        writer.add_document(
            id=doc_id, title="", text=text, allowed=ALLOWED, security=security, revision=1
        )
    writer.commit()


def found(store: IndexStore, query: str) -> set[str]:
    result = search(store, ADMIN, SearchRequest(query=query, page_size=50, fallback=False))
    return {hit.id for hit in result.hits}


@pytest.fixture
def store(tmp_path):
    store = IndexStore(tmp_path / "index")
    yield store
    store.close()


# -- tokens --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("surat-surat", [("surat", 0), ("surat", 1)]),
        ("Rumah-rumah warga", [("rumah", 0), ("rumah", 1), ("warga", 2)]),
        ("KTP-el", [("ktp", 0), ("el", 1)]),
        ("sehari-hari", [("sehari", 0), ("hari", 1)]),
        ("berkas-berkasnya", [("berkas", 0), ("berkas", 1)]),
    ],
)
def test_a_hyphenated_word_is_indexed_as_its_parts_one_position_each(text, expected):
    assert tokens(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("surat-surat", ["surat"]),
        ("berkas-berkasnya", ["berkas"]),
        ("KTP-el", ["ktp", "el"]),
        ("sehari-hari", ["sehari", "hari"]),
    ],
)
def test_a_reduplication_in_a_query_is_its_base_word_once(text, expected):
    assert [word for word, _ in tokens(text, mode="query")] == expected


def test_highlight_offsets_point_at_each_part():
    text = "kirim surat-surat itu"
    spans = [
        text[t.startchar : t.endchar] for t in indonesian_analyzer()(text, chars=True, mode="index")
    ]
    assert spans == ["kirim", "surat", "surat"]


def test_plural_and_singular_find_each_other(store):
    write(store, {"plural": "Pengiriman surat-surat dinas", "single": "Satu surat saja"})
    assert found(store, "surat") == {"plural", "single"}
    assert found(store, "surat-surat") == {"plural", "single"}
    assert found(store, "berkas") == set()


def test_hyphenated_terms_match_the_written_apart_form_and_phrases_hold(store):
    write(
        store,
        {
            "ktp": "Pelayanan KTP-el di kecamatan",
            "apart": "KTP el rusak diganti",
            "keputusan": "Arsip surat-surat keputusan bupati",
            "other": "keputusan tentang surat masuk",
        },
    )
    assert found(store, "KTP-el") == {"ktp", "apart"}
    assert found(store, '"surat keputusan"') == {"keputusan"}
    assert found(store, '"surat-surat keputusan"') == {"keputusan"}
    assert found(store, '"keputusan surat"') == {"other"}


def test_sealed_text_splits_hyphenated_words_too(tmp_path):
    keyring = Keyring(tmp_path / "master.key", os.urandom(32))
    store = IndexStore(tmp_path / "index", keyring)
    try:
        from indexes.sealed import blind_terms

        blind = blind_terms("Rekap surat-surat rahasia", keyring)
        write(store, {"sealed": blind}, security="R")
        assert blind.split() == [keyring.term(s) for s in ("rekap", "surat", "surat", "rahasia")]
        assert found(store, "surat") == {"sealed"}
        assert found(store, "surat-surat") == {"sealed"}
        assert found(store, '"surat rahasia"') == {"sealed"}
        assert found(store, "musnah") == set()
    finally:
        store.close()


# -- the stemmer ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "family",
    [
        ("musnah", "pemusnahan", "memusnahkan", "dimusnahkan"),
        ("tanam", "penanaman", "menanam", "ditanam"),
        ("tertib", "penertiban", "menertibkan", "ditertibkan"),
        ("tata", "penataan", "menata", "ditata"),
        ("kirim", "pengiriman", "mengirim", "dikirimkan"),
        ("pegawai", "kepegawaian"),
        ("arsip", "pengarsipan", "kearsipan", "diarsipkan"),
    ],
)
def test_the_issue_s_families_share_a_stem(family):
    assert len({stem(word) for word in family}) == 1


@pytest.mark.parametrize(("a", "b"), [("pajak", "pajang"), ("tempat", "empat"), ("kas", "berkas")])
def test_near_misses_keep_apart(a, b):
    assert stem(a) != stem(b)


def test_snowball_alone_splits_what_the_corrections_join():
    """The test that shows the correction layer does something: without it, these split."""
    assert snowball("pemusnahan") != snowball("musnah")
    assert corrected_stem("pemusnahan", frozenset()) != "musnah"  # no root, no m
    assert corrected_stem("pemusnahan", frozenset({"musnah"})) == "musnah"


def test_the_t_rule_needs_no_root_list():
    """men-/pen- before a vowel is meN- on a t-root: put back without any dictionary."""
    assert corrected_stem("penanaman", frozenset()) == "tanam"
    assert corrected_stem("menanam", frozenset()) == "tanam"


def test_codes_numbers_and_blind_terms_are_left_as_snowball_leaves_them():
    for word in ("9a1b2c3d4e5f6a7b8c9d0", "2024", "000.5.3", "b-12"):
        assert stem(word) == snowball(word)


def test_the_starter_families_all_agree_and_keep_near_misses_apart():
    figures = agreement(stem, starter_families())
    assert figures["failures"] == []
    assert figures["family_agreement"] == 1.0


def test_snowball_fails_many_starter_families():
    assert agreement(snowball, starter_families())["family_agreement"] < 0.6


def test_hyphenated_family_members_stem_as_their_parts():
    families = [f for f in starter_families() if any("-" in w for w in f.words)]
    assert families
    for family in families:
        assert len(family_stems(stem, family)) == 1


def test_roots_file_is_read_with_its_notes_skipped(tmp_path):
    path = tmp_path / "roots.csv"
    path.write_text("# a note\nroot,why\nMusnah,m-root\n\n")
    assert load_roots(path) == frozenset({"musnah"})
    assert "musnah" in ROOTS and len(ROOTS) >= 300


# -- the index version ---------------------------------------------------------------------------
def _version_1_schema():
    """The schema as Lontar wrote it before ANALYSIS_VERSION 2: a plain regex tokenizer."""
    old = build_schema()
    analyzer = (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | StopFilter(stoplist=STOP_WORDS, minsize=1)
        | StemFilter(stemfn=snowball, cachesize=None)
    )
    for name in ("title", "text"):
        old.remove(name)
        old.add(name, TEXT(analyzer=analyzer, stored=True))
    return old


def test_an_index_analysed_by_an_older_version_is_outdated(store):
    store.path.mkdir(parents=True)
    whoosh_index.create_in(str(store.path), _version_1_schema())
    assert analysis_version(store.ix().schema["text"].analyzer) == 1
    assert store.outdated()
    store.close()
    shutil.rmtree(store.path)
    store.ensure()
    assert analysis_version(store.ix().schema["text"].analyzer) == ANALYSIS
    assert not store.outdated()


def test_the_signature_names_the_code_version_and_the_roots_file():
    assert ANALYSIS.startswith(f"{ANALYSIS_VERSION}+") and len(ANALYSIS) > 4


def test_an_index_analysed_with_another_roots_file_is_outdated(store):
    from indexes import analysis

    store.ensure()
    tokenizer = store.ix().schema["text"].analyzer.items[0]
    assert tokenizer.version == ANALYSIS
    schema = store.ix().schema
    schema["text"].analyzer.items[0].version = f"{ANALYSIS_VERSION}+000000000000"
    writer = open_writer(store.ix())
    writer.schema = schema
    writer.commit()
    store.close()
    assert analysis.analysis_version(IndexStore(store.path).ix().schema["text"].analyzer) != (
        ANALYSIS
    )
    assert IndexStore(store.path).outdated()


def test_the_version_survives_commits(store):
    write(store, {"a": "surat"})
    write(store, {"b": "surat"})
    store.close()
    assert not IndexStore(store.path).outdated()


def test_the_worker_rebuilds_an_index_of_an_older_analysis_and_search_works_again(service):
    from repository.core.errors import IndexOutdated
    from repository.run.worker import Worker
    from tests.conftest import add

    record_id = add(service, "a.txt", b"Berita acara pemusnahan surat-surat lama")
    service.store.close()
    shutil.rmtree(service.store.path)
    service.store.path.mkdir()
    whoosh_index.create_in(str(service.store.path), _version_1_schema())
    assert service.store.outdated()
    with pytest.raises(IndexOutdated):
        service.records.search(ADMIN, SearchRequest(query="musnah"))
    assert Worker(service).step()
    assert not service.store.outdated()
    assert analysis_version(service.store.ix().schema["text"].analyzer) == ANALYSIS
    for query in ("musnah", "surat"):
        assert [h.id for h in service.records.search(ADMIN, SearchRequest(query=query)).hits] == [
            record_id
        ]
