"""Expand the paths a user gives (files, directories, globs) into a list of input files.

A path that matches nothing is not an error for the others: it becomes a Rejection so the
run can report it alongside everything that was read.

An input's name (``source_name``) is always text that can be written anywhere (a report, the
store, a terminal): the bytes of a file name that is not UTF-8, which Python holds as lone
surrogates, are shown as backslash escapes (``caf\\xe9.txt``); the file itself is still opened
by its real path.
"""

from __future__ import annotations

import glob
import os
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
    """Files in the order given; a directory contributes its files recursively, sorted.

    Whatever a directory or a pattern holds that is not a directory is an input: a regular
    file to read, or (a FIFO, a socket, a device, a dangling or looping link) a rejection
    naming it, as when it is named on the command line."""
    files: list[Path] = []
    rejections: list[Rejection] = []
    seen: set[Path] = set()
    refused: set[str] = set()
    for raw in paths:
        found, others = _expand_one(raw)
        if not found and not others:
            rejections.append(_missing(raw))
        for path in found:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                files.append(path)
        for path in others:
            if str(path) not in refused:
                refused.add(str(path))
                rejections.append(_not_a_file(str(path)))
    return Expanded(tuple(files), tuple(rejections))


def _expand_one(raw: str) -> tuple[list[Path], list[Path]]:
    """(the regular files ``raw`` names, the other inputs it names: not files to read)."""
    path = Path(raw)
    if path.is_dir() or path.is_file() or not _GLOB_CHARS & set(raw):
        return _expand_path(path, named=True)
    files: list[Path] = []
    others: list[Path] = []
    for match in sorted(glob.glob(raw, recursive=True)):
        found, other = _expand_path(Path(match), named=False)
        files.extend(found)
        others.extend(other)
    return files, others


def _expand_path(path: Path, *, named: bool) -> tuple[list[Path], list[Path]]:
    """A path that exists or not (no pattern): its files, and its other inputs. Named on the
    command line, a path that is no file is left to the caller (``_missing`` says why)."""
    if path.is_dir():
        entries = [p for p in sorted(path.rglob("*")) if _is_candidate(p)]
        return [p for p in entries if p.is_file()], [p for p in entries if not p.is_file()]
    if path.is_file():
        return [path], []
    if named:
        return [], []
    return [], [path]  # a FIFO, a socket, a device, a dangling or looping link


def _is_candidate(path: Path) -> bool:
    """An input inside a directory: not a directory itself, not hidden, not OS droppings."""
    hidden = path.name.startswith(".")
    return not hidden and path.name not in _SKIP_NAMES and not path.is_dir()


def source_name(path: str | os.PathLike[str]) -> str:
    """``path`` as the name of an input: valid text, its undecodable bytes as ``\\xNN``."""
    name = os.fspath(path)
    try:
        raw = name.encode("utf-8", "surrogateescape")  # a file name's own bytes
    except UnicodeEncodeError:  # a lone surrogate no file name holds (given as a str)
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def _missing(raw: str) -> Rejection:
    path = Path(raw)
    if path.is_dir():
        message = "the directory holds no files"
    elif _GLOB_CHARS & set(raw):
        message = "the pattern matches no files"
    else:
        return _not_a_file(raw)
    return Rejection(source_name(raw), "not-found", message)


def _not_a_file(raw: str) -> Rejection:
    """A path that is neither a directory nor a regular file."""
    message = "not a regular file" if Path(raw).exists() else "no such file or directory"
    return Rejection(source_name(raw), "not-found", message)
