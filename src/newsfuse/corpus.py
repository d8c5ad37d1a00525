"""Corpus stages: the story-wide steps after the language layer, as one kind of stage.

Each stage follows scikit-learn's conventions (keyword parameters in ``__init__`` only,
``fit(articles, **inputs)`` returns the stage, its results in trailing-underscore attributes)
and declares, as an article stage does, what it ``requires`` (results of earlier stages, or
``syndication`` from grouping) and what it ``assigns``. ``CorpusStages`` orders nothing by
hand: it checks at construction that every requirement is assigned before it is needed, then
runs the stages and hands each exactly what it declared. Digest, ingest and report all build
reports through ``pipeline.build_report``, which runs ``DEFAULT``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar

from newsfuse.align import align_story
from newsfuse.events.story import story_events
from newsfuse.model import Article
from newsfuse.resolve.entities import link_entities
from newsfuse.resolve.quotes import group_quotes
from newsfuse.summarize.summary import summarize_story
from newsfuse.summarize.timeline import build_timeline

GIVEN = ("syndication",)  # what grouping hands the corpus stages


class CorpusStage:
    """A story-wide stage: ``fit`` reads the articles and the results named in ``requires``
    and sets one ``<name>_`` attribute for each name in ``assigns``."""

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]]

    def fit(self, articles: Sequence[Article], **inputs: Any) -> CorpusStage:
        raise NotImplementedError

    def results(self) -> dict[str, Any]:
        return {name: getattr(self, name + "_") for name in self.assigns}


class EntityLinking(CorpusStage):
    """Canonical entities across the story's articles."""

    name = "entities"
    assigns = ("entities",)

    def fit(self, articles: Sequence[Article], **inputs: Any) -> EntityLinking:
        self.entities_ = link_entities(articles)
        return self


class QuoteGrouping(CorpusStage):
    """One statement as several outlets report it."""

    name = "quotes"
    requires = ("entities",)
    assigns = ("quotes",)

    def fit(self, articles: Sequence[Article], **inputs: Any) -> QuoteGrouping:
        self.quotes_ = group_quotes(articles, inputs["entities"])
        return self


class Timeline(CorpusStage):
    """Dated events on absolute dates, merged across outlets."""

    name = "timeline"
    assigns = ("timeline",)

    def fit(self, articles: Sequence[Article], **inputs: Any) -> Timeline:
        self.timeline_ = build_timeline(articles)
        return self


class StoryEvents(CorpusStage):
    """Event mentions resolved across articles into the story's events."""

    name = "events"
    requires = ("entities",)
    assigns = ("events",)

    def fit(self, articles: Sequence[Article], **inputs: Any) -> StoryEvents:
        self.events_ = story_events(articles, inputs["entities"])
        return self


class Alignment(CorpusStage):
    """Claims, the facts they state across outlets, and where the outlets differ."""

    name = "alignment"
    requires = ("entities", "syndication")
    assigns = ("claims", "facts", "discrepancies")

    def fit(self, articles: Sequence[Article], **inputs: Any) -> Alignment:
        self.claims_, self.facts_, self.discrepancies_ = align_story(
            articles, inputs["entities"], inputs["syndication"]
        )
        return self


class Summary(CorpusStage):
    """The cited summary (none for a story without articles)."""

    name = "summary"
    requires = ("facts", "discrepancies")
    assigns = ("summary",)

    def fit(self, articles: Sequence[Article], **inputs: Any) -> Summary:
        self.summary_ = (
            summarize_story(articles, inputs["facts"], inputs["discrepancies"])
            if articles
            else None
        )
        return self


class CorpusStages:
    """Runs corpus stages in their declared order, after checking it once."""

    def __init__(self, stages: Sequence[type[CorpusStage]]) -> None:
        check_corpus_order(stages)
        self.stages = tuple(stages)

    def run(self, articles: Sequence[Article], **given: Any) -> dict[str, Any]:
        """Every stage's results by name (``given`` holds ``GIVEN``)."""
        results: dict[str, Any] = dict(given)
        with settled_heap():
            for stage_type in self.stages:
                inputs = {name: results[name] for name in stage_type.requires}
                results.update(stage_type().fit(articles, **inputs).results())
        return {k: v for k, v in results.items() if k not in given}


_settled = 0  # how many settled_heap blocks are open (the outermost one freezes)


@contextmanager
def settled_heap() -> Iterator[None]:
    """Run the story-wide stages with what is already in memory (the analysed articles, their
    tokens and spans: millions of objects in a big story) left out of garbage collection.

    CPython's cyclic collector walks every tracked object on each full collection, and a
    stage allocates enough to set off a full collection many times: with the articles in the
    walk, the stages grew faster than the story (a 400-article story: 31 s of align, 26 s
    without). ``gc.freeze`` moves what exists now to a permanent generation until
    ``gc.unfreeze``; what the stages create is collected as usual."""
    global _settled
    if _settled == 0:
        gc.collect()
        gc.freeze()
    _settled += 1
    try:
        yield
    finally:
        _settled -= 1
        if _settled == 0:
            gc.unfreeze()


def check_corpus_order(stages: Sequence[type[CorpusStage]], given: Sequence[str] = GIVEN) -> None:
    """Every requirement must be given or assigned by an earlier stage, and no result
    assigned twice."""
    available = set(given)
    for stage in stages:
        missing = [name for name in stage.requires if name not in available]
        if missing:
            raise ValueError(f"corpus stage {stage.name!r} needs {missing} before it runs")
        twice = [name for name in stage.assigns if name in available]
        if twice:
            raise ValueError(f"corpus stage {stage.name!r} assigns {twice} again")
        available.update(stage.assigns)


DEFAULT = CorpusStages((EntityLinking, QuoteGrouping, Timeline, StoryEvents, Alignment, Summary))
