"""The HTML reader: one self-contained page to read a story with its analysis laid over it.

Offline by construction: CSS, JS and SVG are inline, fonts are the system's, and a
Content-Security-Policy (``default-src 'none'`` plus hashes of our own style and script)
forbids every request and every script we did not write.  Story text is HTML-escaped once,
as it streams out span by span, so the page stays about the size of the text.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import json
import re
import sys
from collections import Counter
from html import escape
from importlib import resources
from pathlib import Path
from typing import Iterator

from fabula import __version__
from fabula.export import reader_svg as svg
from fabula.export import writer
from fabula.model import Span, Story

# Readable on white and distinct from each other; the most active characters get the first ones.
PALETTE = ("#2f6fb0", "#c8453a", "#3a8f4b", "#8a5cb8", "#d17a22", "#1f8f9c",
           "#a0673a", "#c2508f", "#6b7f1a", "#4d5bd6", "#b0861a", "#5f7f8f")
UNKNOWN = "#8d877d"
DARK_PAPER = "#1c1b19"  # --paper in the dark colour scheme (reader.css)
EMOTION_COLORS = {"joy": "#d9a521", "trust": "#3a8f4b", "fear": "#5d4b8c", "surprise": "#1f8f9c",
                  "sadness": "#2f6fb0", "disgust": "#6b7f1a", "anger": "#c8453a", "anticipation": "#d17a22",
                  "positive": "#2e7d4f", "negative": "#b8443a"}
TYPES = ("explicit", "anaphoric", "implicit")
CAST_SHOWN = 15  # rows of the cast table before the rest folds away
VOICES_SHOWN = 8  # narration voices listed (all of them are on the strip)
NETWORK_NODES = 16  # characters drawn in the network (more labels do not fit a side panel)
_BLANK_LINES = re.compile(r"\n[ \t\r\u00a0]*\n\s*")  # also a Windows blank line (\r\n\r\n)


def _asset(name: str) -> str:
    return resources.files("fabula.export").joinpath("templates", name).read_text(encoding="utf-8")


def _rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))


def _tint(color: str, alpha: float = 0.16, paper: str = "#ffffff") -> str:
    """``color`` laid at ``alpha`` over ``paper``, as an opaque hex (no color-mix needed)."""
    return "#" + "".join(f"{round(p + (c - p) * alpha):02x}" for c, p in zip(_rgb(color), _rgb(paper)))


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


class Cast:
    """Characters ranked by how much they speak, each with a CSS class and a colour."""

    def __init__(self, story: Story):
        spoken = Counter(q.speaker for q in story.quotes if q.speaker)
        self.quote_counts = spoken
        ranked = sorted(story.characters, key=lambda c: (-(spoken.get(c.id) or c.quotes), -c.mentions, c.name, c.id))
        self.ranked = ranked
        self.index = {c.id: i for i, c in enumerate(ranked)}
        self.names = {c.id: c.name for c in ranked}
        # Speakers and addressees that are not in the cast still get a name (their id).
        for q in story.quotes:
            for cid in (q.speaker, *q.addressees):
                if cid and cid not in self.index:
                    self.index[cid] = len(self.index)
                    self.names[cid] = cid

    def klass(self, cid: str | None) -> str:
        i = self.index.get(cid) if cid else None
        return f"k{i}" if i is not None else "ku"

    def color(self, cid: str | None) -> str:
        i = self.index.get(cid) if cid else None
        return PALETTE[i % len(PALETTE)] if i is not None else UNKNOWN

    def quotes_of(self, c) -> int:
        return self.quote_counts.get(c.id, 0) if self.quote_counts else c.quotes

    def css(self) -> str:
        """A colour (``--c``) and its tint on light (``--t``) and dark (``--td``) paper per character."""
        rules = [".ku{--c:%s;--t:transparent;--td:transparent}" % UNKNOWN]
        for i in self.index.values():
            col = PALETTE[i % len(PALETTE)]
            rules.append(f".k{i}{{--c:{col};--t:{_tint(col)};--td:{_tint(col, .3, DARK_PAPER)}}}")
        return "\n".join(rules)


def paragraphs_or_blocks(story: Story) -> tuple[Span, ...]:
    """The structure stage's paragraphs, or blank-line blocks when it has not run."""
    if story.paragraphs:
        return story.paragraphs
    text, spans, pos = story.text, [], 0
    bounds = [(m.start(), m.end()) for m in _BLANK_LINES.finditer(text)] + [(len(text), len(text))]
    for end, after in bounds:
        block = text[pos:end]
        if block.strip():  # white space trimmed, so a \r never ends a paragraph
            spans.append(Span(pos + len(block) - len(block.lstrip()), pos + len(block.rstrip())))
        pos = after
    return tuple(spans)


