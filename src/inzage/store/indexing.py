"""Keeping the search index in step with the store.

SQLite is the truth; the index (:mod:`inzage.store.engine`) is derived from
it and can always be rebuilt from the stored text.  Units only ever get
higher ids (they are never deleted, and a writer takes the next id inside
its own transaction, so ids are committed in order), and the index always
holds every unit up to its highest id.  So bringing it in step is: index the
units above that id, then copy the near-duplicate flags, which the end of an
ingest recomputes.  An ingest killed at any moment leaves a store and an
index that are each whole; the next run (or ``inzage index``) picks up at
the index's highest id.

Ingest workers stem a unit's text while they parse (in parallel) and leave
the index forms in ``unit_terms``; the process that writes the index takes
them from there and deletes them once they are committed.  A unit without
them (a store made by an older inzage, a repair) is stemmed from its text.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from inzage.parse.documents import front_matter_titles
from inzage.store.database import Connection
from inzage.store.engine import Engine, IndexedUnit, Writer
from inzage.store.load import SourceTexts
from inzage.store.schema import get_meta, set_meta, transaction
from inzage.store.terms import index_text

BATCH = 5_000  # units read from the store at a time
COMMIT_EVERY = 50_000  # units between commits of a long catch-up (a kill loses at most these)


@dataclass(frozen=True)
class Drift:
    """How the index and the store differ."""

    stored: int  # units in the store
    indexed: int  # units in the index
    missing: int  # in the store, not in the index
    extra: int  # in the index, not in the store
    wrong_duplicates: int  # near-duplicate flag differs

    @property
    def in_step(self) -> bool:
        return not (self.missing or self.extra or self.wrong_duplicates)


Progress = Callable[[tuple[int, int]], None]  # (units done, units to do)


def lag(connection: Connection, engine: Engine) -> int:
    """Units stored above the index's highest id: not searchable yet."""
    top = connection.execute("SELECT max(id) FROM units").fetchone()[0] or 0
    return max(0, int(top) - engine.max_id())


def catch_up(connection: Connection, engine: Engine, on_progress: Progress | None = None) -> int:
    """Index the units above the index's highest id, then copy the duplicate
    flags.  Returns the number of units indexed."""
    above = engine.max_id()
    todo = connection.execute("SELECT count(*) FROM units WHERE id > ?", (above,)).fetchone()[0]
    added = 0
    if todo:
        with engine.writing() as writer:
            added = _add_from(connection, writer, above, todo, on_progress)
        _forget_terms(connection, above + added)
    if get_meta(connection, _DUPLICATES_CHANGED) == "1":
        fix_duplicates(connection, engine)
        with transaction(connection):
            set_meta(connection, _DUPLICATES_CHANGED, "0")
    return int(added)


_DUPLICATES_CHANGED = "index_duplicates_changed"


def mark_duplicates_changed(connection: Connection) -> None:
    """Say, inside the transaction that recomputes the near-duplicate flags,
    that the index's copies of them are to be checked (a kill before that
    leaves the mark for the next run)."""
    set_meta(connection, _DUPLICATES_CHANGED, "1")


def _add_from(
    connection: Connection,
    writer: Writer,
    above: int,
    todo: int,
    on_progress: Progress | None,
) -> int:
    added = since_commit = 0
    for batch in _batches(connection, above):
        added += writer.add(batch)
        since_commit += len(batch)
        if since_commit >= COMMIT_EVERY:
            writer.commit()
            since_commit = 0
        if on_progress is not None:
            on_progress((added, todo))
    writer.commit()
    return added


_SELECT = (
    'SELECT u.id, u.kind, u.date_utc, u.duplicate, u.start, u."end", u.title, '
    "d.source_id, t.body, s.metadata FROM units u JOIN documents d ON d.id = u.document_id "
    "JOIN sources s ON s.id = d.source_id LEFT JOIN unit_terms t ON t.unit_id = u.id "
)


def _batches(connection: Connection, above: int) -> Iterator[list[IndexedUnit]]:
    """The units above ``above`` in id order, a batch at a time."""
    while True:
        rows = connection.execute(
            _SELECT + "WHERE u.id > ? ORDER BY u.id LIMIT ?", (above, BATCH)
        ).fetchall()
        if not rows:
            return
        facets = _facets(connection, "unit_id BETWEEN ? AND ?", [rows[0][0], rows[-1][0]])
        yield list(_indexed(connection, rows, facets))
        above = rows[-1][0]


def _listed(connection: Connection, unit_ids: list[int]) -> list[IndexedUnit]:
    marks = ",".join("?" * len(unit_ids))
    rows = connection.execute(_SELECT + f"WHERE u.id IN ({marks}) ORDER BY u.id", unit_ids)
    facets = _facets(connection, f"unit_id IN ({marks})", unit_ids)
    return list(_indexed(connection, rows.fetchall(), facets))


