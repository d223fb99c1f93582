"""Turn one source's reading text into its documents.

A file with e-mail header blocks is one e-mail document whose messages are
the thread; any other file is one document of kind ``other``.  Splitting
bundles into several documents and the memo and letter kinds come later.
"""

from __future__ import annotations

from typing import Any

from inzage.detect.engine import MarkerAnalysis
from inzage.model import Document, Span, document_id
from inzage.parse.email import build_thread
from inzage.parse.email_headers import find_header_blocks
from inzage.parse.language import guess_language


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
    if not blocks:
        return [document], []
    thread = build_thread(text, blocks, len(text), markers.redactions)
    top = thread.messages[0]
    document.kind = "email"
    document.title = top.subject or document.title
    document.date = top.sent
    document.messages = thread.messages
    document.sections = thread.sections
    document.attachments = list(dict.fromkeys(a for m in thread.messages for a in m.attachments))
    return [document], thread.warnings
