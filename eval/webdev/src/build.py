#!/usr/bin/env python3
"""Build NAME.txt + NAME.gold.json from a marked source (offsets computed, never typed).

Marked source: a JSON header (title, characters), a line '---', then the chapter text with
  [[B:why]]...[[/B]]          boilerplate span
  [[S:person:narrator:pov]]   segment start ('-' = null); [[/S]] ends it
  [[Q:spk>a1,a2:t:cue]]"..."[[/Q]]   quote (t = e/a/i; spk '?' = uncertain; cue '' = none)
  [[X:why]]                   an excluded quote mark follows
A [[Q]] moves forward to the next double opening mark in its line; before a double-quoted span it ("..." or “...”) may omit [[/Q]]: it closes at the next closing mark.
Usage: build.py src/NAME.marked  (writes ../NAME.txt and ../NAME.gold.json)
"""
import json, re, sys
from pathlib import Path

TYPES = {"e": "explicit", "a": "anaphoric", "i": "implicit"}
TAG = re.compile(r"\[\[(/?[BSQX])(?::([^\]]*))?\]\]")


def build(src):
    head, body = src.read_text(encoding="utf-8").split("\n---\n", 1)
    meta = json.loads(head)
    body = re.sub(r"(\[\[Q:[^\]]*\]\])([^“\"'‘\[\n][^“\"\[\n]*?)([“\"])", r"\2\1\3", body)
    body = re.sub(r'(\[\[Q:[^\]]*\]\]"[^"\n]*")(?!\[\[/Q\]\])', r"\1[[/Q]]", body)
    body = re.sub(r'(\[\[Q:[^\]]*\]\]“[^”\n]*”)(?!\[\[/Q\]\])', r"\1[[/Q]]", body)
    out, pos, open_ = [], 0, {}
    bp, segs, quotes, excl = [], [], [], []
    n = 0
    for m in TAG.finditer(body):
        out.append(body[pos:m.start()]); pos = m.end()
        off = sum(map(len, out))
        kind, arg = m.group(1), m.group(2)
        if kind in ("B", "Q"):
            assert kind not in open_, (kind, body[m.start() - 80:m.end()])
            open_[kind] = (off, arg)
        elif kind == "S":
            p, nar, pov = arg.split(":")
            open_["S"] = (off, (p, None if nar == "-" else nar, None if pov == "-" else pov))
        elif kind == "X":
            excl.append({"offset": off, "why": arg})
        elif kind == "/B":
            s, why = open_.pop("B"); bp.append({"start": s, "end": off, "why": why})
        elif kind == "/S":
            s, (p, nar, pov) = open_.pop("S")
            segs.append({"start": s, "end": off, "person": p, "narrator": nar, "pov": pov})
        elif kind == "/Q":
            s, a = open_.pop("Q")
            who, t, cue = a.split(":", 2)
            spk, _, adr = who.partition(">")
            n += 1
            q = {"id": f"Q{n}", "start": s, "end": off, "speaker": None if spk == "?" else spk,
                 "addressees": [x for x in adr.split(",") if x], "type": TYPES[t], "cue": cue or None}
            if spk == "?":
                q["uncertain"] = True
            quotes.append(q)
    out.append(body[pos:])
    text = "".join(out)
    assert not open_, open_
    for b in bp:
        b["text"] = text[b["start"]:b["end"]]
    ids = {c["id"] for c in meta["characters"]}
    for q in quotes:
        q["text"] = text[q["start"]:q["end"]]
        assert q["text"][0] in "\"'“‘" and (q["text"][-1] in "\"'”’" or text[q["end"]:q["end"] + 1] == "\n"), q
        assert q["speaker"] in ids | {None} and set(q["addressees"]) <= ids, q
        assert q["speaker"] not in q["addressees"] or q["speaker"] is None, q
    for e in excl:
        assert text[e["offset"]] in "\"'“‘”’", e
    order = ["id", "start", "end", "text", "speaker", "addressees", "type", "cue"]
    quotes = [{k: q[k] for k in order + (["uncertain"] if q.get("uncertain") else [])} for q in quotes]
    gold = {"title": meta["title"], "boilerplate": bp, "characters": meta["characters"],
            "segments": segs, "quotes": quotes}
    if excl:
        gold["excluded_quote_marks"] = excl
    name = src.stem
    (src.parent.parent / f"{name}.txt").write_text(text, encoding="utf-8")
    (src.parent.parent / f"{name}.gold.json").write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    from collections import Counter
    print(name, len(text.split()), "words", len(quotes), "quotes", dict(Counter(q["type"] for q in quotes)))


if __name__ == "__main__":
    for a in sys.argv[1:]:
        build(Path(a).resolve())
