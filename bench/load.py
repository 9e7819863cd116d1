"""Load: N simulated users for D seconds against Lontar in a real browser, on one node or on
two behind a proxy, and the same users on an empty Streamlit app in the same run (the floor).

Each user is a browser context of one Chromium (Playwright's async API): Streamlit keeps a
session per websocket, so a user is a context with its own cookies, not a browser of its
own. Each logs in through the login form with a demo account that may upload, searches once
apart from the figures (`after_login`: under load, the first form after the login's page load
often lost the words typed; they are typed again and counted as `retyped`), then loops:

    search   Cari: words typed, the button clicked, until the results are drawn
    open     one of the first ten results clicked, until the record's page is drawn
    upload   every fifth round: a generated PDF chosen on Unggah and sent, until the summary

with 1-3 s of thinking between actions. A sample runs from the click until the page's own
content is visible and Streamlit has finished its run (as bench/browser.py measures). An
error is an exception, a timeout, or an error box on the page; the user then reloads the
home page (its session cookie keeps it logged in) and goes on.

The floor: first, the same users for a shorter period on bench.browser's empty app (a title,
a sidebar link, a form): a form submitted is the floor of search and upload, a page link the
floor of open; every action's p95 is reported as a ratio to its floor's p95.

Topologies, each started here on a fresh demo home (`lontar init --demo`) in `--workdir`:

    one      lontar serve: ZEO, worker and app                       users -> the app
    two      lontar serve --role worker, two --role app on the same   users -> Caddy
             home, Caddy in front (reverse_proxy to both, lb_policy cookie: sticky sessions)
    two-pg   the same on PostgreSQL: records in RelStorage, the index in PostgreSQL full-text
             search (LONTAR_STORAGE, LONTAR_SEARCH=postgresql), a server of tests/pg_server.py
    url      --url: a Lontar already running, with the demo accounts

    python -m bench.load --topology one --users 20 --duration 300
    python -m bench.load --topology two --users 20 --duration 300
    python -m bench.load --topology two-pg --users 20 --duration 300
    python -m bench.load --topology one --users 2 --duration 20 --floor 10 --label smoke
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import functools
import itertools
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

from playwright.async_api import Browser, Locator, Page, async_playwright
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeout

from bench.browser import (
    CHROMIUM,
    IDLE,
    SERVER_ENV,
    empty_server,
    free_port,
    healthy,
    pattern,
    t,
)
from bench.common import OUT, percentiles, report
from bench.search import queries
from indexes.search import SearchRequest
from repository.app import Lontar
from repository.core.config import Home
from repository.core.operations import heartbeat_file
from repository.core.security import ANONYMOUS
from repository.demo.builder import DEMO_ACCOUNTS, PEMDA, UNITS, render_pdf
from repository.demo.corpus import document
from tests.pg_server import pg_server

PROJECT = Path(__file__).resolve().parent.parent
ACTIONS = ("search", "open", "upload")
FIRST = "first_search"  # the search right after the login, apart from the load's figures
FLOOR_OF = {"search": "submit", "open": "link", "upload": "submit"}
GESTURES = ("submit", "link")
UPLOADING_ROLES = {"Pencatat", "Arsiparis"}
ERROR_BOXES = "[data-testid='stException'], [data-testid='stAlertContentError']"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
ARGS += ["--disable-background-networking", "--disable-component-update"]
START_TIMEOUT = 300.0  # a start on a busy machine (the first load of every module) is slow
# After a click on Cari: "done" once the address holds the words, "lost" when Streamlit is idle
# again with the field not holding them (the run had them not), false while neither.
SUBMITTED = f"""([label, words]) => {{
  if (new URLSearchParams(location.search).get("q") === words) return "done";
  const box = [...document.querySelectorAll("input")]
    .find((input) => input.getAttribute("aria-label") === label);
  return ({IDLE})() && box !== undefined && box.value !== words ? "lost" : false;
}}"""
RETYPES = 3
FILE_SIZE = re.compile(r"^\d+(\.\d+)?\s?(B|KB|MB)$")  # a file in Unggah's list, sent
AFTER_EFFECTS = "() => new Promise((done) => setTimeout(() => setTimeout(done, 0), 0))"
XDG = ("XDG_DATA_HOME", "XDG_CONFIG_HOME")  # where Caddy keeps its state: in the workdir
NODE_COOKIE = "lontar_node"  # Caddy's sticky-session cookie: which app node a browser is on
EXAMPLES = 10  # messages kept in the report, and screenshots taken, per run and kind
CADDYFILE = """{{
	admin off
	auto_https off
}}
http://127.0.0.1:{port} {{
	request_body {{
		max_size 201MiB
	}}
	reverse_proxy {upstreams} {{
		lb_policy cookie {cookie}
		flush_interval -1
	}}
}}
"""


class LoadError(Exception):
    """What a page showed that the journey did not expect: an error box, a refused upload,
    typed words lost again and again."""


@dataclass
class Options:
    users: int = 20
    duration: float = 300.0
    floor: float = 60.0
    timeout: float = 120.0
    upload_every: int = 5
    think: tuple[float, float] = (1.0, 3.0)
    label: str = "one"
    workdir: Path = OUT / "load"


@dataclass
class Tally:
    """Seconds per action, errors per action and kind, the first messages and screenshots."""

    folder: Path
    samples: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    examples: list[str] = field(default_factory=list)
    retypes: list[str] = field(default_factory=list)
    nodes: Counter = field(default_factory=Counter)  # users per node the proxy chose
    skipped: Counter = field(default_factory=Counter)  # nothing to do (no result to open)
    retyped: Counter = field(default_factory=Counter)  # words the page lost, typed again
    seconds: float = 0.0  # how long the period really took (the last actions end after it)
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds used in it, by side

    async def failed(self, page: Page, action: str, kind: str, detail: str) -> None:
        self.errors[action][kind] += 1
        await self.noted(page, f"{action} {kind}: {detail}", self.examples, "error")

    async def noted(self, page: Page, what: str, where: list[str], name: str) -> None:
        """The first few of a kind of trouble, each with a screenshot beside the report."""
        if len(where) < EXAMPLES:
            where.append(f"{what[:400]} ({page.url})")
            shot = self.folder / f"{name}-{len(where) - 1}.png"
            with contextlib.suppress(PlaywrightError):  # a closed page leaves its message only
                await page.screenshot(path=str(shot))


@dataclass
class User:
    number: int
    page: Page
    base: str
    rng: random.Random
    words: list[str]
    options: Options
    tally: Tally
    unit: str = ""
    done: list[str] = field(default_factory=list)  # the actions that succeeded, in order
    tried: int = 0

    def trail(self) -> str:
        """Who failed after what: user 3, action 7, after search, open."""
        return f"user {self.number}, action {self.tried + 1}, after {', '.join(self.done[-3:])}"


# -- the home and the servers -----------------------------------------------------------------
def lontar(home: Home, *args: str) -> list[str]:
    return [sys.executable, "-m", "repository.cli", "--home", str(home.path), *args]


def demo_home(workdir: Path) -> Home:
    """A fresh demo repository (units, accounts, 210 records with real PDFs) in `workdir`;
    its master key beside it, as `lontar init` puts it."""
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    home = Home.resolve(workdir / "home")
    with (workdir / "init.log").open("wb") as log:
        subprocess.run(
            lontar(home, "init", "--demo"), cwd=PROJECT, stdout=log, stderr=subprocess.STDOUT,
            check=True,
        )  # fmt: skip
    return home


def words_with_hits(home: Home) -> list[str]:
    """bench.search's queries that find a public record: every user sees those, so each
    search has a record to open (the home is not served yet: FileStorage opens here)."""
    with Lontar(home) as service:
        found = [
            words
            for words in dict.fromkeys(queries())
            if service.records.search(ANONYMOUS, SearchRequest(query=words, page_size=1)).total
        ]
    if not found:
        raise RuntimeError(f"no query of bench.search finds anything in {home.path}")
    return found


@contextlib.contextmanager
def process(argv: list[str], log: Path, ready: Callable[[], bool]) -> Iterator[None]:
    """Runs `argv` until `ready()`, and stops it at the end with Ctrl-C (a supervisor then
    stops its children, Caddy drains its connections)."""
    with log.open("ab") as out:
        env = {**os.environ, **SERVER_ENV, **{name: str(log.parent / "xdg") for name in XDG}}
        child = subprocess.Popen(argv, cwd=PROJECT, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not ready():
            if child.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{' '.join(argv[-6:])} did not start, see {log}")
            time.sleep(0.2)
        yield
    finally:
        child.send_signal(signal.SIGINT)
        try:
            child.wait(60)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait(10)


def app_node(home: Home, log: Path, *role: str) -> tuple[contextlib.AbstractContextManager, str]:
    """`lontar serve` (with `role`) on a free port of 127.0.0.1, and its base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    argv = lontar(home, "serve", *role, "--address", "127.0.0.1", "--port", str(port))
    return process(argv, log, lambda: healthy(base)), base


