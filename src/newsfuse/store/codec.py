"""Model values <-> the text a store keeps: JSON through the report's own walker.

Reusing ``render.json`` means an Article in the store has exactly the shape it has in
report.json, so one format document and one set of round-trip tests cover both. Encoding is
most of what storing an article costs (about 0.15 ms of 0.25); the encoders are built once
here, as ``json.dumps`` with options builds one per call.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from newsfuse.model import Article
from newsfuse.render.json import from_jsonable, to_jsonable

_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def encode_article(article: Article) -> str:
    return _ENCODE(to_jsonable(article))


def decode_article(data: str) -> Article:
    decoded = from_jsonable(Article, json.loads(data))
    assert isinstance(decoded, Article)
    return decoded


def encode_list(values: tuple[str, ...]) -> str:
    return _ENCODE(values)


def decode_list(data: str) -> tuple[str, ...]:
    values: Any = json.loads(data)
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"expected a JSON list of strings, got {data[:60]!r}")
    return tuple(values)


def sortable_time(value: datetime | None) -> str | None:
    """UTC ISO 8601, so text order is time order in an index."""
    return None if value is None else value.astimezone(UTC).isoformat()


def parse_time(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)
