"""The pipeline checks the chain of stages before running anything."""

import dataclasses

import pytest

from fabula.model import Source, Story
from fabula.pipeline import REGISTRY, Context, Pipeline, PipelineError, stage


def _story(text="Hello there."):
    return Story(text=text, source=Source(path=None, format="txt", encoding="str", sha256="0"))


def test_a_stage_needing_an_unproduced_layer_is_refused():
    with pytest.raises(PipelineError, match="needs"):
        Pipeline(["quotes"])  # quotes need paragraphs, which only "structure" provides


def test_unknown_stage_is_refused():
    with pytest.raises(PipelineError, match="unknown stage"):
        Pipeline(["structure", "no-such-stage"])


def test_stage_must_return_exactly_what_it_declares():
    @stage("test-liar", requires=("text",), provides=("title",))
    def liar(story, context):
        return {"title": "x", "chapters": ()}

    try:
        with pytest.raises(PipelineError, match="declared"):
            Pipeline(["test-liar"])(_story())
    finally:
        REGISTRY.pop("test-liar")


def test_stages_never_mutate_the_input_story():
    story = _story("Title Line\n\nSome prose that goes on for a while here.")
    result = Pipeline(["structure"])(story, Context())
    assert story.paragraphs == ()
    assert result.paragraphs and result.text is story.text
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.title = "changed"  # type: ignore[misc]


def test_default_pipeline_is_a_valid_chain():
    names = Pipeline().names
    assert names[:2] == ("structure", "nlp")


def test_atomic_write_gives_the_usual_file_mode(tmp_path):
    import os

    from fabula.io_util import atomic_write

    target = tmp_path / "out.json"
    atomic_write(target, "{}")
    mask = os.umask(0o022)
    os.umask(mask)
    assert target.read_text() == "{}"
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temp file left behind
