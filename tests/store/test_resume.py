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


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db) as connection:
            return int(connection.execute("SELECT count(*) FROM sources").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_killed_and_resumed_equals_one_run(tmp_path: Path) -> None:
    release = tmp_path / "release"
    _release(release, 120)
    whole, resumed = tmp_path / "whole.db", tmp_path / "resumed.db"
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