@contextlib.contextmanager
def one_node(home: Home, workdir: Path) -> Iterator[str]:
    server, base = app_node(home, workdir / "serve.log")
    with server:
        yield base


@contextlib.contextmanager
def two_nodes(home: Home, workdir: Path) -> Iterator[str]:
    """The worker (with ZEO unless a storage is configured) alone, two app nodes on the same
    home, Caddy in front."""
    with contextlib.ExitStack() as stack:
        worker = lontar(home, "serve", "--role", "worker")
        beating = heartbeat_file(home).exists  # ZEO (if any) is up before the worker beats
        stack.enter_context(process(worker, workdir / "worker.log", beating))
        bases = []
        for number in (1, 2):
            server, base = app_node(home, workdir / f"app{number}.log", "--role", "app")
            stack.enter_context(server)
            bases.append(base)
        yield stack.enter_context(caddy(bases, workdir))


@contextlib.contextmanager
def caddy(bases: list[str], workdir: Path) -> Iterator[str]:
    """Caddy on a free port, proxying to `bases` with sticky sessions: Streamlit's session
    lives in one node's websocket, and an upload must reach the node holding it."""
    port = free_port()
    upstreams = " ".join(base.removeprefix("http://") for base in bases)
    config = workdir / "Caddyfile"
    config.write_text(CADDYFILE.format(port=port, upstreams=upstreams, cookie=NODE_COOKIE))
    base = f"http://127.0.0.1:{port}"
    argv = ["caddy", "run", "--config", str(config), "--adapter", "caddyfile"]
    with process(argv, workdir / "caddy.log", lambda: healthy(base)):
        yield base


