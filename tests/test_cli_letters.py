"""`lontar position|signing|letter|lettertype`: a letter's whole life through the command
line, as the people in its chain (`--as`), and the ways it refuses: a wrong passphrase takes
no number, an outsider is told the letter does not exist. Also the demo's letters."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess

import pytest

from repository.app import Lontar
from repository.core import clock
from repository.core.security import ADMIN
from repository.demo.builder import DEMO_ACCOUNTS, build_demo, demo_account_lines
from repository.demo.letters import SIGNING_PASSPHRASE, signers
from tests.conftest import PROJECT, PYTHON

PASSPHRASE = "ttd-kadis-uji-2026"
BODY = "Dengan hormat,\n\nKami mengundang Bapak/Ibu menghadiri rapat koordinasi arsip.\n"


def cli(home, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """`lontar ...` with standard input (lontar_cli has none)."""
    return subprocess.run(
        [PYTHON, "-m", "repository.cli", "--home", str(home.path), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=600,
        env=os.environ.copy(),
    )


def as_json(done: subprocess.CompletedProcess):
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def letters_home(home, tmp_path):
    """A Pemda with Dinas Kesehatan (a Kepala, a Sekretaris who paraf, a Staf who drafts)
    and Dinas Perpustakaan (a Staf outside the chain, until the letter is sent there)."""
    with Lontar(home) as lontar:
        lontar.init("ID-T", "Pemerintah Kota Uji")
        lontar.records.add_unit(ADMIN, "DINKES", "Dinas Kesehatan")
        lontar.records.add_unit(ADMIN, "DPK", "Dinas Perpustakaan dan Kearsipan")
        for name, roles, unit, clearance in (
            ("kadis", {"Pejabat"}, "DINKES", "R"),
            ("sekdis", {"Pejabat"}, "DINKES", "T"),
            ("staf", {"Staf"}, "DINKES", "T"),
            ("pustaka", {"Staf"}, "DPK", "T"),
        ):
            lontar.access.add_account(
                ADMIN, name, f"{name}-sandi-uji", roles, unit=unit, clearance=clearance
            )
    files = {"pass": PASSPHRASE + "\n", "wrong": "bukan-ini\n", "body": BODY}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return home, tmp_path


def _set_up(home, folder) -> None:
    """Positions, the CA, the signer's enrolment and the type's numbering, by the CLI."""
    kadis = as_json(
        cli(home, "position", "add", "DINKES.KADIS", "--unit", "DINKES",
            "--name", "Kepala Dinas Kesehatan", "--holder", "kadis",
            "--abbreviation", "KADIS", "--rank", "1", "--json")
    )  # fmt: skip
    assert kadis["code"] == "DINKES.KADIS" and kadis["holder"] == "kadis"
    as_json(
        cli(home, "position", "add", "DINKES.SEKDIS", "--unit", "DINKES",
            "--name", "Sekretaris Dinas Kesehatan", "--parent", "DINKES.KADIS",
            "--holder", "sekdis", "--rank", "2", "--json")
    )  # fmt: skip
    listed = as_json(cli(home, "position", "list", "--unit", "DINKES", "--json"))
    assert {p["code"] for p in listed} == {"DINKES.KADIS", "DINKES.SEKDIS"}
    as_json(cli(home, "signing", "init", "--json"))
    again = cli(home, "signing", "init")
    assert again.returncode == 1 and again.stderr.startswith("lontar: ")
    enrol = ("signing", "enrol", "kadis", "--passphrase-file", str(folder / "pass"), "--json")
    enrolled = cli(home, *enrol)
    assert PASSPHRASE not in enrolled.stdout + enrolled.stderr
    as_json(enrolled)
    assert "kadis" in cli(home, "signing", "status", "--json").stdout
    types = as_json(cli(home, "lettertype", "list", "--json"))
    assert "surat_dinas" in {t["code"] for t in types}
    as_json(
        cli(home, "lettertype", "set", "surat_dinas", "--pattern",
            "{kka}/{urut}/{unit}/{tahun}", "--padding", "3", "--json")
    )  # fmt: skip
    shown = as_json(cli(home, "lettertype", "show", "surat_dinas", "--json"))
    assert shown["pattern"] == "{kka}/{urut}/{unit}/{tahun}" and shown["padding"] == 3


def _draft(home, folder) -> str:
    made = as_json(
        cli(home, "letter", "draft", "--unit", "DINKES", "--type", "surat_dinas",
            "--hal", "Undangan rapat koordinasi arsip", "--body-file", str(folder / "body"),
            "--signer", "DINKES.KADIS", "--verifier", "DINKES.SEKDIS",
            "--to", "DPK", "external:Dinas Kesehatan Provinsi, Jl. Merdeka 1",
            "--cc", "DINKES.SEKDIS", "--classification", "000.1", "--as", "staf", "--json")
    )  # fmt: skip
    return made["id"]


def _state(home, letter_id: str, user: str = "staf") -> dict:
    return as_json(cli(home, "letter", "show", letter_id, "--as", user, "--json"))


def test_a_letter_from_draft_to_sent_and_verified_through_the_cli(letters_home):
    home, folder = letters_home
    _set_up(home, folder)
    letter_id = _draft(home, folder)
    shown = _state(home, letter_id)
    assert shown["state"] == "draft" and shown["version"] == 1
    submit = ("letter", "submit", letter_id, "--as", "staf", "--json")
    assert as_json(cli(home, *submit))["state"] == "verification"
    # the signer is not the verifier whose paraf is awaited
    early = cli(home, "letter", "approve", letter_id, "--as", "kadis")
    assert early.returncode == 1 and early.stderr.startswith("lontar: ")
    back = ("letter", "return", letter_id, "--note", "Lengkapi jam rapat", "--as", "sekdis")
    assert as_json(cli(home, *back, "--json"))["state"] == "returned"
    assert as_json(cli(home, *submit))["state"] == "verification"
    approve = ("letter", "approve", letter_id, "--as", "sekdis", "--json")
    assert as_json(cli(home, *approve))["state"] == "ready"

    signed = as_json(
        cli(home, "letter", "sign", letter_id, "--version", "1", "--passphrase-file", "-",
            "--as", "kadis", "--json", stdin=PASSPHRASE + "\n")
    )  # fmt: skip
    year = clock.today().year
    assert signed["number"] == f"000.1/001/DINKES/{year}"
    assert len(signed["sha256"]) == 64 and signed["date"]
    pdf = folder / "surat.pdf"
    done = cli(home, "letter", "pdf", letter_id, "--out", str(pdf), "--as", "kadis")
    assert done.returncode == 0, done.stderr
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == signed["sha256"]
    checked = cli(home, "letter", "verify", str(pdf), "--json", "--as", "anonymous")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    tampered = bytearray(pdf.read_bytes())
    tampered[len(tampered) // 2] ^= 0x01
    (folder / "ubah.pdf").write_bytes(bytes(tampered))
    assert cli(home, "letter", "verify", str(folder / "ubah.pdf")).returncode == 1

    sent = as_json(cli(home, "letter", "send", letter_id, "--as", "staf", "--json"))
    assert sent["delivered"] and sent["external"]
    listed = as_json(cli(home, "letter", "list", "--state", "sent", "--as", "staf", "--json"))
    assert [row["id"] for row in listed] == [letter_id]
    # once sent, a recipient unit's staff do not see it for being members (issue 20: only
    # its clerks, its head, and whoever its disposition reaches); the administrator does
    hidden = cli(home, "letter", "show", letter_id, "--as", "pustaka", "--json")
    assert hidden.returncode == 1 and "Naskah tidak ditemukan" in hidden.stderr
    assert as_json(cli(home, "letter", "show", letter_id, "--json"))["number"] == signed["number"]
    register = as_json(cli(home, "letter", "register", "--unit", "DINKES", "--year", str(year),
                           "--json"))  # fmt: skip
    assert signed["number"] in json.dumps(register)
    xlsx = folder / "agenda.xlsx"
    cli(home, "letter", "register", "--unit", "DINKES", "--year", str(year), "--out", str(xlsx))
    assert xlsx.read_bytes()[:2] == b"PK"
    reserved = as_json(
        cli(home, "letter", "reserve", "--unit", "DINKES", "--type", "surat_dinas",
            "--classification", "000.1", "--hal", "Surat kertas", "--json")
    )  # fmt: skip
    assert reserved["number"] == f"000.1/002/DINKES/{year}"
    audit = "".join(p.read_text() for p in sorted((home.path / "audit").glob("*")) if p.is_file())
    assert PASSPHRASE not in audit and signed["number"] in audit


def test_a_wrong_passphrase_takes_no_number_and_an_outsider_finds_nothing(letters_home):
    home, folder = letters_home
    _set_up(home, folder)
    letter_id = _draft(home, folder)
    # outside the chain, before sending: the same answer as for an id that does not exist
    hidden = cli(home, "letter", "show", letter_id, "--as", "pustaka")
    missing = cli(home, "letter", "show", "tidakada", "--as", "pustaka")
    assert hidden.returncode == missing.returncode == 1
    assert hidden.stderr.replace(letter_id, "ID") == missing.stderr.replace("tidakada", "ID")
    cli(home, "letter", "submit", letter_id, "--as", "staf")
    as_json(cli(home, "letter", "approve", letter_id, "--as", "sekdis", "--json"))
    sign = ("letter", "sign", letter_id, "--version", "1", "--passphrase-file")
    wrong = (*sign, str(folder / "wrong"))
    refused = cli(home, *wrong, "--as", "kadis")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.startswith("lontar: Passphrase salah")
    assert "bukan-ini" not in refused.stdout + refused.stderr
    english = cli(home, *wrong, "--as", "kadis", "--lang", "en")
    assert english.returncode == 1 and english.stderr.startswith("lontar: Wrong passphrase")
    after = _state(home, letter_id, "kadis")
    assert after["state"] == "ready" and not after.get("number")
    # someone else cannot sign for the Kepala, whatever the passphrase
    other = cli(home, *sign, str(folder / "pass"), "--as", "sekdis")
    assert other.returncode == 1 and _state(home, letter_id, "kadis")["state"] == "ready"
    # the right one, on the second attempt, takes the first number of the year
    signed = cli(home, *sign, str(folder / "pass"), "--as", "kadis", "--json")
    assert as_json(signed)["number"].startswith("000.1/001/DINKES/")


def test_a_bad_template_is_refused_and_a_good_one_kept(letters_home):
    home, folder = letters_home
    builtin = cli(home, "lettertype", "template", "surat_dinas")
    assert builtin.returncode == 0 and "{{" in builtin.stdout
    (folder / "rusak.html").write_text("<p>{{ hal </p>")
    bad = cli(home, "lettertype", "template", "surat_dinas", "--file", str(folder / "rusak.html"))
    assert bad.returncode == 1 and bad.stderr.startswith("lontar: ")
    (folder / "baik.html").write_text(builtin.stdout.replace("</body>", "<p>Uji</p></body>"))
    good = cli(home, "lettertype", "template", "surat_dinas", "--file", str(folder / "baik.html"))
    assert good.returncode == 0, good.stderr
    assert "<p>Uji</p>" in cli(home, "lettertype", "template", "surat_dinas").stdout


@pytest.mark.slow
def test_the_demo_has_letters_in_every_state_and_prints_the_signing_passphrase(home):
    with Lontar(home) as service:
        made = build_demo(service, records=8)
        assert made["letters"] >= 9
        everything = service.letters.queues(ADMIN)
        states = {row["state"] for rows in everything.values() for row in rows}
        people = [service.access.caller(n, "uji") for n in ("kadinkes", "sekdinkes", "staf")]
        mine = [service.letters.queues(c) for c in people]
        states |= {row["state"] for queues in mine for rows in queues.values() for row in rows}
        assert {"draft", "verification", "ready", "returned", "signed", "sent"} <= states
        kadinkes, sekdinkes, _ = people
        held = {p["code"] for p in service.letters.my_positions(sekdinkes)}
        assert {"DINKES.SEKRETARIS", "DINKES.KEPALA"} <= held  # and Plt. Kepala
        by_plt = service.letters.queues(sekdinkes)["signed"][0]["id"]
        assert service.letters.letter(sekdinkes, by_plt)["signed"]["acting"] == "Plt"
        rahasia = [r for r in mine[0]["sent"] if r["sifat"] == "rahasia"]
        assert len(rahasia) == 1
        verify_id = service.letters.letter(kadinkes, rahasia[0]["id"])["signed"]["verify_id"]
        assert service.letters.verification(verify_id)["classified"]
        circular = service.letters.queues(service.access.caller("sekda", "uji"))["sent"][0]
        kadpk = service.access.caller("kadpk", "uji")  # a recipient, through "semua_opd"
        assert service.letters.letter(kadpk, circular["id"])["number"] == circular["number"]
        status = json.dumps(service.letters.signing_status(ADMIN))
        assert all(account in status for account in signers())
    lines = demo_account_lines()
    names = {name for name, *_ in DEMO_ACCOUNTS}
    assert set(signers()) <= names
    for line in lines:
        assert line.endswith(f"TTE: {SIGNING_PASSPHRASE}") == (line.split()[0] in signers())
