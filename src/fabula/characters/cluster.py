"""Alias clustering: name forms -> characters, without merging relatives.

A form is ``(Honorific?, token, ...)``.  Full names (given + surname) anchor people; an
honorific with one name joins the one full name it fits (``Mr. Darcy`` -> ``Fitzwilliam
Darcy``), never across genders (``Mr. Bennet`` != ``Mrs. Bennet``), and ``Miss`` + surname stays
apart when the family has several members (``Miss Bennet`` is the eldest daughter).  A bare
given name or pet name joins the one person who has it; a bare surname joins the ``Mr.``.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from fabula.characters.lexicon import FEMALE_NAMES, HYPOCORISMS, MALE_NAMES
from fabula.lexicon import (
    CIVIL_TITLES,
    GIVEN_TITLES,
    HONORIFICS,
    NAME_PARTICLES,
    NOBLE_TITLES,
)

Form = tuple[str, ...]


# Titles that only ever take a surname ("Colonel Fitzwilliam"), unlike "Mr. Teddy" or "Miss Lizzy"
RANKS = frozenset(h for h in HONORIFICS if h not in GIVEN_TITLES and h not in CIVIL_TITLES)


# What a relative calls him ("Uncle John"): no rank, so it does not keep him from his "Mr. Linden"
KIN_TITLES = frozenset({"aunt", "auntie", "uncle", "cousin", "grandma", "grandpa", "granny"})
MARRIED = frozenset({"mrs", "missus", "madame", "mme", "frau", "signora", "senora"})
# a title and its short form
SHORT_TITLES = {"doctor": "dr", "captain": "capt", "colonel": "col", "lieutenant": "lt", "sergeant": "sgt",
                "reverend": "rev", "professor": "prof", "mister": "mr", "missus": "mrs"}
# "Monsieur Poirot" and "Mr. Poirot" are one man: plain address in two languages, no rank
PLAIN_TITLES = CIVIL_TITLES - {"master"}


def other_rank(h: str, g: str, had: set[str]) -> bool:
    """Has a root already taken a same-sex title that makes ``h`` someone else?  "Admiral Crawford" is
    not the "Mr. Crawford" who took "Henry Crawford"; "Monsieur Poirot" is "Mr. Poirot"."""
    if h in KIN_TITLES:
        return False
    return any(o != h and o not in KIN_TITLES and HONORIFICS.get(o) == g != "X" and "mr" in (o, h)
               and not (o in PLAIN_TITLES and h in PLAIN_TITLES) for o in had)


def honorific_of(form: Form) -> str | None:
    head = form[0].lower().rstrip(".")
    return head if head in HONORIFICS and len(form) > 1 else None


def rest_of(form: Form) -> Form:
    """The names after the title, without particles: "Mr. van der Luyden" -> ("Luyden",)."""
    rest = form[1:] if honorific_of(form) else form
    core = tuple(t for t in rest if t not in NAME_PARTICLES)
    return core if core else rest


def form_gender(form: Form) -> str:
    h = honorific_of(form)
    return HONORIFICS[h] if h else "X"


class _UF:
    def __init__(self, items):
        self.parent = {x: x for x in items}

    def find(self, x):
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # keep the root deterministic: the smaller form (by sort key) wins
            if sort_key(rb) < sort_key(ra):
                ra, rb = rb, ra
            self.parent[rb] = ra


def sort_key(form: Form):
    return (len(form), form)


def female_given(tok: str) -> bool:
    """A given name (or a pet name of one) that only women carry."""
    return bool(given_names(tok) & FEMALE_NAMES)


def variant(a: str, b: str) -> bool:
    """Two forms of one given name: a pet name and its name ("mike", "michael"), two pet names of one name,
    one the other's start ("kit", "kitty"; not "bessie", "eliza"), a name and its "-y" ("skaggsy", "skaggs")."""
    pa, pb = HYPOCORISMS.get(a, ()), HYPOCORISMS.get(b, ())
    short, long_ = sorted((a, b), key=len)
    return a != b and (a in pb or b in pa or bool(set(pa) & set(pb)) and (a.startswith(b) or b.startswith(a))
                       or len(short) >= 4 and any(long_ == short + end for end in ("y", "ie", "ey"))  # not Ma/May, Jo/Joy
                       or _pet_stem(a) == _pet_stem(b) != "" or short == _pet_stem(long_, ("ie", "y"))
                       or _clipped(short, long_))


