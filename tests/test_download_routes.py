"""Files as links to routes of the app's own (ui/web.py), where Streamlit download buttons
were: Cari's export (`search_export`) and a record's original file on Arsip (`original`).
The pages draw the links; the routes answer for the user the session cookie names, audited
with the browser's address; a user who may not see a record never gets it or finds it in a
file, whoever's link it is; a request from another site is refused; a file is always saved,
never shown in the app's origin."""

from __future__ import annotations

import csv
import html
import io
import re
from urllib.parse import parse_qsl, urlsplit

import openpyxl
import pytest
from starlette.requests import Request
from starlette.routing import Match

from repository.app import SESSION_COOKIE, SearchRequest
from repository.core.security import ANONYMOUS
from tests.conftest import PASSWORDS
from tests.test_pages import RECORD, SEARCH, in_language, open_page
from ui import web
from ui.frame import close_services, shared

ADDRESS = "203.0.113.7"


def export_links(app) -> dict[str, str]:
    """Words → address of the download links the page drew."""
    bodies = "".join(e.proto.body for e in app.main.get("html"))
    found = re.findall(r"<a class='lontar-download' href='([^']*)' download>(.*?)</a>", bodies)
    return {re.sub(r"<[^>]+>", "", words): html.unescape(href) for href, words in found}


def cookie_of(user: str) -> str:
    """The cookie the browser holds after `user` logged in through the page and the route."""
    _caller, opened = shared().access.sign_in(user, PASSWORDS[user], f"web:{ADDRESS}", "test")
    cookie = shared().sessions.exchange(opened.handoff)
    assert cookie is not None
    return cookie.value


def fetch(href: str, cookie: str | None = None, site: str = "same-origin"):
    """The route's answer to a browser following `href` from the Cari page."""
    path, _, query = href.partition("?")
    headers = [(b"sec-fetch-site", site.encode())]
    if cookie:
        headers.append((b"cookie", f"{SESSION_COOKIE}={cookie}".encode()))
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/" + path,
        "headers": headers,
        "query_string": query.encode(),
        "client": (ADDRESS, 50123),
    }
    for route in web.ROUTES:  # the app's own table of routes decides which one answers
        match, child = route.matches(scope)
        if match is Match.FULL:
            return route.endpoint(Request({**scope, **child}))
    raise AssertionError(f"no route serves {path}")


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def exported_entries() -> list[dict]:
    return [e for e in shared().access.audit.entries() if e["action"] == "exported"]


@pytest.fixture
def pages(site):
    yield site
    close_services()


def test_the_page_links_both_files_of_the_search_shown(pages):
    app = open_page(SEARCH, user="pencatat", q="vaksin", opd="DINKES", hal="1")
    links = export_links(app)
    assert set(links) == {"Unduh CSV", "Unduh Excel"}
    path, _, query = links["Unduh CSV"].partition("?")
    assert path == "api/ekspor/cari.csv"  # relative, as the pages' own links are
    assert dict(parse_qsl(query)) == {"q": "vaksin", "opd": "DINKES", "lang": "id"}
    assert urlsplit(links["Unduh Excel"]).path == "api/ekspor/cari.xlsx"
    assert not app.get("download_button")  # links now, not buttons
    in_language(app)
    assert dict(parse_qsl(urlsplit(export_links(app)["Download CSV"]).query))["lang"] == "en"
    assert not export_links(open_page(SEARCH, q="kata-yang-tidak-ada-di-mana-pun"))


def test_the_file_holds_what_the_cookies_user_may_see_and_is_audited(pages):
    href = export_links(open_page(SEARCH, user="pencatat", q="vaksin"))["Unduh CSV"]
    before = len(exported_entries())
    clerk = fetch(href, cookie_of("pencatat"))
    assert clerk.status_code == 200 and clerk.media_type.startswith("text/csv")
    assert clerk.headers["content-disposition"].startswith('attachment; filename="lontar-cari.csv"')
    assert clerk.headers["cache-control"] == "no-store"
    assert [row["Judul"] for row in csv_rows(clerk.body)] == ["Rapat T"]  # T: DINKES's clerk
    (entry,) = exported_entries()[before:]
    assert (entry["actor"], entry["origin"]) == ("pencatat", f"web:{ADDRESS}")
    # the same link, followed by someone who may not see the T record, or by nobody
    for cookie in (cookie_of("staf.dpk"), None, "forged.123.abc"):
        assert csv_rows(fetch(href, cookie).body) == []


