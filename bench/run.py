"""Benchmarks for `make bench`: marker detection throughput and memory.

Figures go to docs/benchmarks.md with the machine they came from.  The
synthetic texts are generated here; the real-data run is skipped when
../shared/data/real/ is absent.
"""

from __future__ import annotations

import platform
import random
import resource
import time
from pathlib import Path

from inzage.pipeline import parse_text
from inzage.read.text import read_text_file

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real"
PAGE = 3_000  # characters on a typical released page of text

_WORDS = (
    "de het een van en in op te voor met niet aan bij overleg minister directie nota "
    "gemeente budget afspraak voorstel tekst verslag besluit kenmerk datum jeugdzorg "
    "mantelzorg paragraaf 3.2 kosten miljoen 2020 juni overleg"
).split()
_MARKED_LINES = [
    "Van: (10)(2e) (10)(2e) <(10)(2e)@minvws.nl>",
    "Aan: 5.1.2e <5.1.2e@minvws.nl>",
    "T 070 5.1.2e",
    "Met vriendelijke groet,\n\n5.1.2e",
    "op grond van artikel 5.1, tweede lid, aanhef en onder e, van de Woo",
    "5.1.2i",
    "[REDACTED]",
]


def synthetic_text(pages: int, seed: int = 7) -> str:
    """Prose with a marker line every few lines, like a released e-mail bundle."""
    rng = random.Random(seed)
    lines: list[str] = []
    size = 0
    while size < pages * PAGE:
        if rng.random() < 0.2:
            line = rng.choice(_MARKED_LINES)
        else:
            line = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(6, 14))).capitalize()
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, text: str) -> None:
    start = time.perf_counter()
    source = parse_text(text)
    seconds = time.perf_counter() - start
    markers = sum(len(d.redactions) for d in source.documents)
    pages = len(text) / PAGE
    print(
        f"{label:<34} {len(text) / 1e6:7.2f} MB {seconds:7.2f} s "
        f"{pages / seconds:9.0f} pages/s {markers:8d} markers"
    )


def real_data() -> None:
    files = sorted(REAL.rglob("*.md")) if REAL.is_dir() else []
    if not files:
        print("real data: skipped (../shared/data/real/ is absent)")
        return
    start = time.perf_counter()
    characters = markers = 0
    for path in files:
        text = read_text_file(path).text
        characters += len(text)
        markers += sum(len(d.redactions) for d in parse_text(text).documents)
    seconds = time.perf_counter() - start
    print(
        f"{'real data (uwv-woo markdown)':<34} {characters / 1e6:7.2f} MB {seconds:7.2f} s "
        f"{characters / PAGE / seconds:9.0f} pages/s {markers:8d} markers  ({len(files)} files)"
    )


def main() -> None:
    print(
        f"machine: {platform.machine()}, {platform.processor() or 'unknown cpu'}, "
        f"python {platform.python_version()}, {platform.system()}"
    )
    timed("synthetic, 100 pages", synthetic_text(100))
    timed("synthetic, 1,000 pages", synthetic_text(1_000))
    timed("one line of 10 MB, dense markers", synthetic_text(3_400).replace("\n", " "))
    real_data()
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
