"""Narration beats around a turn: who acts in the sentence next to a quote, and who is acted upon.

'A quizzical gleam came into the doctor's eye as he shook hands with Julius. "Well?"': the actor
of the beat right before an uncued quote usually speaks it, the one he turns to usually does not
(he answers next).  The subject is found by position, without a parser: a name or description
("the doctor", "the doctor's eye") first in its sentence, after at most a short lead-in ("Then",
"Still startled,").  Features of the turn model (``decode.py``) read these.
"""

from __future__ import annotations

import re

# "After about a quarter of an hour ", "In the hall ": a phrase of time or place without a comma, in lower case
# (no name in it, no verb: "After seeing the doctor Mara left" has no subject "the doctor"), before the subject
_NOT_IN_PP = r"(?!(?:he|she|it|they|we|you|him|her|his|its|their|had|was|were|said)\b)"
_PP = (r"(?-i:(?:[Aa]fter|[Bb]efore|[Ii]n|[Aa]t|[Oo]n|[Ff]or|[Dd]uring|[Ww]ithin|[Uu]pon|[Bb]y)\s+(?![a-z]+ing\b)"
       rf"{_NOT_IN_PP}[a-z]+(?:\s+{_NOT_IN_PP}[a-z]+){{0,6}}\s+)")
# "Then ", "But presently ", "Still startled, ", "When he saw Aziz, ": what may stand before a subject
_LEAD = re.compile(r"[\s\"'\u201c\u201d\u2018\u2019(\u2014-]*(?:(?:and|but|so|then|now|here|there|at last|at once|"
                   r"at length|again|still|yet|presently|suddenly|meanwhile|instantly|slowly|only|just|even|also|\w+ly)[\s,]+)*"
                   r"(?:[^.!?;:\"\u201c\u201d]{1,60},\s+|" + _PP + r")?$", re.IGNORECASE)
_END = re.compile(r"[.!?](?:[\"'\u201d\u2019)]*)(?=\s|$)|\n\s*\n")
# "the doctor's eye", "Aziz's voice": the owner of a face or a voice is the one who acts
_OWNS = re.compile(r"['\u2019]s?\s+(?:\w+\s+)?(?:eyes?|face|voice|tone|lips|mouth|brow|cheeks?|smile|glance|look|"
                   r"head|hands?|features|countenance|expression|manner)\b", re.IGNORECASE)
SPAN = 400  # characters of narration read on either side


def _mentions(ix, start: int, end: int):
    return [m for m in ix.mentions_between(start, end) if m.kind in ("name", "nominal") and not ix.inside_quote(m.start)]


def split(ix, start: int, end: int) -> tuple[str | None, list[str]]:
    """(the subject, the others named) of one narration sentence ``[start, end)``."""
    subject, owner, others = None, None, []
    he = _PRONOUN.search(ix.text, start, end)
    he_at = he.start() if he is not None and _LEAD.match(ix.text, start, he.start()) else end
    for m in _mentions(ix, start, end):
        if subject is None and _LEAD.match(ix.text, start, m.start):
            subject = m.character
        elif m.character != subject and m.character not in others:
            others.append(m.character)
            if owner is None and m.start < he_at and _OWNS.match(ix.text, m.end):
                owner = m.character  # not after a he/she subject: "he took the mirror from Kaelan's eyes"
    if subject is None and owner is not None:  # "a gleam came into the doctor's eye"
        subject = owner
        others.remove(owner)
    return subject, [c for c in others if c != subject]


_PRONOUN = re.compile(r"\b(he|she)\b(?!\s+(?:said|says|asked|replied|answered|cried)\b)", re.IGNORECASE)


def leads_to(ix, start: int, pos: int) -> bool:
    """Whether the words from a sentence's ``start`` to ``pos`` may stand before its subject ("Then ", "Still startled, ")."""
    return bool(_LEAD.match(ix.text, start, pos))


def pronoun_subject(ix, start: int, end: int) -> str:
    """"She smiled." / "Then he shook his head.": the sex of a pronoun subject of the sentence, or ""."""
    m = _PRONOUN.search(ix.text, start, end)
    if m is None or not _LEAD.match(ix.text, start, m.start()):
        return ""
    return "F" if m.group(1).lower() == "she" else "M"


def last_sentence(ix, region_start: int, quote_start: int) -> tuple[int, int]:
    """The last narration sentence between ``region_start`` and a quote (empty if none)."""
    start = max(region_start, quote_start - SPAN)
    text = ix.text
    end = quote_start
    while end > start and text[end - 1] in " \t\n\"'\u201c\u2018:,\u2014-":
        end -= 1
    if end <= start:
        return start, start
    s = start
    for m in _END.finditer(text, start, end - 1):
        s = m.end()
    return s, end


def first_sentence(ix, quote_end: int, region_end: int) -> tuple[int, int]:
    """The first narration sentence after a quote, up to ``region_end``."""
    end = min(region_end, quote_end + SPAN)
    m = _END.search(ix.text, quote_end, end)
    return quote_end, m.end() if m else end


def before(ix, region_start: int, quote_start: int) -> tuple[str | None, list[str]]:
    """The last narration sentence between ``region_start`` and a quote: (subject, others)."""
    return split(ix, *last_sentence(ix, region_start, quote_start))


def after(ix, quote_end: int, region_end: int) -> tuple[str | None, list[str]]:
    """The first narration sentence after a quote, up to ``region_end``: (subject, others)."""
    return split(ix, *first_sentence(ix, quote_end, region_end))
