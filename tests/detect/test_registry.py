from collections.abc import Iterator

import pytest

from inzage.detect.base import Recogniser
from inzage.detect.engine import find_markers
from inzage.detect.registry import BUILTIN, RecogniserRegistry, default_registry
from inzage.errors import ConfigurationError
from inzage.model import Finding, Span


class _NeedsPersons(Recogniser):
    name = "needs-persons"
    kinds = ("leak",)
    requires = ("person",)

    def find(self, text: str) -> Iterator[Finding]:
        return iter(())


class _Stars(Recogniser):
    """A plugin-style recogniser: '***' is a marker."""

    name = "stars"
    kinds = ("marker",)

    def find(self, text: str) -> Iterator[Finding]:
        start = text.find("***")
        if start != -1:
            yield Finding(
                kind="marker",
                span=Span(start=start, end=start + 3),
                recogniser=self.id,
                notation="generic",
            )


def test_default_registry_holds_every_builtin_once() -> None:
    registry = default_registry()
    assert len(registry) == len(BUILTIN)
    assert len({r.id for r in registry.get()}) == len(BUILTIN)
    assert all(r.id.endswith(".v1") for r in registry.get("marker"))


def test_registering_twice_is_refused() -> None:
    registry = default_registry()
    with pytest.raises(ConfigurationError, match="twice"):
        registry.add(BUILTIN[0]())


def test_requirements_are_checked_in_order() -> None:
    with pytest.raises(ConfigurationError, match="requires person"):
        RecogniserRegistry([_NeedsPersons()])


def test_an_added_recogniser_takes_part_in_detection() -> None:
    registry = default_registry()
    registry.add(_Stars())
    (redaction,) = find_markers("Aan: ***", registry).redactions
    assert (redaction.marker, redaction.role) == ("***", "name")
    assert find_markers("Aan: ***").redactions == []
