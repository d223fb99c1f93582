"""Writing one parsed source (and the files attached to it) into the store, in
one transaction.

A source already stored (same sha256) only gains the new path.  Messages are
stored once per fingerprint, with every place they occur; a message's search
unit is written the first time it is seen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

from inzage.model import Box, Document, Message, Party, Redaction, Source
from inzage.parse.email import thread_subject
from inzage.store.database import Connection
from inzage.store.dedupe import store_signature
from inzage.store.schema import set_meta, transaction
from inzage.store.units import Unit, utc_text


@dataclass
class Parsed:
    """What a worker hands back for one file: the model and the derived search data."""

    source: Source
    units: list[Unit] = field(default_factory=list)
    signatures: dict[int, bytes] = field(default_factory=dict)  # document position → MinHash
    abbreviations: list[tuple[str, str]] = field(default_factory=list)  # (abbreviation, name)
    attachments: list[Parsed] = field(default_factory=list)  # the source's attachments

    def all(self) -> list[Parsed]:
        """This source and its attachments, theirs included."""
        return [self, *(nested for attached in self.attachments for nested in attached.all())]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def add_path(connection: Connection, sha256: str, path: str) -> bool:
    """Record another path for a stored source; ``False`` when the sha256 is not stored."""
    if _source_id(connection, sha256) is None:
        return False
    with transaction(connection):
        return _add_path(connection, sha256, path)


def _source_id(connection: Connection, sha256: str) -> int | None:
    row = connection.execute("SELECT id FROM sources WHERE sha256 = ?", (sha256,)).fetchone()
    return None if row is None else int(row[0])


def _add_path(connection: Connection, sha256: str, path: str) -> bool:
    """Inside a transaction: :func:`add_path`."""
    source_id = _source_id(connection, sha256)
    if source_id is None:
        return False
    position = connection.execute(
        "SELECT count(*) FROM source_paths WHERE source_id = ?", (source_id,)
    ).fetchone()[0]
    connection.execute(
        "INSERT INTO source_paths VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        (source_id, path, position),
    )
    connection.execute("DELETE FROM failures WHERE path = ?", (path,))
    return True


def record_failure(
    connection: Connection, path: str, sha256: str | None, error: str, reason: str
) -> None:
    with transaction(connection):
        connection.execute(
            """INSERT INTO failures VALUES (?, ?, ?, ?, 1, ?)
               ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, error = excluded.error,
               reason = excluded.reason, attempts = failures.attempts + 1,
               failed_at = excluded.failed_at""",
            (path, sha256, error, reason, now()),
        )


def store_source(connection: Connection, parsed: Parsed) -> int | None:
    """Write a parsed source with its documents, messages and search units, and its
    attachments as sources of their own, in one transaction; returns its id, or
    ``None`` when the same bytes were stored meanwhile (then only the path is
    added: several writers may have parsed the same content at once)."""
    with transaction(connection):
        stored = _store(connection, parsed)
        for attached in parsed.all()[1:]:
            _store(connection, attached)
    return stored


def _store(connection: Connection, parsed: Parsed) -> int | None:
    source = parsed.source
    if _add_path(connection, source.sha256, source.path):
        return None
    cursor = connection.execute(
        "INSERT INTO sources (sha256, format, pages, ocr_pages, encoding, metadata, text, "
        "characters, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            source.sha256,
            source.format,
            source.pages,
            source.ocr_pages,
            source.encoding,
            json.dumps(source.metadata, ensure_ascii=False, default=str),
            source.text,
            len(source.text),
            now(),
        ),
    )
    source_id = int(cursor.fetchone()[0])
    connection.execute("INSERT INTO source_paths VALUES (?, ?, 0)", (source_id, source.path))
    connection.executemany(
        "INSERT INTO source_warnings VALUES (?, ?, ?)",
        [(source_id, i, w) for i, w in enumerate(source.warnings)],
    )
    new_messages: dict[tuple[int, int], int] = {}
    for position, document in enumerate(source.documents):
        _document(connection, source_id, position, document)
        for message in document.messages:
            stored, new = _message(connection, document, message)
            if new:
                new_messages[(position, message.index)] = stored
        sig = parsed.signatures.get(position)
        if sig is not None:
            store_signature(connection, document.id, sig)
    for unit in parsed.units:
        document_id = source.documents[unit.document].id
        first_seen: int | None = None
        if unit.message is not None:
            first_seen = new_messages.get((unit.document, unit.message))
            if first_seen is None:
                continue  # seen before: its unit exists
        _unit(connection, unit, document_id, first_seen)
    store_abbreviations(connection, source_id, source.sha256, parsed.abbreviations)
    connection.execute("DELETE FROM failures WHERE path = ?", (source.path,))
    set_meta(connection, "finalised", "0")
    return source_id


def _document(connection: Connection, source_id: int, position: int, document: Document) -> None:
    d = document
    connection.execute(
        "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            d.id,
            source_id,
            position,
            d.kind,
            d.complete,
            d.title,
            None if d.date is None else d.date.isoformat(),
            d.span.start,
            d.span.end,
            d.pages.first if d.pages else None,
            d.pages.last if d.pages else None,
            d.language,
        ),
    )
    connection.executemany(
        "INSERT INTO document_fields VALUES (?, ?, ?, ?)",
        [(d.id, i, key, value) for i, (key, value) in enumerate(d.fields.items())],
    )
    connection.executemany(
        "INSERT INTO document_attachments VALUES (?, ?, ?)",
        [(d.id, i, name) for i, name in enumerate(d.attachments)],
    )
    connection.executemany(
        "INSERT INTO running_headers VALUES (?, ?, ?)",
        [(d.id, i, text) for i, text in enumerate(d.running_headers)],
    )
    connection.executemany(
        "INSERT INTO sections VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (d.id, i, s.number, s.title, s.level, s.span.start, s.span.end)
            for i, s in enumerate(d.sections)
        ],
    )
    _redactions(connection, d.id, d.redactions)
    connection.executemany(
        'INSERT INTO entities (document_id, position, kind, text, start, "end", value_text, '
        "value_int, role, redacted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                d.id,
                i,
                e.kind,
                e.text,
                e.span.start,
                e.span.end,
                e.value if isinstance(e.value, str) else None,
                e.value if isinstance(e.value, int) else None,
                e.role,
                e.redacted,
            )
            for i, e in enumerate(d.entities)
        ],
    )


def _redactions(connection: Connection, document_id: str, redactions: list[Redaction]) -> None:
    """All of a document's redactions and their grounds in two statements: the ids
    are given here (one writer holds the transaction), so the grounds need not
    wait for each row's id."""
    first_id = connection.execute("SELECT coalesce(max(id), 0) + 1 FROM redactions").fetchone()[0]
    connection.executemany(
        'INSERT INTO redactions (id, document_id, position, start, "end", marker, role, "group", '
        "confidence, notation, box_page, box_x, box_y, box_width, box_height, box_unit) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                first_id + position,
                document_id,
                position,
                r.span.start,
                r.span.end,
                r.marker,
                r.role,
                r.group,
                r.confidence,
                r.notation,
                *_box(r.box),
            )
            for position, r in enumerate(redactions)
        ],
    )
    connection.executemany(
        "INSERT INTO redaction_grounds VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (first_id + position, i, g.code, g.law, g.original, g.label, ",".join(g.candidates))
            for position, r in enumerate(redactions)
            for i, g in enumerate(r.grounds)
        ],
    )


