"""A cast supplied by the user: its names matched in the text, ids ``C1..Cn`` in cast order, with the name
forms the text gives a member (found as without a cast, and clustered with the member's listed names);
found persons outside the cast are matched, then left out."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from fabula.characters.assemble import build
from fabula.characters.cluster import Form, form_gender, honorific_of, rest_of
from fabula.characters.detect import (
    HON_RE,
    clean_form,
    is_honorific,
    tokens_of,
)
from fabula.characters.discover import (
    TITLE_FORMS,
    by_scene,
    discover_groups,
    role_of,
    role_owner,
)
from fabula.characters.links import appositions, linked
from fabula.characters.mentions import (
    merge_hits,
    pronoun_votes,
    quote_mask,
    scan,
)
from fabula.characters.nominal import (
    DETERMINERS,
    GENERIC,
    KIN,
    gendered,
    global_nominals,
    person_head,
    scan_nominals,
    speech_cues,
)
from fabula.lexicon import HONORIFICS, NOT_NAMES
from fabula.lexicon import NAME_PARTICLES as _PARTICLES
from fabula.model import Character, Mention, Story

NARRATOR_ALIASES = frozenset({"_narr", "narrator", "the narrator", "i"})


_ARTICLES = ("the", "a", "an")


# words of address anyone is called by ("Yes, Sir"): a cast entry named by one of them alone is no name to find
_ADDRESS = frozenset({"sir", "madam", "madame", "monsieur", "mister", "mr", "mrs", "miss", "ms", "mme", "mlle",
                      "mademoiselle", "signor", "signora", "signorina", "senor", "senora", "herr", "frau", "fraulein"})


_OWNERS = frozenset({"my", "our", "your", "their"})  # ("His Valet" is a description: _described)


def _cast_form(name: str) -> Form | None:
    f = tokens_of(name)
    if len(f) > 1 and f[0].lower() in _OWNERS and f[1][:1].isupper():  # "our Robert" is Robert; "my Lord" no one
        f = f[1:] if f[1].lower() not in NOT_NAMES and f[1].lower() not in HONORIFICS else ()
    # ("my lady", "my nan" stay whole: what the narrator calls them; never the name "my", see from_cast)
    if len(f) == 1 and f[0].lower().rstrip(".") in _ADDRESS:
        return None  # also "my Lord", "Our Lady": a word of address after an owner
    if f and (f[0].endswith(("'s", "\u2019s")) or (len(f) == 1 and f[0].islower() and f[0] in NOT_NAMES)):
        return None  # "Nell's brother", a description by someone else's name; "love", a word of address
    # "Mr. Van Der Luyden" is written "Mr. van der Luyden" in the text
    f = tuple(t.lower() if i > 0 and i < len(f) - 1 and t.lower() in _PARTICLES else t for i, t in enumerate(f))
    if not f or not all(re.search(r"\w", t) for t in f) or name.strip().lower() in NARRATOR_ALIASES:
        return None
    if f[0].lower() in _ARTICLES:
        return ("the", *f[1:]) if f[0].lower() == "the" and len(f) > 1 else None  # "The Judge"; "A Man" is no name
    return f


_DESCRIBING = frozenset({"the", "his", "her", "a", "an", "one"})


_PP_WORDS = frozenset({"at", "of", "in", "on", "from", "with", "who", "that", "to", "for"})


def _described(name: str, small=lambda w: False) -> list[Form]:
    """The ways the narration writes a cast member named by a description: "His Valet" is "the valet",
    "The Jailer At The Dodger's Trial" "the jailer", "One Wondering Labourer" "the wondering labourer",
    and "Butler" or "Hansom Driver", words the text writes small ending in a person, "the hansom driver"."""
    words = [w.lower() for w in name.replace("\u2019", "'").split()]
    if words and words[0] not in _DESCRIBING and all(small(w) for w in words) and person_head(words[-1]):
        words = ["the", *words]  # not "Two" or "Time" (Alice's cards and clocks): no person noun
    if len(words) < 2 or words[0] not in _DESCRIBING or not all(re.fullmatch(r"[a-z][a-z'-]*,?", w) for w in words):
        return []
    det, words = words[0], [w.rstrip(",") for w in words[1:]]
    cut = next((k for k, w in enumerate(words) if w in _PP_WORDS), len(words))
    # (the whole of "The Gentleman In The White Waistcoat" is written as the cast writes it)
    out = []
    for ws in {tuple(words[:cut])} | ({tuple(words)} if det != "the" else set()):
        f = ("the", *ws)
        if ws and (ws[-1] not in GENERIC or len(ws) > 1) and not gendered(f) and ws[0] not in GENERIC - {"first", "second", "third"}:
            out.append(f)
    return sorted(out)


def from_cast(story: Story, cast) -> tuple[tuple[Character, ...], tuple[Mention, ...]]:
    """The cast's names, given names and surnames no other member shares, and the forms the text uses for
    a member (``adopt_found``)."""
    text = story.text
    spelled = _as_written(text, cast)
    claims: dict[Form, set[int]] = defaultdict(set)
    derived: dict[Form, set[int]] = defaultdict(set)
    main: dict[Form, int] = {}
    fixed = []
    speakers = {tuple(w.lower() for w in f) for f, _ in speech_cues(text, story.quotes)}
    unsexed: set[Form] = set()
    words = Counter(re.findall(r"[A-Za-z]+", text))

    def small(w: str) -> bool:  # a word the text writes in lower case more often than capitalised
        return words[w] > words[w.capitalize()]

    for i, m in enumerate(cast):
        names = [m.name, *m.aliases]
        narrator = any(a.strip().lower() in NARRATOR_ALIASES for a in names)
        fixed.append({"name": m.name, "aliases": tuple(a for a in m.aliases if a != m.name), "gender": m.gender,
                      "narrator": narrator})
        for n in names:
            f = _cast_form(n)
            if f is None:
                continue
            f = tuple(spelled.get(t, t) for t in f)
            claims[f].add(i)
            if n == m.name:
                main.setdefault(f, i)
            rest = _person_part(f) if f[0] != "the" and f[0].lower() not in _OWNERS else ()
            # a full name, or one name before an "of" ("Knave Of Hearts": "Knave" alone names him too)
            if len(rest) >= 2 or rest and not honorific_of(f) and len(rest) < len(rest_of(f)):
                derived[(rest[0],)].add(i)  # the given name alone
                derived[(rest[-1],)].add(i)  # the surname alone
            if honorific_of(f) and len(rest) == 1:
                derived[rest].add(i)  # "Mr. Wells" -> "Wells"
        for n in names:
            for f in _described(n, small):
                # a description of no known sex ("The Painter") only where the text has it speak: the
                # narration may use it for a named member ("the painter" is Basil Hallward)
                if len(f) > 2 or m.gender in ("F", "M") or f in speakers:
                    derived[f].add(i)
                    if len(f) == 2 and m.gender not in ("F", "M"):
                        unsexed.add(f)
    _given_to_its_bearer(claims, main)
    surname_of: dict[str, set[int]] = defaultdict(set)
    for f, who in list(claims.items()) + list(derived.items()):
        rest = _person_part(f) if f[0] != "the" else ()
        if rest and (len(rest) >= 2 or honorific_of(f) or f in derived):
            for i in who:
                surname_of[rest[-1]].add(i)
    for m in HON_RE.finditer(text):
        # "Miss Quested" when the cast has "Adela Quested": the one cast member of that sex with that surname
        f = clean_form(m.group(0))
        if f is None or len(f) != 2 or f in claims or f in derived:
            continue
        sex = form_gender(f)
        who = {i for i in surname_of.get(f[1], ()) if (sex == "X" or cast[i].gender in (sex, "X"))
               and not _title_clash(f, claims, i)}
        if len(who) == 1:
            derived[f].add(next(iter(who)))
    owner: dict[Form, int] = {}
    for f, who in claims.items():
        if len(who) == 1:
            owner[f] = next(iter(who))
        elif f in main:
            owner[f] = main[f]
    for f, who in derived.items():
        # "His" of "His Father's Chauffeur", "Old" of "Old Callendar": a word more often written small is no name
        common = len(f) == 1 and words[f[0].lower()] > words[f[0]]
        if f not in claims and len(who) == 1 and (len(f) > 1 or f[0].lower() not in HONORIFICS) and not common:
            owner[f] = next(iter(who))
    strangers = adopt_found(story, cast, owner, claims)
    for f, i in sorted(owner.items()):
        # "The Mariner" of a cast list is "the mariner" in the text; not a bare "the man", nor a
        # description of no known sex ("The Painter"), which the narration uses for someone else
        low = ("the", *(w.lower() for w in f[1:]))
        # ("the hump-backed man", "the second gentleman": a generic head marked by what sets him apart)
        marked = len(f) > 2 and not gendered(low)
        if f[0] == "the" and (f[-1].lower() not in GENERIC or marked) and (len(f) > 2 or cast[i].gender in ("F", "M")):
            if low not in owner and low not in claims:
                owner[low] = i
    names_ = [f for f in owner if f[0] != "the"]
    inside = quote_mask(story)
    roles = {role_of(f): f for f in global_nominals(text, story.quotes) if role_of(f)}
    beside = appositions(text, set(roles), scan(text, sorted(names_)), inside)
    for head, found in sorted(beside.items()):
        # "Mr. Bumble, the beadle,": the description is that cast member too
        i = linked(found, owner.get)
        f = roles[head]
        # (and not the member of no known sex the cast calls so: "Basil Hallward, the artist,")
        if i is not None and (f not in owner and (f[0], *(w.lower() for w in f[1:])) not in owner
                              or f in unsexed and owner.get(f) != i):
            owner[f] = i
    _told(story, cast, owner, unsexed, roles, names_, inside)
    groups: list[list[Form]] = [[] for _ in cast]
    for f, i in sorted(owner.items()):
        groups[i].append(f)
    names_ = [f for f in owner if f[0] not in DETERMINERS]
    # a found person outside the cast ("Mr. Bertram" beside Tom and Edmund Bertram) is matched, then dropped:
    # his surname alone is not someone else's mention
    names_ += [f for f in strangers if f not in owner]
    hits = merge_hits(scan(text, sorted(names_)), scan_nominals(text, sorted(f for f in owner if f[0] in DETERMINERS)))
    hits = [h for h in hits if h[2] in owner]
    if _resex_surnames(cast, owner, pronoun_votes(text, hits, inside)):
        groups = [[] for _ in cast]
        for f, i in sorted(owner.items()):
            groups[i].append(f)
    scoped = {}
    for f, i in owner.items():
        # a cast's "The Doctor" beside a "Doctor Losberne": where Losberne is named, "the doctor" is he
        title = f[-1].lower() if f[0] == "the" and len(f) == 2 else ""
        forms = TITLE_FORMS.get(title, {title})
        holders = [groups[j] for j in range(len(cast)) if j != i and title in HONORIFICS
                   and any(honorific_of(o) in forms for o in groups[j])]
        if holders:
            scoped[f] = holders, len(text)
    if scoped:
        hits = by_scene(hits, scoped, groups, apart=False)
    counts = Counter(f for _, _, f in hits)
    votes = pronoun_votes(text, hits, inside)
    # "the stranger" the cast lists for a member is as good as his name (an antecedent, as a name is)
    listed = {_low(f) for f in claims if f[0] == "the"}
    named = frozenset(f for f in owner if f[0] in DETERMINERS and _low(f) in listed)
    return build(text, groups, hits, counts, votes, fixed=fixed, as_names=named)


def _told(story: Story, cast, owner: dict[Form, int], unsexed: set[Form], roles: dict[str, Form], names_,
          inside) -> None:
    """A role no name stands beside ("the painter") is the member the narration and the talk around it
    tell (``discover.role_owner``), not a member of no known sex the cast lists by those words."""
    text = story.text
    hits = scan(text, sorted(names_))
    groups = [[f for f, j in owner.items() if j == i and f[0] not in DETERMINERS] for i in range(len(cast))]
    stage = role_owner(story, groups, hits, set(names_), inside)
    votes = pronoun_votes(text, hits, inside)
    for head, f in sorted(roles.items()):
        low = (f[0], *(w.lower() for w in f[1:]))
        if not person_head(head) or head in KIN or (f in owner or low in owner) and f not in unsexed:
            continue
        i = stage(f, [s for s, _, _ in scan_nominals(text, [f])], votes)
        if i is not None and owner.get(f) != i:
            owner[f] = i


def _given_to_its_bearer(claims: dict[Form, set[int]], main: dict[Form, int]) -> None:
    """A given name alone listed for one member ("Robert" beside "Edward Ferrars") that is the given name
    of another member's full name ("Robert Ferrars") and of none of the first one's is that other one's."""
    firsts: dict[int, set[str]] = defaultdict(set)
    for f, who in claims.items():
        if len(f) >= 2 and f[0] != "the" and not honorific_of(f):
            for i in who:
                firsts[i].add(f[0])
    for f, who in list(claims.items()):
        if len(f) != 1 or len(who) != 1 or f in main:
            continue
        i = next(iter(who))
        bearers = [j for j, given in firsts.items() if j != i and f[0] in given]
        if f[0] not in firsts[i] and len(bearers) == 1:
            claims[f] = {bearers[0]}


