"""From groups of name forms to ``Character`` records: display name, aliases, sex, counts, mentions."""

from __future__ import annotations

import re
from collections import Counter

from fabula.characters.cluster import Form, form_gender, honorific_of, rest_of
from fabula.characters.lexicon import FEMALE_NAMES, HYPOCORISMS, MALE_NAMES
from fabula.characters.mentions import display, visible
from fabula.characters.nominal import (
    DETERMINERS,
)
from fabula.lexicon import FEMALE_NOUNS, MALE_NOUNS
from fabula.model import Character, Mention


def given_gender(tok: str) -> str:
    """The sex a given name (or the name a pet name shortens) carries: F, M or X (a pet name of both
    sexes, "Kit" for Christopher or Katherine, tells nothing)."""
    low = tok.lower()
    if low in FEMALE_NAMES:
        return "F"
    if low in MALE_NAMES:
        return "M"
    sexes = {"F" if n in FEMALE_NAMES else "M" for n in HYPOCORISMS.get(low, ()) if n in _GIVEN}
    return sexes.pop() if len(sexes) == 1 else "X"


_GIVEN = FEMALE_NAMES | MALE_NAMES
# kinship words that stand as a name ("Grandmother said"); not any noun ("Butler", "King" are surnames)
_KIN_NAMES = frozenset("""
mother father mamma mama papa mummy daddy mom mum dad mommy momma granny grandma grandpa grandmother grandfather aunt uncle sister brother
""".split())
_PATRONYMIC = re.compile(r"(?:ovna|evna|ichna)$|(?:ovitch|evitch|ovich|evich|ilyitch|ilyich)$")


def name_gender(form: Form) -> str:
    """The sex a bare name tells: its given name, else a Russian patronymic after it ("Antonida
    Vassilievna", "Alexis Ivanovitch")."""
    g = given_gender(form[0])
    if g == "X" and len(form) >= 2 and (m := _PATRONYMIC.search(form[1].lower())) and len(form[1]) > 5:
        g = "F" if m.group().endswith("na") else "M"
    return g