def test_a_session_that_ended_exports_as_the_public(pages):
    href = export_links(open_page(SEARCH, user="pencatat", q="vaksin"))["Unduh CSV"]
    cookie = cookie_of("pencatat")
    session_id = shared().sessions.session_id_from(cookie)
    pencatat = shared().access.caller("pencatat")
    shared().sessions.logout(pencatat, [session_id])
    assert csv_rows(fetch(href, cookie).body) == []


def test_the_excel_file_has_the_pages_language(pages):
    app = in_language(open_page(SEARCH, user="pencatat", q="vaksin"))
    answer = fetch(export_links(app)["Download Excel"], cookie_of("pencatat"))
    assert answer.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(answer.body)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert "Title" in header and [row[header.index("Title")] for row in rows] == ["Rapat T"]


def test_a_request_from_another_site_or_for_another_format_is_refused(pages):
    href = export_links(open_page(SEARCH, user="pencatat", q="vaksin"))["Unduh CSV"]
    before = len(exported_entries())
    elsewhere = fetch(href, cookie_of("pencatat"), site="cross-site")
    assert elsewhere.status_code == 403
    assert "halaman Cari" in elsewhere.body.decode()
    assert len(exported_entries()) == before  # nothing exported, nothing audited
    other = fetch(href.replace("cari.csv", "cari.pdf"), cookie_of("pencatat"))
    assert other.status_code == 404 and "csv, xlsx" in other.body.decode()


def test_the_public_gets_every_page_of_the_search_and_nothing_hidden(pages):
    app = open_page(SEARCH, q="pengarsipan")
    answer = fetch(export_links(app)["Unduh CSV"])  # no cookie: the public
    ids = {row["ID arsip"] for row in csv_rows(answer.body)}
    total = shared().records.search(ANONYMOUS, SearchRequest(query="pengarsipan")).total
    assert len(ids) == total > 20 and pages["public"] in ids  # every page, not the first
    assert not ids & {pages["restricted"], pages["secret"]}


# -- a record's original file (Arsip) -------------------------------------------------------------
def test_the_record_page_links_its_file_and_the_route_gives_it_to_who_may_see_it(pages):
    app = open_page(RECORD, user="pencatat", id=pages["restricted"])
    assert not app.get("download_button")  # a link now, not a button
    href = export_links(app)["Unduh asli"]
    assert dict(parse_qsl(urlsplit(href).query)) == {
        "id": pages["restricted"], "berkas": "0", "lang": "id"
    }  # fmt: skip
    before = len(downloads())
    clerk = fetch(href, cookie_of("pencatat"))
    assert clerk.status_code == 200 and clerk.body == b"Rapat terbatas pengarsipan vaksin"
    assert clerk.headers["content-disposition"].startswith('attachment; filename="t.txt"')
    assert clerk.headers["x-content-type-options"] == "nosniff"
    (entry,) = downloads()[before:]
    assert (entry["actor"], entry["target"], entry["origin"]) == (
        "pencatat", pages["restricted"], f"web:{ADDRESS}"
    )  # fmt: skip
    # the same link for someone who may not see the T record, or for nobody: "not found"
    for cookie in (cookie_of("staf.dpk"), None):
        refused = fetch(href, cookie)
        assert refused.status_code == 404 and b"Rapat" not in refused.body
        assert "tidak ditemukan" in refused.body.decode()
    assert len(downloads()) == before + 1  # a refusal downloads nothing


def test_a_file_link_from_another_site_or_for_no_file_is_refused(pages):
    href = export_links(open_page(RECORD, id=pages["public"]))["Unduh asli"]
    assert fetch(href).body.startswith(b"%PDF")  # the public record, for the public
    elsewhere = fetch(href, site="cross-site")
    assert elsewhere.status_code == 403 and "halaman Arsip" in elsewhere.body.decode()
    for wrong in ("berkas=0", "berkas=7"), ("berkas=0", "berkas=x"), ("lang=id", "lang=en"):
        answer = fetch(href.replace(*wrong))
        assert answer.status_code == (200 if wrong[1] == "lang=en" else 404)


def test_a_file_name_beyond_ascii_is_given_as_typed(pages):
    from repository.core.security import ADMIN
    from tests.conftest import add

    record = add(shared(), 'Surat édaran "final".txt', b"isi", unit="DPK")
    href = export_links(open_page(RECORD, id=record))["Unduh asli"]
    disposition = fetch(href).headers["content-disposition"]
    assert disposition == (
        'attachment; filename="Surat _daran _final_.txt"; '
        "filename*=UTF-8''Surat%20%C3%A9daran%20%22final%22.txt"
    )
    assert shared().records.original(ADMIN, record)[0] == 'Surat édaran "final".txt'


def downloads() -> list[dict]:
    return [e for e in shared().access.audit.entries() if e["action"] == "downloaded"]
