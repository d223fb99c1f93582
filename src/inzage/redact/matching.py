"""Finding a redacted string again in any of its written forms: another case,
without its accents, with its words broken over a line or a hyphenated line
end (``disclosure.md`` §3).  Used to place the officer's terms, to redact
every occurrence of a redacted string, and by ``verify`` to look for leaks."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

# Dropped when folding: soft hyphens and zero-width characters, which an
# extractor may or may not give.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
# A hyphen at the end of a line joins the word broken there.
_LINE_END_HYPHEN = re.compile(r"[-\u2010\u2011][ \t]*\r?\n[ \t]*")


@dataclass(frozen=True)
class Needle:
    """A string to redact.  ``any_case``: every case of it counts (the
    officer's terms); else a variant in lower case does not ("Visser" the
    name, not "visser" the word), but capitals do ("VISSER")."""

    text: str
    ground: str
    any_case: bool = True


def found_needle(text: str, ground: str) -> Needle:
    """A string found redacted (a decision's, what stood under a box): a
    single word keeps its capitals ("Visser" the name, not "visser" the
    word), several words are a name in any case ("wouter.kramsveld@")."""
    return Needle(text, ground, any_case=len(text.split()) > 1)


@dataclass(frozen=True)
class Folded:
    """A text folded for matching, and for each folded character the offset
    in the text it came from."""

    text: str
    origins: Sequence[int]


def fold(text: str) -> Folded:
    """``text`` in lower case without accents, white space as spaces, a
    hyphenated line end joined, invisible characters dropped.

    Each distinct character is folded once and the text translated in one go
    (a page has a few dozen distinct characters and thousands of them)."""
    import numpy as np

    joined = _LINE_END_HYPHEN.sub(lambda m: "\0" * len(m[0]), text)
    table = {ord(c): _fold_char(c) for c in set(joined)}
    folded = joined.translate(table)
    if len(folded) == len(joined) and all(len(v) == 1 for v in table.values()):
        return Folded(folded, range(len(joined)))
    lengths = joined.translate({k: chr(min(len(v), 255)) for k, v in table.items()})
    counts = np.frombuffer(lengths.encode("latin-1"), dtype=np.uint8)
    origins = np.repeat(np.arange(len(joined), dtype=np.int64), counts)
    return Folded(folded, origins.tolist())


@cache
def _fold_char(char: str) -> str:
    # Invisible format characters (bidi marks, isolates, joiners) and lone
    # combining marks (a name written decomposed, as macOS does) hide nothing
    # a reader sees: they fold away.
    if char == "\0" or char in _INVISIBLE or unicodedata.category(char) in ("Cf", "Mn", "Me"):
        return ""
    if char.isspace():
        return " "
    decomposed = unicodedata.normalize("NFKD", char)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return (bare or char).casefold()


@cache
def fold_needle(text: str) -> str:
    """A needle folded, its white space runs as one space."""
    return " ".join(fold(text).text.split())


# What may stand between the words of a string: white space, a dot,
# underscore, hyphen or plus (an address, a URL), a URL's %20, and Markdown's
# emphasis marks around either word ("Jan **Jansen**").
# The gap is an atomic group: a run of marks could be split between its parts
# in many ways, and a search that fails would try them all (exponential in
# the words of a needle); what follows a gap is a letter, which none of it eats.
_BETWEEN_WORDS = r"(?>[*_~`]*(?: +|[._+-]|%20)?[*_~`]*)"


@cache
def _pattern(folded: str) -> re.Pattern[str]:
    # Words of a name may come out of an extractor with or without the space
    # between them ("Jan Jansen", "JanJansen"), broken over lines, and stand
    # in an e-mail address or a URL joined by other marks (_BETWEEN_WORDS).
    # The word boundary before it is checked by the caller: a pattern that
    # starts with its literal text is searched for far faster than one that
    # starts with a look-behind.
    words = [re.escape(w) for w in folded.split(" ")]
    return re.compile(_BETWEEN_WORDS.join(words) + r"(?![^\W_])")


def _starts_word(text: str, at: int) -> bool:
    return at == 0 or not text[at - 1].isalnum()


def occurrences(
    text: str, needles: Sequence[Needle], folded: Folded | None = None
) -> list[tuple[int, int, Needle]]:
    """Every place in ``text`` where a needle stands, as ``(start, end, needle)``
    with offsets into ``text``, in order of start; overlapping places are all
    given (the caller merges them)."""
    folded = folded if folded is not None else fold(text)
    found: list[tuple[int, int, Needle]] = []
    for needle in needles:
        key = fold_needle(needle.text)
        if not key:
            continue
        pattern, at = _pattern(key), 0
        while (match := pattern.search(folded.text, at)) is not None:
            at = match.start() + 1
            if not _starts_word(folded.text, match.start()):
                continue
            at = match.end()
            start = folded.origins[match.start()]
            end = folded.origins[match.end() - 1] + 1
            if not needle.any_case and _lowered_variant(needle.text, text[start:end]):
                continue
            found.append((start, end, needle))
    return sorted(found, key=lambda hit: (hit[0], -hit[1]))


def _lowered_variant(needle: str, seen: str) -> bool:
    """The needle has capitals and what stands in the text has none."""
    return any(c.isupper() for c in needle) and not any(c.isupper() for c in seen)


def contains(text: str, needle: Needle) -> bool:
    return bool(occurrences(text, [needle]))


# How far back from a page's end and on into the next page a string broken
# over the two is looked for: more than any name or address.
ACROSS_PAGES = 200


def across_pages(
    before: str, after: str, needles: Sequence[Needle]
) -> list[tuple[int, int, Needle]]:
    """The occurrences that begin in ``before`` (a page's text) and end in
    ``after`` (the next page's), the two read as one text with a line break
    between: a name broken over two pages.  Start is an offset into
    ``before``, end one into ``after``."""
    head = before[-ACROSS_PAGES:]
    joined = f"{head}\n{after[:ACROSS_PAGES]}"
    cut = len(head)
    return [
        (len(before) - cut + start, end - cut - 1, needle)
        for start, end, needle in occurrences(joined, list(needles))
        if start < cut and end > cut + 1
    ]


def may_occur(folded_text: str, needles: Sequence[Needle]) -> bool:
    """Whether a needle may stand in a text folded by :func:`fold` (a quick
    test before :func:`occurrences`, which also checks where words start)."""
    return any(
        _pattern(key).search(folded_text) is not None
        for key in (fold_needle(n.text) for n in needles)
        if key
    )
