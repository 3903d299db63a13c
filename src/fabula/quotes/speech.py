"""What a quoted span is not: a mentioned word or title, written text, a fragment of the narrator's
sentence, or speech only meant or imagined.  The annotated corpora do not count these as quotes."""

from __future__ import annotations

import re

from fabula.lexicon import (
    MANNER_VERBS,
    QUOTE_CUE_WORDS,
    REPORTING_WORDS,
    TAG_VERBS,
    TITLE_SMALL_WORDS,
)
from fabula.model import Span
from fabula.quotes.marks import _WORD, _rstrip

_MENTION_MAX_WORDS = 4


def is_mention(text: str, start: int, end: int, para_start: int) -> bool:
    """A short quoted word or title inside narration (``a "case" last year``), not speech."""
    before = text[para_start:start].rstrip()
    if not before or not before[-1].isalnum():
        return False  # speech follows a paragraph start, a comma, a colon, a dash...
    inner = text[start + 1 : end - 1].strip()
    if len(inner.split()) > _MENTION_MAX_WORDS or inner.endswith(("!", "?", "—", "-", "–")):
        return False
    if inner[:1].isupper() and inner.endswith((".", ",", ";")) and any(
        w[0].islower() and w not in TITLE_SMALL_WORDS for w in _WORD.findall(inner)
    ):
        return False  # a short sentence (``he uttered a rapid "I know."``), not a title (``the "Coach and Horses."``)
    words = _WORD.findall(before[-40:])
    if words and (words[-1].lower() in QUOTE_CUE_WORDS or words[-1].lower() in _MOUTHED):
        return False
    # 'Mary said they were "full of lace."', 'the girls whispered, and "spiritual."': words reported
    # in the clause of a speech verb are speech, not a word mentioned
    if not inner.endswith("."):
        return True  # 'his name was "Rob Roy";', 'become "grandiose," for...': a word, not a sentence said
    clause = _CLAUSE_END.split(text[para_start:start])[-1]
    return not any(w.lower() in _REPORTED_BY for w in _WORD.findall(clause))


# mouthing is speaking without sound: what is mouthed is speech (``she mouths "HELP HER"``)
_MOUTHED = frozenset({"mouth", "mouths", "mouthed", "mouthing"})
# verbs of speaking (not of writing or reading) right before a quote in capitals: a shout, not a sign
_SAID_CAPS = (TAG_VERBS | MANNER_VERBS | _MOUTHED | {"say", "shout", "shouting", "scream", "screaming", "yell",
                                                     "yells", "yelling", "bellowed", "roared", "shrieked"})

_REPORTED_BY = (TAG_VERBS | MANNER_VERBS | {"told", "tells"}) - {"called", "explained", "began", "continued",
                                                                    "returned", "repeated", "laughed", "sighed"}


# Written text quoted in the narration is not speech: letters, notes, telegrams, signs, headlines.
_MARKS = "\"“”„«»‘’'"
_SALUTATION = re.compile(
    r"(?i)(?:my\s+)?(?:very\s+)?(?:dear(?:est)?,?\s+)?(?:dear(?:est)?|sir|madam)\b[\w.'’ -]{0,30}(?:,|:|,?\s*[-—]+)"
)
_VALEDICTION = re.compile(
    r"(?i)(?:yours|your|believe me|ever|i am)\b[^\"”]{0,40}"
    r"|(?:affectionately|sincerely|truly|faithfully)\b[^\"”]{0,20}"
)
_SIGNATURE = re.compile(r"[A-Z][A-Z.\s'’-]{0,30}[.,]?")
_WRITTEN_CUE = re.compile(
    r"(?i)\b(?:written|wrote|writes|inscription|inscribed|labell?ed|printed|headlines?|telegram|note|letter|card|"
    r"contents|message|notice|advertisement|effect|sentence|wire|signed|ran|runs|read|reads|"
    r"(?:was|were|is|are) as follows)"
    r"(?:\s+[\w’'-]+){0,2}\s*(?::|:?\s*[-—–]+)\s*$"
)
# A saying or name cited by the narrator: ``as he expressed it, "tarried,"``, ``the homely adage, "handsome
# is..."``, ``a chromo entitled, "Christ Blessing..."``.
_CITED_CUE = re.compile(
    r"(?i)(?:\bas (?:[\w.’']+ ){1,3}(?:expressed|called|put|phrased|termed|named) it|\bas (?:people|they|everyone|"
    r"every one|the world) (?:said|say|called it)|\b(?:proverb|adage|motto|distich|phrase|entitled|titled|"
    r"inscription)(?:\s+[\w’'-]+){0,2})\s*[,:]?\s*[-—–]*\s*$"
)
_HEADING = re.compile(r"(?:CHAPTER|Chapter|BOOK|Book|PART|Part)\b[^\n]{0,60}|[IVXLC]+\.?|\d+\.?")


