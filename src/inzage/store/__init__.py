"""store/search: the corpus in one SQLite file.

``ingest`` parses files in worker processes and writes each source in one
transaction (``write``); ``load`` turns rows back into the document model;
``dedupe`` and ``threads`` run over the whole store after each ingest;
``terms`` folds and stems text for the full-text index and ``search`` queries
it; ``export`` streams rows out.  :class:`Corpus` is the API the CLI and the
web app use.
"""

from inzage.store.corpus import Corpus, QueryTimeoutError
from inzage.store.schema import SCHEMA_VERSION, StoreError

__all__ = ["SCHEMA_VERSION", "Corpus", "QueryTimeoutError", "StoreError"]
