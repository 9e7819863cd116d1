"""Click-to-content in a real browser: Playwright driving Debian's Chromium against `lontar
serve` (ZEO, worker, Streamlit) on a large repository, against an empty Streamlit app served
the same way in the same run (the floor: what Streamlit itself costs for the same gesture).

A sample runs from the click (or the navigation) until the page's own content is visible and
Streamlit has finished: the app reports its script as not running and no element of the
previous run is left stale. Each page is compared with the floor of its gesture:

    home    a fresh load of /                      floor: a fresh load of the empty app
    search  Cari: words typed, the button clicked   floor: a form submitted on the empty app
    browse  Jelajah: a unit opened from the tree    floor: a page link on the empty app
    record  Arsip: a record opened from the unit    floor: a page link
    ppid    Layanan PPID from the sidebar (officer) floor: a page link
    ppid_request  one request opened from its queue  floor: a page link

Every round measures the floor's three gestures and then the pages, so a busy machine slows
both alike; the ratio p95 / floor p95 is what compares runs (target: within 1.5x).

    python -m bench.browser --records 10000,100000 --rounds 30
    python -m bench.browser --records 2000 --rounds 5          (a smoke run, a few minutes)

The repositories are built in `--workdir` (default bench/out/browser) with bench.common's
synthetic records, indexed, and given a PPID officer and open requests; a later run reuses them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote_plus

from bench.common import OUT, build_repository, percentiles, report
from bench.search import queries
from repository.app import Lontar, translate
from repository.core.config import Home
from repository.core.keys import key_path
from repository.core.security import ADMIN
from repository.demo.builder import render_scan

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
TIMEOUT = 300_000  # a first load after a start on a busy machine took minutes
PAGES = ("home", "search", "browse", "record", "ppid", "ppid_request")
FLOOR_OF = {
    "home": "load",
    "search": "submit",
    "browse": "link",
    "record": "link",
    "ppid": "link",
    "ppid_request": "link",
}
OFFICER = ("ppid", "ppid-bench")
PELAKSANA = ("ppid.dinkes", "ppid-dinkes-bench")
REQUESTS = 12
PREPARED = "bench-browser"
# Both servers alike: no file watcher (a deployment edits no source files; here other work
# in the same tree would make Streamlit reload modules in the middle of a measurement).
SERVER_ENV = {"PYTHONUNBUFFERED": "1", "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}

# Streamlit marks its app root with the script's state and every element left from the
# previous run with data-stale="true" until the run that replaces it ends.
IDLE = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  return app !== null && app.dataset.testScriptState === "notRunning"
    && document.querySelector("[data-stale='true']") === null;
}"""

EMPTY_PAGE = """import streamlit as st

st.sidebar.page_link("app.py", label="Satu")
st.sidebar.page_link("pages/dua.py", label="Dua")
st.title({title!r})
"""
EMPTY_FORM = """
with st.form("kirim", enter_to_submit=False):
    words = st.text_input("Kata")
    if st.form_submit_button("Kirim"):
        st.subheader("Hasil " + words)
"""
EMPTY_SERVER = """import sys
from pathlib import Path

import streamlit as st

port, entry = int(sys.argv[-1]), Path(__file__).with_name("app.py")
sys.argv = [str(entry)]
st.App(str(entry)).run(
    config={
        "server.port": port,
        "server.address": "127.0.0.1",
        "server.headless": True,
        "browser.gatherUsageStats": False,
    }
)
"""


# -- repositories ---------------------------------------------------------------------------
def fill(home: Home, n: int) -> None:
    """n synthetic text records at `home` (bench.common's repository, at a path of our
    choosing: the smoke test builds in a tmp dir), indexed."""
    home.ensure()
    build_repository(n, home=home)
    with Lontar(home) as service:
        service.index.reindex()


