#!/usr/bin/env python3
"""How clean is the cast fabula finds on its own (no cast given)?  Spurious characters and split people.

Usage: FABULA_NLP_CACHE=/work/nlp-cache python scripts/eval_characters.py [--corpus litbank|pdnc|both]
       [--only NAME] [--cache DIR] [--show]

* LitBank (coreference gold): a found character with a proper name is *right* when most of its name
  mentions overlap mentions of gold PER entities (an entity most of whose mentions are tagged PER);
  precision = right / named characters.  A *split* is a gold PER entity that two or more found
  characters map to (each character maps to the entity its mentions overlap most).
* PDNC (character lists): a found character none of whose names is a gold alias is *unmatched*
  (a precision proxy: PDNC lists only speaking or addressed characters); a *split* is a gold
  character that two or more found characters map to (``scoring.map_characters``).

Stories are prepared up to the quotes stage once and pickled in ``--cache`` (default
/tmp/fabula-chars), so a change to the characters stage is measured by rerunning only that stage.
``--show`` lists the spurious and split characters.

PDNC also gives each character's sex (M/F/X): the *gender accuracy* is the share of found characters
matched to a gold character of known sex whose ``gender`` agrees, overall and for the talkative ones
(gold speaker of >= 10 quotes), since a "he"/"she" cue can only go to a character of that sex;
``--show`` lists the wrong ones (a wrong talkative one costs whole conversations).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path

import fabula
from fabula import ingest
from fabula.evaluate import find_works
from fabula.evaluate.litbank import (
    _coref,
    _person_starts,
    _sentences,
    merge_appositives,
)
from fabula.evaluate.scoring import map_by_mentions, map_characters
from fabula.pipeline import REGISTRY, Context, Pipeline

Pipeline()  # registers every stage
DATA = Path("/work/shared/data")
LISTED: list[str] = []  # work, name, right? of every named character (``--list``)
TALKATIVE = 10  # quotes a gold character speaks to count as talkative in the gender figures
GENDER = [0, 0, 0, 0]  # PDNC: judged, right, judged talkative, right talkative


def prepared(ref, cache: Path, text: str | None = None):
    path = cache / f"{ref.corpus}-{ref.name}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    if ref.corpus == "pdnc":
        story = fabula.load(Path(ref.path) / "novel_text.txt")
    else:
        story = ingest.story_from_text(text, path=ref.path)
    story = Pipeline(("structure", "nlp", "quotes"))(story, Context())
    cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(story))
    return story


def cast_of(story):
    story = REGISTRY["characters"](story, Context())
    names = defaultdict(list)
    for m in story.mentions:
        if m.kind == "name":
            names[m.character].append((m.start, m.end, m.character))
    return story.characters, names


def _tagged_starts(path: Path) -> set[int]:
    """Token indices where any entity (PER, FAC, GPE...) starts in the entity layer."""
    starts, index = set(), -1
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        index += 1
        if any(col.strip().startswith("B-") for col in line.split("\t")[1:]):
            starts.add(index)
    return starts


def per_entities(root: Path, stem: str) -> set[str]:
    """Gold entities most of whose tagged mentions are PER (pronouns carry no entity tag)."""
    qdir = root / "quotations" / "tsv"
    tokens = [t for s in _sentences(qdir / f"{stem}_brat.txt") for t in s]
    tsv = root / "entities" / "tsv" / f"{stem}_brat.tsv"
    persons, tagged = _person_starts(tsv), _tagged_starts(tsv)
    ents = merge_appositives(_coref(root / "coref" / "conll" / f"{stem}_brat.conll"), tokens, persons)
    return {e for e, ms in ents.items()
            if 2 * sum(a in persons for a, _ in ms) > sum(a in tagged for a, _ in ms) > 0}


def litbank_work(ref, cache: Path, show: bool) -> tuple[int, int, int]:
    work = ref.load()
    story = prepared(ref, cache, work.text)
    chars, names = cast_of(story)
    per = per_entities(Path(ref.path), ref.stem or ref.name)
    gold = [g for g in work.meta["mentions"] if g[2] in per]
    named = [c for c in chars if not c.narrator and c.name[:1].isupper()]
    mapped = map_by_mentions([m for c in named for m in names[c.id]], gold)
    right = [c for c in named if mapped.get(c.id)]
    owners = defaultdict(list)
    for c in right:
        owners[mapped[c.id]].append(c.name)
    splits = {e: ns for e, ns in owners.items() if len(ns) > 1}
    LISTED.extend(f"{ref.name}\t{c.name}\t{bool(mapped.get(c.id))}" for c in named)
    if show:
        bad = [c.name for c in named if not mapped.get(c.id)]
        if bad or splits:
            print(f"  {ref.name}: spurious {bad}; split {list(splits.values())}")
    return len(named), len(right), len(splits)


def pdnc_work(ref, cache: Path, show: bool) -> tuple[int, int, int]:
    work = ref.load()
    story = prepared(ref, cache)
    chars, _ = cast_of(story)
    pred = [{"id": c.id, "name": c.name, "aliases": list(c.aliases)} for c in chars
            if not c.narrator and c.name[:1].isupper()]
    mapping = map_characters(pred, work)
    owners = defaultdict(list)
    for p in pred:
        if mapping[p["id"]]:
            owners[mapping[p["id"]]].append(p["name"])
    splits = {g: ns for g, ns in owners.items() if len(ns) > 1}
    LISTED.extend(f"{ref.name}\t{p['name']}\t{bool(mapping[p['id']])}" for p in pred)
    if show:
        bad = [p["name"] for p in pred if not mapping[p["id"]]]
        print(f"  {ref.name}: unmatched {len(bad)} {bad[:40]}; split {list(splits.values())}")
    wrong = gender_check(chars, mapping, work)
    if show and wrong:
        print(f"  {ref.name}: wrong gender " + "; ".join(wrong))
    return len(pred), sum(1 for p in pred if mapping[p["id"]]), len(splits)


def gender_check(chars, mapping: dict, work) -> list[str]:
    """Add this work to ``GENDER``; the wrong ones as "name (found/gold, n quotes)", talkative first."""
    spoken = Counter(q.speaker for q in work.quotes if q.speaker)
    wrong = []
    for c in chars:
        gid = mapping.get(c.id)
        gold = work.characters[gid].gender if gid else "X"
        if gold not in ("F", "M"):
            continue
        ok, talk = c.gender == gold, spoken[gid] >= TALKATIVE
        for i, hit in enumerate((True, ok, talk, talk and ok)):
            GENDER[i] += hit
        if not ok:
            wrong.append((-spoken[gid], f"{c.name} ({c.gender}/{gold}, {spoken[gid]}q)"))
    return [w for _, w in sorted(wrong)]


def run(corpus: str, only: str | None, cache: Path, show: bool) -> None:
    root = DATA / corpus
    refs = find_works(corpus, [str(root)], names=[only] if only else None)
    tot = [0, 0, 0]
    for ref in refs:
        n, ok, sp = (litbank_work if corpus == "litbank" else pdnc_work)(ref, cache, show)
        tot = [tot[0] + n, tot[1] + ok, tot[2] + sp]
    n, ok, sp = tot
    label = "precision (overlap a PER entity)" if corpus == "litbank" else "matched a gold alias"
    print(f"{corpus}: {len(refs)} works, {n} named characters, {label} {ok}/{n} = {ok / max(n, 1):.3f}, "
          f"spurious {n - ok}, split gold entities {sp}")
    if corpus == "pdnc":
        g = GENDER
        print(f"pdnc gender: {g[1]}/{g[0]} = {g[1] / max(g[0], 1):.3f} of matched characters of known sex; "
              f"talkative (>= {TALKATIVE} quotes) {g[3]}/{g[2]} = {g[3] / max(g[2], 1):.3f}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", choices=("litbank", "pdnc", "both"), default="both")
    ap.add_argument("--only")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/fabula-chars"))
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--list", type=Path, help="write every named character (work, name, right?) to this file")
    a = ap.parse_args(argv)
    for corpus in (("litbank", "pdnc") if a.corpus == "both" else (a.corpus,)):
        run(corpus, a.only, a.cache, a.show)
    if a.list:
        a.list.write_text("\n".join(LISTED) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
