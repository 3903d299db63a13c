"""Many documents in, one Parquet dataset out: ``fabula batch``.

The driver discovers documents (:mod:`.inputs`), skips those a previous run committed
(failures included, unless ``retry_failed``: their error rows are then removed and they are
analysed again, like GNU parallel's ``--resume-failed``), reads each text and hands it to an engine (:mod:`.engines`: local processes or Ray), and
commits results part by part (:mod:`.store`).  A failing document becomes a row of the
``errors`` table; it never stops the others.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from fabula.batch.inputs import Job, TextReader, discover
from fabula.batch.store import Part, Store
from fabula.batch.worker import error_result
from fabula.errors import FabulaError, InputError

PART_BYTES = 64 * 2**20  # commit a part early when its results hold this much (long novels)


@dataclass
class Summary:
    total: int = 0  # documents named by the inputs
    written: int = 0  # analysed and written by this run
    failed: int = 0  # failed in this run
    skipped: int = 0  # already committed by an earlier run
    failed_before: int = 0  # among the skipped, those that had failed
    retried: int = 0  # failed in an earlier run, analysed again by this one
    words: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def any_failed(self) -> bool:
        return bool(self.failed or self.failed_before)

    def line(self, out: Path) -> str:
        rate = f"{self.written / self.seconds:.1f} docs/s, {self.words / self.seconds:,.0f} words/s" if self.seconds else ""
        failed = self.failed + self.failed_before
        parts = [f"{self.total} documents: {self.written} written", f"{failed} failed"]
        if self.retried:
            parts.append(f"{self.retried} retried")
        if self.skipped:
            parts.append(f"{self.skipped} already done")
        if self.failed_before:
            parts.append(f"{self.failed_before} failed in an earlier run (--retry-failed to try them again)")
        return f"{', '.join(parts)} in {self.seconds:.1f} s ({rate}) -> {out}" if rate else f"{', '.join(parts)} -> {out}"


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def make_engine(name: str, workers: int | None, address: str | None = None, timeout: float | None = None):
    from fabula.batch.engines import LocalEngine, RayEngine, import_ray

    if name == "local":
        return LocalEngine(workers or default_workers(), timeout=timeout)
    if name == "ray":
        import_ray()
        return RayEngine(workers if workers or address else default_workers(), address=address, timeout=timeout)
    raise FabulaError(f"unknown engine {name!r} (use local or ray)")


def run_batch(
    inputs: list[str],
    out: str | os.PathLike,
    *,
    engine: str = "local",
    workers: int | None = None,
    address: str | None = None,
    part_size: int = 50,
    part_seconds: float = 60.0,
    write_json: bool = False,
    timeout: float | None = None,
    progress: str = "auto",
    retry_failed: bool = False,
) -> Summary:
    """Analyse every document of ``inputs`` into the dataset at ``out``; resume if it exists.

    Documents committed by an earlier run are skipped; with ``retry_failed`` the failed ones
    are analysed again (and their old error rows removed), the written ones still skipped."""
    from fabula.batch.progress import BatchProgress
    from fabula.ingest import MAX_INPUT_BYTES

    started = time.monotonic()
    jobs = discover(list(inputs))
    if not jobs:
        raise FabulaError("no documents found (looked for .txt .md .html .xhtml .epub, .jsonl and .parquet records)")
    runner = make_engine(engine, workers, address, timeout)
    store = Store(Path(out))
    committed = store.recover()
    done = Store.done(committed)
    retried = 0
    if retry_failed:
        again = {j.doc_id for j in jobs if done.get(j.doc_id) is not None}
        retried = store.forget_failures(committed, again) if again else 0
        done = Store.done(committed)
    todo = [j for j in jobs if j.doc_id not in done]
    summary = Summary(total=len(jobs), skipped=len(jobs) - len(todo), retried=retried)
    summary.failed_before = sum(1 for j in jobs if done.get(j.doc_id, None) is not None)
    sources = {j.doc_id: j.source for j in todo}
    rejected: deque[dict] = deque()  # inputs the driver could not even read

    def payloads() -> Iterator[dict]:
        reader = TextReader()
        for job in todo:
            try:
                yield reader.payload(job, MAX_INPUT_BYTES)
            except InputError as exc:
                rejected.append(error_result(job.doc_id, "input", str(exc)))
            except (OSError, ValueError, KeyError) as exc:
                rejected.append(error_result(job.doc_id, "input", f"cannot read: {exc}"))

    part, last_commit, part_bytes = Part(), time.monotonic(), 0

    def commit() -> None:
        nonlocal part, last_commit, part_bytes
        if len(part):
            store.commit(part)
        part, last_commit, part_bytes = Part(), time.monotonic(), 0

    def take(result: dict) -> None:
        nonlocal part_bytes
        result["source"] = sources.get(result["doc_id"])
        if result["ok"]:
            if "json" in result:
                store.write_json(result["doc_id"], result.pop("json"))
            part.ok.append(result)
            part_bytes += sum(len(b) for b in result["tables"].values())
            summary.written += 1
            summary.words += result.get("words", 0)
        else:
            part.failed.append(result)
            summary.failed += 1
            summary.failures.append((result["doc_id"], result["reason"]))
        bar.advance(result)
        if len(part) >= part_size or part_bytes >= PART_BYTES or time.monotonic() - last_commit >= part_seconds:
            commit()

    try:
        with BatchProgress(len(todo), mode=progress) as bar:
            try:
                if todo:
                    for result in runner.imap(payloads(), {"json": write_json}):
                        while rejected:
                            take(rejected.popleft())
                        take(result)
                    while rejected:
                        take(rejected.popleft())
            except BaseException:  # Ctrl-C, or workers that cannot start: keep what is finished
                with contextlib.suppress(Exception):
                    commit()
                raise
            commit()
    finally:
        store.close()
    summary.seconds = time.monotonic() - started
    return summary


__all__ = ["run_batch", "Summary", "Job", "discover"]
