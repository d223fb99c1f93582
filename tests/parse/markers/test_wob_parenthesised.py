import pytest

from tests.assertions import assert_markers, assert_no_markers


@pytest.mark.parametrize(
    ("text", "marker", "codes"),
    [
        ("Van: (10)(2e)", "(10)(2e)", ["5.1.2e"]),
        ("Van: (10)(2a)", "(10)(2a)", ["5.1.2a"]),
        ("Van: (10)(2)(e)", "(10)(2)(e)", ["5.1.2e"]),
        ("Van: 10(2)(e)", "10(2)(e)", ["5.1.2e"]),
        ("Van: 10 (2) (e)", "10 (2) (e)", ["5.1.2e"]),
        ("Van: (11)(1)", "(11)(1)", ["5.2"]),
        ("Van: (10)(2g)", "(10)(2g)", ["10.2g"]),
        ("Van: (10)(1)(c)", "(10)(1)(c)", ["5.1.1c"]),
        ("Van: [\\(10\\)\\(2e\\)](#)", "[\\(10\\)\\(2e\\)](#)", ["5.1.2e"]),
        ("Van: (10)(2e), (10)(2g)", "(10)(2e), (10)(2g)", ["5.1.2e", "10.2g"]),
    ],
)
def test_accepts(text: str, marker: str, codes: list[str]) -> None:
    assert_markers(text, [(marker, codes)])


def test_ambiguous_wob_code_keeps_both_candidates() -> None:
    (redaction,) = assert_markers("(10)(2g)", [("(10)(2g)", ["10.2g"])]).redactions
    assert redaction.grounds[0].candidates == ["5.1.5", "5.1.2i"]
    assert redaction.grounds[0].law == "Wob"


@pytest.mark.parametrize("text", ["zie (10) voorbeelden", "(10)(20) jaar", "f(10)(2)x"])
def test_look_alikes(text: str) -> None:
    assert_no_markers(text)
