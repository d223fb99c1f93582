"""The grounds catalogue (spec/grounds.md) and the notation parser."""

import pytest

from inzage.errors import ConfigurationError
from inzage.grounds import catalogue, grounds_for, load_catalogue, parse_reference

WOO_CODES = [
    *(f"5.1.1{letter}" for letter in "abcde"),
    *(f"5.1.2{letter}" for letter in "abcdefghi"),
    "5.1.4",
    "5.1.5",
    "5.1.6",
    "5.2",
    "5.2.2",
    "5.4",
    "5.4a",
]

WOB_TO_WOO = {
    "10.1a": "5.1.1a",
    "10.1b": "5.1.1b",
    "10.1c": "5.1.1c",
    "10.1d": "5.1.1d",
    "10.2a": "5.1.2a",
    "10.2b": "5.1.2b",
    "10.2c": "5.1.2c",
    "10.2d": "5.1.2d",
    "10.2e": "5.1.2e",
    "10.2f": "5.1.4",
    "10.7a": "5.1.2g",
    "10.7b": "5.1.2h",
    "11.1": "5.2",
    "11.2": "5.2.2",
}


@pytest.mark.parametrize("code", WOO_CODES)
def test_every_woo_code_is_known_with_a_label(code: str) -> None:
    info = catalogue().get(code)
    assert info is not None and info.law == "Woo" and info.label


@pytest.mark.parametrize(("wob", "woo"), WOB_TO_WOO.items())
def test_wob_codes_map_to_their_woo_successor(wob: str, woo: str) -> None:
    ground = catalogue().ground(wob, wob)
    assert (ground.code, ground.law, ground.original) == (woo, "Wob", wob)
    assert ground.label == catalogue().get(woo).label  # type: ignore[union-attr]


def test_10_2g_keeps_both_candidates() -> None:
    ground = catalogue().ground("10.2g", "10.2.g")
    assert ground.code == "10.2g"
    assert ground.candidates == ["5.1.5", "5.1.2i"]


def test_5_2_1_is_an_alias_of_5_2() -> None:
    assert catalogue().get("5.2.1") is catalogue().get("5.2")


SAME_GROUND = [
    "5.1.2e",
    "5.1.2.e",
    "5.1.2 e",
    "5.1.2 sub e",
    "5.1 lid 2 sub e",
    "artikel 5.1, tweede lid, aanhef en onder e, van de Woo",
    "10.2.e",
    "10.2e",
    "10.2 e",
    "102e",
    "wob102e",
    "art10.2e",
    "art. 10.2.e",
    "10(2)(e)",
    "(10)(2e)",
    "(10)(2)(e)",
    "10 (2) (e)",
    "artikel 10, tweede lid, aanhef en onder e",
    "art. 10 lid 2 onder e Wob",
]


@pytest.mark.parametrize("notation", SAME_GROUND)
def test_every_notation_of_the_spec_names_5_1_2e(notation: str) -> None:
    assert [g.code for g in grounds_for(notation)] == ["5.1.2e"]


@pytest.mark.parametrize(
    ("notation", "codes"),
    [
        ("5.1 lid 2 sub e en i", ("5.1.2e", "5.1.2i")),
        ("artikel 10, tweede lid, aanhef en onder e en g", ("10.2e", "10.2g")),
        ("5.1.2e/i", ("5.1.2e", "5.1.2i")),
        ("51lid2sube", ("5.1.2e",)),
        ("artikel 5.1, eerste lid, onder c", ("5.1.1c",)),
        ("5.2 lid 1", ("5.2",)),
        ("5.4a", ("5.4a",)),
    ],
)
def test_letter_lists_ordinals_and_glued_forms(notation: str, codes: tuple[str, ...]) -> None:
    assert parse_reference(notation).codes == codes


@pytest.mark.parametrize(
    ("notation", "problem"),
    [
        ("5.1", "article 5.1 without lid"),
        ("5.1.3", "no such ground (5.1.3)"),
        ("10.2h", "no such ground (10.2h)"),
        ("5.1.22", "no such ground (5.1.22)"),
        ("lid sub", "no article number"),
    ],
)
def test_problems_are_explained(notation: str, problem: str) -> None:
    reference = parse_reference(notation)
    assert reference.codes == ()
    assert reference.problem == problem


def test_broken_catalogue_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError):
        load_catalogue("woo: [{code: 5.1.2e}]")
    with pytest.raises(ConfigurationError, match="unknown Woo code"):
        load_catalogue("woo: []\nwob: [{code: '10.2e', woo: ['9.9']}]\nother: []")
