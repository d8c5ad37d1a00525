"""The story's timeline: events on absolute dates, each citing every sentence that reports it.

An event is a sentence with a calendar date in it (its time expressions are already resolved
against the article's own publication day, so one outlet's "on Wednesday" and another's
"Wednesday's summit" land on the same day). Two expressions need the rest of the story:

* "two days after meeting Putin" is dated from the day the story gives that meeting;
* an article with no date gets one inferred: the publication day that makes its events line
  up best with the events the other articles date (the basis says which, and how many).

Sentences on the same day are one event when they report the same kind of happening (a
table of event words) or share most of their content words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from heapq import heapify, heappop, heappush
from itertools import pairwise

from newsfuse.model import (
    Article,
    Citation,
    Precision,
    Published,
    Span,
    TimeExpression,
    TimelineEntry,
    content_id,
)

# Words that name a kind of happening; sentences on one day sharing a kind report one event.
EVENT_KINDS: dict[str, tuple[str, ...]] = {
    "meet": ("meet", "met", "meeting", "summit", "talks", "discussions", "held discussions"),
    "visit": ("visit", "visited", "visiting", "tour", "toured", "touring", "inspect",
              "inspected", "inspection"),
    "leave": ("leave", "left", "depart", "departed", "departure", "way home", "head home",
              "heads home", "headed home", "farewell"),
    "arrive": ("arrive", "arrived", "arrival", "arriving", "landed"),
    "sign": ("sign", "signed", "signing", "agreement", "deal"),
    "attack": ("attack", "attacked", "strike", "struck", "bombed", "shelling", "killed"),
    "announce": ("announce", "announced", "announcement", "confirmed", "declared"),
    "vote": ("vote", "voted", "election", "elected", "ballot"),
}  # fmt: skip
_KIND_PATTERNS = {
    kind: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
    for kind, words in EVENT_KINDS.items()
}
_WORD = re.compile(r"[A-Za-z][\w'’-]+")
_STOP = frozenset(
    "the a an and or but of to in on at for with by from as is are was were be been it its "
    "this that he she they his her their after before during also had has have will would "
    "said says mr mrs ms who which when where while than then there into over more most".split()
)
_RELATIVE = re.compile(r"\s*(?:after|before|since)\s+(?P<phrase>[^.,;:!?]{3,120})", re.IGNORECASE)
_DAYS = re.compile(r"^P(?P<n>\d+)(?P<unit>[DW])$")
_DATED_TYPES = frozenset({"DATE", "TIME"})
_SAME_EVENT = 0.5

Timexer = Callable[[str, datetime | None], tuple[TimeExpression, ...]]


@dataclass(frozen=True)
class Event:
    """One dated sentence of one article."""

    article_id: str
    outlet: str
    sentence: Span
    text: str
    day: date
    precision: Precision
    value: str
    kinds: frozenset[str]
    words: frozenset[str]


def build_timeline(articles: Sequence[Article]) -> tuple[TimelineEntry, ...]:
    """Dated events of the story, merged across outlets and ordered by date."""
    events = [e for article in articles for e in dated_events(article)]
    events += anchored_events(articles, events)
    return tuple(_to_entry(group) for group in _merge(events))


def dated_events(article: Article) -> list[Event]:
    """Sentences of the article that carry a calendar date, one event per (sentence, date)."""
    events: dict[tuple[int, str], Event] = {}
    quoted = [q.content for q in article.quotes if q.direct]
    locate = SentenceLocator(article)
    for timex in article.timexes:
        if timex.type not in _DATED_TYPES or timex.start is None or timex.precision is None:
            continue
        if any(q.start <= timex.span.start < q.end for q in quoted):
            continue  # a speaker's "today" is the speaker's, not the report's
        sentence = locate(timex.span)
        event = _event(article, sentence, timex.start, timex.precision, timex.value[:10])
        events.setdefault((sentence.start, event.value), event)
    return list(events.values())


def anchored_events(articles: Sequence[Article], known: list[Event]) -> list[Event]:
    """ "N days after <event>": dated from the day the story gives the anchoring event."""
    found = []
    anchors: _Anchors | None = None  # indexed at the first relative date: most stories have none
    for article in articles:
        locate = SentenceLocator(article)
        for timex in article.timexes:
            days = _duration_days(timex)
            match = _RELATIVE.match(article.text, timex.span.end) if days else None
            if match is None or days is None:
                continue
            sign = -1 if match.group(0).strip().lower().startswith("before") else 1
            sentence = locate(timex.span)
            anchors = anchors or _Anchors(known)
            anchor = anchors.day(match.group("phrase"), (article.id, sentence))
            day = _shifted(anchor, sign * days) if anchor is not None else None
            if day is not None:
                found.append(_event(article, sentence, day, "day", day.isoformat()))
    return found


def _shifted(day: date, days: int) -> date | None:
    """The day ``days`` after ``day``; None off Python's calendar (years 1 to 9999), which an
    untrusted publication date can sit at the edge of."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def infer_publication(
    article: Article, others: Sequence[Article], timexer: Timexer
) -> Article | None:
    """A dated copy of an undated article, or None when its events match nobody's."""
    known = [e for other in others for e in dated_events(other)]
    days = sorted({o.published.at.date() for o in others if o.published is not None})
    best: tuple[int, date, Article] | None = None
    near = {_shifted(d, k) for d in days for k in (-1, 0, 1)}
    for candidate in sorted(d for d in near if d is not None):
        at = datetime(candidate.year, candidate.month, candidate.day, tzinfo=UTC)
        trial = replace(article, timexes=timexer(article.text, at))
        score = sum(_support(event, known) for event in dated_events(trial))
        if score and (best is None or score > best[0]):
            best = (score, candidate, trial)
    if best is None:
        return None
    score, day, trial = best
    basis = (
        f"inferred from the story: dated {day.isoformat()}, its events then match {score} "
        "event report(s) dated by the other articles; no date in the source"
    )
    at = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return replace(trial, published=Published(at, "day", basis, False, inferred=True))


