"""Search benchmark: the engine against the FTS5 path it replaced, same units, same queries.

    .venv/bin/python bench/search.py [--pages 100000 1000000] [--queries 30]

For each size it writes a store of schema 4 (the last with FTS5) straight
from synthetic units: documents of one to ten pages and e-mail messages of
under one, real UWV words when ``../shared/data/real/uwv-woo`` is there (an
invented Zipf vocabulary otherwise), dates, organisations, grounds and
domains as facets.  The store is written and searched by the inzage of
``--reference`` (a git commit with FTS5, checked out under build/) and a copy
is migrated by this inzage: schema 5, its search index built from the stored
text (timed: that is the migration of an existing database).  Then each is
a long-lived process answering the same queries, interleaved, timed inside
the process around ``Corpus.search``: five query classes (common word, rare
word, AND, phrase, prefix) each plain, with facets and with a date filter.

Stores are kept in build/bench-search/ and reused (``--fresh`` to rebuild).
Figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "bench-search"
REAL = ROOT.parent / "shared" / "data" / "real" / "uwv-woo"
# The last commit whose search was SQLite FTS5.
REFERENCE = "e3f8321"
PAGE = 3_000
KINDS = ["memo", "letter", "minutes", "report", "other"]
ORGANISATIONS = ["UWV", "VWS", "SZW", "VNG", "gemeente Zwolle", "Belastingdienst", "CBS", "RIVM"]
GROUNDS = ["5.1.2e", "5.1.2i", "5.2.1", "5.1.1c", "5.1.2d"]
DOMAINS = ["uwv.nl", "minszw.nl", "minvws.nl", "vng.nl", "zwolle.nl"]
CLASSES = ["common", "rare", "and", "phrase", "prefix"]
MODES = ["plain", "facets", "dated"]


# Building the store (run with the reference inzage on the path).


def _vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    """Words and their relative frequencies: real UWV text's when present."""
    counts: Counter[str] = Counter()
    if REAL.is_dir():
        for path in sorted(REAL.rglob("*.md"))[:400]:
            counts.update(re.findall(r"[^\W\d_]{2,}", path.read_text("utf-8", "replace")))
    if len(counts) < 1_000:
        from corpus import COMPOUNDS, NOUNS, VERBS  # bench/corpus.py

        words = NOUNS + VERBS + COMPOUNDS
        rng.shuffle(words)
        return words, [1 / rank**1.1 for rank in range(1, len(words) + 1)]
    words = [w for w, _ in counts.most_common(60_000)]
    return words, [float(counts[w]) for w in words]


def build_reference_store(db: Path, pages: int, seed: int = 7) -> None:
    import numpy as np

    from inzage.store.schema import connect, transaction
    from inzage.store.terms import stem

    rng = random.Random(seed)
    generator = np.random.default_rng(seed)
    words, weights = _vocabulary(rng)
    probabilities = np.array(weights) / sum(weights)
    stems = [stem(w) for w in words]
    connection = connect(db, create=True)
    # Signed as this inzage signs, so the migrated copy keeps the same
    # near-duplicate flags (otherwise it would rebuild its clusters).
    connection.execute("INSERT OR REPLACE INTO meta VALUES ('signature_version', '2')")
    written = unit_id = 0
    source_id = 0
    started = time.monotonic()
    while written < pages * PAGE:
        source_id += 1
        mail = rng.random() < 0.45
        count = rng.randint(2, 12) if mail else 1
        pieces: list[tuple[str, str, list[int]]] = []
        for _ in range(count):
            size = rng.randint(60, 500) if mail else rng.randint(1, 10) * 430
            chosen = generator.choice(len(words), size=size, p=probabilities)
            title_words = generator.choice(len(words), size=rng.randint(2, 7), p=probabilities)
            pieces.append(
                (
                    " ".join(words[i] for i in title_words).capitalize(),
                    " ".join(words[i] for i in chosen),
                    [int(i) for i in title_words] + [-1] + [int(i) for i in chosen],
                )
            )
        text = "\n\n".join(body for _, body, _ in pieces)
        with transaction(connection):
            connection.execute(
                "INSERT INTO sources VALUES (?, ?, 'text', NULL, 0, NULL, '{}', ?, ?, '')",
                (source_id, f"{source_id:064x}", text, len(text)),
            )
            connection.execute(
                "INSERT INTO source_paths VALUES (?, ?, 0)", (source_id, f"s/{source_id}.txt")
            )
            offset = 0
            day = f"20{rng.randint(18, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            kind = "email" if mail else rng.choice(KINDS)
            document_id = f"{source_id:020x}"
            connection.execute(
                "INSERT INTO documents VALUES (?, ?, 0, ?, 1, ?, ?, 0, ?, NULL, NULL, 'nl')",
                (document_id, source_id, kind, pieces[0][0], f"{day}T10:00:00+01:00", len(text)),
            )
            for number, (title, body, indices) in enumerate(pieces):
                unit_id += 1
                start, end = offset, offset + len(body)
                offset = end + 2
                dated = rng.random() > 0.1
                date_utc = f"{day}T{9 + number % 12:02d}:00:00+00:00" if dated else None
                redactions = rng.choice([0, 0, 1, 3])
                connection.execute(
                    'INSERT INTO units (id, kind, document_id, message_id, start, "end", title, '
                    "date_utc, redactions, duplicate) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)",
                    (
                        unit_id,
                        kind,
                        document_id,
                        start,
                        end,
                        title,
                        date_utc,
                        redactions,
                        int(rng.random() < 0.05),
                    ),
                )
                facets = {("kind", kind), ("redactions", "with" if redactions else "without")}
                if dated:
                    facets.add(("month", day[:7]))
                facets.update(("organisation", o) for o in rng.sample(ORGANISATIONS, 2))
                if redactions:
                    facets.add(("ground", rng.choice(GROUNDS)))
                if mail:
                    facets.add(("domain", rng.choice(DOMAINS)))
                connection.executemany(
                    "INSERT INTO unit_facets VALUES (?, ?, ?)",
                    [(unit_id, f, v) for f, v in sorted(facets)],
                )
                cut = indices.index(-1)
                connection.execute(
                    "INSERT INTO units_fts (rowid, title, body) VALUES (?, ?, ?)",
                    (
                        unit_id,
                        " ".join(stems[i] for i in indices[:cut]),
                        " ".join(stems[i] for i in indices[cut + 1 :]),
                    ),
                )
        written += len(text)
        if source_id % 5_000 == 0:
            print(
                f"  {written / PAGE:,.0f} pages, {unit_id:,} units, "
                f"{time.monotonic() - started:,.0f} s",
                file=sys.stderr,
                flush=True,
            )
    connection.close()


