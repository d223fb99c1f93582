from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import IO

import click

from inzage.cli.inputs import db_option, open_corpus
from inzage.cli.output import error
from inzage.store import Corpus
from inzage.store.export import WHAT, What


@click.command()
@db_option
@click.option("--what", type=click.Choice(WHAT), required=True, help="Which rows.")
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True
)
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output (never an existing file).",
)
def export(db: Path, what: What, fmt: str, out: Path | None) -> None:
    """Stream documents, messages, redactions or entities out as JSON Lines or CSV.

    Rows are written as they are read, so exports of any size run in little
    memory.  CSV cells that hold lists or objects are JSON.

    \b
    Examples:
      inzage export --what documents > documents.jsonl
      inzage export --what redactions --format csv -o redactions.csv
    """
    if out is not None and out.exists():
        error(f"{out}: exists already; choose a new file")
        raise SystemExit(2)
    with open_corpus(db) as corpus:
        handle: IO[str] = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
        try:
            _write(handle, corpus, what, fmt)
        finally:
            if out is not None:
                handle.close()


def _write(handle: IO[str], corpus: Corpus, what: What, fmt: str) -> None:
    writer: csv.DictWriter[str] | None = None
    for row in corpus.export(what):
        if fmt == "jsonl":
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            continue
        if writer is None:
            writer = csv.DictWriter(handle, fieldnames=list(row))
            writer.writeheader()
        writer.writerow(
            {
                k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                for k, v in row.items()
            }
        )
