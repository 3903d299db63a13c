"""Conversations as JSON Lines, one record per conversation, for dialogue datasets.

Each line::

    {"doc_id": "my-story", "conversation": "V3",
     "participants": [{"id": "C1", "name": "Alana"}, ...],
     "turns": [{"speaker": {"id": "C1", "name": "Alana"},
                "addressees": [{"id": "C2", "name": "Ares"}],
                "text": "I want to leave.", "quote_ids": ["Q7"]}, ...]}

A speaker is an object with both the stable id (to join with the JSON export) and the name
(to read or train on); an unattributed quote has ``"speaker": null``.  Consecutive quotes of one
speaker (a speech interrupted by narration) merge into one turn; quote marks are removed and
white space (the line breaks of a hard-wrapped text) collapses to single spaces.
``doc_id`` is the source file's stem, or the first 12 hex digits of its sha256 for stdin/text.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fabula.export import writer
from fabula.model import Quote, Story

QUOTE_MARKS = "\"'“”„‟«»‹›‘’‚‛「」『』"


def doc_id(story: Story) -> str:
    if story.source.path and story.source.path not in ("-", "<stdin>"):
        return Path(story.source.path).stem
    return story.source.sha256[:12]


def quote_text(story: Story, q: Quote) -> str:
    """The words spoken: no quote marks, and line breaks of hard-wrapped texts made single spaces."""
    return " ".join(story.text[q.start : q.end].strip().strip(QUOTE_MARKS).split())


def _who(story: Story, cid: str | None) -> dict | None:
    if not cid:
        return None
    c = story.character(cid)
    return {"id": cid, "name": c.name if c else cid}


def _conversation_quotes(story: Story, conv, by_id: dict, by_conv: dict) -> list[Quote]:
    found = [by_id[q] for q in conv.quotes if q in by_id] or by_conv.get(conv.id, [])
    return sorted(found, key=lambda q: (q.start, q.end))


def turns(story: Story, quotes: list[Quote]) -> list[dict]:
    out: list[dict] = []
    last = None
    for q in quotes:
        text = quote_text(story, q)
        if last is not None and q.speaker and q.speaker == last["_speaker"]:
            last["text"] = f"{last['text']} {text}".strip()
            last["quote_ids"].append(q.id)
            known = {a["id"] for a in last["addressees"]}
            last["addressees"] += [_who(story, a) for a in q.addressees if a not in known]
            continue
        last = {"_speaker": q.speaker, "speaker": _who(story, q.speaker),
                "addressees": [_who(story, a) for a in dict.fromkeys(q.addressees)],
                "text": text, "quote_ids": [q.id]}
        out.append(last)
    for t in out:
        del t["_speaker"]
    return out


def records(story: Story) -> list[dict]:
    by_id = {q.id: q for q in story.quotes}
    by_conv: dict[str, list[Quote]] = {}
    for q in story.quotes:
        if q.conversation:
            by_conv.setdefault(q.conversation, []).append(q)
    did = doc_id(story)
    out = []
    for conv in sorted(story.conversations, key=lambda c: (c.start, c.end, c.id)):
        quotes = _conversation_quotes(story, conv, by_id, by_conv)
        speakers = [q.speaker for q in quotes if q.speaker]
        participants = list(dict.fromkeys([*conv.participants, *speakers]))
        out.append({"doc_id": did, "conversation": conv.id,
                    "participants": [_who(story, p) for p in participants],
                    "turns": turns(story, quotes)})
    return out


@writer("dialogue", suffix=".jsonl")
def write_dialogue(story: Story, out: Path | None) -> None:
    from fabula.io_util import atomic_write

    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(story))
    if out is None:
        sys.stdout.write(data)
    else:
        atomic_write(out, data)
