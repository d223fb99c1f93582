"""Fuzzing the readers: mutants of synthetic files, read and parsed in-process.

    .venv/bin/python bench/fuzz.py --family pdf --count 100000 --seed 1 [--out DIR] [--seconds N]
    .venv/bin/python bench/fuzz.py --family all --count 300           (a smoke run)
    .venv/bin/python bench/fuzz.py --replay build/fuzz/crashes/pdf-PdfiumError-....pdf

Families: ``text`` (.txt, .md), ``pdf``, ``mail`` (.eml, .msg), ``office`` (.docx,
.html), ``image`` (.png, .jpg, .tif), or ``all`` (one after another).

Seeds are built in memory from the synthetic builders (``tests/fuzzing.py``,
``tests/builders.py``, ``examples/``); no real document is read.  Each mutant
(bit flips, interesting bytes and numbers, truncation, chunks deleted,
repeated and inserted, seeds spliced, encoding games for text, parts of
containers mutated and packed again) goes through ``read_data`` and
``parse_raw``.  An :class:`~inzage.errors.InputError` is the expected answer to
a bad file; any other exception is a crash: its type, message and frames are
recorded, deduplicated by type and innermost inzage frame, and the input is
saved under ``OUT/crashes/`` with a ``.json`` beside it.  An InputError raised
from a library's exception (a reader turning it into "damaged file") is
expected, but counted by that exception too, one input each under
``OUT/wrapped/``: a bug of ours can hide among them.  Each input has a time
limit (``--limit``, by ``SIGALRM``); one past it is a timeout, saved under
``OUT/timeouts/``.  Before each input its bytes are written to
``OUT/inflight-FAMILY.bin``: if the process dies (a segfault, the kernel's OOM
killer) that file is the reproducer, and ``--start`` resumes after it.  The
address space is capped (``--memory-mb``, 4096): a mutant that makes the
reader allocate gigabytes fails there instead of waking the OOM killer.

PDFs are read with ``ocr="never"`` and a small page budget.  Images are read
without OCR (the pixels are not even decoded) except for ``--stub-share`` of
them, read with OCR whose Tesseract calls are replaced by a stub that reads
nothing (decoding and the redaction-box search run), and ``--ocr-share`` with
real Tesseract when it is installed.

The ``index``-th input of a run depends only on ``--seed``, the family and the
index, so a run is reproducible and can be resumed.  Progress goes to stderr
every ``--progress`` seconds; the summary per family (inputs, expected errors,
crashes by type and frame, timeouts, inputs/s) is printed as JSON and written
to ``OUT/summary-FAMILY.json`` (also while running, with ``"finished": false``).
"""

from __future__ import annotations

import argparse
import faulthandler
import hashlib
import json
import logging
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fuzzing import (
    FAMILIES,
    ImageMode,
    Outcome,
    Seed,
    frames_of,
    image_mode,
    mutant,
    options_for,
    run_one,
    seeds,
)

ROOT = Path(__file__).resolve().parent.parent
MAX_KEPT = 3  # reproducers saved per distinct crash
MAX_TIMEOUTS_KEPT = 10
MAX_MESSAGES = 5  # distinct messages kept per distinct crash


@dataclass
class Crash:
    """One distinct crash: an exception type at an innermost inzage frame."""

    type: str
    inzage_frame: str
    top_frame: str
    count: int = 0
    first_index: int = -1
    messages: list[str] = field(default_factory=list)
    reproducers: list[str] = field(default_factory=list)
    modes: Counter[str] = field(default_factory=Counter)
    suffixes: Counter[str] = field(default_factory=Counter)


