"""How a person reads a moment or a number (repository/core/formatting.py): in words, in the
configured zone with its name (WIB, WITA, WIT), in the session's language; ISO 8601 with its
offset only for machines."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from repository.core import clock
from repository.core.formatting import date_text, datetime_text, machine, number_text, time_text

EVENING_UTC = "2026-12-04T19:05:55+00:00"  # already the next morning everywhere in Indonesia


@pytest.fixture(autouse=True)
def _jakarta(monkeypatch):
    """The default zone, whatever the developer's shell sets."""
    monkeypatch.delenv(clock.ZONE_ENV, raising=False)


@pytest.mark.parametrize(
    ("lang", "style", "expected"),
    [
        ("id", "long", "4 Desember 2026"),
        ("id", "medium", "4 Des 2026"),
        ("id", "short", "04/12/2026"),
        ("en", "long", "4 December 2026"),
        ("en", "medium", "4 Dec 2026"),
        ("en", "short", "04/12/2026"),
    ],
)
def test_a_date_reads_in_words_in_either_language(lang, style, expected):
    assert date_text(dt.date(2026, 12, 4), lang, style) == expected
    assert date_text("2026-12-04", lang, style) == expected


def test_every_indonesian_month_has_its_own_name():
    months = [date_text(dt.date(2026, m, 1), "id") for m in range(1, 13)]
    assert [m.split()[1] for m in months] == [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ]  # fmt: skip


def test_indonesian_is_the_default_language():
    assert date_text("2026-12-04") == "4 Desember 2026"
    assert date_text("2026-12-04", "jv") == "4 Desember 2026"  # an unknown language too


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Jakarta", "5 Desember 2026 02.05 WIB"),
        ("Asia/Pontianak", "5 Desember 2026 02.05 WIB"),
        ("Asia/Makassar", "5 Desember 2026 03.05 WITA"),
        ("Asia/Jayapura", "5 Desember 2026 04.05 WIT"),
    ],
)
def test_a_moment_stored_in_utc_reads_on_the_local_day_with_its_zone(monkeypatch, zone, expected):
    monkeypatch.setenv(clock.ZONE_ENV, zone)
    assert datetime_text(EVENING_UTC, "id") == expected
    assert datetime_text(dt.datetime(2026, 12, 4, 19, 5, 55, tzinfo=dt.UTC), "id") == expected
    assert date_text(EVENING_UTC, "id") == "5 Desember 2026"  # the local day, not UTC's


def test_the_zone_keeps_its_indonesian_name_in_english():
    assert datetime_text(EVENING_UTC, "en") == "5 December 2026 02.05 WIB"
    assert datetime_text(EVENING_UTC, "en", "medium") == "5 Dec 2026 02.05 WIB"
    assert time_text(EVENING_UTC, "en") == "02.05 WIB"


def test_outside_indonesia_the_zone_is_named_or_its_offset_given(monkeypatch):
    monkeypatch.setenv(clock.ZONE_ENV, "UTC")
    assert datetime_text(EVENING_UTC, "id") == "4 Desember 2026 19.05 UTC"
    monkeypatch.setenv(clock.ZONE_ENV, "Europe/Amsterdam")
    assert time_text(EVENING_UTC, "id") == "20.05 UTC+0100"


def test_a_time_reads_as_hours_and_minutes_with_a_dot():
    assert time_text(EVENING_UTC, "id") == "02.05 WIB"
    assert time_text("2026-12-04T19:05:55Z", "id") == "02.05 WIB"  # Z is UTC


def test_a_naive_moment_is_local_time(monkeypatch):
    naive = dt.datetime(2026, 12, 4, 23, 30)
    assert datetime_text(naive, "id") == "4 Desember 2026 23.30 WIB"
    assert datetime_text("2026-12-04T23:30", "id") == "4 Desember 2026 23.30 WIB"
    assert machine(naive) == "2026-12-04T23:30:00+07:00"
    monkeypatch.setenv(clock.ZONE_ENV, "Asia/Makassar")
    assert datetime_text(naive, "id") == "4 Desember 2026 23.30 WITA"  # not shifted


def test_a_date_given_where_a_moment_is_expected_reads_as_a_date():
    assert datetime_text(dt.date(2026, 12, 4), "id") == "4 Desember 2026"
    assert datetime_text("2026-12-04", "en", "medium") == "4 Dec 2026"


@pytest.mark.parametrize("empty", [None, ""])
def test_nothing_reads_as_nothing(empty):
    assert date_text(empty, "id") == ""
    assert time_text(empty, "id") == ""
    assert datetime_text(empty, "id") == ""
    assert machine(empty) == ""


@pytest.mark.parametrize("unreadable", ["kemarin", "2026-13-40", "2026-02-30", "04/12/2026"])
def test_an_unreadable_value_is_shown_as_it_was_instead_of_failing(unreadable):
    assert date_text(unreadable, "id") == unreadable
    assert time_text(unreadable, "id") == unreadable
    assert datetime_text(unreadable, "id") == unreadable
    assert machine(unreadable) == unreadable


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (12345, "id", "12.345"),
        (12345, "en", "12,345"),
        (1234567.5, "id", "1.234.567,5"),
        (1234567.5, "en", "1,234,567.5"),
        (0, "id", "0"),
        (-42, "id", "-42"),
        (None, "id", ""),
    ],
)
def test_numbers_use_the_languages_separators(value, lang, expected):
    assert number_text(value, lang) == expected


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Jakarta", "2026-12-05T02:05:55+07:00"),
        ("Asia/Makassar", "2026-12-05T03:05:55+08:00"),
        ("Asia/Jayapura", "2026-12-05T04:05:55+09:00"),
        ("UTC", "2026-12-04T19:05:55+00:00"),
    ],
)
def test_machines_get_iso_8601_with_the_offset_of_the_configured_zone(monkeypatch, zone, expected):
    monkeypatch.setenv(clock.ZONE_ENV, zone)
    assert machine(EVENING_UTC) == expected
    assert dt.datetime.fromisoformat(machine(EVENING_UTC)) == dt.datetime.fromisoformat(EVENING_UTC)


def test_machines_get_a_date_as_yyyy_mm_dd_and_seconds_not_microseconds():
    assert machine(dt.date(2026, 12, 4)) == "2026-12-04"
    assert machine("2026-12-04") == "2026-12-04"
    moment = dt.datetime(2026, 12, 4, 19, 5, 55, 123456, tzinfo=dt.UTC)
    assert machine(moment) == "2026-12-05T02:05:55+07:00"


def test_the_clock_and_the_words_agree_on_the_day():
    """What the clock calls today is the day a person reads for the same moment."""
    with clock.frozen(dt.datetime(2026, 12, 4, 19, 5, tzinfo=dt.UTC)):
        assert clock.today() == dt.date(2026, 12, 5)
        assert date_text(clock.utcnow(), "id") == date_text(clock.today(), "id")


def test_a_date_has_no_time_of_day():
    assert time_text(dt.date(2026, 12, 4), "id") == ""


@pytest.mark.parametrize("missing", [pd.NaT, float("nan"), None, ""])
def test_missing_cells_read_as_nothing(missing):
    assert date_text(missing, "id") == ""
    assert datetime_text(missing, "id") == ""
    assert machine(missing) == ""
    assert number_text(None if missing == "" else missing, "id") == ""
