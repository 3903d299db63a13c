"""Candidate names: NER persons plus what NER misses in fiction.

Every candidate is a *form* (a tuple of capitalised tokens, honorific first when there is one)
with the evidence that it names a person: a PERSON entity, an honorific, a place as the subject
of a speech verb, a vocative inside a quote.  Junk (sentence-initial words, days, places that
never speak) is filtered by how the word is used across the whole text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from fabula.characters.lexicon import known_given
from fabula.lexicon import (
    CALLINGS,
    CUE_VERBS,
    HONORIFICS,
    NAME_PARTICLES,
    NOT_NAMES,
    SURNAME_WORDS,
    VOCATIVE_LEADS,
    alternation,
)
from fabula.speakers.lexicon import SPEECH_VERBS as _CUE_SPEECH

# "McBryde", "MacPherson", "DeVere": one capital inside the name too
NAME = r"[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]+(?:[A-Z][a-z\u00df-\u00ff]+)?(?:[-'\u2019][A-Z\u00c0-\u00de]?[a-z\u00df-\u00ff]+)*"
PARTICLE = alternation([*NAME_PARTICLES, r"[Ss]t\."])
_HON_ALT = "|".join(sorted((re.escape(h.capitalize()) for h in HONORIFICS if len(h) > 1), key=len, reverse=True))
_WS = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # a hard-wrapped line may split a name: "Master John\nRolfe"
HON_RE = re.compile(
    rf"\b(?P<hon>{_HON_ALT})\.?{_WS}(?P<name>(?:{PARTICLE}{_WS}){{0,2}}{NAME}(?:{_WS}(?:{PARTICLE}{_WS}){{0,2}}{NAME}){{0,2}})"
)
SPEECH_VERBS_RE = alternation(CUE_VERBS)
AFTER_QUOTE_NAME_RE = re.compile(rf"^[ \t]*,?[ \t]*{SPEECH_VERBS_RE}[ \t]+(?P<name>{NAME}(?:[ \t]+{NAME})?)\b")
# '"...," Dallas good-naturedly agreed', '"...?" Dallas pursued': any verb of speech the cues read
_ALL_SPEECH_RE = alternation(CUE_VERBS | _CUE_SPEECH)
NAME_VERB_RE = re.compile(rf"^[ \t]*(?P<name>{NAME}(?:[ \t]+{NAME})?)[ \t]+(?:[\w-]+ly[ \t]+)?{_ALL_SPEECH_RE}\b")
_LEADS = alternation(w.capitalize() for w in VOCATIVE_LEADS)
VOC_START_RE = re.compile(rf"^[\"“'‘]\s*(?:{_LEADS},?\s+)?(?P<name>{NAME}(?:\s+{NAME})?)\s*,(?!\s*[\"”’'])")
VOC_END_RE = re.compile(rf",\s+(?:(?:my\s+)?(?:dear|dearest|darling)\s+)?(?P<name>{NAME}(?:\s+{NAME})?)\s*[.!?,;—-]*\s*[\"”'’]?$")
_ADDRESS_WORDS = alternation(sorted(HONORIFICS) + ["ma'am"])
ADDRESS_NEXT_RE = re.compile(rf"\s*(?:{NAME}\b|(?i:{_ADDRESS_WORDS})\b)")
VOC_MID_RE = re.compile(rf",\s+(?P<name>{NAME})\s*[,!?]")
WORD_RE = re.compile(r"[A-Za-z\u00c0-\u00ff]+(?:['\u2019][A-Za-z]+)?")
PLACE_PREP_RE = re.compile(rf"\b(?:to|at|in|from|into|near|towards|toward|through|round|across|beyond|leave|left|reached|visit|visited)[ \t\n]+(?:the[ \t]+)?({NAME})")
SUBJECT_RE = re.compile(rf"(?:^|(?<=[.!?;\"”]\s)|(?<=\n))({NAME})\s+(?:[a-z]+ly\s+)?(?!(?:is|was|and|or|of|in|on|at|to|the|a|an|with|for|as|by|from|that|this|if|so|he|she|it|they|we|i|you|his|her|its|their|our|my|your|there|him|them|me|us)\b)[a-z]{{2,}}\b", re.MULTILINE)
ARTICLE_RUN_RE = re.compile(rf"\b[Tt]he[ \t\n]+((?:{NAME}[ \t\n]+){{0,2}}{NAME})")
# "Yo-ho-ho", "Ha-ha": short syllables joined by hyphens are a sound, not a name
INTERJECTION_RE = re.compile(r"[A-Z][a-z]{0,2}(?:-[a-z]{1,3})+")
# "Mom says", "Dad shrugs": what a present-day narrator calls a parent, capitalised as a name
PARENT_NAMES = frozenset("mom mum dad mommy momma mummy daddy".split())
CONTRACTION_RE = re.compile(r"(?:'(?:d|ll|re|ve|m)|n't)$")
_SAINT_NEXT_RE = re.compile(rf"[ \t]+{NAME}")
# words that open a sentence rather than end a saint's name (a closed class: "Just", "John" are names after "St.")
_SENTENCE_OPENERS = frozenset("the a an and but or so then he she it they we i you his her its their this that there "
                              "these those in on at of to for with when while if as after before".split())
MIDCAP_RE = re.compile(rf"(?<=[a-z,;][ \t])(?:{NAME})|(?<=[a-z,;]\n)(?:{NAME})")


@dataclass
class Evidence:
    person: int = 0  # PERSON entities
    other: int = 0  # other entity labels (GPE, ORG...)
    honorific: int = 0
    speaker: int = 0
    vocative: int = 0
    subject: int = 0  # "Ares scoffs", "Kaelan nodded": a capitalised word before a verb
    starts: list[int] = field(default_factory=list)


def tokens_of(surface: str) -> tuple[str, ...]:
    return tuple(t.rstrip(".") for t in surface.replace("\u2019", "'").split())


def strip_possessive(surface: str) -> str:
    for suffix in ("'s", "\u2019s", "'", "\u2019"):
        if surface.endswith(suffix):
            return surface[: -len(suffix)]
    return surface


def is_honorific(tok: str) -> bool:
    return tok.lower().rstrip(".") in HONORIFICS


def clean_form(surface: str) -> tuple[str, ...] | None:
    """A candidate surface string -> a name form, or None when it cannot be a person's name."""
    surface = strip_possessive(surface.strip(" \t\n,.;:!?\"'“”‘’()[]—-_*"))
    toks = tokens_of(surface)
    while len(toks) > 1 and toks[0].lower() in ("the", "a", "an", "poor", "old", "young", "little", "dear", "my", "our", "good"):
        toks = toks[1:]
    if not toks or len(toks) > 4:
        return None
    if any(not t[:1].isupper() and t.lower() not in NAME_PARTICLES for t in toks):
        return None
    if any(not re.fullmatch(r"[A-Za-z\u00c0-\u00ff'\-]+", t) for t in toks):
        return None
    if any(CONTRACTION_RE.search(t) for t in toks):
        return None  # "You'd", "It'll", "Don't": a contraction, not a name
    if len(toks) > 1 and toks[-1] == "St":
        toks = toks[:-1]  # "said Armand St.": a name cut off after the abbreviation, before its next word
    if len(toks) > 1 and toks[0].lower() in NAME_PARTICLES:
        toks = (toks[0].lower(), *toks[1:])  # "De Griers" opening a sentence is "de Griers"
    if is_honorific(toks[0]):
        if len(toks) == 1:
            return None
        rest = toks[1:]
        if all((t.lower() in NOT_NAMES and t.lower() not in SURNAME_WORDS) or t.lower() in HONORIFICS for t in rest):
            return None
        return (canonical_honorific(toks[0]),) + rest
    if len(toks) == 1 and toks[0].lower() in PARENT_NAMES:
        return toks  # kept only when seen speaking or acting (``keep``)
    if len(toks) == 1 and toks[0].lower() in SURNAME_WORDS:
        return toks  # "said Hall", "said May": kept only when seen speaking (``keep``)
    if all(t.lower() in NOT_NAMES for t in toks) or toks[0].lower() in NOT_NAMES:
        return None
    if len(toks) == 1 and toks[0].lower() in CALLINGS:
        return None  # "Hey, Sheriff": a calling, not a name ("Sheriff Brody" is one)
    if len(toks) > 2 and toks[-2] == "St" and toks[-1].lower() not in _SENTENCE_OPENERS:
        return toks  # "Armand St. Just": the word after "St." is a name whatever it means elsewhere
    if len(toks) > 1 and toks[-1].lower() in NOT_NAMES:
        return None
    return toks