# -- the browser ------------------------------------------------------------------------------
async def finished(page: Page, content: Locator, timeout: float) -> None:
    """The page's own content is visible and Streamlit's run is over."""
    await content.wait_for(state="visible", timeout=timeout * 1000)
    await page.wait_for_function(IDLE, timeout=timeout * 1000)


async def timed(user: User, action: Callable[[], Awaitable], arrived: Callable) -> float:
    """Seconds from `action` (a click) until what `arrived()` returns is drawn."""
    started = time.perf_counter()
    await action()
    await finished(user.page, await arrived(), user.options.timeout)
    return time.perf_counter() - started


def heading(page: Page, text: str | re.Pattern) -> Locator:
    return page.get_by_role("heading", name=text, exact=True).first


def sidebar_link(page: Page, label: str) -> Locator:
    return page.get_by_test_id("stSidebar").get_by_role("link", name=label, exact=True)


async def log_in(user: User, name: str, password: str) -> None:
    page, timeout = user.page, user.options.timeout
    await page.goto(user.base)
    await finished(page, heading(page, t("needs_attention")), timeout)
    sidebar = page.get_by_test_id("stSidebar")  # the login switch opens the form
    await sidebar.get_by_role("switch", name=t("login"), exact=True).check(force=True)
    await page.get_by_label(t("username"), exact=True).fill(name)
    await page.get_by_label(t("password"), exact=True).fill(password)
    # the login's run sends the browser to /api/session/start for its cookie: a page load
    async with page.expect_event("load", timeout=timeout * 1000):
        await page.get_by_role("button", name=t("login"), exact=True).click()
    signed_in = t("signed_in_as", name=name, roles="").split("(")[0].replace("**", "").strip()
    await page.get_by_text(signed_in).wait_for(timeout=timeout * 1000)
    await finished(page, heading(page, t("needs_attention")), timeout)


