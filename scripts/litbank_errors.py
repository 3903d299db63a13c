#!/usr/bin/env python3
"""Why LitBank speakers are wrong: each gold quote put in one error category, with counts and examples.

Usage: FABULA_NLP_CACHE=/work/nlp-cache python scripts/litbank_errors.py ../shared/data/litbank
           [--works A,B] [--examples 3] [--json out.json]

Speakers are judged by mention overlap (``fabula.evaluate.litbank`` describes the rule).  The first
category that fits wins, in this order:

  correct                  the predicted speaker maps to the gold entity
  no gold speaker          LitBank gives the quote no speaker
  quote missed             no predicted quote overlaps the gold one
  narrator: no character   the speaker is the first-person narrator and no character maps to it
  unnamed: no character    the speaker has no proper name ("the old man") and no character maps to
                           it; "(described beside)" when a description of it ("said the old man",
                           "a man's voice") is in the narration beside the quote
  named: no character      the speaker has a proper name but no character maps to it; "(name
                           elsewhere)" when a character has one of its names but its mentions map
                           to another entity
  no speaker predicted     a character exists for the speaker, the quote got none
  cue missed               the gold speaker is mentioned right beside the quote (a cue), fabula
                           attributed the quote without a cue (type implicit)
  cue misread (KIND)       there is such a cue and fabula used a cue, but resolved it to someone
                           else; KIND is how the cue names the speaker: name, pronoun or nominal
  turn taking wrong        no cue beside the quote: its speaker follows from the conversation

"Beside the quote" is the narration between the quote and the next quote or paragraph edge,
at most 150 characters, outside any gold quote.  The narrator entity is the one with the most
I/me/my mentions outside quotes (at least 3).
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import fabula
from fabula import ingest
from fabula.evaluate import find_works
from fabula.evaluate.scoring import map_characters, mention_mapping
from fabula.export.json_format import plain

WINDOW = 150
PRONOUNS = frozenset("i me my mine myself you your he him his himself she her hers herself we us our they them "
                     "their it its".split())
FIRST = frozenset({"i", "me", "my", "mine", "myself"})
ORDER = ("correct", "no gold speaker", "quote missed", "narrator: no character", "unnamed: no character",
         "unnamed: no character (described beside)", "named: no character", "named: no character (name elsewhere)",
         "no speaker predicted", "cue missed", "cue misread (name)", "cue misread (pronoun)",
         "cue misread (nominal)", "turn taking wrong")


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < spans[i][1]


def _mention_kind(text: str, work, ent: str) -> str:
    words = text.split()
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "pronoun"
    g = work.characters.get(ent)
    from fabula.evaluate.gold import norm

    return "name" if g is not None and norm(text) in g.names else "nominal"


def analyse_work(ref, examples: dict) -> Counter:
    work = ref.load()
    story = fabula.analyze(ingest.story_from_text(work.text, path=ref.path))
    pred = story.to_dict()
    pred["mentions"] = plain(story.mentions)
    text = work.text
    cmap = map_characters(pred["characters"], work)
    mmap = mention_mapping(work, pred, cmap)
    mapped = set(mmap.values()) - {None}
    chars = {c["id"]: c for c in pred["characters"]}
    gold_m = work.meta["mentions"]
    gq_spans = sorted(s for q in work.quotes for s in q.spans)
    gq_starts = [s for s, _ in gq_spans]
    by_ent: dict[str, list[tuple[int, int]]] = defaultdict(list)
    first_person: Counter = Counter()
    for s, e, ent in gold_m:
        by_ent[ent].append((s, e))
        if text[s:e].lower() in FIRST and not _inside(gq_spans, gq_starts, s):
            first_person[ent] += 1
    narrator = first_person.most_common(1)[0][0] if first_person and first_person.most_common(1)[0][1] >= 3 else None
    paras = sorted((p.start, p.end) for p in story.paragraphs)
    pstarts = [s for s, _ in paras]
    pq = sorted(pred["quotes"], key=lambda q: q["start"])
    pstarts_q = [q["start"] for q in pq]

    def label(ent: str | None) -> str:
        if ent is None:
            return "-"
        if ent in work.characters:
            return work.characters[ent].name
        spans = by_ent.get(ent, [])
        words = [text[s:e] for s, e in spans]
        full = [w for w in words if w.lower() not in PRONOUNS]
        return (full or words or [f"entity {ent}"])[0].replace("\n", " ")

    def cue_of(ent: str, start: int, end: int) -> str | None:
        i = bisect.bisect_right(pstarts, start) - 1
        ps, pe = paras[i] if i >= 0 else (0, len(text))
        j = bisect.bisect_left(gq_starts, start)
        prev_end = max([e for s, e in gq_spans[:j] if e <= start] or [ps])
        nxt = next((s for s in gq_starts[j:] if s >= end), pe)
        windows = ((max(ps, prev_end, start - WINDOW), start), (end, min(pe, nxt, end + WINDOW)))
        for a, b in windows:
            for s, e in by_ent.get(ent, ()):
                if a <= s and e <= b:
                    return _mention_kind(text[s:e], work, ent)
        return None

    counts: Counter = Counter()
    for gq in work.quotes:
        s, e = gq.spans[0]
        k = bisect.bisect_left(pstarts_q, s - 20000)
        best, best_ov = None, 0
        while k < len(pq) and pq[k]["start"] < e:
            ov = min(e, pq[k]["end"]) - max(s, pq[k]["start"])
            if ov > best_ov:
                best, best_ov = pq[k], ov
            k += 1
        ent = gq.speaker
        speaker = best.get("speaker") if best else None
        cue = cue_of(ent, s, e) if ent is not None else None
        if ent is None:
            cat = "no gold speaker"
        elif best is None:
            cat = "quote missed"
        elif speaker is not None and mmap.get(speaker) == ent:
            cat = "correct"
        elif ent not in mapped:
            if ent == narrator:
                cat = "narrator: no character"
            elif ent in work.characters:
                by_name = any(cmap.get(c) == ent for c in chars)
                cat = "named: no character" + (" (name elsewhere)" if by_name else "")
            else:
                cat = "unnamed: no character" + (" (described beside)" if cue == "nominal" else "")
        elif speaker is None:
            cat = "no speaker predicted"
        elif cue is None:
            cat = "turn taking wrong"
        elif best.get("type") == "implicit":
            cat = "cue missed"
        else:
            cat = f"cue misread ({cue})"
        counts[cat] += 1
        counts[("named" if ent in work.characters else "unnamed", cat)] += 1
        if cat != "correct":
            pc = chars.get(speaker or "")
            ctx = text[max(0, s - 80) : min(len(text), e + 80)].replace("\n", " ⏎ ")
            examples[cat].append({"work": ref.name, "quote": text[s:e][:100].replace("\n", " "),
                                  "gold": label(ent), "predicted": pc["name"] if pc else None,
                                  "predicted_maps_to": label(mmap.get(speaker)) if speaker else None,
                                  "type": best.get("type") if best else None, "context": ctx})
    return counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("litbank", help="the LitBank folder")
    ap.add_argument("--works", help="only these works (comma-separated names or prefixes)")
    ap.add_argument("--examples", type=int, default=3, help="examples printed per category")
    ap.add_argument("--json", help="write counts and all examples to this file")
    args = ap.parse_args()
    refs = find_works("litbank", [args.litbank], args.works.split(",") if args.works else None)
    total: Counter = Counter()
    examples: dict[str, list] = defaultdict(list)
    per_work = []
    for ref in refs:
        counts = analyse_work(ref, examples)
        total += counts
        per_work.append((ref.name, counts))
    n = sum(total[c] for c in ORDER)
    print(f"{len(refs)} works, {n} gold quotes (speakers judged by mention overlap)\n")
    print(f"{'category':42} {'quotes':>6} {'share':>6} {'named':>6} {'unnamed':>7}")
    for c in ORDER:
        if total[c]:
            print(f"{c:42} {total[c]:6d} {total[c] / n:6.1%} {total[('named', c)]:6d} {total[('unnamed', c)]:7d}")
    no_char = sum(total[c] for c in ORDER if "no character" in c or c in ("quote missed", "no gold speaker"))
    print(f"\nceiling with this cast (every quote of a speaker we have right): {(n - no_char) / n:.3f}")
    print("\nworks with most wrong quotes (main category):")
    worst = sorted(per_work, key=lambda wc: (-sum(wc[1][c] for c in ORDER[1:]), wc[0]))[:10]
    for name, counts in worst:
        wrong = sum(counts[c] for c in ORDER[1:])
        main = max(ORDER[1:], key=lambda c: counts[c])
        print(f"  {name[:40]:40} {wrong:4d}/{sum(counts[c] for c in ORDER):<4d} {main} ({counts[main]})")
    for c in ORDER[1:]:
        if not examples[c] or args.examples <= 0:
            continue
        print(f"\n== {c} ({total[c]})")
        step = max(1, len(examples[c]) // args.examples)  # spread over the works, not the first one only
        for ex in examples[c][::step][: args.examples]:
            print(f"  [{ex['work'][:30]}] gold={ex['gold']!r} predicted={ex['predicted']!r} "
                  f"(-> {ex['predicted_maps_to']!r}, {ex['type']})\n    …{ex['context']}…")
    if args.json:
        out = {"counts": {c: total[c] for c in ORDER}, "examples": examples}
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
