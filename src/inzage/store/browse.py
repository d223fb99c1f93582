"""Overviews of a corpus for browsing: organisations, grounds, entities.

Pure queries over the store, each returning plain rows; :class:`Corpus` wraps
them in model objects.  Near-duplicates that are not their cluster's
representative are left out, as in search.
"""

from __future__ import annotations

from inzage.store.database import Connection


def correspondents(
    connection: Connection, organisation: str, limit: int = 50
) -> list[tuple[str | None, str | None, int]]:
    """(name, address, messages) of the visible senders and recipients of the
    messages that name ``organisation``, most messages first."""
    return [
        (name, address, int(count))
        for name, address, count in connection.execute(
            # One row per party, by the first of its spellings (either database).
            "SELECT min(p.name), min(p.address), count(DISTINCT u.message_id) FROM unit_facets f "
            "JOIN units u ON u.id = f.unit_id "
            "JOIN message_occurrences o ON o.message_id = u.message_id "
            "JOIN parties p ON p.occurrence_id = o.id "
            "WHERE f.facet = 'organisation' AND f.value = ? AND p.redacted = 0 "
            "AND (p.name IS NOT NULL OR p.address IS NOT NULL) "
            "GROUP BY lower(coalesce(p.address, p.name)) "
            "ORDER BY count(DISTINCT u.message_id) DESC, min(p.name) LIMIT ?",
            (organisation, limit),
        )
    ]


def ground_use(connection: Connection) -> list[tuple[str, str | None, str, int, int]]:
    """(code, law, label, redactions, documents) for every ground applied, most first."""
    return [
        (str(code), law, str(label), int(redactions), int(documents))
        for code, law, label, redactions, documents in connection.execute(
            "SELECT g.code, max(g.law), max(g.label), count(*), count(DISTINCT r.document_id) "
            "FROM redaction_grounds g JOIN redactions r ON r.id = g.redaction_id "
            "GROUP BY g.code ORDER BY count(*) DESC, g.code"
        )
    ]


def ground_roles(connection: Connection, code: str) -> list[tuple[str, int]]:
    """What the redactions citing ``code`` hide (name, e-mail, passage, ...), most first."""
    return [
        (str(role), int(count))
        for role, count in connection.execute(
            "SELECT r.role, count(*) FROM redaction_grounds g "
            "JOIN redactions r ON r.id = g.redaction_id WHERE g.code = ? "
            "GROUP BY r.role ORDER BY count(*) DESC, r.role",
            (code,),
        )
    ]


def ground_documents(
    connection: Connection, code: str, limit: int, offset: int
) -> list[tuple[str, str, str | None, str | None, int]]:
    """(document id, kind, title, date, redactions) where ``code`` was applied, most first."""
    return [
        (str(document_id), str(kind), title, date, int(count))
        for document_id, kind, title, date, count in connection.execute(
            "SELECT d.id, d.kind, d.title, d.date, count(*) FROM redaction_grounds g "
            "JOIN redactions r ON r.id = g.redaction_id JOIN documents d ON d.id = r.document_id "
            "WHERE g.code = ? GROUP BY d.id ORDER BY count(*) DESC, d.date, d.id "
            "LIMIT ? OFFSET ?",
            (code, limit, offset),
        )
    ]


def entity_values(
    connection: Connection, kind: str | None, limit: int, offset: int
) -> list[tuple[str, str, int, int]]:
    """(kind, value, mentions, documents) of the entities found, most mentioned first.
    An entity without a normalised value is listed by its text."""
    clause = "WHERE kind = ?" if kind else ""
    params: list[object] = [kind] if kind else []
    return [
        (str(k), str(value), int(mentions), int(documents))
        for k, value, mentions, documents in connection.execute(
            "SELECT kind, coalesce(value_text, CAST(value_int AS TEXT), text) AS v, count(*), "
            f"count(DISTINCT document_id) FROM entities {clause} GROUP BY kind, v "
            "ORDER BY count(*) DESC, kind, v LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
    ]


def entity_documents(
    connection: Connection, kind: str, value: str, limit: int, offset: int
) -> list[tuple[str, str, str | None, str | None, int]]:
    """(document id, kind, title, date, mentions) of the documents that mention an
    entity (by its normalised value, or its text where it has none), most first."""
    return [
        (str(document_id), str(k), title, date, int(count))
        for document_id, k, title, date, count in connection.execute(
            "SELECT d.id, d.kind, d.title, d.date, count(*) FROM entities e "
            "JOIN documents d ON d.id = e.document_id "
            "WHERE e.kind = ? AND coalesce(e.value_text, CAST(e.value_int AS TEXT), e.text) = ? "
            "GROUP BY d.id ORDER BY count(*) DESC, d.date, d.id LIMIT ? OFFSET ?",
            (kind, value, limit, offset),
        )
    ]
