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
new, and a sentence that repeats a picked one is skipped (``_redundant``): too close in terms
(cosine); the same event in other words (events.py: a shared time anchor and names); or a fact
told again, where alignment put it in a chosen sentence's fact and ``covered`` of its content
words are already said in the same or similar words (static word vectors). On the annotated
NeuS account stories (``bench.account``, tuned on half 1) this takes the share of summary
sentences whose gold facts were all told before from 0.25-0.28 to 0.07 (half 1) and 0.11
(half 2); it costs ROUGE-2 on the NeuS roundups, whose references retell the core (three
outlets' paraphrases all match them), which a reader's "each fact once" outweighs.

What the account states as plain fact, several outlets back. Where alignment found facts
backed by ``min_support`` (2) independent outlets, only sentences stating one are candidates;
what one outlet alone reports goes to ``single_source``. A sentence that stands on one outlet
anyway (a story told by one outlet, a headline no other outlet's words were aligned with) is
attributed in its text: "..., according to <outlet>." Opinion, analysis and commentary pieces
(opinion.py: a genre label, or the author's voice over the sources') are no source of the
account while a report tells the story; a story told only in opinion pieces is told in
attributed sentences ("according to an opinion piece in <outlet>"). A sentence in the first
person (outside quotes) is the author's view, and never a candidate.

A sentence is whole: a source excerpt cut off with "..." (or "…"), or a body sentence with no
stop at its end, is trimmed back to its last complete sentence or left out.

The weights were tuned on NeuS val (``length_exponent`` 0.5 -> 0.3 with the stricter repeat
test: a longer sentence tells more facts at once) and checked on a train slice never tuned on
(``python -m bench.summaries --split train --offset K --limit N``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from newsfuse.extract._static import bag
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
from newsfuse.summarize.opinion import first_person, is_opinion
from newsfuse.summarize.spans import SpanIndex
from newsfuse.summarize.terms import (
    STOPWORDS,
    cosine,
    shared_weights,
    stem,
    terms,
    weigh,
    word_count,
)

# A dateline ("SEOUL, South Korea — ") names where the story was filed, not what happened.
_DATELINE = re.compile(r"[A-Z][A-Z .'-]+,[^—–\n]{0,40}?\s[—–]+\s+|[A-Z][A-Z .'-]+\s[—–]+\s+")
# An excerpt cut off by its source, and a sentence end before it (".", "!" or "?", maybe a
# closing quote, then space and a capital or an opening quote).
_CUT = re.compile(r"(?:\.\.\.|…)[\"'”’)\]]*$")
_SENTENCE_END = re.compile(r"(?<!\.\.)[.!?][\"'”’)\]]*(?=\s+[\"“‘(]?[A-Z0-9])")
_STOP = re.compile(r"[.!?][\"'”’)\]]*$")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Which discrepancies matter most to a reader: conflicts before wording.
_KIND_ORDER = {"contradiction": 0, "number": 1, "date": 2, "specificity": 3, "spelling": 4}


@dataclass(frozen=True)
class SummaryWeights:
    """The knobs of sentence selection (see the module docstring for what each does)."""

    length_exponent: float = 0.3
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
    covered: float = 0.6
    min_support: int = 2


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
    source: str = ""  # the outlet to attribute the words to when they are its alone
    opinion: bool = False  # from an opinion piece: never stated as bare fact

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
    opinion = {a.id for a in articles if is_opinion(a)}
    reports = [a for a in articles if a.id not in opinion]
    candidates = _candidates(reports or articles, facts, weights, opinion)
    opening = _headline(reports, facts, term_weights, weights) if headline else None
    limit, min_support = _reach(articles, facts, max_sentences, weights)
    chosen = _select(
        candidates,
        dict(term_weights),
        limit,
        max_words,
        weights,
        opening=opening,
        min_support=min_support,
    )
    told = {f.id for c in chosen for f in c.facts}
    return Summary(
        sentences=tuple(_sentence(c) for c in chosen),
        single_source=_single_source(articles, facts, told, term_weights, max_single_source),
        differences=differences(discrepancies),
    )


def _reach(
    articles: Sequence[Article],
    facts: Sequence[Fact],
    max_sentences: int,
    weights: SummaryWeights,
) -> tuple[int, int]:
    """How many sentences the account may have, and how many outlets must back each.

    Where alignment found facts that ``min_support`` independent outlets state, the account
    tells only those: what one outlet alone says is listed apart (``single_source``). Where
    it found none (one article, or outlets that share no fact), the story rests on one
    outlet's word: one sentence, attributed, is the account (its headline, or its lead when
    it has none; a lead mostly restates its own headline). One outlet's several articles
    that state facts in common are a story of its own telling: shared words choose, and every
    sentence is attributed to it. Without alignment (no facts given) shared words alone
    choose, and every sentence is attributed.
    """
    if max((f.independent_support for f in facts), default=0) >= weights.min_support:
        return max_sentences, weights.min_support
    if any(len(f.supporting_articles) > 1 for f in facts):
        return max_sentences, 0
    if facts or len(articles) < 2:
        return min(max_sentences, 1), 0
    return max_sentences, 0


def _candidates(
    articles: Sequence[Article],
    facts: Sequence[Fact],
    weights: SummaryWeights,
    opinion: frozenset[str] | set[str] = frozenset(),
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
        source = _outlet(article)
        for s_index, sentence in enumerate(article.sentences):
            span = _complete(article.text, _trim(article.text, sentence), ended=True)
            if span is None:
                continue
            text = " ".join(span.of(article.text).split())
            words = word_count(text)
            if not weights.min_words <= words <= weights.max_words or text.endswith("?"):
                continue
            if _loses_attribution(quotes.overlapping(span), span):
                continue
            if first_person(text):
                continue
            stated = tuple(dict.fromkeys(claims.overlapping(span)))
            counts = Counter(terms(text))
            citation = Citation(article.id, span)
            event = anchors(span)
            found.append(
                _Candidate(
                    (a_index, s_index),
                    citation,
                    text,
                    counts,
                    words,
                    stated,
                    event,
                    source,
                    article.id in opinion,
                )
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
        span = _complete(title, _trim(title, Span(0, len(title))))
        if span is None:
            continue
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
                               stated, event, _outlet(article))  # fmt: skip
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


def _complete(text: str, span: Span, *, ended: bool = False) -> Span | None:
    """The span cut back to its last complete sentence, or None when nothing complete is left.

    An excerpt that a source cut off ends in "..." (or "…"), or, with ``ended`` (body text,
    where every sentence ends in a stop), in no stop at all: those words stop mid-thought, so
    the summary may not end a sentence there. When the sentence splitter left an earlier
    sentence end inside the span ("... on Friday. Officials said the..."), the words up to it
    are complete and stay.
    """
    words = span.of(text).rstrip()
    if not _CUT.search(words) and not (ended and not _STOP.search(words)):
        return span
    ends = [m.end() for m in _SENTENCE_END.finditer(words)]
    if not ends:
        return None
    return _trim(text, Span(span.start, span.start + ends[-1]))


def _outlet(article: Article) -> str:
    return article.outlet.name if article.outlet else ""


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
    min_support: int = 0,
) -> list[_Candidate]:
    """Greedy: the best-scoring candidate that tells something new and is backed by
    ``min_support`` independent outlets, until a limit is reached."""
    pool = [c for c in candidates if c.support >= min_support]
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
    """Says again what a chosen sentence said.

    * A fact told again: alignment put the candidate and a chosen sentence in one fact, and
      ``covered`` of the candidate's content words are already said, in the same or similar
      words (``_covered``). Alignment alone is too loose (a sentence that adds the vote count
      to a told event shares its fact); word coverage alone misses paraphrases.
    * Most of the same words (term cosine above ``redundancy``).
    * The same event in other words: one time anchor and ``event_names`` names in common
      (events.py), with some of the same words.
    """
    if not chosen:
        return False
    told = {f.id for c in chosen for f in c.facts}
    if any(f.id in told for f in candidate.facts) and _covered(candidate, chosen) >= w.covered:
        return True
    for other in chosen:
        overlap = cosine(candidate.counts, other.counts)
        if overlap > w.redundancy:
            return True
        if overlap >= w.event_overlap and same_event(
            candidate.event, other.event, min_names=w.event_names
        ):
            return True
    return False


def _covered(candidate: _Candidate, chosen: list[_Candidate]) -> float:
    """The share of the candidate's content words that the chosen sentences already say, in
    the same or similar words: BERTScore's recall, over static word vectors (extract/_static),
    so that "fired" meets "dismissed"."""
    words = _words(candidate.text)
    said = [w for c in chosen for w in _words(c.text)]
    if not words or not said:
        return 0.0
    a, b = bag(words), bag(said)
    similarity = a.vectors @ b.vectors.T
    np.clip(similarity, 0.0, 1.0, out=similarity)
    similarity[a.ids[:, None] == b.ids[None, :]] = 1.0
    return float(similarity.max(axis=1).mean())


def _words(text: str) -> list[str]:
    """The content words of a text, lower-cased but not stemmed (vectors are per word)."""
    return [t.lower() for t in _WORD.findall(text) if stem(t) not in STOPWORDS]


_CLOSING = "\"'”’)]"


def attributed(text: str, outlet: str, opinion: bool = False) -> str:
    """The sentence with its source named: "..., according to <outlet>." An opinion piece is
    named as one ("according to an opinion piece in <outlet>"); an unnamed outlet is "one
    outlet". A sentence that already names the outlet as its source is left as it is."""
    name = outlet or "one outlet"
    if opinion:
        name = f"an opinion piece in {outlet}" if outlet else "an opinion piece"
    if outlet and f"according to {outlet}".lower() in text.lower():
        return text
    body = text.rstrip()
    closing = ""
    while body and body[-1] in _CLOSING:
        closing = body[-1] + closing
        body = body[:-1]
    if body.endswith((".", ",")) and not body.endswith("..."):
        return f"{body[:-1]},{closing} according to {name}."
    if body.endswith(("!", "?")):
        return f"{text.rstrip()} (according to {name})"
    return f"{text.rstrip()}, according to {name}"


def _sentence(candidate: _Candidate) -> SummarySentence:
    """The sentence cites its own span first, then the other outlets' spans of its facts."""
    cited = [candidate.citation]
    for fact in candidate.facts:
        cited.extend(c for c in fact.claims if c.article_id != candidate.citation.article_id)
    alone = candidate.opinion or candidate.support < 2
    text = attributed(candidate.text, candidate.source, candidate.opinion) if alone else None
    return SummarySentence(
        text=text or candidate.text,
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
    listed: dict[str, str] = {}  # one line per wording: alignment may split a fact's pages
    for _, fact in ranked:
        listed.setdefault(" ".join(fact.text.casefold().split()), fact.id)
    return tuple(listed.values())[:limit]


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
