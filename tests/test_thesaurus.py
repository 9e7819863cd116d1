"""The Pemda's search dictionary (records/thesaurus.py) through its service and the CLI, on a
real repository: national pairs always apply unless switched off, local pairs add to them,
only administrators change it, every change is audited, and searches see a change at once."""

from __future__ import annotations

import json

import pytest

from indexes.search import SearchRequest
from repository.core.errors import AccessDenied, InvalidInput
from repository.core.security import ADMIN, Caller
from tests.conftest import add, lontar_cli

CLERK = Caller("pencatat", (("DINKES", frozenset({"Pencatat"})),), unit="DINKES")


@pytest.fixture
def letters(service):
    add(
        service, "a.txt", b"Laporan Dinas Kependudukan dan Pencatatan Sipil tentang akta", title="A"
    )
    add(service, "b.txt", b"Surat pemberitahuan tahunan pajak penghasilan", title="B")
    add(service, "c.txt", b"Perizinan usaha mikro", title="C")
    return service


def found(service, query: str) -> set[str]:
    return {hit.title for hit in service.records.search(ADMIN, SearchRequest(query=query)).hits}


def test_national_pairs_apply_without_any_local_entry(letters):
    assert found(letters, "perijinan usaha") == {"C"}
    result = letters.records.search(ADMIN, SearchRequest(query="SPT"))
    assert "surat pemberitahuan tahunan" in result.also_searched
    rows = letters.thesaurus.entries(ADMIN)
    assert {r["source"] for r in rows} == {"national"} and len(rows) > 250


def test_a_local_pair_is_searched_both_ways_at_once(letters):
    assert found(letters, "DKPS") == set()
    letters.thesaurus.add(ADMIN, "DKPS", "dinas kependudukan dan pencatatan sipil", "abbreviation")
    assert found(letters, "DKPS") == {"A"}  # the cached thesaurus was rebuilt
    rows = [r for r in letters.thesaurus.entries(ADMIN) if r["source"] == "local"]
    assert [(r["term"], r["kind"], r["by"]) for r in rows] == [("DKPS", "abbreviation", "admin")]
    letters.thesaurus.remove(ADMIN, "dinas kependudukan dan pencatatan sipil", "dkps")
    assert found(letters, "DKPS") == set()


def test_a_national_pair_can_be_switched_off_and_on_again(letters):
    letters.thesaurus.remove(ADMIN, "SPT", "surat pemberitahuan tahunan")
    assert found(letters, "SPT") == set()
    off = [r for r in letters.thesaurus.entries(ADMIN) if not r["active"]]
    assert [(r["term"], r["source"]) for r in off] == [("SPT", "national")]
    letters.thesaurus.add(ADMIN, "SPT", "surat pemberitahuan tahunan", "abbreviation")
    assert found(letters, "SPT") == {"B"}
    assert all(r["active"] for r in letters.thesaurus.entries(ADMIN))


def test_the_thesaurus_is_built_once_per_revision(letters):
    first = letters.records.search(ADMIN, SearchRequest(query="SPT"))
    built = letters.thesaurus.cache._built
    letters.records.search(ADMIN, SearchRequest(query="ijin"))
    assert letters.thesaurus.cache._built is built and first.total == 1
    letters.thesaurus.add(ADMIN, "PPh", "pajak penghasilan", "abbreviation")
    letters.records.search(ADMIN, SearchRequest(query="PPh"))
    assert letters.thesaurus.cache._built is not built


def test_only_administrators_change_or_read_the_dictionary(letters):
    with pytest.raises(AccessDenied):
        letters.thesaurus.add(CLERK, "DKPS", "dinas kependudukan", "abbreviation")
    with pytest.raises(AccessDenied):
        letters.thesaurus.remove(CLERK, "SPT", "surat pemberitahuan tahunan")
    with pytest.raises(AccessDenied):
        letters.thesaurus.import_csv(CLERK, b"term,equivalent\nA,b\n")
    with pytest.raises(AccessDenied):
        letters.thesaurus.entries(CLERK)
    assert found(letters, "SPT") == {"B"}  # nothing changed


@pytest.mark.parametrize(
    ("term", "equivalent", "kind"),
    [("", "x", "abbreviation"), ("SK", "sk", "abbreviation"), ("A", 'b "c"', "variant"),
     ("A", "b", "acronym")],
)  # fmt: skip
def test_bad_entries_are_refused(service, term, equivalent, kind):
    with pytest.raises(InvalidInput):
        service.thesaurus.add(ADMIN, term, equivalent, kind)


