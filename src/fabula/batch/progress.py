"""Batch progress on stderr: a rich bar on a terminal, a periodic one-line log otherwise."""

from __future__ import annotations

import sys
import time


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "-:--:--"
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


class BatchProgress:
    MAX_FAILURE_LINES = 20

    def __init__(self, total: int, *, mode: str = "auto", interval: float = 10.0, stream=None):
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "bar" if getattr(self.stream, "isatty", lambda: False)() else "log"
        self.mode, self.total, self.interval = mode, total, interval
        self.done = self.failed = self.words = 0
        self.started = self._last_log = time.monotonic()
        self._progress = self._task = None
        self._failure_lines = 0

    def __enter__(self):
        if self.mode == "bar":
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rates]}"), TimeRemainingColumn(),
                console=Console(file=self.stream), transient=True,
            )
            self._progress.__enter__()
            self._task = self._progress.add_task("documents", total=self.total, rates="")
        return self

    def rates(self) -> tuple[float, float]:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        return self.done / elapsed, self.words / elapsed

    def eta(self) -> float | None:
        docs_per_s, _ = self.rates()
        return (self.total - self.done) / docs_per_s if docs_per_s > 0 else None

    def advance(self, result: dict) -> None:
        self.done += 1
        if result.get("ok"):
            self.words += result.get("words", 0)
        else:
            self.failed += 1
            self._failure(result)
        docs_per_s, words_per_s = self.rates()
        if self._progress is not None:
            failed = f", [red]{self.failed} failed[/red]" if self.failed else ""
            self._progress.update(self._task, completed=self.done,
                                  rates=f"{docs_per_s:.1f} docs/s, {words_per_s:,.0f} words/s{failed}")
        elif self.mode == "log" and time.monotonic() - self._last_log >= self.interval:
            self._last_log = time.monotonic()
            self._line(f"{self.done}/{self.total} documents ({self.failed} failed), {docs_per_s:.1f} docs/s, "
                       f"{words_per_s:,.0f} words/s, ETA {_clock(self.eta())}")

    def _failure(self, result: dict) -> None:
        if self.mode == "none":
            return
        self._failure_lines += 1
        if self._failure_lines > self.MAX_FAILURE_LINES:
            return
        line = f"failed: {result['doc_id']}: {result['reason']}"
        if self._failure_lines == self.MAX_FAILURE_LINES:
            line += " (further failures: see the errors table)"
        self._line(line)

    def _line(self, text: str) -> None:
        if self._progress is not None:
            self._progress.console.print(f"fabula batch: {text}", markup=False, highlight=False)
        else:
            print(f"fabula batch: {text}", file=self.stream, flush=True)

    def __exit__(self, *exc):
        if self._progress is not None:
            self._progress.__exit__(*exc)
        return False
