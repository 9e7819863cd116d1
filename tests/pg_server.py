"""A real PostgreSQL server for the tests, from Debian's packages, in a temporary directory.

`initdb` refuses to run as root, so as root the cluster belongs to the `postgres` account the
package creates and its commands run through `runuser`. The server listens on 127.0.0.1 on a
free port (and a socket in its own directory), trusts local connections, and is stopped and
removed when the context ends. `make test` installs the packages (Makefile `APT_TEST`).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


def pg_bin() -> Path | None:
    """The newest installed server's binaries, or None when PostgreSQL is not installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_major)
    return Path(found[-1]).parent if found else None


def _major(path: str) -> int:
    try:
        return int(Path(path).parent.parent.name)
    except ValueError:
        return 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_owner(argv: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


@dataclass
class PgServer:
    bin: Path
    root: Path
    port: int

    @property
    def data(self) -> Path:
        return self.root / "data"

    def dsn(self, dbname: str = "postgres") -> str:
        """A libpq keyword DSN (what psycopg2 and RelStorage take)."""
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={dbname}"

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def run(self, *argv: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(
            _as_owner([str(self.bin / argv[0]), *argv[1:]]),
            check=True,
            capture_output=True,
            text=True,
            **kwargs,
        )

    def create_database(self, name: str | None = None) -> str:
        """A new empty database; its name (a fresh one each call when not given)."""
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return name

    def start(self) -> None:
        log = self.root / "server.log"
        self.run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(log),
            "-w",
            "-t",
            "60",
            "-o",
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={self.root} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            "start",
        )

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


@contextlib.contextmanager
def pg_server() -> Iterator[PgServer]:
    """Raises `RuntimeError` when PostgreSQL is not installed."""
    binaries = pg_bin()
    if binaries is None:
        raise RuntimeError("PostgreSQL is not installed: `make test` installs it (APT_TEST)")
    root = Path(tempfile.mkdtemp(prefix="lontar-pg-"))
    root.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    server = PgServer(binaries, root, _free_port())
    try:
        server.run("initdb", "-D", str(server.data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        server.start()
        _wait_ready(server)
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def _wait_ready(server: PgServer, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        done = subprocess.run(
            [str(server.bin / "pg_isready"), "-h", "127.0.0.1", "-p", str(server.port)],
            capture_output=True,
        )
        if done.returncode == 0 or time.monotonic() > deadline:
            return
        time.sleep(0.2)
