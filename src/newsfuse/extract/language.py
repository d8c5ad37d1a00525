"""The per-article language layer: one spaCy parse, then sentences, entities, quotes, times
and event mentions; the headline is parsed too, for the events it states.

Stages declare what they need and what they fill in (as spaCy components declare
``requires``/``assigns``); ``LanguageLayer`` checks the order once, at construction, so a
misordered pipeline fails before any article is read. Each stage returns a new Article.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from newsfuse.events.mentions import find_events
from newsfuse.extract._spacy import Parsed, parse_many
from newsfuse.extract.entities import find_entities
from newsfuse.extract.quotes import find_quotes
from newsfuse.extract.timex import find_timexes
from newsfuse.model import Article, Span

StageFn = Callable[[Article, Parsed], Article]
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ArticleStage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: StageFn


def _sentences(article: Article, parsed: Parsed) -> Article:
    spans = tuple(
        Span(start, end) for start, end in parsed.sentences if article.text[start:end].strip()
    )
    return replace(article, sentences=spans)


def _entities(article: Article, parsed: Parsed) -> Article:
    return replace(article, entities=find_entities(parsed))


def _quotes(article: Article, parsed: Parsed) -> Article:
    return replace(article, quotes=find_quotes(parsed))


def _timexes(article: Article, parsed: Parsed) -> Article:
    published: datetime | None = article.published.at if article.published else None
    return replace(article, timexes=find_timexes(article.text, published, parsed=parsed))


def _events(article: Article, parsed: Parsed) -> Article:
    entities = [(m.span, m.label) for m in article.entities]
    return replace(article, events=find_events(parsed, entities, article.timexes))


def headline_events(article: Article, parsed: Parsed) -> Article:
    """The events a headline states ("Kim heads home after six-day visit"), cited in the
    title: outlets often state a fact only there."""
    if not article.title:
        return article
    published: datetime | None = article.published.at if article.published else None
    timexes = find_timexes(article.title, published, parsed=parsed)
    entities = [(Span(e.start, e.end), e.label) for e in parsed.entities]
    found = find_events(parsed, entities, timexes, field="title")
    return replace(article, events=article.events + found)


DEFAULT_STAGES: tuple[ArticleStage, ...] = (
    ArticleStage("sentences", ("text",), ("sentences",), _sentences),
    ArticleStage("entities", ("text",), ("entities",), _entities),
    ArticleStage("quotes", ("text", "sentences"), ("quotes",), _quotes),
    ArticleStage("timexes", ("text", "published", "sentences"), ("timexes",), _timexes),
    ArticleStage("events", ("text", "entities", "timexes"), ("events",), _events),
)
_GIVEN = frozenset({"text", "published", "title", "outlet", "authors", "url"})


class LanguageLayer:
    """Runs the stages over articles, parsing each text once."""

    def __init__(self, stages: Sequence[ArticleStage] = DEFAULT_STAGES) -> None:
        check_order(stages)
        self.stages = tuple(stages)
        # headlines are parsed only for the events they state
        self.headlines = any(s.name == "events" for s in self.stages)

    def __call__(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Analysed articles, in order; a stage that fails leaves a note, not a crash."""
        articles = list(articles)
        bodies = parse_many(a.text for a in articles)
        if not self.headlines:
            for article, parsed in zip(articles, bodies, strict=True):
                yield self._run_stages(article, parsed)
            return
        heads = parse_many(a.title or "" for a in articles)
        for article, parsed, head in zip(articles, bodies, heads, strict=True):
            analysed = self._run_stages(article, parsed)
            yield self._guard("headline events", analysed, head, headline_events)

    def _run_stages(self, article: Article, parsed: Parsed) -> Article:
        for stage in self.stages:
            article = self._guard(stage.name, article, parsed, stage.run)
        return article

    @staticmethod
    def _guard(name: str, article: Article, parsed: Parsed, run: StageFn) -> Article:
        try:
            return run(article, parsed)
        except Exception as exc:  # one article's failure must not take the batch down
            log.debug("stage %s failed on %s", name, article.source, exc_info=True)
            note = f"{name} analysis failed ({type(exc).__name__})"
            return replace(article, notes=(*article.notes, note))


def check_order(stages: Sequence[ArticleStage]) -> None:
    """Every requirement must be assigned by ingest/cleaning or by an earlier stage."""
    available = set(_GIVEN)
    for stage in stages:
        missing = [name for name in stage.requires if name not in available]
        if missing:
            raise ValueError(f"stage {stage.name!r} needs {missing} before it runs")
        available.update(stage.assigns)
