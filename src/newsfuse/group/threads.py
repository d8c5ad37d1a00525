"""Threads, the connected parts of the link graph, kept up to date as articles arrive.

A link is a function of its two articles and articles are only ever added, so threads only
ever merge: a union-find over slots whose roots hold their members. Re-clustering a thread
reads its members directly, where walking the graph article by article on every arrival
cost more than the clustering on threads of a hundred articles (undated texts link to ~15
others each).

A thread that grows past ``limit`` articles keeps only its size: threads that large are
re-clustered from the stories around the new article, not whole.

Slots filed without their links (restored from a store) are *unknown* until ``adopt`` is
told the part of the graph they belong to; the grouper walks it once, when an arrival
first links to one of them.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsfuse.unionfind import DisjointSets


class Threads:
    """The thread of every filed slot."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._sets = DisjointSets(0)  # by slot
        self._known = bytearray()  # 0 for a slot filed without its links
        self._size: dict[int, int] = {}  # by root
        self._members: dict[int, list[int]] = {}  # by root, only for threads up to ``limit``

    def file_unknown(self, slot: int) -> None:
        """A slot filed without its links (restored)."""
        while len(self._known) <= slot:
            self._sets.add()
            self._known.append(0)

    def known(self, slot: int) -> bool:
        return slot < len(self._known) and bool(self._known[slot])

    def add(self, slot: int, linked: Iterable[int]) -> None:
        """A new slot and the known slots it links to."""
        self.file_unknown(slot)
        self._start(slot)
        self._union([slot, *linked])

    def adopt(self, slots: Iterable[int], linked: Iterable[int]) -> None:
        """Unknown slots found together by a walk of the graph, and the known slots they
        link to. A walk may stop once it has found more than ``limit``: the thread is then
        known to be too large, and the slots it did not reach stay unknown (a later walk
        from one of them reaches this thread, and joins it)."""
        slots = list(slots)
        for slot in slots:
            self._start(slot)
        self._union([*slots, *linked])

    def members(self, slot: int) -> list[int] | None:
        """The slots of a known slot's thread, in joining order; None if it has more
        than ``limit``."""
        return self._members.get(self._sets.find(slot))

    def _start(self, slot: int) -> None:
        self._known[slot] = 1
        self._size[slot] = 1
        self._members[slot] = [slot]

    def _union(self, slots: list[int]) -> int:
        """Merge the threads of ``slots`` into the largest; its root."""
        roots = {self._sets.find(s) for s in slots}
        root = max(roots, key=lambda r: (self._size[r], -r))
        members = self._members.get(root)
        for other in roots - {root}:
            self._sets.union(other, root)
            self._size[root] += self._size.pop(other)
            absorbed = self._members.pop(other, None)
            if members is not None and absorbed is not None:
                members.extend(absorbed)
            else:  # one of them is too large already
                members = None
        if members is None or self._size[root] > self.limit:
            self._members.pop(root, None)
        return root
