"""Conversion artefacts repaired in the reading text (``formats.md`` §3).

- Bullets that a PDF or Word conversion turned into ``o``, ``•``, ``▪``, ``◦``,
  private-use glyphs (U+F0A7, U+F0B7, U+F0D8), ``- o`` (a nested bullet) or
  ``0`` followed by a TAB become markdown list items (``- ``, nested ``  - ``).
  A ``0`` followed by a space stays: in released tables it is usually a score
  ("0 norm, kan 15 kg tillen").
- A word hyphenated at the end of a line is joined again when the next line
  goes on in lower case ("overeen-" / "komst"); "Noord-" / "Holland" and a
  hyphen before a blank line are left alone.

Runs right after running headers are removed, before anything finds spans.
"""

from __future__ import annotations

import re

_NESTED = re.compile(r"(?m)^(?P<indent>[ \t]*)-[ \t]+[o◦][ \t]+(?=\S)")
_BULLET = re.compile(
    r"(?m)^(?P<indent>[ \t]*)(?:[•▪◦\uf0a7\uf0b7\uf0d8]|o(?=[ \t])|0(?=\t))[ \t]+(?=\S)"
)
# Starts at the hyphen (a literal) so the engine skips ahead to it; the two letters
# before it are checked after matching.
_HYPHEN_BREAK = re.compile(r"-\n[ \t]*(?=[a-zà-ÿ][^\W\d_])")
_LETTER = re.compile(r"[^\W\d_]")


def repair_artefacts(text: str) -> str:
    # Plain bullets first: "o o punt" becomes "- o punt", which is then nested.
    text = _BULLET.sub(lambda m: f"{m['indent']}- ", text)
    text = _NESTED.sub(lambda m: f"{m['indent']}  - ", text)
    return _HYPHEN_BREAK.sub(lambda m: "" if _after_word(m.string, m.start()) else m[0], text)


def _after_word(text: str, hyphen: int) -> bool:
    """At least two letters stand just before the hyphen."""
    return hyphen >= 2 and all(_LETTER.match(text[i]) for i in (hyphen - 2, hyphen - 1))
