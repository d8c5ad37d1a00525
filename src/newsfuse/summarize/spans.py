"""Things of one article found by where they are: per-sentence lookups without a scan.

Summary and timeline ask, for each sentence, which quotes, claims, entities or time
expressions overlap it or lie inside it. Scanning them all per sentence is quadratic in an
article's length, and an article of 100,000 one-line sentences is an input too.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import Generic, TypeVar

from newsfuse.model import Span

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """Items keyed by span, sorted by start; lookups answer in the items' given order."""

    def __init__(self, items: Iterable[tuple[Span, T]]) -> None:
        ordered = sorted(enumerate(items), key=lambda pair: pair[1][0].start)
        self._order = [index for index, _ in ordered]
        self._spans = [span for _, (span, _) in ordered]
        self._items = [item for _, (_, item) in ordered]
        self._starts = [span.start for span in self._spans]
        self._longest = max((s.end - s.start for s in self._spans), default=0)

    def overlapping(self, span: Span) -> list[T]:
        """Items whose span overlaps ``span`` (``a.start < b.end and b.start < a.end``)."""
        low = bisect_right(self._starts, span.start - self._longest)
        high = bisect_left(self._starts, span.end)
        return self._pick(k for k in range(low, high) if span.start < self._spans[k].end)

    def inside(self, span: Span) -> list[T]:
        """Items whose span lies within ``span``."""
        low = bisect_left(self._starts, span.start)
        high = bisect_right(self._starts, span.end)
        return self._pick(k for k in range(low, high) if self._spans[k].end <= span.end)

    def _pick(self, found: Iterable[int]) -> list[T]:
        return [self._items[k] for k in sorted(found, key=self._order.__getitem__)]
