"""Encryption at rest: R and SR files, their text and digests are unreadable on disk, yet
found, shown and downloaded by those allowed; the key is needed, checked and kept apart."""

from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path

import pytest

from indexes.search import SearchRequest
from repository.app import Lontar
from repository.core.errors import LontarError
from repository.core.keys import KEY_FILE_ENV, KeyMismatch, KeyMissing, key_path
from repository.core.security import ADMIN, ANONYMOUS
from repository.ingest.ocr import ocr_available
from repository.ingest.pipeline import ImportOptions, Incoming
from tests.conftest import add, lontar_cli, make_pdf, make_scan

SECRET = "Sandi operasi merpati jingga disimpan di brankas kecamatan timur."
OPEN = "Jadwal posyandu kenari ungu pada hari Senin pagi."
SECRET_WORDS = ("merpati", "jingga", "brankas")


def disk_bytes(home) -> list[tuple[Path, bytes]]:
    """Every file of the data directory as someone who took the disk would read it, the
    audit trail included: it keeps the words people searched for, sealed."""
    return [(p, p.read_bytes()) for p in home.path.rglob("*") if p.is_file()]


def found_on_disk(home, needle: bytes) -> list[Path]:
    return [path for path, data in disk_bytes(home) if needle in data]


@pytest.fixture
def sealed(service):
    pdf = make_pdf("Nota dinas", SECRET)
    record = add(service, "nota.pdf", pdf, security="SR", title="Nota dinas keamanan")
    control = add(service, "jadwal.pdf", make_pdf("Jadwal", OPEN), title="Jadwal posyandu")
    service.index.catch_up()
    return service, record, control, pdf


def test_nothing_of_a_sealed_file_is_readable_in_the_data_directory(sealed):
    service, record, _, pdf = sealed
    home = service.home
    for word in SECRET_WORDS:  # searched for first: the audit trail must not keep the words
        assert service.records.search(ADMIN, SearchRequest(query=word)).total
    service.records.export(ADMIN, SearchRequest(query=SECRET_WORDS[0]))
    for word in SECRET_WORDS:
        assert not found_on_disk(home, word.encode()), word
    assert not found_on_disk(home, hashlib.sha256(pdf).hexdigest().encode())
    content = max(
        re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL), key=len
    )  # the page's compressed text, unlike any other file's
    assert len(content) > 100 and not found_on_disk(home, content[:64])
    # the scan itself can see: the open record's words and bytes are there
    assert found_on_disk(home, b"kenari") and found_on_disk(home, b"posyandu")
    assert service.records.show(ADMIN, record)["attachments"][0]["sealed"] is True


def test_the_key_lives_outside_the_data_directory(sealed):
    service = sealed[0]
    path = key_path(service.home)
    assert path.exists() and not path.is_relative_to(service.home.path)
    assert path.stat().st_mode & 0o077 == 0


def test_allowed_users_find_sealed_records_by_word_and_phrase(sealed):
    service, record, _, _ = sealed
    for query in ("merpati", '"merpati jingga"', "brankas kecamatan", "disimpan"):
        result = service.records.search(ADMIN, SearchRequest(query=query))
        assert [h.id for h in result.hits] == [record], query
    hit = service.records.search(ADMIN, SearchRequest(query="jingga")).hits[0]
    assert ">jingga</mark>" in hit.snippet
    assert not service.records.search(ADMIN, SearchRequest(query='"jingga merpati"')).total


def test_those_below_the_class_find_nothing_of_it(sealed):
    service, _, control, _ = sealed
    for query in ("merpati", "nota"):
        assert not service.records.search(ANONYMOUS, SearchRequest(query=query)).total
    assert [
        h.id for h in service.records.search(ANONYMOUS, SearchRequest(query="kenari")).hits
    ] == [control]


def test_download_and_digest_are_the_original(sealed):
    service, record, _, pdf = sealed
    _, media_type, data = service.records.original(ADMIN, record)
    assert data == pdf and media_type == "application/pdf"
    shown = service.records.show(ADMIN, record)["attachments"][0]
    assert shown["sha256"] == hashlib.sha256(pdf).hexdigest()
    assert SECRET.split()[2] in service.records.record_text(ADMIN, record)[0]["text"]
    assert service.ingest.page_image(ADMIN, record, 0, 1).startswith(b"\x89PNG")
    assert not (service.home.work_dir / "previews").exists()


def test_a_sealed_duplicate_is_still_recognised(sealed):
    service, record, _, pdf = sealed
    report = service.ingest.import_files(
        ADMIN, [Incoming("copy.pdf", pdf)], ImportOptions(unit="DPK")
    )
    assert [o.duplicate_of for o in report.duplicates] == [record]


