"""Inline SVG for the HTML reader: emotion arcs and the character network.

Drawn in Python so the page needs no charting library and no network; every layout is
deterministic (same story, same picture).  Labels pass through ``html.escape``.
"""

from __future__ import annotations

import math
from html import escape
from numbers import Real


def numbers(value) -> list[float] | None:
    """``value`` as a list of floats if it is a non-empty list of numbers, else None."""
    if not isinstance(value, (list, tuple)) or not value:
        return None
    if not all(isinstance(v, Real) and not isinstance(v, bool) and math.isfinite(v) for v in value):
        return None
    return [float(v) for v in value]


def num(value, default: float = 0.0) -> float:
    """A finite float from whatever a layer holds (None, a string, NaN become ``default``)."""
    if isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return default


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _points(series: list[float], w: float, h: float, lo: float, hi: float, pad: float) -> list[tuple[float, float]]:
    n = len(series)
    span = (hi - lo) or 1.0
    step = (w - 2 * pad) / max(n - 1, 1)
    return [(pad + i * step, pad + (h - 2 * pad) * (1 - (v - lo) / span)) for i, v in enumerate(series)]


def arc(series: list[float], *, width: int = 320, height: int = 110, color: str = "#2f6fb0",
        marks: tuple[float, ...] = (), label: str = "") -> str:
    """A line chart with a zero line (when the range crosses zero) and optional chapter ticks (0..1)."""
    lo, hi = min(series + [0.0]), max(series + [0.0])
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    pad = 4.0
    pts = _points(series, width, height, lo, hi, pad)
    if len(pts) == 1:
        pts = [(pad, pts[0][1]), (width - pad, pts[0][1])]
    zero_y = pad + (height - 2 * pad) * (1 - (0 - lo) / (hi - lo))
    line = " ".join(f"{_f(x)},{_f(y)}" for x, y in pts)
    area = f"M{_f(pts[0][0])},{_f(zero_y)} L" + " L".join(f"{_f(x)},{_f(y)}" for x, y in pts) + f" L{_f(pts[-1][0])},{_f(zero_y)} Z"
    parts = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{escape(label)}">']
    for m in marks:
        x = pad + (width - 2 * pad) * min(max(m, 0.0), 1.0)
        parts.append(f'<line x1="{_f(x)}" y1="0" x2="{_f(x)}" y2="{height}" stroke="#e9e5dd" stroke-width=".7"/>')
    parts.append(f'<line x1="0" y1="{_f(zero_y)}" x2="{width}" y2="{_f(zero_y)}" stroke="#cfc9bf" stroke-dasharray="3 3"/>')
    parts.append(f'<path d="{area}" fill="{color}" fill-opacity=".12"/>')
    parts.append(f'<polyline points="{line}" fill="none" stroke="{color}" stroke-width="1.8" stroke-linejoin="round"/>')
    parts.append("</svg>")
    return "".join(parts)


def spark(series: list[float], *, width: int = 320, height: int = 26, color: str = "#2f6fb0", label: str = "") -> str:
    """A small line without axes, scaled to its own range (for one emotion among several)."""
    lo, hi = min(series), max(series)
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    pts = _points(series, width, height, lo, hi, 2.0)
    if len(pts) == 1:
        pts = [(2.0, pts[0][1]), (width - 2.0, pts[0][1])]
    line = " ".join(f"{_f(x)},{_f(y)}" for x, y in pts)
    return (f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{escape(label)}">'
            f'<polyline points="{line}" fill="none" stroke="{color}" stroke-width="1.5" stroke-linejoin="round"/></svg>')


