"""Decision letters on Wob and Woo requests: dates, outcome and the grounds cited.

A letter is a decision letter when its subject or opening says so ("Besluit op
uw Woo-verzoek", "Beslissing op uw verzoek om informatie", "Wob-besluit").  Its
``fields`` then gain ``decision_date`` (the letter's date: beside "Datum", a
date stamp in the margin, the first date above the salutation, or the "Datum"
line that every page repeats), ``request_date``, ``outcome`` (openbaar, deels
openbaar, niet openbaar, geen documenten) and ``grounds_cited``: every ground
the letter names, as a marker or in a sentence, in any notation.

The request date is the earliest date at which the letter says the requester
asked or the request came in: "uw verzoek van 2 januari 2023", "In uw bericht
van …", "Op 13 juli 2020 heeft u … verzocht", "Bij brief van …, ontvangen op
…, verzoekt u", "verzoek om informatie d.d. 3-4-2023", "Op 4 december 2020
hebben wij uw verzoek ontvangen".  Letters also date the acknowledgement, the
postponement and later specifications of the request: those are not the
request, and a specification never predates it.  A date without a year
("6 februari jl.") is the last such day on or before the letter's date,
unless a full date beside it in its sentence gives the year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime

from inzage.model import Document, Ground
from inzage.parse.dates import AMSTERDAM, MONTHS, parse_date

_DECISION = re.compile(
    r"(?i)\b(?:besluit|beslissing)\s+op\s+(?:uw|het|een)\s+(?:\w+\s+)?(?:wob|woo)?[- ]?verzoek|"
    r"\b(?:wob|woo)[- ]?besluit|\bbeslissing\s+op\s+(?:uw\s+)?(?:verzoek|bezwaar)|"
    r"\bdeelbesluit\b"
)
# A subject that names the decision without "op uw" ("Besluit Wob-verzoek …",
# "Besluit inzake Wob-verzoek …"); an annex says whose it is ("Bijlage 1 bij
# besluit Woo-verzoek …").
_DECISION_SUBJECT = re.compile(
    r"(?i)(?<!\bbij\s)(?<!\bbij\shet\s)\b(?:besluit|beslissing)\s+"
    r"(?:(?:op|inzake|over|betreffende)\s+)?(?:(?:uw|het|een)\s+)?(?:wob|woo)[- ]?verzoek"
)
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# A written date as text layers and OCR leave it: the year may be glued on
# ("4 december2020"), a stamp's wide day read apart ("0 4 SEP. 2020"), and a
# letter may leave the year out ("6 februari jl."); a month is a whole word.
_WRITTEN = (
    r"(?<!\d)(?:\d\s\d(?=\s*(?-i:[A-Z]{3}))|\d{1,2})\.?\s*(?:" + _MONTH_NAMES + r")(?![^\W\d])"
    r"\.?,?(?:\s*\d{4}(?!\d))?"
)
_NUMERIC = r"(?<!\d)\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})(?!\d)"
_DATE = rf"(?:{_WRITTEN}|{_NUMERIC})"
_YEARLESS = re.compile(
    rf"(?i)(?P<day>\d\s\d|\d{{1,2}})\.?\s*(?P<month>{_MONTH_NAMES})(?![^\W\d])\.?,?\s*$"
)
# What a requester writes to ask: the request itself, or the letter or mail it came in.
_NOUN = (
    r"(?:(?:wob|woo)[- ]?verzoek|informatieverzoek|openbaarmakingsverzoek|"
    r"verzoek(?:\s+om\s+(?:informatie|openbaarmaking))?|brief|(?:e-?)?mail(?:bericht)?|bericht|"
    r"schrijven|aanvraag|(?:web)?formulier)"
)
# The requester's own request, letter or mail, dated where it is named, in
# any sentence ("De ontvangst van uw verzoek van 3 maart is bevestigd …").
_REQUEST_NAMED = re.compile(
    # "uw brief van 3 maart", "uw verzoek, ontvangen op 3 maart", "uw brief 3 maart"
    rf"(?is)\buw\s+{_NOUN}(?:\s*\([^)]{{0,80}}\))?\s*,?\s+(?:(?:van|d\.\s?d\.?|gedateerd|op|"
    rf"(?:ingediend|verzonden|ontvangen)\s+op)\s+)?(?P<date>{_DATE})"
    # "Uw verzoek in het kader van de Wob d.d. 5 september 2018"
    rf"|\b(?:uw\s+{_NOUN}|(?:het|dit)\s+(?:(?:wob|woo)[- ]?)?verzoek)\b"
    rf"(?:(?!verzoek|\d)[^.;]){{0,80}}?\bd\.\s?d\.?\s+(?P<dd>{_DATE})"
    # "Wob-verzoek d.d. 3-4-2023", never a "handhavingsverzoek d.d. …"
    rf"|\b(?:(?:wob|woo)[- ]?)?verzoek(?:\s+om\s+informatie)?\s+d\.\s?d\.?\s+(?P<bare>{_DATE})"
    rf"|\b(?:verzoek|aanvraag)\b[^.;\d]{{0,40}}?\b(?:ingediend|ontvangen|binnengekomen)\s+op\s+"
    rf"(?P<received>{_DATE})"
    rf"|\bdatum\s+(?:van\s+)?(?:uw\s+|het\s+)?(?:verzoek|aanvraag)\s*:?\s+(?P<label>{_DATE})"
    # "Beslissing op wob-verzoek 3 maart 2022"
    rf"|\b(?:wob|woo)[- ]?verzoek\s+(?P<plain>{_DATE})"
)
# In a sentence that says the requester asked ("Bij brief van … heeft u …
# verzocht", "Op … diende u een verzoek in") or that the request came in ("Op
# … hebben wij uw verzoek ontvangen"), the dates before the verb date it;
# those after it are what was asked for ("… verzocht om de notulen van 3 mei").
_REQUESTER = re.compile(
    r"(?i)\b(?:heeft|hebt|had|verzoekt|vraagt|diende|deed|verzocht|vroeg)\s+u\b|"
    r"\bu\s+(?:heeft|hebt|had|verzoekt|vraagt|diende|deed)\b|^\W*u\s+(?:verzocht|vroeg)\b"
)
_ASKED = re.compile(
    r"(?i)\b(?:verzocht|verzoekt|gevraagd|vraagt|vroeg|ingediend|diende|indiende|aangevraagd)\b"
)
_RECEIVED = re.compile(r"(?i)\bontv(?:ing|ingen|angen)\b")
# "uw brief", "uw (aangetekende) brief", "van u een bezwaarschrift"
_THEIR_NOUN = re.compile(
    rf"(?i)\b(?:uw|van\s+u\s+een)\s+(?:\([^)]{{0,40}}\)\s*|\w+\s+)?"
    rf"(?:{_NOUN}|bezwaar(?:schrift)?)\b"
)
# A date that dates an act ("op 3 maart", "bij brief van 3 maart", "d.d. 3
# maart", "tussen 2 juni en …"), not a period ("vanaf", "tot en met").
_ACT_DATE = re.compile(
    rf"(?i)(?:\bop|\b(?:brief|(?:e-?)?mail(?:bericht)?|bericht|schrijven|formulier)\s+van|"
    rf"\bd\.\s?d\.?|\btussen|\bgedateerd)\s+(?P<date>{_DATE})"
)
# Sentences about the acknowledgement, a postponement, an earlier or another request.
_NOT_THE_REQUEST = re.compile(
    r"(?i)bevestig|verdaag|verdaging|verleng|opgeschort|opschort|\beerder|\bvorige?\b|"
    r"\bsoortgelijk|\b(?:ook|nog)\s+een\b[^.;]{0,30}?verzoek|"
    r"\b(?:ander|andere|nieuw|nieuwe|tweede|derde|aanvullend|aanvullende|apart|aparte)\s+"
    r"(?:(?:wob|woo)[- ]?)?verzoek"
)
# Where the letter's account of the request ends: the request it decides on
# is introduced before the decision; one cited later (in a quoted request, a
# list of earlier requests) is another, unless the opening cites none.
_DECISION_HEADING = re.compile(
    r"(?im)^[ \t#*]*(?:beslissing|besluit|wettelijk\s+kader|overwegingen|inventarisatie|"
    r"zienswijzen?|motivering|beoordeling|afweging)[ \t*:]*$"
)
# An objection ("Bij brief van … heeft u bezwaar gemaakt") dates the request
# only where the letter cites no request of its own.
_OBJECTION = re.compile(r"(?i)\bbezwaar")
# Another kind of request, asked for before ("Op … heeft u een
# handhavingsverzoek ingediend"): its date is not the Woo request's.
_OTHER_REQUEST = re.compile(
    r"(?i)\b(?!(?:wob|woo|informatie|openbaarmakings?)verzoek)[^\W\d]+verzoek"
)
# Sentence ends, but not the dots of "d.d.", "jl.", "nr." and initials; a
# salutation line ends the letterhead, and a heading its paragraph.  Blank
# lines end nothing: converted text breaks sentences with them.
_SENTENCE_END = re.compile(
    r"(?<!\bd\.d)(?<!\bjl)(?<!\bnr)(?<!\bo\.a)(?<!\bart)(?<!\b(?-i:[A-Z]))[.!?;](?=\s)|"
    r"^[ \t]*(?:geachte|beste|#{1,6}[ \t])[^\n]*$",
    re.MULTILINE | re.IGNORECASE,
)
# The letter's own date: beside "Datum", or below a "Datum" that stands alone
# (column layouts print the values after the labels, past the salutation).
_DATUM_VALUE = re.compile(rf"(?im)^[ \t>.]*datum[ \t]*:?[ \t]+(?P<date>{_DATE})")
_DATUM_ALONE = re.compile(r"(?im)^[ \t>.]*datum[ \t]*:?[ \t]*$")
_DATE_LINE = re.compile(rf"(?im)^[ \t]*(?P<date>{_DATE})[ \t]*$")
_LABEL_REACH = 25  # lines below a lone "Datum" where its value may stand
_STAMP_MONTHS = "|".join(sorted({m.upper() for m in MONTHS}, key=len, reverse=True))
# A date stamp in the margin: a month in capitals ("19 APR, 2019", "0 4 SEP. 2020").
_STAMP = re.compile(
    rf"(?<!\d)(?P<date>(?:\d\s?\d|\d)\s*(?:{_STAMP_MONTHS})(?![A-Za-z])[.,]?\s*\d{{4}})(?!\d)"
)
_NAMED_GROUPS = ("date", "dd", "bare", "received", "label", "plain")
_BESIDE_A_DATE = 3  # words on a letter date's line: a place, "Datum"
_SENTENCE_REACH = 600  # characters back to look for the start of a date's sentence
_REQUEST_SPAN_DAYS = 3 * 365  # how far a letter's request dates lie apart at most
_FIRST_PAGE = 4000  # characters searched for the letter's date or a stamp
_HEADER_DATE = re.compile(rf"(?i)\bdatum\s*:?\s+(?P<date>{_DATE})")
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
_ANY_DATE = re.compile(rf"(?i){_DATE}")
_SALUTATION = re.compile(r"(?im)^[ \t]*(?:geachte|beste)\b")
# Anonymised exports lose the salutation; the letterhead still shows it is a letter.
_LETTER_SIGN = re.compile(
    r"(?im)^[ \t#*>]*(?:geachte|beste|retouradres\b|(?:ons|uw)\s+kenmerk\b|"
    r"(?:onze|uw)\s+referentie\b|hoogachtend)"
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
    if _DECISION.search(subject) or _DECISION_SUBJECT.search(subject):
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
    request = request_date(text, date.fromisoformat(decided) if decided else None)
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


def dated_by_running_headers(document: Document, text: str) -> None:
    """A decision letter whose "Datum" line comes back atop every page lost it
    to the running headers (``document.running_headers``) on its first page
    too; without another date, the one date those headers carry is the
    letter's date, and the document's date where it has none.  ``text`` is the
    reading text that ``document.span`` points into."""
    if document.kind != "letter" or "decision_date" in document.fields:
        return
    body = text[document.span.start : document.span.end]
    # Not by its title: by now that can be a publication's, which its annexes share.
    if not is_decision_letter("", body):
        return
    decided = running_header_date(document.running_headers)
    if decided is None:
        return
    document.fields["decision_date"] = decided
    # Read again with the letter's date: it bounds the request and gives a year
    # to a date written without one.
    request = request_date(body, date.fromisoformat(decided))
    if request is not None:
        document.fields["request_date"] = request
    if "document_date" not in document.fields:
        document.fields["document_date"] = decided
    if document.date is None:
        document.date = datetime.fromisoformat(decided).replace(tzinfo=AMSTERDAM)


def running_header_date(headers: Iterable[str]) -> str | None:
    """The date of the "Datum …" running headers, when they agree on one."""
    dates = {
        value
        for header in headers
        for match in _HEADER_DATE.finditer(header)
        if (value := _date_value(match["date"], None)) is not None
    }
    return dates.pop().isoformat() if len(dates) == 1 else None


def _letter_date(text: str) -> str | None:
    """The letter's own date where no letterhead gave one: beside "Datum", or
    on a line of its own below a "Datum" that stands alone; else a date stamp
    in the margin of the first page; else the first full date above the
    salutation (column layouts print it far below "Datum") that dates no
    request."""
    page = text[:_FIRST_PAGE].split("\f", 1)[0]
    for found in (_beside_datum(page), _stamp_date(page), _above_salutation(text)):
        if found is not None:
            return found.isoformat()
    return None


def _beside_datum(page: str) -> date | None:
    for match in _DATUM_VALUE.finditer(page):
        if (value := _date_value(match["date"], None)) is not None:
            return value
    for label in _DATUM_ALONE.finditer(page):
        below = page[label.end() :].split("\n", _LABEL_REACH + 1)[1 : _LABEL_REACH + 1]
        for line in below:
            alone = _DATE_LINE.match(line)
            if alone and (value := _date_value(alone["date"], None)) is not None:
                return value
    return None


def _stamp_date(page: str) -> date | None:
    for match in _STAMP.finditer(page):
        if (value := _date_value(match["date"], None)) is not None:
            return value
    return None


def _above_salutation(text: str) -> date | None:
    """A date on a line of its own or beside a place ("Den Haag, 3 maart
    2031"): a date inside a sentence dates what the sentence tells (a text
    layer can put the first paragraph above the letterhead)."""
    salutation = _SALUTATION.search(text)
    head = text[: salutation.start()] if salutation else text[:1500]
    requests = [(m.start(), m.end()) for m in _REQUEST_NAMED.finditer(head)]
    for match in _ANY_DATE.finditer(head):
        if any(start <= match.start() < end for start, end in requests):
            continue
        before = head[head.rfind("\n", 0, match.start()) + 1 : match.start()]
        after = head[match.end() :].split("\n", 1)[0]
        if len((before + " " + after).split()) > _BESIDE_A_DATE:
            continue
        if (value := _date_value(match.group(0), None)) is not None:
            return value
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


def request_date(text: str, decided: date | None = None) -> str | None:
    """The date of the request the letter decides on (see the module's
    docstring), or ``None``.  ``decided`` is the letter's date: a request
    cannot come after it, and a date without a year is read against it."""
    cited = set(_request_dates(text, decided))
    heading = _DECISION_HEADING.search(text)
    opening = heading.start() if heading else len(text)
    tiers = (
        [day for day, objection, at in cited if not objection and at < opening],
        [day for day, objection, _ in cited if not objection],
        [day for day, _, _ in cited],
    )
    for candidates in tiers:
        if candidates:
            return min(_plausible(candidates, decided)).isoformat()
    return None


def _plausible(candidates: list[date], decided: date | None) -> list[date]:
    """A request comes before the letter that decides on it, within a few
    years: a date after the letter, or years before the others, is a typo
    ("herhaald op 4 mei 2011" in a letter of 2021) or another matter."""
    before = [d for d in candidates if decided is None or d <= decided] or candidates
    latest = max(before)
    recent = [d for d in before if (latest - d).days <= _REQUEST_SPAN_DAYS]
    return recent


def _request_dates(text: str, decided: date | None) -> Iterator[tuple[date, bool, int]]:
    """Each date the letter gives the request, whether it dates an objection,
    and where it is written."""
    for match in _REQUEST_NAMED.finditer(text):
        group = next(g for g in _NAMED_GROUPS if match[g])
        value = _request_day(match[group], text, match.start(group), decided)
        if value is not None:
            yield value, False, match.start(group)
    for start, sentence in _sentences(text):
        dates, objection = _act_dates(sentence)
        for found in dates:
            at = start + found.start("date")
            value = _request_day(found["date"], text, at, decided)
            if value is not None:
                yield value, objection, at


def _act_dates(sentence: str) -> tuple[list[re.Match[str]], bool]:
    """The dates that date the requester's asking or the request's receipt in
    one sentence (those before its verb), and whether it asked by objecting.
    With the requester as subject only asking counts: "heeft u de beslissing
    ontvangen" is no receipt of the request."""
    if _NOT_THE_REQUEST.search(sentence):
        return [], False
    if _REQUESTER.search(sentence):
        verb = _ASKED.search(sentence)
    elif _THEIR_NOUN.search(sentence):
        verb = _RECEIVED.search(sentence)
    else:
        return [], False
    if verb is None or _OTHER_REQUEST.search(sentence, 0, verb.start()):
        return [], False
    objection = _OBJECTION.search(sentence, 0, verb.end()) is not None
    return list(_ACT_DATE.finditer(sentence, 0, verb.start())), objection


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for end in _SENTENCE_END.finditer(text):
        yield start, text[start : end.start()]
        start = end.end()
    yield start, text[start:]


