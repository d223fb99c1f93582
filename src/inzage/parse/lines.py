"""Lines of a text with their offsets, for the line-based readers (headers, letterheads)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def blank(self) -> bool:
        """Nothing but white space and quote marks."""
        return not self.text.strip(" \t>")


def split_lines(text: str) -> list[Line]:
    lines = []
    start = 0
    for raw in text.split("\n"):
        lines.append(Line(start, raw))
        start += len(raw) + 1
    return lines
