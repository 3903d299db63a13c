"""Stage "characters": who is in the story, by what names, and where they are named.

Candidates come from NER and from what NER misses in fiction (honorifics, speech cues,
vocatives); junk is filtered by usage; aliases are clustered (``cluster.py``); every name is
then found again in the text with one regex, which gives ``Mention`` spans and counts.
With a user-supplied cast the cast's names are matched, ids ``C1..Cn`` in cast order, with the name
forms the text gives them (found as above and clustered with a member's listed names); found persons
outside the cast are left out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict

from fabula.characters.cluster import Form, cluster, form_gender, honorific_of, rest_of
from fabula.characters.detect import (
    HON_RE,
    article_uses,
    clean_form,
    collect,
    is_honorific,
    keep,
    rescue_full_names,
    rescue_given_names,
    rescue_pairs,
    tokens_of,
    usage_counts,
)
from fabula.characters.lexicon import FEMALE_NAMES, HYPOCORISMS, MALE_NAMES
from fabula.characters.links import appositions, linked
from fabula.characters.nominal import (
    DETERMINERS,
    GENERIC,
    SCENE,
    gendered,
    global_nominals,
    local_nominals,
    scan_nominals,
    speech_cues,
)
from fabula.lexicon import FEMALE_NOUNS, HONORIFICS, MALE_NOUNS
from fabula.lexicon import NAME_PARTICLES as _PARTICLES
from fabula.model import Character, Mention, Story
from fabula.pipeline import Context, stage

_PRONOUN_RE = re.compile(r"\b(?:(he|himself|his)|(she|herself))\b|[.!?\"“”]", re.IGNORECASE)
NARRATOR_ALIASES = frozenset({"_narr", "narrator", "the narrator", "i"})


_TOKEN_RE = re.compile(r"(?<![\w'’])(?:[A-Z\u00c0-\u00de]\w*(?:['’-]\w+)*|de|van|von|der|den|du|da|di|del|della|le|la|ter|ten)(?![\w])")
_GAP_RE = re.compile(r"\.?[ \t]*\n?[ \t]*")


def _norm(tok: str) -> str:
    tok = tok.replace("\u2019", "'")
    for suffix in ("'s", "'"):
        if tok.endswith(suffix) and len(tok) > len(suffix):
            return tok[: -len(suffix)]
    return tok


def scan(text: str, forms: list[Form]) -> list[tuple[int, int, Form]]:
    """Every occurrence of every form, longest form first at each place; sorted by offset.

    One pass over capitalised tokens with a dict of forms by first token: a regex alternation
    of hundreds of names is far slower.
    """
    by_first: dict[str, list[Form]] = defaultdict(list)
    for f in forms:
        head = f[0].rstrip(".") if is_honorific(f[0]) and len(f) > 1 else f[0]
        by_first[head].append(f)
        if head != head.upper() and is_honorific(f[0]):
            by_first[head.upper()].append(f)
    for k in by_first:
        by_first[k].sort(key=lambda f: (-len(f), f))
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]
    out = []
    i, n = 0, len(toks)
    while i < n:
        start, end, word = toks[i]
        cands = by_first.get(_norm(word)) or (by_first.get(word.lower()) if word.lower() in _PARTICLES else None)
        matched = None
        if cands:
            for f in cands:
                k = len(f)
                if i + k > n:
                    continue
                ok = True
                for j in range(1, k):
                    prev_end = toks[i + j - 1][1]
                    s2, _, w2 = toks[i + j]
                    gap = _GAP_RE.match(text, prev_end)
                    if gap.end() != s2 or (j < k - 1 and _norm(w2) != w2) or _norm(w2) != f[j]:
                        ok = False
                        break
                    if "." in gap.group() and not (j == 1 and is_honorific(f[0])):
                        ok = False
                        break
                if ok:
                    matched = f
                    break
        if matched:
            last_end = toks[i + len(matched) - 1][1]
            last_word = toks[i + len(matched) - 1][2]
            out.append((start, last_end - (len(last_word) - len(_norm(last_word))), matched))
            i += len(matched)
        else:
            i += 1
    return out


def quote_mask(story: Story):
    starts = [q.start for q in story.quotes]
    ends = [q.end for q in story.quotes]

    def inside(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and pos < ends[i]

    return inside


_NEXT_SENTENCE_RE = re.compile(r"\s+(?:(He|His)|(She|Her))\b")
_SUBJECT_BEFORE = re.compile(r"(?:^|[.!?\"”’]\s*|\n\s*|\b(?:and|but|then|when|as|while|said|asked|replied|cried|says|asks)\s+)$")


def pronoun_votes(text: str, hits, inside_quote) -> dict[Form, Counter]:
    """A name standing as a subject votes for the first he/she that follows in its sentence."""
    votes: dict[Form, Counter] = defaultdict(Counter)
    for start, end, form in hits:
        if inside_quote(start) or not _SUBJECT_BEFORE.search(text, max(0, start - 8), start):
            continue
        m = _PRONOUN_RE.search(text, end, min(len(text), end + 100))
        if m and not (m.group(1) or m.group(2)) and m.group() in ".!?;":
            m = _NEXT_SENTENCE_RE.match(text, m.end())  # "Kaelan sighed. He looked away."
        if m and (m.group(1) or m.group(2)):
            # "his" counts half: it may belong to someone else ("she took his hand")
            votes[form]["M" if m.group(1) else "F"] += 1 if m.group().lower() == "his" else 2
    return votes


def visible(form: Form) -> Form:
    """The form without the ``#k`` that tells local characters of one description apart."""
    return tuple(t for t in form if not t.startswith("#"))