class _Cover:
    """Which span covers a position, for positions visited left to right (linear, not quadratic)."""

    def __init__(self, spans):
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self.i = 0

    def at(self, pos: int):
        spans = self.spans
        while self.i < len(spans) and spans[self.i].end <= pos:
            self.i += 1
        for s in spans[self.i : self.i + 4]:  # a few overlapping spans at most
            if s.start <= pos < s.end:
                return s
            if s.start > pos:
                break
        return None


class _QuoteTags:
    """``<q>`` opening tags, numbered implicitly to keep the page small.

    A quote that comes right after the previous one in ``story.quotes`` carries no number; after
    a jump (a quote not shown, e.g. inside boilerplate) it carries ``data-q``; the part of a quote
    that continues in a later paragraph carries ``data-c``.  The script numbers them the same way.
    """

    def __init__(self, story: Story, cast: Cast):
        self.index = {id(q): i for i, q in enumerate(story.quotes)}
        self.cast = cast
        self.next = 0
        self.started: set[int] = set()

    def open(self, q) -> str:
        i, k = self.index[id(q)], self.cast.klass(q.speaker)
        if id(q) in self.started:
            return f"<q class={k} data-c={i}>"
        self.started.add(id(q))
        jump = i != self.next
        self.next = i + 1
        return f"<q class={k} data-q={i}>" if jump else f"<q class={k}>"


def _inline(text: str, start: int, end: int, quotes, italics, tags: _QuoteTags) -> str:
    """One paragraph: quote spans outermost, italics inside them (closed and reopened at quote edges)."""
    cuts = {start, end}
    for s in (*quotes, *italics):
        cuts.add(min(max(s.start, start), end))
        cuts.add(min(max(s.end, start), end))
    cuts = sorted(cuts)
    out: list[str] = []
    open_q = None
    open_i = False
    in_quote, in_italics = _Cover(quotes), _Cover(italics)
    for a, b in zip(cuts, cuts[1:]):
        q = in_quote.at(a)
        it = in_italics.at(a) is not None
        if q is not open_q:
            if open_i:
                out.append("</em>")
                open_i = False
            if open_q is not None:
                out.append("</q>")
            if q is not None:
                out.append(tags.open(q))
            open_q = q
        if it != open_i:
            out.append("<em>" if it else "</em>")
            open_i = it
        out.append(escape(text[a:b], quote=False))
    if open_i:
        out.append("</em>")
    if open_q is not None:
        out.append("</q>")
    return "".join(out)


class _Window:
    """Spans met in order by ranges that move forward (paragraphs): each span is touched a few times."""

    def __init__(self, spans):
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self.next = 0
        self.active: list = []

    def overlapping(self, start: int, end: int) -> list:
        while self.next < len(self.spans) and self.spans[self.next].start < end:
            self.active.append(self.spans[self.next])
            self.next += 1
        self.active = [s for s in self.active if s.end > start]
        return [s for s in self.active if s.start < end]


