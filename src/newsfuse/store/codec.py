"""Model values <-> the text a store keeps: JSON in the report's own shape.

An Article in the store has exactly the shape it has in report.json (the JSON codec in
``serial``: a dataclass is an object with its fields in declaration order, a tuple a list, a
date ``YYYY-MM-DD``, a datetime ISO 8601 with its offset), so one format document and one set
of round-trip tests cover both. Encoding is written with orjson, which walks dataclasses,
tuples and dates itself: going through ``serial.to_jsonable`` and the standard library's
encoder was about 0.24 ms an article, most of what storing one cost; orjson takes about
0.03. Datetimes are handed back to ``serial``'s own rule (a naive one is an error, an offset
RFC 3339 cannot spell is shown in UTC), and a test holds the two encodings equal. Decoding
goes through ``serial.from_jsonable``, which checks every value against the model.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import orjson

from newsfuse.model import Article
from newsfuse.serial import encode_datetime, from_jsonable

_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME  # dates and datetimes go to ``_default``


def _default(value: object) -> Any:
    """What orjson hands back: datetimes by serial's rule, dates as ``YYYY-MM-DD``."""
    if isinstance(value, datetime):
        return encode_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot encode {type(value).__name__} as JSON: {value!r}")


def encode_article(article: Article) -> str:
    return orjson.dumps(article, default=_default, option=_OPTIONS).decode()


def decode_article(data: str) -> Article:
    decoded = from_jsonable(Article, json.loads(data))
    assert isinstance(decoded, Article)
    return decoded


def encode_list(values: tuple[str, ...]) -> str:
    return orjson.dumps(values).decode()


def decode_list(data: str) -> tuple[str, ...]:
    values: Any = json.loads(data)
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"expected a JSON list of strings, got {data[:60]!r}")
    return tuple(values)


def sortable_time(value: datetime | None) -> str | None:
    """UTC ISO 8601, so text order is time order in an index. A time within a day of the
    calendar's ends (0001-01-01 east of UTC) has no UTC datetime: it takes the end's."""
    if value is None:
        return None
    try:
        return value.astimezone(UTC).isoformat()
    except OverflowError:
        return (datetime.min if value.year == 1 else datetime.max).replace(tzinfo=UTC).isoformat()


def parse_time(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)
