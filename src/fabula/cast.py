"""A cast supplied by the user: JSON list of ``{"name", "aliases", "gender"}`` or CSV with those columns."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from fabula.errors import FabulaError
from fabula.pipeline import CastMember


def _member(row: dict, where: str) -> CastMember:
    name = str(row.get("name") or "").strip()
    if not name:
        raise FabulaError(f"{where}: every cast entry needs a name")
    aliases = row.get("aliases") or ()
    if isinstance(aliases, str):
        aliases = [a for a in aliases.split(";")]
    aliases = tuple(dict.fromkeys(a.strip() for a in aliases if str(a).strip()))
    gender = str(row.get("gender") or "X").strip().upper()[:1] or "X"
    if gender not in ("F", "M", "X"):
        gender = "X"
    return CastMember(name=name, aliases=aliases, gender=gender)


def load_cast(cast) -> tuple[CastMember, ...]:
    """Accept a path, a list of dicts or of ``CastMember``; raise ``FabulaError`` on bad input."""
    if isinstance(cast, (str, os.PathLike)):
        path = Path(cast)
        try:
            raw = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise FabulaError(f"{path}: cannot read cast file ({exc})") from None
        if path.suffix.lower() == ".csv":
            rows = list(csv.DictReader(io.StringIO(raw)))
        else:
            try:
                rows = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise FabulaError(f"{path}: invalid JSON cast file ({exc.msg} at line {exc.lineno})") from None
        where = str(path)
    else:
        rows, where = cast, "cast"
    if not isinstance(rows, list):
        raise FabulaError(f"{where}: a cast is a list of characters")
    members = []
    for row in rows:
        if isinstance(row, CastMember):
            members.append(row)
        elif isinstance(row, dict):
            members.append(_member({str(k).strip().lower(): v for k, v in row.items()}, where))
        else:
            raise FabulaError(f"{where}: each cast entry must be an object with a name")
    return tuple(members)
