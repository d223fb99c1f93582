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
from pathlib import Path

import pypdfium2 as pdfium

from inzage.errors import CorruptInputError, EncryptedInputError, TooLargeError
from inzage.read.text import DEFAULT_MAX_BYTES, RawText, normalise, read_bytes

PAGE_BREAK = "\n\f\n"
DEFAULT_MAX_PAGES = 5_000
# Document information that says where a file came from; kept as metadata.
_METADATA = ("Title", "Author", "Subject", "Creator", "Producer", "CreationDate", "ModDate")


def read_pdf(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, max_pages: int = DEFAULT_MAX_PAGES
) -> RawText:
    """The text layer of a PDF, its pages joined by :data:`PAGE_BREAK`."""
    data = read_bytes(path, max_bytes)
    return pdf_from_bytes(data, name=str(path), max_pages=max_pages)


def pdf_from_bytes(
    data: bytes, name: str = "<bytes>", max_pages: int = DEFAULT_MAX_PAGES
) -> RawText:
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
        texts = [_page_text(pdf, index) for index in range(count)]
        metadata = {
            key.lower(): value
            for key, value in pdf.get_metadata_dict(skip_empty=True).items()
            if key in _METADATA
        }
    finally:
        pdf.close()
    warnings = [] if any(t.strip() for t in texts) else ["no text layer (a scan?)"]
    return RawText(
        text=PAGE_BREAK.join(normalise(t.replace("\f", " ")) for t in texts),
        sha256=hashlib.sha256(data).hexdigest(),
        format="pdf",
        encoding=None,
        metadata={"pdf": metadata} if metadata else {},
        warnings=warnings,
        pages=count,
    )


def _page_text(pdf: pdfium.PdfDocument, index: int) -> str:
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            return str(textpage.get_text_range())
        finally:
            textpage.close()
    finally:
        page.close()


def _why(exc: pdfium.PdfiumError) -> str:
    """PDFium's own words, without the library's prefix: "Data format error"."""
    text = str(exc)
    return text.split("PDFium: ", 1)[1].rstrip(").") if "PDFium: " in text else text
