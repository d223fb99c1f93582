"""Detection over a corpus: speed and memory of ``inzage detect --db``.

    .venv/bin/python bench/detect_corpus.py [PAGES ...]     (default: 10000)

Builds the synthetic release of bench/corpus.py (mail threads with quoting,
memos, invented names), ingests it, then runs ``inzage detect --db`` in a
process of its own and reports pages/s and characters per CPU-second of the
detection, its peak RSS and the proposals stored.  Memory must not grow with
the number of documents: detection holds one text at a time and the dossier's
names, so the peak should stay flat from 1,000 to 100,000 pages.
"""

from __future__ import annotations

import platform
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tests.builders import peak_rss

from corpus import write_release  # bench/corpus.py, beside this file
from inzage.store import Corpus
from inzage.store.ingest import PAGE_CHARACTERS

INZAGE = str(Path(sys.executable).with_name("inzage"))


def run(pages: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "release"
        folder.mkdir()
        write_release(folder, pages)
        db = Path(scratch) / "corpus.db"
        with Corpus(db, create=True) as corpus:
            corpus.ingest(sorted(folder.rglob("*.txt")), workers=2)
        characters = sqlite3.connect(db).execute("SELECT sum(characters) FROM sources").fetchone()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([INZAGE, "detect", "--db", str(db)], check=True, capture_output=True)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        _, peak = peak_rss([INZAGE, "detect", "--db", str(db)])
        connection = sqlite3.connect(db)
        stored = connection.execute("SELECT count(*) FROM proposals").fetchone()[0]
        redact = connection.execute(
            "SELECT count(*) FROM proposals WHERE action = 'redact'"
        ).fetchone()[0]
        total = int(characters[0])
        print(
            f"| {pages:,} | {total / PAGE_CHARACTERS:,.0f} | {wall:.1f} s "
            f"| {total / PAGE_CHARACTERS / wall:,.0f} | {total / cpu:,.0f} "
            f"| {peak / 1024:,.0f} MB | {stored:,} ({redact:,} redact) |"
        )


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000]
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(
        "| pages asked | pages stored | detect time | pages/s | characters per CPU-s "
        "| peak RSS | proposals |"
    )
    print("|---|---|---|---|---|---|---|")
    for pages in sizes:
        run(pages)


if __name__ == "__main__":
    main()