def canonical_honorific(tok: str) -> str:
    low = tok.lower().rstrip(".")
    short = {"mr": "Mr.", "mrs": "Mrs.", "ms": "Ms.", "dr": "Dr.", "st": "St.", "col": "Col.", "capt": "Capt.",
             "lt": "Lt.", "m": "M.", "sgt": "Sgt.", "rev": "Rev.", "mme": "Mme.", "mlle": "Mlle.", "prof": "Prof."}
    return short.get(low, low.capitalize())


class Candidates:
    """All candidate forms of one text with their evidence."""

    def __init__(self) -> None:
        self.forms: dict[tuple[str, ...], Evidence] = {}

    def add(self, surface: str, start: int, kind: str) -> None:
        form = clean_form(surface)
        if form is None:
            return
        ev = self.forms.setdefault(form, Evidence())
        setattr(ev, kind, getattr(ev, kind) + 1)
        ev.starts.append(start)


def unwrapped(text: str, surface: str) -> str:
    """A title and name run over a line end ("Master John\nRolfe") unless the next line opens with a
    word that is no name ("Mr. Bennet\nHe said"): then the name stops at the line end."""
    head, nl, rest = surface.partition("\n")
    if not nl:
        return surface
    if any(t.lower() in NOT_NAMES for t in rest.split()):
        return head.rstrip()
    return " ".join(surface.split())