@dataclass
class Tally:
    family: str
    seed: int
    start: int
    count: int
    began: float = field(default_factory=time.monotonic)
    run: int = 0
    ok: int = 0
    expected: Counter[str] = field(default_factory=Counter)
    crashes: dict[tuple[str, str], Crash] = field(default_factory=dict)
    # Library errors that a reader turned into InputError ("damaged file"):
    # expected, but listed, since a bug of ours can hide among them.
    wrapped: dict[tuple[str, str], Crash] = field(default_factory=dict)
    timeouts: int = 0
    timeout_files: list[str] = field(default_factory=list)
    timeout_frames: Counter[str] = field(default_factory=Counter)
    modes: Counter[str] = field(default_factory=Counter)
    slowest: list[tuple[float, int, str]] = field(default_factory=list)
    hang: str | None = None
    harness_errors: Counter[str] = field(default_factory=Counter)
    source: dict[str, Any] = field(default_factory=lambda: _source_state())

    @property
    def crash_count(self) -> int:
        return sum(c.count for c in self.crashes.values())

    def summary(self, finished: bool) -> dict[str, Any]:
        elapsed = time.monotonic() - self.began
        return {
            "source_at_start": self.source,
            "family": self.family,
            "seed": self.seed,
            "start": self.start,
            "count": self.count,
            "finished": finished,
            "inputs_run": self.run,
            "ok": self.ok,
            "expected_errors": sum(self.expected.values()),
            "expected_by_type": dict(self.expected.most_common()),
            "crashes": self.crash_count,
            "distinct_crashes": len(self.crashes),
            "crashes_by_type": _listed(self.crashes),
            "timeouts": self.timeouts,
            "timeouts_by_frame": dict(self.timeout_frames.most_common()),
            "timeout_reproducers": self.timeout_files,
            "hang": self.hang,
            "harness_errors": dict(self.harness_errors),
            "peak_rss_mb": _peak_rss_mb(),
            "slowest_seconds": [
                {"seconds": round(s, 3), "index": i, "name": n} for s, i, n in self.slowest
            ],
            "wrapped_library_errors": sum(c.count for c in self.wrapped.values()),
            "wrapped_by_type": _listed(self.wrapped),
            "image_modes": dict(self.modes) if self.family == "image" else None,
            "elapsed_seconds": round(elapsed, 1),
            "inputs_per_second": round(self.run / elapsed, 1) if elapsed else 0.0,
            "source_at_end": _source_state(),
        }


def _listed(crashes: dict[tuple[str, str], Crash]) -> list[dict[str, Any]]:
    return [
        {
            "type": c.type,
            "inzage_frame": c.inzage_frame,
            "top_frame": c.top_frame,
            "count": c.count,
            "first_index": c.first_index,
            "messages": c.messages,
            "reproducers": c.reproducers,
            "modes": dict(c.modes),
            "suffixes": dict(c.suffixes),
        }
        for c in sorted(crashes.values(), key=lambda c: -c.count)
    ]


