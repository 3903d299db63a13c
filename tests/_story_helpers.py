"""Build a Story for the characters/speakers stages without spaCy: regex sentences, no entities."""

from __future__ import annotations

import dataclasses
import re

import fabula
from fabula.model import Span
from fabula.pipeline import REGISTRY, Context, Pipeline

Pipeline()  # registers every stage module

_SENT = re.compile(r"[^.!?]+(?:[.!?]+[\"”’]?|$)")


def prepared(text: str):
    story = fabula.load(text)
    for name in ("structure", "quotes"):
        story = REGISTRY[name](story, Context())
    sents = []
    for p in story.paragraphs:
        for m in _SENT.finditer(text, p.start, p.end):
            if text[m.start() : m.end()].strip():
                s = m.start() + (len(m.group()) - len(m.group().lstrip()))
                sents.append(Span(s, m.end()))
    return dataclasses.replace(story, sentences=tuple(sents), entities=())


def run(text: str, *, cast=None, speakers: bool = True):
    from fabula.cast import load_cast

    story = prepared(text)
    ctx = Context(cast=load_cast(cast) if cast is not None else None)
    story = REGISTRY["characters"](story, ctx)
    if speakers:
        story = REGISTRY["speakers"](story, ctx)
    return story


def speaker_names(story) -> list[str | None]:
    names = {c.id: c.name for c in story.characters}
    return [names.get(q.speaker) for q in story.quotes]
