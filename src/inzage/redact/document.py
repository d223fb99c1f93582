"""One input in, its redacted copy out (bytes to bytes), verified before it is
handed back: a copy that fails verification is never returned."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from inzage.errors import ConfigurationError
from inzage.model import RedactReport
from inzage.read.files import read_data
from inzage.read.text import decode
from inzage.redact.markdown import MARKDOWN_SUFFIXES
from inzage.redact.matching import Needle
from inzage.redact.pdf import RedactionError, redact_pdf
from inzage.redact.pdf_boxes import Colour
from inzage.redact.pdf_ocr_layer import with_ocr_layer
from inzage.redact.render import render_pdf
from inzage.redact.targets import Decision
from inzage.redact.text import (
    DEFAULT_MARKER,
    check_decisions,
    from_reading_text,
    needles_of,
    redact_text,
    stretches,
)
from inzage.redact.verify import verify_pdf, verify_text

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
RENDERED_SUFFIXES = (".eml", ".msg", ".docx", ".html", ".htm")


@dataclass(frozen=True)
class RedactOptions:
    colour: Colour = "black"
    marker: str = DEFAULT_MARKER
    ocr: bool = True  # place terms on scanned pages by OCR
    ocr_check: bool = False  # OCR around every box when verifying, not only burnt ones
    ocr_layer: bool = False  # give scanned pages a new text layer, read from the redacted page


@dataclass
class Redacted:
    report: RedactReport
    data: bytes | None = field(default=None, repr=False)  # None: nothing fit to publish
    suffix: str = ""  # of the copy: ".pdf" for what was rendered, else the input's own


def redact_document(
    data: bytes,
    name: str,
    decisions: Sequence[Decision],
    terms: Sequence[Needle],
    options: RedactOptions = RedactOptions(),
    withheld: Mapping[int, str] | None = None,
) -> Redacted:
    """The redacted copy of one file and its report; ``withheld`` maps pages
    withheld whole to their ground.  Raises :class:`RedactionError` for a file
    that cannot be redacted, and :class:`ConfigurationError` for decisions
    that do not fit it."""
    suffix = PurePath(name).suffix.lower()
    needles = needles_of(decisions, terms)
    pages = dict(withheld or {})
    if data.startswith(b"%PDF") or suffix == ".pdf":
        done = _pdf(data, name, decisions, needles, options, pages)
    elif suffix in TEXT_SUFFIXES or not suffix:
        if pages:
            raise RedactionError("a text file has no pages to withhold; withhold it whole")
        done = _text(data, name, decisions, needles, options)
    elif suffix in RENDERED_SUFFIXES:
        done = _rendered(data, name, decisions, needles, options, pages)
    else:
        raise RedactionError(f"cannot redact {suffix} files")
    done.suffix = done.suffix or suffix
    return done


def _rendered(
    data: bytes,
    name: str,
    decisions: Sequence[Decision],
    needles: list[Needle],
    options: RedactOptions,
    withheld: dict[int, str],
) -> Redacted:
    """A mail, Word file or HTML page: rendered to PDF, redacted there.  Its
    decisions hold offsets into the text it was read as; their strings are
    found again in the rendering (every occurrence is redacted anyway)."""
    raw = read_data(data, name)
    check_decisions(raw.text, decisions)
    done = _pdf(render_pdf(raw), name, [], needles, options, withheld)
    done.report.format = raw.format
    done.suffix = ".pdf"
    done.report.warnings.extend(
        f"attachment {redact_text(a.name, stretches(a.name, [], needles), options.marker)} "
        "is not in the copy: redact it as a file of its own"
        for a in raw.attachments
    )
    return done


def as_pdf(data: bytes, name: str) -> bytes:
    """A PDF as it is; a mail, Word file or HTML page as ``inzage redact``
    renders it (the same pages for the same file), so that a rendered copy
    can be verified against its original."""
    suffix = PurePath(name).suffix.lower()
    if data.startswith(b"%PDF") or suffix not in RENDERED_SUFFIXES:
        return data
    return render_pdf(read_data(data, name))


def _pdf(
    data: bytes,
    name: str,
    decisions: Sequence[Decision],
    needles: list[Needle],
    options: RedactOptions,
    withheld: dict[int, str],
) -> Redacted:
    result = redact_pdf(
        data, decisions, needles, colour=options.colour, ocr=options.ocr, withheld=withheld
    )
    layered = [p for p in result.ocr_pages if p not in result.withheld] if options.ocr_layer else []
    result.data = with_ocr_layer(result.data, layered)
    burnt_pages = sorted({b.page for b in result.boxes if b.page in result.ocr_pages})
    report = verify_pdf(
        result.data,
        path=name,
        original=data,
        original_path=name,
        needles=needles,
        colour=options.colour,
        ocr_pages=burnt_pages,
        ocr_all=options.ocr_check,
        original_chars=result.chars,
    )
    redacted = RedactReport(
        path=name,
        output=None,
        format="pdf",
        redactions=len(result.boxes),
        glyphs=result.glyphs,
        images=result.images,
        annotations=result.annotations,
        strings=result.strings,
        withheld=result.withheld,
        ocr_layer=layered,
        verify=report,
    )
    return Redacted(redacted, result.data if report.clean else None)


def _text(
    data: bytes,
    name: str,
    decisions: Sequence[Decision],
    needles: list[Needle],
    options: RedactOptions,
) -> Redacted:
    text, encoding = decode(data, name)
    decisions = from_reading_text(data, name, decisions)
    markdown = PurePath(name).suffix.lower() in MARKDOWN_SUFFIXES
    found = stretches(text, decisions, needles, markdown=markdown)
    out = redact_text(text, found, options.marker)
    report = verify_text(
        out,
        path=name,
        needles=needles,
        original=text,
        original_path=name,
        marker=options.marker,
        markdown=markdown,
    )
    try:
        encoded = out.encode(encoding)
    except UnicodeEncodeError:
        raise ConfigurationError(
            f"{name}: the marker cannot be written in the file's encoding {encoding}"
        ) from None
    redacted = RedactReport(
        path=name, output=None, format="text", redactions=len(found), verify=report
    )
    return Redacted(redacted, encoded if report.clean else None)
