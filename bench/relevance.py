"""Search relevance: inzage's ranking against a BM25 baseline, on judged information needs.

    .venv/bin/python bench/relevance.py [--pool] [--report] [--json] [--rebuild]
                                        [--needs PATH] [--judgements PATH] [--workers N]

The corpus is every ``*.md`` under ``../shared/data/real/uwv-woo`` and
``../shared/data/real/vws-chunks`` (skipped cleanly when absent); a
document's key is its path relative to ``real/``.  inzage ingests it into
build/relevance/corpus.db, which is kept and reused (the ranking code may
change freely: that needs a new run, not a new store).  It is ingested
again with ``--rebuild``, when the files changed or when the code that cuts
the search units (``REINGEST``) did; its search index alone is made again
from the stored units (seconds, not minutes) when the terms or the index's
fields (``REINDEX``) changed, or when the index lacks units (one of another
version).  A printed line says why.

The information needs are ``bench/relevance/needs.yaml`` (a list of ``{id,
type: keyword|question|named, query, need}``), the judgements
``bench/relevance/judgements.tsv`` (``need``, ``document``: the digest of the
file's path, see :func:`document_key`, ``grade``: 0 not relevant, 1 partly,
2 relevant).  Each query goes to ``Corpus.search`` (the
first page of ten hits, as a reader sees it; a query inzage cannot read has
no result) and to BM25 (``bench/relevance_bm25.py``: bm25s with PyStemmer's
Snowball Dutch stemmer and bm25s's Dutch stop words, one document a file),
which runs in its own virtual environment, build/relevance/bm25-venv, made
here on first use with pip (bm25s is MIT-licensed, PyStemmer MIT and BSD),
so neither is a dependency of inzage; its index is kept in
build/relevance/bm25-index for the next run on the same files.

``--pool`` writes build/relevance/to-judge.tsv: every (need, document) in
either system's top ten that has no grade yet, with the file's path for the
judge.  ``--report`` (the default
once judgements exist) prints, per system and query type, nDCG@10 (gain
2^grade − 1, log2 discount, the ideal from all judged documents of the
need; a file shown again further down gains nothing; unjudged files count
as not relevant, and how many there were is reported), recall@10 (grade ≥ 1)
and the share of queries with no result, then a line per need.  Needs
without any judged relevant document are left out of nDCG and recall (they
have no ideal), not out of the no-result rate.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "data" / "real"
FOLDERS = ("uwv-woo", "vws-chunks")
BUILD = ROOT / "build" / "relevance"
STORE = BUILD / "corpus.db"
STAMP = BUILD / "corpus.stamp.json"
TO_JUDGE = BUILD / "to-judge.tsv"
BM25_VENV = BUILD / "bm25-venv"
BM25_PACKAGES = ("bm25s", "PyStemmer")
BM25_SCRIPT = Path(__file__).resolve().parent / "relevance_bm25.py"
BM25_INDEX = BUILD / "bm25-index"
NEEDS = ROOT / "bench" / "relevance" / "needs.yaml"
JUDGEMENTS = ROOT / "bench" / "relevance" / "judgements.tsv"
# What decides the search index's content.  The units (what is indexed as one
# hit) are cut at ingest: a change there needs the files ingested again; the
# terms and the index's fields only need the index made again from the stored
# units.
REINGEST = (
    "src/inzage/store/units.py",
    "src/inzage/store/abbreviations.py",  # read at ingest
)
REINDEX = (
    "src/inzage/store/terms.py",
    "src/inzage/store/engine.py",
    "src/inzage/store/indexing.py",
)
INDEXING = REINGEST + REINDEX
K = 10
TYPES = ("keyword", "question", "named")
SYSTEMS = ("inzage", "bm25")
GRADES = (0, 1, 2)

Ranking = list[str]  # document keys, best first, a file's repeats kept
Grades = dict[str, int]  # document key → grade, for one need
Judgements = dict[str, Grades]  # need id → its grades


@dataclass(frozen=True)
class Need:
    id: str
    type: str
    query: str
    need: str


# The metrics: pure functions of a ranking and one need's grades.


def gain(grade: int) -> float:
    return float(2**grade - 1)


def gains(ranking: Sequence[str], grades: Mapping[str, int], k: int = K) -> list[float]:
    """The gain at each of the first ``k`` places: a file already shown above
    gains nothing (the reader has seen it), an unjudged one counts as grade 0."""
    seen: set[str] = set()
    out: list[float] = []
    for key in ranking[:k]:
        out.append(0.0 if key in seen else gain(grades.get(key, 0)))
        seen.add(key)
    return out


def dcg(values: Iterable[float]) -> float:
    return sum(value / math.log2(place + 2) for place, value in enumerate(values))


def ideal_dcg(grades: Mapping[str, int], k: int = K) -> float:
    """The DCG of the best possible first page: every judged document of the
    need, highest grade first."""
    return dcg(sorted((gain(g) for g in grades.values()), reverse=True)[:k])


def ndcg(ranking: Sequence[str], grades: Mapping[str, int], k: int = K) -> float | None:
    """nDCG@k; ``None`` when nothing judged for the need is relevant (no ideal)."""
    ideal = ideal_dcg(grades, k)
    return None if ideal == 0 else dcg(gains(ranking, grades, k)) / ideal


def recall(ranking: Sequence[str], grades: Mapping[str, int], k: int = K) -> float | None:
    """The share of the need's relevant documents (grade ≥ 1) in the first ``k``;
    ``None`` when it has none."""
    relevant = {key for key, grade in grades.items() if grade >= 1}
    if not relevant:
        return None
    return len(relevant & set(ranking[:k])) / len(relevant)


def unjudged(ranking: Sequence[str], grades: Mapping[str, int], k: int = K) -> int:
    """Distinct files in the first ``k`` that have no grade for the need."""
    return len({key for key in ranking[:k] if key not in grades})


def zero_result_rate(rankings: Sequence[Sequence[str]]) -> float | None:
    """The share of queries that found nothing; ``None`` for no queries."""
    if not rankings:
        return None
    return sum(1 for ranking in rankings if not ranking) / len(rankings)


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the defined values; ``None`` when there are none."""
    defined = [value for value in values if value is not None]
    return sum(defined) / len(defined) if defined else None


