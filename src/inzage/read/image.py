"""Scanned page images (``.png``, ``.jpg``, ``.tif``; a multi-page TIFF is one page
per frame): read by OCR, pages joined like a PDF's."""

from __future__ import annotations

import hashlib
import io

from PIL import Image, ImageSequence, UnidentifiedImageError

from inzage.errors import CorruptInputError
from inzage.read.boxes import PageBox
from inzage.read.ocr import OcrUnavailableError
from inzage.read.options import DEFAULT_READ, ReadOptions
from inzage.read.pdf import join_pages
from inzage.read.scan_boxes import read_scan
from inzage.read.text import RawText

# A decompression bomb is refused by Pillow past this many pixels (A3 at 600 dpi
# is about 70 million).
Image.MAX_IMAGE_PIXELS = 100_000_000


def image_from_bytes(
    data: bytes, name: str = "<bytes>", options: ReadOptions = DEFAULT_READ
) -> RawText:
    try:
        picture = Image.open(io.BytesIO(data))
        frames = getattr(picture, "n_frames", 1)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError) as exc:
        raise CorruptInputError(name, f"not a readable image ({type(exc).__name__})") from None
    options.check_pages(name, frames)
    texts: list[str] = []
    boxes: list[PageBox] = []
    warnings: list[str] = []
    ocr_pages = 0
    ocr = options.ocr != "never"
    if not ocr:
        warnings.append("an image read without OCR has no text")
    for frame in ImageSequence.Iterator(picture):
        page = len(texts) + 1
        if ocr:
            try:
                text, found = read_scan(frame, page, options.page_seconds)
                ocr_pages += 1
            except OcrUnavailableError as exc:
                warnings.append(f"OCR unavailable: {exc}")
                ocr = False
            except RuntimeError:
                warnings.append(f"page {page}: OCR took too long")
                ocr = False
        if not ocr:  # finding the boxes needs no OCR: they get generic markers
            text, found = read_scan(frame, page, ocr=False)
        texts.append(text)
        boxes.extend(found)
    return RawText(
        text=join_pages(texts),
        sha256=hashlib.sha256(data).hexdigest(),
        format="image",
        encoding=None,
        warnings=warnings,
        pages=frames,
        ocr_pages=ocr_pages,
        boxes=boxes,
    )
