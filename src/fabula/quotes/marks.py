"""Quotation marks: pairing double and single marks (apostrophes told apart) and dash dialogue."""

from __future__ import annotations

import re

from fabula.lexicon import TAG_VERBS, alternation
from fabula.model import Span

_DOUBLE = re.compile(r"[\"“”„«»]")
_OPENERS = "“„«"
_CLOSERS = "”»"

# A single mark opens a quote after a space, a bracket, a dash or another quote mark, before a non-space.
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–\-\"“”]))[‘'](?=[^\s'‘’]|[’']\w)")
# It closes after a non-space, before a space, punctuation, a dash, a double mark or the end.
_SINGLE_CLOSE = re.compile(r"(?<=[^\s‘])[’'](?=$|[\s,.;:!?)\]—–\-\"“”])")
# Words that begin with an apostrophe (elision): 'tis, 'cause, years ('95)... in any case; clipped words
# that could also begin a speech ('ave, 'ere) only in lower case.
_ELISION = re.compile(
    r"[‘'’](?:(?i:tis|twas|twere|twill|twould|em|cause|cos|bout|til|till|tween|twixt|neath|nough|round|gainst|\d\d)|"
    r"n|s|d|ll|re|ve|m|t|im|er|ow|alf|ead|ome|eart|appy|ave|ad|ouse|ope|urt|ere|eard|elp|orse|ungry|urry|usband|imself|erself|eaven|ospital|ands|e|r)(?![\w’'])"
)
# An apostrophe that ends a word followed by more of the sentence: ``the Bennets' house``, ``goin' home``.
_WORD_END_APOSTROPHE = re.compile(r"[’'](?=\s+[a-z])")

# (A word in capitals is not clipped: ``the words 'DRINK ME' beautifully printed``.)
_CUT_WORD = re.compile(r"(?:[sSnN]|(?<![\w’'])(?:[^\W\d_]{1,2}(?<![A-Z]{2})))$")
_WORD = re.compile(r"[^\W\d_]+")


