"""The terminal summary: cast table, quotes by speaker and the emotion sparkline."""

import dataclasses

from fabula.export.text_summary import (
    cast_rows,
    main_emotions,
    narration,
    render,
    sparkline,
    speaker_counts,
)
from fabula.model import Character, Conversation, Quote, Segment, Source, Span, Story


def story(**layers) -> Story:
    text = '"Go," said Mara. "No," said Tom. "Fine." "Why?"\n'
    base = Story(
        text=text, source=Source("/b/s.txt", "txt", "utf-8", "0" * 64), title="Go", paragraphs=(Span(0, len(text) - 1),),
        characters=(Character("C1", "Mara", ("Mara", "Mar"), "F", mentions=9, quotes=2, narrator=True),
                    Character("C2", "Tom", (), "M", mentions=4, quotes=1)),
        quotes=(Quote("Q1", 0, 5, "C1"), Quote("Q2", 17, 22, "C2"), Quote("Q3", 33, 40, "C1"), Quote("Q4", 41, 47, None)),
        emotion={"story": {"valence": [0.0, 0.5, 1.0, -1.0], "points": 4,
                           "emotions": {"joy": [0, 1, 0, 0], "fear": [2, 2, 0, 0], "anger": [0, 0, 0, 0], "trust": [1, 0, 0, 0]}}},
        conversations=(Conversation("D1", 0, 40, ("C1", "C2"), ("Q1", "Q2", "Q3")),),
        segments=(Segment(0, 16, "first", "C1", "C1"), Segment(16, 33, "third", None, "C2"), Segment(33, 48, "third")),
    )
    return dataclasses.replace(base, **layers)


def test_sparkline_spans_the_range():
    assert sparkline([0, 1, 2, 3, 4, 5, 6, 7]) == "▁▂▃▄▅▆▇█"
    assert len(sparkline(list(range(500)), width=40)) == 40
    assert sparkline([2, 2, 2]) == "▄▄▄" and sparkline([]) == ""


def test_cast_and_speakers():
    assert cast_rows(story()) == [("Mara", "Mar", "F", "9", "2", "✎ narrator"), ("Tom", "", "M", "4", "1", "")]
    assert speaker_counts(story()) == [("Mara", 2), ("Tom", 1), ("(unattributed)", 1)]


def test_main_emotions():
    assert main_emotions(story()) == ["fear", "joy", "trust"]
    assert main_emotions(story(emotion=None)) == [] and main_emotions(story(emotion={"story": {"emotions": {"x": "bad"}}})) == []


def test_narration_by_voice():
    assert narration(story()) == "first person: Mara 3 words; third person, point of view: Tom 3 words; third person: 2 words"
    assert narration(story(segments=())) == ""


def test_render_shows_everything():
    out = render(story(), color=False)
    for piece in ("Mara", "Mar", "✎ narrator", "quotes by speaker", "(unattributed)", "emotion arc", "▁", "█",
                  "conversations", "narration", "main emotions", "fear, joy, trust"):
        assert piece in out, piece
    bare = render(story(characters=(), quotes=(), emotion=None, segments=(), conversations=()), color=False)
    for piece in ("cast", "emotion arc", "quotes by speaker", "narration", "conversations"):
        assert piece not in bare, piece
