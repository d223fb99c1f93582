"""Decision letters: which date is the request's and which the letter's own.

All letters, names and places are invented."""

import random
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inzage.parse.decision import decision_fields, request_date, running_header_date
from inzage.pipeline import parse_text

LETTERHEAD = (
    "Datum\t14 maart 2031\nOns kenmerk\tWOO-2031-41\nBetreft\tBesluit op uw Woo-verzoek\n\n"
)
DECIDES = "\n\nIk heb besloten de documenten openbaar te maken.\n"
MONTH_NAMES = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()


def fields(text: str) -> dict[str, str]:
    (document,) = parse_text(text).documents
    assert document.kind == "letter"
    return document.fields


def letter(body: str) -> dict[str, str]:
    return fields(LETTERHEAD + "Geachte heer Kramsveld,\n\n" + body + DECIDES)


def written(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "In uw bericht van 3 februari 2031 vraagt u om de stukken over de Veldbrug.",
            "2031-02-03",
        ),
        ("Bij e-mail van 4 februari 2031 heeft u verzocht om documenten.", "2031-02-04"),
        ("Uw verzoek, ingediend op 5 februari 2031, gaat over de haven.", "2031-02-05"),
        ("Uw verzoek is op 6 februari 2031 ontvangen.", "2031-02-06"),
        (
            "Op 7 februari 2031 ontvingen wij uw (aangetekende) brief waarin u ons vraagt.",
            "2031-02-07",
        ),
        ("In uw mail van 8 februari 2031, heeft u gevraagd om alle notulen.", "2031-02-08"),
        ("Op 9 februari2031 hebben wij per email uw verzoek ontvangen.", "2031-02-09"),
        ("U heeft per brief van 10 februari 2031 een verzoek ingediend.", "2031-02-10"),
        (
            "In de periode tussen 2 februari 2031 en 9 maart 2031 heeft u een Woo-verzoek "
            "ingediend en gepreciseerd.",
            "2031-02-02",
        ),
    ],
)
def test_request_phrases(sentence: str, expected: str) -> None:
    assert letter(sentence)["request_date"] == expected


def test_a_request_named_with_the_law_between_is_dated_by_its_dd() -> None:
    text = (
        "Datum 29 november 2031\nOnderwerp Uw Woo-verzoek in het kader van de Wet open overheid "
        "d.d. 5 september 2031\n\nGeachte mevrouw Brouwersma,\n\nOp 8 november 2031 heeft de "
        "gemeente u een brief gezonden met een verslag van het gesprek." + DECIDES
    )
    assert fields(text)["request_date"] == "2031-09-05"


@pytest.mark.parametrize(
    "sentence",
    [
        "Verzonden per e-mail op 12 maart 2031.",
        "Per e-mail verzonden op 12 maart 2031 aan de heer Kramsveld.",
        "Op 2 maart 2031 heeft de gemeente u een brief gezonden.",
        "Op 3 maart 2031 is u verzocht uw verzoek te verduidelijken.",
        "De ontvangst van uw verzoek is bevestigd bij brief van 4 maart 2031.",
        "Bij brief van 5 maart 2031 is de beslistermijn met vier weken verdaagd.",
        "Op 6 maart 2031 heeft u telefonisch contact gehad met de Woo-coördinator.",
        "U verzoekt om documenten over uw handhavingsverzoek d.d. 1 mei 2029.",
        "Op 3 januari 2030 heeft u een handhavingsverzoek ingediend.",
        "Op 4 januari 2030 heeft u eerder een soortgelijk verzoek ingediend.",
        "Op 5 januari 2031 heeft u ook een Woo-verzoek ingediend over de haven.",
        "Op 6 januari 2031 heeft u de beslissing over dat verzoek per post ontvangen.",
        "Op 7 januari 2031 is met u nog eens over uw verzoek gesproken.",
    ],
)
def test_what_is_not_the_request(sentence: str) -> None:
    assert "request_date" not in letter(sentence)


