"""Comparing two claims: do they state the same fact, one more specifically, or the opposite?

Why lexical and not embeddings: no sentence or word vectors ship on the package index we
may install from (the pinned spaCy model has none), and nothing may be downloaded at run
time. Claims about one story share its names and numbers, so the signal that tells one
fact from another is the rarer words. Similarity is a cosine over word stems weighted by
inverse claim frequency within the story (a TF-IDF fitted per story, no model file), in
which every mention of a canonical entity is one token ("the North Korean leader", "Kim"
and "Kim Jong Un" are the same word), and adjacent words also count joined ("space suit"
meets "spacesuit"). Entity, number and date agreement then decide between "same fact" and
a difference.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from newsfuse.align.claims import Located
from newsfuse.align.numbers import Quantity, quantities
from newsfuse.align.text import NEGATIONS, Word, concept, occurrences, stem, words
from newsfuse.model import Article, Citation, CitedField, Claim, Entity

Relation = Literal[
    "same", "more_specific", "less_specific", "contradiction", "related", "unrelated"
]

RELATED = 0.2  # below: different facts
SAME = 0.33  # at or above (with nothing conflicting): one fact
COVER = 0.85  # share of one claim's weight the other must contain to be its elaboration
_EXTRA = 1.5  # weight of new words the more specific claim must add
_EVENT = 0.12  # similarity added for one actor on one day (see similarity)
_DAY = re.compile(r"^#\d{4}-\d{2}-\d{2}$")
_LEADING_FUNCTION = re.compile(r"^(?:(?:the|on|in|of|by|since|until|from)\s+)+")


@dataclass(frozen=True)
class ClaimView:
    """A claim as comparison sees it: its words, keys (entity tokens for names), numbers."""

    claim: Claim
    words: tuple[Word, ...]
    keys: frozenset[str]
    entities: frozenset[str]
    quantities: tuple[Quantity, ...]
    dates: frozenset[str]
    negated: bool
    field: CitedField = "text"
    source: str = ""  # the string the claim's span is in (body, headline or standfirst)
    mentions: tuple[tuple[int, str], ...] = ()  # (offset, entity key) of each mention
    day_words: tuple[tuple[str, str], ...] = ()  # (day, its words casefolded) of each date

    @property
    def citation(self) -> Citation:
        return Citation(self.claim.article_id, self.claim.span, self.field)

    @cached_property
    def word_keys(self) -> frozenset[str]:
        """The keys of the claim's single words (no entity, date or joined keys)."""
        return frozenset(w.key for w in self.words)

    @cached_property
    def occurrences(self) -> dict[str, list[tuple[int, int]]]:
        """Where each key occurs in the claim's words (computed once, on first use)."""
        return occurrences(self.words)

    @cached_property
    def origin(self) -> tuple[str, str]:
        """(article, field): one fact takes at most one claim from each."""
        return self.claim.article_id, self.field


def view(
    claim: Claim,
    article: Article,
    index: Mapping[tuple[str, int], Entity],
    field: CitedField = "text",
    located: Located | None = None,
) -> ClaimView:
    """The comparison view of one claim; mentions of a known entity become one token each.
    ``article.text`` is the string the claim's span is in (see sources.py); ``located`` is
    the article's mentions in order, built once per article when there are many claims."""
    span = claim.span
    located = located or Located.of(article)
    ws = words(article.text, span.start, span.end)
    inside = []
    entity_keys: set[str] = set()
    mentions = []
    for mention in located.mentions_in(span):
        entity = index.get((article.id, mention.span.start))
        key = "@" + (entity.id if entity else stem(mention.text))
        entity_keys.add(key)
        mentions.append((mention.span.start, key))
        inside.append((mention.span.start, mention.span.end))
    date_keys: set[str] = set()
    for timex in located.timexes_in(span):
        if timex.type in ("DATE", "TIME"):
            date_keys.add("#" + timex.value[:10])
            inside.append((timex.span.start, timex.span.end))
    plain = _outside(ws, inside)
    return ClaimView(
        claim=claim,
        words=tuple(ws),
        keys=frozenset(_keys(plain)) | entity_keys | date_keys,
        entities=frozenset(entity_keys),
        quantities=tuple(quantities(article, span.start, span.end, located.timexes_in(span))),
        dates=frozenset(claim.dates),
        negated=any(w.key in NEGATIONS or w.text.lower() in NEGATIONS for w in ws),
        field=field,
        source=article.text,
        mentions=tuple(sorted(mentions)),
        day_words=tuple(
            (t.value[:10], _LEADING_FUNCTION.sub("", " ".join(t.text.casefold().split())))
            for t in located.timexes_in(span)
            if t.type in ("DATE", "TIME") and len(t.value) >= 10 and t.value[:4].isdigit()
        ),
    )


def _outside(ws: list[Word], inside: list[tuple[int, int]]) -> list[Word]:
    """The words that start in none of the ``inside`` ranges (names and dates, which count as
    one key each): one pass over both in order, not every word against every range."""
    if not inside:
        return ws
    ranges = sorted(inside)
    plain, k, reach = [], 0, -1
    for w in ws:  # words come in text order
        while k < len(ranges) and ranges[k][0] <= w.start:
            reach = max(reach, ranges[k][1])
            k += 1
        if w.start >= reach:
            plain.append(w)
    return plain


