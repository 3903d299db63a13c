"""Characters known only by a description: ``said the parlourmaid``, ``the Mock Turtle replied``.

A description becomes a character when it is the subject of at least two speech cues (one
suffices when capitalised, as in ``the Hatter``).  Bare generic nouns (``the man``) are left
out - they name a different person in every scene - but ``the old man`` is kept.
"""

from __future__ import annotations

import re
from collections import Counter

from fabula.characters.detect import NAME
from fabula.characters.lexicon import FEMALE_NOUNS, MALE_NOUNS

ADJECTIVES = frozenset("""
old young little elder younger eldest youngest tall short fat thin big small poor good new grey gray white black
red stout pretty kind strange dark fair stern head chief other elderly
""".split())
GENERIC = frozenset("""
man woman lady gentleman person fellow people girl boy one other others latter former first second third voice
rest whole same two three company party crowd men women ladies gentlemen girls boys children family thing way
answer reply question words word only last next more most best least
""".split())
_WORD = rf"(?:[a-z]{{3,}}(?:-[a-z]+)*|{NAME})"
# "the gentleman in the white waistcoat", "the man with the black beard": a person and what marks him
_PP = rf"(?:\s+(?:in|with)\s+(?:the|a)\s+[a-z]{{3,}}(?:\s+[a-z]{{3,}})?)"
_PERSON_NOUNS = GENERIC | FEMALE_NOUNS | MALE_NOUNS
_VERB = r"(?:said|says|asked|asks|replied|replies|cried|answered|exclaimed|whispered|shouted|called|added|continued|returned|observed|remarked|repeated|muttered|murmured|began|inquired|enquired|explained|declared|snapped|sighed|laughed|went on|put in|[a-z]+ed)"
_AFTER = re.compile(rf"^\s*,?\s*(?:{_VERB})\s+(?P<np>[Tt]he\s+{_WORD}(?:\s+(?!with\b){_WORD})?)(?P<pp>{_PP}(?=\s*[,.;!?]))?")
_BEFORE = re.compile(rf"^\s*(?P<np>[Tt]he\s+{_WORD}(?:\s+(?!with\b){_WORD})?)(?P<pp>{_PP})?\s+(?:{_VERB})\b")


def _phrase(np: str, marked: bool = False) -> tuple[str, ...] | None:
    words = np.split()[1:]
    if len(words) == 2 and words[1][:1].isupper() and not words[0][:1].isupper():
        return None  # "the staring Gregory": a describing word before a name, not a description
    if len(words) == 2:
        a, b = words
        if not (a.lower() in ADJECTIVES or (a[:1].isupper() and b[:1].isupper())
                or (b.lower() in _PERSON_NOUNS and a.lower() not in GENERIC)):
            words = [a]
    head = words[-1]
    if head.lower() in ADJECTIVES or (head.lower() in GENERIC and len(words) == 1 and not head[:1].isupper() and not marked):
        return None
    if head.endswith("ly") or head.lower() in ("said", "says") or (head.endswith("s") and not head.endswith("ss")):
        return None
    return ("the", *words)


def nominal_forms(text: str, quotes) -> list[tuple[str, ...]]:
    votes: Counter = Counter()
    for i, q in enumerate(quotes):
        nxt = quotes[i + 1].start if i + 1 < len(quotes) else len(text)
        tail = text[q.end : min(nxt, q.end + 60)]
        m = _AFTER.match(tail) or _BEFORE.match(tail)
        if m:
            pp = m.group("pp") if m.group("pp") and m.group("np").split()[-1].lower() in _PERSON_NOUNS else ""
            form = _phrase(m.group("np"), bool(pp))
            if form and pp:
                form = form + tuple(pp.split())
            if form:
                votes[form] += 1
    return sorted(f for f, n in votes.items() if n >= 2 or (n >= 1 and f[-1][:1].isupper()))


def scan_nominals(text: str, forms) -> list[tuple[int, int, tuple[str, ...]]]:
    if not forms:
        return []
    ordered = sorted(forms, key=lambda f: (-len(f), f))
    by_words = {f[1:]: f for f in ordered}
    alts = "|".join(r"\s+".join(map(re.escape, f[1:])) for f in ordered)
    rx = re.compile(rf"\b[Tt]he\s+(?:{alts})\b")  # one prefix, then the alternatives: fast
    out = []
    for m in rx.finditer(text):
        form = by_words.get(tuple(m.group().split()[1:]))
        if form is not None:
            out.append((m.start(), m.end(), form))
    return out
