"""Storage URLs become ZConfig text that says exactly what the URL said."""

from __future__ import annotations

import re
import traceback

import psycopg2
import pytest
from psycopg2.extensions import parse_dsn
from ZConfig.substitution import substitute

from repository.core.config import Home, SearchSettings, search_settings, zconfig_from_url
from tests.conftest import add
from tests.pg_server import pg_server

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


TLS = "sslmode=verify-full&sslrootcert=/etc/pg.crt&connect_timeout=10"


def test_the_libpq_options_of_a_url_are_kept():
    """Before: only dbname, host, port, user and password were kept, so libpq fell back to
    `sslmode=prefer` (a downgrade to cleartext) and `?host=/run/postgresql` became TCP."""
    text = zconfig_from_url(
        f"postgresql://lontar:pw@db/lontar?{TLS}&target_session_attrs=read-write&blob_dir=/srv/c"
    )
    found = conninfo(dsn_of(text))
    assert found == {
        "dbname": "lontar",
        "host": "db",
        "port": "5432",
        "user": "lontar",
        "password": "pw",
        "sslmode": "verify-full",
        "sslrootcert": "/etc/pg.crt",
        "connect_timeout": "10",
        "target_session_attrs": "read-write",
    }
    assert parse_dsn(dsn_of(text)) == found  # libpq reads the same
    assert "blob-dir /srv/c\n" in text  # Lontar's own option, not libpq's
    socket = conninfo(dsn_of(zconfig_from_url("postgresql://lontar@/arsip?host=/run/postgresql")))
    assert socket["host"] == "/run/postgresql"


def test_the_search_dsn_keeps_them_too(tmp_path, monkeypatch):
    monkeypatch.setenv("LONTAR_SEARCH", "postgresql")
    monkeypatch.setenv("LONTAR_STORAGE", f"postgresql://lontar:pw@db/arsip?{TLS}")
    assert "sslmode='verify-full'" in search_settings(Home.resolve(tmp_path)).dsn
    monkeypatch.setenv("LONTAR_SEARCH_DSN", "postgresql://idx@/cari?host=/run/postgresql")
    assert "host='/run/postgresql'" in search_settings(Home.resolve(tmp_path)).dsn


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("sslmod=require", "sslmod"),  # a misspelt sslmode: no TLS, silently
        ("sslmode=require&SSLMODE=disable", "SSLMODE"),
        ("a%20b=1", "a b"),
        ("sslmode%3D%27disable%27%20host=x", "sslmode='disable' host"),  # no keyword added
    ],
)
def test_an_unknown_url_option_is_refused_without_the_password(tmp_path, monkeypatch, query, named):
    url = f"postgresql://lontar:s3cr%40t@db/arsip?{query}"
    with pytest.raises(ValueError) as refused:
        zconfig_from_url(url)
    assert repr(named) in str(refused.value) and "s3cr" not in str(refused.value)
    monkeypatch.setenv("LONTAR_SEARCH", "postgresql")
    monkeypatch.setenv("LONTAR_SEARCH_DSN", url)
    with pytest.raises(ValueError, match="libpq connection keyword") as refused:
        search_settings(Home.resolve(tmp_path))
    assert "s3cr" not in "".join(traceback.format_exception(refused.value))


def test_a_value_cannot_end_the_zconfig_line():
    with pytest.raises(ValueError, match="'application_name' holds a control") as refused:
        zconfig_from_url("postgresql://u:s3cret@db/x?application_name=a%0A%3C/postgresql%3E")
    assert "s3cret" not in str(refused.value)


def test_a_libpq_dsn_is_checked_without_quoting_it(tmp_path, monkeypatch):
    """Before: not checked at all, and libpq's complaint at the first connection quoted it
    (`missing "=" after "secret"`)."""
    monkeypatch.setenv("LONTAR_SEARCH", "postgresql")
    monkeypatch.setenv("LONTAR_SEARCH_DSN", "host=db password=my secret")
    with pytest.raises(ValueError, match="neither a libpq connection string") as refused:
        search_settings(Home.resolve(tmp_path))
    told = "".join(traceback.format_exception(refused.value))
    assert "secret" not in told and refused.value.__context__ is None
    monkeypatch.setenv("LONTAR_SEARCH_DSN", "mysql://lontar@db/cari")
    with pytest.raises(ValueError, match="neither"):
        search_settings(Home.resolve(tmp_path))
    monkeypatch.setenv("LONTAR_SEARCH_DSN", "host=db password='my secret'")
    assert search_settings(Home.resolve(tmp_path)).dsn == "host=db password='my secret'"


@pytest.mark.slow
def test_a_socket_folder_and_options_from_the_url_reach_the_server():
    with pg_server() as server:
        url = (
            f"postgresql://postgres@:{server.port}/postgres?host={server.root}"
            "&application_name=lontar%20uji&sslmode=disable"
        )
        connection = psycopg2.connect(dsn_of(zconfig_from_url(url)))
        try:
            with connection.cursor() as cur:
                cur.execute("SELECT inet_server_addr(), current_setting('application_name')")
                assert cur.fetchone() == (None, "lontar uji")  # no address: the socket
        finally:
            connection.close()


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
