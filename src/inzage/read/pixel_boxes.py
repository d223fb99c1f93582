"""Redaction boxes in a page image: filled rectangles (black, grey or
coloured) and rectangles drawn as an outline only.

A filled box is a connected area of one flat colour that is darker or more
saturated than paper and fills its bounding rectangle, corners included:
glyphs are connected areas too, but thin and far from rectangular.  A code
printed light on a box leaves holes, which are filled; boxes printed edge to
edge make one area, which is taken apart row by row, at gaps, at seams and
between the codes printed on them.  An outlined box is the rectangular hole
of a thin line (:mod:`inzage.read.outline_boxes`).  Works on pixels (a
scan, or a rendered PDF page), so vector-drawn and image boxes are found the
same way.  Every rule here came from a miss on the annotated real pages
(docs/real-data.md).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from inzage.read.outline_boxes import outline_rectangles

# Size limits in pixels at 200 dpi (a US-letter page is 1700 × 2200): a box
# covers at least a short word and at most most of the page.
MIN_WIDTH = 14
MIN_HEIGHT = 14
MAX_AREA_SHARE = 0.6
# How much of its bounding rectangle a box's outline encloses, and how much of
# it is ink (text printed on a box, a scanner's ragged edges and rounded
# corners leave some out).
MIN_OUTLINE = 0.85
MIN_INK = 0.6
# The corners of a box (CORNER of its height and width) are CORNER_INK ink.
CORNER = 0.15
CORNER_INK = 0.6
# Telling touching boxes apart: a box is a run of ink whose ends move at most
# TRACK pixels from one row to the next; the boxes so found must cover
# TRACKS_COVER of the area (a logo or bold lettering leaves curves over).
TRACK = 6
TRACKS_COVER = 0.75
# With at least MIN_FOR_LINE boxes on a page, their median height is its line
# of boxes; a box 2 or 3 lines high (± LINE_TOLERANCE lines) is lines stacked.
MIN_FOR_LINE = 3
LINE_TOLERANCE = 0.25
MIN_PRINT = 3  # rows of a code printed on a box
# The letters of one code printed on a box are at most CODE_SPACING of the
# box's height apart, and the code at least CODE_WIDTH of it wide.
CODE_SPACING = 0.5
CODE_WIDTH = 0.6
# Within a line, a column with at most GAP_INK ink is a gap between boxes, and
# a column SEAM_LIGHT of which is lighter than halfway between the box and the
# paper is a seam between boxes that touch.
GAP_INK = 0.25
SEAM_LIGHT = 0.8
# Rows at an area's top or bottom with less than TAIL_FILL ink are a letter's
# tail touching it; rows of a box with less than EDGE_FILL are no part of it.
TAIL_FILL = 0.15
EDGE_FILL = 0.5
# Most of a box's ink (FLAT_SHARE) lies within FLAT brightness levels of its
# median; edges and scanner noise may differ.
FLAT_SHARE = 0.8
COLOURED_ASPECT = 2.0
# No redaction box is more than twice as tall as it is wide; the black band of
# the Rijksoverheid logo (with the emblem at its foot) is.
MAX_TALL = 2.0
FLAT = 12
_CROSS = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))
# Paper: light and unsaturated.  Anything darker than PAPER or more saturated
# than GREY_SATURATION is ink of some kind.
PAPER = 215
# Strokes thinner than this many pixels (text, rules, a bracket touching a box)
# are opened away before boxes are looked for.
OPEN = 5
GREY_SATURATION = 40


@dataclass(frozen=True)
class PixelBox:
    x: int
    y: int
    width: int
    height: int

    @property
    def area(self) -> int:
        return self.width * self.height


def find_boxes(rgb: npt.NDArray[np.uint8]) -> list[PixelBox]:
    """The redaction boxes of an RGB page image, top to bottom, left to right."""
    boxes = filled_boxes(rgb) + outlined_boxes(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY))
    return sorted(boxes, key=lambda b: (b.y, b.x))


def filled_boxes(rgb: npt.NDArray[np.uint8]) -> list[PixelBox]:
    """Filled boxes: black, grey or coloured.  Sizes are set for a page about
    1,650 pixels wide (A4 at 200 dpi)."""
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    value, saturation = hsv[..., 2], hsv[..., 1]
    inked: npt.NDArray[Any] = ((value < PAPER) | (saturation > GREY_SATURATION)).astype(np.uint8)
    inked = cv2.morphologyEx(inked, cv2.MORPH_OPEN, np.ones((OPEN, OPEN), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(inked, connectivity=4)
    limit = MAX_AREA_SHARE * rgb.shape[0] * rgb.shape[1]
    candidates: list[tuple[PixelBox, npt.NDArray[np.bool_]]] = []
    for index in range(1, count):
        x, y, width, height, _ = (int(v) for v in stats[index])
        if width < MIN_WIDTH or height < MIN_HEIGHT or width * height > limit:
            continue
        mask = _filled(labels[y : y + height, x : x + width] == index)
        # A letter's tail touching the area (a descender): its rows are nearly empty.
        rows = np.flatnonzero(mask.mean(axis=1) >= TAIL_FILL)
        if rows.size == 0:
            continue
        y += int(rows[0])
        mask = mask[int(rows[0]) : int(rows[-1]) + 1]
        for dx, dy, w, h in _rectangles(mask):
            # Rows at the top and bottom that are mostly paper (the tail of a
            # letter touching the box) are no part of it.
            part = mask[dy : dy + h, dx : dx + w]
            filled = np.flatnonzero(part.mean(axis=1) >= EDGE_FILL)
            if filled.size == 0:
                continue
            top, bottom = int(filled[0]), int(filled[-1]) + 1
            part = part[top:bottom]
            box = PixelBox(x + dx, y + dy + top, w, bottom - top)
            if box.height < MIN_HEIGHT or box.height > MAX_TALL * w:
                continue  # a band such as the Rijksoverheid logo's, or a rule
            if (
                _flat(value, inked, box)
                and _shaped(saturation, inked, box)
                and _square_corners(part)
            ):
                candidates.append((box, part))
    heights = sorted(box.height for box, _ in candidates)
    line = heights[len(heights) // 2] if len(heights) >= MIN_FOR_LINE else None
    boxes = [
        part
        for box, mask in candidates
        for part in _separated(
            box, mask, value[box.y : box.y + box.height, box.x : box.x + box.width], line
        )
    ]
    return boxes


def outlined_boxes(value: npt.NDArray[Any], unit: float = 1.0) -> list[PixelBox]:
    """Boxes drawn as an outline only (:mod:`inzage.read.outline_boxes`):
    ``value`` is the page in gray at its full resolution, ``unit`` its pixels
    per pixel of a page 1,650 wide."""
    return [PixelBox(*rect) for rect in outline_rectangles(value, unit)]


def _separated(
    box: PixelBox, mask: npt.NDArray[np.bool_], value: npt.NDArray[Any], line: int | None
) -> list[PixelBox]:
    """A box cut into the boxes it may be made of: lines of equal height when it is
    two or three times the page's usual box height and has a code printed on
    each line (a tool that redacts line by line prints boxes of one line edge to
    edge, each with its code), and, within each line, pieces
    between columns without ink (boxes side by side with a gap between them) or
    lighter than the box from top to bottom (a seam between boxes that touch)."""
    ink = value[mask]
    darkness = float(np.median(ink)) if ink.size else float(PAPER)
    # A seam shows on boxes darker than paper; a pale coloured box has none.
    seam = (darkness + PAPER) / 2 if darkness < PAPER - FLAT else 256.0
    bands = [(0, box.height)]
    if line is not None:
        lines = round(box.height / line)
        # Rows with light print on the box, away from its edges (anti-aliasing).
        print_rows = np.asarray(((value > seam) & mask).any(axis=1), dtype=bool)
        printed = [
            (start, end)
            for start, end in _runs(print_rows)
            if end - start >= MIN_PRINT and start > 0 and end < box.height
        ]
        if (
            lines in (2, 3)
            and abs(box.height / line - lines) <= LINE_TOLERANCE
            and len(printed) == lines  # one code printed on each line
        ):
            step = box.height / lines
            bands = [(round(i * step), round((i + 1) * step)) for i in range(lines)]
    parts = []
    for top, bottom in bands:
        # A column is a gap when little of the line is ink in it: the edge of a
        # box on the line above or below may reach a row or two into this one.
        light = (value[top:bottom] > seam).mean(axis=0) >= SEAM_LIGHT
        columns = (mask[top:bottom].mean(axis=0) > GAP_INK) & ~light
        light_print = np.asarray(((value[top:bottom] > seam) & mask[top:bottom]).any(axis=0))
        for run in _runs(columns):
            for left, right in _by_codes(light_print, run, bottom - top):
                if right - left >= MIN_WIDTH:
                    parts.append(PixelBox(box.x + left, box.y + top, right - left, bottom - top))
    return parts


def _by_codes(
    printed: npt.NDArray[np.bool_], run: tuple[int, int], height: int
) -> list[tuple[int, int]]:
    """A run of box cut into the boxes whose codes it carries: a tool prints one
    code in each box, centred when it fits, so boxes printed flush side by side
    (no gap, no seam) show as codes side by side, far apart.  Each box but the
    last ends where its code, centred, puts its edge; the next code must begin
    beyond it."""
    left, right = run
    joined = _closed_runs(printed[left:right], round(CODE_SPACING * height))
    codes = [
        (left + first, left + last)
        for first, last in _runs(joined)
        if last - first >= CODE_WIDTH * height  # a speck or a letter is no code
    ]
    if len(codes) < 2:
        return [run]
    parts, start = [], left
    for (first, last), (following, _) in itertools.pairwise(codes):
        end = first + last - start
        if not last <= end <= following:
            return [run]  # a code not in the middle of a box of its own
        parts.append((start, end))
        start = end
    return [*parts, (start, right)]


def _closed_runs(flags: npt.NDArray[np.bool_], gap: int) -> npt.NDArray[np.bool_]:
    """The flags with runs of False up to ``gap`` long between two Trues filled:
    the letters of one code joined."""
    closed = flags.copy()
    runs = _runs(~flags)
    for start, end in runs:
        if start > 0 and end < flags.size and end - start <= gap:
            closed[start:end] = True
    return closed


def _filled(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """The area with its holes filled: a code printed light on a box leaves holes
    that would thin the box's rows and cut it apart."""
    padded = np.pad(mask, 1).astype(np.uint8)
    outside = padded.copy()
    flood = np.zeros((padded.shape[0] + 2, padded.shape[1] + 2), np.uint8)
    cv2.floodFill(outside, flood, (0, 0), 1)
    filled: npt.NDArray[np.bool_] = (padded.astype(bool) | (outside == 0))[1:-1, 1:-1]
    return filled


