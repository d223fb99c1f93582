"""Progress of a long run on stderr: a bar on a terminal, a line every few
seconds when stderr goes to a file or a pipe, JSON lines for machines."""

from __future__ import annotations

import json
import sys
import threading
import time
from typing import Literal, Never, TextIO

from tqdm import tqdm

from inzage.store.ingest import Progress

ProgressMode = Literal["auto", "bar", "lines", "json", "none"]
# How often a line is printed when there is no terminal to redraw a bar on.
LINE_SECONDS = 5.0


class IngestProgress:
    """Shows :class:`~inzage.store.ingest.Progress` as it comes; call
    :meth:`update` from the run's callback and :meth:`close` at the end."""

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
        self._latest = Progress(total=total)
        self._shown_files = 0
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._bar: tqdm[Never] | None = None
        self._ticker: threading.Thread | None = None
        if mode == "bar":
            self._bar = tqdm(total=total, unit="file", dynamic_ncols=True, file=self.stream)
        elif mode in ("lines", "json"):
            # A thread, so that a line comes even while one file takes minutes.
            self._ticker = threading.Thread(target=self._tick, daemon=True)
            self._ticker.start()

    def update(self, progress: Progress) -> None:
        with self._lock:
            self._latest = progress
        if self._bar is not None:
            self._bar.update(progress.files - self._shown_files)
            self._shown_files = progress.files
            self._bar.set_postfix(
                pages=progress.pages, ocr=progress.ocr_pages, errors=progress.failed, refresh=False
            )

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
        if self.mode == "json":
            line = json.dumps(figures)
        else:
            eta = figures["eta_seconds"]
            line = (
                f"inzage: {progress.files:,}/{self.total:,} files, {progress.pages:,} pages "
                f"({figures['pages_per_second']:.1f} pages/s), {progress.failed:,} failed"
                + ("" if eta is None else f", about {_duration(eta)} to go")
            )
        print(line, file=self.stream, flush=True)

    def figures(self, progress: Progress) -> dict[str, float | int | None]:
        """What a progress line says, as numbers."""
        elapsed = max(time.monotonic() - self.started, 1e-9)
        left = self.total - progress.files
        eta = left * elapsed / progress.files if progress.files and left > 0 else None
        return {
            "files": progress.files,
            "total": self.total,
            "pages": progress.pages,
            "failed": progress.failed,
            "elapsed_seconds": round(elapsed, 1),
            "pages_per_second": round(progress.pages / elapsed, 1),
            "eta_seconds": None if eta is None else round(eta),
        }


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
