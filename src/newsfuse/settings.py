"""The limits that bound work and memory, in one object.

They used to be module constants that tests changed by patching the modules they lived in
(and a module that had copied one at import kept the old value). Now every module reads
``current()``, and a caller or a test changes them in one place, for a block of code::

    from newsfuse import settings

    with settings.overridden(piece_chars=2_000):
        ...  # long texts go to spaCy in pieces of at most 2,000 characters

The value lives in a context variable, so an override holds for the code it wraps (and the
threads and tasks that code starts with that context) and ends with it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Settings:
    """Limits on how much is handled at once; defaults suit a laptop and a 2-core server."""

    # spaCy is handed at most this many characters of one text at a time (a longer text is
    # parsed in pieces cut at paragraph breaks): the parser's memory grows with a text's
    # length, about a gigabyte per 300,000 characters.
    piece_chars: int = 50_000
    # ...and texts go to it in batches of at most this many characters.
    batch_chars: int = 100_000
    # A text of at least ``long_text_chars`` characters is parsed by ``parse_processes``
    # worker processes, its pieces shared out (1: always in this process). Two by default
    # (one on a one-core machine): each worker holds its own model and parser memory.
    parse_processes: int = min(2, os.cpu_count() or 1)
    long_text_chars: int = 200_000
    # The grouping features' word-piece lexicon is started afresh after remembering this
    # many pieces (about 70 MB), so a long ingest does not grow without bound.
    lexicon_pieces: int = 1 << 18

    def __post_init__(self) -> None:
        for name in (
            "piece_chars",
            "batch_chars",
            "parse_processes",
            "long_text_chars",
            "lexicon_pieces",
        ):
            if getattr(self, name) < 1:
                raise ValueError(f"settings: {name} must be at least 1")


_DEFAULT = Settings()
_CURRENT: ContextVar[Settings | None] = ContextVar("newsfuse_settings", default=None)


def current() -> Settings:
    """The settings in force here."""
    return _CURRENT.get() or _DEFAULT


@contextmanager
def overridden(**changes: int) -> Iterator[Settings]:
    """The current settings with ``changes``, for the ``with`` block."""
    changed = replace(current(), **changes)
    token = _CURRENT.set(changed)
    try:
        yield changed
    finally:
        _CURRENT.reset(token)
