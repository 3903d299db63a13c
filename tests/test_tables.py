"""Story -> Arrow tables: fixed schemas, empty layers, concatenation, Parquet and DuckDB."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from fabula.export.tables import (
    SCHEMAS,
    concat,
    from_ipc,
    ipc_bytes,
    story_tables,
    write_parquet,
)
from fabula.model import Chapter, Character, Quote, Segment, Source, Span, Story

TEXT = (
    "Chapter One\n\n"
    "\u201cCome in,\u201d Ann said to Ben.\n\n"
    "Ben sat. \u201cThank you.\u201d\n\n"
    "Chapter Two\n\n"
    "\u201cGoodbye,\u201d said Ann."
)


def _spans(text: str) -> list[Span]:
    out, pos = [], 0
    for block in text.split("\n\n"):
        out.append(Span(pos, pos + len(block)))
        pos += len(block) + 2
    return out


def rich_story(text: str = TEXT, path: str = "book.txt") -> Story:
    paras = _spans(text)
    ch2 = text.index("Chapter Two")
    q = [i for i, c in enumerate(text) if c in "\u201c\u201d"]
    quotes = (
        Quote("Q1", q[0], q[1] + 1, speaker="C1", addressees=("C2",), type="explicit", confidence=0.9, conversation="V1"),
        Quote("Q2", q[2], q[3] + 1, speaker="C2", addressees=("C1",), type="anaphoric", confidence=0.5, conversation="V1"),
        Quote("Q3", q[4], q[5] + 1, speaker="C1", type="explicit", confidence=0.8),
    )
    return Story(
        text=text,
        source=Source(path=path, format="txt", encoding="utf-8", sha256="0" * 64),
        title="A Test",
        chapters=(Chapter(0, ch2, "Chapter One"), Chapter(ch2, len(text), "Chapter Two")),
        scenes=(Span(0, len(text)),),
        paragraphs=tuple(paras),
        characters=(Character("C1", "Ann", ("Annie",), "F", 3, 2), Character("C2", "Ben", (), "M", 2, 1)),
        quotes=quotes,
        segments=(Segment(0, ch2, "third", pov="C1"), Segment(ch2, len(text), "first", narrator="C2")),
        network={"nodes": [], "edges": [
            {"source": "C1", "target": "C2", "kind": "conversation", "weight": 1, "conversations": 1},
            {"source": "C1", "target": "C2", "kind": "copresence", "weight": 2}], "chapters": []},
        emotion={"paragraphs": [{"start": p.start, "end": p.end, "valence": 0.1 * i, "emotions": {"joy": 0.5}}
                                for i, p in enumerate(paras)], "overall": {"valence": 0.2}},
    )


def bare_story(text: str = "Just words here.") -> Story:
    return Story(text=text, source=Source(path=None, format="txt", encoding="str", sha256="1" * 64))


def test_every_table_has_doc_id_and_its_fixed_schema_even_when_empty():
    tables = story_tables(bare_story(), "empty")
    assert set(tables) == set(SCHEMAS)
    for name, table in tables.items():
        assert table.schema.equals(SCHEMAS[name]), name
        assert table.schema.names[0] == "doc_id"
        assert table.num_rows == (1 if name == "documents" else 0), name
    doc = tables["documents"].to_pylist()[0]
    assert doc["quotes"] == 0 and doc["narrative_person"] is None and doc["narrators"] == []


def test_rows_carry_indices_names_and_lists():
    story = rich_story()
    t = story_tables(story, "book")
    quotes = t["quotes"].to_pylist()
    assert [q["chapter"] for q in quotes] == [0, 0, 1]
    assert [q["paragraph"] for q in quotes] == [1, 2, 4]
    assert quotes[0]["text"] == "\u201cCome in,\u201d"
    assert quotes[0]["speaker_name"] == "Ann" and quotes[0]["addressees"] == ["C2"]
    assert quotes[0]["addressee_names"] == ["Ben"] and quotes[2]["addressees"] == []
    paras = t["paragraphs"].to_pylist()
    assert [p["chapter"] for p in paras] == [0, 0, 0, 1, 1] and {p["scene"] for p in paras} == {0}
    assert t["characters"].to_pylist()[0]["aliases"] == ["Annie"]
    segs = t["segments"].to_pylist()
    assert segs[0]["pov_name"] == "Ann" and segs[1]["narrator_name"] == "Ben"
    emotion = t["emotion"].to_pylist()
    assert len(emotion) == 5 and emotion[0]["unit"] == "paragraph" and emotion[1]["emotions"] == [("joy", 0.5)]
    edges = t["edges"].to_pylist()
    assert [(e["source_name"], e["target_name"], e["kind"], e["weight"], e["conversations"]) for e in edges] == [
        ("Ann", "Ben", "conversation", 1.0, 1), ("Ann", "Ben", "copresence", 2.0, None)]
    doc = t["documents"].to_pylist()[0]
    assert (doc["chapters"], doc["quotes"], doc["attributed_quotes"], doc["characters"]) == (2, 3, 3, 2)
    assert doc["words"] == sum(p["words"] for p in paras)
    assert doc["narrators"] == ["C2"] and doc["narrative_person"] == "third"  # by length: chapter one is longer


def test_tables_from_many_documents_concatenate_including_empty_ones():
    a, b = story_tables(rich_story(), "a"), story_tables(bare_story(), "b")
    for name in SCHEMAS:
        merged = concat(name, [a[name], b[name]])
        assert merged.schema.equals(SCHEMAS[name])
        assert merged.num_rows == a[name].num_rows + b[name].num_rows
    assert concat("quotes", []).num_rows == 0


def test_ipc_round_trip_keeps_schema_and_rows():
    table = story_tables(rich_story(), "a")["quotes"]
    back = from_ipc(ipc_bytes(table))
    assert back.equals(table)


def test_emotion_layer_in_an_unknown_shape_gives_an_empty_table():
    import dataclasses

    story = dataclasses.replace(bare_story(), emotion={"arc": [0.1, 0.2], "model": "x"})
    assert story_tables(story, "x")["emotion"].num_rows == 0


def test_emotion_columns_aligned_with_sentences_and_paragraphs_become_rows():
    import dataclasses

    story = rich_story()
    sents = (Span(0, 11), Span(13, 40))
    story = dataclasses.replace(story, sentences=sents, emotion={
        "sentences": {"valence": [0.5, -0.25], "emotions": {"joy": [1.0, 0.0], "fear": [0.0, 2.0]}},
        "paragraphs": {"valence": [0.0] * 4, "emotions": {}},  # misaligned: 4 values, 5 paragraphs
        "story": {"points": [0.1]},
    })
    rows = story_tables(story, "d")["emotion"].to_pylist()
    assert [(r["unit"], r["index"], r["start"], r["end"], r["valence"]) for r in rows] == [
        ("sentence", 0, 0, 11, 0.5), ("sentence", 1, 13, 40, -0.25)]
    assert rows[1]["emotions"] == [("fear", 2.0), ("joy", 0.0)] and rows[0]["chapter"] == 0


def test_parquet_writer_writes_one_file_per_table(tmp_path):
    write_parquet(rich_story(), tmp_path / "out")
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == sorted(f"{n}.parquet" for n in SCHEMAS)
    quotes = pq.read_table(tmp_path / "out" / "quotes.parquet")
    assert quotes.schema.equals(SCHEMAS["quotes"]) and quotes.num_rows == 3
    assert quotes.column("doc_id").to_pylist() == ["book.txt"] * 3


def test_parquet_output_is_byte_identical_for_the_same_story(tmp_path):
    write_parquet(rich_story(), tmp_path / "a")
    write_parquet(rich_story(), tmp_path / "b")
    for name in SCHEMAS:
        assert (tmp_path / "a" / f"{name}.parquet").read_bytes() == (tmp_path / "b" / f"{name}.parquet").read_bytes()


TALKATIVE = """
SELECT c.name, count(*) FROM read_parquet('{out}/quotes/*.parquet') q
JOIN read_parquet('{out}/characters/*.parquet') c ON q.doc_id = c.doc_id AND q.speaker = c.id
GROUP BY ALL ORDER BY 2 DESC, 1 LIMIT 10
"""


def test_duckdb_reads_the_tables_and_runs_the_documented_query(tmp_path):
    duckdb = pytest.importorskip("duckdb", reason="duckdb is in the test extra")
    for i, story in enumerate([rich_story(path="one.txt"), rich_story(path="two.txt"), bare_story()]):
        for name, table in story_tables(story, f"doc{i}").items():
            (tmp_path / name).mkdir(exist_ok=True)
            pq.write_table(table, tmp_path / name / f"part-{i}.parquet")
    rows = duckdb.sql(TALKATIVE.format(out=tmp_path)).fetchall()
    assert rows == [("Ann", 4), ("Ben", 2)]
    docs = duckdb.sql(f"SELECT count(*), sum(quotes) FROM read_parquet('{tmp_path}/documents/*.parquet')").fetchall()[0]
    assert docs == (3, 6)
    valence = duckdb.sql(
        f"SELECT round(avg(valence), 2), any_value(emotions['joy']) FROM read_parquet('{tmp_path}/emotion/*.parquet')"
    ).fetchall()[0]
    assert valence == (0.2, 0.5)
