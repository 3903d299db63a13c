"""The greedy attributor: cues, turn-taking, replies, the narrator's own turns.

It reads the quotes left to right, paragraph by paragraph (see the package docstring); ``decode.py``
then re-decides the turns without a name cue.  Whom a cue names is ``referents.py`` (``resolve``);
unnamed and described people are ``unnamed.py``: both are mixins of ``Attributor``."""


from __future__ import annotations

import re
from collections import defaultdict

from fabula.model import Character, Story
from fabula.speakers.context import Index, first_person_share
from fabula.speakers.cues import Cue, cue_after, cue_before, hearer_after, voice_after
from fabula.speakers.epithets import Epithets, form_at
from fabula.speakers.kinship import Kin
from fabula.speakers.referents import CueReferents
from fabula.speakers.turns import conversations, vocatives
from fabula.speakers.unnamed import UnnamedPeople

_SUBJECT = re.compile(r"(?:^|[.!?;\"”’]\s*|\n\s*)$")
_HE_SHE = re.compile(r"\b([Hh]e|[Ss]he)\b")
_SUBJECT_PRONOUN = re.compile(r"(?:^|[.!?;\"”’]\s*|\n\s*|\b(?:and|but|then|when|as|while|now|so|still|again|\w+ly)\s+)$",
                              re.IGNORECASE)
_VERB_AFTER = re.compile(r"(?:'s\s+\w+)?\s+(?:\w+ly\s+)?[a-z]{2,}\b")
REPLY_VERBS = frozenset({"replied", "replies", "answered", "answers", "retorted", "retorts", "rejoined", "rejoins",
                         "responded", "responds", "answer", "reply", "rejoinder", "response", "retort"})  # "was his reply"
_THE_ANSWER = re.compile(r"\s*,?\s*(?:was|came)\s+the\s+(?:\w+\s+)?(?:answer|reply|rejoinder|response|retort)\b")
NARRATOR = "\0narrator"  # placeholder id until the narrator has a name
FIRST_PERSON_SHARE = 0.25  # first-person / third-person pronouns in the narration
# a whole narration sentence between two quotes (not the "." of "Mr. Brown", "St. Albans")
_NARRATED = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bSr)(?<![\s.][A-Z])[.!?]\s+[A-Z]")
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














