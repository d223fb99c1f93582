"""E-mail header blocks in released text (``formats.md`` §2).

Two recognisers, registered in :data:`RECOGNISERS`:

- :class:`LabelledHeaderRecogniser` reads blocks of labelled lines in English
  (From/Sent/To/Cc/Bcc/Date/Received/Subject/Attachments) and Dutch
  (Van/Verzonden/Aan/CC/BCC/Onderwerp/Bijlagen, Afzender/Datum/Kopie/Bijlage(n)),
  plain, markdown bold with the colon inside or outside, ``> ``-quoted, with
  markdown heading marks, with labels and values on separate lines or
  paragraphs, and with recipient lists that wrap onto the next line;
- :class:`ReplyLineRecogniser` reads the one-line introductions ``Op <datum>
  schreef <naam>:`` and ``On <date>, <name> wrote:``.

They only find blocks and their raw values; dates and parties are read in
:mod:`inzage.parse.dates` and :mod:`inzage.parse.parties`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from inzage.model import Span

# label (lower case) → field name, and the language it belongs to
LABELS: dict[str, tuple[str, str]] = {
    "from": ("from", "en"),
    "to": ("to", "en"),
    "cc": ("cc", "any"),
    "bcc": ("bcc", "any"),
    "sent": ("sent", "en"),
    "date": ("sent", "en"),
    "received": ("received", "en"),
    "subject": ("subject", "en"),
    "attachments": ("attachments", "en"),
    "van": ("from", "nl"),
    "afzender": ("from", "nl"),
    "aan": ("to", "nl"),
    "kopie": ("cc", "nl"),
    "kopie aan": ("cc", "nl"),
    "verzonden": ("sent", "nl"),
    "datum": ("sent", "nl"),
    "onderwerp": ("subject", "nl"),
    "bijlagen": ("attachments", "nl"),
    "bijlage": ("attachments", "nl"),
    "bijlage(n)": ("attachments", "nl"),
}
# Labels that only an e-mail header has (a memo has Van/Aan/Datum/Betreft too).
_MAIL_ONLY = frozenset({"sent", "verzonden", "received", "subject", "onderwerp", "date"})
_LABEL_ALTERNATIVES = "|".join(
    re.escape(label).replace(r"\ ", r"\s+") for label in sorted(LABELS, key=len, reverse=True)
)
_HEADER_LINE = re.compile(
    rf"""^(?P<lead>(?:[ \t]*>)*[ \t]*(?:\#{{1,6}}[ \t]+)?)
    (?:\*\*|__)?[ \t]*(?P<label>{_LABEL_ALTERNATIVES})[ \t]*(?:\*\*|__)?[ \t]*:
    [ \t]*(?:\*\*|__)?[ \t]*(?P<value>.*?)[ \t]*$""",
    re.IGNORECASE | re.VERBOSE,
)
_SEPARATOR = re.compile(
    r"^[ \t>]*(?:-{2,}\s*(?:Original Message|Oorspronkelijk bericht|Forwarded message|"
    r"Doorgestuurd bericht)\s*-{2,}|_{10,}|-{3,})[ \t]*$",
    re.IGNORECASE,
)
_CONTINUATION = re.compile(r"^(?:[ \t]+\S|[^:]*[@;<]|.*;\s*$)")
# How many blank lines may stand between the lines of one header block.
_MAX_BLANKS = 2


@dataclass(frozen=True)
class HeaderField:
    name: str
    label: str
    value: str
    span: Span | None


@dataclass
class HeaderBlock:
    """One header block: where it is, its style and its raw values."""

    span: Span
    style: str
    fields: dict[str, HeaderField] = field(default_factory=dict)
    separator_start: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def start(self) -> int:
        """Where the message begins: the separator line above the block, if any."""
        return self.separator_start if self.separator_start is not None else self.span.start

    def value(self, name: str) -> str:
        found = self.fields.get(name)
        return found.value if found else ""


class HeaderRecogniser(Protocol):
    name: ClassVar[str]

    def find(self, text: str) -> Iterable[HeaderBlock]: ...


@dataclass
class _Line:
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip(" \t>")


def _lines(text: str) -> list[_Line]:
    lines = []
    start = 0
    for raw in text.split("\n"):
        lines.append(_Line(start, start + len(raw), raw))
        start += len(raw) + 1
    return lines


class LabelledHeaderRecogniser:
    """Blocks of ``Label: value`` lines in English and Dutch."""

    name: ClassVar[str] = "email-headers.labelled"

    def find(self, text: str) -> Iterator[HeaderBlock]:
        lines = _lines(text)
        index = 0
        while index < len(lines):
            if _HEADER_LINE.match(lines[index].text) is None:
                index += 1
                continue
            block, next_index = self._read_block(lines, index)
            if block is not None:
                block.separator_start = _separator_above(lines, index)
                yield block
                index = next_index
            else:
                index += 1

    def _read_block(self, lines: list[_Line], first: int) -> tuple[HeaderBlock | None, int]:
        fields: dict[str, HeaderField] = {}
        labels: list[str] = []
        pending: str | None = None  # a field whose label stood alone: its value may follow
        blanks = 0
        end = lines[first].end
        index = first
        while index < len(lines):
            line = lines[index]
            if line.blank:
                blanks += 1
                if blanks > _MAX_BLANKS:
                    break
                index += 1
                continue
            match = _HEADER_LINE.match(line.text)
            if match is not None:
                label = re.sub(r"\s+", " ", match["label"].lower())
                name = LABELS[label][0]
                if name in fields:
                    break  # the same field again: the next message's block begins
                value = match["value"]
                span = Span(
                    start=line.start + match.start("value"), end=line.start + match.end("value")
                )
                fields[name] = HeaderField(name, match["label"], value, span if value else None)
                labels.append(label)
                pending = None if value else name
            elif pending is not None:
                stripped = line.text.strip(" \t>#*")
                offset = line.text.find(stripped)
                span = Span(start=line.start + offset, end=line.start + offset + len(stripped))
                old = fields[pending]
                fields[pending] = HeaderField(pending, old.label, stripped, span)
                pending = None
            elif blanks == 0 and labels and _continues(fields, labels[-1], line.text):
                name = LABELS[labels[-1]][0]
                old = fields[name]
                extra = line.text.strip(" \t>")
                assert old.span is not None  # a continued field has a value
                fields[name] = HeaderField(
                    name,
                    old.label,
                    f"{old.value} {extra}",
                    Span(start=old.span.start, end=line.end),
                )
            else:
                break
            end = line.end
            blanks = 0
            index += 1
        if not _is_mail(labels, fields):
            return None, first + 1
        return HeaderBlock(
            span=Span(start=lines[first].start, end=end), style=_style(labels), fields=fields
        ), index


def _continues(fields: dict[str, HeaderField], label: str, line: str) -> bool:
    name = LABELS[label][0]
    return (
        name in ("to", "cc", "bcc", "attachments")
        and bool(fields[name].value)
        and _CONTINUATION.match(line) is not None
    )


def _is_mail(labels: list[str], fields: dict[str, HeaderField]) -> bool:
    names = set(fields)
    return (
        len(names) >= 2
        and bool(names & {"from", "to"})
        and any(label in _MAIL_ONLY for label in labels)
    )


def _style(labels: list[str]) -> str:
    english = sum(LABELS[label][1] == "en" for label in labels)
    dutch = sum(LABELS[label][1] == "nl" for label in labels)
    if english > dutch:
        return "en-export"
    if "verzonden" in labels:
        return "nl-outlook"
    return "nl-other"


def _separator_above(lines: list[_Line], index: int) -> int | None:
    """The start of a separator line (``-----Original Message-----``) just above a block."""
    for line in reversed(lines[max(0, index - 3) : index]):
        if line.blank:
            continue
        return line.start if _SEPARATOR.match(line.text) else None
    return None


class ReplyLineRecogniser:
    """``Op 9 juni 2020 om 10:20 schreef Jan <jan@x.nl>:`` and ``On ..., ... wrote:``."""

    name: ClassVar[str] = "email-headers.reply-line"
    _PATTERN = re.compile(
        r"^[ \t>]*(?:Op\s+(?P<nl_date>.+?)\s+schreef\s+(?P<nl_name>.+?)|"
        r"On\s+(?P<en_date>.+?),?\s+(?P<en_name>[^,]+?)\s+wrote)\s*:[ \t]*$",
        re.MULTILINE,
    )

    def find(self, text: str) -> Iterator[HeaderBlock]:
        for match in self._PATTERN.finditer(text):
            dutch = match["nl_date"] is not None
            date_group, name_group = ("nl_date", "nl_name") if dutch else ("en_date", "en_name")
            fields = {
                "sent": HeaderField(
                    "sent", date_group, match[date_group], _group_span(match, date_group)
                ),
                "from": HeaderField(
                    "from", name_group, match[name_group], _group_span(match, name_group)
                ),
            }
            yield HeaderBlock(
                span=Span(start=match.start(), end=match.end()),
                style="nl-reply-line" if dutch else "en-reply-line",
                fields=fields,
            )


def _group_span(match: re.Match[str], group: str) -> Span:
    return Span(start=match.start(group), end=match.end(group))


RECOGNISERS: tuple[HeaderRecogniser, ...] = (LabelledHeaderRecogniser(), ReplyLineRecogniser())


def find_header_blocks(text: str) -> list[HeaderBlock]:
    """Every header block in ``text``, in order; overlapping finds keep the first."""
    blocks = sorted(
        (block for recogniser in RECOGNISERS for block in recogniser.find(text)),
        key=lambda b: b.span.start,
    )
    kept: list[HeaderBlock] = []
    for block in blocks:
        if not kept or block.start >= kept[-1].span.end:
            kept.append(block)
    return kept