def _shaped(saturation: npt.NDArray[Any], inked: npt.NDArray[Any], box: PixelBox) -> bool:
    """A coloured box must be wider than tall, as a blacked-out word or line is:
    logos and icons are coloured squares too, while black and grey are the
    usual redaction colours and are taken in any shape."""
    region = saturation[box.y : box.y + box.height, box.x : box.x + box.width]
    ink = region[inked[box.y : box.y + box.height, box.x : box.x + box.width] > 0]
    coloured = ink.size > 0 and float(np.median(ink)) > GREY_SATURATION
    return not coloured or box.width >= COLOURED_ASPECT * box.height


def _flat(value: npt.NDArray[Any], inked: npt.NDArray[Any], box: PixelBox) -> bool:
    """A box is one colour: its ink varies little in brightness (a photo, a logo
    or a block of bold text varies a lot).  Ink next to paper is left out: the
    edges of a code printed light on the box are every shade in between."""
    region = value[box.y : box.y + box.height, box.x : box.x + box.width]
    core = cv2.erode(inked[box.y : box.y + box.height, box.x : box.x + box.width], _CROSS)
    ink = region[core > 0]
    if ink.size == 0:
        return False
    near = np.abs(ink.astype(np.int16) - int(np.median(ink))) <= FLAT
    return float(near.mean()) >= FLAT_SHARE


