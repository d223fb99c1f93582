"""PDF files: the text layer, page by page.

PDFium (through pypdfium2: Apache-2.0/BSD, the engine Chrome uses) reads the
text layer fast and copes with damaged files better than pure-Python readers.
Pages are read one at a time and closed, so memory follows the page, not the
file.  Pages are joined with a form feed on a line of its own
(:data:`PAGE_BREAK`): it survives normalisation and running-header removal,
so page numbers can be counted in the reading text.
"""

from __future__ import annotations

import hashlib

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from inzage.errors import CorruptInputError, EncryptedInputError, TooLargeError
from inzage.read.ocr import DPI, OcrMode, OcrUnavailableError, ocr_image, usable_text_layer
from inzage.read.pdf_boxes import PageBox, boxes_in_text
from inzage.read.text import OutlineEntry, RawText, normalise

PAGE_BREAK = "\n\f\n"
DEFAULT_MAX_PAGES = 5_000
# Document information that says where a file came from; kept as metadata.
_METADATA = ("Title", "Author", "Subject", "Creator", "Producer", "CreationDate", "ModDate")
# Bookmarks read at most: a damaged or hostile outline can be endless.
MAX_OUTLINE = 10_000
_OUTLINE_DEPTH = 8


def pdf_from_bytes(
    data: bytes,
    name: str = "<bytes>",
    max_pages: int = DEFAULT_MAX_PAGES,
    ocr: OcrMode = "auto",
) -> RawText:
    """The text of a PDF, its pages joined by :data:`PAGE_BREAK`: each page's
    text layer; with ``ocr="auto"`` a page without a usable one is
    read by OCR instead, with ``"always"`` every page, with ``"never"`` none."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedInputError(name) from None
        raise CorruptInputError(name, f"not a readable PDF ({_why(exc)})") from None
    try:
        count = len(pdf)
        if count > max_pages:
            raise TooLargeError(name, f"too many pages ({count:,}; the limit is {max_pages:,})")
        texts: list[str] = []
        ocr_pages = 0
        warnings: list[str] = []
        boxes: list[PageBox] = []
        sizes = [pdf.get_page_size(index) for index in range(count)]
        outline = _outline(pdf, count)
        for index in range(count):
            text, pictured, drawn = _page_text(pdf, index)
            if ocr == "always" or (ocr == "auto" and pictured and not usable_text_layer(text)):
                try:
                    text = _page_ocr(pdf, index)
                    ocr_pages += 1
                    drawn = []
                except OcrUnavailableError as exc:
                    if not any(w.startswith("OCR unavailable") for w in warnings):
                        warnings.append(f"OCR unavailable: {exc}")
                except RuntimeError:
                    warnings.append(f"page {index + 1}: OCR took too long; its text layer is kept")
            texts.append(text)
            boxes.extend(drawn)
            hidden = sum(box.hidden_characters for box in drawn)
            if hidden:
                warnings.append(
                    f"page {index + 1}: {hidden} characters of the text layer lie under "
                    "redaction boxes (they are not redacted)"
                )
        metadata = {
            key.lower(): value
            for key, value in pdf.get_metadata_dict(skip_empty=True).items()
            if key in _METADATA
        }
    finally:
        pdf.close()
    if not any(t.strip() for t in texts):
        warnings.append("no text on any page (a scan without OCR?)")
    return RawText(
        text=join_pages(texts),
        sha256=hashlib.sha256(data).hexdigest(),
        format="pdf",
        encoding=None,
        metadata={"pdf": metadata} if metadata else {},
        warnings=warnings,
        pages=count,
        ocr_pages=ocr_pages,
        boxes=boxes,
        outline=outline,
        page_sizes=sizes,
    )


def join_pages(texts: list[str]) -> str:
    """Pages' texts as one reading text: each normalised, joined by
    :data:`PAGE_BREAK` (a form feed inside a page would count as a break)."""
    return PAGE_BREAK.join(normalise(t.replace("\f", " ")) for t in texts)


def _outline(pdf: pdfium.PdfDocument, count: int) -> list[OutlineEntry]:
    """The bookmarks that open a page of this file, in outline order."""
    entries: list[OutlineEntry] = []
    for bookmark in pdf.get_toc(max_depth=_OUTLINE_DEPTH):
        if len(entries) >= MAX_OUTLINE:
            break
        destination = bookmark.get_dest()
        index = destination.get_index() if destination is not None else None
        if index is None or not 0 <= index < count:
            continue  # a link elsewhere, or to a page that is not there
        title = " ".join(bookmark.get_title().split())
        entries.append(OutlineEntry(level=bookmark.level, page=index + 1, title=title))
    return entries


def _page_text(pdf: pdfium.PdfDocument, index: int) -> tuple[str, bool, list[PageBox]]:
    """A page's text layer (with a marker where a code-less redaction box stands),
    whether the page holds an image (a scan, or a picture of text: only such a
    page can have text that OCR finds), and its redaction boxes."""
    page = pdf[index]
    try:
        pictured = next(page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE]), None)
        textpage = page.get_textpage()
        try:
            text, boxes = boxes_in_text(page, textpage, index + 1)
            return text, pictured is not None, boxes
        finally:
            textpage.close()
    finally:
        page.close()


def _page_ocr(pdf: pdfium.PdfDocument, index: int) -> str:
    page = pdf[index]
    try:
        bitmap = page.render(scale=DPI / 72)
        try:
            return ocr_image(bitmap.to_pil())
        finally:
            bitmap.close()
    finally:
        page.close()


def _why(exc: pdfium.PdfiumError) -> str:
    """PDFium's own words, without the library's prefix: "Data format error"."""
    text = str(exc)
    return text.split("PDFium: ", 1)[1].rstrip(").") if "PDFium: " in text else text
