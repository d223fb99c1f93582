"""One way to print: JSON (pretty or one object per line) and plain tables."""

from __future__ import annotations

import json
import os
import traceback
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import click

from inzage.model import Message

F = TypeVar("F", bound=Callable[..., Any])


def json_options(command: F) -> F:
    """``--json`` and ``--nl`` for any verb that yields objects."""
    command = click.option(
        "--nl", "nl", is_flag=True, help="Output one JSON object per line (implies --json)."
    )(command)
    return click.option("--json", "as_json", is_flag=True, help="Output JSON.")(command)


def dumps(obj: Any, *, compact: bool = False) -> str:
    if compact:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(obj, ensure_ascii=False, indent=2)


def table(rows: Iterable[Sequence[object]], headers: Sequence[str]) -> str:
    """A plain, aligned text table; the last column is never padded."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for index, row in enumerate(cells):
        padded = [c.ljust(w) for c, w in zip(row[:-1], widths[:-1], strict=True)] + [row[-1]]
        lines.append("  ".join(padded).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def error(message: str) -> None:
    """One line on stderr, prefixed with the program name."""
    click.echo(f"inzage: {message}", err=True)


def report_bug(what: str, exc: Exception) -> None:
    """An exception inzage did not expect: its class on stderr (never its message,
    which may quote a document), the traceback only with INZAGE_DEBUG set."""
    if os.environ.get("INZAGE_DEBUG"):
        traceback.print_exception(exc)
    error(
        f"{what} ({type(exc).__name__}); this is a bug in inzage: "
        "run again with INZAGE_DEBUG=1 for the details and report them"
    )


def message_heading(message: Message) -> str:
    """``2020-06-09 10:20 +0200  Eva Kok: subject`` for one message."""
    sent = f"{message.sent:%Y-%m-%d %H:%M %z}" if message.sent else "no date"
    sender = message.sender
    who = "?"
    if sender is not None:
        who = sender.name or sender.address or ("(redacted)" if sender.redacted else "?")
    return f"{sent}  {who}: {message.subject or '(no subject)'}"
