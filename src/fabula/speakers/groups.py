"""Groups as speakers: ``"All in!" other voices cried``, ``the girls whispered``, ``they cried``.

A crowd, a chorus or "the others" speak in fiction as one voice; coreference (LitBank) gives such
a group an entity of its own.  A speech cue whose subject is plural names that group: fabula makes
it a character (local to the scene) instead of handing the quote to someone who happens to be near.
Only speech verbs count: "They laughed." before a quote says nothing about who speaks.
"""

from __future__ import annotations

from fabula.lexicon import FEMALE_NOUNS, MALE_NOUNS
from fabula.speakers.subjects import Ref, Tokens

_SINGULAR = MALE_NOUNS | FEMALE_NOUNS | frozenset(
    "voice person soldier sailor officer private servant friend guest visitor companion student other stranger "
    "youth player neighbour neighbor comrade spectator listener onlooker bystander villager clerk workman".split())
_IRREGULAR = frozenset("men women gentlemen ladies children people folk folks".split())


def _plural(noun: str) -> str:
    if noun.endswith(("ss", "sh", "ch", "x")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith("man"):
        return noun[:-3] + "men"
    return noun + "s"


PLURAL_PEOPLE = _IRREGULAR | frozenset(_plural(n) for n in _SINGULAR)
_DETERMINERS = frozenset("the other several some two three four both many all".split())


def group_at(tok: Tokens, i: int) -> tuple[Ref | None, int]:
    """A plural subject at token i -> (Ref kind "group", index after it): ``they``, ``we``, ``the girls``,
    ``all the ladies``, ``the other girls``, ``other voices``, ``the others``.  ``noun`` is the head
    ("they" and "we" for the pronouns)."""
    w = tok.word(i).lower()
    s = tok.items[i][0] if i < len(tok) else 0
    if w in ("they", "we"):
        return Ref("group", pos=s, noun=w, end=tok.items[i][1]), i + 1
    k = i
    for _ in range(3):  # "all the other", "the two", "other"
        if tok.word(k).lower() in _DETERMINERS:
            k += 1
        else:
            break
    if k == i and w != "others":
        return None, i  # a bare plural noun ("Men shouted") is too often generic
    head = tok.word(k).lower()
    if head not in PLURAL_PEOPLE and k + 1 < len(tok) and tok.word(k).isalpha() and tok.word(k).islower():
        k += 1  # one describing word: "the young ladies", "other shrill voices"
        head = tok.word(k).lower()
    if head not in PLURAL_PEOPLE:
        return None, i
    return Ref("group", pos=s, noun=head, end=tok.items[k][1]), k + 1
