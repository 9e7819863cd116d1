"""Server time of the search, browse and record pages (Streamlit AppTest runs) on a large
repository, against the service call each page makes (the engine underneath).

AppTest itself costs about 300 ms per run on this machine even for a one-line script (it runs
the script in a thread and polls for its end), so the harness is measured too, on a trivial
script, and `page_net` is each page sample minus the harness median: the time our page code
and the services take. Each interaction's service call runs once before the pages are timed,
so neither side pays for reading a word's postings the first time (at a million records that
first read, not the page, made most of a Cari page's p95).

    python -m bench.ui --n 100000        (the issue's target: p95 <= 300 ms per interaction)

The repository is bench/out/repo-N (built and indexed by bench.reindex / bench.search).
"""

from __future__ import annotations

import argparse
import os
import random
import time
from pathlib import Path

from bench.common import OUT, build_repository, peak_rss_mb, percentiles, report
from bench.search import queries

PROJECT = Path(__file__).resolve().parent.parent
RUNS = 60
SETUP_TITLE_KEY = "setup_title"


def _harness_time(script: Path) -> float:
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(script), default_timeout=120)
    started = time.perf_counter()
    app.run()
    return time.perf_counter() - started


def _page_time(page: str, params: dict[str, str]) -> float:
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(PROJECT / "streamlit_app.py"), default_timeout=120)
    app.switch_page(page)
    for name, value in params.items():
        app.query_params[name] = value
    started = time.perf_counter()
    app.run()
    seconds = time.perf_counter() - started
    if app.exception or app.error:
        raise SystemExit(f"{page} {params}: {app.exception or app.error[0].value}")
    from repository.core.i18n import translate

    if any(title.value == translate(SETUP_TITLE_KEY) for title in app.title):
        raise SystemExit(f"{page} {params}: the page was not shown")
    return seconds


def _interactions(service, rng: random.Random) -> dict[str, list[dict[str, str]]]:
    from indexes.search import SearchRequest
    from repository.core.security import ANONYMOUS

    units = [row["code"] for row in service.records.units(ANONYMOUS)]
    ids = [h.id for h in service.records.search(ANONYMOUS, SearchRequest(page_size=500)).hits]
    qs = queries()
    return {
        "search": [{"q": rng.choice(qs)} for _ in range(RUNS)],
        "browse": [
            {"node": f"unit:{rng.choice(units)}", "hal": str(rng.randint(1, 100))}
            for _ in range(RUNS)
        ],
        "record": [{"id": rng.choice(ids)} for _ in range(RUNS)],
    }


def _engine_call(service, page: str, params: dict[str, str]) -> float:
    from indexes.search import SearchRequest
    from repository.core.security import ANONYMOUS

    started = time.perf_counter()
    if page == "search":
        service.records.search(ANONYMOUS, SearchRequest(query=params["q"]))
    elif page == "browse":
        service.records.browse(ANONYMOUS, params["node"], int(params["hal"]))
    else:
        service.records.show(ANONYMOUS, params["id"])
    return time.perf_counter() - started


def with_an_account(service) -> None:
    """While a repository has no account every page is the first administrator's form
    (ui/setup.py): the generated repository gets one, or the pages measured are that form."""
    import secrets

    from repository.core.security import ADMIN, ADMIN_ROLE

    if not service.access.accounts(ADMIN):
        service.access.add_account(ADMIN, "bench-admin", secrets.token_urlsafe(16), {ADMIN_ROLE})


PAGES = {"search": "pages/1_Cari.py", "browse": "pages/2_Jelajah.py", "record": "pages/3_Arsip.py"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10000)
    args = parser.parse_args()
    home = build_repository(args.n)
    os.environ["LONTAR_HOME"] = str(home.path)
    from ui.frame import close_services, service

    lontar = service()
    with_an_account(lontar)
    if not lontar.store.exists() or lontar.store.outdated() or lontar.store.doc_count() < args.n:
        lontar.index.reindex()
    plan = _interactions(lontar, random.Random(5))
    trivial = OUT / "trivial_page.py"
    trivial.write_text("import streamlit as st\n\nst.write('x')\n")
    harness = sorted(_harness_time(trivial) for _ in range(RUNS))
    median = harness[len(harness) // 2]
    figures: dict = {
        "records": args.n,
        "runs_per_page": RUNS,
        "apptest_harness": percentiles(harness),
    }
    for name, runs in plan.items():
        # warm-up: each interaction's service call once (the words' posting lists, read once
        # per process: what a first search of a word costs is bench.search's business, and
        # the page and its service call are then compared on the same footing), and the
        # first page loads
        for params in runs:
            _engine_call(lontar, name, params)
        for params in runs[:5]:
            _page_time(PAGES[name], params)
        page_samples = [_page_time(PAGES[name], params) for params in runs]
        engine_samples = [_engine_call(lontar, name, params) for params in runs]
        page, engine = percentiles(page_samples), percentiles(engine_samples)
        net = percentiles([max(0.0, x - median) for x in page_samples])
        figures[name] = {
            "page_net": net,
            "page": page,
            "service_call": engine,
            "ratio_p95_page_vs_service": round(page["p95_ms"] / max(engine["p95_ms"], 0.01), 2),
        }
    figures["peak_rss_mb"] = round(peak_rss_mb())  # this process served every page, as Streamlit's
    close_services()
    report(f"ui-{args.n}", figures)


if __name__ == "__main__":
    main()
