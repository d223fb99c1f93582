"""Load test of the web app: ``inzage serve`` under N concurrent clients.

Starts ``inzage serve`` (the one next to this Python) on 127.0.0.1 only, warms it
up, then lets ``--clients`` clients (asyncio + httpx2, keep-alive connections)
each loop over a mixed workload for ``--seconds``: searches as pages and through
the API (words, "phrases", ``prefix*``, AND/OR/NOT, with filters and facets),
document and thread pages, the API's documents, messages and threads, the
timeline, the lists, and a few missing ids (an expected 404).  The ids come from
the database, opened read-only; the queries are made up here.

It measures, per request class and overall: requests, requests/s, p50/p95/p99
and max latency (request sent to body read), errors (any status other than 2xx,
or other than 404 where a 404 is expected, and connection errors, each listed),
the server's RSS (``/proc/PID/status``) before the load, after the warm-up,
after the run and at its peak, the CPU it used, the client's event-loop lag (a
busy client inflates latencies), and how long the server takes to exit on
SIGTERM.  Prints Markdown; ``--json`` adds the summary as JSON (``--json FILE``
writes it to FILE instead).

Run::

    .venv/bin/python bench/load.py --db /tmp/real/uwv.db --clients 50 --seconds 60
    .venv/bin/python bench/load.py --clients 5 --seconds 10 --json

Without ``--db`` it uses build/load.db, built first with ``inzage ingest`` from
../shared/data/real/uwv-woo when that folder is there; with neither it says so
and exits 0.  The clients run in this process, on the same machine as the
server: on a small machine they compete with it for the CPU.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote, urlencode

import httpx2

REPO = Path(__file__).resolve().parent.parent
REAL = REPO.parent / "shared" / "data" / "real" / "uwv-woo"
DEFAULT_DB = REPO / "build" / "load.db"
HOST = "127.0.0.1"
WINDOW = 10.0  # seconds per row of the over-time figures

# Made-up searches of the kind a reader of released UWV/ministry papers types:
# words, phrases, prefixes, operators and brackets, one that finds nothing, and
# the empty query (everything that passes the filters, newest first).
QUERIES = (
    "uitkering",
    "ziektewet",
    "arbeidsongeschiktheid",
    "herbeoordeling",
    "verzekeringsarts",
    "loonkostensubsidie",
    "thuiswerken",
    "datalek",
    "klanttevredenheid",
    "personeelstekort",
    "zeehondencrèche",
    "werkgever loondoorbetaling",
    "minister brief",
    "begroting 2023",
    "bezwaar beroep termijn",
    '"sociaal medische beoordeling"',
    '"tweede kamer"',
    '"kamervragen over"',
    '"in de bijlage"',
    '"met vriendelijke groet"',
    "jeugd*",
    "herbeoordel*",
    "arbeidsongeschikt*",
    "fraude OR misbruik",
    "wachttijd AND keuring",
    "klacht NOT bezwaar",
    "(achterstand OR wachtlijst) AND WIA",
    "privacy AND (datalek OR beveiliging)",
    "Wajong NOT jongeren",
    "re-integratie",
    "algoritme risicoprofiel",
    '"uitvoering" AND capaciteit',
    "overleg* NOT vertrouwelijk",
    "handhaving OR terugvordering OR boete",
    "",
)
KINDS = ("email", "memo", "letter", "other")
GROUNDS = ("5.1.2e", "5.1.2i", "5.1.1e", "5.1.2a", "5.2")
DATE_RANGES: tuple[tuple[str | None, str | None], ...] = (
    ("2020-01-01", "2020-12-31"),
    ("2021-01-01", "2022-06-30"),
    ("2023-01-01", None),
    (None, "2019-12-31"),
)
# Request classes and their share of the mix.
WEIGHTS = {
    "search_html": 18,
    "search_api": 10,
    "search_api_facets": 10,
    "document_html": 14,
    "document_api": 7,
    "document_text_api": 3,
    "thread_html": 7,
    "thread_api": 5,
    "message_api": 6,
    "timeline_html": 4,
    "timeline_api": 4,
    "lists": 4,
    "not_found": 2,
}
LISTS = (
    "/organisations",
    "/grounds",
    "/api/organisations",
    "/api/grounds",
    "/api/entities",
    "/api/stats",
)


def log(message: str) -> None:
    print(f"load: {message}", file=sys.stderr, flush=True)


# -- the corpus ----------------------------------------------------------------


@dataclass(frozen=True)
class Ids:
    documents: list[str]
    threads: list[int]
    messages: list[int]
    organisations: list[str]
    domains: list[str]


def _column(db: sqlite3.Connection, sql: str) -> list[Any]:
    try:
        return [row[0] for row in db.execute(sql)]
    except sqlite3.OperationalError:  # a table of another schema version
        return []


def gather_ids(path: Path) -> Ids:
    """What to ask for, read from the database in read-only mode."""
    db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        top = (
            "SELECT value FROM unit_facets WHERE facet = '{}' "
            "GROUP BY value ORDER BY count(*) DESC LIMIT 20"
        )
        return Ids(
            documents=_column(db, "SELECT id FROM documents"),
            threads=_column(db, "SELECT id FROM threads"),
            messages=_column(db, "SELECT id FROM messages"),
            organisations=_column(db, top.format("organisation")),
            domains=_column(db, top.format("domain")),
        )
    finally:
        db.close()


# -- the workload --------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    kind: str  # the request class
    path: str
    expect_404: bool = False


class Workload:
    """Requests drawn at random from the mix (one per client, seeded)."""

    def __init__(self, ids: Ids, rng: random.Random) -> None:
        self.ids = ids
        self.rng = rng
        needs = {
            "document_html": ids.documents,
            "document_api": ids.documents,
            "document_text_api": ids.documents,
            "thread_html": ids.threads,
            "thread_api": ids.threads,
            "message_api": ids.messages,
        }
        self.classes = [k for k in WEIGHTS if needs.get(k, [True])]
        self.weights = [WEIGHTS[k] for k in self.classes]
        self.missing_document = "f" * 20
        while self.missing_document in ids.documents:
            self.missing_document += "f"
        self.missing_number = max([*ids.threads, *ids.messages, 0]) + 1_000_000

    def next(self) -> Request:
        return self.make(self.rng.choices(self.classes, self.weights)[0])

    def filters(self) -> dict[str, str]:
        """None, one or two filters, as the search form and the facet links set them."""
        rng = self.rng
        chosen: dict[str, str] = {}
        for _ in range(rng.choices((0, 1, 2), (50, 35, 15))[0]):
            which = rng.choice(("kind", "date", "org", "ground", "domain"))
            if which == "kind":
                chosen["kind"] = rng.choice(KINDS)
            elif which == "date":
                first, last = rng.choice(DATE_RANGES)
                chosen.update({k: v for k, v in (("from", first), ("to", last)) if v})
            elif which == "org" and self.ids.organisations:
                chosen["org"] = rng.choice(self.ids.organisations[:10])
            elif which == "ground":
                chosen["ground"] = rng.choice(GROUNDS)
            elif which == "domain" and self.ids.domains:
                chosen["domain"] = rng.choice(self.ids.domains)
        return chosen

    def search(self, *, offset: bool = True) -> dict[str, str]:
        params = {"q": self.rng.choice(QUERIES), **self.filters()}
        if offset and self.rng.random() < 0.1:
            params["offset"] = "20"
        return {k: v for k, v in params.items() if v}

    def make(self, kind: str) -> Request:
        rng = self.rng
        if kind == "search_html":
            return Request(kind, "/?" + urlencode(self.search()))
        if kind == "search_api":
            return Request(kind, "/api/search?" + urlencode(self.search()))
        if kind == "search_api_facets":
            return Request(kind, "/api/search?" + urlencode({**self.search(), "facets": "true"}))
        if kind in ("document_html", "document_api", "document_text_api"):
            document = quote(rng.choice(self.ids.documents), safe="")
            prefix, suffix = {
                "document_html": ("/documents/", ""),
                "document_api": ("/api/documents/", ""),
                "document_text_api": ("/api/documents/", "/text"),
            }[kind]
            return Request(kind, f"{prefix}{document}{suffix}")
        if kind == "thread_html":
            return Request(kind, f"/threads/{rng.choice(self.ids.threads)}")
        if kind == "thread_api":
            return Request(kind, f"/api/threads/{rng.choice(self.ids.threads)}")
        if kind == "message_api":
            return Request(kind, f"/api/messages/{rng.choice(self.ids.messages)}")
        if kind in ("timeline_html", "timeline_api"):
            params = self.search(offset=False) if rng.random() < 0.6 else self.filters()
            base = "/timeline" if kind == "timeline_html" else "/api/timeline"
            return Request(kind, f"{base}?{urlencode(params)}" if params else base)
        if kind == "lists":
            return Request(kind, rng.choice(LISTS))
        if kind == "not_found":
            path = rng.choice(
                (
                    f"/documents/{self.missing_document}",
                    f"/api/documents/{self.missing_document}",
                    f"/threads/{self.missing_number}",
                    f"/api/threads/{self.missing_number}",
                    f"/api/messages/{self.missing_number}",
                )
            )
            return Request(kind, path, expect_404=True)
        raise ValueError(kind)


# -- the server ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (the peak the kernel saw) in KiB; empty off Linux."""
    values: dict[str, int] = {}
    try:
        with Path(f"/proc/{pid}/status").open() as status:
            for line in status:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0])
    except (OSError, ValueError):
        pass
    return values