def staff(home: Home) -> None:
    """The people the pages need: a PPID officer and a Pelaksana, and open requests, some
    assigned (without an account the app would show its first-start form instead)."""
    with Lontar(home) as service:
        for (name, password), unit in ((OFFICER, ""), (PELAKSANA, "DINKES")):
            service.access.add_account(ADMIN, name, password, {"PPID"}, unit=unit, clearance="T")
        card = ("ktp.png", render_scan(["KARTU TANDA PENDUDUK", "PEMOHON"], "PNG"))
        for seq in range(REQUESTS):
            question, token = service.ppid.ppid_challenge()
            answer = str(sum(int(x) for x in question.split("+")))
            form = {
                "name": f"Pemohon {seq}",
                "address": "Jl. Contoh 1",
                "email": f"pemohon{seq}@contoh.id",
                "nik": "3273015208900001",
                "kind": "perorangan",
                "information": f"Laporan kegiatan tahun {2000 + seq}",
                "purpose": "Penelitian",
                "obtain": ["softcopy"],
                "delivery": "email",
            }
            number = service.ppid.file_request(form, card, token, answer, f"bench-{seq}")
            if seq % 3 == 0:
                service.ppid.assign_request(ADMIN, number["number"], "DINKES", PELAKSANA[0])


def prepare(n: int, workdir: Path) -> Home:
    """A repository of n records with its staff in `workdir`, built once and reused by later
    runs. It is built here rather than taken from bench/out/repo-N, which the other
    benchmarks open (and lock) while they run."""
    home = Home.resolve(workdir / f"repo-{n}")
    if (home.path / PREPARED).exists():
        with Lontar(home) as service:
            if service.store.outdated():  # built by an older Lontar: the pages would wait
                service.index.reindex()
            # built before the mapped posting lists: the server's worker would write them
            # while the pages are timed
            service.store.write_postings(limit=None)
        return home
    shutil.rmtree(home.path, ignore_errors=True)
    key_path(home).unlink(missing_ok=True)
    started = time.perf_counter()
    fill(home, n)
    staff(home)
    (home.path / PREPARED).write_text(str(n))
    print(f"built and indexed {n} records in {time.perf_counter() - started:.0f} s", flush=True)
    return home


