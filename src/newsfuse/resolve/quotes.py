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
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from newsfuse.model import Article, Citation, Entity, Quote, QuoteGroup, Span, content_id
from newsfuse.resolve.entities import name_key
from newsfuse.summarize.spans import SpanIndex
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
    """The story's entities looked up two ways: mentions by article (indexed by span, so a
    quote's speaker meets only the mentions it overlaps, not its whole article's), names by
    key."""

    mentions: dict[str, SpanIndex[tuple[Citation, Entity]]]
    names: dict[str, str]

    @classmethod
    def of(cls, entities: tuple[Entity, ...]) -> _Speakers:
        mentions: dict[str, list[tuple[Span, tuple[Citation, Entity]]]] = defaultdict(list)
        names: dict[str, str] = {}
        for entity in entities:
            for cited in entity.mentions:
                mentions[cited.article_id].append((cited.span, (cited, entity)))
            for variant in entity.variants:
                names.setdefault(name_key(variant), entity.id)  # the first entity wins
        return cls({a: SpanIndex(found) for a, found in mentions.items()}, names)


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
    candidates = _Candidates([items[k] for k in distinct])
    for i, j in candidates.pairs():
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


class _Candidates:
    """Pairs of quotes that may be one statement, found through an index, never all pairs.

    Two quotes are one statement only if they share a share of the shorter one's words: half
    (``_SAME_SPEAKER_OVERLAP``) when one entity speaks both, else four fifths
    (``_ANY_SPEAKER_OVERLAP``). So there are two searches: every quote against every other
    at the higher share, and each speaker's quotes against that speaker's alone at the lower
    (a speaker's postings hold only their own quotes, so the story's common words, "oil",
    "spill", stay cheap).

    Each search filters by prefix. Every quote's words are ordered one way for the story,
    rarest first. A quote of ``n`` words needing ``k`` in common with a longer (or as long,
    later) one lacks at most ``n - k`` of them, so the longer one holds at least two of its
    first ``n - k + 2`` (pigeonhole): the candidates are the quotes in two of those words'
    postings (sets, gone through once: those seen in an earlier posting that are in this
    one). Requiring one shared word of the first ``n - k + 1`` instead made a short quote of
    the story's common words ("the oil spill disaster") a candidate of every long quote
    holding its rarest word, a count that grows as the square of the story (873,000
    candidates for 3,800 statements at 400 articles); two words at once leave about 20,000.
    Every pair sharing ``k`` words is still found.
    """

    def __init__(self, items: list[_Item]) -> None:
        self._items = items
        frequency = Counter(w for item in items for w in item.words)
        self._ordered = [sorted(item.words, key=lambda w: (frequency[w], w)) for item in items]

    def pairs(self) -> list[tuple[int, int]]:
        """Pairs (i, j), j < i, sharing enough words for their speakers' threshold."""
        found = self._search(lambda item: "", _ANY_SPEAKER_OVERLAP)
        found |= self._search(lambda item: item.speaker_id, _SAME_SPEAKER_OVERLAP)
        return sorted(found)

    def _search(self, block: Callable[[_Item], str | None], share: float) -> set[tuple[int, int]]:
        """Pairs of one block (all quotes, or one speaker's) that may share ``share``."""
        postings: dict[tuple[str, str], set[int]] = defaultdict(set)
        for index, (item, ordered) in enumerate(zip(self._items, self._ordered, strict=True)):
            key = block(item)
            if key is not None:
                for word in ordered:
                    postings[(key, word)].add(index)
        pairs: set[tuple[int, int]] = set()
        for i, (item, ordered) in enumerate(zip(self._items, self._ordered, strict=True)):
            key, size = block(item), len(ordered)
            if key is None or size < _MIN_WORDS:
                continue
            need = _needed(size, share)
            together = min(need, 2)  # how many of the prefix words a candidate must hold
            once: set[int] = set()  # holding one of the prefix words so far
            found: set[int] = set()  # holding ``together`` of them
            for word in ordered[: size - need + together]:
                posting = postings[(key, word)]
                if together == 1:
                    found |= posting
                else:
                    found |= once & posting
                    once |= posting
            for j in found:
                other = len(self._ordered[j])
                if other > size or (other == size and j > i):
                    pairs.add((i, j) if i > j else (j, i))
        return pairs


def _needed(size: int, share: float) -> int:
    """The fewest words of ``size`` that make ``share`` as ``_same_statement`` computes it."""
    need = math.ceil(size * share)
    while need > 0 and (need - 1) / size >= share:
        need -= 1
    while need / size < share:
        need += 1
    return need


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
        mentions = speakers.mentions.get(article_id)
        for cited, entity in mentions.overlapping(span) if mentions is not None else ():
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
