"""OCR of scans with OCRmyPDF + Tesseract (Indonesian and English), run in a child process.

`ocrmypdf.ocr()` is not thread-safe, so the worker runs OCRmyPDF as its own process. The
original file is never touched: the result is a PDF/A derivative plus the text per page.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image

from indexes.analysis import normalise

LANGUAGES = "ind+eng"
TIMEOUT_SECONDS = 600


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
    work_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work_dir) as tmp:
        source = Path(tmp) / ("in.pdf" if media_type == "application/pdf" else "in.img")
        target, sidecar = Path(tmp) / "out.pdf", Path(tmp) / "out.txt"
        source.write_bytes(data)
        extra = [] if media_type == "application/pdf" else _image_dpi_args(data)
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
