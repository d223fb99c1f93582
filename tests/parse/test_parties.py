"""Parties in header values, including every redacted form."""

import pytest

from inzage.parse.markers.engine import find_markers
from inzage.parse.parties import parse_parties


def parties(value: str) -> list[tuple[str | None, str | None, str | None, bool, list[str]]]:
    found = parse_parties(value, 0, find_markers(value).redactions)
    return [(p.name, p.address, p.domain, p.redacted, p.grounds) for p in found]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Jan Mol <j.mol@minbzk.nl>", [("Jan Mol", "j.mol@minbzk.nl", "minbzk.nl", False, [])]),
        ("j.mol@minbzk.nl", [(None, "j.mol@minbzk.nl", "minbzk.nl", False, [])]),
        ("Mol, Jan <j.mol@minbzk.nl>", [("Mol, Jan", "j.mol@minbzk.nl", "minbzk.nl", False, [])]),
        (
            "a@vng.nl, b@vng.nl",
            [(None, "a@vng.nl", "vng.nl", False, []), (None, "b@vng.nl", "vng.nl", False, [])],
        ),
        (
            "Mol, Jan <j.mol@minbzk.nl>; Groep Wetgeving medewerkers",
            [
                ("Mol, Jan", "j.mol@minbzk.nl", "minbzk.nl", False, []),
                ("Groep Wetgeving medewerkers", None, None, False, []),
            ],
        ),
        (
            "(10)(2e) (10)(2e) <(10)(2e)@minvws.nl>",
            [(None, "(10)(2e)@minvws.nl", "minvws.nl", True, ["5.1.2e"])],
        ),
        ("[redacted]@minvws.nl]", [(None, "[redacted]@minvws.nl", "minvws.nl", True, [])]),
        (
            "5.1.2e) < 5.1.2e @minvws.nl>",
            [(None, "5.1.2e@minvws.nl", "minvws.nl", True, ["5.1.2e"])],
        ),
        ("5.1.2e 5.1.2e", [(None, None, None, True, ["5.1.2e"])]),
        ("Jan 5.1.2e", [("Jan 5.1.2e", None, None, True, ["5.1.2e"])]),
        ("Minister van VWS", [("Minister van VWS", None, None, False, [])]),
    ],
)
def test_parties(value: str, expected: list[tuple[object, ...]]) -> None:
    assert parties(value) == expected
