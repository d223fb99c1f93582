"""The BM25 baseline of ``bench/relevance.py``, run inside its own virtual
environment (build/relevance/bm25-venv, made by the runner): this file imports
nothing of inzage, only the standard library, bm25s and PyStemmer, so neither
becomes a dependency of the project.

Reads a JSON request on stdin::

    {"root": "/…/real", "files": ["uwv-woo/…/….md", …], "queries": {"k01": "…"}, "k": 10,
     "cache": "build/relevance/bm25-index", "key": "…"}

indexes one document per file (front matter left out), or loads the index
kept in ``cache`` when it was made for the same ``key`` (the runner's hash of
the files and of this script: tokenising the corpus takes half a minute, a
query milliseconds), and prints one JSON
object on stdout: the top ``k`` file keys of every query, best first, with
what was used (versions, stop words, timings).  Tokens: lower case, accents
folded, runs of letters and digits; Dutch stop words (bm25s's list) dropped;
the Snowball Dutch stemmer.  BM25 with k1 = 1.2 and b = 0.75 (Lucene's
formula, as tantivy, which inzage uses, has it): any-word ranking, a file
with any query word is a hit.

    build/relevance/bm25-venv/bin/python bench/relevance_bm25.py < request.json
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from importlib.metadata import version
from pathlib import Path
from typing import Any

K1 = 1.2
B = 0.75
STEMMER = "dutch"
_WORD = re.compile(r"[^\W_]+")
# As inzage reads Markdown: a leading block between two "---" lines is metadata.
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?:.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def body(text: str) -> str:
    """The text without its YAML front matter."""
    return _FRONT_MATTER.sub("", text, count=1)


def fold(text: str) -> str:
    """Lower case, accents off ("geïnformeerd" → "geinformeerd")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


class Analyser:
    """Text to index terms: folded words, stop words out, stemmed."""

    def __init__(self) -> None:
        import Stemmer  # type: ignore[import-not-found,import-untyped,unused-ignore]
        from bm25s.stopwords import (  # type: ignore[import-not-found,unused-ignore]
            STOPWORDS_DUTCH,
        )

        # Folded like the text, or "één" would never match.
        self.stop_words = frozenset(fold(w) for w in STOPWORDS_DUTCH)
        self.stemmer: Any = Stemmer.Stemmer(STEMMER)

    def terms(self, text: str) -> list[str]:
        kept = [w for w in words(text) if w not in self.stop_words]
        return list(self.stemmer.stemWords(kept))


def top_keys(scores: Any, keys: list[str], k: int) -> list[str]:
    """The ``k`` best-scoring keys with a score above zero; ties in file order."""
    import numpy as np

    order = np.argsort(-scores, kind="stable")[:k]
    return [keys[int(i)] for i in order if scores[int(i)] > 0]


def index(root: Path, keys: list[str], analyser: Analyser) -> Any:
    import bm25s  # type: ignore[import-not-found,unused-ignore]

    corpus = [
        analyser.terms(body((root / key).read_text(encoding="utf-8", errors="replace")))
        for key in keys
    ]
    retriever = bm25s.BM25(k1=K1, b=B)
    retriever.index(corpus, show_progress=False)
    return retriever


def cached_index(
    root: Path, keys: list[str], analyser: Analyser, cache: Path | None, key: str
) -> tuple[Any, bool]:
    """The index, and whether it came from ``cache``."""
    import bm25s  # type: ignore[import-not-found,unused-ignore]

    if cache is None:
        return index(root, keys, analyser), False
    stamp = cache / "made-for"
    wanted = json.dumps({"key": key, "bm25s": version("bm25s"), "files": keys})
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted:
        return bm25s.BM25.load(str(cache)), True
    retriever = index(root, keys, analyser)
    stamp.unlink(missing_ok=True)
    retriever.save(str(cache))
    stamp.write_text(wanted, encoding="utf-8")  # last: a half-saved index is not reused
    return retriever, False


def run(request: dict[str, Any]) -> dict[str, Any]:
    root = Path(request["root"])
    keys: list[str] = list(request["files"])
    k = int(request.get("k", 10))
    cache = Path(request["cache"]) if request.get("cache") else None
    analyser = Analyser()
    started = time.process_time()
    retriever, reused = cached_index(root, keys, analyser, cache, str(request.get("key", "")))
    indexed = time.process_time() - started
    rankings: dict[str, list[str]] = {}
    started = time.process_time()
    for need, query in request["queries"].items():
        # Words the corpus never has are left out (bm25s cannot score them).
        ids = retriever.get_tokens_ids(analyser.terms(query))
        rankings[need] = top_keys(retriever.get_scores_from_ids(ids), keys, k) if ids else []
    return {
        "system": f"bm25s {version('bm25s')}, PyStemmer {version('PyStemmer')} ({STEMMER})",
        "k1": K1,
        "b": B,
        "stop_words": len(analyser.stop_words),
        "documents": len(keys),
        "index_reused": reused,
        "index_cpu_seconds": round(indexed, 2),
        "search_cpu_seconds": round(time.process_time() - started, 3),
        "rankings": rankings,
    }


def main() -> None:
    json.dump(run(json.load(sys.stdin)), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
