"""A printed e-mail thread → its messages, newest first as in the file.

Each header block opens a message; its body runs to the next block.  Dates
get their zone by the rule of ``formats.md`` §2: the top-level English export
"Sent" is UTC, every other header is Europe/Amsterdam local time, unless the
header writes its zone.  A reply that comes out earlier than the message it
answers is flagged.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise

from inzage.model import Message, Party, Redaction, Section, Span, ZoneAssumption
from inzage.parse.dates import parse_date
from inzage.parse.email_headers import HeaderBlock, HeaderField
from inzage.parse.parties import parse_parties, sender_key

_CLOSING = re.compile(
    r"^[ \t>*#]*(?:(?:dank|bedankt)\s+en\s+)?(?:met\s+)?(?:vriendelijke\s+|hartelijke\s+|beste\s+)?"
    r"groet(?:en)?|"
    r"^[ \t>*#]*(?:hoogachtend|mvg|(?:kind|best)\s+regards|regards)\b",
    re.IGNORECASE | re.MULTILINE,
)
_LINK_ATTACHMENT = re.compile(r"\[([^\[\]\n]+\.[A-Za-z0-9]{2,5})\]\(#?\)")
_NUMBERED_HEADING = re.compile(
    r"^(?P<hashes>#{1,6})[ \t]*(?P<number>\d+(?:\.\d+)*)[.)]?[ \t]+(?P<title>\S.*?)[ \t#]*$",
    re.MULTILINE,
)
_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|fw|fwd|antw|doorst|tr|wg|aw)\s*(?:\[\d+\])?\s*:)+", re.I)
_LONG_SUBJECT = 120  # characters: past this a subject has run on into the body
_EXPORT_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")
_SUBJECT_PREFIX = re.compile(r"^\s*(?:\*\*|__)|(?:\*\*|__)\s*$")
_MARKDOWN_ESCAPE = re.compile(r"^\\(?=\w)|\\(?=[!-/:-@\[-`{-~])")
_TRAILING_STAMP = re.compile(
    r"\s+(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*,?\s+\d{1,2}/\d{1,2}/\d{2,4}"
    r"\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]m)?\s*$",
    re.IGNORECASE,
)
# A greeting, capitalised and closed by a comma within three words: the body began.
_INLINE_GREETING = re.compile(
    r"\s(?:Goede(?:morgen|middag|navond)|Beste|Geachte|Hoi|Hallo|Hai|Dear|Hi|Hello)"
    r"(?:\s+[^\s,]+){0,3},"
)
_QUOTE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)
_MARKER_RUN = re.compile(r"█(?:[\s█]*█)?")


@dataclass
class Thread:
    messages: list[Message] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def build_thread(
    text: str, blocks: Sequence[HeaderBlock], end: int, redactions: Sequence[Redaction]
) -> Thread:
    """Messages for ``blocks`` (in text order), the last one running to ``end``."""
    thread = Thread()
    for index, block in enumerate(blocks):
        message_end = blocks[index + 1].start if index + 1 < len(blocks) else end
        message, warnings = _message(text, index, block, message_end, redactions)
        thread.messages.append(message)
        thread.warnings.extend(f"message {index}: {w}" for w in warnings)
        thread.sections.extend(_sections(text, message.body_span))
    _cut_run_on_subjects(thread.messages)
    for message in thread.messages:
        message.fingerprint = fingerprint(
            sender_key(message.sender),
            message.sent,
            message.subject or "",
            _masked(text, message.body_span, redactions),
        )
    thread.warnings.extend(_order_warnings(thread.messages))
    return thread


def _cut_run_on_subjects(messages: Sequence[Message]) -> None:
    """A converter that flattened a header and its body onto one line leaves the
    body in the subject.  A subject far longer than a mail client writes that
    begins with the subject of another message of the thread is that subject."""
    subjects = sorted(
        {m.subject for m in messages if m.subject and len(m.subject) <= _LONG_SUBJECT}, key=len
    )
    for message in messages:
        if message.subject is None or len(message.subject) <= _LONG_SUBJECT:
            continue
        for subject in reversed(subjects):
            if message.subject.startswith(subject + " "):
                message.subject = subject
                break


def _message(
    text: str, index: int, block: HeaderBlock, end: int, redactions: Sequence[Redaction]
) -> tuple[Message, list[str]]:
    warnings = list(block.warnings)
    fields = block.fields
    body = _trimmed(text, block.span.end, end)
    sent, zone = _sent(fields, block.style, index, warnings)
    sender = _parties(fields.get("from"), redactions)
    subject = clean_subject(fields["subject"].value) if "subject" in fields else None
    attachments = _attachments(fields.get("attachments"), text[body.start : body.end])
    message = Message(
        index=index,
        sender=sender[0] if sender else None,
        to=_parties(fields.get("to"), redactions),
        cc=_parties(fields.get("cc"), redactions),
        bcc=_parties(fields.get("bcc"), redactions),
        sent=sent,
        sent_zone_assumed=zone,
        subject=subject or None,
        header_style=block.style,
        span=Span(start=block.start, end=max(block.start, body.end)),
        body_span=body,
        attachments=attachments,
        quoted=index > 0,
        signature_span=_signature(text, body),
    )
    return message, warnings


def clean_subject(value: str) -> str:
    """A subject as its header gave it, without what a converter put around it:
    bold marks, Markdown escapes (``\\FW:``), the export's receipt stamp that
    followed it on a flattened line (``… Thur 2/4/2021 8:43:18 AM``) and the
    body's greeting when the body went on on the subject's line (``… Goedemiddag,``)."""
    subject = _MARKDOWN_ESCAPE.sub("", _SUBJECT_PREFIX.sub("", value)).strip()
    subject = _TRAILING_STAMP.sub("", subject)
    greeting = _INLINE_GREETING.search(subject)
    if greeting is not None and _REPLY_PREFIX.sub("", subject[: greeting.start()]).strip():
        subject = subject[: greeting.start()]
    return subject.strip()


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start=start, end=end)


def _sent(
    fields: dict[str, HeaderField], style: str, index: int, warnings: list[str]
) -> tuple[datetime | None, ZoneAssumption | None]:
    found = fields.get("sent") or fields.get("received")
    if found is None or not found.value:
        warnings.append("no date in the header")
        return None, None
    # Only the archive export's own numeric format (``Tue 6/9/2020 9:05:12 AM``)
    # is UTC; a date in words, Dutch or English, was written by a mail client
    # quoting the message, in local time.
    utc = style == "en-export" and index == 0 and bool(_EXPORT_DATE.search(found.value))
    assume: ZoneAssumption = "UTC" if utc else "Europe/Amsterdam"
    parsed = parse_date(found.value, assume, month_first=style.startswith("en"))
    if parsed.warning:
        warnings.append(parsed.warning)
    return parsed.value, parsed.zone_assumed


def _parties(found: HeaderField | None, redactions: Sequence[Redaction]) -> list[Party]:
    if found is None or found.span is None:
        return []
    return parse_parties(found.value, found.span.start, redactions)


def _attachments(found: HeaderField | None, body: str) -> list[str]:
    names = [n.strip(" *_") for n in re.split(r";", found.value)] if found else []
    names += [m.group(1).strip() for m in _LINK_ATTACHMENT.finditer(body)]
    return list(dict.fromkeys(n for n in names if n))


def has_closing(text: str) -> bool:
    """Whether ``text`` holds a closing line of a message ("Met vriendelijke groet")."""
    return _CLOSING.search(text) is not None


def _signature(text: str, body: Span) -> Span | None:
    """From the last closing line ("Met vriendelijke groet") to the end of the body."""
    closings = list(_CLOSING.finditer(text, body.start, body.end))
    return Span(start=closings[-1].start(), end=body.end) if closings else None


def _sections(text: str, body: Span) -> list[Section]:
    return [
        Section(
            number=m["number"],
            title=m["title"],
            level=len(m["hashes"]),
            span=Span(start=m.start(), end=m.end()),
        )
        for m in _NUMBERED_HEADING.finditer(text, body.start, body.end)
    ]


def _order_warnings(messages: Sequence[Message]) -> list[str]:
    """A reply is never earlier than what it answers; say where the zones make it so."""
    warnings = []
    for newer, older in pairwise(messages):
        if newer.sent is None or older.sent is None:
            continue
        if thread_subject(newer.subject or "") != thread_subject(older.subject or ""):
            continue  # a bundle of separate mails: this one need not answer the next
        if newer.sent.astimezone(UTC) < older.sent.astimezone(UTC):
            assumed = sorted({z for z in (newer.sent_zone_assumed, older.sent_zone_assumed) if z})
            why = f" (assumed {', '.join(assumed)})" if assumed else ""
            warnings.append(
                f"message {newer.index} is earlier than message {older.index} it answers{why}"
            )
    return warnings


def thread_subject(subject: str) -> str:
    """A subject without its reply and forward prefixes, in any case and repeated:
    ``RE: FW: Antw: Overleg`` → ``overleg``."""
    return _normal(_REPLY_PREFIX.sub("", subject))


def fingerprint(sender: str, sent: datetime | None, subject: str, body: str) -> str:
    """A hash that is the same for every copy of one message: stable under white
    space, quote prefixes, line wrapping and the marker style of a redaction
    (callers pass text whose markers are already masked as ``█``)."""
    when = sent.astimezone(UTC).strftime("%Y-%m-%dT%H:%M") if sent else ""
    key = "\x1f".join((sender, when, _normal(subject), _normal(body)))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _masked(text: str, span: Span, redactions: Sequence[Redaction]) -> str:
    pieces = []
    cursor = span.start
    for redaction in redactions:
        if redaction.span.start >= cursor and redaction.span.end <= span.end:
            pieces.append(text[cursor : redaction.span.start])
            pieces.append(" █ ")
            cursor = redaction.span.end
    pieces.append(text[cursor : span.end])
    return _QUOTE_PREFIX.sub("", "".join(pieces))


def _normal(value: str) -> str:
    folded = " ".join(value.split()).lower()  # runs of white space as one space
    return _MARKER_RUN.sub("█", folded)
