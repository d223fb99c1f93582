"""Redacting a PDF so that nothing redacted can be recovered
(``disclosure.md`` §3), keeping the rest of its text layer:

1. the boxes: every occurrence of each redacted string (text layer or OCR)
   and the boxes of the decisions themselves;
2. per page, the glyphs and image pixels under the boxes are taken out of the
   content (:mod:`inzage.redact.pdf_content`), annotations over a box are
   removed, and the box is drawn with its ground code in it;
3. for the whole file: every string object that holds a redacted string
   (bookmarks, ``/ActualText``, alternative text, form values …) has it
   replaced by the ground code; embedded files, JavaScript, page thumbnails,
   the Info dictionary's fields and all XMP are dropped;
4. the file is written fresh: no earlier revision, no unreferenced object.

pikepdf (MPL-2.0, on qpdf) edits the objects; pypdfium2 (Apache-2.0/BSD)
reads the characters' places."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from inzage.redact.matching import Needle, across_pages, occurrences
from inzage.redact.pdf_boxes import FILLS, Colour, DrawnBox, draw_boxes
from inzage.redact.pdf_content import ContentRedactor, Rect, UnsupportedContentError
from inzage.redact.pdf_locate import PageChars, Placed, line_rects, locate, page_chars
from inzage.redact.pdf_scrub import drop_annotations_over, scrub_document
from inzage.redact.pdf_withhold import withhold_page
from inzage.redact.targets import Decision

PADDING = 0.6  # points around the glyphs taken out


class RedactionError(Exception):
    """The file cannot be redacted here; nothing is written for it."""


@dataclass
class PdfResult:
    data: bytes
    boxes: list[DrawnBox] = field(default_factory=list)
    glyphs: int = 0
    images: int = 0
    annotations: int = 0
    strings: int = 0
    ocr_pages: list[int] = field(default_factory=list)
    withheld: list[int] = field(default_factory=list)
    # the original's characters on each page that got boxes, for verification
    chars: dict[int, PageChars] = field(default_factory=dict, repr=False)


def decision_rects(decision: Decision, page_height: float) -> list[Rect]:
    """A decision's boxes (origin top left) in PDF user space."""
    return [
        (b.x, page_height - b.y - b.height, b.x + b.width, page_height - b.y)
        for b in decision.boxes
    ]


def redact_pdf(
    data: bytes,
    decisions: Sequence[Decision],
    needles: Sequence[Needle],
    *,
    colour: Colour = "black",
    ocr: bool = True,
    withheld: Mapping[int, str] | None = None,
) -> PdfResult:
    """The redacted PDF's bytes and what was done; ``withheld`` maps the numbers
    of pages withheld whole to their ground.  Raises :class:`RedactionError`."""
    import pikepdf
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise RedactionError(f"not a readable PDF ({exc})") from None
    withheld = dict(withheld or {})
    placed: list[Placed] = []
    ocr_pages: list[int] = []
    page_texts: dict[int, PageChars] = {}
    texts: dict[int, str] = {}
    seen: dict[str, list[tuple[int, int, Needle]]] = {}  # a page's text matched once

    def holds_one(text: str) -> bool:
        seen[text] = occurrences(text, needles)
        return bool(seen[text])

    try:
        beyond = sorted(n for n in withheld if not 1 <= n <= len(document))
        if beyond:
            raise RedactionError(
                f"cannot withhold page {beyond[0]}: the file has {len(document)} pages"
            )
        for index in range(len(document)):
            if index + 1 in withheld:
                continue
            page = document[index]
            decided = any(d.page == index + 1 for d in decisions)
            seen.clear()
            try:
                chars = page_chars(page, ocr=ocr, placed_if=None if decided else holds_one)
                if chars.ocr:
                    ocr_pages.append(index + 1)
                before = len(placed)
                placed.extend(locate(chars, index + 1, needles, seen.get(chars.text)))
                height = page.get_height()
                for decision in decisions:
                    if decision.page == index + 1:
                        placed.extend(
                            Placed(index + 1, r, decision.ground)
                            for r in decision_rects(decision, height)
                        )
                if len(placed) > before:
                    page_texts[index + 1] = chars
                texts[index + 1] = chars.text
            finally:
                page.close()
        placed.extend(_across_pages(document, texts, page_texts, needles, ocr))
    finally:
        document.close()
    result = PdfResult(b"", ocr_pages=ocr_pages, withheld=sorted(withheld), chars=page_texts)
    fill, code = FILLS[colour]
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            by_page: dict[int, list[Placed]] = {}
            for box in placed:
                by_page.setdefault(box.page, []).append(box)
            by_page = {number: _one_each(boxes) for number, boxes in by_page.items()}
            for number, ground in sorted(withheld.items()):
                withhold_page(pdf, pdf.pages[number - 1], ground)
            for number, page in enumerate(pdf.pages, 1):
                if number not in by_page and number not in withheld and _has_marked_text(page):
                    ContentRedactor(pdf, [], needles).redact_page(page)
            burnt: dict[tuple[int, int], Any] = {}
            for number, boxes in sorted(by_page.items()):
                page = pdf.pages[number - 1]
                redactor = ContentRedactor(pdf, [b.rect for b in boxes], needles)
                edit = redactor.redact_page(page)
                burnt.update(edit.burnt)
                result.glyphs += edit.glyphs
                result.images += edit.images
                result.annotations += drop_annotations_over(page, [b.rect for b in boxes])
                drawn = [
                    DrawnBox(number, _padded(_union(b.rect, edit.extents.get(i))), b.ground)
                    for i, b in enumerate(boxes)
                ]
                draw_boxes(pdf, page, drawn, fill, code)
                result.boxes.extend(drawn)
            _burnt_everywhere(pdf, burnt)
            result.strings = scrub_document(pdf, list(needles))
            buffer = io.BytesIO()
            # A new /ID: qpdf would keep the original's first half, which some
            # tools fill with the author's or the file's name.
            pdf.save(
                buffer,
                compress_streams=True,
                object_stream_mode=pikepdf.ObjectStreamMode.generate,
                deterministic_id=True,
            )
    except UnsupportedContentError as exc:
        raise RedactionError(f"cannot redact: {exc}") from None
    except pikepdf.PdfError as exc:
        raise RedactionError(f"not a readable PDF ({exc})") from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
        # An object of the wrong type where PDFium and qpdf let it pass (a
        # null among the annotations, a name for a number): refused whole.
        raise RedactionError(f"cannot redact: a damaged object ({type(exc).__name__})") from None
    result.data = buffer.getvalue()
    return result


