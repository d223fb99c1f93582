"""Peak memory of ``inzage ingest`` for one input at the size limit (issue 13:
under 1 GB for any single input within the limit).

Each input is a single line of 63.8 MB (the default limit is 64 MB), ingested
with one worker in a fresh database; peak RSS is the child's maximum resident
set size.  Inputs: invented words dense with markers, dates and amounts (the
worst case for findings); one letter repeated; and, when ../shared/data/real/
is present, real UWV text joined into one line.  Run ``python bench/memory.py``
and copy the table into docs/benchmarks.md.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from pathlib import Path

SIZE = 63_800_000
ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "data" / "real" / "uwv-woo"
INZAGE = str(Path(sys.executable).with_name("inzage"))

sys.path.insert(0, str(ROOT))
from tests.builders import make_dense_line, peak_rss  # noqa: E402


def dense(path: Path) -> None:
    path.write_bytes(make_dense_line(SIZE))


def letters(path: Path) -> None:
    path.write_bytes(b"a" * SIZE)


def real(path: Path) -> bool:
    if not REAL.is_dir():
        return False
    with path.open("wb") as out:
        written = 0
        while written < SIZE:
            for source in sorted(REAL.rglob("*.md")):
                chunk = source.read_bytes().replace(b"\n", b" ")[: SIZE - written]
                out.write(chunk)
                written += len(chunk)
                if written >= SIZE:
                    break
    # Cut at a character boundary: the limit counts bytes.
    path.write_bytes(path.read_bytes().decode("utf-8", "ignore").encode())
    return True


def measure(path: Path, work: Path) -> tuple[float, float, int]:
    """Peak RSS (MB), seconds and exit code of ingesting ``path`` alone."""
    folder = work / path.stem
    folder.mkdir()
    (folder / path.name).symlink_to(path)
    command = [INZAGE, "ingest", "-q", "-j", "1", "--db", str(work / f"{path.stem}.db")]
    started = time.perf_counter()
    code, peak = peak_rss([*command, str(folder)])
    return peak / 1024, time.perf_counter() - started, code


def main() -> None:
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; one line of {SIZE / 1e6:.1f} MB each"
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        inputs = [
            ("one letter repeated", "letters.txt", letters),
            ("invented words dense with markers", "dense.txt", dense),
        ]
        rows = []
        for label, name, make in inputs:
            make(work / name)
            rows.append((label, *measure(work / name, work)))
        if real(work / "real.txt"):
            rows.append(("real UWV text as one line", *measure(work / "real.txt", work)))
        else:
            print("(real data not found: that row skipped)")
    print("| input | peak RSS | time | exit |")
    print("|---|---|---|---|")
    for label, peak, seconds, code in rows:
        print(f"| {label} | {peak:,.0f} MB | {seconds:.0f} s | {code} |")


if __name__ == "__main__":
    main()
