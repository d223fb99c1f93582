"""Header blocks in every style and decoration of formats.md §2."""

from datetime import UTC, datetime

import pytest

from inzage.parse.email_headers import find_header_blocks
from inzage.pipeline import parse_text
from tests.assertions import within_seconds
from tests.builders import Decoration, Mail, Style, make_email

MAIL = Mail(
    sender="Petra Zandvoort <p.zandvoort@minvws.nl>",
    sent=datetime(2020, 9, 3, 14, 7, tzinfo=UTC),
    subject="Voorbereiding overleg",
    body="Hierbij de stukken voor donderdag.\n\nGroet,\nPetra",
    to=["Kees Veenstra <k.veenstra@minvws.nl>"],
    cc=["Secretariaat DLZ <secretariaat.dlz@minvws.nl>"],
    attachments=["agenda.pdf"],
)


@pytest.mark.parametrize("style", ["en-export", "nl-outlook", "nl-other"])
@pytest.mark.parametrize(
    "decoration",
    ["plain", "bold-inside", "bold-outside", "quoted", "paragraphs", "table", "table-wide", "flat"],
)
def test_every_style_and_decoration(style: Style, decoration: Decoration) -> None:
    source = parse_text(make_email(MAIL, style, decoration))
    (document,) = source.documents
    assert document.kind == "email"
    (message,) = document.messages
    assert message.header_style == style
    assert message.sender is not None and message.sender.address == "p.zandvoort@minvws.nl"
    assert [p.name for p in message.to] == ["Kees Veenstra"]
    assert [p.address for p in message.cc] == ["secretariaat.dlz@minvws.nl"]
    assert message.subject == "Voorbereiding overleg"
    assert message.sent is not None and message.sent.astimezone(UTC) == MAIL.sent
    assert message.sent_zone_assumed == ("UTC" if style == "en-export" else "Europe/Amsterdam")
    assert message.attachments == ["agenda.pdf"]
    assert source.text[message.body_span.start :].startswith(
        "> Hierbij" if decoration == "quoted" else "Hierbij"
    )
    assert document.title == "Voorbereiding overleg"
    assert source.warnings == []


def test_label_alone_with_its_value_on_the_next_line() -> None:
    text = (
        "Van:\nPetra Zandvoort\nVerzonden:\ndinsdag 9 juni 2020 10:20\nOnderwerp:\nOverleg\n\n"
        "Tekst."
    )
    (block,) = find_header_blocks(text)
    assert block.value("from") == "Petra Zandvoort"
    assert block.value("sent") == "dinsdag 9 juni 2020 10:20"
    assert block.value("subject") == "Overleg"


def test_wrapped_recipient_lists_are_joined() -> None:
    text = (
        "From: Jan Mol <j.mol@minbzk.nl>\n"
        "Sent: Tue 6/9/2020 9:05:12 AM\n"
        "To: Anna Berg <a.berg@minbzk.nl>; Bram Smit <b.smit@minbzk.nl>;\n"
        " Carla Dekker <c.dekker@minbzk.nl>\n"
        "Cc: Dirk Vos <d.vos@minbzk.nl>; Eva Kok\n"
        "<e.kok@minbzk.nl>; Groep Wetgeving\n"
        "Subject: Planning\n\nTekst van het bericht.\n"
    )
    (message,) = parse_text(text).documents[0].messages
    assert [p.name for p in message.to] == ["Anna Berg", "Bram Smit", "Carla Dekker"]
    assert [p.name for p in message.cc] == ["Dirk Vos", "Eva Kok", "Groep Wetgeving"]
    assert message.cc[1].address == "e.kok@minbzk.nl"


def test_a_memo_with_van_aan_datum_is_not_an_email() -> None:
    text = "Aan: de minister\nVan: directie Jeugd\nDatum: 11 juni 2020\nBetreft: overleg\n\nTekst."
    assert find_header_blocks(text) == []
    assert parse_text(text).documents[0].kind == "memo"


def test_markdown_heading_marks_before_labels() -> None:
    text = (
        "## Van: Jan Mol\n\n## Verzonden: woensdag 28 september 2022 00:24\n\nAan: Eva Kok\n\n"
        "## Onderwerp: FW: planning\n\nTekst"
    )
    (block,) = find_header_blocks(text)
    assert (block.value("from"), block.value("subject")) == ("Jan Mol", "FW: planning")
    assert block.style == "nl-outlook"


def test_a_line_of_thousands_of_spaces_is_read_in_linear_time() -> None:
    """The header-line pattern backtracked over runs of spaces: ten thousand of
    them took 15 s, thirty thousand would take minutes.  Bounded by an alarm."""
    text = "Van: Ada Visser\n" + " " * 30_000 + "> Onderwerp" + " " * 30_000 + "\nAan: Bo\n"
    with within_seconds(10, "the header search backtracks"):
        blocks = find_header_blocks(text)
    assert all(block.span.end <= len(text) for block in blocks)
