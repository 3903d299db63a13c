"""Draw a story's emotion arc (valence and four basic emotions) to a PNG.

    FABULA_NLP_CACHE=/work/nlp-cache python scripts/plot_arc.py ../shared/data/pdnc/PrideAndPrejudice/novel_text.txt \
        --title "Pride and Prejudice" --out docs/emotion-arc.png

matplotlib is a development tool here (``pip install matplotlib``), not a dependency of fabula.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

import fabula
from fabula.pipeline import REGISTRY, Context, Pipeline


def emotion_of(path: Path):
    Pipeline(["structure"])  # loads the stage modules
    if "characters" in REGISTRY:
        names = ["structure", "nlp", "quotes", "characters", "emotion"]
        return fabula.analyze(path, stages=names)
    story = fabula.analyze(path, stages=["structure", "nlp", "quotes"])
    return REGISTRY["emotion"](dataclasses.replace(story, characters=()), Context())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--out", type=Path, default=Path("docs/emotion-arc.png"))
    ap.add_argument("--title", default=None)
    args = ap.parse_args()
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("plot_arc.py needs matplotlib: pip install matplotlib", file=sys.stderr)
        return 2
    story = emotion_of(args.path)
    arc = story.emotion["story"]
    xs = [100 * (i + 0.5) / arc["points"] for i in range(arc["points"])]
    span = (story.paragraphs[0].start, story.paragraphs[-1].end)

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6), sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    top.axhline(0, color="#999", lw=0.8)
    top.fill_between(xs, arc["valence"], 0, where=[v >= 0 for v in arc["valence"]], color="#4c9f70", alpha=0.35, interpolate=True)
    top.fill_between(xs, arc["valence"], 0, where=[v < 0 for v in arc["valence"]], color="#c0504d", alpha=0.35, interpolate=True)
    top.plot(xs, arc["valence"], color="#333", lw=1.6)
    top.set_ylabel("valence (VADER)")
    top.set_title(args.title or story.title or args.path.stem)
    for name, colour in (("joy", "#e6a700"), ("sadness", "#3b6fb6"), ("fear", "#7b4fa0"), ("anger", "#c0392b")):
        bottom.plot(xs, arc["emotions"][name], label=name, color=colour, lw=1.4)
    bottom.set_ylabel("words per 100")
    bottom.set_xlabel("story position (%)")
    bottom.legend(loc="upper right", ncol=4, fontsize=8, frameon=False)
    for ch in story.chapters[1:]:
        x = 100 * (ch.start - span[0]) / max(1, span[1] - span[0])
        for ax in (top, bottom):
            ax.axvline(x, color="#ddd", lw=0.5, zorder=0)
    bottom.set_xlim(0, 100)
    fig.tight_layout()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(args.out, dpi=110)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
