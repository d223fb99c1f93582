"""Decision letters on Wob and Woo requests: dates, outcome and the grounds cited.

A letter is a decision letter when its subject or opening says so ("Besluit op
uw Woo-verzoek", "Beslissing op uw verzoek om informatie", "Wob-besluit").  Its
``fields`` then gain ``decision_date`` (the letter's date), ``request_date``
(from "uw verzoek van 2 januari 2023", "Op 13 juli 2020 heeft u … verzocht",
"verzoek om informatie d.d. 17-5-2022"), ``outcome`` (openbaar, deels
openbaar, niet openbaar, geen documenten) and ``grounds_cited``: every ground
the letter names, as a marker or in a sentence, in any notation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from inzage.model import Ground
from inzage.parse.dates import MONTHS, parse_date

_DECISION = re.compile(
    r"(?i)\b(?:besluit|beslissing)\s+op\s+(?:uw|het|een)\s+(?:\w+\s+)?(?:wob|woo)?[- ]?verzoek|"
    r"\b(?:wob|woo)[- ]?besluit|\bbeslissing\s+op\s+(?:uw\s+)?(?:verzoek|bezwaar)|"
    r"\bdeelbesluit\b"
)
_DATE = (
    r"(?:\d{1,2}\s+(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+\d{4}"
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})"
)
_REQUEST_DATE = re.compile(
    rf"(?is)(?:(?:uw|het|een|bij|per|in\s+uw)\s+(?:verzoek|brief|e-?mail(?:bericht)?|schrijven|"
    rf"aanvraag)(?:\s+om\s+informatie)?(?:\s+\([^)]*\))?\s*,?\s+(?:van|d\.\s?d\.|gedateerd|"
    rf"ontvangen\s+op|op)\s+(?P<a>{_DATE})"
    rf"|op\s+(?P<b>{_DATE}),?\s+(?:heeft|hebt|heb|hebben|ontving|is|zijn|verzocht|vroeg|"
    rf"ontvingen|deed|diende)\b"
    rf"|verzoek\s+(?:om\s+informatie\s+)?d\.\s?d\.\s+(?P<c>{_DATE}))"
)
_OUTCOMES = (
    (
        "geen documenten",
        re.compile(
            r"(?i)geen\s+(?:documenten|stukken|informatie)\s+(?:zijn\s+)?(?:aangetroffen|gevonden)|"
            r"beschik\w*\s+(?:niet|geen)\s+over\s+(?:de\s+)?(?:gevraagde\s+)?(?:documenten|stukken|informatie)|"
            r"geen\s+documenten\s+(?:berusten|bestaan)"
        ),
    ),
    (
        "deels openbaar",
        re.compile(
            r"(?i)(?:deels|gedeeltelijk|grotendeels)\s+(?:openbaar|toe\s+te\s+wijzen|in\s+te\s+willigen)|"
            r"deels\s+af\s+te\s+wijzen|gedeeltelijk\s+af\s+te\s+wijzen"
        ),
    ),
    (
        "niet openbaar",
        re.compile(
            r"(?i)\bniet\s+openbaar\s+te\s+maken|(?:geheel\s+)?af\s+te\s+wijzen|openbaarmaking\s+te\s+weigeren"
        ),
    ),
    (
        "openbaar",
        re.compile(
            r"(?i)(?:geheel\s+|volledig\s+)?openbaar\s+te\s+maken|toe\s+te\s+wijzen|in\s+te\s+willigen"
        ),
    ),
)
_REQUEST_WORD = re.compile(r"(?i)\b(?:wob|woo)[- ]?verzoek|\bverzoek\s+om\s+informatie")
_DECIDES = re.compile(r"(?i)\bbesl(?:oten|uit|issing)\b")
_FULL_DATE = re.compile(rf"(?i)\b{_DATE}\b")
_SALUTATION = re.compile(r"(?im)^[ \t]*(?:geachte|beste)\b")
# Anonymised exports lose the salutation; the letterhead still shows it is a letter.
_LETTER_SIGN = re.compile(
    r"(?im)^[ \t#*]*(?:geachte|beste|retouradres\b|(?:ons|uw)\s+kenmerk\b|hoogachtend)"
)
# "artikel 10 van de Wob", "artikelen 10 en 11 Wob", "artikel 5.1, tweede lid, van de Woo"
_ARTICLES = re.compile(
    r"(?i)\bartikel(?:en)?\s+(?P<list>\d+(?:\.\d+)?(?:\s*(?:,|en|of)\s*\d+(?:\.\d+)?)*)"
    r"(?P<rest>[^.;]{0,80}?)\b(?P<law>wob|woo|wet\s+openbaarheid\s+van\s+bestuur|wet\s+open\s+overheid)\b"
)
_ARTICLE_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# Without the law's name, only the ground articles are unmistakable in a decision letter.
_GROUND_ARTICLES = re.compile(
    r"(?i)\bartikel(?:en)?\s+(?P<list>(?:10|11|5\.[12])(?:\s*(?:,|en|of)\s*(?:10|11|5\.[12]))*)\b"
    r"(?![.,]?\d|\s*(?:,\s*)?(?:lid|\w+\s+lid)\b[^.]{0,60}\b(?:awb|bw)\b)"
)
# The sentence that carries the decision ("Ik heb besloten …", "Besluit: …").
_DECIDED = re.compile(
    r"(?is)(?:besloten|besluit(?:\s*:|\s+ik|\s+het)|mijn\s+beslissing)[^.]{0,400}\."
)


def is_decision_letter(subject: str, text: str) -> bool:
    """Says so in its subject, or is a letter whose opening says so or answers a
    request and decides.  Annexes name the decision they belong to ("Bijlage 1
    bij besluit Woo-verzoek …") but are no letters: they greet nobody and have
    no return address or "Ons kenmerk"."""
    if _DECISION.search(subject):
        return True
    opening = text[:5000]
    if _LETTER_SIGN.search(opening) is None:
        return False
    if _DECISION.search(opening):
        return True
    return bool(_REQUEST_WORD.search(subject + "\n" + opening) and _DECIDES.search(opening))


def decision_fields(
    text: str, document_date: str | None, grounds: Iterable[Ground]
) -> dict[str, str]:
    """The decision letter's own fields; only those that were found."""
    fields: dict[str, str] = {}
    decided = document_date or _letter_date(text)
    if decided:
        fields["decision_date"] = decided
    request = _request_date(text)
    if request is not None:
        fields["request_date"] = request
    outcome = decision_outcome(text)
    if outcome is not None:
        fields["outcome"] = outcome
    codes = sorted({g.code for g in grounds}, key=_code_order)
    if codes:
        fields["grounds_cited"] = ", ".join(codes)
    articles = articles_cited(text)
    if articles:
        fields["articles_cited"] = ", ".join(articles)
    return fields


def _letter_date(text: str) -> str | None:
    """The letter's own date where no letterhead gave one: the first full date
    above the salutation (column layouts print it far below "Datum")."""
    salutation = _SALUTATION.search(text)
    head = text[: salutation.start()] if salutation else text[:1500]
    for match in _FULL_DATE.finditer(head):
        parsed = parse_date(match.group(0))
        if parsed.value is not None:
            return parsed.value.date().isoformat()
    return None


def articles_cited(text: str) -> list[str]:
    """Articles of the Wob and Woo that the letter names, with the law:
    ``["Wob 10", "Wob 11"]``."""
    found: dict[str, None] = {}
    for match in _ARTICLES.finditer(text):
        law = "Woo" if match["law"].lower() in ("woo", "wet open overheid") else "Wob"
        for number in _ARTICLE_NUMBER.findall(match["list"]):
            found[f"{law} {number}"] = None
    for match in _GROUND_ARTICLES.finditer(text):
        for number in _ARTICLE_NUMBER.findall(match["list"]):
            found[f"{'Woo' if number.startswith('5') else 'Wob'} {number}"] = None
    return sorted(found, key=lambda a: (a.split()[0], _code_order(a.split()[1])))


def _request_date(text: str) -> str | None:
    for match in _REQUEST_DATE.finditer(text):
        written = match["a"] or match["b"] or match["c"]
        parsed = parse_date(written)
        if parsed.value is not None:
            return parsed.value.date().isoformat()
    return None


def decision_outcome(text: str) -> str | None:
    """The outcome in the sentence that decides, else anywhere in the letter."""
    for sentence in _DECIDED.finditer(text):
        for outcome, pattern in _OUTCOMES:
            if pattern.search(sentence.group(0)):
                return outcome
    for outcome, pattern in _OUTCOMES:
        if pattern.search(text):
            return outcome
    return None


def _code_order(code: str) -> tuple[tuple[int, ...], str]:
    return tuple(int(part) for part in re.findall(r"\d+", code)) or (999,), code
