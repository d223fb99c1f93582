"""A redaction applied to every occurrence in the dossier ("apply to all").

One person is named in hundreds of documents; a name left visible in one
undoes its redaction in all the others (``disclosure.md`` §2).  A reviewer
confirms a string once, sees how many places and documents it touches, and
applies it: each place becomes an accepted proposal (or a manual one where
detection proposed none), in every document not signed off, and the string
is kept in ``dossier_terms`` for the documents ingested later and for
``publish``.  Places are found as ``redact`` finds them: every variant of
case, accents, white space and line breaks (:mod:`inzage.redact.matching`).

Searching a dossier's text is the slow part; :class:`FoldedTexts` keeps each
source's folded text between requests, so that only the sources that may
hold the string are matched in full."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from inzage.redact.matching import Needle, fold, fold_needle, found_needle, may_occur, occurrences
from inzage.store.database import Connection
from inzage.store.dossier import (
    ReviewError,
    checked_ground,
    insert_manual,
    raise_versions,
    record_audit,
)
from inzage.store.load import source_slice, source_text
from inzage.store.proposals import REDACTED_SQL
from inzage.store.schema import transaction
from inzage.store.write import now


@dataclass
class FoldedTexts:
    """Each source's text folded for matching, kept while the store's
    sources stay the same (a long-running review server keeps one)."""

    texts: dict[int, str] = field(default_factory=dict)
    sources: int = -1

    def of(self, connection: Connection) -> dict[int, str]:
        (count,) = connection.execute("SELECT count(*) FROM sources").fetchone()
        if count != self.sources:
            self.texts = {
                source_id: fold(text).text
                for source_id, text in connection.execute("SELECT id, text FROM sources")
            }
            self.sources = count
        return self.texts


@dataclass(frozen=True)
class Place:
    source_id: int
    document_id: str | None
    start: int  # offsets into the source's text
    end: int


@dataclass(frozen=True)
class Preview:
    """What applying a string everywhere would touch."""

    places: int
    documents: int
    new: int  # places not redacted yet
    signed: int  # places in documents signed off, which are left as they are


def places_of(connection: Connection, text: str, folded: FoldedTexts | None = None) -> list[Place]:
    """Every place in the dossier where ``text`` stands, in any variant."""
    if not any(c.isalnum() for c in text):
        raise ReviewError("a string to redact everywhere needs a letter or a digit")
    needle = found_needle(" ".join(text.split()), "")
    texts = (folded or FoldedTexts()).of(connection)
    places: list[Place] = []
    for source_id, folded_text in texts.items():
        if not may_occur(folded_text, [needle]):
            continue
        whole = source_text(connection, source_id)
        documents = connection.execute(
            'SELECT start, "end", id FROM documents WHERE source_id = ? ORDER BY start',
            (source_id,),
        ).fetchall()
        starts = [start for start, _, _ in documents]
        for start, end, _ in occurrences(whole, [needle]):
            at = bisect_right(starts, start) - 1
            inside = at >= 0 and start < documents[at][1]
            places.append(Place(source_id, documents[at][2] if inside else None, start, end))
    return places


def preview(connection: Connection, text: str, folded: FoldedTexts | None = None) -> Preview:
    places = places_of(connection, text, folded)
    redacted = _redacted_spans(connection, {p.source_id for p in places})
    signed = _signed(connection)
    return Preview(
        places=len(places),
        documents=len({p.document_id for p in places}),
        new=sum(1 for p in places if (p.source_id, p.start, p.end) not in redacted),
        signed=sum(1 for p in places if p.document_id in signed),
    )


def apply_everywhere(
    connection: Connection,
    reviewer: str,
    text: str,
    ground: str,
    kind: str = "person",
    folded: FoldedTexts | None = None,
) -> Preview:
    """Redact ``text`` at every place in the dossier outside documents signed
    off (a proposal there is accepted); what was touched, ``new`` counting the
    places that were not redacted before."""
    code = checked_ground(ground)
    term = " ".join(text.split())
    places = places_of(connection, term, folded)
    with transaction(connection):
        signed = _signed(connection)
        existing = {
            (source_id, start, end): (proposal_id, status, action)
            for proposal_id, source_id, start, end, status, action in connection.execute(
                'SELECT id, source_id, start, "end", status, action FROM proposals'
            )
        }
        touched: set[str] = set()
        new = 0
        for place in places:
            if place.document_id in signed:
                continue
            found = existing.get((place.source_id, place.start, place.end))
            if found is None:
                snippet = source_slice(connection, place.source_id, place.start, place.end)
                insert_manual(
                    connection,
                    reviewer,
                    place.source_id,
                    place.document_id,
                    place.start,
                    place.end,
                    snippet,
                    code,
                    kind,
                )
                new += 1
            elif found[1] not in ("accepted", "manual"):
                connection.execute(
                    "UPDATE proposals SET status = 'accepted', ground = ?, decided_by = ?, "
                    "decided_at = ? WHERE id = ?",
                    (code, reviewer, now(), found[0]),
                )
                new += not (found[1] == "proposed" and found[2] == "redact")
            else:
                continue
            if place.document_id is not None:
                touched.add(place.document_id)
        raise_versions(connection, reviewer, sorted(touched))
        connection.execute(
            "INSERT INTO dossier_terms (text, ground, kind, added_by, added_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (text) DO UPDATE SET ground = excluded.ground",
            (term, code, kind, reviewer, now()),
        )
        # (after an update, lastrowid is no row of this table: ask)
        (term_id,) = connection.execute(
            "SELECT id FROM dossier_terms WHERE text = ?", (term,)
        ).fetchone()
        for document_id in sorted(touched):
            record_audit(connection, reviewer, "everywhere", document_id, None, {"term": term_id})
        record_audit(
            connection,
            reviewer,
            "everywhere",
            None,
            None,
            {"term": term_id, "ground": code, "places": len(places), "documents": len(touched)},
        )
    return Preview(
        places=len(places),
        documents=len({p.document_id for p in places}),
        new=new,
        signed=sum(1 for p in places if p.document_id in signed),
    )


@dataclass(frozen=True)
class Term:
    id: int
    text: str
    ground: str
    added_by: str
    added_at: str


def terms(connection: Connection) -> list[Term]:
    """The strings applied to the whole dossier, for the reviewers' page."""
    return [
        Term(*row)
        for row in connection.execute(
            "SELECT id, text, ground, added_by, added_at FROM dossier_terms ORDER BY id"
        )
    ]


