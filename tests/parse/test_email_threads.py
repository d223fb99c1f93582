"""Threads: splitting into messages, zones and order, fingerprints, signatures."""

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.model import Party
from inzage.pipeline import parse_text
from tests.builders import Mail, Style, make_email, make_thread

T0 = datetime(2020, 6, 9, 8, 20, tzinfo=UTC)


def mail(n: int, minutes: int, body: str = "", subject: str = "Overleg mantelzorg") -> Mail:
    return Mail(
        sender=f"Medewerker {n} <medewerker{n}@minvws.nl>",
        sent=T0 + timedelta(minutes=minutes),
        subject=subject if n == 1 else f"RE: {subject}",
        body=body or f"Dit is bericht {n}.\n\nMet vriendelijke groet,\nMedewerker {n}",
        to=[f"Medewerker {n - 1} <medewerker{n - 1}@minvws.nl>"],
    )


def test_four_message_mixed_thread() -> None:
    text = make_thread(
        make_email(mail(4, 90), "en-export", top=True),
        make_email(mail(3, 60), "nl-outlook", top=False),
        "-----Oorspronkelijk bericht-----",
        make_email(mail(2, 30), "nl-other", top=False),
        make_email(mail(1, 0), "en-export", top=False),
    )
    source = parse_text(text)
    (document,) = source.documents
    messages = document.messages
    assert [m.index for m in messages] == [0, 1, 2, 3]
    assert [m.quoted for m in messages] == [False, True, True, True]
    assert [m.header_style for m in messages] == [
        "en-export",
        "nl-outlook",
        "nl-other",
        "en-export",
    ]
    assert [m.sender.address for m in messages if m.sender] == [
        f"medewerker{n}@minvws.nl" for n in (4, 3, 2, 1)
    ]
    assert [m.sent.astimezone(UTC) for m in messages if m.sent] == [
        T0 + timedelta(minutes=k) for k in (90, 60, 30, 0)
    ]
    assert [m.sent_zone_assumed for m in messages] == ["UTC", *["Europe/Amsterdam"] * 3]
    for message, n in zip(messages, (4, 3, 2, 1), strict=True):
        body = source.text[message.body_span.start : message.body_span.end]
        assert body.startswith(f"Dit is bericht {n}.")
        assert "Van:" not in body and "From:" not in body
        assert message.signature_span is not None
        assert source.text[message.signature_span.start :].startswith("Met vriendelijke groet")
    assert source.text[messages[2].span.start :].startswith("-----Oorspronkelijk bericht-----")
    assert document.title == "RE: Overleg mantelzorg"
    assert document.date == messages[0].sent
    assert source.warnings == []


def test_a_reply_that_reads_earlier_only_orders_with_zones() -> None:
    """09:05 UTC answers 10:20 Amsterdam (08:20 UTC): correct, so no warning."""
    text = (
        "From: A <a@minvws.nl>\nSent: Tue 6/9/2020 9:05:12 AM\nTo: B <b@minvws.nl>\n"
        "Subject: RE: x\n\nAkkoord.\n\n"
        "Van: B <b@minvws.nl>\nVerzonden: dinsdag 9 juni 2020 10:20\nAan: A <a@minvws.nl>\n"
        "Onderwerp: x\n\nAkkoord?\n"
    )
    source = parse_text(text)
    first, second = source.documents[0].messages
    assert first.sent is not None and second.sent is not None
    assert first.sent.astimezone(UTC) > second.sent.astimezone(UTC)
    assert source.warnings == []


def test_a_reply_before_its_original_is_flagged() -> None:
    text = (
        "Van: A\nVerzonden: dinsdag 9 juni 2020 09:00\nAan: B\nOnderwerp: RE: x\n\nJa.\n\n"
        "Van: B\nVerzonden: dinsdag 9 juni 2020 10:20\nAan: A\nOnderwerp: x\n\nVraag.\n"
    )
    assert parse_text(text).warnings == [
        "message 0 is earlier than message 1 it answers (assumed Europe/Amsterdam)"
    ]


def test_impossible_date_is_a_warning_and_the_rest_is_read() -> None:
    text = "Van: A\nVerzonden: maandag 31 februari 2020 10:00\nAan: B\nOnderwerp: x\n\nTekst.\n"
    source = parse_text(text)
    (message,) = source.documents[0].messages
    assert message.sent is None and message.subject == "x"
    assert source.warnings == ["message 0: impossible date 'maandag 31 februari 2020 10:00'"]


