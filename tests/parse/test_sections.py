import pytest

from inzage.parse.sections import find_sections
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
