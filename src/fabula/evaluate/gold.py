"""Gold annotations, read into one shape whatever the corpus (PDNC, web-fiction gold JSON, LitBank).

Names are compared after :func:`norm`, the same normalisation as the independent scorer
(``shared/hooks/score_quotes.py``), so that our figures and its figures agree.
"""

from __future__ import annotations

import ast
import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from fabula.errors import InputError

csv.field_size_limit(10**9)

MAJOR_CATEGORIES = ("major", "intermediate", "present")


def norm(name: str) -> str:
    name = name.lower().replace("’", "'")
    name = re.sub(r"[^\w' ]+", " ", name)
    return " ".join(name.split())


@dataclass(frozen=True)
class GoldCharacter:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    gender: str = "X"
    category: str = ""

    @property
    def names(self) -> frozenset[str]:
        return frozenset({norm(a) for a in self.aliases} | {norm(self.name)}) - {""}


@dataclass(frozen=True)
class GoldQuote:
    spans: tuple[tuple[int, int], ...]
    speaker: str | None
    addressees: frozenset[str] = frozenset()
    type: str = "unknown"


@dataclass(frozen=True)
class GoldWork:
    """One annotated text.  ``match_by_names``: a speaker is right when its names meet the gold ones
    (LitBank, whose gold speakers are coreference entities, not a character list)."""

    corpus: str
    name: str
    text: str
    characters: dict[str, GoldCharacter]
    quotes: tuple[GoldQuote, ...]
    match_by_names: bool = False
    meta: dict = field(default_factory=dict)
    #: quotes the gold marks but does not score (speaker ``uncertain``): a prediction there is no false positive
    unscored: tuple[tuple[int, int], ...] = ()

    def cast(self) -> list[dict]:
        """The gold characters as a ``fabula.analyze(cast=...)`` list."""
        return [{"name": c.name, "aliases": [a for a in c.aliases if a != c.name], "gender": c.gender}
                for c in self.characters.values()]


def read_text(path: Path) -> str:
    """The text exactly as offsets count it: UTF-8, newlines untouched."""
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None


def _gender(g: str) -> str:
    g = (g or "").strip().upper()[:1]
    return g if g in ("F", "M") else "X"


def load_pdnc(folder: Path) -> GoldWork:
    folder = Path(folder)
    needed = [folder / n for n in ("novel_text.txt", "quotation_info.csv", "character_info.csv")]
    missing = [p.name for p in needed if not p.is_file()]
    if missing:
        raise InputError(f"{folder}: not a PDNC novel folder (missing {', '.join(missing)})")
    chars: dict[str, GoldCharacter] = {}
    with open(folder / "character_info.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            aliases = ast.literal_eval(row["Aliases"]) if row["Aliases"].strip() else set()
            chars[row["Character ID"]] = GoldCharacter(
                id=row["Character ID"], name=row["Main Name"], aliases=tuple(sorted(aliases)),
                gender=_gender(row.get("Gender", "")), category=row.get("Category", ""))
    by_main = {norm(c.name): cid for cid, c in chars.items()}
    by_alias: dict[str, set[str]] = {}
    for cid, c in chars.items():
        for n in c.names:
            by_alias.setdefault(n, set()).add(cid)

    def resolve(name: str) -> str | None:
        """PDNC writes speakers as a main name or an alias; an ambiguous alias resolves to nobody."""
        n = norm(name)
        if n in by_main:
            return by_main[n]
        hits = by_alias.get(n, set())
        return next(iter(hits)) if len(hits) == 1 else None

    quotes = []
    with open(folder / "quotation_info.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            spans = tuple(tuple(s) for s in json.loads(row["quoteByteSpans"]))
            addr = ast.literal_eval(row["addressees"]) if row["addressees"].strip() else []
            quotes.append(GoldQuote(spans=spans, speaker=resolve(row["speaker"]),
                                    addressees=frozenset(a for a in map(resolve, addr) if a),
                                    type=(row["quoteType"] or "unknown").lower()))
    return GoldWork("pdnc", folder.name, read_text(folder / "novel_text.txt"), chars, tuple(quotes))


def load_gold_json(path: Path) -> GoldWork:
    """A web-fiction ``NAME.gold.json`` beside its ``NAME.txt``."""
    path = Path(path)
    if not path.name.endswith(".gold.json"):
        raise InputError(f"{path}: expected a NAME.gold.json file")
    text_path = path.with_name(path.name[: -len(".gold.json")] + ".txt")
    if not text_path.is_file():
        raise InputError(f"{path}: its text {text_path.name} is missing")
    try:
        g = json.loads(path.read_text(encoding="utf-8"))
        chars = {c["id"]: GoldCharacter(id=c["id"], name=c["name"], aliases=tuple(c.get("aliases", [])),
                                        gender=_gender(c.get("gender", "X")),
                                        category="mentioned" if c.get("mentioned_only") else "present")
                 for c in g["characters"]}
        quotes = tuple(GoldQuote(spans=((q["start"], q["end"]),), speaker=q["speaker"],
                                 addressees=frozenset(q.get("addressees", [])), type=q["type"])
                       for q in g["quotes"] if not q.get("uncertain"))
        unscored = tuple((q["start"], q["end"]) for q in g["quotes"] if q.get("uncertain"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a gold file ({type(exc).__name__}: {exc})") from None
    return GoldWork("gold", path.name[: -len(".gold.json")], read_text(text_path), chars, quotes,
                    unscored=unscored)


def pdnc_works(folder: Path) -> list[Path]:
    """The novel folders under ``folder`` (or ``folder`` itself if it is one), sorted by name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: no such directory")
    if (folder / "quotation_info.csv").is_file():
        return [folder]
    found = sorted(p for p in folder.iterdir() if (p / "quotation_info.csv").is_file())
    if not found and (folder / "data").is_dir():
        found = sorted(p for p in (folder / "data").iterdir() if (p / "quotation_info.csv").is_file())
    if not found:
        raise InputError(f"{folder}: no PDNC novel folders (with quotation_info.csv) found")
    return found
