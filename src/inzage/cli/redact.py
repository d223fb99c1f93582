"""``inzage redact`` and ``inzage verify``: redacted copies, and the proof
that nothing redacted can be recovered from them."""

from __future__ import annotations

import hashlib
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from inzage.cli.inputs import StoreAddress, StoreAddressType, open_corpus, recursive_option
from inzage.cli.output import dumps, error, table
from inzage.errors import ConfigurationError, InputError
from inzage.model import RedactReport, VerifyReport
from inzage.paths import files_below, shown_path, write_whole
from inzage.read.options import DEFAULT_MAX_BYTES
from inzage.read.text import read_bytes

if TYPE_CHECKING:
    from inzage.redact.document import RedactOptions
    from inzage.redact.targets import Targets

EXIT_LEAK = 1
EXIT_USAGE = 2


def _ground_option(command: click.decorators.FC) -> click.decorators.FC:
    return click.option(
        "--ground",
        default="5.1.2e",
        show_default=True,
        help="The ground of terms and decisions that name none (any notation: 5.1.2e, 10.2.e).",
    )(command)


def _box_option(text: str) -> Callable[[click.decorators.FC], click.decorators.FC]:
    return click.option(
        "--box",
        "colour",
        type=click.Choice(["black", "grey"]),
        default="black",
        show_default=True,
        help=text,
    )


def _marker_option(text: str) -> Callable[[click.decorators.FC], click.decorators.FC]:
    return click.option("--marker", default="[{ground}]", show_default=True, help=text)


