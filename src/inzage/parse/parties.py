"""Senders and recipients: ``Name <address>``, bare addresses, ``Last, First
<address>``, group names, and their redacted forms.

Lists split on ``;`` always and on ``,`` only after an address, so that
``Jansen, Piet <p.jansen@minvws.nl>`` stays one person.  Markers inside a party
(found by the marker step, passed in as redactions) make it ``redacted`` and give
its grounds; a name made only of markers becomes ``None``, while an address with
a redacted local part (``(10)(2e)@minvws.nl``) stays as text with its domain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from inzage.model import Party, Redaction, Span

_ANGLE = re.compile(r"<\s*(?P<address>[^<>]*?@[^<>]*?)\s*>?\s*$|<\s*(?P<bare>[^<>@]*)>\s*$")
# A local part may hold a marker: "(10)(2e)@minvws.nl", "[redacted]@rivm.nl".
_ADDRESS = re.compile(r"(?P<address>[^\s<>;,\"']*\S?@\s?[\w-]+(?:\.[\w-]+)+)")
_DOMAIN = re.compile(r"@\s*([\w-]+(?:\.[\w-]+)+)")
_NOISE = " \t\"'*_>"
_OPENER = {")": "(", "]": "["}


def parse_parties(
    value: str, value_start: int, redactions: Sequence[Redaction] = ()
) -> list[Party]:
    """Every party in a header value that starts at ``value_start`` in the text."""
    return [
        party
        for piece, offset in split_parties(value)
        if (party := parse_party(piece, value_start + offset, redactions)) is not None
    ]


def parse_party(text: str, start: int, redactions: Sequence[Redaction] = ()) -> Party | None:
    stripped = _strip_unbalanced(text.strip(_NOISE + ",;"))
    if not stripped:
        return None
    offset = text.find(stripped)
    span = Span(start=start + offset, end=start + offset + len(stripped))
    inside = [r for r in redactions if r.span.start >= span.start and r.span.end <= span.end]
    name, address = _name_and_address(stripped)
    if name is not None and inside and _only_markers(name, start + offset, stripped, inside):
        name = None
    domain = _DOMAIN.search(address) if address else None
    grounds = list(dict.fromkeys(g.code for r in inside for g in r.grounds))
    return Party(
        name=name,
        address=address,
        domain=domain.group(1).lower() if domain else None,
        redacted=bool(inside),
        grounds=grounds,
    )


def _name_and_address(text: str) -> tuple[str | None, str | None]:
    angle = _ANGLE.search(text)
    if angle is not None:
        name = text[: angle.start()].strip(_NOISE + ",")
        address = angle["address"] if angle["address"] is not None else None
        return name or None, _tidy_address(address) if address else None
    bare = _ADDRESS.fullmatch(text)
    if bare is not None:
        return None, _tidy_address(bare["address"])
    return text, None


def _strip_unbalanced(text: str) -> str:
    """Drop a closing bracket that opens nowhere, as in ``[redacted]@minvws.nl]``."""
    while text and text[-1] in _OPENER and text.count(text[-1]) > text.count(_OPENER[text[-1]]):
        text = text[:-1].rstrip()
    return text


def _tidy_address(address: str) -> str:
    return re.sub(r"\s*@\s*", "@", address.strip(_NOISE))


def _only_markers(name: str, text_start: int, text: str, inside: Sequence[Redaction]) -> bool:
    """True when nothing but markers and punctuation is left of the name."""
    name_start = text_start + text.find(name)
    chars = list(name)
    for redaction in inside:
        for position in range(redaction.span.start, redaction.span.end):
            if 0 <= position - name_start < len(chars):
                chars[position - name_start] = " "
    return not re.sub(r"[\W_]+", "", "".join(chars))


def split_parties(value: str) -> list[tuple[str, int]]:
    """Pieces of a recipient list with their offsets: on ``;``, and on ``,`` after
    an address or a closing ``>``."""
    pieces: list[tuple[str, int]] = []
    start = 0
    for match in re.finditer(r"[;,]", value):
        before = value[start : match.start()]
        if match.group() == "," and not re.search(r"(?:@[\w.-]+|>)\s*$", before):
            continue
        pieces.append((before, start))
        start = match.end()
    pieces.append((value[start:], start))
    return pieces
