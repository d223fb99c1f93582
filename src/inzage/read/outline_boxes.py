"""Redaction boxes drawn as an outline only, in a page image.

An outlined box is a rectangular hole in the page's *lines*: thin straight
runs of ink, solid, dashed, dotted or slightly broken.  Text is no such run,
so a letter touching a box or a code printed in it neither opens nor splits
the hole.  Boxes side by side or stacked share lines and make several holes
in one line; a table's cells do too, but a table's lines cross or its
columns divide its header, and the boxes of a chart hang on lines that lead
on; a box holds a code, not a line of text.  Sizes are
set for a page 1,650 pixels wide (A4 at 200 dpi) and scaled to the page.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any, NamedTuple

import cv2
import numpy as np
import numpy.typing as npt

# Ink is darker than OUTLINE_DARK.  A line is at most MAX_LINE thick; gaps in
# it up to LINE_GAP are bridged (a dotted or dashed line, a scan's breaks),
# and the end of a horizontal line is joined to the end of a vertical one up
# to CORNER_GAP away (a dashed box's corner, where a dash may be missing).
OUTLINE_DARK = 160
MAX_LINE = 6
LINE_GAP = 8
CORNER_GAP = 2 * LINE_GAP
# A dot, dash or corner of a dotted or dashed line is straight: a row (or
# column) of it is BAR_FULL ink from end to end.
BAR_FULL = 0.9
# A box's hole is at least OUTLINE_MIN_WIDTH by OUTLINE_MIN_HEIGHT and at
# most a share of the page; together with the boxes drawn over it, it fills
# OUTLINE_RECTANGULAR of its bounding rectangle.
OUTLINE_MIN_WIDTH = 28
OUTLINE_MIN_HEIGHT = 18
OUTLINE_MAX_WIDTH = 0.7
OUTLINE_MAX_HEIGHT = 0.15
OUTLINE_RECTANGULAR = 0.9
# Outlined redactions cover words and lines: wider than tall, unlike check
# boxes, logos and frames around pictures.
OUTLINE_ASPECT = 1.5
# A line of print in a box wider than CODE_ASPECT times its height, with
# print in TEXT_COVER of its columns, is text (a label, a remark), not a code:
# "5.1.2e" is 3 to 5 times as wide as high, two codes 7 to 8, the labels of an
# organisation chart 8 to 17.
CODE_ASPECT = 8
TEXT_COVER = 0.5
# Pages at least twice this wide (A4 at 150 dpi) are searched reduced to it or
# a little more, by a whole factor: four times faster at 300 dpi.
OUTLINE_WORK_WIDTH = 1240
# Nor is more than MAX_WORK pixels searched (an A3 page at 300 dpi is reduced
# to 4.4 million; a hostile sliver a million pixels tall further).
MAX_WORK = 6_000_000


class Rect(NamedTuple):
    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height


def outline_rectangles(value: npt.NDArray[Any], unit: float = 1.0) -> list[Rect]:
    """The outlined boxes of a page in gray, out to the outer edge of their
    line.  ``value`` at its full resolution (averaged down, a thin line fades);
    ``unit``: its pixels per pixel of a page 1,650 wide."""
    height, width = value.shape
    factor = max(1, width // OUTLINE_WORK_WIDTH, math.ceil(math.sqrt(height * width / MAX_WORK)))
    ink = (_darkest(value, factor) < OUTLINE_DARK).astype(np.uint8)
    return [
        Rect(r.x * factor, r.y * factor, r.width * factor, r.height * factor)
        for r in _outlined(ink, _Sizes.at(unit / factor))
    ]


@dataclass(frozen=True)
class _Sizes:
    """The sizes above in a page's own pixels."""

    line: int
    gap: int
    corner: int
    width: int
    height: int

    @classmethod
    def at(cls, unit: float) -> _Sizes:
        def scaled(length: int) -> int:
            return max(1, round(length * unit))

        return cls(
            line=scaled(MAX_LINE),
            gap=scaled(LINE_GAP),
            corner=scaled(CORNER_GAP),
            width=scaled(OUTLINE_MIN_WIDTH),
            height=scaled(OUTLINE_MIN_HEIGHT),
        )