def rss_kib(pid: int) -> int | None:
    return proc_status(pid).get("VmRSS")


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time of a process, from /proc/PID/stat."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def start_server(inzage: Path, db: Path, port: int, output: IO[bytes]) -> subprocess.Popen[bytes]:
    command = [str(inzage), "serve", "--db", str(db), "--host", HOST, "--port", str(port)]
    return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output, stderr=output)


def wait_ready(base: str, server: subprocess.Popen[bytes], limit: float = 60.0) -> float:
    """Seconds until ``/api/stats`` answers 200; raises if the server exits or never does."""
    start = time.perf_counter()
    with httpx2.Client(base_url=base, timeout=5.0, trust_env=False) as client:
        while time.perf_counter() - start < limit:
            if server.poll() is not None:
                raise RuntimeError(f"the server exited with code {server.returncode}")
            try:
                if client.get("/api/stats").status_code == 200:
                    return time.perf_counter() - start
            except httpx2.TransportError:
                pass
            time.sleep(0.1)
    raise RuntimeError(f"the server did not answer within {limit:.0f} s")


def stop_server(server: subprocess.Popen[bytes], limit: float) -> dict[str, Any]:
    """SIGTERM, then wait up to ``limit`` seconds (and SIGKILL if it is still there)."""
    start = time.perf_counter()
    server.send_signal(signal.SIGTERM)
    try:
        code = server.wait(timeout=limit)
        return {
            "exited": True,
            "seconds": round(time.perf_counter() - start, 3),
            "returncode": code,
        }
    except subprocess.TimeoutExpired:
        server.kill()
        code = server.wait()
        return {
            "exited": False,
            "seconds": round(time.perf_counter() - start, 3),
            "returncode": code,
            "killed_after": limit,
        }


