"""Ingest: the import pipeline (sniffing, text extraction, OCR of scans), previews and the
index queue's catch-up; the services behind the Unggah page."""

from repository.ingest import messages  # noqa: F401  (registers the catalogue)
