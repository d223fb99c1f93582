"""inzage: read, search and redact Dutch government documents released under the Woo/Wob.

The public Python API::

    from inzage import parse, parse_text
    source = parse("mail.txt")          # -> inzage.model.Source
    for document in source.documents:
        for redaction in document.redactions:
            print(redaction.marker, [g.code for g in redaction.grounds])

    from inzage import Corpus
    with Corpus("inzage.db") as corpus:  # made by `inzage ingest`
        for hit in corpus.search("jeugdzorg gemeenten", kind="memo").hits:
            print(hit.title, hit.snippet)
"""

__version__ = "0.1.0"

from inzage.model import (
    Document,
    Entity,
    Finding,
    Ground,
    Message,
    Party,
    Redaction,
    Section,
    Source,
    Span,
)
from inzage.pipeline import parse_path as parse
from inzage.pipeline import parse_text
from inzage.store import Corpus

__all__ = [
    "Corpus",
    "Document",
    "Entity",
    "Finding",
    "Ground",
    "Message",
    "Party",
    "Redaction",
    "Section",
    "Source",
    "Span",
    "__version__",
    "parse",
    "parse_text",
]
