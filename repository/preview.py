"""Page images for the record view, rendered by poppler's `pdftoppm` in a child process.

Rendering runs outside the app process with a time limit (a hostile PDF cannot hang or crash
the page) and each image is cached under the work directory by the file's SHA-256, so a page
is rendered once however many people open it. Images (PNG, JPEG) are shown as they are; TIFF
is converted by Pillow because browsers do not display it.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from repository.errors import LontarError

RESOLUTION = 70
TIMEOUT = 20
BROWSER_IMAGES = ("image/png", "image/jpeg")


def available() -> bool:
    return shutil.which("pdftoppm") is not None


def page_image(data: bytes, media_type: str, sha256: str, page: int, cache: Path) -> bytes:
    """PNG (or the original PNG/JPEG) of page `page` (1-based); LontarError if it cannot be
    drawn, with a reason fit to show."""
    if media_type in BROWSER_IMAGES:
        return data
    if media_type.startswith("image/"):
        return _converted_image(data, page)
    if media_type != "application/pdf":
        raise LontarError("no_preview", media_type=media_type)
    target = cache / sha256[:2] / f"{sha256}-{page}-{RESOLUTION}.png"
    if not target.exists():
        _render(data, page, target)
    return target.read_bytes()


def _render(data: bytes, page: int, target: Path) -> None:
    if not available():
        raise LontarError("no_preview_tool")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(data)
        args = ["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", str(page), "-l", str(page)]
        args += ["-singlefile", str(source), str(Path(tmp) / "out")]
        try:
            done = subprocess.run(args, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise LontarError("preview_failed", detail="timeout") from None
        out = Path(tmp) / "out.png"
        if done.returncode != 0 or not out.exists():
            detail = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["?"]
            raise LontarError("preview_failed", detail=detail[0][:200])
        out.replace(target)


def _converted_image(data: bytes, page: int) -> bytes:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            frames = list(ImageSequence.Iterator(image))
            frame = frames[min(max(page, 1), len(frames)) - 1].convert("RGB")
            out = io.BytesIO()
            frame.save(out, "PNG")
            return out.getvalue()
    except (UnidentifiedImageError, OSError) as exc:
        raise LontarError("preview_failed", detail=str(exc)[:200]) from None
