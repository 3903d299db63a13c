"""Subjects of attribution cues: tokens of the narration beside a quote, and what a subject
token points at (a name mention, he/she, a nominal like ``his lady``, the first person).

``cues.py`` reads whole cues (verb and subject, before or after a quote) on top of these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fabula.lexicon import FEMALE_NOUNS, HONORIFICS, MALE_NOUNS
from fabula.speakers.kinship import COMPANIONS, TITLE_NOUNS
from fabula.speakers.lexicon import (
    ADVERB_FILLERS,
    NON_SUBJECTS,
    SPEECH_VERBS,
    VOICE_NOUNS,
)

TOKEN_RE = re.compile(r"[A-Za-z\u00c0-\u00ff]+(?:['\u2019][A-Za-z]+)?|[^\sA-Za-z\u00c0-\u00ff]")
LEAD_SKIP = frozenset({",", "\u2014", "-", "\u2013", "_", "*", "(", ")"})
SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMme)(?<!\bMlle)(?<!\b[A-Z])[.!?;](?=\s|$)|[\"“”]")
NOT_VERBS = frozenset({"and", "but", "or", "to", "of", "for", "with", "from", "by", "at", "in", "on", "as", "than",
                        "then", "while", "when", "where", "whereupon", "said", "says", "if", "so", "because", "though"})
OPENERS = frozenset({"then", "and", "but", "so", "finally", "now", "at", "last", "here", "still", "again", "presently", "meanwhile"})


# "the other", "the first", "the latter": which of the two talking; the first/former = the one who spoke first
_RELATIVE = {"other": "other", "second": "other", "latter": "other", "first": "first", "former": "first"}


@dataclass(frozen=True)
class Ref:
    """What a cue's subject points at: kind is name | pronoun | nominal | first."""

    kind: str
    char: str | None = None
    gender: str = "X"
    pos: int = 0
    possessor: str = ""  # "her sister": the gender ("F"/"M") or "first" of the one she is sister to
    noun: str = ""  # a nominal's head noun ("sister")
    end: int = 0  # where an indefinite description ends ("a man's voice")
    described: bool = False  # "said the landlord": a description in no lexicon, right after a speech verb


class Tokens:
    """Tokens of one stretch of narration, with their offsets."""

    def __init__(self, text: str, start: int, end: int):
        self.items = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, start, end)]

    def __len__(self):
        return len(self.items)

    def word(self, i: int) -> str:
        return self.items[i][2] if 0 <= i < len(self.items) else ""


def is_verb_at(tok: Tokens, i: int) -> tuple[bool, int]:
    """A speech verb (one or two words) at i -> (True, index after it)."""
    w = tok.word(i).lower()
    two = f"{w} {tok.word(i + 1).lower()}"
    if two in SPEECH_VERBS:
        return True, i + 2
    if w in SPEECH_VERBS:
        return True, i + 1
    if w.endswith("ing") and tok.word(i - 1).lower() in ("was", "is"):
        stem = w[:-3]  # "she was repeating": the verb's base form
        if stem in SPEECH_VERBS or stem + "e" in SPEECH_VERBS or (len(stem) > 3 and stem[-1] == stem[-2]
                                                                 and stem[:-1] in SPEECH_VERBS):
            return True, i + 1
    return False, i


