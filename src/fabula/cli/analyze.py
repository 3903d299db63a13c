"""``fabula analyze PATH|- [-o OUT] [--format FMT] [--cast FILE]``."""

from __future__ import annotations

import sys
from pathlib import Path

from fabula.errors import FabulaError


def register(sub) -> None:
    from fabula.export import formats

    names = formats()
    p = sub.add_parser("analyze", help="analyse one story and write it out")
    p.add_argument("path", help="a .txt, .md, .html, .xhtml or .epub file, or - for stdin")
    p.add_argument("-o", "--output", help="output file (or directory for parquet/booknlp); default stdout")
    p.add_argument("-f", "--format", default="json", choices=names, help="output format (default: json)")
    p.add_argument("--cast", help="a cast file (JSON or CSV: name, aliases, gender) to attribute among")
    p.add_argument("--processes", type=int, default=0, help="NLP worker processes (default: by length)")
    p.add_argument("--sentence-emotion", action="store_true",
                   help="JSON: also write the per-sentence emotion table (emotion.sentences); by default the JSON "
                        "has emotion per paragraph, chapter arc, character and relationship only")
    p.set_defaults(func=run)
    r = sub.add_parser("report", help="write the HTML reader for one story (same as --format html)")
    r.add_argument("path")
    r.add_argument("-o", "--output", required=True)
    r.add_argument("--cast")
    r.add_argument("--processes", type=int, default=0)
    r.set_defaults(func=run, format="html", sentence_emotion=False)


def run(args) -> int:
    import fabula
    from fabula import ingest
    from fabula.export import get_writer
    from fabula.progress import ProgressBar

    chosen = get_writer(args.format)
    if chosen is None:
        raise FabulaError(f"format {args.format!r} is not available")
    out = Path(args.output) if args.output else None
    if chosen.directory and out is None:
        raise FabulaError(f"--format {args.format} writes a directory: give one with -o")
    if out is not None and not chosen.directory and out.is_dir():
        raise FabulaError(f"{out}: is a directory; give a file name")
    if args.sentence_emotion and args.format != "json":
        raise FabulaError("--sentence-emotion is for --format json (the Parquet emotion table always has sentence rows)")
    story = ingest.story_from_path(args.path)
    with ProgressBar("analysing", enabled=sys.stderr.isatty() and len(story.text) > 200_000) as bar:
        story = fabula.analyze(story, cast=args.cast, n_process=args.processes, progress=bar.update)
    if args.sentence_emotion:
        chosen.write(story, out, sentence_emotion=True)
    else:
        chosen.write(story, out)
    return 0
