"""The one place where recognisers are registered and selected.

Built-in recognisers are listed in :data:`BUILTIN`; a plugin adds its own with
:meth:`RecogniserRegistry.add`.  The registry checks that every kind a
recogniser ``requires`` is found by a recogniser that runs before it.
"""

from __future__ import annotations

from collections.abc import Iterable

from inzage.detect.base import Recogniser
from inzage.detect.markers import (
    DubbelRecogniser,
    GenericMarkerRecogniser,
    OcrDamagedRecogniser,
    WobDottedRecogniser,
    WobParenthesisedRecogniser,
    WooCodeRecogniser,
    WrittenOutRecogniser,
)
from inzage.errors import ConfigurationError

BUILTIN: tuple[type[Recogniser], ...] = (
    WrittenOutRecogniser,
    WooCodeRecogniser,
    WobParenthesisedRecogniser,
    WobDottedRecogniser,
    OcrDamagedRecogniser,
    GenericMarkerRecogniser,
    DubbelRecogniser,
)


class RecogniserRegistry:
    def __init__(self, recognisers: Iterable[Recogniser] = ()) -> None:
        self._recognisers: list[Recogniser] = []
        for recogniser in recognisers:
            self.add(recogniser)

    def add(self, recogniser: Recogniser) -> None:
        if any(r.id == recogniser.id for r in self._recognisers):
            raise ConfigurationError(f"recogniser {recogniser.id} is registered twice")
        found = {kind for r in self._recognisers for kind in r.kinds}
        missing = [kind for kind in recogniser.requires if kind not in found]
        if missing:
            raise ConfigurationError(
                f"recogniser {recogniser.id} requires {', '.join(missing)}, "
                "which no earlier recogniser finds"
            )
        self._recognisers.append(recogniser)

    def get(self, kind: str | None = None) -> list[Recogniser]:
        """The recognisers in registration order, or those that find ``kind``."""
        return [r for r in self._recognisers if kind is None or kind in r.kinds]

    def __iter__(self) -> Iterable[Recogniser]:
        return iter(self._recognisers)

    def __len__(self) -> int:
        return len(self._recognisers)


def default_registry() -> RecogniserRegistry:
    """A registry holding every built-in recogniser."""
    return RecogniserRegistry(cls() for cls in BUILTIN)
