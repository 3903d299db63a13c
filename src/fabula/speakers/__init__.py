"""Stage "speakers": who says each quote, to whom, and in which conversation.

Per paragraph: a cue next to a quote (``said Darcy``, ``she whispered``, ``James nodded.``)
gives an explicit or anaphoric speaker; other quotes of the paragraph share it (paragraph
continuity); a paragraph without any cue takes its turn in the conversation (the addressee
of the last turn, else the speaker before last, else the first-person narrator).  Works
with or without the narration stage: a first-person segment's ``narrator`` is who "I" is;
without segments a first-person story gets a narrator of its own, named by how others
address him or her.  That greedy pass reads left to right; ``decode.py`` (features) and ``lattice.py`` (inference) then re-decide every
turn without a name cue over the whole conversation (a fitted turn model, Viterbi), so a later
cue can correct an earlier chain; name cues and vocatives stay as hard facts.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict

from fabula.lexicon import HONORIFICS
from fabula.model import Character, Conversation, Story
from fabula.pipeline import Context, stage
from fabula.speakers.attributor import NARRATOR, Attributor
from fabula.speakers.decode import build, decode
from fabula.speakers.turns import addressees

__all__ = ["Attributor", "NARRATOR", "build", "decode", "name_narrator", "speakers_stage"]


def name_narrator(speakers, convs, vocs, characters, me: str = NARRATOR) -> tuple[str | None, list[str]]:
    """The narrator is whoever the others address when they talk to "I" (and the other names they use)."""
    votes: Counter = Counter()
    n = len(speakers)
    for i, s in enumerate(speakers):
        if s is None or s == me:
            continue
        near = []
        for step in (-1, 1):  # the nearest other speaker on each side, in the same conversation
            j = i + step
            while 0 <= j < n and convs[j] == convs[i] and speakers[j] == s:
                j += step
            if 0 <= j < n and convs[j] == convs[i]:
                near.append(speakers[j])
        if me in near:
            for v in vocs[i]:
                if v != s:
                    votes[v] += 1
    if not votes:
        return None, []
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    best, count = ranked[0]
    if count >= 2 and (len(ranked) == 1 or count > ranked[1][1]):
        names = {c.id: set(c.name.split()) for c in characters}
        spoke = Counter(speakers)
        titled = {c.id for c in characters if c.name.split()[0].rstrip(".").lower() in HONORIFICS and len(c.name.split()) > 1}
        # other names the others call "I" by: sharing a name, or a title + surname that hardly speaks itself
        others = [cid for cid, n in ranked[1:] if n >= 2 and (names.get(cid, set()) & names.get(best, set())
                                                              or (cid in titled and n >= 3 and spoke[cid] <= 5))]
        return best, others
    return None, []


@stage("speakers", requires=("text", "sentences", "paragraphs", "quotes", "characters", "mentions"),
       provides=("quotes", "conversations", "characters", "mentions"))
def speakers_stage(story: Story, context: Context) -> dict:
    att = Attributor(story, invent=context.cast is None)
    convs, speakers, types, confs, cue_to, vocs = att.run()
    if context.options.get("speaker_decoder", True):
        turns = build(att, convs, speakers, types, confs, att.cue_gender, vocs, cue_to)
        speakers = decode(turns, speakers, context.options.get("speaker_weights"))
    chars = list(story.characters) + att.extra
    if any(s == NARRATOR for s in speakers) or att.fallback == NARRATOR:
        named, also = name_narrator(speakers, convs, vocs, chars)
        if named is None and any(s == NARRATOR for s in speakers):
            named = f"C{len(chars) + 1}"
            chars.append(Character(id=named, name="Narrator", aliases=("I",), gender="X", narrator=True))
        if named is not None:
            extra = [n for c in chars if c.id in also for n in (c.name, *c.aliases)]
            chars = [dataclasses.replace(c, narrator=True, aliases=tuple(dict.fromkeys((*c.aliases, *extra))))
                     if c.id == named else c for c in chars]
            speakers = [named if s == NARRATOR else s for s in speakers]
    for me in sorted({seg.narrator for seg in story.segments if seg.person == "first" and seg.narrator}):
        best, also = name_narrator(speakers, convs, vocs, chars, me)
        if best == me and also:  # the narration stage named "I"; add the other names the others use
            extra = [n for c in chars if c.id in also for n in (c.name, *c.aliases)]
            chars = [dataclasses.replace(c, aliases=tuple(dict.fromkeys((*c.aliases, *extra)))) if c.id == me else c
                     for c in chars]
    addr = addressees(speakers, convs, vocs, cue_to)
    quotes = tuple(dataclasses.replace(q, speaker=speakers[i], addressees=addr[i], type=types[i],
                                       confidence=round(confs[i], 3) if speakers[i] else 0.0,
                                       conversation=f"D{convs[i]}")
                   for i, q in enumerate(story.quotes))
    counts = Counter(s for s in speakers if s)
    gone = {c for c in att.unnamed_ids if not counts[c]}  # the decoder gave its turns to someone known
    mentions = tuple(m for m in att.ix.mentions if m.character not in gone) if att.extra else story.mentions
    chars = [dataclasses.replace(c, quotes=counts.get(c.id, 0),
                                 mentions=c.mentions or sum(m.character == c.id for m in mentions))
             for c in chars if c.id not in gone]
    groups: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(convs):
        groups[c].append(i)
    conversations_out = []
    for c in sorted(groups):
        idx = groups[c]
        who: list[str] = []
        for i in idx:
            for x in (speakers[i], *addr[i]):
                if x and x not in who:
                    who.append(x)
        conversations_out.append(Conversation(id=f"D{c}", start=story.quotes[idx[0]].start, end=story.quotes[idx[-1]].end,
                                              participants=tuple(who), quotes=tuple(story.quotes[i].id for i in idx)))
    return {"quotes": quotes, "conversations": tuple(conversations_out), "characters": tuple(chars),
            "mentions": mentions}
