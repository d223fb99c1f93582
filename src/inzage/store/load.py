"""Rows back into the document model: the store holds nothing the model lacks,
so a loaded source equals the parsed one."""

from __future__ import annotations

import json
from typing import Any

from inzage.model import (
    Box,
    Document,
    Entity,
    Ground,
    Message,
    PageRange,
    Party,
    Redaction,
    Section,
    Source,
    Span,
)
from inzage.store.database import Connection

# A document's reading text, in a query over ``documents d JOIN sources s``.
# (The casts: PostgreSQL's substr takes 32-bit positions, the columns are 64-bit.)
DOCUMENT_TEXT_SQL = (
    'substr(s.text, CAST(d.start + 1 AS INTEGER), CAST(d."end" - d.start AS INTEGER))'
)


def source_text(connection: Connection, source_id: int) -> str:
    """The reading text of one stored source."""
    return str(
        connection.execute("SELECT text FROM sources WHERE id = ?", (source_id,)).fetchone()[0]
    )


def source_slice(connection: Connection, source_id: int, start: int, end: int) -> str:
    """``text[start:end]`` of one stored source, without reading the rest of it."""
    (piece,) = connection.execute(
        "SELECT substr(text, CAST(? AS INTEGER), CAST(? AS INTEGER)) FROM sources WHERE id = ?",
        (start + 1, end - start, source_id),
    ).fetchone()
    return str(piece)


