"""A readable summary for a terminal (rich formatting when stdout is one).

Facts about the text first, then the cast (who is there, who narrates, who speaks how much)
and the emotion arc as a one-line sparkline, so ``fabula analyze story.txt -f text`` answers
"what is in this story?" at a glance.
"""

from __future__ import annotations

import io
import sys
from collections import Counter

from fabula.export import writer
from fabula.model import Story

BARS = "▁▂▃▄▅▆▇█"
CAST_ROWS = 25  # the rest of a long cast is summed up in one line


def summary_lines(story: Story) -> list[tuple[str, str]]:
    words = sum(len(story.text[p.start : p.end].split()) for p in story.paragraphs)
    kinds = Counter(b.kind for b in story.boilerplate)
    rows = [
        ("title", story.title or "—"),
        ("source", f"{story.source.path or '<text>'} ({story.source.format}, {story.source.encoding})"),
        ("words", f"{words:,}"),
        ("chapters", str(len(story.chapters))),
        ("scenes", str(len(story.scenes))),
        ("paragraphs", str(len(story.paragraphs))),
        ("sentences", str(len(story.sentences))),
        ("boilerplate", ", ".join(f"{k} ×{n}" for k, n in sorted(kinds.items())) or "none"),
        ("quotes", str(len(story.quotes))),
        ("characters", str(len(story.characters))),
    ]
    if story.conversations:
        rows.append(("conversations", str(len(story.conversations))))
    voices = narration(story)
    if voices:
        rows.append(("narration", voices))
    arc = emotion_arc(story)
    if arc:
        rows.append(("emotion arc", sparkline(arc)))
    top = main_emotions(story)
    if top:
        rows.append(("main emotions", ", ".join(top)))
    return rows


def main_emotions(story: Story, n: int = 3) -> list[str]:
    """The emotions with the most weight over the whole story arc, strongest first."""
    emo = story.emotion if isinstance(story.emotion, dict) else {}
    whole = emo.get("story") if isinstance(emo.get("story"), dict) else {}
    series = whole.get("emotions") if isinstance(whole.get("emotions"), dict) else {}
    totals = {str(name): sum(v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool))
              for name, values in series.items() if isinstance(values, (list, tuple))}
    return [name for name, total in sorted(totals.items(), key=lambda t: (-t[1], t[0])) if total > 0][:n]


def narration(story: Story) -> str:
    """Who tells the story, by words told: ``first person: Ann 1,200 words, Bob 300 words``."""
    told: dict[tuple[str, str], int] = {}
    for seg in story.segments:
        who = seg.narrator or seg.pov
        c = story.character(who) if who else None
        kind = f"{seg.person} person" + (", point of view" if seg.person == "third" and seg.pov else "")
        key = (kind, c.name if c else (who or ""))
        told[key] = told.get(key, 0) + len(story.text[seg.start : seg.end].split())
    by_kind: dict[str, list[str]] = {}
    for (kind, name), words in sorted(told.items(), key=lambda t: (-t[1], t[0])):
        by_kind.setdefault(kind, []).append(f"{name} {words:,} words" if name else f"{words:,} words")
    return "; ".join(f"{kind}: {', '.join(parts)}" for kind, parts in by_kind.items())


def sparkline(values: list[float], width: int = 48) -> str:
    """``values`` averaged into at most ``width`` buckets, each drawn as one of ▁▂▃▄▅▆▇█."""
    values = [float(v) for v in values]
    if not values:
        return ""
    if len(values) > width:
        n = len(values)
        values = [sum(values[i * n // width : (i + 1) * n // width]) / max(1, (i + 1) * n // width - i * n // width)
                  for i in range(width)]
    lo, hi = min(values), max(values)
    if hi - lo < 1e-12:
        return BARS[len(BARS) // 2 - 1] * len(values)
    return "".join(BARS[min(len(BARS) - 1, int((v - lo) / (hi - lo) * len(BARS)))] for v in values)


def emotion_arc(story: Story) -> list[float]:
    """The story's valence series, if the emotion layer has one."""
    emo = story.emotion if isinstance(story.emotion, dict) else {}
    whole = emo.get("story") if isinstance(emo.get("story"), dict) else {}
    series = whole.get("valence")
    if isinstance(series, (list, tuple)) and series and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in series):
        return [float(v) for v in series]
    return []


def speaker_counts(story: Story) -> list[tuple[str, int]]:
    """(speaker name, quotes) from the quotes layer, most first; unattributed quotes last."""
    counts = Counter(q.speaker for q in story.quotes)
    named = sorted(((story.character(cid).name if story.character(cid) else cid, n)
                    for cid, n in counts.items() if cid), key=lambda t: (-t[1], t[0]))
    if counts.get(None):
        named.append(("(unattributed)", counts[None]))
    return named


def cast_rows(story: Story) -> list[tuple[str, str, str, str, str, str]]:
    """(name, aliases, gender, mentions, quotes, narrator mark) for each character, busiest first."""
    spoken = Counter(q.speaker for q in story.quotes if q.speaker)
    ranked = sorted(story.characters, key=lambda c: (-c.mentions - (spoken.get(c.id) or c.quotes), c.name, c.id))
    return [(c.name, ", ".join(a for a in c.aliases if a != c.name), c.gender, f"{c.mentions:,}",
             f"{spoken.get(c.id, 0) if spoken else c.quotes:,}", "✎ narrator" if c.narrator else "") for c in ranked]


def render(story: Story, *, color: bool) -> str:
    from rich.console import Console
    from rich.table import Table

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, color_system="auto" if color else None, width=100)
    table = Table(title=story.title or "fabula", show_header=False, box=None)
    table.add_column(style="bold cyan")
    table.add_column()
    for key, value in summary_lines(story):
        table.add_row(key, value)
    console.print(table)

    rows = cast_rows(story)
    if rows:
        cast = Table(title="cast", title_justify="left", box=None, header_style="bold")
        for name, justify in (("name", "left"), ("aliases", "left"), ("g", "center"), ("mentions", "right"),
                              ("quotes", "right"), ("", "left")):
            cast.add_column(name, justify=justify, overflow="fold")
        for row in rows[:CAST_ROWS]:
            cast.add_row(*row)
        if len(rows) > CAST_ROWS:
            cast.add_row(f"… {len(rows) - CAST_ROWS} more", "", "", "", "", "")
        console.print(cast)

    speakers = speaker_counts(story)
    if speakers and any(name != "(unattributed)" for name, _ in speakers):
        top = max(n for _, n in speakers)
        table = Table(title="quotes by speaker", title_justify="left", box=None, show_header=False)
        table.add_column(overflow="fold")
        table.add_column(justify="right")
        table.add_column()
        for name, n in speakers[:CAST_ROWS]:
            table.add_row(name, f"{n:,}", "█" * max(1, round(24 * n / top)))
        console.print(table)
    return buf.getvalue()


def write_text(story: Story, out) -> None:
    from fabula.io_util import atomic_write

    if out is None:
        sys.stdout.write(render(story, color=sys.stdout.isatty()))
    else:
        atomic_write(out, render(story, color=False))


writer("text", suffix=".txt")(write_text)
