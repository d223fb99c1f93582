"""The catalogue of legal grounds and the parser for the ways they are written.

The catalogue is data (``data/grounds.yaml``, after ``spec/grounds.md``), loaded
once.  :func:`parse_reference` reads any accepted notation (``5.1.2e``,
``(10)(2e)``, ``art. 10 lid 2 onder e Wob``, ``artikel 5.1, tweede lid, aanhef en
onder e, van de Woo`` ...) into article + lid + letters and resolves those to
:class:`~inzage.model.Ground` values.  Wob codes keep their law and original
text and get the Woo successor as their code, so a search for 5.1.2e finds both
eras.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from inzage.errors import ConfigurationError
from inzage.model import Ground
from inzage.yamltext import safe_load

GroundKind = Literal[
    "absolute",
    "relative",
    "temporary",
    "residual",
    "discretionary",
    "in principle absolute",
    "none",
]


class GroundInfo(BaseModel):
    """One entry of the catalogue."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    law: Literal["Woo", "Wob"] | None
    article: str
    label: str
    kind: GroundKind
    woo: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return len(self.woo) > 1


class _WooEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    article: str
    kind: GroundKind
    label: str
    aliases: list[str] = []


class _WobEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    woo: list[str]
    label: str | None = None


class _OtherEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    kind: GroundKind
    label: str


class _CatalogueFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    woo: list[_WooEntry]
    wob: list[_WobEntry]
    other: list[_OtherEntry]


class Catalogue:
    """Every known ground by code, in the order of the spec."""

    def __init__(self, entries: list[GroundInfo]) -> None:
        self.entries = entries
        self._by_code: dict[str, GroundInfo] = {}
        for entry in entries:
            for key in (entry.code, *entry.aliases):
                self._by_code[key] = entry

    def __contains__(self, code: str) -> bool:
        return code in self._by_code

    def get(self, code: str) -> GroundInfo | None:
        return self._by_code.get(code)

    def ground(self, code: str, original: str) -> Ground:
        """The model's :class:`Ground` for a catalogue code as written in ``original``."""
        info = self._by_code[code]
        if info.law == "Wob":
            if info.ambiguous:
                return Ground(
                    code=info.code,
                    law="Wob",
                    original=original,
                    label=info.label,
                    candidates=list(info.woo),
                )
            return Ground(code=info.woo[0], law="Wob", original=original, label=info.label)
        return Ground(code=info.code, law=info.law, original=original, label=info.label)


def _wob_article(code: str) -> str:
    match = re.fullmatch(r"(1[01])\.(\d)([a-z]?)", code)
    if match is None:
        raise ConfigurationError(f"grounds catalogue: malformed Wob code {code!r}")
    article, lid, letter = match.groups()
    return f"{article} lid {lid} {letter}".strip()


def load_catalogue(text: str) -> Catalogue:
    """Build a catalogue from the YAML text of ``data/grounds.yaml``."""
    try:
        raw = _CatalogueFile.model_validate(safe_load(text))
    except (yaml.YAMLError, ValidationError) as exc:
        raise ConfigurationError(f"grounds catalogue is invalid: {exc}") from exc
    woo = {e.code: e for e in raw.woo}
    entries = [
        GroundInfo(
            code=e.code,
            law="Woo",
            article=e.article,
            label=e.label,
            kind=e.kind,
            aliases=tuple(e.aliases),
        )
        for e in raw.woo
    ]
    for w in raw.wob:
        successors = [woo[c] for c in w.woo if c in woo]
        if len(successors) != len(w.woo) or not successors:
            raise ConfigurationError(f"grounds catalogue: {w.code} maps to an unknown Woo code")
        first = successors[0]
        entries.append(
            GroundInfo(
                code=w.code,
                law="Wob",
                article=_wob_article(w.code),
                label=w.label or first.label,
                kind=first.kind if len(successors) == 1 else "residual",
                woo=tuple(w.woo),
            )
        )
    entries.extend(
        GroundInfo(code=o.code, law=None, article="", label=o.label, kind=o.kind) for o in raw.other
    )
    return Catalogue(entries)


@cache
def catalogue() -> Catalogue:
    """The bundled catalogue, loaded on first use."""
    text = resources.files("inzage").joinpath("data/grounds.yaml").read_text(encoding="utf-8")
    return load_catalogue(text)


# --- reading notations ---------------------------------------------------------------

