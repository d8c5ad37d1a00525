"""Which event a sentence tells: its time anchors and the names in it.

Two outlets tell one event in different words ("Kim traveled to Komsomolsk-on-Amure" /
"Kim's armoured train arrived in Komsomolsk-on-Amur"), so their term cosine can be low (0.3)
while a reader sees the same sentence twice. What paraphrases of one event keep is its
anchors: the same time ("two days after", "Friday") and the same names (Putin, Kim, the
city), spelled a little differently at most. Those anchors, plus some shared wording, mark a
repeat; sharing names alone does not (every sentence of a story names its actors).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsfuse.model import Article, Span
from newsfuse.summarize.spans import SpanIndex

_NAME_WORD = re.compile(r"[^\W\d_]{3,}")
# Enough letters to tell names apart, few enough that a spelling variant at the end of a
# name ("Amur"/"Amure", "Kim Jong-un"/"Kim Jong Un") still meets its other spelling.
_KEY_LETTERS = 4
# Titles and descriptors inside entity mentions that name no one in particular.
_NOT_NAMES = frozenset("the mr mrs ms dr president leader north south east west new".split())


@dataclass(frozen=True)
class Event:
    """A sentence's time anchors (TIMEX3 values) and name keys (first letters of each word of
    its named-entity mentions)."""

    times: frozenset[str]
    names: frozenset[str]


def event_of(article: Article, span: Span) -> Event:
    """The anchors of the words in ``span`` of ``article``'s text."""
    times = frozenset(t.value for t in article.timexes if _inside(t.span, span) and t.value)
    names = frozenset(
        _keys(m.text for m in article.entities if _inside(m.span, span) and m.label != "ROLE")
    )
    return Event(times, names)


class Anchors:
    """``event_of`` for many spans of one article, through span indexes of its time
    expressions and entity mentions rather than a scan of them all per span."""

    def __init__(self, article: Article) -> None:
        self._times = SpanIndex((t.span, t.value) for t in article.timexes if t.value)
        self._names = SpanIndex((m.span, m.text) for m in article.entities if m.label != "ROLE")

    def __call__(self, span: Span) -> Event:
        return Event(
            frozenset(self._times.inside(span)), frozenset(_keys(self._names.inside(span)))
        )


def same_event(a: Event, b: Event, *, min_names: int) -> bool:
    """One time anchor in common and at least ``min_names`` names in common."""
    return bool(a.times & b.times) and len(a.names & b.names) >= min_names


def _keys(mentions: Iterable[str]) -> set[str]:
    keys = set()
    for mention in mentions:
        for word in _NAME_WORD.findall(mention.lower()):
            if word not in _NOT_NAMES:
                keys.add(word[:_KEY_LETTERS])
    return keys


def _inside(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end
