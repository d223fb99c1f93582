"""Abbreviations and the names they stand for, so that a search for one finds
the other: "LCH" finds "Landelijk Consortium Hulpmiddelen" and the reverse.

The pairs come from the organisation catalogue and from the documents
themselves, where a name is defined as "Full Name (ABBR)" or "ABBR (Full
Name)".  Which words of the text before the brackets are the name is decided
as Schwartz and Hearst do it (A simple algorithm for identifying abbreviation
definitions in biomedical text, 2003): the abbreviation's letters, read
backwards, are found in order in those words, its first letter at the start
of a word.  Reading is pure; ingest stores each source's pairs (the
``abbreviations`` table) and search reads them with the catalogue's.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache

from inzage.detect.entities import catalogue_abbreviations
from inzage.store.terms import (
    AllOf,
    AnyOf,
    Node,
    Phrase,
    Query,
    changed,
    fold,
    made_of,
    stem,
    stop_words,
)

# "(LCH)" and "(Landelijk Consortium Hulpmiddelen)": brackets on one line.
_BRACKETED = re.compile(r"\(([^()\n]{2,150})\)")
_ABBREVIATION = re.compile(r"[A-Z][A-Za-z0-9&]{1,9}")
_WORD = re.compile(r"[^\W_][\w&'-]*")
# A source defines only so many: a list of hundreds in brackets is no glossary.
MAX_PER_SOURCE = 200


def is_abbreviation(word: str) -> bool:
    """Two to ten letters and digits, beginning with a capital, at least two
    capitals ("LCH", "NZa", "GGD", "Wmo" is not: one capital)."""
    return _ABBREVIATION.fullmatch(word) is not None and sum(c.isupper() for c in word) >= 2


def defined_abbreviations(text: str) -> list[tuple[str, str]]:
    """The (abbreviation, name) pairs ``text`` defines, each once, in order."""
    found: dict[tuple[str, str], None] = {}
    for match in _BRACKETED.finditer(text):
        inside = match.group(1).strip()
        before = text[max(0, match.start() - 200) : match.start()].split("\n")[-1]
        pair: tuple[str, str] | None = None
        if is_abbreviation(inside):
            pair = _named(inside, _WORD.findall(before))
        else:
            last = _WORD.findall(before)[-1:]
            if last and is_abbreviation(last[0]):
                # "ABBR (Full Name)": the whole bracket must be the name.
                named = _named(last[0], _WORD.findall(inside))
                if named is not None and named[1] == " ".join(_WORD.findall(inside)):
                    pair = named
        if pair is not None:
            found[pair] = None
            if len(found) >= MAX_PER_SOURCE:
                break
    return list(found)


def _named(abbreviation: str, words: list[str]) -> tuple[str, str] | None:
    """The run of ``words`` ending at the last one that ``abbreviation`` is made
    of: the words whose initials it is, else the shortest run that spells it
    (Schwartz–Hearst), or ``None``."""
    letters = [c for c in abbreviation.lower() if c.isalnum()]
    window = words[-min(len(letters) + 5, 2 * len(letters)) :]
    if len(window) < 2:
        return None
    initials = window[-len(letters) :]
    if len(initials) == len(letters) and [w[0].lower() for w in initials] == letters:
        return abbreviation, " ".join(initials)
    long = " ".join(window)
    lowered = long.lower()
    at = len(lowered) - 1
    for position in range(len(letters) - 1, -1, -1):
        letter = letters[position]
        while at >= 0 and (
            lowered[at] != letter or (position == 0 and at > 0 and lowered[at - 1].isalnum())
        ):
            at -= 1
        if at < 0:
            return None
        at -= 1
    start = lowered.rfind(" ", 0, at + 2) + 1
    name = long[start:]
    named_words = name.split()
    if len(named_words) < 2 or abbreviation in named_words or len(named_words) > len(letters) + 4:
        return None
    return abbreviation, name


@dataclass(frozen=True)
class Pairs:
    """Known pairs, as index forms: an abbreviation's form → the names' forms,
    and a name's content words → the abbreviations' forms."""

    names: dict[str, frozenset[tuple[str, ...]]]
    abbreviations: dict[tuple[str, ...], frozenset[str]]


NO_PAIRS = Pairs({}, {})


def known_pairs(pairs: Iterable[tuple[str, str]]) -> Pairs:
    """The pairs as search uses them.  An abbreviation that is also a stop
    word ("OM" for Openbaar Ministerie, "EN" for a standard) is left out: the
    name would find every "om" and "en"."""
    names: dict[str, set[tuple[str, ...]]] = {}
    abbreviations: dict[tuple[str, ...], set[str]] = {}
    stop = stop_words()
    for abbreviation, name in pairs:
        forms = _forms(abbreviation)
        name_forms = _forms(name)
        if len(forms) != 1 or len(name_forms) < 2 or fold(abbreviation) in stop:
            continue
        names.setdefault(forms[0], set()).add(name_forms)
        abbreviations.setdefault(_content(name_forms), set()).add(forms[0])
    return Pairs(
        {k: frozenset(v) for k, v in names.items()},
        {k: frozenset(v) for k, v in abbreviations.items()},
    )


def _forms(text: str) -> tuple[str, ...]:
    return tuple(stem(word) for word in re.findall(r"[^\W_]+", text))


def _content(forms: tuple[str, ...]) -> tuple[str, ...]:
    """A name's forms without its stop words, as a plain query leaves them."""
    stop = _stop_forms()
    return tuple(form for form in forms if form not in stop)


