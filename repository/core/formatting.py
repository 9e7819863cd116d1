"""How a person reads a date, a time or a number: one module for pages, PDFs and e-mails.

People in Indonesian offices read "4 Desember 2026" and "02.05 WIB", not
`2026-12-04T19:05:55+00:00`: every moment shown to a person is put in the configured zone
(`repository.core.clock.zone`) and written with Babel's CLDR data for the session's
language. The zone is always named, so a moment read in Makassar (WITA) is never taken for
local time. Files for machines (CSV/Excel exports, JSON, EAD, OAI-PMH) keep ISO 8601 with the
offset (`machine`).

Values may come as `date`, aware or naive `datetime` (naive means the configured zone, as in
the clock), or the ISO strings the services return; an empty value reads as an empty string
and an unreadable string comes back as it was, so a page never fails on a bad stored value.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_datetime, get_timezone_name
from babel.numbers import format_decimal

from repository.core import clock
from repository.core.i18n import DEFAULT_LANGUAGE

LOCALES = {"id": "id_ID", "en": "en_GB"}
DATE_STYLES = {"long": "d MMMM y", "medium": "d MMM y", "short": "dd/MM/y"}
TIME_PATTERN = "HH.mm"

Moment = dt.datetime | dt.date | str | None


def locale(lang: str | None) -> str:
    return LOCALES.get(lang or DEFAULT_LANGUAGE, LOCALES[DEFAULT_LANGUAGE])


def _empty(value: object) -> bool:
    """None, "", and the missing cells of pandas (NaN, NaT: neither equals itself)."""
    return value is None or value == "" or value != value


def _shown(value: object) -> str:
    """What an unreadable value reads as: nothing if it is missing, else itself."""
    return "" if _empty(value) else str(value)


def _parse(value: Moment) -> dt.datetime | dt.date | None:
    if _empty(value):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value
    text = str(value).strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def zone_name(moment: dt.datetime) -> str:
    """WIB, WITA or WIT for Indonesia's zones in either language (the names people use);
    elsewhere the locale's short name, or the offset."""
    local = clock.local(moment)
    name = get_timezone_name(local, "short", locale=LOCALES["id"])
    if name.isalpha():
        return name
    return local.strftime("UTC%z")


def date_text(value: Moment, lang: str | None = None, style: str = "long") -> str:
    """'4 Desember 2026' (long), '4 Des 2026' (medium) or '04/12/2026' (short)."""
    parsed = _parse(value)
    if parsed is None:
        return _shown(value)
    if isinstance(parsed, dt.datetime):
        parsed = clock.local(parsed).date()
    return format_date(parsed, DATE_STYLES.get(style, style), locale=locale(lang))


def time_text(value: Moment, lang: str | None = None) -> str:
    """'02.05 WIB': hours and minutes in the configured zone, zone named."""
    parsed = _parse(value)
    if parsed is not None and not isinstance(parsed, dt.datetime):
        return ""
    if parsed is None:
        return _shown(value)
    local = clock.local(parsed)
    return f"{format_datetime(local, TIME_PATTERN, locale=locale(lang))} {zone_name(local)}"


def datetime_text(value: Moment, lang: str | None = None, style: str = "long") -> str:
    """'4 Desember 2026 02.05 WIB'; a plain date reads as a date."""
    parsed = _parse(value)
    if not isinstance(parsed, dt.datetime):
        return date_text(value, lang, style)
    return f"{date_text(parsed, lang, style)} {time_text(parsed, lang)}"


def number_text(value: int | float | None, lang: str | None = None) -> str:
    """'12.345' in Indonesian, '12,345' in English."""
    if _empty(value):
        return ""
    return format_decimal(value, locale=locale(lang))


def machine(value: Moment) -> str:
    """ISO 8601 for files meant for machines: a moment with its offset, in the configured
    zone; a date as YYYY-MM-DD."""
    parsed = _parse(value)
    if parsed is None:
        return _shown(value)
    if isinstance(parsed, dt.datetime):
        return clock.local(parsed).isoformat(timespec="seconds")
    return parsed.isoformat()
