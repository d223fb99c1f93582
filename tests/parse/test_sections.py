import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.parse.sections import find_sections, is_numbered_heading
from inzage.pipeline import parse_text
from tests.builders import make_memo


def test_memo_sections_with_levels() -> None:
    body = (
        "### 1 Aanleiding en doel overleg\n\nTekst.\n\n2 Deelnemers overleg\n\n"
        "- Minister van VWS\n\n"
        "3 Te bespreken punten\n\n3.1 Financiën\n\nTekst.\n\nAd 4 – Rondvraag\n\n## Bijlagen\n"
    )
    document = parse_text(make_memo([("Datum", "11-06-2020"), ("Betreft", "x")], body=body))
    found = [(s.number, s.title, s.level) for s in document.documents[0].sections]
    assert found == [
        ("1", "Aanleiding en doel overleg", 1),
        ("2", "Deelnemers overleg", 1),
        ("3", "Te bespreken punten", 1),
        ("3.1", "Financiën", 2),
        ("Ad 4", "Rondvraag", 2),
        (None, "Bijlagen", 2),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "1 januari 2020 is de wet ingegaan",
        "2 Gemeenten hebben gereageerd, de rest niet.",
        "12 Maart",
    ],
)
def test_dates_and_sentences_are_no_headings(line: str) -> None:
    assert find_sections(f"Tekst.\n\n{line}\n\nMeer tekst.\n") == []


def test_spans_slice_the_heading_line() -> None:
    text = "Inleiding\n\n2 Deelnemers overleg\n"
    (section,) = find_sections(text)
    assert text[section.span.start : section.span.end] == "2 Deelnemers overleg"


@pytest.mark.parametrize(
    "heading",
    [
        "## •",
        "## EE",
        "## G)",
        "## Kosten € 3.559.927 € 5.126.191",
        "## opgevraagd/ | FIOD, Politie",
        "## Op 15 april 2021 heeft UWV uw verzoek ontvangen en het daarna grondig beoordeeld",
        "6 Batenburg RS, Versteeg SE, Dute JCJ. Kansen van",
    ],
)
def test_converter_debris_is_no_heading(heading: str) -> None:
    assert find_sections(f"Tekst.\n\n{heading}\n\nMeer tekst.\n") == []


# --- issue 17: bare numbers (no dot, no Markdown) -------------------------------------

BARE_MEMO = (
    "1 Aanleiding en doel overleg\n\nOp 14 maart spreekt u met de wethouders.\n\n"
    "2 Deelnemers overleg\n\nWethouder van Zwolle\n\n"
    "3 Te bespreken punten\n\n1 Bouwen in de wijk\n2 Wegen en water\n\nKosten per jaar:\n\n"
    "10 Miljoen voor het fonds\n\n"
    "4 Advies en toelichting\n\nWij adviseren u in te stemmen.\n"
)


def test_bare_numbered_headings_in_sequence() -> None:
    found = [(s.number, s.title) for s in find_sections(BARE_MEMO)]
    assert found == [
        ("1", "Aanleiding en doel overleg"),
        ("2", "Deelnemers overleg"),
        ("3", "Te bespreken punten"),
        ("4", "Advies en toelichting"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "10 Miljoen voor het fonds",  # an amount
        "1 A Korting tot 30 dagen 2 1",  # a table row
        "2 Aanpak van het onderzoek 14",  # a line of a table of contents
        "33 Noord Aalveen Bremdorp Kestelwijk Lindhorst Marhout Noorderveld Oosterkamp",
        "5 Sollicitatiescan_WW_definitief openbaar",
    ],
)
def test_bare_numbers_that_start_no_heading(line: str) -> None:
    text = f"1 Inleiding\n\nTekst.\n\n{line}\n\nMeer tekst.\n"
    assert [s.title for s in find_sections(text)] == ["Inleiding"]
    assert not is_numbered_heading(line)


def test_a_fragment_may_start_at_any_number() -> None:
    text = "het vervolg van de vorige pagina.\n\n4 Advies en toelichting\n\nTekst.\n"
    assert [s.number for s in find_sections(text)] == ["4"]


def test_the_numbering_picks_up_again_after_a_lost_heading() -> None:
    text = "1 Inleiding\n\nTekst.\n\n8 Eisen aan de bouw\n\nTekst.\n\n9 Planning\n\nTekst.\n"
    assert [s.number for s in find_sections(text)] == ["1", "8", "9"]


def test_a_sub_heading_under_a_dotted_heading() -> None:
    text = "5. Verlenging\n\nTekst.\n\n5.1 Arbeid als kennismigrant\n\nTekst.\n"
    assert [s.number for s in find_sections(text)] == ["5", "5.1"]


WORDS = ["Aanleiding", "Planning", "Financiën", "Advies", "Uitvoering", "Deelnemers"]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(WORDS),
            st.lists(st.sampled_from(WORDS), min_size=0, max_size=4),
            st.integers(2, 900),
        ),
        min_size=1,
        max_size=7,
    ),
    st.integers(1, 5),
)
def test_headings_among_numbered_lists_and_amounts(
    sections: list[tuple[str, list[str], int]], first: int
) -> None:
    """Headings numbered in sequence from any start, each with text, a numbered
    list of its own (items on consecutive lines) and an amount line under it:
    only the headings are sections."""
    parts = []
    for offset, (title, items, amount) in enumerate(sections):
        parts.append(f"{first + offset} {title} en toelichting\n\nTekst van de paragraaf.\n")
        if items:
            parts.append("\n".join(f"{n} {item} in de wijk" for n, item in enumerate(items, 1)))
        parts.append(f"{amount} Miljoen voor het fonds\n\nMeer tekst.\n")
    found = [(s.number, s.title) for s in find_sections("\n\n".join(parts))]
    assert found == [
        (str(first + offset), f"{title} en toelichting")
        for offset, (title, _, _) in enumerate(sections)
    ]
