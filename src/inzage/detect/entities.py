"""Entity recognisers: one class per kind (organisation, office, money, date, URL,
e-mail address, phone number, law), registered in
:data:`inzage.recognisers.registry.BUILTIN` under their kinds (:data:`ENTITY_KINDS`).

Organisations and laws come from a bundled catalogue (``data/organisations.yaml``):
ministries with their TOOI codes, public bodies, provinces and the largest
municipalities; any other "gemeente X" or "provincie X" is still recognised,
without a code.  Values are normalised: money in euro cents, dates as ISO
dates, phone numbers as ``+31…``, organisations as their id.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import cast

from pydantic import BaseModel, ConfigDict

from inzage.model import Entity, EntityKind, Finding, Span
from inzage.parse.dates import MONTHS, parse_date
from inzage.recognisers.base import (
    Pattern,
    PatternRecogniser,
    Recogniser,
    find_bounded,
    in_order,
    longest_per_cluster,
)
from inzage.recognisers.registry import RecogniserRegistry, registry_or_shared
from inzage.yamltext import safe_load

# Entities of one text past this many are not looked for (a spreadsheet of
# dates and amounts has one every 30 characters; each costs about a kilobyte).
MAX_ENTITIES = 50_000


class _Named(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    id: str | None = None
    short: list[str] = []
    aliases: list[str] = []


class _CatalogueFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ministries: list[_Named]
    bodies: list[_Named]
    provinces: list[_Named]
    municipalities: list[_Named]
    laws: list[_Named]


@cache
def _catalogue() -> _CatalogueFile:
    text = resources.files("inzage").joinpath("data/organisations.yaml").read_text("utf-8")
    return _CatalogueFile.model_validate(safe_load(text))


@cache
def _places() -> dict[str, str | None]:
    """ "gemeente:Zwolle" → "gm0193", "provincie:Utrecht" → "pv26"."""
    catalogue = _catalogue()
    return {
        f"{kind}:{name}": entry.id
        for kind, entries in (
            ("gemeente", catalogue.municipalities),
            ("provincie", catalogue.provinces),
        )
        for entry in entries
        for name in (entry.name, *entry.aliases)
    }


@cache
def catalogue_abbreviations() -> tuple[tuple[str, str], ...]:
    """(abbreviation, full name) of every ministry, body and law the catalogue
    knows: ("LCH", "Landelijk Consortium Hulpmiddelen")."""
    catalogue = _catalogue()
    return tuple(
        (short, entry.name)
        for entries in (catalogue.ministries, catalogue.bodies, catalogue.laws)
        for entry in entries
        for short in entry.short
    )


@cache
def catalogue_names() -> frozenset[str]:
    """Every organisation, abbreviation, province and municipality the catalogue
    knows, in lower case: words that are no person's name ("UWV", "Almere")."""
    catalogue = _catalogue()
    return frozenset(
        form.lower()
        for entries in (
            catalogue.ministries,
            catalogue.bodies,
            catalogue.provinces,
            catalogue.municipalities,
        )
        for entry in entries
        for form in (entry.name, *entry.short, *entry.aliases)
    )


def _alternatives(names: dict[str, str]) -> re.Pattern[str]:
    """One pattern for many names, longest first, whole words only."""
    body = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?:{body})(?![\w&-])")


@cache
def _labels() -> dict[str, str]:
    catalogue = _catalogue()
    labels = {
        entry.id or entry.name: entry.short[0] if entry.short else entry.name
        for entry in (*catalogue.ministries, *catalogue.bodies)
    }
    for kind, entries in (
        ("gemeente", catalogue.municipalities),
        ("provincie", catalogue.provinces),
    ):
        labels.update({entry.id: f"{kind} {entry.name}" for entry in entries if entry.id})
    return labels


def organisation_label(value: str) -> str:
    """A short readable name for an organisation entity's value: "mnre1025" →
    "VWS", "gm0193" → "gemeente Zwolle"; other values as they are."""
    return _labels().get(value, value)


