"""Corpus stages: declared order checked once, each stage handed what it requires."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from typing import Any

import pytest

from newsfuse.corpus import (
    DEFAULT,
    CorpusStage,
    CorpusStages,
    check_corpus_order,
    settled_heap,
)
from newsfuse.model import Article, Report


class _Count(CorpusStage):
    name = "count"
    assigns = ("count",)

    def fit(self, articles: Sequence[Article], **inputs: Any) -> _Count:
        self.count_ = len(articles)
        return self


class _Double(CorpusStage):
    name = "double"
    requires = ("count",)
    assigns = ("double",)

    def fit(self, articles: Sequence[Article], **inputs: Any) -> _Double:
        self.double_ = 2 * inputs["count"]
        self.seen_ = sorted(inputs)
        return self


def test_stages_run_in_order_and_get_only_what_they_declare() -> None:
    articles = [Article.from_text("a", "One."), Article.from_text("b", "Two.")]
    results = CorpusStages((_Count, _Double)).run(articles, syndication=())
    assert results == {"count": 2, "double": 4}
    assert _Double().fit(articles, count=1).seen_ == ["count"]


def test_a_stage_before_what_it_needs_is_refused_at_construction() -> None:
    with pytest.raises(ValueError, match="'double' needs \\['count'\\]"):
        CorpusStages((_Double, _Count))
    with pytest.raises(ValueError, match="assigns \\['count'\\] again"):
        check_corpus_order((_Count, _Count))


def test_the_default_stages_fill_every_story_wide_field_of_a_report() -> None:
    assigned = {name for stage in DEFAULT.stages for name in stage.assigns}
    story_wide = set(Report.__dataclass_fields__) - {
        "format_version", "story", "articles", "rejections", "syndication", "memberships"
    }  # fmt: skip
    assert assigned == story_wide


class _FreezeCount(CorpusStage):
    name = "frozen"
    assigns = ("frozen",)

    def fit(self, articles: Sequence[Article], **inputs: Any) -> _FreezeCount:
        self.frozen_ = gc.get_freeze_count()
        return self


def test_the_stages_run_with_the_articles_out_of_garbage_collection_and_leave_none_frozen() -> None:
    articles = [Article.from_text("a", "One.")]
    stages = CorpusStages((_FreezeCount,))
    results = stages.run(articles, syndication=())
    assert results["frozen"] > 0  # the articles were moved to the permanent generation
    assert gc.get_freeze_count() == 0
    with settled_heap():  # nested: the outer block keeps them frozen, the inner one leaves it so
        stages.run(articles, syndication=())
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