def _term_options(command: click.decorators.FC) -> click.decorators.FC:
    command = click.option(
        "--terms-file",
        "terms_files",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="A file of terms, one per line, optionally TAB and a ground.",
    )(command)
    return click.option(
        "--term",
        "terms",
        multiple=True,
        metavar="TEXT",
        help="Redact every occurrence of TEXT (any case, with or without accents, "
        "broken over lines or hyphenated). Repeatable.",
    )(command)


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder the redacted copies go to (made if missing; inputs are never written).",
)
@recursive_option
@click.option(
    "--db",
    type=StoreAddressType(exists=True),
    help="Apply what `inzage detect --db` proposed to redact and reviewers did not reject, "
    "and what `inzage review` accepted or added.",
)
@click.option(
    "--decisions",
    "decision_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Apply the rows with action 'redact' of a `detect --jsonl` file. Repeatable.",
)
@_term_options
@click.option(
    "--withhold",
    "withholdings",
    multiple=True,
    metavar="[FILE@]PAGES[:GROUND]",
    help="Withhold whole pages (3, 2-4,7) on a ground, replaced by a 'niet openbaar' page; "
    "FILE@ names the input when there are several. Repeatable.",
)
@_ground_option
@_box_option("PDF boxes: black with the code in white, or grey with the code in black.")
@_marker_option("Text output: what stands in place of a redaction; {ground} is the code.")
@click.option(
    "--ocr",
    "ocr_layer",
    is_flag=True,
    help="Give scanned pages a new invisible text layer, read by OCR from the redacted page.",
)
@click.option(
    "--ocr-check", is_flag=True, help="Verify by OCR around every box, not only on scans."
)
@click.option(
    "-j",
    "--workers",
    "jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Files redacted at once, each in a process of its own.  [default: number of cores]",
)
@click.option("--json", "as_json", is_flag=True, help="Output one report per file as JSON.")
def redact(
    paths: tuple[str, ...],
    out: Path,
    recursive: bool,
    db: StoreAddress | None,
    decision_files: tuple[Path, ...],
    terms: tuple[str, ...],
    terms_files: tuple[Path, ...],
    withholdings: tuple[str, ...],
    ground: str,
    colour: str,
    marker: str,
    ocr_layer: bool,
    ocr_check: bool,
    jobs: int | None,
    as_json: bool,
) -> None:
    """Write redacted copies of PDFs and text files into --out.

    What to redact comes from --db, --decisions, --term and --terms-file
    (together, as many as given).  Every other occurrence of a redacted
    string in the same file is redacted too, so nothing blacked out in one
    place stays readable in another.

    PDFs: the glyphs under each box are removed from the content (also in
    form XObjects, invisible OCR layers and rotated text), image pixels under
    it are burnt, annotations over it dropped; strings elsewhere in the file
    (bookmarks, /ActualText, form values) lose the redacted text; embedded
    files, JavaScript, thumbnails, XMP and the Info fields are removed; the
    file is written fresh.  Each box carries its ground code.  Text and
    Markdown: a marker ([5.1.2e]) in place of each redaction.

    --withhold replaces whole pages by a page that says "Niet openbaar" and
    the ground; nothing of what they held stays in the file.

    Mail (.eml, .msg), Word (.docx) and HTML are rendered to PDF (their text,
    as `inzage detect` reads it) and redacted there; the copy is FILE.pdf.

    Every copy is verified (as `inzage verify` does) before it is kept: a
    copy from which a redacted string can still be read is not written.

    Exit code 0 when every file was redacted and verified, 1 when some file
    was not (each named on stderr), 2 for wrong usage.

    \b
    Examples:
      inzage detect -r dossier/ --jsonl > decisions.jsonl   # edit 'action', then
      inzage redact -r dossier/ --decisions decisions.jsonl --out release/
      inzage redact besluit.pdf --term 'Anna de Vries' --term 06-12345678 --out release/
      inzage redact -r dossier/ --db dossier.db --out release/ --box grey
      inzage redact nota.pdf --term 'Anna de Vries' --withhold 3-4:5.1.2i --out release/
    """
    from inzage.redact.document import RENDERED_SUFFIXES, RedactOptions
    from inzage.redact.targets import (
        Targets,
        decision_from_row,
        decisions_from_jsonl,
        terms_from,
        withholding_from,
    )
    from inzage.redact.text import checked_marker

    targets = Targets()
    try:
        default = _checked(ground)
        options = RedactOptions(
            colour=colour,  # type: ignore[arg-type]
            marker=checked_marker(marker),
            ocr_check=ocr_check,
            ocr_layer=ocr_layer,
        )
        targets.terms = terms_from(terms, terms_files, default)
        targets.withheld = [withholding_from(spec, default) for spec in withholdings]
        for path in decision_files:
            targets.decisions.extend(decisions_from_jsonl(path, default))
        if db is not None:
            from inzage.store.proposals import is_redacted

            with open_corpus(db) as corpus:
                targets.decisions.extend(
                    decision_from_row(
                        row, str(db), default, sha256=row["source_sha256"], reading=True
                    )
                    for row in corpus.proposals(keeps=False)
                    if is_redacted(row)
                )
    except ConfigurationError as exc:
        error(str(exc))
        raise SystemExit(EXIT_USAGE) from None
    if not targets:
        error("nothing to redact: give --db, --decisions, --term or --terms-file")
        raise SystemExit(EXIT_USAGE)
    inputs = list(_inputs(paths, recursive))
    shown_inputs = {shown_path(path) for path, _ in inputs}
    for withholding in targets.withheld:
        if withholding.path is None and len(inputs) > 1:
            error("--withhold: name the file (FILE@PAGES) when there are several inputs")
            raise SystemExit(EXIT_USAGE)
        if withholding.path is not None and withholding.path not in shown_inputs:
            error(f"--withhold: {withholding.path} is not one of the inputs")
            raise SystemExit(EXIT_USAGE)
    for path, relative in inputs:
        if (out / relative).resolve() == path.resolve():
            error(f"{shown_path(path)}: --out would write over the input; choose another folder")
            raise SystemExit(EXIT_USAGE)
    jobs_to_do: list[_Job] = []
    failed = False
    given = {path.resolve() for path, _ in inputs}
    planned: set[Path] = set()
    for path, relative in inputs:
        target = out / relative
        if target.suffix.lower() in RENDERED_SUFFIXES:
            target = target.with_suffix(".pdf")
        if target in planned or target.resolve() in given:
            why = f"{shown_path(target)} is another input or its copy"
            error(f"{shown_path(path)}: not written: {why}")
            failed = True
            continue
        planned.add(target)
        jobs_to_do.append(_Job(path, target))
    reports: list[RedactReport] = []
    for outcome in _run(jobs_to_do, _Context(targets, options), jobs):
        for message in outcome.errors:
            error(message)
        failed = failed or bool(outcome.errors)
        if outcome.report is not None:
            reports.append(outcome.report)
            if not as_json:
                click.echo(summary(outcome.report))
    if as_json:
        click.echo(dumps([r.model_dump(mode="json") for r in reports]))
    if failed:
        raise SystemExit(EXIT_LEAK)