def _person_part(f: Form) -> Form:
    """The names of a form before an "of": "Mr. Darcy Of Pemberley" is a Darcy, and "Pemberley" a place,
    not his surname ("Anne Of Green Gables" is no "Gables")."""
    rest = rest_of(f)
    cut = next((k for k, t in enumerate(rest) if k > 0 and t.lower() == "of"), len(rest))
    return rest[:cut]


def _low(f: Form) -> Form:
    return (f[0].lower(), *(w.lower() for w in f[1:]))


def _resex_surnames(cast, owner: dict[Form, int], votes) -> bool:
    """A surname alone the cast gives to Mrs. Callendar, which the narration follows with "he", is the
    Major: the one member of the other sex known by that surname."""
    moved = False
    for f, i in sorted(owner.items()):
        g = cast[i].gender
        if len(f) != 1 or g not in ("F", "M"):
            continue
        other = "M" if g == "F" else "F"
        v = votes.get(f, Counter())
        if v[other] < 2 or v[other] < 3 * v[g]:
            continue
        who = {j for h, j in owner.items() if j != i and cast[j].gender == other and len(h) > 1
               and h[0] not in DETERMINERS and rest_of(h)[-1] == f[0]}
        if len(who) == 1:
            owner[f] = who.pop()
            moved = True
    return moved