def test_removing_an_unknown_pair_is_refused(service):
    with pytest.raises(InvalidInput) as refused:
        service.thesaurus.remove(ADMIN, "XYZ", "tidak ada")
    assert refused.value.key == "thesaurus_not_found"


def test_changes_are_audited_with_the_pair(letters):
    letters.thesaurus.add(ADMIN, "DKPS", "dinas kependudukan dan pencatatan sipil", "abbreviation")
    letters.thesaurus.remove(ADMIN, "SPT", "surat pemberitahuan tahunan")
    letters.thesaurus.import_csv(ADMIN, b"term,equivalent,kind\nsholat,salat,variant\n")
    trail = [e for e in letters.access.audit.entries() if e["action"].startswith("thesaurus_")]
    assert [e["action"] for e in trail] == [
        "thesaurus_added",
        "thesaurus_removed",
        "thesaurus_imported",
    ]
    assert trail[0]["detail"]["term"] == "DKPS"
    assert trail[1]["detail"]["source"] == "national"
    assert trail[2]["detail"]["rows"] == 1


def test_search_audit_keeps_the_users_words_not_the_expansion(letters):
    letters.records.search(ADMIN, SearchRequest(query="SPT"))
    searched = [e for e in letters.access.audit.entries() if e["action"] == "searched"][-1]
    opened = letters.keyring.open_note(searched["detail"]["query_sealed"])
    assert opened == "SPT"


def test_import_reads_its_own_export_and_the_national_file_format(letters):
    letters.thesaurus.add(ADMIN, "DKPS", "dinas kependudukan dan pencatatan sipil", "abbreviation")
    letters.thesaurus.remove(ADMIN, "SPT", "surat pemberitahuan tahunan")
    exported = letters.thesaurus.export_csv(ADMIN)
    assert b"DKPS,dinas kependudukan dan pencatatan sipil,abbreviation,local,on" in exported
    letters.thesaurus.remove(ADMIN, "DKPS", "dinas kependudukan dan pencatatan sipil")
    letters.thesaurus.add(ADMIN, "SPT", "surat pemberitahuan tahunan", "abbreviation")
    letters.thesaurus.import_csv(ADMIN, exported)
    assert found(letters, "DKPS") == {"A"} and found(letters, "SPT") == set()
    letters.thesaurus.import_csv(ADMIN, b"abbreviation,expansion\nPPh,pajak penghasilan\n")
    assert found(letters, "PPh") == {"B"}


def test_a_bad_csv_changes_nothing(letters):
    with pytest.raises(InvalidInput):
        letters.thesaurus.import_csv(ADMIN, b"term,equivalent\nPPh,pajak penghasilan\nX,\n")
    with pytest.raises(InvalidInput):
        letters.thesaurus.import_csv(ADMIN, b"kolom,lain\na,b\n")
    assert found(letters, "PPh") == set()


def test_cli_adds_lists_removes_and_imports(letters, tmp_path):
    home = letters.home
    letters.close()
    lontar_cli("thesaurus", "add", "DKPS", "dinas kependudukan dan pencatatan sipil", home=home)
    listed = json.loads(lontar_cli("thesaurus", "list", "--local", "--json", home=home).stdout)
    assert [(r["term"], r["source"]) for r in listed] == [("DKPS", "local")]
    lontar_cli("thesaurus", "remove", "DKPS", "dinas kependudukan dan pencatatan sipil", home=home)
    csv_file = tmp_path / "kamus.csv"
    csv_file.write_text("term,equivalent,kind\nsholat,salat,variant\n", encoding="utf-8")
    assert "1 rows" in lontar_cli("thesaurus", "import", str(csv_file), home=home).stdout
    listed = json.loads(lontar_cli("thesaurus", "list", "--local", "--json", home=home).stdout)
    assert [(r["term"], r["kind"]) for r in listed] == [("sholat", "variant")]
    refused = lontar_cli("thesaurus", "add", "A", "a", home=home, check=False)
    assert refused.returncode == 1


def test_exports_apply_the_dictionary_without_partial_matches(letters):
    exported = letters.records.export(ADMIN, SearchRequest(query="SPT"), "json")
    assert [row["title"] for row in json.loads(exported)] == ["B"]
    # "pajak penghasilan X" finds nothing whole: the page would show B as a partial match,
    # an export holds only what matched
    none = letters.records.export(ADMIN, SearchRequest(query="pajak penghasilan stadion"), "json")
    assert json.loads(none) == []
    page = letters.records.search(ADMIN, SearchRequest(query="pajak penghasilan stadion"))
    assert [hit.title for hit in page.partial] == ["B"]
