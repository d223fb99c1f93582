"""Persons: office holders, redacted names, and names that slipped through.

Three sources, all conservative, because a wrong name is worse than none:

- a redacted name: a group of markers whose role is ``name`` is a person with
  ``redacted: true``;
- an office holder: a name directly beside or above an office ("Minister van
  VWS, Hugo Jansen", "Hugo Jansen" on the line above "Minister van VWS") is a
  person with that office as ``role``, and is not redacted by policy;
- any other visible name, found only after a word that introduces a person
  ("met", "Beste", "dhr.", "de heer", a closing like "Met vriendelijke groet")
  so that ordinary capitalised words are not taken for names, or a first name
  of the lexicon written with its unit after a slash ("Pieter/DMO").

In a document where names are redacted, a visible name that is no office
holder is reported with the warning ``possible unredacted personal name``: the
disclosing officer should look at it before publication.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache

from inzage.detect.personal.base import INITIAL
from inzage.detect.personal.lexicon import first_names
from inzage.model import Entity, Redaction, Span
from inzage.recognisers.base import WINDOW, line_bounds
from inzage.recognisers.vocabulary import alternation, vocabulary

LEAK_WARNING = "possible unredacted personal name"

# The parts of a name are on one line or wrapped onto the next, never across a
# blank line (OCR puts a blank line between words it read apart: "door
# Ondernemer" / "Contactgegevens" is no name).
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_PARTICLES = rf"(?:van|de|der|den|ter|te|ten|von|la|le|du|in{_GAP}'t|op{_GAP}de)"
_WORD = r"[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?"
_INITIALS = rf"(?:{INITIAL}){{1,4}}[ \t]?"
# A first name or initials, particles, a surname: "Jan de Vries", "J.M. van Dam".
_FULL_NAME = rf"(?:{_INITIALS}|{_WORD}{_GAP})(?:{_PARTICLES}{_GAP})*{_WORD}"
_NAME = rf"{_FULL_NAME}|{_WORD}"


@cache
def _cue() -> re.Pattern[str]:
    """The leak flag's cues (vocabulary ``leak_flag_cues``: fewer than the
    detection's, since a wrong name is worse than none here).  Greetings at a
    line's start and strong cues take a single first name ("Beste Karin",
    "dhr. Bakker"), so does the line after a closing; weak cues ("met", "door",
    "namens") take a full name, or a first name only where it says where the
    person belongs ("met Pieter van het team"): "met Excel" is no person."""
    cues = vocabulary().leak_flag_cues
    greetings, strong = alternation(list(cues.greetings)), alternation(list(cues.strong))
    closings, weak = alternation(list(cues.closings)), alternation(list(cues.weak))
    return re.compile(
        rf"(?:(?m:^)[ \t]*(?:{greetings})[ \t]+"
        rf"|\b(?:{strong})[ \t]+"
        rf"|(?:{closings})[ \t]*,?[ \t]*\n+[ \t]*)(?P<name>{_NAME})(?![\w-])"
        rf"|\b(?:{weak})[ \t]+(?:(?P<full>{_FULL_NAME})(?![\w-])"
        rf"|(?P<single>{_WORD})(?=[ \t]+(?:van|uit|bij)[ \t]+(?:het|de|den|team|afdeling)\b"
        rf"|[ \t]*\())"
    )


# A first name, a slash and a unit code: "Pieter/DMO", "Anna/PDC-19".
_COMPACT = re.compile(
    r"(?<![\w/.-])(?P<name>[A-Z][a-zà-ÿ]{2,})/(?P<unit>[A-Z]{2,6}(?:-[A-Z0-9]{1,6})?)(?![\w/-])"
)
_TABLE_ROW = re.compile(r"(?:\d[^\n]*){6}")
_OFFICE_NEAR = 60
# How many lines of markers may stand between a name and the office below it.
_MARKER_LINES = 3
_NAME_AFTER = re.compile(rf"\A[ \t]*,[ \t]*(?P<name>{_NAME})(?=[ \t]*[,.;)\n]|\Z)")
_NAME_BEFORE = re.compile(
    rf"(?:^|[\n(]|[.;:][ \t])[ \t]*(?P<name>{_NAME})[ \t]*,[ \t]*(?:de[ \t]+)?\Z"
)


def find_persons(
    text: str,
    span: Span,
    redactions: Sequence[Redaction],
    entities: Sequence[Entity],
) -> tuple[list[Entity], list[str]]:
    """Persons in the document at ``span``, and the leak warning where one applies."""
    offices = [e for e in entities if e.kind == "office"]
    taken = [e.span for e in entities if e.kind in ("organisation", "office", "law")]
    persons = _redacted_names(text, redactions)
    for match in _cue().finditer(text, span.start, span.end):
        group = next(g for g in ("name", "full", "single") if match[g])
        name = match[group]
        words = name.split()
        if (
            _not_a_name(words[0])
            or any(vocabulary().is_role_word(word) for word in words)
            or _in_table_row(text, match)
        ):
            continue
        name_span = Span(start=match.start(group), end=match.end(group))
        if any(name_span.overlaps(t) for t in taken) or _inside_markers(name_span, redactions):
            continue
        office = _office_beside(text, name_span, offices)
        persons.append(
            Entity(
                kind="person",
                text=name,
                span=name_span,
                role=office.text if office else None,
                redacted=False,
            )
        )
    persons.extend(_compact_names(text, span, redactions, taken))
    persons.extend(_named_office_holders(text, span, offices, persons, redactions))
    persons.sort(key=lambda e: e.span.start)
    names_redacted = any(p.redacted for p in persons) or any(
        g.code == "5.1.2e" for r in redactions for g in r.grounds
    )
    leaks = [p for p in persons if not p.redacted and p.role is None]
    return persons, [LEAK_WARNING] if names_redacted and leaks else []


def _compact_names(
    text: str, span: Span, redactions: Sequence[Redaction], taken: Sequence[Span]
) -> list[Entity]:
    """First names written with the unit after a slash, as notes and planning
    lines write colleagues ("1 dag in de week, Pieter/DMO").  Only a first name
    of the lexicon counts: "Jeugd/DJ" and "Financiën/FEZ" are no persons."""
    names: list[Entity] = []
    for match in _COMPACT.finditer(text, span.start, span.end):
        name = match["name"]
        name_span = Span(start=match.start("name"), end=match.end("name"))
        if (
            name.lower() not in first_names()
            or vocabulary().is_role_word(name)
            or _inside_markers(name_span, redactions)
            or any(name_span.overlaps(t) for t in taken)
        ):
            continue
        names.append(Entity(kind="person", text=name, span=name_span, redacted=False))
    return names


def _not_a_name(word: str) -> bool:
    """Capitalised words that follow the cues but are no names (the vocabulary's
    ``not_name_words``)."""
    return word.lower() in vocabulary().not_names()


def _in_table_row(text: str, match: re.Match[str]) -> bool:
    """Course lists and payment tables ("… Burger 48 Cursus met Excel € 359")."""
    start, end = line_bounds(text, match.start(), match.end())
    return _TABLE_ROW.search(text, start, end) is not None


def _redacted_names(text: str, redactions: Sequence[Redaction]) -> list[Entity]:
    groups: dict[int, list[Redaction]] = {}
    for redaction in redactions:
        if redaction.role == "name":
            groups.setdefault(redaction.group, []).append(redaction)
    return [
        Entity(
            kind="person",
            text=text[group[0].span.start : group[-1].span.end],
            span=Span(start=group[0].span.start, end=group[-1].span.end),
            redacted=True,
        )
        for group in groups.values()
    ]


def _inside_markers(span: Span, redactions: Sequence[Redaction]) -> bool:
    return any(span.overlaps(r.span) for r in redactions)


def _office_beside(text: str, name: Span, offices: Sequence[Entity]) -> Entity | None:
    """An office right after the name ("Hugo Jansen, Minister van VWS") or right
    before it ("Minister van VWS, Hugo Jansen"), or on the line below."""
    for office in offices:
        if 0 <= office.span.start - name.end <= _OFFICE_NEAR:
            between = text[name.end : office.span.start]
            if re.fullmatch(r"(?:[\s,()]|\bde\b)*", between) and between.count("\n") <= 1:
                return office
        if 0 <= name.start - office.span.end <= 4 and re.fullmatch(
            r"[\s,]*", text[office.span.end : name.start]
        ):
            return office
    return None


def _named_office_holders(
    text: str,
    span: Span,
    offices: Sequence[Entity],
    found: Sequence[Entity],
    redactions: Sequence[Redaction],
) -> list[Entity]:
    """A name beside an office ("Minister van VWS, Hugo Jansen" / "Hugo Jansen,
    Minister van VWS") or alone on the line above one, as under a signature."""
    holders: list[Entity] = []
    starts = [r.span.start for r in redactions]
    for office in offices:
        if not span.start <= office.span.start < span.end:
            continue
        for pattern, anchor in ((_NAME_AFTER, office.span.end), (_NAME_BEFORE, office.span.start)):
            window = (
                text[anchor : anchor + 80]
                if pattern is _NAME_AFTER
                else text[max(0, anchor - 80) : anchor]
            )
            match = pattern.search(window)
            if match is None or _not_a_name(match["name"].split()[0]):
                continue
            offset = anchor if pattern is _NAME_AFTER else max(0, anchor - 80)
            name_span = Span(start=offset + match.start("name"), end=offset + match.end("name"))
            if not any(name_span.overlaps(p.span) for p in (*found, *holders)):
                holders.append(
                    Entity(
                        kind="person",
                        text=match["name"],
                        span=name_span,
                        role=office.text,
                        redacted=False,
                    )
                )
        above = _name_above(text, span, office, (redactions, starts))
        if above is None or any(above.overlaps(p.span) for p in (*found, *holders)):
            continue
        holders.append(
            Entity(
                kind="person", text=above.slice(text), span=above, role=office.text, redacted=False
            )
        )
    return holders


def _name_above(
    text: str,
    span: Span,
    office: Entity,
    redactions: tuple[Sequence[Redaction], list[int]],
) -> Span | None:
    """The name alone on its line above an office that starts its line, under a
    signature or in a participant list, where the lines between may hold only
    markers (name, ``5.1.2e``, ``Minister van VWS``: the minister's name is
    known, the aide's is redacted).  ``redactions``: in text order, with their starts."""
    low = max(span.start, office.span.start - WINDOW)
    line_start = text.rfind("\n", low, office.span.start) + 1
    if line_start == 0 or text[line_start : office.span.start].strip(" \t,"):
        return None  # the office does not start its line
    end, redacted = line_start - 1, 0
    while end > span.start and redacted <= _MARKER_LINES:
        start = text.rfind("\n", max(span.start, end - WINDOW), end) + 1
        line = text[start:end]
        end = start - 1
        if not line.strip():
            continue
        if _markers_only(line, start, redactions):
            redacted += 1
            continue
        match = re.fullmatch(rf"[ \t]*(?:[-•·*][ \t]+)?(?P<name>{_NAME})[ \t,]*", line)
        if match is None or _not_a_name(match["name"].split()[0]):
            return None
        return Span(start=start + match.start("name"), end=start + match.end("name"))
    return None


def _markers_only(line: str, start: int, redactions: tuple[Sequence[Redaction], list[int]]) -> bool:
    """The line (at ``start``) holds redaction markers and nothing else."""
    found, starts = redactions
    end = start + len(line)
    index = bisect_left(starts, start)
    rest, cursor = [], start
    while index < len(found) and found[index].span.end <= end:
        rest.append(line[cursor - start : found[index].span.start - start])
        cursor = found[index].span.end
        index += 1
    rest.append(line[cursor - start :])
    return cursor > start and not "".join(rest).strip(" \t,;/|()*#>-")
