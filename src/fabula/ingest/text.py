"""Decoding bytes: BOMs first, then strict UTF-8, then cp1252, then latin-1.

Generic charset detectors misread cp1252 fiction (curly quotes become Cyrillic), so we try
the encodings fiction actually comes in, in order, and record which one worked.
"""

from __future__ import annotations

import codecs

from fabula.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Bytes that never occur in text: NUL and most C0 controls (tab, newlines, form feed allowed).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(bytes([b])) for b in _CONTROL)
    return controls > max(8, len(sample) // 100)


def _cp1252_for_invalid(err: UnicodeDecodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejected as cp1252 (latin-1 where cp1252 has a hole)."""
    bad = err.object[err.start : err.end]
    return "".join(bytes([b]).decode("cp1252", errors="strict") if b not in _CP1252_HOLES else chr(b) for b in bad), err.end


_CP1252_HOLES = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})
codecs.register_error("fabula-cp1252", _cp1252_for_invalid)


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte of a sample is NUL (text saved without a BOM)."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.6 * len(odd) and even.count(0) <= 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.6 * len(even) and odd.count(0) <= 0.05 * len(odd):
        return "utf-16-be"
    return None


def _printable(text: str) -> bool:
    sample = text[:2048]
    return sum(ch.isprintable() or ch in "\n\r\t" for ch in sample) >= 0.95 * len(sample)


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise ``InputError`` for binary data.

    UTF-8 with a few stray cp1252 bytes (a curly quote pasted into a UTF-8 file) keeps its UTF-8
    and reads only the stray bytes as cp1252 (``utf-8+cp1252``); a file with no valid UTF-8
    multi-byte sequence at all is cp1252 throughout (latin-1 if it uses cp1252's unassigned bytes).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name.replace("-sig", "") + " (BOM)"
            except UnicodeDecodeError:
                raise InputError(f"invalid {name} after a byte-order mark") from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            text = data.decode(utf16)
            if _printable(text):
                return text, utf16
        except UnicodeDecodeError:
            pass
    if looks_binary(data):
        raise InputError("binary data, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Count, at C speed, the characters UTF-8 could read (non-ASCII) against the bytes it could not.
    replaced = data.decode("utf-8", errors="replace")
    stray = replaced.count("\ufffd") - data.count("\ufffd".encode())
    valid = len(replaced) - len(replaced.encode("ascii", "ignore")) - stray
    if valid > 0 and valid >= stray:
        return data.decode("utf-8", errors="fabula-cp1252"), "utf-8+cp1252"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
