"""Redacting text and Markdown: markers in place, read back by the parser."""

import pypdfium2 as pdfium
import pytest

from inzage.errors import ConfigurationError
from inzage.pipeline import parse_text
from inzage.redact.document import redact_document
from inzage.redact.matching import Needle
from inzage.redact.targets import Decision
from inzage.redact.text import checked_marker
from inzage.redact.verify import verify_pdf
from tests.builders import make_pdf

MAIL = (
    "Van: Lotte Brinkhorst <lotte.brinkhorst@example.nl>\n"
    "Aan: Team Subsidies <subsidies@example.nl>\n"
    "Onderwerp: overleg\n\n"
    "Beste collega's,\n\nBel mij op 06-48213377. Met groet,\nLotte Brinkhorst\n"
)


def _decision(text: str, needle: str, ground: str = "5.1.2e") -> Decision:
    start = text.index(needle)
    return Decision("mail.txt", start, start + len(needle), needle, ground)


def test_decisions_and_every_other_occurrence_become_markers() -> None:
    decisions = [
        _decision(MAIL, "Lotte Brinkhorst"),
        _decision(MAIL, "lotte.brinkhorst"),  # detect proposes the local part apart
        _decision(MAIL, "06-48213377"),
    ]
    done = redact_document(MAIL.encode(), "mail.txt", decisions, [])
    assert done.data is not None
    out = done.data.decode()
    assert "Brinkhorst" not in out
    assert out.count("[5.1.2e]") == 4  # two names, the address's local part, the number
    assert "lotte.brinkhorst" not in out
    assert "subsidies@example.nl" in out
    assert done.report.verify is not None and done.report.verify.clean


def test_the_parser_reads_the_markers_back() -> None:
    done = redact_document(MAIL.encode(), "mail.txt", [], [Needle("Lotte Brinkhorst", "5.1.2e")])
    assert done.data is not None
    source = parse_text(done.data.decode(), path="mail.txt")
    codes = [g.code for d in source.documents for r in d.redactions for g in r.grounds]
    assert codes.count("5.1.2e") == done.report.redactions == 3


def test_a_decision_that_does_not_fit_the_file_is_refused() -> None:
    wrong = Decision("mail.txt", 0, 5, "Anders", "5.1.2e")
    with pytest.raises(ConfigurationError, match="does not match"):
        redact_document(MAIL.encode(), "mail.txt", [wrong], [])


def test_the_marker_style_is_configurable_and_checked() -> None:
    assert checked_marker("({ground})") == "({ground})"
    with pytest.raises(ConfigurationError):
        checked_marker("[redacted]")
    with pytest.raises(ConfigurationError):
        checked_marker("{ground} {x}")


def test_the_file_s_encoding_is_kept() -> None:
    text = "Geachte heer Ölçer,\nmet dank, Ölçer\n"
    done = redact_document(
        text.encode("cp1252", "replace"), "brief.txt", [], [Needle("Ölçer", "5.1.2e")]
    )
    assert done.data is not None
    assert done.data.decode("cp1252").count("[5.1.2e]") == 2


def test_a_name_broken_over_two_pdf_pages_is_redacted_on_both() -> None:
    original = make_pdf(["Verslag\nAanwezig: Ineke Brouwersma en Wouter", "Kramsveld (notulen).\n"])
    needle = Needle("Wouter Kramsveld", "5.1.2e")
    unredacted = verify_pdf(original, path="a.pdf", needles=[needle])
    assert [f.reason for f in unredacted.findings] == ["a redacted string broken over two pages"]
    done = redact_document(original, "a.pdf", [], [needle])
    assert done.data is not None and done.report.verify is not None and done.report.verify.clean
    assert done.report.redactions == 2  # 'Wouter' on page 1, 'Kramsveld' on page 2
    document = pdfium.PdfDocument(done.data)
    texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    assert "Wouter" not in texts[0] and "Brouwersma" in texts[0]
    assert "Kramsveld" not in texts[1] and "(notulen)" in texts[1]
