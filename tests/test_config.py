"""Storage URLs become ZConfig text that says exactly what the URL said."""

from __future__ import annotations

import re

import pytest
from ZConfig.substitution import substitute

from repository.core.config import Home, SearchSettings, search_settings, zconfig_from_url
from tests.conftest import add

CONNINFO = re.compile(r"(\w+)='((?:[^'\\]|\\.)*)'")


def conninfo(dsn: str) -> dict[str, str]:
    """libpq's reading of a quoted connection string (keyword='value' ...)."""
    pairs = CONNINFO.findall(dsn)
    assert " ".join(f"{k}='{v}'" for k, v in pairs) == dsn, "nothing outside the quoted pairs"
    return {key: re.sub(r"\\(.)", r"\1", value) for key, value in pairs}


def dsn_of(text: str) -> str:
    line = next(line.strip() for line in text.splitlines() if line.strip().startswith("dsn "))
    return substitute(line[len("dsn ") :], {})  # as ZConfig hands it to RelStorage


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "postgresql://lontar:p%40ss%20word@db.example/lontar",
            {"user": "lontar", "password": "p@ss word", "host": "db.example", "dbname": "lontar"},
        ),
        (
            "postgres://arsip%3Aadmin:it%27s%24ecret%20host%3Dx@127.0.0.1:5433/arsip%20kota",
            {"user": "arsip:admin", "password": "it's$ecret host=x", "port": "5433"},
        ),
        ("postgresql://db.example/lontar", {"host": "db.example", "port": "5432"}),
    ],
)
def test_postgresql_urls_are_decoded_and_quoted(url, expected):
    found = conninfo(dsn_of(zconfig_from_url(url)))
    assert expected.items() <= found.items()
    assert "password" in found or "password" not in expected
    assert found.get("host") != "x", "a value cannot add a keyword"


def test_file_and_zeo_urls():
    assert "path /srv/lontar/Data.fs" in zconfig_from_url("file:///srv/lontar/Data.fs")
    assert "server /srv/z.sock" in zconfig_from_url("zeo:///srv/z.sock?blob_dir=/srv/b")
    with pytest.raises(ValueError):
        zconfig_from_url("mysql://x/y")


def test_the_data_directory_is_private(service):
    """Created world-readable before (0644 files, 0755 folders)."""
    add(service, "surat.txt", b"Surat undangan rapat")
    service.index.catch_up()
    home = service.home.path
    assert home.stat().st_mode & 0o777 == 0o700
    loose = [
        str(p.relative_to(home))
        for p in home.rglob("*")
        if p.stat().st_mode & 0o077 and not p.is_symlink()
    ]
    assert not loose, loose


# -- which search engine (docs/scaling.md) -------------------------------------------------------
def test_search_is_whoosh_unless_configured(tmp_path):
    assert search_settings(Home.resolve(tmp_path)) == SearchSettings("whoosh", "", "lontar")


def test_term_cache_size_from_lontar_toml(tmp_path):
    home = Home.resolve(tmp_path)
    home.config_file.write_text("[search]\nterm_cache_mb = 512\n")
    assert search_settings(home).term_cache_mb == 512
    home.config_file.write_text('[search]\nterm_cache_mb = "512MB"\n')
    with pytest.raises(ValueError, match="term_cache_mb"):
        search_settings(home)


def test_search_from_lontar_toml_and_environment(tmp_path, monkeypatch):
    home = Home.resolve(tmp_path)
    home.config_file.write_text(
        '[search]\nbackend = "postgresql"\ndsn = "postgresql://idx:s%40cret@db.example/cari"\n'
        'schema = "Lontar_Kota"\n'
    )
    found = search_settings(home)
    assert (found.backend, found.schema) == ("postgresql", "lontar_kota")
    assert "password='s@cret'" in found.dsn and "host='db.example'" in found.dsn
    monkeypatch.setenv("LONTAR_SEARCH", "whoosh")
    assert search_settings(home).backend == "whoosh"


def test_search_in_postgresql_shares_the_storage_database(tmp_path, monkeypatch):
    monkeypatch.setenv("LONTAR_SEARCH", "postgresql")
    with pytest.raises(ValueError, match="needs a dsn"):
        search_settings(Home.resolve(tmp_path))
    monkeypatch.setenv("LONTAR_STORAGE", "postgresql://lontar@db.example/arsip")
    assert "dbname='arsip'" in search_settings(Home.resolve(tmp_path)).dsn


@pytest.mark.parametrize(
    ("name", "value", "complaint"),
    [("LONTAR_SEARCH", "solr", "choose one of"), ("LONTAR_SEARCH_SCHEMA", "x; drop", "plain SQL")],
)
def test_search_settings_refuse_what_would_open_the_wrong_index(
    tmp_path, monkeypatch, name, value, complaint
):
    monkeypatch.setenv("LONTAR_SEARCH_DSN", "host=db")
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=complaint):
        search_settings(Home.resolve(tmp_path))


def test_relstorage_caches_blobs_in_the_home_unless_told(tmp_path, monkeypatch):
    home = Home.resolve(tmp_path)
    monkeypatch.setenv("LONTAR_STORAGE", "postgresql://lontar@db.example/arsip")
    text = home.storage_config()
    assert f"blob-dir {tmp_path / 'blobcache'}" in text and "shared-blob-dir false" in text
    assert "blob-cache-size 2gb" in text and "keep-history false" in text
    monkeypatch.setenv("LONTAR_STORAGE", "postgresql://lontar@db/arsip?blob_dir=/srv/c")
    assert "blob-dir /srv/c\n" in home.storage_config()


def test_a_schema_of_its_own_per_data_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("LONTAR_SEARCH", "postgresql")
    monkeypatch.setenv("LONTAR_SEARCH_DSN", "host=db")
    monkeypatch.setenv("LONTAR_SEARCH_SCHEMA", "kota_{home}")
    one, two = (search_settings(Home.resolve(tmp_path / name)).schema for name in ("a", "b"))
    assert one != two and one.startswith("kota_") and one.isidentifier()
    assert search_settings(Home.resolve(tmp_path / "a")).schema == one
