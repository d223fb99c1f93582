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


@pytest.mark.parametrize("text", ["5.1.22", "51 procent", "sub e"])
def test_ambiguous_damage_is_not_a_marker(text: str) -> None:
    assert_no_markers(text)
