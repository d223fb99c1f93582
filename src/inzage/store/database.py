"""Where a store lives: an SQLite file (the default) or a PostgreSQL server.

Every module of the store talks to a :class:`Connection`: the part of
:class:`sqlite3.Connection` it uses (``execute``, ``executemany``,
``close``, a progress handler for time limits).  An SQLite file gives one
itself; a PostgreSQL address (``postgresql://user@host/dbname``) gives a
:class:`PostgresConnection`, which runs the same SQL: the store writes its
statements in the subset both engines read (``ON CONFLICT``, ``RETURNING``,
``?`` parameters) and this module turns the rest into PostgreSQL's:

- ``?`` parameters become ``%s`` (and a literal ``%`` is doubled);
- ``BEGIN IMMEDIATE`` becomes ``BEGIN`` followed by one transaction-wide
  advisory lock, so that writers take turns as they do on SQLite: ids are
  handed out in the order transactions commit (what the search index's
  catching up relies on) and no two workers store one file twice;
- ``PRAGMA`` statements (SQLite's settings) do nothing;
- table definitions (``CREATE``, ``ALTER``) get PostgreSQL's types: 64-bit
  integers (SQLite's are), ids the server hands out, bytes for blobs.

Python values go in as SQLite takes them (``True`` is ``1``) and come out
as SQLite gives them (a ``sum`` is an ``int``, not a ``Decimal``).
"""

from __future__ import annotations

import atexit
import os
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

SERVER_SCHEMES = ("postgresql://", "postgres://")
# The environment variable that names the store when ``--db`` is not given.
DB_VARIABLE = "INZAGE_DB"
# Where the search index of a server store is kept: the folder named here, or
# one per server and database under the user's data folder.
INDEX_VARIABLE = "INZAGE_INDEX"
# pg_advisory_xact_lock's key for "a transaction that writes": any number
# that no other application on the server takes (b"inzage" as an integer).
WRITER_LOCK = 0x696E7A616765


class Cursor(Protocol):
    """What the store reads from a statement's result."""

    @property
    def description(self) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Any: ...


class Connection(Protocol):
    """What the store asks of a database connection."""

    # Parameters as Any: sqlite3's own types for them are narrower than a
    # protocol could ask for.
    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Any, /) -> Cursor: ...

    def set_progress_handler(self, handler: Callable[[], int] | None, n: int, /) -> None: ...

    def close(self) -> None: ...


def is_server(address: str | Path) -> bool:
    """A PostgreSQL address rather than a file name."""
    return str(address).startswith(SERVER_SCHEMES)


def shown_address(address: str | Path) -> str:
    """The address as messages may show it: a server's without its password."""
    if not is_server(address):
        return str(address)
    parts = urlsplit(str(address))
    user = f"{parts.username}@" if parts.username else ""
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme}://{user}{host}{port}{parts.path}{query}"


def index_folder(address: str | Path) -> Path:
    """Where the search index of a store is: beside an SQLite file
    (``inzage.db`` → ``inzage.db-search``); for a server store the folder
    :data:`INDEX_VARIABLE` names, else one per server and database in the
    user's data folder (only the machine that ingests and searches needs it)."""
    if not is_server(address):
        path = Path(address).resolve()
        return path.with_name(path.name + "-search")
    chosen = os.environ.get(INDEX_VARIABLE)
    if chosen:
        return Path(chosen)
    parts = urlsplit(str(address))
    name = "-".join(
        p for p in (parts.hostname or "socket", str(parts.port or ""), parts.path.strip("/")) if p
    )
    data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data / "inzage" / "index" / re.sub(r"[^\w.-]", "_", name)


class PostgresConnection:
    """A PostgreSQL connection that runs the store's SQL (see the module's text),
    borrowed from the process's pool for its server and given back on
    :meth:`close` (the web app opens the store for every request)."""

    def __init__(self, address: str, *, read_only: bool = False) -> None:
        self.address = address
        self.read_only = read_only
        self._pool = _pool(address)
        self._connection = self._pool.getconn()
        mode = "READ ONLY" if read_only else "READ WRITE"
        self._connection.execute(f"SET SESSION CHARACTERISTICS AS TRANSACTION {mode}")

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Any:
        translated = _postgres_sql(sql)
        if translated is None:
            return _NO_ROWS
        cursor = self._connection.cursor()
        cursor.execute(translated, tuple(parameters))
        if translated == "BEGIN" and not self.read_only:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
        return cursor

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Any:
        translated = _postgres_sql(sql)
        cursor = self._connection.cursor()
        if translated is not None:
            cursor.executemany(translated, [tuple(p) for p in parameters])
        return cursor

    def set_progress_handler(self, handler: Callable[[], int] | None, n: int, /) -> None:
        """SQLite's way of stopping a long query midway.  A server's queries
        are not stopped midway: the caller refuses an answer that came too
        late, as it does for the search engine's part."""
        del handler, n

    def close(self) -> None:
        """Give the connection back (a transaction left open is rolled back)."""
        self._pool.putconn(self._connection)


