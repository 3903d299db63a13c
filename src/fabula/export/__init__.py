"""Writers: each turns a finished ``Story`` into a file format; none of them lives on the model.

A writer is registered under the name used by ``--format``.  ``directory=True`` writers
take an output directory (Parquet, BookNLP); the others write one file or stdout.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from fabula.model import Story


@dataclass(frozen=True)
class Writer:
    name: str
    write: Callable[[Story, Path | None], None]
    directory: bool = False
    suffix: str = ""


WRITERS: dict[str, Writer] = {}

# Where each format's writer lives: only the chosen one is imported (pyarrow is slow to load).
WRITER_MODULES: dict[str, str] = {
    "json": "fabula.export.json_format",
    "text": "fabula.export.text_summary",
    "html": "fabula.export.html_reader",
    "parquet": "fabula.export.tables",
    "booknlp": "fabula.export.booknlp",
    "graphml": "fabula.export.graphml",
    "dialogue": "fabula.export.dialogue",
}


def writer(name: str, *, directory: bool = False, suffix: str = ""):
    def register(fn):
        WRITERS[name] = Writer(name, fn, directory, suffix)
        return fn

    return register


def formats() -> list[str]:
    return sorted(WRITER_MODULES)


def get_writer(name: str) -> Writer | None:
    """The writer for ``name``, importing only its module."""
    if name not in WRITERS and name in WRITER_MODULES:
        importlib.import_module(WRITER_MODULES[name])
    return WRITERS.get(name)


def writers() -> dict[str, Writer]:
    for name in WRITER_MODULES:
        get_writer(name)
    return WRITERS
