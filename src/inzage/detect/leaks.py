"""What released documents leak: the judgement behind ``inzage check``.

Pure functions over what was read and parsed:

- :func:`visible_leaks`: personal data visible in a document that redacts that
  kind elsewhere (a name left in a mail whose other names are blacked out); a
  BSN visible anywhere (an absolute ground);
- :func:`copy_leaks`: a name visible in one copy of a message and redacted in
  another copy (copies are matched by their fingerprint);
- :func:`channel_leaks`: text under boxes, text only an earlier revision holds,
  embedded files and scripts always leak; annotations, form fields,
  ``/ActualText`` and metadata leak when they hold personal data or a name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC

from inzage.detect.personal.names import plausible_name
from inzage.detect.proposals import Dossier
from inzage.model import Document, Leak, Message, Party, PersonalKind, Proposal, Source
from inzage.read.pages import page_at, page_starts
from inzage.read.pdf_channels import Hidden, PdfChannels

# What a redaction marker's role says was redacted, as a personal-data kind.
_ROLE_KINDS: dict[str, tuple[PersonalKind, ...]] = {
    "name": ("person",),
    "email": ("email",),
    "phone": ("phone",),
}
# A marker on 5.1.2e whose role is not known stands for a name most often.
_PRIVACY = "5.1.2e"
_ALWAYS: frozenset[str] = frozenset({"bsn"})
# Keys whose value names whoever wrote or edited the file: PDF Info and
# annotation authors, XMP (pikepdf names its keys with their namespace URI),
# Word's core properties, comment and change authors, front matter.
_AUTHOR_KEY = re.compile(
    r"(?i)(?:^/(?:author|t|lastmodifiedby)$|creator$|author$|lastmodifiedby$"
    r"|^(?:auteur|opsteller|schrijver|contact|contactpersoon|behandelaar)$"
    r"|^comment author$)"
)


def redacted_kinds(document: Document) -> set[str]:
    """The personal-data kinds a document redacts somewhere."""
    kinds: set[str] = set()
    for redaction in document.redactions:
        kinds.update(_ROLE_KINDS.get(redaction.role, ()))
        if redaction.role in ("unknown", "passage") and any(
            g.code == _PRIVACY for g in redaction.grounds
        ):
            kinds.add("person")
    return kinds


def visible_leaks(source: Source, proposals: Sequence[Proposal]) -> list[Leak]:
    """Proposals to redact that stand visible in a document redacting their kind."""
    leaks: list[Leak] = []
    pages = page_starts(source.text) if source.pages else None
    starts = [d.span.start for d in source.documents]
    for proposal in proposals:
        if proposal.action != "redact":
            continue
        document = _document_at(source.documents, starts, proposal.span.start)
        kinds = redacted_kinds(document) if document else set()
        if proposal.kind not in kinds and proposal.kind not in _ALWAYS:
            continue
        why = (
            "a BSN is always redacted (5.1.1e)"
            if proposal.kind in _ALWAYS
            else f"visible while the document redacts {proposal.kind} elsewhere"
        )
        leaks.append(
            Leak(
                channel="visible-text",
                kind=proposal.kind,
                reason=f"{why} ({proposal.reason})",
                page=page_at(pages, proposal.span.start) if pages is not None else None,
                where=f"@{proposal.span.start}",
                text=proposal.text,
            )
        )
    return leaks


def _document_at(documents: Sequence[Document], starts: list[int], offset: int) -> Document | None:
    """The document at ``offset``; ``starts``: the documents' starts, in order."""
    at = bisect_right(starts, offset) - 1
    if at < 0:
        return None
    document = documents[at]
    return document if offset < max(document.span.end, document.span.start + 1) else None


def copy_leaks(sources: Iterable[Source]) -> dict[str, list[Leak]]:
    """Per path: names visible in one copy of a message and redacted in another.

    Copies are found by their time and subject, confirmed by their body's
    words: the message fingerprint cannot match them, since it holds the
    sender's name, which is what differs."""
    copies: dict[tuple[str, str], list[tuple[str, Message, frozenset[str]]]] = defaultdict(list)
    for source in sources:
        for document in source.documents:
            for message in document.messages:
                if message.sent is None or not message.subject:
                    continue
                key = (f"{message.sent.astimezone(UTC):%Y-%m-%dT%H:%M}", _words(message.subject))
                body = frozenset(re.findall(r"[a-zà-ÿ]{3,}", message.body_span.slice(source.text)))
                copies[key].append((source.path, message, body))
    leaks: dict[str, list[Leak]] = defaultdict(list)
    for found in copies.values():
        for path, message, body in found:
            for role, party in _parties(message):
                if party.redacted or not party.name:
                    continue
                for other_path, other, other_body in found:
                    match = dict(_parties(other)).get(role)
                    if other is message or match is None or not match.redacted:
                        continue
                    if _jaccard(body, other_body) < 0.8:
                        continue
                    leaks[path].append(
                        Leak(
                            channel="copy-of-message",
                            kind="person",
                            reason=f"the {role.split('.')[0]} of this message is redacted "
                            f"in another copy ({other_path})",
                            where=f"message {message.index}",
                            text=party.name,
                        )
                    )
                    break
    return leaks


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def _parties(message: Message) -> Iterator[tuple[str, Party]]:
    if message.sender is not None:
        yield "sender", message.sender
    for role, parties in (("to", message.to), ("cc", message.cc), ("bcc", message.bcc)):
        for index, party in enumerate(parties):
            yield f"{role}.{index}", party


