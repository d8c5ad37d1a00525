"""The JSON codec: model values <-> JSON-ready values, shared by the store and the renderers.

One generic walker serialises and parses every dataclass in ``model`` from its fields and type
hints, so a section that later stages add to the model is covered without new code here. The
store keeps an Article in exactly this shape (``store.codec``) and ``render.json`` writes a
Report in it (report.json, described by ``schema/report.schema.json`` and documented in
``docs/format.md``), so one format and one set of round-trip tests cover both.

Encoding rules: dataclass -> object with its field names in declaration order; tuple -> list;
dict (str keys) -> object; ``datetime`` -> ISO 8601 with a UTC offset (a naive datetime is an
error, not a guess); ``date`` -> ``YYYY-MM-DD``; str, int, float, bool, None as themselves.
A field typed ``Any`` (``model.JsonValue``: an article's ``extra``) holds plain JSON values,
decoded as read after a check that they are nothing else.
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Literal

from newsfuse.model import Report

_SCALARS: tuple[type, ...] = (str, int, float, bool)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def report_to_dict(report: Report) -> dict[str, Any]:
    """The Report as plain JSON-ready values; ``report_from_dict`` inverts it exactly."""
    encoded = to_jsonable(report)
    assert isinstance(encoded, dict)
    return encoded


def report_from_dict(data: dict[str, Any]) -> Report:
    """Rebuild a Report from ``report_to_dict`` output, checking every value against the model."""
    decoded = from_jsonable(Report, data)
    assert isinstance(decoded, Report)
    return decoded


def read_json(path: str | Path) -> Report:
    """Read a file written by ``render.json.write_json`` back into a Report."""
    return report_from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


# -- encoding ---------------------------------------------------------------------------------


def to_jsonable(value: object) -> Any:
    """Encode any model value (dataclass, tuple, datetime, scalar) as JSON-ready data.

    The common kinds are recognised by exact type, with each dataclass's field names looked up
    once: the store encodes an article per transaction, and generic dispatch was most of it.
    """
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    if kind is tuple or kind is list:
        return [to_jsonable(item) for item in value]  # type: ignore[attr-defined]
    names = _field_names(kind)
    if names is not None:
        return {name: to_jsonable(getattr(value, name)) for name in names}
    if isinstance(value, tuple | list):
        return [to_jsonable(item) for item in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, datetime):
        return encode_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, _SCALARS):
        return value
    raise TypeError(f"cannot encode {type(value).__name__} as JSON: {value!r}")


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names in declaration order; None for any other type."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


def encode_datetime(value: datetime) -> str:
    """ISO 8601 with an offset; offsets that RFC 3339 cannot spell (seconds) are shown in UTC."""
    offset = value.utcoffset()
    if offset is None:
        raise ValueError(f"naive datetime {value.isoformat()} has no UTC offset; make it aware")
    if offset % timedelta(minutes=1):
        value = value.astimezone(UTC)
    return value.isoformat()


# -- decoding ---------------------------------------------------------------------------------


@cache
def _hints(cls: type) -> dict[str, Any]:
    """Resolved field types of a dataclass (the model uses postponed annotations)."""
    return typing.get_type_hints(cls)


def from_jsonable(tp: Any, value: Any, where: str = "$") -> Any:
    """Decode ``value`` as type ``tp``; ``where`` names the JSON path in error messages."""
    if tp is Any:
        return _json_value(value, where)
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        return _decode_union(tp, value, where)
    if origin is Literal:
        if value not in typing.get_args(tp):
            raise ValueError(f"{where}: {value!r} is not one of {typing.get_args(tp)}")
        return value
    if origin is tuple:
        return _decode_tuple(tp, value, where)
    if origin is dict:
        key_tp, value_tp = typing.get_args(tp)
        _expect(value, dict, where)
        return {
            from_jsonable(key_tp, k, where): from_jsonable(value_tp, v, f"{where}.{k}")
            for k, v in value.items()
        }
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _decode_dataclass(tp, value, where)
    if tp is datetime:
        _expect(value, str, where)
        parsed = datetime.fromisoformat(value)
        if parsed.utcoffset() is None:
            raise ValueError(f"{where}: datetime {value!r} has no UTC offset")
        return parsed
    if tp is date:
        _expect(value, str, where)
        # fromisoformat also takes "20230913" and "2023-W37-3"; the format is YYYY-MM-DD only.
        if not _DATE.fullmatch(value):
            raise ValueError(f"{where}: date {value!r} is not YYYY-MM-DD")
        return date.fromisoformat(value)
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if tp in _SCALARS:
        _expect(value, tp, where)
        return value
    if tp is type(None):
        _expect(value, type(None), where)
        return None
    raise TypeError(f"{where}: no JSON decoding for type {tp!r}")


def _json_value(value: Any, where: str) -> Any:
    """A JSON value as ``json.loads`` gives it (lists and str-keyed dicts of str, int, float,
    bool and None), checked without recursion and returned as it is."""
    stack = [(value, where)]
    while stack:
        item, at = stack.pop()
        if isinstance(item, list):
            stack.extend((v, f"{at}[{i}]") for i, v in enumerate(item))
        elif isinstance(item, dict):
            for key, v in item.items():
                if not isinstance(key, str):
                    raise TypeError(f"{at}: a JSON object's key must be a string, got {key!r}")
                stack.append((v, f"{at}.{key}"))
        elif item is not None and not isinstance(item, _SCALARS):
            raise TypeError(f"{at}: expected a JSON value, got {type(item).__name__}")
    return value


def _decode_union(tp: Any, value: Any, where: str) -> Any:
    """Only ``X | None`` occurs in the model; anything wider would be ambiguous to decode."""
    arms = [arm for arm in typing.get_args(tp) if arm is not type(None)]
    if len(arms) != 1:
        raise TypeError(f"{where}: cannot decode the union {tp!r}")
    return None if value is None else from_jsonable(arms[0], value, where)


def _decode_tuple(tp: Any, value: Any, where: str) -> tuple[Any, ...]:
    _expect(value, list, where)
    args = typing.get_args(tp)
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(from_jsonable(args[0], v, f"{where}[{i}]") for i, v in enumerate(value))
    if len(args) != len(value):
        raise ValueError(f"{where}: expected {len(args)} items, got {len(value)}")
    pairs = enumerate(zip(args, value, strict=True))
    return tuple(from_jsonable(a, v, f"{where}[{i}]") for i, (a, v) in pairs)


def _decode_dataclass(cls: type, value: Any, where: str) -> Any:
    """Unknown keys are errors (they mean drift); missing keys fall back to field defaults."""
    _expect(value, dict, where)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = sorted(set(value) - set(fields))
    if unknown:
        raise ValueError(f"{where}: unknown field(s) for {cls.__name__}: {', '.join(unknown)}")
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for name, f in fields.items():
        if name in value:
            kwargs[name] = from_jsonable(hints[name], value[name], f"{where}.{name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ValueError(f"{where}: missing field {name!r} for {cls.__name__}")
    return cls(**kwargs)


def _expect(value: Any, tp: type, where: str) -> None:
    # bool is an int subclass, but a JSON true is never a count or an offset.
    if not isinstance(value, tp) or (tp is int and isinstance(value, bool)):
        raise TypeError(f"{where}: expected {tp.__name__}, got {type(value).__name__}")
