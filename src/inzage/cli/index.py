"""``inzage index``: check the search index against the store, repair or rebuild it."""

from __future__ import annotations

from dataclasses import asdict

import click

from inzage.cli.inputs import StoreAddress, db_option, open_corpus
from inzage.cli.output import dumps, error
from inzage.cli.progress import IndexProgress, ProgressMode, progress_options
from inzage.store.database import shown_address
from inzage.store.indexing import Drift

EXIT_DRIFT = 1


@click.command()
@db_option
@click.option("--check", "check_only", is_flag=True, help="Report the drift; change nothing.")
@click.option("--rebuild", is_flag=True, help="Index every unit again from the stored text.")
@progress_options("done, total, elapsed_seconds, eta_seconds")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def index(
    db: StoreAddress,
    check_only: bool,
    rebuild: bool,
    quiet: bool,
    progress_mode: ProgressMode,
    as_json: bool,
) -> None:
    """Bring the search index in step with the store (and say how far apart they were).

    The index (the folder DB-search beside the database) is derived from
    the store: an ingest keeps it in step as it goes, and an interrupted
    one leaves both whole, the index perhaps behind.  This command compares
    them unit by unit, adds what the index lacks, removes what the store
    does not have and corrects near-duplicate flags (threads and clusters
    out of date are rebuilt first).  A database made by an older inzage gets
    its index built here from the stored text (the schema is upgraded
    first); --rebuild does that for any database.

    Exit codes: 0 in step (after repairing, unless --check), 1 --check found
    drift, 2 a database that cannot be used.

    \b
    Examples:
      inzage index --db woo.db
      inzage index --db woo.db --check --json
      inzage index --db woo.db --rebuild
    """
    if check_only and rebuild:
        raise click.UsageError("--check and --rebuild exclude each other")
    with open_corpus(db) as corpus:
        if check_only:
            drift, indexed = corpus.check_index(), 0
        else:
            # A store upgraded here may have threads, clusters or signatures to
            # remake first: minutes for a large one, so it is said.
            if corpus.finalise_pending() and not quiet and progress_mode != "none":
                error("rebuilding threads and near-duplicate clusters first")
            corpus.finalise(index=False)
            shown = IndexProgress("none" if quiet else progress_mode, 0)
            try:
                if rebuild:
                    indexed = corpus.rebuild_index(on_progress=shown.update)
                    drift = corpus.check_index()
                else:
                    drift, indexed = corpus.repair_index(on_progress=shown.update)
            finally:
                shown.close()
    report: dict[str, object] = {
        "database": shown_address(db),
        **asdict(drift),
        "in_step": drift.in_step,
    }
    if not check_only:
        report["indexed"] = indexed
    if as_json:
        click.echo(dumps(report))
    else:
        click.echo(_summary(db, drift, indexed, check_only=check_only, rebuilt=rebuild))
    if check_only and not drift.in_step:
        raise SystemExit(EXIT_DRIFT)


def _summary(
    db: StoreAddress, drift: Drift, indexed: int, *, check_only: bool, rebuilt: bool
) -> str:
    """``drift`` is what was found before any repair."""
    head = f"{shown_address(db)}: {drift.stored:,} units stored"
    if rebuilt:
        return f"{head}, all {indexed:,} indexed again"
    head += f", {drift.indexed:,} in the search index"
    if drift.in_step:
        return f"{head}: in step"
    found = (
        f"{drift.missing:,} missing, {drift.extra:,} extra, "
        f"{drift.wrong_duplicates:,} near-duplicate flags wrong"
    )
    return f"{head}: {found}" + ("" if check_only else f"; repaired ({indexed:,} units indexed)")
