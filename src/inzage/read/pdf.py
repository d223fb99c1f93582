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
import re
import time
import zlib
from collections.abc import Iterable, Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from inzage.errors import CorruptInputError, EncryptedInputError, TooLargeError
from inzage.read.boxes import PageBox
from inzage.read.ocr import DPI, OcrUnavailableError, PageLayers
from inzage.read.options import DEFAULT_READ, ReadOptions
from inzage.read.pdf_boxes import PageTooSlowError, boxes_in_text
from inzage.read.scan_boxes import read_scan
from inzage.read.text import OutlineEntry, RawText, normalise

PAGE_BREAK = "\n\f\n"
# Document information that says where a file came from; kept as metadata.
_METADATA = ("Title", "Author", "Subject", "Creator", "Producer", "CreationDate", "ModDate")
_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
_CHUNK = 1 << 20
_MAX_DEFLATE_RATIO = 1_100  # deflate's own limit is about 1,032 to 1
_DICTIONARY = 600  # bytes before a stream searched for its filters
# A page rendered for OCR has at most this many pixels (A3 at 300 dpi has 17.4
# million; a PDF page can be 200 inches square).
MAX_RENDER_PIXELS = 40_000_000
A4 = (595.0, 842.0)  # points: the size given to a page that cannot be read
# Bookmarks read at most: a damaged or hostile outline can be endless.
MAX_OUTLINE = 10_000
MAX_TITLE = 300  # characters of a bookmark's title kept
_OUTLINE_DEPTH = 8


def pdf_from_bytes(
    data: bytes, name: str = "<bytes>", options: ReadOptions = DEFAULT_READ
) -> RawText:
    """The text of a PDF, its pages joined by :data:`PAGE_BREAK`: each page's
    text layer; with ``options.ocr`` "auto" a page without a usable one is
    read by OCR instead, with ``"always"`` every page, with ``"never"`` none."""
    _refuse_bombs(data, name, options.max_inflated)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedInputError(name) from None
        raise CorruptInputError(name, f"not a readable PDF ({_why(exc)})") from None
    try:
        count = len(pdf)
        options.check_pages(name, count)
        texts: list[str] = []
        ocr_pages = 0
        warnings: list[str] = []
        boxes: list[PageBox] = []
        sizes: list[tuple[float, float]] = []
        outline = _outline(pdf, count)
        for index in range(count):
            try:
                sizes.append(pdf.get_page_size(index))
                layers, drawn = _page_text(pdf, index, options.page_seconds, warnings)
            except pdfium.PdfiumError:
                # A page tree that names a page it does not hold: the rest is read.
                warnings.append(f"page {index + 1}: damaged, not read")
                sizes[index:] = [sizes[-1] if sizes else A4]
                texts.append("")
                continue
            text, ocr = layers.text, options.ocr
            if ocr == "never" and layers.thin_text_over_image:
                warnings.append(
                    f"page {index + 1}: an image covers {layers.image_share:.0%} of the page "
                    f"but its text layer only {layers.text_share:.0%}; read it with --ocr auto"
                )
            if ocr == "always" or (ocr == "auto" and layers.needs_ocr()):
                try:
                    text, drawn = _page_ocr(pdf, index, options.page_seconds)
                    ocr_pages += 1
                except OcrUnavailableError as exc:
                    if not any(w.startswith("OCR unavailable") for w in warnings):
                        warnings.append(f"OCR unavailable: {exc}")
                    if not drawn:  # a scan's boxes are in its pixels, found without OCR
                        marks, drawn = _page_ocr(pdf, index, options.page_seconds, ocr=False)
                        text = "\n".join(part for part in (text, marks) if part)
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


def _refuse_bombs(data: bytes, name: str, limit: int) -> None:
    """Refuse a PDF with a Flate stream that inflates past ``limit`` bytes: PDFium
    would inflate it whole, and take several times as much memory to parse it.
    Deflate grows at most about a thousandfold, so only streams long enough to
    pass the limit, or filtered by Flate twice, are inflated (counting, not
    keeping, the output)."""
    for found in _STREAM_START.finditer(data):
        end = data.find(b"endstream", found.end())
        length = (end if end >= 0 else len(data)) - found.end()
        layers = data[max(0, found.start() - _DICTIONARY) : found.start()].count(b"FlateDecode")
        if layers == 0 or (layers == 1 and length * _MAX_DEFLATE_RATIO <= limit):
            continue
        try:
            inflated = _inflated_size(data[found.end() : found.end() + length], layers, limit)
        except zlib.error:
            continue  # damaged: PDFium will say so, or read what it can
        if inflated > limit:
            raise TooLargeError(
                name,
                f"a compressed stream inflates past {limit / 1_000_000:,.0f} MB "
                "(a decompression bomb?)",
            )


