"""Claims, facts and discrepancies across the articles of one story.

``align_story`` splits each article's body, headline and standfirst (sources.py) into atomic
claims (claims.py), compares claims of different origins (compare.py) on candidate pairs that
share rare keys (facts.py), groups those stating the same thing into Facts with their
independent support and omissions (an article backs a fact once, whether its headline, its
body or both state it), and reports where the outlets differ (discrepancies.py, wording.py).
Citations carry the field their span is in. Deterministic: the same articles always give the
same result, in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.align.claims import Located, entity_index, extract_claims
from newsfuse.align.compare import RELATED, Weights, view
from newsfuse.align.discrepancies import (
    measure_keys,
    merge_findings,
    pair_findings,
    spelling_variants,
)
from newsfuse.align.facts import build_facts, candidate_pairs, cluster
from newsfuse.align.sources import claim_sources
from newsfuse.model import Article, Claim, Discrepancy, Entity, Fact, SyndicationGroup

__all__ = ["align_story"]

_KIND_ORDER = {"contradiction": 0, "number": 1, "date": 2, "specificity": 3, "spelling": 4}


def align_story(
    articles: Sequence[Article],
    entities: Sequence[Entity],
    syndication: Sequence[SyndicationGroup] = (),
) -> tuple[tuple[Claim, ...], tuple[Fact, ...], tuple[Discrepancy, ...]]:
    """Every claim of the story, the facts they state, and where the outlets differ."""
    index = entity_index(list(entities))
    by_id = {a.id: a for a in articles}
    claims, views = [], []
    for source in claim_sources(articles, entities, index):
        located = Located.of(source.article)
        for claim in extract_claims(source.article, source.index, source.field):
            claims.append(claim)
            views.append(view(claim, source.article, source.index, source.field, located))
    weights = Weights(views)
    measures = [measure_keys(v) for v in views]
    pairs = candidate_pairs(views, weights, len(articles), measures)
    groups = cluster(views, pairs, weights)
    facts = build_facts(views, groups, weights, [a.id for a in articles], syndication)
    fact_of = {cite: fact.id for fact, _ in facts for cite in fact.claims}
    findings = []
    for pair in pairs:
        if pair.score >= RELATED / 2:  # below, no kind of finding is reported
            a, b = views[pair.a], views[pair.b]
            same = fact_of.get(a.citation) == fact_of.get(b.citation)
            findings.extend(pair_findings(a, b, pair.score, same))
    discrepancies = merge_findings(findings, fact_of)
    discrepancies += spelling_variants(list(entities), by_id)
    discrepancies.sort(key=lambda d: (_KIND_ORDER[d.kind], -_support(d), d.description))
    return tuple(claims), tuple(f for f, _ in facts), tuple(discrepancies)


def _support(discrepancy: Discrepancy) -> int:
    return len({c.article_id for v in discrepancy.variants for c in v.citations})
