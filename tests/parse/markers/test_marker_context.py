"""Roles, groups and the join/extend steps: judged from the text around markers."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.parse.markers import context
from inzage.parse.markers.engine import find_markers
from tests.assertions import markers_in


def roles_and_groups(text: str) -> list[tuple[str, str, int]]:
    return [(r.marker, r.role, r.group) for r in markers_in(text)]


def test_adjacent_markers_are_one_name_and_the_address_is_another_item() -> None:
    text = "Van: (10)(2e) (10)(2e) <(10)(2e)@minvws.nl>"
    assert roles_and_groups(text) == [
        ("(10)(2e)", "name", 0),
        ("(10)(2e)", "name", 0),
        ("(10)(2e)", "email", 1),
    ]


def test_stray_bracket_form_from_an_address_line() -> None:
    assert roles_and_groups("5.1.2e) < 5.1.2e @minvws.nl>") == [
        ("5.1.2e)", "name", 0),
        ("5.1.2e", "email", 1),
    ]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("T 070 5.1.2e", "phone"),
        ("M 06-(10)(2e)", "phone"),
        ("mobiel: 5.1.2e", "phone"),
        ("Telefoonnummer: 5.1.2e", "phone"),
        ("Functie: 5.1.2e", "function"),
        ("Ontworpen door 5.1.2e", "name"),
        ("Beste 5.1.2e,", "name"),
        ("gesproken met 5.1.2e over", "name"),
        ("5.1.2e (VWS) en de minister", "name"),
        ("Aan:\n\n5.1.2e\n", "name"),
        ("T\n5.1.2e\n", "phone"),
        ("Met vriendelijke groet,\n\n5.1.2e\ndirectie Langdurige Zorg", "name"),
        ("Hoogachtend,\nNamens de minister,\n5.1.2e\nJuridisch adviseur", "name"),
        ("De tekst loopt door.\n\n5.1.2i\n\nHierna volgt meer.", "passage"),
        ("Het overleg was op grond.\n\n5.1.2i\n", "passage"),
        ("(11)(1)", "passage"),
        ("Verzonden: dinsdag\n\n5.1 lid 2 sub e\n\n@uwv.nl>\n", "email"),
        ("en dan 5.1.2e hier", "unknown"),
    ],
)
def test_roles(text: str, role: str) -> None:
    assert [r.role for r in markers_in(text)] == [role]


def test_groups_restart_after_other_text_and_are_contiguous() -> None:
    text = "Aan: 5.1.2e 5.1.2e\nCc: 5.1.2e\nT 5.1.2e 5.1.2e"
    assert [r.group for r in markers_in(text)] == [0, 0, 1, 2, 2]


def test_same_grounds_separated_by_commas_are_separate_items() -> None:
    """``(10)(2e), (10)(2e)`` in a To line is two people, not a list of grounds."""
    redactions = markers_in("Aan: (10)(2e), (10)(2e)")
    assert [r.marker for r in redactions] == ["(10)(2e)", "(10)(2e)"]
    assert redactions[0].group != redactions[1].group


def test_several_grounds_in_one_marker() -> None:
    (redaction,) = markers_in("Passage: 5.1.2e, 5.1.2i")
    assert [g.code for g in redaction.grounds] == ["5.1.2e", "5.1.2i"]
    assert [g.original for g in redaction.grounds] == ["5.1.2e", "5.1.2i"]


def test_turned_down_strings_carry_their_reason() -> None:
    analysis = find_markers("Zie paragraaf 5.2. Het kost 10.2 miljoen.\n\n5.1.2 Doel van het plan")
    reasons = {
        f.span.slice(
            "Zie paragraaf 5.2. Het kost 10.2 miljoen.\n\n5.1.2 Doel van het plan"
        ): f.explanation
        for f in analysis.rejected
    }
    assert reasons == {
        "5.2": "section, page or version reference",
        "10.2": "amount or measure",
        "5.1.2": "section number",
    }


def test_organisation_in_brackets_after_a_group_makes_it_a_name() -> None:
    text = "met de VNG en 5.1.2e 5.1.2e (gemeente Zwolle) over"
    assert [(r.role, r.group) for r in markers_in(text)] == [("name", 0), ("name", 0)]


@pytest.mark.parametrize(
    "text",
    [
        "De namen zijn onleesbaar gemaakt onder vermelding van 5.1.2e.",
        "Deze gegevens zijn gelakt onder vermelding\n\nvan 5.1.2e.",
    ],
)
def test_onder_vermelding_van_cites_the_ground(text: str) -> None:
    assert markers_in(text) == []
    assert [c.kind for c in find_markers(text).citations] == ["citation"]


def _follows_closing_by_splitting(text: str, line_start: int) -> bool:
    """The rule as first written: the non-empty lines of the 400 characters
    above, the last three read upwards."""
    lines = [line.strip() for line in text[max(0, line_start - 400) : line_start].split("\n")]
    for line in reversed([line for line in lines if line][-3:]):
        if context._CLOSING_LINE.match(line):
            return True
        if len(line) > 60:
            return False
    return False


_LINES = st.sampled_from(
    [
        "Met vriendelijke groet,",
        "Hoogachtend",
        "Namens de minister,",
        "",
        "  ",
        "\r",
        "Een lange regel tekst die over het verzoek gaat en meer dan zestig tekens telt.",
        "kort",
        "5.1.2e",
        "mvg",
    ]
)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(_LINES, max_size=40), cut=st.integers(0, 40))
def test_a_closing_above_is_found_as_by_splitting_the_lines(lines: list[str], cut: int) -> None:
    text = "\n".join(lines) + "\n5.1.2e\n"
    line_start = len(text) - len("5.1.2e\n") if cut % 2 else min(cut * 9, len(text))
    expected = _follows_closing_by_splitting(text, line_start)
    assert context._follows_closing(text, line_start) == expected


def test_a_signature_name_after_a_closing_is_a_name() -> None:
    text = "Met vriendelijke groet,\n\nNamens de minister,\n5.1.2e\n"
    assert roles_and_groups(text) == [("5.1.2e", "name", 0)]
