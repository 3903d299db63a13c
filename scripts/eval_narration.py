"""Narration figures on the dev data: web-fiction segments and PDNC narrative person / narrator.

    FABULA_NLP_CACHE=/work/nlp-cache python scripts/eval_narration.py [--data ../shared/data]

Web fiction: share of gold segment text whose person and narrator/POV agree (characters matched
by name).  PDNC: length-weighted share of each person per novel against the index, and, for
first-person novels, whether the narrator is the character who speaks the ``I said`` quotes.
Until the ``characters`` stage exists, the cast is taken from the gold files (names only).
"""

from __future__ import annotations

import argparse
import ast
import csv
import dataclasses
import json
import re
import sys
from collections import Counter
from pathlib import Path

import fabula
from fabula.model import Character
from fabula.pipeline import REGISTRY, Context, Pipeline

ROOT = Path(__file__).resolve().parents[1]
MISLABELLED_THIRD = {"WhereAngelsFearToTread"}  # PDNC index says first person; it is third


def analyse(text: str, cast: list[dict]) -> fabula.Story:
    """Run up to narration; with no characters stage, build the cast from gold names."""
    Pipeline(["structure"])  # loads the stage modules
    if "characters" in REGISTRY:
        return fabula.analyze(text, stages=["structure", "nlp", "quotes", "characters", "narration"])
    story = fabula.analyze(text, stages=["structure", "quotes"])
    chars = tuple(
        Character(id=c["id"], name=c["name"], aliases=tuple(c.get("aliases", ())), gender=c.get("gender", "X"))
        for c in cast
    )
    story = dataclasses.replace(story, characters=chars)
    return REGISTRY["narration"](story, Context())


def same_person(a: Character | None, names: set[str]) -> bool:
    if a is None:
        return not names
    mine = {a.name.lower(), *(x.lower() for x in a.aliases)}
    return bool(mine & names) or any(set(m.split()) & set(n.split()) - {"mr.", "mrs.", "miss", "the"} for m in mine for n in names)


def webfiction(folder: Path) -> float:
    total = good = 0
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        story = analyse(text, gold["characters"])
        gnames = {c["id"]: {c["name"].lower(), *(a.lower() for a in c.get("aliases", []))} for c in gold["characters"]}
        f_total = f_good = 0
        for g in gold["segments"]:
            for s in story.segments:
                lo, hi = max(g["start"], s.start), min(g["end"], s.end)
                if hi <= lo:
                    continue
                who_g = g["narrator"] if g["person"] == "first" else g["pov"]
                who_s = s.narrator if s.person == "first" else s.pov
                ok = s.person == g["person"] and same_person(story.character(who_s), gnames.get(who_g, set()))
                f_good += (hi - lo) * ok
            f_total += g["end"] - g["start"]
        total += f_total
        good += f_good
        narrators = [(c.id, c.name) for c in story.characters if c.narrator]
        segs = [(s.start, s.end, s.person, (story.character(s.narrator or s.pov) or Character("-", "-")).name) for s in story.segments]
        print(f"  {gold_path.name:32s} match={f_good / max(1, f_total):.3f} narrators={narrators} segments={segs}")
    print(f"web fiction: person+narrator/POV match share = {good / max(1, total):.3f}")
    return good / max(1, total)


def pdnc(folder: Path) -> None:
    index = {r["Folder Name"]: r for r in csv.DictReader(open(folder / "PDNC-Novel-Index.csv", encoding="utf-8"))}
    correct = n = 0
    agree = length = 0
    for novel in sorted(p for p in folder.iterdir() if (p / "novel_text.txt").exists()):
        gold_person = "first" if float(index[novel.name]["Narrative Person"]) == 1 else "third"
        if novel.name in MISLABELLED_THIRD:
            gold_person = "third"
        rows = list(csv.DictReader(open(novel / "character_info.csv", encoding="utf-8")))
        cast = []
        for r in rows:
            aliases = sorted(a for a in ast.literal_eval(r["Aliases"]) if not a.startswith("_") and a.lower() != "narr")
            cast.append({"id": f"C{r['Character ID']}", "name": r["Main Name"], "aliases": aliases,
                         "gender": r["Gender"] if r["Gender"] in ("F", "M") else "X"})
        text = (novel / "novel_text.txt").read_text(encoding="utf-8")
        story = analyse(text, cast)
        share = Counter()
        for s in story.segments:
            share[s.person] += s.end - s.start
        total = sum(share.values()) or 1
        predicted = share.most_common(1)[0][0] if share else "none"
        ok = predicted == gold_person
        correct += ok
        agree += share[gold_person]
        length += total
        n += 1
        line = f"  {novel.name:30s} gold={gold_person:5s} pred={predicted:5s} first={share['first'] / total:.3f} {'OK' if ok else 'WRONG'}"
        if gold_person == "first":
            line += "  " + narrator_check(novel, story, text)
        print(line)
    print(f"PDNC narrative person correct: {correct}/{n}; text in the gold person (length-weighted): {agree / max(1, length):.3f}")


def narrator_check(novel: Path, story, text: str) -> str:
    """The gold speaker of quotes followed by ``I said`` is the narrator."""
    speakers = Counter()
    for r in csv.DictReader(open(novel / "quotation_info.csv", encoding="utf-8")):
        end = json.loads(r["quoteByteSpans"])[-1][1]
        if re.match(r"[,.!?]?[\"']?\s*(?:I (?:said|asked|replied|answered|cried)|said I)\b", text[end : end + 20]):
            speakers[r["speaker"]] += 1
    gold = speakers.most_common(1)[0][0] if speakers else None
    weight = Counter()
    for s in story.segments:
        if s.person == "first" and s.narrator:
            weight[s.narrator] += s.end - s.start
    pred = story.character(weight.most_common(1)[0][0]) if weight else None
    ok = pred is not None and gold is not None and same_person(pred, {gold.lower()})
    share = weight.most_common(1)[0][1] / max(1, sum(weight.values())) if weight else 0.0
    return f"narrator gold={gold!r} pred={pred.name if pred else None!r} {'OK' if ok else 'WRONG'} (share of first-person text {share:.3f})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--only", choices=["webfiction", "pdnc"])
    args = ap.parse_args()
    if args.only != "pdnc":
        webfiction(args.data / "webfiction")
    if args.only != "webfiction":
        pdnc(args.data / "pdnc")
    return 0


if __name__ == "__main__":
    sys.exit(main())
