"""The inverted index that finds which stored articles a new one should be compared with.

Each article is filed under its index keys (its rarest, most used words and its main entities)
in a bucket for its publication day. A dated query reads only the buckets within the link
window, so the cost of adding an article follows how much was published around its date, not
the size of the whole store. Articles that share fewer keys than the link decision requires
are never compared, which loses nothing: such a pair could not link anyway.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import chain

_UNDATED = -1


class KeyIndex:
    """key -> publication day (ordinal, or undated) -> article slots."""

    def __init__(self, *, window: int) -> None:
        self.window = window
        self._postings: dict[int, dict[int, list[int]]] = {}

    def add(self, slot: int, keys: Iterable[int], day: int | None) -> None:
        bucket = _UNDATED if day is None else day
        for key in set(keys):
            self._postings.setdefault(key, {}).setdefault(bucket, []).append(slot)

    def candidates(self, keys: Iterable[int], day: int | None, min_shared: int) -> list[int]:
        """Slots sharing at least ``min_shared`` keys, dated within the window (or undated).

        The posting lists read are gathered first and counted in one ``Counter`` call (the
        counting loop runs in C), rather than one ``update`` per list."""
        lists: list[list[int]] = []
        for key in set(keys):
            buckets = self._postings.get(key)
            if not buckets:
                continue
            if day is None:
                lists.extend(buckets.values())
            elif len(buckets) <= 2 * self.window + 2:
                lists.extend(
                    slots
                    for bucket, slots in buckets.items()
                    if bucket == _UNDATED or abs(bucket - day) <= self.window
                )
            else:
                for bucket in (_UNDATED, *range(day - self.window, day + self.window + 1)):
                    slots = buckets.get(bucket)
                    if slots:
                        lists.append(slots)
        counts = Counter(chain.from_iterable(lists))
        return sorted(slot for slot, n in counts.items() if n >= min_shared)
