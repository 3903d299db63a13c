"""Whom a cue names: a pronoun, a description, a relative ("cried his wife"), a title ("said the Colonel").

A mixin of ``Attributor`` (it reads the attributor's index, characters, epithets and kin): the greedy
pass reads a cue (``cues.py``) and asks ``resolve`` which character it stands for, with the confidence of
the reading and its kind (explicit, anaphoric)."""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right

from fabula.model import Mention
from fabula.speakers.cues import Cue
from fabula.speakers.epithets import SCENE, form_at
from fabula.speakers.kinship import KIN, TITLE_NOUNS
from fabula.speakers.resolve import resolve_gendered
from fabula.speakers.unnamed import AHEAD

_KIN_PHRASE = re.compile(r"\b([Hh]is|[Hh]er)\s+(?:[a-z]+\s+)?(wife|husband|mother|father|sister|brother|daughter|son|"
                         r"aunt|uncle|niece|nephew)\b")
BEFORE_CONF = 0.5  # what resolve_gendered gives a he/she resolved to the nearest name before, nothing closer
CLOSE_KIN = frozenset({"wife", "husband", "mother", "father", "mamma", "mama", "papa", "sister", "brother", "daughter",
                       "son"})  # who shares the owner's surname
YOUNGER_KIN = frozenset({"sister", "brother", "daughter", "son"})
NEAR_OWNER = 800  # characters before a kin cue whose names may be the owner ("her" in "said her mother")
GENERIC_NOUNS = frozenset({"man", "woman", "stranger", "fellow", "person", "voice"})
UNSEEN = 0.3  # a he/she resolved no better than this (the most mentioned one of that sex, unless a narrator) is someone new




class CueReferents:
    """``resolve`` and its helpers (see the module docstring)."""

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
            return self._indefinite(ref, strength, turns)
        if ref.kind == "group":  # "the girls whispered", "they cried": the group speaks as one
            if not self.invent:
                return None, "anaphoric", 0.0
            return self.group(ref), "explicit", 0.8 * strength
        gender = ref.gender
        if self.narrator_at(ref.pos) is not None:
            exclude = exclude | {self.narrator_at(ref.pos)}  # "she" in a first-person story is not "I"
        if ref.possessor in ("M", "F", "first") and ref.noun in KIN:
            cid, sure = self._relative(ref, par_start, par_speakers, turns, exclude, quote_first, vocs)
            if cid is not None:
                self.kin_found.add(ref.pos)
                if sure:  # "said her mother" and the one Mrs. of the family: as good as named
                    return cid, "explicit", 0.85 * strength
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
            elif conf <= UNSEEN and cid not in self.narrators and self.invent \
                    and not (turns and cid is not None and self._about(cid, ref.pos, turns, SCENE)):
                # (the most mentioned one of that sex, talked of on the scene of a conversation, is no one new)
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

    def _relative(self, ref, par_start, par_speakers, turns, exclude, quote_first, vocs) -> tuple[str | None, bool]:
        """"cried his wife": the owner is whoever "his" is (the one spoken to, the pronoun's usual
        antecedent, a recent speaker of that gender); the speaker is the owner's relative.  Sure when the
        noun is close kin (a surname is shared) and the owner has one such relative only."""
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
            found = self.kin.relatives(ref.noun, owner, exclude, recent)
            if ref.noun not in CLOSE_KIN:  # "said her uncle": not Mr. Bennet, who is not there, but Mr. Gardiner
                found = [c for c in found  # an "Aunt Juley" may have been named further back
                         if self._about(c, ref.pos, turns, 4 * SCENE if ref.noun in self.kin.titles[c] else SCENE)]
            if found:
                sure = len(found) == 1 and ref.noun in CLOSE_KIN and self._kin_sure(ref, found[0], exclude, turns)
                return found[0], sure
        return None, False

    def _about(self, cid: str, pos: int, turns, reach: int) -> bool:
        """Mentioned within ``reach`` characters before ``pos``, or one of the last speakers."""
        return cid in turns[-8:] or any(m.character == cid for m in self.ix.mentions_between(max(0, pos - reach), pos))

    def _kin_sure(self, ref, cid: str, exclude, turns) -> bool:
        """The relative was about lately, has a given name if a brother, sister, son or daughter; no one on
        the scene of that sex lacks a surname (Dallas may be "his son" as well as Mr. Archer) unless the
        relative's title fits the noun (a Mrs. for "her mother"), and no one who just spoke or was
        named, of the owner's sex, has another such relative: whoever "her" is, "her mother" is the same woman."""
        ix = self.ix
        if ref.noun in YOUNGER_KIN and not self.kin.given.get(cid):
            return False
        if not self._about(cid, ref.pos, turns, 3 * SCENE):
            return False  # Mrs. Moore's son Ralph, who comes on in the last chapters
        named = [m for m in ix.mentions_between(max(0, ref.pos - SCENE), ref.pos)
                 if m.kind == "name" and not ix.break_between(m.start, ref.pos)]
        scene = set(turns[-8:]) | {m.character for m in named}
        if not self.kin.titles[cid] & KIN[ref.noun][1] and any(
                c and c != cid and self.gender(c) == ref.gender and not self.kin.surnames.get(c) for c in scene):
            return False
        near = set(turns[-4:]) | {m.character for m in named if ref.pos - m.start < NEAR_OWNER
                                  and not ix.inside_quote(m.start)}  # "my cousin, Mr. Collins" is not there
        for o in sorted(c for c in near if c and c != cid and self.gender(c) == ref.possessor):
            if self.kin.relatives(ref.noun, o, exclude, []) not in ([], [cid]):
                return False
        return True

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
