#!/usr/bin/env python3
"""Speaker attribution on the held-out chapters (``eval/heldout/*.gold.json``): a measurement set, never tune on it.

Usage: FABULA_NLP_CACHE=/work/nlp-cache python scripts/eval_heldout.py [--cast-from-gold] [--shared DIR]
       [--only NAME] [--predictions DIR] [-o results.json]

Each gold file names its excerpt in the shared data (``source``: path, start, end, sha256), since
the repository must not copy that text.  The excerpt is cut out, checked against its sha256, and
written as ``NAME.txt`` beside a copy of the gold in a temporary folder; then ``fabula eval gold``
scores it and prints its usual table.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
from pathlib import Path

from fabula.cli import main as fabula_main

REPO = Path(__file__).resolve().parents[1]


def excerpt(gold: dict, shared: Path) -> str:
    """The excerpt the gold offsets count in, checked against its recorded sha256."""
    src = gold["source"]
    text = (shared / src["path"]).read_bytes().decode("utf-8")[src["start"]:src["end"]]
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if digest != src["sha256"]:
        raise SystemExit(f"{src['path']}[{src['start']}:{src['end']}]: sha256 {digest} != {src['sha256']}")
    return text


def stage(folder: Path, shared: Path, only: str | None) -> list[Path]:
    """Write NAME.txt + NAME.gold.json for each held-out gold file into ``folder``."""
    staged = []
    for path in sorted((REPO / "eval" / "heldout").glob("*.gold.json")):
        if only and only.lower() not in path.name.lower():
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = excerpt(gold, shared)
        bad = [q["id"] for q in gold["quotes"] if text[q["start"]:q["end"]] != q["text"]]
        if bad:
            raise SystemExit(f"{path.name}: quote text differs from the excerpt at {', '.join(bad)}")
        name = path.name[: -len(".gold.json")]
        with open(folder / f"{name}.txt", "w", encoding="utf-8", newline="") as f:
            f.write(text)
        shutil.copyfile(path, folder / path.name)
        staged.append(folder / path.name)
    return staged


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"), help="the shared folder (holding data/)")
    ap.add_argument("--cast-from-gold", action="store_true", help="also run with the gold cast given")
    ap.add_argument("--only", help="only gold files whose name contains this")
    ap.add_argument("--predictions", metavar="DIR", help="also write each excerpt's fabula JSON to DIR")
    ap.add_argument("-o", "--output", help="results JSON (default: a file in the temporary folder, discarded)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="fabula-heldout-") as tmp:
        folder = Path(tmp)
        golds = stage(folder, Path(args.shared), args.only)
        if not golds:
            raise SystemExit("no held-out gold files matched")
        argv = ["eval", "gold", *map(str, golds), "--jobs", "1",
                "-o", args.output or str(folder / "results.json")]
        if args.cast_from_gold:
            argv.append("--cast-from-gold")
        if args.predictions:
            argv += ["--predictions", args.predictions]
        return fabula_main(argv)


if __name__ == "__main__":
    sys.exit(main())
