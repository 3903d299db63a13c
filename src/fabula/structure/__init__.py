"""Structure: boilerplate, title, chapters, scenes and paragraphs as stand-off spans.

The stage works on *blocks* (physical paragraphs: a line, or a run of lines between blank
lines), marks the ones that are site clutter, repairs paragraphs the scraper broke, and
finds headings and scene breaks among the rest.  The highest-ranked kind of heading the
book uses makes its chapters; lower kinds (a lone numeral inside a ``CHAPTER``, a POV line)
cut scenes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from fabula.model import Boilerplate, Chapter, Span, Story
from fabula.pipeline import Context, stage
from fabula.structure.blocks import Block, split_blocks
from fabula.structure.boilerplate import find_boilerplate
from fabula.structure.headings import (
    Heading,
    is_named_section,
    is_pov_marker,
    is_scene_break,
    join_title,
    numeral_style,
    parse_heading,
    title_like,
)

# Heading kinds from the top of a book's hierarchy down; see fabula.structure.headings.
RANKS = ("part", "chapter", "number", "pov", "caps")


@dataclass(frozen=True, slots=True)
class _Head:
    start: int
    end: int
    kind: str
    title: str


@stage(
    "structure",
    requires=("text",),
    provides=("title", "boilerplate", "chapters", "scenes", "paragraphs"),
)
def structure(story: Story, context: Context) -> dict:
    text = story.text
    blocks = split_blocks(text)
    boilerplate, title = find_boilerplate(text, blocks)
    story_blocks = _outside(blocks, boilerplate)

    heads, breaks, prose, contents = _classify(text, story_blocks)
    level = _chapter_level(heads)
    boilerplate, title, heads = _title_or_heading(text, boilerplate, title, heads, level, story_blocks)
    if level == ("number",):
        heads, stray = _stray_numerals(text, heads, prose)
        prose = sorted(prose + stray, key=lambda b: b.start)
    title = title or story.title  # else a title the reader found (HTML <title>, EPUB metadata)
    chapter_heads, toc = _drop_table_of_contents([h for h in heads if h.kind in level], prose)
    toc_spans = {(h.start, h.end) for h, _ in toc}
    heads = [h for h in heads if (h.start, h.end) not in toc_spans]
    boilerplate += [Boilerplate(h.start, h.end, "heading") for h in heads]
    boilerplate += [Boilerplate(h.start, h.end, "heading" if lone else "navigation") for h, lone in toc] + contents
    paragraphs = _repair(text, prose)
    chapters = _chapters(chapter_heads, paragraphs)
    section_cuts = [h.start for h in heads if RANKS.index(h.kind) > max(RANKS.index(k) for k in level)] if level else []
    scenes = _scenes(text, chapters, [b.start for b in breaks] + section_cuts, paragraphs)
    return {
        "title": title,
        "boilerplate": tuple(sorted(boilerplate, key=lambda b: (b.start, b.end, b.kind))),
        "chapters": tuple(chapters),
        "scenes": tuple(scenes),
        "paragraphs": tuple(paragraphs),
    }


def _title_or_heading(text, boilerplate, title, heads, level, story_blocks):
    """A title line shaped like the book's chapter headings is the first chapter's heading.

    (A collection whose stories open with capitals: ``THE SISTERS`` is a story, not the book.)
    """
    first_story = story_blocks[0].start if story_blocks else len(text)
    lines = [b for b in boilerplate if b.kind == "title" and b.end <= first_story]
    if not lines or not level or not any(h.kind in level for h in heads):
        return boilerplate, title, heads
    top = lines[0]
    h = parse_heading(text[top.start : top.end])
    if h is None or h.kind not in level:
        return boilerplate, title, heads
    boilerplate = [b for b in boilerplate if b is not top]
    heads = sorted(heads + [_Head(top.start, top.end, h.kind, h.title)], key=lambda x: x.start)
    return boilerplate, None, heads


def _outside(blocks: list[Block], boilerplate: list[Boilerplate]) -> list[Block]:
    """The blocks that no boilerplate span overlaps (both lists are in text order)."""
    spans = sorted((b.start, b.end) for b in boilerplate)
    starts = [s for s, _ in spans]
    max_end, running = [], -1
    for _, e in spans:
        running = max(running, e)
        max_end.append(running)
    kept = []
    for b in blocks:
        i = bisect.bisect_left(starts, b.end)  # spans that start before the block ends
        if i and max_end[i - 1] > b.start:
            continue
        kept.append(b)
    return kept


def _classify(text: str, blocks: list[Block]):
    """Split blocks into headings (with subtitles merged), scene breaks, prose and contents lists."""
    heads: list[_Head] = []
    breaks: list[Block] = []
    prose: list[Block] = []
    other: list[Boilerplate] = []  # subtitles and contents lists
    parsed = [parse_heading(text[b.start : b.end]) for b in blocks]
    i = 0
    while i < len(blocks):
        b, h = blocks[i], parsed[i]
        chunk = text[b.start : b.end]
        if h is not None:
            if _takes_subtitle(h, text, blocks, parsed, i):
                nxt = blocks[i + 1]
                heads.append(_Head(b.start, b.end, h.kind, join_title(h.title, " ".join(text[nxt.start : nxt.end].split()))))
                other.append(Boilerplate(nxt.start, nxt.end, "heading"))
                i += 2
                continue
            heads.append(_Head(b.start, b.end, h.kind, h.title))
        elif is_scene_break(chunk):
            breaks.append(b)
        elif _is_contents(chunk):
            other.append(Boilerplate(b.start, b.end, "navigation"))
        else:
            prose.append(b)
        i += 1
    return heads, breaks, prose, other


def _takes_subtitle(h: Heading, text: str, blocks: list[Block], parsed: list, i: int) -> bool:
    """``1`` / ``The Old Sea-dog at the Admiral Benbow`` / prose: the second line names the chapter."""
    if h.kind not in ("part", "chapter", "number") or h.title != " ".join(text[blocks[i].start : blocks[i].end].split()):
        return False
    if i + 1 >= len(blocks):
        return False
    nxt = blocks[i + 1]
    line = text[nxt.start : nxt.end]
    if "\n" in line or is_scene_break(line) or is_pov_marker(line) or not title_like(" ".join(line.split()), strict=True):
        return False
    if parsed[i + 1] is not None and parsed[i + 1].kind not in ("pov", "caps") and not (
        h.kind != "part" and is_named_section(line)  # ``CHAPTER 25`` / ``Postscript``
    ):
        return False
    # It must be followed by prose (or end the text), or it is a contents line or a heading of its own.
    return i + 2 >= len(blocks) or parsed[i + 2] is None


_CONTENTS_LINE = re.compile(r"^\s*(?:chapter|part|book|letter|[IVXLC]+\b|\d{1,3}\b)", re.IGNORECASE | re.MULTILINE)


def _is_contents(chunk: str) -> bool:
    """A block of several lines that are mostly chapter headings is a table of contents."""
    if len(chunk) > 20_000 or chunk.count("\n") < 2 or len(_CONTENTS_LINE.findall(chunk)) < 3:
        return False
    lines = [ln for ln in chunk.split("\n") if ln.strip()]
    hits = sum(1 for ln in lines if (h := parse_heading(ln)) is not None and h.kind in ("part", "chapter", "number"))
    return hits >= 3 and hits >= 0.6 * len(lines)


def _chapter_level(heads: list[_Head]) -> tuple[str, ...]:
    """The heading kinds that make chapters in this book."""
    count = {k: sum(1 for h in heads if h.kind == k) for k in RANKS}
    named = sum(1 for h in heads if h.kind == "chapter" and is_named_section(h.title))
    if count["chapter"] > named:
        return ("chapter",)
    if count["number"] >= 2:
        # ``PROLOGUE`` then ``I``, ``II``...: the named sections stand beside the numbered chapters
        return ("chapter", "number") if named else ("number",)
    if named:
        return ("chapter",)
    if count["pov"] + count["caps"]:
        return ("pov", "caps")
    if count["part"] or count["number"]:
        return ("part", "number")
    return ()


def _stray_numerals(text: str, heads: list[_Head], prose: list[Block]) -> tuple[list[_Head], list[Block]]:
    """A numeral line in a minority style that breaks the count is text, not a chapter.

    ``[ 13 ]`` … ``I.`` … ``[ 14 ]``: a character writes ``I.`` in the sand.  Only when one
    style makes at least four fifths of the numbered headings that open some text (a part's
    ``— I —`` right over ``[ 1 ]`` does not count), at least four of them; a minority heading
    that continues the count (``3.`` after ``2``) stays a chapter.
    """
    starts = [p.start for p in prose]
    styles = {}
    for i, h in enumerate(heads):
        limit = heads[i + 1].start if i + 1 < len(heads) else len(text)
        if h.kind == "number" and bisect.bisect_left(starts, limit) > bisect.bisect_left(starts, h.end):
            styles[id(h)] = numeral_style(text[h.start : h.end])
    counts: dict[str, int] = {}
    for st in styles.values():
        if st:
            counts[st[0]] = counts.get(st[0], 0) + 1
    if not counts:
        return heads, []
    main, n_main = max(sorted(counts.items()), key=lambda t: t[1])
    if n_main < 4 or n_main < 0.8 * sum(counts.values()):
        return heads, []
    kept, stray, last = [], [], None  # last: the value of the previous main-style heading
    for h in heads:
        st = styles.get(id(h))
        if st is None or st[0] == main:
            last = st[1] if st and st[0] == main else last
            kept.append(h)
        elif last is not None and st[1] != last + 1 and h.title == " ".join(text[h.start : h.end].split()):
            stray.append(Block(h.start, h.end))
        else:
            kept.append(h)
    return kept, stray


def _drop_table_of_contents(heads: list[_Head], prose: list[Block]) -> tuple[list[_Head], list[tuple[_Head, bool]]]:
    """A chapter heading with no prose before the next one is a contents line, not a chapter;
    a lone one (``— I —`` over ``[ 1 ]``) is a heading above the chapter: (head, lone) pairs."""
    starts = [p.start for p in prose]
    empty = [
        i + 1 < len(heads) and bisect.bisect_left(starts, heads[i + 1].start) == bisect.bisect_left(starts, h.end)
        for i, h in enumerate(heads)
    ]
    kept, toc = [], []
    for i, h in enumerate(heads):
        if empty[i]:
            toc.append((h, not (i and empty[i - 1]) and not (i + 1 < len(heads) and empty[i + 1])))
        else:
            kept.append(h)
    return kept, toc


def _repair(text: str, prose: list[Block]) -> list[Span]:
    """Join blocks the scraper split mid-sentence: ``He\\n\\n\\u00a0looked at me``."""
    out: list[Span] = []
    for b in prose:
        if out:
            prev = out[-1]
            tail = text[prev.end - 1]
            head = text[b.start]
            gap = text[prev.end : b.start]
            if head.islower() and (tail.isalpha() or tail == ",") and gap.count("\n") <= 3 and not gap.strip():
                out[-1] = Span(prev.start, b.end)
                continue
        out.append(Span(b.start, b.end))
    return out


def _chapters(heads: list[_Head], paragraphs: list[Span]) -> list[Chapter]:
    """Each chapter runs from its heading to its last paragraph before the next chapter heading."""
    if not paragraphs:
        return []
    ends = [p.end for p in paragraphs]
    starts = [p.start for p in paragraphs]
    if not heads:
        return [Chapter(paragraphs[0].start, paragraphs[-1].end, None)]
    chapters = []
    first = heads[0].start
    n_before = bisect.bisect_left(starts, first)
    if n_before:
        chapters.append(Chapter(paragraphs[0].start, paragraphs[n_before - 1].end, None))
    for i, h in enumerate(heads):
        limit = heads[i + 1].start if i + 1 < len(heads) else float("inf")
        j = bisect.bisect_left(starts, limit)  # paragraphs before the next chapter
        end = ends[j - 1] if j and starts[j - 1] >= h.start else h.end
        chapters.append(Chapter(h.start, max(end, h.end), h.title))
    return chapters


def _scenes(text: str, chapters: list[Chapter], cuts: list[int], paragraphs: list[Span]) -> list[Span]:
    """Scenes are chapters cut at scene-break lines, lower-ranked headings and wide blank gaps."""
    cuts = sorted(set(cuts) | _wide_gaps(text, paragraphs))
    starts = [p.start for p in paragraphs]
    scenes = []
    for ch in chapters:
        inner = cuts[bisect.bisect_right(cuts, ch.start) : bisect.bisect_left(cuts, ch.end)]
        bounds = [ch.start] + inner + [ch.end]
        for s, e in zip(bounds, bounds[1:]):
            lo, hi = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
            if hi > lo:
                scenes.append(Span(paragraphs[lo].start, paragraphs[hi - 1].end))
    return scenes


def _wide_gaps(text: str, paragraphs: list[Span]) -> set[int]:
    """Two or more blank lines between paragraphs mark a scene break, unless the text always does so."""
    gaps = [(p.start, text[q.end : p.start]) for q, p in zip(paragraphs, paragraphs[1:])]
    wide = [start for start, gap in gaps if gap.count("\n") >= 3 and not gap.strip()]
    if gaps and len(wide) <= 0.2 * len(gaps):
        return set(wide)
    return set()
