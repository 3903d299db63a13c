"""The Story as JSON: a stable contract, byte-identical for the same input.

Compact by default: no spaces after separators, and the emotion layer without its
per-sentence table (``emotion.sentences``: half the emotion layer, 0.27 MB on Pride and
Prejudice), which ``sentence_emotion=True`` (``--sentence-emotion``) puts back.  The in-memory
``Story`` always keeps it (the Parquet ``emotion`` table has its sentence rows).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from fabula import __version__
from fabula.model import Story

_FLOAT_DIGITS = 4
DETAIL_ONLY = ("sentences",)  # emotion tables left out unless asked for


def plain(obj: Any) -> Any:
    """Dataclasses to dicts (in field order), tuples to lists, floats rounded."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: plain(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.metadata.get("json", True)}
    if isinstance(obj, (list, tuple)):
        return [plain(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): plain(v) for k, v in obj.items()}
    if isinstance(obj, float):
        return round(obj, _FLOAT_DIGITS)
    return obj


def story_to_dict(story: Story, sentence_emotion: bool = False) -> dict:
    if not sentence_emotion and isinstance(story.emotion, dict) and any(k in story.emotion for k in DETAIL_ONLY):
        story = dataclasses.replace(story, emotion={k: v for k, v in story.emotion.items() if k not in DETAIL_ONLY})
    body = plain(story)
    out = {"fabula": __version__}
    out.update(body)
    return out


def story_to_json(story: Story, indent: int | None = None, sentence_emotion: bool = False) -> str:
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(story_to_dict(story, sentence_emotion), ensure_ascii=False, indent=indent, separators=separators)


def write_json(story: Story, out, sentence_emotion: bool = False) -> None:
    import sys

    from fabula.io_util import atomic_write

    data = story_to_json(story, indent=None, sentence_emotion=sentence_emotion) + "\n"
    if out is None:
        sys.stdout.write(data)
    else:
        atomic_write(out, data)


from fabula.export import writer  # noqa: E402

writer("json", suffix=".json")(write_json)
