"""Narration: who tells each stretch of the story, in which person.

The story is cut into *units* — scenes, further cut at POV headings, diary extracts and the
point where a dialogue starts being retold (a second narrator telling the same scene).  Each
unit gets a person from its pronouns outside quotes (short units follow the book), a narrator
for first person (named by how others address them) or a POV character for limited third
person (who feels, sees and thinks in the narration).  Neighbouring units that agree are merged
into ``Segment``s.  Each first-person narrator is a character: an existing one gets
``narrator=True``, an unknown one is added.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from fabula.model import Segment, Span, Story
from fabula.narration.text import (
    Counts,
    NameIndex,
    ProperNouns,
    QuoteIndex,
    count_pronouns,
)
from fabula.narration.voices import assign_voices
from fabula.pipeline import Context, stage
from fabula.structure.boilerplate import prose_only
from fabula.structure.headings import heading_kind

__all__ = ["narration_stage", "HEADING_NAME"]

_HNAME = r"([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2}?)"
HEADING_NAME = re.compile(
    rf"^{_HNAME}['’]s?\s+(?:POV|P\.O\.V\.?|point of view)\b"
    rf"|\bPOV\s*[:\-–—]?\s*{_HNAME}$"
    rf"|^\({_HNAME}['’]s\s+narrative(?:\s+resumed)?\)$"
    rf"|^(?:extracts?\s+from\s+|from\s+)?the\s+(?:diary|journal|notebook|memoirs?|narrative|statement)\s+of\s+(?:the\s+late\s+)?"
    rf"((?:(?:Mr|Mrs|Dr|Miss|Lady|Lord|Sir)\.?\s+)?[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){{0,2}}?)\b"
    r"|^([A-Z][A-Z'’\-]{1,20}(?:\s+[A-Z][A-Z'’\-]{1,20})?)$",
    re.IGNORECASE,
)
# Person thresholds, in pronouns per thousand narration words (first-person novels run at 30-120
# overall and rarely below 10 in a scene;
# third-person ones below 3).
FIRST_RATE = 8.0
MIN_WORDS = 150
# A stretch of a third-person book told in the first person (a letter, a story within the story) is
# mostly "I": a few "my worthy host" or an authorial aside among many he/she are third-person narration.
MIN_FIRST = 10


@dataclass
class Unit:
    start: int
    end: int
    paragraphs: list[Span]
    hint: str | None = None
    retold: bool = False
    counts: Counts = field(default_factory=Counts)
    mentions: Counter = field(default_factory=Counter)
    person: str = "third"
    strong: bool = False
    narrator: str | None = None
    pov: str | None = None


def heading_name(line: str, caps: bool = True) -> str | None:
    """The name in a POV heading; ``caps`` allows a bare name in capitals (``ALANA``)."""
    line = " ".join(line.split()).strip(" .:")
    m = HEADING_NAME.match(line) or HEADING_NAME.search(line)
    if not m:
        return None
    groups = m.groups()
    if groups[-1] and (not caps or re.fullmatch(r"[IVXLCDM]+", groups[-1])):
        return None  # a chapter number in roman figures, or capitals where they mean nothing
    name = next(g for g in groups if g)
    if name.isupper():
        name = name.title()
    return name


def _bare_caps(line: str) -> bool:
    """A heading that is only a word or two in capitals (``ALANA``, but also ``THE INQUEST``)."""
    m = HEADING_NAME.match(" ".join(line.split()).strip(" .:"))
    return bool(m and m.groups()[-1])


def _base_spans(story: Story) -> list[Span]:
    if story.scenes:
        return list(story.scenes)
    if story.chapters:
        return [Span(c.start, c.end) for c in story.chapters]
    if story.paragraphs:
        return [Span(story.paragraphs[0].start, story.paragraphs[-1].end)]
    return []


def _retold_cuts(story: Story) -> set[int]:
    """Offsets where the dialogue starts being retold: a run of quotes repeating *different*
    earlier quotes of the chapter, in their order ("I want to leave." said three times is no retelling)."""
    text, cuts = story.text, set()
    chapter_starts = [c.start for c in story.chapters]
    seen: dict[tuple[int, str], int] = {}
    run: list[tuple[int, int]] = []  # (quote start, start of the quote it repeats)

    def flush():
        if len({orig for _, orig in run}) >= 2:
            cuts.add(run[0][0])
        run.clear()

    for q in story.quotes:
        key = re.sub(r"\W+", " ", text[q.start : q.end]).strip().lower()
        if len(key) < 12:
            continue  # "No." and "What?" repeat by chance and neither start nor break a run
        chap = bisect.bisect_right(chapter_starts, q.start)
        orig = seen.get((chap, key))
        if orig is not None and (not run or orig > run[-1][1]) and (not run or run[0][0] > orig):
            run.append((q.start, orig))
        else:
            flush()
            if orig is not None:
                run.append((q.start, orig))
            else:
                seen[(chap, key)] = q.start
    flush()
    return cuts


def _units(story: Story, names: NameIndex | None = None, proper: ProperNouns | None = None) -> list[Unit]:
    text, paras = story.text, story.paragraphs
    names = names or NameIndex(story.characters)
    proper = proper or ProperNouns(text, prose_only(story))
    starts = [p.start for p in paras]
    cuts: set[int] = set()
    hints: dict[int, str] = {}
    found: list[tuple[int, str, bool]] = []
    for b in story.boilerplate:  # POV headings: the next paragraph starts a unit with a name hint
        if b.kind not in ("heading", "title"):
            continue
        i = bisect.bisect_left(starts, b.end)
        if i < len(paras):
            line = text[b.start : b.end]
            name = heading_name(line, caps=b.kind == "heading" and heading_kind(line) == "pov")
            if name and _bare_caps(line) and not (names.lookup(name) or proper.is_name(name)):
                name = None  # THE INQUEST: a chapter title in capitals, not a name
            if name:
                found.append((paras[i].start, name, _bare_caps(line)))
    # Capitals that name POV characters mostly name known characters (ALANA / ARES); where most
    # do not (ARABY, THE HEAT-RAY, COUNTERPARTS) the book's capitals are titles, none of them a name.
    bare = [name for _, name, is_bare in found if is_bare]
    titles = 2 * sum(1 for name in bare if names.lookup(name)) < len(bare)
    for start, name, is_bare in found:
        if not (is_bare and titles):
            hints[start] = name
            cuts.add(start)
    for p in paras:  # "Extracts from the diary of ..." written as a prose line
        if p.end - p.start <= 120 and "\n" not in text[p.start : p.end].strip():
            name = heading_name(text[p.start : p.end], caps=False)
            if name and re.search(r"diary|journal|notebook|narrative|memoir|statement|POV", text[p.start : p.end], re.I):
                hints[p.start] = name
                cuts.add(p.start)
    retold = set()
    for off in _retold_cuts(story):
        i = bisect.bisect_right(starts, off) - 1
        if i >= 0:
            cuts.add(paras[i].start)
            retold.add(paras[i].start)
    units = []
    for span in _base_spans(story):
        lo, hi = bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)
        group: list[Span] = []
        for p in paras[lo:hi]:
            if group and p.start in cuts:
                units.append(Unit(group[0].start, group[-1].end, group))
                group = []
            group.append(p)
        if group:
            units.append(Unit(group[0].start, group[-1].end, group))
    for u in units:
        u.hint = hints.get(u.start)
        u.retold = u.start in retold
    return units


def _decide_person(units: list[Unit]) -> None:
    total = Counts()
    for u in units:
        for f in ("words", "first", "second", "he", "she"):
            setattr(total, f, getattr(total, f) + getattr(u.counts, f))
    book = _person(total, FIRST_RATE) or "third"
    for u in units:
        c = u.counts
        if c.words >= MIN_WORDS or c.first + c.third + c.second >= 12:
            u.person, u.strong = _person(c, FIRST_RATE) or book, True
            if u.person == "first" != book and (c.first < MIN_FIRST or c.first < 0.5 * c.third):
                u.person = book
            if u.person == "second" != book and c.second < c.third:
                u.person = book  # the author's generic "you" in an essay on a character: not a "you" narrated
        else:
            u.person = book
    # a weak unit follows its strong neighbour before the book
    for i, u in enumerate(units):
        if not u.strong and i > 0 and units[i - 1].strong:
            u.person = units[i - 1].person


def _person(c: Counts, rate: float) -> str | None:
    if c.words == 0:
        return None
    first = 1000 * c.first / c.words
    second = 1000 * c.second / c.words
    if first >= rate and c.first >= 0.2 * c.third:
        return "first"
    if second >= 2 * rate and c.second > c.first and c.second >= 0.5 * c.third:
        return "second"
    return "third"


@stage(
    "narration",
    requires=("text", "paragraphs", "sentences", "chapters", "scenes", "quotes", "characters"),
    provides=("segments", "characters"),
)
def narration_stage(story: Story, context: Context) -> dict:
    names = NameIndex(story.characters)
    proper = ProperNouns(story.text, prose_only(story))
    units = _units(story, names, proper)
    if not units:
        return {"segments": (), "characters": story.characters}
    qi = QuoteIndex(story)
    text = story.text
    for u in units:
        parts = qi.narration(text, u.start, u.end)
        u.counts = count_pronouns(text, parts)
        u.mentions = Counter(cid for _, _, cid in (m for s, e in parts for m in names.find(text, s, e)))
    _decide_person(units)
    characters = assign_voices(story, units, qi, names, proper, cast_given=context.cast is not None)
    segments = _merge(story, units)
    return {"segments": tuple(segments), "characters": tuple(characters)}


def _merge(story: Story, units: list[Unit]) -> list[Segment]:
    merged: list[list] = []
    for u in units:
        key = (u.person, u.narrator, u.pov)
        if merged and merged[-1][2] == key:
            merged[-1][1] = u.end
        else:
            merged.append([u.start, u.end, key])
    out = []
    for i, (s, e, (person, narrator, pov)) in enumerate(merged):
        end = merged[i + 1][0] if i + 1 < len(merged) else e
        out.append(Segment(s, end, person, narrator, pov))
    return out