def queries(db: Path, per_class: int, seed: int = 3) -> list[tuple[str, str]]:
    """(class, query) drawn from the store's own text: common words, rare
    words, pairs, phrases that occur, and prefixes."""
    import sqlite3

    rng = random.Random(seed)
    connection = sqlite3.connect(db)
    sample = " ".join(
        row[0]
        for row in connection.execute(
            "SELECT substr(text, 1, 3000) FROM sources WHERE id % 97 = 0 LIMIT 400"
        )
    )
    connection.close()
    tokens = re.findall(r"[^\W\d_]{4,}", sample.lower())
    counts = Counter(tokens)
    ranked = [w for w, _ in counts.most_common()]
    common = ranked[5:60]
    rare = [w for w in ranked[2_000:] if counts[w] == 1] or ranked[-200:]
    middle = ranked[60:600]
    pairs = [f"{a} {b}" for a, b in pairwise(tokens) if a != b]
    out: list[tuple[str, str]] = []
    for _ in range(per_class):
        out.append(("common", rng.choice(common)))
        out.append(("rare", rng.choice(rare)))
        out.append(("and", f"{rng.choice(middle)} {rng.choice(middle)}"))
        out.append(("phrase", f'"{rng.choice(pairs)}"'))
        out.append(("prefix", rng.choice([w for w in middle if len(w) >= 6])[:4] + "*"))
    return out


# Serving queries (one process per engine).


def serve(db: Path) -> None:
    """Answer JSON lines on stdin: {"q", "mode"} → {"ms", "total", "hits"}."""
    from datetime import date

    from inzage.store import Corpus

    corpus = Corpus(db, read_only=True)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        asked = json.loads(line)
        options: dict[str, object] = {"limit": 10}
        if asked["mode"] == "facets":
            options["facets"] = True
        if asked["mode"] == "dated":
            options["date_from"], options["date_to"] = date(2021, 1, 1), date(2021, 12, 31)
        started = time.perf_counter()
        result = corpus.search(asked["q"], **options)  # type: ignore[arg-type]
        ms = (time.perf_counter() - started) * 1000
        print(json.dumps({"ms": ms, "total": result.total, "hits": len(result.hits)}), flush=True)


# The driver.


def _reference_tree() -> Path:
    tree = ROOT / "build" / f"fts5-{REFERENCE}"
    if not (tree / "src").is_dir():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "archive", REFERENCE, "src"], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree / "src"


def _python(source: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(source)}


def _server(source: Path, db: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(db)],
        env=_python(source),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert json.loads(process.stdout.readline())["ready"]
    return process


def _ask(process: subprocess.Popen[str], query: str, mode: str) -> dict[str, float]:
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(json.dumps({"q": query, "mode": mode}) + "\n")
    process.stdin.flush()
    return dict(json.loads(process.stdout.readline()))


def _percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return statistics.median(ordered), cuts[94], cuts[98]


