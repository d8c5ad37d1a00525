"""Near-duplicates: copies and light rewrites of one text (wire copy carried by many outlets).

MinHash signatures of word shingles are cut into bands (locality-sensitive hashing): two
signatures that agree on every value of some band are candidates, then checked on their
estimated similarity. The band shape is the one datasketch's ``MinHashLSH`` chooses for the
threshold (the same search, computed here without scipy; a test checks they agree). Whether a
pair is found depends only on the two signatures, so the groups are the same in any arrival
order. A group is the connected set of copies and names its earliest member (published first,
then smallest id): the one the others most likely copied.

The index holds every article ever filed, so it must grow no faster than the store. An
article is a slot (the order it came in); the signatures are one flat array of 32-bit values,
not tuples of int objects; each band has its own dict from a 60-bit hash of the band's values
to the one slot there (a tuple of slots once a second arrives), not to a list of ids. About
1.4 KB an article where it took 5 (14,453 articles: 21 MB, was 74), and lookups stay in C
(the dicts), so ``query``, ``add`` and restoring 50,000 signatures are no slower.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from datetime import date
from functools import cache
from itertools import repeat

from newsfuse.group.fingerprint import NUM_PERM
from newsfuse.group.similarity import copy_similarity
from newsfuse.model import SyndicationGroup, content_id

SortKey = Callable[[str], tuple[bool, date, str]]
# A bucket key keeps 60 bits of its band's hash: an int below 2**60 is 32 bytes, not 48.
_KEY_BITS = (1 << 60) - 1


class NearDuplicateIndex:
    """Signatures by article id, and the near-duplicate pairs among them."""

    def __init__(self, *, threshold: float = 0.5, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self._num_perm = num_perm
        bands, rows = band_shape(threshold, num_perm)
        self._slices = [slice(i * rows, (i + 1) * rows) for i in range(bands)]
        # One dict a band: the hash of the band's values -> the slot holding them, or the
        # slots (a tuple) once a second one does.
        self._buckets: list[dict[int, int | tuple[int, ...]]] = [{} for _ in range(bands)]
        self._ids: list[str] = []  # by slot: the order stored
        self._slots: dict[str, int] = {}
        # Slot s's signature is values[s * num_perm : (s + 1) * num_perm], unless it is not
        # num_perm 32-bit values (never one from ``fingerprint``): then it is kept in _odd.
        self._values = array("I")
        self._odd: dict[int, Sequence[int]] = {}
        self._pairs: dict[str, dict[str, float]] = {}
        self._last: tuple[object, list[int]] = (None, [])  # a signature and its band keys

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._slots

    def add(
        self, article_id: str, signature: Sequence[int], found: dict[str, float] | None = None
    ) -> dict[str, float]:
        """Store one signature; its near-duplicates already stored, with their similarity
        (``found``: what ``query`` just said for it, so it need not be asked twice)."""
        found = self.query(signature) if found is None else found
        self.insert(article_id, signature)
        for other, similarity in found.items():
            self._pairs.setdefault(article_id, {})[other] = similarity
            self._pairs.setdefault(other, {})[article_id] = similarity
        return found

    def insert(self, article_id: str, signature: Sequence[int]) -> None:
        """Store one signature without looking for its copies (restoring a saved index)."""
        if article_id in self._slots or not signature:
            return
        slot = len(self._ids)
        self._ids.append(article_id)
        self._slots[article_id] = slot
        try:
            if len(signature) != self._num_perm:
                raise TypeError
            self._values.fromlist(list(signature))  # unchanged if a value does not fit
        except (OverflowError, TypeError):
            self._values.frombytes(bytes(4 * self._num_perm))  # the slot's place, unused
            self._odd[slot] = signature
        buckets, keys = self._buckets, self._keys(signature)
        held = list(map(dict.setdefault, buckets, keys, repeat(slot)))
        if held.count(slot) < len(buckets):  # some bucket had a member already (rare)
            for bucket, key, members in zip(buckets, keys, held, strict=True):
                if isinstance(members, tuple):
                    bucket[key] = (*members, slot)
                elif members != slot:
                    bucket[key] = (members, slot)

    def _signature(self, slot: int) -> Sequence[int]:
        if slot in self._odd:
            return self._odd[slot]
        return self._values[slot * self._num_perm : (slot + 1) * self._num_perm]

    def query(self, signature: Sequence[int]) -> dict[str, float]:
        """Stored articles whose text this signature's text nearly duplicates."""
        if not signature:
            return {}
        buckets, keys = self._buckets, self._keys(signature)
        if not any(map(dict.__contains__, buckets, keys)):  # nearly always: no candidate
            return {}
        held = set(map(dict.get, buckets, keys))  # often one slot, in many bands
        held.discard(None)
        slots: set[int] = set()
        for members in held:
            if isinstance(members, tuple):
                slots.update(members)
            else:
                slots.add(members)
        found = {}
        for other, slot in sorted([(self._ids[s], s) for s in slots]):
            similarity = copy_similarity(signature, self._signature(slot))
            if similarity >= self.threshold:
                found[other] = round(similarity, 4)
        return found

    def _keys(self, signature: Sequence[int]) -> list[int]:
        """One bucket key per band: the hash of the band's values (ints hash the same in
        every process; a collision only adds a candidate, which is then checked). The last
        signature's keys are kept: ``query`` then ``add`` ask for the same ones."""
        last, keys = self._last
        if signature is not last:
            values = signature if isinstance(signature, tuple) else tuple(signature)
            keys = [hash(values[band]) & _KEY_BITS for band in self._slices]
            self._last = (signature, keys)
        return keys

    def rebuild_pairs(self) -> None:
        """Find every stored pair again (after ``insert`` without ``add``): the pairs are in
        the buckets that hold two or more slots, so only those are read, not every
        signature queried again. Each article's pairs come in the order ``query`` gives."""
        candidates: dict[int, set[int]] = {}
        for bucket in self._buckets:
            for members in bucket.values():
                if isinstance(members, tuple):
                    for slot in members:
                        candidates.setdefault(slot, set()).update(members)
        self._pairs = {}
        ids = self._ids
        for slot in sorted(candidates):  # the order stored
            signature = self._signature(slot)
            others = sorted([(ids[s], s) for s in candidates[slot] if s != slot])
            for other, other_slot in others:
                similarity = copy_similarity(signature, self._signature(other_slot))
                if similarity >= self.threshold:
                    self._pairs.setdefault(ids[slot], {})[other] = round(similarity, 4)

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
