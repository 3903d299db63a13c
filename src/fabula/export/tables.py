"""The Story as Arrow tables with fixed schemas, and the ``parquet`` writer.

Every table has a ``doc_id`` column and an explicit schema, so a story with an empty layer
still yields a well-typed (empty) table, and tables from many documents concatenate without
schema drift.  ``docs/tables.md`` documents the columns.  No spaCy here: the batch driver
imports this module only to know the schemas.
"""

from __future__ import annotations

import bisect
import io
import re
from pathlib import Path
from typing import Any, Iterable, Sequence

import pyarrow as pa

from fabula import __version__
from fabula.model import Story

_STR = pa.string()
_I32 = pa.int32()
_I64 = pa.int64()
_F64 = pa.float64()
_STRS = pa.list_(pa.string())


def _schema(*cols: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema([pa.field("doc_id", _STR, nullable=False), *(pa.field(n, t) for n, t in cols)])


SCHEMAS: dict[str, pa.Schema] = {
    "documents": _schema(
        ("path", _STR), ("format", _STR), ("encoding", _STR), ("sha256", _STR), ("title", _STR),
        ("chars", _I64), ("words", _I64), ("chapters", _I32), ("scenes", _I32), ("paragraphs", _I32),
        ("sentences", _I32), ("quotes", _I32), ("attributed_quotes", _I32), ("characters", _I32),
        ("conversations", _I32), ("narrative_person", _STR), ("narrators", _STRS), ("fabula_version", _STR),
    ),
    "chapters": _schema(("index", _I32), ("start", _I64), ("end", _I64), ("title", _STR), ("words", _I64)),
    "paragraphs": _schema(
        ("index", _I32), ("start", _I64), ("end", _I64), ("chapter", _I32), ("scene", _I32), ("words", _I32),
    ),
    "characters": _schema(
        ("id", _STR), ("name", _STR), ("aliases", _STRS), ("gender", _STR), ("mentions", _I32),
        ("quotes", _I32), ("narrator", pa.bool_()),
    ),
    "quotes": _schema(
        ("id", _STR), ("start", _I64), ("end", _I64), ("text", _STR), ("speaker", _STR), ("speaker_name", _STR),
        ("addressees", _STRS), ("addressee_names", _STRS), ("type", _STR), ("confidence", _F64),
        ("conversation", _STR), ("chapter", _I32), ("paragraph", _I32),
    ),
    "segments": _schema(
        ("index", _I32), ("start", _I64), ("end", _I64), ("person", _STR), ("narrator", _STR),
        ("narrator_name", _STR), ("pov", _STR), ("pov_name", _STR), ("chapter", _I32),
    ),
    "edges": _schema(
        ("source", _STR), ("target", _STR), ("source_name", _STR), ("target_name", _STR), ("kind", _STR),
        ("weight", _F64), ("conversations", _I32),
    ),
    "emotion": _schema(
        ("unit", _STR), ("index", _I32), ("start", _I64), ("end", _I64), ("chapter", _I32),
        ("valence", _F64), ("emotions", pa.map_(_STR, _F64)),
    ),
}

TABLES: tuple[str, ...] = tuple(SCHEMAS)


def empty_table(name: str) -> pa.Table:
    return SCHEMAS[name].empty_table()


class _Locator:
    """Index of the span containing an offset, by bisection over sorted starts (O(log n))."""

    def __init__(self, spans: Sequence[Any]):
        self.starts = [s.start for s in spans]
        self.ends = [s.end for s in spans]

    def __call__(self, offset: int) -> int | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset < self.ends[i] else None


def _words(text: str, spans: Iterable[Any]) -> list[int]:
    return [len(text[s.start : s.end].split()) for s in spans]


def _table(name: str, rows: dict[str, list]) -> pa.Table:
    schema = SCHEMAS[name]
    return pa.Table.from_pydict(rows, schema=schema) if rows else schema.empty_table()


def _narrative_person(story: Story) -> str | None:
    """The person of the longest total stretch of segments (ties broken by name)."""
    totals: dict[str, int] = {}
    for s in story.segments:
        totals[s.person] = totals.get(s.person, 0) + (s.end - s.start)
    if not totals:
        return None
    return max(sorted(totals), key=lambda p: totals[p])


_UNIT_SPANS = {"sentences": "sentences", "paragraphs": "paragraphs"}


def _emotion_units(story: Story) -> list[tuple[str, int, int, int, float | None, list]]:
    """(unit, index, start, end, valence, [(emotion, score)]) rows from the emotion layer.

    Two shapes are read: columns aligned with a layer (``{"sentences": {"valence": [...],
    "emotions": {name: [...]}}}``, the emotion stage's form) and lists of records with
    ``start``/``end``.  Anything else is ignored, so the table is empty, never wrong.
    """
    emotion = story.emotion
    if not isinstance(emotion, dict):
        return []
    rows = []
    for key in sorted(emotion):
        value, unit = emotion[key], key[:-1] if key.endswith("s") else key
        if isinstance(value, dict) and key in _UNIT_SPANS and isinstance(value.get("valence"), list):
            spans = getattr(story, _UNIT_SPANS[key])
            valence = value["valence"]
            columns = {k: v for k, v in sorted((value.get("emotions") or {}).items())
                       if isinstance(v, list) and len(v) == len(spans)}
            if len(valence) != len(spans):
                continue
            for i, span in enumerate(spans):
                rows.append((unit, i, span.start, span.end, _num(valence[i]),
                             [(k, float(v[i])) for k, v in columns.items() if _num(v[i]) is not None]))
        elif isinstance(value, (list, tuple)) and value and all(
            isinstance(r, dict) and "start" in r and "end" in r for r in value
        ):
            for i, r in enumerate(value):
                index = r["index"] if isinstance(r.get("index"), int) else i
                scores = r.get("emotions") if isinstance(r.get("emotions"), dict) else {}
                rows.append((unit, index, int(r["start"]), int(r["end"]), _num(r.get("valence")),
                             [(str(k), float(v)) for k, v in sorted(scores.items()) if _num(v) is not None]))
    return rows


def _edges(network: dict | None) -> list[dict]:
    """The whole-story edges of the network layer (per-chapter edges stay in the JSON)."""
    edges = network.get("edges") if isinstance(network, dict) else None
    if not isinstance(edges, list):
        return []
    return [e for e in edges if isinstance(e, dict) and isinstance(e.get("source"), str) and isinstance(e.get("target"), str)]


def _num(x) -> float | None:
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else None


def story_tables(story: Story, doc_id: str) -> dict[str, pa.Table]:
    """All tables for one story; a layer that is empty gives an empty table with its schema."""
    text = story.text
    in_chapter = _Locator(story.chapters)
    in_scene = _Locator(story.scenes)
    in_paragraph = _Locator(story.paragraphs)
    names = {c.id: c.name for c in story.characters}
    para_words = _words(text, story.paragraphs)
    out: dict[str, pa.Table] = {}

    narrators = sorted({s.narrator for s in story.segments if s.narrator})
    src = story.source
    out["documents"] = _table("documents", {
        "doc_id": [doc_id], "path": [src.path], "format": [src.format], "encoding": [src.encoding],
        "sha256": [src.sha256], "title": [story.title], "chars": [len(text)], "words": [sum(para_words)],
        "chapters": [len(story.chapters)], "scenes": [len(story.scenes)], "paragraphs": [len(story.paragraphs)],
        "sentences": [len(story.sentences)], "quotes": [len(story.quotes)],
        "attributed_quotes": [sum(1 for q in story.quotes if q.speaker)], "characters": [len(story.characters)],
        "conversations": [len(story.conversations)], "narrative_person": [_narrative_person(story)],
        "narrators": [narrators], "fabula_version": [__version__],
    })

    chs = story.chapters
    out["chapters"] = _table("chapters", chs and {
        "doc_id": [doc_id] * len(chs), "index": list(range(len(chs))), "start": [c.start for c in chs],
        "end": [c.end for c in chs], "title": [c.title for c in chs], "words": _words(text, chs),
    })

    ps = story.paragraphs
    out["paragraphs"] = _table("paragraphs", ps and {
        "doc_id": [doc_id] * len(ps), "index": list(range(len(ps))), "start": [p.start for p in ps],
        "end": [p.end for p in ps], "chapter": [in_chapter(p.start) for p in ps],
        "scene": [in_scene(p.start) for p in ps], "words": para_words,
    })

    cs = story.characters
    out["characters"] = _table("characters", cs and {
        "doc_id": [doc_id] * len(cs), "id": [c.id for c in cs], "name": [c.name for c in cs],
        "aliases": [list(c.aliases) for c in cs], "gender": [c.gender for c in cs],
        "mentions": [c.mentions for c in cs], "quotes": [c.quotes for c in cs], "narrator": [c.narrator for c in cs],
    })

    qs = story.quotes
    out["quotes"] = _table("quotes", qs and {
        "doc_id": [doc_id] * len(qs), "id": [q.id for q in qs], "start": [q.start for q in qs],
        "end": [q.end for q in qs], "text": [text[q.start : q.end] for q in qs], "speaker": [q.speaker for q in qs],
        "speaker_name": [names.get(q.speaker) for q in qs], "addressees": [list(q.addressees) for q in qs],
        "addressee_names": [[names.get(a, a) for a in q.addressees] for q in qs], "type": [q.type for q in qs],
        "confidence": [float(q.confidence) for q in qs], "conversation": [q.conversation for q in qs],
        "chapter": [in_chapter(q.start) for q in qs], "paragraph": [in_paragraph(q.start) for q in qs],
    })

    ss = story.segments
    out["segments"] = _table("segments", ss and {
        "doc_id": [doc_id] * len(ss), "index": list(range(len(ss))), "start": [s.start for s in ss],
        "end": [s.end for s in ss], "person": [s.person for s in ss], "narrator": [s.narrator for s in ss],
        "narrator_name": [names.get(s.narrator) for s in ss], "pov": [s.pov for s in ss],
        "pov_name": [names.get(s.pov) for s in ss], "chapter": [in_chapter(s.start) for s in ss],
    })

    edges = _edges(story.network)
    out["edges"] = _table("edges", edges and {
        "doc_id": [doc_id] * len(edges), "source": [e["source"] for e in edges], "target": [e["target"] for e in edges],
        "source_name": [names.get(e["source"]) for e in edges], "target_name": [names.get(e["target"]) for e in edges],
        "kind": [e.get("kind") for e in edges], "weight": [_num(e.get("weight")) for e in edges],
        "conversations": [e.get("conversations") if isinstance(e.get("conversations"), int) else None for e in edges],
    })

    units = _emotion_units(story)
    cols = ("unit", "index", "start", "end", "valence", "emotions")
    emo = {c: [u[i] for u in units] for i, c in enumerate(cols)}
    out["emotion"] = _table("emotion", units and {
        "doc_id": [doc_id] * len(units), **emo, "chapter": [in_chapter(s) for s in emo["start"]],
    })
    return out


def concat(name: str, tables: Iterable[pa.Table]) -> pa.Table:
    """Tables of one kind from many documents, as one table (empty with its schema if none)."""
    parts = [t for t in tables if t.num_rows]
    return pa.concat_tables(parts).combine_chunks() if parts else empty_table(name)


def parquet_bytes(table: pa.Table) -> bytes:
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    return buf.getvalue()


def ipc_bytes(table: pa.Table) -> bytes:
    """A table as an Arrow IPC stream: how batch workers hand results back, cheaply."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as w:
        w.write_table(table)
    return sink.getvalue().to_pybytes()


def from_ipc(data: bytes) -> pa.Table:
    return pa.ipc.open_stream(pa.py_buffer(data)).read_all()


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def default_doc_id(story: Story) -> str:
    """The file name for a file, else ``story``: what a single ``analyze`` run is called."""
    name = Path(story.source.path).name if story.source.path and story.source.path != "-" else "story"
    return _UNSAFE.sub("_", name).strip("._") or "story"


def write_parquet(story: Story, out) -> None:
    from fabula.errors import FabulaError
    from fabula.io_util import atomic_write

    if out is None:
        raise FabulaError("--format parquet writes a directory: give one with -o")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise FabulaError(f"{out}: exists and is not a directory")
    for name, table in story_tables(story, default_doc_id(story)).items():
        atomic_write(out / f"{name}.parquet", parquet_bytes(table))


from fabula.export import writer  # noqa: E402

writer("parquet", directory=True)(write_parquet)