# -- servers ----------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def healthy(base: str) -> bool:
    """Whether the Streamlit server at `base` (a URL) answers its health check."""
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def served(argv: list[str], cwd: Path, log: Path) -> Iterator[str]:
    """Runs a server (`argv` gets the port appended) until it answers its health check;
    yields its base URL and stops it with Ctrl-C (lontar serve then stops its children)."""
    port = free_port()
    with log.open("ab") as out:
        process = subprocess.Popen(
            [*argv, str(port)], cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, **SERVER_ENV},
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 180
        while not healthy(f"http://127.0.0.1:{port}"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{argv[:4]} did not start, see {log}")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def lontar_server(home: Home) -> contextlib.AbstractContextManager[str]:
    argv = [sys.executable, "-m", "repository.cli", "--home", str(home.path), "serve"]
    return served([*argv, "--address", "127.0.0.1", "--port"], PROJECT, home.logs / "bench.log")


def empty_server(folder: Path) -> contextlib.AbstractContextManager[str]:
    """Two pages of nothing but a title and the sidebar links (one with a form), under the
    project's own Streamlit settings, served as `lontar serve` serves the app (ui/web.py:
    Streamlit's `st.App` on one port, the launcher named as the entry point)."""
    (folder / "pages").mkdir(parents=True, exist_ok=True)
    shutil.copytree(PROJECT / ".streamlit", folder / ".streamlit", dirs_exist_ok=True)
    (folder / "app.py").write_text(EMPTY_PAGE.format(title="Satu") + EMPTY_FORM)
    (folder / "pages" / "dua.py").write_text(EMPTY_PAGE.format(title="Dua"))
    (folder / "serve.py").write_text(EMPTY_SERVER)
    argv = [sys.executable, str(folder / "serve.py")]
    return served(argv, folder, folder / "log")


# -- the browser ------------------------------------------------------------------------------
@contextlib.contextmanager
def chromium() -> Iterator:
    from playwright.sync_api import sync_playwright  # heavy: only the browser benchmark

    args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
    args += ["--disable-background-networking", "--disable-component-update"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser):
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.set_default_timeout(TIMEOUT)
    return page


def finished(page, content) -> None:
    """The page's own content is visible and Streamlit's run is over."""
    content.wait_for(state="visible")
    page.wait_for_function(IDLE, timeout=TIMEOUT)


def timed(page, action: Callable[[], object], arrived: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    finished(page, arrived())
    return time.perf_counter() - started


def heading(page, text: str | re.Pattern):
    return page.get_by_role("heading", name=text, exact=True).first


def sidebar_link(page, label: str):
    return page.get_by_test_id("stSidebar").get_by_role("link", name=label, exact=True)


def pattern(key: str) -> re.Pattern:
    """A message with its number left open ("Isi (1.234 arsip)")."""
    text = re.escape(translate(key, "id", total="NUMBER"))
    return re.compile("^" + text.replace("NUMBER", r"[\d.,]+") + "$")


def t(key: str, **params: object) -> str:
    return translate(key, "id", **params)


# -- the rounds -------------------------------------------------------------------------------
def floor_round(page, base: str, seq: int) -> dict[str, float]:
    """The empty app: a fresh load, a page link, a form submitted."""
    samples = {"load": timed(page, lambda: page.goto(base), lambda: heading(page, "Satu"))}
    samples["link"] = timed(
        page, lambda: sidebar_link(page, "Dua").click(), lambda: heading(page, "Dua")
    )
    sidebar_link(page, "Satu").click()
    finished(page, heading(page, "Satu"))
    page.get_by_label("Kata", exact=True).fill(f"kata{seq}")
    samples["submit"] = timed(
        page,
        lambda: page.get_by_role("button", name="Kirim", exact=True).click(),
        lambda: heading(page, f"Hasil kata{seq}"),
    )
    return samples


def public_round(page, base: str, words: str, seq: int) -> dict[str, float]:
    """As the public: the home page loaded afresh, a unit opened in Jelajah, one of its
    records opened, then a search on Cari."""
    main = page.get_by_test_id("stMain")
    samples = {
        "home": timed(page, lambda: page.goto(base), lambda: heading(page, t("needs_attention")))
    }
    sidebar_link(page, t("nav_browse")).click()
    finished(page, heading(page, t("units_here")))
    units = main.get_by_role("link", name=re.compile(r"\(\d[\d.,]*\)$"))
    unit = units.nth(seq % units.count())
    samples["browse"] = timed(page, unit.click, lambda: heading(page, pattern("contents_count")))
    rows = main.get_by_role("link").filter(has_text=" · ")
    record = rows.nth(seq % min(10, rows.count()))
    samples["record"] = timed(page, record.click, lambda: heading(page, t("related")))
    sidebar_link(page, t("nav_search")).click()
    box = page.get_by_label(t("search_label"), exact=True)
    finished(page, box)
    box.fill(words)

    def results():
        page.wait_for_url(re.compile("q=" + re.escape(quote_plus(words))))
        return heading(page, pattern("results_count"))

    button = page.get_by_role("button", name=t("search_button"), exact=True)
    samples["search"] = timed(page, button.click, results)
    return samples


def officer_round(page, seq: int) -> dict[str, float]:
    """As the PPID officer: Layanan PPID from the sidebar, one request of its queue opened
    by its number, then back home (not timed)."""
    samples = {
        "ppid": timed(
            page,
            lambda: sidebar_link(page, t("nav_ppid")).click(),
            lambda: heading(page, t("ppid_queue")),
        )
    }
    numbers = page.get_by_test_id("stMain").get_by_role("link", name=re.compile(r"^PPID-"))
    number = numbers.nth(seq % numbers.count())
    opened = re.compile("^" + re.escape(number.inner_text()) + " · ")
    samples["ppid_request"] = timed(page, number.click, lambda: heading(page, opened))
    sidebar_link(page, t("nav_home")).click()
    finished(page, heading(page, t("needs_attention")))
    return samples


def log_in(page, base: str, user: str, password: str) -> None:
    page.goto(base)
    finished(page, heading(page, t("needs_attention")))
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("switch", name=t("login"), exact=True).check(force=True)  # opens the form
    page.get_by_label(t("username"), exact=True).fill(user)
    page.get_by_label(t("password"), exact=True).fill(password)
    page.get_by_role("button", name=t("login"), exact=True).click()
    signed_in = t("signed_in_as", name=user, roles="").split("(")[0].replace("**", "").strip()
    page.get_by_text(signed_in).wait_for()
    finished(page, heading(page, t("needs_attention")))


def measure(home: Home, rounds: int, warmup: int = 2) -> dict[str, list[float]]:
    """Seconds per sample for every page and floor gesture, `rounds` each after `warmup`
    rounds not counted (first loads of modules, the searcher, caches)."""
    samples: dict[str, list[float]] = {name: [] for name in (*PAGES, *FLOOR_OF.values())}
    words = list(dict.fromkeys(queries()))
    with (
        tempfile.TemporaryDirectory(prefix="lontar-empty-") as empty,
        empty_server(Path(empty)) as floor_base,
        lontar_server(home) as base,
        chromium() as browser,
    ):
        pages = new_page(browser), new_page(browser), new_page(browser)
        with evidence(pages, home.logs):
            floor_page, public, officer = pages
            log_in(officer, base, *OFFICER)
            for seq in range(warmup + rounds):
                got = floor_round(floor_page, floor_base, seq)
                got |= public_round(public, base, words[seq % len(words)], seq)
                got |= officer_round(officer, seq)
                for name, seconds in got.items():
                    if seq >= warmup:
                        samples[name].append(seconds)
    return samples


@contextlib.contextmanager
def evidence(pages, folder: Path) -> Iterator[None]:
    """A round that fails leaves a screenshot of each page beside the server logs."""
    try:
        yield
    except Exception:
        for number, page in enumerate(pages):
            page.screenshot(path=str(folder / f"bench-failed-{number}.png"), full_page=True)
        print(f"bench.browser: screenshots of the failed round in {folder}", file=sys.stderr)
        raise


# -- figures ----------------------------------------------------------------------------------
LABELS = {
    "home": "Beranda (fresh load)",
    "search": "Cari (a search)",
    "browse": "Jelajah (a unit)",
    "record": "Arsip (a record)",
    "ppid": "Layanan PPID (officer)",
    "ppid_request": "Layanan PPID: a request opened",
}
FLOOR_LABELS = {"load": "fresh load", "link": "page link", "submit": "form submit"}


def summary(samples: dict[str, list[float]]) -> dict:
    floors = {kind: percentiles(samples[kind]) for kind in FLOOR_LABELS}
    pages = {}
    for name in PAGES:
        figures, floor = percentiles(samples[name]), floors[FLOOR_OF[name]]
        pages[name] = {
            **figures,
            "floor": FLOOR_OF[name],
            "ratio_p95": round(figures["p95_ms"] / max(floor["p95_ms"], 0.01), 2),
            "ratio_p50": round(figures["p50_ms"] / max(floor["p50_ms"], 0.01), 2),
        }
    return {"floor": floors, "pages": pages}


def table(figures: dict) -> str:
    """The Markdown table docs/performance.md shows."""
    lines = [
        "| page | p50 | p95 | empty app, same gesture: p50 / p95 | p95 ratio | p50 ratio |",
        "|---|---|---|---|---|---|",
    ]
    for name, row in figures["pages"].items():
        floor = figures["floor"][row["floor"]]
        lines.append(
            f"| {LABELS[name]} | {row['p50_ms']:.0f} ms | {row['p95_ms']:.0f} ms | "
            f"{FLOOR_LABELS[row['floor']]}: {floor['p50_ms']:.0f} / {floor['p95_ms']:.0f} ms | "
            f"**{row['ratio_p95']:.2f}x** | {row['ratio_p50']:.2f}x |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", default="10000,100000", help="repository sizes, e.g. 2000")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=OUT / "browser")
    args = parser.parse_args()
    for n in (int(size) for size in args.records.split(",")):
        home = prepare(n, args.workdir)
        started, load = time.strftime("%Y-%m-%d %H:%M"), os.getloadavg()[0]
        samples = measure(home, args.rounds, args.warmup)
        figures = {
            "records": n,
            "rounds": args.rounds,
            "started": started,
            "load_average": [round(load, 1), round(os.getloadavg()[0], 1)],
            **summary(samples),
        }
        report(f"browser-{n}", figures)
        print(f"\n{heading_line(figures)}\n\n{table(figures)}\n", flush=True)


def heading_line(figures: dict) -> str:
    """What a table is: size, rounds, when, and how busy the machine was (the 1-minute
    load average at the start and the end: runs compare only on a machine alike busy)."""
    start, end = figures["load_average"]
    return (
        f"{figures['records']:,} records, {figures['rounds']} rounds, {figures['started']}, "
        f"load average {start:g} -> {end:g} on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
