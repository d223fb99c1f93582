"""E-mail headers as a PDF-to-Markdown converter leaves them (issue 17, class 1):
Markdown tables, headers flattened onto one line with values out of place,
HTML residue.  All names, addresses and subjects are invented."""

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.parse.email import clean_subject
from inzage.parse.email_headers import find_header_blocks
from inzage.parse.layout import MAIL_ONLY_LABELS, _mail_only_labels, plain_layout
from inzage.pipeline import parse_text
from tests.assertions import within_seconds
from tests.builders import Decoration, Mail, Style, make_email

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _only_message(text: str):  # type: ignore[no-untyped-def]
    documents = [d for d in parse_text(text).documents if d.messages]
    assert len(documents) == 1
    (message,) = documents[0].messages
    return message


def test_a_flattened_export_header_with_its_values_out_of_place() -> None:
    text = (
        "To: 5.1.2e 5.1.2e @example.nl] 5.1.2e From: Tue 5/12/2020 2:40:07 PM Sent: "
        "Subject: RE: overleg werkgroep archief Received: Tue 5/12/2020 2:40:07 PM\n\n"
        "Dank voor de stukken.\n"
    )
    message = _only_message(text)
    assert message.sent == datetime(2020, 5, 12, 14, 40, 7, tzinfo=UTC)
    assert message.subject == "RE: overleg werkgroep archief"


def test_a_flattened_dutch_header_under_a_sender_in_a_table_row() -> None:
    text = (
        '| Van: | < <a href="mailto:"></a> > |\n\n'
        "Verzonden: dinsdag 12 mei 2020 16:25 ) < 5.1.2e > 5.1.2e Aan: Onderwerp: RE: overleg\n\n"
        "Beste collega,\n\nHierbij het verslag.\n"
    )
    message = _only_message(text)
    assert message.sent == datetime(2020, 5, 12, 16, 25, tzinfo=AMSTERDAM)
    assert message.subject == "RE: overleg"
    assert message.header_style == "nl-outlook"


def test_party_labels_on_a_line_above_the_date_and_a_receipt_stamp_after_the_subject() -> None:
    text = (
        "5.1.2e | ] To: From: 5.1.2e\n\n"
        "Sent: Thur 2/11/2021 9:12:44 AM\n\n"
        "Subject: RE: terugkoppeling weekoverleg Thur 2/11/2021 9:12:45 AM Received:\n\n"
        "## Stand van zaken\n\n- De planning loopt.\n"
    )
    message = _only_message(text)
    assert message.sent == datetime(2021, 2, 11, 9, 12, 44, tzinfo=UTC)
    assert message.subject == "RE: terugkoppeling weekoverleg"


def test_several_headers_per_table_row() -> None:
    text = (
        "| Van: Ineke Brouwersma <i.brouwersma@example.nl> | Verzonden: vrijdag 8 januari"
        " 2021 10:05 | | |\n"
        "| Aan: Wouter Kramsveld <w.kramsveld@example.nl> | Onderwerp: keuze locaties | |\n"
        "| Beste Wouter, | |\n"
    )
    message = _only_message(text)
    assert message.sender is not None and message.sender.address == "i.brouwersma@example.nl"
    assert [p.address for p in message.to] == ["w.kramsveld@example.nl"]
    assert message.sent == datetime(2021, 1, 8, 10, 5, tzinfo=AMSTERDAM)
    assert message.subject == "keuze locaties"


def test_a_label_printed_alone_above_the_block_is_filled_by_the_block() -> None:
    text = (
        "To:\n\n"
        "| From: Jorien Haverkamp <j.haverkamp@example.nl> |\n\n"
        "| Sent: woensdag 19 augustus 2020 10:41 |\n"
        "| To: <w.kramsveld@example.nl> |\n"
        "| Subject: RE: concept verslag |\n"
        "| Dank voor de reacties. |\n"
    )
    message = _only_message(text)
    assert [p.address for p in message.to] == ["w.kramsveld@example.nl"]
    assert message.subject == "RE: concept verslag"


