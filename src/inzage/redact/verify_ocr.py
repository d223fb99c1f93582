"""Verification by OCR: around boxes burnt into scans, and of whole pages
whose print the text layer may not tell."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from inzage.model import VerifyFinding
from inzage.redact.matching import Needle
from inzage.redact.pdf_boxes import TaggedBox
from inzage.redact.pdf_locate import page_chars, rendered_pages
from inzage.redact.verify_found import found

# A word's worth of characters that map to no Unicode (a font without
# /ToUnicode: PDFium gives the raw codes); a symbol font's lone bullets do not count.
UNMAPPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd\ue000-\uf8ff]{4,}")


def pictured_pages(data: bytes) -> list[int]:
    """The pages whose print the text layer may not tell: an image with text
    over it (a scan and its OCR layer, which may not fit the pixels).  What
    they show is read by OCR.  A logo or a photo with no text over it does
    not count."""
    import numpy as np
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pages: list[int] = []
    document = pdfium.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                images = [
                    image.get_bounds()
                    for image in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=3)
                ]
                centres = page_chars(page, ocr=False).centres if images else None
            finally:
                page.close()
            if centres is not None and any(
                bool(
                    np.any(
                        (centres[:, 0] >= left)
                        & (centres[:, 0] <= right)
                        & (centres[:, 1] >= bottom)
                        & (centres[:, 1] <= top)
                    )
                )
                for left, bottom, right, top in images
            ):
                pages.append(index + 1)
    finally:
        document.close()
    return pages


def ocr_page_findings(
    data: bytes, pages: list[int], needles: list[Needle]
) -> Iterator[VerifyFinding]:
    """OCR of whole pages."""
    for number, upright in rendered_pages(data, pages):
        text = _ocr_text(upright.image)
        if text is None:
            yield _no_ocr(number)
            return
        yield from found("ocr", text, needles, number)


def ocr_around_boxes(
    data: bytes, boxes: list[TaggedBox], needles: list[Needle], pages: set[int], every: bool
) -> Iterator[VerifyFinding]:
    """OCR of each box with a margin of its height around it, where asked."""
    numbers = sorted({b.page for b in boxes if every or b.page in pages})
    for number, upright in rendered_pages(data, numbers):
        width, height = upright.image.size
        for box in boxes:
            if box.page != number:
                continue
            left, bottom, right, top = box.rect
            margin = top - bottom
            x0, y0, x1, y1 = upright.to_pixels(
                (left - margin, bottom - margin, right + margin, top + margin)
            )
            text = _ocr_text(
                upright.image.crop((max(0, x0), max(0, y0), min(width, x1), min(height, y1)))
            )
            if text is None:
                yield _no_ocr(number)
                return
            yield from found("ocr", text, needles, number)


def _ocr_text(image: Any) -> str | None:
    """What OCR reads in the image; ``None`` when OCR cannot be run."""
    from inzage.read.ocr import OcrUnavailableError, ocr_words, words_text

    try:
        return words_text(ocr_words(image))
    except (OcrUnavailableError, RuntimeError):
        return None


def _no_ocr(page: int) -> VerifyFinding:
    return VerifyFinding(check="unchecked", page=page, reason="OCR is not available or failed")