def subject_at(tok: Tokens, i: int, mention_at, inverted: bool = False) -> tuple[Ref | None, int, bool]:
    """A subject at token i -> (ref, index after it, is_possessor_of_non_voice_noun); ``inverted``: right after
    a speech verb, where a lower-case title is its bearer too ("said the general")."""
    if i >= len(tok):
        return None, i, False
    s, e, w = tok.items[i]
    m = mention_at(s)
    if m is not None:
        j = i
        while j < len(tok) and tok.items[j][1] <= m.end:
            j += 1
        owner = j
        if tok.word(j) in ("'", "\u2019") and tok.word(j + 1) == "s":
            j += 2
        elif tok.word(j).lower() in ("'s", "\u2019s"):
            j += 1
        glued = j < len(tok) and tok.items[j][0] < m.end and tok.word(j).lower().endswith(("'s", "\u2019s"))
        if _owns_person(tok, j + glued, j > owner or glued):
            return None, i, False  # "But Cameron's companion ... said": the companion speaks, not Cameron
        if inverted:
            k = j if tok.word(j) == "s" or tok.word(j).lower().endswith(("'s", "\u2019s")) else None
            if k is not None and tok.word(k + 1).isalpha() and tok.word(k + 1).islower() \
                    and tok.word(k + 1).lower() not in VOICE_NOUNS:
                return None, i, False  # "said Margaret's young man": someone else than Margaret
        return Ref("name", m.character, pos=s), j, False
    low = w.lower()
    if low in ("a", "an", "another") or low == "one" and inverted:
        return _indefinite(tok, i)
    if low == "the" and i + 1 < len(tok):
        m = mention_at(tok.items[i + 1][0])
        if m is not None and m.kind == "name":  # "the March Hare": a name with an article
            return subject_at(tok, i + 1, mention_at)
    if low in ("he", "she"):
        return Ref("pronoun", gender="M" if low == "he" else "F", pos=s), i + 1, False
    if low == "i":
        return Ref("first", pos=s), i + 1, False
    rel = tok.word(i + 1).lower()
    if low == "the" and rel in _RELATIVE and tok.word(i + 2).lower() not in ("side", "end", "hand", "day", "time", "place"):
        # "said the other", "the other man", "said the first", "the latter replied": one of the two talking
        nxt = tok.word(i + 2).lower()
        g = "F" if nxt in FEMALE_NOUNS else "M" if nxt in MALE_NOUNS else "X"
        k = i + (3 if g != "X" or nxt in ("one", "speaker") else 2)
        if rel != "other" and g == "X" and nxt not in ("one", "speaker") and nxt.isalpha() \
                and not is_verb_at(tok, i + 2)[0] and not nxt.endswith("ly"):
            return None, i, False  # "the first thing", "the latter part": not a person
        return Ref("nominal", gender=g, pos=s, noun=_RELATIVE[rel]), k, False
    if low in ("his", "her", "my", "the", "their", "our"):
        noun = tok.word(i + 1).lower()
        k = i + 1
        if tok.word(k + 1) == "-" and tok.word(k + 2).lower() in FEMALE_NOUNS | MALE_NOUNS \
                and tok.items[k + 2][0] == tok.items[k + 1][1]:
            k += 2  # "his step-son", "her half-sister": the relation is the last part
            noun = tok.word(k).lower()
        voiced = noun.endswith(("'s", "\u2019s")) and noun[:-2] in FEMALE_NOUNS | MALE_NOUNS \
            and tok.word(k + 1).lower() in VOICE_NOUNS
        if voiced:  # "interrupted his mother's voice": the mother speaks
            noun = noun[:-2]
        if noun and noun not in VOICE_NOUNS and noun not in FEMALE_NOUNS and noun not in MALE_NOUNS \
                and noun not in TITLE_NOUNS and noun not in COMPANIONS:
            # one adjective: "the old man", "his young wife"
            nxt = tok.word(i + 2).lower()
            if nxt in FEMALE_NOUNS or nxt in MALE_NOUNS or nxt in VOICE_NOUNS or nxt in TITLE_NOUNS or nxt in COMPANIONS:
                noun, k = nxt, i + 2
        if low in ("his", "her") and noun in COMPANIONS:
            # "cried his faithful assistant", "said her ladyship": someone else than "him", gender unknown
            return Ref("nominal", gender=COMPANIONS[noun], pos=s, possessor="M" if low == "his" else "F",
                       noun=noun), k + 1, False
        if low == "the" and noun not in FEMALE_NOUNS and noun not in MALE_NOUNS and noun in TITLE_NOUNS \
                and (tok.word(k)[:1].isupper() or inverted):
            # "said the Professor", "the little Doctor": a title standing for its bearer
            return Ref("nominal", gender=HONORIFICS.get(noun, "X"), pos=s, noun=noun), k + 1, False
        if noun in FEMALE_NOUNS or noun in MALE_NOUNS:
            if low in ("their", "our"):
                return None, i, False
            poss = {"his": "M", "her": "F", "my": "first"}.get(low, "")
            return Ref("nominal", gender="F" if noun in FEMALE_NOUNS else "M", pos=s, possessor=poss, noun=noun), \
                k + 1 + voiced, False
        if low == "the" or low in ("their", "our"):
            return None, i, False
        ref = Ref("first", pos=s) if low == "my" else Ref("pronoun", gender="M" if low == "his" else "F", pos=s)
        if not noun.isalpha():
            return None, i, False
        return ref, k + 1, noun not in VOICE_NOUNS
    return None, i, False


