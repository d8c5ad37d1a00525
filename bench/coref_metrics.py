"""Coreference metrics as the CoNLL reference scorer (v8.01) computes them.

MUC (link based), B-cubed (mention based), CEAF-e (entity based, phi4 similarity, the best
one-to-one alignment by Kuhn-Munkres) and the CoNLL F1, their mean. Clusterings are lists of
collections of mention ids; singletons count (they matter for B-cubed and CEAF-e, and give
MUC nothing, as in the scorer). Key and response may hold different mentions (end-to-end
evaluation): a mention only one side has is a "twinless" mention and counts against recall or
precision as the reference scorer counts it.

CEAF-e solves the alignment per connected component of the key/response overlap graph: phi4
is zero between clusters that share no mention, so the optimum is the sum of the components'
optima, and the pooled clusters of a whole corpus never build one dense matrix.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

Clusters = Sequence[Collection[Hashable]]


@dataclass(frozen=True)
class Score:
    """Recall, precision and F1 of one metric."""

    recall: float
    precision: float

    @property
    def f1(self) -> float:
        total = self.recall + self.precision
        return 2 * self.recall * self.precision / total if total else 0.0


def _index(clusters: Clusters) -> dict[Hashable, int]:
    """Mention -> cluster number; a mention listed in two clusters is an input error."""
    where: dict[Hashable, int] = {}
    for n, cluster in enumerate(clusters):
        for mention in cluster:
            if mention in where:
                raise ValueError(f"mention {mention!r} is in two clusters")
            where[mention] = n
    return where


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _muc_side(key: Clusters, response: Clusters) -> tuple[int, int]:
    """Numerator and denominator of MUC recall of ``key`` against ``response``."""
    where = _index(response)
    num = den = 0
    for cluster in key:
        if not cluster:
            continue
        parts = set()
        twinless = 0
        for mention in cluster:
            if mention in where:
                parts.add(where[mention])
            else:
                twinless += 1
        num += len(cluster) - (len(parts) + twinless)
        den += len(cluster) - 1
    return num, den


def muc(key: Clusters, response: Clusters) -> Score:
    """Vilain et al. (1995): links kept, counted by the partitions each cluster falls into."""
    rn, rd = _muc_side(key, response)
    pn, pd = _muc_side(response, key)
    return Score(_ratio(rn, rd), _ratio(pn, pd))


def _b3_side(key: Clusters, response: Clusters) -> tuple[float, int]:
    where = _index(response)
    num = 0.0
    den = 0
    for cluster in key:
        counts: dict[int, int] = {}
        for mention in cluster:
            if mention in where:
                counts[where[mention]] = counts.get(where[mention], 0) + 1
        if cluster:
            num += sum(c * c for c in counts.values()) / len(cluster)
        den += len(cluster)
    return num, den


def b_cubed(key: Clusters, response: Clusters) -> Score:
    """Bagga and Baldwin (1998), twinless mentions as the reference scorer treats them."""
    rn, rd = _b3_side(key, response)
    pn, pd = _b3_side(response, key)
    return Score(_ratio(rn, rd), _ratio(pn, pd))


def ceaf_e(key: Clusters, response: Clusters) -> Score:
    """Luo (2005), entity based: phi4 = 2|K & R| / (|K| + |R|), one-to-one optimal alignment."""
    keys = [set(c) for c in key if c]
    resps = [set(c) for c in response if c]
    where = _index(resps)
    overlap: dict[tuple[int, int], int] = {}
    for k, cluster in enumerate(keys):
        for mention in cluster:
            if mention in where:
                pair = (k, where[mention])
                overlap[pair] = overlap.get(pair, 0) + 1
    total = 0.0
    for comp_keys, comp_resps in _components(overlap):
        rows = {k: i for i, k in enumerate(comp_keys)}
        cols = {r: j for j, r in enumerate(comp_resps)}
        sim = np.zeros((len(rows), len(cols)))
        for (k, r), n in overlap.items():
            if k in rows and r in cols:
                sim[rows[k], cols[r]] = 2 * n / (len(keys[k]) + len(resps[r]))
        ri, ci = linear_sum_assignment(sim, maximize=True)
        total += float(sim[ri, ci].sum())
    return Score(_ratio(total, len(keys)), _ratio(total, len(resps)))


def _components(overlap: dict[tuple[int, int], int]) -> list[tuple[list[int], list[int]]]:
    """Connected components of the bipartite key/response overlap graph."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for k, r in overlap:
        a, b = find(("k", k)), find(("r", r))
        if a != b:
            parent[a] = b
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    for node in list(parent):
        side, n = node
        ks, rs = groups.setdefault(find(node), ([], []))
        (ks if side == "k" else rs).append(n)
    return [(sorted(ks), sorted(rs)) for ks, rs in groups.values()]


def conll(key: Clusters, response: Clusters) -> dict[str, Score | float]:
    """All three metrics and the CoNLL F1 (their F1s' mean)."""
    scores: dict[str, Score | float] = {
        "muc": muc(key, response),
        "b3": b_cubed(key, response),
        "ceafe": ceaf_e(key, response),
    }
    scores["conll"] = sum(s.f1 for s in scores.values() if isinstance(s, Score)) / 3
    return scores
