"""Where a redacted string stands on a PDF's pages: in the text layer
(PDFium's characters and their boxes), or on a page that is only a picture
in the words OCR reads.  Every occurrence of every needle becomes boxes, one
per line of text it covers, in PDF user space (origin bottom left)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from inzage.read.ocr import ocr_words, usable_text_layer
from inzage.read.pdf import render_scale
from inzage.redact.matching import Needle, occurrences

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class Placed:
    """A box to draw: page (from 1), rectangle, ground."""

    page: int
    rect: Rect
    ground: str


@dataclass(frozen=True)
class PageChars:
    """A page's text, one character per entry, with each character's box
    (``None`` for one without ink: a space, a line break PDFium added)."""

    text: str
    boxes: tuple[Rect | None, ...]
    ocr: bool = False

    @cached_property
    def centres(self) -> Any:
        """Each character's centre as a row of a NumPy array (NaN without ink)."""
        import numpy as np

        return np.array(
            [
                ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) if b is not None else (np.nan, np.nan)
                for b in self.boxes
            ],
            dtype=float,
        ).reshape(-1, 2)


@dataclass(frozen=True)
class Upright:
    """A page rendered in its own user space (its ``/Rotate`` undone), and the
    way between the picture's pixels and the page's points."""

    image: Any  # a PIL image
    scale: float  # pixels per point
    left: float  # the crop box's left and top, in points
    top: float

    def to_page(self, x: float, y: float) -> tuple[float, float]:
        return self.left + x / self.scale, self.top - y / self.scale

    def to_pixels(self, rect: Rect) -> tuple[int, int, int, int]:
        """A rectangle in points as pixel bounds: left, upper, right, lower."""
        left, bottom, right, top = rect
        return (
            int((left - self.left) * self.scale),
            int((self.top - top) * self.scale),
            int((right - self.left) * self.scale),
            int((self.top - bottom) * self.scale),
        )


def render_upright(page: Any, scale: float | None = None, *, pixels: bool = False) -> Upright:
    """Render a pypdfium2 page with its rotation undone, so that pixels map to
    user space (where characters, boxes and images are placed) by a shift
    and a scale; at OCR resolution unless ``scale`` is given.  The image is a
    PIL image, or with ``pixels`` a NumPy array (rows, columns, BGR)."""
    left, bottom, right, top = page.get_cropbox()
    scale = scale if scale is not None else render_scale(right - left, top - bottom)
    bitmap = page.render(scale=scale, rotation=(360 - page.get_rotation()) % 360)
    try:
        image = bitmap.to_numpy().copy() if pixels else bitmap.to_pil()
    finally:
        bitmap.close()
    return Upright(image, scale, left, top)


def rendered_pages(data: bytes, numbers: Iterable[int]) -> Iterator[tuple[int, Upright]]:
    """The pages of a PDF, rendered upright at OCR resolution, one at a time."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        for number in numbers:
            page = document[number - 1]
            try:
                upright = render_upright(page)
            finally:
                page.close()
            yield number, upright
    finally:
        document.close()


def page_chars(
    page: Any, *, ocr: bool = True, placed_if: Callable[[str], bool] | None = None
) -> PageChars:
    """The characters of a pypdfium2 page; a page with an image and no usable
    text layer is read by OCR when ``ocr`` (words split into equal parts).
    With ``placed_if``, the characters' boxes are only read when it holds for
    the page's text (else ``boxes`` is empty: most pages hold nothing to redact)."""
    import ctypes

    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count else ""
        if len(text) != count:  # the text and the characters must line up one to one
            text = "".join(
                chr(raw.FPDFText_GetUnicode(textpage, i) or 0xFFFD) for i in range(count)
            )
        usable = usable_text_layer(text)
        if usable and placed_if is not None and not placed_if(text):
            return PageChars(text, ())
        # PDFium's own call with the out-values made once: the Python wrapper
        # makes them anew for each of a page's thousands of characters.
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        refs = [ctypes.byref(v) for v in (left, right, bottom, top)]
        get_box, handle = raw.FPDFText_GetCharBox, textpage.raw
        boxes: list[Rect | None] = []
        for i, char in enumerate(text):
            get_box(handle, i, *refs)
            ink = right.value > left.value and top.value - bottom.value >= 0.5
            boxes.append(
                (left.value, bottom.value, right.value, top.value)
                if ink and not char.isspace()
                else None
            )
    finally:
        textpage.close()
    if ocr and not usable and _has_image(page):
        return _ocr_chars(page)
    return PageChars(text, tuple(boxes))


def _has_image(page: Any) -> bool:
    import pypdfium2.raw as raw

    return any(True for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def _ocr_chars(page: Any) -> PageChars:
    upright = render_upright(page)
    words = ocr_words(upright.image)
    text: list[str] = []
    boxes: list[Rect | None] = []
    line = None
    for word in words:
        if text:
            text.append("\n" if word.line != line else " ")
            boxes.append(None)
        line = word.line
        step = word.width / max(len(word.text), 1)
        for i, char in enumerate(word.text):
            left, top = upright.to_page(word.left + i * step, word.top)
            right, bottom = upright.to_page(word.left + (i + 1) * step, word.top + word.height)
            text.append(char)
            boxes.append((left, bottom, right, top))
    return PageChars("".join(text), tuple(boxes), ocr=True)


def line_rects(boxes: Sequence[Rect | None]) -> list[Rect]:
    """Character boxes joined into one rectangle per line (a line is where
    boxes overlap vertically by half the lower one's height).  A flat box
    (PDFium's tight box of ``_``, ``-`` or ``.`` is a thin bar) beside the line
    belongs to it even though it lies below or within it without that overlap."""
    lines: list[list[float]] = []
    for box in boxes:
        if box is None:
            continue
        left, bottom, right, top = box
        if lines:
            last = lines[-1]
            low, high = sorted((top - bottom, last[3] - last[1]))
            overlap = min(top, last[3]) - max(bottom, last[1])
            flat = low < 0.35 * high and overlap > -0.5 * high and left <= last[2] + high
            if left >= last[0] - 1 and (overlap > 0.5 * low or flat):
                last[0], last[1] = min(last[0], left), min(last[1], bottom)
                last[2], last[3] = max(last[2], right), max(last[3], top)
                continue
        lines.append([left, bottom, right, top])
    return [(a, b, c, d) for a, b, c, d in lines]


def locate(
    chars: PageChars,
    page: int,
    needles: Sequence[Needle],
    found: Sequence[tuple[int, int, Needle]] | None = None,
) -> list[Placed]:
    """Boxes for every occurrence of the needles on one page (``found``: the
    occurrences in ``chars.text``, where the caller has matched them already)."""
    placed: list[Placed] = []
    if found is None:
        found = occurrences(chars.text, list(needles))
    for start, end, needle in found:
        placed.extend(
            Placed(page, rect, needle.ground) for rect in line_rects(chars.boxes[start:end])
        )
    return placed


def chars_under(chars: PageChars, rect: Rect) -> str:
    """The characters whose centre lies in ``rect``, in reading order, with a
    space where the text has white space between them."""
    import numpy as np

    centres = chars.centres
    inside = np.flatnonzero(
        (centres[:, 0] >= rect[0])
        & (centres[:, 0] <= rect[2])
        & (centres[:, 1] >= rect[1])
        & (centres[:, 1] <= rect[3])
    )
    picked: list[str] = []
    previous = -1
    for index in inside.tolist():
        if picked and index > previous + 1:
            picked.append(" ")  # something not under the box stands between them
        picked.append(chars.text[index])
        previous = index
    return "".join(picked).strip()
