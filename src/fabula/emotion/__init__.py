"""Emotion: valence and eight basic emotions per sentence and paragraph, arcs, characters, relationships.

One regex tokenisation per sentence; paragraphs, arcs, characters and relationships only add up
sentence (or quote) scores.  Valence of a unit is in (-1, 1); emotions are counts of emotion
words (weighted by intensifiers) per unit, and per 100 words in arcs and aggregates.
Lexicons: VADER (MIT, from the ``vaderSentiment`` package) and fabula's own basic-emotion list
(MIT) — see :mod:`fabula.emotion.lexicon`.
"""

from __future__ import annotations

import bisect

from fabula.emotion.arcs import arc
from fabula.emotion.lexicon import EMOTIONS, Score, Scorer
from fabula.model import Story
from fabula.pipeline import Context, stage

STORY_POINTS = 100
CHAPTER_POINTS = 20
__all__ = ["emotion_stage", "EMOTIONS", "Scorer", "STORY_POINTS", "CHAPTER_POINTS"]


def _r(x: float) -> float:
    return round(x, 4)


def _summary(s: Score) -> dict:
    return {"valence": _r(s.valence), "emotions": {k: _r(v) for k, v in s.rates().items()}, "units": s.units, "words": s.tokens}


@stage(
    "emotion",
    requires=("text", "sentences", "paragraphs", "chapters", "quotes", "characters", "mentions"),
    provides=("emotion",),
)
def emotion_stage(story: Story, context: Context) -> dict:
    scorer = Scorer()
    text = story.text
    units = list(story.sentences) or list(story.paragraphs)
    scores = [scorer.score(text[u.start : u.end]) for u in units]
    starts = [u.start for u in units]
    mids = [(u.start + u.end) // 2 for u in units]

    paragraphs = []
    for p in story.paragraphs:
        agg = Score(units=0)
        lo, hi = bisect.bisect_left(starts, p.start), bisect.bisect_left(starts, p.end)
        for s in scores[lo:hi]:
            agg.add(s)
        paragraphs.append(agg)

    if story.paragraphs:
        first, last = story.paragraphs[0].start, story.paragraphs[-1].end
    else:
        first, last = 0, len(text)
    items = list(zip(mids, scores))
    points = int(context.options.get("emotion_points", STORY_POINTS))
    chapter_points = int(context.options.get("emotion_chapter_points", CHAPTER_POINTS))
    chapters = []
    for i, ch in enumerate(story.chapters):
        lo, hi = bisect.bisect_left(starts, ch.start), bisect.bisect_left(starts, ch.end)
        chapters.append({"chapter": i, "title": ch.title, **arc(items[lo:hi], ch.start, ch.end, chapter_points)})

    return {
        "emotion": {
            "lexicon": {"valence": "VADER (MIT)", "emotions": "fabula basic emotions (MIT)"},
            "names": list(EMOTIONS),
            "story": arc(items, first, last, points),
            "chapters": chapters,
            "characters": _characters(story, scorer, units, scores),
            "relationships": _relationships(story, scorer),
            "sentences": _table(scores, counts=True),
            "paragraphs": _table(paragraphs, counts=False),
        }
    }


def _table(scores: list[Score], counts: bool) -> dict:
    """Column lists aligned with ``story.sentences`` / ``story.paragraphs``."""
    return {
        "valence": [_r(s.valence) for s in scores],
        "emotions": {
            name: [_r(s.emotions[k]) if counts else _r(s.rates()[name]) for s in scores] for k, name in enumerate(EMOTIONS)
        },
    }


def _characters(story: Story, scorer: Scorer, units, scores) -> dict:
    """Per character: what they say, and the narration sentences that mention them."""
    said: dict[str, Score] = {}
    for q in story.quotes:
        if q.speaker:
            said.setdefault(q.speaker, Score(units=0)).add(scorer.score(story.text[q.start : q.end]))
    quote_starts = [q.start for q in story.quotes]
    quotes = story.quotes

    def in_quote(pos: int) -> bool:
        i = bisect.bisect_right(quote_starts, pos) - 1
        return i >= 0 and quotes[i].start <= pos < quotes[i].end

    starts = [u.start for u in units]
    seen: set[tuple[str, int]] = set()
    narrated: dict[str, Score] = {}
    for m in story.mentions:
        if in_quote(m.start):
            continue
        i = bisect.bisect_right(starts, m.start) - 1
        if i < 0 or m.start >= units[i].end or (m.character, i) in seen:
            continue
        seen.add((m.character, i))
        narrated.setdefault(m.character, Score(units=0)).add(scores[i])
    out = {}
    for c in story.characters:
        s, n = said.get(c.id), narrated.get(c.id)
        if s is None and n is None:
            continue
        both = Score(units=0)
        for part in (s, n):
            if part is not None:
                both.add(part)
        out[c.id] = {
            "name": c.name,
            **_summary(both),
            "said": _summary(s) if s else None,
            "narration": _summary(n) if n else None,
        }
    return out


def _relationships(story: Story, scorer: Scorer) -> list[dict]:
    """What A says to B: quotes with speaker A and B among the addressees."""
    pairs: dict[tuple[str, str], Score] = {}
    for q in story.quotes:
        if not q.speaker or not q.addressees:
            continue
        s = scorer.score(story.text[q.start : q.end])
        for a in q.addressees:
            if a != q.speaker:
                pairs.setdefault((q.speaker, a), Score(units=0)).add(s)
    return [
        {"source": src, "target": tgt, "quotes": s.units, **{k: v for k, v in _summary(s).items() if k != "units"}}
        for (src, tgt), s in sorted(pairs.items())
    ]
