"""Claims: each sentence split into atomic statements, each keeping its span and its source.

Why lexical splitting: the fast spaCy pipeline has no dependency parse (see extract/_spacy),
so clause boundaries are read from punctuation and connectives ("; ", ", while ", ", and he
...") and a piece too short to state anything stays with its neighbour. Why quotes decide
attribution: the quote stage already found who said what ("Peskov said", "according to
TASS"), so a statement inside a reported quote keeps that speaker as its attribution instead
of becoming a bare fact; "according to X" without a quote is caught here.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import cast

from newsfuse.align.numbers import quantities
from newsfuse.align.text import count_words, words
from newsfuse.model import (
    Article,
    CitedField,
    Claim,
    Entity,
    EntityMention,
    Quote,
    Span,
    TimeExpression,
    content_id,
)

# Cues that report speech or a source's account; "agree", "show", "welcome" and the like are
# events, not attributions.
REPORTING_CUES = frozenset(
    """say tell announce report reveal disclose confirm claim write add state note warn
    stress according to insist deny explain describe speculate believe estimate accuse
    allege argue suggest expect predict quote cite acknowledge admit assert declare""".split()
) | {"according to"}
_MAX_SPEAKER_WORDS = 7
_MIN_COVER = 0.4  # a quote must cover this share of a sentence to attribute it
_MIN_CONTENT_WORDS = 3
_MIN_SENTENCE_WORDS = 5
_FIELD_TAG = {"text": ""}  # body claim ids stay as they were; other fields are tagged

_CLAUSE_BREAK = re.compile(
    r";\s+"
    r"|,\s+(?:while|whereas|but|although)\s+"
    r"|,?\s+and\s+(?=(?:then\s+|also\s+)?(?:he|she|they|we|it|Mr|Mrs|Ms|[A-Z][a-z]+)\s+"
    r"(?:also\s+|then\s+)?[a-z]+(?:ed|s)\b)"
    r"|,\s+and\s+(?=(?:then\s+|also\s+)?[a-z]+ed\b)"
)
_ACCORDING = re.compile(
    r"(?:,\s*|\s+)according\s+to\s+(?P<src>[^,.;]{3,80}?)\s*[.,;]?\s*$"
    r"|^According\s+to\s+(?P<lead>[^,]{3,80}),\s*",
    re.IGNORECASE,
)
_EDGE = " \t\"'“”‘’,;:–—-([)]…"
_LEADING = re.compile(
    r"^(?:and|but|so|yet|while|whereas|although|also|additionally|however)\b[,\s]*", re.I
)


def entity_index(entities: tuple[Entity, ...] | list[Entity]) -> dict[tuple[str, int], Entity]:
    """Each mention's (article id, start) -> its canonical entity."""
    return {(c.article_id, c.span.start): e for e in entities for c in e.mentions}


def extract_claims(
    article: Article,
    index: Mapping[tuple[str, int], Entity],
    field: str = "text",
    located: Located | None = None,
) -> list[Claim]:
    """The atomic claims of one article, in text order. ``field`` names the string
    ``article.text`` stands for (a headline is wrapped as an article, see sources.py); it
    keeps the ids of a headline's claims apart from the body's."""
    claims: list[Claim] = []
    located = located or Located.of(article)
    for sentence in article.sentences:
        if count_words(article.text, sentence.start, sentence.end) < _MIN_SENTENCE_WORDS:
            continue
        region, attribution = _attributed_region(article, sentence, located.reports)
        for piece in _clauses(article.text, region):
            claims.append(_claim(article, piece, attribution, index, field, located))
    return claims


def sentence_claim(
    article: Article,
    sentence: Span,
    index: Mapping[tuple[str, int], Entity],
    field: str,
    located: Located,
) -> Claim:
    """A whole sentence as a claim, attributed as its reported quote or "according to" says.
    Its id is distinct from a clause claim's on the same span."""
    _, attribution = _attributed_region(article, sentence, located.reports)
    claim = _claim(article, sentence, attribution, index, field, located)
    return replace(claim, id=content_id(f"sentence:{claim.id}"))


@dataclass(frozen=True)
class Located:
    """An article's entity mentions and time expressions in text order, so those inside a
    claim are found by bisection rather than by scanning the article once per claim."""

    mentions: tuple[EntityMention, ...]
    mention_starts: tuple[int, ...]
    timexes: tuple[TimeExpression, ...]
    timex_starts: tuple[int, ...]
    reports: Reports

    @classmethod
    def of(cls, article: Article) -> Located:
        mentions = tuple(sorted(article.entities, key=lambda m: (m.span.start, m.span.end)))
        timexes = tuple(sorted(article.timexes, key=lambda t: (t.span.start, t.span.end)))
        return cls(
            mentions, tuple(m.span.start for m in mentions),
            timexes, tuple(t.span.start for t in timexes),
            Reports.of(article),
        )  # fmt: skip

    def mentions_in(self, span: Span) -> tuple[EntityMention, ...]:
        """Mentions wholly inside ``span``."""
        lo = bisect_left(self.mention_starts, span.start)
        hi = bisect_left(self.mention_starts, span.end)
        return tuple(m for m in self.mentions[lo:hi] if m.span.end <= span.end)

    def timexes_in(self, span: Span) -> tuple[TimeExpression, ...]:
        """Time expressions that start inside ``span``."""
        lo = bisect_left(self.timex_starts, span.start)
        return self.timexes[lo : bisect_left(self.timex_starts, span.end)]


