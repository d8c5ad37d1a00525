"""Articles written one sentence a line: the sentence spans are the lines, so alignment tests
need no parser."""

from __future__ import annotations

from dataclasses import replace

from newsfuse.model import Article, Span, TimeExpression


def lined_article(article_id: str, text: str, timexes: tuple[TimeExpression, ...] = ()) -> Article:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append(Span(start, start + len(line)))
        start += len(line) + 1
    return replace(Article.from_text(article_id, text), sentences=tuple(spans), timexes=timexes)
