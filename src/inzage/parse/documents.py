"""Turn one source's reading text into its documents.

A released file is often a bundle.  It is split where a document begins: at
every letterhead (a memo, letter, minutes or agenda with its fields and
sections), at the first e-mail header block after other content (an e-mail
whose messages are the thread) and at each next mail of an archive export.
Text before the first of these, if long enough, is a document cut off at its
start (``complete`` false).  A file with none of them is one document of kind
``other`` with its sections.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from inzage.model import Document, DocumentKind, Finding, Redaction, Span, document_id
from inzage.parse.dates import AMSTERDAM
from inzage.parse.decision import decision_fields, is_decision_letter
from inzage.parse.email import build_thread, has_closing
from inzage.parse.email_headers import HeaderBlock, find_header_blocks
from inzage.parse.inventory import is_inventory
from inzage.parse.language import guess_language
from inzage.parse.letterhead import Letterhead, find_letterheads
from inzage.parse.markers.engine import MarkerAnalysis
from inzage.parse.page_stream import PageCut
from inzage.parse.sections import find_sections


@dataclass
class _Segment:
    """One document's stretch of the text and the structure that opens it."""

    start: int
    end: int
    head: Letterhead | None = None
    blocks: list[HeaderBlock] = field(default_factory=list)
    complete: bool = True
    title: str | None = None  # the bookmark that names it


def build_documents(
    text: str,
    sha256: str,
    metadata: dict[str, Any],
    markers: MarkerAnalysis,
    cuts: Sequence[tuple[int, PageCut]] = (),
    paged: bool = False,
) -> tuple[list[Document], list[str]]:
    """The documents of a text, and the warnings parsing them gave.  ``cuts``:
    the pages that open a document, at their offsets in the text; ``paged``: the
    text is a reader's pages (a PDF's), separated by form feeds."""
    blocks = find_header_blocks(text)
    # An e-mail header block also reads as a letterhead (Van, Aan, Onderwerp).
    heads = [
        head
        for head in find_letterheads(text)
        if not any(head.span.overlaps(block.span) for block in blocks)
    ]
    heads = _joined_letterheads(text, heads)
    documents: list[Document] = []
    warnings: list[str] = []
    segments = split_segments(text, heads, blocks, cuts, paged)
    for segment in segments:
        document, found = _document(text, sha256, segment, markers)
        if document.title is None and segment.title:
            document.title = segment.title
        if len(segments) == 1 and document.title is None:
            document.title = front_matter_title(metadata)
        if document.title is None:
            document.title = _first_heading(text, document.span)
        if document.title is not None:
            document.title = _tidy_title(document.title)
        documents.append(document)
        prefix = f"document {len(documents) - 1}: " if len(segments) > 1 else ""
        warnings.extend(prefix + w for w in found)
    return documents, warnings


def front_matter_title(metadata: dict[str, Any]) -> str | None:
    """The title a file's front matter gives its one document: its own title, the
    label of the PDF it was converted from (``Bijlage 1. Contract (PDF, 145 kB)``,
    without the size) or the title of the publication it belongs to."""
    titles = front_matter_titles(metadata)
    return titles[0] if titles else None


def front_matter_titles(metadata: dict[str, Any]) -> list[str]:
    """Every title a file's front matter gives, in that order, each once."""
    titles: dict[str, None] = {}
    for key in ("title", "pdf_label", "publication_title"):
        value = metadata.get(key)
        if isinstance(value, str) and (title := _FILE_SIZE.sub("", value).strip()):
            titles[title] = None
    return list(titles)


def _first_heading(text: str, span: Span) -> str | None:
    """The first Markdown heading of a document, as its title when nothing else
    names it."""
    for match in _HEADING.finditer(text, span.start, min(span.end, span.start + _TITLE_REACH)):
        title = _tidy_title(match["title"])
        # OCR makes headings of stray lines ("## PM", "## Van:"), a numbered heading
        # is a section's and a closing ("Dank en groet,") a message's.
        if len(_LETTER.findall(title)) >= _TITLE_LETTERS and _NOT_A_TITLE.search(title) is None:
            return title
    return None


def _tidy_title(title: str) -> str:
    """A title on one line, without the generic redaction marker a box left at its
    end (``Besluit op uw verzoek █``): it marks a box, not a word of the title."""
    return _TRAILING_MARKER.sub("", " ".join(title.split())) or title


