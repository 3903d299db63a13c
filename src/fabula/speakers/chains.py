"""Subject chains: whom a "he said" goes back to along the narration's sentence subjects.

'Mr. Darcy turned away. He looked out of the window. "No," he said.': the pronoun of a cue most
often goes on the chain of subjects before it: sentences whose subject is the same pronoun carry
the chain back to the last one whose subject is a name of that sex.  No parser: the subject is
what ``beats`` finds first in its sentence.  Features of the turn model (``decode.py``) read these.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import pairwise

from fabula.speakers import beats

LOOKBACK = 1500  # characters of text searched back from the quote
MAX_SENTENCES = 12


def narration_sentences(ix, start: int, end: int):
    """The narration sentences (quotes cut out) of ``[start, end)``, last first."""
    gaps, pos = [], start
    i = max(0, bisect_right(ix.quote_starts, start) - 1)
    for qs, qe in zip(ix.quote_starts[i:], ix.quote_ends[i:]):
        if qs >= end:
            break
        if qe <= pos:
            continue
        if qs > pos:
            gaps.append((pos, qs))
        pos = max(pos, qe)
    if pos < end:
        gaps.append((pos, end))
    for a, b in reversed(gaps):
        cuts = [a] + ix.sent_starts[bisect_right(ix.sent_starts, a) : bisect_left(ix.sent_starts, b)] + [b]
        for s, e in reversed(list(pairwise(cuts))):
            if ix.text[s:e].strip(" \t\n\"'\u201c\u201d\u2018\u2019,;:.!?\u2014-"):
                yield s, e


def subject(ix, start: int, end: int) -> tuple[str | None, str]:
    """(the character standing as subject, else None; the sex of a he/she subject, else "")."""
    who, _ = beats.split(ix, start, end)
    return who, "" if who else beats.pronoun_subject(ix, start, end)


def subject_antecedents(ix, pos: int, gender: str) -> tuple[str | None, str | None]:
    """For a cue pronoun of ``gender`` whose quote starts at ``pos``: (the named subject that a chain
    of subjects of that pronoun leads back to, or None; the last named subject of that sex)."""
    strict, chain = None, True
    for k, (s, e) in enumerate(narration_sentences(ix, max(0, pos - LOOKBACK), pos)):
        if k >= MAX_SENTENCES:
            break
        who, he = subject(ix, s, e)
        if who is not None:
            if ix.gender.get(who, "X") == gender:
                return (who if chain else strict), who
            chain = False
        elif he and he != gender:
            chain = False
    return strict, None


def pronoun_between(ix, start: int, end: int, gender: str) -> bool:
    """A narration sentence in ``[start, end)`` whose subject is a he/she of ``gender``."""
    return any(subject(ix, s, e)[1] == gender for s, e in narration_sentences(ix, start, end))
