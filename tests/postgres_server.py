"""A real PostgreSQL server for the tests and benchmarks, as a pytest plugin.

The server (Debian package ``postgresql``; ``make test`` installs it) runs from a temporary
data folder on 127.0.0.1 at a free port, as the ``postgres`` system user when we are root (the
server refuses root), and is stopped at the end of the session. A watchdog process stops it
too if the test process dies without cleaning up. Fixtures:

- ``postgres_server``: the session's server (tests fail, never skip, when it cannot start);
- ``postgresql_url``: a new empty database owned by an ordinary (non-superuser) role;
- tests marked ``both_backends`` run once per registry backend with ``database_url`` set to a
  SQLite file or a fresh PostgreSQL database (the ``database_url`` fixture reads the param).
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

BACKENDS = ("sqlite", "postgresql")
APP_ROLE = "asc_app"


class PostgresUnavailable(RuntimeError):
    """PostgreSQL cannot run here; the message says why and what to install."""


def _bin_dir() -> Path:
    """Debian's newest PostgreSQL, or the folder named by ASC_TEST_PG_BIN (other systems)."""
    if chosen := os.environ.get("ASC_TEST_PG_BIN"):
        found = [str(Path(chosen) / "pg_ctl")] if (Path(chosen) / "pg_ctl").exists() else []
    else:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                       key=lambda p: int(Path(p).parts[4]))
    if not found:
        raise PostgresUnavailable(
            f"PostgreSQL is not installed (no pg_ctl in "
            f"{chosen or '/usr/lib/postgresql/*/bin'}). `make test` installs the Debian "
            "package `postgresql`; as root run `apt-get install -y postgresql`.")
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """One throwaway server. ``durable=False`` turns fsync off (tests: faster, same SQL)."""

    def __init__(self, *, durable: bool = False):
        self.bin = _bin_dir()
        self.durable = durable
        self.password = secrets.token_urlsafe(16)
        self.app_password = secrets.token_urlsafe(16)
        self.port = 0
        self.root = Path(tempfile.mkdtemp(prefix="asc-pg-"))
        self.data = self.root / "data"
        self._names = itertools.count(1)
        self._watchdog: subprocess.Popen | None = None
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            try:
                account = pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresUnavailable("the `postgres` system user is missing (the Debian "
                                          "package `postgresql` creates it)") from None
            os.chown(self.root, account.pw_uid, account.pw_gid)
            self._as_user = ["runuser", "-u", "postgres", "--"]

    # ---- life cycle -----------------------------------------------------------------------
    def start(self) -> PostgresServer:
        pwfile = self.root / "pwfile"
        pwfile.write_text(self.password + "\n")
        if self._as_user:
            shutil.chown(pwfile, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=scram-sha-256",
                  f"--pwfile={pwfile}", "-E", "UTF8", "--no-locale", "--no-sync")
        pwfile.unlink()
        options = ["-c", "listen_addresses=127.0.0.1", "-k", str(self.root),
                   "-c", "max_connections=200"]
        if not self.durable:
            options += ["-c", "fsync=off", "-c", "full_page_writes=off"]
        for attempt in range(3):  # another process may take the free port first
            self.port = _free_port()
            try:
                self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"),
                          "-w", "-t", "60", "-o", " ".join([*options, "-p", str(self.port)]),
                          "start")
                break
            except PostgresUnavailable:
                if attempt == 2:
                    raise
        self._start_watchdog()
        self.admin(f"CREATE ROLE {APP_ROLE} LOGIN PASSWORD '{self.app_password}'")
        return self

    def stop(self) -> None:
        if self.data.exists():
            subprocess.run([*self._as_user, str(self.bin / "pg_ctl"), "-D", str(self.data),
                            "-m", "fast", "-w", "stop"], capture_output=True, check=False)
        if self._watchdog is not None:
            self._watchdog.kill()
            self._watchdog.wait()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _start_watchdog(self) -> None:
        # Stops the server if this process ends without stop() (killed, timeout, crash).
        stop = " ".join([*self._as_user, str(self.bin / "pg_ctl"), "-D", str(self.data),
                         "-m", "immediate", "stop"])
        script = (f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 1; done; "
                  f"{stop} >/dev/null 2>&1; rm -rf {self.root}")
        self._watchdog = subprocess.Popen(["sh", "-c", script], start_new_session=True,
                                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL)

    def _run(self, program: str, *args: str) -> None:
        result = subprocess.run([*self._as_user, str(self.bin / program), *args],
                                capture_output=True, text=True, cwd=self.root, check=False)
        if result.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise PostgresUnavailable(f"{program} failed: {result.stderr.strip()} {tail}")

    # ---- databases ------------------------------------------------------------------------
    def url(self, database: str, *, user: str = APP_ROLE, password: str | None = None) -> str:
        password = self.app_password if password is None else password
        return f"postgresql+psycopg://{user}:{password}@127.0.0.1:{self.port}/{database}"

    def admin(self, *statements: str, database: str = "postgres") -> None:
        """Run statements as the superuser (autocommit), in the given database."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres",
                             password=self.password, dbname=database,
                             autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def new_database(self) -> str:
        """A new empty database owned by the app role; its SQLAlchemy URL."""
        name = f"asc_test_{os.getpid()}_{next(self._names)}"
        self.admin(f"CREATE DATABASE {name} OWNER {APP_ROLE} TEMPLATE template0")
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_server():
    server = None
    try:
        server = PostgresServer()
        server.start()
    except PostgresUnavailable as exc:
        if server is not None:
            server.stop()
        pytest.fail(f"the PostgreSQL registry tests need a PostgreSQL server: {exc}",
                    pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgresql_url(postgres_server) -> str:
    return postgres_server.new_database()


def pytest_configure(config):
    config.addinivalue_line("markers",
                            "both_backends: run the test on SQLite and on PostgreSQL")


def pytest_generate_tests(metafunc):
    if (metafunc.definition.get_closest_marker("both_backends")
            and "database_url" in metafunc.fixturenames):
        metafunc.parametrize("database_url", BACKENDS, indirect=True)
