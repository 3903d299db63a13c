"""The turn model's features: each conversation's turns, candidates and what the text says about them.

The greedy attributor reads cues left to right and chains uncued turns on whoever it chose
before, so one wrong anchor spreads.  Here every paragraph of quotes (a *turn*) scores each
candidate of its conversation with general features (what the cue says, gender, vocatives,
who is named in the narration, the narrator, the antecedents of a ``she said``: the nearest
name and the nearest subject of that gender since the turn before); ``lattice.py`` adds a score for
going on speaking and for answering back and decodes the conversation as a whole, so a later anchor
can correct an earlier chain.  A second pass decodes again with features read off the first decoding
(``second``: who the decoded turns around say is talking here, instead of the greedy chain's guesses).
Weights are a small JSON (``fabula/data/speaker_turns.json``) that ``scripts/train_speaker_model.py``
fits on the dev novels; they are log-linear scores, nothing else is learned.
"""

from __future__ import annotations

import re
from bisect import bisect_left

import numpy as np

from fabula.speakers import beats, chains
from fabula.speakers.lattice import (
    EMISSION,
    PRONOUN_COPIES,
    SECOND,
    SURE,
    TRANSITION,
    Conv,
    Turn,
    default_weights,
    first_pass,
)
from fabula.speakers.resolve import SUBJECT_BEFORE
from fabula.speakers.style import CLIP, StyleModel

MAX_CANDIDATES = 7
TRUSTED = 0.7  # a pronoun cue this sure lends its quote to the speaker's style model
LOOKBACK = 1500  # characters of narration before a conversation searched for an antecedent
ACTIVE_SENTENCES = 4  # narration sentences before a quote whose names tell who is on stage
KIN_RECENT = 0.69 * 0.9  # a relative's cue ("her husband retorted") given to the last other speaker of its sex
# (``resolve.resolve_gendered``'s recent-turn rule, scaled for a nominal cue): the decoder, which does not see
# whose relative it is, handed these to the owner ("his") more often than it mended them
NEAR = 6  # turns either side whose cues tell who takes part at this point
_PRONOUN = {"F": re.compile(r"\b(?:she|her|herself)\b", re.IGNORECASE),
            "M": re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE)}
_OBJECT = re.compile(r"\b(?:to|at|with|by|for|from|on|upon|of|towards?|into|about|after|than|like|behind|beside)\s+$",
                     re.IGNORECASE)
_CONTINUES = re.compile(r"\b(?:added|adds|continued|continues|went\s+on|goes\s+on|resumed|resumes|repeated|persisted|"
                        r"pursued|concluded)\b", re.IGNORECASE)
_REPLIES = re.compile(r"\b(?:replied|replies|answered|answers|returned|rejoined|retorted|responded)\b", re.IGNORECASE)
CUE_SPAN = 40  # characters either side of a quote searched for its cue's verb
_POSSESSIVE = re.compile(r"['\u2019]s?\b")


def _narration_names(ix, start: int, end: int):
    return [m for m in ix.mentions_between(start, end) if m.kind == "name" and not ix.inside_quote(m.start)]


