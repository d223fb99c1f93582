"""The leak battery: every channel a PDF can hold a name in, redacted and
verified; nothing of the name can be recovered by independent readers."""

import pytest

from inzage.redact.document import redact_document
from inzage.redact.matching import Needle
from inzage.redact.verify import verify_pdf
from tests.redact.battery import KEPT, NAME, battery, plain, recoverable

CASES = battery()


@pytest.mark.parametrize("case", sorted(CASES))
def test_nothing_of_the_name_can_be_recovered(case: str) -> None:
    original = CASES[case]
    assert recoverable(original), "the channel does not hold the name"
    done = redact_document(original, "in.pdf", [], [Needle(NAME, "5.1.2e")])
    assert done.report.verify is not None and done.report.verify.clean, done.report.verify
    assert done.data is not None
    assert recoverable(done.data) == []
    assert done.report.redactions >= 1


def test_text_outside_the_boxes_stays_and_the_code_is_in_the_text_layer() -> None:
    import pypdfium2 as pdfium

    done = redact_document(plain("Helvetica"), "in.pdf", [], [Needle(NAME, "5.1.2e")])
    assert done.data is not None
    text = pdfium.PdfDocument(done.data)[0].get_textpage().get_text_range()
    assert KEPT in text and "Contactpersoon:" in text and "afdeling Z" in text
    assert "5.1.2e" in text


@pytest.mark.parametrize("beside", [False, True], ids=["one process", "pypdf beside"])
def test_verify_catches_a_box_drawn_over_text_that_stays(
    beside: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from inzage.redact import verify
    from tests.builders import make_drawn_pdf

    if beside:  # as for a large file: pypdf's text read in a second process
        monkeypatch.setattr(verify, "BESIDE_BYTES", 0)

    def fake(canvas: object) -> None:
        canvas.drawString(72, 700, f"Contactpersoon: {NAME}")  # type: ignore[attr-defined]
        canvas.rect(160, 696, 95, 14, stroke=0, fill=1)  # type: ignore[attr-defined]

    report = verify_pdf(make_drawn_pdf(fake), path="fake.pdf", needles=[Needle(NAME, "5.1.2e")])
    assert not report.clean
    assert {"text-pdfium", "text-pypdf", "stream"} <= {f.check for f in report.findings}
    assert all(NAME not in f.model_dump_json() for f in report.findings)


def test_verify_fails_closed_on_a_file_it_cannot_read() -> None:
    report = verify_pdf(b"%PDF-1.7 broken", path="x.pdf", needles=[Needle(NAME, "5.1.2e")])
    assert not report.clean
    assert report.findings[0].check == "unchecked"


def test_a_redacted_pdf_parses_with_its_boxes_and_grounds(tmp_path: object) -> None:
    from pathlib import Path

    from inzage.pipeline import parse_path

    done = redact_document(plain("Times-Roman"), "in.pdf", [], [Needle(NAME, "5.1.1d")])
    assert done.data is not None
    path = Path(str(tmp_path)) / "out.pdf"
    path.write_bytes(done.data)
    redactions = [r for d in parse_path(path).documents for r in d.redactions]
    assert len(redactions) == 1
    assert redactions[0].box is not None
    assert [g.code for g in redactions[0].grounds] == ["5.1.1d"]


@pytest.mark.skipif(
    __import__("shutil").which("tesseract") is None, reason="tesseract is not installed"
)
def test_the_ground_code_is_legible_in_the_box() -> None:
    import pypdfium2 as pdfium
    from PIL import ImageOps

    from inzage.read.ocr import ocr_line

    done = redact_document(plain("Helvetica"), "in.pdf", [], [Needle(NAME, "5.1.2e")])
    assert done.data is not None
    page = pdfium.PdfDocument(done.data)[0]
    scale = 300 / 72
    image = page.render(scale=scale).to_pil().convert("L")
    from inzage.redact.pdf_boxes import tagged_boxes

    (box,) = tagged_boxes(done.data)
    left, bottom, right, top = box.rect
    height = page.get_height()
    crop = image.crop(
        (
            int(left * scale),
            int((height - top) * scale),
            int(right * scale),
            int((height - bottom) * scale),
        )
    )
    assert "5.1.2" in ocr_line(ImageOps.invert(crop)).replace(" ", "")


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_rotated_page_with_a_crop_box_is_redacted_and_its_boxes_checked(rotation: int) -> None:
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(plain("Helvetica"))) as pdf:
        pdf.pages[0].Rotate = rotation
        pdf.pages[0].CropBox = [10, 20, 590, 830]
        out = io.BytesIO()
        pdf.save(out)
    done = redact_document(out.getvalue(), "in.pdf", [], [Needle(NAME, "5.1.2e")])
    assert done.data is not None and done.report.verify is not None
    assert done.report.verify.clean and "pixels of each box" in done.report.verify.checks
    assert recoverable(done.data) == [] and done.report.redactions == 1
    # the same box moved off its text is caught by the pixel check
    with pikepdf.open(io.BytesIO(done.data)) as pdf:
        page = pdf.pages[0]
        page.contents_add(pdf.make_stream(b"1 g 150 690 120 25 re f"), prepend=False)
        moved = io.BytesIO()
        pdf.save(moved)
    report = verify_pdf(moved.getvalue(), path="x.pdf", needles=[Needle(NAME, "5.1.2e")])
    assert "pixels" in {f.check for f in report.findings}
