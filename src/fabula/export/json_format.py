"""The Story as JSON: a stable contract, byte-identical for the same input."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from fabula import __version__
from fabula.model import Story

_FLOAT_DIGITS = 4


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


def story_to_dict(story: Story) -> dict:
    body = plain(story)
    out = {"fabula": __version__}
    out.update(body)
    return out


def story_to_json(story: Story, indent: int | None = None) -> str:
    return json.dumps(story_to_dict(story), ensure_ascii=False, indent=indent)


def write_json(story: Story, out) -> None:
    import sys

    from fabula.io_util import atomic_write

    data = story_to_json(story, indent=None) + "\n"
    if out is None:
        sys.stdout.write(data)
    else:
        atomic_write(out, data)


from fabula.export import writer  # noqa: E402

writer("json", suffix=".json")(write_json)
