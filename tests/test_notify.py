"""E-mail notifications on real parts: the outbox in the FileStorage repository, messages
sent by smtplib to a local SMTP server the test starts (tests/smtp_stub.py), the worker's
step as the sender, the settings read from the home's lontar.toml."""

from __future__ import annotations

import datetime as dt

from repository.core import clock
from repository.core.config import MailSettings, mail_settings
from repository.core.content import pemda_of
from repository.core.db import reading, write
from repository.core.security import ADMIN
from repository.letters import notify
from repository.run.worker import Worker
from tests.smtp_stub import SmtpStub
from tests.test_inbox import external
from tests.test_letters import (  # noqa: F401  (fixtures)
    fields,
    office,
    who,
)

URL = "https://lontar.kota-uji.go.id"


def settings(port: int) -> MailSettings:
    return MailSettings("127.0.0.1", port, "lontar@kota-uji.go.id", public_url=URL)


def outbox(service) -> list[dict]:
    with reading(service.db) as root:
        return notify.pending_rows(pemda_of(root).letters)


def addresses(service) -> None:
    """kadis's own address; kabid's set by the administrator, and English stored for them."""
    service.letters.set_email(who(service, "kadis"), "kadis@kota-uji.go.id")
    service.letters.set_email(ADMIN, "kabid@kota-uji.go.id", account="kabid")

    def english(root):
        pemda_of(root).accounts["kabid"].language = "en"

    write(service.db, english, note="test: kabid reads English")


def test_off_by_default_nothing_is_queued_or_sent(office):  # noqa: F811
    service = office
    addresses(service)
    assert mail_settings(service.home) is None
    incoming_id = external(service)
    service.letters.dispose(who(service, "kadis"), incoming_id, ["KABID"], ["untuk_diketahui"])
    assert service.letters.send_notifications(None) == 0
    with reading(service.db) as root:
        assert pemda_of(root).letters.outbox is None


def test_sent_after_commit_in_the_readers_language(office):  # noqa: F811
    service = office
    addresses(service)
    with SmtpStub() as smtp:
        assert service.letters.send_notifications(settings(smtp.port)) == 0  # switches on
        incoming_id = external(service, hal="Undangan rapat DBD")
        service.letters.dispose(
            who(service, "kadis"), incoming_id, ["KABID"], ["untuk_ditindaklanjuti"]
        )
        assert smtp.messages == []  # nothing inside the transactions
        assert [r["event"] for r in outbox(service)] == ["incoming", "disposition"]
        assert service.letters.send_notifications(settings(smtp.port)) == 2
    assert outbox(service) == []
    by_address = {m["To"]: m for m in smtp.messages}
    to_kadis, to_kabid = by_address["kadis@kota-uji.go.id"], by_address["kabid@kota-uji.go.id"]
    assert to_kadis["Subject"] == "Naskah masuk untuk Anda: Undangan rapat DBD"
    assert to_kadis["From"] == "lontar@kota-uji.go.id"
    assert f"{URL}/Naskah_Masuk?id={incoming_id}" in to_kadis.get_content()
    assert to_kabid["Subject"] == "New disposition: Undangan rapat DBD"
    assert "jangan dibalas" not in to_kabid.get_content()


def test_a_classified_letter_is_only_something_waiting(office):  # noqa: F811
    service = office
    addresses(service)
    with SmtpStub() as smtp:
        service.letters.send_notifications(settings(smtp.port))
        external(service, hal="Data pasien rujukan", sifat="terbatas")
        assert service.letters.send_notifications(settings(smtp.port)) == 1
    [message] = smtp.messages
    assert message["Subject"] == "Ada naskah dinas yang menunggu Anda"
    assert "Data pasien" not in message.as_string()


def test_a_failed_send_stays_with_its_error_and_is_retried_later(office):  # noqa: F811
    service = office
    addresses(service)
    with SmtpStub() as smtp:
        port = smtp.port
        service.letters.send_notifications(settings(port))
    external(service)  # the server is gone now
    assert service.letters.send_notifications(settings(port)) == 0
    [entry] = outbox(service)
    assert entry["attempts"] == 1 and "Error" in entry["error"]
    assert service.letters.send_notifications(settings(port)) == 0  # not due yet
    assert outbox(service)[0]["attempts"] == 1
    with SmtpStub() as smtp, clock.frozen(clock.now() + dt.timedelta(minutes=2)):
        assert service.letters.send_notifications(settings(smtp.port)) == 1
    assert outbox(service) == [] and len(smtp.messages) == 1


def test_a_refused_recipient_fails_only_its_own_entry(office):  # noqa: F811
    service = office
    addresses(service)
    with SmtpStub(refuse=("kabid@kota-uji.go.id",)) as smtp:
        service.letters.send_notifications(settings(smtp.port))
        incoming_id = external(service)
        service.letters.dispose(who(service, "kadis"), incoming_id, ["KABID"], ["untuk_diketahui"])
        assert service.letters.send_notifications(settings(smtp.port)) == 1
    assert [m["To"] for m in smtp.messages] == ["kadis@kota-uji.go.id"]
    assert [(r["event"], r["attempts"]) for r in outbox(service)] == [("disposition", 1)]


