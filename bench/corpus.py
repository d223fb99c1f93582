"""Corpus benchmark: a synthetic release of N pages, ingested and searched.

    .venv/bin/python bench/corpus.py [PAGES ...]     (default: 10000)

Writes the release and the database to a temporary folder, ingests with two
worker processes and reports ingest pages/s, database bytes per page, peak
RSS (this process and the largest worker), and search latency p50/p95/p99 over
ten representative queries, with and without facets.  The release reuses the
test builders: e-mail threads with quoting (replies repeat the messages below
them, as real exports do), meeting memos with letterheads, redaction markers,
varied invented names, subjects and dates.
"""

from __future__ import annotations

import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.builders import Mail, make_email, make_memo, make_thread

from inzage.store import Corpus
from inzage.store.ingest import PAGE_CHARACTERS

FIRST = ["Eva", "Jan", "Ans", "Piet", "Kees", "Fatima", "Mohammed", "Sanne", "Daan", "Lotte"]
LAST = ["Kok", "Mol", "Wit", "Bos", "Pol", "Yilmaz", "El Amrani", "de Vries", "Jansen", "Visser"]
DOMAINS = ["minvws.nl", "minbzk.nl", "vng.nl", "uwv.nl", "rivm.nl", "gemeente-zwolle.nl"]
TOPICS = [
    "jeugdzorg",
    "mantelzorg",
    "Wmo-budget",
    "datalek",
    "cookies op de website",
    "bestuurlijk overleg",
    "Kamervragen",
    "uitvoering Jeugdwet",
    "tekorten gemeenten",
    "subsidieregeling",
    "WW-uitkering",
    "loonheffing",
    "risicomodel",
    "beleidsnota",
]
SENTENCES = [
    "De gemeente vraagt om uitstel van de invoering en meer budget voor de regio.",
    "Wij adviseren in te stemmen met het voorstel van de werkgroep.",
    "De minister spreekt volgende week met de VNG over de tekorten.",
    "Graag ontvang ik voor vrijdag de cijfers over het afgelopen kwartaal.",
    "Het datalek is gemeld bij de Autoriteit Persoonsgegevens en afgehandeld.",
    "In de bijlage vindt u de concept-brief aan de Tweede Kamer.",
    "De uitvoering door UWV loopt vertraging op door de nieuwe regelgeving.",
    "Het CBS levert de definitieve cijfers in juni aan.",
    "Financiën stemt in met dekking uit de aanvullende post.",
]
MARKED = "Contactpersoon is 5.1.2e, bereikbaar via 5.1.2e of telefoon 06 5.1.2e."
# Invented sentences over a vocabulary shaped like a real release's: a few words
# in every document, most words (compounds above all) in a handful.  Without
# them every query would match most of the corpus.
NOUNS = (
    "zorg budget regio gemeente wet regeling uitvoering advies overleg brief nota besluit "
    "kosten tekort subsidie aanvraag beleid onderzoek rapport planning termijn werkgroep "
    "toezicht inspectie jeugd woning school arbeid uitkering premie belasting kamer vraag "
    "antwoord overzicht raming begroting voorstel afspraak opdracht project programma "
    "contract inkoop data privacy beveiliging systeem netwerk dossier klacht bezwaar "
    "beroep procedure vergunning melding signaal risico model evaluatie monitor cijfer "
    "kwartaal jaar maand week dag uur team afdeling directie bestuur raad college "
    "provincie minister staatssecretaris wethouder ambtenaar burger bedrijf werkgever "
    "werknemer cliënt patiënt ouder kind leerling student huurder eigenaar partner"
).split()
VERBS = (
    "vraagt stuurt meldt bespreekt levert wijzigt beoordeelt onderzoekt verlengt "
    "ondersteunt adviseert ontvangt controleert plant verwerkt publiceert bevestigt "
    "agendeert beantwoordt verdeelt financiert herziet"
).split()
ADJECTIVES = (
    "nieuwe extra definitieve tijdelijke landelijke regionale structurele financiële "
    "juridische bestuurlijke openbare interne externe jaarlijkse kritische"
).split()
COMPOUNDS = [a + b for a in NOUNS for b in NOUNS if a != b]


def _zipf_picker(words: list[str], rng: random.Random) -> Callable[[], str]:
    shuffled = words[:]
    rng.shuffle(shuffled)
    weights = list(accumulate(1 / rank**1.1 for rank in range(1, len(shuffled) + 1)))
    return lambda: rng.choices(shuffled, cum_weights=weights)[0]


QUERIES = [
    "gemeenten",
    "jeugdzorg tekorten",
    '"bestuurlijk overleg"',
    "datalek NOT cookies",
    "uitkering*",
    "minister VNG",
    "zorgbudget",
    "loonheffing OR risicomodel",
    "inspectie rapport",
    "beveiligingvergunning kwartaal",
]


def _person(rng: random.Random) -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    address = f"{first[0].lower()}.{last.replace(' ', '').lower()}@{rng.choice(DOMAINS)}"
    return f"{first} {last} <{address}>"


