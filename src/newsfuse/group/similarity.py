"""Whether two articles report the same story, decided from the two articles alone.

The decision is a pure function of the pair: nothing about the rest of the corpus or the
order articles arrived in enters it. That is what makes stories (the connected parts of the
graph of these links) the same whatever order the articles come in.

Evidence: a near-duplicate text; shared named entities (canonical keys, each weighted by how
rare the name is in English); shared rare words. Time counts against a link: articles
published days apart need more evidence, beyond ``max_days`` they never link, and undated
texts that name different years need more evidence too.

Articles are held as ``Profile``s: the same vectors as ``StoryFeatures`` with words replaced by
small integers from a ``Vocabulary`` and weights by integers (hundred-thousandths). The ids
are only compared for equality, so which word got which number (arrival order) never changes
a decision; the weights' products are summed as integers, so a score is exact whichever side
is which. ``link`` decides one pair and names the evidence; ``link_scores`` decides one
article against many filed in a ``ProfileTable`` at once, with the same arithmetic (a test
holds them equal), and is what grouping runs on every arrival.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import eq
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from newsfuse.group.features import KEY_ENTITIES, KEY_TERMS, StoryFeatures
from newsfuse.group.fingerprint import NUM_PERM

if TYPE_CHECKING:
    from newsfuse.group.profiles import Padded, ProfileTable

NO_DAY = np.iinfo(np.int32).min  # an undated article in ``ProfileTable.days``

WEIGHT_SCALE = 100_000  # a weight w is held as round(w * WEIGHT_SCALE)
_PRODUCT_SCALE = WEIGHT_SCALE * WEIGHT_SCALE


@dataclass(frozen=True)
class LinkParams:
    """The knobs of the link decision (plain values, no behaviour)."""

    threshold: float = 0.2  # combined score needed for articles published on one day
    per_day: float = 0.05  # extra score needed per day apart
    max_days: int = 5  # published further apart than this: never one story
    year_penalty: float = 0.16  # undated texts naming different years
    entity_weight: float = 0.2  # share of the score from entities (the rest from words)
    near_duplicate: float = 0.5  # estimated shingle Jaccard that makes texts copies
    min_shared_keys: int = 2  # index keys two articles must share to be compared at all


class Vocabulary(dict[str, int]):
    """Words and entity keys as small integers (``vocab[word]``), and back; append-only.

    A dict whose missing words number themselves, so the common case (a known word) is one
    lookup in C: restoring a store maps tens of thousands of words a second.
    """

    def __init__(self) -> None:
        super().__init__()
        self._words: list[str] = []

    def __missing__(self, word: str) -> int:
        ident = self[word] = len(self._words)
        self._words.append(word)
        return ident

    def word(self, ident: int) -> str:
        return self._words[ident]


@dataclass(frozen=True, slots=True)
class Profile:
    """One article's comparable features with words as ids and weights as integers."""

    terms: tuple[int, ...]  # term ids, heaviest first
    term_weights: tuple[int, ...]  # in hundred-thousandths (``WEIGHT_SCALE``)
    entities: tuple[int, ...]
    entity_weights: tuple[int, ...]
    keys: tuple[int, ...]  # index keys: term ids, and entity ids as -1 - id
    minhash: tuple[int, ...]  # NUM_PERM values, or none
    day: int | None  # published date as an ordinal
    years: tuple[int, ...]
    days: frozenset[int]  # the calendar days the text names


def profile_of(features: StoryFeatures, vocab: Vocabulary) -> Profile:
    terms, term_weights = _folded(features.terms, features.term_weights)
    entities, entity_weights = _folded(features.entities, features.entity_weights)
    term_ids = tuple(map(vocab.__getitem__, terms))
    entity_ids = tuple(map(vocab.__getitem__, entities))
    return Profile(
        terms=term_ids,
        term_weights=_scaled(term_weights),
        entities=entity_ids,
        entity_weights=_scaled(entity_weights),
        keys=index_keys(term_ids, entity_ids),
        minhash=features.minhash if len(features.minhash) == NUM_PERM else (),
        day=features.published.toordinal() if features.published else None,
        years=features.years,
        days=frozenset(d.toordinal() for d in features.days),
    )


def index_keys(term_ids: Sequence[int], entity_ids: Sequence[int]) -> tuple[int, ...]:
    """The keys an article is indexed under: its key terms, and key entities as -1 - id."""
    return (*term_ids[:KEY_TERMS], *(-1 - e for e in entity_ids[:KEY_ENTITIES]))


def _scaled(weights: tuple[float, ...]) -> tuple[int, ...]:
    """round(w * WEIGHT_SCALE) for each weight (``rint`` rounds half to even, as ``round``)."""
    scaled = np.rint(np.asarray(weights, dtype=np.float64) * WEIGHT_SCALE)
    return tuple(scaled.astype(np.int64).tolist())