def test_the_acknowledgement_and_postponement_come_first_but_the_request_wins() -> None:
    body = (
        "De ontvangst van uw verzoek is bevestigd bij brief van 14 februari 2031. "
        "Bij brief van 20 februari 2031 is de beslistermijn verdaagd. "
        "In uw e-mail van 11 februari 2031 heeft u verzocht om de stukken. "
        "Op 25 februari 2031 heeft u gevraagd het verzoek uit te breiden."
    )
    assert letter(body)["request_date"] == "2031-02-11"


def test_dates_after_the_verb_are_what_was_asked_for() -> None:
    body = "Op 3 maart 2031 heeft u verzocht om de notulen van de vergadering op 5 januari 2031."
    assert letter(body)["request_date"] == "2031-03-03"


def test_a_request_after_the_letter_date_is_no_request() -> None:
    body = "Bij brief van 20 maart 2031 heeft u verzocht om stukken. Uw verzoek van 2 maart 2031."
    assert letter(body)["request_date"] == "2031-03-02"


@pytest.mark.parametrize(
    ("sentence", "letter_date", "expected"),
    [
        (
            "In uw e-mail van 6 februari jongstleden vraagt u om stukken.",
            "14 maart 2031",
            "2031-02-06",
        ),
        ("Uw verzoek van 6 februari jl. gaat over de haven.", "10 januari 2031", "2030-02-06"),
        ("Op 6 februari heeft u verzocht om stukken.", "6 februari 2031", "2031-02-06"),
        ("Uw verzoek van 29 februari jl. gaat over de haven.", "1 maart 2031", "2028-02-29"),
    ],
)
def test_a_request_date_without_a_year_is_read_against_the_letter_date(
    sentence: str, letter_date: str, expected: str
) -> None:
    text = (
        f"Datum\t{letter_date}\nBetreft\tBesluit op uw Woo-verzoek\n\nGeachte heer Kramsveld,\n\n"
    )
    assert fields(text + sentence + DECIDES)["request_date"] == expected


def test_without_a_letter_date_a_yearless_date_takes_the_next_year_in_its_sentence() -> None:
    body = "In uw e-mail van 22 juni, ontvangen op 23 juni 2031, heeft u verzocht om stukken."
    assert request_date(body) == "2031-06-22"
    assert request_date("Uw verzoek van 22 juni jl. gaat over de haven.") is None


@pytest.mark.parametrize(
    "stamp", ["19 APR, 2031", "1 9 APR. 2031", "19 APR 2031", "19APR.2031", "1 9 APRIL 2031"]
)
def test_a_margin_stamp_dates_a_letter_without_a_date_beside_datum(stamp: str) -> None:
    text = (
        f"Ons kenmerk WOO-2031-41\n{stamp}\nBetreft Besluit op uw Woo-verzoek\n\n"
        "Geachte heer Kramsveld,\n\nUw verzoek van 3 maart 2031 gaat over de haven." + DECIDES
    )
    found = fields(text)
    assert found["decision_date"] == "2031-04-19"
    assert found["request_date"] == "2031-03-03"


def test_a_date_beside_datum_wins_over_a_stamp() -> None:
    text = "Datum 17 april 2031\n2 0 APR. 2031\n\nGeachte heer Kramsveld,\n\nTekst."
    assert decision_fields(text, None, [])["decision_date"] == "2031-04-17"


def test_a_column_layout_prints_the_date_past_the_salutation() -> None:
    text = (
        "Retouradres Postbus 12 9999 ZZ Veldhoven\n\nDatum\nBetreft\n\nGeachte\n\n"
        "12 januari 2031\nBesluit inzake Woo-verzoek over de Veldbrug\n\n,\n\n"
        "In uw brief van 24 november 2030, ontvangen op 25 november 2030, heeft u verzocht "
        "om documenten." + DECIDES
    )
    found = fields(text)
    assert found["decision_date"] == "2031-01-12"
    assert found["request_date"] == "2030-11-24"


def test_a_requests_date_in_the_subject_is_not_the_letters_date() -> None:
    text = (
        "Onderwerp Uw Woo-verzoek van 3 maart 2031\n\nGeachte heer Kramsveld,\n\n"
        "Ik heb besloten de documenten openbaar te maken.\n"
    )
    assert "decision_date" not in decision_fields(text, None, [])


