"""Quotations: spans including their marks, found paragraph by paragraph.

Double quotes (straight or curly) are the norm; a paragraph without any double quote may use
single (British) quotes, told apart from apostrophes (``'tis``, ``o'clock``, ``the Bennets'``)
by what stands on either side.  A quote left open runs to the end of its paragraph, which is
also how a speech over several paragraphs is written.  Narration splits a speech in two.
"""

from __future__ import annotations

import re

from fabula.model import Quote, Span, Story
from fabula.pipeline import Context, stage

_DOUBLE = re.compile(r"[\"“”„«»]")
_OPENERS = "“„«"
_CLOSERS = "”»"
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘'](?=[^\s'‘’])")
_SINGLE_CLOSE = re.compile(r"(?<=[^\s‘])[’'](?=$|[\s,.;:!?)\]—–-])")
_ELISIONS = re.compile(r"(?:'|‘|’)(?:tis|twas|twere|em|cause|bout|til|till|ere|n|s|d|ll|re|ve|m|round|neath|nough)\b", re.IGNORECASE)


def double_quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quotes inside one paragraph, by pairing marks; an unclosed quote ends with the paragraph."""
    spans, open_at = [], None
    for m in _DOUBLE.finditer(text, start, end):
        ch = m.group()
        if open_at is None:
            if ch in _CLOSERS and spans == [] and m.start() == start:
                open_at = m.start()  # a closer used as an opener at the start of a paragraph
            elif ch in _CLOSERS:
                continue
            else:
                open_at = m.start()
        else:
            if ch in _OPENERS and ch != '"':
                open_at = m.start()  # two openers in a row: the first was never closed
                continue
            spans.append((open_at, m.end()))
            open_at = None
    if open_at is not None and text[open_at + 1 : end].strip():
        spans.append((open_at, end))
    return spans


def single_quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, pos = [], start
    while pos < end:
        m = _SINGLE_OPEN.search(text, pos, end)
        if not m:
            break
        if _ELISIONS.match(text, m.start()):
            pos = m.end()
            continue
        close = _SINGLE_CLOSE.search(text, m.end(), end)
        while close and text[close.start() - 1] == "s" and close.end() < end and text[close.end() : close.end() + 2].strip()[:1].islower():
            close = _SINGLE_CLOSE.search(text, close.end(), end)  # ``the Bennets' house``
        stop = close.end() if close else end
        spans.append((m.start(), stop))
        pos = stop
    return spans


def uses_single_quotes(text: str, paragraphs: tuple[Span, ...]) -> bool:
    """A book whose dialogue is in single quotes has few double marks and many opening singles."""
    doubles = len(_DOUBLE.findall(text))
    singles = sum(1 for p in paragraphs if text[p.start] in "‘'")
    return singles > 3 and doubles < singles


def find_quotes(text: str, paragraphs: tuple[Span, ...]) -> list[tuple[int, int]]:
    single_book = uses_single_quotes(text, paragraphs)
    spans = []
    for p in paragraphs:
        found = double_quote_spans(text, p.start, p.end)
        if not found and (single_book or text[p.start] in "‘"):
            found = single_quote_spans(text, p.start, p.end)
        spans.extend(found)
    return spans


@stage("quotes", requires=("text", "paragraphs"), provides=("quotes",))
def quotes_stage(story: Story, context: Context) -> dict:
    spans = find_quotes(story.text, story.paragraphs)
    return {"quotes": tuple(Quote(id=f"Q{i + 1}", start=s, end=e) for i, (s, e) in enumerate(spans))}
