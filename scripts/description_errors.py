#!/usr/bin/env python3
"""Size the "speaker only called by a description" errors on PDNC.

Usage: FABULA_NLP_CACHE=/work/nlp-cache python scripts/description_errors.py [--cast] [--show] [--only NAME]
       [--cache DIR]

For every wrong anaphoric/implicit quote: is its gold speaker a candidate of its turn (the decoder's
conversation candidates)?  And is there a "the <noun>" description in the gold cue ("said the
gentleman"), in the quote's paragraph before it, or in the 600 characters of text before it?  Prints
counts per novel, the totals per (type, gold absent, kind), and the head nouns of the cue descriptions
whose speaker is absent; ``--show`` lists those quotes.  Stories come from turn_errors.py's cache.
For the absent ones with a cue description it also tells where the scene names the gold speaker in the
narration ("named": before/after the quote, within 3,000 characters or further in the scene, only inside
quotes, not at all, or no character found for him end to end).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_speakers import pdnc_cast, scorer  # noqa: E402
from turn_errors import aligned, prepared  # noqa: E402

from fabula.pipeline import REGISTRY, Context, Pipeline  # noqa: E402
from fabula.speakers import NARRATOR, Attributor  # noqa: E402
from fabula.speakers.decode import build  # noqa: E402

Pipeline()
DESC = re.compile(r"\b[Tt]he\s+((?:[a-z][a-z-]+\s+){0,2}[a-z]+)\b")
PERSON = re.compile(r"\b[Tt]he\s+(?:[a-z-]+\s+)?(?:man|gentleman|boy|lad|youth|fellow|woman|lady|girl|maid|child|stranger|other)\b")


def named_where(ix, ids: set, s: int) -> str:
    """Where the narration of the quote's scene names one of ``ids`` (the story's ids of the gold speaker)."""
    if not ids:
        return "no-char"
    names = [m.start for m in ix.mentions if m.character in ids and m.kind == "name"]
    bef = [x for x in names if x < s and not ix.break_between(x, s)]
    aft = [x for x in names if x > s and not ix.break_between(s, x)]
    nb, na = [x for x in bef if not ix.inside_quote(x)], [x for x in aft if not ix.inside_quote(x)]
    if nb and s - nb[-1] < 3000:
        return "before<3k"
    if na and na[0] - s < 3000:
        return "after<3k"
    return "before" if nb else "after" if na else "in-quotes" if bef or aft else "not-in-scene"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--cast", action="store_true")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--only")
    ap.add_argument("--cache", default="/tmp/fabula-turns")
    args = ap.parse_args()
    shared = Path(args.shared)
    sq = scorer(shared)
    tot: Counter = Counter()
    nouns: Counter = Counter()
    named: Counter = Counter()
    for f in sorted(p for p in (shared / "data" / "pdnc").iterdir() if p.is_dir()):
        if args.only and args.only.lower() not in f.name.lower():
            continue
        st = prepared(f.name, f, args.cast, Path(args.cache))
        att = Attributor(st, invent=not args.cast)
        convs, speakers, types, confs, cue_to, vocs = att.run()
        conv_feats = build(att, convs, speakers, types, confs, att.cue_gender, vocs, cue_to)
        full = REGISTRY["speakers"](st, Context(cast=pdnc_cast(f) if args.cast else None)).to_dict()
        narrator = next((c["id"] for c in full["characters"] if c.get("narrator")), None)
        rows, cmap, pq = aligned(sq, f, full)
        order = {q["id"]: i for i, q in enumerate(full["quotes"])}
        cands_of = {}
        for conv in conv_feats:
            ids = {cmap.get(narrator if c == NARRATOR else c) for c in conv.cands}
            for t in conv.turns:
                for k in t.quotes:
                    cands_of[k] = ids
        with open(f / "quotation_info.csv", encoding="utf-8") as fh:
            refs = [r["referringExpression"] for r in csv.DictReader(fh)]
        gchars, _ = sq.load_gold(f)
        inv: dict = {}
        for pid, gid in cmap.items():
            inv.setdefault(gid, set()).add(pid)
        c: Counter = Counter()
        for (gq, j, g, p), ref in zip(rows, refs):
            t = gq["type"]
            if t not in ("anaphoric", "implicit") or j is None or g is None or p == g:
                continue
            absent = g not in cands_of.get(order[pq[j]["id"]], set())
            s = gq["spans"][0][0]
            near = st.text[max(0, s - 600) : s]
            par = near[near.rfind("\n\n") + 1 :]
            m = DESC.search(ref or "")
            kind = "cue" if t == "anaphoric" and m else "paragraph" if PERSON.search(par) else \
                "near" if DESC.search(near) else "none"
            c[(t, absent, kind)] += 1
            if absent and kind == "cue":
                nouns[m.group(1).split()[-1]] += 1
                where = named_where(att.ix, inv.get(g, set()), s)
                named[where] += 1
                if args.show:
                    print(f"  {f.name[:14]} gold={gchars[g]['name']!r} cue={ref!r} pred={gchars.get(p, {}).get('name')}"
                          f" named={where}")
        tot.update(c)
        absent_cue = c[("anaphoric", True, "cue")]
        absent_other = sum(v for (ty, a, k), v in c.items() if ty == "anaphoric" and a and k != "cue")
        present = sum(v for (ty, a, _), v in c.items() if ty == "anaphoric" and not a)
        impl = sum(v for (ty, a, _), v in c.items() if ty == "implicit" and a)
        print(f"{f.name:32} anaphoric absent: cue {absent_cue:3d} other {absent_other:3d}; present {present:3d} | "
              f"implicit absent {impl:3d}", flush=True)
    for k, v in sorted(tot.items()):
        print(k, v)
    print(nouns.most_common(30))
    print("where the scene names the gold speaker:", dict(named.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