def build(att, convs, speakers, types, confs, cue_gender, vocs, cue_to) -> list[Conv]:
    """Turns and their features, one ``Conv`` per conversation (features do not depend on weights).

    "said I" names the narrator as surely as a name does: the model reads it as a name cue (weights for a
    first-person cue of its own, fitted on PDNC where "I" hardly speaks, gave the narrator's turns away)."""
    types = ["explicit" if g == "first" else t for t, g in zip(types, cue_gender)]
    cue_gender = ["" if g == "first" else g for g in cue_gender]
    ix, story = att.ix, att.story
    quotes = story.quotes
    by_conv: dict[int, list[Turn]] = {}
    i, n = 0, len(quotes)
    while i < n:
        par = ix.paragraph(quotes[i].start)
        j = i
        while j < n and ix.paragraph(quotes[j].start) == par and convs[j] == convs[i]:
            j += 1
        end = par
        while j < n and convs[j] == convs[i] and _left_open(story.text, quotes[j - 1]):
            # a speech left open goes on in the next paragraph: one turn, if nothing there cues a speaker
            nxt = ix.paragraph(quotes[j].start)
            k = j
            while k < n and ix.paragraph(quotes[k].start) == nxt and convs[k] == convs[i]:
                k += 1
            if nxt != end + 1 or any(types[x] != "implicit" for x in range(j, k)):
                break
            j, end = k, nxt
        group = list(range(i, j))
        first = next((k for k in group if speakers[k]), None)
        kind = "implicit"
        if first is not None and types[first] != "implicit":
            kind = types[first]
            if att.cue_nominal[first] and kind == "anaphoric":
                kind = "nominal"  # "the old man said": often someone not named yet
        has_cue = first is not None
        by_conv.setdefault(convs[i], []).append(Turn(
            quotes=group, par=par, kind=kind,
            greedy=speakers[first] if has_cue else None,
            confidence=confs[first] if has_cue else 0.0,
            gender=cue_gender[first] if has_cue and cue_gender[first] in ("F", "M") else "",
            vocs=_turn_vocatives(group, speakers, first, vocs),
            to=next((cue_to[k] for k in group if cue_to[k]), None),
            pronoun=has_cue and att.cue_pronoun[first], end=end,
            cont=frozenset(k for k in group if ix.paragraph(quotes[k].start) != par),
            named=frozenset(k for k in group if att.cue_named[k]), recued=_recued(att, group, first)))
        i = j
    style = StyleModel([story.text[q.start : q.end] for q in quotes], list(speakers),
                       [t == "explicit" or (t == "anaphoric" and c >= TRUSTED) for t, c in zip(types, confs)])
    seen = _appearances(ix, quotes, speakers, types)
    return [_features(att, turns, style, seen) for _, turns in sorted(by_conv.items())]


def _recued(att, group: list[int], first: int | None) -> int | None:
    """The first later quote of a paragraph with a cue of its own that does not go on ("he continued"):
    '"What?  Lost again," [Pontifex was saying] ... My father's face would brighten. "I tell you,
    Edward," he would say': from there on the speech may be someone else's, so the names in it tell
    nothing against the turn's speaker."""
    if first is None:
        return None
    text, quotes = att.story.text, att.story.quotes
    for k in group:
        if k > first and att.cue_pos[k] is not None and att.cue_pos[k] != att.cue_pos[first]:
            q = quotes[k]
            around = text[max(quotes[k - 1].end, q.start - CUE_SPAN) : q.start] + " " + text[q.end : q.end + CUE_SPAN]
            if not _CONTINUES.search(around):
                return k
    return None


def _turn_vocatives(group: list[int], speakers, first: int | None, vocs) -> set[str]:
    """Who the turn's speaker calls by name: not the vocatives of a quote in the same paragraph that a cue
    gave to someone else ('"Ma, I've enlisted," he said. ... "The Lord's will be done, Henry," she
    replied': Henry is called by his mother, and may well be the "he")."""
    own = speakers[first] if first is not None else None
    return {v for k in group if speakers[k] in (None, own) for v in vocs[k]}


def _appearances(ix, quotes, speakers, types) -> dict[str, list[int]]:
    """Where each character is on stage: its mentions and the quotes a name cue gives it, sorted."""
    seen: dict[str, list[int]] = {}
    for m in ix.mentions:
        seen.setdefault(m.character, []).append(m.start)
    for q, who, t in zip(quotes, speakers, types):
        if who and t == "explicit":
            seen.setdefault(who, []).append(q.start)
    for v in seen.values():
        v.sort()
    return seen


def _unseen_for(seen: list[int], pos: int) -> int:
    """Characters since the character was last on stage before ``pos`` (a large number if never)."""
    i = bisect_left(seen, pos)
    return pos - seen[i - 1] if i > 0 else 1 << 30