# -- the actions ------------------------------------------------------------------------------
async def search(user: User, name: str = "search") -> float:
    """Cari from the sidebar (not timed), words typed, the button clicked (timed). Words the
    page lost before the click (seen on the first form after a page load under load: the run
    that follows has the field empty) are typed again and clicked again, as a person would
    (the sample keeps the time lost; `retyped[name]` counts them)."""
    page, label = user.page, t("search_label")
    await sidebar_link(page, t("nav_search")).click()
    box = page.get_by_label(label, exact=True)
    await finished(page, box, user.options.timeout)
    words = user.rng.choice(user.words)
    button = page.get_by_role("button", name=t("search_button"), exact=True)
    await box.fill(words)
    started = time.perf_counter()
    for _ in range(RETYPES):
        await button.click()
        outcome = await page.wait_for_function(SUBMITTED, arg=[label, words])
        if await outcome.json_value() == "done":
            break
        user.tally.retyped[name] += 1
        seen = await box.input_value()
        what = f"{name} retyped: {user.trail()}: the field held {seen!r}"
        await user.tally.noted(page, what, user.tally.retypes, "retyped")
        await box.fill(words)
    else:
        raise LoadError(f"the words typed were lost {RETYPES} times")
    await finished(page, heading(page, pattern("results_count")), user.options.timeout)
    return time.perf_counter() - started


async def open_record(user: User) -> float | None:
    """One of the first ten results of the search just made (None: it found nothing, which
    only words not chosen by `words_with_hits` do)."""
    page = user.page
    links = page.get_by_test_id("stMain").locator("a[href*='Arsip?id=']")
    count = await links.count()
    if not count:
        return None
    link = links.nth(user.rng.randrange(min(10, count)))

    async def record() -> Locator:
        return heading(page, t("related"))

    return await timed(user, link.click, record)


async def upload(user: User) -> float:
    """Unggah from the sidebar and a title typed (not timed); a new PDF chosen (the browser
    sends it to the server at once) and the button clicked, until the summary is drawn."""
    page = user.page
    await sidebar_link(page, t("nav_upload")).click()
    button = page.get_by_role("button", name=t("upload_button"), exact=True)
    await finished(page, button, user.options.timeout)
    title, pdf = await asyncio.to_thread(new_pdf, user)
    await page.get_by_label(t("title"), exact=True).fill(title)
    summary = page.get_by_text(summary_pattern())
    refused = page.get_by_text(t("no_files_chosen"), exact=True)

    async def arrived() -> Locator:
        return summary.or_(refused)

    seconds = await timed(user, functools.partial(send_file, page, pdf, button), arrived)
    if await refused.is_visible():
        raise LoadError("upload: the form was sent without its file")
    said = await summary.inner_text()
    if not summary_pattern(accepted="1", duplicates="0", rejected="0").match(said):
        raise LoadError(f"upload: {said}")
    return seconds


async def send_file(page: Page, pdf: Path, button: Locator) -> None:
    """The file chosen, then the button clicked. The browser sends the file as it is chosen;
    Streamlit enables the button as soon as the sending ends, but gives the form the file only
    once its list shows it sent (its size) and React's effects have run: a click before that
    submits the form without it."""
    async with page.expect_response(lambda answer: "/_stcore/upload_file" in answer.url):
        await page.locator("input[type=file]").set_input_files(str(pdf))
    await page.get_by_test_id("stFileUploader").get_by_text(FILE_SIZE).wait_for()
    await page.evaluate(AFTER_EFFECTS)
    await button.click()


def summary_pattern(**fixed: str) -> re.Pattern:
    """Unggah's summary line, the numbers not in `fixed` left open."""
    names = ("accepted", "duplicates", "flagged", "rejected")
    text = re.escape(t("upload_summary", **{name: fixed.get(name, "NUMBER") for name in names}))
    return re.compile("^" + text.replace("NUMBER", r"\d+") + "$")


