"""The CLI's contract: commands, `--json` shapes, `--as`, exit statuses, messages."""

from __future__ import annotations

import json

import pytest

from tests.conftest import lontar_cli, make_pdf


@pytest.fixture
def cli_home(home, tmp_path):
    lontar_cli("init", "--code", "ID-T", "--name", "Kota Uji", home=home)
    lontar_cli("unit", "add", "DINKES", "--name", "Dinas Kesehatan", home=home)
    lontar_cli(
        "unit", "add", "DINKES.SEK", "--name", "Sekretariat", "--parent", "DINKES", home=home
    )
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "surat.pdf").write_bytes(make_pdf("Surat", "Pengarsipan vaksinasi balita."))
    (tmp_path / "in" / "rahasia.txt").write_text("Laporan audit vaksinasi rahasia")
    (tmp_path / "in" / "kosong.pdf").write_bytes(b"")
    return home, tmp_path / "in"


def test_import_reports_each_file_and_exits_1_when_one_is_rejected(cli_home):
    home, folder = cli_home
    done = lontar_cli(
        "import",
        str(folder),
        "--unit",
        "DINKES.SEK",
        "--date",
        "2024-03-01",
        "--classification",
        "400.7",
        "--json",
        home=home,
        check=False,
    )
    report = json.loads(done.stdout)
    assert done.returncode == 1
    assert sorted(o["filename"] for o in report["accepted"]) == ["rahasia.txt", "surat.pdf"]
    assert report["rejected"][0]["reason"] == "empty_file"
    again = lontar_cli("import", str(folder / "surat.pdf"), "--unit", "DINKES", "--json", home=home)
    duplicate = json.loads(again.stdout)["duplicates"][0]
    assert duplicate["duplicate_of"] in {o["id"] for o in report["accepted"]}


def test_search_show_units_and_as_anonymous(cli_home):
    home, folder = cli_home
    lontar_cli("import", str(folder / "surat.pdf"), "--unit", "DINKES.SEK", home=home)
    lontar_cli(
        "import", str(folder / "rahasia.txt"), "--unit", "DINKES", "--security", "R", home=home
    )
    admin = json.loads(lontar_cli("search", "vaksinasi", "--json", home=home).stdout)
    assert admin["total"] == 2 and set(admin["hits"][0]) >= {"id", "title", "snippet", "score"}
    public = json.loads(
        lontar_cli("search", "vaksinasi", "--json", "--as", "anonymous", home=home).stdout
    )
    assert public["total"] == 1 and public["facets"]["security"] == {"B": 1}
    filtered = json.loads(
        lontar_cli("search", "--unit", "DINKES", "--security", "R", "--json", home=home).stdout
    )
    assert filtered["total"] == 1
    secret_id = filtered["hits"][0]["id"]
    shown = json.loads(lontar_cli("show", secret_id, "--json", home=home).stdout)
    assert shown["security"] == "R" and shown["reference_code"].startswith("ID-T/DINKES/")
    hidden = lontar_cli("show", secret_id, "--as", "anonymous", home=home, check=False)
    assert hidden.returncode == 1 and "tidak ditemukan" in hidden.stderr
    units = json.loads(lontar_cli("units", "--json", "--as", "anonymous", home=home).stdout)
    assert {u["code"]: u["records"] for u in units} == {"DINKES": 0, "DINKES.SEK": 1}


def test_errors_are_one_line_in_the_chosen_language(cli_home):
    home, folder = cli_home
    missing = lontar_cli("import", str(folder), "--unit", "NOPE", home=home, check=False)
    assert missing.returncode == 1 and missing.stderr.strip() == "lontar: Unit NOPE tidak ada."
    english = lontar_cli("--lang", "en", "show", "zzz", home=home, check=False)
    assert "was not found" in english.stderr and "Traceback" not in english.stderr
    bad = lontar_cli("search", "tanggal:[x to y]", home=home, check=False)
    assert bad.returncode == 1 and "Kueri" in bad.stderr


def test_check_and_reindex(cli_home):
    home, folder = cli_home
    lontar_cli("import", str(folder / "surat.pdf"), "--unit", "DINKES", home=home)
    assert json.loads(lontar_cli("check", "--json", home=home).stdout)["clean"] is True
    assert lontar_cli("reindex", home=home).returncode == 0
    report = json.loads(lontar_cli("check", "--json", home=home).stdout)
    assert report["clean"] and report["indexed"] == report["records"] == 1


def test_home_comes_from_the_environment(cli_home, monkeypatch):
    home, _ = cli_home
    import os
    import subprocess

    from tests.conftest import PROJECT, PYTHON

    done = subprocess.run(
        [PYTHON, "-m", "repository.cli", "units", "--json"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "LONTAR_HOME": str(home.path)},
    )
    assert {u["code"] for u in json.loads(done.stdout)} == {"DINKES", "DINKES.SEK"}
