"""Batch throughput: 200 chapter-sized documents, 1 vs 2 local workers, and Ray vs the pool.

    python benchmarks/bench_batch.py                      # corpus from ../shared/data/litbank/original
    python benchmarks/bench_batch.py --docs 40 --skip-ray # quicker

Documents are cut from the LitBank Gutenberg texts at paragraph boundaries, ~3,000 words
each, round-robin over the books (no text is kept in the repo).  Every run is a fresh
``fabula batch CORPUS -o OUT`` process timed from launch to exit (imports, worker start-up
and model loading included), with ``FABULA_NLP_CACHE`` unset.  The load average before each
run is printed, because the machine is shared; so is the CPU time the workers spent analysing
(``time.process_time`` per document, summed in the part manifests): CPU s / wall s shows how
many cores the job actually got.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LITBANK = REPO.parent / "shared" / "data" / "litbank" / "original"


def make_corpus(src: Path, dest: Path, n_docs: int, words: int) -> int:
    """Write ``n_docs`` chunks of about ``words`` words; return the total word count."""
    books = []
    for path in sorted(src.glob("*.txt")):
        paras = [p.strip() for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8", errors="replace")) if p.strip()]
        chunks, cur, count = [], [], 0
        for p in paras:
            cur.append(p)
            count += len(p.split())
            if count >= words:
                chunks.append("\n\n".join(cur) + "\n")
                cur, count = [], 0
        books.append((path.stem, chunks[1:]))  # skip the Gutenberg front matter
    dest.mkdir(parents=True, exist_ok=True)
    made, total, i = 0, 0, 0
    while made < n_docs:
        if not any(chunks for _, chunks in books):
            raise SystemExit(f"only {made} chunks available")
        stem, chunks = books[i % len(books)]
        i += 1
        if not chunks:
            continue
        text = chunks.pop(0)
        (dest / f"{stem}-{made:03d}.txt").write_text(text, encoding="utf-8")
        total += len(text.split())
        made += 1
    return total


def run(corpus: Path, out: Path, *extra: str) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds the workers spent analysing (from the part manifests), CPU
    seconds of the driver process (local workers hang below an unreaped forkserver, so
    ``RUSAGE_CHILDREN`` sees the driver alone; with Ray it also sees Ray's daemons), summary."""
    env = {k: v for k, v in os.environ.items() if k != "FABULA_NLP_CACHE"}
    cmd = [sys.executable, "-m", "fabula", "batch", str(corpus), "-o", str(out), "--progress", "none", *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    driver = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr}")
    cpu = sum(json.loads(m.read_text()).get("cpu_seconds", 0.0) for m in (out / "_manifest").glob("part-*.json"))
    return elapsed, cpu, driver, proc.stderr.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=LITBANK)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--words", type=int, default=3000)
    ap.add_argument("--skip-ray", action="store_true")
    ap.add_argument("--only", choices=("1", "2", "ray"), action="append", help="run only these (repeatable)")
    args = ap.parse_args()
    if not args.source.is_dir():
        raise SystemExit(f"{args.source}: not found")
    with tempfile.TemporaryDirectory(prefix="fabula-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        total = make_corpus(args.source, corpus, args.docs, args.words)
        print(f"corpus: {args.docs} documents, {total:,} words (~{total // args.docs:,} each)")
        runs = [("1", "local, 1 worker", ["--workers", "1"]), ("2", "local, 2 workers", ["--workers", "2"])]
        if not args.skip_ray:
            runs.append(("ray", "ray, 2 workers", ["--engine", "ray", "--workers", "2"]))
        runs = [(label, extra) for key, label, extra in runs if not args.only or key in args.only]
        results = {}
        print("| run | load avg (1 min) before / after | wall s | docs/s | words/s | worker CPU s | CPU s / wall s | driver CPU s | summary |")
        print("|---|---|---|---|---|---|---|---|---|")
        for i, (label, extra) in enumerate(runs):
            load = os.getloadavg()[0]
            elapsed, cpu, driver, summary = run(corpus, Path(tmp) / f"out{i}", *extra)
            results[label] = elapsed
            summary = summary.split(" -> ")[0].removeprefix("fabula batch: ")
            print(f"| {label} | {load:.2f} / {os.getloadavg()[0]:.2f} | {elapsed:.1f} | {args.docs / elapsed:.2f} | {total / elapsed:,.0f} | {cpu:.0f} | {cpu / elapsed:.2f} | {driver:.1f} | {summary} |",
                  flush=True)
        one, two, ray = (results.get(k) for k in ("local, 1 worker", "local, 2 workers", "ray, 2 workers"))
        if one and two:
            print(f"\nspeed-up 2 workers / 1 worker: {one / two:.2f}x")
        if ray and two:
            print(f"ray / local pool (2 workers), wall time ratio: {ray / two:.2f}")


if __name__ == "__main__":
    main()