def given_gender(tok: str) -> str:
    """The sex a given name (or the name a pet name shortens) carries: F, M or X."""
    low = tok.lower()
    for n in (low, *HYPOCORISMS.get(low, ())):
        if n in FEMALE_NAMES:
            return "F"
        if n in MALE_NAMES:
            return "M"
    return "X"


def display(form: Form) -> str:
    return " ".join(visible(form))


def build(text: str, groups: list[list[Form]], hits, counts: Counter, votes, fixed: list | None = None):
    """Characters and mentions from clustered forms; ids by first appearance (or cast order)."""
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
            if f[0] in DETERMINERS:
                head = visible(f)[-1].lower()
                fg = "F" if head in FEMALE_NOUNS else "M" if head in MALE_NOUNS else "X"
            if fg != "X":
                hon[fg] += max(1, counts[f])
            elif f[0] not in DETERMINERS and not honorific_of(f) and (gg := given_gender(f[0])) != "X":
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
        elif pron and pron.most_common(1)[0][1] >= 2 * (sum(pron.values()) - pron.most_common(1)[0][1]) and sum(pron.values()) >= 1:
            gender = pron.most_common(1)[0][0]
        else:
            gender = "X"
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
        local = f[-1].startswith("#")
        return "nominal" if f[0] in DETERMINERS and not visible(f)[-1][:1].isupper() and not local else "name"

    mentions = tuple(Mention(s, e, ids[owner[f]], kind(f))
                     for s, e, f in hits if owner[f] in ids)
    return tuple(chars), mentions


_WIFE_TITLES = frozenset({"mrs", "madame", "mme", "frau", "signora", "senora"})


def _outvoted(hon: Counter, pron: Counter, uses: int) -> bool:
    """A title used once or twice ("Auntie Tibby", a joke) against a narration that clearly says the other sex."""
    g = hon.most_common(1)[0][0]
    other = "M" if g == "F" else "F"
    return 10 * sum(hon.values()) < uses and pron[other] >= 8 and pron[other] >= 4 * pron[g]


def drop_plurals(forms: list[Form]) -> list[Form]:
    """``the Bennets``, ``Miss Lucases``: a family, not a person, when the singular is a name too."""
    tokens = {t for f in forms for t in f}
    out = []
    for f in forms:
        last = f[-1]
        if (last.endswith("es") and last[:-2] in tokens) or (last.endswith("s") and last[:-1] in tokens):
            continue
        out.append(f)
    return out


