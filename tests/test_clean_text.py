"""Cleaning on articles shaped unlike the seeds: the rules are about kinds, not sentences."""

from __future__ import annotations

import pytest

from newsfuse.clean.article import build_article, prepare
from newsfuse.clean.blocks import split_blocks, strip_markup
from newsfuse.clean.classify import byline_names
from newsfuse.clean.crossdoc import find_shared_lines
from newsfuse.clean.dates import is_date_line, parse_published
from newsfuse.clean.repair import join_split_paragraphs
from newsfuse.model import Article, RawDocument, SourceHints
from newsfuse.pipeline import clean_documents

WIRE_STYLE = """\
Flooding forces thousands from homes in northern Italy

By Maria Rossi and John O'Neill

Published: 3 March 2021 14:05 CET

Share this article

Rescue teams evacuated more than 4,000 people on Wednesday as rivers burst their banks \
across Emilia-Romagna, officials said.

Advertisement

Firefighters used boats to reach residents trapped on upper floors in the town of Faenza, \
where water rose above two metres overnight.

Residents wade through a flooded street in Faenza on Wednesday. (Getty Images)

READ MORE: Europe's wettest spring in a century, explained

The regional president said the damage would run into billions of euros and asked Rome to \
declare a state of emergency.

Sign up for our free Morning Briefing newsletter and get the news in your inbox every day.

Forecasters expect more rain in the region on Thursday before conditions improve at the weekend.

Reporting by Maria Rossi; editing by Paul Smith

© 2021 Example News Ltd. All rights reserved.
"""


def _clean(text: str, **hints: str) -> Article:
    raw = RawDocument("mem.txt", "text", text, "utf-8", SourceHints(**hints))
    return build_article(prepare(raw))


def test_wire_style_article() -> None:
    article = _clean(WIRE_STYLE)
    assert article.title == "Flooding forces thousands from homes in northern Italy"
    assert article.authors == ("Maria Rossi", "John O'Neill")
    assert article.published is not None
    assert article.published.at.isoformat() == "2021-03-03T14:05:00+01:00"
    assert article.published.precision == "minute"
    assert article.text.startswith("Rescue teams evacuated")
    assert article.text.endswith("conditions improve at the weekend.")
    reasons = {r.reason for r in article.removed}
    assert {
        "share",
        "advertisement",
        "caption",
        "teaser",
        "newsletter",
        "credit",
        "copyright",
    } <= reasons
    for furniture in ("Advertisement", "Getty", "READ MORE", "newsletter", "editing by", "©"):
        assert furniture not in article.text


def test_jsonl_hints_take_precedence() -> None:
    article = _clean(
        "The central bank raised rates by half a point on Thursday, its third rise this year, "
        "citing persistent inflation in services.",
        title="Bank raises rates",
        url="https://www.reuters.com/markets/x",
        published="2022-07-21T12:00:00+00:00",
    )
    assert article.title == "Bank raises rates"
    assert article.outlet is not None and article.outlet.name == "Reuters"
    assert article.published is not None
    assert article.published.timezone_stated


@pytest.mark.parametrize(
    ("line", "is_date"),
    [
        ("Friday 15 September 2023 11:09 BST", True),
        ("September 15, 2023", True),
        ("2023-09-15 01:03:11", True),
        ("Updated: 12:30 PM ET, Mon March 4, 2024", True),
        ("Published 4 March 2024", True),
        ("On Friday the leader visited the plant.", False),
        ("In 2023 the plant built 40 jets.", False),
        ("September", False),
    ],
)
def test_date_lines(line: str, is_date: bool) -> None:
    assert is_date_line(line) is is_date


@pytest.mark.parametrize(
    ("text", "iso", "precision", "stated"),
    [
        ("Friday 15 September 2023 11:09 BST", "2023-09-15T11:09:00+01:00", "minute", True),
        ("September 15, 2023", "2023-09-15T00:00:00+00:00", "day", False),
        ("12:30 PM ET, Mon March 4, 2024", "2024-03-04T12:30:00-05:00", "minute", True),
        ("4 July 2024 9:00 ET", "2024-07-04T09:00:00-04:00", "minute", True),
        ("2023-09-15T01:03:11+02:00", "2023-09-15T01:03:11+02:00", "second", True),
        ("March 2021", "2021-03-01T00:00:00+00:00", "month", False),
    ],
)
def test_parse_published(text: str, iso: str, precision: str, stated: bool) -> None:
    published = parse_published(text, basis="test")
    assert published is not None
    assert published.at.isoformat() == iso
    assert published.precision == precision
    assert published.timezone_stated is stated


