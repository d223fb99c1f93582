"""``inzage detect``: personal data in files, with what to do about each find."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import click

from inzage.cli.inputs import (
    StoreAddress,
    StoreAddressType,
    expand,
    read_options,
    recursive_option,
)
from inzage.cli.output import dumps, error, table
from inzage.cli.progress import DetectProgressShown, ProgressMode, progress_options
from inzage.errors import ConfigurationError, InputError
from inzage.model import Detection
from inzage.paths import shown_path
from inzage.read.options import ReadOptions
from inzage.store.database import shown_address

if TYPE_CHECKING:
    from inzage.detect.policy import DossierPolicy


@click.command()
@click.argument("paths", nargs=-1, metavar="[PATH...]")
@recursive_option
@click.option(
    "--db",
    "db",
    type=StoreAddressType(),
    help="Propose over every document of a corpus made by `inzage ingest` (an SQLite file "
    "or postgresql://…) instead of files, and store the proposals in it (table proposals).",
)
@click.option("--json", "as_json", is_flag=True, help="Output the detections as JSON.")
@click.option(
    "--jsonl",
    is_flag=True,
    help="Output one proposal per line: path, start, end, text, kind, ground, action, "
    "score, reason (and page, boxes for PDFs).",
)
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Also output the keep decisions (office holders, mailboxes, switchboards, "
    "organisations' addresses), each with its reason.",
)
@click.option(
    "--policy",
    "policy_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="A YAML file of names and roles this dossier keeps or redacts (see docs/detect.md).",
)
@progress_options("with --db: stage, done, total, warnings, elapsed_seconds, eta_seconds")
@read_options
def detect(
    paths: tuple[str, ...],
    recursive: bool,
    db: StoreAddress | None,
    as_json: bool,
    jsonl: bool,
    show_all: bool,
    policy_file: Path | None,
    quiet: bool,
    progress_mode: ProgressMode,
    options: ReadOptions,
) -> None:
    """Find personal data and propose what to redact, on which ground.

    Every file given (every format `inzage parse` reads) is one dossier: a
    name found in one file (a mail header, an e-mail address, a greeting) is
    looked for in all of them, in all its variants.  Each proposal has a kind
    (person, email, phone, bsn, iban, address, postcode, birthdate,
    licence_plate, special_category), an action (redact, review, keep), the
    Woo ground (5.1.2e; BSN 5.1.1e; special categories 5.1.1d, for review),
    a score, the recogniser and the reason in words.  Names already redacted
    (markers) are not proposed.  Offsets of text files are into the file as
    decoded; PDF proposals also carry their page and the boxes of their
    characters.  Input files are never changed.

    With --db the corpus is the dossier: every document in it is read, the
    proposals are stored in the database (replacing those of an earlier run)
    for the review and redaction steps, and counts are printed (--jsonl:
    the stored proposals).

    Exit code 0 when every file was read, 1 when some could not be (each is
    named on stderr; the rest were read), 2 for wrong usage, a bad --policy
    file or an unusable database.

    \b
    Examples:
      inzage detect mail.txt
      inzage detect -r dossier/ --jsonl > proposals.jsonl
      inzage detect -r dossier/ --all --policy dossier.yaml --json
      inzage detect --db dossier.db
    """
    from inzage.detect.inputs import detect_paths
    from inzage.detect.policy import DossierPolicy, load_policy

    try:
        policy = load_policy(policy_file) if policy_file else DossierPolicy()
    except ConfigurationError as exc:
        error(str(exc))
        raise SystemExit(2) from None
    if (db is None) == (not paths):
        raise click.UsageError("give files or folders to read, or --db DOSSIER.db: one of the two")
    if db is not None:
        mode: ProgressMode = "none" if quiet else progress_mode
        _detect_corpus(db, policy, jsonl=jsonl, show_all=show_all, progress_mode=mode)
        return
    failures: list[str] = []

    def failed(shown: str, exc: InputError) -> None:
        error(str(exc))
        failures.append(shown)

    inputs = ((path, shown_path(path)) for path in expand(paths, recursive))
    detections: list[Detection] = []
    for detection in detect_paths(inputs, options=options, policy=policy, failed=failed):
        if not show_all:
            detection.proposals = [p for p in detection.proposals if p.action != "keep"]
        if jsonl:
            for proposal in detection.proposals:
                row = {
                    "path": detection.path,
                    "start": proposal.span.start,
                    "end": proposal.span.end,
                }
                row.update(proposal.model_dump(mode="json", exclude={"span"}))
                if detection.format != "pdf":
                    row.pop("page")
                    row.pop("boxes")
                click.echo(dumps(row, compact=True))
        elif as_json:
            detections.append(detection)
        else:
            click.echo(summary(detection))
    if as_json:
        dumped = [d.model_dump(mode="json") for d in detections]
        click.echo(dumps(dumped[0] if len(dumped) == 1 and len(paths) == 1 else dumped))
    if failures:
        raise SystemExit(1)


def summary(detection: Detection) -> str:
    """The proposals of one file as a table, with counts per action and kind."""
    proposals = detection.proposals
    counts = Counter(p.action for p in proposals)
    head = ", ".join(f"{n} {action}" for action, n in sorted(counts.items())) or "nothing found"
    lines = [detection.path, f"  {detection.format}: {head}"]
    if proposals:
        rows = [
            (
                p.action,
                p.kind,
                p.ground or "-",
                f"{p.span.start}-{p.span.end}" + (f" p{p.page}" if p.page else ""),
                p.text.replace("\n", " ")[:40],
                p.reason,
            )
            for p in proposals
        ]
        body = table(rows, ["action", "kind", "ground", "where", "text", "reason"])
        lines.extend("  " + line for line in body.splitlines())
    lines.extend(f"  warning: {w}" for w in detection.warnings)
    return "\n".join(lines)


def _detect_corpus(
    db: StoreAddress,
    policy: DossierPolicy,
    *,
    jsonl: bool,
    show_all: bool,
    progress_mode: ProgressMode,
) -> None:
    from inzage.cli.inputs import open_corpus
    from inzage.detect.proposals import Dossier

    with open_corpus(db) as corpus:
        progress = DetectProgressShown(progress_mode, corpus.counts()["sources"])
        try:
            result = corpus.detect(Dossier(policy=policy), on_progress=progress.update)
        finally:
            progress.close()
        if jsonl:
            for row in corpus.proposals(keeps=show_all):
                click.echo(dumps(row, compact=True))
            return
        shown = {k: n for k, n in result.counts.items() if show_all or not k.startswith("keep")}
        rows = [(*key.split(" ", 1), n) for key, n in sorted(shown.items())]
        click.echo(f"{shown_address(db)}: {result.total} sources, proposals stored")
        if rows:
            click.echo(table(rows, ["action", "kind", "count"]))
