"""Sessions: a login that survives a reload, a new tab and a link from an e-mail.

A session is a record in the database (`Pemda.sessions`), found by the SHA-256 of its id: the
id itself lives only in the browser's cookie, so a copy of the database opens no session. The
cookie (`lontar_session`, set by the app's own route in `ui/web.py`) is the id, its absolute
expiry and an HMAC-SHA256 over both with a secret kept in the home (`Home.session_key_file`,
0600, never logged or audited): a cookie forged or stretched is refused before any lookup.

A session ends when it is idle longer than its idle timeout (`$LONTAR_IDLE_MINUTES`, 30), at
its absolute expiry (`$LONTAR_SESSION_HOURS`, 12), at logout, when its user ends it on *Sesi
aktif*, and when the account's password changes or the account is disabled. An ended session
stays (revoked) until its absolute expiry, so another tab can say why it was logged out; then
it is pruned at the next login.

The login form cannot set a cookie (a Streamlit script run has no HTTP response): it opens the
session with a one-time handoff token (random, stored hashed, valid `HANDOFF_SECONDS`, used
once) and sends the browser to `/api/session/start`, which exchanges the token for a *new*
session id in the cookie (`exchange`): the id the script run saw is never the one a browser
holds.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

from BTrees.OOBTree import OOBTree
from persistent import Persistent

from repository.core import clock
from repository.core.content import Pemda, lazy_tree
from repository.core.db import reading, write
from repository.core.errors import InvalidInput
from repository.core.security import Caller
from repository.core.service import Service

COOKIE = "lontar_session"
HANDOFF_SECONDS = 60
TOUCH_SECONDS = 60  # last_seen is written at most this often: no commit per click
AGENT_CHARS = 60


def idle_minutes() -> float:
    return float(os.environ.get("LONTAR_IDLE_MINUTES", "30"))


def session_hours() -> float:
    return float(os.environ.get("LONTAR_SESSION_HOURS", "12"))


class Session(Persistent):
    """One browser's login. Times are UTC (a ZoneInfo does not pickle)."""

    address = ""
    agent = ""
    revoked: dt.datetime | None = None
    ended_because = ""  # logout, ended, password, disabled
    handoff: str | None = None  # sha256 of the one-time token, until it is used
    handoff_until: dt.datetime | None = None

    def __init__(self, name: str, now: dt.datetime, idle: float, hours: float) -> None:
        self.name = name
        self.created = self.last_seen = now
        self.idle_minutes = idle
        self.expires = now + dt.timedelta(hours=hours)

    def ended(self, now: dt.datetime) -> str | None:
        """Why the session no longer stands (a message key), or None while it does."""
        if self.revoked is not None:
            return "session_revoked"
        if now >= self.expires:
            return "session_over"
        if now - self.last_seen > dt.timedelta(minutes=self.idle_minutes):
            return "session_expired"
        return None

    def revoke(self, now: dt.datetime, why: str) -> None:
        if self.revoked is None:
            self.revoked, self.ended_because = now, why
        self.handoff = self.handoff_until = None


