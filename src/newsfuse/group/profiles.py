"""Every filed article's comparable features in a few growing numpy columns.

A new article is compared with the ~30 stored articles the key index proposes, and it is
cheaper to score them all at once than one pair at a time in Python: the term and entity
vectors of all the candidates are gathered from one matrix each (a row per article, padded
to the widest) and compared in a handful of array operations (``similarity.link_scores``).
The columns also hold far less than one Python object per article would: 8 bytes a term,
4 a signature value.
"""

from __future__ import annotations

import numpy as np

from newsfuse.group.features import TOP_TERMS
from newsfuse.group.fingerprint import NUM_PERM
from newsfuse.group.similarity import NO_DAY, Profile, When, index_keys


class Padded:
    """Rows of (id, weight) pairs, appended one at a time; each row is padded with zeros to
    the widest so far, so gathering rows is one indexing operation. Ids are held plus one,
    so 0 is the padding and matches nothing.

    ``most``: the longest row expected. The width doubles as rows grow but stops there: every
    gather reads whole rows, and doubling past it (to 212 for rows of at most 120) nearly
    doubled the cost of comparing an article with its candidates."""

    def __init__(self, width: int = 8, most: int = TOP_TERMS) -> None:
        self.most = most
        self.ids = np.zeros((1024, width), dtype=np.int32)
        self.weights = np.zeros((1024, width), dtype=np.int32)
        self.lengths: list[int] = []

    def append(self, ids: tuple[int, ...], weights: tuple[int, ...]) -> None:
        capacity, width = self.ids.shape
        if len(ids) > width:
            self.ids = _widened(self.ids, max(len(ids), min(2 * width, self.most)))
            self.weights = _widened(self.weights, self.ids.shape[1])
        row = len(self.lengths)
        if row == capacity:
            self.ids = _grown(self.ids, 2 * capacity)
            self.weights = _grown(self.weights, 2 * capacity)
        self.ids[row, : len(ids)] = np.asarray(ids, dtype=np.int32) + 1
        self.weights[row, : len(ids)] = weights
        self.lengths.append(len(ids))

    def row(self, index: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
        length = self.lengths[index]
        ids = self.ids[index, :length] - 1
        return tuple(ids.tolist()), tuple(self.weights[index, :length].tolist())


class ProfileTable:
    """The profiles of the articles filed so far, by slot (0, 1, 2... in filing order)."""

    def __init__(self) -> None:
        self.terms = Padded()
        self.entities = Padded()
        self.minhash = np.zeros((1024, NUM_PERM), dtype=np.uint32)
        self.signed = np.zeros(1024, dtype=bool)  # has a signature of NUM_PERM values
        self.days = np.zeros(1024, dtype=np.int32)
        self.years: list[tuple[int, ...]] = []
        self.named_days: list[frozenset[int]] = []
        self._marks = np.zeros(65536, dtype=np.int32)

    def __len__(self) -> int:
        return len(self.years)

    def append(self, profile: Profile) -> int:
        """File one profile; its slot."""
        slot = len(self)
        if slot == len(self.days):
            self.minhash = _grown(self.minhash, 2 * slot)
            self.signed = _grown(self.signed, 2 * slot)
            self.days = _grown(self.days, 2 * slot)
        self.terms.append(profile.terms, profile.term_weights)
        self.entities.append(profile.entities, profile.entity_weights)
        if len(profile.minhash) == NUM_PERM:
            self.minhash[slot] = profile.minhash
            self.signed[slot] = True
        self.days[slot] = NO_DAY if profile.day is None else profile.day
        self.years.append(profile.years)
        self.named_days.append(profile.days)
        # Every filed id must index the marks, whether or not its profile was ever compared
        # (restored rows are filed without): a comparison reads all its candidates' ids.
        self.marks(max(max(profile.terms, default=0), max(profile.entities, default=0)) + 1)
        return slot

    def marks(self, largest_id: int) -> np.ndarray:
        """A zeroed scratch array indexed by vocabulary id, up to ``largest_id`` and every id
        filed (whoever marks it unmarks it before the next call)."""
        if largest_id >= len(self._marks):
            self._marks = np.zeros(max(largest_id + 1, 2 * len(self._marks)), dtype=np.int32)
        return self._marks

    def when(self, slot: int) -> When:
        day = int(self.days[slot])
        return When(None if day == NO_DAY else day, self.years[slot], self.named_days[slot])

    def profile(self, slot: int) -> Profile:
        """The profile filed in ``slot``, as it was filed."""
        terms, term_weights = self.terms.row(slot)
        entities, entity_weights = self.entities.row(slot)
        day = int(self.days[slot])
        return Profile(
            terms=terms,
            term_weights=term_weights,
            entities=entities,
            entity_weights=entity_weights,
            keys=index_keys(terms, entities),
            minhash=tuple(self.minhash[slot].tolist()) if self.signed[slot] else (),
            day=None if day == NO_DAY else day,
            years=self.years[slot],
            days=self.named_days[slot],
        )


def _widened(column: np.ndarray, width: int) -> np.ndarray:
    """A copy of ``column`` with ``width`` columns (the new ones zero)."""
    widened = np.zeros((len(column), width), dtype=column.dtype)
    widened[:, : column.shape[1]] = column
    return widened


def _grown(column: np.ndarray, size: int) -> np.ndarray:
    """A copy of ``column`` with room for ``size`` rows (the new rows zero)."""
    grown = np.zeros((size, *column.shape[1:]), dtype=column.dtype)
    grown[: len(column)] = column
    return grown
