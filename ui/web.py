"""The web app as `lontar serve` starts it: Streamlit's app (`streamlit_app.py` and `pages/`)
with HTTP routes of Lontar's own on the same port: two for the session cookie, two that hand
out files (Cari's export, a record's original), the catalogue's permanent URLs, OAI-PMH, and
one for the QR code of a signed letter.

A Streamlit script run cannot answer with a `Set-Cookie`; these routes can:

- `GET /api/session/start?token=…&next=…` exchanges the one-time token the login form made
  (`SessionServices.exchange`) for the `lontar_session` cookie and answers 303 to `next`, a
  path on this site (anything else goes to `/`). Only a request from the app's own page is
  served (`from_this_site`): a token sent to someone else in a link logs nobody in.
- `GET /api/session/end` clears the cookie and answers 303 to `/`. The session itself was
  ended by the page before it came here, so a page that never reaches this route still ends
  the session; the cookie left behind names a revoked session and opens nothing.

The cookie is `HttpOnly` (no script reads it), `SameSite=Lax` (a link from an e-mail opens
logged in; a form posted from another site does not carry it), `Path=/`, lives as long as the
session may (`Max-Age`), and is `Secure` when the browser came over HTTPS (directly or through
a trusted proxy, `$LONTAR_TRUSTED_PROXIES`). The routes are plain functions: Starlette runs
them in its thread pool, as ZODB work must be.

- `GET /api/ekspor/cari.{csv|xlsx}?q=…&lang=…` is Cari's export: every hit of the search
  its parameters describe (`ui.params`), as the session's user may see them, audited as
  `exported` with the browser's address. The session is the cookie's, checked as each page
  run checks it (`SessionServices.resume`; none, or one that ended, is the public). Only a
  request from the app's own page is served (`from_this_site`), so a link on another site
  cannot make a logged-in browser export (and audit) a search it did not ask for.

- `GET /api/arsip/asli?id=…&berkas=N` is a record's file exactly as uploaded (the Arsip
  page's download links): `RecordServices.original` for the cookie's user, who must be
  allowed to see the record (else "not found", as on the page), audited as `downloaded`.

Both answer with `Content-Disposition: attachment`, `Cache-Control: no-store` and
`X-Content-Type-Options: nosniff`, so an uploaded file is saved, never shown in the app's
origin.

- `GET /katalog/{ref}` is a record's permanent URL in the public catalogue (an id, or a
  reference code it has or had): 303 to the Katalog page with `?id=` (docs/catalogue.md).
- `GET|POST /oai` is the OAI-PMH 2.0 data provider (docs/oai-pmh.md).
- `GET /v/{id}` is the address a signed letter's QR code carries: it answers 303 to the
  Verifikasi Naskah page with `?id=`. The id is opaque (random, no metadata); anything but
  the characters such an id is made of goes to the page without an id, which then offers
  only the upload box.

Run as `python -m ui.web --port 8501 --address localhost` (what `lontar serve` does).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import streamlit as st
from anyio import from_thread
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from repository.app import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    SESSION_COOKIE,
    Caller,
    LontarError,
    came_over_https,
    client_address,
    exports,
    translate,
    trusted_proxies,
)
from ui import params, registry, routes
from ui.frame import shared

ENTRY = Path(__file__).resolve().parents[1] / registry.HOME.script
OPAQUE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")  # a verification id: URL-safe base64


def safe_next(target: str | None) -> str:
    """Only a path on this site: `/Arsip?id=…` yes; `//evil.example`, `https://…`,
    `/\\evil` or anything with a scheme or host goes to `/` (no open redirect)."""
    target = target or "/"
    parts = urlsplit(target)
    if (
        not target.startswith("/")
        or target.startswith(("//", "/\\"))
        or parts.scheme
        or parts.netloc
        or any(ord(c) < 32 for c in target)
    ):
        return "/"
    return target


def _secure(request: Request) -> bool:
    peer = request.client.host if request.client else None
    forwarded = request.headers.get("x-forwarded-proto")
    return came_over_https(request.url.scheme, peer, forwarded, trusted_proxies())


def from_this_site(request: Request) -> bool:
    """Whether the browser says the request came from one of the app's own pages. The token
    travels only that way (the page's script); a link to it from elsewhere (an e-mail, another
    site: `Sec-Fetch-Site` cross-site or none) would log the visitor in as whoever made the
    token, so it is refused. A browser too old to say is believed."""
    return request.headers.get("sec-fetch-site", "same-origin") == "same-origin"


def start(request: Request) -> Response:
    answer = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    answer.headers["Cache-Control"] = "no-store"
    if not from_this_site(request):
        return answer
    cookie = shared().sessions.exchange(request.query_params.get("token", ""))
    if cookie is not None:
        answer.set_cookie(
            SESSION_COOKIE,
            cookie.value,
            max_age=cookie.max_age,
            path="/",
            httponly=True,
            samesite="lax",
            secure=_secure(request),
        )
    return answer


def end(request: Request) -> Response:
    answer = RedirectResponse("/", status_code=303)
    answer.headers["Cache-Control"] = "no-store"
    answer.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=_secure(request)
    )
    return answer


def _caller(request: Request) -> Caller:
    """Who the request's session cookie names, as a page run finds them (`ui.frame`), with
    the browser's address as the audit's origin."""
    lontar = shared()
    peer = request.client.host if request.client else None
    address = client_address(peer, request.headers.get("x-forwarded-for"), trusted_proxies())
    session_id = lontar.sessions.session_id_from(request.cookies.get(SESSION_COOKIE))
    return lontar.access.caller(lontar.sessions.resume(session_id).name, f"web:{address}")


def search_export(request: Request) -> Response:
    """Cari's export as a file (see the module's docstring); a refusal or an error is a line
    of text in the page's language."""
    fmt, language = request.path_params.get("fmt", ""), _language(request)
    if fmt not in routes.EXPORT_FORMATS:
        choices = ", ".join(routes.EXPORT_FORMATS)
        message = translate("bad_format", language, value=fmt, choices=choices)
        return PlainTextResponse(message, status_code=404)
    if not from_this_site(request):
        return PlainTextResponse(translate("export_elsewhere", language), status_code=403)
    search = params.request_from(request.query_params)
    try:
        data = shared().records.export(_caller(request), search, fmt, language)
    except LontarError as exc:
        return PlainTextResponse(exc.message(language), status_code=400)
    return _attachment(data, exports.MEDIA_TYPES[fmt], f"lontar-cari.{fmt}")


