"""Recognisers for redaction markers: one class per notation of ``formats.md`` §4.

Each recogniser only finds *candidates* and reads the grounds they cite.  Whether
a candidate really stands where something was blacked out (and not in a
section number, an amount or a sentence that cites the law) is decided from its
context in :mod:`inzage.parse.markers.context`.

Scores follow Presidio's idea of context boosting: a distinctive notation
(``5.1.2e``, ``(10)(2e)``) starts at 1.0; a bare number that a ground may be
written as (``5.2``, ``11.1``, ``102e``) starts at :data:`WEAK` and counts only
where its context lifts it over :data:`THRESHOLD`.
"""

from __future__ import annotations

import re
from typing import ClassVar

from inzage.grounds import catalogue, parse_reference
from inzage.model import Finding, Ground, Notation, Span
from inzage.recognisers.base import Pattern, PatternRecogniser

THRESHOLD = 0.5
WEAK = 0.4
OCR = 0.7

# A code must not be the tail of a longer number or a range ("15.1.2e", "3-5.2"),
# nor run on into one ("10.2.2020").  A comma before it is fine: lists of grounds
# are often written without spaces ("5.2.1,5.1.2.f").
#
# Every pattern starts with a literal character and checks the character before
# it only after that (_AFTER_FIRST), so that the regex engine can skip ahead to
# the literal: a look-behind in front makes every scan about 25 times slower.
# A preceding "art." or "artikel" is taken into the marker afterwards (see
# marker_context.extend_wrappers), not by the patterns.
_AFTER_FIRST = r"(?<![\w.-].)"
_END = r"(?![\w-]|\.\s?\d)"
_LAW = (
    r"(?:\s*,?\s*(?:van\s+de\s+)?"
    r"(?:Woo|Wob|Wet\s+open\s+overheid|Wet\s+openbaarheid\s+van\s+bestuur)\b)?"
)


def _letters(last: str) -> str:
    """A letter, or a list of letters (``e en i``, ``e, i``, ``e/i``), up to ``last``."""
    one = rf"[a-{last}](?![\w-])"
    return rf"{one}(?:\s*(?:,|/|&|\ben\b|\bof\b)\s*{one})*"


_ORDINAL_LID = r"(?:eerste|tweede|derde|vierde|vijfde|zesde|zevende)\s+lid"
# What follows the article number in "5.1. lid 2 sub e", "10, tweede lid, aanhef en
# onder e, van de Wob".
_LID = rf"""\.?\s*,?\s*
    (?:lid\s*\d|{_ORDINAL_LID})
    (?:\s*,?\s*(?:aanhef\s+en\s+)?(?:(?:sub|onder(?:deel)?)\s*)?{_letters("i")})?
    {_LAW}{_END}"""


_READ_CACHE_SIZE = 4096  # distinct marker texts remembered per recogniser


class _GroundCodeRecogniser(PatternRecogniser):
    """Shared reading of a matched code into grounds."""

    kind = "marker"
    notation: ClassVar[Notation]

    def code_text(self, matched: str) -> str:
        """The text to read the grounds from (OCR recognisers repair it first)."""
        return matched

    def __init__(self) -> None:
        super().__init__()
        # Releases repeat the same few notations thousands of times ("5.1.2e");
        # reading one is pure, so each distinct text is read once.
        self._read: dict[str, tuple[Ground, ...] | str] = {}

    def validate(self, text: str, match: re.Match[str], finding: Finding) -> Finding | None:
        matched = match.group(0)
        read = self._read.get(matched)
        if read is None:
            read = self._read[matched] = self._read_grounds(matched)
            if len(self._read) > _READ_CACHE_SIZE:
                self._read.clear()
        if isinstance(read, str):
            return finding.updated(**{"score": 0.0, "explanation": read, "notation": self.notation})
        return finding.updated(**{"grounds": list(read), "notation": self.notation})

    def _read_grounds(self, matched: str) -> tuple[Ground, ...] | str:
        """The grounds ``matched`` cites, or the problem that stops it citing any."""
        reference = parse_reference(self.code_text(matched))
        if reference.problem is not None:
            return reference.problem
        known = catalogue()
        return tuple(known.ground(code, matched.strip()) for code in reference.codes)


