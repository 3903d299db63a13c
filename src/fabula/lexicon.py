"""Word lists shared across the pipeline, in one place (written for fabula, MIT, no third-party data).

Each stage used to keep its own copy of the speech verbs, titles and stop words, and the copies
drifted apart.  Here a few base sets are defined once and each purpose gets a named extension
of them; the lists that serve one stage only (pet names, given names) stay with that stage.
All words are lower case.
"""

from __future__ import annotations


def alternation(words) -> str:
    """A regex group matching any of ``words`` (longest first, so a phrase wins over its first word)."""
    return "(?:" + "|".join(sorted(words, key=lambda w: (-len(w), w))) + ")"


# --- Speech verbs ---------------------------------------------------------------------------------

# The commonest reporting verbs as they stand in a speech tag ("said Tom", "he went on"): the
# regex tags of dash speech (quotes.marks) and of descriptions that speak (characters.nominal).
TAG_VERBS = frozenset("""
said says asked asks replied replies cried cries answered exclaimed whispered shouted called added
continued returned observed remarked repeated muttered murmured began inquired enquired explained
declared snapped sighed laughed
""".split()) | {"went on", "put in"}

# Verbs of manner that report the very words spoken ("she stammered", "retorted Tom"): every list below.
MANNER_VERBS = frozenset("""
answers begged demanded groaned growled hissed insisted interrupted pleaded protested responded retorted
screamed sobbed stammered urged yelled
""".split())

# Tag and manner verbs and a few more that mark a capitalised word next to them as a speaker's
# name ("Hall agreed", "urged Mrs. Reed"): characters.detect.
CUE_VERBS = TAG_VERBS | MANNER_VERBS | frozenset("""
adds admitted agreed breathed calls continues exclaims shouts suggested whispers
""".split())

# The last word before a quote that makes the quote speech, not a mentioned word (quotes.speech):
# tag and manner verbs but those that also name or paraphrase (a man called "Smith", he explained
# "the rules"), base and -ing forms, verbs of writing and singing, and the adverbs and particles
# that end a tag ("said again", "read aloud", "cried out").  "agreed", "admitted", "suggested" are
# left out on purpose: with them, narration such as ``had suggested "hushing it up"`` became speech.
QUOTE_CUE_WORDS = (TAG_VERBS - {"called", "explained"}) | MANNER_VERBS | frozenset("""
say saying ask cry reply answer murmuring whispering shouting uttered ejaculated spoke bellowed
gasped roared moaned faltered sang thought wrote writes read reads go goes went like out again
aloud softly quietly sharply simply
""".split())

# Any word in a clause that reports speech, nouns too ("with the exclamation"): a lower-case quote
# run into such a clause is speech, not a fragment of the narrator's sentence (quotes.speech).
REPORTING_WORDS = QUOTE_CUE_WORDS | frozenset("""
told tell tells telling declare promised promise assert asserted assured assure called call calling
remark warned proceeded congratulated observation exclamation reply question words wondering wondered
""".split())