def sentence_of(article: Article, span: Span) -> Span:
    """The first of the article's sentences that holds the span's start, else the span."""
    for sentence in article.sentences:
        if sentence.start <= span.start < sentence.end:
            return sentence
    return Span(span.start, span.end)


class SentenceLocator:
    """``sentence_of`` for many spans of one article: a bisection, not a scan of every
    sentence per span (an article of 100,000 one-line sentences is an input too)."""

    def __init__(self, article: Article) -> None:
        self._article = article
        sentences = article.sentences
        # sorted and disjoint, as the language layer gives them: the one holding a
        # position is the last that starts at or before it; otherwise scan as sentence_of
        self._sorted = all(a.end <= b.start for a, b in pairwise(sentences))
        self._starts = [s.start for s in sentences]

    def __call__(self, span: Span) -> Span:
        if not self._sorted:
            return sentence_of(self._article, span)
        index = bisect_right(self._starts, span.start) - 1
        if index >= 0 and span.start < self._article.sentences[index].end:
            return self._article.sentences[index]
        return Span(span.start, span.end)


def _event(article: Article, sentence: Span, day: date, precision: Precision, value: str) -> Event:
    text = sentence.of(article.text)
    return Event(
        article_id=article.id,
        outlet=article.outlet.name if article.outlet else "unknown outlet",
        sentence=sentence,
        text=text,
        day=day,
        precision=precision,
        value=value,
        kinds=_kinds(text),
        words=_content_words(text),
    )


def _content_words(text: str) -> frozenset[str]:
    return frozenset(w.casefold()[:6] for w in _WORD.findall(text) if w.casefold() not in _STOP)


def _duration_days(timex: TimeExpression) -> int | None:
    match = _DAYS.match(timex.value) if timex.type == "DURATION" else None
    if match is None:
        return None
    return int(match.group("n")) * (7 if match.group("unit") == "W" else 1)


