"""Redaction boxes in scanned pages, placed in the reading order of the OCR words.

The pixel counterpart of :mod:`inzage.read.pdf_boxes`: boxes are found in the
page image (:mod:`inzage.read.pixel_boxes`); what Tesseract read inside a box
is noise of the box and left out, unless it is a ground code printed in it; a
code read just after a box on its line is that box's code; a box without one
gets a generic marker (``█``) in the text where it stands.
"""

from __future__ import annotations

from typing import Literal

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageOps

from inzage.grounds import parse_reference
from inzage.read.boxes import GENERIC_MARKER, PageBox
from inzage.read.ocr import OcrWord, ocr_line, ocr_words, words_text
from inzage.read.options import DEFAULT_PAGE_SECONDS
from inzage.read.pdf_boxes import CODE_REACH
from inzage.read.pixel_boxes import PixelBox, filled_boxes, outlined_boxes

# The box detector's sizes are set for pages this many pixels wide (A4 at 200
# dpi); page images are scaled to it (down from 300 dpi, which is also faster).
DETECTOR_WIDTH = 1654
# An image is not enlarged to DETECTOR_WIDTH past this many pixels (an A4 page
# at that width has 3.9 million).
MAX_DETECTOR_PIXELS = 40_000_000
MAX_UPSCALE = 2.0  # a page scanned at 100 dpi is searched at twice its size, no more
# A code printed inside a box: between _MIN_PRINT and _MAX_PRINT of the box
# (_EDGE pixels in from its edge) is print: lighter than _LIGHT_TEXT on a dark
# box (median at most _DARK_BOX), darker than _DARK_BOX in an outlined one.
_EDGE = 3
_PAD = 0.0015  # of the page width: about 4 pixels at 300 dpi
_DARK_BOX = 100
_LIGHT_TEXT = 160
_MIN_PRINT = 0.03
_MAX_PRINT = 0.45


def read_scan(
    image: Image.Image,
    page: int,
    seconds: float = DEFAULT_PAGE_SECONDS,
    scale: float = 1.0,
    unit: Literal["pt", "px"] = "px",
    ocr: bool = True,
) -> tuple[str, list[PageBox]]:
    """A scanned page's text by OCR, with a marker where a code-less box stands,
    and its redaction boxes in reading order (coordinates: pixels × ``scale``,
    in ``unit``).  Without ``ocr`` (Tesseract missing, or not wanted) the boxes
    are found all the same, each a generic marker on a line of its own, top to
    bottom: a code beside a box needs OCR to be read, the box does not."""
    boxes = page_boxes(image)
    if not ocr:
        return place_boxes([], boxes, page, scale, unit)
    words = ocr_words(_whitened(image, boxes), seconds)
    inside = {box: code for box in boxes if (code := _code_printed_in(image, box, seconds))}
    return place_boxes(words, boxes, page, scale, unit, inside)


def _code_printed_in(image: Image.Image, box: PixelBox, seconds: float) -> str | None:
    """A ground code printed in a box, read by OCR of the box alone: light print
    on a dark box (inverted first), or dark print in an outlined one.  Only
    boxes with some print inside are read: most filled boxes are solid."""
    if box.width <= 2 * _EDGE or box.height <= 2 * _EDGE:
        return None  # no inside to print on
    inner = image.crop(
        (box.x + _EDGE, box.y + _EDGE, box.x + box.width - _EDGE, box.y + box.height - _EDGE)
    ).convert("L")
    pixels = np.asarray(inner)
    if pixels.size == 0:
        return None
    dark = float(np.median(pixels)) <= _DARK_BOX
    printed = float(np.mean(pixels > _LIGHT_TEXT if dark else pixels < _DARK_BOX))
    if not _MIN_PRINT <= printed <= _MAX_PRINT:
        return None
    return _code(ocr_line(ImageOps.invert(inner) if dark else inner, seconds))


def _whitened(image: Image.Image, boxes: list[PixelBox]) -> Image.Image:
    """The page with its boxes painted over in white: Tesseract reads a black
    box as a run of letters and misreads the code printed next to it."""
    if not boxes:
        return image
    painted = image.convert("RGB")
    canvas = ImageDraw.Draw(painted)
    pad = max(2, round(image.width * _PAD))  # a box's soft edge, left, reads as "|"
    for box in boxes:
        area = (box.x - pad, box.y - pad, box.x + box.width + pad, box.y + box.height + pad)
        canvas.rectangle(area, fill="white")
    return painted


