"""The subject of a reporting verb that closes the narration before a quote but has no subject of its own.

"The old servant hesitated, then added diffidently:", "Her partner now drew near, and said,", "The man took
him by the collar and cried,": the speech verb is coordinated with the clause's first verb, so the clause's
subject speaks, even when it is a description (a nominal or an indefinite), which the name-and-pronoun
heuristics of ``cues._introducer`` leave aside.  ``cue_before`` reads that subject as an action beat; this
module makes it the speech cue it is.  Also: the last clause's subject when an earlier clause had a speech verb
of its own (``closing_subject``), and the antecedent of a relative "who" (``relative_subject``).  Heuristics
only: spaCy's small parser, tried on these sentences, attached the coordinated verbs no better.
"""

from __future__ import annotations

import dataclasses

from fabula.speakers.lexicon import NON_SUBJECTS, SPEECH_VERBS, WEAK_SPEECH
from fabula.speakers.subjects import NOT_VERBS, Tokens, subject_at

# what may stand between a coordinating word and the speech verb: "and then said", "then added diffidently"
_BRIDGE = frozenset({"then", "now", "only", "at", "last", "presently", "instantly", "immediately", "again", "so"})
# words after the verb that start a clause of reported speech, not a direct quote: "and said that he was"
_REPORTED = frozenset({"that", "whether", "if", "he", "she", "it", "they", "we", "i", "you", "what", "how", "something",
                       "nothing", "so", "no", "yes", "good"})
_SUBORDINATE = frozenset({"where", "when", "while", "until", "till", "because", "though", "although", "if", "since",
                          "who", "whom", "which", "whose", "whilst"})
_SUBJECT_WORDS = frozenset({"he", "she", "i", "they", "we"})


def _speech_verb(tok: Tokens, lo: int) -> int | None:
    """A speech verb among the last words, followed only by a few lower-case words and a comma, a colon or
    nothing: 'and said consolingly:', 'and asked in English:' (its index)."""
    n = len(tok)
    end = n - 1 if tok.word(n - 1) in (",", ":", "\u2014", "-") else n
    for k in range(end - 1, max(lo, end - 7) - 1, -1):
        w = tok.word(k).lower()
        if w in SPEECH_VERBS and w not in WEAK_SPEECH:
            if any(tok.word(x).lower() in _REPORTED for x in range(k + 1, end)):
                return None
            return k
        if not tok.word(k).isalpha():
            return None  # "and said in English:" may end on a name, not on a stop
    return None


def _coordinated(tok: Tokens, verb: int, lo: int) -> bool:
    """The verb has no subject of its own: 'and said', ', then added', ', and falling on her neck, said'."""
    k = verb - 1
    if tok.word(k).lower() == "to" and k - 2 > lo:  # "and interrupted it to say", "and now ventured to say"
        k -= 2 if tok.word(k - 1).lower() in ("it", "him", "her", "them", "me", "us") else 1
        if not (tok.word(k).isalpha() and tok.word(k).islower()) or tok.word(k) in NOT_VERBS:
            return False
        k -= 1
    while k > lo and (tok.word(k).lower() in _BRIDGE or tok.word(k).endswith("ly") and tok.word(k).islower()):
        if tok.word(k).lower() == "then":
            return True  # "hesitated, then added", "and then said"
        k -= 1
    w = tok.word(k).lower()
    if w in ("and", "then"):
        return True
    if w == ",":  # ', and advancing decidedly towards herself, said': a participle phrase after "and"
        for x in range(k - 1, max(lo, k - 10) - 1, -1):
            if tok.word(x) == "," and tok.word(x + 1).lower() == "and":
                return True
            if tok.word(x).lower() == "and":  # ", and with cold sternness, said", "and falling on her neck, said"
                return tok.word(x - 1) in (",", ";") or tok.word(x + 1).lower().endswith("ing")
            if tok.word(x) in (",", ";", ":"):
                return False
    return False


def _aside(tok: Tokens, end: int, verb: int) -> bool:
    """'the lady, entirely stupid and friendly, continued:': the subject, an aside in commas, the verb."""
    k = verb - 1
    while k > end and tok.word(k).endswith("ly") and tok.word(k).islower():
        k -= 1
    return tok.word(end) == "," and k > end + 1 and tok.word(k) == ","


def _token_at(tok: Tokens, pos: int) -> int | None:
    return next((k for k, item in enumerate(tok.items) if item[0] == pos), None)


