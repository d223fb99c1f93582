from __future__ import annotations

from collections import Counter
from datetime import UTC
from pathlib import Path

import click

from inzage.cli import EXIT_INTERNAL_ERROR
from inzage.cli.inputs import expand, read_options, recursive_option
from inzage.cli.output import dumps, error, json_options, message_heading, report_bug
from inzage.errors import InputError
from inzage.model import Document, Message, Source
from inzage.paths import shown_path
from inzage.pipeline import parse_path
from inzage.read.options import ReadOptions


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="FILE...")
@json_options
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write each result to DIR/<file name>.json.",
)
@recursive_option
@read_options
def parse(
    paths: tuple[str, ...],
    as_json: bool,
    nl: bool,
    out_dir: Path | None,
    recursive: bool,
    options: ReadOptions,
) -> None:
    """Parse released documents into the document model: text and Markdown,
    PDF (text layer, OCR where a page has none), scanned images, .eml, .msg,
    .docx and .html; files attached to an e-mail are parsed too.

    Prints a summary per file: its documents, and the redaction markers in
    them counted per legal ground.  --json prints the full model (one object
    for one file, a list for several); --nl one object per line for piping.
    A file that cannot be read is named on stderr with the reason; the other
    files are still parsed and the exit code is 1 (3 if inzage itself failed
    on a file: a bug to report).  Input files are never changed.

    \b
    Examples:
      inzage parse mail.txt
      inzage parse mail.txt --json | jq '.documents[0].redactions[].marker'
      inzage parse -r release/ --out parsed/
    """
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    results: list[Source] = []
    written: set[Path] = set()
    failed = crashed = 0
    for path in expand(paths, recursive):
        try:
            source = parse_path(path, options)
        except InputError as exc:
            error(str(exc))
            failed += 1
            continue
        except Exception as exc:  # a bug in inzage must not cost the rest of the batch
            report_bug(f"{shown_path(path)}: inzage could not parse it", exc)
            crashed += 1
            continue
        if out_dir is not None:
            _write(source, path, out_dir, written)
        if nl:
            click.echo(source.model_dump_json())
        elif as_json:
            results.append(source)
        else:
            click.echo(summary(source))
    if as_json and not nl:
        dumped = [s.model_dump(mode="json") for s in results]
        click.echo(dumps(dumped[0] if len(dumped) == 1 and len(paths) == 1 else dumped))
    if crashed:
        raise SystemExit(EXIT_INTERNAL_ERROR)
    if failed:
        raise SystemExit(1)


def _write(source: Source, path: Path, out_dir: Path, written: set[Path]) -> None:
    target = out_dir / f"{path.name}.json"
    if target in written:
        target = out_dir / f"{path.name}-{source.sha256[:8]}.json"
    if target.resolve() == path.resolve():
        raise click.ClickException(f"{target}: would overwrite an input file")
    target.write_text(source.model_dump_json(indent=2), encoding="utf-8")
    written.add(target)


def summary(source: Source) -> str:
    """A few readable lines about one parsed source and the files attached to it."""
    about: list[str] = [source.format]
    if source.encoding:
        about.append(source.encoding)
    if source.pages:
        by_ocr = f" ({source.ocr_pages} read by OCR)" if source.ocr_pages else ""
        about.append(_count(source.pages, "page") + by_ocr)
    about += [f"{len(source.text):,} characters", _count(len(source.documents), "document")]
    lines = [f"{source.path}", "  " + ", ".join(about)]
    for document in source.documents:
        lines.extend(_document_lines(document))
    lines.extend(f"  warning: {w}" for w in source.warnings)
    for attached in source.attachments:
        lines.extend("  " + line for line in summary(attached).splitlines())
    return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


_SUMMARY_FIELDS = (
    "document_date",
    "reference",
    "meeting_datetime",
    "request_date",
    "outcome",
    "grounds_cited",
)


def _date_range(document: Document) -> str:
    dates = sorted(m.sent.astimezone(UTC) for m in document.messages if m.sent)
    if not dates:
        return ", no dates"
    return f", {dates[0]:%Y-%m-%d %H:%M} to {dates[-1]:%Y-%m-%d %H:%M} UTC"


def _message_line(message: Message) -> str:
    return f"      {message.index}. {message_heading(message)}"


def _document_lines(document: Document) -> list[str]:
    title = f' "{document.title}"' if document.title else ""
    language = f" ({document.language})" if document.language else ""
    lines = [f"  - {document.kind}{title}{language}"]
    shown = [f"{key} {document.fields[key]}" for key in _SUMMARY_FIELDS if key in document.fields]
    if shown:
        lines.append("    " + "; ".join(shown))
    if document.sections:
        lines.append(f"    {_count(len(document.sections), 'section')}")
    if document.messages:
        lines.append(f"    {_count(len(document.messages), 'message')}{_date_range(document)}")
        lines.extend(_message_line(m) for m in document.messages)
    redactions = document.redactions
    if not redactions:
        lines.append("    no redaction markers")
        return lines
    grounds: Counter[str] = Counter()
    for redaction in redactions:
        for ground in redaction.grounds:
            grounds[ground.code] += 1
        if not redaction.grounds:
            grounds["no ground given"] += 1
    items = len({r.group for r in redactions})
    lines.append(
        f"    {_count(len(redactions), 'redaction marker')} for "
        f"{_count(items, 'redacted item')}; by ground: "
        + ", ".join(f"{code} {count}" for code, count in grounds.most_common())
    )
    roles = Counter(r.role for r in redactions)
    lines.append("    by role: " + ", ".join(f"{role} {n}" for role, n in roles.most_common()))
    return lines