class _CatalogueRecogniser(Recogniser[Finding]):
    """Names from the catalogue: every surface form maps to its value."""

    def __init__(self) -> None:
        self._forms: dict[str, str] = {}
        self._pattern: re.Pattern[str] | None = None

    def forms(self) -> dict[str, str]:
        raise NotImplementedError

    def load(self) -> None:
        if self._pattern is None:
            self._forms = self.forms()
            self._pattern = _alternatives(self._forms)

    def find(self, text: str) -> Iterator[Finding]:
        self.load()
        assert self._pattern is not None
        for match in self._pattern.finditer(text):
            start = match.start()
            if start and (text[start - 1].isalnum() or text[start - 1] in "_&-"):
                continue  # part of a longer word
            yield _finding(self.kind, start, match.end(), self.id, self._forms[match.group(0)])


class OrganisationRecogniser(_CatalogueRecogniser):
    """Ministries (with TOOI codes), public bodies, provinces and municipalities."""

    name = "entities.organisation"
    kind = "organisation"
    _PLACE = re.compile(
        r"(?:Gemeente|gemeente|Provincie|provincie)\s+"
        r"(?P<place>(?:'s-)?[A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)?)"
    )

    def forms(self) -> dict[str, str]:
        catalogue = _catalogue()
        forms: dict[str, str] = {}
        for entry in (*catalogue.ministries, *catalogue.bodies):
            value = entry.id or entry.name
            for form in (entry.name, *entry.short, *entry.aliases):
                forms[form] = value
            if entry.name.startswith("Ministerie van "):
                forms["ministerie van " + entry.name.removeprefix("Ministerie van ")] = value
        return forms

    def find(self, text: str) -> Iterator[Finding]:
        return in_order(super().find(text), self._places(text))

    def _places(self, text: str) -> Iterator[Finding]:
        places = _places()
        for match in self._PLACE.finditer(text):
            if _after_word(text, match.start()):
                continue
            kind = match.group(0).split()[0].lower()
            value = places.get(f"{kind}:{match['place']}") or f"{kind} {match['place']}"
            yield _finding(self.kind, match.start(), match.end(), self.id, value)


class LawRecogniser(_CatalogueRecogniser):
    """Laws by name and abbreviation: "Woo", "Jeugdwet", "Wet maatschappelijke ondersteuning"."""

    name = "entities.law"
    kind = "law"

    def forms(self) -> dict[str, str]:
        return {form: law.name for law in _catalogue().laws for form in (law.name, *law.short)}


class OfficeRecogniser(PatternRecogniser):
    """Offices held in a public role, which are not redacted: "Minister van VWS",
    "Minister voor Rechtsbescherming", "staatssecretaris", "burgemeester", "DG", "SG"."""

    name = "entities.office"
    kind = "office"
    # "van VWS", "voor Medische Zorg", "van Volksgezondheid, Welzijn en Sport": a
    # comma continues the portfolio only in a list that ends in "en ...", so that
    # "Minister van VWS, Hugo Jansen" keeps the name out of the office.
    # The words of a portfolio stand on one line (a participant list puts the
    # next person's name on the line below); a line may break after "van".
    _W = r"[A-Z][\w&'-]*(?:[ \t]+[A-Z][\w&'-]*)?"
    _PORTFOLIO = (
        rf"(?:van|voor)(?:[ \t]+|[ \t]*\n[ \t]*){_W}(?:(?:,[ \t]+{_W})*[ \t]+en[ \t]+{_W})?"
    )
    PATTERNS = (
        Pattern(
            "minister",
            rf"(?:Minister|minister|Staatssecretaris|staatssecretaris)"
            rf"(?:-[Pp]resident|(?![\w-])(?:\s+{_PORTFOLIO})?)",
            flags=0,
            not_after=r"[\w-]",
            requires=("inister", "taatssecretaris"),
        ),
        Pattern(
            "local",
            r"(?:Burgemeester|burgemeester|Wethouder|wethouder|Gedeputeerde|gedeputeerde|"
            r"Commissaris\s+van\s+de\s+Koning|commissaris\s+van\s+de\s+Koning)"
            r"(?:\s+van\s+(?:'s-)?[A-Z][\w'-]+)?",
            flags=0,
            not_after=r"[\w-]",
            requires=("urgemeester", "ethouder", "edeputeerde", "ommissaris"),
        ),
        Pattern(
            "top-civil-servant",
            r"(?:Directeur-[Gg]eneraal|directeur-[Gg]eneraal|Secretaris-[Gg]eneraal|"
            r"secretaris-[Gg]eneraal|DG|pDG|SG|pSG)(?![\w-])",
            flags=0,
            not_after=r"[\w-]",
            requires=("DG", "SG", "eneraal"),
        ),
    )

    def validate(self, text: str, match: re.Match[str], finding: Finding) -> Finding | None:
        return finding.updated(**{"value": re.sub(r"\s+", " ", match.group(0))})