_ABBREVIATED = re.compile(r"^(mt|ft)(?=[a-z]{3})")  # no English word begins so
_SPELT_OUT = {"mt": "mount", "ft": "fort"}
_FOLDABLE = re.compile(_ABBREVIATED.pattern, re.MULTILINE)  # in keys joined by newlines


@lru_cache(maxsize=200_000)
def fold(key: str) -> str:
    """The compared form of a term or entity key, a function of the key alone: a leading
    "Mt"/"Ft" spelt out, so "Mt Cook" (key ``mtcook``) meets "Mount Cook" (``mountcook``)."""
    return _ABBREVIATED.sub(lambda m: _SPELT_OUT[m.group(1)], key)


def _folded(
    keys: tuple[str, ...], weights: tuple[float, ...]
) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """Keys folded, the weights of keys that fold together combined (unit length kept)."""
    if not _FOLDABLE.search("\n".join(keys)):  # the common case: nothing to fold
        return keys, weights
    out: dict[str, float] = {}
    for key, weight in zip(keys, weights, strict=True):
        k = fold(key)
        out[k] = math.hypot(out.get(k, 0.0), weight)
    return tuple(out), tuple(out.values())


@dataclass(frozen=True)
class Link:
    """The evidence that two articles tell one story (ids are vocabulary ids)."""

    score: float
    shared_entities: tuple[tuple[int, int], ...]  # (integer contribution, vocabulary id)
    shared_terms: tuple[tuple[int, int], ...]
    days_apart: int | None
    copy_similarity: float

    def reasons(self, vocab: Vocabulary) -> tuple[str, ...]:
        """The evidence in words, for a membership record (largest contribution first)."""
        out = []
        if self.copy_similarity:
            out.append(f"near-duplicate text (similarity {self.copy_similarity:.2f})")
        if self.shared_entities:
            out.append("shared entities: " + _named(self.shared_entities, vocab, 6))
        if self.shared_terms:
            out.append("shared terms: " + _named(self.shared_terms, vocab, 8))
        if self.days_apart is not None:
            out.append(f"days apart: {self.days_apart}")
        out.append(f"score {self.score:.4f}")
        return tuple(out)


def _named(shared: tuple[tuple[int, int], ...], vocab: Vocabulary, n: int) -> str:
    ranked = sorted((-c, vocab.word(k)) for c, k in shared)
    return ", ".join(word for _, word in ranked[:n])


