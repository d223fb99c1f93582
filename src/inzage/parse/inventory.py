"""Inventory lists (inventarislijsten): the table of a release that lists each
document with its number, date, description, judgement and the grounds applied.

A ground code in such a table says which ground was applied to the document
in that row; it redacts nothing here.  So an inventory is a document kind of
its own, and its codes are the grounds it cites, not redaction markers.

Recognised by a heading row that names at least three of the usual columns
(number, date, document, judgement, ground, ...) or the word "inventarislijst"
near the top, together with rows that start with a document number.
"""

from __future__ import annotations

import re

_COLUMN = re.compile(
    r"(?i)\b(?:nr|nummer|volgnummer|documentnr|documentnummer|datum|document|titel|"
    r"omschrijving|onderwerp|soort|beoordeling|beslissing|oordeel|wob|woo|grond|"
    r"weigeringsgrond|weigeringsgronden|openbaarmaking|afzender|ontvanger|vindplaats)\b"
)
_TITLE = re.compile(r"(?i)\binventaris(?:lijst|atielijst)?\b")
# A row opens with a document number ("12", "2.a", "0012"), often with a date.
_ROW = re.compile(r"(?m)^[ \t]*\d{1,5}(?:\.?[a-z]|\.\d{1,2})?(?=[ \t]|$)")
_HEAD_LINES = 15
_MIN_COLUMNS = 3
_MIN_ROWS = 5


def is_inventory(text: str) -> bool:
    """Whether a document's text is an inventory list."""
    lines = [line for line in text.splitlines() if line.strip()]
    head = lines[:_HEAD_LINES]
    named = any(_TITLE.search(line) for line in head[:5])
    columns = any(
        len(set(m.lower() for m in _COLUMN.findall(line))) >= _MIN_COLUMNS for line in head
    )
    return (named or columns) and len(_ROW.findall(text)) >= _MIN_ROWS
