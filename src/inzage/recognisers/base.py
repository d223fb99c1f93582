"""The recogniser contract, after Presidio's ``EntityRecognizer``.

A recogniser is one class per kind of thing recognised.  It finds spans in text
and returns :class:`~inzage.model.Finding` objects with a reason; it never edits
text.  :class:`PatternRecogniser` covers the common case: subclasses supply
regular expressions as data and may override :meth:`PatternRecogniser.validate`.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import partial
from typing import ClassVar, Generic, NamedTuple, TypeVar

from ahocorasick_rs import AhoCorasick

from inzage.model import Finding, Span

Found = TypeVar("Found", covariant=True)


class Recogniser(Generic[Found]):
    """Base class of every recogniser.

    ``kinds`` names what it finds; ``requires`` names kinds that must be found
    first (the registry checks the order); ``languages`` the languages of text
    it reads (``"*"``: any).  Results carry ``f"{name}.v{version}"`` so that a
    finding can always be traced to the code that made it.  Most recognisers
    find :class:`~inzage.model.Finding` spans; a structural one (an e-mail
    header block) returns its own type.
    """

    name: ClassVar[str] = ""
    version: ClassVar[int] = 1
    kind: ClassVar[str] = ""  # for a recogniser of one kind: sets ``kinds``
    kinds: ClassVar[tuple[str, ...]] = ()
    requires: ClassVar[tuple[str, ...]] = ()
    languages: ClassVar[tuple[str, ...]] = ("*",)

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.kind:
            cls.kinds = (cls.kind,)

    @property
    def id(self) -> str:
        return f"{self.name or type(self).__name__}.v{self.version}"

    def load(self) -> None:
        """Load heavy assets; called once before the first :meth:`find`."""

    def find(self, text: str) -> Iterable[Found]:
        """What is found in ``text``, in order of its start (so that a search
        can stop part-way: see :func:`find_bounded`)."""
        raise NotImplementedError


@dataclass(frozen=True)
class Pattern:
    """A named regular expression with the score its matches start from."""

    name: str
    regex: str
    score: float = 1.0
    flags: int = re.VERBOSE
    # Characters that may not stand just before a match, checked after matching:
    # a look-behind at the start of a regex stops the engine from skipping ahead.
    not_after: str = ""
    # Literals of which at least one must occur in the text for the pattern to be
    # tried at all: a substring test is far cheaper than a regex scan.
    requires: tuple[str, ...] = ()
    # The same for the text in lower case, for a pattern that ignores case.
    requires_lower: tuple[str, ...] = ()
    # A regex for what ends every match (``euro``), and how many characters a
    # match spans at most: the regex is then tried only in the stretch before
    # each place ``ends_with`` matches, where a pattern that starts with a digit
    # would be tried at every run of digits of a table.  Longer matches are
    # not found.
    ends_with: str = ""
    reach: int = 0


class _Compiled(NamedTuple):
    """A :class:`Pattern` with its regular expressions compiled."""

    pattern: Pattern
    regex: re.Pattern[str]
    not_after: re.Pattern[str] | None
    ends_with: re.Pattern[str] | None


class PatternRecogniser(Recogniser[Finding]):
    """A recogniser made of data: ``PATTERNS`` and an optional ``validate`` hook."""

    PATTERNS: ClassVar[tuple[Pattern, ...]] = ()

    def __init__(self) -> None:
        self._compiled: list[_Compiled] = []

    def load(self) -> None:
        if not self._compiled:
            self._compiled = [
                _Compiled(
                    p,
                    re.compile(p.regex, p.flags),
                    re.compile(p.not_after) if p.not_after else None,
                    re.compile(p.ends_with) if p.ends_with else None,
                )
                for p in self.PATTERNS
            ]

    def find(self, text: str) -> Iterator[Finding]:
        self.load()
        # As a case-insensitive pattern reads it ("ı" as "i"); where lower case
        # is not one to one ("İ"), every pattern is tried.
        lower = lowered(text) if any(c.pattern.requires_lower for c in self._compiled) else None
        return in_order(
            *(
                self._matches(text, compiled)
                for compiled in self._compiled
                if _present(compiled.pattern.requires, text)
                and (lower is None or _present(compiled.pattern.requires_lower, lower))
            )
        )

    def _matches(self, text: str, compiled: _Compiled) -> Iterator[Finding]:
        pattern, regex, not_after, ends_with = compiled
        matches = (
            regex.finditer(text)
            if ends_with is None
            else _ending_at(regex, ends_with, pattern.reach, text)
        )
        for match in matches:
            start = match.start()
            if not_after is not None and start and not_after.match(text, start - 1):
                continue
            finding = self.validate(
                text,
                match,
                Finding(
                    kind=self.kind,
                    span=Span(start=start, end=match.end()),
                    score=pattern.score,
                    recogniser=self.id,
                    explanation=f"pattern {pattern.name}",
                    notation=None,
                    grounds=[],
                    value=None,
                ),
            )
            if finding is not None:
                yield finding

    def validate(self, text: str, match: re.Match[str], finding: Finding) -> Finding | None:
        """Check or enrich a match; return ``None`` to drop it silently.

        Return the finding with ``score=0`` and a reason in ``explanation`` to
        turn it down visibly.
        """
        return finding


def _present(literals: tuple[str, ...], text: str) -> bool:
    """No literals are asked for, or one of them is in ``text``."""
    return not literals or any(literal in text for literal in literals)


def _ending_at(
    regex: re.Pattern[str], end: re.Pattern[str], reach: int, text: str
) -> Iterator[re.Match[str]]:
    """``regex``'s matches that end where ``end`` matches, found in the ``reach``
    characters before each such place (see :attr:`Pattern.ends_with`).  The
    search may see one character past the end, for a closing ``\b``."""
    cursor = 0
    for hit in end.finditer(text):
        if hit.start() < cursor:
            continue
        match = regex.search(text, max(cursor, hit.start() - reach), min(len(text), hit.end() + 1))
        if match is not None and match.end() >= hit.end():
            cursor = match.end()
            yield match


def in_order(*streams: Iterable[Finding]) -> Iterator[Finding]:
    """Findings of several streams, each in order of start, as one such stream."""
    return heapq.merge(*streams, key=lambda finding: finding.span.start)


@dataclass(frozen=True)
class Bounded:
    """What :func:`find_bounded` found.  ``cut`` is ``None`` when the whole text
    was searched; else findings were looked for only before that offset."""

    findings: list[Finding]
    cut: int | None


def find_bounded(recognisers: Iterable[Recogniser[Finding]], text: str, limit: int) -> Bounded:
    """Every finding of ``recognisers`` in ``text``, but never more than ``limit``:
    past that, the search stops at the offset where the limit was reached and
    everything from there on is left out, so what is returned is complete for
    the text before ``cut``.  A text that is one long table of dates or markers
    would otherwise take gigabytes in finding objects."""
    found: list[Finding] = []
    cut: int | None = None
    for recogniser in recognisers:
        for finding in recogniser.find(text):
            if cut is not None and finding.span.start >= cut:
                break
            found.append(finding)
            if len(found) > limit:
                # Keep the first nine tenths by start, so that the next cut is
                # a tenth of the limit away (not one finding away).
                cut = sorted(f.span.start for f in found)[limit * 9 // 10]
                found = [f for f in found if f.span.start < cut]
                if finding.span.start >= cut:
                    break
    return Bounded(found, cut)


def longest_per_cluster(findings: Sequence[Finding]) -> list[Finding]:
    """Within each run of mutually overlapping findings keep the longest ones that do
    not overlap; linear in the number of findings while runs stay short."""
    ordered = sorted(findings, key=lambda f: (f.span.start, -len(f.span)))
    kept: list[Finding] = []
    cluster: list[Finding] = []
    cluster_end = -1
    for finding in ordered:
        if cluster and finding.span.start >= cluster_end:
            kept.extend(_greedy_longest(cluster))
            cluster = []
        cluster_end = max(cluster_end, finding.span.end) if cluster else finding.span.end
        cluster.append(finding)
    kept.extend(_greedy_longest(cluster))
    return kept


def _greedy_longest(cluster: list[Finding]) -> list[Finding]:
    chosen: list[Finding] = []
    for finding in sorted(cluster, key=lambda f: (-len(f.span), -f.score, f.span.start)):
        if not any(finding.span.overlaps(c.span) for c in chosen):
            chosen.append(finding)
    return sorted(chosen, key=lambda f: f.span.start)


# How far a line is read on either side of a span, in characters.
WINDOW = 300


def line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The line around a span, cut off at :data:`WINDOW` characters on either side so
    that a file of one 10 MB line costs no more per marker than any other."""
    low = max(0, start - WINDOW)
    newline = text.rfind("\n", low, start)
    line_start = newline + 1 if newline != -1 else low
    high = min(len(text), end + WINDOW)
    newline = text.find("\n", end, high)
    return line_start, high if newline == -1 else newline


