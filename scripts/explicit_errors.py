#!/usr/bin/env python3
"""Error analysis of explicit attribution and of the character inventory on PDNC.

Usage: FABULA_NLP_CACHE=/work/nlp-cache python scripts/explicit_errors.py [--only NAME] [--cast]
       [--show N] [--inventory] [--type explicit]

For each gold quote of the chosen type that we get wrong: the text around it, the cue we read
(after / before, with the name surface), our speaker and the gold speaker, and a category:

  no-quote          no predicted quote overlaps the gold quote
  no-speaker        we give no speaker
  char-missing      no predicted character maps to the gold speaker
  unmapped          our speaker's names match no gold alias (so the scorer maps it to None)
  merged            the cue's name is the gold speaker's alias, but our character maps elsewhere
  wrong-name        our cue read a name, it is someone else's (cue parsed the wrong name)
  cue-missed        we did not read a name cue (pronoun / turn-taking / propagation instead)

``--inventory`` lists gold major/intermediate characters that we split (several predicted
characters map to one gold one) or miss, and predicted characters whose names span two gold ones.
Characters are mapped to gold as the scorer does (shared/hooks/score_quotes.py).
"""

from __future__ import annotations

import argparse
import bisect
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_speakers import pdnc_cast, scorer  # noqa: E402

import fabula  # noqa: E402
from fabula.pipeline import REGISTRY, Context, Pipeline  # noqa: E402
from fabula.speakers.context import Index  # noqa: E402
from fabula.speakers.cues import cue_after, cue_before  # noqa: E402


def cue_text(story, ix, k):
    """Re-read the cues of quote k the way the speakers stage does (after first, then before)."""
    text, quotes = story.text, story.quotes
    q = quotes[k]
    par = ix.paragraph(q.start)
    p = story.paragraphs[par]
    first = k == 0 or ix.paragraph(quotes[k - 1].start) != par
    last = k + 1 >= len(quotes) or ix.paragraph(quotes[k + 1].start) != par
    prev_end = p.start if first else quotes[k - 1].end
    next_start = p.end if last else quotes[k + 1].start
    out = []
    after = cue_after(text, q.end, next_start, ix.mention_at)
    li = q.start - 1
    while li > prev_end and text[li].isspace():
        li -= 1
    before = cue_before(text, prev_end, q.start, ix.sentence_start(li), ix.mention_at, not first)
    for side, c in (("after", after), ("before", before)):
        if c is None:
            continue
        surface = ""
        if c.ref.kind == "name":
            m = ix.mention_at(c.ref.pos)
            surface = text[m.start:m.end] if m else "?"
        out.append((side, c.ref.kind, c.speech, c.verb, surface, c.ref.char))
    return out


