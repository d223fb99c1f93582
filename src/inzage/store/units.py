"""What search finds: one unit per e-mail message and per other document.

Built from a parsed source in the worker process (pure: model in, units out),
so stemming runs in parallel with parsing.  Each unit carries the index forms
of its text (its title's are made when it is indexed: a title is short), its
facet values and its place in the source; the writer stores a message's unit
only the first time that message (by fingerprint) is seen.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from inzage.detect.entities import organisation_label
from inzage.model import Document, Message, Source, Span
from inzage.store.terms import index_text, stem, stretches

# A document's text past this many characters (about 700 pages) is searched
# in stretches of this length, each a unit of its own.
UNIT_CHARACTERS = 2_000_000


@dataclass(frozen=True)
class Unit:
    document: int  # position of the document in the source
    message: int | None  # Message.index, for e-mail
    kind: str
    span: Span
    title: str | None
    date_utc: str | None
    redactions: int
    facets: frozenset[tuple[str, str]]
    index_body: str  # the index forms of the unit's text


def source_units(source: Source) -> list[Unit]:
    """The search units of a parsed source, in document order."""
    units: list[Unit] = []
    for position, document in enumerate(source.documents):
        units.extend(document_units(source, position, document))
    return units


def document_units(
    source: Source, position: int, document: Document, words: list[str] | None = None
) -> Iterator[Unit]:
    """The units of one document: one per message of an e-mail, else the
    document (in stretches when long).  ``words``: the document's folded
    words when the caller has them already (ingest shares them with the
    near-duplicate signature)."""
    if document.kind == "email" and document.messages:
        return (_message_unit(source, position, document, m) for m in document.messages)
    return _document_units(source, position, document, words)


def utc_text(moment: datetime | None) -> str | None:
    """An instant as sortable ISO text in UTC."""
    return None if moment is None else moment.astimezone(UTC).isoformat()


def _document_units(
    source: Source, position: int, document: Document, words: list[str] | None
) -> Iterator[Unit]:
    """One unit for a document; a document longer than :data:`UNIT_CHARACTERS`
    gets one per stretch of that length (cut at white space): the full-text
    index holds a whole unit's words in memory while it writes them, which for
    a 50 MB document is hundreds of megabytes, and a hit's snippet is cut from
    its stretch rather than from the whole document."""
    title = document.title
    facets = frozenset(
        _common_facets(document, document.span, document.kind, document.date)
        | {_redacted(len(document.redactions))}
    )
    span = document.span
    pieces = list(stretches(source.text, span.start, span.end, UNIT_CHARACTERS))
    for start, end in pieces:
        body = (
            " ".join(stem(word) for word in words)
            if words is not None and len(pieces) == 1
            else index_text(source.text, start, end)
        )
        yield Unit(
            document=position,
            message=None,
            kind=document.kind,
            span=Span(start=start, end=end),
            title=title,
            date_utc=utc_text(document.date),
            redactions=len(document.redactions),
            facets=facets,
            index_body=body,
        )


def _message_unit(source: Source, position: int, document: Document, message: Message) -> Unit:
    span = message.body_span
    facets = _common_facets(document, message.span, "email", message.sent)
    if message.sender is not None and message.sender.domain:
        facets.add(("domain", message.sender.domain.lower()))
    inside = [r for r in document.redactions if _within(r.span, message.span)]
    return Unit(
        document=position,
        message=message.index,
        kind="email",
        span=span,
        title=message.subject,
        date_utc=utc_text(message.sent),
        redactions=len(inside),
        facets=frozenset(facets | {_redacted(len(inside))}),
        index_body=index_text(source.text, span.start, span.end),
    )


def _common_facets(
    document: Document, span: Span, kind: str, date: datetime | None
) -> set[tuple[str, str]]:
    facets = {("kind", kind)}
    if date is not None:
        facets.add(("month", date.astimezone(UTC).strftime("%Y-%m")))
    for entity in document.entities:
        if entity.kind == "organisation" and _within(entity.span, span):
            facets.add(("organisation", organisation_label(str(entity.value or entity.text))))
    for redaction in document.redactions:
        if _within(redaction.span, span):
            facets.update(("ground", ground.code) for ground in redaction.grounds)
    return facets


def _redacted(count: int) -> tuple[str, str]:
    """The ``redactions`` facet: whether anything in the unit was blacked out."""
    return ("redactions", "with" if count else "without")


def _within(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end
