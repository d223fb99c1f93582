from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from itertools import chain
from typing import TYPE_CHECKING

import click

from inzage.cli.inputs import StoreAddress, db_option, expand, open_corpus, read_options
from inzage.cli.output import dumps, error, table
from inzage.cli.progress import IndexProgress, IngestProgress, ProgressMode, progress_options
from inzage.errors import ClusterError
from inzage.paths import path_on_disk
from inzage.read.options import ReadOptions
from inzage.store.database import shown_address

if TYPE_CHECKING:
    from inzage.store import Corpus


@click.command()
@click.argument("paths", nargs=-1, metavar="PATH...")
@db_option
@click.option(
    "-j",
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for parsing.  [default: number of cores]",
)
@click.option(
    "--cluster",
    metavar="ADDRESS",
    help="Parse on the workers of a Dask cluster (its scheduler, e.g. tcp://scheduler:8786) "
    "instead of this machine's processes; they write to the server store given with --db "
    "and read the files at the same paths (a shared file system).",
)
@click.option("--retry-failed", is_flag=True, help="Parse again only the files that failed before.")
@progress_options("files, total, pages, failed, pages_per_second, eta_seconds")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@read_options
def ingest(
    paths: tuple[str, ...],
    db: StoreAddress,
    workers: int | None,
    cluster: str | None,
    retry_failed: bool,
    quiet: bool,
    progress_mode: ProgressMode,
    as_json: bool,
    options: ReadOptions,
) -> None:
    """Add released files to a corpus database (folders are read recursively).

    Each file is parsed once: a file whose content (sha256) is stored already
    is skipped, and the same content under another path is stored once with
    both paths.  Parsing runs in worker processes; every file is written in
    its own transaction, so an interrupted run loses nothing and the next run
    continues.  Files that cannot be read are stored with the reason: see
    'inzage errors', and re-try them with --retry-failed.  Afterwards threads
    and near-duplicate clusters are rebuilt.

    Ctrl-C or SIGTERM stop the run at once (worker processes too; they
    also die with it if it is killed): every file is either stored whole or
    not at all, and the same command continues where it stopped.

    Exit codes: 0 all files stored, 1 some files failed (the rest was
    stored), 2 wrong usage or an unusable database, 3 inzage failed,
    130/143 stopped by Ctrl-C/SIGTERM.

    \b
    Examples:
      inzage ingest release/                 into ./inzage.db
      inzage ingest --db woo.db a/ b/ --json
      inzage ingest --db woo.db --retry-failed
      inzage ingest --db postgresql://officer@db/woo --cluster tcp://sched:8786 /share/rel/
    """
    if not paths and not retry_failed:
        raise click.UsageError("give files or folders to ingest, or --retry-failed")
    with open_corpus(db, create=True) as corpus:
        _index_what_is_stored(corpus, "none" if quiet else progress_mode)
        retried = [path_on_disk(f.path) for f in corpus.errors()] if retry_failed else []
        # Counted in a first walk, so the progress bar can show the time left.
        total = len(retried) + sum(1 for _ in expand(paths, recursive=True, quiet=True))
        files = chain(retried, expand(paths, recursive=True))
        shown = IngestProgress("none" if quiet else progress_mode, total)
        started = time.perf_counter()
        with _stopped_by_sigterm():
            try:
                result = corpus.ingest(
                    files,
                    workers=workers or os.cpu_count() or 1,
                    options=options,
                    total=total,
                    on_progress=shown.update,
                    cluster=cluster,
                )
            except ClusterError as exc:
                shown.close()
                error(str(exc))
                raise SystemExit(2) from None
            except KeyboardInterrupt as stop:
                shown.close()
                code = 143 if isinstance(stop, _Terminated) else 130
                error(
                    "stopped; every file stored so far is kept whole: run the same "
                    "command again to continue"
                )
                raise SystemExit(code) from None
        shown.close()
        seconds = time.perf_counter() - started
        counts = corpus.counts()
    summary = {
        "database": shown_address(db),
        "files": result.files,
        "parsed": result.parsed,
        "unchanged": result.unchanged,
        "duplicates": result.duplicates,
        "failed": result.failed,
        "pages": result.pages,
        "ocr_pages": result.ocr_pages,
        "documents": result.documents,
        "seconds": round(seconds, 2),
        "pages_per_second": round(result.pages / seconds, 1) if seconds else None,
        "failures": [asdict(f) for f in result.failures],
        "store": counts,
    }
    for failure in result.failures:
        error(f"{failure.path}: {failure.reason}")
    if as_json:
        click.echo(dumps(summary))
    else:
        click.echo(
            f"{result.files} files: {result.parsed} parsed, {result.unchanged} unchanged, "
            f"{result.duplicates} duplicates, {result.failed} failed; {result.pages:,} pages "
            f"({result.ocr_pages:,} by OCR) in {seconds:.1f} s"
        )
        click.echo(
            f"{shown_address(db)}: {counts['sources']} sources, {counts['documents']} documents, "
            f"{counts['messages']} messages ({counts['message_occurrences']} occurrences), "
            f"{counts['threads']} threads, {counts['clusters']} near-duplicate clusters"
        )
    if result.failed:
        raise SystemExit(1)


def _index_what_is_stored(corpus: Corpus, mode: ProgressMode) -> None:
    """A store whose index is behind (made by an older inzage, or an ingest
    stopped early) is brought in step first, with its own progress."""
    if corpus.index_lag():
        shown = IndexProgress(mode, 0)
        try:
            corpus.catch_up(on_progress=shown.update)
        finally:
            shown.close()


class _Terminated(KeyboardInterrupt):
    """SIGTERM, turned into the same clean stop as Ctrl-C."""


@contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    def terminate(signum: int, frame: object) -> None:
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
def errors(db: StoreAddress, as_json: bool) -> None:
    """List the files that could not be ingested, with the reason.

    Re-try them with 'inzage ingest --retry-failed'.

    \b
    Example:
      inzage errors --db woo.db --json
    """
    with open_corpus(db) as corpus:
        failures = corpus.errors()
    if as_json:
        click.echo(dumps([asdict(f) for f in failures]))
    elif failures:
        click.echo(
            table([(f.path, f.error, f.reason) for f in failures], ["path", "error", "reason"])
        )
    else:
        click.echo("no failed files")
