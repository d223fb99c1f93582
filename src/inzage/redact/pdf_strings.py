"""Replacing a redacted string wherever a PDF keeps it as a string object:
bookmarks, ``/ActualText`` and ``/Alt``, annotation contents, form values.
The string becomes the ground code where the redacted string stood."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote_plus

from inzage.redact.matching import Needle, occurrences


def scrub_strings(obj: Any, needles: list[Needle]) -> int:
    """Scrub the strings of a dictionary, stream dictionary or array (and of the
    direct objects in it); the number of strings changed."""
    import pikepdf

    changed = 0
    items: list[tuple[Any, Any]]
    if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        items = list(obj.items())
    elif isinstance(obj, pikepdf.Array):
        items = list(enumerate(obj))
    else:
        return 0
    for key, value in items:
        if isinstance(value, pikepdf.String):
            text = str(value)
            found = occurrences(text, needles)
            if found:
                obj[key] = pikepdf.String(_replaced(text, found))
                changed += 1
            elif "%" in text or "+" in text:
                # a link target that writes the string URL-encoded: replaced whole
                encoded = occurrences(unquote_plus(text), needles)
                if encoded:
                    obj[key] = pikepdf.String(encoded[0][2].ground)
                    changed += 1
        elif isinstance(value, pikepdf.Dictionary | pikepdf.Array) and not value.is_indirect:
            changed += scrub_strings(value, needles)
    return changed


def _replaced(text: str, found: list[tuple[int, int, Needle]]) -> str:
    pieces, at = [], 0
    for start, end, needle in found:
        if start < at:
            continue
        pieces.extend([text[at:start], needle.ground])
        at = end
    pieces.append(text[at:])
    return "".join(pieces)
