"""Shared checks for recogniser tests."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

from inzage.model import Redaction
from inzage.parse.markers.engine import MarkerAnalysis, find_markers


def markers_in(text: str) -> list[Redaction]:
    return find_markers(text).redactions


def assert_markers(text: str, expected: list[tuple[str, list[str]]]) -> MarkerAnalysis:
    """The markers found in ``text`` are exactly ``expected``: (marker text, ground codes)."""
    analysis = find_markers(text)
    found = [(r.marker, [g.code for g in r.grounds]) for r in analysis.redactions]
    assert found == expected, f"in {text!r}"
    for redaction in analysis.redactions:
        assert text[redaction.span.start : redaction.span.end] == redaction.marker
    return analysis


def assert_no_markers(text: str) -> MarkerAnalysis:
    analysis = find_markers(text)
    assert analysis.redactions == [], f"in {text!r}: {[r.marker for r in analysis.redactions]}"
    return analysis


@contextmanager
def within_seconds(seconds: int, what: str) -> Iterator[None]:
    """Raise ``TimeoutError(what)`` when the block runs past ``seconds``: a
    pattern that backtracks or a reader that hangs fails the test instead of
    stalling the suite."""

    def too_slow(*_: object) -> None:
        raise TimeoutError(what)

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
