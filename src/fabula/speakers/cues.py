"""Attribution cues: the narration right next to a quote, read as ``verb subject`` or ``subject verb``.

A cue names its subject as a character (a name mention), a pronoun, a nominal (``his lady``)
or the first person; it is a *speech* cue when the verb is a speech verb, else an *action
beat* (``James nodded.``).  Resolution of pronouns happens later, in ``resolve.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fabula.lexicon import FEMALE_NOUNS, HONORIFICS, MALE_NOUNS
from fabula.speakers.kinship import COMPANIONS, TITLE_NOUNS
from fabula.speakers.lexicon import (
    ADVERB_FILLERS,
    ANSWER_NOUNS,
    NON_SUBJECTS,
    SPEECH_VERBS,
    VOICE_NOUNS,
    WEAK_SPEECH,
)

TOKEN_RE = re.compile(r"[A-Za-z\u00c0-\u00ff]+(?:['\u2019][A-Za-z]+)?|[^\sA-Za-z\u00c0-\u00ff]")
_LEAD_SKIP = frozenset({",", "\u2014", "-", "\u2013", "_", "*", "(", ")"})
_SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMme)(?<!\bMlle)(?<!\b[A-Z])[.!?;](?=\s|$)|[\"“”]")
_NOT_VERBS = frozenset({"and", "but", "or", "to", "of", "for", "with", "from", "by", "at", "in", "on", "as", "than",
                        "then", "while", "when", "where", "whereupon", "said", "says", "if", "so", "because", "though"})
_OPENERS = frozenset({"then", "and", "but", "so", "finally", "now", "at", "last", "here", "still", "again", "presently", "meanwhile"})


@dataclass(frozen=True)
class Ref:
    """What a cue's subject points at: kind is name | pronoun | nominal | first."""

    kind: str
    char: str | None = None
    gender: str = "X"
    pos: int = 0
    possessor: str = ""  # "her sister": the gender ("F"/"M") or "first" of the one she is sister to
    noun: str = ""  # a nominal's head noun ("sister")


@dataclass(frozen=True)
class Cue:
    ref: Ref
    speech: bool  # a speech verb (strong) or an action beat (weaker)
    side: str  # "after" or "before" the quote
    addressee: str | None = None  # "said X to Y"
    verb: str = ""
    weak: bool = False  # "his hands fell": the possessor of a body part, the least telling cue


class Tokens:
    """Tokens of one stretch of narration, with their offsets."""

    def __init__(self, text: str, start: int, end: int):
        self.items = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, start, end)]

    def __len__(self):
        return len(self.items)

    def word(self, i: int) -> str:
        return self.items[i][2] if 0 <= i < len(self.items) else ""


def _is_verb_at(tok: Tokens, i: int) -> tuple[bool, int]:
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
        if tok.word(j) in ("'", "\u2019") and tok.word(j + 1) == "s":
            j += 2
        elif tok.word(j).lower() in ("'s", "\u2019s"):
            j += 1
        if inverted:
            k = j if tok.word(j) == "s" or tok.word(j).lower().endswith(("'s", "\u2019s")) else None
            if k is not None and tok.word(k + 1).isalpha() and tok.word(k + 1).islower() \
                    and tok.word(k + 1).lower() not in VOICE_NOUNS:
                return None, i, False  # "said Margaret's young man": someone else than Margaret
        return Ref("name", m.character, pos=s), j, False
    low = w.lower()
    if low == "the" and i + 1 < len(tok):
        m = mention_at(tok.items[i + 1][0])
        if m is not None and m.kind == "name":  # "the March Hare": a name with an article
            return subject_at(tok, i + 1, mention_at)
    if low in ("he", "she"):
        return Ref("pronoun", gender="M" if low == "he" else "F", pos=s), i + 1, False
    if low == "i":
        return Ref("first", pos=s), i + 1, False
    if low == "the" and tok.word(i + 1).lower() == "other" and tok.word(i + 2).lower() not in ("side", "end", "hand", "day"):
        # "said the other", "the other man": the other one of the two talking
        nxt = tok.word(i + 2).lower()
        g = "F" if nxt in FEMALE_NOUNS else "M" if nxt in MALE_NOUNS else "X"
        return Ref("nominal", gender=g, pos=s, noun="other"), i + (3 if g != "X" else 2), False
    if low in ("his", "her", "my", "the", "their", "our"):
        noun = tok.word(i + 1).lower()
        k = i + 1
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
            return Ref("nominal", gender="F" if noun in FEMALE_NOUNS else "M", pos=s, possessor=poss, noun=noun), k + 1, False
        if low == "the" or low in ("their", "our"):
            return None, i, False
        ref = Ref("first", pos=s) if low == "my" else Ref("pronoun", gender="M" if low == "his" else "F", pos=s)
        if not noun.isalpha():
            return None, i, False
        return ref, k + 1, noun not in VOICE_NOUNS
    return None, i, False


