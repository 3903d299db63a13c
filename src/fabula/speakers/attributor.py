"""The greedy attributor: cues, pronoun and nominal resolution, unnamed speakers and groups, turn-taking.

It reads the quotes left to right, paragraph by paragraph (see the package docstring); ``decode.py``
then re-decides the turns without a name cue."""


from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections import defaultdict

from fabula.model import Character, Mention, Story
from fabula.speakers.context import Index, first_person_share
from fabula.speakers.cues import Cue, cue_after, cue_before, hearer_after
from fabula.speakers.epithets import NOUNS, Epithets, form_at
from fabula.speakers.kinship import KIN, TITLE_NOUNS, Kin
from fabula.speakers.resolve import resolve_gendered
from fabula.speakers.turns import conversations, vocatives
from fabula.speakers.unnamed import AHEAD, UnnamedPeople

_SUBJECT = re.compile(r"(?:^|[.!?;\"”’]\s*|\n\s*)$")
_HE_SHE = re.compile(r"\b([Hh]e|[Ss]he)\b")
_SUBJECT_PRONOUN = re.compile(r"(?:^|[.!?;\"”’]\s*|\n\s*|\b(?:and|but|then|when|as|while|now|so|still|again|\w+ly)\s+)$",
                              re.IGNORECASE)
_VERB_AFTER = re.compile(r"(?:'s\s+\w+)?\s+(?:\w+ly\s+)?[a-z]{2,}\b")
REPLY_VERBS = frozenset({"replied", "replies", "answered", "answers", "retorted", "retorts", "rejoined", "rejoins",
                         "responded", "responds", "answer", "reply", "rejoinder", "response", "retort"})  # "was his reply"
_THE_ANSWER = re.compile(r"\s*,?\s*(?:was|came)\s+the\s+(?:\w+\s+)?(?:answer|reply|rejoinder|response|retort)\b")
_KIN_PHRASE = re.compile(r"\b([Hh]is|[Hh]er)\s+(?:[a-z]+\s+)?(wife|husband|mother|father|sister|brother|daughter|son|"
                         r"aunt|uncle|niece|nephew)\b")
NARRATOR = "\0narrator"  # placeholder id until the narrator has a name
FIRST_PERSON_SHARE = 0.25  # first-person / third-person pronouns in the narration
BEFORE_CONF = 0.5  # what resolve_gendered gives a he/she resolved to the nearest name before, nothing closer
GENERIC_NOUNS = frozenset({"man", "woman", "stranger", "fellow", "person", "voice"})
SCENE = 2500  # characters before a cue where the one described on the scene was mentioned
# a whole narration sentence between two quotes (not the "." of "Mr. Brown", "St. Albans")
_NARRATED = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bSr)(?<![\s.][A-Z])[.!?]\s+[A-Z]")
_THE = re.compile(r"[Tt]he\s")
LATER = 15000  # characters after a description's cue searched for its name as a speaker's
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














