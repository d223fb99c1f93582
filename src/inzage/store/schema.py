"""The store's tables (documented in ``docs/store.md``) and opening a database.

Plain tables with foreign keys, readable with ``sqlite3`` and Datasette.  Each
row holds what the document model has and nothing else, except the derived
tables that dedupe, threads and search build from it (``messages``,
``threads``, ``clusters``, ``units``, ``unit_facets``, ``unit_terms``,
``minhashes``, ``lsh_bands``).  Full-text search is in an index beside the
database (:mod:`inzage.store.engine`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from inzage.errors import InzageError
from inzage.model import MODEL_VERSION
from inzage.store.database import (
    Connection,
    PostgresConnection,
    has_table,
    is_server,
    shown_address,
)

SCHEMA_VERSION = 6
# How near-duplicate signatures are made (inzage.store.dedupe); a store whose
# signatures were made another way has them remade from the stored text.
SIGNATURE_VERSION = "2"
# The oldest schema this inzage still opens: read-only as it is, upgraded in
# place (by :data:`_MIGRATIONS`) when opened for writing.
OLDEST_READABLE = 2
LOCK_TIMEOUT = 600.0  # seconds a writer waits for another's transaction


class StoreError(InzageError):
    """The database cannot be used: another schema version, or not an inzage store."""


_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    format TEXT NOT NULL,
    pages INTEGER,
    ocr_pages INTEGER NOT NULL,      -- pages whose text came from OCR
    encoding TEXT,
    metadata TEXT NOT NULL,          -- JSON object (front matter)
    text TEXT NOT NULL,              -- the reading text every span indexes
    characters INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE TABLE source_paths (
    source_id INTEGER NOT NULL REFERENCES sources(id),
    path TEXT NOT NULL,
    position INTEGER NOT NULL,       -- 0 = the path the source was parsed from
    PRIMARY KEY (source_id, path)
);
CREATE INDEX source_paths_path ON source_paths(path);
CREATE TABLE source_warnings (
    source_id INTEGER NOT NULL REFERENCES sources(id),
    position INTEGER NOT NULL,
    warning TEXT NOT NULL,
    PRIMARY KEY (source_id, position)
);
CREATE TABLE failures (
    path TEXT PRIMARY KEY,
    sha256 TEXT,
    error TEXT NOT NULL,             -- the error class, e.g. BinaryInputError
    reason TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    failed_at TEXT NOT NULL
);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    complete INTEGER NOT NULL,
    title TEXT,
    date TEXT,                       -- ISO 8601 with offset
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    first_page INTEGER,
    last_page INTEGER,
    language TEXT
);
CREATE INDEX documents_source ON documents(source_id, position);
CREATE TABLE document_fields (
    document_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (document_id, position)
);
CREATE INDEX document_fields_key ON document_fields(key, value);
CREATE TABLE document_attachments (
    document_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (document_id, position)
);
CREATE TABLE running_headers (
    document_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (document_id, position)
);
CREATE TABLE sections (
    document_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    number TEXT,
    title TEXT NOT NULL,
    level INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (document_id, position)
);

CREATE TABLE threads (
    id INTEGER PRIMARY KEY,
    subject TEXT,
    first_sent TEXT,
    last_sent TEXT,
    messages INTEGER NOT NULL
);
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    fingerprint TEXT UNIQUE,         -- NULL: a message that cannot be matched
    thread_id INTEGER REFERENCES threads(id),
    subject TEXT,
    thread_subject TEXT,             -- without RE:/FW:/Antw:, lower case
    sent_utc TEXT,
    sender TEXT,                     -- address or name, for threading
    occurrences INTEGER NOT NULL
);
CREATE INDEX messages_thread ON messages(thread_id, sent_utc);
CREATE INDEX messages_subject ON messages(thread_subject);
CREATE TABLE message_occurrences (
    id INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages(id),
    document_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,       -- Message.index
    sent TEXT,
    sent_zone_assumed TEXT,
    subject TEXT,
    header_style TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    body_start INTEGER NOT NULL,
    body_end INTEGER NOT NULL,
    quoted INTEGER NOT NULL,
    fingerprint TEXT,
    signature_start INTEGER,
    signature_end INTEGER,
    UNIQUE (document_id, position)
);
CREATE INDEX message_occurrences_message ON message_occurrences(message_id);
CREATE TABLE parties (
    id INTEGER PRIMARY KEY,
    occurrence_id INTEGER NOT NULL REFERENCES message_occurrences(id),
    role TEXT NOT NULL,              -- from, to, cc, bcc
    position INTEGER NOT NULL,
    name TEXT,
    address TEXT,
    domain TEXT,
    redacted INTEGER NOT NULL,
    grounds TEXT NOT NULL            -- ground codes, comma-separated
);
CREATE INDEX parties_occurrence ON parties(occurrence_id);
CREATE INDEX parties_domain ON parties(domain);
CREATE TABLE message_attachments (
    occurrence_id INTEGER NOT NULL REFERENCES message_occurrences(id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (occurrence_id, position)
);

CREATE TABLE redactions (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    marker TEXT NOT NULL,
    role TEXT NOT NULL,
    "group" INTEGER NOT NULL,
    confidence REAL NOT NULL,
    notation TEXT NOT NULL,
    box_page INTEGER,
    box_x REAL,
    box_y REAL,
    box_width REAL,
    box_height REAL,
    box_unit TEXT
);
CREATE INDEX redactions_document ON redactions(document_id, position);
CREATE TABLE redaction_grounds (
    redaction_id INTEGER NOT NULL REFERENCES redactions(id),
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    law TEXT,
    original TEXT NOT NULL,
    label TEXT NOT NULL,
    candidates TEXT NOT NULL,        -- Woo codes, comma-separated
    PRIMARY KEY (redaction_id, position)
);
CREATE INDEX redaction_grounds_code ON redaction_grounds(code);

CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    value_text TEXT,
    value_int INTEGER,
    role TEXT,
    redacted INTEGER
);
CREATE INDEX entities_document ON entities(document_id, position);
CREATE INDEX entities_kind ON entities(kind, value_text);

CREATE TABLE clusters (
    id INTEGER PRIMARY KEY,
    representative TEXT NOT NULL REFERENCES documents(id),
    documents INTEGER NOT NULL
);
CREATE TABLE cluster_members (
    cluster_id INTEGER NOT NULL REFERENCES clusters(id),
    document_id TEXT NOT NULL UNIQUE REFERENCES documents(id),
    similarity REAL NOT NULL,        -- estimated Jaccard with the representative
    PRIMARY KEY (cluster_id, document_id)
);
CREATE TABLE minhashes (
    document_id TEXT PRIMARY KEY REFERENCES documents(id),
    signature BLOB NOT NULL          -- NUM_PERM little-endian uint32 values
);
CREATE TABLE lsh_bands (
    band INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id)
);
CREATE INDEX lsh_bands_key ON lsh_bands(band, hash);

CREATE TABLE units (
    id INTEGER PRIMARY KEY,          -- the search index's id of the unit
    kind TEXT NOT NULL,              -- the document kind ("email" for messages)
    document_id TEXT NOT NULL REFERENCES documents(id),
    message_id INTEGER REFERENCES messages(id),
    start INTEGER NOT NULL,          -- the searchable text in the source
    "end" INTEGER NOT NULL,
    title TEXT,
    date_utc TEXT,
    redactions INTEGER NOT NULL,
    duplicate INTEGER NOT NULL DEFAULT 0   -- 1: a near-duplicate, not its cluster's representative
);
CREATE INDEX units_document ON units(document_id);
CREATE INDEX units_message ON units(message_id);
CREATE TABLE unit_facets (
    unit_id INTEGER NOT NULL REFERENCES units(id),
    facet TEXT NOT NULL,             -- kind, month, organisation, ground, domain
    value TEXT NOT NULL,
    PRIMARY KEY (unit_id, facet, value)
) WITHOUT ROWID;
CREATE INDEX unit_facets_value ON unit_facets(facet, value);
%PROPOSALS%
"""

