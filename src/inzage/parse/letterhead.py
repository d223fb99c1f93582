"""Letterhead blocks of memos and letters (``formats.md`` §3) → ``Document.fields``.

A label and its value stand on one line (separated by a TAB, a colon or two
spaces, or one space for the unmistakable labels) or on consecutive lines; a
value can be missing, and then the next label is not taken as its value.
After the block, a kind line (``## nota``, ``brief``, ``verslag``) and a
purpose in brackets ("(ter voorbereiding van een overleg)") say what the
document is.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime

from inzage.model import DocumentKind, Span
from inzage.parse.dates import AMSTERDAM, is_date, parse_date
from inzage.parse.lines import Line, split_lines
from inzage.recognisers.vocabulary import vocabulary

# label → field key; longer labels first, so "Datum document" wins over "Datum".
LABELS: tuple[tuple[str, str], ...] = tuple(
    (entry.label, entry.key) for entry in vocabulary().letterhead_labels
)
# Labels that are never the first word of an ordinary sentence may take their
# value after a single space ("Betreft Overleg jeugd").
_SINGLE_SPACE_OK = frozenset(
    entry.label for entry in vocabulary().letterhead_labels if entry.single_space
)
_NUMBER_LABELS = frozenset({"datum", "bijlage", "bijlagen", "bijlage(n)"})
_LABEL_ALTERNATIVES = "|".join(
    re.escape(label).replace(r"\ ", r"\s+") for label, _ in sorted(LABELS, key=lambda x: -len(x[0]))
)
# Two-column letters: the converter puts the right column's first label at the
# end of the return-address line ("Retouradres Postbus 1, 2500 AA Den Haag Datum").
_LABEL_LINE = re.compile(
    rf"^[ \t>#*]*(?:Retouradres\b[^\n]*?[ \t])?"
    rf"(?P<label>{_LABEL_ALTERNATIVES})(?!\w)[ \t]*(?:\*\*)?"
    rf"(?:(?P<sep>\t+|:[ \t]*|[ \t]{{2,}}|[ \t])(?P<value>\S.*?))?[ \t*]*$",
    re.IGNORECASE,
)
_ANY_LABEL_LINE = re.compile(_LABEL_LINE.pattern, _LABEL_LINE.flags | re.MULTILINE)
_ORGANISATION = re.compile(
    r"^[ \t#*]*(?P<org>(?:Ministerie|Ministry)\s+(?:van|voor|of)\s+[A-Z][\w ,&'-]+|"
    r"Gemeente\s+[A-Z][\w -]+|Provincie\s+[A-Z][\w -]+)[ \t*]*$"
)
_UNIT = re.compile(
    r"^[ \t#*]*(?P<unit>(?:Directie|Directoraat-[Gg]eneraal|Programmadirectie|Afdeling)"
    r"\s+[A-Z][\w ,&'-]+|[A-Z]{2,}(?:-[A-Z0-9]{2,})+|DG[A-Z]{1,5})[ \t*]*$"
)
_CONTACT = re.compile(
    r"^[ \t]*(?P<kind>[TME])(?:(?:\t+|[ \t]*:[ \t]*|[ \t]+)(?P<value>\S.*?))?[ \t:]*$"
)
_KIND_LINE = re.compile(
    r"^[ \t#*]*(?P<kind>nota|notitie|memo|brief|verslag|agenda|rapport|besluitenlijst)[ \t*:]*$",
    re.IGNORECASE,
)
_PURPOSE = re.compile(r"^[ \t*]*\((?P<purpose>ter\s+[a-z][a-z ]+?)\)[ \t*]*$", re.IGNORECASE)
_KINDS: dict[str, DocumentKind] = {
    "nota": "memo",
    "notitie": "memo",
    "memo": "memo",
    "brief": "letter",
    "verslag": "minutes",
    "besluitenlijst": "minutes",
    "agenda": "agenda",
    "rapport": "report",
}
_REFERENCE_PARTS = re.compile(r"^\s*(?P<document>\d+)-(?P<case>\d+)-(?P<unit>[A-Z][\w&-]*)\s*$")
_TIME_RANGE = re.compile(
    r"(?P<h1>\d{1,2})[:.](?P<m1>\d{2})\s*u?(?:ur)?\s*[–—-]\s*(?P<h2>\d{1,2})[:.](?P<m2>\d{2})"
)
_ALPHANUMERIC = re.compile(r"\w")
# "Aan" and "Van" alone do not make a letterhead: tables and forms have them too.
_DISTINCTIVE = frozenset(
    {"document_date", "reference", "their_reference", "subject", "case_number", "meeting_datetime"}
)
# How many lines may stand between two labels of one block.
_MAX_GAP = 4
_MIN_FIELDS = 2


@dataclass
class Letterhead:
    span: Span
    fields: dict[str, str] = field(default_factory=dict)
    kind: DocumentKind | None = None
    kind_span: Span | None = None
    date: datetime | None = None
    warnings: list[str] = field(default_factory=list)


def _label_key(label: str) -> str:
    folded = re.sub(r"\s+", " ", label.lower())
    return next(key for name, key in LABELS if name == folded)


def find_letterheads(text: str) -> list[Letterhead]:
    """Every letterhead block in ``text``, in order."""
    if _ANY_LABEL_LINE.search(text) is None:
        return []
    lines = split_lines(text)
    starts = [line.start for line in lines]
    heads: list[Letterhead] = []
    done = 0
    for match in _ANY_LABEL_LINE.finditer(text):
        index = bisect_right(starts, match.start()) - 1
        if index < done:
            continue
        head, next_index = _read(lines, index)
        if head is not None:
            heads.append(head)
            done = next_index
    return heads


def _is_label(line: Line) -> re.Match[str] | None:
    match = _LABEL_LINE.match(line.text)
    if match is None:
        return None
    label = re.sub(r"\s+", " ", match["label"].lower())
    if match["sep"] == " " and label not in _SINGLE_SPACE_OK:
        # "Datum 14 maart 2023" and "Bijlage(n) 2" are labels; "Aan de minister" is prose.
        value = match["value"] or ""
        if label not in _NUMBER_LABELS or not (value[:1].isdigit() or is_date(value)):
            return None
    return match


def _read(lines: list[Line], first: int) -> tuple[Letterhead | None, int]:
    if _is_label(lines[first]) is None:
        return None, first + 1
    fields: dict[str, str] = {}
    index, last, gap = first, first, 0
    while index < len(lines) and gap <= _MAX_GAP:
        line = lines[index]
        if not line.text.strip():
            index += 1
            continue
        found = _field_at(lines, index)
        if found is None:
            gap += 1
            index += 1
            continue
        key, value, last = found
        if value and _ALPHANUMERIC.search(value) and key not in fields:
            fields[key] = value.strip(" *")
        gap = 0
        index = last + 1
    if len(fields) < _MIN_FIELDS or not _DISTINCTIVE & fields.keys():
        return None, first + 1
    start = _block_start(lines, first, fields)
    head = Letterhead(span=Span(start=lines[start].start, end=lines[last].end), fields=fields)
    _kind_and_purpose(lines, last + 1, head)
    _normalise(head)
    return head, last + 1


def _field_at(lines: list[Line], index: int) -> tuple[str, str | None, int] | None:
    """The field a line opens: its key, its value (on this line or the next) and the
    index of the last line it uses; ``None`` for a line that is no label."""
    line = lines[index]
    match = _is_label(line)
    if match is not None:
        key = _label_key(match["label"])
    else:
        contact = _CONTACT.match(line.text)
        if contact is None:
            return None
        key = "author_email" if contact["kind"] == "E" else "author_phone"
        if contact["value"]:
            return key, contact["value"], index
        match = None
    if match is not None and match["value"]:
        return key, match["value"], index
    below = _value_below(lines, index)
    if below is None:
        return key, None, index
    value, value_index = below
    return key, value, value_index


def _value_below(lines: list[Line], index: int) -> tuple[str, int] | None:
    """The value on the next non-empty line, unless that line is a label itself."""
    for offset, line in enumerate(lines[index + 1 : index + 4], start=index + 1):
        if not line.text.strip():
            continue
        if _LABEL_LINE.match(line.text) is not None or _CONTACT.match(line.text) is not None:
            return None
        return line.text.strip(" \t>#*"), offset
    return None


def _block_start(lines: list[Line], first: int, fields: dict[str, str]) -> int:
    """Take in the organisation and unit lines just above the first label."""
    start = first
    for index in range(first - 1, max(-1, first - 8), -1):
        text = lines[index].text
        if not text.strip():
            continue
        organisation = _ORGANISATION.match(text)
        unit = _UNIT.match(text)
        if organisation is None and unit is None:
            break
        if organisation is not None:
            fields.setdefault("organisation", organisation["org"].strip())
        if unit is not None:
            fields.setdefault("unit", unit["unit"].strip())
        start = index
    return start


def _kind_and_purpose(lines: list[Line], index: int, head: Letterhead) -> None:
    nonblank = 0
    for line in lines[index:]:
        if not line.text.strip():
            continue
        nonblank += 1
        if nonblank > 4:
            return
        kind = _KIND_LINE.match(line.text)
        if kind is not None and head.kind is None:
            head.kind = _KINDS[kind["kind"].lower()]
            head.kind_span = Span(start=line.start, end=line.end)
            continue
        purpose = _PURPOSE.match(line.text)
        if purpose is not None:
            head.fields.setdefault("purpose", re.sub(r"\s+", " ", purpose["purpose"].lower()))


def _normalise(head: Letterhead) -> None:
    """Dates to ISO, the case number from the Kenmerk, counts to digits."""
    fields = head.fields
    for key in ("document_date", "deadline"):
        if key in fields:
            parsed = parse_date(fields[key])
            if parsed.value is not None:
                fields[key] = parsed.value.date().isoformat()
                if key == "document_date":
                    head.date = parsed.value.replace(hour=0, minute=0, second=0, tzinfo=AMSTERDAM)
            else:
                # Keep no text that is not a date ("Ons kenrmerk" under "Datum").
                del fields[key]
                if parsed.warning and parsed.warning.startswith("impossible"):
                    head.warnings.append(f"{key}: {parsed.warning}")
    if "meeting_datetime" in fields:
        _meeting(fields)
    reference = _REFERENCE_PARTS.match(fields.get("reference", ""))
    if reference is not None:
        fields.setdefault("case_number", reference["case"])
    if "attachments_count" in fields:
        count = re.match(r"\s*(\d+)", fields["attachments_count"])
        if count is not None:
            fields["attachments_count"] = count.group(1)
        else:
            del fields["attachments_count"]


def _meeting(fields: dict[str, str]) -> None:
    """``Donderdag 11 juni 2020; 10:00u – 11:30u`` → start and end, with offsets."""
    written = fields["meeting_datetime"].replace(";", ",")
    start = parse_date(written)
    if start.value is None:
        return
    fields["meeting_datetime"] = start.value.isoformat()
    times = _TIME_RANGE.search(written)
    if times is not None:
        begin = start.value.replace(hour=int(times["h1"]), minute=int(times["m1"]))
        fields["meeting_datetime"] = begin.isoformat()
        end = start.value.replace(hour=int(times["h2"]), minute=int(times["m2"]))
        fields["meeting_end"] = end.isoformat()
