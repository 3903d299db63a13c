"""GraphML: networkx reads back the cast, its counts and both kinds of edges."""

import dataclasses

import pytest

from fabula.export import writers
from fabula.export.graphml import to_graphml
from fabula.model import Character, Source, Story

nx = pytest.importorskip("networkx", reason="networkx is a test dependency: pip install networkx")


def story(**layers) -> Story:
    base = Story(
        text="x", source=Source(None, "txt", "utf-8", "0" * 64), title="Mara & <Tom>",
        characters=(Character("C1", "Mara", ("M.",), "F", mentions=12, quotes=5, narrator=True),
                    Character("C2", "Tom & \"Jerry\"", (), "M", mentions=7, quotes=3),
                    Character("C3", "Ann\x01", (), "X", mentions=1, quotes=0)),
        network={"nodes": [{"id": "C1", "name": "Mara", "gender": "F", "mentions": 12, "quotes": 5, "degree": 0.5},
                           {"id": "C2", "name": "Tom & \"Jerry\"", "gender": "M", "mentions": 7, "quotes": 3, "degree": 1},
                           {"id": "C3", "name": "Ann", "gender": "X", "mentions": 1, "quotes": 0, "degree": 0.5, "tags": ["a"]}],
                 "edges": [{"source": "C1", "target": "C2", "kind": "conversation", "weight": 4},
                           {"source": "C2", "target": "C1", "kind": "conversation", "weight": 3},
                           {"source": "C1", "target": "C2", "kind": "copresence", "weight": 2},
                           {"source": "C2", "target": "C3", "kind": "copresence", "weight": 1.5}],
                 "chapters": []},
    )
    return dataclasses.replace(base, **layers)


def test_networkx_reads_nodes_and_weighted_edges(tmp_path):
    out = tmp_path / "g.graphml"
    writers()["graphml"].write(story(), out)
    g = nx.read_graphml(out)
    assert sorted(g.nodes) == ["C1", "C2", "C3"]
    c1 = g.nodes["C1"]
    assert {k: c1[k] for k in ("name", "gender", "mentions", "quotes", "narrator")} == \
        {"name": "Mara", "gender": "F", "mentions": 12, "quotes": 5, "narrator": True}
    assert g.nodes["C2"]["name"] == g.nodes["C2"]["label"] == "Tom & \"Jerry\"" and g.nodes["C2"]["narrator"] is False
    assert g.nodes["C2"]["degree"] == 1.0  # a key seen as int and float is a double
    assert "tags" not in g.nodes["C3"]  # lists have no GraphML type
    assert g.nodes["C3"]["name"] == "Ann"
    assert g.is_directed()  # speaker -> addressee
    edges = sorted((u, v, d["kind"], d["weight"]) for u, v, d in g.edges(data=True))
    assert edges == [("C1", "C2", "conversation", 4.0), ("C1", "C2", "copresence", 2.0),
                     ("C2", "C1", "conversation", 3.0), ("C2", "C3", "copresence", 1.5)]
    talk = nx.DiGraph((u, v, d) for u, v, d in g.edges(data=True) if d["kind"] == "conversation")
    assert talk["C1"]["C2"]["weight"] == 4.0 and talk["C2"]["C1"]["weight"] == 3.0
    scenes = nx.Graph((u, v, d) for u, v, d in g.edges(data=True) if d["kind"] == "copresence")
    assert scenes["C3"]["C2"]["weight"] == 1.5


def test_no_network_gives_the_cast_alone_and_unknown_ends_become_nodes(tmp_path):
    g = nx.read_graphml(_write(tmp_path, story(network=None)))
    assert sorted(g.nodes) == ["C1", "C2", "C3"] and g.number_of_edges() == 0
    odd = {"nodes": [], "edges": [{"source": "C1", "target": "Z9", "kind": "conversation", "weight": 1}, {"source": None}]}
    g = nx.read_graphml(_write(tmp_path, story(characters=(), network=odd)))
    assert sorted(g.nodes) == ["C1", "Z9"] and g.number_of_edges() == 1
    g = nx.read_graphml(_write(tmp_path, story(characters=(), network=None)))
    assert g.number_of_nodes() == 0


def test_deterministic():
    assert to_graphml(story()) == to_graphml(story())


def _write(tmp_path, s):
    out = tmp_path / "g.graphml"
    writers()["graphml"].write(s, out)
    return out