def test_reply_lines_open_quoted_messages() -> None:
    text = (
        "Prima, dank.\n\n"
        "Op 3 september 2020 om 16:07 schreef Eva Kok <e.kok@minbzk.nl>:\n\n"
        "> Kun je dit nakijken?\n\n"
        "On Tue, 9 Jun 2020 09:05:12 +0200, Jan Mol <j.mol@minbzk.nl> wrote:\n\n"
        "> Eerste versie.\n"
    )
    messages = parse_text(text).documents[0].messages
    assert [m.header_style for m in messages] == ["nl-reply-line", "en-reply-line"]
    assert [m.sender.name for m in messages if m.sender] == ["Eva Kok", "Jan Mol"]
    assert messages[1].sent == datetime(2020, 6, 9, 7, 5, 12, tzinfo=UTC)


def test_fingerprint_is_stable_across_copies_of_one_message() -> None:
    original = Mail(
        sender="Jan Mol <j.mol@minbzk.nl>",
        sent=datetime(2020, 9, 3, 14, 7, tzinfo=UTC),
        subject="Planning",
        body="Het overleg met [redacted] is verzet naar\ndonderdag 10 september.",
        to=["Eva Kok <e.kok@minbzk.nl>"],
    )
    as_top = parse_text(make_email(original, "en-export", top=True))
    quoted_copy = Mail(
        sender="Mol, Jan",
        sent=original.sent,
        subject="Planning",
        body="Het overleg met 5.1.2e is verzet\nnaar donderdag   10 september.",
    )
    as_quote = parse_text(make_email(quoted_copy, "nl-outlook", "quoted", top=False))
    changed = parse_text(make_email(Mail(**{**original.__dict__, "body": "Iets anders."})))
    fingerprint = as_top.documents[0].messages[0].fingerprint
    assert fingerprint == as_quote.documents[0].messages[0].fingerprint
    assert fingerprint != changed.documents[0].messages[0].fingerprint


def test_scrambled_ocr_header_recovers_the_date() -> None:
    text = (
        "Van:\n\ndinsdag 4 januari 2022 16:13\n\nVerzonden:\n\n5.1 lid 2 sub e\n\n"
        "Aan:\n\n5.1 lid 2 sub e\n\nOnderwerp: RE: melding\n\nTekst.\n"
    )
    source = parse_text(text)
    (message,) = source.documents[0].messages
    assert message.sent is not None and message.sent.astimezone(UTC).hour == 15
    assert message.sender is not None and message.sender.redacted
    assert message.subject == "RE: melding"
    assert source.warnings == [
        "message 0: scrambled header: the date was read from its content, not its label"
    ]


def test_numbered_sections_and_link_attachments_in_a_daily_mail() -> None:
    text = (
        "Van: Dagbericht DLZ\nVerzonden: vrijdag 11 december 2020 09:30\nAan: Groep DLZ\n"
        "Onderwerp: Dagbericht\n\n### 1. Mantelzorg\n\nTekst.\n\n### 2. Jeugd\n\n"
        "Zie [20201210 notitie jeugd.docx](#).\n"
    )
    document = parse_text(text).documents[0]
    assert [(s.number, s.title, s.level) for s in document.sections] == [
        ("1", "Mantelzorg", 3),
        ("2", "Jeugd", 3),
    ]
    assert document.attachments == ["20201210 notitie jeugd.docx"]


STYLES: list[Style] = ["en-export", "nl-outlook", "nl-other"]
word = st.sampled_from(["overleg", "budget", "nota", "gemeente", "planning", "akkoord", "vraag"])
bodies = st.lists(word, min_size=1, max_size=12).map(lambda w: " ".join(w).capitalize() + ".")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(STYLES), bodies, st.integers(1, 600)), min_size=1, max_size=5
    )
)
def test_generated_threads_parse_back(parts: list[tuple[Style, str, int]]) -> None:
    minutes = 0
    mails = []
    for n, (style, body, gap) in enumerate(reversed(parts)):
        minutes += gap
        mails.append(
            (
                style,
                Mail(
                    f"Persoon {n} <p{n}@minvws.nl>",
                    T0 + timedelta(minutes=minutes),
                    f"Onderwerp {n}",
                    body,
                    to=["Groep DLZ"],
                ),
            )
        )
    mails.reverse()
    text = make_thread(*(make_email(m, s, top=i == 0) for i, (s, m) in enumerate(mails)))
    source = parse_text(text)
    messages = source.documents[0].messages
    assert [m.subject for m in messages] == [m.subject for _, m in mails]
    assert [m.sent.astimezone(UTC) for m in messages if m.sent] == [m.sent for _, m in mails]
    assert messages[0].span.start == 0 and messages[-1].span.end == len(text.rstrip())
    for earlier, later in pairwise(messages):
        assert earlier.span.end <= later.span.start
        assert earlier.body_span.end <= later.span.start
    assert parse_text(source.text).documents[0].messages == messages
    assert source.warnings == []


