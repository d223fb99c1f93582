"""Turn one source's reading text into its documents.

For now a file yields one document of kind ``other`` that carries every marker;
the kinds (e-mail, memo, letter ...) and bundle splitting fill this in later.
"""

from __future__ import annotations

from typing import Any

from inzage.detect.engine import MarkerAnalysis
from inzage.model import Document, Span, document_id
from inzage.parse.language import guess_language


def build_documents(
    text: str, sha256: str, metadata: dict[str, Any], markers: MarkerAnalysis
) -> list[Document]:
    span = Span(start=0, end=len(text))
    title = metadata.get("title")
    return [
        Document(
            id=document_id(sha256, span),
            kind="other",
            title=str(title) if title else None,
            span=span,
            language=guess_language(text),
            redactions=markers.redactions,
        )
    ]
