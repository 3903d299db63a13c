"""Site clutter and title lines: found, classified and set aside, never deleted.

Each rule looks at one block; a glued footer (``ALANAWhere stories live. Discover now``)
splits into its title part and its footer part.  Clutter is short, so long blocks are only
looked at through their first few hundred characters: a 10 MB line costs nothing here.
"""

from __future__ import annotations

import re

from fabula.model import Boilerplate
from fabula.structure.blocks import Block

_HEAD = 400  # characters of a block that the line rules look at

_STAT = r"\d{1,3}(?:[.,]\d{1,3})?[KkMm]?"
# ``15.6K 385 42``: two to four numbers separated by white space, optionally labelled.
_STATS = re.compile(
    rf"^(?:(?:reads?|votes?|comments?|parts?|views?|likes?)[:\s]*)?{_STAT}"
    rf"(?:\s+(?:(?:reads?|votes?|comments?|parts?|views?|likes?)[:\s]*)?{_STAT}){{1,3}}"
    rf"(?:\s+(?:reads?|votes?|comments?|views?|likes?))?$",
    re.IGNORECASE,
)
_STAT_MARK = re.compile(r"\d[KkMm]\b|[A-Za-z]{3}")
_FOOTERS = (
    "Where stories live. Discover now",
    "Where stories live.",
    "Discover now",
    "Continue to next part",
    "Continue reading next part",
    "You've reached the end of published parts.",
    "Add to library",
    "Report this story",
)
_FOOTER = re.compile("|".join(re.escape(f) for f in _FOOTERS), re.IGNORECASE)
_STRONG_VERB = r"(?:vote|comment|review|subscribe|kudos|favou?rite|bookmark)"
_PROMPT_VERB = rf"(?:{_STRONG_VERB[3:-1]}|like|share|follow|star|rate|recommend)"
_REQUEST = (
    r"(?:please|pls|plz|don'?t\s+forget\s+to|remember\s+to|make\s+sure\s+(?:to|you)|feel\s+free\s+to|"
    r"leave\s+(?:a|some)|hit\s+(?:that|the)|click\s+(?:the)?|smash\s+(?:that|the)|go\s+ahead\s+and)"
)
_PROMPT_REQUEST = re.compile(rf"^{_REQUEST}\s+{_PROMPT_VERB}s?\b", re.IGNORECASE)
_PROMPT_STRONG = re.compile(rf"^{_STRONG_VERB}s?\b", re.IGNORECASE)
_PROMPT_WEAK = re.compile(rf"^{_PROMPT_VERB}s?\b", re.IGNORECASE)
# What makes "Vote ..." a request to the reader rather than a sentence of the story.
_PROMPT_CUE = re.compile(
    r"\b(?:this|the|my|next)\s+(?:story|chapter|book|part|update)\b|"
    r"\bif\s+you\s+(?:enjoy|like|love)|\bupdates?\b|\bthanks?\b|\bthank\s+you\b|[!❤♡♥💕😊]\s*$",
    re.IGNORECASE,
)
# ... and what it takes when the first word is also an everyday verb (``Like a ghost, ...``).
_PROMPT_STRONG_CUE = re.compile(
    rf"\b{_PROMPT_VERB}s?\b.*\b{_PROMPT_VERB}s?\b|\bbelow\b|\bplease\b|\bme\s+on\b|\byour\s+friends\b|"
    r"\bstar\s+button\b",
    re.IGNORECASE,
)


def _is_prompt(line: str) -> bool:
    if _PROMPT_REQUEST.match(line):
        return True
    if _PROMPT_STRONG.match(line):
        return bool(_PROMPT_CUE.search(line) or _PROMPT_STRONG_CUE.search(line))
    return bool(_PROMPT_WEAK.match(line) and _PROMPT_STRONG_CUE.search(line))


