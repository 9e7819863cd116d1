"""OCR of scans with OCRmyPDF + Tesseract (Indonesian and English), run in a child process.

`ocrmypdf.ocr()` is not thread-safe, so the worker runs OCRmyPDF as its own process. The
original file is never touched: the result is a PDF/A derivative plus the text per page.
Whatever goes wrong with one file (an image Pillow will not open, such as a decompression
bomb; a scratch file that cannot be written; a child that cannot start) comes back as the
result's `error`, never as an exception: the worker flags the record and goes on.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import struct
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image

from indexes.analysis import normalise

log = logging.getLogger(__name__)

LANGUAGES = "ind+eng"
TIMEOUT_SECONDS = 600
# What Pillow raises on damaged or hostile images (UnidentifiedImageError is an OSError).
IMAGE_ERRORS = (OSError, ValueError, EOFError, struct.error, MemoryError)
IMAGE_TOO_LARGE = "image too large to open safely"  # a decompression bomb, refused


@dataclass
class OcrResult:
    pdf: bytes | None
    pages: list[str]
    error: str = ""


@functools.cache
def tesseract_languages() -> frozenset[str]:
    if not shutil.which("tesseract"):
        return frozenset()
    listed = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30, check=False
    )
    return frozenset(line.strip() for line in listed.stdout.splitlines()[1:] if line.strip())


def ocr_available() -> bool:
    return {"ind", "eng"} <= tesseract_languages()


def _image_dpi_args(data: bytes) -> list[str]:
    """OCRmyPDF needs a resolution for images; phone photos and some scanners omit it."""
    with Image.open(BytesIO(data)) as image:
        dpi = image.info.get("dpi")
    return [] if dpi and dpi[0] and dpi[0] > 1 else ["--image-dpi", "300"]


def run_ocr(data: bytes, media_type: str, work_dir: Path) -> OcrResult:
    extra: list[str] = []
    if media_type != "application/pdf":
        try:
            extra = _image_dpi_args(data)
        except Image.DecompressionBombError as exc:
            log.warning("OCR refused a decompression bomb: %s", exc)
            return OcrResult(None, [], IMAGE_TOO_LARGE)
        except IMAGE_ERRORS as exc:
            return OcrResult(None, [], f"image cannot be decoded: {exc}"[:300])
    try:
        return _run(data, media_type, work_dir, extra)
    except (OSError, subprocess.SubprocessError, UnicodeError) as exc:
        log.warning("OCR failed: %r", exc)
        return OcrResult(None, [], f"{type(exc).__name__}: {exc}"[:300])


def _run(data: bytes, media_type: str, work_dir: Path, extra: list[str]) -> OcrResult:
    work_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work_dir) as tmp:
        source = Path(tmp) / ("in.pdf" if media_type == "application/pdf" else "in.img")
        target, sidecar = Path(tmp) / "out.pdf", Path(tmp) / "out.txt"
        source.write_bytes(data)
        command = [
            sys.executable, "-m", "ocrmypdf", "--quiet", "--jobs", "1",
            "-l", LANGUAGES, "--output-type", "pdfa", "--sidecar", str(sidecar),
            *extra, str(source), str(target),
        ]  # fmt: skip
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
                env={**os.environ, "TMPDIR": tmp},  # OCRmyPDF's own scratch stays with ours
            )
        except subprocess.TimeoutExpired:
            return OcrResult(None, [], f"took longer than {TIMEOUT_SECONDS} s")
        if done.returncode != 0 or not target.exists():
            message = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
            return OcrResult(None, [], message[:300])
        pages = [normalise(p) for p in sidecar.read_text(errors="replace").split("\f")]
        return OcrResult(target.read_bytes(), pages)
