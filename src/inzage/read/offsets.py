"""Normalising text while remembering where each character came from.

``inzage detect`` reads the same normalised text as the parser, but reports
offsets into the text of the file as decoded, so that a redaction can be
applied to the original.  Most files need no map at all: only a change of
length (``\\r\\n`` → ``\\n``, a letter and its combining accent composed to one)
moves offsets, and only lines where one happens are walked character by
character."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

from inzage.read.text import normalise


@dataclass
class OffsetMap:
    """Offsets in normalised text → offsets in the text it came from.  From each
    anchor ``(position, shift)`` on, ``original = position + shift``."""

    positions: list[int] = field(default_factory=list)
    shifts: list[int] = field(default_factory=list)

    def original(self, offset: int) -> int:
        index = bisect_right(self.positions, offset) - 1
        return offset + (self.shifts[index] if index >= 0 else 0)

    def _anchor(self, position: int, shift: int) -> None:
        if self.positions and self.positions[-1] == position:
            self.shifts[-1] = shift
        elif not self.shifts or self.shifts[-1] != shift:
            self.positions.append(position)
            self.shifts.append(shift)


def normalise_mapped(text: str) -> tuple[str, OffsetMap]:
    """``normalise(text)`` and the map of its offsets back into ``text``."""
    mapping = OffsetMap()
    if "\r" not in text and unicodedata.is_normalized("NFC", text):
        return normalise(text), mapping
    pieces: list[str] = []
    original = produced = 0
    for line in text.splitlines(keepends=True):
        normal = normalise(line)
        if len(normal) == len(line):
            pieces.append(normal)
        else:
            normal = _walk(line, original, produced, mapping)
            pieces.append(normal)
        original += len(line)
        produced += len(normal)
        mapping._anchor(produced, original - produced)
    return "".join(pieces), mapping


def _walk(line: str, original: int, produced: int, mapping: OffsetMap) -> str:
    """Normalise one line by groups (a character and the combining marks after
    it; ``\\r\\n``), anchoring the map at each group whose length changes."""
    out: list[str] = []
    index = 0
    while index < len(line):
        end = index + 1
        if line[index] == "\r" and line[index + 1 : index + 2] == "\n":
            end += 1
        while end < len(line) and unicodedata.combining(line[end]):
            end += 1
        group = normalise(line[index:end])
        mapping._anchor(produced, original + index - produced)
        out.append(group)
        produced += len(group)
        index = end
        mapping._anchor(produced, original + index - produced)
    return "".join(out)
