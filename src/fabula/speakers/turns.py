"""Conversations, vocatives and addressees: the turn-taking side of attribution."""

from __future__ import annotations

import re
from bisect import bisect_right

from fabula.speakers.context import Index

GAP = 2  # paragraphs of narration without a quote that end a conversation
# a name called opens the quote or follows punctuation, maybe after "my dear": not "warranted by my Lord Warwick"
_VOC_BEFORE = re.compile(r"(?:^|[,;:!?.\u2014]\s*)(?:(?:dear|dearest|my|oh|o|ah|good|poor|darling)\s+)*$", re.IGNORECASE)
_VOC_AFTER = re.compile(r"\s*(?:[,!?;.\u2014\u2026]|-{1,2}|$)")


def conversations(ix: Index) -> list[int]:
    """Conversation number of every quote: a gap of narration or a scene break ends one."""
    out, conv = [], 0
    prev_par, prev_end = None, None
    for q in ix.story.quotes:
        par = ix.paragraph(q.start)
        if prev_par is None or par - prev_par - 1 > GAP or ix.break_between(prev_end, q.start):
            conv += 1
        out.append(conv)
        prev_par, prev_end = par, q.end
    return out


_ARTICLE = re.compile(r"(?i)(?:the|an?)\s")


def vocatives(ix: Index, q) -> list[str]:
    """Characters named in a quote as the person spoken to: ``"Jane, come"``, ``"..., Mr. Darcy?"``."""
    out = []
    body_start = q.start + 1
    body_end = q.end - 1 if q.end - q.start > 1 and ix.text[q.end - 1] in "\"”’'" else q.end
    inside = ix.mentions_between(q.start, q.end)
    for k, m in enumerate(inside):
        before = ix.text[max(body_start, m.start - 14) : m.start]
        if m.start - body_start > 14 and not before:
            continue
        if _VOC_BEFORE.search(before) and _VOC_AFTER.match(ix.text, m.end, body_end + 1):
            if ix.text[m.end : m.end + 1] in ("'", "\u2019"):
                continue  # "Jane's", a possessive, not an address
            if _nested(ix.text, ix.text[q.start], body_start, m.start):
                continue  # '"Say, 'What do you want, Master Reed?'"': the words of the quoted, not a call
            if _echo(ix, q, m) or _ARTICLE.match(ix.text, m.start):
                continue  # ("The emissary?": one is not called "the emissary")
            if _listed(ix, inside, k, body_start):
                continue
            if m.character not in out:
                out.append(m.character)
    kin = _kin_called(ix, ix.text[body_start:body_end])
    if kin is not None and kin not in out:
        out.append(kin)
    for m in _SHOUTED.finditer(ix.text, body_start, body_end):
        cid = ix.caps_names.get(m.group())  # '"TOMMY, old thing!"': a name in capitals is no mention
        if cid is not None and cid not in out and _VOC_BEFORE.search(ix.text[max(body_start, m.start() - 14) : m.start()]) \
                and _VOC_AFTER.match(ix.text, m.end(), body_end + 1):
            out.append(cid)
    return out


_INNER = {'"': ("'\u2018", "'\u2019"), "\u201c": ("'\u2018", "'\u2019"), "'": ('"\u201c', '"\u201d'),
          "\u2018": ('"\u201c', '"\u201d')}


