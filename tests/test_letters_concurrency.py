"""Twenty people sign letters of one numbering scope at the same moment: the most common
complaint about such systems is two letters with one number. Each signer is its own process
on a real ZEO server; they are released together (a barrier file), and the numbers must come
out unique and gapless, every letter signed, and every signed PDF valid.

The number is taken in a short transaction of its own that conflicts on the scope's Counter
and retries (repository/letters/signing_flow.py), so the losers of a conflict take
the next number and nobody takes one twice.
"""

from __future__ import annotations

import json
import signal
import subprocess
import textwrap

import pytest

from repository.app import Lontar
from repository.core import clock
from repository.core.content import pemda_of
from repository.core.db import reading, zeo_running, zeo_server_config
from repository.core.security import ADMIN
from repository.letters.model import registry_of
from repository.letters.signing.verify import validate
from tests.conftest import PROJECT, PYTHON, wait_until

SIGNERS = 20
PASSPHRASE = "serentak-ttd-2026"
PATTERN = "{kka}/{urut}/{unit}/{tahun}"
# On two cores twenty Pythons loading WeasyPrint and pyHanko take a while: these are limits
# on waiting for a hung process, not measurements.
START_WAIT, RUN_WAIT = 600, 900

DRIVER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from repository.app import Home, Lontar, LontarError

    home, letter_id, secret_file, barrier, ready = sys.argv[1:]
    with Lontar(Home.resolve(home)) as lontar:  # the ZEO server is running: a client
        caller = lontar.access.caller("kepala", "uji-serentak")
        version = lontar.letters.letter(caller, letter_id)["version"]
        secret = Path(secret_file).read_text().strip()
        Path(ready).touch()
        while not Path(barrier).exists():
            time.sleep(0.01)
        try:
            signed = lontar.letters.sign(caller, letter_id, secret, version)
        except LontarError as exc:
            print(json.dumps({"error": exc.key, "message": exc.message("en")}))
            sys.exit(1)
    print(json.dumps(signed, default=str))
    """
)


def _prepare(home) -> list[str]:
    """One unit, one signer, twenty letters of one type and scope, each ready to sign."""
    with Lontar(home) as lontar:
        lontar.init("ID-T", "Pemerintah Kota Uji")
        lontar.records.add_unit(ADMIN, "DINKES", "Dinas Kesehatan")
        for name, roles in (("kepala", {"Pejabat"}), ("staf", {"Staf"})):
            lontar.access.add_account(
                ADMIN, name, f"{name}-sandi-uji", roles, unit="DINKES", clearance="T"
            )
        lontar.letters.save_position(
            ADMIN, "DINKES.KADIS", unit="DINKES", name="Kepala Dinas Kesehatan",
            holder="kepala", abbreviation="KADIS", rank=1,
        )  # fmt: skip
        lontar.letters.save_type(
            ADMIN, "surat_dinas", {"pattern": PATTERN, "padding": 3, "scope": "unit_type"}
        )
        lontar.letters.signing_init(ADMIN)
        lontar.letters.enrol(ADMIN, "kepala", PASSPHRASE)
        staf = lontar.access.caller("staf", "uji")
        ids = []
        for n in range(SIGNERS):
            letter_id = lontar.letters.draft(staf, _fields(n))
            assert lontar.letters.submit(staf, letter_id) == "ready"
            ids.append(letter_id)
        return ids


def _fields(n: int) -> dict:
    return {
        "unit": "DINKES",
        "type": "surat_dinas",
        "sifat": "biasa",
        "urgency": "biasa",
        "classification": "000.1",
        "hal": f"Pemberitahuan serentak nomor {n}",
        "body": f"Surat uji ke-{n} yang ditandatangani bersamaan dengan sembilan belas lainnya.",
        "recipients": ["unit:DINKES"],
        "copies": [],
        "signer": "DINKES.KADIS",
        "verifiers": [],
    }


def _start_zeo(home) -> subprocess.Popen:
    config = home.path / "zeo.conf"
    config.write_text(zeo_server_config(home))
    zeo = subprocess.Popen(
        [PYTHON, "-m", "ZEO.runzeo", "-C", str(config)],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_until(lambda: zeo_running(home) or zeo.poll() is not None, 60, "the ZEO server")
    assert zeo.poll() is None, zeo.stderr.read()
    return zeo


def _sign_together(home, ids: list[str], folder) -> list[tuple[int, str, str]]:
    """Start one process per letter, wait until each is connected and ready, release them
    all at once, and collect (exit status, stdout, stderr) of each."""
    driver, secret = folder / "sign.py", folder / "secret"
    driver.write_text(DRIVER)
    secret.write_text(PASSPHRASE + "\n")
    commands = [[PYTHON, str(driver), str(home.path), i, str(secret)] for i in ids]
    return release_together(commands, folder, "twenty signers to connect")


def release_together(commands: list[list[str]], folder, what: str) -> list[tuple[int, str, str]]:
    """Starts one process per command (each given a barrier file and its own ready file),
    waits until every one has connected and says it is ready, then releases them all at
    once. Returns (exit status, stdout, stderr) of each."""
    barrier = folder / "go"
    running = []
    for n, command in enumerate(commands):
        ready = folder / f"ready-{n}"
        process = subprocess.Popen(
            [*command, str(barrier), str(ready)],
            cwd=PROJECT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        running.append((process, ready))

    def all_ready() -> bool:
        dead = [p for p, _ in running if p.poll() is not None]
        assert not dead, [p.communicate() for p in dead]
        return all(ready.exists() for _, ready in running)

    try:
        wait_until(all_ready, START_WAIT, what)
        barrier.touch()
        outputs = [p.communicate(timeout=RUN_WAIT) for p, _ in running]
        return [(p.returncode, *out) for (p, _), out in zip(running, outputs, strict=True)]
    finally:
        for process, _ in running:
            if process.poll() is None:
                process.kill()
                process.wait()


@pytest.mark.slow
def test_twenty_processes_signing_one_scope_get_unique_gapless_numbers(home, tmp_path):
    ids = _prepare(home)
    zeo = _start_zeo(home)
    try:
        results = _sign_together(home, ids, tmp_path)
    finally:
        zeo.send_signal(signal.SIGTERM)
        zeo.wait(60)
    failures = [f"exit {code}: {out}\n{err[-4000:]}" for code, out, err in results if code]
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)
    numbers = [json.loads(out.strip().splitlines()[-1])["number"] for _, out, _ in results]
    year = clock.today().year
    expected = {f"000.1/{n:03d}/DINKES/{year}" for n in range(1, SIGNERS + 1)}
    assert len(set(numbers)) == SIGNERS and set(numbers) == expected

    with Lontar(home) as lontar:
        with reading(lontar.db) as root:
            registry = registry_of(pemda_of(root))
            letters = [registry.letters[letter_id] for letter_id in ids]
            assert {letter.state for letter in letters} == {"signed"}
            assert [letter.number for letter in letters] == numbers  # what each was told
            scopes = {letter.number_scope for letter in letters}
            assert len(scopes) == 1  # one scope, so one counter for all twenty
            scope = scopes.pop()
            assert registry.counters[scope].value == SIGNERS
            given = {k: v for k, v in registry.numbers.items() if k.startswith(f"{scope}|")}
            assert sorted(given.values()) == sorted(ids)  # each number owned by one letter
        for letter_id in ids:
            checked = validate(lontar.letters.signed_pdf(ADMIN, letter_id), lontar.home)
            assert checked.signed and checked.intact and checked.valid, (letter_id, checked)