_READER_LINE = re.compile(
    r"^(?:thanks?\s+(?:you\s+)?(?:so\s+much\s+)?for\s+reading\b.{0,80}|(?:kudos|bookmarks?|comments?|hits)(?:\s*\(\d+\))?|"
    r"(?:hits|words|kudos|comments|bookmarks):\s*[\d,]+(?:\s+\w+:\s*[\d,/?]+)*|chapters?:\s*\d+\s*/\s*[\d?]+)$",
    re.IGNORECASE,
)
_AUTHOR_NOTE = re.compile(
    r"^(?:\(|\[|\*+\s*)?\s*(?:a/n|a\.n\.|an:|author'?s?['’]?\s*notes?|note from the author|a note from\b|"
    r"chapter\s+(?:end\s+)?notes|end\s+notes|notes?:|disclaimer\s*:)",
    re.IGNORECASE,
)
# What an author's note says after its first paragraph: talk to readers about the writing.
_NOTE_TALK = re.compile(
    r"\b(?:you\s+guys|y'?all|readers?|reviewers?|followers|(?:this|the|next|last|previous|new|an?)\s+"
    r"(?:chapter|update|story|fic|part|book)|updat(?:e|es|ed|ing)|review(?:s|ed|ing)?|comments?|vot(?:e|es|ed|ing)|"
    r"beta(?:ed|s)?|fan\s?fic(?:tion)?|cliffhanger|wattpad|ao3|patreon|discord|tumblr|instagram|"
    r"disclaimer|i\s+(?:don'?t|do\s+not)\s+own|writer'?s\s+block|lol|haha|omg)\b"
    r"|^(?:enjoy|happy\s+reading|on\s+(?:with|to)\s+the\s+(?:story|chapter|show)|read\s+on|love,|xoxo|cheers|"
    r"until\s+next\s+time|see\s+you|p\.?s\.?\b|edit\s*:|update\s*:)"
    r"|(?::\)|:D|<3|[❤♡♥💕😊😭😂🙏])",
    re.IGNORECASE,
)
_QUOTE_MARK = re.compile(r'["“”«»„]')
_NOTE_MAX_BLOCK = 600  # a paragraph of an author's note is short
_NOTE_MAX_BLOCKS = 12
_NAV_WORD = r"(?:prev(?:ious)?|next|back|table of contents|contents|index|home|first|last)"
_NAVIGATION = re.compile(
    rf"^(?:[<«‹←]+\s*)?{_NAV_WORD}(?:\s+(?:chapter|part|page))?(?:\s*[>»›→]+)?"
    rf"(?:\s*[|/•·]?\s*(?:[<«‹←]+\s*)?{_NAV_WORD}(?:\s+(?:chapter|part|page))?(?:\s*[>»›→]+)?)*$"
    r"|^chapter\s+\d+\s+of\s+\d+$",
    re.IGNORECASE,
)
_NAV_MARK = re.compile(r"[<>«»‹›←→|/•·]|\b(?:chapter|part|page|contents|index|prev|previous)\b", re.IGNORECASE)
_GUTENBERG_LINE = re.compile(r"^(?:the\s+)?project\s+gutenberg(?:'s)?\s+e-?(?:book|text)\b", re.IGNORECASE)
_GUTENBERG_START = re.compile(r"\*\*\*\s*START OF (?:THE|THIS) PROJECT GUTENBERG[^\n]*", re.IGNORECASE)
_GUTENBERG_END = re.compile(
    r"\*\*\*\s*END OF (?:THE|THIS) PROJECT GUTENBERG|^End of (?:the )?Project Gutenberg", re.IGNORECASE | re.MULTILINE
)
_GUTENBERG_TITLE = re.compile(r"^Title:[ \t]*(\S[^\n]*)$", re.MULTILINE)
_GUTENBERG_WINDOW = 60_000  # the header and the licence sit within this many characters of either end
_METADATA = re.compile(r"^(?:title|author|translator|illustrator|editor|release date|language|credits):\s", re.IGNORECASE)
# A fan-fiction archive's work header: "Rating:" / "Fandom:" / "Characters:" ... each label on a line of its own
_WORK_FIELDS = (r"rating|archive\s+warnings?|category|fandoms?|relationships?|characters|additional\s+tags|language|"
                r"series|stats|summary|published|updated|words|chapters|collections?|genres?|status|warnings?")
