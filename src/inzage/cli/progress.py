"""Progress of a long run on stderr: a bar on a terminal, a line every few
seconds when stderr goes to a file or a pipe, JSON lines for machines."""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable
from typing import Generic, Literal, Never, TextIO, TypeVar

import click
from tqdm import tqdm

from inzage.store.ingest import Progress
from inzage.store.proposals import DetectProgress

P = TypeVar("P")

ProgressMode = Literal["auto", "bar", "lines", "json", "none"]
# How often a line is printed when there is no terminal to redraw a bar on.
LINE_SECONDS = 5.0


class _Shown(Generic[P]):
    """Shows a run's progress as it comes: call :meth:`update` from the run's
    callback and :meth:`close` at the end.  What a line says is the subclass's."""

    unit = "file"

    def __init__(
        self,
        mode: ProgressMode,
        total: int,
        *,
        stream: TextIO | None = None,
        every: float = LINE_SECONDS,
    ) -> None:
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "bar" if self.stream.isatty() else "lines"
        self.mode = mode
        self.total = total
        self.every = every
        self.started = time.monotonic()
        self._latest = self.nothing_yet(total)
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._bar: tqdm[Never] | None = None
        self._ticker: threading.Thread | None = None
        if mode == "bar":
            self._bar = tqdm(total=total, unit=self.unit, dynamic_ncols=True, file=self.stream)
        elif mode in ("lines", "json"):
            # A thread, so that a line comes even while one file takes minutes.
            self._ticker = threading.Thread(target=self._tick, daemon=True)
            self._ticker.start()

    def update(self, progress: P) -> None:
        with self._lock:
            self._latest = progress
        if self._bar is not None:
            self._advance(self._bar, progress)

    def close(self) -> None:
        self._stopped.set()
        if self._ticker is not None:
            self._ticker.join()
            self._print()  # the final figures
        if self._bar is not None:
            self._bar.close()

    def _tick(self) -> None:
        while not self._stopped.wait(self.every):
            self._print()

    def _print(self) -> None:
        with self._lock:
            progress = self._latest
        figures = self.figures(progress)
        line = json.dumps(figures) if self.mode == "json" else self.line(progress, figures)
        print(line, file=self.stream, flush=True)

    def nothing_yet(self, total: int) -> P:
        """The progress before the first update."""
        raise NotImplementedError

    def figures(self, progress: P) -> dict[str, object]:
        """What a progress line says, as numbers (the JSON line)."""
        raise NotImplementedError

    def line(self, progress: P, figures: dict[str, object]) -> str:
        raise NotImplementedError

    def _advance(self, bar: tqdm[Never], progress: P) -> None:
        raise NotImplementedError


class IngestProgress(_Shown[Progress]):
    """Shows :class:`~inzage.store.ingest.Progress`: files, pages, failures."""

    _shown_files = 0  # on the bar

    def nothing_yet(self, total: int) -> Progress:
        return Progress(total=total)

    def _advance(self, bar: tqdm[Never], progress: Progress) -> None:
        bar.update(progress.files - self._shown_files)
        self._shown_files = progress.files
        bar.set_postfix(
            pages=progress.pages, ocr=progress.ocr_pages, errors=progress.failed, refresh=False
        )

    def line(self, progress: Progress, figures: dict[str, object]) -> str:
        return (
            f"inzage: {progress.files:,}/{self.total:,} files, {progress.pages:,} pages "
            f"({figures['pages_per_second']:.1f} pages/s), {progress.failed:,} failed"
            + _to_go(figures["eta_seconds"])
        )

    def figures(self, progress: Progress) -> dict[str, object]:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        return {
            "files": progress.files,
            "total": self.total,
            "pages": progress.pages,
            "failed": progress.failed,
            "elapsed_seconds": round(elapsed, 1),
            "pages_per_second": round(progress.pages / elapsed, 1),
            "eta_seconds": _eta(progress.files, self.total, elapsed),
        }


class DetectProgressShown(_Shown[DetectProgress]):
    """Shows :class:`~inzage.store.proposals.DetectProgress`: the sources done in
    each of the two passes (learn, then propose), the time left in the pass."""

    unit = "source"
    _stage = "learn"
    _stage_started: float | None = None  # None: the run's start

    def nothing_yet(self, total: int) -> DetectProgress:
        return DetectProgress(self._stage, 0, total)

    def update(self, progress: DetectProgress) -> None:
        if progress.stage != self._stage:
            self._stage, self._stage_started = progress.stage, time.monotonic()
            if self._bar is not None:
                self._bar.reset(total=progress.total)
        super().update(progress)

    def _advance(self, bar: tqdm[Never], progress: DetectProgress) -> None:
        bar.set_description(progress.stage, refresh=False)
        bar.update(progress.done - bar.n)

    def line(self, progress: DetectProgress, figures: dict[str, object]) -> str:
        return (
            f"inzage: {progress.stage}: {progress.done:,}/{progress.total:,} sources, "
            f"{progress.warnings:,} warnings" + _to_go(figures["eta_seconds"])
        )

    def figures(self, progress: DetectProgress) -> dict[str, object]:
        in_pass = max(time.monotonic() - (self._stage_started or self.started), 1e-9)
        return {
            "stage": progress.stage,
            "done": progress.done,
            "total": progress.total,
            "warnings": progress.warnings,
            "elapsed_seconds": round(time.monotonic() - self.started, 1),
            "eta_seconds": _eta(progress.done, progress.total, in_pass),
        }


def progress_options(fields: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The ``-q/--quiet`` and ``--progress`` options of a long command; ``fields``
    names what its JSON lines hold."""

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        command = click.option(
            "--progress",
            "progress_mode",
            type=click.Choice(["auto", "bar", "lines", "json", "none"]),
            default="auto",
            show_default=True,
            help="How progress goes to stderr: auto = a bar on a terminal, else a line "
            f"every few seconds; json = one JSON object per line ({fields}).",
        )(command)
        return click.option(
            "-q", "--quiet", is_flag=True, help="No progress (same as --progress none)."
        )(command)

    return decorate


def _eta(done: int, total: int, elapsed: float) -> int | None:
    """Whole seconds left at the pace so far; ``None`` before the first or after the last."""
    left = total - done
    return round(left * elapsed / done) if done and left > 0 else None


def _to_go(eta: object) -> str:
    return f", about {_duration(eta)} to go" if isinstance(eta, int | float) else ""


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


class IndexProgress(_Shown[tuple[int, int]]):
    """Shows the units indexed of those to index (``inzage index``, a migration)."""

    unit = "unit"

    def nothing_yet(self, total: int) -> tuple[int, int]:
        return (0, total)

    def update(self, progress: tuple[int, int]) -> None:
        if self._bar is not None and progress[1] != self._bar.total:
            self._bar.reset(total=progress[1])
        super().update(progress)

    def _advance(self, bar: tqdm[Never], progress: tuple[int, int]) -> None:
        bar.update(progress[0] - bar.n)

    def line(self, progress: tuple[int, int], figures: dict[str, object]) -> str:
        done, total = progress
        if not total:
            return "inzage: comparing the search index with the store"
        return f"inzage: indexed {done:,}/{total:,} units" + _to_go(figures["eta_seconds"])

    def figures(self, progress: tuple[int, int]) -> dict[str, object]:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        done, total = progress
        return {
            "done": done,
            "total": total,
            "elapsed_seconds": round(elapsed, 1),
            "eta_seconds": _eta(done, total, elapsed),
        }