class _Anchors:
    """The day the story gives the happening a phrase names ("meeting Putin").

    Candidates are day-precise events of the same kind as the phrase's first event word;
    each day scores the words its events share with the phrase, summed, so a happening
    several outlets date outweighs one sentence that mentions it in passing. Without an
    event word, the events sharing at least two words with the phrase count.

    The story's events are indexed once, not scanned for every phrase (there are more of
    both as a story grows). A day's score sums ``shared + 1`` over its candidate events. For
    an event word, that is the day's count of events of that kind plus, for each of the
    phrase's words, the day's count of events of that kind holding the word, each counted
    once in advance; the sentence that holds the phrase is then taken back out. Without
    one, the events sharing two words are found from the words' postings. A tie goes to the
    day whose first candidate comes first in ``known``, as a scan of ``known`` would order
    them.
    """

    def __init__(self, known: list[Event]) -> None:
        self._known = known
        self._kind_days: dict[str, dict[date, list[int]]] = {}
        self._kind_words: dict[tuple[str, str], Counter[date]] = {}
        self._postings: dict[str, list[int]] = {}
        self._sentences: dict[tuple[str, Span], list[int]] = {}
        for index, event in enumerate(known):
            if event.precision != "day":
                continue
            self._sentences.setdefault((event.article_id, event.sentence), []).append(index)
            for word in event.words:
                self._postings.setdefault(word, []).append(index)
            for kind in event.kinds:
                self._kind_days.setdefault(kind, {}).setdefault(event.day, []).append(index)
                for word in event.words:
                    self._kind_words.setdefault((kind, word), Counter())[event.day] += 1

    def day(self, phrase: str, exclude: tuple[str, Span]) -> date | None:
        words = _content_words(phrase)
        primary = _first_kind(phrase)
        excluded = set(self._sentences.get(exclude, ()))
        scores: dict[date, tuple[int, int]] = {}  # day: (score, its first event's index)
        if primary is not None:
            days = self._kind_days.get(primary, {})
            shared: Counter[date] = Counter()
            for word in words:
                shared.update(self._kind_words.get((primary, word), {}))
            for day, indices in days.items():
                score = len(indices) + shared[day]
                first = indices[0]
                if excluded:
                    gone = [k for k in indices if k in excluded]
                    score -= sum(len(words & self._known[k].words) + 1 for k in gone)
                    first = next((k for k in indices if k not in excluded), -1)
                if first >= 0:
                    scores[day] = (score, first)
        else:
            counts = Counter(k for word in words for k in self._postings.get(word, ()))
            for index in sorted(k for k, n in counts.items() if n >= 2 and k not in excluded):
                day = self._known[index].day
                score, first = scores.get(day, (0, index))
                scores[day] = (score + counts[index] + 1, first)
        if not scores:
            return None
        return min(scores, key=lambda d: (-scores[d][0], scores[d][1]))


def _first_kind(text: str) -> str | None:
    found = [(m.start(), kind) for kind, p in _KIND_PATTERNS.items() if (m := p.search(text))]
    return min(found)[1] if found else None


def _kinds(text: str) -> frozenset[str]:
    return frozenset(k for k, p in _KIND_PATTERNS.items() if p.search(text))


def _similarity(a: Event, b: Event) -> float:
    """Half for reporting the same kind of happening, plus the share of words in common."""
    smaller = min(len(a.words), len(b.words)) or 1
    return 0.5 * bool(a.kinds & b.kinds) + len(a.words & b.words) / smaller


def _same_event(a: Event, b: Event) -> bool:
    return a.value == b.value and _similarity(a, b) >= _SAME_EVENT


def _support(event: Event, known: list[Event]) -> int:
    return len({k.article_id for k in known if _same_event(event, k)})


def _merge(events: list[Event]) -> list[list[Event]]:
    """Average-linkage clustering of the events of each date; one cluster, one entry."""
    by_value: dict[str, list[Event]] = {}
    seen: set[tuple[str, str, Span]] = set()
    for event in sorted(events, key=lambda e: (e.value, e.article_id, e.sentence.start)):
        key = (event.value, event.article_id, event.sentence)
        if key not in seen:
            seen.add(key)
            by_value.setdefault(event.value, []).append(event)
    groups = [group for same in by_value.values() for group in _cluster(same)]
    return sorted(groups, key=lambda g: (g[0].day, g[0].value, -len(g)))


