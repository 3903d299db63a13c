"""Network: conversation and copresence edges, weights, centralities, chapters, on a hand-built Story."""

from __future__ import annotations

import json

from fabula.model import Chapter, Character, Mention, Quote, Source, Span, Story
from fabula.network import betweenness, eigenvector, network_stage
from fabula.pipeline import Context

TEXT = "x" * 400


def story() -> Story:
    chars = (Character("C1", "Ann", gender="F", mentions=5), Character("C2", "Bob", gender="M"), Character("C3", "Cy"), Character("C4", "Dee"))
    quotes = (
        Quote("Q1", 10, 20, speaker="C1", addressees=("C2",), conversation="V1"),
        Quote("Q2", 30, 40, speaker="C2", addressees=("C1",), conversation="V1"),
        Quote("Q3", 50, 60, speaker="C1", addressees=("C2",), conversation="V1"),
        Quote("Q4", 210, 220, speaker="C1", addressees=("C3",), conversation="V2"),
        Quote("Q5", 230, 240, speaker=None),
        Quote("Q6", 250, 260, speaker="C3", addressees=("C3",)),  # talking to oneself is no edge
    )
    mentions = (
        Mention(0, 3, "C1"), Mention(70, 73, "C3"),  # scene 1: Ann, Bob (speaking), Cy
        Mention(110, 113, "C1"), Mention(120, 123, "C2"),  # scene 2: Ann, Bob
        Mention(300, 303, "C4"),  # scene 4: Dee alone
    )
    return Story(
        text=TEXT,
        source=Source(None, "text", "utf-8", "0"),
        chapters=(Chapter(0, 200, "One"), Chapter(200, 400, "Two")),
        scenes=(Span(0, 100), Span(100, 200), Span(200, 290), Span(290, 400)),
        characters=chars,
        quotes=quotes,
        mentions=mentions,
    )


def edges(net, kind):
    return {(e["source"], e["target"]): e["weight"] for e in net["edges"] if e["kind"] == kind}


def test_conversation_and_copresence_edges():
    net = network_stage(story(), Context())["network"]
    assert edges(net, "conversation") == {("C1", "C2"): 2, ("C2", "C1"): 1, ("C1", "C3"): 1}
    assert edges(net, "copresence") == {("C1", "C2"): 2, ("C1", "C3"): 2, ("C2", "C3"): 1}
    conv = next(e for e in net["edges"] if e["kind"] == "conversation" and e["source"] == "C1" and e["target"] == "C2")
    assert conv["conversations"] == 1


def test_nodes_and_centrality():
    net = network_stage(story(), Context())["network"]
    nodes = {n["id"]: n for n in net["nodes"]}
    assert [n["id"] for n in net["nodes"]] == ["C1", "C2", "C3", "C4"]
    assert nodes["C1"]["quotes"] == 3 and nodes["C1"]["mentions"] == 5
    assert nodes["C1"]["degree"] == 2 and nodes["C4"]["degree"] == 0
    assert nodes["C1"]["weighted_degree"] == 2 + 1 + 1 + 2 + 2
    assert nodes["C4"]["eigenvector"] == 0.0 or nodes["C4"]["eigenvector"] < nodes["C1"]["eigenvector"]
    assert nodes["C1"]["eigenvector"] == max(n["eigenvector"] for n in net["nodes"])


def test_chapters_split_the_edges():
    net = network_stage(story(), Context())["network"]
    assert [c["chapter"] for c in net["chapters"]] == [0, 1]
    one = {(e["kind"], e["source"], e["target"]): e["weight"] for e in net["chapters"][0]["edges"]}
    two = {(e["kind"], e["source"], e["target"]): e["weight"] for e in net["chapters"][1]["edges"]}
    assert one[("conversation", "C1", "C2")] == 2 and ("conversation", "C1", "C3") not in one
    assert two == {("conversation", "C1", "C3"): 1, ("copresence", "C1", "C3"): 1}


def test_deterministic_json():
    a = json.dumps(network_stage(story(), Context())["network"], sort_keys=False)
    b = json.dumps(network_stage(story(), Context())["network"], sort_keys=False)
    assert a == b


def test_betweenness_of_a_path():
    nodes = ["a", "b", "c"]
    adj = {"a": {"b": 1.0}, "b": {"a": 1.0, "c": 1.0}, "c": {"b": 1.0}}
    assert betweenness(nodes, adj) == {"a": 0.0, "b": 1.0, "c": 0.0}
    ev = eigenvector(nodes, adj)
    assert ev["b"] > ev["a"] == ev["c"]


def test_empty_story_gives_empty_layers():
    from fabula.emotion import emotion_stage
    from fabula.narration import narration_stage

    empty = Story(text="", source=Source(None, "text", "utf-8", "0"))
    assert network_stage(empty, Context())["network"] == {"nodes": [], "edges": [], "chapters": []}
    assert narration_stage(empty, Context()) == {"segments": (), "characters": ()}
    emotion = emotion_stage(empty, Context())["emotion"]
    assert emotion["story"]["points"] == len(emotion["story"]["valence"]) and emotion["characters"] == {}
