"""Quotations: spans including their marks, found paragraph by paragraph.

Each paragraph is read in the style its first quotation mark announces: double quotes
(straight or curly; the norm) or single quotes (British style), so a book may mix both and
quotes nested in the other style are part of the outer quote.  Single marks are told apart
from apostrophes (``'tis``, ``o'clock``, ``the Bennets'``) by what stands on either side.
A quote left open runs to the end of its paragraph, which is also how a speech over several
paragraphs is written (each paragraph re-opens it).  Narration splits a speech in two.
Short quoted words inside narration (``a "case" last year``) are mentions, not speech, and
are dropped, as are quoted text that is written (letters, telegrams, headlines, epigraphs), a
phrase run into the narrator's sentence, and speech only meant or imagined (``he felt like
answering:``): the annotated corpora do not count them, and they break turn-taking.
Books that open speeches with a dash (``—Come up, Kinch!``) are recognised too, and so is
mind-link speech between asterisks where a text gives evidence of it (``quotes.asterisk``).
Everything is a regex pass over each paragraph: no per-token Python work.
"""

from __future__ import annotations

from fabula.model import Quote, Span, Story
from fabula.pipeline import Context, stage
from fabula.quotes.asterisk import asterisk_quotes
from fabula.quotes.marks import (
    dash_quotes,
    paragraph_quotes,
    uses_dash_dialogue,
    uses_single_quotes,
)
from fabula.quotes.speech import is_fragment, is_mention, is_unspoken, not_speech

__all__ = ["find_quotes", "quotes_stage"]


def find_quotes(text: str, paragraphs: tuple[Span, ...]) -> list[tuple[int, int]]:
    single_book = uses_single_quotes(text)
    dash_book = uses_dash_dialogue(text, paragraphs)
    by_para: list[list[tuple[int, int]]] = []
    for p in paragraphs:
        dashed = dash_quotes(text, p.start, p.end) if dash_book else None
        if dashed:
            by_para.append(dashed)
            continue
        kept: list[tuple[int, int]] = []
        for s, e in paragraph_quotes(text, p.start, p.end, single_book):
            if not (is_mention(text, s, e, p.start) or is_unspoken(text, s, e, p.start, p.end)
                    or not kept and is_fragment(text, s, e, p.start, p.end)):
                kept.append((s, e))
        by_para.append(kept)
    drop = not_speech(text, paragraphs, by_para)
    starred = asterisk_quotes(text, paragraphs, by_para)
    return [span for spans, stars in zip(by_para, starred) for span in sorted(spans + stars) if span not in drop]


@stage("quotes", requires=("text", "paragraphs"), provides=("quotes",))
def quotes_stage(story: Story, context: Context) -> dict:
    spans = find_quotes(story.text, story.paragraphs)
    return {"quotes": tuple(Quote(id=f"Q{i + 1}", start=s, end=e) for i, (s, e) in enumerate(spans))}
