"""Pronoun and nominal resolution: gender, recency and salience (no coreference model).

Order of preference for ``she said``: the speaker already found in this paragraph; a name of
that gender standing as a subject earlier in the paragraph; the participant of that gender
in the running conversation (the last one of that gender to speak: on PDNC a "she" after a
narration beat goes on more often than it answers back); the nearest name of that gender
before; the most mentioned character of that gender.
"""

from __future__ import annotations

import re

from fabula.speakers.context import Index

# a name standing as a subject: after a stop, a paragraph break or "and"/"but"/"then"/"when"/"as"/"while"
# (not after the break of a hard-wrapped line: "which poor\nMr Lake, the drawing-master, ..."; but a line
# that ends on a colon, a dash or a bracket ends a paragraph of a one-paragraph-per-line text)
SUBJECT_BEFORE = re.compile(r"(?:^|[.!?;\"”’]\s*|\n[ \t]*\n\s*|[:\u2014\u2026)][ \t]*\n\s*"
                            r"|\b(?:and|but|then|when|as|while)\s+)$")
LOOKBACK = 2500  # characters of narration searched for an antecedent


_PRONOUN = {"F": re.compile(r"\b[Ss]he\b"), "M": re.compile(r"\b[Hh]e\b")}
_POSSESSIVE = {"F": re.compile(r"\s*,\s*her\b"), "M": re.compile(r"\s*,\s*his\b")}


def _other_than_pronoun(ix: Index, m, want: str, par_start: int) -> bool:
    """A name the pronoun's referent stands beside, so not that referent: "Millie, her maid" (the
    apposition owned by "her"), "he took the mirror from Stephen's eyes" (a name after a "he" of its
    own sentence and not its subject)."""
    if want not in _PRONOUN:
        return False
    if _POSSESSIVE[want].match(ix.text, m.end):
        return True
    start = max(par_start, ix.sentence_start(m.start))
    if SUBJECT_BEFORE.search(ix.text, max(0, m.start - 8), m.start):
        return False
    return any(not ix.inside_quote(start + p.start()) for p in _PRONOUN[want].finditer(ix.text, start, m.start))


def _acting(ix: Index, before: list, conv_turns: list[str]):
    """The nearest name before whose bearer has acted in the narration so far (a subject once) or talks:
    "a home for poor Medora" names no one a later "she" is about."""
    first = getattr(ix, "_first_subject", None)
    if first is None:
        first = {}
        for m in ix.mentions:
            if m.kind == "name" and not ix.inside_quote(m.start) and m.character not in first \
                    and SUBJECT_BEFORE.search(ix.text, max(0, m.start - 8), m.start):
                first[m.character] = m.start
        ix._first_subject = first
    pos = before[-1].start
    ok = lambda c: c in conv_turns or first.get(c, pos + 1) <= pos
    return next((m for m in reversed(before) if ok(m.character)), before[-1])


def _prior_narrator(ix: Index, want: str, pos: int, exclude: set[str]) -> str | None:
    """In his chapter after hers, "she" is the narrator of the part before, while his own narration has named
    no one of her sex: she was "I" there, so no name of hers stands in the text to be found."""
    seg = ix.segment_at(pos)
    if seg is None or seg.person != "first" or seg.narrator is None:
        return None
    i = ix.segments.index(seg)
    prior = next((s for s in reversed(ix.segments[:i]) if s.person == "first" and s.narrator), None)
    if prior is None or prior.narrator == seg.narrator or prior.narrator in exclude \
            or ix.gender.get(prior.narrator, "X") != want:
        return None
    named = any(not ix.inside_quote(m.start) and m.kind != "nominal" and ix.gender.get(m.character, "X") == want
                for m in ix.mentions_between(seg.start, pos))
    return None if named else prior.narrator


def _ok(gender: str, want: str, strict: bool) -> bool:
    return gender == want if strict else gender in (want, "X")


CONTINUING = frozenset({"added", "adds", "continued", "continues", "went on", "goes on", "resumed", "resumes",
                        "repeated", "repeats", "persisted", "pursued", "concluded"})


