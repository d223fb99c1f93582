"""Where a person lives: street and house number, postcode with house number.

An organisation's own postal and visiting address (``Postbus 20350``,
``Bezoekadres Parnassusplein 5``) is found with score 0: it stays visible."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from inzage.detect.personal.base import PersonalRecogniser, TextContext
from inzage.model import Finding
from inzage.recognisers.base import Terms, lines_with
from inzage.recognisers.vocabulary import alternation, vocabulary

# The endings of Dutch street names: "Rijnstraat", "Lange Voorhout" has none and
# is read only before a postcode.
_STREET_ENDINGS = (
    "straat|laan|weg|plein|gracht|kade|singel|dijk|hof|park|dreef|pad|steeg|markt|baan|ring"
    "|allee|boulevard|plantsoen|erf|veld|wal|burg|haven|dam|plaats|hoek|berg|pier|kwartier"
    "|poort|wijk|gaarde|oord|lei|straatweg|zijde|wetering|vaart|sloot|hout|horst|donk|akker"
)
_HOUSE = (
    r"\d{1,5}(?:[ \t]?[a-zA-Z](?![\w]))?(?:[ \t]?[-/][ \t]?\d{1,4}[a-zA-Z]?)?"
    r"(?:[ \t]*-?[ \t]*(?:hs|bis|I{1,3}|huis|boven|beneden|zw|rd)(?![\w]))?"
)
_WORD = r"[A-ZÀ-Ý][a-zß-ÿ'’]+"
_STREET = re.compile(
    rf"(?<![\w-])(?P<street>(?:(?:{_WORD}|\d{{1,2}}e)[ \t]+(?:(?:van|de|der|den)[ \t]+)*){{0,3}}"
    rf"[A-ZÀ-Ý][a-zß-ÿ'’-]*(?:{_STREET_ENDINGS}))[ \t]+(?P<number>{_HOUSE})(?![\w-]|[.,]\d)"
)
# Where a street can stand: its ending, then a house number (never over a line).
_STREET_HINT = Terms(tuple(_STREET_ENDINGS.split("|")), then=r"[ \t]+\d")
# A postcode (four digits, two letters; SA, SD, SS are not issued) and what follows.
_POSTCODE = re.compile(r"[1-9](?<![\w-].)\d{3}[ \t]?(?!SA|SD|SS)[A-Z]{2}(?![\w-])")


@cache
def _organisation_cue() -> re.Pattern[str]:
    return re.compile(rf"(?i)(?:{alternation(list(vocabulary().organisation_address_cues))})")


# A letterhead's unit line: capitals only ("BUREAU GEGEVENSBESCHERMING").
_UNIT_LINE = re.compile(r"[ \t#*|]*[A-Z][A-Z&/\- ]{5,}[A-Z][ \t*|]*")


def _organisation_address(text: str, start: int) -> str | None:
    """Why the address at ``start`` is an organisation's: a cue word shortly
    before it on its line or after it on that line, or on a short line right
    above it; or a unit line in capitals above it.  A URL in a long line of
    prose does not make the home address beside it an organisation's."""
    line_start = text.rfind("\n", max(0, start - 300), start) + 1
    line_end = text.find("\n", start, start + 300)
    line_end = min(len(text), start + 300) if line_end == -1 else line_end
    cue = _organisation_cue()
    found = cue.search(text, max(line_start, start - 60), min(line_end, start + 120))
    if found is None and line_start > 0:
        above_end = line_start - 1
        while above_end > 0 and text[above_end - 1] == "\n":
            above_end -= 1  # converters leave blank lines between letterhead lines
        above = text.rfind("\n", max(0, above_end - 300), above_end) + 1
        if above_end - above <= 60:
            found = cue.search(text, above, above_end)
            if found is None and _UNIT_LINE.fullmatch(text, above, above_end):
                return "under a unit's letterhead"
    return f"after '{found.group().lower()}'" if found else None


class _PlaceRecogniser(PersonalRecogniser):
    """A place pattern, kept where the text says it is an organisation's."""

    PATTERN: re.Pattern[str]
    REASON = ""
    SCORE = 1.0

    def _matches(self, text: str) -> Iterator[re.Match[str]]:
        return self.PATTERN.finditer(text)

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        text = context.text
        kind = self.entities[0]
        for match in self._matches(text):
            cue = _organisation_address(text, match.start())
            if cue is not None:
                yield self.finding(
                    kind, match.start(), match.end(), f"organisation's address ({cue})", score=0.0
                )
            else:
                yield self.finding(kind, match.start(), match.end(), self.REASON, self.SCORE)


class AddressRecogniser(_PlaceRecogniser):
    """A street and house number (``Dorpsstraat 12a``, ``Prins Hendriklaan 3-2``)."""

    name = "personal.address"
    entities = ("address",)
    PATTERN = _STREET
    REASON = "street and number"

    def _matches(self, text: str) -> Iterator[re.Match[str]]:
        # Only the lines with a street's ending and a number after it: the
        # pattern itself is tried at every capital.
        for start, end in lines_with(_STREET_HINT, text):
            yield from self.PATTERN.finditer(text, start, end)


class PostcodeRecogniser(_PlaceRecogniser):
    """A Dutch postcode (``2511 AB``); kept after ``Postbus`` or ``Bezoekadres``."""

    name = "personal.postcode"
    entities = ("postcode",)
    PATTERN = _POSTCODE
    REASON = "postcode"
    SCORE = 0.9