# Personal data that ``inzage detect --db`` proposes to redact, keep or review;
# offsets into sources.text, like every span of the store.
_PROPOSALS = """
CREATE TABLE proposals (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    document_id TEXT REFERENCES documents(id),
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    action TEXT NOT NULL,            -- redact, keep, review
    ground TEXT,                     -- null for keep
    score REAL NOT NULL,
    recogniser TEXT NOT NULL,
    reason TEXT NOT NULL,
    person TEXT,                     -- one key for every variant of a name
    page INTEGER
);
CREATE INDEX proposals_source ON proposals(source_id, start);
CREATE INDEX proposals_person ON proposals(person);
"""
_TABLES = _TABLES.replace("%PROPOSALS%", _PROPOSALS)
# The tables above are those of version 3; a new store is made in that
# version and brought up to date by the migrations, the same path an existing
# store takes.
_CREATED_VERSION = 3

# The review of a dossier (``inzage review``): the Woo request, a judgement
# per document, each proposal's status, the pages withheld whole, the
# strings redacted everywhere, and an audit log of every decision.  The
# audit log names documents and proposals by id, never the text redacted.
_REVIEW = """
CREATE TABLE request (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    case_number TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    request_date TEXT,               -- ISO dates
    decision_date TEXT,
    publisher TEXT,                  -- a TOOI URI
    publisher_label TEXT,
    requester TEXT,                  -- personal data: in no export or publication
    decision TEXT,                   -- Openbaarmaking, Gedeeltelijke openbaarmaking, ...
    changed_by TEXT,
    changed_at TEXT
);
CREATE TABLE reviews (
    document_id TEXT PRIMARY KEY REFERENCES documents(id),
    number INTEGER NOT NULL UNIQUE,  -- the inventory's Document ID
    judgement TEXT,                  -- openbaar, deels openbaar, niet openbaar, reeds openbaar
    grounds TEXT NOT NULL DEFAULT '',-- Woo codes, ';'-separated, of a document withheld
    link TEXT,                       -- where a document already public is
    duplicate_of TEXT REFERENCES documents(id),
    remark TEXT,                     -- the inventory's Toelichting
    suspended INTEGER NOT NULL DEFAULT 0,
    judged_by TEXT,
    judged_at TEXT,
    signed_by TEXT,
    signed_at TEXT,
    version INTEGER NOT NULL DEFAULT 1,  -- raised by every change to the document's review
    changed_by TEXT,
    changed_at TEXT
);
CREATE TABLE withheld_pages (
    document_id TEXT NOT NULL REFERENCES documents(id),
    page INTEGER NOT NULL,           -- of the source file, from 1
    ground TEXT NOT NULL,
    PRIMARY KEY (document_id, page)
);
ALTER TABLE proposals ADD COLUMN status TEXT NOT NULL DEFAULT 'proposed';
ALTER TABLE proposals ADD COLUMN decided_by TEXT;
ALTER TABLE proposals ADD COLUMN decided_at TEXT;
CREATE INDEX proposals_document ON proposals(document_id, start);
CREATE TABLE dossier_terms (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL UNIQUE,       -- redacted in every document of the dossier
    ground TEXT NOT NULL,
    kind TEXT NOT NULL,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    action TEXT NOT NULL,
    document_id TEXT,
    proposal_id INTEGER,
    detail TEXT NOT NULL DEFAULT '{}' -- JSON: status, ground, judgement, counts; never text
);
CREATE INDEX audit_document ON audit(document_id, id);
"""

