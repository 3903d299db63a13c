"""Quotation detection on small texts, one convention per test."""

import re

from fabula.model import Span
from fabula.quotes import find_quotes


def quotes(text: str) -> list[str]:
    """The quoted strings found, paragraphs being blocks between blank lines."""
    paragraphs = tuple(Span(m.start(), m.end()) for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text))
    return [text[s:e] for s, e in find_quotes(text, paragraphs)]


def test_straight_double_quotes_include_their_marks():
    assert quotes('"Come in," she said.\n\n"Thank you."') == ['"Come in,"', '"Thank you."']


def test_curly_double_quotes():
    assert quotes("“Come in,” she said. Then: “Sit down.”") == ["“Come in,”", "“Sit down.”"]


def test_speech_interrupted_by_narration_is_two_quotes():
    assert quotes('"No," she said, "never."') == ['"No,"', '"never."']


def test_british_single_quotes():
    text = "‘I shan’t,’ said Tom. ‘It’s too late.’\n\n‘Do,’ said Ann.\n\n‘Why?’\n\n‘Because.’"
    assert quotes(text) == ["‘I shan’t,’", "‘It’s too late.’", "‘Do,’", "‘Why?’", "‘Because.’"]


def test_straight_single_quotes():
    text = "'Go home,' he said.\n\n'Now?'\n\n'Now.'\n\n'Fine.'"
    assert quotes(text) == ["'Go home,'", "'Now?'", "'Now.'", "'Fine.'"]


def test_apostrophes_are_not_quote_marks():
    text = ("‘’Tis late, and the Bennets’ carriage is here at ten o’clock,’ said he. "
            "‘Tell ’em to wait.’\n\n‘The girls’ shoes are wet,’ she said.\n\n‘Good.’\n\n‘Yes.’")
    assert quotes(text) == [
        "‘’Tis late, and the Bennets’ carriage is here at ten o’clock,’",
        "‘Tell ’em to wait.’",
        "‘The girls’ shoes are wet,’",
        "‘Good.’",
        "‘Yes.’",
    ]


def test_apostrophes_in_a_double_quote_book_make_no_quotes():
    text = "It was 'tis-the-season weather at nine o'clock, and the Joneses' dog barked.\n\n\"Hush.\""
    assert quotes(text) == ['"Hush."']


def test_nested_quotes_belong_to_the_outer_quote():
    assert quotes("“She said ‘never’ to me,” he said.") == ["“She said ‘never’ to me,”"]
    assert quotes('"She said \'never\' to me," he said.') == ['"She said \'never\' to me,"']
    single = "‘She said “never” to me,’ he said.\n\n‘Oh.’\n\n‘Yes.’\n\n‘Well.’"
    assert quotes(single)[0] == "‘She said “never” to me,’"


def test_curly_quotes_nest_inside_curly_quotes():
    assert quotes("“He wrote “no” twice,” she said.") == ["“He wrote “no” twice,”"]


def test_both_styles_in_one_book():
    text = ('"Where are you going?" asked Tom.\n\n"Out," said Ann.\n\n'
            "‘Not again,’ said their mother.\n\n\"Yes, again.\"")
    assert quotes(text) == ['"Where are you going?"', '"Out,"', "‘Not again,’", '"Yes, again."']


def test_speech_over_several_paragraphs():
    text = ('"It began in the spring. We had no money.\n\n'
            '"Then the rain came, and we left.\n\n'
            '"That is all," he said.')
    assert quotes(text) == [
        '"It began in the spring. We had no money.',
        '"Then the rain came, and we left.',
        '"That is all,"',
    ]


def test_unclosed_quote_ends_with_its_paragraph():
    assert quotes("“Wait for me, she cried.\n\nThey did not.") == ["“Wait for me, she cried."]


def test_short_quoted_words_in_narration_are_not_speech():
    text = 'There had been a "case" last year, and the inn called the "Coach and Horses" was shut.'
    assert quotes(text) == []


def test_short_speech_after_a_speech_verb_is_kept():
    assert quotes('Then the man only said "Certainly!" and left.') == ['"Certainly!"']
    assert quotes('He gave a sharp "I know." and left.') == ['"I know."']


def test_dash_dialogue():
    text = ("He called out:\n\n—Come up, Kinch!\n\n—Back to barracks! he said.\n\n"
            "He stood.\n\n—Thanks, old chap.")
    assert quotes(text) == ["—Come up, Kinch!", "—Back to barracks!", "—Thanks, old chap."]


def test_dash_dialogue_is_cut_around_its_speech_tag():
    text = "—One.\n\n—Two.\n\n—Thanks, old chap, he cried briskly. That will do nicely.\n\n—Three, said Stephen."
    assert quotes(text) == ["—One.", "—Two.", "—Thanks, old chap,", "That will do nicely.", "—Three,"]


