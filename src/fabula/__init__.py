"""fabula: fiction in, the story as data out.

>>> import fabula
>>> story = fabula.analyze("The Sound of Goodbye\\n\\n\\"Ella,\\" James said.")
>>> story.title
'The Sound of Goodbye'
"""

from __future__ import annotations

__version__ = "0.1.0"

import os
from pathlib import Path
from typing import Iterable

from fabula.model import Story

__all__ = ["analyze", "load", "Story", "__version__"]

_PATH_SUFFIXES = (".txt", ".md", ".html", ".htm", ".xhtml", ".epub")


def load(source: str | os.PathLike | bytes) -> Story:
    """Ingest without analysis: a path, raw bytes, or the text itself."""
    from fabula import ingest

    if isinstance(source, bytes):
        return ingest.story_from_bytes(source)
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and "\n" not in source and source.lower().endswith(_PATH_SUFFIXES)
    ):
        return ingest.story_from_path(Path(source))
    return ingest.story_from_text(source)


def analyze(
    source: str | os.PathLike | bytes | Story,
    *,
    cast=None,
    stages: Iterable[str] | None = None,
    n_process: int = 0,
    progress=None,
) -> Story:
    """Analyse a story: a path (``Path`` or a string ending in a known suffix), bytes, or text.

    ``cast`` is a list of dicts ``{"name", "aliases", "gender"}`` or a path to a cast file;
    ``stages`` picks a subset of the pipeline (the chain is checked).
    """
    from fabula.cast import load_cast
    from fabula.pipeline import Context, Pipeline, present_layers

    story = source if isinstance(source, Story) else load(source)
    context = Context(cast=load_cast(cast) if cast is not None else None, n_process=n_process, progress=progress)
    given = present_layers(story) if isinstance(source, Story) and stages is not None else ()
    return Pipeline(stages, given=given)(story, context)