def _box(box: Box | None) -> tuple[object, ...]:
    if box is None:
        return (None,) * 6
    return (box.page, box.x, box.y, box.width, box.height, box.unit)


def _message(connection: Connection, document: Document, message: Message) -> tuple[int, bool]:
    """Store one occurrence; returns the message id and whether the message is new."""
    row = None
    if message.fingerprint is not None:
        row = connection.execute(
            "SELECT id FROM messages WHERE fingerprint = ?", (message.fingerprint,)
        ).fetchone()
    if row is None:
        sender = message.sender
        cursor = connection.execute(
            "INSERT INTO messages (fingerprint, subject, thread_subject, sent_utc, sender, "
            "occurrences) VALUES (?, ?, ?, ?, ?, 1) RETURNING id",
            (
                message.fingerprint,
                message.subject,
                thread_subject(message.subject or "") or None,
                utc_text(message.sent),
                _who(sender),
            ),
        )
        message_id, new = int(cursor.fetchone()[0]), True
    else:
        message_id, new = int(row[0]), False
        connection.execute(
            "UPDATE messages SET occurrences = occurrences + 1 WHERE id = ?", (message_id,)
        )
    m = message
    cursor = connection.execute(
        "INSERT INTO message_occurrences (message_id, document_id, position, sent, "
        'sent_zone_assumed, subject, header_style, start, "end", body_start, body_end, quoted, '
        "fingerprint, signature_start, signature_end) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            message_id,
            document.id,
            m.index,
            None if m.sent is None else m.sent.isoformat(),
            m.sent_zone_assumed,
            m.subject,
            m.header_style,
            m.span.start,
            m.span.end,
            m.body_span.start,
            m.body_span.end,
            m.quoted,
            m.fingerprint,
            m.signature_span.start if m.signature_span else None,
            m.signature_span.end if m.signature_span else None,
        ),
    )
    occurrence = int(cursor.fetchone()[0])
    parties: list[tuple[str, int, Party]] = []
    if m.sender is not None:
        parties.append(("from", 0, m.sender))
    for role, listed in (("to", m.to), ("cc", m.cc), ("bcc", m.bcc)):
        parties.extend((role, i, p) for i, p in enumerate(listed))
    connection.executemany(
        "INSERT INTO parties (occurrence_id, role, position, name, address, domain, redacted, "
        "grounds) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (occurrence, role, i, p.name, p.address, p.domain, p.redacted, ",".join(p.grounds))
            for role, i, p in parties
        ],
    )
    connection.executemany(
        "INSERT INTO message_attachments VALUES (?, ?, ?)",
        [(occurrence, i, name) for i, name in enumerate(m.attachments)],
    )
    return message_id, new


