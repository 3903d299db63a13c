"""Build NAME.txt and NAME.gold.json from an annotated source (NAME.marked.txt).

Offsets are computed here, never by hand. Markup (stripped from the output text):
  #title T / #char ID|Name|alias;alias|F|mentioned(0/1)    header lines, then a line '%%%'
  ⟦q SPK>A1,A2 t cue⟧   right after a quote (t: e/a/i; SPK '?' = uncertain; cue '-' = none)
  ⟦bp why⟧ ... ⟦/bp⟧     boilerplate span
  ⟦seg person narrator pov⟧ ... ⟦/seg⟧   segment (narrator '-' = none)
  ⟦x why⟧               right after quote marks that are not a quote (excluded_quote_marks)
A quote ends at the marker; it starts at its opening mark (the nearest opener before it,
'“' for '”', '*' for '*', else '"'/'“'; a run-on paragraph without a closing mark ends there).
"""
import json, re, sys
from pathlib import Path

MARK = re.compile(r"⟦(/?)(\w+)\s*([^⟧]*)⟧")
TYPES = {"e": "explicit", "a": "anaphoric", "i": "implicit"}


def opener(text, end):
    close = text[end - 1]
    if close == "”":
        return text.rindex("“", 0, end - 1)
    if close in "\"*":
        return text.rindex(close, 0, end - 1)
    return max(text.rfind('"', 0, end), text.rfind("“", 0, end))  # run-on paragraph


def build(marked: Path):
    head, body = marked.read_text(encoding="utf-8").split("\n%%%\n", 1)
    title, chars = None, []
    for line in head.splitlines():
        if line.startswith("#title "):
            title = line[7:].strip()
        elif line.startswith("#char "):
            cid, name, aliases, g, m = line[6:].split("|")
            chars.append({"id": cid, "name": name, "aliases": [a for a in aliases.split(";") if a],
                          "gender": g, "mentioned_only": m.strip() == "1"})
    ids = {c["id"] for c in chars}
    out, pos, bp, seg, quotes, bps, segs, excl = [], 0, [], [], [], [], [], []
    text = ""
    for m in MARK.finditer(body):
        text += body[pos:m.start()]
        pos = m.end()
        slash, kind, arg = m.groups()
        n = len(text)
        if kind == "bp":
            if slash:
                s, why = bp.pop()
                bps.append({"start": s, "end": n, "text": text[s:n], "why": why})
            else:
                bp.append((n, arg.strip()))
        elif kind == "seg":
            if slash:
                s, a = seg.pop()
                person, narr, pov = a.split()
                segs.append({"start": s, "end": n, "person": person,
                             "narrator": None if narr == "-" else narr, "pov": pov})
            else:
                seg.append((n, arg))
        elif kind == "x":
            s = opener(text, n)
            excl.append({"start": s, "end": n, "text": text[s:n], "why": arg.strip()})
        elif kind == "q":
            who, t, *cue = arg.split(" ", 2)
            spk, addr = who.split(">")
            addr = [a for a in addr.split(",") if a]
            cue = cue[0].strip() if cue else "-"
            s = opener(text, n)
            assert s >= 0 and "\n" not in text[s:n], (marked, text[max(0, s):n])
            q = {"id": f"Q{len(quotes) + 1}", "start": s, "end": n, "text": text[s:n],
                 "speaker": None if spk == "?" else spk, "addressees": addr,
                 "type": TYPES[t], "cue": None if cue == "-" else cue}
            if spk == "?":
                q["uncertain"] = True
            assert all(a in ids for a in addr) and (spk == "?" or spk in ids), q
            if q["cue"]:
                para_start = text.rfind("\n", 0, s) + 1
                para_end = body.find("\n", pos)
                para = text[para_start:] + MARK.sub("", body[pos:para_end if para_end >= 0 else None])
                prev = text[text.rfind("\n", 0, max(para_start - 2, 0)) + 1:para_start]
                assert q["cue"] in para or q["cue"] in prev, (marked.name, q["id"], q["cue"])
            quotes.append(q)
    text += body[pos:]
    assert not bp and not seg
    for q in quotes:
        assert text[q["start"]:q["end"]] == q["text"]
    gold = {"title": title, "boilerplate": bps, "characters": chars, "segments": segs, "quotes": quotes}
    if excl:
        gold["excluded_quote_marks"] = excl
    name = marked.name.replace(".marked.txt", "")
    outdir = marked.resolve().parent.parent
    (outdir / f"{name}.txt").write_text(text, encoding="utf-8")
    (outdir / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    from collections import Counter
    print(name, len(text.split()), "words", len(quotes), "quotes", dict(Counter(q["type"] for q in quotes)),
          sum(1 for q in quotes if q.get("uncertain")), "uncertain")


if __name__ == "__main__":
    for p in sys.argv[1:]:
        build(Path(p))
