"""Alias clustering: name forms -> characters, without merging relatives.

A form is ``(Honorific?, token, ...)``.  Full names (given + surname) anchor people; an
honorific with one name joins the one full name it fits (``Mr. Darcy`` -> ``Fitzwilliam
Darcy``), never across genders (``Mr. Bennet`` != ``Mrs. Bennet``), and ``Miss`` + surname stays
apart when the family has several members (``Miss Bennet`` is the eldest daughter).  A bare
given name or pet name joins the one person who has it; a bare surname joins the ``Mr.``.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from fabula.characters.lexicon import GIVEN_TITLES, HONORIFICS, HYPOCORISMS

Form = tuple[str, ...]


def honorific_of(form: Form) -> str | None:
    head = form[0].lower().rstrip(".")
    return head if head in HONORIFICS and len(form) > 1 else None


def rest_of(form: Form) -> Form:
    return form[1:] if honorific_of(form) else form


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


def given_names(tok: str) -> set[str]:
    low = tok.lower()
    return {low, *HYPOCORISMS.get(low, ())}


def cluster(forms: list[Form], counts: Counter, genders: dict[Form, str]) -> list[list[Form]]:
    """Group forms into characters; deterministic for the same input."""
    forms = sorted(set(forms), key=sort_key)
    uf = _UF(forms)
    full = [f for f in forms if len(rest_of(f)) >= 2]
    surnames = Counter(rest_of(f)[-1] for f in full)
    givens = Counter(rest_of(f)[0] for f in full)

    def gender(f: Form) -> str:
        g = form_gender(f)
        return g if g != "X" else genders.get(f, "X")

    def compatible(a: str, b: str) -> bool:
        return a == "X" or b == "X" or a == b

    # 1. full names sharing given + surname (and gender)
    by_full: dict[tuple[str, str], list[Form]] = defaultdict(list)
    for f in full:
        r = rest_of(f)
        pet = HYPOCORISMS.get(r[0].lower(), ())
        by_full[(pet[0] if len(pet) == 1 else r[0].lower(), r[-1])].append(f)  # Eliza Bennet = Elizabeth Bennet
    for group in by_full.values():
        for f in group[1:]:
            if compatible(gender(group[0]), gender(f)):
                uf.union(group[0], f)

    def roots_where(pred) -> list[Form]:
        return sorted({uf.find(f) for f in forms if pred(f)}, key=sort_key)

    full_votes: dict[Form, Counter] = defaultdict(Counter)
    for f in full:
        if gender(f) != "X":
            full_votes[uf.find(f)][gender(f)] += counts.get(f, 1)

    full_gender = {f: (full_votes[uf.find(f)].most_common(1)[0][0] if full_votes.get(uf.find(f)) else "X") for f in full}

    # 2. honorific + one name
    family: dict[str, set[str]] = defaultdict(set)
    for f in forms:
        h = honorific_of(f)
        if h and len(f) == 2:
            family[f[1]].add(h)
    joined_gender: dict[Form, str] = {}  # gender a full name got from an honorific joining it

    def full_g(o: Form) -> str:
        g0 = full_gender[o]
        return g0 if g0 != "X" else joined_gender.get(uf.find(o), "X")

    for f in sorted(forms, key=lambda f: (honorific_of(f) in ("miss", "ms"), sort_key(f))):
        h = honorific_of(f)
        if not h or len(f) != 2:
            continue
        x, g = f[1], gender(f)
        as_given = h in GIVEN_TITLES or (h in ("miss", "master", "ms") and givens[x] > 0 and surnames[x] == 0)
        if as_given:
            targets = roots_where(lambda o: len(rest_of(o)) >= 2 and x.lower() in given_names(rest_of(o)[0]) and compatible(gender(o), g))
        else:
            if h in ("miss", "ms") and family[x] & {"mrs", "madame", "mme", "lady"}:
                continue  # a mother in the family: "Miss X" is the eldest daughter, not one we can name
            if h in ("mrs", "madame", "mme", "lady", "frau", "signora", "senora"):
                # a wife is not the daughter whose full name we know, unless that name carries her title
                targets = roots_where(lambda o: len(rest_of(o)) >= 2 and rest_of(o)[-1] == x and honorific_of(o) == h)
                if len(targets) == 1:
                    uf.union(targets[0], f)
                continue
            targets = roots_where(lambda o: len(rest_of(o)) >= 2 and rest_of(o)[-1] == x and compatible(full_g(o), g))
        if len(targets) == 1:
            uf.union(targets[0], f)
            if g != "X":
                joined_gender[uf.find(f)] = g

    # 3. bare names
    singles = [f for f in forms if len(f) == 1]
    for f in singles:
        x = f[0]
        names = given_names(x)
        low = x.lower()
        targets = roots_where(lambda o: o != f and (
            (len(rest_of(o)) >= 2 and (rest_of(o)[0].lower() == low or (not honorific_of(o) and rest_of(o)[0].lower() in names)))
            or (honorific_of(o) in GIVEN_TITLES and len(o) == 2 and o[1].lower() == low)))
        if not targets:
            # a pet name next to its full given name, both standing alone
            titled = {uf.find(o) for o in forms if honorific_of(o) in GIVEN_TITLES}
            targets = roots_where(lambda o: len(o) == 1 and o != f and o[0].lower() in HYPOCORISMS.get(x.lower(), ())
                                  and uf.find(o) not in titled)
        if len(targets) == 1:
            uf.union(targets[0], f)
            continue
        if targets:
            continue
        mr = [o for o in forms if honorific_of(o) in ("mr", "mister", "monsieur", "herr", "signor", "senor") and len(o) == 2 and o[1] == x]
        if mr:
            uf.union(mr[0], f)
            continue
        targets = roots_where(lambda o: o != f and len(rest_of(o)) >= 1 and rest_of(o)[-1] == x and len(o) > 1)
        if len(targets) == 1:
            uf.union(targets[0], f)

    groups: dict[Form, list[Form]] = defaultdict(list)
    for f in forms:
        groups[uf.find(f)].append(f)
    return [sorted(g, key=sort_key) for _, g in sorted(groups.items(), key=lambda kv: sort_key(kv[0]))]
