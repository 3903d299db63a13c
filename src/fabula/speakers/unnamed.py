"""People the story has not named: "said a voice", "a tall man ... said the man", "said her mother",
"they cried", the cast's members known by a description ("The Stout Man", "One Of The Men").

A mixin of ``Attributor`` (it reads and extends the attributor's index, characters and ``gender``):
the greedy pass asks it whom an unnamed or described speaker is, or makes a scene-local character."""

from __future__ import annotations

import re

from fabula.lexicon import FEMALE_NOUNS, MALE_NOUNS
from fabula.model import Character, Mention
from fabula.speakers import beats, chains
from fabula.speakers.epithets import NOUNS, SCENE

_THE = re.compile(r"[Tt]he\s")
LATER = 15000  # characters after a description's cue searched for its name as a speaker's
AHEAD = 1500  # characters after such a he/she searched for a name of that sex before taking it for someone new
GROUP_REACH = 2000  # characters over which "they said" still means the group cued before
# "cried a voice, as a man started up": the noun right after the article ("as a tall man" is not read:
# reading past describing words moved no dev number)
_AS_ONE = re.compile(r"\s*,?\s*(?:as|while|when|and)\s+(an?)\s+([a-z]+)\b")
_DESCRIBED = re.compile(r"(?<![\w\"\u201c])an?\s+((?:(?!(?:of|the|to|in|with|for|at|on|by|his|her|their|that|who)\b)"
                        r"[a-z]+(?:['-][a-z]+)*,?\s+){0,5}(man|woman|gentleman|lady|seaman|sailor|"
                        r"stranger|fellow|boy|girl|lad|youth))\b(?!['\u2019]s)")
# a sentence whose subject is a description: "Our master was ...", "A woman servant came ...", "Once a certain
# tall soldier developed ..." (the article or "our", up to three describing words, a noun of a sex)
_DESCRIBED_HEADS = ("man woman gentleman lady master mistress servant soldier stranger fellow boy girl officer sailor "
                    "seaman private doctor surgeon clergyman butler governess landlord landlady waiter porter lad "
                    "youth nurse maid").split()
_SUBJECT_DESCRIPTION = re.compile(r"[^.!?;:\"\u201c\u201d]{0,40}?\b((?:[Aa]n?|[Oo]ur|[Tt]he)\s+)"
                                  r"((?:[a-z]+(?:-[a-z]+)*\s+){0,3}?(" + "|".join(_DESCRIBED_HEADS) + r"))\b(?!['\u2019]s)")
_INTRO_AFTER = frozenset(",;:-\u2014.!?")  # an introduction stands after a stop or in apposition: "hand-barrow--a tall man"
_NAME = re.compile(r"(?:(?:Mr|Mrs|Miss|Dr|Lady|Lord|Sir|Captain|Colonel)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?")
_SEXED_NOUNS = FEMALE_NOUNS | MALE_NOUNS
_THAT_OF = re.compile(r"\s*,\s*(?:which|whom)\b[^.;:!?\"\u201c\u201d]{0,60}?\b(?:that|the voice)\s+of\s+")
_WORD = re.compile(r"\w+")
_INTRO_ARTICLES = frozenset({"a", "an"})
_INTRO_CUT = frozenset({"of", "in", "at", "with", "from", "who", "that", "on", "to", "for"})


def _held_by_one(chars, key) -> dict:
    """``key(name)`` of every name and alias -> the one character whose names give it (a key that several
    characters share tells none of them; an empty key is no key)."""
    who: dict = {}
    for c in chars:
        for n in (c.name, *c.aliases):
            k = key(n)
            if k:
                who.setdefault(k, set()).add(c.id)
    return {k: next(iter(ids)) for k, ids in who.items() if len(ids) == 1}


def _the_noun(name: str) -> str:
    """The noun of a "the <noun>" name ("The Voice" -> "voice"), else ""."""
    w = name.lower().split()
    return w[1] if len(w) == 2 and w[0] == "the" else ""


def _one_of_words(name: str) -> str:
    """A name that picks one of several ("One Of The Men" -> "one of the men"), else ""."""
    w = " ".join(name.lower().split())
    return w if w.startswith("one ") else ""