_PERSONS = frozenset(FEMALE_NOUNS) | frozenset(MALE_NOUNS) | frozenset(COMPANIONS) | frozenset(TITLE_NOUNS)


def _owns_person(tok: Tokens, j: int, possessive: bool) -> bool:
    """A name's possessive before a person noun at j (one adjective allowed): "Cameron's companion",
    "Margaret's old aunt" name someone else."""
    if not possessive:
        return False
    for k in (j, j + 1):
        w = tok.word(k)
        if not (w.isalpha() and w.islower()):
            return False
        if w in _PERSONS:
            return True
    return False


_NOT_HEADS = frozenset({"latter", "former", "same", "rest", "whole", "others", "words", "word", "name"})
_AFTER_HEAD = frozenset({"to", "in", "with", "as", "at", "of", "and", "but", "who", "whom", "which", "that", "when",
                         "while", "after", "before", "again", "then", "now", "from", "on", "upon", "for"})


def described_at(tok: Tokens, i: int) -> tuple[Ref | None, int, bool]:
    """'"...," said the old horse', 'replied the corporal': right after a speech verb, "the" and one or
    two lower-case words are the speaker, whatever the noun (the lexicons know only a few)."""
    words = [tok.word(i + 1), tok.word(i + 2)]
    if not (words[0].isalpha() and words[0].islower()):
        return None, i, False
    k = i + 1
    if words[1].isalpha() and words[1].islower() and words[1] not in _AFTER_HEAD and not words[1].endswith("ly"):
        k = i + 2  # "the old horse": an adjective, then the noun
    head = tok.word(k)
    if head in _NOT_HEADS or head in VOICE_NOUNS or head in NON_SUBJECTS:
        return None, i, False
    return Ref("nominal", pos=tok.items[i][0], noun=head, end=tok.items[k][1], described=True), k + 1, False


# heads of an indefinite description that speaks: "said a voice", "a man's voice", "another", "said one"
INDEFINITE_HEADS = MALE_NOUNS | FEMALE_NOUNS | frozenset({"voice", "person", "child", "figure", "one", "youth",
                                                         "soldier", "sailor", "officer", "private", "servant"})


