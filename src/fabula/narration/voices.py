"""Narrators and POV characters for the units of the narration stage.

First person: a unit keeps the current narrator unless a heading names someone else, the
local evidence clearly names someone else, or the "I" changed without a word — the dialogue is
retold or the narration's *he* turns into *she* — in which case the new "I" is the previous
narrator's main partner (the person the previous narration spoke of most, of the right gender).
Third person: the POV is the character who most perceives and thinks in the narration.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter

from fabula.model import Character, Story
from fabula.narration.naming import narrator_evidence, perception_subjects, resolve
from fabula.narration.text import NameIndex, ProperNouns, QuoteIndex
from fabula.structure.boilerplate import prose_only

STRONG = 3.0  # one vocative in a quote spoken by someone else
LONG_WORDS = 20_000  # first-person narration of a novel, not a chapter or a short story


def assign_voices(story: Story, units, qi: QuoteIndex, names: NameIndex, proper: ProperNouns | None = None,
                  cast_given: bool = False) -> list[Character]:
    """Narrators of the first-person units (found, made, or the cast's) and POV characters of the others; with
    the user's cast, only its names can name a narrator (a capitalised "Um," is no one)."""
    characters = list(story.characters)
    by_id = {c.id: c for c in characters}
    new_names: dict[str, str] = {}  # name (lower) -> id of a narrator we created

    def character_for(name: str | None, gender: str = "X") -> str:
        if name is not None:
            cid = names.lookup(name) if name not in by_id else name
            if cid:
                return cid
            if name.lower() in new_names:
                return new_names[name.lower()]
        else:
            name = "Narrator" if "narrator" not in new_names else f"Narrator {len([k for k in new_names if k.startswith('narrator')]) + 1}"
        cid = _next_id(characters)
        c = Character(id=cid, name=name, gender=gender if gender != "X" else _title_gender(name), narrator=True)
        characters.append(c)
        by_id[cid] = c
        new_names[name.lower()] = cid
        return cid

    proper = proper or ProperNouns(story.text, prose_only(story))
    first = [u for u in units if u.person == "first"]
    local: dict[int, Counter] = {}
    total: Counter = Counter()
    for u in first:
        ev = narrator_evidence(story, qi, names, u.paragraphs, u.start, u.end)
        ev = Counter({k: v for k, v in ev.items() if names.lookup(k) or (not cast_given and proper.is_name(k))})
        local[id(u)] = resolve(ev, names, u.mentions)
        total.update(ev)
    book_mentions = Counter()
    for u in first:
        book_mentions.update(u.mentions)
    book = resolve(total, names, book_mentions)
    book_best = _best(book)
    # Over a whole book, one address by someone else is chance, not the narrator's name: "Narrator".
    novel = sum(u.counts.words for u in first) >= LONG_WORDS
    if novel and book.get(book_best, 0) < 2 * STRONG:
        book_best = None

    def keyed(score: Counter) -> Counter:
        """Scores with the raw names of narrators we created folded onto their ids."""
        out = Counter()
        for k, v in score.items():
            out[new_names.get(k.lower(), k) if k not in by_id else k] += v
        return out

    preset = next((c.id for c in characters if c.narrator), None)
    current: str | None = None
    prev = None
    for u in first:
        ev = keyed(local[id(u)])
        book = keyed(book)
        best = _best(ev)
        if u.hint:
            current = character_for(u.hint)
        elif current is None:  # a narrator the user's cast names comes first, then the book's evidence
            current = preset or character_for(_unnamed_here(book_best, u, book)
                                              or (None if novel else _first_unnamed(book, u) or _first_unnamed(ev, u)))
        elif (best and ev[best] >= 2 * STRONG and best != current and ev.get(current, 0) <= 0 and not u.mentions.get(best)
              and book.get(best, 0) >= 0.5 * book.get(current, 0)):
            # others address someone new at least twice, the old narrator not at all, and the new one
            # is a narrator of the book's stature (not a character who is talked to in one scene)
            current = character_for(best)
        elif prev is not None and ev.get(current, 0) <= 0 and (u.retold or (book.get(current, 0) < 2 * STRONG and _flipped(prev, u))):
            # the "I" changed without a heading; the new "I" is the one the old one spoke of most
            was = current
            want = "M" if prev.counts.he >= prev.counts.she else "F"
            partner = _partner(prev, current, by_id, want)
            if partner is None:
                nouns = proper.count(qi.narration(story.text, prev.start, prev.end))
                own = {w.lower() for w in by_id[was].name.split()} if was in by_id else set()
                ranked = sorted((k for k in nouns if k.lower() not in own), key=lambda k: (-nouns[k], k))
                partner = character_for(ranked[0], want) if ranked else (character_for(None, want) if u.retold else was)
            if not u.retold and partner != was and u.mentions.get(partner):
                partner = was  # the new stretch names the one who would tell it: narrators do not name themselves
            if by_id.get(partner) is not None and by_id[partner].gender == "X":  # spoken of as he or she
                _set(characters, by_id, partner, gender=want)
            current = partner
            # the new "I" speaks of the old one as he or she
            old = by_id.get(was)
            if old is not None and partner != was and old.gender == "X" and u.counts.third >= 5:
                she = u.counts.she / u.counts.third
                gender = "F" if she >= 0.65 else "M" if she <= 0.35 else "X"
                _set(characters, by_id, was, gender=gender)
        if prev is not None and prev.narrator and current and prev.narrator != current:
            _sex_by_the_other(characters, by_id, prev.narrator, u)  # her part then his: each speaks of the other
            _sex_by_the_other(characters, by_id, current, prev)
        u.narrator = u.pov = current
        prev = u

    pronoun_at = {m.start: m.character for m in story.mentions if m.kind == "pronoun"}
    last_pov: dict[int, str | None] = {}
    chapters = [c.start for c in story.chapters]
    for u in units:
        if u.person != "third":
            continue
        parts = qi.narration(story.text, u.start, u.end)

        def owner(pos: int, pronoun: str, u=u) -> str | None:
            if pos in pronoun_at:
                return pronoun_at[pos]
            want = "M" if pronoun == "he" else "F"
            for cid, _ in u.mentions.most_common():
                if by_id.get(cid) and by_id[cid].gender == want:
                    return cid
            return None

        seen = perception_subjects(story.text, parts, names, owner)
        score = Counter(u.mentions)
        for cid, n in seen.items():
            score[cid] += 2 * n
        ranked = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))
        chap = bisect.bisect_right(chapters, u.start)
        if ranked and seen.get(ranked[0][0], 0) >= 2 and (len(ranked) == 1 or ranked[0][1] >= 1.3 * ranked[1][1]):
            u.pov = ranked[0][0]
        elif not ranked or ranked[0][1] < 3:
            u.pov = last_pov.get(chap)  # too little to go on: keep the chapter's POV
        last_pov[chap] = u.pov

    narrators = {u.narrator for u in first if u.narrator}
    return [dataclasses.replace(c, narrator=True) if c.id in narrators and not c.narrator else c for c in characters]


