"""The seed story end to end: timeline dates, who said what, entities merged, inferred date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsfuse.model import Article, Report, TimelineEntry
from newsfuse.pipeline import digest_paths

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"


@pytest.fixture(scope="module")
def report() -> Report:
    return digest_paths([str(SEEDS)])


def _by_seed(report: Report) -> dict[str, Article]:
    return {Path(a.source).name[:3]: a for a in report.articles}


def _entry(report: Report, day: date, *words: str) -> TimelineEntry:
    """The best-supported entry on that day whose cited sentences use one of the words."""
    articles = {a.id: a for a in report.articles}
    candidates = [
        e for e in report.timeline
        if e.start == day and any(
            w in c.span.of(articles[c.article_id].text).lower()
            for c in e.citations for w in words
        )
    ]  # fmt: skip
    assert candidates, f"no timeline entry on {day} about {words}"
    return max(candidates, key=lambda e: len(e.citations))


def _seeds_cited(report: Report, entry: TimelineEntry) -> set[str]:
    names = {a.id: Path(a.source).name[:3] for a in report.articles}
    return {names[c.article_id] for c in entry.citations}


def test_undated_article_gets_an_inferred_date(report: Report) -> None:
    published = _by_seed(report)["003"].published
    assert published is not None
    assert published.inferred
    assert published.at.date() == date(2023, 9, 15)


def test_timeline_summit_plant_visit_and_departure(report: Report) -> None:
    summit = _entry(report, date(2023, 9, 13), "meeting", "summit", "met ", "talks")
    assert {"002", "003", "004"} <= _seeds_cited(report, summit)
    visit = _entry(report, date(2023, 9, 15), "plant", "factor", "aviation", "fighter jets")
    assert {"000", "001", "002"} <= _seeds_cited(report, visit)
    departure = _entry(report, date(2023, 9, 17), "home")
    assert "004" in _seeds_cited(report, departure)
    days = [e.start for e in report.timeline]
    assert days == sorted(days)


@pytest.mark.parametrize(
    ("speaker", "words", "min_variants"),
    [
        ("Dmitry Peskov", "No agreements were signed", 1),
        ("Dmitry Peskov", "a rifle from our production", 1),
        ("Denis Manturov", "potential for cooperation", 2),
        ("Mikhail Degtyarev", "Our fathers and grandfathers", 2),
    ],
)
def test_quotes_are_attributed(report: Report, speaker: str, words: str, min_variants: int) -> None:
    articles = {a.id: a for a in report.articles}
    groups = [
        g for g in report.quotes
        if any(words in c.span.of(articles[c.article_id].text) for c in g.variants)
    ]  # fmt: skip
    assert groups, words
    assert all(g.speaker == speaker for g in groups), [(g.speaker, g.text) for g in groups]
    assert max(len(g.variants) for g in groups) >= min_variants


def test_entities_merge_spellings_and_roles(report: Report) -> None:
    kim = next(e for e in report.entities if "Kim Jong-un" in e.variants)
    assert {"Kim Jong Un", "Mr Kim"} <= set(kim.variants)
    assert any(v.lower() == "the north korean leader" for v in kim.variants)
    assert "Kim Jong-il" not in kim.variants
    city = next(e for e in report.entities if "Komsomolsk-on-Amur" in e.variants)
    assert "Komsomolsk-on-Amure" in city.variants
    peskov = next(e for e in report.entities if "Dmitry Peskov" in e.variants)
    assert "Peskov" in peskov.variants
