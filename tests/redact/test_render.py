"""Mail, Word and HTML: rendered to PDF and redacted there."""

import io
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inzage.errors import ConfigurationError
from inzage.redact.document import redact_document
from inzage.redact.matching import Needle
from inzage.redact.render import FONT, FONT_SIZE, _fonts, wrapped
from inzage.redact.targets import Decision
from tests.redact.battery import NAME, recoverable

PHONE = "06-41234567"


def _mail() -> bytes:
    message = EmailMessage()
    message["From"] = f"{NAME} <w.kramsveld@minbzk.example>"
    message["To"] = "Ineke Brouwersma <i.brouwersma@minvws.example>"
    message["Subject"] = "Voorbereiding bestuurlijk overleg"
    message["Date"] = "Tue, 03 Mar 2020 10:15:00 +0100"
    message.set_content(
        f"Beste Ineke,\n\nIk heb {NAME} gevraagd de agenda te sturen. Zijn nummer is {PHONE}.\n"
        + "De gemeenten willen eerst de cijfers zien. " * 30
        + "\n\nMet vriendelijke groet,\nWouter\n"
    )
    message.add_attachment(
        b"Bijlage", maintype="application", subtype="octet-stream", filename="agenda.txt"
    )
    return bytes(message)


def _text(data: bytes) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def test_a_mail_becomes_a_redacted_pdf_with_its_headers_and_body(tmp_path: Path) -> None:
    from inzage.pipeline import parse_path

    needles = [Needle(NAME, "5.1.2e"), Needle(PHONE, "5.1.2e")]
    done = redact_document(_mail(), "overleg.eml", [], needles)
    assert done.data is not None and done.suffix == ".pdf"
    assert done.report.format == "eml" and done.report.verify is not None
    assert done.report.verify.clean and done.report.redactions == 3
    # The address keeps its local part: only the name as given is redacted.
    assert recoverable(done.data, "wouterkramsveld") == []
    text = _text(done.data)
    assert "41234567" not in text.replace("-", "")
    assert "Subject: Voorbereiding bestuurlijk overleg" in text
    assert "w.kramsveld@minbzk.example" in text and "De gemeenten willen" in text
    assert any("agenda.txt" in w for w in done.report.warnings)
    path = tmp_path / "overleg.pdf"
    path.write_bytes(done.data)
    [document] = parse_path(path).documents
    assert [r.marker for r in document.redactions].count("5.1.2e") == 3


def test_a_decision_from_detect_is_applied_to_the_rendering() -> None:
    from inzage.read.files import read_data

    data = _mail()
    text = read_data(data, "overleg.eml").text
    start = text.index(PHONE)
    decision = Decision("overleg.eml", start, start + len(PHONE), PHONE, "5.1.2e", "phone")
    done = redact_document(data, "overleg.eml", [decision], [])
    assert done.data is not None and PHONE not in _text(done.data)
    assert NAME in _text(done.data)  # only what was decided goes
    moved = Decision("overleg.eml", start + 1, start + 1 + len(PHONE), PHONE, "5.1.2e")
    with pytest.raises(ConfigurationError, match="does not match"):
        redact_document(data, "overleg.eml", [moved], [])


def test_a_word_file_loses_its_properties_and_the_name_in_its_table() -> None:
    import docx

    document = docx.Document()
    document.core_properties.author = NAME
    document.core_properties.title = f"Nota van {NAME}"
    document.add_paragraph("Nota aan de minister over de uitvoering.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Contactpersoon"
    table.rows[0].cells[1].text = NAME
    buffer = io.BytesIO()
    document.save(buffer)
    done = redact_document(buffer.getvalue(), "nota.docx", [], [Needle(NAME, "5.1.2e")])
    assert done.data is not None and done.report.format == "docx"
    assert recoverable(done.data) == []
    assert "Nota aan de minister" in _text(done.data) and "Contactpersoon" in _text(done.data)


def test_an_html_page_is_rendered_without_its_scripts_and_hidden_parts() -> None:
    page = (
        "<html><head><title>Wouter Kramsveld</title><script>var who = 'Kramsveld';</script>"
        "</head><body><p>Het verslag is vastgesteld.</p><template>Kramsveld</template>"
        f"<p>Opgesteld door {NAME}.</p></body></html>"
    ).encode()
    done = redact_document(page, "verslag.html", [], [Needle(NAME, "5.1.2e")])
    assert done.data is not None and done.report.verify is not None
    assert done.report.verify.clean and recoverable(done.data) == []
    assert "Het verslag is vastgesteld." in _text(done.data)


def test_a_file_that_is_no_mail_is_an_error_not_a_crash() -> None:
    from inzage.errors import InputError

    with pytest.raises(InputError):
        redact_document(b"\x00\x01 junk", "kapot.eml", [], [Needle(NAME, "5.1.2e")])


@given(st.lists(st.text(alphabet="abcdefghij KLMNO.-", min_size=0, max_size=60), max_size=12))
def test_wrapping_keeps_every_character_and_fits_the_width(words: list[str]) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _fonts()
    line = " ".join(words)
    width = 120.0
    lines = wrapped(line, FONT, width)
    assert "".join(lines).replace(" ", "") == line.replace(" ", "")
    assert all(stringWidth(cut, FONT, FONT_SIZE) <= width or len(cut) == 1 for cut in lines)


def test_a_word_too_wide_is_cut_between_the_parts_of_a_path() -> None:
    _fonts()
    url = "https://intranet.example/" + "x" * 50 + "/medewerkers/wouter-kramsveld-cv.pdf"
    lines = wrapped(url, FONT, 300.0)
    assert len(lines) > 1 and "".join(lines) == url
    assert all(line.endswith("/") for line in lines[:-1])
    assert any("wouter-kramsveld-cv.pdf" in line for line in lines)


def test_a_word_without_separators_is_cut_where_the_line_is_full() -> None:
    _fonts()
    lines = wrapped("x" * 300, FONT, 120.0)
    assert len(lines) > 2 and "".join(lines) == "x" * 300
