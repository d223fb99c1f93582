"""Turn one source's reading text into its documents.

A file whose first structure is an e-mail header block is one e-mail document
whose messages are the thread; a file that opens with a letterhead is a memo,
letter, minutes or agenda with its fields and sections; any other file is one
document of kind ``other`` with its sections.  Splitting bundles into several
documents comes later.
"""

from __future__ import annotations

import re
from typing import Any

from inzage.detect.engine import MarkerAnalysis
from inzage.model import Document, DocumentKind, Span, document_id
from inzage.parse.decision import decision_fields, is_decision_letter
from inzage.parse.email import build_thread
from inzage.parse.email_headers import HeaderBlock, find_header_blocks
from inzage.parse.language import guess_language
from inzage.parse.letterhead import Letterhead, find_letterheads
from inzage.parse.sections import find_sections


def build_documents(
    text: str, sha256: str, metadata: dict[str, Any], markers: MarkerAnalysis
) -> tuple[list[Document], list[str]]:
    """The documents of a text, and the warnings parsing them gave."""
    span = Span(start=0, end=len(text))
    document = Document(
        id=document_id(sha256, span),
        kind="other",
        title=str(metadata["title"]) if metadata.get("title") else None,
        span=span,
        language=guess_language(text),
        redactions=markers.redactions,
    )
    blocks = find_header_blocks(text)
    # An e-mail header block also reads as a letterhead (Van, Aan, Onderwerp).
    heads = [
        head
        for head in find_letterheads(text)
        if not any(head.span.overlaps(block.span) for block in blocks)
    ]
    if blocks and (not heads or blocks[0].start < heads[0].span.start):
        return [document], _as_email(document, text, blocks, markers)
    warnings: list[str] = []
    if heads:
        warnings = _as_letterhead_document(document, text, heads[0])
    else:
        document.sections = find_sections(text)
    if is_decision_letter(document.title or "", text):
        document.kind = "letter"
        grounds = [g for r in markers.redactions for g in r.grounds] + [
            g for c in markers.citations for g in c.grounds
        ]
        cited = [g for g in grounds if g.law is not None]
        document.fields.update(decision_fields(text, document.fields.get("document_date"), cited))
    return [document], warnings


def _as_email(
    document: Document, text: str, blocks: list[HeaderBlock], markers: MarkerAnalysis
) -> list[str]:
    thread = build_thread(text, blocks, len(text), markers.redactions)
    top = thread.messages[0]
    document.kind = "email"
    document.title = top.subject or document.title
    document.date = top.sent
    document.messages = thread.messages
    document.sections = thread.sections
    document.attachments = list(dict.fromkeys(a for m in thread.messages for a in m.attachments))
    return thread.warnings


def _as_letterhead_document(document: Document, text: str, head: Letterhead) -> list[str]:
    document.kind = head.kind or _kind_without_kind_line(text, head)
    document.fields = head.fields
    document.title = head.fields.get("subject") or document.title
    document.date = head.date
    document.sections = [
        section
        for section in find_sections(text, head.span.end)
        if head.kind_span is None or not section.span.overlaps(head.kind_span)
    ]
    return head.warnings


_LETTER_WORDS = re.compile(r"(?im)^[ \t*]*(?:geachte|beste|hoogachtend|met vriendelijke groet)\b")


def _kind_without_kind_line(text: str, head: Letterhead) -> DocumentKind:
    subject = head.fields.get("subject", "").lower()
    if re.search(r"\b(?:verslag|notulen|besluitenlijst)\b", subject):
        return "minutes"
    if re.search(r"\bagenda\b", subject):
        return "agenda"
    if _LETTER_WORDS.search(text, head.span.end) or "their_reference" in head.fields:
        return "letter"
    return "memo"
