"""``fabula batch``: discovery, isolation of bad documents, kill -9 and resume, Ray parity.

The end-to-end tests run the real CLI in a subprocess on tiny documents; each run starts
workers that load spaCy, so the corpora are few and small.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from fabula.batch.inputs import discover, sanitise
from fabula.batch.store import ERRORS_SCHEMA, TABLES, Part, Store
from fabula.errors import FabulaError
from fabula.export.tables import SCHEMAS, ipc_bytes, story_tables
from fabula.model import Source, Span, Story

STORY = "{name} looked up.\n\n\u201cIs it {n} already?\u201d {name} asked.\n\n\u201cYes,\u201d said Tom. \u201cIt is.\u201d\n"


def write_corpus(root: Path, n: int) -> list[str]:
    root.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(n):
        name = f"story{i:02d}.txt"
        (root / name).write_text(STORY.format(name=["Mary", "Anne", "Lucy"][i % 3], n=i + 1), encoding="utf-8")
        names.append(name)
    return names


def fabula_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "fabula", "batch", *args, "--progress", "log"]


def run_cli(*args: str, env: dict | None = None, timeout: float = 240) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    full_env.pop("FABULA_NLP_CACHE", None)
    return subprocess.run(fabula_cmd(*args), capture_output=True, text=True, timeout=timeout, env=full_env)


def table(out: Path, name: str) -> pa.Table:
    files = sorted((out / name).glob("part-*.parquet"))
    return pa.concat_tables([pq.read_table(f) for f in files]) if files else SCHEMAS.get(name, ERRORS_SCHEMA).empty_table()


def rows(out: Path, name: str, drop: tuple[str, ...] = ()) -> list[dict]:
    t = table(out, name)
    t = t.drop_columns([c for c in drop if c in t.column_names])
    return sorted(t.to_pylist(), key=lambda r: json.dumps(r, sort_keys=True, default=str))


# -- discovery and the store (no analysis) -----------------------------------------------------


def test_discovery_gives_stable_unique_doc_ids(tmp_path):
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "a.txt").write_text("x")
    (tmp_path / "d" / "sub" / "b c.md").write_text("x")
    (tmp_path / "d" / "notes.csv").write_text("x")
    (tmp_path / "d" / ".hidden.txt").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "r.jsonl").write_text('{"id": "a.txt", "text": "t"}\n\n{"id": "x/../y", "text": "t"}\n{"text": 3}\nnot json\n')
    pq.write_table(pa.table({"id": ["p1", None], "text": ["t", "u"]}), tmp_path / "r.parquet")
    jobs = discover([str(tmp_path / "d"), str(tmp_path / "a.txt"), str(tmp_path / "r.jsonl"), str(tmp_path / "*.parquet")])
    ids = [j.doc_id for j in jobs]
    assert ids == ["a.txt", "sub/b_c.md", "a.txt~2", "a.txt~3", "x_.._y", "r-3", "r-4", "p1", "r-2"]
    assert [j.problem for j in jobs][5:7] == ["record has no string 'text'", "invalid JSON line"]
    assert discover([str(tmp_path / "d")]) == discover([str(tmp_path / "d")])
    assert sanitise("../../etc/passwd", keep_slashes=True) == "_/_/etc/passwd"


def test_missing_inputs_are_one_line_errors(tmp_path):
    with pytest.raises(FabulaError, match="no such file"):
        discover([str(tmp_path / "nope.txt")])
    with pytest.raises(FabulaError, match="no file matches"):
        discover([str(tmp_path / "*.nothing")])
    proc = run_cli(str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "no such file" in proc.stderr


def test_ray_problems_are_one_line_errors(tmp_path, monkeypatch):
    from fabula.batch.engines import check_reachable, import_ray

    monkeypatch.setitem(sys.modules, "ray", None)  # as if Ray were not installed
    with pytest.raises(FabulaError, match=r"pip install 'fabula\[ray\]'"):
        import_ray()
    with pytest.raises(FabulaError, match="cannot reach a Ray cluster at 127.0.0.1:1"):
        check_reachable("127.0.0.1:1")
    check_reachable("auto")  # left to Ray


def _result(doc_id: str) -> dict:
    story = Story(text="Some words.", source=Source(None, "txt", "str", "0" * 64), paragraphs=(Span(0, 11),))
    return {"doc_id": doc_id, "ok": True, "words": 2,
            "tables": {n: ipc_bytes(t) for n, t in story_tables(story, doc_id).items()}}


def test_store_commits_parts_and_recovery_removes_what_was_not_committed(tmp_path):
    store = Store(tmp_path)
    key = store.commit(Part(ok=[_result("a"), _result("b")],
                            failed=[{"doc_id": "c", "kind": "input", "reason": "empty input", "source": "c.txt"}]))
    # an interrupted part: files written, manifest not; plus temp files of a write in flight
    for name in TABLES:
        (tmp_path / name / "part-deadbeefdeadbeef.parquet").write_bytes(b"half")
        (tmp_path / name / ".part-x.parquet.abc.tmp").write_bytes(b"half")
    (tmp_path / "json").mkdir()
    (tmp_path / "json" / ".d.json.123.tmp").write_text("{")
    store.close()
    committed = Store(tmp_path).recover()
    assert list(committed) == [key]
    assert Store.done(committed) == {"a": None, "b": None, "c": "input: empty input"}
    for name in TABLES:
        assert [f.name for f in (tmp_path / name).iterdir()] == [f"part-{key}.parquet"]
    assert not list((tmp_path / "json").iterdir())
    assert table(tmp_path, "documents").column("doc_id").to_pylist() == ["a", "b"]
    assert table(tmp_path, "errors").to_pylist() == [{"doc_id": "c", "source": "c.txt", "kind": "input", "reason": "empty input"}]


def test_one_writer_per_dataset_and_a_damaged_manifest_means_redo(tmp_path):
    first = Store(tmp_path)
    with pytest.raises(FabulaError, match="another fabula batch"):
        Store(tmp_path)
    key = first.commit(Part(ok=[_result("a")]))
    first.close()
    (tmp_path / "_manifest" / f"part-{key}.json").write_text('{"documents": ["a"')  # damaged
    again = Store(tmp_path)
    assert again.recover() == {}
    assert not list((tmp_path / "documents").iterdir())
    again.close()


def _failure(doc_id: str) -> dict:
    return {"doc_id": doc_id, "kind": "crash", "reason": "worker died", "source": f"{doc_id}.txt"}


def test_forgetting_failures_edits_committed_parts_and_an_interrupted_edit_is_finished(tmp_path):
    store = Store(tmp_path)
    mixed = store.commit(Part(ok=[_result("a")], failed=[_failure("b"), _failure("c")]))
    only_failed = store.commit(Part(failed=[_failure("d")]))
    committed = store.recover()
    assert store.forget_failures(committed, {"b", "d", "zz"}) == 2
    assert list(committed) == [mixed]  # the part that held only d is gone, files and manifest
    for name in TABLES:
        assert not (tmp_path / name / f"part-{only_failed}.parquet").exists()
    assert Store.done(store.recover()) == {"a": None, "c": "crash: worker died"}
    assert table(tmp_path, "errors").column("doc_id").to_pylist() == ["c"]
    manifest = json.loads((tmp_path / "_manifest" / f"part-{mixed}.json").read_text())
    assert manifest["words"] == 2 and manifest["documents"] == ["a"]
    # killed between the two writes: errors file rewritten, manifest not yet
    errors = tmp_path / "errors" / f"part-{mixed}.parquet"
    errors.write_bytes(pq_bytes(pq.read_table(errors).slice(0, 0)))
    store.close()
    again = Store(tmp_path)
    assert Store.done(again.recover()) == {"a": None}  # c counts as never analysed: no row, no claim
    assert json.loads((tmp_path / "_manifest" / f"part-{mixed}.json").read_text())["errors"] == {}
    again.close()


def pq_bytes(t: pa.Table) -> bytes:
    from fabula.export.tables import parquet_bytes

    return parquet_bytes(t)


# -- end to end ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    """Good stories mixed with bad inputs, and one document that kills its worker."""
    root = tmp_path_factory.mktemp("poisoned")
    corpus = root / "corpus"
    good = write_corpus(corpus, 3)
    (corpus / "nested").mkdir()
    (corpus / "nested" / "chapter.md").write_text(STORY.format(name="Eve", n=9))
    (corpus / "empty.txt").write_text("")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (corpus / "corrupt.epub").write_bytes(b"PK\x03\x04 this is not really a zip")
    with zipfile.ZipFile(corpus / "hollow.epub", "w") as z:
        z.writestr("mimetype", "application/epub+zip")
    (corpus / "crashme.txt").write_text(STORY.format(name="Zed", n=0))
    records = root / "records.jsonl"
    records.write_text(json.dumps({"id": "rec one", "text": STORY.format(name="Ida", n=5)}) + "\n"
                       + json.dumps({"id": "rec-two", "text": "   "}) + "\n")
    table_records = root / "records.parquet"
    pq.write_table(pa.table({"id": ["pq 1", "pq-2"], "text": [STORY.format(name="Ann", n=7), None]}), table_records)
    env = {"_FABULA_TEST_FAULT": "crash:crashme"}
    return {"root": root, "inputs": [str(corpus), str(records), str(table_records)], "env": env,
            "good": sorted([*good, "nested/chapter.md", "rec_one", "pq_1"]),
            "bad": sorted(["empty.txt", "binary.txt", "corrupt.epub", "hollow.epub", "crashme.txt", "rec-two", "pq-2"])}


@pytest.fixture(scope="module")
def local_run(poisoned):
    out = poisoned["root"] / "out-local"
    proc = run_cli(*poisoned["inputs"], "-o", str(out), "--workers", "2", "--json", env=poisoned["env"])
    return out, proc


def test_bad_documents_are_errors_and_the_others_are_written(poisoned, local_run):
    out, proc = local_run
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"{len(poisoned['good']) + len(poisoned['bad'])} documents: {len(poisoned['good'])} written, " \
           f"{len(poisoned['bad'])} failed" in proc.stderr.splitlines()[-1]
    assert sorted(table(out, "documents").column("doc_id").to_pylist()) == poisoned["good"]
    errors = {r["doc_id"]: r for r in table(out, "errors").to_pylist()}
    assert sorted(errors) == poisoned["bad"]
    assert errors["crashme.txt"]["kind"] == "crash" and "exit code 3" in errors["crashme.txt"]["reason"]
    assert errors["empty.txt"]["reason"] == "empty input"
    assert "binary" in errors["binary.txt"]["reason"]
    assert all("\n" not in r["reason"] and r["source"] for r in errors.values())
    quotes = table(out, "quotes")
    assert set(quotes.column("doc_id").to_pylist()) == set(poisoned["good"])
    assert quotes.num_rows == 3 * len(poisoned["good"])
    for name in SCHEMAS:
        assert table(out, name).schema.equals(SCHEMAS[name]), name
    assert sorted(p.relative_to(out / "json").as_posix() for p in (out / "json").rglob("*.json")) == \
        sorted(f"{d}.json" for d in poisoned["good"])
    doc = json.loads((out / "json" / "nested" / "chapter.md.json").read_text())
    assert len(doc["quotes"]) == 3


def test_rerun_of_a_finished_job_does_nothing_and_still_reports_failures(poisoned, local_run):
    out, _ = local_run
    before = sorted(p.name for p in (out / "documents").iterdir())
    proc = run_cli(*poisoned["inputs"], "-o", str(out), "--workers", "1")
    assert proc.returncode == 1
    assert "0 written" in proc.stderr and f"{len(poisoned['bad'])} failed" in proc.stderr and "already done" in proc.stderr
    assert sorted(p.name for p in (out / "documents").iterdir()) == before


def test_retry_failed_analyses_only_the_failures_again_and_replaces_their_error_rows(tmp_path):
    names = write_corpus(tmp_path / "corpus", 2)
    (tmp_path / "corpus" / "flaky.txt").write_text(STORY.format(name="Flo", n=4))
    (tmp_path / "corpus" / "empty.txt").write_text("")
    out = tmp_path / "out"
    args = [str(tmp_path / "corpus"), "-o", str(out), "--workers", "1"]
    first = run_cli(*args, env={"_FABULA_TEST_FAULT": "crash:flaky"})
    assert first.returncode == 1 and "2 written, 2 failed" in first.stderr
    plain = run_cli(*args)  # the default resumes: failures are skipped, and said so
    assert plain.returncode == 1 and "0 written" in plain.stderr and "--retry-failed" in plain.stderr
    written = {p.name for p in (out / "documents").iterdir()}
    retry = run_cli(*args, "--retry-failed")
    assert retry.returncode == 1, retry.stderr  # empty.txt fails again, deterministically
    assert "1 written, 1 failed, 2 retried, 2 already done" in retry.stderr
    assert sorted(table(out, "documents").column("doc_id").to_pylist()) == sorted([*names, "flaky.txt"])
    assert table(out, "errors").select(["doc_id", "kind"]).to_pylist() == [{"doc_id": "empty.txt", "kind": "input"}]
    assert written < {p.name for p in (out / "documents").iterdir()}  # earlier parts untouched
    manifests = {p.stem for p in (out / "_manifest").glob("part-*.json")}
    for name in TABLES:
        assert {p.stem for p in (out / name).glob("part-*.parquet")} == manifests, name


def test_documented_duckdb_query_runs_on_a_batch_dataset(local_run):
    duckdb = pytest.importorskip("duckdb", reason="duckdb is in the test extra")
    out, _ = local_run
    query = (f"SELECT c.name, count(*) FROM read_parquet('{out}/quotes/*.parquet') q "
             f"JOIN read_parquet('{out}/characters/*.parquet') c ON q.doc_id=c.doc_id AND q.speaker=c.id "
             "GROUP BY ALL ORDER BY 2 DESC LIMIT 10")
    talkers = duckdb.sql(query).fetchall()
    attributed = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/quotes/*.parquet') WHERE speaker IS NOT NULL").fetchall()[0][0]
    assert sum(n for _, n in talkers) == attributed  # every attributed quote joins to its speaker
    n_docs = duckdb.sql(f"SELECT count(DISTINCT doc_id) FROM read_parquet('{out}/documents/*.parquet')").fetchall()[0][0]
    assert n_docs == 6


def descendants(pid: int) -> set[int]:
    """Processes below ``pid`` (Linux /proc), to check that workers die with their driver."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, stack = set(), [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.add(child)
            stack.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.parametrize("kill_after", ["documents", "_manifest"])
