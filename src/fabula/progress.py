"""A progress bar on stderr, shown only on a terminal."""

from __future__ import annotations


class ProgressBar:
    def __init__(self, label: str, *, enabled: bool):
        self.label, self.enabled = label, enabled
        self._progress = self._task = None

    def __enter__(self):
        if self.enabled:
            from rich.progress import BarColumn, Progress, TimeRemainingColumn

            self._progress = Progress("[progress.description]{task.description}", BarColumn(),
                                      "{task.percentage:>3.0f}%", TimeRemainingColumn(), transient=True)
            self._progress.__enter__()
            self._task = self._progress.add_task(self.label, total=1)
        return self

    def update(self, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress.update(self._task, completed=done, total=total)

    def __exit__(self, *exc):
        if self._progress is not None:
            self._progress.__exit__(*exc)
        return False
