"""BookNLP-compatible files: column names, offsets that slice the text, ids that join up."""

import csv
import json

import pytest

from fabula.export import writers
from fabula.export.booknlp import ENTITY_COLUMNS, QUOTE_COLUMNS, TOKEN_COLUMNS
from fabula.model import Character, Entity, Mention, Quote, Source, Span, Story

TEXT = ('"I want to leave," Mara said to Tom. He was angry.\n\nMara packed her bag in London.  "Goodbye," she said.\n\n'
        '"Bye, Tom," she said. "Tom!"\n')


def at(needle, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(needle, i + 1)
    return i, i + len(needle)


def story() -> Story:
    p1 = (0, TEXT.index("\n\n"))
    p2 = (TEXT.index("Mara packed"), TEXT.index("said.") + 5)
    p3 = (TEXT.index('"Bye'), len(TEXT) - 1)
    return Story(
        text=TEXT, source=Source(path="/books/mara-and-tom.txt", format="txt", encoding="utf-8", sha256="0" * 64),
        paragraphs=(Span(*p1), Span(*p2), Span(*p3)),
        characters=(Character("C1", "Mara", ("Mara",), "F", mentions=4, quotes=2), Character("C2", "Tom", (), "M", mentions=2)),
        mentions=(Mention(*at("Mara"), "C1", "name"), Mention(*at("Tom"), "C2", "name"), Mention(*at("He"), "C2", "pronoun"),
                  Mention(*at("Mara", 1), "C1", "name"), Mention(*at("her"), "C1", "pronoun"), Mention(*at("she"), "C1", "pronoun"),
                  Mention(*at("Tom", 1), "C2", "vocative"), Mention(*at("she", 1), "C1", "pronoun"), Mention(*at("Tom", 2), "C2", "vocative")),
        entities=(Entity(*at("Mara"), "PERSON"), Entity(*at("London"), "GPE"), Entity(*at("Goodbye"), "WORK_OF_ART")),
        quotes=(Quote("Q1", *at('"I want to leave,"'), speaker="C1", addressees=("C2",), type="explicit"),
                Quote("Q2", *at('"Goodbye,"'), speaker="C1", type="explicit"),
                Quote("Q3", *at('"Bye, Tom,"'), speaker="C1", type="explicit"), Quote("Q4", *at('"Tom!"'), speaker="C2")),
    )


def read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    d = tmp_path_factory.mktemp("booknlp")
    writers()["booknlp"].write(story(), d)
    return d


def test_files_and_headers(out):
    assert sorted(p.name for p in out.iterdir()) == ["mara-and-tom.book", "mara-and-tom.entities", "mara-and-tom.quotes", "mara-and-tom.tokens"]
    assert read(out / "mara-and-tom.tokens")[0] == list(TOKEN_COLUMNS)
    assert read(out / "mara-and-tom.entities")[0] == list(ENTITY_COLUMNS)
    assert read(out / "mara-and-tom.quotes")[0] == list(QUOTE_COLUMNS)
    assert TOKEN_COLUMNS[4:8] == ("word", "lemma", "byte_onset", "byte_offset")


def test_tokens_slice_the_text(out):
    _, toks = read(out / "mara-and-tom.tokens")
    assert toks, "no tokens"
    for i, t in enumerate(toks):
        assert int(t["token_ID_within_document"]) == i
        assert TEXT[int(t["byte_onset"]) : int(t["byte_offset"])] == t["word"]
        assert 0 <= int(t["syntactic_head_ID"]) < len(toks)
        assert t["event"] == "O"
    assert {t["paragraph_ID"] for t in toks} == {"0", "1", "2"}
    assert all(t["word"].strip() for t in toks)  # white space is not a token
    sents = [int(t["sentence_ID"]) for t in toks]
    assert sents == sorted(sents) and sents[-1] >= 3
    said = next(t for t in toks if t["word"] == "said")
    assert said["lemma"] == "say" and said["POS_tag"] == "VERB" and said["fine_POS_tag"] == "VBD"
    # Within a sentence, token ids restart at 0.
    firsts = [t for t in toks if t["token_ID_within_sentence"] == "0"]
    assert len(firsts) == len(set(sents))


def test_entities_join_characters_and_places(out):
    _, toks = read(out / "mara-and-tom.tokens")
    _, ents = read(out / "mara-and-tom.entities")
    for e in ents:
        a, b = int(e["start_token"]), int(e["end_token"])
        assert TEXT[int(toks[a]["byte_onset"]) : int(toks[b]["byte_offset"])] == e["text"]
    mara = [e for e in ents if e["COREF"] == "0"]
    assert [(e["text"], e["prop"], e["cat"]) for e in mara] == [("Mara", "PROP", "PER"), ("Mara", "PROP", "PER"),
                                                                 ("her", "PRON", "PER"), ("she", "PRON", "PER"), ("she", "PRON", "PER")]
    assert [(e["text"], e["prop"]) for e in ents if e["COREF"] == "1"] == [("Tom", "PROP"), ("He", "PRON"), ("Tom", "PROP"), ("Tom", "PROP")]
    assert [e["text"] for e in ents if e["cat"] == "GPE"] == ["London"]
    assert int(next(e for e in ents if e["cat"] == "GPE")["COREF"]) >= 2  # not a character's id
    assert not any(e["text"] == "Goodbye" for e in ents)  # WORK_OF_ART is not a BookNLP category
    assert sum(e["text"] == "Mara" for e in ents) == 2  # NER's PERSON "Mara" is not written twice


def test_quotes_point_at_tokens_and_speaker_mentions(out):
    _, toks = read(out / "mara-and-tom.tokens")
    _, quotes = read(out / "mara-and-tom.quotes")
    assert len(quotes) == 4
    q1, q2, q3, q4 = quotes
    assert toks[int(q1["quote_start"])]["word"] == '"' and toks[int(q1["quote_end"])]["word"] == '"'
    assert q1["quote"] == '" I want to leave , "'
    assert (q1["mention_phrase"], q1["char_id"]) == ("Mara", "0")
    assert (q2["mention_phrase"], q2["char_id"]) == ("she", "0")
    assert toks[int(q2["mention_start"])]["word"] == "she"
    assert (q3["mention_phrase"], q3["char_id"]) == ("she", "0") and int(q3["mention_start"]) > int(q3["quote_end"])
    # "Tom" said inside the quote just before is not what attributes his quote: his nearest mention in narration is.
    he = next(i for i, t in enumerate(toks) if t["word"] == "He")
    assert (q4["mention_start"], q4["mention_phrase"], q4["char_id"]) == (str(he), "He", "1")


def test_book_json_has_booknlp_shape(out):
    book = json.loads((out / "mara-and-tom.book").read_text(encoding="utf-8"))
    chars = {c["id"]: c for c in book["characters"]}
    mara, tom = chars[0], chars[1]
    assert set(mara) >= {"id", "count", "mentions", "g", "agent", "patient", "poss", "mod"}
    assert mara["count"] == 5 and mara["fabula_id"] == "C1" and mara["name"] == "Mara"
    assert mara["mentions"]["proper"] == [{"c": 2, "n": "Mara"}]
    assert {m["n"] for m in mara["mentions"]["pronoun"]} == {"her", "she"}
    assert mara["g"]["argmax"] == "she/her"
    assert {a["w"] for a in mara["agent"]} >= {"said", "packed"}
    assert [p["w"] for p in mara["poss"]] == ["bag"]
    assert [m["w"] for m in tom["mod"]] == ["angry"]
    assert book["characters"][0]["id"] == 0  # most mentioned first


def test_forked_workers_give_the_same_tokens():
    from fabula.export.booknlp import Tokens

    text = "".join(f"Ann met Bob {i} times.  He smiled.\n\n" for i in range(300))
    paras, pos = [], 0
    for block in text.split("\n\n")[:-1]:
        paras.append(Span(pos, pos + len(block)))
        pos += len(block) + 2
    s = Story(text=text, source=Source(None, "txt", "utf-8", "0" * 64), paragraphs=tuple(paras))
    one, two = Tokens(s, n_process=1).rows, Tokens(s, n_process=2).rows
    assert one == two and len(one) == 300 * 9
    assert one[-1][:4] == (299, 599, 2, len(one) - 1)  # paragraph, sentence, within sentence, document


def test_bare_story_still_writes_every_file(tmp_path):
    bare = Story(text="One line.\n\nAnother \"quoted\" line.\n", source=Source(None, "txt", "utf-8", "abcdef0123456789" * 4))
    writers()["booknlp"].write(bare, tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["abcdef012345.book", "abcdef012345.entities", "abcdef012345.quotes", "abcdef012345.tokens"]
    _, toks = read(tmp_path / "abcdef012345.tokens")
    assert [t["word"] for t in toks][:3] == ["One", "line", "."] and {t["paragraph_ID"] for t in toks} == {"0", "1"}
    assert read(tmp_path / "abcdef012345.entities")[1] == []
    assert json.loads((tmp_path / "abcdef012345.book").read_text()) == {"characters": []}


def test_needs_a_directory(tmp_path):
    from fabula.errors import FabulaError

    with pytest.raises(FabulaError):
        writers()["booknlp"].write(story(), None)
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(FabulaError):
        writers()["booknlp"].write(story(), f)