class _Words:
    """Invented sentences with Zipf-distributed words."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.noun = _zipf_picker(NOUNS, rng)
        self.compound = _zipf_picker(COMPOUNDS, rng)
        self.verb = _zipf_picker(VERBS, rng)
        self.adjective = _zipf_picker(ADJECTIVES, rng)

    def sentence(self) -> str:
        roll = self.rng.random()
        if roll < 0.1:
            return MARKED
        if roll < 0.25:
            return self.rng.choice(SENTENCES)
        return (
            f"De {self.adjective()} {self.noun()} {self.verb()} de {self.compound()} "
            f"van het {self.compound()} en de {self.noun()} voor {self.rng.randint(1, 30)} "
            f"{self.rng.choice(['mei', 'juni', 'oktober'])}."
        )


def _body(words: _Words, sentences: int) -> str:
    return " ".join(words.sentence() for _ in range(sentences))


def _thread(rng: random.Random, words: _Words, start: datetime) -> str:
    topic = rng.choice(TOPICS)
    people = [_person(rng) for _ in range(3)]
    mails = []
    for i in range(rng.randint(1, 5)):
        subject = topic if i == 0 else f"RE: {topic}"
        sent = start + timedelta(hours=3 * i, minutes=rng.randint(0, 59))
        mails.append(
            Mail(
                people[i % 3],
                sent,
                subject,
                _body(words, rng.randint(4, 25)),
                to=[people[(i + 1) % 3]],
            )
        )
    parts = [make_email(mails[-1])]
    parts += [make_email(m, "nl-outlook", top=False) for m in reversed(mails[:-1])]
    return make_thread(*parts)


def _memo(rng: random.Random, words: _Words, start: datetime) -> str:
    topic = rng.choice(TOPICS)
    sections = "".join(
        f"### {n} {rng.choice(['Aanleiding', 'Advies', 'Toelichting', 'Financien'])}\n\n"
        + _body(words, rng.randint(15, 60))
        + "\n\n"
        for n in range(1, rng.randint(3, 7))
    )
    return make_memo(
        [
            ("Datum document", start.strftime("%d-%m-%Y")),
            ("Kenmerk", f"{rng.randint(1000000, 9999999)}-{rng.randint(100000, 999999)}-DJ"),
            ("Betreft", f"Overleg {topic}"),
        ],
        body=sections,
    )


def write_release(folder: Path, pages: int, seed: int = 11) -> int:
    """Files of about one to ten pages until ``pages`` pages are written."""
    rng = random.Random(seed)
    words = _Words(rng)
    written = 0
    index = 0
    start = datetime(2019, 1, 7, 8, 0, tzinfo=UTC)
    while written < pages * PAGE_CHARACTERS:
        moment = start + timedelta(days=rng.randint(0, 5 * 365))
        parts = [
            _thread(rng, words, moment) if rng.random() < 0.6 else _memo(rng, words, moment)
            for _ in range(rng.randint(1, 6))
        ]
        text = "\n".join(parts)
        sub = folder / f"{index // 1000:04d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{index:07d}.txt").write_text(text, "utf-8")
        written += len(text)
        index += 1
    return index


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    q = statistics.quantiles(ordered, n=100, method="inclusive")
    return f"p50 {q[49]:6.1f} ms  p95 {q[94]:6.1f} ms  p99 {q[98]:6.1f} ms"


def run(pages: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "release"
        folder.mkdir()
        files = write_release(folder, pages)
        paths = sorted(folder.rglob("*.txt"))
        db = Path(tmp) / "bench.db"
        started = time.perf_counter()
        with Corpus(db, create=True) as corpus:
            progress = corpus.ingest(paths, workers=2)
        seconds = time.perf_counter() - started
        size = sum(p.stat().st_size for p in Path(tmp).glob("bench.db*"))
        print(f"\n== {pages:,} pages ({files:,} files, {progress.documents:,} documents)")
        print(
            f"ingest: {seconds:7.1f} s  {progress.pages / seconds:7.0f} pages/s  "
            f"database {size / progress.pages:,.0f} bytes/page ({size / 1e6:,.0f} MB)"
        )
        with Corpus(db) as corpus:
            counts = corpus.counts()
            print(
                f"store: {counts['messages']:,} messages from "
                f"{counts['message_occurrences']:,} occurrences, {counts['threads']:,} threads, "
                f"{counts['clusters']:,} clusters"
            )
            for facets in (False, True):
                samples: list[float] = []
                for _ in range(5):
                    for query in QUERIES:
                        t = time.perf_counter()
                        corpus.search(query, facets=facets)
                        samples.append((time.perf_counter() - t) * 1000)
                print(f"search {'with' if facets else 'without'} facets: {_percentiles(samples)}")
            hits = ", ".join(f"{q} {corpus.search(q).total:,}" for q in QUERIES)
            print(f"hits per query ({counts['search_units']:,} units): {hits}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: main {own:,.0f} MB, largest worker {workers:,.0f} MB")


def main() -> None:
    print(
        f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    for pages in [int(a) for a in sys.argv[1:]] or [10_000]:
        run(pages)


if __name__ == "__main__":
    main()