def adopt_found(story: Story, cast, owner: dict[Form, int], claims) -> list[Form]:
    """The names the text uses that the cast does not list ("Elizabeth Bennet", "Miss Lydia", "the general")
    go to the member whose listed names make up most of the found person they were clustered into; the
    names of several words of found persons that are no member are returned."""
    strangers: list[Form] = []
    _, found, _, found_counts, _ = discover_groups(story)
    # "Mr. Crawford" as found is "Mr Crawford" as the cast writes it
    canon = {_key(f): f for f in (*claims, *owner)}
    groups = [[canon.get(_key(f), f) for f in g] for g in found]
    counts = Counter({canon.get(_key(f), f): n for f, n in found_counts.items()})
    # a description the cast lists as a member of its own ("The Doctor") is not learnt for another one
    described = {tuple(w.lower() for w in f) for f in claims if f[0].lower() in DETERMINERS}
    claimed_by: dict[int, list[Form]] = defaultdict(list)
    for f, who in claims.items():
        for i in who:
            claimed_by[i].append(f)
    for g in groups:
        _absorb_shadows(g, cast, owner, claimed_by, counts)
        votes: Counter = Counter()
        for f in g:
            if f in owner:
                votes[owner[f]] += max(1, counts[f])
        if not votes:
            strangers += [f for f in g if len(f) > 1 and f[0] not in DETERMINERS and not f[-1].startswith("#")]
            continue
        best, n = votes.most_common(1)[0]
        if 3 * n < 2 * sum(votes.values()):
            continue  # a found person torn between members: nothing learnt
        sex = cast[best].gender
        for f in g:
            if f in owner or f in claims or f[-1].startswith("#") or tuple(w.lower() for w in f) in described:
                continue
            if sex in ("F", "M") and form_gender(f) not in (sex, "X") or _title_clash(f, claims, best):
                continue
            owner[f] = best
    return strangers


