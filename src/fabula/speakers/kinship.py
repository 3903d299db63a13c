"""Kinship and title nominals: ``cried his wife``, ``said her brother``, ``said the count``.

The relative usually shares the owner's surname (Mr. Bennet's wife is Mrs. Bennet), and the
noun tells the gender and, through the title, the generation or marriage: a wife or mother
is a Mrs. rather than a Miss, a sister or daughter rather a Miss.  No surname in common: no
answer here, and the caller falls back on gender and recency.  A title noun (``the count``,
``the Professor``) points at the characters who bear that title.
"""

from __future__ import annotations

import re

from fabula.lexicon import GIVEN_TITLES, HONORIFICS

# noun -> (gender, titles preferred, titles that rule the relative out)
_MARRIED = frozenset({"mrs", "missus", "lady", "madame", "mme", "frau", "signora", "senora", "dona", "dame"})
_UNMARRIED = frozenset({"miss", "mlle", "mademoiselle", "fraulein", "signorina"})
KIN: dict[str, tuple[str, frozenset, frozenset]] = {
    "wife": ("F", _MARRIED, _UNMARRIED), "lady": ("F", _MARRIED, _UNMARRIED), "bride": ("F", _MARRIED, frozenset()),
    "widow": ("F", _MARRIED, _UNMARRIED),
    "mother": ("F", _MARRIED, _UNMARRIED), "mamma": ("F", _MARRIED, _UNMARRIED), "mama": ("F", _MARRIED, _UNMARRIED),
    "mum": ("F", _MARRIED, _UNMARRIED), "mom": ("F", _MARRIED, _UNMARRIED), "grandmother": ("F", _MARRIED, _UNMARRIED),
    "aunt": ("F", _MARRIED, frozenset()),
    "sister": ("F", _UNMARRIED, frozenset()), "daughter": ("F", _UNMARRIED, frozenset()), "niece": ("F", _UNMARRIED, frozenset()),
    "husband": ("M", frozenset(), frozenset()), "father": ("M", frozenset(), frozenset()), "papa": ("M", frozenset(), frozenset()),
    "dad": ("M", frozenset(), frozenset()), "grandfather": ("M", frozenset(), frozenset()), "uncle": ("M", frozenset(), frozenset()),
    "brother": ("M", frozenset(), frozenset()), "son": ("M", frozenset(), frozenset()), "nephew": ("M", frozenset(), frozenset()),
}
_ELDER = frozenset({"father", "mother", "papa", "mamma", "mama", "uncle", "aunt"})
_YOUNGER = frozenset({"son", "daughter", "nephew", "niece"})
_POSSESSED = re.compile(r"(\w+)['\u2019][sS]\s+(\w+)$")  # "Alice's Sister": owner word, kin noun
_NOT_SURNAME_TITLES = frozenset(GIVEN_TITLES) - {"lady", "sir", "lord", "dame"}  # "Aunt Juley": Juley is a given name


def _words(name: str) -> list[str]:
    return [w.strip(".,").lower() for w in name.split() if w.strip(".,")]


def surnames(names) -> set[str]:
    """Last words of the names that have more than one word (``Mrs. Bennet``, ``Jane Bennet``)."""
    out = set()
    for name in names:
        w = _words(name)
        if len(w) >= 2 and w[-1] not in HONORIFICS and not (len(w) == 2 and w[0] in _NOT_SURNAME_TITLES):
            out.add(w[-1])
    return out


def titles(names) -> set[str]:
    return {w[0] for w in map(_words, names) if len(w) >= 2 and w[0] in HONORIFICS}


def _titles_by_surname(names) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for w in map(_words, names):
        if len(w) >= 2 and w[0] in HONORIFICS and w[-1] not in HONORIFICS:
            out.setdefault(w[-1], set()).add(w[0])
    return out