def _voice(story: Story, cast: Cast, seg) -> tuple[str, str]:
    """(css class, label html) for a narration segment: whose voice, in which person."""
    who = seg.narrator or seg.pov
    name = cast.names.get(who, who) if who else ""
    if seg.person == "third":
        kind = "third person, point of view" if seg.pov else "third person"
    else:
        kind = f"{seg.person} person"
    kind = escape(kind)
    label = f"{escape(name)} <em>· {kind}</em>" if name else f"<em>{kind}</em>"
    return cast.klass(who), label


def _text(story: Story, cast: Cast) -> Iterator[str]:
    """The story, streamed: paragraphs, boilerplate, gaps (scene marks), anchors and voices."""
    text = story.text
    items = [(p.start, p.end, "p", "") for p in paragraphs_or_blocks(story)]
    items += [(b.start, b.end, "bp", b.kind) for b in story.boilerplate]
    items.sort(key=lambda x: (x[0], x[1]))
    marks = [(c.start, 0, i) for i, c in enumerate(story.chapters)]
    marks += [(s.start, 1, i) for i, s in enumerate(story.scenes)]
    marks.sort()
    quotes = _Window(story.quotes)
    italics = _Window(story.italics)
    tags = _QuoteTags(story, cast)
    segments = sorted(story.segments, key=lambda s: (s.start, s.end))
    seg_starts = [s.start for s in segments]
    last_seg = None
    pos, mi = 0, 0
    after_prose = False  # a scene break is drawn only between two stretches of prose

    def gap(a: int, b: int):
        nonlocal after_prose
        piece = text[a:b].strip()
        if piece:
            after_prose = False
            return f'<div class="gap">{escape(piece, quote=False)}</div>\n'
        return ""

    def mark(kind: int, i: int) -> str:
        nonlocal after_prose
        if kind == 0:
            html = ('<hr class="ch">' if i else "") + f'<div class="sc" id="ch{i + 1}"></div>\n'
        else:
            html = f'<div class="sc{" br" if after_prose else ""}" id="sc{i + 1}"></div>\n'
        after_prose = False
        return html

    for start, end, kind, extra in items:
        start = max(start, pos)
        if start >= end:
            continue
        while mi < len(marks) and marks[mi][0] <= start:
            off = max(marks[mi][0], pos)
            yield gap(pos, off)
            pos = off
            yield mark(marks[mi][1], marks[mi][2])
            mi += 1
        yield gap(pos, start)
        body = text[start:end]
        after_prose = kind == "p"
        if kind == "bp":
            if extra == "heading":
                yield f'<h2 class="hd">{escape(body.strip(), quote=False)}</h2>\n'
            else:
                yield f'<div class="bp" data-kind="{escape(extra.replace("_", " "))}">{escape(body.strip(), quote=False)}</div>\n'
        else:
            i = bisect.bisect_right(seg_starts, start) - 1
            seg = segments[i] if i >= 0 and segments[i].end > start else None
            klass = ""
            if seg is not None:
                k, label = _voice(story, cast, seg)
                klass = f' class="v {k}"'
                if seg is not last_seg:
                    yield f'<div class="seg {k}" id="sg{i + 1}">{label}</div>\n'
            last_seg = seg
            inner = _inline(text, start, end, quotes.overlapping(start, end), italics.overlapping(start, end), tags)
            yield f"<p{klass}>{inner}</p>\n"
        pos = end
    while mi < len(marks):
        off = max(marks[mi][0], pos)
        yield gap(pos, off)
        pos = off
        yield mark(marks[mi][1], marks[mi][2])
        mi += 1
    yield gap(pos, len(text))


def _snippet(story: Story, start: int, words: int = 5) -> str:
    head = story.text[start : start + 120].split()
    s = " ".join(head[:words])
    return s + ("…" if len(head) > words else "")


