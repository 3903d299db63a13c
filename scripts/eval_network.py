"""Network figures on PDNC: precision@10 of fabula's heaviest conversation edges.

    FABULA_NLP_CACHE=/work/nlp-cache python scripts/eval_network.py [--data ../shared/data] [--novel NAME]

For each novel, the gold speaker → addressee pairs are counted from quotation_info.csv and the 20
heaviest kept; fabula's 10 heaviest ``conversation`` edges are matched to gold characters by name
and alias (character_info.csv), and precision@10 is the share found among the gold 20 (directed;
the undirected figure is printed beside it, and a strict one that counts a gold pair once even when a
character split in two finds it twice).  Needs the ``speakers`` stage.
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


def gold_cast(novel: Path) -> dict[str, set[str]]:
    """name or alias (lower) -> the gold main names it may stand for."""
    table: dict[str, set[str]] = {}
    for r in csv.DictReader(open(novel / "character_info.csv", encoding="utf-8")):
        main = r["Main Name"]
        for a in {main, *ast.literal_eval(r["Aliases"])}:
            if not a.startswith("_"):
                table.setdefault(a.lower(), set()).add(main)
    return table


def gold_pairs(novel: Path, table: dict[str, set[str]]) -> Counter:
    """(speaker, addressee) counts, both as gold main names (the csv may use an alias)."""

    def main(name: str) -> str:
        mains = table.get(name.lower(), set())
        return next(iter(mains)) if len(mains) == 1 else name

    pairs: Counter = Counter()
    for r in csv.DictReader(open(novel / "quotation_info.csv", encoding="utf-8")):
        try:
            addressees = ast.literal_eval(r["addressees"]) if r["addressees"] else []
        except (ValueError, SyntaxError):
            continue
        for a in addressees:
            if a and main(a) != main(r["speaker"]):
                pairs[(main(r["speaker"]), main(a))] += 1
    return pairs


def to_gold(char, table: dict[str, set[str]]) -> str | None:
    """The gold character most of fabula's names for ``char`` point to (an ambiguous alias splits its vote)."""
    if char is None:
        return None
    votes: Counter = Counter()
    for i, form in enumerate((char.name, *char.aliases)):
        mains = table.get(form.lower(), ())
        for main in mains:
            votes[main] += (1.5 if i == 0 else 1.0) / len(mains)
    if votes:
        return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    words = {w for w in re.findall(r"[\w.'-]+", char.name.lower()) if w not in _TITLES}
    hits = {main for key, mains in table.items() if words & (set(key.split()) - _TITLES) for main in mains}
    return hits.pop() if len(hits) == 1 else None


def evaluate(novel: Path) -> tuple[float, float]:
    story = fabula.analyze(novel / "novel_text.txt")
    table = gold_cast(novel)
    gold = gold_pairs(novel, table)
    top20 = [p for p, _ in sorted(gold.items(), key=lambda kv: (-kv[1], kv[0]))[:20]]
    undirected = {frozenset(p) for p in top20}
    edges = [e for e in story.network["edges"] if e["kind"] == "conversation"]
    edges.sort(key=lambda e: -e["weight"])  # stable: ties keep the stage's deterministic order
    hits = hits_u = strict = 0
    shown = []
    seen = set()
    for e in edges[:10]:
        pair = (to_gold(story.character(e["source"]), table), to_gold(story.character(e["target"]), table))
        hits += pair in top20
        hits_u += frozenset(pair) in undirected
        strict += pair in top20 and pair not in seen  # a character split in two finds a pair twice
        seen.add(pair)
        shown.append(f"{pair[0]}->{pair[1]}:{e['weight']}{'' if pair in top20 else '*'}")
    n = min(10, len(edges)) or 1
    print(f"  {novel.name:30s} P@10={hits / n:.2f} undirected={hits_u / n:.2f} strict={strict / n:.2f}  {'; '.join(shown)}")
    return hits / n, hits_u / n, strict / n


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
    mean = [sum(col) / len(scores) for col in zip(*scores)]
    print(f"PDNC mean precision@10: directed {mean[0]:.3f}, undirected {mean[1]:.3f}, "
          f"strict (each gold pair once) {mean[2]:.3f} over {len(scores)} novels")
    return 0


if __name__ == "__main__":
    sys.exit(main())
