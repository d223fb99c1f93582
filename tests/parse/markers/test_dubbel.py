import pytest

from tests.assertions import assert_markers, assert_no_markers


@pytest.mark.parametrize(("text", "marker"), [("dubbel", "dubbel"), ("zie [dubbel]", "[dubbel]")])
def test_accepts(text: str, marker: str) -> None:
    (redaction,) = assert_markers(text, [(marker, ["dubbel"])]).redactions
    assert redaction.grounds[0].law is None


@pytest.mark.parametrize("text", ["dubbel zo veel", "een dubbele boeking", "het is dubbel."])
def test_word_in_a_sentence_is_not_a_marker(text: str) -> None:
    assert_no_markers(text)
