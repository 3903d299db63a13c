"""A readable summary for a terminal (rich formatting when stdout is one)."""

from __future__ import annotations

import io
import sys
from collections import Counter

from fabula.export import writer
from fabula.model import Story


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
    return rows


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
    return buf.getvalue()


def write_text(story: Story, out) -> None:
    from fabula.io_util import atomic_write

    if out is None:
        sys.stdout.write(render(story, color=sys.stdout.isatty()))
    else:
        atomic_write(out, render(story, color=False))


writer("text", suffix=".txt")(write_text)