def _date_value(written: str, reference: date | None, after: bool = False) -> date | None:
    """A written date; one without a year is the last such day on or before
    ``reference``, or with ``after`` the first on or after it (none without
    a reference)."""
    yearless = _YEARLESS.match(written.strip())
    if yearless is None:
        parsed = parse_date(written)
        return parsed.value.date() if parsed.value is not None else None
    if reference is None:
        return None
    day = int(re.sub(r"\s", "", yearless["day"]))
    month = MONTHS[yearless["month"].lower()]
    step = 1 if after else -1
    for year in range(reference.year, reference.year + 9 * step, step):  # 29 February
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if (candidate >= reference) if after else (candidate <= reference):
            return candidate
    return None


def _request_day(written: str, text: str, at: int, decided: date | None) -> date | None:
    """A request date written at ``at``.  One without a year is read against a
    full date in its sentence: after one ("brief van 9 maart 2031, ontvangen
    op 11 maart"), before one ("22 juni, ontvangen op 23 juni 2031"); else it
    is the last such day on or before the letter's date."""
    if _YEARLESS.match(written.strip()) is None:
        return _date_value(written, None)
    reach = max(0, at - _SENTENCE_REACH)
    start = max((m.end() for m in _SENTENCE_END.finditer(text, reach, at)), default=reach)
    end_match = _SENTENCE_END.search(text, at)
    end = end_match.start() if end_match else len(text)
    earlier = [v for m in _ANY_DATE.finditer(text, start, at) if (v := _date_value(m[0], None))]
    if earlier:
        return _date_value(written, earlier[-1], after=True)
    for match in _ANY_DATE.finditer(text, at + len(written), end):
        if (later := _date_value(match[0], None)) is not None:
            return _date_value(written, later)
    return _date_value(written, decided)


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