class SourceTexts:
    """Texts of sources asked for one after another, as rows ordered by source
    come: the last is kept, so each is read once (``substr`` in SQL would read
    a whole source for every unit or document in it)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.source_id: int | None = None
        self.text = ""

    def __call__(self, source_id: int) -> str:
        if source_id != self.source_id:
            self.source_id, self.text = source_id, source_text(self.connection, source_id)
        return self.text


def load_source(connection: Connection, source_id: int) -> Source:
    row = connection.execute(
        "SELECT sha256, format, pages, encoding, metadata, text, ocr_pages FROM sources "
        "WHERE id = ?",
        (source_id,),
    ).fetchone()
    if row is None:
        raise KeyError(f"no source {source_id}")
    path = connection.execute(
        "SELECT path FROM source_paths WHERE source_id = ? ORDER BY position LIMIT 1", (source_id,)
    ).fetchone()[0]
    warnings = [
        w
        for (w,) in connection.execute(
            "SELECT warning FROM source_warnings WHERE source_id = ? ORDER BY position",
            (source_id,),
        )
    ]
    document_ids = [
        d
        for (d,) in connection.execute(
            "SELECT id FROM documents WHERE source_id = ? ORDER BY position", (source_id,)
        )
    ]
    return Source(
        path=path,
        sha256=row[0],
        format=row[1],
        pages=row[2],
        ocr_pages=row[6],
        encoding=row[3],
        metadata=json.loads(row[4]),
        text=row[5],
        documents=[load_document(connection, d) for d in document_ids],
        warnings=warnings,
    )


def load_document(connection: Connection, document_id: str) -> Document:
    row = connection.execute(
        'SELECT kind, complete, title, date, start, "end", first_page, last_page, language '
        "FROM documents WHERE id = ?",
        (document_id,),
    ).fetchone()
    if row is None:
        raise KeyError(f"no document {document_id}")

    def column(sql: str) -> list[Any]:
        return list(connection.execute(sql, (document_id,)))

    occurrences = [
        o
        for (o,) in column(
            "SELECT id FROM message_occurrences WHERE document_id = ? ORDER BY position"
        )
    ]
    return Document(
        id=document_id,
        kind=row[0],
        complete=bool(row[1]),
        title=row[2],
        date=row[3],
        span=Span(start=row[4], end=row[5]),
        pages=None if row[6] is None else PageRange(first=row[6], last=row[7]),
        language=row[8],
        fields={
            k: v
            for k, v in column(
                "SELECT key, value FROM document_fields WHERE document_id = ? ORDER BY position"
            )
        },
        messages=[load_occurrence(connection, o) for o in occurrences],
        sections=[
            Section(number=n, title=t, level=lv, span=Span(start=s, end=e))
            for n, t, lv, s, e in column(
                'SELECT number, title, level, start, "end" FROM sections '
                "WHERE document_id = ? ORDER BY position"
            )
        ],
        redactions=_redactions(connection, document_id),
        entities=[
            Entity(
                kind=kind,
                text=text,
                span=Span(start=s, end=e),
                value=vt if vi is None else vi,
                role=role,
                redacted=None if redacted is None else bool(redacted),
            )
            for kind, text, s, e, vt, vi, role, redacted in column(
                'SELECT kind, text, start, "end", value_text, value_int, role, redacted '
                "FROM entities WHERE document_id = ? ORDER BY position"
            )
        ],
        attachments=[
            n
            for (n,) in column(
                "SELECT name FROM document_attachments WHERE document_id = ? ORDER BY position"
            )
        ],
        running_headers=[
            t
            for (t,) in column(
                "SELECT text FROM running_headers WHERE document_id = ? ORDER BY position"
            )
        ],
    )


def _redactions(connection: Connection, document_id: str) -> list[Redaction]:
    rows = connection.execute(
        'SELECT id, start, "end", marker, role, "group", confidence, notation, box_page, box_x, '
        "box_y, box_width, box_height, box_unit FROM redactions WHERE document_id = ? "
        "ORDER BY position",
        (document_id,),
    ).fetchall()
    grounds: dict[int, list[Ground]] = {r[0]: [] for r in rows}
    if rows:
        for rid, code, law, original, label, candidates in connection.execute(
            "SELECT g.redaction_id, g.code, g.law, g.original, g.label, g.candidates "
            "FROM redaction_grounds g JOIN redactions r ON r.id = g.redaction_id "
            "WHERE r.document_id = ? ORDER BY g.redaction_id, g.position",
            (document_id,),
        ):
            grounds[rid].append(
                Ground(
                    code=code,
                    law=law,
                    original=original,
                    label=label,
                    candidates=_codes(candidates),
                )
            )
    return [
        Redaction(
            span=Span(start=r[1], end=r[2]),
            marker=r[3],
            role=r[4],
            group=r[5],
            confidence=r[6],
            notation=r[7],
            grounds=grounds[r[0]],
            box=None
            if r[8] is None
            else Box(page=r[8], x=r[9], y=r[10], width=r[11], height=r[12], unit=r[13]),
        )
        for r in rows
    ]


def load_occurrence(connection: Connection, occurrence_id: int) -> Message:
    """One message as it occurs in one document."""
    o = connection.execute(
        'SELECT position, sent, sent_zone_assumed, subject, header_style, start, "end", '
        "body_start, body_end, quoted, fingerprint, signature_start, signature_end "
        "FROM message_occurrences WHERE id = ?",
        (occurrence_id,),
    ).fetchone()
    if o is None:
        raise KeyError(f"no message occurrence {occurrence_id}")
    parties: dict[str, list[Party]] = {"from": [], "to": [], "cc": [], "bcc": []}
    for role, name, address, domain, redacted, grounds in connection.execute(
        "SELECT role, name, address, domain, redacted, grounds FROM parties "
        "WHERE occurrence_id = ? ORDER BY role, position",
        (occurrence_id,),
    ):
        parties[role].append(
            Party(
                name=name,
                address=address,
                domain=domain,
                redacted=bool(redacted),
                grounds=_codes(grounds),
            )
        )
    return Message(
        index=o[0],
        sender=parties["from"][0] if parties["from"] else None,
        to=parties["to"],
        cc=parties["cc"],
        bcc=parties["bcc"],
        sent=o[1],
        sent_zone_assumed=o[2],
        subject=o[3],
        header_style=o[4],
        span=Span(start=o[5], end=o[6]),
        body_span=Span(start=o[7], end=o[8]),
        attachments=[
            n
            for (n,) in connection.execute(
                "SELECT name FROM message_attachments WHERE occurrence_id = ? ORDER BY position",
                (occurrence_id,),
            )
        ],
        quoted=bool(o[9]),
        fingerprint=o[10],
        signature_span=None if o[11] is None else Span(start=o[11], end=o[12]),
    )


def _codes(joined: str) -> list[str]:
    """Ground codes stored comma-separated (codes never hold a comma)."""
    return joined.split(",") if joined else []