UPLOADS = itertools.count()


def new_pdf(user: User) -> tuple[str, Path]:
    """A title and a PDF of text no one uploaded before (not a duplicate), on disk for the
    browser's file chooser."""
    number = next(UPLOADS)
    rng = random.Random(f"{number}-{time.time_ns()}")  # new text in every run, on any home
    doc = document(rng, user.unit, rng.randrange(10**6))
    unit_name = {code: name for code, name, _ in UNITS}.get(user.unit, user.unit)
    path = user.tally.folder / "uploads" / f"beban-{number}.pdf"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(render_pdf(doc, PEMDA[1], unit_name))
    return f"Uji beban {number}: {doc.title}"[:150], path


# -- the empty app's gestures -----------------------------------------------------------------
async def link(user: User) -> float:
    """A page link (timed), and back (not timed)."""
    page = user.page

    async def other() -> Locator:
        return heading(page, "Dua")

    seconds = await timed(user, sidebar_link(page, "Dua").click, other)
    await sidebar_link(page, "Satu").click()
    await finished(page, heading(page, "Satu"), user.options.timeout)
    return seconds


async def submit(user: User) -> float:
    """The form submitted with new words."""
    page = user.page
    words = f"kata{user.number}x{user.rng.randrange(10**6)}"
    await page.get_by_label("Kata", exact=True).fill(words)

    async def answer() -> Locator:
        return heading(page, f"Hasil {words}")

    return await timed(user, page.get_by_role("button", name="Kirim", exact=True).click, answer)


# -- the users --------------------------------------------------------------------------------
Action = Callable[[User], Awaitable[float | None]]
LONTAR: dict[str, Action] = {"search": search, "open": open_record, "upload": upload}
FLOOR: dict[str, Action] = {"link": link, "submit": submit}


async def act(user: User, name: str, action: Action) -> bool:
    """One action: its seconds, or the error it met (an exception, a timeout, an error box)."""
    try:
        seconds = await action(user)
        boxes = user.page.locator(ERROR_BOXES)
        if await boxes.count():
            raise LoadError("error box: " + " | ".join(await boxes.all_inner_texts()))
    except PlaywrightTimeout as exc:
        await user.tally.failed(user.page, name, "timeout", f"{user.trail()}: {exc}")
    except PlaywrightError as exc:
        await user.tally.failed(user.page, name, "exception", f"{user.trail()}: {exc}")
    except LoadError as exc:
        kind = "error_box" if str(exc).startswith("error box") else "unexpected"
        await user.tally.failed(user.page, name, kind, f"{user.trail()}: {exc}")
    else:
        if seconds is None:
            user.tally.skipped[name] += 1
        else:
            user.tally.samples[name].append(seconds)
        user.done.append(name)
        return True
    finally:
        user.tried += 1
    return False


async def start_over(user: User, home: Callable) -> None:
    """After an error: the start page loaded afresh (the session cookie keeps the login)."""
    page = user.page
    try:
        await page.goto(user.base)
        await finished(page, home(page), user.options.timeout)
    except PlaywrightError as exc:
        await user.tally.failed(page, "start_over", type(exc).__name__, str(exc))


def lontar_home(page: Page) -> Locator:
    return heading(page, t("needs_attention"))


def empty_home(page: Page) -> Locator:
    return heading(page, "Satu")


async def journey(user: User, actions: dict[str, Action], home: Callable, until: float) -> None:
    """Rounds of the actions until `until` (time.monotonic()); in Lontar every
    `upload_every`-th round of a user also uploads (users take turns: not all at once)."""
    for round_ in itertools.count():
        names = [name for name in actions if name != "upload"]
        if "upload" in actions and (round_ + user.number) % user.options.upload_every == 0:
            names.append("upload")
        for name in names:
            if time.monotonic() >= until:
                return
            if not await act(user, name, actions[name]):
                await start_over(user, home)
                break
            await asyncio.sleep(user.rng.uniform(*user.options.think))


