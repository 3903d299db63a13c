"""Same input, same bytes: ingestion and structure leak no set order, time or memory address."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import fabula
from fabula import ingest

FIXTURES = Path(__file__).parent / "fixtures"

TEXT = (
    "15.6K 385 42\n\n\nThe Quiet Road\n\nChapter 1\n\n\"Ella,\" James said. She did not turn.\n\n* * *\n\n"
    "He\n\n\u00a0looked at me.\n\nAres' POV\n\nI waited.\n\nDon't forget to vote and comment!\n\n"
    "Chapter 2\n\nMorning came.\n\nSUMMER LIGHTSWhere stories live. Discover now"
)


def test_same_text_twice_gives_identical_json():
    first = fabula.analyze(TEXT, stages=["structure"]).to_json()
    second = fabula.analyze(TEXT, stages=["structure"]).to_json()
    assert first == second
    assert '"boilerplate":[]' not in first and '"boilerplate":[{' in first  # the run really found structure to serialise


def test_every_fixture_twice_gives_identical_json():
    for path in sorted(FIXTURES.glob("*.*htm*")):
        a = fabula.analyze(ingest.story_from_path(path), stages=["structure"]).to_json()
        b = fabula.analyze(ingest.story_from_path(path), stages=["structure"]).to_json()
        assert a == b, path.name


def test_epub_twice_gives_identical_json(tmp_path):
    from test_ingest import make_epub

    path = make_epub(tmp_path / "b.epub", ["<h2>Chapter 1</h2><p>One <i>two</i>.</p>", "<h2>Chapter 2</h2><p>Three.</p>"])
    a = fabula.analyze(path, stages=["structure"]).to_json()
    b = fabula.analyze(path, stages=["structure"]).to_json()
    assert a == b


def test_identical_across_processes_with_different_hash_seeds(tmp_path):
    """Set iteration order changes with PYTHONHASHSEED; the output must not."""
    src = tmp_path / "story.txt"
    src.write_text(TEXT, encoding="utf-8")
    code = (
        "import sys, fabula; from pathlib import Path; "
        "sys.stdout.write(fabula.analyze(Path(sys.argv[1]), stages=['structure']).to_json())"
    )
    outs = []
    for seed in ("1", "2"):
        env = {"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}
        proc = subprocess.run([sys.executable, "-c", code, str(src)], capture_output=True, text=True, env=env, timeout=120)
        assert proc.returncode == 0, proc.stderr
        outs.append(proc.stdout)
    assert outs[0] == outs[1] and outs[0]