def test_a_dash_speech_tag_takes_what_the_speaker_did_meanwhile():
    text = ("—One.\n\n—Two.\n\n—Bull's eye! said Lynch, laughing. Go on.\n\n"
            "—Yes, said Stephen, smiling, and what then?\n\n—Simon, said Mrs Dedalus, you forgot the sauce.")
    assert quotes(text) == ["—One.", "—Two.", "—Bull's eye!", "Go on.", "—Yes,", "and what then?",
                            "—Simon,", "you forgot the sauce."]


def test_a_dash_inside_prose_is_not_dialogue():
    text = "It was late--very late.\n\nShe waited--then left.\n\n\"Hello.\""
    assert quotes(text) == ['"Hello."']


def test_a_quoted_word_before_a_lower_case_word_is_closed():
    text = ("There was nobody in 'the house' who could nurse him, and the girls' mother was away.\n\n"
            "'Poor boy,' said the nurse.\n\n'Yes.'\n\n'Well.'")
    assert quotes(text) == ["'Poor boy,'", "'Yes.'", "'Well.'"]


def test_a_quoted_title_is_not_a_short_sentence():
    assert quotes('He staggered into the "Coach and Horses." Then he slept.') == []
    assert quotes('The servant gave a dry "It is so." and left.') == ['"It is so."']


def test_german_low_high_quotes():
    assert quotes("„Komm“, sagte sie.") == ["„Komm“"]


def test_a_paragraph_opening_with_an_elision_is_not_a_quote():
    text = '"Why?" she asked.\n\n\'Cause I said so, he thought, and went out.\n\n"Fine."'
    assert quotes(text) == ['"Why?"', '"Fine."']


def test_a_clipped_word_is_no_opening_quote():
    # A speech the source broke in two: the second half has only the closing mark, and 'ere opens nothing.
    text = ("'Look how he stares, Jack!\n\nI never did see such company as that 'ere boy; he'll be the death "
            "of me.'  Charley laughed.\n\n'You've been brought up bad,' said the Dodger.")
    assert quotes(text) == ["'Look how he stares, Jack!", "'You've been brought up bad,'"]


def test_an_opening_mark_misprinted_as_a_closer_closes_the_quote():
    text = ("\u201cIf you mean me,\u201d answered she, \u201cyou know I am a woman. Besides--\u201c--\u201cI do know "
            "you are,\u201d said he. She rose and left the room.")
    assert quotes(text) == ["\u201cIf you mean me,\u201d", "\u201cyou know I am a woman. Besides--\u201c",
                            "\u201cI do know you are,\u201d"]
    nested = "\u201cHe said \u201cno\u201d to me,\u201d she said."
    assert quotes(nested) == ["\u201cHe said \u201cno\u201d to me,\u201d"]


def test_a_letter_set_out_in_quotes_is_not_speech():
    text = ('She received the following reply:\n\n"Dear Miss Grey,"\n\n"You should not have written. '
            'I called to tell you that Paul has gone."\n\n"Yours truly,"\n\n"RUTH."\n\n"Well!" said Meg.')
    assert quotes(text) == ['"Well!"']


def test_a_salutation_in_dialogue_is_speech():
    text = '"Let them come."\n\n"My dear Henry,"\n\n"Yes?"\n\n"Did you see them?"'
    assert quotes(text) == ['"Let them come."', '"My dear Henry,"', '"Yes?"', '"Did you see them?"']


def test_text_cued_as_writing_is_not_speech():
    text = ('She had written: "To my husband: give her the house." Then the telegram:\n\n'
            '"Lilia engaged. Writing."\n\n"No answer," said Mrs. Herriton.')
    assert quotes(text) == ['"No answer,"']
    assert quotes('Then he spoke as follows:\n\n"I think you are wrong."') == ['"I think you are wrong."']


def test_a_headline_in_capitals_is_not_speech_but_a_shout_is():
    text = 'The papers ran it in staring type.\n\n"MYSTERIOUS TRAGEDY IN ESSEX"\n\n"HELP!" he cried.\n\n"I   I"'
    assert quotes(text) == ['"HELP!"', '"I   I"']


def test_an_indented_quote_under_a_chapter_heading_is_an_epigraph():
    text = 'CHAPTER I\n\n    "Old longings nomadic leap,\n     Chafing at custom\'s chain."\n\nBuck did not read.'
    assert quotes(text) == []
    assert quotes('CHAPTER I\n\n"Come in," she said.') == ['"Come in,"']


def test_a_quote_in_an_illustration_caption_is_not_speech():
    assert quotes('[Illustration: "You\'re a jealous blond," he said]\n\n"Am I?"') == ['"Am I?"']


def test_a_phrase_run_into_the_narration_is_not_speech():
    text = 'Some maidens requested God to "guide their feet along the paths of usefulness." Carol did not.'
    assert quotes(text) == []
    assert quotes('She assured him that "she was not at all afraid of the trouble."') == [
        '"she was not at all afraid of the trouble."']
    assert quotes('"Nay," speaking more seriously "your feelings are easily understood."') == [
        '"Nay,"', '"your feelings are easily understood."']
    assert quotes('I could hear a "me-yow! me-yow!" down there.') == ['"me-yow! me-yow!"']


