"""Section headings of memos, letters and reports.

Numbered headings (``1 Aanleiding en doel overleg``, ``3.2 Financiën``), markdown
headings (``## Advies``) and agenda items (``Ad 4 – rondvraag``), each with a
level: the depth of the number, the count of ``#``, or 2 for ``Ad`` items.

A bare number before a line (no ``#``, no dot: ``4 Advies en toelichting``) is
also how list items, table rows and amounts start, so such a heading must be a
short title and follow the numbering of the heading before it (``3`` → ``4``, ``3`` → ``3.1``,
``3.2`` → ``4``; one number may be skipped) or be followed so by the next
numbered heading (where the numbering picks up again), and it must not
stand in a list: a line numbered one more or one less right above or below it,
with nothing but blank lines between.
"""

from __future__ import annotations

import re

from inzage.model import Section, Span
from inzage.parse.dates import MONTHS

_NUMBERED = re.compile(
    r"^(?P<hashes>#{0,6})[ \t]*(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})(?P<dot>\.)?[ \t]+"
    r"(?P<title>[A-ZÀ-Ý][^\n]{1,90}?)[ \t#*]*$",
    re.MULTILINE,
)
# Any numbered line, also a list item under a bullet ("- 2 Tweede punt").
_NUMBERED_LINE = re.compile(
    r"[ \t#*>]*(?:[-•·▪][ \t]+)?(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})\.?[ \t]"
)
# Words after a number that make it an amount or a count ("10 Miljoen voor het fonds").
_QUANTITY = frozenset(
    "miljoen miljard mln mld procent procentpunt euro keer jaar jaren maand maanden week weken "
    "dag dagen uur uren minuten personen mensen stuks fte kilo km".split()
)
_NUMBER_TOKEN = re.compile(r"(?<![\w.])\d[\d.,:/-]*(?![\w])")
_YEAR = re.compile(r"(?:19|20)\d\d")
_BARE_MAX_LENGTH = 70
_BARE_MAX_WORDS = 10
# A bare heading may skip one number ("3" → "5"): a heading the converter lost.
_SKIP = 2
_AD_ITEM = re.compile(
    r"^[ \t#*]*Ad[ \t]+(?P<number>\d{1,2})[ \t]*[–—:-]?[ \t]*(?P<title>\S[^\n]{0,90}?)[ \t*]*$",
    re.MULTILINE,
)
_MARKDOWN = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<title>\S[^\n]{0,120}?)[ \t#]*$", re.MULTILINE)
_WORD = re.compile(r"[^\W\d_]{3,}")
_MONTH_START = re.compile(r"(?i)(?:" + "|".join(MONTHS) + r")\b")


def find_sections(text: str, start: int = 0, end: int | None = None) -> list[Section]:
    """The headings between ``start`` and ``end``, in order, without duplicates."""
    end = len(text) if end is None else end
    found: dict[int, Section] = {}
    numbered = [m for m in _NUMBERED.finditer(text, start, end) if _numbered_title(m["title"])]
    # The number of the last heading that counts for the numbering, and of the
    # last of any kind ("5. Verlenging" before "5.1 Arbeid", a list's "1." too).
    last: tuple[int, ...] | None = None
    previous: tuple[int, ...] | None = None
    for index, match in enumerate(numbered):
        title = match["title"].strip()
        number = _number(match["number"])
        if _is_bare(match):
            if not _bare_title(title) or _in_list(text, match, number):
                continue
            following = next(
                (
                    _number(m["number"])
                    for m in numbered[index + 1 :]
                    if not _is_bare(m) or _bare_title(m["title"].strip())
                ),
                None,
            )
            if not (
                _fits(last, number)
                or (previous is not None and _fits(previous, number))
                or _continued(last, number, following)
            ):
                continue
        if match["hashes"] or _is_bare(match):
            last = number
        previous = number
        found[match.start()] = _section(match, match["number"], title, len(number))
    for match in _AD_ITEM.finditer(text, start, end):
        found[match.start()] = _section(match, f"Ad {match['number']}", match["title"].strip(), 2)
    for match in _MARKDOWN.finditer(text, start, end):
        title = match["title"].strip(" *")
        if match.start() not in found and not re.match(r"\d", title) and plausible_title(title):
            found[match.start()] = _section(match, None, title, len(match["hashes"]))
    return [found[position] for position in sorted(found)]


def is_numbered_heading(line: str) -> bool:
    """Whether ``line`` reads as a numbered heading of its own (without the
    numbering around it to check it against)."""
    match = _NUMBERED.fullmatch(line.rstrip("\r"))
    if match is None or not _numbered_title(match["title"]):
        return False
    return not _is_bare(match) or _bare_title(match["title"].strip())


def _numbered_title(title: str) -> bool:
    title = title.strip()
    return _MONTH_START.match(title) is None and plausible_title(title)  # "1 januari 2020"


def _is_bare(match: re.Match[str]) -> bool:
    return not match["hashes"] and not match["dot"]


def _bare_title(title: str) -> bool:
    """A short title, not a table row ("1 A Korting tot 30 dagen 2 1"), a
    line of a table of contents ("2 Aanpak 5") or an amount ("10 Miljoen …")."""
    words = title.split()
    first = re.sub(r"\W", "", words[0])
    numbers = _NUMBER_TOKEN.findall(title)
    return (
        len(title) <= _BARE_MAX_LENGTH
        and len(words) <= _BARE_MAX_WORDS
        and len(first) >= 2
        and first.lower() not in _QUANTITY
        and "_" not in title
        and len(numbers) <= 1
        and (_NUMBER_TOKEN.fullmatch(words[-1]) is None or _YEAR.fullmatch(words[-1]) is not None)
    )


def _number(written: str) -> tuple[int, ...]:
    return tuple(int(part) for part in written.split("."))


def _fits(last: tuple[int, ...] | None, number: tuple[int, ...]) -> bool:
    """Whether ``number`` may follow the heading numbered ``last``: one level
    deeper from 1, or the next at the same or a higher level (one number may be
    skipped at either)."""
    if last is None:
        return True
    if len(number) == len(last) + 1 and number[:-1] == last and number[-1] <= _SKIP:
        return True
    depth = len(number)
    return (
        depth <= len(last)
        and number[:-1] == last[: depth - 1]
        and last[depth - 1] < number[-1] <= last[depth - 1] + _SKIP
    )


def _continued(
    last: tuple[int, ...] | None, number: tuple[int, ...], following: tuple[int, ...] | None
) -> bool:
    """The next numbered heading goes on from ``number`` and not from ``last``:
    the numbering picks up again after a heading that was lost or a line that
    was no heading.  (A list item "1 …" under heading 1 is followed by "2",
    which goes on from the heading.)"""
    return (
        following is not None
        and _fits(number, following)
        and (last is None or not _fits(last, following))
    )


def _in_list(text: str, match: re.Match[str], number: tuple[int, ...]) -> bool:
    """A numbered line right above or below (blank lines between) with the same
    depth and a number one apart: list items or table rows."""
    for neighbour in (_line_above(text, match.start()), _line_below(text, match.end())):
        other = _NUMBERED_LINE.match(neighbour) if neighbour else None
        if other is None:
            continue
        theirs = _number(other["number"])
        siblings = len(theirs) == len(number) and theirs[:-1] == number[:-1]
        if siblings and abs(theirs[-1] - number[-1]) == 1:
            return True
    return False


def _line_above(text: str, start: int) -> str:
    before = text[max(0, start - 400) : start].rstrip()
    return before[before.rfind("\n") + 1 :]


def _line_below(text: str, end: int) -> str:
    after = text[end : end + 400].lstrip()
    newline = after.find("\n")
    return after if newline == -1 else after[:newline]


def plausible_title(title: str) -> bool:
    """A heading, not a sentence, a table row or OCR debris ("•", "EE", "G)")."""
    letters = sum(c.isalpha() for c in title)
    visible = sum(not c.isspace() for c in title)
    return (
        3 <= len(title) <= 90
        and len(title.split()) <= 12
        and not title.endswith((".", ",", ";", ":"))
        and ". " not in title
        and "|" not in title
        and _WORD.search(title) is not None
        and letters >= 0.6 * visible
    )


def _section(match: re.Match[str], number: str | None, title: str, level: int) -> Section:
    return Section(
        number=number, title=title, level=level, span=Span(start=match.start(), end=match.end())
    )
