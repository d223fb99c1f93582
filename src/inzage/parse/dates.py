"""Dates as e-mail headers and letterheads write them, read into aware datetimes.

Formats (``formats.md`` §2): ``Tue 6/9/2020 9:05:12 AM`` (English export, month
first, 12-hour clock), ``dinsdag 9 juni 2020 10:20``, ``donderdag 03 sep. 2020
4:07 PM``, ``3 september 2020 om 16:07``, ``do 3-9-2020 16:07``, ``Tuesday, June 9,
2020 9:05 AM``, German as a quoted German client writes it (``Donnerstag, 16. Januar
2020 um 12:19``), RFC 2822 (``Tue, 9 Jun 2020 09:05:12 +0200``) and ISO 8601.

A zone written in the text (``CEST``, ``+0200``, ``Z``) wins.  Otherwise the
caller says which zone to assume: archive exports write their top-level
"Sent" in UTC, quoted Dutch headers are local time in Europe/Amsterdam (with
daylight saving).  An impossible date (31 February) is a warning, never an
exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from inzage.model import ZoneAssumption

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
_ZONES: dict[ZoneAssumption, tzinfo] = {"UTC": UTC, "Europe/Amsterdam": AMSTERDAM}

MONTHS = {
    **dict.fromkeys(["januari", "jan", "january", "januar"], 1),
    **dict.fromkeys(["februari", "feb", "february", "februar"], 2),
    **dict.fromkeys(["maart", "mrt", "mar", "march", "märz", "maerz"], 3),
    **dict.fromkeys(["april", "apr"], 4),
    **dict.fromkeys(["mei", "may", "mai"], 5),
    **dict.fromkeys(["juni", "jun", "june"], 6),
    **dict.fromkeys(["juli", "jul", "july"], 7),
    **dict.fromkeys(["augustus", "aug", "august"], 8),
    **dict.fromkeys(["september", "sep", "sept"], 9),
    **dict.fromkeys(["oktober", "okt", "oct", "october"], 10),
    **dict.fromkeys(["november", "nov"], 11),
    **dict.fromkeys(["december", "dec", "dezember", "dez"], 12),
}
_DAY_NAMES = (
    r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    r"ma|di|wo|do|vr|za|zo|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?"
)
# A comma after the month is how date stamps print it ("19 APR, 2019").
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?,?"
# OCR reads a stamp's wide digits apart ("0 4 SEP. 2020"): two digits with a
# space between are one day only before a month in capitals, as stamps print it.
_DAY = r"(?P<day>\d\s\d(?=\s*(?-i:[A-Z]{3}))|\d{1,2})"
_TIME = (
    r"(?:\s*,?\s*(?:om|at|à|um)?\s*(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?"
    r"\s*(?:u(?:ur)?\b)?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
)
_ZONE = r"(?:\s*\(?(?P<zone>UTC|GMT|CES?T|Z|[+-]\d{2}:?\d{2})\)?)?"
_PATTERNS = {
    # 9 juni 2020 10:20, 03 sep. 2020 4:07 PM, 3 september 2020 om 16:07
    "day-month-name": re.compile(
        # Text layers drop the space between day, month and year ("4 december2020").
        rf"(?:{_DAY_NAMES}\s*)?{_DAY}\.?\s*{_MONTH}\s*(?P<year>\d{{4}}){_TIME}{_ZONE}",
        re.IGNORECASE,
    ),
    # Tuesday, June 9, 2020 9:05 AM
    "month-name-day": re.compile(
        rf"(?:{_DAY_NAMES}\s*)?{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}}){_TIME}{_ZONE}",
        re.IGNORECASE,
    ),
    # 6/9/2020 9:05:12 AM, 3-9-2020 16:07, 2020-06-09 09:05
    "numeric": re.compile(
        rf"(?:{_DAY_NAMES}\s*)?(?P<a>\d{{1,4}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?P<c>\d{{2,4}})"
        rf"(?:T|\s+)?{_TIME}{_ZONE}",
        re.IGNORECASE,
    ),
}


_A_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class ParsedDate:
    value: datetime | None
    zone_assumed: ZoneAssumption | None = None
    warning: str | None = None


def parse_date(
    text: str, assume: ZoneAssumption = "Europe/Amsterdam", month_first: bool = False
) -> ParsedDate:
    """Read the first date in ``text``.

    ``month_first`` reads ``6/9/2020`` as June 9 (English exports); a first
    number over 12 overrides it, with a warning.  Without a time the date is
    taken at midnight.
    """
    if not _A_DIGIT.search(text):
        # Every pattern holds a year's digits, and each starts with an optional
        # day name: without this test each is tried at every position.
        return ParsedDate(None, warning="no date found")
    for kind, pattern in _PATTERNS.items():
        match = pattern.search(text)
        if match is None:
            continue
        try:
            year, month, day, warning = _ymd(kind, match, month_first)
        except ValueError as exc:
            return ParsedDate(None, warning=str(exc))
        return _with_time(match, year, month, day, assume, warning)
    return ParsedDate(None, warning="no date found")


def is_date(text: str) -> bool:
    """Whether ``text`` holds a possible date, day or month first (``5/13/2020``
    is only a date month first)."""
    return (
        parse_date(text).value is not None or parse_date(text, month_first=True).value is not None
    )


def _ymd(kind: str, match: re.Match[str], month_first: bool) -> tuple[int, int, int, str | None]:
    if kind != "numeric":
        day = int(re.sub(r"\s", "", match["day"]))
        return int(match["year"]), MONTHS[match["month"].lower()], day, None
    a, b, c = match["a"], match["b"], match["c"]
    if len(a) == 4:
        return int(a), int(b), int(c), None
    year = int(c) + (2000 if len(c) == 2 else 0)
    first, second = int(a), int(b)
    if month_first and first <= 12:
        return year, first, second, None
    if month_first:
        return year, second, first, f"day and month swapped in {match.group(0).strip()!r}"
    return year, second, first, None


def _with_time(
    match: re.Match[str],
    year: int,
    month: int,
    day: int,
    assume: ZoneAssumption,
    warning: str | None,
) -> ParsedDate:
    hour = int(match["hour"]) if match["hour"] else 0
    minute = int(match["minute"]) if match["minute"] else 0
    second = int(match["second"]) if match["second"] else 0
    ampm = (match["ampm"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        naive = datetime(year, month, day, hour, minute, second)
    except ValueError:
        written = match.group(0).strip()
        return ParsedDate(None, warning=f"impossible date {written!r}")
    zone = match["zone"]
    explicit = _explicit_zone(zone) if zone else _ZONES[assume]
    if explicit is None:
        written = match.group(0).strip()
        return ParsedDate(None, warning=f"impossible time zone in {written!r}")
    moment = naive.replace(tzinfo=explicit)
    try:
        moment.astimezone(UTC)
    except OverflowError:  # the first or last hours of year 1 or 9999
        written = match.group(0).strip()
        return ParsedDate(None, warning=f"impossible date {written!r}")
    return ParsedDate(moment, None if zone else assume, warning)


def _explicit_zone(zone: str) -> tzinfo | None:
    """The zone a date names, or ``None`` for an offset no clock has (+9999)."""
    upper = zone.upper()
    if upper in ("UTC", "GMT", "Z"):
        return UTC
    if upper in ("CET", "CEST"):
        # The abbreviation only says Amsterdam's offset; the rules give the same.
        return timezone(timedelta(hours=2 if upper == "CEST" else 1))
    sign = -1 if zone.startswith("-") else 1
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 14 or minutes >= 60:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))