class Query:
    """One article about to be compared with many: its vectors as dictionaries, built once."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.terms = dict(zip(profile.terms, profile.term_weights, strict=True))
        self.entities = dict(zip(profile.entities, profile.entity_weights, strict=True))
        self.keys = frozenset(profile.keys)


def days_apart(a: Profile, b: Profile) -> int | None:
    if a.day is None or b.day is None:
        return None
    return abs(a.day - b.day)


def link(query: Query, other: Profile, params: LinkParams) -> Link | None:
    """The link between two articles, or None when they are not one story.

    Symmetric: ``link(Query(a), b)`` and ``link(Query(b), a)`` decide alike.
    """
    mine = query.profile
    days = days_apart(mine, other)
    if days is not None and days > params.max_days:
        return None
    copy = copy_similarity(mine.minhash, other.minhash)
    if copy >= params.near_duplicate:
        return Link(1.0, (), (), days, round(copy, 4))
    if len(query.keys.intersection(other.keys)) < params.min_shared_keys:
        return None
    term_score, terms = _overlap(query.terms, other.terms, other.term_weights)
    entity_score, entities = _overlap(query.entities, other.entities, other.entity_weights)
    score = (1 - params.entity_weight) * term_score + params.entity_weight * entity_score
    needed = params.threshold + params.per_day * (days or 0)
    if days is None and _different_times(mine, other, params.max_days):
        needed += params.year_penalty
    if score < needed:
        return None
    return Link(round(score, 4), entities, terms, days, 0.0)


def link_scores(
    profile: Profile, table: ProfileTable, slots: Sequence[int], params: LinkParams
) -> list[tuple[int, float, int | None]]:
    """``link``'s decision between ``profile`` and each of the filed ``slots``, made for all of
    them at once: (slot, score, days apart) for each one it links with, in ``slots`` order.

    The same steps and the same arithmetic as ``link`` (integer products summed exactly, then
    the same float operations), so each pair is decided exactly as ``link`` decides it.
    """
    if not slots:
        return []
    rows = np.fromiter(slots, dtype=np.int64, count=len(slots))
    if profile.day is None:
        dated = np.zeros(len(rows), dtype=bool)
        apart = np.zeros(len(rows), dtype=np.int64)
    else:
        days = table.days[rows].astype(np.int64)
        dated = days != NO_DAY
        apart = np.where(dated, np.abs(days - profile.day), 0)
    near = ~dated | (apart <= params.max_days)
    if profile.minhash:
        signature = np.asarray(profile.minhash, dtype=np.uint32)
        equal = (table.minhash.take(rows, axis=0) == signature).sum(axis=1, dtype=np.int32)
        copy = table.signed[rows] & (equal / NUM_PERM >= params.near_duplicate)
    else:
        copy = np.zeros(len(rows), dtype=bool)
    marks = table.marks(max(max(profile.terms, default=0), max(profile.entities, default=0)) + 1)
    term_sums, key_terms = _overlaps(
        profile.terms, profile.term_weights, table.terms, rows, KEY_TERMS, marks
    )
    entity_sums, key_entities = _overlaps(
        profile.entities, profile.entity_weights, table.entities, rows, KEY_ENTITIES, marks
    )
    term_score = term_sums / _PRODUCT_SCALE
    entity_score = entity_sums / _PRODUCT_SCALE
    score = (1 - params.entity_weight) * term_score + params.entity_weight * entity_score
    needed = params.threshold + params.per_day * apart
    keyed = key_terms + key_entities >= params.min_shared_keys
    linked = near & (copy | (keyed & (score >= needed)))
    out = []
    for i in np.flatnonzero(linked).tolist():
        slot, days_apart_ = slots[i], int(apart[i]) if dated[i] else None
        if copy[i]:
            out.append((slot, 1.0, days_apart_))
            continue
        value = float(score[i])
        if (
            days_apart_ is None
            and value < params.threshold + params.year_penalty
            and _different_times(profile, table.when(slot), params.max_days)
        ):
            continue
        out.append((slot, round(value, 4), days_apart_))
    return out


def _overlaps(
    ids: tuple[int, ...],
    weights: tuple[int, ...],
    column: Padded,
    rows: np.ndarray,
    keys: int,
    marks: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """For each row: the summed products of the weights of the ids it shares with ``ids``
    (exact, in int64), and how many of its first ``keys`` ids are among the first ``keys``
    of ``ids`` (shared index keys).

    ``marks`` is a zeroed array indexed by id + 1 (the column's ids), longer than any: each
    of ``ids`` is marked with its position + 1, so each gathered id finds its partner's
    position in one lookup (0: none), and the products need no mask."""
    if not ids:
        return np.zeros(len(rows), dtype=np.int64), np.zeros(len(rows), dtype=np.int64)
    mine = np.fromiter(ids, dtype=np.intp, count=len(ids)) + 1
    mine_weights = np.zeros(len(ids) + 1, dtype=np.int64)
    mine_weights[1:] = weights
    marks[mine] = np.arange(1, len(ids) + 1)
    at = marks.take(column.ids.take(rows, axis=0))
    marks[mine] = 0
    sums = (mine_weights.take(at) * column.weights.take(rows, axis=0)).sum(axis=1)
    head = at[:, :keys]
    return sums, ((head > 0) & (head <= keys)).sum(axis=1)


def copy_similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two MinHash signatures."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(map(eq, a, b)) / len(a)


def _overlap(
    mine: dict[int, int], ids: Sequence[int], weights: Sequence[int]
) -> tuple[float, tuple[tuple[int, int], ...]]:
    """Cosine of two unit vectors, and each shared key's contribution (an integer product).

    Contributions are products of integer weights, summed exactly whichever side is which.
    """
    if mine.keys().isdisjoint(ids):
        return 0.0, ()
    theirs = dict(zip(ids, weights, strict=True))
    shared = tuple((mine[k] * theirs[k], k) for k in sorted(mine.keys() & theirs.keys()))
    return sum(c for c, _ in shared) / _PRODUCT_SCALE, shared


def _different_years(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Both texts name years, and the year each names most is not named by the other."""
    if not a or not b:
        return False
    return a[0] not in b and b[0] not in a


class When(NamedTuple):
    """What an article says about its time: published day (ordinal), years and days named."""

    day: int | None
    years: tuple[int, ...]
    days: frozenset[int]


def _different_times(a: Profile | When, b: Profile | When, window: int) -> bool:
    """What the texts say about time puts them at different times (not both dated).

    Two undated texts: each names a year most that the other does not name. A dated text
    and an undated one: the undated text names calendar days and none lies within ``window``
    days of the other's publication or of a day it names. Bare years in an undated text are
    not held against a dated one: an article about this week often names a past year
    ("Putin's 2000 visit") and, undated, has no resolved "Wednesday" to outweigh it.
    """
    if a.day is None and b.day is None:
        return _different_years(a.years, b.years)
    dated, undated = (a, b) if b.day is None else (b, a)
    if not undated.days:
        return False
    anchors = dated.days | {dated.day}
    return all(abs(d - e) > window for d in undated.days for e in anchors)