def _inner(text: str, s: int, e: int) -> str:
    return text[s:e].strip().strip(_MARKS).strip()


def _whole(text: str, p: Span, spans: list[tuple[int, int]]) -> bool:
    """The paragraph is one quote and nothing else."""
    return len(spans) == 1 and spans[0][0] == p.start and spans[0][1] >= _rstrip(text, p.start, p.end)


def _closed(text: str, s: int, e: int) -> bool:
    return e - s > 1 and text[e - 1] in _MARKS


def _letters(text: str, paragraphs: tuple[Span, ...], by_para: list[list[tuple[int, int]]]) -> set[int]:
    """Paragraphs of a letter set out as quotes, one paragraph each: from a salutation alone in its
    paragraph (``"Dear Meg,"``) or a paragraph cued as writing (``It ran as follows:``) up to a
    valediction or signature (``"Yours truly,"`` ``"HELEN."``); none when the letter never closes."""
    out: set[int] = set()
    whole = [_whole(text, p, q) for p, q in zip(paragraphs, by_para)]
    i = 0
    while i < len(paragraphs):
        salutation = whole[i] and _SALUTATION.fullmatch(_inner(text, *by_para[i][0]))
        if not (salutation or whole[i] and _written(text, paragraphs, i, by_para[i][0][0])):
            i += 1
            continue
        j = i if not salutation else i + 1
        closed = False
        while j < len(paragraphs) and whole[j] and not closed:
            inner = _inner(text, *by_para[j][0])
            last = inner.rsplit("\n", 1)[-1].strip(" .,&c-—")
            closed = j > i and bool(_VALEDICTION.fullmatch(inner) or _SIGNATURE.fullmatch(inner)) or (
                bool(last) and _VALEDICTION.fullmatch(last) is not None)
            if closed and j + 1 < len(paragraphs) and whole[j + 1] \
                    and _SIGNATURE.fullmatch(_inner(text, *by_para[j + 1][0])):
                j += 1  # the signature under a valediction
            j += 1
        if closed:
            out.update(range(i, j))
            k = i - 1  # a place or date over the salutation: "Howards End," "Tuesday."
            while salutation and k >= 0 and whole[k] and len(_inner(text, *by_para[k][0]).split()) <= 4 \
                    and text[by_para[k][0][1] - 2] not in "!?":
                out.add(k)
                k -= 1
        i = max(j, i + 1)
    return out


def _written(text: str, paragraphs: tuple[Span, ...], i: int, s: int) -> bool:
    """The quote follows a cue for writing (``She had written:``, ``the following telegram:``)."""
    p = paragraphs[i]
    before = text[p.start : s]
    if before.strip():
        return bool(_WRITTEN_CUE.search(before))
    if i == 0:
        return False
    prev = text[paragraphs[i - 1].start : paragraphs[i - 1].end].strip()
    return prev[:1] not in _MARKS and bool(_WRITTEN_CUE.search(prev))


