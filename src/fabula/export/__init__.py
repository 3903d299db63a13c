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

# Modules that register writers; a module not written yet is simply absent.
WRITER_MODULES = (
    "fabula.export.json_format",
    "fabula.export.text_summary",
    "fabula.export.html_reader",
    "fabula.export.tables",
    "fabula.export.booknlp",
    "fabula.export.graphml",
    "fabula.export.dialogue",
)


def writer(name: str, *, directory: bool = False, suffix: str = ""):
    def register(fn):
        WRITERS[name] = Writer(name, fn, directory, suffix)
        return fn

    return register


def writers() -> dict[str, Writer]:
    for module in WRITER_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    return WRITERS
