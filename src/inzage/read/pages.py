"""Pages of a reading text.  The PDF reader puts a form feed between pages and
every later step keeps it (running-header removal moves lines around it, never
drops one), so the page of an offset is found from the text alone."""

from __future__ import annotations

from bisect import bisect_right


def page_starts(text: str) -> list[int]:
    """Where each page begins: 0, and just after every form feed."""
    starts = [0]
    at = text.find("\f")
    while at != -1:
        starts.append(at + 1)
        at = text.find("\f", at + 1)
    return starts


def page_at(starts: list[int], offset: int) -> int:
    """The page (from 1) that ``offset`` is on, given :func:`page_starts`."""
    return bisect_right(starts, offset)