def test_a_subject_that_names_the_decision_makes_a_decision_letter() -> None:
    text = (
        "Datum 18 december 2031\nBetreft Besluit Wob-verzoek\nOnze referentie 2031-77\n\n"
        "Het besluit staat hieronder.\n"
    )
    assert fields(text)["decision_date"] == "2031-12-18"


def test_the_date_of_the_running_headers_dates_the_letter() -> None:
    """The "Datum" line atop every page is taken out as a running header, on
    the first page too: the letter keeps it as its date."""
    pages = [
        "Datum 26 juni 2031\nKenmerk WOO-2031-41\n\nOnderwerp Besluit op uw Woo-verzoek\n\n"
        "Geachte heer Kramsveld,\n\nIn uw e-mail van 3 april 2031 heeft u verzocht om stukken.\n"
    ] + [
        f"Datum 26 juni 2031\nKenmerk WOO-2031-41\nPagina {n} van 4\n\n"
        + f"Overweging {n}: de stukken gaan over de haven van Veldhoven en zijn beoordeeld.\n" * 12
        for n in range(2, 5)
    ]
    (document,) = parse_text("\f".join(pages) + DECIDES).documents
    assert "Datum 26 juni 2031" in document.running_headers
    assert document.fields["decision_date"] == "2031-06-26"
    assert document.fields["document_date"] == "2031-06-26"
    assert document.fields["request_date"] == "2031-04-03"


def test_running_headers_that_disagree_give_no_date() -> None:
    assert running_header_date(["Datum 11-12-2031", "Pagina 2 van 3"]) == "2031-12-11"
    assert running_header_date(["Datum 11-12-2031", "Datum 12-12-2031"]) is None
    assert running_header_date(["Pagina 2 van 3"]) is None


REQUESTS = [
    "Op {d} heeft u verzocht om documenten over de Veldbrug.",
    "In uw bericht van {d} vraagt u om documenten.",
    "Bij e-mail van {d} heeft u een Woo-verzoek ingediend.",
    "Uw verzoek van {d} gaat over de haven.",
    "Op {d} hebben wij uw verzoek ontvangen.",
]
LATER = [
    "De ontvangst van uw verzoek is bevestigd bij brief van {d}.",
    "Bij brief van {d} is de beslistermijn met vier weken verdaagd.",
    "Op {d} heeft u uw verzoek gepreciseerd.",
    "Op {d} heeft u telefonisch contact gehad met de heer Kramsveld.",
    "Verzonden per e-mail op {d}.",
    "Op {d} is u verzocht te reageren op de e-mail van de gemeente.",
]


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
    st.lists(st.tuples(st.integers(0, len(LATER) - 1), st.integers(1, 90)), max_size=5),
    st.integers(0, len(REQUESTS) - 1),
    st.randoms(use_true_random=False),
)
def test_the_earliest_request_wins_in_any_order(
    asked: date, later: list[tuple[int, int]], phrase: int, rng: random.Random
) -> None:
    sentences = [REQUESTS[phrase].format(d=written(asked))] + [
        LATER[kind].format(d=written(asked + timedelta(days=days))) for kind, days in later
    ]
    rng.shuffle(sentences)
    decided = asked + timedelta(days=120)
    assert request_date(" ".join(sentences), decided) == asked.isoformat()


ABBREVIATIONS = ["JAN", "FEB", "MRT", "APR", "MEI", "JUN", "JUL", "AUG", "SEP", "OKT", "NOV", "DEC"]


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["", ".", ",", ". ", ", "]),
    st.sampled_from([" ", "  ", ""]),
)
def test_a_stamp_with_any_spacing_is_read(
    stamped: date, padded: bool, spaced: bool, after: str, gap: str
) -> None:
    day = f"{stamped.day:02d}" if padded else str(stamped.day)
    if spaced and len(day) == 2:
        day = f"{day[0]} {day[1]}"
    stamp = f"{day}{gap}{ABBREVIATIONS[stamped.month - 1]}{after} {stamped.year}"
    text = f"Ons kenmerk 2031-41\n{stamp}\n\nGeachte heer Kramsveld,\n\nTekst van de brief."
    assert decision_fields(text, None, [])["decision_date"] == stamped.isoformat()


