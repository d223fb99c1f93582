"""What ``inzage detect`` reads: each file (and each file attached to a mail)
as the text the recognisers see, with what is needed to report positions in
the original — an offset map for text files, the page breaks and the
characters' boxes for PDFs.

Text and Markdown are decoded and normalised here with a map back, so that a
proposal's offsets point into the file as decoded (front matter included: an
author's name there is personal data too).  Other formats are read by their
reader; offsets are into the reader's text, with the page for PDFs."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from inzage.detect.policy import DossierPolicy
from inzage.detect.proposals import Dossier
from inzage.errors import InputError
from inzage.model import Box, Detection, Proposal, SourceFormat, Span
from inzage.read.files import read_attachments, read_data
from inzage.read.offsets import OffsetMap, normalise_mapped
from inzage.read.options import DEFAULT_READ, ReadOptions
from inzage.read.pages import page_at, page_starts
from inzage.read.text import RawText, decode, read_bytes
from inzage.recognisers.registry import RecogniserRegistry

# Texts of a dossier up to this many characters in all are kept between the two
# passes; past it, files are read again for the second pass (memory stays flat).
KEEP_CHARACTERS = 100_000_000


@dataclass
class DetectionText:
    """One readable text of an input."""

    path: str
    sha256: str
    format: SourceFormat
    text: str
    offsets: OffsetMap | None = None  # normalised → as decoded (text, Markdown)
    decoded: str | None = field(default=None, repr=False)  # text, Markdown: as decoded
    data: bytes | None = field(default=None, repr=False)  # a PDF's bytes, for boxes
    warnings: list[str] = field(default_factory=list)


def read_for_detection(
    path: Path, shown: str, options: ReadOptions = DEFAULT_READ
) -> list[DetectionText]:
    """The file at ``path`` and the files attached to it (a damaged attachment is
    a warning on the mail).  Raises :class:`InputError` when the file cannot be read."""
    return list(_texts(read_bytes(path, options.max_bytes), shown, options))


def _texts(data: bytes, name: str, options: ReadOptions) -> Iterator[DetectionText]:
    yield from _with_attached(data, name, read_data(data, name, options), options, 1)


def _with_attached(
    data: bytes, name: str, raw: RawText, options: ReadOptions, depth: int
) -> Iterator[DetectionText]:
    """The text of one file read, then of every file attached to it (``depth``:
    theirs); an attachment that cannot be read is a warning on the mail."""
    text, offsets, decoded = raw.text, None, None
    if raw.format in ("text", "markdown"):
        decoded, _ = decode(data, name)
        text, offsets = normalise_mapped(decoded)
    found = DetectionText(
        path=name,
        sha256=hashlib.sha256(data).hexdigest(),
        format=raw.format,
        text=text,
        offsets=offsets,
        decoded=decoded,
        data=data if raw.format == "pdf" else None,
        warnings=list(raw.warnings),
    )
    yield found
    for attached in read_attachments(name, raw, options, depth):
        if attached.warning is not None:
            found.warnings.append(attached.warning)
        if attached.raw is None:
            continue
        yield from _with_attached(
            attached.attachment.data, attached.path, attached.raw, options, depth + 1
        )


def placed(source: DetectionText, proposals: list[Proposal]) -> list[Proposal]:
    """The proposals with their offsets in the original, and for a PDF with the
    page and the boxes of their characters (from the text layer; a page read
    by OCR gets its page only)."""
    if source.offsets is not None and source.decoded is not None:
        # Offsets into the file as decoded, and the text as it stands there
        # (a non-breaking space, a letter and its accent as two characters).
        mapping, decoded = source.offsets, source.decoded
        moved = []
        for proposal in proposals:
            start, end = mapping.original(proposal.span.start), mapping.original(proposal.span.end)
            moved.append(
                proposal.model_copy(
                    update={"span": Span(start=start, end=end), "text": decoded[start:end]}
                )
            )
        proposals = moved
    if source.format == "pdf" and source.data is not None:
        proposals = _on_pages(source.text, source.data, proposals)
    return proposals


def _on_pages(text: str, data: bytes, proposals: list[Proposal]) -> list[Proposal]:
    import pypdfium2 as pdfium

    starts = page_starts(text)
    placed_proposals: list[Proposal] = []
    pdf = pdfium.PdfDocument(data)
    try:
        for proposal in proposals:
            page = page_at(starts, proposal.span.start)
            boxes = _boxes(pdf, page, text, starts[page - 1], proposal)
            placed_proposals.append(proposal.model_copy(update={"page": page, "boxes": boxes}))
    finally:
        pdf.close()
    return placed_proposals


def _boxes(
    pdf: object, page_number: int, text: str, page_start: int, proposal: Proposal
) -> list[Box]:
    """The boxes of the proposal's characters, one per line of text: the n-th
    occurrence of its text on the page for the n-th in the reading text."""
    import pypdfium2 as pdfium

    assert isinstance(pdf, pdfium.PdfDocument)
    needle = proposal.text.split("\n")[0].strip()
    if not needle or page_number > len(pdf):
        return []
    nth = text.count(needle, page_start, proposal.span.start)
    page = pdf[page_number - 1]
    textpage = page.get_textpage()
    try:
        searcher = textpage.search(needle, match_case=True)
        found = None
        for _ in range(nth + 1):
            found = searcher.get_next()
            if found is None:
                return []
        assert found is not None
        index, count = found
        height = page.get_height()
        lines: list[list[float]] = []
        for char in range(index, index + count):
            left, bottom, right, top = textpage.get_charbox(char)
            if right <= left or top - bottom < 0.5:  # a space: no ink, no box
                continue
            overlap = min(top, lines[-1][3]) - max(bottom, lines[-1][1]) if lines else 0.0
            if lines and overlap > 0.5 * min(top - bottom, lines[-1][3] - lines[-1][1]):
                line = lines[-1]
                line[0], line[1] = min(line[0], left), min(line[1], bottom)
                line[2], line[3] = max(line[2], right), max(line[3], top)
            else:
                lines.append([left, bottom, right, top])
        return [
            Box(
                page=page_number,
                x=round(left, 2),
                y=round(height - top, 2),
                width=round(right - left, 2),
                height=round(top - bottom, 2),
                unit="pt",
            )
            for left, bottom, right, top in lines
        ]
    finally:
        textpage.close()
        page.close()


def detect_paths(
    paths: Iterable[tuple[Path, str]],
    *,
    options: ReadOptions = DEFAULT_READ,
    policy: DossierPolicy | None = None,
    registry: RecogniserRegistry | None = None,
    failed: Callable[[str, InputError], None] | None = None,
) -> Iterator[Detection]:
    """Proposals for every file of a dossier (``(path, name shown)`` pairs), in
    two passes: names learnt from any file are looked for in all of them.  A
    file that cannot be read is handed to ``failed`` and left out."""
    dossier = Dossier(policy=policy or DossierPolicy(), registry=registry)
    read: list[tuple[Path, str, list[DetectionText] | None]] = []
    kept = 0
    for path, shown in paths:
        try:
            texts = read_for_detection(path, shown, options)
        except InputError as exc:
            if failed is not None:
                failed(shown, exc)
            continue
        for text in texts:
            text.warnings.extend(dossier.learn(text.text))
        size = sum(len(t.text) for t in texts)
        keep = kept + size <= KEEP_CHARACTERS
        kept += size if keep else 0
        read.append((path, shown, texts if keep else None))
    for path, shown, kept_texts in read:
        again = kept_texts
        if again is None:
            try:
                again = read_for_detection(path, shown, options)
            except InputError as exc:  # changed or gone since the first pass
                if failed is not None:
                    failed(shown, exc)
                continue
        for text in again:
            proposals, warnings = dossier.propose(text.text)
            yield Detection(
                path=text.path,
                sha256=text.sha256,
                format=text.format,
                proposals=placed(text, proposals),
                warnings=[*text.warnings, *warnings],
            )
