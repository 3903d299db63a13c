"""``fabula eval``: run fabula end to end on annotated corpora and score it.

Corpora: PDNC (one folder per novel), LitBank (excerpts aligned to their original text) and
web-fiction ``*.gold.json``.  Each work is analysed with ``fabula.analyze`` (whatever stages
are installed), optionally a second time with the gold cast given, and scored like the
independent scorer does.  Results are plain data (no timings, no dates) so runs can be diffed.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from fabula.errors import InputError
from fabula.evaluate.gold import GoldWork, load_gold_json, load_pdnc, pdnc_works
from fabula.evaluate.scoring import Counts, macro, score

CORPORA = ("pdnc", "litbank", "gold")
VARIANTS = ("default", "cast")  # "cast": the gold character list is given to fabula


@dataclass(frozen=True)
class WorkRef:
    """What is needed to load one work (cheap to send to a worker process)."""

    corpus: str
    name: str
    path: str
    stem: str | None = None

    def load(self) -> GoldWork:
        if self.corpus == "pdnc":
            return load_pdnc(Path(self.path))
        if self.corpus == "gold":
            return load_gold_json(Path(self.path))
        from fabula.evaluate.litbank import load_litbank_work

        return load_litbank_work(Path(self.path), self.stem or self.name)


def find_works(corpus: str, paths: Iterable[str], names: Iterable[str] | None = None, limit: int | None = None) -> list[WorkRef]:
    """The works of ``corpus`` under ``paths``, filtered by ``names`` (exact or case-insensitive prefix), sorted."""
    paths = list(paths)
    if corpus not in CORPORA:
        raise InputError(f"unknown corpus {corpus!r} (choose from {', '.join(CORPORA)})")
    if not paths:
        raise InputError(f"fabula eval {corpus}: give a path")
    refs: list[WorkRef] = []
    if corpus == "pdnc":
        for p in paths:
            refs += [WorkRef("pdnc", f.name, str(f)) for f in pdnc_works(Path(p))]
    elif corpus == "litbank":
        from fabula.evaluate.litbank import litbank_stems

        for p in paths:
            refs += [WorkRef("litbank", s, str(p), s) for s in litbank_stems(Path(p))]
    else:
        for p in paths:
            path = Path(p)
            if path.is_dir():
                refs += [WorkRef("gold", f.name[: -len(".gold.json")], str(f)) for f in sorted(path.glob("*.gold.json"))]
            elif path.is_file() and path.name.endswith(".gold.json"):
                refs.append(WorkRef("gold", path.name.removesuffix(".gold.json"), str(path)))
            elif path.is_file():
                raise InputError(f"{path}: expected a NAME.gold.json file")
            else:
                raise InputError(f"{path}: no such file")
    if not refs:
        raise InputError(f"no {corpus} works found in {', '.join(paths)}")
    if names:
        wanted = [n.strip().lower() for n in names if n.strip()]
        refs = [r for r in refs if any(r.name.lower() == w or r.name.lower().startswith(w) for w in wanted)]
        if not refs:
            raise InputError(f"no work matches --works {','.join(names)}")
    if limit is not None:
        refs = refs[: max(0, limit)]
    return refs


def evaluate_work(ref: WorkRef, cast_from_gold: bool = False, n_process: int = 0,
                  predictions: str | None = None) -> dict:
    """Analyse and score one work; failures are reported in the result, not raised."""
    import fabula
    from fabula import ingest

    started = time.perf_counter()
    out: dict = {"work": ref.name, "variants": {}}
    try:
        work = ref.load()
        out["quotes"] = len(work.quotes)
        story = ingest.story_from_text(work.text, path=ref.path)
        for variant in VARIANTS if cast_from_gold else VARIANTS[:1]:
            cast = work.cast() if variant == "cast" else None
            analysed = fabula.analyze(story, cast=cast, n_process=n_process)
            pred = analysed.to_dict()
            if "mentions" in work.meta:  # LitBank scores speakers by mention overlap too (not in the JSON)
                from fabula.export.json_format import plain

                pred["mentions"] = plain(analysed.mentions)
            counts = score(work, pred)
            out["variants"][variant] = {"counts": counts.to_dict(), "metrics": counts.metrics()}
            if predictions:
                from fabula.io_util import atomic_write

                suffix = "" if variant == "default" else ".cast"
                atomic_write(Path(predictions) / f"{ref.corpus}-{ref.name}{suffix}.json", analysed.to_json() + "\n")
    except Exception as exc:  # one bad work must not lose the others' results
        if os.environ.get("FABULA_DEBUG"):
            raise
        out["error"] = f"{type(exc).__name__}: {exc}"
    out["seconds"] = time.perf_counter() - started
    return out


def _worker(args: tuple) -> dict:
    return evaluate_work(*args)


def run_works(refs: list[WorkRef], *, cast_from_gold: bool = False, jobs: int = 1, n_process: int = 0,
              predictions: str | None = None) -> Iterator[dict]:
    """Yield each work's result in order; ``jobs > 1`` analyses works in forked processes."""
    if jobs > 1 and len(refs) > 1 and "fork" in multiprocessing.get_all_start_methods():
        from fabula.nlp import load_nlp

        load_nlp()  # loaded once, shared by the forked workers
        args = [(r, cast_from_gold, 1, predictions) for r in refs]
        with multiprocessing.get_context("fork").Pool(min(jobs, len(refs)), maxtasksperchild=4) as pool:
            yield from pool.imap(_worker, args)
    else:
        for r in refs:
            yield evaluate_work(r, cast_from_gold, n_process, predictions)


def summarise(corpus: str, results: list[dict], stages: Iterable[str]) -> dict:
    """The JSON report: per work, then micro totals (over all quotes) and macro means (over works)."""
    from fabula import __version__

    works = [{k: v for k, v in r.items() if k != "seconds"} for r in results]
    total: dict = {}
    for variant in VARIANTS:
        done = [r["variants"][variant] for r in results if variant in r.get("variants", {})]
        if not done:
            continue
        summed = Counts()
        for d in done:
            summed.add(Counts(**d["counts"]))
        total[variant] = {"works": len(done), "micro": summed.metrics(),
                          "macro": macro([d["metrics"] for d in done])}
    return {"fabula": __version__, "corpus": corpus, "stages": list(stages), "works": works, "total": total}


def evaluate(corpus: str, paths: Iterable[str], *, names=None, limit=None, cast_from_gold=False, jobs=1,
             n_process=0, predictions=None, on_result: Callable[[dict], None] | None = None) -> dict:
    """Run the whole evaluation and return the report (see :func:`summarise`)."""
    from fabula.pipeline import Pipeline

    refs = find_works(corpus, paths, names, limit)
    results = []
    for r in run_works(refs, cast_from_gold=cast_from_gold, jobs=jobs, n_process=n_process, predictions=predictions):
        results.append(r)
        if on_result:
            on_result(r)
    return summarise(corpus, results, Pipeline().names)
