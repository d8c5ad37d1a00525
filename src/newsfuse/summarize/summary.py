"""The cited summary of a story: a few source sentences that say what the outlets agree on.

The summary is extractive on purpose: every sentence is an outlet's own words, so it cites the
exact span it was taken from (and the spans of the other outlets that state the same fact), and
nothing is said that no source said. Attribution stays with the words ("Peskov said ..."): a
sentence whose quote is attributed outside it is never picked, since alone it would turn a
claim into a bare fact.

The account opens with a headline (``headline=True``): of the outlets' own headlines, the one
scored best like a sentence (shared story terms over its length, support of the facts stated in
it), cited in the ``title`` field. A reader gets a headline several outlets back; on NeuS it
adds 0.4 to 0.9 ROUGE-2 (val, two train slices), since the reference opens with a headline.
It counts as a sentence, and later sentences that repeat it are skipped like any repeat.

Selection is greedy. A sentence scores by

* the story-wide weight of its terms (``terms.shared_weights``: words that several outlets or
  headlines use), divided by ``length ** length_exponent`` so that a long sentence must earn
  its words;
* its position (news puts the core first): ``position_weight / (1 + index)``;
* the independent support of the facts it states (from alignment): ``support_weight`` per
  independent outlet beyond the first.

After each pick the weights of the picked terms decay, so the next sentence must add something
new, and a sentence that repeats a picked one is skipped: too close in terms (cosine), or the
same event in other words (events.py: a shared time anchor and names). Telling an event once
costs about 0.15 ROUGE-2 on the NeuS roundups (two outlets' paraphrases both match the
reference), which a reader's "no two sentences say the same thing" outweighs. The other
defaults were tuned on NeuS val and hold on train slices (``python -m bench.summaries
--split train --offset K --limit N``): no weight change moved both by more than 0.1.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsfuse.model import (
    Article,
    Citation,
    Discrepancy,
    Fact,
    Quote,
    Span,
    Summary,
    SummarySentence,
)
from newsfuse.summarize.events import Anchors, Event, same_event
from newsfuse.summarize.spans import SpanIndex
from newsfuse.summarize.terms import cosine, shared_weights, terms, weigh, word_count

# A dateline ("SEOUL, South Korea — ") names where the story was filed, not what happened.
_DATELINE = re.compile(r"[A-Z][A-Z .'-]+,[^—–\n]{0,40}?\s[—–]+\s+|[A-Z][A-Z .'-]+\s[—–]+\s+")
# Which discrepancies matter most to a reader: conflicts before wording.
_KIND_ORDER = {"contradiction": 0, "number": 1, "date": 2, "specificity": 3, "spelling": 4}


@dataclass(frozen=True)
class SummaryWeights:
    """The knobs of sentence selection (see the module docstring for what each does)."""

    length_exponent: float = 0.5
    position_weight: float = 0.5
    support_weight: float = 0.5
    headline_weight: float = 1.0
    entity_boost: float = 0.5
    decay: float = 0.5
    redundancy: float = 0.6
    event_names: int = 4
    event_overlap: float = 0.15
    min_words: int = 6
    max_words: int = 90
    headline_min_words: int = 3


DEFAULT_WEIGHTS = SummaryWeights()


@dataclass(frozen=True)
class _Candidate:
    """One source sentence that may enter the summary."""

    order: tuple[int, int]  # (article index, sentence index): ties go to the earlier
    citation: Citation
    text: str
    counts: Counter[str]
    words: int
    facts: tuple[Fact, ...]
    event: Event

    @property
    def support(self) -> int:
        return max((f.independent_support for f in self.facts), default=0)


def summarize_story(
    articles: Sequence[Article],
    facts: Sequence[Fact],
    discrepancies: Sequence[Discrepancy],
    *,
    max_sentences: int = 5,
    max_words: int | None = None,
    max_single_source: int = 8,
    headline: bool = True,
    weights: SummaryWeights = DEFAULT_WEIGHTS,
) -> Summary:
    """A short cited account of the story, then what one outlet alone reports and where the
    outlets differ.

    With ``headline`` (the default) the account opens with the outlet headline that says most
    of what the outlets share (see ``_headline``), cited in the ``title`` field; it counts as a
    sentence. Selection stops after ``max_sentences``, or as soon as the sentences reach
    ``max_words`` (the last one is kept whole, so the account may run a sentence past the
    budget).
    """
    term_weights = shared_weights(
        articles, headline_weight=weights.headline_weight, entity_boost=weights.entity_boost
    )
    candidates = _candidates(articles, facts, weights)
    opening = _headline(articles, facts, term_weights, weights) if headline else None
    chosen = _select(
        candidates, dict(term_weights), max_sentences, max_words, weights, opening=opening
    )
    told = {f.id for c in chosen for f in c.facts}
    return Summary(
        sentences=tuple(_sentence(c) for c in chosen),
        single_source=_single_source(articles, facts, told, term_weights, max_single_source),
        differences=differences(discrepancies),
    )


def _candidates(
    articles: Sequence[Article], facts: Sequence[Fact], weights: SummaryWeights
) -> list[_Candidate]:
    claims_by_article: dict[str, list[tuple[Span, Fact]]] = {}  # body claims: candidates are
    for fact in facts:  # body sentences, and a headline claim's span is into the headline
        for claim in fact.claims:
            if claim.field == "text":
                claims_by_article.setdefault(claim.article_id, []).append((claim.span, fact))
    found = []
    for a_index, article in enumerate(articles):
        claims = SpanIndex(claims_by_article.get(article.id, []))
        quotes = SpanIndex((q.content, q) for q in article.quotes)
        anchors = Anchors(article)
        for s_index, sentence in enumerate(article.sentences):
            span = _trim(article.text, sentence)
            text = " ".join(span.of(article.text).split())
            words = word_count(text)
            if not weights.min_words <= words <= weights.max_words or text.endswith("?"):
                continue
            if _loses_attribution(quotes.overlapping(span), span):
                continue
            stated = tuple(dict.fromkeys(claims.overlapping(span)))
            counts = Counter(terms(text))
            citation = Citation(article.id, span)
            event = anchors(span)
            found.append(
                _Candidate((a_index, s_index), citation, text, counts, words, stated, event)
            )
    return found


def _headline(
    articles: Sequence[Article],
    facts: Sequence[Fact],
    term_weights: dict[str, float],
    weights: SummaryWeights,
) -> _Candidate | None:
    """The outlet headline most about what the outlets share, or None when none qualifies.

    Headlines are scored like sentences, without the position term (each is its article's
    first line): the story-wide weight of their terms over ``length ** length_exponent``, plus
    the independent support of the facts alignment found in them (claims cited in the
    ``title`` field). A question, or a headline under ``headline_min_words``, is not a
    statement to open on. Ties go to the earlier article.
    """
    titles: dict[str, list[tuple[Span, Fact]]] = {}  # title claims by article, in fact order
    for fact in facts:
        for claim in fact.claims:
            if claim.field == "title":
                titles.setdefault(claim.article_id, []).append((claim.span, fact))
    best: tuple[float, int] | None = None
    found: _Candidate | None = None
    for a_index, article in enumerate(articles):
        title = article.title or ""
        span = _trim(title, Span(0, len(title)))
        text = " ".join(span.of(title).split())
        words = word_count(text)
        if not weights.headline_min_words <= words <= weights.max_words or text.endswith("?"):
            continue
        stated = tuple(
            dict.fromkeys(f for s, f in titles.get(article.id, ()) if _overlaps(s, span))
        )
        citation = Citation(article.id, span, field="title")
        # Headline time and name anchors are not analysed; the cosine check still applies.
        event = Event(frozenset(), frozenset())
        candidate = _Candidate((a_index, -1), citation, text, Counter(terms(text)), words,
                               stated, event)  # fmt: skip
        score = weigh(candidate.counts, term_weights) / words**weights.length_exponent
        score += weights.support_weight * max(candidate.support - 1, 0)
        if best is None or (score, -a_index) > best:
            best, found = (score, -a_index), candidate
    return found


def _trim(text: str, sentence: Span) -> Span:
    """The sentence without a leading dateline or surrounding spaces."""
    start, end = sentence.start, sentence.end
    match = _DATELINE.match(text, start, end)
    if match and match.end() < end:
        start = match.end()
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _loses_attribution(quotes: Iterable[Quote], span: Span) -> bool:
    """True if the sentence holds a quote whose speaker is named only outside it."""
    for quote in quotes:
        if not _overlaps(quote.content, span) or quote.speaker_span is None:
            continue
        if not (span.start <= quote.speaker_span.start and quote.speaker_span.end <= span.end):
            return True
    return False


def _select(
    candidates: list[_Candidate],
    term_weights: dict[str, float],
    max_sentences: int,
    max_words: int | None,
    weights: SummaryWeights,
    *,
    opening: _Candidate | None = None,
) -> list[_Candidate]:
    pool = list(candidates)
    chosen: list[_Candidate] = []
    total = 0
    if opening is not None and max_sentences > 0:
        chosen.append(opening)
        total += opening.words
        for term in opening.counts:
            if term in term_weights:
                term_weights[term] *= weights.decay
    while pool and len(chosen) < max_sentences and (max_words is None or total < max_words):
        best = max(pool, key=lambda c: (_score(c, term_weights, weights), _earlier(c)))
        pool = [c for c in pool if c is not best]
        if _redundant(best, chosen, weights):
            continue
        chosen.append(best)
        total += best.words
        for term in best.counts:
            if term in term_weights:
                term_weights[term] *= weights.decay
    return chosen


def _score(candidate: _Candidate, term_weights: dict[str, float], w: SummaryWeights) -> float:
    shared = weigh(candidate.counts, term_weights) / candidate.words**w.length_exponent
    position = w.position_weight / (1 + candidate.order[1])
    support = w.support_weight * max(candidate.support - 1, 0)
    return shared + position + support


def _earlier(candidate: _Candidate) -> tuple[int, int]:
    return (-candidate.order[0], -candidate.order[1])


def _redundant(candidate: _Candidate, chosen: list[_Candidate], w: SummaryWeights) -> bool:
    """Says much the same as a chosen sentence: most of the same words, or the same event
    (one time anchor, ``event_names`` names in common: events.py) in some of the same words.

    Sharing an aligned fact is not enough to drop a sentence: facts group claims loosely, and
    on the NeuS dev split skipping sentences whose facts were told cost 0.4 ROUGE-2.
    """
    for other in chosen:
        overlap = cosine(candidate.counts, other.counts)
        if overlap > w.redundancy:
            return True
        if overlap >= w.event_overlap and same_event(
            candidate.event, other.event, min_names=w.event_names
        ):
            return True
    return False


def _sentence(candidate: _Candidate) -> SummarySentence:
    """The sentence cites its own span first, then the other outlets' spans of its facts."""
    cited = [candidate.citation]
    for fact in candidate.facts:
        cited.extend(c for c in fact.claims if c.article_id != candidate.citation.article_id)
    return SummarySentence(
        text=candidate.text,
        citations=tuple(dict.fromkeys(cited)),
        fact_ids=tuple(f.id for f in candidate.facts),
    )


