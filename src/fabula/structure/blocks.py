"""Physical blocks of text: the raw material of paragraphs.

Scraped web fiction puts one paragraph on each (long) line; Gutenberg-style files wrap lines at
~70 characters and separate paragraphs with blank lines.  We pick the convention per document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median


@dataclass(frozen=True, slots=True)
class Block:
    start: int
    end: int


_LINE = re.compile(r"[^\n]+")
_BLANK_SPLIT = re.compile(r"\n[ \t\u00a0\u3000\r\f\v]*\n\s*")


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")


def one_paragraph_per_line(text: str) -> bool:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 2:
        return True
    if not _BLANK_LINE.search(text):  # (a blank line in a Windows file is ``\r\n\r\n``)
        return True
    return median(len(ln.rstrip()) for ln in lines) > 100


def split_blocks(text: str) -> list[Block]:
    """Blocks with surrounding white space trimmed (offsets into ``text``)."""
    if one_paragraph_per_line(text):
        pieces = ((m.start(), m.end()) for m in _LINE.finditer(text))
    else:
        pieces, pos = [], 0
        for m in _BLANK_SPLIT.finditer(text):
            pieces.append((pos, m.start()))
            pos = m.end()
        pieces.append((pos, len(text)))
    blocks = []
    for s, e in pieces:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            blocks.append(Block(s, e))
    return blocks
