"""Read JSONL (one article per line) or a JSON array of article objects.

Accepted fields: ``text`` or ``html`` (one is required), ``url``, ``title``, ``published``,
``outlet``, ``authors`` (a string or a list). Every other field (the user's own ids, tags, any
key) is kept as it is in the article's ``extra``, up to ``MAX_EXTRA_CHARS`` characters of JSON
in all: fields past that are left out, and named in a note and a warning. A bad line is
rejected on its own, naming the file and line, and the other lines are still read. A lone
UTF-16 surrogate escape (``"\\ud800"``, valid JSON but no character) becomes U+FFFD, as an
undecodable byte would. A JSON array with no records (``[]``) is rejected as ``empty``: every
input ends as an article or a rejection.

JSON nested deeper than ``MAX_DEPTH`` is refused before it is parsed (Python's parser
recurses once per level and gives up with a RecursionError near a thousand): a JSON array
file as a whole, a JSONL line on its own. No article needs more than a few levels.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any

from newsfuse.errors import InputRejected
from newsfuse.model import JsonValue, RawDocument, Rejection, SourceHints

_TEXT_FIELDS = ("text", "body", "content", "articleBody")
_HTML_FIELDS = ("html", "raw_html")
# Every field newsfuse reads; the others go to ``extra``.
_READ_FIELDS = frozenset(
    (*_TEXT_FIELDS, *_HTML_FIELDS, "title", "published", "date", "outlet", "source", "url",
     "authors", "author")
)  # fmt: skip
MAX_EXTRA_CHARS = 10_000  # characters of JSON, all of one record's extra fields together
_INT_LIMIT = 2**63  # beyond a 64-bit integer a number is kept as its digits (a string)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # a pair is decoded as one character
MAX_DEPTH = 20  # levels of JSON arrays and objects, the outer array of a JSON file included
# A JSON string (whose brackets do not count), or a bracket.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether the JSON in ``text`` nests arrays and objects more than ``limit`` levels deep;
    one pass, no recursion, whether or not the JSON is valid."""
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        char = match.group()[0]
        if char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def parse_json(text: str) -> Any:
    """``json.loads``, refusing JSON nested deeper than ``MAX_DEPTH`` with a ValueError."""
    if too_deep(text):
        raise ValueError(f"nested more than {MAX_DEPTH} levels deep")
    try:
        return json.loads(text)
    except RecursionError:  # not reached within MAX_DEPTH; kept as a last guard
        raise ValueError(f"nested more than {MAX_DEPTH} levels deep") from None


def read_jsonl(text: str, source: str, encoding: str) -> Iterator[RawDocument | Rejection]:
    stripped = text.lstrip()
    if stripped.startswith("["):
        yield from _read_array(stripped, source, encoding)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = parse_json(line)
        except ValueError as exc:
            yield Rejection(where, "bad-json", f"line is not valid JSON ({_why(exc, lines=False)})")
            continue
        yield _record(record, where, encoding)


def _read_array(text: str, source: str, encoding: str) -> Iterator[RawDocument | Rejection]:
    try:
        records = parse_json(text)
    except ValueError as exc:
        yield Rejection(source, "bad-json", f"not valid JSON ({_why(exc, lines=True)})")
        return
    if not records:  # an input all the same: it must be named, not pass unseen
        yield Rejection(source, "empty", "the JSON array holds no records")
        return
    for index, record in enumerate(records):
        yield _record(record, f"{source}[{index}]", encoding)


def _why(exc: ValueError, *, lines: bool) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno}" if lines else exc.msg
    return str(exc)


def _record(record: Any, where: str, encoding: str) -> RawDocument | Rejection:
    try:
        return _to_document(record, where, encoding)
    except InputRejected as exc:
        return Rejection(where, exc.reason, exc.message)


def _to_document(record: Any, where: str, encoding: str) -> RawDocument:
    if not isinstance(record, dict):
        raise InputRejected("not-article", "the record is not a JSON object")
    html = _first_string(record, _HTML_FIELDS)
    text = _first_string(record, _TEXT_FIELDS)
    if not html and not text:
        raise InputRejected(
            "not-article",
            "the record has no 'text' or 'html' field with text (a string, or a list of strings)",
        )
    extra, left_out = _extra(record)
    hints = SourceHints(
        title=_optional_string(record, "title"),
        published=_optional_string(record, "published") or _optional_string(record, "date"),
        outlet=_optional_string(record, "outlet") or _optional_string(record, "source"),
        url=_optional_string(record, "url"),
        authors=_authors(record.get("authors") or record.get("author")),
        extra=extra,
        extra_left_out=left_out,
    )
    if text:
        return RawDocument(where, "text", text, encoding, hints)
    assert html is not None
    return RawDocument(where, "html", html, encoding, hints)


def _extra(record: dict[str, Any]) -> tuple[dict[str, JsonValue], tuple[str, ...]]:
    """The fields newsfuse does not read, as JSON-safe values, in record order, within
    ``MAX_EXTRA_CHARS``; and the names of those left out for want of room."""
    kept: dict[str, JsonValue] = {}
    left_out: list[str] = []
    size = 0
    for name, value in record.items():
        if name in _READ_FIELDS:
            continue
        key, safe = _characters(name), _json_safe(value)
        cost = len(json.dumps({key: safe}, ensure_ascii=False))
        if size + cost > MAX_EXTRA_CHARS:
            left_out.append(key)
            continue
        kept[key] = safe
        size += cost
    return kept, tuple(left_out)


def _json_safe(value: Any) -> JsonValue:
    """``value`` as strict JSON can carry it anywhere: lone surrogates replaced, NaN and
    infinities (which Python's reader accepts) as null, integers past 64 bits as strings.
    Recursion is bounded: the record is at most ``MAX_DEPTH`` deep."""
    if isinstance(value, str):
        return _characters(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return value if -_INT_LIMIT <= value < _INT_LIMIT else str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, list):
        return [_json_safe(item) for item in value]
    if isinstance(value, dict):
        return {_characters(k): _json_safe(v) for k, v in value.items()}
    return str(value)


def _first_string(record: dict[str, Any], names: tuple[str, ...]) -> str | None:
    """The first of ``names`` with text in it; a list of strings (an article given as its
    paragraphs, as several news datasets store it) is joined with blank lines."""
    for name in names:
        value = record.get(name)
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            value = "\n\n".join(v.strip() for v in value if v.strip())
        if isinstance(value, str) and value.strip():
            return _characters(value)
    return None


def _characters(value: str) -> str:
    """The string with lone surrogates replaced: they cannot be encoded, hashed or stored."""
    return _LONE_SURROGATE.sub("\ufffd", value)


def _optional_string(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        return _characters(value.strip()) or None
    if isinstance(value, dict):  # e.g. {"name": "Reuters"}
        return _optional_string(value, "name")
    return str(value)


def _authors(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (_characters(value.strip()),) if value.strip() else ()
    if isinstance(value, list):
        return tuple(_characters(str(v).strip()) for v in value if str(v).strip())
    return ()