def _skip_fillers(tok: Tokens, j: int) -> int:
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


def _addressee(tok: Tokens, j: int, mention_at) -> str | None:
    """``... to Elizabeth``, ``turning to him``: a name after 'to' within a few words."""
    for k in range(j, min(j + 4, len(tok))):
        if tok.word(k).lower() == "to":
            m = mention_at(tok.items[k + 1][0]) if k + 1 < len(tok) else None
            return m.character if m is not None else None
        if tok.word(k) in (".", "!", "?", ";", "\""):
            break
    return None


_DESCRIPTOR_STOP = _NOT_VERBS | NON_SUBJECTS | {"a", "an", "his", "her", "my", "their", "our", "its", "he", "she", "i"}


def _described_name(tok: Tokens, j: int, mention_at) -> tuple[Ref | None, int]:
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


def _was_answer(tok: Tokens, i: int, mention_at, side: str) -> Cue | None:
    """``was her answer``, ``was Hattie's reply``, ``came his final rejoinder``: the owner of the words said it."""
    while tok.word(i).lower() in ("all", "only"):  # "was all Lady Bertram's reply"
        i += 1
    w = tok.word(i).lower()
    if w in ("his", "her", "my"):
        ref = Ref("first", pos=tok.items[i][0]) if w == "my" else Ref("pronoun", gender="M" if w == "his" else "F",
                                                                      pos=tok.items[i][0])
        k = i + 1
    else:
        m = mention_at(tok.items[i][0]) if i < len(tok) else None
        if m is None:
            return None
        k = i
        while k < len(tok) and tok.items[k][1] < m.end:
            k += 1
        last = tok.word(k).lower()
        if last.endswith(("'s", "\u2019s")):
            k += 1
        elif k < len(tok) and tok.items[k][1] == m.end and tok.word(k + 1) in ("'", "\u2019"):
            k += 2  # "was Jones' answer"
        elif k < len(tok) and tok.items[k][1] == m.end and tok.word(k + 1) == "s":
            k += 2  # "was Helen s answer": a text that lost its apostrophes
        else:
            return None  # "was Hattie's answer" needs the possessive
        ref = Ref("name", m.character, pos=tok.items[i][0])
    for _ in range(3):  # up to two describing words: "her lame conclusion"
        noun = tok.word(k).lower()
        if noun in ANSWER_NOUNS:
            return Cue(ref, True, side, None, noun)
        if not noun.isalpha():
            break
        k += 1
    return None


