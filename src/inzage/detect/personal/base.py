"""What every personal-data recogniser reads besides the text, and the shape of
a Dutch name.

A :class:`PersonalRecogniser` finds in a :class:`TextContext`: the text with
its e-mail header blocks, its redaction markers (already redacted: never
proposed again), and the names the dossier is known to hold.  The context is
built once per text by :func:`~inzage.detect.proposals.text_context`."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import ClassVar

from inzage.detect.personal.lexicon import first_names, wide_first_names
from inzage.model import Finding, PersonalKind, Span
from inzage.parse.email_headers import HeaderBlock
from inzage.recognisers.base import Recogniser, Terms, lowered

# Lower-case particles of Dutch (and a few other) surnames: "van der", "in 't".
PARTICLES = (
    "van de",
    "van der",
    "van den",
    "van het",
    "van 't",
    "in 't",
    "in de",
    "in het",
    "op de",
    "op den",
    "op het",
    "uit de",
    "uit den",
    "van",
    "de",
    "der",
    "den",
    "het",
    "'t",
    "ter",
    "te",
    "ten",
    "von",
    "la",
    "le",
    "du",
    "da",
    "dos",
    "el",
    "al",
    "bin",
)
_PARTICLE = "|".join(re.escape(p).replace(r"\ ", r"\s") for p in PARTICLES)
# Particles that stand between two capitalised words only in a name ("Sanne van
# der Veen", "René den Nicolas"); "van", "de" and "het" stand there in titles
# and sentences too ("Status van Uitvoering", "In de Sollicitatiescan").
NAME_ONLY_PARTICLES = (
    r"van[ \t]+der|van[ \t]+den|van[ \t]+de|van[ \t]+'t|in[ \t]+'t|ter|ten|den|der|von"
)
# A capitalised name word: "Anna", "Jean-Paul", "O'Neill", "Çelik", "Öztürk".
# Letters of Western and Central European names: Latin-1 and Latin Extended-A
# ("Yıldız", "Łukasz", "Şahin"; that block mixes cases, so both are allowed).
UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
LOWER = "a-zß-öø-ÿĀ-ſ"
# A name word after its capital (a pattern may want its capital apart).
WORD_TAIL = rf"[{LOWER}]+(?:['’][A-Za-z{LOWER}]+)?(?:-[{UPPER}{LOWER}][{LOWER}]+)*"
WORD = rf"[{UPPER}]{WORD_TAIL}"
# An initial's capital: "J.", "É.", "Ş.", "Ł." (Latin-1 and the capitals of
# Latin Extended-A, whose block alternates the cases).
CAPITAL = "A-ZÀ-ÖØ-Þ" + "".join(chr(c) for c in range(0x100, 0x180) if chr(c).isupper())
INITIAL = rf"[{CAPITAL}]\."
# Particles before a surname, in either case: "van der", "Van der", "de".
PARTICLES_RE = rf"(?:(?i:{_PARTICLE})[ \t]+)*"
SURNAME = rf"{PARTICLES_RE}{WORD}(?:[ \t]?-[ \t]?{PARTICLES_RE}{WORD})?"
# "Anna de Vries", "Jan Willem Bakker", "J.P. van der Berg", "A. Öztürk".
FULL_NAME = rf"(?:(?:{WORD}[ \t]+){{1,3}}|(?:{INITIAL}[ \t]?){{1,5}}){SURNAME}"
# Any name shape: a full name, a surname with particles, or a single word.
NAME = rf"{FULL_NAME}|{SURNAME}"

FULL_NAME_RE = re.compile(rf"(?:{FULL_NAME})(?![\w-])")
NAME_RE = re.compile(rf"(?:{NAME})(?![\w-])")


@dataclass(frozen=True)
class KnownName:
    """A name the dossier holds, in one of its variants, and whose it is."""

    person: str  # the person key (see :func:`person_key`)
    reason: str


_SHARED = "first name shared by known names"
# A word of a name as written, with the dot of an initial: "Anna", "J.", "Öztürk".
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?")
# A word in lower case in running text; not one of an address or a URL
# ("t.kerkhof@", "www.kerkhof.nl"): those hold names.
# An abbreviation being introduced: "(MDO)".
BRACKETED_ABBREVIATION = re.compile(r"\(([A-Z]{2,6})\)")
LOWER_WORD = re.compile(r"[a-zß-öø-ÿ](?<![\w.@/-].)[a-zß-öø-ÿ'-]+(?![\w@/-])(?!\.\w)")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass
class KnownNames:
    """Names seen anywhere in a dossier, and whose they are.  Filled by a first
    pass over every text, read by
    :class:`~inzage.detect.personal.names.KnownNameRecogniser` in the second.

    ``forms`` are written forms (folded: lower case, white space as one space);
    ``keys`` the person keys, so that ``A. de Vries`` finds ``Anna de Vries``;
    ``surnames`` a surname key → the person it belongs to."""

    forms: dict[str, KnownName] = field(default_factory=dict)
    keys: set[str] = field(default_factory=set)
    surnames: dict[str, str] = field(default_factory=dict)
    office_holders: dict[str, str] = field(default_factory=dict)  # person key → office
    # Words the dossier writes in lower case: "Daarnaast" and "Door" are words,
    # not the surnames a header or a field seemed to give.
    lower_words: set[str] = field(default_factory=set)
    # Abbreviations the dossier writes in brackets ("multidisciplinair overleg
    # (MDO)"): terms, not the initials of a known name that happen to match.
    abbreviations: set[str] = field(default_factory=set)
    # The last word of every known name and form: a run that ends otherwise
    # is no known name, which spares most runs the work of splitting them.
    last_words: set[str] = field(default_factory=set)
    _hint: tuple[int, Terms] | None = field(default=None, repr=False)

    def last_word_pattern(self) -> Terms | None:
        """Every last word, found anywhere in the lower-cased text (no word
        boundaries: a superset of where a known name can end).  Built again
        only when words were added: known names only grow."""
        words = self.last_words
        if not words or "" in words:
            return None
        if self._hint is None or self._hint[0] != len(words):
            self._hint = (len(words), Terms(tuple(sorted(words))))
        return self._hint[1]

    def add(self, form: str, person: str, reason: str) -> None:
        key = fold(form)
        if len(key) >= 2 and key not in self.forms:
            self.forms[key] = KnownName(person, reason)
        self.note_last_word(key)

    def note_last_word(self, name: str) -> None:
        words = fold(name).replace(",", " ").split()
        if words:
            self.last_words.add(words[-1].strip(".,;:"))
            if "," in name:  # "vries, a. de": the surname comes first
                self.last_words.add(words[0].strip(".,;:"))

    def add_first_name(self, first: str, person: str, reason: str) -> None:
        """A first name alone stands for its person, unless two persons share it:
        then it is still a name, of nobody in particular.  A first name seen
        alone (``person`` is ``"anna|"``) adds nothing to one already known."""
        alone = f"{first}|"
        self.last_words.add(first)
        found = self.forms.get(first)
        if found is None:
            why = reason if person == alone else f"first name of a known name ({reason})"
            self.forms[first] = KnownName(person, why)
        elif person == alone or found.person == person or found.reason == _SHARED:
            return
        elif found.person == alone:
            self.forms[first] = KnownName(person, f"first name of a known name ({reason})")
        else:
            self.forms[first] = KnownName(alone, _SHARED)

    def get(self, form: str) -> KnownName | None:
        folded = fold(form)
        if " " not in folded and folded in self.lower_words:
            return None
        last = folded.rsplit(" ", 1)[-1].strip(".,;:")
        if last not in self.last_words and not any(w in self.last_words for w in last.split("-")):
            return None
        found = self.forms.get(folded)
        if found is not None:
            return found
        given, surname = name_parts(form)
        if given:
            key = f"{surname}|{given[0][0]}"
            return KnownName(key, "variant of a known name") if key in self.keys else None
        person = self.surnames.get(surname)
        if person is not None and (len(surname) >= 4 or " " in folded):
            return KnownName(person, "surname of a known name")
        return None


@dataclass
class TextContext:
    """One text and what is known about it before personal data is looked for."""

    text: str
    headers: list[HeaderBlock] = field(default_factory=list)
    markers: list[Span] = field(default_factory=list)
    name_markers: list[Span] = field(default_factory=list)  # markers that hid a name
    known: KnownNames = field(default_factory=KnownNames)
    _starts: list[int] | None = field(default=None, repr=False)
    _folded: str | None = field(default=None, repr=False)
    _one_to_one: bool = field(default=False, repr=False)
    _lowered: str | None = field(default=None, repr=False)
    _lower_words: frozenset[str] | None = field(default=None, repr=False)
    _abbreviations: frozenset[str] | None = field(default=None, repr=False)

    @property
    def folded(self) -> str:
        """The text in lower case, offsets unchanged: cue words, offices
        and terms are searched here case-sensitively, which the regex engine
        does far faster than a case-insensitive alternation."""
        if self._folded is None:
            lower = self.text.lower()  # fast, and one to one unless a length changed
            self._one_to_one = len(lower) == len(self.text)
            self._folded = lower if self._one_to_one else self.text.translate(_ASCII_LOWER)
        return self._folded

    @property
    def lowered(self) -> str | None:
        """The text as :func:`~inzage.recognisers.base.lowered` gives it, for
        :class:`~inzage.recognisers.base.Prefiltered` scans; found once."""
        if self._lowered is None:
            folded = self.folded  # text.lower() where that is one to one, else not lower case
            self._lowered = (lowered(self.text, folded) if self._one_to_one else None) or ""
        return self._lowered or None

    @property
    def lower_words(self) -> frozenset[str]:
        """The words this text writes in lower case in running text: "Dossier"
        in "D. Dossier" and "Door" in "Restrisico Door" are words here, since
        the text writes "dossier" and "door" too; "Karin" never is."""
        if self._lower_words is None:
            self._lower_words = frozenset(LOWER_WORD.findall(self.text))
        return self._lower_words

    @property
    def abbreviations(self) -> frozenset[str]:
        """The abbreviations this text introduces in brackets, as written."""
        if self._abbreviations is None:
            self._abbreviations = frozenset(BRACKETED_ABBREVIATION.findall(self.text))
        return self._abbreviations

    def word_like(self, name: str) -> bool:
        """True when ``name`` reads as words of this text, not as a name: its
        first word is written in lower case elsewhere in the text and is no
        first name of the lexicon ("Algemeen Directeuren", "Restrisico Door"),
        or, after initials only, its surname is ("E. Is", "D. Dossier").  A
        surname written first ("Vries, A. de") says nothing either way."""
        if "," in name:
            return False
        words = [w for w in _NAME_WORD.findall(name) if w.lower() not in PARTICLE_WORDS]
        if not words:
            return False
        initials = [w.endswith(".") or (len(w) == 1 and w.isupper()) for w in words]
        if all(initials[:-1]) and len(words) > 1:
            word = words[-1]
        elif initials[0]:
            return False
        else:
            word = words[0]
        return _written_lower(word, self.lower_words)

    def has_word_of_text(self, name: str) -> bool:
        """True when any word of ``name`` (no particle, no initial) is one this
        text, or another of its dossier, writes in lower case and no first name
        of the lexicon: the test for names found by their shape alone
        ("Bestuurlijk Verkeer (MEBV)"; "Meld Misdaad" on a slide, where a
        report of the dossier writes "misdaad")."""
        return any(
            _written_lower(word, self.lower_words) or _written_lower(word, self.known.lower_words)
            for word in _NAME_WORD.findall(name)
            if not word.endswith(".") and word.lower() not in PARTICLE_WORDS
        )

    def first_name(self, word: str) -> bool:
        """True when ``word`` is a first name here: one of the Dutch lexicon, or
        of the wider list when this text never writes it in lower case ("Dan"
        is a name, "dan" a word)."""
        folded = word.lower()
        return folded in first_names() or (
            folded in wide_first_names() and folded not in self.lower_words
        )

    def redacted(self, span: Span) -> bool:
        """True when ``span`` touches a redaction marker (it is redacted already).
        Markers are in order and do not overlap, so only the last one that starts
        before the span ends can touch it."""
        if self._starts is None or len(self._starts) != len(self.markers):
            self.markers.sort(key=lambda m: m.start)
            self._starts = [m.start for m in self.markers]
        index = bisect_left(self._starts, span.end) - 1
        return index >= 0 and self.markers[index].end > span.start


def _written_lower(word: str, lower_words: AbstractSet[str]) -> bool:
    """``word`` is among ``lower_words`` (words written in lower case) and is
    no first name of the lexicon."""
    folded = word.lower()
    return folded in lower_words and folded not in first_names()


class PersonalRecogniser(Recogniser[Finding]):
    """A recogniser of personal data.  ``entities`` names the personal kinds it
    finds (as Presidio's ``supported_entities``); findings carry one of them
    as ``kind`` and the reason in ``explanation``."""

    kinds = ("personal-data",)
    entities: ClassVar[tuple[PersonalKind, ...]] = ()

    def find(self, text: str) -> Iterator[Finding]:
        return iter(self.find_in(TextContext(text)))

    def find_in(self, context: TextContext) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(
        self,
        kind: PersonalKind,
        start: int,
        end: int,
        reason: str,
        score: float = 1.0,
        value: str | None = None,
    ) -> Finding:
        return Finding(
            kind=kind,
            span=Span(start=start, end=end),
            recogniser=self.id,
            score=score,
            explanation=reason,
            value=value,
        )


def fold(text: str) -> str:
    """A name as a lookup key: lower case, white space folded, ’ as '."""
    return " ".join(text.replace("’", "'").lower().split())


PARTICLE_WORDS = frozenset(w for p in PARTICLES for w in p.split())


def name_parts(name: str) -> tuple[list[str], str]:
    """A written name split into given names (or initials) and the surname key:
    ``"Anna de Vries"`` → ``(["anna"], "devries")``; ``"J.P. van der Berg"`` →
    ``(["j", "p"], "vanderberg")``; ``"Vries, A. de"`` is read the Dutch way."""
    name = fold(name)
    if "," in name:  # "vries, a. de" / "jansen, piet"
        surname, _, given = name.partition(",")
        given_words = given.split()
        particles = [w for w in given_words if w in PARTICLE_WORDS]
        given_words = [w for w in given_words if w not in PARTICLE_WORDS]
        name = " ".join([*given_words, *particles, surname.strip()])
    words = re.findall(r"[^\W\d_]+(?:['-][^\W\d_]+)*\.?", name)
    given_names: list[str] = []
    index = 0
    while index < len(words) - 1 and words[index] not in PARTICLE_WORDS:
        word = words[index]
        if word.endswith(".") and len(word) <= 3:
            given_names.append(word[0])
        else:
            given_names.append(word.rstrip("."))
        index += 1
    surname_words = [w.rstrip(".") for w in words[index:]]
    return given_names, "".join(surname_words).replace("-", "").replace("'", "")


def person_key(name: str) -> str:
    """One key for the variants of a person's name: the surname with its
    particles, and the first initial where the name gives one:
    ``"Anna de Vries"``, ``"A. de Vries"``, ``"anna.devries"`` → ``"devries|a"``."""
    given, surname = name_parts(name)
    return f"{surname}|{given[0][0]}" if given and given[0] else f"{surname}|"


def local_part_name(local: str) -> str | None:
    """The name an e-mail local part spells, if it spells one: ``anna.devries`` →
    ``"anna devries"``, ``a.de.vries`` → ``"a. de vries"``; ``None`` for one piece."""
    pieces = [p for p in re.split(r"[._]", local.lower()) if p]
    if len(pieces) < 2 or not all(p.replace("-", "").isalpha() for p in pieces):
        return None
    first, rest = pieces[0], pieces[1:]
    return " ".join([first + "." if len(first) == 1 else first, *rest])
