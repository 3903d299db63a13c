"""A plain description at a cue ("said the old gentleman") is the one the book's narration calls so."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _story_helpers import prepared  # noqa: E402

_CAST = [{"name": "Mr. Brownlow", "gender": "M"}, {"name": "Oliver Twist", "aliases": ["Oliver"], "gender": "M"},
         {"name": "Nancy", "gender": "F"}, {"name": "Mrs. Bedwin", "gender": "F"},
         {"name": "Rose Maylie", "aliases": ["Rose"], "gender": "F"}]
_FILLER = "The rain fell on the roofs of the town. " * 70  # longer than a scene


def _greedy(text: str) -> list[str | None]:
    from fabula.cast import load_cast
    from fabula.pipeline import REGISTRY, Context
    from fabula.speakers import Attributor

    story = REGISTRY["characters"](prepared(text), Context(cast=load_cast(_CAST)))
    names = {c.id: c.name for c in story.characters}
    return [names.get(s) for s in Attributor(story).run()[1]]


def _book(*scenes: str) -> str:
    return "".join(f"{s}\n\n{_FILLER}\n\n" for s in scenes)


def test_the_description_is_the_one_on_the_scene_the_narration_calls_so():
    talk = ('"Hello," said Mr. Brownlow.\n\n"Good day," said Oliver.\n\n'
            'Oliver looked up. "Where are you going?" said the old gentleman.\n')
    learnt = _book("Mr. Brownlow read his book. The old gentleman smiled.",
                   "Oliver ran home. The boy was tired.",
                   "Mr. Brownlow read again. The old gentleman sighed.") + talk
    assert _greedy(learnt)[-1] == "Mr. Brownlow"
    assert _greedy(talk)[-1] == "Oliver Twist"  # nothing learnt: the man just named


def test_with_no_one_of_that_sex_on_the_scene_the_description_is_the_one_the_book_calls_so():
    busy = "Mrs. Bedwin cooked. Mrs. Bedwin swept. Mrs. Bedwin sang. Mrs. Bedwin read. Mrs. Bedwin slept."
    talk = '"Get up!" said Mr. Brownlow.\n\n"It is you," said the girl.\n'
    learnt = _book(busy, busy, *["Nancy sat down. The girl wept."] * 5) + talk
    assert _greedy(learnt)[-1] == "Nancy"
    assert _greedy(_book(busy, busy) + talk)[-1] == "Mrs. Bedwin"  # the woman mentioned most


_BRIDGE = ('Nancy waited on the bridge. A young lady came, with a grey-haired gentleman.\n\n'
           '"This is far enough," said the gentleman.\n\n"It is," replied Nancy.\n\n'
           '"Why here?" asked the gentleman.\n\n"I was afraid," said the girl.\n\n')


def test_a_description_is_the_one_named_later_as_a_speaker_when_new_to_the_scene():
    text = _BRIDGE + '"Come, my dear," replied Mr. Brownlow.\n'
    assert _greedy(text) == ["Mr. Brownlow", "Nancy", "Mr. Brownlow", "Nancy", "Mr. Brownlow"]


def test_a_description_just_after_a_name_of_its_sex_stays_with_that_one():
    text = _BRIDGE + '"Go home," replied Rose.\n'
    assert _greedy(text)[3] == "Nancy"  # "said the girl" after "replied Nancy": not Rose, named later


def test_a_cast_name_that_is_a_description_does_not_hold_the_description():
    from fabula.cast import load_cast
    from fabula.pipeline import REGISTRY, Context
    from fabula.speakers import Attributor

    cast = _CAST + [{"name": "Bill Sikes", "aliases": ["the spy"], "gender": "M"}]
    text = "Below, the spy waited.\n\n" + _BRIDGE + '"Come, my dear," replied Mr. Brownlow.\n'
    story = REGISTRY["characters"](prepared(text), Context(cast=load_cast(cast)))
    names = {c.id: c.name for c in story.characters}
    said = [names.get(s) for s in Attributor(story).run()[1]]
    assert said[0] == said[2] == "Mr. Brownlow"  # "the spy" is no name just before "said the gentleman"


def test_a_description_after_an_unnamed_voice_is_still_the_one_named_later():
    text = ('Nancy waited on the bridge.\n\n"This is far enough," said a voice.\n\n"Quite far," he went on.\n\n'
            '"It is," replied Nancy.\n\n"Why here?" asked the gentleman.\n\n"I was afraid," said the girl.\n\n'
            '"Come, my dear," replied Mr. Brownlow.\n')
    said = _greedy(text)  # "a voice" is a man new to the story, speaking as surely as a name...
    assert said[0] is None and said[3] == "Mr. Brownlow"  # ...but holds no description that follows