def _inflated_size(stream: bytes, layers: int, limit: int) -> int:
    """How large ``stream`` inflates through ``layers`` Flate filters, counted up
    to just past ``limit``, in bounded memory."""
    pieces: Iterable[bytes] = (stream[i : i + _CHUNK] for i in range(0, len(stream), _CHUNK))
    for _ in range(layers):
        pieces = _inflate(pieces)
    inflated = 0
    for piece in pieces:
        inflated += len(piece)
        if inflated > limit:
            break
    return inflated


def _inflate(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """One Flate layer over a stream given in pieces, yielding at most
    :data:`_CHUNK` bytes at a time; stops at the end of the compressed data."""
    inflater = zlib.decompressobj()
    for piece in pieces:
        pending = piece
        while pending and not inflater.eof:
            yield inflater.decompress(pending, _CHUNK)
            pending = inflater.unconsumed_tail
        if inflater.eof:
            return


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
        title = " ".join(bookmark.get_title().split())[:MAX_TITLE]
        entries.append(OutlineEntry(level=bookmark.level, page=index + 1, title=title))
    return entries


def _page_text(
    pdf: pdfium.PdfDocument, index: int, seconds: float, warnings: list[str]
) -> tuple[PageLayers, list[PageBox]]:
    """A page's text layer (with a marker where a code-less redaction box stands),
    how much of the page its images and its text cover (only a page with an
    image can have text that OCR finds), and its redaction boxes.  A page whose
    box search takes longer than ``seconds`` keeps its text without boxes."""
    page = pdf[index]
    try:
        width, height = page.get_size()
        area = max(width * height, 1.0)
        images = page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=2)
        image_share = _covered(width, height, (image.get_bounds() for image in images)) / area
        textpage = page.get_textpage()
        try:
            text_share = 0.0
            if image_share:  # only a page with an image is weighed against its text
                lines = (textpage.get_rect(i) for i in range(textpage.count_rects()))
                text_share = _covered(width, height, lines) / area
            try:
                text, boxes = boxes_in_text(page, textpage, index + 1, time.monotonic() + seconds)
            except PageTooSlowError:
                warnings.append(
                    f"page {index + 1}: redaction boxes not searched (the page's drawing took "
                    f"longer than {seconds:g} s)"
                )
                text, boxes = str(textpage.get_text_range()), []
        finally:
            textpage.close()
        return PageLayers(text, min(image_share, 1.0), min(text_share, 1.0)), boxes
    finally:
        page.close()


def _covered(
    width: float, height: float, rectangles: Iterable[tuple[float, float, float, float]]
) -> float:
    """The summed area of ``rectangles`` (left, bottom, right, top), each clipped
    to the page (overlaps count twice: the shares are capped at 1)."""
    total = 0.0
    for left, bottom, right, top in rectangles:
        clipped_width = min(right, width) - max(left, 0.0)
        clipped_height = min(top, height) - max(bottom, 0.0)
        if clipped_width > 0 and clipped_height > 0:
            total += clipped_width * clipped_height
    return total


def _page_ocr(
    pdf: pdfium.PdfDocument, index: int, seconds: float, ocr: bool = True
) -> tuple[str, list[PageBox]]:
    """A page read as a picture: its OCR text with the redaction boxes in the
    picture (and those drawn in vector graphics, which render the same), in
    points like the text layer's; without ``ocr``, the boxes alone (a generic
    marker each)."""
    page = pdf[index]
    try:
        scale = render_scale(*page.get_size())
        bitmap = page.render(scale=scale)
        try:
            return read_scan(
                bitmap.to_pil(), index + 1, seconds, scale=1 / scale, unit="pt", ocr=ocr
            )
        finally:
            bitmap.close()
    finally:
        page.close()


def render_scale(width: float, height: float) -> float:
    """Pixels per point to render a page for OCR: :data:`DPI`, or less for a page
    so large (a poster, or a hostile page size) that it would pass
    :data:`MAX_RENDER_PIXELS`."""
    scale = DPI / 72
    pixels = width * height * scale * scale
    return scale if pixels <= MAX_RENDER_PIXELS else scale * (MAX_RENDER_PIXELS / pixels) ** 0.5


def _why(exc: pdfium.PdfiumError) -> str:
    """PDFium's own words, without the library's prefix: "Data format error"."""
    text = str(exc)
    return text.split("PDFium: ", 1)[1].rstrip(").") if "PDFium: " in text else text