class WooCodeRecogniser(_GroundCodeRecogniser):
    """Woo codes: ``5.1.2e``, ``5.1.2.e``, ``5.1.2 e``, ``5.1.2 sub e``, ``5.1.1c``.

    Bare numbers (``5.1.4``, ``5.2``, ``5.4a``, truncated ``5.1.2``) are weak:
    they count only as a marker in context.
    """

    name = "markers.woo-code"
    notation = "woo-code"
    PATTERNS = (
        Pattern(
            "woo-letter",
            rf"""5{_AFTER_FIRST}
                \s?\.\s?1\s?\.\s?[12](?:\s?\.\s?|\s?)(?:(?:sub|onder)\s+)?{_letters("i")}
                {_LAW}""",
            flags=re.VERBOSE | re.IGNORECASE,
        ),
        Pattern(
            "woo-number",
            rf"""5{_AFTER_FIRST}
                \s?\.\s?(?:1\s?\.\s?[12456]|2(?:\s?\.\s?[12])?|4a?){_END}
                (?:\s+Woo\b)?""",
            score=WEAK,
            flags=re.VERBOSE | re.IGNORECASE,
        ),
        Pattern("woo-glued", rf"5{_AFTER_FIRST}1[12][a-i](?![\w-])", score=WEAK, flags=re.I),
    )


class WrittenOutRecogniser(_GroundCodeRecogniser):
    """Articles with ``lid``: ``5.1 lid 2 sub e``, ``art. 10 lid 2 onder e Wob``,
    ``artikel 10, tweede lid, aanhef en onder e``, ``artikel 5.1, tweede lid, aanhef en
    onder e, van de Woo``."""

    name = "markers.written-out"
    notation = "written-out"
    PATTERNS = (
        Pattern(
            "woo-article-lid",
            rf"5{_AFTER_FIRST}\s?\.\s?[124]{_LID}",
            flags=re.VERBOSE | re.IGNORECASE,
        ),
        Pattern(
            "wob-article-lid",
            rf"1{_AFTER_FIRST}[01]{_LID}",
            flags=re.VERBOSE | re.IGNORECASE,
        ),
    )

    def validate(self, text: str, match: re.Match[str], finding: Finding) -> Finding | None:
        checked = super().validate(text, match, finding)
        matched = match.group(0)
        if (
            checked is not None
            and checked.score
            and matched.startswith("1")
            and not parse_reference(matched).letters
            and not re.search(r"(?i)\bwob\b|openbaarheid", matched)
        ):
            return checked.updated(**{"score": 0.0, "explanation": "article of another law"})
        return checked


class WobParenthesisedRecogniser(_GroundCodeRecogniser):
    """Wob codes in brackets: ``(10)(2e)``, ``(10)(2)(e)``, ``10(2)(e)``, ``10 (2) (e)``,
    ``(11)(1)``, also with markdown escapes ``\\(10\\)\\(2e\\)``."""

    name = "markers.wob-parenthesised"
    notation = "wob-parenthesised"
    _L, _R = r"\\?\(\s*", r"\s*\\?\)"
    PATTERNS = (
        Pattern(
            "wob-brackets",
            rf"""\((?<![\w)].)\s*1[01]{_R}\s*{_L}\d\s*[a-g]?{_R}(?:\s*{_L}[a-g]{_R})?""",
            flags=re.VERBOSE | re.IGNORECASE,
        ),
        Pattern(
            "wob-brackets-escaped",
            rf"""\\(?<![\w)].)\(\s*1[01]{_R}\s*{_L}\d\s*[a-g]?{_R}(?:\s*{_L}[a-g]{_R})?""",
            flags=re.VERBOSE | re.IGNORECASE,
        ),
        Pattern(
            "wob-article-brackets",
            rf"""1(?<![\w.)].)[01]\s*{_L}\d{_R}\s*{_L}[a-g]{_R}""",
            flags=re.VERBOSE | re.IGNORECASE,
        ),
    )


