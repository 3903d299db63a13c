"""The document model: one immutable ``Story`` and its stand-off layers.

Every annotation is a ``(start, end)`` pair of Python ``str`` offsets into ``Story.text``;
the text itself is never rewritten.  All classes are frozen and hold tuples, so a stage
cannot change what an earlier stage produced: it returns new layers and the pipeline
builds a new ``Story`` with :func:`dataclasses.replace`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Literal

Gender = Literal["F", "M", "X"]
QuoteType = Literal["explicit", "anaphoric", "implicit"]
Person = Literal["first", "second", "third"]


@dataclass(frozen=True, slots=True)
class Span:
    """A plain stretch of text: paragraphs, sentences, scenes, italics."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Site clutter set aside from the story: stats lines, footers, author notes, titles.

    ``kind`` is one of: stats, footer, title, heading, prompt, author_note, navigation, license, metadata
    (a fan-fiction archive's work header: rating, fandom, characters, tags, summary).
    """

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Chapter:
    start: int
    end: int
    title: str | None


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity mention from the NLP stage (spaCy label: PERSON, GPE, ...)."""

    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A reference to a character: a name, a pronoun or a nominal (``his lady``)."""

    start: int
    end: int
    character: str
    kind: Literal["name", "pronoun", "nominal", "vocative"] = "name"


@dataclass(frozen=True, slots=True)
class Character:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    gender: Gender = "X"
    mentions: int = 0
    quotes: int = 0
    narrator: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation including its marks; ``speaker`` and ``addressees`` are character ids."""

    id: str
    start: int
    end: int
    speaker: str | None = None
    addressees: tuple[str, ...] = ()
    type: QuoteType = "implicit"
    confidence: float = 0.0
    conversation: str | None = None


@dataclass(frozen=True, slots=True)
class Conversation:
    id: str
    start: int
    end: int
    participants: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch told by one voice: ``narrator`` for first person, ``pov`` for limited third."""

    start: int
    end: int
    person: Person
    narrator: str | None = None
    pov: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    path: str | None
    format: str
    encoding: str
    sha256: str


@dataclass(frozen=True, slots=True)
class Story:
    """A story as data.  Layers are empty tuples until the stage that provides them runs."""

    text: str
    source: Source
    title: str | None = None
    boilerplate: tuple[Boilerplate, ...] = ()
    chapters: tuple[Chapter, ...] = ()
    scenes: tuple[Span, ...] = ()
    paragraphs: tuple[Span, ...] = ()
    sentences: tuple[Span, ...] = ()
    italics: tuple[Span, ...] = ()
    entities: tuple[Entity, ...] = field(default=(), metadata={"json": False})
    characters: tuple[Character, ...] = ()
    mentions: tuple[Mention, ...] = field(default=(), metadata={"json": False})
    quotes: tuple[Quote, ...] = ()
    conversations: tuple[Conversation, ...] = ()
    segments: tuple[Segment, ...] = ()
    emotion: dict | None = None
    network: dict | None = None

    def span_text(self, span) -> str:
        return self.text[span.start : span.end]

    def character(self, char_id: str | None) -> Character | None:
        for c in self.characters:
            if c.id == char_id:
                return c
        return None

    def to_dict(self) -> dict:
        from fabula.export.json_format import story_to_dict

        return story_to_dict(self)

    def to_json(self, indent: int | None = None) -> str:
        from fabula.export.json_format import story_to_json

        return story_to_json(self, indent=indent)


LAYERS: tuple[str, ...] = tuple(f.name for f in fields(Story))