def test_a_date_scattered_over_the_block_is_assembled() -> None:
    text = (
        "Van:\n\n29\n\nVerzonden: 2024 02:04\n\naugustus\n\ndonderdag\n\nAan: Eva Kok\n\n"
        "Onderwerp: Planning\n\nTekst.\n"
    )
    source = parse_text(text)
    (message,) = source.documents[0].messages
    assert message.sent is not None
    assert message.sent.astimezone(UTC) == datetime(2024, 8, 29, 0, 4, tzinfo=UTC)
    assert "message 0: scrambled header: the date was put together from pieces" in source.warnings


def test_ambiguous_date_pieces_are_left_alone() -> None:
    text = (
        "Van:\n\n2\n\n3\n\nVerzonden: 2024 09:34\n\njuli\n\nAan: Eva Kok\n\n"
        "Onderwerp: x\n\nTekst.\n"
    )
    (message,) = parse_text(text).documents[0].messages
    assert message.sent is None


def test_dutch_date_under_an_english_label_is_local_time() -> None:
    text = "Sent: donderdag 6 augustus 2020 11:40\nTo: Eva Kok\nSubject: RE: vaccins\n\nJa.\n"
    (message,) = parse_text(text).documents[0].messages
    assert message.sent_zone_assumed == "Europe/Amsterdam"
    assert message.sent is not None
    assert message.sent.astimezone(UTC) == datetime(2020, 8, 6, 9, 40, tzinfo=UTC)


def test_separate_mails_in_a_bundle_are_not_order_checked() -> None:
    text = (
        "Van: A\nVerzonden: dinsdag 9 juni 2020 09:00\nAan: B\nOnderwerp: Begroting\n\nJa.\n\n"
        "Van: B\nVerzonden: dinsdag 9 juni 2020 10:20\nAan: A\nOnderwerp: Planning\n\nVraag.\n"
    )
    assert parse_text(text).warnings == []


def test_thread_subject_strips_reply_prefixes() -> None:
    from inzage.parse.email import thread_subject

    assert thread_subject("RE: FW: Antw: Overleg  mantelzorg") == "overleg mantelzorg"
    assert thread_subject("Doorst: re:Overleg mantelzorg") == "overleg mantelzorg"


@pytest.mark.parametrize(
    ("sender", "expected"),
    [
        ("maart", None),
        ("donderdag", None),
        ("K.", None),
        ("<", Party(redacted=True)),
        ("= <", Party(redacted=True)),
        ("Example.nl", Party(address="@Example.nl", domain="example.nl")),
        ("Wouter Kramsveld", Party(name="Wouter Kramsveld")),
    ],
)
def test_a_sender_must_look_like_a_party(sender: str, expected: Party | None) -> None:
    mail = Mail(sender, T0, "Overleg", "Tekst.", to=["Ineke Brouwersma <i.b@example.nl>"])
    (document,) = parse_text(make_email(mail, "nl-outlook")).documents
    assert document.messages[0].sender == expected


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Example.nl", "<@Example.nl>"),
        ("Kramsveld, Wouter (W.)", "Kramsveld, Wouter ("),
    ],
)
def test_one_sender_rendered_two_ways_gives_one_fingerprint(one: str, other: str) -> None:
    def fingerprint(sender: str) -> str | None:
        mail = Mail(sender, T0, "Overleg", "Zullen we overleggen?", to=["<@example.nl>"])
        return parse_text(make_email(mail, "nl-outlook")).documents[0].messages[0].fingerprint

    assert fingerprint(one) == fingerprint(other)
