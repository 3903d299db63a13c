"""Finding the cast without help: NER candidates and what NER misses in fiction, junk filtered by usage,
aliases clustered, descriptions ("the beadle") joined to the person they stand for, scene by scene."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from functools import lru_cache

from fabula.characters.assemble import build, name_gender
from fabula.characters.cluster import Form, cluster, honorific_of
from fabula.characters.detect import (
    article_uses,
    collect,
    keep,
    peoples,
    rescue_epithets,
    rescue_full_names,
    rescue_given_names,
    rescue_pairs,
    rescue_surnames,
    usage_counts,
)
from fabula.characters.links import (
    addressed,
    answered_calls,
    appositions,
    linked,
    narrated,
)
from fabula.characters.mentions import (
    merge_hits,
    pronoun_votes,
    quote_mask,
    scan,
    visible,
    weak_votes,
)
from fabula.characters.nominal import (
    GENERIC,
    KIN,
    SCENE,
    global_nominals,
    local_nominals,
    person_head,
    scan_nominals,
    speech_cues,
)
from fabula.lexicon import HONORIFICS
from fabula.model import Story
from fabula.structure.boilerplate import prose_only


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
    sexed = {f: g for f, v in votes.items() if sum(v.values()) >= 2 and (g := v.most_common(1)[0][0])
             and v[g] >= 0.75 * sum(v.values())}
    return build(text, groups, hits, counts, votes, weak=weak_votes(text, hits, quote_mask(story), sexed))


def discover_groups(story: Story):
    """The found persons before ids are given: (text, groups of forms, hits, counts, pronoun votes)."""
    text = story.text
    cands = collect(text, story.entities, story.quotes)
    words, midcap, places = usage_counts(prose_only(story))
    the_uses = article_uses(text)
    ner = bool(story.entities)
    kept = [f for f, ev in cands.forms.items() if keep(f, ev, words, midcap, places, the_uses, ner)]
    rescued = rescue_full_names(cands, kept)
    rescued += rescue_pairs(text, kept + rescued)
    kept += rescued + rescue_given_names(cands, kept, words)
    kept += rescue_surnames(text, cands, kept, words, places)
    kept += rescue_epithets(text, kept)
    kept = drop_plurals(kept)
    kinds = peoples(text, kept)  # "the Huron" speaks; "Huron" alone is no one
    kept = [f for f in kept if f not in kinds]
    # honorific + surname implies the surname alone names someone too; full names imply their parts
    nominals = global_nominals(text, story.quotes)
    inside = quote_mask(story)
    titles = title_nominals(text, kept, nominals, inside)
    nominals += titles
    nom_hits = scan_nominals(text, nominals)
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
        if f not in genders and not honorific_of(f) and (gg := name_gender(f)) != "X":
            genders[f] = gg  # "Jane Bennet" is no "Mr. Bennet"
    groups = cluster(kept, counts, genders, frozenset(rescued))
    names = set(kept)
    beside = appositions(text, {role_of(f) for f in nominals} - {""}, [h for h in hits if h[2] in names], inside)
    # descriptions that are one of these people, scene by scene (all of them from an offset on)
    scoped: dict[Form, tuple[list[list[Form]], int]] = {}
    on_stage = role_owner(story, groups, hits, names, inside)
    dropped: set[Form] = set()
    for f in nominals:
        # "the Major" is Major Callendar when the story has one Major
        title = f[-1].lower() if len(f) == 2 and (f[0] == "the" or f[-1].lower() not in _RELIGIOUS) else ""
        forms = TITLE_FORMS.get(title, {title})
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
        if f in titles and len(holders) != 1:
            dropped.add(f)
            continue
        if len(holders) != 1 and role_of(f):
            # "Mr. Bumble, the beadle,": the name the narration sets beside the description, where he is named
            found = beside.get(role_of(f), [])
            if f[-1].startswith("#"):  # a local one: only beside it, in its own scene
                spans = [s for s, _, g in nom_hits if g == f]
                found = [(s, o) for s, o in found if spans and spans[0] - SCENE <= s <= spans[-1] + SCENE]
            gi = linked(found, lambda o: next((i for i, g in enumerate(groups) if o in g), None))
            if gi is not None:
                # from where he is first called so on, always; before that, where he is named nearby (the
                # proprietor of another shop is someone else)
                scoped[f] = [groups[gi]], min(s for s, _ in found) - SCENE
                continue
        if len(holders) != 1 and person_head(visible(f)[-1]) and visible(f)[-1].lower() not in KIN:
            gi = on_stage(f, [s for s, _, g in nom_hits if g == f], votes)
            if gi is not None:
                holders = [groups[gi]]
        if len(holders) == 1:
            holders[0].append(f)
        else:
            groups.append([f])
    if dropped:
        hits = [h for h in hits if h[2] not in dropped]
        counts = Counter(f for _, _, f in hits)
    if scoped:
        hits = by_scene(hits, scoped, groups)
        counts = Counter(f for _, _, f in hits)
    hits, counts = _answers(text, story.quotes, groups, hits, inside)
    return text, shortened(groups), hits, counts, votes


def _answers(text: str, quotes, groups, hits, inside):
    """The one who answers a call is the one called ("Elder?" / "An old man ... opened one eye"): those
    words are mentions of that person, a form of their own ("the man" sexes them)."""
    owner = {f: g for g in groups for f in g}
    names = [(s, e) for s, e, f in hits if f[0] not in ("the", "my", "our")]
    added = []
    for s, e, k, words in answered_calls(text, quotes, hits, inside):
        group = owner.get(hits[k][2])
        if group is None or any(a < e and s < b for a, b in names):
            continue
        form = ("the", *words, f"#call{k}")
        if form not in group:
            group.append(form)
        added.append((s, e, form))
    if added:  # a description found there before ("the old man" of its own) gives way
        hits = sorted([h for h in hits if not any(a < h[1] and h[0] < b for a, b, _ in added)] + added)
    return hits, Counter(f for _, _, f in hits)


_THE_TITLE = re.compile(r"\b[Tt]he\s+([A-Z][a-z]+)\b(?![ \t]*\n?[ \t]*[A-Z])")  # not "the Miss Bertrams"
# titles of a calling, one holder to a story; not "the Countess" (the rank of a family: "Countess Olenska" is
# often apart from "Madame Olenska") nor "the Miss"
_CALLINGS = frozenset({"doctor", "dr", "captain", "colonel", "major", "general", "admiral", "professor", "judge",
                       "inspector", "sergeant", "lieutenant", "vicar", "rector", "parson"})


def title_nominals(text: str, kept: list[Form], nominals: list[Form], inside) -> list[Form]:
    """"the Doctor", "the Colonel" used as a name in the narration (twice at least) when someone is titled so ("Dr
    Marjoribanks"), though it never speaks under it: a form of that one (``discover_groups`` joins it
    to the one holder of the title, or drops it)."""
    held = {h for f in kept if (h := honorific_of(f))}
    held |= {t for h in held for t in TITLE_FORMS.get(h, ())}
    have = {tuple(w.lower() for w in f) for f in nominals}
    uses = Counter(m.group(1) for m in _THE_TITLE.finditer(text) if not inside(m.start()))
    return sorted(("the", w) for w, n in uses.items()
                  if n >= 2 and w.lower() in _CALLINGS and w.lower() in held and ("the", w.lower()) not in have)


def role_owner(story: Story, groups, hits, names, inside):
    """Which named person a role (used at these offsets) stands for, by where the narration uses it
    (``links.narrated``) or by what the others call it (``links.addressed``), unless a new one is
    brought in ("a painter") or the pronouns disagree."""
    text = story.text
    gi_of = {f: i for i, g in enumerate(groups) for f in g}
    named = [(s, gi_of[f]) for s, _, f in hits if f in names and f in gi_of and not inside(s)]
    quotes = story.quotes
    qstarts = [q.start for q in quotes]
    spoken: dict[Form, set[int]] = defaultdict(set)  # description -> the quotes it speaks
    for form, pos in speech_cues(text, quotes, generic=True):
        spoken[form].add(bisect_right(qstarts, pos) - 1)
    pstarts = [p.start for p in story.paragraphs]

    def turn(i: int) -> int:
        return bisect_right(pstarts, quotes[i].start)

    called: dict[int, set[int]] = defaultdict(set)  # quote -> groups it calls by name ("..., Gladys.")
    for s, e, f in hits:
        k = bisect_right(qstarts, s) - 1
        if f in names and f in gi_of and k >= 0 and s < quotes[k].end and _VOCATIVE.match(text, e) \
                and (s - quotes[k].start <= 1 or _BEFORE_VOCATIVE.search(text, max(0, s - 12), s)):
            called[k].add(gi_of[f])
    starts = [s.start for s in story.sentences]

    def sent_start(pos: int) -> int:
        k = bisect_right(starts, pos) - 1
        return starts[k] if k >= 0 else 0

    def sex(votes: Counter | None) -> str:
        if not votes or sum(votes.values()) < 2:
            return "X"
        g, n = votes.most_common(1)[0]
        return g if n >= 0.75 * sum(votes.values()) else "X"

    def owner(f: Form, spans: list[int], votes) -> int | None:
        uses = [s for s in spans if not inside(s)]
        local = f[-1].startswith("#")  # one scene's: only what is said there tells
        gi = narrated(uses, named, sent_start, len(text)) if uses and not local and role_of(f) else None
        cues = spoken.get(visible(f), set())
        if local and spans:
            cues = {i for i in cues if spans[0] - 200 <= quotes[i].end <= spans[-1] + 200}
        if gi is None and cues:
            gi = addressed(cues, lambda i: called.get(i, set()), turn, len(quotes))
        if gi is None:
            return None
        intro = _introduction(f[-1])
        if uses and any(not inside(m.start()) for m in intro.finditer(text, max(0, uses[0] - SCENE), uses[0])):
            return None  # "a painter" came in just before: someone new
        mine = Counter()
        for o in groups[gi]:
            mine.update(votes.get(o, {}))
        a, b = sex(votes.get(f)), sex(mine)
        return None if "X" not in (a, b) and a != b else gi

    return owner


@lru_cache(maxsize=None)
def _introduction(noun: str) -> re.Pattern:
    """"a painter", "an old painter": someone new brought in under that role."""
    return re.compile(rf"\b[Aa]n?\s+(?:[a-z-]+\s+){{0,2}}{re.escape(noun)}\b")


_VOCATIVE = re.compile(r"[,.!?;]")
_BEFORE_VOCATIVE = re.compile(r"(?:,|\bdear|\bOh|\bAh)\s+$")


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


TITLE_FORMS = {"doctor": {"doctor", "dr"}, "dr": {"doctor", "dr"}}  # "Dr. Aziz" is "the doctor"


def role_of(f: Form) -> str:
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


_RELIGIOUS = frozenset({"father", "mother", "brother", "sister"})  # "my father" is not Father Flynn