# Full-text search moves to the engine beside the store (inzage.store.engine):
# the FTS5 table goes, and ingest workers leave each unit's index forms in
# unit_terms until the index has them.  The index of a store migrated here is
# built from the stored text (``inzage index``).
_SEARCH_ENGINE = """
INSERT INTO meta VALUES ('signature_version', '1') ON CONFLICT DO NOTHING;
UPDATE meta SET value = '0' WHERE key = 'finalised' AND
    (SELECT value FROM meta WHERE key = 'signature_version') != '%SIGNATURES%';
DROP TABLE IF EXISTS units_fts;
CREATE TABLE unit_terms (
    unit_id INTEGER PRIMARY KEY REFERENCES units(id),
    body TEXT NOT NULL               -- index forms, space-separated
);
"""

_SEARCH_ENGINE = _SEARCH_ENGINE.replace("%SIGNATURES%", SIGNATURE_VERSION)

# Abbreviations the documents define ("Landelijk Consortium Hulpmiddelen
# (LCH)"), read at ingest (inzage.store.abbreviations), so that a search for
# one finds the other.  A store of an older inzage has its sources read for
# them when it is next finalised (``abbreviations_read`` 0).
_ABBREVIATIONS = """
CREATE TABLE abbreviations (
    source_id INTEGER NOT NULL REFERENCES sources(id),
    abbreviation TEXT NOT NULL,      -- as written: "LCH"
    name TEXT NOT NULL,              -- as written: "Landelijk Consortium Hulpmiddelen"
    PRIMARY KEY (source_id, abbreviation, name)
);
INSERT INTO meta VALUES ('abbreviations_read', '0') ON CONFLICT DO NOTHING;
"""