def _features(att, turns: list[Turn], style: StyleModel, seen: dict[str, list[int]]) -> Conv:
    ix, story = att.ix, att.story
    paras, quotes = story.paragraphs, story.quotes
    count: dict[str, float] = {}
    for t in turns:
        if t.greedy:
            count[t.greedy] = count.get(t.greedy, 0) + (2 if t.kind != "implicit" else 1)
        for v in t.vocs:
            count[v] = count.get(v, 0) + 0.5
    narrators = {att.narrator_at(quotes[t.quotes[0]].start) for t in turns} - {None}
    for who in narrators:
        count[who] = count.get(who, 0) + 0.5
    span_start = paras[max(0, turns[0].par - 1)].start
    for m in _narration_names(ix, span_start, quotes[turns[-1].quotes[-1]].end):
        count[m.character] = count.get(m.character, 0) + 0.25
    cands = sorted(count, key=lambda c: (-count[c], c))[:MAX_CANDIDATES]
    pos = {c: k for k, c in enumerate(cands)}
    n_cued = sum(1 for t in turns if t.kind != "implicit") or 1
    share = {c: sum(1 for t in turns if t.greedy == c and t.kind != "implicit") / n_cued for c in cands}
    f = {name: k for k, name in enumerate(EMISSION)}
    two = len({t.greedy for t in turns if t.greedy}) <= 2
    emis = np.zeros((len(turns), len(cands), len(EMISSION)))
    named = {t.greedy for t in turns if t.kind == "explicit"} | {v for t in turns for v in t.vocs} | {t.to for t in turns}
    present = named | {t.greedy for t in turns if t.kind != "implicit"}
    trans = np.zeros((len(turns), len(TRANSITION)))
    activity = _Activity(att, turns, pos, _sentence_actors(ix, span_start, quotes[turns[-1].quotes[-1]].end), span_start)
    for u, t in enumerate(turns):
        e = emis[u]
        p = paras[t.par]
        if t.greedy in pos:
            e[pos[t.greedy], f["greedy_" + t.kind]] = 1
            if t.kind != "explicit":
                e[pos[t.greedy], f["greedy_confidence"]] = t.confidence
        if t.gender:
            match = [k for c, k in pos.items() if ix.gender.get(c, "X") == t.gender]
            for c, k in pos.items():
                g = ix.gender.get(c, "X")
                if g == t.gender:
                    e[k, f["gender_match"]] = 1
                    e[k, f["sole_gender_match"]] = len(match) == 1
                elif g in ("F", "M"):
                    e[k, f["gender_mismatch"]] = 1
            since = paras[turns[u - 1].last + 1].start if u > 0 else p.start
            last = [m.character for m in _narration_names(ix, min(since, p.start), quotes[t.quotes[-1]].end)
                    if m.character in pos and ix.gender.get(m.character, "X") == t.gender]
            if last:
                e[pos[last[-1]], f["last_named_of_gender"]] = 1
            _antecedents(ix, e, f, pos, t.gender, _window_start(story, turns, u), _cue_cut(story, t), p.start)
            if u > 0 and turns[u - 1].kind == "explicit" and turns[u - 1].greedy in pos and t.pronoun:
                # "'...,' replied Thorpe, turning his horse. ¶ '...,' said he": the nearest antecedent spoke last
                k = pos[turns[u - 1].greedy]
                e[k, f["antecedent_prev_cue"]] = e[k, f["antecedent"]]
        for v in t.vocs:
            if v in pos:
                e[pos[v], f["vocative_here"]] = 1
        if u > 0:
            for v in turns[u - 1].vocs:
                if v in pos:
                    e[pos[v], f["vocative_before"]] = 1
                    if len(turns[u - 1].vocs) == 1:
                        e[pos[v], f["only_addressed"]] = 1
        if t.to in pos:
            e[pos[t.to], f["cue_addressee"]] = 1
        if u + 1 < len(turns):  # "Dear Lizzy!" in the reply: Lizzy spoke this turn
            for v in turns[u + 1].vocs:
                if v in pos:
                    e[pos[v], f["vocative_next"]] = 1
            if turns[u + 1].to in pos:
                e[pos[turns[u + 1].to], f["addressed_next"]] = 1
        if u > 0 and turns[u - 1].to in pos:
            e[pos[turns[u - 1].to], f["addressed_before"]] = 1
        for m in _narration_names(ix, p.start, p.end):
            if m.character in pos:
                e[pos[m.character], f["named_here"]] = 1
                if SUBJECT_BEFORE.search(ix.text, max(0, m.start - 8), m.start):
                    e[pos[m.character], f["subject_here"]] = 1
        gap = t.par - turns[u - 1].last - 1 if u > 0 else 0
        if gap > 0:
            for m in _narration_names(ix, paras[turns[u - 1].last + 1].start, p.start):
                if m.character in pos:
                    e[pos[m.character], f["named_between"]] = 1
        own = quotes[t.recued - 1 if t.recued is not None else t.quotes[-1]].end
        for m in ix.mentions_between(quotes[t.quotes[0]].start, own):
            if m.kind == "name" and m.character in pos and m.character not in t.vocs:
                e[pos[m.character], f["named_in_quote"]] = 1
        who = att.narrator_at(quotes[t.quotes[0]].start)
        if who in pos:
            e[pos[who], f["narrator"]] = 1
        for c, k in pos.items():
            e[k, f["share"]] = share[c]
        for x in turns[max(0, u - NEAR) : u] + turns[u + 1 : u + 1 + NEAR]:  # the pair talking right here
            if x.kind != "implicit" and x.greedy in pos:
                e[pos[x.greedy], f["cued_nearby"]] = 1
        if t.gender:  # "she" in a talk between a man and a woman
            near = [k for c, k in pos.items() if e[k, f["cued_nearby"]] and ix.gender.get(c, "X") == t.gender]
            if len(near) == 1:
                e[near[0], f["sole_nearby_of_gender"]] = 1
        at = quotes[t.quotes[0]].start
        for c, k in pos.items():  # someone not seen for pages is seldom the one talking now (an uncued turn:
            if t.kind != "implicit":  # a "he said" may go back to a man the narration has called "he" for pages)
                break
            gone = _unseen_for(seen.get(c, []), at)
            e[k, f["unseen_500"]] = gone > 500
            e[k, f["unseen_2000"]] = gone > 2000
        words = [w for k in t.quotes for w in style.words[k]]
        for c, k in pos.items():
            e[k, f["style"]] = style.score(c, words, t.quotes) / CLIP
        _beat_features(att, turns, u, e, f, pos)
        _presence_features(turns, u, e, f, pos, present, ix.gender)
        _named_presence(turns[u], e, f, pos, named, ix.gender)
        _chain_features(att, t, e, f, pos)
        activity.features(u, e, f)
        if t.pronoun:
            for x in PRONOUN_COPIES:
                e[:, f["pron_" + x]] = e[:, f[x]]
        trans[u] = (1, min(gap, 3) / 3, t.kind == "implicit", t.kind in ("anaphoric", "nominal"), t.kind == "explicit",
                    len(t.quotes) > 1, two, u > 0 and _asks(story.text, quotes[turns[u - 1].quotes[-1]]),
                    u > 0 and gap == 0 and _left_open(story.text, quotes[turns[u - 1].quotes[-1]]),
                    u > 0 and t.pronoun and bool(t.gender) and chains.pronoun_between(
                        ix, quotes[turns[u - 1].quotes[-1]].end, quotes[t.quotes[0]].start, t.gender),
                    *_cue_verbs(story, t))
    return Conv(cands, turns, emis, trans, [ix.gender.get(c, "X") for c in cands])


