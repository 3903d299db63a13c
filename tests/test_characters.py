"""Characters stage: names NER misses, junk filtered, aliases clustered without merging relatives."""

from __future__ import annotations

import sys
from pathlib import Path

from fabula.characters.cluster import cluster

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helper module beside this file
from _story_helpers import run  # noqa: E402


def _groups(forms, genders=None):
    from collections import Counter

    return {frozenset(" ".join(f) for f in g) for g in cluster(forms, Counter({f: 3 for f in forms}), genders or {})}


def test_mr_and_mrs_bennet_stay_apart_and_miss_bennet_is_her_own_person():
    forms = [("Mr.", "Bennet"), ("Mrs.", "Bennet"), ("Miss", "Bennet"), ("Elizabeth", "Bennet"), ("Jane", "Bennet"),
             ("Elizabeth",), ("Lizzy",), ("Bennet",)]
    groups = _groups(forms)
    assert frozenset({"Mrs. Bennet"}) in groups
    assert frozenset({"Miss Bennet"}) in groups
    assert frozenset({"Elizabeth Bennet", "Elizabeth", "Lizzy"}) in groups
    assert any({"Mr. Bennet", "Bennet"} <= g for g in groups)


def test_darcy_aliases_join_but_miss_darcy_does_not():
    forms = [("Mr.", "Darcy"), ("Darcy",), ("Fitzwilliam", "Darcy"), ("Miss", "Darcy"), ("Georgiana", "Darcy")]
    groups = _groups(forms, {("Georgiana", "Darcy"): "F"})  # from pronouns in a real text
    assert frozenset({"Mr. Darcy", "Darcy", "Fitzwilliam Darcy"}) in groups
    assert frozenset({"Miss Darcy", "Georgiana Darcy"}) in groups


def test_pet_name_does_not_join_a_titled_given_name():
    groups = _groups([("Lady", "Catherine"), ("Catherine",), ("Kitty",)])
    assert frozenset({"Kitty"}) in groups


def test_invented_names_from_speech_cues_and_vocatives_and_genders():
    text = (
        '"Alesia, please," Kaelan said. He looked at her.\n\n'
        '"No," said Alesia. She turned away.\n\n'
        'Kaelan sighed. Monday came. "Kaelan, go," she said.\n'
    )
    story = run(text, speakers=False)
    by_name = {c.name: c for c in story.characters}
    assert set(by_name) == {"Alesia", "Kaelan"}
    assert by_name["Kaelan"].gender == "M" and by_name["Alesia"].gender == "F"
    assert by_name["Kaelan"].mentions == 3
    assert [c.id for c in story.characters] == ["C1", "C2"]  # by first appearance
    assert all(story.text[m.start:m.end] in ("Alesia", "Kaelan") for m in story.mentions)


def test_honorific_names_and_junk_filtered():
    text = (
        'Mr. Hobbs came on Tuesday. "Good morning, Mrs. Hobbs," said Mr. Hobbs.\n\n'
        '"Well," said Mrs. Hobbs, "God knows." Mr. Hobbs went to London.\n'
    )
    names = {c.name for c in run(text, speakers=False).characters}
    assert names == {"Mr. Hobbs", "Mrs. Hobbs"}


def test_cast_fixes_the_inventory():
    text = '"Hello," said Kit. "Hi," said Bob Smith. Then Kit left with Smith.\n'
    cast = [{"name": "Bob Smith", "aliases": ["Smith"], "gender": "M"}, {"name": "Kit", "aliases": [], "gender": "F"}]
    story = run(text, cast=cast, speakers=False)
    assert [(c.id, c.name, c.mentions) for c in story.characters] == [("C1", "Bob Smith", 2), ("C2", "Kit", 2)]


def test_mrs_is_not_the_daughter_whose_full_name_we_know():
    groups = _groups([("Mrs.", "Morland"), ("Catherine", "Morland"), ("Catherine",), ("James", "Morland")],
                     {("James", "Morland"): "M"})
    assert frozenset({"Mrs. Morland"}) in groups
    assert frozenset({"Catherine Morland", "Catherine"}) in groups


def test_descriptions_that_speak_become_characters():
    text = ('"More tea, ma\'am?" said the parlourmaid.\n\n"Yes," said Mrs. Hobbs.\n\n'
            '"Milk?" asked the parlourmaid.\n\n"No," said Mrs. Hobbs. The man outside laughed.\n')
    story = run(text)
    names = {c.name: c for c in story.characters}
    assert set(names) == {"the parlourmaid", "Mrs. Hobbs"}
    assert [story.character(q.speaker).name for q in story.quotes] == ["the parlourmaid", "Mrs. Hobbs"] * 2
