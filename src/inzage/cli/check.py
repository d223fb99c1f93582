"""``inzage check``: what released documents leak."""

from __future__ import annotations

import click

from inzage.cli.inputs import expand, read_options, recursive_option
from inzage.cli.output import dumps, error, table
from inzage.masking import masked as masked_text
from inzage.model import CheckReport, Leak
from inzage.paths import shown_path
from inzage.read.options import ReadOptions

EXIT_LEAKS = 1


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@recursive_option
@click.option("--json", "as_json", is_flag=True, help="Output the reports as JSON.")
@click.option(
    "--show",
    is_flag=True,
    help="Print the leaked text itself (by default it is masked: kind, place and a hash).",
)
@read_options
def check(
    paths: tuple[str, ...],
    recursive: bool,
    as_json: bool,
    show: bool,
    options: ReadOptions,
) -> None:
    """Check released documents for what they leak.

    Reports personal data visible in a document that redacts that kind
    elsewhere (and any visible BSN); a name visible in one copy of a message
    and redacted in another copy (across all files given); and in PDFs: text
    under redaction boxes (also an invisible OCR layer under a box burnt into
    a scan), /ActualText and alternative text, annotations, link targets,
    form fields, bookmarks, page labels, embedded files, JavaScript, Info/XMP
    metadata that names a
    person, and text that only an earlier revision of an incrementally saved
    file holds.  The report names the place and the kind; the leaked text is
    masked (a hash keyed for this run, to compare) unless --show is given.  Input files
    are never changed.

    Exit code 0 when every file was checked and nothing leaks, 1 when
    something leaks or a file could not be checked (it is not called clean),
    2 for wrong usage.

    \b
    Examples:
      inzage check besluit.pdf
      inzage check -r release/ --json > leaks.json
      inzage check bijlage-3.pdf --show
    """
    inputs = ((path, shown_path(path)) for path in expand(paths, recursive))
    from inzage.pipeline import check_paths

    reports: list[CheckReport] = []
    dirty = False
    for report in check_paths(inputs, options):
        dirty = dirty or bool(report.leaks) or not report.checked
        if not report.checked:
            error(f"{report.path}: not checked: {'; '.join(report.warnings)}")
        if not show:
            report.leaks = [masked(leak) for leak in report.leaks]
        if as_json:
            reports.append(report)
        else:
            click.echo(summary(report))
    if as_json:
        click.echo(dumps([r.model_dump(mode="json") for r in reports]))
    if dirty:
        raise SystemExit(EXIT_LEAKS)


def masked(leak: Leak) -> Leak:
    """The leak with its text replaced by a keyed hash of it: enough to see that
    two places in one report hold the same text, nothing to read it by."""
    return leak.model_copy(update={"text": masked_text(leak.text)})


def summary(report: CheckReport) -> str:
    if not report.checked:
        head = "NOT CHECKED"
    elif report.leaks:
        head = f"{len(report.leaks)} leak{'s' if len(report.leaks) != 1 else ''}"
    else:
        head = "clean"
    lines = [f"{report.path}: {head}"]
    if report.leaks:
        rows = [
            (leak.channel, leak.kind, leak.page or "-", leak.where or "-", leak.text, leak.reason)
            for leak in report.leaks
        ]
        body = table(rows, ["channel", "kind", "page", "where", "text", "reason"])
        lines.extend("  " + line for line in body.splitlines())
    lines.extend(f"  warning: {w}" for w in report.warnings if report.checked)
    return "\n".join(lines)