def split_segments(
    text: str,
    heads: list[Letterhead],
    blocks: list[HeaderBlock],
    cuts: Sequence[tuple[int, PageCut]] = (),
    paged: bool = False,
) -> list[_Segment]:
    """Where the documents of a text begin.  ``cuts`` are the pages that open a
    document (see :mod:`inzage.parse.page_stream`), each at its offset in the
    text: a range the outline names is one document; every other range is split
    by its content."""
    head_starts = [h.span.start for h in heads]  # both found in text order
    block_starts = [b.start for b in blocks]
    starts: list[tuple[int, PageCut | None]] = [(0, None)]
    for position, (offset, cut) in enumerate(cuts):
        following = cuts[position + 1][0] if position + 1 < len(cuts) else len(text)
        before = bisect_left(block_starts, offset) - 1
        if offset == 0:
            starts[0] = (0, cut)
        elif before >= 0 and blocks[before].span.end > offset:
            continue  # a header block that runs on over the page keeps its mail whole
        elif text[offset:following].strip():  # a blank page (a scan not read) opens nothing
            starts.append((offset, cut))
    segments: list[_Segment] = []
    for position, (start, opening) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(text)
        inside_heads = heads[bisect_left(head_starts, start) : bisect_left(head_starts, end)]
        inside_blocks = blocks[bisect_left(block_starts, start) : bisect_left(block_starts, end)]
        if opening is not None and opening.whole:
            segments.append(_named_segment(start, end, inside_heads, inside_blocks, opening.title))
        else:
            segments.extend(
                _content_segments(
                    text, inside_heads, inside_blocks, start, end, opening is not None, paged
                )
            )
    return segments


def _named_segment(
    start: int, end: int, heads: list[Letterhead], blocks: list[HeaderBlock], title: str | None
) -> _Segment:
    """A range the outline names as one document, opened by whatever structure
    comes first in it."""
    head = heads[0] if heads and (not blocks or heads[0].span.start < blocks[0].start) else None
    return _Segment(start, end, head, blocks, title=title)


def _content_segments(
    text: str,
    heads: list[Letterhead],
    blocks: list[HeaderBlock],
    start: int,
    end: int,
    opened: bool,
    paged: bool = False,
) -> list[_Segment]:
    """Documents begin at every letterhead, at the first e-mail header block after
    other content and at the next mail of an archive export.  Text before the
    first of these that is long enough to be a document of its own is one: cut
    off at its start (``complete`` false) unless the range is ``opened`` by a
    page that begins a document; a short preamble belongs to the first document."""
    openings: list[tuple[int, Letterhead | None]] = [
        (head.span.start, head) for head in _document_openings(heads)
    ]
    head_starts = [position for position, _ in openings]
    passed = 0
    top: HeaderBlock | None = None  # the block that opened the running e-mail document
    for block in blocks:
        while passed < len(head_starts) and head_starts[passed] <= block.start:
            top = None
            passed += 1
        if top is None or _next_exported_mail(top, block):
            openings.append((block.start, None))
            top = block
    openings.sort(key=lambda opening: opening[0])
    if not openings:
        return [_Segment(start, end)]
    segments: list[_Segment] = []
    first = openings[0][0]
    preamble = text[start:first]
    # The text opens in the body of a message whose header is cut off (a chunk
    # or page that begins mid-thread): the e-mail document begins there.
    mid_thread = openings[0][1] is None and _ends_a_message(preamble)
    # A PDF's page read in content order can put a letter's first paragraph
    # above its letterhead: text on the letterhead's own page is the letter's.
    above_letterhead = paged and openings[0][1] is not None and "\f" not in preamble
    if mid_thread:
        opened = False
    elif not above_letterhead and (
        len(re.sub(r"\s+", "", preamble)) >= _MIN_FRAGMENT
        or preamble[: max(0, preamble.rfind("\f"))].strip()
    ):
        # Long, or on pages before the page the first document begins on.
        segments.append(_Segment(start, first, complete=opened))
    for index, (position, head) in enumerate(openings):
        stop = openings[index + 1][0] if index + 1 < len(openings) else end
        begin = start if not segments and index == 0 else position
        segments.append(
            _Segment(
                begin,
                stop,
                head,
                [b for b in blocks if position <= b.start < stop],
                complete=not (mid_thread and index == 0),
            )
        )
    return segments


def _ends_a_message(preamble: str) -> bool:
    """Whether text before a first header block is the end of a message: on the
    same page as the block, with a closing line ("Met vriendelijke groet")."""
    return "\f" not in preamble and bool(preamble.strip()) and has_closing(preamble)