def _read_once(folder: Path) -> None:
    """Read every file of both stores once, so that the timings compare the
    engines on a warm page cache (the machine holds both) rather than
    whichever store the disk served first."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with path.open("rb") as stream:
                while stream.read(1 << 24):
                    pass


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run(pages: int, per_class: int, fresh: bool) -> None:
    folder = BUILD / str(pages)
    reference_db, engine_db = folder / "fts5.db", folder / "engine.db"
    source = _reference_tree()
    mine = ROOT / "src"
    if fresh and folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if not reference_db.exists():
        started = time.monotonic()
        subprocess.run(
            [sys.executable, __file__, "--build", str(reference_db), "--pages", str(pages)],
            env=_python(source),
            check=True,
        )
        print(f"built the FTS5 store in {time.monotonic() - started:,.0f} s", flush=True)
    copied = not engine_db.exists()
    if copied:
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{reference_db}{suffix}").exists():
                shutil.copy(f"{reference_db}{suffix}", f"{engine_db}{suffix}")
    # Also for a kept store: its index may be of an older inzage (then it is
    # built again from the stored text), or it is checked and left as it is.
    started = time.monotonic()
    cpu = os.times()
    subprocess.run(
        [sys.executable, "-m", "inzage", "index", "--db", str(engine_db), "--progress", "lines"],
        env=_python(mine),
        check=True,
    )
    after = os.times()
    spent = after.children_user - cpu.children_user + after.children_system - cpu.children_system
    done = "migrated and indexed" if copied else "search index brought in step"
    print(f"{done} in {time.monotonic() - started:,.0f} s ({spent:,.0f} CPU-s)", flush=True)
    import sqlite3

    with sqlite3.connect(reference_db) as connection:
        units = connection.execute("SELECT count(*) FROM units").fetchone()[0]
        text_bytes = connection.execute(
            "SELECT sum(length(CAST(text AS BLOB))) FROM sources"
        ).fetchone()[0]
        fts_bytes = sum(
            row[0]
            for row in connection.execute(
                "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'units_fts%'"
            )
        )
    index_bytes = _size(Path(f"{engine_db}-search"))
    print(
        f"\n== {pages:,} pages, {units:,} units; stored text {text_bytes / 1e6:,.0f} MB; "
        f"FTS5 tables {fts_bytes / 1e6:,.0f} MB; engine index {index_bytes / 1e6:,.0f} MB"
    )
    asked = queries(reference_db, per_class)
    _read_once(folder)
    servers = {"fts5": _server(source, reference_db), "engine": _server(mine, engine_db)}
    times: dict[tuple[str, str, str], list[float]] = {}
    totals: dict[tuple[str, str], list[int]] = {}
    for _, query in asked[:10]:  # warm both caches alike
        for process in servers.values():
            _ask(process, query, "plain")
    for query_class, query in asked:
        for mode in MODES:
            for name in rng_order(servers, query, mode):
                answer = _ask(servers[name], query, mode)
                times.setdefault((name, query_class, mode), []).append(answer["ms"])
                totals.setdefault((name, query + mode), []).append(int(answer["total"]))
    for process in servers.values():
        assert process.stdin is not None
        process.stdin.close()
        process.wait()
    differ = sum(
        1
        for (name, key), t in totals.items()
        if name == "fts5" and t != totals.get(("engine", key))
    )
    print("| class | mode | FTS5 p50 / p95 / p99 ms | engine p50 / p95 / p99 ms |")
    print("|---|---|---|---|")
    overall: dict[str, list[float]] = {"fts5": [], "engine": []}
    for query_class in CLASSES:
        for mode in MODES:
            cells = []
            for name in ("fts5", "engine"):
                samples = times[(name, query_class, mode)]
                if mode == "facets":
                    overall[name].extend(samples)
                cells.append(" / ".join(f"{v:,.1f}" for v in _percentiles(samples)))
            print(f"| {query_class} | {mode} | {cells[0]} | {cells[1]} |")
    for name, samples in overall.items():
        p50, p95, p99 = _percentiles(samples)
        print(f"all classes with facets, {name}: p50 {p50:,.1f} ms, p95 {p95:,.1f}, p99 {p99:,.1f}")
    print(f"queries whose totals differ between the two: {differ} of {len(totals) // 2}")


def rng_order(servers: Mapping[str, object], query: str, mode: str) -> Iterator[str]:
    """Both engines for each query, the order alternating, so neither always
    gets the other's warmed-up page cache."""
    names = list(servers)
    if hash((query, mode)) % 2:
        names.reverse()
    yield from names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, nargs="+", default=[100_000])
    parser.add_argument("--queries", type=int, default=30, help="queries per class")
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.build:
        build_reference_store(arguments.build, arguments.pages[0])
        return
    if arguments.serve:
        serve(arguments.serve)
        return
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    for pages in arguments.pages:
        run(pages, arguments.queries, arguments.fresh)


if __name__ == "__main__":
    main()