def _saint_end(text: str, end: int) -> int:
    """NER stops a name at "St." ("Armand St." of "Armand St. Just"): the name goes on to the next word,
    unless that word opens a sentence ("Baker St. The ...")."""
    if text.endswith("St.", 0, end):
        m = _SAINT_NEXT_RE.match(text, end)
        if m and m.group().strip().lower() not in _SENTENCE_OPENERS:
            return m.end()
    return end


def collect(text: str, entities, quotes) -> Candidates:
    cands = Candidates()
    for e in entities:
        end = _saint_end(text, e.end)
        cands.add(text[e.start : end], e.start, "person" if e.label == "PERSON" else "other")
    for m in HON_RE.finditer(text):
        cands.add(unwrapped(text, m.group(0)), m.start(), "honorific")
    for m in SUBJECT_RE.finditer(text):
        before = text[max(0, m.start(1) - 12) : m.start(1)].split()
        if before and before[-1].endswith(".") and (is_honorific(before[-1]) or before[-1][:1].isupper() and len(before[-1]) <= 4):
            continue  # "the Duke of St. Austrey": no sentence starts after a title or an abbreviation
        cands.add(m.group(1), m.start(1), "subject")
    for i, q in enumerate(quotes):
        nxt = quotes[i + 1].start if i + 1 < len(quotes) else len(text)
        tail = text[q.end : min(nxt, q.end + 80)]
        m = AFTER_QUOTE_NAME_RE.match(tail) or NAME_VERB_RE.match(tail)
        if m:
            cands.add(m.group("name"), q.end + m.start("name"), "speaker")
        body = text[q.start : q.end]
        for rx in (VOC_START_RE, VOC_END_RE):
            m = rx.search(body)
            if m and rx is VOC_START_RE and ADDRESS_NEXT_RE.match(body, m.end()):
                continue  # "Awfully, Mrs. Lennox", "Hulloa, Emma!", "Merci, madame": a word before the one called
            if m:
                cands.add(m.group("name"), q.start + m.start("name"), "vocative")
    return cands


