"""Personal-data proposals over a whole corpus (``inzage detect --db``).

Every source of the store is one text of one dossier: the first pass lets the
:class:`~inzage.detect.proposals.Dossier` learn the names of every text, the
second proposes and writes each source's proposals in a transaction of its
own (replacing what an earlier run stored), so an interrupted run leaves each
source either as it was or done.  One text is in memory at a time, and the
proposals of one source: a dossier of 100,000 documents needs no more
memory than its largest file and the names it holds.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from inzage.detect.proposals import Dossier
from inzage.model import Proposal
from inzage.read.pages import page_at, page_starts
from inzage.store.database import Connection
from inzage.store.load import source_text
from inzage.store.schema import transaction


@dataclass
class DetectProgress:
    """How far a corpus detection is: ``stage`` is ``learn`` or ``propose``."""

    stage: str
    done: int
    total: int
    counts: Counter[str] = field(default_factory=Counter)  # "redact person" → n
    warnings: int = 0


def detect_store(
    connection: Connection,
    dossier: Dossier,
    on_progress: Callable[[DetectProgress], None] | None = None,
) -> DetectProgress:
    """Propose over every source in the store; the counts per action and kind."""
    ids = [row[0] for row in connection.execute("SELECT id FROM sources ORDER BY id")]
    progress = DetectProgress("learn", 0, len(ids))
    for source_id in ids:
        progress.warnings += len(dossier.learn(source_text(connection, source_id)))
        progress.done += 1
        if on_progress:
            on_progress(progress)
    progress.stage, progress.done = "propose", 0
    for source_id in ids:
        text, is_pdf = connection.execute(
            "SELECT text, format = 'pdf' FROM sources WHERE id = ?", (source_id,)
        ).fetchone()
        proposals, warnings = dossier.propose(text)
        progress.warnings += len(warnings)
        _store(connection, source_id, text if is_pdf else None, proposals)
        progress.counts.update(f"{p.action} {p.kind}" for p in proposals)
        progress.done += 1
        if on_progress:
            on_progress(progress)
    return progress


def _store(
    connection: Connection, source_id: int, pdf_text: str | None, proposals: list[Proposal]
) -> None:
    """Replace the source's proposals that no reviewer decided on; ``pdf_text``:
    its text when it has pages."""
    documents = connection.execute(
        "SELECT start, id FROM documents WHERE source_id = ? ORDER BY start", (source_id,)
    ).fetchall()
    starts = [start for start, _ in documents]
    pages = page_starts(pdf_text) if pdf_text is not None else None
    rows = []
    for p in proposals:
        at = bisect_right(starts, p.span.start) - 1
        page = page_at(pages, p.span.start) if pages is not None else None
        rows.append(
            (
                source_id,
                documents[at][1] if at >= 0 else None,
                p.kind,
                p.span.start,
                p.span.end,
                p.text,
                p.action,
                p.ground,
                p.score,
                p.recogniser,
                p.reason,
                p.person,
                page,
            )
        )
    with transaction(connection):
        # What reviewers decided stays; a new proposal where one was decided
        # would undo their decision on the next run.
        connection.execute(
            "DELETE FROM proposals WHERE source_id = ? AND status = 'proposed'", (source_id,)
        )
        decided = {
            (start, end)
            for start, end in connection.execute(
                'SELECT start, "end" FROM proposals WHERE source_id = ?', (source_id,)
            )
        }
        rows = [row for row in rows if (row[3], row[4]) not in decided]
        connection.executemany(
            'INSERT INTO proposals (source_id, document_id, kind, start, "end", text, action, '
            "ground, score, recogniser, reason, person, page) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


_COLUMNS = (
    "path",
    "source_sha256",
    "document_id",
    "start",
    "end",
    "text",
    "kind",
    "ground",
    "action",
    "score",
    "recogniser",
    "reason",
    "person",
    "page",
    "status",
)


# is_redacted as an SQL condition on the proposals table.
REDACTED_SQL = "(status IN ('accepted', 'manual') OR (status = 'proposed' AND action = 'redact'))"


def is_redacted(row: dict[str, Any]) -> bool:
    """Whether a stored proposal is redacted: a reviewer accepted or added it,
    or nobody decided and detection proposed to redact it (privacy by default)."""
    status = row.get("status", "proposed")
    return status in ("accepted", "manual") or (status == "proposed" and row["action"] == "redact")


def stored_proposals(connection: Connection, *, keeps: bool = True) -> Iterator[dict[str, Any]]:
    """The stored proposals, in order of source and place, streamed."""
    where = "" if keeps else "WHERE p.action != 'keep' OR p.status IN ('accepted', 'manual')"
    cursor = connection.execute(
        "SELECT (SELECT path FROM source_paths sp WHERE sp.source_id = p.source_id "
        'ORDER BY position LIMIT 1), s.sha256, p.document_id, p.start, p."end", p.text, '
        "p.kind, p.ground, p.action, p.score, p.recogniser, p.reason, p.person, p.page, p.status "
        f"FROM proposals p JOIN sources s ON s.id = p.source_id {where} "
        "ORDER BY p.source_id, p.start"
    )
    for row in cursor:
        yield dict(zip(_COLUMNS, row, strict=True))