def test_the_same_label_after_a_complete_block_opens_the_next_message() -> None:
    text = (
        "| From: | |\n| Sent: | Mon 1/11/2021 8:15:31 AM |\n| Subject: | FW: factsheet |\n"
        "| Hoi | |\n"
        "| From: | <j.haverkamp@example.nl> |\n| Sent: | maandag 11 januari 2021 09:40 |\n"
        "| Subject: | \\FW: factsheet |\n| Graag bevestigen. | |\n"
    )
    (document,) = parse_text(text).documents
    assert [m.subject for m in document.messages] == ["FW: factsheet", "FW: factsheet"]
    assert [m.sent_zone_assumed for m in document.messages] == ["UTC", "Europe/Amsterdam"]


def test_the_body_on_the_subject_line_is_not_the_subject() -> None:
    assert clean_subject("Weekbericht planning - 12 mei 2020 Goedemiddag,") == (
        "Weekbericht planning - 12 mei 2020"
    )
    assert clean_subject("Overleg Beste Wouter, zie bijlage") == "Overleg"
    assert clean_subject("Hallo, wie komt er?") == "Hallo, wie komt er?"
    assert clean_subject("RE: Beste, allemaal") == "RE: Beste, allemaal"


def test_a_written_out_english_date_in_a_top_export_header_is_local_time() -> None:
    text = (
        "From: Wouter Kramsveld <w.kramsveld@example.nl>\n"
        "Sent: Friday, 26 February 2021 13:17\n"
        "To: Ineke Brouwersma <i.brouwersma@example.nl>\n"
        "Subject: planning\n\nTekst.\n"
    )
    message = _only_message(text)
    assert message.sent == datetime(2021, 2, 26, 13, 17, tzinfo=AMSTERDAM)
    assert message.sent_zone_assumed == "Europe/Amsterdam"


def test_a_memo_line_with_van_and_aan_is_not_split() -> None:
    text = "Aan: de minister Van: directeur Datum: 5 mei 2020\n"
    assert plain_layout(text) == text
    assert find_header_blocks(text) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("| <>a:bSent:Van:To:Onderwerp\n \t/span br"), max_size=300))
def test_plain_layout_keeps_every_offset(text: str) -> None:
    plain = plain_layout(text)
    assert len(plain) == len(text)
    for before, after in zip(text, plain, strict=True):
        assert after == before or after == " " or (after == "\n" and before in " \t")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Sent", "SUBJECT", "onderwerp", "xdate", "Verzonden", ":", " ", "\t"]),
        max_size=40,
    ).map("".join)
)
def test_mail_only_labels_are_found_before_each_colon_as_anywhere(text: str) -> None:
    # The colon-first search must find what a case-insensitive search of the
    # whole text finds: labels with a word boundary before them and a colon after.
    anywhere = re.compile(rf"(?i)\b(?:{'|'.join(sorted(MAIL_ONLY_LABELS))})[ \t]{{0,14}}:")
    assert list(_mail_only_labels(text)) == [m.start() for m in anywhere.finditer(text)]


_NAMES = st.sampled_from(["Wouter Kramsveld", "Ineke Brouwersma", "Jorien Haverkamp"])
_WORDS = st.lists(
    st.sampled_from(["overleg", "planning", "vaccins", "begroting", "nota", "update"]),
    min_size=1,
    max_size=5,
)


@settings(max_examples=120, deadline=None)
@given(
    sender=_NAMES,
    recipient=_NAMES,
    words=_WORDS,
    minutes=st.integers(min_value=0, max_value=3 * 365 * 24 * 60),
    style=st.sampled_from(["en-export", "nl-outlook", "nl-other"]),
    decoration=st.sampled_from(["table", "table-wide", "flat"]),
)
def test_converted_headers_keep_sender_date_and_subject(
    sender: str,
    recipient: str,
    words: list[str],
    minutes: int,
    style: Style,
    decoration: Decoration,
) -> None:
    address = sender.lower().replace(" ", ".") + "@example.nl"
    sent = (
        datetime(2020, 1, 1, tzinfo=UTC).replace(second=0)
        + (datetime(2020, 1, 1, 0, 1, tzinfo=UTC) - datetime(2020, 1, 1, tzinfo=UTC)) * minutes
    )
    mail = Mail(
        sender=f"{sender} <{address}>",
        sent=sent,
        subject="RE: " + " ".join(words),
        body="Hierbij de stukken.\n\nGroet,\nWouter",
        to=[f"{recipient} <r@example.nl>"],
    )
    message = _only_message(make_email(mail, style, decoration))
    assert message.sender is not None and message.sender.address == address
    assert message.sent is not None and message.sent.astimezone(UTC) == sent
    assert message.subject == mail.subject