_WORK_LABEL = re.compile(r"summary:|notes?:", re.IGNORECASE)
_WORK_FIELD_LINE = re.compile(rf"^[ \t]*(?:{_WORK_FIELDS}):", re.IGNORECASE | re.MULTILINE)
_BYLINE = re.compile(r"^(?:(?:written|translated|edited|illustrated)\s+)?by\b(?:\s+\S.{0,80})?$", re.IGNORECASE)


def find_boilerplate(text: str, blocks: list[Block]) -> tuple[list[Boilerplate], str | None]:
    """Return the boilerplate spans and the story title, if the page shows one."""
    found: list[Boilerplate] = []
    title: str | None = None
    fence, pg_title = _gutenberg(text)
    found += fence
    title = pg_title
    fenced = [(b.start, b.end) for b in found]

    def inside_fence(b: Block) -> bool:
        return any(s <= b.start and b.end <= e for s, e in fenced)

    front = True  # before the story's first paragraph of prose: where a work header stands
    for b in blocks:
        if inside_fence(b):
            continue
        head = text[b.start : min(b.end, b.start + _HEAD)]
        kind = _classify(head, b.end - b.start) or (_work_header(head, b.end - b.start) if front else None)
        if kind:
            found.append(Boilerplate(b.start, b.end, kind))
            continue
        if b.end - b.start > 200:
            front = False
        if b.end - b.start > 200:
            continue
        block = text[b.start : b.end]
        m = _FOOTER.search(block)
        if m and len(block) - (m.end() - m.start()) <= 80:
            before = block[: m.start()].rstrip()
            if before:
                found.append(Boilerplate(b.start, b.start + len(before), "title"))
                title = title or before.strip()
            found.append(Boilerplate(b.start + m.start(), b.end, "footer"))
    found += _note_continuations(text, blocks, found)
    work = _work_header_rest(text, blocks, found)
    found += work
    named = next((w for w in work if w.kind == "title"), None)
    if title is None and named is not None:
        title = text[named.start : named.end].strip().split("\n")[0].strip()
    found.sort(key=lambda x: x.start)
    if title is None:
        front = _title_lines(text, blocks, found)
        if front:
            found += front
            lines = [ln.strip() for ln in text[front[0].start : front[0].end].split("\n")]
            title = ": ".join(_METADATA.sub("", ln) for ln in lines if ln)
            found.sort(key=lambda x: x.start)
    return found, title


def _classify(head: str, length: int) -> str | None:
    """The kind of clutter a block is, from its first characters and its length."""
    line = " ".join(head.split())
    if length <= 60 and _STATS.match(line) and (len(line.split()) >= 3 or _STAT_MARK.search(line)):
        return "stats"  # ``12 13`` alone is too little to call
    if length <= 80 and _FOOTER.fullmatch(line):
        return "footer"
    if length <= 140 and _NAVIGATION.match(line) and _NAV_MARK.search(line):
        return "navigation"  # a lone ``Home`` or ``Next`` is too little: prose has those
    if length <= 200 and not line.startswith(('"', "“", "'", "‘")):
        if _READER_LINE.match(line) or _is_prompt(line):
            return "prompt"
    if _AUTHOR_NOTE.match(line):
        return "author_note"
    if length <= 400 and _GUTENBERG_LINE.match(line):
        return "license"
    return None


def _work_header(head: str, length: int) -> str | None:
    """A fan-fiction archive's work header at the top of the page ("Rating:\n    Teen And Up Audiences\n
    Fandom: ...", or "Rating: General Audiences" on one line), or its bare "Summary:" label."""
    if _WORK_LABEL.fullmatch(head.strip()):
        return "metadata"
    if len(_WORK_FIELD_LINE.findall(head)) >= 2 and _WORK_FIELD_LINE.match(head.lstrip()):
        return "metadata"
    return None


