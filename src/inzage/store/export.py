"""Streaming the store out, one flat row at a time (JSON Lines or CSV)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Literal

from inzage.store.database import Connection, on_server

What = Literal["documents", "messages", "redactions", "entities", "proposals"]
WHAT: tuple[What, ...] = ("documents", "messages", "redactions", "entities", "proposals")

# A document's fields as one JSON object, a redaction's grounds as one list.
_AGGREGATES = {
    False: {
        "object_of_fields": "json_group_object(key, value)",
        "list_of_codes": "group_concat(code, ',')",
    },
    True: {
        "object_of_fields": "json_object_agg(key, value ORDER BY position)::text",
        "list_of_codes": "string_agg(code, ',' ORDER BY position)",
    },
}
_PATH = "(SELECT path FROM source_paths p WHERE p.source_id = {} ORDER BY position LIMIT 1)"
_QUERIES: dict[What, str] = {
    "documents": f"""
        SELECT d.id, s.sha256 AS source_sha256, {_PATH.format("d.source_id")} AS path,
               d.position, d.kind, d.complete, d.title, d.date, d.start, d."end", d.language,
               (SELECT {{object_of_fields}} FROM document_fields f
                 WHERE f.document_id = d.id) AS fields,
               (SELECT count(*) FROM redactions r WHERE r.document_id = d.id) AS redactions,
               (SELECT count(*) FROM message_occurrences o WHERE o.document_id = d.id) AS messages,
               (SELECT cluster_id FROM cluster_members c WHERE c.document_id = d.id) AS cluster
        FROM documents d JOIN sources s ON s.id = d.source_id ORDER BY d.source_id, d.position""",
    "messages": """
        SELECT m.id, m.thread_id, m.fingerprint, m.subject, m.sent_utc, m.sender, m.occurrences,
               (SELECT document_id FROM message_occurrences o WHERE o.message_id = m.id
                 ORDER BY o.id LIMIT 1) AS first_document
        FROM messages m ORDER BY m.id""",
    "redactions": f"""
        SELECT r.document_id, {_PATH.format("d.source_id")} AS path, r.position, r.start,
               r."end", r.marker, r.role, r."group", r.confidence, r.notation,
               (SELECT {{list_of_codes}} FROM redaction_grounds g
                 WHERE g.redaction_id = r.id) AS grounds
        FROM redactions r JOIN documents d ON d.id = r.document_id ORDER BY r.id""",
    "entities": f"""
        SELECT e.document_id, {_PATH.format("d.source_id")} AS path, e.position, e.kind, e.text,
               e.start, e."end", e.value_text, e.value_int, e.role, e.redacted
        FROM entities e JOIN documents d ON d.id = e.document_id ORDER BY e.id""",
    "proposals": f"""
        SELECT p.document_id, {_PATH.format("p.source_id")} AS path, p.start, p."end", p.text,
               p.kind, p.ground, p.action, p.score, p.recogniser, p.reason, p.person, p.page
        FROM proposals p ORDER BY p.source_id, p.start""",
}


def export_rows(connection: Connection, what: What) -> Iterator[dict[str, Any]]:
    """Rows of one table as dictionaries, streamed from the database."""
    cursor = connection.execute(_QUERIES[what].format_map(_AGGREGATES[on_server(connection)]))
    names = [column[0] for column in cursor.description]
    for row in cursor:
        record = dict(zip(names, row, strict=True))
        if "fields" in record:
            record["fields"] = json.loads(record["fields"] or "{}")
        if "value_text" in record:
            # Text or number, whichever the entity has (one column in the export).
            text, number = record.pop("value_text"), record.pop("value_int")
            record = _with_value(record, text if text is not None else number)
        yield record


def _with_value(record: dict[str, Any], value: Any) -> dict[str, Any]:
    """``value`` in the place the export has always had it, after ``end``."""
    out: dict[str, Any] = {}
    for name, item in record.items():
        out[name] = item
        if name == "end":
            out["value"] = value
    return out
