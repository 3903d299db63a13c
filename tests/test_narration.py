"""Narration: person, narrators named by how others address them, POV, narrator switches."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import fabula
import fabula.narration  # noqa: F401  (registers the stage)
from fabula.model import Character
from fabula.pipeline import REGISTRY, Context

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "webfiction"


def narrate(text: str, cast: list[tuple[str, str]] = (), context: Context | None = None):
    story = fabula.analyze(text, stages=["structure", "quotes"])
    chars = tuple(Character(id=f"C{i + 1}", name=n, gender=g) for i, (n, g) in enumerate(cast))
    return REGISTRY["narration"](dataclasses.replace(story, characters=chars), context or Context())


def name_of(story, cid):
    c = story.character(cid)
    return c.name if c else None


FIRST = (
    "I woke before the alarm and lay still, listening to the rain. My head hurt. I had not slept well since "
    "the night at the harbour, and I knew I would not sleep well again until I told him.\n\n"
    "He was already in the kitchen when I came down. \"Ella,\" James said, not looking up from the stove. "
    "\"You're up early.\"\n\n"
    "\"I couldn't sleep,\" I said. I poured myself a coffee and sat at the table, my hands around the cup.\n\n"
    "\"Ella, talk to me,\" he said. I looked at him for a long moment. My throat was tight and my eyes stung.\n\n"
    "\"Not now, James,\" I said. I went back upstairs and closed my door behind me, and I cried.\n"
)

THIRD = (
    "Mara stood at the window. She felt the cold through the glass and saw the street empty under the lamps. "
    "She thought of the letter in her pocket, and she wondered whether Tom had read his.\n\n"
    "Tom came in without knocking. \"You're still up,\" he said.\n\n"
    "\"I couldn't sleep,\" Mara said. She could see he had been drinking; she noticed the way he held the door. "
    "She knew what he would say before he said it, and she felt tired of hearing it.\n\n"
    "He sat down heavily. Mara watched him and remembered the summer they had met, and she sighed.\n"
)


def test_first_person_and_narrator_named_by_vocative():
    story = narrate(FIRST, [("James", "M")])
    assert [s.person for s in story.segments] == ["first"]
    seg = story.segments[0]
    assert name_of(story, seg.narrator) == "Ella" and seg.pov == seg.narrator
    ella = story.character(seg.narrator)
    assert ella.narrator and ella.id == "C2"  # created after the existing cast
    assert not story.character("C1").narrator


def test_an_interjection_is_no_narrator_and_a_given_cast_names_the_narrator_only_from_its_names():
    um = FIRST.replace('"Ella, talk to me," he said.', '"Um, talk to me," he said. "Um, please."')
    um = um.replace('"Ella," James said', '"Um," James said')
    story = narrate(um, [("James", "M")])
    assert name_of(story, story.segments[0].narrator) != "Um"
    from fabula.cast import load_cast

    cast = load_cast([{"name": "James", "gender": "M"}, {"name": "Ella", "gender": "F"}])
    story = narrate(FIRST.replace("Ella", "Elsie"), [("James", "M"), ("Ella", "F")], Context(cast=cast))
    assert "Elsie" not in [c.name for c in story.characters]  # not in the cast: not made a person


def test_narrator_that_is_already_a_character_is_marked_not_duplicated():
    story = narrate(FIRST, [("James", "M"), ("Ella", "F")])
    assert len(story.characters) == 2
    assert story.segments[0].narrator == "C2" and story.character("C2").narrator


def test_self_introduction_names_the_narrator():
    text = "My name is Rowan Vale, and I have lived in this town all my life. I know every street of it, and I know its people.\n"
    story = narrate(text * 3)
    assert name_of(story, story.segments[0].narrator) == "Rowan Vale"


def test_third_person_limited_pov():
    story = narrate(THIRD, [("Mara", "F"), ("Tom", "M")])
    assert [s.person for s in story.segments] == ["third"]
    assert story.segments[0].pov == "C1" and story.segments[0].narrator is None
    assert not any(c.narrator for c in story.characters)


def test_pov_headings_switch_narrators():
    part_a = (
        "I had waited at the station for an hour. My feet were cold and my patience was gone. "
        "\"Anna, there you are,\" Ben called across the platform, and I turned.\n\n"
        "I did not smile at him. I had nothing to say to him that I wanted to say in public.\n"
    )
    part_b = (
        "I saw her before she saw me. My heart did the thing it always did. \"Ben,\" she said coldly, "
        "and I knew I was in trouble.\n\n"
        "I took her bag without asking. She let me, which was something. I walked beside her in silence.\n"
    )
    text = "Anna's POV\n\n" + part_a * 2 + "\nBen's POV\n\n" + part_b * 2
    story = narrate(text)
    names = [name_of(story, s.narrator) for s in story.segments]
    assert names == ["Anna", "Ben"]
    assert all(s.person == "first" for s in story.segments)


def test_dual_narrators_without_heading_retold_dialogue():
    hers = (
        "Leo comes in late again. I watch him drop his keys on the table, and I feel my chest tighten. "
        "He does not look at me. He never looks at me anymore.\n\n"
        "\"Nina, not tonight,\" he says, and he walks past me.\n\n"
        "\"I am leaving you, and I mean it this time,\" I say. He stops. He turns. His face goes white.\n\n"
        "\"You cannot leave, not after everything,\" he says. I shake my head and I go upstairs.\n"
    )
    his = (
        "\"I am leaving you, and I mean it this time,\" she says. Her voice is steady. She has practised this.\n\n"
        "\"You cannot leave, not after everything,\" I say. She only shakes her head. She goes upstairs "
        "and I stand there, her words still ringing, and I know she is right about me. She always was.\n"
    )
    story = narrate(hers + "\n* * *\n\n" + his, [("Nina", "F"), ("Leo", "M")])
    narrators = [c.name for c in story.characters if c.narrator]
    assert narrators == ["Nina", "Leo"]
    assert [name_of(story, s.narrator) for s in story.segments] == ["Nina", "Leo"]


def test_a_chapter_that_names_her_is_not_told_by_her():
    # the narration's "she" of chapter I turns into "he" in chapter II: still the same "I", since chapter II
    # names Miss Watson (in "Miss Watson's big nigger"), and narrators do not name themselves
    ch1 = ("CHAPTER I.\n\nThe widow took me for her son, and she allowed she would sivilize me. Her sister, Miss "
           "Watson, lived with her. She was a tolerable slim old maid, and she had just come to live with her. She made "
           "a dead set at me now with a spelling-book. She worked me middling hard for about an hour, and then the "
           "widow made her ease up. She said it was wicked. She told me all about the bad place, and I said I wished "
           "I was there. She got mad then, but I didn't mean no harm. I went up to my room with a piece of candle and "
           "sat down in a chair by the window. I felt so lonesome I most wished I was dead.\n\n")
    ch2 = ("CHAPTER II.\n\nWe went tiptoeing along a path amongst the trees. When we was passing by the kitchen I fell "
           "over a root and made a noise. Miss Watson's big nigger, named Jim, was setting in the kitchen door. He got "
           "up and stretched his neck out about a minute, listening. He came tiptoeing down and stood right between "
           "us. He set down on the ground betwixt me and Tom. He leaned his back up against a tree, and he stretched "
           "his legs out. Tom he made a sign to me, and he said he would tie Jim to the tree. He was a good fellow. "
           "I said no, and he didn't argue. He crept away, and I followed him.\n")
    story = narrate(ch1 + ch2, [("Miss Watson", "F"), ("Tom", "M"), ("Jim", "M")])
    assert {name_of(story, s.narrator) for s in story.segments} == {"Narrator"}


def test_a_possessive_is_a_mention_of_the_name():
    from fabula.narration.text import NameIndex

    names = NameIndex((Character(id="C1", name="Miss Watson"), Character(id="C2", name="Jim")))
    text = "Miss Watson's big nigger, named Jim, and Jim's hat"
    assert [(text[a:b], c) for a, b, c in names.find(text, 0, len(text))] == [
        ("Miss Watson", "C1"), ("Jim", "C2"), ("Jim", "C2")]


def test_segments_cover_the_story_in_order():
    story = narrate(FIRST + "\n* * *\n\n" + THIRD, [("James", "M"), ("Mara", "F"), ("Tom", "M")])
    segs = story.segments
    assert segs[0].start == story.paragraphs[0].start and segs[-1].end == story.paragraphs[-1].end
    assert all(a.end == b.start for a, b in zip(segs, segs[1:]))
    assert [s.person for s in segs] == ["first", "third"]


def test_second_person():
    text = ("You wake up in a room you do not know. You reach for your phone, but your pocket is empty. "
            "You stand, and your legs shake under you. You call out, and nobody answers you.\n\n") * 3
    assert narrate(text).segments[0].person == "second"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/webfiction not present")
def test_wattpad_dual_pov_gets_both_narrators_without_a_cast():
    story = narrate((SHARED / "wattpad-dual-pov.txt").read_text(encoding="utf-8"))
    assert [name_of(story, s.narrator) for s in story.segments] == ["Alana", "Ares"]
    assert [(c.name, c.gender) for c in story.characters if c.narrator] == [("Alana", "F"), ("Ares", "M")]


def test_narrative_resumed_and_diary_headings():
    anne = ("I had left the house at dawn, and I walked until my feet ached. I did not look back; I knew what I would see. "
            "My aunt would be at the window, and I could not bear her face.\n\n") * 2
    diary = ("I write this by candlelight. I have not slept, and I fear I shall not sleep tonight. My hand shakes as I "
             "write, and I must stop often.\n\n") * 2
    text = "(Anne's narrative resumed)\n\n" + anne + "Extracts from the diary of Dr. Seward.\n\n" + diary
    story = narrate(text)
    assert [name_of(story, s.narrator) for s in story.segments] == ["Anne", "Dr. Seward"]
    assert story.segments[1].start == text.index("Extracts")  # the diary line opens the new voice


def test_a_narrator_named_in_the_cast_is_used():
    text = "I walked home alone. I was tired, and my feet hurt, and I wanted nothing but sleep.\n\n" * 3
    story = fabula.analyze(text, stages=["structure", "quotes"])
    cast = (Character("C1", "Pip", gender="M", narrator=True), Character("C2", "Joe", gender="M"))
    story = REGISTRY["narration"](dataclasses.replace(story, characters=cast), Context())
    assert story.segments[0].narrator == "C1" and len(story.characters) == 2


def test_i_comma_name_and_gender_from_a_title():
    text = ("I, Thomas Crane, set down these events as I saw them. I was there, and I remember every word.\n\n"
            "\"Mr. Crane, you are late,\" the clerk said to me. I did not answer him.\n\n") * 2
    story = narrate(text)
    narrator = story.character(story.segments[0].narrator)
    assert narrator.name == "Thomas Crane" and narrator.narrator
    story = narrate(("\"Miss Hale, sit down,\" the doctor said. I sat, and I folded my hands, and I waited for him.\n\n") * 4)
    narrator = story.character(story.segments[0].narrator)
    assert (narrator.name, narrator.gender) == ("Miss Hale", "F")


def test_a_letter_in_quotes_does_not_make_a_third_person_story_first_person():
    # The letter is set out in quotation marks but is written, not spoken, so the quotes stage
    # does not keep it as a quote; its "I" is still the writer's, not the narrator's.
    narration = (
        "Anna walked down to the harbour every morning. She watched the boats come in and counted them, "
        "and when the last one was tied up she went home to her mother, who asked her what she had seen. "
        "She told her about the gulls and the nets and the old men mending them on the quay.\n\n"
    )
    letter = (
        "\"Dear Anna,\n\n\"I write to you because I cannot say it to your face. I have loved you since the "
        "summer I came to the village, and I know I have no right to. I am leaving tomorrow; I will not "
        "come back, and I ask you to forget me. I wish I could have told you myself.\n\n"
        "\"Yours ever,\n\n\"T.\"\n\n"
    )
    text = narration + letter + narration.replace("every morning", "the next day")
    story = narrate(text, [("Anna", "F")])
    assert {s.person for s in story.segments} == {"third"}


def _third_person_book(middle: str) -> str:
    """Three third-person scenes with ``middle`` as the second, separated by scene breaks."""
    return (THIRD + "\n* * *\n\n") * 2 + middle + "\n* * *\n\n" + THIRD


def test_an_aside_of_the_author_in_a_third_person_scene_is_not_first_person():
    # "did my worthy host" and "mine host": three first-person words among many he/she are the
    # authorial voice of a third-person book, not a scene told by an "I".
    scene = (
        "The landlord burst into a fit of laughter. He laughed in every key, did my worthy host, and he laughed "
        "until his sides ached. The stranger poured out two tankards and offered one to mine host, and he took "
        "the other himself. He drank it slowly; he watched the fire and the landlord and the rain on the window, "
        "and he said nothing for a long while. The landlord wiped his eyes and went back to his casks, and he "
        "whistled as he worked. He had seen many travellers, he told himself, and none of them had frightened him. "
        "It seemed to me, had I been there, that he was wrong.\n\n"
    )
    story = narrate(_third_person_book(scene), [("Mara", "F"), ("Tom", "M")])
    assert {s.person for s in story.segments} == {"third"}


def test_a_scene_told_by_an_i_in_a_third_person_book_is_first_person():
    scene = (FIRST.replace("\"Ella,\" James said", "\"Ella,\" he said") + "\n") * 2
    story = narrate(_third_person_book(scene), [("Mara", "F"), ("Tom", "M"), ("James", "M")])
    assert [s.person for s in story.segments] == ["third", "first", "third"]


def test_a_teacher_the_narration_names_is_not_the_first_person_narrator():
    text = ('I sit in the second row and I try not to look at anyone. My heart does a stupid thing.\n\n'
            'Mr. Hale walks in with his clipboard. Mr. Hale never smiles.\n\n'
            '"No, Mr. Hale, we did not read it," Ethan says.\n\n'
            '"Then read it tonight," Mr. Hale says, and nothing else.\n\n'
            '"Yes, Mr. Hale," I say, and I hate myself a little.\n\n'
            'Mr. Hale nods. I look down at my desk and I wait for the bell. I always wait for the bell.\n')
    story = narrate(text, [("Mr. Hale", "M"), ("Ethan", "M")])
    first = [s for s in story.segments if s.person == "first"]
    assert first and all(name_of(story, s.narrator) != "Mr. Hale" for s in first)


def test_a_narrator_who_says_my_name_is_keeps_the_name_the_narration_gives():
    text = ("My name is Ella Marsh. Ella, my mother says, is a name for a girl who sings. I do not sing.\n\n"
            "\"Ella,\" James said. \"You're up early.\"\n\n\"I couldn't sleep,\" I said. I sat down.\n\n"
            "\"Ella, talk to me,\" he said. Ella never talks, I thought, and I went back upstairs.\n")
    story = narrate(text, [("James", "M"), ("Ella", "F")])
    assert name_of(story, story.segments[0].narrator) == "Ella"


def test_each_of_two_narrators_is_sexed_by_the_part_the_other_tells():
    part_a = ("I had waited at the station for an hour. He was late again, and he knew it. I watched him "
              "cross the platform; his coat was open and his hair was wet. \"Anna,\" Ben called, and he waved. "
              "He always waved. I did not wave back at him.\n\n")
    part_b = ("I saw her before she saw me. She was cold and she was furious, and her bag was at her feet. "
              "\"Ben,\" she said. I took her bag; she let me. Her hands were shaking and she hid them.\n\n")
    story = narrate("Anna's POV\n\n" + part_a * 2 + "\nBen's POV\n\n" + part_b * 2)
    sexes = {name_of(story, s.narrator): story.character(s.narrator).gender for s in story.segments}
    assert sexes == {"Anna": "F", "Ben": "M"}


def test_the_authors_generic_you_in_a_third_person_book_is_not_second_person():
    # An essay on a character's habits, with the reader's "you" (Butler's way): he still outnumbers you.
    scene = (
        "He was not the man to trouble himself much about his motives. You could not have made him see it, and "
        "if you had tried, he would have laughed at you. His father had been the same, and his father before "
        "him; you may say what you like, but he kept to his rule of thumb. He ate and he drank, and when he had "
        "done he slept, and when you asked him why, he told you that your questions were idle. He had a son, "
        "and he meant the boy to be as he was; you will see how far he succeeded. You see it, you feel it, you "
        "know it, and you say nothing.\n\n"
    )
    story = narrate(_third_person_book(scene * 2), [("Mara", "F"), ("Tom", "M")])
    assert {s.person for s in story.segments} == {"third"}


def test_chapter_titles_in_capitals_are_not_narrators():
    """A book whose headings are titles in capitals (ARABY, THE RIVER) names no narrator by them, even
    when a word of one is also capitalised in the prose."""
    chapters = ["ARABY", "THE RIVER", "COUNTERPARTS"]
    body = FIRST.replace("the harbour", "the Araby bazaar and the River and the Counterparts")
    story = narrate("\n\n".join(f"{h}\n\n{body}" for h in chapters), [("James", "M")])
    assert {name_of(story, s.narrator) for s in story.segments}.isdisjoint({"Araby", "The River", "Counterparts"})


def test_capitals_that_name_characters_are_pov_headings():
    story = narrate(f"ELLA\n\n{FIRST}\n\nJAMES\n\n" + FIRST.replace("Ella", "Tom"), [("Ella", "F"), ("James", "M"), ("Tom", "M")])
    assert [name_of(story, s.narrator) for s in story.segments] == ["Ella", "James"]


def test_one_address_in_a_first_person_novel_does_not_name_its_narrator():
    """Over 20,000 words of "I", a single "Am I right, Jack?" said by someone is chance: the narrator
    stays "Narrator" (in a short story the same address would name them)."""
    plain = ("I walked down to the harbour in the morning and watched the boats come in. My uncle had told "
             "me to wait for him there, and I waited, though the wind was cold and my hands were numb. I "
             "thought about the house and about the old priest, and I wondered what my aunt would say.\n\n")
    talk = "\"Am I right, Jack?\" he asked. I said nothing.\n\n"
    story = narrate(plain * 200 + talk + plain * 200, [("Jack", "M")])
    assert {name_of(story, s.narrator) for s in story.segments} == {"Narrator"}
    short = narrate(plain * 3 + talk + plain * 3, [("Jack", "M")])
    assert {name_of(short, s.narrator) for s in short.segments} == {"Jack"}



def test_a_call_of_a_name_the_narration_never_uses_names_the_narrator_past_the_teacher():
    # The teacher the narration names ties with one shout of "Harp!"; the teacher is someone else,
    # so the narrator is the one called, not "Narrator".
    text = ('I sit in the second row and I try not to look at anyone. My heart does a stupid thing.\n\n'
            'Mr. Hale walks in with his clipboard. Mr. Hale never smiles.\n\n'
            '"No, Mr. Hale, we did not read it," Ethan says.\n\n'
            '"Then read it tonight," he says, and nothing else.\n\n'
            'Mr. Hale nods. I look down at my desk and I wait for the bell. I always wait for the bell.\n\n'
            'The table explodes.\n\n"Harp!"\n\nI put my head down on my desk and I groan at all of them.\n')
    story = narrate(text, [("Mr. Hale", "M"), ("Ethan", "M")])
    first = [s for s in story.segments if s.person == "first"]
    assert first and {name_of(story, s.narrator) for s in first} == {"Harp"}
