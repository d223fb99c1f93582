"""Page-stream splitting: how well bundles are cut into their documents.

    .venv/bin/python bench/page_stream.py [BUNDLES]        (default: 150)

1. Synthetic bundles (no outline): 2 to 8 invented documents each, drawn from
   memos, e-mails, letters with "Pagina i van n", annexes with or without a
   "Bijlage N" heading, stamped documents and wide tables printed on their side
   (one of three heading rows), in random order.
   Each is written as a PDF, parsed, and the pages where documents begin are
   compared with the truth: precision and recall of the cuts after page 1,
   overall and by the kind of document that begins there.
2. Real PDFs whose outline names documents (``../shared/data/real/``, skipped
   when absent): the cuts found *without* the outline against the outline's.
"""

from __future__ import annotations

import random
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.builders import Mail, make_email, make_memo, make_pdf

from inzage.parse.page_stream import outline_cuts
from inzage.pipeline import parse_path, parse_raw
from inzage.read.files import read_file
from inzage.read.options import ReadOptions

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real"
_WORDS = (
    "de het een van en in op voor met overleg gemeente besluit verzoek stukken termijn "
    "vergunning college raad bewoners project planning kosten advies"
).split()


def _sentence(rng: random.Random) -> str:
    words = rng.choices(_WORDS, k=rng.randint(6, 12))
    return " ".join(words).capitalize() + "."


def _lines(rng: random.Random, count: int) -> list[str]:
    return [_sentence(rng) for _ in range(count)]


def _memo(rng: random.Random, number: int) -> tuple[str, list[str]]:
    fields = [
        ("Datum document", f"{rng.randint(1, 28):02d}-0{rng.randint(1, 9)}-2021"),
        ("Kenmerk", f"2021-{number:04d}"),
        ("Betreft", f"Onderwerp {number}"),
    ]
    first = make_memo(fields, layout="colon", body="### 1 Aanleiding\n\n" + _sentence(rng))
    return "memo", [first, *("\n".join(_lines(rng, 8)) for _ in range(rng.randint(0, 2)))]


def _email(rng: random.Random, number: int) -> tuple[str, list[str]]:
    mail = Mail(
        sender=f"Afzender {number} <a{number}@gemeente.nl>",
        sent=datetime(2021, 3, 1, 9, tzinfo=UTC) + timedelta(hours=number),
        subject=f"Vraag {number}",
        body="\n".join(_lines(rng, 4)),
        to=[f"Ontvanger <o{number}@gemeente.nl>"],
    )
    return "email", [make_email(mail)]


def _numbered_letter(rng: random.Random, number: int) -> tuple[str, list[str]]:
    pages = rng.randint(1, 3)
    texts = ["\n".join(_lines(rng, 8)) + f"\nPagina {p} van {pages}" for p in range(1, pages + 1)]
    texts[0] = "Geachte heer,\n" + texts[0]
    return "numbered letter", texts


def _stamped(rng: random.Random, number: int) -> tuple[str, list[str]]:
    return "stamped", [
        f"Document {number}\n" + "\n".join(_lines(rng, 8)) for _ in range(rng.randint(1, 2))
    ]


def _annex(rng: random.Random, number: int) -> tuple[str, list[str]]:
    texts = ["\n".join(_lines(rng, 8)) for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.5:
        texts[0] = f"Bijlage {number}\n{texts[0]}"
        return "annex heading", texts
    return "plain annex", texts


def _table(rng: random.Random, number: int) -> tuple[str, list[str]]:
    heading = rng.choice(["Nr Datum Omschrijving Oordeel", "Document Datum Wob", "Nr Stuk Grond"])
    rows = [f"{n} 0{rng.randint(1, 9)}-03-2021 {_sentence(rng)[:40]} Openbaar" for n in range(9)]
    return "wide table", [heading + "\n" + "\n".join(rows) for _ in range(rng.randint(1, 2))]


_MAKERS = (_memo, _email, _numbered_letter, _stamped, _annex, _table)


def synthetic(bundles: int) -> None:
    rng = random.Random(11)
    found: Counter[str] = Counter()
    wanted: Counter[str] = Counter()
    false_cuts = 0
    with tempfile.TemporaryDirectory() as tmp:
        for index in range(bundles):
            pages: list[str] = []
            sideways: set[int] = set()
            starts: dict[int, str] = {}
            for number in range(rng.randint(2, 8)):
                kind, texts = rng.choice(_MAKERS)(rng, number + 1)
                starts[len(pages) + 1] = kind
                if kind == "wide table":
                    sideways.update(range(len(pages), len(pages) + len(texts)))
                pages.extend(texts)
            path = Path(tmp) / f"{index}.pdf"
            path.write_bytes(make_pdf(pages, landscape=frozenset(sideways)))
            source = parse_path(path, ReadOptions(ocr="never"))
            cut = {d.pages.first for d in source.documents if d.pages} - {1}
            for page, kind in starts.items():
                if page > 1:
                    wanted[kind] += 1
                    found[kind] += page in cut
            false_cuts += len(cut - set(starts))
    total_found, total_wanted = sum(found.values()), sum(wanted.values())
    precision = total_found / max(1, total_found + false_cuts)
    recall = total_found / max(1, total_wanted)
    print(
        f"synthetic bundles: {bundles}, {total_wanted} document starts after page 1: "
        f"precision {precision:.3f}, recall {recall:.3f}, {false_cuts} false cuts"
    )
    for kind in sorted(wanted):
        print(f"  {kind:16} recall {found[kind] / wanted[kind]:.3f} ({found[kind]}/{wanted[kind]})")


def real() -> None:
    if not REAL.is_dir():
        print("real PDFs: skipped (../shared/data/real/ is absent)")
        return
    for path in sorted(REAL.glob("**/*.pdf")):
        raw = read_file(path, ReadOptions(ocr="never"))
        gold = {cut.page for cut in outline_cuts(raw.outline, raw.pages or 0)} - {1}
        if not gold:
            continue
        source = parse_raw(str(path), replace(raw, outline=[]))
        cut = {d.pages.first for d in source.documents if d.pages} - {1}
        hits = len(gold & cut)
        print(
            f"real {path.name[:50]}: {raw.pages} pages, outline cuts {len(gold)}, "
            f"found without it {hits}, other cuts {len(cut - gold)}"
        )


def main() -> None:
    print(f"{datetime.now(UTC):%Y-%m-%d}, Python {sys.version.split()[0]}")
    synthetic(int(sys.argv[1]) if len(sys.argv) > 1 else 150)
    real()


if __name__ == "__main__":
    main()
