"""Network figures on PDNC: precision@10 of fabula's heaviest conversation edges.

    FABULA_NLP_CACHE=/work/nlp-cache python scripts/eval_network.py [--data ../shared/data] [--novel NAME]

For each novel, the gold speaker → addressee pairs are counted from quotation_info.csv and the 20
heaviest kept; fabula's 10 heaviest ``conversation`` edges are matched to gold characters by name
and alias (character_info.csv), and precision@10 is the share found among the gold 20 (directed;
the undirected figure is printed beside it).  Needs the ``speakers`` stage.
"""

from __future__ import annotations

import argparse
import ast
import csv
import re
import sys
from collections import Counter
from pathlib import Path

import fabula
from fabula.pipeline import REGISTRY, Pipeline

ROOT = Path(__file__).resolve().parents[1]
_TITLES = {"mr", "mrs", "miss", "ms", "dr", "the", "mr.", "mrs.", "dr.", "sir", "lady", "lord", "mlle.", "madame", "monsieur"}


def gold_cast(novel: Path) -> tuple[dict[str, str], dict[str, str]]:
    """name or alias (lower) -> gold main name; main name -> main name."""
    table: dict[str, set[str]] = {}
    for r in csv.DictReader(open(novel / "character_info.csv", encoding="utf-8")):
        main = r["Main Name"]
        for a in {main, *ast.literal_eval(r["Aliases"])}:
            if not a.startswith("_"):
                table.setdefault(a.lower(), set()).add(main)
    return {k: next(iter(v)) for k, v in table.items() if len(v) == 1}


def gold_pairs(novel: Path) -> Counter:
    pairs: Counter = Counter()
    for r in csv.DictReader(open(novel / "quotation_info.csv", encoding="utf-8")):
        try:
            addressees = ast.literal_eval(r["addressees"]) if r["addressees"] else []
        except (ValueError, SyntaxError):
            continue
        for a in addressees:
            if a and a != r["speaker"]:
                pairs[(r["speaker"], a)] += 1
    return pairs


def to_gold(char, table: dict[str, str]) -> str | None:
    if char is None:
        return None
    for form in (char.name, *char.aliases):
        if form.lower() in table:
            return table[form.lower()]
    words = {w for w in re.findall(r"[\w.'-]+", char.name.lower()) if w not in _TITLES}
    hits = {main for key, main in table.items() if words & (set(key.split()) - _TITLES)}
    return hits.pop() if len(hits) == 1 else None


def evaluate(novel: Path) -> tuple[float, float]:
    story = fabula.analyze(novel / "novel_text.txt")
    table = gold_cast(novel)
    gold = gold_pairs(novel)
    top20 = [p for p, _ in sorted(gold.items(), key=lambda kv: (-kv[1], kv[0]))[:20]]
    undirected = {frozenset(p) for p in top20}
    edges = [e for e in story.network["edges"] if e["kind"] == "conversation"]
    edges.sort(key=lambda e: -e["weight"])  # stable: ties keep the stage's deterministic order
    hits = hits_u = 0
    shown = []
    for e in edges[:10]:
        pair = (to_gold(story.character(e["source"]), table), to_gold(story.character(e["target"]), table))
        hits += pair in top20
        hits_u += frozenset(pair) in undirected
        shown.append(f"{pair[0]}->{pair[1]}:{e['weight']}{'' if pair in top20 else '*'}")
    n = min(10, len(edges)) or 1
    print(f"  {novel.name:30s} P@10={hits / n:.2f} undirected={hits_u / n:.2f}  {'; '.join(shown)}")
    return hits / n, hits_u / n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--novel", action="append", help="only these novels (folder names)")
    args = ap.parse_args()
    Pipeline(["structure"])
    if "speakers" not in REGISTRY:
        print("the speakers stage is not available: no conversation edges to score", file=sys.stderr)
        return 1
    folder = args.data / "pdnc"
    novels = sorted(p for p in folder.iterdir() if (p / "novel_text.txt").exists())
    if args.novel:
        novels = [p for p in novels if p.name in args.novel]
    scores = [evaluate(n) for n in novels]
    print(f"PDNC mean precision@10: directed {sum(s for s, _ in scores) / len(scores):.3f}, "
          f"undirected {sum(u for _, u in scores) / len(scores):.3f} over {len(scores)} novels")
    return 0


if __name__ == "__main__":
    sys.exit(main())
