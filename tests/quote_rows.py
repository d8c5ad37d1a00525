"""Quotes as rows a test can compare: ``(direct, content, speaker mention, resolved speaker,
cue)``, the form the quote tests write their expectations in."""

from __future__ import annotations

from newsfuse.extract._spacy import parse
from newsfuse.extract.quotes import find_quotes
from newsfuse.model import Quote

Expected = tuple[bool, str, str | None, str | None, str | None]


def rows(text: str) -> list[Expected]:
    """Every quote ``find_quotes`` finds in ``text`` (parsed whole), as a row."""
    return [row(text, q) for q in find_quotes(parse(text))]


def row(text: str, q: Quote) -> Expected:
    mention = q.speaker_span.of(text) if q.speaker_span else None
    return (q.direct, q.content.of(text), mention, q.speaker, q.cue)
