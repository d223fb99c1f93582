"""One file, several documents: where a bundle splits."""

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.pipeline import parse_text
from tests.builders import Mail, make_email, make_memo, make_thread

TAIL = (
    "### 3 Te bespreken punten\n\n"
    + "De gemeente 5.1.2e vraagt om uitstel van de invoering en meer budget. " * 8
    + "\n\n### 4 Advies en toelichting\n\n"
    + "Wij adviseren in te stemmen met het voorstel van de werkgroep jeugd. " * 4
    + "\n\n"
)
MEMO = make_memo(
    [("Datum document", "11-06-2020"), ("Kenmerk", "1234567-204321-DJ"), ("Betreft", "Overleg VNG")]
)
MAIL = make_email(
    Mail(
        sender="Eva Kok <e.kok@minvws.nl>",
        sent=datetime(2020, 6, 12, 8, 0, tzinfo=UTC),
        subject="Verslag overleg",
        body="Bijgaand het verslag, groet Eva",
        to=["Jan Mol <j.mol@minvws.nl>"],
    )
)


def test_the_tail_of_one_memo_and_the_head_of_another() -> None:
    source = parse_text(TAIL + MEMO)
    first, second = source.documents
    assert (first.kind, first.complete, first.fields) == ("memo", False, {})
    assert [s.number for s in first.sections] == ["3", "4"]
    assert [r.marker for r in first.redactions] == ["5.1.2e"] * 8
    assert (second.kind, second.complete, second.title) == ("memo", True, "Overleg VNG")
    assert second.fields["reference"] == "1234567-204321-DJ"
    assert second.redactions == []
    assert first.span.end == second.span.start
    assert first.id != second.id


def test_a_letter_with_an_annexed_mail() -> None:
    letter = (
        "Datum\t14 maart 2023\nOns kenmerk\tWOO-17\nBetreft\tUw verzoek\n\n"
        "Geachte heer,\n\nTekst.\n\n"
    )
    source = parse_text(letter + MAIL)
    kinds = [(d.kind, len(d.messages)) for d in source.documents]
    assert kinds == [("letter", 0), ("email", 1)]
    assert source.documents[1].title == "Verslag overleg"


def test_a_letterhead_repeated_on_every_page_is_one_document() -> None:
    page = "Datum\t29-10-2021\nVan\tAfdeling Handhaving\n\n" + "Tekst van de pagina. " * 30 + "\n\n"
    assert len(parse_text(page * 4).documents) == 1


def test_a_short_preamble_belongs_to_the_first_document() -> None:
    source = parse_text("Retouradres Postbus 1, 2500 AA Den Haag\n\n" + MEMO)
    (document,) = source.documents
    assert document.span.start == 0 and document.complete


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["tail", "memo", "mail"]), min_size=1, max_size=6))
def test_documents_are_in_order_and_do_not_overlap(parts: list[str]) -> None:
    pieces = {"tail": TAIL, "memo": MEMO, "mail": MAIL}
    source = parse_text("".join(pieces[p] for p in parts))
    cursor = 0
    for document in source.documents:
        assert document.span.start == cursor
        cursor = document.span.end
        groups = [r.group for r in document.redactions]
        assert sorted(set(groups)) == list(range(len(set(groups))))
        for redaction in document.redactions:
            assert document.span.start <= redaction.span.start < document.span.end
    assert cursor == len(source.text)


def _exported(subject: str, day: int, reply_from: str) -> str:
    """One mail as an archive export prints it (stamped to the second), quoting
    the message it answers in the client's own style."""
    sent = datetime(2021, 3, day, 14, 5, 9, tzinfo=UTC)
    top = make_email(Mail("Servicedesk <sd@uwv.nl>", sent, f"RE: {subject}", "Dank, opgepakt."))
    quoted = make_email(
        Mail(reply_from, sent.replace(hour=9), subject, "Graag uw hulp."), "nl-outlook", top=False
    )
    return make_thread(top, quoted)


def test_an_archive_export_of_several_mails_splits_per_mail() -> None:
    export = (
        _exported("Melding 1", 1, "Piet Bos <p.bos@uwv.nl>")
        + _exported("Melding 2", 2, "Ans Wit <a.wit@uwv.nl>")
        + _exported("Melding 1", 3, "Piet Bos <p.bos@uwv.nl>")
    )
    source = parse_text(export)
    assert [(d.kind, d.title, len(d.messages)) for d in source.documents] == [
        ("email", "RE: Melding 1", 2),
        ("email", "RE: Melding 2", 2),
        ("email", "RE: Melding 1", 2),
    ]


def test_a_thread_quoted_to_the_minute_stays_one_document() -> None:
    sent = datetime(2021, 3, 1, 14, 5, tzinfo=UTC)
    thread = make_thread(
        make_email(Mail("Eva <e@uwv.nl>", sent, "RE: Vraag", "Antwoord.")),
        make_email(Mail("Jan <j@uwv.nl>", sent.replace(hour=9), "Vraag", "Vraag."), top=False),
        make_email(Mail("Eva <e@uwv.nl>", sent.replace(hour=8), "Vraag", "Eerder."), top=False),
    )
    (document,) = parse_text(thread).documents
    assert len(document.messages) == 3
