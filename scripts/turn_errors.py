#!/usr/bin/env python3
"""Error analysis of anaphoric and implicit attribution on PDNC (and a fast re-scoring loop).

Usage: FABULA_NLP_CACHE=/work/nlp-cache python scripts/turn_errors.py [--cast] [--rules] [--why] [--only NAME] [--cache DIR]
       [--show N [--type anaphoric|implicit]]

The stories are prepared up to the speakers stage once and pickled in ``--cache`` (default
/tmp/fabula-turns); later runs only rerun ``speakers`` and score, so a change to the speaker
rules is measured in seconds.  For every gold anaphoric/implicit quote it also says why it
failed: the gold speaker spoke the quote before (a continuation), two quotes before (A/B/A), was
the previous quote's addressee, or the error copies an earlier wrong anchor.
"""

from __future__ import annotations

import argparse
import copy
import json
import pickle
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_speakers import pdnc_cast, scorer  # noqa: E402

import fabula  # noqa: E402
from fabula.pipeline import REGISTRY, Context, Pipeline  # noqa: E402
from fabula.speakers.lattice import default_weights  # noqa: E402

Pipeline()  # registers every stage


def prepared(name: str, folder: Path, cast: bool, cache: Path):
    path = cache / f"{name}{'_cast' if cast else ''}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    story = Pipeline(("structure", "nlp", "quotes"))(fabula.load(folder / "novel_text.txt"), Context())
    ctx = Context(cast=pdnc_cast(folder) if cast else None)
    for n in ("characters", "narration"):
        story = REGISTRY[n](story, ctx)
    cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(story))
    return story


def aligned(sq, folder: Path, pred: dict):
    """(gold quote, predicted quote index or None, gold speaker, predicted speaker as gold id) per gold quote."""
    gold_chars, gold_quotes = sq.load_gold(folder)
    cmap = sq.map_characters(pred["characters"], gold_chars)
    pq = sorted(pred["quotes"], key=lambda q: q["start"])
    import bisect
    starts = [q["start"] for q in pq]
    out = []
    for gq in gold_quotes:
        s = gq["spans"][0]
        i = bisect.bisect_right(starts, s[0]) - 1
        best = None
        for j in (i, i + 1):
            if 0 <= j < len(pq) and sq.overlap(s, (pq[j]["start"], pq[j]["end"])) > 0:
                best = j
                break
        sp = cmap.get(pq[best]["speaker"]) if best is not None and pq[best]["speaker"] else None
        out.append((gq, best, gq["speaker"], sp))
    return out, cmap, pq


def analyse(rows, tally: Counter):
    prev = []  # (gold speaker, predicted) of earlier quotes
    for gq, j, g, p in rows:
        t = gq["type"]
        if t in ("anaphoric", "implicit") and j is not None:
            tally[(t, "n")] += 1
            if p == g:
                tally[(t, "ok")] += 1
            else:
                g1 = prev[-1][0] if prev else None
                g2 = prev[-2][0] if len(prev) > 1 else None
                p1 = prev[-1][1] if prev else None
                if g is None:
                    why = "gold speaker unmapped"
                elif j is None:
                    why = "quote not found"
                elif p is None:
                    why = "no speaker or one not in the gold cast"
                elif g == g1:
                    why = "gold = previous speaker (continuation)"
                elif g == g2 and p == g1:
                    why = "A/B/A: predicted previous speaker"
                elif g == g2:
                    why = "A/B/A: other"
                elif p1 is not None and p1 != g1:
                    why = "previous quote wrong too"
                else:
                    why = "other"
                tally[(t, why)] += 1
        prev.append((g, p))


