"""Characters known only by a description: ``said the parlourmaid``, ``the Mock Turtle replied``.

A description that is the subject of two speech cues (one when capitalised, ``the Hatter``) is
one character for the whole text.  One that speaks once, and a generic noun (``the man``,
``the young lady``) that speaks just after it was introduced (``a man started up ... said the
man``), is a *local* character: one person per scene, with mentions only there
(``local_nominals``), since elsewhere the same words name someone else.  A first-person
narrator's relatives (``said my aunt``) are characters too: the narrator has one aunt.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from fabula.characters.detect import NAME
from fabula.lexicon import FEMALE_NOUNS, HONORIFICS, MALE_NOUNS, TAG_VERBS, alternation

ADJECTIVES = frozenset("""
old young little elder younger eldest youngest tall short fat thin big small poor good new grey gray white black
red stout pretty kind strange dark fair stern head chief other elderly
""".split())
GENERIC = frozenset("""
man woman lady gentleman person fellow people girl boy one other others latter former first second third voice
rest whole same two three company party crowd men women ladies gentlemen girls boys children family thing way
answer reply question words word only last next more most best least
""".split())
# generic heads that still name one person within a scene: "said the man" ... "the man laughed"
LOCAL_HEADS = frozenset("man woman lady gentleman fellow girl boy".split())
# who "my ..." can be: a narrator's relative or companion
RELATIONS = FEMALE_NOUNS | MALE_NOUNS | frozenset("cousin master mistress nurse".split())  # not "my friend": often a named one
DETERMINERS = ("the", "my", "our")
SCENE = 3000  # characters between two cues of one local character, at most
REACH = 1500  # characters before the first and after the last cue where its mentions are found
_WORD = rf"(?:[a-z]{{3,}}(?:-[a-z]+)*(?:['’]s)?|{NAME})"  # "the child's nurse" too
# "the gentleman in the white waistcoat", "the man with the black beard": a person and what marks him
_PP = r"(?:\s+(?:in|with)\s+(?:the|a)\s+[a-z]{3,}(?:\s+[a-z]{3,})?)"
_PERSON_NOUNS = GENERIC | FEMALE_NOUNS | MALE_NOUNS
_DET = r"(?:[Tt]he|[Mm]y|[Oo]ur)"
_SPEECH = alternation(TAG_VERBS)
_VERB = rf"(?:{_SPEECH}|[a-z]+ed)"
_SPEECH_RE = re.compile(rf"\b{_SPEECH}\b")
# a person's head noun: an agent ("visitor", "stationmaster", "sacristan") or a person noun
_AGENT_RE = re.compile(r"[a-z-]{2,}(?:er|or|man|ist|ess|ian|an|ant|ent|ard|ee|ier|eer|maid|lady|lord|wife)$")
# people the agent endings miss: "cried the constable", "the concierge called"
ROLE_NOUNS = frozenset("""
constable concierge patronne navvy apprentice guide clerk cook guard nurse judge priest surgeon pilot
""".split())
ORDINALS = frozenset("first second third fourth fifth".split())  # "the first housemaid" is not the second
# words in -er that are no agent and follow a description without being part of it: "said the count after a pause"
_NOT_AGENTS = frozenset("after over under ever never rather together either neither whether hither thither later".split())
# a describing adjective ("the desperate ruffian", "the genial frame-maker"): an epithet for someone known,
# unlike a word that tells which one ("the office keeper", "the dining-car conductor")
_DESCRIBING = re.compile(r"[a-z-]+(?:ed|ful|ous|ive|al|ate|ic|ish|less|able|ible)$")
_GENERIC_SUBJECT = re.compile(
    rf"(?:^|(?<=[.!?;\"”’]\s)|(?<=\n))The\s+({'|'.join(sorted(LOCAL_HEADS))})\s+"
    r"(?!(?:is|was|and|or|of|in|on|at|to|with|who|that|whom|which|had|has|would|could)\b)[a-z]{2,}\b", re.MULTILINE)
_OF_RE = re.compile(r"\s+of\b|['’]s\b")
_MANNER = frozenset("voice whisper tone undertone manner way hurry breath rage passion fury astonishment surprise".split())
UNNAMED = frozenset({"stranger", "newcomer", "unknown"})  # words for a person whose name is not known
KIN = frozenset("mother father sister brother aunt uncle wife husband daughter son cousin niece nephew grandmother grandfather".split())
_AFTER = re.compile(rf"^\s*,?\s*(?:{_VERB})\s+(?P<np>{_DET}\s+{_WORD}(?:\s+(?!with\b){_WORD})?)(?P<pp>{_PP}(?=\s*[,.;!?]))?")
_BEFORE = re.compile(rf"^\s*(?P<np>{_DET}\s+{_WORD}(?:\s+(?!with\b){_WORD})?)(?P<pp>{_PP})?\s+(?:{_VERB})\b")


def _one_description(a: str, b: str) -> bool:
    """Whether "the <a> <b>" is one description: a known adjective ("the old man"), two capitals, a person
    noun ("the young lady"), or a person's head after a word that tells which one ("the office keeper",
    "the first housemaid") - not after a describing adjective ("the desperate ruffian": an epithet)."""
    low = a.lower()
    if low in ADJECTIVES or (a[:1].isupper() and b[:1].isupper()) or (b.lower() in _PERSON_NOUNS and low not in GENERIC):
        return True
    return person_head(b) and (low in ORDINALS or low not in GENERIC and not _DESCRIBING.fullmatch(low))


def _phrase(np: str, marked: bool = False, generic: bool = False) -> tuple[str, ...] | None:
    """The description as a form; ``generic``: also a bare generic noun of ``LOCAL_HEADS``."""
    det, *words = np.split()
    det = det.lower()
    if len(words) == 2 and words[1][:1].isupper() and not words[0][:1].isupper():
        return None  # "the staring Gregory": a describing word before a name, not a description
    if len(words) == 2 and not _one_description(*words):
        if _DESCRIBING.fullmatch(words[0].lower()):
            return None  # "the deliberate scout": an epithet, and "the deliberate" is nobody
        words = words[:1]  # "the count after (a pause)"
    head = words[-1]
    if det != "the":
        # "my aunt", "our guide": a relation, not "my dear" or "my own"
        return (det, *words) if head.lower() in RELATIONS and len(words) == 1 else None
    if head.lower() in ADJECTIVES:
        return None
    if head.lower() in GENERIC and len(words) == 1 and not head[:1].isupper() and not marked:
        return ("the", head) if generic and head in LOCAL_HEADS else None
    if head.endswith("ly") or head.lower() in ("said", "says") or (
            head.endswith("s") and not head.endswith("ss") and head.lower() not in HONORIFICS):
        return None  # "the Bennets", not "the Marquis"
    return ("the", *words)


def speech_cues(text: str, quotes, generic: bool = False, speech_only: bool = False) -> list[tuple[tuple[str, ...], int]]:
    """(description, offset) for every description that is the subject of a cue right after a quote;
    ``speech_only``: only with a speech verb ("said the visitor", not "the rain stopped")."""
    out = []
    for i, q in enumerate(quotes):
        nxt = quotes[i + 1].start if i + 1 < len(quotes) else len(text)
        tail = text[q.end : min(nxt, q.end + 60)]
        m = _AFTER.match(tail) or _BEFORE.match(tail)
        if m and speech_only and (not _SPEECH_RE.search(m.group(0)) or _OF_RE.match(tail, m.end("np"))):
            continue  # "the farmer of infants", "the muffled voice of Kemp": the words that follow matter
        if m:
            pp = m.group("pp") if m.group("pp") and m.group("np").split()[-1].lower() in _PERSON_NOUNS else ""
            if pp and pp.split()[-1].lower() in _MANNER:
                pp = ""  # "said the old man in a whisper": how he spoke, not who he is
            form = _phrase(m.group("np"), bool(pp), generic)
            if form and pp:
                form = form + tuple(pp.split())
            if form:
                out.append((form, q.end + m.start("np")))
    return out


def gendered(form: tuple[str, ...]) -> bool:
    """"the old lady", "the young man": a plain description the speakers stage resolves by sex, like a
    pronoun; it is one of several people, most often one named nearby.  A title ("the count") joins the
    one Count of the story, and a marked one ("the hump-backed man") is one person, so both stay."""
    return (form[0] == "the" and form[-1] in FEMALE_NOUNS | MALE_NOUNS and all(w in ADJECTIVES for w in form[1:-1])
            and not (len(form) == 2 and form[-1] in HONORIFICS))


def nominal_forms(text: str, quotes) -> list[tuple[str, ...]]:
    votes = Counter(f for f, _ in speech_cues(text, quotes))
    spoke = {f for f, _ in speech_cues(text, quotes, speech_only=True)}
    # the Hatter, my uncle: one cue is enough for a capitalised description and a narrator's relative;
    # "The remark horrified him", "The carriage stopped": a thing after a quote, unless it once speaks
    return sorted(f for f, n in votes.items() if (n >= 2 or (n >= 1 and (f[-1][:1].isupper() or f[0] != "the")))
                  and (f in spoke or f[-1][:1].isupper() or f[0] != "the" or person_head(f[-1])))


def global_nominals(text: str, quotes) -> list[tuple[str, ...]]:
    """The descriptions that are one character for the whole text: not the plain gendered ones."""
    return [f for f in nominal_forms(text, quotes) if not gendered(f)]


def _person(form: tuple[str, ...]) -> bool:
    """A head noun that names a person, and not one's relative: "the mother" is someone we know by name."""
    head = form[-1].lower() if len(form) <= 3 else form[2].lower()  # "the man with the black beard"
    if head in KIN or head in _MANNER:
        return False  # a voice is someone's
    return person_head(head)


