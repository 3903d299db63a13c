"""``fabula eval pdnc|litbank|gold PATH... [--cast-from-gold] [--works A,B] [--limit N] [-o results.json]``."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from fabula.errors import FabulaError


def register(sub) -> None:
    p = sub.add_parser("eval", help="run fabula on annotated corpora (PDNC, LitBank, *.gold.json) and score it")
    p.add_argument("corpus", choices=("pdnc", "litbank", "gold"), help="the kind of gold annotation")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="pdnc: the corpus folder or one novel folder; litbank: the LitBank folder; gold: NAME.gold.json files")
    p.add_argument("--cast-from-gold", action="store_true", help="also run with the gold character list given as the cast")
    p.add_argument("--works", help="only these works (comma-separated names or name prefixes)")
    p.add_argument("--limit", type=int, help="only the first N works")
    p.add_argument("-o", "--output", help="results JSON (default: eval-results/<corpus>-<time>.json)")
    p.add_argument("--predictions", metavar="DIR", help="also write each work's fabula JSON to DIR")
    p.add_argument("--jobs", type=int, default=0, help="works analysed in parallel (default: 2 if the machine has 2 cores)")
    p.add_argument("--nlp-cache", metavar="DIR", help="keep NLP results in DIR between runs (sets FABULA_NLP_CACHE)")
    p.set_defaults(func=run)


def _fmt(x) -> str:
    return "–" if x is None else f"{x:.3f}"


def _table(title: str, rows: list[tuple[str, dict]], totals: list[tuple[str, dict]], seconds: dict[str, float]):
    from rich.table import Table

    t = Table(title=title, title_justify="left")
    # LitBank: speakers also judged by mention overlap ("spk.m", "named.m"); see fabula.evaluate.litbank
    by_mentions = any("speaker_accuracy_mentions" in m for _, m in rows + totals)
    extra = ("spk.m", "named.m") if by_mentions else ()
    for col in ("work", "quotes", "q.rec", "q.prec", "speaker", "named", *extra, "expl", "anaph", "impl", "addr",
                "chars", "time"):
        t.add_column(col, justify="left" if col == "work" else "right", no_wrap=True)

    def row(name: str, m: dict, secs: str, style: str | None = None):
        by = m.get("by_type", {})
        typed = [by.get(k, {}).get("accuracy") if isinstance(by.get(k), dict) else by.get(k)
                 for k in ("explicit", "anaphoric", "implicit")]
        name = name if len(name) <= 36 else name[:35] + "…"
        mentions = [_fmt(m.get(k)) for k in ("speaker_accuracy_mentions", "speaker_accuracy_named_mentions")][: len(extra)]
        t.add_row(name, str(m.get("quotes", "")), _fmt(m.get("quote_recall")), _fmt(m.get("quote_precision")),
                  _fmt(m.get("speaker_accuracy")), _fmt(m.get("speaker_accuracy_named")), *mentions, *map(_fmt, typed),
                  _fmt(m.get("addressee_accuracy")),
                  _fmt(m.get("character_recall")), secs, style=style)

    for name, m in rows:
        row(name, m, f"{seconds.get(name, 0):.1f}s")
    t.add_section()
    for name, m in totals:
        row(name, m, "", style="bold")
    return t


def default_output(corpus: str) -> Path:
    return Path("eval-results") / f"{corpus}-{time.strftime('%Y%m%d-%H%M%S')}.json"


def run(args) -> int:
    from rich.console import Console

    from fabula.evaluate import VARIANTS, evaluate
    from fabula.io_util import atomic_write

    if args.limit is not None and args.limit < 1:
        raise FabulaError("--limit must be at least 1")
    if args.nlp_cache:
        os.environ["FABULA_NLP_CACHE"] = str(Path(args.nlp_cache).resolve())
    jobs = args.jobs if args.jobs > 0 else min(2, os.cpu_count() or 1)
    out = Path(args.output) if args.output else default_output(args.corpus)
    if out.is_dir():
        raise FabulaError(f"{out}: is a directory; give a file name")
    err = Console(stderr=True)
    seconds: dict[str, float] = {}

    def progress(r: dict) -> None:
        seconds[r["work"]] = r["seconds"]
        if "error" in r:
            err.print(f"{r['work']}: {r['error']}", style="red", markup=False, highlight=False)
        elif sys.stderr.isatty():
            m = r["variants"]["default"]["metrics"]
            err.print(f"{r['work']}: {r['seconds']:.1f}s, quote recall {_fmt(m['quote_recall'])}, "
                      f"speaker {_fmt(m['speaker_accuracy'])}")

    started = time.perf_counter()
    report = evaluate(args.corpus, args.paths, names=args.works.split(",") if args.works else None,
                      limit=args.limit, cast_from_gold=args.cast_from_gold, jobs=jobs,
                      predictions=args.predictions, on_result=progress)
    wall = time.perf_counter() - started
    atomic_write(out, json.dumps(report, ensure_ascii=False, indent=1, sort_keys=False) + "\n")

    console = Console() if sys.stdout.isatty() else Console(width=160)
    for variant in VARIANTS:
        if variant not in report["total"]:
            continue
        rows = [(w["work"], w["variants"][variant]["metrics"]) for w in report["works"] if variant in w["variants"]]
        tot = report["total"][variant]
        totals = [("total (micro)", tot["micro"]), ("mean (works)", {**tot["macro"], "quotes": tot["micro"]["quotes"]})]
        title = f"fabula eval {args.corpus}" + (" — cast given" if variant == "cast" else "")
        console.print(_table(title, rows, totals, seconds))
    failed = [w["work"] for w in report["works"] if "error" in w]
    console.print(f"{len(report['works'])} works in {wall:.1f}s; results: {out}")
    if failed:
        err.print(f"failed: {', '.join(failed)}", style="red", markup=False, highlight=False)
        return 1
    return 0