def test_a_text_that_opens_in_the_body_of_a_message_is_one_e_mail() -> None:
    tail = "Het archief van de afdeling is nog niet verhuisd. " * 20
    text = (
        f"{tail}\n\nMet vriendelijke groet,\n\nAfdeling Inkoop\n\n"
        "Van: Jorien Haverkamp <j.haverkamp@example.nl>\n"
        "Verzonden: dinsdag 19 januari 2021 14:50\n"
        "Aan: Wouter Kramsveld <w.kramsveld@example.nl>\n"
        "Onderwerp: verhuizing archief\n\nGoedemorgen,\n"
    )
    (document,) = parse_text(text).documents
    assert document.kind == "email"
    assert document.complete is False
    assert document.span.start == 0
    assert [m.subject for m in document.messages] == ["verhuizing archief"]


def test_a_report_before_the_first_mail_stays_a_document_of_its_own() -> None:
    report = "De evaluatie laat zien dat de planning haalbaar is. " * 20
    text = (
        f"{report}\n\n"
        "Van: Jorien Haverkamp <j.haverkamp@example.nl>\n"
        "Verzonden: dinsdag 19 januari 2021 14:50\n"
        "Onderwerp: evaluatie\n\nZie boven.\n"
    )
    first, second = parse_text(text).documents
    assert first.kind != "email" and not first.messages
    assert second.kind == "email"


def test_a_quoted_german_header() -> None:
    text = (
        "Von: Ineke Brouwersma <i.brouwersma@example.de>\n"
        "Datum: Freitag, 17. Januar 2020 um 15:02\n"
        "An: Wouter Kramsveld <w.kramsveld@example.nl>\n"
        "Betreff: Re: Agenda voor de werkgroep\n\nDanke schön.\n"
    )
    message = _only_message(text)
    assert message.sender is not None and message.sender.address == "i.brouwersma@example.de"
    assert message.sent == datetime(2020, 1, 17, 15, 2, tzinfo=AMSTERDAM)
    assert message.subject == "Re: Agenda voor de werkgroep"


def test_memo_fields_flattened_onto_one_line_are_no_mail() -> None:
    text = (
        "Van Aan: Leden projectgroep Datum: 3 maart 2021 "
        "Onderwerp: archiefbeheer\n\nDe projectgroep kwam bijeen.\n"
    )
    assert plain_layout(text) == text
    assert all(not d.messages for d in parse_text(text).documents)


def test_a_subject_that_runs_on_into_the_body_is_the_thread_subject() -> None:
    body = "Nog een punt: kloppen de cijfers in het overzicht van de maand wel precies? " * 2
    text = (
        "From: Jorien Haverkamp <j.haverkamp@example.nl>\nSent: Fri 8/14/2020 11:02:51 AM\n"
        "Subject: RE: concept verslag\n\nPrima zo.\n\n"
        "From: Wouter Kramsveld <w.kramsveld@example.nl> Sent: vrijdag 14 augustus 2020 13:20 "
        f"To: Jorien Haverkamp Subject: RE: concept verslag {body}\n"
    )
    (document,) = parse_text(text).documents
    assert [m.subject for m in document.messages] == ["RE: concept verslag"] * 2


def test_a_picture_description_between_header_lines_is_no_party() -> None:
    text = (
        "Van: Jorien Haverkamp <j.haverkamp@example.nl>\n"
        "Image /page/0/Picture/3 description: The image shows a logo of a ministry.\n"
        "Verzonden: dinsdag 19 januari 2021 14:50\n"
        "Aan:\n"
        "Image /page/0/Picture/4 description: A signature with a phone number.\n"
        "Onderwerp: verhuizing\n\nTekst.\n"
    )
    message = _only_message(text)
    assert message.to == []
    assert message.subject == "verhuizing"


def test_a_date_whose_month_ocr_put_on_the_next_line() -> None:
    text = (
        "Van:\n\nAan: Kramsveld, Wouter (W.)\n\n"
        "Onderwerp: Overleg over de planning van 15 april\n\n"
        "Datum: dinsdag 27 2024 16:08:19\n\naugustus\n\n"
        "Bijlagen: notitie.docx\n\nBeste Wouter,\n\nZie bijlage.\n"
    )
    message = _only_message(text)
    assert message.sent == datetime(2024, 8, 27, 16, 8, 19, tzinfo=AMSTERDAM)
    assert message.sender is None  # the month is a piece of the date, not a sender


