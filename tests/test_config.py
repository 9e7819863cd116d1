"""Storage URLs become ZConfig text that says exactly what the URL said."""

from __future__ import annotations

import re

import pytest
from ZConfig.substitution import substitute

from repository.core.config import zconfig_from_url
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
