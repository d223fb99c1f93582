"""Letterhead fields of memos and letters, in every layout of formats.md §3."""

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.parse.dates import AMSTERDAM
from inzage.parse.letterhead import find_letterheads
from inzage.pipeline import parse_text
from tests.builders import MemoLayout, make_memo

FIELDS = [
    ("Ontworpen door", "5.1.2e"),
    ("T", "070 5.1.2e"),
    ("E", "5.1.2e@minvws.nl"),
    ("Datum document", ""),
    ("Kenmerk", "3284750-204321-DJ"),
    ("Bijlage(n)", "2"),
    ("Deadline", "16-06-2020"),
    ("Betreft", "Bestuurlijk overleg jeugdzorg"),
    ("Vergaderdatum en tijd", "Donderdag 18 juni 2020; 10:00u – 11:30u"),
    ("Vergaderplaats", "Den Haag, kamer 4.12"),
]


@pytest.mark.parametrize("layout", ["tab", "lines", "colon"])
def test_meeting_memo_fields(layout: MemoLayout) -> None:
    source = parse_text(make_memo(FIELDS, layout))
    (document,) = source.documents
    assert document.kind == "memo"
    assert document.title == "Bestuurlijk overleg jeugdzorg"
    assert document.fields == {
        "organisation": "Ministerie van Volksgezondheid, Welzijn en Sport",
        "unit": "Directie Jeugd",
        "author": "5.1.2e",
        "author_phone": "070 5.1.2e",
        "author_email": "5.1.2e@minvws.nl",
        "reference": "3284750-204321-DJ",
        "case_number": "204321",
        "attachments_count": "2",
        "deadline": "2020-06-16",
        "subject": "Bestuurlijk overleg jeugdzorg",
        "meeting_datetime": "2020-06-18T10:00:00+02:00",
        "meeting_end": "2020-06-18T11:30:00+02:00",
        "meeting_place": "Den Haag, kamer 4.12",
        "purpose": "ter voorbereiding van een overleg",
    }
    assert "document_date" not in document.fields  # empty: did not swallow "Kenmerk"


def test_document_date_and_meeting_with_dots() -> None:
    fields = [
        ("Datum", "11 jun. 2020"),
        ("Zaaknummer", "98765"),
        ("Betreft", "Overleg"),
        ("Vergaderdatum en tijd", "3 juli 2020, 09.30-10.15"),
    ]
    (document,) = parse_text(make_memo(fields, "colon")).documents
    assert document.date == datetime(2020, 6, 11, tzinfo=AMSTERDAM)
    assert document.fields["document_date"] == "2020-06-11"
    assert document.fields["case_number"] == "98765"
    assert document.fields["meeting_datetime"] == "2020-07-03T09:30:00+02:00"
    assert document.fields["meeting_end"] == "2020-07-03T10:15:00+02:00"


@pytest.mark.parametrize(
    ("kind_line", "kind"),
    [("## nota", "memo"), ("notitie", "memo"), ("## verslag", "minutes"), ("Agenda", "agenda")],
)
def test_kind_lines(kind_line: str, kind: str) -> None:
    text = make_memo([("Datum", "11-06-2020"), ("Betreft", "Overleg")], kind_line=kind_line)
    assert parse_text(text).documents[0].kind == kind


def test_letter_with_ons_and_uw_kenmerk() -> None:
    text = (
        "Gemeente Zwolle\n\nDatum 14 maart 2023\nOns kenmerk 2023-0412\nUw kenmerk WOO-77\n"
        "Betreft Besluit op uw Woo-verzoek\n\nGeachte heer Bakker,\n\nTekst van de brief.\n"
    )
    (document,) = parse_text(text).documents
    assert document.kind == "letter"
    assert document.fields == {
        "organisation": "Gemeente Zwolle",
        "document_date": "2023-03-14",
        "reference": "2023-0412",
        "their_reference": "WOO-77",
        "subject": "Besluit op uw Woo-verzoek",
        "decision_date": "2023-03-14",
    }


@pytest.mark.parametrize(
    "text",
    [
        "Aan de minister is gevraagd om een besluit.\nVan de gemeente kwam geen antwoord.\n",
        "Datum en tijd volgen nog.\nBetreft het overleg van vorige week?\n",
    ],
)
def test_prose_starting_with_a_label_word_is_no_letterhead(text: str) -> None:
    assert find_letterheads(text) == []


def test_an_impossible_date_is_a_warning() -> None:
    text = make_memo([("Datum document", "31-02-2020"), ("Betreft", "Overleg")])
    source = parse_text(text)
    assert "document_date" not in source.documents[0].fields
    assert source.warnings == ["document_date: impossible date '31-02-2020'"]


