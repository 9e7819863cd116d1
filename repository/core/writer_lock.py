"""Exactly one process writes the index: the worker, or a CLI process when no worker runs.

`flock` locks belong to an open file, so two holders in one process exclude each other too,
and the kernel drops the lock when its holder dies.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator

from repository.core.config import Home


@contextlib.contextmanager
def writer_lock(home: Home, *, wait: float = 0.0) -> Iterator[bool]:
    """Yields True when this process now holds the lock, False when another one does."""
    home.ensure()
    fd = os.open(home.worker_lock, os.O_RDWR | os.O_CREAT, 0o600)
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    yield False
                    return
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