def build(text: str, groups: list[list[Form]], hits, counts: Counter, votes, fixed: list | None = None,
          as_names: frozenset = frozenset(), weak: dict | None = None):
    """Characters and mentions from clustered forms; ids by first appearance (or cast order); ``as_names``:
    descriptions used as names (the ones a given cast lists)."""
    owner: dict[Form, int] = {f: i for i, g in enumerate(groups) for f in g}
    first: dict[int, int] = {}
    mentions_by: Counter = Counter()
    for start, _, form in hits:
        gi = owner[form]
        first.setdefault(gi, start)
        mentions_by[gi] += 1
    if fixed is None:
        order = sorted((gi for gi in range(len(groups)) if mentions_by[gi] > 0), key=lambda gi: (first[gi], gi))
    else:
        order = list(range(len(groups)))
    ids = {gi: f"C{n + 1}" for n, gi in enumerate(order)}
    taken = {f for g in groups for f in g}
    chars = []
    for gi in order:
        g = groups[gi]
        hon = Counter()
        pron = Counter()
        named = Counter()
        for f in g:
            fg = form_gender(f)
            if f[0] in DETERMINERS or (fg == "X" and len(visible(f)) == 1 and visible(f)[0].lower() in _KIN_NAMES):
                # "the beadle"; "Grandmother" used as a name
                head = visible(f)[-1].lower()
                fg = "F" if head in FEMALE_NOUNS else "M" if head in MALE_NOUNS else "X"
            if fg != "X":
                hon[fg] += max(1, counts[f])
            elif f[0] not in DETERMINERS and not honorific_of(f) and (gg := name_gender(f)) != "X":
                named[gg] += max(1, counts[f])
            pron.update(votes.get(f, {}))
        if fixed is not None and fixed[gi]["gender"] in ("F", "M"):
            gender = fixed[gi]["gender"]
        elif hon and not _outvoted(hon, pron, sum(max(1, counts[f]) for f in g)):
            gender = hon.most_common(1)[0][0]
        elif named and fixed is None:  # a cast that leaves the sex open is trusted
            # "Florence", "Emma": the given name tells, unless the narration says otherwise, often and clearly
            ng = named.most_common(1)[0][0]
            other = "M" if ng == "F" else "F"
            # (a minor "Janey" beside a hero: five "he" after 48 mentions are his, not hers)
            clear = pron[other] >= 4 and pron[other] >= 3 * pron[ng] and 4 * pron[other] >= named[ng]
            gender = other if clear else ng
        elif pron and pron.most_common(1)[0][1] >= 3 * (sum(pron.values()) - pron.most_common(1)[0][1]) and sum(pron.values()) >= 1:
            gender = pron.most_common(1)[0][0]
        else:
            gender = _weak_gender(g, weak or {}, mentions_by[gi])
        if fixed is not None:
            name, aliases, narrator = fixed[gi]["name"], fixed[gi]["aliases"], fixed[gi]["narrator"]
            # then the other names the text gives the member, most used first ("Elizabeth Bennet")
            aliases += tuple(dict.fromkeys(d for f in sorted(g, key=lambda f: (-counts[f], f)) if counts[f]
                                           and (d := display(f)) != name and d not in aliases))
        else:
            # "Mr. Bumble", not "the beadle" he is called more often: a name before a description
            by_use = sorted(g, key=lambda f: (f[0] in DETERMINERS, -counts[f], -len(f), f))
            # "Henry Crawford", not "Mr. Crawford": a full name tells the person from his relatives
            full = [f for f in by_use if len(rest_of(f)) >= 2 and not honorific_of(f) and f[0] not in DETERMINERS
                    and f[-1] == by_use[0][-1]]
            name = display(full[0] if full and honorific_of(by_use[0]) else by_use[0])
            aliases = tuple(display(f) for f in sorted(g, key=lambda f: (-counts[f], f)) if display(f) != name)
            # "the March Hare" is also called "March Hare", "the cabman" "cabman"
            bare = tuple(display(f[1:]) for f in sorted(g, key=lambda f: (-counts[f], f))
                         if f[0] == "the" and not f[-1].startswith("#"))
            aliases += tuple(b for b in bare if b != name and b not in aliases)
            # "Mr. Beachfield Davis" is Beachfield Davis (a wife's "Mrs. Henry Van der Luyden" is not her husband)
            plain = tuple(display(f[1:]) for f in sorted(g, key=lambda f: (-counts[f], f))
                          if honorific_of(f) and len(rest_of(f)) >= 2 and honorific_of(f) not in _WIFE_TITLES
                          and f[1:] not in taken)
            aliases += tuple(b for b in plain if b != name and b not in aliases)
            narrator = False
        chars.append(Character(id=ids[gi], name=name, aliases=aliases, gender=gender,
                               mentions=mentions_by[gi], narrator=narrator))

    def kind(f: Form) -> str:
        # "the Hatter", "the Dodger", "the General": a capitalised description is used as a name; so is
        # a local one ("the man" of one scene), bound to one person where it is found
        local = f[-1].startswith("#") or f in as_names
        return "nominal" if f[0] in DETERMINERS and not visible(f)[-1][:1].isupper() and not local else "name"

    mentions = tuple(Mention(s, e, ids[owner[f]], kind(f))
                     for s, e, f in hits if owner[f] in ids)
    return tuple(chars), mentions


def _weak_gender(g: list[Form], weak: dict, uses: int) -> str:
    """The sex weaker evidence gives a person nothing else sexes: never the other way, and once in ten
    mentions at least ("New York" is no "she" for a stray one)."""
    v = Counter()
    for f in g:
        v.update(weak.get(f, {}))
    if len(v) == 1 and 10 * sum(v.values()) >= uses:
        return next(iter(v))
    return "X"


_WIFE_TITLES = frozenset({"mrs", "madame", "mme", "frau", "signora", "senora"})


def _outvoted(hon: Counter, pron: Counter, uses: int) -> bool:
    """A title used once or twice ("Auntie Tibby", a joke) against a narration that clearly says the other sex."""
    g = hon.most_common(1)[0][0]
    other = "M" if g == "F" else "F"
    return 10 * sum(hon.values()) < uses and pron[other] >= 8 and pron[other] >= 4 * pron[g]
