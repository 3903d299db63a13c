"""Structure: boilerplate, title, chapters, scenes and paragraphs as stand-off spans.

The stage works on *blocks* (physical paragraphs: a line, or a run of lines between blank
lines), marks the ones that are site clutter, repairs paragraphs the scraper broke, and
finds headings and scene breaks among the rest.
"""

from __future__ import annotations

import bisect

from fabula.model import Boilerplate, Chapter, Span, Story
from fabula.pipeline import Context, stage
from fabula.structure.blocks import Block, split_blocks
from fabula.structure.boilerplate import find_boilerplate
from fabula.structure.headings import heading_kind, is_scene_break


@stage(
    "structure",
    requires=("text",),
    provides=("title", "boilerplate", "chapters", "scenes", "paragraphs"),
)
def structure(story: Story, context: Context) -> dict:
    text = story.text
    blocks = split_blocks(text)
    boilerplate, title = find_boilerplate(text, blocks)
    if story.title and not title:
        title = story.title  # a title the reader found (HTML <title>, EPUB metadata)
    story_blocks = _outside(blocks, boilerplate)

    headings: list[tuple[Block, str]] = []
    breaks: list[Block] = []
    prose: list[Block] = []
    for b in story_blocks:
        kind = heading_kind(text[b.start : b.end])
        if kind:
            headings.append((b, kind))
        elif is_scene_break(text[b.start : b.end]):
            breaks.append(b)
        else:
            prose.append(b)
    headings = _drop_table_of_contents(headings, prose)
    heading_spans = {(b.start, b.end) for b, _ in headings}
    # Blocks that looked like headings but were dropped (a table of contents) are prose again.
    prose = sorted(
        prose + [b for b in story_blocks if heading_kind(text[b.start : b.end]) and (b.start, b.end) not in heading_spans],
        key=lambda b: b.start,
    )
    boilerplate += [Boilerplate(b.start, b.end, "heading") for b, _ in headings]
    paragraphs = _repair(text, prose)
    chapters = _chapters(text, headings, paragraphs)
    scenes = _scenes(text, chapters, breaks, headings, blocks, paragraphs)
    return {
        "title": title,
        "boilerplate": tuple(sorted(boilerplate, key=lambda b: (b.start, b.end))),
        "chapters": tuple(chapters),
        "scenes": tuple(scenes),
        "paragraphs": tuple(paragraphs),
    }


def _outside(blocks: list[Block], boilerplate: list[Boilerplate]) -> list[Block]:
    """The blocks that no boilerplate span overlaps."""
    spans = sorted((b.start, b.end) for b in boilerplate)
    starts = [s for s, _ in spans]
    kept = []
    for b in blocks:
        i = bisect.bisect_left(starts, b.end)  # spans starting before the block ends
        if any(e > b.start for _, e in spans[max(0, i - 3) : i]) or any(
            s <= b.start and e >= b.end for s, e in spans[:i]
        ):
            continue
        kept.append(b)
    return kept


def _drop_table_of_contents(headings: list[tuple[Block, str]], prose: list[Block]) -> list[tuple[Block, str]]:
    """A heading followed by another heading with (almost) no prose between is a contents line."""
    if len(headings) < 2:
        return headings
    starts = sorted(p.start for p in prose)

    kept = []
    for i, (b, kind) in enumerate(headings):
        nxt = headings[i + 1][0].start if i + 1 < len(headings) else None
        if nxt is not None:
            n_prose = bisect.bisect_left(starts, nxt) - bisect.bisect_left(starts, b.end)
            if n_prose == 0 and kind == "chapter" and headings[i + 1][1] == "chapter":
                continue
        kept.append((b, kind))
    return kept


def _repair(text: str, prose: list[Block]) -> list[Span]:
    """Join blocks the scraper split mid-sentence: ``He\\n\\n\\u00a0looked at me``."""
    out: list[Span] = []
    for b in prose:
        if out:
            prev = out[-1]
            tail = text[prev.end - 1]
            head = text[b.start]
            gap = text[prev.end : b.start]
            if head.islower() and tail.isalpha() and gap.count("\n") <= 3 and not gap.strip():
                out[-1] = Span(prev.start, b.end)
                continue
        out.append(Span(b.start, b.end))
    return out


def _chapters(text: str, headings: list[tuple[Block, str]], paragraphs: list[Span]) -> list[Chapter]:
    if not paragraphs:
        return []
    first, last = paragraphs[0].start, paragraphs[-1].end
    chapter_heads = [(b, k) for b, k in headings if k in ("chapter", "pov")]
    if not chapter_heads:
        return [Chapter(first, last, None)]
    chapters = []
    if first < chapter_heads[0][0].start and text[first : chapter_heads[0][0].start].strip():
        chapters.append(Chapter(first, chapter_heads[0][0].start, None))
    for i, (b, _) in enumerate(chapter_heads):
        end = chapter_heads[i + 1][0].start if i + 1 < len(chapter_heads) else max(last, b.end)
        chapters.append(Chapter(b.start, _rstrip(text, b.start, end), " ".join(text[b.start : b.end].split())))
    return chapters


def _scenes(text, chapters, breaks, headings, blocks, paragraphs) -> list[Span]:
    """Scenes are chapters cut at scene-break lines, POV headings and wide blank gaps."""
    cuts = {b.start for b in breaks} | {b.start for b, k in headings if k == "pov"}
    cuts |= _wide_gaps(text, paragraphs)
    starts = [p.start for p in paragraphs]
    scenes = []
    for ch in chapters:
        inner = sorted(c for c in cuts if ch.start < c < ch.end)
        bounds = [ch.start] + inner + [ch.end]
        for s, e in zip(bounds, bounds[1:]):
            lo, hi = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
            if hi > lo:
                scenes.append(Span(paragraphs[lo].start, paragraphs[hi - 1].end))
    return scenes


def _wide_gaps(text: str, paragraphs: list[Span]) -> set[int]:
    """Two or more blank lines between paragraphs mark a scene break, unless the text always does so."""
    gaps = [(p.start, text[q.end : p.start]) for q, p in zip(paragraphs, paragraphs[1:])]
    wide = [start for start, gap in gaps if gap.count("\n") >= 3]
    if gaps and len(wide) <= 0.2 * len(gaps):
        return set(wide)
    return set()


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
