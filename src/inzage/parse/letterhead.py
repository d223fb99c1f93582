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
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from inzage.model import Document, DocumentKind, Span
from inzage.parse.dates import AMSTERDAM, is_date, parse_date
from inzage.parse.lines import Line, split_lines
from inzage.parse.running_headers import running_header_reference
from inzage.parse.sections import is_numbered_heading
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
_WORDS = frozenset(entry.label for entry in vocabulary().letterhead_labels if entry.word)
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
# A value read from the line below a label is no sentence of the text.
_MAX_VALUE = 120
_SENTENCE_WORDS = 10
# A reference is a number ("3523413-1044213-PDCIC", "WOO 2031006", a marker).
_NUMBERED_KEYS = frozenset({"reference", "their_reference", "case_number"})
_PASSED_WORDS = 4
_MEMO_VALUE_WORDS = 6
_PASSED_REFERENCE = re.compile(r"(?=.*\d)[\w./()&-]{3,40}(?: [\w./()&-]{1,30})?")
# A number, a redaction (a block, "(geanonimiseerd)") or a template's placeholder
# ("<BSN klant>").
_REFERENCE_LIKE = re.compile(r"\d|█|^<[^<>]+>?$|^\((?:geanonimiseerd|gelakt|weggelakt)\)", re.I)
# How many lines may stand between two labels of one block.
_MAX_GAP = 4
_MIN_FIELDS = 2
# How many non-blank lines after the block (or above it) the kind line and the
# purpose may stand in.
_KIND_REACH = 4


@dataclass
class Letterhead:
    span: Span
    fields: dict[str, str] = field(default_factory=dict)
    kind: DocumentKind | None = None
    kind_span: Span | None = None
    date: datetime | None = None
    warnings: list[str] = field(default_factory=list)
    # The labels the block was read from, folded ("ons kenmerk", "datum"): the
    # same field has a letter's label and a memo's.
    labels: frozenset[str] = frozenset()


def _label_of(text: str) -> str:
    """The folded label a line opens with, "" for a contact line (T, M, E)."""
    match = _LABEL_LINE.match(text)
    return re.sub(r"\s+", " ", match["label"].lower()) if match else ""


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
    if label in _WORDS and match["label"][0].islower() and not _set_apart(line.text, match):
        return None  # "van" alone on a line, "dit betreft een fout": words
    if match["sep"] == " " and label not in _SINGLE_SPACE_OK:
        # "Datum 14 maart 2023" and "Bijlage(n) 2" are labels; "Aan de minister" is prose.
        value = match["value"] or ""
        if label not in _NUMBER_LABELS or not (value[:1].isdigit() or is_date(value)):
            return None
    return match


def _set_apart(line: str, match: re.Match[str]) -> bool:
    """Whether a colon or a tab sets the label apart from its value ("aan:",
    "**aan** : …", "aan⇥De minister"): a layout's, not a sentence's."""
    end = match.start("value") if match["value"] is not None else len(line)
    between = line[match.end("label") : end]
    return ":" in between or "\t" in between


def _read(lines: list[Line], first: int) -> tuple[Letterhead | None, int]:
    if _is_label(lines[first]) is None:
        return None, first + 1
    fields: dict[str, str] = {}
    index, last, gap = first, first, 0
    labels: set[str] = set()
    while index < len(lines) and gap <= _MAX_GAP:
        line = lines[index]
        if not line.text.strip():
            index += 1
            continue
        if is_numbered_heading(line.text):
            break  # the first section: the letterhead is over
        found = _field_at(lines, index)
        if found is None:
            gap += 1
            index += 1
            continue
        key, value, last = found
        labels.add(_label_of(lines[index].text))
        if value and _ALPHANUMERIC.search(value) and key not in fields:
            fields[key] = value.strip(" *")
        gap = 0
        index = last + 1
    if len(fields) < _MIN_FIELDS:
        return None, first + 1
    start = _block_start(lines, first, fields)
    head = Letterhead(span=Span(start=lines[start].start, end=lines[last].end), fields=fields)
    head.labels = frozenset(labels - {""})
    _kind_and_purpose(lines[last + 1 : last + 1 + 4 * _KIND_REACH], head)
    start = _kind_above(lines, start, head)
    if not _DISTINCTIVE & fields.keys() and not _headed_memo(head):
        return None, first + 1  # "Aan" and "Van" alone are a form's, unless headed "Memo"
    head.span = Span(start=lines[start].start, end=head.span.end)
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
    below = _value_below(lines, index, key)
    if below is None:
        return key, None, index
    value, value_index = below
    return key, value, value_index


