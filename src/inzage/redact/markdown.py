"""A Markdown file as its reader sees it, for finding what to redact in it.

A Markdown copy is published as it is or rendered; either way a reader reads
``Krams**veld**``, ``Wou<span>ter</span>``, ``Kr&#97;msveld`` and
``Kramsv%C3%A9ld`` (in a link) as the name.  The plain match sees none of
them, so a Markdown text is also matched as read: emphasis marks and inline
tags dropped, entities and percent-encoded bytes decoded.  Each place found
there is mapped back to the stretch of the file it was read from, which
``redact`` replaces and ``verify`` reports."""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from inzage.redact.matching import Needle, occurrences

MARKDOWN_SUFFIXES = (".md", ".markdown")

_READ_AS = re.compile(
    r"(?P<mark>[*_~`]+)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<percent>(?:%[0-9A-Fa-f]{2})+)"
)


@dataclass(frozen=True)
class ReadAs:
    """The text as read, in pieces: each piece starts at ``starts[i]`` in the
    read text and came from ``sources[i]`` in the file; a piece is either the
    file's own characters (``plain``) or one construct decoded."""

    text: str
    starts: Sequence[int]
    sources: Sequence[tuple[int, int]]
    plain: Sequence[bool]

    def origin(self, start: int, end: int) -> tuple[int, int]:
        """The stretch of the file that the read text's ``[start, end)`` came from."""
        first = bisect.bisect_right(self.starts, start) - 1
        last = bisect.bisect_right(self.starts, end - 1) - 1
        begin = self.sources[first][0]
        if self.plain[first]:
            begin += start - self.starts[first]
        finish = self.sources[last][1]
        if self.plain[last]:
            finish = self.sources[last][0] + end - self.starts[last]
        return begin, finish


def read_as(text: str) -> ReadAs:
    """``text`` as a Markdown reader reads it (see the module's note)."""
    pieces: list[str] = []
    starts: list[int] = []
    sources: list[tuple[int, int]] = []
    plain: list[bool] = []
    at = length = 0

    def add(piece: str, source: tuple[int, int], own: bool) -> None:
        nonlocal length
        if piece:
            pieces.append(piece)
            starts.append(length)
            sources.append(source)
            plain.append(own)
            length += len(piece)

    for match in _READ_AS.finditer(text):
        add(text[at : match.start()], (at, match.start()), True)
        at = match.end()
        construct = match.group()
        if match["entity"]:
            add(html.unescape(construct), match.span(), False)
        elif match["percent"]:
            add(unquote(construct, errors="replace"), match.span(), False)
        # marks and tags are read as nothing
    add(text[at:], (at, len(text)), True)
    return ReadAs("".join(pieces), starts, sources, plain)


def markdown_occurrences(text: str, needles: Sequence[Needle]) -> list[tuple[int, int, Needle]]:
    """The places in a Markdown ``text`` where a needle stands as it is read,
    as stretches of ``text`` (see :func:`read_as`)."""
    seen = read_as(text)
    if seen.text == text:
        return []
    return [
        (*seen.origin(start, end), needle)
        for start, end, needle in occurrences(seen.text, list(needles))
    ]