def test_labels_in_a_column_with_their_values_in_a_column_below() -> None:
    text = (
        "Van:\n\nAan:\n\nOnderwerp:\n\nDatum:\n\nBijlagen:\n\n"
        "Kramsveld, Wouter (W.); Brouwersma, Ineke (I.)\n\n"
        "Planning najaar\n\n"
        "donderdag 26 september 2024 10:31:05\n\n"
        "concept beantwoording.docx\n\n"
        "Beste allen,\n\nHierbij de concepten.\n"
    )
    message = _only_message(text)
    assert message.subject == "Planning najaar"
    assert message.sent == datetime(2024, 9, 26, 10, 31, 5, tzinfo=AMSTERDAM)
    assert message.attachments == ["concept beantwoording.docx"]
    # One line of names for two party labels: whose they are cannot be told.
    assert message.sender is None and message.to == []


def test_values_before_their_labels_are_no_column() -> None:
    text = (
        "Van:\n\ndonderdag 10 november 2022 15:47\n\nVerzonden:\n\nAan:\n\nCC:\n\n"
        "RE: Afspraken overleg\n\nOnderwerp:\n\nBeste collega's,\n\nZoals besproken.\n"
    )
    message = _only_message(text)
    assert message.subject == "RE: Afspraken overleg"
    assert message.sent == datetime(2022, 11, 10, 15, 47, tzinfo=AMSTERDAM)


def test_an_empty_subject_does_not_take_the_greeting_or_a_marker() -> None:
    greeting = "Van: Wouter Kramsveld\nVerzonden: woensdag 6 januari 2021 11:38\nOnderwerp:\n\n"
    assert _only_message(greeting + "Beste collega's,\n\nZie bijlage.\n").subject is None
    marker = "Van: Wouter Kramsveld\nVerzonden: woensdag 6 januari 2021 11:38\nOnderwerp:\n"
    assert _only_message(marker + "5.1 lid 2 sub e\n\nHoi,\n\nZie bijlage.\n").subject is None


@settings(max_examples=80, deadline=None)
@given(
    words=_WORDS,
    minutes=st.integers(min_value=0, max_value=2 * 365 * 24 * 60),
    greeting=st.sampled_from(["Beste collega's,", "Hoi Ineke,", "Goedemorgen,", "Hallo allen,"]),
    marker=st.booleans(),
)
def test_values_printed_above_their_labels(
    words: list[str], minutes: int, greeting: str, marker: bool
) -> None:
    """Two-column exports print each value above its label (``Van:`` / date /
    ``Verzonden:`` / … / subject / ``Onderwerp:``); the body follows."""
    sent = (
        datetime(2021, 1, 1, 9, 0, tzinfo=AMSTERDAM)
        + (datetime(2021, 1, 1, 0, 1) - datetime(2021, 1, 1)) * minutes
    )
    days = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
    months = "januari februari maart april mei juni juli augustus september oktober november"
    shown = (
        f"{days[sent.weekday()]} {sent.day} {(months + ' december').split()[sent.month - 1]} "
        f"{sent.year} {sent.hour:02d}:{sent.minute:02d}"
    )
    subject = "Overleg " + " ".join(words)
    recipients = "5.1.2e\n\n@example.nl>\n\n" if marker else "@example.nl>\n\n"
    text = (
        f"Van:\n\n{shown}\n\nVerzonden:\n\n{recipients}Aan:\n\nCC:\n\n{subject}\n\n"
        f"Onderwerp:\n\n{greeting}\n\nHierbij de stukken.\n"
    )
    message = _only_message(text)
    assert message.sent == sent
    assert message.subject == subject


def test_a_run_of_digits_between_labels_is_no_date_piece_and_is_read_quickly() -> None:
    """The date-piece pattern once cut a run of digits into one- and two-digit
    pieces in every way: 40 digits would have taken hours.  Bounded by an alarm."""
    text = (
        "Van: Wouter\n\nVerzonden: dinsdag 9 juni 2020 10:20\n\nAan: Ineke\n\n"
        + "1234567890" * 4
        + " ref\n\nOnderwerp: planning\n\nTekst.\n"
    )
    with within_seconds(10, "the date-piece pattern backtracks"):
        message = _only_message(text)
    assert message.subject == "planning"
    assert message.sent == datetime(2020, 6, 9, 10, 20, tzinfo=AMSTERDAM)
