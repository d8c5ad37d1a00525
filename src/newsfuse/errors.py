"""Exceptions newsfuse raises, and the one-line messages users see.

    NewsfuseError
     └── InputRejected     one input cannot become an article (reason code + message)

Bad input never produces a traceback: ingest turns ``InputRejected`` into a ``Rejection``
record and goes on with the other inputs.
"""

from __future__ import annotations


class NewsfuseError(Exception):
    """Base class for errors newsfuse reports to users."""


class InputRejected(NewsfuseError):
    """An input that cannot become an article; ``reason`` is a short machine-readable code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
