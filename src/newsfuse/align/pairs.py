"""Do two sentences of different articles state a common fact? A scored answer per pair.

Why sentences, scored by a fitted model: outlets put one fact in sentences built quite
differently, and a shared fact is often one clause of a longer sentence. Cutting sentences into
clauses by punctuation (the earlier design) changed meanings and linked fragments on one shared
word; no single similarity separates "states a common fact" from "is about the same story".
Several weak signals together do: the story-weighted overlap of word stems and canonical
entities (cosine, and overlap over the lighter sentence), how much the pair stands out against
each sentence's other close matches in the story (the margin criterion of bitext mining), how
much of one sentence the other says in other words too (a soft overlap over static word
vectors distilled from all-MiniLM-L6-v2, extract/_static.py), shared and conflicting
numbers, and where the sentences sit: headlines, and how far down its article the later of
the two comes (leads repeat the main facts; with the earlier of the two instead, a long
article's lead paired with every sentence that shares a name with it). They are
combined by logistic regression whose weights are fitted by ``python -m bench.account_fit``
on one half of the annotated account stories and checked on the other; the weights live in
``data/pair_model.json`` with how they were fitted. The stories they were fitted on are short
excerpts; in a story whose sentences each have more candidates per other article (long
articles), the odds are corrected for that prior (``PairModel.shift``).

Only pairs that share words rare in the story (or an entity) are scored, each sentence with
its best few such partners, so a story's work grows with its sentences, not their square.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsfuse.align.compare import ClaimView, Weights, conflicting_quantities
from newsfuse.extract._static import Bag, bag, bag_overlap

FEATURES = (
    "cosine",
    "overlap",
    "margin",
    "shared_entities",
    "shared_numbers",
    "conflicting_numbers",
    "negation_differs",
    "titles",
    "title_echo",
    "lead",
    "best_match",
    "soft_overlap",
)
_BLOCK_CAP = 12  # a key in more units than max(this, articles) is too common to block on
_MAX_BLOCK = 64  # ... and in a large story, a key in more units than this never blocks
_PARTNERS = 24  # each unit keeps its best this many candidates (by shared rare-key weight)
_CHUNK = 2048  # units whose candidates are found in one sparse product
_NEIGHBOURS = 3  # the margin compares a pair with each side's best few other matches
_ENTITY_CAP = 3  # shared entities count up to this: long sentences share many in passing


@dataclass(frozen=True)
class PairModel:
    """Logistic regression over ``FEATURES``, the probability from which a pair is one fact,
    and ``candidates``: how many candidates a sentence had per other article, on average, in
    the stories it was fitted on (0: no prior correction)."""

    weights: tuple[float, ...]
    bias: float
    threshold: float
    candidates: float = 0.0

    def probability(self, features: Sequence[float], shift: float = 0.0) -> float:
        z = self.bias + shift + sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def shift(self, views: Sequence[ClaimView], pairs: Sequence[tuple[int, int]]) -> float:
        """The log-odds correction for a story's candidate prior (Saerens, Latinne and
        Decaestecker's prior-shift adjustment): the model learnt how often a candidate pair
        states a common fact in short three-outlet excerpts, where a sentence had about
        ``candidates`` candidates in each other article. A sentence restates a fact in about
        one sentence of another article, so where it has more candidates (long articles, whose
        sentences all share the story's words), proportionally fewer of them are right."""
        story = mean_candidates(views, pairs)
        if self.candidates <= 0 or story <= 0:
            return 0.0
        return math.log(self.candidates / story)


def mean_candidates(views: Sequence[ClaimView], pairs: Sequence[tuple[int, int]]) -> float:
    """The mean number of candidates a sentence has in an other article that has any."""
    slots: Counter[tuple[int, str]] = Counter()
    for i, j in pairs:
        slots[(i, views[j].claim.article_id)] += 1
        slots[(j, views[i].claim.article_id)] += 1
    return sum(slots.values()) / len(slots) if slots else 0.0


@lru_cache(maxsize=1)
def default_model() -> PairModel:
    """The shipped weights (``data/pair_model.json``)."""
    raw = json.loads(resources.files("newsfuse.align").joinpath("data/pair_model.json").read_text())
    if tuple(raw["features"]) != FEATURES:
        raise ValueError("data/pair_model.json was fitted on other features; refit it")
    return PairModel(
        tuple(raw["weights"]), raw["bias"], raw["threshold"], raw.get("candidates", 0.0)
    )


@dataclass(frozen=True)
class ScoredPair:
    a: int
    b: int
    probability: float


def candidates(
    views: Sequence[ClaimView], n_articles: int, weights: Weights | None = None
) -> list[tuple[int, int]]:
    """Pairs of units from different articles that share keys rare enough to block on: each
    unit keeps the ``_PARTNERS`` others with which it shares the most key weight.

    A key blocks when at most max(``_BLOCK_CAP``, articles) units have it, never more than
    ``_MAX_BLOCK``: so a key costs at most a constant number of pairs, and each unit at most
    ``_PARTNERS`` comparisons, and a story's work grows with its sentences. The shared weight
    of every unit with every other comes from one sparse product per chunk of units."""
    import numpy as np  # imported here: the alignment of a handful of articles needs neither
    from scipy import sparse

    cap = max(_BLOCK_CAP, min(n_articles, _MAX_BLOCK))
    postings: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(views):
        for key in v.keys:
            postings[key].append(i)
    blocks = [postings[k] for k in sorted(postings) if 2 <= len(postings[k]) <= cap]
    if not blocks:
        return []
    rows = np.fromiter((i for members in blocks for i in members), dtype=np.int64)
    cols = np.repeat(np.arange(len(blocks)), [len(m) for m in blocks])
    weights = Weights(views) if weights is None else weights
    values = np.repeat(
        np.array([weights(k) for k in sorted(postings) if 2 <= len(postings[k]) <= cap]),
        [len(m) for m in blocks],
    )
    incidence = sparse.csr_matrix((values, (rows, cols)), shape=(len(views), len(blocks)))
    article = np.array([hash(v.claim.article_id) for v in views], dtype=np.int64)
    pairs: set[tuple[int, int]] = set()
    for start in range(0, len(views), _CHUNK):
        shared = (incidence[start : start + _CHUNK] @ incidence.T).tocsr()
        for r in range(shared.shape[0]):
            i = start + r
            lo, hi = shared.indptr[r], shared.indptr[r + 1]
            others, scores = shared.indices[lo:hi], shared.data[lo:hi]
            keep = article[others] != article[i]
            others, scores = others[keep], scores[keep]
            if len(others) > _PARTNERS:
                best = np.argpartition(-scores, _PARTNERS)[:_PARTNERS]
                others = others[best]
            pairs.update((min(i, j), max(i, j)) for j in others.tolist())
    return sorted(pairs)


def features(
    views: Sequence[ClaimView],
    pairs: Sequence[tuple[int, int]],
    weights: Weights,
    positions: Sequence[int],
) -> list[tuple[float, ...]]:
    """The feature vector of each candidate pair (``FEATURES`` order)."""
    cosines = [_cosine(views[i], views[j], weights) for i, j in pairs]
    best: dict[int, list[float]] = defaultdict(list)
    for (i, j), c in zip(pairs, cosines, strict=True):
        best[i].append(c)
        best[j].append(c)
    typical = {i: _top_mean(cs) for i, cs in best.items()}
    bags = _bags(views, weights, {i for pair in pairs for i in pair})
    echo = _title_echo(views, weights)
    # Competitive linking: is the pair each side's best match in the other's article?
    top: dict[tuple[int, str], float] = {}
    for (i, j), c in zip(pairs, cosines, strict=True):
        for x, y in ((i, j), (j, i)):
            key = (x, views[y].claim.article_id)
            top[key] = max(top.get(key, 0.0), c)
    rows = []
    for (i, j), cosine in zip(pairs, cosines, strict=True):
        a, b = views[i], views[j]
        shared = a.keys & b.keys
        overlap = _weight(shared, weights) / max(1e-9, min(weights.norm(a), weights.norm(b)))
        margin = cosine / max(1e-9, (typical[i] + typical[j]) / 2)
        entities = min(len(a.entities & b.entities), _ENTITY_CAP)
        numbers = len({q.key for q in a.quantities} & {q.key for q in b.quantities})
        conflicting = 1.0 if conflicting_quantities(a, b) else 0.0
        negation = 1.0 if a.negated != b.negated else 0.0
        titles = float((a.field == "title") + (b.field == "title"))
        lead = float(min(max(positions[i], positions[j]), 5))  # the later of the two
        best_match = float(
            (cosine >= top[(i, b.claim.article_id)]) + (cosine >= top[(j, a.claim.article_id)])
        )
        soft = bag_overlap(bags[i], bags[j])
        rows.append(
            (cosine, overlap, margin, float(entities), float(numbers), conflicting, negation,
             titles, echo[i] + echo[j], lead, best_match, soft)
        )  # fmt: skip
    return rows


def score_pairs(
    views: Sequence[ClaimView],
    positions: Sequence[int],
    n_articles: int,
    model: PairModel | None = None,
    weights: Weights | None = None,
) -> list[ScoredPair]:
    """Every candidate pair with its probability of stating a common fact, best first.
    ``weights`` are the units' key weights, when the caller has them already."""
    weights = Weights(views) if weights is None else weights
    pairs = candidates(views, n_articles, weights)
    return scored(views, pairs, features(views, pairs, weights, positions), model)


def scored(
    views: Sequence[ClaimView],
    pairs: Sequence[tuple[int, int]],
    rows: Sequence[Sequence[float]],
    model: PairModel | None = None,
) -> list[ScoredPair]:
    """The pairs with their probability under ``model`` (prior-corrected for the story),
    best first; ``rows`` are their features."""
    model = model or default_model()
    shift = model.shift(views, pairs)
    found = [
        ScoredPair(i, j, model.probability(x, shift)) for (i, j), x in zip(pairs, rows, strict=True)
    ]
    return sorted(found, key=lambda p: (-p.probability, p.a, p.b))


def _title_echo(views: Sequence[ClaimView], weights: Weights) -> list[float]:
    """For a headline, how closely its own article's body restates it (the best cosine with a
    body sentence); 0 for a body sentence. A headline its body restates is the lesser citation
    of that fact; one its body does not is the article's only statement of it."""
    bodies: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(views):
        if v.field == "text":
            bodies[v.claim.article_id].append(i)
    return [
        max((_cosine(v, views[j], weights) for j in bodies[v.claim.article_id]), default=0.0)
        if v.field != "text"
        else 0.0
        for v in views
    ]


def _bags(views: Sequence[ClaimView], weights: Weights, wanted: set[int]) -> dict[int, Bag]:
    """Each unit's content words as static vectors, weighted by the story's key weights: how
    much of one sentence's meaning the other says, in other words too ("fired"/"dismissed")."""
    bags = {}
    for i in wanted:
        content: dict[str, float] = {}
        for w in views[i].words:
            if w.content:
                content.setdefault(w.text.lower(), weights(w.key))
        bags[i] = bag(list(content), content)
    return bags


def _weight(keys: frozenset[str], weights: Weights) -> float:
    return sum(weights(k) for k in keys)


def _cosine(a: ClaimView, b: ClaimView, weights: Weights) -> float:
    shared = a.keys & b.keys
    if not shared:
        return 0.0
    return _weight(shared, weights) / math.sqrt(weights.norm(a) * weights.norm(b))


def _top_mean(values: list[float]) -> float:
    top = sorted(values, reverse=True)[:_NEIGHBOURS]
    return sum(top) / len(top)
