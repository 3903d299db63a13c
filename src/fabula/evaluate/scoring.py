"""Scoring one prediction (a story as JSON-like dict) against one gold work.

The rules follow the independent scorer ``shared/hooks/score_quotes.py`` exactly, so that both
give the same figures: predicted characters are mapped to gold ones by name votes; a gold quote
is found when any predicted quote overlaps any of its spans, and the predicted quote overlapping
its first span most is the one whose speaker and addressees count.  We keep raw counts so
totals over many works can be micro-averaged.

When the gold gives coreference mention spans (LitBank, ``work.meta["mentions"]``) speakers are
also scored by mention overlap (:func:`map_by_mentions`, the rule is described in
``fabula.evaluate.litbank``); those figures carry a ``_mentions`` suffix and exist only then, so
PDNC and gold-JSON results are exactly the independent scorer's.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from fabula.evaluate.gold import MAJOR_CATEGORIES, GoldWork, norm

QUOTE_TYPES = ("explicit", "anaphoric", "implicit")


@dataclass
class Counts:
    """Raw counts for one work (or summed over many)."""

    quotes: int = 0
    found: int = 0
    correct: int = 0
    named: int = 0  # gold quotes whose speaker is a known character (PDNC: a resolvable name; LitBank: named)
    by_type: dict[str, list[int]] = field(default_factory=dict)  # type -> [n, correct]
    addressed: int = 0
    addressee_ok: int = 0
    predicted_quotes: int = 0
    predicted_matched: int = 0
    gold_major: int = 0
    gold_major_found: int = 0
    predicted_characters: int = 0
    # speakers judged by mention overlap (only when the gold has mention spans: LitBank)
    mention_works: int = 0  # works scored this way (all of their quotes are)
    correct_mentions: int = 0
    correct_named_mentions: int = 0
    gold_major_found_mentions: int = 0

    def add(self, other: "Counts") -> "Counts":
        for name in ("quotes", "found", "correct", "named", "addressed", "addressee_ok", "predicted_quotes",
                     "predicted_matched", "gold_major", "gold_major_found", "predicted_characters",
                     *_MENTION_FIELDS):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for t, (n, c) in other.by_type.items():
            mine = self.by_type.setdefault(t, [0, 0])
            mine[0] += n
            mine[1] += c
        return self

    def metrics(self) -> dict:
        """The figures (ratios) these counts give; a ratio over nothing is None."""
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        out = {
            "quotes": self.quotes,
            "speaker_accuracy": ratio(self.correct, self.quotes),
            "speaker_accuracy_named": ratio(self.correct, self.named),
            "by_type": {t: {"n": n, "accuracy": ratio(c, n)} for t, (n, c) in sorted(self.by_type.items())},
            "quote_recall": ratio(self.found, self.quotes),
            "quote_precision": ratio(self.predicted_matched, self.predicted_quotes),
            "predicted_quotes": self.predicted_quotes,
            "addressee_accuracy": ratio(self.addressee_ok, self.addressed),
            "addressed_quotes": self.addressed,
            "character_recall": ratio(self.gold_major_found, self.gold_major),
            "gold_characters": self.gold_major,
            "predicted_characters": self.predicted_characters,
        }
        if self.mention_works:
            out["speaker_accuracy_mentions"] = ratio(self.correct_mentions, self.quotes)
            out["speaker_accuracy_named_mentions"] = ratio(self.correct_named_mentions, self.named)
            out["character_recall_mentions"] = ratio(self.gold_major_found_mentions, self.gold_major)
        return out

    def to_dict(self) -> dict:
        """The raw counts; the mention counts only when there are any (PDNC output stays as it was)."""
        return {k: (dict(sorted(v.items())) if isinstance(v, dict) else v) for k, v in self.__dict__.items()
                if k not in _MENTION_FIELDS or self.mention_works}


_MENTION_FIELDS = ("mention_works", "correct_mentions", "correct_named_mentions", "gold_major_found_mentions")


def character_names(pc: dict) -> list[str]:
    return [pc.get("name") or ""] + list(pc.get("aliases") or [])


def map_characters(pred_chars: list[dict], work: GoldWork) -> dict[str, str | None]:
    """Each predicted character id -> the gold character its names point at most (main name: 3 votes)."""
    by_name: dict[str, list[str]] = {}
    for gid, g in work.characters.items():
        for n in g.names:
            by_name.setdefault(n, []).append(gid)
    mapping = {}
    for pc in pred_chars:
        votes: Counter = Counter()
        for i, n in enumerate(character_names(pc)):
            for gid in by_name.get(norm(n), ()):
                votes[gid] += 3 if i == 0 else 1
        mapping[pc["id"]] = _first_most_common(votes)
    return mapping


def _first_most_common(votes: Counter) -> str | None:
    """``Counter.most_common(1)`` with its tie rule (first inserted wins), made explicit."""
    if not votes:
        return None
    best = max(votes.values())
    return next(g for g in votes if votes[g] == best)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


# how far before a gold span a predicted quote may start and still overlap it (no quote is longer)
LONGEST_QUOTE = 20000


def _overlapping(pq: list[dict], starts: list[int], span: tuple[int, int]):
    """(index, overlap) of each predicted quote (sorted by start, ``starts`` their starts) that overlaps ``span``."""
    i = bisect.bisect_left(starts, span[0] - LONGEST_QUOTE)
    while i < len(pq) and pq[i]["start"] < span[1]:
        ov = _overlap(span, (pq[i]["start"], pq[i]["end"]))
        if ov > 0:
            yield i, ov
        i += 1


def map_by_mentions(pred_mentions, gold_mentions) -> dict[str, str]:
    """Each predicted character id -> the gold entity its mentions overlap most.

    ``pred_mentions``: (start, end, character id); ``gold_mentions``: (start, end, entity id).
    Every predicted mention votes once, for the entity of the gold mention it overlaps with the
    highest overlap/union (gold mentions nest: "Tommy" inside "Tommy's father" must vote for
    Tommy); most votes wins, a tie goes to the entity voted for first.  Characters none of whose
    mentions overlap a gold mention are left out (the caller falls back to names).
    """
    gold = sorted(gold_mentions)
    starts = [g[0] for g in gold]
    longest = max((e - s for s, e, _ in gold), default=0)
    votes: dict[str, Counter] = {}
    for s, e, cid in sorted(pred_mentions):
        best, best_score = None, 0.0
        j = bisect.bisect_left(starts, e) - 1  # the last gold mention starting before this one ends
        while j >= 0 and starts[j] + longest > s:
            gs, ge, ent = gold[j]
            ov = min(e, ge) - max(s, gs)
            if ov > 0:
                jaccard = ov / (max(e, ge) - min(s, gs))
                if jaccard > best_score:
                    best, best_score = ent, jaccard
            j -= 1
        if best is not None:
            votes.setdefault(cid, Counter())[best] += 1
    return {cid: _first_most_common(v) for cid, v in sorted(votes.items())}


_FIRST_PERSON = re.compile(r"\b(?:I|[Mm](?:e|y|ine|yself))\b")


def narrator_mentions(text: str, pred: dict) -> list[tuple[int, int, str]]:
    """A first-person narrator's mentions: the I/me/my outside quotes of the segments it narrates.

    fabula marks who narrates a stretch (``segments[].narrator``) but not the pronouns themselves;
    saying so is what lets a narrator be matched to a coreference entity, whose mentions are
    mostly these pronouns.
    """
    quotes = sorted((q["start"], q["end"]) for q in pred.get("quotes") or [])
    qstarts = [q[0] for q in quotes]
    out = []
    for seg in pred.get("segments") or []:
        who = seg.get("narrator")
        if not who:
            continue
        for m in _FIRST_PERSON.finditer(text, seg["start"], seg["end"]):
            i = bisect.bisect_right(qstarts, m.start()) - 1
            if i >= 0 and m.start() < quotes[i][1]:
                continue
            out.append((m.start(), m.end(), who))
    return out


def mention_mapping(work: GoldWork, pred: dict, by_names: dict[str, str | None]) -> dict[str, str | None]:
    """Predicted character id -> gold entity by mention overlap, else by names (``by_names``)."""
    pm = [(m["start"], m["end"], m["character"]) for m in pred.get("mentions") or []]
    mapped = map_by_mentions(pm + narrator_mentions(work.text, pred), work.meta["mentions"])
    return {pc["id"]: mapped.get(pc["id"], by_names.get(pc["id"])) for pc in pred.get("characters") or []}


def score(work: GoldWork, pred: dict) -> Counts:
    """Count how ``pred`` (``characters`` and ``quotes`` as in fabula's JSON) fares against ``work``."""
    pred_chars = pred.get("characters") or []
    cmap = map_characters(pred_chars, work)
    mmap = mention_mapping(work, pred, cmap) if work.meta.get("mentions") is not None else None
    names_of = {pc["id"]: {norm(n) for n in character_names(pc)} - {""} for pc in pred_chars}
    pq = sorted(pred.get("quotes") or [], key=lambda q: q["start"])
    starts = [q["start"] for q in pq]
    c = Counts(predicted_quotes=len(pq), predicted_characters=len(pred_chars), mention_works=int(mmap is not None))
    matched: set[int] = set()
    for gq in work.quotes:
        t = gq.type
        c.quotes += 1
        c.named += gq.speaker in work.characters
        bucket = c.by_type.setdefault(t, [0, 0])
        bucket[0] += 1
        first = gq.spans[0]
        best, best_ov = None, 0
        for span in gq.spans:
            for i, ov in _overlapping(pq, starts, span):
                matched.add(i)
                if span == first and ov > best_ov:
                    best, best_ov = pq[i], ov
                elif best is None:
                    best, best_ov = pq[i], ov
        if best is None:
            continue
        c.found += 1
        speaker = best.get("speaker")
        if mmap is not None and speaker is not None and gq.speaker is not None and mmap.get(speaker) == gq.speaker:
            c.correct_mentions += 1
            c.correct_named_mentions += gq.speaker in work.characters
        if speaker is not None and gq.speaker is not None:
            if work.match_by_names:
                gold = work.characters.get(gq.speaker)
                ok = gold is not None and bool(names_of.get(speaker, set()) & gold.names)
            else:
                ok = cmap.get(speaker) == gq.speaker
            if ok:
                c.correct += 1
                bucket[1] += 1
        if gq.addressees:
            c.addressed += 1
            predicted = {cmap.get(a) for a in best.get("addressees") or []} - {None}
            if predicted & gq.addressees:
                c.addressee_ok += 1
    for span in work.unscored:  # a prediction on a quote the gold does not score is no false positive
        matched.update(i for i, _ in _overlapping(pq, starts, span))
    c.predicted_matched = len(matched)
    mapped = set(cmap.values()) - {None}
    major = [gid for gid, g in work.characters.items() if g.category in MAJOR_CATEGORIES]
    c.gold_major = len(major)
    c.gold_major_found = sum(1 for g in major if g in mapped)
    if mmap is not None:
        mapped_m = set(mmap.values()) - {None}
        c.gold_major_found_mentions = sum(1 for g in major if g in mapped_m)
    return c


def macro(per_work: list[dict]) -> dict:
    """The unweighted mean over works of each ratio (works where it is undefined are left out)."""
    keys = ["speaker_accuracy", "speaker_accuracy_named", "quote_recall", "quote_precision", "addressee_accuracy",
            "character_recall"]
    keys += [k for k in ("speaker_accuracy_mentions", "speaker_accuracy_named_mentions", "character_recall_mentions")
             if any(k in m for m in per_work)]
    out = {}
    for k in keys:
        vals = [m[k] for m in per_work if m.get(k) is not None]
        out[k] = round(sum(vals) / len(vals), 4) if vals else None
    types = sorted({t for m in per_work for t in m.get("by_type", {})})
    out["by_type"] = {}
    for t in types:
        vals = [m["by_type"][t]["accuracy"] for m in per_work if m.get("by_type", {}).get(t, {}).get("accuracy") is not None]
        out["by_type"][t] = round(sum(vals) / len(vals), 4) if vals else None
    return out
