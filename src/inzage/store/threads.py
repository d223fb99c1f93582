"""Conversations across files.

A thread holds together by a subject or by a reply chain, never by people
alone.  Messages are linked:

- down a reply chain in one document: a message and the one printed below it
  when the lower one can be what the upper one quotes (see :func:`reply_step`).
  A bundle of separate mails in one file is not one conversation, so the chain
  breaks where the subject changes or the date jumps forward;
- across files, when they share a normalised subject (without
  RE:/FW:/Antw:/Doorst:/Fwd:, any case, any repetition; a greeting or a marker
  where the subject was is none, see :func:`topic`) and a participant,
  within :data:`WINDOW_DAYS` of the conversation so far.  Where neither message
  has a participant that tells who it is (names and addresses redacted, or only
  a domain left), the subject and a window of :data:`BLIND_WINDOW_DAYS` decide;
- and wherever one message is quoted in several files (the same fingerprint).

Participants are compared by :func:`~inzage.parse.parties.party_keys`, so one
person rendered two ways (with and without an address, another case) is one
participant.  Copies of one message that two releases print a word or a marker
apart are merged first (:func:`~inzage.store.dedupe.merge_copies`), so a message
is in its thread once.  A thread's id is the smallest id of its messages, so it stays the
same while no other thread merges in; its subject is that of its earliest
message with a subject.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from itertools import groupby, pairwise

from inzage.model import Party
from inzage.parse.markers.engine import find_markers
from inzage.parse.parties import party_keys
from inzage.store.database import Connection
from inzage.store.dedupe import merge_copies
from inzage.store.partition import Partition

WINDOW_DAYS = 30
BLIND_WINDOW_DAYS = 7
# A reply is never earlier than what it quotes; a zone read wrongly on one of
# the two headers can make it look up to two hours so.
REPLY_SLACK = timedelta(hours=2)
# The prefixes that thread_subject drops: a message that has one answers or
# forwards the message below it.
_REPLY_PREFIX = re.compile(r"^\s*(?:re|fw|fwd|antw|doorst|tr|wg|aw)\s*(?:\[\d+\])?\s*:", re.I)
_WORDS = re.compile(r"[^\W_]+")
# What a header parser can leave as the subject when the real one was empty or
# blacked out: the body's greeting ("Beste collega,", "Hoi Ineke") or a marker.
_GREETING = re.compile(
    r"\s*(?:beste|hoi|hallo|hai|dag|goede(?:morgen|middag|navond)|geachte|hi|hello|dear|hey)\b",
    re.I,
)
_GREETING_WORDS = 3


@dataclass(frozen=True)
class Printed:
    """One occurrence of a message in a document, as far as threading needs it."""

    message_id: int
    subject: str | None  # as the header gave it
    thread_subject: str | None
    sent_utc: str | None


def rebuild_threads(connection: Connection) -> int:
    """Recompute every thread; returns how many there are."""
    merge_copies(connection)
    linked: Partition[int] = Partition()
    for chain in _documents(connection):
        for newer, older in pairwise(chain):
            if reply_step(newer, older):
                linked.union(newer.message_id, older.message_id)

    people = _participants(connection)
    by_subject: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for message_id, subject, sent in connection.execute(
        "SELECT id, thread_subject, sent_utc FROM messages WHERE thread_subject IS NOT NULL"
    ):
        if topic(subject):
            by_subject[subject].append((sent or "", message_id))
    for messages in by_subject.values():
        messages.sort()
        for (sent_a, a), (sent_b, b) in pairwise(messages):
            shared = people.get(a, set()) & people.get(b, set())
            blind = not people.get(a) and not people.get(b)
            window = WINDOW_DAYS if shared else BLIND_WINDOW_DAYS if blind else None
            if window is not None and _within_days(sent_a, sent_b, window):
                linked.union(a, b)

    connection.execute("UPDATE messages SET thread_id = NULL")
    connection.execute("DELETE FROM threads")
    groups: dict[int, list[int]] = defaultdict(list)
    for (message_id,) in connection.execute("SELECT id FROM messages"):
        groups[linked.find(message_id)].append(message_id)
    connection.executemany(
        "INSERT INTO threads (id, messages) VALUES (?, ?)",
        [(root, len(members)) for root, members in groups.items()],
    )
    connection.executemany(
        "UPDATE messages SET thread_id = ? WHERE id = ?",
        [(root, m) for root, members in groups.items() for m in members],
    )
    connection.execute(
        """UPDATE threads SET
           subject = (SELECT subject FROM messages m WHERE m.thread_id = threads.id
                      ORDER BY subject IS NULL, sent_utc IS NULL, sent_utc LIMIT 1),
           first_sent = (SELECT min(sent_utc) FROM messages m WHERE m.thread_id = threads.id),
           last_sent = (SELECT max(sent_utc) FROM messages m WHERE m.thread_id = threads.id)"""
    )
    return len(groups)


def reply_step(newer: Printed, older: Printed) -> bool:
    """Whether ``older``, printed right below ``newer`` in one document, is the
    message that ``newer`` quotes.

    Not when ``older`` was sent later (beyond :data:`REPLY_SLACK`).  With two
    subjects, when they are one topic.  With only the upper one's, when it is a
    reply or forward: a message that starts a conversation quotes nothing.  With
    only the lower one's, the upper one lost its subject and it is a reply when
    it has a reply prefix or was sent at most :data:`BLIND_WINDOW_DAYS` after
    the lower one.  Without subjects, only a reply prefix says so: a file of
    mails without subjects is not one conversation."""
    newer_sent, older_sent = _moment(newer.sent_utc), _moment(older.sent_utc)
    if newer_sent is not None and older_sent is not None and older_sent > newer_sent + REPLY_SLACK:
        return False
    dated = (
        newer_sent is not None
        and older_sent is not None
        and newer_sent - older_sent <= timedelta(days=BLIND_WINDOW_DAYS)
    )
    newer_words, older_words = topic(newer.thread_subject), topic(older.thread_subject)
    is_reply = newer.subject is not None and _REPLY_PREFIX.match(newer.subject) is not None
    if newer_words and older_words:
        return same_topic(newer_words, older_words)
    if older_words:
        return is_reply or dated
    return is_reply


def same_topic(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two subjects' words are one topic when more than half of the shorter
    subject's words are in the other: OCR and converters cut subjects short
    ("Overleg zorg" under "RE: Overleg zorg 2021"), and a word can drop out."""
    return 2 * len(a & b) > min(len(a), len(b))


