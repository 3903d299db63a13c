"""Where things are: paragraphs, sentences, mentions and narrators by offset (bisect, no scans)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cached_property

from fabula.model import Story

_FIRST_RE = re.compile(r"\b(?:I|me|my|myself)\b")
_THIRD_RE = re.compile(r"\b(?:he|she|him|her|his)\b", re.IGNORECASE)


class Index:
    def __init__(self, story: Story):
        self.story = story
        self.text = story.text
        self.par_starts = [p.start for p in story.paragraphs]
        self.sent_starts = [s.start for s in story.sentences]
        self.quote_starts = [q.start for q in story.quotes]
        self.quote_ends = [q.end for q in story.quotes]
        ms = sorted(story.mentions, key=lambda m: (m.start, m.end))
        self.mentions = ms
        self.m_starts = [m.start for m in ms]
        self.by_start = {m.start: m for m in ms}
        self.gender = {c.id: c.gender for c in story.characters}
        self.salience = {c.id: c.mentions for c in story.characters}
        breaks = sorted({s.start for s in story.scenes} | {c.start for c in story.chapters})
        self.breaks = breaks
        segs = sorted(story.segments, key=lambda s: s.start)
        self.seg_starts = [s.start for s in segs]
        self.segments = segs

    def paragraph(self, pos: int) -> int:
        return max(0, bisect_right(self.par_starts, pos) - 1)

    def sentence_start(self, pos: int) -> int:
        i = bisect_right(self.sent_starts, pos) - 1
        return self.sent_starts[i] if i >= 0 else 0

    def mention_at(self, pos: int):
        return self.by_start.get(pos)

    def inside_quote(self, pos: int) -> bool:
        i = bisect_right(self.quote_starts, pos) - 1
        return i >= 0 and pos < self.quote_ends[i]

    def add(self, m, gender: str) -> None:
        """A mention of a character the speakers stage found itself (an unnamed speaker)."""
        i = bisect_right(self.mentions, (m.start, m.end), key=lambda x: (x.start, x.end))
        self.mentions.insert(i, m)
        self.m_starts.insert(i, m.start)
        self.gender.setdefault(m.character, gender)
        self.salience[m.character] = self.salience.get(m.character, 0) + 1

    def mentions_between(self, start: int, end: int):
        i, j = bisect_left(self.m_starts, start), bisect_left(self.m_starts, end)
        return self.mentions[i:j]

    def quotes_between(self, start: int, end: int) -> int:
        return bisect_left(self.quote_starts, end) - bisect_left(self.quote_starts, start)

    @cached_property
    def caps_names(self) -> dict[str, str]:
        """"TOMMY" -> the one character called Tommy (a one-word name or first name no one else has)."""
        owners: dict[str, set[str]] = {}
        for c in self.story.characters:
            for n in (c.name, *c.aliases):
                w = n.split()
                if len(w) == 1 and w[0].isalpha() and w[0][:1].isupper() and not w[0].isupper():
                    owners.setdefault(w[0].upper(), set()).add(c.id)
        return {w: next(iter(ids)) for w, ids in owners.items() if len(ids) == 1}

    def break_between(self, a: int, b: int) -> bool:
        i = bisect_right(self.breaks, a)
        return i < len(self.breaks) and self.breaks[i] <= b

    def segment_at(self, pos: int):
        i = bisect_right(self.seg_starts, pos) - 1
        if i >= 0 and pos < self.segments[i].end:
            return self.segments[i]
        return None


def first_person_share(story: Story) -> float:
    """First-person pronouns per third-person pronoun in the narration (outside quotes)."""
    text, pos, first, third = story.text, 0, 0, 0
    for q in story.quotes:
        first += len(_FIRST_RE.findall(text, pos, q.start))
        third += len(_THIRD_RE.findall(text, pos, q.start))
        pos = q.end
    first += len(_FIRST_RE.findall(text, pos))
    third += len(_THIRD_RE.findall(text, pos))
    return first / max(1, third)