def discover(story: Story):
    text, groups, hits, counts, votes = discover_groups(story)
    return build(text, groups, hits, counts, votes)


def discover_groups(story: Story):
    """The found persons before ids are given: (text, groups of forms, hits, counts, pronoun votes)."""
    text = story.text
    cands = collect(text, story.entities, story.quotes)
    words, midcap, places = usage_counts(text)
    the_uses = article_uses(text)
    kept = [f for f, ev in cands.forms.items() if keep(f, ev, words, midcap, places, the_uses)]
    rescued = rescue_full_names(cands, kept)
    rescued += rescue_pairs(text, kept + rescued)
    kept += rescued + rescue_given_names(cands, kept, words)
    kept = drop_plurals(kept)
    # honorific + surname implies the surname alone names someone too; full names imply their parts
    nominals = global_nominals(text, story.quotes)
    nom_hits = scan_nominals(text, nominals)
    inside = quote_mask(story)
    taken = {(s, e) for s, e, _ in nom_hits}
    for k, (form, spans) in enumerate(local_nominals(text, story.quotes, inside)):
        local = (*form, f"#{k}")
        nominals.append(local)
        nom_hits += [(s, e, local) for s, e in spans if (s, e) not in taken]
    nom_hits.sort()
    hits = merge_hits(scan(text, kept), nom_hits)
    counts = Counter(f for _, _, f in hits)
    kept = [f for f in kept if counts[f] > 0]
    nominals = [f for f in nominals if counts[f] > 0]
    votes = pronoun_votes(text, hits, inside)
    genders = {}
    for f in kept:
        v = votes.get(f)
        if v and sum(v.values()) >= 2:
            g, n = v.most_common(1)[0]
            if n >= 0.75 * sum(v.values()):
                genders[f] = g
        if f not in genders and not honorific_of(f) and (gg := given_gender(f[0])) != "X":
            genders[f] = gg  # "Jane Bennet" is no "Mr. Bennet"
    groups = cluster(kept, counts, genders, frozenset(rescued))
    names = set(kept)
    beside = appositions(text, {_role(f) for f in nominals} - {""}, [h for h in hits if h[2] in names], inside)
    # descriptions that are one of these people, scene by scene (all of them from an offset on)
    scoped: dict[Form, tuple[list[list[Form]], int]] = {}
    for f in nominals:
        # "the Major" is Major Callendar when the story has one Major
        title = f[-1].lower() if len(f) == 2 and (f[0] == "the" or f[-1].lower() not in _RELIGIOUS) else ""
        forms = _TITLE_FORMS.get(title, {title})
        holders = [g for g in groups if any(honorific_of(o) in forms for o in g)] if title in HONORIFICS else []
        if len(holders) > 1:
            # "the General" is General Tilney, named far more often than a General Courteney
            uses = sorted(((sum(counts[o] for o in g if honorific_of(o) in forms), i) for i, g in enumerate(holders)),
                          reverse=True)
            if uses[0][0] >= 3 * sum(n for n, _ in uses[1:]):
                holders = [holders[uses[0][1]]]
            else:
                scoped[f] = holders, len(text)  # two duchesses: "the duchess" is the one named in her scene
                continue
        if len(holders) != 1 and _role(f):
            # "Mr. Bumble, the beadle,": the name the narration sets beside the description, where he is named
            found = beside.get(_role(f), [])
            if f[-1].startswith("#"):  # a local one: only beside it, in its own scene
                spans = [s for s, _, g in nom_hits if g == f]
                found = [(s, o) for s, o in found if spans and spans[0] - SCENE <= s <= spans[-1] + SCENE]
            gi = linked(found, lambda o: next((i for i, g in enumerate(groups) if o in g), None))
            if gi is not None:
                # from where he is first called so on, always; before that, where he is named nearby (the
                # proprietor of another shop is someone else)
                scoped[f] = [groups[gi]], min(s for s, _ in found) - SCENE
                continue
        if len(holders) == 1:
            holders[0].append(f)
        else:
            groups.append([f])
    if scoped:
        hits = by_scene(hits, scoped, groups)
        counts = Counter(f for _, _, f in hits)
    return text, shortened(groups), hits, counts, votes


