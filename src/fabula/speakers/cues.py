"""Attribution cues: the narration right next to a quote, read as ``verb subject`` or ``subject verb``.

A cue names its subject as a character (a name mention), a pronoun, a nominal (``his lady``)
or the first person; it is a *speech* cue when the verb is a speech verb, else an *action
beat* (``James nodded.``).  Subjects are parsed in ``subjects.py``; pronouns are resolved later,
in ``resolve.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fabula.characters.lexicon import known_given
from fabula.speakers.groups import group_at
from fabula.speakers.introducer import closing_subject, relative_subject, shared_subject
from fabula.speakers.lexicon import (
    ANSWER_NOUNS,
    NON_SUBJECTS,
    SPEECH_VERBS,
    VOICE_NOUNS,
    WEAK_SPEECH,
)
from fabula.speakers.subjects import (
    LEAD_SKIP,
    NOT_VERBS,
    OPENERS,
    SENTENCE_END,
    Ref,
    Tokens,
    addressee_after,
    demonstrative_at,
    described_at,
    described_name,
    is_verb_at,
    skip_fillers,
    subject_at,
)


@dataclass(frozen=True)
class Cue:
    ref: Ref
    speech: bool  # a speech verb (strong) or an action beat (weaker)
    side: str  # "after" or "before" the quote
    addressee: str | None = None  # "said X to Y"
    verb: str = ""
    weak: bool = False  # "his hands fell": the possessor of a body part, the least telling cue
    hearer: str | None = None  # "Mary heard her say": not the speaker, and the one spoken to unless "say to Y"


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


def _cleft(tok: Tokens, i: int, mention_at, side: str) -> Cue | None:
    """``It was Poirot who spoke``, ``it was Mary who answered``: the one the cleft names said it."""
    if tok.word(i).lower() != "it" or tok.word(i + 1) != "was" or i + 2 >= len(tok):
        return None
    m = mention_at(tok.items[i + 2][0])
    if m is None or m.kind != "name":
        return None
    k = i + 2
    while k < len(tok) and tok.items[k][0] < m.end:
        k += 1
    if k >= len(tok) or tok.word(k) != "who" or not is_verb_at(tok, k + 1)[0]:
        return None
    return Cue(Ref("name", m.character, pos=m.start), True, side, None, tok.word(k + 1).lower())


def read_cue(tok: Tokens, i: int, mention_at, side: str, after_quote: bool) -> Cue | None:
    """Parse a cue starting at token i: ``said X`` / ``X said`` / ``X nodded``."""
    while tok.word(i) in LEAD_SKIP:
        i += 1
    if i >= len(tok):
        return None
    cleft = _cleft(tok, i, mention_at, side)
    if cleft is not None:
        return cleft
    is_verb, j = is_verb_at(tok, i)
    w0 = tok.word(i)
    if not is_verb and after_quote and w0.islower() and w0.endswith("ly") and is_verb_at(tok, i + 1)[0]:
        is_verb, j = is_verb_at(tok, i + 1)  # '"Come back!" suddenly cried Sikes'
    if is_verb and (after_quote or tok.word(i)[:1].isupper()):
        j = skip_fillers(tok, j)
        ref, k, _ = subject_at(tok, j, mention_at, inverted=True)
        if ref is None and after_quote:
            ref, k = _name_after_word(tok, j, mention_at)
        if ref is None:
            ref, k = described_name(tok, j, mention_at)
        if ref is None:
            ref, k = group_at(tok, j)  # "cried the girls", "said they"
        if ref is None and tok.word(j) == "by":  # '"Margaret--" loudly whispered by Aunt Juley.'
            ref, k, _ = subject_at(tok, j + 1, mention_at)
            ref = ref if ref is not None and ref.kind == "name" else None
        if ref is None and after_quote and tok.word(j).lower() == "the":
            ref, k, _ = described_at(tok, j)  # "said the old horse": whoever the attributor can tell it is
        if ref is None and after_quote and tok.word(j).lower() in ("this", "that"):
            ref, k = demonstrative_at(tok, j)  # "said this worthy": the one just named
        if ref is not None and ref.kind in ("indef", "nominal"):
            ref = _called(tok, k, mention_at) or ref  # "said a young man who ... was called Sadness"
        if ref is not None and (ref.kind != "first" or tok.word(j) == "I"):  # "said I", not "said my friend"
            return Cue(ref, True, side, addressee_after(tok, k, mention_at), " ".join(x[2] for x in tok.items[i:j]).lower())
        return None
    w0 = tok.word(i)
    if after_quote and w0 == "according" and tok.word(i + 1) == "to":  # '"staring most rudely," according to Mrs. Munt'
        ref, k, _ = subject_at(tok, i + 2, mention_at)
        return Cue(ref, True, side, None, "according") if ref is not None and ref.kind == "name" else None
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
    if after_quote and w0.isalpha() and w0.islower() and w0 not in NON_SUBJECTS and w0 not in NOT_VERBS:
        # '"...," pursued Margaret': right after a quote, word + name is an inverted cue whatever the verb
        k = i + 1
        if tok.word(k) in ("out", "in", "up", "back", "on") or tok.word(k) == "from" and w0 in ("broke", "burst", "came"):
            k += 1  # '"Peste!" broke from the Marquis'
        ref, k2, _ = subject_at(tok, k, mention_at)
        if ref is None:
            ref, k2 = _name_after_word(tok, k, mention_at)
        if ref is not None and ref.kind in ("name", "nominal", "indef") and (
                ref.kind == "name" or w0.endswith("ed") or ref.noun == "voice"):
            return Cue(ref, True, side, addressee_after(tok, k2, mention_at), w0.lower())
    group, j = group_at(tok, i)
    if group is not None:  # "they cried", "the other girls whispered": a speech verb only
        speech, _ = is_verb_at(tok, skip_fillers(tok, j))
        return Cue(group, True, side, None, tok.word(skip_fillers(tok, j)).lower()) if speech else None
    if w0.lower() in NON_SUBJECTS:
        return None
    if after_quote and w0.islower() and (w0.endswith("ly") or w0 in ("presently", "then", "now", "and")) \
            and tok.word(i + 1).lower() in ("he", "she"):
        i += 1  # '"...," suddenly she remarked', '"...," and he strode off': a word before the subject
    ref, j, possessor = subject_at(tok, i, mention_at)
    if ref is None:
        return None
    if ref.kind == "name" and not possessor and tok.word(j)[:1].isupper() and (m := mention_at(tok.items[j][0])) \
            is not None and m.kind == "name":
        while j < len(tok) and tok.items[j][1] <= m.end:
            j += 1  # "Janey Archer announced", the full name unknown: Janey, not her brother "Archer"
    j = skip_fillers(tok, j)
    verb = tok.word(j)
    if not verb.isalpha() or not verb.islower():
        return None
    speech, after_verb = is_verb_at(tok, j)
    if after_quote and not possessor and _not_taken_in(tok, j):
        return None  # '"...in heaven." Philip did not know what she meant': the one spoken to (``hearer_after``)
    if not speech and verb.lower() in _HEAR:
        # '"Gad," Archer heard Lawrence Lefferts say': the one heard speaks
        heard, k, _ = subject_at(tok, j + 1, mention_at)
        if heard is not None and heard.kind == "name" and tok.word(k).lower() in _HEARD_SAY:
            return Cue(heard, True, side, None, tok.word(k).lower())
        heard = _pronoun_heard(tok, j + 1)
        if heard is not None and tok.word(j + 2).lower() in _HEARD_SAY:  # '"...?" Mary heard her say'
            hearer = ref.char if ref.kind == "name" else None  # who hears is not who speaks
            return Cue(heard, True, side, addressee_after(tok, j + 3, mention_at) or hearer, tok.word(j + 2).lower(),
                       hearer=hearer)
    if speech and verb.lower() in WEAK_SPEECH and not after_quote and not (
            tok.word(after_verb) == ":" and after_verb == len(tok) - 1):
        speech = False  # "she smiled." is a beat, but "Mrs. Welland sighed:" introduces the quote
    if possessor and not speech:
        speech = False
    if not speech and _copula(tok, j):
        return None  # "'Dinah'll miss me!' (Dinah was the cat.)": who someone is, not what the speaker does
    return Cue(ref, speech and not possessor, side, addressee_after(tok, after_verb, mention_at), verb.lower(), possessor)


# after "did not" / "made no": the subject did not take in or answer the words, so was spoken to
_UNTAKEN = frozenset({"know", "understand", "comprehend", "answer", "reply", "respond", "hear", "realize", "realise",
                      "grasp", "heed"})
_NO_ANSWER = frozenset({"answer", "reply", "response", "rejoinder"})


def _not_taken_in(tok: Tokens, j: int) -> bool:
    """"did not know what she meant", "did not answer", "made no reply" at token j (the verb's place)."""
    w, nxt = tok.word(j).lower(), tok.word(j + 1).lower()
    if w in ("not", "never") and tok.word(j - 1).lower() in ("did", "could", "does"):
        return nxt in _UNTAKEN
    return w in ("made", "makes", "gave") and nxt == "no" and tok.word(j + 2).lower() in _NO_ANSWER


def hearer_after(text: str, start: int, end: int, mention_at) -> str | None:
    """'"...in heaven." Philip did not know what she meant' / '"..." Basil made no answer': the character
    named as the subject of the sentence after a quote who did not take the words in was spoken to."""
    m = SENTENCE_END.search(text, start, end)
    tok = Tokens(text, start, m.end() if m else end)
    i = 0
    while tok.word(i) in LEAD_SKIP or tok.word(i) in ("But", "And"):
        i += 1
    ref, j, possessor = subject_at(tok, i, mention_at)
    if ref is None or ref.kind != "name" or possessor:
        return None
    return ref.char if _not_taken_in(tok, skip_fillers(tok, j)) else None


_HEARD_VOICE = frozenset({"heard", "hear", "hears", "hearing", "recognised", "recognized", "knew"})


# present tense only: the narrator telling whose message it is as it comes; "It was Paul." in a past-tense
# novel is who came in at the door (Howards End), not who spoke
_IT_IS = re.compile(r"(?:Of course,? )?[Ii]t(?:['\u2019]s| is) ")
_ALONE = re.compile(r"(?:, of course)?[.!]")


def voice_after(text: str, start: int, end: int, mention_at) -> Cue | None:
    """'"I beg your pardon." ¶ A man's voice beside her made her start.' / '"And I, too, uncle." ¶ There was a
    shade of jealousy in the voice of Curtis Waring as he entered': the narration paragraph right after an
    uncued quote names the voice that said it in its first sentence (not "Then I heard Brett's voice.", not
    "Mary's voice came, cool and liquid:", which bring on the next quote)."""
    m = SENTENCE_END.search(text, start, end)
    stop = m.end() if m else end
    sentence = text[start:stop].rstrip()
    if not sentence or sentence.endswith((":", ",", "-", "\u2014")):
        return None
    tok = Tokens(text, start, stop)
    if any(tok.word(k).lower() in _HEARD_VOICE for k in range(len(tok))):
        return None
    named = _voice_of(tok, 0, min(len(tok), 14), mention_at, "before")
    if named is not None:
        return named
    k = 0
    while tok.word(k) in LEAD_SKIP or tok.word(k) in ("Then", "But", "And"):
        k += 1
    if (it := _IT_IS.match(text, tok.items[k][0] if k < len(tok) else stop, stop)) is not None:
        m = mention_at(it.end())  # '"u up" ¶ It's Maya.': who the words come from, named alone
        if m is not None and m.kind == "name" and _ALONE.match(text, m.end, stop):
            return Cue(Ref("name", m.character, pos=m.start), True, "after", None, "voice")
    if tok.word(k).lower() in ("a", "an"):
        ref, j, _ = subject_at(tok, k, mention_at)
        if ref is not None and ref.kind == "indef" and tok.word(j - 1).lower() in VOICE_NOUNS:
            return Cue(ref, True, "after", None, "voice")  # "A man's voice beside her"
    return None


def _copula(tok: Tokens, j: int) -> bool:
    """ "was the cat", "is a friend" at token j (the fillers may have skipped "was")."""
    verb = tok.word(j).lower()
    if verb in ("the", "a", "an"):
        return tok.word(j - 1).lower() in ("was", "is")
    return verb in ("was", "is") and tok.word(j + 1).lower() in ("the", "a", "an")


def _name_after_word(tok: Tokens, k: int, mention_at) -> tuple[Ref | None, int]:
    """'"...," thought Ragged Dick', 'said Old Cotter': a capitalised word the name does not include, then the name
    (not a given name: "said Tom Bennet" is no cue for another Bennet)."""
    if not (tok.word(k)[:1].isupper() and tok.word(k).isalpha()) or k + 1 >= len(tok) or known_given(tok.word(k)):
        return None, k
    m = mention_at(tok.items[k + 1][0])
    if m is None or m.kind != "name":
        return None, k
    j = k + 1
    while j < len(tok) and tok.items[j][1] <= m.end:
        j += 1
    return Ref("name", m.character, pos=m.start), j


def _called(tok: Tokens, k: int, mention_at) -> Ref | None:
    """``a young man who, on account of his gloom, was called Sadness``: the name a description is given
    in its own clause."""
    for x in range(k, min(k + 16, len(tok) - 1)):
        w = tok.word(x)
        if w in (";", ".", "!", "?", ":") or w.lower() in ("said", "says", "and"):
            return None
        if w.lower() in ("called", "named"):
            m = mention_at(tok.items[x + 1][0])
            return Ref("name", m.character, pos=m.start) if m is not None and m.kind == "name" else None
    return None


def cue_after(text: str, start: int, end: int, mention_at) -> Cue | None:
    """The narration that follows a quote, up to the end of its first sentence."""
    m = SENTENCE_END.search(text, start, end)
    stop = m.end() if m else end
    tok = Tokens(text, start, stop)
    cue = read_cue(tok, 0, mention_at, "after", True)
    if cue is None or cue.ref.described:  # '"Madame, Madame," sounded the honeyed accents of De Griers'
        cue = _voice_of(tok, 0, min(len(tok), 8), mention_at, "after") or cue
    return cue


def cue_before(text: str, start: int, end: int, sent_start: int, mention_at, follows_quote: bool) -> Cue | None:
    """The last sentence of the narration before a quote (or all of it, between two quotes)."""
    begin = max(start, sent_start)
    if not text[begin:end].strip():
        begin = _introduced_from_before(text, start, sent_start, mention_at)
        if begin is None:
            return None
    tok = Tokens(text, begin, end)
    i = 0
    # skip a short opener: "Finally, James ..." / "Then she said:"
    for k in range(min(4, len(tok))):
        if tok.word(k) == ",":
            if all(tok.word(x).lower() in OPENERS or tok.word(x).endswith("ly") and mention_at(tok.items[x][0]) is None
                   for x in range(0, k)):  # "Finally, James": not "Dolly, who had recovered,"
                i = k + 1
            break
    if tok.word(i).lower() in OPENERS:
        i += 1
    between = follows_quote and not text[start:begin].strip()  # the sentence may start after a space
    cue = read_cue(tok, i, mention_at, "before", between)
    if (rel := relative_subject(tok, i, mention_at, Cue)) is not None:
        return rel  # "Charles looked at his father for permission, who said abstractedly,"
    if begin < start and not _INTRO_END.search(text[begin:start].rstrip()):
        # "Sir William thus began.": only its own subject, named, and only a speech verb
        if cue is None or not cue.speech:
            # "..., and Mrs. Hurst began again.": the last clause's subject
            for k in range(len(tok) - 3, max(i, len(tok) - 10), -1):
                if tok.word(k - 1) in (",", "and", ";"):
                    late = read_cue(tok, k, mention_at, "before", False)
                    if late is not None and late.speech and late.ref.kind == "name":
                        return late
            # "After a moment's pause, Sir Thomas, trying to suppress a smile, went on.": the sentence without its stop
            stop = len(tok) - 1 if tok.word(len(tok) - 1) == "." else len(tok)
            whole = _introducer(Tokens(text, begin, tok.items[stop - 1][1]), i, mention_at, True) if stop > i + 1 else None
            if whole is not None and whole.ref.kind == "name":
                return whole
        return cue if cue is not None and cue.speech and cue.ref.kind == "name" else None
    if cue is not None and cue.speech and (late := closing_subject(tok, i, mention_at, read_cue)) is not None \
            and late.ref != cue.ref:
        return late  # "She told her sister ...; and when she had finished, her sister kissed her, and said,"
    if cue is not None and cue.speech and between and (late := _named_tag_last(tok, i, mention_at)) is not None \
            and late.ref.char != cue.ref.char:
        return late  # '"Yes," Cas said, at the exact same moment Dean said, "No."'
    if cue is not None and cue.speech and (between or tok.word(len(tok) - 1) in (",", ":")):
        # '"...," said X; and Y replied, "..."': the later clause introduces this quote
        for k in range(len(tok) - 2, max(i + 3, len(tok) - 24), -1):
            if tok.word(k - 1) in (";", ".", "and", "but", "while", "when", "as"):
                late = read_cue(tok, k, mention_at, "before", False)
                if late is None or not late.speech:
                    late = _introducer(tok, k, mention_at)  # "while Margaret, thoughtful again, said:"
                if late is not None and late.speech and late.ref != cue.ref:
                    return late
    if (shared := shared_subject(cue, tok, i, mention_at)) is not None:
        return shared  # "The old servant hesitated, then added diffidently:": the clause's subject speaks
    if cue is None or not cue.speech:
        # the introducing clause may come last: "..., and May answered serenely:"
        for k in range(len(tok) - 2, max(i, len(tok) - 16), -1):
            if tok.word(k - 1).lower() not in _SUBJECT_SLOT and tok.word(subject_at(tok, k, mention_at)[1]) == ",":
                continue  # "drawing near Elizabeth, said": an object, not the subject
            if any(tok.word(x).lower() == "who" and tok.word(x - 1) == "," for x in range(i, k)):
                break  # "Miss Crawford, who had been eyeing Edmund, now observed": the name before ", who"
            late = read_cue(tok, k, mention_at, "before", False)
            if late is not None and not late.speech and tok.word(k - 1).lower() in _MAIN_SLOT:
                late = shared_subject(late, tok, k, mention_at) or late  # "but her mother only shook her head and said,"
            if late is not None and late.speech:
                return late
        intro = _introducer(tok, i, mention_at)
        if intro is not None:
            return intro
        voiced = _voice_of(tok, max(i, len(tok) - 14), len(tok), mention_at, "before")
        if voiced is not None:
            return voiced
    return cue


def _named_tag_last(tok: Tokens, i: int, mention_at) -> Cue | None:
    """A name and a speech verb that end the narration right before a quote (``... Dean said,``)."""
    n = len(tok)
    if n - 3 <= i or tok.word(n - 1) not in (",", ":") or tok.word(n - 2).lower() not in SPEECH_VERBS:
        return None
    m = mention_at(tok.items[n - 3][0])
    if m is None or m.kind != "name":
        return None
    k = n - 3
    while k > i and tok.items[k - 1][0] >= m.start:
        k -= 1
    late = read_cue(tok, k, mention_at, "before", False)
    return late if late is not None and late.speech and late.ref.kind == "name" else None


# what a named owner's words are called: "May's eager voice", "the voice of Mr. Heelas", "Mr. Rushworth's question"
_VOICED = VOICE_NOUNS - {"lips", "mouth", "throat"} | ANSWER_NOUNS - {"thought", "conclusion"} | {"accents", "tones", "word"}


def _voice_of(tok: Tokens, lo: int, hi: int, mention_at, side: str) -> Cue | None:
    """``X's voice`` / ``the voice of X`` / ``X's repeated question of,`` in [lo, hi): X speaks (the last such)."""
    found = None
    for k in range(lo, hi):
        w = tok.word(k).lower()
        if w in _VOICED and tok.word(k + 1) == "of":
            j = k + 2 + (tok.word(k + 2).lower() == "the")
            m = mention_at(tok.items[j][0]) if j < len(tok) else None
            if m is not None and m.kind == "name":
                found = Ref("name", m.character, pos=m.start)
        m = mention_at(tok.items[k][0])
        if m is None or m.kind != "name" or side == "after" and k > 4:
            continue
        j = k
        while j < len(tok) and tok.items[j][1] <= m.end:
            j += 1
        if tok.items[j][0] < m.end and tok.word(j).lower().endswith(("'s", "\u2019s")) if j < len(tok) else False:
            j += 1  # "Archer's": one token with the mention's end
        elif tok.word(j) in ("'", "\u2019") and tok.word(j + 1) == "s":
            j += 2
        elif tok.word(j).lower() in ("'s", "\u2019s") or tok.word(j) == "s" and tok.items[j][0] == m.end + 1:
            j += 1
        elif not tok.word(j - 1).lower().endswith(("'s", "\u2019s")):
            continue
        for x in range(j, min(j + 3, len(tok))):  # up to two describing words: "May's eager voice"
            if tok.word(x).lower() in _VOICED:
                found = Ref("name", m.character, pos=m.start)
                break
            if not (tok.word(x).isalpha() and tok.word(x).islower()):
                break
    return Cue(found, True, side, None, "voice") if found is not None else None


def _adverb(word: str) -> bool:
    """An -ly adverb, not a name that ends so ("And Dolly, who had recovered, cried,")."""
    return word.islower() and word.endswith("ly")


_INTRO_END = re.compile(r"(?:[:,\u2014]|--|-|[a-z])\s*$")  # "...said decidedly:" / "...and said" (unfinished)


def _introduced_from_before(text: str, start: int, sent_start: int, mention_at=None) -> int | None:
    """A quote opening its own paragraph after narration that ends ``... Marilla said decidedly:``:
    the previous paragraph's last sentence introduces it (no quote in between)."""
    if sent_start >= start:
        return None
    before = text[sent_start:start]
    last = max(before.rfind(c) for c in "\"\u201c\u201d")
    after_quote = last >= 0 and before.count("\n\n") == 1  # the sentence runs on from a quote of the paragraph
    if after_quote and _SAID_END.search(before.rstrip()) and "\n\n" not in before[last:].rstrip():
        # '"...," thought I; ... but Eliza put her head in at the door, and said at once--': the tail introduces
        sent_start += last + 1
    elif after_quote and _BEGAN_END.search(before.rstrip()):
        # '"...exercise."--A short pause followed, and Mrs. Hurst began again.': the narration after the quote,
        # unless it is that quote's own cue ('"...," Turton went on.')
        after = cue_after(text, sent_start + last + 1, start, mention_at) if mention_at else None
        if after is not None and after.speech:
            return None
        sent_start += last + 1
    before = text[sent_start:start]
    tail = before.rstrip()
    prev = text[max(0, sent_start - 3) : sent_start].rstrip()
    if mention_at and prev[-1:] in ("\"", "\u201d") and tail[-1:].isalpha() \
            and (c := cue_after(text, sent_start, start, mention_at)) is not None and c.speech:
        return None  # '"...." He says, something like pain in his voice' + new paragraph: that quote's own cue
    if not (_INTRO_END.search(tail) or _BEGAN_END.search(tail)) or before.count("\n\n") > 1 \
            or re.search(r"[\"\u201c\u201d]", before):
        return None
    return sent_start


# "... and said at once--": a speech verb closing the paragraph, the next one is what was said
_SAID_END = re.compile(r"\b(?:said|says|cried|asked|answered|replied|exclaimed|whispered|added|called)\b[\w\s]{0,20}"
                       r"(?:[:,\u2014]|--|-)\s*$")
# "Mrs. Norris began scolding." / "Sir William thus began.": a sentence that ends in starting to speak
_BEGAN_END = re.compile(r"\b(?:began|begins|went\s+on|continued|resumed)(?:\s+(?:again|[a-z]+ing))?\s*\.$")


_GERUNDS = frozenset("""saying adding replying answering crying calling exclaiming whispering observing continuing
asking returning beginning muttering murmuring declaring remarking shouting screaming protesting repeating inquiring
enquiring explaining interrupting""".split())
# where a clause's subject stands; "for"/"before"/"till" as conjunctions: "for the White Rabbit cried out,"
_SUBJECT_SLOT = frozenset({",", "and", "but", "then", "when", "while", ";", "so", "yet", "for", "before", "till", "until"})


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
    if k > start and before not in _MAIN_SLOT and before not in _ADVERBS and not _adverb(tok.word(k - 1)):
        return None
    return _subject_with_end(tok, k, mention_at)[0]


_HEAR = frozenset({"heard", "hear", "hears", "hearing"})
# words heard said, not a gasp or a sigh: "heard Lefferts say"
_HEARD_SAY = frozenset("say says saying ask asking remark remarking observe observing exclaim exclaiming reply replying "
                       "answer answering whisper whispering mutter muttering murmur murmuring add adding call calling cry "
                       "crying tell telling".split())


def _pronoun_heard(tok: Tokens, k: int) -> Ref | None:
    """"heard him", "heard her" with the pronoun at k: the one heard, a he or a she."""
    w = tok.word(k).lower()
    if w in ("him", "her") and tok.word(k - 1).lower() in _HEAR:
        return Ref("pronoun", gender="M" if w == "him" else "F", pos=tok.items[k][0])
    return None


def _heard_say(tok: Tokens, verb_at: int, mention_at) -> Ref | None:
    """'she heard him say,': the one heard speaks, not the hearer."""
    heard = _pronoun_heard(tok, verb_at - 1)
    if heard is not None:
        return heard
    for h in range(verb_at - 2, max(-1, verb_at - 6), -1):
        if tok.word(h).lower() in _HEAR:
            m = mention_at(tok.items[h + 1][0])
            if m is not None and m.kind == "name":
                ref, end, _ = subject_at(tok, h + 1, mention_at)
                if end == verb_at:
                    return ref
            break
    return None


def _after_opener(tok: Tokens, k: int, start: int) -> bool:
    """A name after an opening phrase or a conjunction ("At the same moment Mr. Crawford, approaching Julia,
    said,", "till Lady Narborough, looking at the clock, exclaimed:"), not the object of a verb or of a
    preposition ("turning to Darcy, said")."""
    before = tok.word(k - 1).lower()
    return k > start and before.isalpha() and before not in _NOT_OPENERS and not before.endswith(("ing", "ed"))


# words a name after them is the object of, not the subject
_NOT_OPENERS = frozenset("""to at with by for from on upon of towards toward into about after than like behind beside
near past over under through against among between her him his their them me us my our your its the a an
""".split())


def _introducer(tok: Tokens, i: int, mention_at, strict: bool = False) -> Cue | None:
    """'and Edmund, at a convenient moment, then added in a whisper,' - a speech verb near the end,
    its subject the nearest name or pronoun before it that stands where a subject stands."""
    n = len(tok)
    if n < 2:
        return None
    open_end = tok.word(n - 1) not in (",", ":", "\u2014", "-")  # "and the Queen said severely" + quote
    verb_at, two = None, False
    for k in range(n - 1 if open_end else n - 2, max(i - 1, n - 13), -1):
        w = tok.word(k).lower()
        if w in SPEECH_VERBS and w not in WEAK_SPEECH or w in _GERUNDS:
            verb_at = k
            break
        if f"{tok.word(k - 1).lower()} {w}" in SPEECH_VERBS:  # "Sir Thomas, ..., went on"
            verb_at, two = k - 1, True
            break
        if open_end and not (w.isalpha() and w.islower()):
            return None  # "said in a small and quiet voice" + quote: words only, no stop
    if verb_at is None:
        return None
    after = tok.word(verb_at + 1 + two).lower()
    if after == "by" and tok.word(verb_at).endswith("ed"):  # "when thus accosted by Miss Bingley,"
        ref, end, _ = subject_at(tok, verb_at + 2 + two, mention_at)
        if ref is not None and ref.kind == "name" and end >= n - 1:
            return Cue(ref, True, "before", None, tok.word(verb_at).lower())
    if open_end and verb_at + two < n - 1 and not (after in ("in", "with", "to", "out", "aloud", "very", "quite", "once", "from")
                                             or after.endswith("ly")):
        return None
    w = verb_at - 1
    progressive = tok.word(verb_at).lower() in _GERUNDS
    while w > i and (_adverb(tok.word(w)) or tok.word(w).lower() in ("would", "could", "only", "then")
                     or progressive and tok.word(w).lower() in ("was", "is")):
        w -= 1  # "and would only say,", "..., was presently saying": the verb's own subject is further back
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
    for k in range(w, max(i - 1, w - 4), -1):  # "as soon as they were gone Mr. Collins began", "..., she rapped out:"
        ref, end = _subject_with_end(tok, k, mention_at)
        if ref is not None and end == w + 1 and (ref.kind == "name" or k == w):
            return Cue(ref, True, "before", None, said)
    who = [k for k in range(w, max(i, verb_at - 24), -1) if tok.word(k - 1) == "," and (
        tok.word(k).lower() == "who" or tok.word(k).lower() == "whose" and tok.word(k + 1).lower() in VOICE_NOUNS
        or tok.word(k).lower() == "whose" and tok.word(k + 2).lower() in VOICE_NOUNS)]  # ", whose clear voice said"
    if who and not any(tok.word(k) in (";", ":") for k in range(who[0], verb_at)):
        # "Isabella, who in great spirits exclaimed,": the name before ", who"
        for k in range(who[0] - 2, max(i - 1, who[0] - 8), -1):  # "Mrs. van der Luyden, who"
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
            for k in range(c - 1, max(i - 1, c - 7), -1):
                ref, end = _subject_with_end(tok, k, mention_at)
                if ref is not None and end == c and (_subject_here(tok, k, i, mention_at) is not None
                                                     or _after_opener(tok, k, i) and ref.kind == "name"):
                    return Cue(ref, True, "before", None, said)
    if strict:  # only the verb's own subject, not the clause's: "Marianne had left before the conversation began."
        return None
    for k in range(verb_at - 1, max(i - 1, verb_at - 16), -1):
        if k > i and tok.word(k - 1).lower() not in _SUBJECT_SLOT and tok.word(k).lower() not in ("he", "she"):
            continue  # "he" and "she" are subjects wherever they stand: "that he raised his cap and said"
        ref, _, possessor = subject_at(tok, k, mention_at)
        if ref is not None and not possessor and ref.kind in ("name", "pronoun", "first"):
            return Cue(ref, True, "before", None, tok.word(verb_at).lower())
    return None
