"""Descriptions after a quote that are things, not people (characters.nominal)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _story_helpers import run  # noqa: E402


def test_a_thing_that_acts_after_quotes_is_no_character_but_a_role_that_speaks_is():
    text = ('Mrs. Hobbs leaned out. "Drive on!" The carriage lurched and she sat back.\n\n'
            'She knocked again. "Faster!" The carriage rattled over the stones.\n\n'
            '"Stop here," said the vicar.\n\n"Why?" asked Mrs. Hobbs.\n\n"The church," said the vicar.\n')
    names = {c.name for c in run(text, speakers=False).characters}
    assert "the carriage" not in names
    assert "the vicar" in names


def test_an_epithet_before_a_role_is_no_character_of_its_own():
    from fabula.characters.nominal import _phrase

    assert _phrase("the deliberate scout") is None  # not ("the", "deliberate")
    assert _phrase("the count after") == ("the", "count")


def test_a_people_is_no_person_but_a_family_name_is():
    from fabula.characters.detect import peoples

    text = ("The Huron spoke. The Hurons were near. A Huron ran past the Hurons. Huron came. "
            "Dallas laughed. Dallas ran. Dallas sat. Dallas spoke. Dallas went. Dallas ate. Dallas left. "
            "Dallas came back. Dallas slept. It was a Dallas. They met the Dallases and the Dallases. "
            "Mr. Huron was not there.")
    assert peoples(text, [("Huron",), ("Dallas",)]) == {("Huron",)}
    assert peoples(text, [("Huron",), ("Mr.", "Huron")]) == set()  # a title carries it: a name


def test_things_with_an_agent_ending_are_no_person():
    from fabula.characters.nominal import person_head

    assert not person_head("door") and not person_head("letter")
    assert person_head("doctor") and person_head("visitor")
