"""`lontar report letters` and `lontar assess` as a person runs them: JSON for scripts, words
and numbers in the reader's language otherwise, refusals as one translated line."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess

import openpyxl
import pytest

from repository.app import Lontar
from repository.core import clock
from repository.core.security import ADMIN
from tests.conftest import PROJECT, PYTHON

MOMENT = "2026-03-12T10:00:00+07:00"  # the CLI's clock: March 2026


def cli(home, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "-m", "repository.cli", "--home", str(home.path), *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=600,
        env={**os.environ, "LONTAR_CLOCK": MOMENT},
    )


def ok(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def figures(home):
    """DINKES with two manual numbers in March 2026 (one in its bidang), none signed; an
    Arsiparis (the archive office) and a Staf of DINKES."""
    with Lontar(home) as lontar:
        lontar.init("ID-T", "Pemerintah Kota Uji")
        lontar.records.add_unit(ADMIN, "DINKES", "Dinas Kesehatan")
        lontar.records.add_unit(ADMIN, "DINKES.P2P", "Bidang P2P", "DINKES")
        lontar.records.add_unit(ADMIN, "DPK", "Dinas Perpustakaan dan Kearsipan")
        lontar.access.add_account(ADMIN, "arsip", "arsip-sandi-uji", {"Arsiparis"})
        lontar.access.add_account(ADMIN, "staf", "staf-sandi-uji", {"Staf"}, unit="DINKES")
        fields = {"type": "surat_dinas", "hal": "Surat kertas", "classification": "400.7"}
        with clock.frozen(dt.datetime(2026, 3, 10, 10, 0)):
            for unit in ("DINKES", "DINKES.P2P"):
                lontar.letters.reserve_number(ADMIN, {**fields, "unit": unit})
    return home


def test_report_letters_as_json_and_in_words(figures):
    found = json.loads(ok(cli(figures, "report", "letters", "--unit", "dinkes", "--json")))
    assert [r["month"] for r in found["months"]][-1] == "2026-03" and len(found["months"]) == 12
    march = found["months"][-1]
    assert (march["outgoing"], march["manual"], march["electronic"], march["adoption"]) == (
        2,
        2,
        0,
        0.0,
    )
    assert found["standing"]["as_of"] == "2026-03-12"
    one = json.loads(ok(cli(figures, "report", "letters", "--month", "2026-02", "--json")))
    assert one["unit"] == "" and [r["month"] for r in one["months"]] == ["2026-02"]
    assert one["total"]["outgoing"] == 0

    text = ok(cli(figures, "report", "letters", "--unit", "DINKES", "--month", "2026-03"))
    assert "Dinas Kesehatan · 2026-03" in text
    assert "  Nomor manual: 2" in text and "  Porsi tanda tangan elektronik: 0 %" in text
    assert "  Per tanggal: 12 Maret 2026" in text
    english = ok(cli(figures, "--lang", "en", "report", "letters", "--month", "2026-03"))
    assert "  Manual numbers: 2" in english and "As of: 12 March 2026" in english


def test_report_letters_to_a_file_and_refusals(figures, tmp_path):
    out = tmp_path / "dasbor.xlsx"
    ok(
        cli(
            figures,
            "report",
            "letters",
            "--unit",
            "DINKES",
            "--month",
            "2026-03",
            "--out",
            str(out),
        )
    )
    rows = list(
        openpyxl.load_workbook(io.BytesIO(out.read_bytes())).active.iter_rows(values_only=True)
    )
    assert rows[0][0] == "Bulan" and [r[0] for r in rows[1:]] == ["2026-03", "total"]
    denied = cli(figures, "--as", "staf", "report", "letters", "--unit", "DINKES")
    assert denied.returncode == 1 and denied.stdout == ""
    assert denied.stderr.startswith("lontar: ") and len(denied.stderr.splitlines()) == 1
    bad = cli(figures, "report", "letters", "--month", "2026-3")
    assert bad.returncode == 1 and "TTTT-BB" in bad.stderr
    wrong = cli(figures, "report", "letters", "--out", str(tmp_path / "x.pdf"))
    assert wrong.returncode == 2


def test_assess_saves_shows_and_checks(figures):
    scores = ["--penciptaan", "92", "--penggunaan", "88.5", "--pemeliharaan", "75"]
    scores += ["--penyusutan", "60", "--sumber-daya", "70"]
    saved = json.loads(
        ok(cli(figures, "--as", "arsip", "assess", "DINKES", "--year", "2026", *scores, "--json"))
    )
    assert (saved["mean"], saved["band"], saved["by"]) == (77.1, "BB", "arsip")
    shown = ok(cli(figures, "assess", "dinkes", "--year", "2026"))
    assert "Penyusutan: 60" in shown and "Pemeliharaan: 75" in shown
    assert "Dinas Kesehatan: rata-rata 77,1, kategori penilaian mandiri BB" in shown
    assert ok(cli(figures, "assess", "DPK", "--year", "2026")).strip() == (
        "Belum ada penilaian mandiri untuk tahun ini."
    )
    partial = cli(figures, "assess", "DPK", "--year", "2026", "--penciptaan", "50")
    assert partial.returncode == 1 and "penggunaan" in partial.stderr
    high = cli(figures, "assess", "DPK", "--year", "2026", *scores[:-1], "101")
    assert high.returncode == 1 and "0 sampai 100" in high.stderr
    staff = cli(figures, "--as", "staf", "assess", "DINKES", "--year", "2026", *scores)
    assert staff.returncode == 1
    again = json.loads(ok(cli(figures, "assess", "DINKES", "--year", "2026", "--json")))
    assert again["by"] == "arsip"  # the refused attempts changed nothing
