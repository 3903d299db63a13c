"""Dialogue JSONL: one record per conversation, turns merged by speaker, marks removed."""

import dataclasses
import json

from fabula.export import writers
from fabula.export.dialogue import doc_id, records
from fabula.model import Character, Conversation, Quote, Source, Story

TEXT = ('"I want to\nleave," Mara said. "Now."\n\n"No," Tom said.\n\n“Why?” she asked.\n\n'
        "Later.\n\n'Hello,' someone said.\n")


def at(needle):
    i = TEXT.index(needle)
    return i, i + len(needle)


def story(**layers) -> Story:
    base = Story(
        text=TEXT, source=Source("/books/mara.txt", "txt", "utf-8", "f" * 64),
        characters=(Character("C1", "Mara", gender="F"), Character("C2", "Tom", gender="M")),
        quotes=(Quote("Q1", *at('"I want to\nleave,"'), "C1", ("C2",), "explicit", 0.9, "V1"),
                Quote("Q2", *at('"Now."'), "C1", (), "implicit", 0.5, "V1"),
                Quote("Q3", *at('"No,"'), "C2", ("C1",), "explicit", 0.9, "V1"),
                Quote("Q4", *at("“Why?”"), "C1", ("C2",), "anaphoric", 0.7, "V1"),
                Quote("Q5", *at("'Hello,'"), None, (), "implicit", 0.0, "V2")),
        conversations=(Conversation("V1", 0, at("“Why?”")[1], ("C1", "C2"), ("Q1", "Q2", "Q3", "Q4")),
                       Conversation("V2", *at("'Hello,' someone said."), (), ())),
    )
    return dataclasses.replace(base, **layers)


def test_turns_merge_consecutive_quotes_and_drop_marks():
    v1, v2 = records(story())
    assert v1["doc_id"] == "mara" and v1["conversation"] == "V1"
    assert v1["participants"] == [{"id": "C1", "name": "Mara"}, {"id": "C2", "name": "Tom"}]
    turns = v1["turns"]
    assert [t["speaker"]["name"] for t in turns] == ["Mara", "Tom", "Mara"]
    assert turns[0] == {"speaker": {"id": "C1", "name": "Mara"}, "addressees": [{"id": "C2", "name": "Tom"}],
                        "text": "I want to leave, Now.", "quote_ids": ["Q1", "Q2"]}
    assert turns[1]["text"] == "No," and turns[1]["addressees"] == [{"id": "C1", "name": "Mara"}]
    assert turns[2]["text"] == "Why?"
    # A conversation that lists no quotes finds them through Quote.conversation; no speaker is null.
    assert v2["participants"] == [] and v2["turns"] == [{"speaker": None, "addressees": [], "text": "Hello,", "quote_ids": ["Q5"]}]


def test_unattributed_quotes_are_not_merged():
    s = story(quotes=tuple(dataclasses.replace(q, speaker=None) for q in story().quotes))
    assert len(records(s)[0]["turns"]) == 4


def test_jsonl_file_and_empty_layers(tmp_path):
    out = tmp_path / "d.jsonl"
    writers()["dialogue"].write(story(), out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["conversation"] for line in lines] == ["V1", "V2"]
    writers()["dialogue"].write(story(conversations=(), quotes=(), characters=()), out)
    assert out.read_text() == ""


def test_doc_id_falls_back_to_the_hash():
    assert doc_id(story(source=Source(None, "txt", "utf-8", "0123456789abcdef" * 4))) == "0123456789ab"
