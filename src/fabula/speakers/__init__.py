"""Stage "speakers": who says each quote, to whom, and in which conversation.

Per paragraph: a cue next to a quote (``said Darcy``, ``she whispered``, ``James nodded.``)
gives an explicit or anaphoric speaker; other quotes of the paragraph share it (paragraph
continuity); a paragraph without any cue takes its turn in the conversation (the addressee
of the last turn, else the speaker before last, else the first-person narrator).  Works
with or without the narration stage: a first-person segment's ``narrator`` is who "I" is;
without segments a first-person story gets a narrator of its own, named by how others
address him or her.  That greedy pass reads left to right; ``decode.py`` then re-decides every
turn without a name cue over the whole conversation (a fitted turn model, Viterbi), so a later
cue can correct an earlier chain; name cues and vocatives stay as hard facts.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict

from fabula.lexicon import HONORIFICS
from fabula.model import Character, Conversation, Mention, Story
from fabula.pipeline import Context, stage
from fabula.speakers.context import Index, first_person_share
from fabula.speakers.cues import Cue, cue_after, cue_before
from fabula.speakers.decode import build, decode
from fabula.speakers.kinship import KIN, TITLE_NOUNS, Kin
from fabula.speakers.resolve import resolve_gendered
from fabula.speakers.turns import addressees, conversations, vocatives

_SUBJECT = re.compile(r"(?:^|[.!?;\"”’]\s*|\n\s*)$")
_VERB_AFTER = re.compile(r"(?:'s\s+\w+)?\s+(?:\w+ly\s+)?[a-z]{2,}\b")
NARRATOR = "\0narrator"  # placeholder id until the narrator has a name
FIRST_PERSON_SHARE = 0.25  # first-person / third-person pronouns in the narration
AHEAD = 1500  # characters after such a he/she searched for a name of that sex before taking it for someone new
UNSEEN = 0.3  # a he/she resolved no better than this (the most mentioned one of that sex, unless a narrator) is someone new


_LEAD_IN = frozenset(":,\u2014-")
_INTRO_NEXT = re.compile(r"[.!?][\"'\u201d\u2019]*\s+[A-Z][^.!?\"\u201c\u201d]*[,:\u2014-]\s*$")


def _introduces_next(text: str, q, next_start: int, has_next: bool) -> bool:
    """'"... pretend." He replied, "I don't ..."': a new sentence after a finished quote that runs into
    the next quote introduces that one."""
    return has_next and bool(_INTRO_NEXT.match(text[q.end - 2 : next_start]))


_NEW_SENTENCE = re.compile(r"[.!?][\"'\u201d\u2019]*\s+[A-Z]")


def _new_sentence_after(text: str, q) -> bool:
    """'"...," cried Thorpe, "five-and-twenty." Morland remonstrated': a finished quote and a new sentence
    after it - the narration that follows is someone's reaction, not this quote's cue."""
    return bool(_NEW_SENTENCE.match(text, q.end - 2))


def _choose(after: Cue | None, before: Cue | None) -> Cue | None:
    order = (after if after and after.speech else None, before if before and before.speech else None,
             before if before and not before.weak else None, after if after and not after.weak else None, before, after)
    for cue in order:
        if cue is not None:
            return cue
    return None


class Attributor:
    def __init__(self, story: Story, invent: bool = True):
        self.story = story
        self.invent = invent  # a he/she no known character fits may be someone new (not with a given cast)
        self.ix = Index(story)
        chars = story.characters
        self.fallback: str | None = None
        narrators = [c.id for c in chars if c.narrator]
        self.narrators = set(narrators)
        first_segments = [s for s in story.segments if s.person == "first"]
        if narrators and not story.segments:
            self.fallback = narrators[0]
        elif not story.segments and first_person_share(story) > FIRST_PERSON_SHARE:
            self.fallback = NARRATOR
        elif first_segments and any(s.narrator is None for s in first_segments):
            self.fallback = narrators[0] if narrators else NARRATOR
        self.extra: list[Character] = []  # unnamed speakers found here ("said a voice")
        self.unnamed_ids: set[str] = set()
        self.kin = Kin(chars)
        self.kin_found: set[int] = set()  # cue positions resolved as a relative (for the turn model)
        self.top_by_gender: dict[str, str] = {}
        for c in sorted(chars, key=lambda c: (-c.mentions, c.id)):
            if c.gender in ("F", "M"):
                self.top_by_gender.setdefault(c.gender, c.id)

    def narrator_at(self, pos: int) -> str | None:
        seg = self.ix.segment_at(pos)
        if seg is not None:
            return (seg.narrator or self.fallback) if seg.person == "first" else None
        return self.fallback

    def resolve(self, cue: Cue, par_start: int, par_speakers, turns, exclude, quote_first=False,
                addressed=()) -> tuple[str | None, str, float]:
        ref = cue.ref
        vocs = set(exclude)  # on entry, exclude holds the quote's vocatives: the ones spoken to
        strength = 1.0 if cue.speech else 0.9
        if ref.kind == "name":
            return ref.char, "explicit", 0.95 * strength
        if ref.kind == "first":
            who = self.narrator_at(ref.pos)
            return who, "anaphoric", 0.9 * strength
        if ref.kind == "indef":  # "said a voice": someone not met before (with a given cast: one of it, unknown)
            if not self.invent:
                return None, "anaphoric", 0.0
            return self.unnamed(ref.gender, ref.pos, ref.end, ref.noun, "nominal"), "anaphoric", 0.8 * strength
        gender = ref.gender
        if self.narrator_at(ref.pos) is not None:
            exclude = exclude | {self.narrator_at(ref.pos)}  # "she" in a first-person story is not "I"
        if ref.possessor in ("M", "F", "first") and ref.noun in KIN:
            cid = self._relative(ref, par_start, par_speakers, turns, exclude, quote_first, vocs)
            if cid is not None:
                self.kin_found.add(ref.pos)
                return cid, "anaphoric", 0.85 * strength
        if (not ref.possessor and ref.noun in TITLE_NOUNS) or ref.noun in ("ladyship", "lordship"):
            holders = self.kin.titled(ref.noun)
            cid = self._titled(holders, ref.pos, turns, exclude)
            if cid is not None:
                if len(holders) == 1:
                    return cid, "explicit", 0.9 * strength  # "said the Major": the one Major is as good as named
                return cid, "anaphoric", 0.85 * strength
        if ref.noun == "other" and turns:
            # "said the other": not the one who spoke last, the one before who fits
            cid = next((t for t in reversed(turns[:-1]) if t != turns[-1] and t not in exclude
                        and (gender == "X" or self.ix.gender.get(t, "X") in (gender, "X"))), None)
            if cid is not None:
                return cid, "anaphoric", 0.7 * strength
        if ref.possessor in ("M", "F"):
            # "said her sister": first find who "her" is, then the speaker is someone else
            owner, _ = resolve_gendered(self.ix, ref.possessor, ref.pos, par_start, par_speakers, turns, exclude,
                                        self.top_by_gender, "", quote_first)
            if owner:
                exclude = exclude | {owner}
            if gender == "X":  # "said his companion": the other one of the conversation
                cid = next((t for t in reversed(turns[-6:]) if t not in exclude), None)
                if cid is not None:
                    return cid, "anaphoric", 0.6 * strength
            cid, conf = resolve_gendered(self.ix, gender, ref.pos, par_start, [], turns, exclude, self.top_by_gender,
                                         cue.verb, True)
            return cid, "anaphoric", conf * strength * 0.9
        cid, conf = resolve_gendered(self.ix, gender, ref.pos, par_start, par_speakers, turns, exclude, self.top_by_gender,
                                     cue.verb, quote_first, tuple(addressed))
        if ref.kind == "pronoun" and gender in ("F", "M"):
            spoken_to = [c for c in addressed if c not in exclude and self.gender(c) in (gender, "X")]
            if conf <= UNSEEN and spoken_to:  # '"Alesia..." he began. ... she said': the one just addressed
                cid, conf = spoken_to[0], 0.5
            elif conf <= UNSEEN and cid not in self.narrators and self.invent:
                later = self._named_after(gender, ref.pos, exclude)
                if later is not None:  # '"...," he said. ... Mr. Bennet': the man named next
                    cid, conf = later, 0.4
                else:  # no one of that sex nearby: "he" is someone the narration has not named
                    cid, conf = self.unnamed(gender, ref.pos, ref.pos + 2 + (gender == "F")), 0.5
            elif cid in self.unnamed_ids:
                if self.ix.gender.get(cid) == "X":  # "said a voice ... he went on": the voice is a man's
                    self.ix.gender[cid] = gender
                    self.extra = [dataclasses.replace(c, gender=gender) if c.id == cid else c for c in self.extra]
                self.ix.add(Mention(ref.pos, ref.pos + 2 + (gender == "F"), cid, "pronoun"), gender)
        return cid, "anaphoric", conf * strength

    def _named_after(self, gender: str, pos: int, exclude) -> str | None:
        """The first character of that sex named in the narration soon after ``pos``."""
        for m in self.ix.mentions_between(pos, pos + AHEAD):
            if m.kind == "name" and m.character not in exclude and self.gender(m.character) == gender \
                    and not self.ix.inside_quote(m.start):
                return m.character
        return None

    def unnamed(self, gender: str, start: int, end: int, noun: str = "", kind: str = "pronoun") -> str:
        """A speaker the narration gives no name: a new character, local to where it speaks."""
        cid = f"C{len(self.story.characters) + len(self.extra) + 1}"
        word = {"F": "woman", "M": "man"}.get(gender, "person")
        name = f"the {noun}" if noun and noun != "one" else f"an unnamed {word}"
        self.extra.append(Character(id=cid, name=name, gender=gender))
        self.unnamed_ids.add(cid)
        self.ix.add(Mention(start, end, cid, kind), gender)
        return cid

    def _relative(self, ref, par_start, par_speakers, turns, exclude, quote_first, vocs) -> str | None:
        """"cried his wife": the owner is whoever "his" is (the one spoken to, the pronoun's usual
        antecedent, a recent speaker of that gender); the speaker is the owner's relative."""
        g = self.ix.gender
        if ref.possessor == "first":
            owners = [self.narrator_at(ref.pos)]
        else:
            owners = sorted(v for v in vocs if g.get(v, "X") == ref.possessor)
            owner, _ = resolve_gendered(self.ix, ref.possessor, ref.pos, par_start, par_speakers, turns, exclude,
                                        self.top_by_gender, "", quote_first)
            owners = (owners or [owner])[:1] + [t for t in turns[-1:] if g.get(t, "X") == ref.possessor]
        recent = list(dict.fromkeys(reversed(turns[-8:])))
        for owner in dict.fromkeys(o for o in owners if o):
            cid = self.kin.relative(ref.noun, owner, exclude, recent)
            if cid is not None:
                return cid
        return None

    def _titled(self, holders: list[str], pos: int, turns, exclude) -> str | None:
        """"said the count": the one character titled so, else the one of them who spoke or was named last."""
        cands = [c for c in holders if c not in exclude]
        if len(cands) <= 1:
            return cands[0] if cands else None
        for cid in reversed(turns[-8:]):
            if cid in cands:
                return cid
        for m in reversed(self.ix.mentions_between(max(0, pos - 3000), pos)):
            if m.character in cands:
                return m.character
        return None

    def gender(self, cid: str | None) -> str:
        return self.ix.gender.get(cid, "X") if cid else "X"

    def run(self):
        ix, quotes = self.ix, self.story.quotes
        n = len(quotes)
        convs = conversations(ix)
        speakers: list[str | None] = [None] * n
        types = ["implicit"] * n
        confs = [0.0] * n
        cue_to: list[str | None] = [None] * n
        self.cue_gender = [""] * n  # what the cue's subject says of the speaker, for the turn model
        self.cue_nominal = [False] * n
        self.cue_pronoun = [False] * n  # "she said", not "said her mother"
        vocs = [vocatives(ix, q) for q in quotes]
        turns: dict[int, list[tuple[str | None, list[str], int]]] = defaultdict(list)
        i = 0
        while i < n:
            par = ix.paragraph(quotes[i].start)
            j = i
            while j < n and ix.paragraph(quotes[j].start) == par:
                j += 1
            group = list(range(i, j))
            self._paragraph(group, par, speakers, types, confs, cue_to, vocs, turns[convs[i]])
            first_sp = next((speakers[k] for k in group if speakers[k]), None)
            turns[convs[i]].append((first_sp, sorted({v for k in group for v in vocs[k]}), par))
            i = j
        return convs, speakers, types, confs, cue_to, vocs

    def _paragraph(self, group, par, speakers, types, confs, cue_to, vocs, turns):
        ix, text, quotes = self.ix, self.story.text, self.story.quotes
        p = self.story.paragraphs[par]
        par_speakers: list[str] = []
        weak_later: list[int] = []
        turn_speakers = [t[0] for t in turns if t[0]]
        done: dict[int, tuple] = {}
        for pos, k in enumerate(group):
            q = quotes[k]
            prev_end = quotes[k - 1].end if pos > 0 else p.start
            next_start = quotes[k + 1].start if pos + 1 < len(group) else p.end
            after = cue_after(text, q.end, next_start, ix.mention_at)
            before = None
            lead = text[prev_end : q.start].rstrip()
            leads_in = bool(lead.strip()) and (lead[-1] in _LEAD_IN or lead[-1].islower())
            if not (after and after.speech) or leads_in:
                last = q.start - 1
                while last > prev_end and text[last].isspace():
                    last -= 1
                before = cue_before(text, prev_end, q.start, ix.sentence_start(last), ix.mention_at, pos > 0)
            if after and after.speech and leads_in and before and before.speech and (
                    after.ref.kind != "name" and before.ref.kind == "name"
                    or _introduces_next(text, q, next_start, pos + 1 < len(group))
                    or _new_sentence_after(text, q) and pos > 0):
                after = None  # 'Mrs. Turton said, "..." He replied, "..."': each quote its own cue
            cue = _choose(after, before)
            if cue is None:
                continue
            if cue.weak and len(group) > 1:
                weak_later.append(k)
                continue
            quote_first = not text[p.start : quotes[group[0]].start].strip()
            addressed = turns[-1][1] if turns else ()
            if cue.ref.pos in done:  # '"...," said her mother, "..."': one cue, one speaker for both halves
                cid, typ, conf = done[cue.ref.pos]
            else:
                cid, typ, conf = self.resolve(cue, p.start, par_speakers, turn_speakers, set(vocs[k]), quote_first,
                                              addressed)
                done[cue.ref.pos] = cid, typ, conf
            if cid is None or cid in vocs[k]:
                continue
            speakers[k], types[k], confs[k] = cid, typ, conf
            cue_to[k] = cue.addressee
            self.cue_gender[k] = "first" if cue.ref.kind == "first" else cue.ref.gender
            self.cue_nominal[k] = cue.ref.kind == "nominal" and cue.ref.pos not in self.kin_found
            self.cue_pronoun[k] = cue.ref.kind == "pronoun"
            par_speakers.append(cid)
        if weak_later and not any(speakers[k] for k in group):
            for k in weak_later:  # only weak cues in this paragraph: use them after all
                q = quotes[k]
                pos = group.index(k)
                after = cue_after(text, q.end, quotes[k + 1].start if pos + 1 < len(group) else p.end, ix.mention_at)
                if after is not None:
                    cid, typ, conf = self.resolve(after, p.start, par_speakers, turn_speakers, set(vocs[k]))
                    if cid is not None and cid not in vocs[k]:
                        speakers[k], types[k], confs[k] = cid, typ, conf * 0.8
        known = [k for k in group if speakers[k]]
        for k in group:
            if speakers[k] is None and known:
                src = max((x for x in known if x < k), default=min(known))
                if speakers[src] not in vocs[k]:
                    speakers[k], types[k], confs[k] = speakers[src], types[src], confs[src] * 0.95
        if known:
            return
        cid, conf = self._turn(group, turns, vocs, p.start)
        for k in group:
            if cid is not None:
                speakers[k], types[k], confs[k] = cid, "implicit", conf

    def _subject_in_narration(self, start: int, end: int, excl: set[str]) -> str | None:
        """A name standing as a subject in the paragraph's own narration: the one who acts, speaks."""
        for m in self.ix.mentions_between(start, end):
            if m.kind == "name" and m.character not in excl and not self.ix.inside_quote(m.start) \
                    and _SUBJECT.search(self.ix.text, max(0, m.start - 8), m.start) \
                    and _VERB_AFTER.match(self.ix.text, m.end):
                return m.character
        return None

    def _turn(self, group, turns, vocs, par_start):
        """Turn-taking for a paragraph without a cue."""
        excl = {v for k in group for v in vocs[k]}
        narrator = self.narrator_at(self.story.quotes[group[0]].start)
        if turns:
            last_sp, last_vocs, last_par = turns[-1]
            here = self.ix.paragraph(par_start)
            if here - last_par > 1:  # narration paragraphs in between: their subject acts, then speaks
                cid = self._subject_in_narration(self.story.paragraphs[last_par + 1].start, par_start, excl | {last_sp})
                if cid is not None:
                    return cid, 0.5
            for v in last_vocs:
                if v != last_sp and v not in excl:
                    return v, 0.7
            if last_sp and len(turns) >= 2:
                before_sp = turns[-2][0]
                if before_sp and before_sp != last_sp and before_sp not in excl:
                    return before_sp, 0.65
            if narrator and last_sp and last_sp != narrator and narrator not in excl:
                return narrator, 0.5
            since = turns[-1][2]
            start = self.story.paragraphs[since].start
            for m in reversed(self.ix.mentions_between(start, par_start)):
                if m.character != last_sp and m.character not in excl and not self.ix.inside_quote(m.start):
                    return m.character, 0.4
            if last_sp and len(turns) >= 2:
                for sp, _, _ in reversed(turns[:-1]):
                    if sp and sp != last_sp and sp not in excl:
                        return sp, 0.4
            if last_sp and last_sp not in excl and excl:
                return last_sp, 0.45  # the other party is the one addressed: the last speaker goes on
        start = self.story.paragraphs[max(0, self.ix.paragraph(par_start) - 2)].start
        near = [m for m in self.ix.mentions_between(start, par_start)
                if m.character not in excl and not self.ix.inside_quote(m.start)]
        subjects = [m for m in near if _SUBJECT.search(self.ix.text, max(0, m.start - 8), m.start)]
        if subjects or near:
            return (subjects or near)[-1].character, 0.35
        for m in reversed(self.ix.mentions_between(max(0, par_start - 3000), start)):
            if m.character not in excl and not self.ix.inside_quote(m.start) and m.kind == "name":
                return m.character, 0.2  # a guess: the last person named
        return None, 0.0


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