def _toc(story: Story) -> str:
    out = ['<h2 class="side">Contents</h2><ol>']
    scenes = sorted(enumerate(story.scenes), key=lambda t: (t[1].start, t[0]))
    scene_starts = [s.start for _, s in scenes]
    chapters = list(enumerate(story.chapters))
    if not chapters:
        out.append('<li><a href="#top">Beginning</a></li>')
        out += [f'<li><a href="#sc{i + 1}">{escape(_snippet(story, s.start))}</a></li>' for i, s in scenes]
    for ci, ch in chapters:
        title = ch.title or (f"Chapter {ci + 1}" if len(chapters) > 1 else (story.title or "Chapter 1"))
        out.append(f'<li><a href="#ch{ci + 1}">{escape(title)}</a>')
        inner = scenes[bisect.bisect_left(scene_starts, ch.start) : bisect.bisect_left(scene_starts, ch.end)]
        if len(inner) > 1:
            out.append("<ol>")
            out += [f'<li><a href="#sc{i + 1}" title="scene {i + 1}">{escape(_snippet(story, s.start))}</a></li>' for i, s in inner]
            out.append("</ol>")
        out.append("</li>")
    out.append("</ol>")
    return "".join(out)


def _cast_panel(story: Story, cast: Cast) -> str:
    out = ['<h2 class="side">Cast</h2>']
    if not cast.ranked:
        out.append('<p class="note">No characters in this analysis.</p>')
    else:
        out.append('<table class="cast"><thead><tr><th>character</th><th title="gender">g</th>'
                   '<th title="mentions">ment.</th><th title="quotations spoken">quotes</th></tr></thead><tbody>')
        for n, c in enumerate(cast.ranked):
            if n == CAST_SHOWN and len(cast.ranked) > CAST_SHOWN + 2:
                # The long tail folds away (no script needed) so the network and arcs stay in view.
                out.append('</tbody><tbody class="more" hidden>')
            k = cast.klass(c.id)
            mark = f'<span class="mark {k}" title="narrator">narrator</span>' if c.narrator else ""
            aliases = [a for a in c.aliases if a != c.name]
            al = f'<span class="al">{escape(", ".join(aliases))}</span>' if aliases else ""
            out.append(f'<tr class="{k}" data-k="{k}"><td class="who"><span class="dot"></span><span class="nm">{escape(c.name)}</span>'
                       f'{mark}{al}</td><td class="g">{escape(c.gender)}</td><td>{c.mentions:,}</td><td>{cast.quotes_of(c):,}</td></tr>')
        out.append("</tbody></table>")
        if len(cast.ranked) > CAST_SHOWN + 2:
            out.append(f'<button type="button" class="more">all {len(cast.ranked)} characters</button>')
    n = len(story.quotes)
    unattributed = sum(1 for q in story.quotes if not q.speaker)
    if n:
        out.append(f'<p class="note">{n:,} quotations, {n - unattributed:,} attributed. Hover or click one for its speaker; '
                   'click a character to pick out their lines.</p>')
    return "".join(out)


def _voices_panel(story: Story, cast: Cast) -> str:
    """Who tells the story: a strip across the text (click to jump) and the voices by words told."""
    if not story.segments:
        return ""
    segments = sorted(story.segments, key=lambda s: (s.start, s.end))
    n = len(story.text) or 1
    strip, voices = [], {}
    for i, seg in enumerate(segments):
        k, label = _voice(story, cast, seg)
        words = len(story.text[seg.start : seg.end].split())
        entry = voices.setdefault(label, [k, 0, 0, i])
        entry[1] += words
        entry[2] += 1
        plain = re.sub(r"<[^>]+>", "", label)
        strip.append((seg.start / n, seg.end / n, cast.color(seg.narrator or seg.pov), f"#sg{i + 1}", f"{plain}: {words:,} words"))
    out = ['<h2 class="side">Narration</h2>', f"<figure>{svg.strip(strip)}</figure>", '<ul class="voices">']
    ranked = sorted(voices.items(), key=lambda t: (-t[1][1], t[1][3]))
    for label, (k, words, stretches, first) in ranked[:VOICES_SHOWN]:
        more = f", {stretches} stretches" if stretches > 1 else ""
        out.append(f'<li class="{k}"><a href="#sg{first + 1}">{label}</a> <span class="g">{words:,} words{more}</span></li>')
    out.append("</ul>")
    if len(ranked) > VOICES_SHOWN:
        out.append(f'<p class="note">and {len(ranked) - VOICES_SHOWN} more voices (on the bar above)</p>')
    return "".join(out)


