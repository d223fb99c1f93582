"""The one registry: kinds loaded on demand, plugins, checks."""

from collections.abc import Iterator
from typing import Any

import pytest

from inzage.errors import ConfigurationError
from inzage.model import Finding, Span
from inzage.parse.email_headers import find_header_blocks
from inzage.parse.markers.engine import find_markers
from inzage.recognisers import registry as registry_module
from inzage.recognisers.base import Recogniser
from inzage.recognisers.registry import (
    BUILTIN,
    RecogniserRegistry,
    builtin_classes,
    default_registry,
    load_class,
)


class _NeedsGreetings(Recogniser[Finding]):
    name = "needs-greetings"
    kinds = ("leak",)
    requires = ("greeting",)

    def find(self, text: str) -> Iterator[Finding]:
        return iter(())


class _Stars(Recogniser[Finding]):
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


class _English(_Stars):
    name = "stars-en"
    languages = ("en",)


def test_every_builtin_is_registered_once_under_its_kinds() -> None:
    registry = default_registry()
    ids = [r.id for r in registry.get()]
    assert len(ids) == len(set(ids)) == len(builtin_classes())
    for kind, names in BUILTIN.items():
        assert [type(r).__name__ for r in registry.get(kind)] == [
            name.split(":")[1] for name in names
        ]
        assert all(kind in r.kinds and r.id.endswith(".v1") for r in registry.get(kind))


def test_a_kind_is_loaded_only_when_asked_for() -> None:
    registry = RecogniserRegistry({"marker": BUILTIN["marker"], "nonsense": ("no.such:Thing",)})
    assert len(registry.get("marker")) == len(BUILTIN["marker"])
    with pytest.raises(ConfigurationError, match=r"no\.such:Thing cannot be loaded"):
        registry.get("nonsense")


def test_a_class_listed_under_a_kind_it_does_not_find_is_refused() -> None:
    registry = RecogniserRegistry({"phone": (BUILTIN["marker"][0],)})
    with pytest.raises(ConfigurationError, match="listed for phone"):
        registry.get("phone")


def test_something_that_is_no_recogniser_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="not a recogniser"):
        load_class("inzage.model:Span")


def test_registering_twice_is_refused() -> None:
    registry = default_registry()
    with pytest.raises(ConfigurationError, match="twice"):
        registry.add(builtin_classes()[0]())


def test_requirements_are_checked_in_order() -> None:
    with pytest.raises(ConfigurationError, match="requires greeting"):
        RecogniserRegistry({}).add(_NeedsGreetings())


def test_languages_select() -> None:
    registry = RecogniserRegistry({})
    registry.add(_English())
    assert registry.get("marker", "nl") == []
    assert [r.name for r in registry.get("marker", "en")] == ["stars-en"]
    header_languages = {r.id: r.languages for r in default_registry().get("email-header", "nl")}
    assert len(header_languages) == 2


def test_an_added_recogniser_takes_part_in_detection() -> None:
    registry = default_registry()
    registry.add(_Stars())
    (redaction,) = find_markers("Aan: ***", registry).redactions
    assert (redaction.marker, redaction.role) == ("***", "name")
    assert find_markers("Aan: ***").redactions == []


def test_header_recognisers_come_from_the_registry() -> None:
    text = "Van: Jan\nAan: Piet\nOnderwerp: overleg\n\nTekst"
    assert len(find_header_blocks(text)) == 1
    assert find_header_blocks(text, RecogniserRegistry({})) == []


def test_plugins_are_read_from_entry_points(monkeypatch: pytest.MonkeyPatch) -> None:
    plugins: tuple[type[Recogniser[Any]], ...] = (_Stars,)
    monkeypatch.setattr(registry_module, "_plugin_classes", lambda: plugins)
    registry = RecogniserRegistry()
    assert "stars" in [r.name for r in registry.get("marker")]
    assert RecogniserRegistry(plugins=False).get("marker")[-1].name != "stars"