def _sentence_actors(ix, start: int, end: int) -> list[tuple[int, str | None, list[str]]]:
    """The narration sentences of a conversation in order: (start, subject, the others named)."""
    return [(s, *beats.split(ix, s, e)) for s, e in reversed(list(chains.narration_sentences(ix, start, end)))]


class _Activity:
    """'Elinor turned to him. "..." ¶ "...," said he. ¶ "...," she said': someone who has acted (or been
    acted upon) in the narration since speaking last has something to say; and a "she" after
    sentences that name one woman only goes to her.  The narration's sentences are read once, left to
    right over the conversation: per character, where it last acted and was last acted upon."""

    def __init__(self, att, turns: list[Turn], pos: dict[str, int], acts, span_start: int):
        self.att, self.turns, self.pos, self.acts, self.span_start = att, turns, pos, acts, span_start
        self.i = bisect_left(acts, (span_start,))
        # "said Mara" is her speaking, not her acting: the paragraphs a cue gives to its speaker
        self.cued = {p: t.greedy for t in turns if t.kind != "implicit" and t.greedy in pos
                     for p in range(t.par, t.last + 1)}
        self.acted: dict[str, int] = {}  # character -> start of the last sentence it was the subject of
        self.upon: dict[str, int] = {}  # ... the last sentence that named it otherwise
        self.since: dict[str, int] = {}  # character -> end of its last cued turn before this one

    def features(self, u: int, e, f) -> None:
        ix, quotes, pos, t = self.att.ix, self.att.story.quotes, self.pos, self.turns[u]
        at = quotes[t.quotes[0]].start
        while self.i < len(self.acts) and self.acts[self.i][0] < at:
            s, subject, others = self.acts[self.i]
            cue = self.cued.get(ix.paragraph(s))
            for c in {subject} | set(others):
                if c in pos and c != cue:
                    (self.acted if c == subject else self.upon)[c] = s
            self.i += 1
        for c, k in pos.items():
            start = self.since.get(c, self.span_start)
            if self.acted.get(c, -1) >= start:
                e[k, f["acted_since_turn"]] = 1
            if self.upon.get(c, -1) >= start:
                e[k, f["acted_upon_since_turn"]] = 1
        if t.kind != "implicit" and t.greedy in pos:
            self.since[t.greedy] = quotes[t.quotes[-1]].end
        if t.gender:
            named = set()
            for k_, (s, end) in enumerate(chains.narration_sentences(ix, max(0, at - LOOKBACK), at)):
                if k_ >= ACTIVE_SENTENCES:
                    break
                named |= {m.character for m in _narration_names(ix, s, end)
                          if m.character in pos and ix.gender.get(m.character, "X") == t.gender}
            if len(named) == 1:
                e[pos[named.pop()], f["sole_active_of_gender"]] = 1


