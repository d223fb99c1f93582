"""Section headings of memos, letters and reports.

Numbered headings (``1 Aanleiding en doel overleg``, ``3.2 Financiën``), markdown
headings (``## Advies``) and agenda items (``Ad 4 – rondvraag``), each with a
level: the depth of the number, the count of ``#``, or 2 for ``Ad`` items.
"""

from __future__ import annotations

import re

from inzage.model import Section, Span
from inzage.parse.dates import MONTHS

_NUMBERED = re.compile(
    r"^(?P<hashes>#{0,6})[ \t]*(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})\.?[ \t]+"
    r"(?P<title>[A-ZÀ-Ý][^\n]{1,90}?)[ \t#*]*$",
    re.MULTILINE,
)
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
    for match in _NUMBERED.finditer(text, start, end):
        title = match["title"].strip()
        if _MONTH_START.match(title) or not plausible_title(title):
            continue  # "1 januari 2020", a numbered sentence
        level = match["number"].count(".") + 1
        found[match.start()] = _section(match, match["number"], title, level)
    for match in _AD_ITEM.finditer(text, start, end):
        found[match.start()] = _section(match, f"Ad {match['number']}", match["title"].strip(), 2)
    for match in _MARKDOWN.finditer(text, start, end):
        title = match["title"].strip(" *")
        if match.start() not in found and not re.match(r"\d", title) and plausible_title(title):
            found[match.start()] = _section(match, None, title, len(match["hashes"]))
    return [found[position] for position in sorted(found)]


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