class Kin:
    """Surnames and titles of every character, to find the relative a kinship noun points at."""

    def __init__(self, characters):
        self.surnames = {c.id: surnames((c.name, *c.aliases)) for c in characters}
        self.titles = {c.id: titles((c.name, *c.aliases)) for c in characters}
        # the titles worn with each surname: Lydia is "Miss Bennet" and "Mrs. Wickham", a Bennet wife she is not
        self.titles_with = {c.id: _titles_by_surname((c.name, *c.aliases)) for c in characters}
        self.gender = {c.id: c.gender for c in characters}
        self.salience = {c.id: c.mentions for c in characters}
        # "Alice's Sister", "Miss Avery's Niece": a cast entry named as someone's relative is that one's relative
        self.words = {c.id: {w for n in (c.name, *c.aliases) for w in _words(n)} for c in characters}
        # a given name besides title and surname: "Mr. Abbott" alone is rather someone's father than a brother
        self.given = {c.id: bool(self.words[c.id] - self.surnames[c.id] - set(HONORIFICS)) for c in characters}
        self.named_kin = {}
        for c in characters:
            for n in (c.name, *c.aliases):
                m = _POSSESSED.search(n)
                if m and m.group(2).lower() in KIN:
                    self.named_kin.setdefault((m.group(1).lower(), m.group(2).lower()), c.id)

    def relative(self, noun: str, owner: str, exclude: set[str], recent: list[str]) -> str | None:
        """The character that is ``owner``'s ``noun``: same surname, the noun's gender, a title that fits;
        among several, the one most recently in the conversation, then the most mentioned."""
        found = self.relatives(noun, owner, exclude, recent)
        return found[0] if found else None

    def relatives(self, noun: str, owner: str, exclude: set[str], recent: list[str]) -> list[str]:
        """Every character that may be ``owner``'s ``noun``, the likeliest first (see ``relative``)."""
        if noun not in KIN:
            return []
        named = next((cid for w in sorted(self.words.get(owner, ())) if (cid := self.named_kin.get((w, noun)))), None)
        if named is not None and named != owner and named not in exclude:
            return [named]
        want, prefer, never = KIN[noun]
        names = self.surnames.get(owner, set())
        ranked = []
        for cid, sn in self.surnames.items():
            t = self.titles[cid]
            titled = noun in ("aunt", "uncle") and noun in t  # "Aunt Juley" for "her aunt" (not "Lady C." for "his lady")
            if cid == owner or cid in exclude or not (sn & names or titled):
                continue
            if noun == "husband" and not titled and self._unmarried(owner, sn & names):
                continue  # "Miss Welland ... her husband": not a Welland
            g = self.gender.get(cid, "X")
            if g != want and not (g == "X" and t and all(HONORIFICS[x] == want for x in t)):
                continue
            shared = set().union(*(self.titles_with[cid].get(x, set()) for x in sn & names))
            if shared and not titled:
                t = shared
            if t and t <= never:
                continue
            fit = 1 if prefer and t & prefer else 0
            rec = len(recent) - recent.index(cid) if cid in recent else 0
            # "his father" is rather "Mr. Wilcox" than "Charles Wilcox", "his son" rather Charles
            gen = self.given[cid] if noun in _YOUNGER else not self.given[cid] if noun in _ELDER else 0
            ranked.append(((titled, fit, gen, rec, self.salience.get(cid, 0), cid), cid))
        return [cid for _, cid in sorted(ranked, reverse=True)]

    def _unmarried(self, cid: str, surnames: set[str]) -> bool:
        """Only ever a Miss with those surnames."""
        t = set().union(*(self.titles_with[cid].get(x, set()) for x in surnames))
        return bool(t) and t <= _UNMARRIED

    def titled(self, noun: str) -> list[str]:
        """Characters whose name carries the title ``noun`` (``the count``: Count Orloff)."""
        want = TITLE_FORMS.get(noun, {noun})
        return sorted(cid for cid, t in self.titles.items() if t & want)


# Titles that a "the" + noun subject may stand for; "lady", "master", "sister" are too common as plain nouns.
TITLE_FORMS: dict[str, set[str]] = {"ladyship": {"lady"}, "lordship": {"lord"}, "doctor": {"dr", "doctor"}, "dr": {"dr", "doctor"}, "professor": {"professor", "prof"},
                                    "captain": {"captain", "capt"}, "colonel": {"colonel", "col"}}
TITLE_NOUNS = frozenset({"doctor", "professor", "count", "countess", "duke", "duchess", "king", "queen", "prince",
                         "princess", "baron", "baroness", "marquis", "marquise", "colonel", "captain", "general",
                         "major", "lieutenant", "admiral", "inspector", "sergeant", "judge", "governor", "squire",
                         "lord", "nurse"})
# "his companion", "her ladyship": nouns for a person beside the owner, with the gender they tell ("X": none)
COMPANIONS: dict[str, str] = {"companion": "X", "friend": "X", "visitor": "X", "guest": "X", "cousin": "X",
                              "assistant": "X", "informant": "X", "guide": "X", "mentor": "X", "partner": "X",
                              "neighbour": "X", "neighbor": "X", "interlocutor": "X", "lover": "X", "valet": "M",
                              "ladyship": "F", "lordship": "M"}
