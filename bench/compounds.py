"""Dutch compounds in search: what splitting them would add, on real Woo requests.

    .venv/bin/python bench/compounds.py [--show 0]

Should ``jeugdzorg`` find ``jeugdzorgaanbieders`` (the query as the first
part of a compound), and ``zorg`` find ``jeugdzorg`` (the query as the last
part)?  The queries are the topic words of the real UWV Woo requests (the
words of each publication's name: ``…-beleid-ziektewet`` → ``ziektewet``),
the documents the real UWV texts.  For each query: the documents that hold
the word itself (any inflection: the same stem), and the documents that hold
it only inside a longer word, as its first part or as its last part.  A
longer word counts as a compound when the rest (linking s or e allowed) is
itself a word of the corpus; otherwise the check cannot tell a piece of a
word ("behoud" in "voorbehouden") from a compound whose other part is rare.
``--show N`` prints N example pairs of each kind for reading (to stdout
only).  Skips cleanly when the real data is absent.
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter, defaultdict
from pathlib import Path

from inzage.store.terms import fold, stem

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real" / "uwv-woo"
# Words of a request's name that say what kind of publication it is, not its topic.
GENERIC = frozenset(
    "besluit beslissing wobverzoek verzoek inzake over van naar het een met door bij voor "
    "bezwaar informatie documenten stukken openbaarmaking woo wob deel tweede eerste "
    "aanvullend gedeeltelijke uitvoering aanvraag".split()
)
_WORD = re.compile(r"[^\W\d_]{3,}")
_LINKS = ("", "s", "e", "en")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", type=int, default=0)
    arguments = parser.parse_args()
    files = sorted(REAL.rglob("*.md")) if REAL.is_dir() else []
    if not files:
        print("compounds: skipped (../shared/data/real/uwv-woo is absent)")
        return
    documents = [set(_WORD.findall(fold(p.read_text("utf-8", "replace")))) for p in files]
    counts: Counter[str] = Counter(w for words in documents for w in words)
    vocabulary = {w for w, n in counts.items() if n >= 3}
    queries = sorted(
        {
            w
            for folder in {p.parent.name for p in files}
            for w in _WORD.findall(fold(folder.replace("-", " ")))
            if len(w) >= 5 and w not in GENERIC and counts[w] >= 2
        }
    )
    by_stem: dict[str, set[int]] = defaultdict(set)
    for number, words in enumerate(documents):
        for w in words:
            by_stem[stem(w)].add(number)
    totals = Counter[str]()
    examples: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for query in queries:
        exact = by_stem.get(stem(query), set())
        found: dict[str, set[int]] = {"first": set(), "last": set(), "piece": set()}
        for number, words in enumerate(documents):
            if number in exact:
                continue
            for w in words:
                if len(w) < len(query) + 3 or query not in w:
                    continue
                kind = _part(query, w, vocabulary)
                found[kind].add(number)
                if len(examples[kind]) < 500:
                    examples[kind].append((query, w))
        totals["queries"] += 1
        totals["exact"] += len(exact)
        for kind, numbers in found.items():
            totals[kind] += len(numbers)
    print(f"{len(files):,} documents, {totals['queries']} queries from the request names")
    print(f"documents with the word itself (any inflection): {totals['exact']:,}")
    for kind, what in (
        ("first", "only as the first part of a compound (query*)"),
        ("last", "only as the last part of a compound"),
        ("piece", "only inside a longer word the check cannot split (a piece, or parts unseen)"),
    ):
        share = totals[kind] / totals["exact"] if totals["exact"] else 0.0
        print(f"  + {totals[kind]:,} documents with it {what}: {share:.0%} more")
    rng = random.Random(1)
    for kind, pairs in examples.items():
        for query, word in rng.sample(pairs, min(arguments.show, len(pairs))):
            print(f"{kind}: {query} → {word}")


def _part(query: str, word: str, vocabulary: set[str]) -> str:
    """How ``query`` sits in ``word``: the first part of a compound, the last,
    or a piece of a word that is not made of it."""
    if word.startswith(query):
        rest = word[len(query) :]
        if any(rest.startswith(link) and rest[len(link) :] in vocabulary for link in _LINKS):
            return "first"
    if word.endswith(query):
        rest = word[: -len(query)]
        if any(
            rest.endswith(link) and rest[: len(rest) - len(link)] in vocabulary for link in _LINKS
        ):
            return "last"
    return "piece"


if __name__ == "__main__":
    main()
