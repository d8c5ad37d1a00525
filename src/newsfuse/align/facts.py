"""Facts: claims of different articles that state the same thing, with who backs and omits it.

Why blocking: comparing every claim with every other is quadratic, and a story of a hundred
articles has thousands of claims. Only claims that share a word rare in the story (or a rare
entity) are compared, which keeps the pairs near-linear while every paraphrase of one fact
still shares its specific words. Why constrained linkage: pairs are merged best-first, a fact
takes at most one claim per article, and two groups merge only if they are similar on
average, so a chain of loosely similar claims never snowballs into one giant "fact".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from newsfuse.align.compare import SAME, ClaimView, Weights, similarity
from newsfuse.align.pairs import ScoredPair
from newsfuse.model import Fact, content_id

_MIN_BLOCK = 12  # a key in more claims than max(this, articles) does not block
_MAX_BLOCK = 64  # ... nor one in more than this (each blocking key costs its count squared)
_SMALL = 500  # claims: up to this many, one shared rare key makes a candidate pair
_MIN_SHARED = 2  # rare keys a candidate pair must share in a larger story
_FLOOR = 0.08  # in a larger story, pairs below this similarity are dropped at once
_AVERAGE = 0.8  # merged groups must average this share of SAME


@dataclass(frozen=True)
class Pair:
    """Two claims of different articles worth comparing, with their similarity."""

    a: int
    b: int
    score: float


def candidate_pairs(
    views: Sequence[ClaimView],
    weights: Weights,
    n_articles: int,
    extra_keys: Sequence[set[str]] = (),
) -> list[Pair]:
    """Claims of different origins that share rare keys (or an extra blocking key, such as a
    unit and what it measures), with their similarity; pairs too unlike to matter are left
    out.

    Blocking counts shared rare keys with one sparse product; a pair must share
    ``_MIN_SHARED`` of them in a large story (one suffices in a small one, where every pair
    is cheap), so that one rare word in common does not cost a comparison."""
    cap = max(_MIN_BLOCK, min(n_articles, _MAX_BLOCK))
    postings: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(views):
        for key in v.keys | (extra_keys[i] if extra_keys else set()):
            postings[key].append(i)
    blocks = [postings[k] for k in sorted(postings) if 2 <= len(postings[k]) <= cap]
    if not blocks:
        return []
    shared = _pair_counts(blocks) if len(views) <= _SMALL else _sparse_pair_counts(blocks, views)
    need = 1 if len(views) <= _SMALL else _MIN_SHARED
    floor = _FLOOR if len(views) > _SMALL else 0.0
    pairs = []
    for i, j, count in shared:
        if count < need or views[i].origin == views[j].origin:
            continue
        score = similarity(views[i], views[j], weights)
        if score > floor:
            pairs.append(Pair(i, j, score))
    return sorted(pairs, key=lambda p: (-p.score, p.a, p.b))


def _pair_counts(blocks: Sequence[list[int]]) -> Iterable[tuple[int, int, int]]:
    """How many blocking keys each pair of claims shares: plain counting, for small stories
    (cheaper than importing scipy for a handful of articles)."""
    counts: Counter[tuple[int, int]] = Counter()
    for members in blocks:
        counts.update(combinations(sorted(members), 2))
    return ((i, j, n) for (i, j), n in counts.items())


def _sparse_pair_counts(
    blocks: Sequence[list[int]], views: Sequence[ClaimView]
) -> Iterable[tuple[int, int, int]]:
    """The same counts as one sparse product, for large stories (quadratic in Python)."""
    import numpy as np  # imported here: a small story never needs them
    from scipy import sparse

    rows = [i for members in blocks for i in members]
    cols = [column for column, members in enumerate(blocks) for _ in members]
    incidence = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(views), len(blocks))
    )
    shared = sparse.triu(incidence @ incidence.T, k=1).tocoo()
    return zip(shared.row.tolist(), shared.col.tolist(), shared.data.tolist(), strict=True)


def cluster(views: Sequence[ClaimView], pairs: Sequence[Pair], weights: Weights) -> list[list[int]]:
    """Groups of claim indices, best pairs first, one claim per article per group."""
    group_of = list(range(len(views)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(views))}
    known = {(p.a, p.b): p.score for p in pairs}
    for pair in pairs:
        if pair.score < SAME:
            break
        ga, gb = group_of[pair.a], group_of[pair.b]
        if ga == gb or not _compatible(views, members[ga], members[gb], known):
            continue
        for i in members[gb]:
            group_of[i] = ga
        members[ga].extend(members.pop(gb))
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def _compatible(
    views: Sequence[ClaimView],
    left: list[int],
    right: list[int],
    known: dict[tuple[int, int], float],
) -> bool:
    """No shared origin (an article's body, headline or standfirst gives a fact one claim
    each, and the article counts once however many it gives), and similar on average (a
    pair never compared shares no rare word, so it counts as 0)."""
    origins = {views[i].origin for i in left}
    if any(views[j].origin in origins for j in right):
        return False
    if len(left) == 1 and len(right) == 1:
        return True
    total = sum(known.get((min(i, j), max(i, j)), 0.0) for i in left for j in right)
    return total / (len(left) * len(right)) >= _AVERAGE * SAME


def group_pairs(
    views: Sequence[ClaimView], scored: Sequence[ScoredPair], threshold: float
) -> list[list[int]]:
    """Facts as groups of sentence indices, strongest pairs first: a pair joins a fact that
    holds one of its sentences when the other comes from a new origin and is above the
    threshold with every member of another article (complete linkage: with the gold pairs as
    scores, average linkage let a third sentence into a fact that only one member shares,
    and cost 0.11 pair precision on the account stories); else it starts a fact of its own.
    A sentence may back several facts (it can state several); an article's headline and body
    may both back one."""
    probability = {(p.a, p.b): p.probability for p in scored}
    facts: list[list[int]] = []
    member_of: dict[int, list[int]] = defaultdict(list)

    def fits(unit: int, fact: list[int]) -> bool:
        """From a new origin (an article's headline and body may both back a fact), and above
        the threshold with every member from another article: a sentence that states the
        fact with one member but not with another would make the fact say two things."""
        origin = views[unit].origin
        return all(
            views[m].origin != origin
            and (
                views[m].claim.article_id == origin[0]
                or probability.get((min(unit, m), max(unit, m)), 0.0) >= threshold
            )
            for m in fact
        )

    for pair in scored:
        if pair.probability < threshold:
            break
        held_a, held_b = member_of[pair.a], member_of[pair.b]
        if set(held_a) & set(held_b):
            continue
        joined = next((f for f in held_a if fits(pair.b, facts[f])), None)
        if joined is not None:
            facts[joined].append(pair.b)
            member_of[pair.b].append(joined)
            continue
        joined = next((f for f in held_b if fits(pair.a, facts[f])), None)
        if joined is not None:
            facts[joined].append(pair.a)
            member_of[pair.a].append(joined)
            continue
        member_of[pair.a].append(len(facts))
        member_of[pair.b].append(len(facts))
        facts.append([pair.a, pair.b])
    return [sorted(_fullest(views, f)) for f in facts]


def _fullest(views: Sequence[ClaimView], fact: list[int]) -> list[int]:
    """An article whose body states the fact is cited by its body, not also by its headline:
    the body sentence is the fuller statement of it."""
    bodies = {views[i].claim.article_id for i in fact if views[i].field == "text"}
    return [i for i in fact if views[i].field == "text" or views[i].claim.article_id not in bodies]


def build_facts(
    views: Sequence[ClaimView],
    groups: Sequence[list[int]],
    weights: Weights,
    article_ids: Sequence[str],
    sources: Mapping[str, str] | None = None,
) -> list[tuple[Fact, list[int]]]:
    """One Fact per group, best supported first, each with the claim indices it came from.

    Independent support counts sources, not pages: the copies of one wire text count once,
    and so do one outlet's articles (``sources``: ``model.source_keys``; an article missing
    from it counts alone); twenty-six pages of one outlet repeating a line are one outlet's
    word."""
    sources = sources or {}
    order = {a: i for i, a in enumerate(article_ids)}
    facts = []
    rankings: dict[str, list[int]] = {}
    for group in groups:
        claims = [views[i].claim for i in group]
        supporting = tuple(sorted({c.article_id for c in claims}, key=order.__getitem__))
        independent = len({sources.get(a, a) for a in supporting})
        ranking = _ranked(views, group, weights)
        central = ranking[0]
        attributions = [c.attribution for c in claims]
        attribution = None
        if all(attributions):
            attribution = max(set(attributions), key=lambda a: (attributions.count(a), a or ""))
        fact = Fact(
            id=content_id("\n".join(sorted(c.id for c in claims))),
            text=views[central].claim.text,
            claims=tuple(views[i].citation for i in group),
            supporting_articles=supporting,
            independent_support=independent,
            omitting_articles=_omitting(supporting, article_ids),
            attribution=attribution,
        )
        facts.append((fact, group))
        rankings[fact.id] = ranking
    facts.sort(
        key=lambda fg: (
            -fg[0].independent_support,
            -len(fg[0].supporting_articles),
            min(order[c.article_id] for c in fg[0].claims),
            min(c.span.start for c in fg[0].claims),
        )
    )
    return _distinct_wording(facts, views, rankings)


def _omitting(supporting: tuple[str, ...], article_ids: Sequence[str]) -> tuple[str, ...]:
    """The articles that leave out a fact at least half the story's articles state. For a fact
    fewer state, most articles leave it out and ``supporting_articles`` says all there is:
    listing the rest for every fact would make a story's facts grow as facts x articles (a
    400-article story: 15,000 facts, six million ids)."""
    if 2 * len(supporting) < len(article_ids):
        return ()
    stated = set(supporting)
    return tuple(a for a in article_ids if a not in stated)


def _distinct_wording(
    facts: list[tuple[Fact, list[int]]],
    views: Sequence[ClaimView],
    rankings: dict[str, list[int]],
) -> list[tuple[Fact, list[int]]]:
    """A sentence that states several facts backs each of them, but words only the first
    (best supported): each later one is worded by its next most central sentence, so two
    facts never read the same."""
    used: set[str] = set()
    out = []
    for fact, group in facts:
        if fact.text in used and len(group) > 1:
            fresh = [i for i in rankings[fact.id] if views[i].claim.text not in used]
            if fresh:
                fact = replace(fact, text=views[fresh[0]].claim.text)
        used.add(fact.text)
        out.append((fact, group))
    return out


def _ranked(views: Sequence[ClaimView], group: list[int], weights: Weights) -> list[int]:
    """The group's claims, most like the others first (the fact's wording; shorter wins a
    tie)."""
    if len(group) == 1:
        return list(group)
    return sorted(
        group,
        reverse=True,
        key=lambda i: (
            sum(similarity(views[i], views[j], weights) for j in group if j != i),
            -len(views[i].claim.text),
        ),
    )
