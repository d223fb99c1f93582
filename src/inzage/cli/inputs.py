"""Turning the paths a user gave into the files to read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from inzage.cli.output import error
from inzage.store import Corpus, StoreError


def expand(paths: tuple[str, ...], recursive: bool) -> Iterator[Path]:
    """The given paths in order; with ``recursive``, the files below each folder
    (sorted, hidden ones left out).  Missing paths and folders without
    ``recursive`` pass through, so the reader can say what is wrong with them."""
    for given in paths:
        path = Path(given)
        if recursive and path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            yield path


max_size_option = click.option(
    "--max-size",
    type=click.FloatRange(min=0, min_open=True),
    default=64.0,
    show_default=True,
    metavar="MB",
    help="Refuse files larger than this many megabytes.",
)
ocr_option = click.option(
    "--ocr",
    type=click.Choice(["auto", "never", "always"]),
    default="auto",
    show_default=True,
    help="Read PDF pages by OCR (Tesseract, Dutch): auto = pages with an image and no "
    "usable text layer.",
)
recursive_option = click.option(
    "-r", "--recursive", is_flag=True, help="Read the files inside folders, at any depth."
)


db_option = click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("inzage.db"),
    show_default=True,
    help="The SQLite database of the corpus.",
)


def open_corpus(db: Path, *, create: bool = False) -> Corpus:
    """The corpus in ``db``; a database that cannot be used is named on stderr and
    ends the command with exit code 2."""
    try:
        return Corpus(db, create=create)
    except StoreError as exc:
        error(str(exc))
        raise SystemExit(2) from None