def read_cue(tok: Tokens, i: int, mention_at, side: str, after_quote: bool) -> Cue | None:
    """Parse a cue starting at token i: ``said X`` / ``X said`` / ``X nodded``."""
    while tok.word(i) in _LEAD_SKIP:
        i += 1
    if i >= len(tok):
        return None
    is_verb, j = _is_verb_at(tok, i)
    if is_verb and (after_quote or tok.word(i)[:1].isupper()):
        j = _skip_fillers(tok, j)
        ref, k, _ = subject_at(tok, j, mention_at, inverted=True)
        if ref is None:
            ref, k = _described_name(tok, j, mention_at)
        if ref is not None and ref.kind != "first":
            return Cue(ref, True, side, _addressee(tok, k, mention_at), " ".join(x[2] for x in tok.items[i:j]).lower())
        return None
    w0 = tok.word(i)
    if after_quote and w0 == "from":  # '"M--m--m!" from Mr. Wilcox'
        ref, k, _ = subject_at(tok, i + 1, mention_at)
        return Cue(ref, True, side, None, "from") if ref is not None and ref.kind == "name" else None
    if after_quote and w0 in ("as", "while"):  # '"...," as Mrs. Lesley said.'
        inner = read_cue(tok, i + 1, mention_at, side, False)
        return inner if inner is not None and inner.speech and inner.ref.kind == "name" else None
    if after_quote and w0 in ("was", "came"):
        said = _was_answer(tok, i + 1, mention_at, side)
        if said is not None:
            return said
    if after_quote and w0.isalpha() and w0.islower() and w0 not in NON_SUBJECTS and w0 not in _NOT_VERBS:
        # '"...," pursued Margaret': right after a quote, word + name is an inverted cue whatever the verb
        k = i + 1
        if tok.word(k) in ("out", "in", "up", "back", "on") or tok.word(k) == "from" and w0 in ("broke", "burst", "came"):
            k += 1  # '"Peste!" broke from the Marquis'
        ref, k2, _ = subject_at(tok, k, mention_at)
        if ref is not None and ref.kind in ("name", "nominal") and (ref.kind == "name" or w0.endswith("ed")):
            return Cue(ref, True, side, _addressee(tok, k2, mention_at), w0.lower())
    if w0.lower() in NON_SUBJECTS:
        return None
    if after_quote and w0.islower() and (w0.endswith("ly") or w0 in ("presently", "then", "now", "and")) \
            and tok.word(i + 1).lower() in ("he", "she"):
        i += 1  # '"...," suddenly she remarked', '"...," and he strode off': a word before the subject
    ref, j, possessor = subject_at(tok, i, mention_at)
    if ref is None:
        return None
    j = _skip_fillers(tok, j)
    verb = tok.word(j)
    if not verb.isalpha() or not verb.islower():
        return None
    speech, after_verb = _is_verb_at(tok, j)
    if speech and verb.lower() in WEAK_SPEECH and not after_quote:
        speech = False
    if possessor and not speech:
        speech = False
    return Cue(ref, speech and not possessor, side, _addressee(tok, after_verb, mention_at), verb.lower(), possessor)


def cue_after(text: str, start: int, end: int, mention_at) -> Cue | None:
    """The narration that follows a quote, up to the end of its first sentence."""
    m = _SENTENCE_END.search(text, start, end)
    stop = m.end() if m else end
    tok = Tokens(text, start, stop)
    return read_cue(tok, 0, mention_at, "after", True)


def cue_before(text: str, start: int, end: int, sent_start: int, mention_at, follows_quote: bool) -> Cue | None:
    """The last sentence of the narration before a quote (or all of it, between two quotes)."""
    begin = max(start, sent_start)
    if not text[begin:end].strip():
        begin = _introduced_from_before(text, start, sent_start)
        if begin is None:
            return None
    tok = Tokens(text, begin, end)
    i = 0
    # skip a short opener: "Finally, James ..." / "Then she said:"
    for k in range(min(4, len(tok))):
        if tok.word(k) == ",":
            if all(tok.word(x).lower() in _OPENERS or tok.word(x).endswith("ly") for x in range(0, k)):
                i = k + 1
            break
    if tok.word(i).lower() in _OPENERS:
        i += 1
    between = follows_quote and not text[start:begin].strip()  # the sentence may start after a space
    cue = read_cue(tok, i, mention_at, "before", between)
    if begin < start and not _INTRO_END.search(text[begin:start].rstrip()):
        # "Sir William thus began.": only its own subject, named, and only a speech verb
        return cue if cue is not None and cue.speech and cue.ref.kind == "name" else None
    if cue is not None and cue.speech and (between or tok.word(len(tok) - 1) in (",", ":")):
        # '"...," said X; and Y replied, "..."': the later clause introduces this quote
        for k in range(len(tok) - 2, max(i + 3, len(tok) - 16), -1):
            if tok.word(k - 1) in (";", ".", "and", "but", "while", "when"):
                late = read_cue(tok, k, mention_at, "before", False)
                if late is None or not late.speech:
                    late = _introducer(tok, k, mention_at)  # "while Margaret, thoughtful again, said:"
                if late is not None and late.speech and late.ref != cue.ref:
                    return late
    if cue is None or not cue.speech:
        # the introducing clause may come last: "..., and May answered serenely:"
        for k in range(len(tok) - 2, max(i, len(tok) - 16), -1):
            if tok.word(k - 1).lower() not in _SUBJECT_SLOT and tok.word(subject_at(tok, k, mention_at)[1]) == ",":
                continue  # "drawing near Elizabeth, said": an object, not the subject
            if any(tok.word(x).lower() == "who" and tok.word(x - 1) == "," for x in range(i, k)):
                break  # "Miss Crawford, who had been eyeing Edmund, now observed": the name before ", who"
            late = read_cue(tok, k, mention_at, "before", False)
            if late is not None and late.speech:
                return late
        intro = _introducer(tok, i, mention_at)
        if intro is not None:
            return intro
    return cue


