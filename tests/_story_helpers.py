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


def turn_features(text: str, cast, only=None) -> dict[int, dict[str, set[str]]]:
    """The turn model's features of a small story: {turn's first quote: {character name: its features}}
    (``only``: keep these feature names)."""
    from fabula.speakers import Attributor, build
    from fabula.speakers.lattice import EMISSION

    story = run(text, cast=cast, speakers=False)
    att = Attributor(story)
    convs, speakers, types, confs, cue_to, vocs = att.run()
    names = {c.id: c.name for c in story.characters}
    out = {}
    for conv in build(att, convs, speakers, types, confs, att.cue_gender, vocs, cue_to):
        for u, t in enumerate(conv.turns):
            out[t.quotes[0]] = {names[c]: {EMISSION[i] for i, x in enumerate(conv.emis[u, k])
                                           if x and (only is None or EMISSION[i] in only)}
                                for k, c in enumerate(conv.cands)}
    return out