def _clipped(short: str, long_: str) -> bool:
    """A name cut short to its first letters ("Ed" of "Edgar", "El" of "Ella", "Harp" of "Harper"); not a
    name of its own or a listed pet name ("Ann" is no "Anne" cut short, "Will" is William's), nor one letter
    short ("Jo", "Joe")."""
    return (len(short) >= 2 and len(long_) - len(short) >= 2 and long_.startswith(short)
            and short not in HYPOCORISMS and short not in FEMALE_NAMES and short not in MALE_NAMES)


def _pet_stem(name: str, ends=("ie", "y", "s")) -> str:
    """Two pet forms of one unlisted name share a stem: "Maddie" and "Mads" are "Mad-", "Livvy" is "Liv"
    (doubled consonant undone); only a form with a pet ending has one, of three letters or more ("Rose" has none)."""
    end = next((e for e in ends if name.endswith(e)), None)
    if end is None:
        return ""
    stem = name[: -len(end)]
    if len(stem) >= 2 and stem[-1] == stem[-2]:
        stem = stem[:-1]
    return stem if len(stem) >= 3 else ""


def _only_wives(forms, uf, root, given: str) -> bool:
    """Every form of the cluster ``root`` that opens with ``given`` is a married title's ("Mrs. Reggie
    Chivers"), and there is one (a target reached through a pet name, "Bill" of William Smith, is no wife)."""
    own = [o for o in forms if uf.find(o) == root and rest_of(o)[:1] == (given,)]
    return bool(own) and all(honorific_of(o) in MARRIED for o in own)


def given_names(tok: str) -> set[str]:
    low = tok.lower()
    return {low, *HYPOCORISMS.get(low, ())}


