"""The subject of a reporting verb that closes the narration before a quote (``speakers/introducer.py``)."""

from __future__ import annotations

from fabula.speakers.cues import cue_before


def _cue(text: str):
    """The cue before the first quote of a one-paragraph text with no name mentions."""
    q = text.index('"')
    return cue_before(text, 0, q, 0, lambda pos: None, False)


def test_a_coordinated_speech_verb_takes_the_clause_subject_even_a_description():
    for text, noun in [('The fellow gave a horse laugh and replied, "No."', "fellow"),
                       ('The old servant hesitated, then added diffidently: "Yes."', "servant"),
                       ('A man leaned over from the other side of the seat and asked in English: "Who?"', "man"),
                       ('Her partner now drew near, and said, "Look."', "partner")]:
        cue = _cue(text)
        assert cue is not None and cue.speech, text
        assert cue.ref.noun == noun
        assert cue.verb in ("replied", "added", "asked", "said")


def test_an_aside_between_a_description_and_its_speech_verb():
    cue = _cue('But the lady, entirely stupid and friendly, continued: "So kind."')
    assert cue.speech and cue.ref.noun == "lady" and cue.verb == "continued"


def test_a_later_clause_with_its_own_subject_speaks_not_the_first_one():
    text = 'When the girl heard it she was radiant, but her mother only shook her head and said, "No."'
    cue = _cue(text)
    assert cue.speech and cue.ref.kind == "nominal" and cue.ref.noun == "mother"


def test_no_shared_subject_when_another_subject_stands_between():
    cue = _cue('The man looked up, and she said, "Go."')
    assert cue.ref.kind == "pronoun" and cue.ref.gender == "F"
    # reported speech, not a quote's introduction: the beat stays a beat
    assert not _cue('The old servant hesitated, and said that it was "late".').speech


def test_a_relative_who_before_the_speech_verb_speaks_for_its_antecedent():
    for text, noun in [('Charles looked at his father for permission, who said abstractedly, "No."', "father"),
                       ('She shot an admonitory glance at her son, who said: "Yes."', "son"),
                       ('The girl, who seemed much disposed for talk, and who now said rather abruptly, "Hm."', "girl")]:
        cue = _cue(text)
        assert cue.speech and cue.ref.kind == "nominal" and cue.ref.noun == noun, text
    # "who" as an object or in a question is no relative subject of the verb
    assert _cue('He asked who said it, and then cried, "Well?"').ref.kind == "pronoun"


def test_a_closing_speech_verb_takes_the_last_clause_subject_not_an_earlier_speech_cue():
    text = 'And she told her sister all these things; and when she had finished, her sister kissed her, and said, "Go."'
    cue = _cue(text)
    assert cue.speech and cue.ref.kind == "nominal" and cue.ref.noun == "sister"
    # an object after "and" is no subject: the man still repeats
    cue = _cue('The old man, vexed both with his father and his wife, then repeated: "No."')
    assert cue.speech and cue.ref.noun == "man" and cue.verb == "repeated"


def test_a_cast_entry_named_as_someones_relative_is_that_relative():
    from fabula.model import Character
    from fabula.speakers.kinship import Kin

    chars = [Character("C1", "Alice", (), "F"), Character("C2", "Alice's Sister", ("Her Sister",), "F"),
             Character("C3", "Miss Avery's Niece", (), "F"), Character("C4", "Miss Avery", (), "F")]
    kin = Kin(chars)
    assert kin.relative("sister", "C1", set(), []) == "C2"
    assert kin.relative("niece", "C4", set(), []) == "C3"
    assert kin.relative("niece", "C1", set(), []) is None
    assert kin.relative("sister", "C1", {"C2"}, []) is None


def test_a_subject_inside_a_clause_of_its_own_does_not_take_the_closing_verb():
    text = ('The old man came towards the table where she sat in wretchedness, and with a good deal of cold '
            'sternness, said, "Go."')
    cue = _cue(text)
    assert cue.speech and cue.ref.noun == "man"
    # no comma closes the clause: "she sat ... and said" may be hers, so no shared subject
    cue = _cue('The old man came towards the table where she sat and said, "Go."')
    assert not (cue.ref.noun == "man" and cue.speech)
    # an apposition is the same one, a later "and X, who ..." another subject
    assert _cue('A woman, an old woman, was coming down, and said, "Hush."').speech


def test_a_clause_after_while_owns_the_closing_verb():
    cue = _cue('The old lady murmured, while the young man, smiling at his betrothed, replied: "Yes."')
    assert cue.speech and cue.ref.noun == "man" and cue.verb == "replied"


def test_a_speech_verb_after_to_shares_the_clause_subject():
    cue = _cue('The old woman gave another chuckle, and interrupted it to say almost querulously: "Well."')
    assert cue.speech and cue.ref.noun == "woman" and cue.verb == "say"
    # "to" after a preposition-like word is no infinitive of a coordinated verb
    assert not _cue('The old woman came in and looked up at him to say "nothing".').speech
