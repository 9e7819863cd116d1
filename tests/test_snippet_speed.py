"""Snippets made the quick way are Whoosh's snippets: the same highlighted words, the same
fragments, for texts of every shape; the word → stem cache is kept per analysis signature;
related records carry no snippet, since no page shows one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.analysis import LowercaseFilter, StandardAnalyzer, StemFilter, StopFilter
from whoosh.highlight import ContextFragmenter, HtmlFormatter, highlight

from indexes.analysis import (
    ANALYSIS,
    STOP_WORDS,
    IndonesianTokenizer,
    indonesian_analyzer,
    query_tokens,
    stem,
)
from indexes.expansion import Thesaurus
from indexes.search import (
    SNIPPET_CHARS,
    SNIPPET_SURROUND,
    SearchRequest,
    _highlighted,
    related,
    search,
)
from indexes.store import IndexStore, open_writer
from repository.core.security import ADMIN, ADMIN_ROLE, ANONYMOUS_ROLE
from repository.demo.corpus import SUBJECTS

PUBLIC = f"role:{ADMIN_ROLE} role:{ANONYMOUS_ROLE}".lower()
ANALYZER = indonesian_analyzer()


def whoosh_snippet(text: str, terms: frozenset[str], analyzer=ANALYZER) -> str:
    """What `_snippet` asked of Whoosh before: the reference."""
    return highlight(
        text,
        terms,
        analyzer,
        ContextFragmenter(maxchars=SNIPPET_CHARS, surround=SNIPPET_SURROUND),
        HtmlFormatter(tagname="mark", between=" … "),
        top=2,
    )


def stems_of(words: str) -> frozenset[str]:
    return frozenset(stem(w.lower()) for w in words.split())


LONG = " ".join(SUBJECTS) * 3
CASES = [
    ("Surat-surat keputusan bupati tentang pengiriman berkas-berkasnya.", "surat kirim berkas"),
    ("Rapat koordinasi. Rapat-rapat berikutnya di kantor. Rapat!", "rapat"),
    ("KTP-el dan e-KTP, No.12/2024-BKD: pengadaan ke-3", "ktp el pengadaan 3"),
    ("dan yang di ke dari untuk rapat dan yang", "dan rapat"),  # a stop word as a term
    ("x" * 70 + " rapat " + "y" * 70 + " rapat", "rapat"),  # tokens longer than the context
    ("rapat", "rapat"),
    ("tidak ada yang cocok di sini", "rapat"),
    ("ﬁnal PENGARSIPAN Arsip, pengarsipan; diarsipkan…", "arsip"),
    (LONG, "laporan anggaran kegiatan"),
    (LONG[:1500], "surat"),
    ("  \n\t rapat-rapat   bupati --- rapat \n", "rapat bupati"),
    ("Menanam pohon: penanaman dan ditanam, tanam-menanam.", "tanam pohon"),
    # a match with nothing before it gets twice the context after it
    ("Rapat " + "kegiatan daerah " * 12, "rapat"),
    ("Rapat " + "kegiatan daerah " * 12 + "x " * 40 + "rapat bupati", "rapat"),
]


@pytest.mark.parametrize(("text", "words"), CASES)
def test_the_quick_snippet_is_whooshs_snippet(text, words):
    terms = stems_of(words)
    assert _highlighted(text, terms, ANALYZER) == whoosh_snippet(text, terms)


WORDS = [
    *["rapat", "surat-surat", "Bupati", "pengiriman", "dan", "yang", "No.12", "e-KTP", "x"],
    *["laporan", "pelaksanaan", "kegiatan", "anggaran", "daerah", "kabupaten", "tahun"],
    "a" * 65,
]
GAPS = [" ", "  ", ". ", ", ", " - ", "\n", "—", "!?"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), max_size=120),
    st.sets(st.sampled_from(["rapat", "surat", "bupati", "kirim", "dan", "12", "ktp", "x"])),
)
def test_any_arrangement_of_words_gives_whooshs_snippet(pieces, terms):
    text = "".join(word + gap for word, gap in pieces)
    terms = frozenset(terms)
    assert _highlighted(text, terms, ANALYZER) == whoosh_snippet(text, terms)


def test_the_tokens_are_the_analyzers_in_query_mode():
    text = "Surat-surat KTP-el, No.12 dan rapat-rapatnya; PENGIRIMAN berkas."
    made = query_tokens(ANALYZER)(text)
    reference = [
        (t.startchar, t.endchar, t.text)
        for t in ANALYZER(text, chars=True, mode="query", removestops=False)
    ]
    assert list(zip(*made, strict=True)) == reference


def test_another_analysis_signature_never_reads_the_forms_cached_for_this_one():
    """A word's form cached for the shipped analyzer is not what an analyzer of another
    signature (another stop list, another stem function, another version) gets."""
    assert query_tokens(ANALYZER)("Rapat dan pengiriman")[2] == ["rapat", "dan", "kirim"]

    fewer_stops = (
        IndonesianTokenizer()
        | LowercaseFilter()
        | StopFilter(stoplist=STOP_WORDS - {"dan"}, minsize=1)
        | StemFilter(stemfn=lambda word: word[:3], cachesize=None)
    )
    assert query_tokens(fewer_stops)("Rapat dan pengiriman")[2] == ["rap", "dan", "pen"]

    older = indonesian_analyzer()
    older.items[0].version = "1+000000000000"
    assert older.items[0].version != ANALYSIS
    forms_of = {id(query_tokens(a).args[0]) for a in (ANALYZER, fewer_stops, older)}
    assert len(forms_of) == 3, "one word → form cache per signature"
    assert query_tokens(ANALYZER)("Rapat dan pengiriman")[2] == ["rapat", "dan", "kirim"]


def test_an_analyzer_of_another_kind_is_highlighted_by_whoosh():
    analyzer = StandardAnalyzer()
    assert query_tokens(analyzer) is None
    text, terms = "The meeting minutes, meetings and more", frozenset({"meeting"})
    assert _highlighted(text, terms, analyzer) == whoosh_snippet(text, terms, analyzer)


# -- on an index -------------------------------------------------------------------------------
DOCS = {
    "sk": ("Surat Keputusan Bupati", "Surat keputusan bupati tentang tim rapat koordinasi"),
    "rapat1": ("Undangan rapat", "Undangan rapat koordinasi bupati dan tim"),
    "rapat2": ("Notulen rapat", "Notulen rapat koordinasi tim bupati"),
    "izin": ("Perizinan usaha", "Pemberian izin usaha mikro"),
}


@pytest.fixture
def store(tmp_path):
    store = IndexStore(tmp_path / "index")
    store.ensure()
    writer = open_writer(store.ix())
    for doc_id, (title, text) in DOCS.items():
        writer.add_document(
            id=doc_id, title=title, text=text, allowed=PUBLIC, security="B", revision=1
        )
    writer.commit()
    yield store
    store.close()


def test_a_search_snippet_marks_the_matched_words(store):
    result = search(store, ADMIN, SearchRequest(query="rapat", fallback=False))
    assert result.hits and all("<mark" in hit.snippet for hit in result.hits)


def test_the_thesaurus_changes_what_is_marked_not_a_cached_stem(store):
    """Forms are cached per word, the terms a snippet marks come from each query: a
    dictionary that adds an equivalent marks it at once."""
    plain = search(store, ADMIN, SearchRequest(query="ijin", fallback=False))
    assert not plain.hits
    thesaurus = Thesaurus.from_pairs([("ijin", "izin")])
    found = search(store, ADMIN, SearchRequest(query="ijin"), thesaurus=thesaurus)
    assert [hit.id for hit in found.hits] == ["izin"]
    assert ">izin</mark>" in found.hits[0].snippet


def test_related_records_carry_no_snippet(store):
    hits = related(store, ADMIN, "rapat1")
    assert hits and {hit.snippet for hit in hits} == {""}
