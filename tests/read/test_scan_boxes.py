"""Redaction boxes in scanned pages: placed among the OCR words, with the code
read after or inside them, a generic marker where there is none."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from inzage.pipeline import parse_raw
from inzage.read import ocr
from inzage.read.boxes import PageBox
from inzage.read.image import image_from_bytes
from inzage.read.ocr import OcrWord
from inzage.read.options import ReadOptions
from inzage.read.pdf import pdf_from_bytes
from inzage.read.pixel_boxes import PixelBox
from inzage.read.scan_boxes import place_boxes
from tests.builders import make_drawn_pdf, scan_of

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

LINE_HEIGHT = 40


def line_of(words: list[str], row: int, start: int = 100, gap: int = 20) -> list[OcrWord]:
    """Words on one printed line, 20 px apart, each 15 px a letter wide."""
    placed, left = [], start
    for text in words:
        placed.append(OcrWord(text, left, row * LINE_HEIGHT, 15 * len(text), 30, (1, 1, row)))
        left += 15 * len(text) + gap
    return placed


def box_at(left: int, row: int, width: int = 200) -> PixelBox:
    return PixelBox(x=left, y=row * LINE_HEIGHT, width=width, height=30)


def test_a_box_takes_the_code_read_after_it_or_gets_a_generic_marker() -> None:
    words = [
        *line_of(["Contactpersoon:"], 1),
        *line_of(["5.1.2e"], 1, start=560),  # after the box on its line
        *line_of(["Afzender:"], 2),
        *line_of(["belt", "terug."], 2, start=560),
        *line_of(["|||", "ii"], 3, start=140),  # what OCR made of a box: noise
    ]
    boxes = [box_at(330, 1), box_at(250, 2), box_at(100, 3, width=300)]
    text, placed = place_boxes(words, boxes, page=2, scale=0.24, unit="pt")
    assert text == "Contactpersoon: 5.1.2e\nAfzender: █ belt terug.\n█"
    assert [box.code for box in placed] == ["5.1.2e", None, None]
    assert (placed[0].page, placed[0].unit) == (2, "pt")
    assert placed[0].x == pytest.approx(330 * 0.24)
    assert placed[0].width == pytest.approx(48) and placed[0].hidden_characters == 0


def test_a_code_read_inside_its_box_is_kept_and_is_the_box_code() -> None:
    words = [*line_of(["Telefoon:"], 1), *line_of(["5.1.2i"], 1, start=270)]
    text, placed = place_boxes(words, [box_at(250, 1, width=150)], page=1)
    assert text == "Telefoon: 5.1.2i" and placed[0].code == "5.1.2i"
    # Read by OCR of the inverted box (the page's OCR had the box painted out).
    box = box_at(250, 1, width=150)
    text, placed = place_boxes(words[:1], [box], page=1, printed_inside={box: "5.1.2i"})
    assert text == "Telefoon: 5.1.2i" and placed[0].code == "5.1.2i"


@st.composite
def pages(draw: st.DrawFn) -> tuple[list[OcrWord], list[PixelBox]]:
    """Lines of words with boxes between some of them, codes after some boxes."""
    words: list[OcrWord] = []
    boxes: list[PixelBox] = []
    for row in range(1, draw(st.integers(1, 6)) + 1):
        left = 100
        for _ in range(draw(st.integers(1, 5))):
            if draw(st.booleans()):
                boxes.append(box_at(left, row, width=120))
                left += 140
                if draw(st.booleans()):
                    words.extend(line_of(["5.1.2e"], row, start=left))
                    left += 110
            text = draw(st.sampled_from(["overleg", "met", "de", "gemeente", "Ans"]))
            words.extend(line_of([text], row, start=left))
            left += 15 * len(text) + 20
    return words, boxes


@settings(max_examples=80, deadline=None)
@given(pages())
def test_every_box_is_placed_once_and_every_word_stays_in_order(
    page: tuple[list[OcrWord], list[PixelBox]],
) -> None:
    words, boxes = page
    text, placed = place_boxes(words, boxes, page=1)
    assert sorted((b.x, b.y) for b in placed) == sorted((b.x, b.y) for b in boxes)
    assert text.count("█") == sum(1 for b in placed if b.code is None)
    assert text.replace("█", "").split() == [w.text for w in words]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_boxes_in_a_scanned_page_become_redactions_with_box_and_ground(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INZAGE_CACHE", str(tmp_path))

    def draw(pdf: Canvas) -> None:
        pdf.setFont("Helvetica", 14)
        pdf.drawString(72, 750, "Contactpersoon bij de gemeente:")
        pdf.rect(300, 745, 110, 18, fill=1, stroke=0)
        pdf.drawString(418, 750, "5.1.2e")
        pdf.drawString(72, 700, "De afzender")
        pdf.setFillColorRGB(0.55, 0.55, 0.55)
        pdf.rect(160, 695, 120, 18, fill=1, stroke=0)
        pdf.setFillColorRGB(0, 0, 0)
        pdf.drawString(290, 700, "belt morgen terug over het besluit.")
        pdf.drawString(72, 650, "Telefoon")
        pdf.rect(150, 645, 80, 20, fill=1, stroke=0)
        pdf.setFillColorRGB(1, 1, 1)
        pdf.drawString(160, 650, "5.1.2i")  # printed inside the box, white on black
        pdf.setFillColorRGB(0, 0, 0)
        pdf.drawString(72, 600, "Adres")
        pdf.setLineWidth(1.5)
        pdf.rect(130, 594, 120, 22, fill=0, stroke=1)  # an outline only ...
        pdf.drawString(160, 600, "5.1.2b")  # ... with its code printed inside

    raw = pdf_from_bytes(scan_of(make_drawn_pdf(draw)), "scan.pdf")
    assert raw.ocr_pages == 1
    source = parse_raw("scan.pdf", raw)
    redactions = [r for d in source.documents for r in d.redactions]
    cited = next(r for r in redactions if r.marker == "5.1.2e")
    assert cited.box is not None and cited.box.unit == "pt"
    assert cited.box.x == pytest.approx(300, abs=3) and cited.box.width == pytest.approx(110, abs=4)
    assert cited.box.y == pytest.approx(841.89 - 763, abs=3)  # from the top of the page
    [generic] = [r for r in redactions if r.marker == "█"]
    assert generic.box is not None and generic.box.x == pytest.approx(160, abs=3)
    assert "afzender █ belt morgen terug" in source.text
    printed = next(r for r in redactions if r.marker == "5.1.2i")
    assert printed.box is not None and printed.box.x == pytest.approx(150, abs=3)
    assert "Telefoon 5.1.2i" in source.text
    outlined = next(r for r in redactions if r.marker == "5.1.2b")
    assert outlined.box is not None and outlined.box.x == pytest.approx(130, abs=3)
    assert "Adres 5.1.2b" in source.text


def _draw_boxes(pdf: Canvas) -> None:
    """A letter line with a black box and an outlined one (a thin, dashed line)."""
    pdf.setFont("Helvetica", 14)
    pdf.drawString(72, 750, "Contactpersoon bij de gemeente:")
    pdf.rect(300, 745, 110, 18, fill=1, stroke=0)
    pdf.drawString(72, 700, "Adres van Wouter Kramsveld:")
    pdf.setLineWidth(0.75)
    pdf.setDash(3, 2)
    pdf.rect(300, 694, 160, 22, fill=0, stroke=1)


def _page_image() -> Image.Image:
    import pypdfium2 as pdfium

    page: Image.Image = (
        pdfium.PdfDocument(make_drawn_pdf(_draw_boxes))[0].render(scale=300 / 72).to_pil()
    )
    return page


@pytest.fixture
def no_tesseract(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tesseract missing, as the reader looks for it (its program on the path)."""
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    ocr.tesseract_version.cache_clear()
    yield
    ocr.tesseract_version.cache_clear()


