"""BSN, IBAN, licence plates, dates of birth."""

import pytest

from inzage.detect.personal.numbers import (
    BirthDateRecogniser,
    BsnRecogniser,
    IbanRecogniser,
    LicencePlateRecogniser,
)
from inzage.detect.proposals import text_context
from tests.detect.personal.helpers import texts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BSN 111222333", ["111222333"]),
        ("burgerservicenummer: 1112.22.333", ["1112.22.333"]),
        ("nummer 111 222 333 en 11 12 22 333", ["111 222 333", "11 12 22 333"]),
        ("zaak 123456789", []),  # fails the 11-proof
        ("bedrag 111.222.333,00", []),
        ("1112223330", []),  # ten digits
    ],
)
def test_bsn(text: str, expected: list[str]) -> None:
    assert texts(BsnRecogniser(), text) == expected


def test_a_bsn_among_numbers_that_fail_the_proof_is_for_review() -> None:
    table = "Cursus 123456789\nCursus 234567890\nCursus 345678901\nCursus 456789012\n"
    text = table + "Cursus 111222333\nBSN 123456782\n"
    findings = list(BsnRecogniser().find_in(text_context(text)))
    scores = {f.span.slice(text): f.score for f in findings}
    assert scores == {"111222333": 0.6, "123456782": 1.0}  # the cue word still counts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IBAN NL91 ABNA 0417 1643 00.", ["NL91 ABNA 0417 1643 00"]),
        ("rekening NL91ABNA0417164300", ["NL91ABNA0417164300"]),
        ("DE89 3704 0044 0532 0130 00", ["DE89 3704 0044 0532 0130 00"]),
        ("NL92 ABNA 0417 1643 00", []),  # wrong check digits
    ],
)
def test_iban(text: str, expected: list[str]) -> None:
    assert texts(IbanRecogniser(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kenteken GF-123-K", ["GF-123-K"]),
        ("auto 12-KXB-3 en 99-XX-99", ["12-KXB-3", "99-XX-99"]),
        ("artikel 5-1-2", []),
        ("de AB-12-CD-lijst", []),
        ("EU-12-34 (klinkers)", []),
    ],
)
def test_licence_plates(text: str, expected: list[str]) -> None:
    assert texts(LicencePlateRecogniser(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("geboren op 12-03-1980 te Ergens", ["12-03-1980"]),
        ("Geboortedatum: 3 april 1975", ["3 april 1975"]),
        ("geb. 1975-04-03", ["1975-04-03"]),
        ("Datum: 12-03-2020", []),
    ],
)
def test_birth_dates(text: str, expected: list[str]) -> None:
    assert texts(BirthDateRecogniser(), text) == expected
