"""Site clutter and title lines: found, classified and set aside, never deleted.

Each rule looks at one block; a glued footer (``ALANAWhere stories live. Discover now``)
splits into its title part and its footer part.
"""

from __future__ import annotations

import re

from fabula.model import Boilerplate
from fabula.structure.blocks import Block

_STAT = r"\d{1,3}(?:[.,]\d{1,3})?[KkMm]?"
_STATS = re.compile(rf"^\s*(?:(?:reads?|votes?|comments?|parts?)?\s*{_STAT}\s*){{2,4}}$", re.IGNORECASE)
_FOOTERS = (
    "Where stories live. Discover now",
    "Where stories live.",
    "Discover now",
    "Continue to next part",
    "Continue reading next part",
    "You've reached the end of published parts.",
    "Add to library",
    "Report this story",
)
_FOOTER = re.compile("|".join(re.escape(f) for f in _FOOTERS), re.IGNORECASE)
_PROMPT = re.compile(
    r"^(?:please\s+|don'?t\s+forget\s+to\s+|remember\s+to\s+|make\s+sure\s+to\s+)?"
    r"(?:vote|comment|follow|review|subscribe|like|share|leave\s+(?:a\s+)?(?:kudos|comment|review)|hit\s+(?:that|the)\s+star)"
    r"\b.{0,120}$"
    r"|^(?:kudos|bookmark|comments?\s*\(\d+\)|hits:\s*\d+|words:\s*\d+)\b.{0,60}$",
    re.IGNORECASE,
)
_AUTHOR_NOTE = re.compile(
    r"^(?:\(|\[)?\s*(?:a/n|a\.n\.|an:|author'?s?['’]?\s*notes?|note from the author|a note from\b|"
    r"chapter\s+(?:end\s+)?notes|end\s+notes|notes?:|disclaimer\s*:)",
    re.IGNORECASE,
)
_NAVIGATION = re.compile(
    r"^(?:[<«‹]+\s*)?(?:prev(?:ious)?|next|back|table of contents|contents|index|home|first|last)"
    r"(?:\s+(?:chapter|part|page))?(?:\s*[>»›]+)?(?:\s*[|/•·]\s*(?:[<«‹]+\s*)?(?:prev(?:ious)?|next|back|table of contents|"
    r"contents|index|home)(?:\s+(?:chapter|part|page))?(?:\s*[>»›]+)?)*$"
    r"|^chapter\s+\d+\s+of\s+\d+$",
    re.IGNORECASE,
)
_GUTENBERG_START = re.compile(r"\*\*\*\s*START OF (?:THE|THIS) PROJECT GUTENBERG", re.IGNORECASE)
_GUTENBERG_END = re.compile(r"\*\*\*\s*END OF (?:THE|THIS) PROJECT GUTENBERG|^End of (?:the )?Project Gutenberg", re.IGNORECASE | re.MULTILINE)


def find_boilerplate(text: str, blocks: list[Block]) -> tuple[list[Boilerplate], str | None]:
    """Return the boilerplate spans and the story title, if the page shows one."""
    found: list[Boilerplate] = []
    title: str | None = None
    found += _gutenberg(text)
    fenced = [(b.start, b.end) for b in found]

    def inside_fence(b: Block) -> bool:
        return any(s <= b.start and b.end <= e for s, e in fenced)

    for b in blocks:
        if inside_fence(b):
            continue
        block = text[b.start : b.end]
        kind = _classify(block)
        if kind:
            found.append(Boilerplate(b.start, b.end, kind))
            continue
        m = _FOOTER.search(block)
        if m and len(block) - (m.end() - m.start()) <= 80:
            head = block[: m.start()].rstrip()
            if head:
                found.append(Boilerplate(b.start, b.start + len(head), "title"))
                title = title or head.strip()
            found.append(Boilerplate(b.start + m.start(), b.end, "footer"))
    found.sort(key=lambda x: x.start)
    title_line = _title_line(text, blocks, found)
    if title_line is not None:
        found.append(title_line)
        title = text[title_line.start : title_line.end].strip()
        found.sort(key=lambda x: x.start)
    return found, title


def _classify(block: str) -> str | None:
    line = " ".join(block.split())
    if _STATS.match(line) and any(ch.isdigit() for ch in line):
        return "stats"
    if _FOOTER.fullmatch(line):
        return "footer"
    if len(line) <= 140 and _NAVIGATION.match(line):
        return "navigation"
    if len(line) <= 160 and _PROMPT.match(line) and not line.startswith(('"', "“", "'", "‘")):
        return "prompt"
    if _AUTHOR_NOTE.match(line):
        return "author_note"
    return None


def _gutenberg(text: str) -> list[Boilerplate]:
    """Project Gutenberg's header and licence, when the file still carries them."""
    out = []
    start = _GUTENBERG_START.search(text)
    if start:
        line_end = text.find("\n", start.end())
        line_end = len(text) if line_end < 0 else line_end
        out.append(Boilerplate(0, line_end, "license"))
    end = _GUTENBERG_END.search(text, start.end() if start else 0)
    if end:
        out.append(Boilerplate(end.start(), len(text.rstrip()), "license"))
    return out


_TITLE_END = re.compile(r"[.!?,;:\"”’'…)]$")


def _title_line(text: str, blocks: list[Block], found: list[Boilerplate]) -> Boilerplate | None:
    """A short first line without closing punctuation, followed by prose, is the story's title."""
    from fabula.structure.headings import heading_kind, is_scene_break

    taken = {(b.start, b.end) for b in found}
    if any(b.kind == "title" for b in found):
        return None
    rest = [b for b in blocks if (b.start, b.end) not in taken and not any(f.start <= b.start < f.end for f in found)]
    if len(rest) < 2:
        return None
    first, second = rest[0], rest[1]
    line = text[first.start : first.end]
    words = line.split()
    if not (1 <= len(words) <= 12) or "\n" in line or _TITLE_END.search(line):
        return None
    if line[0] in "\"“'‘(" or heading_kind(line) == "chapter" or is_scene_break(line):
        return None
    if sum(w[0].isupper() for w in words if w[0].isalpha()) < max(1, len(words) // 2):
        return None
    follower = text[second.start : second.end]
    if len(follower.split()) < 2 * len(words) and heading_kind(follower) != "chapter":
        return None
    return Boilerplate(first.start, first.end, "title")
