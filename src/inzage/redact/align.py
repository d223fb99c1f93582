"""Which stretches of an original text the markers of its redacted copy stand
in place of, so that ``verify`` can look for what was replaced everywhere
else in the copy.

A copy made by ``inzage redact`` is the original with stretches replaced by
markers: the text between two markers stands in the original as it is.  The
long pieces of it are anchors, found with ``str.find`` in one pass, and the
short pieces between two anchors (``[5.1.2e] en [5.1.2e]``) are placed the
same way.  So a text of megabytes is aligned in linear time; only a copy
changed in other ways (another tool's, or edited by hand) is diffed word by
word, the stretch that does not fit or the whole text."""

from __future__ import annotations

import difflib
import itertools
import re
from dataclasses import dataclass

# A piece of the copy between two markers this long is taken to stand once in
# the original, after the piece before it; shorter ones (", ", " en ") are
# compared word by word with their neighbours.
ANCHOR_CHARS = 24
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class Replaced:
    """A stretch of the original (offsets into it) that a marker replaced."""

    start: int
    end: int
    ground: str


def marker_pattern(marker: str) -> re.Pattern[str]:
    """The markers a template writes (``[{ground}]``), with the ground as a group."""
    return re.compile(
        re.escape(marker).replace(re.escape("{ground}"), r"(?P<ground>[^[\]()\n]{1,40})")
    )


def replaced_spans(original: str, redacted: str, marker: str) -> list[Replaced]:
    """The stretches of ``original`` that the markers in ``redacted`` replaced."""
    markers = list(marker_pattern(marker).finditer(redacted))
    if not markers:
        return []
    anchored = _by_anchors(original, redacted, markers)
    if anchored is not None:
        return anchored
    return _diffed(original, 0, len(original), redacted, 0, len(redacted), markers)


def _by_anchors(
    original: str, redacted: str, markers: list[re.Match[str]]
) -> list[Replaced] | None:
    """The spans, when the copy's text between markers stands in the original
    in order (the copy is the original with stretches replaced); else None."""
    head = redacted[: markers[0].start()]
    tail = redacted[markers[-1].end() :]
    if not original.startswith(head) or not original.endswith(tail):
        return None
    spans: list[Replaced] = []
    at, gap = len(head), 0  # in the original; the first marker of the current gap
    for index in range(1, len(markers)):
        start, end = markers[index - 1].end(), markers[index].start()
        if end - start < ANCHOR_CHARS:
            continue
        found = original.find(redacted[start:end], at)
        if found < 0:
            return None
        spans.extend(_gap(original, at, found, redacted, markers[gap:index]))
        at, gap = found + end - start, index
    last = len(original) - len(tail)
    if last < at:
        return None
    spans.extend(_gap(original, at, last, redacted, markers[gap:]))
    return spans


def _gap(
    original: str, start: int, end: int, redacted: str, markers: list[re.Match[str]]
) -> list[Replaced]:
    """The spans in ``original[start:end]``, which the copy holds as ``markers``
    and the short pieces between them: each piece at its first place after
    the one before, a marker standing for one character or more (the glob
    match, which finds a reading whenever there is one); a diff of the words
    when there is none."""
    spans: list[Replaced] = []
    at = start
    for marker, following in itertools.pairwise(markers):
        piece = redacted[marker.end() : following.start()]
        found = original.find(piece, at + 1, end - 1)
        if found < 0:
            return _diffed(
                original, start, end, redacted, markers[0].start(), markers[-1].end(), markers
            )
        spans.append(Replaced(at, found, marker["ground"]))
        at = found + len(piece)
    if at >= end:
        return _diffed(
            original, start, end, redacted, markers[0].start(), markers[-1].end(), markers
        )
    spans.append(Replaced(at, end, markers[-1]["ground"]))
    # a marker that stood in the original already replaced nothing
    return [
        s for s, m in zip(spans, markers, strict=True) if original[s.start : s.end] != m.group()
    ]


def _diffed(
    original: str,
    o_start: int,
    o_end: int,
    redacted: str,
    r_start: int,
    r_end: int,
    markers: list[re.Match[str]],
) -> list[Replaced]:
    """The spans by a diff of the two stretches word by word (a diff of
    characters would pair the letters of a name with those of the marker,
    ``e`` with ``e``, and see only fragments of the name replaced)."""
    before = [m.span() for m in _TOKEN.finditer(original, o_start, o_end)]
    after: list[tuple[int, int]] = []
    at = r_start
    for marker in (m for m in markers if r_start <= m.start() and m.end() <= r_end):
        after.extend(m.span() for m in _TOKEN.finditer(redacted, at, marker.start()))
        after.append(marker.span())  # one word: its '.' is not the original's
        at = marker.end()
    after.extend(m.span() for m in _TOKEN.finditer(redacted, at, r_end))
    matcher = difflib.SequenceMatcher(
        None,
        [original[a:b] for a, b in before],
        [redacted[a:b] for a, b in after],
        autojunk=False,
    )
    spans: list[Replaced] = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag != "replace":
            continue
        new_start, new_end = after[b0][0], after[b1 - 1][1]
        gone_start, gone_end = before[a0][0], before[a1 - 1][1]
        for marker in markers:
            if not new_start <= marker.start() < new_end:
                continue
            # what the marker stands for: the replaced stretch without any
            # text that surrounds the marker unchanged
            head = redacted[new_start : marker.start()].strip()
            tail = redacted[marker.end() : new_end].strip()
            start, end = gone_start, gone_end
            if head and original.startswith(head, start, end):
                start += len(head)
            if tail and original.endswith(tail, start, end):
                end -= len(tail)
            if start < end and original[start:end] != marker.group():  # a marker before
                spans.append(Replaced(start, end, marker["ground"]))
    return spans
