"""The one registry of recognisers, for every stage: markers and e-mail headers
(parse), entities and personal data (detect).

Built-in recognisers are listed in :data:`BUILTIN`, by the kind they find, as
``"module:Class"`` names: a stage asks for a kind and a language, and only the
modules of that kind are imported.  So the registry imports no stage, the
stages import the registry, and the pipeline stays one-way (``read → parse →
detect``).  Plugins register their classes under the entry-point group
``inzage.recognisers``; :meth:`RecogniserRegistry.add` adds one in code.

Like Presidio's ``RecognizerRegistry``, the registry selects by kind and
language and checks what it is given: a class must find the kind it is listed
under, no recogniser is registered twice, and what a recogniser ``requires``
must be found by one registered before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import import_module, metadata
from typing import Any

from inzage.errors import ConfigurationError
from inzage.recognisers.base import Recogniser

ENTRY_POINT_GROUP = "inzage.recognisers"

_MARKERS = "inzage.parse.markers.recognisers"
_HEADERS = "inzage.parse.email_headers"
_ENTITIES = "inzage.detect.entities"
_PERSONAL = "inzage.detect.personal"

# kind → the classes that find it, in the order they run.
BUILTIN: dict[str, tuple[str, ...]] = {
    "marker": tuple(
        f"{_MARKERS}:{name}"
        for name in (
            "WrittenOutRecogniser",
            "WooCodeRecogniser",
            "WobParenthesisedRecogniser",
            "WobDottedRecogniser",
            "OcrDamagedRecogniser",
            "GenericMarkerRecogniser",
            "DubbelRecogniser",
        )
    ),
    "email-header": (
        f"{_HEADERS}:LabelledHeaderRecogniser",
        f"{_HEADERS}:ReplyLineRecogniser",
    ),
    "organisation": (f"{_ENTITIES}:OrganisationRecogniser",),
    "office": (f"{_ENTITIES}:OfficeRecogniser",),
    "law": (f"{_ENTITIES}:LawRecogniser",),
    "money": (f"{_ENTITIES}:MoneyRecogniser",),
    "date": (f"{_ENTITIES}:DateRecogniser",),
    "url": (f"{_ENTITIES}:UrlRecogniser",),
    "email": (f"{_ENTITIES}:EmailRecogniser",),
    "phone": (f"{_ENTITIES}:PhoneRecogniser",),
    # Strongest evidence first: of two finds of the same span, the first one's
    # reason is shown.
    "personal-data": tuple(
        f"{_PERSONAL}.{module}:{name}"
        for module, name in (
            ("names", "HeaderNameRecogniser"),
            ("names", "FieldNameRecogniser"),
            ("names", "GreetingNameRecogniser"),
            ("names", "ClosingNameRecogniser"),
            ("names", "CueNameRecogniser"),
            ("names", "InitialsNameRecogniser"),
            ("names", "AffiliationNameRecogniser"),
            ("names", "ParticleNameRecogniser"),
            ("names", "BesideMarkerNameRecogniser"),
            ("names", "LexiconNameRecogniser"),
            ("names", "NameLineRecogniser"),
            ("names", "FromLineNameRecogniser"),
            ("names", "KnownNameRecogniser"),
            ("names", "OfficeHolderRecogniser"),
            ("contact", "EmailAddressRecogniser"),
            ("contact", "PhoneNumberRecogniser"),
            ("numbers", "BsnRecogniser"),
            ("numbers", "IbanRecogniser"),
            ("numbers", "LicencePlateRecogniser"),
            ("numbers", "BirthDateRecogniser"),
            ("places", "AddressRecogniser"),
            ("places", "PostcodeRecogniser"),
            ("special", "SpecialCategoryRecogniser"),
        )
    ),
}


def load_class(name: str) -> type[Recogniser[Any]]:
    """The class a ``"module:Class"`` name stands for."""
    module_name, _, attribute = name.partition(":")
    try:
        found = getattr(import_module(module_name), attribute)
    except (ImportError, AttributeError) as exc:
        raise ConfigurationError(f"recogniser {name} cannot be loaded: {exc}") from exc
    if not (isinstance(found, type) and issubclass(found, Recogniser)):
        raise ConfigurationError(f"{name} is not a recogniser class")
    return found


class RecogniserRegistry:
    """Recognisers by kind.  Classes named in ``table`` are imported when their
    kind is first asked for; instances given to :meth:`add` take part at once."""

    def __init__(
        self, table: dict[str, tuple[str, ...]] | None = None, *, plugins: bool = True
    ) -> None:
        self._table = dict(BUILTIN if table is None else table)
        self._plugins = plugins
        self._loaded: set[str] = set()
        self._recognisers: list[Recogniser[Any]] = []

    def add(self, recogniser: Recogniser[Any]) -> None:
        """Register a recogniser after those already there (of its kinds)."""
        for kind in recogniser.kinds:
            self._load(kind)
        self._append(recogniser)

    def get(self, kind: str | None = None, language: str | None = None) -> list[Recogniser[Any]]:
        """The recognisers of ``kind`` (every kind: ``None``) that read ``language``
        (every language: ``None``), in the order they run."""
        for name in self._table if kind is None else (kind,):
            self._load(name)
        return [
            r
            for r in self._recognisers
            if (kind is None or kind in r.kinds)
            and (language is None or "*" in r.languages or language in r.languages)
        ]

    def kinds(self) -> list[str]:
        return list(self._table)

    def __iter__(self) -> Iterator[Recogniser[Any]]:
        return iter(self.get())

    def __len__(self) -> int:
        return len(self.get())

    def _load(self, kind: str) -> None:
        if kind in self._loaded:
            return
        self._loaded.add(kind)
        for name in self._table.get(kind, ()):
            cls = load_class(name)
            if kind not in cls.kinds:
                raise ConfigurationError(f"{name} is listed for {kind} but finds {cls.kinds}")
            self._append(cls())
        if self._plugins:
            for cls in _plugin_classes():
                if kind in cls.kinds and not any(type(r) is cls for r in self._recognisers):
                    self._append(cls())

    def _append(self, recogniser: Recogniser[Any]) -> None:
        if any(r.id == recogniser.id for r in self._recognisers):
            raise ConfigurationError(f"recogniser {recogniser.id} is registered twice")
        for required in recogniser.requires:
            self._load(required)
        found = {kind for r in self._recognisers for kind in r.kinds}
        missing = [kind for kind in recogniser.requires if kind not in found]
        if missing:
            raise ConfigurationError(
                f"recogniser {recogniser.id} requires {', '.join(missing)}, "
                "which no earlier recogniser finds"
            )
        self._recognisers.append(recogniser)


@cache
def _plugin_classes() -> tuple[type[Recogniser[Any]], ...]:
    """Recogniser classes that installed packages register as entry points."""
    return tuple(
        load_class(entry.value)
        for entry in metadata.entry_points(group=ENTRY_POINT_GROUP)
        if ":" in entry.value
    )


def default_registry() -> RecogniserRegistry:
    """A new registry of the built-in recognisers and the plugins': one to add
    recognisers of your own to, and pass to the stage that runs them."""
    return RecogniserRegistry()


@cache
def shared_registry() -> RecogniserRegistry:
    """The registry every stage uses unless it is given another."""
    return RecogniserRegistry()


def builtin_classes() -> list[type[Recogniser[Any]]]:
    """Every built-in recogniser class, once each."""
    names = dict.fromkeys(name for names in BUILTIN.values() for name in names)
    return [load_class(name) for name in names]


def registry_or_shared(registry: RecogniserRegistry | None) -> RecogniserRegistry:
    """``registry``, or the shared one where none is given (an empty registry is
    a registry: it is not replaced)."""
    return shared_registry() if registry is None else registry