def _rectangles(mask: npt.NDArray[np.bool_]) -> list[tuple[int, int, int, int]]:
    """The boxes in one connected area, as (x, y, width, height) within it: the
    area itself when it is a box, else the boxes that touch to make it (boxes
    printed edge to edge: a name and a domain redacted separately, the rows of a
    header block)."""
    height, width = mask.shape
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return []
    if _is_box(mask):
        return [(0, 0, width, height)]
    return _tracks(mask)


def _tracks(mask: npt.NDArray[np.bool_]) -> list[tuple[int, int, int, int]]:
    """Boxes in an area of boxes that touch, followed row by row: a box is a run
    of ink whose ends stay put (within TRACK pixels from one row to the next)
    for at least MIN_HEIGHT rows.  Where boxes of two lines touch, the row they
    share joins their runs and ends one box and starts the next."""
    found: list[tuple[int, int, int, int]] = []
    open_tracks: list[list[int]] = []  # [left, right, first row, min left, max right]
    for row in range(mask.shape[0] + 1):
        runs = _runs(mask[row]) if row < mask.shape[0] else []
        continued: list[list[int]] = []
        for start, end in runs:
            track = next(
                (t for t in open_tracks if abs(t[0] - start) <= TRACK and abs(t[1] - end) <= TRACK),
                None,
            )
            if track is None:
                track = [start, end, row, start, end]
            else:
                open_tracks.remove(track)
                track[0], track[1] = start, end
                track[3], track[4] = min(track[3], start), max(track[4], end)
            continued.append(track)
        for _left, _right, first, low, high in open_tracks:
            found.append((low, first, high - low, row - first))
        open_tracks = continued
    boxes = [box for box in found if box[2] >= MIN_WIDTH and box[3] >= MIN_HEIGHT]
    covered = sum(int(mask[y : y + h, x : x + w].sum()) for x, y, w, h in boxes)
    return boxes if covered >= TRACKS_COVER * int(mask.sum()) else []