def _emotion_panel(story: Story, cast: Cast) -> str:
    emo = story.emotion if isinstance(story.emotion, dict) else None
    out = ['<h2 class="side">Emotion</h2>']
    if not emo:
        out.append('<p class="note">No emotion analysis.</p>')
        return "".join(out)
    whole = emo.get("story") if isinstance(emo.get("story"), dict) else {}
    n = len(story.text) or 1
    # Chapter ticks help a few chapters; dozens would hatch the chart (the columns below show them).
    marks = tuple(c.start / n for c in story.chapters[1:]) if len(story.chapters) <= 24 else ()
    valence = svg.numbers(whole.get("valence"))
    if valence:
        out.append(f'<figure><figcaption>Valence through the story</figcaption>{svg.arc(valence, marks=marks, label="valence")}</figure>')
    emotions = whole.get("emotions") if isinstance(whole.get("emotions"), dict) else {}
    strips = [(str(name), values, EMOTION_COLORS.get(str(name).lower(), PALETTE[j % len(PALETTE)]))
              for j, (name, series) in enumerate(emotions.items()) if (values := svg.numbers(series))]
    if strips:
        out.append(f'<figure><figcaption>Emotions through the story</figcaption>{svg.heat(strips)}</figure>')
    chapters = [c for c in emo.get("chapters") or () if isinstance(c, dict)]
    means = [(c, _mean(c.get("valence"))) for c in chapters]
    if len(means) > 1 and all(m is not None for _, m in means):
        labels = [str(c.get("title") or f"Chapter {i + 1}") for i, (c, _) in enumerate(means)]
        out.append(f'<figure><figcaption>Valence by chapter</figcaption>{svg.columns([m for _, m in means], labels=labels)}</figure>')
    rows = []
    chars = emo.get("characters") if isinstance(emo.get("characters"), dict) else {}
    for cid, info in chars.items():
        cid = str(cid)
        value = info.get("valence") if isinstance(info, dict) else info
        if svg.numbers([value]):
            rows.append((cast.names.get(cid, str(cid)), float(value), cast.color(cid), cast.index.get(cid, 1 << 30)))
    if rows:
        rows.sort(key=lambda r: (r[3], r[0]))
        out.append(f'<figure><figcaption>Mean valence by character</figcaption>{svg.bars([r[:3] for r in rows[:12]])}</figure>')
    rels = _relationships(emo.get("relationships"), cast)
    if rels:
        out.append('<figure><figcaption>What one says to another (valence)</figcaption><ul class="rel">')
        for a, b, v in rels[:8]:
            out.append(f'<li><span>{escape(a)} → {escape(b)}</span><span class="{"pos" if v >= 0 else "neg"}">{v:+.2f}</span></li>')
        out.append("</ul></figure>")
    if len(out) == 1:
        out.append('<p class="note">No emotion arc to draw.</p>')
    return "".join(out)


def _mean(value) -> float | None:
    if svg.numbers([value]):
        return float(value)
    values = svg.numbers(value)
    return sum(values) / len(values) if values else None


def _relationships(items, cast: Cast) -> list[tuple[str, str, float]]:
    """Pairs with a number, whatever the planned dict calls them: top by strength."""
    found = []
    for r in items if isinstance(items, list) else ():
        if not isinstance(r, dict):
            continue
        pair = r.get("pair") or r.get("characters") or [r.get("source", r.get("a")), r.get("target", r.get("b"))]
        value = next((r[k] for k in ("valence", "score", "sentiment") if svg.numbers([r.get(k)])), None)
        if isinstance(pair, (list, tuple)) and len(pair) == 2 and all(pair) and value is not None:
            a, b = str(pair[0]), str(pair[1])
            found.append((cast.names.get(a, a), cast.names.get(b, b), float(value)))
    return sorted(found, key=lambda t: (-abs(t[2]), t[0], t[1]))


