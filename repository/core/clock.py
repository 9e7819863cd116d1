"""The one clock: every date and time Lontar writes or compares comes from here.

Dates are legal facts in this domain (a PPID deadline, a share's end, the day a record became
due), and they are reckoned in the Pemda's zone, not the server's: a server kept in UTC would
otherwise date everything between 17:00 and 24:00 UTC one day early. The zone is `$LONTAR_TZ`
(default Asia/Jakarta). `$LONTAR_CLOCK` (an ISO date or datetime) stands still at that moment,
for training; tests use `frozen()` or `set_source()`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

ZONE_ENV = "LONTAR_TZ"
CLOCK_ENV = "LONTAR_CLOCK"
DEFAULT_ZONE = "Asia/Jakarta"

_source: Callable[[], dt.datetime] | None = None


def zone() -> ZoneInfo:
    return ZoneInfo(os.environ.get(ZONE_ENV) or DEFAULT_ZONE)


def now() -> dt.datetime:
    """An aware datetime in the configured zone."""
    if _source is not None:
        return _aware(_source()).astimezone(zone())
    fixed = os.environ.get(CLOCK_ENV)
    if fixed:
        return _aware(dt.datetime.fromisoformat(fixed)).astimezone(zone())
    return dt.datetime.now(zone())


def utcnow() -> dt.datetime:
    """The same moment in UTC, for storing: a ZoneInfo does not pickle into ZODB."""
    return now().astimezone(dt.UTC)


def today() -> dt.date:
    """The date in the configured zone, whatever the server's own zone is."""
    return now().date()


def local(moment: dt.datetime) -> dt.datetime:
    """A stored moment (aware, any zone; naive means the configured zone) in local time."""
    return _aware(moment).astimezone(zone())


def set_source(source: Callable[[], dt.datetime] | None) -> None:
    """Replaces the clock for this process (None: the real clock again)."""
    global _source
    _source = source


@contextmanager
def frozen(moment: dt.datetime | dt.date) -> Iterator[None]:
    """The clock stands at `moment` inside the block (a date means its local midnight)."""
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time())
    previous = _source
    set_source(lambda: moment)
    try:
        yield
    finally:
        set_source(previous)


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=zone())