def _is_box(mask: npt.NDArray[np.bool_]) -> bool:
    """The area fills its rectangle row by row (holes such as a code printed on the
    box count as filled) and is mostly ink."""
    rows = mask.any(axis=1)
    if not rows.all() or not mask.any(axis=0).all():
        return False
    first = mask.argmax(axis=1)
    last = mask.shape[1] - mask[:, ::-1].argmax(axis=1)
    outline = float((last - first).sum()) / mask.size
    return outline >= MIN_OUTLINE and float(mask.mean()) >= MIN_INK and _square_corners(mask)


def _square_corners(mask: npt.NDArray[np.bool_]) -> bool:
    """Three corners or all four are ink (a code printed light on the box may
    run into one): a bold letter such as a logo's D, solid once its holes are
    filled, has a rounded side."""
    height, width = mask.shape
    dy, dx = max(2, round(CORNER * height)), max(2, round(CORNER * width))
    corners = (mask[:dy, :dx], mask[:dy, -dx:], mask[-dy:, :dx], mask[-dy:, -dx:])
    return sum(float(corner.mean()) >= CORNER_INK for corner in corners) >= 3


def _runs(flags: npt.NDArray[np.bool_]) -> list[tuple[int, int]]:
    """Start and end of each run of True."""
    edges = np.diff(np.concatenate(([0], flags.astype(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return [(int(a), int(b)) for a, b in zip(starts, ends, strict=True)]


def iou(a: PixelBox, b: PixelBox) -> float:
    """Intersection over union of two boxes."""
    width = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
    height = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
    if width <= 0 or height <= 0:
        return 0.0
    overlap = width * height
    return overlap / (a.area + b.area - overlap)