def by_scene(hits, scoped: dict[Form, tuple[list[list[Form]], int]], groups: list[list[Form]], apart: bool = True):
    """Each mention of a scoped description goes to the candidate named nearest to it (within ``SCENE``
    characters; past its offset, to its one candidate), as a form of that person's own; the rest stay
    one character of the description (``apart``; else they stay where they are)."""
    index = {id(g): i for i, g in enumerate(groups)}
    at: dict[int, list[int]] = defaultdict(list)  # group index -> offsets of its mentions
    owner = {o: index[id(g)] for g in groups for o in g}
    for s, _, f in hits:
        if f in owner:
            at[owner[f]].append(s)
    out, rest = [], set()
    for s, e, f in hits:
        cands, since = scoped.get(f, ((), 0))
        near = [(0, False, index[id(cands[0])])] if len(cands) == 1 and s >= since else []
        for g in cands:
            pos = at[index[id(g)]]
            k = bisect_right(pos, s)
            near += [(abs(p - s), p > s, index[id(g)]) for p in pos[max(0, k - 1) : k + 1] if abs(p - s) <= SCENE]
        if not near:
            out.append((s, e, f))
            rest.update([f] if f in scoped else [])
            continue
        gi = min(near)[2]
        nf = (*f, f"#n{gi}")
        if nf not in groups[gi]:
            groups[gi].append(nf)
        out.append((s, e, nf))
    if apart:
        groups.extend([f] for f in sorted(rest))
    return out


_TITLE_FORMS = {"doctor": {"doctor", "dr"}, "dr": {"doctor", "dr"}}  # "Dr. Aziz" is "the doctor"


def _role(f: Form) -> str:
    """The head noun of a description that may stand for a named person: a role ("the beadle", "the
    old doctor"), not a generic person ("the man") nor one marked by what he wears."""
    words = visible(f)
    if words[0] != "the" or len(words) > 3 or words[-1].lower() in GENERIC:
        return ""
    return words[-1].lower()


def shortened(groups: list[list[Form]]) -> list[list[Form]]:
    """"the Rabbit" is the White Rabbit, "the Hare" the March Hare: a capitalised description joins the
    one longer one that ends with its word."""
    longer: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        for f in g:
            if f[0] == "the" and len(f) > 2 and f[-1][:1].isupper() and f[1][:1].isupper():
                longer[f[-1]].append(i)
    out = [list(g) for g in groups]
    for i, g in enumerate(groups):
        if len(g) == 1 and len(g[0]) == 2 and g[0][0] == "the" and g[0][1][:1].isupper():
            owners = sorted(set(longer.get(g[0][1], ())) - {i})
            if len(owners) == 1:
                out[owners[0]] += out[i]
                out[i] = []
    return [g for g in out if g]


def merge_hits(names, nominals):
    """Name hits and description hits in offset order; a name inside a description gives way."""
    if not nominals:
        return names
    spans = [(s, e) for s, e, _ in nominals]
    starts = [s for s, _ in spans]
    kept = []
    for h in names:
        i = bisect_right(starts, h[0]) - 1
        if i >= 0 and h[0] < spans[i][1]:
            continue
        kept.append(h)
    return sorted(kept + nominals)


_ARTICLES = ("the", "a", "an")
_RELIGIOUS = frozenset({"father", "mother", "brother", "sister"})  # "my father" is not Father Flynn




