"""Character network: who talks to whom (conversation) and who shares scenes (copresence).

Nodes are the characters with their counts and centralities (degree, weighted degree,
betweenness, eigenvector — pure Python: casts are small, a few hundred nodes at most).  Edges
are ``conversation`` (speaker → addressee, weight = quotes, directed) and ``copresence``
(both mentioned — or speaking — in a scene, weight = scenes, undirected, ``source`` first in
cast order).  ``chapters`` repeats the edges chapter by chapter, for a dynamic view.
Everything is ordered by cast order, so the output is deterministic.
"""

from __future__ import annotations

import bisect
from collections import defaultdict, deque

from fabula.model import Span, Story
from fabula.pipeline import Context, stage

__all__ = ["network_stage", "build_edges", "betweenness", "eigenvector"]


def scene_members(story: Story, order: dict[str, int]) -> tuple[list[set[str]], list[int]]:
    """Characters present in each scene (mentioned, speaking or spoken to), and scene starts."""
    scenes = list(story.scenes) or [Span(c.start, c.end) for c in story.chapters]
    starts = [s.start for s in scenes]
    members: list[set[str]] = [set() for _ in scenes]

    def put(pos: int, cid: str | None) -> None:
        i = bisect.bisect_right(starts, pos) - 1
        if cid in order and i >= 0 and pos < scenes[i].end:
            members[i].add(cid)

    for m in story.mentions:
        put(m.start, m.character)
    for q in story.quotes:
        put(q.start, q.speaker)
        for a in q.addressees:
            put(q.start, a)
    return members, starts


def build_edges(story: Story, order: dict[str, int], scenes=None, lo: int = 0, hi: int | None = None) -> list[dict]:
    """Edges from quotes and scenes starting in [lo, hi); ``scenes`` is :func:`scene_members`' result."""
    hi = len(story.text) + 1 if hi is None else hi
    talk: dict[tuple[str, str], list] = defaultdict(lambda: [0, set()])
    for q in story.quotes:
        if not (lo <= q.start < hi) or q.speaker not in order:
            continue
        for a in q.addressees:
            if a in order and a != q.speaker:
                talk[(q.speaker, a)][0] += 1
                if q.conversation:
                    talk[(q.speaker, a)][1].add(q.conversation)
    members, starts = scenes if scenes is not None else scene_members(story, order)
    together: dict[tuple[str, str], int] = defaultdict(int)
    for start, present in zip(starts, members):
        if not (lo <= start < hi):
            continue
        ranked = sorted(present, key=order.__getitem__)
        for i, a in enumerate(ranked):
            for b in ranked[i + 1 :]:
                together[(a, b)] += 1
    edges = [
        {"source": s, "target": t, "kind": "conversation", "weight": n, "conversations": len(conv)}
        for (s, t), (n, conv) in talk.items()
    ]
    edges += [{"source": a, "target": b, "kind": "copresence", "weight": n} for (a, b), n in together.items()]
    edges.sort(key=lambda e: (e["kind"], order[e["source"]], order[e["target"]]))
    return edges


def _adjacency(nodes: list[str], edges: list[dict]) -> dict[str, dict[str, float]]:
    adj: dict[str, dict[str, float]] = {n: {} for n in nodes}
    for e in edges:
        s, t, w = e["source"], e["target"], float(e["weight"])
        adj[s][t] = adj[s].get(t, 0.0) + w
        adj[t][s] = adj[t].get(s, 0.0) + w
    return adj


def betweenness(nodes: list[str], adj: dict[str, dict[str, float]]) -> dict[str, float]:
    """Brandes' algorithm on the unweighted, undirected graph; normalised to [0, 1]."""
    cb = dict.fromkeys(nodes, 0.0)
    for s in nodes:
        stack, pred = [], {v: [] for v in nodes}
        sigma = dict.fromkeys(nodes, 0)
        dist = dict.fromkeys(nodes, -1)
        sigma[s], dist[s] = 1, 0
        queue = deque([s])
        while queue:
            v = queue.popleft()
            stack.append(v)
            for w in sorted(adj[v]):
                if dist[w] < 0:
                    dist[w] = dist[v] + 1
                    queue.append(w)
                if dist[w] == dist[v] + 1:
                    sigma[w] += sigma[v]
                    pred[w].append(v)
        delta = dict.fromkeys(nodes, 0.0)
        while stack:
            w = stack.pop()
            for v in pred[w]:
                delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
            if w != s:
                cb[w] += delta[w]
    n = len(nodes)
    scale = 1.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0  # each pair counted twice in an undirected graph
    return {v: cb[v] * scale for v in nodes}


def eigenvector(nodes: list[str], adj: dict[str, dict[str, float]], iterations: int = 100) -> dict[str, float]:
    """Power iteration on the weighted graph (shifted by the identity so it converges); L2-normalised."""
    x = dict.fromkeys(nodes, 1.0)
    for _ in range(iterations):
        nxt = {v: x[v] + sum(w * x[u] for u, w in sorted(adj[v].items())) for v in nodes}
        norm = sum(val * val for val in nxt.values()) ** 0.5 or 1.0
        x = {v: nxt[v] / norm for v in nodes}
    if not any(adj[v] for v in nodes):
        return dict.fromkeys(nodes, 0.0)
    return x


@stage("network", requires=("quotes", "conversations", "characters", "scenes", "mentions", "chapters"), provides=("network",))
def network_stage(story: Story, context: Context) -> dict:
    order = {c.id: i for i, c in enumerate(story.characters)}
    ids = [c.id for c in story.characters]
    scenes = scene_members(story, order)
    edges = build_edges(story, order, scenes)
    adj = _adjacency(ids, edges)
    between = betweenness(ids, adj)
    eigen = eigenvector(ids, adj)
    quotes = defaultdict(int)
    for q in story.quotes:
        if q.speaker:
            quotes[q.speaker] += 1
    nodes = [
        {
            "id": c.id,
            "name": c.name,
            "gender": c.gender,
            "mentions": c.mentions,
            "quotes": quotes[c.id] if quotes else c.quotes,  # the speakers' attribution, when there is one
            "degree": len(adj[c.id]),
            "weighted_degree": round(sum(adj[c.id].values()), 4),
            "betweenness": round(between[c.id], 4),
            "eigenvector": round(eigen[c.id], 4),
        }
        for c in story.characters
    ]
    chapters = [
        {"chapter": i, "edges": build_edges(story, order, scenes, ch.start, story.chapters[i + 1].start if i + 1 < len(story.chapters) else None)}
        for i, ch in enumerate(story.chapters)
    ]
    return {"network": {"nodes": nodes, "edges": edges, "chapters": chapters}}
