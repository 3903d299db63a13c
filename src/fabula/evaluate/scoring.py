"""Scoring one prediction (a story as JSON-like dict) against one gold work.

The rules follow the independent scorer ``shared/hooks/score_quotes.py`` exactly, so that both
give the same figures: predicted characters are mapped to gold ones by name votes; a gold quote
is found when any predicted quote overlaps any of its spans, and the predicted quote overlapping
its first span most is the one whose speaker and addressees count.  We keep raw counts so
totals over many works can be micro-averaged.
"""

from __future__ import annotations

import bisect
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

    def add(self, other: "Counts") -> "Counts":
        for name in ("quotes", "found", "correct", "named", "addressed", "addressee_ok", "predicted_quotes",
                     "predicted_matched", "gold_major", "gold_major_found", "predicted_characters"):
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

        return {
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

    def to_dict(self) -> dict:
        return {k: (dict(sorted(v.items())) if isinstance(v, dict) else v) for k, v in self.__dict__.items()}


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


def score(work: GoldWork, pred: dict) -> Counts:
    """Count how ``pred`` (``characters`` and ``quotes`` as in fabula's JSON) fares against ``work``."""
    pred_chars = pred.get("characters") or []
    cmap = map_characters(pred_chars, work)
    names_of = {pc["id"]: {norm(n) for n in character_names(pc)} - {""} for pc in pred_chars}
    pq = sorted(pred.get("quotes") or [], key=lambda q: q["start"])
    starts = [q["start"] for q in pq]
    c = Counts(predicted_quotes=len(pq), predicted_characters=len(pred_chars))
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
            i = bisect.bisect_left(starts, span[0] - 20000)
            while i < len(pq) and pq[i]["start"] < span[1]:
                ov = _overlap(span, (pq[i]["start"], pq[i]["end"]))
                if ov > 0:
                    matched.add(i)
                    if span == first and ov > best_ov:
                        best, best_ov = pq[i], ov
                    elif best is None:
                        best, best_ov = pq[i], ov
                i += 1
        if best is None:
            continue
        c.found += 1
        speaker = best.get("speaker")
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
    c.predicted_matched = len(matched)
    mapped = set(cmap.values()) - {None}
    major = [gid for gid, g in work.characters.items() if g.category in MAJOR_CATEGORIES]
    c.gold_major = len(major)
    c.gold_major_found = sum(1 for g in major if g in mapped)
    return c


def macro(per_work: list[dict]) -> dict:
    """The unweighted mean over works of each ratio (works where it is undefined are left out)."""
    keys = ("speaker_accuracy", "speaker_accuracy_named", "quote_recall", "quote_precision", "addressee_accuracy",
            "character_recall")
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
