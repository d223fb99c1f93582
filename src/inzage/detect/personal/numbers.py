"""Numbers that identify a person: BSN, IBAN, licence plate, date of birth.

BSN and IBAN are checked by ``python-stdnum`` (the 11-proof; the IBAN check
digits and the Dutch bank code), so a nine-digit reference or an amount is not
taken for one.  A BSN is an absolute ground (5.1.1e); the others are 5.1.2e."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from stdnum import iban
from stdnum.nl import bsn

from inzage.detect.personal.base import PersonalRecogniser, TextContext
from inzage.model import Finding
from inzage.parse.dates import MONTHS
from inzage.recognisers.base import Prefiltered, Terms, lines_with
from inzage.recognisers.vocabulary import alternation, vocabulary

# Nine digits, also written 1234.56.782, 123 456 782, 12 34 56 782.
# The first digit, then the look-behind: a leading look-behind is tried at
# every position, a leading character set is skipped to.
_BSN = re.compile(
    r"\d(?<![\w.,-].)(?:\d{8}|\d{3}[. ]\d{2}[. ]\d{3}|\d{2}[. ]\d{3}[. ]\d{3}"
    r"|\d[. ]\d{2}[. ]\d{2}[. ]\d{3})(?![\w-]|[.,]\d)"
)
_BSN_CUE = re.compile(
    r"(?i)\b(?:bsn|burgerservicenummer|sofi-?nummer|sofinr|persoonsnummer|bsn-nummer)\b"
)


class BsnRecogniser(PersonalRecogniser):
    """Citizen service numbers that pass the 11-proof, in every written form;
    a cue word (``BSN``, ``burgerservicenummer``) before it raises the score."""

    name = "personal.bsn"
    entities = ("bsn",)

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        text = context.text
        candidates = list(_BSN.finditer(text))
        valid = [m for m in candidates if bsn.is_valid(re.sub(r"\D", "", m.group()))]
        # One nine-digit number in eleven passes the 11-proof by chance: among
        # many that mostly fail (a table of course or ticket numbers), one that
        # passes without a cue word is for review.
        by_chance = len(candidates) >= 5 and len(valid) < len(candidates) / 2
        for match in valid:
            cued = _BSN_CUE.search(text, max(0, match.start() - 40), match.start()) is not None
            reason = "BSN (11-proof)" + (", after a cue word" if cued else "")
            score = 1.0 if cued else 0.85
            if by_chance and not cued:
                reason += f", among {len(candidates)} nine-digit numbers that mostly fail it"
                score = 0.6
            yield self.finding(
                "bsn",
                match.start(),
                match.end(),
                reason,
                score=score,
                value=re.sub(r"\D", "", match.group()),
            )


_IBAN = re.compile(r"[A-Z](?<!\w.)[A-Z]\d{2}[ ]?(?:[A-Z0-9]{4}[ ]?){2,7}[A-Z0-9]{1,4}(?![\w])")


class IbanRecogniser(PersonalRecogniser):
    """Account numbers in IBAN form with valid check digits (``NL91 ABNA 0417 1643 00``)."""

    name = "personal.iban"
    entities = ("iban",)

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        for match in _IBAN.finditer(context.text):
            compact = match.group().replace(" ", "")
            if iban.is_valid(compact):
                yield self.finding(
                    "iban", match.start(), match.end(), "IBAN (check digits)", value=compact
                )


# Dutch side codes since 1951: two or three groups of letters and digits. The
# letters of the newer codes are consonants only, which keeps words out.
_L = "[BDFGHJKLNPRSTVXZ]"
# Each branch starts with its first character and only then looks behind it:
# a pattern that starts with a look-behind is tried at every position, one
# that starts with a character set is skipped to (five times faster here).
_PLATE = re.compile(
    rf"(?:{_L}(?<![\w-].)(?:{_L}-\d{{2}}-\d{{2}}|{_L}-\d{{2}}-{_L}{{2}}|{_L}-{_L}{{2}}-\d{{2}}"
    rf"|{_L}-\d{{3}}-{_L}|-\d{{3}}-{_L}{{2}}|{_L}{{2}}-\d{{2}}-{_L}|-\d{{2}}-{_L}{{3}})"
    rf"|\d(?<![\w-].)(?:\d-\d{{2}}-{_L}{{2}}|\d-{_L}{{2}}-\d{{2}}|\d-{_L}{{2}}-{_L}{{2}}"
    rf"|\d-{_L}{{3}}-\d|-{_L}{{3}}-\d{{2}}|-{_L}{{2}}-\d{{3}}|\d{{2}}-{_L}{{2}}-\d))(?![\w-])"
)
# Every side code has a middle group of two or three between two hyphens; a
# literal "-" first lets the engine skip ahead to the few lines worth a try.
_PLATE_HINT = re.compile(rf"-[\d{_L[1:-1]}]{{2,3}}-[\d{_L[1:-1]}]")
_PLATE_CUE = re.compile(r"(?i)\b(?:kenteken|kentekennummer|nummerplaat|voertuig|auto)\b")


class LicencePlateRecogniser(PersonalRecogniser):
    """Dutch licence plates in their side codes (``GF-123-K``, ``12-KXB-3``)."""

    name = "personal.licence-plate"
    entities = ("licence_plate",)

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        text = context.text
        for start, end in lines_with(_PLATE_HINT, text):
            yield from self._plates(text, start, end)

    def _plates(self, text: str, start: int, end: int) -> Iterator[Finding]:
        for match in _PLATE.finditer(text, start, end):
            cued = _PLATE_CUE.search(text, max(0, match.start() - 60), match.start()) is not None
            yield self.finding(
                "licence_plate",
                match.start(),
                match.end(),
                "licence plate" + (", after a cue word" if cued else ""),
                score=1.0 if cued else 0.8,
            )


_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = (
    rf"\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)?\d{{2}}"
    rf"|\d{{1,2}}[ \t]+(?i:{_MONTH_NAMES})\.?[ \t]+\d{{4}}"
    rf"|(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}"
)


@cache
def _birth_date() -> Prefiltered:
    words = list(vocabulary().birth_cues)
    full = re.compile(
        rf"(?i:\b(?:{alternation(words)}))[ \t:]*(?:op[ \t]+|d\.d\.[ \t]+)?(?P<date>{_DATE})(?!\d)"
    )
    return Prefiltered(full, (Terms(tuple(w.lower() for w in words)),))


class BirthDateRecogniser(PersonalRecogniser):
    """A date after ``geboren``, ``geboortedatum``, ``geb.``: a date of birth."""

    name = "personal.birthdate"
    entities = ("birthdate",)

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        for match in _birth_date().finditer(context.text, context.lowered):
            yield self.finding(
                "birthdate", match.start("date"), match.end("date"), "date after a birth cue"
            )