def _all_caps(text: str, s: int, e: int) -> bool:
    """A sign, headline or signature in capitals (``"FIVE GUINEAS REWARD"``), not a shout, nor capitals
    right after a verb of speaking (``she mouths "HELP HER"``)."""
    inner = _inner(text, s, e)
    said = _WORD.findall(text[max(0, s - 20) : s])
    return (not any(c.islower() for c in inner) and any(len(w) > 1 for w in _WORD.findall(inner))
            and not inner.endswith(("!", "?")) and not any(c in _MARKS for c in text[s + 1 : e - 1])
            and not _shouted(inner) and not (said and text[s - 1 : s] == " " and said[-1].lower() in _SAID_CAPS))


# capitals that talk to someone: a person and a verb of saying or willing ("YOU SHALL NOT PASS."), or a person in
# two sentences ("INTRUDERS. YOU WILL BE UNMADE.", "STOP. I SAID STOP."): a shout; not "DANGER. KEEP OUT.",
# "DRINK ME", "ARRIVE TUESDAY. MEET TRAIN."
_PERSON = re.compile(r"\b(?:I|ME|MY|WE|US|OUR|YOU|YOUR)\b")
_WILLING = re.compile(r"\b(?:WILL|SHALL|MUST|CAN|DARE|AM|ARE|SAID|SAY|WANT|NEED)\b")
_TWO_SENTENCES = re.compile(r"[A-Z]{2,}[.!?]+ +[A-Z]")


def _shouted(inner: str) -> bool:
    return bool(_PERSON.search(inner) and (_WILLING.search(inner) or _TWO_SENTENCES.search(inner)))


def _epigraph(text: str, p: Span) -> bool:
    """An indented quote under a chapter heading (and any capitals title) is an epigraph."""
    line_start = text.rfind("\n", 0, p.start) + 1
    if p.start - line_start < 2 or text[line_start : p.start].strip():
        return False
    for line in reversed(text[max(0, line_start - 300) : line_start].splitlines()):
        line = line.strip()
        if not line:
            continue
        if _HEADING.fullmatch(line):
            return True
        if any(c.islower() for c in line):
            return False
    return False


def _bracketed(text: str, p: Span, s: int, e: int) -> bool:
    """Inside a line in square brackets: a game's system message (``[Title earned: "Giantslayer"]``), a
    translator's note, a caption; not speech."""
    line = max(p.start, text.rfind("\n", p.start, s) + 1)
    while line < s and text[line] in " \t":
        line += 1
    stop = text.find("\n", e, p.end)
    stop = p.end if stop < 0 else stop
    return text[line] == "[" and "]" not in text[line:s] and "]" in text[e:stop]


def not_speech(text: str, paragraphs: tuple[Span, ...], by_para: list[list[tuple[int, int]]]) -> set[tuple[int, int]]:
    """The quotes that are written text, not speech: letters, cued writing, capitals, epigraphs, captions."""
    drop: set[tuple[int, int]] = set()
    for i in _letters(text, paragraphs, by_para):
        drop.update(by_para[i])
    carry = False  # a written text left open runs on into the next paragraph
    for i, (p, spans) in enumerate(zip(paragraphs, by_para)):
        starts_para = bool(spans) and spans[0][0] == p.start
        if text[p.start : p.start + 13] == "[Illustration":
            drop.update(spans)
            continue
        if starts_para and _epigraph(text, p):
            drop.update(spans)
        for k, (s, e) in enumerate(spans):
            if (k == 0 and carry and starts_para) or _written(text, paragraphs, i, s) or _all_caps(text, s, e) \
                    or _bracketed(text, p, s, e):
                drop.add((s, e))
        last = spans[-1] if spans else None
        carry = last in drop and not _closed(text, *last) and last[1] >= _rstrip(text, p.start, p.end)
    return drop


_CLAUSE_END = re.compile(r"[.;:!?]")