class Attributor(CueReferents, UnnamedPeople):
    def __init__(self, story: Story, invent: bool = True):
        self.story = story
        self.invent = invent  # a he/she no known character fits may be someone new (not with a given cast)
        self.ix = Index(story)
        self._names = {c.id: c.name.lower() for c in story.characters}
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
        self.groups: list[tuple[Character, int]] = []  # group speakers and where they were last cued
        self.group_ids: set[str] = set()
        self.described: dict[int, str] = {}  # where an indefinite description stands -> its unnamed character
        self.kin = Kin(chars)
        self.kin_found: set[int] = set()  # cue positions resolved as a relative or by epithet (for the turn model)
        self.epithets = Epithets(self.ix)
        self.top_by_gender: dict[str, str] = {}
        self._know_descriptions(chars)
        for c in sorted(chars, key=lambda c: (-c.mentions, c.id)):
            if c.gender in ("F", "M"):
                self.top_by_gender.setdefault(c.gender, c.id)

    def narrator_at(self, pos: int) -> str | None:
        seg = self.ix.segment_at(pos)
        if seg is not None:
            return (seg.narrator or self.fallback) if seg.person == "first" else None
        return self.fallback

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
        self.cue_pos: list[int | None] = [None] * n  # where the quote's own cue is ("said he")
        self.cue_named = [False] * n  # the quote's own cue gave its speaker as sure as a name
        self.cue_form: list[tuple[str, str] | None] = [None] * n  # "said the old gentleman": its words
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
            if first_sp in self.group_ids:
                first_sp = None  # a crowd's cry is no turn of the conversation

            turns[convs[i]].append((first_sp, sorted({v for k in group for v in vocs[k]}), par))
            i = j
        self._named_later(speakers, types)
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
            if after is not None and after.ref.described and not self.described_ok(after.ref):
                after = None  # "said the poet": someone the story has named, whom we cannot tell
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
            if quote_first and pos > 0 and cue is before and _NARRATED.search(text, prev_end, q.start):
                quote_first = False  # '"..." There was no danger. He went up to him, remarking, "..."': a beat of its own
            addressed = turns[-1][1] if turns else ()
            replied = self._replied_to(cue, group, par, speakers, types, turns)
            if cue.ref.pos in done:  # '"...," said her mother, "..."': one cue, one speaker for both halves
                cid, typ, conf = done[cue.ref.pos]
            else:
                # the ones spoken to are not the speaker: "Kitty, ..." and "said she to him", "Mary heard her say"
                spoken_to = set(vocs[k]) | {c for c in (cue.addressee, cue.hearer) if c}
                cid, typ, conf = self.resolve(cue, p.start, par_speakers, turn_speakers, spoken_to, quote_first,
                                              addressed)
                done[cue.ref.pos] = cid, typ, conf
            if cid is None or cid in vocs[k]:
                continue
            speakers[k], types[k], confs[k] = cid, typ, conf
            cue_to[k] = cue.addressee or replied  # the turn model bans the replied-to as its speaker
            self.cue_gender[k] = "first" if cue.ref.kind == "first" else cue.ref.gender
            self.cue_nominal[k] = cue.ref.kind == "nominal" and cue.ref.pos not in self.kin_found
            self.cue_pronoun[k] = cue.ref.kind == "pronoun"
            self.cue_pos[k] = cue.ref.pos
            self.cue_named[k] = typ == "explicit" or cue.ref.kind == "first"  # "I said": as sure as a name
            if cue.ref.kind == "nominal" and not cue.ref.possessor and typ == "anaphoric":
                self.cue_form[k] = form_at(text, cue.ref.pos)
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
        if cue_to[group[0]] is None and _THE_ANSWER.match(text, quotes[group[0]].end):
            # '"Say, 'What do you want, Master Reed?'" was the answer': spoken to the one who asked
            cue_to[group[0]] = self._last_named_turn(group, par, speakers, types, turns)
        for pos, k in enumerate(group):  # '"..." Philip did not know what she meant': spoken to Philip
            if cue_to[k] is None:
                cue_to[k] = hearer_after(text, quotes[k].end, quotes[k + 1].start if pos + 1 < len(group) else p.end,
                                         ix.mention_at)
        known = [k for k in group if speakers[k]]
        for k in group:
            if speakers[k] is None and known:
                src = max((x for x in known if x < k), default=min(known))
                if speakers[src] not in vocs[k]:
                    speakers[k], types[k], confs[k] = speakers[src], types[src], confs[src] * 0.95
        if known:
            return
        voiced = self._voice_next(par)
        if voiced is not None:
            called = {v for k in group for v in vocs[k]}
            cid, typ, conf = self.resolve(voiced, p.start, par_speakers, turn_speakers, called)
            if cid is not None and cid not in called:
                for k in group:
                    speakers[k], types[k], confs[k] = cid, typ, conf * 0.9
                return
        cid, conf = self._turn(group, turns, vocs, p.start)
        for k in group:
            if cid is not None:
                speakers[k], types[k], confs[k] = cid, "implicit", conf

    def _voice_next(self, par: int) -> Cue | None:
        """The voice the narration paragraph right after this one names (``cues.voice_after``), if it has no quote."""
        paras = self.story.paragraphs
        if par + 1 >= len(paras) or self.ix.quotes_between(paras[par + 1].start, paras[par + 1].end):
            return None
        nxt = paras[par + 1]
        return voice_after(self.story.text, nxt.start, nxt.end, self.ix.mention_at)

    def _replied_to(self, cue: Cue, group, par: int, speakers, types, turns) -> str | None:
        """'"...," said Lord Henry. ¶ "...," he replied': a reply is spoken to the one a name cue gave the
        turn just before (so he is not its speaker)."""
        if cue.verb not in REPLY_VERBS or cue.ref.kind not in ("pronoun", "nominal"):
            return None
        return self._last_named_turn(group, par, speakers, types, turns)

    def _last_named_turn(self, group, par: int, speakers, types, turns) -> str | None:
        """The speaker a name cue gave the turn in the paragraph right before, if any."""
        if not turns or group[0] == 0 or turns[-1][2] != par - 1:
            return None
        k = group[0] - 1
        last = speakers[k]
        named = types[k] == "explicit" or self.cue_gender[k] == "first"  # "said I" is as sure as a name
        return last if last is not None and named and last == turns[-1][0] else None

    def _subject_in_narration(self, start: int, end: int, excl: set[str]) -> str | None:
        """A name standing as a subject in the paragraph's own narration: the one who acts, speaks."""
        for m in self.ix.mentions_between(start, end):
            if m.kind == "name" and m.character not in excl and not self.ix.inside_quote(m.start) \
                    and _SUBJECT.search(self.ix.text, max(0, m.start - 8), m.start) \
                    and _VERB_AFTER.match(self.ix.text, m.end):
                return m.character
        return None

    def _pronoun_actor(self, start: int, end: int, turns, excl: set[str]) -> str | None:
        """'"Y-o-u-u TOM!" ¶ There was a noise behind her and she turned ... ¶ "There!"': the narration
        in between has only he or only she for a subject; the last one of that sex who spoke acts, then speaks."""
        sexes = {"F" if m.group(1).lower() == "she" else "M"
                 for m in _HE_SHE.finditer(self.ix.text, start, end) if not self.ix.inside_quote(m.start())
                 and _SUBJECT_PRONOUN.search(self.ix.text, max(0, m.start() - 14), m.start())}
        if len(sexes) != 1:
            return None
        sex = sexes.pop()
        return next((sp for sp, _, _ in reversed(turns[-8:]) if sp and sp not in excl and self.gender(sp) == sex), None)

    def _turn(self, group, turns, vocs, par_start):
        """Turn-taking for a paragraph without a cue."""
        excl = {v for k in group for v in vocs[k]}
        narrator = self.narrator_at(self.story.quotes[group[0]].start)
        if turns:
            last_sp, last_vocs, last_par = turns[-1]
            here = self.ix.paragraph(par_start)
            if here - last_par > 1:  # narration paragraphs in between: their subject acts, then speaks
                between = self.story.paragraphs[last_par + 1].start
                cid = self._subject_in_narration(between, par_start, excl | {last_sp})
                if cid is not None:
                    return cid, 0.5
                cid = self._pronoun_actor(between, par_start, turns, excl)
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