_MAIDEN = {"miss": "mrs", "mrs": "miss"}


def _title_clash(f: Form, claims, i: int) -> bool:
    """A "Miss Hamilton" is not the member the cast calls "Mrs. Hamilton" (nor the other way round)."""
    h = honorific_of(f)
    if h not in _MAIDEN or len(f) != 2:
        return False
    return any(i in who and len(c) == 2 and honorific_of(c) == _MAIDEN[h] and c[1] == f[1] for c, who in claims.items())


def _as_written(text: str, cast) -> dict[str, str]:
    """A cast word the text never writes so, as the text writes it: "Mcbryde" is "McBryde"."""
    words = {t for m in cast for n in (m.name, *m.aliases) for t in tokens_of(n)}
    found = Counter(re.findall(r"[A-Z][\w'’-]*", text))
    by_low: dict[str, list[str]] = defaultdict(list)
    for w, _ in found.most_common():
        by_low[w.lower()].append(w)
    # only names: "the" of "the milkman" stays small although "The" opens sentences
    return {t: by_low[t.lower()][0] for t in words if t[:1].isupper() and t not in found and by_low.get(t.lower())}


def _key(f: Form) -> Form:
    return tuple(t.rstrip(".") if is_honorific(t) else t for t in f)


def _absorb_shadows(g: list[Form], cast, owner: dict[Form, int], claimed_by, counts) -> None:
    """A member known only as "Mr. Crawford" whose every use the text gives to the Henry Crawford of the
    cast (found in one person with his full name) is that man: its name goes to him."""
    members = {owner[f] for f in g if f in owner}
    for x in members:
        mine = [f for f in claimed_by[x] if counts[f]]
        if not mine or any(len(rest_of(f)) > 1 or f[0] == "the" for f in claimed_by[x]) or not set(mine) <= set(g):
            continue
        votes = Counter({i: 0 for i in members - {x}})
        for f in g:
            if f in owner and owner[f] != x:
                votes[owner[f]] += max(1, counts[f])
        if not votes or not sum(votes.values()):
            continue
        y, n = votes.most_common(1)[0]
        surnames = {rest_of(f)[-1] for f in mine if rest_of(f)}
        sex = ({cast[x].gender, *(form_gender(f) for f in mine)} - {"X"}) or {"X"}
        if len(sex) > 1:
            continue
        # the one member of that sex known by a given name and that surname: Henry, not the Prices' William
        # and Sam, where "Mr. Price" is the father
        full = [i for i, fs in claimed_by.items() if i != x and cast[i].gender in (*sex, "X")
                and any(len(rest_of(f)) > 1 and rest_of(f)[-1] in surnames and not honorific_of(f) for f in fs)]
        if 3 * n >= 2 * sum(votes.values()) and full == [y] and cast[y].gender in (*sex, "X"):
            for f in mine:
                owner[f] = y
