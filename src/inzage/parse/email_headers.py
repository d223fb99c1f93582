"""E-mail header blocks in released text (``formats.md`` §2).

Two recognisers of the kind ``email-header`` (see :mod:`inzage.recognisers.registry`):

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
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import cast

from inzage.model import Span
from inzage.parse.dates import MONTHS, is_date, parse_date
from inzage.parse.layout import LABEL_ALTERNATIVES, MAIL_ONLY_LABELS, plain_layout
from inzage.parse.lines import Line, Lines
from inzage.parse.markers.engine import find_markers
from inzage.recognisers.base import Prefiltered, Recogniser, lowered
from inzage.recognisers.registry import RecogniserRegistry, registry_or_shared
from inzage.recognisers.vocabulary import trie_alternation, vocabulary

# label (lower case) → field name, and the language it belongs to
LABELS: dict[str, tuple[str, str]] = {
    entry.label.lower(): (entry.field, entry.language) for entry in vocabulary().mail_header_labels
}
# Possessive quantifiers (*+) and a value that ends at its last printed
# character: a line of ten thousand spaces made the backtracking version take
# seconds per line.
_HEADER_LINE = re.compile(
    rf"""^(?P<lead>(?:[ \t]*+>)*+[ \t]*+(?:\#{{1,6}}[ \t]++)?)
    (?:\*\*|__)?[ \t]*+(?P<label>{LABEL_ALTERNATIVES})[ \t]*+(?:\*\*|__)?[ \t]*+:
    [ \t]*+(?:\*\*|__)?[ \t]*+(?P<value>(?:[^\n]*[^ \t\n])?)[ \t]*$""",
    re.IGNORECASE | re.VERBOSE,
)
_SEPARATOR = re.compile(
    r"^[ \t>]*(?:-{2,}\s*(?:Original Message|Oorspronkelijk bericht|Forwarded message|"
    r"Doorgestuurd bericht)\s*-{2,}|_{10,}|-{3,})[ \t]*$",
    re.IGNORECASE,
)
# Every header line of a text, tried only at line starts that go on with a
# label and its colon (in the lower-cased text): "^" under IGNORECASE is tried
# everywhere, and a line that starts with "van" or "aan" is common.
_ANY_HEADER_LINE = Prefiltered(
    re.compile(_HEADER_LINE.pattern, _HEADER_LINE.flags | re.MULTILINE),
    (re.compile(rf"\n(?P<at>)[ \t>#*_]*(?:{trie_alternation(sorted(LABELS))})[ \t*_]*:"),),
)
_SUBJECT_LIKE = re.compile(r"(?i)(?:re|fw|fwd|antw|doorst|tr|wg)\s*:\s*\S")
_CONTINUATION = re.compile(r"^(?:[ \t]+\S|[^:]*[@;<]|.*;\s*$)")
# How many blank lines may stand between the lines of one header block, and how
# many stray lines between two of its labels.
_MAX_BLANKS = 2
_LOOKAHEAD = 5


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


_EMPTY = HeaderField("", "", "", None)
_BY_CONTENT = "the {} was read from its content, not its label"


class LabelledHeaderRecogniser(Recogniser[HeaderBlock]):
    """Blocks of ``Label: value`` lines in English and Dutch."""

    name = "email-headers.labelled"
    kind = "email-header"
    languages = ("nl", "en")

    def find(self, text: str) -> Iterator[HeaderBlock]:
        text = plain_layout(text)
        matches = _ANY_HEADER_LINE.finditer(text, lowered(text))
        first = next(matches, None)
        if first is None:
            return
        lines = Lines(text)
        starts = lines.starts
        done = 0
        for match in chain((first,), matches):
            index = bisect_right(starts, match.start()) - 1
            if index < done:
                continue
            block, next_index = self._read_block(lines, index)
            if block is not None:
                block.separator_start = _separator_above(lines, index)
                yield block
                done = next_index

    def _read_block(self, lines: Sequence[Line], first: int) -> tuple[HeaderBlock | None, int]:
        reader = _BlockReader()
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
                if not reader.label(match, line):
                    break  # the same label again: the next message's block begins
            elif not reader.value_line(line, continued=blanks == 0):
                ahead = _next_new_header(lines, index, reader.labelled)
                if ahead is None:
                    break
                # OCR and PDF exports put values, wrapped recipients and marker lines
                # between the labels: they belong to this block.
                for between in lines[index:ahead]:
                    if not between.blank:
                        reader.stray(between)
                        end = between.end
                index = ahead
                blanks = 0
                continue
            end = line.end
            blanks = 0
            index += 1
        if not _is_mail(reader.labels, reader.fields):
            return None, first + 1
        reader.settle(lines[first].start, lines[first:index])
        block = HeaderBlock(
            span=Span(start=lines[first].start, end=end),
            style=_style(reader.labels),
            fields=reader.fields,
            warnings=reader.warnings,
        )
        return block, index


class _BlockReader:
    """The fields of one block as its lines come in.  Values are typed by their
    content where the layout is scrambled: a date goes to the date field, ``RE: ...``
    to the subject, a name or address to the first party field still empty."""

    def __init__(self) -> None:
        self.fields: dict[str, HeaderField] = {}
        self.labels: list[str] = []
        self.labelled: set[str] = set()
        self.pending: str | None = None  # a label stood alone: its value may follow
        # Labels printed one under the other without values, their values in a
        # column after them (how OCR reads an Outlook print, column by column).
        self.column: list[str] = []
        # The party field the line just read went to (a value printed above its
        # label may be the subject's: see _subject_above).
        self.stray_party: str | None = None
        self.unplaced: Line | None = None  # a line between labels no field took
        self.column_values: list[Line] = []
        self.warnings: list[str] = []

    def label(self, match: re.Match[str], line: Line) -> bool:
        label = re.sub(r"\s+", " ", match["label"].lower())
        name = LABELS[label][0]
        if name in self.labelled and not self._refilled(name):
            return False
        above, unplaced = self.stray_party, self.unplaced
        self.stray_party, self.unplaced = None, None
        if name == "subject" and not match["value"]:
            if above is not None:
                self._subject_above(above)
            elif unplaced is not None and _could_be_subject(unplaced.text):
                self._set("subject", unplaced, "")
                self._scrambled(_BY_CONTENT.format("subject"))
        self.labelled.add(name)
        self.labels.append(label)
        value = match["value"]
        if value:
            span = Span(
                start=line.start + match.start("value"), end=line.start + match.end("value")
            )
            self.fields[name] = HeaderField(name, match["label"], value, span)
            self.pending = None
            self.column = []
        elif name in self.fields:
            # The value came first (two-column layouts); the label only confirms it.
            self.pending = None
        else:
            self.fields[name] = HeaderField(name, match["label"], "", None)
            self.pending = name
            # A column opens the block: no label before it has a value.
            if not any(field.value for field in self.fields.values()):
                self.column.append(name)
        return True

    def _subject_above(self, name: str) -> None:
        """Two-column layouts print a value above its label: the line right above
        an empty subject label that went to a party field and names nobody is
        the subject."""
        found = self.fields[name]
        if not _could_be_subject(found.value):
            return
        self.fields["subject"] = HeaderField("subject", "", found.value, found.span)
        self.fields[name] = HeaderField(name, found.label, "", None)
        self._scrambled(_BY_CONTENT.format("subject"))

    def _refilled(self, name: str) -> bool:
        """Whether a label seen before may come again in this block: when it had no
        value and the block has no subject yet (a converter printed the label of
        an export's header alone above the block).  A block that has its subject
        is complete, and the same label again opens the next message."""
        return not self._value(name) and "subject" not in self.fields

    def value_line(self, line: Line, continued: bool) -> bool:
        """Take a line as the value of a label that stood alone, or as the wrapped
        tail of a recipient list; False when it is neither."""
        if len(self.column) >= _COLUMN:
            if len(self.column_values) >= len(self.column):
                return False
            self.column_values.append(line)
            return True
        self.stray_party, self.unplaced = None, None
        if self.pending is not None and _fits(self.pending, line.text):
            self._set(self.pending, line, self.fields[self.pending].label)
            if self.pending in ("from", "to", "cc", "bcc"):
                self.stray_party = self.pending
            self.pending = None
            return True
        last = LABELS[self.labels[-1]][0] if self.labels else None
        if continued and last is not None and _continues(self.fields, last, line.text):
            _append(self.fields, last, line)
            return True
        return False

    def stray(self, line: Line) -> None:
        """A line between two labels that is no label's value by position."""
        self.stray_party, self.unplaced = None, None
        text = line.text.strip(" \t>#*")
        last = LABELS[self.labels[-1]][0] if self.labels else None
        if _SUBJECT_LIKE.match(text) and not self._value("subject"):
            self._set("subject", line, "")
            self._scrambled(_BY_CONTENT.format("subject"))
        elif is_date(text) and not is_date(self._value("sent")):
            self._set("sent", line, "")
            self._scrambled(_BY_CONTENT.format("date"))
        elif last in ("to", "cc", "bcc") and self._value(last) and "@" in text:
            _append(self.fields, last, line)
        elif _DATE_PIECE.fullmatch(text):
            return  # a piece of a scattered date ("augustus", "29,"): see settle()
        else:
            for name in ("from", "to", "cc"):
                if name in self.fields and not self._value(name):
                    self._set(name, line, self.fields[name].label)
                    self.stray_party = name
                    return
            self.unplaced = line

    def _fill_column(self) -> None:
        """Give a column of labels its column of values by what each value is: a
        date is the date, a file name an attachment, a name list a party when
        there are as many as the column has party labels (OCR drops the line of
        a value that was redacted: by position they could be anyone's), and the
        first other line the subject."""
        empty = [name for name in self.column if not self._value(name)]
        parties = [name for name in empty if name in ("from", "to", "cc", "bcc")]
        party_lines = [line for line in self.column_values if _PARTY_LINE.search(line.text)]
        for line in self.column_values:
            text = line.text.strip(" \t>#*")
            if line in party_lines:
                if len(party_lines) == len(parties):
                    self._set(parties[party_lines.index(line)], line, "")
            elif "sent" in empty and is_date(text) and not self._value("sent"):
                self._set("sent", line, self.fields["sent"].label)
            elif "attachments" in empty and _FILE_NAME.search(text):
                if not self._value("attachments"):
                    self._set("attachments", line, self.fields["attachments"].label)
            elif "subject" in empty and not self._value("subject"):
                self._set("subject", line, self.fields["subject"].label)
        if self.column_values:
            self._scrambled("values were printed in a column below their labels")

    def settle(self, start: int, lines: Sequence[Line]) -> None:
        """A date written as the sender and a name written as the date: swap them.
        A date scattered over the block in pieces: put it together."""
        if len(self.column) >= _COLUMN:
            self._fill_column()
        self._swap_date_and_sender()
        if parse_date(self._value("sent")).warning == "no date found":
            # The pieces of the date's own line and the lines right below it
            # first: elsewhere in the block a subject can hold a day or a month.
            assembled = assemble_date(_date_lines(self.fields.get("sent"), lines)) or (
                assemble_date([line.text for line in lines])
            )
            if assembled is not None:
                label = self.fields.get("sent", _EMPTY).label
                self.fields["sent"] = HeaderField("sent", label, assembled, None)
                self._scrambled("the date was put together from pieces")

    def _swap_date_and_sender(self) -> None:
        sender, sent = self._value("from"), self._value("sent")
        if sender and is_date(sender) and not is_date(sent):
            self.fields["sent"], self.fields["from"] = (
                HeaderField("sent", self.fields["from"].label, sender, self.fields["from"].span),
                HeaderField(
                    "from",
                    self.fields.get("sent", _EMPTY).label,
                    sent,
                    self.fields.get("sent", _EMPTY).span,
                ),
            )
            if not sent:
                del self.fields["from"]
            self._scrambled(_BY_CONTENT.format("date"))

    def _value(self, name: str) -> str:
        return self.fields.get(name, _EMPTY).value

    def _set(self, name: str, line: Line, label: str) -> None:
        stripped = line.text.strip(" \t>#*")
        offset = line.text.find(stripped)
        span = Span(start=line.start + offset, end=line.start + offset + len(stripped))
        self.fields[name] = HeaderField(name, label, stripped, span)

    def _scrambled(self, what: str) -> None:
        warning = f"scrambled header: {what}"
        if warning not in self.warnings:
            self.warnings.append(warning)


_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?\b")
_MONTH_NAMES = "|".join(m for m in sorted(MONTHS, key=len, reverse=True) if len(m) >= 3)
_MONTH_WORD = re.compile(rf"(?i)\b({_MONTH_NAMES})\b")
_DAY_NAME_WORD = (
    r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)"
)
# A line that is only pieces of a date: a month, a day's name or number, a year,
# a clock time, AM/PM, each after a comma, a dot or a space (with no separator
# a run of digits could be cut into pieces in exponentially many ways).
_PIECE = (
    rf"(?:{_MONTH_NAMES}|{_DAY_NAME_WORD}|\d{{1,2}}|(?:19|20)\d{{2}}|"
    r"\d{1,2}:\d{2}(?::\d{2})?|[ap]m)"
)
_DATE_PIECE = re.compile(rf"(?i){_PIECE}(?:(?:[,.][ \t]*|[ \t]+){_PIECE})*[,.]?[ \t]*")
# A salutation: a greeting word, then a comma or at most two more words.
_GREETING_LINE = re.compile(
    r"(?i)(?:beste|hoi|hallo|hai|ha|dag|goede(?:morgen|middag|navond)|geachte|hi|hello|dear)"
    r"\b(?:[^:\n]{0,40},|(?:\s+[^\s:]+){0,2})\s*$"
)
_SUBJECT_WORDS = 2  # a one-word line above a subject label may be a name
_COLUMN = 3  # labels without values in a row: a column of labels
_PARTY_LINE = re.compile(r"[@;<]|\(\s*[A-Z]\.|^[A-Z][^\s,]+,\s*[A-Z]")
_FILE_NAME = re.compile(r"\.(?:docx?|xlsx?|pptx?|pdf|png|jpe?g|msg|zip)\b", re.IGNORECASE)
_DATE_WRAP = 2  # lines below a date's line that may hold the rest of it
_DAY_ALONE = re.compile(r"^[\W_]*(\d{1,2})[,.]?[\W_]*$")
_DAY_BY_MONTH = re.compile(r"(?i)(?<![\d.:])(\d{1,2})(?![\d.:])")


def _date_lines(sent: HeaderField | None, lines: Sequence[Line]) -> list[str]:
    """The line of the date's value and the next lines that are no header line."""
    if sent is None or sent.span is None:
        return []
    at = next((i for i, line in enumerate(lines) if line.start <= sent.span.start < line.end), None)
    if at is None:
        return []
    near = [lines[at].text]
    for line in lines[at + 1 :]:
        if len(near) > _DATE_WRAP or _HEADER_LINE.match(line.text):
            break
        if not line.blank:
            near.append(line.text)
    return near


def assemble_date(lines: list[str]) -> str | None:
    """A date from pieces on several lines ("Verzonden: 2024 09:34", "dinsdag juli",
    "2"), when every piece occurs exactly once; ``None`` when anything is ambiguous."""
    text = "\n".join(lines)
    years = set(_YEAR.findall(text))
    clocks = set(_CLOCK.findall(text))
    months = {MONTHS[m.lower()] for m in _MONTH_WORD.findall(text)}
    days = {int(m.group(1)) for line in lines if (m := _DAY_ALONE.match(line))}
    for line in lines:
        if _MONTH_WORD.search(line) or _YEAR.search(line):
            stripped = _CLOCK.sub(" ", _YEAR.sub(" ", line))
            days.update(int(d) for d in _DAY_BY_MONTH.findall(stripped))
    days = {d for d in days if 1 <= d <= 31}
    if len(years) == len(clocks) == len(months) == len(days) == 1:
        (month,) = months
        return f"{days.pop()}-{month}-{years.pop()} {clocks.pop()}"
    return None


def _fits(name: str, text: str) -> bool:
    """Whether a line can be the value of a field whose label stood alone."""
    if name in ("sent", "received"):
        return is_date(text)
    if name in ("from", "to", "cc", "bcc"):
        return not is_date(text) and _SUBJECT_LIKE.match(text.strip(" \t>#*")) is None
    if name == "subject":
        # An empty subject is followed by the body: its greeting is no subject,
        # nor is a line that only says what was redacted.
        stripped = text.strip(" \t>#*")
        return _GREETING_LINE.match(stripped) is None and not _only_markers(stripped)
    return True


def _could_be_subject(text: str) -> bool:
    """Whether a line printed above a subject label can be the subject: words that
    name nobody and are no redaction markers."""
    stripped = text.strip(" \t>#*")
    return (
        len(stripped.split()) >= _SUBJECT_WORDS
        and _PARTY_LINE.search(stripped) is None
        and not _only_markers(stripped)
    )


def _only_markers(text: str) -> bool:
    """Whether a line holds nothing but redaction markers (``5.1 lid 2 sub e``)."""
    if not any(c.isdigit() for c in text) and "█" not in text and "[" not in text:
        return False
    left = list(text)
    for redaction in find_markers(text).redactions:
        left[redaction.span.start : redaction.span.end] = " " * len(redaction.span)
    return not "".join(left).strip(" \t,;.()")


def _next_new_header(lines: Sequence[Line], index: int, labelled: set[str]) -> int | None:
    """The index of a header line for a label not yet seen, within a few lines."""
    seen = 0
    for ahead in range(index, min(len(lines), index + 2 * _LOOKAHEAD + 1)):
        line = lines[ahead]
        if line.blank:
            continue
        match = _HEADER_LINE.match(line.text)
        if match is not None:
            label = re.sub(r"\s+", " ", match["label"].lower())
            return ahead if LABELS[label][0] not in labelled else None
        seen += 1
        if seen > _LOOKAHEAD:
            return None
    return None


def _append(fields: dict[str, HeaderField], name: str, line: Line) -> None:
    old = fields[name]
    extra = line.text.strip(" \t>#")
    assert old.span is not None  # a continued field has a value
    fields[name] = HeaderField(
        name, old.label, f"{old.value} {extra}", Span(start=old.span.start, end=line.end)
    )


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
        and any(label in MAIL_ONLY_LABELS for label in labels)
    )


def _style(labels: list[str]) -> str:
    english = sum(LABELS[label][1] == "en" for label in labels)
    dutch = sum(LABELS[label][1] == "nl" for label in labels)
    if english > dutch:
        return "en-export"
    if "verzonden" in labels:
        return "nl-outlook"
    return "nl-other"


def _separator_above(lines: Sequence[Line], index: int) -> int | None:
    """The start of a separator line (``-----Original Message-----``) just above a block."""
    for line in reversed(lines[max(0, index - 3) : index]):
        if line.blank:
            continue
        return line.start if _SEPARATOR.match(line.text) else None
    return None


class ReplyLineRecogniser(Recogniser[HeaderBlock]):
    """``Op 9 juni 2020 om 10:20 schreef Jan <jan@x.nl>:`` and ``On ..., ... wrote:``."""

    name = "email-headers.reply-line"
    kind = "email-header"
    languages = ("nl", "en")
    # Tried only at line starts that go on with "Op" or "On" ("^" is no
    # literal the engine can skip to).
    _PATTERN = Prefiltered(
        re.compile(
            r"^[ \t>]*(?:Op\s+(?P<nl_date>.+?)\s+schreef\s+(?P<nl_name>.+?)|"
            r"On\s+(?P<en_date>.+?),?\s+(?P<en_name>[^,]+?)\s+wrote)\s*:[ \t]*$",
            re.MULTILINE,
        ),
        (re.compile(r"\n(?P<at>)[ \t>]*O[np]\s"),),
    )

    def find(self, text: str) -> Iterator[HeaderBlock]:
        for match in self._PATTERN.finditer(text, text):
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


def find_header_blocks(text: str, registry: RecogniserRegistry | None = None) -> list[HeaderBlock]:
    """Every header block in ``text``, in order; overlapping finds keep the first."""
    recognisers = cast(
        list[Recogniser[HeaderBlock]], registry_or_shared(registry).get("email-header")
    )
    blocks = sorted(
        (block for recogniser in recognisers for block in recogniser.find(text)),
        key=lambda b: b.span.start,
    )
    kept: list[HeaderBlock] = []
    for block in blocks:
        if not kept or block.start >= kept[-1].span.end:
            kept.append(block)
    return kept