def _across_pages(
    document: Any,
    texts: dict[int, str],
    page_texts: dict[int, PageChars],
    needles: Sequence[Needle],
    ocr: bool,
) -> list[Placed]:
    """Boxes for the strings broken over the end of one page and the start of
    the next (a page break in a hard-wrapped mail, a name at the foot of a
    page): each page gets the boxes of its part.  ``page_texts`` gains the
    characters of the pages that get boxes."""
    placed: list[Placed] = []
    for number in sorted(texts):
        if number + 1 not in texts:
            continue  # the last page, or the next one withheld whole
        for start, end, needle in across_pages(texts[number], texts[number + 1], needles):
            for page_number, part in ((number, slice(start, None)), (number + 1, slice(0, end))):
                chars = page_texts.get(page_number)
                if chars is None or not chars.boxes:
                    page = document[page_number - 1]
                    try:
                        chars = page_chars(page, ocr=ocr)
                    finally:
                        page.close()
                    page_texts[page_number] = chars
                placed.extend(
                    Placed(page_number, rect, needle.ground)
                    for rect in line_rects(chars.boxes[part])
                )
    return placed


def _has_marked_text(page: Any) -> bool:
    """Whether the page's content holds marked-content text (``/ActualText``,
    ``/Alt``, ``/E``) that may repeat a redacted string."""
    import pikepdf

    contents = page.obj.get("/Contents")
    if contents is None:
        return False
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    return any(key in s.read_bytes() for s in streams for key in (b"/ActualText", b"/Alt", b"/E"))


def _burnt_everywhere(pdf: Any, burnt: dict[tuple[int, int], Any]) -> None:
    """Every other page and form that draws an image burnt on some page draws
    the burnt copy: the name is in the picture, wherever it is shown."""
    import pikepdf

    if not burnt:
        return
    for obj in list(pdf.objects):
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        for holder in (obj, obj.get("/Resources")):
            xobjects = holder.get("/XObject") if isinstance(holder, pikepdf.Dictionary) else None
            if not isinstance(xobjects, pikepdf.Dictionary):
                continue
            for name, value in list(xobjects.items()):
                if isinstance(value, pikepdf.Stream) and value.objgen in burnt:
                    xobjects[name] = burnt[value.objgen]


def _one_each(boxes: list[Placed]) -> list[Placed]:
    """One box where a decision's own box and the box of its text found on the
    page cover the same place (most of the smaller one): their union."""
    kept: list[Placed] = []
    for box in boxes:
        for index, other in enumerate(kept):
            if _mostly_same(box.rect, other.rect):
                kept[index] = Placed(other.page, _union(other.rect, box.rect), other.ground)
                break
        else:
            kept.append(box)
    return kept


def _mostly_same(a: Rect, b: Rect) -> bool:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return False
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return width * height >= 0.6 * smaller


def _union(rect: Rect, other: Rect | None) -> Rect:
    if other is None:
        return rect
    return (
        min(rect[0], other[0]),
        min(rect[1], other[1]),
        max(rect[2], other[2]),
        max(rect[3], other[3]),
    )


def _padded(rect: Rect) -> Rect:
    return rect[0] - PADDING, rect[1] - PADDING, rect[2] + PADDING, rect[3] + PADDING
