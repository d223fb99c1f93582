"""Ingest speed on the real UWV text releases: pages/s, CPU ms a page, memory, stages.

    .venv/bin/python bench/ingest_real.py [--workers 2] [--files N]

Ingests ``../shared/data/real/uwv-woo`` with WORKERS worker processes into a
new database (the real folder is only read) and reports wall-clock pages/s,
CPU milliseconds a page in the main process and in the workers, the peak
RSS of each, and the size of the database and its search index.  Then, in
this process, one pass over the same files with each stage timed on its
own: reading and parsing (entities apart), search units (stemming),
near-duplicate signatures.  Pages are the PDF page counts where the source
has them, else 3,000 characters a page (as ingest counts them).  Skips
cleanly when the folder is absent.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import resource
import tempfile
import time
from pathlib import Path

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real" / "uwv-woo"


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def ingest(files: list[Path], workers: int) -> None:
    from inzage.store import Corpus

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "uwv.db"
        main_before = time.process_time()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        with Corpus(db, create=True) as corpus:
            progress = corpus.ingest(files, workers=workers)
            wall = time.perf_counter() - started
            units = corpus.counts()["search_units"]
        main = time.process_time() - main_before
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        spent = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
        pages = progress.pages
        print(
            f"ingest, {workers} workers: {progress.parsed:,} files, {pages:,} pages in "
            f"{wall:.1f} s: {pages / wall:,.0f} pages/s; CPU a page {main / pages * 1000:.2f} ms "
            f"in the main process (hashing, the search index, threads and clusters) + "
            f"{spent / pages * 1000:.2f} ms in the workers (parsing, writing)"
        )
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"  peak RSS: main {own:,.0f} MB, "
            f"largest worker {after.ru_maxrss / 1024:,.0f} MB; database {_size(db) / 1e6:,.0f} MB, "
            f"search index {_size(Path(f'{db}-search')) / 1e6:,.0f} MB ({units:,} units)"
        )


def stages(files: list[Path]) -> None:
    from inzage.detect.entities import find_entities
    from inzage.pipeline import parse_path
    from inzage.store.dedupe import signature
    from inzage.store.ingest import PAGE_CHARACTERS
    from inzage.store.units import source_units

    spent = dict.fromkeys(
        ("parse (entities included)", "entities alone", "units", "signatures"), 0.0
    )
    pages = 0
    parse_path(files[0])
    for path in files:
        started = time.process_time()
        try:
            source = parse_path(path)
        except Exception:  # a file ingest would store as failed
            continue
        spent["parse (entities included)"] += time.process_time() - started
        pages += sum(
            s.pages or math.ceil(len(s.text) / PAGE_CHARACTERS)
            for s in [source, *source.attachments]
        )
        started = time.process_time()
        find_entities(source.text)
        spent["entities alone"] += time.process_time() - started
        started = time.process_time()
        source_units(source)
        spent["units"] += time.process_time() - started
        started = time.process_time()
        for document in source.documents:
            if document.kind != "email":
                signature(source.text, document.span.start, document.span.end)
        spent["signatures"] += time.process_time() - started
    print(f"stages over {pages:,} pages, one process:")
    for stage, seconds in spent.items():
        print(f"  {stage:28} {seconds:6.2f} CPU-s  {seconds / pages * 1000:5.2f} ms a page")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--files", type=int, default=None, help="only the first N files")
    arguments = parser.parse_args()
    files = sorted(REAL.rglob("*.md")) if REAL.is_dir() else []
    if not files:
        print("ingest on real data: skipped (../shared/data/real/uwv-woo is absent)")
        return
    files = files[: arguments.files]
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    ingest(files, arguments.workers)
    stages(files)


if __name__ == "__main__":
    main()
