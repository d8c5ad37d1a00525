"""Group the quotes of a story: one statement, as each outlet printed or paraphrased it.

Outlets translate the same remark differently ("fought Japanese militarism together" /
"fought together against Japanese militarism") or report it indirectly. Two quotes are one
statement when their speakers resolve to the same entity and they share most content words,
or, whoever the speaker, when they share nearly all of them.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from newsfuse.model import Article, Citation, Entity, Quote, QuoteGroup, content_id
from newsfuse.resolve.entities import name_key
from newsfuse.unionfind import DisjointSets

_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")
_STOPWORDS = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been being it "
    "its this that these those we our you your he his she her they their them i me my not no "
    "will would can could should has have had do does did so than then there here also into "
    "about over under more most very just".split()
)
_SAME_SPEAKER_OVERLAP = 0.5
_ANY_SPEAKER_OVERLAP = 0.8
_MIN_WORDS = 3


@dataclass(frozen=True)
class _Item:
    article_id: str
    quote: Quote
    text: str
    speaker_id: str | None
    words: frozenset[str]


@dataclass(frozen=True)
class _Speakers:
    """The story's entities looked up two ways: mentions by article, names by key."""

    mentions: dict[str, list[tuple[Citation, Entity]]]
    names: dict[str, str]

    @classmethod
    def of(cls, entities: tuple[Entity, ...]) -> _Speakers:
        mentions: dict[str, list[tuple[Citation, Entity]]] = defaultdict(list)
        names: dict[str, str] = {}
        for entity in entities:
            for cited in entity.mentions:
                mentions[cited.article_id].append((cited, entity))
            for variant in entity.variants:
                names.setdefault(name_key(variant), entity.id)  # the first entity wins
        return cls(mentions, names)


def group_quotes(articles: Iterable[Article], entities: Iterable[Entity]) -> tuple[QuoteGroup, ...]:
    """Quote groups in order of first appearance; every quote of every article is in one."""
    entities = tuple(entities)
    speakers = _Speakers.of(entities)
    items = [_item(article, quote, speakers) for article in articles for quote in article.quotes]
    statements = DisjointSets(len(items))
    first: dict[tuple[str, frozenset[str], str | None], int] = {}
    copies: list[tuple[int, int]] = []  # (a repeat within its article, its first)
    for i, item in enumerate(items):
        key = (item.article_id, item.words, item.speaker_id)
        if key in first:
            copies.append((i, first[key]))
        else:
            first[key] = i
    distinct = sorted(first.values())
    for i, j in _candidates([items[k] for k in distinct]):
        a, b = items[distinct[i]], items[distinct[j]]
        if a.article_id != b.article_id and _same_statement(a, b):
            statements.union(distinct[i], distinct[j])
    # A quote an article repeats joins whatever its first telling joined: it would have matched
    # the same quotes of other articles (comparing every repeat cost the square of them).
    sizes = Counter(statements.find(k) for k in distinct)
    for copy, original in copies:
        if sizes[statements.find(original)] > 1:
            statements.union(copy, original)
    names = {e.id: e.name for e in entities}
    return tuple(_to_group([items[i] for i in group], names) for group in statements.groups())


def _candidates(items: list[_Item]) -> list[tuple[int, int]]:
    """Pairs (i, j), j < i, that share enough words to be one statement; never all pairs.

    Two quotes are one statement only if they share at least half the words of the shorter
    (``_SAME_SPEAKER_OVERLAP``, the lower threshold). With each quote's words ordered rarest
    first, the shorter one's share must then include one of its first ``n - ceil(n / 2) + 1``
    words (prefix filtering), so each quote looks up only those words, and only in quotes at
    least as long (ties by index): every qualifying pair is found once, and rare words keep
    the lookups short.
    """
    frequency = Counter(w for item in items for w in item.words)
    postings: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        for word in item.words:
            postings[word].append(index)
    pairs: set[tuple[int, int]] = set()
    for i, item in enumerate(items):
        size = len(item.words)
        if size < _MIN_WORDS:
            continue
        ordered = sorted(item.words, key=lambda w: (frequency[w], w))
        for word in ordered[: size - math.ceil(size * _SAME_SPEAKER_OVERLAP) + 1]:
            for j in postings[word]:
                other = len(items[j].words)
                if j != i and (other > size or (other == size and j > i)):
                    pairs.add((max(i, j), min(i, j)))
    return sorted(pairs)


def _item(article: Article, quote: Quote, speakers: _Speakers) -> _Item:
    text = quote.content.of(article.text)
    return _Item(
        article.id, quote, text, _speaker_entity(article.id, quote, speakers), _content(text)
    )


def _speaker_entity(article_id: str, quote: Quote, speakers: _Speakers) -> str | None:
    """The entity whose mention is the speaker, else whose name the speaker resolved to."""
    if quote.speaker_span is not None:
        span = quote.speaker_span
        best: tuple[int, int, str] | None = None
        for cited, entity in speakers.mentions.get(article_id, ()):
            overlap = min(span.end, cited.span.end) - max(span.start, cited.span.start)
            # the mention must be most of the speaker phrase: "Russian" does not name
            # the "Russian government"
            if overlap * 2 > span.end - span.start:
                rank = (overlap, entity.label == "PERSON", entity.id)
                best = max(best, rank) if best else rank
        if best is not None:
            return best[2]
    if quote.speaker:
        return speakers.names.get(name_key(quote.speaker))
    return None


def _content(text: str) -> frozenset[str]:
    return frozenset(
        w.casefold()[:6] for w in _WORD.findall(text) if w.casefold() not in _STOPWORDS
    )


def _same_statement(a: _Item, b: _Item) -> bool:
    if min(len(a.words), len(b.words)) < _MIN_WORDS:
        return False
    overlap = len(a.words & b.words) / min(len(a.words), len(b.words))
    same_speaker = a.speaker_id is not None and a.speaker_id == b.speaker_id
    return overlap >= (_SAME_SPEAKER_OVERLAP if same_speaker else _ANY_SPEAKER_OVERLAP)


def _to_group(members: list[_Item], names: dict[str, str]) -> QuoteGroup:
    speaker_ids = [m.speaker_id for m in members if m.speaker_id]
    # the most frequent; a tie goes to the first named (a set's order would vary by run)
    speaker_id = Counter(speaker_ids).most_common(1)[0][0] if speaker_ids else None
    speaker = names.get(speaker_id or "") or next(
        (m.quote.speaker for m in members if m.quote.speaker), None
    )
    shown = max(members, key=lambda m: (m.quote.direct, len(m.text)))
    citations = tuple(Citation(m.article_id, m.quote.content) for m in members)
    return QuoteGroup(
        id=content_id("|".join(f"{c.article_id}:{c.span.start}" for c in citations)),
        speaker=speaker,
        speaker_entity_id=speaker_id,
        text=shown.text,
        direct=any(m.quote.direct for m in members),
        variants=citations,
    )