# -- the load ------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    kind: str
    path: str
    start: float  # seconds since the load began
    seconds: float
    status: int | None  # None: no response
    size: int
    error: str | None  # what went wrong; None when the answer was as expected


@dataclass
class Run:
    warmup: list[Result] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    rss_before: int | None = None
    rss_warm: int | None = None
    rss_after: int | None = None
    rss_samples: list[tuple[float, int]] = field(default_factory=list)
    hwm_after: int | None = None
    cpu_server: float | None = None
    cpu_client: float = 0.0
    lag: list[float] = field(default_factory=list)
    elapsed: float = 0.0


async def fetch(client: httpx2.AsyncClient, request: Request, origin: float) -> Result:
    start = time.perf_counter()
    try:
        response = await client.get(request.path)
    except (httpx2.HTTPError, OSError) as exc:
        return Result(
            request.kind,
            request.path,
            start - origin,
            time.perf_counter() - start,
            None,
            0,
            f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__,
        )
    seconds = time.perf_counter() - start
    status = response.status_code
    ok = status == 404 if request.expect_404 else 200 <= status < 300
    error = None
    if not ok:
        error = f"HTTP {status}" + (" (expected 404)" if request.expect_404 else "")
        if status >= 500:
            error += ": " + response.text[:200].replace("\n", " ")
    return Result(
        request.kind, request.path, start - origin, seconds, status, len(response.content), error
    )