def _source_state() -> dict[str, Any]:
    """The commit under test and whether the working tree had changes (the code
    may be edited while a long run goes on)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "src"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return {}
    return {"head": head, "src_modified": bool(dirty)}


class Watchdog(threading.Thread):
    """Ends the process when one input runs far past its limit in code that the
    alarm cannot interrupt (a C library holding on); the in-flight file holds it."""

    def __init__(self, hard_limit: float, on_hang: Any) -> None:
        super().__init__(daemon=True)
        self.hard_limit = hard_limit
        self.on_hang = on_hang
        self.started_at: float | None = None

    def run(self) -> None:
        while True:
            time.sleep(1.0)
            started = self.started_at
            if started is not None and time.monotonic() - started > self.hard_limit:
                self.on_hang()
                os._exit(3)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _save(folder: Path, family: str, kind: str, sample: Seed, info: dict[str, Any]) -> str:
    digest = hashlib.sha256(sample.data).hexdigest()[:12]
    suffix = Path(sample.name).suffix or ".bin"
    path = folder / f"{family}-{kind}-{digest}{suffix}"
    _write(path, sample.data)
    sidecar = {
        **info,
        "name": sample.name,
        "replay": f"{sys.executable} bench/fuzz.py --replay {path}",
    }
    path.with_name(path.name + ".json").write_text(json.dumps(sidecar, indent=2), encoding="utf-8")
    return str(path)


def fuzz_family(family: str, args: argparse.Namespace, out: Path) -> dict[str, Any]:
    tesseract = shutil.which("tesseract") is not None
    ocr_share = args.ocr_share if tesseract else 0.0
    seeds(family)  # built once, before the clock starts
    tally = Tally(family=family, seed=args.seed, start=args.start, count=args.count)
    inflight = out / f"inflight-{family}.bin"
    summary_path = out / f"summary-{family}.json"
    current: dict[str, Any] = {}

    def write_summary(finished: bool) -> dict[str, Any]:
        summary = tally.summary(finished)
        summary_path.write_text(json.dumps(summary, indent=2), encoding="utf-8")
        return summary

    def on_hang() -> None:
        sample: Seed = current["sample"]
        tally.hang = _save(
            out / "timeouts", family, "hang", sample, {"index": current["index"], "hang": True}
        )
        write_summary(False)
        print(f"[{family}] input {current['index']} hangs: saved {tally.hang}", file=sys.stderr)

    watchdog = Watchdog(max(60.0, 6 * args.limit), on_hang)
    watchdog.start()
    fault_log: IO[str] = (out / f"faulthandler-{family}.log").open("a", encoding="utf-8")
    faulthandler.enable(file=fault_log)
    last_report = time.monotonic()
    deadline = time.monotonic() + args.seconds if args.seconds else None
    try:
        for index in range(args.start, args.start + args.count):
            if deadline is not None and time.monotonic() > deadline:
                break
            try:
                sample = mutant(family, args.seed, index)
            except Exception as exc:  # a failure of the mutators (or memory), not of inzage
                tally.harness_errors[type(exc).__name__] += 1
                print(f"[{family}] input {index} not made: {exc!r}", file=sys.stderr)
                continue
            mode: ImageMode = "never"
            if family == "image":
                mode = image_mode(family, args.seed, index, args.stub_share, ocr_share)
                tally.modes[mode] += 1
            options = options_for(sample, mode, args.page_seconds)
            current.update(sample=sample, index=index)
            inflight.write_bytes(sample.data)
            watchdog.started_at = time.monotonic()
            outcome = run_one(sample, options, args.limit, stub_ocr=mode == "stub")
            watchdog.started_at = None
            tally.run += 1
            _record(tally, outcome, sample, index, mode, out, args)
            # The exception's traceback holds the frames of the failed input, and
            # their arrays (a huge page image): let them go before the next input.
            del outcome
            now = time.monotonic()
            if now - last_report >= args.progress:
                last_report = now
                _progress(tally)
                write_summary(False)
    finally:
        faulthandler.disable()
        fault_log.close()
    inflight.unlink(missing_ok=True)
    _progress(tally)
    return write_summary(True)


def _record(
    tally: Tally,
    outcome: Outcome,
    sample: Seed,
    index: int,
    mode: str,
    out: Path,
    args: argparse.Namespace,
) -> None:
    slow = (outcome.seconds, index, sample.name)
    if len(tally.slowest) < 5 or slow > tally.slowest[-1]:
        tally.slowest = sorted([*tally.slowest, slow], reverse=True)[:5]
    if outcome.kind == "ok":
        tally.ok += 1
        return
    info = {
        "family": tally.family,
        "seed": tally.seed,
        "index": index,
        "mode": mode,
        "seconds": round(outcome.seconds, 3),
    }
    if outcome.kind == "expected":
        tally.expected[outcome.error_type] += 1
        if outcome.wrapped is not None:
            keep = 1  # one input of each is enough: these are not failures
            where = (tally.wrapped, out / "wrapped", keep)
            _tally_crash(
                tally.family, where, outcome.wrapped, sample, {**info, "error": outcome.describe()}
            )
        return
    info["error"] = outcome.describe()
    assert outcome.error is not None
    if outcome.kind == "timeout":
        top, ours = outcome.frames()
        tally.timeouts += 1
        tally.timeout_frames[ours or top] += 1
        if len(tally.timeout_files) < MAX_TIMEOUTS_KEPT:
            tally.timeout_files.append(
                _save(out / "timeouts", tally.family, "timeout", sample, info)
            )
        return
    _tally_crash(
        tally.family, (tally.crashes, out / "crashes", args.keep), outcome.error, sample, info
    )


def _tally_crash(
    family: str,
    where: tuple[dict[tuple[str, str], Crash], Path, int],
    error: BaseException,
    sample: Seed,
    info: dict[str, Any],
) -> None:
    """Count an exception under its type and innermost inzage frame; the first
    ``keep`` inputs of each are saved in ``folder``."""
    crashes, folder, keep = where
    top, ours = frames_of(error)
    key = (type(error).__name__, ours or top)
    crash = crashes.get(key)
    if crash is None:
        crash = Crash(type=key[0], inzage_frame=ours, top_frame=top, first_index=info["index"])
        crashes[key] = crash
        print(
            f"[{family}] new {'crash' if folder.name == 'crashes' else 'wrapped error'} at input "
            f"{info['index']}: "
            f"{crash.type} at {ours or top}: {str(error)[:200]}",
            file=sys.stderr,
        )
    crash.count += 1
    crash.modes[info["mode"]] += 1
    crash.suffixes[Path(sample.name).suffix.lower()] += 1
    message = str(error)[:300]
    if message not in crash.messages and len(crash.messages) < MAX_MESSAGES:
        crash.messages.append(message)
    if len(crash.reproducers) < keep:
        saved = _save(folder, family, f"{crash.type}-{len(crashes)}", sample, info)
        if saved not in crash.reproducers:
            crash.reproducers.append(saved)


def _progress(tally: Tally) -> None:
    elapsed = time.monotonic() - tally.began
    rate = tally.run / elapsed if elapsed else 0.0
    print(
        f"[{tally.family}] {tally.run:,}/{tally.count:,} inputs, {rate:,.1f}/s, "
        f"ok {tally.ok:,}, expected {sum(tally.expected.values()):,}, "
        f"crashes {tally.crash_count:,} ({len(tally.crashes)} distinct), "
        f"timeouts {tally.timeouts:,}, memory {_memory()}",
        file=sys.stderr,
        flush=True,
    )


def _peak_rss_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def _memory() -> str:
    """Resident and virtual size now (a leak shows as a steady climb), and peak."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii").splitlines()
    except OSError:
        return f"peak {_peak_rss_mb()} MB"
    sizes = {
        line.split(":")[0]: int(line.split()[1]) // 1024
        for line in status
        if line.startswith(("VmRSS", "VmSize"))
    }
    return f"rss {sizes.get('VmRSS')} MB, vm {sizes.get('VmSize')} MB, peak {_peak_rss_mb()} MB"


