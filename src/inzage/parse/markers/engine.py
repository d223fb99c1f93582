"""The detection loop: run the registered recognisers, shape, judge, group.

``find_markers(text)`` is what the parser calls.  Its steps are named
functions in :mod:`inzage.parse.markers.context`; this module only wires them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from inzage.model import Finding, Redaction
from inzage.parse.markers.context import (
    classify,
    complete_truncated,
    extend_wrappers,
    join_ground_lists,
    resolve_overlaps,
    to_redactions,
    turned_down_alone,
)
from inzage.parse.markers.recognisers import THRESHOLD
from inzage.recognisers.base import find_bounded
from inzage.recognisers.registry import RecogniserRegistry, registry_or_shared

# Marker candidates of one text past this many are not looked for: far more
# than any real document has, and each costs about a kilobyte.
MAX_CANDIDATES = 100_000


@dataclass(frozen=True)
class MarkerAnalysis:
    """Everything the marker step concluded about one text.

    ``citations`` cite a ground in a sentence (nothing was blacked out there);
    ``rejected`` looked like grounds but are not, each with its reason in
    ``explanation``.
    """

    redactions: list[Redaction] = field(default_factory=list)
    citations: list[Finding] = field(default_factory=list)
    rejected: list[Finding] = field(default_factory=list)
    cut: int | None = None  # markers were looked for only before this offset


def find_markers(
    text: str, registry: RecogniserRegistry | None = None, limit: int = MAX_CANDIDATES
) -> MarkerAnalysis:
    """Find the redaction markers in ``text`` (past ``limit`` candidates, the rest
    of the text is not searched)."""
    registry = registry_or_shared(registry)
    bounded = find_bounded(registry.get("marker"), text, limit)
    candidates = bounded.findings
    kept = resolve_overlaps(candidates)
    shaped = join_ground_lists(text, _extend_all(text, kept))
    strong = frozenset(f.notation for f in shaped if f.score >= 1 and f.notation)
    judged = complete_truncated(
        text, [classify(text, shaped, index, strong) for index in range(len(shaped))]
    )
    markers = [f for f in judged if f.kind == "marker" and f.score >= THRESHOLD]
    return MarkerAnalysis(
        redactions=to_redactions(text, markers),
        citations=[f for f in judged if f.kind == "citation"],
        rejected=sorted(
            turned_down_alone(candidates, kept) + [f for f in judged if f.score == 0],
            key=lambda f: f.span.start,
        ),
        cut=bounded.cut,
    )


def _extend_all(text: str, findings: list[Finding]) -> list[Finding]:
    extended: list[Finding] = []
    for index, finding in enumerate(findings):
        wider = extend_wrappers(text, finding)
        previous_end = extended[-1].span.end if extended else 0
        next_start = findings[index + 1].span.start if index + 1 < len(findings) else len(text)
        fits = previous_end <= wider.span.start and wider.span.end <= next_start
        extended.append(wider if fits else finding)
    return extended
