"""PDF documents (reportlab): every generated document (berita acara, lists, notices,
reports) is built here, on one A4 page template and one stylesheet."""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import StyleSheet1, getSampleStyleSheet
from reportlab.platypus import SimpleDocTemplate


def pdf(title: str, story: list) -> bytes:
    """An A4 PDF of reportlab flowables: every generated document goes through here."""
    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=title).build(story)
    return buffer.getvalue()


@lru_cache(maxsize=1)
def stylesheet() -> StyleSheet1:
    """One stylesheet for every paragraph of every report (it is never changed)."""
    return getSampleStyleSheet()