# One pool per server address and process: a pool's connections are never
# shared with a worker process forked from this one.
_POOLS: dict[tuple[int, str], Any] = {}
_POOLS_LOCK = threading.Lock()
POOL_SIZE = 10  # connections per process and server: requests at once, at most


def _pool(address: str) -> Any:
    import psycopg
    import psycopg_pool

    key = (os.getpid(), address)
    with _POOLS_LOCK:
        pool = _POOLS.get(key)
        if pool is None:
            # One direct attempt first: a wrong address or a server that is
            # down is said at once, in the server's words (a pool only retries).
            psycopg.connect(address, connect_timeout=10).close()
            pool = _POOLS[key] = psycopg_pool.ConnectionPool(
                address,
                min_size=1,
                max_size=POOL_SIZE,
                # Autocommit: the store opens and ends its transactions itself
                # (BEGIN … COMMIT), as with SQLite's isolation_level=None.
                kwargs={"autocommit": True},
                configure=_configure,
                name="inzage",
                open=True,
            )
        return pool


def close_pools(address: str | None = None) -> None:
    """Close this process's pools (of one server address, or all): before a
    database is dropped, and at exit."""
    with _POOLS_LOCK:
        for key in [k for k in _POOLS if address is None or k[1] == address]:
            pool = _POOLS.pop(key)
            if key[0] == os.getpid():
                pool.close()


atexit.register(close_pools)


def _configure(connection: Any) -> None:
    loader, dumper = _adapters()
    connection.adapters.register_loader("numeric", loader)
    connection.adapters.register_dumper(bool, dumper)


class _Rows:
    """The cursor of a statement that did nothing (a PRAGMA)."""

    @property
    def description(self) -> None:
        return None

    def fetchone(self) -> None:
        return None

    def fetchall(self) -> list[Any]:
        return []

    def __iter__(self) -> Any:
        return iter(())


_NO_ROWS = _Rows()
_PARAMETER_OR_QUOTED = re.compile(r"'(?:[^']|'')*'|\"[^\"]*\"|\?|%")


@lru_cache(maxsize=2_048)
def _postgres_sql(sql: str) -> str | None:
    """The statement in PostgreSQL's words; ``None`` for one that does nothing there."""
    stripped = sql.strip()
    head = stripped[:16].upper()
    if head.startswith("PRAGMA"):
        return None
    if head.startswith("BEGIN"):
        return "BEGIN"
    if head.startswith(("CREATE", "ALTER")):
        for pattern, replacement in _DDL_TYPES:
            stripped = pattern.sub(replacement, stripped)

    def replaced(match: re.Match[str]) -> str:
        token = match.group(0)
        return {"?": "%s", "%": "%%"}.get(token, token)

    return _PARAMETER_OR_QUOTED.sub(replaced, stripped)


_DDL_TYPES = (
    (
        re.compile(r"\bINTEGER PRIMARY KEY\b(?! *REFERENCES)"),
        "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    ),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"\)\s*WITHOUT ROWID"), ")"),
)


@lru_cache(maxsize=1)
def _adapters() -> tuple[type, type]:
    """The loader and dumper that make values cross as with SQLite, made on
    first use (psycopg is imported only for a server store)."""
    from psycopg.types.numeric import IntDumper, NumericLoader

    class SumAsSQLiteGives(NumericLoader):
        """``sum`` and ``avg``: an int when whole, else a float (not a Decimal)."""

        def load(self, data: Any) -> Any:
            value = super().load(data)
            return int(value) if value == value.to_integral_value() else float(value)

    class BoolAsInt(IntDumper):
        """``True`` and ``False`` into integer columns, as SQLite stores them."""

        def dump(self, obj: Any) -> Any:
            return super().dump(int(obj))

    return SumAsSQLiteGives, BoolAsInt


def on_server(connection: Connection) -> bool:
    return isinstance(connection, PostgresConnection)


def has_table(connection: Connection, name: str) -> bool:
    sql = (
        "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
        "AND table_name = ?"
        if on_server(connection)
        else "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    )
    return connection.execute(sql, (name,)).fetchone() is not None


def address_of(connection: Connection) -> str | None:
    """What another process opens to reach the same store: the server's
    address, or the SQLite file; ``None`` for a store only this connection
    sees (in memory)."""
    if isinstance(connection, PostgresConnection):
        return connection.address
    for _, name, file in connection.execute("PRAGMA database_list"):
        if name == "main":
            return str(file) or None
    return None
