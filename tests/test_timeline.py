"""Timeline: events on absolute dates, merged across outlets, anchored and inferred dates."""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from newsfuse.model import Article, Outlet, Published, Span, TimeExpression
from newsfuse.summarize.timeline import (
    Event,
    _Anchors,
    _content_words,
    _first_kind,
    _kinds,
    build_timeline,
    infer_publication,
)


def _article(
    article_id: str,
    outlet: str,
    text: str,
    timexes: dict[str, tuple[str, str, date | None]],
    published: date | None = date(2024, 3, 8),
) -> Article:
    """Sentences split on '. '; each given phrase becomes a time expression (type, value)."""
    sentences = [Span(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    found = []
    for phrase, (kind, value, start) in timexes.items():
        at = text.index(phrase)
        span = Span(at, at + len(phrase))
        found.append(TimeExpression(span, phrase, kind, value, start, "day" if start else None))  # type: ignore[arg-type]
    pub = None
    if published is not None:
        at = datetime(published.year, published.month, published.day, tzinfo=UTC)
        pub = Published(at, "day", "test", False)
    return replace(
        Article.from_text(article_id, text),
        published=pub,
        outlet=Outlet(outlet, None, "test"),
        sentences=tuple(sentences),
        timexes=tuple(sorted(found, key=lambda t: t.span.start)),
    )


WED, FRI = date(2024, 3, 6), date(2024, 3, 8)


def test_same_event_from_several_outlets_is_one_entry() -> None:
    one = _article(
        "a", "Outlet A",
        " The ministers met in Oslo on Wednesday. The talks ended without a deal.",
        {"on Wednesday": ("DATE", "2024-03-06", WED)},
    )  # fmt: skip
    two = _article(
        "b", "Outlet B",
        " Wednesday's summit in Oslo was tense. Protesters gathered outside on Friday.",
        {"Wednesday": ("DATE", "2024-03-06", WED), "on Friday": ("DATE", "2024-03-08", FRI)},
    )  # fmt: skip
    timeline = build_timeline([one, two])
    assert [(e.start, e.outlets) for e in timeline] == [
        (WED, ("Outlet A", "Outlet B")),
        (FRI, ("Outlet B",)),
    ]
    summit = timeline[0]
    cited = {
        c.article_id: c.span.of((one if c.article_id == "a" else two).text)
        for c in summit.citations
    }
    assert "met in Oslo on Wednesday" in cited["a"]
    assert "summit in Oslo" in cited["b"]


def test_days_after_an_event_are_dated_from_that_event() -> None:
    one = _article(
        "a", "Outlet A",
        " The ministers met in Oslo on Wednesday for a summit.",
        {"on Wednesday": ("DATE", "2024-03-06", WED)},
    )  # fmt: skip
    two = _article(
        "b", "Outlet B",
        " Two days after meeting the ministers in Oslo, the envoy flew to Rome.",
        {"Two days": ("DURATION", "P2D", None)},
    )  # fmt: skip
    days = {e.start: e.outlets for e in build_timeline([one, two])}
    assert days[FRI] == ("Outlet B",)


def _today(text: str, published: datetime | None) -> tuple[TimeExpression, ...]:
    """A timexer that knows one word: 'today', the day it is told the article was published."""
    assert published is not None
    at = text.index("today")
    day = published.date()
    return (TimeExpression(Span(at, at + 5), "today", "DATE", day.isoformat(), day, "day"),)


def test_undated_article_gets_an_inferred_date_with_its_basis() -> None:
    dated = _article(
        "a", "Outlet A",
        " The envoy visited the port on Friday. The ministers met in Oslo on Wednesday.",
        {"on Friday": ("DATE", "2024-03-08", FRI), "on Wednesday": ("DATE", "2024-03-06", WED)},
    )  # fmt: skip
    undated = _article("u", "Outlet U", " The envoy visited the port today.", {}, published=None)

    inferred = infer_publication(undated, [dated], _today)
    assert inferred is not None and inferred.published is not None
    assert inferred.published.inferred
    assert inferred.published.at.date() == FRI
    assert "inferred" in inferred.published.basis


def test_undated_article_with_nothing_in_common_stays_undated() -> None:
    dated = _article("a", "A", " The envoy visited the port on Friday.",
                     {"on Friday": ("DATE", "2024-03-08", FRI)})  # fmt: skip
    undated = _article("u", "U", " Shares fell sharply in Tokyo.", {}, published=None)
    assert infer_publication(undated, [dated], lambda text, published: ()) is None


@pytest.mark.parametrize("edge", [date.min, date.max])
def test_a_story_dated_at_the_calendar_edge_is_no_crash(edge: date) -> None:
    """An untrusted article dated 0001-01-01 or 9999-12-31: the days either side that would
    fall off the calendar are not candidates, and no event is dated off it."""
    text = " The envoy visited the port today. Two days after the visit he left."
    found = {"today": ("DATE", edge.isoformat(), edge), "Two days": ("DURATION", "P2D", None)}
    dated = _article("a", "A", text, found, published=edge)  # type: ignore[arg-type]
    undated = _article("u", "U", " The envoy visited the port today.", {}, published=None)

    inferred = infer_publication(undated, [dated], _today)
    assert inferred is not None and inferred.published is not None
    assert inferred.published.at.date() == edge
    assert build_timeline([dated, inferred])


def _scanned_anchor_day(phrase: str, known: list[Event], exclude: tuple[str, Span]) -> date | None:
    """The anchor day as a scan of every known event scores it (the reference)."""
    words = _content_words(phrase)
    primary = _first_kind(phrase)
    by_day: Counter[date] = Counter()
    for event in known:
        if event.precision != "day" or (event.article_id, event.sentence) == exclude:
            continue
        if primary is not None and primary not in event.kinds:
            continue
        shared = len(words & event.words)
        if primary is not None or shared >= 2:
            by_day[event.day] += shared + 1
    return by_day.most_common(1)[0][0] if by_day else None


@pytest.mark.parametrize("seed", range(4))
def test_anchor_days_are_those_of_scanning_every_event(seed: int) -> None:
    """The indexed anchor search scores days as a scan of every event does, ties included."""
    rng = random.Random(seed)
    vocabulary = (
        "summit visit signed Putin Kim train border talks Moscow leader city port arrived left "
        "deal plant"
    ).split()
    days = [date(2024, 3, d) for d in range(1, 8)]
    known = []
    for n in range(120):
        text = " ".join(rng.sample(vocabulary, rng.randint(1, 6)))
        day = rng.choice(days)
        known.append(
            Event(f"a{n % 9}", "outlet", Span(n % 5, n % 5 + 1), text, day,
                  rng.choice(["day", "day", "month"]), day.isoformat(), _kinds(text),
                  _content_words(text))
        )  # fmt: skip
    anchors = _Anchors(known)
    for _ in range(60):
        phrase = " ".join(rng.sample(vocabulary, rng.randint(1, 5)))
        at = rng.randrange(5)
        exclude = (f"a{rng.randrange(9)}", Span(at, at + 1))
        assert anchors.day(phrase, exclude) == _scanned_anchor_day(phrase, known, exclude)