def test_aan_and_van_alone_are_no_letterhead() -> None:
    text = "Aan\n\n,\n\nVan\n\nhalf\n\nTekst van een tabel.\n"
    assert find_letterheads(text) == []


def test_values_without_letters_or_digits_are_dropped() -> None:
    text = "Datum\t19 juni 2023\nOns kenmerk\tWOO 2023039\nBetreft\t-\n\nGeachte heer,\n"
    (head,) = find_letterheads(text)
    assert head.fields == {"document_date": "2023-06-19", "reference": "WOO 2023039"}


def test_a_label_at_the_end_of_the_return_address_line() -> None:
    text = (
        "Retouradres Postbus 901, 2500 AA Den Haag Datum\n\n14 februari 2031\n\n"
        "Ons kenmerk\n\nWOO 2031006\n\nOnderwerp\n\nBeslissing op uw verzoek\n"
    )
    (head,) = find_letterheads(text)
    assert head.fields == {
        "document_date": "2031-02-14",
        "reference": "WOO 2031006",
        "subject": "Beslissing op uw verzoek",
    }


def test_publicatiedatum_dates_a_notice() -> None:
    text = "Publicatiedatum\n23-09-2031\nBerichtnummer\nUB 3109-011\nBetreft\tRelease 9\n"
    (head,) = find_letterheads(text)
    assert head.fields["document_date"] == "2031-09-23"


# --- issue 17: empty fields, kind lines above the block, letters and memos -----------

NOTA_HEAD = (
    "Ministerie van Binnenlandse Zaken\n\nDirectie Wonen\n\nOntworpen door\n5.1.2e\n\n"
    "Datum\n12 maart 2031\n\nKenmerk\n4412345-223344-DWO\n\n"
)


def test_an_empty_last_label_does_not_take_the_first_heading() -> None:
    text = NOTA_HEAD + "Paraaf directeur\n\n1 Aanleiding en doel overleg\n\nTekst van de nota.\n"
    (document,) = parse_text(text).documents
    assert "approval" not in document.fields
    assert [(s.number, s.title) for s in document.sections] == [("1", "Aanleiding en doel overleg")]


# Lines that stand below an empty label and are no value of it.
_NOT_VALUES = st.one_of(
    st.builds(
        lambda n, w: f"{n} {w.capitalize()} en toelichting",
        st.integers(1, 9),
        st.sampled_from(["aanleiding", "advies", "deelnemers", "planning"]),
    ),
    st.sampled_from(["nota", "## nota", "notitie", "(ter beslissing)", "(ter informatie)"]),
    st.builds(
        lambda words: " ".join(words).capitalize() + ".",
        st.lists(
            st.sampled_from(["de", "gemeente", "heeft", "het", "plan", "besproken"]),
            min_size=10,
            max_size=16,
        ),
    ),
)


EMPTY_LABELS = {
    "Paraaf directeur": "approval",
    "Bijlage(n)": "attachments_count",
    "Kenmerk": "reference",
    "Deadline": "deadline",
}


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(sorted(EMPTY_LABELS)), _NOT_VALUES)
def test_a_label_with_an_empty_value_keeps_it_empty(label: str, below: str) -> None:
    """Whatever follows an empty last label (a numbered heading, the kind line,
    the purpose, a sentence) stays out of the letterhead."""
    fields = [("Datum", "12 maart 2031"), ("Betreft", "Overleg woningbouw"), (label, "")]
    text = make_memo(fields, "lines", kind_line="", purpose=None, body=f"{below}\n\nTekst.\n")
    (head,) = find_letterheads(text)
    assert EMPTY_LABELS[label] not in head.fields
    assert head.span.end <= text.index(below)


def test_a_kind_line_and_a_purpose_above_the_labels() -> None:
    text = (
        "Ministerie van Binnenlandse Zaken\n\nnota\n\n(ter voorbereiding van een overleg)\n\n"
        "Datum\n12 maart 2031\n\nKenmerk\n4412345-223344-DWO\n\n1 Aanleiding\n\nTekst.\n"
    )
    (head,) = find_letterheads(text)
    assert head.kind == "memo"
    assert head.fields["purpose"] == "ter voorbereiding van een overleg"
    assert head.fields["organisation"] == "Ministerie van Binnenlandse Zaken"
    assert head.span.start == 0


def test_a_document_headed_memo_is_a_memo_despite_a_greeting() -> None:
    text = (
        "Memo\n\nAan\tTeam Wonen\nVan\t5.1.2e\nDatum\t3 mei 2031\nOnderwerp\tNieuwe werkwijze\n\n"
        "Beste collega's,\n\nTekst van de memo.\n"
    )
    (document,) = parse_text(text).documents
    assert (document.kind, document.title) == ("memo", "Nieuwe werkwijze")


