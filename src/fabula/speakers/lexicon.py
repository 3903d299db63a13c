"""Reference words for speaker attribution (written for fabula, MIT); the speech verbs and pronouns
are shared with the other stages in :mod:`fabula.lexicon`."""

from __future__ import annotations

from fabula.lexicon import FEMALE_PRONOUNS, FIRST_PERSON, MALE_PRONOUNS, verb_forms  # noqa: F401
from fabula.lexicon import SPEECH_VERBS as _SHARED_SPEECH_VERBS
from fabula.lexicon import WEAK_SPEECH as _SHARED_WEAK_SPEECH

# Speech verbs the attribution cues read beyond the shared list (PDNC: '"...," he broke out', 'pursued Margaret').
SPEECH_VERBS = _SHARED_SPEECH_VERBS | verb_forms((
    "assent", "acquiesce", "pursue", "flash", "query", "ejaculate", "mourn", "supply", "assert", "proclaim",
    "quaver", "bawl", "howl", "nag", "counsel", "admonish", "enunciate", "interpolate", "blubber", "titter", "accost", "utter")) | frozenset(
    {"broke out", "break out", "burst out", "rapped out", "rap out", "blurted out", "besought"})
WEAK_SPEECH = _SHARED_WEAK_SPEECH | verb_forms(["flash"])  # "she flashed a smile" is no cue before a quote

# Words that may sit between a subject and its verb ("he then said", "she at last replied").
ADVERB_FILLERS = frozenset({"then", "thus", "again", "now", "still", "also", "too", "only", "just", "at", "last", "once", "finally", "quickly", "slowly", "softly", "quietly", "gently", "coldly", "simply", "had", "has", "have", "would", "could", "did", "must", "might", "will", "shall", "was", "is", "presently", "soon", "immediately", "instantly", "hastily", "eagerly", "suddenly"})
# Nouns that make "his voice", "my throat" a cue for the possessor.
VOICE_NOUNS = frozenset({"voice", "voices", "tone", "words", "lips", "mouth", "throat", "reply", "answer", "whisper", "question"})
# Subjects that are never a speaker cue.
NON_SUBJECTS = frozenset({"it", "this", "that", "there", "here", "what", "which", "who", "nobody", "nothing", "everyone", "everybody", "silence", "they", "we", "you", "one", "both", "all"})
# '"Indeed I have," was her answer.': what someone's words are called, after a quote.
ANSWER_NOUNS = frozenset({"answer", "reply", "remark", "response", "observation", "comment", "rejoinder", "retort",
                          "question", "inquiry", "enquiry", "greeting", "conclusion", "exclamation", "speech",
                          "assurance", "challenge", "salutation", "explanation", "thought", "cry", "words"})
