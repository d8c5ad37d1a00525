"""Timeline: events on absolute dates, merged across outlets, anchored and inferred dates."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime

from newsfuse.model import Article, Outlet, Published, Span, TimeExpression
from newsfuse.summarize.timeline import build_timeline, infer_publication


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


def test_undated_article_gets_an_inferred_date_with_its_basis() -> None:
    dated = _article(
        "a", "Outlet A",
        " The envoy visited the port on Friday. The ministers met in Oslo on Wednesday.",
        {"on Friday": ("DATE", "2024-03-08", FRI), "on Wednesday": ("DATE", "2024-03-06", WED)},
    )  # fmt: skip
    undated = _article("u", "Outlet U", " The envoy visited the port today.", {}, published=None)

    def timexer(text: str, published: datetime | None) -> tuple[TimeExpression, ...]:
        assert published is not None
        at = text.index("today")
        day = published.date()
        return (TimeExpression(Span(at, at + 5), "today", "DATE", day.isoformat(), day, "day"),)

    inferred = infer_publication(undated, [dated], timexer)
    assert inferred is not None and inferred.published is not None
    assert inferred.published.inferred
    assert inferred.published.at.date() == FRI
    assert "inferred" in inferred.published.basis


def test_undated_article_with_nothing_in_common_stays_undated() -> None:
    dated = _article("a", "A", " The envoy visited the port on Friday.",
                     {"on Friday": ("DATE", "2024-03-08", FRI)})  # fmt: skip
    undated = _article("u", "U", " Shares fell sharply in Tokyo.", {}, published=None)
    assert infer_publication(undated, [dated], lambda text, published: ()) is None