def _chain_features(att, t: Turn, e, f, pos) -> None:
    """"She came out of her reverie ... 'Oh,' she whispered": the pronoun goes back along the narration's
    subjects to the last one named; and the greedy rule that chose (its confidence says which)."""
    if not (t.pronoun and t.gender):
        return
    ix = att.ix
    strict, loose = chains.subject_antecedents(ix, att.story.quotes[t.quotes[0]].start, t.gender)
    if strict in pos:
        e[pos[strict], f["subject_chain"]] = 1
    if loose in pos:
        e[pos[loose], f["last_subject_of_gender"]] = 1
    if t.greedy in pos:
        c = t.confidence
        e[pos[t.greedy], f["greedy_low"]] = c < 0.65
        e[pos[t.greedy], f["greedy_abab"]] = abs(c - 0.7) < 0.004
        e[pos[t.greedy], f["greedy_recent"]] = abs(c - 0.69) < 0.004


def _beat_features(att, turns: list[Turn], u: int, e, f, pos) -> None:
    """The actor of the narration sentence before the turn's first quote speaks it; the one acted upon
    answers; so does the one the turn before turned to ('"...," he said, turning to Julius.')."""
    ix, story = att.ix, att.story
    paras, quotes = story.paragraphs, story.quotes
    t = turns[u]
    first = quotes[t.quotes[0]]
    if u > 0:
        region = paras[turns[u - 1].last + 1].start
    else:
        k = t.quotes[0]
        region = max(quotes[k - 1].end if k > 0 else 0, paras[max(0, t.par - 2)].start)
    span = beats.last_sentence(ix, region, first.start)
    marks = [("beat_subject", "beat_object", beats.split(ix, *span))]
    nxt = t.quotes[1] if len(t.quotes) > 1 else None
    tail = beats.first_sentence(ix, first.end, quotes[nxt].start if nxt is not None else paras[t.par].end)
    subject, _ = beats.split(ix, *tail)
    if subject in pos:
        e[pos[subject], f["beat_after"]] = 1
    if not t.gender:  # "She smiled. '...'": no cue, but the one acting is a woman
        for name, (a, b) in (("beat_gender", span), ("beat_after_gender", tail)):
            g = beats.pronoun_subject(ix, a, b)
            for c, k in pos.items():
                if g and ix.gender.get(c, "X") == g:
                    e[k, f[name]] = 1
    if u > 0:
        prev = turns[u - 1]
        # 'Aziz turned to Fielding. "..."' the turn before: Fielding answers now
        start = paras[turns[u - 2].last + 1].start if u > 1 else paras[prev.par].start
        marks.append(("prev_beat_subject", "prev_beat_object", beats.before(ix, start, quotes[prev.quotes[0]].start)))
        subject, others = beats.after(ix, quotes[prev.quotes[-1]].end, paras[prev.last].end)
        cue_speaker = prev.greedy if prev.kind != "implicit" else None  # '"...," said Kaelan': the cue, no object
        marks.append(("prev_tail_subject", "prev_tail_object", (subject, [c for c in others if c != cue_speaker])))
    for subj_f, obj_f, (subject, others) in marks:
        if subject in pos:
            e[pos[subject], f[subj_f]] = 1
        for c in others:
            if c in pos:
                e[pos[c], f[obj_f]] = 1