def _note_continuations(text: str, blocks: list[Block], found: list[Boilerplate]) -> list[Boilerplate]:
    """The paragraphs after an author's note's first one that still talk to the readers.

    A note (``A/N: ...``) often runs on: thanks, apologies, ``Enjoy!``.  Each following block is
    part of it while it is short, holds no quotation mark (dialogue is story), is not a heading
    or a scene break, and says something only a note says (readers, updates, reviews, the
    chapter, a sign-off, an emoticon) -- or follows a bare ``Author's Note:`` label; the first
    block that does not ends the note.  Plain narration right after a one-line note stays story.
    """
    from fabula.structure.headings import is_scene_break, parse_heading

    marked = {b.start: b.kind for b in found}
    out: list[Boilerplate] = []
    i = 0
    while i < len(blocks):
        if marked.get(blocks[i].start) != "author_note":
            i += 1
            continue
        j, taken = i + 1, 0
        label = len(text[blocks[i].start : blocks[i].end].strip(" *_[]()~-:")) <= 20  # ``Author's Note:`` alone
        while j < len(blocks) and taken < _NOTE_MAX_BLOCKS:
            b = blocks[j]
            kind = marked.get(b.start)
            if kind in ("author_note", "prompt"):  # already set aside: the note goes on through it
                j, taken = j + 1, taken + 1
                continue
            if kind is not None or b.end - b.start > _NOTE_MAX_BLOCK:
                break
            chunk = " ".join(text[b.start : b.end].split())
            if _QUOTE_MARK.search(chunk) or is_scene_break(chunk) or parse_heading(chunk) is not None:
                break
            if not (_NOTE_TALK.search(chunk) or (label and taken == 0)):
                break
            out.append(Boilerplate(b.start, b.end, "author_note"))
            j, taken = j + 1, taken + 1
        i = j
    return out


def _work_header_rest(text: str, blocks: list[Block], found: list[Boilerplate]) -> list[Boilerplate]:
    """After an archive's work header: the work's title and author (short lines, ``Roadside Saints`` /
    ``lowkeyangelic``) and the summary under a bare ``Summary:`` label."""
    from fabula.structure.headings import heading_kind

    marked = {b.start: b.kind for b in found}
    out: list[Boilerplate] = []
    for i, b in enumerate(blocks):
        if marked.get(b.start) != "metadata" or i + 1 == len(blocks) or blocks[i + 1].start in marked:
            continue
        nxt = blocks[i + 1]
        body = text[nxt.start : nxt.end]
        if len(text[b.start : b.end].strip()) <= 40:  # "Summary:" and the summary under it
            if nxt.end - nxt.start <= 1500 and not _QUOTE_MARK.match(body.strip()):
                out.append(Boilerplate(nxt.start, nxt.end, "metadata"))
            continue
        lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
        if len(lines) <= 2 and all(len(ln) <= 80 for ln in lines) and not _TITLE_END.search(lines[0]) \
                and heading_kind(lines[0]) not in ("chapter", "part", "number"):
            out.append(Boilerplate(nxt.start, nxt.end, "title"))  # the work's title and its author
    return out


def _gutenberg(text: str) -> tuple[list[Boilerplate], str | None]:
    """Project Gutenberg's header and licence, when the file still carries them, and its Title: line."""
    out, title = [], None
    start = _GUTENBERG_START.search(text, 0, _GUTENBERG_WINDOW)
    if start:
        out.append(Boilerplate(0, start.end(), "license"))
        m = _GUTENBERG_TITLE.search(text, 0, start.start())
        if m:
            title = " ".join(m.group(1).split())
    tail_from = max(start.end() if start else 0, len(text) - _GUTENBERG_WINDOW)
    end = _GUTENBERG_END.search(text, tail_from)
    if end:
        out.append(Boilerplate(end.start(), len(text.rstrip()), "license"))
    return out, title


_TITLE_END = re.compile(r"[.!?,;:\"”’'…)]$")


