"""Attribution cues (``speakers/cues.py``) on small texts: each rule that reads who speaks."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helper module beside this file
from _story_helpers import run, speaker_names  # noqa: E402

CAST = [{"name": "Dolly Wilcox", "aliases": ["Dolly"], "gender": "F"},
        {"name": "Major Callendar", "gender": "M"},
        {"name": "Marilla Cuthbert", "aliases": ["Marilla"], "gender": "F"},
        {"name": "Anne Shirley", "aliases": ["Anne"], "gender": "F"}]


def test_a_name_ending_in_ly_is_not_an_adverb():
    story = run('"Finish your coffee," said Anne.\n\n"Yes, we must be off," said Dolly.\n', cast=CAST)
    assert speaker_names(story) == ["Anne Shirley", "Dolly Wilcox"]
    assert [q.type for q in story.quotes] == ["explicit", "explicit"]


def test_describing_words_between_verb_and_name():
    text = ('Anne sat down.\n\n"What can you expect from the fellow?" said dour Major Callendar.\n\n'
            '"Fiddlesticks!" said the unsympathetic Marilla.\n\n'
            '"Nothing," said the voice of Anne, from the stairs.\n\n'
            '"Go," said the old, and Marilla left.\n')
    story = run(text, cast=CAST)
    assert speaker_names(story)[:3] == ["Major Callendar", "Marilla Cuthbert", "Anne Shirley"]
    assert [q.type for q in story.quotes][:3] == ["explicit"] * 3


def test_a_paragraph_ending_in_a_colon_introduces_the_next_quote():
    text = ('"Well now," said Anne.\n\nMarilla looked at the child for a long time and said decidedly:\n\n'
            '"It is no use, Anne. Your hair must be cut off."\n\nThe rain fell on the roof.\n\n'
            '"Nothing to say."\n')
    story = run(text, cast=CAST)
    names = speaker_names(story)
    assert names[1] == "Marilla Cuthbert" and story.quotes[1].type == "explicit"
    assert story.quotes[2].type != "explicit"  # a narration paragraph without an introduction gives no cue


def test_an_unfinished_paragraph_introduces_the_next_quote():
    text = ('"Well now," said Anne.\n\nThen Marilla turned to the child and said in a small and quiet voice\n\n'
            '"It is no use, Anne."\n')
    story = run(text, cast=CAST)
    assert speaker_names(story)[1] == "Marilla Cuthbert" and story.quotes[1].type == "explicit"


def test_a_describing_word_before_a_name_is_not_a_description():
    from fabula.characters.nominal import nominal_forms

    text = '"Why?" asked the staring Gregory.\n\n"No," said the staring Gregory.\n\n"Yes," said the old man.\n\n"So," said the old man.\n'
    story = run(text, speakers=False)
    assert nominal_forms(story.text, story.quotes) == [("the", "old", "man")]


def test_a_name_before_who_and_a_speech_verb_introduces_the_quote():
    text = ('"Well now," said Anne.\n\nThis comforted Marilla, who remarked with complete sincerity, '
            '"At a crisis, the child is unequalled."\n')
    story = run(text, cast=CAST)
    assert speaker_names(story)[1] == "Marilla Cuthbert" and story.quotes[1].type == "explicit"


def test_was_her_answer_after_a_quote_is_a_speech_cue():
    text = ('Anne came in.\n\nMajor Callendar asked whether Anne was well.\n\n'
            '"Indeed I am, Sir," was her answer. "Quite well."\n\n'
            '"Good," was Marilla\'s dry reply.\n')
    story = run(text, cast=CAST)
    assert speaker_names(story)[:3] == ["Anne Shirley", "Anne Shirley", "Marilla Cuthbert"]
    assert [q.type for q in story.quotes] == ["anaphoric", "anaphoric", "explicit"]


def test_a_name_in_an_aside_before_the_verb_is_not_its_subject():
    text = ('"Well now," said Anne.\n\nSoon afterwards Major Callendar, drawing near Marilla, said to her: '
            '"You are late."\n\n"Fiddlesticks!" said Anne. Marilla, always unguarded, then exclaimed, "Go!"\n')
    story = run(text, cast=CAST)
    assert speaker_names(story)[1] == "Major Callendar" and story.quotes[1].type == "explicit"
    assert speaker_names(story)[3] == "Marilla Cuthbert"


def test_a_verb_joined_by_and_takes_the_subject_before_it():
    text = ('"Well now," said Anne.\n\nMarilla, who had been asleep while Anne and Dolly were talking, '
            'opened her eyes and said decidedly: "Go to bed."\n\n'
            '"No," said Dolly.\n\nMajor Callendar laughed when Anne had finished her song, and said, "Enough."\n')
    story = run(text, cast=CAST)
    assert speaker_names(story)[1] == "Marilla Cuthbert" and story.quotes[1].type == "explicit"
    assert speaker_names(story)[3] == "Major Callendar" and story.quotes[3].type == "explicit"


def test_a_name_cue_running_into_the_quote_beats_a_pronoun_after_it():
    text = ('Anne sat by the fire.\n\nMarilla looked up, and Major Callendar said severely "Who is this?" '
            'She said it to the fire.\n\n"Nobody," said Anne.\n')
    story = run(text, cast=CAST)
    assert speaker_names(story)[0] == "Major Callendar" and story.quotes[0].type == "explicit"


def test_a_new_sentence_running_into_the_next_quote_introduces_that_one():
    text = ('"Well," said Anne.\n\nBut Marilla said, "Really, it is late." Matthew replied in a sad voice, '
            '"I do not know why."\n')
    story = run(text, cast=CAST + [{"name": "Matthew Cuthbert", "aliases": ["Matthew"], "gender": "M"}])
    assert speaker_names(story)[1:] == ["Marilla Cuthbert", "Matthew Cuthbert"]
    assert story.quotes[1].type == "explicit"


def test_who_clauses_possessive_gerunds_and_open_ends_introduce_the_quote():
    text = ('"Well," said Anne.\n\nDolly found her arm seized by her faithful Marilla, who in great spirits exclaimed, '
            '"At last!"\n\n"No," said Anne.\n\nThe matter was settled by Major Callendar\'s saying, as he rose, '
            '"We go."\n\n"Yes," said Anne.\n\nAnne stopped, and Marilla, looking at Dolly, said severely "Who?"\n\n'
            '"Why?" said Anne.\n\n"Because," was all Dolly\'s reply.\n')
    story = run(text, cast=CAST)
    names = speaker_names(story)
    assert [names[k] for k in (1, 3, 5, 7)] == ["Marilla Cuthbert", "Major Callendar", "Marilla Cuthbert", "Dolly Wilcox"]
    assert [story.quotes[k].type for k in (1, 3, 5, 7)] == ["explicit"] * 4


def test_a_later_clause_and_a_who_clause_name_the_speaker():
    text = ('"Tea!" said Dolly.\n\n"All right," called Anne, while Marilla, thoughtful again, said: "I wish we had a boy."\n\n'
            '"No," said Anne.\n\nMarilla, who had been eyeing Matthew and Dolly, now observed, "They are talking."\n')
    cast = CAST + [{"name": "Matthew Cuthbert", "aliases": ["Matthew"], "gender": "M"}]
    story = run(text, cast=cast)
    assert speaker_names(story)[1:3] == ["Anne Shirley", "Marilla Cuthbert"]
    assert speaker_names(story)[4] == "Marilla Cuthbert" and story.quotes[4].type == "explicit"


def test_a_verb_and_its_manner_run_straight_into_the_quote():
    text = ('"Well," said Anne.\n\nDolly stared, and Major Callendar sprang to his feet and said in a small and quiet '
            'voice "I oppose."\n')
    story = run(text, cast=CAST)
    assert speaker_names(story)[1] == "Major Callendar" and story.quotes[1].type == "explicit"


# --- helper "cues2": cue patterns read from PDNC anaphoric/explicit misses ---------------------------------

def test_a_lone_title_after_a_speech_verb_is_its_bearer_even_in_lower_case():
    cast = CAST + [{"name": "General Tilney", "gender": "M"}, {"name": "Henry Tilney", "aliases": ["Henry"], "gender": "M"}]
    text = ('"Good day," said Anne.\n\n"Good day," said Henry.\n\n"Good day," said Dolly.\n\n'
            '"He is a happy man!" said the general, with a look of contempt.\n')
    story = run(text, cast=cast)
    assert speaker_names(story)[3] == "General Tilney"
    assert story.quotes[3].type == "explicit"  # the one general of the cast is as good as named


def test_he_or_she_is_the_subject_of_a_later_speech_verb_wherever_it_stands():
    text = ('"Hi," said Major Callendar.\n\n"Hi," said Anne.\n\n'
            'With something of consciousness he shook his head at his sister, and laughingly replied, "I cannot."\n')
    story = run(text, cast=CAST)
    assert speaker_names(story)[2] == "Major Callendar" and story.quotes[2].type == "anaphoric"


def test_a_later_clause_introduces_the_quote_after_a_first_speech_verb():
    text = '"Well," said Dolly.\n\nAnne said nothing, and Marilla continued: "Our ideas are old-fashioned."\n'
    story = run(text, cast=CAST)
    assert speaker_names(story)[1] == "Marilla Cuthbert"


def test_less_common_speech_verbs_after_a_quote_are_speech_cues():
    text = ('"Hello," said Major Callendar.\n\n"I am told we all get rude," said Anne.\n\n'
            'Anne looked at him. "Then you are told a lie," he flashed.\n\n'
            '"Well," said Anne.\n\nAnne looked at him. "There is no point in all this," he broke out.\n')
    story = run(text, cast=CAST)
    assert [speaker_names(story)[k] for k in (2, 4)] == ["Major Callendar", "Major Callendar"]


def test_words_that_broke_from_someone_are_theirs():
    text = '"Well," said Anne.\n\n"I can say no more," said Dolly.\n\n"Nonsense!" broke from Major Callendar behind them.\n'
    story = run(text, cast=CAST)
    assert speaker_names(story)[2] == "Major Callendar" and story.quotes[2].type == "explicit"


def test_a_speech_verb_in_the_progressive_is_a_cue():
    text = ('"Hi," said Major Callendar.\n\n"Hi," said Dolly.\n\n'
            'Anne stood up. "I beg to second the election," Marilla was repeating in a high monotone.\n')
    story = run(text, cast=CAST)
    assert speaker_names(story)[2] == "Marilla Cuthbert"


def test_an_adverb_may_stand_before_the_subject_after_a_quote():
    text = ('"Hi," said Major Callendar.\n\n"Hi," said Dolly.\n\n'
            'Anne looked at Dolly. "I could almost have liked you," suddenly he remarked.\n')
    story = run(text, cast=CAST)
    assert speaker_names(story)[2] == "Major Callendar" and story.quotes[2].type == "anaphoric"


def test_the_one_heard_to_say_something_says_it():
    text = ('"Hi," said Major Callendar.\n\n"Hi," said Dolly.\n\n'
            'Anne blushed when she saw his look, and heard him reply, "Never!"\n\n'
            '"Well," said Anne.\n\nAnne turned, and heard Dolly say, "Good night."\n')
    story = run(text, cast=CAST)
    assert [speaker_names(story)[k] for k in (2, 4)] == ["Major Callendar", "Dolly Wilcox"]


def test_a_possessive_that_lost_its_apostrophe_still_names_the_speaker():
    text = ('"Hi," said Major Callendar.\n\n"Hi," said Anne.\n\n'
            'A silence of several minutes followed; it was broken by Dolly s saying very abruptly, "Is he rich?"\n\n'
            '"Well," said Anne.\n\n"No, no," was Dolly s answer.\n')
    story = run(text, cast=CAST)
    assert [speaker_names(story)[k] for k in (2, 4)] == ["Dolly Wilcox", "Dolly Wilcox"]
    assert [story.quotes[k].type for k in (2, 4)] == ["explicit", "explicit"]


def test_a_narration_paragraph_ending_in_began_introduces_the_next_quote():
    text = ('"Hi," said Major Callendar.\n\n"Hi," said Anne.\n\nThe tea was brought in. Dolly thus began.\n\n'
            '"What a charming amusement for young people this is!"\n')
    story = run(text, cast=CAST)
    assert speaker_names(story)[2] == "Dolly Wilcox" and story.quotes[2].type == "explicit"


def test_and_would_only_say_takes_the_subject_of_the_main_clause():
    text = '"Hi," said Major Callendar.\n\nDolly was vexed when Anne came in, and would only say, "Very well."\n'
    story = run(text, cast=CAST)
    assert speaker_names(story)[1] == "Dolly Wilcox"


def test_a_long_who_clause_still_leads_back_to_the_speaker():
    text = ('"Hi," said Major Callendar.\n\nAnne sat down; and Dolly, who was in high good-humour from the pleasures of '
            'the day, did her the justice of exclaiming, "Anne is never idle."\n')
    story = run(text, cast=CAST)
    assert speaker_names(story)[1] == "Dolly Wilcox" and story.quotes[1].type == "explicit"


def test_a_possessive_name_after_a_speech_verb_is_not_the_speaker():
    text = '"Hi," said Dolly.\n\n"Hi," said Anne.\n\n"Excuse me," said Marilla\'s young man, "but that umbrella is mine."\n'
    story = run(text, cast=CAST)
    assert speaker_names(story)[2] != "Marilla Cuthbert" and story.quotes[2].type != "explicit"


def test_a_two_word_possessive_before_a_gerund_names_the_speaker():
    text = ('"Hi," said Major Callendar.\n\n"Hi," said Anne.\n\nThe silence was broken by Dolly Wilcox s saying, as she '
            'stepped from the carriage, "As there are five of you, one should sit outside."\n')
    story = run(text, cast=CAST)
    assert speaker_names(story)[2] == "Dolly Wilcox" and story.quotes[2].type == "explicit"


def test_from_a_name_and_as_a_name_said_after_a_quote():
    text = ('"Hi," said Anne.\n\n"M--m--m!" from Major Callendar, who thought it amusing.\n\n"Well," said Anne.\n\n'
            'It was "the sort of thing no one could have written," as Dolly said.\n')
    story = run(text, cast=CAST)
    assert [speaker_names(story)[k] for k in (1, 3)] == ["Major Callendar", "Dolly Wilcox"]
    assert [story.quotes[k].type for k in (1, 3)] == ["explicit", "explicit"]


def test_and_before_the_subject_after_a_quote():
    text = ('"Hi," said Major Callendar.\n\n"Hi," said Dolly.\n\n'
            '"Then I shall go alone," and he strode off.\n')
    story = run(text, cast=CAST)
    assert speaker_names(story)[2] == "Major Callendar" and story.quotes[2].type == "anaphoric"


def test_a_name_whose_voice_said_is_the_speaker():
    text = '"Hi," said Major Callendar.\n\nAnne looked at Dolly, whose clear voice said "It seems so silly."\n'
    story = run(text, cast=CAST)
    assert speaker_names(story)[1] == "Dolly Wilcox" and story.quotes[1].type == "explicit"


def test_a_finished_quote_then_a_new_sentence_keeps_the_split_quotes_speaker():
    text = ('"Hi," said Major Callendar.\n\n"Three-and-twenty!" cried Dolly, "five-and-twenty if it is an inch." '
            'Anne remonstrated, and pleaded the authority of road-books.\n')
    story = run(text, cast=CAST)
    assert speaker_names(story)[1:3] == ["Dolly Wilcox", "Dolly Wilcox"]


def test_indefinite_subjects():
    from fabula.speakers.subjects import Tokens, subject_at

    def ref(text):
        return subject_at(Tokens(text, 0, len(text)), 0, lambda pos: None, inverted=True)[0]

    assert ref("a man\u2019s voice beside her").gender == "M"
    assert ref("an old woman").gender == "F"
    assert ref("a shrill voice").kind == "indef"
    assert ref("another.").kind == "indef"
    assert ref("a man's hat") is None  # the hat does not speak
    assert ref("a few words") is None


def test_said_i_is_the_narrators_cue_but_said_my_friend_is_not():
    import fabula
    text = ("Mr. Micawber bowed to me.\n\n\u2018How do you do, Mr. Micawber?\u2019 said I.\n\n"
            "\u2018Sir,\u2019 said Mr. Micawber, \u2018you are obliging.\u2019\n\n"
            "\u2018Or rather,\u2019 pursued my friend, \u2018there was one.\u2019\n")
    story = fabula.analyze(text)
    q = story.quotes
    assert q[0].type == "anaphoric" and q[0].speaker is not None
    assert q[0].speaker != q[1].speaker  # the narrator asks, Micawber answers
    assert not (q[-1].type == "anaphoric" and q[-1].speaker == q[0].speaker)  # "my friend" is not "I"


@pytest.mark.parametrize("text, noun, gender, after", [
    ("said his step-son complacently", "son", "M", "complacently"),  # a hyphenated relation: its last part
    ("interrupted his mother's voice with that muffled effect", "mother", "F", "with"),  # a relative's voice: the relative
])
def test_a_relative_in_a_cue_is_read_by_its_head(text, noun, gender, after):
    from fabula.speakers.subjects import Tokens, subject_at

    tok = Tokens(text, 0, len(text))
    ref, end, possessor = subject_at(tok, 1, lambda pos: None, inverted=True)
    assert (ref.kind, ref.noun, ref.gender, ref.possessor, possessor) == ("nominal", noun, gender, "M", False)
    assert tok.word(end) == after


def test_the_one_heard_saying_speaks_and_an_adverb_may_open_an_inverted_cue():
    cast = [{"name": "Archer", "gender": "M"}, {"name": "Lefferts", "gender": "M"}, {"name": "Sikes", "gender": "M"}]
    text = ('Archer and Lefferts and Sikes stood by the door.\n\n"Gad," Archer heard Lefferts say.\n\n'
            '"Come back!" suddenly cried Sikes aloud.\n\n"Yes," said Archer.\n\n"No." He heard Lefferts gasp.\n')
    story = run(text, cast=cast)
    assert [q.speaker for q in story.quotes[:3]] == ["C2", "C3", "C1"]
    assert [q.type for q in story.quotes[:3]] == ["explicit"] * 3
    assert story.quotes[3].type != "explicit"  # a gasp heard is no words said: no name cue for Lefferts


def test_a_clause_after_a_quote_that_ends_in_beginning_to_speak_introduces_the_next_paragraph():
    cast = [{"name": "Louisa", "gender": "F"}, {"name": "Turton", "gender": "M"}, {"name": "Fanny", "gender": "F"}]
    text = ('"Not at all," said Fanny; "they were brightened by the exercise."--A short pause followed, '
            'and Louisa began again.\n\n"I have an excessive regard for Jane."\n\n'
            '"Quite so," said Fanny.\n\n"And the Major is satisfied," Turton went on.\n\n"I am, I am."\n')
    story = run(text, cast=cast)
    assert story.quotes[2].speaker == "C1" and story.quotes[2].type == "explicit"
    assert story.quotes[5].type != "explicit"  # "Turton went on." is the cue of his own words before


def test_a_name_ending_in_ly_opens_a_clause_with_a_who_aside():
    text = '"What a horrid woman!" And Dolly, who had recovered, cried, "She may be coming now!"\n'
    story = run(text, cast=CAST)
    assert speaker_names(story)[1] == "Dolly Wilcox" and story.quotes[1].type == "explicit"


def test_a_subject_after_for_or_before_introduces_the_quote():
    text = ('"Stupid things!" Anne began in a loud voice, but she stopped, for Marilla cried out, "Silence!"\n\n'
            'Anne rested. The door was not shut before Major Callendar ran up the stairs, shouting--\n\n'
            '"Here I am!"\n')
    story = run(text, cast=CAST)
    assert speaker_names(story)[1:] == ["Marilla Cuthbert", "Major Callendar"]
    assert [q.type for q in story.quotes][1:] == ["explicit", "explicit"]


def test_a_finished_sentence_that_ends_in_going_on_is_read_for_the_verbs_own_subject():
    text = ('"Sit down," said Anne.\n\nAfter a pause, Marilla, trying to suppress a smile, went on.\n\n'
            '"You are not aware of it."\n\n"Yes," said Anne.\n\nAnne had left the room before the talk began.\n\n'
            '"I shall tell her."\n')
    story = run(text, cast=CAST)
    assert speaker_names(story)[1] == "Marilla Cuthbert" and story.quotes[1].type == "explicit"
    assert story.quotes[3].type != "explicit"  # "the talk began": no person's cue


@pytest.mark.parametrize("text", [
    'The door opened, and after an interval Marilla\'s voice:\n\n"Anne! Dinner is ready."\n',
    'There was a ringing of bells, and the voice of Marilla calling like a bell. "Anne! Dinner is ready."\n',
    'They walked off, heedless of Marilla\'s repeated question of, "Anne! Dinner is ready?"\n',
    '"Anne! Dinner is ready," sounded the sharp accents of Marilla from the kitchen.\n',
])
def test_the_owner_of_a_voice_or_a_question_speaks(text):
    story = run(text, cast=CAST)
    assert speaker_names(story) == ["Marilla Cuthbert"] and story.quotes[0].type == "explicit"


def test_a_long_name_before_a_who_aside_and_a_call_from_afar():
    cast = CAST + [{"name": "Mrs. Van der Luyden", "gender": "F"}]
    text = ('"Is it late?" he asked; and at that moment Mrs. Van der Luyden, who was being slowly inserted '
            'into her sables, said gently: "We are driving home."\n\n'
            'The bell rang, and it was Anne shouting from the top of the old spruce "Master is coming."\n')
    story = run(text, cast=cast)
    assert speaker_names(story)[1:] == ["Mrs. Van der Luyden", "Anne Shirley"]
    assert [q.type for q in story.quotes][1:] == ["explicit", "explicit"]


def test_a_passive_speech_verb_names_its_speaker_after_by():
    text = ('"Anne--" loudly whispered by Marilla.\n\n'
            'Anne was thinking of the dress, when thus accosted by Major Callendar, "A fine day!"\n')
    story = run(text, cast=CAST)
    assert speaker_names(story) == ["Marilla Cuthbert", "Major Callendar"]
    assert [q.type for q in story.quotes] == ["explicit", "explicit"]


def test_according_to_a_name_and_a_later_as_clause_and_uttered_words():
    text = ('Anne was in the balcony, "staring most rudely," according to Marilla.\n\n'
            '"It is silly," Major Callendar continued; and, as Anne exclaimed: "Silly?" he answered: "Yes."\n\n'
            'The talk was put an end to by Marilla, who, in a solemn tone, uttered these words, "It is late."\n')
    story = run(text, cast=CAST)
    names = speaker_names(story)
    assert names[0] == "Marilla Cuthbert" and names[2] == "Anne Shirley" and names[4] == "Marilla Cuthbert"
    assert story.quotes[0].type == story.quotes[2].type == story.quotes[4].type == "explicit"


def test_a_description_called_by_a_name_in_its_own_clause_is_that_name():
    cast = CAST + [{"name": "Sadness", "gender": "M"}]
    text = ('"Let me weep," said a young man who, on account of his usual gloom, was called Sadness.\n\n'
            '"Why?" said Anne.\n')
    story = run(text, cast=cast)
    assert speaker_names(story) == ["Sadness", "Anne Shirley"] and story.quotes[0].type == "explicit"


def test_a_title_ending_in_s_is_no_plural():
    """"said the Marquis" is one person (the one Marquis of the story), not a family like "the Bennets"."""
    from fabula.characters.nominal import nominal_forms

    text = ('Next came the Marquis de Vere, a tall man.\n\n"Wine," said the Marquis.\n\n"Water," said Syme.\n\n'
            '"Bread," said the Marquis.\n\n"Hush," said the Bennets.\n\n"Go," said the Bennets.\n')
    story = run(text)
    assert nominal_forms(story.text, story.quotes) == [("the", "Marquis")]
    names = speaker_names(story)
    assert names[0] == names[2] and "Marquis" in names[0]


def test_a_role_noun_speaks_as_a_description():
    """"observed the housemaid", "said the first policeman", "said the office keeper": people known by
    their role; an ordinal or a noun tells which one, a describing adjective makes an epithet instead."""
    from fabula.characters.nominal import nominal_forms

    text = ('"Quiet," said the first policeman.\n\n"Quiet now," said the first policeman.\n\n'
            '"I should have died," observed the housemaid.\n\n"So should I," observed the housemaid.\n\n'
            '"Coming!" cried the office keeper.\n\n"Now!" cried the office keeper.\n\n'
            '"Go," said the desperate ruffian.\n\n"Run," said the desperate ruffian.\n\n'
            '"Yes," said the count after a pause.\n\n"No," said the count after a while.\n')
    story = run(text)
    forms = nominal_forms(story.text, story.quotes)
    assert ("the", "first", "policeman") in forms and ("the", "housemaid") in forms
    assert ("the", "office", "keeper") in forms
    assert ("the", "desperate", "ruffian") not in forms and ("the", "count", "after") not in forms
    names = speaker_names(story)
    assert names[:6] == ["the first policeman"] * 2 + ["the housemaid"] * 2 + ["the office keeper"] * 2


def test_a_weak_speech_verb_ending_in_a_colon_introduces_the_quote():
    """"Marilla sighed." is a beat, but "Marilla sighed:" right before a quote introduces it."""
    text = ('Anne came in.\n\n"After all, it is nothing," Anne suggested; and Marilla sighed: "Ah, no; thank heaven."\n')
    story = run(text, cast=CAST)
    assert speaker_names(story) == ["Anne Shirley", "Marilla Cuthbert"]
    assert story.quotes[1].type == "explicit"


def test_a_name_after_an_opening_phrase_speaks_after_its_aside():
    """"At the same moment Major Callendar, approaching Anne, said," - not "turning to Anne, said"."""
    text = ('Anne sat down.\n\nAt the same moment Major Callendar, approaching Anne, said, "Are you afraid of the air?"\n\n'
            'Marilla rose, and turning to Anne, said, "Come."\n')
    story = run(text, cast=CAST)
    assert speaker_names(story)[0] == "Major Callendar" and story.quotes[0].type == "explicit"
    assert speaker_names(story)[1] == "Marilla Cuthbert"


def test_was_saying_looks_past_was_for_the_subject_before_an_aside():
    """"and Major Callendar, beaming across a breakfast table supplied with the most varied delicacies, was
    presently saying to Anne:" - the subject of the progressive stands before the long aside."""
    text = ('Marilla went away, and Major Callendar, beaming across a breakfast table miraculously supplied with the '
            'most varied delicacies, was presently saying to Anne: "You see, my dear, we camp."\n')
    story = run(text, cast=CAST)
    assert speaker_names(story) == ["Major Callendar"] and story.quotes[0].type == "explicit"


