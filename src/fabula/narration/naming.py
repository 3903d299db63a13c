"""Who tells a stretch: evidence for the first-person narrator and the third-person POV.

A first-person narrator is rarely named in their own narration; others name them when they
speak to them.  So a vocative (``"Ella," James said``) in a quote spoken by someone else is
evidence for the narrator, a vocative in the narrator's own quote (``"Not now, James," I said``)
is evidence against, and a name used in the narration itself (``James nodded``) is someone else.
Who speaks a quote is read off the nearest narration in its paragraph: whichever of ``I/my``
or ``he/she/<name>`` comes first.
"""

from __future__ import annotations

import re
from collections import Counter

from fabula.lexicon import GREETING_LEADS, HONORIFICS, NOT_VOCATIVES, alternation
from fabula.model import Story
from fabula.narration.text import NameIndex, QuoteIndex

_TITLES = alternation(h.capitalize() for h in HONORIFICS)
_NAME = rf"(?:{_TITLES}\.?\s+)?[A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+){{0,2}}"
_LEAD = rf"(?:{alternation(w.capitalize() for w in GREETING_LEADS)}[,!]?\s+)?"
VOCATIVE_START = re.compile(rf"^[\"“”‘'«]\s*{_LEAD}({_NAME})\s*(?:[,!?]|\.\.\.|…)")
VOCATIVE_END = re.compile(rf"[,;—–]\s*(?:my dear\s+|dear\s+)?({_NAME})\s*(?:[.!?…]+|\.\.\.)?\s*[\"”’'»]?$")
VOCATIVE_MID = re.compile(rf"[,.!?]\s+({_NAME}),\s")
SELF_NAME = re.compile(
    rf"\b(?:[Mm]y name is|[Mm]y name's|[Cc]all me|[Tt]hey call me|I am called|I'm called)\s+({_NAME})"
    rf"|\bI,\s+({_NAME}),"
)
_OWNER = re.compile(r"\b(I|my|me|[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Tt]hey|[Tt]heir|[A-Z][a-z]+)\b")
PERCEPTION = re.compile(
    r"\s+(?:could\s+|can\s+|did\s+|had\s+|suddenly\s+|still\s+|just\s+)?"
    r"(?:felt|feels|saw|sees|heard|hears|thought|thinks|wondered|wonders|knew|knows|realized|realised|realizes|"
    r"noticed|notices|watched|watches|sensed|senses|remembered|remembers|wished|wishes|hoped|hopes|feared|"
    r"imagined|believed|decided|understood|recalled|longed|wanted|wants|see|hear|feel|smell|tell|"
    r"looked|looks|glanced|stared|gazed|swallowed|sighed)\b"
)


def quote_owner(story: Story, qi: QuoteIndex, names: NameIndex, start: int, end: int, par_start: int, par_end: int) -> str:
    """``"self"`` (the narrator speaks), ``"other"`` or ``"unknown"``, from the nearest narration."""
    text = story.text
    nxt = [s for s, _ in qi.in_range(end, par_end)]
    after = text[end : nxt[0] if nxt else par_end]
    after = re.split(r"(?<=[.!?])\s", after.strip(), maxsplit=1)[0] if after.strip() else ""
    prev = [e for _, e in qi.in_range(par_start, start) if e <= start]
    before = text[prev[-1] if prev else par_start : start]
    before = re.split(r"[.!?]\s+", before.strip())[-1] if before.strip() else ""
    for ctx in (after, before):
        for m in _OWNER.finditer(ctx):
            w = m.group(1)
            if w in ("I", "my", "me"):
                return "self"
            if w[0].isupper() and w not in ("He", "She", "His", "Her", "They", "Their") and not names.lookup(w):
                continue  # a capitalised word that is no known character
            return "other"
    return "unknown"


def vocatives(quote_text: str) -> list[str]:
    found = []
    for rx in (VOCATIVE_START, VOCATIVE_END, VOCATIVE_MID):
        for m in rx.finditer(quote_text):
            name = m.group(1).strip()
            if name.split()[0].lower() not in NOT_VOCATIVES:
                found.append(name)
    return found


def narrator_evidence(story: Story, qi: QuoteIndex, names: NameIndex, paragraphs, start: int, end: int) -> Counter:
    """Scores for names (as found in the text) being the narrator of [start, end)."""
    text = story.text
    score: Counter = Counter()
    for m in SELF_NAME.finditer(text, start, end):
        if not qi.inside(m.start()):
            score[(m.group(1) or m.group(2)).strip()] += 6
    for p in paragraphs:
        for qs, qe in qi.in_range(p.start, p.end):
            found = vocatives(text[qs:qe])
            if not found:
                continue
            owner = quote_owner(story, qi, names, qs, qe, p.start, p.end)
            weight = {"other": 3, "unknown": 1, "self": -3}[owner]
            for name in found:
                score[name] += weight
    return score


def resolve(score: Counter, names: NameIndex, narration_mentions: Counter) -> Counter:
    """Fold names onto character ids where possible (``Mr. Hastings`` and ``Hastings`` agree);
    a character named in the narration is discounted: narrators do not name themselves."""
    out: Counter = Counter()
    for name, s in score.items():
        key = names.lookup(name) or name
        out[key] += s
    for key in list(out):
        out[key] -= 0.5 * narration_mentions.get(key, 0)
    return out


def perception_subjects(text: str, parts, names: NameIndex, pronoun_owner) -> Counter:
    """Characters who feel, see and think in the narration: ``Alesia could see``, ``she felt``."""
    found: Counter = Counter()
    for s, e in parts:
        for ms, me, cid in names.find(text, s, e):
            if PERCEPTION.match(text, me):
                found[cid] += 2
        for m in re.finditer(r"\b([Hh]e|[Ss]he)\b", text[s:e]):
            if PERCEPTION.match(text, s + m.end()):
                who = pronoun_owner(s + m.start(), m.group(1).lower())
                if who:
                    found[who] += 1
    return found
