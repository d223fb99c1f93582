"""read → parse → detect, one short function per stage.

Running headers come out of the reading text first, and conversion artefacts
(bullets, hyphenated line ends) are repaired next, so that nothing after
(markers, structure, search snippets) ever sees them.

:func:`parse_path` is what ``inzage parse`` calls for each file;
:func:`parse_text` does the same for text already in memory.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from inzage.detect.entities import find_entities
from inzage.detect.persons import find_persons
from inzage.errors import InputError
from inzage.model import Box, CheckReport, PageRange, Redaction, Source, SourceFormat, Span
from inzage.parse.artefacts import repair_artefacts
from inzage.parse.decision import dated_by_running_headers
from inzage.parse.documents import build_documents
from inzage.parse.letterhead import referenced_by_running_headers
from inzage.parse.markers.engine import find_markers
from inzage.parse.page_stream import PageCut, page_cuts
from inzage.parse.running_headers import CleanText, remove_running_headers
from inzage.paths import shown_path
from inzage.read.boxes import GENERIC_MARKER, PageBox
from inzage.read.files import read_attachments, read_data, read_file
from inzage.read.options import DEFAULT_READ, ReadOptions
from inzage.read.pdf_channels import PdfChannels
from inzage.read.text import RawText, normalise

if TYPE_CHECKING:
    from inzage.detect.proposals import Dossier

_FORM_FEED = re.compile("\f")


def parse_path(path: str | Path, options: ReadOptions = DEFAULT_READ) -> Source:
    """Read and parse one file.  Raises :class:`~inzage.errors.InputError` when it cannot.
    ``options`` say when a page is read by OCR and how much of a file is read."""
    raw = read_file(Path(path), options)
    shown = shown_path(path)
    if shown != str(path):
        raw.warnings.insert(0, "the file name is not valid UTF-8: its bad bytes are shown as \\xNN")
    return parse_raw(shown, raw, options)


def parse_text(text: str, *, path: str = "<text>", fmt: SourceFormat = "text") -> Source:
    """Parse text already in memory (normalised like a file would be)."""
    normalised = normalise(text)
    raw = RawText(
        text=normalised,
        sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        format=fmt,
        encoding="utf-8",
    )
    return parse_raw(path, raw)


def reading_text(text: str) -> CleanText:
    """The text every later step reads: running headers out, artefacts repaired."""
    clean = remove_running_headers(text)
    clean.text = repair_artefacts(clean.text)
    return clean


def parse_raw(
    path: str, raw: RawText, options: ReadOptions = DEFAULT_READ, depth: int = 0
) -> Source:
    """Parse what a reader gave (see :mod:`inzage.read`), and the files attached
    to it, each as a source of its own (``depth``: how deep this one is attached)."""
    clean = reading_text(raw.text)
    text = clean.text
    markers = find_markers(text)
    # Page breaks are form feeds (the PDF reader puts one between pages); header
    # removal may move the lines around them, but never drops one.
    breaks = [m.start() for m in _FORM_FEED.finditer(text)] if raw.pages else []
    cuts = _cut_offsets(raw, breaks) if raw.pages else []
    documents, warnings = build_documents(
        text, raw.sha256, raw.metadata, markers, cuts, paged=bool(raw.pages)
    )
    scan = find_entities(text)
    entities = scan.entities
    warnings.extend(
        _cut_warning(what, cut, len(text))
        for what, cut in (("redaction markers", markers.cut), ("entities", scan.cut))
        if cut is not None
    )
    entity_starts = [e.span.start for e in entities]  # in order: found sorted by start
    for index, document in enumerate(documents):
        document.running_headers = clean.running_headers
        dated_by_running_headers(document, text)
        referenced_by_running_headers(document)
        if raw.pages:
            document.pages = _page_range(text, breaks, document.span)
        first = bisect_left(entity_starts, document.span.start)
        last = bisect_left(entity_starts, document.span.end)
        inside = [e for e in entities[first:last] if e.span.end <= document.span.end]
        persons, leaks = find_persons(text, document.span, document.redactions, inside)
        document.entities = sorted(inside + persons, key=lambda e: (e.span.start, e.kind))
        prefix = f"document {index}: " if len(documents) > 1 else ""
        warnings.extend(prefix + leak for leak in leaks)
    if raw.boxes:
        _attach_boxes(raw.boxes, [r for d in documents for r in d.redactions], breaks)
    attachments: list[Source] = []
    for attached in read_attachments(path, raw, options, depth + 1):
        if attached.raw is not None:
            attachments.append(parse_raw(attached.path, attached.raw, options, depth + 1))
        if attached.warning is not None:
            warnings.append(attached.warning)
    return Source(
        path=path,
        sha256=raw.sha256,
        format=raw.format,
        pages=raw.pages or clean.pages,
        ocr_pages=raw.ocr_pages,
        encoding=raw.encoding,
        metadata=raw.metadata,
        text=text,
        documents=documents,
        warnings=raw.warnings + warnings,
        attachments=attachments,
    )


def _cut_warning(what: str, cut: int, length: int) -> str:
    return (
        f"too many {what} to list: they were looked for in the first {cut:,} characters "
        f"({cut / length:.0%} of the text) only"
    )


def _cut_offsets(raw: RawText, breaks: list[int]) -> list[tuple[int, PageCut]]:
    """The pages that open a document (read from the pages as the reader gave
    them: page numbers and stamps are running headers the reading text drops),
    each at the offset of its page in the reading text."""
    pages = raw.text.split("\f")
    if len(pages) != len(breaks) + 1:
        return []  # a text that is not the reader's page stream
    cuts = page_cuts(pages, raw.outline, raw.page_sizes)
    return [(0 if cut.page == 1 else breaks[cut.page - 2] + 1, cut) for cut in cuts]


def _page_range(text: str, breaks: list[int], span: Span) -> PageRange:
    """Pages (from 1) of a span's first and last printed character: white space and
    page breaks at its edges belong to no page."""
    body = span.slice(text)
    first = span.start + len(body) - len(body.lstrip())
    last = max(first, span.start + len(body.rstrip()) - 1)
    return PageRange(first=bisect_right(breaks, first) + 1, last=bisect_right(breaks, last) + 1)


def _attach_boxes(boxes: list[PageBox], redactions: list[Redaction], breaks: list[int]) -> None:
    """Give each redaction the box drawn for it: per page, boxes and redactions in
    reading order, a box with a code to the next redaction that cites it, a box
    without one to the next generic marker the reader put in its place.  Boxes
    side by side make one generic marker ("█ █ █"): it gets the area they cover."""
    by_page: dict[int, list[Redaction]] = {}
    for redaction in sorted(redactions, key=lambda r: r.span.start):
        by_page.setdefault(bisect_right(breaks, redaction.span.start) + 1, []).append(redaction)
    cursor: dict[int, int] = {}
    open_slots: dict[int, int] = {}  # id of a generic redaction → boxes it still takes
    for box in boxes:
        candidates = by_page.get(box.page, [])
        for position in range(cursor.get(box.page, 0), len(candidates)):
            redaction = candidates[position]
            if box.code is not None:
                if box.code in redaction.marker and redaction.box is None:
                    redaction.box = _box(box)
                    cursor[box.page] = position + 1
                    break
                continue
            if GENERIC_MARKER not in redaction.marker:
                continue
            if redaction.box is None:
                redaction.box = _box(box)
                open_slots[id(redaction)] = redaction.marker.count(GENERIC_MARKER) - 1
            elif open_slots.get(id(redaction), 0) > 0:
                redaction.box = _union(redaction.box, box)
                open_slots[id(redaction)] -= 1
            else:
                continue
            cursor[box.page] = position + (1 if open_slots[id(redaction)] == 0 else 0)
            break


def _box(box: PageBox) -> Box:
    return Box(page=box.page, x=box.x, y=box.y, width=box.width, height=box.height, unit=box.unit)


def _union(area: Box, box: PageBox) -> Box:
    left, top = min(area.x, box.x), min(area.y, box.y)
    right = max(area.x + area.width, box.x + box.width)
    bottom = max(area.y + area.height, box.y + box.height)
    return area.model_copy(
        update={"x": left, "y": top, "width": right - left, "height": bottom - top}
    )


def check_paths(
    paths: Iterable[tuple[Path, str]],
    options: ReadOptions = DEFAULT_READ,
    *,
    render: bool = True,
) -> Iterator[CheckReport]:
    """The leak check of released files (``(path, name shown)`` pairs), as one
    dossier: a name seen in any of them is looked for in all, and copies of a
    message are compared across files.  Fails closed: a file, an attachment or
    a page that could not be read or searched in full is reported with
    ``checked`` False, never as clean."""
    from inzage.detect.leaks import copy_leaks, visible_leaks
    from inzage.detect.proposals import Dossier
    from inzage.read.text import read_bytes

    dossier = Dossier()
    # per file: its source, the hidden channels of each of its parts (read in
    # this pass, so that no file's bytes are held for the next), why it failed
    read: list[tuple[str, Source | None, dict[str, PdfChannels | None], str | None]] = []
    for path, shown in paths:
        try:
            data = read_bytes(path, options.max_bytes)
            raw = read_data(data, shown, options)
            source = parse_raw(shown, raw, options)
            parts = {shown: data, **_attached_bytes(shown, raw, options, 1)}
        except InputError as exc:
            read.append((shown, None, {}, exc.reason))
            continue
        channels = {}
        for part in _with_attachments(source):
            dossier.learn(part.text)
            channels[part.path] = _hidden_channels(part.format, parts.get(part.path), render)
        read.append((shown, source, channels, None))
    copies = copy_leaks(
        part for _, parsed, _, _ in read if parsed for part in _with_attachments(parsed)
    )
    for shown, parsed, channels, failure in read:
        if parsed is None:
            yield CheckReport(path=shown, checked=False, warnings=[failure or "not read"])
            continue
        for part in _with_attachments(parsed):
            proposals, warnings = dossier.propose(part.text)
            report = CheckReport(
                path=part.path,
                sha256=part.sha256,
                leaks=visible_leaks(part, proposals) + copies.get(part.path, []),
                warnings=[*part.warnings, *warnings],
            )
            _judge_channels(report, part, channels.get(part.path), dossier)
            if any(_INCOMPLETE.search(w) for w in report.warnings):
                report.checked = False
            yield report


# Warnings that say part of a file was not read or not searched: its check is
# incomplete (a page OCR gave up on, an attachment not read, a search cut short).
_INCOMPLETE = re.compile(
    r"not read|cannot be read|OCR unavailable|OCR took too long|damaged|no text on any page"
    r"|read without OCR|looked for only in|not checked"
)


def _hidden_channels(fmt: str, data: bytes | None, render: bool) -> PdfChannels | None:
    """What a file hides besides its text: a PDF's objects, a Word file's
    properties, comments and tracked changes (``None`` for other formats).  A
    file whose internals cannot be read gets a warning that it was not checked."""
    from inzage.read.office_channels import docx_channels
    from inzage.read.pdf_channels import pdf_channels

    if fmt not in ("pdf", "docx"):
        return None
    if data is None:
        return PdfChannels(warnings=[f"the {fmt}'s hidden channels are not checked"])
    try:
        if fmt == "docx":
            return PdfChannels(hidden=docx_channels(data))
        channels = pdf_channels(data, render=render)
    except MemoryError:
        return PdfChannels(warnings=["not checked: a page too large to render"])
    except Exception as exc:  # damaged internals: not checked, not clean
        return PdfChannels(
            warnings=[f"not checked: its objects cannot be read ({type(exc).__name__})"]
        )
    if channels.revisions > 1:  # noted even when no revision leaks
        channels.warnings.append(f"saved incrementally: {channels.revisions} revisions in the file")
    return channels


def _judge_channels(
    report: CheckReport, part: Source, channels: PdfChannels | None, dossier: Dossier
) -> None:
    """Add the leaks among a file's hidden channels and a text file's front matter."""
    from inzage.detect.leaks import channel_leaks, metadata_leaks

    if part.metadata and part.format in ("markdown", "text"):
        report.leaks.extend(metadata_leaks(part.metadata, dossier))
    if channels is not None:
        report.leaks.extend(channel_leaks(channels, dossier))
        report.warnings.extend(channels.warnings)


def _attached_bytes(path: str, raw: RawText, options: ReadOptions, depth: int) -> dict[str, bytes]:
    """The bytes of every file attached to a mail, by the path its source gets."""
    found: dict[str, bytes] = {}
    for attached in read_attachments(path, raw, options, depth, mails_only=True):
        if attached.problem is not None:
            continue  # not read: the mail's own warning says so, and no source stands for it
        found[attached.path] = attached.attachment.data
        if attached.raw is not None:
            found.update(_attached_bytes(attached.path, attached.raw, options, depth + 1))
    return found


def _with_attachments(source: Source) -> Iterator[Source]:
    yield source
    for attached in source.attachments:
        yield from _with_attachments(attached)
