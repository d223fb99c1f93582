"""What the pages show, worked out from the model: pure functions, no HTML.

Document text is untrusted.  Nothing here builds markup: text is cut into
:class:`Piece` objects (plain text, a redaction, an entity, a matched word)
and the templates, which escape everything, decide how each piece looks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath
from typing import Literal, get_args
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from inzage.detect.entities import organisation_label
from inzage.grounds import catalogue, parse_reference
from inzage.model import DocumentKind, Entity, Ground, Message, Redaction
from inzage.store.corpus import MonthCount
from inzage.store.terms import HEADING_MARK

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PieceKind = Literal["text", "redaction", "entity", "match"]


@dataclass(frozen=True)
class Piece:
    """A stretch of document text and what it is."""

    kind: PieceKind
    text: str
    codes: str = ""  # a redaction's ground codes, as the chip shows them
    explanation: str = ""  # a redaction's grounds in words; an entity's kind
    href: str | None = None  # where an entity links to


def ground_explanation(ground: Ground) -> str:
    """``"5.1.2e: eerbiediging van de persoonlijke levenssfeer (Woo art. 5.1 lid 2 e)"``;
    a Wob marker names the Wob article it cites, with the Woo code it maps to."""
    cited = ground.code
    if ground.law == "Wob":
        codes = parse_reference(ground.original).codes
        cited = codes[0] if codes else ""
    info = catalogue().get(cited)
    where = f"{ground.law} art. {info.article}" if info and ground.law else ground.law or ""
    return f"{ground.code}: {ground.label}" + (f" ({where})" if where else "")


def redaction_piece(text: str, redaction: Redaction) -> Piece:
    if redaction.grounds:
        codes = ", ".join(g.code for g in redaction.grounds)
        explanation = "; ".join(ground_explanation(g) for g in redaction.grounds)
    else:
        codes, explanation = "", ""
    return Piece("redaction", text, codes=codes, explanation=explanation)


def entity_href(entity: Entity) -> str:
    """An organisation links to its page; anything else to a search for its text."""
    if entity.kind == "organisation":
        return "/organisations/" + organisation_label(str(entity.value or entity.text))
    return "/?" + urlencode({"q": f'"{entity.text}"'})


def pieces(
    text: str,
    offset: int,
    start: int,
    end: int,
    redactions: Sequence[Redaction],
    entities: Sequence[Entity] = (),
) -> list[Piece]:
    """``text`` holds the source from ``offset`` on; cut ``[start, end)`` (source
    offsets) at the redactions and entities inside it.  Redactions win where an
    entity overlaps one; of overlapping entities the first is kept."""
    inside = [r for r in redactions if start <= r.span.start and r.span.end <= end]
    inside.sort(key=lambda r: r.span.start)
    marks: list[tuple[int, int, Piece]] = [
        (
            r.span.start,
            r.span.end,
            redaction_piece(text[r.span.start - offset : r.span.end - offset], r),
        )
        for r in inside
    ]
    # One sweep in text order (a spreadsheet can hold a hundred thousand entities):
    # ``next_redaction`` is the first redaction that ends after the entity starts.
    next_redaction = 0
    entity_end = start
    for entity in sorted(entities, key=lambda e: e.span.start):
        s, e = entity.span.start, entity.span.end
        if s < start or e > end or s < entity_end:
            continue
        while next_redaction < len(inside) and inside[next_redaction].span.end <= s:
            next_redaction += 1
        if next_redaction < len(inside) and inside[next_redaction].span.start < e:
            continue  # a redaction wins
        piece = Piece(
            "entity",
            text[s - offset : e - offset],
            explanation=entity.kind,
            href=entity_href(entity),
        )
        marks.append((s, e, piece))
        entity_end = e
    marks.sort(key=lambda m: m[0])
    result: list[Piece] = []
    cursor = start
    for s, e, piece in marks:
        if s > cursor:
            result.append(Piece("text", reading(text, cursor - offset, s - offset)))
        result.append(piece)
        cursor = e
    if cursor < end:
        result.append(Piece("text", reading(text, cursor - offset, end - offset)))
    return result


def reading(text: str, start: int, end: int) -> str:
    """``text[start:end]`` as a reader should see it: without the Markdown heading
    marks (``## ``) a converter put at the start of lines; the document's
    sections carry its structure."""
    piece = text[start:end]
    if "#" not in piece:
        return piece
    if start > 0 and text[start - 1] != "\n":  # begins mid-line: its first line keeps all
        first, newline, rest = piece.partition("\n")
        return first + newline + HEADING_MARK.sub("", rest)
    return HEADING_MARK.sub("", piece)


def highlighted(snippet: str, highlights: Sequence[tuple[int, int]]) -> list[Piece]:
    """A snippet cut at its matched words."""
    result: list[Piece] = []
    cursor = 0
    for s, e in sorted(highlights):
        if s < cursor:
            continue
        if s > cursor:
            result.append(Piece("text", snippet[cursor:s]))
        result.append(Piece("match", snippet[s:e]))
        cursor = e
    if cursor < len(snippet):
        result.append(Piece("text", snippet[cursor:]))
    return result


def title_of(title: str | None, path: str) -> str:
    """A hit's title; a document without one goes by its file name."""
    return title or PurePath(path).name


def local_time(moment: datetime | None) -> str:
    """Europe/Amsterdam time as the Dutch write it: ``11-06-2020 14:05``."""
    if moment is None:
        return ""
    return moment.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")


def local_date(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone(AMSTERDAM).strftime("%d-%m-%Y")


def party_text(message: Message, role: Literal["to", "cc", "bcc"]) -> str:
    listed = {"to": message.to, "cc": message.cc, "bcc": message.bcc}[role]
    return "; ".join(filter(None, (p.name or p.address for p in listed)))


@dataclass(frozen=True)
class Bar:
    """One rectangle of the timeline plot, in the plot's own units."""

    x: float
    y: float
    width: float
    height: float
    month: str
    kind: str
    count: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    months: list[str]  # every month from the first to the last, gaps included
    ticks: list[tuple[float, str]]  # x and label of each January (or the first month)
    top: int  # the largest month total


KIND_ORDER = get_args(DocumentKind)


def timeline_chart(counts: Sequence[MonthCount], width: int = 800, height: int = 200) -> Chart:
    """Bars per month, stacked by kind, scaled to the busiest month."""
    if not counts:
        return Chart(width, height, [], [], [], 0)
    months = _month_range(counts[0].month, counts[-1].month)
    totals: dict[str, int] = {}
    for c in counts:
        totals[c.month] = totals.get(c.month, 0) + c.count
    top = max(totals.values())
    step = width / len(months)
    index = {month: i for i, month in enumerate(months)}
    stacked: dict[str, float] = {}
    bars: list[Bar] = []
    for c in sorted(counts, key=lambda c: (c.month, KIND_ORDER.index(c.kind))):
        h = height * c.count / top
        below = stacked.get(c.month, 0.0)
        bars.append(
            Bar(
                index[c.month] * step,
                height - below - h,
                max(step - 1, 1),
                h,
                c.month,
                c.kind,
                c.count,
            )
        )
        stacked[c.month] = below + h
    ticks = [(i * step, m[:4]) for i, m in enumerate(months) if m.endswith("-01") or i == 0]
    return Chart(width, height, bars, months, ticks, top)


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_bounds(month: str) -> tuple[date, date]:
    """The first and last day of ``YYYY-MM``."""
    year, number = int(month[:4]), int(month[5:7])
    first = date(year, number, 1)
    following = date(year + 1, 1, 1) if number == 12 else date(year, number + 1, 1)
    return first, date.fromordinal(following.toordinal() - 1)