_ORDINALS = {
    "eerste": "1",
    "tweede": "2",
    "derde": "3",
    "vierde": "4",
    "vijfde": "5",
    "zesde": "6",
    "zevende": "7",
}
_ORDINAL_RE = re.compile(r"\b(" + "|".join(_ORDINALS) + r")\s+lid\b")
# "aanhef en onder" goes first, so that its "en" is not read as a list of letters.
_AANHEF_RE = re.compile(r"aanhef\s+en\s+onder")
_TOKEN_RE = re.compile(r"\d+|[a-z]+")
# Words that only separate article, lid and letter (or name the law).
_FILLERS = frozenset(
    [
        "artikel",
        "art",
        "lid",
        "sub",
        "onderdeel",
        "onder",
        "aanhef",
        "van",
        "de",
        "het",
        "en",
        "of",
        "wob",
        "woo",
        "wet",
        "open",
        "overheid",
        "openbaarheid",
        "bestuur",
    ]
)
# OCR runs a separator into its letter: "sube" is "sub e".
_GLUED_RE = re.compile(r"(?:sub|onder|lid)([a-z])")


def _letter(word: str) -> str | None:
    if len(word) == 1:
        return word
    glued = _GLUED_RE.fullmatch(word)
    return glued.group(1) if glued else None


@dataclass(frozen=True)
class Reference:
    """A notation read into its parts: ``artikel 10, tweede lid, onder e`` → 10, 2, (e,)."""

    article: str
    lid: str | None
    letters: tuple[str, ...] = ()
    codes: tuple[str, ...] = field(default=())
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _split_numbers(numbers: list[str]) -> list[str]:
    """Undo run-together digits: ``102`` → 10, 2 and ``512`` → 5, 1, 2."""
    if len(numbers) == 1:
        n = numbers[0]
        if len(n) == 3 and n[:2] in ("10", "11"):
            return [n[:2], n[2]]
        if len(n) >= 2 and n[0] == "5":
            return list(n)
    if len(numbers) == 2 and numbers[0] in ("51", "52", "54"):
        return [numbers[0][0], numbers[0][1], numbers[1]]
    if len(numbers) >= 2 and numbers[0] == "5" and len(numbers[1]) == 2:
        return [numbers[0], numbers[1][0], numbers[1][1], *numbers[2:]]
    return numbers


def parse_reference(text: str) -> Reference:
    """Read one notation into article, lid and letters and resolve it to catalogue codes.

    ``problem`` says why a reference resolves to nothing (for review lists):
    an unknown combination, or a reference too vague to be a ground.
    """
    s = text.lower().replace("\\", " ")
    s = _ORDINAL_RE.sub(lambda m: f"lid {_ORDINALS[m.group(1)]}", s)
    s = _AANHEF_RE.sub(" ", s)
    numbers: list[str] = []
    found_letters: list[str] = []
    for token in _TOKEN_RE.findall(s):
        if token.isdigit():
            numbers.append(token)
        elif token not in _FILLERS and (letter := _letter(token)) is not None:
            found_letters.append(letter)
    numbers = _split_numbers(numbers)
    letters = tuple(dict.fromkeys(found_letters))
    if not numbers:
        return Reference(article="", lid=None, letters=letters, problem="no article number")
    if numbers[0] == "5":
        if len(numbers) < 2:
            return Reference(article="5", lid=None, letters=letters, problem="no article number")
        article = f"5.{numbers[1]}"
        lid = numbers[2] if len(numbers) > 2 else None
        rest = numbers[3:]
    else:
        article = numbers[0]
        lid = numbers[1] if len(numbers) > 1 else None
        rest = numbers[2:]
    if rest:
        return Reference(article, lid, letters, problem="too many numbers")
    codes, problem = _resolve(article, lid, letters)
    return Reference(article, lid, letters, codes=codes, problem=problem)


def _resolve(
    article: str, lid: str | None, letters: tuple[str, ...]
) -> tuple[tuple[str, ...], str | None]:
    known = catalogue()
    if article == "5.4" and letters == ("a",) and lid in (None, "1"):
        return ("5.4a",), None
    if article in ("5.2", "5.4") and not letters:
        code = article if lid in (None, "1") else f"{article}.{lid}"
        return ((code,), None) if code in known else ((), f"no such ground ({code})")
    if lid is None:
        return (), f"article {article} without lid"
    base = f"{article}.{lid}"
    if not letters:
        if base in known:
            return (base,), None
        return (), f"no such ground ({base})"
    codes = tuple(f"{base}{letter}" for letter in letters)
    unknown = [c for c in codes if c not in known]
    if unknown:
        return (), f"no such ground ({unknown[0]})"
    return codes, None


def grounds_for(text: str) -> list[Ground]:
    """The grounds a notation names; empty when it names none."""
    reference = parse_reference(text)
    known = catalogue()
    return [known.ground(code, text.strip()) for code in reference.codes]