def replay(paths: list[Path], args: argparse.Namespace) -> int:
    """Run saved inputs again and print what each does (the mode from the
    ``.json`` beside the file, unless ``--mode`` is given)."""
    failures = 0
    for path in paths:
        sidecar = path.with_name(path.name + ".json")
        mode: ImageMode = args.mode or "never"
        if args.mode is None and sidecar.exists():
            mode = json.loads(sidecar.read_text(encoding="utf-8")).get("mode", "never")
        sample = Seed(path.name, path.read_bytes())
        options = options_for(sample, mode, args.page_seconds)
        outcome = run_one(sample, options, args.limit, stub_ocr=mode == "stub")
        print(f"{path} ({mode}, {outcome.seconds:.2f} s): {outcome.describe()}")
        failures += outcome.kind in ("crash", "timeout")
    return 1 if failures else 0


def _limit_memory(megabytes: int) -> None:
    """Cap the address space: a mutant that asks for a huge allocation then
    fails with MemoryError (recorded) instead of waking the OOM killer."""
    if megabytes > 0:
        size = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--family", choices=[*FAMILIES, "all"], default="all")
    parser.add_argument("--count", type=int, default=1000, help="inputs per family")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0, help="index of the first input")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "fuzz")
    parser.add_argument("--seconds", type=float, default=0, help="stop a family after this long")
    parser.add_argument("--limit", type=float, default=5.0, help="seconds per input")
    parser.add_argument("--page-seconds", type=float, default=2.0)
    parser.add_argument("--stub-share", type=float, default=0.05, help="images: stubbed OCR")
    parser.add_argument("--ocr-share", type=float, default=0.005, help="images: real OCR")
    parser.add_argument("--memory-mb", type=int, default=4096, help="address space cap; 0: none")
    parser.add_argument("--keep", type=int, default=MAX_KEPT, help="reproducers per crash")
    parser.add_argument("--progress", type=float, default=10.0, help="seconds between reports")
    parser.add_argument("--replay", type=Path, nargs="+", help="run saved inputs again")
    parser.add_argument("--mode", choices=["never", "stub", "ocr"], help="with --replay")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # extract-msg logs every damaged file
    _limit_memory(args.memory_mb)
    with tempfile.TemporaryDirectory(prefix="inzage-fuzz-ocr-") as cache:
        os.environ["INZAGE_CACHE"] = cache  # OCR results of mutants are not kept
        if args.replay:
            return replay(args.replay, args)
        args.out.mkdir(parents=True, exist_ok=True)
        families = list(FAMILIES) if args.family == "all" else [args.family]
        summaries = [fuzz_family(family, args, args.out) for family in families]
    print(json.dumps(summaries if len(summaries) > 1 else summaries[0], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
