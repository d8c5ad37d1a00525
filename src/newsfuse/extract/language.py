"""The per-article language layer: one spaCy parse, then sentences, entities, quotes, times
and event mentions; the headline is parsed too, for the events it states.

Stages declare what they need and what they fill in (as spaCy components declare
``requires``/``assigns``); ``LanguageLayer`` checks the order once, at construction, so a
misordered pipeline fails before any article is read. Each stage returns a new Article.

A text longer than ``settings.current().piece_chars`` (a long report, a book chapter, a hostile
input of megabytes) is analysed in pieces cut at paragraph boundaries (``_spacy.pieces``): each
piece is parsed and runs every stage as an article of its own, and the pieces' sentences,
entities, quotes, time expressions and event mentions are then shifted back to offsets into the
whole text. Memory and time thus grow linearly with the text, however a stage scales with the
length of what it is given. What crosses a cut is lost (a quote running on from one piece to the
next, a time expression resolved from one in an earlier piece): pieces are tens of thousands of
characters, so that is rare, and ordinary articles are one piece.

Every stage reads the text as spaCy was given it (``Parsed.text``): a long run of punctuation
with no space in it ('"' ten thousand times) is blanked there, at the same offsets, so no
stage meets the runs that make patterns and spaCy's tokenizer quadratic.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from newsfuse import settings
from newsfuse.events.mentions import find_events
from newsfuse.extract._spacy import Parsed, parse_many, pieces
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
        Span(start, end) for start, end in parsed.sentences if parsed.text[start:end].strip()
    )
    return replace(article, sentences=spans)


def _entities(article: Article, parsed: Parsed) -> Article:
    return replace(article, entities=find_entities(parsed))


def _quotes(article: Article, parsed: Parsed) -> Article:
    return replace(article, quotes=find_quotes(parsed))


def _timexes(article: Article, parsed: Parsed) -> Article:
    published: datetime | None = article.published.at if article.published else None
    # the text as spaCy saw it (long punctuation runs blanked, same offsets), never the raw one
    return replace(article, timexes=find_timexes(parsed.text, published, parsed=parsed))


def _events(article: Article, parsed: Parsed) -> Article:
    entities = [(m.span, m.label) for m in article.entities]
    return replace(article, events=find_events(parsed, entities, article.timexes))


def headline_events(article: Article, parsed: Parsed) -> Article:
    """The events a headline states ("Kim heads home after six-day visit"), cited in the
    title: outlets often state a fact only there."""
    if not article.title:
        return article
    published: datetime | None = article.published.at if article.published else None
    timexes = find_timexes(parsed.text, published, parsed=parsed)
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
        bodies = self._bodies(articles)
        if not self.headlines:
            yield from bodies
            return
        heads = parse_many(a.title or "" for a in articles)
        for analysed, head in zip(bodies, heads, strict=True):
            yield self._guard("headline events", analysed, head, headline_events)

    def _bodies(self, articles: list[Article]) -> Iterator[Article]:
        """Each article with its text analysed, a long text piece by piece (and, from
        ``long_text_chars`` on, by ``parse_processes`` worker processes)."""
        limits = settings.current()
        processes = max(1, limits.parse_processes)

        def long(article: Article) -> bool:
            return processes > 1 and len(article.text) >= limits.long_text_chars

        for is_long, run in itertools.groupby(articles, key=long):
            yield from self._run(list(run), processes if is_long else 1)

    def _run(self, articles: list[Article], processes: int) -> Iterator[Article]:
        cuts = [pieces(article.text) for article in articles]
        parsed = parse_many(
            (
                article.text[start:end]
                for article, spans in zip(articles, cuts, strict=True)
                for start, end in spans
            ),
            processes=processes,
        )
        for article, spans in zip(articles, cuts, strict=True):
            if len(spans) == 1:
                yield self._run_stages(article, next(parsed))
                continue
            done = [
                (start, self._run_stages(_piece(article, start, end), next(parsed)))
                for start, end in spans
            ]
            yield _rejoined(article, done)

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


def _piece(article: Article, start: int, end: int) -> Article:
    """The article cut down to ``text[start:end]``, with the paragraphs that fall in it."""
    paragraphs = tuple(
        Span(max(p.start, start) - start, min(p.end, end) - start)
        for p in article.paragraphs
        if p.start < end and p.end > start
    )
    return replace(article, text=article.text[start:end], paragraphs=paragraphs)


_ANALYSED = ("sentences", "entities", "quotes", "timexes", "events")


def _rejoined(article: Article, parts: list[tuple[int, Article]]) -> Article:
    """The article with its pieces' analyses, every span shifted into the whole text."""
    found: dict[str, list[Any]] = {name: [] for name in _ANALYSED}
    notes = list(article.notes)
    for start, part in parts:
        for name in _ANALYSED:
            found[name].extend(_shifted(value, start) for value in getattr(part, name))
        notes.extend(n for n in part.notes if n not in notes)
    return replace(
        article, notes=tuple(notes), **{name: tuple(values) for name, values in found.items()}
    )


def _shifted(value: Any, offset: int) -> Any:
    """``value`` (a Span, or a model value holding Spans of the text) moved ``offset`` on."""
    if isinstance(value, Span):
        return Span(value.start + offset, value.end + offset)
    if isinstance(value, tuple):
        return tuple(_shifted(item, offset) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _shifted(getattr(value, f.name), offset)
            for f in dataclasses.fields(value)
            if _holds_span(getattr(value, f.name))
        }
        return replace(value, **changes) if changes else value
    return value


def _holds_span(value: Any) -> bool:
    if isinstance(value, Span):
        return True
    if isinstance(value, tuple):
        return any(_holds_span(item) for item in value)
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


def check_order(stages: Sequence[ArticleStage]) -> None:
    """Every requirement must be assigned by ingest/cleaning or by an earlier stage."""
    available = set(_GIVEN)
    for stage in stages:
        missing = [name for name in stage.requires if name not in available]
        if missing:
            raise ValueError(f"stage {stage.name!r} needs {missing} before it runs")
        available.update(stage.assigns)