def _title_gender(name: str) -> str:
    """``Mr. Hastings`` is a man and ``Miss Marple`` a woman; a bare name says nothing."""
    first = name.split()[0].rstrip(".").lower() if name.split() else ""
    if first in ("mr", "sir", "lord", "monsieur", "master", "signor", "herr", "señor", "senor", "father", "uncle"):
        return "M"
    if first in ("mrs", "miss", "ms", "lady", "madam", "madame", "mme", "mlle", "mademoiselle", "signora", "frau", "aunt"):
        return "F"
    return "X"


def _sex_by_the_other(characters: list[Character], by_id: dict, cid: str, other_unit) -> None:
    """A narrator nothing sexes, by the part the other narrator tells: "she" in his part is mostly her."""
    c = other_unit.counts
    if cid in by_id and by_id[cid].gender == "X" and c.third >= 10:
        she = c.she / c.third
        gender = "F" if she >= 0.7 else "M" if she <= 0.3 else "X"
        if gender != "X":
            _set(characters, by_id, cid, gender=gender)


def _set(characters: list[Character], by_id: dict, cid: str, **changes) -> None:
    new = dataclasses.replace(by_id[cid], **changes)
    characters[characters.index(by_id[cid])] = new
    by_id[cid] = new


def _next_id(characters: list[Character]) -> str:
    """The id after the existing ones: ``C7`` after ``C1..C6``."""
    best, prefix = 0, "C"
    for c in characters:
        m = re.fullmatch(r"([A-Za-z_]*)(\d+)", c.id)
        if m and int(m.group(2)) >= best:
            best, prefix = int(m.group(2)), m.group(1) or "C"
    return f"{prefix}{best + 1}"


SELF_NAMED = 2  # narration mentions of a name in a unit that make it someone other than its "I"


def _unnamed_here(cid: str | None, u, score: Counter) -> str | None:
    """The candidate, unless the unit's own narration names it ("Mr. Hale says", twice) and nothing strong
    says otherwise (a "my name is", two calls): a narrator is "I" in their narration, so a teacher called
    "Mr. Hale" once by a pupil is not the one telling it."""
    if cid is None or u.mentions.get(cid, 0) < SELF_NAMED or score.get(cid, 0) >= 2 * STRONG:
        return cid
    return None


def _first_unnamed(score: Counter, u) -> str | None:
    """The best-scored candidate the unit's narration does not name: when the teacher the narration calls
    "Mr. Hale" ties with a "Harp!" shouted at the table, the narrator is Harp, not the teacher."""
    ranked = sorted(((s, k) for k, s in score.items() if s > 0), key=lambda t: (-t[0], str(t[1])))
    return next((k for _, k in ranked if _unnamed_here(k, u, score)), None)


def _best(score: Counter) -> str | None:
    ranked = sorted(((s, k) for k, s in score.items() if s > 0), key=lambda t: (-t[0], str(t[1])))
    return ranked[0][1] if ranked else None


def _flipped(prev, u) -> bool:
    """The narration's he turned into she, or she into he: maybe someone else says "I" now."""
    a, b = prev.counts, u.counts
    if a.third < 5 or b.third < 5:
        return False
    a_he, b_he = a.he / a.third, b.he / b.third
    return (a_he >= 0.65 and b_he <= 0.35) or (a_he <= 0.35 and b_he >= 0.65)


def _partner(prev, narrator: str | None, by_id: dict, want: str) -> str | None:
    """The one the previous narrator spoke of most, of the gender their he/she points to."""
    for cid, _ in sorted(prev.mentions.items(), key=lambda kv: (-kv[1], kv[0])):
        if cid != narrator and by_id.get(cid) and by_id[cid].gender in (want, "X"):
            return cid
    return None