def _single_source(
    articles: Sequence[Article],
    facts: Sequence[Fact],
    told: set[str],
    term_weights: dict[str, float],
    limit: int,
) -> tuple[str, ...]:
    """The facts one independent outlet alone reports, most about the story first."""
    if len({a.id for a in articles}) < 2:
        return ()
    alone = [f for f in facts if f.independent_support == 1 and f.id not in told]

    def salience(fact: Fact) -> float:
        counts = Counter(terms(fact.text))
        return weigh(counts, term_weights) / max(sum(counts.values()), 1) ** 0.5

    ranked = sorted(enumerate(alone), key=lambda pair: (-salience(pair[1]), pair[0]))
    return tuple(f.id for _, f in ranked[:limit])


def differences(discrepancies: Sequence[Discrepancy]) -> tuple[str, ...]:
    """The discrepancies worth a reader's attention, conflicts first: those whose variants come
    from at least two different articles, or from an article's headline and its body (a
    headline that says "six-day" over a body that says "almost week-long" misleads)."""
    shown = [
        (index, d)
        for index, d in enumerate(discrepancies)
        if len(d.variants) >= 2
        and len({(c.article_id, c.field) for v in d.variants for c in v.citations}) >= 2
    ]
    shown.sort(key=lambda pair: (_KIND_ORDER.get(pair[1].kind, 9), pair[0]))
    return tuple(d.id for _, d in shown)