def _title_lines(text: str, blocks: list[Block], found: list[Boilerplate]) -> list[Boilerplate]:
    """The title at the top of a story, with its byline: ``Title: X`` / ``X`` then ``by Y``.

    A short first line without closing punctuation counts as a title when prose, a byline or a
    chapter heading follows it.  Whether a title-shaped line is really a chapter's own heading
    (a collection whose every story starts so) is decided later, once the headings are known.
    """
    from fabula.structure.headings import heading_kind, is_scene_break

    rest = _unmarked(blocks, found)
    if len(rest) < 2:
        return []
    first = rest[0]
    line = text[first.start : first.end]
    meta = _METADATA.match(line)
    if meta and line.lower().startswith("title:"):
        out = [Boilerplate(first.start, first.end, "title")]
        out += [Boilerplate(b.start, b.end, "title") for b in rest[1:] if _METADATA.match(text[b.start : b.end])]
        return out
    lines = [ln.strip() for ln in line.split("\n") if ln.strip()]
    words = line.split()
    if not (1 <= len(words) <= 16) or len(lines) > 2 or any(_TITLE_END.search(ln) for ln in lines):
        return []
    if line[0] in "\"“'‘(" or heading_kind(line) in ("chapter", "part", "number") or is_scene_break(line):
        return []
    if any(sum(w[0].isupper() for w in ln.split() if w[0].isalpha()) < max(1, len(ln.split()) // 2) for ln in lines):
        return []
    out = [Boilerplate(first.start, first.end, "title")]
    i = 1
    while i < len(rest):  # the byline, a date, an alternative title: ``by`` / ``Jane Austen`` / ``(1811)``
        nxt = " ".join(text[rest[i].start : min(rest[i].end, rest[i].start + _HEAD)].split())
        if nxt.lower() in ("by", "or", "or,") and i + 1 < len(rest):
            out += [Boilerplate(rest[i].start, rest[i].end, "title"), Boilerplate(rest[i + 1].start, rest[i + 1].end, "title")]
            i += 2
        elif _BYLINE.match(nxt) or _YEAR.match(nxt) or (_ALTERNATIVE.match(nxt) and len(nxt) <= 100):
            out.append(Boilerplate(rest[i].start, rest[i].end, "title"))
            i += 1
        else:
            break
    if len(out) > 1 or i >= len(rest):
        return out
    nxt = " ".join(text[rest[i].start : min(rest[i].end, rest[i].start + _HEAD)].split())
    if heading_kind(nxt) in ("chapter", "part", "number"):
        return out
    if len(nxt.split()) < 2 * len(words):
        return []
    return out


_ALTERNATIVE = re.compile(r"^or[,:]?\s+\S", re.IGNORECASE)  # ``OR THE PARISH BOY'S PROGRESS``
_YEAR = re.compile(r"^[(\[]?\d{4}[)\]]?\.?$")


def _unmarked(blocks: list[Block], found: list[Boilerplate], limit: int = 6) -> list[Block]:
    """The first ``limit`` blocks that no boilerplate span touches."""
    spans = [(f.start, f.end) for f in found]
    out = []
    for b in blocks:
        if not any(s <= b.start < e or b.start <= s < b.end for s, e in spans):
            out.append(b)
            if len(out) == limit:
                break
    return out


# a run of chat or message lines as web fiction prints them ("liv 🌸: harp wear the green sweater" /
# "me: i hate you"): a paragraph of two or more lines of a short handle, a colon and the message
_CHAT = r"[^\s:]{1,20}(?:[ \t][^\s:]{1,20})?:[ \t][^\n]*"
_CHAT_RUN = re.compile(rf"(?m)(?:\A|(?<=\n\n))[ \t]*{_CHAT}(?:\n[ \t]*{_CHAT})+$")  # a paragraph of its own


def prose_only(story) -> str:
    """The text with boilerplate (author's notes, stats) and chat lines blanked, offsets kept: names are
    written in lower case there ("team jace", "liv 🌸: omg"), which says nothing about the word."""
    text = story.text
    spans = sorted([(b.start, b.end) for b in story.boilerplate] + [m.span() for m in _CHAT_RUN.finditer(text)])
    parts, pos = [], 0
    for s, e in spans:
        s = max(s, pos)
        if e > s:
            parts += [text[pos:s], " " * (e - s)]
            pos = e
    parts.append(text[pos:])
    return "".join(parts)
