"""More like this (`indexes.search.related`) passes over words found in most documents, as
Lucene's MoreLikeThis does with maxDocFreqPct: two records that share only "surat" and
"tahun" are not related, and the postings of such words were most of a cold `related` at
100k records (docs/performance.md, Speed in the browser)."""

from __future__ import annotations

import pytest

from indexes import search as search_module
from indexes.search import related
from indexes.store import IndexStore, open_writer
from repository.core.security import ADMIN, ADMIN_ROLE, ANONYMOUS_ROLE

PUBLIC = f"role:{ADMIN_ROLE} role:{ANONYMOUS_ROLE}".lower()
OWN = ["anggrek", "belimbing", "cempedak", "durian", "embacang", "flamboyan", "gandaria",
       "jambu", "kedondong", "langsat"]  # fmt: skip
DOCS = {
    "a": "surat tahun bendungan jebol",
    "b": "surat tahun bendungan retak",
    **{f"x{n}": f"surat tahun {word}" for n, word in enumerate(OWN)},
}


@pytest.fixture
def store(tmp_path):
    store = IndexStore(tmp_path / "index")
    store.ensure()
    writer = open_writer(store.ix())
    for doc_id, text in DOCS.items():
        writer.add_document(
            id=doc_id, title=doc_id, text=text, allowed=PUBLIC, security="B", revision=1
        )
    writer.commit()
    yield store
    store.close()


def test_records_sharing_only_common_words_are_not_related(store, monkeypatch):
    """12 documents, "surat" and "tahun" in all of them: above a quarter, so only the word
    two records share alone, "bendungan", relates them."""
    monkeypatch.setattr(search_module, "COMMON_FLOOR", 2)  # as if the index were large
    assert [hit.id for hit in related(store, ADMIN, "a")] == ["b"]


def test_a_small_repository_keeps_every_word(store):
    """Below the floor no word is too common: what was there before stays."""
    found = [hit.id for hit in related(store, ADMIN, "a", limit=5)]
    assert found[0] == "b" and len(found) == 5