def view_text(claim: Claim, text: str) -> ClaimView:
    """A view of a bare claim whose text is all there is (benchmarks, tests)."""
    article = Article.from_text(claim.article_id, text)
    return view(claim, article, {})


def _keys(ws: list[Word]) -> list[str]:
    result = [concept(w.key) for w in ws if w.content]
    for a, b in itertools.pairwise(ws):
        if (
            a.content
            and b.content
            and a.text.isalpha()
            and b.text.isalpha()
            and b.start - a.end <= 1
        ):
            result.append(stem(a.text + b.text))
    return result


class Weights:
    """Inverse claim frequency of each key within one story (or one benchmark set).

    Every key's weight and every claim's total weight are computed once up front: comparison
    runs on tens of thousands of pairs, and looking them up is most of its cost."""

    def __init__(self, views: Iterable[ClaimView]) -> None:
        views = list(views)
        counts: Counter[str] = Counter()
        for v in views:
            counts.update(v.keys)
        self._counts = counts
        self._total = len(views)
        self.table = {k: math.log((self._total + 1) / (c + 1)) + 1.0 for k, c in counts.items()}
        self._norms = {v.claim.id: sum(map(self.table.__getitem__, v.keys)) for v in views}

    def __call__(self, key: str) -> float:
        weight = self.table.get(key)
        if weight is None:
            weight = math.log(self._total + 1) + 1.0
        return weight

    def norm(self, v: ClaimView) -> float:
        """The summed weight of a claim's keys."""
        norm = self._norms.get(v.claim.id)
        if norm is None:
            norm = self._norms[v.claim.id] = sum(self(k) for k in v.keys)
        return norm

    def frequency(self, key: str) -> int:
        return self._counts.get(key, 0)


def similarity(a: ClaimView, b: ClaimView, weights: Weights) -> float:
    """The mean of the (Ochiai) cosine of the two weighted key sets and their overlap, plus
    a bonus when both claims place one named actor on one day.

    Cosine alone punishes a long claim that states a short one's fact plus more; the overlap
    (shared weight over the lighter claim's) forgives that, the cosine keeps it honest. Two
    claims that name the same entity on the same resolved day and share a word besides
    ("Kim held discussions with Putin ... on Wednesday", "Mr Kim met his Russian counterpart
    on Wednesday") almost always report one event, however differently they go on."""
    shared = a.keys & b.keys
    if not shared:
        return 0.0
    table = weights.table
    dot = sum(table[k] if k in table else weights(k) for k in shared)
    norm_a, norm_b = weights.norm(a), weights.norm(b)
    score = 0.5 * dot / math.sqrt(norm_a * norm_b) + 0.5 * dot / min(norm_a, norm_b)
    return min(1.0, score + _EVENT) if _same_event(shared) else score


def _same_event(shared: frozenset[str]) -> bool:
    day = entity = other = False
    for key in shared:
        if key[0] == "#":
            day = day or _DAY.match(key) is not None
        elif key[0] == "@":
            entity = True
        else:
            other = True
    return day and entity and other


def coverage(a: ClaimView, b: ClaimView, weights: Weights) -> float:
    """How much of ``a``'s weight ``b`` also says."""
    total = sum(weights(k) for k in a.keys)
    return sum(weights(k) for k in a.keys & b.keys) / total if total else 0.0


def conflicting_quantities(a: ClaimView, b: ClaimView) -> list[tuple[Quantity, Quantity]]:
    """Pairs of same-unit quantities that differ, where neither claim also has the other's."""
    pairs = []
    keys_a = {q.key for q in a.quantities}
    keys_b = {q.key for q in b.quantities}
    for qa in a.quantities:
        for qb in b.quantities:
            if qa.differs(qb) and qa.key not in keys_b and qb.key not in keys_a:
                pairs.append((qa, qb))
    return pairs


def conflicting_dates(a: ClaimView, b: ClaimView) -> tuple[str, str] | None:
    """Two day-precise dates that differ, where neither claim also has the other's. Dates
    written in the same words ("Jan. 6" and "Jan. 6") are the same date, whatever year
    resolution gave each: a conflict needs the outlets to say different things."""
    days_a = {d[:10] for d in a.dates if len(d) >= 10 and d[:4].isdigit()}
    days_b = {d[:10] for d in b.dates if len(d) >= 10 and d[:4].isdigit()}
    if not days_a or not days_b or days_a & days_b:
        return None
    if {w for _, w in a.day_words} & {w for _, w in b.day_words}:
        return None
    return min(days_a), min(days_b)


def relation(a: ClaimView, b: ClaimView, weights: Weights) -> tuple[Relation, float]:
    """How ``a`` relates to ``b``, with their similarity."""
    score = similarity(a, b, weights)
    if score < RELATED:
        return "unrelated", score
    if a.negated != b.negated or conflicting_quantities(a, b) or conflicting_dates(a, b):
        return "contradiction", score
    a_in_b, b_in_a = coverage(a, b, weights), coverage(b, a, weights)
    extra_b = sum(weights(k) for k in b.keys - a.keys)
    extra_a = sum(weights(k) for k in a.keys - b.keys)
    if a_in_b >= COVER and extra_b >= _EXTRA and b_in_a < COVER:
        return "less_specific", score
    if b_in_a >= COVER and extra_a >= _EXTRA and a_in_b < COVER:
        return "more_specific", score
    if score >= SAME:
        return "same", score
    return "related", score