def key_of(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def sessions_of(pemda: Pemda) -> OOBTree:
    return lazy_tree(pemda, "sessions")


def new_id() -> str:
    return secrets.token_urlsafe(32)


def open_session(pemda: Pemda, name: str, address: str, agent: str, now: dt.datetime) -> Opened:
    """A new session for `name` with its handoff token; prunes sessions long over first."""
    prune(pemda, now)
    session_id, handoff = new_id(), secrets.token_urlsafe(32)
    session = Session(name, now, idle_minutes(), session_hours())
    session.address, session.agent = address, short_agent(agent)
    session.handoff = hashlib.sha256(handoff.encode()).hexdigest()
    session.handoff_until = now + dt.timedelta(seconds=HANDOFF_SECONDS)
    key = key_of(session_id)
    sessions_of(pemda)[key] = session
    return Opened(session_id, f"{key}.{handoff}")


def prune(pemda: Pemda, now: dt.datetime) -> int:
    """Deletes sessions past their absolute expiry (revoked ones are kept until then)."""
    tree = pemda.sessions or {}
    over = [key for key, session in tree.items() if session.expires <= now]
    for key in over:
        del tree[key]
    return len(over)


def revoke_account(
    pemda: Pemda, name: str, now: dt.datetime, why: str, keep: str | None = None
) -> int:
    """Ends every standing session of `name` but `keep` (a session id); the number ended."""
    kept = key_of(keep) if keep else None
    ended = 0
    for key, session in (pemda.sessions or {}).items():
        if session.name == name and key != kept and session.ended(now) is None:
            session.revoke(now, why)
            ended += 1
    return ended


def short_agent(agent: str) -> str:
    """The browser and system a person recognises ("Chrome 131 · Linux"), not the whole
    User-Agent header: enough to tell one's sessions apart, and nothing more is kept."""
    browser = next(
        (f"{label} {m.group(1)}" for pattern, label in _BROWSERS if (m := pattern.search(agent))),
        "",
    )
    system = next((label for word, label in _SYSTEMS if word in agent), "")
    return " · ".join(part for part in (browser, system) if part)[:AGENT_CHARS]


_BROWSERS = tuple(
    (re.compile(pattern), label)
    for pattern, label in (
        (r"Edg/(\d+)", "Edge"),
        (r"OPR/(\d+)", "Opera"),
        (r"Firefox/(\d+)", "Firefox"),
        (r"Chrom(?:e|ium)/(\d+)", "Chrome"),
        (r"Version/(\d+)[.\d]* .*Safari/", "Safari"),
    )
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


@dataclasses.dataclass(frozen=True)
class Opened:
    """What a login hands to the page: the session id (kept by that Streamlit session only,
    for when no cookie comes) and the one-time token the browser exchanges for the cookie."""

    session_id: str
    handoff: str


@dataclasses.dataclass(frozen=True)
class Resumed:
    """Who a request's session names (None: nobody) and, for a session that ended, why."""

    name: str | None
    session_id: str | None = None
    ended: str | None = None


@dataclasses.dataclass(frozen=True)
class Cookie:
    """The `lontar_session` cookie a route sets: its value and lifetime in seconds."""

    value: str
    max_age: int


class SessionServices(Service):
    """Sessions for the web app: resumed on every script run, exchanged by the route, listed
    and ended by their owner. Opening one is part of the login (`AccessServices.sign_in`);
    ending them on a password change is part of that change."""

    _secret: bytes | None = None

    @property
    def timeouts(self) -> tuple[float, float]:
        """(idle minutes, absolute hours) for sessions opened now, as the pages explain them."""
        return idle_minutes(), session_hours()

    # -- the cookie ---------------------------------------------------------------------
    @property
    def secret(self) -> bytes:
        if self._secret is None:
            self._secret = load_secret(self.home.session_key_file)
        return self._secret

    def _signature(self, payload: str) -> str:
        digest = hmac.new(self.secret, payload.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def cookie_for(self, session_id: str, expires: dt.datetime) -> Cookie:
        stamp = int(expires.timestamp())
        payload = f"{session_id}.{stamp}"
        max_age = max(0, int((expires - clock.utcnow()).total_seconds()))
        return Cookie(f"{payload}.{self._signature(payload)}", max_age)

    def session_id_from(self, cookie: str | None) -> str | None:
        """The session id a cookie carries, if its signature holds and it has not expired;
        None for anything else (no cookie, a forged, altered or stale one)."""
        parts = (cookie or "").split(".")
        if len(parts) != 3 or not parts[1].isdigit():
            return None
        session_id, stamp, signature = parts
        if not hmac.compare_digest(signature, self._signature(f"{session_id}.{stamp}")):
            return None
        if int(stamp) <= clock.utcnow().timestamp():
            return None
        return session_id

    # -- the route: one-time token -> cookie ----------------------------------------------
    def exchange(self, token: str) -> Cookie | None:
        """The cookie for a fresh handoff token, under a new session id; None for a token
        unknown, used or older than HANDOFF_SECONDS. The token is used up either way."""
        key, _, handoff = (token or "").partition(".")
        if not key or not handoff:
            return None
        now, fresh = clock.utcnow(), new_id()

        def swap(root) -> dt.datetime | None:
            tree = sessions_of(self._pemda(root))
            session = tree.get(key)
            if session is None or session.handoff is None:
                return None
            good = hmac.compare_digest(
                session.handoff, hashlib.sha256(handoff.encode()).hexdigest()
            )
            in_time = session.handoff_until is not None and now <= session.handoff_until
            session.handoff = session.handoff_until = None
            if not (good and in_time) or session.ended(now) is not None:
                return None
            del tree[key]
            tree[key_of(fresh)] = session
            return session.expires

        expires = write(self.db, swap, note="session exchange")
        return None if expires is None else self.cookie_for(fresh, expires)

    # -- every script run ----------------------------------------------------------------
    def resume(self, session_id: str | None) -> Resumed:
        """Whose session this is, if it stands; marks it seen (at most once a minute)."""
        if not session_id:
            return Resumed(None)
        key, now = key_of(session_id), clock.utcnow()
        with reading(self.db) as root:
            session = (self._pemda(root).sessions or {}).get(key)
            if session is None:
                return Resumed(None)
            ended, name, seen = session.ended(now), session.name, session.last_seen
        if ended is not None:
            return Resumed(None, session_id, ended)
        if now - seen >= dt.timedelta(seconds=TOUCH_SECONDS):
            write(self.db, lambda root: self._touch(root, key, now), note="session seen")
        return Resumed(name, session_id)

    def _touch(self, root, key: str, now: dt.datetime) -> None:
        session = (self._pemda(root).sessions or {}).get(key)
        if session is not None and session.ended(now) is None:
            session.last_seen = now

    # -- ending sessions -------------------------------------------------------------------
    def logout(self, caller: Caller, session_ids: list[str]) -> None:
        """Ends the caller's sessions named (the page's and its cookie's, when they differ),
        audited once as `logout`; a session already over is fine."""
        now, keys = clock.utcnow(), {key_of(session_id) for session_id in session_ids}

        def end(root) -> None:
            for key in keys:
                session = (self._pemda(root).sessions or {}).get(key)
                if session is not None and session.name == caller.name:
                    session.revoke(now, "logout")

        self.commit(caller, end, note="logout", audit=lambda _: [("logout", "", {})])

    def listed(self, caller: Caller, current: str | None) -> list[dict]:
        """The caller's standing sessions, newest first: `ref` names one for `end`."""
        now, current_key = clock.utcnow(), key_of(current or "")
        with reading(self.db) as root:
            found = [
                _row(key, session, key == current_key)
                for key, session in (self._pemda(root).sessions or {}).items()
                if session.name == caller.name and session.ended(now) is None
            ]
        return sorted(found, key=lambda row: row["created"], reverse=True)

    def end(self, caller: Caller, ref: str) -> None:
        """Ends one of the caller's own sessions (audited as `session_ended`, naming the
        session by when it started and from where, never by its id)."""
        now = clock.utcnow()

        def end(root) -> dict:
            session = _own(self._pemda(root), caller, ref)
            session.revoke(now, "ended")
            return {"started": session.created.isoformat(), "address": session.address}

        self.commit(
            caller, end, note="session end", audit=lambda which: [("session_ended", "", which)]
        )

    def end_others(self, caller: Caller, current: str | None) -> int:
        """Ends every session of the caller but this one; the number ended."""
        now = clock.utcnow()

        def end(root) -> int:
            return revoke_account(self._pemda(root), caller.name, now, "ended", keep=current)

        return self.commit(
            caller,
            end,
            note="sessions end",
            audit=lambda count: [("sessions_revoked", f"user:{caller.name}", {"count": count})],
        )


def _own(pemda: Pemda, caller: Caller, ref: str) -> Session:
    """A session of the caller's, by the first characters of its key (`listed`'s `ref`)."""
    if pemda.sessions is not None and len(ref) == REF_CHARS:
        for key, session in pemda.sessions.items(ref, ref + "g"):  # keys are hex: g > f
            if key.startswith(ref) and session.name == caller.name:
                return session
    raise InvalidInput("session_unknown")


REF_CHARS = 16


def _row(key: str, session: Session, current: bool) -> dict:
    return {
        "ref": key[:REF_CHARS],
        "created": session.created,
        "last_seen": session.last_seen,
        "address": session.address,
        "agent": session.agent,
        "current": current,
    }


def load_secret(path: Path) -> bytes:
    """The cookie-signing secret, created at the first need (0600 in a 0700 folder). It is
    written whole under another name and linked into place, so two processes starting
    together agree on one secret and neither can read a half-written file."""
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process was first: its secret is the one
        finally:
            draft.unlink()
    return path.read_text().strip().encode()
