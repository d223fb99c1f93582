"""E-mail addresses and phone numbers of people.

The personal part of an address is proposed, its domain stays visible: it tells
the reader which organisation wrote (``anna.devries@minvws.nl`` → the local
part only).  Functional mailboxes (``info@``, ``secretariaat-dmo@``) are found
with score 0: kept.  Phone numbers are read with Google's libphonenumber
(``phonenumbers``) inside windows a cheap pattern finds; a switchboard or
service number is kept, a mobile number never is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

import phonenumbers
from phonenumbers import PhoneNumberType

from inzage.detect.personal.base import PersonalRecogniser, TextContext, local_part_name
from inzage.model import Finding
from inzage.recognisers.vocabulary import alternation, vocabulary

_ADDRESS = re.compile(
    r"(?<![\w.+%'-])(?P<local>\w(?:[\w.%+'-]*\w)?)"
    r"@(?P<domain>[^\W_](?:[\w-]*[^\W_])?(?:\.[\w-]+)*\.[A-Za-z]{2,})"
)


@cache
def _mailboxes() -> frozenset[str]:
    return frozenset(w.lower() for w in vocabulary().functional_mailboxes)


def is_functional(local: str) -> bool:
    """``info``, ``woo-verzoeken``, ``secretariaat-dmo``, ``noreply``: a mailbox
    of a function or a team, not of a person."""
    local = local.lower()
    first = re.split(r"[-._+]", local, maxsplit=1)[0]
    return local in _mailboxes() or first in _mailboxes()


def _around_at_signs(text: str) -> Iterator[re.Match[str]]:
    """The addresses in ``text``, searched only around its @ signs (a scan of
    the whole text for a local part costs more than all the @ signs)."""
    at = text.find("@")
    searched_to = 0
    while at != -1:
        start = max(searched_to, at - 100)
        match = _ADDRESS.search(text, start, min(len(text), at + 256))
        while match is not None and match.end("local") < at:
            match = _ADDRESS.search(text, match.end(), min(len(text), at + 256))
        if match is not None and match.start("local") <= at <= match.end("local") + 1:
            yield match
            searched_to = match.end()
        at = text.find("@", max(at + 1, searched_to))


class EmailAddressRecogniser(PersonalRecogniser):
    """The local part of an e-mail address; the domain is kept."""

    name = "personal.email"
    entities = ("email",)

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        text = context.text
        if "@" not in text:
            return
        for match in _around_at_signs(text):
            local = match["local"]
            start, end = match.span("local")
            letters = sum(ch.isalpha() for ch in local)
            if letters < 2 or letters < len(local) / 2:
                continue  # "r@", "2021_05_08_21_09@", "_____@": no readable person
            if is_functional(local):
                yield self.finding("email", start, end, "functional mailbox", score=0.0)
                continue
            yield self.finding(
                "email",
                start,
                end,
                "e-mail local part; domain kept",
                value=local_part_name(local),
            )


# A window that may hold phone numbers: a +, 00 or 0 and then digits with the
# separators people write.  libphonenumber decides what is a number inside it.
# "+", "(0" or "0" first, the look-behind after it (a leading look-behind is
# tried at every position; a leading character set is skipped to).
_WINDOW = re.compile(r"[+(0](?<![\w+/.,-].)(?:(?<=[+0])|(?<=\()0)[\d \t().\-/]{7,40}\d(?![\w-])")
_DATE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
_HOUR_AFTER = re.compile(r"[:.]\d{2}(?!\d)")
_SERVICE = {
    PhoneNumberType.TOLL_FREE: "free service number",
    PhoneNumberType.PREMIUM_RATE: "paid service number",
    PhoneNumberType.SHARED_COST: "service number",
    PhoneNumberType.UAN: "organisation number",
}


@cache
def _switchboard_cue() -> re.Pattern[str]:
    return re.compile(rf"(?i)\b(?:{alternation(list(vocabulary().switchboard_cues))})\b")


@lru_cache(maxsize=4096)
def _numbers_in(window: str) -> tuple[tuple[int, int, int, str], ...]:
    """The phone numbers in one window of digits: start, end, number type and
    E.164 form, less those inside a date.  Kept for the next time the same
    window stands somewhere (a signature's line recurs all over a dossier):
    parsing is what a phone number costs."""
    dates = [d.span() for d in _DATE.finditer(window)]
    return tuple(
        (
            match.start,
            match.end,
            phonenumbers.number_type(match.number),
            phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164),
        )
        for match in phonenumbers.PhoneNumberMatcher(
            window, "NL", leniency=phonenumbers.Leniency.VALID
        )
        if not any(low < match.end and match.start < high for low, high in dates)
    )


class PhoneNumberRecogniser(PersonalRecogniser):
    """Phone numbers in Dutch and international forms (``06-12345678``,
    ``+31 (0)6 1234 5678``, ``070 340 79 11``).  A number on a line that says
    it is an organisation's (``algemeen``, ``centrale``) and service numbers
    (0800, 0900, 14 0xx) are found with score 0: kept."""

    name = "personal.phone"
    entities = ("phone",)

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        text = context.text
        for window in _WINDOW.finditer(text):
            for low, high, kind, value in _numbers_in(window.group()):
                start, end = window.start() + low, window.start() + high
                if _HOUR_AFTER.match(text, end):
                    continue  # "12-06-2020 10:20" is a date and an hour
                if kind in _SERVICE:
                    yield self.finding("phone", start, end, _SERVICE[kind], score=0.0, value=value)
                elif kind != PhoneNumberType.MOBILE and self._switchboard(text, start):
                    yield self.finding(
                        "phone", start, end, "switchboard number", score=0.0, value=value
                    )
                else:
                    reason = "mobile number" if kind == PhoneNumberType.MOBILE else "phone number"
                    yield self.finding("phone", start, end, reason, value=value)

    @staticmethod
    def _switchboard(text: str, start: int) -> bool:
        line_start = text.rfind("\n", max(0, start - 200), start) + 1
        return _switchboard_cue().search(text, line_start, start) is not None
