"""Ingestion: turn a path, bytes or a string into a ``Story`` with its ``Source``.

Readers are registered by file suffix; each returns the extracted text, the italic spans
(web fiction puts inner thoughts in italics) and the encoding it used.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from fabula.errors import InputError
from fabula.model import Source, Span, Story

MAX_INPUT_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Extracted:
    text: str
    encoding: str
    italics: tuple[Span, ...] = ()
    title: str | None = None


Reader = Callable[[bytes], Extracted]
READERS: dict[str, tuple[str, Reader]] = {}  # suffix -> (format name, reader)


def reader(fmt: str, *suffixes: str) -> Callable[[Reader], Reader]:
    def register(fn: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix] = (fmt, fn)
        return fn

    return register


def _read_plain(data: bytes) -> Extracted:
    from fabula.ingest.text import decode

    text, encoding = decode(data)
    return Extracted(text=text, encoding=encoding)


READERS.update({".txt": ("txt", _read_plain), ".md": ("md", _read_plain), "": ("txt", _read_plain)})

for _module in ("fabula.ingest.html", "fabula.ingest.epub"):
    try:
        __import__(_module)
    except ModuleNotFoundError as _exc:
        if _exc.name != _module:
            raise


def sniff_format(data: bytes) -> str:
    """Guess the format of unnamed bytes (stdin, ``fabula.load(bytes)``): zip means EPUB, tags mean HTML."""
    if data.startswith(b"PK\x03\x04"):
        return "epub"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or (head.startswith(b"<") and b"<body" in data[:65536].lower()):
        return "html"
    return "txt"


def story_from_bytes(data: bytes, *, fmt: str | None = None, path: str | None = None) -> Story:
    """``fmt=None`` (bytes with no name) guesses the format from the bytes."""
    fmt = fmt or sniff_format(data)
    suffix = {v[0]: k for k, v in reversed(list(READERS.items()))}.get(fmt, ".txt")
    name, read = READERS.get(suffix, READERS[".txt"])
    extracted = read(data)
    return _story(extracted, name, path, data)


def story_from_text(text: str, *, path: str | None = None) -> Story:
    if text.startswith("\ufeff"):
        text = text[1:]
    return _story(Extracted(text=text, encoding="str"), "txt", path, text.encode("utf-8"))


def story_from_path(path: str | os.PathLike) -> Story:
    """Read a file (or ``-`` for stdin) into a Story; every failure is an ``InputError``."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        return _checked(data, "stdin", lambda d: story_from_bytes(d, fmt=None, path="-"))
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, not a story file")
    suffix = p.suffix.lower()
    if suffix not in READERS:
        raise InputError(f"{p}: unsupported file type {suffix!r} (use .txt, .md, .html, .xhtml or .epub)")
    if p.stat().st_size > MAX_INPUT_BYTES:
        raise InputError(f"{p}: larger than {MAX_INPUT_BYTES // 2**20} MB")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None
    fmt, read = READERS[suffix]
    return _checked(data, str(p), lambda d: _story(read(d), fmt, str(p), d))


def _checked(data: bytes, label: str, build: Callable[[bytes], Story]) -> Story:
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{label}: larger than {MAX_INPUT_BYTES // 2**20} MB")
    if not data.strip():
        raise InputError(f"{label}: empty input")
    try:
        story = build(data)
    except InputError as exc:
        message = str(exc)
        raise InputError(message if message.startswith(label) else f"{label}: {message}") from None
    except RecursionError:
        raise InputError(f"{label}: nested too deeply to read") from None
    if not story.text.strip():
        raise InputError(f"{label}: no story text found")
    return story


def _story(extracted: Extracted, fmt: str, path: str | None, raw: bytes) -> Story:
    source = Source(path=path, format=fmt, encoding=extracted.encoding, sha256=hashlib.sha256(raw).hexdigest())
    return Story(text=extracted.text, source=source, title=extracted.title, italics=extracted.italics)
