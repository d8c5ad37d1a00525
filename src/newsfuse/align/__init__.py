"""Claims, facts and discrepancies across the articles of one story.

``align_story`` takes each article's body, headline and standfirst (sources.py) sentence by
sentence. Facts: every pair of sentences of different articles that share a rare key is scored
for stating a common fact (pairs.py, a fitted model over overlap, margin, numbers and position),
and the pairs above the model's threshold are grouped into Facts, one sentence per article and
every pair of members above the threshold (facts.py), with their independent support and
omissions. A fact cites whole sentences: a clause cut out of a sentence can say something the
sentence does not. Discrepancies: sentences are also split into atomic claims (claims.py) whose
pairs are compared (compare.py) for differing numbers, dates, negation and wording
(discrepancies.py, wording.py). Citations carry the field their span is in. Deterministic: the
same articles always give the same result, in the same order.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from newsfuse.align.affiliations import affiliation_conflicts
from newsfuse.align.claims import Located, entity_index, extract_claims, sentence_claim
from newsfuse.align.compare import COVER, RELATED, ClaimView, Weights, coverage, view
from newsfuse.align.discrepancies import (
    measure_keys,
    merge_findings,
    pair_findings,
    spelling_variants,
)
from newsfuse.align.facts import build_facts, candidate_pairs, group_pairs
from newsfuse.align.pairs import PairModel, default_model, score_pairs
from newsfuse.align.sources import ClaimSource, claim_sources
from newsfuse.model import (
    Article,
    Citation,
    Claim,
    Discrepancy,
    Entity,
    Fact,
    Span,
    SyndicationGroup,
    source_keys,
)

__all__ = ["align_story", "sentence_units"]

_KIND_ORDER = {"contradiction": 0, "number": 1, "date": 2, "specificity": 3, "spelling": 4}


def align_story(
    articles: Sequence[Article],
    entities: Sequence[Entity],
    syndication: Sequence[SyndicationGroup] = (),
    *,
    model: PairModel | None = None,
) -> tuple[tuple[Claim, ...], tuple[Fact, ...], tuple[Discrepancy, ...]]:
    """Every claim of the story, the facts they state, and where the outlets differ."""
    model = model or default_model()
    index = entity_index(list(entities))
    by_id = {a.id: a for a in articles}
    # each headline wrapped, and each string's mentions and quotes indexed, once for both passes
    sources = [(s, Located.of(s.article)) for s in claim_sources(articles, entities, index)]
    units, positions = _sentence_units(sources)
    unit_weights = Weights(units)
    scored = score_pairs(units, positions, len(articles), model, unit_weights)
    groups = group_pairs(units, scored, model.threshold)
    grouped = {i for g in groups for i in g}
    groups += [[i] for i in _alone(units, grouped, unit_weights)]
    independent = source_keys(articles, syndication)
    facts = build_facts(units, groups, unit_weights, [a.id for a in articles], independent)
    if len(by_id) < 2:  # one article cannot differ from another: no claims to compare
        return tuple(u.claim for u in units), tuple(f for f, _ in facts), ()
    views = []
    for source, located in sources:
        for claim in extract_claims(source.article, source.index, source.field, located):
            views.append(view(claim, source.article, source.index, source.field, located))
    weights = Weights(views)
    measures = [measure_keys(v) for v in views]
    pairs = candidate_pairs(views, weights, len(articles), measures)
    fact_of = _facts_of_claims(views, facts)
    findings = []
    for pair in pairs:
        if pair.score >= RELATED / 2:  # below, no kind of finding is reported
            a, b = views[pair.a], views[pair.b]
            same = fact_of.get(a.citation) == fact_of.get(b.citation)
            findings.extend(pair_findings(a, b, pair.score, same))
    discrepancies = merge_findings(findings, fact_of)
    discrepancies += spelling_variants(list(entities), by_id)
    discrepancies += affiliation_conflicts(list(entities), by_id)
    discrepancies.sort(key=lambda d: (_KIND_ORDER[d.kind], -_support(d), d.description))
    return tuple(u.claim for u in units), tuple(f for f, _ in facts), tuple(discrepancies)


def sentence_units(
    articles: Sequence[Article], entities: Sequence[Entity]
) -> tuple[list[ClaimView], list[int]]:
    """Every sentence of every headline, standfirst and body as a claim in its comparison
    view (keeping who the article says stated it), with its position in its string (0 for a
    headline's first sentence)."""
    index = entity_index(list(entities))
    return _sentence_units(
        [(s, Located.of(s.article)) for s in claim_sources(articles, entities, index)]
    )


def _sentence_units(
    sources: Sequence[tuple[ClaimSource, Located]],
) -> tuple[list[ClaimView], list[int]]:
    views, positions = [], []
    for source, located in sources:
        article = source.article
        for position, sentence in enumerate(article.sentences):
            span = _trimmed(article.text, sentence)
            if not _has_words(article.text, span):
                continue  # an empty or punctuation-only "sentence" (a stray quote mark)
            claim = sentence_claim(article, span, source.index, source.field, located)
            unit = view(claim, article, source.index, source.field, located)
            if not unit.keys:
                continue  # no content word, name or date: "It..." cut off, states nothing
            views.append(unit)
            positions.append(position)
    return views, positions


def _alone(units: Sequence[ClaimView], grouped: set[int], weights: Weights) -> list[int]:
    """The sentences no other article shares: each is a fact one outlet alone states. A
    headline that its own body restates in full is not one: the body sentence stands for it."""
    bodies: dict[str, list[int]] = {}
    for i, u in enumerate(units):
        if u.field == "text":
            bodies.setdefault(u.claim.article_id, []).append(i)
    alone = []
    for i, u in enumerate(units):
        if i in grouped:
            continue
        if u.field != "text" and any(
            coverage(u, units[j], weights) >= COVER for j in bodies.get(u.claim.article_id, ())
        ):
            continue
        alone.append(i)
    return alone


def _has_words(text: str, span: Span) -> bool:
    return any(ch.isalnum() for ch in text[span.start : span.end])


def _trimmed(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _facts_of_claims(
    views: Sequence[ClaimView], facts: Sequence[tuple[Fact, list[int]]]
) -> dict[Citation, str]:
    """Each claim's fact: the first fact citing the sentence the claim lies in. Facts cite
    whole sentences, which do not overlap: the sentence is the last cited span starting at or
    before the claim, found by bisection (a scan of its article's citations per claim grew as
    claims x facts per article)."""
    first: dict[tuple[str, str, int], tuple[int, str]] = {}  # (string, start) -> (end, fact)
    for fact, _ in facts:
        for c in fact.claims:
            first.setdefault((c.article_id, c.field, c.span.start), (c.span.end, fact.id))
    starts: dict[tuple[str, str], list[int]] = {}
    for article_id, field, start in first:
        starts.setdefault((article_id, field), []).append(start)
    for found in starts.values():
        found.sort()
    fact_of: dict[Citation, str] = {}
    for v in views:
        c = v.citation
        found = starts.get((c.article_id, c.field), [])
        i = bisect_right(found, c.span.start) - 1
        if i < 0:
            continue
        start = found[i]
        end, fact_id = first[(c.article_id, c.field, start)]
        if c.span.end <= end:
            fact_of[c] = fact_id
    return fact_of


def _support(discrepancy: Discrepancy) -> int:
    return len({c.article_id for v in discrepancy.variants for c in v.citations})
