"""A code cut off at its letter beside a full one: an incomplete copy, not a ground."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.parse.markers.context import TRUNCATED_SCORE
from inzage.parse.markers.engine import find_markers


def grounds(text: str) -> list[tuple[str, list[tuple[str, str]], float]]:
    return [
        (r.marker, [(g.code, g.original) for g in r.grounds], r.confidence)
        for r in find_markers(text).redactions
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Deelnemers:\nWouter Kramsveld\n5.1.2 5.1.2e\nMinister van Wonen\n",
        "Overleg met 5.1.2 5.1.2e over de planning.",
        "Aan: 5.1.2e 5.1.2\n",
    ],
)
def test_a_truncated_code_beside_a_full_one_takes_its_letter(text: str) -> None:
    found = grounds(text)
    truncated = next(item for item in found if item[0] == "5.1.2")
    assert truncated[1] == [("5.1.2e", "5.1.2")]  # the code it stands for; as written
    assert truncated[2] == TRUNCATED_SCORE < 1
    assert all(code != "5.1.2" for _, codes, _ in found for code, _ in codes)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("5.1.2\n\nTekst over 5.1.2e en meer.", "5.1.2"),  # not beside it
        ("5.1.1 5.1.2e", "5.1.1"),  # another paragraph
    ],
)
def test_a_truncated_code_alone_keeps_its_paragraph(text: str, code: str) -> None:
    assert [codes for marker, codes, _ in grounds(text) if marker == code] == [[(code, code)]]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["5.1.2", "5.1.1"]),
    st.sampled_from("abcdefghi"),
    st.booleans(),
    st.sampled_from([" ", "  ", "\t"]),
)
def test_the_letter_comes_from_the_neighbour_either_side(
    paragraph: str, letter: str, before: bool, gap: str
) -> None:
    full = paragraph + letter
    if paragraph == "5.1.1" and letter > "e":
        full = "5.1.1e"  # 5.1.1 has letters a to e
    pair = f"{paragraph}{gap}{full}" if before else f"{full}{gap}{paragraph}"
    found = grounds(f"Aanwezig: {pair}\n")
    assert [codes for marker, codes, _ in found if marker == paragraph] == [[(full, paragraph)]]