# An amount after its first digit ("1.234,56", "12,5", "300"): a pattern that
# starts with a number may put a look-behind between the two.
_EURO_NUMBER_TAIL = r"\d{0,2}(?:\.\d{3})+(?:,\d{1,2})?|\d*(?:,\d{1,2})?"
_EURO_NUMBER = rf"\d(?:{_EURO_NUMBER_TAIL})"
# Characters an amount with its unit spans at most ("1.234.567,89 miljoen euro").
_AMOUNT_REACH = 48
_MULTIPLIERS = {"mln": 10**6, "miljoen": 10**6, "mld": 10**9, "miljard": 10**9, "k": 10**3}


class MoneyRecogniser(PatternRecogniser):
    """Amounts in euro: "€ 85 mln.", "350 mln. euro", "€ 2 miljard", "EUR 1.250,50"."""

    name = "entities.money"
    kind = "money"
    _MULT = r"(?:\s*(?P<mult>mln|miljoen|mld|miljard)\.?)?"
    PATTERNS = (
        Pattern(
            "sign-first",
            rf"(?:€|EUR\b|euro\b)\s*(?P<number>{_EURO_NUMBER}){_MULT}",
            flags=0,
            requires=("€", "EUR", "euro"),
        ),
        Pattern(
            "sign-last",
            # Tried only where a run of digits starts (the look-behind after the
            # first digit): from every digit of a long run, "\d+" backtracked
            # over the rest, and a table of numbers took seconds.
            rf"(?P<number>\d(?<![\w.,]\d)(?:{_EURO_NUMBER_TAIL})){_MULT}\s*(?:euro|EUR)\b",
            flags=0,
            not_after=r"[\w.,]",
            requires=("EUR", "euro"),
            ends_with=r"euro|EUR",
            reach=_AMOUNT_REACH,
        ),
    )

    def validate(self, text: str, match: re.Match[str], finding: Finding) -> Finding | None:
        number = float(match["number"].replace(".", "").replace(",", "."))
        multiplier = _MULTIPLIERS.get((match["mult"] or "").lower(), 1)
        return finding.updated(**{"value": round(number * multiplier * 100)})


class DateRecogniser(PatternRecogniser):
    """Dates: "11 juni 2020", "3 sep. 2020", "11-06-2020"."""

    name = "entities.date"
    kind = "date"
    _MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
    PATTERNS = (
        Pattern(
            "day-month-year",
            # The look-behind after the first digit: tried where a number starts.
            rf"\d(?<![\w-]\d)\d?\s+(?:{_MONTH})\.?\s+\d{{4}}(?!\d)",
            flags=re.I,
            not_after=r"[\w-]",
        ),
        Pattern(
            "numeric",
            r"\d(?<![\w.,/-]\d)\d?-\d{1,2}-\d{4}(?![\w-])",
            flags=0,
            not_after=r"[\w.,/-]",
        ),
    )

    def validate(self, text: str, match: re.Match[str], finding: Finding) -> Finding | None:
        parsed = parse_date(match.group(0))
        if parsed.value is None:
            return None
        return finding.updated(**{"value": parsed.value.date().isoformat()})


class UrlRecogniser(PatternRecogniser):
    """Web addresses: "https://open.overheid.nl/...", "www.rijksoverheid.nl"."""

    name = "entities.url"
    kind = "url"
    PATTERNS = (
        Pattern("url", r"(?:https?://|www\.)[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?]", flags=0),
    )