@dataclass(frozen=True)
class _Job:
    path: Path
    target: Path


@dataclass(frozen=True)
class _Context:
    targets: Targets
    options: RedactOptions


@dataclass
class _Outcome:
    report: RedactReport | None = None
    errors: list[str] = field(default_factory=list)


_context: _Context | None = None  # what every job of a worker process shares


def _start_worker(context: _Context) -> None:
    global _context
    _context = context
    # Ctrl-C goes to the whole process group: the parent stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(jobs: list[_Job], context: _Context, workers: int | None) -> Iterator[_Outcome]:
    """Each job's outcome, in the order given: in this process for one file
    or one worker, else in a pool of worker processes (the targets and
    options sent to each once)."""
    count = min(workers or os.cpu_count() or 1, len(jobs))
    if count <= 1:
        global _context
        _context = context
        yield from map(_redact_file, jobs)
        return
    from inzage.store.ingest import stop_workers

    pool = ProcessPoolExecutor(max_workers=count, initializer=_start_worker, initargs=(context,))
    try:
        yield from pool.map(_redact_file, jobs)
    except BaseException:
        stop_workers(pool)
        raise
    pool.shutdown()


def _redact_file(job: _Job) -> _Outcome:
    """Redact one file and write its copy (whole or not at all)."""
    from inzage.redact.document import redact_document
    from inzage.redact.pdf import RedactionError

    assert _context is not None
    targets, options = _context.targets, _context.options
    shown = shown_path(job.path)
    try:
        data = read_bytes(job.path, DEFAULT_MAX_BYTES)
        done = redact_document(
            data,
            shown,
            targets.for_file(shown, hashlib.sha256(data).hexdigest()),
            targets.terms,
            options,
            targets.withheld_in(shown),
        )
    except (InputError, RedactionError, ConfigurationError) as exc:
        return _Outcome(errors=[f"{shown}: not redacted: {exc}"])
    except Exception as exc:  # a fault of ours on one file must not stop the batch
        return _Outcome(
            errors=[f"{shown}: not redacted: unexpected {type(exc).__name__} (please report it)"]
        )
    if done.data is None:
        return _Outcome(
            done.report,
            [f"{shown}: not written: verification found what was redacted (see the report)"],
        )
    write_whole(job.target, done.data)
    done.report.output = shown_path(job.target)
    return _Outcome(done.report)


def _checked(ground: str) -> str:
    from inzage.redact.targets import checked_ground

    return checked_ground(ground, "--ground")


def _inputs(paths: tuple[str, ...], recursive: bool) -> Iterator[tuple[Path, Path]]:
    """Each input file and where its copy goes below --out (a folder's files
    keep their place in it)."""
    for given in paths:
        path = Path(given)
        if recursive and path.is_dir():
            for below in files_below(
                path, lambda p, why: error(f"{shown_path(p)}: skipped: {why}")
            ):
                yield below, below.relative_to(path)
        else:
            yield path, Path(path.name)