def cluster(forms: list[Form], counts: Counter, genders: dict[Form, str], weak=frozenset()) -> list[list[Form]]:
    """Group forms into characters; deterministic for the same input.

    ``weak`` full names (kept on little evidence) take a gendered title only when their sex is known."""
    forms = sorted(set(forms), key=sort_key)
    genders = dict(genders)
    uf = _UF(forms)
    full = [f for f in forms if len(rest_of(f)) >= 2]
    surnames = Counter(rest_of(f)[-1] for f in full)
    givens = Counter(rest_of(f)[0] for f in full)

    def gender(f: Form) -> str:
        g = form_gender(f)
        return g if g != "X" else genders.get(f, "X")

    def compatible(a: str, b: str) -> bool:
        return a == "X" or b == "X" or a == b

    # 0. one title written in full or short: "Doctor Aziz" is "Dr. Aziz", "Captain Lennox" "Capt. Lennox"
    by_title: dict[tuple, Form] = {}
    for f in forms:
        if (h := honorific_of(f)) in SHORT_TITLES or h in SHORT_TITLES.values():
            key = (SHORT_TITLES.get(h, h), *f[1:])
            if key in by_title:
                uf.union(by_title[key], f)
            else:
                by_title[key] = f

    # 1. full names sharing given + surname (and gender)
    by_full: dict[tuple[str, str], list[Form]] = defaultdict(list)
    for f in full:
        r = rest_of(f)
        pet = HYPOCORISMS.get(r[0].lower(), ())
        by_full[(pet[0] if len(pet) == 1 else r[0].lower(), r[-1])].append(f)  # Eliza Bennet = Elizabeth Bennet
    def pet_vs_titled(a: Form, b: Form) -> bool:
        """"Tom Bertram" is not "Sir Thomas Bertram": a knight or lord is not named by a pet name."""
        ga, gb = rest_of(a)[0].lower(), rest_of(b)[0].lower()
        return ga != gb and (honorific_of(a) in NOBLE_TITLES or honorific_of(b) in NOBLE_TITLES)

    def wife_of(a: Form, b: Form) -> bool:
        """"Mrs. Julius Beaufort" is the wife of "Julius Beaufort": a married title before a full name that
        is no woman's (her own given name, "Mrs. Rachel Lynde", is one)."""
        wife, plain = (b, a) if honorific_of(b) in MARRIED else (a, b)
        return (honorific_of(wife) in MARRIED and not honorific_of(plain) and gender(plain) != "F"
                and not female_given(rest_of(wife)[0]))

    for group in by_full.values():
        for f in group[1:]:
            if wife_of(group[0], f):
                genders[group[0] if honorific_of(f) else f] = "M"  # and so he is a man
            elif compatible(gender(group[0]), gender(f)) and not pet_vs_titled(group[0], f):
                uf.union(group[0], f)

    def roots_where(pred) -> list[Form]:
        return sorted({uf.find(f) for f in forms if pred(f)}, key=sort_key)

    full_votes: dict[Form, Counter] = defaultdict(Counter)
    for f in full:
        if gender(f) != "X":
            full_votes[uf.find(f)][gender(f)] += counts.get(f, 1)

    full_gender = {f: (full_votes[uf.find(f)].most_common(1)[0][0] if full_votes.get(uf.find(f)) else "X") for f in full}
    for f in full:  # "Jane Bennet": the gender of "Jane" alone, so that "Mr. Bennet" stays away from her
        if full_gender[f] == "X" and not honorific_of(f):
            full_gender[f] = genders.get((f[0],), "X")

    # 2. honorific + one name
    family: dict[str, set[str]] = defaultdict(set)
    for f in forms:
        h = honorific_of(f)
        if h and len(f) == 2:
            family[f[1]].add(h)
    joined_gender: dict[Form, str] = {}  # gender a full name got from an honorific joining it
    titles_of: dict[Form, set[str]] = defaultdict(set)  # titles (not given-name titles) joined to a root

    def full_g(o: Form) -> str:
        g0 = full_gender[o]
        return g0 if g0 != "X" else joined_gender.get(uf.find(o), "X")

    def root_g(r: Form) -> str:
        votes = Counter(genders.get(o, "X") for o in forms if uf.find(o) == r) - Counter({"X": 10**9})
        return votes.most_common(1)[0][0] if len(votes) == 1 else "X"

    def title_targets(f: Form) -> list[Form]:
        h = honorific_of(f)
        x, g = f[1], gender(f)
        # "Master Reed" is the boy John Reed: "Master" takes a surname when no full name gives it as a given name
        boy = h == "master" and surnames[x] > 0 and givens[x] == 0
        as_given = (h in GIVEN_TITLES and not boy) or (h in CIVIL_TITLES and givens[x] > 0 and surnames[x] == 0)
        if as_given:
            def fits(o: Form) -> bool:
                """"Mrs. Rachel" is Rachel Lynde, a woman, but "Mrs. Charles" is not Charles Wilcox (his wife)."""
                return compatible(gender(o), g) and (h not in MARRIED or gender(o) == "F" or honorific_of(o) == h)

            targets = roots_where(lambda o: len(rest_of(o)) >= 2 and x.lower() in given_names(rest_of(o)[0]) and fits(o))
            exact = roots_where(lambda o: len(rest_of(o)) >= 2 and x.lower() == rest_of(o)[0].lower() and fits(o))
            same = roots_where(lambda o: honorific_of(o) == h and len(rest_of(o)) >= 2 and x.lower() == rest_of(o)[0].lower())
            if len(targets) > 1 and len(same) == 1:
                return same  # "Sir John" is Sir John Middleton, not John Dashwood
            return exact if len(targets) > 1 and len(exact) == 1 else targets  # "Sir Thomas" is not his son Tom
        if h in ("miss", "ms") and family[x] & {"mrs", "madame", "mme", "lady"}:
            # a mother in the family: "Miss X" is the eldest daughter, named only if she is the one woman
            # of the family whose full name we know and not herself a younger "Miss Marianne"
            def miss_of_another_family(given: str) -> bool:
                """"Miss Maria" beside a "Miss Maria Ward" (the mother before she married) may be that one,
                not a younger daughter of this family."""
                return any(honorific_of(m) in ("miss", "ms") and len(m) == 3 and m[1] == given and m[2] != x
                           for m in forms)

            def younger(o: Form) -> bool:
                names = given_names(rest_of(o)[0])
                return any(honorific_of(m) in ("miss", "ms") and len(m) == 2 and m[1].lower() in names
                           and not miss_of_another_family(m[1]) for m in forms)

            maybe = roots_where(lambda o: len(rest_of(o)) >= 2 and rest_of(o)[-1] == x and full_g(o) in ("F", "X")
                                and honorific_of(o) in (None, "miss", "ms") and not younger(o))
            if len(maybe) > 1:
                # "Miss Welland" is May, named far more than an "Augusta Welland" (her mother, as it turns out)
                uses = Counter({r: sum(counts.get(o, 0) for o in forms if uf.find(o) == r) for r in maybe})
                (best, n), = uses.most_common(1)
                if n >= 3 * (sum(uses.values()) - n) and root_g(best) != "M":
                    return [best]
            daughters = [o for o in maybe if full_g(o) == "F"]
            return daughters if len(daughters) == 1 else []
        if h in ("mrs", "madame", "mme", "lady", "frau", "signora", "senora"):
            # a wife is not the daughter whose full name we know, unless that name carries her title ...
            titled = roots_where(lambda o: len(rest_of(o)) >= 2 and rest_of(o)[-1] == x and honorific_of(o) == h)
            if titled or family[x] & {"miss", "ms"}:
                return titled
            # ... or the family has no daughter called Miss: "Mrs. Gildea" is the one woman Joan Gildea
            women = roots_where(lambda o: len(rest_of(o)) >= 2 and rest_of(o)[-1] == x and full_g(o) == "F"
                                and not honorific_of(o))
            return women if len(women) == 1 else []
        return roots_where(lambda o: len(rest_of(o)) >= 2 and rest_of(o)[-1] == x and compatible(full_g(o), g)
                           and (o not in weak or full_g(o) == g or h in ("miss", "ms")))

    # Title + name joins the one full name it fits.  Ambiguous ones wait for a later round: once "Mr. Darcy"
    # took "Fitzwilliam Darcy", "Miss Darcy" fits only "Georgiana Darcy".  Within a round "Miss X" goes first
    # (a full name we cannot sex, "Caroline Bingley", is more likely the Miss than the Mr.), then by use.
    pending = [f for f in sorted(forms, key=lambda f: (honorific_of(f) not in ("miss", "ms"), -counts.get(f, 0), sort_key(f)))
               if honorific_of(f) and len(f) == 2]
    while pending:
        waiting = []
        for f in pending:
            h, g = honorific_of(f), gender(f)
            targets = title_targets(f)
            if len(targets) > 1:
                waiting.append(f)
            if len(targets) != 1 or other_rank(h, g, titles_of[uf.find(targets[0])]):
                continue  # "Admiral Crawford" is not the "Mr. Crawford" who already took "Henry Crawford"
            had = titles_of[uf.find(targets[0])]
            uf.union(targets[0], f)
            titles_of[uf.find(f)] = had | {h}
            if g != "X":
                joined_gender[uf.find(f)] = g
        if len(waiting) == len(pending):
            break
        pending = waiting
    for f in pending:
        # still torn: "Mr. Tilney" is Henry Tilney, named far more often than a brother known as "Captain Tilney"
        targets = title_targets(f)
        if len(targets) < 2 or honorific_of(f) in RANKS:
            continue
        uses = Counter()
        for o in forms:
            if uf.find(o) in targets:
                uses[uf.find(o)] += counts.get(o, 0)
        best = max(targets, key=lambda r: (uses[r], [-ord(c) for c in str(r)]))
        # and whose full name is seen often enough beside it: "Mr. Wilcox", named 160 times, is not the
        # Charles Wilcox seen in full 7 times (he is the father, never named in full)
        in_full = sum(counts.get(o, 0) for o in forms if uf.find(o) == best and len(rest_of(o)) >= 2)
        if in_full >= 0.2 * counts.get(f, 0) and uses[best] >= 3 * (sum(uses.values()) - uses[best]) and not other_rank(
                honorific_of(f), gender(f), titles_of[uf.find(best)]):
            had = titles_of[uf.find(best)]
            uf.union(best, f)
            titles_of[uf.find(f)] = had | {honorific_of(f)}

    # "Mr. Ratcliffe" is Inspector Ratcliffe when no full name and no other title carries the surname
    full_surnames = {rest_of(o)[-1] for o in full}
    for f in forms:
        if honorific_of(f) in ("mr", "mister") and len(f) == 2 and f[1] not in full_surnames and uf.find(f) == f \
                and sum(1 for o in forms if uf.find(o) == f) == 1:
            ranked = {uf.find(o) for o in forms if o != f and len(o) == 2 and o[1] == f[1] and honorific_of(o)}
            if len(ranked) == 1 and all(honorific_of(o) in RANKS and form_gender(o) in ("M", "X")
                                        for o in forms if uf.find(o) in ranked and honorific_of(o)):
                uf.union(ranked.pop(), f)

    def root_gender(r: Form) -> str:
        votes = Counter()
        for o in forms:
            if uf.find(o) == r and gender(o) != "X":
                votes[gender(o)] += counts.get(o, 1)
        return votes.most_common(1)[0][0] if votes and len(votes) == 1 else "X"

    def dominant(roots: list[Form], x: str) -> list[Form]:
        """The one root named with ``x`` three times as often as all the others together, if there is one."""
        uses = Counter()
        for o in forms:
            if uf.find(o) in roots and x in o:
                uses[uf.find(o)] += counts.get(o, 0)
        best = max(roots, key=lambda r: (uses[r], [-ord(c) for c in str(r)]))
        return [best] if uses[best] >= 3 * (sum(uses.values()) - uses[best]) else roots

    def surname_uses(x: str, exclude: list[Form]) -> int:
        """How often ``x`` stands as a surname after a title ("Mr. Archer", not "Sir John"), outside ``exclude``."""
        return sum(counts.get(o, 0) for o in forms
                   if len(o) == 2 and o[1] == x and honorific_of(o) and honorific_of(o) not in GIVEN_TITLES
                   and uf.find(o) not in exclude)

    # 3. bare names
    singles = [f for f in forms if len(f) == 1]
    for f in singles:
        # a lady or a knight is not called by a pet name: "Kitty" is not Lady Catherine
        titled = {uf.find(o) for o in forms if honorific_of(o) in GIVEN_TITLES}
        noble = {uf.find(o) for o in forms if honorific_of(o) in NOBLE_TITLES}
        x = f[0]
        names = given_names(x)
        low = x.lower()
        targets = roots_where(lambda o: o != f and (
            (len(rest_of(o)) >= 2 and (rest_of(o)[0].lower() == low or (
                not honorific_of(o) and rest_of(o)[0].lower() in names and uf.find(o) not in noble)))
            or (honorific_of(o) in GIVEN_TITLES and len(o) == 2 and o[1].lower() == low)))
        # "Lefferts" (he) is not Mrs. Lefferts Rushworth; "Reggie" is Reggie Chivers, not the wife called
        # "Mrs. Reggie Chivers" after him
        wives = [t for t in targets if not female_given(x) and _only_wives(forms, uf, t, x)]
        if wives and (len(wives) < len(targets) or gender(f) == "M"):
            targets = [t for t in targets if t not in wives]
        if len(targets) > 1:
            # "John" is John Dashwood, not Sir John Middleton: a knight is called by his title
            plain = [t for t in targets if t not in noble]
            if len(plain) == 1:
                targets = plain
        if len(targets) > 1:
            # "Henry" (a man) is not Lady Henry, and he is the Henry named far more often than any other;
            # "John" is the plain John Dashwood named so, not a John Willoughby seen once
            plain = [t for t in targets if t not in noble] or targets
            targets = dominant([t for t in plain if compatible(gender(f), root_gender(t))] or plain, x)
        if targets and any(honorific_of(o) in RANKS and len(o) == 2 and o[1] == x and uf.find(o) not in targets
                           for o in forms):
            continue  # "Fitzwilliam": Fitzwilliam Darcy's given name, but also Colonel Fitzwilliam's surname
        if targets and surname_uses(x, targets) > sum(counts.get(o, 0) for o in forms if uf.find(o) in targets):
            targets = []  # "Archer" is Newland Archer, named "Mr. Archer" far more than an "Archer Madeira"
        if not targets:
            # a pet name next to its full given name, both standing alone
            targets = roots_where(lambda o: len(o) == 1 and o != f and o[0].lower() in HYPOCORISMS.get(x.lower(), ())
                                  and uf.find(o) not in titled)
        if len(targets) == 1:
            uf.union(targets[0], f)
            continue
        if targets:
            continue
        if gender(f) == "F":  # "Quested" said of a woman: her "Miss Quested", not a "Mr. Quested"
            hers = roots_where(lambda o: len(o) == 2 and o[1] == x and form_gender(o) == "F")
            if len(hers) == 1:
                uf.union(hers[0], f)
                continue
        # a bare surname is the man most often named with a title: "Mr. Darcy", "Colonel Brandon",
        # "Inspector Ratcliffe" (a "Mr." wins ties)
        his = [o for o in forms if len(o) == 2 and o[1] == x and honorific_of(o) and honorific_of(o) not in GIVEN_TITLES
               and form_gender(o) in ("M", "X") and compatible(gender(f), form_gender(o))]
        if his:
            best = min(his, key=lambda o: (-counts.get(o, 0), honorific_of(o) not in ("mr", "mister", "monsieur", "m"), o))
            uf.union(best, f)
            continue
        targets = roots_where(lambda o: o != f and len(rest_of(o)) >= 1 and rest_of(o)[-1] == x and len(o) > 1)
        # "Braddocks" (he) is no Mrs. Braddocks; "Gregory" (he) is Mr. Lucian Gregory, not Miss Gregory
        if gender(f) != "X":
            targets = [t for t in targets if root_gender(t) == gender(f)]
        if len(targets) == 1:
            uf.union(targets[0], f)

    # last, a name still alone that is another form of one person's given name: "Michael" of "Mike Campbell",
    # "Kit" of "Kitty", "Skaggsy" of "Skaggs" (not where someone else has the name itself)
    titled = {uf.find(o) for o in forms if honorific_of(o) in GIVEN_TITLES | NOBLE_TITLES}
    size = Counter(uf.find(o) for o in forms)
    for f in singles:
        if size[uf.find(f)] > 1:
            continue
        low = f[0].lower()
        targets = roots_where(lambda o: o != f and (len(o) == 1 or not honorific_of(o) and len(rest_of(o)) >= 2)
                              and (o[0].lower() == low or variant(low, o[0].lower())))
        if len(targets) == 1 and targets[0] not in titled and compatible(gender(f), root_gender(targets[0])):
            uf.union(targets[0], f)

    # "de Worms" is Professor de Worms: a surname with its particle joins the one title that carries it
    for f in forms:
        if len(f) > 1 and not honorific_of(f) and len(rest_of(f)) == 1 and f[0] in NAME_PARTICLES and uf.find(f) == f:
            targets = roots_where(lambda o: honorific_of(o) is not None and o[1:] == f
                                  and compatible(gender(f), gender(o)))
            kin = roots_where(lambda o: o != f and len(o) > 1 and rest_of(o)[-1] == rest_of(f)[-1])
            if len(targets) == 1 and kin == targets:  # not where Lady Catherine de Bourgh has a daughter
                uf.union(targets[0], f)

    groups: dict[Form, list[Form]] = defaultdict(list)
    for f in forms:
        groups[uf.find(f)].append(f)
    return [sorted(g, key=sort_key) for _, g in sorted(groups.items(), key=lambda kv: sort_key(kv[0]))]
