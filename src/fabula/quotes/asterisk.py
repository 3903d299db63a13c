"""Speech written between asterisks: the mind-link of werewolf web fiction (``*Luna.*``,
``*Don't call me that,* I link back.``).

Plain-text web fiction also uses ``*...*`` for italics: inner thoughts (``*Please don't let him be
here.*``), emphasis, flashback paragraphs.  So asterisks are speech only on evidence.  A span that a
speech tag follows (``*Mate,* Kai growls.``, not ``*Thursday*, I think.``) is speech by itself, with
the other spans of its paragraph.  A text with two such tagged spans speaks in asterisks: then every
asterisk span that is a sentence of its own (it opens its paragraph or a sentence and ends in
punctuation) in a paragraph with no quotation marks is speech too.
"""

from __future__ import annotations

import re

from fabula.lexicon import SPEECH_VERBS, verb_forms
from fabula.model import Span

# A span between asterisks on one line; ``* * *`` (a scene break) and ``2*3*4`` are none.
_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])[^*\n]*?[^\s*]\*(?![\w*])")
_QUOTE_MARKS = "\"“”„«»"
# Verbs of thinking: a span they tag is a thought, not speech.
_THOUGHT = verb_forms(("think", "wonder", "muse", "guess", "reflect", "recall", "reckon", "surmise", "pray",
                       "marvel", "note", "hope", "wish", "realise", "realize"))
_SPEAK = (SPEECH_VERBS - _THOUGHT) | verb_forms(("link", "mind-link", "mindlink", "project", "send"))
_NAME = r"(?:I|he|she|they|we|it|(?:[Hh]is|[Hh]er|[Mm]y|[Tt]heir|[Tt]he) \w+|[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)"
_TAG = re.compile(r"[ \t]+" + _NAME + r"[ \t]+(?:\w+ly[ \t]+)?([a-z-]+)\b")
_SENTENCE_BEFORE = re.compile(r"(?:^|[.!?…*][ \t]+)$")


def _spans(text: str, p: Span) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _STAR.finditer(text, p.start, p.end)
            if not any(c in _QUOTE_MARKS for c in m.group())]


def _tag_verb(text: str, e: int, p: Span) -> str | None:
    m = _TAG.match(text, e, p.end)
    return m.group(1) if m else None


def _tagged(text: str, s: int, e: int, p: Span) -> bool:
    """A speech tag right after the span, which ends in punctuation: ``*Mate,* Kai growls``."""
    return text[e - 2] in ",.!?…—-" and _tag_verb(text, e, p) in _SPEAK


def _sentence(text: str, s: int, e: int, p: Span) -> bool:
    """The span is a sentence of its own: at the paragraph or a sentence start, ending in punctuation."""
    return text[e - 2] in ".!?…,—-" and bool(_SENTENCE_BEFORE.search(text[max(p.start, s - 4) : s]))


def asterisk_quotes(text: str, paragraphs: tuple[Span, ...],
                    by_para: list[list[tuple[int, int]]]) -> list[list[tuple[int, int]]]:
    """The asterisk speech of each paragraph (empty lists in a text without evidence)."""
    if "*" not in text:
        return [[] for _ in paragraphs]
    stars = [_spans(text, p) for p in paragraphs]
    tagged = [any(_tagged(text, s, e, p) for s, e in spans) for p, spans in zip(paragraphs, stars)]
    channel = sum(tagged) >= 2
    out: list[list[tuple[int, int]]] = []
    for p, spans, quoted, tag in zip(paragraphs, stars, by_para, tagged):
        if quoted or not spans or not (tag or channel):
            out.append([])
            continue
        if not tag and not all(_sentence(text, s, e, p) and _tag_verb(text, e, p) not in _THOUGHT
                               for s, e in spans):
            out.append([])
            continue
        out.append(spans)
    return out
