"""The unit of batch work: one payload in, a compact picklable result out.

Runs in a local worker process or a Ray worker alike.  A worker loads spaCy once (``load_nlp``
is cached per process) and analyses with ``n_process=1``: parallelism is across documents.
It returns Arrow IPC bytes, never a ``Story``, so results cross process boundaries cheaply.
Every failure becomes an error result with a one-line reason; nothing propagates.
"""

from __future__ import annotations

import os
import re
import time


def one_line(text: str, limit: int = 300) -> str:
    line = re.sub(r"\s+", " ", text).strip()
    return line if len(line) <= limit else line[: limit - 1] + "…"


def error_result(doc_id: str, kind: str, reason: str) -> dict:
    return {"doc_id": doc_id, "ok": False, "kind": kind, "reason": one_line(reason) or kind}


def _story(payload: dict):
    from fabula import ingest
    from fabula.errors import InputError

    if "data" in payload:
        data = payload["data"]
        if not data.strip():
            raise InputError("empty input")
        story = ingest.story_from_bytes(data, fmt=payload["fmt"], path=payload["label"])
    else:
        text = payload["text"]
        if not text.strip():
            raise InputError("empty input")
        story = ingest.story_from_text(text, path=payload["label"])
    if not story.text.strip():
        raise InputError("no story text found")
    return story


def _test_fault(label: str) -> None:
    """Test hook: ``_FABULA_TEST_FAULT="crash:NAME,hang:NAME"`` makes a worker die, or hang,
    on documents whose source contains NAME (how the tests prove a job survives both)."""
    for rule in filter(None, os.environ.get("_FABULA_TEST_FAULT", "").split(",")):
        fault, _, name = rule.partition(":")
        if name and name in label:
            if fault == "crash":
                os._exit(3)
            if fault == "hang":
                time.sleep(3600)


def analyse(payload: dict, options: dict | None = None) -> dict:
    """Analyse one document; ``options``: ``json`` (also return the JSON text)."""
    import fabula
    from fabula.errors import FabulaError
    from fabula.export.tables import ipc_bytes, story_tables

    options = options or {}
    doc_id = payload["doc_id"]
    cpu = time.process_time()
    try:
        _test_fault(payload.get("label", ""))
        story = fabula.analyze(_story(payload), n_process=1)
        tables = story_tables(story, doc_id)
        result = {
            "doc_id": doc_id,
            "ok": True,
            "words": int(tables["documents"].column("words")[0].as_py() or 0),
            "tables": {name: ipc_bytes(t) for name, t in tables.items()},
            "cpu": time.process_time() - cpu,  # for capacity planning: kept in the part manifest
        }
        if options.get("json"):
            result["json"] = story.to_json() + "\n"
        return result
    except FabulaError as exc:
        return error_result(doc_id, "input", str(exc))
    except RecursionError:
        return error_result(doc_id, "internal", "RecursionError: input too deeply nested")
    except MemoryError:
        return error_result(doc_id, "internal", "MemoryError: document too large for this worker")
    except Exception as exc:  # a bug: recorded for this document, the batch goes on
        return error_result(doc_id, "internal", f"{type(exc).__name__}: {exc}")


def warm_up() -> None:
    """Import the pipeline and load the model before the first document arrives."""
    from fabula.nlp import load_nlp
    from fabula.pipeline import _load_stage_modules

    _load_stage_modules()
    load_nlp()
