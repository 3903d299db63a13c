"""Emotion: polarity, negation, intensifiers, arcs of fixed length, characters and relationships."""

from __future__ import annotations

import dataclasses
import json

import pytest

import fabula
from fabula.emotion import CHAPTER_POINTS, STORY_POINTS, emotion_stage
from fabula.emotion.lexicon import EMOTIONS, Scorer
from fabula.model import Character, Mention, Span
from fabula.pipeline import Context


@pytest.fixture(scope="module")
def scorer():
    return Scorer()


def test_polarity(scorer):
    assert scorer.score("She was happy and laughed with delight.").valence > 0.3
    assert scorer.score("He was miserable, furious and afraid.").valence < -0.3
    assert scorer.score("The door was on the left.").valence == 0.0


def test_negation_flips(scorer):
    assert scorer.score("She was happy.").valence > 0 > scorer.score("She was not happy.").valence
    assert scorer.score("He wasn't afraid.").valence > 0
    joy = EMOTIONS.index("joy")
    assert scorer.score("She was happy.").emotions[joy] > 0 and scorer.score("She was never happy.").emotions[joy] == 0


def test_intensifiers(scorer):
    plain, very, slight = (scorer.score(f"She was {w}happy.").valence for w in ("", "very ", "slightly "))
    assert very > plain > slight > 0
    assert scorer.score("He was extremely angry.").emotions[EMOTIONS.index("anger")] > scorer.score("He was angry.").emotions[EMOTIONS.index("anger")]


def test_basic_emotions_and_inflections(scorer):
    s = scorer.score("She was terrified, trembling, and he smiled happily.")
    rates = dict(zip(EMOTIONS, s.emotions))
    assert rates["fear"] >= 2 and rates["joy"] >= 2 and rates["disgust"] == 0


def _story(text: str, **layers):
    story = fabula.analyze(text, stages=["structure", "quotes"])
    sents = []
    for p in story.paragraphs:  # one sentence per full stop, enough for these tests
        start = p.start
        for i, ch in enumerate(story.text[p.start : p.end]):
            if ch in ".!?" and (p.start + i + 1 == p.end or story.text[p.start + i + 1] == " "):
                sents.append(Span(start, p.start + i + 1))
                start = p.start + i + 2
    return dataclasses.replace(story, sentences=tuple(sents), **layers)


@pytest.mark.parametrize("n_paragraphs", [1, 3, 40])
def test_arcs_have_fixed_length(n_paragraphs):
    text = "\n\n".join(f"Day {i}. She was {'happy' if i % 2 else 'sad'} today." for i in range(n_paragraphs))
    emotion = emotion_stage(_story(text), Context())["emotion"]
    assert emotion["story"]["points"] == STORY_POINTS == len(emotion["story"]["valence"])
    assert all(len(v) == STORY_POINTS for v in emotion["story"]["emotions"].values())
    assert set(emotion["story"]["emotions"]) == set(EMOTIONS)
    assert all(len(c["valence"]) == CHAPTER_POINTS for c in emotion["chapters"])
    assert len(emotion["paragraphs"]["valence"]) == n_paragraphs
    json.dumps(emotion)


def test_arc_follows_the_story():
    happy = "She laughed with joy and delight. Everything was wonderful and she was happy."
    sad = "She wept in misery and grief. Everything was terrible and she was miserable."
    text = "\n\n".join([happy] * 10 + [sad] * 10)
    arc = emotion_stage(_story(text), Context())["emotion"]["story"]["valence"]
    assert arc[5] > 0.3 and arc[-5] < -0.3
    assert emotion_stage(_story(text), Context())["emotion"] == emotion_stage(_story(text), Context())["emotion"]


def test_characters_and_relationships():
    text = '"I love you, you are wonderful," Ann said to Bob.\n\n"I hate you," Bob said. Bob was furious.'
    base = _story(text)
    q1, q2 = base.quotes
    quotes = (dataclasses.replace(q1, speaker="C1", addressees=("C2",)), dataclasses.replace(q2, speaker="C2", addressees=("C1",)))
    bob = text.rindex("Bob was")
    story = dataclasses.replace(
        base,
        quotes=quotes,
        characters=(Character("C1", "Ann", gender="F"), Character("C2", "Bob", gender="M")),
        mentions=(Mention(bob, bob + 3, "C2"),),
    )
    emotion = emotion_stage(story, Context())["emotion"]
    chars = emotion["characters"]
    assert chars["C1"]["said"]["valence"] > 0 > chars["C2"]["said"]["valence"]
    assert chars["C2"]["narration"]["valence"] < 0 and chars["C1"]["narration"] is None
    rel = {(r["source"], r["target"]): r for r in emotion["relationships"]}
    assert rel[("C1", "C2")]["valence"] > 0 > rel[("C2", "C1")]["valence"]
    assert rel[("C2", "C1")]["emotions"]["anger"] > 0
