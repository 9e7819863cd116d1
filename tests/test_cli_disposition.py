"""`lontar dispose` and `lontar disposition ...` as a person runs them: a real process on a
real repository, `--as` the position holders, JSON out, errors as one translated line."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from tests.conftest import lontar_cli
from tests.test_disposition import received

pytest_plugins = ["tests.test_disposition"]  # the `org` fixture: positions and their holders


@pytest.fixture
def repository(org):
    """The org with one received letter; the service closed so the CLI may open it."""
    incoming = received(org, hal="Permintaan laporan triwulan")
    org.close()
    return org.home, incoming


def cli(home, *args: str, check: bool = True):
    return lontar_cli(*args, home=home, check=check)


def test_dispose_close_and_cancel_from_the_command_line(repository, tmp_path):
    home, incoming = repository
    listed = json.loads(cli(home, "disposition", "instructions", "--json").stdout)
    assert listed[0]["code"] == "untuk_diketahui"
    targets = json.loads(cli(home, "disposition", "targets", incoming, "--as", "kadis",
                             "--json").stdout)  # fmt: skip
    assert {t["code"] for t in targets if t["kind"] == "down"} >= {"KABID", "SEKDIS"}
    given = json.loads(
        cli(home, "dispose", incoming, "--to", "KABID", "--to", "SEKDIS",
            "--instruction", "Siapkan bahan", "--instruction", "untuk_diketahui",
            "--note", "Segera", "--due", "2099-01-31", "--as", "kadis", "--json").stdout
    )["dispositions"]  # fmt: skip
    assert len(given) == 2
    shown = json.loads(cli(home, "disposition", "show", incoming, "--as", "kabid", "--json").stdout)
    assert [r["instructions"][0]["code"] for r in shown["rows"]] == ["siapkan_bahan"] * 2
    assert shown["rows"][0]["due"] == "2099-01-31" and "close" in shown["rows"][0]["actions"]

    cancelled = cli(home, "disposition", "cancel", given[1], "--as", "kadis", "--json")
    assert json.loads(cancelled.stdout)["state"] == "cancelled"
    refused = cli(home, "disposition", "close", given[0], "--note", "x", "--as", "sekdis",
                  check=False)  # fmt: skip
    assert refused.returncode == 1 and refused.stderr.startswith("lontar: ")
    no_note = cli(home, "disposition", "close", given[0], "--note", " ", "--as", "kabid",
                  check=False)  # fmt: skip
    assert no_note.returncode == 1 and "Catatan wajib diisi." in no_note.stderr
    cli(home, "disposition", "close", given[0], "--note", "Laporan dikirim", "--as", "kabid")
    after = json.loads(cli(home, "disposition", "show", incoming, "--as", "kadis", "--json").stdout)
    assert after["state"] == "done"
    assert [r["state"] for r in after["rows"]] == ["closed", "cancelled"]

    out = tmp_path / "lembar.pdf"
    cli(home, "disposition", "lembar", incoming, "--out", str(out), "--as", "kadis")
    text = " ".join((p.extract_text() or "") for p in PdfReader(str(out)).pages)
    assert "LEMBAR DISPOSISI" in text and "Permintaan laporan triwulan" in text


def test_errors_are_one_line_in_the_users_language(repository):
    home, incoming = repository
    hidden = cli(home, "disposition", "show", incoming, "--as", "kasi", check=False)
    assert hidden.returncode == 1 and hidden.stderr.strip().startswith("lontar: ")
    unknown = cli(home, "dispose", incoming, "--to", "KABID", "--instruction", "terbang",
                  "--as", "kadis", "--lang", "en", check=False)  # fmt: skip
    assert unknown.returncode == 1
    assert unknown.stderr.strip() == "lontar: Unknown instruction terbang."
    past = cli(home, "dispose", incoming, "--to", "KABID", "--instruction", "untuk_diketahui",
               "--due", "2000-01-01", "--as", "kadis", check=False)  # fmt: skip
    assert past.returncode == 1 and "sudah lewat" in past.stderr
    missing = cli(home, "dispose", incoming, "--instruction", "untuk_diketahui", check=False)
    assert missing.returncode == 2  # a bad command line: --to is required


def test_none_and_reply(repository):
    home, incoming = repository
    draft = json.loads(cli(home, "disposition", "reply", incoming, "--as", "kadis",
                           "--json").stdout)["letter"]  # fmt: skip
    shown = json.loads(cli(home, "letter", "show", draft, "--as", "kadis", "--json").stdout)
    assert shown["in_reply_to"] == incoming and shown["state"] == "draft"
    done = cli(home, "disposition", "none", incoming, "--note", "Untuk arsip", "--as", "kadis",
               "--json")  # fmt: skip
    assert json.loads(done.stdout)["state"] == "no_disposition"
