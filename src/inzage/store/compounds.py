"""Dutch compounds in a query: a long word also found as its parts written
apart ("fraudesignaleringsvoorziening" finds "Fraude Signalering Voorziening").

The index is the dictionary: a word is cut into two or three pieces that are
words of the index in their own right, each in :data:`PART_UNITS` units at
least, and the cut is taken when its parts are together more common than the
word whole (the geometric mean of their units, as Koehn and Knight split
compounds, 2003).  The parts then match as a phrase, in a row as the
documents write them.  Nothing is cut at index time, so the index does not
grow, and a word is never cut into pieces its documents do not use.  The
frequencies come from the caller (the engine's term dictionary).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import replace

from inzage.store.terms import AnyOf, Node, Phrase, Query, changed, made_of, stem

# A compound's parts are this long at least (shorter pieces, "ver", "be", are
# prefixes more often than words), and each in this many units at least (the
# index holds OCR's fragments too, each in a unit or two).
COMPOUND_PART = 4
COMPOUND_WORD = 2 * COMPOUND_PART
PART_UNITS = 3
# Longer words are codes or junk (as for stemming): cutting them costs the
# square of their length in lookups.
LONGEST_WORD = 40
# The letters Dutch puts between the parts of a compound ("arbeid-s-markt").
_LINKS = ("", "s", "e", "en")

Frequency = Callable[[str], int]  # units an index form is in


def decompounded(query: Query, frequency: Frequency) -> Query:
    """``query`` with each long word also as its parts in a row, where the
    index's words allow a cut; the stems to mark in snippets grow with them."""
    if query.tree is None:
        return query
    units = _Remembered(frequency)
    stems = set(query.stems)

    def with_parts(phrase: Phrase) -> Node:
        word = phrase.forms[0]
        if phrase.prefix or len(phrase.forms) != 1:
            return phrase
        if not COMPOUND_WORD <= len(word) <= LONGEST_WORD:
            return phrase
        parts = split(word, units)
        if parts is None:
            return phrase
        forms = tuple(stem(part) for part in parts)
        stems.update(forms)
        return AnyOf((phrase, Phrase(forms)))

    if query.parts:
        return made_of(query, tuple(changed(part, with_parts) for part in query.parts), stems)
    return replace(query, tree=changed(query.tree, with_parts), stems=frozenset(stems))


class _Remembered:
    """The units a piece of a word is in (as its stem), looked up once each
    for a whole query."""

    def __init__(self, frequency: Frequency) -> None:
        self.frequency = frequency
        self.seen: dict[str, int] = {}

    def __call__(self, piece: str) -> int:
        if piece not in self.seen:
            self.seen[piece] = self.frequency(stem(piece))
        return self.seen[piece]


def split(word: str, units: Callable[[str], int]) -> list[str] | None:
    """``word`` cut into two or three words the index holds, the cut whose
    parts are the most common, if that is more common than the word itself;
    else ``None``."""
    best, best_score = None, float(units(word))
    for parts in _cuts(word, 3):
        counts = [units(part) for part in parts]
        if min(counts) < PART_UNITS:
            continue
        score = math.prod(counts) ** (1 / len(counts))
        if score > best_score:
            best, best_score = parts, score
    return best


def _cuts(word: str, most: int) -> Iterator[list[str]]:
    """Every way to cut ``word`` into 2 to ``most`` parts of at least
    :data:`COMPOUND_PART` letters, a linking letter or two dropped at a cut."""
    for cut in range(COMPOUND_PART, len(word) - COMPOUND_PART + 1):
        head = word[:cut]
        for link in _LINKS:
            if not word.startswith(link, cut):
                continue
            rest = word[cut + len(link) :]
            if len(rest) < COMPOUND_PART:
                continue
            yield [head, rest]
            if most > 2:
                for tail in _cuts(rest, most - 1):
                    yield [head, *tail]