_INTRO_END = re.compile(r"(?:[:,\u2014]|--|-|[a-z])\s*$")  # "...said decidedly:" / "...and said" (unfinished)


def _introduced_from_before(text: str, start: int, sent_start: int) -> int | None:
    """A quote opening its own paragraph after narration that ends ``... Marilla said decidedly:``:
    the previous paragraph's last sentence introduces it (no quote in between)."""
    if sent_start >= start:
        return None
    before = text[sent_start:start]
    if not (_INTRO_END.search(before.rstrip()) or _BEGAN_END.search(before.rstrip())) or before.count("\n\n") > 1 \
            or re.search(r"[\"\u201c\u201d]", before):
        return None
    return sent_start


# "Mrs. Norris began scolding." / "Sir William thus began.": a sentence that ends in starting to speak
_BEGAN_END = re.compile(r"\b(?:began|begins|went\s+on|continued|resumed)(?:\s+(?:again|[a-z]+ing))?\s*\.$")


_GERUNDS = frozenset("""saying adding replying answering crying calling exclaiming whispering observing continuing
asking returning beginning muttering murmuring declaring remarking""".split())
_SUBJECT_SLOT = frozenset({",", "and", "but", "then", "when", "while", ";", "so", "yet"})


_ADVERBS = frozenset({"then", "now", "still", "also", "too", "only", "just", "again", "once", "presently", "instantly",
                      "afterwards", "soon", "however", "last"})
_MAIN_SLOT = frozenset({",", "and", "but", "then", ";", ":", "so", "yet"})  # not "when she", "where he"


def _subject_with_end(tok: Tokens, k: int, mention_at) -> tuple[Ref | None, int]:
    ref, end, possessor = subject_at(tok, k, mention_at)
    if ref is None or possessor or ref.kind not in ("name", "pronoun", "first"):
        return None, k
    return ref, end


def _subject_here(tok: Tokens, k: int, start: int, mention_at) -> Ref | None:
    """A name or pronoun at k where a subject stands: at the clause start, or after a comma, a
    conjunction or an adverb ("and soon afterwards Mr. Darcy")."""
    before = tok.word(k - 1).lower()
    if k > start and before not in _MAIN_SLOT and before not in _ADVERBS and not before.endswith("ly"):
        return None
    return _subject_with_end(tok, k, mention_at)[0]


_HEAR = frozenset({"heard", "hear", "hears", "hearing"})


def _heard_say(tok: Tokens, verb_at: int, mention_at) -> Ref | None:
    """'she heard him say,': the one heard speaks, not the hearer."""
    k = verb_at - 1
    if tok.word(k).lower() in ("him", "her") and tok.word(k - 1).lower() in _HEAR:
        return Ref("pronoun", gender="M" if tok.word(k).lower() == "him" else "F", pos=tok.items[k][0])
    for h in range(verb_at - 2, max(-1, verb_at - 6), -1):
        if tok.word(h).lower() in _HEAR:
            m = mention_at(tok.items[h + 1][0])
            if m is not None and m.kind == "name":
                ref, end, _ = subject_at(tok, h + 1, mention_at)
                if end == verb_at:
                    return ref
            break
    return None


