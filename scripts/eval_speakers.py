#!/usr/bin/env python3
"""Speaker/addressee accuracy on the dev data: 18 PDNC novels + 3 web-fiction chapters.

Usage: FABULA_NLP_CACHE=/work/nlp-cache python scripts/eval_speakers.py [--cast] [--only NAME] [--shared DIR]

Scores with the independent scorer (``shared/hooks/score_quotes.py``); ``--cast`` gives each
PDNC novel its gold ``character_info.csv`` as the cast.  Totals are micro-averages over quotes
(addressee accuracy is weighted by quotes, the scorer does not return its denominator).
"""

from __future__ import annotations

import argparse
import ast
import csv
import importlib.util
import sys
import time
from collections import defaultdict
from pathlib import Path

import fabula
from fabula.cast import load_cast
from fabula.pipeline import REGISTRY, Context, Pipeline


def scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score_quotes", shared / "hooks" / "score_quotes.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def pdnc_cast(folder: Path):
    rows = []
    with open(folder / "character_info.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            aliases = sorted(ast.literal_eval(r["Aliases"])) if r["Aliases"].strip() else []
            rows.append({"name": r["Main Name"], "aliases": aliases, "gender": r["Gender"]})
    return load_cast(rows)


def works(shared: Path):
    for gold in sorted((shared / "data" / "webfiction").glob("*.gold.json")):
        yield gold.name.replace(".gold.json", ""), gold.with_name(gold.name.replace(".gold.json", ".txt")), gold, None
    for folder in sorted(p for p in (shared / "data" / "pdnc").iterdir() if p.is_dir()):
        yield folder.name, folder / "novel_text.txt", folder, folder


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--cast", action="store_true")
    ap.add_argument("--only")
    ap.add_argument("--no-narration", action="store_true", help="score characters + speakers alone")
    args = ap.parse_args()
    shared = Path(args.shared)
    sq = scorer(shared)
    pre = Pipeline(("structure", "nlp", "quotes"))
    wanted = ("characters", "speakers") if args.no_narration else ("characters", "narration", "speakers")
    post_names = [n for n in Pipeline().names if n in wanted]

    def post(story, ctx):
        for n in post_names:  # stages run by hand: the pipeline checks chains from ingestion only
            story = REGISTRY[n](story, ctx)
        return story
    totals = {"web": defaultdict(float), "pdnc": defaultdict(float)}
    print(f"{'work':32} {'n':>5} {'all':>6} {'expl':>6} {'anaph':>6} {'impl':>6} {'addr':>6} {'secs':>5}")
    for name, txt, gold, folder in works(shared):
        if args.only and args.only.lower() not in name.lower():
            continue
        story = pre(fabula.load(txt), Context())
        cast = pdnc_cast(folder) if (args.cast and folder is not None) else None
        t = time.perf_counter()
        story = post(story, Context(cast=cast))
        secs = time.perf_counter() - t
        r = sq.score(gold, story.to_dict())
        bt = r["by_type"]
        key = "pdnc" if folder is not None else "web"
        tot = totals[key]
        tot["n"] += r["quotes"]
        tot["ok"] += r["speaker_accuracy"] * r["quotes"]
        tot["addr"] += r["addressee_accuracy"] * r["quotes"]
        tot["secs"] += secs
        for ty in ("explicit", "anaphoric", "implicit"):
            if ty in bt:
                tot[ty + "_n"] += bt[ty]["n"]
                tot[ty + "_ok"] += bt[ty]["accuracy"] * bt[ty]["n"]

        def f(ty):
            return f"{bt[ty]['accuracy']:.3f}" if ty in bt else "  -  "

        print(f"{name:32} {r['quotes']:5d} {r['speaker_accuracy']:.3f} {f('explicit'):>6} {f('anaphoric'):>6} "
              f"{f('implicit'):>6} {r['addressee_accuracy']:.3f} {secs:5.2f}", flush=True)
    for key, tot in totals.items():
        if not tot["n"]:
            continue

        def g(ty):
            return f"{tot[ty + '_ok'] / tot[ty + '_n']:.3f}" if tot[ty + "_n"] else "  -  "

        print(f"{'TOTAL ' + key:32} {int(tot['n']):5d} {tot['ok'] / tot['n']:.3f} {g('explicit'):>6} {g('anaphoric'):>6} "
              f"{g('implicit'):>6} {tot['addr'] / tot['n']:.3f} {tot['secs']:5.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
