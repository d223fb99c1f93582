"""Redaction boxes in a page image: filled rectangles, black, grey or coloured.

A box is a connected area of one flat colour that is darker or more saturated
than paper and fills its bounding rectangle: glyphs are connected areas too,
but thin and far from rectangular.  Works on pixels (a scan, or a rendered
PDF page), so vector-drawn and image boxes are found the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

# Size limits in pixels at 200 dpi (a US-letter page is 1700 × 2200): a box
# covers at least a short word and at most most of the page.
MIN_WIDTH = 14
MIN_HEIGHT = 10
MAX_AREA_SHARE = 0.6
# How much of its bounding rectangle a box's outline encloses, and how much of
# it is ink (text printed on a box, a scanner's ragged edges and rounded
# corners leave some out).
MIN_OUTLINE = 0.85
MIN_INK = 0.6
# Cutting an area of touching boxes apart: rows (or columns) with less ink than
# CUT of the fullest one separate boxes; at most MAX_CUTS cuts deep.
CUT = 0.5
MAX_CUTS = 4
# Most of a box's ink (FLAT_SHARE) lies within FLAT brightness levels of its
# median; edges and scanner noise may differ.
FLAT_SHARE = 0.8
COLOURED_ASPECT = 2.0
FLAT = 12
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
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    value, saturation = hsv[..., 2], hsv[..., 1]
    inked: npt.NDArray[Any] = ((value < PAPER) | (saturation > GREY_SATURATION)).astype(np.uint8)
    inked = cv2.morphologyEx(inked, cv2.MORPH_OPEN, np.ones((OPEN, OPEN), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(inked, connectivity=4)
    limit = MAX_AREA_SHARE * rgb.shape[0] * rgb.shape[1]
    boxes = []
    for index in range(1, count):
        x, y, width, height, _ = (int(v) for v in stats[index])
        if width < MIN_WIDTH or height < MIN_HEIGHT or width * height > limit:
            continue
        mask = labels[y : y + height, x : x + width] == index
        for dx, dy, w, h in _rectangles(mask, depth=0):
            box = PixelBox(x + dx, y + dy, w, h)
            if _flat(value, inked, box) and _shaped(saturation, inked, box):
                boxes.append(box)
    return sorted(boxes, key=lambda b: (b.y, b.x))


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
    or a block of bold text varies a lot)."""
    region = value[box.y : box.y + box.height, box.x : box.x + box.width]
    ink = region[inked[box.y : box.y + box.height, box.x : box.x + box.width] > 0]
    if ink.size == 0:
        return False
    near = np.abs(ink.astype(np.int16) - int(np.median(ink))) <= FLAT
    return float(near.mean()) >= FLAT_SHARE


def _rectangles(mask: npt.NDArray[np.bool_], depth: int) -> list[tuple[int, int, int, int]]:
    """The boxes in one connected area, as (x, y, width, height) within it.  Boxes
    printed edge to edge (a name and a domain redacted separately, rows of a
    header block) touch and make one area: where the area is no rectangle it is
    cut at the rows, then the columns, where its ink thins out."""
    height, width = mask.shape
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return []
    if _is_box(mask):
        return [(0, 0, width, height)]
    if depth >= MAX_CUTS:
        return []
    for axis in (1, 0):  # rows first: header rows are wider than they are tall
        profile = mask.sum(axis=axis)
        strong = profile >= CUT * profile.max()
        runs = _runs(strong)
        if len(runs) > 1:
            found = []
            for start, end in runs:
                part = mask[start:end, :] if axis == 1 else mask[:, start:end]
                offset = (0, start) if axis == 1 else (start, 0)
                for x, y, w, h in _rectangles(_trimmed(part)[0], depth + 1):
                    tx, ty = _trimmed(part)[1]
                    found.append((offset[0] + tx + x, offset[1] + ty + y, w, h))
            return found
    return []


def _is_box(mask: npt.NDArray[np.bool_]) -> bool:
    """The area fills its rectangle row by row (holes such as a code printed on the
    box count as filled) and is mostly ink."""
    rows = mask.any(axis=1)
    if not rows.all() or not mask.any(axis=0).all():
        return False
    first = mask.argmax(axis=1)
    last = mask.shape[1] - mask[:, ::-1].argmax(axis=1)
    outline = float((last - first).sum()) / mask.size
    return outline >= MIN_OUTLINE and float(mask.mean()) >= MIN_INK


def _runs(flags: npt.NDArray[np.bool_]) -> list[tuple[int, int]]:
    """Start and end of each run of True."""
    edges = np.diff(np.concatenate(([0], flags.astype(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return [(int(a), int(b)) for a, b in zip(starts, ends, strict=True)]


def _trimmed(mask: npt.NDArray[np.bool_]) -> tuple[npt.NDArray[np.bool_], tuple[int, int]]:
    """The mask without empty rows and columns at its edges, and where it starts."""
    rows, columns = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    if rows.size == 0:
        return mask[:0, :0], (0, 0)
    top, left = int(rows[0]), int(columns[0])
    return mask[top : int(rows[-1]) + 1, left : int(columns[-1]) + 1], (left, top)


def iou(a: PixelBox, b: PixelBox) -> float:
    """Intersection over union of two boxes."""
    width = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
    height = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
    if width <= 0 or height <= 0:
        return 0.0
    overlap = width * height
    return overlap / (a.area + b.area - overlap)
