"""Disjoint sets over 0..n-1: grouping things linked pairwise (copies, quote variants)."""

from __future__ import annotations


class DisjointSets:
    """Union-find with path halving; ``groups()`` lists members in index order."""

    def __init__(self, size: int) -> None:
        self._parent = list(range(size))

    def add(self) -> int:
        """A new set of one, for structures that grow; its index."""
        self._parent.append(len(self._parent))
        return len(self._parent) - 1

    def find(self, index: int) -> int:
        parent = self._parent
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    def union(self, a: int, b: int) -> None:
        """Join a's set to b's: b's root stays the root."""
        self._parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[int]]:
        found: dict[int, list[int]] = {}
        for index in range(len(self._parent)):
            found.setdefault(self.find(index), []).append(index)
        return list(found.values())
