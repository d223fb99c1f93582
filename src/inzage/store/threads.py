"""Conversations across files.

Messages are linked when one document quotes them together (a reply and the
messages below it), and when they share a normalised subject (without
RE:/FW:/Antw:/Doorst:/Fwd:, any case, any repetition) and a participant,
within :data:`WINDOW_DAYS` of the conversation so far.  Where both messages
have no visible participant (names and addresses redacted), the subject and
a window of :data:`BLIND_WINDOW_DAYS` decide.  A thread's id is the smallest
id of its messages, so it stays the same while no other thread merges in.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import datetime
from itertools import pairwise

from inzage.store.partition import Partition

WINDOW_DAYS = 30
BLIND_WINDOW_DAYS = 7


def rebuild_threads(connection: sqlite3.Connection) -> int:
    """Recompute every thread; returns how many there are."""
    linked: Partition[int] = Partition()
    by_document: dict[str, list[int]] = defaultdict(list)
    for message_id, document_id in connection.execute(
        "SELECT message_id, document_id FROM message_occurrences"
    ):
        by_document[document_id].append(message_id)
    for members in by_document.values():
        for other in members[1:]:
            linked.union(members[0], other)

    people = _participants(connection)
    by_subject: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for message_id, subject, sent in connection.execute(
        "SELECT id, thread_subject, sent_utc FROM messages WHERE thread_subject IS NOT NULL"
    ):
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
                      ORDER BY sent_utc IS NULL, sent_utc LIMIT 1),
           first_sent = (SELECT min(sent_utc) FROM messages m WHERE m.thread_id = threads.id),
           last_sent = (SELECT max(sent_utc) FROM messages m WHERE m.thread_id = threads.id)"""
    )
    return len(groups)


def _participants(connection: sqlite3.Connection) -> dict[int, set[str]]:
    """Visible addresses and names of each message's sender and recipients."""
    people: dict[int, set[str]] = defaultdict(set)
    for message_id, name, address in connection.execute(
        "SELECT o.message_id, p.name, p.address FROM parties p "
        "JOIN message_occurrences o ON o.id = p.occurrence_id WHERE p.redacted = 0"
    ):
        if address:
            people[message_id].add(address.lower())
        elif name:
            people[message_id].add(" ".join(name.lower().split()))
    return people


def _within_days(a: str, b: str, days: int) -> bool:
    if not a or not b:
        return True  # no date on one side: the subject and the people decide
    gap = datetime.fromisoformat(b) - datetime.fromisoformat(a)
    return abs(gap.days) <= days