def test_a_given_name_and_a_relative_s_surname_are_one_subject():
    """"Janey Archer announced": when only "Janey" and "Archer" (her brother) are known, Janey speaks."""
    cast = [{"name": "Janey", "gender": "F"}, {"name": "Newland Archer", "aliases": ["Archer"], "gender": "M"}]
    text = 'Archer came home.\n\n"Your cousin called on mother," Janey Archer announced to her brother.\n'
    story = run(text, cast=cast)
    assert speaker_names(story) == ["Janey"] and story.quotes[0].type == "explicit"


def test_a_capitalised_word_before_the_name_after_a_quote():
    """'"...," thought Ragged Dick': the word before the name is no one."""
    text = ('Anne stood by the door.\n\n"I guess he would not stay long," thought\nOld Marilla, folding her arms. '
            '"Leastways I should not."\n\n"Fiddlesticks," said Anne.\n\n"Go away," mused Ragged Marilla.\n')
    story = run(text, cast=CAST)
    assert speaker_names(story) == ["Marilla Cuthbert", "Marilla Cuthbert", "Anne Shirley", "Marilla Cuthbert"]
    assert story.quotes[0].type == story.quotes[3].type == "explicit"


def test_a_given_name_before_a_known_surname_is_no_cue_for_that_family():
    """'"...," said Jerry Cuthbert': a Cuthbert no one has met, not the Cuthbert the story knows."""
    from fabula.model import Mention
    from fabula.speakers.cues import cue_after

    for word, known in (("Jerry", False), ("Old", True)):
        text = f'"I guess he would not stay long," said {word} Cuthbert.'
        at = text.index("Cuthbert")
        mention_at = {at: Mention(at, at + 8, "C1", "name")}.get
        cue = cue_after(text, text.index(" said"), len(text), mention_at)
        assert (cue is not None and cue.ref.pos == at) is known, word


