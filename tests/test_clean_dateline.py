"""A date line after the story ("Published 15 September 2023" at the foot, as some outlets
print it) is the publication stamp, read from the footer: it does not end the header, which
would make every block above it the standfirst and leave no story."""

from __future__ import annotations

import pytest

from newsfuse.clean.article import build_article, prepare
from newsfuse.model import Article, RawDocument, SourceHints

TITLE = "Kessel bridge plan approved after a decade of delays"
BODY = (
    "The council of Kessel approved the plan for a new bridge over the river on Thursday, "
    "ending a dispute that has run for more than ten years.",
    "The bridge will carry two lanes of traffic and a cycle path, and is expected to open "
    "in the spring of 2026, the council's planning officer said.",
    "Residents on both banks have campaigned for the crossing since the old ferry stopped "
    "running, and several spoke in favour at the meeting.",
    "Opponents said the cost had doubled since the first estimate and asked for an "
    "independent review, which the council declined.",
)


def _clean(text: str) -> Article:
    return build_article(prepare(RawDocument("mem.txt", "text", text, "utf-8", SourceHints())))


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Published 15 September 2023", "2023-09-15"),
        ("Last updated: 15 September 2023, 10:42 BST", "2023-09-15"),
        ("Published 2023", "2023"),
    ],
)
def test_a_date_line_after_the_story_is_a_foot_line(line: str, day: str) -> None:
    article = _clean("\n\n".join((TITLE, *BODY, line)) + "\n")
    assert article.title == TITLE
    assert article.standfirst is None
    assert article.text == "\n\n".join(BODY)
    assert article.published is not None
    assert article.published.at.isoformat().startswith(day)
    assert "footer" in article.published.basis
    (stamp,) = [r for r in article.removed if r.text == line]
    assert stamp.zone == "footer" and stamp.reason == "metadata"


def test_a_date_line_after_the_story_with_furniture_below_it() -> None:
    text = "\n\n".join((TITLE, *BODY, "Published 15 September 2023", "Share this article"))
    article = _clean(text)
    assert article.text == "\n\n".join(BODY) and article.standfirst is None


def test_a_date_line_at_the_top_still_ends_the_header() -> None:
    standfirst = "Councillors back a crossing first proposed in 2013"
    article = _clean("\n\n".join((TITLE, standfirst, "Published 15 September 2023", *BODY)))
    assert article.standfirst == standfirst
    assert article.text == "\n\n".join(BODY)
    assert article.published is not None and "header" in article.published.basis