_NEW_META = [
    ("schema_version", str(_CREATED_VERSION)),
    ("model_version", MODEL_VERSION),
    ("finalised", "1"),
    ("signature_version", SIGNATURE_VERSION),
    ("abbreviations_read", "1"),
]

# from version → the statements that make it the next version.
_MIGRATIONS: dict[int, str] = {
    2: _PROPOSALS,
    3: _REVIEW,
    4: _SEARCH_ENGINE,
    5: _ABBREVIATIONS,
}


def connect(path: str | Path, *, create: bool = True, read_only: bool = False) -> Connection:
    """Open a store, creating it when ``create`` and it does not exist yet;
    ``read_only`` opens an existing store so that nothing can be written.
    ``path``: an SQLite file, or a PostgreSQL address (``postgresql://…``).
    Raises :class:`StoreError` for another schema version, a file that is
    not an inzage store or a server that cannot be reached."""
    if is_server(path):
        return _connect_server(str(path), create=create, read_only=read_only)
    path = Path(path)
    exists = path.exists() and path.stat().st_size > 0
    if not exists and (read_only or not create):
        raise StoreError(f"{path}: no such database (run 'inzage ingest' first)")
    if read_only:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
        _check(connection, path)
        return connection
    # Ingest workers write through their own connections, one at a time: a
    # writer waits for the lock rather than failing.
    connection = sqlite3.connect(
        path, isolation_level=None, check_same_thread=False, timeout=LOCK_TIMEOUT
    )
    if exists:
        _check(connection, path)
        _migrate(connection)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA cache_size=-65536")
    if not exists:
        _create(connection)
    return connection


def _connect_server(address: str, *, create: bool, read_only: bool) -> Connection:
    """A PostgreSQL store: the same tables in the server's types, made and
    migrated the way an SQLite file is."""
    import psycopg

    shown = shown_address(address)
    try:
        connection = PostgresConnection(address, read_only=read_only)
    except psycopg.Error as exc:
        raise StoreError(f"{shown}: the server cannot be reached ({_first_line(exc)})") from None
    exists = has_table(connection, "meta")
    if not exists and (read_only or not create):
        connection.close()
        raise StoreError(f"{shown}: no inzage store in this database (run 'inzage ingest' first)")
    if exists:
        _check(connection, shown)
        if not read_only:
            _migrate(connection)
        return connection
    _create(connection)
    return connection


def _create(connection: Connection) -> None:
    """The tables of a new store, made in :data:`_CREATED_VERSION` and brought
    up to date the way an existing store is."""
    with transaction(connection):
        # Another process may have made them while this one waited for the lock.
        if not has_table(connection, "meta"):
            for statement in _statements(_TABLES):
                connection.execute(statement)
            connection.executemany("INSERT INTO meta VALUES (?, ?)", _NEW_META)
    _migrate(connection)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


@contextmanager
def transaction(connection: Connection) -> Iterator[Connection]:
    """One transaction: committed when the block ends, rolled back when it raises
    (or when the process dies: WAL keeps the store as it was before)."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _statements(script: str) -> Iterator[str]:
    for statement in script.split(";\n"):
        if statement.strip():
            yield statement


def _check(connection: Connection, path: str | Path) -> None:
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not an inzage database ({exc})") from None
    if row is None:
        raise StoreError(f"{path}: not an inzage database (no schema version)")
    if not OLDEST_READABLE <= int(row[0]) <= SCHEMA_VERSION:
        raise StoreError(
            f"{path}: database schema version {row[0]}, this inzage reads versions "
            f"{OLDEST_READABLE} to {SCHEMA_VERSION}; ingest into a new database file"
        )


def _migrate(connection: Connection) -> None:
    """Bring an older store up to :data:`SCHEMA_VERSION`, one version a
    transaction (a second writer that raced us finds the work done)."""
    while True:
        with transaction(connection):
            version = int(get_meta(connection, "schema_version") or SCHEMA_VERSION)
            if version >= SCHEMA_VERSION:
                return
            for statement in _statements(_MIGRATIONS[version]):
                connection.execute(statement)
            set_meta(connection, "schema_version", str(version + 1))


def get_meta(connection: Connection, key: str) -> str | None:
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_meta(connection: Connection, key: str, value: str) -> None:
    connection.execute(
        "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
