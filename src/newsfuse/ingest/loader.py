"""Read every input file into RawDocuments; refuse bad files one at a time, never the batch."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from newsfuse.errors import InputRejected
from newsfuse.ingest.decode import decode_bytes
from newsfuse.ingest.jsonl import read_jsonl
from newsfuse.ingest.sniff import sniff_kind
from newsfuse.ingest.sources import expand_paths, source_name
from newsfuse.model import RawDocument, Rejection

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_MIN_WORDS = 20


@dataclass(frozen=True)
class LoadResult:
    documents: tuple[RawDocument, ...]
    rejections: tuple[Rejection, ...]


def load_paths(
    paths: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_file: Callable[[Path], None] | None = None,
) -> LoadResult:
    """Load files, directories and globs; identical documents are kept once, the rest recorded."""
    expanded = expand_paths(tuple(paths))
    documents: list[RawDocument] = []
    rejections: list[Rejection] = list(expanded.rejections)
    seen: dict[str, str] = {}
    for path in expanded.files:
        for item in load_file(path, max_bytes=max_bytes):
            if isinstance(item, Rejection):
                rejections.append(item)
            elif item.id in seen:
                rejections.append(
                    Rejection(item.source, "duplicate", f"same content as {seen[item.id]}")
                )
            else:
                seen[item.id] = item.source
                documents.append(item)
        if on_file is not None:
            on_file(path)
    return LoadResult(tuple(documents), tuple(rejections))


def load_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[RawDocument | Rejection]:
    source = source_name(path)  # valid text; the file is opened by its real path
    try:
        text, encoding = _read_text(path, max_bytes)
        return _documents(text, encoding, source, path)
    except InputRejected as exc:
        return [Rejection(source, exc.reason, exc.message)]


def load_text(content: str | bytes, source: str) -> list[RawDocument | Rejection]:
    """One input held in memory (the Python API's texts and bytes), read as a file with these
    contents would be."""
    try:
        if isinstance(content, bytes):
            text, encoding = decode_bytes(content)
        elif content.strip():
            text, encoding = content, "utf-8"
        else:
            raise InputRejected("empty", "the text is empty")
        return _documents(text, encoding, source)
    except InputRejected as exc:
        return [Rejection(source, exc.reason, exc.message)]


def _documents(
    text: str, encoding: str, source: str, path: Path | None = None
) -> list[RawDocument | Rejection]:
    """The documents one decoded input holds: a JSONL file's records, or itself."""
    kind = sniff_kind(text, path)
    if kind == "jsonl":
        return list(read_jsonl(text, source, encoding))
    if kind == "text":
        _require_prose(text)
    return [RawDocument(source, kind, text, encoding)]


def _read_text(path: Path, max_bytes: int) -> tuple[str, str]:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputRejected(
                "too-large",
                f"the file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputRejected("unreadable", f"cannot read the file ({exc.strerror})") from None
    return decode_bytes(data)


def _require_prose(text: str) -> None:
    """A plain-text article has sentences: a handful of words or a data dump is not one."""
    words = text.split()
    if len(words) < _MIN_WORDS:
        raise InputRejected("not-article", f"too short to be an article ({len(words)} words)")
    letters = sum(ch.isalpha() for ch in text)
    if letters < 0.5 * len(text.replace(" ", "").replace("\n", "")):
        raise InputRejected("not-article", "mostly non-letters: this is not article text")
