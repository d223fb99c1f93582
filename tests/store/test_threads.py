"""Threads in the store: a subject or a reply chain holds a thread together,
never people alone; one person rendered two ways is one participant."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inzage.cli.inputs import StoreAddress
from inzage.store import Corpus
from inzage.store.threads import Printed, reply_step, same_topic, topic
from tests.builders import Mail, make_email, make_thread

T0 = datetime(2021, 3, 1, 9, 0, tzinfo=UTC)


def printed(subject: str | None, sent: datetime | None, message_id: int = 1) -> Printed:
    topic = subject.split(":", 1)[-1].strip().lower() if subject else None
    return Printed(message_id, subject, topic or None, sent.isoformat() if sent else None)


@pytest.mark.parametrize(
    ("newer", "older", "step"),
    [
        (("RE: Overleg mantelzorg", T0 + timedelta(hours=3)), ("Overleg mantelzorg", T0), True),
        # OCR cut the subject short; still one topic
        (("RE: Overleg mantelzorg 2021", T0), ("Overleg mantelzorg", T0), True),
        # two topics, one below the other: a bundle of separate mails
        (("Begroting jeugdzorg", T0 + timedelta(days=1)), ("Overleg mantelzorg", T0), False),
        # the lower one is later: a new mail starts below the oldest of the one above
        (("Overleg mantelzorg", T0), ("RE: Overleg mantelzorg", T0 + timedelta(days=2)), False),
        # a zone read wrongly on one header makes a reply look an hour early
        (("RE: Overleg mantelzorg", T0), ("Overleg mantelzorg", T0 + timedelta(hours=1)), True),
        # the subject was lost: a reply prefix or two dates in order still say so
        (("RE:", None), ("Overleg mantelzorg", None), True),
        ((None, T0 + timedelta(hours=1)), ("Overleg mantelzorg", T0), True),
        # ... but dates alone, a month apart, are two conversations
        ((None, T0 + timedelta(days=30)), ("Overleg mantelzorg", T0), False),
        (("RE: Overleg mantelzorg", None), (None, None), True),
        # nothing says the lower one is quoted
        ((None, None), (None, None), False),
        ((None, T0), (None, None), False),
        ((None, T0 + timedelta(hours=1)), (None, T0), False),
        # a message that starts a conversation quotes nothing
        (("Overleg mantelzorg", None), (None, None), False),
        (("Begroting", T0 + timedelta(days=60)), ("RE:", T0), False),
    ],
)
def test_reply_step(
    newer: tuple[str | None, datetime | None], older: tuple[str | None, datetime | None], step: bool
) -> None:
    assert reply_step(printed(*newer), printed(*older, message_id=2)) is step


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("overleg mantelzorg", "overleg mantelzorg", True),
        ("overleg mantelzorg", "overleg mantelzorg wijk 3", True),
        ("kamervragen", "kamervragen zorgbonus", True),
        ("overleg mantelzorg", "overleg jeugdzorg", False),
        ("begroting", "kamervragen", False),
    ],
)
def test_same_topic(a: str, b: str, same: bool) -> None:
    assert same_topic(frozenset(a.split()), frozenset(b.split())) is same


@pytest.mark.parametrize(
    ("subject", "words"),
    [
        ("overleg mantelzorg", {"overleg", "mantelzorg"}),
        ("dag van de mantelzorg in de wijk", {"dag", "van", "de", "mantelzorg", "in", "wijk"}),
        # where the header had no subject, the parser took the body's first line
        ("beste collega,", set()),
        ("hoi ineke", set()),
        ("goedemorgen wouter en pieter,", set()),
        # or the marker that blacked the subject out
        ("5.1 lid 2 sub e", set()),
        ("(10)(2e) overleg", {"overleg"}),
        (None, set()),
    ],
)
def test_topic(subject: str | None, words: set[str]) -> None:
    assert topic(subject) == words


def test_a_greeting_in_place_of_the_subject_does_not_break_the_chain() -> None:
    newer = printed("RE: Datalek melding 12", T0 + timedelta(hours=1))
    older = Printed(2, "Beste collega,", "beste collega,", T0.isoformat())
    assert reply_step(newer, older)


_WORDS = st.sets(
    st.sampled_from(["overleg", "zorg", "wijk", "budget", "nota", "advies"]), min_size=1
)


@given(_WORDS, _WORDS)
def test_property_same_topic_is_symmetric_and_disjoint_subjects_differ(
    a: frozenset[str], b: frozenset[str]
) -> None:
    assert same_topic(a, b) == same_topic(b, a)
    assert same_topic(a, a)
    if not a & b:
        assert not same_topic(a, b)


def mail(sender: str, sent: datetime, subject: str, body: str, to: str) -> Mail:
    return Mail(sender, sent, subject, body, to=[to])


def threads_of(
    tmp_path: Path, store: StoreAddress, files: dict[str, str]
) -> list[tuple[str | None, int]]:
    """(subject, thread) of every stored message, in message order."""
    for name, text in files.items():
        (tmp_path / name).write_text(text, "utf-8")
    with Corpus(store, create=True) as corpus:
        corpus.ingest(sorted(tmp_path.glob("*.txt")), workers=1)
        return [
            (subject, thread)
            for subject, thread in corpus.connection.execute(
                "SELECT subject, thread_id FROM messages ORDER BY id"
            )
        ]


def test_a_bundle_of_separate_mails_in_one_file_is_not_one_thread(
    tmp_path: Path, store_address: StoreAddress
) -> None:
    wouter, ineke = "Wouter Kramsveld <w.kramsveld@example.nl>", "Ineke Brouwersma <i@example.nl>"
    june = T0 + timedelta(days=100)
    text = make_thread(
        make_email(mail(ineke, june + timedelta(hours=2), "RE: Begroting", "Akkoord.", wouter)),
        make_email(mail(wouter, june, "Begroting", "Hier is de begroting.", ineke), top=False),
        make_email(mail(ineke, T0 + timedelta(hours=1), "RE: Overleg", "Dank.", wouter), top=False),
        make_email(mail(wouter, T0, "Overleg", "Zullen we overleggen?", ineke), top=False),
    )
    stored = threads_of(tmp_path, store_address, {"bundel.txt": text})
    assert len(stored) == 4
    by_subject = {subject: thread for subject, thread in stored}
    assert by_subject["RE: Begroting"] == by_subject["Begroting"]
    assert by_subject["RE: Overleg"] == by_subject["Overleg"]
    assert by_subject["Begroting"] != by_subject["Overleg"]


def test_a_chain_whose_middle_message_lost_its_subject_holds(
    tmp_path: Path, store_address: StoreAddress
) -> None:
    wouter, ineke = "Wouter Kramsveld <w.kramsveld@example.nl>", "Ineke Brouwersma <i@example.nl>"
    text = make_thread(
        make_email(mail(wouter, T0 + timedelta(hours=5), "RE: Overleg", "Prima.", ineke)),
        make_email(mail(ineke, T0 + timedelta(hours=2), "", "Kan het dinsdag?", wouter), top=False),
        make_email(mail(wouter, T0, "Overleg", "Zullen we overleggen?", ineke), top=False),
    )
    stored = threads_of(tmp_path, store_address, {"keten.txt": text})
    assert len(stored) == 3
    assert len({thread for _, thread in stored}) == 1


def test_messages_without_a_subject_do_not_join_by_people_alone(
    tmp_path: Path, store_address: StoreAddress
) -> None:
    wouter, ineke = "Wouter Kramsveld <w.kramsveld@example.nl>", "Ineke Brouwersma <i@example.nl>"
    files = {
        f"{n}.txt": make_email(mail(wouter, T0 + timedelta(hours=n), "", f"Tekst {n}.", ineke))
        for n in range(3)
    }
    stored = threads_of(tmp_path, store_address, files)
    assert len({thread for _, thread in stored}) == 3


def test_a_thread_is_named_after_its_first_message_with_a_subject(
    tmp_path: Path, store_address: StoreAddress
) -> None:
    wouter, ineke = "Wouter Kramsveld <w.kramsveld@example.nl>", "Ineke Brouwersma <i@example.nl>"
    text = make_thread(
        make_email(mail(wouter, T0 + timedelta(hours=5), "RE: Overleg", "Prima.", ineke)),
        make_email(mail(ineke, T0, "", "Zullen we overleggen?", wouter), top=False),
    )
    threads_of(tmp_path, store_address, {"keten.txt": text})
    with Corpus(store_address) as corpus:
        assert [s for (s,) in corpus.connection.execute("SELECT subject FROM threads")] == [
            "RE: Overleg"
        ]


@pytest.mark.parametrize(
    ("first", "second", "linked"),
    [
        # one person with and without the address, in other case and word order
        ("Wouter Kramsveld <w.kramsveld@example.nl>", "KRAMSVELD, Wouter", True),
        ("Wouter Kramsveld <w.kramsveld@example.nl>", "<W.Kramsveld@Example.nl>", True),
        # a domain is not a person: 20 days apart, only the domain in common
        ("<@example.nl>", "Example.nl", False),
        ("Wouter Kramsveld <w.kramsveld@example.nl>", "Ineke Brouwersma <i@example.nl>", False),
    ],
)
def test_participants_are_compared_as_parties(
    tmp_path: Path, store_address: StoreAddress, first: str, second: str, linked: bool
) -> None:
    """Twenty days apart, the two mails have in common only the parties under test."""
    files = {
        "a.txt": make_email(Mail(first, T0, "Begroting", "Tekst een.", to=["<@elders.nl>"])),
        "b.txt": make_email(
            Mail(
                "Pieter Oosterbeek <p.oosterbeek@elders.nl>",
                T0 + timedelta(days=20),
                "RE: Begroting",
                "Tekst twee.",
                to=[second],
            )
        ),
    }
    stored = threads_of(tmp_path, store_address, files)
    assert (len({thread for _, thread in stored}) == 1) is linked


WOUTER = "Wouter Kramsveld <w.kramsveld@example.nl>"
INEKE = "Ineke Brouwersma <i.brouwersma@example.nl>"
BODY = (
    "Het overleg over de begroting van de jeugdzorg is verplaatst naar donderdag. "
    "Wil jij de stukken voor de regio's klaarzetten en de notulen rondsturen?"
)


def copies(
    tmp_path: Path, store_address: StoreAddress, *versions: tuple[str, str, str]
) -> list[tuple[int, int]]:
    """Store one release per (sender, subject, body), all sent in the same minute;
    returns (message, occurrences) as stored."""
    files = {
        f"{n}.txt": make_email(Mail(sender, T0, subject, body, to=[INEKE]), "nl-outlook")
        for n, (sender, subject, body) in enumerate(versions)
    }
    threads_of(tmp_path, store_address, files)
    with Corpus(store_address) as corpus:
        return list(corpus.connection.execute("SELECT id, occurrences FROM messages ORDER BY id"))


def test_copies_a_word_and_a_marker_apart_are_one_message(
    tmp_path: Path, store_address: StoreAddress
) -> None:
    ocr = BODY.replace("verplaatst", "verplaalst").replace("Wil jij", "Wil 5.1.2e jij")
    assert copies(
        tmp_path, store_address, (WOUTER, "Begroting", BODY), (WOUTER, "Begroting", ocr)
    ) == [(1, 2)]
    with Corpus(store_address) as corpus:
        assert corpus.search("notulen").total == 1
        assert corpus.search("notulen", all_duplicates=True).total == 2
        (thread,) = {t for (t,) in corpus.connection.execute("SELECT thread_id FROM messages")}
        assert len(corpus.thread(thread).messages) == 1


def test_a_copy_cut_off_at_a_page_end_is_the_same_message(
    tmp_path: Path, store_address: StoreAddress
) -> None:
    cut = BODY[: BODY.index("Wil jij")]
    assert copies(
        tmp_path, store_address, (WOUTER, "Begroting", BODY), (WOUTER, "Begroting", cut)
    ) == [(1, 2)]


def test_a_copy_whose_body_was_lost_is_the_same_message_from_the_same_sender(
    tmp_path: Path,
    store_address: StoreAddress,
) -> None:
    assert copies(
        tmp_path, store_address, (WOUTER, "Begroting", BODY), (WOUTER, "Begroting", "")
    ) == [(1, 2)]


@pytest.mark.parametrize(
    "garbled",
    [
        "Wouter Kram sveld",  # OCR split the name
        "Wouter Kramsveld n",  # a scrap of the next word
        "E Mrm Oo",  # nothing readable
    ],
)
def test_a_sender_ocr_garbled_does_not_keep_copies_apart(
    tmp_path: Path, store_address: StoreAddress, garbled: str
) -> None:
    assert copies(
        tmp_path, store_address, (WOUTER, "Begroting", BODY), (garbled, "Begroting", BODY)
    ) == [(1, 2)]


def test_two_headers_without_a_known_sender_one_without_its_body(
    tmp_path: Path, store_address: StoreAddress
) -> None:
    assert copies(
        tmp_path, store_address, ("K.", "Begroting", BODY), ("5.1.2e", "Begroting", "")
    ) == [(1, 2)]


def test_a_lost_body_of_an_unknown_sender_is_no_copy(
    tmp_path: Path, store_address: StoreAddress
) -> None:
    assert copies(
        tmp_path, store_address, (WOUTER, "Begroting", BODY), ("K.", "Begroting", "")
    ) == [
        (1, 1),
        (2, 1),
    ]


def test_an_unreadable_sender_does_not_keep_copies_apart(
    tmp_path: Path, store_address: StoreAddress
) -> None:
    assert copies(
        tmp_path, store_address, (WOUTER, "Begroting", BODY), ("K.", "Begroting", BODY)
    ) == [(1, 2)]


@pytest.mark.parametrize(
    "other",
    [
        (INEKE, "Begroting", BODY),  # another person sent the same text
        (WOUTER, "Notulen", BODY),  # another subject
        (WOUTER, "Begroting", "Akkoord, ik zet de stukken klaar."),  # another text
    ],
)
def test_messages_that_are_not_copies_stay_apart(
    tmp_path: Path, store_address: StoreAddress, other: tuple[str, str, str]
) -> None:
    assert copies(tmp_path, store_address, (WOUTER, "Begroting", BODY), other) == [(1, 1), (2, 1)]


def stored_senders(
    tmp_path: Path, store_address: StoreAddress, mails: list[Mail]
) -> list[tuple[str | None, int]]:
    """Store one release per mail; returns (sender, occurrences) of each message."""
    files = {f"{n}.txt": make_email(mail, "nl-outlook") for n, mail in enumerate(mails)}
    threads_of(tmp_path, store_address, files)
    with Corpus(store_address) as corpus:
        return list(
            corpus.connection.execute("SELECT sender, occurrences FROM messages ORDER BY id")
        )


def test_a_sender_read_from_the_other_copys_recipient_line_is_one_message(
    tmp_path: Path, store_address: StoreAddress
) -> None:
    """OCR of a column layout lost one copy's sender and read its recipient,
    damaged, in its place: that copy has no recipient of its own.  The copy
    whose header was read whole stays, whichever was stored first."""
    misread = Mail("Brouwersrna Ineke", T0, "Begroting", BODY.replace("jij", "iij"))
    whole = Mail(WOUTER, T0, "Begroting", BODY, to=[INEKE])
    ((sender, occurrences),) = stored_senders(tmp_path, store_address, [misread, whole])
    assert occurrences == 2
    assert sender is not None and "kramsveld" in sender.lower()


def test_a_reply_by_the_recipient_in_the_same_minute_stays_apart(
    tmp_path: Path, store_address: StoreAddress
) -> None:
    reply = Mail(INEKE, T0, "Begroting", BODY, to=[WOUTER])
    whole = Mail(WOUTER, T0, "Begroting", BODY, to=[INEKE])
    assert [n for _, n in stored_senders(tmp_path, store_address, [whole, reply])] == [1, 1]


@pytest.mark.parametrize(
    "other",
    [
        # another person sent the text on to a redacted recipient: an "Aan" was read
        Mail(INEKE, T0, "Begroting", BODY, to=["5.1.2e"]),
        # a short name one letter from the recipient's, with no "Aan"
        Mail("P. Smit", T0, "Begroting", BODY),
    ],
)
def test_a_sender_like_the_other_copys_recipient_is_no_misreading_when_it_may_be_someone(
    tmp_path: Path, store_address: StoreAddress, other: Mail
) -> None:
    whole = Mail(WOUTER, T0, "Begroting", BODY, to=["J. Smit <j.smit@example.nl>", INEKE])
    assert [n for _, n in stored_senders(tmp_path, store_address, [whole, other])] == [1, 1]
