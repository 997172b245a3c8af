"""A throwaway PostgreSQL server for the site-mode tests and bench: a cluster made with
``initdb`` in a temporary folder, on a free port on loopback, started and stopped with
``pg_ctl`` (as ``pytest-postgresql`` does). Debian's ``postgresql`` package (installed by
``scripts/bootstrap.sh``) provides the programs; as root they run as the ``postgres`` user,
because PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

USER = "rd_site"
PASSWORD = "s1te-Pa55word"
DATABASE = "returns_site"


def _postgres_ids() -> tuple[int, int]:
    import pwd  # POSIX only: imported when a cluster is made, so Windows can collect tests

    entry = pwd.getpwnam("postgres")
    return entry.pw_uid, entry.pw_gid


def find_program(name: str) -> str | None:
    """``name`` on PATH, else in the newest of Debian's /usr/lib/postgresql/*/bin."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    return versions[-1] if versions else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgCluster:
    """One server: ``start``, ``stop`` (fast or immediate, as a crash), ``start`` again."""

    def __init__(self) -> None:
        initdb, pg_ctl = find_program("initdb"), find_program("pg_ctl")
        if initdb is None or pg_ctl is None:
            raise RuntimeError("PostgreSQL is not installed (scripts/bootstrap.sh installs it)")
        self._initdb, self._pg_ctl = initdb, pg_ctl
        self._as: list[str] = []
        if os.geteuid() == 0:  # POSIX only, as this whole harness (never on Windows)
            self._as = ["runuser", "-u", "postgres", "--"]
        self.folder = Path(tempfile.mkdtemp(prefix="rd-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        if self._as:
            os.chown(self.folder, *_postgres_ids())
        pwfile = self.folder / "pw"
        pwfile.write_text(PASSWORD + "\n", encoding="utf-8")
        if self._as:
            os.chown(pwfile, _postgres_ids()[0], -1)
        self._run(
            self._initdb, "-D", str(self.data), "-U", USER, f"--pwfile={pwfile}",
            "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync",
        )  # fmt: skip
        self.running = False
        self._tls = ""

    @property
    def url(self) -> str:
        """The database URL a terminal is configured with (no password: keyring has it)."""
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{DATABASE}"

    def enable_tls(self) -> Path:
        """Serve TLS with a self-signed certificate for 127.0.0.1 (from the next start); the
        certificate, which a terminal names as its ``sslrootcert``."""
        cert, key = self.folder / "server.crt", self.folder / "server.key"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
             "-keyout", str(key), "-out", str(cert)],
            check=True, capture_output=True,
        )  # fmt: skip
        key.chmod(0o600)
        if self._as:
            for path in (cert, key):
                os.chown(path, *_postgres_ids())
        self._tls = f" -c ssl=on -c ssl_cert_file={cert} -c ssl_key_file={key}"
        return cert

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            # fast, and not durable: an immediate stop loses the last commits, as a server
            # restored from an older backup would (the terminals must ship them again)
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off" + self._tls
        )
        self._run(self._pg_ctl, "-D", str(self.data), "-o", options, "-l",
                  str(self.folder / "log"), "-w", "-t", "60", "start")  # fmt: skip
        self.running = True
        created = self._psql_admin(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'")
        if "1" not in created:
            self._psql_admin(f"CREATE DATABASE {DATABASE}")

    def stop(self, mode: str = "fast") -> None:
        """``immediate`` is a crash: no shutdown checkpoint, clients cut off."""
        if self.running:
            self._run(self._pg_ctl, "-D", str(self.data), "-m", mode, "-w", "stop")
            self.running = False

    def destroy(self) -> None:
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _psql_admin(self, sql: str) -> str:
        psql = find_program("psql") or "psql"
        out = subprocess.run(
            [*self._as, psql, "-h", str(self.folder), "-p", str(self.port), "-U", USER,
             "-d", "postgres", "-Atc", sql],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        return out.stdout

    def _run(self, *args: str) -> None:
        result = subprocess.run([*self._as, *args], capture_output=True, text=True)
        if result.returncode != 0:
            log = self.folder / "log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {result.stderr or result.stdout}\n{tail}")
