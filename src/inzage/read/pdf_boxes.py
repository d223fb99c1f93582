"""Redaction boxes drawn in a PDF (filled rectangles in the page's vector
graphics), placed in the reading order of the page's text layer.

A box with a ground code printed inside it (white on black) or right after it
on the same line ("█ 5.1.2e") is the code's box: the code is already in the
text.  A box with nothing after
it gets a generic marker (``█``) in the text where it stands, so that the
parser finds every redaction.  Text that lies *under* a box is counted: the
box then hides nothing, which a reader and a disclosing officer must know.
"""

from __future__ import annotations

import ctypes
import time

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from inzage.grounds import parse_reference
from inzage.read.boxes import GENERIC_MARKER, PageBox

# A filled rectangle is a redaction box when it is dark or grey (no channel
# lighter than this), at least a few points on each side, and not a page-wide
# background.
MAX_CHANNEL = 215
MIN_SIDE = 4.0
MAX_PAGE_SHARE = 0.5
MAX_TALL = 2.0
# A code belongs to a box when it starts at most this many box heights after it.
CODE_REACH = 2.0
# A box with text-layer characters under it is rendered (at RENDER_SCALE) to
# see whether print shows on it: more than PRINT_SHARE of its pixels farther
# than PRINT_CONTRAST levels from its median.
RENDER_SCALE = 2.0
PRINT_CONTRAST = 40
PRINT_SHARE = 0.01


class PageTooSlowError(Exception):
    """The box pass of one page ran past its time limit (an endless drawing)."""


def boxes_in_text(
    page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, number: int, deadline: float
) -> tuple[str, list[PageBox]]:
    """The page's text with a generic marker where a code-less box stands, and the
    page's boxes in reading order.  Raises :class:`PageTooSlowError` past
    ``deadline`` (a :func:`time.monotonic` time)."""
    text = str(textpage.get_text_range())
    plain, covered = _filled_rectangles(page, deadline)
    printed = {box: code for box in covered if (code := _code_inside(textpage, box))}
    rectangles = plain + list(printed)
    if not rectangles:
        return text, []  # most pages: no character positions needed
    _, page_height = page.get_size()
    chars = [textpage.get_charbox(i) for i in range(len(text))]
    insertions: list[tuple[int, PageBox]] = []
    for left, bottom, right, top in rectangles:
        if time.monotonic() > deadline:
            raise PageTooSlowError
        rectangle = (left, bottom, right, top)
        inside = printed.get(rectangle) or _code_inside(textpage, rectangle)
        under = (
            0
            if inside
            else sum(
                1
                for i, (cl, cb, cr, ct) in enumerate(chars)
                if not text[i].isspace()
                and cl >= left
                and cr <= right
                and cb >= bottom
                and ct <= top
            )
        )
        if under and _shows_print(page, rectangle):
            continue  # a shaded cell or band whose text shows through: no box
        at = _reading_position(chars, text, left, bottom, right, top)
        code = inside or _code_after(text, at, chars, right, top - bottom)
        box = PageBox(
            page=number,
            x=left,
            y=page_height - top,
            width=right - left,
            height=top - bottom,
            code=code,
            hidden_characters=under,
        )
        insertions.append((at, box))
    insertions.sort(key=lambda item: item[0])
    pieces, cursor = [], 0
    for at, box in insertions:
        if box.code is None:
            pieces.append(text[cursor:at])
            pieces.append(GENERIC_MARKER + " ")
            cursor = at
    pieces.append(text[cursor:])
    return "".join(pieces), [box for _, box in insertions]


Rectangle = tuple[float, float, float, float]  # left, bottom, right, top in points