def analyse(name, folder, sq, cast, args, tally, inv_tally):
    pre = Pipeline(("structure", "nlp", "quotes"))
    story = pre(fabula.load(folder / "novel_text.txt"), Context())
    ctx = Context(cast=pdnc_cast(folder) if cast else None)
    for n in [n for n in Pipeline().names if n in ("characters", "narration", "speakers")]:
        story = REGISTRY[n](story, ctx)
    pred = story.to_dict()
    gold_chars, gold_quotes = sq.load_gold(folder)
    cmap = sq.map_characters(pred["characters"], gold_chars)
    chars = {c["id"]: c for c in pred["characters"]}
    pq = sorted(pred["quotes"], key=lambda q: q["start"])
    starts = [q["start"] for q in pq]
    idx_of = {q.start: i for i, q in enumerate(story.quotes)}
    ix = Index(story)
    mapped_to = defaultdict(list)
    for cid, gid in cmap.items():
        if gid is not None:
            mapped_to[gid].append(cid)
    text = story.text
    shown = 0
    for gq in gold_quotes:
        if args.type != "all" and gq["type"] != args.type:
            continue
        s0 = gq["spans"][0]
        i = bisect.bisect_left(starts, s0[0] - 20000)
        best, best_ov = None, 0
        for span in gq["spans"]:
            j = i
            while j < len(pq) and pq[j]["start"] < span[1]:
                ov = max(0, min(span[1], pq[j]["end"]) - max(span[0], pq[j]["start"]))
                if ov > best_ov and (span == s0 or best is None):
                    best, best_ov = pq[j], ov
                j += 1
        gold_sp = gq["speaker"]
        if best is None:
            cat, cues, ours = "no-quote", [], None
        else:
            ours = best.get("speaker")
            if ours is not None and cmap.get(ours) == gold_sp:
                tally[name]["ok"] += 1
                continue
            cues = cue_text(story, ix, idx_of[best["start"]])
            name_cues = [c for c in cues if c[1] == "name"]
            gold_names = gold_chars[gold_sp]["names"] if gold_sp in gold_chars else set()
            if ours is None:
                cat = "no-speaker"
            elif not mapped_to.get(gold_sp):
                cat = "char-missing"
            elif cmap.get(ours) is None:
                cat = "unmapped"
            elif best.get("type") == "explicit" and name_cues:
                surf = sq.norm(name_cues[0][4])
                cat = "merged" if surf in gold_names else "wrong-name"
            else:
                cat = "cue-missed"
        tally[name][cat] += 1
        if shown < args.show:
            shown += 1
            a, b = (best["start"], best["end"]) if best else s0
            ctx_text = (text[max(0, a - 120):a] + "[[" + text[a:b][:80] + "]]" + text[b:b + 120]).replace("\n", " ")
            gname = gold_chars.get(gold_sp, {}).get("name", "?")
            oname = chars[ours]["name"] if ours in chars else None
            print(f"--- {name} [{cat}] ours={oname!r}->{gold_chars.get(cmap.get(ours), {}).get('name')!r} gold={gname!r} "
                  f"type={best.get('type') if best else None}\n    cues={cues}\n    {ctx_text}")
    if args.inventory:
        for gid, g in sorted(gold_chars.items(), key=lambda kv: kv[0]):
            if g["category"] not in ("major", "intermediate"):
                continue
            ids = mapped_to.get(gid, [])
            if not ids:
                inv_tally["missing"] += 1
                print(f"=== {name} MISSING {g['name']!r} ({g['category']}) gold names={sorted(g['names'])}")
            elif len(ids) > 1:
                inv_tally["split"] += 1
                print(f"=== {name} SPLIT {g['name']!r}: " + "; ".join(
                    f"{c}={chars[c]['name']!r}+{list(chars[c]['aliases'])} ({chars[c]['mentions']}m,{chars[c]['quotes']}q)"
                    for c in ids))
        for c in pred["characters"]:
            hit = {gid for n in (c["name"], *c["aliases"]) for gid, g in gold_chars.items() if sq.norm(n) in g["names"]}
            if len(hit) > 1:
                inv_tally["merged"] += 1
                print(f"=== {name} MERGED {c['name']!r}+{list(c['aliases'])} ({c['quotes']}q) spans "
                      + ", ".join(repr(gold_chars[g]['name']) for g in sorted(hit)))
            elif not hit and c["quotes"] >= 5:
                inv_tally["unmapped-speaking"] += 1
                print(f"=== {name} UNMAPPED {c['name']!r}+{list(c['aliases'])} speaks {c['quotes']}q")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--only")
    ap.add_argument("--cast", action="store_true")
    ap.add_argument("--show", type=int, default=0, help="print up to N wrong quotes per novel")
    ap.add_argument("--type", default="explicit", help="explicit | anaphoric | implicit | all")
    ap.add_argument("--inventory", action="store_true")
    args = ap.parse_args()
    shared = Path(args.shared)
    sq = scorer(shared)
    tally: dict[str, Counter] = defaultdict(Counter)
    inv: Counter = Counter()
    for folder in sorted(p for p in (shared / "data" / "pdnc").iterdir() if p.is_dir()):
        if args.only and args.only.lower() not in folder.name.lower():
            continue
        analyse(folder.name, folder, sq, args.cast, args, tally, inv)
    cats = ["ok", "no-quote", "no-speaker", "char-missing", "unmapped", "merged", "wrong-name", "cue-missed"]
    print(f"{'novel':28}" + "".join(f"{c:>13}" for c in cats))
    total = Counter()
    for name in sorted(tally):
        total.update(tally[name])
        print(f"{name:28}" + "".join(f"{tally[name][c]:13d}" for c in cats))
    print(f"{'TOTAL':28}" + "".join(f"{total[c]:13d}" for c in cats))
    if args.inventory:
        print("inventory:", dict(sorted(inv.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
