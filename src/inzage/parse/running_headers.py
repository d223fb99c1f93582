"""Running headers and footers: the blocks every PDF page repeats.

In converted text they land between paragraphs, often in the middle of a
sentence.  They are found by shape ("Pagina 2 van 5", "Page 1 of 5", a Kenmerk
line, a ministry or unit line) or by repetition (a short line that comes back at
least three times, far apart, as page furniture does and table cells do not),
removed from the reading text, and kept as the document's ``running_headers``.
Where a removed header split a sentence, the two halves are joined again.

Redaction markers also repeat on lines of their own and are never taken.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
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
    headers = _headers(positions, offsets, stripped)
    if not headers:
        return CleanText(text)
    kept: list[str | None] = []  # None where a header stood, for rejoining split sentences
    removed: dict[str, None] = {}
    pages: set[int] = set()
    for index, line in enumerate(lines):
        if keys[index] and keys[index] in headers:
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
    standing next to an anchor in most of its occurrences."""
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
