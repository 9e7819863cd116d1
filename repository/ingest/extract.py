"""PDF text extraction in a child process with time and memory limits.

pypdf has had denial-of-service bugs in text extraction, so it never runs in the app, worker or
CLI process itself. One long-lived child does the work (starting a process per file would cost
more than the extraction); a file that runs past its time is answered with a flag and the child
is killed and replaced.
"""

from __future__ import annotations

import logging
import os
import queue
import resource
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from io import BytesIO
from multiprocessing.connection import Connection
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError

from indexes.analysis import normalise

log = logging.getLogger(__name__)
PROJECT = Path(__file__).resolve().parents[2]

TIMEOUT_SECONDS = 30.0
MEMORY_LIMIT_MB = 1536
POOL_SIZE = min(2, os.cpu_count() or 1)


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


def _child(conn: _Duplex, memory_mb: int) -> None:
    """The child's loop. Started as `python -m repository.ingest.extract`, not through
    multiprocessing: its spawn mode re-imports `__main__`, which inside Streamlit (or an
    AppTest) is the app script itself."""
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


class _Duplex:
    """Two one-way pipe ends used as one connection."""

    def __init__(self, reader: Connection, writer: Connection) -> None:
        self.reader, self.writer = reader, writer

    def send_bytes(self, data: bytes) -> None:
        self.writer.send_bytes(data)

    def send(self, obj: object) -> None:
        self.writer.send(obj)

    def recv_bytes(self) -> bytes:
        return self.reader.recv_bytes()

    def poll(self, timeout: float) -> bool:
        return self.reader.poll(timeout)

    def recv(self):
        return self.reader.recv()

    def close(self) -> None:
        self.reader.close()
        self.writer.close()


class Extractor:
    """Thread-safe front to the child process; restarts it after a timeout or a crash."""

    def __init__(self, timeout: float = TIMEOUT_SECONDS, memory_mb: int = MEMORY_LIMIT_MB):
        self.timeout = timeout
        self.memory_mb = memory_mb
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._conn: _Duplex | None = None

    def _start(self) -> None:
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "repository.ingest.extract",
                str(to_child_r),
                str(from_child_w),
                str(self.memory_mb),
            ],
            pass_fds=(to_child_r, from_child_w),
            cwd=PROJECT,
            stdin=subprocess.DEVNULL,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._conn = _Duplex(Connection(from_child_r), Connection(to_child_w))

    def _kill(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait(5)
        if self._conn is not None:
            self._conn.close()
        self._process = self._conn = None

    def extract(self, data: bytes) -> Extraction:
        with self._lock:
            if self._process is None or self._process.poll() is not None:
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


class ExtractorPool:
    """Several sandboxed children, so a batch uses every core; `extract` is thread-safe."""

    def __init__(self, size: int = POOL_SIZE, **options: float) -> None:
        self._idle: queue.SimpleQueue[Extractor] = queue.SimpleQueue()
        self._all = [Extractor(**options) for _ in range(max(1, size))]
        for extractor in self._all:
            self._idle.put(extractor)

    def extract(self, data: bytes) -> Extraction:
        extractor = self._idle.get()
        try:
            return extractor.extract(data)
        finally:
            self._idle.put(extractor)

    def close(self) -> None:
        for extractor in self._all:
            extractor.close()


if __name__ == "__main__":
    # Run the loop from the imported module, so results pickle as repository.ingest.extract classes.
    from repository.ingest import extract

    extract._child(
        extract._Duplex(Connection(int(sys.argv[1])), Connection(int(sys.argv[2]), readable=False)),
        int(sys.argv[3]),
    )