def _nested(text: str, mark: str, start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation nested in the quote that opens with ``mark``: an inner mark
    opening before a capital ("Say, 'What ...") and not closed after a stop since."""
    opens, closes = _INNER.get(mark, ("", ""))
    inside = False
    for i in range(start, pos):
        c = text[i]
        if c in opens and (i == start or not text[i - 1].isalnum()) and text[i + 1 : i + 2].isupper():
            inside = True
        elif inside and c in closes and text[i - 1] in ".,!?;:-\u2014" and not text[i + 1 : i + 2].isalnum():
            inside = False
    return inside


_SHOUTED = re.compile(r"\b[A-Z]{3,}\b")
_LIST_GAP = re.compile(r"\s*,?\s*(?:(?:and|or|nor)\s+)?", re.IGNORECASE)
_LIST_END = re.compile(r",?\s*(?:and|or|nor)\s+[A-Z]")  # "..., and Stella": the list's last name, unknown


def _listed(ix: Index, inside, k: int, body_start: int) -> bool:
    """'"Not also Ronny, Ralph, and Stella?"': a name in a list of names joined by "and" or "or" is talked
    about, unless the list opens with a call ('"Jane, Lizzy and Kitty, come here"'); not '"Call for Mrs.
    Lynde, Anne"', a name and then the one called."""
    def joined(a: int, b: int) -> str | None:
        gap = _LIST_GAP.fullmatch(ix.text, inside[a].end, inside[b].start)
        return gap.group().strip(" ,\n").lower() if gap else None
    head, tail = k, k
    while head > 0 and joined(head - 1, head) is not None:
        head -= 1
    while tail + 1 < len(inside) and joined(tail, tail + 1) is not None:
        tail += 1
    if head == tail or not (any(joined(x, x + 1) for x in range(head, tail))
                            or _LIST_END.match(ix.text, inside[tail].end)):
        return False
    start = inside[head].start
    return not _VOC_BEFORE.search(ix.text[max(body_start, start - 14) : start])


_KIN_CALLED = re.compile(r"(?:^|[,;:!?.\u2014]\s*)(?:(?:dear|dearest|oh|o)\s+)*(aunt|auntie|aunty|uncle)(?=\s*(?:[,!?;.\u2014\u2026]|-{1,2}|$))",
                         re.IGNORECASE)


def _kin_called(ix: Index, body: str) -> str | None:
    """'"I don't know, aunt."', '"Aunt, come here"': the one character the story calls Aunt (or Uncle) so-and-so
    is spoken to (not "My aunt.", an answer about her)."""
    m = _KIN_CALLED.search(body)
    if m is None:
        return None
    word = m.group(1).lower().replace("ie", "").replace("y", "")
    holders = [c.id for c in ix.story.characters
               if any(n.split()[0].lower() == word and len(n.split()) > 1 for n in (c.name, *c.aliases))]
    return holders[0] if len(holders) == 1 else None


def _echo(ix: Index, q, m) -> bool:
    """'"... when I'm without Nastasia." / "Nastasia? but isn't she with you?"': the name the last quote
    ended on, taken up first thing, is repeated, not called."""
    if ix.text[q.start + 1 : m.start].strip(" \t\n\"“'‘"):
        return False
    i = bisect_right(ix.quote_starts, q.start) - 2
    if i < 0 or q.start - ix.quote_ends[i] > 200:
        return False
    tail = ix.mentions_between(ix.quote_starts[i], ix.quote_ends[i])
    if not tail or tail[-1].character != m.character or ix.quote_ends[i] - tail[-1].end > 3:
        return False
    # "Paul! Paul!" / "Paul, is it true?": called twice is still called; not '"Griffin?" / "Griffin," he
    # answered', the name asked back
    asked = ix.text[tail[-1].end : ix.quote_ends[i]].startswith("?")
    return asked or not _VOC_BEFORE.search(ix.text[max(ix.quote_starts[i] + 1, tail[-1].start - 14) : tail[-1].start])


def addressees(speakers: list[str | None], convs: list[int], vocs: list[list[str]], cue_to: list[str | None]) -> list[tuple[str, ...]]:
    """Vocatives and ``to X`` first; else the other speakers who answer and who spoke just before."""
    n = len(speakers)
    out = []
    for i in range(n):
        s = speakers[i]
        found: list[str] = []
        if cue_to[i] and cue_to[i] != s:
            found.append(cue_to[i])
        found += [v for v in vocs[i] if v != s and v not in found]
        if not found and s is not None:
            for step in (1, -1):
                j, k = i + step, 0
                while 0 <= j < n and convs[j] == convs[i] and k < 12:
                    if speakers[j] is not None and speakers[j] != s:
                        if speakers[j] not in found:
                            found.append(speakers[j])
                        break
                    j += step
                    k += 1
        out.append(tuple(found))
    return out