def test_it_was_x_who_spoke_names_the_speaker():
    from fabula.model import Mention
    from fabula.speakers.cues import cue_after

    for tail, speaks in (("It was Poirot who spoke.", True), ("It was Poirot who answered her.", True),
                         ("It was Poirot's turn.", False), ("It was late.", False)):
        text = f'"There is a later will." {tail}'
        at = text.find("Poirot")
        mention_at = {at: Mention(at, at + 6, "C1", "name")}.get if at >= 0 else {}.get
        cue = cue_after(text, text.index(" It"), len(text), mention_at)
        assert (cue is not None and cue.ref.char == "C1") is speaks, tail


def test_who_someone_is_beside_a_quote_is_no_cue():
    """'"Dinah'll miss me!" (Dinah was the cat.)': a copula tells who Dinah is, she does not act or speak."""
    from fabula.model import Mention
    from fabula.speakers.cues import cue_after, cue_before

    text = '"Dinah will miss me!" (Dinah was the cat.) "I hope they remember her milk."'
    at = text.index("Dinah was")
    mention_at = {at: Mention(at, at + 5, "C2", "name")}.get
    assert cue_after(text, text.index("(") - 1, text.index('"I'), mention_at) is None
    assert cue_before(text, text.index("(") - 1, text.index('"I'), text.index("("), mention_at, True) is None
    other = '"Dinah will miss me!" (Dinah smiled.) "I hope they remember her milk."'
    assert cue_after(other, other.index("(") - 1, other.index('"I'), mention_at) is not None