async def users(
    browser: Browser, base: str, words: list[str], options: Options, tally: Tally
) -> list[User]:
    """One browser context per user, each on `base` (logged in when it is Lontar: at most
    four logins at once, a login hashes a password)."""
    accounts = uploading_accounts()
    gate = asyncio.Semaphore(4)

    async def one(number: int) -> User:
        context = await browser.new_context(viewport={"width": 1400, "height": 1000})
        rng = random.Random(f"{options.label}-{number}")
        name, password, unit = accounts[number % len(accounts)]
        user = User(number, await context.new_page(), base, rng, words, options, tally, unit)
        user.page.set_default_timeout(options.timeout * 1000)
        async with gate:
            if words:
                await log_in(user, name, password)
            else:
                await user.page.goto(base)
                await finished(user.page, empty_home(user.page), options.timeout)
        if words:
            await first_search(user)
        cookies = {cookie["name"]: cookie["value"] for cookie in await context.cookies()}
        tally.nodes[cookies.get(NODE_COOKIE, "direct")] += 1
        return user

    return list(await asyncio.gather(*(one(number) for number in range(options.users))))


async def first_search(user: User) -> None:
    """The first search after the login, before the period measured and apart from its
    figures: under load the first form after the login's page load often lost its words."""
    if not await act(user, FIRST, functools.partial(search, name=FIRST)):
        await start_over(user, lontar_home)


def uploading_accounts() -> list[tuple[str, str, str]]:
    """The demo accounts that may upload, in a unit of their own: (name, password, unit)."""
    return [
        (name, password, unit)
        for name, password, roles, unit, *_ in DEMO_ACCOUNTS
        if roles & UPLOADING_ROLES and unit
    ]


async def phase(browser: Browser, site: Target, options: Options, seconds: float) -> Tally:
    """N users on `site` for `seconds` (after all are ready): Lontar when it has words to
    search, else the empty app. The tally has the seconds and CPU the period really took."""
    folder = options.workdir / ("load" if site.words else "floor")
    folder.mkdir(parents=True, exist_ok=True)
    tally = Tally(folder)
    crowd = await users(browser, site.base, site.words, options, tally)
    actions, home = (LONTAR, lontar_home) if site.words else (FLOOR, empty_home)
    started, cpu = time.monotonic(), cpu_seconds(site.roots)
    until = started + seconds
    await asyncio.gather(*(journey(user, actions, home, until) for user in crowd))
    tally.seconds = time.monotonic() - started
    tally.cpu = {
        kind: round(used - cpu.get(kind, 0.0), 1) for kind, used in cpu_seconds(site.roots).items()
    }
    await asyncio.gather(*(user.page.context.close() for user in crowd))
    return tally


async def measure(site: Target, floor_base: str, options: Options) -> dict:
    """The floor, then the load, with the same users in one Chromium; the figures."""
    started, load = time.strftime("%Y-%m-%d %H:%M"), uptime()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            floor = await phase(browser, Target(floor_base, []), options, options.floor)
            tally = await phase(browser, site, options, options.duration)
        finally:
            await browser.close()
    return {
        "label": options.label,
        "users": options.users,
        "duration_s": options.duration,
        "measured_s": round(tally.seconds, 1),
        "floor_s": round(floor.seconds, 1),
        "started": started,
        "uptime": [load, uptime()],
        "cores": os.cpu_count(),
        "cpu_s": tally.cpu | {"available": round(tally.seconds * (os.cpu_count() or 1), 1)},
        **summary(tally, floor),
    }


# -- where the CPU went -------------------------------------------------------------------------
TICK = os.sysconf("SC_CLK_TCK")
BROWSER = ("chrom", "node")  # Chromium's processes and Playwright's driver (node-MainThread)


def cpu_seconds(roots: tuple[int, ...]) -> dict[str, float]:
    """CPU seconds used so far by the browser side (Chromium, Playwright's driver and this
    process), by the servers (every other process under this one or `roots`: Lontar's, ZEO,
    Caddy, PostgreSQL, with the children they reaped), and by the whole machine: all of it
    busy, and the niced part of that (other work running niced, not this test)."""
    table = _processes()
    used: Counter = Counter()
    for pid in _descendants(table, {os.getpid(), *roots}):
        comm, _, ticks = table[pid]
        side = "browser" if pid == os.getpid() or comm.startswith(BROWSER) else "servers"
        used[side] += ticks / TICK
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    user, nice, system, _, _, irq, softirq, steal = fields[:8]
    used["machine_busy"] = (user + nice + system + irq + softirq + steal) / TICK
    used["machine_niced"] = nice / TICK
    return dict(used)


