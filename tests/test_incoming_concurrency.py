"""Twenty pencatat processes register letters of one unit at the same moment: the agenda
numbers must come out unique and gapless 1..20, each letter with its own thread and its file.

Each registrar is its own process on a real ZEO server; they are released together (a barrier
file). The agenda number is taken from one Counter per unit and year without conflict
resolution, in the transaction that also stores the letter (repository/letters/agenda.py), so
a process that loses a conflict retries and takes the next number, and a number is never
given without its letter.
"""

from __future__ import annotations

import json
import signal
import textwrap

import pytest

from repository.app import Lontar
from repository.core import clock
from repository.core.content import pemda_of
from repository.core.db import reading
from repository.core.security import ADMIN
from repository.letters.model import registry_of
from tests.conftest import PYTHON, make_pdf
from tests.test_letters_concurrency import _start_zeo, release_together

REGISTRARS = 20

DRIVER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from repository.app import Home, Lontar, LontarError

    home, n, barrier, ready = sys.argv[1:]
    data = (Path(home) / f"surat-{n}.pdf").read_bytes()
    fields = {"sender": f"Pengirim {n}", "their_number": f"{n}/X/2026",
              "hal": f"Surat serentak nomor {n}"}
    with Lontar(Home.resolve(home)) as lontar:  # the ZEO server is running: a client
        caller = lontar.access.caller(f"pencatat{n}", "uji-serentak")
        Path(ready).touch()
        while not Path(barrier).exists():
            time.sleep(0.01)
        try:
            made = lontar.letters.register_external(
                caller, "DINKES", fields, [(f"surat-{n}.pdf", data)]
            )
        except LontarError as exc:
            print(json.dumps({"error": exc.key, "message": exc.message("en")}))
            sys.exit(1)
    print(json.dumps(made, default=str))
    """
)


def _prepare(home) -> list[str]:
    """One unit with a head and twenty pencatat accounts, a different PDF for each."""
    with Lontar(home) as lontar:
        lontar.init("ID-T", "Pemerintah Kota Uji")
        lontar.records.add_unit(ADMIN, "DINKES", "Dinas Kesehatan")
        lontar.access.add_account(ADMIN, "kepala", "kepala-sandi-uji", {"Pejabat"}, unit="DINKES")
        lontar.letters.save_position(
            ADMIN, "KADIS", unit="DINKES", name="Kepala Dinas Kesehatan", holder="kepala", rank=1
        )
        for n in range(REGISTRARS):
            lontar.access.add_account(
                ADMIN, f"pencatat{n}", f"pencatat{n}-sandi", {"Pencatat"}, unit="DINKES"
            )
            pdf = make_pdf(f"Surat serentak {n}", f"Isi surat ke-{n} yang dicatat bersamaan.")
            (home.path / f"surat-{n}.pdf").write_bytes(pdf)
    return [str(n) for n in range(REGISTRARS)]


def _register_together(home, numbers: list[str], folder) -> list[tuple[int, str, str]]:
    """One process per registrar; each connects and says it is ready, then all are released
    at once. Returns (exit status, stdout, stderr) of each."""
    driver = folder / "register.py"
    driver.write_text(DRIVER)
    commands = [[PYTHON, str(driver), str(home.path), n] for n in numbers]
    return release_together(commands, folder, "twenty registrars to connect")


@pytest.mark.slow
def test_twenty_registrars_at_once_get_unique_gapless_agenda_numbers(home, tmp_path):
    numbers = _prepare(home)
    zeo = _start_zeo(home)
    try:
        results = _register_together(home, numbers, tmp_path)
    finally:
        zeo.send_signal(signal.SIGTERM)
        zeo.wait(60)
    failures = [f"exit {code}: {out}\n{err[-4000:]}" for code, out, err in results if code]
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)
    made = [json.loads(out.strip().splitlines()[-1]) for _, out, _ in results]
    year = clock.today().year
    expected = {f"{n:04d}/DINKES/{year}" for n in range(1, REGISTRARS + 1)}
    assert {m["agenda"] for m in made} == expected and len(made) == REGISTRARS
    assert all(len(m["report"]["accepted"]) == 1 for m in made)

    with Lontar(home) as lontar, reading(lontar.db) as root:
        pemda = pemda_of(root)
        registry = registry_of(pemda)
        assert registry.counters[f"agenda|DINKES|{year}"].value == REGISTRARS
        book = registry.agenda[f"DINKES|{year}"]
        assert list(book.keys()) == list(range(1, REGISTRARS + 1))
        assert sorted(book.values()) == sorted(m["id"] for m in made)
        threads = {registry.incoming[m["id"]].thread for m in made}
        assert len(threads) == REGISTRARS
        assert all(len(pemda.records[t].children) == 1 for t in threads)
