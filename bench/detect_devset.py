"""A labelled development set for personal-data detection, made from the real
released documents in ../shared/data/real/ (``uwv-woo/**/*.md``, ``vws-chunks/*.md``).

Real releases have their personal data redacted already: the redaction markers
that stood for a name, an e-mail address or a phone number (``Redaction.role``)
are put back as *invented* values, and each is a labelled span.  Identifiers
that the releases never show (BSN, IBAN, home address, postcode, date of
birth) are planted at sentence ends, with items that must stay visible (office
holders, functional mailboxes, switchboard numbers) as ``keep`` labels.

The set holds real text, so it is written to build/detect-devset/ (ignored by
git), never into the repository; without ../shared/data/real/ the script says
so and exits 0.  Names are drawn from several Faker locales on purpose: the
detector's lexicon is Faker's nl_NL and nl_BE name lists with a wider list of
first names from fourteen more locales (``inzage.detect.personal.lexicon``),
and a set built from those lists alone would measure the lexicon, not the
detector.  By default nl_NL stands for the Dutch names and six locales the
lexicon does not hold (Czech, Hungarian, Finnish, Swedish, Croatian, Slovak)
for names it need not know; ``--locales lexicon`` builds the set of
2026-12-03, whose six other locales the wider list now holds (the figure for
names the lexicon knows).

    .venv/bin/python bench/detect_devset.py [--budget 2500000] [--locales held-out|lexicon]
                                            [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from faker import Faker
from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

from inzage.errors import InputError
from inzage.model import Redaction, Source
from inzage.parse.dates import MONTHS as DUTCH_MONTHS
from inzage.pipeline import parse_path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "data" / "real"
OUT = ROOT / "build" / "detect-devset"
SEED = 14  # issue 14
# A record is one file, or a piece of a long file cut at a blank line.
PIECE_CHARACTERS = 30_000
# Planted items per character of a record (one per this many characters).
PLANT_EVERY = 1_000
LOCALES = {
    "held-out": ("nl_NL", "cs_CZ", "hu_HU", "fi_FI", "sv_SE", "hr_HR", "sk_SK"),
    "lexicon": ("nl_NL", "it_IT", "de_DE", "en_GB", "tr_TR", "fr_FR", "pl_PL"),
}
PARTICLES = ("van", "de", "van der", "van den", "van de", "ter", "ten", "van 't", "in 't", "den")
PARTICLE_WORDS = frozenset(w for p in PARTICLES for w in p.split()) | {"la", "le", "du", "da", "di"}
ROLES = ("name", "email", "phone")
GOVERNMENT_DOMAINS = (
    "minvws.nl",
    "uwv.nl",
    "rivm.nl",
    "rijksoverheid.nl",
    "minbzk.nl",
    "minszw.nl",
    "belastingdienst.nl",
    "denhaag.nl",
)
MAILBOXES = (
    "info",
    "woo",
    "woo-verzoeken",
    "secretariaat-dmo",
    "secretariaat-pg",
    "secretariaat-dgv",
    "pers",
    "communicatie",
    "helpdesk",
    "noreply",
)
OFFICES = (
    "minister",
    "staatssecretaris",
    "burgemeester",
    "wethouder",
    "minister-president",
    "Kamerlid",
)
# The Dutch month names in order: the parser's first name for each month.
_FIRST_NAME_OF = {number: name for name, number in reversed(DUTCH_MONTHS.items())}
MONTHS = tuple(_FIRST_NAME_OF[number] for number in range(1, 13))
AREA_CODES = ("010", "020", "030", "033", "035", "040", "043", "050", "053", "058", "070", "073")
BANKS = ("ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ")
_GREETING = re.compile(
    r"(?i)\b(?:beste|dag|hoi|hallo|hi|hey|lieve|goedemorgen|goedemiddag|dear)[ ,]*$"
)
_TITLE = re.compile(r"(?i)\b(?:heer|mevrouw|mevr\.|mw\.|dhr\.)\s*$")
_DOMAIN_AHEAD = re.compile(
    r"[ \t]*(?:\n[ \t]*)*(?=@[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b)"
)
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)][.!?]) (?=[A-Z])")


@dataclass(frozen=True)
class Label:
    """One labelled span of a generated text; ``origin`` and ``form`` say how
    it was made, so that errors can be counted per form."""

    start: int
    end: int
    kind: str
    action: str
    origin: str
    form: str


@dataclass
class Edit:
    """Replace ``[start, end)`` of the real text by ``text``; ``labels`` are
    offsets into ``text``."""

    start: int
    end: int
    text: str
    labels: list[Label] = field(default_factory=list)


@dataclass(frozen=True)
class Person:
    """An invented person: first name, surname with its particle, and where the
    first name comes from (to count recall per origin)."""

    first: str
    particle: str
    surname: str
    locale: str

    def full(self) -> str:
        return " ".join(p for p in (self.first, self.particle, self.surname) if p)

    def formal(self) -> str:
        """The surname as written without a first name: particle capitalised."""
        if not self.particle:
            return self.surname
        return f"{self.particle[0].upper()}{self.particle[1:]} {self.surname}"

    def local_part(self, style: int) -> str:
        first = ascii_word(self.first) or "x"
        last = ascii_word(self.particle + self.surname) or "x"
        if style == 0:
            return f"{first}.{last}"
        if style == 1:
            return f"{first[0]}.{last}"
        return f"{first}{last}"


def ascii_word(text: str) -> str:
    """Lower-case letters only, diacritics dropped (ı, ł and ß spelt out)."""
    text = text.replace("ı", "i").replace("ł", "l").replace("Ł", "L").replace("ß", "ss")
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", plain.lower())


class Inventor:
    """Invented values, all from one seeded random generator."""

    def __init__(self, seed: int, locales: tuple[str, ...]) -> None:
        self.random = random.Random(seed)
        self.locales = locales
        self.fakers = {locale: Faker(locale) for locale in locales}
        for index, faker in enumerate(self.fakers.values()):
            faker.seed_instance(seed + index)
        self.dutch = self.fakers["nl_NL"]

    def person(self) -> Person:
        locale = self.random.choice(self.locales)
        faker = self.fakers[locale]
        first = faker.first_name()
        surname_locale = locale if self.random.random() < 0.6 else self.random.choice(self.locales)
        surname = self.fakers[surname_locale].last_name()
        if surname_locale == "pl_PL" and surname == "Doe":
            surname = self.dutch.last_name()
        particle = ""
        if " " not in surname and self.random.random() < 0.4:
            particle = self.random.choice(PARTICLES)
        if " " in surname:  # nl_NL surnames may carry a particle already
            words = surname.split(" ")
            lead = 0
            while lead < len(words) - 1 and words[lead].lower() in PARTICLE_WORDS:
                lead += 1
            if lead:
                particle = " ".join(words[:lead]).lower()
                surname = " ".join(words[lead:])
            # else a double surname ("Goyaerts van Waderle") stays as written
        if self.random.random() < 0.1:
            other = self.fakers[self.random.choice(self.locales)].last_name().split(" ")[-1]
            surname = f"{surname}-{other}"
        return Person(first=first, particle=particle, surname=surname, locale=locale)

    def name_text(self, person: Person, before: str) -> tuple[str, int, int, str]:
        """A name for a marker, written as its context asks: the text, the
        labelled range in it, and the form."""
        if _TITLE.search(before):
            text = person.formal()
            return text, 0, len(text), "surname"
        if _GREETING.search(before) and self.random.random() < 0.8:
            return person.first, 0, len(person.first), "first"
        roll = self.random.random()
        if roll < 0.6:
            text = person.full()
            return text, 0, len(text), "full"
        if roll < 0.85:
            surname = " ".join(p for p in (person.particle, person.surname) if p)
            letters = self.random.choice((1, 1, 2))
            initials = person.first[0] + "".join(
                self.random.choice("ABCDEFGHJKLMNPRSTW") for _ in range(letters - 1)
            )
            text = "".join(f"{c}." for c in initials) + " " + surname
            return text, 0, len(text), "initials"
        return person.first, 0, len(person.first), "first"

    def phone(self, after_plus: bool) -> tuple[str, str]:
        r = self.random
        mobile = r.random() < 0.55
        digits = "".join(str(r.randrange(10)) for _ in range(8 if mobile else 7))
        if mobile:
            sub = f"{r.randrange(1, 6)}{digits[1:]}"
            forms: tuple[str, ...] = (
                f"06-{sub}",
                f"06 {sub}",
                f"06 - {sub[:4]} {sub[4:]}",
                f"+31 6 {sub}",
                f"+31 (0)6 {sub[:4]} {sub[4:]}",
                f"06{sub}",
            )
        else:
            area = r.choice(AREA_CODES)
            sub = f"{r.randrange(2, 10)}{digits[1:]}"
            forms = (
                f"{area}-{sub}",
                f"{area} {sub[:3]} {sub[3:5]} {sub[5:]}",
                f"{area} - {sub[:3]} {sub[3:]}",
                f"+31 {area[1:]} {sub}",
                f"+31 (0){area[1:]} {sub[:3]} {sub[3:]}",
            )
        choice = r.randrange(len(forms))
        text = forms[choice]
        if after_plus:
            text = text.removeprefix("+").lstrip()
            if not text.startswith("31"):
                text = "31 " + text[1:]
        return text, f"{'mobile' if mobile else 'landline'}-{choice}"

    def bsn(self) -> str:
        r = self.random
        while True:
            digits = [r.randrange(1, 10)] + [r.randrange(10) for _ in range(7)]
            total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
            check = total % 11
            if check < 10:
                number = "".join(map(str, [*digits, check]))
                if stdnum_bsn.is_valid(number):
                    return number

    def iban(self) -> tuple[str, str]:
        """A Dutch IBAN mostly, a Belgian or German one now and then; drawn again
        until python-stdnum accepts it (a Belgian bank code must exist)."""
        r = self.random
        roll = r.random()
        while True:
            if roll < 0.85:
                country = "NL"
                bban = r.choice(BANKS) + "".join(str(r.randrange(10)) for _ in range(10))
            elif roll < 0.93:
                base = "".join(str(r.randrange(10)) for _ in range(10))
                country, bban = "BE", base + f"{int(base) % 97 or 97:02d}"
            else:
                country, bban = "DE", "".join(str(r.randrange(10)) for _ in range(18))
            number = country + stdnum_iban.calc_check_digits(country + "00" + bban) + bban
            if stdnum_iban.is_valid(number):
                break
        if r.random() < 0.6:
            grouped = " ".join(number[i : i + 4] for i in range(0, len(number), 4))
            return grouped, country + "-grouped"
        return number, country + "-compact"

    def postcode(self) -> str:
        r = self.random
        letters = "ABCDEFGHJKLMNPRSTVWXZ"
        while True:
            pair = r.choice(letters) + r.choice(letters)
            if pair not in ("SA", "SD", "SS"):
                break
        return (
            f"{r.randrange(1000, 10000)} {pair}"
            if r.random() < 0.8
            else f"{r.randrange(1000, 10000)}{pair}"
        )

    def street(self) -> str:
        r = self.random
        number = str(r.randrange(1, 240))
        suffix = r.choice(("", "", "", "a", "b", "A", "-2", " II", "-hs"))
        return f"{self.dutch.street_name()} {number}{suffix}"

    def city(self) -> str:
        return str(self.dutch.city())

    def birthdate(self) -> tuple[str, str]:
        r = self.random
        year, month, day = r.randrange(1935, 2006), r.randrange(1, 13), r.randrange(1, 29)
        form = r.randrange(3)
        if form == 0:
            return f"{day} {MONTHS[month - 1]} {year}", "written"
        if form == 1:
            return f"{day:02d}-{month:02d}-{year}", "dashed"
        return f"{day}-{month}-{year}", "short"

    def switchboard(self) -> str:
        r = self.random
        area = r.choice(("070", "020", "088", "030"))
        sub = f"{r.randrange(2, 10)}{r.randrange(100000, 1000000)}"
        return f"{area} {sub[:3]} {sub[3:5]} {sub[5:]}"


def _one(text: str, fields: dict[str, tuple[str, str, str]], form: str) -> Edit:
    """A planted sentence from a template with ``{slot}``s: each slot's value,
    kind and action become a label, except a slot whose action is ``"none"``
    (a place name beside an address: text, not a label)."""
    out, labels, position = "", [], 0
    for match in re.finditer(r"\{(\w+)\}", text):
        out += text[position : match.start()]
        value, kind, action = fields[match.group(1)]
        if action != "none":
            labels.append(Label(len(out), len(out) + len(value), kind, action, "planted", form))
        out += value
        position = match.end()
    out += text[position:]
    return Edit(0, 0, out + " ", labels)


def plant(inventor: Inventor, cast: list[Person]) -> Edit:
    """One planted sentence: an identifier to redact, or an item to keep."""
    r = inventor.random
    kind = r.choices(
        ("bsn", "iban", "address", "postcode", "birthdate", "office", "mailbox", "switchboard"),
        weights=(22, 16, 12, 7, 10, 14, 10, 9),
    )[0]
    if kind == "bsn":
        number = inventor.bsn()
        style = r.randrange(3)
        written = (
            number,
            f"{number[:4]}.{number[4:6]}.{number[6:]}",
            f"{number[:3]} {number[3:6]} {number[6:]}",
        )[style]
        form = ("plain", "dotted", "spaced")[style]
        cued = r.random() < 0.5
        templates: tuple[str, ...] = (
            ("Het BSN van de klant is {v}.", "BSN: {v}.", "Het gaat om burgerservicenummer {v}.")
            if cued
            else (
                "Het betreft betrokkene met nummer {v}.",
                "Klant {v} heeft opnieuw gebeld.",
                "Zie het dossier van {v}.",
            )
        )
        return _one(
            r.choice(templates),
            {"v": (written, "bsn", "redact")},
            f"{form}-{'cue' if cued else 'nocue'}",
        )
    if kind == "iban":
        number, form = inventor.iban()
        templates = (
            "Het bedrag wordt overgemaakt op rekeningnummer {v}.",
            "IBAN: {v}.",
            "De uitkering is gestort op {v} ten name van betrokkene.",
        )
        return _one(r.choice(templates), {"v": (number, "iban", "redact")}, form)
    if kind == "address":
        templates = (
            "Betrokkene woont aan de {s}, {p} {c}.",
            "Het woonadres van de melder is {s}, {p} {c}.",
            "De brief is verstuurd naar {s}, {p} {c}.",
        )
        fields = {
            "s": (inventor.street(), "address", "redact"),
            "p": (inventor.postcode(), "postcode", "redact"),
            "c": (inventor.city(), "place", "none"),
        }
        return _one(r.choice(templates), fields, "street-postcode-place")
    if kind == "postcode":
        templates = ("De melder is verhuisd naar postcode {p}.", "Zij woont sinds kort in {p} {c}.")
        fields = {
            "p": (inventor.postcode(), "postcode", "redact"),
            "c": (inventor.city(), "place", "none"),
        }
        return _one(r.choice(templates), fields, "alone")
    if kind == "birthdate":
        date, form = inventor.birthdate()
        templates = (
            "De klant is geboren op {d}.",
            "Betrokkene, geboren op {d}, heeft bezwaar gemaakt.",
            "Het gaat om een man geboren op {d} te {c}.",
        )
        fields = {"d": (date, "birthdate", "redact"), "c": (inventor.city(), "place", "none")}
        return _one(r.choice(templates), fields, form)
    if kind == "office":
        holder = inventor.person()
        while any(holder.surname == p.surname for p in cast):
            holder = inventor.person()
        full = r.random() < 0.3
        name = holder.full() if full else holder.formal()
        office = r.choice(OFFICES)
        templates = (
            "Dit is besproken met " + office + " {n}.",
            office[0].upper() + office[1:] + " {n} heeft de Kamer hierover geïnformeerd.",
            "Een reactie van " + office + " {n} volgt.",
        )
        form = f"{office}-{'full' if full else 'surname'}"
        return _one(r.choice(templates), {"n": (name, "person", "keep")}, form)
    if kind == "mailbox":
        local, domain = r.choice(MAILBOXES), r.choice(GOVERNMENT_DOMAINS)
        templates = (
            "Vragen kunt u mailen naar {m}@" + domain + ".",
            "Stuur uw reactie aan {m}@" + domain + ".",
        )
        return _one(r.choice(templates), {"m": (local, "email", "keep")}, local.split("-")[0])
    templates = (
        "Algemeen nummer: {t}.",
        "Bel de telefooncentrale via {t}.",
        "De receptie is bereikbaar op {t}.",
    )
    template = r.choice(templates)
    return _one(
        template, {"t": (inventor.switchboard(), "phone", "keep")}, template.split()[0].lower()
    )


def pieces(
    text: str, groups: list[tuple[int, int]], limit: int = PIECE_CHARACTERS
) -> Iterator[tuple[int, int]]:
    """``[start, end)`` pieces of at most ``limit`` characters, cut at blank lines
    outside every redaction group (a hard cut at a line end when none)."""
    inside = sorted(groups)
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n\n", start + limit // 2, end)
            while cut != -1 and any(a < cut < b for a, b in inside):
                cut = text.rfind("\n\n", start + limit // 2, cut)
            if cut == -1:
                cut = text.rfind("\n", start + limit // 2, end)
            end = cut + 1 if cut != -1 else end
        yield start, end
        start = end


@dataclass
class Stats:
    """What the generation did, for the summary."""

    files: int = 0
    unreadable: int = 0
    pieces_with_markers: int = 0
    pieces_without: int = 0
    records: int = 0
    characters: int = 0
    groups: Counter[str] = field(default_factory=Counter)
    skipped_emails: int = 0
    skipped_overlaps: int = 0
    labels: Counter[tuple[str, str]] = field(default_factory=Counter)
    forms: Counter[tuple[str, str]] = field(default_factory=Counter)
    locales: Counter[str] = field(default_factory=Counter)


Group = tuple[int, int]  # (document index, group number): groups count per document


def group_spans(
    redactions: list[tuple[int, Redaction]], offset: int, end: int
) -> dict[Group, tuple[int, int, str]]:
    """Per redaction group inside ``[offset, end)``: its range and role."""
    spans: dict[Group, tuple[int, int, str]] = {}
    for document, redaction in redactions:
        if not (offset <= redaction.span.start and redaction.span.end <= end):
            continue
        a, b = redaction.span.start, redaction.span.end
        key = (document, redaction.group)
        if key in spans:
            start, stop, role = spans[key]
            spans[key] = (min(start, a), max(stop, b), role)
        else:
            spans[key] = (a, b, redaction.role)
    return spans


def marker_edits(
    text: str,
    groups: dict[Group, tuple[int, int, str]],
    inventor: Inventor,
    cast: list[Person],
    stats: Stats,
) -> list[Edit]:
    """Edits that put invented values back where a name, e-mail or phone marker stood."""
    edits: list[Edit] = []
    weights = [1.0 / (rank + 1) for rank in range(len(cast))]
    reach = 0
    for start, end, role in sorted(groups.values()):
        if role not in ROLES:
            continue
        if start < reach:  # groups that interleave: the first one is put back
            stats.skipped_overlaps += 1
            continue
        reach = end
        stats.groups[role] += 1
        person = inventor.random.choices(cast, weights=weights)[0]
        if role == "name":
            value, a, b, form = inventor.name_text(person, text[max(0, start - 30) : start])
            stats.locales[person.locale] += 1
            label = Label(a, b, "person", "redact", "marker", f"{form}/{person.locale}")
            edits.append(Edit(start, end, value, [label]))
        elif role == "email":
            ahead = _DOMAIN_AHEAD.match(text, end)
            if ahead is None:
                stats.skipped_emails += 1
                continue
            style = inventor.random.choice((0, 0, 0, 1, 2))
            local = person.local_part(style)
            form = ("first.last", "f.last", "firstlast")[style] + f"/{person.locale}"
            edits.append(
                Edit(
                    start,
                    ahead.end(),
                    local,
                    [Label(0, len(local), "email", "redact", "marker", form)],
                )
            )
        else:
            before = text[max(0, start - 3) : start]
            value, form = inventor.phone(after_plus=before.rstrip().endswith("+"))
            edits.append(
                Edit(start, end, value, [Label(0, len(value), "phone", "redact", "marker", form)])
            )
    return edits


def plant_edits(
    text: str, taken: list[tuple[int, int]], inventor: Inventor, cast: list[Person]
) -> list[Edit]:
    """Planted sentences at random sentence ends outside redaction markers."""
    ends = [
        m.end()
        for m in _SENTENCE_END.finditer(text)
        if not any(a <= m.end() <= b for a, b in taken)
    ]
    wanted = min(len(ends), max(1, len(text) // PLANT_EVERY))
    edits: list[Edit] = []
    for position in sorted(inventor.random.sample(ends, wanted)):
        edit = plant(inventor, cast)
        edit.start = edit.end = position
        edits.append(edit)
    return edits


def apply(text: str, edits: list[Edit]) -> tuple[str, list[Label]]:
    """The text with the edits made, and the labels at their offsets in it."""
    out: list[str] = []
    labels: list[Label] = []
    position = length = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        assert edit.start >= position, "edits overlap"
        out.append(text[position : edit.start])
        length += edit.start - position
        for label in edit.labels:
            labels.append(
                Label(
                    length + label.start,
                    length + label.end,
                    label.kind,
                    label.action,
                    label.origin,
                    label.form,
                )
            )
        out.append(edit.text)
        length += len(edit.text)
        position = edit.end
    out.append(text[position:])
    return "".join(out), labels


def records(
    files: list[Path], budget: int, stats: Stats, locales: tuple[str, ...]
) -> list[dict[str, object]]:
    """The records: every piece with a name, e-mail or phone marker, then pieces
    without, drawn at random, until ``budget`` characters."""
    inventor = Inventor(SEED, locales)
    with_markers: list[tuple[str, str, dict[Group, tuple[int, int, str]], int]] = []
    without: list[tuple[str, str, dict[Group, tuple[int, int, str]], int]] = []
    for file_index, path in enumerate(files):
        try:
            source: Source = parse_path(path)
        except InputError:
            stats.unreadable += 1
            continue
        stats.files += 1
        redactions = [(i, r) for i, d in enumerate(source.documents) for r in d.redactions]
        all_groups = group_spans(redactions, 0, len(source.text))
        ranges = [(a, b) for a, b, _ in all_groups.values()]
        name = str(path.relative_to(REAL))
        for index, (start, end) in enumerate(pieces(source.text, ranges)):
            text = source.text[start:end]
            groups = {
                g: (a - start, b - start, role)
                for g, (a, b, role) in group_spans(redactions, start, end).items()
            }
            item = (f"{name}#{index}", text, groups, file_index)
            (
                with_markers if any(role in ROLES for _, _, role in groups.values()) else without
            ).append(item)
    stats.pieces_with_markers, stats.pieces_without = len(with_markers), len(without)
    inventor.random.shuffle(without)
    chosen = list(with_markers)
    total = sum(len(item[1]) for item in chosen)
    for item in without:
        if total + len(item[1]) <= budget:
            chosen.append(item)
            total += len(item[1])
    casts: dict[int, list[Person]] = {}
    out: list[dict[str, object]] = []
    for record_id, text, groups, file_index in chosen:
        cast = casts.setdefault(
            file_index, [inventor.person() for _ in range(inventor.random.randrange(3, 9))]
        )
        edits = marker_edits(text, groups, inventor, cast, stats)
        taken = [(a, b) for a, b, _ in groups.values()]
        edits += plant_edits(text, taken, inventor, cast)
        generated, labels = apply(text, edits)
        for label in labels:
            stats.labels[(label.kind, label.action)] += 1
            stats.forms[(label.kind, f"{label.origin}:{label.form.split('/')[0]}")] += 1
        stats.records += 1
        stats.characters += len(generated)
        out.append(
            {
                "id": record_id,
                "text": generated,
                "labels": [
                    {
                        "start": x.start,
                        "end": x.end,
                        "kind": x.kind,
                        "action": x.action,
                        "origin": x.origin,
                        "form": x.form,
                    }
                    for x in labels
                ],
            }
        )
    return out


def summary(stats: Stats, path: Path) -> None:
    print(f"detect dev set: {path}")
    print(
        f"  files read {stats.files} (unreadable {stats.unreadable}); pieces with a "
        f"name/e-mail/phone marker {stats.pieces_with_markers}, without {stats.pieces_without}"
    )
    print(f"  records {stats.records}, characters {stats.characters:,}")
    print(
        f"  marker groups put back: {dict(stats.groups)}; e-mail groups skipped "
        f"(no readable @domain after them): {stats.skipped_emails}; "
        f"groups inside another group: {stats.skipped_overlaps}"
    )
    print(f"  first names by Faker locale: {dict(sorted(stats.locales.items()))}")
    print("  labels per kind:")
    print(f"    {'kind':<10} {'action':<7} {'count':>6}")
    for (kind, action), count in sorted(stats.labels.items()):
        print(f"    {kind:<10} {action:<7} {count:6d}")
    print("  labels per form:")
    for (kind, form), count in sorted(stats.forms.items()):
        print(f"    {kind:<10} {form:<32} {count:6d}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--budget",
        type=int,
        default=2_500_000,
        help="characters of real text at most (pieces with markers always go in)",
    )
    parser.add_argument(
        "--locales",
        choices=sorted(LOCALES),
        default="held-out",
        help="where invented first names come from: locales the lexicon does not hold, "
        "or those of the 2026-12-03 set, which it now holds",
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not REAL.is_dir():
        print(f"detect dev set: skipped ({REAL} is absent)")
        return 0
    files = sorted(REAL.glob("uwv-woo/**/*.md")) + sorted(REAL.glob("vws-chunks/*.md"))
    if not files:
        print(f"detect dev set: skipped (no uwv-woo/ or vws-chunks/ Markdown under {REAL})")
        return 0
    stats = Stats()
    made = records(files, args.budget, stats, LOCALES[args.locales])
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "devset.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for record in made:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    summary(stats, path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
