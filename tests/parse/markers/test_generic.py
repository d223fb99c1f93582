import pytest

from tests.assertions import assert_markers, assert_no_markers


@pytest.mark.parametrize(
    "marker",
    [
        "[REDACTED]",
        "[redacted]",
        "[gelakt]",
        "[Geanonimiseerd]",
        "(geanonimiseerd)",
        "█████",
        "■■■■",
        "XXXX",
    ],
)
def test_accepts_markers_without_ground(marker: str) -> None:
    analysis = assert_markers(f"Aan: {marker}", [(marker, [])])
    assert analysis.redactions[0].notation == "generic"
    assert analysis.redactions[0].role == "name"


def test_partial_address_keeps_the_domain_outside_the_marker() -> None:
    analysis = assert_markers("[redacted]@minvws.nl]", [("[redacted]", [])])
    assert analysis.redactions[0].role == "email"


def test_crosses_are_less_certain_than_blocks() -> None:
    crosses, blocks = assert_markers("XXXX\n█████", [("XXXX", []), ("█████", [])]).redactions
    assert crosses.confidence < blocks.confidence == 1


@pytest.mark.parametrize(
    "text", ["XXL", "xxxx", "■ punt", "redacted text", "[redactie]", "(anoniem)", "(verwijderd)"]
)
def test_look_alikes(text: str) -> None:
    assert_no_markers(text)
