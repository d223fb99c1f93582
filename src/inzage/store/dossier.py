"""The review of a dossier: the Woo request, a judgement per document, the
reviewers' decisions on each proposal, sign-off, and the audit log.

Every change to a document's review goes through :func:`_changed`, which
raises the document's ``version`` and refuses a change made against an
older version (two reviewers deciding on one document at once: the second
is told who changed it, and reloads) or to a document signed off.  Every
decision is written to ``audit`` with who, when, what and on which document
or proposal, by id: never the text that is redacted.

Pure store functions over a connection; the web app (``inzage review``) and
the CLI are the edges that call them."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from inzage.errors import InzageError
from inzage.grounds import grounds_for
from inzage.store.database import Connection
from inzage.store.load import DOCUMENT_TEXT_SQL, source_slice
from inzage.store.schema import transaction
from inzage.store.write import now

Judgement = Literal["openbaar", "deels openbaar", "niet openbaar", "reeds openbaar"]
JUDGEMENTS: tuple[Judgement, ...] = (
    "openbaar",
    "deels openbaar",
    "niet openbaar",
    "reeds openbaar",
)
Status = Literal["proposed", "accepted", "rejected", "manual"]
STATUSES: tuple[Status, ...] = ("proposed", "accepted", "rejected", "manual")
DECISIONS = (
    "Openbaarmaking",
    "Gedeeltelijke openbaarmaking",
    "Geen openbaarmaking",
    "Reeds openbaar",
    "Geen documenten aangetroffen",
)
_REVIEWER = re.compile(r"[^\W\d_][\w .'-]{0,79}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ReviewError(InzageError):
    """A decision that cannot be taken as asked (a ground that is none, a
    judgement that does not exist, a span outside the document)."""


class ConflictError(ReviewError):
    """The document changed since the reviewer loaded it."""


class SignedOffError(ReviewError):
    """The document is signed off: undo the sign-off first."""


def checked_reviewer(name: str) -> str:
    """A reviewer's name as given, stripped; a :class:`ReviewError` if it is
    empty, too long or not a name."""
    name = " ".join(name.split())
    if not _REVIEWER.fullmatch(name):
        raise ReviewError("a reviewer's name is letters, spaces, '.', ''' or '-', up to 80")
    return name


def checked_ground(code: str) -> str:
    """The Woo code of a ground (``5.1.2e``, ``10.2.e``); a :class:`ReviewError` if none."""
    found = grounds_for(code.strip())
    if not found:
        raise ReviewError(f"{code.strip()[:20]!r} is not a ground (see `inzage grounds`)")
    return found[0].code


# --- the request ---------------------------------------------------------------


def _is_date(text: str) -> bool:
    """``YYYY-MM-DD`` and a day the calendar has (not 2026-02-31)."""
    if not _DATE.fullmatch(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Request:
    """The Woo request the dossier answers.  ``requester`` is personal data:
    it is kept for the officers and never exported or published."""

    case_number: str = ""
    title: str = ""
    request_date: str | None = None
    decision_date: str | None = None
    publisher: str | None = None
    publisher_label: str | None = None
    requester: str | None = None
    decision: str | None = None


def get_request(connection: Connection) -> Request:
    row = connection.execute(
        "SELECT case_number, title, request_date, decision_date, publisher, publisher_label, "
        "requester, decision FROM request WHERE id = 1"
    ).fetchone()
    return Request(*row) if row else Request()


def set_request(connection: Connection, reviewer: str, request: Request) -> None:
    """Store the request, after checking its dates and decision."""
    for name in ("request_date", "decision_date"):
        value = getattr(request, name)
        if value is not None and not _is_date(value):
            raise ReviewError(f"{name}: a date as YYYY-MM-DD")
    if request.decision is not None and request.decision not in DECISIONS:
        raise ReviewError(f"decision: one of {', '.join(DECISIONS)}")
    with transaction(connection):
        connection.execute(
            "INSERT INTO request VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            f"ON CONFLICT (id) DO UPDATE SET {_REQUEST_UPDATE}",
            (
                request.case_number,
                request.title,
                request.request_date,
                request.decision_date,
                request.publisher,
                request.publisher_label,
                request.requester,
                request.decision,
                reviewer,
                now(),
            ),
        )
        record_audit(connection, reviewer, "request", None, None, {})


_REQUEST_COLUMNS = (
    "case_number",
    "title",
    "request_date",
    "decision_date",
    "publisher",
    "publisher_label",
    "requester",
    "decision",
    "changed_by",
    "changed_at",
)
_REQUEST_UPDATE = ", ".join(f"{column} = excluded.{column}" for column in _REQUEST_COLUMNS)

# --- the documents to review ----------------------------------------------------


def ensure_reviews(connection: Connection) -> int:
    """A review row, with its inventory number, for every document that has
    none yet (numbered on in the order of path and place); how many were added."""
    with transaction(connection):
        (highest,) = connection.execute("SELECT coalesce(max(number), 0) FROM reviews").fetchone()
        new = connection.execute(
            "SELECT d.id FROM documents d LEFT JOIN reviews r ON r.document_id = d.id "
            "WHERE r.document_id IS NULL ORDER BY "
            "(SELECT min(path) FROM source_paths sp WHERE sp.source_id = d.source_id), d.position"
        ).fetchall()
        connection.executemany(
            "INSERT INTO reviews (document_id, number) VALUES (?, ?)",
            [(document_id, highest + i) for i, (document_id,) in enumerate(new, 1)],
        )
    return len(new)


@dataclass(frozen=True)
class Progress:
    documents: int
    judged: int
    signed: int


def progress(connection: Connection) -> Progress:
    total, judged, signed = connection.execute(
        "SELECT count(*), count(judgement), count(signed_by) FROM reviews"
    ).fetchone()
    return Progress(int(total), int(judged), int(signed))


QueueState = Literal["all", "unjudged", "judged", "unsigned", "signed"]


@dataclass(frozen=True)
class QueueFilter:
    kind: str | None = None
    state: QueueState = "all"
    has_proposals: bool = False
    special_category: bool = False


@dataclass(frozen=True)
class QueueRow:
    document_id: str
    number: int
    kind: str
    title: str | None
    date: str | None
    path: str
    judgement: str | None
    signed_by: str | None
    open_proposals: int  # proposed, not yet decided
    proposals: int


_STATES = {
    "all": "1 = 1",
    "unjudged": "r.judgement IS NULL",
    "judged": "r.judgement IS NOT NULL",
    "unsigned": "r.judgement IS NOT NULL AND r.signed_by IS NULL",
    "signed": "r.signed_by IS NOT NULL",
}


def queue(
    connection: Connection, where: QueueFilter, *, offset: int = 0, limit: int = 50
) -> tuple[list[QueueRow], int]:
    """One page of the documents to review in inventory order, and how many match."""
    clauses = [_STATES[where.state]]
    values: list[Any] = []
    if where.kind:
        clauses.append("d.kind = ?")
        values.append(where.kind)
    if where.has_proposals:
        clauses.append(
            "EXISTS (SELECT 1 FROM proposals p WHERE p.document_id = d.id AND p.action != 'keep')"
        )
    if where.special_category:
        clauses.append(
            "EXISTS (SELECT 1 FROM proposals p WHERE p.document_id = d.id "
            "AND p.kind = 'special_category')"
        )
    condition = " AND ".join(clauses)
    base = f"FROM reviews r JOIN documents d ON d.id = r.document_id WHERE {condition}"
    (total,) = connection.execute(f"SELECT count(*) {base}", values).fetchone()
    rows = connection.execute(
        "SELECT d.id, r.number, d.kind, d.title, d.date, "
        "(SELECT path FROM source_paths sp WHERE sp.source_id = d.source_id "
        "ORDER BY position LIMIT 1), r.judgement, r.signed_by, "
        "(SELECT count(*) FROM proposals p WHERE p.document_id = d.id AND p.status = 'proposed' "
        "AND p.action != 'keep'), "
        "(SELECT count(*) FROM proposals p WHERE p.document_id = d.id AND p.action != 'keep') "
        f"{base} ORDER BY r.number LIMIT ? OFFSET ?",
        [*values, limit, offset],
    ).fetchall()
    return [QueueRow(*row) for row in rows], int(total)


def neighbours(connection: Connection, number: int) -> tuple[str | None, str | None]:
    """The documents before and after the one with this inventory number."""
    before = connection.execute(
        "SELECT document_id FROM reviews WHERE number < ? ORDER BY number DESC LIMIT 1", (number,)
    ).fetchone()
    after = connection.execute(
        "SELECT document_id FROM reviews WHERE number > ? ORDER BY number LIMIT 1", (number,)
    ).fetchone()
    return (before[0] if before else None, after[0] if after else None)


# --- one document ---------------------------------------------------------------


@dataclass(frozen=True)
class ProposalView:
    id: int
    start: int  # offsets into the document's text
    end: int
    kind: str
    action: str
    ground: str | None
    status: str
    score: float
    recogniser: str
    reason: str
    decided_by: str | None
    page: int | None


@dataclass
class DocumentReview:
    """What the review page of one document shows."""

    document_id: str
    number: int
    kind: str
    title: str | None
    date: str | None
    path: str
    text: str
    pages: tuple[int | None, int | None]
    judgement: str | None
    grounds: list[str]
    link: str | None
    remark: str | None
    duplicate_of: str | None
    judged_by: str | None
    signed_by: str | None
    version: int
    changed_by: str | None
    proposals: list[ProposalView] = field(default_factory=list)
    withheld: dict[int, str] = field(default_factory=dict)
    cluster: list[tuple[str, int]] = field(default_factory=list)  # near duplicates: id, number
    family: list[tuple[str, int]] = field(default_factory=list)  # the mail and its attachments
    threads: list[int] = field(default_factory=list)  # of the document's messages


def document_review(connection: Connection, document_id: str) -> DocumentReview | None:
    row = connection.execute(
        "SELECT d.id, r.number, d.kind, d.title, d.date, "
        "(SELECT path FROM source_paths sp WHERE sp.source_id = d.source_id "
        f"ORDER BY position LIMIT 1), {DOCUMENT_TEXT_SQL}, "
        "d.first_page, d.last_page, r.judgement, r.grounds, r.link, r.remark, r.duplicate_of, "
        "r.judged_by, r.signed_by, r.version, r.changed_by, d.start, d.source_id "
        "FROM documents d JOIN reviews r ON r.document_id = d.id "
        "JOIN sources s ON s.id = d.source_id WHERE d.id = ?",
        (document_id,),
    ).fetchone()
    if row is None:
        return None
    start, source_id = row[18], row[19]
    review = DocumentReview(
        document_id=row[0],
        number=row[1],
        kind=row[2],
        title=row[3],
        date=row[4],
        path=row[5],
        text=row[6],
        pages=(row[7], row[8]),
        judgement=row[9],
        grounds=[g for g in row[10].split(";") if g],
        link=row[11],
        remark=row[12],
        duplicate_of=row[13],
        judged_by=row[14],
        signed_by=row[15],
        version=row[16],
        changed_by=row[17],
    )
    review.proposals = [
        ProposalView(p[0], p[1] - start, p[2] - start, *p[3:])
        for p in connection.execute(
            'SELECT id, start, "end", kind, action, ground, status, score, recogniser, reason, '
            "decided_by, page FROM proposals WHERE document_id = ? ORDER BY start, id",
            (document_id,),
        )
    ]
    review.withheld = dict(
        connection.execute(
            "SELECT page, ground FROM withheld_pages WHERE document_id = ? ORDER BY page",
            (document_id,),
        ).fetchall()
    )
    review.cluster = connection.execute(
        "SELECT m.document_id, r.number FROM cluster_members m JOIN reviews r "
        "ON r.document_id = m.document_id WHERE m.cluster_id = (SELECT cluster_id FROM "
        "cluster_members WHERE document_id = ?) AND m.document_id != ? ORDER BY r.number",
        (document_id, document_id),
    ).fetchall()
    review.family = family_of(connection, source_id, document_id)
    review.threads = [
        t
        for (t,) in connection.execute(
            "SELECT DISTINCT m.thread_id FROM message_occurrences o JOIN messages m "
            "ON m.id = o.message_id WHERE o.document_id = ? AND m.thread_id IS NOT NULL "
            "ORDER BY 1",
            (document_id,),
        )
    ]
    return review


def family_of(connection: Connection, source_id: int, document_id: str) -> list[tuple[str, int]]:
    """The other documents of a mail and its attachments (an attachment's
    source is stored under the mail's path and its own name)."""
    (path,) = connection.execute(
        "SELECT path FROM source_paths WHERE source_id = ? ORDER BY position LIMIT 1", (source_id,)
    ).fetchone()
    root = family_root(path, _paths(connection))
    rows = connection.execute(
        "SELECT d.id, r.number FROM source_paths sp JOIN documents d ON d.source_id = sp.source_id "
        "JOIN reviews r ON r.document_id = d.id WHERE (sp.path = ? OR sp.path LIKE ? ESCAPE '\\') "
        "AND d.id != ? ORDER BY r.number",
        (root, _like_prefix(root) + "/%", document_id),
    ).fetchall()
    return [(str(a), int(b)) for a, b in rows]


def family_root(path: str, paths: set[str]) -> str:
    """The outermost stored path that ``path`` is an attachment of (itself if none)."""
    parts = path.split("/")
    for cut in range(1, len(parts)):
        candidate = "/".join(parts[:cut])
        if candidate in paths:
            return candidate
    return path


def _paths(connection: Connection) -> set[str]:
    return {p for (p,) in connection.execute("SELECT path FROM source_paths")}


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# --- decisions ------------------------------------------------------------------


def decide(
    connection: Connection,
    reviewer: str,
    document_id: str,
    version: int,
    proposal_id: int,
    status: Status,
    ground: str | None = None,
) -> int:
    """Accept or reject a proposal (or set it back to proposed), optionally
    with another ground; the document's new version."""
    if status not in ("proposed", "accepted", "rejected"):
        raise ReviewError("a proposal is accepted, rejected or proposed")
    code = checked_ground(ground) if ground else None
    with transaction(connection):
        row = connection.execute(
            "SELECT status, ground FROM proposals WHERE id = ? AND document_id = ?",
            (proposal_id, document_id),
        ).fetchone()
        if row is None:
            raise ReviewError("no such proposal in this document")
        if row[0] == "manual" and status != "rejected":
            raise ReviewError("a manual redaction is kept or removed (rejected)")
        if status == "accepted" and code is None and row[1] is None:
            raise ReviewError("a redaction needs its ground: choose one")
        new = _changed(connection, reviewer, document_id, version)
        if row[0] == "manual":
            connection.execute("DELETE FROM proposals WHERE id = ?", (proposal_id,))
            detail = {"status": "removed"}
        else:
            connection.execute(
                "UPDATE proposals SET status = ?, ground = coalesce(?, ground), decided_by = ?, "
                "decided_at = ? WHERE id = ?",
                (status, code, reviewer, now(), proposal_id),
            )
            detail = {"status": status, **({"ground": code} if code else {})}
        record_audit(connection, reviewer, "decide", document_id, proposal_id, detail)
    return new


def add_manual(
    connection: Connection,
    reviewer: str,
    document_id: str,
    version: int,
    start: int,
    end: int,
    ground: str,
    kind: str = "person",
) -> tuple[int, int]:
    """A redaction the machine missed, at offsets into the document's text;
    the new proposal's id and the document's new version."""
    code = checked_ground(ground)
    with transaction(connection):
        row = connection.execute(
            'SELECT source_id, start, "end" FROM documents WHERE id = ?', (document_id,)
        ).fetchone()
        if row is None:
            raise ReviewError("no such document")
        source_id, offset, length = row[0], row[1], row[2] - row[1]
        if not 0 <= start < end <= length:
            raise ReviewError("the selection is not inside the document")
        text = source_slice(connection, source_id, offset + start, offset + end)
        if not text.strip():
            raise ReviewError("the selection holds no text")
        new = _changed(connection, reviewer, document_id, version)
        proposal = insert_manual(
            connection,
            reviewer,
            source_id,
            document_id,
            offset + start,
            offset + end,
            text,
            code,
            kind,
        )
        detail = {"ground": code, "kind": kind}
        record_audit(connection, reviewer, "add", document_id, proposal, detail)
    return proposal, new


def insert_manual(
    connection: Connection,
    reviewer: str,
    source_id: int,
    document_id: str | None,
    start: int,
    end: int,
    text: str,
    ground: str,
    kind: str,
) -> int:
    cursor = connection.execute(
        'INSERT INTO proposals (source_id, document_id, kind, start, "end", text, action, '
        "ground, score, recogniser, reason, status, decided_by, decided_at) "
        "VALUES (?, ?, ?, ?, ?, ?, 'redact', ?, 1.0, 'manual', 'added by a reviewer', "
        "'manual', ?, ?) RETURNING id",
        (source_id, document_id, kind, start, end, text, ground, reviewer, now()),
    )
    return int(cursor.fetchone()[0])


def judge(
    connection: Connection,
    reviewer: str,
    document_id: str,
    version: int,
    judgement: Judgement | None,
    *,
    grounds: Sequence[str] = (),
    link: str | None = None,
    remark: str | None = None,
    suspended: bool | None = None,
) -> int:
    """Set (or with ``None`` clear) the document's judgement; the new version.
    A document withheld wholly or in part names its grounds; one already
    public, its link."""
    if judgement is not None and judgement not in JUDGEMENTS:
        raise ReviewError(f"a judgement is one of {', '.join(JUDGEMENTS)}")
    codes = sorted({checked_ground(g) for g in grounds if g.strip()})
    if judgement == "niet openbaar" and not codes:
        raise ReviewError("a document not made public names its ground")
    if judgement == "reeds openbaar" and not (link or "").startswith(("https://", "http://")):
        raise ReviewError("a document already public gives its link (https://…)")
    with transaction(connection):
        new = _changed(connection, reviewer, document_id, version)
        connection.execute(
            "UPDATE reviews SET judgement = ?, grounds = ?, link = ?, remark = ?, judged_by = ?, "
            "judged_at = ? WHERE document_id = ?",
            (
                judgement,
                ";".join(codes),
                link if judgement == "reeds openbaar" else None,
                (remark or "").strip() or None,
                reviewer if judgement else None,
                now() if judgement else None,
                document_id,
            ),
        )
        if suspended is not None:
            connection.execute(
                "UPDATE reviews SET suspended = ? WHERE document_id = ?",
                (int(suspended), document_id),
            )
        detail: dict[str, Any] = {"judgement": judgement, "grounds": codes}
        if suspended is not None:
            detail["suspended"] = suspended
        record_audit(connection, reviewer, "judge", document_id, None, detail)
    return new


def mark_duplicate(
    connection: Connection,
    reviewer: str,
    document_id: str,
    version: int,
    of: str | None,
) -> int:
    """Mark the document ``dubbel`` of another (``None`` undoes it); the new version."""
    if of == document_id:
        raise ReviewError("a document is no duplicate of itself")
    with transaction(connection):
        if (
            of is not None
            and connection.execute("SELECT 1 FROM reviews WHERE document_id = ?", (of,)).fetchone()
            is None
        ):
            raise ReviewError("no such document to be a duplicate of")
        new = _changed(connection, reviewer, document_id, version)
        connection.execute(
            "UPDATE reviews SET duplicate_of = ? WHERE document_id = ?", (of, document_id)
        )
        record_audit(connection, reviewer, "duplicate", document_id, None, {"of": of})
    return new


def withhold_page(
    connection: Connection,
    reviewer: str,
    document_id: str,
    version: int,
    page: int,
    ground: str | None,
) -> int:
    """Withhold one page of the document whole on ``ground`` (``None`` gives
    it back); the new version."""
    code = checked_ground(ground) if ground else None
    with transaction(connection):
        first, last = connection.execute(
            "SELECT first_page, last_page FROM documents WHERE id = ?", (document_id,)
        ).fetchone() or (None, None)
        if first is None or not first <= page <= (last or first):
            raise ReviewError("the document has no such page")
        new = _changed(connection, reviewer, document_id, version)
        if code is None:
            connection.execute(
                "DELETE FROM withheld_pages WHERE document_id = ? AND page = ?",
                (document_id, page),
            )
        else:
            connection.execute(
                "INSERT INTO withheld_pages VALUES (?, ?, ?) "
                "ON CONFLICT (document_id, page) DO UPDATE SET ground = excluded.ground",
                (document_id, page, code),
            )
        detail = {"page": page, "ground": code}
        record_audit(connection, reviewer, "withhold", document_id, None, detail)
    return new


def sign_off(
    connection: Connection, reviewer: str, document_id: str, version: int, *, undo: bool
) -> int:
    """A second reviewer's sign-off of a judged document (``undo``: take it
    back, by anyone, logged); the new version."""
    with transaction(connection):
        row = connection.execute(
            "SELECT judgement, judged_by, signed_by FROM reviews WHERE document_id = ?",
            (document_id,),
        ).fetchone()
        if row is None:
            raise ReviewError("no such document")
        judgement, judged_by, signed_by = row
        if undo:
            if signed_by is None:
                raise ReviewError("the document is not signed off")
        else:
            if judgement is None:
                raise ReviewError("judge the document before it is signed off")
            if _has_decided(connection, reviewer, document_id, judged_by):
                raise ReviewError(
                    f"{reviewer} judged or decided on this document: a second reviewer signs off"
                )
            if _open_reviews(connection, document_id):
                raise ReviewError("decide on every proposal to review first")
        new = _changed(connection, reviewer, document_id, version, signing=True)
        connection.execute(
            "UPDATE reviews SET signed_by = ?, signed_at = ? WHERE document_id = ?",
            (None if undo else reviewer, None if undo else now(), document_id),
        )
        record_audit(connection, reviewer, "unsign" if undo else "sign", document_id, None, {})
    return new


def _has_decided(
    connection: Connection, reviewer: str, document_id: str, judged_by: str | None
) -> bool:
    """Whether ``reviewer`` judged the document or took any decision on it
    (names compared without regard to case): the second pair of eyes must
    not be the first."""
    who = reviewer.casefold()
    if judged_by is not None and judged_by.casefold() == who:
        return True
    return any(
        name.casefold() == who
        for (name,) in connection.execute(
            "SELECT DISTINCT reviewer FROM audit WHERE document_id = ? "
            "AND action NOT IN ('sign', 'unsign')",
            (document_id,),
        )
    )


def _open_reviews(connection: Connection, document_id: str) -> int:
    (count,) = connection.execute(
        "SELECT count(*) FROM proposals WHERE document_id = ? AND status = 'proposed' "
        "AND action = 'review'",
        (document_id,),
    ).fetchone()
    return int(count)


def _changed(
    connection: Connection,
    reviewer: str,
    document_id: str,
    version: int,
    *,
    signing: bool = False,
) -> int:
    """Raise the document's version, inside the caller's transaction: a
    :class:`ConflictError` if someone changed it since ``version``, a
    :class:`SignedOffError` if it is signed off (unless this is the sign-off)."""
    row = connection.execute(
        "SELECT version, changed_by, changed_at, signed_by FROM reviews WHERE document_id = ?",
        (document_id,),
    ).fetchone()
    if row is None:
        raise ReviewError("no such document")
    current, changed_by, changed_at, signed_by = row
    if current != version:
        raise ConflictError(
            f"{changed_by or 'another reviewer'} changed this document at {changed_at}; "
            "reload it to see their change, then decide again"
        )
    if signed_by is not None and not signing:
        raise SignedOffError(f"signed off by {signed_by}: undo the sign-off to change it")
    raise_versions(connection, reviewer, [document_id])
    return int(current) + 1


def raise_versions(connection: Connection, reviewer: str, document_ids: Iterable[str]) -> None:
    """Raise the versions of documents ``reviewer`` changed (inside the
    caller's transaction), so that a reviewer who loaded one before is told."""
    changed_at = now()
    connection.executemany(
        "UPDATE reviews SET version = version + 1, changed_by = ?, changed_at = ? "
        "WHERE document_id = ?",
        [(reviewer, changed_at, d) for d in document_ids],
    )


def record_audit(
    connection: Connection,
    reviewer: str,
    action: str,
    document_id: str | None,
    proposal_id: int | None,
    detail: dict[str, Any],
) -> None:
    connection.execute(
        "INSERT INTO audit (at, reviewer, action, document_id, proposal_id, detail) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (now(), reviewer, action, document_id, proposal_id, json.dumps(detail)),
    )


@dataclass(frozen=True)
class AuditEntry:
    at: str
    reviewer: str
    action: str
    document_id: str | None
    proposal_id: int | None
    detail: dict[str, Any]


def audit_log(
    connection: Connection, document_id: str | None = None, *, limit: int = 200
) -> list[AuditEntry]:
    """The newest entries first, of one document or of the dossier."""
    where, values = ("WHERE document_id = ?", [document_id]) if document_id else ("", [])
    rows = connection.execute(
        "SELECT at, reviewer, action, document_id, proposal_id, detail FROM audit "
        f"{where} ORDER BY id DESC LIMIT ?",
        [*values, limit],
    ).fetchall()
    return [AuditEntry(row[0], row[1], row[2], row[3], row[4], json.loads(row[5])) for row in rows]


def reviewers(connection: Connection) -> Iterable[str]:
    return [r for (r,) in connection.execute("SELECT DISTINCT reviewer FROM audit ORDER BY 1")]