def _filled_rectangles(
    page: pdfium.PdfPage, deadline: float
) -> tuple[list[Rectangle], list[Rectangle]]:
    """Dark or grey filled rectangles: those with no text drawn on top of them,
    and those with text on top.  A redaction box has none (text under it, drawn
    before it, is a leak) or its ground code printed inside; a shaded table cell
    or a heading band carries other visible text over its fill."""
    width, height = page.get_size()
    plain: list[Rectangle] = []
    covered: list[Rectangle] = []
    for obj in page.get_objects(
        filter=[pdfium_raw.FPDF_PAGEOBJ_PATH, pdfium_raw.FPDF_PAGEOBJ_TEXT]
    ):
        if time.monotonic() > deadline:
            raise PageTooSlowError
        bounds = obj.get_bounds()
        if obj.type == pdfium_raw.FPDF_PAGEOBJ_TEXT:
            covered += [box for box in plain if _centre_inside(bounds, box)]
            plain = [box for box in plain if not _centre_inside(bounds, box)]
        elif _is_redaction_fill(obj, width * height):
            plain.append(bounds)
    return plain, list(dict.fromkeys(covered))


def _shows_print(page: pdfium.PdfPage, box: Rectangle) -> bool:
    """Whether text shows on the rendered box: a fill drawn after the text but
    see-through (a blend mode, a soft mask, a table shading) hides nothing, while
    a redaction box over text renders as one flat colour."""
    width, height = page.get_size()
    left, bottom, right, top = box
    crop = (left, bottom, width - right, height - top)
    bitmap = page.render(scale=RENDER_SCALE, crop=crop)
    try:
        gray = np.asarray(bitmap.to_pil().convert("L"), dtype=np.int16)
    finally:
        bitmap.close()
    if gray.size == 0:
        return False
    inner = gray[1:-1, 1:-1] if min(gray.shape) > 2 else gray  # edges blend with the page
    differs = np.abs(inner - int(np.median(inner))) > PRINT_CONTRAST
    return float(differs.mean()) > PRINT_SHARE


def _code_inside(textpage: pdfium.PdfTextPage, box: Rectangle) -> str | None:
    """The (first) ground code printed inside a box, when codes are all it holds."""
    words = str(textpage.get_text_bounded(*box)).split()
    if words and all(parse_reference(word).codes for word in words):
        return words[0]
    return None


def _is_redaction_fill(obj: pdfium.PdfObject, page_area: float) -> bool:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_raw.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
    if not fill.value:
        return False
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    pdfium_raw.FPDFPageObj_GetFillColor(obj.raw, *(ctypes.byref(c) for c in (r, g, b, a)))
    if max(r.value, g.value, b.value) > MAX_CHANNEL or a.value == 0:
        return False
    left, bottom, right, top = obj.get_bounds()
    w, h = right - left, top - bottom
    # A band taller than twice its width is a sidebar or a rule, not a redaction.
    return bool(
        w >= MIN_SIDE
        and h >= MIN_SIDE
        and h <= MAX_TALL * w
        and w * h <= MAX_PAGE_SHARE * page_area
    )


def _centre_inside(inner: Rectangle, outer: Rectangle) -> bool:
    x, y = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] <= x <= outer[2] and outer[1] <= y <= outer[3]


def _reading_position(
    chars: list[tuple[float, float, float, float]],
    text: str,
    left: float,
    bottom: float,
    right: float,
    top: float,
) -> int:
    """Where the box stands in the text: before the first character that is on its
    line to its right, or on a lower line."""
    middle = (bottom + top) / 2
    for i, (cl, cb, cr, ct) in enumerate(chars):
        if text[i] in "\r\n" or (cl == cr and cb == ct):
            continue  # generated characters have no box of their own
        same_line = cb <= middle <= ct
        if (same_line and cl >= right - 1) or ct < bottom:
            while i > 0 and text[i - 1] in "\r\n":
                i -= 1  # a box at the end of its line stays on that line
            return i
    return len(text)


def _code_after(
    text: str, at: int, chars: list[tuple[float, float, float, float]], right: float, height: float
) -> str | None:
    """The ground code printed just after the box on its line, if any."""
    start = at
    while start < len(text) and text[start] == " ":
        start += 1
    if start >= len(text) or chars[start][0] - right > CODE_REACH * height:
        return None
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    word = text[start:end].rstrip(".,;)")
    return word if word and parse_reference(word).codes else None
