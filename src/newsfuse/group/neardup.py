"""Near-duplicates: copies and light rewrites of one text (wire copy carried by many outlets).

MinHash signatures of word shingles are cut into bands (locality-sensitive hashing): two
signatures that agree on every value of some band are candidates, then checked on their
estimated similarity. The band shape is the one datasketch's ``MinHashLSH`` chooses for the
threshold (the same search, computed here without scipy; a test checks they agree); the
bands are kept as plain tuples in a dict, which makes restoring 50,000 stored signatures
take well under a second. Whether a pair is found depends only on the two signatures, so
the groups are the same in any arrival order. A group is the connected set of copies and
names its earliest member (published first, then smallest id): the one the others most
likely copied.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from datetime import date
from functools import cache

from newsfuse.group.fingerprint import NUM_PERM
from newsfuse.group.similarity import copy_similarity
from newsfuse.model import SyndicationGroup, content_id

SortKey = Callable[[str], tuple[bool, date, str]]


class NearDuplicateIndex:
    """Signatures by article id, and the near-duplicate pairs among them."""

    def __init__(self, *, threshold: float = 0.5, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        bands, rows = band_shape(threshold, num_perm)
        self._bands = [(i * rows, (i + 1) * rows) for i in range(bands)]
        self._buckets: dict[int, list[str]] = {}
        self._signatures: dict[str, array] = {}
        self._pairs: dict[str, dict[str, float]] = {}
        self._last: tuple[object, list[int]] = (None, [])  # a signature and its band keys

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._signatures

    def add(
        self, article_id: str, signature: array, found: dict[str, float] | None = None
    ) -> dict[str, float]:
        """Store one signature; its near-duplicates already stored, with their similarity
        (``found``: what ``query`` just said for it, so it need not be asked twice)."""
        found = self.query(signature) if found is None else found
        self.insert(article_id, signature)
        for other, similarity in found.items():
            self._pairs.setdefault(article_id, {})[other] = similarity
            self._pairs.setdefault(other, {})[article_id] = similarity
        return found

    def insert(self, article_id: str, signature: array) -> None:
        """Store one signature without looking for its copies (restoring a saved index)."""
        if article_id in self._signatures or not signature:
            return
        self._signatures[article_id] = signature
        for key in self._keys(signature):
            self._buckets.setdefault(key, []).append(article_id)

    def query(self, signature: array) -> dict[str, float]:
        """Stored articles whose text this signature's text nearly duplicates."""
        if not signature:
            return {}
        found = {}
        others = {a for key in self._keys(signature) for a in self._buckets.get(key, ())}
        for other in sorted(others):
            similarity = copy_similarity(signature, self._signatures[other])
            if similarity >= self.threshold:
                found[other] = round(similarity, 4)
        return found

    def _keys(self, signature: array) -> list[int]:
        """One bucket key per band: the hash of the band's number and values (ints hash the
        same in every process; a collision only adds a candidate, which is then checked).
        The last signature's keys are kept: ``query`` then ``add`` ask for the same ones."""
        last, keys = self._last
        if signature is not last:
            keys = [hash((i, *signature[a:b])) for i, (a, b) in enumerate(self._bands)]
            self._last = (signature, keys)
        return keys

    def rebuild_pairs(self) -> None:
        """Find every stored pair again (after ``insert`` without ``add``)."""
        self._pairs = {}
        for article_id, signature in self._signatures.items():
            for other, similarity in self.query(signature).items():
                if other != article_id:
                    self._pairs.setdefault(article_id, {})[other] = similarity

    def groups(self, sort_key: SortKey) -> tuple[SyndicationGroup, ...]:
        """Connected groups of two or more copies, each naming its earliest member."""
        result = [self._group(part, sort_key) for part in _components(self._pairs)]
        return tuple(sorted(result, key=lambda g: sort_key(g.earliest)))

    def group_of(self, article_id: str, sort_key: SortKey) -> SyndicationGroup | None:
        """The group holding one article (as ``groups`` names it), or None if it has no
        copies: only its connected part is walked, not every pair in the index."""
        if not self._pairs.get(article_id):
            return None
        return self._group(_components({article_id: self._pairs[article_id]}, self._pairs)[0],
                           sort_key)  # fmt: skip

    def _group(self, group: list[str], sort_key: SortKey) -> SyndicationGroup:
        ordered = sorted(group, key=sort_key)
        lowest = min(s for a in group for s in self._pairs[a].values())
        return SyndicationGroup(
            id=content_id("syndication:" + ordered[0]),
            earliest=ordered[0],
            members=tuple(ordered),
            similarity=lowest,
        )


@cache
def band_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band that minimise the summed chances of missing a pair above
    ``threshold`` and of proposing one below it (the MinHashLSH search, equal weights)."""

    def caught(s: float, b: int, r: int) -> float:  # chance two signatures share a band
        return 1.0 - (1.0 - s**r) ** b

    best, shape = float("inf"), (1, 1)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            false_positive = _integral(lambda s, b=b, r=r: caught(s, b, r), 0.0, threshold)
            false_negative = _integral(lambda s, b=b, r=r: 1 - caught(s, b, r), threshold, 1.0)
            error = 0.5 * false_positive + 0.5 * false_negative
            if error < best:
                best, shape = error, (b, r)
    return shape


def _integral(f: Callable[[float], float], low: float, high: float, steps: int = 100) -> float:
    """Simpson's rule: the integrands are smooth, so this matches adaptive quadrature closely."""
    width = (high - low) / steps
    total = f(low) + f(high)
    total += sum((4 if i % 2 else 2) * f(low + i * width) for i in range(1, steps))
    return total * width / 3


def _components(
    starts: dict[str, dict[str, float]], pairs: dict[str, dict[str, float]] | None = None
) -> list[list[str]]:
    """The connected parts of the graph whose edges are ``pairs`` (``starts`` if not given)
    that hold a node of ``starts``."""
    pairs = starts if pairs is None else pairs
    seen: set[str] = set()
    parts = []
    for start in starts:
        if start in seen:
            continue
        seen.add(start)
        part, todo = [], [start]
        while todo:
            node = todo.pop()
            part.append(node)
            for other in pairs.get(node, {}):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        parts.append(part)
    return parts
