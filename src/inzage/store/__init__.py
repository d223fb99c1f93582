"""store/search: the corpus in one SQLite file or a PostgreSQL database.

``ingest`` parses files in worker processes and writes each source in one
transaction (``write``); ``load`` turns rows back into the document model;
``dedupe`` and ``threads`` run over the whole store after each ingest;
``terms`` folds and stems text for the full-text index and ``search`` queries
it; ``export`` streams rows out; ``database`` is where a store lives.
:class:`Corpus` is the API the CLI and the web app use.

The names below load on first use, so that a command importing a light
module of the store (``database``) does not import all of it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from inzage.store.corpus import Corpus, QueryTimeoutError
    from inzage.store.schema import SCHEMA_VERSION, StoreError

__all__ = ["SCHEMA_VERSION", "Corpus", "QueryTimeoutError", "StoreError"]

_WHERE = {
    "Corpus": "inzage.store.corpus",
    "QueryTimeoutError": "inzage.store.corpus",
    "SCHEMA_VERSION": "inzage.store.schema",
    "StoreError": "inzage.store.schema",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'inzage.store' has no attribute {name!r}")