def _presence_features(turns: list[Turn], u: int, e, f, pos, present: set, gender: dict) -> None:
    """Who is there: the cued speakers and the ones spoken to (by name or "said he to X") of the
    conversation; spoken to within a few turns of this one."""
    for c in present:
        if c in pos:
            e[pos[c], f["participant"]] = 1
    for x in turns[max(0, u - NEAR) : u] + turns[u + 1 : u + 1 + NEAR]:
        for c in x.vocs | {x.to}:
            if c in pos:
                e[pos[c], f["addressed_nearby"]] = 1
    t = turns[u]
    if t.pronoun and t.greedy in pos:
        # "he said" between two men: the greedy pass chose by its own chain of turns, no evidence
        same = [c for c in present if c in pos and gender.get(c, "X") == (t.gender or gender.get(t.greedy, "X"))]
        if len(same) >= 2:
            e[pos[t.greedy], f["greedy_ambiguous"]] = 1


def _named_presence(t: Turn, e, f, pos, named: set, gender: dict) -> None:
    """"He said" when only one man is named in the conversation as speaking or spoken to (no chain of
    guesses).  Being named there is not a feature of its own: a false vocative ("by my Lord Warwick")
    or a one-sided one ("Siddy", answered by "the old lady") made it cost LitBank 0.02 for PDNC 0.001."""
    if t.gender and t.pronoun:  # "said her mother" is not the one woman named
        same = [c for c in named if c in pos and gender.get(c, "X") == t.gender]
        if len(same) == 1:
            e[pos[same[0]], f["sole_named_of_gender"]] = 1


def _window_start(story, turns: list[Turn], u: int) -> int:
    """Where the narration that may hold a pronoun's antecedent begins: the end of the turn before
    (its own tail narration counts: "said Elizabeth, turning to Darcy."), else a stretch before."""
    if u > 0:
        return story.quotes[turns[u - 1].quotes[-1]].end
    return max(0, story.quotes[turns[u].quotes[0]].start - LOOKBACK)


def _cue_cut(story, t: Turn) -> int:
    """The end of the turn's first quote: its cue ("said she") sits right there, before or after."""
    return story.quotes[t.quotes[0]].end


