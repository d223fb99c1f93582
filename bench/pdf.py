"""PDF benchmarks: text-layer pages per second, and OCR against Tesseract alone.

    .venv/bin/python bench/pdf.py [PAGES]        (default: 400)

1. A synthetic release of text PDFs (the corpus benchmark's bodies, 20 pages a
   file) is ingested with two workers: pages/s of the whole ingest.
2. Twenty scanned pages (images only) are read by inzage's OCR path (render with
   PDFium, Tesseract through pytesseract, cache off) and, for comparison, by
   the ``tesseract`` program alone on the same page images: our overhead.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pypdfium2 as pdfium
from tests.builders import make_pdf, make_scanned_pdf

from corpus import _body, _Words
from inzage.read.options import ReadOptions
from inzage.read.pdf import pdf_from_bytes
from inzage.store import Corpus

LINES_PER_PAGE = 48


def _pages(words: _Words, count: int) -> list[str]:
    pages = []
    for _ in range(count):
        text = _body(words, 30)
        lines = [text[i : i + 90] for i in range(0, len(text), 90)][:LINES_PER_PAGE]
        pages.append("\n".join(lines))
    return pages


def text_layer(pages: int) -> None:
    words = _Words(random.Random(5))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "release"
        folder.mkdir()
        for index in range(pages // 20):
            (folder / f"{index:05d}.pdf").write_bytes(make_pdf(_pages(words, 20)))
        started = time.perf_counter()
        with Corpus(Path(tmp) / "pdf.db", create=True) as corpus:
            progress = corpus.ingest(
                sorted(folder.iterdir()), workers=2, options=ReadOptions(ocr="never")
            )
        seconds = time.perf_counter() - started
    print(
        f"text-layer PDF ingest: {progress.pages:,} pages in {seconds:.1f} s = "
        f"{progress.pages / seconds:,.0f} pages/s (2 workers)"
    )


def ocr(pages: int = 20) -> None:
    if shutil.which("tesseract") is None:
        print("OCR: skipped (tesseract is not installed)")
        return
    words = _Words(random.Random(6))
    scans = [make_scanned_pdf(_pages(words, 1)[0].split("\n")[:30]) for _ in range(pages)]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["INZAGE_CACHE"] = str(Path(tmp) / "cache")  # empty: every page is read
        started = time.perf_counter()
        for scan in scans:
            pdf_from_bytes(scan, options=ReadOptions(ocr="always"))
        ours = time.perf_counter() - started
        images = []
        for index, scan in enumerate(scans):
            path = Path(tmp) / f"{index}.png"
            pdfium.PdfDocument(scan)[0].render(scale=300 / 72).to_pil().convert("L").save(path)
            images.append(path)
        started = time.perf_counter()
        for path in images:
            subprocess.run(
                ["tesseract", str(path), "stdout", "-l", "nld"],
                capture_output=True,
                check=True,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},  # as inzage runs it
            )
        alone = time.perf_counter() - started
    print(
        f"OCR: {pages} pages, inzage {ours:.1f} s ({pages / ours:.2f} pages/s), "
        f"tesseract alone {alone:.1f} s; overhead {100 * (ours - alone) / alone:+.0f}%"
    )


def main() -> None:
    print(f"{datetime.now(UTC):%Y-%m-%d}, Python {sys.version.split()[0]}")
    text_layer(int(sys.argv[1]) if len(sys.argv) > 1 else 400)
    ocr()


if __name__ == "__main__":
    main()
