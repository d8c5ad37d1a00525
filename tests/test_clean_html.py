"""extract_html: main text only, metadata from the page, None for pages without an article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench._text_metrics import shingle_scores, word_prf
from bench.extraction import _ours as our_html_path
from bench.extraction import load_pages

from newsfuse.clean.html import HtmlExtraction, extract_html

ROOT = Path(__file__).resolve().parents[1]
SCRAPINGHUB = ROOT.parent / "shared" / "data" / "extraction" / "scrapinghub-aeb"
GATE = json.loads((ROOT / "bench" / "gates" / "extraction.json").read_text(encoding="utf-8"))

PARAGRAPHS = (
    "The city council voted on Tuesday to expand the harbour ferry service to three new "
    "stops on the eastern shore, ending a decade-long dispute over the route.",
    "Supporters said the change would cut commuting times for thousands of residents who now "
    "drive around the bay, while opponents warned about the cost of new piers and staff.",
    "The first boats are expected to run next spring, once the contracts for the landing "
    "stages have been signed and the crews have finished their safety training.",
)

ARTICLE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <title>Council approves ferry expansion | Harbour Gazette</title>
  <meta name="description" content="Three new stops on the eastern shore.">
  <meta property="og:site_name" content="Harbour Gazette">
  <meta name="author" content="Jane Smith">
  <meta property="article:published_time" content="2024-03-05T09:30:00+00:00">
  <link rel="canonical" href="https://gazette.example.com/news/ferry-expansion">
</head>
<body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
    <li><a href="/sport">Sport</a></li></ul></nav>
  <article>
    <h1>Council approves ferry expansion</h1>
    <div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
    <p>{PARAGRAPHS[0]}</p>
    <p>{PARAGRAPHS[1]}</p>
    <p>Read more: <a href="/news/bridge">Bridge repairs delayed again</a></p>
    <p>{PARAGRAPHS[2]}</p>
    <p>Sign up for our newsletter to get the day's top stories in your inbox.</p>
  </article>
  <section id="comments" class="comments">
    <h2>Comments</h2>
    <div class="comment"><p>Finally! I have been waiting years for this ferry to come.</p></div>
  </section>
  <footer><p>Copyright 2024 Harbour Gazette. All rights reserved.</p>
    <a href="/privacy">Privacy policy</a></footer>
</body>
</html>"""


@pytest.fixture(scope="module")
def article() -> HtmlExtraction:
    found = extract_html(ARTICLE, url="https://gazette.example.com/news/ferry-expansion?ref=rss")
    assert found is not None
    return found


def test_main_text_is_the_article_paragraphs_only(article: HtmlExtraction) -> None:
    assert article.text.split("\n\n") == list(PARAGRAPHS)


def test_navigation_share_comments_and_footer_are_left_out(article: HtmlExtraction) -> None:
    for noise in ("Home", "Share on", "Finally!", "Copyright", "Privacy", "newsletter", "Bridge"):
        assert noise not in article.text


def test_metadata_comes_from_the_page(article: HtmlExtraction) -> None:
    assert article.title == "Council approves ferry expansion"
    assert article.authors == ("Jane Smith",)
    assert article.published == "2024-03-05"
    assert article.sitename == "Harbour Gazette"
    assert article.url == "https://gazette.example.com/news/ferry-expansion"
    assert article.language == "en"
    assert article.description == "Three new stops on the eastern shore."


def test_title_without_h1_drops_the_site_name() -> None:
    page = ARTICLE.replace("<h1>Council approves ferry expansion</h1>", "")
    found = extract_html(page)
    assert found is not None
    assert found.title == "Council approves ferry expansion"


def test_byline_is_found_when_no_meta_tag_names_the_author() -> None:
    page = ARTICLE.replace('<meta name="author" content="Jane Smith">', "").replace(
        "<h1>Council", '<p class="byline">By Tom Jones</p><h1>Council'
    )
    found = extract_html(page)
    assert found is not None
    assert found.authors == ("Tom Jones",)


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n ",
        "not html at all",
        "<html><head><title>Empty</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>",
        "\x00\x01\x02garbage\xff",
    ],
)
def test_pages_without_main_text_give_none(html: str) -> None:
    assert extract_html(html) is None


def test_quality_gate_first_scrapinghub_pages() -> None:
    """Mean scrapinghub F1 on the first 25 pages (by id) stays at or above the pinned value."""
    if not SCRAPINGHUB.is_dir():
        pytest.skip(f"benchmark data not found at {SCRAPINGHUB}")
    _, pages = load_pages(SCRAPINGHUB, limit=25)
    found = [our_html_path(p).text for p in pages]  # extraction, then newsfuse's cleaning
    scores = shingle_scores(zip((p.gold for p in pages), found, strict=True))
    assert all(found), "every benchmark page has an article"
    assert scores["f1"] >= GATE["extraction"]["scrapinghub-aeb-first25"]["f1"]


def test_benchmark_metrics_follow_their_definitions() -> None:
    gold = "one two three four five"
    assert shingle_scores([(gold, gold)])["f1"] == 1.0
    # 2 shared shingles of 4 tokens; the prediction has 1 extra and misses none
    partial = shingle_scores([(gold, gold + " six")])
    assert partial["precision"] == pytest.approx(2 / 3)
    assert partial["recall"] == 1.0
    # an empty prediction counts for recall only
    assert shingle_scores([(gold, None), (gold, gold)]) == {
        "precision": 1.0,
        "recall": 0.5,
        "f1": pytest.approx(2 / 3),
    }
    assert word_prf("The cat sat", "the cat") == (1.0, 2 / 3, pytest.approx(0.8))