@pytest.mark.parametrize(
    ("values", "found"),
    [
        (("Team Wonen", "Sanne Kramsveld"), True),
        (("de afdeling die het plan uitvoert en daarna weer rapporteert", "iets"), False),
    ],
)
def test_memo_over_aan_and_van_alone(values: tuple[str, str], found: bool) -> None:
    text = f"Memo\n\nAan\n{values[0]}\n\nVan\n{values[1]}\n\nTekst.\n"
    heads = find_letterheads(text)
    assert bool(heads) is found
    assert not heads or heads[0].kind == "memo"


def test_a_ministerial_letter_without_a_salutation() -> None:
    text = (
        "Ministerie van Infrastructuur en Waterstaat\n\nDe voorzitter van de Tweede Kamer\n\n"
        "Ons kenmerk\n\nIENW/BSK-2031/4412\n\nDatum\n\n3 mei 2031\n\nOnderwerp\n\n"
        "Voortgang dijkversterking\n\nHierbij informeer ik uw Kamer over de voortgang.\n"
    )
    (document,) = parse_text(text).documents
    assert document.kind == "letter"
    assert document.title == "Voortgang dijkversterking"
    assert document.date == datetime(2031, 5, 3, tzinfo=AMSTERDAM)


def test_a_report_with_ons_kenmerk_in_its_header_is_no_letter() -> None:
    text = "Datum\t3 mei 2031\nOns kenmerk\tRAP-2031-7\n\nInleiding van het rapport.\n"
    assert parse_text(text).documents[0].kind == "memo"


@pytest.mark.parametrize(
    ("below", "reference"),
    [
        ("WOO 2031077", "WOO 2031077"),
        ("Tevens per e-mail\n\nWOO 2031077", "WOO 2031077"),  # the other column's words
        ("<BSN klant>", "<BSN klant>"),  # a template's placeholder
        ("(geanonimiseerd)", "(geanonimiseerd)"),
        ("woo", None),  # the number was lost
        ("Pagina\n\n2 van 5", None),
        ("Status: Concept", None),
        ("de uitkomsten worden besproken met de gemeente en de provincie in het overleg.", None),
    ],
)
def test_a_reference_below_its_label_is_a_number(below: str, reference: str | None) -> None:
    text = f"Datum\n\n3 mei 2031\n\nOns kenmerk\n\n{below}\n\nOnderwerp\n\nBesluit\n"
    (head,) = find_letterheads(text)
    assert head.fields.get("reference") == reference


def test_a_subject_may_be_a_kind_word() -> None:
    text = "Datum\n\n3 mei 2031\n\nOnderwerp\n\nVerslag\n\nAanwezig\n\n5.1.2e\n"
    (head,) = find_letterheads(text)
    assert head.fields["subject"] == "Verslag"


# OCR that reads a page in shuffled order leaves "van", "aan" and "betreft" as
# words on lines of their own, with a phrase between them.
SHUFFLED = (
    "De melding is op tijd gedaan.\n\nvan\n\nhet adres is niet beëindigd.\n\nDit\n\n"
    "betreft een menselijke fout. De brief is\n\naan\n\nretour ontvangen.\n"
)


def test_prose_words_in_lower_case_make_no_letterhead() -> None:
    assert find_letterheads(SHUFFLED) == []
    source = parse_text("# Handleiding\n\n" + "Een regel tekst over het werk.\n" * 40 + SHUFFLED)
    assert [d.kind for d in source.documents] == ["other"]


@pytest.mark.parametrize(
    "head",
    [
        "Van\n\nWouter Kramsveld\n\nBetreft Overleg over de planning\n",
        "aan: Ineke Brouwersma\nvan: Jorien Haverkamp\nOnderwerp: Planning\n",
        "Datum 4 maart 2026\nons kenmerk 2026-0412\n",
    ],
)
def test_labels_a_letterhead_writes_stay_labels(head: str) -> None:
    (found,) = find_letterheads(head)
    assert len(found.fields) >= 2
    assert "author" in found.fields or "reference" in found.fields


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(["van", "aan", "betreft", "het werk", "De brief", "is", "een fout", ""]),
        min_size=2,
        max_size=24,
    )
)
def test_lines_of_lower_case_label_words_are_never_a_letterhead(words: list[str]) -> None:
    assert find_letterheads("\n\n".join(words)) == []


def test_lower_case_label_words_set_apart_by_a_tab_or_colon_are_labels() -> None:
    (found,) = find_letterheads(
        "aan\tDe minister van VWS\nvan\tDG Jeugd\nbetreft\tOverleg jeugd\n"
        "datum\t3 mei 2031\n**kenmerk** : 2031-0042\n"
    )
    assert found.fields["addressee"] == "De minister van VWS"
    assert found.fields["author"] == "DG Jeugd"
    assert found.fields["subject"] == "Overleg jeugd"
