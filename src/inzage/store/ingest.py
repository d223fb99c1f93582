"""Ingest: files → parsed sources → the store, in parallel and resumable.

Files are hashed in the main process; a sha256 already stored only adds the
path (incremental, and exact duplicates stored once).  New files go to worker
processes, at most a few per worker in flight, so memory stays bounded however
many files there are.  Each worker parses a file and writes it to the store
itself, through its own connection, in one transaction: handing the parsed
model back to one writing process cost that process more time per page than a
worker spends parsing, so it capped the whole run.  SQLite lets one writer in
at a time (WAL, ``BEGIN IMMEDIATE``); the others wait their turn, and a run
killed at any moment leaves every file either fully stored or not at all, so
the next run goes on where it stopped.  Threads and near-duplicate clusters
are rebuilt at the end of a run (and by the next run, if this one did not get
there).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import math
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from inzage.errors import (
    ClusterError,
    InputError,
    MissingInputError,
    NotAFileError,
    TooLargeError,
)
from inzage.model import Source
from inzage.paths import missing_reason, shown_path
from inzage.pipeline import parse_path
from inzage.read.options import DEFAULT_READ, ReadOptions
from inzage.store.abbreviations import defined_abbreviations
from inzage.store.database import Connection, address_of, is_server
from inzage.store.dedupe import rebuild_clusters, resign_if_stale, signature, words_signature
from inzage.store.engine import Engine
from inzage.store.indexing import catch_up, mark_duplicates_changed
from inzage.store.schema import connect, get_meta, set_meta, transaction
from inzage.store.terms import iter_folded_words
from inzage.store.threads import rebuild_threads
from inzage.store.units import UNIT_CHARACTERS, Unit, document_units
from inzage.store.write import (
    Parsed,
    add_path,
    record_failure,
    store_abbreviations,
    store_source,
)

INDEX_EVERY = 2.0  # seconds between bringing the search index in step during an ingest
PAGE_CHARACTERS = 3_000  # a typical released page of text, for page counts without pages
_PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


@dataclass(frozen=True)
class Failure:
    path: str
    error: str
    reason: str
    sha256: str | None = None


@dataclass
class Progress:
    """Running totals, handed to the progress callback after every file."""

    files: int = 0  # files looked at
    total: int | None = None  # files to look at, when known
    parsed: int = 0
    unchanged: int = 0  # already stored under this path
    duplicates: int = 0  # same content as a stored file, under another path
    failed: int = 0
    pages: int = 0
    ocr_pages: int = 0
    documents: int = 0
    failures: list[Failure] = field(default_factory=list)


@dataclass(frozen=True)
class Stored:
    """What a worker reports for a file it wrote: small, so cheap to hand back."""

    pages: int
    ocr_pages: int
    documents: int
    duplicate: bool  # the same bytes finished under another path first: path added


def ingest(
    connection: Connection,
    engine: Engine,
    paths: Iterable[Path],
    *,
    workers: int | None = None,
    options: ReadOptions = DEFAULT_READ,
    total: int | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    cluster: str | None = None,
) -> Progress:
    """Ingest ``paths`` (files; expand folders before) into the store, each read
    with ``options``; the search index is brought in step every few seconds
    and at the end.  ``cluster``: the address of a Dask scheduler whose
    workers parse and store the files (a server store only) instead of this
    machine's processes."""
    progress = Progress(total=total)
    workers = workers or os.cpu_count() or 1
    indexed_at = time.monotonic()

    def report() -> None:
        if on_progress is not None:
            on_progress(progress)

    def done(result: Stored | Failure) -> None:
        if isinstance(result, Failure):
            _fail(connection, progress, result)
        elif result.duplicate:
            progress.duplicates += 1
        else:
            progress.parsed += 1
            progress.documents += result.documents
            progress.pages += result.pages
            progress.ocr_pages += result.ocr_pages
        progress.files += 1
        nonlocal indexed_at
        if time.monotonic() - indexed_at > INDEX_EVERY:
            catch_up(connection, engine)
            indexed_at = time.monotonic()
        report()

    work = _new_files(connection, paths, progress, options.max_bytes, report)
    database = address_of(connection)
    if cluster is not None:
        if database is None or not is_server(database):
            raise ClusterError(
                "a cluster's workers write to a server store: give --db postgresql://…"
            )
        _ingest_on_cluster(cluster, database, work, options, done)
    elif workers == 1 or database is None:
        for path in work:
            done(store_file(connection, path, options))
    else:
        pool = ProcessPoolExecutor(
            max_workers=workers, initializer=_start_worker, initargs=(database, os.getpid())
        )
        try:
            running: set[Future[Stored | Failure]] = set()
            for path in work:
                running.add(pool.submit(_worker_store_file, path, options))
                if len(running) >= workers * 4:
                    running = _drain(running, done, wait_all=False)
            _drain(running, done, wait_all=True)
        except BaseException:
            # Ctrl-C, SIGTERM or an error here: the workers are stopped at once
            # rather than left to finish (or to run on as orphans).  A file a
            # worker was writing is rolled back whole, so the next run redoes it.
            stop_workers(pool)
            raise
        pool.shutdown()
    finalise(connection, engine)
    return progress


