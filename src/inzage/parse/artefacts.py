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
_HYPHENATED = re.compile(r"(?P<head>[^\W\d_]{2,})-\n[ \t]*(?P<tail>[a-zà-ÿ][^\W\d_]+)")


def repair_artefacts(text: str) -> str:
    # Plain bullets first: "o o punt" becomes "- o punt", which is then nested.
    text = _BULLET.sub(lambda m: f"{m['indent']}- ", text)
    text = _NESTED.sub(lambda m: f"{m['indent']}  - ", text)
    return _HYPHENATED.sub(lambda m: m["head"] + m["tail"], text)
