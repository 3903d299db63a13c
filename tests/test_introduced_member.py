"""With a given cast, "said the man" after the narration brought in "a stout man" is the cast's "The Stout Man"."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _story_helpers import prepared  # noqa: E402

_CAST = [{"name": "Oliver Twist", "aliases": ["Oliver"], "gender": "M"},
         {"name": "The Stout Man", "gender": "M"}, {"name": "The Police Officer", "gender": "M"}]


def _greedy(text: str) -> list[str | None]:
    from fabula.cast import load_cast
    from fabula.pipeline import REGISTRY, Context
    from fabula.speakers import Attributor

    story = REGISTRY["characters"](prepared(text), Context(cast=load_cast(_CAST)))
    names = {c.id: c.name for c in story.characters}
    return [names.get(s) for s in Attributor(story, invent=False).run()[1]]


def test_the_man_is_the_cast_member_the_narration_introduced_so():
    text = ("Oliver was led into a yard, where they met a stout man with a bunch of keys.\n\n"
            '"What is the matter now?" said the man carelessly.\n\n'
            '"A young thief," replied the man who had Oliver in charge.\n')
    said = _greedy(text)
    assert said[0] == "The Stout Man"
    assert said[1] != "The Stout Man"  # "the man who ...": someone the words set apart


def test_no_introduction_no_member():
    text = ("Oliver was led into a yard, where they met a man with a bunch of keys.\n\n"
            '"What is the matter now?" said the man carelessly.\n')
    assert _greedy(text)[0] != "The Stout Man"  # "a man" tells no one
    young = ("Oliver was led into a yard, where they met a stout man with a bunch of keys.\n\n"
             '"What is the matter now?" said the young man carelessly.\n')
    assert _greedy(young)[0] != "The Stout Man"  # not the words that brought him in
