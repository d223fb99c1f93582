"""Memory for one large input stays bounded (issue 13: a 50 MB text of one line
took 4 GB).  The bound here is for a few megabytes; bench/memory.py measures
files at the size limit."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

WORDS = (
    "de het een gemeente besluit overleg 5.1.2e minister jeugd zorg (10)(2e) "
    "info@example.nl 06-12345678 3 mei 2021 € 1.200 Den Haag januari 2020"
).split()


def _one_line(path: Path, characters: int) -> None:
    """Invented text as one line, dense with markers, dates and amounts."""
    rng = random.Random(13)
    pieces: list[str] = []
    size = 0
    while size < characters:
        word = rng.choice(WORDS)
        pieces.append(word)
        size += len(word) + 1
    path.write_text(" ".join(pieces)[:characters], encoding="utf-8")


@pytest.mark.skipif(sys.platform != "linux", reason="peak memory is read from Linux's rusage")
def test_ingesting_a_dense_one_line_text_stays_within_bounds(tmp_path: Path) -> None:
    release = tmp_path / "release"
    release.mkdir()
    _one_line(release / "tabel.txt", 4_000_000)
    database = str(tmp_path / "c.db")
    ingest = [sys.executable, "-m", "inzage", "ingest", "-q", "-j", "1", "--db", database]
    # A parent of its own, whose children's peak is this ingest's alone.
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *ingest, str(release)], capture_output=True, text=True
    )
    code, peak_kb = (int(x) for x in result.stdout.split())
    assert code == 0, result.stderr
    assert peak_kb / 1024 < 450, f"{peak_kb / 1024:.0f} MB for a 4 MB file"  # was over 1 GB


MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], capture_output=True).returncode\n"
    "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)
