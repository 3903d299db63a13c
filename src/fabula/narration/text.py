"""Helpers shared by the narration stage: narration outside quotes, pronoun counts, character names.

Everything here is a regex over a slice of the text; the quotes are cut out with a bisect over
quote starts, so a unit costs time in proportion to its length.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from fabula.lexicon import HONORIFICS, NAME_PARTICLES, NOT_VOCATIVES
from fabula.model import Character, Story
from fabula.quotes.marks import paragraph_quotes, uses_single_quotes

FIRST = re.compile(r"\bI\b|\b(?:[Mm]e|[Mm]y|[Mm]ine|[Mm]yself)\b")
SECOND = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ours|[Yy]ourself)\b")
HE = re.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Hh]imself)\b")
SHE = re.compile(r"\b(?:[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b")
WORD = re.compile(r"\w+")
# Words of a name that do not identify its bearer: titles, particles, articles ("the Count of Monte Cristo").
NAME_FILLERS = frozenset(HONORIFICS) | NAME_PARTICLES | {"the", "a", "an", "of"}


class QuoteIndex:
    """Quoted spans sorted by start, for 'is this offset inside a quote' and 'narration in [a, b)'.

    Besides the speech, every span between paired quotation marks counts: a letter or a sign set
    out in quotes is not speech, but its "I" is the writer's, not the narrator's.
    """

    def __init__(self, story: Story):
        spans = {(q.start, q.end) for q in story.quotes}
        single = uses_single_quotes(story.text)
        for p in story.paragraphs:
            spans.update(paragraph_quotes(story.text, p.start, p.end, single))
        merged: list[tuple[int, int]] = []
        for s, e in sorted(spans):  # nested or overlapping spans become one
            if merged and s < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        self.spans = merged
        self.starts = [s for s, _ in self.spans]

    def inside(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]

    def in_range(self, start: int, end: int) -> list[tuple[int, int]]:
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return self.spans[lo:hi]

    def narration(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """The stretches of [start, end) outside quotes."""
        out, pos = [], start
        for s, e in self.in_range(start, end):
            if s > pos:
                out.append((pos, s))
            pos = max(pos, e)
        if pos < end:
            out.append((pos, end))
        return out


@dataclass
class Counts:
    """Pronouns and words in the narration of a unit."""

    words: int = 0
    first: int = 0
    second: int = 0
    he: int = 0
    she: int = 0

    @property
    def third(self) -> int:
        return self.he + self.she


def count_pronouns(text: str, parts: list[tuple[int, int]]) -> Counts:
    c = Counts()
    for s, e in parts:
        chunk = text[s:e]
        c.words += len(chunk.split())  # white-space words: close enough for rates, and fast
        c.first += len(FIRST.findall(chunk))
        c.second += len(SECOND.findall(chunk))
        c.he += len(HE.findall(chunk))
        c.she += len(SHE.findall(chunk))
    return c


_CAPITAL_WORD = re.compile(r"[A-Z][\w'’\-]*\.?")
_POSSESSIVE = re.compile(r"['’]s?$")
_CAPITAL_RUN = re.compile(r"\b[A-Z][\w'’\-]*\.?(?:[ \t]+[A-Z][\w'’\-]*\.?)*")


def _forms(c: Character) -> list[str]:
    forms = [c.name, *c.aliases]
    return [" ".join(f.split()) for f in forms if f and f.strip() and not f.startswith("_")]


class NameIndex:
    """Names, aliases and (when unambiguous) single name words mapped to character ids."""

    def __init__(self, characters: tuple[Character, ...]):
        full: dict[str, str] = {}
        words: dict[str, set[str]] = {}
        for c in characters:
            for f in _forms(c):
                full.setdefault(f.lower(), c.id)
                for w in re.findall(r"[A-Za-z][\w'’\-]*", f):
                    if w.lower() not in NAME_FILLERS and len(w) > 1 and w[0].isupper():
                        words.setdefault(w.lower(), set()).add(c.id)
        self.table = dict(full)
        for w, ids in words.items():
            if len(ids) == 1 and w not in self.table:
                self.table[w] = next(iter(ids))
        self.longest = max((len(n.split()) for n in self.table), default=0)
        self._hits: tuple[str, list[int], list[tuple[int, int, str]]] | None = None

    def lookup(self, name: str) -> str | None:
        name = " ".join(name.split()).lower()
        if name in self.table:
            return self.table[name]
        parts = [w for w in re.findall(r"[\w'’\-]+", name) if w not in NAME_FILLERS]
        ids = {self.table[w] for w in parts if w in self.table}
        return ids.pop() if len(ids) == 1 else None

    def _scan(self, text: str) -> tuple[list[int], list[tuple[int, int, str]]]:
        """All capitalised name occurrences in the text, found once: runs of capitalised words,
        each cut into the longest known names (``Poor Fanny Price`` -> ``Fanny Price``)."""
        if self._hits is not None and self._hits[0] is text:
            return self._hits[1], self._hits[2]
        hits: list[tuple[int, int, str]] = []
        if self.longest:
            for run in _CAPITAL_RUN.finditer(text):
                words = list(_CAPITAL_WORD.finditer(run.group()))
                i = 0
                while i < len(words):
                    for j in range(min(len(words), i + self.longest), i, -1):
                        key = " ".join(w.group() for w in words[i:j]).lower()
                        cid = self.table.get(key) or self.table.get(key.rstrip("."))
                        cut = 0
                        if not cid:  # "Miss Watson's nigger": Miss Watson is named
                            bare = _POSSESSIVE.sub("", key)
                            cid, cut = self.table.get(bare), len(key) - len(bare)
                        if cid:
                            end = run.start() + words[j - 1].end() - cut
                            if text[end - 1] == "." and key.rstrip(".") in self.table and key not in self.table:
                                end -= 1
                            hits.append((run.start() + words[i].start(), end, cid))
                            i = j
                            break
                    else:
                        i += 1
        self._hits = (text, [h[0] for h in hits], hits)
        return self._hits[1], hits

    def find(self, text: str, start: int, end: int):
        """(start, end, id) of capitalised name occurrences in text[start:end]."""
        starts, hits = self._scan(text)
        lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        for h in hits[lo:hi]:
            if h[1] <= end:
                yield h


class ProperNouns:
    """Capitalised words that never occur in lower case in the story: names the cast may lack."""

    def __init__(self, text: str, prose: str | None = None):
        """``prose``: the text with chat lines and boilerplate blanked (``structure.boilerplate.prose_only``),
        where lower-case uses are counted."""
        self.text = text
        self.prose = prose if prose is not None else text
        self._lower: set[str] | None = None

    @property
    def lower(self) -> set[str]:
        if self._lower is None:
            self._lower = set(re.findall(r"\b[a-z][a-z'’\-]*\b", self.prose))
        return self._lower

    def is_name(self, name: str) -> bool:
        words = [w for w in re.findall(r"[\w'’\-]+", name) if w.lower() not in NAME_FILLERS]
        return bool(words) and all(w[0].isupper() and w.lower() not in self.lower and len(w) > 1 for w in words)

    def count(self, parts: list[tuple[int, int]]) -> Counter:
        found: Counter = Counter()
        for s, e in parts:
            for m in re.finditer(r"\b[A-Z][a-z'’\-]{2,}\b", self.text[s:e]):
                w = m.group()
                if w.lower() not in NOT_VOCATIVES and w.lower() not in self.lower:
                    found[w] += 1
        return found
