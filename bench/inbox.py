"""Kotak Masuk at scale: `lontar.letters.inbox` and `inbox_counts` for a head of an OPD, a head
of division and a unit's pencatat, on a repository of N letters (default 100 000), against the
raw baseline of reading the same queue ids from the BTrees with no service around them.

The letters are generated data, written straight into a FileStorage with the model classes
and the work-queue index (workindex.py, queues.track), in bulk transactions, as bench/common.py
does for records: the fixture, not the thing measured. A mix like a Pemda's after a year:
60 % outgoing letters (nine in ten sent, the rest drafts, in verification, ready or signed),
40 % incoming letters (most disposed and closed, some still unread or open), across 30 OPD with
a head and three heads of division each.

The pages too (`--page-runs`, default 20; 0 leaves them out): the server run of Kotak Masuk
(pages/21_Kotak_Masuk.py) and of Beranda (streamlit_app.py) for the same callers, each an
AppTest session logged in once and run again and again (bench/ui.py times pages so too),
against the AppTest harness running a one-line script the same way in the same run
(`harness`): `page_net` is a page sample minus the harness median, what our page code and the
services take.

python -m bench.inbox --n 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import time
from pathlib import Path

from bench.common import OUT, percentiles, report
from repository.core import clock

UNITS = 30
KABID = 3
CHUNK = 2000
RUNS = 40
PAGE_RUNS = 20
PROJECT = Path(__file__).resolve().parent.parent
CALLERS = (("head", "kepala00"), ("kabid", "kabid000"), ("pencatat", "tu00"))
PAGES = {"kotak_masuk": "pages/21_Kotak_Masuk.py", "beranda": "streamlit_app.py"}
OPEN_STATES = ("draft", "verification", "ready", "signed")


def build(n: int, seed: int = 11):
    """The repository in bench/out/inbox-N (reused when already built)."""
    from repository.app import Lontar
    from repository.core.config import Home
    from repository.core.db import write
    from repository.core.security import ADMIN

    home = Home.resolve(OUT / f"inbox-{n}")
    if (home.path / "built").exists():
        return home
    home.ensure()
    lontar = Lontar(home)
    lontar.init("ID-B", "Pemda Bench")
    for u in range(UNITS):
        _people(lontar, ADMIN, u)
    rng = random.Random(seed)
    started = time.perf_counter()
    for start in range(0, n, CHUNK):
        count = min(CHUNK, n - start)
        write(lontar.db, lambda root, s=start, c=count: _letters(root, rng, s, c))
        lontar.db.cacheMinimize()
    print(f"built {n} letters in {time.perf_counter() - started:.0f} s", flush=True)
    lontar.close()
    (home.path / "built").write_text(str(n))
    return home


def _people(lontar, admin, u: int) -> None:
    unit = f"OPD{u:02d}"
    lontar.records.add_unit(admin, unit, f"Dinas Bench {u:02d}")
    accounts = [(f"kepala{u:02d}", "Pejabat"), (f"tu{u:02d}", "Pencatat")]
    accounts += [(f"kabid{u:02d}{k}", "Pejabat") for k in range(KABID)]
    for name, role in accounts:
        lontar.access.add_account(admin, name, f"{name}-bench", {role}, unit=unit)
    head = f"{unit}.KEPALA"
    lontar.letters.save_position(
        admin, head, unit=unit, name=f"Kepala Dinas {u:02d}", holder=f"kepala{u:02d}", rank=1
    )
    for k in range(KABID):
        lontar.letters.save_position(
            admin, f"{unit}.KABID{k}", unit=unit, name=f"Kepala Bidang {k}", parent=head,
            holder=f"kabid{u:02d}{k}", rank=2,
        )  # fmt: skip


def _letters(root, rng: random.Random, start: int, count: int) -> None:
    from repository.core.content import pemda_of
    from repository.letters.model import registry_of

    pemda = pemda_of(root)
    registry = registry_of(pemda)
    today = clock.today()
    for seq in range(start, start + count):
        u = rng.randrange(UNITS)
        if rng.random() < 0.6:
            _outgoing(registry, rng, seq, u, today)
        else:
            _incoming(registry, rng, seq, u, today)


def _outgoing(registry, rng: random.Random, seq: int, u: int, today: dt.date) -> None:
    from repository.letters import queues
    from repository.letters.model import Letter, Version

    unit, kabid = f"OPD{u:02d}", f"OPD{u:02d}.KABID{rng.randrange(KABID)}"
    letter = Letter(f"out{seq:07d}", unit, "surat_dinas", f"kabid{u:02d}0")
    fields = {"hal": f"Surat keluar bench {seq}", "sifat": "biasa", "signer": f"{unit}.KEPALA",
              "verifiers": (kabid,), "recipients": (), "copies": ()}  # fmt: skip
    letter.versions[1] = Version(1, fields, letter.author)
    letter.state = "sent" if rng.random() < 0.9 else rng.choice(OPEN_STATES)
    if letter.state in ("signed", "sent"):
        letter.number, letter.date = f"000/{seq}/{unit}/{today.year}", today
        letter.signed_by = f"kepala{u:02d}"
        book = registry.register.get(f"{unit}|{today.year}")
        if book is None:
            from BTrees.OOBTree import OOBTree

            book = registry.register[f"{unit}|{today.year}"] = OOBTree()
        book[f"{seq:09d}"] = letter.id
    registry.letters[letter.id] = letter
    queues.track(registry, letter)


def _incoming(registry, rng: random.Random, seq: int, u: int, today: dt.date) -> None:
    from repository.letters import workindex
    from repository.letters.model import Disposition, Incoming

    unit, head = f"OPD{u:02d}", f"OPD{u:02d}.KEPALA"
    found = Incoming(f"in{seq:07d}", unit, "external", today)
    found.hal, found.sender, found.addressed = f"Surat masuk bench {seq}", "Instansi Luar", head
    found.agenda, found.state, found.registered_by = f"{seq}/{unit}", "registered", f"tu{u:02d}"
    registry.table("incoming")[found.id] = found
    owner = f"position:{head}"
    workindex.add(registry, "party", owner, found.id)
    roll = rng.random()
    if roll < 0.03:  # still unread by the head
        workindex.add(registry, "incoming_unread", owner, found.id)
    if roll < 0.06:  # not acted on
        workindex.add(registry, "incoming_open", owner, found.id)
        return
    found.state = "disposed" if roll < 0.15 else "done"
    to = f"{unit}.KABID{rng.randrange(KABID)}"
    given = Disposition(f"d{seq:07d}", found.id, head, f"kepala{u:02d}", to, ("untuk_diketahui",))
    given.due = today + dt.timedelta(days=rng.randrange(-5, 10))
    registry.table("dispositions")[given.id] = given
    found.disposed[0] = given.id
    workindex.add(registry, "party", f"position:{to}", found.id)
    if found.state == "disposed":
        workindex.add(registry, "disp_open", f"position:{to}", given.id)
        if roll < 0.1:
            workindex.add(registry, "disp_unread", f"position:{to}", given.id)
    else:
        given.closed_at, given.closed_by = given.at, f"kabid{u:02d}"


def measure(lontar, runs: int = RUNS) -> dict:
    figures: dict = {}
    for label, name in CALLERS:
        caller = lontar.access.caller(name, "bench")
        lontar.letters.inbox(caller)  # warm the cache, as a running app is
        full = _timed(lambda c=caller: lontar.letters.inbox(c), runs)
        counts = _timed(lambda c=caller: lontar.letters.inbox_counts(c), runs)
        raw = _timed(lambda c=caller: _raw(lontar, c), runs)
        sizes = lontar.letters.inbox_counts(caller)
        ratio = round(full["p95_ms"] / max(raw["p95_ms"], 0.01), 2)
        figures[label] = {
            "inbox": full, "inbox_counts": counts, "raw": raw, "counts": sizes,
            "ratio_p95": ratio,
        }  # fmt: skip
    return figures


def measure_pages(runs: int) -> dict:
    """Kotak Masuk and Beranda for each caller, and the harness on a one-line script."""
    trivial = OUT / "trivial_page.py"
    trivial.write_text("import streamlit as st\n\nst.write('x')\n")
    harness = _harness_samples(trivial, runs)
    median = sorted(harness)[len(harness) // 2]
    figures: dict = {"harness": percentiles(harness)}
    for label, name in CALLERS:
        for page, script in PAGES.items():
            samples = _page_samples(name, script, runs)
            page_p = percentiles(samples)
            figures[f"{page}_{label}"] = {
                "page": page_p,
                "page_net": percentiles([max(0.0, x - median) for x in samples]),
                "ratio_p95_vs_harness": round(page_p["p95_ms"] / figures["harness"]["p95_ms"], 2),
            }
    return figures


def _harness_samples(script: Path, runs: int) -> list[float]:
    """The same AppTest gesture as a page's (one session run again and again) on a script of
    one line: what any page costs here before its own code."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(script), default_timeout=120)
    samples = []
    for i in range(runs + 2):
        started = time.perf_counter()
        app.run()
        if i >= 2:
            samples.append(time.perf_counter() - started)
    return samples