def _ingest_on_cluster(
    address: str,
    database: str,
    work: Iterable[str],
    options: ReadOptions,
    done: Callable[[Stored | Failure], None],
) -> None:
    """Hand each file to a worker of the Dask cluster at ``address``: it parses
    the file and writes it to the server store itself, in one transaction,
    as a local worker does.  The workers read the files at the paths given
    here (a shared file system).  A worker that dies mid-file leaves nothing
    of it; the scheduler gives the file to another."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError(
            "the cluster client is not installed: pip install 'inzage[cluster]'"
        ) from None
    try:
        client = Client(address, timeout=10)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"{address}: the cluster cannot be reached ({exc})") from None
    try:
        threads = sum(client.nthreads().values()) or 1
        executor = client.get_executor(pure=False)
        running: set[Future[Stored | Failure]] = set()
        try:
            for path in work:
                running.add(executor.submit(_cluster_store_file, database, path, options))
                if len(running) >= threads * 4:
                    running = _drain(running, done, wait_all=False)
            _drain(running, done, wait_all=True)
        except BaseException:
            for future in running:
                future.cancel()
            raise
    finally:
        client.close()


# A cluster worker's connections to the server store, one per store address
# (a worker runs the tasks of many ingests, one after another).
_cluster_connections: dict[str, Connection] = {}


def _cluster_store_file(database: str, path: str, options: ReadOptions) -> Stored | Failure:
    connection = _cluster_connections.get(database)
    if connection is None:
        connection = _cluster_connections[database] = connect(database, create=False)
    return store_file(connection, path, options)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the workers, then let the pool see that they are gone: shut down
    without waiting, the pool's own exit hook writes to a pipe it closed (and
    prints a traceback as the program ends)."""
    for child in multiprocessing.active_children():
        child.kill()
    pool.shutdown(wait=True, cancel_futures=True)


def _drain(
    running: set[Future[Stored | Failure]],
    done: Callable[[Stored | Failure], None],
    *,
    wait_all: bool,
) -> set[Future[Stored | Failure]]:
    while running:
        finished, running = wait(running, return_when=FIRST_COMPLETED)
        for future in finished:
            done(future.result())
        if not wait_all:
            break
    return running


def store_file(
    connection: Connection, path: str, options: ReadOptions = DEFAULT_READ
) -> Stored | Failure:
    """Parse one file and write it to the store in one transaction."""
    parsed = parse_file(path, options)
    if isinstance(parsed, Failure):
        return parsed
    stored = store_source(connection, parsed)
    sources = [each.source for each in parsed.all()]
    return Stored(
        pages=sum(s.pages or math.ceil(len(s.text) / PAGE_CHARACTERS) for s in sources),
        ocr_pages=sum(s.ocr_pages for s in sources),
        documents=sum(len(s.documents) for s in sources),
        duplicate=stored is None,
    )


_worker_connection: Connection | None = None


def _start_worker(database: str, parent: int) -> None:
    """A worker's set-up: it dies with the ingest that started it, even one killed
    with SIGKILL (Linux); Ctrl-C in the terminal is the parent's to handle."""
    global _worker_connection
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    _worker_connection = connect(database, create=False)


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _worker_store_file(path: str, options: ReadOptions) -> Stored | Failure:
    assert _worker_connection is not None, "worker started without its store"
    return store_file(_worker_connection, path, options)