def _next_exported_mail(top: HeaderBlock, block: HeaderBlock) -> bool:
    """Whether a header block opens the next mail of an archive export rather than
    quoting an older message.  Archive exports stamp each printed mail with a
    date to the second (``Datum: vrijdag 11 november 2022 15:26:36``, ``Sent: Tue
    6/9/2020 9:05:12 AM``) in their own header style; mail clients quote to the
    minute, in their own style, often under a separator line.  So a block in the
    style of the mail that opened the document, stamped to the second, with no
    separator above, is the next mail.  Subjects are no guide: they are edited
    in mid-thread, and separate mails share a subject."""
    return (
        block.separator_start is None
        and block.style == top.style
        and bool(_TO_THE_SECOND.search(top.value("sent")))
        and bool(_TO_THE_SECOND.search(block.value("sent")))
    )


def _joined_letterheads(text: str, heads: list[Letterhead]) -> list[Letterhead]:
    """Letterheads with only address and contact lines between them are one: a
    letter prints "Datum" and "Van" in one block and "Ons kenmerk" and
    "Onderwerp" in the next.  They join when their fields do not disagree and at
    most one says what the document is."""
    joined: list[Letterhead] = []
    for head in heads:
        previous = joined[-1] if joined else None
        if (
            previous is None
            or len(re.sub(r"\s+", "", text[previous.span.end : head.span.start])) > _HEAD_GAP
            or (previous.kind is not None and head.kind is not None)
            or any(previous.fields.get(k, v) != v for k, v in head.fields.items())
        ):
            joined.append(head)
            continue
        joined[-1] = Letterhead(
            span=Span(start=previous.span.start, end=head.span.end),
            fields={**head.fields, **previous.fields},
            kind=previous.kind or head.kind,
            kind_span=previous.kind_span or head.kind_span,
            date=previous.date or head.date,
            warnings=previous.warnings + head.warnings,
            labels=previous.labels | head.labels,
        )
    return joined


def _document_openings(heads: list[Letterhead]) -> list[Letterhead]:
    """The letterheads that open a document.  A later one must say what it is (a kind
    line) or differ from the one before in at least two distinctive fields: the
    same date and reference again on the next page is page furniture."""
    kept: list[Letterhead] = []
    for head in heads:
        distinctive = {k: v for k, v in head.fields.items() if k in _DISTINCTIVE}
        previous = kept[-1].fields if kept else {}
        repeated = bool(distinctive) and all(previous.get(k) == v for k, v in distinctive.items())
        if not kept or (head.kind is not None and not repeated):
            # A kind line under the same date and reference again is a page's
            # header that names the document ("rapport"), not a new one.
            kept.append(head)
            continue
        if len(distinctive) >= 2 and any(previous.get(k) != v for k, v in distinctive.items()):
            kept.append(head)
    return kept


def _document(
    text: str, sha256: str, segment: _Segment, markers: MarkerAnalysis
) -> tuple[Document, list[str]]:
    span = Span(start=segment.start, end=segment.end)
    inside = [
        r for r in markers.redactions if span.start <= r.span.start and r.span.end <= span.end
    ]
    document = Document(
        id=document_id(sha256, span),
        kind="other",
        complete=segment.complete,
        span=span,
        language=guess_language(text[span.start : span.end]),
        redactions=_regrouped(inside),
    )
    if segment.blocks and (
        segment.head is None or segment.blocks[0].start < segment.head.span.start
    ):
        return document, _as_email(document, text, segment.blocks, inside, segment.end)
    warnings: list[str] = []
    if segment.head is not None:
        warnings = _as_letterhead_document(document, text, segment.head, segment.end)
    else:
        document.sections = find_sections(text, span.start, span.end)
        if not segment.complete and any(s.number for s in document.sections):
            document.kind = "memo"  # the tail of a memo: numbered sections, no letterhead
    body = text[span.start : span.end]
    if document.kind == "other" and is_inventory(body):
        inside_span = [
            f for f in markers.citations + markers.rejected if span.start <= f.span.start < span.end
        ]
        _as_inventory(document, inside_span)
        return document, warnings
    if is_decision_letter(document.title or "", body):
        document.kind = "letter"
        grounds = [g for r in inside for g in r.grounds] + [
            g for c in markers.citations if span.start <= c.span.start < span.end for g in c.grounds
        ]
        cited = [g for g in grounds if g.law is not None]
        document.fields.update(decision_fields(body, document.fields.get("document_date"), cited))
        _dated_by_decision(document)
    return document, warnings