def _pair_doubles(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Double-quoted spans; curly marks nest, straight ones alternate; an unclosed quote ends the paragraph."""
    spans: list[tuple[int, int]] = []
    open_at, depth = None, 0
    for m in _DOUBLE.finditer(text, start, end):
        ch, pos = m.group(), m.start()
        if open_at is None:
            if ch in _CLOSERS and not _opens_here(text, pos, start, end):
                continue  # a stray closer (the end of a speech begun in an earlier paragraph)
            open_at, depth = pos, 1
        elif ch == "“" and text[open_at] == "„" and depth == 1:
            spans.append((open_at, m.end()))  # German style: „so“
            open_at = None
        elif ch in _OPENERS and not (ch == "“" and _closes_here(text, pos, start, end)):
            depth += 1  # a quote inside the quote
        elif ch in _CLOSERS or ch == '"' or ch == "“":
            depth -= 1
            if depth == 0:
                spans.append((open_at, m.end()))
                open_at = None
    if open_at is not None and text[open_at + 1 : end].strip():
        spans.append((open_at, _rstrip(text, open_at, end)))
    return spans


def _opens_here(text: str, pos: int, start: int, end: int) -> bool:
    """A closing mark used as an opener: at a word start (``”Hello,” she said``)."""
    before = text[pos - 1] if pos > start else " "
    after = text[pos + 1] if pos + 1 < end else " "
    return before.isspace() and not after.isspace()


def _closes_here(text: str, pos: int, start: int, end: int) -> bool:
    """An opening mark misprinted for a closer: after a word or dash, before a dash, space or the
    end (``Besides--“--“I do know``)."""
    before = text[pos - 1] if pos > start else " "
    after = text[pos + 1] if pos + 1 < end else " "
    return not before.isspace() and (after.isspace() or after in "-—–")


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _single_opens(text: str, start: int, end: int, single_book: bool = False) -> list[int]:
    plain = [m.start() for m in _SINGLE_OPEN.finditer(text, start, end) if not _ELISION.match(text, m.start())]
    if not single_book:
        return plain
    closes = None
    extra = []
    for m in _SINGLE_OPEN.finditer(text, start, end):
        pos = m.start()
        if not _ELISION.match(text, pos) or not _speech_start(text, pos, start):
            continue
        closes = closes if closes is not None else _single_closes(text, start, end)
        opened = sum(1 for o in plain if o < pos) - sum(1 for c in closes if c < pos)
        if opened <= 0 and any(c > pos for c in closes):  # not inside a quote, and closed later
            extra.append(pos)
    return sorted(plain + extra)


_ALWAYS_ELIDED = re.compile(r"(?i:tis|twas|twere|twill|twould|twixt|tween|neath|gainst|nough)\b")  # "‘Tis little", never a speech's first word
_SENTENCE_GAP = re.compile(r"[.!?…]['’]?\s+$")


def _speech_start(text: str, pos: int, par_start: int) -> bool:
    """``'Round one,'`` opening a paragraph or a sentence of a single-quote book: a capitalised word an
    elision could begin (``'round``, ``'cause``) opens a quote where a speech would open."""
    if not text[pos + 1 : pos + 2].isupper() or _ALWAYS_ELIDED.match(text, pos + 1):
        return False
    return pos == par_start or bool(_SENTENCE_GAP.search(text, max(par_start, pos - 4), pos))


def _single_closes(text: str, start: int, end: int) -> list[int]:
    out = []
    for m in _SINGLE_CLOSE.finditer(text, start, end):
        pos = m.start()
        if _WORD_END_APOSTROPHE.match(text, pos, end) and _CUT_WORD.search(text, max(start, pos - 8), pos):
            continue  # ``the Bennets' house``, ``goin' home``, ``o' the``
        if text[pos - 1].isalpha() and text[pos + 1 : pos + 2].isalpha():
            continue  # inside a word: don't, o'clock
        out.append(pos)
    return out


def _pair_singles(text: str, start: int, end: int, single_book: bool = False) -> list[tuple[int, int]]:
    """Single-quoted spans: each opener runs to the next closer (curly openers nest); else to the end."""
    opens, closes = _single_opens(text, start, end, single_book), _single_closes(text, start, end)
    spans: list[tuple[int, int]] = []
    oi = ci = 0
    while oi < len(opens):
        o = opens[oi]
        depth, pos = 1, o + 1
        close = None
        while True:
            while ci < len(closes) and closes[ci] < pos:
                ci += 1
            nxt_open = next((x for x in opens[oi + 1 :] if x >= pos), None)
            nxt_close = closes[ci] if ci < len(closes) else None
            if nxt_close is None:
                break
            if nxt_open is not None and nxt_open < nxt_close and text[nxt_open] == "‘":
                depth += 1  # a curly quote inside the quote
                pos = nxt_open + 1
                continue
            depth -= 1
            pos = nxt_close + 1
            if depth == 0:
                close = nxt_close
                break
        stop = close + 1 if close is not None else _rstrip(text, o, end)
        if text[o + 1 : stop].strip("'‘’ \n"):
            spans.append((o, stop))
        while oi < len(opens) and opens[oi] < stop:
            oi += 1
    return spans


def _first_single_open(text: str, start: int, end: int, single_book: bool = False) -> int | None:
    opens = _single_opens(text, start, end, single_book)
    return opens[0] if opens else None


def paragraph_quotes(text: str, start: int, end: int, single_book: bool) -> list[tuple[int, int]]:
    """The quotes of one paragraph, in the style its first quotation mark announces."""
    d = _DOUBLE.search(text, start, end)
    s = _first_single_open(text, start, end, single_book)
    if s is not None and (d is None or s < d.start()) and (single_book or s == start or d is None and _paired(text, s, end)):
        return _pair_singles(text, start, end, single_book)
    return _pair_doubles(text, start, end) if d is not None else []


def _paired(text: str, s: int, end: int) -> bool:
    """In a double-quote book, a single-quoted speech must at least close before the paragraph ends."""
    return any(c > s for c in _single_closes(text, s + 1, end))


def uses_single_quotes(text: str) -> bool:
    """A book whose dialogue is in single quotes: more single openers than double-quote pairs."""
    singles = sum(1 for m in _SINGLE_OPEN.finditer(text) if not _ELISION.match(text, m.start()))
    doubles = len(_DOUBLE.findall(text)) / 2
    return singles >= 3 and singles > doubles


_DASH_OPEN = re.compile(r"[ \t]*(?:—|―|--)(?=[\"“‘']?\w)")
_DASH_CLOSE = re.compile(r"[.!?,;](?:—|―|--)(?=\s|$)")


def uses_dash_dialogue(text: str, paragraphs: tuple[Span, ...]) -> bool:
    """Speech introduced by a dash at the start of its paragraph (``—Come up, Kinch!``), as in Joyce."""
    dashes = doubles = 0
    for p in paragraphs:
        if _DASH_OPEN.match(text, p.start, p.end):
            dashes += 1
        elif text[p.start] in "\"“„«‘'":
            doubles += 1
    return dashes >= 3 and dashes > doubles


_TAG_VERBS = alternation(TAG_VERBS)
# A speech tag inside a dash-introduced speech: ``—Back to barracks! he said sternly. That will do.``
_DASH_TAG = re.compile(
    r"(?<=[,.!?]) +(?:(?:he|she|I|they|we|[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,2}) " + _TAG_VERBS
    + r"|" + _TAG_VERBS + r" (?:he|she|I|they|we|[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,2}))\b[^.!?:;]*?[,.:;!?](?=\s|$)"
    # ... with what the speaker did meanwhile: ``said Lynch, laughing. Go on.``
    r"(?: +(?!(?:no|some|any|every)thing\b)[a-z]+ing\b[^.!?:;,\n]{0,40}?[,.;!?](?=\s|$))?"
)


def dash_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A dash-introduced speech: from the dash to a closing dash or the paragraph end, cut around a speech tag."""
    m = _DASH_OPEN.match(text, start, end)
    if not m:
        return []
    opening = m.end() - (2 if text.startswith("--", m.end() - 2) else 1)
    close = _DASH_CLOSE.search(text, m.end(), end)
    stop = close.end() if close else _rstrip(text, opening, end)
    tag = _DASH_TAG.search(text, m.end(), stop)
    if not tag:
        return [(opening, stop)]
    spans = [(opening, tag.start())]
    rest = tag.end()
    while rest < stop and text[rest].isspace():
        rest += 1
    if rest < stop:
        spans.append((rest, stop))
    return spans

