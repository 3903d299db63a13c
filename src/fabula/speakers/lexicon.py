"""Speech verbs and reference words for speaker attribution (written for fabula, MIT).

Verbs are listed by their base form; past (-ed) and present (-s) forms are generated, with the
irregular ones spelled out.  First-person present (``I say``) uses the base form.
"""

from __future__ import annotations

_REGULAR = """
add address admit advise agree announce answer apologize apologise argue ask assure babble bark
beg bellow blurt boast call caution challenge chatter cheer chirp chorus chuckle cluck comment complain concede
conclude confess confide confirm continue correct cough croak cry declare demand deny drawl echo
encourage enquire inquire exclaim explain falter fume gasp giggle greet groan growl grumble grunt
guess gulp hiss hum implore inform insist interject interrupt interpose joke laugh lament lie mention mimic moan
mock mumble murmur mutter muse nod note object observe offer order pant persist plead point pray
promise prompt propose protest purr question rage rasp reason recall reckon reflect rejoin remark remind
remonstrate repeat reply report respond resume retort return roar scoff scold scream screech shout shriek
sigh snap snarl sneer snort sob splutter sputter squeak squeal stammer state stutter suggest
surmise taunt tease thunder urge venture vow wail warn weep whimper whine whisper wonder yell
exclaim breathe smile grin sniff sniffle sneer huff scoff choke croon coo simper lisp chide
counter clarify cajole entreat exhort gush intone jest marvel opine pronounce recount rumble
sing soothe stress emphasize emphasise declare pause plead quip reassure volunteer
""".split()

_IRREGULAR = {
    "say": ("said", "says"), "tell": ("told", "tells"), "begin": ("began", "begins"),
    "go on": ("went on", "goes on"), "put in": ("put in", "puts in"), "speak": ("spoke", "speaks"),
    "cry": ("cried", "cries"), "reply": ("replied", "replies"), "spit": ("spat", "spits"),
    "think": ("thought", "thinks"), "break in": ("broke in", "breaks in"), "chime in": ("chimed in", "chimes in"),
    "cut in": ("cut in", "cuts in"), "rejoin": ("rejoined", "rejoins"), "hazard": ("hazarded", "hazards"),
    "write": ("wrote", "writes"), "read": ("read", "reads"), "sing": ("sang", "sings"),
    "weep": ("wept", "weeps"), "lie": ("lied", "lies"), "retort": ("retorted", "retorts"),
    "fling": ("flung", "flings"), "call out": ("called out", "calls out"), "cry out": ("cried out", "cries out"),
}


def _past(v: str) -> str:
    if v.endswith("e"):
        return v + "d"
    if v.endswith("y") and v[-2] not in "aeiou":
        return v[:-1] + "ied"
    if v in ("snap", "sob", "nod", "chat", "stop", "plan", "grin", "hum", "jest"):
        return v + v[-1] + "ed" if v != "jest" else "jested"
    return v + "ed"


def _third(v: str) -> str:
    if v.endswith(("s", "sh", "ch", "x", "z", "o")):
        return v + "es"
    if v.endswith("y") and v[-2] not in "aeiou":
        return v[:-1] + "ies"
    return v + "s"


def speech_forms() -> frozenset[str]:
    forms = set()
    for v in _REGULAR:
        forms.update((v, _past(v), _third(v)))
    for v, (past, third) in _IRREGULAR.items():
        forms.update((v, past, third))
    return frozenset(forms)


SPEECH_VERBS: frozenset[str] = speech_forms()
# Verbs in this set are speech only when they follow a quote directly ("'No,' he smiled").
WEAK_SPEECH = frozenset(
    f for v in ("smile", "grin", "nod", "laugh", "sigh", "pause", "sniff", "sniffle", "cough", "gulp", "choke", "think", "write", "read", "point", "lie", "offer", "return", "note", "state", "turn")
    for f in (v, _past(v), _third(v))
)

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
# Words that may sit between a subject and its verb ("he then said", "she at last replied").
ADVERB_FILLERS = frozenset({"then", "again", "now", "still", "also", "too", "only", "just", "at", "last", "once", "finally", "quickly", "slowly", "softly", "quietly", "gently", "coldly", "simply", "had", "has", "have", "would", "could", "did", "must", "might", "will", "shall", "was", "is", "presently", "immediately", "instantly", "hastily", "eagerly", "suddenly"})
# Nouns that make "his voice", "my throat" a cue for the possessor.
VOICE_NOUNS = frozenset({"voice", "voices", "tone", "words", "lips", "mouth", "throat", "reply", "answer", "whisper", "question"})
# Subjects that are never a speaker cue.
NON_SUBJECTS = frozenset({"it", "this", "that", "there", "here", "what", "which", "who", "nobody", "nothing", "everyone", "everybody", "silence", "they", "we", "you", "one", "both", "all"})
# '"Indeed I have," was her answer.': what someone's words are called, after a quote.
ANSWER_NOUNS = frozenset({"answer", "reply", "remark", "response", "observation", "comment", "rejoinder", "retort",
                          "question", "inquiry", "enquiry", "greeting", "conclusion", "exclamation", "speech",
                          "assurance", "challenge", "salutation", "explanation", "thought", "cry", "words"})