# words of address anyone is called by ("Yes, Sir"): a cast entry named by one of them alone is no name to find
_ADDRESS = frozenset({"sir", "madam", "madame", "monsieur", "mister", "mr", "mrs", "miss", "ms", "mme", "mlle",
                      "mademoiselle", "signor", "signora", "signorina", "senor", "senora", "herr", "frau", "fraulein"})


def _cast_form(name: str) -> Form | None:
    f = tokens_of(name)
    if len(f) == 1 and f[0].lower().rstrip(".") in _ADDRESS:
        return None
    # "Mr. Van Der Luyden" is written "Mr. van der Luyden" in the text
    f = tuple(t.lower() if i > 0 and i < len(f) - 1 and t.lower() in _PARTICLES else t for i, t in enumerate(f))
    if not f or not all(re.search(r"\w", t) for t in f) or name.strip().lower() in NARRATOR_ALIASES:
        return None
    if f[0].lower() in _ARTICLES:
        return ("the", *f[1:]) if f[0].lower() == "the" and len(f) > 1 else None  # "The Judge"; "A Man" is no name
    return f


_DESCRIBING = frozenset({"the", "his", "her", "a", "an", "one"})
_PP_WORDS = frozenset({"at", "of", "in", "on", "from", "with", "who", "that", "to", "for"})


def _described(name: str) -> list[Form]:
    """The ways the narration writes a cast member named by a description: "His Valet" is "the valet",
    "The Jailer At The Dodger's Trial" "the jailer", "One Wondering Labourer" "the wondering labourer"."""
    words = [w.lower() for w in name.replace("\u2019", "'").split()]
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
            rest = rest_of(f) if f[0] != "the" else ()
            if len(rest) >= 2:
                derived[(rest[0],)].add(i)  # the given name alone
                derived[(rest[-1],)].add(i)  # the surname alone
            if honorific_of(f) and len(rest) == 1:
                derived[rest].add(i)  # "Mr. Wells" -> "Wells"
        for n in names:
            for f in _described(n):
                # a description of no known sex ("The Painter") only where the text has it speak: the
                # narration may use it for a named member ("the painter" is Basil Hallward)
                if len(f) > 2 or m.gender in ("F", "M") or f in speakers:
                    derived[f].add(i)
                    if len(f) == 2 and m.gender not in ("F", "M"):
                        unsexed.add(f)
    surname_of: dict[str, set[int]] = defaultdict(set)
    for f, who in list(claims.items()) + list(derived.items()):
        rest = rest_of(f) if f[0] != "the" else ()
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
    words = Counter(re.findall(r"[A-Za-z]+", text))
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
    roles = {_role(f): f for f in global_nominals(text, story.quotes) if _role(f)}
    beside = appositions(text, set(roles), scan(text, sorted(names_)), inside)
    for head, found in sorted(beside.items()):
        # "Mr. Bumble, the beadle,": the description is that cast member too
        i = linked(found, owner.get)
        f = roles[head]
        # (and not the member of no known sex the cast calls so: "Basil Hallward, the artist,")
        if i is not None and (f not in owner and (f[0], *(w.lower() for w in f[1:])) not in owner
                              or f in unsexed and owner.get(f) != i):
            owner[f] = i
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
        forms = _TITLE_FORMS.get(title, {title})
        holders = [groups[j] for j in range(len(cast)) if j != i and title in HONORIFICS
                   and any(honorific_of(o) in forms for o in groups[j])]
        if holders:
            scoped[f] = holders, len(text)
    if scoped:
        hits = by_scene(hits, scoped, groups, apart=False)
    counts = Counter(f for _, _, f in hits)
    votes = pronoun_votes(text, hits, inside)
    return build(text, groups, hits, counts, votes, fixed=fixed)


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


@stage("characters", requires=("text", "paragraphs", "sentences", "entities", "quotes"), provides=("characters", "mentions"))
def characters_stage(story: Story, context: Context) -> dict:
    if context.cast:
        chars, mentions = from_cast(story, context.cast)
    else:
        chars, mentions = discover(story)
    return {"characters": chars, "mentions": mentions}
