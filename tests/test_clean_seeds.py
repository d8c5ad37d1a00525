"""The five seed articles: metadata, where each body starts and ends, and what was removed."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from newsfuse.model import Article
from newsfuse.pipeline import digest_paths

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    report = digest_paths([str(SEEDS)])
    assert not report.rejections
    return {Path(a.source).name[:3]: a for a in report.articles}


# name -> title, authors, published (ISO, or None), UTC offset hours, outlet, url
EXPECTED = {
    "000": (
        "Kim Jong-un unexpectedly extends visit to Russia as he gleefully tours more "
        "weapons facilities",
        ("Shweta Sharma",),
        "2023-09-15T11:09",
        1,
        "The Independent",
        None,
    ),
    "001": (
        "North Korea's Kim Tours Russian Fighter Jet Plant",
        (),
        "2023-09-15T00:00",
        None,
        "The Moscow Times",
        "https://www.themoscowtimes.com/2023/09/15/"
        "north-koreas-kim-tours-russian-fighter-jet-plant-a82470",
    ),
    "002": (None, (), "2023-09-15T01:03", None, "The Guardian", None),
    "003": ("Kim visits military aviation plant in Russia’s far east", (), None, None, None, None),
    "004": (
        "North Korea’s Kim Jong-un heads home after six-day Russian state visit",
        ("Alisha Rahaman Sarkar",),
        "2023-09-17T12:26",
        1,
        "The Independent",
        None,
    ),
}

FIRST_AND_LAST = {
    "000": (
        "North Korea’s Kim Jong-un has extended his trip",
        "did not elaborate on Mr Putin’s plans.",
    ),
    "001": (
        "North Korean leader Kim Jong Un inspected Russia's fighter jets Friday",
        'he saw "possibilities" for military cooperation with North Korea.',
    ),
    "002": (
        "Kim Jong-un has visited a factory that builds advanced fighter jets",
        "which has always closely guarded its…",
    ),
    "003": (
        "North Korean leader Kim Jong Un made a historic visit",
        "including those that Russia itself had voted to adopt.",
    ),
    "004": (
        "North Korean leader Kim Jong-un was on his way home on Sunday",
        "sent from the Soviet Union in the 1980s.",
    ),
}

# Furniture that must never be left in a body, and the reason it must be listed under.
FURNITURE = {
    "000": {
        "comments": "Join our commenting forum",
        "registration": "Thank you for registering",
        "caption": "(AP)",
    },
    "001": {"teaser": "Related article:", "caption": "TASS", "editor-note": "Updated with"},
    "002": {"teaser": "Read more"},
    "003": {"comments": "Leave A Reply"},
    "004": {
        "donation": "Your donation allows us",
        "comments": "commenting forum",
        "registration": "Please refresh",
        "caption": "Vladimir Putin shakes hands",
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata(seeds: dict[str, Article], name: str) -> None:
    title, authors, published, offset, outlet, url = EXPECTED[name]
    article = seeds[name]
    assert article.title == title
    assert article.authors == authors
    assert article.url == url
    assert (article.outlet.name if article.outlet else None) == outlet
    if published is None:  # the text gives no date: none, or one inferred from the story
        assert article.published is None or article.published.inferred
        assert {"no publication date in the source", "publication date inferred"} & set(
            article.notes
        )
    else:
        assert article.published is not None
        assert article.published.at.replace(tzinfo=None).isoformat()[:16] == published
        assert article.published.basis
        if offset is not None:
            assert article.published.timezone_stated
            assert article.published.at.utcoffset() == timedelta(hours=offset)


@pytest.mark.parametrize("name", sorted(FIRST_AND_LAST))
def test_body_starts_and_ends_with_the_story(seeds: dict[str, Article], name: str) -> None:
    first, last = FIRST_AND_LAST[name]
    text = seeds[name].text
    assert text.startswith(first)
    assert text.endswith(last)


@pytest.mark.parametrize("name", sorted(FURNITURE))
def test_furniture_is_removed_with_its_reason(seeds: dict[str, Article], name: str) -> None:
    article = seeds[name]
    for reason, fragment in FURNITURE[name].items():
        assert fragment not in article.text
        assert any(r.reason == reason and fragment in r.text for r in article.removed), reason


def test_no_furniture_words_left_in_any_body(seeds: dict[str, Article]) -> None:
    furniture = re.compile(
        r"comment|register|logged in|donation|Read more|Related article|\(AP\)|REUTERS\)|"
        r"Leave A Reply|email address|<u>|</u>",
        re.IGNORECASE,
    )
    for article in seeds.values():
        assert not furniture.search(article.text), (article.source, furniture.search(article.text))


def test_standfirsts(seeds: dict[str, Article]) -> None:
    assert seeds["000"].standfirst is not None
    assert seeds["000"].standfirst.startswith("Putin earlier gifted a spacesuit")
    assert (
        seeds["004"].standfirst
        == "Pyongyang calls Kim’s visit ‘fresh heyday’ for bilateral relation"
    )
    assert seeds["001"].standfirst is None


def test_markup_and_split_paragraphs_are_repaired(seeds: dict[str, Article]) -> None:
    text = seeds["001"].text
    assert "Kim Jong Un inspected Russia's fighter jets" in text
    assert "a tour of Su-35 and Su-57 fighter jet assembly workshops." in text
    assert "for military cooperation with North Korea." in text
    assert any(r.reason == "markup" for r in seeds["001"].removed)


def test_truncated_body_is_flagged(seeds: dict[str, Article]) -> None:
    assert seeds["002"].truncated
    assert not any(seeds[n].truncated for n in ("000", "001", "003", "004"))


def test_spans_cover_the_paragraphs(seeds: dict[str, Article]) -> None:
    for article in seeds.values():
        pieces = [span.of(article.text) for span in article.paragraphs]
        assert "\n\n".join(pieces) == article.text
        assert all(piece.strip() == piece and piece for piece in pieces)


def test_published_is_timezone_aware(seeds: dict[str, Article]) -> None:
    for article in seeds.values():
        if article.published is not None:
            assert isinstance(article.published.at, datetime)
            assert article.published.at.utcoffset() is not None