# Speech verbs by base form, for speaker cues; past and present forms are generated (``SPEECH_VERBS``).
_REGULAR_VERBS = """
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
# base -> (past, third person) where the rules of ``_past`` and ``_third`` do not apply.
_IRREGULAR_VERBS = {
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
    if v in ("snap", "sob", "nod", "chat", "stop", "plan", "grin", "hum", "admit", "beg", "quip"):
        return v + v[-1] + "ed"
    return v + "ed"


def _third(v: str) -> str:
    if v.endswith(("s", "sh", "ch", "x", "z", "o")):
        return v + "es"
    if v.endswith("y") and v[-2] not in "aeiou":
        return v[:-1] + "ies"
    return v + "s"


def verb_forms(verbs) -> frozenset[str]:
    """Base, past and third-person forms of regular ``verbs``."""
    return frozenset(f for v in verbs for f in (v, _past(v), _third(v)))


# Every form of every speech verb: what makes a subject next to a quote its speaker (speakers).
SPEECH_VERBS: frozenset[str] = verb_forms(_REGULAR_VERBS) | frozenset(
    f for v, forms in _IRREGULAR_VERBS.items() for f in (v, *forms))
# Verbs that are speech only right after a quote ("'No,' he smiled"), not before one.
WEAK_SPEECH = verb_forms((
    "smile", "grin", "nod", "laugh", "sigh", "pause", "sniff", "sniffle", "cough", "gulp", "choke",
    "point", "offer", "return", "note", "state", "turn", "lie"))  # "thought", "wrote" stay cues: PDNC counts them



# --- Pronouns -------------------------------------------------------------------------------------

# Pronouns by person and gender: who a pronoun can be (speakers, evaluate.litbank).
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself"})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
# Personal pronouns of people and things, for "this capitalised word is no name".
PERSONAL_PRONOUNS = FIRST_PERSON | SECOND_PERSON | MALE_PRONOUNS | FEMALE_PRONOUNS | frozenset(
    "it its we us our ours they them their theirs".split())

# --- Titles and name particles --------------------------------------------------------------------

# title (lower case, no dot) -> gender it implies ("X": none); ``GIVEN_TITLES`` take a given name.
HONORIFICS: dict[str, str] = {
    "mr": "M", "mister": "M", "messrs": "M", "mrs": "F", "missus": "F", "miss": "F", "ms": "F",
    "master": "M", "madame": "F", "madam": "F", "mme": "F", "mlle": "F", "mademoiselle": "F",
    "monsieur": "M", "m": "M", "herr": "M", "frau": "F", "fraulein": "F", "signor": "M", "signora": "F",
    "signorina": "F", "senor": "M", "senora": "F", "don": "M", "dona": "F",
    "lady": "F", "lord": "M", "sir": "M", "dame": "F", "dr": "X", "doctor": "X", "professor": "X",
    "prof": "X", "captain": "M", "capt": "M", "colonel": "M", "col": "M", "general": "M", "major": "M",
    "lieutenant": "M", "lt": "M", "sergeant": "M", "sgt": "M", "admiral": "M", "inspector": "M",
    "detective": "X", "constable": "M", "father": "M", "brother": "M", "sister": "F", "mother": "F",
    "aunt": "F", "auntie": "F", "uncle": "M", "cousin": "X", "reverend": "M", "rev": "M", "parson": "M",
    "prince": "M", "princess": "F", "king": "M", "queen": "F", "duke": "M", "duchess": "F",
    "count": "M", "countess": "F", "baron": "M", "baroness": "F", "marquis": "M", "marquise": "F",
    "grandma": "F", "grandpa": "M", "granny": "F", "nurse": "F", "judge": "X", "governor": "M",
    "mistress": "F", "squire": "M",
}
# Titles that take a given name ("Lady Catherine", "Uncle Tom").
GIVEN_TITLES = frozenset({
    "lady", "sir", "lord", "dame", "aunt", "auntie", "uncle", "cousin", "brother", "sister", "father",
    "mother", "prince", "princess", "king", "queen", "grandma", "grandpa", "granny", "nurse",
    "master", "mistress", "don", "dona",
})
# Titles of rank that go with a given name; such people are not called by pet names.
NOBLE_TITLES = frozenset({"sir", "lord", "lady", "dame", "prince", "princess", "king", "queen"})
# Titles of plain address, taken by any name ("Mr. Teddy", "Miss Lizzy"): no rank.
CIVIL_TITLES = frozenset({
    "mr", "mister", "mrs", "missus", "miss", "ms", "master", "madame", "madam", "mme", "mlle", "mademoiselle",
    "monsieur", "m", "herr", "frau", "fraulein", "signor", "signora", "signorina", "senor", "senora"})
# Lower-case words inside a name ("Catherine de Bourgh", "van der Luyden").
NAME_PARTICLES = frozenset({"de", "van", "von", "der", "den", "du", "da", "di", "del", "della", "le", "la", "ter", "ten"})

# --- Words that are not names ---------------------------------------------------------------------

# Capitalised words that NER and the cue patterns keep offering as people (characters.detect).
NOT_NAMES = frozenset("""
i i'm i'll i've i'd me my mine myself we us our you your yours he him his she her hers it its they them their
the a an and but or nor for so yet if then than that this these those there here where when why how what who
whom which whose while though although because since until unless after before once as at by in on of to
with without from into onto upon over under about above below between through during against among
yes no not oh ah ha aha eh hey hi hello goodbye bye well now why indeed alas nay yea ay aye okay ok hmm hm
good bad dear dearest poor old young little great new first last next other another every each all any some
none nothing something anything everything everyone everybody someone somebody anyone anybody nobody
god lord heaven heavens hell christ jesus providence fate fortune nature death love mamma mama papa pa ma
mum mom dad daddy mummy mommy sir madam ma'am mister miss mrs mr ms dr master mistress lady gentleman
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
christmas easter michaelmas lent whitsun sabbath
english french german italian spanish russian american british irish scotch scottish indian chinese
england france germany italy spain russia america london paris rome europe india
chapter book volume part section page note footnote the end finis
mr. mrs. dr. st. no. vol.
say said tell told ask asked go come look see let let's come please thank thanks sorry pray perhaps
really quite very just only still even also too again never always sometimes often ever
one two three four five six seven eight nine ten hundred thousand
street road lane house hall park square court castle abbey church town city village county
drive avenue boulevard terrace crescent gardens hotel inn tavern club station bridge academy
north south east west
yeah yep yup nope nah sure later sorry stop wait listen hey fine right alright man dude babe baby honey
darling sweetheart sweetie love guys boys girls everyone folks mate buddy kid kids son boy girl bro sis
hullo hallo halloa heyday psha pshaw tcha tut anyhow whizz huzza hurrah hurray bravo nonsense goodness gracious
mercy humph hum bah pooh faith egad zounds gad blaspheme to-morrow to-day to-night yesterday farewell adieu
remember forget imagine believe try give take get make keep leave stay stand sit run hurry hold tell
hush quick careful enough congratulations cheers welcome morning evening night afternoon tomorrow today
surely certainly true truly exactly doubtless undoubtedly possibly probably naturally precisely
highness majesty excellency lordship ladyship eminence
""".split())

# Callings that name no one when they stand alone ("Hey, Sheriff") but are titles before a name ("Coach Taylor").
CALLINGS = frozenset("sheriff officer deputy boss chief coach doc pal".split())

# Words of ``NOT_NAMES`` that are names too: surnames after a title ("Mr. Hall", "Mrs. Young", "Miss May")
# and nicknames, kept when they speak ("said Good", "Irish agreed").
SURNAME_WORDS = frozenset("""
hall house street lane park court church castle abbey north south east west young little good old new
love may june april march august hope fortune bell grace faith joy rose
english french irish scotch dutch
two three four five six seven eight nine ten
""".split())  # "said Five" twice: a card, a convict, a number for a name

# Capitalised words that open a quote or a narration clause but name no one ("Yes, ...", "Dear, ..."):
# narration.naming (vocatives, names the cast may lack).  Narrower than ``NOT_NAMES`` on purpose.
NOT_VOCATIVES = frozenset("""
i the a an it this that there then when what why how who where yes no oh ah well now please later
okay ok sorry thanks thank god lord sir madam ma'am mother father mum mom dad darling honey baby dear
good hello hi hey come look listen wait stop but and so not never always just really maybe perhaps
alright right sure fine indeed nothing everything everyone nobody somebody someone
um umm uh uhh uhm er erm hm hmm huh ugh eh meh wow whoa yeah yep yup nope nah omg lol duh oops ooh aww aw
yay ew psst shh ha haha gosh dude bro guys babe
""".split())

# --- Small words of titles and of address -------------------------------------------------------

# Small words a title leaves in lower case ("Pride and Prejudice"): structure.headings, and quotes.speech
# (the "Coach and Horses." is a name; "Come into the house." a sentence).
TITLE_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or the to with".split())

# Words that open a quote before the name it addresses ("Oh, Jane,", "My dear Lizzy,"): characters.detect.
VOCATIVE_LEADS = frozenset({"oh", "o", "ah", "dear", "my dear", "yes", "no", "well", "now", "come", "look", "please"})
# The same and the greetings and conjunctions narration.naming also reads past ("Thanks, Tom!").
GREETING_LEADS = VOCATIVE_LEADS | frozenset({
    "listen", "hey", "hi", "hello", "why", "but", "and", "so", "thank you", "thanks", "sorry", "goodbye",
    "good night", "good morning"})

# --- Gendered nouns -------------------------------------------------------------------------------

# Heads of nominal references that carry a gender ("his lady", "the old man").
FEMALE_NOUNS = frozenset("""
woman lady girl wife mother mamma mama mum mom daughter sister aunt niece grandmother widow
maid maiden queen princess duchess countess hostess mistress governess nurse bride
""".split())
MALE_NOUNS = frozenset("""
man gentleman boy husband father papa dad son brother uncle nephew grandfather widower
king prince duke count lord master host fellow stranger doctor squire clergyman servant butler lad
""".split())