def _processes() -> dict[int, tuple[str, int, int]]:
    """pid -> (command name, parent pid, CPU ticks with its reaped children)."""
    table = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # it ended while we looked
            continue
        name, rest = text[text.index("(") + 1 : text.rindex(")")], text[text.rindex(")") + 2 :]
        fields = rest.split()
        ticks = sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
        table[int(stat.parent.name)] = (name, int(fields[1]), ticks)
    return table


def _descendants(table: dict[int, tuple[str, int, int]], roots: set[int]) -> set[int]:
    tree, grew = set(roots) & set(table), True
    while grew:
        more = {pid for pid, (_, parent, _) in table.items() if parent in tree} - tree
        tree, grew = tree | more, bool(more)
    return tree


# -- figures ----------------------------------------------------------------------------------
def uptime() -> list[float]:
    """The load averages over 1, 5 and 15 minutes, as `uptime` shows them."""
    return [round(value, 2) for value in os.getloadavg()]


def figures_of(samples: list[float], seconds: float) -> dict:
    if not samples:
        return {"count": 0, "p50_ms": None, "p95_ms": None, "per_minute": 0.0}
    per_minute = round(len(samples) * 60 / seconds, 1)
    return {"count": len(samples), **percentiles(samples), "per_minute": per_minute}


def ratio(value: float | None, floor: float | None) -> float | None:
    return None if value is None or not floor else round(value / floor, 2)


def summary(tally: Tally, floor: Tally) -> dict:
    """p50/p95 and rate per action, its ratio to its floor gesture's p95, errors by kind."""
    seconds = tally.seconds
    floors = {name: figures_of(floor.samples[name], floor.seconds) for name in GESTURES}
    actions = {}
    for name in ACTIONS:
        row = figures_of(tally.samples[name], seconds)
        floor_p95 = floors[FLOOR_OF[name]]["p95_ms"]
        row |= {"floor": FLOOR_OF[name], "ratio_p95": ratio(row["p95_ms"], floor_p95)}
        actions[name] = row | {
            "errors": dict(tally.errors[name]),
            "skipped": tally.skipped[name],
            "retyped": tally.retyped[name],
        }
    done = sum(row["count"] for row in actions.values())
    errors = sum(sum(kinds.values()) for kinds in tally.errors.values())
    return {
        "actions": actions,
        "after_login": after_login(tally),
        "floor": floors,
        "actions_per_s": round(done / seconds, 2),
        "errors_total": errors,
        "errors": {name: dict(kinds) for name, kinds in tally.errors.items()},
        "examples": tally.examples,  # the first errors (screenshots beside: error-N.png)
        "retype_examples": tally.retypes,  # retyped-N.png
        "floor_errors_total": sum(sum(kinds.values()) for kinds in floor.errors.values()),
        "users_per_node": sorted(tally.nodes.values(), reverse=True),
    }


def after_login(tally: Tally) -> dict:
    """The first searches, one per user right after the login: how many lost their words."""
    first = tally.samples[FIRST]
    return {
        "count": len(first),
        **(percentiles(first) if first else {}),
        "retyped": tally.retyped[FIRST],
        "errors": dict(tally.errors[FIRST]),
    }


LABELS = {
    "search": "Cari (a search)",
    "open": "Arsip (a result opened)",
    "upload": "Unggah (a PDF)",
}
FLOOR_LABELS = {"link": "page link", "submit": "form submit"}


