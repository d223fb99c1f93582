from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import IO, Literal

import click

from inzage.cli.inputs import StoreAddress, db_option, open_corpus
from inzage.cli.output import error
from inzage.store import Corpus
from inzage.store.export import WHAT, What


@click.command()
@db_option
@click.option(
    "--what",
    type=click.Choice([*WHAT, "inventory"]),
    required=True,
    help="Which rows; 'inventory' is the public inventory list of a reviewed dossier.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "xlsx"]),
    default="jsonl",
    show_default=True,
    help="xlsx: the inventory as an Excel workbook (with -o).",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output (never an existing file).",
)
def export(db: StoreAddress, what: What | Literal["inventory"], fmt: str, out: Path | None) -> None:
    """Stream documents, messages, redactions or entities out as JSON Lines or CSV.

    Rows are written as they are read, so exports of any size run in little
    memory.  CSV cells that hold lists or objects are JSON.  The inventory
    list has VWS's columns (Document ID, Documentnummer, Bestandsnaam,
    Beoordeling, Beoordelingsgrond, ...) and never the requester.

    \b
    Examples:
      inzage export --what documents > documents.jsonl
      inzage export --what redactions --format csv -o redactions.csv
      inzage export --what inventory --format xlsx -o inventarislijst.xlsx
    """
    if out is not None and out.exists():
        error(f"{out}: exists already; choose a new file")
        raise SystemExit(2)
    if fmt == "xlsx" and (what != "inventory" or out is None):
        error("--format xlsx: only for --what inventory, written to a file (-o FILE.xlsx)")
        raise SystemExit(2)
    if what == "inventory":
        _inventory(db, fmt, out)
        return
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


def _inventory(db: StoreAddress, fmt: str, out: Path | None) -> None:
    from inzage.publish.inventory import (
        inventory_csv,
        inventory_rows,
        inventory_xlsx,
        rows_as_dicts,
    )
    from inzage.store.dossier import ensure_reviews

    with open_corpus(db) as corpus:
        ensure_reviews(corpus.connection)
        rows = inventory_rows(corpus.connection)
    if fmt == "xlsx" and out is not None:
        with out.open("xb") as handle:
            inventory_xlsx(rows, handle)
        return
    text = (
        inventory_csv(rows)
        if fmt == "csv"
        else "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows_as_dicts(rows))
    )
    if out is None:
        sys.stdout.write(text)
    else:
        with out.open("x", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="") as f:
            f.write(text)
