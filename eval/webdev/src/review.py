"""Print each gold quote with its paragraph, speaker name, addressees and type, for proofreading."""
import json, sys
for path in sys.argv[1:]:
    g = json.load(open(path)); t = open(path.replace(".gold.json", ".txt")).read()
    names = {c["id"]: c["name"].split()[0] for c in g["characters"]}
    last = None
    for q in g["quotes"]:
        ps = t.rfind("\n", 0, q["start"]) + 1; pe = t.find("\n", q["end"]); pe = len(t) if pe < 0 else pe
        if ps != last:
            print("\n  |", t[ps:pe][:300].replace("\n", " / "))
            last = ps
        print(f"  {q['id']:>4} {names.get(q['speaker'], '??'):>8} > {','.join(names[a] for a in q['addressees']):<24} {q['type'][:4]} {q['text'][:50]!r}")
