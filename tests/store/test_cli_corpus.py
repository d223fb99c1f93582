"""ingest, errors, search, thread and export on the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from inzage.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ingest_reports_and_exits_1_for_failed_files(
    release: Path, tmp_path: Path, store_address: str | Path
) -> None:
    db = str(store_address)
    code, out, err = run("ingest", "-q", "-j", "1", "--db", db, str(release), "--json")
    summary = json.loads(out)
    assert code == 1
    assert (summary["parsed"], summary["duplicates"], summary["failed"]) == (5, 1, 2)
    assert summary["store"]["messages"] == 3
    assert {Path(f["path"]).name for f in summary["failures"]} == {"kapot.txt", "leeg.txt"}
    assert "empty file" in err and "Graag" not in err

    code, out, _ = run("errors", "--db", db)
    assert code == 0 and "BinaryInputError" in out and "leeg.txt" in out

    code, out, _ = run("ingest", "-q", "--db", db, "--retry-failed", "--json")
    assert json.loads(out)["files"] == 2


def test_search_thread_and_export(
    release: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store_address: str | Path
) -> None:
    db = str(store_address)
    run("ingest", "-q", "-j", "1", "--db", db, str(release))

    code, out, _ = run("search", "--db", db, "uitstel", "--json", "--facets")
    result = json.loads(out)
    assert code == 0
    assert result["total"] == 4  # three messages and the memo (its near-copy collapsed)
    assert result["facets"]["kind"] == {"email": 3, "memo": 1}
    thread_id = next(h["thread_id"] for h in result["hits"] if h["thread_id"])

    assert result["unindexed"] == 0
    code, out, _ = run("search", "--db", db, "uitstel", "--facets")
    assert "kind: email 3, memo 1" in out

    code, out, _ = run("search", "--db", db, "uitstel", "--kind", "letter")
    assert code == 1 and "0 hits" in out
    code, _, err = run("search", "--db", db, '"uitstel')
    assert code == 2 and "unclosed quote" in err

    code, out, _ = run("thread", "--db", db, str(thread_id))
    assert code == 0
    assert out.count("found in") == 6
    code, _, err = run("thread", "--db", db, "999999")
    assert code == 2 and "no thread" in err

    code, out, _ = run("export", "--db", db, "--what", "messages")
    rows = [json.loads(line) for line in out.splitlines()]
    assert sorted(r["occurrences"] for r in rows) == [1, 2, 3]
    code, out, _ = run("export", "--db", db, "--what", "documents", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert len(table) == 5
    assert json.loads(next(r for r in table if r["kind"] == "memo")["fields"])["reference"]


def test_export_never_overwrites(tmp_path: Path, release: Path, store_address: str | Path) -> None:
    db = str(store_address)
    run("ingest", "-q", "-j", "1", "--db", db, str(release / "nota.md"))
    target = tmp_path / "out.jsonl"
    target.write_text("keep", "utf-8")
    code, _, err = run("export", "--db", db, "--what", "entities", "-o", str(target))
    assert code == 2 and "exists already" in err
    assert target.read_text("utf-8") == "keep"


def test_commands_on_a_missing_database_exit_2(tmp_path: Path) -> None:
    for args in (["search", "x"], ["errors"], ["thread", "1"], ["export", "--what", "documents"]):
        code, _, err = run(*args, "--db", str(tmp_path / "none.db"))
        assert code == 2 and "no such database" in err, args


def test_ingest_progress_as_json_lines_on_stderr(
    release: Path, tmp_path: Path, store_address: str | Path
) -> None:
    db = str(store_address)
    code, _, err = run("ingest", "-j", "1", "--db", db, str(release), "--progress", "json")
    assert code == 1  # two bad files in the release
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    last = lines[-1]
    assert (last["files"], last["total"], last["failed"]) == (8, 8, 2)
    assert last["eta_seconds"] is None and last["pages"] > 0


def test_ingest_prints_progress_lines_while_it_runs_without_a_terminal(tmp_path: Path) -> None:
    """A line comes every interval even while a single file is being read."""
    import time

    from inzage.cli.progress import IngestProgress
    from inzage.store.ingest import Progress

    stream = io.StringIO()
    shown = IngestProgress("auto", 40, stream=stream, every=0.05)
    shown.update(Progress(files=10, total=40, pages=250, failed=1))
    deadline = time.monotonic() + 10
    while stream.getvalue().count("\n") < 3 and time.monotonic() < deadline:
        time.sleep(0.05)  # the run is busy with a long file: no update comes
    shown.close()
    lines = stream.getvalue().splitlines()
    assert len(lines) >= 4  # three while waiting, one at the end
    assert lines[-1].startswith("inzage: 10/40 files, 250 pages (")
    assert ", 1 failed, about " in lines[-1]


def test_detect_progress_shows_each_pass_with_the_time_left_in_it() -> None:
    from inzage.cli.progress import DetectProgressShown
    from inzage.store.proposals import DetectProgress

    stream = io.StringIO()
    shown = DetectProgressShown("json", 4, stream=stream, every=60)
    shown.update(DetectProgress("learn", 4, 4))
    shown.update(DetectProgress("propose", 1, 4, warnings=2))
    shown.close()
    (last,) = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert (last["stage"], last["done"], last["total"], last["warnings"]) == ("propose", 1, 4, 2)
    assert last["eta_seconds"] is not None  # three of four sources to go in this pass
    lines = io.StringIO()
    shown = DetectProgressShown("lines", 4, stream=lines, every=60)
    shown.update(DetectProgress("propose", 4, 4))
    shown.close()
    assert lines.getvalue().strip() == "inzage: propose: 4/4 sources, 0 warnings"
