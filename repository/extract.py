"""PDF text extraction in a child process with time and memory limits.

pypdf has had denial-of-service bugs in text extraction, so it never runs in the app, worker or
CLI process itself. One long-lived child does the work (starting a process per file would cost
more than the extraction); a file that runs past its time is answered with a flag and the child
is killed and replaced.
"""

from __future__ import annotations

import logging
import multiprocessing
import resource
import threading
from dataclasses import dataclass, field
from io import BytesIO
from multiprocessing.connection import Connection

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 30.0
MEMORY_LIMIT_MB = 1536


@dataclass
class Extraction:
    pages: list[str] = field(default_factory=list)
    page_count: int = 0
    flag: str | None = None  # "encrypted", "corrupt", "extract_timeout"
    detail: str = ""
    title: str = ""

    @property
    def has_text(self) -> bool:
        return any(page.strip() for page in self.pages)


def _metadata_title(reader) -> str:
    try:
        title = reader.metadata.title if reader.metadata else None
    except Exception:  # unreadable metadata must not cost us the text
        return ""
    return str(title).strip() if title else ""


def extract_pdf(data: bytes) -> Extraction:
    """Runs in the child. Pages that fail alone yield empty text; the rest still count."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    from indexes.analysis import normalise

    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return Extraction(page_count=_safe_len(reader), flag="encrypted")
        pages = list(reader.pages)
    except FileNotDecryptedError:
        return Extraction(flag="encrypted")
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        return Extraction(flag="corrupt", detail=f"{type(exc).__name__}: {exc}"[:200])
    texts = []
    for page in pages:
        try:
            texts.append(normalise(page.extract_text() or ""))
        except Exception as exc:  # one bad page must not lose the others
            log.info("page text failed: %s", exc)
            texts.append("")
    return Extraction(pages=texts, page_count=len(pages), title=_metadata_title(reader))


def _safe_len(reader) -> int:
    try:
        return len(reader.pages)
    except Exception:  # an encrypted file may hide even its page tree
        return 0


def _child(conn: Connection, memory_mb: int) -> None:
    limit = memory_mb * 1024 * 1024
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # flags say what went wrong
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            data = conn.recv_bytes()
        except EOFError:
            return
        try:
            result = extract_pdf(data)
        except MemoryError:
            result = Extraction(flag="corrupt", detail="needs too much memory")
        except RecursionError:
            result = Extraction(flag="corrupt", detail="structure nested too deeply")
        conn.send(result)


class Extractor:
    """Thread-safe front to the child process; restarts it after a timeout or a crash."""

    def __init__(self, timeout: float = TIMEOUT_SECONDS, memory_mb: int = MEMORY_LIMIT_MB):
        self.timeout = timeout
        self.memory_mb = memory_mb
        self._lock = threading.Lock()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        self._process = context.Process(
            target=_child, args=(child, self.memory_mb), daemon=True, name="lontar-extract"
        )
        self._process.start()
        child.close()
        self._conn = parent

    def _kill(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join(5)
        if self._conn is not None:
            self._conn.close()
        self._process = self._conn = None

    def extract(self, data: bytes) -> Extraction:
        with self._lock:
            if self._process is None or not self._process.is_alive():
                self._kill()
                self._start()
            assert self._conn is not None
            try:
                self._conn.send_bytes(data)
                if self._conn.poll(self.timeout):
                    return self._conn.recv()
                self._kill()
                return Extraction(flag="extract_timeout")
            except (EOFError, BrokenPipeError, ConnectionResetError):
                self._kill()
                return Extraction(flag="corrupt", detail="the reader crashed on this file")

    def close(self) -> None:
        with self._lock:
            self._kill()