def test_a_name_that_owns_a_person_is_not_the_speaker():
    text = ('Marilla and Anne walked on in silence.\n\n'
            'But Marilla\'s companion, when they had reached the gate, turned about and said: "We might stay '
            'together."\n\n"Go home," said Anne.\n\nMarilla\'s voice said: "Come in."\n')
    story = run(text, cast=CAST)
    assert not (story.quotes[0].speaker and speaker_names(story)[0] == "Marilla Cuthbert"
                and story.quotes[0].type == "explicit")  # the companion speaks, not Marilla
    assert speaker_names(story)[2] == "Marilla Cuthbert"  # her voice: she speaks


def test_the_voice_the_next_narration_paragraph_names_said_the_quote():
    text = ('Marilla sat by the fire with Anne.\n\n"Don\'t say that, Marilla," said Anne.\n\n'
            '"And I, too, Marilla."\n\nThere was a shade of jealousy in the voice of Major Callendar as he entered.\n\n'
            '"Good evening," said Anne.\n\n"Well?"\n\nThen Marilla heard the voice of Dolly Wilcox.\n\n"Come in!"\n')
    story = run(text, cast=CAST)
    names = speaker_names(story)
    assert names[1] == "Major Callendar" and story.quotes[1].type == "explicit"
    assert not (names[3] == "Dolly Wilcox" and story.quotes[3].type == "explicit")  # heard: the next quote's voice
