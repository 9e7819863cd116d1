"""No command prints a traceback for bad input: missing files and arguments, sizes and pages out
of range, dates that do not exist (year 0, month 13) or lie past year 2999, unknown units,
records, codes and accounts, output into a folder that is not there.

Each refused command line exits 1 (a domain error, one translated line) or 2 (a usage error,
click's few lines), and leaves the repository as it was. The command lines run as real
processes of `python -m repository.cli`: forked, one per command line, from a process that
imported the CLI once (`DRIVER`), so some two hundred of them take seconds, not minutes; a few
run through `lontar_cli` as well, to show the two agree.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess

import click
import pytest

from repository.cli import main
from repository.cli.common import DateType
from repository.core.config import Home
from tests.conftest import PROJECT, PYTHON, lontar_cli

# Reads a JSON list of argument lists on stdin; runs each as `lontar ARGS...` in a forked child
# (stdin /dev/null, stdout and stderr to files), exactly as `python -m repository.cli` would run
# it, uncaught exceptions included; prints [{args, code, stdout, stderr}, ...] as JSON.
DRIVER = r"""
import json, os, runpy, signal, sys, tempfile, time, traceback
import repository.cli  # the slow part, once

runs = json.load(sys.stdin)
scratch = tempfile.mkdtemp()
out_path, err_path = os.path.join(scratch, "out"), os.path.join(scratch, "err")
results = []
for args in runs:
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        for fd, path in ((1, out_path), (2, err_path)):
            os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
        sys.argv = ["lontar", *args]
        try:
            runpy.run_module("repository.cli", run_name="__main__", alter_sys=True)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
            if not isinstance(exc.code, int | None):
                print(exc.code, file=sys.stderr)
        except BaseException:
            traceback.print_exc()  # what the interpreter prints for an uncaught exception
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)  # skips the interpreter's teardown of every module, a tenth of a second
    deadline = time.monotonic() + 60
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:  # a command line that hangs fails its case (-9)
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            break
        time.sleep(0.01)
    with open(out_path, errors="replace") as out, open(err_path, errors="replace") as err:
        results.append(
            {"args": args, "code": os.waitstatus_to_exitcode(status),
             "stdout": out.read(), "stderr": err.read()}
        )
