"""read → parse → detect, one short function per stage.

Running headers come out of the reading text first, and conversion artefacts
(bullets, hyphenated line ends) are repaired next, so that nothing after
(markers, structure, search snippets) ever sees them.

:func:`parse_path` is what ``inzage parse`` calls for each file;
:func:`parse_text` does the same for text already in memory.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from inzage.detect.engine import find_markers
from inzage.detect.entities import find_entities
from inzage.detect.persons import find_persons
from inzage.model import Source, SourceFormat
from inzage.parse.artefacts import repair_artefacts
from inzage.parse.documents import build_documents
from inzage.parse.running_headers import CleanText, remove_running_headers
from inzage.read.text import DEFAULT_MAX_BYTES, RawText, normalise, read_text_file


def parse_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read and parse one file.  Raises :class:`~inzage.errors.InputError` when it cannot."""
    raw = read_text_file(Path(path), max_bytes=max_bytes)
    return _parse(str(path), raw)


def parse_text(text: str, *, path: str = "<text>", fmt: SourceFormat = "text") -> Source:
    """Parse text already in memory (normalised like a file would be)."""
    normalised = normalise(text)
    raw = RawText(
        text=normalised,
        sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        format=fmt,
        encoding="utf-8",
    )
    return _parse(path, raw)


def reading_text(text: str) -> CleanText:
    """The text every later step reads: running headers out, artefacts repaired."""
    clean = remove_running_headers(text)
    clean.text = repair_artefacts(clean.text)
    return clean


def _parse(path: str, raw: RawText) -> Source:
    clean = reading_text(raw.text)
    text = clean.text
    markers = find_markers(text)
    documents, warnings = build_documents(text, raw.sha256, raw.metadata, markers)
    entities = find_entities(text)
    for index, document in enumerate(documents):
        document.running_headers = clean.running_headers
        inside = [
            e
            for e in entities
            if document.span.start <= e.span.start and e.span.end <= document.span.end
        ]
        persons, leaks = find_persons(text, document.span, document.redactions, inside)
        document.entities = sorted(inside + persons, key=lambda e: (e.span.start, e.kind))
        prefix = f"document {index}: " if len(documents) > 1 else ""
        warnings.extend(prefix + leak for leak in leaks)
    return Source(
        path=path,
        sha256=raw.sha256,
        format=raw.format,
        pages=clean.pages,
        encoding=raw.encoding,
        metadata=raw.metadata,
        text=text,
        documents=documents,
        warnings=raw.warnings + warnings,
    )
