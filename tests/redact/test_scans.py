"""Scanned pages: the name found by OCR, its pixels burnt, and with --ocr a
fresh text layer read from the redacted page."""

import shutil

import pytest

from inzage.redact.document import RedactOptions, redact_document
from inzage.redact.matching import Needle
from tests.builders import make_scanned_pdf

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="tesseract is not installed (apt-get install tesseract-ocr-nld)",
)
NAME = "Wouter Kramsveld"
LINES = [
    "De minister heeft het advies ontvangen.",
    f"Contactpersoon is {NAME} van de directie.",
    "Het overleg met de gemeenten volgt in maart.",
]


def _ocr_of(data: bytes) -> str:
    import pypdfium2 as pdfium

    from inzage.read.ocr import ocr_words, words_text

    page = pdfium.PdfDocument(data)[0]
    return words_text(ocr_words(page.render(scale=300 / 72).to_pil()))


def _text_layer(data: bytes) -> str:
    import pypdfium2 as pdfium

    return str(pdfium.PdfDocument(data)[0].get_textpage().get_text_range())


def test_a_name_on_a_scan_is_burnt_out_of_the_pixels() -> None:
    scan = make_scanned_pdf(LINES)
    assert "Kramsveld" in _ocr_of(scan)
    done = redact_document(scan, "scan.pdf", [], [Needle(NAME, "5.1.2e")])
    assert done.data is not None and done.report.images == 1, done.report
    assert done.report.verify is not None and "OCR around boxes" in done.report.verify.checks
    seen = _ocr_of(done.data)
    assert "Kramsveld" not in seen and "gemeenten" in seen
    assert _text_layer(done.data).split() == ["5.1.2e"]  # only the box's code: not searchable


def test_with_ocr_the_redacted_scan_gets_a_text_layer_without_the_name() -> None:
    options = RedactOptions(ocr_layer=True)
    done = redact_document(
        make_scanned_pdf(LINES), "scan.pdf", [], [Needle(NAME, "5.1.2e")], options
    )
    assert done.data is not None and done.report.ocr_layer == [1]
    assert done.report.verify is not None and done.report.verify.clean
    layer = _text_layer(done.data)
    assert "gemeenten" in layer and "minister" in layer
    assert "Kramsveld" not in layer and "Wouter" not in layer
