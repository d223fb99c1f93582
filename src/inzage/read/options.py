"""How files are read: when OCR runs, and the limits that keep one broken or
hostile file from costing the machine (it costs a warning or an error for that
file; the batch goes on)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from inzage.errors import TooLargeError

OcrMode = Literal["never", "auto", "always"]
DEFAULT_MAX_BYTES = 64_000_000  # "64 MB": sizes are told in megabytes of 10^6 bytes
DEFAULT_PAGE_SECONDS = 120.0

# A page count past this is refused before any page is read: a PDF's page tree
# can name one page a million times in a few kilobytes.
DEFAULT_MAX_PAGES = 5_000
DEFAULT_MAX_INFLATED = 512_000_000


@dataclass(frozen=True)
class ReadOptions:
    ocr: OcrMode = "auto"
    max_bytes: int = DEFAULT_MAX_BYTES  # a larger file is refused unread
    max_pages: int = DEFAULT_MAX_PAGES  # a PDF or TIFF with more pages is refused
    # A PDF with a compressed stream that inflates past this is refused (a
    # decompression bomb); an A3 page scanned at 600 dpi in colour is ~210 MB.
    max_inflated: int = DEFAULT_MAX_INFLATED
    # Work on one page past this many seconds is given up with a warning (OCR;
    # the redaction-box pass of a page with an endless drawing).
    page_seconds: float = DEFAULT_PAGE_SECONDS

    def check_pages(self, name: str, count: int) -> None:
        """Refuse a file of more than :attr:`max_pages` pages, before any is read."""
        if count > self.max_pages:
            raise TooLargeError(
                name, f"too many pages ({count:,}; the limit is {self.max_pages:,})"
            )


DEFAULT_READ = ReadOptions()