class Attributor(UnnamedPeople):
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
        if ref.kind == "indef":
            return self._indefinite(ref, strength)
        if ref.kind == "group":  # "the girls whispered", "they cried": the group speaks as one
            if not self.invent:
                return None, "anaphoric", 0.0
            return self.group(ref), "explicit", 0.8 * strength
        gender = ref.gender
        if self.narrator_at(ref.pos) is not None:
            exclude = exclude | {self.narrator_at(ref.pos)}  # "she" in a first-person story is not "I"
        if ref.possessor in ("M", "F", "first") and ref.noun in KIN:
            cid = self._relative(ref, par_start, par_speakers, turns, exclude, quote_first, vocs)
            if cid is not None:
                self.kin_found.add(ref.pos)
                return cid, "anaphoric", 0.85 * strength
            cid = self._relative_met(ref) if ref.possessor in ("M", "F") and self.invent else None
            if cid is not None:  # '"...," said her mother ... "...," cried her mother': the one made up before
                self.ix.add(Mention(ref.pos, self._noun_end(ref), cid, "nominal"), self.gender(cid))
                return cid, "explicit", 0.8 * strength  # as sure as "said the man" after "said a voice"
        if (not ref.possessor and ref.noun in TITLE_NOUNS) or ref.noun in ("ladyship", "lordship"):
            holders = self.kin.titled(ref.noun)
            cid = self._titled(holders, ref.pos, turns, exclude)
            if cid is not None:
                if len(holders) == 1:
                    return cid, "explicit", 0.9 * strength  # "said the Major": the one Major is as good as named
                return cid, "anaphoric", 0.85 * strength
        if not ref.possessor and ref.noun in GENERIC_NOUNS and self.unnamed_ids:
            cid = self._unnamed_before(ref.pos, gender)
            if cid is not None:  # '"...," said a rough voice. ... "...," said the man': the same unnamed one
                self.ix.add(Mention(ref.pos, ref.pos + 4 + len(ref.noun), cid, "nominal"), gender)
                return cid, "explicit", 0.8 * strength
        if not ref.possessor and ref.noun in GENERIC_NOUNS and ref.kind == "nominal":
            cid = self._described_on_scene(ref.pos, gender, exclude)
            if cid is not None:  # '"...," said the stranger. ... "...," the man said': the one described so
                return cid, "explicit", 0.8 * strength
        if ref.noun == "this":  # "said this worthy": the one the narration named last
            cid = self._narrated_last(ref.pos, lambda c: c not in exclude
                                      and (gender == "X" or self.gender(c) in (gender, "X")))
            return (cid, "anaphoric", 0.75 * strength) if cid is not None else (None, "anaphoric", 0.0)
        if ref.noun in ("other", "first") and not ref.possessor:
            cid = self._one_of_two(ref, turns + list(par_speakers), exclude, addressed)
            if cid is not None:
                return cid, "anaphoric", 0.7 * strength
        if not self.invent and ref.kind == "nominal" and not ref.possessor and ref.noun and self.the_words:
            cid = self._introduced_member(ref.noun, ref.pos, exclude)
            if cid is not None:  # "a stout man ... '...,' said the man": the cast's "The Stout Man"
                return cid, "explicit", 0.8 * strength
        form = form_at(self.ix.text, ref.pos) if ref.kind == "nominal" and not ref.possessor else None
        if form is not None and ref.noun != "other":
            cid = self.epithets.pick(form, ref.pos, turns, exclude)
            if cid is not None:  # "said the old gentleman": the one on the scene the narration calls so
                self.kin_found.add(ref.pos)  # as sure as a relative: the turn model weighs it like a pronoun
                return cid, "anaphoric", 0.8 * strength
            exclude = exclude | self.epithets.beside(form, ref.pos)
        if ref.described:
            # "said the corporal" after "a corporal", "his corporal": someone introduced as new, the same one each time
            return self._described_new(ref, strength) if self.described_ok(ref) else (None, "anaphoric", 0.0)
        if ref.possessor in ("M", "F"):
            # "said her sister": first find who "her" is, then the speaker is someone else
            owner, _ = resolve_gendered(self.ix, ref.possessor, ref.pos, par_start, par_speakers, turns, exclude,
                                        self.top_by_gender, "", quote_first)
            if gender == "X":  # whose companion: the one spoken to, else the one who spoke last, if of that sex
                fit = [c for c in sorted(vocs) if self.gender(c) == ref.possessor] + \
                    [t for t in turns[-1:] if self.gender(t) == ref.possessor]
                owner = fit[0] if fit else owner
            if owner:
                exclude = exclude | {owner}
            if gender == "X":  # "said his companion": the one the narration set beside him, else the other one talking
                cid = (self._beside(owner, ref.pos, exclude) if owner else None) \
                    or next((t for t in reversed(turns[-6:]) if t not in exclude), None)
                if cid is not None:
                    return cid, "anaphoric", 0.6 * strength
            cid, conf = resolve_gendered(self.ix, gender, ref.pos, par_start, [], turns, exclude, self.top_by_gender,
                                         cue.verb, True)
            if cid is None and self.invent and ref.noun in KIN:
                # '"...," said her sister': a relative the story has not named is someone new
                return self.unnamed(gender, ref.pos, self._noun_end(ref), ref.noun, "nominal"), "anaphoric", 0.6 * strength
            return cid, "anaphoric", conf * strength * 0.9
        relative = self._kin_just_before(par_start, gender, turns, exclude) \
            if ref.kind == "pronoun" and quote_first and not par_speakers else None
        if relative is not None:  # '... he left the room, fatigued with the raptures of his wife. ¶ "...," said she'
            cid, conf = relative, 0.72
        else:
            cid, conf = resolve_gendered(self.ix, gender, ref.pos, par_start, par_speakers, turns, exclude,
                                         self.top_by_gender, cue.verb, quote_first, tuple(addressed))
        if form is not None and conf <= UNSEEN and (usual := self.epithets.usual(form, exclude)) is not None:
            cid, conf = usual, 0.5  # no one of that sex on the scene: the one the book calls so
        if ref.kind == "pronoun" and gender in ("F", "M"):
            spoken_to = [c for c in addressed if c not in exclude and self.gender(c) in (gender, "X")]
            if conf <= UNSEEN and spoken_to:  # '"Alesia..." he began. ... she said': the one just addressed
                cid, conf = spoken_to[0], 0.5
            elif conf <= UNSEEN and cid not in self.narrators and self.invent:
                later = self._named_after(gender, ref.pos, exclude)
                if later is not None:  # '"...," he said. ... Mr. Bennet': the man named next
                    cid, conf = later, 0.4
                else:  # no one of that sex nearby: "he" is someone the narration has not named
                    cid, conf = self.unnamed(gender, ref.pos, self._word_end(ref.pos)), 0.5
            elif conf == BEFORE_CONF and self.invent and cid not in self.narrators \
                    and (described := self._described_since(cid, gender, ref.pos)) is not None:
                cid, conf = described, 0.5
            elif cid in self.unnamed_ids:
                if self.ix.gender.get(cid) == "X":  # "said a voice ... he went on": the voice is a man's
                    self.ix.gender[cid] = gender
                    self.extra = [dataclasses.replace(c, gender=gender) if c.id == cid else c for c in self.extra]
                self.ix.add(Mention(ref.pos, self._word_end(ref.pos), cid, "pronoun"), gender)
            elif cid is not None and conf >= 0.75 and self.ix.gender.get(cid) == "X" and cid not in self.group_ids:
                self.ix.gender[cid] = gender  # "said the surgeon ... he said": the surgeon is a man
        return cid, "anaphoric", conf * strength

















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

    def _described_on_scene(self, pos: int, gender: str, exclude) -> str | None:
        """The one character on the scene (mentioned shortly before, no scene break) whose name is a plain
        description of a person ("the stranger", "the young man"), of that sex or none."""
        ix, found = self.ix, set()
        for m in ix.mentions_between(max(0, pos - SCENE), pos):
            c = m.character
            if c in exclude or c in found or ix.break_between(m.start, pos) or self.gender(c) not in (gender, "X"):
                continue
            words = self._names.get(c, "").split()
            if len(words) >= 2 and words[0] == "the" and words[-1] in GENERIC_NOUNS:
                found.add(c)
        return found.pop() if len(found) == 1 else None

    def _kin_just_before(self, par_start: int, gender: str, turns, exclude) -> str | None:
        """'"...," said Mr. Bennet; and he left the room, fatigued with the raptures of his wife. ¶ "...," said
        she': the last one of that sex the narration since the last quote points at is the last speaker's
        relative ("his wife"), named by no name after it."""
        ix = self.ix
        if not turns or gender not in ("F", "M"):
            return None
        owner = turns[-1]
        i = bisect_right(ix.quote_ends, par_start) - 1
        start = ix.quote_ends[i] if i >= 0 and par_start - ix.quote_ends[i] < AHEAD else max(0, par_start - AHEAD)
        found = None
        for m in _KIN_PHRASE.finditer(ix.text, start, par_start):
            if not ix.inside_quote(m.start()):
                found = m
        if found is None or found.group(1).lower() != {"M": "his", "F": "her"}.get(self.gender(owner)):
            return None
        noun = found.group(2).lower()
        if KIN.get(noun, ("X",))[0] != gender or any(
                m.kind == "name" and self.gender(m.character) == gender for m in ix.mentions_between(found.end(), par_start)):
            return None
        recent = list(dict.fromkeys(reversed(turns[-8:])))
        return self.kin.relative(noun, owner, set(exclude), recent)

    def _narrated_last(self, pos: int, ok) -> str | None:
        """The last character the narration names shortly before ``pos`` (same scene) for whom ``ok`` holds."""
        return next((m.character for m in reversed(self.ix.mentions_between(max(0, pos - AHEAD), pos))
                     if m.kind == "name" and ok(m.character) and not self.ix.inside_quote(m.start)
                     and not self.ix.break_between(m.start, pos)), None)

    def _beside(self, owner: str, pos: int, exclude) -> str | None:
        """The last one named in a narration sentence together with ``owner`` shortly before ``pos``
        ("Catherine walked with Eleanor ... said her companion": Eleanor)."""
        ix = self.ix
        names = [m for m in ix.mentions_between(max(0, pos - AHEAD), pos) if m.kind == "name"
                 and not ix.inside_quote(m.start) and not ix.break_between(m.start, pos)]
        with_owner = {ix.sentence_start(m.start) for m in names if m.character == owner}
        return next((m.character for m in reversed(names) if m.character != owner and m.character not in exclude
                     and ix.sentence_start(m.start) in with_owner), None)

    def _one_of_two(self, ref, turns, exclude, addressed=()) -> str | None:
        """"said the other" / "the latter": of the two talking, not the one who spoke last (else the last one
        named in the narration just before who did not); "said the first" / "the former": the one of the last
        two speakers who spoke first."""
        fits = lambda c: c not in exclude and (ref.gender == "X" or self.gender(c) in (ref.gender, "X"))
        last = turns[-1] if turns else None
        if ref.noun == "other" or len({t for t in turns[-8:] if t}) < 3:
            # two talking: "the first" too is whoever did not speak last; the one just spoken to first
            cid = next((c for c in addressed if c != last and fits(c)), None) \
                or next((t for t in reversed(turns[:-1]) if t and t != last and fits(t)), None)
            if cid is not None:
                return cid
            return self._narrated_last(ref.pos, lambda c: c != last and fits(c))
        recent = turns[-8:]
        two = list(dict.fromkeys(t for t in reversed(recent) if t))[:2]
        if len(two) < 2:
            return None
        first = min(two, key=recent.index)  # the one of the two whose turn came first
        return first if fits(first) else None

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
        cid, conf = self._turn(group, turns, vocs, p.start)
        for k in group:
            if cid is not None:
                speakers[k], types[k], confs[k] = cid, "implicit", conf

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

    def _named_later(self, speakers, types) -> None:
        """'a grey-haired gentleman ... "...," said the gentleman ... "...," replied Mr. Brownlow': a
        description that speaks is the one of its sex later named as a speaker in the scene, if he was not on
        it before (neither named in the narration nor speaking) and no one of that sex was just named."""
        quotes, ix = self.story.quotes, self.ix
        greedy = list(speakers)
        for k, form in enumerate(self.cue_form):
            want = NOUNS.get(form[1], "X") if form else "X"
            if want == "X":
                continue
            pos = quotes[k].start
            scene = [x for x in range(max(0, k - 40), k) if not ix.break_between(quotes[x].start, pos)]
            narrated = [m for m in ix.mentions_between(max(0, pos - LATER), pos)
                        if m.kind == "name" and not ix.inside_quote(m.start) and not ix.break_between(m.start, pos)
                        and not _THE.match(ix.text, m.start)]  # a cast name "the spy" is a description itself
            last = next((m.character for m in reversed(narrated) if m.start >= pos - SCENE
                         and self.gender(m.character) == want), None)
            if speakers[k] == last or any(types[x] == "explicit" and greedy[x] not in self.unnamed_ids  # not "a voice"
                                          and self.gender(greedy[x]) == want and pos - quotes[x].start < SCENE
                                          for x in scene):
                continue  # "replied Nancy ... said the girl": one of that sex was just named
            before = {greedy[x] for x in scene} | {m.character for m in narrated}
            named = None
            for x in range(k + 1, len(quotes)):
                if quotes[x].start - pos > LATER or ix.break_between(pos, quotes[x].start):
                    break
                who = speakers[x]
                if types[x] == "explicit" and who and who not in self.unnamed_ids and self.gender(who) == want:
                    named = who
                    break
            if named is None or named in before:
                continue
            old = speakers[k]
            for x in range(k, len(quotes)):  # the quotes of the paragraph that took the cue's speaker
                if ix.paragraph(quotes[x].start) != ix.paragraph(pos):
                    break
                if speakers[x] == old and types[x] == "anaphoric":
                    speakers[x] = named

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
