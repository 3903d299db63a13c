"""Chapter headings, POV headings and scene-break lines.

A heading has a *kind*, which is also its rank in the book's hierarchy:

- ``part``    — ``Part II``, ``BOOK ONE``, ``Volume 3``
- ``chapter`` — ``Chapter 1``, ``CHAPTER IV.``, ``Chapter Twelve: Rain``, ``Prologue``, ``Letter 4``
- ``number``  — a lone ``IV`` or ``12`` (also ``[ 12 ]``, ``— IV —``), or a number with a title (``I. The Return``, ``01 My Early Home``)
- ``pov``     — ``Ares' POV``, ``POV: Alana``, a lone name in capitals (``ALANA``)
- ``caps``    — a short line in capitals (``THE HEAT-RAY``): a section or story title

Which kind makes chapters depends on the book (see ``fabula.structure``): a lone numeral is a
chapter in a book of numerals and a section inside a book of ``CHAPTER`` headings.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from fabula.lexicon import TITLE_SMALL_WORDS

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last|final"
)
_NUMBER = rf"(?:\d+|[ivxlcdm]+|(?:{_NUMBER_WORDS})(?:[- ](?:and[- ])?(?:{_NUMBER_WORDS}))*)"
_REST = r"(?:\s*[:.\-–—]*\s*(?P<rest>.{0,80}))?"
_PART = re.compile(rf"^(?:part|book|volume|vol\.)\s+{_NUMBER}\b\.?{_REST}$", re.IGNORECASE)
_NAMED = r"(?:prologue|epilogue|interlude|afterword|foreword|preface|introduction|prelude|finale|conclusion|postscript)"
_CHAPTER = re.compile(
    rf"^(?:(?:chapter|chap\.|ch\.|letter)\s+(?:the\s+)?{_NUMBER}|{_NAMED})\b\.?{_REST}$",
    re.IGNORECASE,
)
_NAMED_SECTION = re.compile(rf"^{_NAMED}\b", re.IGNORECASE)
_ROMAN = r"(?=[IVXLC])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})"
_NUMERAL = re.compile(rf"^(?:{_ROMAN}|\d{{1,3}})\.?$")
# A numeral set off by brackets or matching dashes: ``[ 1 ]``, ``— I —``, ``~ 3 ~`` (not ``—I—``:
# a stammer in dash-style dialogue).
_DECORATED_NUMERAL = re.compile(
    rf"^(?:\[\s*(?:{_ROMAN}|\d{{1,3}})\.?\s*\]|(?P<d>[—–~•·-]{{1,3}})\s+(?:{_ROMAN}|\d{{1,3}})\.?\s+(?P=d))$"
)
_NUMBERED_TITLE = re.compile(rf"^(?:{_ROMAN}\.|\d{{1,3}}[.:)]?)\s+(?P<rest>\S.{{0,80}})$")
_POV = re.compile(
    r"^(?:[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?['’]s?\s+(?:POV|point of view|P\.O\.V\.?)"
    r"|POV\s*[:\-–—]?\s*[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?"
    r"|\((?:[A-Z][\w'’\-]+['’]s)\s+narrative(?:\s+resumed)?\))$",
    re.IGNORECASE,
)
_CAPS_NAME = re.compile(r"^[A-Z][A-Z'’\-]{1,20}(?:\s+[A-Z][A-Z'’\-]{1,20})?$")
_CAPS_LINE = re.compile(r"^[A-Z0-9][A-Z0-9'’\-,&.: ]{2,70}$")
# Capitals standing alone that are not names or titles.
_NOT_HEADING = frozenset(
    {"THE END", "END", "FIN", "NOTE", "NOTES", "CONTENTS", "NO", "OK", "OH", "AH", "YES", "TO BE CONTINUED",
     "FINIS", "ILLUSTRATIONS", "INDEX", "THE", "AND", "I", "A"}
)
_EMPHASIS = re.compile(r"^[_*=\s]+|[_*=\s]+$")
_SCENE_BREAK = re.compile(
    r"^(?:[*∗⁂✱❋]\s*){1,}$|^(?:[~#=_\-–—•·+]\s*){3,}$|^#$|^(?:o0o|0o0|oOo|OoO|xXx|XxX|ooo|OOO)+$"
    r"|^[◇◆❦§※⸙♡♥★☆]+(?:\s*[◇◆❦§※⸙♡♥★☆]+)*$|^(?:scene|page|line)\s+break$",
    re.IGNORECASE,
)


class Heading(NamedTuple):
    kind: str
    title: str  # the heading as one line, a subtitle joined with ": "


def _plain(line: str) -> str:
    """One line, white space collapsed, ``_italic_``/``**bold**`` markers removed."""
    return _EMPHASIS.sub("", " ".join(line.split()))


def title_like(line: str, *, strict: bool = False) -> bool:
    """A short line that reads as a title: mostly capitalised words, no sentence or dialogue marks.

    ``strict`` (for a line standing on its own) also refuses a closing ``.!?`` unless in capitals,
    so a chapter's first sentence (``Ella.``) is not taken for its subtitle.
    """
    words = line.split()
    if not (1 <= len(words) <= 14) or len(line) > 100:
        return False
    if line[0] in "\"“'‘(-–—" or line[-1] in ",;\"”’'":
        return False
    if line.isupper():
        return True
    if line[-1] in ".!?" and (strict or len(words) > 8):
        return False
    content = [w for w in words if w[0].isalpha() and w.lower() not in TITLE_SMALL_WORDS]
    return bool(content) and sum(w[0].isupper() for w in content) >= 0.6 * len(content)


def _line_kind(line: str) -> tuple[str, str | None] | None:
    """(kind, subtitle on the same line) for one line, or None."""
    if not line or len(line) > 100:
        return None
    m = _CHAPTER.match(line)
    if m:
        return "chapter", m.group("rest")
    m = _PART.match(line)
    if m:
        return "part", m.group("rest")
    if _NUMERAL.match(line) or _DECORATED_NUMERAL.match(line):
        return "number", None
    m = _NUMBERED_TITLE.match(line)
    if m and title_like(m.group("rest")) and not m.group("rest").isdigit():
        return "number", m.group("rest")
    if line.upper() in _NOT_HEADING:
        return None
    if _POV.match(line) or (_CAPS_NAME.match(line) and len(line.replace(" ", "")) >= 3):
        return "pov", None
    if _CAPS_LINE.match(line) and sum(c.isalpha() for c in line) >= 4 and line[-1] not in ",:.":
        return "caps", None
    return None


def parse_heading(block: str) -> Heading | None:
    """The heading a block stands for, or None.

    A block of up to four short lines whose first line is a numbered heading carries its
    subtitle with it (``CHAPTER I.\\nTHE STRANGE MAN'S ARRIVAL``).
    """
    if len(block) > 400 or block.count("\n") > 8:
        return None
    lines = [_plain(ln) for ln in block.split("\n") if ln.strip()]
    if len(lines) > 5:
        return None
    if not lines:
        return None
    if len(lines) > 1 and lines[0].lower() in ("chapter", "part", "book", "volume", "letter"):
        lines = [f"{lines[0]} {lines[1]}"] + lines[2:]  # ``CHAPTER`` / ``1`` set on two lines
    first = _line_kind(lines[0])
    if first is None:
        return None
    kind, _ = first
    if len(lines) == 1:
        return Heading(kind, lines[0])
    if kind not in ("chapter", "part", "number") or len(lines) > 4 or any(len(ln) > 90 for ln in lines[1:]):
        return None
    rest = " ".join(lines[1:])
    if not (rest.isupper() or title_like(rest) or all(title_like(ln) for ln in lines[1:])):
        return None
    return Heading(kind, join_title(lines[0], rest))


_FIRST_NUMERAL = re.compile(rf"(?<![A-Za-z\d])(?:(?P<arabic>\d{{1,3}})|(?P<roman>{_ROMAN}))(?![A-Za-z\d])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def numeral_style(block: str) -> tuple[str, int] | None:
    """(style, value) of a numbered heading: ``[ 13 ]`` -> (``[ A ]``, 13), ``IV. The Ride`` ->
    (``R. T``, 4).  Chapters of one book share a style and count up."""
    line = _plain(block.split("\n", 1)[0])
    m = _FIRST_NUMERAL.search(line)
    if m is None:
        return None
    if m.group("arabic"):
        value, mark = int(m.group("arabic")), "A"
    else:
        digits = [_ROMAN_VALUES[c] for c in m.group("roman")]
        value = sum(-d if i + 1 < len(digits) and d < digits[i + 1] else d for i, d in enumerate(digits))
        mark = "R"
    tail = re.sub(r"[^\W\d_].*", "T", line[m.end() :])
    return line[: m.start()] + mark + tail, value


def join_title(head: str, subtitle: str) -> str:
    head = head.rstrip()
    return f"{head} {subtitle}" if head.endswith((":", ".", "—", "-")) else f"{head}: {subtitle}"


def is_named_section(line: str) -> bool:
    """``Prologue``, ``Conclusion``: a chapter by name, which may also stand under a number."""
    return bool(_NAMED_SECTION.match(_plain(line)))


def is_pov_marker(line: str) -> bool:
    """``Ares' POV``, ``POV: Alana``: says whose eyes, never what the chapter is called."""
    return bool(_POV.match(_plain(line)))


def heading_kind(block: str) -> str | None:
    """``"part"``, ``"chapter"``, ``"number"``, ``"pov"``, ``"caps"`` or None."""
    h = parse_heading(block)
    return h.kind if h else None


def is_scene_break(block: str) -> bool:
    if len(block) > 200:
        return False
    line = " ".join(block.split())
    return bool(line) and len(line) <= 40 and bool(_SCENE_BREAK.match(line))
