"""The character network as GraphML (Gephi, Cytoscape, networkx, igraph).

Nodes are characters (name, gender, mentions, quotes, narrator, plus any other number or
string the network stage put on its nodes; ``label`` repeats the name for Gephi).  The graph
is directed because talk is: a ``conversation`` edge goes from speaker to addressee (weight =
quotes).  A ``copresence`` edge (weight = shared scenes) is symmetric and written once; read it
as undirected (``G.to_undirected()`` after filtering on ``kind``).  GraphML could mix directed
and undirected edges, but networkx and others refuse such files.  Standard library only.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from numbers import Real
from pathlib import Path

from fabula.export import writer
from fabula.model import Story

NS = "http://graphml.graphdrawing.org/xmlns"
_FIXED_NODE = (("label", "string"), ("name", "string"), ("gender", "string"), ("mentions", "int"), ("quotes", "int"), ("narrator", "boolean"))
_FIXED_EDGE = (("kind", "string"), ("weight", "double"))


def _type(value) -> str | None:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, Real):
        return "double"
    if isinstance(value, str):
        return "string"
    return None  # lists and dicts have no GraphML type


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("int", "long"):
        return str(int(value))
    if kind == "double":
        return repr(round(float(value), 6))
    return _NOT_XML.sub("", str(value))  # XML 1.0 cannot hold these characters at all


def graph_data(story: Story) -> tuple[list[dict], list[dict]]:
    """Nodes (characters merged with the network's nodes) and the network's edges."""
    net = story.network if isinstance(story.network, dict) else {}
    nodes: dict[str, dict] = {}
    for c in story.characters:
        nodes[c.id] = {"label": c.name, "name": c.name, "gender": c.gender, "mentions": c.mentions, "quotes": c.quotes, "narrator": c.narrator}
    for n in net.get("nodes") or ():
        if isinstance(n, dict) and n.get("id") is not None:
            node = nodes.setdefault(str(n["id"]), {"name": str(n.get("name") or n["id"])})
            node.update({k: v for k, v in n.items() if k != "id" and v is not None})
            node["label"] = str(node["name"])
    edges = []
    for e in net.get("edges") or ():
        if not isinstance(e, dict) or e.get("source") is None or e.get("target") is None:
            continue
        for end in (str(e["source"]), str(e["target"])):
            nodes.setdefault(end, {"label": end, "name": end})
        edges.append({k: v for k, v in e.items() if v is not None} | {"source": str(e["source"]), "target": str(e["target"])})
    return [{"id": k} | v for k, v in nodes.items()], edges


def _keys(items: list[dict], fixed, skip: set[str]) -> list[tuple[str, str]]:
    keys = list(fixed)
    known = {k for k, _ in fixed} | skip
    extra: dict[str, str] = {}
    for item in items:
        for k, v in item.items():
            t = _type(v)
            if k in known or t is None:
                continue
            # One type per key: a key seen both as int and float is a double, mixed otherwise a string.
            prev = extra.get(k)
            if prev is None or prev == t:
                extra[k] = t
            elif {prev, t} <= {"long", "double"}:
                extra[k] = "double"
            else:
                extra[k] = "string"
    return keys + sorted(extra.items())


def to_graphml(story: Story) -> bytes:
    nodes, edges = graph_data(story)
    node_keys = _keys(nodes, _FIXED_NODE, {"id"})
    edge_keys = _keys(edges, _FIXED_EDGE, {"source", "target"})
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}graphml")
    for i, (name, kind) in enumerate(node_keys):
        ET.SubElement(root, f"{{{NS}}}key", {"id": f"n{i}", "for": "node", "attr.name": name, "attr.type": kind})
    for i, (name, kind) in enumerate(edge_keys):
        ET.SubElement(root, f"{{{NS}}}key", {"id": f"e{i}", "for": "edge", "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, f"{{{NS}}}graph", {"id": story.title or "story", "edgedefault": "directed"})
    for node in nodes:
        el = ET.SubElement(graph, f"{{{NS}}}node", {"id": node["id"]})
        for i, (name, kind) in enumerate(node_keys):
            if name in node and _type(node[name]) is not None:
                ET.SubElement(el, f"{{{NS}}}data", {"key": f"n{i}"}).text = _text(node[name], kind)
    for j, edge in enumerate(edges):
        el = ET.SubElement(graph, f"{{{NS}}}edge", {"id": f"E{j + 1}", "source": edge["source"], "target": edge["target"]})
        for i, (name, kind) in enumerate(edge_keys):
            if name in edge and _type(edge[name]) is not None:
                ET.SubElement(el, f"{{{NS}}}data", {"key": f"e{i}"}).text = _text(edge[name], kind)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


@writer("graphml", suffix=".graphml")
def write_graphml(story: Story, out: Path | None) -> None:
    from fabula.io_util import atomic_write

    data = to_graphml(story)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic_write(out, data)
