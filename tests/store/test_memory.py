"""Memory for one large input stays bounded (issue 13: a 50 MB text of one line
took 4 GB).  The bound here is for a few megabytes; bench/memory.py measures
files at the size limit."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from inzage.cli.inputs import StoreAddress
from tests.builders import make_dense_line, peak_rss


@pytest.mark.skipif(sys.platform != "linux", reason="peak memory is read from Linux's rusage")
def test_ingesting_a_dense_one_line_text_stays_within_bounds(
    tmp_path: Path, store_address: StoreAddress
) -> None:
    release = tmp_path / "release"
    release.mkdir()
    (release / "tabel.txt").write_bytes(make_dense_line(4_000_000))
    database = str(store_address)
    code, peak_kb = peak_rss(
        [sys.executable, "-m", "inzage", "ingest", "-q", "-j", "1", "--db", database, str(release)]
    )
    assert code == 0
    assert peak_kb / 1024 < 450, f"{peak_kb / 1024:.0f} MB for a 4 MB file"  # was over 1 GB
