"""The shared word lists: how the per-purpose sets relate, and the regex built from them."""

import re

from fabula import lexicon as lx
from fabula.narration.naming import vocatives
from fabula.quotes.speech import is_mention


def test_alternation_prefers_a_phrase_over_its_first_word():
    rx = re.compile(lx.alternation({"went", "went on", "said"}))
    assert rx.match("went on").group() == "went on"
    assert rx.match("said").group() == "said"


def test_speech_lists_nest_from_tags_to_reporting_words():
    assert lx.TAG_VERBS | lx.MANNER_VERBS < lx.CUE_VERBS
    assert lx.MANNER_VERBS < lx.QUOTE_CUE_WORDS < lx.REPORTING_WORDS
    assert "called" not in lx.QUOTE_CUE_WORDS and "called" in lx.REPORTING_WORDS  # a man called "Smith"


def test_speech_verbs_are_generated_in_every_form():
    assert {"whisper", "whispered", "whispers", "reply", "replied", "replies", "said", "went on"} <= lx.SPEECH_VERBS
    assert {"smile", "smiled", "smiles", "nodded"} <= lx.WEAK_SPEECH


def test_every_word_is_lower_case():
    for name in ("TAG_VERBS", "CUE_VERBS", "QUOTE_CUE_WORDS", "REPORTING_WORDS", "NOT_NAMES", "NOT_VOCATIVES",
                 "SURNAME_WORDS", "GIVEN_TITLES", "CIVIL_TITLES", "NAME_PARTICLES", "PERSONAL_PRONOUNS"):
        assert all(w == w.lower() for w in getattr(lx, name)), name
    assert lx.GIVEN_TITLES <= set(lx.HONORIFICS) and lx.CIVIL_TITLES <= set(lx.HONORIFICS)


def test_a_naming_verb_before_a_quoted_word_keeps_it_a_mention():
    text = 'There was a man called "Smith" in town.'
    assert is_mention(text, text.index('"'), text.index('"', text.index('"') + 1) + 1, 0)
    text = 'Then she whispered "Go" and left.'
    assert not is_mention(text, text.index('"'), text.index('"', text.index('"') + 1) + 1, 0)


def test_vocatives_skip_words_of_address_in_any_case_form():
    assert vocatives('"Mother, come here."') == []
    assert vocatives('"Jane, come here."') == ["Jane"]
    assert set(vocatives('"Thanks, Jane!"')) == {"Jane"}
    assert vocatives('"Good night, Colonel Brandon."') == ["Colonel Brandon"]
