"""Redaction boxes in a page image: filled rectangles, black, grey or coloured.

A box is a connected area of one flat colour that is darker or more saturated
than paper and fills its bounding rectangle: glyphs are connected areas too,
but thin and far from rectangular.  Works on pixels (a scan, or a rendered
PDF page), so vector-drawn and image boxes are found the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

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
# Paper: light and unsaturated.  Anything darker than PAPER or more saturated
# than GREY_SATURATION is ink of some kind.
PAPER = 215
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
    inked = ((value < PAPER) | (saturation > GREY_SATURATION)).astype(np.uint8)
    contours, _ = cv2.findContours(inked, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    limit = MAX_AREA_SHARE * rgb.shape[0] * rgb.shape[1]
    boxes = []
    for contour in contours:
        x, y, width, height = (int(v) for v in cv2.boundingRect(contour))
        if width < MIN_WIDTH or height < MIN_HEIGHT or width * height > limit:
            continue
        # The outline must fill its rectangle (text printed on the box does not
        # matter), and ink must cover most of it (a glyph's outline can be
        # boxy, its strokes are not).
        outline = cv2.contourArea(contour) / (width * height)
        ink = float(inked[y : y + height, x : x + width].mean())
        if outline >= MIN_OUTLINE and ink >= MIN_INK:
            boxes.append(PixelBox(x, y, width, height))
    return sorted(boxes, key=lambda b: (b.y, b.x))


def iou(a: PixelBox, b: PixelBox) -> float:
    """Intersection over union of two boxes."""
    width = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
    height = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
    if width <= 0 or height <= 0:
        return 0.0
    overlap = width * height
    return overlap / (a.area + b.area - overlap)
