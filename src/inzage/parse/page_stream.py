"""Where the documents of a PDF bundle begin, as its pages tell.

A released PDF is often dozens of documents in one page stream.  The content (a
letterhead, an e-mail header block) shows where most of them begin; that is
read in :mod:`inzage.parse.documents`.  The pages add what the content cannot
see, in order of trust:

1. the **outline** (bookmarks), where its entries name documents ("DOC 4",
   "Document 12", "Bijlage B", a file name, a bare document number).  A range
   that opens at such an entry is one document: the publisher said so, and the
   content does not split it further.  Outlines that index pages ("Pagina 3")
   or chapters ("Inleiding") say nothing about documents and are not used.
2. the **page numbering**: "Pagina 1 van 3" after a numbered page or on a
   page that reads as a first page (a salutation, a letterhead field), and the
   page after the last of a numbering ("Pagina 3 van 3").
3. a **document number stamped** on the page ("Document 12", "Documentnr.
   12") that differs from the page before.
4. a page that opens with an **annex heading** ("Bijlage 2", "Bijlage bij
   het besluit"; not a sentence about an annex, nor a row of a list of them).
5. a change of **page size or orientation**, unless a sentence runs on across
   it, the page opens with a letter's closing ("Hoogachtend,": a signed last
   page scanned on other paper), or the page repeats the heading of the page
   before (a wide table printed on other paper).

Rules 3 to 5 give way where a page numbering runs on across the page ("Pagina
7 van 11" after "Pagina 5 van 11" and a blank scan).

Everything here is pure: page texts, bookmarks and page sizes in, cuts out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from inzage.read.text import OutlineEntry

CutReason = Literal["outline", "numbering", "stamp", "heading", "layout"]


@dataclass(frozen=True)
class PageCut:
    """A page that opens a document."""

    page: int  # from 1
    reason: CutReason
    title: str | None = None  # the bookmark's title
    whole: bool = False  # the outline names the range from here as one document


_DOCUMENT_TITLE = re.compile(
    r"(?i)^(?:doc(?:ument)?|documentnummer|docnr|bijlage|annex|appendix|nr|nummer)\b\.?"
    r"\s*[-–:.]?\s*[0-9A-Z]{1,6}\b"
)
_FILE_NAME = re.compile(r"(?i)\.(?:pdf|docx?|msg|eml|xlsx?|pptx?|txt)$|^\S+_\S+$")
_NUMBER_ONLY = re.compile(r"^\d{1,5}[a-z]?$")
# "Pagina 2 van 5", also at the end of a footer line ("NVWA Rapport 12. Pag. 1 van 2.").
_NUMBERING = re.compile(
    r"(?i)(?:^|\s)(?:pagina|page|blad|pag\.|p\.)\s*(\d{1,4})\s*(?:van|of|/|uit)\s*(\d{1,4})\.?$"
)
_STAMP = re.compile(
    r"(?i)^(?:document(?:nummer|nr\.?)?|doc(?:nr)?\.?|documentnr\.?)\s*[:.]?\s*(\d{1,5}[a-z]?)$"
)
# Page numbers and stamps stand among the first or last lines of a page.
_EDGE_LINES = 5
# Page sizes that differ by less than this (points) are the same size.
_SIZE_TOLERANCE = 2.0
_OPENING_LINE = re.compile(
    r"(?i)^(?:geachte|beste|betreft|onderwerp|subject|datum|date|ons kenmerk|kenmerk|retouradres"
    r"|aan|van|from|to)\b"
)
_FIRST_LINES = 12
# A page that opens with a letter's closing words ends the letter before it.
_CLOSING = re.compile(r"(?i)^(?:hoogachtend|met vriendelijke groet|namens\b)")
_SENTENCE_END = re.compile(r"[.!?:;)\]\"”]$")
# "Bijlage 2", "Bijlage B - Openbaar te maken documenten"; not the field "Bijlagen: 2".
_ANNEX_HEADING = re.compile(r"(?i)^bijlage(?:\s+(?:\d{1,3}|[A-Z]|bij)\b)?(?!n?\s*:)")
_MAX_HEADING = 100
_ROW_DATE = re.compile(r"\b\d{1,2}[-/]\d{1,2}[-/]\d{2,4}\b")


def page_cuts(
    pages: Sequence[str],
    outline: Sequence[OutlineEntry] = (),
    sizes: Sequence[tuple[float, float]] = (),
) -> list[PageCut]:
    """The pages that open a document, in page order, each with its most
    trusted reason.  Page 1 is listed only when a bookmark names a document there."""
    cuts = {cut.page: cut for cut in outline_cuts(outline, len(pages))}
    whole = _whole_pages(cuts, len(pages))
    stream = _Pages(pages, sizes)
    for index in range(1, len(pages)):
        page = index + 1
        if page in cuts or page in whole:
            continue
        reason = _page_reason(stream, index)
        if reason is not None:
            cuts[page] = PageCut(page=page, reason=reason)
    return [cuts[page] for page in sorted(cuts)]


def outline_cuts(outline: Sequence[OutlineEntry], pages: int) -> list[PageCut]:
    """The pages where bookmarks that name documents open them.  Other bookmarks
    (a part such as "Besluit", a chapter) cut nothing: where they stand, the
    content decides."""
    cuts: dict[int, PageCut] = {}
    for entry in _naming_entries(outline):
        if entry.page <= pages and entry.page not in cuts:
            cuts[entry.page] = PageCut(entry.page, "outline", entry.title, whole=True)
    return [cuts[page] for page in sorted(cuts)]


def _naming_entries(outline: Sequence[OutlineEntry]) -> list[OutlineEntry]:
    numbers = [e for e in outline if _NUMBER_ONLY.match(e.title)]
    # Bare numbers that are the pages' own numbers index pages, not documents.
    page_index = bool(numbers) and all(e.title == str(e.page) for e in numbers)
    return [
        entry
        for entry in outline
        if _DOCUMENT_TITLE.match(entry.title)
        or _FILE_NAME.search(entry.title)
        or (not page_index and _NUMBER_ONLY.match(entry.title))
    ]


def _whole_pages(cuts: dict[int, PageCut], pages: int) -> set[int]:
    """Pages inside (after the first page of) a range the outline calls one document."""
    inside: set[int] = set()
    starts = sorted(cuts)
    for position, page in enumerate(starts):
        if cuts[page].whole:
            end = starts[position + 1] if position + 1 < len(starts) else pages + 1
            inside.update(range(page + 1, end))
    return inside


class _Pages:
    """What the rules read of each page, read once: its text, its first and last
    lines, its numbering and stamp, its size, and whether it lies inside a run of
    page numbers."""

    def __init__(self, pages: Sequence[str], sizes: Sequence[tuple[float, float]]) -> None:
        self.texts = pages
        self.sizes = sizes
        self.edges = [_edge_lines(page) for page in pages]
        self.numbering = [_numbering(lines) for lines in self.edges]
        self.stamps = [_stamp(lines) for lines in self.edges]
        self.in_run = _numbered_runs(self.numbering)

    def first_line(self, index: int) -> str:
        return self.edges[index][0] if self.edges[index] else ""


def _page_reason(stream: _Pages, index: int) -> CutReason | None:
    here, before = stream.numbering[index], stream.numbering[index - 1]
    text, previous = stream.texts[index], stream.texts[index - 1]
    if here is not None and here[0] == 1 and (before is not None or _first_page(text)):
        # After an unnumbered page, "Pagina 1 van 2" may count the pages after a
        # letter's first: it opens a document only on a page that reads as a first.
        return "numbering"
    if before is not None and before[0] == before[1] and here is None:
        return "numbering"
    if stream.in_run[index]:
        return None  # "Pagina 7 van 11" after "Pagina 5 van 11": one document
    if stream.stamps[index] is not None and stream.stamps[index] != stream.stamps[index - 1]:
        return "stamp"
    first = stream.first_line(index)
    runs_on = _sentence_runs_on(previous, text) or bool(_CLOSING.match(first))
    if not runs_on and _annex_heading(stream.edges[index]):
        return "heading"
    same_heading = bool(first) and stream.first_line(index - 1) == first  # a table's header row
    if (
        not runs_on
        and not same_heading
        and index < len(stream.sizes)
        and _other_size(stream.sizes[index - 1], stream.sizes[index])
    ):
        return "layout"
    return None


def _first_page(page: str) -> bool:
    """A page that reads as a document's first: a salutation or a letterhead or
    header field among its first lines."""
    lines = [line for line in page.splitlines() if line.strip()][:_FIRST_LINES]
    return any(_OPENING_LINE.match(line.strip(" \t#*>_|")) for line in lines)


_Numbered = tuple[int, tuple[int, int]]  # page index, (number, total)


def _numbered_runs(numbering: list[tuple[int, int] | None]) -> list[bool]:
    """For each page, whether the numbered pages nearest before it and from it on
    number on without a gap (pages without a number, such as a blank scan, in
    between)."""
    before: list[_Numbered | None] = []
    last: _Numbered | None = None
    for index, numbered in enumerate(numbering):
        before.append(last)
        if numbered is not None:
            last = (index, numbered)
    after: list[_Numbered | None] = []
    following: _Numbered | None = None
    for index in range(len(numbering) - 1, -1, -1):
        numbered = numbering[index]
        if numbered is not None:
            following = (index, numbered)
        after.append(following)
    after.reverse()
    return [
        first is not None
        and latter is not None
        and first[1][1] == latter[1][1]
        and latter[1][0] - first[1][0] == latter[0] - first[0]
        for first, latter in zip(before, after, strict=True)
    ]


def _edge_lines(page: str) -> list[str]:
    lines = [" ".join(line.strip(" \t#*>_|").split()) for line in page.splitlines()]
    lines = [line for line in lines if line]
    return lines[:_EDGE_LINES] + lines[_EDGE_LINES:][-_EDGE_LINES:]


def _numbering(edges: list[str]) -> tuple[int, int] | None:
    """ "Pagina 2 van 5" among a page's first and last lines, as (2, 5), when it
    makes sense."""
    for line in edges:
        found = _NUMBERING.search(line)
        if found:
            number, total = int(found.group(1)), int(found.group(2))
            if 1 <= number <= total:
                return number, total
    return None


def _stamp(edges: list[str]) -> str | None:
    for line in edges:
        found = _STAMP.match(line)
        if found:
            return found.group(1).lower()
    return None


def _other_size(before: tuple[float, float], here: tuple[float, float]) -> bool:
    return any(abs(a - b) > _SIZE_TOLERANCE for a, b in zip(before, here, strict=True))


def _annex_heading(lines: list[str]) -> bool:
    """The page (its first lines) opens with "Bijlage ..." as a heading: not as
    the first row of a list of annexes (a row carries a date, and the next row
    starts the same), nor as a sentence."""
    if not lines or len(lines[0]) > _MAX_HEADING or not _ANNEX_HEADING.match(lines[0]):
        return False
    following = lines[1] if len(lines) > 1 else ""
    row_like = _ROW_DATE.search(lines[0]) or _ANNEX_HEADING.match(following)
    # A sentence ("Bijlage 1 bevat de lijst.") ends in a full stop or goes on.
    sentence = lines[0].endswith(".") or following[:1].islower()
    return not row_like and not sentence


def _sentence_runs_on(before: str, here: str) -> bool:
    """The last line of a page ends mid-sentence and the next page goes on in lower case."""
    last = before.rstrip().rsplit("\n", 1)[-1].strip()
    first = here.lstrip()[:1]
    return bool(last) and not _SENTENCE_END.search(last) and first.islower()
