"""Ingest: files → parsed sources → the store, in parallel and resumable.

Files are hashed in the main process; a sha256 already stored only adds the
path (incremental, and exact duplicates stored once).  New files are parsed
in worker processes, at most a few per worker in flight, so memory stays
bounded however many files there are.  Each result is written in its own
transaction: a run killed at any moment leaves every file either fully
stored or not at all, and the next run goes on where it stopped.  Threads
and near-duplicate clusters are rebuilt at the end of a run (and by the
next run, if this one did not get there).
"""

from __future__ import annotations

import hashlib
import math
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from inzage.errors import InputError, MissingInputError, NotAFileError, TooLargeError
from inzage.pipeline import parse_path
from inzage.read.text import DEFAULT_MAX_BYTES
from inzage.store.dedupe import rebuild_clusters, signature
from inzage.store.schema import get_meta, set_meta, transaction
from inzage.store.threads import rebuild_threads
from inzage.store.units import source_units
from inzage.store.write import Parsed, add_path, record_failure, store_source

PAGE_CHARACTERS = 3_000  # a typical released page of text, for page counts without pages


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
    documents: int = 0
    failures: list[Failure] = field(default_factory=list)


def ingest(
    connection: sqlite3.Connection,
    paths: Iterable[Path],
    *,
    workers: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    total: int | None = None,
    on_progress: Callable[[Progress], None] | None = None,
) -> Progress:
    """Ingest ``paths`` (files; expand folders before) into the store."""
    progress = Progress(total=total)
    workers = workers or os.cpu_count() or 1

    def report() -> None:
        if on_progress is not None:
            on_progress(progress)

    def done(path: Path, sha256: str, result: Parsed | Failure) -> None:
        if isinstance(result, Failure):
            _fail(connection, progress, result)
        elif add_path(connection, sha256, str(path)):
            progress.duplicates += 1  # the same bytes finished under another path first
        else:
            store_source(connection, result)
            progress.parsed += 1
            progress.documents += len(result.source.documents)
            progress.pages += result.source.pages or math.ceil(
                len(result.source.text) / PAGE_CHARACTERS
            )
        progress.files += 1
        report()

    work = _new_files(connection, paths, progress, max_bytes, report)
    if workers == 1:
        for path, sha256 in work:
            done(path, sha256, parse_file(str(path), max_bytes))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            running: dict[Future[Parsed | Failure], tuple[Path, str]] = {}
            for path, sha256 in work:
                running[pool.submit(parse_file, str(path), max_bytes)] = (path, sha256)
                if len(running) >= workers * 4:
                    _drain(running, done, wait_all=False)
            _drain(running, done, wait_all=True)
    finalise(connection)
    return progress


def _drain(
    running: dict[Future[Parsed | Failure], tuple[Path, str]],
    done: Callable[[Path, str, Parsed | Failure], None],
    *,
    wait_all: bool,
) -> None:
    while running:
        finished, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in finished:
            path, sha256 = running.pop(future)
            done(path, sha256, future.result())
        if not wait_all:
            return


def _new_files(
    connection: sqlite3.Connection,
    paths: Iterable[Path],
    progress: Progress,
    max_bytes: int,
    report: Callable[[], None],
) -> Iterator[tuple[Path, str]]:
    """The files that need parsing, with their sha256; the rest are counted here."""
    for path in paths:
        try:
            sha256 = _hash(path, max_bytes)
        except InputError as exc:
            _fail(connection, progress, Failure(str(path), type(exc).__name__, exc.reason))
            progress.files += 1
            report()
            continue
        known = connection.execute(
            "SELECT 1 FROM source_paths p JOIN sources s ON s.id = p.source_id "
            "WHERE s.sha256 = ? AND p.path = ?",
            (sha256, str(path)),
        ).fetchone()
        if known is not None:
            progress.unchanged += 1
        elif add_path(connection, sha256, str(path)):
            progress.duplicates += 1
        else:
            yield path, sha256
            continue
        progress.files += 1
        report()


def _hash(path: Path, max_bytes: int) -> str:
    if not path.exists():
        raise MissingInputError(path)
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


def _fail(connection: sqlite3.Connection, progress: Progress, failure: Failure) -> None:
    record_failure(connection, failure.path, failure.sha256, failure.error, failure.reason)
    progress.failed += 1
    progress.failures.append(failure)


def parse_file(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Parsed | Failure:
    """Parse one file and derive its search data; runs in a worker process.
    Never raises: a file that fails becomes a :class:`Failure` with the reason
    (never the file's content)."""
    try:
        source = parse_path(path, max_bytes=max_bytes)
    except InputError as exc:
        return Failure(path, type(exc).__name__, exc.reason)
    except Exception as exc:  # a parser bug must not stop the batch
        return Failure(path, "InternalError", f"inzage could not parse it ({type(exc).__name__})")
    signatures = {
        i: sig
        for i, document in enumerate(source.documents)
        if document.kind != "email"
        and (sig := signature(document.span.slice(source.text))) is not None
    }
    return Parsed(source=source, units=source_units(source), signatures=signatures)


def finalise(connection: sqlite3.Connection) -> tuple[int, int] | None:
    """Rebuild threads and clusters when files were added since the last time.
    Returns (threads, clusters), or ``None`` when nothing had changed."""
    if get_meta(connection, "finalised") == "1":
        return None
    with transaction(connection):
        threads = rebuild_threads(connection)
        clusters = rebuild_clusters(connection)
        set_meta(connection, "finalised", "1")
    return threads, clusters
