"""Thread quality on the real UWV development data (issue 17, class 2).

Ingests ../shared/data/real/uwv-woo/ into a temporary corpus (one worker, the
same code path as ``inzage ingest``) and reports: threads, messages in threads
of more than one message, the largest thread, threads without any subject that
no reply chain holds together, threads whose subjects share no word (unrelated
topics), senders and recipients that are no party (a month, a weekday, a date or
time, only punctuation, one or two letters), and messages that appear twice in
one thread, or anywhere (same minute, same subject, two stored messages).  Examples are
printed as their category and shape (letters as ``x``, digits as ``9``), never
as document text.  Skips cleanly when ../shared/data/real/ is absent.

    .venv/bin/python bench/thread_quality.py [--db kept.db] [--rethread]

``--db`` keeps the corpus in that file, or measures it without ingesting when
it exists; ``--rethread`` then rebuilds the threads first (to try a threading
change without parsing again).
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import tempfile
import time
from collections import Counter, defaultdict
from datetime import datetime
from itertools import combinations, pairwise
from pathlib import Path

from inzage.cli.inputs import expand
from inzage.store import Corpus
from inzage.store.threads import rebuild_threads

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real"
FOLDER = REAL / "uwv-woo"

_MONTH = (
    r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    r"december|january|february|march|may|june|july|august|october|"
    r"jan|feb|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec"
)
_DAY = (
    r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|ma|di|wo|do|vr|za|zo|mon|tue|tues|"
    r"wed|thu|thur|thurs|fri|sat|sun"
)
_CATEGORIES = (
    ("month", re.compile(rf"(?i)\W*(?:{_MONTH})\.?\W*")),
    ("weekday", re.compile(rf"(?i)\W*(?:{_DAY})\.?\W*")),
    ("punctuation", re.compile(r"[\W_]*")),
    ("date or time", re.compile(rf"(?i)[\W\d]*(?:(?:{_MONTH}|{_DAY}|am|pm|at|om)\b[\W\d]*)*")),
    ("fragment", re.compile(r"[\W\d_]*(?:[^\W\d_][\W\d_]*){1,2}")),
)
_WORD = re.compile(r"[^\W\d_]{4,}")
# The body's greeting where the parser found no subject ("Beste collega,") is no topic.
_GREETING = re.compile(r"(?i)\s*(?:beste|hoi|hallo|dag|goede\w*|geachte|hi|dear)\b[^,]{0,40},\s*$")


def measure(db: Path | None, rethread: bool) -> None:
    if not FOLDER.is_dir():
        print("thread quality: skipped (../shared/data/real/uwv-woo/ is absent)")
        return
    with tempfile.TemporaryDirectory() as scratch:
        path = db or Path(scratch) / "uwv.db"
        if not path.exists():
            started = time.monotonic()
            with Corpus(path, create=True) as corpus:
                files = list(expand((str(FOLDER),), recursive=True, quiet=True))
                corpus.ingest(files, workers=1)
            print(f"ingested {len(files)} files in {time.monotonic() - started:.0f} s")
        connection = sqlite3.connect(path)
        if rethread:
            with connection:
                rebuild_threads(connection)
        report(connection)
        connection.close()


def report(connection: sqlite3.Connection) -> None:
    messages = connection.execute(
        "SELECT id, thread_id, thread_subject, sent_utc FROM messages"
    ).fetchall()
    by_thread: dict[int, list[tuple[int, str | None, str | None]]] = defaultdict(list)
    for message_id, thread_id, subject, sent in messages:
        by_thread[thread_id].append((message_id, subject, sent))
    shared = {t: members for t, members in by_thread.items() if len(members) > 1}
    print(f"messages: {len(messages)}; threads: {len(by_thread)}")
    print(
        f"threads of more than one message: {len(shared)}, holding "
        f"{sum(map(len, shared.values()))} messages; largest: "
        f"{max(map(len, by_thread.values()), default=0)}"
    )
    chains = _reply_chains(connection)
    untitled = {
        t
        for (t,) in connection.execute("SELECT id FROM threads WHERE subject IS NULL")
        if t in shared
    }
    print(
        f"threads shown without a subject: {len(untitled)}, of which no reply chain holds "
        f"{sum(1 for t in untitled if not chains.get(t))} together; largest: "
        f"{max((len(shared[t]) for t in untitled), default=0)}"
    )
    topics = {t: _topics([s for _, s, _ in members if s]) for t, members in shared.items()}
    mixed = {t: n for t, n in topics.items() if n > 1}
    print(
        f"threads with subjects that share no word: {len(mixed)}; most unrelated "
        f"subjects in one thread: {max(mixed.values(), default=1)}"
    )
    twice = [
        thread
        for thread, members in shared.items()
        for a, b in combinations(members, 2)
        if a[2] is not None and a[2][:16] == (b[2] or "")[:16] and a[1] == b[1]
    ]
    minutes = Counter((sent[:16], subject) for _, _, subject, sent in messages if sent)
    print(
        f"messages twice in one thread (same minute and subject): {len(twice)} pairs in "
        f"{len(set(twice))} threads; in the whole corpus: "
        f"{sum(n * (n - 1) // 2 for n in minutes.values())} pairs"
    )
    _parties(connection)


def _reply_chains(connection: sqlite3.Connection) -> dict[int, bool]:
    """Threads whose messages are printed one below the other in one document,
    each no later than the one above it."""
    rows = connection.execute(
        "SELECT o.document_id, o.position, m.thread_id, m.sent_utc FROM message_occurrences o "
        "JOIN messages m ON m.id = o.message_id ORDER BY o.document_id, o.position"
    ).fetchall()
    runs: dict[int, bool] = {}
    for (doc_a, pos_a, thread_a, sent_a), (doc_b, pos_b, thread_b, sent_b) in pairwise(rows):
        if (doc_a, pos_a + 1, thread_a) != (doc_b, pos_b, thread_b):
            continue
        in_order = bool(sent_a and sent_b) and (
            datetime.fromisoformat(sent_b) <= datetime.fromisoformat(sent_a)
        )
        runs[thread_a] = runs.get(thread_a, True) and in_order
    return runs


def _topics(subjects: list[str]) -> int:
    """How many groups the subjects fall into when subjects that share a word
    of four letters or more are one group (greetings left out)."""
    groups: list[set[str]] = []
    topical = [s for s in subjects if not _GREETING.match(s)]
    for words in ({w.lower() for w in _WORD.findall(s)} for s in topical):
        if not words:
            continue
        touching = [g for g in groups if g & words]
        merged = words.union(*touching)
        groups = [g for g in groups if not g & words] + [merged]
    return len(groups)


def _parties(connection: sqlite3.Connection) -> None:
    for label, roles in (("senders", ("from",)), ("recipients", ("to", "cc", "bcc"))):
        rows = connection.execute(
            f"SELECT name, address, redacted FROM parties WHERE role IN "
            f"({','.join('?' * len(roles))})",
            roles,
        ).fetchall()
        categories: Counter[str] = Counter()
        shapes: dict[str, Counter[str]] = defaultdict(Counter)
        for name, address, _ in rows:
            category = _category(name) if name and not address else None
            if category is not None:
                categories[category] += 1
                shapes[category][_shape(name)] += 1
        redacted = sum(1 for _, _, r in rows if r)
        print(
            f"{label}: {len(rows)}, redacted {redacted}, no party "
            f"{sum(categories.values())}: {dict(categories.most_common())}"
        )
        for category, counts in shapes.items():
            print(f"  {category}: e.g. {', '.join(s for s, _ in counts.most_common(4))}")


def _category(name: str) -> str | None:
    return next((c for c, pattern in _CATEGORIES if pattern.fullmatch(name.strip())), None)


def _shape(text: str) -> str:
    return re.sub(r"\d", "9", re.sub(r"[^\W\d_]", "x", text.strip()))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="keep the corpus here (or measure it)")
    parser.add_argument("--rethread", action="store_true", help="rebuild the threads first")
    arguments = parser.parse_args()
    measure(arguments.db, arguments.rethread)
