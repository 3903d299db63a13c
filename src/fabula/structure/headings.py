"""Chapter headings, POV headings and scene-break lines."""

from __future__ import annotations

import re

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final"
)
_NUMBER = rf"(?:\d+|[ivxlcdm]+|(?:{_NUMBER_WORDS})(?:[- ](?:{_NUMBER_WORDS}))*)"
_CHAPTER = re.compile(
    rf"^(?:chapter|chap\.|ch\.)\s+{_NUMBER}\b\.?(?:\s*[:.\-–—]?\s*.{{0,80}})?$"
    rf"|^(?:prologue|epilogue|interlude|afterword|foreword|preface)\b(?:\s*[:.\-–—]?\s*.{{0,80}})?$"
    rf"|^(?:part|book|volume)\s+{_NUMBER}\b\.?(?:\s*[:.\-–—]?\s*.{{0,80}})?$"
    r"|^[IVXLC]{1,7}\.?$",
    re.IGNORECASE,
)
_POV = re.compile(
    r"^(?:[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?['’]s?\s+(?:POV|point of view|P\.O\.V\.?)"
    r"|POV\s*[:\-–—]?\s*[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?"
    r"|\((?:[A-Z][\w'’\-]+['’]s)\s+narrative(?:\s+resumed)?\)"
    r"|[A-Z][A-Z'’\-]{1,20}(?:\s+[A-Z][A-Z'’\-]{1,20})?)$"
)
# All-caps words that are not names when standing alone.
_NOT_POV = frozenset({"THE END", "END", "FIN", "NOTE", "PROLOGUE", "EPILOGUE", "CONTENTS", "PREFACE", "NO", "OK"})
_SCENE_BREAK = re.compile(
    r"^(?:[*∗⁂✱❋]\s*){1,}$|^(?:[~#=_\-–—•·+]\s*){3,}$|^#$|^(?:o0o|0o0|oOo|OoO|xXx|XxX)+$|^[◇◆❦§※⸙♡♥★☆]+(?:\s*[◇◆❦§※⸙♡♥★☆]+)*$"
    r"|^(?:scene|page|line)\s+break$",
    re.IGNORECASE,
)


def heading_kind(block: str) -> str | None:
    """``"chapter"``, ``"pov"`` or None for a block that stands alone as a heading."""
    line = " ".join(block.split())
    if not line or len(line) > 100 or "\n" in block.strip():
        return None
    if _CHAPTER.match(line):
        return "chapter"
    if _POV.match(line) and line.upper() not in _NOT_POV:
        return "pov"
    return None


def is_scene_break(block: str) -> bool:
    line = " ".join(block.split())
    return bool(line) and len(line) <= 40 and bool(_SCENE_BREAK.match(line))