def to_pool(
    needs: Sequence[Need], runs: Mapping[str, Mapping[str, Ranking]], judgements: Judgements
) -> list[tuple[str, str, str]]:
    """(need, document, systems) for every file in any system's first page
    that has no grade yet; systems joined by "+" when more than one showed it."""
    rows: list[tuple[str, str, str]] = []
    for need in needs:
        grades = judgements.get(need.id, {})
        shown: dict[str, list[str]] = {}
        for system, rankings in runs.items():
            for key in rankings.get(need.id, [])[:K]:
                if key not in grades and system not in shown.setdefault(key, []):
                    shown[key].append(system)
        rows.extend((need.id, key, "+".join(systems)) for key, systems in shown.items())
    return rows


# Reading the needs, the judgements and the corpus.


def read_needs(path: Path) -> list[Need]:
    import yaml

    loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(loaded, list):
        raise SystemExit(f"{path}: expected a list of needs")
    needs: list[Need] = []
    for number, entry in enumerate(loaded, 1):
        if not isinstance(entry, dict) or not {"id", "query"} <= entry.keys():
            raise SystemExit(f"{path}: need {number} has no id or no query")
        needs.append(
            Need(
                id=str(entry["id"]),
                type=str(entry.get("type", "keyword")),
                query=str(entry["query"]),
                need=str(entry.get("need", "")),
            )
        )
    ids = [need.id for need in needs]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise SystemExit(f"{path}: need ids used twice: {', '.join(repeated)}")
    return needs


def read_judgements(path: Path) -> Judgements:
    """need → document → grade; a later line for the same pair wins (a second look)."""
    judgements: Judgements = {}
    if not path.is_file():
        return judgements
    with path.open(encoding="utf-8", newline="") as stream:
        rows = csv.reader(stream, delimiter="\t")
        for number, row in enumerate(rows, 1):
            if not row or not "".join(row).strip() or row[0].startswith("#"):
                continue
            if number == 1 and row[0] == "need":
                continue
            if len(row) < 3 or row[2].strip() not in {str(g) for g in GRADES}:
                raise SystemExit(f"{path}:{number}: expected need, document, grade 0, 1 or 2")
            judgements.setdefault(row[0].strip(), {})[row[1].strip()] = int(row[2])
    return judgements