def _page_samples(name: str, script: str, runs: int) -> list[float]:
    """One AppTest session logged in as `name` (the login form, as tests/test_pages.py does),
    then the page run `runs` times after two warm-up runs."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(PROJECT / "streamlit_app.py"), default_timeout=120)
    app.run()
    app.sidebar.toggle(key="login_open").set_value(True).run()  # the form is behind it
    app.sidebar.text_input(key="login_name").input(name)
    app.sidebar.text_input(key="login_password").input(f"{name}-bench")
    app.sidebar.button[0].click().run()
    samples = []
    for i in range(runs + 2):
        app.switch_page(script)
        started = time.perf_counter()
        app.run()
        if i >= 2:
            samples.append(time.perf_counter() - started)
        if app.exception or app.error or not app.metric:  # the counts must be drawn
            raise SystemExit(f"{script} as {name}: {app.exception or app.error or 'no counts'}")
    return samples


def _timed(call, runs: int) -> dict:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return percentiles(samples)


def _raw(lontar, caller) -> int:
    """The baseline: the ids of the caller's queues straight from the BTrees (their positions'
    lists, their own, the signed letters of the unit they keep the agenda of), no visibility
    check, no rows."""
    from repository.core.content import pemda_of
    from repository.core.db import reading
    from repository.letters import positions

    with reading(lontar.db) as root:
        registry = pemda_of(root).letters
        held = positions.codes_held(registry, caller.name, clock.today())
        owners = [f"position:{c}" for c in held]
        wanted = [f"signed|{o}" for o in (f"user:{caller.name}", *_clerk(caller))]
        for queue in ("to_verify", "to_sign", "incoming_unread", "incoming_open", "cc_unread"):
            wanted += [f"{queue}|{o}" for o in owners]
        wanted += [f"{q}|{o}" for q in ("disp_unread", "disp_open") for o in owners]
        found: set[str] = set()
        for key in wanted:
            found.update(registry.work.get(key, ()))
        return len(found)


def _clerk(caller) -> list[str]:
    """The unit a bench pencatat (tuNN) keeps the agenda of."""
    return [f"unit:OPD{caller.name[2:]}"] if caller.name.startswith("tu") else []


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench.inbox")
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--page-runs", type=int, default=PAGE_RUNS)
    args = parser.parse_args()
    home = build(args.n)
    os.environ["LONTAR_HOME"] = str(home.path)
    from ui.frame import close_services, service  # heavy: Streamlit, only to time the pages

    started = time.perf_counter()
    lontar = service()
    lontar.letters.inbox_counts(lontar.access.caller("kepala00", "bench"))
    figures: dict = {"n": args.n, "load_average": [round(x, 2) for x in os.getloadavg()]}
    figures["first_call_s"] = round(time.perf_counter() - started, 2)  # (a migration, once)
    figures.update(measure(lontar, args.runs))
    if args.page_runs:
        figures["pages"] = measure_pages(args.page_runs)
    figures["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    close_services()
    report(f"inbox-{args.n}", figures)


if __name__ == "__main__":
    main()