def _indef_words(words: str) -> tuple[str, ...]:
    """The describing words and the head of an indefinite description, without its article and a
    voice it speaks with: "a large old man" and "A Large Old Man" -> ("large", "old", "man")."""
    ws = [w for w in re.findall(r"[a-z]+(?:-[a-z]+)*", words.lower()) if w != "s"]  # "man's" -> "man", "s"
    if not ws or ws[0] not in _INTRO_ARTICLES:
        return ()
    ws = ws[1:]
    cut = next((k for k, w in enumerate(ws) if w in _INTRO_CUT), len(ws))  # "A Lady In The Group"
    ws = ws[:cut]
    if len(ws) > 1 and ws[-1] == "voice":  # "a man's voice"
        ws = ws[:-1]
    return tuple(ws)


def _the_words(name: str) -> tuple[str, ...]:
    """The describing words and head of a cast name that is a description: "The Stout Man" -> ("stout", "man")."""
    w = name.split()
    return _indef_words("a " + " ".join(w[1:])) if len(w) > 1 and w[0].lower() == "the" else ()


class UnnamedPeople:
    """Unnamed and described speakers (see the module docstring); the attributor holds the state."""

    def _know_descriptions(self, chars) -> None:
        """Cast members named by a description: "The Voice", "An Old Woman", "One Of The Men"."""
        self.described_as = _held_by_one(chars, _the_noun)
        self.introduced_as = _held_by_one(chars, _indef_words)
        self.the_words = _held_by_one(chars, _the_words)
        self.one_names = sorted(_held_by_one(chars, _one_of_words).items(), key=lambda x: (-len(x[0]), x[0]))

    def _introduced_member(self, noun: str, pos: int, exclude) -> str | None:
        """The cast member named by the description that last introduced this noun in the narration of the
        scene ("they encountered a stout man with a bunch of keys" -> "The Stout Man"), if any."""
        intro = re.compile(rf"\b(?:an?)\s+(?:[a-z-]+,?\s+){{0,3}}{re.escape(noun)}\b", re.IGNORECASE)
        start = max(0, pos - 3 * AHEAD)
        found = [m for m in intro.finditer(self.ix.text, start, pos)
                 if not self.ix.inside_quote(m.start()) and not self.ix.break_between(m.start(), pos)]
        if not found:
            return None
        words = _indef_words(found[-1].group(0))
        cue = re.match(rf"the\s+((?:[a-z-]+\s+){{0,3}}?){re.escape(noun)}\b(?!\s+who\b)", self.ix.text[pos : pos + 80],
                       re.IGNORECASE)
        if len(words) < 2 or cue is None or not set(cue.group(1).lower().split()) <= set(words):
            return None  # "a man" tells no one; "the young man", "the man who had him in charge": not "a stout man"
        cid = self.the_words.get(words)
        return cid if cid not in exclude else None

    def _noun_end(self, ref) -> int:
        """Where the noun of a possessive cue ("her mother") ends."""
        near = self.ix.text[ref.pos : ref.pos + 80].lower()
        at = near.find(ref.noun)
        return ref.pos + (at + len(ref.noun) if at >= 0 else len(near.split()[0]))

    def _relative_met(self, ref) -> str | None:
        """The relative this story has no name for, made up at "said her mother" shortly before (same scene)."""
        name = f"the {ref.noun}"
        made = {c.id for c in self.extra if c.name == name and c.id not in self.group_ids}
        for m in reversed(self.ix.mentions_between(max(0, ref.pos - 2 * AHEAD), ref.pos)):
            if m.character in made:
                return None if self.ix.break_between(m.start, ref.pos) else m.character
        return None

    def _indefinite(self, ref, strength: float, turns=()) -> tuple[str | None, str, float]:
        """"said a voice": someone not met before (with a given cast: the member it describes, else unknown).
        A voice heard in a conversation under way is rather someone known not seen ('"Charles, dear," said a
        voice from the garden'): read as with a given cast, not made up."""
        known = self._voice_of(ref)
        if known is not None:
            return known, "explicit", 0.9 * strength
        words = self.ix.text[ref.pos : ref.end]
        if not self.invent or (ref.noun == "voice" and turns):
            # "cried a large old man" where the cast lists "A Large Old Man"; "said a voice" where it
            # lists one "The Voice": that member
            who = self.introduced_as.get(_indef_words(words)) or self._one_of(ref.pos) or self.described_as.get(ref.noun)
            return (who, "explicit", 0.8 * strength) if who else (None, "anaphoric", 0.0)
        # someone new, as sure as a name: the turn model must not give it to a known one
        return self.unnamed(ref.gender, ref.pos, ref.end, ref.noun, "nominal", words), "explicit", 0.8 * strength

    def _word_end(self, pos: int) -> int:
        """Where the word at ``pos`` ends: a pronoun cue's mention covers "he", "she", "him" or "his" whole."""
        m = _WORD.match(self.ix.text, pos)
        return m.end() if m else pos + 1

    def _one_of(self, pos: int) -> str | None:
        """"said one of the men" where the cast lists "One Of The Men": that member (the longest such name)."""
        if not self.one_names:
            return None
        reach = 2 * len(self.one_names[0][0])  # the longest name, with room for line breaks and double spaces
        here = " ".join(self.ix.text[pos : pos + reach].lower().split())
        for words, cid in self.one_names:
            if here.startswith(words) and not here[len(words) : len(words) + 1].isalpha():
                return cid
        return None

    def _voice_of(self, ref) -> str | None:
        """'replied another voice, which Margaret knew to be that of Mrs. Gibson': the voice is named;
        'cried a terrible voice, as a man started up': the voice is that man's."""
        one = _AS_ONE.match(self.ix.text, ref.end) if ref.noun == "voice" else None
        if one is not None and one.group(2) in _SEXED_NOUNS:
            who = self.ix.mention_at(one.start(1))
            if who is not None:
                return who.character
            if self.invent:
                gender = "F" if one.group(2) in FEMALE_NOUNS else "M"
                return self.unnamed(gender, one.start(1), one.end(2), one.group(2), "nominal")
        m = _THAT_OF.match(self.ix.text, ref.end) if ref.noun == "voice" else None
        if m is None:
            return None
        who = self.ix.mention_at(m.end())
        if who is not None and who.kind == "name":
            return who.character
        name = _NAME.match(self.ix.text, m.end())
        if name is None or not self.invent:
            return None
        cid = self._next_id()
        self.extra.append(Character(id=cid, name=name.group(0), gender="X"))
        self.unnamed_ids.add(cid)
        self.ix.add(Mention(name.start(), name.end(), cid, "name"), "X")
        return cid

    def _described_since(self, cid: str, gender: str, pos: int) -> str | None:
        """'Dr. Livesey ... asked me to write ... he came plodding to the inn door ... a tall, strong,
        nut-brown man ... "...," says he': a person described with an indefinite article in the narration
        after the last mention of the name a he/she would go back to is the one it means.  The
        description becomes an unnamed character (one per description)."""
        last = max((m.end for m in self.ix.mentions_between(max(0, pos - AHEAD * 2), pos) if m.character == cid),
                   default=max(0, pos - AHEAD))
        found = None
        for m in _DESCRIBED.finditer(self.ix.text, last, pos):
            noun = m.group(2).lower()
            before = self.ix.text[max(0, m.start() - 20) : m.start()].rstrip()
            if before and before[-1] not in _INTRO_AFTER:
                continue  # "He was a good-looking boy", "Death destroys a man": a predicate, an object, nobody new
            if ("F" if noun in ("woman", "lady", "girl") else "M") == gender and not self.ix.inside_quote(m.start()) \
                    and not self.ix.break_between(m.start(), pos):
                found = m
        if found is None:
            return self._described_chain(gender, pos)
        if found.start() not in self.described:
            self.described[found.start()] = self.unnamed(gender, found.start(1), found.end(), found.group(2).lower(),
                                                         "nominal")
        return self.described[found.start()]

    def _described_known(self, ref) -> str | None:
        """The unnamed character made before for "the <noun>" (the latest; no group), if any."""
        name = f"the {ref.noun}"
        return next((c.id for c in reversed(self.extra) if c.name == name and c.id not in self.group_ids), None)

    def described_ok(self, ref) -> bool:
        """A described cue ("said the corporal") counts when it names someone made up before, or someone the
        narration introduced as new shortly before ("a corporal", "his trusted corporal")."""
        if not self.invent:
            return False
        if self._described_known(ref) is not None:
            return True
        intro = re.compile(rf"\b(?:an?|his|her|their|our|my)\s+(?:[a-z-]+\s+){{0,3}}{re.escape(ref.noun)}\b")
        start = max(0, ref.pos - 3 * AHEAD)
        return any(not self.ix.inside_quote(start + m.start()) for m in intro.finditer(self.ix.text[start : ref.pos]))

    def _described_new(self, ref, strength: float) -> tuple[str | None, str, float]:
        cid = self._described_known(ref)
        if cid is not None:
            self.ix.add(Mention(ref.pos, ref.end, cid, "nominal"), self.ix.gender.get(cid, "X"))
            return cid, "explicit", 0.8 * strength
        return self.unnamed("X", ref.pos, ref.end, ref.noun, "nominal"), "explicit", 0.8 * strength

    def _unnamed_before(self, pos: int, gender: str) -> str | None:
        """The last unnamed speaker (no group) mentioned shortly before ``pos``, of that sex or of none."""
        for m in reversed(self.ix.mentions_between(max(0, pos - AHEAD), pos)):
            if m.character in self.unnamed_ids and m.character not in self.group_ids \
                    and self.gender(m.character) in (gender, "X"):
                return None if self.ix.break_between(m.start, pos) else m.character
        return None

    def _described_chain(self, gender: str, pos: int) -> str | None:
        """'Our master was a good, kind man. He gave us good food ... He would pat her and say, "..."': the
        he/she subjects of the narration before go back to a description no one has named, not to a name
        further off; the description becomes an unnamed character (one per description)."""
        ix = self.ix
        for k, (s, e) in enumerate(chains.narration_sentences(ix, max(0, pos - chains.LOOKBACK), pos)):
            if k >= chains.MAX_SENTENCES or ix.break_between(s, pos):
                return None
            who, he = chains.subject(ix, s, e)
            if who is not None or he and he != gender:
                return None  # a named subject, or one of the other sex: the chain ends elsewhere
            if he:
                continue
            m = _SUBJECT_DESCRIPTION.match(ix.text, s, e)
            if m is None or not (beats.leads_to(ix, s, m.start(1)) or ix.text[s : m.start(1)].strip() == "Once"):
                continue
            noun = m.group(3).lower()
            sex = "F" if noun in FEMALE_NOUNS or noun == "landlady" else "M"
            if sex != gender or ix.mentions_between(m.start(1), m.end()):
                return None
            if m.start(1) not in self.described:
                self.described[m.start(1)] = self.unnamed(gender, m.start(1), m.end(), noun, "nominal",
                                                          "a " + " ".join(m.group(0)[m.start(2) - m.start():].split()))
            return self.described[m.start(1)]
        return None

    def _named_after(self, gender: str, pos: int, exclude) -> str | None:
        """The first character of that sex named in the narration soon after ``pos`` (unless the he/she goes
        back to someone described, not named: ``_described_chain``)."""
        described = self._described_chain(gender, pos)
        if described is not None:
            return described
        for m in self.ix.mentions_between(pos, pos + AHEAD):
            if m.kind == "name" and m.character not in exclude and self.gender(m.character) == gender \
                    and not self.ix.inside_quote(m.start):
                return m.character
        return None

    def _next_id(self) -> str:
        """The id of a character found here, after the story's own and those found before."""
        return f"C{len(self.story.characters) + len(self.extra) + 1}"

    def unnamed(self, gender: str, start: int, end: int, noun: str = "", kind: str = "pronoun", words: str = "") -> str:
        """A speaker the narration gives no name: a new character, local to where it speaks.  ``words``: the
        description that introduces it ("a sleepy-faced carpenter"), its name with "the" and an alias as written."""
        cid = self._next_id()
        word = {"F": "woman", "M": "man"}.get(gender, "person")
        name = f"the {noun}" if noun and noun != "one" else f"an unnamed {word}"
        parts = words.split()
        # (not "an angry voice": how it sounds, not who it is)
        described = noun not in ("", "one", "voice") and len(parts) > 1 and parts[-1].lower() == noun
        if described:
            name = "the " + " ".join(parts[1:])
        self.extra.append(Character(id=cid, name=name, gender=gender, aliases=(" ".join(parts),) if described else ()))
        self.unnamed_ids.add(cid)
        self.ix.add(Mention(start, end, cid, kind), gender)
        return cid

    def group(self, ref) -> str:
        """The group a plural cue names: the last group cued close before when the words agree ("they"
        goes back to "the girls"; "we" to "we" only), else a new character, local to where it speaks."""
        for c, at in reversed(self.groups):
            if ref.pos - at > GROUP_REACH:
                break
            if c.name.split()[-1] == ref.noun or ref.noun == "they" and c.name != "we":
                self.groups.append((c, ref.pos))
                self.ix.add(Mention(ref.pos, ref.end, c.id, "pronoun" if ref.noun in ("they", "we") else "nominal"), "X")
                return c.id
        cid = self._next_id()
        name = ref.noun if ref.noun in ("they", "we") else f"the {ref.noun}"
        c = Character(id=cid, name=name, gender="X")
        self.extra.append(c)
        self.unnamed_ids.add(cid)
        self.group_ids.add(cid)
        self.groups.append((c, ref.pos))
        self.ix.add(Mention(ref.pos, ref.end, cid, "pronoun" if ref.noun in ("they", "we") else "nominal"), "X")
        return cid

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
