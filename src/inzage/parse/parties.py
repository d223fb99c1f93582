"""Senders and recipients: ``Name <address>``, bare addresses, ``Last, First
<address>``, group names, and their redacted forms.

Lists split on ``;`` always, on ``,`` only after an address, so that
``Jansen, Piet <p.jansen@minvws.nl>`` stays one person, and on the space
between two addresses that OCR left without a separator.  Markers inside a party
(found by the marker step, passed in as redactions) make it ``redacted`` and give
its grounds; a name made only of markers becomes ``None``, while an address with
a redacted local part (``(10)(2e)@minvws.nl``) stays as text with its domain.

A header value that is not a party is dropped or read as redacted.  OCR and
converters scramble header blocks, so a sender can come out as a date
(``maart``, ``dinsdag 3 mei 2020 13:35``), as crumbs of a name (``J``, ``K.``,
``Namens``) or as what a converter left where the name was blacked out (``<``,
``| | < |``, ``<a href="mailto:"></a>``, an image description).  The first two
are no party; the last is a redacted party without a name.  A domain alone
(``Example.nl``) is an address whose local part is gone, as ``<@Example.nl>``
writes it, so both come out as the same party.

:func:`party_keys` and :func:`sender_key` say who a party is for threading and
dedupe, the same whichever way a header rendered it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from inzage.model import Party, Redaction, Span
from inzage.parse.dates import MONTHS

_ANGLE = re.compile(r"<\s*(?P<address>[^<>]*?@[^<>]*?)\s*>?\s*$|<\s*(?P<bare>[^<>@]*)>\s*$")
# A local part may hold a marker: "(10)(2e)@minvws.nl", "[redacted]@rivm.nl".
_ADDRESS = re.compile(r"(?P<address>[^\s<>;,\"']*\S?@\s?[\w-]+(?:\.[\w-]+)+)")
# "Jan Mol @minvws.nl", "5.1.2e j.mol@minvws.nl": an address after the name, no brackets.
_TRAILING_ADDRESS = re.compile(r"\s(?P<address>[^\s<>;,\"'@]*@[\w-]+(?:\.[\w-]+)+)\s*>?\s*$")
_DOMAIN = re.compile(r"@\s*([\w-]+(?:\.[\w-]+)+)")
# A domain alone ends in a top-level domain these mails come from: "J.Mol" is a name.
_BARE_DOMAIN = re.compile(
    r"[\w-]+(?:\.[\w-]+)*\.(?:nl|eu|com|org|net|be|de|uk|fr|int|gov|edu|info|nu|io)", re.I
)
# Two addresses side by side ("@uwv.nl> @uwv.nl>"): OCR dropped the ";".
_BETWEEN_ADDRESSES = re.compile(r"@[\w-]+(?:\.[\w-]+)+>?(?P<gap>\s+)(?=[^\s<>;,]*@)")
_NOISE = " \t\"'*_>"
_OPENER = {")": "(", "]": "["}
# What converters leave around or instead of a party.  Each is blanked with
# spaces so that offsets (and so the markers inside a party) stay in place;
# a link keeps its text.
_RESIDUE = re.compile(
    r"Image\s+/page/\d+/\w+/\d+\s+description:.*"  # a converter's picture description
    r"|!\[[^\]]*\]\([^)]*\)"  # a Markdown image
    r"|(?<=\])\([^)]*\)|\[(?=[^\]]*\]\()"  # a Markdown link's target and its "["
    r"|</?(?:a|br|img|span|p|div|b|i|u|em|strong|font)(?=[\s/>])[^<>]*>"  # <a href=…>, </a>
    r"|\||(?<!\w)=|=(?!\w)",  # table pipes, and a lone "=" as converters leave it in a cell
    re.DOTALL,
)
_WORDS = re.compile(r"[^\W\d_]+")
_TOKENS = re.compile(r"[^\W_]+")
# Month and day names and what stands beside them in a date: none is a party.
_WEEKDAYS = frozenset(
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag "
    "monday tuesday wednesday thursday friday saturday sunday "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag "
    "ma di wo do vr za zo mon tue tues wed thu thur thurs fri sat sun".split()
)
_DATE_WORDS = frozenset(MONTHS) | _WEEKDAYS | {"am", "pm", "om", "at", "uur", "um"}
# Month names that are first names as well: alone and capitalised they are a
# party ("Jan"); a month in a Dutch date is written in lower case ("jan", "april").
_ALSO_NAMES = frozenset({"jan", "may", "april", "june", "august"})
# Words that stand beside a name, never for one: a header label or a particle
# left when OCR lost the rest of the line.
_NOT_ALONE = frozenset(
    "van de der den het ter op en aan namens re fw fwd cc bcc to from sent "
    "subject onderwerp verzonden datum".split()
)
_MIN_LETTERS = 3  # one or two letters are crumbs of a name (initials, OCR debris)
_BRACKETED = re.compile(r"\([^()]*\)?|\[[^\[\]]*\]?")

NameShape = Literal["party", "punctuation", "date", "fragment"]


def parse_parties(
    value: str, value_start: int, redactions: Sequence[Redaction] = ()
) -> list[Party]:
    """Every party in a header value that starts at ``value_start`` in the text."""
    return [
        party
        for piece, offset in _pieces(value)
        if (party := parse_party(piece, value_start + offset, redactions)) is not None
    ]


def parse_party(text: str, start: int, redactions: Sequence[Redaction] = ()) -> Party | None:
    """The party written in ``text`` (at ``start`` in the source text), or ``None``
    when it holds none."""
    visible = _RESIDUE.sub(lambda m: " " * len(m.group()), text)
    stripped = _strip_unbalanced(visible.strip(_NOISE + ",;"))
    if not stripped:
        return _residue(text)
    offset = visible.find(stripped)
    # The whole piece: a marker may reach into residue ("[redacted](mailto:redacted)").
    span = Span(start=start, end=start + len(text))
    inside = [r for r in redactions if r.span.start >= span.start and r.span.end <= span.end]
    name, address = _name_and_address(stripped)
    if name is not None and address is None and _BARE_DOMAIN.fullmatch(name):
        address, name = f"@{name}", None  # "Example.nl": the local part is gone
    if name is not None:
        shape = name_shape(_unmarked(name, start + offset + stripped.find(name), inside))
        if shape in ("date", "fragment") and address is None and not inside:
            return None
        if shape != "party":
            name = None
    if name is None and address is None and not inside:
        return Party(redacted=True)  # only residue: "<", "< >", "| | < |"
    domain = _DOMAIN.search(address) if address else None
    grounds = list(dict.fromkeys(g.code for r in inside for g in r.grounds))
    return Party(
        name=name,
        address=address,
        domain=domain.group(1).lower() if domain else None,
        redacted=bool(inside),
        grounds=grounds,
    )


def name_shape(name: str) -> NameShape:
    """Whether ``name`` can name a party, or else what it is: only punctuation,
    a date or time, or a fragment (one or two letters, a particle or header
    label alone, a word cut off at the end of a line)."""
    tokens = _TOKENS.findall(name)
    if not tokens:
        return "punctuation"
    written = _WORDS.findall(name)
    words = [w.casefold() for w in written]
    numbered = any(t[0].isdigit() for t in tokens)
    if all(w in _DATE_WORDS for w in words) and (
        numbered or any(w.casefold() not in _ALSO_NAMES or w.islower() for w in written)
    ):
        return "date"
    if sum(map(len, words)) < _MIN_LETTERS or all(w in _NOT_ALONE for w in words):
        return "fragment"
    if len(words) == 1 and name.rstrip().endswith("-"):
        return "fragment"  # "Kramsvel-": hyphenated, the rest is on the next line
    return "party"


def party_keys(party: Party) -> frozenset[str]:
    """Who a party is, for threading: its address (when the local part shows) and
    its name (case, white space, punctuation, word order and bracketed initials
    aside), so ``Jan Mol <j.mol@x.nl>``, ``Mol, Jan (J.)`` and ``J.Mol@X.nl``
    share a key.  A redacted party and a bare domain (``@x.nl``) tell no one."""
    if party.redacted:
        return frozenset()
    keys = set()
    if party.address and not party.address.startswith("@"):
        keys.add(party.address.casefold())
    if party.name and name_shape(party.name) == "party" and (name := _name_key(party.name)):
        keys.add(name)
    return frozenset(keys)


def sender_key(party: Party | None) -> str:
    """One string for a sender, for the message fingerprint: the name key, else
    the address, else the domain, else empty; the same for every rendering."""
    if party is None:
        return ""
    if not party.redacted:
        if party.name and (name := _name_key(party.name)):
            return name
        if party.address:
            return party.address.casefold()
    return f"@{party.domain}" if party.domain else ""


def _name_key(name: str) -> str:
    return " ".join(sorted(_TOKENS.findall(_BRACKETED.sub(" ", name).casefold())))


def _residue(text: str) -> Party | None:
    """A piece with nothing but converter residue and punctuation is a redacted
    party; an empty one (between two separators) is none."""
    return Party(redacted=True) if text.strip(" \t,;") else None


def _name_and_address(text: str) -> tuple[str | None, str | None]:
    angle = _ANGLE.search(text)
    if angle is not None:
        name = text[: angle.start()].strip(_NOISE + ",")
        address = angle["address"] if angle["address"] is not None else None
        return name or None, _tidy_address(address) if address else None
    bare = _ADDRESS.fullmatch(text)
    if bare is not None:
        return None, _tidy_address(bare["address"])
    trailing = _TRAILING_ADDRESS.search(text)
    if trailing is not None:
        name = text[: trailing.start()].strip(_NOISE + ",")
        return name or None, _tidy_address(trailing["address"])
    return text, None


def _strip_unbalanced(text: str) -> str:
    """Drop a closing bracket that opens nowhere, as in ``[redacted]@minvws.nl]``,
    and an opening one left at the end of a line (``Mol, Jan (``)."""
    while text and (_closes_nowhere(text) or text[-1] in "(["):
        text = text[:-1].rstrip()
    return text


def _closes_nowhere(text: str) -> bool:
    last = text[-1]
    return last in _OPENER and text.count(last) > text.count(_OPENER[last])


def _tidy_address(address: str) -> str:
    return re.sub(r"\s*@\s*", "@", address.strip(_NOISE))


def _unmarked(name: str, name_start: int, inside: Sequence[Redaction]) -> str:
    """``name`` with the markers inside it blanked out."""
    chars = list(name)
    for redaction in inside:
        for position in range(redaction.span.start, redaction.span.end):
            if 0 <= position - name_start < len(chars):
                chars[position - name_start] = " "
    return "".join(chars)


def _pieces(value: str) -> list[tuple[str, int]]:
    """The parties of a header value with their offsets: :func:`split_parties`,
    and apart where two addresses stand side by side."""
    pieces = []
    for piece, offset in split_parties(value):
        start = 0
        for match in _BETWEEN_ADDRESSES.finditer(piece):
            pieces.append((piece[start : match.start("gap")], offset + start))
            start = match.end("gap")
        pieces.append((piece[start:], offset + start))
    return pieces


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