def is_fragment(text: str, start: int, end: int, para_start: int, para_end: int) -> bool:
    """A quoted phrase run into the narrator's sentence (``requested God to "guide their feet"``): it
    opens in lower case right after a word, is no exclamation or question, and no reporting verb stands
    in its clause before or after it.  Only before any speech in the paragraph: after a quote, such a
    piece continues the speech (``"Nay," speaking more seriously "your feelings..."``)."""
    before = text[para_start:start].rstrip()
    if not before or not before[-1].isalpha():
        return False
    inner = text[start + 1 : end - 1].lstrip(_MARKS + " _").rstrip(_MARKS + " _")
    if not inner[:1].islower() or inner.endswith(("!", "?")):
        return False
    clause = _CLAUSE_END.split(before)[-1] + " " + re.split(r"[.;:!?\"“”]", text[end:para_end])[0]
    return not any(w.lower() in REPORTING_WORDS for w in _WORD.findall(clause))


# Speech only meant, implied or imagined: ``he felt like answering:``, ``her look seemed to say,``,
# ``It was on the tip of his tongue to reply:``, ``Helen would have exclaimed,``, ``a glance which meant,``.
_SAY = r"(?:say|ask|reply|answer|exclaim|add|cry|retort|shout|protest|tell \w+)"
_UNSPOKEN_BEFORE = re.compile(
    r"(?i)(?:\b(?:felt|feel|feels) like \w+ing|\b(?:wanted|longed|wished|meant|tempted|about|going|ready|inclined|"
    r"impulse|desire) to " + _SAY + r"|\btip of (?:his|her|my|their) tongue to \w+|"
    r"\bon (?:his|her|my|their) lips to \w+|"
    r"\b(?:seemed|seem|seems|seeming|as if|as though) to (?:say|ask|cry|reply)|"
    r"\b(?:would|might|could|should) (?:\w+ )?have (?:said|asked|exclaimed|answered|replied|cried|added|called)|"
    r"\bas if (?:he|she|they|I|it) had said|\b(?:implied|signified|meant|to mean|in effect)|"
    r"\bpassed through (?:his|her|my) mind to \w+|\bhow could (?:he|she|I) " + _SAY + r"|"
    r"\b(?:eyes|look|glance|smile|expression|gesture) (?:said|asked|answered|implored))"
    r"[,:]?\s*[-—–]*\s*$"
)
_UNSPOKEN_AFTER = re.compile(
    r"(?i)[\s,—–-]{0,4}(?:[\w']+[\s,]+){0,4}?(?:(?:seemed|seem|seems) to (?:say|ask|cry|imply|implore)|"
    r"felt like \w+ing|could fancy|would have (?:said|exclaimed)|"
    r"(?:eyes|look|glance|smile|face|expression|gesture) (?:said|asked|answered|implored))"
)


# Words named after a bare ``say`` (``It was all very well to say "Drink me,"``, ``as soon as you can say
# "Gee!"``, ``She didn't say "perhaps never,"``) are mentioned, not spoken; ``began to say "I once--"`` is speech.
_BARE_SAY = re.compile(
    r"(?i)(?:\b(?:(\w+)\s+to|can|could|would|should|might|must|may|will|shall|not|never)|n['’]t)\s+"
    r"(?:say|answer|ask|reply)\s*$"
)
_ATTEMPT = frozenset(["began", "begin", "begins", "begun", "started", "start", "starts", "tried", "try", "tries", "going", "about"])


def is_unspoken(text: str, start: int, end: int, para_start: int, para_end: int) -> bool:
    """Words a character only meant, implied or would have said, or words named after a bare ``say``."""
    bare = _BARE_SAY.search(text, max(para_start, start - 40), start)
    return bool(_UNSPOKEN_BEFORE.search(text, max(para_start, start - 80), start)
                or _CITED_CUE.search(text, max(para_start, start - 60), start)
                or _UNSPOKEN_AFTER.match(text, end, min(para_end, end + 60))
                or bare and (bare.group(1) or "").lower() not in _ATTEMPT)

