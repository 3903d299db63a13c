"""Where the names are: every form found again in the text with one regex (``Mention`` spans), and the
he/she that follows a name, which votes for its sex."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict

from fabula.characters.cluster import Form
from fabula.characters.detect import (
    is_honorific,
)
from fabula.lexicon import NAME_PARTICLES as _PARTICLES
from fabula.model import Story

_PRONOUN_RE = re.compile(r"\b(?:(he|himself|his)|(she|herself))\b|[.!?\"“”]", re.IGNORECASE)


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


_WEAK_SUBJECT = re.compile(r"\b(?:When|Then|As|While|And|But|So|Now|Presently|Here|At last)\s+$")
_WEAK_PRONOUN_RE = re.compile(r"\b(?:(he|himself|his(?=\s+(?:hands|head|eyes|shoulders)\b))|"
                              r"(she|herself|her(?=\s+(?:hands|head|eyes|shoulders)\b)))\b|\b(?:him|her|them|his)\b|[.!?;\"“”]",
                              re.IGNORECASE)  # an object ("asked her why she was"), another's "his presence" stop the search
# the speech cue of the quote that opens the next paragraph: '... Moze returned. / "Boss, ...," he said.'
_NEXT_CUE_RE = re.compile(r"\s*\n\s*[\"“‘'][^\"“”\n]{1,300}?[,!?.—-]?[\"”’']\s+(?:(he)|(she))\s+[a-z]+", re.IGNORECASE)


# the next sentence opens on the subject's pronoun after a linking word ("Kai shrugs. Then his eyes ...")
_NEXT_OWNER_RE = re.compile(r"[ \t]+(?:Then|And|But|Now|Still|So)\s+(?:(he|his)|(she|her))\b")

_DETERMINED = re.compile(r"\b[Tt]he\s+(?:[a-z][\w-]*\s+)?$")
# '"...," muttered Snake Anson', a name a past-tense verb follows ("Moze returned")
_CUE_BEFORE = re.compile(r"[,!?][\"”’']\s+[a-z]+\s+$")
_VERB_AFTER = re.compile(r"\s+(?:[a-z]+ed|rose|stood|sat|came|went|ran|took|gave|made|saw|began|felt|knew|thought|"
                         r"spoke|shook|wrung|turned|looked|said|cried|answered|replied)\b")

_POSSESSIVE_AFTER = re.compile(r"['’]s\s+[a-z]+\s")  # "Snake Anson's face looked lean, his lips ..."


def _weak_subject(text: str, start: int, end: int) -> bool:
    """The name acts in its sentence: after a stop or a conjunction, inverted after a speech verb, or a
    verb in the past right after it."""
    before = text[max(0, start - 40) : start]
    if (d := _DETERMINED.search(before)) and not text[start:end].lower().startswith("the"):
        before = before[: d.start()]  # "When the Doctor", "said the steady Doctor"
    before = before[-12:]
    if _SUBJECT_BEFORE.search(before) or _WEAK_SUBJECT.search(before) or _CUE_BEFORE.search(before):
        return True
    if _VERB_AFTER.match(text, end):
        return True
    # "Snake Anson's face": a name's, not "the housekeeper's room"
    return bool(_POSSESSIVE_AFTER.match(text, end)) and text[start:start + 1].isupper() \
        and not text[start:end].lower().startswith("the ")


def weak_votes(text: str, hits, inside_quote, sexed: dict | None = None) -> dict[Form, Counter]:
    """Weaker evidence of sex, for the persons nothing else sexes ("Moze", "the Mem Sahib"): a subject's
    own "her hands" in its sentence, "When the Doctor turned, he", the he/she cue of the quote
    opening the next paragraph when the subject ends its paragraph ("Moze returned. / '...,' he said"),
    and the next sentence's "Then his eyes".  ``sexed``: form -> the sex stronger evidence gives it; the next
    paragraph's "he said" is no vote when the paragraph also names a man ("Dean stared at him. On the
    phone, Jody made a noise." / "'...,' he said": Dean's)."""
    sexed = sexed or {}
    named = sorted((s, f) for s, _, f in hits)  # to find the names of a paragraph by bisection
    starts = [s for s, _ in named]
    votes: dict[Form, Counter] = defaultdict(Counter)
    for start, end, form in hits:
        if inside_quote(start):
            continue
        if not _weak_subject(text, start, end):
            continue
        m = _WEAK_PRONOUN_RE.search(text, end, min(len(text), end + 100))
        if m and (m.group(1) or m.group(2)):
            votes[form]["M" if m.group(1) else "F"] += 1
            continue
        if m and m.group() in ".!?" and (c := _NEXT_CUE_RE.match(text, m.end())) \
                and "\n" not in text[end : m.start()]:
            sex = "M" if c.group(1) else "F"
            par = text.rfind("\n", 0, start) + 1
            here = named[bisect_left(starts, par) : bisect_left(starts, start)]
            if not any(f2 != form and sexed.get(f2) == sex for _, f2 in here):
                votes[form][sex] += 1
        elif m and m.group() in ".!?" and (c := _NEXT_OWNER_RE.match(text, m.end())) \
                and "\n" not in text[end : m.start()]:
            votes[form]["M" if c.group(1) else "F"] += 1  # "Kai shrugs. Then his eyes find me"
    return votes


def visible(form: Form) -> Form:
    """The form without the ``#k`` that tells local characters of one description apart."""
    return tuple(t for t in form if not t.startswith("#"))


def display(form: Form) -> str:
    return " ".join(visible(form))


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
