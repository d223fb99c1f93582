"""From findings to proposals: which spans to redact, keep or review, on which
ground, and why.  The loop, after Presidio's ``AnalyzerEngine``: build the
context, run the recognisers, settle overlaps, decide, link the variants of a
person.  Each step is a named function.

A :class:`Dossier` proposes over many texts together in two passes: the first
(:meth:`Dossier.learn`) collects the names that the strong evidence gives
(headers, fields, greetings, closings, e-mail addresses), the second
(:meth:`Dossier.propose`) finds every variant of them in every text, so that
one name redacted in a header is redacted wherever it stands.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from inzage.detect.personal.base import (
    PARTICLE_WORDS,
    KnownNames,
    TextContext,
    fold,
    name_parts,
    person_key,
)
from inzage.detect.personal.lexicon import is_lexicon_name, wide_first_names
from inzage.detect.policy import DossierPolicy
from inzage.model import Action, Finding, PersonalKind, Proposal, Span
from inzage.parse.email_headers import HeaderBlock, find_header_blocks
from inzage.parse.markers.engine import find_markers
from inzage.recognisers.base import Recogniser, find_bounded
from inzage.recognisers.registry import RecogniserRegistry, registry_or_shared
from inzage.recognisers.vocabulary import alternation, vocabulary

# Findings of one text past this many are not looked for (see find_bounded).
MAX_FINDINGS = 50_000
# Below this score a finding is proposed for review rather than for redaction.
REVIEW_BELOW = 0.75

GROUNDS: dict[PersonalKind, str] = {
    "bsn": "5.1.1e",
    "special_category": "5.1.1d",
}
DEFAULT_GROUND = "5.1.2e"
# Kinds whose finds a checksum vouches for.
_CHECKED = frozenset({"bsn", "iban"})
# Recognisers whose names are strong enough to be looked for in every text (a
# lexicon first name with a capitalised word after it is not: "Lot Number").
_TEACHERS = frozenset(
    {
        "personal.header-name",
        "personal.field-name",
        "personal.greeting-name",
        "personal.closing-name",
        "personal.cue-name",
        "personal.initials-name",
        "personal.email",
    }
)
# Where a first name alone is a name ("Beste Anna", "Groet, Pieter"): it is
# then looked for alone everywhere; elsewhere only first names of the lexicon are.
_ADDRESSING = frozenset({"personal.greeting-name", "personal.closing-name"})
# What the first pass runs: the teachers, and the office holders (a name beside
# an office must not be taught as one to redact).
_LEARNERS = _TEACHERS | {"personal.office-holder"}
# Contexts (header blocks, markers) kept from the first pass for the second, at
# most this many: past them, a large dossier has them found again rather than held.
CONTEXTS_KEPT = 500
# The learners' finds of a kept text are kept too, up to this many: a text
# dense with names has them found again rather than held (memory stays bounded).
LEARNT_KEPT = 2_000
_SENTENCE_END = re.compile(r"[.!?]\s|\n\s*\n")


def text_context(text: str, known: KnownNames | None = None) -> TextContext:
    """What the recognisers read besides the text: header blocks and markers."""
    markers = find_markers(text).redactions
    return TextContext(
        text=text,
        headers=find_header_blocks(text),
        markers=[r.span for r in markers],
        name_markers=[r.span for r in markers if r.role in ("name", "unknown")],
        known=known if known is not None else KnownNames(),
    )


def run_recognisers(
    context: TextContext,
    registry: RecogniserRegistry | None = None,
    limit: int = MAX_FINDINGS,
    only: frozenset[str] | None = None,
    found: dict[str, list[Finding]] | None = None,
) -> tuple[list[Finding], int | None]:
    """Every personal-data finding in the text, in recogniser order, and the
    offset past which none were looked for (``None``: the whole text).
    ``only``: the names of the recognisers to run (all: ``None``).  ``found``:
    each recogniser's sorted finds where they are known already (the learners'
    from the first pass); a recogniser that was run is added to it."""
    known = found if found is not None else {}
    recognisers = [
        r
        for r in registry_or_shared(registry).get("personal-data")
        if only is None or r.name in only
    ]
    bounded = find_bounded([_Bound(r, context, known) for r in recognisers], context.text, limit)
    return bounded.findings, bounded.cut


class _Bound(Recogniser[Finding]):
    """A personal-data recogniser bound to one context, for :func:`find_bounded`:
    its finds are looked up in ``found`` or found and added there."""

    def __init__(
        self,
        recogniser: Recogniser[Finding],
        context: TextContext,
        found: dict[str, list[Finding]],
    ) -> None:
        self._recogniser = recogniser
        self._context = context
        self._found = found

    def find(self, text: str) -> list[Finding]:
        name = self._recogniser.name
        kept = self._found.get(name)
        if kept is None:
            finder = getattr(self._recogniser, "find_in", None)
            found = finder(self._context) if finder else self._recogniser.find(text)
            kept = self._found[name] = sorted(found, key=lambda f: f.span.start)
        return kept


def settle_overlaps(findings: Sequence[Finding], context: TextContext) -> list[Finding]:
    """One finding per place: what touches a redaction marker is dropped (it is
    redacted already); of overlapping findings a number its checksum vouches for
    wins (a BSN, an IBAN: "BE02 8024 0900 0940" holds a service number), then a
    keep (an office holder, a mailbox, an organisation's address), then the
    longest, the surest, and the recogniser that runs first (the stronger
    evidence)."""
    order = {f.recogniser: i for i, f in reversed(list(enumerate(findings)))}
    candidates = [f for f in findings if len(f.span) and not context.redacted(f.span)]
    ranked = sorted(
        candidates,
        key=lambda f: (
            not (f.kind in _CHECKED and f.score > 0),
            f.score != 0.0,
            -len(f.span),
            -f.score,
            order[f.recogniser],
        ),
    )
    chosen: list[Finding] = []
    # The chosen spans never overlap, so in order of start only the neighbours
    # of a new span can touch it (a dense text has tens of thousands of finds).
    starts: list[int] = []
    ends: list[int] = []
    for finding in ranked:
        span = finding.span
        at = bisect_left(starts, span.start)
        if (at > 0 and ends[at - 1] > span.start) or (at < len(starts) and starts[at] < span.end):
            continue
        starts.insert(at, span.start)
        ends.insert(at, span.end)
        chosen.append(finding)
    return sorted(chosen, key=lambda f: f.span.start)


@cache
def _organisation_suffix() -> re.Pattern[str]:
    suffixes = alternation(list(vocabulary().organisation_suffixes))
    return re.compile(rf"[ \t]*,?[ \t]*(?:{suffixes})(?![\w&])", re.IGNORECASE)


def organisation_names(findings: Sequence[Finding], text: str) -> list[Finding]:
    """A name right before an organisation's suffix ("Lotte Vermeer b.v.", "Daan
    Kuipers Academy") is that organisation's name: kept, as organisations are."""
    suffix = _organisation_suffix()
    return [
        f.updated(score=0.0, explanation="part of an organisation's name")
        if f.kind == "person" and f.score > 0 and suffix.match(text, f.span.end)
        else f
        for f in findings
    ]


# How far a sentence is read on either side of a span, in characters.
_SENTENCE_REACH = 300


def _sentence(text: str, span: Span) -> Span:
    low = max(0, span.start - _SENTENCE_REACH)
    starts = [m.end() for m in _SENTENCE_END.finditer(text, low, span.start)]
    start = starts[-1] if starts else low
    high = min(len(text), span.end + _SENTENCE_REACH)
    after = _SENTENCE_END.search(text, span.end, high)
    return Span(start=start, end=after.start() + 1 if after else high)


@dataclass
class _Kept:
    """What the first pass found in one text, for the second: never the text."""

    length: int
    headers: list[HeaderBlock]
    markers: list[Span]
    name_markers: list[Span]
    lower_words: frozenset[str]
    learnt: dict[str, list[Finding]] | None = None  # each learner's sorted finds


@dataclass
class Dossier:
    """Proposals over the texts of one dossier.  ``learn`` every text first, then
    ``propose`` each; a single text may be learnt and proposed at once."""

    policy: DossierPolicy = field(default_factory=DossierPolicy)
    registry: RecogniserRegistry | None = None
    known: KnownNames = field(default_factory=KnownNames)
    # hash of a text → what the first pass found in it (never the text)
    _contexts: dict[int, _Kept] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for entry in self.policy.redact:
            # The officer's own list: taught as written, without the guards
            # that keep junk out of what the texts teach ("ADV" is a name here).
            self.known.add(entry.name, person_key(entry.name), "named in the dossier policy")
            _teach(self.known, entry.name, "named in the dossier policy")

    def learn(self, text: str) -> list[str]:
        """Read the names ``text`` gives for the rest of the dossier; warnings back."""
        context, kept = self._context(text)
        self.known.lower_words.update(context.lower_words)
        self.known.abbreviations.update(context.abbreviations)
        learnt: dict[str, list[Finding]] = {}
        findings, cut = run_recognisers(context, self.registry, only=_LEARNERS, found=learnt)
        if kept is not None and cut is None and sum(map(len, learnt.values())) <= LEARNT_KEPT:
            # No learner reads the known names, so propose would find the same.
            kept.learnt = learnt
        for finding in organisation_names(settle_overlaps(findings, context), text):
            name = finding.recogniser.rsplit(".v", 1)[0]
            if name == "personal.office-holder":
                self.known.office_holders.setdefault(
                    person_key(finding.span.slice(text)), finding.explanation or "office holder"
                )
            if finding.score < REVIEW_BELOW or name not in _TEACHERS:
                continue
            if name == "personal.initials-name" and _one_initial_one_word(finding.span.slice(text)):
                continue  # "A. Hoewel", "C. Vul": found where they stand, taught nowhere
            if finding.kind == "person":
                _teach(
                    self.known,
                    finding.span.slice(text),
                    _short(finding.explanation),
                    first_name_alone=name in _ADDRESSING,
                )
            elif finding.kind == "email" and isinstance(finding.value, str):
                _teach(self.known, finding.value, "e-mail address", first_name_given=True)
        return _cut_warning(cut)

    def propose(self, text: str) -> tuple[list[Proposal], list[str]]:
        """The proposals for ``text`` (keeps included) and warnings."""
        context, kept = self._context(text)
        learnt = dict(kept.learnt) if kept is not None and kept.learnt is not None else None
        findings, cut = run_recognisers(context, self.registry, found=learnt)
        settled = organisation_names(settle_overlaps(findings, context), text)
        persons = sorted(
            [f.span.start for f in settled if f.kind == "person" and f.score > 0]
            + [m.start for m in context.markers]
        )
        proposals = [
            proposal
            for finding in settled
            if (proposal := self._decide(text, finding, persons)) is not None
        ]
        return proposals, _cut_warning(cut)

    def _context(self, text: str) -> tuple[TextContext, _Kept | None]:
        """The text's context, found once for both passes where it was kept,
        and what is kept of it (``None`` past :data:`CONTEXTS_KEPT` texts)."""
        key = hash(text)
        kept = self._contexts.get(key)
        if kept is not None and kept.length == len(text):
            context = TextContext(
                text=text,
                headers=kept.headers,
                markers=kept.markers,
                name_markers=kept.name_markers,
                known=self.known,
                _lower_words=kept.lower_words,
            )
            return context, kept
        context = text_context(text, self.known)
        # The first texts' contexts are kept, not the latest: the second pass
        # reads in the first one's order, so evicting the oldest would miss every time.
        if len(self._contexts) >= CONTEXTS_KEPT:
            return context, None
        kept = _Kept(
            len(text), context.headers, context.markers, context.name_markers, context.lower_words
        )
        self._contexts[key] = kept
        return context, kept

    def _decide(self, text: str, finding: Finding, persons: list[int]) -> Proposal | None:
        """The proposal for one finding; ``persons``: the starts of the names
        found and of the markers, in order (a special category needs one)."""
        kind: PersonalKind = finding.kind  # type: ignore[assignment]
        reason = finding.explanation or finding.recogniser
        span = finding.span
        person = self._person(finding, text)
        action: Action = "redact"
        if finding.score == 0.0:
            action = "keep"
        elif kind == "special_category":
            # No name within a sentence's reach, then none in the sentence.
            near = bisect_left(persons, span.start - _SENTENCE_REACH)
            if near == len(persons) or persons[near] >= span.end + _SENTENCE_REACH:
                return None
            sentence = _sentence(text, span)
            at = bisect_left(persons, sentence.start)
            if at == len(persons) or persons[at] >= sentence.end:
                return None  # no name, found or redacted, in the sentence
            action, reason = "review", f"{reason} in a sentence that names a person"
        elif finding.score < REVIEW_BELOW:
            action = "review"
        if kind == "person" and action != "keep" and person is not None:
            kept = self.policy.kept(person, span.slice(text))
            office = self._office_holder(person)
            if kept is not None:
                action, reason = "keep", f"kept by the dossier policy: {kept}"
            elif office is not None:
                action, reason = office
        return Proposal(
            kind=kind,
            span=span,
            text=span.slice(text),
            action=action,
            ground=None if action == "keep" else GROUNDS.get(kind, DEFAULT_GROUND),
            score=finding.score,
            recogniser=finding.recogniser,
            reason=reason,
            person=person,
        )

    def _office_holder(self, person: str) -> tuple[Action, str] | None:
        """Keep a name an office holder bears elsewhere in the dossier; only
        review one that shares a surname with an office holder but has other
        initials (a civil servant may be called De Wildt too)."""
        holders = self.known.office_holders
        if person in holders:
            return "keep", f"{holders[person]} (elsewhere in the dossier)"
        surname, _, initial = person.partition("|")
        bare = holders.get(f"{surname}|")
        if bare is None:
            return None
        if not initial:
            return "keep", f"{bare} (elsewhere in the dossier)"
        return "review", f"shares a surname with an office holder ({bare})"

    def _person(self, finding: Finding, text: str) -> str | None:
        if finding.kind == "person":
            if isinstance(finding.value, str):
                return finding.value
            known = self.known.get(finding.span.slice(text))
            return known.person if known else person_key(finding.span.slice(text))
        if finding.kind == "email" and isinstance(finding.value, str):
            return person_key(finding.value)
        return None


def _one_initial_one_word(name: str) -> bool:
    """ "A. Bakker", not "A. de Vries" or "J.P. Bakker": the form that a list's
    letter before a capitalised word has too ("dienstbetrekking A. Hoewel")."""
    given, _ = name_parts(name)
    return len(given) == 1 and len(fold(name).split()) == 2


def _short(reason: str | None) -> str:
    return (reason or "name").split(" (")[0]


def _teach(
    known: KnownNames,
    name: str,
    reason: str,
    *,
    first_name_alone: bool = False,
    first_name_given: bool = False,
) -> None:
    """Add a name and its variants: the full name, initials and surname, the
    surname with its particles, the first name alone, and the initials.  The
    first word is taught alone when it is a first name of the lexicon, or when
    ``first_name_given`` says it is one (``vedran.kovac@`` is written so)."""
    given, surname = name_parts(name)
    key = person_key(name)
    not_names = vocabulary().not_names()
    if _a_word_of_the_dossier(known, name):
        return
    if not given and not first_name_alone and " " not in fold(name):
        # One word from a field or a cue ("collega Bakker") is a surname: taught
        # as one, so that "Bakker" is found, not as a first name.
        if len(surname) < 4 or surname in not_names:
            return
    elif not given and first_name_alone:
        if fold(name) in not_names:
            return
        known.add_first_name(fold(name), key, reason)
        return
    known.add(name, key, reason)
    known.keys.add(key)
    words = fold(name).replace(",", " ").split()
    if len(surname) >= 3 and given:
        known.surnames.setdefault(surname, key)
        tail = [w for w in words if w.rstrip(".") not in given and len(w.rstrip(".")) > 1]
        if tail and any(w not in PARTICLE_WORDS for w in tail):
            known.add(" ".join(tail), key, reason)
        first = given[0]
        first_name = first_name_given or first in wide_first_names()
        if len(first) >= 3 and first not in not_names and first_name:
            known.add_first_name(first, key, reason)
        initials = "".join(g[0] for g in given) + "".join(w[0] for w in tail)
        person_like = all(len(g) == 1 for g in given) or first_name
        if len(initials) >= 3 and person_like:
            known.add(initials, key, reason)


def _a_word_of_the_dossier(known: KnownNames, name: str) -> bool:
    """The name's last word is one the dossier writes in lower case and no
    surname of the lexicon: "Meldpunt Datalekken" under a signature, "Werken"
    in a contact field, "Status" in a version table are words, not a person
    (a surname that is also a word, "de Jong", "Visser", is in the lexicon)."""
    words = fold(name).replace(",", " ").split()
    last = words[-1].rstrip(".") if words else ""
    return len(last) > 1 and last in known.lower_words and not is_lexicon_name(last)


def _cut_warning(cut: int | None) -> list[str]:
    if cut is None:
        return []
    return [
        f"personal data was looked for only in the first {cut:,} characters "
        f"(more than {MAX_FINDINGS:,} finds): check the rest by hand"
    ]