def person_head(word: str) -> bool:
    """A noun that names a person: "man", "housemaid", "cabman", "book-stall keeper"'s "keeper"."""
    w = word.lower()
    if w in _NOT_AGENTS or w in _THINGS:
        return False  # "the door", "the letter": the agent endings catch them
    return w in _PERSON_NOUNS or w in ROLE_NOUNS or bool(_AGENT_RE.fullmatch(w))


def local_nominals(text: str, quotes, inside_quote) -> list[tuple[tuple[str, ...], list[tuple[int, int]]]]:
    """Descriptions that speak once, or generic ones just introduced, one character per scene: (form, mention spans).

    A generic one counts as speaking in a scene where it is twice the subject of a sentence
    ("The girl flushed."): such beats tell who speaks next.
    Cues of one description less than ``SCENE`` apart are one person; its mentions are the
    description's occurrences in the narration from ``REACH`` before its first cue to ``REACH``
    after its last (never into the next scene of the same description)."""
    cues: dict[tuple[str, ...], list[tuple[int, bool]]] = defaultdict(list)
    for form, pos in speech_cues(text, quotes, generic=True, speech_only=True):
        cues[form].append((pos, True))
    for m in _GENERIC_SUBJECT.finditer(text):
        if not inside_quote(m.start()):
            cues[("the", m.group(1))].append((m.start(), False))  # "The girl flushed.": she acts, then speaks
    for form, pos in beat_subjects(text, quotes):
        cues[form].append((pos, True))
    glob = {tuple(w.lower() for w in f) for f in global_nominals(text, quotes)}
    cues = {f: p for f, p in cues.items() if tuple(w.lower() for w in f) not in glob and f[0] == "the" and _person(f)}
    out = []
    for form, positions in sorted(cues.items()):
        scenes: list[list[int]] = []
        for p, speech in sorted(positions):
            if scenes and p - scenes[-1][-1] <= SCENE:
                scenes[-1].append(p)
            else:
                scenes.append([p])
        speaking = {p for p, speech in positions if speech}
        scenes = [sc for sc in scenes if speaking & set(sc) or len(sc) >= 2]
        # "said the child's nurse", later "the nurse"
        short = [("the", form[-1])] if len(form) == 3 and form[1][-2:] in ("'s", "’s") else []
        hits = sorted((s, e) for s, e, _ in scan_nominals(text, [form, *short]) if not inside_quote(s))
        # "the man", "the lad": need "a man" just before; but a stranger is someone the story does not name
        generic = form[-1] in LOCAL_HEADS or (gendered(form) and form[-1] not in UNNAMED)
        intro_rx = re.compile(rf"\b(?:[Aa]n?|One|one)\s+(?:[a-z-]+,?\s+){{0,2}}{form[-1]}\b")
        for k, sc in enumerate(scenes):
            lo = sc[0] - REACH if k == 0 else max(sc[0] - REACH, (scenes[k - 1][-1] + sc[0]) // 2)
            hi = sc[-1] + REACH if k + 1 == len(scenes) else min(sc[-1] + REACH, (sc[-1] + scenes[k + 1][0]) // 2)
            # a new person: "a man" (or "a fearful man") came in just before he first speaks
            intro = [m for m in intro_rx.finditer(text, max(0, lo), sc[0]) if not inside_quote(m.start())] if generic else []
            if not intro and generic:
                continue
            if intro:
                lo = intro[-1].start()
            spans = [(s, e) for s, e in hits if lo <= s < hi]
            if spans:
                out.append((form, [(intro[-1].start(), intro[-1].end()), *spans] if intro else spans))
    return out


# the past tenses a beat is told in, besides the ones in -ed
_PAST = frozenset("""
came went took made stood sat rose bent held began gave got put ran shook spoke saw thought knew drew threw
broke brought caught felt fell hung kept laid led left let lit paid read rode rang said sang sent set shut
slept stole struck swore swung taught told wore won wrote
""".split())
_BEAT = re.compile(rf"(?:^\s*|(?<=[.!?;]\s)|(?<=[.!?;]\s\s)|(?<=[.!?;][\"'\u201d\u2019]\s)|(?<=\n)|(?<=,\sand\s))(?P<np>[Tt]he\s+{_WORD}(?:\s+{_WORD})?)\s+"
                   rf"(?:[a-z]+ly\s+)?(?:[a-z]{{2,}}ed|{'|'.join(sorted(_PAST))})\b")
_LAST_SENTENCE = re.compile(r"[^.!?]*[.!?:][\"'\u201d\u2019]*\s*$")


# things that act in a beat ("The door opened.") and end like an agent or a person noun; "thing", "answer"
_THINGS = frozenset("""
door floor water paper summer winter dinner supper letter number matter corner weather silver river power tower
mirror horror colour color thunder finger shoulder order manner answer laughter motor steamer banner event moment
tree sea coffee ocean organ scent tent mist wrist card yard dress darkness thing silence carriage train engine
""".split())


def _thing(word: str) -> bool:
    return word in _THINGS or word.endswith(("ness", "ment"))


def beat_subjects(text: str, quotes) -> list[tuple[tuple[str, ...], int]]:
    """(description, offset) of "the <person>" as subject of the narration sentence right before a quote
    that opens its paragraph ("The auctioneer commenced by saying that ... ¶ '...'"): he acts, then speaks."""
    out = []
    prev_end = 0
    for q in quotes:
        before, end_prev = text[prev_end : q.start], prev_end
        prev_end = q.end
        line = before.rfind("\n")
        if line < 0 or before[line:].strip() or not before.strip():
            continue  # the quote does not open a paragraph after some narration
        last = _LAST_SENTENCE.search(before.rstrip(), max(0, len(before.rstrip()) - 400))
        if last is None:
            continue
        m = _BEAT.search(before, last.start())
        if m is None or m.start("np") > last.start() + 120:
            continue
        form = _phrase(m.group("np"))
        if form is not None and form[-1][:1].islower() and len(form) <= 3 and not _thing(form[-1]):
            out.append((form, end_prev + m.start("np")))
    return out


def scan_nominals(text: str, forms) -> list[tuple[int, int, tuple[str, ...]]]:
    if not forms:
        return []
    ordered = sorted(forms, key=lambda f: (-len(f), f))
    by_words = {f: f for f in ordered}
    alts = "|".join(r"\s+".join(map(re.escape, f[1:])) for f in ordered)
    dets = "|".join(sorted({f[0] for f in ordered}))
    rx = re.compile(rf"\b(?i:{dets})\s+(?:{alts})\b")  # one prefix, then the alternatives: fast
    out = []
    for m in rx.finditer(text):
        words = m.group().split()
        form = by_words.get((words[0].lower(), *words[1:]))
        if form is not None:
            out.append((m.start(), m.end(), form))
    return out