class EmailRecogniser(Recogniser[Finding]):
    """E-mail addresses with a readable local part (redacted ones are markers)."""

    name = "entities.email"
    kind = "email"
    # Matched from the "@" (a literal the engine skips ahead to); the local part
    # is then read backwards.  A pattern starting with the local part tried a
    # match at every letter of the text.
    _DOMAIN = re.compile(r"@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
    _LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    def find(self, text: str) -> Iterator[Finding]:
        if "@" not in text:
            return
        for match in self._DOMAIN.finditer(text):
            start = at = match.start()
            while start > 0 and _in_local_part(text[start - 1]):
                start -= 1
            if start < at and text[start] in self._LOCAL:
                yield _finding(self.kind, start, match.end(), self.id, None)


def _in_local_part(char: str) -> bool:
    return char.isalnum() or char in "_.+-"


class PhoneRecogniser(PatternRecogniser):
    """Dutch phone numbers: "06-12345678", "070 123 4567", "+31 (0)70 123 45 67"."""

    name = "entities.phone"
    kind = "phone"
    PATTERNS = (
        Pattern(
            "dutch",
            # nine digits after the trunk 0, in groups of two or more after the area
            # code: a table of single digits with spaces is no phone number
            # The look-behind after the first character: tried only where a
            # number can start, not at every 0 of a table of numbers.
            r"(?:\+(?<![\w+].)31\s?(?:\(0\)\s?)?|0(?<![\w+].)(?:031\s?(?:\(0\)\s?)?)?)"
            r"(?=(?:[\s-]?\d){9}(?!\d))"
            r"[1-9]\d{0,2}(?:[\s-]?\d{2,8}){1,4}(?!\d)",
            flags=0,
            not_after=r"[\w+]",
        ),
    )

    def validate(self, text: str, match: re.Match[str], finding: Finding) -> Finding | None:
        digits = re.sub(r"\D", "", match.group(0).replace("(0)", ""))
        national = (
            digits[2:] if digits.startswith("31") else digits.removeprefix("00").removeprefix("31")
        )
        national = national.removeprefix("0")
        return finding.updated(**{"value": "+31" + national})


ENTITY_KINDS: tuple[EntityKind, ...] = (
    "organisation",
    "office",
    "law",
    "money",
    "date",
    "url",
    "email",
    "phone",
)


def _recognisers(registry: RecogniserRegistry | None) -> list[Recogniser[Finding]]:
    registry = registry_or_shared(registry)
    return [r for kind in ENTITY_KINDS for r in registry.get(kind)]


@dataclass(frozen=True)
class EntityScan:
    """The entities of a text; ``cut`` as in :class:`~inzage.recognisers.base.Bounded`."""

    entities: list[Entity]
    cut: int | None = None


def find_entities(
    text: str, limit: int = MAX_ENTITIES, registry: RecogniserRegistry | None = None
) -> EntityScan:
    """Every entity in ``text``, in order; within a kind the longest of overlapping
    finds.  Past ``limit`` finds the rest of the text is not searched."""
    bounded = find_bounded(_recognisers(registry), text, limit)
    by_kind: dict[str, list[Finding]] = {}
    for finding in bounded.findings:
        by_kind.setdefault(finding.kind, []).append(finding)
    kept = [f for found in by_kind.values() for f in longest_per_cluster(found)]
    kept.sort(key=lambda f: (f.span.start, f.kind))
    return EntityScan(_entities(text, kept), bounded.cut)


def _entities(text: str, kept: list[Finding]) -> list[Entity]:
    return [
        Entity(
            kind=cast(EntityKind, finding.kind),
            text=finding.span.slice(text),
            span=finding.span,
            value=finding.value,
            role=None,
            redacted=None,
        )
        for finding in kept
    ]


def _after_word(text: str, start: int) -> bool:
    """A letter, digit or underscore stands just before ``start`` (no word boundary)."""
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")


def _finding(kind: str, start: int, end: int, recogniser: str, value: str | None) -> Finding:
    """A catalogue match as a finding."""
    return Finding(
        kind=kind,
        span=Span(start=start, end=end),
        score=1.0,
        recogniser=recogniser,
        explanation=None,
        notation=None,
        grounds=[],
        value=value,
    )


_TOOI_KINDS = (
    ("mnre", "ministerie", ""),
    ("pv", "provincie", "provincie "),
    ("gm", "gemeente", "gemeente "),
)


@cache
def tooi_organisations() -> dict[str, str]:
    """The catalogue's organisations with a TOOI code, as TOOI URI → name
    (``https://identifier.overheid.nl/tooi/id/ministerie/mnre1025`` → the
    ministry of VWS): the publishers a dossier can be published by."""
    catalogue = _catalogue()
    found: dict[str, str] = {}
    for entry in (*catalogue.ministries, *catalogue.provinces, *catalogue.municipalities):
        for prefix, kind, label in _TOOI_KINDS:
            if entry.id and re.fullmatch(rf"{prefix}\d+", entry.id):
                found[f"https://identifier.overheid.nl/tooi/id/{kind}/{entry.id}"] = (
                    label + entry.name
                )
    return found