def test_markup_glued_to_words_becomes_a_space() -> None:
    blocks, removals = strip_markup(
        split_blocks("The minister<u>said</u> it was <b>final</b>.\nA &amp; B &lt;3 agreed.")
    )
    assert [b.text for b in blocks] == ["The minister said it was final.", "A & B <3 agreed."]
    assert removals[0].reason == "markup"


def test_sentences_split_across_lines_are_rejoined() -> None:
    blocks = split_blocks(
        "The company said revenue rose in\n\nthe third quarter.\n\nShares fell 3%.\n\n"
        "Analysts were surprised by the\n\nscale of the drop.\n\nA new paragraph Starts here."
    )
    joined, count = join_split_paragraphs(blocks)
    assert count == 2
    assert [b.text for b in joined] == [
        "The company said revenue rose in the third quarter.",
        "Shares fell 3%.",
        "Analysts were surprised by the scale of the drop.",
        "A new paragraph Starts here.",
    ]


def _story(body: str, footer: str) -> str:
    return f"Headline for {body[:10]}\n\n{body}\n\n{footer}\n"


def test_lines_shared_by_one_outlets_articles_are_furniture() -> None:
    footer = "Tap here to get the Daily Bulletin app\n\nOur journalists on X and Bluesky"
    one = _story("The mayor opened a new bridge across the river on Monday. " * 3, footer)
    two = _story("Schools will close early on Friday because of a heatwave warning. " * 3, footer)
    raws = [RawDocument(f"{i}.txt", "text", t, "utf-8") for i, t in enumerate((one, two))]
    articles, rejections = clean_documents(raws)
    assert not rejections
    for article in articles:
        assert "Bulletin" not in article.text
        assert "Bluesky" not in article.text
        assert {r.reason for r in article.removed} >= {"shared-boilerplate"}


def test_wire_copies_keep_their_shared_text() -> None:
    body = "\n\n".join(
        f"Paragraph {i} of the wire story about the storm hitting the coast." for i in range(8)
    )
    one = f"Storm hits coast\n\n{body}\n\nSome local ending for paper one."
    two = f"Storm batters coast\n\n{body}"
    blocks = [split_blocks(one), split_blocks(two)]
    shared = find_shared_lines(blocks)
    assert shared.by_article == (frozenset(), frozenset())
    assert shared.outlet_groups == ()


def test_caption_printed_twice() -> None:
    article = _clean(
        "A headline about a summit\n\nLeaders met in Geneva on Monday for talks on trade, "
        "officials said, in the first such meeting for years.\n\n"
        "The two presidents shake hands in Geneva on Monday\n"
        "The two presidents shake hands in Geneva on Monday (Reuters)\n\n"
        "Talks are expected to continue on Tuesday, with a joint statement due at noon."
    )
    assert "shake hands" not in article.text
    assert [r.detail for r in article.removed if r.reason == "caption"] == [
        "photo caption printed twice",
        "photo or video caption (credit line)",
    ]


def test_comment_section_is_cut_with_the_readers_comments() -> None:
    article = _clean(
        "Council approves new park\n\nThe city council approved plans for a new park on the "
        "old rail yard, with work due to start next spring.\n\nThe park will cost 12 million "
        "pounds.\n\n23 Comments\n\nI think this is a great idea for the town.\n\nWhat a waste "
        "of money, honestly."
    )
    assert article.text.endswith("12 million pounds.")
    assert sum(r.reason == "comments" for r in article.removed) == 3


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Shweta Sharma", ("Shweta Sharma",)),
        ("BY JOHN SMITH AND JANE DOE", ("John Smith", "Jane Doe")),
        ("Andrew Roth in Moscow", ("Andrew Roth",)),
        ("Jean-Claude van Damme and Bob Smith, Reuters", ("Jean-Claude van Damme", "Bob Smith")),
        # Long lines that are not bylines: the old case-insensitive pattern backtracked for
        # minutes on these before failing (they come from real corpora).
        ("Economic growth is rising , poverty is falling and democratic governance is "
         "spreading .", ()),
        ("Behind the scenes, Michael Cohen hired RedFinch Solutions, then allegedly stiffed "
         "it—and his boss.", ()),
    ],
)  # fmt: skip
def test_byline_names(line: str, names: tuple[str, ...]) -> None:
    assert byline_names(line) == names
