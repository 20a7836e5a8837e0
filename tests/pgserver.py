"""A throwaway PostgreSQL server for the tests: ``initdb`` and ``pg_ctl`` in a temporary folder.

The server binaries are looked up on ``PATH``, then in Debian's
``/usr/lib/postgresql/<version>/bin`` (``make postgres`` installs them).
PostgreSQL refuses to run as root, which CI containers are: then the
server runs as the ``postgres`` user the Debian package creates (or
``nobody``), through ``runuser``. The tests connect over TCP on a free
local port with ``trust`` authentication; nothing outside the temporary
folder is touched, and the server is stopped at the end of the session.
(pytest-postgresql does the same but runs ``pg_ctl`` as the current user,
so it cannot start a server as root.)
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

__all__ = ["PgServer", "find_bin_dir"]


def find_bin_dir() -> Path | None:
    """The folder holding ``pg_ctl`` and ``initdb``, or ``None`` if PostgreSQL is not installed."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).resolve().parent
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(folder) / "pg_ctl").exists() and (Path(folder) / "initdb").exists():
            return Path(folder)
    if on_path:  # Debian puts only a wrapper on PATH; the real pg_ctl sits beside initdb
        return Path(on_path).resolve().parent
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run_as() -> str | None:
    if os.geteuid() != 0:
        return None
    for user in ("postgres", "nobody"):
        try:
            pwd.getpwnam(user)
        except KeyError:
            continue
        return user
    raise RuntimeError("PostgreSQL cannot run as root and there is no 'postgres' or 'nobody' user")


class PgServer:
    """A PostgreSQL server in its own temporary folder (start, make databases, stop)."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        # As root the server runs as another user, who must reach the folder: keep it out of a private TMPDIR.
        self.root = Path(tempfile.mkdtemp(prefix="embargo-pg-", dir="/tmp" if os.geteuid() == 0 else None))
        self.data = self.root / "data"
        self.port = _free_port()
        self.user = _run_as()
        self._count = 0

    def _cmd(self, *args: str) -> list[str]:
        cmd = [str(self.bin_dir / args[0]), *args[1:]]
        return ["runuser", "-u", self.user, "--", *cmd] if self.user else cmd

    def start(self) -> None:
        """initdb and start the server (a few seconds)."""
        if self.user:
            os.chmod(self.root, 0o755)
            shutil.chown(self.root, self.user)
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        for cmd in (
            self._cmd("initdb", "-D", str(self.data), "-U", "embargo", "--auth=trust", "-E", "UTF8", "--no-sync"),
            self._cmd("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start"),
        ):
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode != 0:
                log = self.root / "log"
                detail = done.stderr + done.stdout + (log.read_text(errors="replace") if log.exists() else "")
                raise RuntimeError(f"{' '.join(cmd)} failed:\n{detail[-2000:]}")

    def url(self, database: str = "postgres") -> str:
        """The URL of one database of the server."""
        return f"postgresql://embargo@127.0.0.1:{self.port}/{database}"

    def create_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of ``template``); returns its URL."""
        import psycopg

        self._count += 1
        name = f"embargo_test_{self._count}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        return self.url(name)

    def stop(self) -> None:
        """Stop the server and delete its folder."""
        subprocess.run(self._cmd("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop"), capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)
