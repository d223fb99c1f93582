"""Running headers and footers: the blocks every PDF page repeats.

In converted text they land between paragraphs, often in the middle of a
sentence.  They are found by shape ("Pagina 2 van 5", "Page 1 of 5", a Kenmerk
line, a ministry or unit line) or by repetition (a short line that comes back at
least three times, far apart, as page furniture does and table cells do not),
removed from the reading text, and kept as the document's ``running_headers``.
Where a removed header split a sentence, the two halves are joined again.

A nota's page header is often three short lines and no page number: its unit
code, ``Kenmerk`` alone, the reference number below it.  Such a block, the same
on at least two pages far apart (or the Kenmerk and its number on three), is a
running header too; its lines are removed where the block stands (but for the
first Kenmerk not under the unit line: the letterhead's own), and
:func:`running_header_reference` reads the Kenmerk back from the removed lines.

Redaction markers also repeat on lines of their own and are never taken.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from inzage.parse.markers.engine import find_markers

_PAGE_NUMBER = re.compile(
    r"(?i)^(?:pagina|page|blad|p\.)\s*(?P<page>\d+)\s*(?:van|of|/|uit)\s*(?P<pages>\d+)$"
    r"|^(?P<page2>\d+)\s*/\s*(?P<pages2>\d+)$|^-\s*\d+\s*-$|^(?:pagina|page)\s*\d+$"
)
_KENMERK = re.compile(r"^(?:[A-Z]{2,}(?:-[A-Z0-9]{2,})*\s+)?(?i:(?:ons\s+)?kenmerk)\b:?\s*\S")
_FURNITURE = re.compile(
    r"^(?:(?i:datum)\s+\d.*|(?:Ministerie|Ministry)\s+(?:van|voor|of)\s.*|"
    r"Directie\s+[A-Z].*|[A-Z]{2,}(?:-[A-Z0-9]{2,})+)$"
)
# A companion of page numbers reads like a header line, not like a cell or a fragment.
_HEADER_LIKE = re.compile(r"^[A-Z0-9(][^.;,:]*[^\s.;,:]$")
_ANY_ANCHOR = re.compile(
    r"(?im)^[ \t#*>_|]*(?:(?:pagina|page|blad|p\.)\s*\d|\d+\s*/\s*\d+[ \t]*$|-\s*\d+\s*-[ \t]*$|"
    r"(?:[A-Z]{2,}(?:-[A-Z0-9]{2,})*\s+)?(?:ons\s+)?kenmerk\b)"
)
# "Kenmerk" alone on its line, and the reference below it: one or two short
# tokens with a digit ("1234567-204321-DMO", "DMO/2031-0412", "WOO 2031006").
_KENMERK_ALONE = re.compile(r"(?i)^(?:ons\s+)?kenmerk:?$")
_KENMERK_VALUE = re.compile(r"(?=[^ ]*\d)[\w./()&-]{3,40}(?: [\w./()&-]{1,20})?")
_KENMERK_LINE = re.compile(
    r"(?i)^(?:[A-Z]{2,}(?:-[A-Z0-9]{2,})*\s+)?(?:ons\s+)?kenmerk:?\s+(?P<value>.+)$"
)
# How many lines (blank ones too) may stand between the lines of a block.
_BLOCK_REACH = 3
_MAX_BLOCK_LINE = 60
_MIN_REPEATS = 3
_MAX_KENMERK = 60
_MAX_LENGTH = 90
# Page furniture comes back once a page; table cells come back line after line.
_MIN_MEAN_DISTANCE = 600
# How many lines from a page number a header's companion lines may stand.
_REACH = 4
_SENTENCE_END = re.compile(r"[.!?:;)\]\"”]\s*$")


@dataclass
class CleanText:
    text: str
    running_headers: list[str] = field(default_factory=list)
    pages: int | None = None


def _strip(line: str) -> str:
    return re.sub(r"\s+", " ", line.strip(" \t#*>_|")).strip()


def _key(stripped: str) -> str:
    """Lines are the same header when their text is; page numbers may differ."""
    return re.sub(r"\d+", "#", stripped) if _PAGE_NUMBER.match(stripped) else stripped


def remove_running_headers(text: str) -> CleanText:
    """The text without its running headers and footers."""
    if _ANY_ANCHOR.search(text) is None:
        return CleanText(text)  # no page number, no Kenmerk: nothing can anchor a header
    lines = text.split("\n")
    stripped = [_strip(line) if line.strip() else "" for line in lines]
    keys = [_key(s) if s else "" for s in stripped]
    positions: dict[str, list[int]] = defaultdict(list)
    offsets = []
    offset = 0
    for index, line in enumerate(lines):
        offsets.append(offset)
        offset += len(line) + 1
        if stripped[index] and len(stripped[index]) <= _MAX_LENGTH:
            positions[keys[index]].append(index)
    blocks = _kenmerk_blocks(stripped, offsets)
    headers = _headers(positions, offsets, stripped)
    if not headers and not blocks:
        return CleanText(text)
    kept: list[str | None] = []  # None where a header stood, for rejoining split sentences
    removed: dict[str, None] = {}
    pages: set[int] = set()
    for index, line in enumerate(lines):
        if index in blocks or (keys[index] and keys[index] in headers):
            removed.setdefault(stripped[index], None)
            number = _PAGE_NUMBER.match(stripped[index])
            if number is not None and (number["pages"] or number["pages2"]):
                pages.add(int(number["pages"] or number["pages2"]))
            kept.append(None)
        else:
            kept.append(line)
    return CleanText(
        text=_join(kept),
        running_headers=list(removed),
        pages=pages.pop() if len(pages) == 1 else None,
    )


def _headers(positions: dict[str, list[int]], offsets: list[int], stripped: list[str]) -> set[str]:
    """Anchors: page numbers by shape, Kenmerk lines repeated word for word far apart.
    Companions: a ministry, unit or other header-like line repeated word for word,
    standing next to an anchor in most of its occurrences.  (Kenmerk blocks are
    no anchors: their lines are taken where they stand, and a line beside them
    may be the letterhead's own.)"""
    samples = {key: stripped[found[0]] for key, found in positions.items()}
    anchors = {
        key
        for key, found in positions.items()
        if (_is_page_number(samples[key]) and len(found) >= 2)
        or (
            _KENMERK.match(samples[key])
            and len(samples[key]) <= _MAX_KENMERK
            and len(found) >= _MIN_REPEATS
            and _spread(found, offsets) >= _MIN_MEAN_DISTANCE / 2
        )
    }
    if not anchors:
        return set()
    anchor_lines = sorted(i for key in anchors for i in positions[key])
    companions = {
        key
        for key, found in positions.items()
        if key not in anchors
        and len(found) >= 2
        and _spread(found, offsets) >= _MIN_MEAN_DISTANCE / 2
        and (_FURNITURE.match(key) or _header_like(key))
        and _mostly_near(found, anchor_lines)
        and not find_markers(key).redactions
    }
    return anchors | companions


# A Kenmerk block: the line above (or None), the "Kenmerk" line, the reference line.
_Place = tuple[int | None, int, int]


def _kenmerk_blocks(stripped: list[str], offsets: list[int]) -> set[int]:
    """The lines of Kenmerk blocks that repeat: "Kenmerk" alone, the reference
    below it and the short line above it (the unit code), the three the same
    at least twice far apart, or the Kenmerk and its reference three times.
    A reference that is a redaction marker is no header line: it stays."""
    found: dict[str, list[_Place]] = defaultdict(list)
    for index, line in enumerate(stripped):
        if not _KENMERK_ALONE.match(line):
            continue
        below = _next_filled(stripped, index, 1)
        if below is None or not _KENMERK_VALUE.fullmatch(stripped[below]):
            continue
        above = _next_filled(stripped, index, -1)
        if above is not None and not _block_line(stripped[above]):
            above = None
        found[stripped[below]].append((above, index, below))
    lines: set[int] = set()
    for value, places in found.items():
        by_unit: dict[str, list[_Place]] = defaultdict(list)
        for place in places:
            if place[0] is not None:
                by_unit[stripped[place[0]]].append(place)
        triples = {p for same in by_unit.values() if len(same) >= 2 for p in same}
        # The first Kenmerk that is no page header's (not under the unit line)
        # is the letterhead's own: it stays.
        own = next((p for p in places if p not in triples), None)
        pairs = [p for p in places if p is not own]
        chosen = pairs if len(places) >= _MIN_REPEATS else sorted(triples, key=lambda p: p[1])
        if len(chosen) < 2 or _spread([p[1] for p in chosen], offsets) < _MIN_MEAN_DISTANCE / 2:
            continue
        redacted = bool(find_markers(value).redactions)
        for place in chosen:
            above, kenmerk, below = place
            lines.add(kenmerk)
            if not redacted:
                lines.add(below)
            if above is not None and place in triples:
                lines.add(above)
    return lines


def _next_filled(stripped: list[str], index: int, step: int) -> int | None:
    """The next non-blank line from ``index`` in direction ``step``, within reach."""
    for other in range(index + step, index + step * (_BLOCK_REACH + 1), step):
        if not 0 <= other < len(stripped):
            return None
        if stripped[other]:
            return other
    return None


def _block_line(line: str) -> bool:
    """A short line that may stand above "Kenmerk" in a page header: no sentence,
    no marker."""
    return (
        len(line) <= _MAX_BLOCK_LINE
        and not _SENTENCE_END.search(line)
        and not find_markers(line).redactions
    )


def running_header_reference(headers: Sequence[str]) -> str | None:
    """The Kenmerk that the running headers carry ("Kenmerk" and the line removed
    after it, or "Kenmerk 1234567-204321-DMO" on one line), when they agree on one."""
    values: set[str] = set()
    for index, header in enumerate(headers):
        one_line = _KENMERK_LINE.match(header)
        if one_line is not None:
            values.add(one_line["value"].strip())
        elif _KENMERK_ALONE.match(header) and index + 1 < len(headers):
            value = headers[index + 1]
            if _KENMERK_VALUE.fullmatch(value) and not _is_page_number(value):
                values.add(value)
    values = {v for v in values if not find_markers(v).redactions}
    return values.pop() if len(values) == 1 else None


def _mostly_near(found: list[int], anchor_lines: list[int]) -> bool:
    """Next to an anchor every time, or all times but one from the third repeat on."""
    near = sum(_near(i, anchor_lines) for i in found)
    return near == len(found) or (len(found) >= _MIN_REPEATS and near >= len(found) - 1)


def _is_page_number(line: str) -> bool:
    match = _PAGE_NUMBER.match(line)
    if match is None:
        return False
    page, pages = match["page"] or match["page2"], match["pages"] or match["pages2"]
    return page is None or int(page) <= int(pages)


def _header_like(key: str) -> bool:
    return _HEADER_LIKE.match(key) is not None and len(re.findall(r"[^\W\d_]{2,}", key)) >= 2


def _spread(found: list[int], offsets: list[int]) -> float:
    """Mean distance in characters between repeats."""
    return (offsets[found[-1]] - offsets[found[0]]) / max(1, len(found) - 1)


def _near(index: int, anchors: list[int], reach: int = _REACH) -> bool:
    position = bisect_left(anchors, index - reach)
    return position < len(anchors) and anchors[position] <= index + reach


def _join(lines: list[str | None]) -> str:
    """Drop the header places; rejoin a sentence a header had split in two."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line is not None:
            out.append(line)
            index += 1
            continue
        # skip the header and the blank lines around it
        while index < len(lines) and _blank(lines[index]):
            index += 1
        previous = next((i for i in range(len(out) - 1, -1, -1) if not _blank(out[i])), None)
        following = lines[index] if index < len(lines) else None
        if (
            previous is not None
            and following is not None
            and "\f" not in out[previous]
            and not _SENTENCE_END.search(out[previous])
            and following.strip()[:1].islower()
        ):
            del out[previous + 1 :]
            out[previous] = out[previous].rstrip() + " " + following.lstrip()
            index += 1
        elif out and following is not None:
            del out[len(out) - _trailing_blanks(out) :]
            out.append("")
    return "\n".join(out)


def _trailing_blanks(lines: list[str]) -> int:
    count = 0
    for line in reversed(lines):
        if not _blank(line):
            break
        count += 1
    return count


def _blank(line: str | None) -> bool:
    """A line with nothing on it.  A page break (a form feed, white space to
    Python) is something: page numbers are counted from them."""
    return line is None or (not line.strip() and "\f" not in line)