def summary(report: RedactReport) -> str:
    verify = report.verify
    state = "verified" if verify is not None and verify.clean else "NOT VERIFIED"
    written = report.output or "(not written)"
    head = f"{report.path} → {written}: {report.redactions} redactions, {state}"
    details = []
    if report.format == "pdf":
        details.append(
            f"  {report.glyphs} glyphs and {report.images} images taken out, "
            f"{report.annotations} annotations dropped, {report.strings} strings scrubbed"
        )
    if report.withheld:
        details.append(f"  pages withheld whole: {', '.join(map(str, report.withheld))}")
    if report.ocr_layer:
        details.append(f"  new OCR text layer on pages {', '.join(map(str, report.ocr_layer))}")
    if verify is not None:
        details.extend(verify_lines(verify))
    details.extend(f"  warning: {w}" for w in report.warnings)
    return "\n".join([head, *details])


def verify_lines(report: VerifyReport) -> list[str]:
    boxes = f", {report.boxes} boxes" if "pixels of each box" in report.checks else ""
    lines = [f"  checked: {', '.join(report.checks)}; {report.strings} strings{boxes}"]
    if report.findings:
        rows = [
            (f.check, f.page or "-", f.where or "-", f.digest or "-", f.reason)
            for f in report.findings
        ]
        lines.extend(
            "  " + line
            for line in table(rows, ["check", "page", "where", "hash", "reason"]).splitlines()
        )
    return lines


@click.command()
@click.argument("original", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("redacted", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_term_options
@_ground_option
@_box_option("The colour the boxes were drawn in.")
@_marker_option("Text files: the marker used.")
@click.option("--ocr-check", is_flag=True, help="Also OCR the area around every box.")
@click.option("--json", "as_json", is_flag=True, help="Output the report as JSON.")
def verify(
    original: Path,
    redacted: Path,
    terms: tuple[str, ...],
    terms_files: tuple[Path, ...],
    ground: str,
    colour: str,
    marker: str,
    ocr_check: bool,
    as_json: bool,
) -> None:
    """Check that nothing redacted can be recovered from REDACTED.

    What was redacted is read from ORIGINAL: for a PDF, the characters under
    each box inzage drew; for text, what each marker replaced; and the
    --term/--terms-file strings.  They are looked for in the text as PDFium
    and pypdf extract it, in every string object and decompressed stream,
    metadata and earlier revisions; each box is rendered to see it covers its
    area (and read by OCR with --ocr-check).  A page that cannot be checked
    is a failure.  The report names pages and checks, never the text.

    Exit code 0 clean, 1 something leaks or could not be checked, 2 usage.

    \b
    Examples:
      inzage verify dossier/besluit.pdf release/besluit.pdf
      inzage verify mail.txt release/mail.txt --json
      inzage verify mail.eml release/mail.pdf
    """
    from inzage.read.text import decode
    from inzage.redact.document import as_pdf
    from inzage.redact.markdown import MARKDOWN_SUFFIXES
    from inzage.redact.targets import terms_from
    from inzage.redact.verify import verify_pdf, verify_text

    try:
        needles = terms_from(terms, terms_files, _checked(ground))
        original_data = read_bytes(original, DEFAULT_MAX_BYTES)
        redacted_data = read_bytes(redacted, DEFAULT_MAX_BYTES)
        if redacted_data.startswith(b"%PDF"):
            report = verify_pdf(
                redacted_data,
                path=shown_path(redacted),
                original=as_pdf(original_data, shown_path(original)),
                original_path=shown_path(original),
                needles=needles,
                colour=colour,  # type: ignore[arg-type]
                ocr_all=ocr_check,
            )
        else:
            report = verify_text(
                decode(redacted_data, shown_path(redacted))[0],
                path=shown_path(redacted),
                original=decode(original_data, shown_path(original))[0],
                original_path=shown_path(original),
                needles=needles,
                marker=marker,
                markdown=redacted.suffix.lower() in MARKDOWN_SUFFIXES,
            )
    except (ConfigurationError, InputError) as exc:
        error(str(exc))
        raise SystemExit(EXIT_USAGE) from None
    if as_json:
        click.echo(dumps(report.model_dump(mode="json")))
    else:
        state = "clean" if report.clean else f"{len(report.findings)} findings"
        click.echo("\n".join([f"{report.path}: {state}", *verify_lines(report)]))
    if not report.clean:
        raise SystemExit(EXIT_LEAK)