def _who(party: Party | None) -> str | None:
    if party is None:
        return None
    return (party.address or party.name or "").lower() or None


def store_abbreviations(
    connection: Connection, source_id: int, sha256: str, pairs: list[tuple[str, str]]
) -> None:
    """A source's pairs; ``abbreviations_at`` names the last source that gave
    any (its id and digest: another store at the same address has other
    sources), so that search knows when to read them again."""
    if not pairs:
        return
    set_meta(connection, "abbreviations_at", f"{source_id}:{sha256}")
    connection.executemany(
        "INSERT INTO abbreviations VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [(source_id, abbreviation, name) for abbreviation, name in pairs],
    )


def _unit(connection: Connection, unit: Unit, document_id: str, message_id: int | None) -> None:
    cursor = connection.execute(
        'INSERT INTO units (kind, document_id, message_id, start, "end", title, date_utc, '
        "redactions) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            unit.kind,
            document_id,
            message_id,
            unit.span.start,
            unit.span.end,
            unit.title,
            unit.date_utc,
            unit.redactions,
        ),
    )
    unit_id = int(cursor.fetchone()[0])
    connection.execute(
        "INSERT INTO unit_terms (unit_id, body) VALUES (?, ?)", (unit_id, unit.index_body)
    )
    connection.executemany(
        "INSERT INTO unit_facets VALUES (?, ?, ?)",
        [(unit_id, facet, value) for facet, value in sorted(unit.facets)],
    )
