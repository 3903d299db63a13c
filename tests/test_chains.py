"""Subject chains of a pronoun cue and the turn model's second decoding pass, on small texts."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helper module beside this file
from _story_helpers import run, turn_features

CAST = [{"name": "Kaelan", "gender": "M"}, {"name": "Alesia", "gender": "F"}, {"name": "Mara", "gender": "F"},
        {"name": "Dorn", "gender": "M"}]
CHAIN = ("subject_chain", "last_subject_of_gender", "antecedent_prev_cue")


def _chain_features(text: str) -> dict[int, dict[str, set[str]]]:
    return turn_features(text, CAST, only=CHAIN)


def test_a_pronoun_goes_back_along_the_subjects_to_the_last_one_named():
    # Mara is the subject, then "She" twice: the chain leads to Mara, not to Alesia (an object)
    text = ('"Well?" said Kaelan.\n\n"Nothing," said Alesia.\n\n'
            'Mara looked at Alesia. She sat down. She was cold.\n\n"I will go," she said.\n')
    f = _chain_features(text)[2]
    assert f["Mara"] == {"subject_chain", "last_subject_of_gender"}
    assert "subject_chain" not in f["Alesia"] and "last_subject_of_gender" not in f["Alesia"]


def test_a_subject_of_the_other_sex_breaks_the_chain_but_not_the_last_subject():
    text = ('"Well?" said Kaelan.\n\n"Nothing," said Alesia.\n\n'
            'Mara looked at Alesia. Dorn sat down.\n\n"I will go," she said.\n')
    f = _chain_features(text)[2]
    assert f["Mara"] == {"last_subject_of_gender"}
    assert not f["Dorn"]  # not of the cue's sex


def test_chains_skip_quoted_names():
    from fabula.speakers import chains
    from fabula.speakers.context import Index

    text = 'Mara smiled. "Alesia was here," she said. "Yes," he said.\n'
    story = run(text, cast=CAST, speakers=False)
    ix = Index(story)
    names = {c.id: c.name for c in story.characters}
    strict, loose = chains.subject_antecedents(ix, story.quotes[1].start, "F")
    assert names[strict] == names[loose] == "Mara"
    assert chains.subject_antecedents(ix, story.quotes[1].start, "M") == (None, None)


def test_the_name_just_cued_as_nearest_antecedent_is_marked():
    text = '"Well?" said Kaelan.\n\n"Nothing," replied Dorn, turning away.\n\n"Fine," said he.\n'
    f = _chain_features(text)[2]
    assert "antecedent_prev_cue" in f["Dorn"]
    assert not f.get("Kaelan")


def test_a_he_beat_between_turns_is_a_transition_feature():
    from fabula.speakers import Attributor, build
    from fabula.speakers.lattice import TRANSITION

    k = TRANSITION.index("beat_pronoun")
    for beat, want in (("He shook his head.", 1), ("The rain fell.", 0), ("She shook her head.", 0)):
        text = f'"Well?" said Kaelan.\n\n"Nothing," said Dorn.\n\n{beat}\n\n"Fine," he said.\n'
        story = run(text, cast=CAST, speakers=False)
        att = Attributor(story)
        convs, speakers, types, confs, cue_to, vocs = att.run()
        conv = build(att, convs, speakers, types, confs, att.cue_gender, vocs, cue_to)[0]
        assert conv.trans[2, k] == want, beat


def test_second_pass_features_read_the_first_decoding():
    from fabula.speakers.decode import second
    from fabula.speakers.lattice import EMISSION, SECOND, Conv, Turn

    turns = [Turn([u], u, "anaphoric", None, 0.0, g, set()) for u, g in enumerate(["M", "F", "M", "F"])]
    conv = Conv(["A", "B", "C"], turns, np.zeros((4, 3, len(EMISSION))), np.zeros((4, 1)), ["M", "F", "F"])
    out = second(conv, [0, 1, 0, 2])
    assert out.emis.shape == (4, 3, len(EMISSION) + len(SECOND))
    f = {n: len(EMISSION) + i for i, n in enumerate(SECOND)}
    assert np.allclose(out.emis[3, :, f["dec_share"]], [2 / 3, 1 / 3, 0])  # turn 3 itself does not count
    assert out.emis[3, 1, f["dec_last_of_gender"]] == 1 and out.emis[3, 2, f["dec_last_of_gender"]] == 0
    assert out.emis[1, 2, f["dec_next_of_gender"]] == 1
    assert out.emis[3, 1, f["dec_sole_of_gender"]] == 1  # B is the only woman decoded around turn 3
    assert out.emis[1, :, f["dec_sole_of_gender"]].sum() == 1


def test_second_pass_weights_are_complete():
    from fabula.speakers.lattice import EMISSION, SECOND, TRANSITION, default_weights

    w = default_weights()["second"]
    assert set(w["emission"]) == set(EMISSION + SECOND)
    assert set(w["continue"]) == set(w["answer"]) == set(TRANSITION)
    assert w["emission"]["dec_share"] > 0


def test_a_relatives_cue_given_to_the_one_of_that_sex_talking_stands():
    """'"...," said his step-son': the greedy pass gave it to the other man talking; the decoder, which
    does not know whose step-son, would hand it to the owner named in the narration."""
    from fabula.speakers.decode import KIN_RECENT, decode
    from fabula.speakers.lattice import EMISSION, TRANSITION, Conv, Turn

    def conv(conf: float) -> Conv:
        turns = [Turn([0], 0, "explicit", "A", 0.95, "", set()), Turn([1], 1, "implicit", "B", 0.65, "", set()),
                 Turn([2], 2, "nominal", "B", conf, "M", set())]
        emis = np.zeros((3, 2, len(EMISSION)))
        emis[2, 0, EMISSION.index("named_here")] = 5  # "Mr. Pett was sniffing": A named right there
        return Conv(["A", "B"], turns, emis, np.zeros((3, len(TRANSITION))), ["M", "M"])

    assert decode([conv(KIN_RECENT)], ["A", "B", "B"])[2] == "B"
    assert decode([conv(0.6)], ["A", "B", "B"])[2] == "A"  # other rules of the greedy pass: the decoder decides
