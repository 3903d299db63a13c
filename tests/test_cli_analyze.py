"""``fabula analyze`` on the bundled example chapter, through the CLI."""

import json
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "the-lighthouse-keeper.txt"


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "fabula", *args], capture_output=True, text=True, input=stdin)


def test_json_output_follows_the_contract(tmp_path):
    out = tmp_path / "story.json"
    proc = run("analyze", str(EXAMPLE), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    story = json.loads(out.read_text())
    for key in ("fabula", "source", "text", "title", "boilerplate", "chapters", "scenes", "paragraphs",
                "characters", "quotes", "segments"):
        assert key in story
    assert story["text"] == EXAMPLE.read_text(encoding="utf-8")
    assert story["title"] == "The Lighthouse Keeper"
    assert {b["kind"] for b in story["boilerplate"]} >= {"stats", "title", "author_note"}
    assert [c["title"] for c in story["chapters"]] == ["Chapter 1: The Letter"]
    assert len(story["scenes"]) == 2
    assert len(story["quotes"]) >= 12
    text = story["text"]
    assert all(text[q["start"]] in "\"“" for q in story["quotes"])


def test_json_is_compact_unless_sentence_emotion_is_asked_for(tmp_path):
    """Emotion per paragraph, arc, character by default; per sentence only with the flag."""
    small, full = tmp_path / "small.json", tmp_path / "full.json"
    assert run("analyze", str(EXAMPLE), "-o", str(small)).returncode == 0
    assert run("analyze", str(EXAMPLE), "-o", str(full), "--sentence-emotion").returncode == 0
    a, b = json.loads(small.read_text()), json.loads(full.read_text())
    assert "sentences" not in a["emotion"] and {"story", "chapters", "characters", "paragraphs"} <= set(a["emotion"])
    assert len(b["emotion"]["sentences"]["valence"]) == len(b["sentences"]) > 0
    assert {k: v for k, v in b["emotion"].items() if k != "sentences"} == a["emotion"]
    assert {k: v for k, v in b.items() if k != "emotion"} == {k: v for k, v in a.items() if k != "emotion"}
    assert '", "' not in small.read_text()[:2000]  # no space after separators
    assert small.stat().st_size < full.stat().st_size
    wrong = run("analyze", str(EXAMPLE), "--format", "text", "--sentence-emotion")
    assert wrong.returncode != 0 and "--sentence-emotion" in wrong.stderr


def test_text_summary_mentions_title_and_counts():
    proc = run("analyze", str(EXAMPLE), "--format", "text")
    assert proc.returncode == 0, proc.stderr
    assert "The Lighthouse Keeper" in proc.stdout
    assert "chapters" in proc.stdout


def test_version():
    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("fabula ")


def test_every_quote_of_the_example_goes_to_its_speaker(tmp_path):
    """Expected speakers written by hand from the example chapter, in order."""
    out = tmp_path / "story.json"
    assert run("analyze", str(EXAMPLE), "-o", str(out)).returncode == 0
    story = json.loads(out.read_text())
    names = {c["id"]: c["name"] for c in story["characters"]}
    said = [names.get(q["speaker"]) for q in story["quotes"]]
    M, T = "Mara", "Tobias"
    assert said == [T, M, M, T, M, M, T, M, T, T, T, M, M, T]
    addressed = [[names[a] for a in q["addressees"]] for q in story["quotes"]]
    assert addressed[0] == [M] and addressed[1] == [T]
