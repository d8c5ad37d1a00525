"""The near-duplicate index finds exactly the pairs that share a whole band and are similar
enough (checked against a brute-force reference), whether filled by ``add`` or restored by
``insert`` then ``rebuild_pairs``; odd signatures behave as plain ones; and it stays compact
(it holds every article ever filed)."""

from __future__ import annotations

import random
import tracemalloc
from datetime import date

from newsfuse.group.fingerprint import NUM_PERM
from newsfuse.group.neardup import NearDuplicateIndex, band_shape
from newsfuse.group.similarity import copy_similarity

THRESHOLD = 0.5


def _signatures(seed: int, count: int) -> list[tuple[str, tuple[int, ...]]]:
    """Random signatures, a third of them copies of an earlier one with some values redrawn
    (so that some share a band and some, similar or not, share none)."""
    rng = random.Random(seed)
    out: list[tuple[str, tuple[int, ...]]] = []
    for n in range(count):
        if out and rng.random() < 0.35:
            base = rng.choice(out)[1]
            keep = rng.choice((0.3, 0.5, 0.6, 0.8, 0.95, 1.0))
            sig = tuple(v if rng.random() < keep else rng.getrandbits(32) for v in base)
        else:
            sig = tuple(rng.getrandbits(32) for _ in range(NUM_PERM))
        out.append((f"a{rng.getrandbits(40):010x}{n}", sig))
    return out


def _reference(stored: list[tuple[str, tuple[int, ...]]], sig: tuple[int, ...]) -> dict:
    """What the index should answer: every stored signature sharing a whole band, if similar
    enough, by id."""
    bands, rows = band_shape(THRESHOLD, NUM_PERM)
    cuts = [(i * rows, (i + 1) * rows) for i in range(bands)]
    found = {}
    for other, theirs in sorted(stored):
        if any(sig[a:b] == theirs[a:b] for a, b in cuts):
            similarity = copy_similarity(sig, theirs)
            if similarity >= THRESHOLD:
                found[other] = round(similarity, 4)
    return found


def _sort_key(article_id: str) -> tuple[bool, date, str]:
    return (article_id.endswith("7"), date(2024, 1, 1 + len(article_id) % 9), article_id)


def test_query_equals_brute_force_reference_and_restore_finds_the_same_groups() -> None:
    data = _signatures(1, 400)
    index = NearDuplicateIndex(threshold=THRESHOLD)
    pairs = 0
    for n, (article_id, sig) in enumerate(data):
        expected = _reference(data[:n], sig)
        found = index.query(sig)
        assert list(found.items()) == list(expected.items())
        assert index.add(article_id, sig, found) == expected
        pairs += len(found)
    assert pairs > 20  # the copies were found, and not all of them (some share no band)
    for article_id, sig in data:
        assert article_id in index
        assert list(index.query(sig).items()) == list(_reference(data, sig).items())
    groups = index.groups(_sort_key)
    assert groups
    for group in groups:
        assert all(index.group_of(m, _sort_key) == group for m in group.members)

    restored = NearDuplicateIndex(threshold=THRESHOLD)
    for article_id, sig in random.Random(2).sample(data, len(data)):
        restored.insert(article_id, sig)
    restored.rebuild_pairs()
    assert restored.groups(_sort_key) == groups


def test_odd_signatures_are_compared_as_given() -> None:
    """Signatures that are not NUM_PERM 32-bit values (never ``fingerprint``'s) still work."""
    index = NearDuplicateIndex(threshold=THRESHOLD)
    short, negative, wide = (1, 2, 3), tuple(range(-5, NUM_PERM - 5)), [2**40] * NUM_PERM
    plain = tuple(range(NUM_PERM))
    for name, sig in [("s1", short), ("n1", negative), ("w1", wide), ("p1", plain)]:
        assert index.add(name, sig) == {}
    assert index.add("empty", ()) == {}
    assert "empty" not in index
    assert index.query(short) == {"s1": 1.0}
    assert index.query(list(negative)) == {"n1": 1.0}
    assert index.query(wide) == {"w1": 1.0}
    assert index.add("p2", list(plain)) == {"p1": 1.0}
    index.add("s2", short)
    index.insert("s1", plain)  # already stored: kept as it was
    assert index.query(short) == {"s1": 1.0, "s2": 1.0}
    index.rebuild_pairs()
    assert [g.members for g in index.groups(_sort_key)] == [("p1", "p2"), ("s1", "s2")]


def test_index_memory_per_article_stays_small() -> None:
    """The index keeps every article ever filed: well under the ~5 KB an article that dicts
    of id lists and tuples of ints took."""
    rng = random.Random(3)
    flat = [rng.getrandbits(32) for _ in range(2000 * NUM_PERM)]
    ids = [f"{n:016x}" for n in range(2000)]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        index = NearDuplicateIndex(threshold=THRESHOLD)
        for n, article_id in enumerate(ids):
            index.add(article_id, tuple(flat[n * NUM_PERM : (n + 1) * NUM_PERM]))
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held / len(ids) < 2000