def _as_inventory(document: Document, others: list[Finding]) -> None:
    """An inventory's ground codes are the grounds applied to the documents it
    lists: they become the grounds it cites (with the codes the marker step took
    for citations or turned down as bare numbers: in a grounds column they are
    neither), and only markers without a ground (a box drawn over a cell) stay
    redactions."""
    document.kind = "inventory"
    found = sorted(
        [(r.span.start, r.grounds) for r in document.redactions]
        + [(f.span.start, f.grounds) for f in others],
        key=lambda item: item[0],
    )
    cited = dict.fromkeys(g.code for _, grounds in found for g in grounds)
    if cited:
        document.fields["grounds_cited"] = ", ".join(cited)
    document.redactions = _regrouped([r for r in document.redactions if not r.grounds])


def _dated_by_decision(document: Document) -> None:
    """A decision letter is dated by its decision: where the letterhead gave no date
    (column layouts print it far from "Datum"), the decision date is the
    document's date."""
    decided = document.fields.get("decision_date")
    if decided is None or "document_date" in document.fields:
        return
    document.fields["document_date"] = decided
    if document.date is None:
        document.date = datetime.fromisoformat(decided).replace(tzinfo=AMSTERDAM)


def _regrouped(redactions: list[Redaction]) -> list[Redaction]:
    """Group numbers counted from 0 within the document, without gaps."""
    renumber: dict[int, int] = {}
    for redaction in redactions:
        renumber.setdefault(redaction.group, len(renumber))
    return [
        r if renumber[r.group] == r.group else r.model_copy(update={"group": renumber[r.group]})
        for r in redactions
    ]


def _as_email(
    document: Document, text: str, blocks: list[HeaderBlock], redactions: list[Redaction], end: int
) -> list[str]:
    thread = build_thread(text, blocks, end, redactions)
    top = thread.messages[0]
    document.kind = "email"
    document.title = top.subject or document.title
    document.date = top.sent
    document.messages = thread.messages
    document.sections = thread.sections
    document.attachments = list(dict.fromkeys(a for m in thread.messages for a in m.attachments))
    return thread.warnings


def _as_letterhead_document(document: Document, text: str, head: Letterhead, end: int) -> list[str]:
    document.kind = head.kind or _kind_without_kind_line(text, head, end)
    document.fields = head.fields
    document.title = head.fields.get("subject") or document.title
    document.date = head.date
    document.sections = [
        section
        for section in find_sections(text, head.span.end, end)
        if head.kind_span is None or not section.span.overlaps(head.kind_span)
    ]
    return head.warnings


# Non-space characters between two letterheads of one letter (its address and
# contact lines) at most.
_HEAD_GAP = 400
_DISTINCTIVE = ("document_date", "reference", "their_reference", "subject", "case_number")
# Fewer non-space characters than this before the first document are its preamble.
_MIN_FRAGMENT = 500
_FILE_SIZE = re.compile(r"\s*\((?:PDF|DOCX?|XLSX?|ODT|ZIP)\b[^()]*\)\s*$", re.IGNORECASE)
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(?P<title>[^\n#]*[^\s#])[ \t#]*$", re.MULTILINE)
_LETTER = re.compile(r"[^\W\d_]")
_TITLE_LETTERS = 6
_TITLE_REACH = 1_500  # characters from a document's start where its title heading stands
_NOT_A_TITLE = re.compile(r"^\d|[,:;]$|:\s")
_TRAILING_MARKER = re.compile(r"[\s█]*█[\s█]*$")
_TO_THE_SECOND = re.compile(r"\b\d{1,2}:\d{2}:\d{2}\b")
# A letter's own label: memos write "Kenmerk", letters "Ons kenmerk" beside "Uw kenmerk"
# (and over a subject: a report's page header writes it too).
_LETTER_LABELS = frozenset({"ons kenmerk"})
_LETTER_WORDS = re.compile(r"(?im)^[ \t*]*(?:geachte|beste|hoogachtend|met vriendelijke groet)\b")


def _kind_without_kind_line(text: str, head: Letterhead, end: int) -> DocumentKind:
    subject = head.fields.get("subject", "").lower()
    if re.search(r"\b(?:verslag|notulen|besluitenlijst)\b", subject):
        return "minutes"
    if re.search(r"\bagenda\b", subject):
        return "agenda"
    if (
        _LETTER_WORDS.search(text, head.span.end, end)
        or "their_reference" in head.fields
        or (_LETTER_LABELS & head.labels and "subject" in head.fields)
    ):
        return "letter"
    return "memo"
