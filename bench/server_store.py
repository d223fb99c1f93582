"""The PostgreSQL store against the SQLite one, in the same run on the same data.

    .venv/bin/python bench/server_store.py [--files N] [--search-pages 100000]
        [--only ingest|search|review]

Starts a throwaway PostgreSQL server (as the tests do) and measures:

1. **Ingest** of the real UWV text releases (``../shared/data/real/uwv-woo``)
   into a new SQLite file and a new PostgreSQL database, with 1 and with 2
   local workers, the four runs one after another: pages/s.
2. **Search** at ``--search-pages`` (the store of ``bench/search.py``, built
   there first): the SQLite store copied table by table into PostgreSQL
   (``COPY``), the same search index beside both, the same queries
   interleaved; p50/p95/p99 with facets.  The engine answers both; what
   differs is the store's part (the rows each hit shows).  Beside them,
   PostgreSQL's own Dutch full-text search (``to_tsvector('dutch', …)`` in a
   GIN index) on the same units answers the same queries with a total, the
   ten best by ``ts_rank``, their snippets (``ts_headline``) and the facets:
   what the index costs to build, its size, and its latency.
3. **Four reviewers at once** on one dossier (the UWV store of step 1, or the
   examples): each with a connection of its own decides on proposals of the
   same documents, reloading and retrying when another got in first;
   latency of a decision and whether any was lost.

Skips cleanly when PostgreSQL or the real data is absent.  Figures go to
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.postgres: the throwaway server

REAL = ROOT.parent / "shared" / "data" / "real" / "uwv-woo"
SEARCH_STORES = ROOT / "build" / "bench-search"


def _percentiles(samples: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(sorted(samples), n=100, method="inclusive")
    return statistics.median(samples), cuts[94], cuts[98]


def _files(limit: int | None) -> list[Path]:
    files = sorted(p for p in REAL.rglob("*") if p.is_file())
    return files[:limit] if limit else files


def ingest_speed(server: object, files: list[Path]) -> str:
    from tests.postgres import create_database, drop_database

    from inzage.store import Corpus

    lines = ["| store | workers | seconds | pages | pages/s |", "|---|---|---|---|---|"]
    for workers in (1, 2):
        for store in ("sqlite", "postgresql"):
            with tempfile.TemporaryDirectory() as folder:
                name = f"bench_{uuid.uuid4().hex[:8]}"
                if store == "sqlite":
                    address: str | Path = Path(folder) / "uwv.db"
                else:
                    address = create_database(server, name)  # type: ignore[arg-type]
                    os.environ["INZAGE_INDEX"] = str(Path(folder) / "index")
                started = time.perf_counter()
                with Corpus(address, create=True) as corpus:
                    progress = corpus.ingest(files, workers=workers)
                seconds = time.perf_counter() - started
                if store == "postgresql":
                    drop_database(server, name)  # type: ignore[arg-type]
            line = (
                f"| {store} | {workers} | {seconds:,.1f} | {progress.pages:,} | "
                f"{progress.pages / seconds:,.0f} |"
            )
            print(line, flush=True)
            lines.append(line)
    return "\n".join(lines)


def copy_store(sqlite_path: Path, address: str) -> None:
    """Every row of an SQLite store into an empty PostgreSQL database of the
    same schema (made by opening it as a store), with COPY."""
    import sqlite3

    import psycopg

    from inzage.store import Corpus

    Corpus(address, create=True).close()  # the tables, in the server's types
    source = sqlite3.connect(sqlite_path)
    tables = {
        name: [row[1] for row in source.execute(f'PRAGMA table_info("{name}")')]
        for (name,) in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    with psycopg.connect(address) as target:
        target.execute("SET session_replication_role = replica")  # foreign keys after
        for table, columns in tables.items():
            target.execute(f'TRUNCATE "{table}" CASCADE')
            quoted = ", ".join(f'"{c}"' for c in columns)
            with target.cursor().copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
                for row in source.execute(f'SELECT {quoted} FROM "{table}"'):
                    copy.write_row(row)
            if "id" not in columns:
                continue
            # Ids handed out by the server go on after the copied ones.
            (sequence,) = target.execute(
                "SELECT pg_get_serial_sequence(%s, 'id')", (f'"{table}"',)
            ).fetchone() or (None,)
            if sequence is not None:
                target.execute(
                    f'SELECT setval(%s, coalesce((SELECT max(id) FROM "{table}"), 1))',
                    (sequence,),
                )
        target.commit()
    source.close()


def _tsquery(query: str) -> tuple[str, str]:
    """The benchmark's query classes in PostgreSQL's query functions."""
    if query.startswith('"'):
        return "phraseto_tsquery('dutch', %s)", query.strip('"')
    if query.endswith("*"):
        return "to_tsquery('dutch', %s)", query[:-1] + ":*"
    return "plainto_tsquery('dutch', %s)", query


def postgres_text_search(
    address: str, asked: list[tuple[str, str]]
) -> tuple[list[str], list[float]]:
    """Build PostgreSQL's Dutch text index on the copied units and time the
    queries on it: (report lines, milliseconds per query)."""
    import psycopg

    with psycopg.connect(address, autocommit=True) as connection:
        began = time.perf_counter()
        connection.execute(
            "CREATE TABLE unit_text AS SELECT u.id, u.duplicate, "
            "setweight(to_tsvector('dutch', coalesce(u.title, '')), 'A') || "
            "setweight(to_tsvector('dutch', substr(s.text, CAST(u.start + 1 AS INTEGER), "
            "CAST(u.\"end\" - u.start AS INTEGER))), 'B')"
            " AS words FROM units u JOIN documents d ON d.id = u.document_id "
            "JOIN sources s ON s.id = d.source_id"
        )
        built = time.perf_counter() - began
        began = time.perf_counter()
        connection.execute("CREATE INDEX unit_text_words ON unit_text USING gin (words)")
        connection.execute("ANALYZE unit_text")
        indexed = time.perf_counter() - began
        (size,) = connection.execute("SELECT pg_total_relation_size('unit_text')").fetchone() or (
            0,
        )
        times = []
        for number, (_, query) in enumerate(asked):
            function, argument = _tsquery(query)
            began = time.perf_counter()
            matching = (
                f"SELECT id, words FROM unit_text, {function} AS q "
                "WHERE words @@ q AND duplicate = 0"
            )
            connection.execute(f"SELECT count(*) FROM ({matching}) AS m", (argument,))
            best = connection.execute(
                f"SELECT m.id FROM ({matching.replace('SELECT id, words', 'SELECT id, words, q')}) "
                "AS m ORDER BY ts_rank(m.words, m.q) DESC LIMIT 10",
                (argument,),
            ).fetchall()
            connection.execute(
                "SELECT ts_headline('dutch', "
                f"substr(s.text, CAST(u.start + 1 AS INTEGER), 4000), {function}) "
                "FROM units u JOIN documents d ON d.id = u.document_id "
                "JOIN sources s ON s.id = d.source_id WHERE u.id = ANY(%s)",
                (argument, [b[0] for b in best]),
            )
            connection.execute(
                "SELECT f.facet, f.value, count(*) FROM unit_facets f "
                f"WHERE f.unit_id IN (SELECT id FROM ({matching}) AS m) GROUP BY 1, 2",
                (argument,),
            )
            if number >= 10:  # the first ten warm the caches, as for the engine
                times.append((time.perf_counter() - began) * 1000)
    lines = [
        f"PostgreSQL Dutch text index: built in {built:,.0f} s + GIN {indexed:,.0f} s, "
        f"{size / 2**20:,.0f} MB"
    ]
    return lines, times


def search_speed(server: object, pages: int, per_class: int) -> str:
    import importlib.util

    from tests.postgres import create_database, drop_database

    from inzage.store import Corpus

    folder = SEARCH_STORES / str(pages)
    stored = folder / "engine.db"
    if not stored.exists():
        return f"(no search store at {stored}: run bench/search.py --pages {pages} first)"
    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "bench" / "search.py")
    assert spec is not None and spec.loader is not None
    bench_search = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_search)
    asked = bench_search.queries(folder / "fts5.db", per_class)
    name = f"bench_{uuid.uuid4().hex[:8]}"
    address = create_database(server, name)  # type: ignore[arg-type]
    started = time.perf_counter()
    copy_store(stored, address)
    print(f"copied the {pages:,}-page store in {time.perf_counter() - started:,.0f} s", flush=True)
    with tempfile.TemporaryDirectory() as index:
        # The same index for both: the units have the same ids.
        shutil.copytree(f"{stored}-search", Path(index) / "search")
        os.environ["INZAGE_INDEX"] = str(Path(index) / "search")
        stores = {
            "sqlite": Corpus(stored, read_only=True),
            "postgresql": Corpus(address, read_only=True),
        }
        times: dict[str, list[float]] = {name: [] for name in stores}
        totals_differ = 0
        for _, query in asked[:10]:
            for corpus in stores.values():
                corpus.search(query, limit=10, facets=True)
        for number, (_, query) in enumerate(asked):
            order = list(stores) if number % 2 else list(reversed(stores))
            totals = set()
            for store in order:
                began = time.perf_counter()
                result = stores[store].search(query, limit=10, facets=True)
                times[store].append((time.perf_counter() - began) * 1000)
                totals.add((result.total, tuple(h.document_id for h in result.hits)))
            totals_differ += len(totals) > 1
        for corpus in stores.values():
            corpus.close()
    built, times["postgresql, its own Dutch text search"] = postgres_text_search(address, asked)
    drop_database(server, name)  # type: ignore[arg-type]
    lines = [
        f"{pages:,} pages, {len(asked)} queries with facets, hits and totals differing: "
        f"{totals_differ}",
        *built,
        "| store | p50 | p95 | p99 |",
        "|---|---|---|---|",
    ]
    for store, samples in times.items():
        p50, p95, p99 = _percentiles(samples)
        lines.append(f"| {store} | {p50:,.1f} ms | {p95:,.1f} ms | {p99:,.1f} ms |")
    return "\n".join(lines)


def _review_store(address: str | Path, files: list[Path]) -> None:
    from inzage.store import Corpus
    from inzage.store.dossier import ensure_reviews

    with Corpus(address, create=True) as corpus:
        corpus.ingest(files, workers=2)
        corpus.detect()
        ensure_reviews(corpus.connection)


def _documents_with_proposals(address: str | Path, documents: int) -> list[tuple[str, list[int]]]:
    from inzage.store import Corpus

    with Corpus(address) as corpus:
        rows = corpus.connection.execute(
            "SELECT document_id, id FROM proposals WHERE document_id IS NOT NULL "
            "AND action != 'keep' ORDER BY document_id, id"
        ).fetchall()
    chosen: dict[str, list[int]] = {}
    for document_id, proposal in rows:
        chosen.setdefault(document_id, []).append(proposal)
    busy = sorted(chosen.items(), key=lambda item: -len(item[1]))[:documents]
    # Eight decisions a document, two for each reviewer, all at the same time.
    return [(d, p[:8]) for d, p in busy if len(p) >= 8]


def reviewers_at_once(address: str | Path, work: list[tuple[str, list[int]]]) -> dict[str, object]:
    """Four reviewers, each a thread with its own connection, take the same
    documents in the same order; reviewer k decides on every fourth proposal
    of each, reloading and retrying when another changed the document."""
    from inzage.store import Corpus
    from inzage.store.dossier import ConflictError, decide, document_review

    latencies: list[float] = []
    conflicts = 0
    lock = threading.Lock()
    start = threading.Barrier(4)

    def reviewer(k: int) -> None:
        nonlocal conflicts
        with Corpus(address) as own:
            start.wait()
            for document_id, proposals in work:
                for proposal in proposals[k::4]:
                    while True:
                        review = document_review(own.connection, document_id)
                        assert review is not None
                        began = time.perf_counter()
                        try:
                            decide(
                                own.connection,
                                f"reviewer-{k}",
                                document_id,
                                review.version,
                                proposal,
                                "rejected",
                            )
                        except ConflictError:
                            with lock:
                                conflicts += 1
                            continue
                        with lock:
                            latencies.append((time.perf_counter() - began) * 1000)
                        break

    threads = [threading.Thread(target=reviewer, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    decided = sum(len(p) for _, p in work)
    with Corpus(address) as corpus:
        ids = [p for _, proposals in work for p in proposals]
        marks = ",".join("?" * len(ids))
        (rejected,) = corpus.connection.execute(
            f"SELECT count(*) FROM proposals WHERE status = 'rejected' AND id IN ({marks})", ids
        ).fetchone()
        (audited,) = corpus.connection.execute(
            "SELECT count(*) FROM audit WHERE action = 'decide'"
        ).fetchone()
    p50, p95, p99 = _percentiles(latencies)
    return {
        "decisions": decided,
        "rejected": rejected,
        "audited": audited,
        "conflicts": conflicts,
        "p50": p50,
        "p95": p95,
        "p99": p99,
    }


def review_speed(server: object, files: list[Path]) -> str:
    from tests.postgres import create_database, drop_database

    lines = [
        "| store | documents | decisions | stored / audited | conflicts retried | "
        "p50 / p95 / p99 |",
        "|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as folder:
        os.environ["INZAGE_INDEX"] = str(Path(folder) / "index")
        name = f"bench_{uuid.uuid4().hex[:8]}"
        stores: dict[str, str | Path] = {
            "sqlite": Path(folder) / "review.db",
            "postgresql": create_database(server, name),  # type: ignore[arg-type]
        }
        for store, address in stores.items():
            _review_store(address, files)
            work = _documents_with_proposals(address, 25)
            got = reviewers_at_once(address, work)
            lines.append(
                f"| {store} | {len(work)} | {got['decisions']} | {got['rejected']} / "
                f"{got['audited']} | {got['conflicts']} | {got['p50']:,.1f} / "
                f"{got['p95']:,.1f} / {got['p99']:,.1f} ms |"
            )
            print(lines[-1], flush=True)
        drop_database(server, name)  # type: ignore[arg-type]
    return "\n".join(lines)


def _server() -> Iterator[object]:
    from tests.postgres import UnavailableError, throwaway_server

    try:
        with throwaway_server() as server:
            yield server
    except UnavailableError as exc:
        print(f"server store: skipped ({exc})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=None, help="only the first N UWV files")
    parser.add_argument("--search-pages", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=30, help="search queries per class")
    parser.add_argument(
        "--only", choices=["ingest", "search", "review"], action="append", help="(repeatable)"
    )
    arguments = parser.parse_args()
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    for server in _server():
        parts = set(arguments.only or ["ingest", "search", "review"])
        if REAL.is_dir() and "ingest" in parts:
            print(
                "\n== ingest, UWV text releases\n" + ingest_speed(server, _files(arguments.files))
            )
        elif "ingest" in parts:
            print(f"ingest: skipped ({REAL} is absent)")
        if "search" in parts:
            found = search_speed(server, arguments.search_pages, arguments.queries)
            print("\n== search with facets\n" + found)
        if "review" not in parts:
            continue
        reviewed = (
            _files(arguments.files or 200)
            if REAL.is_dir()
            else sorted((ROOT / "examples").iterdir())
        )
        print("\n== four reviewers at once\n" + review_speed(server, reviewed))


if __name__ == "__main__":
    main()
