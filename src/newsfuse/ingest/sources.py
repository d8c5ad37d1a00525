"""Expand the paths a user gives (files, directories, globs) into a list of input files.

A path that matches nothing is not an error for the others: it becomes a Rejection so the
run can report it alongside everything that was read.
"""

from __future__ import annotations

import glob
from dataclasses import dataclass
from pathlib import Path

from newsfuse.model import Rejection

# Files inside a directory that are never articles (editor and OS droppings).
_SKIP_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Expanded:
    files: tuple[Path, ...]
    rejections: tuple[Rejection, ...]


def expand_paths(paths: list[str] | tuple[str, ...]) -> Expanded:
    """Files in the order given; a directory contributes its files recursively, sorted."""
    files: list[Path] = []
    rejections: list[Rejection] = []
    seen: set[Path] = set()
    for raw in paths:
        found = _expand_one(raw)
        if not found:
            rejections.append(_missing(raw))
        for path in found:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                files.append(path)
    return Expanded(tuple(files), tuple(rejections))


def _expand_one(raw: str) -> list[Path]:
    path = Path(raw)
    if path.is_dir():
        return [p for p in sorted(path.rglob("*")) if _is_candidate(p)]
    if path.is_file():
        return [path]
    if _GLOB_CHARS & set(raw):
        matches = sorted(glob.glob(raw, recursive=True))
        result: list[Path] = []
        for match in matches:
            result.extend(_expand_one(match))
        return result
    return []


def _is_candidate(path: Path) -> bool:
    hidden = any(part.startswith(".") for part in path.parts[-1:])
    return path.is_file() and not hidden and path.name not in _SKIP_NAMES


def _missing(raw: str) -> Rejection:
    path = Path(raw)
    if path.is_dir():
        message = "the directory holds no files"
    elif _GLOB_CHARS & set(raw):
        message = "the pattern matches no files"
    elif path.exists():
        message = "not a regular file"
    else:
        message = "no such file or directory"
    return Rejection(source=raw, reason="not-found", message=message)
