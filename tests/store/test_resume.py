"""Kill -9 in the middle of an ingest, run it again: the same store as one run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psutil
import pytest

from inzage.store import Corpus
from tests.builders import Mail, make_email, make_memo, make_thread


def _release(folder: Path, files: int) -> None:
    folder.mkdir()
    start = datetime(2022, 1, 3, 8, 0, tzinfo=UTC)
    for i in range(files):
        sent = start + timedelta(hours=i)
        question = Mail(
            f"Medewerker {i} <m{i}@uwv.nl>", sent, f"Melding {i % 7}", "Graag uw hulp. " * 40
        )
        answer = Mail(
            "Servicedesk <sd@uwv.nl>",
            sent + timedelta(hours=1),
            f"RE: Melding {i % 7}",
            "Opgepakt. " * 30,
        )
        thread = make_thread(make_email(answer), make_email(question, "nl-outlook", top=False))
        memo = make_memo(
            [("Datum document", "11-06-2020"), ("Betreft", f"Overleg {i}")],
            body=f"### 1 Aanleiding\n\nTekst {i} over de gemeenten. " * 200,
        )
        (folder / f"{i:03d}.txt").write_text(thread if i % 2 else memo, "utf-8")


def _count(db: str | Path) -> int:
    """Sources stored so far (0 while the store is not made yet)."""
    if isinstance(db, str):
        import psycopg

        try:
            with psycopg.connect(db) as server:
                row = server.execute("SELECT count(*) FROM sources").fetchone()
                return int(row[0]) if row else 0
        except psycopg.Error:
            return 0
    try:
        with sqlite3.connect(db) as connection:
            return int(connection.execute("SELECT count(*) FROM sources").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_killed_and_resumed_equals_one_run(tmp_path: Path, store_address: str | Path) -> None:
    """Each file is stored whole or not at all, in either store; the index
    goes on where it was."""
    release = tmp_path / "release"
    _release(release, 120)
    whole, resumed = tmp_path / "whole.db", store_address
    command = [sys.executable, "-m", "inzage", "ingest", "-q", "-j", "1", str(release)]

    process = subprocess.Popen([*command, "--db", str(resumed)])
    deadline = time.monotonic() + 60
    while _count(resumed) < 10 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stored = _count(resumed)
    assert 10 <= stored < 120

    subprocess.run([*command, "--db", str(resumed)], check=True)
    subprocess.run([*command, "--db", str(whole)], check=True)
    with Corpus(resumed) as a, Corpus(whole) as b:
        assert a.counts() == b.counts()
        assert a.counts()["sources"] == 120
        assert a.search("gemeenten").total == b.search("gemeenten").total == 60
        # the search index went on where the killed run left it, unit for unit
        assert a.check_index().in_step and b.check_index().in_step
        assert a.search("melding", facets=True).facets == b.search("melding", facets=True).facets


def _workers_started(parent: int, count: int, timeout: float = 60) -> list[int]:
    """The pids of ``parent``'s worker processes, once ``count`` of them run."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = psutil.Process(parent).children()
        if len(children) >= count:
            return [child.pid for child in children]
        time.sleep(0.05)
    raise AssertionError("the workers did not start")


def _all_gone(pids: list[int], timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(psutil.pid_exists(pid) and _alive(pid) for pid in pids):
            return True
        time.sleep(0.05)
    return False


def _alive(pid: int) -> bool:
    try:
        return bool(psutil.Process(pid).status() != psutil.STATUS_ZOMBIE)
    except psutil.NoSuchProcess:
        return False


def _parallel_run(release: Path, db: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "inzage", "ingest", "-j", "2", "--db", str(db), str(release)]
    # A test run started in the background by a shell without job control
    # inherits an ignored SIGINT, and Python keeps it ignored: the ingest must
    # start as a terminal would start it.
    return subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def test_workers_die_with_an_ingest_killed_with_sigkill(tmp_path: Path) -> None:
    release = tmp_path / "release"
    _release(release, 400)
    process = _parallel_run(release, tmp_path / "c.db")
    workers = _workers_started(process.pid, 2)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert _all_gone(workers), "worker processes outlived the ingest"


@pytest.mark.parametrize(("stop", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_and_ctrl_c_stop_cleanly_and_the_next_run_continues(
    tmp_path: Path, stop: signal.Signals, code: int
) -> None:
    release = tmp_path / "release"
    _release(release, 400)
    db = tmp_path / "c.db"
    process = _parallel_run(release, db)
    workers = _workers_started(process.pid, 2)
    deadline = time.monotonic() + 60
    while _count(db) < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(stop)
    _, err = process.communicate(timeout=30)
    assert process.returncode == code, err.decode(errors="replace")
    assert b"run the same command again" in err, err.decode(errors="replace")
    assert b"Traceback" not in err, err.decode(errors="replace")
    assert _all_gone(workers)
    assert 5 <= _count(db) < 400

    again = _parallel_run(release, db)
    again.communicate(timeout=300)
    assert again.returncode == 0
    with Corpus(db) as corpus:
        assert corpus.counts()["sources"] == 400
        assert corpus.search("gemeenten").total == 200