class WobDottedRecogniser(_GroundCodeRecogniser):
    """Wob codes with dots or spaces: ``10.2.e``, ``10.2e``, ``10.2 e``, ``10 2 e``,
    ``wob102e``, ``art10.2e``, ``art. 10.2.e``.  Bare ``11.1``, ``10.2`` and
    ``102e`` are weak."""

    name = "markers.wob-dotted"
    notation = "wob-dotted"
    PATTERNS = (
        Pattern(
            "wob-dotted-letter",
            rf"""1{_AFTER_FIRST}
                [01](?:\s?\.\s?|\s)[127](?:\s?\.\s?|\s?)(?:(?:sub|onder)\s+)?{_letters("g")}
                {_LAW}""",
            flags=re.VERBOSE | re.IGNORECASE,
        ),
        # A prefix glued to the number ("wob102e", "art10.2e") makes it distinctive.
        Pattern(
            "wob-glued-wob",
            rf"""[wW]{_AFTER_FIRST}(?i:ob\s*1[01](?:\s?\.\s?)?[127]{_letters("g")})""",
            flags=re.VERBOSE,
            requires_lower=("wob",),
        ),
        Pattern(
            "wob-glued-art",
            rf"""[aA]{_AFTER_FIRST}(?i:rt(?:ikel)?\.?1[01](?:\s?\.\s?)?[127]{_letters("g")})""",
            flags=re.VERBOSE,
            requires_lower=("art1", "art.1", "artikel1", "artikel.1"),
        ),
        Pattern(
            "wob-number",
            rf"""1{_AFTER_FIRST}(?:[01]\s?\.\s?[127]|[01][127][a-g]){_END}""",
            score=WEAK,
            flags=re.VERBOSE | re.IGNORECASE,
        ),
    )


class OcrDamagedRecogniser(_GroundCodeRecogniser):
    """Codes that OCR damaged but that can still be read, with a lower confidence:

    - ``5.1.2¢``: a glyph for the letter e (cent sign, euro sign, accented e);
    - ``5,1.2.e``: a comma for a dot;
    - ``5.1.2eeni``: the spaces of ``5.1.2e en i`` lost;
    - ``51lid2sube``, ``54lid2subd``, ``51id2swbe``: ``5.1 lid 2 sub e`` with its
      spaces lost, ``5.1`` read as ``54`` and ``sub`` as ``swb``;
    - ``5.1id2sub``: the same with the letter lost (the paragraph is still known);
    - ``art. 5 lid 2 sub d Woo``: ``.1`` lost; only article 5.1 has a second lid
      with letters, so this is 5.1.2d;
    - ``Art. 5.1 lid sub i Woo``: the lid lost; letters f to i exist only in the
      second lid, so this is 5.1.2i.

    Fragments too damaged to read (``5 lid 2 sub``, ``5.1.22``) are turned down
    with a reason, so that review lists show them.
    """

    name = "markers.ocr-damaged"
    notation = "ocr-damaged"
    # OCR glyphs that stand for a lower-case e after a code.
    _E_LOOKALIKES = "¢€éèëê"
    # "5.1 lid 2 sub" run together and misread, after its first character.
    _LID_GLUED = r"\s?[.,]?\s?[14]\s*l?[il1|]?d\s*2\s*s[uvw][bd]?"
    _GLUED = re.compile(f"(?i)5{_LID_GLUED}")
    PATTERNS = (
        Pattern(
            "woo-glyph",
            rf"""5{_AFTER_FIRST}\s?[.,]\s?1\s?[.,]\s?[12]\s?\.?\s?[{_E_LOOKALIKES}](?![\w])""",
            score=OCR,
        ),
        Pattern(
            "woo-comma",
            rf"""5{_AFTER_FIRST}\s?,\s?1\s?[.,]\s?[12]\s?[.,]?\s?[a-i](?![\w-])""",
            score=OCR,
            flags=re.VERBOSE | re.IGNORECASE,
        ),
        Pattern(
            "woo-list-glued",
            rf"""5{_AFTER_FIRST}\.1\.2[a-i]en[a-z](?![\w-])""",
            score=OCR,
            flags=re.VERBOSE | re.IGNORECASE,
        ),
        Pattern(
            "woo-lid-glued",
            rf"""5{_AFTER_FIRST}{_LID_GLUED}(?:\s*[a-i](?![\w]))?""",
            score=OCR,
            flags=re.VERBOSE | re.IGNORECASE,
        ),
        Pattern(
            "woo-article-lost",
            rf"""5{_AFTER_FIRST}\s+lid\s*2\s*sub\s*[a-i](?![\w-])(?:\s+Woo\b)?""",
            score=0.6,
            flags=re.VERBOSE | re.IGNORECASE,
        ),
        Pattern(
            "woo-lid-lost",
            rf"""5{_AFTER_FIRST}\s?\.\s?1\s+lid\s+sub\s*[f-i](?![\w-])(?:\s+Woo\b)?""",
            score=0.6,
            flags=re.VERBOSE | re.IGNORECASE,
        ),
        Pattern(
            "fragment",
            rf"""5{_AFTER_FIRST}[\s.,]*[14]?[\s.,]*l?[il1|]?d\s*2?\s*s[uvw]b(?:\s*[a-i])?(?![\w])
                |5{_AFTER_FIRST}\.1\.2\d(?![\w]|\.\d)""",
            score=0.0,
            flags=re.VERBOSE | re.IGNORECASE,
        ),
    )

    def code_text(self, matched: str) -> str:
        repaired = re.sub(f"[{self._E_LOOKALIKES}]", "e", matched)
        repaired = self._GLUED.sub("5.1 lid 2 sub ", repaired)
        repaired = re.sub(r"(?i)\b5\s+lid\s*2\b", "5.1 lid 2", repaired)
        repaired = re.sub(r"(?i)\blid\s+sub\s*(?=[f-i]\b)", "lid 2 sub ", repaired)
        repaired = re.sub(r"(?i)(?<=\d)([a-i])en([a-z])$", r" \1 en \2", repaired)
        return re.sub(r"^5\s?,", "5.", repaired)

    def validate(self, text: str, match: re.Match[str], finding: Finding) -> Finding | None:
        if finding.score == 0:
            reason = "OCR fragment too damaged to read"
            return finding.updated(**{"explanation": reason, "notation": self.notation})
        checked = super().validate(text, match, finding)
        if checked is not None and checked.score and checked.grounds[0].code == "5.1.2":
            # The letter is gone: the paragraph is known, the interest is not.
            return checked.updated(**{"score": 0.5})
        return checked


