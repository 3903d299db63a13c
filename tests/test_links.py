"""Descriptions that stand for a named person: apposition, predicate, title, scene."""

from __future__ import annotations

import sys
from pathlib import Path

from fabula.characters.links import appositions, linked

sys.path.insert(0, str(Path(__file__).parent))
from _story_helpers import run  # noqa: E402


def _beside(text: str, heads, names):
    hits = sorted((text.index(n), text.index(n) + len(n), (n,)) for n in names)
    return {h: [f for _, f in v] for h, v in appositions(text, heads, hits, lambda pos: False).items()}


def test_apposition_and_predicate_tie_a_role_to_a_name():
    assert _beside("Then Bumble, the beadle, came in.", ["beadle"], ["Bumble"]) == {"beadle": [("Bumble",)]}
    assert _beside("The proprietor, Turner, asked him in.", ["proprietor"], ["Turner"]) == {"proprietor": [("Turner",)]}
    assert _beside("That Noah was the charity-boy they knew.", ["charity-boy"], ["Noah"]) == {"charity-boy": [("Noah",)]}
    assert _beside("that Losberne, a surgeon in the town, came.", ["surgeon"], ["Losberne"]) == {"surgeon": [("Losberne",)]}
    assert _beside("sat the artist himself, Hallward, smiling.", ["artist"], ["Hallward"]) == {"artist": [("Hallward",)]}


def test_lists_possessives_and_new_clauses_are_no_apposition():
    assert _beside("There sat Brittles, Giles, the tinker (who had come).", ["tinker"], ["Brittles", "Giles"]) == {}
    assert _beside("He saw Clouston, the duchess's brother, shoot.", ["duchess"], ["Clouston"]) == {}
    assert _beside("On the way to the magistrate, Bumble told him.", ["magistrate"], ["Bumble"]) == {}
    assert _beside("He dined with the nawab, Hamid, Mahmoud and Rafi.", ["nawab"], ["Hamid"]) == {}


def test_linked_needs_one_group_or_a_clear_majority():
    owner = {("A",): 0, ("B",): 1}.get
    assert linked([(0, ("A",)), (9, ("A",))], owner) == 0
    assert linked([(0, ("A",)), (9, ("B",))], owner) is None
    assert linked([(0, ("A",)), (5, ("A",)), (9, ("B",))], owner) == 0
    assert linked([], owner) is None


_BEADLE = ('Mr. Bumble, the beadle, walked in.\n\n"Good day," said the beadle.\n\n"Good day," said Mrs. Mann.\n\n'
           '"Where is the boy?" said the beadle.\n\n"Here," said Mrs. Mann.\n\n"Come," said Mr. Bumble.\n')


def test_a_description_set_beside_a_name_is_that_person():
    story = run(_BEADLE)
    names = {c.name for c in story.characters}
    assert "the beadle" not in names and "Mr. Bumble" in names
    bumble = next(c.id for c in story.characters if c.name == "Mr. Bumble")
    assert [story.quotes[i].speaker for i in (0, 2)] == [bumble, bumble]


def test_without_apposition_the_description_stays_its_own_character():
    story = run(_BEADLE.replace("Mr. Bumble, the beadle, walked in.", "Mr. Bumble walked in. The beadle sat."))
    assert "the beadle" in {c.name for c in story.characters}


def test_a_description_far_before_the_naming_is_someone_else():
    filler = "The rain went on. " * 200
    text = ('"No work," said the proprietor.\n\n"Thanks," said Joe.\n\n"Go," said the proprietor.\n\n' + filler +
            '\n\nThe proprietor, Mr. Turner, came to them.\n\n"Welcome," said the proprietor.\n\n"Hello," said Joe.\n\n'
            '"Sit," said the proprietor.\n\n"Well," said Mr. Turner.\n')
    story = run(text)
    turner = next(c.id for c in story.characters if c.name == "Mr. Turner")
    speakers = [q.speaker for q in story.quotes]
    assert speakers[3] == turner and speakers[5] == turner
    assert speakers[0] != turner and story.character(speakers[0]).name == "the proprietor"


def test_the_doctor_is_the_one_doctor_named_with_dr():
    text = ('Dr. Bauer came in.\n\n"Sit down," said the doctor.\n\n"Thanks," said Mary.\n\n'
            '"Now," said the doctor.\n\n"Yes," said Mary.\n\n"Well," said Dr. Bauer.\n')
    story = run(text)
    bauer = next(c.id for c in story.characters if c.name == "Dr. Bauer")
    assert [story.quotes[i].speaker for i in (0, 2)] == [bauer, bauer]


def test_two_holders_of_a_title_split_it_by_scene():
    filler = "The rain went on. " * 300
    text = ('Doctor Hale came in.\n\n"Sit," said the doctor.\n\n"Yes," said Mary.\n\n"Good," said the doctor.\n\n'
            '"Go," said Doctor Hale.\n\n' + filler + '\n\nDoctor Crane came in.\n\n"Rest," said the doctor.\n\n'
            '"Yes," said Mary.\n\n"Fine," said the doctor.\n\n"Bye," said Doctor Crane.\n')
    story = run(text)
    hale, crane = (next(c.id for c in story.characters if c.name == n) for n in ("Doctor Hale", "Doctor Crane"))
    assert [story.quotes[i].speaker for i in (0, 2, 4, 6)] == [hale, hale, crane, crane]