def original(request: Request) -> Response:
    """A record's file as uploaded (see the module's docstring); a record the session's user
    may not see is "not found", as on the Arsip page."""
    language = _language(request)
    if not from_this_site(request):
        return PlainTextResponse(translate("download_elsewhere", language), status_code=403)
    record_id = request.query_params.get("id", "")
    position = request.query_params.get("berkas", "0")
    at = int(position) if position.isdigit() else -1  # no file is at -1: "not found"
    try:
        name, media_type, data = shared().records.original(_caller(request), record_id, at)
    except LontarError as exc:
        return PlainTextResponse(exc.message(language), status_code=404)
    return _attachment(data, media_type, name)


def _language(request: Request) -> str:
    language = request.query_params.get("lang")
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def _attachment(data: bytes, media_type: str, name: str) -> Response:
    """A file the browser saves, never shows: an uploaded HTML or SVG file opened in the
    app's own origin could run its scripts there (`nosniff` keeps the browser from guessing
    otherwise). The name goes as typed (RFC 6266 `filename*`) with a plain fallback."""
    plain = re.sub(r"[^A-Za-z0-9._ -]", "_", name) or "berkas"
    answer = Response(data, media_type=media_type or "application/octet-stream")
    answer.headers["Content-Disposition"] = (
        f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"
    )
    answer.headers["Cache-Control"] = "no-store"
    answer.headers["X-Content-Type-Options"] = "nosniff"
    return answer


def verification(request: Request) -> Response:
    """The QR code's target: on to the public Verifikasi Naskah page, the id as `?id=`."""
    opaque_id = request.path_params.get("opaque_id", "")
    query = f"?{urlencode({'id': opaque_id})}" if OPAQUE_ID.fullmatch(opaque_id) else ""
    return RedirectResponse(f"/{registry.LETTER_VERIFY.url}{query}", status_code=303)


def katalog(request: Request) -> Response:
    """A permanent URL, `/katalog/<id or reference code>`: 303 to the Katalog page with the
    record's id, resolved at this moment (`CatalogueServices.resolve`: a reference code the
    record had before a move still finds it). One the catalogue does not know goes on as
    typed, so the page says "not found in the catalogue"; one with characters no id or
    reference code has goes to the catalogue's front page."""
    ref = request.path_params.get("ref", "").strip()
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,199}", ref):
        return RedirectResponse(f"/{registry.CATALOGUE.url}", status_code=303)
    query = urlencode({"id": shared().catalogue.resolve(ref) or ref})
    return RedirectResponse(f"/{registry.CATALOGUE.url}?{query}", status_code=303)


def oai(request: Request) -> Response:
    """The OAI-PMH 2.0 data provider (docs/oai-pmh.md): the arguments of the query (GET) or
    of the form body (POST, application/x-www-form-urlencoded), each with every value given,
    so that a repeated one is refused (badArgument) as the protocol wants."""
    query = request.url.query
    if request.method == "POST":
        query = from_thread.run(request.body).decode("utf-8", "replace")
    params = parse_qs(query, keep_blank_values=True)
    return Response(shared().catalogue.oai(params), media_type="text/xml; charset=utf-8")


ROUTES = [
    Route("/api/session/start", start, methods=["GET"]),
    Route("/api/session/end", end, methods=["GET"]),
    Route(f"/{routes.EXPORT_ROUTE}.{{fmt}}", search_export, methods=["GET"]),
    Route(f"/{routes.ORIGINAL_ROUTE}", original, methods=["GET"]),
    Route("/v/{opaque_id}", verification, methods=["GET"]),
    Route("/katalog/{ref:path}", katalog, methods=["GET"]),
    Route("/oai", oai, methods=["GET", "POST"]),
]

app = st.App(str(ENTRY), routes=ROUTES)


def main(argv: list[str] | None = None) -> None:
    """Serves the app. Streamlit anchors its configuration (`.streamlit/config.toml`), the
    import path and the pages folder on the launching script, so the launcher is named as
    the app's own entry point: everything is found where `streamlit run streamlit_app.py`
    finds it."""
    parser = argparse.ArgumentParser(prog="python -m ui.web")
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--address", default="localhost")
    options = parser.parse_args(argv)
    sys.argv = [str(ENTRY)]
    app.run(
        config={
            "server.port": options.port,
            "server.address": options.address,
            "server.headless": True,
            "browser.gatherUsageStats": False,
            # a served app does not reload its own source; watching the project folder
            # would also watch a data directory inside it (`make run`'s var/, its blobs)
            # until the kernel's inotify limit is reached
            "server.fileWatcherType": "none",
        }
    )


if __name__ == "__main__":
    main()