class GenericMarkerRecogniser(PatternRecogniser):
    """Markers that name no ground: ``[REDACTED]``, ``[gelakt]``, ``(geanonimiseerd)``,
    ``█████``, ``XXXX``."""

    name = "markers.generic"
    kind = "marker"
    PATTERNS = (
        Pattern(
            "bracketed-word",
            r"""\[\s*(?:redacted|gelakt|weggelakt|zwartgelakt|geanonimiseerd|geschoond|
                onleesbaar\s+gemaakt|verwijderd|anoniem)\s*\]""",
            flags=re.VERBOSE | re.IGNORECASE,
        ),
        # An anonymisation tool's word in place of each redacted word, in round
        # brackets: "(geanonimiseerd) (geanonimiseerd)".
        Pattern(
            "parenthesised-word",
            r"\(\s*(?:redacted|gelakt|weggelakt|zwartgelakt|geanonimiseerd|geschoond)\s*\)",
            flags=re.IGNORECASE,
            requires=("(",),
        ),
        # Wide characters: a text without them is not scanned at all.
        Pattern("full-blocks", r"█+(?:[ \t]+█+)*", flags=0, requires=("█",)),
        Pattern("other-blocks", r"[■▮▇▆▬]{3,}", score=0.9, flags=0, requires=tuple("■▮▇▆▬")),
        # Upper case only: "xxxx" is usually a template placeholder.
        Pattern("crosses", r"X(?<![\w-].)X{3,}(?![\w-])", score=0.6, flags=0),
    )

    def validate(self, text: str, match: re.Match[str], finding: Finding) -> Finding | None:
        return finding.updated(**{"notation": "generic"})


# Only decoration between a word and the start or end of its line (bounded look).
_LINE_LEAD_ONLY = re.compile(r"(?:^|\n)[ \t>*#-]*\Z")
_LINE_TAIL_ONLY = re.compile(r"[ \t*]*(?:\n|\Z)")


class DubbelRecogniser(PatternRecogniser):
    """``dubbel`` where a marker stands: "already assessed in another document".

    Only bracketed or alone on its line; the word in a sentence is left alone.
    """

    name = "markers.dubbel"
    kind = "marker"
    PATTERNS = (
        Pattern(
            "dubbel",
            r"[dD](?<!\w.)(?i:ubbel)(?!\w)",
            flags=0,
            requires_lower=("dubbel",),
        ),
    )

    def validate(self, text: str, match: re.Match[str], finding: Finding) -> Finding | None:
        start, end = match.span()
        if start and end < len(text) and text[start - 1] + text[end] in ("[]", "()"):
            start, end = start - 1, end + 1
        elif not (
            _LINE_LEAD_ONLY.search(text, max(0, start - 80), start)
            and _LINE_TAIL_ONLY.match(text, end, end + 80)
        ):
            return None
        span = Span(start=start, end=end)
        ground = catalogue().ground("dubbel", span.slice(text))
        return finding.updated(**{"span": span, "notation": "dubbel", "grounds": [ground]})