async def client_loop(
    client: httpx2.AsyncClient,
    workload: Workload,
    origin: float,
    deadline: float,
    cap: int,
    results: list[Result],
) -> None:
    for _ in range(cap):
        if time.perf_counter() >= deadline:
            return
        results.append(await fetch(client, workload.next(), origin))


async def watch(pid: int, origin: float, stop: asyncio.Event, run: Run) -> None:
    """Samples the server's RSS and this loop's lag (how late a 0.1 s sleep wakes)."""
    while not stop.is_set():
        before = time.perf_counter()
        await asyncio.sleep(0.1)
        now = time.perf_counter()
        run.lag.append(now - before - 0.1)
        rss = rss_kib(pid)
        if rss is not None:
            run.rss_samples.append((now - origin, rss))


async def load(base: str, ids: Ids, args: argparse.Namespace, pid: int) -> Run:
    run = Run(rss_before=rss_kib(pid))
    limits = httpx2.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
    async with httpx2.AsyncClient(
        base_url=base, timeout=args.timeout, limits=limits, trust_env=False
    ) as client:
        warm = Workload(ids, random.Random(args.seed - 1))
        origin = time.perf_counter()
        for kind in warm.classes:
            for _ in range(args.warmup):
                run.warmup.append(await fetch(client, warm.make(kind), origin))
        run.rss_warm = rss_kib(pid)
        log(f"warmed up ({len(run.warmup)} requests); {args.clients} clients, {args.seconds} s")

        cpu_server = cpu_seconds(pid)
        cpu_client = time.process_time()
        origin = time.perf_counter()
        deadline = origin + args.seconds
        stop = asyncio.Event()
        watcher = asyncio.create_task(watch(pid, origin, stop, run))
        clients = [
            client_loop(
                client,
                Workload(ids, random.Random(args.seed + n)),
                origin,
                deadline,
                args.max_requests,
                run.results,
            )
            for n in range(args.clients)
        ]
        await asyncio.gather(*clients)
        run.elapsed = time.perf_counter() - origin
        stop.set()
        await watcher
        run.cpu_client = time.process_time() - cpu_client
        after = cpu_seconds(pid)
        if after is not None and cpu_server is not None:
            run.cpu_server = after - cpu_server
    run.rss_after = rss_kib(pid)
    run.hwm_after = proc_status(pid).get("VmHWM")
    return run


# -- figures -------------------------------------------------------------------


