"""Narration beats (speakers/beats.py): who acts next to a quote, and who is acted upon."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helper module beside this file
from _story_helpers import run, turn_features  # noqa: E402

CAST = [{"name": "Kaelan", "gender": "M"}, {"name": "Alesia", "gender": "F"}, {"name": "Mara", "gender": "F"},
        {"name": "Julius", "gender": "M"}]


def _beats(text: str) -> dict[int, dict[str, set[str]]]:
    """{turn's first quote: {character name: its beat features}} for a small story."""
    from fabula.speakers.lattice import BEAT_FEATURES

    return turn_features(text, CAST, only=BEAT_FEATURES)


OPEN = '"Well?" said Kaelan.\n\n"Nothing," said Mara.\n\n'


def test_the_actor_of_the_beat_before_speaks_and_the_one_acted_upon_does_not():
    f = _beats(OPEN + "A quizzical gleam came into Kaelan's eye as he shook hands with Mara.\n\n\"So you say.\"\n")[2]
    assert f["Kaelan"] == {"beat_subject"} and f["Mara"] == {"beat_object"}
    f = _beats(OPEN + "Kaelan shook hands with Mara.\n\n\"So you say.\"\n")[2]
    assert f["Kaelan"] == {"beat_subject"} and f["Mara"] == {"beat_object"}
    # only the last sentence before the quote: an earlier actor is no beat
    f = _beats(OPEN + "Kaelan sat down. The fire was low.\n\n\"So you say.\"\n")[2]
    assert not any(f.values())


def test_a_short_lead_in_may_stand_before_the_subject():
    for beat in ("Still startled, Mara stepped back.", "Then Mara stepped back.",
                 "As he shook hands with Kaelan, Mara smiled."):
        f = _beats(OPEN + beat + ' "So you say."\n')[2]
        assert "beat_subject" in f["Mara"], beat
    for beat in ("After about a quarter of an hour Mara stepped back.", "And even Mara stepped back."):
        f = _beats(OPEN + beat + ' "So you say."\n')[2]
        assert "beat_subject" in f["Mara"], beat
    # a phrase with a pronoun in it is no lead-in: "he" is the subject
    f = _beats(OPEN + 'In the hall he met Mara. "So you say."\n')[2]
    assert "beat_subject" not in f["Mara"]
    # nor one with a verb: Mara is seen, not seeing
    f = _beats(OPEN + 'After seeing Mara he stepped back. "So you say."\n')[2]
    assert "beat_subject" not in f["Mara"]
    f = _beats(OPEN + 'The dog ran to Mara. "So you say."\n')[2]
    assert "beat_subject" not in f["Mara"] and "beat_object" in f["Mara"]


def test_the_actor_after_a_quote_and_the_tail_of_the_turn_before():
    f = _beats(OPEN + '"I do." Alesia laughed.\n\n"Go on," said Kaelan, turning to Julius.\n\n"No."\n')
    assert "beat_after" in f[2]["Alesia"]
    assert "prev_tail_subject" in f[3]["Alesia"]
    # the cue's own name is the speaker, not someone acted upon; the one he turns to is
    assert f[4]["Julius"] == {"prev_tail_object"} and "prev_tail_object" not in f[4]["Kaelan"]
    assert "prev_tail_object" not in f[1]["Kaelan"]  # '"Well?" said Kaelan.': a cue, no object


def test_the_one_turned_to_before_the_last_turn_answers_it():
    f = _beats(OPEN + 'Kaelan turned to Alesia. "And you?"\n\n"So you say."\n')
    assert f[2]["Kaelan"] == {"beat_subject"} and f[2]["Alesia"] == {"beat_object"}
    assert f[3]["Alesia"] == {"prev_beat_object"} and f[3]["Kaelan"] == {"prev_beat_subject"}


def test_a_pronoun_subject_next_to_an_uncued_turn_tells_its_sex():
    f = _beats(OPEN + 'She turned away.\n\n"So you say."\n')[2]
    assert "beat_gender" in f["Mara"] and "beat_gender" not in f["Kaelan"]
    f = _beats(OPEN + 'The fire was low; she said nothing of it.\n\n"So you say."\n')[2]
    assert "beat_gender" not in f["Mara"]  # "she" is no subject of the sentence


def test_presence_is_who_the_conversation_names():
    from fabula.speakers import Attributor, build
    from fabula.speakers.lattice import EMISSION

    text = ('Julius was reading by the fire.\n\n"Well?" said Kaelan.\n\n"Nothing, Alesia," said Mara.\n\n'
            '"Really?" he asked.\n')
    story = run(text, cast=CAST, speakers=False)
    att = Attributor(story)
    convs, speakers, types, confs, cue_to, vocs = att.run()
    conv = build(att, convs, speakers, types, confs, att.cue_gender, vocs, cue_to)[0]
    names = {c.id: c.name for c in story.characters}
    feats = {names[c]: {EMISSION[i] for i, x in enumerate(conv.emis[2, k]) if x} for k, c in enumerate(conv.cands)}
    assert "sole_named_of_gender" in feats["Kaelan"]  # the one man the talk names: "he asked" is his
    assert "sole_named_of_gender" not in feats.get("Julius", set())  # named in the narration only