def test_cast_given_a_description_set_beside_a_cast_name_is_that_member():
    cast = [{"name": "Mr. Bumble", "gender": "M"}, {"name": "Mrs. Mann", "gender": "F"}]
    story = run(_BEADLE, cast=cast)
    assert [story.quotes[i].speaker for i in (0, 2)] == ["C1", "C1"]


def test_cast_given_a_description_member_gives_way_where_a_title_holder_is_named():
    cast = [{"name": "Doctor Hale", "gender": "M"}, {"name": "The Doctor", "gender": "M"}, {"name": "Mary", "gender": "F"}]
    filler = "The rain went on. " * 300
    text = ('"Sit," said the doctor.\n\n"Yes," said Mary.\n\n' + filler + '\n\nDoctor Hale came in.\n\n'
            '"Rest," said the doctor.\n\n"Yes," said Mary.\n')
    story = run(text, cast=cast)
    assert [story.quotes[i].speaker for i in (0, 2)] == ["C2", "C1"]


def test_narrated_takes_the_name_said_just_before_most_uses_and_rarely_elsewhere():
    from fabula.characters.links import narrated

    uses = [10_000 * k + 550 for k in range(12)]
    basil = [(10_000 * k + 100, 0) for k in range(12)]  # named just before every use, nowhere else
    harry = [(10_000 * k + j, 1) for k in range(12) for j in range(200, 10_000, 900)]  # named everywhere
    named = sorted(basil + harry)
    assert narrated(uses, named, lambda pos: pos - pos % 100, 120_000) == 0
    # named in the same sentence as the words: someone else ("Basil looked at the painter")
    same = sorted(harry + [(u - 10, 0) for u in uses])
    assert narrated(uses, same, lambda pos: pos - pos % 100, 120_000) is None
    assert narrated(uses[:3], named, lambda pos: pos - pos % 100, 120_000) is None  # too few uses to tell


def _studio(intro: str = "") -> str:
    filler = "Harry walked to the window. Dorian sat down. Harry smiled at Dorian. " * 60
    scene = ('Mr. Hallward came in from the garden.\n\n"Good morning," said the painter.\n\n"Hello," said Harry.\n\n'
             'The painter turned away.\n\n' + filler + "\n\n")
    return intro + "".join(scene for _ in range(12))


def test_a_role_used_just_after_a_name_is_that_person():
    story = run(_studio())
    names = {c.name for c in story.characters}
    assert "the painter" not in names
    said = [q.speaker for q in story.quotes if "said the painter" in story.text[q.end : q.end + 20]]
    assert said and {story.character(s).name for s in said} == {"Mr. Hallward"}


def test_a_role_brought_in_as_someone_new_stays_its_own():
    story = run(_studio('A painter stood by the door.\n\n"Come in," said the painter.\n\n'))
    assert "the painter" in {c.name for c in story.characters}


def test_addressed_takes_the_name_the_others_call_the_speaker():
    from fabula.characters.links import addressed

    calls = {0: {7}, 2: {7}, 4: {7}, 5: {3}}  # quote -> groups it calls by name
    voc = lambda i: calls.get(i, set())
    apart = lambda i: i  # every quote a paragraph of its own
    assert addressed({1, 3}, voc, apart, 8) == 7
    # the speaker herself says "Gladys": she is not Gladys
    assert addressed({1, 2}, voc, apart, 8) is None
    assert addressed({6}, voc, apart, 8) is None  # called so once: too little
    # quote 2 goes on in the speaker's own paragraph: her "Gladys" there says she is someone else
    assert addressed({1, 3}, voc, lambda i: i - (i in (2, 4)), 8) is None


def test_a_speaking_role_the_others_call_by_name_is_that_person():
    talk = ('"You are late, Gladys," said Mr. Wotton.\n\n"The roads were bad," answered the duchess.\n\n'
            '"Never mind the roads, Gladys," said Mr. Wotton.\n\n"I do mind them," cried the duchess.\n\n'
            '"Do sit down, Gladys."\n\n"Thank you," said the duchess.\n\n')
    story = run("Gladys was there.\n\n" + talk)
    assert "the duchess" not in {c.name for c in story.characters}
    said = [q.speaker for q in story.quotes if "the duchess" in story.text[q.end : q.end + 25]]
    assert said and {story.character(s).name for s in said} == {"Gladys"}


def test_cast_given_a_role_used_just_after_a_member_is_that_member():
    cast = [{"name": "Mr. Hallward", "gender": "M"}, {"name": "Harry", "gender": "M"}, {"name": "Dorian", "gender": "M"},
            {"name": "The Painter", "gender": "X"}]
    story = run(_studio(), cast=cast)
    said = [q.speaker for q in story.quotes if "said the painter" in story.text[q.end : q.end + 20]]
    assert said and set(said) == {"C1"}
