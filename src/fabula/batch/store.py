"""The output dataset, written so that a killed job can always be resumed.

Layout: ``OUT/<table>/part-<key>.parquet`` for every table (errors included), optional
``OUT/json/<doc_id>.json``, and ``OUT/_manifest/part-<key>.json``.  A part is a batch of
documents; its key is a hash of its doc_ids.  Each file is written atomically (temp file,
fsync, rename); the manifest is written last and is the commit: a part without a manifest
is an interrupted one and is deleted on restart, together with stray temp files.  The
``_`` prefix keeps the manifest out of ``read_parquet('OUT/*/*.parquet')``-style globs.

Retrying failed documents (``forget_failures``) edits committed parts: the errors file is
rewritten first, then the manifest, so a kill in between leaves an errors file with fewer rows
than its manifest claims; ``recover`` finishes that edit.  A part left with nothing loses its
manifest first, then its files (orphans, which ``recover`` would delete anyway).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from fabula.errors import FabulaError
from fabula.export.tables import SCHEMAS, concat, from_ipc, parquet_bytes
from fabula.io_util import atomic_write

MANIFEST = "_manifest"
ERRORS_SCHEMA = pa.schema([
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("source", pa.string()),
    pa.field("kind", pa.string()),  # input | crash | timeout | internal
    pa.field("reason", pa.string()),
])
TABLES = (*SCHEMAS, "errors")


@dataclass
class Part:
    """Results waiting to be written together."""

    ok: list[dict] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ok) + len(self.failed)

    @property
    def words(self) -> int:
        return sum(r.get("words", 0) for r in self.ok)


class Store:
    def __init__(self, root: Path):
        self.root = Path(root)
        if self.root.exists() and not self.root.is_dir():
            raise FabulaError(f"{self.root}: exists and is not a directory")
        self.root.mkdir(parents=True, exist_ok=True)
        self._lock = _lock(self.root)

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()  # releases the flock
            self._lock = None

    # -- restart ---------------------------------------------------------------------------
    def recover(self) -> dict[str, dict]:
        """Delete what an interrupted run left half done; return committed parts by key."""
        committed: dict[str, dict] = {}
        mdir = self.root / MANIFEST
        if mdir.is_dir():
            for f in sorted(mdir.iterdir()):
                if f.name.startswith(".") and f.name.endswith(".tmp"):
                    f.unlink(missing_ok=True)
                elif f.suffix == ".json":
                    try:
                        manifest = json.loads(f.read_text())
                        committed[f.stem.removeprefix("part-")] = {"documents": list(manifest["documents"]),
                                                                   "errors": dict(manifest["errors"])}
                    except (OSError, ValueError, KeyError, TypeError):  # damaged: redo that part
                        f.unlink(missing_ok=True)
        for key, manifest in committed.items():
            if manifest["errors"]:
                self._finish_forget(key, manifest)
        for table in TABLES:
            tdir = self.root / table
            if not tdir.is_dir():
                continue
            for f in tdir.iterdir():
                stray_tmp = f.name.startswith(".") and f.name.endswith(".tmp")
                orphan = f.name.startswith("part-") and f.name.removeprefix("part-").removesuffix(".parquet") not in committed
                if stray_tmp or orphan:
                    f.unlink(missing_ok=True)
        jdir = self.root / "json"
        if jdir.is_dir():
            for dirpath, _, files in os.walk(jdir):
                for name in files:
                    if name.startswith(".") and name.endswith(".tmp"):
                        (Path(dirpath) / name).unlink(missing_ok=True)
        return committed

    @staticmethod
    def done(committed: dict[str, dict]) -> dict[str, str | None]:
        """doc_id -> None if written, or the failure reason."""
        out: dict[str, str | None] = {}
        for m in committed.values():
            for d in m["documents"]:
                out[d] = None
            for d, reason in m["errors"].items():
                out[d] = reason
        return out

    def _finish_forget(self, key: str, manifest: dict) -> None:
        """An interrupted ``forget_failures`` left fewer error rows than the manifest lists:
        the errors file is the newer truth, so trim the manifest to it."""
        path = self.root / "errors" / f"part-{key}.parquet"
        try:
            if pq.read_metadata(path).num_rows >= len(manifest["errors"]):
                return
            kept = set(pq.read_table(path, columns=["doc_id"]).column("doc_id").to_pylist())
        except (OSError, ValueError, pa.ArrowException):
            return
        manifest["errors"] = {d: r for d, r in manifest["errors"].items() if d in kept}
        self._write_manifest(key, manifest)

    def forget_failures(self, committed: dict[str, dict], doc_ids: set[str]) -> int:
        """Remove the error rows of ``doc_ids`` from committed parts (and from ``committed``),
        so that the documents count as never analysed; return how many were removed."""
        removed = 0
        for key in sorted(committed):
            manifest = committed[key]
            drop = doc_ids.intersection(manifest["errors"])
            if not drop:
                continue
            removed += len(drop)
            name = f"part-{key}.parquet"
            if not manifest["documents"] and len(drop) == len(manifest["errors"]):
                (self.root / MANIFEST / f"part-{key}.json").unlink()  # uncommit first
                _fsync_dir(self.root / MANIFEST)
                for table in TABLES:
                    (self.root / table / name).unlink(missing_ok=True)
                del committed[key]
                continue
            path = self.root / "errors" / name
            try:
                errors = pq.read_table(path, schema=ERRORS_SCHEMA)
            except (OSError, pa.ArrowException):  # lost or damaged: nothing of it worth keeping
                errors = ERRORS_SCHEMA.empty_table()
            keep = [d not in drop for d in errors.column("doc_id").to_pylist()]
            atomic_write(path, parquet_bytes(errors.filter(pa.array(keep, pa.bool_()))))
            _fsync_dir(path.parent)
            manifest["errors"] = {d: r for d, r in manifest["errors"].items() if d not in drop}
            self._write_manifest(key, manifest)
        return removed

    def _write_manifest(self, key: str, manifest: dict) -> None:
        path = self.root / MANIFEST / f"part-{key}.json"
        try:
            full = json.loads(path.read_text())  # keep words, cpu_seconds
        except (OSError, ValueError):
            full = {}
        full.update(documents=manifest["documents"], errors=manifest["errors"])
        atomic_write(path, json.dumps(full, ensure_ascii=False, indent=1) + "\n")
        _fsync_dir(path.parent)

    # -- writing ---------------------------------------------------------------------------
    def write_json(self, doc_id: str, text: str) -> None:
        atomic_write(self.root / "json" / f"{doc_id}.json", text)

    def commit(self, part: Part) -> str:
        """Write one part of every table, then its manifest; return the part key."""
        ok = sorted(part.ok, key=lambda r: r["doc_id"])
        failed = sorted(part.failed, key=lambda r: r["doc_id"])
        ids = [r["doc_id"] for r in ok] + [r["doc_id"] for r in failed]
        key = hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()[:16]
        name = f"part-{key}.parquet"
        for table in SCHEMAS:
            merged = concat(table, (from_ipc(r["tables"][table]) for r in ok))
            atomic_write(self.root / table / name, parquet_bytes(merged))
        errors = pa.Table.from_pylist(
            [{"doc_id": r["doc_id"], "source": r.get("source"), "kind": r["kind"], "reason": r["reason"]} for r in failed],
            schema=ERRORS_SCHEMA,
        )
        atomic_write(self.root / "errors" / name, parquet_bytes(errors))
        for table in TABLES:
            _fsync_dir(self.root / table)
        manifest = {
            "documents": [r["doc_id"] for r in ok],
            "errors": {r["doc_id"]: f"{r['kind']}: {r['reason']}" for r in failed},
            "words": part.words,
            "cpu_seconds": round(sum(r.get("cpu", 0.0) for r in ok), 3),
        }
        atomic_write(self.root / MANIFEST / f"part-{key}.json", json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
        _fsync_dir(self.root / MANIFEST)
        return key


def _lock(root: Path):
    """One writer per dataset: a second ``fabula batch`` on the same OUTDIR would delete the
    first one's uncommitted parts.  The kernel drops the lock when its process dies."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return None
    fh = open(root / ".lock", "w")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        fh.close()
        raise FabulaError(f"{root}: another fabula batch is writing to this directory") from None
    return fh


def _fsync_dir(path: Path) -> None:
    """Make the renames in ``path`` durable before the manifest says the part exists."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