def show(sq, folder: Path, story, pred: dict, args) -> None:
    """The wrong quotes of one type, with the narration before them, the greedy and the decoded speaker."""
    greedy = REGISTRY["speakers"](story, Context(cast=pdnc_cast(folder) if args.cast else None,
                                                 options={"speaker_decoder": False})).to_dict()
    rows, _, pq = aligned(sq, folder, pred)
    grows, _, _ = aligned(sq, folder, greedy)
    chars, _ = sq.load_gold(folder)
    name = lambda cid: chars[cid]["name"] if cid in chars else cid  # noqa: E731
    shown = 0
    for (gq, j, g, p), (_, _, _, pg) in zip(rows, grows):
        if gq["type"] != args.type or j is None or p == g or shown >= args.show:
            continue
        shown += 1
        q = pq[j]
        print(f"--- {folder.name} gold={name(g)} greedy={name(pg)} decoded={name(p)}")
        print("   ", story.text[max(0, q["start"] - 300) : q["end"] + 60].replace("\n", " ¶ "))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--cast", action="store_true")
    ap.add_argument("--only")
    ap.add_argument("--cache", default="/tmp/fabula-turns")
    ap.add_argument("--why", action="store_true", help="print the error tally")
    ap.add_argument("--rules", action="store_true", help="greedy rules only (no turn model)")
    ap.add_argument("--show", type=int, default=0, help="print up to N wrong quotes per novel (greedy and decoded)")
    ap.add_argument("--type", default="anaphoric", help="with --show: anaphoric | implicit")
    ap.add_argument("--weights", help="turn model weights (JSON) instead of the package's")
    ap.add_argument("--temperature", type=float, help="decode by per-turn posteriors at this temperature")
    args = ap.parse_args()
    weights = json.loads(Path(args.weights).read_text()) if args.weights else None
    if args.temperature is not None:
        weights = copy.deepcopy(weights or default_weights())
        for w in (weights, weights.get("second", {})):
            w["temperature"] = args.temperature
    shared = Path(args.shared)
    sq = scorer(shared)
    tally: Counter = Counter()
    tot = Counter()
    for folder in sorted(p for p in (shared / "data" / "pdnc").iterdir() if p.is_dir()):
        if args.only and args.only.lower() not in folder.name.lower():
            continue
        story = prepared(folder.name, folder, args.cast, Path(args.cache))
        opts = {"speaker_decoder": not args.rules, "speaker_weights": weights}
        ctx = Context(cast=pdnc_cast(folder) if args.cast else None, options=opts)
        story = REGISTRY["speakers"](story, ctx)  # the cast too, as in `fabula eval --cast-from-gold`
        pred = story.to_dict()
        r = sq.score(folder, pred)
        bt = r["by_type"]
        tot["n"] += r["quotes"]
        tot["ok"] += r["speaker_accuracy"] * r["quotes"]
        tot["addr"] += r["addressee_accuracy"] * r["quotes"]
        for ty in ("explicit", "anaphoric", "implicit"):
            tot[ty + "_n"] += bt.get(ty, {}).get("n", 0)
            tot[ty + "_ok"] += bt.get(ty, {}).get("accuracy", 0) * bt.get(ty, {}).get("n", 0)
        f = {ty: bt.get(ty, {}).get("accuracy", 0) for ty in ("explicit", "anaphoric", "implicit")}
        print(f"{folder.name:32} {r['quotes']:5d} {r['speaker_accuracy']:.3f} {f['explicit']:.3f} {f['anaphoric']:.3f} "
              f"{f['implicit']:.3f} {r['addressee_accuracy']:.3f}", flush=True)
        if args.why:
            rows, _, _ = aligned(sq, folder, pred)
            analyse(rows, tally)
        if args.show:
            show(sq, folder, story, pred, args)
    g = {ty: tot[ty + "_ok"] / max(1, tot[ty + "_n"]) for ty in ("explicit", "anaphoric", "implicit")}
    print(f"{'TOTAL':32} {int(tot['n']):5d} {tot['ok'] / tot['n']:.3f} {g['explicit']:.3f} {g['anaphoric']:.3f} "
          f"{g['implicit']:.3f} {tot['addr'] / tot['n']:.3f}")
    for k, v in sorted(tally.items()):
        print(k, v)
    return 0


if __name__ == "__main__":
    sys.exit(main())
