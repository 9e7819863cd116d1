"""Page images for the record view, rendered by poppler's `pdftoppm` in a child process.

Rendering runs outside the app process with a time limit (a hostile PDF cannot hang or crash
the page) and each image is cached under the work directory by the file's SHA-256, so a page
is rendered once however many people open it. Pages of sealed (R/SR) files are rendered
each time and never cached: pdftoppm reads and writes pipes, so no image of them reaches the
disk. Images (PNG, JPEG) are shown as they are; TIFF is converted by Pillow because browsers
do not display it. An image whose header declares more pixels than Pillow opens safely (a
decompression bomb, stored flagged `corrupt`) is never shown or converted: it would take the
browser's or this process's memory.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from repository.core.errors import LontarError
from repository.ingest.ocr import IMAGE_ERRORS

RESOLUTION = 70
TIMEOUT = 20
BROWSER_IMAGES = ("image/png", "image/jpeg")


def available() -> bool:
    return shutil.which("pdftoppm") is not None


def page_image(data: bytes, media_type: str, sha256: str, page: int, cache: Path | None) -> bytes:
    """PNG (or the original PNG/JPEG) of page `page` (1-based); LontarError if it cannot be
    drawn, with a reason fit to show. Without `cache` (sealed files) nothing touches the disk."""
    if media_type in BROWSER_IMAGES:
        _check_image(data)
        return data
    if media_type.startswith("image/"):
        return _converted_image(data, page)
    if media_type != "application/pdf":
        raise LontarError("no_preview", media_type=media_type)
    if cache is None:
        return _render(data, page)
    target = cache / sha256[:2] / f"{sha256}-{page}-{RESOLUTION}.png"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(_render(data, page))
        partial.replace(target)
    return target.read_bytes()


def pdf_pages(data: bytes, resolution: int = RESOLUTION) -> list[bytes]:
    """Every page of a PDF Lontar made itself (a letter's preview or its signed copy) as a
    PNG, drawn like a record's pages and never written to disk."""
    count = len(PdfReader(io.BytesIO(data)).pages)
    return [_render(data, page, resolution) for page in range(1, count + 1)]


def _render(data: bytes, page: int, resolution: int = RESOLUTION) -> bytes:
    """pdftoppm reads the PDF from a pipe and writes the PNG to one."""
    if not available():
        raise LontarError("no_preview_tool")
    args = ["pdftoppm", "-png", "-r", str(resolution), "-f", str(page), "-l", str(page)]
    args += ["-singlefile", "-"]
    try:
        done = subprocess.run(args, input=data, capture_output=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise LontarError("preview_failed", detail="timeout") from None
    if done.returncode != 0 or not done.stdout.startswith(b"\x89PNG"):
        detail = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["?"]
        raise LontarError("preview_failed", detail=detail[0][:200])
    return done.stdout


def _check_image(data: bytes) -> None:
    """Reads the header only: an image Pillow would not open is not sent to a browser."""
    try:
        with Image.open(io.BytesIO(data)):
            pass
    except Image.DecompressionBombError:
        raise LontarError("preview_failed", detail="image too large to show") from None
    except IMAGE_ERRORS as exc:
        raise LontarError("preview_failed", detail=str(exc)[:200]) from None


def _converted_image(data: bytes, page: int) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as image:
            limit = Image.MAX_IMAGE_PIXELS  # decoded in this process: Pillow's warning limit
            if limit and image.width * image.height > limit:
                raise Image.DecompressionBombError(f"{image.width}x{image.height} pixels")
            image.seek(min(max(page, 1), getattr(image, "n_frames", 1)) - 1)
            frame = image.convert("RGB")
            out = io.BytesIO()
            frame.save(out, "PNG")
            return out.getvalue()
    except Image.DecompressionBombError:
        raise LontarError("preview_failed", detail="image too large to show") from None
    except IMAGE_ERRORS as exc:
        raise LontarError("preview_failed", detail=str(exc)[:200]) from None