def percentile(ordered: list[float], p: float) -> float:
    """Linear interpolation between closest ranks; ``ordered`` ascending, not empty."""
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def figures(results: list[Result], elapsed: float) -> dict[str, Any]:
    times = sorted(r.seconds * 1000 for r in results)
    if not times:
        return {"requests": 0}
    return {
        "requests": len(times),
        "per_second": round(len(times) / elapsed, 1),
        "p50_ms": round(percentile(times, 50), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "p99_ms": round(percentile(times, 99), 1),
        "max_ms": round(times[-1], 1),
        "errors": sum(1 for r in results if r.error),
        "expected_404": sum(1 for r in results if r.status == 404 and not r.error),
        "mean_kb": round(sum(r.size for r in results) / len(results) / 1024, 1),
    }


def mib(kib: int | None) -> float | None:
    return None if kib is None else round(kib / 1024, 1)


def machine() -> dict[str, Any]:
    model = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.partition(":")[2].strip()
                break
    except OSError:
        pass
    try:
        usable: int | None = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = None
    return {
        "cpu": model or platform.processor() or None,
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
        "httpx2": httpx2.__version__,
    }


def git_state() -> str | None:
    try:
        commit = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no", "src"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return commit + (" + uncommitted changes in src/" if dirty else "")


def summarise(run: Run, args: argparse.Namespace, db: Path, ids: Ids) -> dict[str, Any]:
    by_kind: dict[str, list[Result]] = defaultdict(list)
    for result in run.results:
        by_kind[result.kind].append(result)
    errors: Counter[tuple[str, str, str]] = Counter()
    examples: dict[tuple[str, str, str], str] = {}
    for phase, results in (("warm-up", run.warmup), ("load", run.results)):
        for result in results:
            if result.error:
                key = (phase, result.kind, result.error)
                errors[key] += 1
                examples.setdefault(key, result.path)
    windows: list[dict[str, Any]] = []
    for n in range(max(1, math.ceil(args.seconds / WINDOW))):
        low, high = n * WINDOW, (n + 1) * WINDOW
        inside = [r for r in run.results if low <= r.start < high]
        last = math.inf if high >= args.seconds else high  # the last window runs to the end
        rss = [kib for t, kib in run.rss_samples if low <= t < last]
        span = min(high, args.seconds) - low
        windows.append(
            {
                "from_s": low,
                "requests": len(inside),
                "per_second": round(len(inside) / span, 1) if span > 0 else None,
                "p95_ms": (
                    round(percentile(sorted(r.seconds * 1000 for r in inside), 95), 1)
                    if inside
                    else None
                ),
                "rss_max_mib": mib(max(rss)) if rss else None,
            }
        )
    warm: dict[str, list[float]] = defaultdict(list)
    for result in run.warmup:
        warm[result.kind].append(result.seconds * 1000)
    # The warm-up's requests come one at a time: the median is the unloaded latency.
    idle = {k: round(percentile(sorted(v), 50), 1) for k, v in warm.items()}
    lag = sorted(x * 1000 for x in run.lag)
    peak = max((kib for _, kib in run.rss_samples), default=None)
    return {
        "database": str(db),
        "corpus": {
            "documents": len(ids.documents),
            "threads": len(ids.threads),
            "messages": len(ids.messages),
        },
        "clients": args.clients,
        "seconds": args.seconds,
        "elapsed_s": round(run.elapsed, 2),
        "warmup_requests": len(run.warmup),
        "overall": figures(run.results, run.elapsed),
        "classes": {
            k: figures(by_kind[k], run.elapsed) | {"idle_ms": idle.get(k)}
            for k in WEIGHTS
            if k in by_kind
        },
        "errors": [
            {"phase": p, "class": k, "error": e, "count": n, "example": examples[(p, k, e)]}
            for (p, k, e), n in errors.most_common()
        ],
        "slowest": [
            {"ms": round(r.seconds * 1000, 1), "status": r.status, "path": r.path}
            for r in sorted(run.results, key=lambda r: -r.seconds)[:10]
        ],
        "rss_mib": {
            "before_load": mib(run.rss_before),
            "after_warmup": mib(run.rss_warm),
            "after_run": mib(run.rss_after),
            "peak_sampled": mib(peak),
            "peak_kernel_hwm": mib(run.hwm_after),
        },
        "over_time": windows,
        "cpu_seconds": {
            "server": None if run.cpu_server is None else round(run.cpu_server, 1),
            "client": round(run.cpu_client, 1),
        },
        "client_loop_lag_ms": (
            {"p50": round(percentile(lag, 50), 1), "p95": round(percentile(lag, 95), 1)}
            | {"max": round(lag[-1], 1)}
            if lag
            else None
        ),
    }


def _cell(value: Any) -> str:
    return "–" if value is None else f"{value:,}" if isinstance(value, int) else str(value)


def markdown(summary: dict[str, Any]) -> str:
    s = summary
    corpus = s["corpus"]
    lines = [
        "## inzage serve under load",
        "",
        f"{s['clients']} clients for {s['seconds']} s (took {s['elapsed_s']} s, after "
        f"{s['warmup_requests']} warm-up requests) against {s['database']} "
        f"({corpus['documents']:,} documents, {corpus['threads']:,} threads, "
        f"{corpus['messages']:,} messages).",
        "",
        "| class | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | 404 expected "
        "| mean KB | idle ms |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    columns = (
        "requests",
        "per_second",
        "p50_ms",
        "p95_ms",
        "p99_ms",
        "max_ms",
        "errors",
        "expected_404",
        "mean_kb",
        "idle_ms",
    )
    rows = [*s["classes"].items(), ("**all**", s["overall"])]
    for name, row in rows:
        lines.append(f"| {name} | " + " | ".join(_cell(row.get(c)) for c in columns) + " |")
    rss = s["rss_mib"]
    cpu = s["cpu_seconds"]
    lag = s["client_loop_lag_ms"]
    stop = s.get("sigterm", {})
    lines += [
        "",
        f"Server RSS (MiB): before load {_cell(rss['before_load'])}, after warm-up "
        f"{_cell(rss['after_warmup'])}, after the run {_cell(rss['after_run'])}, peak "
        f"{_cell(rss['peak_sampled'])} (sampled every 0.1 s; kernel high-water mark "
        f"{_cell(rss['peak_kernel_hwm'])}); after each round: "
        f"{', '.join(_cell(x) for x in s.get('rss_after_rounds_mib', []))}.",
        "",
        f"CPU during the run: server {_cell(cpu['server'])} s, client {_cell(cpu['client'])} s "
        f"in {s['elapsed_s']} s; client event-loop lag "
        + (f"p50 {lag['p50']} / p95 {lag['p95']} / max {lag['max']} ms." if lag else "–."),
        "",
        "SIGTERM: "
        + (
            f"exited in {stop.get('seconds')} s with code {stop.get('returncode')}"
            + (
                " (uvicorn re-raises the signal after a graceful shutdown)."
                if stop.get("returncode") == -signal.SIGTERM
                else "."
            )
            if stop.get("exited")
            else f"did not exit within {stop.get('killed_after')} s; killed."
        ),
        "",
        "| from s | requests | req/s | p95 ms | RSS max MiB |",
        "|--:|--:|--:|--:|--:|",
    ]
    for w in s["over_time"]:
        lines.append(
            f"| {w['from_s']:.0f} | {w['requests']:,} | {_cell(w['per_second'])} "
            f"| {_cell(w['p95_ms'])} | {_cell(w['rss_max_mib'])} |"
        )
    lines += [
        "",
        "idle ms: median of the warm-up's requests, sent one at a time before the load.",
        "",
        "Errors:" if s["errors"] else "Errors: none.",
    ]
    for e in s["errors"]:
        lines.append(f"- {e['count']}× {e['phase']} {e['class']}: {e['error']} — `{e['example']}`")
    lines += ["", "Slowest requests:"]
    lines += [f"- {r['ms']:,} ms {_cell(r['status'])} `{r['path']}`" for r in s["slowest"]]
    m = s["machine"]
    lines += [
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores ({m['usable_cores']} usable), Python "
        f"{m['python']}, SQLite {m['sqlite']}, {m['platform']}; load average "
        f"{m['load_average']} before, {s['load_average_after']} after; code {s['code']}.",
    ]
    if s.get("server_log"):
        lines += ["", "Server output (last lines):", "", "```", *s["server_log"], "```"]
    return "\n".join(lines)


# -- main ----------------------------------------------------------------------


def corpus_path(given: Path | None, inzage: Path) -> Path | None:
    """The database to serve: ``given``, or build/load.db (built if the real data is here)."""
    if given is not None:
        return given
    if DEFAULT_DB.exists():
        return DEFAULT_DB
    if not REAL.is_dir():
        return None
    log(f"building {DEFAULT_DB} from {REAL}")
    DEFAULT_DB.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(inzage), "ingest", "--db", str(DEFAULT_DB), str(REAL)], check=True, stdout=sys.stderr
    )
    return DEFAULT_DB


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--db", type=Path, help="corpus database (default: build/load.db)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the run")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: a free one)")
    parser.add_argument("--warmup", type=int, default=3, help="warm-up requests per class")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    parser.add_argument(
        "--max-requests", type=int, default=100_000, help="requests per client at most"
    )
    parser.add_argument("--stop-timeout", type=float, default=15.0, help="SIGTERM grace, s")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--rounds", type=int, default=1, help="runs against the same server (figures: the last)"
    )
    parser.add_argument("--server-log", type=Path, help="keep the server's output in this file")
    parser.add_argument(
        "--json",
        nargs="?",
        const="-",
        metavar="FILE",
        help="the summary as JSON too: after the Markdown, or into FILE",
    )
    args = parser.parse_args()
    counts = (args.clients, args.max_requests, args.rounds)
    if min(counts) < 1 or args.seconds <= 0 or args.warmup < 0:
        parser.error("--clients, --seconds, --rounds and --max-requests must be positive")
    if not 0 <= args.port <= 65535:
        parser.error("--port must be 0..65535")
    return args