def test_raising_the_class_seals_and_lowering_opens(sealed):
    service, _, control, _ = sealed
    service.records.update_record(ADMIN, control, {"security": "R"})
    service.index.catch_up()
    assert service.records.show(ADMIN, control)["attachments"][0]["sealed"] is True
    assert [h.id for h in service.records.search(ADMIN, SearchRequest(query="kenari")).hits] == [
        control
    ]
    service.index.pack(ADMIN)
    assert not found_on_disk(service.home, b"kenari")
    assert [h.id for h in service.records.search(ADMIN, SearchRequest(query="kenari")).hits] == [
        control
    ]
    service.records.update_record(ADMIN, control, {"security": "B"})
    service.index.catch_up()
    assert service.records.show(ADMIN, control)["attachments"][0]["sealed"] is False
    assert found_on_disk(service.home, b"kenari")
    assert service.records.search(ANONYMOUS, SearchRequest(query="kenari")).total == 1


def test_without_the_key_sealed_files_are_refused_and_open_ones_still_work(sealed, monkeypatch):
    service, record, control, _ = sealed
    home = service.home
    service.close()
    key_path(home).rename(home.path.parent / "elsewhere.key")
    with Lontar(home) as keyless:
        with pytest.raises(KeyMissing) as missing:
            keyless.records.original(ADMIN, record)
        assert "LONTAR_KEY_FILE" in missing.value.message("en")
        with pytest.raises(LontarError):
            keyless.verify_key()
        with pytest.raises(KeyMissing):
            keyless.ingest.import_files(
                ADMIN,
                [Incoming("baru.pdf", make_pdf("Baru", "Isi baru."))],
                ImportOptions(unit="DINKES", security="R"),
            )
        assert keyless.records.original(ADMIN, control)[2]
    monkeypatch.setenv(KEY_FILE_ENV, str(home.path.parent / "elsewhere.key"))
    with Lontar(home) as restored:
        restored.verify_key()
        assert restored.records.original(ADMIN, record)[2].startswith(b"%PDF")


def test_a_different_key_is_told_apart(sealed, tmp_path, monkeypatch):
    service, record, _, _ = sealed
    home = service.home
    service.close()
    wrong = tmp_path / "wrong.key"
    wrong.write_text(base64.b64encode(os.urandom(32)).decode())
    monkeypatch.setenv(KEY_FILE_ENV, str(wrong))
    with Lontar(home) as mismatched:
        with pytest.raises(KeyMismatch):
            mismatched.verify_key()
        with pytest.raises(KeyMismatch):
            mismatched.records.original(ADMIN, record)


def test_a_key_inside_the_data_directory_is_refused(home, monkeypatch):
    monkeypatch.setenv(KEY_FILE_ENV, str(home.path / "master.key"))
    with pytest.raises(LontarError) as refused:
        Lontar(home)
    assert refused.value.key == "master_key_inside_home"


def test_serve_refuses_to_start_without_its_key(sealed):
    service = sealed[0]
    home = service.home
    service.close()
    key_path(home).unlink()
    done = lontar_cli("serve", "--port", "0", home=home, check=False)
    assert done.returncode == 1 and "LONTAR_KEY_FILE" in done.stderr


@pytest.mark.skipif(not ocr_available(), reason="Tesseract with Indonesian data is not installed")
def test_a_sealed_scan_is_ocred_without_its_text_reaching_the_disk(service):
    scan = make_scan("Laporan intelijen", "Lokasi gudang senjata rahasia")
    record = add(service, "scan.png", scan, security="R", title="Laporan")
    service.index.catch_up()
    shown = service.records.show(ADMIN, record)["attachments"][0]
    assert shown["ocr_status"] == "done" and shown["sealed"]
    assert [h.id for h in service.records.search(ADMIN, SearchRequest(query="gudang")).hits] == [
        record
    ]
    assert not found_on_disk(service.home, b"gudang") and not found_on_disk(
        service.home, b"senjata"
    )
    assert service.ingest.page_image(ADMIN, record, 0, 1, derivative=True).startswith(b"\x89PNG")


def test_an_auditor_reads_the_sealed_search_words(sealed):
    service = sealed[0]
    service.records.search(ADMIN, SearchRequest(query="merpati jingga"))
    searched = service.access.audit_entries(ADMIN, action="searched")
    assert searched[-1]["detail"]["query"] == "merpati jingga"
    assert "query_sealed" not in searched[-1]["detail"]
    exported = service.access.audit_export(ADMIN, action="searched").decode("utf-8-sig")
    assert "merpati jingga" in exported