def _network_panel(story: Story, cast: Cast) -> str:
    net = story.network if isinstance(story.network, dict) else None
    out = ['<h2 class="side">Network</h2>']
    nodes = net.get("nodes") if net and isinstance(net.get("nodes"), list) else []
    edges = net.get("edges") if net and isinstance(net.get("edges"), list) else []
    picture = svg.network(nodes, edges, {cid: cast.color(cid) for cid in cast.index}, limit=NETWORK_NODES) if nodes else ""
    if not picture:
        out.append('<p class="note">No character network.</p>')
        return "".join(out)
    shown = min(len(nodes), NETWORK_NODES)
    caption = f"<figcaption>the {shown} most present of {len(nodes)} characters</figcaption>" if len(nodes) > shown else ""
    out.append(f"<figure>{caption}{picture}</figure>")
    out.append('<div class="legend"><span><i></i>conversation</span><span><i class="cp"></i>same scene</span>'
               "<span>node size: mentions + quotes</span></div>")
    return "".join(out)


def _data(story: Story, cast: Cast) -> str:
    """Quote metadata for the pop-up cards, as JSON that cannot close its <script> element."""
    chars = [{"name": cast.names[cid], "color": cast.color(cid)} for cid in cast.index]
    quotes = [[cast.index.get(q.speaker, -1) if q.speaker else -1,
               [cast.index[a] for a in q.addressees if a in cast.index],
               TYPES.index(q.type) if q.type in TYPES else -1,
               round(q.confidence, 2) if q.speaker else None,
               q.conversation] for q in story.quotes]
    raw = json.dumps({"chars": chars, "quotes": quotes, "types": TYPES}, ensure_ascii=False, separators=(",", ":"))
    return raw.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'s' * (n != 1)}"


def _word_count(story: Story) -> int:
    return sum(len(story.text[p.start : p.end].split()) for p in paragraphs_or_blocks(story))


def iter_page(story: Story) -> Iterator[str]:
    """The page, piece by piece (the story text appears once, escaped)."""
    cast = Cast(story)
    css = _asset("reader.css") + "\n" + cast.css() + "\n"
    js = _asset("reader.js")
    csp = (f"default-src 'none'; style-src {_sha(css)}; script-src {_sha(js)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    source = Path(story.source.path).name if story.source.path else "text"
    title = story.title or source
    facts = [escape(source), _count(_word_count(story), "word"), _count(len(story.chapters), "chapter"),
             _count(len(story.quotes), "quotation"), _count(len(story.characters), "character")]
    yield ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
           f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
           '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
           f'<meta name="generator" content="fabula {__version__}">\n'
           f"<title>{escape(title)} — fabula</title>\n<style>{css}</style></head>\n<body>\n"
           f'<header class="top" id="top"><h1>{escape(title)}</h1><div class="meta">'
           + "".join(f"<span>{f}</span>" for f in facts) + '<span class="jump"><a href="#panel">cast &amp; charts ↓</a></span></div></header>\n'
           f'<div class="layout">\n<nav class="toc">{_toc(story)}</nav>\n<main class="text">\n')
    yield from _text(story, cast)
    yield (f'</main>\n<aside class="panel" id="panel">{_cast_panel(story, cast)}{_voices_panel(story, cast)}'
           f"{_network_panel(story, cast)}{_emotion_panel(story, cast)}</aside>\n</div>\n"
           '<div id="pop" hidden></div>\n'
           f'<script id="fabula-data" type="application/json">{_data(story, cast)}</script>\n'
           f"<script>{js}</script>\n</body></html>\n")


def render(story: Story) -> str:
    return "".join(iter_page(story))


@writer("html", suffix=".html")
def write_html(story: Story, out: Path | None) -> None:
    from fabula.io_util import atomic_write

    page = render(story)
    if out is None:
        sys.stdout.write(page)
    else:
        atomic_write(out, page)