# Letters a case-insensitive pattern reads as s and i, which lower() keeps.
_CASE_ODD = str.maketrans("ſı", "si")


def lowered(text: str, lower: str | None = None) -> str | None:
    """``text`` in lower case, one character for one, with "ſ" and "ı" as the
    s and i a case-insensitive pattern reads them as: what the starts of a
    :class:`Prefiltered` scan written in lower case search.  ``None`` where
    lower case is not one to one ("İ").  ``lower``: ``text.lower()``, where
    the caller has it already."""
    lower = text.lower() if lower is None else lower
    if len(lower) != len(text):
        return None
    # Two substring tests are far faster than one regex search of the text.
    return lower.translate(_CASE_ODD) if "ſ" in lower or "ı" in lower else lower


def line_around(text: str, at: int) -> tuple[int, int]:
    """The start and end of the line of ``text`` that holds offset ``at``."""
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, len(text) if end == -1 else end


def lines_with(
    hint: re.Pattern[str] | Terms,
    text: str,
    *,
    scanned: str | None = None,
    lines: Callable[[str, int], tuple[int, int]] = line_around,
) -> Iterator[tuple[int, int]]:
    """The start and end of every line of ``text`` that holds a match of
    ``hint``, in order, each once: where a pattern that never crosses a line
    and always holds ``hint`` is worth running (``pattern.finditer(text, start,
    end)`` finds there what it finds in the whole text).  ``scanned``: what the
    hint searches, one character for each of ``text`` (its lower case);
    ``lines``: the stretch around a match (the line, or lines joined).  A hint
    never matches over a line break (the words of :class:`Terms` may)."""
    searched = text if scanned is None else scanned
    places = (
        hint.starts(searched)
        if isinstance(hint, Terms)
        else (match.start() for match in hint.finditer(searched))
    )
    done = -1
    for place in places:
        if place > done:
            start, done = lines(text, place)
            yield start, done


