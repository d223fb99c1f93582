"""Whole pages withheld: a 'niet openbaar' page in place of each, and nothing
of what it held anywhere in the file."""

import io

import pikepdf
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from inzage.errors import ConfigurationError
from inzage.redact.document import redact_document
from inzage.redact.matching import Needle
from inzage.redact.pdf_withhold import notice_lines
from inzage.redact.targets import Targets, withholding_from
from inzage.redact.verify import verify_pdf, withheld_pages
from tests.redact.battery import NAME, recoverable

SECRET = "Het advies van de landsadvocaat over de aanbesteding"


def _three_pages() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for number in (1, 2, 3):
        canvas.setFont("Helvetica", 11)
        canvas.drawString(72, 800, "Ministerie van Binnenlandse Zaken")  # on every page
        if number == 2:
            canvas.drawString(72, 700, SECRET)
            canvas.drawString(72, 680, f"Opgesteld door {NAME}")
            canvas.drawImage(ImageReader(Image.new("RGB", (40, 40), "red")), 72, 500, 40, 40)
            canvas.bookmarkPage("advies")
            canvas.addOutlineEntry("Advies over de aanbesteding", "advies")
        else:
            canvas.drawString(72, 700, f"Pagina {number} blijft openbaar")
        canvas.showPage()
    canvas.save()
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as pdf:
        page = pdf.pages[1]
        field = pdf.make_indirect(
            pikepdf.Dictionary(
                FT=pikepdf.Name.Tx,
                T=pikepdf.String("opmerking"),
                V=pikepdf.String("Vertrouwelijk overleg gevoerd"),
                Rect=[72, 72, 300, 90],
                Subtype=pikepdf.Name.Widget,
                Type=pikepdf.Name.Annot,
                P=page.obj,
            )
        )
        page.Annots = pdf.make_indirect(pikepdf.Array([field]))
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]))
        pdf.Root.StructTreeRoot = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.StructTreeRoot,
                K=pikepdf.Dictionary(
                    Type=pikepdf.Name.StructElem,
                    S=pikepdf.Name.Figure,
                    Pg=page.obj,
                    Alt=pikepdf.String("Grafiek van de inschrijvingen"),
                ),
            )
        )
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _texts(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    return [page.get_textpage().get_text_range() for page in document]


def test_a_withheld_page_says_so_and_holds_nothing_of_what_it_was() -> None:
    done = redact_document(_three_pages(), "advies.pdf", [], [], withheld={2: "5.1.2i"})
    assert done.data is not None and done.report.withheld == [2]
    assert done.report.verify is not None and done.report.verify.clean, done.report.verify
    texts = _texts(done.data)
    assert len(texts) == 3
    assert "Pagina 1 blijft openbaar" in texts[0] and "Pagina 3 blijft openbaar" in texts[2]
    assert " ".join(texts[1].split()) == " ".join(line for line, _ in notice_lines("5.1.2i"))
    assert "5.1.2i" in texts[1] and "Niet openbaar" in texts[1]
    for gone in ("landsadvocaat", "kramsveld", "vertrouwelijk", "inschrijvingen", "aanbesteding"):
        assert recoverable(done.data, gone) == [], gone
    with pikepdf.open(io.BytesIO(done.data)) as pdf:
        assert "/XObject" not in pdf.pages[1].Resources
        assert list(pdf.Root.AcroForm.Fields) == []
    assert withheld_pages(done.data) == {2: "5.1.2i"}


def test_withholding_and_boxes_go_together() -> None:
    done = redact_document(
        _three_pages(), "advies.pdf", [], [Needle("Pagina 3", "5.1.2e")], withheld={2: "5.1.2i"}
    )
    assert done.data is not None and done.report.redactions == 1
    assert "Pagina 3" not in _texts(done.data)[2] and "blijft openbaar" in _texts(done.data)[2]


def test_verify_finds_text_of_the_withheld_page_left_in_the_file() -> None:
    done = redact_document(_three_pages(), "advies.pdf", [], [], withheld={2: "5.1.2i"})
    assert done.data is not None
    with pikepdf.open(io.BytesIO(done.data)) as pdf:
        page = pdf.pages[2]
        page.contents_add(
            pdf.make_stream(f"BT /F1 8 Tf 72 60 Td ({SECRET}) Tj ET".encode()), prepend=False
        )
        out = io.BytesIO()
        pdf.save(out)
    report = verify_pdf(out.getvalue(), path="x.pdf", original=_three_pages())
    assert not report.clean
    assert {"text-pdfium", "stream"} <= {f.check for f in report.findings}
    assert all(SECRET not in f.model_dump_json() for f in report.findings)


def test_a_page_beyond_the_file_or_in_a_text_file_is_refused() -> None:
    from inzage.redact.pdf import RedactionError

    with pytest.raises(RedactionError, match="has 3 pages"):
        redact_document(_three_pages(), "advies.pdf", [], [], withheld={7: "5.1.2i"})
    with pytest.raises(RedactionError, match="no pages"):
        redact_document(b"Tekst", "mail.txt", [], [], withheld={1: "5.1.2i"})


def test_the_officers_notation_of_pages_and_grounds() -> None:
    one = withholding_from("2-4,7:10.2.e", "5.1.2i")
    assert (one.path, one.pages, one.ground) == (None, (2, 3, 4, 7), "5.1.2e")
    other = withholding_from("stukken/besluit.pdf@5", "5.1.2i")
    assert (other.path, other.pages, other.ground) == ("stukken/besluit.pdf", (5,), "5.1.2i")
    targets = Targets(withheld=[one, other])
    everywhere = {2: "5.1.2e", 3: "5.1.2e", 4: "5.1.2e", 7: "5.1.2e"}
    assert targets.withheld_in("stukken/besluit.pdf") == {**everywhere, 5: "5.1.2i"}
    assert targets.withheld_in("ander.pdf") == everywhere
    for wrong in ("", "0", "4-2", "x", "3:geen-grond"):
        with pytest.raises(ConfigurationError):
            withholding_from(wrong, "5.1.2e")


@given(st.lists(st.tuples(st.integers(1, 500), st.integers(0, 20)), min_size=1, max_size=6))
def test_page_ranges_read_back_as_written(ranges: list[tuple[int, int]]) -> None:
    spec = ",".join(f"{a}-{a + n}" if n else str(a) for a, n in ranges)
    pages = withholding_from(spec, "5.1.2e").pages
    assert pages == tuple(p for a, n in ranges for p in range(a, a + n + 1))