def test_a_letter_to_verify_notifies_the_verifier(office):  # noqa: F811
    service = office
    addresses(service)
    with SmtpStub() as smtp:
        service.letters.send_notifications(settings(smtp.port))
        staf = who(service, "staf")
        letter_id = service.letters.draft(staf, fields(hal="Laporan bulanan"))
        service.letters.submit(staf, letter_id)
        assert service.letters.send_notifications(settings(smtp.port)) == 1
    [message] = smtp.messages
    assert message["To"] == "kabid@kota-uji.go.id"
    assert message["Subject"] == "To verify: Laporan bulanan"
    assert f"{URL}/Naskah_Keluar?id={letter_id}" in message.get_content()


def test_the_worker_sends_with_the_homes_settings(office, monkeypatch):  # noqa: F811
    service = office
    addresses(service)
    monkeypatch.setenv("LONTAR_SMTP_PASSWORD", "rahasia")
    with SmtpStub() as smtp:
        service.home.config_file.write_text(
            f'public_url = "{URL}/"\n[smtp]\nhost = "127.0.0.1"\nport = {smtp.port}\n'
        )
        configured = mail_settings(service.home)
        assert configured.smtp_password == "rahasia" and configured.public_url == URL
        assert configured.smtp_from == "lontar@localhost" and not configured.smtp_starttls
        worker = Worker(service)
        _drain(worker)
        external(service, hal="Surat dari warga")
        _drain(worker)
    assert [m["Subject"] for m in smtp.messages] == ["Naskah masuk untuk Anda: Surat dari warga"]


def _drain(worker: Worker) -> None:
    for _ in range(200):
        if not worker.step():
            return
    raise AssertionError("the worker kept finding work")


def test_a_refused_address_or_a_retry_never_sends_twice(office):  # noqa: F811
    """Holder and Plh of one position: each is their own entry, so the Plh's refused address
    is retried alone and the holder gets the message once."""
    service = office
    service.letters.set_email(who(service, "kadis"), "kadis@kota-uji.go.id")
    service.letters.set_email(ADMIN, "sekdis@kota-uji.go.id", account="sekdis")
    today = clock.today()
    service.letters.set_acting(ADMIN, "KADIS", "Plh", "sekdis", today, today + dt.timedelta(days=3))
    with SmtpStub(refuse=("sekdis@kota-uji.go.id",)) as smtp:
        service.letters.send_notifications(settings(smtp.port))  # switches on
        external(service)
        assert sorted(r["account"] for r in outbox(service)) == ["kadis", "sekdis"]
        assert service.letters.send_notifications(settings(smtp.port)) == 1
        for minutes in (2, 5):
            with clock.frozen(clock.now() + dt.timedelta(minutes=minutes)):
                assert service.letters.send_notifications(settings(smtp.port)) == 0
    assert [m["To"] for m in smtp.messages] == ["kadis@kota-uji.go.id"]
    [waiting] = outbox(service)
    assert (waiting["account"], waiting["attempts"]) == ("sekdis", 3)


class DropsAfterOne(SmtpStub):
    """Accepts one message, then hangs up when the next one begins."""

    def _session(self, rfile, wfile) -> None:
        stub = self

        class Cut:
            def readline(self) -> bytes:
                line = rfile.readline()
                return b"" if line.upper().startswith(b"MAIL") and stub.messages else line

        super()._session(Cut(), wfile)


def test_a_dropped_connection_fails_only_what_was_not_sent(office):  # noqa: F811
    service = office
    addresses(service)
    with SmtpStub() as smtp:
        service.letters.send_notifications(settings(smtp.port))  # switches on
    incoming_id = external(service)
    service.letters.dispose(who(service, "kadis"), incoming_id, ["KABID"], ["untuk_diketahui"])
    with DropsAfterOne() as dropping:
        assert service.letters.send_notifications(settings(dropping.port)) == 1
    [first] = dropping.messages
    [left] = outbox(service)
    assert left["attempts"] == 1 and "Disconnected" in left["error"]
    with SmtpStub() as smtp, clock.frozen(clock.now() + dt.timedelta(minutes=2)):
        assert service.letters.send_notifications(settings(smtp.port)) == 1
    [second] = smtp.messages
    assert {first["To"], second["To"]} == {"kadis@kota-uji.go.id", "kabid@kota-uji.go.id"}
    assert outbox(service) == []


def test_a_worker_without_a_mail_server_switches_the_outbox_off(office):  # noqa: F811
    """Mail configured once, then the settings removed: nothing piles up in the outbox."""
    service = office
    addresses(service)
    with SmtpStub() as smtp:
        service.letters.send_notifications(settings(smtp.port))  # switches on
    external(service)
    assert len(outbox(service)) == 1
    worker = Worker(service)  # lontar.toml names no server
    assert worker.mail is None
    _drain(worker)
    with reading(service.db) as root:
        assert pemda_of(root).letters.outbox is None
    external(service)
    assert outbox(service) == []
