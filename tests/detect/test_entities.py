"""Entity recognisers: one table per kind, with negatives."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.detect.entities import ENTITY_KINDS, find_entities
from inzage.pipeline import parse_text
from inzage.recognisers.base import PatternRecogniser, _ending_at
from inzage.recognisers.registry import shared_registry


def found(text: str, kind: str) -> list[tuple[str, object]]:
    return [(e.text, e.value) for e in find_entities(text).entities if e.kind == kind]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("overleg met VWS en BZK", [("VWS", "mnre1025"), ("BZK", "mnre1034")]),
        (
            "Ministerie van Volksgezondheid, Welzijn en Sport",
            [("Ministerie van Volksgezondheid, Welzijn en Sport", "mnre1025")],
        ),
        (
            "de VNG, het IPO en de Unie van Waterschappen",
            [("VNG", "vng"), ("IPO", "ipo"), ("Unie van Waterschappen", "uvw")],
        ),
        ("GGD GHOR en RIVM", [("GGD GHOR", "ggd-ghor"), ("RIVM", "rivm")]),
        ("brief aan de Tweede Kamer", [("Tweede Kamer", "tweede-kamer")]),
        (
            "gemeente Zwolle en gemeente Oss",
            [("gemeente Zwolle", "gm0193"), ("gemeente Oss", "gemeente Oss")],
        ),
        ("Provincie Utrecht", [("Provincie Utrecht", "pv26")]),
        ("Financiën en J&V", [("Financiën", "mnre1090"), ("J&V", "mnre1058")]),
    ],
)
def test_organisations(text: str, expected: list[tuple[str, object]]) -> None:
    assert found(text, "organisation") == expected


@pytest.mark.parametrize("text", ["VWSX", "het AZ-gebouw", "de wet op de BVWS"])
def test_organisation_look_alikes(text: str) -> None:
    assert found(text, "organisation") == []


@pytest.mark.parametrize(
    ("text", "office"),
    [
        ("de Minister van VWS sprak", "Minister van VWS"),
        ("de Minister voor Rechtsbescherming", "Minister voor Rechtsbescherming"),
        ("de staatssecretaris was er", "staatssecretaris"),
        ("burgemeester van Amsterdam", "burgemeester van Amsterdam"),
        ("de wethouder en", "wethouder"),
        ("de DG gaf akkoord", "DG"),
        ("de Minister-President", "Minister-President"),
        ("Minister van Wonen\n\nIneke Brouwersma", "Minister van Wonen"),
        ("Minister van Wonen\nIneke Brouwersma", "Minister van Wonen"),
        ("de minister van\nBinnenlandse Zaken sprak", "minister van\nBinnenlandse Zaken"),
    ],
)
def test_offices(text: str, office: str) -> None:
    assert [t for t, _ in found(text, "office")] == [office]


def test_ministerie_is_no_minister() -> None:
    assert found("Ministerie van Financiën", "office") == []


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("€ 85 mln.", 85 * 10**8),
        ("350 mln. euro", 350 * 10**8),
        ("€ 2 miljard", 2 * 10**11),
        ("€ 615 miljoen", 615 * 10**8),
        ("EUR 1.250,50", 125050),
        ("€ 3.559.927", 355992700),
        ("€ 12,5 mln", 1250000000),
    ],
)
def test_money(text: str, cents: int) -> None:
    assert [value for _, value in found(f"een bedrag van {text} per jaar", "money")] == [cents]


@pytest.mark.parametrize(
    ("text", "iso"),
    [("11 juni 2020", "2020-06-11"), ("3 sep. 2020", "2020-09-03"), ("11-06-2020", "2020-06-11")],
)
def test_dates(text: str, iso: str) -> None:
    assert found(f"op {text} besloten", "date") == [(text, iso)]


def test_impossible_dates_are_no_dates() -> None:
    assert found("op 31-02-2020 besloten", "date") == []


@pytest.mark.parametrize(
    ("kind", "text", "entity"),
    [
        ("url", "zie https://open.overheid.nl/doc/123.", "https://open.overheid.nl/doc/123"),
        ("url", "zie www.rijksoverheid.nl, en", "www.rijksoverheid.nl"),
        ("email", "mail j.mol@minbzk.nl.", "j.mol@minbzk.nl"),
        ("law", "de Jeugdwet en", "Jeugdwet"),
        ("law", "op grond van de Wmo 2015", "Wmo 2015"),
    ],
)
def test_urls_addresses_and_laws(kind: str, text: str, entity: str) -> None:
    assert [t for t, _ in found(text, kind)] == [entity]


def test_redacted_addresses_are_markers_not_entities() -> None:
    assert found("Van: (10)(2e)@minvws.nl", "email") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("bel 06-12345678", "+31612345678"),
        ("T 070 123 4567", "+31701234567"),
        ("+31 (0)70 123 45 67", "+31701234567"),
        ("0612 34 56 78", "+31612345678"),
    ],
)
def test_phones(text: str, value: str) -> None:
    assert [v for _, v in found(text, "phone")] == [value]


@pytest.mark.parametrize(
    "text", ["tabel 0 1 2 3 4 5 6 7 8 9", "kenmerk 12345678901", "bedrag 0,12345678"]
)
def test_phone_look_alikes(text: str) -> None:
    assert found(text, "phone") == []


def test_documents_carry_the_entities_in_their_span() -> None:
    source = parse_text("De Minister van VWS schrijft aan de VNG over € 85 mln.\n")
    (document,) = source.documents
    assert {(e.kind, e.text) for e in document.entities} == {
        ("office", "Minister van VWS"),
        ("organisation", "VWS"),
        ("organisation", "VNG"),
        ("money", "€ 85 mln."),
    }
    for entity in document.entities:
        assert source.text[entity.span.start : entity.span.end] == entity.text


def test_every_entity_kind_is_tested_here_and_registered() -> None:
    assert set(ENTITY_KINDS) == {
        "organisation",
        "office",
        "law",
        "money",
        "date",
        "url",
        "email",
        "phone",
    }
    assert all(shared_registry().get(kind) for kind in ENTITY_KINDS)


# The amount, date and phone patterns start where a run of digits starts (a look-behind
# after the first digit), for speed on tables of numbers; they must find what
# the plain forms, checked for what stands before them, find.
_PLAIN = {
    ("money", "sign-last"): (
        r"(?P<number>\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:,\d{1,2})?)"
        r"(?:\s*(?P<mult>mln|miljoen|mld|miljard)\.?)?\s*(?:euro|EUR)\b",
        r"[\w.,]",
    ),
    ("date", "numeric"): (r"\d{1,2}-\d{1,2}-\d{4}(?![\w-])", r"[\w.,/-]"),
    ("phone", "dutch"): (
        r"(?:(?:\+31|0031)\s?(?:\(0\)\s?)?|0)(?=(?:[\s-]?\d){9}(?!\d))"
        r"[1-9]\d{0,2}(?:[\s-]?\d{2,8}){1,4}(?!\d)",
        r"[\w+]",
    ),
}


def _plain_matches(regex: str, not_after: str, text: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for match in re.finditer(regex, text):
        if match.start() and re.match(not_after, text[match.start() - 1]):
            continue
        found.append(match.span())
    return found


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["1", "23", "456", "0", "06", "+31", "(0)", ".", ",", "-", " ", "euro", "EUR", "a"]
        ),
        max_size=40,
    ).map("".join)
)
def test_digit_run_patterns_find_what_the_plain_forms_find(text: str) -> None:
    for (kind, name), (plain, not_after) in _PLAIN.items():
        (recogniser,) = [r for r in shared_registry().get(kind) if hasattr(r, "PATTERNS")]
        (pattern,) = [p for p in recogniser.PATTERNS if p.name == name]
        fast = re.compile(pattern.regex, pattern.flags)
        spans = [m.span() for m in fast.finditer(text)]
        spans = [s for s in spans if not (s[0] and re.match(not_after, text[s[0] - 1]))]
        assert spans == _plain_matches(plain, not_after, text), (kind, name)


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(["1", "23", "456", ".", ",", " ", "mln", "euro", "EUR", "euros", "a"]),
        max_size=40,
    ).map("".join)
)
def test_amounts_found_before_their_unit_are_those_of_a_whole_scan(text: str) -> None:
    # Searching only the stretch before each "euro" must find what a scan of
    # the whole text finds, up to the reach (longer amounts are no amounts).
    (money,) = [r for r in shared_registry().get("money") if isinstance(r, PatternRecogniser)]
    (pattern,) = [p for p in money.PATTERNS if p.name == "sign-last"]
    regex = re.compile(pattern.regex, pattern.flags)
    unit = re.compile(pattern.ends_with)
    whole = [
        m.span()
        for m in regex.finditer(text)
        if m.end() - m.start() - (4 if m.group().endswith("euro") else 3) <= pattern.reach
    ]
    assert [m.span() for m in _ending_at(regex, unit, pattern.reach, text)] == whole
