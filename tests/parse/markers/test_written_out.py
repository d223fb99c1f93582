import pytest

from inzage.parse.markers.engine import find_markers
from tests.assertions import assert_markers, assert_no_markers


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("5.1 lid 2 sub e", ["5.1.2e"]),
        ("5.1 lid 2 onder e", ["5.1.2e"]),
        ("5.1, lid 2, sub e", ["5.1.2e"]),
        ("5.1 lid 2e", ["5.1.2e"]),
        ("5.1 lid 1 sub e", ["5.1.1e"]),
        ("5.1 lid 2 sub e en i", ["5.1.2e", "5.1.2i"]),
        ("Artikel 5.1 lid 2 Woo", ["5.1.2"]),
        ("artikel 5.1, tweede lid, aanhef en onder e, van de Woo", ["5.1.2e"]),
        ("art. 10, tweede lid, onder e Wob", ["5.1.2e"]),
        ("art. 10 lid 2 onder e Wob", ["5.1.2e"]),
        ("artikel 10, tweede lid, aanhef en onder e", ["5.1.2e"]),
        ("artikel 10, tweede lid, aanhef en onder g", ["10.2g"]),
        ("artikel 11, eerste lid, Wob", ["5.2"]),
        ("5.2 lid 1", ["5.2"]),
        ("5.2, tweede lid", ["5.2.2"]),
        ("5.1 lid 4", ["5.1.4"]),
        ("art. 5.1. lid 2 sub e", ["5.1.2e"]),
        ("art 5.1. lid 2 sub e Woo", ["5.1.2e"]),
    ],
)
def test_accepts_written_out_articles(text: str, codes: list[str]) -> None:
    analysis = assert_markers(f"Naam:\n{text}\n", [(text, codes)])
    assert analysis.redactions[0].notation == "written-out"


def test_wob_article_keeps_its_law_and_original() -> None:
    text = "art. 10 lid 2 onder e Wob"
    (redaction,) = find_markers(text).redactions
    assert redaction.marker == text
    (ground,) = redaction.grounds
    assert (ground.code, ground.law, ground.original) == ("5.1.2e", "Wob", "10 lid 2 onder e Wob")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("volgens artikel 10 lid 2 Inkomensbesluit WAZ", "another law"),
        ("artikel 10 lid 1 van de Awb", "another law"),
        ("(artikel 11, derde lid)", "no such ground (11.3)"),
        ("art. 5.1 lid 1 sub i", "no such ground (5.1.1i)"),
    ],
)
def test_look_alikes_are_turned_down_with_a_reason(text: str, reason: str) -> None:
    analysis = assert_no_markers(text)
    assert any(reason in (f.explanation or "") for f in analysis.rejected), analysis.rejected


@pytest.mark.parametrize(
    "text",
    [
        "Ik heb op grond van artikel 5.1, tweede lid, aanhef en onder e, van de Woo namen gelakt.",
        "De namen zijn weggelaten op grond van artikel 10, tweede lid, onder e, van de Wob.",
        "zoals bedoeld in 5.1 lid 2 sub e",
        "Dit is in artikel 5.1 lid 2 sub i van de Woo geregeld.",
        "123 notulen.pdf Deels; 5.1 lid 2 sub e",
        "Deels openbaar 5.1.1c 5.1.2e 5.2.1",
        "72 OSW 055 Deels openbaar, weigering o.g.v. art. 5.1. lid 2",
        "interne mailadressen zijn gelakt op grond van\n\nartikel 5.1 lid 2 sub e van de Woo.",
        "Gedeeltelijk openbaar,\n\n5.1.2e\n",
        "in onderstaand overzicht.\n\nArt. 5.1 lid 2 sub e\n\nHet belang van de openbaarmaking",
    ],
)
def test_citations_in_sentences_are_not_redactions(text: str) -> None:
    analysis = assert_no_markers(text)
    assert analysis.citations, "the ground should be kept as a citation"
