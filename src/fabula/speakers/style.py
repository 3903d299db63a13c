"""Who talks like this: each character's words, learnt from the quotes the book itself names.

Characters have idioms ("my dear fellow", "ain't", "sir", dialect spellings).  The quotes whose
speaker a name cue gives ("said Darcy") are read as one bag of words per character; an uncued
quote then gets, for every candidate, the log-likelihood ratio of its words under that
character's bag against all speech in the book.  Nothing is trained across books: the model is
the book's own explicit dialogue, so it carries to unseen works.
"""

from __future__ import annotations

import math
import re
from collections import Counter

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|[!?;]|--|\u2014")
PRIOR = 50.0  # pseudo-count of the background distribution in each character's bag
CLIP = 6.0  # a quote's evidence is capped: one long speech should not outweigh every other feature
MIN_WORDS = 40  # a character with fewer explicit words has no model


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


class StyleModel:
    """Unigram bags of the explicitly attributed quotes, smoothed towards all the book's quotes."""

    def __init__(self, quote_texts: list[str], speakers: list[str | None], trusted: list[bool]):
        self.background: Counter = Counter()
        self.bags: dict[str, Counter] = {}
        self.own: dict[int, tuple[str, Counter]] = {}  # quote index -> (its speaker, its words) when in a bag
        self.words: list[list[str]] = [tokens(text) for text in quote_texts]  # each quote's words, read once
        for i, (words, who, sure) in enumerate(zip(self.words, speakers, trusted)):
            self.background.update(words)
            if sure and who:
                self.bags.setdefault(who, Counter()).update(words)
                self.own[i] = (who, Counter(words))
        self.total = sum(self.background.values())
        self.vocab = len(self.background) + 1
        self.sizes = {who: sum(bag.values()) for who, bag in self.bags.items()}

    def _p_background(self, w: str) -> float:
        return (self.background.get(w, 0) + 1) / (self.total + self.vocab)

    def score(self, who: str, words: list[str], quotes: list[int] = ()) -> float:
        """log P(words | who) - log P(words | everyone), clipped; 0 for a character without a model.
        ``quotes`` are the indices the words come from: a quote in the bag does not vote for itself."""
        bag = self.bags.get(who)
        if not bag or not words:
            return 0.0
        mine = Counter()
        for i in quotes:
            if i in self.own and self.own[i][0] == who:
                mine.update(self.own[i][1])
        size = self.sizes[who] - sum(mine.values())
        if size < MIN_WORDS:
            return 0.0
        s = 0.0
        for w in words:
            pb = self._p_background(w)
            s += math.log((bag.get(w, 0) - mine.get(w, 0) + PRIOR * pb) / (size + PRIOR)) - math.log(pb)
        return max(-CLIP, min(CLIP, s))