json.dump(results, sys.stdout)
"""

CLEAN_ENV = {
    k: v for k, v in os.environ.items() if k not in ("LONTAR_HOME", "LONTAR_STORAGE", "LONTAR_LANG")
}


def run_many(home: Home, runs: list[list[str]]) -> list[dict]:
    done = subprocess.run(
        [PYTHON, "-c", DRIVER],
        input=json.dumps([["--home", str(home.path), *args] for args in runs]),
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=CLEAN_ENV,
        timeout=600,
        check=True,
    )
    return json.loads(done.stdout)


def assert_refused(result: dict, code: int | tuple[int, ...]) -> None:
    """Exit 1 or 2 as expected, no traceback, a short message (on stderr; an import's
    rejections are its report on stdout)."""
    args = " ".join(result["args"][2:])
    everything = result["stdout"] + result["stderr"]
    assert "Traceback" not in everything, f"lontar {args}:\n{result['stderr']}"
    assert result["code"] in ((code,) if isinstance(code, int) else code), (
        f"lontar {args} exited {result['code']}:\n{everything}"
    )
    message = result["stderr"].strip() or result["stdout"].strip()
    assert message, f"lontar {args} said nothing"
    assert len(message.splitlines()) <= 8, f"lontar {args}:\n{message}"


def data_fs_digest(home: Home) -> str:
    return hashlib.sha256(home.data_fs.read_bytes()).hexdigest()


# -- the repository the bad command lines run against --------------------------------------------
@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """An initialised home with two units, one record, one account; `tmp` holds the files."""
    tmp = tmp_path_factory.mktemp("bad-input")
    home = Home.resolve(tmp / "home")
    (tmp / "surat.txt").write_text("Surat edaran tentang penataan arsip")
    (tmp / "password.txt").write_text("kata-sandi-uji\n")
    setup = run_many(
        home,
        [
            ["init", "--code", "ID-T", "--name", "Kota Uji"],
            ["unit", "add", "DINKES", "--name", "Dinas Kesehatan"],
            ["unit", "add", "DPK", "--name", "Dinas Kearsipan"],
            ["import", str(tmp / "surat.txt"), "--unit", "DINKES", "--json"],
            [
                "user",
                "add",
                "siti",
                "--role",
                "Staf",
                "--unit",
                "DINKES",
                "--password-file",
                str(tmp / "password.txt"),
            ],
        ],
    )
    assert all(r["code"] == 0 for r in setup), setup
    record = json.loads(setup[3]["stdout"])["accepted"][0]["id"]
    return home, tmp, record


def leaf_commands(group: click.Group = main, path: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from leaf_commands(command, (*path, name))
        else:
            yield (*path, name), command


ACTING = ["KADIS", "--kind", "Plt", "--user", "x"]  # lontar position acting, but its dates
INCOMING = [  # lontar incoming register, but its dates
    "{tmp}/surat.txt", "--unit", "DINKES", "--sender", "RSUD", "--their-number", "1", "--hal", "H",
]  # fmt: skip
# Every date option and argument, with what makes the rest of its command line valid.
DATED = {
    ("import",): ["{tmp}/surat.txt", "--unit", "DINKES", "--date", "{day}"],
    ("search",): ["--from", "{day}"],
    ("search", "to"): ["--to", "{day}"],
    ("export",): ["--from", "{day}"],
    ("export", "to"): ["--to", "{day}"],
    ("share",): ["{record}", "--with", "DPK", "--until", "{day}"],
    ("audit", "list"): ["--since", "{day}"],
    ("audit", "list", "until"): ["--until", "{day}"],
    ("event",): ["{record}", "dicabut", "--date", "{day}"],
    ("retention", "due"): ["--on", "{day}"],
    ("vital", "mark"): ["{record}", "--verified", "{day}"],
    ("transfer", "propose"): ["--from", "DINKES", "--to", "DPK", "--on", "{day}"],
    ("destroy", "propose"): ["--unit", "DINKES", "--on", "{day}"],
    ("destroy", "approve"): [
        "MUSNAH-X",
        "--authority",
        "kepala_daerah",
        "--decree",
        "1",
        "--approver",
        "Wali Kota",
        "--date",
        "{day}",
    ],
    ("handover", "propose"): ["--from", "DINKES", "--to", "DPK", "--on", "{day}"],
    ("ppid", "deadline"): ["--received", "{day}"],
    ("ppid", "deadline", "objection"): ["--received", "2024-01-02", "--objection-filed", "{day}"],
    ("ppid", "dayoff"): ["{day}"],
    ("ppid", "dispute"): ["KEB-X", "--filed", "{day}"],
    ("position", "acting"): [*ACTING, "--from", "{day}", "--to", "2026-12-31"],
    ("position", "acting", "to"): [*ACTING, "--from", "2026-12-01", "--to", "{day}"],
    ("incoming", "register"): [*INCOMING, "--their-date", "{day}"],
    ("incoming", "register", "received"): [*INCOMING, "--received", "{day}"],
    ("dispose",): ["X-ID", "--to", "KADIS", "--instruction", "untuk_diketahui", "--due", "{day}"],
}
BAD_DAYS = ("0000-01-01", "2024-13-40", "2023-02-29", "abc", "", "9999-12-31", "3000-01-01")


def _command(key: tuple[str, ...]) -> list[str]:
    known = {path for path, _ in leaf_commands()}
    for size in range(len(key), 0, -1):
        if key[:size] in known:
            return list(key[:size])
    raise AssertionError(key)


DATE_CASES = [
    pytest.param([*_command(key), *args], 2, day, id=f"{'-'.join(key)}={day or 'empty'}")
    for key, args in DATED.items()
    for day in BAD_DAYS
]

MISSING = "{tmp}/nowhere"  # a folder that does not exist
# (command line, exit status): 1 a domain error, 2 a usage error.
CASES = [
    # units
    (["unit", "add", "X", "--name", "Y", "--parent", "NOPE"], 1),
    (["unit", "add", "DINKES", "--name", "Again"], 1),
    (["unit", "add", "", "--name", "Empty"], 1),
    (["unit", "add", "A/B", "--name", "Slash"], 1),
    (["unit", "block", "NOPE"], 1),
    (["units", "--as", "nobody"], 1),
    # import
    (["import", f"{MISSING}/surat.pdf", "--unit", "DINKES"], 1),
    (["import", "", "--unit", "DINKES"], 2),  # '' is not the current folder
    (["import", "{tmp}/surat.txt", "--unit", "NOPE"], 1),
    (["import", "{tmp}/surat.txt", "--unit", "DINKES", "--into", "zzzzzzzz"], 1),
    (["import", "{tmp}/surat.txt", "--unit", "DINKES", "--security", "X"], 2),
    (["import", "{tmp}/surat.txt", "--unit", "DINKES", "--timeout", "-5"], 2),
    (["import", "{tmp}/surat.txt", "--unit", "DINKES", "--timeout", "0"], 2),
    (["import", "{tmp}/surat.txt", "--unit", "DINKES", "--timeout", "nan"], 2),
    (["import", "{tmp}/surat.txt", "--unit", "DINKES", "--timeout", "abc"], 2),
    (["import", "/dev/null", "--unit", "DINKES"], 1),  # empty: rejected
    # search and export
    (["search", "--size", "0"], 2),
    (["search", "--size", "-5"], 2),
    (["search", "--size", "100000"], 2),
    (["search", "--size", "abc"], 2),
    (["search", "--page", "0"], 2),
    (["search", "--page", "-1"], 2),
    (["search", "--unit", "NOPE"], 1),
    (["search", "--level", "nope"], 2),
    (["search", "--sort", "nope"], 2),
    (["search", "--security", "X"], 2),
    (["search", "tanggal:[0000 to 0001]"], 1),
    (["search", "tanggal:[x to y]"], 1),
    (["search", "arsip", "--as", "nobody"], 1),
    (["export", "--out", f"{MISSING}/hasil.csv"], 1),
    (["export", "--format", "xlsx", "--out", f"{MISSING}/hasil.xlsx"], 1),
    (["export", "--out", "{tmp}"], 1),  # a folder
    (["export", "--format", "nope"], 2),
    (["export", "--unit", "NOPE"], 1),
    (["show", "zzzzzzzz"], 1),
    (["show", ""], 1),
    # accounts, shares, audit
    (["user", "add", "bob", "--role", "Staf", "--password-file", f"{MISSING}/pw"], 1),
    (["user", "add", "bob", "--role", "Staf", "--password-file", "{tmp}"], 1),
    (["user", "add", "bob", "--role", "Staf", "--password-file", "/dev/null"], 1),  # too short
    (["user", "add", "bob", "--role", "Nope", "--password-file", "{tmp}/password.txt"], 2),
    (
        [
            "user",
            "add",
            "bob",
            "--role",
            "Staf",
            "--unit",
            "NOPE",
            "--password-file",
            "{tmp}/password.txt",
        ],
        1,
    ),
    (["user", "add", "siti", "--role", "Staf", "--password-file", "{tmp}/password.txt"], 1),
    (["user", "add", "a b", "--role", "Staf", "--password-file", "{tmp}/password.txt"], 1),
    (
        [
            "user",
            "add",
            "bob",
            "--role",
            "Staf",
            "--clearance",
            "X",
            "--password-file",
            "{tmp}/password.txt",
        ],
        2,
    ),
    (["user", "grant", "nobody", "--role", "Staf"], 1),
    (["user", "grant", "siti", "--role", "Staf", "--unit", "NOPE"], 1),
    (["users", "--as", "siti"], 1),
    (["share", "zzzzzzzz", "--with", "DPK"], 1),
    (["share", "{record}", "--with", "NOPE"], 1),
    (["share", "{record}", "--with", "nobody", "--remove"], 1),
    (["share", "{record}", "--with", "DPK", "--until", "2001-01-01"], 1),  # already past
    (["audit", "list", "--as", "siti"], 1),
    # the workbench
    (["scheme", "import", f"{MISSING}/skema.csv"], 1),
    (["scheme", "import", "{tmp}"], 1),
    (["scheme", "import", "/dev/null"], 1),
    (["scheme", "import", PYTHON], 1),  # not text
    (["jra", "import", f"{MISSING}/jra.csv"], 1),
    (["jra", "import", "{tmp}/surat.txt"], 1),
    (["jra", "import", PYTHON], 1),
    (["classify", "zzzzzzzz", "900.1"], 1),
    (["classify", "{record}", "999.9"], 1),
    (["classify", "{record}", ""], 1),
    (["event", "zzzzzzzz", "dicabut"], 1),
    (["event", "{record}", ""], 1),
    (["hold", "zzzzzzzz", "--reason", "sengketa"], 1),
    (["hold", "{record}"], 1),  # no reason
    (["retention", "due", "--unit", "NOPE"], 1),
    (["vital", "mark", "zzzzzzzz"], 1),
    (["vital", "mark", "{record}", "--method", "nope"], 1),
    (["vital", "unmark", "zzzzzzzz"], 1),
    # disposal
    (["transfer", "propose", "--from", "NOPE", "--to", "DPK"], 1),
    (["transfer", "propose", "--from", "DINKES", "--to", "NOPE"], 1),
    (["transfer", "propose", "--from", "DINKES", "--to", "DPK", "zzzzzzzz"], 1),
    (["transfer", "sign", "PINDAH-X", "--side", "sender"], 1),
    (["transfer", "sign", "PINDAH-X", "--side", "nope"], 2),
    (["transfer", "show", "PINDAH-X"], 1),
    (["transfer", "report", "PINDAH-X", "--out", f"{MISSING}/ba.pdf"], 1),
    (["destroy", "propose", "--unit", "NOPE"], 1),
    (["destroy", "propose", "--unit", "DINKES", "zzzzzzzz"], 1),
    (["destroy", "object", "MUSNAH-X", "{record}", "--reason", "x"], 1),
    (["destroy", "dismiss", "MUSNAH-X", "{record}"], 1),
    (["destroy", "appraise", "MUSNAH-X", "--panel", "Rina; Ketua"], 1),
    (["destroy", "appraise", "MUSNAH-X", "--panel", "Rina; Ketua", "--keep", "x; y; z"], 1),
    (
        [
            "destroy",
            "approve",
            "MUSNAH-X",
            "--authority",
            "nope",
            "--decree",
            "1",
            "--approver",
            "X",
        ],
        2,
    ),
    (["destroy", "execute", "MUSNAH-X"], 1),
    (["destroy", "report", "MUSNAH-X", "--out", f"{MISSING}/ba.pdf"], 1),
    (["destroy", "show", "MUSNAH-X"], 1),
    (["handover", "propose", "--from", "NOPE", "--to", "DPK"], 1),
    (["handover", "propose", "--from", "DINKES", "--to", "DPK", "zzzzzzzz"], 1),
    (["handover", "sign", "SERAH-X", "--side", "receiver"], 1),
    (["handover", "show", "SERAH-X"], 1),
    (["handover", "bag", "SERAH-X", "--out", f"{MISSING}/bag"], 1),
    (["handover", "report", "SERAH-X", "--statement", "--out", f"{MISSING}/p.pdf"], 1),
    # PPID
    (["ppid", "show", "PPID-X"], 1),
    (["ppid", "assign", "PPID-X", "--unit", "DINKES", "--to", "siti"], 1),
    (["ppid", "extend", "PPID-X", "--reason", "x"], 1),
    (["ppid", "concern", "PPID-X", "{record}"], 1),
    (["ppid", "decide", "PPID-X", "--decision", "granted"], 1),
    (["ppid", "decide", "PPID-X", "--decision", "nope"], 2),
    (["ppid", "decide", "PPID-X", "--decision", "granted", "--cost", "-5"], 2),
    (["ppid", "decide", "PPID-X", "--decision", "refused", "--ground", "zz"], 2),
    (["ppid", "notice", "PPID-X", "--out", f"{MISSING}/n.pdf"], 1),
    (
        [
            "ppid",
            "objection",
            "KEB-X",
            "--outcome",
            "accepted",
            "--reasons",
            "x",
            "--official",
            "y",
        ],
        1,
    ),
    (["ppid", "dispute", "KEB-X"], 1),
    (["ppid", "dip", "add"], 1),
    (["ppid", "dip", "add", "--summary", "x", "--category", "berkala", "--unit", "NOPE"], 1),
    (["ppid", "dip", "nope"], 2),
    (["ppid", "dik", "add"], 1),
    (
        [
            "ppid",
            "dik",
            "add",
            "--information",
            "x",
            "--ground",
            "h",
            "--legal-basis",
            "y",
            "--harm",
            "z",
            "--public-interest",
            "p",
            "--years",
            "-5",
        ],
        1,
    ),
    (["ppid", "registers", "--out", f"{MISSING}/r.json"], 1),
    (["ppid", "registers", "--format", "xlsx", "--out", f"{MISSING}/r.xlsx"], 1),
    (["ppid", "report", "--year", "0"], 2),
    (["ppid", "report", "--year", "-5"], 2),
    (["ppid", "report", "--year", "99999"], 2),
    (["ppid", "report", "--year", "2024", "--out", f"{MISSING}/laporan.pdf"], 1),
    # running
    (["init", "--code", "ID-T", "--name", "Lagi"], 1),  # there is one already
    (["serve", "--port", "0"], 2),
    (["serve", "--port", "99999"], 2),
    (["serve", "--port", "-5"], 2),
    (["nope"], 2),
    (["--lang", "xx", "units"], 2),
]
# Each command with a required argument or option, run without any.
BARE_CASES = [
    pytest.param(list(path), 2, id=" ".join(path))
    for path, command in leaf_commands()
    if any(param.required for param in command.params)
]


def _fill(args: list[str], tmp, record: str, day: str = "") -> list[str]:
    return [a.format(tmp=tmp, record=record, day=day) for a in args]


@pytest.fixture(scope="module")
def outcomes(repo):
    """Every bad command line of this module, run once; the database before and after."""
    home, tmp, record = repo
    run_many(home, [["units"]])  # whatever a first open settles is not a refused command's doing
    before = data_fs_digest(home)
    runs = [_fill(args, tmp, record) for args, _ in CASES]
    runs += [list(p.values[0]) for p in BARE_CASES]
    runs += [_fill(p.values[0], tmp, record, p.values[2]) for p in DATE_CASES]
    results = {tuple(r["args"][2:]): r for r in run_many(home, runs)}
    return results, before, data_fs_digest(home)


@pytest.mark.parametrize(("args", "code"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_bad_input_is_refused_without_a_traceback(outcomes, repo, args, code):
    _home, tmp, record = repo
    assert_refused(outcomes[0][tuple(_fill(args, tmp, record))], code)


@pytest.mark.parametrize(("args", "code"), BARE_CASES)
def test_missing_arguments_are_usage_errors(outcomes, args, code):
    result = outcomes[0][tuple(args)]
    assert_refused(result, code)
    assert "Missing" in result["stderr"]


@pytest.mark.parametrize(("args", "code", "day"), DATE_CASES)
def test_dates_that_do_not_exist_are_usage_errors(outcomes, repo, args, code, day):
    _home, tmp, record = repo
    result = outcomes[0][tuple(_fill(args, tmp, record, day))]
    assert_refused(result, code)
    assert f"'{day}'" in result["stderr"]  # the message names the value


def test_every_date_parameter_is_tried():
    dated = {
        (path, param.name)
        for path, command in leaf_commands()
        for param in command.params
        if isinstance(param.type, DateType)
    }
    tried = set()
    for key, args in DATED.items():
        path = tuple(_command(key))
        command = dict(leaf_commands())[path]
        for param in command.params:
            given = isinstance(param, click.Argument) or any(o in args for o in param.opts)
            if isinstance(param.type, DateType) and given:
                tried.add((path, param.name))
    assert dated == tried


def test_refused_commands_write_nothing(outcomes, repo):
    _results, before, after = outcomes
    _home, tmp, _record = repo
    assert after == before  # no record, unit, account, share, hold, list or request
    assert not (tmp / "nowhere").exists()  # no --out, no bag


def test_the_driver_runs_the_cli_as_a_process_does(outcomes, repo):
    """The same command lines through `lontar_cli` (a fresh interpreter each) end alike."""
    home = repo[0]
    for args in (["search", "--size", "0"], ["show", "zzzzzzzz"], ["ppid", "report"]):
        direct = lontar_cli(*args, home=home, check=False, env={"LONTAR_LANG": "id"})
        forked = outcomes[0][tuple(args)]
        assert (direct.returncode, direct.stderr) == (forked["code"], forked["stderr"])


# -- homes that are not there, or not usable -----------------------------------------------------
def test_a_missing_or_unusable_home_is_a_message_and_is_not_created(repo, tmp_path):
    home, _tmp, _record = repo
    missing = tmp_path / "nohome"
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    misconfigured = tmp_path / "misconfigured"
    misconfigured.mkdir()
    (misconfigured / "storage.conf").write_text("<zodb>\n  nonsense here\n</zodb>\n")
    cases = [
        (["--home", str(missing), "units"], 1),
        (["--home", str(missing), "search", "arsip"], 1),
        (["--home", str(missing), "audit", "verify"], 1),
        (["--home", str(missing), "check"], 1),
        (["--home", str(missing), "reindex"], 1),
        (["--home", str(a_file), "units"], 1),
        (["--home", str(misconfigured), "units"], 1),
        (["--home", str(a_file), "init"], 1),
        (["--home", str(a_file / "below"), "init"], 1),
        (["--home", str(missing), "init", "--code", "A/B", "--name", "Kota"], 2),
        (["--home", str(missing), "init", "--code", "", "--name", "Kota"], 2),
        (["--home", str(missing), "init", "--code", "ID-T", "--name", "  "], 2),
    ]
    results = run_many(home, [args for args, _ in cases])
    for result, (_args, code) in zip(results, cases, strict=True):
        assert_refused(result, code)
    assert str(missing) in results[0]["stderr"] and "lontar init" in results[0]["stderr"]
    assert not missing.exists() and not (tmp_path / "nohome-master.key").exists()


# -- what services refuse --------------------------------------------
# `lontar ppid dik add` with every required option, for the cases that add one bad one.
DIK_ADD = [
    "ppid", "dik", "add", "--information", "x", "--ground", "h", "--legal-basis", "y",
    "--harm", "z", "--public-interest", "p", "--years", "5",
]  # fmt: skip

SERVICE_GAPS = [
    pytest.param(
        ["hold", "{record}", "--release", "nope"],
        id="hold-release-unknown",
    ),
    pytest.param(
        [*DIK_ADD, "--unit", "NOPE"],
        id="dik-unknown-unit",
    ),
    pytest.param(
        [*DIK_ADD, "--records", "zzzzzzzz"],
        id="dik-unknown-record",
    ),
    pytest.param(
        [
            "ppid",
            "dip",
            "add",
            "--summary",
            "x",
            "--category",
            "berkala",
            "--unit",
            "DINKES",
            "--records",
            "zzzzzzzz",
        ],
        id="dip-unknown-record",
    ),
]


@pytest.mark.parametrize("args", SERVICE_GAPS)
def test_what_services_should_refuse(repo, tmp_path, args):
    home, tmp, record = repo
    args = _fill(args, tmp, record)
    done = lontar_cli(*args, home=home, check=False)
    result = {"args": ["--home", str(home.path), *args], "code": done.returncode}
    assert_refused({**result, "stdout": done.stdout, "stderr": done.stderr}, 1)