def table(figures: dict) -> str:
    """The Markdown table docs/performance.md shows."""
    lines = [
        "| action | done | per min | p50 | p95 | empty app, same gesture: p95 | ratio | errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, row in figures["actions"].items():
        floor = figures["floor"][row["floor"]]
        errors = sum(row["errors"].values())
        lines.append(
            f"| {LABELS[name]} | {row['count']} | {row['per_minute']:g} | {_ms(row['p50_ms'])} "
            f"| {_ms(row['p95_ms'])} | {FLOOR_LABELS[row['floor']]}: {_ms(floor['p95_ms'])} "
            f"| **{_times(row['ratio_p95'])}** | {errors} |"
        )
    return "\n".join(lines)


def _times(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f} ms"


def heading_line(figures: dict) -> str:
    """What a table is: users, how long, when, throughput, errors, the first search after
    the login, and how busy the machine was (load averages at the start and the end)."""
    start, end = figures["uptime"]
    first = figures["after_login"]
    return (
        f"{figures['label']}: {figures['users']} users, {figures['measured_s']:g} s "
        f"(floor {figures['floor_s']:g} s), {figures['started']}, "
        f"{figures['actions_per_s']:g} actions/s, {figures['errors_total']} errors; "
        f"first search after the login retyped in {first['retyped']} of {first['count']}; "
        f"load average {start} -> {end} on {figures['cores']} cores; CPU seconds: "
        + ", ".join(f"{kind} {used:g}" for kind, used in figures["cpu_s"].items())
    )


@contextlib.contextmanager
def postgresql() -> Iterator[int]:
    """A PostgreSQL server of its own (tests/pg_server.py) holding the records (RelStorage)
    and the search index, set for this process and every process it starts; yields the
    server's pid (its CPU is the servers')."""
    with pg_server() as server:
        storage = server.url(server.create_database("lontar_load"))
        env = {"LONTAR_STORAGE": storage, "LONTAR_SEARCH": "postgresql"}
        with mock.patch.dict(os.environ, env):
            yield int((server.data / "postmaster.pid").read_text().split()[0])


# -- the run ----------------------------------------------------------------------------------
TOPOLOGIES = {"one": one_node, "two": two_nodes, "two-pg": two_nodes}


@dataclass
class Target:
    base: str  # where the users go
    words: list[str]  # what they search for
    roots: tuple[int, ...] = ()  # server processes not started by this one (PostgreSQL)


@contextlib.contextmanager
def target(topology: str, url: str | None, workdir: Path) -> Iterator[Target]:
    """A running Lontar at `url` (users search every query), or a fresh demo home served as
    `topology` (users search the queries that find)."""
    if url:
        yield Target(url.rstrip("/"), list(dict.fromkeys(queries())))
        return
    with contextlib.ExitStack() as stack:
        roots = (stack.enter_context(postgresql()),) if topology == "two-pg" else ()
        home = demo_home(workdir)
        words = words_with_hits(home)
        yield Target(stack.enter_context(TOPOLOGIES[topology](home, workdir)), words, roots)


def options_from(argv: list[str] | None = None) -> tuple[Options, argparse.Namespace]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--topology", choices=[*TOPOLOGIES, "url"], default="one")
    parser.add_argument("--url", help="a running Lontar with the demo accounts (topology url)")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=float, default=300.0, help="seconds of load")
    parser.add_argument("--floor", type=float, default=60.0, help="seconds on the empty app")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per action")
    parser.add_argument("--label", help="names bench/out/load-<label>.json (default: topology)")
    parser.add_argument("--workdir", type=Path, help="home, logs, screenshots (emptied first)")
    args = parser.parse_args(argv)
    if (args.topology == "url") != bool(args.url):
        parser.error("--url goes with --topology url, and only with it")
    label = args.label or args.topology
    workdir = args.workdir or OUT / f"load-{label}"
    options = Options(args.users, args.duration, args.floor, args.timeout, label=label)
    return dataclasses.replace(options, workdir=workdir), args


def main(argv: list[str] | None = None) -> None:
    options, args = options_from(argv)
    with (
        target(args.topology, args.url, options.workdir) as lontar_site,
        tempfile.TemporaryDirectory(prefix="lontar-empty-") as empty,
        empty_server(Path(empty)) as floor_base,
    ):
        figures = asyncio.run(measure(lontar_site, floor_base, options))
    figures["topology"] = args.topology
    report(f"load-{options.label}", figures)
    print(f"\n{heading_line(figures)}\n\n{table(figures)}\n", flush=True)


if __name__ == "__main__":
    main()
