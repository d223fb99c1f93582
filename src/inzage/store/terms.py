"""Search terms: accent folding, Dutch stemming, the query tree and snippets.

The full-text index holds each word folded (lower case, accents off:
"geïnformeerd" → "geinformeerd") and stemmed with the Snowball Dutch (Porter)
stemmer ("gemeenten" → "gemeent"), so a query finds every inflection.  The
query goes through the same two steps; snippets are cut from the original
text, with the words whose stems matched marked.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice

import snowballstemmer

_WORD = re.compile(r"[^\W_]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# snowballstemmer hands out PyStemmer's compiled stemmers when it is installed
# (a dependency): the same stems, thirteen times faster than its pure Python.
# A Snowball stemmer keeps the word it works on in the object, so two threads
# sharing one (the web server's request threads) get each other's letters:
# wrong stems, or an IndexError.  Each thread gets its own.
_STEMMERS = threading.local()
# Words longer than this are codes or junk; they are indexed as they are.
_MAX_STEM_LENGTH = 40


class QueryError(ValueError):
    """The search query cannot be read (an unclosed quote or bracket, a lone operator)."""


def fold(text: str) -> str:
    """Lower case without accents."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.lower()))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The index form of one word: folded and stemmed."""
    folded = fold(word)
    if len(folded) > _MAX_STEM_LENGTH or not folded.isalpha():
        return folded
    stemmer = getattr(_STEMMERS, "dutch", None)
    if stemmer is None:
        stemmer = _STEMMERS.dutch = snowballstemmer.stemmer("dutch_porter")
    return str(stemmer.stemWord(folded))


def iter_folded_words(text: str, start: int = 0, end: int | None = None) -> Iterator[str]:
    """The words of ``text[start:end]``, folded (the text first: folding can split
    a character such as "¼" into several), one at a time and folded a megabyte
    at a time: a long text's word list, or its folded copies, would be many
    times the size of the text (and so would a slice of it)."""
    for low, high in stretches(text, start, len(text) if end is None else end, _PIECE):
        yield from _WORD.findall(fold(text[low:high]))


_PIECE = 1 << 20


def stretches(text: str, start: int, stop: int, size: int) -> Iterator[tuple[int, int]]:
    """``text[start:stop]`` as consecutive (start, end) stretches of about ``size``
    characters, cut after white space (never inside a word, unless a stretch
    has none)."""
    while True:
        end = start + size
        if end >= stop:
            yield start, stop
            return
        space = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
        end = space + 1 if space > start else end
        yield start, end
        start = end