def _narration(ix, start: int, end: int) -> str:
    """The text between ``start`` and ``end`` without its quotes."""
    out, pos = [], start
    i = bisect_left(ix.quote_starts, start) - 1
    for qs, qe in zip(ix.quote_starts[max(0, i):], ix.quote_ends[max(0, i):]):
        if qs >= end:
            break
        if qe > pos:
            out.append(ix.text[pos : max(pos, qs)])
            pos = qe
    out.append(ix.text[pos:end] if pos < end else "")
    return "".join(out)


def _antecedents(ix, e, f, pos, gender: str, start: int, cut: int, par_start: int) -> None:
    """The names of the cue's gender before the cue, nearest first: the usual antecedents of "she";
    the nearest one standing as a subject ("Mrs. Blewett eyed Anne. 'Who?' she said") most of all."""
    seen: list = []
    subject = agent = None
    for m in reversed(_narration_names(ix, start, cut)):
        if m.character not in pos or ix.gender.get(m.character, "X") != gender:
            continue
        if subject is None and SUBJECT_BEFORE.search(ix.text, max(0, m.start - 8), m.start):
            subject = m
        if agent is None and not _OBJECT.search(ix.text, max(0, m.start - 12), m.start):
            agent = m
        if m.character not in [x.character for x in seen]:
            seen.append(m)
        if len(seen) >= 2 and subject is not None and agent is not None:
            break
    if not seen and _PRONOUN[gender].search(_narration(ix, start, cut)):
        # "He wanted her advice. 'Well?' he began": the narration's "he" goes back to a name before
        back = [m for m in _narration_names(ix, max(0, start - LOOKBACK), start)
                if m.character in pos and ix.gender.get(m.character, "X") == gender]
        if back:
            e[pos[back[-1].character], f["antecedent_chain"]] = 1
    if seen:
        e[pos[seen[0].character], f["antecedent"]] = 1
        if _POSSESSIVE.match(ix.text, seen[0].end):  # "Jane's eyes filled": most often the one who acts
            e[pos[seen[0].character], f["antecedent_possessive"]] = 1
        if _OBJECT.search(ix.text, max(0, seen[0].start - 12), seen[0].start):  # "turning to Darcy"
            e[pos[seen[0].character], f["antecedent_object"]] = 1
        e[pos[seen[0].character], f["antecedent_here"]] = seen[0].start >= par_start
    if agent is not None:  # the nearest one not standing as an object
        e[pos[agent.character], f["antecedent_agent"]] = 1
    if len(seen) > 1:
        e[pos[seen[1].character], f["antecedent_second"]] = 1
    if subject is not None:
        e[pos[subject.character], f["antecedent_subject"]] = 1


def _cue_verbs(story, t: Turn) -> tuple[bool, bool]:
    """(the cue goes on: "he continued", "she added"; the cue answers: "he replied") next to the turn's
    first quote, by the verb alone: whom it goes on from or answers is the lattice's to decide."""
    if t.kind == "implicit":
        return False, False
    text, quotes, par = story.text, story.quotes, story.paragraphs[t.par]
    q = quotes[t.quotes[0]]
    nxt = quotes[t.quotes[1]].start if len(t.quotes) > 1 else par.end
    around = text[max(par.start, q.start - CUE_SPAN) : q.start] + " " + text[q.end : min(nxt, q.end + CUE_SPAN)]
    return bool(_CONTINUES.search(around)), bool(_REPLIES.search(around))


def _asks(text: str, q) -> bool:
    """The quote ends on a question: the next turn is likely an answer from someone else."""
    return text[q.start : q.end].rstrip("\"'\u201d\u2019 ").endswith("?")


def _left_open(text: str, q) -> bool:
    """The quote runs to the end of its paragraph without a closing mark: a speech going on in the
    next paragraph (each paragraph of a long speech re-opens it), so its speaker speaks next."""
    marks = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e"  # not a dash-opened speech: those never close
    return q.end - q.start > 1 and text[q.start] in marks and text[q.end - 1] not in marks