def _indexed(
    connection: Connection,
    rows: list[tuple[Any, ...]],
    facets: dict[int, list[tuple[str, str]]],
) -> Iterator[IndexedUnit]:
    """Rows of :data:`_SELECT` as the index holds them."""
    texts = SourceTexts(connection)
    described: dict[int, list[str]] = {}  # a source's metadata titles (a mail file has many units)
    for row in rows:
        unit_id, kind, date_utc, duplicate, start, end, title, source, body = row[:9]
        piece = texts(source)[start:end]
        if source not in described:
            described[source] = _metadata_titles(row[9])
        titles = [title] if title else []
        titles += [t for t in described[source] if t != title]
        yield IndexedUnit(
            unit_id=unit_id,
            file=source,
            title=index_text(" ".join(titles)),
            body=body if body is not None else index_text(piece),
            text=piece,
            kind=kind,
            date_utc=date_utc,
            duplicate=bool(duplicate),
            facets=frozenset(facets.get(unit_id, ())),
        )


def _metadata_titles(metadata: str | None) -> list[str]:
    """The titles a file's metadata gives (a converted file's front matter
    names the publication it belongs to): they weigh as a unit's title."""
    try:
        described = json.loads(metadata) if metadata else {}
    except ValueError:
        return []
    return front_matter_titles(described) if isinstance(described, dict) else []


def _facets(
    connection: Connection, where: str, params: list[int]
) -> dict[int, list[tuple[str, str]]]:
    facets: dict[int, list[tuple[str, str]]] = {}
    for unit_id, facet, value in connection.execute(
        f"SELECT unit_id, facet, value FROM unit_facets WHERE {where}", params
    ):
        facets.setdefault(unit_id, []).append((facet, value))
    return facets


def _forget_terms(connection: Connection, through: int) -> None:
    """The staged index forms of units now in the index are not needed any more."""
    with transaction(connection):
        connection.execute("DELETE FROM unit_terms WHERE unit_id <= ?", (through,))


def fix_duplicates(connection: Connection, engine: Engine) -> int:
    """Re-index the units whose near-duplicate flag the index has wrong (the
    end of an ingest recomputes the clusters).  Returns how many."""
    wrong = _wrong_duplicates(connection, engine)
    if wrong:
        _reindex(connection, engine, wrong)
    return len(wrong)


def _wrong_duplicates(connection: Connection, engine: Engine) -> list[int]:
    top = engine.max_id()
    stored = {
        unit_id
        for (unit_id,) in connection.execute(
            "SELECT id FROM units WHERE duplicate = 1 AND id <= ?", (top,)
        )
    }
    return sorted(stored.symmetric_difference(engine.ids(duplicates_only=True)))


def _reindex(connection: Connection, engine: Engine, unit_ids: list[int]) -> None:
    with engine.writing() as writer:
        for start in range(0, len(unit_ids), BATCH):
            chosen = unit_ids[start : start + BATCH]
            writer.delete(chosen)
            writer.add(_listed(connection, chosen))
        writer.commit()


def check(connection: Connection, engine: Engine) -> Drift:
    """Compare every unit id and duplicate flag of the index with the store."""
    stored = [unit_id for (unit_id,) in connection.execute("SELECT id FROM units ORDER BY id")]
    indexed = engine.ids()
    stored_set, indexed_set = set(stored), set(indexed)
    return Drift(
        stored=len(stored),
        indexed=len(indexed),
        missing=len(stored_set - indexed_set),
        extra=len(indexed_set - stored_set) + len(indexed) - len(indexed_set),
        wrong_duplicates=len(_wrong_duplicates(connection, engine)),
    )


def repair(
    connection: Connection, engine: Engine, on_progress: Progress | None = None
) -> tuple[Drift, int]:
    """Bring the index in step whatever the drift: units missing below its
    highest id are added, units the store does not have (or has twice in the
    index) are removed, then :func:`catch_up`.  Returns the drift found and
    the number of units indexed."""
    drift = check(connection, engine)
    reindexed = 0
    if drift.missing or drift.extra:
        stored = {unit_id for (unit_id,) in connection.execute("SELECT id FROM units")}
        indexed = Counter(engine.ids())
        top = max(indexed, default=0)
        twice = {unit_id for unit_id, times in indexed.items() if times > 1}
        with engine.writing() as writer:
            writer.delete(sorted((indexed.keys() - stored) | twice))
            writer.commit()
        # Those below the index's highest id; catch_up adds those above it.
        missing = {unit_id for unit_id in stored - indexed.keys() if unit_id <= top}
        again = sorted(missing | (twice & stored))
        _reindex(connection, engine, again)
        reindexed = len(again)
    if drift.wrong_duplicates:
        fix_duplicates(connection, engine)
    return drift, reindexed + catch_up(connection, engine, on_progress)


def rebuild(connection: Connection, engine: Engine, on_progress: Progress | None = None) -> int:
    """Empty the index and index every unit again from the stored text."""
    with engine.writing() as writer:
        writer.delete_all()
        writer.commit()
    return catch_up(connection, engine, on_progress)
