"""Average-linkage clustering of one thread of linked articles.

Single links chain: one article that shares a place name with two different earthquakes
would join them. Average linkage merges two groups only when their articles resemble each
other on average, so such a bridge is outvoted. The input is the articles in a fixed order
(earliest first) and their pairwise link scores, so the result depends on nothing else.
"""

from __future__ import annotations

import numpy as np
from scipy.cluster.hierarchy import linkage


def average_clusters(
    size: int, scores: dict[tuple[int, int], float], cohesion: float
) -> list[list[int]]:
    """Groups of ``0..size-1`` whose average pairwise score is at least ``cohesion``.

    ``scores`` holds (i, j) with i < j; a missing pair scores 0. Groups come out in order of
    their first member, members ascending.
    """
    if size == 1:
        return [[0]]
    if size == 2:
        return [[0, 1]] if scores.get((0, 1), 0.0) >= cohesion else [[0], [1]]
    distance = np.ones(size * (size - 1) // 2)
    for (i, j), score in scores.items():
        # index of (i, j), i < j, in scipy's condensed distance vector
        distance[size * i - i * (i + 1) // 2 + (j - i - 1)] = 1.0 - min(max(score, 0.0), 1.0)
    merges = linkage(distance, method="average")
    # Replay the merges closer than the cut (average linkage merges in rising distance).
    group = {i: [i] for i in range(size)}
    for step, (a, b, height, _) in enumerate(merges):
        if height > 1.0 - cohesion + 1e-12:
            break
        group[size + step] = group.pop(int(a)) + group.pop(int(b))
    return sorted((sorted(g) for g in group.values()), key=lambda g: g[0])
