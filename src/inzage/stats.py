"""Corpus statistics over markers: what was found, and what was turned down and why.

``inzage stats`` is a review tool for the marker recognisers: it counts markers
per notation and per ground over a folder, and lists every string that looks
like a ground but was not taken as a marker, with the reason, so that misses
can be reviewed by hand.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from inzage.errors import InputError, UnsupportedFormatError
from inzage.parse.markers.engine import MarkerAnalysis, find_markers
from inzage.pipeline import reading_text
from inzage.read.files import read_file
from inzage.read.options import ReadOptions

NO_GROUND = "(geen grond)"


@dataclass
class TurnedDown:
    """One kind of string that was not accepted: its text, why, how often, where first."""

    text: str
    reason: str
    count: int
    example: str


@dataclass
class CorpusStats:
    files: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    failed: list[tuple[str, str]] = field(default_factory=list)
    markers: int = 0
    groups: int = 0
    by_notation: Counter[str] = field(default_factory=Counter)
    by_ground: Counter[str] = field(default_factory=Counter)
    by_role: Counter[str] = field(default_factory=Counter)
    citations: Counter[str] = field(default_factory=Counter)
    low_confidence: int = 0
    _turned_down: dict[tuple[str, str], TurnedDown] = field(default_factory=dict)

    @property
    def turned_down(self) -> list[TurnedDown]:
        return sorted(self._turned_down.values(), key=lambda t: (-t.count, t.reason, t.text))

    def add(self, path: str, text: str, analysis: MarkerAnalysis) -> None:
        self.files += 1
        self.markers += len(analysis.redactions)
        self.groups += len({r.group for r in analysis.redactions})
        for redaction in analysis.redactions:
            self.by_notation[redaction.notation] += 1
            self.by_role[redaction.role] += 1
            if redaction.confidence < 1:
                self.low_confidence += 1
            for ground in redaction.grounds or ():
                self.by_ground[ground.code] += 1
            if not redaction.grounds:
                self.by_ground[NO_GROUND] += 1
        for citation in analysis.citations:
            for ground in citation.grounds:
                self.citations[ground.code] += 1
        for finding in analysis.rejected:
            shown = _fold(finding.span.slice(text))
            reason = finding.explanation or "turned down"
            key = (shown, reason)
            if key in self._turned_down:
                self._turned_down[key].count += 1
            else:
                self._turned_down[key] = TurnedDown(shown, reason, 1, path)

    def to_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "skipped": dict(self.skipped),
            "failed": [{"path": p, "reason": r} for p, r in self.failed],
            "markers": self.markers,
            "groups": self.groups,
            "low_confidence": self.low_confidence,
            "by_notation": dict(self.by_notation.most_common()),
            "by_ground": dict(self.by_ground.most_common()),
            "by_role": dict(self.by_role.most_common()),
            "citations_by_ground": dict(self.citations.most_common()),
            "turned_down": [t.__dict__ for t in self.turned_down],
        }


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# Statistics over a release should take seconds: scanned pages are not read.
_NO_OCR = ReadOptions(ocr="never")


def corpus_stats(
    paths: Iterable[Path], on_file: Callable[[Path], None] | None = None
) -> CorpusStats:
    """Marker statistics over files; unreadable files are counted, never fatal."""
    stats = CorpusStats()
    for path in paths:
        if on_file is not None:
            on_file(path)
        try:
            text = reading_text(read_file(path, _NO_OCR).text).text
        except UnsupportedFormatError:
            stats.skipped[path.suffix.lower() or "(no suffix)"] += 1
            continue
        except InputError as exc:
            stats.failed.append((exc.path, exc.reason))
            continue
        stats.add(str(path), text, find_markers(text))
    return stats