def _introducer(tok: Tokens, i: int, mention_at) -> Cue | None:
    """'and Edmund, at a convenient moment, then added in a whisper,' - a speech verb near the end,
    its subject the nearest name or pronoun before it that stands where a subject stands."""
    n = len(tok)
    if n < 2:
        return None
    open_end = tok.word(n - 1) not in (",", ":", "\u2014", "-")  # "and the Queen said severely" + quote
    verb_at = None
    for k in range(n - 1 if open_end else n - 2, max(i - 1, n - 13), -1):
        w = tok.word(k).lower()
        if w in SPEECH_VERBS and w not in WEAK_SPEECH or w in _GERUNDS:
            verb_at = k
            break
        if open_end and not (w.isalpha() and w.islower()):
            return None  # "said in a small and quiet voice" + quote: words only, no stop
    if verb_at is None:
        return None
    after = tok.word(verb_at + 1).lower()
    if open_end and verb_at < n - 1 and not (after in ("in", "with", "to", "out", "aloud", "very", "quite", "once")
                                             or after.endswith("ly")):
        return None
    w = verb_at - 1
    while w > i and (tok.word(w).lower().endswith("ly") or tok.word(w).lower() in ("would", "could", "only", "then")):
        w -= 1  # "and would only say,": the verb's own subject is further back
    said = tok.word(verb_at).lower()
    heard = _heard_say(tok, verb_at, mention_at)
    if heard is not None:
        return Cue(heard, True, "before", None, said)
    m = None
    if said in _GERUNDS and w >= i:  # the name that covers the word before the gerund ("by Mrs. Grant's saying")
        for k in range(w, max(i, w - 4) - 1, -1):
            m = mention_at(tok.items[k][0])
            if m is not None:
                m = m if m.end >= tok.items[w - 1 if k < w and tok.word(w) == "s" else w][0] else None
                break
    lost = tok.word(w) == "s" and w > i and tok.items[w - 1][1] + 1 == tok.items[w][0]  # "by Thorpe s saying"
    if m is not None and (tok.word(w).lower().endswith(("'s", "\u2019s")) or lost):
        return Cue(Ref("name", m.character, pos=m.start), True, "before", None, said)  # "by Mrs. Grant's saying,"
    who = [k for k in range(w, max(i, verb_at - 24), -1) if tok.word(k - 1) == "," and (
        tok.word(k).lower() == "who" or tok.word(k).lower() == "whose" and tok.word(k + 1).lower() in VOICE_NOUNS
        or tok.word(k).lower() == "whose" and tok.word(k + 2).lower() in VOICE_NOUNS)]  # ", whose clear voice said"
    if who and not any(tok.word(k) in (";", ":") for k in range(who[0], verb_at)):
        # "Isabella, who in great spirits exclaimed,": the name before ", who"
        for k in range(who[0] - 2, max(i - 1, who[0] - 6), -1):
            m = mention_at(tok.items[k][0])
            if m is not None:
                return Cue(Ref("name", m.character, pos=tok.items[k][0]), True, "before", None, said)
    if w > i and tok.word(w).lower() in ("and", "then"):
        # "Callendar laughed ..., and said,": the verb has no subject of its own, the clause's first one speaks
        start = max([k + 1 for k in range(i, w) if tok.word(k) in (";", ":")], default=i)
        for k in range(w - 1, start - 1, -1):
            ref = _subject_here(tok, k, start, mention_at)
            if ref is not None and tok.word(_subject_with_end(tok, k, mention_at)[1]) not in ("were", "are", "have"):
                return Cue(ref, True, "before", None, said)  # not "where she and Eleanor were sitting"
    elif w > i and tok.word(w) == ",":
        # "Lydia, always unguarded, exclaimed": the subject stands before the aside set off by commas
        for c in [k for k in range(w, max(i, w - 24), -1) if tok.word(k) == ","][:3]:
            for k in range(c - 1, max(i - 1, c - 5), -1):
                ref, end = _subject_with_end(tok, k, mention_at)
                if ref is not None and end == c and _subject_here(tok, k, i, mention_at) is not None:
                    return Cue(ref, True, "before", None, said)
    for k in range(verb_at - 1, max(i - 1, verb_at - 16), -1):
        if k > i and tok.word(k - 1).lower() not in _SUBJECT_SLOT and tok.word(k).lower() not in ("he", "she"):
            continue  # "he" and "she" are subjects wherever they stand: "that he raised his cap and said"
        ref, _, possessor = subject_at(tok, k, mention_at)
        if ref is not None and not possessor and ref.kind in ("name", "pronoun", "first"):
            return Cue(ref, True, "before", None, tok.word(verb_at).lower())
    return None