def page_boxes(image: Image.Image) -> list[PixelBox]:
    """The redaction boxes of a page image, in its own pixels: filled boxes
    searched at the detector's page width, outlined ones at full resolution
    (or a little less, keeping thin lines: :mod:`inzage.read.outline_boxes`)."""
    rgb = np.asarray(image.convert("RGB"))
    pixels = rgb.shape[0] * rgb.shape[1]
    # An image far narrower than a page (a thumbnail, a damaged fax) is not
    # blown up to page width: its boxes would be a few pixels, and the search
    # of noise that large takes seconds.
    factor = min(DETECTOR_WIDTH / rgb.shape[1], MAX_UPSCALE)
    if pixels * factor * factor > MAX_DETECTOR_PIXELS:
        # A sliver a few pixels wide, brought to page width, would be hundreds
        # of thousands of pixels tall (gigabytes): it is searched as it is, or
        # reduced to the limit if it is that large already.
        factor = min(1.0, (MAX_DETECTOR_PIXELS / pixels) ** 0.5)
    size = (max(1, round(rgb.shape[1] * factor)), max(1, round(rgb.shape[0] * factor)))
    interpolation = cv2.INTER_AREA if factor < 1 else cv2.INTER_LINEAR
    scaled: npt.NDArray[np.uint8] = np.asarray(
        cv2.resize(rgb, size, interpolation=interpolation), dtype=np.uint8
    )
    filled = [
        PixelBox(
            x=round(box.x / factor),
            y=round(box.y / factor),
            width=round(box.width / factor),
            height=round(box.height / factor),
        )
        for box in filled_boxes(scaled)
    ]
    gray = np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
    outlined = outlined_boxes(gray, unit=rgb.shape[1] / DETECTOR_WIDTH)
    return sorted(filled + outlined, key=lambda b: (b.y, b.x))


def place_boxes(
    words: list[OcrWord],
    boxes: list[PixelBox],
    page: int,
    scale: float = 1.0,
    unit: Literal["pt", "px"] = "px",
    printed_inside: dict[PixelBox, str] | None = None,
) -> tuple[str, list[PageBox]]:
    """The page's text with the boxes in it, and the boxes in reading order.
    ``printed_inside``: codes read inside boxes; a box with one gets it as its
    marker, where the box stands."""
    inside = {i: box for box in boxes for i, word in enumerate(words) if _centre_in(word, box)}
    codes_inside = {
        box: code
        for i, word in enumerate(words)
        if (box := inside.get(i)) is not None and (code := _code(word.text))
    }
    printed = printed_inside or {}
    kept = [w for i, w in enumerate(words) if i not in inside or _code(w.text)]
    placed: list[tuple[int, OcrWord | None, PageBox]] = []
    for box in boxes:
        at = _reading_position(kept, box)
        code = codes_inside.get(box) or printed.get(box) or _code_after(kept, at, box)
        marker = None
        if box in printed and box not in codes_inside:
            marker = _marker(kept, at, box, len(placed), printed[box])
        elif code is None:
            marker = _marker(kept, at, box, len(placed), GENERIC_MARKER)
        page_box = PageBox(
            page=page,
            x=box.x * scale,
            y=box.y * scale,
            width=box.width * scale,
            height=box.height * scale,
            code=code,
            hidden_characters=0,
            unit=unit,
        )
        placed.append((at, marker, page_box))
    placed.sort(key=lambda item: item[0])
    out: list[OcrWord] = []
    cursor = 0
    for at, marker, _ in placed:
        out.extend(kept[cursor:at])
        cursor = at
        if marker is not None:
            out.append(marker)
    out.extend(kept[cursor:])
    return words_text(out), [page_box for _, _, page_box in placed]


def _centre_in(word: OcrWord, box: PixelBox) -> bool:
    x, y = word.left + word.width / 2, word.top + word.height / 2
    return box.x <= x <= box.x + box.width and box.y <= y <= box.y + box.height


def _same_line(word: OcrWord, box: PixelBox) -> bool:
    middle = box.y + box.height / 2
    word_middle = word.top + word.height / 2
    return (
        word.top <= middle <= word.top + word.height or box.y <= word_middle <= box.y + box.height
    )


def _reading_position(words: list[OcrWord], box: PixelBox) -> int:
    """Before the first word on the box's line to its right, or on a lower line."""
    right, bottom = box.x + box.width, box.y + box.height
    for index, word in enumerate(words):
        same_line = _same_line(word, box)
        if (same_line and word.left >= right - 2) or (not same_line and word.top >= bottom):
            return index
    return len(words)


def _code(text: str) -> str | None:
    word = text.rstrip(".,;:)")
    return word if word and parse_reference(word).codes else None


def _code_after(words: list[OcrWord], at: int, box: PixelBox) -> str | None:
    if at >= len(words) or not _same_line(words[at], box):
        return None
    word = words[at]
    if word.left - (box.x + box.width) > CODE_REACH * box.height:
        return None
    return _code(word.text)


def _marker(words: list[OcrWord], at: int, box: PixelBox, number: int, text: str) -> OcrWord:
    """The marker word of a box (its code, or the generic marker), on the box's
    line: the line of the word it stands before or after, or a line of its own."""
    neighbours = [words[i] for i in (at, at - 1) if 0 <= i < len(words)]
    line = next((w.line for w in neighbours if _same_line(w, box)), None)
    if line is None:
        previous = words[at - 1].line if at > 0 else (0, 0, 0)
        line = (previous[0], previous[1], -1 - number)  # a new line in the same paragraph
    return OcrWord(text, box.x, box.y, box.width, box.height, line)
