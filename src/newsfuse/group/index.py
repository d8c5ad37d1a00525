"""The inverted index that finds which stored articles a new one should be compared with.

Each article is filed under its index keys (its rarest, most used words and its main entities)
in a bucket for its publication day. A dated query reads only the buckets within the link
window, so the cost of adding an article follows how much was published around its date, not
the size of the whole store. Articles that share fewer keys than the link decision requires
are never compared, which loses nothing: such a pair could not link anyway.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable
from itertools import chain

import numpy as np

_UNDATED = -1


class KeyIndex:
    """key -> publication day (ordinal, or undated) -> article slots; and key -> every slot.

    An undated article has no window: it is compared with every article sharing its keys,
    whenever published, so its query reads whole posting lists, which grow with the store.
    Those are kept apart as compact arrays and counted in numpy, not day by day in Python.
    """

    def __init__(self, *, window: int) -> None:
        self.window = window
        self._postings: dict[int, dict[int, list[int]]] = {}
        self._every: dict[int, array] = {}  # key -> its slots, all days (int32)

    def add(self, slot: int, keys: Iterable[int], day: int | None) -> None:
        bucket = _UNDATED if day is None else day
        for key in set(keys):
            self._postings.setdefault(key, {}).setdefault(bucket, []).append(slot)
            every = self._every.get(key)
            if every is None:
                every = self._every[key] = array("i")
            every.append(slot)

    def candidates(self, keys: Iterable[int], day: int | None, min_shared: int) -> list[int]:
        """Slots sharing at least ``min_shared`` keys, dated within the window (or undated),
        ascending.

        The posting lists read are gathered first and counted in one ``Counter`` call (the
        counting loop runs in C), rather than one ``update`` per list."""
        if day is None:
            return self._anywhen(keys, min_shared)
        lists: list[list[int]] = []
        for key in set(keys):
            buckets = self._postings.get(key)
            if not buckets:
                continue
            if len(buckets) <= 2 * self.window + 2:
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

    def _anywhen(self, keys: Iterable[int], min_shared: int) -> list[int]:
        """``candidates`` for an undated article: every slot of every key, counted at once."""
        read = [self._every[key] for key in set(keys) if key in self._every]
        if not read:
            return []
        slots = np.frombuffer(b"".join(read), dtype=np.int32).copy()  # one copy, not one per key
        slots.sort()
        # Sorted, a slot met at least n times equals the slot n - 1 places on: those are
        # kept, each once (np.unique with counts did the same with several more passes).
        n = max(min_shared, 1) - 1
        hits = slots[n:][slots[n:] == slots[: len(slots) - n]]
        if len(hits) < 2:
            return hits.tolist()
        return hits[np.concatenate(([True], hits[1:] != hits[:-1]))].tolist()
