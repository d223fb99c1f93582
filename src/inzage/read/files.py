"""Choosing a reader by file type."""

from __future__ import annotations

from pathlib import Path

from inzage.read.ocr import OcrMode
from inzage.read.pdf import DEFAULT_MAX_PAGES, read_pdf
from inzage.read.text import DEFAULT_MAX_BYTES, RawText, read_text_file


def read_file(
    path: Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = DEFAULT_MAX_PAGES,
    ocr: OcrMode = "auto",
) -> RawText:
    """Read any supported file; raises :class:`~inzage.errors.InputError` when it cannot."""
    if path.suffix.lower() == ".pdf":
        return read_pdf(path, max_bytes, max_pages, ocr)
    return read_text_file(path, max_bytes)
