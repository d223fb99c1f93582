"""Persons: office holders, redacted names, and the leak flag for the disclosing side."""

import pytest

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