def second(conv: Conv, path: list[int], probs: np.ndarray | None = None) -> Conv:
    """The conversation with features read off a first decoding: who the decoded turns around say
    speaks here (a "she said" goes to the woman decoded last, not the one the greedy chain chose).
    With the first pass's per-turn ``probs`` (turns x candidates) the share of the talk and who talks
    nearby are expectations, so a turn the first pass was unsure of counts for less."""
    T, K = conv.emis.shape[:2]
    add = np.zeros((T, K, len(SECOND)))
    f = {name: k for k, name in enumerate(SECOND)}
    path = [k if k < K else -1 for k in path]
    if probs is None:
        probs = np.zeros((T, K))
        for u, k in enumerate(path):
            if k >= 0:
                probs[u, k] = 1
    probs = probs[:, :K]
    total = probs.sum(axis=0)
    for u, t in enumerate(conv.turns):
        a = add[u]
        others = total - probs[u]
        a[:, f["dec_share"]] = others / max(1e-9, others.sum()) if others.sum() > 0 else 0
        near = [v for v in range(max(0, u - NEAR), min(T, u + NEAR + 1)) if v != u]
        a[:, f["dec_near"]] = 1 - np.prod(1 - probs[near], axis=0) if near else 0
        if t.gender:
            same = [k >= 0 and conv.genders[k] == t.gender for k in path]
            back = next((path[v] for v in range(u - 1, max(-1, u - 9), -1) if same[v]), -1)
            ahead = next((path[v] for v in range(u + 1, min(T, u + 9)) if same[v]), -1)
            if back >= 0:
                a[back, f["dec_last_of_gender"]] = 1
            if ahead >= 0:
                a[ahead, f["dec_next_of_gender"]] = 1
            near = {path[v] for v in range(max(0, u - NEAR), min(T, u + NEAR + 1)) if v != u and same[v]}
            if len(near) == 1:
                a[near.pop(), f["dec_sole_of_gender"]] = 1
    return Conv(conv.cands, conv.turns, np.concatenate([conv.emis, add], axis=2), conv.trans, conv.genders)


def decode(convs: list[Conv], speakers: list[str | None], weights: dict | None = None) -> list[str | None]:
    """Speakers after decoding: name and "said I" turns keep their cue; the others take the decoded
    candidate (twice when the weights have a second pass: the first decoding gives features to the second).

    A turn cued by a bare pronoun is not given to someone whom no cue of the conversation makes
    speak: the sequence model likes turns to alternate, and would hand "she said aloud" of a girl
    talking to herself to the cat she talks about.
    """
    w = weights or default_weights()
    out = list(speakers)
    for conv in convs:
        if not conv.cands:
            continue
        best, probs = first_pass(conv, w)
        cue_speakers = {t.greedy for t in conv.turns if t.kind != "implicit"}
        if "second" in w:  # a kin or title cue ("said her mother") keeps its first decision
            fixed = [k if t.kind == "anaphoric" and not t.pronoun and k < len(conv.cands) else -1
                     for t, k in zip(conv.turns, best)]
            conv = second(conv, best, probs)
            best, _ = first_pass(conv, w["second"], fixed)
        for t, k in zip(conv.turns, best):
            if k >= len(conv.cands):
                continue
            if t.kind in SURE:  # the cue stands; a speech it left open goes on with its speaker
                for q in t.cont:
                    out[q] = t.greedy
                continue
            new = conv.cands[k]
            if t.kind == "nominal" and abs(t.confidence - KIN_RECENT) < 0.004 and t.greedy:
                new = t.greedy  # "said his step-son": the one of that sex who has been talking, by the greedy pass
            if t.pronoun and t.greedy and new not in cue_speakers:
                continue  # a "she said" goes to someone no cue of the conversation makes speak: keep the cue's reading
            for q in t.quotes:
                if q not in t.named and (speakers[q] is None or speakers[q] == t.greedy or q in t.cont):
                    out[q] = new
    return out
