"""Where claims come from: each article's body, and its headline and standfirst.

Why headlines: an outlet often states a fact only in its headline ("Kim heads home after
six-day Russian state visit") and the body says it otherwise ("almost week-long"); leaving
headlines out loses both the fact's backing and the difference. The language layer only
analyses the body, so a headline or standfirst is wrapped as a small article of its own: its
sentences, the story's entity names found in it, and its time expressions, normalised against
the article's publication date. Spans of its claims are relative to that string; the field
says which string, and citations carry it (``Citation.field``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from newsfuse.extract.timex import find_timexes
from newsfuse.model import Article, CitedField, Entity, EntityMention, Span

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘'])")


@dataclass(frozen=True)
class ClaimSource:
    """One string claims are taken from: ``article.text`` is that string (the body, or the
    headline or standfirst wrapped as an article with the real article's id)."""

    field: CitedField
    article: Article
    index: Mapping[tuple[str, int], Entity]


def claim_sources(
    articles: Sequence[Article],
    entities: Sequence[Entity],
    body_index: Mapping[tuple[str, int], Entity],
) -> list[ClaimSource]:
    """Every article's headline, standfirst and body, in article order."""
    finder = _NameFinder(entities)
    sources = []
    for article in articles:
        for name in ("title", "standfirst"):
            field: CitedField = "title" if name == "title" else "standfirst"
            text = (getattr(article, name) or "").strip()
            if text and text != article.text.strip():
                sources.append(_wrapped(article, field, getattr(article, name), finder))
        sources.append(ClaimSource("text", article, body_index))
    return sources


def _wrapped(article: Article, field: CitedField, text: str, finder: _NameFinder) -> ClaimSource:
    mentions, index = finder.find(article.id, text)
    published = article.published.at if article.published else None
    wrapped = replace(
        article,
        text=text,
        paragraphs=(Span(0, len(text)),),
        sentences=_sentences(text),
        entities=mentions,
        quotes=(),
        timexes=find_timexes(text, published),
    )
    return ClaimSource(field, wrapped, index)


def _sentences(text: str) -> tuple[Span, ...]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append(Span(start, match.start()))
        start = match.end()
    spans.append(Span(start, len(text)))
    return tuple(s for s in spans if s.end > s.start)


class _NameFinder:
    """The story's entity names (every variant written in its articles), found in a string;
    the longest name wins where two overlap."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self._entity: dict[str, Entity] = {}
        for entity in entities:
            for variant in (entity.name, *entity.variants):
                if len(variant) >= 2 and variant not in self._entity:
                    self._entity[variant] = entity
        names = sorted(self._entity, key=lambda n: (-len(n), n))
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
            if names
            else None
        )

    def find(
        self, article_id: str, text: str
    ) -> tuple[tuple[EntityMention, ...], dict[tuple[str, int], Entity]]:
        if self._pattern is None:
            return (), {}
        mentions, index = [], {}
        for match in self._pattern.finditer(text):
            entity = self._entity[match.group(0)]
            mentions.append(EntityMention(Span(match.start(), match.end()), match.group(0),
                                          entity.label))  # fmt: skip
            index[(article_id, match.start())] = entity
        return tuple(mentions), index
