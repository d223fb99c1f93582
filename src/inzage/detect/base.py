"""The recogniser contract, after Presidio's ``EntityRecognizer``.

A recogniser is one class per kind of thing recognised.  It finds spans in text
and returns :class:`~inzage.model.Finding` objects with a reason; it never edits
text.  :class:`PatternRecogniser` covers the common case: subclasses supply
regular expressions as data and may override :meth:`PatternRecogniser.validate`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from inzage.model import Finding, Span


class Recogniser:
    """Base class of every recogniser.

    ``kinds`` names what it finds; ``requires`` names kinds that must be found
    first (the registry checks the order).  Results carry ``f"{name}.v{version}"``
    so that a finding can always be traced to the code that made it.
    """

    name: ClassVar[str] = ""
    version: ClassVar[int] = 1
    kinds: ClassVar[tuple[str, ...]] = ()
    requires: ClassVar[tuple[str, ...]] = ()

    @property
    def id(self) -> str:
        return f"{self.name or type(self).__name__}.v{self.version}"

    def load(self) -> None:
        """Load heavy assets; called once before the first :meth:`find`."""

    def find(self, text: str) -> Iterable[Finding]:
        raise NotImplementedError


@dataclass(frozen=True)
class Pattern:
    """A named regular expression with the score its matches start from."""

    name: str
    regex: str
    score: float = 1.0
    flags: int = re.VERBOSE


class PatternRecogniser(Recogniser):
    """A recogniser made of data: ``PATTERNS`` and an optional ``validate`` hook."""

    PATTERNS: ClassVar[tuple[Pattern, ...]] = ()
    kind: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.kind:
            cls.kinds = (cls.kind,)

    def __init__(self) -> None:
        self._compiled: list[tuple[Pattern, re.Pattern[str]]] = []

    def load(self) -> None:
        if not self._compiled:
            self._compiled = [(p, re.compile(p.regex, p.flags)) for p in self.PATTERNS]

    def find(self, text: str) -> Iterator[Finding]:
        self.load()
        for pattern, regex in self._compiled:
            for match in regex.finditer(text):
                finding = self.validate(
                    text,
                    match,
                    Finding(
                        kind=self.kind,
                        span=Span(start=match.start(), end=match.end()),
                        score=pattern.score,
                        recogniser=self.id,
                        explanation=f"pattern {pattern.name}",
                    ),
                )
                if finding is not None:
                    yield finding

    def validate(self, text: str, match: re.Match[str], finding: Finding) -> Finding | None:
        """Check or enrich a match; return ``None`` to drop it silently.

        Return the finding with ``score=0`` and a reason in ``explanation`` to
        turn it down visibly.
        """
        return finding
