"""The ingest pipeline on real files: the shared corpus, generated PDFs and scans, bad input."""

from __future__ import annotations

import hashlib
import json

import pytest

from indexes.search import SearchRequest
from repository.core.security import ADMIN, ANONYMOUS
from repository.ingest.ocr import ocr_available
from repository.ingest.pipeline import ImportOptions, Incoming, Ingest, iter_paths
from repository.ingest.sniff import sniff
from tests.conftest import CORPUS, add, make_pdf, make_scan

GROUND_TRUTH = {
    entry["path"].replace("/", "_"): entry
    for entry in json.loads((CORPUS / "py-pdf-sample-files.json").read_text())["data"]
}


@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory):
    """The whole corpus imported once (OCR left waiting: the OCR test below does that)."""
    from repository.app import Lontar
    from repository.core.config import Home

    home = Home.resolve(tmp_path_factory.mktemp("corpus"))
    service = Lontar(home)
    service.init("ID-C", "Corpus")
    service.records.add_unit(ADMIN, "ARSIP", "Arsip")
    report = service.ingest.import_files(
        ADMIN, iter_paths([CORPUS / "pdf"]), ImportOptions(unit="ARSIP"), wait=False
    )
    service.index.catch_up(ocr=False)
    yield service, report
    service.close()


def test_every_corpus_pdf_is_stored_and_none_crashes_the_batch(corpus_report):
    _, report = corpus_report
    files = sorted(p.name for p in (CORPUS / "pdf").iterdir())
    assert sorted(o.filename for o in report.accepted) == files
    assert not report.rejected and not report.duplicates


def test_page_counts_match_the_collections_metadata(corpus_report):
    service, report = corpus_report
    for outcome in report.accepted:
        truth = GROUND_TRUTH[outcome.filename]
        if outcome.flags and {"encrypted", "corrupt"} & set(outcome.flags):
            continue
        shown = service.records.show(ADMIN, outcome.id)
        assert shown["attachments"][0]["pages"] == truth["pages"], outcome.filename


def test_the_encrypted_pdf_is_flagged_not_lost(corpus_report):
    service, report = corpus_report
    encrypted = [o for o in report.accepted if GROUND_TRUTH[o.filename]["encrypted"]]
    assert encrypted and all("encrypted" in o.flags for o in encrypted)
    _, media_type, data = service.records.original(ADMIN, encrypted[0].id)
    assert hashlib.sha256(data).hexdigest() == encrypted[0].sha256
    assert media_type == "application/pdf"


def test_text_layers_are_found_and_searchable(corpus_report):
    service, report = corpus_report
    with_text = {o.filename: o for o in report.accepted if not o.flags}
    assert len(with_text) >= 20
    # Words known to be in two of the collection's text-layer files.
    found = service.records.search(ADMIN, SearchRequest(query='"crazy ones"'))
    assert any(
        "crazyones" in service.records.show(ADMIN, h.id)["attachments"][0]["filename"]
        for h in found.hits
    )
    lorem = service.records.search(ADMIN, SearchRequest(query="lorem ipsum"))
    assert lorem.total >= 1


def test_image_only_pdfs_wait_for_ocr(corpus_report):
    _, report = corpus_report
    waiting = [o for o in report.accepted if "ocr_waiting" in o.flags]
    assert {o.filename for o in waiting} >= {
        "007-imagemagick-images_imagemagick-CCITTFaxDecode.pdf",
        "019-grayscale-image_grayscale-image.pdf",
    }
    assert all(o.ocr_queued for o in waiting)


def test_waiting_records_are_searchable_by_flag(corpus_report):
    service, report = corpus_report
    result = service.records.search(ADMIN, SearchRequest(flags=("ocr_waiting",)))
    assert result.total == sum("ocr_waiting" in o.flags for o in report.accepted)
    assert result.facets["flags"]["ocr_waiting"] == result.total


def test_duplicates_are_reported_with_the_id_they_duplicate(service):
    pdf = make_pdf("Undangan rapat", "Rapat koordinasi kearsipan.")
    first = add(service, "a.pdf", pdf)
    report = service.ingest.import_files(
        ADMIN, [Incoming("copy.pdf", pdf)], ImportOptions(unit="DPK")
    )
    assert not report.accepted
    assert report.duplicates[0].duplicate_of == first
    assert first in report.duplicates[0].message


