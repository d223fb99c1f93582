"""Names of people, one recogniser per kind of evidence.

In order of strength: a name in an e-mail header or a field that names people
("Ontworpen door", "Contactpersoon", "Aanwezig"), after a greeting or under a
closing, after a cue ("collega De Boer", "met Anna de Vries"), initials with a
surname anywhere ("J.P. van der Berg"), a first name from the lexicon with a
surname, and any variant of a name the dossier is known to hold.

A name next to an office ("minister De Wildt", "Hugo Jansen, burgemeester")
is an office holder: :class:`OfficeHolderRecogniser` finds it with score 0,
which the proposal step turns into a *keep* with the office as its reason.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import chain

from inzage.detect.entities import catalogue_names
from inzage.detect.personal.base import (
    CAPITAL,
    FULL_NAME,
    FULL_NAME_RE,
    INITIAL,
    LOWER,
    NAME,
    NAME_ONLY_PARTICLES,
    NAME_RE,
    PARTICLE_WORDS,
    PARTICLES_RE,
    SURNAME,
    UPPER,
    WORD,
    WORD_TAIL,
    PersonalRecogniser,
    TextContext,
    fold,
)
from inzage.detect.personal.contact import is_functional
from inzage.detect.personal.lexicon import (
    is_dutch_word,
    is_lexicon_name,
    place_names,
    reads_as_dutch,
    wide_first_names,
)
from inzage.model import Finding, Span
from inzage.parse.dates import MONTHS
from inzage.parse.parties import split_parties
from inzage.recognisers.base import Prefiltered, Terms, lines_with
from inzage.recognisers.vocabulary import alternation, trie_alternation, vocabulary

_NAME_FIELDS = ("from", "to", "cc", "bcc")
_FIELD_REASONS = {"from": "sender of a mail", "to": "recipient of a mail"}
_ACRONYM = re.compile(r"[A-Z0-9&.\-]+")
# What OCR leaves of a marker after a name in a header: "Paker Şafak sub 1".
_MARKER_REMAINS = re.compile(r"[ \t]+(?:sub|lid|art)\b[\w .()]{0,12}")
# A word with a name's shape, or an initial: a header value without one is a
# unit's abbreviation or OCR debris ("EEE vn.", "[IEE minvws.nl"), no person.
_NAME_WORD = re.compile(rf"[{UPPER}][{LOWER}]{{2,}}|(?<![\w.]){INITIAL}")
# "BG MD", "IB&P BZ": short capitals only, a unit's abbreviations.
_ACRONYMS = re.compile(r"[A-Z&]{1,4}(?:[ \t]+[A-Z&]{1,4})+")
_PARENTHESES = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*")


def plausible_name(name: str) -> bool:
    """False for what has the shape of a name but is a unit, a role, a word
    ("Team Communicatie", "Beste Collega's", "Den Haag")."""
    words = re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", name)
    if not words or any(ch.isdigit() for ch in name):
        return False
    meaningful = [w for w in words if w.lower() not in PARTICLE_WORDS]
    if not meaningful or not any(w[0].isupper() for w in meaningful):
        return False
    if " ".join(meaningful).lower() in catalogue_names():
        return False  # "UWV", "Almere", "Raad van State"
    words_of = vocabulary()
    not_names = words_of.not_names()
    # Each part of a compound counts: "Wob-verzoek", "Secretaris-generaal".
    parts = [part for w in meaningful for part in {w, *w.split("-")}]
    if words_of.is_place_word(meaningful[-1]):
        return False  # "Jan van Galenstraat"
    return not any(w.lower() in not_names or words_of.is_role_word(w) for w in parts)


def _name_in_piece(piece: str) -> tuple[int, int] | None:
    """Where the person's name is inside one party of a header value:
    ``Anna de Vries <anna@x.nl>`` → the words before the address."""
    angle = piece.find("<")
    if angle != -1:
        end = angle
    elif "@" in piece:
        return None
    else:
        end = len(piece)
    head = piece[:end]
    stripped = head.strip(" \t\"'*_>,;")
    if not stripped:
        return None
    start = head.find(stripped)
    # "Anna de Vries (VWS)" / "Vries, A. de [DGV]": the organisation stays visible.
    cut = _PARENTHESES.search(stripped)
    if cut is not None and cut.start() > 0:
        stripped = stripped[: cut.start()]
    return start, start + len(stripped.rstrip(" ,"))


class HeaderNameRecogniser(PersonalRecogniser):
    """Senders and recipients in e-mail headers (From/Van, To/Aan, Cc, Bcc)."""

    name = "personal.header-name"
    entities = ("person",)

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        for block in context.headers:
            for field_name in _NAME_FIELDS:
                header = block.fields.get(field_name)
                if header is None or header.span is None:
                    continue
                reason = _FIELD_REASONS.get(field_name, "recipient of a mail")
                value_start = header.span.start
                value = context.text[value_start : header.span.end]
                for piece, offset in split_parties(value):
                    where = _name_in_piece(piece)
                    if where is None:
                        continue
                    start, end = value_start + offset + where[0], value_start + offset + where[1]
                    name = context.text[start:end]
                    head = NAME_RE.match(name)
                    if (
                        head is not None
                        and _MARKER_REMAINS.fullmatch(name, head.end())
                        and not plausible_name(name)
                        and plausible_name(head[0])
                    ):
                        # "Paker Şafak sub 1": OCR left a marker's remains after the name.
                        end = start + head.end()
                        name = head[0]
                    if context.redacted(Span(start=start, end=end)) or not re.search(
                        r"[^\W\d_]", name
                    ):
                        continue
                    if (
                        _ACRONYM.fullmatch(name)
                        or _ACRONYMS.fullmatch(name)
                        or not _NAME_WORD.search(name)
                        or not plausible_name(name)
                        or is_functional(name.replace(" ", "-"))
                        or context.word_like(name)
                        # "Van: Juridische": a unit's word, the rest cut off
                        or (_single_word(name) and name.lower().endswith(vocabulary().word_endings))
                    ):
                        yield self.finding(
                            "person", start, end, f"organisation or unit, {reason}", score=0.0
                        )
                        continue
                    if _single_word(name) and not is_lexicon_name(name):
                        yield self.finding(
                            "person",
                            start,
                            end,
                            f"one word, a name or an organisation, {reason}",
                            score=0.6,
                        )
                        continue
                    yield self.finding("person", start, end, reason)


def _single_word(name: str) -> bool:
    """A name of one word: no initials, no particles, no second word."""
    return len(name.split()) == 1 and "." not in name and "," not in name


# Titles before a name in a field ("drs. J.P. van der Berg"): not part of it.
_TITLE = re.compile(r"(?i)(?:(?:drs|dr|mr|ir|ing|prof|dhr|mevr|mw)\.?[ \t]+)+")


def _line_start(after: str) -> re.Pattern[str]:
    """Where a line starts that goes on with ``after``, for a :class:`Prefiltered`
    scan: a line break is a literal the engine skips to, ``^`` is none."""
    return re.compile(rf"\n(?P<at>){after}")


def _untitled(name: str) -> str:
    title = _TITLE.match(name)
    return name[title.end() :] if title else name


# "Ontworpen door: Anna de Vries", "Contactpersoon\tA. de Vries", or the label
# alone on its line and the names on the lines below (participant lists).
# A label of two words or more ("Opmerkingen verwerkt van:") may stand after
# other text on its line, as OCR leaves it: no sentence says that with a colon.
def _field_pattern() -> Prefiltered:
    reasons = list(vocabulary().field_reasons())
    labels = alternation(reasons)
    phrases = alternation([label for label in reasons if " " in label])
    full = re.compile(
        rf"(?im)^[ \t>*#\-|]*(?P<label>{labels})[ \t*]*(?::|\t|[ \t]{{2,}}|\|)"
        rf"[ \t*|]*(?P<value>[^\n]*)$"
        rf"|^[ \t>*#]*(?P<alone>{labels})[ \t*]*:?[ \t*]*$"
        rf"|(?<![\w-])(?P<phrase>{phrases})[ \t*]*:[ \t*|]*(?P<after>[^\n]*)$"
    )
    # Where one of the three can start, case-sensitively in the lower-cased text.
    lower_labels = trie_alternation([label.lower() for label in reasons])
    phrases_lower = tuple(label.lower() for label in reasons if " " in label)
    return Prefiltered(full, (_line_start(rf"[ \t>*#|-]*(?:{lower_labels})"), Terms(phrases_lower)))


_HEADING = re.compile(r"^[ \t]*(?:#{1,6}|\*\*)[ \t]*")
_BULLET = re.compile(r"^[ \t]*(?:[-*•·▪◦]|\d+[.)])[ \t]+")


class FieldNameRecogniser(PersonalRecogniser):
    """Names in fields of memos, letters and minutes (``data/vocabulary.yaml``:
    ``person_fields``); a participant list may go on over the lines below."""

    name = "personal.field-name"
    entities = ("person",)

    def __init__(self) -> None:
        self._pattern: Prefiltered | None = None
        self._reasons: dict[str, str] = {}

    def load(self) -> None:
        if self._pattern is None:
            self._pattern = _field_pattern()
            self._reasons = {fold(k): v for k, v in vocabulary().field_reasons().items()}

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        self.load()
        assert self._pattern is not None
        text = context.text
        header_spans = [b.span for b in context.headers]
        for match in self._pattern.finditer(text, context.lowered):
            if any(s.start <= match.start() < s.end for s in header_spans):
                continue  # header blocks are read by HeaderNameRecogniser
            label = match["label"] or match["alone"] or match["phrase"]
            reason = self._reasons.get(fold(label), "name field")
            value = "value" if match["value"] is not None else "after"
            if match[value] is not None and match[value].strip():
                yield from self._names_in(context, match.start(value), match.end(value), reason)
                continue
            if not label[0].isupper():
                continue  # "van" alone on a line: a slide's words, one per line
            # A label alone on its line, as letterheads are laid out ("Van",
            # then "Anna" below): the names are on the lines below (after at
            # most two blank lines, as converters leave them), up to the next
            # blank line, at most 40.
            position = match.end() + 1
            for _ in range(2):
                if text.startswith("\n", position):
                    position += 1
            for _ in range(40):
                line_end = text.find("\n", position)
                line_end = len(text) if line_end == -1 else line_end
                if position >= len(text) or not text[position:line_end].strip():
                    break
                yield from self._names_in(context, position, line_end, reason)
                position = line_end + 1

    def _names_in(
        self, context: TextContext, start: int, end: int, reason: str
    ) -> Iterator[Finding]:
        """The name each piece of the value starts with ("Eva Kok (VWS)", "Daan
        Mulder, beleidsmedewerker"); a value that starts with something else is
        no list of names.  One word the lexicon does not know is taken only in
        a value of names alone ("Van: Anna", "Aanwezig: Pieter, Karin"): in
        "Afgestemd/ingestemd met" the words are a form's."""
        line = context.text[start:end]
        bullet = _BULLET.match(line) or _HEADING.match(line)
        offset = bullet.end() if bullet else 0
        pieces = list(re.finditer(r"[^;,/|&]+", line[offset:]))
        names_only = all(NAME_RE.fullmatch(_untitled(p.group().strip(" \t*#"))) for p in pieces)
        for piece_match in pieces:
            piece = piece_match.group()
            lead = len(piece) - len(piece.lstrip())
            title = _TITLE.match(piece, lead)
            if title is not None:
                lead = title.end()
            name = NAME_RE.match(piece, lead)
            if (
                name is None
                or not plausible_name(name.group())
                or context.word_like(name.group())
                or (
                    _single_word(name.group())
                    and not is_lexicon_name(name.group())
                    and not names_only
                )
            ):
                continue
            base = start + offset + piece_match.start()
            yield self.finding("person", base + name.start(), base + name.end(), reason)


class GreetingNameRecogniser(PersonalRecogniser):
    """The addressee after a greeting: ``Beste Anna,``, ``Hoi Pieter en Karin``,
    ``Geachte heer Van Dijk``."""

    name = "personal.greeting-name"
    entities = ("person",)

    def __init__(self) -> None:
        self._pattern: Prefiltered | None = None

    def load(self) -> None:
        if self._pattern is None:
            words = list(vocabulary().greetings)
            full = re.compile(
                rf"(?m)^[ \t>*#]*(?i:{alternation(words)})[ \t]+(?P<names>(?:{NAME})"
                rf"(?:[ \t]*(?:,|&|\ben\b)[ \t]*(?:{NAME}))*)(?=[ \t]*(?:[,!.:;]|$))"
            )
            lower = trie_alternation([w.lower() for w in words])
            self._pattern = Prefiltered(full, (_line_start(rf"[ \t>*#]*(?:{lower})[ \t]"),))

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        self.load()
        assert self._pattern is not None
        for match in self._pattern.finditer(context.text, context.lowered):
            base = match.start("names")
            for name in NAME_RE.finditer(match["names"]):
                if plausible_name(name.group()) and not context.word_like(name.group()):
                    yield self.finding(
                        "person", base + name.start(), base + name.end(), "addressee of a greeting"
                    )


class ClosingNameRecogniser(PersonalRecogniser):
    """The writer under a closing: ``Met vriendelijke groet,`` (or ``Namens de
    Raad van Bestuur,``) then a name on one of the next lines — past a line of
    a unit, two signatories both — or ``Groet, Pieter`` on one line."""

    name = "personal.closing-name"
    entities = ("person",)
    _NAME_LINE = re.compile(
        rf"[ \t>*#]*(?P<name>{NAME}|[A-Z]{{2,4}}(?![\w.]))[ \t*]*(?:[,(][^\n]*)?\Z"
    )

    def __init__(self) -> None:
        self._pattern: Prefiltered | None = None

    def load(self) -> None:
        if self._pattern is None:
            words = list(vocabulary().closings)
            full = re.compile(
                rf"(?m)^[ \t>*#]*(?:(?i:{alternation(words)})\b[ \t]*[,.!]?"
                rf"|(?i:namens)\b[^\n]{{1,100}}$)[ \t]*(?:$|(?=[ \t]*[A-Z]))"
            )
            lower = trie_alternation([*(w.lower() for w in words), "namens"])
            self._pattern = Prefiltered(full, (_line_start(rf"[ \t>*#]*(?:{lower})"),))

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        self.load()
        assert self._pattern is not None
        text = context.text
        for match in self._pattern.finditer(text, context.lowered):
            yield from self._writers(context, match.end())

    def _writers(self, context: TextContext, position: int) -> Iterator[Finding]:
        """The name on the closing's line or on one of the next lines, within
        five lines: a single word or initials ("ADV") only as the first line
        with text; past one line that is no name (a team: "Meldpunt Datalekken")
        only a full name; and a second full name right below the first (two
        signatories)."""
        text = context.text
        skipped = found = False
        for _ in range(6):
            end = text.find("\n", position)
            end = len(text) if end == -1 else end
            line = text[position:end]
            if line.strip():
                name = self._NAME_LINE.match(line)
                word = name["name"] if name else ""
                initials = word.isupper() and word.lower() not in catalogue_names()
                whole = bool(FULL_NAME_RE.fullmatch(word)) and plausible_name(word)
                if name and not context.word_like(word):
                    if found:
                        # A team's name often stands there ("Meldplicht Datalekken"):
                        # a second signatory is taken with a known first name or initials.
                        first = word.split()[0]
                        accepted = whole and (first.endswith(".") or _lexicon_word(context, first))
                    elif skipped:
                        accepted = whole
                    else:
                        # "Groet, / Oprichter": a role, no name, signs alone.
                        accepted = initials or (
                            plausible_name(word) and (" " in word or not _dutch_non_name(word))
                        )
                    if accepted:
                        yield self.finding(
                            "person",
                            position + name.start("name"),
                            position + name.end("name"),
                            "writer under a closing",
                        )
                        if found:
                            return
                        found = True
                        position = end + 1
                        continue
                if skipped or found:
                    return
                skipped = True
            if end >= len(text):
                return
            position = end + 1


def _person_like(context: TextContext, name: str) -> bool:
    """A full name after a weak cue: a first name of the lexicon or initials
    first, or particles inside ("met Anna de Vries", "met J. Smit", "met Emre
    van Dam"); two capitalised words alone are as often a thing ("met Acryl Gel")."""
    if context.word_like(name):
        return False
    words = name.split()
    return (
        words[0].endswith(".")
        or _lexicon_word(context, words[0].split("-")[0])
        or any(w in PARTICLE_WORDS for w in words[1:-1])
    )


class CueNameRecogniser(PersonalRecogniser):
    """A name after a word that introduces a person: strong cues take a single
    name (``collega De Boer``, ``mevrouw Jansen``), weak ones a full name only
    (``met Anna de Vries``: ``met Excel`` is no person)."""

    name = "personal.cue-name"
    entities = ("person",)

    _STRONG_NAME = re.compile(rf"(?:{NAME})(?![\w-])")
    _WEAK_NAME = re.compile(rf"(?:{FULL_NAME})(?![\w-])")

    def __init__(self) -> None:
        self._cue: Prefiltered | None = None

    def load(self) -> None:
        if self._cue is None:
            cues = vocabulary().cues
            strong = alternation([c.lower() for c in cues.strong])
            weak = alternation([c.lower() for c in cues.weak])
            # Searched in the folded text; the name after it in the text itself.
            full = re.compile(
                rf"(?<![\w.'-])(?:(?P<strong>{strong})(?<=\w|\.)|(?P<weak>{weak}))[ \t]+"
            )
            every = Terms(tuple(c.lower() for c in (*cues.strong, *cues.weak)), r"[\w.'-]")
            self._cue = Prefiltered(full, (every,))

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        self.load()
        assert self._cue is not None
        text = context.text
        for cue in self._cue.finditer(context.folded, context.folded):
            strong = cue["strong"] is not None
            if strong and text[cue.start() : cue.end()].strip().isupper():
                continue  # "5602 MW Vledder": a postcode's letters, not "mw."
            name = (self._STRONG_NAME if strong else self._WEAK_NAME).match(text, cue.end())
            if (
                name is not None
                and plausible_name(name.group())
                and (strong or _person_like(context, name.group()))
            ):
                yield self.finding(
                    "person",
                    name.start(),
                    name.end(),
                    f"after '{text[cue.start() : cue.end()].strip()}'",
                    score=1.0 if strong else 0.9,
                )


# The first initial, then the look-behind (a leading look-behind is tried at
# every position; a leading character set is skipped to).
_INITIALS_NAME = re.compile(
    rf"[{CAPITAL}](?<![\w.].)\.[ \t]?(?:{INITIAL}[ \t]?){{0,4}}[ \t]*"
    rf"(?P<surname>{SURNAME})(?![\w-])"
)


class InitialsNameRecogniser(PersonalRecogniser):
    """Initials with a surname anywhere: ``J.P. van der Berg``, ``A. Öztürk``."""

    name = "personal.initials-name"
    entities = ("person",)

    # "A. Hoewel de melding …", "B. Beschrijf de gevolgen": a list's letter at
    # a line's start, then a sentence: no initial and a surname.  Particles and
    # a capital after the word go on a name ("H. Goyaerts van Waderle").
    _LIST_ITEM = re.compile(
        rf"[ \t>*#|-]*{INITIAL}[ \t]*\S+[ \t]+"
        rf"(?!(?:(?:{'|'.join(sorted(PARTICLE_WORDS))})[ \t]+)+[{UPPER}])[a-zß-ÿ(]"
    )

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        abbreviations = vocabulary().abbreviations_folded()
        text = context.text
        for match in _INITIALS_NAME.finditer(text):
            initials = match.group()[: match.start("surname") - match.start()]
            letters = re.sub(rf"[^{CAPITAL}]", "", initials)
            if (
                letters.lower() in abbreviations
                or not plausible_name(match["surname"])
                or context.word_like(match.group())
                or self._list_item(text, match)
                or self._initial_and_word(letters, match["surname"])
            ):
                continue
            yield self.finding(
                "person", match.start(), match.end(), "initials and a surname", score=0.95
            )

    @staticmethod
    def _initial_and_word(letters: str, surname: str) -> bool:
        """One initial before a Dutch word that no list holds as a name:
        ``A. Automatisering``, ``D. Overig`` (a list's letter, a column's
        head).  Short words are left alone: ``Kis`` and ``Bak`` are surnames
        elsewhere."""
        return len(letters) == 1 and len(surname) > 4 and _dutch_non_name(surname)

    def _list_item(self, text: str, match: re.Match[str]) -> bool:
        """One letter at a line's start, one word after it, and the sentence
        goes on in lower case."""
        line_start = text.rfind("\n", 0, match.start()) + 1
        return (
            " " not in match["surname"].strip()
            and not text[line_start : match.start()].strip(" \t>*#|-")
            and self._LIST_ITEM.match(text, line_start) is not None
        )


class AffiliationNameRecogniser(PersonalRecogniser):
    """A name with the abbreviation of its organisation or unit in brackets
    right after it, as minutes and mails write people: ``Anna de Vries (VWS)``,
    ``A. Zobel (BSO FB DIV)``.  A party in brackets makes an office holder
    (:class:`OfficeHolderRecogniser`), whose keep wins over this find."""

    name = "personal.affiliation-name"
    entities = ("person",)

    _UNIT = re.compile(r"\((?P<unit>[A-Z][A-Z0-9&-]{1,9}(?:[ \t/][A-Z][A-Za-z0-9&-]{0,9})*)\)")
    _NAME_BEFORE = re.compile(rf"(?<![\w-])(?P<name>{FULL_NAME})[ \t]*\Z")

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        text = context.text
        if "(" not in text:
            return
        for unit in self._UNIT.finditer(text):
            name = self._NAME_BEFORE.search(text, max(0, unit.start() - 60), unit.start())
            if (
                name is not None
                and plausible_name(name["name"])
                and not context.has_word_of_text(name["name"])
                and not _abbreviates(unit["unit"], name["name"])
            ):
                yield self.finding(
                    "person",
                    name.start("name"),
                    name.end("name"),
                    "a name with its organisation in brackets",
                    score=0.9,
                )


def _abbreviates(abbreviation: str, words: str) -> bool:
    """True when the capitals of ``abbreviation`` hold the initials of the last
    two words, in order: "Fraude Signalering Voorziening (FSV)" and "Tijdelijke
    Noodmaatregel Overbrugging Werkgelegenheid (NOW)" are terms.  (Any longer
    run of initials that it holds ends in those two.)"""
    letters = iter(c for c in abbreviation.lower() if c.isalpha())
    initials = [w[0].lower() for w in words.split() if w.lower() not in PARTICLE_WORDS]
    return len(initials) >= 2 and all(initial in letters for initial in initials[-2:])


class ParticleNameRecogniser(PersonalRecogniser):
    """A given name, lower-case particles and a surname, anywhere: ``René den
    Nicolas``, ``Sanne van der Veen``.  Written so, capitalised words with
    ``van der`` between them are a Dutch name; "Raad van State" and "Kamer van
    Koophandel" are known organisations or read as words of the text."""

    name = "personal.particle-name"
    entities = ("person",)

    _PATTERN = re.compile(
        rf"(?P<given>[{UPPER}](?<![\w-].){WORD_TAIL})[ \t]+"
        rf"(?:{NAME_ONLY_PARTICLES})[ \t]+{WORD}(?![\w-])"
    )

    _PLACE_BEFORE = re.compile(r"(?<![\w-])(?i:te|in|naar|uit)[ \t]+\Z")

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        text = context.text
        for match in self._PATTERN.finditer(text):
            name = match.group()
            if self._PLACE_BEFORE.search(text, max(0, match.start() - 6), match.start()):
                continue  # "geboren te Nederhorst den Berg"
            endings = vocabulary().word_endings
            first, last = name.split()[0].lower(), name.split()[-1].lower()
            if first.endswith(endings) or last.endswith(endings):
                continue  # "Wijziging van de Tijdelijke wet": a title's words
            if (
                plausible_name(name)
                and not context.has_word_of_text(name)
                and name.lower() not in place_names()  # "7300 JW Nederhorst den Berg"
            ):
                yield self.finding(
                    "person", match.start(), match.end(), "a name with particles", score=0.85
                )


@cache
def _cue_words() -> frozenset[str]:
    """Cues in lower case: "collega 5.1.2e" names a redacted colleague; the
    cue is none (greetings and closings are no names for plausible_name)."""
    cues = vocabulary().cues
    return frozenset(w.lower() for w in (*cues.strong, *cues.weak))


class BesideMarkerNameRecogniser(PersonalRecogniser):
    """A name right beside a marker that hid a name: the first name left
    visible when only the surname was blacked out (``Anna 5.1.2e``,
    ``Rosalie<br>(10)(2e)``), a full name before a marker, or the surname
    after a redacted first name."""

    name = "personal.beside-marker-name"
    entities = ("person",)

    _GAP = r"[ \t]*(?:<br\s*/?>)?[ \t]*"
    _BEFORE = re.compile(rf"(?<![\w-])(?P<name>(?:{WORD}[ \t]+)?{WORD}){_GAP}\Z")
    _AFTER = re.compile(rf"{_GAP}(?P<name>{WORD})(?![\w-])(?![ \t]*[:(])")
    _SENTENCE_GOES_ON = re.compile(rf"[ \t]+[{LOWER}]")

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        text = context.text
        for marker in context.name_markers:
            for match, then in (
                (self._BEFORE.search(text, max(0, marker.start - 40), marker.start), marker.end),
                (self._AFTER.match(text, marker.end, min(len(text), marker.end + 40)), None),
            ):
                if match is None:
                    continue
                # "Via 5.1.2e kreeg ik", "5.1.2e Eerste uitwerking": a sentence's
                # first word is capitalised whatever it is.
                if self._SENTENCE_GOES_ON.match(text, then or match.end()):
                    continue
                word = match["name"]
                # Two letters beside a marker are as often an OCR fragment ("Pa").
                if (
                    len(word) > 2
                    and plausible_name(word)
                    and word.split()[0].lower() not in _cue_words()
                    and not context.has_word_of_text(word)
                    and not _dutch_non_name(word.split()[-1])
                ):
                    yield self.finding(
                        "person",
                        match.start("name"),
                        match.end("name"),
                        "beside a redacted name",
                        score=0.8,
                    )


class LexiconNameRecogniser(PersonalRecogniser):
    """A first name from the lexicon followed by a surname: ``Pieter Bakker``,
    ``Fatima el Amrani``, ``Hans-Theo Peeters`` (``data``: Faker's Dutch first
    names); or a lexicon first name alone on its line, as chats and
    signatures put the writer's name."""

    name = "personal.lexicon-name"
    entities = ("person",)

    _FIRST_TAIL = rf"[{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?"
    _FIRST = rf"[{UPPER}]{_FIRST_TAIL}"
    # The first name consumed and its look-behind after its first letter, so
    # that the engine skips to capitals; the surname a look-ahead, so that
    # "Volgens Emma de Wit" is tried at "Emma" too.
    _PATTERN = re.compile(
        rf"(?P<first>[{UPPER}](?<![\w-].){_FIRST_TAIL})[ \t]+"
        rf"(?=(?P<rest>{SURNAME})(?![\w-]))"
    )
    # A line of its own: after a line break (a literal, which "^" is not); the
    # first line is matched at the start apart.
    _ALONE = re.compile(rf"\n[ \t>*#•-]*(?P<first>{_FIRST})[ \t]*(?=\n|\Z)")
    _ALONE_FIRST = re.compile(rf"[ \t>*#•-]*(?P<first>{_FIRST})[ \t]*(?=\n|\Z)")

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        end = 0
        for match in self._PATTERN.finditer(context.text):
            if match.start() < end:
                continue
            if (
                _lexicon_first(context, match["first"])
                and plausible_name(match["rest"])
                and match["rest"].lower() not in MONTHS  # "Jan Mrt Mei" in a chart
            ):
                end = match.end("rest")
                yield self.finding(
                    "person", match.start(), end, "first name from the lexicon", score=0.9
                )
        text = context.text
        first_line = self._ALONE_FIRST.match(text)
        for match in chain((first_line,) if first_line else (), self._ALONE.finditer(text)):
            first = match["first"]
            if (
                _lexicon_first(context, first)
                and plausible_name(first)
                and not context.word_like(first)
            ):
                yield self.finding(
                    "person",
                    match.start("first"),
                    match.end("first"),
                    "first name from the lexicon, alone on its line",
                    score=0.8,
                )


class NameLineRecogniser(PersonalRecogniser):
    """A line that is only a name's shape, for review: two or three capitalised
    words, particles between them, alone on the line (``Erzsébet Gál``,
    ``Oldřich van Ikonen``).  OCR of slides, forms and tables puts names on
    lines of their own, with no cue around them and in any order; a name from
    abroad is in no lexicon.  A line of the text's own words is no name: a
    word the text writes in lower case, with a Dutch noun's ending, of the
    vocabulary or the catalogue, or a word twice (``Meldplicht Datalekken``,
    ``Resource Resource``) is left alone; so is a line of mostly Dutch words
    that no list holds as names (``Meld Misdaad``, ``Zoeken Ivant Laatste``;
    ``Axel Gustafsson`` and ``Tamás Kis`` are names, though ``axel`` and
    ``kis`` are words) and a line with a place's name not after a particle
    (``Chasséveld Breda``; ``Maria van Leuven`` is a name)."""

    name = "personal.name-line"
    entities = ("person",)

    _WORDS = rf"{WORD}(?:[ \t]+(?:{NAME_ONLY_PARTICLES}|van|de|'t)[ \t]+{WORD}|[ \t]+{WORD}){{1,2}}"
    _LINE = re.compile(rf"\n[ \t>*#•-]*(?P<name>{_WORDS})[ \t]*(?=\n|\Z)")

    # Longer than any name word but a compound's ("Stuurvariabelen").
    _LONGEST = 13

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        endings = vocabulary().word_endings
        for match in self._LINE.finditer(context.text):
            name = match["name"]
            words = [w.lower() for w in name.split() if w[0].isupper()]
            if (
                len(set(words)) < len(words)
                or any(
                    w.endswith(endings)
                    or w in PARTICLE_WORDS  # "Daartoe In", "Het Managen"
                    or w in MONTHS  # "Feb Jul", "Apr Aug Sep"
                    or any(len(part) > self._LONGEST for part in w.split("-"))
                    for w in words
                )
                or _mostly_dutch_words(words)
                or _names_a_place(name)
                or not plausible_name(name)
                or context.has_word_of_text(name)
            ):
                continue
            yield self.finding(
                "person",
                match.start("name"),
                match.end("name"),
                "a line of capitalised words only, none a word of the text",
                score=0.5,
            )


class FromLineNameRecogniser(PersonalRecogniser):
    """A name on the line after a line that holds only ``van`` or ``aan``, for
    review: OCR of a memo's or a report's head, out of reading order, leaves
    ``van`` on one line and the writer on the next (``van`` / ``## Hedviga``,
    ``aan`` / ``Vilho Ikonen-Brouwersma. pdf``).  ``van`` alone on a line is as
    often a slide's word, so the name must be no word: none of its words a
    Dutch word or compound no list holds as a name, a place, a month or a
    word of the text (``van`` / ``Uitvoering``, ``van`` / ``Januari``)."""

    name = "personal.from-line-name"
    entities = ("person",)

    _LINES = (
        rf"[ \t]*(?:van|aan)[ \t]*\n(?:[ \t]*\n)*[ \t>*#]*"
        rf"(?P<name>(?:{INITIAL}[ \t]?){{0,3}}{WORD}(?:[ \t]+{WORD})?)"
        rf"[ \t]*(?:[.(][^\n]*)?(?=\n|\Z)"
    )
    # After a line break (a literal, which "^" is not: five times faster over
    # a whole text); the first line is matched at the start apart.
    _PATTERN = re.compile(rf"\n{_LINES}")
    _FIRST = re.compile(_LINES)
    # A lower-case part after a hyphen ("Ziektewet-uitkering") or a plural's
    # "'s" ("Herbo's"): a term's, never a name's.
    _NO_NAME_WORD = re.compile(r"-[a-zß-ÿ]|['’]s\Z")

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        text = context.text
        first = self._FIRST.match(text)
        for match in chain((first,) if first else (), self._PATTERN.finditer(text)):
            name = match["name"]
            words = [w for w in name.split() if not w.endswith(".")]
            if (
                any(
                    len(w) < 3
                    or self._NO_NAME_WORD.search(w)
                    or _dutch_non_name(w, compounds=True)
                    or w.lower() in MONTHS
                    for w in words
                )
                or _names_a_place(name)
                or not plausible_name(name)
                or context.has_word_of_text(name)
                or context.word_like(name)
            ):
                continue
            yield self.finding(
                "person",
                match.start("name"),
                match.end("name"),
                "on the line after 'van' or 'aan'",
                score=0.5,
            )


def _dutch_non_name(word: str, compounds: bool = False) -> bool:
    """``word`` is a Dutch word (or, with ``compounds``, reads as a compound of
    two) and no name of any list: ``Meld``, ``Datalekken``, not ``Roos``."""
    dutch = reads_as_dutch(word) if compounds else is_dutch_word(word)
    return dutch and not is_lexicon_name(word) and word.lower() not in wide_first_names()


def _mostly_dutch_words(words: list[str]) -> bool:
    """More than half of ``words`` are Dutch words or compounds that are no
    names: one such word may be a surname (``Haverkamp``), two are a
    phrase."""
    return 2 * sum(_dutch_non_name(w, compounds=True) for w in words) > len(words)


def _names_a_place(name: str) -> bool:
    """A word of ``name`` is a Dutch or Flemish place or province, not after a
    particle (the place in ``van Leuven`` makes a surname) and no surname of
    the lexicon."""
    words = name.split()
    return any(
        word.lower() in place_names()
        and not is_lexicon_name(word)
        and (i == 0 or words[i - 1].lower() not in PARTICLE_WORDS)
        for i, word in enumerate(words)
    )


def _lexicon_word(context: TextContext, word: str) -> bool:
    """A surname of the lexicon, or a first name here (see
    :meth:`TextContext.first_name`)."""
    return is_lexicon_name(word) or context.first_name(word)


def _lexicon_first(context: TextContext, word: str) -> bool:
    """A first name of the lexicon, or a double one with a part that is."""
    return any(context.first_name(part) for part in word.split("-"))


class KnownNameRecogniser(PersonalRecogniser):
    """Every variant of a name the dossier holds (read from headers, fields,
    greetings and e-mail addresses in any of its documents): ``De Vries`` and
    ``Anna`` once ``Anna de Vries <anna.devries@…>`` was seen anywhere."""

    name = "personal.known-name"
    entities = ("person",)

    # Runs of capitalised words (with initials and particles between them), then
    # widened over the particles before them: cheaper than trying a full name
    # at every position, since "de" and "van" stand everywhere.
    # an initial, a capitalised word, or up to four capitals ("ADV"), not "ALONG"
    _TOKEN = rf"(?:[{UPPER}]\.|[{UPPER}][{LOWER}'’-][\w'’-]*|[A-Z]{{1,4}}(?![\w]))"
    # The first token's capital first, then the look-behind (a leading
    # look-behind is tried at every position; a character set is skipped to).
    _CANDIDATE = re.compile(
        rf"[{UPPER}](?<![\w-].)(?:\.|[{LOWER}'’-][\w'’-]*|(?<=[A-Z])[A-Z]{{0,3}}(?![\w]))"
        rf"(?:[ \t]*{PARTICLES_RE}{_TOKEN})*"
    )
    _PARTICLES_BEFORE = re.compile(rf"(?:^|(?<=[^\w-])){PARTICLES_RE}\Z")

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        known = context.known
        if not known.forms:
            return
        text = context.text
        for low, high in self._segments(context):
            for match in self._CANDIDATE.finditer(text, low, high):
                yield from self._known_in_run(context, match)

    def _segments(self, context: TextContext) -> Iterator[tuple[int, int]]:
        """The stretches of text that can hold a known name: the lines holding
        the last word of one (a name is known only by its last word, see
        :meth:`KnownNames.get`), joined over a line break inside a particle
        ("van\nde"), the only place a run goes on over one.  The whole text
        where lower case is not one to one."""
        text = context.text
        lowered = context.lowered
        hint = context.known.last_word_pattern()
        if lowered is None or hint is None or "Σ" in text:  # Σ lowers by its context
            yield 0, len(text)
            return
        yield from lines_with(hint, text, scanned=lowered.replace("’", "'"), lines=_joined_lines)

    def _known_in_run(self, context: TextContext, match: re.Match[str]) -> Iterable[Finding]:
        text = context.text
        start = match.start()
        if start and text[start - 1] in " \t":
            before = self._PARTICLES_BEFORE.search(text, max(0, start - 20), start)
            if before is not None and before.start() < start:
                start = before.start()
        yield from self._longest_known(context, start, text[start : match.end()])

    def _longest_known(self, context: TextContext, start: int, run: str) -> Iterable[Finding]:
        words = list(re.finditer(r"\S+", run))
        for size in range(min(len(words), 5), 0, -1):
            for first in range(len(words) - size + 1):
                low, high = words[first].start(), words[first + size - 1].end()
                while high > low and run[high - 1] in ".,;:":
                    high -= 1
                form = run[low:high]
                if form in context.known.abbreviations or form in context.abbreviations:
                    continue  # "(MDO)" elsewhere: a term, though some initials read so
                found = context.known.get(form)
                if found is not None and not context.word_like(form):
                    score = 1.0 if size > 1 else 0.8
                    yield self.finding(
                        "person",
                        start + low,
                        start + high,
                        f"known name in this dossier ({found.reason})",
                        score=score,
                        value=found.person,
                    )
                    return


def _joined_lines(text: str, at: int) -> tuple[int, int]:
    """The line around ``at``, joined with the lines before and after it where a
    line break stands between two letters (or a letter and an apostrophe), as
    inside "van\nde": the stretch a run of name words through ``at`` can span."""

    def joinable(index: int) -> bool:
        after = text[index + 1 : index + 2]
        return text[index - 1 : index].isalpha() and (after.isalpha() or after == "'")

    low = text.rfind("\n", 0, at) + 1
    while low > 0 and joinable(low - 1):
        low = text.rfind("\n", 0, low - 1) + 1
    high = text.find("\n", at)
    while high != -1 and joinable(high):
        high = text.find("\n", high + 1)
    return low, len(text) if high == -1 else high


@cache
def _office_patterns() -> tuple[Prefiltered, re.Pattern[str], re.Pattern[str]]:
    """An office word; the name after it ("minister De Wildt", "de minister van
    VWS, Karin Smit"); the name before it ("Hugo Jansen, burgemeester")."""
    offices = [office.lower() for office in vocabulary().offices]
    # In the folded text, tried only where an office starts.
    word = Prefiltered(
        re.compile(rf"(?<![\w-])(?:{alternation(offices)})(?![\w-])"),
        (Terms(tuple(offices), not_before=r"[\w-]"),),
    )
    after = re.compile(
        rf"(?:[ \t]+(?i:van|voor)[ \t]+[A-Z][\w&]*(?:[ \t]+[A-Z][\w&]*)*)?"
        rf"[ \t]*,?[ \t]*(?P<name>{NAME})(?![\w-])"
    )
    before = re.compile(
        rf"(?<![\w-])(?P<name>{FULL_NAME}|{SURNAME})[ \t]*(?:,|\()[ \t]*(?:de[ \t]+)?\Z"
    )
    return word, after, before


@cache
def _party_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A party in brackets, and the name right before it: "De heer Verhoef
    (GroenLinks)".  The party is found first: a name tried at every position
    cost a fifth of all detection."""
    parties = alternation(list(vocabulary().parties))
    return (
        re.compile(rf"\((?P<party>{parties})\)"),
        re.compile(rf"(?<![\w-])(?P<name>{NAME})[ \t]*\Z"),
    )


# A participant list's name alone on its line ("- Anna de Vries").
_NAME_LINE = re.compile(rf"[ \t>*#•·-]*(?P<name>{FULL_NAME})[ \t,*]*")
_DECORATION = re.compile(r"[\s,;/|()*#>•·-]+")
# How many lines of markers may stand between a name and its office.
_MARKER_LINES = 3


class OfficeHolderRecogniser(PersonalRecogniser):
    """Office holders in office: a name right after or before an office
    (``data/vocabulary.yaml``: ``offices``), or alone on its line above an office
    that starts its line with only redacted lines between, as participant lists
    put them (name, ``5.1.2e``, ``Minister van VWS``: the aide is redacted, the
    minister is not).  Found with score 0: they stay visible."""

    name = "personal.office-holder"
    entities = ("person",)

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        word, after, before = _office_patterns()
        text = context.text
        markers = sorted(context.markers, key=lambda m: m.start)
        starts = [m.start for m in markers]
        if "(" in text:
            party, name_before = _party_patterns()
            for member in party.finditer(text):
                name = name_before.search(text, max(0, member.start() - 60), member.start())
                if name is not None and plausible_name(name["name"]):
                    yield self.finding(
                        "person",
                        name.start("name"),
                        name.end("name"),
                        f"office holder: member of parliament ({member['party']})",
                        score=0.0,
                    )
        for office in word.finditer(context.folded, context.folded):
            title = " ".join(office.group().split())
            for match in (
                after.match(text, office.end(), min(len(text), office.end() + 160)),
                before.search(text, max(0, office.start() - 80), office.start()),
            ):
                if match is not None and plausible_name(match["name"]):
                    yield self.finding(
                        "person",
                        match.start("name"),
                        match.end("name"),
                        f"office holder: {title}",
                        score=0.0,
                    )
            above = _name_above_redacted_lines(text, markers, starts, office.start())
            if above is not None:
                yield self.finding(
                    "person", above[0], above[1], f"office holder: {title}", score=0.0
                )


def _name_above_redacted_lines(
    text: str, markers: list[Span], starts: list[int], office: int
) -> tuple[int, int] | None:
    """The name alone on its line above the office at ``office``, when the office
    starts its line and one to three lines of markers only (and blank lines)
    stand between (``markers``: the text's markers in order, ``starts`` theirs)."""
    end = text.rfind("\n", 0, office)
    if end == -1 or text[end + 1 : office].strip(" \t>*#•·-"):
        return None  # the office does not start its line
    redacted = 0
    while end > 0 and redacted <= _MARKER_LINES:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        end = start - 1
        if not line.strip():
            continue
        if _markers_only(text, markers, starts, (start, start + len(line))):
            redacted += 1
            continue
        name = _NAME_LINE.fullmatch(line)
        if redacted and name is not None and plausible_name(name["name"]):
            return start + name.start("name"), start + name.end("name")
        return None
    return None


def _markers_only(text: str, markers: list[Span], starts: list[int], line: tuple[int, int]) -> bool:
    """Nothing on the ``line`` (start, end) but markers and decoration."""
    start, end = line
    index = bisect_left(starts, start)
    rest, cursor = [], start
    while index < len(markers) and markers[index].start < end:
        rest.append(text[cursor : markers[index].start])
        cursor = markers[index].end
        index += 1
    rest.append(text[cursor:end])
    return cursor > start and not _DECORATION.sub("", "".join(rest))