def bars(rows: list[tuple[str, float, str]], *, width: int = 320, row: int = 18) -> str:
    """Diverging horizontal bars: (label, value, colour), zero in the middle."""
    top = max((abs(v) for _, v, _ in rows), default=0.0) or 1.0
    label_w = 96
    mid = label_w + (width - label_w) / 2
    half = (width - label_w) / 2 - 4
    height = row * len(rows) + 4
    parts = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="valence by character">',
             f'<line x1="{_f(mid)}" y1="0" x2="{_f(mid)}" y2="{height}" stroke="#cfc9bf"/>']
    for i, (name, value, color) in enumerate(rows):
        y = 2 + i * row
        w = half * abs(value) / top
        x = mid if value >= 0 else mid - w
        parts.append(f'<text x="{label_w - 6}" y="{_f(y + row * .68)}" text-anchor="end" font-size="11">{escape(_clip(name, 14))}</text>')
        parts.append(f'<rect x="{_f(x)}" y="{_f(y + 3)}" width="{_f(max(w, 1))}" height="{row - 6}" rx="2" fill="{color}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _clip(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def network(nodes: list[dict], edges: list[dict], colors: dict[str, str], *, size: int = 210, limit: int = 16,
            max_edges: int = 40) -> str:
    """The cast on a circle, largest first (clockwise from the top); edges drawn as chords.

    Conversation edges are solid and weighted, co-presence edges thin and dashed; only the
    strongest ``max_edges`` of each kind are drawn.  A circle keeps every label readable and
    needs no iteration, so the picture is stable across runs.
    """
    def weight(n: dict) -> float:
        return max(num(n.get("mentions")), 0.0) + 2 * max(num(n.get("quotes")), 0.0)

    ranked = sorted((n for n in nodes if isinstance(n, dict) and n.get("id") is not None), key=lambda n: (-weight(n), str(n["id"])))[:limit]
    if not ranked:
        return ""
    ids = {str(n["id"]) for n in ranked}
    names = {str(n["id"]): str(n.get("name") or n["id"]) for n in ranked}
    size = min(size, 90 + 35 * len(ranked))  # a small cast gets a small circle
    margin = 84
    full = size + 2 * margin
    c = full / 2
    r = size / 2 - 12 if len(ranked) > 1 else 0
    pos = {}
    for i, n in enumerate(ranked):
        a = -math.pi / 2 + 2 * math.pi * i / len(ranked)
        pos[str(n["id"])] = (c + r * math.cos(a), c + r * math.sin(a), a)
    # A → B and B → A are one chord in the picture, weighing both.
    pairs: dict[tuple[str, str, str], float] = {}
    for e in edges:
        if not isinstance(e, dict):
            continue
        a, b = str(e.get("source")), str(e.get("target"))
        if a in ids and b in ids and a != b:
            key = (str(e.get("kind")), *sorted((a, b)))
            pairs[key] = pairs.get(key, 0.0) + num(e.get("weight"), 1.0)
    usable = [{"kind": k, "source": a, "target": b, "weight": w} for (k, a, b), w in pairs.items()]
    kept = []
    for kind in sorted({str(e.get("kind")) for e in usable}):
        same = sorted((e for e in usable if str(e.get("kind")) == kind),
                      key=lambda e: (-num(e.get("weight"), 1.0), str(e["source"]), str(e["target"])))
        kept += same[:max_edges]
    top_w = max((num(e.get("weight"), 1.0) for e in kept), default=1.0) or 1.0
    top_n = max((weight(n) for n in ranked), default=1.0) or 1.0
    # Crop the square to the drawing: a small cast on a circle leaves empty bands above and below.
    top = max(0.0, min(y for _, y, _ in pos.values()) - 40)
    height = min(full, max(y for _, y, _ in pos.values()) + 40) - top
    parts = [f'<svg viewBox="0 {_f(top)} {_f(full)} {_f(height)}" width="{_f(full)}" height="{_f(height)}" role="img" '
             'aria-label="character network">']
    # Co-presence first so conversations are drawn on top.
    for e in sorted(kept, key=lambda e: (e.get("kind") == "conversation", num(e.get("weight"), 1.0), str(e["source"]), str(e["target"]))):
        (x1, y1, _), (x2, y2, _) = pos[str(e["source"])], pos[str(e["target"])]
        w = num(e.get("weight"), 1.0)
        # A chord bent towards the centre reads better than a straight line through it.
        qx, qy = (x1 + x2) / 2 * .75 + c * .25, (y1 + y2) / 2 * .75 + c * .25
        d = f"M{_f(x1)},{_f(y1)} Q{_f(qx)},{_f(qy)} {_f(x2)},{_f(y2)}"
        tip = escape(f"{names[str(e['source'])]} – {names[str(e['target'])]}: {e.get('kind', 'edge')} ×{_f(w)}")
        if e.get("kind") == "conversation":
            sw = 1 + 5 * w / top_w
            parts.append(f'<path d="{d}" fill="none" stroke="#6d675e" stroke-opacity=".55" stroke-width="{_f(sw)}"><title>{tip}</title></path>')
        else:
            parts.append(f'<path d="{d}" fill="none" stroke="#c3bdb2" stroke-width="1" stroke-dasharray="3 3"><title>{tip}</title></path>')
    for n in ranked:
        x, y, a = pos[str(n["id"])]
        rad = 4 + 10 * math.sqrt(weight(n) / top_n)
        name = str(n.get("name") or n["id"])
        color = colors.get(str(n["id"]), "#8d877d")
        tip = escape(f"{name}: {n.get('mentions', 0)} mentions, {n.get('quotes', 0)} quotes")
        parts.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(rad)}" fill="{color}" stroke="#fff" stroke-width="1.5"><title>{tip}</title></circle>')
        lx, ly = x + (rad + 5) * math.cos(a), y + (rad + 5) * math.sin(a)
        anchor = "middle" if abs(math.cos(a)) < .3 else ("start" if math.cos(a) > 0 else "end")
        dy = 4 if abs(math.sin(a)) < .7 else (12 if math.sin(a) > 0 else -3)
        parts.append(f'<text x="{_f(lx)}" y="{_f(ly + dy)}" text-anchor="{anchor}" font-size="12.5">{escape(_clip(name, 14))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def buckets(series: list[float], n: int) -> list[float]:
    """``series`` averaged down to at most ``n`` values."""
    if len(series) <= n:
        return series
    m = len(series)
    return [sum(series[i * m // n : (i + 1) * m // n]) / ((i + 1) * m // n - i * m // n) for i in range(n)]


def heat(rows: list[tuple[str, list[float], str]], *, width: int = 320, row: int = 16, cells: int = 60) -> str:
    """Emotions as strips: one row per emotion, darker where it is stronger (one scale for all rows).

    At most ``cells`` cells a row (a few pixels each), so the picture stays a few kilobytes.
    """
    rows = [(name, buckets(series, cells), color) for name, series, color in rows]
    label_w = 78
    top = max((max(s) for _, s, _ in rows if s), default=0.0) or 1.0
    height = row * len(rows)
    parts = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="emotions through the story">']
    for i, (name, series, color) in enumerate(rows):
        y = i * row
        parts.append(f'<text x="{label_w - 6}" y="{_f(y + row * .75)}" text-anchor="end" font-size="11.5">{escape(_clip(name, 13))}</text>')
        step = (width - label_w) / len(series)
        parts.append(f'<g fill="{color}" shape-rendering="crispEdges">')
        # Ten shades; neighbouring cells of one shade are drawn as one rectangle.
        levels = [round(10 * math.sqrt(max(v, 0.0) / top)) for v in series]
        j = 0
        while j < len(levels):
            k = j
            while k + 1 < len(levels) and levels[k + 1] == levels[j]:
                k += 1
            if levels[j]:
                parts.append(f'<rect x="{_f(label_w + j * step)}" y="{y + 1}" width="{_f((k - j + 1) * step + .3)}" '
                             f'height="{row - 2}" fill-opacity="{levels[j] / 10:.1f}"/>')
            j = k + 1
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def columns(values: list[float], *, width: int = 320, height: int = 56, labels: list[str] | None = None) -> str:
    """Diverging columns around zero (one per chapter): green above, red below."""
    top = max((abs(v) for v in values), default=0.0) or 1.0
    mid = height / 2
    step = width / len(values)
    gap = min(2.0, step * .2)
    parts = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="valence by chapter">',
             f'<line x1="0" y1="{_f(mid)}" x2="{width}" y2="{_f(mid)}" stroke="#cfc9bf"/>']
    for i, v in enumerate(values):
        h = (mid - 2) * abs(v) / top
        y = mid - h if v >= 0 else mid
        tip = f"<title>{escape(labels[i])}: {v:+.3f}</title>" if labels else ""
        parts.append(f'<rect x="{_f(i * step + gap / 2)}" y="{_f(y)}" width="{_f(max(step - gap, .8))}" height="{_f(max(h, .8))}" '
                     f'fill="{"#4f9a6a" if v >= 0 else "#c8574a"}">{tip}</rect>')
    parts.append("</svg>")
    return "".join(parts)


def strip(pieces: list[tuple[float, float, str, str, str]], *, width: int = 320, height: int = 14) -> str:
    """A bar across the whole text: (from, to as fractions, colour, link, tooltip) per stretch."""
    parts = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="narration through the story">',
             f'<rect width="{width}" height="{height}" rx="3" fill="#e9e6df"/>']
    for a, b, color, href, tip in pieces:
        x, w = width * a, max(width * (b - a), .8)
        parts.append(f'<a href="{escape(href)}"><rect x="{_f(x)}" y="0" width="{_f(w)}" height="{height}" fill="{color}">'
                     f"<title>{escape(tip)}</title></rect></a>")
    parts.append("</svg>")
    return "".join(parts)