def _placed_at(boxes: list[PageBox], expected: list[tuple[float, float]], near: float) -> bool:
    """The boxes, top to bottom, stand where expected (within ``near``)."""
    placed = sorted(((b.x, b.y) for b in boxes), key=lambda at: at[1])
    return len(placed) == len(expected) and all(
        abs(x - ex) <= near and abs(y - ey) <= near
        for (x, y), (ex, ey) in zip(placed, expected, strict=True)
    )


def test_an_image_s_boxes_are_found_without_tesseract(no_tesseract: None) -> None:
    with pytest.raises(ocr.OcrUnavailableError):
        ocr.tesseract_version()
    picture = io.BytesIO()
    _page_image().save(picture, format="PNG")
    for options in (ReadOptions(ocr="auto"), ReadOptions(ocr="never")):
        raw = image_from_bytes(picture.getvalue(), "scan.png", options)
        assert raw.ocr_pages == 0
        # Pixels at 300 dpi: the black box at 300 pt, the dashed one below it.
        assert _placed_at(raw.boxes, [(1250, 329), (1250, 524)], near=4)
        assert raw.text == "█\n█" and all(b.code is None for b in raw.boxes)
    assert (
        image_from_bytes(picture.getvalue(), "scan.png").warnings[0].startswith("OCR unavailable")
    )


def test_a_scanned_pdf_s_boxes_become_redactions_without_tesseract(no_tesseract: None) -> None:
    raw = pdf_from_bytes(scan_of(make_drawn_pdf(_draw_boxes)), "scan.pdf")
    assert raw.ocr_pages == 0 and raw.warnings[0].startswith("OCR unavailable")
    assert _placed_at(raw.boxes, [(300, 79), (300, 126)], near=1)
    assert {b.unit for b in raw.boxes} == {"pt"}
    source = parse_raw("scan.pdf", raw)
    redactions = [r for d in source.documents for r in d.redactions]
    assert [r.marker for r in redactions] == ["█", "█"]
    assert all(r.box is not None for r in redactions)
