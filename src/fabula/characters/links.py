"""Descriptions the narration ties to a name: ``Mr. Bumble, the beadle,``, ``the proprietor, Mr. Turner,``,
``Noah was the charity-boy``.

A description that is a role (``the beadle``, ``the lawyer``) is often the same person as a name the
narration puts beside it, in apposition or as a predicate.  Such a description is that person, not a
character of its own.  Only narration counts (in a quote "the board, Mrs. Mann" is spoken to Mrs.
Mann), and only a closed apposition: not a list ("Mr. Brittles, Mr. Giles, the tinker"), not a
possessive ("Sir Geoffrey, the duchess's brother"), not a new clause ("the magistrate, Mr. Bumble
instructed").  Without such a sentence, where the narration uses the words (``narrated``) and what the
others call the one who speaks under them (``addressed``) tell whose they are.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict

_ADJ = r"(?:[a-z][a-z-]+\s+){0,2}"
# what may follow a closed apposition: a stop, or a clause about the same person
_CLOSE = r"(?=\s*(?:[,.;:)!?\u2014]|--|\s(?:in|at|from|who|whose|whom)\b))(?![,]\s*(?:and\b|or\b|(?-i:[A-Z])))"
_NOT_POSSESSIVE = r"(?!['\u2019]s\b|\s+s\b)"


def _after(heads: str) -> re.Pattern:
    """Right after a name: ", the beadle," / ", a surgeon in ..." / " was the beadle" / ", who was the beadle"."""
    return re.compile(rf",\s+(?:the|a|an)\s+{_ADJ}(?P<h>{heads}){_NOT_POSSESSIVE}{_CLOSE}"
                      rf"|\s+(?:was|had\s+been)\s+the\s+{_ADJ}(?P<p>{heads})\b{_NOT_POSSESSIVE}"
                      rf"|,\s+who\s+(?:was|had\s+been)\s+the\s+{_ADJ}(?P<w>{heads})\b{_NOT_POSSESSIVE}", re.IGNORECASE)


def _before(heads: str) -> re.Pattern:
    """Right before a name: "the proprietor, ", "the artist himself, " (the name then closes with a comma or a stop)."""
    return re.compile(rf"\b[Tt]he\s+{_ADJ}(?P<h>{heads})(?:\s+(?:him|her)self)?,\s+$", re.IGNORECASE)


# "Mr. Brittles, Mr. Giles, the tinker", "Fielding, the servant Antony, the Nawab": a list
_CLAUSE = r"(?:that|when|while|as|but|for|to|by|with|where|if|then|so|said|says|cried|replied|and|or)\b"
_LIST_BEFORE = re.compile(rf"(?:,|\band|\bor)\s+(?:(?:the|a|an)\s+)?(?:(?!{_CLAUSE})[a-z]+\s+){{0,2}}$|(?:,|\band|\bor)\s*$")
# the name closes the apposition, and no list goes on: "the proprietor, Mr. Turner, was", not "the
# Nawab Bahadur, Hamidullah, Mahmoud Ali"
_NAME_CLOSED = re.compile(r"\s*(?:[.;:!?)\u2014]|--|,(?!\s*(?:and\b|or\b|[A-Z])))")


def appositions(text: str, heads, hits, inside_quote) -> dict[str, list[tuple[int, tuple]]]:
    """head noun (lower case) -> (offset, name form) of every name the narration sets beside it.

    ``hits``: (start, end, form) of name mentions, in offset order."""
    heads = sorted({h.lower() for h in heads if h.replace("-", "").isalpha()})
    if not heads:
        return {}
    alts = "|".join(re.escape(h) for h in sorted(heads, key=lambda h: (-len(h), h)))
    after, before = _after(alts), _before(alts)
    out: dict[str, list[tuple[int, tuple]]] = defaultdict(list)
    for s, e, form in hits:
        if inside_quote(s):
            continue
        m = after.match(text, e)
        if m and not _LIST_BEFORE.search(text, max(0, s - 30), s):
            out[(m.group("h") or m.group("p") or m.group("w")).lower()].append((s, form))
            continue
        b = before.search(text, max(0, s - 60), s)
        if b and _NAME_CLOSED.match(text, e) and not inside_quote(b.start()) \
                and not re.search(r"(?:,|\band|\bor)\s*$", text[max(0, b.start() - 6) : b.start()]):
            out[b.group("h").lower()].append((s, form))
    return out


def linked(found, owner_of) -> int | None:
    """The one group the names beside a description belong to (or one named at least twice as often)."""
    by_group: Counter = Counter()
    for _, form in found:
        g = owner_of(form)
        if g is not None:
            by_group[g] += 1
    ranked = by_group.most_common()
    if not ranked or (len(ranked) > 1 and ranked[0][1] < 2 * sum(n for _, n in ranked[1:])):
        return None
    return ranked[0][0]


NEAR = 1000  # characters before a description where the one it stands for was named
LIFT = 2.5  # how much more often than anywhere in the book he is named just before these words
ON_STAGE = 0.4  # the share of the description's uses he must be named just before
USES = 10  # uses of the description in the narration before it is taken for anyone's


def narrated(uses, named, sent_start, length: int) -> int | None:
    """The named person a role stands for, told by where the narration uses it: "the painter" is
    Basil Hallward when Basil is named shortly before most uses of "the painter", far more often than
    he is named anywhere in the book, and never in the same sentence ("Basil looked at the painter" is
    two men).  A protagonist, named everywhere, is no one's description.

    ``uses``: offsets of the description in the narration; ``named``: (offset, group) of names in the
    narration, in order; ``sent_start``: offset -> start of its sentence."""
    if len(uses) < USES:
        return None  # a few uses tell nothing: the turnkey is named beside Fagin's name in the one scene
    pos = [s for s, _ in named]
    near, same = Counter(), Counter()
    for s in uses:
        ss = sent_start(s)
        before = {g for _, g in named[bisect_left(pos, s - NEAR) : bisect_left(pos, ss)]}
        # the whole sentence: "Basil looked at the painter", "the painter turned to Basil"
        k = bisect_left(pos, ss)
        inside = set()
        while k < len(pos) and pos[k] < s + 200 and sent_start(pos[k]) == ss:
            inside.add(named[k][1])
            k += 1
        near.update(before - inside)
        same.update(inside)
    ranked = []
    for g, n in near.items():
        if n < ON_STAGE * len(uses) or same[g] > 0.05 * n:
            continue
        ranked.append((n / len(uses) / max(_coverage([p for p, h in named if h == g], length), 1e-6), g))
    ranked.sort(reverse=True)
    if ranked and ranked[0][0] >= LIFT:
        return ranked[0][1]
    return None


def _coverage(pos: list[int], length: int) -> float:
    """The share of the text that has this name within ``NEAR`` characters before it."""
    covered, end = 0, -1
    for p in pos:
        lo, hi = max(p, end), p + NEAR
        if hi > lo:
            covered += hi - lo
            end = hi
    return covered / max(1, length)


ADDRESSED = 2  # times the others must call him by name in the talk around the description's quotes


def addressed(cues, vocatives, turn, n: int) -> int | None:
    """The named person a speaking description is, told by the talk around it: the one who speaks
    before or after "said the duchess" calls her "Gladys" (at least ``ADDRESSED`` times, twice as often
    as anyone else), and she herself never calls anyone so (one does not call oneself by name).

    ``cues``: the index of every quote the description speaks (of ``n``); ``vocatives(i)``: the groups
    quote ``i`` calls by name; ``turn(i)``: its paragraph (the quotes of one paragraph are one speaker's)."""
    near, own = Counter(), Counter()
    for i in cues:
        j = i - 1
        while j >= 0 and turn(j) == turn(i):
            own.update(vocatives(j))
            j -= 1
        k = i + 1
        while k < n and turn(k) == turn(i):
            own.update(vocatives(k))
            k += 1
        own.update(vocatives(i))
        near.update(vocatives(j) if j >= 0 and j not in cues else ())
        near.update(vocatives(k) if k < n and k not in cues else ())
    ranked = [(c, g) for g, c in near.most_common() if not own[g]]
    if not ranked or ranked[0][0] < ADDRESSED or (len(ranked) > 1 and ranked[0][0] < 2 * ranked[1][0]):
        return None
    return ranked[0][1]


# a quote whose last sentence only calls someone: "Ilsa?", "...to observe. Elder?"
_CALL = re.compile(r"(?:^[\"“‘']\s*|[.!?]\s+)(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s*[?!]+\s*[\"”’']?\s*$")
_ANSWER_HEADS = "man|woman|girl|boy|lady|gentleman|youth|child|figure|voice"
# "An old man in grey robes", "A girl's voice", "a muffled voice": someone new, not yet named
_INDEFINITE = re.compile(rf"\b[Aa]n?\s+((?:[a-z-]+,?\s+){{0,3}}?)({_ANSWER_HEADS})\b")
_TAGGED = re.compile(r"[\"”’']\s*$")  # '"Oh, good," Oswin muttered': a speaker tag, no one brought in
ANSWER_REACH = 600  # characters after the call within which the one who answers is brought in


def answered_calls(text: str, quotes, hits, inside_quote) -> list[tuple[int, int, int, tuple[str, ...]]]:
    """Descriptions of the one who answers a call: "Elder?" / "An old man in grey robes ... opened one eye."
    -> (start, end, index of the called name's hit, its words: ("old", "man")) for the indefinite description
    and its later definite uses ("The old man closed his eye") within ``ANSWER_REACH`` of each other; only in a later
    paragraph than the call (in its own, '"Fagin!" whispered a voice' is the caller) and when nobody is named
    in the narration between the call and the description (else that one answers)."""
    starts = [h[0] for h in hits]
    out = []
    for q in quotes:
        m = _CALL.search(text[q.start : q.end])
        if not m:
            continue
        k = bisect_left(starts, q.start + m.start("name"))
        if k >= len(hits) or hits[k][0] != q.start + m.start("name"):
            continue  # the call is no known name
        d = next((d for d in _INDEFINITE.finditer(text, q.end, min(len(text), q.end + ANSWER_REACH))
                  if not inside_quote(d.start())), None)
        if d is None or "\n" not in text[q.end : d.start()]:
            continue  # '"Fagin!" whispered a voice': the caller, in the call's own paragraph
        between = hits[bisect_left(starts, q.end) : bisect_left(starts, d.start())]
        if any(not inside_quote(s) and not _TAGGED.search(text, max(0, s - 3), s) for s, _, _ in between):
            continue
        head, adjs = d.group(2), [a.strip(",") for a in d.group(1).split()]
        words = (*adjs, head) if len(adjs) <= 1 else (head,)  # "the old man"; not "the thin, cracked man"
        out.append((d.start(), d.end(), k, words))
        later = re.compile(rf"\b[Tt]he\s+(?:(?:{'|'.join(map(re.escape, adjs))})\s+)*{head}\b" if adjs
                           else rf"\b[Tt]he\s+{head}\b")
        last = d.end()
        for u in later.finditer(text, d.end()):
            if u.start() - last > ANSWER_REACH * 2:
                break
            if not inside_quote(u.start()):
                out.append((u.start(), u.end(), k, words))
                last = u.end()
    return out