def corpus_files(real: Path) -> list[Path]:
    return sorted(p for folder in FOLDERS for p in (real / folder).rglob("*.md") if p.is_file())


def document_key(path_key: str) -> str:
    """The key the judgements keep for a file: a digest of its path under
    ``real/``.  A released file's name can name a person ("e-mails of …"), and
    the repository holds no real personal data; the pool shows the path
    beside it for the judge."""
    return hashlib.sha256(path_key.encode("utf-8")).hexdigest()[:16]


def with_paths(judgements: Judgements, keys: Iterable[str]) -> Judgements:
    """The judgements with each document's digest read back as its path key
    (a digest of no file here stays as it is)."""
    paths = {document_key(key): key for key in keys}
    return {
        need: {paths.get(document, document): grade for document, grade in grades.items()}
        for need, grades in judgements.items()
    }


def key_of(path: str | Path, real: Path) -> str:
    """A file's key: its path under ``real/`` (the path as stored when it is not there)."""
    try:
        return Path(path).resolve().relative_to(real.resolve()).as_posix()
    except ValueError:
        return str(path)


# The store: made once, again only when what decides the index changed.


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "absent"


def _commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or "unknown"


def stamp_for(files: Sequence[Path], keys: Sequence[str]) -> dict[str, Any]:
    # Names and sizes: a file added, removed or rewritten (a size that moves).
    listing = "\n".join(f"{k}\t{p.stat().st_size}" for p, k in zip(files, keys, strict=True))
    return {
        "commit": _commit(),  # for the record: a commit alone does not force a rebuild
        "indexing": {name: _sha256(ROOT / name) for name in INDEXING},
        "files": hashlib.sha256(listing.encode()).hexdigest(),
        "count": len(keys),
    }


def _changed(made: Mapping[str, Any], wanted: Mapping[str, Any], names: Iterable[str]) -> list[str]:
    return [n for n in names if made.get("indexing", {}).get(n) != wanted["indexing"][n]]


def why_reingest(store: Path, stamp: Path, wanted: Mapping[str, Any], forced: bool) -> str | None:
    """Why the store must be made again from the files, or ``None`` to keep it."""
    if forced:
        return "--rebuild"
    if not store.exists():
        return f"there is no store at {store.relative_to(ROOT)} yet"
    if not stamp.is_file():
        return "the store has no stamp (an earlier build did not finish)"
    made = json.loads(stamp.read_text(encoding="utf-8"))
    changed = _changed(made, wanted, REINGEST)
    if changed:
        return f"{', '.join(changed)} changed since the store was made at {made.get('commit')}"
    if made.get("files") != wanted["files"]:
        return f"the corpus changed ({made.get('count')} files then, {wanted['count']} now)"
    return None


def why_reindex(stamp: Path, wanted: Mapping[str, Any]) -> str | None:
    """Why the search index must be made again from the stored text (cheaper
    than an ingest: the units stay), or ``None``."""
    made = json.loads(stamp.read_text(encoding="utf-8"))
    changed = _changed(made, wanted, REINDEX)
    if changed:
        return f"{', '.join(changed)} changed since the index was made at {made.get('commit')}"
    return None


def _remove_store(store: Path) -> None:
    for path in store.parent.glob(f"{store.name}*"):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def build_store(files: Sequence[Path], keys: Sequence[str], workers: int, reason: str) -> None:
    from inzage.store import Corpus
    from inzage.store.ingest import Progress

    print(f"building the store ({reason}): {len(files):,} files", file=sys.stderr, flush=True)
    _remove_store(STORE)
    STAMP.unlink(missing_ok=True)
    BUILD.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    last = [started]

    def progress(p: Progress) -> None:
        now = time.monotonic()
        if now - last[0] >= 10 or p.files == p.total:
            last[0] = now
            print(
                f"  {p.files:,} of {p.total:,} files, {p.pages:,} pages, {p.failed} failed, "
                f"{now - started:,.0f} s",
                file=sys.stderr,
                flush=True,
            )

    with Corpus(STORE, create=True) as corpus:
        done = corpus.ingest(files, workers=workers, total=len(files), on_progress=progress)
        units = corpus.counts()["search_units"]
    STAMP.write_text(json.dumps(stamp_for(files, keys), indent=1) + "\n", encoding="utf-8")
    print(
        f"ingested {done.parsed:,} files ({done.documents:,} documents, {units:,} search units, "
        f"{done.failed} failed) in {time.monotonic() - started:,.0f} s",
        file=sys.stderr,
        flush=True,
    )


