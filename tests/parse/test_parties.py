"""Parties in header values, including every redacted form."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.model import Party
from inzage.parse.markers.engine import find_markers
from inzage.parse.parties import parse_parties, party_keys, sender_key


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


# What a converter or OCR leaves where a blacked-out sender was: a redacted party.
@pytest.mark.parametrize(
    "value",
    [
        "<",
        "| | < |",
        "= <",
        "< >",
        "—",
        '<a href="mailto:"></a>',
        '< <a href="mailto:"></a> >',
        "< [redacted](mailto:redacted)>",
        "Image /page/0/Picture/3 description: The image shows a grey rectangle.",
        "![afbeelding](image001.png)",
    ],
)
def test_residue_is_a_redacted_party_without_a_name(value: str) -> None:
    assert [(name, address, redacted) for name, address, _, redacted, _ in parties(value)] == [
        (None, None, True)
    ]


# A date, a time or crumbs of a name where the sender was: no party at all.
@pytest.mark.parametrize(
    "value",
    [
        "maart",
        "augustus",
        "april",
        "jan",
        "dinsdag",
        "Thur",
        "17:14",
        "9 2024",
        "dinsdag 3 maart 2020 13:35",
        "Jul 2024 at",
        "4 PM",
        "August AM",
        "J",
        "K.",
        "(J. K. )",
        "Namens",
        "RE:",
        "5.1.",
        "Kramsvel-",
    ],
)
def test_dates_times_and_fragments_are_no_party(value: str) -> None:
    assert parties(value) == []


@pytest.mark.parametrize("value", ["Jan", "April", "Ineke", "BG MD", "Minister van VWS"])
def test_short_names_and_month_like_first_names_stay_parties(value: str) -> None:
    assert parties(value) == [(value, None, None, False, [])]


def test_a_fragment_beside_an_address_leaves_the_address() -> None:
    assert parties("maart <w.kramsveld@example.nl>") == [
        (None, "w.kramsveld@example.nl", "example.nl", False, [])
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # OCR lost the angle brackets: the address still ends the party.
        (
            "Wouter Kramsveld w.kramsveld@example.nl",
            [("Wouter Kramsveld", "w.kramsveld@example.nl", "example.nl", False, [])],
        ),
        ("5.1.2e @example.nl", [(None, "@example.nl", "example.nl", True, ["5.1.2e"])]),
        # ... and the ";" between two addresses.
        (
            "@example.nl> @example.nl>",
            [(None, "@example.nl", "example.nl", False, [])] * 2,
        ),
        # A name cut off at the end of the line before its initials.
        ("Brouwersma, Ineke (", [("Brouwersma, Ineke", None, None, False, [])]),
    ],
)
def test_ocr_damaged_parties(value: str, expected: list[tuple[object, ...]]) -> None:
    assert parties(value) == expected


@pytest.mark.parametrize(
    "value", ["Example.nl", "<@Example.nl>", "@example.nl>", "< @Example.nl >"]
)
def test_a_domain_alone_is_an_address_without_its_local_part(value: str) -> None:
    (party,) = parse_parties(value, 0)
    assert (party.name, party.address.lower() if party.address else None, party.domain) == (
        None,
        "@example.nl",
        "example.nl",
    )
    assert party_keys(party) == frozenset()  # a domain tells no one
    assert sender_key(party) == "@example.nl"


def test_j_dot_name_is_no_domain() -> None:
    assert parties("J.Kramsveld") == [("J.Kramsveld", None, None, False, [])]


def one(value: str) -> Party:
    (party,) = parse_parties(value, 0, find_markers(value).redactions)
    return party


@pytest.mark.parametrize(
    "rendering",
    [
        "Wouter Kramsveld <w.kramsveld@example.nl>",
        "Kramsveld, Wouter",
        "Kramsveld, Wouter (W.)",
        "WOUTER   KRAMSVELD",
        "Kramsveld, Wouter (",
        '"Kramsveld, Wouter" <W.Kramsveld@Example.NL>',
    ],
)
def test_one_person_rendered_differently_is_one_party(rendering: str) -> None:
    reference = one("Wouter Kramsveld <w.kramsveld@example.nl>")
    assert party_keys(one(rendering)) & party_keys(reference)
    assert sender_key(one(rendering)) == sender_key(reference) == "kramsveld wouter"


def test_name_and_address_renderings_meet_through_the_full_form() -> None:
    full, name, address = (
        one(v)
        for v in (
            "Ineke Brouwersma <i.brouwersma@example.nl>",
            "Ineke Brouwersma",
            "<I.Brouwersma@example.nl>",
        )
    )
    assert party_keys(full) & party_keys(name)
    assert party_keys(full) & party_keys(address)
    assert not party_keys(one("Ineke Brouwer")) & party_keys(full)


def test_redacted_parties_tell_no_one() -> None:
    assert party_keys(one("Jan 5.1.2e <jan@example.nl>")) == frozenset()
    assert sender_key(one("(10)(2e) <(10)(2e)@minvws.nl>")) == sender_key(
        one("5.1.2e <5.1.2e@minvws.nl>")
    )


_FIRST = st.sampled_from(["Wouter", "Ineke", "Pieter", "Anouk"])
_LAST = st.sampled_from(["Kramsveld", "Brouwersma", "Oosterbeek", "Veldkamp"])
_DOMAIN_NAME = st.sampled_from(["example.nl", "minvws.nl", "rivm.nl"])


@st.composite
def renderings(draw: st.DrawFn) -> tuple[str, str, str]:
    """A person and two ways a header can print them that both show the name."""
    first, last, domain = draw(_FIRST), draw(_LAST), draw(_DOMAIN_NAME)
    address = f"{first[0].lower()}.{last.lower()}@{domain}"
    forms = [
        f"{first} {last}",
        f"{last}, {first}",
        f"{first} {last} <{address}>",
        f"{last}, {first} <{address}>",
        f'"{last}, {first}" <{address}>',
        f"{last}, {first} ({first[0]}.)",
        f"{first} {last} {address}",
    ]
    a, b = draw(st.sampled_from(forms)), draw(st.sampled_from(forms))
    case = draw(st.sampled_from(["as is", "upper", "lower"]))
    spaces = draw(st.sampled_from([" ", "  ", "\t"]))
    b = b.upper() if case == "upper" else b.lower() if case == "lower" else b
    return address, a, b.replace(" ", spaces, 1)


@given(renderings())
@settings(max_examples=200)
def test_property_renderings_of_one_person_are_one_party(case: tuple[str, str, str]) -> None:
    _, a, b = case
    assert party_keys(one(a)) & party_keys(one(b))
    assert sender_key(one(a)) == sender_key(one(b))


@given(
    _DOMAIN_NAME, st.sampled_from(["{d}", "<@{d}>", "@{d}>", "<@{d}", "< @{d} >"]), st.booleans()
)
def test_property_domain_renderings_are_one_party(domain: str, form: str, upper: bool) -> None:
    value = form.format(d=domain.upper() if upper else domain)
    assert one(value).model_copy(update={"address": None}) == Party(domain=domain)
    assert sender_key(one(value)) == f"@{domain}"


_DATE_WORDS = st.sampled_from(
    [
        "maart",
        "Augustus",
        "SEPTEMBER",
        "mei",
        "dinsdag",
        "Donderdag",
        "Thur",
        "Tues",
        "wo",
        "Monday",
        "okt.",
        "Sept",
        "am",
        "PM",
    ]
)
_NUMBERS = st.sampled_from(["3", "13:35", "2020", "9:05:12", "1/7/2021", "17", "om 10:20"])


@given(st.lists(st.one_of(_DATE_WORDS, _NUMBERS), min_size=1, max_size=5))
def test_property_dates_are_never_parties(words: list[str]) -> None:
    assert parties(" ".join(words)) == []


@given(st.text(alphabet="<>|=()[]-—.,:;*_ \"'", min_size=1, max_size=12))
def test_property_punctuation_is_never_a_named_party(value: str) -> None:
    assert all(name is None and address is None for name, address, *_ in parties(value))
    assert all(redacted for *_, redacted, _ in parties(value))
