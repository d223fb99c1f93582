"""Persons: office holders, redacted names, and the leak flag for the disclosing side."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.detect.persons import LEAK_WARNING
from inzage.pipeline import parse_text

REDACTED_MAIL = (
    "Van: (10)(2e) (10)(2e)\nVerzonden: dinsdag 9 juni 2020 10:20\nAan: Groep DLZ\n"
    "Onderwerp: overleg\n\n{body}\n\nMet vriendelijke groet,\n(10)(2e)\n"
)


def persons(text: str) -> list[tuple[str, str | None, bool | None]]:
    document = parse_text(text).documents[0]
    return [(e.text, e.role, e.redacted) for e in document.entities if e.kind == "person"]


def test_a_first_name_left_visible_next_to_redacted_names_is_flagged() -> None:
    source = parse_text(REDACTED_MAIL.format(body="Ik had overleg met Pieter van het team."))
    found = [(e.text, e.redacted) for e in source.documents[0].entities if e.kind == "person"]
    assert found == [("(10)(2e) (10)(2e)", True), ("Pieter", False), ("(10)(2e)", True)]
    assert source.warnings == [LEAK_WARNING]


def test_office_holders_are_named_and_not_flagged() -> None:
    body = "De Minister van VWS, Hugo Jansen, sluit aan. Ook burgemeester van Zwolle komt."
    source = parse_text(REDACTED_MAIL.format(body=body))
    assert ("Hugo Jansen", "Minister van VWS", False) in persons(source.text)
    assert source.warnings == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Zij sprak met Hugo Jansen, Minister van VWS, over de zorg.",
            ("Hugo Jansen", "Minister van VWS"),
        ),
        (
            "Hoogachtend,\n\nAnna de Wit\nburgemeester van Zwolle\n",
            ("Anna de Wit", "burgemeester van Zwolle"),
        ),
        (
            "Namens deze, de Minister voor Medische Zorg, Eva Kok.",
            ("Eva Kok", "Minister voor Medische Zorg"),
        ),
    ],
)
def test_names_beside_or_above_an_office(text: str, expected: tuple[str, str]) -> None:
    assert [(n, r) for n, r, _ in persons(text)] == [expected]


def test_names_after_cues_are_persons_without_a_role() -> None:
    text = "Beste Karin,\n\nIk sprak met dhr. J. de Boer en met de heer Bakker over de nota."
    assert persons(text) == [
        ("Karin", None, False),
        ("J. de Boer", None, False),
        ("Bakker", None, False),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Ik sprak met De Nederlandsche Bank.",
        "Overleg met VWS en met de gemeente.",
        "Met vriendelijke groet,\n\nDirectie Jeugd",
        "Geachte heer,\n\nDank voor uw brief.",
    ],
)
def test_capitalised_words_that_are_no_names(text: str) -> None:
    assert persons(text) == []


def test_no_flag_in_a_document_that_redacts_no_names() -> None:
    source = parse_text("Ik had overleg met Pieter van het team over de planning.")
    assert persons(source.text) == [("Pieter", None, False)]
    assert source.warnings == []


# --- issue 17: participant lists and names written with their unit -------------------

PARTICIPANTS = (
    "Kenmerk 4412345-223344-DWO\nDatum 12 maart 2031\n\nnota\n\n2 Deelnemers overleg\n\n"
    "Wouter Kramsveld\n\n5.1.2e\n\nMinister van Wonen\n\n"
    "- Ineke Brouwersma\n5.1.2e\n5.1.2e\nwethouder van Zwolle\n\n"
    "3 Te bespreken punten\n\nTekst.\n"
)


def test_a_name_above_redacted_lines_and_an_office_is_the_office_holder() -> None:
    source = parse_text(PARTICIPANTS)
    holders = [(n, r) for n, r, redacted in persons(source.text) if not redacted]
    assert ("Wouter Kramsveld", "Minister van Wonen") in holders
    assert ("Ineke Brouwersma", "wethouder van Zwolle") in holders
    assert source.warnings == []


def test_a_name_above_a_line_of_text_is_no_office_holder() -> None:
    text = "Wouter Kramsveld\n\nheeft gesproken met de\n\nMinister van Wonen\n"
    assert [n for n, _, _ in persons(text)] == []


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Zij werkt 1 dag in de week, Maarten/DWO neemt het over.", "Maarten"),
        ("Afstemming met Femke/PDC-19 volgt.", "Femke"),
        ("Planning: Sanne/DGV, 2 dagen.", "Sanne"),
    ],
)
def test_a_first_name_with_its_unit_is_a_possible_leak(line: str, name: str) -> None:
    source = parse_text(REDACTED_MAIL.format(body=line))
    assert (name, None, False) in persons(source.text)
    assert source.warnings == [LEAK_WARNING]


@pytest.mark.parametrize(
    "line",
    [
        "Het budget van Jeugd/DJ is op.",
        "Overleg Financiën/FEZ over de claim.",
        "Zie de notitie Wonen/DWO van maart.",
        "Zij werkt bij Maarten/dwo en meer.",  # no unit code after the slash
    ],
)
def test_words_with_a_unit_are_no_names(line: str) -> None:
    source = parse_text(REDACTED_MAIL.format(body=line))
    assert source.warnings == []


@settings(max_examples=50, deadline=None)
@given(
    st.sampled_from(["Maarten", "Femke", "Sanne", "Pieter", "Wouter"]),
    st.from_regex(r"[A-Z]{2,5}(-[A-Z0-9]{2,4})?", fullmatch=True),
    st.sampled_from(["1 dag in de week, {x} regelt het.", "Met dank aan {x}.", "{x}: akkoord."]),
)
def test_first_names_with_any_unit_code_are_flagged(first: str, unit: str, template: str) -> None:
    source = parse_text(REDACTED_MAIL.format(body=template.format(x=f"{first}/{unit}")))
    assert (first, None, False) in persons(source.text)
    assert source.warnings == [LEAK_WARNING]
