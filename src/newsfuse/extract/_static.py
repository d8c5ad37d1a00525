"""Static word vectors distilled from all-MiniLM-L6-v2: paraphrase-aware word similarity.

Why: sentences and event mentions are compared by word stems, which miss paraphrases
("fired"/"dismissed", "quake"/"earthquake"); the transformer itself costs ~10 ms a sentence.
``data/static_vectors.npz`` (built by ``python -m tools.distill_static``, model2vec's method:
each word embedded once, PCA to 64 dimensions, SIF-weighted by frequency rank, int8 rows with
one scale each) holds 40,000 English words; a lookup costs nothing and the model never runs.
Pure numpy. The file is checked against ``SHA256`` when first loaded; it is read once per
process and never changes, so the cache holds no state that results could depend on.

``soft_overlap`` is BERTScore's greedy matching over words instead of contextual tokens: each
word of one text is matched to its most similar word of the other (cosine, clipped at 0;
identical words score 1, words without a vector match only themselves), the matches are
averaged with the caller's word weights (e.g. story IDF) in both directions, and the F1 of
the two is returned.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from newsfuse.errors import NewsfuseError

SHA256 = "c4cd6983557b4d7ff7492f99a531af4a775bbcfb404f1e6369443f77ff6747eb"
DATA = "data/static_vectors.npz"
_MASK = (1 << 62) - 1  # a word without a vector is identified by its (per-process) hash

WeightsLike = Mapping[str, float] | Callable[[str], float] | None


class StaticVectorsCorrupt(NewsfuseError):
    """The shipped vector file is not the one this code was written for."""


class StaticVectors:
    """The word table: unit vectors for cosine, and each word's SIF norm (model2vec's
    frequency weight: common words weigh less) for ``text_vector`` without given weights."""

    def __init__(self, words: Sequence[str], rows: np.ndarray, meta: Mapping[str, object]):
        norms = np.linalg.norm(rows, axis=1)
        self.index = {w: i for i, w in enumerate(words)}
        self.unit = (rows / np.where(norms == 0, 1.0, norms)[:, None]).astype(np.float32)
        self.sif = norms.astype(np.float32)
        self.meta = dict(meta)
        self.dims = int(rows.shape[1])

    def lookup(self, word: str) -> int | None:
        """The row of a word (lower-cased, a possessive "'s" dropped), or None."""
        w = word.lower().replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        return self.index.get(w)


@lru_cache(maxsize=1)
def load() -> StaticVectors:
    """The shipped table, read and hash-checked once."""
    raw = resources.files("newsfuse.extract").joinpath(DATA).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SHA256:
        raise StaticVectorsCorrupt(
            f"newsfuse/extract/{DATA} has sha256 {digest}, expected {SHA256}: reinstall "
            "newsfuse, or rebuild the file with python -m tools.distill_static and update SHA256"
        )
    with np.load(io.BytesIO(raw), allow_pickle=False) as z:
        words = z["words"].tobytes().decode("utf-8").split("\n")
        rows = z["vectors"].astype(np.float32) * z["scales"][:, None]
        meta = json.loads(z["meta"].tobytes().decode("utf-8"))
    return StaticVectors(words, rows, meta)


def vector(word: str) -> np.ndarray | None:
    """The unit-length vector of a word (lower-cased lookup), None when it has none."""
    table = load()
    i = table.lookup(word)
    return None if i is None else table.unit[i]


@dataclass(frozen=True)
class Bag:
    """A text's words with their weights and vectors, built once and compared many times."""

    words: tuple[str, ...]
    ids: np.ndarray  # int64: the word's row, or a negative hash of a word without a vector
    weights: np.ndarray  # float32, one per word
    vectors: np.ndarray  # float32 unit rows; zero for words without a vector


def bag(words: Sequence[str], weights: WeightsLike = None) -> Bag:
    """The bag of ``words`` (lower-cased), each weighted by ``weights`` (1 when None)."""
    table = load()
    get = _weight_function(weights)
    lowered = tuple(w.lower() for w in words)
    rows = [table.lookup(w) for w in lowered]
    ids = np.array(
        [-1 - (hash(w) & _MASK) if r is None else r for w, r in zip(lowered, rows, strict=True)],
        dtype=np.int64,
    )
    vectors = table.unit[np.maximum(ids, 0)]
    vectors[ids < 0] = 0.0
    w = np.array([get(x) for x in words], dtype=np.float32)
    return Bag(lowered, ids, w, vectors)


def bag_overlap(a: Bag, b: Bag) -> float:
    """The soft F1 of two bags (see the module docstring); 0 when either is empty."""
    if not a.words or not b.words:
        return 0.0
    sim = a.vectors @ b.vectors.T
    np.clip(sim, 0.0, 1.0, out=sim)
    sim[a.ids[:, None] == b.ids[None, :]] = 1.0
    recall = float(a.weights @ sim.max(axis=1)) / max(float(a.weights.sum()), 1e-9)
    precision = float(b.weights @ sim.max(axis=0)) / max(float(b.weights.sum()), 1e-9)
    if recall + precision <= 0.0:
        return 0.0
    return 2.0 * recall * precision / (recall + precision)


def soft_overlap(
    words_a: Sequence[str], words_b: Sequence[str], weights: WeightsLike = None
) -> float:
    """BERTScore-style greedy soft F1 of two word lists, each word weighted by ``weights``."""
    return bag_overlap(bag(words_a, weights), bag(words_b, weights))


def text_vector(words: Sequence[str], weights: WeightsLike = None) -> np.ndarray | None:
    """The normalised weighted mean of the words' vectors (None when none has one).

    With ``weights`` the unit vectors are weighted by them; without, by each word's SIF norm,
    which is model2vec's sentence embedding."""
    table = load()
    rows = [(i, w) for w in words if (i := table.lookup(w)) is not None]
    if not rows:
        return None
    idx = [i for i, _ in rows]
    if weights is None:
        w = table.sif[idx]
    else:
        get = _weight_function(weights)
        w = np.array([get(word) for _, word in rows], dtype=np.float32)
    mean = w @ table.unit[idx]
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else None


def _weight_function(weights: WeightsLike) -> Callable[[str], float]:
    if weights is None:
        return lambda _: 1.0
    if isinstance(weights, Mapping):
        table = weights
        return lambda w: float(table.get(w, 1.0))
    return weights