def remove_term(connection: Connection, reviewer: str, term_id: int) -> int:
    """Stop redacting a string everywhere: it is no longer applied to every
    file, and its manual redactions in documents not signed off are removed
    (a proposal it accepted stays accepted: decide on it in its document).
    How many redactions were removed."""
    with transaction(connection):
        row = connection.execute(
            "SELECT text FROM dossier_terms WHERE id = ?", (term_id,)
        ).fetchone()
        if row is None:
            raise ReviewError("no such string applied everywhere")
        key = fold_needle(row[0])
        signed = _signed(connection)
        gone = [
            (proposal_id, document_id)
            for proposal_id, document_id, text in connection.execute(
                "SELECT id, document_id, text FROM proposals WHERE status = 'manual'"
            )
            if fold_needle(text) == key and document_id not in signed
        ]
        connection.executemany("DELETE FROM proposals WHERE id = ?", [(p,) for p, _ in gone])
        touched = sorted({d for _, d in gone if d is not None})
        raise_versions(connection, reviewer, touched)
        connection.execute("DELETE FROM dossier_terms WHERE id = ?", (term_id,))
        record_audit(
            connection,
            reviewer,
            "everywhere-removed",
            None,
            None,
            {"term": term_id, "removed": len(gone), "documents": len(touched)},
        )
    return len(gone)


def dossier_terms(connection: Connection) -> list[Needle]:
    """The strings redacted everywhere, as needles for ``redact``."""
    return [
        found_needle(text, ground)
        for text, ground in connection.execute("SELECT text, ground FROM dossier_terms ORDER BY id")
    ]


def _redacted_spans(connection: Connection, sources: set[int]) -> set[tuple[int, int, int]]:
    marks = ",".join("?" * len(sources))
    return {
        (s, a, b)
        for s, a, b in connection.execute(
            f'SELECT source_id, start, "end" FROM proposals WHERE source_id IN ({marks}) '
            f"AND {REDACTED_SQL}",
            sorted(sources),
        )
    }


def _signed(connection: Connection) -> set[str]:
    return {
        d
        for (d,) in connection.execute(
            "SELECT document_id FROM reviews WHERE signed_by IS NOT NULL"
        )
    }