def _darkest(value: npt.NDArray[Any], factor: int) -> npt.NDArray[Any]:
    """The page reduced ``factor`` times, each block of pixels to its darkest:
    a line one pixel wide stays whole and dark."""
    if factor == 1:
        return value
    eroded = cv2.erode(value, np.ones((factor, factor), np.uint8))
    reduced: npt.NDArray[Any] = eroded[factor // 2 :: factor, factor // 2 :: factor]
    return reduced


def _outlined(ink: npt.NDArray[np.uint8], size: _Sizes) -> list[Rect]:
    lines, leading = _lines(ink, size)
    page_height, page_width = ink.shape
    near = 2 * size.line + size.gap  # the line between two holes that share it
    boxes = []
    for line, group in _holes(lines):
        # A table's cells hold a line of text; the strip between two boxes a
        # few pixels apart is no cell.
        cells = [hole for hole in group if min(hole.width, hole.height) >= size.height]
        if _table(cells, near):
            continue
        if len(cells) > 1 and _runs_on(leading, line, cells, size):
            continue  # boxes joined by lines that lead on: a chart, a form
        for hole in group:
            if (
                size.width <= hole.width <= OUTLINE_MAX_WIDTH * page_width
                and size.height <= hole.height <= OUTLINE_MAX_HEIGHT * page_height
                and hole.width >= OUTLINE_ASPECT * hole.height
                and not _holds_text(ink, hole, group, size)
            ):
                boxes.append(_to_outer_edge(lines, hole, size.line + size.gap))
    return boxes


def _lines(
    ink: npt.NDArray[np.uint8], size: _Sizes
) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.uint8]]:
    """The page's lines, and those that lead on (see :func:`_leading`): thin
    straight runs of ink.
    Dotted and dashed lines are joined from their pieces; long runs (as long
    as the narrowest box is wide or the lowest high) are joined across small
    gaps (a scan's breaks) and at corners where their ends nearly meet.  Runs
    as short as half the narrowest box are kept but not joined: a stretch of a
    box's line between its corner and another box drawn over it may be that
    short, and so are the strokes of letters."""
    pieces = _pieces(ink, size)
    short = max(1, size.width // 2)
    horizontal, long_horizontal = _runs_along(ink, pieces, size, (short, size.width), True)
    vertical, long_vertical = _runs_along(ink, pieces, size, (short, size.height), False)
    lines = (
        horizontal
        | vertical
        | long_horizontal
        | long_vertical
        | _corners(long_horizontal, long_vertical, size)
    )
    return lines, _leading(long_horizontal, long_vertical, size)


def _leading(
    horizontal: npt.NDArray[np.uint8], vertical: npt.NDArray[np.uint8], size: _Sizes
) -> npt.NDArray[np.uint8]:
    """Lines that can lead from a box to elsewhere: long horizontal ones, and
    vertical ones twice as long as the lowest box is high (a letter's stem
    touching a box is shorter)."""
    column = np.ones((2 * size.height, 1), np.uint8)
    return horizontal | _morph(vertical, cv2.MORPH_OPEN, column)


def _pieces(ink: npt.NDArray[np.uint8], size: _Sizes) -> npt.NDArray[np.uint8]:
    """Ink in small straight parts: the dots and dashes of a dotted or dashed
    line, the pieces of a broken one, and a dashed box's corners (a dash of
    each side, meeting).  Each is shorter than a line must be and is a straight
    bar along one horizontal edge of its bounds and one along a vertical edge,
    no thicker than a line may be.  A letter is not: its strokes curve or
    slant, or stand away from its edges (the flag of a 1)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]) < max(
        size.width, size.height
    )
    small[0] = False  # the paper
    ys, xs = np.nonzero(small[labels])
    owner = labels[ys, xs]
    bars = {
        edge: _edge_bar(owner, ys, xs, stats, size.line, edge, count)
        for edge in ("top", "bottom", "left", "right")
    }
    straight = np.zeros(count, dtype=bool)
    for row_edge, column_edge in itertools.product(("top", "bottom"), ("left", "right")):
        (row_full, in_row), (column_full, in_column) = bars[row_edge], bars[column_edge]
        stray = np.bincount(owner[~(in_row | in_column)], minlength=count) > 0
        straight |= row_full & column_full & ~stray
    pieces = np.zeros_like(ink)
    pieces[ys, xs] = straight[owner]
    return pieces


def _edge_bar(
    owner: npt.NDArray[Any],
    ys: npt.NDArray[Any],
    xs: npt.NDArray[Any],
    stats: npt.NDArray[Any],
    thickness: int,
    edge: str,
    count: int,
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """For each component (``owner`` of the pixels at ``ys``, ``xs``): whether
    a row (or column) within ``thickness`` of its ``edge`` is :data:`BAR_FULL`
    ink across it, and for each pixel whether it lies that near the edge."""
    horizontal = edge in ("top", "bottom")
    start = stats[owner, cv2.CC_STAT_TOP if horizontal else cv2.CC_STAT_LEFT]
    extent = stats[owner, cv2.CC_STAT_HEIGHT if horizontal else cv2.CC_STAT_WIDTH]
    position = (ys if horizontal else xs) - start
    depth = position if edge in ("top", "left") else extent - 1 - position
    near = depth < thickness
    key = owner[near] * thickness + depth[near]
    filled = np.bincount(key, minlength=count * thickness).reshape(count, thickness).max(axis=1)
    length = stats[:, cv2.CC_STAT_WIDTH if horizontal else cv2.CC_STAT_HEIGHT]
    return filled >= BAR_FULL * length, near


def _runs_along(
    ink: npt.NDArray[np.uint8],
    pieces: npt.NDArray[np.uint8],
    size: _Sizes,
    lengths: tuple[int, int],
    horizontal: bool,
) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.uint8]]:
    """Thin straight runs of ink in one direction at least as long as the
    first of ``lengths`` and those at least as long as the second, these with
    gaps up to :data:`LINE_GAP` bridged.  The pieces of a dotted or dashed line
    are joined first.  A filled box or a line of text is thicker than a line."""

    def along(pixels: int) -> npt.NDArray[np.uint8]:
        return np.ones((1, pixels) if horizontal else (pixels, 1), np.uint8)

    short, long = lengths
    across = np.ones((size.line + 1, 1) if horizontal else (1, size.line + 1), np.uint8)
    bridge = along(size.gap + 1)
    runs = _morph(ink | _morph(pieces, cv2.MORPH_CLOSE, bridge), cv2.MORPH_OPEN, along(short))
    thin = runs & ~_morph(runs, cv2.MORPH_OPEN, across)
    long_runs = _morph(thin, cv2.MORPH_OPEN, along(long))
    return thin, _morph(long_runs, cv2.MORPH_CLOSE, bridge)


def _morph(
    mask: npt.NDArray[np.uint8], operation: int, kernel: npt.NDArray[np.uint8]
) -> npt.NDArray[np.uint8]:
    return np.asarray(cv2.morphologyEx(mask, operation, kernel), dtype=np.uint8)


def _corners(
    horizontal: npt.NDArray[np.uint8], vertical: npt.NDArray[np.uint8], size: _Sizes
) -> npt.NDArray[np.uint8]:
    """The corners of boxes whose lines stop short of each other (a dotted or
    dashed box): a horizontal and a vertical line, each ending at most
    ``size.corner`` pixels before the point where they meet, or just past it,
    drawn on to that point.  Only the ends of lines meet: a letter's stem
    standing close under a box's line (a code printed in a tight box) is not
    joined to it."""
    steps = ((0, -1), (0, 1), (-1, 0), (1, 0))
    near_ends = [
        _near_end(lines, size, step)
        for lines, step in zip((horizontal, horizontal, vertical, vertical), steps, strict=True)
    ]
    meeting = (near_ends[0] | near_ends[1]) & (near_ends[2] | near_ends[3])
    bridge = np.zeros_like(horizontal)
    for near, (dy, dx) in zip(near_ends, steps, strict=True):
        # Of a line drawn on, the stretch between its end and a meeting point.
        bridge |= near & _smeared(meeting, size.corner + size.gap, (-dy, -dx))
    return bridge


def _near_end(
    lines: npt.NDArray[np.uint8], size: _Sizes, step: tuple[int, int]
) -> npt.NDArray[np.uint8]:
    """Around the end of each run of a line mask in the direction of ``step``:
    up to ``size.corner`` pixels on beyond it and ``size.gap`` back along it."""
    ends = lines & ~_shifted(lines, (-step[0], -step[1]))  # nothing one step on
    return _smeared(ends, size.corner, step, back=size.gap)


def _shifted(mask: npt.NDArray[np.uint8], step: tuple[int, int]) -> npt.NDArray[np.uint8]:
    """The mask moved one pixel by ``step``: at each pixel, what lies one step back."""
    dy, dx = step
    height, width = mask.shape
    moved = np.zeros_like(mask)
    moved[max(0, dy) : height + min(0, dy), max(0, dx) : width + min(0, dx)] = mask[
        max(0, -dy) : height + min(0, -dy), max(0, -dx) : width + min(0, -dx)
    ]
    return moved


def _smeared(
    mask: npt.NDArray[np.uint8], reach: int, step: tuple[int, int], back: int = 0
) -> npt.NDArray[np.uint8]:
    """The mask smeared up to ``reach`` pixels in the direction of ``step``
    (and ``back`` pixels the other way)."""
    dy, dx = step
    length = reach + back + 1
    kernel = np.ones((1, length) if dy == 0 else (length, 1), np.uint8)
    # Where the kernel is anchored sets how far it reaches either way.
    at = reach if dx + dy > 0 else back
    anchor = (at, 0) if dy == 0 else (0, at)
    return np.asarray(cv2.dilate(mask, kernel, anchor=anchor), dtype=np.uint8)


def _holes(lines: npt.NDArray[np.uint8]) -> list[tuple[Rect, list[Rect]]]:
    """Each line (a connected set of lines) by its bounds, with its rectangular
    holes: those that fill :data:`OUTLINE_RECTANGULAR` of their bounds, or do
    so with the rectangular holes reaching into them (another box drawn over
    the edge)."""
    contours, hierarchy = cv2.findContours(lines, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    shapes: dict[int, list[tuple[Rect, float]]] = {}
    for index, (_, _, _, parent) in enumerate(hierarchy[0]):
        if parent >= 0:
            rect = Rect(*cv2.boundingRect(contours[index]))
            shapes.setdefault(int(parent), []).append((rect, cv2.contourArea(contours[index])))
    groups = []
    for parent, shape in shapes.items():
        plain = [rect for rect, area in shape if area >= OUTLINE_RECTANGULAR * _area(rect)]
        overlapped = [
            rect
            for rect, area in shape
            if rect not in plain
            and area + sum(_overlap(rect, other) for other in plain)
            >= OUTLINE_RECTANGULAR * _area(rect)
        ]
        if plain or overlapped:
            groups.append((Rect(*cv2.boundingRect(contours[parent])), plain + overlapped))
    return groups


def _area(rect: Rect) -> int:
    return rect.width * rect.height


def _overlap(a: Rect, b: Rect) -> int:
    width = min(a.right, b.right) - max(a.x, b.x)
    height = min(a.bottom, b.bottom) - max(a.y, b.y)
    return width * height if width > 0 and height > 0 else 0


def _holds_text(ink: npt.NDArray[np.uint8], hole: Rect, others: list[Rect], size: _Sizes) -> bool:
    """The hole frames a line of text longer than a code: a redaction box holds
    its ground code (5.1.2e, or two of them) or nothing, a label in a chart or
    a framed remark holds words.  The ink inside, away from the hole's own line
    and from the holes of ``others`` (boxes drawn over its edge, with their own
    print), is print; a line of it is a band of rows with print."""
    edge = size.line
    inside = ink[hole.y + edge : hole.bottom - edge, hole.x + edge : hole.right - edge] > 0
    for other in others:
        if other != hole:
            top, left = other.y - edge - hole.y - edge, other.x - edge - hole.x - edge
            bottom, right = top + other.height + 2 * edge, left + other.width + 2 * edge
            inside[max(0, top) : max(0, bottom), max(0, left) : max(0, right)] = False
    for top, bottom in _spans(np.asarray(inside.any(axis=1))):
        columns = np.flatnonzero(inside[top:bottom].any(axis=0))
        extent = int(columns[-1] - columns[0]) + 1
        if extent > CODE_ASPECT * (bottom - top) and columns.size >= TEXT_COVER * extent:
            return True
    return False


def _spans(flags: npt.NDArray[np.bool_]) -> list[tuple[int, int]]:
    """Start and end of each run of True, runs one False apart joined (the
    thin gap a scan leaves in a line of print)."""
    edges = np.diff(np.concatenate(([0], flags.astype(np.int8), [0])))
    spans: list[tuple[int, int]] = []
    for start, end in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True):
        if spans and start - spans[-1][1] <= 1:
            spans[-1] = (spans[-1][0], int(end))
        else:
            spans.append((int(start), int(end)))
    return spans


def _runs_on(leading: npt.NDArray[np.uint8], line: Rect, holes: list[Rect], size: _Sizes) -> bool:
    """The line (bounded by ``line``) leads on past its holes, more than the
    narrowest box is wide: boxes that touch are all the line there is, while
    the boxes of an organisation chart or a form hang on lines that lead
    elsewhere.  ``leading``: the lines that may lead on."""
    rest = leading[line.y : line.bottom, line.x : line.right].copy()
    edge = size.line + size.gap
    for hole in holes:
        top, left = max(0, hole.y - edge - line.y), max(0, hole.x - edge - line.x)
        rest[top : hole.bottom + edge - line.y, left : hole.right + edge - line.x] = 0
    return int(np.count_nonzero(rest)) > size.width


def _table(holes: list[Rect], near: int) -> bool:
    """The holes of one line are a table's cells: four meet at a point (the
    lines cross), or two or more side by side divide the width of the one above
    or below them between them (a header over its columns).  Boxes side by
    side or stacked only touch, and do not line up so (within ``near``)."""
    for hole in holes:
        others = [other for other in holes if other != hole]
        beside = any(
            abs(other.x - hole.right) <= near and abs(other.bottom - hole.bottom) <= near
            for other in others
        )
        below = any(
            abs(other.y - hole.bottom) <= near and abs(other.right - hole.right) <= near
            for other in others
        )
        if beside and below:
            return True
        for row in (
            [other for other in others if abs(other.y - hole.bottom) <= near],
            [other for other in others if abs(other.bottom - hole.y) <= near],
        ):
            within = [
                cell for cell in row if cell.x >= hole.x - near and cell.right <= hole.right + near
            ]
            if (
                len(within) > 1
                and abs(min(cell.x for cell in within) - hole.x) <= near
                and abs(max(cell.right for cell in within) - hole.right) <= near
            ):
                return True
    return False


def _to_outer_edge(lines: npt.NDArray[np.uint8], hole: Rect, reach: int) -> Rect:
    """The box of a hole out to the outer edge of the line around it: each side
    moves out (at most ``reach`` pixels) while the row or column beyond it is
    mostly line."""
    x, y, right, bottom = hole.x, hole.y, hole.right, hole.bottom
    limit_y, limit_x = lines.shape
    for _ in range(reach):
        if y > 0 and lines[y - 1, x:right].mean() > 0.5:
            y -= 1
        if bottom < limit_y and lines[bottom, x:right].mean() > 0.5:
            bottom += 1
        if x > 0 and lines[y:bottom, x - 1].mean() > 0.5:
            x -= 1
        if right < limit_x and lines[y:bottom, right].mean() > 0.5:
            right += 1
    return Rect(x, y, right - x, bottom - y)
