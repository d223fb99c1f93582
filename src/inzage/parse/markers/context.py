"""What a marker candidate is, judged from the words around it.

Pure functions over text and findings.  The steps, in order:

1. :func:`resolve_overlaps` keeps the longest of overlapping candidates;
2. :func:`extend_wrappers` takes in a preceding ``art.``/``artikel``, markdown
   links (``[\\(10\\)\\(2e\\)](#)``), brackets and a stray closing bracket
   (``5.1.2e)``);
3. :func:`join_ground_lists` makes ``5.1.2e, 5.1.2i`` one marker with two grounds;
4. :func:`classify` decides between a marker (something was blacked out here), a
   citation (a sentence cites the ground) and a look-alike (a section number,
   an amount, an article of another law), and says why;
5. :func:`complete_truncated` reads a code cut off at its letter beside a full
   one (``5.1.2 5.1.2e``) as an incomplete copy of it;
6. :func:`assign_groups` and :func:`guess_role` group adjacent markers that
   redact one item and guess what was redacted from labels around it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from inzage.model import Finding, Redaction, RedactionRole, Span
from inzage.parse.markers.recognisers import THRESHOLD
from inzage.recognisers.base import WINDOW, line_bounds, longest_per_cluster

STANDALONE_SCORE = 0.7
NAMES_LAW_SCORE = 0.8

# Grounds that protect persons; a marker citing only other grounds hides a passage.
PERSONAL_GROUNDS = frozenset({"5.1.2e", "5.1.1d", "5.1.1e", "5.1.2"})

_CODE_NOTATIONS = frozenset({"woo-code", "wob-dotted", "written-out", "ocr-damaged"})

# How far back a pattern anchored at the end of the text before a marker may
# reach: labels and cue words are short, and a search that starts at every
# character of a 300-character line cost more than anything else per marker.
_LABEL_REACH = 80
# The longest citation cue ("weigeringsgronden: de artikelen") in prose whose
# white space is folded to single spaces.
_CUE_REACH = 48

_SPACES_ONLY = re.compile(r"[ \t]*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_MID_SENTENCE = re.compile(r"[a-zà-ÿ,][ \t]*$")
_ARTICLE_BEFORE = re.compile(r"(?<![\w.-])(?:art(?:ikel)?\.?|Art(?:ikel)?\.?|ARTIKEL)[ \t]*$")
_RUN_GAP = re.compile(r"[\s,;/&]*(?:\ben\b[\s,;]*)?")
_DECORATION_ONLY = re.compile(r"[\s#>*•·|\-–()\[\].,;:/&]*(?:\ben\b[\s,;]*)*")
_LIST_GAP = re.compile(r"[ \t]*(?:[;,/&+]|\ben\b|\bof\b)[ \t]*", re.IGNORECASE)
_OTHER_LAW_AFTER = re.compile(
    r"\s*,?\s*(?:van\s+(?:de|het)\s+)?"
    r"(?!Wet\s+open(?:baarheid)?\b)"
    r"(?:Awb|Algemene\s+wet\s+bestuursrecht|BW|Burgerlijk\s+Wetboek|Grondwet|U?AVG|"
    r"Archiefwet|Wft|Wmo|Sv|Sr|Wpg|Wet\s+[A-Za-z]|Regels\b|Besluit\b|"
    r"[A-Z][\w-]*(?:wet|besluit|regeling|wetboek)\b)"
)
_AMOUNT_AFTER = re.compile(
    r"\s*(?:%|‰|procent|mln|miljoen|miljard|mld|euro|eur\b|uur|keer|jaar|maanden|dagen|"
    r"km|kg|m2|m²|cm|mm|fte|punten|ton)\b|\s*%",
    re.IGNORECASE,
)
_AMOUNT_BEFORE = re.compile(r"(?:€|EUR|eur|\$|£)\s*$")
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:paragraaf|par|hoofdstuk|hfst|h|sectie|bijlage|versie|version|v|release|stap|"
    r"fase|punt|tabel|figuur|fig|bladzijde|blz|pagina|p|nr|nummer|model|regel|item|vraag|"
    r"noot|deel|module|actie|agendapunt|bijlagen|tab|kolom|rij|zie)|§)\.?\s*$",
    re.IGNORECASE,
)
_CITATION_BEFORE = re.compile(
    r"(?:\b(?:grond\s+van|basis\s+van|bedoeld\s+in|genoemd\s+in|vermeld\s+in|neergelegd\s+in|"
    r"opgenomen\s+in|ingevolge|krachtens|conform|overeenkomstig|gelet\s+op|toepassing\s+van|"
    r"beroep\s+op|zie(?:\s+ook)?|grond(?:en)?|weigeringsgrond(?:en)?|uitzonderingsgrond(?:en)?|"
    r"deels|geheel|openbaar|weigeren|weigering|o\.?\s?g\.?\s?v|vermelding\s+van)"
    r"\.?\s*[:;,]?\s*(?:(?:de|het)\s+)?"
    r"(?:artikel(?:en)?|art\.?)?\s*$)",
    re.IGNORECASE,
)
# A ground as the heading of the weighing of interests in a decision letter.
_WEIGHING_AFTER = re.compile(
    r"\s*(?:(?:Het|Dit|Deze|Dat)\s+(?:belang|weigeringsgrond|uitzondering)|De\s+eerbiediging)"
)
_PROSE_WORD_BEFORE = re.compile(r"[a-zà-ÿ]{2,}[ \t]*$")
_OUR_LAW = re.compile(r"(?i)\b(?:woo|wob|wet\s+open)")
_NAMES_ARTICLE = re.compile(r"(?i)^(?:art|artikel)\b")
_HEADING_AFTER = re.compile(r"[ \t]+(?!(?:lid|sub|onder|en|of|woo|wob)\b)[A-Za-zÀ-ÿ]")
_LINE_LEAD = re.compile(r"^[\s#>*•·|\-–(\[]*$")
_LABEL_BEFORE = re.compile(
    r"(?i)(?:^|[\s*])(?:van|aan|from|to|cc|bcc|kopie|afzender|t|m|tel|telefoon(?:nummer)?|"
    r"mobiel|e-?mail|ontworpen\s+door|auteur|naam|functie|contactpersoon)\s*\**\s*:?\s*\**\s*$"
)

_EMAIL_AFTER = re.compile(r"[ \t]*@")
# The domain of a redacted address on the next line, as PDF exports split it.
_DOMAIN_LINE_AFTER = re.compile(r"[ \t]*\n\s*[<(]?\s*@[\w-]+\.[\w.-]+")
_PHONE_BEFORE = re.compile(
    r"(?i)(?:(?:^|[\s(|*])(?:t|m|tel|telefoon|telefoonnummer|telnr|mobiel|mob|gsm|fax|f)"
    r"\.?\s*\**\s*:?\s*\**|\+31|0031)[\s()0-9+-]*$"
)
_FUNCTION_BEFORE = re.compile(r"(?i)\bfunctie\s*\**\s*:?\s*\**\s*$")
_NAME_BEFORE = re.compile(
    r"(?i)(?:^|[\s*(])(?:van|aan|from|to|cc|bcc|kopie|afzender|ontworpen\s+door|auteur|naam|"
    r"contactpersoon|behandeld\s+door|namens|dhr|mevr|mw|de\s+heer|mevrouw|beste|geachte|hoi|"
    r"hallo|dag|collega|met|door)\.?\s*\**\s*:?\s*\**\s*$"
)
# "<address>" or an organisation in brackets after a redacted name: "(VNG)", "(gemeente Zwolle)".
_NAME_AFTER = re.compile(
    r"[ \t]*(?:<|\((?:[A-Z][A-Za-z&]{1,10}|(?:gemeente|provincie|ministerie\s+van|"
    r"directie|waterschap)\s+[A-Z][\w -]{1,40})\))"
)
# How far above a marker's line a closing is looked for.
_CLOSING_REACH = 400
_CLOSING_LINE = re.compile(
    r"(?i)^\W*(?:(?:met\s+)?(?:vriendelijke|hartelijke|beste)?\s*groet(?:en)?|hoogachtend|"
    r"mvg|(?:kind\s+|best\s+)?regards)\W*$"
)
# A label alone on the line before a marker (OCR and PDF exports put them there).
_LABEL_LINE = re.compile(
    r"(?i)^[\W_]*(?:(?P<name>van|aan|from|to|cc|bcc|kopie|afzender|auteur|naam|"
    r"ontworpen\s+door|contactpersoon|behandeld\s+door)|(?P<phone>t|m|tel|telefoon|"
    r"telefoonnummer|mobiel|mob|fax)|(?P<function>functie)|(?P<email>e|e-?mail))[\W_]*$"
)


# --- 1-3: shaping candidates ------------------------------------------------------------


def resolve_overlaps(findings: Iterable[Finding]) -> list[Finding]:
    """Keep the longest (then the best scored) of overlapping viable candidates."""
    return longest_per_cluster([f for f in findings if f.score > 0])


def turned_down_alone(findings: Sequence[Finding], kept: Sequence[Finding]) -> list[Finding]:
    """Turned-down candidates (score 0) that no kept candidate covers, the longest
    where they overlap each other, in text order: what a reviewer should see."""
    starts = [k.span.start for k in kept]
    return [
        f
        for f in longest_per_cluster([f for f in findings if f.score == 0])
        if not _overlaps_sorted(f.span, kept, starts)
    ]


def _overlaps_sorted(span: Span, ordered: Sequence[Finding], starts: Sequence[int]) -> bool:
    index = bisect_right(starts, span.start)
    return any(ordered[i].span.overlaps(span) for i in (index - 1, index) if 0 <= i < len(ordered))


def extend_wrappers(text: str, finding: Finding) -> Finding:
    """Take in the article word, link, brackets or stray bracket that belong to a marker:
    ``art. 5.1.2e``, ``[\\(10\\)\\(2e\\)](#)``, ``(5.1.2e)``, ``5.1.2e)``."""
    if finding.grounds and finding.notation != "dubbel":
        line_start, _ = line_bounds(text, finding.span.start, finding.span.end)
        reach = max(line_start, finding.span.start - _LABEL_REACH)
        article = _ARTICLE_BEFORE.search(text, reach, finding.span.start)
        if article is not None:
            finding = _respan(finding, article.start(), finding.span.end)
    start, end = finding.span.start, finding.span.end
    if start > 0 and text[start - 1] == "[":
        link = re.match(r"\]\([^)\s]{0,200}\)", text[end : end + 210])
        if link:
            return _respan(finding, start - 1, end + link.end())
        if text.startswith("]", end):
            return _respan(finding, start - 1, end + 1)
    if finding.notation in _CODE_NOTATIONS and text.startswith(")", end):
        if start > 0 and text[start - 1] == "(":
            return _respan(finding, start - 1, end + 1)
        line_start, _ = line_bounds(text, start, end)
        before = text[line_start:start]
        if before.count("(") <= before.count(")"):
            return _respan(finding, start, end + 1)
    return finding


def _respan(finding: Finding, start: int, end: int) -> Finding:
    return finding.updated(**{"span": Span(start=start, end=end)})


def join_ground_lists(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """Join ``5.1.2e, 5.1.2i`` or ``10.2e en 10.2g`` into one marker with several grounds.

    Two markers that cite the same grounds (``(10)(2e), (10)(2e)``) are two
    redacted items in a list, not a list of grounds, and stay apart.
    """
    joined: list[Finding] = []
    for finding in findings:
        if joined and _is_ground_list(text, joined[-1], finding):
            last = joined[-1]
            known = {(g.code, g.original) for g in last.grounds}
            joined[-1] = last.updated(
                **{
                    "span": Span(start=last.span.start, end=finding.span.end),
                    "grounds": last.grounds
                    + [g for g in finding.grounds if (g.code, g.original) not in known],
                    "score": max(last.score, finding.score),
                    "explanation": "list of grounds",
                }
            )
        else:
            joined.append(finding)
    return joined


def _is_ground_list(text: str, first: Finding, second: Finding) -> bool:
    if not first.grounds or not second.grounds:
        return False
    if _LIST_GAP.fullmatch(text[first.span.end : second.span.start]) is None:
        return False
    return {g.code for g in second.grounds} - {g.code for g in first.grounds} != set()


# --- 4: marker, citation or look-alike -----------------------------------------------


def _prose_before(text: str, start: int, limit: int = 80) -> str:
    """The words before ``start`` in the same sentence, with line breaks folded.

    A blank line ends the look-back only where the text before it ends a
    sentence: converted PDFs often put a blank line in the middle of one
    ("gelakt op grond van" / blank line / "artikel 5.1 lid 2 sub e").
    """
    window = text[max(0, start - limit) : start]
    for match in reversed(list(_PARAGRAPH_BREAK.finditer(window))):
        if not _MID_SENTENCE.search(window, 0, match.start()):
            window = window[match.end() :]
            break
    return re.sub(r"\s+", " ", window)


def _is_line_of_markers(
    text: str, findings: Sequence[Finding], index: int, line: tuple[int, int]
) -> bool:
    """The line holds nothing but candidates, separators and decoration."""
    line_start, line_end = line
    first = index
    while first > 0 and findings[first - 1].span.start >= line_start:
        first -= 1
    last = index
    while last + 1 < len(findings) and findings[last + 1].span.end <= line_end:
        last += 1
    pieces = []
    cursor = line_start
    for other in findings[first : last + 1]:
        pieces.append(text[cursor : other.span.start])
        cursor = other.span.end
    pieces.append(text[cursor:line_end])
    rest = "".join(pieces)
    return _DECORATION_ONLY.fullmatch(rest) is not None


def classify(
    text: str,
    findings: Sequence[Finding],
    index: int,
    strong_notations: frozenset[str] = frozenset(),
) -> Finding:
    """Decide what a candidate is; the answer's ``kind`` and ``score`` say it.

    ``kind`` stays ``"marker"`` with a score at or over :data:`THRESHOLD` for a
    marker, becomes ``"citation"`` where a sentence cites the ground, and the
    score drops to 0 with a reason for a look-alike.  ``findings`` are all
    candidates of the text in order and ``index`` the one to judge;
    ``strong_notations`` are the notations of the text's distinctive markers: a
    bare number standing alone only counts as a marker in a text that writes its
    other markers in the same notation.
    """
    finding = findings[index]
    grounded = bool(finding.grounds) and finding.notation != "dubbel"
    if not grounded and finding.score >= THRESHOLD:
        return finding  # a box, a tool's word: nothing to tell it from
    start, end = finding.span.start, finding.span.end
    line_start, line_end = line_bounds(text, start, end)
    before, after = text[line_start:start], text[end:line_end]
    marker_text = text[start:end]
    prose = _prose_before(text, _run_start(text, findings, index))
    names_law = bool(_NAMES_ARTICLE.search(marker_text) or _OUR_LAW.search(marker_text))

    if grounded:
        if _OTHER_LAW_AFTER.match(text, end) and not _OUR_LAW.search(marker_text):
            return _turn_down(finding, "article of another law")
        if _AMOUNT_AFTER.match(after) or _ends_with(_AMOUNT_BEFORE, before):
            return _turn_down(finding, "amount or measure")
        if finding.score < THRESHOLD and _ends_with(_REFERENCE_BEFORE, prose, _CUE_REACH):
            return _turn_down(finding, "section, page or version reference")
        if finding.score < THRESHOLD and _LINE_LEAD.match(before) and _HEADING_AFTER.match(after):
            return _turn_down(finding, "section number")
        if (
            _ends_with(_CITATION_BEFORE, prose, _CUE_REACH)
            or (names_law and _ends_with(_PROSE_WORD_BEFORE, before))
            or _WEIGHING_AFTER.match(text, end, min(len(text), end + WINDOW))
        ):
            return finding.updated(
                **{"kind": "citation", "explanation": "cites the ground in prose"}
            )
    if finding.score >= THRESHOLD:
        return finding
    if names_law:
        # "art. 5.2" or "5.1.4 Woo" names the law; it is no section number.
        return finding.updated(**{"score": NAMES_LAW_SCORE})
    if (
        _EMAIL_AFTER.match(after)
        or _ends_with(_LABEL_BEFORE, before)
        or _label_line_before(text, line_start) is not None
        or _adjacent_to_strong(text, findings, index)
    ):
        return _boost(finding)
    if _is_line_of_markers(text, findings, index, (line_start, line_end)):
        family = _FAMILIES.get(finding.notation or "", frozenset())
        if family & strong_notations:
            return _boost(finding)
        return _turn_down(finding, "bare number alone on a line, in a text without such markers")
    return _turn_down(finding, "bare number in running text")


# A bare number counts only in a text that writes its markers in the same family.
_FAMILIES = {
    "woo-code": frozenset({"woo-code"}),
    "wob-dotted": frozenset({"wob-dotted", "wob-parenthesised"}),
}


def _boost(finding: Finding) -> Finding:
    return finding.updated(
        **{"score": STANDALONE_SCORE, "explanation": "bare code where a marker stands"}
    )


def _run_start(text: str, findings: Sequence[Finding], index: int) -> int:
    """Where the run of codes that ``findings[index]`` ends begins (``Deels 5.1.1c
    5.1.2e 5.2``): a citation cue before the run covers every code in it."""
    start = findings[index].span.start
    for other in reversed(findings[max(0, index - 20) : index]):
        if _RUN_GAP.fullmatch(text[other.span.end : start]) is None:
            break
        start = other.span.start
    return start


def _label_line_before(text: str, line_start: int) -> str | None:
    """The kind of label (name, phone, function, email) on the line before, if the
    marker starts its own line and that line holds only a label."""
    for line in reversed(text[max(0, line_start - 200) : line_start].split("\n")):
        if line.strip():
            match = _LABEL_LINE.match(line.strip())
            return match.lastgroup if match else None
    return None


def _adjacent_to_strong(text: str, findings: Sequence[Finding], index: int) -> bool:
    """Only spaces between this candidate and a distinctive marker next to it."""
    finding = findings[index]
    for other in findings[max(0, index - 1) : index + 2]:
        if other is finding or other.score < THRESHOLD:
            continue
        first, second = sorted((finding.span, other.span), key=lambda span: span.start)
        if _SPACES_ONLY.fullmatch(text[first.end : second.start]):
            return True
    return False


def _turn_down(finding: Finding, reason: str) -> Finding:
    return finding.updated(**{"score": 0.0, "explanation": reason})


# Codes that a marker cut off at its letter leaves: the paragraph without the interest.
_TRUNCATED = frozenset({"5.1.1", "5.1.2"})
TRUNCATED_SCORE = STANDALONE_SCORE


def complete_truncated(text: str, judged: Sequence[Finding]) -> list[Finding]:
    """A truncated code beside a full one of the same paragraph, with only spaces
    between (``5.1.2 5.1.2e``: two markers for one name, the first cut off at
    its letter), is an incomplete copy of its neighbour, not a marker on the
    bare paragraph: it takes the neighbour's ground, at a lower confidence."""
    completed = list(judged)
    for index, finding in enumerate(judged):
        if not _counts(finding) or len(finding.grounds) != 1:
            continue
        code = finding.grounds[0].code
        if code not in _TRUNCATED:
            continue
        for other in judged[max(0, index - 1) : index + 2]:
            if other is finding or not _counts(other) or len(other.grounds) != 1:
                continue
            full = other.grounds[0]
            first, second = sorted((finding.span, other.span), key=lambda span: span.start)
            if (
                full.code.startswith(code)
                and len(full.code) == len(code) + 1
                and _SPACES_ONLY.fullmatch(text[first.end : second.start])
            ):
                ground = full.model_copy(update={"original": finding.grounds[0].original})
                completed[index] = finding.updated(
                    **{
                        "grounds": [ground],
                        "score": min(finding.score, TRUNCATED_SCORE),
                        "explanation": f"truncated code beside {full.code}: the letter was cut off",
                    }
                )
                break
    return completed


def _counts(finding: Finding) -> bool:
    return finding.kind == "marker" and finding.score >= THRESHOLD


# --- 6: groups and roles ----------------------------------------------------------------


def assign_groups(text: str, markers: Sequence[Finding]) -> list[int]:
    """Group numbers, counting from 0: markers with only spaces or tabs between
    them redact one item (first name and surname redacted separately)."""
    groups: list[int] = []
    for i, marker in enumerate(markers):
        if i and _SPACES_ONLY.fullmatch(text[markers[i - 1].span.end : marker.span.start]):
            groups.append(groups[-1])
        else:
            groups.append(groups[-1] + 1 if groups else 0)
    return groups


def guess_role(text: str, group: Sequence[Finding]) -> RedactionRole:
    """What a group of markers hides, from the label before it and what follows."""
    first, last = group[0], group[-1]
    line_start, _ = line_bounds(text, first.span.start, first.span.end)
    _, line_end = line_bounds(text, last.span.start, last.span.end)
    before = text[line_start : first.span.start]
    after = text[last.span.end : line_end]
    label = _label_line_before(text, line_start) if not before.strip(" \t#*>") else None
    if (
        _EMAIL_AFTER.match(after)
        or label == "email"
        or _DOMAIN_LINE_AFTER.match(text, last.span.end, min(len(text), line_end + WINDOW))
    ):
        return "email"
    if _ends_with(_PHONE_BEFORE, before) or label == "phone":
        return "phone"
    if _ends_with(_FUNCTION_BEFORE, before) or label == "function":
        return "function"
    if (
        _ends_with(_NAME_BEFORE, before)
        or _NAME_AFTER.match(after)
        or label == "name"
        or _follows_closing(text, line_start)
    ):
        return "name"
    codes = {g.code for f in group for g in f.grounds}
    blocks = sum(len(f.span) for f in group if f.notation == "generic")
    if (codes and not codes & PERSONAL_GROUNDS and "dubbel" not in codes) or blocks >= 20:
        return "passage"
    return "unknown"


def _ends_with(pattern: re.Pattern[str], before: str, reach: int = _LABEL_REACH) -> bool:
    """``pattern`` (anchored with ``$``) matches at the end of ``before``.  Starting
    the search late keeps ``^`` meaning the real start of ``before``."""
    return pattern.search(before, max(0, len(before) - reach)) is not None


def _follows_closing(text: str, line_start: int) -> bool:
    """True when a closing ("Met vriendelijke groet", "Hoogachtend") stands at most
    three short lines above, as in a signature: closing, "Namens ...", name.
    Read upwards line by line: every marker asks, and splitting the 400
    characters above each one was a tenth of the marker stage."""
    low = max(0, line_start - _CLOSING_REACH)
    end, seen = line_start, 0
    while seen < 3:
        cut = text.rfind("\n", low, end)
        line = text[low if cut < 0 else cut + 1 : end].strip()
        if line:
            if _CLOSING_LINE.match(line):
                return True
            if len(line) > 60:
                return False
            seen += 1
        if cut < 0:
            return False
        end = cut
    return False


def to_redactions(text: str, markers: Sequence[Finding]) -> list[Redaction]:
    """Accepted markers, in text order, as the model's redactions."""
    groups = assign_groups(text, markers)
    members: dict[int, list[Finding]] = {}
    for marker, group in zip(markers, groups, strict=True):
        members.setdefault(group, []).append(marker)
    roles = {group: guess_role(text, found) for group, found in members.items()}
    return [
        Redaction(
            span=marker.span,
            marker=marker.span.slice(text),
            grounds=marker.grounds,
            role=roles[group],
            group=group,
            confidence=min(1.0, marker.score),
            notation=marker.notation or "generic",
        )
        for marker, group in zip(markers, groups, strict=True)
    ]
