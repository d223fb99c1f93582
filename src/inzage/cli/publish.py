from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from inzage.cli.inputs import StoreAddress, db_option, open_corpus
from inzage.cli.output import error

if TYPE_CHECKING:
    from inzage.publish.report import Reconciliation

EXIT_DIFFERENCES = 1
EXIT_USAGE = 2


@click.command("import")
@click.argument("report", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@click.option(
    "--reviewer",
    default="import",
    show_default=True,
    help="The name the judgements are recorded under in the audit log.",
)
@click.option("--dry-run", is_flag=True, help="Reconcile only; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Output the reconciliation as JSON.")
def import_report(
    report: Path, db: StoreAddress, reviewer: str, dry_run: bool, as_json: bool
) -> None:
    """Read a production report (xlsx or csv) into the dossier and reconcile it.

    Columns are found by their header, as VWS's platform reads them (ID,
    Matter, Document, Beoordeling, Beoordelingsgrond, Opgeschort, Publieke
    link, Toelichting, …; case does not matter).  Each row is matched to a
    document by Documentnummer, file name or ID, and sets its judgement and
    grounds.  Then what does not agree is listed: rows with no document,
    documents with no row, grounds a row gives that no redaction in the
    document cites, and the reverse.  A judgement that is not openbaar, deels
    openbaar, niet openbaar or reeds openbaar refuses the whole report.

    Exit code 0 the report and the dossier agree, 1 differences were listed,
    2 a report or database that cannot be used.

    \b
    Examples:
      inzage import productierapport.xlsx --db dossier.db --dry-run
      inzage import productierapport.csv --db dossier.db --reviewer "Ineke Brouwersma"
    """
    from inzage.errors import ConfigurationError
    from inzage.publish.report import apply_report, read_report, reconcile
    from inzage.store.dossier import ReviewError, checked_reviewer, ensure_reviews

    try:
        name = checked_reviewer(reviewer)
        rows = read_report(report)
    except (ConfigurationError, ReviewError) as exc:
        error(str(exc))
        raise SystemExit(EXIT_USAGE) from None
    with open_corpus(db) as corpus:
        ensure_reviews(corpus.connection)
        result = reconcile(corpus.connection, rows)
        if not dry_run:
            apply_report(corpus.connection, name, result)
    if as_json:
        click.echo(json.dumps(_summary(len(rows), result), ensure_ascii=False, indent=2))
    else:
        click.echo(_text(len(rows), result, dry_run))
    if not result.agrees:
        raise SystemExit(EXIT_DIFFERENCES)


def _summary(count: int, result: Reconciliation) -> dict[str, object]:
    return {
        "rows": count,
        "matched": len(result.matched),
        "applied": result.applied,
        "rows_without_document": [
            {"row": r.line, "id": r.id, "document": r.document}
            for r in result.rows_without_document
        ],
        "documents_without_row": [n for _, n in result.documents_without_row],
        "grounds_no_redaction_cites": {str(k): list(v) for k, v in result.uncited.items()},
        "grounds_the_row_does_not_give": {str(k): list(v) for k, v in result.unlisted.items()},
        "skipped": [{"document": n, "why": why} for n, why in result.skipped],
    }


def _text(count: int, result: Reconciliation, dry_run: bool) -> str:
    done = "nothing changed (--dry-run)" if dry_run else f"{result.applied} judgements set"
    lines = [f"{count} rows, {len(result.matched)} matched to a document, {done}"]
    lines.extend(
        # the row by its number only: a Document cell may be a file name that names someone
        f"  row {r.line}: matches no document"
        for r in result.rows_without_document
    )
    if result.documents_without_row:
        numbers = ", ".join(str(n) for _, n in result.documents_without_row)
        lines.append(f"  documents with no row: {numbers}")
    lines.extend(
        f"  document {n}: the report gives {', '.join(c)}; no redaction cites it"
        for n, c in result.uncited.items()
    )
    lines.extend(
        f"  document {n}: redactions cite {', '.join(c)}; the report does not"
        for n, c in result.unlisted.items()
    )
    lines.extend(f"  document {n}: not changed: {why}" for n, why in result.skipped)
    return "\n".join(lines)


@click.command()
@db_option
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="A new (or empty) folder for the release.",
)
@click.option(
    "--base-url",
    required=True,
    metavar="URL",
    help="Where the folder will be served (https://…): the sitemaps' addresses start with it.",
)
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path(),
    show_default=True,
    help="The folder the sources' stored paths are relative to (where `inzage ingest` ran).",
)
@click.option(
    "--unsigned",
    is_flag=True,
    help="Publish documents judged but not signed off by a second reviewer.",
)
@click.option(
    "--box",
    "colour",
    type=click.Choice(["black", "grey"]),
    default="black",
    show_default=True,
    help="The colour of the redaction boxes.",
)
@click.option("--json", "as_json", is_flag=True, help="Output the report as JSON.")
def publish(
    db: StoreAddress,
    out: Path,
    base_url: str,
    root: Path,
    unsigned: bool,
    colour: str,
    as_json: bool,
) -> None:
    """Publish a reviewed dossier: redacted files, inventory list, DiWoo sitemaps.

    Every document must be judged (and signed off, unless --unsigned), and
    the request must name its publisher, title and decision date (`inzage
    review`, dossier page).  Each file with a document made public is
    redacted as `inzage redact` does and verified; a file that fails is not
    written and is named.  Documents not made public are left out, or their
    pages withheld in a file that holds others.  The folder gets
    documenten/, inventarislijst.xlsx and .csv, sitemap-N.xml (DiWoo 0.9.8
    records, at most 50,000 a file) and sitemap.xml, their index.

    Exit code 0 all published, 1 some files were refused (the rest was
    written), 2 the dossier is not ready or the options are wrong.

    \b
    Examples:
      inzage publish --db dossier.db --out release/ --base-url https://open.example.nl/woo/2026-17
    """
    from inzage.publish.release import LeakError, NotReadyError, PublishOptions
    from inzage.publish.release import publish as publish_release
    from inzage.redact.document import RedactOptions

    if not base_url.startswith(("https://", "http://")):
        error("--base-url: an address such as https://open.example.nl/woo/2026-17")
        raise SystemExit(EXIT_USAGE)
    options = PublishOptions(
        out=out,
        base_url=base_url,
        root=root,
        signed_only=not unsigned,
        redact=RedactOptions(colour="grey" if colour == "grey" else "black"),
    )

    def shown(path: str, outcome: str) -> None:
        if not as_json:
            click.echo(f"{path} → {outcome}", err=True)

    with open_corpus(db) as corpus:
        try:
            report = publish_release(corpus.connection, options, shown)
        except NotReadyError as exc:
            error(f"not ready to publish: {exc}")
            raise SystemExit(EXIT_USAGE) from None
        except LeakError as exc:
            error(f"release stopped, incomplete: {exc}")
            raise SystemExit(EXIT_DIFFERENCES) from None
    if as_json:
        click.echo(json.dumps(report.__dict__, ensure_ascii=False, indent=2))
    else:
        click.echo(
            f"{out}: {len(report.written)} files written, {report.records} DiWoo records, "
            f"{len(report.left_out)} files not made public, {len(report.refused)} refused"
        )
        for path, why in report.refused:
            click.echo(f"  refused: {path}: {why}")
        for kept, redacted in report.inconsistent:
            where = ", ".join(str(n) for n in redacted)
            click.echo(
                f"  check: a string kept in document {kept} is redacted in documents {where}"
            )
    if report.refused:
        raise SystemExit(EXIT_DIFFERENCES)
