"""OCR for pages without a usable text layer: Tesseract with the Dutch model.

Why pytesseract rather than ocrmypdf: ocrmypdf's job is to write a new PDF with
a text layer, with its own page rendering and optimisation passes; inzage only
needs each page's text, and already renders pages with PDFium.  pytesseract is
a thin wrapper that runs the ``tesseract`` program on one image, with a time
limit, so a page costs what Tesseract costs and no more.

Results are cached by the hash of the rendered page image (and the language
and Tesseract version), so a second ingest of the same scans, or a page that
recurs across files, is not read again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image

from inzage.read.options import DEFAULT_PAGE_SECONDS

LANGUAGE = "nld"
DPI = 300

# A text layer is usable when it holds enough letters and little that is not
# text: scanners that "add OCR" badly leave runs of replacement characters,
# private-use glyphs or (cid:NN) codes instead of words.
_MIN_LETTERS = 20
_MIN_WORDLIKE = 0.6
_JUNK = re.compile(r"[\ufffd\ue000-\uf8ff]|\(cid:\d+\)")
_WORD = re.compile(r"[^\W\d_]{2,}")


class OcrUnavailableError(RuntimeError):
    """Tesseract or its Dutch model is not installed."""


def usable_text_layer(text: str) -> bool:
    """Whether a page's text layer can be read as it is (no OCR needed)."""
    visible = "".join(text.split())
    if sum(c.isalpha() for c in visible) < _MIN_LETTERS:
        return False
    if len(_JUNK.findall(text)) > 0.05 * len(visible):
        return False
    in_words = sum(len(w) for w in _WORD.findall(text))
    return in_words >= _MIN_WORDLIKE * sum(c.isalpha() for c in visible)


# A page image covering at least this share of the page, with text-layer lines
# covering less than TEXT_PER_IMAGE of the image's area, is a scan whose text
# layer is only a title, a stamp or a file name: the page is read by OCR.
SCAN_IMAGE_SHARE = 0.5
TEXT_PER_IMAGE = 0.05


@dataclass(frozen=True)
class PageLayers:
    """What a PDF page holds: its text layer and how much of the page its
    images and its text-layer lines cover (shares of the page's area, 0 to 1)."""

    text: str
    image_share: float
    text_share: float

    @property
    def thin_text_over_image(self) -> bool:
        """A page image that carries far more than the text layer on it."""
        return (
            self.image_share >= SCAN_IMAGE_SHARE
            and self.text_share < TEXT_PER_IMAGE * self.image_share
        )

    def needs_ocr(self) -> bool:
        """Whether ``--ocr auto`` reads this page by OCR: it has an image, and
        its text layer is unusable or covers little of what the image covers."""
        if self.image_share == 0:
            return False
        return not usable_text_layer(self.text) or self.thin_text_over_image


@cache
def tesseract_version() -> str:
    """The installed Tesseract's version; raises :class:`OcrUnavailableError` without it
    or without the Dutch model."""
    import pytesseract

    if shutil.which("tesseract") is None:
        raise OcrUnavailableError("tesseract is not installed (apt-get install tesseract-ocr-nld)")
    if LANGUAGE not in pytesseract.get_languages(config=""):
        raise OcrUnavailableError(
            "Tesseract's Dutch model is missing (apt-get install tesseract-ocr-nld)"
        )
    return str(pytesseract.get_tesseract_version())


def cache_folder() -> Path:
    """Where OCR results are kept: ``$INZAGE_CACHE/ocr`` or ``~/.cache/inzage/ocr``."""
    base = os.environ.get("INZAGE_CACHE") or Path.home() / ".cache" / "inzage"
    return Path(base) / "ocr"


@dataclass(frozen=True)
class OcrWord:
    """A word Tesseract read, with its place in pixels of the page image."""

    text: str
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, int, int]  # block, paragraph and line numbers: the reading order


def ocr_words(image: Image.Image, seconds: float = DEFAULT_PAGE_SECONDS) -> list[OcrWord]:
    """The words Tesseract reads in one page image, in reading order (cached by
    the image's hash).  Raises :class:`OcrUnavailableError`, or ``RuntimeError``
    when the page takes longer than ``seconds``."""
    import pytesseract

    def read(gray: Image.Image) -> list[dict[str, Any]]:
        data = pytesseract.image_to_data(
            gray, lang=LANGUAGE, timeout=seconds, output_type=pytesseract.Output.DICT
        )
        return [
            {
                "text": text.strip(),
                "left": int(data["left"][i]),
                "top": int(data["top"][i]),
                "width": int(data["width"][i]),
                "height": int(data["height"][i]),
                "line": [data["block_num"][i], data["par_num"][i], data["line_num"][i]],
            }
            for i, text in enumerate(data["text"])
            if text and text.strip()
        ]

    words = _cached(image, "words", read)
    return [OcrWord(**{**w, "line": tuple(int(n) for n in w["line"])}) for w in words]


def ocr_line(image: Image.Image, seconds: float = DEFAULT_PAGE_SECONDS) -> str:
    """The one line of text in a small image (the inside of a redaction box), cached."""
    import pytesseract

    def read(gray: Image.Image) -> str:
        return str(
            pytesseract.image_to_string(gray, lang=LANGUAGE, timeout=seconds, config="--psm 7")
        )

    return str(_cached(image, "line", read)).strip()


def _cached(image: Image.Image, kind: str, read: Callable[[Image.Image], Any]) -> Any:
    """What ``read`` gives for the image in gray, kept in the cache by the image's
    hash with the Tesseract version, language and ``kind`` of reading."""
    version = tesseract_version()
    gray = image.convert("L")
    header = f"{version}:{LANGUAGE}:{kind}:{gray.size}".encode()
    key = hashlib.sha256(header + gray.tobytes()).hexdigest()
    cached = cache_folder() / key[:2] / f"{key}.{kind}.json"
    if cached.exists():
        return json.loads(cached.read_text(encoding="utf-8"))
    # Tesseract's OpenMP threads fight each other and inzage's own workers for
    # the cores: one thread per page was five times faster here (2.3 s against
    # 12.6 s on a 2-core machine).  A value the user set is kept.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    # pytesseract hands the image over as a file in the image's own format, PNG
    # when it has none: compressing a page took 0.15 s, writing it as PGM 2 ms.
    gray.format = "PPM"
    result = read(gray)
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(".part")
    partial.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    partial.replace(cached)  # never a half-written cache entry
    return result


def words_text(words: list[OcrWord]) -> str:
    """The page's text: words of a line joined by a space, lines by a newline,
    paragraphs and blocks by an empty line (as Tesseract prints them)."""
    lines: list[str] = []
    previous: tuple[int, int, int] | None = None
    for word in words:
        if previous is not None and word.line == previous:
            lines[-1] += " " + word.text
            continue
        if previous is not None and word.line[:2] != previous[:2]:
            lines.append("")
        lines.append(word.text)
        previous = word.line
    return "\n".join(lines)