def _new_files(
    connection: Connection,
    paths: Iterable[Path],
    progress: Progress,
    max_bytes: int,
    report: Callable[[], None],
) -> Iterator[str]:
    """The files that need parsing; the rest are counted here."""
    for path in paths:
        shown = shown_path(path)  # what is stored: a name that is not UTF-8 escaped
        try:
            sha256 = _hash(path, max_bytes)
        except InputError as exc:
            _fail(connection, progress, Failure(shown, type(exc).__name__, exc.reason))
            progress.files += 1
            report()
            continue
        known = connection.execute(
            "SELECT 1 FROM source_paths p JOIN sources s ON s.id = p.source_id "
            "WHERE s.sha256 = ? AND p.path = ?",
            (sha256, shown),
        ).fetchone()
        if known is not None:
            progress.unchanged += 1
        elif add_path(connection, sha256, shown):
            progress.duplicates += 1
        else:
            yield str(path)
            continue
        progress.files += 1
        report()


def _hash(path: Path, max_bytes: int) -> str:
    if not path.exists():
        raise MissingInputError(path, missing_reason(path))
    if not path.is_file():
        raise NotAFileError(
            path, "a folder (ingest reads folders recursively)" if path.is_dir() else None
        )
    size = path.stat().st_size
    if size > max_bytes:
        raise TooLargeError(path, f"file too large ({size:,} bytes, limit {max_bytes:,})")
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fail(connection: Connection, progress: Progress, failure: Failure) -> None:
    record_failure(connection, failure.path, failure.sha256, failure.error, failure.reason)
    progress.failed += 1
    progress.failures.append(failure)


def parse_file(path: str, options: ReadOptions = DEFAULT_READ) -> Parsed | Failure:
    """Parse one file and derive its search data; runs in a worker process.
    Never raises: a file that fails becomes a :class:`Failure` with the reason
    (never the file's content)."""
    try:
        source = parse_path(path, options)
    except InputError as exc:
        return Failure(shown_path(path), type(exc).__name__, exc.reason)
    except Exception as exc:  # a parser bug must not stop the batch
        return Failure(
            shown_path(path), "InternalError", f"inzage could not parse it ({type(exc).__name__})"
        )
    return _parsed(source)


def _parsed(source: Source) -> Parsed:
    """A source with its search data, and its attachments with theirs.  A
    document's folded words are read once for its search unit and its
    near-duplicate signature (a long document's, in stretches, twice)."""
    units: list[Unit] = []
    signatures: dict[int, bytes] = {}
    for position, document in enumerate(source.documents):
        span = document.span
        words = None
        if document.kind != "email" and span.end - span.start <= UNIT_CHARACTERS:
            words = list(iter_folded_words(source.text, span.start, span.end))
        units.extend(document_units(source, position, document, words))
        if document.kind == "email":
            continue
        sig = (
            words_signature(words)
            if words is not None
            else signature(source.text, span.start, span.end)
        )
        if sig is not None:
            signatures[position] = sig
    return Parsed(
        source=source,
        units=units,
        signatures=signatures,
        abbreviations=defined_abbreviations(source.text),
        attachments=[_parsed(attached) for attached in source.attachments],
    )


def read_abbreviations(connection: Connection) -> None:
    """The abbreviations every stored source defines (a store of an inzage
    that did not read them at ingest), a source at a time."""
    (last,) = connection.execute("SELECT coalesce(max(id), 0) FROM sources").fetchone()
    for source_id in range(1, int(last) + 1):
        row = connection.execute(
            "SELECT sha256, text FROM sources WHERE id = ?", (source_id,)
        ).fetchone()
        if row is not None:
            with transaction(connection):
                store_abbreviations(connection, source_id, row[0], defined_abbreviations(row[1]))
    with transaction(connection):
        set_meta(connection, "abbreviations_read", "1")


def finalise(connection: Connection, engine: Engine | None) -> tuple[int, int] | None:
    """Rebuild threads and clusters when files were added since the last time,
    and bring the search index (unless ``None``) in step.  Returns (threads,
    clusters), or ``None`` when nothing had changed."""
    if get_meta(connection, "abbreviations_read") == "0":
        read_abbreviations(connection)
    if get_meta(connection, "finalised") == "1":
        if engine is not None:
            catch_up(connection, engine)
        return None
    with transaction(connection):
        resign_if_stale(connection)
        threads = rebuild_threads(connection)
        clusters = rebuild_clusters(connection)
        set_meta(connection, "finalised", "1")
        mark_duplicates_changed(connection)
    if engine is not None:
        catch_up(connection, engine)
    return threads, clusters
