"""Turning the paths a user gave into the files to read."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from inzage.cli.output import error
from inzage.paths import files_below, shown_path
from inzage.read.options import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_PAGES,
    DEFAULT_PAGE_SECONDS,
    OcrMode,
    ReadOptions,
)
from inzage.store.database import DB_VARIABLE, is_server

if TYPE_CHECKING:
    from inzage.store import Corpus


def expand(paths: tuple[str, ...], recursive: bool, *, quiet: bool = False) -> Iterator[Path]:
    """The given paths in order; with ``recursive``, the files below each folder
    (sorted, hidden ones left out, linked folders followed).  What is skipped
    inside a folder (a link loop, a broken link, a fifo) is named on stderr
    unless ``quiet``.  Missing paths and folders without ``recursive`` pass
    through, so the reader can say what is wrong with them."""

    def skipped(path: Path, reason: str) -> None:
        if not quiet:
            error(f"{shown_path(path)}: skipped: {reason}")

    for given in paths:
        path = Path(given)
        if recursive and path.is_dir():
            yield from files_below(path, skipped)
        else:
            yield path


_READ_OPTIONS = (
    click.option(
        "--ocr",
        type=click.Choice(["auto", "never", "always"]),
        default="auto",
        show_default=True,
        help="Read PDF pages by OCR (Tesseract, Dutch): auto = pages with an image and no "
        "usable text layer.",
    ),
    click.option(
        "--max-size",
        type=click.FloatRange(min=0, min_open=True),
        default=DEFAULT_MAX_BYTES / 1_000_000,
        show_default=True,
        metavar="MB",
        help="Refuse files larger than this many megabytes.",
    ),
    click.option(
        "--max-pages",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_PAGES,
        show_default=True,
        help="Refuse PDFs and TIFFs with more pages than this.",
    ),
    click.option(
        "--page-seconds",
        type=click.FloatRange(min=0, min_open=True),
        default=DEFAULT_PAGE_SECONDS,
        show_default=True,
        metavar="SECONDS",
        help="Give up OCR (or the redaction-box search) of one page after this long, "
        "with a warning.",
    ),
)


def read_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options of how files are read (--ocr, --max-size, --max-pages,
    --page-seconds), handed to the command as one ``options`` argument."""

    @functools.wraps(command)
    def with_options(
        *args: Any,
        ocr: OcrMode,
        max_size: float,
        max_pages: int,
        page_seconds: float,
        **kwargs: Any,
    ) -> Any:
        kwargs["options"] = ReadOptions(
            ocr=ocr,
            max_bytes=int(max_size * 1_000_000),
            max_pages=max_pages,
            page_seconds=page_seconds,
        )
        return command(*args, **kwargs)

    decorated: Callable[..., Any] = with_options
    for option in reversed(_READ_OPTIONS):
        decorated = option(decorated)
    return decorated


recursive_option = click.option(
    "-r", "--recursive", is_flag=True, help="Read the files inside folders, at any depth."
)


# A store: an SQLite file, or a PostgreSQL server's address (a string).
StoreAddress = str | Path


class StoreAddressType(click.ParamType[StoreAddress]):
    """``--db``: a file name (a :class:`Path`) or ``postgresql://…`` (kept as a
    string: a path would fold its ``//``).  ``exists``: a file must be there."""

    name = "DB"

    def __init__(self, *, exists: bool = False) -> None:
        self.exists = exists

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> StoreAddress:
        if is_server(str(value)):
            return str(value)
        path = Path(value)
        if path.is_dir():
            self.fail(f"{shown_path(path)} is a folder, not a database file", param, ctx)
        if self.exists and not path.exists():
            self.fail(f"{shown_path(path)}: no such database", param, ctx)
        return path


DB_HELP = (
    "The corpus: an SQLite file, or a PostgreSQL database as postgresql://user@host/dbname "
    f"(also from the {DB_VARIABLE} environment variable)."
)

db_option = click.option(
    "--db",
    "db",
    type=StoreAddressType(),
    default=Path("inzage.db"),
    envvar=DB_VARIABLE,
    show_default=True,
    help=DB_HELP,
)


def open_corpus(db: StoreAddress, *, create: bool = False) -> Corpus:
    """The corpus in ``db``; a database that cannot be used is named on stderr and
    ends the command with exit code 2."""
    from inzage.store import Corpus, StoreError

    try:
        return Corpus(db, create=create)
    except StoreError as exc:
        error(str(exc))
        raise SystemExit(2) from None
