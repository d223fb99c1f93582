"""Choosing a reader by file type."""

from __future__ import annotations

from pathlib import Path

from inzage.read.html import read_html
from inzage.read.image import read_image
from inzage.read.mail import read_eml, read_msg
from inzage.read.ocr import OcrMode
from inzage.read.office import read_docx
from inzage.read.pdf import DEFAULT_MAX_PAGES, read_pdf
from inzage.read.text import DEFAULT_MAX_BYTES, RawText, read_text_file

IMAGES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})


def read_file(
    path: Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = DEFAULT_MAX_PAGES,
    ocr: OcrMode = "auto",
) -> RawText:
    """Read any supported file; raises :class:`~inzage.errors.InputError` when it cannot."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return read_pdf(path, max_bytes, max_pages, ocr)
    if suffix in IMAGES:
        return read_image(path, max_bytes, max_pages, ocr)
    if suffix == ".eml":
        return read_eml(path, max_bytes)
    if suffix == ".msg":
        return read_msg(path, max_bytes)
    if suffix == ".docx":
        return read_docx(path, max_bytes)
    if suffix in (".html", ".htm"):
        return read_html(path, max_bytes)
    return read_text_file(path, max_bytes)