def _cluster(events: list[Event]) -> list[list[Event]]:
    """Merge the pair of clusters with the highest average linkage (ties: the later pair)
    until none reaches ``_SAME_EVENT``.

    Events with the same words and kinds are one item from the start, counted by how many
    they are (a thousand "today" lines of one date would otherwise cost a million
    comparisons), and linkages are weighted by those counts, so the clusters are those of
    the events one by one. Similarities are computed only for items that share a word or a
    kind (the others' is 0), and linkages kept in a heap, recomputed only for a merged
    cluster and the clusters linked to it: the same merges, in the same order, as rescanning
    every pair after each merge, without its cubic cost. Clusters are keyed by their first
    item's index, whose order is their order in the list.
    """
    items: dict[tuple[frozenset[str], frozenset[str], int], list[int]] = {}
    for n, event in enumerate(events):
        alike = _similarity(event, event) >= _SAME_EVENT  # else copies would stay apart
        items.setdefault((event.words, event.kinds, -1 if alike else n), []).append(n)
    groups = list(items.values())
    count = [len(g) for g in groups]
    size = len(groups)
    similarity: list[dict[int, float]] = [{} for _ in groups]  # zeros left out
    postings: dict[str, list[int]] = {}
    for i, g in enumerate(groups):
        first = events[g[0]]
        for key in (*first.words, *("~" + k for k in first.kinds)):
            postings.setdefault(key, []).append(i)
    for i, g in enumerate(groups):
        a = events[g[0]]
        near = {j for key in (*a.words, *("~" + k for k in a.kinds)) for j in postings[key]}
        for j in near:
            if j > i and (score := _similarity(a, events[groups[j][0]])):
                similarity[i][j] = similarity[j][i] = score
    members: dict[int, list[int]] = {i: [i] for i in range(size)}
    owner = list(range(size))  # the cluster each item is in
    version = [0] * size
    heap = [
        (-score, -i, -j, 0, 0)
        for i in range(size)
        for j, score in similarity[i].items()
        if i < j and score >= _SAME_EVENT
    ]
    heapify(heap)
    while heap:
        _, neg_i, neg_j, version_i, version_j = heappop(heap)
        i, j = -neg_i, -neg_j
        if (
            i not in members
            or j not in members
            or (version[i], version[j]) != (version_i, version_j)
        ):
            continue  # a linkage of clusters that have changed since
        for m in members[j]:
            owner[m] = i
        members[i] += members.pop(j)
        version[i] += 1
        linked = {owner[y] for x in members[i] for y in similarity[x]} - {i}
        for k in sorted(linked):
            low, high = min(i, k), max(i, k)
            score = _linkage(members[low], members[high], similarity, count)
            if score >= _SAME_EVENT:
                heappush(heap, (-score, -low, -high, version[low], version[high]))
    return [[events[n] for m in members[i] for n in groups[m]] for i in sorted(members)]


def _linkage(
    a: list[int], b: list[int], similarity: list[dict[int, float]], count: list[int]
) -> float:
    """The mean similarity of the events of two clusters (items weighted by their counts),
    summed in the order a rescan of the events would sum it (zeros change no sum)."""
    total = 0.0
    for x in a:
        row = similarity[x]
        for y in b:
            if y in row:
                total += row[y] * count[x] * count[y]
    return total / (sum(count[x] for x in a) * sum(count[y] for y in b))


def _to_entry(group: list[Event]) -> TimelineEntry:
    # The event sharing most words with the group (each word counted once per event that
    # has it: the sum over the group of shared words, without comparing every pair).
    counts = Counter(w for e in group for w in e.words)
    shown = max(group, key=lambda e: (sum(counts[w] for w in e.words), -len(e.text)))
    citations = tuple(Citation(e.article_id, e.sentence) for e in group)
    precision = Counter(e.precision for e in group).most_common(1)[0][0]
    return TimelineEntry(
        id=content_id("|".join(f"{c.article_id}:{c.span.start}" for c in citations)),
        start=group[0].day,
        precision=precision,
        value=group[0].value,
        text=shown.text,
        citations=citations,
        outlets=tuple(sorted({e.outlet for e in group})),
    )
