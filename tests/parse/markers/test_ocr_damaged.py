import pytest

from tests.assertions import assert_markers, assert_no_markers


@pytest.mark.parametrize(
    ("text", "codes", "confidence"),
    [
        ("5.1.2¢", ["5.1.2e"], 0.7),
        ("5.1.2€", ["5.1.2e"], 0.7),
        ("51lid2sube", ["5.1.2e"], 0.7),
        ("5 1 lid2sube", ["5.1.2e"], 0.7),
        ("5.1id2sub", ["5.1.2"], 0.5),
        ("5,1.2.e", ["5.1.2e"], 0.7),
        ("5.1.2eeni", ["5.1.2e", "5.1.2i"], 0.7),
        ("54lid2subd", ["5.1.2d"], 0.7),
        ("51id2swbe", ["5.1.2e"], 0.7),
        ("51id2swe", ["5.1.2e"], 0.7),
        ("art. 5 lid 2 sub d Woo", ["5.1.2d"], 0.6),
        ("Art. 5.1 lid sub i Woo", ["5.1.2i"], 0.6),
    ],
)
def test_recognised_with_lower_confidence(text: str, codes: list[str], confidence: float) -> None:
    analysis = assert_markers(f"To: {text} @rivm.nl>", [(text, codes)])
    redaction = analysis.redactions[0]
    assert redaction.confidence == confidence
    assert redaction.notation == "ocr-damaged"
    assert redaction.role == "email"


def test_letter_on_a_later_line_is_not_swallowed() -> None:
    analysis = assert_markers("5.1 lid 2 sub\n\nHi ,", [("5.1 lid 2 sub", ["5.1.2"])])
    assert analysis.redactions[0].confidence < 1


@pytest.mark.parametrize(
    "text",
    [
        "51 procent",
        "sub e",
        "subtiel",
        "5.1.2egesproken",
        "bedoeld in artikel 27 lid 2 sub e WIA",
        "Geweigerd op grond van artikel lid sub",
    ],
)
def test_look_alikes(text: str) -> None:
    analysis = assert_no_markers(text)
    assert analysis.rejected == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("5.1.22", "OCR fragment too damaged to read"),
        ("5 lid 2 sub", "OCR fragment too damaged to read"),
        ("5.1 lid sub", "OCR fragment too damaged to read"),
        ("5.1 lid sub c", "OCR fragment too damaged to read"),
        ("(5.1.2eenj)", "no such ground (5.1.2j)"),
    ],
)
def test_unreadable_fragments_are_listed_with_a_reason(text: str, reason: str) -> None:
    analysis = assert_no_markers(text)
    assert [f.explanation for f in analysis.rejected] == [reason]
