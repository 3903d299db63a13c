"""LitBank as gold: quotations, their speakers (coreference entities) and the excerpt's text.

LitBank gives tokens, one sentence per line; fabula needs prose.  We find the tokens in order
in the work's original text (``original/``), cut the excerpt they cover, and turn token
offsets into character offsets in that excerpt.  A speaker is a coreference entity: its
names are its proper-name mentions (capitalised, not a pronoun, not a sentence-initial
common word).  The quotations' speaker labels (``Mrs_Bennet-7``) do not use the CoNLL files'
entity numbers (these count entities in order of first mention), so each label is resolved
to its entity by :func:`resolve_speakers`; taking the number at face value made about a third
of the gold speakers wrong (entity 7 of Pride and Prejudice is Netherfield Park).  A person
named once in apposition ("my good friend, Master John Rolfe") is a separate one-mention entity
in the CoNLL files; it is folded into the entity it names (:func:`merge_appositives`).

Two rules say whether a predicted speaker is the gold one; the report gives both:

* by names (``speaker_accuracy``, ``speaker_accuracy_named``): the predicted character
  shares a normalised name with the gold entity.  An entity without a proper-name mention
  ("the old man", "One girl") can never be matched, so this under-counts.
* by mentions (``speaker_accuracy_mentions``, ``speaker_accuracy_named_mentions``), the
  usual way to align a predicted cast with gold coreference: each predicted character is
  mapped to the gold entity its mention spans overlap most (every predicted mention votes
  for the entity of the gold mention it overlaps with the highest overlap/union; a
  first-person narrator's mentions are the ``I/me/my`` of the narration fabula gives it).
  A character with no overlapping mention falls back to the name vote of
  :func:`fabula.evaluate.scoring.map_characters`.  The gold mention spans, as character
  offsets into the excerpt, are in ``GoldWork.meta["mentions"]`` as (start, end, entity).

"named" figures are over the quotes whose gold speaker has a proper name, for both rules.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from fabula.errors import InputError
from fabula.evaluate.gold import GoldCharacter, GoldQuote, GoldWork, read_text
from fabula.lexicon import FIRST_PERSON, NAME_PARTICLES, PERSONAL_PRONOUNS

_NOT_NAMES = PERSONAL_PRONOUNS | frozenset("who whom whose this that these those one the a an".split())
_LABEL_STOP = frozenset({"the", "a", "an", "of", "s", "his", "her", "my", "our", "their", "mr", "mrs", "miss", "ms"})
_CONNECTORS = NAME_PARTICLES | {"of", "-"}
_MAJOR_MENTIONS = 5  # a named person who speaks or is mentioned this often counts for character recall


def _sentences(path: Path) -> list[list[str]]:
    return [line.split(" ") for line in read_text(path).split("\n") if line.strip()]


def align(tokens: list[str], text: str) -> list[tuple[int, int]]:
    """Character offsets of each token in ``text``, found in order (a token not found gets an empty span)."""
    head = r"\s*".join(re.escape(t) for t in tokens[:8])
    m = re.search(head, text)
    if not m:
        raise InputError("LitBank tokens not found in the original text")
    pos, out = m.start(), []
    for tok in tokens:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if text.startswith(tok, pos):
            out.append((pos, pos + len(tok)))
            pos += len(tok)
            continue
        found = text.find(tok, pos, pos + 200)
        if found >= 0:
            out.append((found, found + len(tok)))
            pos = found + len(tok)
        else:
            out.append((pos, pos))
    return out


def _coref(path: Path) -> dict[str, list[tuple[int, int]]]:
    """Entity id -> mentions as (first token, last token) indices over the whole excerpt."""
    mentions: dict[str, list[tuple[int, int]]] = {}
    open_: dict[str, list[int]] = {}
    index = -1
    for line in read_text(path).split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        index += 1
        tag = line.split("\t")[-1].strip()
        if not tag or tag in ("_", "-"):
            continue
        for part in tag.split("|"):
            ent = part.strip("()")
            if part.startswith("(") and part.endswith(")"):
                mentions.setdefault(ent, []).append((index, index))
            elif part.startswith("("):
                open_.setdefault(ent, []).append(index)
            elif part.endswith(")") and open_.get(ent):
                mentions.setdefault(ent, []).append((open_[ent].pop(), index))
    return mentions


def _label_norm(s: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", s.lower()).split())


def resolve_speakers(attrib: dict[str, str], spans: dict[str, tuple[int, int]],
                     entities: dict[str, list[tuple[int, int]]], tokens: list[str]) -> dict[str, str | None]:
    """Speaker label (``MRS__LENNOX-7``) -> coreference entity id in ``coref/conll``.

    The quotations and the CoNLL coreference of this LitBank release number entities
    differently (about half the labels' numbers point at an entity without the label's name:
    ``Mrs_Bennet-7`` is entity 6, entity 7 is Netherfield Park), so the number is only a hint.
    In order: an entity with a mention spelt like the label (the one owning most I/me/my inside
    the label's quotes, then the nearest number); the entity owning most I/me/my inside the
    label's quotes (coreference links a speaker's "I" to the speaker); for "narrator" labels
    the entity with most I/me/my outside quotes; an entity sharing most words with the label
    (nearest number first); the entity with the label's number.
    """
    first_owner: dict[int, list[str]] = {}
    surface: dict[str, set[str]] = {}
    words_of: dict[str, set[str]] = {}
    for ent, ments in entities.items():
        for a, b in ments:
            if a == b and tokens[a].lower() in FIRST_PERSON:
                first_owner.setdefault(a, []).append(ent)
            phrase = _label_norm(" ".join(tokens[a : b + 1]))
            surface.setdefault(ent, set()).add(phrase)
            words_of.setdefault(ent, set()).update(phrase.split())
    inside: set[int] = set()
    votes: dict[str, Counter] = {}
    for q, label in sorted(attrib.items()):
        a, b = spans.get(q, (0, -1))
        inside.update(range(a, b + 1))
        for t in range(a, b + 1):
            for ent in first_owner.get(t, ()):
                votes.setdefault(label, Counter())[ent] += 1
    narrator = Counter(e for t, ents in first_owner.items() if t not in inside for e in ents)

    def number(e: str) -> int:
        return int(e) if e.isdigit() else -1

    out: dict[str, str | None] = {}
    for label in sorted(set(attrib.values())):
        name, _, num = label.rpartition("-")
        k = int(num) if num.isdigit() else -1
        v = votes.get(label, Counter())
        key = _label_norm(name)
        exact = [e for e in entities if key in surface.get(e, ())]
        if exact:
            out[label] = min(exact, key=lambda e: (-v[e], abs(number(e) - k), number(e)))
        elif v:
            out[label] = min(v, key=lambda e: (-v[e], abs(number(e) - k), number(e)))
        elif key == "narrator" and narrator:
            out[label] = min(narrator, key=lambda e: (-narrator[e], number(e)))
        else:
            want = set(key.split()) - _LABEL_STOP
            shared = {e: len(want & w) for e, w in words_of.items()}
            best = max(shared.values(), default=0)
            if best:
                out[label] = min((e for e in shared if shared[e] == best), key=lambda e: (abs(number(e) - k), number(e)))
            else:
                out[label] = num if num in entities else None
    return out


def merge_appositives(entities: dict[str, list[tuple[int, int]]], tokens: list[str],
                      persons: set[int]) -> dict[str, list[tuple[int, int]]]:
    """Fold a one-mention person named in apposition into the entity it names.

    LitBank's coreference leaves appositions unlinked: in "my good friend, Master John Rolfe,"
    the name is an entity of its own with that one mention, while the speaker is the entity of
    "my good friend" and its pronouns.  A predicted character called Rolfe overlaps only the
    name, so it would map to the one-mention entity and never to the speaker.
    """
    ends: dict[int, list[str]] = {}
    for ent, ments in entities.items():
        for a, b in ments:
            ends.setdefault(b, []).append(ent)
    out = {e: list(m) for e, m in entities.items()}
    for ent, ments in sorted(entities.items()):
        if len(ments) != 1:
            continue
        a, _ = ments[0]
        if a < 2 or tokens[a - 1] != "," or not tokens[a][:1].isupper() or a not in persons:
            continue
        heads = [e for e in ends.get(a - 2, ()) if e != ent and len(entities[e]) > 1 and e in out
                 and any(s in persons for s, _ in entities[e])]
        if len(heads) == 1:
            out[heads[0]].extend(out.pop(ent))
    return out


def _person_starts(path: Path) -> set[int]:
    starts, index = set(), -1
    for line in read_text(path).split("\n"):
        if not line.strip():
            continue
        index += 1
        if any(col.strip() == "B-PER" for col in line.split("\t")[1:]):
            starts.add(index)
    return starts


def _proper(words: list[str], first_of_sentence: bool, lower_vocab: set[str]) -> str | None:
    """The mention as a name, or None when it is a pronoun or a common noun phrase."""
    skipped = 1 if words and words[0].lower() in ("the", "a", "an") else 0

    def is_name(i: int, w: str) -> bool:
        if not w[:1].isupper() or w.lower() in _NOT_NAMES:
            return False
        return not (i + skipped == 0 and first_of_sentence and w.lower() in lower_vocab)

    words = words[skipped:]
    if not words or len(words) > 5 or not is_name(len(words) - 1, words[-1]):
        return None
    if not all(is_name(i, w) or w in _CONNECTORS or w.endswith(".") and w[:1].isupper() for i, w in enumerate(words)):
        return None
    return " ".join(words)


def load_litbank_work(root: Path, stem: str) -> GoldWork:
    """``stem`` is the file name without ``_brat.ann`` (``1155_the_secret_adversary``)."""
    qdir = root / "quotations" / "tsv"
    sentences = _sentences(qdir / f"{stem}_brat.txt")
    tokens = [t for s in sentences for t in s]
    sent_starts, i = [], 0
    for s in sentences:
        sent_starts.append(i)
        i += len(s)
    sentence_initial = set(sent_starts)
    original = read_text(root / "original" / f"{stem}.txt")
    offsets = align(tokens, original)
    start = offsets[0][0]
    end = max(e for _, e in offsets)
    nl = original.find("\n", end)
    end = nl if nl >= 0 else len(original)  # the excerpt runs to the end of its last line
    text = original[start:end]
    offsets = [(s - start, e - start) for s, e in offsets]

    lower_vocab = {t for t in tokens if t.islower()}
    persons = _person_starts(root / "entities" / "tsv" / f"{stem}_brat.tsv")
    entities = merge_appositives(_coref(root / "coref" / "conll" / f"{stem}_brat.conll"), tokens, persons)
    spans, attrib = {}, {}
    for line in read_text(qdir / f"{stem}_brat.ann").split("\n"):
        cols = line.split("\t")
        if cols[0] == "QUOTE" and len(cols) >= 6:  # QUOTE id first-sentence first-token last-sentence last-token
            s_sent, s_tok, e_sent, e_tok = map(int, cols[2:6])
            spans[cols[1]] = (sent_starts[s_sent] + s_tok, sent_starts[e_sent] + e_tok)
        elif cols[0] == "ATTRIB" and len(cols) >= 3:  # ATTRIB id Name-entity
            attrib[cols[1]] = cols[2].strip()
    labels = resolve_speakers(attrib, spans, entities, tokens)
    attrib = {q: labels[lab] for q, lab in attrib.items() if labels.get(lab) is not None}
    quotes, speakers = [], Counter()
    for qid, (a, b) in sorted(spans.items(), key=lambda kv: kv[1]):
        speaker = attrib.get(qid)
        speakers[speaker] += 1
        quotes.append(GoldQuote(spans=((offsets[a][0], offsets[b][1]),), speaker=speaker))

    characters = {}
    for ent, ments in sorted(entities.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 0):
        if 2 * sum(a in persons for a, _ in ments) < len(ments) and ent not in speakers:
            continue
        names = Counter()
        for a, b in ments:
            name = _proper(tokens[a : b + 1], a in sentence_initial, lower_vocab)
            if name:
                names[name] += 1
        if not names:
            continue
        main = sorted(names.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
        major = ent in speakers or len(ments) >= _MAJOR_MENTIONS
        characters[ent] = GoldCharacter(id=ent, name=main, aliases=tuple(sorted(set(names) - {main})),
                                        category="major" if major else "minor")
    unaligned = sum(1 for s, e in offsets if s == e)
    spans_ = sorted((offsets[a][0], offsets[b][1], ent) for ent, ments in entities.items() for a, b in ments
                    if offsets[b][1] > offsets[a][0])
    return GoldWork("litbank", stem, text, characters, tuple(quotes), match_by_names=True,
                    meta={"unaligned_tokens": unaligned, "mentions": tuple(spans_)})


def litbank_stems(root: Path) -> list[str]:
    root = Path(root)
    qdir = root / "quotations" / "tsv"
    if not qdir.is_dir():
        raise InputError(f"{root}: not a LitBank folder (no quotations/tsv)")
    stems = sorted(p.name[: -len("_brat.ann")] for p in qdir.glob("*_brat.ann"))
    return [s for s in stems if (root / "original" / f"{s}.txt").is_file()]
