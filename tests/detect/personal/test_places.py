"""Home addresses and postcodes; an organisation's own address stays."""

import pytest

from inzage.detect.personal.places import AddressRecogniser, PostcodeRecogniser
from tests.detect.personal.helpers import found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zij woont aan de Dorpsstraat 12a in Ergens.", [("Dorpsstraat 12a", True)]),
        ("Prins Hendriklaan 3-2, 1234 AB Ergens", [("Prins Hendriklaan 3-2", True)]),
        ("Bezoekadres: Parnassusplein 5, Den Haag", [("Parnassusplein 5", False)]),
        ("Zie artikel 10 en bijlage 2.", []),
        ("Hij woont Kerkstraat 14-hs.", [("Kerkstraat 14-hs", True)]),
    ],
)
def test_addresses(text: str, expected: list[tuple[str, bool]]) -> None:
    assert found(AddressRecogniser(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dorpsstraat 12, 1234 AB Ergens", [("1234 AB", True)]),
        ("Postbus 20350, 2500 EJ Den Haag", [("2500 EJ", False)]),
        ("Postbus 20350\n2500 EJ Den Haag", [("2500 EJ", False)]),
        ("1234 SS is nooit uitgegeven; 0123 AB ook niet", []),
    ],
)
def test_postcodes(text: str, expected: list[tuple[str, bool]]) -> None:
    assert found(PostcodeRecogniser(), text) == expected