@dataclass(frozen=True)
class Reports:
    """An article's reported quotes (a speaker and a reporting cue), ordered by where their
    content starts, so the quotes over a sentence are found by bisection: scanning them all
    for each sentence grew as an article's sentences times its quotes."""

    quotes: tuple[tuple[int, Quote], ...]  # (position in article.quotes, quote), by start
    starts: tuple[int, ...]
    longest: int  # the longest quote content: none reaches further back than this

    @classmethod
    def of(cls, article: Article) -> Reports:
        found = sorted(
            ((i, q) for i, q in enumerate(article.quotes) if _is_report(q)),
            key=lambda iq: iq[1].content.start,
        )
        longest = max((q.content.end - q.content.start for _, q in found), default=0)
        return cls(tuple(found), tuple(q.content.start for _, q in found), longest)

    def over(self, span: Span) -> list[Quote]:
        """The quotes whose content overlaps ``span``, in the article's order."""
        hi = bisect_left(self.starts, span.end)
        lo = bisect_left(self.starts, span.start - self.longest)
        found = [iq for iq in self.quotes[lo:hi] if iq[1].content.end > span.start]
        return [q for _, q in sorted(found, key=lambda iq: iq[0])]


def _attributed_region(
    article: Article, sentence: Span, reports: Reports
) -> tuple[Span, str | None]:
    """The part of the sentence that states something, and who the article says stated it."""
    quote = _covering_quote(reports.over(sentence), sentence)
    if quote is not None and quote.speaker:
        start = max(quote.content.start, sentence.start)
        end = min(quote.content.end, sentence.end)
        return Span(start, end), quote.speaker
    text = article.text[sentence.start : sentence.end]
    match = _ACCORDING.search(text)
    if match is None:
        return sentence, None
    if match.group("src"):
        return Span(sentence.start, sentence.start + match.start()), _source(match.group("src"))
    return Span(sentence.start + match.end(), sentence.end), _source(match.group("lead"))


def _source(text: str) -> str:
    return re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)


def _covering_quote(reports: list[Quote], sentence: Span) -> Quote | None:
    """The widest reported quote that covers enough of the sentence."""
    best: Quote | None = None
    best_cover = 0
    for quote in reports:
        if quote.content.start >= sentence.end or quote.content.end <= sentence.start:
            continue
        overlap = min(quote.content.end, sentence.end) - max(quote.content.start, sentence.start)
        if overlap > best_cover and overlap >= _MIN_COVER * (sentence.end - sentence.start):
            best, best_cover = quote, overlap
    return best


def _is_report(quote: Quote) -> bool:
    speaker = quote.speaker or ""
    cue = (quote.cue or "").lower()
    return bool(speaker) and len(speaker.split()) <= _MAX_SPEAKER_WORDS and cue in REPORTING_CUES


def _clauses(text: str, region: Span) -> list[Span]:
    """The region cut at clause boundaries; a piece too short to stand alone joins the last."""
    pieces: list[Span] = []
    start = region.start
    for match in _CLAUSE_BREAK.finditer(text, region.start, region.end):
        pieces.append(Span(start, match.start()))
        start = match.end()
    pieces.append(Span(start, region.end))
    merged: list[Span] = []
    for piece in pieces:
        short = min(_content_words(text, piece), _content_words(text, merged[-1])) if merged else 9
        if short < _MIN_CONTENT_WORDS:
            merged[-1] = Span(merged[-1].start, piece.end)
        else:
            merged.append(piece)
    return [t for t in (_trim(text, p) for p in merged) if t.end > t.start]


def _content_words(text: str, span: Span) -> int:
    return sum(1 for w in words(text, span.start, span.end) if w.content)


def _trim(text: str, span: Span) -> Span:
    """No edge punctuation, quote marks or leading connective: the claim starts on a word."""
    start, end = span.start, span.end
    while True:
        while start < end and text[start] in _EDGE:
            start += 1
        lead = _LEADING.match(text, start, end)
        if lead is None or lead.end() == start:
            break
        start = lead.end()
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if text[start:end].count("“") > text[start:end].count("”") and text[end : end + 1] == "”":
        end += 1
    return Span(start, end)


def _claim(
    article: Article,
    span: Span,
    attribution: str | None,
    index: Mapping[tuple[str, int], Entity],
    field: str,
    located: Located,
) -> Claim:
    names = []
    for mention in located.mentions_in(span):
        entity = index.get((article.id, mention.span.start))
        if entity and entity.name not in names:
            names.append(entity.name)
    dates = tuple(
        dict.fromkeys(t.value for t in located.timexes_in(span) if t.type in ("DATE", "TIME"))
    )
    found = quantities(article, span.start, span.end, located.timexes_in(span))
    numbers = tuple(dict.fromkeys(q.key for q in found))
    return Claim(
        id=content_id(f"{article.id}:{_FIELD_TAG.get(field, field + ':')}{span.start}:{span.end}"),
        article_id=article.id,
        span=span,
        text=span.of(article.text),
        attribution=attribution,
        entities=tuple(names),
        numbers=numbers,
        dates=dates,
        field=cast(CitedField, field),
    )