def usage_counts(text: str) -> tuple[Counter, Counter, Counter]:
    """(all word counts, capitalised words standing mid-sentence, capitalised words after a place preposition)."""
    words = Counter(WORD_RE.findall(text))
    midcap = Counter(MIDCAP_RE.findall(text))
    places = Counter(PLACE_PREP_RE.findall(text))
    return words, midcap, places


def article_uses(text: str) -> Counter:
    """Capitalised words in a run after "the": "the Admiral Benbow" names an inn, not an admiral."""
    out: Counter = Counter()
    for m in ARTICLE_RUN_RE.finditer(text):
        out.update(m.group(1).split())
    return out


def rescue_full_names(cands: "Candidates", kept: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """``Harvey Stone``, ``Adela Quested``: a full name NER saw once, whose given name or surname is
    already a kept name, is kept too even when one part is a common word (so "Harvey" can join it)."""
    have = set(kept)
    singles = {f[0] for f in kept if len(f) == 1}
    surnames = {f[1] for f in kept if len(f) == 2 and is_honorific(f[0])}
    out = []
    for f, ev in sorted(cands.forms.items()):
        if f in have or not 2 <= len(f) <= 3 or is_honorific(f[0]) or ev.person < 1:
            continue
        if any(len(t) < 2 or t.lower() in NOT_NAMES for t in f) or ev.other > ev.person:
            continue
        # seen twice as a person, or once when the surname also carries a title ("Miss Quested")
        if f[0] in singles and (ev.person >= 2 or f[-1] in surnames):
            out.append(f)
    return out


def rescue_given_names(cands: "Candidates", kept: list[tuple[str, ...]], words: Counter) -> list[tuple[str, ...]]:
    """``Beatrice``: a word never written in lower case that opens a full name NER saw twice as a
    person ("Beatrice O'Hara") is a given name, whatever NER calls it when it stands alone."""
    have = set(kept)
    firsts = {f[0] for f, ev in cands.forms.items() if 2 <= len(f) <= 3 and not is_honorific(f[0]) and ev.person >= 2}
    return [f for f in sorted(cands.forms) if len(f) == 1 and f not in have and f[0] in firsts
            and _never_small(f[0], words)]


def _never_small(t: str, words: Counter) -> bool:
    """A word of three letters or more, never written in lower case, that is no common capitalised word."""
    return len(t) > 2 and t.lower() not in NOT_NAMES and words.get(t.lower(), 0) == 0


_CALL_RE = re.compile(r"\s*[!.?,]")
_OPEN_QUOTES = frozenset('"\u201c\'\u2018')


def rescue_surnames(text: str, cands: "Candidates", kept: list[tuple[str, ...]], words: Counter,
                    places: Counter) -> list[tuple[str, ...]]:
    """A surname that only one kept name carries, never written in lower case, names that person when it
    stands alone: ``old Cotter`` of the one "Mr Cotter" (written bare at least twice), ``Campbell`` of
    "Alan Campbell" (a sentence's subject again and again, more often than a place, or called by it twice at
    the start of a quote: "Mercer! You came!", "Mercer."), whatever NER says."""
    have = set(kept)
    owners = Counter(t for f in have for t in set(f[1:] if is_honorific(f[0]) else f))
    titled = {f[1] for f in have if len(f) == 2 and is_honorific(f[0])}
    full = {f[-1] for f in have if 2 <= len(f) <= 3 and not is_honorific(f[0])}
    names = sorted(t for t in titled | full if owners[t] == 1 and (t,) not in have and _never_small(t, words))
    if not names:
        return []
    bare: Counter = Counter()  # uses without a title before them
    called: Counter = Counter()  # alone, opening a quote as a call: "Mercer! You came!"
    for m in re.finditer(r"\b(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b", text):
        if text[m.start() - 1 : m.start()] in (".", "-"):
            continue
        before = re.search(r"(\w+\.?)\s+\Z", text[max(0, m.start() - 16) : m.start()])
        if not (before and is_honorific(before.group(1))):
            bare[m.group(1)] += 1
        if _CALL_RE.match(text, m.end()) and text[max(0, m.start() - 1) : m.start()] in _OPEN_QUOTES:
            called[m.group(1)] += 1
    out = []
    for t in names:
        ev = cands.forms.get((t,))
        if t in titled and bare[t] >= 2 or t in full and ev is not None and ev.subject >= 3 \
                and 3 * places.get(t, 0) <= ev.subject or t in full and called[t] >= 2:
            out.append((t,))
    return out


def looks_like_name(tok: str, words: Counter, midcap: Counter) -> bool:
    """A capitalised word used as a name: seen mid-sentence, rarely written in lower case."""
    low = tok.lower()
    if low in NOT_NAMES:
        return False
    lower_uses = words.get(low, 0)
    cap_mid = midcap.get(tok, 0)
    return lower_uses <= max(1, cap_mid // 3) and (cap_mid > 0 or words.get(tok, 0) >= 3)


def keep(form: tuple[str, ...], ev: Evidence, words: Counter, midcap: Counter, places: Counter,
         the_uses: Counter | None = None, ner: bool = True) -> bool:
    """Is this form a person?  Honorific forms are; others need person-like evidence and usage.
    ``ner``: whether NER ran (without it, its silence about a word says nothing)."""
    if any(len(t) < 2 for t in form[1:]) or (len(form[0]) < 2 and not (len(form) > 1 and is_honorific(form[0]))):
        return False  # "M. Riviere" keeps its one-letter title
    if any(INTERJECTION_RE.fullmatch(t) for t in form):
        return False
    last = form[-1]
    if (is_honorific(form[0]) and the_uses and ev.speaker == 0
            and 2 * the_uses.get(last, 0) > words.get(last, 0) + words.get(last + "'s", 0)):
        return False  # mostly "the Admiral Benbow", "the General Post Office": an inn, a place
    if len(form) == 1 and form[0].lower() in PARENT_NAMES:
        return ev.speaker >= 1 or ev.subject >= 2  # "Mom says", not only a call of "Mom!"
    if len(form) == 1 and form[0].lower() in SURNAME_WORDS:
        return ev.speaker >= 2 and ev.speaker + ev.vocative + ev.person >= 3  # a word that is also a name
    if is_honorific(form[0]):
        return all(looks_like_name(t, words, midcap) or ev.honorific >= 2 for t in form[1:] if len(t) > 1)
    if len(form) == 1 and ev.speaker == 0 and words.get(form[0].lower()) and not midcap.get(form[0], 0):
        return False  # "Mais tu es", "Teaze him": a word also written in lower case, capitalised only to open
    if (len(form) == 1 and ev.speaker == 0 and ev.subject < 2 and midcap.get(form[0], 0) == 0
            and not known_given(form[0])
            and not (ev.vocative and (ev.person + ev.other or not ner))):
        # "Drat that beadle!", "Besides, it's late": a name is capitalised mid-sentence too, or speaks, or
        # opens sentences as their subject, or is called by a word NER takes for a name ("Alana, I have to go")
        return False
    if len(form) == 1 and "-" in form[0] and ev.speaker == 0 and all(p.islower() for p in form[0].split("-")[1:]):
        return False  # "Good-bye", "Twenty-seven", "Gracechurch-street": a compound word, not a name
    if len(form) == 1 and places.get(form[0], 0) >= 2 and places[form[0]] * 3 > words.get(form[0], 0) and ev.speaker < 2:
        return False  # "to Meryton", "at Longbourn": a place, whatever NER says
    cue = ev.speaker + ev.vocative
    if (len(form) == 1 and ev.person >= 2 and ev.person > ev.other and form[0].lower() not in NOT_NAMES
            and words.get(form[0].lower(), 0) == 0):
        return True  # NER saw a person twice in a word never written in lower case ("William")
    if (len(form) == 1 and form[0].lower() not in NOT_NAMES and words.get(form[0].lower(), 0) == 0
            and (cue >= 1 or ev.subject >= 2 or (ev.subject and midcap.get(form[0], 0)))
            and (ev.other <= ev.person + cue or (ev.subject >= 3 and 2 * places.get(form[0], 0) < ev.subject))):
        return True  # an invented name NER missed (or took for a firm: "Marcy looked at him"), never in lower case
    names_ok = all(looks_like_name(t, words, midcap) for i, t in enumerate(form)
                   if t not in NAME_PARTICLES and t != "St" and form[i - 1 : i] != ("St",))  # "St. Just"
    if not names_ok:
        return False
    total = ev.person + ev.other + ev.honorific + cue
    if ev.person == 0 and cue == 0:
        return False
    if cue < 2 and ev.other > 3 * (ev.person + cue) + 1:
        return False  # a place or an organisation NER is sure about, never seen speaking
    if len(form) == 1 and places.get(form[0], 0) * 3 > words.get(form[0], 0) and ev.speaker < 2:
        return False  # "to Meryton", "at Longbourn": a place
    return total >= 2 or ev.speaker >= 1


_PAIR_RE = re.compile(rf"(?=\b({NAME})[ \t]+({NAME})\b)")


_EPITHET_RE = re.compile(r"(?<=[a-z,;:] )(Little|Big|Old|Young) ([A-Z][a-z]+|[B-HJ-Z](?![\w.]))")


def rescue_epithets(text: str, kept: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """"Little Hu", "Big Tony": an epithet capitalised in mid-sentence before a kept name is part of the name
    (``clean_form`` drops a "Little" that may only open a sentence); so is a letter after one, written so
    twice ("said Big G", "Big G's shield")."""
    singles = {f[0] for f in kept if len(f) == 1}
    uses = Counter(m.groups() for m in _EPITHET_RE.finditer(text))
    found = {f for f, n in uses.items() if f[1] in singles or len(f[1]) == 1 and n >= 2}
    return sorted(f for f in found if f not in kept)


def rescue_pairs(text: str, kept: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """``May Welland``: a kept given name before a surname the text gives a title ("Mrs. Welland"), twice,
    is a full name even when NER did not see it (the given name is also a month, a verb)."""
    have = set(kept)
    singles = {f[0] for f in kept if len(f) == 1}
    surnames = {f[1] for f in kept if len(f) == 2 and is_honorific(f[0])}
    pairs = Counter((m.group(1), m.group(2)) for m in _PAIR_RE.finditer(text)
                    if m.group(1) in singles and m.group(2) in surnames)
    return sorted(p for p, n in pairs.items() if n >= 2 and p not in have and p[0] != p[1] and not is_honorific(p[0]))


def peoples(text: str, kept: list[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """Bare words that name a people, not a person: written in the plural and with an article too, and
    carried by no title and no full name ("the Huron" ... "the Hurons", "an Englishman" ... "Englishmen").
    A family name ("a Dallas", "the Dallases") is used bare far more often than with an article.
    (One pass over the text counts every word, its plural uses and its uses after an article.)"""
    titled = {t for f in kept if len(f) > 1 for t in (f[1:] if is_honorific(f[0]) else f)}
    singles = [f for f in kept if len(f) == 1 and f[0] not in titled]
    if not singles:
        return set()
    uses = Counter(_TOKEN.findall(text))
    bare = Counter(_BARE_TOKEN.findall(text))  # not before an apostrophe: "the Hurons'" is no plural use
    articled = Counter(_ARTICLED.findall(text))
    out = set()
    for f in singles:
        w = f[0]
        plurals = bare[w[:-3] + "men"] if w.endswith("man") else bare[w + "s"] + bare[w + "es"]
        if plurals >= 2 and articled[w] >= 2 and 4 * articled[w] >= uses[w]:
            out.add(f)
    return out


_TOKEN = re.compile(r"[\w-]+")
_BARE_TOKEN = re.compile(r"[\w-]+(?![\w'’-])")
_ARTICLED = re.compile(r"\b(?:[Tt]he|[Aa]n?)[ \t\n]+([\w-]+)")