# a word in lower case right before a name: the name is an object ("go find Theo"), not a subject
_OBJECT_BEFORE = re.compile(r"\b(?!(?:and|but|or|nor|yet|then|when|while|as|so|until|till|because|that|who|which|where|"
                            r"if|though|although|since|after|before|once|unless|whereupon|whilst|now)\b)[a-z]+\s+$")


def resolve_gendered(ix: Index, want: str, pos: int, par_start: int, par_speakers: list[str],
                     conv_turns: list[str], exclude: set[str], top_by_gender: dict[str, str],
                     verb: str = "", quote_first: bool = False, addressed: tuple[str, ...] = ()) -> tuple[str | None, float]:
    g = ix.gender
    for cid in reversed(par_speakers):  # '"...," said the surgeon ... "...," he said': one of no known sex counts
        if g.get(cid, "X") in (want, "X") and cid not in exclude:
            return cid, 0.85
    if verb in CONTINUING and conv_turns and g.get(conv_turns[-1], "X") == want and conv_turns[-1] not in exclude:
        return conv_turns[-1], 0.75
    in_par = [m for m in ix.mentions_between(par_start, pos) if not ix.inside_quote(m.start) and m.kind != "nominal"
              and not _other_than_pronoun(ix, m, want, par_start)]
    if quote_first and not in_par:
        for cid in addressed:  # the one just spoken to answers
            if g.get(cid, "X") == want and cid not in exclude and (not conv_turns or cid != conv_turns[-1]):
                return cid, 0.72
    if quote_first and not any(g.get(m.character, "X") == want for m in in_par):
        # a narration paragraph just before: its subject of that gender is about to speak
        pi = ix.paragraph(par_start)
        if pi > 0:
            prev = ix.story.paragraphs[pi - 1]
            if not ix.quotes_between(prev.start, prev.end):
                ms = [m for m in ix.mentions_between(prev.start, prev.end)
                      if m.kind != "nominal" and g.get(m.character, "X") == want and m.character not in exclude
                      and not _other_than_pronoun(ix, m, want, prev.start)]
                if ms:
                    subj = [m for m in ms if SUBJECT_BEFORE.search(ix.text, max(0, m.start - 8), m.start)]
                    talking = any(g.get(c, "X") == want and c not in exclude for c in conv_turns[-4:])
                    if subj or not (talking and _OBJECT_BEFORE.search(ix.text, max(0, ms[-1].start - 20), ms[-1].start)):
                        return (subj[-1] if subj else ms[-1]).character, 0.71
                    # "... she has to go find Theo. ¶ "...," He says': the object of a verb, not the one talking
    if quote_first and len(conv_turns) >= 2:
        a, b = conv_turns[-2], conv_turns[-1]
        if a != b and g.get(a, "X") == want and a not in exclude and not any(
                g.get(m.character, "X") == want for m in in_par):
            return a, 0.7
    for strict in (True, False):
        cands = [m for m in in_par if _ok(g.get(m.character, "X"), want, strict) and m.character not in exclude]
        if cands:
            subj = [m for m in cands if SUBJECT_BEFORE.search(ix.text, max(0, m.start - 8), m.start)]
            return (subj[-1] if subj else cands[-1]).character, 0.75
        recent = []
        for cid in reversed(conv_turns[-8:]):
            if cid not in recent and cid not in exclude and _ok(g.get(cid, "X"), want, strict):
                recent.append(cid)
        if recent:
            if len(recent) > 1 and conv_turns and recent[0] == conv_turns[-1]:
                return recent[0], 0.6
            return recent[0], 0.69
        before = [m for m in ix.mentions_between(max(0, par_start - LOOKBACK), par_start)
                  if not ix.inside_quote(m.start) and m.kind != "nominal" and _ok(g.get(m.character, "X"), want, strict) and m.character not in exclude]
        if strict and (prior := _prior_narrator(ix, want, par_start, exclude)):
            return prior, 0.5
        if before:
            return _acting(ix, before, conv_turns).character, 0.5
    top = top_by_gender.get(want)
    if top and top not in exclude:
        return top, 0.3
    return None, 0.0
