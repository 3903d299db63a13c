"""Scoring rules on tiny gold/prediction pairs, the LitBank reader, and `fabula eval` end to end."""

import importlib.util
import json
from pathlib import Path

import pytest

from fabula.evaluate import find_works, summarise
from fabula.evaluate.gold import GoldCharacter, GoldQuote, GoldWork, load_pdnc
from fabula.evaluate.litbank import load_litbank_work, resolve_speakers
from fabula.evaluate.scoring import (
    Counts,
    macro,
    map_by_mentions,
    map_characters,
    narrator_mentions,
    score,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
WEBFICTION = SHARED / "data" / "webfiction"
SCORER = SHARED / "hooks" / "score_quotes.py"


def work(quotes, characters=None, by_names=False):
    chars = characters or {
        "A": GoldCharacter("A", "Ann Smith", ("Ann", "Miss Smith"), "F", "major"),
        "B": GoldCharacter("B", "Bob", ("Robert",), "M", "intermediate"),
        "C": GoldCharacter("C", "Cook", (), "F", "minor"),
    }
    return GoldWork("test", "w", "x" * 200, chars, tuple(quotes), match_by_names=by_names)


def pred(quotes, characters=None):
    chars = characters if characters is not None else [
        {"id": "c1", "name": "Ann", "aliases": ["Miss Smith"]},
        {"id": "c2", "name": "Robert", "aliases": []},
    ]
    return {"characters": chars, "quotes": [dict(zip(("start", "end", "speaker", "addressees"), q)) for q in quotes]}


def test_speaker_recall_precision_and_types():
    gold = work([
        GoldQuote(((10, 20),), "A", frozenset({"B"}), "explicit"),
        GoldQuote(((30, 40),), "B", frozenset({"A"}), "implicit"),
        GoldQuote(((50, 60),), "A", frozenset(), "anaphoric"),
        GoldQuote(((90, 95),), "B", frozenset(), "implicit"),
    ])
    p = pred([(9, 21, "c1", ["c2"]), (29, 41, "c1", ["c2"]), (49, 61, "c1", []), (150, 160, "c2", [])])
    m = score(gold, p).metrics()
    assert m["quote_recall"] == 0.75  # the quote at 90-95 is not found
    assert m["quote_precision"] == 0.75  # the quote at 150-160 overlaps nothing
    assert m["speaker_accuracy"] == 0.5
    assert m["by_type"] == {"anaphoric": {"n": 1, "accuracy": 1.0}, "explicit": {"n": 1, "accuracy": 1.0},
                            "implicit": {"n": 2, "accuracy": 0.0}}
    assert m["addressee_accuracy"] == 0.5  # right for the first quote, wrong for the second
    assert m["character_recall"] == 1.0  # Ann and Bob (major, intermediate); the cook is minor


def test_a_prediction_on_an_unscored_gold_quote_is_not_a_false_positive():
    quotes = (GoldQuote(((10, 20),), "A", frozenset(), "explicit"),)
    base = work(quotes)
    gold = GoldWork("test", "w", base.text, base.characters, quotes, unscored=((50, 60),))
    p = pred([(9, 21, "c1", []), (49, 61, "c2", []), (150, 160, "c2", [])])
    m = score(gold, p).metrics()
    assert m["quote_precision"] == round(2 / 3, 4)  # the quote at 150-160 is still a false positive
    assert m["quote_recall"] == 1.0 and m["speaker_accuracy"] == 1.0  # the unscored quote is not counted


def test_interrupted_gold_quote_is_judged_by_its_first_part():
    gold = work([GoldQuote(((10, 20), (40, 50)), "A", frozenset(), "explicit")])
    found_by_second_part = score(gold, pred([(38, 52, "c1", [])])).metrics()
    assert found_by_second_part["quote_recall"] == 1.0 and found_by_second_part["speaker_accuracy"] == 1.0
    both = score(gold, pred([(9, 21, "c2", []), (38, 52, "c1", [])])).metrics()
    assert both["speaker_accuracy"] == 0.0  # the first part's speaker counts
    assert both["quote_precision"] == 1.0


def test_characters_are_mapped_by_name_votes():
    gold = work([])
    chars = [{"id": "x", "name": "Miss Smith", "aliases": ["Bob"]},  # main name 3 votes vs alias 1
             {"id": "y", "name": "Nobody", "aliases": []},
             {"id": "z", "name": "ROBERT!", "aliases": []}]  # names are normalised
    assert map_characters(chars, gold) == {"x": "A", "y": None, "z": "B"}


def test_litbank_speakers_match_by_names():
    chars = {"7": GoldCharacter("7", "Tommy", ("Mr. Beresford",), category="major")}
    gold = work([GoldQuote(((10, 20),), "7"), GoldQuote(((30, 40),), "8")], chars, by_names=True)
    p = pred([(10, 20, "t", []), (30, 40, "t", [])], [{"id": "t", "name": "Beresford", "aliases": ["Tommy"]}])
    m = score(gold, p).metrics()
    assert m["speaker_accuracy"] == 0.5  # entity 8 has no name: it cannot be matched


def test_micro_totals_and_macro_means():
    a = work([GoldQuote(((10, 20),), "A")] * 3)
    b = work([GoldQuote(((10, 20),), "A")])
    ca = score(a, pred([(10, 20, "c1", [])]))
    cb = score(b, pred([(10, 20, "c2", [])]))
    total = Counts().add(ca).add(cb).metrics()
    assert total["speaker_accuracy"] == 0.75 and total["quotes"] == 4
    assert macro([ca.metrics(), cb.metrics()])["speaker_accuracy"] == 0.5


def test_summary_has_no_timings(tmp_path):
    result = {"work": "w", "seconds": 1.5, "variants": {"default": {"counts": Counts(quotes=2, found=2).to_dict(),
                                                                    "metrics": Counts(quotes=2, found=2).metrics()}}}
    report = summarise("gold", [result], ["quotes"])
    assert "seconds" not in json.dumps(report)
    assert report["total"]["default"]["micro"]["quote_recall"] == 1.0


def test_pdnc_speakers_resolve_through_aliases(tmp_path):
    novel = tmp_path / "Novel"
    novel.mkdir()
    (novel / "novel_text.txt").write_text('"Hi," said Lizzy. "Hello," said Jane.\n')
    (novel / "character_info.csv").write_text(
        "Character ID,Main Name,Aliases,Gender,Category\n"
        "0,Elizabeth Bennet,\"{'Lizzy', 'Eliza'}\",F,major\n"
        "1,Jane Bennet,\"{'Jane', 'Miss Bennet'}\",F,major\n"
        "2,Mrs. Bennet,\"{'Miss Bennet'}\",F,minor\n")
    (novel / "quotation_info.csv").write_text(
        "quoteID,quoteText,quoteByteSpans,speaker,addressees,quoteType\n"
        "Q0,Hi,\"[[1, 4]]\",Lizzy,['Jane'],Explicit\n"
        "Q1,Hello,\"[[20, 26]]\",Miss Bennet,[],Explicit\n")
    gold = load_pdnc(novel)
    assert [q.speaker for q in gold.quotes] == ["0", None]  # an ambiguous alias resolves to nobody
    assert gold.quotes[0].addressees == {"1"}
    assert {c["name"] for c in gold.cast()} == {"Elizabeth Bennet", "Jane Bennet", "Mrs. Bennet"}
    assert [r.name for r in find_works("pdnc", [str(tmp_path)])] == ["Novel"]


def test_litbank_tokens_are_aligned_to_the_original_text(tmp_path):
    for d in ("quotations/tsv", "coref/conll", "entities/tsv", "original"):
        (tmp_path / d).mkdir(parents=True)
    original = "HEADER\n\n“I beg your pardon,” said Tommy.\n\nHe smiled. Tommy was glad.\n"
    (tmp_path / "original" / "1_x.txt").write_text(original)
    sents = [["“", "I", "beg", "your", "pardon", ",", "”", "said", "Tommy", "."],
             ["He", "smiled", "."], ["Tommy", "was", "glad", "."]]
    (tmp_path / "quotations/tsv/1_x_brat.txt").write_text("\n".join(" ".join(s) for s in sents) + "\n")
    (tmp_path / "quotations/tsv/1_x_brat.ann").write_text("QUOTE\tQ1\t0\t0\t0\t6\t“ I beg your pardon , ”\nATTRIB\tQ1\tTommy-3\n")
    coref = {(0, 8): "(3)", (1, 0): "(3)", (2, 0): "(3)"}
    rows = ["#begin document (1_x_brat); part 0"]
    for si, s in enumerate(sents):
        rows += [f"1_x_brat\t0\t{ti}\t{t}\t_\t_\t_\t_\t_\t_\t_\t_\t{coref.get((si, ti), '')}" for ti, t in enumerate(s)] + [""]
    (tmp_path / "coref/conll/1_x_brat.conll").write_text("\n".join(rows + ["#end document"]) + "\n")
    ents = {(0, 8), (1, 0), (2, 0)}
    lines = []
    for si, s in enumerate(sents):
        lines += [f"{t}\t{'B-PER' if (si, ti) in ents else 'O'}\tO\tO\tO\t" for ti, t in enumerate(s)] + [""]
    (tmp_path / "entities/tsv/1_x_brat.tsv").write_text("\n".join(lines))
    w = load_litbank_work(tmp_path, "1_x")
    assert w.text.startswith("“I beg") and w.text.endswith("glad.")
    (s, e), = w.quotes[0].spans
    assert w.text[s:e] == "“I beg your pardon,”"
    assert w.quotes[0].speaker == "3"
    assert w.characters["3"].name == "Tommy"  # "He" is a pronoun, not a name
    assert [w.text[a:b] for a, b, ent in w.meta["mentions"]] == ["Tommy", "He", "Tommy"]


def test_gold_mentions_vote_for_the_tightest_overlap():
    gold = [(0, 14, "father"), (0, 5, "tommy"), (20, 25, "tommy"), (30, 44, "girl")]
    pred = [(0, 5, "c1"), (20, 25, "c1"), (30, 38, "c2"), (100, 105, "c3")]  # c3 overlaps nothing
    assert map_by_mentions(pred, gold) == {"c1": "tommy", "c2": "girl"}
    # most votes wins; a tie goes to the entity voted for first
    assert map_by_mentions([(0, 14, "c"), (20, 25, "c"), (0, 5, "c")], gold) == {"c": "tommy"}
    assert map_by_mentions([(30, 44, "c"), (20, 25, "c")], gold) == {"c": "tommy"}


def _litbank_pair():
    text = "“Stop!” said the old man. “No,” said Tommy. The old man sighed. “Why?” asked Tommy."
    def at(s, k=1):
        i = -1
        for _ in range(k):
            i = text.index(s, i + 1)
        return (i, i + len(s))
    gold_mentions = tuple(sorted([(*at("the old man"), "9"), (*at("The old man"), "9"), (*at("Tommy"), "3"),
                                  (*at("Tommy", 2), "3")]))
    chars = {"3": GoldCharacter("3", "Tommy", category="major")}  # entity 9 has no proper name
    quotes = (GoldQuote((at("“Stop!”"),), "9"), GoldQuote((at("“No,”"),), "3"), GoldQuote((at("“Why?”"),), "3"))
    gold = GoldWork("litbank", "w", text, chars, quotes, match_by_names=True, meta={"mentions": gold_mentions})
    return text, at, gold


def test_litbank_unnamed_speaker_is_matched_by_mentions_only():
    text, at, gold = _litbank_pair()
    p = pred([(*at("“Stop!”"), "c2", []), (*at("“No,”"), "c1", []), (*at("“Why?”"), "c1", [])],
             [{"id": "c1", "name": "Tommy", "aliases": []}, {"id": "c2", "name": "the old man", "aliases": []}])
    p["mentions"] = [{"start": a, "end": b, "character": c} for (a, b), c in
                     ((at("Tommy"), "c1"), (at("Tommy", 2), "c1"), (at("the old man"), "c2"), (at("The old man"), "c2"))]
    m = score(gold, p).metrics()
    assert m["speaker_accuracy"] == round(2 / 3, 4)  # by names the old man cannot be right
    assert m["speaker_accuracy_mentions"] == 1.0
    assert m["speaker_accuracy_named"] == m["speaker_accuracy_named_mentions"] == 1.0
    # a wrong speaker stays wrong under both rules
    p["quotes"][0]["speaker"] = "c1"
    m = score(gold, p).metrics()
    assert m["speaker_accuracy_mentions"] == round(2 / 3, 4) and m["speaker_accuracy"] == round(2 / 3, 4)


def test_litbank_character_without_mentions_falls_back_to_names():
    text, at, gold = _litbank_pair()
    p = pred([(*at("“No,”"), "c1", []), (*at("“Why?”"), "c2", [])],
             [{"id": "c1", "name": "Tommy", "aliases": []}, {"id": "c2", "name": "Bob", "aliases": []}])
    p["mentions"] = []
    m = score(gold, p).metrics()
    assert m["speaker_accuracy_named_mentions"] == 0.5  # Tommy by his name; Bob is nobody
    assert m["character_recall_mentions"] == 1.0
    quiet = GoldWork("litbank", "w", text, gold.characters, (), match_by_names=True, meta=gold.meta)
    assert score(quiet, p).metrics()["character_recall_mentions"] == 1.0  # a work without quotes counts too


def test_narrator_is_mapped_through_the_first_person_of_the_narration():
    text = "I woke. “I am here,” said Ann. My head ached."
    gold = GoldWork("litbank", "w", text, {}, (GoldQuote(((8, 20),), "1"),), match_by_names=True,
                    meta={"mentions": ((0, 1, "1"), (9, 10, "2"), (26, 29, "2"), (31, 33, "1"))})
    p = {"characters": [{"id": "N", "name": "narrator", "aliases": [], "narrator": True}],
         "quotes": [{"start": 8, "end": 20, "speaker": "N", "addressees": []}],
         "segments": [{"start": 0, "end": len(text), "person": "first", "narrator": "N"}], "mentions": []}
    assert narrator_mentions(text, p) == [(0, 1, "N"), (31, 33, "N")]  # the "I" inside the quote is Ann's
    assert score(gold, p).metrics()["speaker_accuracy_mentions"] == 1.0


def test_scores_without_gold_mentions_have_no_mention_figures():
    gold = work([GoldQuote(((10, 20),), "A")])
    c = score(gold, pred([(10, 20, "c1", [])]))
    assert "speaker_accuracy_mentions" not in c.metrics() and "correct_mentions" not in c.to_dict()
    assert "speaker_accuracy_mentions" not in macro([c.metrics()])


def test_litbank_speaker_labels_are_resolved_to_coreference_entities():
    tokens = "“ I am cold , ” said Mrs. Bennet . “ Me too , ” said his lady . Netherfield was let . “ Ha ! ” said I .".split()
    entities = {"5": [(1, 1), (7, 8), (11, 11), (16, 17)], "7": [(19, 19)], "0": [(28, 28)]}
    spans = {"Q1": (0, 5), "Q2": (10, 14), "Q3": (23, 26)}
    # the labels' numbers are off: Mrs_Bennet-7 is not Netherfield (7)
    attrib = {"Q1": "Mrs_Bennet-7", "Q2": "Mrs_Bennet-7", "Q3": "narrator-3"}
    got = resolve_speakers(attrib, spans, entities, tokens)
    assert got == {"Mrs_Bennet-7": "5", "narrator-3": "0"}  # spelt like the label; the I outside quotes
    attrib = {"Q1": "the_wife-7", "Q2": "the_wife-7", "Q3": "Ha-0"}
    got = resolve_speakers(attrib, spans, entities, tokens)
    assert got["the_wife-7"] == "5"  # owns the I/me of its quotes
    assert got["Ha-0"] == "0"  # nothing else to go by: the label's number


def _scorer():
    spec = importlib.util.spec_from_file_location("score_quotes", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SCORER.is_file() or not WEBFICTION.is_dir(), reason="../shared (scorer, web fiction) not present")
def test_figures_agree_with_the_independent_scorer(tmp_path):
    from fabula.evaluate import WorkRef, evaluate_work

    gold = WEBFICTION / "penthouse.gold.json"
    ref = WorkRef("gold", "penthouse", str(gold))
    result = evaluate_work(ref, predictions=str(tmp_path))
    assert "error" not in result, result.get("error")
    ours = result["variants"]["default"]["metrics"]
    theirs = _scorer().score(str(gold), json.loads((tmp_path / "gold-penthouse.json").read_text()))
    assert ours["quote_recall"] == pytest.approx(theirs["quote_recall"], abs=1e-4)
    assert ours["quote_precision"] == pytest.approx(theirs["quote_precision_vs_gold"], abs=1e-4)
    assert ours["speaker_accuracy"] == pytest.approx(theirs["speaker_accuracy"], abs=1e-4)
    assert ours["addressee_accuracy"] == pytest.approx(theirs["addressee_accuracy"], abs=1e-4)
    assert ours["character_recall"] == pytest.approx(theirs["character_recall_major"], abs=1e-4)
    for t, v in theirs["by_type"].items():
        assert ours["by_type"][t]["accuracy"] == pytest.approx(v["accuracy"], abs=1e-4)


@pytest.mark.skipif(not WEBFICTION.is_dir(), reason="../shared/data/webfiction not present")
def test_cli_eval_gold_writes_comparable_results(tmp_path, capsys):
    from fabula.cli import main

    out = tmp_path / "r.json"
    args = ["eval", "gold", str(WEBFICTION / "sound-of-goodbye.gold.json"), "-o", str(out), "--jobs", "1"]
    assert main(args) == 0
    report = json.loads(out.read_text())
    assert report["corpus"] == "gold" and [w["work"] for w in report["works"]] == ["sound-of-goodbye"]
    micro = report["total"]["default"]["micro"]
    assert micro["quotes"] == 34 and micro["quote_recall"] >= 0.95
    assert "sound-of-goodbye" in capsys.readouterr().out
    assert main(args) == 0
    assert json.loads(out.read_text()) == report  # same input, same results


def test_cli_eval_bad_path_is_one_line(tmp_path, capsys):
    from fabula.cli import main

    assert main(["eval", "pdnc", str(tmp_path / "missing")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("fabula: error:") and err.count("\n") == 1


def test_cli_eval_refuses_a_file_that_is_not_gold(tmp_path, capsys):
    from fabula.cli import main

    text = tmp_path / "story.txt"
    text.write_text("Hello.")
    assert main(["eval", "gold", str(text), "-o", str(tmp_path / "r.json")]) == 1
    assert "expected a NAME.gold.json" in capsys.readouterr().err
    assert not (tmp_path / "r.json").exists()
    assert main(["eval", "gold", str(tmp_path)]) == 1  # a folder without any *.gold.json