def reindex(reason: str | None, wanted: Mapping[str, Any]) -> None:
    """Make the search index again when ``reason`` says so, or when it lacks
    units (an index of another version is replaced by an empty one on
    opening); then stamp the store as of now."""
    from inzage.store import Corpus

    started = time.monotonic()
    last = [started]

    def progress(done: tuple[int, int]) -> None:
        now = time.monotonic()
        if now - last[0] >= 10 or done[0] == done[1]:
            last[0] = now
            print(f"  {done[0]:,} of {done[1]:,} units, {now - started:,.0f} s", file=sys.stderr)

    with Corpus(STORE) as corpus:
        lag = corpus.index_lag()
        if reason is None and lag:
            reason = f"{lag:,} units not in the search index (a new index version?)"
        if reason is None:
            return
        print(f"indexing the stored units again ({reason})", file=sys.stderr, flush=True)
        units = corpus.rebuild_index(progress)
    STAMP.write_text(json.dumps(wanted, indent=1) + "\n", encoding="utf-8")
    print(f"indexed {units:,} units in {time.monotonic() - started:,.0f} s", file=sys.stderr)


# The two systems' first pages.


def inzage_rankings(needs: Sequence[Need], real: Path) -> dict[str, Ranking]:
    from inzage.store import Corpus
    from inzage.store.terms import QueryError

    rankings: dict[str, Ranking] = {}
    paths: dict[str, str] = {}
    with Corpus(STORE, read_only=True) as corpus:
        for need in needs:
            try:
                hits = corpus.search(need.query, limit=K).hits
            except QueryError:
                hits = []
            ranking: Ranking = []
            for hit in hits:
                if hit.document_id not in paths:
                    paths[hit.document_id] = key_of(corpus.document_paths(hit.document_id)[0], real)
                ranking.append(paths[hit.document_id])
            rankings[need.id] = ranking
    return rankings


def bm25_python() -> Path | None:
    """The baseline's Python, its environment made first when needed; ``None``
    (and what failed) when pip cannot get the packages."""
    python = BM25_VENV / "bin" / "python"
    stamp = BM25_VENV / ".installed"
    if stamp.is_file():
        return python
    BUILD.mkdir(parents=True, exist_ok=True)
    log = BUILD / "bm25-venv.log"
    print(
        f"bm25: installing {' '.join(BM25_PACKAGES)} into {BM25_VENV} (log: {log})", file=sys.stderr
    )
    steps = [
        [sys.executable, "-m", "venv", str(BM25_VENV)],
        [str(python), "-m", "pip", "install", "--quiet", *BM25_PACKAGES],
    ]
    with log.open("w", encoding="utf-8") as written:
        for step in steps:
            done = subprocess.run(step, stdout=written, stderr=subprocess.STDOUT, check=False)
            if done.returncode != 0:
                tail = log.read_text(encoding="utf-8").splitlines()[-15:]
                print(f"bm25: '{' '.join(step)}' failed (exit {done.returncode}):", file=sys.stderr)
                print("\n".join(f"    {line}" for line in tail), file=sys.stderr)
                return None
    stamp.write_text(" ".join(BM25_PACKAGES) + "\n", encoding="utf-8")
    return python


