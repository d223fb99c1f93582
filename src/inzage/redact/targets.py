"""What to redact in each file, gathered from the officer's sources: the
decisions of ``inzage detect --jsonl`` (edited by hand or not), the accepted
proposals of a dossier database, and the terms of a find-and-redact list.

A decision names its file by the path ``detect`` showed (and, from a
database, the file's SHA-256 too); it is applied where ``action`` is
``redact``.  Everything here reads the officer's files and returns plain
values: no redaction happens in this module."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from inzage.errors import ConfigurationError
from inzage.grounds import grounds_for
from inzage.model import Box
from inzage.redact.matching import Needle

DEFAULT_GROUND = "5.1.2e"


@dataclass(frozen=True)
class Decision:
    """One span to redact in one file: offsets into its text as decoded (text
    and Markdown) or as read, the text that stands there, and for PDFs the
    page and the characters' boxes (origin top left, in points)."""

    path: str
    start: int
    end: int
    text: str
    ground: str
    kind: str = "person"
    page: int | None = None
    boxes: tuple[Box, ...] = ()
    sha256: str | None = None
    # True: the offsets index the reading text a store holds (normalised,
    # front matter split off), not the file as decoded: ``inzage detect --db``.
    reading: bool = False


@dataclass(frozen=True)
class Withholding:
    """Pages withheld whole, in the file shown as ``path`` (or in the only
    file given, when ``path`` is None)."""

    path: str | None
    pages: tuple[int, ...]
    ground: str


@dataclass
class Targets:
    """Everything to redact: decisions per file, terms for every file, and
    pages withheld whole."""

    decisions: list[Decision] = field(default_factory=list)
    terms: list[Needle] = field(default_factory=list)
    withheld: list[Withholding] = field(default_factory=list)

    def withheld_in(self, shown: str) -> dict[int, str]:
        """The pages of this file withheld whole, with their ground."""
        return {
            page: w.ground
            for w in self.withheld
            if w.path is None or w.path == shown
            for page in w.pages
        }

    def for_file(self, shown: str, sha256: str) -> list[Decision]:
        """The decisions that name this file, by its SHA-256 where they carry
        one, else by the path shown."""
        return [
            d
            for d in self.decisions
            if (d.sha256 == sha256 if d.sha256 is not None else d.path == shown)
        ]

    def __bool__(self) -> bool:
        return bool(self.decisions or self.terms or self.withheld)


def checked_ground(code: str, where: str, *, shown: bool = True) -> str:
    """The Woo code of a ground as the officer wrote it (``5.1.2e``, ``10.2.e``,
    ``5.1.1 onder d``); a :class:`ConfigurationError` naming ``where`` if it is
    none, with what was written unless ``shown`` is false (in a terms file the
    text after a tab may be the rest of a name)."""
    grounds = grounds_for(code.strip())
    if not grounds:
        what = repr(code.strip()) if shown else "the text after the tab"
        raise ConfigurationError(f"{where}: {what} is not a ground (see `inzage grounds`)")
    return grounds[0].code


def officer_text(path: Path, what: str) -> str:
    """The text of a file the officer wrote or edited: UTF-8 with or without a
    byte order mark (Notepad), or UTF-16/UTF-32 with one (PowerShell's ``>``);
    a :class:`ConfigurationError` saying ``cannot read {what}`` otherwise."""
    try:
        data = path.read_bytes()
        if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
            return data.decode("utf-32")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"{path}: cannot read {what}: {exc}") from None


def checked_term(term: str, where: str) -> str:
    """A term to look for, without white space around it; a
    :class:`ConfigurationError` if it holds no letter or digit (``...`` would
    turn every ellipsis into a marker)."""
    if not any(c.isalnum() for c in term):
        raise ConfigurationError(f"{where}: a term needs a letter or a digit")
    return term.strip()


def decisions_from_jsonl(path: Path, default_ground: str) -> Iterator[Decision]:
    """The ``redact`` rows of a ``detect --jsonl`` file.  A row that cannot be
    read is a :class:`ConfigurationError` with its line number (never its text)."""
    lines = officer_text(path, "decisions").splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise TypeError("not an object")
            if row.get("action") != "redact":
                continue
            yield decision_from_row(row, where, default_ground)
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            raise ConfigurationError(f"{where}: not a decision ({type(exc).__name__})") from None


def decision_from_row(
    row: dict[str, object],
    where: str,
    default_ground: str,
    sha256: str | None = None,
    *,
    reading: bool = False,
) -> Decision:
    """One decision from a row in the ``detect --jsonl`` shape (a stored
    proposal has that shape too); ``ValueError`` or ``TypeError`` when it is not one."""
    start, end = int(str(row["start"])), int(str(row["end"]))
    if not 0 <= start < end:
        raise ValueError("start and end")
    ground = row.get("ground") or default_ground
    boxes = row.get("boxes") or []
    if not isinstance(boxes, list):
        raise TypeError("boxes")
    page = row.get("page")
    return Decision(
        path=str(row["path"]),
        start=start,
        end=end,
        text=str(row["text"]),
        ground=checked_ground(str(ground), where),
        kind=str(row.get("kind") or "person"),
        page=int(str(page)) if page is not None else None,
        boxes=tuple(Box.model_validate(b) for b in boxes),
        sha256=sha256,
        reading=reading,
    )


def terms_from(terms: Iterable[str], files: Iterable[Path], default_ground: str) -> list[Needle]:
    """The officer's terms: given one by one, and from files of one term per
    line with an optional ground after a tab (``#`` starts a comment line)."""
    needles = [Needle(checked_term(t, "--term"), default_ground) for t in terms if t.strip()]
    for path in files:
        for number, line in enumerate(officer_text(path, "terms").splitlines(), 1):
            term, _, ground = line.partition("\t")
            if not term.strip() or term.lstrip().startswith("#"):
                continue
            where = f"{path}:{number}"
            code = checked_ground(ground, where, shown=False) if ground.strip() else default_ground
            needles.append(Needle(checked_term(term, where), code))
    return needles


def withholding_from(spec: str, default_ground: str) -> Withholding:
    """``[FILE@]PAGES[:GROUND]`` as the officer writes it (``3``, ``2-4,7:5.1.2i``,
    ``besluit.pdf@5``); a :class:`ConfigurationError` when it is none."""
    where = f"--withhold {spec!r}"
    path, at, rest = spec.rpartition("@")
    pages_text, _, ground = rest.partition(":")
    pages: list[int] = []
    try:
        for part in pages_text.split(","):
            first, dash, last = part.strip().partition("-")
            low, high = int(first), int(last) if dash else int(first)
            if not 1 <= low <= high or high - low > 100_000:
                raise ValueError
            pages.extend(range(low, high + 1))
    except ValueError:
        raise ConfigurationError(
            f"{where}: pages must be numbers from 1 or ranges, e.g. 3 or 2-4,7"
        ) from None
    code = checked_ground(ground, where) if ground.strip() else default_ground
    return Withholding(path if at else None, tuple(pages), code)
