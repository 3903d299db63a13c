"""Which named character a plain description stands for, learnt within the book.

"said the old gentleman" is resolved like a pronoun (by sex), but the narration also says whom such
words mean: "Mr. Brownlow ... the old gentleman ..." in one paragraph with no other man named.  Those
votes tell, at a cue, which of the people on the scene the description fits ("the girl" is Nancy,
not Rose, who is "the young lady"); a name set beside the words in one sentence is someone else.
(Age words as a veto - one called "the boy" is not "the old gentleman" - did not move PDNC: the
votes are too noisy for a protagonist who is on every scene.)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict

from fabula.speakers.context import Index

NOUNS = {"man": "M", "gentleman": "M", "boy": "M", "lad": "M", "youth": "M", "fellow": "M",
         "woman": "F", "lady": "F", "girl": "F", "maid": "F", "maiden": "F", "child": "X"}
_ADJ = r"(?:[a-z][a-z-]+\s+)?"
_DESC = re.compile(rf"\b[Tt]he\s+(?P<adj>{_ADJ})(?P<noun>{'|'.join(sorted(NOUNS))})\b(?!['\u2019]s|-)")
REACH = 1500  # characters before a description searched for the names it may stand for
MIN_VOTES = 2  # co-occurrences a character needs before a description is taken for his
RATIO = 2.0  # how much more often than anyone else on the scene
USUAL = 5  # co-occurrences before a description is taken for the same person away from any scene
SCENE = 2500  # characters before a cue where the people on the scene were named


def form_at(text: str, pos: int) -> tuple[str, str] | None:
    """(adjective or "", noun) of the description starting at ``pos`` ("the old gentleman")."""
    m = _DESC.match(text, pos)
    return (m.group("adj").strip(), m.group("noun")) if m else None


class Epithets:
    def __init__(self, ix: Index):
        self.ix = ix
        self.votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
        self.base: Counter = Counter()
        for m in _DESC.finditer(ix.text):
            if ix.inside_quote(m.start()):
                continue
            form = (m.group("adj").strip(), m.group("noun"))
            want = NOUNS[form[1]]
            sent = ix.sentence_start(m.start())
            names = {n.character for n in ix.mentions_between(max(0, m.start() - REACH), sent)
                     if n.kind == "name" and not ix.inside_quote(n.start) and not ix.break_between(n.start, m.start())
                     and (want == "X" or ix.gender.get(n.character, "X") in (want, "X"))}
            names -= {n.character for n in ix.mentions_between(sent, m.start())}  # "Oliver looked at the old gentleman"
            for cid in names:
                self.votes[form][cid] += 1 / len(names)
                self.base[cid] += 1 / len(names)

    def share(self, cid: str, form: tuple[str, str]) -> float:
        return self.votes.get(form, Counter())[cid] / self.base[cid] if self.base[cid] else 0.0

    def beside(self, form: tuple[str, str], pos: int) -> set[str]:
        """Names the narration set in one sentence with these words shortly before ``pos`` ("The old
        gentleman looked almost as rueful as Oliver"): someone else than the one they describe."""
        ix, out = self.ix, set()
        for m in _DESC.finditer(ix.text, max(0, pos - SCENE), pos):
            if (m.group("adj").strip(), m.group("noun")) != form or ix.inside_quote(m.start()) \
                    or ix.break_between(m.start(), pos):
                continue
            sent = ix.sentence_start(m.start())
            i = bisect_right(ix.sent_starts, m.start())
            end = ix.sent_starts[i] if i < len(ix.sent_starts) else len(ix.text)
            out |= {n.character for n in ix.mentions_between(sent, end) if n.kind == "name" and not ix.inside_quote(n.start)}
        return out

    def usual(self, form: tuple[str, str], exclude) -> str | None:
        """The one the book calls so most often, twice as often as anyone else ("the girl" is Nancy)."""
        ranked = [(n, c) for c, n in self.votes.get(form, Counter()).most_common() if c not in exclude]
        if ranked and ranked[0][0] >= USUAL and (len(ranked) == 1 or ranked[0][0] >= RATIO * ranked[1][0]):
            return ranked[0][1]
        return None

    def pick(self, form: tuple[str, str], pos: int, turns, exclude) -> str | None:
        """The one on the scene (a recent speaker, or named shortly before) whom the narration calls so
        at least twice, and twice as often as anyone else there."""
        ix = self.ix
        scene = set(turns[-8:]) | {m.character for m in ix.mentions_between(max(0, pos - SCENE), pos)
                                    if m.kind == "name" and not ix.break_between(m.start, pos)}
        want = NOUNS[form[1]]
        votes = self.votes.get(form, Counter())
        ranked = sorted(((self.share(c, form), c) for c in scene if c not in exclude and votes[c] >= MIN_VOTES
                         and (want == "X" or ix.gender.get(c, "X") in (want, "X"))),
                        reverse=True)
        if ranked and (len(ranked) == 1 or ranked[0][0] >= RATIO * ranked[1][0]):
            return ranked[0][1]
        return None