_ALWAYS_LEAK = {
    "text-under-box": ("text", "text under a redaction box is still in the text layer"),
    "earlier-revision": ("text", "text that only an earlier revision of the file holds"),
    "tracked-change": ("text", "text or an author that a tracked change keeps in the file"),
    "embedded-file": ("file", "a file embedded in the PDF"),
    "javascript": ("script", "JavaScript in the PDF"),
}


def channel_leaks(channels: PdfChannels, dossier: Dossier) -> list[Leak]:
    """The leaks among a PDF's hidden channels."""
    leaks: list[Leak] = []
    for hidden in channels.hidden:
        # An earlier revision's page text always leaks; its metadata and object
        # strings (dates, producers) only as other metadata does.
        judged_alone = hidden.channel == "earlier-revision" and bool(hidden.where)
        if hidden.channel in _ALWAYS_LEAK and not judged_alone:
            kind, reason = _ALWAYS_LEAK[hidden.channel]
            kinds = _personal_kinds(hidden.text, dossier)
            leaks.append(_leak(hidden, ", ".join(kinds) if kinds else kind, reason))
            continue
        kinds = _personal_kinds(hidden.text, dossier)
        if kinds:
            leaks.append(_leak(hidden, ", ".join(kinds), f"personal data in {hidden.channel}"))
        elif _AUTHOR_KEY.search(hidden.where) and plausible_name(hidden.text):
            leaks.append(_leak(hidden, "person", f"{_key_name(hidden.where)} names a person"))
        elif hidden.channel in _SHORT_CHANNELS and _has_full_name(hidden.text):
            # A short string has no context for the recognisers ("Yıldız Kaya"
            # in a bookmark): any plausible full name in it is reported.
            leaks.append(_leak(hidden, "person", f"a name in {hidden.channel}"))
    return _one_per_value(leaks)


def _one_per_value(leaks: list[Leak]) -> list[Leak]:
    """One leak for one value in several places of the same channel and page:
    a title that names an address is in /Title, /Subject, /Keywords and the
    XMP's title and description; the report says it once, with every place."""
    merged: dict[tuple[str, str, str, int | None, str], Leak] = {}
    for leak in leaks:
        key = (leak.channel, leak.kind, leak.reason, leak.page, leak.text)
        first = merged.get(key)
        if first is None:
            merged[key] = leak
        elif leak.where and leak.where not in first.where.split(", "):
            first.where = f"{first.where}, {leak.where}" if first.where else leak.where
    return list(merged.values())


# Channels of short strings written by people (not by software, as a PDF's
# /Producer is), where a full name alone is reason enough.
_SHORT_CHANNELS = frozenset(
    {"annotation", "bookmark", "page-label", "form-field", "actual-text", "link"}
)


def metadata_leaks(metadata: dict[str, object], dossier: Dossier) -> list[Leak]:
    """Front matter of a text file that names a person or holds personal data."""
    found = [
        Hidden("metadata", str(value).strip(), None, str(key))
        for key, value in _flat(metadata)
        if str(value).strip()
    ]
    return channel_leaks(PdfChannels(hidden=found), dossier)


def _flat(value: object, key: str = "") -> Iterator[tuple[str, object]]:
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _flat(item, str(name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _flat(item, key)
    else:
        yield key, value


def _key_name(key: str) -> str:
    return key.rsplit("}", 1)[-1]


def _has_full_name(text: str) -> bool:
    from inzage.detect.personal.base import FULL_NAME_RE

    return any(plausible_name(m.group()) for m in FULL_NAME_RE.finditer(text[:2000]))


def _leak(hidden: Hidden, kind: str, reason: str) -> Leak:
    # An embedded file's name is its content's first line: it is masked with it.
    where = "embedded file" if hidden.channel == "embedded-file" else _key_name(hidden.where)
    return Leak(
        channel=hidden.channel,
        kind=kind,
        reason=reason,
        page=hidden.page,
        where=where,
        text=hidden.text,
    )


def _personal_kinds(text: str, dossier: Dossier) -> list[str]:
    proposals, _ = dossier.propose(text)
    return sorted({p.kind for p in proposals if p.action == "redact"})