def test_a_duplicate_of_a_hidden_record_does_not_reveal_its_id(service):
    pdf = make_pdf("Rahasia", "Isi rahasia.")
    hidden = add(service, "r.pdf", pdf, security="R")

    ingest = Ingest(
        service.db, service.ingest.extractor, ANONYMOUS, service.keyring, audit=service.ingest.audit
    )
    outcome = ingest.one(Incoming("again.pdf", pdf), ImportOptions(unit="DPK"))
    assert outcome.status == "accepted" and outcome.duplicate_of is None
    assert hidden not in outcome.message


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.pdf", b"", "empty_file"),
        ("tool.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "not_a_document"),
        ("photo.gif", b"GIF89a" + b"\x00" * 100, "not_a_document"),
        ("random.bin", bytes(range(256)) * 8, "not_a_document"),
    ],
)
def test_what_is_not_a_document_is_rejected_with_a_reason(service, name, data, reason):
    report = service.ingest.import_files(
        ADMIN, [Incoming(name, data), Incoming("ok.txt", b"surat biasa")], ImportOptions(unit="DPK")
    )
    assert [o.reason for o in report.rejected] == [reason]
    assert report.rejected[0].message  # a sentence for the user, in Bahasa Indonesia
    assert len(report.accepted) == 1  # the rest of the batch goes on


def test_corrupt_and_unsupported_files_are_stored_and_flagged(service):
    broken = make_pdf("Laporan", "Isi laporan.")[:700]
    docx = _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"})
    report = service.ingest.import_files(
        ADMIN,
        [Incoming("broken.pdf", broken), Incoming("surat.docx", docx)],
        ImportOptions(unit="DPK"),
    )
    flags = {o.filename: o.flags for o in report.accepted}
    assert flags == {"broken.pdf": ["corrupt"], "surat.docx": ["unsupported"]}
    assert service.records.original(ADMIN, report.accepted[1].id)[2] == docx


def test_type_comes_from_bytes_not_the_name(service):
    pdf = make_pdf("Nota", "Isi nota dinas.")
    assert sniff(pdf).media_type == "application/pdf"
    record_id = add(service, "nota.jpg", pdf, unit="DPK")
    assert (
        service.records.show(ADMIN, record_id)["attachments"][0]["media_type"] == "application/pdf"
    )


def test_options_are_checked_before_any_file_is_read(service):
    from repository.core.errors import InvalidInput, UnitNotFound

    with pytest.raises(UnitNotFound):
        service.ingest.import_files(ADMIN, [Incoming("a.txt", b"x")], ImportOptions(unit="NOPE"))
    with pytest.raises(InvalidInput) as bad:
        service.ingest.import_files(
            ADMIN, [Incoming("a.txt", b"x")], ImportOptions(unit="DPK", security="X")
        )
    assert "keamanan" in bad.value.message("id")


def test_extraction_that_hangs_is_cut_off_and_flagged(service):
    from repository.ingest.extract import Extractor

    slow = Extractor(timeout=0.001)
    try:
        result = slow.extract(make_pdf("Lama", *["kalimat panjang " * 200] * 40))
        assert result.flag == "extract_timeout"
        slow.timeout = 60
        assert slow.extract(b"%PDF-1.4 not really").flag == "corrupt"  # a fresh child answers
    finally:
        slow.close()


@pytest.mark.skipif(not ocr_available(), reason="Tesseract with Indonesian data is not installed")
def test_scans_are_ocred_and_found_by_their_words(service):
    png = make_scan("PEMERINTAH KOTA UJI", "Surat pengantar pengarsipan", "Kelurahan Sukamaju")
    record_id = add(service, "scan.png", png, unit="DPK")
    shown = service.records.show(ADMIN, record_id)
    attachment = shown["attachments"][0]
    assert attachment["ocr_status"] == "done" and attachment["has_ocr_derivative"]
    assert "ocr_waiting" not in shown["flags"]
    hits = service.records.search(ADMIN, SearchRequest(query="sukamaju")).hits
    assert [h.id for h in hits] == [record_id]
    assert service.records.original(ADMIN, record_id)[2] == png  # the original stays untouched


def test_without_tesseract_scans_are_stored_and_marked_waiting(service, monkeypatch):
    from repository.ingest import ocr
    from repository.ingest import pipeline as ingest

    monkeypatch.setattr(ocr, "tesseract_languages", lambda: frozenset())
    monkeypatch.setattr(ingest, "ocr_available", lambda: False)
    monkeypatch.setattr("repository.ingest.scans.ocr_available", lambda: False)
    record_id = add(service, "scan.tiff", make_scan("Arsip lama", fmt="TIFF"), unit="DPK")
    shown = service.records.show(ADMIN, record_id)
    assert shown["flags"] == ["ocr_waiting"]
    assert shown["attachments"][0]["ocr_status"] == "waiting"


def _zip(files: dict[str, str]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
