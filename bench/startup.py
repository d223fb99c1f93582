"""Start-up time of the ``inzage`` command, against ``python -c pass``.

Targets (issue 13): ``inzage --version`` and ``inzage grounds`` under 0.3 s,
``inzage parse`` of a one-page text under 1 s.  Each command runs ``--runs``
times; the median wall-clock and CPU (user + system of the child) are shown.
Run ``python bench/startup.py``; figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INZAGE = str(Path(sys.executable).with_name("inzage"))
TARGETS = {"--version": 0.3, "grounds": 0.3, "parse": 1.0}


def timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of ``command``."""
    before = os.times()
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    page = ROOT / "examples" / "mail-vws-overleg.txt"
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "--version": [INZAGE, "--version"],
        "grounds": [INZAGE, "grounds"],
        "parse": [INZAGE, "parse", str(page)],
    }
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; median of {runs} runs"
    )
    print("| command | wall s | CPU s | target |")
    print("|---|---|---|---|")
    for name, command in commands.items():
        timed(command)  # warm the file cache
        samples = [timed(command) for _ in range(runs)]
        wall = statistics.median(s[0] for s in samples)
        cpu = statistics.median(s[1] for s in samples)
        target = TARGETS.get(name)
        verdict = "" if target is None else f"< {target} s: {'met' if wall < target else 'MISSED'}"
        shown = "inzage " + name if name in TARGETS else name
        print(f"| `{shown}` | {wall:.3f} | {cpu:.3f} | {verdict} |")


if __name__ == "__main__":
    main()