def test_kill_minus_9_then_rerun_writes_every_document_exactly_once(tmp_path, kill_after):
    """Killed as soon as a part file (maybe uncommitted) or a committed manifest appears."""
    names = write_corpus(tmp_path / "corpus", 14)
    out = tmp_path / "out"
    args = [str(tmp_path / "corpus"), "-o", str(out), "--workers", "1", "--part-size", "1"]
    env = {k: v for k, v in os.environ.items() if k != "FABULA_NLP_CACHE"}
    proc = subprocess.Popen(fabula_cmd(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 180
    try:
        while not list((out / kill_after).glob("part-*")) and proc.poll() is None:
            assert time.monotonic() < deadline, "no part file appeared"
            time.sleep(0.01)
        workers = descendants(proc.pid) if Path("/proc").is_dir() else set()
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL, "the job finished before it could be killed"
    deadline = time.monotonic() + 5
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in workers if alive(p)], "workers outlived their killed driver"
    assert len(list((out / "_manifest").glob("part-*.json"))) < len(names)
    rerun = run_cli(*args)
    assert rerun.returncode == 0, (rerun.stderr, table(out, "errors").to_pylist())
    if kill_after == "_manifest":
        assert "already done" in rerun.stderr
    ids = table(out, "documents").column("doc_id").to_pylist()
    assert sorted(ids) == sorted(names)  # each exactly once
    quote_docs = table(out, "quotes").column("doc_id").to_pylist()
    assert sorted(set(quote_docs)) == sorted(names) and len(quote_docs) == 3 * len(names)
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    manifests = {p.stem for p in (out / "_manifest").glob("part-*.json")}
    for name in TABLES:
        assert {p.stem for p in (out / name).glob("part-*.parquet")} == manifests, name


def test_a_hanging_document_times_out_and_the_next_one_is_still_analysed(tmp_path):
    write_corpus(tmp_path / "corpus", 2)
    (tmp_path / "corpus" / "hangme.txt").write_text(STORY.format(name="Hal", n=1))
    out = tmp_path / "out"
    proc = run_cli(str(tmp_path / "corpus"), "-o", str(out), "--workers", "1", "--timeout", "4",
                   env={"_FABULA_TEST_FAULT": "hang:hangme"})
    assert proc.returncode == 1, proc.stderr
    assert table(out, "errors").select(["doc_id", "kind"]).to_pylist() == [{"doc_id": "hangme.txt", "kind": "timeout"}]
    assert sorted(table(out, "documents").column("doc_id").to_pylist()) == ["story00.txt", "story01.txt"]


def test_ray_engine_gives_the_same_dataset_as_the_local_pool(poisoned, local_run):
    pytest.importorskip("ray", reason="Ray is optional: pip install 'fabula[ray]'")
    local, _ = local_run
    out = poisoned["root"] / "out-ray"
    proc = run_cli(*poisoned["inputs"], "-o", str(out), "--engine", "ray", "--workers", "1", env=poisoned["env"])
    assert proc.returncode == 1, proc.stderr
    for name in SCHEMAS:
        assert rows(out, name) == rows(local, name), name
    assert rows(out, "errors", drop=("reason",)) == rows(local, "errors", drop=("reason",))