@dataclass(frozen=True)
class Terms:
    """Where any of ``words`` starts, as a start of a :class:`Prefiltered` scan:
    one Aho–Corasick pass over the scanned text.  A regex alternation of words
    that begin with many different letters has no literal to skip to, so the
    engine tries it at every position; the automaton reads each character once.
    ``words`` are written as the scanned text writes them (lower case), a space
    standing for any run of white space, as in
    :func:`~inzage.recognisers.vocabulary.trie_alternation`; ``not_before``: a
    character class that may not stand just before a word; ``then``: a regex
    that must match right after it (a street's ending, then its number)."""

    words: tuple[str, ...]
    not_before: str = ""
    then: str = ""
    _automaton: AhoCorasick = field(init=False, repr=False, compare=False)
    # for each pattern of the automaton: the words before it and a check of
    # what must follow it (``None``: nothing), one entry per word it keys
    _readings: list[list[tuple[tuple[str, ...], re.Pattern[str] | None]]] = field(
        init=False, repr=False, compare=False
    )
    _not_before: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # A word of several is looked for by its longest word, which is rarer
        # than "de" of "de heer"; the words before it are read backwards from
        # there, the words after it (and ``then``) forwards.
        readings: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        singles = {w for w in self.words if len(w.split()) == 1}
        for word in self.words:
            parts = word.split()
            if not parts:
                continue  # white space only: found nowhere
            if len(parts) == 1 and not self.then and _starts_with_another(parts[0], singles):
                continue  # "mevrouw" starts where "mevr" does
            key = max(range(len(parts)), key=lambda i: len(parts[i]))
            after = "".join(rf"\s+{re.escape(part)}" for part in parts[key + 1 :])
            readings.setdefault(parts[key], []).append((tuple(parts[:key]), after + self.then))
        patterns = sorted(readings)
        object.__setattr__(self, "_automaton", AhoCorasick(patterns))
        compiled = [
            [(before, re.compile(after) if after else None) for before, after in readings[p]]
            for p in patterns
        ]
        object.__setattr__(self, "_readings", compiled)
        not_before = re.compile(self.not_before) if self.not_before else None
        object.__setattr__(self, "_not_before", not_before)

    def starts(self, scanned: str) -> list[int]:
        """Every offset of ``scanned`` where one of the words starts, in order."""
        found: set[int] = set()
        readings = self._readings
        for index, start, end in self._automaton.find_matches_as_indexes(scanned, True):
            for before, after in readings[index]:
                if after is not None and after.match(scanned, end) is None:
                    continue
                at = _words_before(scanned, start, before)
                if at is not None:
                    found.add(at)
        not_before = self._not_before
        if not_before is not None:
            found = {s for s in found if not s or not not_before.match(scanned, s - 1)}
        return sorted(found)


