"""A PDF-to-Markdown converter's layout, undone for the recognisers that read lines.

Converters print an e-mail header block as a Markdown table (``| Van: | Jansen,
P. <p.jansen@example.nl> |``, several headers to a row), flatten it onto one
line with the values out of place (``To: … From: Wed 5/13/2020 1:50:03 PM
Sent: Subject: RE: overleg Received: …``) and leave HTML and descriptions of
pictures behind (``<a href="mailto:"></a>``, ``Image /page/0/Picture/7
description: …``).  :func:`plain_layout` gives a copy of the text *of the same
length* in which table pipes, HTML tags and picture descriptions are blanked
and each header label of a flattened line starts a line of its own, so that
every offset found in the copy is an offset in the text (values, spans and
redactions stay put).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from inzage.recognisers.vocabulary import trie_alternation, vocabulary

_LABELS = sorted(
    {entry.label.lower() for entry in vocabulary().mail_header_labels}, key=len, reverse=True
)
# The header labels as a regex alternation, to match ignoring case: as a trie
# (the longest label first all the same), which the engine follows down one
# path where it would try all 90 labels in turn.
LABEL_ALTERNATIVES = trie_alternation(_LABELS)
# Labels that only an e-mail header has: a flattened line is split only when it
# holds one, so that a memo's "Aan: … Van: …" in running text stays as it is.
MAIL_ONLY_LABELS = frozenset(
    {"sent", "verzonden", "received", "subject", "onderwerp", "date", "gesendet", "betreff"}
)
_ABOVE = 3  # lines above a mail-only label that may hold the block's party labels
_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.MULTILINE)
_SENDING_LABEL = re.compile(r"(?i)\b(?:sent|verzonden|received|gesendet|date)[ \t]*:")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
# A mail-only label right before a colon.  Searched only before each colon,
# which is rarer than any letter a label starts with: a case-insensitive
# alternation tried at every position took a tenth of a text's detection.
_LABEL_SPACES = 14  # white space between a label and its colon, at most
_MAIL_ONLY_BEFORE_COLON = re.compile(
    rf"(?i)\b(?:{'|'.join(sorted(MAIL_ONLY_LABELS))})[ \t]{{0,{_LABEL_SPACES}}}\Z"
)
_LABEL_REACH = max(map(len, MAIL_ONLY_LABELS)) + _LABEL_SPACES
_LABEL_ENDS = frozenset(label[-1] for label in MAIL_ONLY_LABELS)
# Tags a converter leaves; the look-ahead keeps an address such as <b.smit@x.nl>.
_TAG = re.compile(r"</?(?:a|b|br|div|em|font|i|p|span|strong|u)(?=[\s/>])[^<>\n]*>", re.I)
# The converter's words for a picture it left out ("Image /page/0/Picture/7
# description: The image shows a logo …"): never a header's value.
_IMAGE_DESCRIPTION = re.compile(
    r"^[ \t]*Image /page/\d+/(?:Picture|Figure)/\d+ description:[^\n]*", re.MULTILINE
)
# A label inside a line: capitalised as a mail client prints it, after white space.
_INNER_LABEL = re.compile(rf"(?<=[\s|])(?P<label>(?:{LABEL_ALTERNATIVES}))[ \t]*:", re.I)
_LINE_LABEL = re.compile(rf"^[ \t>#*|]*(?P<label>(?:{LABEL_ALTERNATIVES}))[ \t]*(?:\*\*)?:", re.I)


def plain_layout(text: str) -> str:
    """``text`` with converter layout blanked, same length (see the module)."""
    if "|" in text:
        text = _TABLE_ROW.sub(lambda row: row[0].replace("|", " "), text)
    if "<" in text:
        text = _TAG.sub(lambda tag: " " * len(tag[0]), text)
    if "Image /page/" in text:
        text = _IMAGE_DESCRIPTION.sub(lambda line: " " * len(line[0]), text)
    cuts: set[int] = set()
    done: set[int] = set()
    for label_start in _mail_only_labels(text):
        start = text.rfind("\n", 0, label_start) + 1
        if start in done:
            continue
        done.add(start)
        # The party labels and the date of a block can stand on lines of their
        # own above ("To: From: …" over "Sent: …" over "Subject: …").
        starts = [start, *_lines_above(text, start, _ABOVE)]
        lines = [_line_at(text, s) for s in starts]
        if not any(_SENDING_LABEL.search(line) or _CLOCK.search(line) for line in lines):
            continue  # a memo's fields flattened (Aan, Datum, Onderwerp): never sent
        for line_start, line in zip(starts, lines, strict=True):
            if line_start == start or line_start not in done:
                done.add(line_start)
                cuts.update(line_start + cut for cut in _flattened_cuts(line))
    if not cuts:
        return text
    pieces = []
    cursor = 0
    for cut in sorted(cuts):
        pieces.append(text[cursor:cut])
        pieces.append("\n")
        cursor = cut + 1
    pieces.append(text[cursor:])
    return "".join(pieces)


def _mail_only_labels(text: str) -> Iterator[int]:
    """Where each mail-only label followed by a colon starts."""
    colon = text.find(":")
    while colon != -1:
        # A label's last letter stands before its colon, after a few spaces at
        # most: a clock's digit ("13:15") or a URL's "https" never does.
        end = colon
        while end > 0 and colon - end < _LABEL_SPACES and text[end - 1] in " \t":
            end -= 1
        if text[end - 1 : end].lower() in _LABEL_ENDS:
            label = _MAIL_ONLY_BEFORE_COLON.search(text, max(0, colon - _LABEL_REACH), colon)
            if label is not None:
                yield label.start()
        colon = text.find(":", colon + 1)


def _line_at(text: str, start: int) -> str:
    end = text.find("\n", start)
    return text[start : len(text) if end < 0 else end]


def _lines_above(text: str, start: int, count: int) -> list[int]:
    """The starts of up to ``count`` non-blank lines above the line at ``start``."""
    starts: list[int] = []
    end = start - 1
    while end > 0 and len(starts) < count:
        begin = text.rfind("\n", 0, end) + 1
        if text[begin:end].strip():
            starts.append(begin)
        end = begin - 1
    return starts


def _flattened_cuts(line: str) -> list[int]:
    """Where the header labels of one flattened line begin (the white space before
    each but the first): none unless the line holds two labels or more.  Labels
    inside a line count when capitalised, as a mail client prints them."""
    inner = [m for m in _INNER_LABEL.finditer(line) if m["label"][0].isupper()]
    opening = _LINE_LABEL.match(line)
    labels = [m["label"] for m in inner] + ([opening["label"]] if opening else [])
    if len(labels) < 2:
        return []
    cuts = []
    for match in inner:
        if opening is not None and match.start() <= opening.end():
            continue
        before = match.start() - 1
        if line[before] in " \t" and line[:before].strip(" \t|>#*"):
            cuts.append(before)
    return cuts
