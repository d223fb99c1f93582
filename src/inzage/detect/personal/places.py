"""Where a person lives: street and house number, postcode with house number.

An organisation's own postal and visiting address (``Postbus 20350``,
``Bezoekadres Parnassusplein 5``) is found with score 0: it stays visible."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from inzage.detect.personal.base import PersonalRecogniser, TextContext
from inzage.model import Finding
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
# A postcode (four digits, two letters; SA, SD, SS are not issued) and what follows.
_POSTCODE = re.compile(r"(?<![\w-])[1-9]\d{3}[ \t]?(?!SA|SD|SS)[A-Z]{2}(?![\w-])")


@cache
def _organisation_cue() -> re.Pattern[str]:
    return re.compile(rf"(?i)(?:{alternation(list(vocabulary().organisation_address_cues))})")


def _organisation_address(text: str, start: int) -> str | None:
    """The cue word when the address at ``start`` is on a line with (or right
    under) a cue that makes it an organisation's."""
    line_start = text.rfind("\n", max(0, start - 300), start) + 1
    above = text.rfind("\n", max(0, line_start - 300), max(0, line_start - 1)) + 1
    found = _organisation_cue().search(text, above, start)
    return found.group().lower() if found else None


class AddressRecogniser(PersonalRecogniser):
    """A street and house number (``Dorpsstraat 12a``, ``Prins Hendriklaan 3-2``)."""

    name = "personal.address"
    entities = ("address",)

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        text = context.text
        for match in _STREET.finditer(text):
            cue = _organisation_address(text, match.start())
            if cue is not None:
                yield self.finding(
                    "address",
                    match.start(),
                    match.end(),
                    f"organisation's address (after '{cue}')",
                    score=0.0,
                )
            else:
                yield self.finding("address", match.start(), match.end(), "street and number")


class PostcodeRecogniser(PersonalRecogniser):
    """A Dutch postcode (``2511 AB``); kept after ``Postbus`` or ``Bezoekadres``."""

    name = "personal.postcode"
    entities = ("postcode",)

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        text = context.text
        for match in _POSTCODE.finditer(text):
            cue = _organisation_address(text, match.start())
            if cue is not None:
                yield self.finding(
                    "postcode",
                    match.start(),
                    match.end(),
                    f"organisation's address (after '{cue}')",
                    score=0.0,
                )
            else:
                yield self.finding("postcode", match.start(), match.end(), "postcode", score=0.9)
