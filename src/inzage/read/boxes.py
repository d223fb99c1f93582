"""Redaction boxes as the readers hand them to the parser (no PDF or image
library needed to use them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# What a reader writes into the text where a box carries no code.
GENERIC_MARKER = "█"


@dataclass(frozen=True)
class PageBox:
    """A redaction box on a page, from the page's top-left corner."""

    page: int  # from 1
    x: float  # from the page's left edge, and y from its top, in ``unit``
    y: float
    width: float
    height: float
    code: str | None  # the ground code printed after the box, as written
    hidden_characters: int  # text-layer characters under the box (should be 0)
    unit: Literal["pt", "px"] = "pt"  # px: a page image read as it is
