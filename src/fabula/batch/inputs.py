"""Finding the documents of a batch: files, directories, globs, JSONL and Parquet records.

Discovery is cheap and deterministic (sorted), so the same command gives the same doc_ids,
which is what makes a killed job resumable.  Texts are read only when a job is dispatched.
"""

from __future__ import annotations

import glob
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from fabula.errors import FabulaError, InputError

DOC_SUFFIXES = (".txt", ".md", ".html", ".htm", ".xhtml", ".epub")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_ID = 200


@dataclass(frozen=True)
class Job:
    """One document to analyse.  ``kind``: ``file``, ``jsonl`` (``where`` = byte offset) or
    ``parquet`` (``where`` = row number); ``problem`` marks an input already known to be bad."""

    doc_id: str
    source: str
    kind: str
    path: str
    where: int = 0
    problem: str | None = None


def sanitise(raw: str, *, keep_slashes: bool = False) -> str:
    """A doc_id safe as a file name (and as a path under ``json/`` when it has slashes)."""
    parts = raw.replace("\\", "/").split("/") if keep_slashes else [raw]
    clean = [_UNSAFE.sub("_", p).strip("_") for p in parts]
    clean = [p if p not in ("", ".", "..") else "_" for p in clean]
    return "/".join(clean)[:_MAX_ID]


def discover(inputs: list[str]) -> list[Job]:
    """Every document named by ``inputs``, in a stable order, with unique doc_ids."""
    jobs: list[Job] = []
    for arg in inputs:
        path = Path(arg)
        if path.exists():
            jobs.extend(_from_path(path, top=True))
            continue
        if glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise FabulaError(f"{arg}: no file matches")
            for m in matches:
                jobs.extend(_from_path(Path(m), top=True))
            continue
        raise FabulaError(f"{arg}: no such file or directory")
    return _unique(jobs)


def _unique(jobs: list[Job]) -> list[Job]:
    seen: dict[str, int] = {}
    out = []
    taken = {j.doc_id for j in jobs}
    for job in jobs:
        n = seen.get(job.doc_id, 0)
        seen[job.doc_id] = n + 1
        if n:
            k = n + 1
            while f"{job.doc_id}~{k}" in taken:
                k += 1
            taken.add(f"{job.doc_id}~{k}")
            job = Job(f"{job.doc_id}~{k}", job.source, job.kind, job.path, job.where, job.problem)
        out.append(job)
    return out


def _from_path(path: Path, *, top: bool) -> list[Job]:
    if path.is_dir():
        found = []
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or not name.lower().endswith(DOC_SUFFIXES):
                    continue
                f = Path(root) / name
                rel = f.relative_to(path).as_posix()
                found.append(Job(sanitise(rel, keep_slashes=True), str(f), "file", str(f)))
        return found
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return _jsonl_jobs(path)
    if suffix == ".parquet":
        return _parquet_jobs(path)
    return [Job(sanitise(path.name), str(path), "file", str(path))]


def _record_id(raw, path: Path, n: int) -> str:
    if isinstance(raw, (str, int)) and not isinstance(raw, bool) and str(raw).strip():
        return sanitise(str(raw)) or f"{sanitise(path.stem)}-{n}"
    return f"{sanitise(path.stem)}-{n}"


def _jsonl_jobs(path: Path) -> list[Job]:
    jobs = []
    try:
        fh = open(path, "rb")
    except OSError as exc:
        return [Job(sanitise(path.name), str(path), "file", str(path), problem=f"cannot read ({exc.strerror})")]
    with fh:
        offset, n = 0, 0
        for line in fh:
            here, offset = offset, offset + len(line)
            if not line.strip():
                continue
            n += 1
            source = f"{path}:{n}"
            try:
                rec = json.loads(line)
            except (ValueError, UnicodeDecodeError):
                jobs.append(Job(f"{sanitise(path.stem)}-{n}", source, "jsonl", str(path), here, "invalid JSON line"))
                continue
            if not isinstance(rec, dict):
                jobs.append(Job(f"{sanitise(path.stem)}-{n}", source, "jsonl", str(path), here, "record is not an object"))
                continue
            problem = None if isinstance(rec.get("text"), str) else "record has no string 'text'"
            jobs.append(Job(_record_id(rec.get("id"), path, n), source, "jsonl", str(path), here, problem))
    return jobs


def _parquet_jobs(path: Path) -> list[Job]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
        names = pf.schema_arrow.names
        if "text" not in names:
            raise InputError("no 'text' column")
        ids = pf.read(columns=["id"]).column("id").to_pylist() if "id" in names else [None] * pf.metadata.num_rows
    except Exception as exc:  # a corrupt file is one failed input, not a failed job
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return [Job(sanitise(path.name), str(path), "file", str(path), problem=f"unreadable Parquet: {reason}")]
    return [Job(_record_id(raw, path, i + 1), f"{path}:{i + 1}", "parquet", str(path), i) for i, raw in enumerate(ids)]


class TextReader:
    """Reads a job's text at dispatch; keeps the current Parquet row group, since jobs come in order."""

    def __init__(self):
        self._group: tuple[str, int, int, list] | None = None

    def payload(self, job: Job, max_bytes: int) -> dict:
        """What a worker needs: ``{"doc_id", "label", "fmt", "data"|"text"}``; bad input raises InputError."""
        from fabula import ingest

        if job.problem:
            raise InputError(job.problem)
        base = {"doc_id": job.doc_id, "label": job.source}
        if job.kind == "file":
            p = Path(job.path)
            suffix = p.suffix.lower()
            if suffix not in ingest.READERS:
                raise InputError(f"unsupported file type {suffix!r}")
            try:
                if p.stat().st_size > max_bytes:
                    raise InputError(f"larger than {max_bytes // 2**20} MB")
                data = p.read_bytes()
            except OSError as exc:
                raise InputError(f"cannot read ({exc.strerror or exc})") from None
            return {**base, "fmt": ingest.READERS[suffix][0], "data": data}
        if job.kind == "jsonl":
            with open(job.path, "rb") as fh:
                fh.seek(job.where)
                return {**base, "text": json.loads(fh.readline())["text"]}
        return {**base, "text": self._parquet_text(job)}

    def _parquet_text(self, job: Job) -> str:
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(job.path)
        row, group = job.where, 0
        while row >= pf.metadata.row_group(group).num_rows:
            row -= pf.metadata.row_group(group).num_rows
            group += 1
        if not self._group or self._group[:2] != (job.path, group):
            texts = pf.read_row_group(group, columns=["text"]).column("text").to_pylist()
            self._group = (job.path, group, 0, texts)
        text = self._group[3][row]
        if not isinstance(text, str):
            raise InputError("record has no string 'text'")
        return text