def _indefinite(tok: Tokens, i: int) -> tuple[Ref | None, int, bool]:
    """``a voice``, ``a man's voice``, ``another``, ``a shrill Welsh voice``, ``one of them``: someone not
    met before (an indefinite article introduces a new person), with the sex its noun says."""
    s = tok.items[i][0]
    low = tok.word(i).lower()
    k = i + 1
    for _ in range(3):  # up to two describing words before the head
        w = tok.word(k)
        lw = w.lower()
        if lw in INDEFINITE_HEADS:
            break
        if not w.isalpha() or lw in NOT_VERBS or lw in SPEECH_VERBS or lw in NON_SUBJECTS or k > i + 2:
            break
        k += 1
    head = tok.word(k).lower()
    owner = head.endswith(("'s", "\u2019s")) and head[:-2] in INDEFINITE_HEADS  # "a man's voice"
    if owner:
        head = head[:-2]
    if head not in INDEFINITE_HEADS or low == "one":
        if low in ("another", "one") and (k == i + 1 or head in INDEFINITE_HEADS):
            end = k + 1 if head in INDEFINITE_HEADS and k > i else i + 1
            return Ref("indef", gender=_noun_gender(head), pos=s, noun="one", end=tok.items[end - 1][1]), end, False
        return None, i, False
    gender = _noun_gender(head)
    end = k + 1
    if owner or tok.word(end) in ("'", "\u2019") and tok.word(end + 1) == "s":
        end += 0 if owner else 2
        if tok.word(end).lower() not in VOICE_NOUNS:
            return None, i, False  # "a man's hat": not the man
        end += 1
    return Ref("indef", gender=gender, pos=s, noun=head, end=tok.items[end - 1][1]), end, False


def _noun_gender(noun: str) -> str:
    return "F" if noun in FEMALE_NOUNS else "M" if noun in MALE_NOUNS else "X"


def skip_fillers(tok: Tokens, j: int) -> int:
    for _ in range(3):
        raw = tok.word(j)
        w = raw.lower()
        if raw[:1].isupper() and w not in ADVERB_FILLERS:
            break  # "said Dolly", "said Emily": a name ending in -ly, not an adverb
        if w in ADVERB_FILLERS or (w.endswith("ly") and len(w) > 4) or w == ",":
            j += 1
        else:
            break
    return j


def addressee_after(tok: Tokens, j: int, mention_at) -> str | None:
    """``... to Elizabeth``, ``turning to him``: a name after 'to' within a few words."""
    for k in range(j, min(j + 4, len(tok))):
        if tok.word(k).lower() == "to":
            m = mention_at(tok.items[k + 1][0]) if k + 1 < len(tok) else None
            return m.character if m is not None else None
        if tok.word(k) in (".", "!", "?", ";", "\""):
            break
    return None


_DESCRIPTOR_STOP = NOT_VERBS | NON_SUBJECTS | {"a", "an", "his", "her", "my", "their", "our", "its", "he", "she", "i"}


def described_name(tok: Tokens, j: int, mention_at) -> tuple[Ref | None, int]:
    """``said dour Major Callendar``, ``said the unsympathetic Marilla``, ``said the voice of Mr. Haq``:
    a name after up to three describing words (a hyphen joins two) right after an inverted speech verb."""
    k = j
    if tok.word(k).lower() == "the":
        k += 1
    for _ in range(4):
        w = tok.word(k)
        if w.lower() in ("voice", "voices") and tok.word(k + 1) == "of":
            k += 2
        elif w == "-" or (w.isalpha() and w.islower() and w not in _DESCRIPTOR_STOP):
            k += 1
        else:
            break
        if k < len(tok):
            m = mention_at(tok.items[k][0])
            if m is not None and m.kind == "name":
                ref, after, _ = subject_at(tok, k, mention_at)
                return ref, after
    return None, j


def demonstrative_at(tok: Tokens, i: int) -> tuple[Ref | None, int]:
    """'"...," said this worthy', 'exclaimed that young gentleman': right after a speech verb, "this"/"that"
    and up to three lower-case words point back at the one the narration has just named (noun "this")."""
    k = i + 1
    head = ""
    while k < len(tok) and k <= i + 3:
        w = tok.word(k)
        if not (w.isalpha() and w.islower()) or w in _AFTER_HEAD or w in NON_SUBJECTS or w in _DESCRIPTOR_STOP \
                or w.endswith("ly") or w.endswith("ing") and k > i + 1:
            break
        head, k = w, k + 1
    if not head or head in VOICE_NOUNS:
        return None, i
    return Ref("nominal", gender=_noun_gender(head), pos=tok.items[i][0], noun="this", end=tok.items[k - 1][1]), k
