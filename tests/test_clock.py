"""One clock: on a server kept in UTC, every date Lontar writes is the Pemda's date (Asia/Jakarta,
UTC+7). At 16:30 UTC it is 23:30 WIB, still the same day; at 17:30 UTC it is 00:30 WIB, the
next day, while the server's own date has not moved. Before the one clock, record history, grant
and share checks, retention lists and the audit trail wrote the server's date, and PPID the
Pemda's: they disagreed by a day every evening."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from indexes.search import SearchRequest
from repository.core import clock
from repository.core.errors import InvalidInput
from repository.core.security import ADMIN
from tests.conftest import add
from tests.test_ppid import file


@pytest.fixture
def server_in_utc():
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.parametrize(
    ("utc", "pemda_day"),
    [
        (dt.datetime(2026, 3, 2, 16, 30, tzinfo=dt.UTC), "2026-03-02"),
        (dt.datetime(2026, 3, 2, 17, 30, tzinfo=dt.UTC), "2026-03-03"),
    ],
)
def test_every_date_written_is_the_pemda_date(service, server_in_utc, utc, pemda_day):
    with clock.frozen(utc):
        assert clock.today().isoformat() == pemda_day
        record = add(service, "surat.txt", b"Surat undangan rapat koordinasi")
        service.index.catch_up(ocr=False)
        shown = service.records.show(ADMIN, record)
        assert shown["created"][:10] == pemda_day
        assert all(h[0][:10] == pemda_day for h in shown["history"]), shown["history"]

        filed = file(service)
        assert filed["received"] == filed["start"] == pemda_day

        day = dt.date.fromisoformat(pemda_day)
        service.access.share(ADMIN, record, "DINKES", until=day)  # its last day is today
        with pytest.raises(InvalidInput):
            service.access.share(ADMIN, record, "DPK", until=day - dt.timedelta(days=1))

        assert service.workbench.retention_due(ADMIN)["on"] == pemda_day
        service.records.search(ADMIN, SearchRequest(query="rapat"))
        written = [e["at"][:10] for e in service.context.audit.entries()]
        assert written and set(written[-3:]) == {pemda_day}