def bm25_rankings(
    needs: Sequence[Need], keys: Sequence[str], real: Path, files_hash: str
) -> tuple[dict[str, Ranking], dict[str, Any]] | None:
    python = bm25_python()
    if python is None:
        return None
    request = {
        "root": str(real),
        "files": list(keys),
        "queries": {need.id: need.query for need in needs},
        "k": K,
        # The same files and the same tokenising: the kept index will do.
        "cache": str(BM25_INDEX),
        "key": f"{files_hash} {_sha256(BM25_SCRIPT)}",
    }
    done = subprocess.run(
        [str(python), str(BM25_SCRIPT)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        print(f"bm25: the run failed (exit {done.returncode}):", file=sys.stderr)
        print("\n".join(f"    {line}" for line in done.stderr.splitlines()[-15:]), file=sys.stderr)
        return None
    answer: dict[str, Any] = json.loads(done.stdout)
    rankings: dict[str, Ranking] = answer.pop("rankings")
    return rankings, answer


# The figures and their tables.


def figures(
    needs: Sequence[Need], runs: Mapping[str, Mapping[str, Ranking]], judgements: Judgements
) -> dict[str, Any]:
    """Per system: per query type and overall, the means; and a row per need."""
    groups = [t for t in TYPES if any(n.type == t for n in needs)]
    groups += [*sorted({n.type for n in needs} - set(TYPES)), "all"]
    summary: dict[str, dict[str, dict[str, Any]]] = {}
    for system, rankings in runs.items():
        summary[system] = {}
        for group in groups:
            chosen = [n for n in needs if group in ("all", n.type)]
            ranked = [rankings.get(n.id, []) for n in chosen]
            graded = [judgements.get(n.id, {}) for n in chosen]
            summary[system][group] = {
                "queries": len(chosen),
                "ndcg@10": mean(ndcg(r, g) for r, g in zip(ranked, graded, strict=True)),
                "recall@10": mean(recall(r, g) for r, g in zip(ranked, graded, strict=True)),
                "no_result": zero_result_rate(ranked),
                "unjudged_in_top_10": sum(
                    unjudged(r, g) for r, g in zip(ranked, graded, strict=True)
                ),
                "scored": sum(1 for g in graded if ideal_dcg(g) > 0),
            }
    per_need = []
    for need in needs:
        grades = judgements.get(need.id, {})
        row: dict[str, Any] = {"id": need.id, "type": need.type, "query": need.query}
        for system, rankings in runs.items():
            ranking = rankings.get(need.id, [])
            row[system] = {
                "ndcg@10": ndcg(ranking, grades),
                "recall@10": recall(ranking, grades),
                "results": len(ranking),
                "unjudged": unjudged(ranking, grades),
                "top_10": ranking[:K],
            }
        per_need.append(row)
    return {"groups": groups, "summary": summary, "needs": per_need}


def _cell(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value:.0%}" if percent else f"{value:.3f}"


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def print_report(found: Mapping[str, Any], systems: Sequence[str], out: TextIO) -> None:
    names = {"inzage": "inzage", "bm25": "BM25"}
    summary = found["summary"]
    head = ["queries"]
    for system in systems:
        head += [f"{names[system]} nDCG@10", "recall@10", "no result"]
    print("| " + " | ".join(head) + " |", file=out)
    print("|" + "---|" * len(head), file=out)
    for group in found["groups"]:
        first = summary[systems[0]][group]
        cells = [f"{group} ({first['scored']} of {first['queries']})"]
        for system in systems:
            s = summary[system][group]
            cells += [_cell(s["ndcg@10"]), _cell(s["recall@10"]), _cell(s["no_result"], True)]
        print("| " + " | ".join(cells) + " |", file=out)
    shown = ", ".join(f"{names[s]} {summary[s]['all']['unjudged_in_top_10']}" for s in systems)
    print(
        "\nqueries: scored (a judged relevant document) of all; nDCG and recall are over "
        f"the scored, no result over all.  Unjudged in top 10 (taken as not relevant): {shown}",
        file=out,
    )
    print(
        "\n| id | type | query | " + " | ".join(f"{names[s]} nDCG" for s in systems),
        end="",
        file=out,
    )
    print(" | unjudged |", file=out)
    print("|" + "---|" * (4 + len(systems)), file=out)
    for row in found["needs"]:
        cells = [row["id"], row["type"], _escape(row["query"])]
        for system in systems:
            cell = _cell(row[system]["ndcg@10"])
            cells.append(cell if row[system]["results"] else f"{cell} (no result)")
        cells.append(" / ".join(str(row[s]["unjudged"]) for s in systems))
        print("| " + " | ".join(cells) + " |", file=out)


def write_pool(rows: Sequence[tuple[str, str, str]], needs: Sequence[Need], out: TextIO) -> None:
    """The pairs to judge, each file as the digest a judgement keeps and, for
    the judge only (build/ is not committed), its path."""
    BUILD.mkdir(parents=True, exist_ok=True)
    with TO_JUDGE.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter="\t", lineterminator="\n")
        writer.writerow(["need", "document", "path", "system"])
        writer.writerows((need, document_key(path), path, system) for need, path, system in rows)
    counts = {need.id: 0 for need in needs}
    for need_id, _, _ in rows:
        counts[need_id] += 1
    print("to judge, per need: " + ", ".join(f"{i} {n}" for i, n in counts.items()), file=out)
    print(
        f"{len(rows):,} (need, document) pairs left to judge: {TO_JUDGE.relative_to(ROOT)}",
        file=out,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pool", action="store_true", help="write the pairs left to judge")
    parser.add_argument("--report", action="store_true", help="the figures (default if judged)")
    parser.add_argument("--json", action="store_true", help="the figures as JSON on stdout")
    parser.add_argument("--rebuild", action="store_true", help="ingest the corpus again")
    parser.add_argument("--needs", type=Path, default=NEEDS)
    parser.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    parser.add_argument("--workers", type=int, default=1, help="ingest processes")
    arguments = parser.parse_args()
    missing = [folder for folder in FOLDERS if not (REAL / folder).is_dir()]
    if missing:
        print(f"relevance: skipped ({REAL / missing[0]} is absent)")
        return
    if not arguments.needs.is_file():
        raise SystemExit(f"relevance: no information needs at {arguments.needs} (see --needs)")
    needs = read_needs(arguments.needs)
    judgements = read_judgements(arguments.judgements)
    strays = sorted(set(judgements) - {need.id for need in needs})
    if strays:
        print(
            f"judgements for needs not in {arguments.needs.name}: {', '.join(strays)}",
            file=sys.stderr,
        )
    report = arguments.report or arguments.json or (not arguments.pool and bool(judgements))
    pool = arguments.pool or not report

    files = corpus_files(REAL)
    keys = [key_of(path, REAL) for path in files]
    judgements = with_paths(judgements, keys)
    wanted = stamp_for(files, keys)
    reason = why_reingest(STORE, STAMP, wanted, arguments.rebuild)
    if reason is not None:
        build_store(files, keys, arguments.workers, reason)
    else:
        print(f"reusing {STORE.relative_to(ROOT)} ({len(files):,} files)", file=sys.stderr)
        reindex(why_reindex(STAMP, wanted), wanted)

    started = time.monotonic()
    runs: dict[str, dict[str, Ranking]] = {"inzage": inzage_rankings(needs, REAL)}
    print(
        f"inzage: {len(needs)} queries in {time.monotonic() - started:.1f} s",
        file=sys.stderr,
        flush=True,
    )
    started = time.monotonic()
    baseline = bm25_rankings(needs, keys, REAL, wanted["files"])
    info: dict[str, Any] = {}
    if baseline is not None:
        runs["bm25"], info = baseline
        print(
            f"bm25: {info['system']}, {info['documents']:,} files "
            f"{'(index kept from the last run)' if info['index_reused'] else 'indexed'} and "
            f"{len(needs)} queries in {time.monotonic() - started:.1f} s",
            file=sys.stderr,
            flush=True,
        )
    strange = sorted({key for grades in judgements.values() for key in grades} - set(keys), key=str)
    if strange:
        print(
            f"{len(strange)} judged documents are not in the corpus, e.g. {strange[0]}",
            file=sys.stderr,
        )

    if pool:
        # With --json, stdout is the figures' alone.
        write_pool(
            to_pool(needs, runs, judgements), needs, sys.stderr if arguments.json else sys.stdout
        )
    if report:
        if not judgements:
            print(
                f"no judgements yet ({arguments.judgements}): every nDCG is undefined",
                file=sys.stderr,
            )
        found = figures(needs, runs, judgements)
        if arguments.json:
            found["bm25"] = info
            json.dump(found, sys.stdout, indent=1, ensure_ascii=False)
            sys.stdout.write("\n")
        else:
            print_report(found, list(runs), sys.stdout)


if __name__ == "__main__":
    main()
