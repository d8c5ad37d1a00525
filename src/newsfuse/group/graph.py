"""The link graph: each filed article's links, by slot, in growing arrays.

An undated article links to ~15 others and the articles of a large thread to a hundred:
held as one dict entry and one tuple per link, these were the grouper's largest count of
Python objects, and collecting the links among a story's members meant a Python step per
link. As arrays, a row costs 24 bytes a link and the links among any set of slots come out
of a few array operations (``among``).

A slot's row is ``None`` until its links are known: restored articles are filed without
them, and the grouper finds them again from the index when first needed.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from newsfuse.group.clustering import SMALL, Pairs

Row = array  # one slot's links, three floats each: the slot linked to (floats hold slots
# exactly), the score, the days apart (0 if either is undated). One flat array, so the rows
# of a story's members are gathered by joining their bytes. The evidence itself (shared words
# and entities) is found again only for the links that memberships cite.


def links_of(row: Row) -> Iterator[tuple[int, float, int]]:
    """A row's links: (slot, score, days apart)."""
    values = iter(row)
    for other, score, days in zip(values, values, values, strict=True):
        yield int(other), score, int(days)


def scored_links(row: Row) -> Iterator[tuple[float, float]]:
    """A row's (slot, score) pairs, the slot left a float: it equals and hashes as the int,
    so it can be looked up in sets of slots without a conversion per link."""
    return zip(row[0::3], row[1::3], strict=True)


def linked_slots(row: Row) -> list[int]:
    """The slots a row links to."""
    return [int(other) for other in row[0::3]]


class LinkGraph:
    """Rows by slot. Links are symmetric: a row set with ``link`` is also appended to the
    known rows of the slots it links to."""

    def __init__(self) -> None:
        self._rows: list[Row | None] = []
        self._position = np.full(1024, -1, dtype=np.int64)  # -1 between calls to ``among``

    def file(self, slot: int) -> None:
        """Room for a new slot, its links not known yet."""
        while len(self._rows) <= slot:
            self._rows.append(None)

    def row(self, slot: int) -> Row | None:
        return self._rows[slot]

    def link(self, slot: int, found: Iterable[tuple[int, float, int]]) -> Row:
        """A new article's links (slot, score, days apart), to slots filed before it."""
        row = self._rows[slot] = array("d")
        for other, score, days in found:
            row.extend((other, score, days))
            known = self._rows[other]
            if known is not None:
                known.extend((slot, score, days))
        return row

    def found_again(self, slot: int, found: Iterable[tuple[int, float, int]]) -> Row:
        """A restored article's links, found again (the rows of the slots they lead to
        already hold theirs, or are found again the same way)."""
        row = self._rows[slot] = array("d")
        for link in found:
            row.extend(link)
        return row

    def among(self, slots: Sequence[int], rows: Sequence[Row], per_day: float) -> Pairs:
        """The links among ``slots`` (whose ``rows`` these are), each once, by the positions
        of their ends in ``slots``, scored for clustering: the link's score less ``per_day``
        for each day apart. A few slots in plain Python, more in array operations."""
        if len(slots) <= SMALL:
            position = {slot: i for i, slot in enumerate(slots)}
            first, second, closeness = [], [], []
            for i, row in enumerate(rows):
                for other, score, days in links_of(row):
                    j = position.get(other, -1)
                    if j > i:
                        first.append(i)
                        second.append(j)
                        closeness.append(score - per_day * days)
            return Pairs(first, second, closeness)
        if len(self._position) < len(self._rows):
            self._position = np.full(2 * len(self._rows), -1, dtype=np.int64)
        position = self._position
        members = np.fromiter(slots, dtype=np.int64, count=len(slots))
        lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows)) // 3
        flat = np.frombuffer(b"".join(rows), dtype=np.float64)  # one copy, not one per row
        others, scores, days = flat[0::3].astype(np.int64), flat[1::3], flat[2::3]
        position[members] = np.arange(len(members))
        first = np.repeat(np.arange(len(members)), lengths)
        second = position[others]
        position[members] = -1
        keep = second > first  # inside (not -1), and each link once
        return Pairs(first[keep], second[keep], scores[keep] - per_day * days[keep])