def _value_below(lines: list[Line], index: int, key: str) -> tuple[str, int] | None:
    """The value on the next non-empty line, unless that line is no value: a
    label, a kind line, a purpose, a numbered heading or prose (an empty
    "Paraaf directeur" above the first section keeps its value empty).  A
    reference is a number: a short line without one (the other column's words,
    "Tevens per e-mail") is passed over for the line after it."""
    passed = 0
    for offset, line in enumerate(lines[index + 1 : index + 6], start=index + 1):
        if not line.text.strip():
            continue
        if not _may_be_value_below(line.text, key):
            return None
        value = _value_text(line.text)
        if key not in _NUMBERED_KEYS or (not passed and _REFERENCE_LIKE.search(value)):
            return value, offset
        if passed:
            # Past the other column's words, only a reference's shape: no date, no
            # "2 van 5" of a page number, no heading of the text below.
            return (
                (value, offset)
                if _PASSED_REFERENCE.fullmatch(value) and not is_date(value)
                else None
            )
        if len(value.split()) > _PASSED_WORDS:
            return None
        passed += 1
    return None


def _value_text(line: str) -> str:
    """A line without its quote marks and Markdown (a closing ">" is the value's:
    "<BSN klant>", "<a.devries@example.nl>")."""
    return line.lstrip(" \t>#*").rstrip(" \t#*")


def _may_be_value_below(text: str, key: str) -> bool:
    # A kind line below an empty field is the kind ("Paraaf directeur", "nota");
    # below "Onderwerp" it may be the subject ("Verslag").
    if (
        _LABEL_LINE.match(text) is not None
        or _CONTACT.match(text) is not None
        or (_KIND_LINE.match(text) is not None and key != "subject")
        or _PURPOSE.match(text) is not None
        or is_numbered_heading(text)
    ):
        return False
    value = _value_text(text)
    words = value.split()
    # A sentence of the text that follows an empty field is no value.
    return len(value) <= _MAX_VALUE and not (
        len(words) >= _SENTENCE_WORDS and value.endswith((".", "!", "?"))
    )


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


def _headed_memo(head: Letterhead) -> bool:
    """A memo's kind line over fields that read as names or units ("Aan" and
    "Van" of a memo), not as the sentences of a page they spill over."""
    return head.kind == "memo" and all(
        len(value.split()) <= _MEMO_VALUE_WORDS for value in head.fields.values()
    )


def _kind_and_purpose(lines: Sequence[Line], head: Letterhead) -> bool:
    """Read the kind line and the purpose among the first few non-blank
    ``lines``; whether either was there."""
    found = False
    for line in [line for line in lines if line.text.strip()][:_KIND_REACH]:
        kind = _KIND_LINE.match(line.text)
        if kind is not None and head.kind is None:
            head.kind = _KINDS[kind["kind"].lower()]
            head.kind_span = Span(start=line.start, end=line.end)
            found = True
            continue
        purpose = _PURPOSE.match(line.text)
        if purpose is not None and "purpose" not in head.fields:
            head.fields["purpose"] = re.sub(r"\s+", " ", purpose["purpose"].lower())
            found = True
    return found


def _kind_above(lines: list[Line], start: int, head: Letterhead) -> int:
    """Nota's print the kind line and the purpose above the labels too ("nota",
    "(ter beslissing)", then "Datum"): read them there, and take them and the
    organisation lines above them into the block.  The line the block now starts
    at."""
    above = lines[max(0, start - 2 * _KIND_REACH) : start]
    nonblank = [index for index in range(len(above)) if above[index].text.strip()]
    window = [above[index] for index in nonblank[-_KIND_REACH:]]
    if not _kind_and_purpose(list(reversed(window)), head):
        return start
    offset = max(0, start - 2 * _KIND_REACH)
    top = min(
        offset + index
        for index in nonblank[-_KIND_REACH:]
        if _KIND_LINE.match(above[index].text) or _PURPOSE.match(above[index].text)
    )
    return _block_start(lines, top, head.fields)


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


def referenced_by_running_headers(document: Document) -> None:
    """A memo's Kenmerk comes back atop every page (unit code, "Kenmerk", the
    number).  Where the memo's own letterhead is missing (a fragment that
    starts in the middle), the one Kenmerk of its running headers
    (``document.running_headers``) is its reference; a document of no kind
    with numbered sections under such headers is the body of a memo."""
    if "reference" in document.fields or document.kind not in ("memo", "other"):
        return
    if document.kind == "other" and not any(s.number for s in document.sections):
        return
    reference = running_header_reference(document.running_headers)
    if reference is None:
        return
    document.kind = "memo"
    document.fields["reference"] = reference
    parts = _REFERENCE_PARTS.match(reference)
    if parts is not None:
        document.fields.setdefault("case_number", parts["case"])