def main() -> int:
    args = arguments()
    inzage = Path(sys.executable).parent / "inzage"
    if not inzage.exists():
        log(f"no inzage next to {sys.executable}; run from the project's virtualenv")
        return 2
    db = corpus_path(args.db, inzage)
    if db is None:
        log(f"skipped: no --db, no {DEFAULT_DB} and no real data at {REAL}")
        return 0
    if not db.is_file():
        log(f"no database at {db}")
        return 2
    ids = gather_ids(db)
    if not ids.documents:
        log(f"{db} holds no documents")
        return 2
    port = args.port or free_port()
    base = f"http://{HOST}:{port}"
    about = machine()
    code = git_state()
    with args.server_log.open("w+b") if args.server_log else tempfile.TemporaryFile() as output:
        server = start_server(inzage, db, port, output)
        try:
            log(f"started the server (pid {server.pid}) at {base}/ over {db}")
            try:
                ready = wait_ready(base, server)
            except RuntimeError as exc:
                output.seek(0)
                sys.stderr.write(output.read().decode("utf-8", "replace"))
                log(str(exc))
                return 1
            log(f"answering after {ready:.1f} s")
            # Several rounds against one server: RSS after each tells a plateau
            # (caches filling) from a leak (it would keep climbing).
            rounds = [asyncio.run(load(base, ids, args, server.pid)) for _ in range(args.rounds)]
            run = rounds[-1]
            summary = summarise(run, args, db, ids)
            summary["rss_after_rounds_mib"] = [mib(r.rss_after) for r in rounds]
            summary["startup_s"] = round(ready, 2)
            summary["sigterm"] = stop_server(server, args.stop_timeout)
        finally:
            if server.poll() is None:
                server.kill()
                server.wait()
        output.seek(0)
        text = output.read().decode("utf-8", "replace").splitlines()
    summary["server_log"] = [line for line in text if "(Ctrl-C stops)" not in line][-40:]
    summary["machine"] = about
    summary["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    summary["code"] = code
    print(markdown(summary))
    if args.json == "-":
        print("\n```json\n" + json.dumps(summary, indent=2, ensure_ascii=False) + "\n```")
    elif args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
        log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