@lru_cache(maxsize=1 << 16)
def topic(thread_subject: str | None) -> frozenset[str]:
    """The words a thread subject is about; none for a greeting or a marker that
    stands where the subject was."""
    subject = thread_subject or ""
    if _GREETING.match(subject) and (
        subject.rstrip().endswith(",") or len(subject.split()) <= _GREETING_WORDS
    ):
        return frozenset()
    if any(ch.isdigit() or ch in "[(█" for ch in subject):  # what a marker needs
        for redaction in find_markers(subject).redactions:
            start, end = redaction.span.start, redaction.span.end
            subject = subject[:start] + " " * (end - start) + subject[end:]
    return frozenset(_WORDS.findall(subject))


def _documents(connection: Connection) -> list[list[Printed]]:
    """The messages of each document, top (newest) first."""
    rows = connection.execute(
        "SELECT o.document_id, o.message_id, o.subject, m.thread_subject, m.sent_utc "
        "FROM message_occurrences o JOIN messages m ON m.id = o.message_id "
        "ORDER BY o.document_id, o.position"
    )
    return [
        [Printed(*row[1:]) for row in chain] for _, chain in groupby(rows, key=lambda row: row[0])
    ]


def _participants(connection: Connection) -> dict[int, set[str]]:
    """Who each message's sender and recipients are, where that is visible."""
    people: dict[int, set[str]] = defaultdict(set)
    for message_id, name, address in connection.execute(
        "SELECT o.message_id, p.name, p.address FROM parties p "
        "JOIN message_occurrences o ON o.id = p.occurrence_id WHERE p.redacted = 0"
    ):
        people[message_id] |= party_keys(Party(name=name, address=address))
    return people


def _moment(sent_utc: str | None) -> datetime | None:
    return datetime.fromisoformat(sent_utc) if sent_utc else None


def _within_days(a: str, b: str, days: int) -> bool:
    if not a or not b:
        return True  # no date on one side: the subject and the people decide
    gap = datetime.fromisoformat(b) - datetime.fromisoformat(a)
    return abs(gap.days) <= days
