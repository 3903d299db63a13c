"""Sanity checks on fabula's JSON for whole books nobody annotated: what a reader would call broken.

Run fabula on a folder of novels first (e.g. a loop of ``fabula analyze BOOK -o OUT/json/NAME.json``
under ``/usr/bin/time -v -o OUT/time/NAME.time``, stderr to ``OUT/time/NAME.err``), then::

    python scripts/soak.py OUT [--show KIND] [--only NAME]

One line per book (words, words/s, peak MB, chapters, quotes vs opening marks, long quotes, stray
single quotes, unattributed share, first-person rate vs narration) and a table of anomaly counts.
No gold is read: every check compares the output with the book's own text.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
from collections import Counter
from pathlib import Path

LONG_QUOTE = 3000
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_FIRST = re.compile(r"\b(?:I|me|my|myself|mine)\b")
_DOUBLE_OPEN = re.compile(r"“|(?:(?<=^)|(?<=[\s(\[—–-]))\"(?=\S)", re.MULTILINE)
_SINGLE_OPEN = re.compile(r"‘|(?:(?<=^)|(?<=[\s(\[—–-]))'(?=[A-Z])", re.MULTILINE)
_TAG_INSIDE = re.compile(r"[,.!?—-][\"”] (?:said|asked|cried|replied|answered|(?:he|she|I) (?:said|asked|cried|replied))\b")
_OPEN = re.compile(_DOUBLE_OPEN.pattern + "|" + _SINGLE_OPEN.pattern, re.MULTILINE)
_CLOSE = re.compile(r"[”’]|[\"'](?=\s|[,.;:!?]|$)|\n\s*\n")
# An elided word that a quote should never open with: 'tis, 'em, 'ow...
_ELIDED = re.compile(r"[‘'](?:(?i:tis|twas)|em|cause|bout|ave|ere|ow|im|er|ome|alf|ad|e)\b")  # 'Em'ly is a name


def _time(path: Path) -> dict:
    out = {"wall": None, "rss_mb": None, "rc": None}
    if not path.exists():
        return out
    for line in path.read_text().splitlines():
        line = line.strip()
        if line.startswith("Elapsed (wall clock)"):
            parts = [float(x) for x in line.rsplit(" ", 1)[1].split(":")]
            out["wall"] = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
        elif line.startswith("Maximum resident set size"):
            out["rss_mb"] = int(line.rsplit(" ", 1)[1]) / 1024
        elif line.startswith("Exit status"):
            out["rc"] = int(line.rsplit(" ", 1)[1])
    return out


def _outside(text: str, quotes: list[dict], start: int, end: int) -> str:
    """The text of [start, end) with quotes blanked out."""
    pieces, pos = [], start
    for q in quotes:
        if q["end"] <= start or q["start"] >= end:
            continue
        pieces.append(text[pos : max(pos, q["start"])])
        pos = max(pos, q["end"])
    pieces.append(text[pos:end])
    return " ".join(pieces)


def _in_story(doc: dict, pos: int) -> bool:
    """Inside a paragraph (not a heading, title or licence)."""
    paras = doc["_para_starts"]
    i = bisect.bisect_right(paras, pos) - 1
    return i >= 0 and pos < doc["paragraphs"][i]["end"]


def check(doc: dict, name: str) -> tuple[dict, list[str]]:
    """Per-book figures and the anomalies they show (each a ``kind: detail`` line)."""
    text = doc["text"]
    doc["paragraphs"].sort(key=lambda p: p["start"])
    doc["_para_starts"] = [p["start"] for p in doc["paragraphs"]]
    quotes = sorted(doc["quotes"], key=lambda q: q["start"])
    body_start = min((p["start"] for p in doc["paragraphs"]), default=0)
    body_end = max((p["end"] for p in doc["paragraphs"]), default=len(text))
    body = text[body_start:body_end]
    words = len(_WORD.findall(body))
    n_double = len(_DOUBLE_OPEN.findall(body))
    n_single = len(_SINGLE_OPEN.findall(body))
    marks = max(n_double, n_single)
    found: list[str] = []
    row = {"book": name, "words": words, "chapters": len(doc["chapters"]), "quotes": len(quotes), "marks": marks}

    # quotes: opening marks that no quote covers (a missed speech, or a mention dropped on purpose)
    starts = [q["start"] for q in quotes]
    uncovered = []
    for m in _OPEN.finditer(text, body_start, body_end):
        i = bisect.bisect_right(starts, m.start()) - 1
        if not (i >= 0 and quotes[i]["start"] <= m.start() < quotes[i]["end"]) and _in_story(doc, m.start()):
            close = _CLOSE.search(text, m.end(), min(body_end, m.end() + 400))
            said = len(_WORD.findall(text[m.end() : close.start() if close else m.end() + 400]))
            if said > 4:  # short ones are mentions (a "case"), dropped on purpose
                uncovered.append(m.start())
    row["uncovered"] = len(uncovered)
    if len(uncovered) >= 5:
        found.append(f"quote_recall: {len(uncovered)} of {marks} opening marks (before 5+ words) in no quote, e.g. "
                     + "; ".join(f"{p} {text[max(0, p - 30):p + 30]!r}" for p in uncovered[:: max(1, len(uncovered) // 6)][:6]))
    # a quote with a speech tag inside it: straight marks paired out of step
    for q in quotes:
        m = _TAG_INSIDE.search(text, q["start"] + 1, q["end"] - 1)
        if m:
            found.append(f"tag_inside: {q['id']} {q['start']}-{q['end']} {text[max(q['start'], m.start() - 30):m.end() + 10]!r}")
    # a long quote left open that the next paragraph does not carry on: it swallowed narration
    para_starts = sorted(p["start"] for p in doc["paragraphs"])
    for q in quotes:
        if q["end"] - q["start"] <= LONG_QUOTE or text[q["end"] - 1] in "”\"’'":
            continue
        k = bisect.bisect_right(para_starts, q["end"])
        nxt = text[para_starts[k] : para_starts[k] + 1] if k < len(para_starts) else ""
        if nxt not in ("“", '"', "‘", "'"):
            found.append(f"long_quote: {q['id']} {q['start']}-{q['end']} ({q['end'] - q['start']} chars) "
                         f"{text[q['start']:q['start'] + 60]!r}")
    elided = [q for q in quotes if _ELIDED.match(text, q["start"])]
    for q in elided:
        found.append(f"apostrophe_quote: {q['id']} {q['start']} {text[q['start']:q['start'] + 50]!r}")
    no_speaker = sum(1 for q in quotes if not q.get("speaker"))
    row["unattributed"] = round(no_speaker / len(quotes), 3) if quotes else 0.0
    if len(quotes) >= 50 and no_speaker > 0.10 * len(quotes):
        found.append(f"unattributed: {no_speaker}/{len(quotes)} quotes without a speaker")

    # chapters
    n_ch = len(doc["chapters"])
    if words > 30_000 and n_ch <= 1:
        found.append(f"no_chapters: {n_ch} chapter(s) in {words} words")
    if n_ch > 5 and words / n_ch < 500:
        found.append(f"tiny_chapters: {n_ch} chapters, {words // n_ch} words each")
    heading_lines = len(re.findall(r"(?im)^\s*(?:chapter|letter)\s+[\divxlc]+\b", body))
    if heading_lines >= 3 and abs(heading_lines - n_ch) > max(2, 0.2 * heading_lines):
        found.append(f"chapter_count: {n_ch} chapters for {heading_lines} 'Chapter N' lines")
    for ch in doc["chapters"]:
        n = len(_WORD.findall(text[ch["start"] : ch["end"]]))
        if words > 20_000 and n > 0.6 * words and n_ch > 1:
            found.append(f"giant_chapter: {ch['title']!r} {ch['start']}-{ch['end']} has {n} of {words} words")

    # boilerplate that is not a heading, a title or the Gutenberg licence
    removed = Counter()
    for b in doc["boilerplate"]:
        removed[b["kind"]] += b["end"] - b["start"]
        span = text[b["start"] : b["end"]]
        if b["kind"] not in ("heading", "license", "title") and b["end"] - b["start"] > 300:
            found.append(f"boilerplate: {b['kind']} {b['start']}-{b['end']} {span[:60]!r}")
    inside = sum(v for k, v in removed.items() if k not in ("license",))
    row["boiler_pct"] = round(100 * inside / max(1, len(text)), 1)

    # narration person: first-person pronouns outside quotes vs the segments' person
    outside = _outside(text, quotes, body_start, body_end)
    nw = max(1, len(_WORD.findall(outside)))
    rate = 1000 * len(_FIRST.findall(outside)) / nw
    first_chars = sum(s["end"] - s["start"] for s in doc["segments"] if s["person"] == "first")
    seg_chars = max(1, sum(s["end"] - s["start"] for s in doc["segments"]))
    row["I_rate"] = round(rate, 1)
    row["first_share"] = round(first_chars / seg_chars, 2)
    if rate >= 20 and first_chars < 0.5 * seg_chars:
        found.append(f"person: I-rate {rate:.1f}/1000 outside quotes but {first_chars / seg_chars:.0%} first person")
    if rate < 4 and first_chars > 0.3 * seg_chars:
        found.append(f"person: I-rate {rate:.1f}/1000 outside quotes but {first_chars / seg_chars:.0%} first person")
    for ch in doc["chapters"]:
        out_ch = _outside(text, quotes, ch["start"], ch["end"])
        nwc = len(_WORD.findall(out_ch))
        if nwc < 1000:
            continue
        r = 1000 * len(_FIRST.findall(out_ch)) / nwc
        segs = [s for s in doc["segments"] if s["start"] < ch["end"] and s["end"] > ch["start"]]
        fc = sum(min(s["end"], ch["end"]) - max(s["start"], ch["start"]) for s in segs if s["person"] == "first")
        share = fc / max(1, ch["end"] - ch["start"])
        if (r >= 25 and share < 0.3) or (r < 3 and share > 0.5):
            found.append(f"chapter_person: {ch['title']!r} {ch['start']}-{ch['end']} I-rate {r:.1f} first {share:.0%}")
    return row, found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="folder with json/ and time/")
    ap.add_argument("--show", help="print the anomalies of this kind (or 'all')")
    ap.add_argument("--only", help="books whose name contains this")
    args = ap.parse_args(argv)
    kinds: Counter = Counter()
    books: Counter = Counter()
    rows = []
    names = sorted({p.stem for p in (args.out / "time").glob("*.time")} | {p.stem for p in (args.out / "json").glob("*.json")})
    for name in names:
        if args.only and args.only not in name:
            continue
        t = _time(args.out / "time" / f"{name}.time")
        err = args.out / "time" / f"{name}.err"
        jpath = args.out / "json" / f"{name}.json"
        found = []
        if err.exists() and err.read_text().strip():
            found.append(f"error: {err.read_text().strip().splitlines()[-1][:160]}")
        if t["rc"] is None and not jpath.exists():
            continue  # still running
        if t["rc"] not in (0, None) or not jpath.exists():
            found.append(f"error: exit {t['rc']}, json {'present' if jpath.exists() else 'missing'}")
            row = {"book": name}
        else:
            row, more = check(json.loads(jpath.read_text()), name)
            found += more
            row["wps"] = round(row["words"] / t["wall"]) if t["wall"] else None
            row["rss_mb"] = round(t["rss_mb"]) if t["rss_mb"] else None
            if t["rss_mb"] and t["rss_mb"] > 1500:
                found.append(f"memory: {t['rss_mb']:.0f} MB peak")
        rows.append((row, t))
        for f in found:
            kinds[f.split(":", 1)[0]] += 1
        for k in {f.split(":", 1)[0] for f in found}:
            books[k] += 1
        if args.show:
            for f in found:
                if args.show == "all" or f.startswith(args.show):
                    print(f"{name[:40]:40} {f}")
    walls = sorted(r["wps"] for r, _ in rows if r.get("wps"))
    if walls:
        median = walls[len(walls) // 2]
        for r, _ in rows:
            if r.get("wps") and r["words"] > 20_000 and r["wps"] < median / 3:
                kinds["slow"] += 1
                books["slow"] += 1
                if args.show in ("all", "slow"):
                    print(f"{r['book'][:40]:40} slow: {r['wps']} words/s (median {median})")
    if not args.show:
        cols = ["words", "wps", "rss_mb", "chapters", "quotes", "marks", "uncovered", "unattributed", "I_rate", "first_share", "boiler_pct"]
        print(f"{'book':40} " + " ".join(f"{c[:8]:>8}" for c in cols))
        for r, _ in rows:
            print(f"{r['book'][:40]:40} " + " ".join(f"{str(r.get(c, '-')):>8}" for c in cols))
    print("\nanomaly            found  books")
    for k in sorted(kinds):
        print(f"{k:18} {kinds[k]:6} {books[k]:6}")
    print(f"{'(books checked)':18} {len(rows):6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
