"""OCR of pages without a usable text layer (Tesseract, Dutch)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from inzage.read import ocr
from inzage.read.options import ReadOptions
from inzage.read.pdf import pdf_from_bytes
from tests.builders import make_pdf, make_scanned_pdf, scan_of

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="tesseract is not installed (apt-get install tesseract-ocr-nld)",
)
LINES = [
    "Het datalek is gemeld bij de Autoriteit Persoonsgegevens.",
    "De gemeente ontvangt volgende week een brief van de minister.",
]


def test_a_text_layer_is_usable_when_it_reads_as_words() -> None:
    assert ocr.usable_text_layer(" ".join(LINES))
    assert not ocr.usable_text_layer("Bijlage 1")  # too little to tell
    assert not ocr.usable_text_layer("(cid:12)(cid:40)(cid:7) " * 20 + "een paar woorden hier")
    assert not ocr.usable_text_layer("\ufffd\ufffd x " * 40)
    assert not ocr.usable_text_layer("q w e r t y u i o p a s d f g h j k l z x c v b n m " * 3)


@needs_tesseract
def test_a_scanned_page_is_read_by_ocr_and_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INZAGE_CACHE", str(tmp_path / "cache"))
    scan = make_scanned_pdf(LINES)
    raw = pdf_from_bytes(scan)
    assert raw.ocr_pages == 1 and raw.pages == 1
    assert "datalek" in raw.text and "Persoonsgegevens" in raw.text
    assert list((tmp_path / "cache" / "ocr").rglob("*.words.json"))
    import pytesseract

    def no_second_read(*_: object, **__: object) -> str:
        raise AssertionError("the cached page was read again")

    monkeypatch.setattr(pytesseract, "image_to_string", no_second_read)
    assert pdf_from_bytes(scan).text == raw.text


@needs_tesseract
def test_ocr_modes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INZAGE_CACHE", str(tmp_path / "cache"))
    scan = make_scanned_pdf(LINES)
    never = pdf_from_bytes(scan, options=ReadOptions(ocr="never"))
    assert never.ocr_pages == 0 and "datalek" not in never.text
    text = make_pdf(["\n".join(LINES)])
    assert pdf_from_bytes(text).ocr_pages == 0  # a good text layer is kept
    always = pdf_from_bytes(text, options=ReadOptions(ocr="always"))
    assert always.ocr_pages == 1 and "datalek" in always.text


def test_without_tesseract_the_page_is_kept_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing() -> str:
        raise ocr.OcrUnavailableError("tesseract is not installed")

    monkeypatch.setattr("inzage.read.scan_boxes.ocr_words", lambda *_: missing())
    raw = pdf_from_bytes(make_scanned_pdf(LINES))
    assert raw.ocr_pages == 0
    assert raw.warnings[0] == "OCR unavailable: tesseract is not installed"


MAIL_LINES = [
    "Van: Ada Visser <a.visser@example.nl>",
    "Verzonden: dinsdag 4 mei 2021 10:15",
    "Aan: Bo Smit <b.smit@example.nl>",
    "Onderwerp: Planning werkbezoek gemeente",
    "",
    "Beste Bo, de planning van het werkbezoek volgt morgen.",
]
TITLE = "Bijlage 4 bij besluit Woo-verzoek: correspondentie werkbezoek"  # 61 characters


def _scan_with_a_title() -> bytes:
    return scan_of(make_pdf(["\n".join(MAIL_LINES)]), text_layer=TITLE)


def test_a_page_image_under_a_thin_text_layer_needs_ocr() -> None:
    scan = ocr.PageLayers(TITLE, image_share=1.0, text_share=0.004)
    assert ocr.usable_text_layer(TITLE)  # the old rule kept this text layer
    assert scan.thin_text_over_image and scan.needs_ocr()
    letterhead = ocr.PageLayers(" ".join(LINES) * 8, image_share=1.0, text_share=0.3)
    assert not letterhead.needs_ocr()  # a background image under a real text layer
    logo = ocr.PageLayers(" ".join(LINES), image_share=0.05, text_share=0.02)
    assert not logo.needs_ocr()


def test_without_ocr_a_thin_text_layer_over_a_page_image_is_a_warning() -> None:
    raw = pdf_from_bytes(_scan_with_a_title(), options=ReadOptions(ocr="never"))
    assert TITLE in raw.text
    assert any("read it with --ocr auto" in w for w in raw.warnings)


@needs_tesseract
def test_auto_ocr_reads_a_scanned_mail_with_a_title_in_its_text_layer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INZAGE_CACHE", str(tmp_path / "cache"))
    from inzage.pipeline import parse_raw

    raw = pdf_from_bytes(_scan_with_a_title())
    assert raw.ocr_pages == 1
    assert "werkbezoek" in raw.text and "Onderwerp" in raw.text
    source = parse_raw("bijlage-4.pdf", raw)
    assert [d.kind for d in source.documents] == ["email"]
