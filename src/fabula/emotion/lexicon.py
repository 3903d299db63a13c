"""Lexicons and the scorer for one stretch of text.

Valence comes from the VADER lexicon (MIT licence, shipped in the ``vaderSentiment`` package;
we read its word list, not its per-sentence analyser, which is too slow for books).  The eight
basic emotions come from ``fabula/data/emotions.txt``, a small lexicon written for fabula (MIT).
Negation (``not happy``) flips and dampens valence and cancels an emotion word; intensifiers
(``very``, ``extremely``) strengthen the next word, down-toners (``slightly``) weaken it.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from importlib import resources

from fabula.errors import FabulaError

EMOTIONS: tuple[str, ...] = ("anger", "fear", "joy", "sadness", "surprise", "disgust", "trust", "anticipation")
TOKEN = re.compile(r"[a-z]+(?:['’][a-z]+)*")
NEGATORS = frozenset(
    "not no never nothing nobody none neither nor without hardly barely scarcely cannot nowhere "
    "isn't aren't wasn't weren't don't doesn't didn't can't couldn't won't wouldn't shouldn't "
    "haven't hasn't hadn't ain't mustn't needn't isn’t aren’t wasn’t weren’t don’t doesn’t didn’t "
    "can’t couldn’t won’t wouldn’t shouldn’t haven’t hasn’t hadn’t".split()
)
BOOSTERS = {
    w: 1.3
    for w in "very extremely so really incredibly absolutely utterly deeply terribly totally completely awfully "
    "most truly highly immensely enormously exceedingly remarkably especially particularly intensely "
    "thoroughly tremendously unbelievably insanely fully perfectly purely quite too".split()
}
BOOSTERS.update({w: 0.7 for w in "slightly somewhat barely hardly rather fairly mildly partly scarcely little".split()})
# Words whose VADER score reads the wrong sense in fiction: "like" (as), "well" (so), "miss" (Miss Bennet).
AMBIGUOUS = frozenset({"like", "well", "pretty", "miss", "mean"})
_POLARITY = (-1, -1, 1, -1, 0, -1, 1, 0)  # per EMOTIONS: anger fear joy sadness surprise disgust trust anticipation
NEGATION_SCALE = -0.74  # VADER's: "not good" is mildly bad, not as bad as "bad"
ALPHA = 15.0  # VADER's normalisation: sum / sqrt(sum^2 + alpha) maps to (-1, 1)
WINDOW = 3  # a negator this many tokens back still applies


@functools.lru_cache(maxsize=1)
def valence_lexicon() -> dict[str, float]:
    try:
        raw = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - install problem
        raise FabulaError("the emotion stage needs the vaderSentiment package: pip install vaderSentiment") from None
    table = {}
    for line in raw.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and TOKEN.fullmatch(parts[0]):
            table[parts[0]] = float(parts[1])
    return table


@functools.lru_cache(maxsize=1)
def emotion_lexicon() -> dict[str, tuple[int, ...]]:
    """word -> indices into ``EMOTIONS``."""
    raw = resources.files("fabula").joinpath("data/emotions.txt").read_text(encoding="utf-8")
    table: dict[str, set[int]] = {}
    for line in raw.splitlines():
        if line.startswith("#") or ":" not in line:
            continue
        name, words = line.split(":", 1)
        k = EMOTIONS.index(name.strip())
        for w in words.split():
            table.setdefault(w.lower(), set()).add(k)
    return {w: tuple(sorted(ks)) for w, ks in table.items()}


def _variants(w: str):
    """The word and its likely stems: ``smiling -> smile``, ``happily -> happy``, ``stopped -> stop``."""
    yield w
    for suffix, repl in (("iness", "y"), ("ily", "y"), ("ied", "y"), ("ies", "y"), ("ness", ""), ("ing", ""),
                         ("ing", "e"), ("ed", ""), ("ed", "e"), ("ly", ""), ("es", ""), ("s", ""), ("ful", ""),
                         ("ment", ""), ("er", ""), ("est", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: -len(suffix)] + repl
            yield stem
            if repl == "" and len(stem) > 3 and stem[-1] == stem[-2]:
                yield stem[:-1]  # stopped -> stop


@dataclass
class Score:
    """Raw sums for a stretch; ``add`` merges stretches, ``valence``/``rates`` normalise."""

    tokens: int = 0
    units: int = 0
    valence_sum: float = 0.0  # sum of per-unit normalised valence
    emotions: list[float] = field(default_factory=lambda: [0.0] * len(EMOTIONS))

    def add(self, other: "Score") -> None:
        self.tokens += other.tokens
        self.units += other.units
        self.valence_sum += other.valence_sum
        for i, v in enumerate(other.emotions):
            self.emotions[i] += v

    @property
    def valence(self) -> float:
        return self.valence_sum / self.units if self.units else 0.0

    def rates(self) -> dict[str, float]:
        """Emotion words per 100 tokens."""
        return {e: (100 * v / self.tokens if self.tokens else 0.0) for e, v in zip(EMOTIONS, self.emotions)}


class Scorer:
    def __init__(self):
        self.val = valence_lexicon()
        self.emo = emotion_lexicon()
        self._cache: dict[str, tuple[float | None, tuple[int, ...]]] = {}

    def lookup(self, w: str) -> tuple[float | None, tuple[int, ...]]:
        hit = self._cache.get(w)
        if hit is None:
            v = self.val.get(w)
            e = self.emo.get(w, ())
            if v is None or not e:
                for stem in _variants(w):
                    if v is None and stem in self.val:
                        v = self.val[stem]
                    if not e and stem in self.emo:
                        e = self.emo[stem]
            if v is None and e:  # an emotion word VADER lacks ("afraid") takes the sign of its emotions
                sign = sum(_POLARITY[k] for k in e)
                v = 1.5 * (sign > 0) - 1.5 * (sign < 0) if sign else None
            hit = self._cache[w] = (v, e)
        return hit

    def score(self, text: str) -> Score:
        """One unit (a sentence, a quote): valence in (-1, 1) and emotion word counts."""
        toks = TOKEN.findall(text.lower())
        s = Score(tokens=len(toks), units=1)
        total = 0.0
        cache = self._cache
        for i, w in enumerate(toks):
            hit = cache.get(w)
            v, emo = hit if hit is not None else self.lookup(w)
            if (v is None and not emo) or w in AMBIGUOUS:
                continue
            if w in ("kind", "sort") and i + 1 < len(toks) and toks[i + 1] == "of":
                continue
            scale = BOOSTERS.get(toks[i - 1], 1.0) if i else 1.0
            negated = any(t in NEGATORS or t.endswith(("n't", "n’t")) for t in toks[max(0, i - WINDOW) : i])
            if v is not None and w not in BOOSTERS and w not in NEGATORS:
                total += v * scale * (NEGATION_SCALE if negated else 1.0)
            if emo and not negated:
                for k in emo:
                    s.emotions[k] += scale
        s.valence_sum = total / math.sqrt(total * total + ALPHA) if total else 0.0
        return s