@cache
def _stop_forms() -> frozenset[str]:
    return frozenset(stem(word) for word in stop_words())


# The pairs of each store, for every Corpus of this process (the web app opens
# one per request): (the store's stamp, the pairs).
_KNOWN: dict[str, tuple[str | None, Pairs]] = {}
_KNOWN_LOCK = threading.Lock()


def pairs_of(store: str, stamp: str | None, read: Callable[[], list[tuple[str, str]]]) -> Pairs:
    """The catalogue's pairs and those ``read`` gives, made again only when
    the store's ``stamp`` (the last source that defined any) changed."""
    with _KNOWN_LOCK:
        known = _KNOWN.get(store)
    if known is not None and known[0] == stamp:
        return known[1]
    pairs = known_pairs([*catalogue_abbreviations(), *(read() if stamp else [])])
    with _KNOWN_LOCK:
        _KNOWN[store] = (stamp, pairs)
    return pairs


def expanded(query: Query, pairs: Pairs) -> Query:
    """``query`` with every known abbreviation also as its names, and every
    known name (a run of a plain query's words, or a quoted phrase) also as
    its abbreviations."""
    if query.tree is None or (not pairs.names and not pairs.abbreviations):
        return query
    stems = set(query.stems)
    if query.parts:
        return made_of(query, _merged_names(query.parts, pairs, stems), stems)
    return replace(query, tree=_with_pairs(query.tree, pairs, stems), stems=frozenset(stems))


def _merged_names(parts: tuple[Node, ...], pairs: Pairs, stems: set[str]) -> tuple[Node, ...]:
    """Runs of single words that spell a known name become one part (the words,
    or the name's abbreviations); every other part gets its pairs."""
    words = [p.forms[0] if isinstance(p, Phrase) and _single(p) else None for p in parts]
    merged: list[Node] = []
    at = 0
    while at < len(parts):
        for end in range(len(parts), at + 1, -1):
            run = tuple(word for word in words[at:end] if word is not None)
            known = pairs.abbreviations.get(run) if len(run) == end - at else None
            if known:
                stems.update(known)
                alternatives: list[Node] = [AllOf(parts[at:end])]
                alternatives += [Phrase((form,)) for form in sorted(known)]
                merged.append(AnyOf(tuple(alternatives)))
                at = end
                break
        else:
            merged.append(_with_pairs(parts[at], pairs, stems))
            at += 1
    return tuple(merged)


def _with_pairs(node: Node, pairs: Pairs, stems: set[str]) -> Node:
    """``node`` with each abbreviation also as its names, each name also as
    its abbreviations."""

    def paired(phrase: Phrase) -> Node:
        if phrase.prefix:
            return phrase
        if len(phrase.forms) == 1 and phrase.forms[0] in pairs.names:
            names = sorted(pairs.names[phrase.forms[0]])
            stems.update(form for name in names for form in name)
            return AnyOf((phrase, *(Phrase(name) for name in names)))
        known = pairs.abbreviations.get(_content(phrase.forms)) if len(phrase.forms) > 1 else None
        if known:
            stems.update(known)
            return AnyOf((phrase, *(Phrase((form,)) for form in sorted(known))))
        return phrase

    return changed(node, paired)


def _single(node: Node) -> bool:
    return isinstance(node, Phrase) and len(node.forms) == 1 and not node.prefix
