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

The names are imported on first use: ``import inzage`` (and so every
``inzage`` command) does not pay for the PDF, image and search libraries until
something needs them.
"""

import typing as _typing
from importlib import import_module as _import_module
from pathlib import Path as _Path

# The parse stage's subpackage is imported here, before the function ``parse``
# below takes its name in this namespace: imported later, it would rebind it.
import inzage.parse as _parse_stage  # noqa: F401
from inzage.read.options import DEFAULT_READ as _DEFAULT_READ
from inzage.read.options import ReadOptions as _ReadOptions

__version__ = "0.1.0"

if _typing.TYPE_CHECKING:
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
# Where the names of __all__ that are not defined here live (the rest: the model).
_ELSEWHERE = {"parse_text": "inzage.pipeline", "Corpus": "inzage.store"}


def parse(path: str | _Path, options: _ReadOptions = _DEFAULT_READ) -> "Source":
    """Read and parse one file (see :func:`inzage.pipeline.parse_path`)."""
    from inzage.pipeline import parse_path

    return parse_path(path, options)


def __getattr__(name: str) -> _typing.Any:
    if name not in __all__:
        raise AttributeError(f"module 'inzage' has no attribute {name!r}")
    value = getattr(_import_module(_ELSEWHERE.get(name, "inzage.model")), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
