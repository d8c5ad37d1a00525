"""Average-linkage clustering of one thread of linked articles.

Single links chain: one article that shares a place name with two different earthquakes
would join them. Average linkage merges two groups only when their articles resemble each
other on average, so such a bridge is outvoted. Two large, tight groups that resemble each
other far less than themselves (two widely reported events of one kind) are kept apart even
when their average clears the cut. The input is the articles in a fixed order
(earliest first) and their pairwise link scores, so the result depends on nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import linkage

try:  # scipy's average linkage without the public function's checks (``_average_linkage``)
    from scipy.cluster._hierarchy import nn_chain as _nn_chain
    from scipy.cluster.hierarchy import _LINKAGE_METHODS

    _AVERAGE = _LINKAGE_METHODS["average"]
except ImportError:  # another scipy: the public function
    _nn_chain = None
    _AVERAGE = -1

MIN_SIDE = 5  # the fewest articles on each side for ``separation`` to keep two groups apart
SMALL = 7  # threads up to this size are clustered in plain Python (scipy's call is cheaper from 8)


@dataclass(frozen=True, slots=True)
class Pairs:
    """Scored pairs of positions: ``first[k]`` with ``second[k]`` (in either order; a pair may
    repeat, with the same score) scores ``scores[k]``. Arrays for threads over ``SMALL``
    (a thread of a hundred undated articles has thousands of links and is re-clustered on
    every arrival); lists are cheaper for the many small ones."""

    first: Sequence[int] | np.ndarray
    second: Sequence[int] | np.ndarray
    scores: Sequence[float] | np.ndarray


def average_clusters(
    size: int,
    pairs: Pairs,
    cohesion: float,
    separation: float = 0.0,
) -> list[list[int]]:
    """Groups of ``0..size-1`` whose average pairwise score is at least ``cohesion``.

    A pair missing from ``pairs`` scores 0. Two groups of ``MIN_SIDE`` or more
    articles also stay apart when the average score between them is below ``separation``
    times the average inside the looser of the two: two tight stories of one kind (two
    earthquakes) that resemble each other only as much as any two such stories do; once kept
    apart, neither joins anything further. Groups come out in order of their first member,
    members ascending.
    """
    if size == 1:
        return [[0]]
    if size == 2:
        linked = any(score >= cohesion for score in pairs.scores)
        return [[0, 1]] if linked else [[0], [1]]
    cut = 1.0 - cohesion + 1e-12
    if size <= SMALL:
        merges = _small_linkage(size, _condensed_list(size, pairs), cut)
    else:
        merges = _scipy_linkage(size, _condensed(size, pairs), cut)
    return _replay(size, merges, cut, separation)


def _replay(size: int, merges: Sequence[Merge], cut: float, separation: float) -> list[list[int]]:
    """The groups the merges closer than ``cut`` make (average linkage merges in rising
    distance), less those ``separation`` blocks. Only each node's size and the sum of the
    scores inside it are kept, and its parent: the groups' members are read off once at the
    end (joining member lists at every merge cost a thread of n articles n^2 steps)."""
    nodes = size + len(merges)
    count = [1] * nodes
    inside = [0.0] * nodes  # sum of the scores inside each node
    parent = list(range(nodes))
    blocked = bytearray(nodes)
    for step, (a, b, height) in enumerate(merges):
        if height > cut:
            break
        new = size + step
        if blocked[a] or blocked[b]:
            blocked[new] = 1
            continue
        na, nb = count[a], count[b]
        between = (1.0 - height) * na * nb
        if separation and min(na, nb) >= MIN_SIDE:
            loosest = min(inside[a] / (na * (na - 1) / 2), inside[b] / (nb * (nb - 1) / 2))
            if 1.0 - height < separation * loosest - 1e-12:
                blocked[new] = 1
                continue
        parent[a] = parent[b] = new
        count[new] = na + nb
        inside[new] = inside[a] + inside[b] + between
    for node in range(nodes - 1, -1, -1):  # a parent is numbered above its children
        parent[node] = parent[parent[node]]
    clusters: dict[int, list[int]] = {}  # by root, in order of first member
    for i in range(size):
        clusters.setdefault(parent[i], []).append(i)
    return list(clusters.values())


Merge = tuple[int, int, float]  # the two nodes merged, and their distance


def _condensed(size: int, pairs: Pairs) -> np.ndarray:
    """Distances (1 - score, a missing pair 1) in scipy's condensed order: (0,1), (0,2)..."""
    first = np.asarray(pairs.first, dtype=np.int64)
    second = np.asarray(pairs.second, dtype=np.int64)
    i, j = np.minimum(first, second), np.maximum(first, second)
    distance = np.ones(size * (size - 1) // 2)
    scores = np.clip(np.asarray(pairs.scores, dtype=np.float64), 0.0, 1.0)
    distance[size * i - i * (i + 1) // 2 + (j - i - 1)] = 1.0 - scores
    return distance


def _condensed_list(size: int, pairs: Pairs) -> list[float]:
    """``_condensed`` in plain Python, for small threads."""
    distance = [1.0] * (size * (size - 1) // 2)
    for i, j, score in zip(pairs.first, pairs.second, pairs.scores, strict=True):
        i, j = (i, j) if i < j else (j, i)
        distance[size * i - i * (i + 1) // 2 + (j - i - 1)] = 1.0 - min(max(score, 0.0), 1.0)
    return distance


def _scipy_linkage(size: int, distance: np.ndarray, cut: float = np.inf) -> Sequence[Merge]:
    """scipy's average linkage, for large threads: its merges up to height ``cut`` (they
    come in rising height). (scipy is imported with this module, about half a second once:
    a lazy import would land on whichever article first makes a thread this large.)"""
    rows = _average_linkage(size, distance)
    head = rows[: int(np.searchsorted(rows[:, 2], cut, side="right"))]
    ends = head[:, :2].astype(np.intp)
    return list(zip(ends[:, 0].tolist(), ends[:, 1].tolist(), head[:, 2].tolist(), strict=True))


def _average_linkage(size: int, distance: np.ndarray) -> np.ndarray:
    """``linkage(distance, method="average")``. The public function spends about half of a
    call on this project's sizes (~50 articles, ~60 µs) validating input that is built here
    finite and in [0, 1]; so scipy's own routine behind it is called directly when this scipy
    has it (the version is pinned; a test holds the two equal)."""
    if _nn_chain is None:
        return linkage(distance, method="average")
    return np.asarray(_nn_chain(distance, size, _AVERAGE))


def _small_linkage(size: int, distance: list[float], cut: float = float("inf")) -> list[Merge]:
    """The same merges as scipy's average linkage (UPGMA), in plain Python: repeatedly join
    the two closest groups (ties: smallest ids), the new group numbered ``size + step``, its
    distance to each other group the size-weighted mean of its two parts' distances; up to
    height ``cut``."""
    between: dict[tuple[int, int], float] = {}
    for i in range(size):
        for j in range(i + 1, size):
            between[(i, j)] = distance[size * i - i * (i + 1) // 2 + (j - i - 1)]
    count = dict.fromkeys(range(size), 1)
    merges: list[Merge] = []
    while len(count) > 1:
        (a, b), height = min(between.items(), key=lambda item: (item[1], item[0]))
        if height > cut:  # every later merge is higher still
            break
        new = size + len(merges)
        na, nb = count.pop(a), count.pop(b)
        del between[(a, b)]
        for other in count:
            da = between.pop((min(a, other), max(a, other)))
            db = between.pop((min(b, other), max(b, other)))
            between[(other, new)] = (na * da + nb * db) / (na + nb)
        count[new] = na + nb
        merges.append((a, b, height))
    return merges
