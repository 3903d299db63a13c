"""The NLP stage: sentences and entities as spans over the story, whatever the grouping."""

from fabula.model import Span
from fabula.nlp import CHUNK, MAX_PIECE, _to_global, groups, pieces, run_spacy


def test_groups_map_back_to_story_offsets():
    text = "First para here.\n\nSecond one.\n\nThird."
    paras = [Span(0, 16), Span(18, 29), Span(31, 37)]
    (local, offsets, joined), = list(groups(pieces(text, paras), size=10_000))
    assert joined == "First para here.\n\nSecond one.\n\nThird."
    lengths = [16, 11, 6]
    # a span running over the seam between paragraphs 1 and 2 is cut in two
    assert list(_to_global(local, offsets, lengths, 6, 24)) == [(6, 16), (18, 24)]


def test_long_paragraph_is_cut_at_white_space():
    text = ("word " * 10_000).strip()
    cut = list(pieces(text, [Span(0, len(text))]))
    assert len(cut) > 1
    assert "".join(p for _, p in cut) == text
    assert all(p[:1] != "w" or text[o - 1 : o] in ("", " ") for o, p in cut)


def test_a_very_long_line_is_cut_into_bounded_chunks_at_sentence_ends():
    sentence = "Mary Smith walked home at last, and the rain (it was cold) kept falling. "
    text = "Intro.\n" + sentence * (3 * MAX_PIECE // len(sentence))
    span = Span(7, len(text))
    cut = list(pieces(text, [span]))
    assert "".join(p for _, p in cut) == text[7:]
    assert [o for o, _ in cut] == [7] + [o + len(p) for o, p in cut[:-1]]  # contiguous offsets
    assert len(cut) >= len(text) // CHUNK and all(len(p) <= CHUNK for _, p in cut)
    assert all(p.endswith("falling. ") for _, p in cut[:-1])  # never inside a sentence
    short = "One sentence here. " * 50
    assert list(pieces(short, [Span(0, len(short))])) == [(0, short)]  # normal paragraphs untouched
    solid = "x" * (MAX_PIECE + 1)  # no white space at all: hard cuts
    assert [len(p) for _, p in pieces(solid, [Span(0, len(solid))])] == [CHUNK] * 4 + [1]


def test_sentences_of_a_long_line_do_not_cross_chunk_seams():
    text = " ".join(f"Anna Brown counted the boats in harbour number {i} before noon." for i in range(400))
    sentences, _ = run_spacy(text, [Span(0, len(text))], n_process=1)
    assert len(text) > MAX_PIECE
    assert [text[s.start : s.end] for s in sentences] == [
        f"Anna Brown counted the boats in harbour number {i} before noon." for i in range(400)]


def test_sentences_and_people_are_spans_into_the_text():
    text = "Ignored heading\n\nMary Smith walked home. She was tired.\n\n\"Good night,\" said John Brown."
    first = text.index("Mary")
    second = text.index('"Good')
    paras = [Span(first, text.index("tired.") + 6), Span(second, len(text))]
    sentences, entities = run_spacy(text, paras, n_process=1)
    assert [text[s.start : s.end] for s in sentences] == [
        "Mary Smith walked home.", "She was tired.", "\"Good night,\" said John Brown."]
    people = [text[e.start : e.end] for e in entities if e.label == "PERSON"]
    assert "Mary Smith" in people and "John Brown" in people
    assert all(e.start >= 17 for e in entities)  # nothing from outside the paragraphs