def test_speech_only_meant_or_imagined_is_not_speech():
    text = ('"I wonder what her fate will be?"\n\n"What we made it," he felt like answering.\n\n'
            'It was on the tip of his tongue to reply: "Stay away from him." Her look seemed to say, "Go."\n\n'
            '"Go," he said.')
    assert quotes(text) == ['"I wonder what her fate will be?"', '"Go,"']
    assert quotes('He was about to reply. "What do you say, Charley?"') == ['"What do you say, Charley?"']


def test_words_named_after_a_bare_say_are_not_speech():
    text = ('It was all very well to say "Drink me," but she waited. You can walk off as soon as you can say "Gee!" '
            'She didn\'t say "perhaps never," but thought it.\n\nAlice began to say "I once tasted--" and stopped.')
    assert quotes(text) == ['"I once tasted--"']


def test_a_look_that_speaks_is_not_speech():
    assert quotes('Her eyes said: "You see why I came." He said: "I do."') == ['"I do."']


def test_a_word_in_capitals_before_a_single_mark_is_not_clipped():
    text = "A label bore the words 'DRINK ME' beautifully printed on it.\n\n'Shall I?' said Alice.\n\n'Yes.'\n\n'No.'"
    assert quotes(text) == ["'Shall I?'", "'Yes.'", "'No.'"]


def test_a_saying_cited_by_the_narrator_is_not_speech():
    text = ('He sojourned, or, as he expressed it, "tarried, and waited," in the Hollow, mindful of the homely adage, '
            '"handsome is that handsome does," and of a chromo entitled, "Christ Blessing Little Children."\n\n'
            '"Come," he said.')
    assert quotes(text) == ['"Come,"']


def test_a_short_quote_reported_by_a_speech_verb_is_speech_not_a_mention():
    text = 'Her clothes were thin, and Mary said they were "full of lace." They looked fuller than ever.\n'
    assert quotes(text) == ['"full of lace."']
    assert quotes('He had a "case" last year, and a "bad" one.\n') == []


def test_capitals_in_two_sentences_are_a_shout_but_a_signature_or_a_label_is_not():
    text = ('The statue spoke.\n\n"INTRUDERS. YOU WILL BE UNMADE."\n\n"YOU SHALL NOT PASS."\n\n'
            'The letter ended: "EDW. GARDINER."\n\nA card on the bottle: "DRINK ME."\n\nThe door: "DANGER. KEEP OUT."')
    assert quotes(text) == ['"INTRUDERS. YOU WILL BE UNMADE."', '"YOU SHALL NOT PASS."']


def test_a_capitalised_elision_word_opening_a_sentence_opens_a_single_quote():
    text = ("'Hello,' said Nan. 'Sit down.'\n\n'Right,' I said.\n\n"
            "'I won't. 'Cause it's stupid,' she said. 'Go.'\n\n"
            "'Evening all!' Tony tapped the mic. 'Round one. Pencils ready, I'm not made o' time!'\n\n"
            "'Tis little, she said. They went 'round the back, 'cause it was late.\n\n'Till to-morrow, then.'")
    assert quotes(text)[3:5] == ["'I won't. 'Cause it's stupid,'", "'Go.'"]  # inside a quote: an elision
    assert quotes(text)[5:] == ["'Evening all!'", "'Round one. Pencils ready, I'm not made o' time!'",
                                "'Till to-morrow, then.'"]


def test_asterisk_speech_with_a_speech_tag_is_a_quote_and_thoughts_are_not():
    text = ("*Luna.*\n\nHis voice slides into my head.\n\n*Don't,* I link back. *Not yet.*\n\n"
            "*Come to my office.*\n\n*Mate,* Kai growls.\n\n*Thursday*, I think.")
    assert quotes(text) == ["*Luna.*", "*Don't,*", "*Not yet.*", "*Come to my office.*", "*Mate,*"]


def test_asterisk_italics_without_speech_tags_are_not_quotes():
    text = ("*Please don't let him be here.*\n\nHe is.\n\n*Don't smile. Do NOT smile.*\n\n"
            "She said *another name on your list* like a threat.\n\n"
            "*“Come in,” she had said. It was raining.*")
    assert quotes(text) == ["“Come in,”"]


def test_a_quote_inside_a_bracketed_system_line_is_not_speech():
    text = ('[Level up! You are now Level 24.]\n[Title earned: "Giantslayer" - +5% damage.]\n\n'
            'Pip said, "Everybody alive?"')
    assert quotes(text) == ['"Everybody alive?"']


def test_words_mouthed_or_shouted_in_capitals_are_speech_but_a_sign_is_not():
    text = ('When I look at her she mouths "HELP HER" with her whole face.\n\n'
            'The sign read "KEEP OUT" in red letters.')
    assert quotes(text) == ['"HELP HER"']