@given(
    st.dates(min_value=date(2001, 12, 1), max_value=date(2039, 1, 31)).filter(
        lambda d: d.month in (12, 1)
    ),
    st.integers(0, 300),
    st.sampled_from(["jongstleden", "jl.", ""]),
)
def test_a_yearless_request_date_around_new_year(decided: date, days: int, suffix: str) -> None:
    asked = decided - timedelta(days=days)
    sentence = f"Uw verzoek van {asked.day} {MONTH_NAMES[asked.month - 1]} {suffix} gaat over X."
    assert request_date(sentence, decided) == asked.isoformat()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "In uw brief 28 januari 2031, ontvangen op 29 januari 2031, vraagt u om stukken.",
            "2031-01-28",
        ),
        ("Dit is de beslissing op Woo-verzoek 16 januari 2031 over de haven.", "2031-01-16"),
        # Converted text breaks sentences with blank lines.
        (
            "Bij brief van 10 januari 2031, door de gemeente ontvangen op 13 januari 2031, heeft u "
            "een\n\nverzoek ingediend.",
            "2031-01-10",
        ),
    ],
)
def test_more_request_phrases(sentence: str, expected: str) -> None:
    assert letter(sentence)["request_date"] == expected


def test_a_request_cited_after_the_decision_is_another_unless_the_opening_cites_none() -> None:
    opening = "Op 23 februari 2031 heeft de gemeente uw verzoek ontvangen.\n\n"
    later = (
        "Beslissing\n\nIk maak de stukken openbaar.\n\nUw verzoek\n\n"
        "Uw Woo-verzoek van 25 december 2029 luidt als volgt: alle stukken over de haven.\n"
    )
    assert request_date(opening + later, date(2031, 3, 14)) == "2031-02-23"
    assert request_date(later, date(2031, 3, 14)) == "2029-12-25"


def test_an_objection_dates_the_request_only_without_a_request() -> None:
    """A decision on an objection opens with the objection and cites the
    request it objects to further on."""
    objection = "Bij brief van 10 februari 2031 heeft u een bezwaarschrift ingediend.\n\n"
    history = (
        "Beslissing\n\nHet bezwaar is gegrond.\n\nOp 3 december 2030 heeft u verzocht om stukken.\n"
    )
    assert request_date(objection + history, date(2031, 3, 14)) == "2030-12-03"
    assert request_date(objection, date(2031, 3, 14)) == "2031-02-10"
    received = "Op 9 februari 2031 ontving de gemeente van u een bezwaarschrift."
    assert request_date(received, date(2031, 3, 14)) == "2031-02-09"


def test_a_request_date_years_before_the_others_is_a_typo() -> None:
    body = (
        "Bij e-mail van 29 september 2031, en herhaald op 14 november 2013, heeft u verzocht "
        "om stukken."
    )
    assert request_date(body, date(2031, 10, 18)) == "2031-09-29"
    assert request_date("Op 12 oktober 2013 heeft u verzocht om stukken.", date(2031, 10, 18)) == (
        "2013-10-12"
    )


def test_a_date_inside_a_sentence_above_the_salutation_is_not_the_letters_date() -> None:
    """A text layer can put the first paragraph above the letterhead."""
    text = (
        "De ontvangst van uw verzoek is bevestigd bij brief van 26 mei 2031, kenmerk 41.\n"
        "Retouradres Postbus 12 9999 ZZ Veldhoven\nOns kenmerk WOO-2031-41\n\n"
        "Geachte heer Kramsveld,\n\nTekst.\n"
    )
    assert "decision_date" not in decision_fields(text, None, [])
    placed = "Veldhoven, 2 juni 2031\n\nGeachte heer Kramsveld,\n\nTekst.\n"
    assert decision_fields(placed, None, [])["decision_date"] == "2031-06-02"