def _words_before(text: str, at: int, words: tuple[str, ...]) -> int | None:
    """Where ``words`` start when they stand right before offset ``at``, each
    followed by white space; ``None`` when they do not."""
    for word in reversed(words):
        end = at
        while end and text[end - 1].isspace():
            end -= 1
        if end == at or not text.endswith(word, 0, end):
            return None
        at = end - len(word)
    return at


def _starts_with_another(word: str, words: AbstractSet[str]) -> bool:
    """Whether a shorter one of ``words`` starts ``word`` (each of its
    prefixes looked up: a list of thousands of names is read in linear time)."""
    return any(word[:length] in words for length in range(1, len(word)))


@dataclass(frozen=True)
class Prefiltered:
    """A pattern tried only where cheaper ones find a place it can start.
    Python's regex engine skips ahead only to a leading literal or character
    set; a pattern that starts with ``^``, a look-behind or a case-insensitive
    word list is tried at every position.  Each of ``starts`` (a regex, or
    :class:`Terms` for a word list) finds places where ``full`` can match, at
    a regex's group ``at`` where it has one
    (``\n(?P<at>)label`` for a line start: a leading line break is a literal,
    ``^`` is none); position 0 is always tried.  Together they must find every
    place a match of ``full`` starts.  ``full`` decides, so the matches are
    those of ``full.finditer``."""

    full: re.Pattern[str]
    starts: tuple[re.Pattern[str] | Terms, ...]

    def finditer(self, text: str, scanned: str | None) -> Iterator[re.Match[str]]:
        """``full``'s matches in ``text``.  ``scanned`` is what ``starts`` search,
        one character for each of ``text``: the text itself, or the text in
        lower case for starts written in lower case (``None`` where lower case
        is not one to one: then ``full`` scans alone)."""
        if scanned is None:
            yield from self.full.finditer(text)
            return
        nowhere = len(scanned) + 1
        finders = [_start_finder(start, scanned) for start in self.starts]
        upcoming = [find(0) for find in finders]
        at = 0
        while at < nowhere:
            match = self.full.match(text, at)
            if match is not None:
                yield match
            position = at + 1 if match is None or match.end() == at else match.end()
            upcoming = [
                place if place >= position else find(position)
                for place, find in zip(upcoming, finders, strict=True)
            ]
            at = min(upcoming, default=nowhere)


def _start_finder(start: re.Pattern[str] | Terms, scanned: str) -> Callable[[int], int]:
    """Where ``start`` next says a match can start, at a position or after it
    (past the end of ``scanned`` when nowhere)."""
    if isinstance(start, re.Pattern):
        return partial(_next_start, start, scanned)
    places = start.starts(scanned)
    nowhere = len(scanned) + 1

    def find(position: int) -> int:
        index = bisect_left(places, position)
        return places[index] if index < len(places) else nowhere

    return find


def _next_start(pattern: re.Pattern[str], scanned: str, position: int) -> int:
    """Where ``pattern`` next says a match can start, at ``position`` or after;
    past the end of ``scanned`` when nowhere."""
    lead = 1 if "at" in pattern.groupindex else 0
    while (hit := pattern.search(scanned, max(0, position - lead))) is not None:
        at = hit.start("at") if lead else hit.start()
        if at >= position:
            return at
        position = max(position, hit.start() + 1)
    return len(scanned) + 1
