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
from itertools import chain

import numpy as np
from scipy.cluster.hierarchy import linkage

MIN_SIDE = 5  # the fewest articles on each side for ``separation`` to keep two groups apart
SMALL = 12  # threads up to this size are clustered in plain Python (cheaper than scipy's call)


def average_clusters(
    size: int,
    scores: dict[tuple[int, int], float],
    cohesion: float,
    separation: float = 0.0,
) -> list[list[int]]:
    """Groups of ``0..size-1`` whose average pairwise score is at least ``cohesion``.

    ``scores`` holds (i, j) with i < j; a missing pair scores 0. Two groups of ``MIN_SIDE`` or more
    articles also stay apart when the average score between them is below ``separation``
    times the average inside the looser of the two: two tight stories of one kind (two
    earthquakes) that resemble each other only as much as any two such stories do; once kept
    apart, neither joins anything further. Groups come out in order of their first member,
    members ascending.
    """
    if size == 1:
        return [[0]]
    if size == 2:
        return [[0, 1]] if scores.get((0, 1), 0.0) >= cohesion else [[0], [1]]
    if size <= SMALL:
        merges = _small_linkage(size, _condensed(size, scores))
    else:
        merges = _scipy_linkage(size, scores)
    # Replay the merges closer than the cut (average linkage merges in rising distance).
    group = {i: [i] for i in range(size)}
    inside = dict.fromkeys(range(size), 0.0)  # sum of the scores inside each group
    blocked: set[int] = set()
    for step, (a, b, height, _) in enumerate(merges):
        if height > 1.0 - cohesion + 1e-12:
            break
        a, b = int(a), int(b)
        if a in blocked or b in blocked:
            blocked.add(size + step)
            continue
        na, nb = len(group[a]), len(group[b])
        between = (1.0 - height) * na * nb
        if separation and min(na, nb) >= MIN_SIDE:
            loosest = min(inside[a] / (na * (na - 1) / 2), inside[b] / (nb * (nb - 1) / 2))
            if 1.0 - height < separation * loosest - 1e-12:
                blocked.add(size + step)
                continue
        group[size + step] = group.pop(a) + group.pop(b)
        inside[size + step] = inside.pop(a) + inside.pop(b) + between
    return sorted((sorted(g) for g in group.values()), key=lambda g: g[0])


Merge = tuple[int, int, float, int]


def _condensed(size: int, scores: dict[tuple[int, int], float]) -> list[float]:
    """Distances (1 - score, a missing pair 1) in scipy's condensed order: (0,1), (0,2)..."""
    distance = [1.0] * (size * (size - 1) // 2)
    for (i, j), score in scores.items():
        distance[size * i - i * (i + 1) // 2 + (j - i - 1)] = 1.0 - min(max(score, 0.0), 1.0)
    return distance


def _scipy_linkage(size: int, scores: dict[tuple[int, int], float]) -> Sequence[Merge]:
    """scipy's average linkage, for large threads; the condensed distances are filled in one
    array operation. (scipy is imported with this module, about half a second once: a lazy
    import would land on whichever article first makes a thread this large.)"""
    pairs = np.fromiter(chain.from_iterable(scores), dtype=np.int64, count=2 * len(scores))
    i, j = pairs[0::2], pairs[1::2]
    distance = np.ones(size * (size - 1) // 2)
    values = np.fromiter(scores.values(), dtype=np.float64, count=len(scores))
    distance[size * i - i * (i + 1) // 2 + (j - i - 1)] = 1.0 - np.clip(values, 0.0, 1.0)
    rows = linkage(distance, method="average")
    return [(int(a), int(b), float(h), int(n)) for a, b, h, n in rows.tolist()]


def _small_linkage(size: int, distance: list[float]) -> list[Merge]:
    """The same merges as scipy's average linkage (UPGMA), in plain Python: repeatedly join
    the two closest groups (ties: smallest ids), the new group numbered ``size + step``, its
    distance to each other group the size-weighted mean of its two parts' distances."""
    between: dict[tuple[int, int], float] = {}
    for i in range(size):
        for j in range(i + 1, size):
            between[(i, j)] = distance[size * i - i * (i + 1) // 2 + (j - i - 1)]
    count = dict.fromkeys(range(size), 1)
    merges: list[Merge] = []
    while len(count) > 1:
        (a, b), height = min(between.items(), key=lambda item: (item[1], item[0]))
        new = size + len(merges)
        na, nb = count.pop(a), count.pop(b)
        del between[(a, b)]
        for other in count:
            da = between.pop((min(a, other), max(a, other)))
            db = between.pop((min(b, other), max(b, other)))
            between[(other, new)] = (na * da + nb * db) / (na + nb)
        count[new] = na + nb
        merges.append((a, b, height, na + nb))
    return merges
