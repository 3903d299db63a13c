"""Activity features of the turn model (speakers/decode.py): who has acted since speaking last, and the
one person of a cue's sex named in the sentences before it."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helper module beside this file
from _story_helpers import turn_features  # noqa: E402

CAST = [{"name": "Kaelan", "gender": "M"}, {"name": "Alesia", "gender": "F"}, {"name": "Mara", "gender": "F"},
        {"name": "Julius", "gender": "M"}]


def _activity(text: str) -> dict[int, dict[str, set[str]]]:
    from fabula.speakers.lattice import ACTIVITY_FEATURES

    return turn_features(text, CAST, only=ACTIVITY_FEATURES)


def test_acting_since_ones_own_last_turn():
    text = ('"Well?" said Kaelan.\n\n"Nothing," said Mara.\n\nKaelan stood up. Mara looked at Julius.\n\n'
            '"So you say," she said.\n')
    f = _activity(text)[2]
    assert "acted_since_turn" in f["Kaelan"] and "acted_since_turn" in f["Mara"]
    assert "acted_upon_since_turn" in f["Julius"]
    # acting before one's own last turn does not count
    text = ('Kaelan stood up.\n\n"Well?" said Kaelan.\n\n"Nothing," said Mara.\n\n"So you say," she said.\n')
    f = _activity(text)
    assert "acted_since_turn" not in f[1]["Kaelan"]
    assert not f[2]["Kaelan"]


def test_the_only_one_of_the_cues_sex_named_in_the_sentences_before():
    text = ('"Nothing," said Mara.\n\n"Well?" said Kaelan.\n\nThe fire was low. The rain fell. Alesia came in and '
            'sat down by Kaelan.\n\n"So you say," she said.\n')
    f = _activity(text)[2]
    assert "sole_active_of_gender" in f["Alesia"] and "sole_active_of_gender" not in f["Mara"]
    text = ('"Nothing," said Mara.\n\n"Well?" said Kaelan.\n\nThe fire was low. The rain fell. Alesia came in and '
            'sat down by Mara.\n\n"So you say," she said.\n')
    f = _activity(text)[2]
    assert not any("sole_active_of_gender" in v for v in f.values())  # two women: no one alone


def _cue_verbs(text: str) -> list[tuple[bool, bool]]:
    """(goes on, answers) per turn of a small story, as the lattice's transition features read them."""
    from _story_helpers import run

    from fabula.speakers import Attributor, build
    from fabula.speakers.lattice import TRANSITION

    story = run(text, cast=CAST, speakers=False)
    att = Attributor(story)
    convs, speakers, types, confs, cue_to, vocs = att.run()
    go, back = TRANSITION.index("cue_continues"), TRANSITION.index("cue_replies")
    return [(bool(x[go]), bool(x[back])) for conv in build(att, convs, speakers, types, confs, att.cue_gender, vocs,
                                                          cue_to) for x in conv.trans]


def test_a_cue_that_goes_on_or_answers_tells_the_lattice():
    text = ('"Well?" said Kaelan.\n\n"Nothing," she replied.\n\n"And yet," he continued, "you came."\n\n'
            '"I did."\n\nMara laughed. "So I did," she went on.\n')
    assert _cue_verbs(text) == [(False, False), (False, True), (True, False), (False, False), (True, False)]


def test_a_bare_pronoun_cue_weighs_the_general_features_apart():
    text = ('"Well?" said Kaelan.\n\n"Nothing," said Mara.\n\nKaelan stood up. "So you say," he said.\n\n'
            'Mara smiled. "I do."\n')
    f = turn_features(text, CAST, only={"beat_subject", "pron_beat_subject"})
    assert f[2]["Kaelan"] == {"beat_subject", "pron_beat_subject"}  # "he said"
    assert f[3]["Mara"] == {"beat_subject"}  # no cue: the general weight only


def test_names_after_a_second_cue_of_the_paragraph_tell_nothing_against_its_speaker():
    base = '"Well?" said Kaelan.\n\nMara looked at Julius.\n\n"Nothing," she said. The fire was low. "Ask Julius," {}.\n'
    f = turn_features(base.format("Alesia would say"), CAST, only={"named_in_quote"})
    assert "named_in_quote" not in f[1]["Julius"]  # a cue of its own: maybe someone else's speech
    f = turn_features(base.format("she went on"), CAST, only={"named_in_quote"})
    assert "named_in_quote" in f[1]["Julius"]  # "she went on": the same speech
