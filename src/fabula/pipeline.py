"""Stages, their registry, and the pipeline that checks the chain before it runs.

A stage is a function ``(story, context) -> {layer: value}`` registered with the layers it
needs and the layers it produces.  The pipeline refuses a chain in which a stage needs a layer
that no earlier stage (nor ingestion) produces, and refuses a stage that returns anything
other than what it declared.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from fabula.model import LAYERS, Story

# Layers that exist as soon as a document is ingested.
INGESTED: frozenset[str] = frozenset({"text", "source", "italics"})


class PipelineError(ValueError):
    """A chain of stages that cannot run: a missing layer or an unknown stage."""


@dataclass(frozen=True)
class CastMember:
    """A character supplied by the user (``--cast``)."""

    name: str
    aliases: tuple[str, ...] = ()
    gender: str = "X"


@dataclass(frozen=True)
class Context:
    """Run settings shared by all stages (never story data)."""

    cast: tuple[CastMember, ...] | None = None
    n_process: int = 0  # 0: decide from the length of the story
    progress: Callable[[int, int], None] | None = None
    options: Mapping[str, Any] = field(default_factory=dict)


StageFn = Callable[[Story, Context], Mapping[str, Any]]


@dataclass(frozen=True)
class Stage:
    name: str
    requires: frozenset[str]
    provides: frozenset[str]
    run: StageFn

    def __call__(self, story: Story, context: Context) -> Story:
        produced = dict(self.run(story, context))
        if set(produced) != self.provides:
            raise PipelineError(
                f"stage {self.name!r} declared {sorted(self.provides)} but returned {sorted(produced)}"
            )
        return dataclasses.replace(story, **produced)


REGISTRY: dict[str, Stage] = {}


def stage(name: str, *, requires: Iterable[str], provides: Iterable[str]) -> Callable[[StageFn], StageFn]:
    """Register ``fn`` as the stage ``name``."""

    def register(fn: StageFn) -> StageFn:
        unknown = (set(requires) | set(provides)) - set(LAYERS)
        if unknown:
            raise PipelineError(f"stage {name!r} names unknown layers {sorted(unknown)}")
        REGISTRY[name] = Stage(name, frozenset(requires), frozenset(provides), fn)
        return fn

    return register


# The full analysis, in order.  Each name must be registered by a module in STAGE_MODULES.
DEFAULT_STAGES: tuple[str, ...] = (
    "structure",
    "nlp",
    "quotes",
    "characters",
    "narration",
    "speakers",
    "emotion",
    "network",
)

STAGE_MODULES: tuple[str, ...] = (
    "fabula.structure",
    "fabula.nlp",
    "fabula.quotes",
    "fabula.characters",
    "fabula.narration",
    "fabula.speakers",
    "fabula.emotion",
    "fabula.network",
)


def _load_stage_modules() -> None:
    import importlib

    for module in STAGE_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:  # a stage not written yet is simply absent
            if exc.name != module:
                raise


def _default_chain() -> tuple[str, ...]:
    """The default stages that are installed, each only if its inputs can be produced."""
    available, chain = set(INGESTED), []
    for name in DEFAULT_STAGES:
        s = REGISTRY.get(name)
        if s is not None and s.requires <= available:
            chain.append(name)
            available |= s.provides
    return tuple(chain)


def present_layers(story: Story) -> set[str]:
    """Layers of ``story`` that hold something (an analysis can continue from them)."""
    defaults = {f.name: f.default for f in dataclasses.fields(Story)}
    return {name for name, default in defaults.items() if getattr(story, name) != default}


class Pipeline:
    """An ordered, checked chain of stages."""

    def __init__(self, names: Iterable[str] | None = None, given: Iterable[str] = ()):
        """``given``: layers the input story already has (when continuing an analysis)."""
        _load_stage_modules()
        wanted = tuple(names) if names is not None else _default_chain()
        missing = [n for n in wanted if n not in REGISTRY]
        if missing:
            raise PipelineError(f"unknown stage(s): {', '.join(missing)}")
        self.stages: tuple[Stage, ...] = tuple(REGISTRY[n] for n in wanted)
        available = set(INGESTED) | set(given)
        for s in self.stages:
            lacking = s.requires - available
            if lacking:
                raise PipelineError(f"stage {s.name!r} needs {sorted(lacking)}, which no earlier stage provides")
            available |= s.provides

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def __call__(self, story: Story, context: Context | None = None) -> Story:
        context = context or Context()
        for s in self.stages:
            story = s(story, context)
        return story