def shared_subject(cue, tok: Tokens, lo: int, mention_at):
    """The beat cue read at the clause's start, as the speech cue of a coordinated speech verb closing the
    sentence ('The fellow gave a horse laugh and replied,'); None when another subject stands between
    ('The man looked up, and she said,') or the sentence does not end so."""
    if cue is None or cue.speech or cue.weak or cue.ref.kind not in ("nominal", "indef", "name", "pronoun"):
        return None
    verb = _speech_verb(tok, lo)
    at = _token_at(tok, cue.ref.pos)
    if verb is None or at is None or at >= verb:
        return None
    _, end, _ = subject_at(tok, at, mention_at)
    if not (_coordinated(tok, verb, lo) or _aside(tok, end, verb)):
        return None
    inside = skipped = False  # in a clause of its own ("where she sat, and said"): its subject is not the verb's
    for k in range(max(end, at + 1), verb):
        w = tok.word(k)
        if w in (";", ":", ".", "!", "?"):
            return None
        if w == ",":
            inside = skipped = False
        elif w.lower() in _SUBORDINATE:
            inside = True
        if inside:
            skipped = skipped or w.lower() in _SUBJECT_WORDS or mention_at(tok.items[k][0]) is not None
            continue
        if w.lower() in _SUBJECT_WORDS or w.lower() in NON_SUBJECTS - {"it", "that", "one", "all", "both", "this"}:
            return None
        if tok.word(k - 1).lower() in (",", "and", "but", "while", "when"):
            ref, after, possessor = subject_at(tok, k, mention_at)
            verb_next = tok.word(after).isalpha() and tok.word(after).islower() and tok.word(after) not in NOT_VERBS \
                or tok.word(after) == "," and "," in (tok.word(k - 1), tok.word(k - 2)) and k > end + 1  # ", and Gino, who"
            if ref is not None and not possessor and verb_next:
                return None  # "..., and Edmund said", ", her sister kissed her, and said": a subject of its own
    if skipped:
        return None  # "the table where she sat and said": whose "said" is not told
    return dataclasses.replace(cue, speech=True, verb=tok.word(verb).lower())


def _antecedent(tok: Tokens, comma: int, lo: int, mention_at):
    """The person a relative "who" after ``comma`` stands for: the nearest name, or a description ("his father",
    "her son") at most a short phrase back ('looked at his father for permission, who said')."""
    for x in range(comma - 1, max(lo - 1, comma - 7), -1):
        w = tok.word(x)
        if w in (".", "!", "?", ";", ":", ",") or w.lower() in ("who", "which", "that"):
            return None
        m = mention_at(tok.items[x][0])
        if m is not None and m.kind == "name":
            while x > lo and mention_at(tok.items[x - 1][0]) is m:
                x -= 1  # the mention's first token: "Mrs. van der Luyden"
            ref, _, possessor = subject_at(tok, x, mention_at)
            return ref if ref is not None and not possessor else None
        if w.lower() in ("his", "her", "the", "my"):
            ref, end, possessor = subject_at(tok, x, mention_at)
            if ref is not None and not possessor and ref.kind == "nominal" and end <= comma:
                return ref
    return None


def relative_subject(tok: Tokens, lo: int, mention_at, cue_type):
    """'Charles looked at his father for permission, who said abstractedly,', 'she shot a glance at her son,
    who said:': a speech verb whose subject is a relative "who" speaks for the one "who" stands for."""
    verb = _speech_verb(tok, lo)
    if verb is None:
        return None
    k = verb - 1
    while k > lo and (tok.word(k).lower() in _BRIDGE or tok.word(k).endswith("ly") and tok.word(k).islower()):
        k -= 1
    if tok.word(k).lower() != "who":
        return None
    if tok.word(k - 1).lower() == "and":  # "Miss Steele, who seemed ..., and who now said": the first "who"
        k = next((x for x in range(k - 2, max(lo, k - 24), -1) if tok.word(x).lower() == "who"
                  and tok.word(x - 1) == ","), None)
        if k is None:
            return None
    if tok.word(k - 1) not in (",", ";"):
        return None
    ref = _antecedent(tok, k - 1, lo, mention_at)
    return cue_type(ref, True, "before", None, tok.word(verb).lower()) if ref is not None else None


def closing_subject(tok: Tokens, lo: int, mention_at, read_cue):
    """The last clause whose subject the closing coordinated speech verb shares: 'And she told her sister ...
    all these Adventures; and when she had finished, her sister kissed her, and said,' (her sister, not she)."""
    verb = _speech_verb(tok, lo)
    if verb is None:
        return None
    for k in range(verb - 1, lo, -1):
        if tok.word(k - 1).lower() not in (",", "and", "but", ";", "so", "yet", "while", "whilst"):
            continue
        late = read_cue(tok, k, mention_at, "before", False)
        if late is not None and not late.speech and late.ref.pos == tok.items[k][0]:
            return shared_subject(late, tok, k, mention_at)
    return None

