"""E-mail addresses and phone numbers."""

import pytest

from inzage.detect.personal.contact import EmailAddressRecogniser, PhoneNumberRecogniser
from tests.detect.personal.helpers import found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail anna.devries@minvws.nl graag.", [("anna.devries", True)]),
        ("<p.bakker@vng.nl>", [("p.bakker", True)]),
        (
            "Vragen: woo@minvws.nl of secretariaat-dmo@minvws.nl",
            [("woo", False), ("secretariaat-dmo", False)],
        ),
        ("noreply@rijksoverheid.nl", [("noreply", False)]),
        ("(10)(2e)@minvws.nl is al weggelakt", []),
        ("geen adres: jan@ of @minvws.nl", []),
    ],
)
def test_email_local_parts(text: str, expected: list[tuple[str, bool]]) -> None:
    assert found(EmailAddressRecogniser(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bel 06-12345678.", [("06-12345678", True)]),
        ("M +31 (0)6 8765 4321", [("+31 (0)6 8765 4321", True)]),
        ("T 070 - 123 45 67", [("070 - 123 45 67", True)]),
        ("tel. 0031 6 12345678 of 0612345678", [("0031 6 12345678", True), ("0612345678", True)]),
        ("+44 20 7946 0958", [("+44 20 7946 0958", True)]),
        ("Algemeen nummer: 070 340 79 11", [("070 340 79 11", False)]),
        ("Bel gratis 0800-1234567", [("0800-1234567", False)]),
        ("Op 09-06-2020 om 10:20", []),
        ("Verzonden 09-06-2020 10:20", []),
        ("Kenmerk 2020-0012345, bedrag 1.234.567", []),
    ],
)
def test_phone_numbers(text: str, expected: list[tuple[str, bool]]) -> None:
    assert found(PhoneNumberRecogniser(), text) == expected


def test_a_mobile_number_is_never_a_switchboard() -> None:
    assert found(PhoneNumberRecogniser(), "Algemeen: 06-12345678") == [("06-12345678", True)]