def index_text(text: str, start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` as the index holds it: its words' index forms,
    space-separated."""
    return " ".join(stem(word) for word in iter_folded_words(text, start, end))


@dataclass(frozen=True)
class Phrase:
    """Index forms in a row (one form: a word); ``prefix``: the last is a prefix."""

    forms: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Without:
    """``kept NOT left_out``."""

    kept: Node
    left_out: Node


Node = Phrase | AllOf | AnyOf | Without


@dataclass(frozen=True)
class Query:
    """A user's query read: its tree (``None``: no words, every unit) and what
    to mark in snippets.

    ``parts``: the terms of a query typed as a plain list of words and phrases
    (no operators, no brackets), which all must occur; a search may widen such
    a query to hits that have most of them.  Empty for a query with operators:
    its logic is what was asked for.  ``dropped``: the words left out as stop
    words (or, in a ``question``, as question words)."""

    tree: Node | None
    stems: frozenset[str]
    prefixes: tuple[str, ...]
    parts: tuple[Node, ...] = ()
    dropped: tuple[str, ...] = ()
    question: bool = False


EVERYTHING = Query(tree=None, stems=frozenset(), prefixes=())


def changed(node: Node, change: Callable[[Phrase], Node]) -> Node:
    """``node`` with each of its phrases (the ones it keeps; ``NOT``'s are left
    as they are) replaced by what ``change`` makes of it."""
    if isinstance(node, Phrase):
        return change(node)
    if isinstance(node, AllOf):
        return AllOf(tuple(changed(part, change) for part in node.parts))
    if isinstance(node, AnyOf):
        return AnyOf(tuple(changed(part, change) for part in node.parts))
    return replace(node, kept=changed(node.kept, change))


def made_of(query: Query, parts: tuple[Node, ...], stems: set[str]) -> Query:
    """A plain ``query`` made of other ``parts`` (all to occur), marking ``stems``."""
    tree = parts[0] if len(parts) == 1 else AllOf(parts)
    return replace(query, tree=tree, parts=parts, stems=frozenset(stems))


# A query longer than this is refused before it is read: every term costs a pass
# over its postings, so a pasted page of text would tie up the search.
MAX_QUERY_CHARACTERS = 1_000
MAX_QUERY_TERMS = 64

_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"|(?P<open>\()|(?P<close>\))|(?P<word>[^\s()"]+)')
_OPERATORS = frozenset({"AND", "OR", "NOT"})


def parse_query(text: str) -> Query:
    """Read a query: words (all must occur), ``"a phrase"``, ``AND``/``OR``/``NOT``
    (upper case; NOT binds tightest, then AND, then OR), ``prefix*`` and
    brackets.  A hyphenated word matches its parts anywhere, or written as one
    word ("STAP-budget": "STAP budget", "stapbudget").  In a query without
    operators, stop words are left out, and question words too when it reads
    as a question, as long as a word is left.  Raises :class:`QueryError`."""
    if len(text) > MAX_QUERY_CHARACTERS:
        raise QueryError(
            f"the query is too long ({len(text):,} characters; at most "
            f"{MAX_QUERY_CHARACTERS:,}): search for the few words that matter"
        )
    if text.count('"') % 2:
        raise QueryError("unclosed quote in the query")
    matches = list(_TOKEN.finditer(text))
    plain = not any(m["open"] or m["close"] or m["word"] in _OPERATORS for m in matches)
    question = plain and reads_as_question(text)
    left_out = _left_out(matches, question) if plain else frozenset()
    tokens: list[str | Node] = []
    stems: set[str] = set()
    prefixes: list[str] = []
    dropped: list[str] = []
    depth = 0
    previous = "start"
    for match in matches:
        if match["open"]:
            depth += 1
            if previous == "term":
                tokens.append("AND")
            tokens.append("(")
            previous = "open"
        elif match["close"]:
            depth -= 1
            if depth < 0 or previous in ("open", "operator"):
                raise QueryError("unbalanced brackets in the query")
            tokens.append(")")
            previous = "term"
        elif match["word"] in _OPERATORS:
            if previous in ("start", "open", "operator") and match["word"] != "NOT":
                raise QueryError(f"'{match['word']}' needs a term before it")
            if match["word"] == "NOT" and previous in ("start", "open", "operator"):
                raise QueryError("NOT needs a term before it (a NOT b)")
            tokens.append(match["word"])
            previous = "operator"
        else:
            if match["word"] is not None and _bare_word(match["word"]) in left_out:
                dropped.append(match["word"])
                continue
            term: Node | None
            if match["phrase"] is not None:
                term = _term(match["phrase"], stems, prefixes)
            else:
                term = _word_term(match["word"], stems, prefixes)
            if term is None:
                continue
            if previous == "term":
                tokens.append("AND")
            tokens.append(term)
            previous = "term"
    if depth:
        raise QueryError("unbalanced brackets in the query")
    if previous == "operator":
        raise QueryError("the query ends with an operator")
    if not stems and not prefixes:
        raise QueryError("the query has no words to search for")
    terms = [token for token in tokens if not isinstance(token, str)]
    if len(terms) > MAX_QUERY_TERMS:
        raise QueryError(
            f"the query has too many words and phrases ({len(terms)}; at most {MAX_QUERY_TERMS})"
        )
    return Query(
        _Reader(tokens).tree(),
        frozenset(stems),
        tuple(prefixes),
        parts=tuple(terms) if plain else (),
        dropped=tuple(dict.fromkeys(dropped)),
        question=question,
    )


def reads_as_question(text: str) -> bool:
    """Typed as a question: it ends with a question mark, begins with a question
    word ("hoe", "welke"), or begins with a verb and a pronoun ("krijg je",
    "mag ik")."""
    if text.rstrip().endswith("?"):
        return True
    words = [fold(word) for word in _WORD.findall(text)[:2]]
    if not words:
        return False
    words_of = _question_vocabulary()
    if words[0] in words_of.question:
        return True
    return len(words) == 2 and words[0] in words_of.verbs and words[1] in _PRONOUNS


_PRONOUNS = frozenset(
    {"ik", "je", "jij", "u", "hij", "zij", "ze", "we", "wij", "jullie", "men", "er", "het"}
)


@dataclass(frozen=True)
class _QuestionVocabulary:
    stop: frozenset[str]
    question: frozenset[str]
    verbs: frozenset[str]
    fillers: frozenset[str]


@lru_cache(maxsize=1)
def _question_vocabulary() -> _QuestionVocabulary:
    from inzage.recognisers.vocabulary import vocabulary

    words = vocabulary()

    def folded(listed: tuple[str, ...]) -> frozenset[str]:
        return frozenset(fold(word) for word in listed)

    return _QuestionVocabulary(
        stop=folded(words.search_stop_words),
        question=folded(words.question_words),
        verbs=folded(words.question_verbs),
        fillers=folded(words.question_fillers),
    )


def stop_words() -> frozenset[str]:
    """The words a plain query leaves out, folded."""
    return _question_vocabulary().stop


def _bare_word(written: str) -> str | None:
    """The one word a token is, folded (``None`` for a prefix, a hyphenated or
    dotted term, several words, or a word typed with two capitals or more,
    "OM", "IT": those are never left out)."""
    if written.endswith("*"):
        return None
    words = _WORD.findall(written)
    if len(words) != 1 or sum(c.isupper() for c in words[0]) > 1:
        return None
    return fold(words[0])


def _left_out(matches: list[re.Match[str]], question: bool) -> frozenset[str]:
    """The words of a plain query to leave out: its stop words (and in a
    question its question words, verbs and fillers), unless that leaves no
    term at all."""
    words_of = _question_vocabulary()
    droppable = words_of.stop
    if question:
        droppable = droppable | words_of.question | words_of.verbs | words_of.fillers
    # The terms the query has: a phrase, or a word token with a word in it
    # ("-" and "?" alone are no term).
    terms = [m for m in matches if m["phrase"] is not None or _WORD.search(m["word"] or "")]
    bare = [_bare_word(m["word"]) if m["word"] is not None else None for m in terms]
    if all(word is not None and word in droppable for word in bare):
        return frozenset()  # only such words: they are what was asked for
    return frozenset(word for word in bare if word is not None and word in droppable)


class _Reader:
    """The tree of a token list already checked to alternate terms (or bracketed
    groups) and operators, with an AND written between neighbouring terms."""

    def __init__(self, tokens: list[str | Node]) -> None:
        self.tokens = tokens
        self.at = 0

    def tree(self) -> Node:
        return self._any()

    def _next_is(self, token: str) -> bool:
        if self.at < len(self.tokens) and self.tokens[self.at] == token:
            self.at += 1
            return True
        return False

    def _any(self) -> Node:
        parts = [self._all()]
        while self._next_is("OR"):
            parts.append(self._all())
        return parts[0] if len(parts) == 1 else AnyOf(tuple(parts))

    def _all(self) -> Node:
        parts = [self._without()]
        while self._next_is("AND"):
            parts.append(self._without())
        return parts[0] if len(parts) == 1 else AllOf(tuple(parts))

    def _without(self) -> Node:
        node = self._operand()
        while self._next_is("NOT"):
            node = Without(node, self._operand())
        return node

    def _operand(self) -> Node:
        token = self.tokens[self.at]
        self.at += 1
        if token == "(":
            node = self._any()
            self._next_is(")")
            return node
        assert not isinstance(token, str), "the token list was checked before"
        return token


def _term(written: str, stems: set[str], prefixes: list[str]) -> Phrase | None:
    prefix = written.endswith("*")
    words = _WORD.findall(written)
    if not words:
        return None
    forms = [stem(w) for w in words]
    if prefix:
        last = fold(words[-1])
        # A stem can be shorter than the word ("gemeenten" → "gemeent"): search
        # for the shorter of the two so both the word and its inflections match.
        forms[-1] = forms[-1] if last.startswith(forms[-1]) else last
        prefixes.append(forms[-1])
        stems.update(forms[:-1])
    else:
        stems.update(forms)
    return Phrase(tuple(forms), prefix)


def _word_term(written: str, stems: set[str], prefixes: list[str]) -> Node | None:
    """An unquoted word; hyphenated ("STAP-budget", "e-mail") its parts anywhere
    in any order, or the parts written as one word; the parts in a row (as
    typed) count for more."""
    parts = _HYPHENATED.fullmatch(written.strip(_EDGE_PUNCTUATION))
    words = _WORD.findall(written)
    if parts is None or written.endswith("*") or len(words) > MAX_HYPHENATED:
        return _term(written, stems, prefixes)
    each = tuple(Phrase((form,)) for form in (stem(word) for word in words))
    joined = stem("".join(words))
    stems.update(part.forms[0] for part in each)
    stems.add(joined)
    in_a_row = Phrase(tuple(part.forms[0] for part in each))
    return AnyOf((in_a_row, AllOf(each), Phrase((joined,))))


# Words joined by hyphens (or the Unicode hyphens a word processor makes); a
# longer chain ("a-b-c-d-e-…") is a code or a pasted list, read as a phrase.
_HYPHENATED = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)+")
MAX_HYPHENATED = 4
_EDGE_PUNCTUATION = ".,;:!?'()[]"


@dataclass(frozen=True)
class Snippet:
    """A stretch of the original text with the matched words as offsets into it."""

    text: str
    highlights: tuple[tuple[int, int], ...]


# A snippet is chosen among the first this many matched words: finding every
# match in a unit of hundreds of pages cost more than the search itself.
SNIPPET_WORDS = 32


def snippet(text: str, query: Query, width: int = 240) -> Snippet:
    """The stretch of ``text`` (about ``width`` characters, cut at word
    boundaries) with the most matched words among the first
    :data:`SNIPPET_WORDS`, those words' offsets marked."""
    hits = matched_words(text, query, limit=SNIPPET_WORDS)
    if not hits:
        cut = _cut(text, 0, width)
        return Snippet(_squeezed(cut), ())
    best_start, best_count = hits[0][0], 0
    right = 0
    for left, (start, _) in enumerate(hits):
        while right < len(hits) and hits[right][1] - start <= width:
            right += 1
        if right - left > best_count:
            best_start, best_count = start, right - left
    begin = max(0, best_start - width // 4)
    begin = _word_start(text, begin)
    end = min(len(text), begin + width)
    end = _word_end(text, end)
    piece = text[begin:end]
    marks = tuple((s - begin, e - begin) for s, e in hits if begin <= s and e <= end)
    return _with_squeezed_space(piece, marks, begin > 0, end < len(text))


# A converter's Markdown heading marks at a line start: what a reader is shown
# (snippets here, the pages of inzage.serve) leaves them out.
HEADING_MARK = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.MULTILINE)
_TRAILING_BLOCKS = re.compile(r"[\s█]*█$")
_VOWELS = frozenset("aeiou")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
_SPACE_RUN = re.compile(r"\s+")


def matched_words(text: str, query: Query, limit: int | None = None) -> list[tuple[int, int]]:
    """Where the words of ``text`` that ``query`` matches are (the first
    ``limit``).  Only words that can match are stemmed, those that start like
    a query term (see :func:`_candidates`): stemming every word of a long
    document took seconds per page of hits."""
    accented = frozenset() if text.isascii() else frozenset(_NOT_ASCII.findall(text))
    words = _candidates(query, accented).finditer(text)
    found = ((m.start(), m.end()) for m in words if _matches(m.group(0), query))
    return list(islice(found, limit))


@lru_cache(maxsize=1_000)
def _candidates(query: Query, accented: frozenset[str]) -> re.Pattern[str]:
    """The words that can match ``query`` in a text whose other-than-ASCII
    characters are ``accented``: those that start with one of its stems or
    prefixes, read leniently (any case, any of the text's characters that fold
    to a letter, a doubled vowel: the Dutch stemmer makes "boom" "bom"), and
    any word with a character that folds to several (the ĳ ligature, ½).
    Every candidate is then checked with :func:`_matches`, so leniency costs
    time, never a wrong highlight."""
    folds: dict[str, str] = {}
    several = ""
    for character in sorted(accented):
        folded = fold(character)
        if not _WORD.search(folded):
            continue  # punctuation ("…" folds to "..."): never in a word
        if len(folded) > 1:
            several += character
        else:
            folds[folded] = folds.get(folded, "") + character
    forms = sorted(query.stems | set(query.prefixes), key=len, reverse=True)
    alternatives = [
        "".join(_lenient(letter, folds.get(letter, "")) for letter in form) + r"[^\W_]*"
        for form in forms
    ]
    if several:
        alternatives.append(rf"[^\W_]*?[{re.escape(several)}][^\W_]*")
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(alternatives)})", re.IGNORECASE)


def _lenient(letter: str, others: str) -> str:
    one = f"[{re.escape(letter + others)}]" if others else re.escape(letter)
    return f"{one}{{1,2}}" if letter in _VOWELS else one


def _matches(word: str, query: Query) -> bool:
    form = stem(word)
    if form in query.stems:
        return True
    folded = fold(word)
    return any(form.startswith(p) or folded.startswith(p) for p in query.prefixes)


def _word_start(text: str, index: int) -> int:
    while 0 < index < len(text) and text[index - 1].isalnum():
        index -= 1
    return index


def _word_end(text: str, index: int) -> int:
    while index < len(text) and text[index].isalnum():
        index += 1
    return index


def _cut(text: str, begin: int, width: int) -> str:
    return text[begin : _word_end(text, min(len(text), begin + width))]


def _squeezed(text: str) -> str:
    return _TRAILING_BLOCKS.sub("", re.sub(r"\s+", " ", _blank_heading_marks(text)).strip())


def _blank_heading_marks(text: str) -> str:
    """Markdown heading marks (``## ``) at line starts as spaces, same length: a
    snippet shows the words, not the converter's layout."""
    if "#" not in text:
        return text
    return HEADING_MARK.sub(lambda mark: " " * len(mark[0]), text)


def _with_squeezed_space(
    piece: str, marks: tuple[tuple[int, int], ...], cut_before: bool, cut_after: bool
) -> Snippet:
    """White space runs become one space (none at the start); the marks move
    with the text.  Marks never begin or end inside a run of white space."""
    prefix = "… " if cut_before else ""
    blanked = _blank_heading_marks(piece)
    parts: list[str] = [prefix]
    run_ends: list[int] = []  # where each run of white space ends in ``piece``
    removed: list[int] = []  # characters taken out up to there
    taken = cursor = 0
    for run in _SPACE_RUN.finditer(blanked):
        kept = 0 if run.start() == 0 else 1
        parts.append(blanked[cursor : run.start()])
        parts.append(" " * kept)
        taken += run.end() - run.start() - kept
        run_ends.append(run.end())
        removed.append(taken)
        cursor = run.end()
    parts.append(blanked[cursor:])

    def moved(offset: int) -> int:
        runs = bisect_right(run_ends, offset)
        return len(prefix) + offset - (removed[runs - 1] if runs else 0)

    # A generic marker at the cut ("… tot en met █") is a box, not a word.
    squeezed = _TRAILING_BLOCKS.sub("", "".join(parts).rstrip()) + (" …" if cut_after else "")
    return Snippet(squeezed, tuple((moved(s), moved(e)) for s, e in marks))
