"""A throwaway PostgreSQL server for the tests of the server store.

``INZAGE_TEST_POSTGRES`` may name a server to use (``postgresql://user@host/``
with the right to create databases); otherwise one is started from the
Debian package's ``initdb`` in a temporary folder, on a Unix socket only, and
stopped at the end.  Without either, the tests that need it are skipped
with the reason.  Each test gets a database of its own.
"""

from __future__ import annotations

import getpass
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from inzage.store.database import close_pools

VARIABLE = "INZAGE_TEST_POSTGRES"


@dataclass(frozen=True)
class Server:
    """How to reach the server: libpq keywords for a database name."""

    base: str  # an address without a database name, e.g. postgresql://postgres@/?host=/tmp/x

    def address(self, database: str) -> str:
        head, _, query = self.base.partition("?")
        head = head.rstrip("/")
        return f"{head}/{database}" + (f"?{query}" if query else "")


def _binaries() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3])
    )
    return versions[-1].parent if versions else None


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the package's user then."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


class UnavailableError(Exception):
    """No PostgreSQL here to start."""


@contextmanager
def throwaway_server() -> Iterator[Server]:
    """A server of its own in a temporary folder, stopped and removed at the end
    (used by the tests and by ``bench/server_store.py``)."""
    binaries = _binaries()
    if binaries is None:
        raise UnavailableError("PostgreSQL is not installed (apt install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="inzage-pg-"))
    user = "postgres" if os.geteuid() == 0 else getpass.getuser()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data = folder / "data"
    subprocess.run(
        _as_server_user(
            [
                *(str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", user),
                *("-E", "UTF8", "--locale=C.UTF-8", "--no-sync"),
            ]
        ),
        check=True,
        capture_output=True,
    )
    options = f"-k {folder} -c listen_addresses='' -c fsync=off -c max_connections=200"
    pg_ctl = str(binaries / "pg_ctl")
    started = subprocess.run(
        _as_server_user(
            [pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"]
        ),
        capture_output=True,
        text=True,
    )
    if started.returncode != 0:
        log = (folder / "log").read_text("utf-8", "replace")[-2000:]
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {started.stderr}\n{log}")
    try:
        yield Server(f"postgresql://{user}@/?host={folder}")
    finally:
        subprocess.run(
            _as_server_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def create_database(server: Server, name: str) -> str:
    """A new, empty database on ``server``; its address."""
    import psycopg

    with psycopg.connect(server.address("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return server.address(name)


def drop_database(server: Server, name: str) -> None:
    import psycopg

    close_pools(server.address(name))
    with psycopg.connect(server.address("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Server]:
    given = os.environ.get(VARIABLE)
    if given:
        yield Server(given)
        return
    try:
        with throwaway_server() as server:
            yield server
    except UnavailableError as exc:
        pytest.skip(f"{exc}: the server-store tests")


@pytest.fixture
def postgres_url(
    postgres_server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A new, empty database (dropped afterwards), its search index in ``tmp_path``."""
    name = f"inzage_test_{uuid.uuid4().hex[:12]}"
    address = create_database(postgres_server, name)
    monkeypatch.setenv("INZAGE_INDEX", str(tmp_path / "server-index"))
    try:
        yield address
    finally:
        drop_database(postgres_server, name)
