"""Fixtures on real parts: FileStorage in a temp dir, a Whoosh index on disk, real PDFs."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from repository.app import Lontar
from repository.core.config import SEARCH_DSN_ENV, SEARCH_ENV, SEARCH_SCHEMA_ENV, Home
from repository.core.security import ADMIN
from repository.demo.builder import render_pdf, render_scan
from repository.demo.corpus import Document
from repository.ingest.pipeline import ImportOptions, Incoming
from tests.pg_server import pg_server
from ui.frame import close_services

SEARCH_ENVS = (SEARCH_ENV, SEARCH_DSN_ENV, SEARCH_SCHEMA_ENV)
AUDIT_ENVS = ("LONTAR_AUDIT", "LONTAR_AUDIT_DSN", "LONTAR_AUDIT_SCHEMA")

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT.parent / "shared" / "corpus"
PYTHON = sys.executable


def pytest_addoption(parser) -> None:
    parser.addoption(
        "--search-backend",
        choices=("whoosh", "postgresql"),
        default="whoosh",
        help="the search index every Lontar in the tests opens (postgresql: a server the run "
        "starts itself, tests/pg_server.py; Makefile PG_TESTS names the files run so)",
    )


def pytest_collection_modifyitems(config, items) -> None:
    """A `--search-backend postgresql` run leaves out what reads Whoosh's files (said in -ra)."""
    if config.getoption("--search-backend") != "postgresql":
        return
    skip = pytest.mark.skip(reason="Whoosh's own files; tests/test_pg_index.py has the same case")
    for item in items:
        if item.get_closest_marker("whoosh"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def _search_server(request):
    """The PostgreSQL server of a `--search-backend postgresql` run, else None."""
    if request.config.getoption("--search-backend") != "postgresql":
        yield None
        return
    with pg_server() as server:
        yield server.dsn(server.create_database("lontar_search"))


@pytest.fixture(autouse=True)
def _english_free_environment(monkeypatch, _search_server):
    """Tests see the defaults a user sees, whatever the developer's shell sets. In a
    `--search-backend postgresql` run every test gets its own schema on the run's server."""
    for name in ("LONTAR_HOME", "LONTAR_STORAGE", "LONTAR_LANG", *SEARCH_ENVS, *AUDIT_ENVS):
        monkeypatch.delenv(name, raising=False)
    if _search_server is not None:
        monkeypatch.setenv(SEARCH_ENV, "postgresql")
        monkeypatch.setenv(SEARCH_DSN_ENV, _search_server)
        monkeypatch.setenv(SEARCH_SCHEMA_ENV, f"t_{uuid.uuid4().hex[:8]}_{{home}}")


@pytest.fixture
def home(tmp_path) -> Home:
    home = Home.resolve(tmp_path / "home")
    home.ensure()
    return home


@pytest.fixture
def service(home):
    lontar = Lontar(home)
    lontar.init("ID-T", "Pemerintah Kota Uji")
    lontar.records.add_unit(ADMIN, "DINKES", "Dinas Kesehatan")
    lontar.records.add_unit(ADMIN, "DINKES.P2P", "Bidang P2P", "DINKES")
    lontar.records.add_unit(ADMIN, "DPK", "Dinas Perpustakaan dan Kearsipan")
    yield lontar
    lontar.close()


def make_pdf(title: str, *paragraphs: str, date: str = "2024-05-02") -> bytes:
    import datetime as dt

    doc = Document(
        "Surat", title, "000.1/1/T/V/2024", dt.date.fromisoformat(date), "000.1", list(paragraphs)
    )
    return render_pdf(doc, "Pemerintah Kota Uji", "Unit Uji")


def make_scan(*lines: str, fmt: str = "PNG") -> bytes:
    return render_scan(list(lines), fmt)


def add(service: Lontar, filename: str, data: bytes, **options) -> str:
    """Import one file as the administrator and return its id (it must be accepted)."""
    options.setdefault("unit", "DINKES")
    report = service.ingest.import_files(
        ADMIN, [Incoming(filename, data)], ImportOptions(**options)
    )
    assert report.accepted, report.as_dict()
    return report.accepted[0].id


# -- the archivist's workbench: a scheme, a JRA and classified records ---------------------------
SCHEME_V1 = """code,name,parent
000,Umum,
000.5,Kearsipan,000
000.5.6,Penyusutan,000.5
100,Pemerintahan,
100.3,Hukum,100
700,Pengawasan,
700.1,Pengawasan Internal,700
900,Keuangan,
900.1,Keuangan Daerah,900
"""
JRA = """code,active_years,inactive_years,trigger,disposition,note,security
000.5,2,3,date,Musnah,,
000.5.6,1,1,date,Dinilai Kembali,dinilai panitia,
100.3,2,5,dicabut,Permanen,2 tahun setelah dicabut,
700.1,1,2,audit selesai,Musnah,,T
900.1,2,8,date,Musnah,,
"""


@pytest.fixture
def archive(service):
    service.workbench.load_scheme(ADMIN, SCHEME_V1, "78/2012")
    service.workbench.load_jra(ADMIN, JRA)
    return service


def item(service, title: str, code: str, start: str, end: str | None = None, **fields) -> str:
    record = service.ingest.create_container(
        ADMIN, fields.pop("unit", "DINKES"), "item", title, date_start=start, date_end=end, **fields
    )
    service.workbench.classify(ADMIN, record, code)
    return record


def lontar_cli(*args: str, home: Home, check: bool = True, env: dict | None = None):
    import subprocess

    completed = subprocess.run(
        [PYTHON, "-m", "repository.cli", "--home", str(home.path), *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=600,
        env={**os.environ, **(env or {})},
    )
    if check and completed.returncode != 0:
        raise AssertionError(f"lontar {args} failed: {completed.stderr}")
    return completed


# -- `lontar serve` as a real process ------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, timeout: float = 60.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


SERVE_ON = ("--address", "127.0.0.1", "--port")


def start_serve(home: Home, port: int, **popen) -> subprocess.Popen:
    """`lontar serve` on 127.0.0.1:port; `popen` chooses what happens to its output."""
    return subprocess.Popen(
        [
            PYTHON,
            "-m",
            "repository.cli",
            "--home",
            str(home.path),
            "serve",
            *SERVE_ON,
            str(port),
        ],
        cwd=PROJECT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        **popen,
    )


PASSWORDS = {
    "pencatat": "pencatat-uji",
    "staf.dpk": "staf-dpk-uji",
    "arsiparis": "arsiparis-uji",
    "kepala": "kepala-uji",
    "auditor": "auditor-uji",
}


@pytest.fixture
def site(service, monkeypatch):
    """Public, restricted (T) and confidential (R) records, a berkas with 55 items, accounts."""
    ids = {
        "public": add(
            service,
            "pedoman.pdf",
            make_pdf("Pedoman pengarsipan", "Pedoman pengarsipan surat dinas elektronik."),
            unit="DPK",
            title="Pedoman pengarsipan",
        ),
        "restricted": add(
            service, "t.txt", b"Rapat terbatas pengarsipan vaksin", security="T", title="Rapat T"
        ),
        "secret": add(
            service, "r.txt", b"Audit rahasia pengarsipan", security="R", title="Audit R"
        ),
        "locked": add(
            service,
            "terkunci.pdf",
            (
                CORPUS / "pdf" / "005-libreoffice-writer-password_libreoffice-writer-password.pdf"
            ).read_bytes(),
            unit="DPK",
        ),
    }
    berkas = service.ingest.create_container(ADMIN, "DPK", "file", "Berkas surat masuk 2024")
    letters = [
        add(
            service,
            f"s{n}.txt",
            f"Surat masuk nomor {n} perihal kearsipan".encode(),
            unit="DPK",
            into=berkas,
            title=f"Surat masuk {n:02d}",
        )
        for n in range(55)
    ]
    ids["letter"] = letters[0]
    ids["berkas"] = berkas
    service.access.add_account(
        ADMIN, "pencatat", PASSWORDS["pencatat"], {"Pencatat"}, unit="DINKES", clearance="T"
    )
    service.access.add_account(ADMIN, "staf.dpk", PASSWORDS["staf.dpk"], {"Staf"}, unit="DPK")
    service.access.add_account(
        ADMIN, "arsiparis", PASSWORDS["arsiparis"], {"Arsiparis"}, unit="DPK", clearance="R"
    )
    service.access.add_account(
        ADMIN, "kepala", PASSWORDS["kepala"], {"Administrator"}, clearance="SR"
    )
    service.access.add_account(ADMIN, "auditor", PASSWORDS["auditor"], {"Auditor"}, clearance="R")
    service.close()
    monkeypatch.setenv("LONTAR_HOME", str(service.home.path))
    close_services()
    yield ids
    close_services()


def import_killed_after(home: Home, folder: Path, accepted: int) -> list[str]:
    """Runs `lontar import FOLDER --unit DPK` and SIGKILLs it once `accepted` files were
    accepted (the crash mid-batch); returns the ids it had reported."""
    command = [PYTHON, "-m", "repository.cli", "--home", str(home.path), "import", str(folder)]
    process = subprocess.Popen(
        [*command, "--unit", "DPK"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=PROJECT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    found = []
    for line in process.stdout:
        if "accepted" in line:
            found.append(line.split()[2])
        if len(found) == accepted:
            process.send_signal(signal.SIGKILL)
            break
    process.wait(30)
    assert process.returncode == -signal.SIGKILL
    return found


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium under Playwright, one per test module (the browser journeys)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs it (apt package chromium)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield chromium
        chromium.close()
