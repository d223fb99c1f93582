"""Lines of a text with their offsets, for the line-based readers (headers, letterheads)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import overload


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
    """Every line of ``text``, made at once (see :class:`Lines` for lines made
    as they are read)."""
    return list(Lines(text))


class Lines(Sequence[Line]):
    """The lines of a text with their offsets, each made only when it is
    read: a header block reader reads a few lines around each header line of
    a text of a hundred thousand.  ``starts``: every line's
    offset, in order (for bisection)."""

    def __init__(self, text: str) -> None:
        self._raw = text.split("\n")
        # All in C: the lengths, one more for each line break, summed up.
        self.starts = list(accumulate(map((1).__add__, map(len, self._raw[:-1])), initial=0))

    def __len__(self) -> int:
        return len(self._raw)

    @overload
    def __getitem__(self, index: int) -> Line: ...

    @overload
    def __getitem__(self, index: slice) -> list[Line]: ...

    def __getitem__(self, index: int | slice) -> Line | list[Line]:
        if isinstance(index, slice):
            return [Line(self.starts[i], self._raw[i]) for i in range(*index.indices(len(self)))]
        return Line(self.starts[index], self._raw[index])
