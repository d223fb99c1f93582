"""Decision letters: request and decision dates, outcome, grounds cited."""

import pytest

from inzage.parse.decision import decision_outcome
from inzage.pipeline import parse_text

LETTERHEAD = (
    "Datum\t14 maart 2023\nOns kenmerk\tWOO-2023-17\nBetreft\tBesluit op uw Woo-verzoek\n\n"
)


def letter(body: str) -> dict[str, str]:
    (document,) = parse_text(LETTERHEAD + "Geachte mevrouw Vos,\n\n" + body).documents
    assert document.kind == "letter"
    return document.fields


@pytest.mark.parametrize(
    ("sentence", "request_date"),
    [
        ("Op 2 januari 2023 heeft u verzocht om documenten over jeugdzorg.", "2023-01-02"),
        ("In uw e-mail van 13-7-2020 vraagt u om documenten.", "2020-07-13"),
        ("Bij brief van 9 maart 2020, ontvangen op 11 maart, verzoekt u om stukken.", "2020-03-09"),
        ("Dit is mijn besluit op uw verzoek om informatie d.d. 3-4-2023.", "2023-04-03"),
        ("Uw verzoek (met kenmerk 12) van 25 juni 2020 gaat over het museum.", "2020-06-25"),
    ],
)
def test_request_date(sentence: str, request_date: str) -> None:
    fields = letter(sentence + "\n\nIk heb besloten de documenten openbaar te maken.\n")
    assert fields["request_date"] == request_date
    assert fields["decision_date"] == "2023-03-14"


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        ("Ik heb besloten de documenten openbaar te maken.", "openbaar"),
        ("Ik heb besloten uw verzoek gedeeltelijk toe te wijzen.", "deels openbaar"),
        ("Wij hebben besloten de documenten deels openbaar te maken.", "deels openbaar"),
        ("Ik heb besloten uw verzoek af te wijzen.", "niet openbaar"),
        ("Na onderzoek zijn er geen documenten aangetroffen.", "geen documenten"),
    ],
)
def test_outcome(sentence: str, outcome: str) -> None:
    assert letter(sentence)["outcome"] == outcome


def test_the_deciding_sentence_wins_over_the_inventory() -> None:
    text = (
        "Ik heb besloten de documenten deels openbaar te maken.\n\n"
        "Inventaris: document 3 niet openbaar te maken; document 4 openbaar te maken.\n"
    )
    assert decision_outcome(text) == "deels openbaar"


def test_grounds_cited_in_every_notation() -> None:
    body = (
        "Ik heb besloten de documenten deels openbaar te maken. Namen zijn gelakt op grond van "
        "artikel 5.1, tweede lid, aanhef en onder e, van de Woo. Beleidsopvattingen zijn "
        "geweigerd op grond van artikel 11, eerste lid, van de Wob.\n\nVan: 5.1.2i\n"
    )
    assert letter(body)["grounds_cited"] == "5.1.2e, 5.1.2i, 5.2"


def test_a_memo_is_no_decision_letter() -> None:
    text = "Datum\t11-06-2020\nBetreft\tOverleg jeugdzorg\n\n## nota\n\nTekst.\n"
    (document,) = parse_text(text).documents
    assert document.kind == "memo"
    assert "outcome" not in document.fields


def test_column_layout_date_and_a_letter_titled_by_the_request() -> None:
    text = (
        "Datum\nOns kenmerk\n\nAfdeling Vergunningen\n4 augustus 2020\nWOB-2020-88\n\n"
        "Uw Wob-verzoek aangaande Havenstraat 19\n\nGeachte heer Smit,\n\n"
        "Op 13 juli 2020 ontvingen wij uw brief. "
        "Wij hebben besloten de stukken openbaar te maken.\n"
    )
    (document,) = parse_text(text).documents
    assert document.kind == "letter"
    assert document.fields["decision_date"] == "2020-08-04"
    assert document.fields["document_date"] == "2020-08-04"
    assert document.date is not None and document.date.date().isoformat() == "2020-08-04"
    assert document.fields["request_date"] == "2020-07-13"
    assert document.fields["outcome"] == "openbaar"


def test_articles_named_with_and_without_the_law() -> None:
    from inzage.parse.decision import articles_cited

    text = (
        "Ik heb uw verzoek beoordeeld met inachtneming van de artikelen 10 en 11. "
        "Zie ook artikel 5.1, tweede lid, van de Woo en artikel 3 van de Wob. "
        "Artikel 4:5 van de Awb en artikel 10 lid 2 van het BW gelden niet."
    )
    assert articles_cited(text) == ["Wob 3", "Wob 10", "Wob 11", "Woo 5.1"]


def test_an_annex_naming_its_decision_is_no_letter() -> None:
    annex = (
        "Bijlage 2 bij besluit op uw Woo-verzoek over de subsidie\n\n"
        "Overzicht van de betalingen per kwartaal.\n\n2021 Q1 12.000\n2021 Q2 14.500\n"
    )
    (document,) = parse_text(annex).documents
    assert document.kind == "other"
    assert "decision_date" not in document.fields


def test_an_anonymised_letter_without_salutation_is_still_a_decision_letter() -> None:
    text = (
        "Ons kenmerk\n\nWOO 2031007\n\n(geanonimiseerd)\n\n"
        "Op 9 januari 2031 heeft UWV uw Woo-verzoek ontvangen. "
        "UWV heeft besloten de documenten deels openbaar te maken.\n"
    )
    (document,) = parse_text(text).documents
    assert document.kind == "letter"
    assert document.fields["request_date"] == "2031-01-09"
    assert document.fields["outcome"] == "deels openbaar"
