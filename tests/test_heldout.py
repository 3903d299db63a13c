"""The held-out gold (eval/heldout): its excerpts still cut out of ../shared as labelled, and fabula
scores them end to end.  A measurement set: these tests guard its integrity, not a tuned figure."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLDS = sorted((REPO / "eval" / "heldout").glob("*.gold.json"))
sys.path.insert(0, str(REPO / "scripts"))

pytestmark = pytest.mark.skipif(not (SHARED / "data" / "litbank" / "original").is_dir(),
                                reason="../shared/data/litbank/original not present")


@pytest.mark.parametrize("path", GOLDS, ids=lambda p: p.name)
def test_each_heldout_gold_matches_its_excerpt(path):
    from eval_heldout import excerpt

    gold = json.loads(path.read_text(encoding="utf-8"))
    text = excerpt(gold, SHARED)  # raises on a sha256 mismatch
    ids = {c["id"] for c in gold["characters"]}
    assert gold["quotes"], path
    for q in gold["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"], q["id"]
        assert q["speaker"] is None or q["speaker"] in ids, q["id"]
        assert set(q["addressees"]) <= ids, q["id"]
        assert q["type"] in ("explicit", "anaphoric", "implicit"), q["id"]


def test_the_heldout_set_is_scored_by_fabula_eval_gold(tmp_path):
    from eval_heldout import stage

    from fabula.evaluate.gold import load_gold_json

    staged = stage(tmp_path, SHARED, None)
    assert len(staged) == len(GOLDS) >= 3
    works = [load_gold_json(p) for p in staged]
    assert sum(len(w.quotes) for w in works) >= 250
