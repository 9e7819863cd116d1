"""The visible signature: a QR code of the verification URL beside the signer's lines.

Drawn once as a one-page PDF the size of the stamp box (reportlab, Liberation Sans so the text
reads like the letter, not monospaced), which pyHanko imports as the signature field's
appearance; the QR is vector squares from segno, sharp at any zoom. BSrE draws its own
appearance from an image, so `qr_png` gives it the same QR as a PNG.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path

import segno
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_DIR = Path("/usr/share/fonts/truetype/liberation")
REGULAR, BOLD = "LontarStampSans", "LontarStampSans-Bold"
PADDING = 4.0
LARGEST, SMALLEST = 8.0, 4.5
QUIET = 2  # modules of white around the QR inside its square
_fonts_lock = threading.Lock()


def _fonts() -> tuple[str, str]:
    """Liberation Sans when installed (Debian fonts-liberation), else Helvetica: a missing font
    package must not stop a letter from being signed."""
    with _fonts_lock:
        if REGULAR in pdfmetrics.getRegisteredFontNames():
            return REGULAR, BOLD
        regular = FONT_DIR / "LiberationSans-Regular.ttf"
        bold = FONT_DIR / "LiberationSans-Bold.ttf"
        if not (regular.exists() and bold.exists()):
            return "Helvetica", "Helvetica-Bold"
        pdfmetrics.registerFont(TTFont(REGULAR, str(regular)))
        pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
        return REGULAR, BOLD


def stamp_pdf(
    width: float, height: float, lines: tuple[str, ...], url: str, bold: str = ""
) -> bytes:
    """A page of exactly `width` × `height` points: the QR on the left (when there is a URL),
    the lines wrapped on the right at the largest size that fits; the line equal to `bold`
    (the signer's name) in bold."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=1)
    page.setTitle("TTE")
    side = min(height - 2 * PADDING, width * 0.4) if url else 0.0
    if url:
        _draw_qr(page, url, PADDING, (height - side) / 2, side)
    left = PADDING + side + (PADDING if url else 0)
    _draw_lines(page, lines, left, width - left - PADDING, height, bold)
    page.setStrokeColorRGB(0.35, 0.35, 0.35)
    page.setLineWidth(0.5)
    page.rect(0.25, 0.25, width - 0.5, height - 0.5)
    page.showPage()
    page.save()
    return buffer.getvalue()


def qr_png(url: str, scale: int = 8) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def _draw_qr(page: canvas.Canvas, url: str, x: float, y: float, side: float) -> None:
    matrix = segno.make(url, error="m").matrix
    module = side / (len(matrix) + 2 * QUIET)
    x, y = x + QUIET * module, y + QUIET * module  # with the padding, a quiet zone scanners like
    page.setFillColorRGB(0, 0, 0)
    for row_index, row in enumerate(matrix):
        top = y + len(matrix) * module - (row_index + 1) * module
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            # a hair wider than the run, so no seams show between neighbouring modules
            page.rect(
                x + start * module,
                top,
                (column - start) * module + 0.05,
                module + 0.05,
                stroke=0,
                fill=1,
            )


def _draw_lines(
    page: canvas.Canvas, lines: tuple[str, ...], left: float, width: float, height: float, bold: str
) -> None:
    regular, heavy = _fonts()
    size, wrapped = _fit(lines, width, height, regular, heavy, bold)
    leading = size * 1.2
    y = (height + len(wrapped) * leading) / 2 - size
    page.setFillColorRGB(0, 0, 0)
    for text, is_bold in wrapped:
        page.setFont(heavy if is_bold else regular, size)
        page.drawString(left, y, text)
        y -= leading


def _fit(
    lines: tuple[str, ...], width: float, height: float, regular: str, heavy: str, bold: str
) -> tuple[float, list[tuple[str, bool]]]:
    size = LARGEST
    while True:
        wrapped = [
            (part, line == bold)
            for line in lines
            for part in simpleSplit(line, heavy if line == bold else regular, size, width) or [""]
        ]
        if len(wrapped) * size * 1.2 <= height - 2 * PADDING or size <= SMALLEST:
            return size, wrapped
        size -= 0.5
