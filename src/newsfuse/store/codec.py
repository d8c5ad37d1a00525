"""Model values <-> the text a store keeps: JSON through the report's own walker.

Reusing ``render.json`` means an Article in the store has exactly the shape it has in
report.json, so one format document and one set of round-trip tests cover both.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from functools import cache
from typing import Any

from newsfuse.model import Article
from newsfuse.render.json import from_jsonable, to_jsonable


def encode_article(article: Article) -> str:
    return json.dumps(_plain(article), ensure_ascii=False, separators=(",", ":"))


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


def _plain(value: object) -> Any:
    """``to_jsonable`` with the dispatch cached per type: the store writes an article per
    transaction, and the generic walker was most of that transaction's time. The output is
    the same (a test holds them equal); anything unusual is left to ``to_jsonable``."""
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    if kind is tuple or kind is list:
        return [_plain(item) for item in value]  # type: ignore[attr-defined]
    names = _field_names(kind)
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    return to_jsonable(value)


def decode_article(data: str) -> Article:
    decoded = from_jsonable(Article, json.loads(data))
    assert isinstance(decoded, Article)
    return decoded


def encode_list(values: tuple[str, ...]) -> str:
    return json.dumps(list(values), ensure_ascii=False, separators=(",", ":"))


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
